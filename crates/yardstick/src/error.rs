//! Diagnostics: every problem found in the input, with where it is, returned as data.

use std::fmt;

use serde::Serialize;

use crate::i18n::{Lang, Message};

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
/// offset of the offending value. For a sheet of a workbook, `sheet` names the sheet, `line` is
/// the sheet's row number and `column` its column number (A = 1), and the diagnostic displays
/// the place as a spreadsheet names it:
///
/// The message is kept as a message id with its arguments ([`Message`]) and put into words
/// when shown: [`Diagnostic::render`] in the language asked for, `Display` in the default
/// language, Chinese.
///
/// ```
/// use yardstick::Diagnostic;
/// use yardstick::i18n::Lang;
/// use yardstick::msg;
///
/// let m = msg!("error-not-a-number", subject = msg!("what-cell", value = "八十", column = "score"));
/// let csv = Diagnostic::error("b/report.csv", m.clone()).at(17, 3);
/// assert_eq!(csv.render(Lang::En), "b/report.csv:17:3: error: \"八十\" in column \"score\" is not a number");
/// assert_eq!(csv.to_string(), "b/report.csv:17:3: 错误：“score”列的“八十”不是数字");
/// let xlsx = Diagnostic::error("b/report.xlsx", m.clone()).at(17, 3).in_sheet("Sheet1");
/// assert_eq!(xlsx.place(), "b/report.xlsx!C17");
/// // A whole row is written as Excel writes it.
/// let row = Diagnostic::error("b/report.xlsx", m).at_line(17).in_sheet("Sheet1");
/// assert_eq!(row.place(), "b/report.xlsx!17:17");
/// ```
///
/// The file is named as the bundle names it: `ballots.xlsx` when the first sheet is read,
/// `book.xlsx#民主测评` when the bundle names the sheet, so the place reads
/// `book.xlsx#民主测评!C17`.
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
    /// What is wrong, in a sentence: a message of the catalogs, put into words in the language
    /// asked for ([`Diagnostic::text`]); serialized in the default language.
    pub message: Message,
    /// The text of the offending line, for showing with a caret.
    pub source_line: Option<String>,
    /// The sheet, when the file is a spreadsheet workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

impl Diagnostic {
    /// An error about a whole file.
    pub fn error(file: impl Into<String>, message: Message) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            field: None,
            message,
            source_line: None,
            sheet: None,
        }
    }

    /// A warning about a whole file.
    pub fn warning(file: impl Into<String>, message: Message) -> Self {
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

    /// Places the diagnostic in a sheet of a workbook: `line` is then the sheet's row and
    /// `column` its column number.
    pub fn in_sheet(mut self, sheet: impl Into<String>) -> Self {
        self.sheet = Some(sheet.into());
        self
    }

    /// The place as text: `file:line:column` for text files, `file!C17` (or `file!17:17` for
    /// a whole row) for a sheet of a workbook, `file` alone for a whole file.
    pub fn place(&self) -> String {
        let mut s = self.file.clone();
        match (self.sheet.is_some(), self.line, self.column) {
            (_, None, _) => {}
            (false, Some(line), None) => s.push_str(&format!(":{line}")),
            (false, Some(line), Some(col)) => s.push_str(&format!(":{line}:{col}")),
            (true, Some(line), None) => s.push_str(&format!("!{line}:{line}")),
            (true, Some(line), Some(col)) => {
                s.push('!');
                s.push_str(&column_letters(col));
                s.push_str(&line.to_string());
            }
        }
        s
    }

    /// What is wrong, in words, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.message.text(lang)
    }

    /// The whole diagnostic in `lang`: `file:line:column: error: message`, or
    /// `file.xlsx!C17: error: message` in a workbook (`file.xlsx!C17: 错误：message` in
    /// Chinese). Control characters from the input are shown escaped.
    pub fn render(&self, lang: Lang) -> String {
        let place = self.place();
        let place = crate::show::printable(&place);
        let text = self.text(lang);
        let message = crate::show::printable(&text);
        match self.severity {
            Severity::Error => crate::tr!(lang, "diag-error", place = place, message = message),
            Severity::Warning => {
                crate::tr!(lang, "diag-warning", place = place, message = message)
            }
        }
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Warnings of one kind in one file: the first few to show, and how many more there are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningGroup<'a> {
    /// The warnings to show, in the order found.
    pub shown: Vec<&'a Diagnostic>,
    /// How many more of the same kind the file has.
    pub more: usize,
}

/// Groups warnings by file and kind (the message id), in the order each kind is first found,
/// keeping the first `first` of each: a province's thousand warnings of one kind read as five
/// and a count.
///
/// ```
/// use yardstick::Diagnostic;
/// use yardstick::error::group_warnings;
/// use yardstick::msg;
///
/// let w: Vec<Diagnostic> = (1..=8)
///     .map(|l| Diagnostic::warning("b/phone.csv", msg!("warning-not-a-date", value = format!("2024-13-0{l}"))).at(l, 4))
///     .chain([Diagnostic::warning("b/phone.csv", msg!("warning-unknown-column", column = "x", columns = "worker_id")).at(1, 9)])
///     .collect();
/// let groups = group_warnings(&w, 5);
/// assert_eq!(groups.len(), 2);
/// assert_eq!((groups[0].shown.len(), groups[0].more), (5, 3));
/// assert_eq!((groups[1].shown.len(), groups[1].more), (1, 0));
/// ```
pub fn group_warnings(warnings: &[Diagnostic], first: usize) -> Vec<WarningGroup<'_>> {
    let mut keys: Vec<(&str, &str)> = Vec::new();
    let mut groups: Vec<WarningGroup> = Vec::new();
    for d in warnings {
        let key = (d.file.as_str(), d.message.id());
        let g = match keys.iter().position(|k| *k == key) {
            Some(g) => g,
            None => {
                keys.push(key);
                groups.push(WarningGroup {
                    shown: Vec::new(),
                    more: 0,
                });
                groups.len() - 1
            }
        };
        if groups[g].shown.len() < first {
            groups[g].shown.push(d);
        } else {
            groups[g].more += 1;
        }
    }
    groups
}

/// A spreadsheet's name of a 1-based column number: 1 → `A`, 27 → `AA`.
///
/// ```
/// assert_eq!(yardstick::error::column_letters(3), "C");
/// assert_eq!(yardstick::error::column_letters(28), "AB");
/// ```
pub fn column_letters(column: u64) -> String {
    let mut n = column;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl fmt::Display for Diagnostic {
    /// [`Diagnostic::render`] in the default language, Chinese.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::default()))
    }
}

/// The input or the rubric is wrong: every problem found, all at once.
///
/// Nothing was scored. The diagnostics are in the order found, file by file. `Display` lists
/// every error, one a line, then how many there are, in the default language (Chinese);
/// [`Error::text`] in the language asked for.
///
/// ```
/// use yardstick::i18n::Lang;
///
/// let e = yardstick::Rubric::from_toml("[rubric]\nid = 1\n", "r.toml").unwrap_err();
/// let text = e.text(Lang::En);
/// assert!(text.starts_with("r.toml:2:"), "{text}");
/// assert!(text.ends_with("1 problem(s) in the input; nothing was scored"), "{text}");
/// assert!(e.to_string().ends_with("输入中有 1 处问题，没有评分"), "{e}");
/// ```
#[derive(Debug, Clone)]
pub struct Error {
    diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::default()))
    }
}

impl std::error::Error for Error {}

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

    /// Every error, one a line, then how many there are, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in self.errors() {
            out.push_str(&d.render(lang));
            out.push('\n');
        }
        out.push_str(&crate::tr!(
            lang,
            "diag-problems",
            count = self.errors().count()
        ));
        out
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
    /// Files that are sheets of workbooks, with the sheet read.
    workbooks: Vec<(String, String)>,
}

impl Sink {
    pub(crate) fn push(&mut self, mut d: Diagnostic) {
        if d.sheet.is_none()
            && let Some((_, sheet)) = self.workbooks.iter().find(|(f, _)| *f == d.file)
        {
            d.sheet = Some(sheet.clone());
        }
        self.items.push(d);
    }

    /// From now on, diagnostics about `file` are placed in `sheet` of a workbook.
    #[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
    pub(crate) fn workbook(&mut self, file: &str, sheet: &str) {
        self.workbooks.push((file.to_string(), sheet.to_string()));
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

/// Marks a serde error raised by one of our own readers of values (a number, a ratio), which
/// carries a message id and the value: `\u{1}error-not-decimal\u{1}0.x`. The TOML reader
/// passes it on as the error's text, and [`toml_message`] makes it a message again.
const SERDE_MARK: char = '\u{1}';

/// The ids a serde error of ours may carry (see [`serde_error`]).
const SERDE_IDS: [&str; 5] = [
    "error-not-finite",
    "error-not-decimal",
    "error-not-ratio-number",
    "error-not-ratio",
    "error-too-many-digits",
];

/// The text of a serde error about `value` that [`toml_message`] reads as the message `id`
/// (one of `SERDE_IDS`; `error-too-many-digits` is about a quoted text).
pub(crate) fn serde_error(id: &'static str, value: impl fmt::Display) -> String {
    debug_assert!(SERDE_IDS.contains(&id), "{id}");
    format!("{SERDE_MARK}{id}{SERDE_MARK}{value}")
}

/// A TOML reader's error as a message: our own readers' errors (see [`serde_error`]), and
/// serde's unknown and missing keys, in words of each language; any other error (the TOML
/// syntax) in the reader's own words.
pub(crate) fn toml_message(raw: &str) -> Message {
    use crate::msg;
    let raw = raw.trim();
    if let Some(rest) = raw.strip_prefix(SERDE_MARK)
        && let Some((id, value)) = rest.split_once(SERDE_MARK)
        && let Some(id) = SERDE_IDS.iter().find(|i| **i == id)
    {
        return match *id {
            "error-too-many-digits" => {
                crate::num::NumberError::TooManyDigits.message(msg!("what-quoted", value = value))
            }
            id => Message::new(id).with("value", crate::i18n::Arg::Text(value.to_string())),
        };
    }
    if let Some(rest) = raw.strip_prefix("unknown field `")
        && let Some((field, expected)) = rest.split_once("`, ")
        && !field.contains('`')
    {
        if let Some(keys) = expected.strip_prefix("expected one of ") {
            return msg!("error-toml-unknown-key", key = field, keys = keys);
        }
        if let Some(key) = expected.strip_prefix("expected ") {
            return msg!("error-toml-unknown-key-one", key = field, allowed = key);
        }
    }
    if let Some(field) = raw
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
        && !field.contains('`')
    {
        return msg!("error-toml-missing-key", key = field);
    }
    msg!("error-toml", why = raw)
}

/// A TOML reader's error as a diagnostic at its place in `text`.
pub(crate) fn toml_error(text: &str, file: &str, e: &toml::de::Error) -> Diagnostic {
    let msg = toml_message(e.message());
    match e.span() {
        Some(s) => LineIndex::new(text).diag(file, s, msg),
        None => Diagnostic::error(file, msg),
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
        message: Message,
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
        let m = crate::msg!(
            "error-unknown-label",
            what = crate::msg!("what-choice"),
            value = "很好",
            allowed = crate::i18n::List::quoted(["优秀"])
        );
        let d = Diagnostic::error("ballots.csv", m).at(7, 3);
        assert_eq!(
            d.render(Lang::En),
            "ballots.csv:7:3: error: unknown choice \"很好\"; the rubric allows \"优秀\""
        );
        assert_eq!(
            d.to_string(),
            "ballots.csv:7:3: 错误：“很好”不是可填的测评意见；评分细则允许填写：“优秀”"
        );
    }
}
