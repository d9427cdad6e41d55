//! `yardstick report`: the printable HTML report.

use std::io::Write;

use yardstick::i18n::Lang;

use super::{Failure, load};
use crate::args::ReportArgs;
use crate::out::{check_output, pick_format, print_with, write_output};

pub fn run(a: ReportArgs, lang: Lang) -> Result<(), Failure> {
    let b = load(&a.bundle, &a.read, lang)?;
    check_output(a.output.as_deref(), b.inputs(), lang)?;
    pick_format(
        lang,
        "report",
        None,
        a.output.as_deref(),
        &[("html", ()), ("htm", ())],
        (),
    )?;
    let scored = yardstick::score(&b).with_lang(lang);
    // The audit section reads the ballot files again: its errors come before any output.
    let audited = yardstick::audit::audit(&scored, &yardstick::FsFiles, &a.read.options())?;
    // Streamed: the workers' rows are written block by block.
    let write = |w: &mut dyn Write| yardstick::html::write(&audited, w);
    match &a.output {
        Some(path) => write_output(path, b.inputs(), lang, write),
        None => print_with(lang, write),
    }
}
