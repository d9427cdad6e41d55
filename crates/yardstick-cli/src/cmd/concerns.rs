//! `yardstick concerns`: the ledger of residents' concerns on a day.

use std::io::Write;

use yardstick::concerns::{Calendar, Date, Ledger};
use yardstick::i18n::Lang;

use super::Failure;
use crate::args::{ConcernsArgs, Format};
use crate::out::{check_output, pick_format, print_with, today_in_china, write_output};
use crate::render;

pub fn run(a: ConcernsArgs, lang: Lang) -> Result<(), Failure> {
    let as_of = match &a.as_of {
        // A date that does not exist is a command-line error (exit status 2).
        Some(text) => Date::parse(text)
            .map_err(|e| Failure::Usage(format!("--as-of {text}: {}", e.reason().text(lang))))?,
        None => today_in_china(lang)?,
    };
    let loaded = Ledger::load_with_options(
        &yardstick::FsFiles,
        &a.bundle,
        Calendar::shipped(),
        &a.read.options(),
    )?;
    render::warnings(&loaded.warnings, lang);
    let ledger = loaded.output;
    check_output(a.output.as_deref(), &ledger.inputs, lang)?;
    let format = pick_format(
        lang,
        "concerns",
        a.format,
        a.output.as_deref(),
        &[
            ("csv", Format::Csv),
            ("json", Format::Json),
            ("txt", Format::Table),
        ],
        Format::Table,
    )?;
    // A day in a year without a holiday notice: the working days left cannot be told.
    let report = ledger
        .report(as_of)
        .map_err(|e| Failure::Other(format!("--as-of {as_of}: {}", e.text(lang))))?;
    // Streamed to the output: the report is never a whole string in memory.
    let write = |w: &mut dyn Write| match format {
        Format::Table => report.write_text(w),
        Format::Json => report.write_json(w),
        Format::Csv => report.write_csv(w),
    };
    match &a.output {
        Some(path) => write_output(path, &ledger.inputs, lang, write),
        None => print_with(lang, write),
    }
}
