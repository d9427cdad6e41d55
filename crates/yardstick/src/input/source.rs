//! Opening an input file of a bundle as a [`RowSource`], whatever its format: CSV in UTF-8 or
//! GB18030/GBK, or (with the `xlsx` feature) one sheet of a spreadsheet workbook.
//!
//! The format follows the file name: `.xlsx`, `.xlsm`, `.xlsb`, `.xls` and `.ods` are
//! workbooks, anything else is CSV. A workbook's sheet is named after `#`:
//! `roster = "名册.xlsx#花名册"`; without it the first sheet is read.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::Files;
use super::table::{CsvSource, RawRow, RowSource};
pub use super::text::TextEncoding;
use crate::error::{Diagnostic, Sink};

/// How the input files of a bundle are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The text encoding of CSV files (workbooks carry their own).
    pub encoding: TextEncoding,
}

/// The workbook formats, by file extension (lower case).
pub const WORKBOOK_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// A path as written in a bundle, split into the file and the sheet named after `#` (only for
/// a workbook: `#` is an ordinary character in other file names).
///
/// ```
/// use std::path::Path;
/// use yardstick::input::source::split_sheet;
///
/// let (file, sheet) = split_sheet(Path::new("b/名册.xlsx#花名册"));
/// assert_eq!((file.to_str(), sheet.as_deref()), (Some("b/名册.xlsx"), Some("花名册")));
/// assert_eq!(split_sheet(Path::new("b/a#1.csv")).1, None);
/// ```
pub fn split_sheet(path: &Path) -> (PathBuf, Option<String>) {
    let text = path.to_string_lossy();
    let lower = text.to_ascii_lowercase();
    for ext in WORKBOOK_EXTENSIONS {
        let marker = format!(".{ext}#");
        if let Some(i) = lower.find(&marker) {
            let cut = i + marker.len();
            let file = &text[..cut - 1];
            let sheet = &text[cut..];
            return (
                PathBuf::from(file),
                (!sheet.is_empty()).then(|| sheet.to_string()),
            );
        }
    }
    (path.to_path_buf(), None)
}

/// The file behind a path as written in a bundle (without a `#sheet`).
pub fn file_path(path: &Path) -> PathBuf {
    split_sheet(path).0
}

/// The extension of a workbook file, lower case; `None` for anything else.
pub fn workbook_extension(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    WORKBOOK_EXTENSIONS.contains(&ext.as_str()).then_some(ext)
}

/// An input file of any supported format.
pub enum Source<'f> {
    /// A CSV file.
    Csv(Box<CsvSource<Box<dyn Read + 'f>>>),
    /// One sheet of a workbook.
    #[cfg(feature = "xlsx")]
    Workbook(Box<super::workbook::WorkbookSource>),
}

impl RowSource for Source<'_> {
    fn header(&mut self) -> Result<Option<RawRow>, Box<Diagnostic>> {
        match self {
            Source::Csv(s) => s.header(),
            #[cfg(feature = "xlsx")]
            Source::Workbook(s) => s.header(),
        }
    }

    fn next_row(&mut self, row: &mut RawRow) -> Result<bool, Box<Diagnostic>> {
        match self {
            Source::Csv(s) => s.next_row(row),
            #[cfg(feature = "xlsx")]
            Source::Workbook(s) => s.next_row(row),
        }
    }

    fn sheet(&self) -> Option<&str> {
        match self {
            Source::Csv(s) => s.sheet(),
            #[cfg(feature = "xlsx")]
            Source::Workbook(s) => s.sheet(),
        }
    }

    fn notes(&mut self) -> Vec<Diagnostic> {
        match self {
            Source::Csv(s) => s.notes(),
            #[cfg(feature = "xlsx")]
            Source::Workbook(s) => s.notes(),
        }
    }

    fn rereads_cheaply(&self) -> bool {
        match self {
            Source::Csv(s) => s.rereads_cheaply(),
            #[cfg(feature = "xlsx")]
            Source::Workbook(s) => s.rereads_cheaply(),
        }
    }
}

/// Opens the file at `path` (as written in the bundle, perhaps with `#sheet`); `label` names
/// it in diagnostics. A file that cannot be opened is reported to `sink` and gives `None`.
/// A workbook's sheet is registered with `sink`, so that every diagnostic about the file is
/// placed in the sheet (`file.xlsx!C17`).
pub(crate) fn open<'f>(
    files: &'f dyn Files,
    path: &Path,
    label: &str,
    options: &ReadOptions,
    sink: &mut Sink,
) -> Option<Source<'f>> {
    let (file, sheet) = split_sheet(path);
    let cannot = |e: std::io::Error| Diagnostic::error(label, super::cannot_read(&e));
    match workbook_extension(&file) {
        None => match files.open(&file) {
            Ok(r) => Some(Source::Csv(Box::new(CsvSource::with_encoding(
                r,
                label,
                options.encoding,
            )))),
            Err(e) => {
                sink.push(cannot(e));
                None
            }
        },
        Some(ext) => open_workbook(files, &file, &ext, sheet.as_deref(), label, sink),
    }
}

#[cfg(feature = "xlsx")]
fn open_workbook<'f>(
    files: &'f dyn Files,
    file: &Path,
    ext: &str,
    sheet: Option<&str>,
    label: &str,
    sink: &mut Sink,
) -> Option<Source<'f>> {
    let bytes = match files.read(file) {
        Ok(b) => b,
        Err(e) => {
            sink.push(Diagnostic::error(label, super::cannot_read(&e)));
            return None;
        }
    };
    match super::workbook::WorkbookSource::new(bytes, ext, sheet, label) {
        Ok(s) => {
            sink.workbook(label, s.sheet_name());
            Some(Source::Workbook(Box::new(s)))
        }
        Err(d) => {
            sink.push(*d);
            None
        }
    }
}

#[cfg(not(feature = "xlsx"))]
fn open_workbook<'f>(
    _files: &'f dyn Files,
    _file: &Path,
    ext: &str,
    _sheet: Option<&str>,
    label: &str,
    sink: &mut Sink,
) -> Option<Source<'f>> {
    sink.push(Diagnostic::error(
        label,
        crate::msg!("error-no-xlsx-feature", ext = ext),
    ));
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_are_split_off_workbooks_only() {
        let (f, s) = split_sheet(Path::new("x/Book.XLSX#Sheet 2"));
        assert_eq!(f, PathBuf::from("x/Book.XLSX"));
        assert_eq!(s.as_deref(), Some("Sheet 2"));
        assert_eq!(split_sheet(Path::new("x/b.xlsx")).1, None);
        assert_eq!(split_sheet(Path::new("x/b.xlsx#")).1, None);
        assert_eq!(
            split_sheet(Path::new("x/#1.csv")).0,
            PathBuf::from("x/#1.csv")
        );
        assert_eq!(
            workbook_extension(Path::new("a.Xls")).as_deref(),
            Some("xls")
        );
        assert_eq!(workbook_extension(Path::new("a.csv")), None);
    }
}
