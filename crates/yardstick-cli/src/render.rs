//! Rendering diagnostics for people.

use yardstick::{Diagnostic, Severity};

use crate::cli::Failure;

fn one(d: &Diagnostic) -> String {
    let mut s = d.to_string();
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
pub fn warnings(list: &[Diagnostic]) {
    for group in yardstick::error::group_warnings(list, SHOWN_PER_KIND) {
        for d in &group.shown {
            eprintln!("{}", one(d));
        }
        if group.more > 0
            && let Some(last) = group.shown.last()
        {
            eprintln!(
                "{}: … and {} more warning(s) like the one above",
                last.file, group.more
            );
        }
    }
}

/// Prints a failure to standard error.
pub fn failure(f: &Failure) {
    match f {
        Failure::Input(e) => {
            let warned: Vec<Diagnostic> = e
                .diagnostics()
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .cloned()
                .collect();
            warnings(&warned);
            for d in e.errors() {
                eprintln!("{}", one(d));
            }
            let n = e.errors().count();
            eprintln!("{n} error(s) found; nothing was scored and no output was written.");
        }
        Failure::Other(msg) => eprintln!("error: {msg}"),
        Failure::Usage(text) => eprintln!("{text}"),
    }
}
