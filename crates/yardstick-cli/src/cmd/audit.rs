//! `yardstick audit`: the fairness audit (rater agreement, leniency, grade margins, ballot
//! sheets) as a table or JSON; it changes no score.

use std::io::Write;

use yardstick::i18n::Lang;

use super::{Failure, load};
use crate::args::{AuditArgs, AuditFormat};
use crate::out::{check_output, pick_format, print_with, write_output};

pub fn run(a: AuditArgs, lang: Lang) -> Result<(), Failure> {
    let b = load(&a.bundle, &a.read, lang)?;
    // The output's place first (never an input), then its format.
    check_output(a.output.as_deref(), b.inputs(), lang)?;
    let format = pick_format(
        lang,
        "audit",
        a.format,
        a.output.as_deref(),
        &[("json", AuditFormat::Json), ("txt", AuditFormat::Table)],
        AuditFormat::Table,
    )?;
    let scored = yardstick::score(&b).with_lang(lang);
    let audit = yardstick::audit::audit(&scored, &yardstick::FsFiles, &a.read.options())?;
    let write = |w: &mut dyn Write| match format {
        AuditFormat::Table => audit.write_table(w),
        AuditFormat::Json => audit.write_json(w),
    };
    match &a.output {
        Some(path) => write_output(path, b.inputs(), lang, write),
        None => print_with(lang, write),
    }
}
