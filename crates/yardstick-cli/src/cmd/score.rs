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
    if format == ScoreFormat::Xlsx {
        let Some(path) = &a.output else {
            // A command-line error (exit status 2): a workbook is not for a terminal.
            return Err(Failure::Usage(tr!(lang, "cli-error-xlsx-needs-output")));
        };
        let scored = yardstick::score(&b).with_lang(lang);
        // The 审核 sheet's audit reads the ballot files again: its errors come before any
        // file is made.
        let audited = yardstick::audit::audit(&scored, &yardstick::FsFiles, &a.read.options())?;
        // Streamed into write_output's temporary file, renamed into place when whole. A
        // failure to write is write_output's error; the workbook's own is said as such.
        let mut unmade = None;
        let written = write_output(path, b.inputs(), lang, |w| {
            yardstick::report::xlsx::write(&audited, w).inspect_err(|e| {
                unmade = e
                    .get_ref()
                    .and_then(|e| e.downcast_ref::<yardstick::report::xlsx::XlsxError>())
                    .map(ToString::to_string);
            })
        });
        return match unmade {
            Some(why) => Err(Failure::Other(tr!(lang, "cli-xlsx-failed", why = why))),
            None => written,
        };
    }
    let scored = yardstick::score(&b).with_lang(lang);
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
