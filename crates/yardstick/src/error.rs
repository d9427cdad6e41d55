//! Diagnostics: every problem found in the input, with where it is, returned as data.

use std::fmt;

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input cannot be scored until this is fixed.
    Error,
    /// Worth knowing (an ignored column, a date that does not parse); scoring goes on.
    Warning,
}

/// One problem in one place of one file.
///
/// `line` and `column` are 1-based. For CSV files the line is the physical line of the file
/// (the header is line 1) and the column is the field's position in the row, as a spreadsheet
/// counts columns; `field` names the column's header. For TOML files both come from the byte
/// offset of the offending value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file as the user named it (a path relative to the working folder, or as given).
    pub file: String,
    /// 1-based line, when the problem is on a line.
    pub line: Option<u64>,
    /// 1-based column, when the problem is in one cell or value.
    pub column: Option<u64>,
    /// The column's header name (CSV) or key (TOML), when known.
    pub field: Option<String>,
    /// What is wrong, in a sentence.
    pub message: String,
    /// The text of the offending line, for showing with a caret.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// An error about a whole file.
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            source_line: None,
        }
    }

    /// A warning about a whole file.
    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Places the diagnostic on a line.
    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// Places the diagnostic on a line and column.
    pub fn at(mut self, line: u64, column: u64) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Names the column or key.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Attaches the offending line's text.
    pub fn source(mut self, line: impl Into<String>) -> Self {
        self.source_line = Some(line.into());
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:column: error: message (column "score")`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {kind}: {}", self.message)
    }
}

/// The input or the rubric is wrong: every problem found, all at once.
///
/// Nothing was scored. The diagnostics are in the order found, file by file.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{} problem(s) in the input; nothing was scored", .diagnostics.iter().filter(|d| d.is_error()).count())]
pub struct Error {
    diagnostics: Vec<Diagnostic>,
}

impl Error {
    /// Wraps diagnostics, at least one of which is an error.
    pub fn new(diagnostics: Vec<Diagnostic>) -> Self {
        Error { diagnostics }
    }

    /// Every diagnostic: the errors and any warnings found on the way.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Only the errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// A result together with the warnings raised while making it.
#[derive(Debug, Clone)]
pub struct Warned<T> {
    /// The result.
    pub output: T,
    /// Warnings: nothing that stops scoring, everything the user should see.
    pub warnings: Vec<Diagnostic>,
}

/// Collects diagnostics while reading; turns into an [`Error`] when any is an error.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    pub(crate) items: Vec<Diagnostic>,
}

impl Sink {
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// `Ok(warnings)` when there is no error, otherwise everything as an [`Error`].
    pub(crate) fn finish(self) -> Result<Vec<Diagnostic>, Error> {
        if self.has_errors() {
            Err(Error::new(self.items))
        } else {
            Ok(self.items)
        }
    }
}

/// Maps byte offsets of a text to 1-based line and column (columns count characters).
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// Line, column and the line's text for a byte offset.
    pub(crate) fn locate(&self, offset: usize) -> (u64, u64, &'a str) {
        let offset = offset.min(self.text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |e| e.saturating_sub(1));
        let line_text = self
            .text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches('\r');
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line as u64 + 1, col as u64, line_text)
    }

    /// A diagnostic at a byte span of this text.
    pub(crate) fn diag(
        &self,
        file: &str,
        span: std::ops::Range<usize>,
        message: String,
    ) -> Diagnostic {
        let (line, col, text) = self.locate(span.start);
        Diagnostic::error(file, message).at(line, col).source(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_offsets_in_lines_and_characters() {
        let text = "a = 1\n名称 = \"x\"\nb = 2";
        let idx = LineIndex::new(text);
        assert_eq!(idx.locate(0), (1, 1, "a = 1"));
        let off = text.find("= \"x").unwrap();
        assert_eq!(idx.locate(off), (2, 4, "名称 = \"x\""));
        assert_eq!(idx.locate(text.len()), (3, 6, "b = 2"));
    }

    #[test]
    fn displays_file_line_column() {
        let d = Diagnostic::error("ballots.csv", "unknown choice \"很好\"").at(7, 3);
        assert_eq!(
            d.to_string(),
            "ballots.csv:7:3: error: unknown choice \"很好\""
        );
    }
}
