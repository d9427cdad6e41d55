//! `yardstick score`: the results as a table, JSON, CSV or a workbook.

use std::io::Write;

use yardstick::i18n::Lang;
use yardstick::tr;

use super::{Failure, load};
use crate::args::{ScoreArgs, ScoreFormat};
use crate::out::{check_output, pick_format, print_with, write_output};

pub fn run(a: ScoreArgs, lang: Lang) -> Result<(), Failure> {
    let b = load(&a.bundle, &a.read, lang)?;
    // The output's place first (never an input), then its format.
    check_output(a.output.as_deref(), b.inputs(), lang)?;
    let format = pick_format(
        lang,
        "score",
        a.format,
        a.output.as_deref(),
        &[
            ("xlsx", ScoreFormat::Xlsx),
            ("csv", ScoreFormat::Csv),
            ("json", ScoreFormat::Json),
            ("txt", ScoreFormat::Table),
        ],
        ScoreFormat::Table,
    )?;
    if format == ScoreFormat::Xlsx && a.output.is_none() {
        // A command-line error (exit status 2): a workbook is not for a terminal.
        return Err(Failure::Usage(tr!(lang, "cli-error-xlsx-needs-output")));
    }
    let scored = yardstick::score(&b).with_lang(lang);
    if format == ScoreFormat::Xlsx {
        let bytes = yardstick::report::xlsx::to_xlsx(&scored)
            .map_err(|e| Failure::Other(tr!(lang, "cli-xlsx-failed", why = e)))?;
        return match &a.output {
            Some(path) => write_output(path, b.inputs(), lang, |w| w.write_all(&bytes)),
            None => print_with(lang, |w| w.write_all(&bytes)),
        };
    }
    // Streamed: a province's results are never all in memory at once.
    let write = |w: &mut dyn Write| match format {
        ScoreFormat::Table => yardstick::report::table::write(&scored, w),
        ScoreFormat::Csv => yardstick::report::csv::write(&scored, w),
        _ => {
            yardstick::report::json::write(&scored, w)?;
            w.write_all(b"\n")
        }
    };
    match &a.output {
        Some(path) => write_output(path, b.inputs(), lang, write),
        None => print_with(lang, write),
    }
}
