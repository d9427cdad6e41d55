//! Spreadsheet workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) as a [`RowSource`], read
//! with `calamine`.
//!
//! One sheet is a table: the first sheet, or the one named after `#` in the bundle
//! (`ballots.xlsx#民主测评`). Rows keep their sheet row number, so a diagnostic points at the
//! cell as Excel names it (`ballots.xlsx!C17`); empty rows are skipped like blank CSV lines.
//!
//! Cells become the text a CSV of the same sheet would hold:
//!
//! - numbers: the shortest decimal that reads back as the same binary number (`85.5`, `90`),
//!   rounded to 15 significant digits, the precision Excel keeps and shows, so that a value
//!   computed by a formula (`0.1 + 0.2`) reads as Excel displays it (`0.3`). A number typed into
//!   a cell has at most 15 significant digits, so it always reads back exactly as typed;
//! - dates: `YYYY-MM-DD` (with ` HH:MM:SS` when there is a time of day);
//! - booleans: `true` / `false`;
//! - an error value (`#DIV/0!`, `#N/A`) is an error at its cell when the column is used.

use std::io::Cursor;

use calamine::{Data, Range, Reader, Sheets};
use rust_decimal::Decimal;

use super::table::{RawRow, RowSource};
use crate::error::Diagnostic;

/// One sheet of a workbook, read into memory.
pub struct WorkbookSource {
    file: String,
    sheet: String,
    range: Range<Data>,
    /// The sheet row (0-based) and column of the range's first cell.
    origin: (u32, u32),
    next: usize,
}

fn open_sheets(bytes: Vec<u8>, ext: &str) -> Result<Sheets<Cursor<Vec<u8>>>, String> {
    let cursor = Cursor::new(bytes);
    match ext {
        "xls" => calamine::open_workbook_from_rs(cursor)
            .map(Sheets::Xls)
            .map_err(|e| e.to_string()),
        "xlsb" => calamine::open_workbook_from_rs(cursor)
            .map(Sheets::Xlsb)
            .map_err(|e| e.to_string()),
        "ods" => calamine::open_workbook_from_rs(cursor)
            .map(Sheets::Ods)
            .map_err(|e| e.to_string()),
        _ => calamine::open_workbook_from_rs(cursor)
            .map(Sheets::Xlsx)
            .map_err(|e| e.to_string()),
    }
}

impl WorkbookSource {
    /// Reads `sheet` (or the first sheet) of the workbook in `bytes`; `ext` is the file's
    /// extension, `file` names it in diagnostics.
    pub fn new(
        bytes: Vec<u8>,
        ext: &str,
        sheet: Option<&str>,
        file: &str,
    ) -> Result<WorkbookSource, Box<Diagnostic>> {
        let fail = |msg: String| Box::new(Diagnostic::error(file, msg));
        // calamine is trusted not to panic, but a damaged file must never bring the program
        // down: a panic while parsing is reported like any other damage.
        let opened = std::panic::catch_unwind(move || -> Result<_, Failed> {
            let mut book = open_sheets(bytes, ext).map_err(Failed::Damaged)?;
            let names = book.sheet_names();
            let name = match sheet {
                Some(s) => match names.iter().find(|n| n.as_str() == s) {
                    Some(n) => n.clone(),
                    None => {
                        return Err(Failed::Said(format!(
                            "the workbook has no sheet \"{s}\" (its sheets are {})",
                            quoted(&names)
                        )));
                    }
                },
                None => match names.first() {
                    Some(n) => n.clone(),
                    None => return Err(Failed::Said("the workbook has no sheet".to_string())),
                },
            };
            let range = book
                .worksheet_range(&name)
                .map_err(|e| Failed::Said(format!("cannot read the sheet \"{name}\": {e}")))?;
            Ok((name, range))
        });
        let (sheet, range) = match opened {
            Ok(Ok(x)) => x,
            Ok(Err(Failed::Said(msg))) => return Err(fail(msg)),
            Ok(Err(Failed::Damaged(msg))) => {
                return Err(fail(format!(
                    "cannot read the workbook ({msg}); is it a damaged file, or not a .{ext} workbook?"
                )));
            }
            Err(_) => {
                return Err(fail(format!(
                    "cannot read the workbook: the file is damaged (not a valid .{ext} workbook)"
                )));
            }
        };
        let origin = range.start().unwrap_or((0, 0));
        Ok(WorkbookSource {
            file: file.to_string(),
            sheet,
            range,
            origin,
            next: 0,
        })
    }

    /// The name of the sheet read.
    pub fn sheet_name(&self) -> &str {
        &self.sheet
    }

    fn read(&mut self, row: &mut RawRow) -> bool {
        let height = self.range.height();
        while self.next < height {
            let i = self.next;
            self.next += 1;
            let width = self.range.width();
            let cells = (0..width).filter_map(|j| self.range.get((i, j)));
            if cells.clone().all(is_blank) {
                continue;
            }
            row.line = u64::from(self.origin.0) + i as u64 + 1;
            row.clear();
            row.bad.clear();
            // Columns before the range's first are empty: cell k is sheet column k + 1.
            for _ in 0..self.origin.1 {
                row.push("");
            }
            for c in cells {
                let (text, bad) = cell_text(c);
                if bad {
                    let why = format!("the cell holds the spreadsheet error {text}");
                    row.bad.push((row.len(), why));
                }
                row.push(&text);
            }
            return true;
        }
        false
    }
}

/// Why a workbook could not be read.
enum Failed {
    /// Not a workbook of its kind, or damaged: calamine's words.
    Damaged(String),
    /// A sentence for the user.
    Said(String),
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn is_blank(d: &Data) -> bool {
    match d {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The text of a cell, and whether it holds an error value.
pub(crate) fn cell_text(d: &Data) -> (String, bool) {
    match d {
        Data::Empty => (String::new(), false),
        Data::String(s) => (s.trim().to_string(), false),
        Data::Int(i) => (i.to_string(), false),
        Data::Float(f) => (number_text(*f), false),
        Data::Bool(b) => (b.to_string(), false),
        Data::DateTime(dt) if dt.is_datetime() => (date_text(dt), false),
        // A duration ([h]:mm) has no use in a bundle; its number keeps it visible.
        Data::DateTime(dt) => (number_text(dt.as_f64()), false),
        Data::DateTimeIso(s) => {
            let s = s.trim();
            let date = s
                .strip_suffix("T00:00:00")
                .or_else(|| s.strip_suffix(" 00:00:00"))
                .unwrap_or(s);
            (date.replace('T', " "), false)
        }
        Data::DurationIso(s) => (s.trim().to_string(), false),
        Data::Error(e) => (e.to_string(), true),
    }
}

/// A number as the decimal Excel shows: shortest round-trip text, at most 15 significant digits.
pub(crate) fn number_text(f: f64) -> String {
    // Rust's `Display` of f64 is the shortest text that reads back as the same number, and
    // never uses an exponent.
    let shortest = f.to_string();
    let digits = shortest
        .bytes()
        .filter(u8::is_ascii_digit)
        .skip_while(|&b| b == b'0')
        .count();
    if digits <= 15 {
        return shortest;
    }
    Decimal::from_str_exact(&shortest)
        .ok()
        .and_then(|d| {
            d.round_sf_with_strategy(15, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        })
        .map_or(shortest, |d| d.normalize().to_string())
}

/// `YYYY-MM-DD`, with ` HH:MM:SS` when there is a time of day.
fn date_text(dt: &calamine::ExcelDateTime) -> String {
    let (y, m, d, hh, mm, ss, ms) = dt.to_ymd_hms_milli();
    if (hh, mm, ss, ms) == (0, 0, 0, 0) {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
    }
}

impl RowSource for WorkbookSource {
    fn header(&mut self) -> Result<Option<RawRow>, Box<Diagnostic>> {
        let mut row = RawRow::default();
        Ok(self.read(&mut row).then_some(row))
    }

    fn next_row(&mut self, row: &mut RawRow) -> Result<bool, Box<Diagnostic>> {
        Ok(self.read(row))
    }

    fn sheet(&self) -> Option<&str> {
        Some(&self.sheet)
    }
}

impl std::fmt::Debug for WorkbookSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkbookSource")
            .field("file", &self.file)
            .field("sheet", &self.sheet)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(number_text(85.5), "85.5");
        assert_eq!(number_text(90.0), "90");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(89.995), "89.995");
        assert_eq!(number_text(-2.0), "-2");
        assert_eq!(number_text(13_812_345_678.0), "13812345678");
        assert_eq!(
            number_text(0.000_123_456_789_012_345_67),
            "0.000123456789012346"
        );
        assert_eq!(number_text(100.0 / 3.0), "33.3333333333333");
    }

    #[test]
    fn cells_read_as_text_with_error_values_marked() {
        use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};
        let date = ExcelDateTime::new(45639.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(
            cell_text(&Data::DateTime(date)),
            ("2024-12-13".into(), false)
        );
        let noon = ExcelDateTime::new(45639.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(noon)).0, "2024-12-13 12:00:00");
        assert_eq!(
            cell_text(&Data::Error(CellErrorType::Div0)),
            ("#DIV/0!".into(), true)
        );
        assert_eq!(cell_text(&Data::Bool(true)), ("true".into(), false));
        assert_eq!(cell_text(&Data::Int(7)), ("7".into(), false));
        assert_eq!(
            cell_text(&Data::String(" W1 ".into())),
            ("W1".into(), false)
        );
    }
}
