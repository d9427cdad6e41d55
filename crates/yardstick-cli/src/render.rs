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
        let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(before.as_str()));
        s.push_str(&format!("\n{pad} |\n{num} | {src}\n{pad} | {indent}^"));
    }
    s
}

/// Prints warnings to standard error.
pub fn warnings(list: &[Diagnostic]) {
    for d in list {
        eprintln!("{}", one(d));
    }
}

/// Prints a failure to standard error.
pub fn failure(f: &Failure) {
    match f {
        Failure::Input(e) => {
            for d in e
                .diagnostics()
                .iter()
                .filter(|d| d.severity == Severity::Warning)
            {
                eprintln!("{}", one(d));
            }
            for d in e.errors() {
                eprintln!("{}", one(d));
            }
            let n = e.errors().count();
            eprintln!("{n} error(s) found; nothing was scored and no output was written.");
        }
        Failure::Other(msg) => eprintln!("error: {msg}"),
    }
}
