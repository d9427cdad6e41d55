//! Rendering diagnostics for people.

use yardstick::{Diagnostic, Severity};

use std::process::ExitCode;

use yardstick::i18n::Lang;
use yardstick::tr;

use crate::cmd::Failure;

fn one(d: &Diagnostic, lang: Lang) -> String {
    let mut s = d.render(lang);
    if let (Some(line), Some(src)) = (d.line, &d.source_line) {
        let num = line.to_string();
        let pad = " ".repeat(num.len());
        let col = d.column.unwrap_or(1) as usize;
        let before: String = src.chars().take(col.saturating_sub(1)).collect();
        // Control characters are shown escaped, never sent to the terminal raw.
        let before = yardstick::show::printable(&before);
        let src = yardstick::show::printable(src);
        let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(before.as_ref()));
        s.push_str(&format!("\n{pad} |\n{num} | {src}\n{pad} | {indent}^"));
    }
    s
}

/// Warnings of one kind shown per file; the rest are counted.
const SHOWN_PER_KIND: usize = 5;

/// Prints warnings to standard error: the first few of each kind in each file, then a count of
/// the rest.
pub fn warnings(list: &[Diagnostic], lang: Lang) {
    for group in yardstick::error::group_warnings(list, SHOWN_PER_KIND) {
        for d in &group.shown {
            eprintln!("{}", one(d, lang));
        }
        if group.more > 0
            && let Some(last) = group.shown.last()
        {
            eprintln!(
                "{}",
                tr!(
                    lang,
                    "cli-more-warnings",
                    file = yardstick::show::printable(&last.file),
                    count = group.more
                )
            );
        }
    }
}

/// Prints a failure to standard error and gives the exit status: 2 when the command line is
/// wrong, 1 otherwise.
pub fn failure(f: &Failure, lang: Lang) -> ExitCode {
    match f {
        Failure::Input(e) => {
            let warned: Vec<Diagnostic> = e
                .diagnostics()
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .cloned()
                .collect();
            warnings(&warned, lang);
            for d in e.errors() {
                eprintln!("{}", one(d, lang));
            }
            let n = e.errors().count();
            eprintln!("{}", tr!(lang, "cli-errors-found", count = n));
            ExitCode::from(1)
        }
        Failure::Other(msg) => {
            eprintln!(
                "{}",
                tr!(lang, "cli-error", why = yardstick::show::printable(msg))
            );
            ExitCode::from(1)
        }
        Failure::Usage(text) => {
            eprintln!("{text}\n\n{}", tr!(lang, "cli-error-help"));
            ExitCode::from(2)
        }
    }
}
