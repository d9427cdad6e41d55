//! Tables: a header row naming columns, then rows of cells, each cell with its place.
//!
//! The engine never sees a file format. A [`RowSource`] yields header and rows; [`CsvSource`]
//! reads CSV in UTF-8 or GB18030/GBK (see [`super::text`]), and with the `xlsx` feature a
//! sheet of a workbook is another `RowSource` (see [`super::source`]).

use std::io::{BufRead, BufReader, Read};

use super::text::{Decode, TextEncoding};
use crate::error::{Diagnostic, Sink};

/// One data row: its 1-based line in the file and its cells, trimmed.
///
/// The cells' text is kept in one buffer, each cell a range of it, so that a row is read by
/// copying its text once rather than cell by cell; the buffers are reused from row to row.
///
/// ```
/// use yardstick::input::table::RawRow;
///
/// let mut row = RawRow::default();
/// row.push("W1");
/// row.push("80");
/// assert_eq!((row.len(), row.cell(1), row.cell(2)), (2, "80", ""));
/// assert_eq!(row.cells().collect::<Vec<_>>(), ["W1", "80"]);
/// row.clear();
/// assert!(row.is_empty());
/// ```
#[derive(Debug, Default, Clone)]
pub struct RawRow {
    /// The physical line the row starts on (the header is line 1 in a plain CSV).
    pub line: u64,
    /// The cells' text in file order (for a CSV row, with the whitespace around cells).
    text: String,
    /// Each cell's byte range in `text`, in file order.
    bounds: Vec<(usize, usize)>,
    /// Cells that cannot be read as text (a cell index, as for [`RawRow::cell`], and why): a
    /// spreadsheet error value (`#DIV/0!`, `#N/A`), or bytes that are not text in the file's
    /// encoding. An error when the cell's column is used; the cell holds the best reading of it.
    pub bad: Vec<(usize, String)>,
}

impl RawRow {
    /// The number of cells.
    pub fn len(&self) -> usize {
        self.bounds.len()
    }

    /// Whether the row has no cells at all.
    pub fn is_empty(&self) -> bool {
        self.bounds.is_empty()
    }

    /// Cell `i` (0-based); empty past the row's last cell.
    #[inline]
    pub fn cell(&self, i: usize) -> &str {
        self.bounds
            .get(i)
            .and_then(|&(start, end)| self.text.get(start..end))
            .unwrap_or_default()
    }

    /// The cells in file order.
    pub fn cells(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.bounds
            .iter()
            .map(|&(start, end)| self.text.get(start..end).unwrap_or_default())
    }

    /// Appends a cell, as given (a source trims its cells itself).
    pub fn push(&mut self, cell: &str) {
        let start = self.text.len();
        self.text.push_str(cell);
        self.bounds.push((start, self.text.len()));
    }

    /// Removes every cell (`line` and `bad` are left as they are).
    pub fn clear(&mut self) {
        self.text.clear();
        self.bounds.clear();
    }

    /// Whether cell `i` is empty (as past the row's last cell).
    fn is_empty_cell(&self, i: usize) -> bool {
        self.bounds.get(i).is_none_or(|&(start, end)| start == end)
    }

    /// Whether every cell is empty (a row of no cells too).
    fn all_empty(&self) -> bool {
        self.bounds.iter().all(|&(start, end)| start == end)
    }

    /// Makes the row the cells of `record`, which end at `ends`, each trimmed as by
    /// [`str::trim`]: the record's text is copied once, and each cell is the range of it left
    /// after trimming. False (the row then unspecified) when a cell end is not a character
    /// boundary of `record`.
    fn set_trimmed(&mut self, record: &str, ends: &[usize]) -> bool {
        self.bounds.clear();
        let mut start = 0;
        for &end in ends {
            let Some(cell) = record.get(start..end) else {
                return false;
            };
            let (lead, len) = trim_range(cell);
            self.bounds.push((start + lead, start + lead + len));
            start = end;
        }
        self.text.clear();
        self.text.push_str(record);
        true
    }
}

/// Whether a character whose UTF-8 starts with byte `b` is surely not whitespace: printable
/// ASCII, or a lead byte no whitespace character has (those of U+0085, U+00A0, U+1680,
/// U+2000–U+205F and U+3000 are 0xC2, 0xE1, 0xE2 and 0xE3).
fn starts_solid(b: u8) -> bool {
    matches!(b, 0x21..=0x7E | 0xC3..=0xE0 | 0xE4..=0xF4)
}

/// Whether a character whose UTF-8 ends with byte `b` is surely not whitespace: printable
/// ASCII, or a last byte no whitespace character has (0x80–0x8A, 0x9F, 0xA0 and 0xA8–0xAF).
fn ends_solid(b: u8) -> bool {
    matches!(b, 0x21..=0x7E | 0x8B..=0x9E | 0xA1..=0xA7 | 0xB0..=0xBF)
}

/// Where [`str::trim`] leaves `cell`: the bytes it removes in front, and the length it keeps.
/// Most cells start and end with a character that is surely not whitespace by its first or
/// last byte, and are not decoded at all.
fn trim_range(cell: &str) -> (usize, usize) {
    let bytes = cell.as_bytes();
    match (bytes.first(), bytes.last()) {
        (None, _) | (_, None) => (0, 0),
        (Some(&first), Some(&last)) if starts_solid(first) && ends_solid(last) => (0, cell.len()),
        _ => {
            let rest = cell.trim_start();
            (cell.len() - rest.len(), rest.trim_end().len())
        }
    }
}

/// Something that yields a header row and then data rows.
pub trait RowSource {
    /// The header row with its line, or `None` for an empty file.
    fn header(&mut self) -> Result<Option<RawRow>, Box<Diagnostic>>;
    /// The next data row into `row`; `Ok(false)` at the end.
    fn next_row(&mut self, row: &mut RawRow) -> Result<bool, Box<Diagnostic>>;
    /// The sheet read, when the file is a workbook: diagnostics then name cells as a
    /// spreadsheet does (`C17`).
    fn sheet(&self) -> Option<&str> {
        None
    }
}

/// A CSV file in UTF-8 (with or without a byte-order mark) or GB18030/GBK.
///
/// Parsing is done by `csv_core` on the text decoded to UTF-8 (comma, quote and line breaks
/// never occur inside a GB18030 character, so decoding first is safe); this reader skips blank
/// lines itself so that every row keeps the physical line it starts on (the `csv` crate's
/// positions do not count skipped blank lines).
pub struct CsvSource<R: Read> {
    file: String,
    input: BufReader<Decode<R>>,
    core: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    /// Line breaks consumed outside records (blank lines), which `core` did not count.
    skipped: u64,
    started: bool,
    done: bool,
}

impl<R: Read> CsvSource<R> {
    /// Reads CSV from `reader`, detecting its encoding; `file` names it in diagnostics.
    pub fn new(reader: R, file: &str) -> Self {
        CsvSource::with_encoding(reader, file, TextEncoding::Auto)
    }

    /// Reads CSV in `encoding` from `reader`; `file` names it in diagnostics.
    pub fn with_encoding(reader: R, file: &str, encoding: TextEncoding) -> Self {
        CsvSource {
            file: file.to_string(),
            input: BufReader::with_capacity(1 << 16, Decode::new(reader, encoding)),
            core: csv_core::Reader::new(),
            out: vec![0; 1024],
            ends: vec![0; 32],
            skipped: 0,
            started: false,
            done: false,
        }
    }

    fn io_error(&self, e: std::io::Error) -> Box<Diagnostic> {
        Box::new(Diagnostic::error(
            &self.file,
            format!("cannot read the file: {e}"),
        ))
    }

    /// Consumes blank lines (and a byte-order mark at the very start).
    fn skip_blank(&mut self) -> Result<(), Box<Diagnostic>> {
        loop {
            let buf = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) => return Err(self.io_error(e)),
            };
            if !self.started {
                self.started = true;
                if buf.starts_with(b"\xEF\xBB\xBF") {
                    self.input.consume(3);
                    continue;
                }
            }
            let n = buf
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
            if n == 0 {
                return Ok(());
            }
            self.skipped += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
            self.input.consume(n);
        }
    }

    fn read(&mut self, row: &mut RawRow) -> Result<bool, Box<Diagnostic>> {
        use csv_core::ReadRecordResult as R;
        loop {
            if self.done {
                return Ok(false);
            }
            self.skip_blank()?;
            let line = self.core.line() + self.skipped;
            let (mut outlen, mut endlen) = (0, 0);
            loop {
                let buf = match self.input.fill_buf() {
                    Ok(b) => b,
                    Err(e) => return Err(self.io_error(e)),
                };
                let (res, nin, nout, nend) =
                    self.core
                        .read_record(buf, &mut self.out[outlen..], &mut self.ends[endlen..]);
                self.input.consume(nin);
                outlen += nout;
                endlen += nend;
                match res {
                    R::InputEmpty => {}
                    R::OutputFull => self.out.resize(self.out.len() * 2, 0),
                    R::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                    R::Record => break,
                    R::End => {
                        self.done = true;
                        return Ok(false);
                    }
                }
            }
            row.line = line;
            row.bad.clear();
            let ends = self.ends.get(..endlen).unwrap_or_default();
            let last = ends.last().copied().unwrap_or(0);
            let record = self.out.get(..last).unwrap_or_default();
            // One check of the whole record, and that no cell ends inside a character: then
            // each cell is valid text, and the record is copied into the row at once. (Cells
            // that are not text can make valid text together: "\xE4\xB8" and "\xAD" are "中";
            // those take the cell-by-cell path below.)
            let whole = match std::str::from_utf8(record) {
                Ok(all) => row.set_trimmed(all, ends),
                Err(_) => false,
            };
            if !whole {
                row.clear();
                let mut start = 0;
                for (i, &end) in ends.iter().enumerate() {
                    let bytes = record.get(start..end).unwrap_or_default();
                    match std::str::from_utf8(bytes) {
                        Ok(text) => row.push(text.trim()),
                        Err(_) => {
                            let why = self.input.get_ref().decided().invalid_text_message();
                            row.bad.push((i, why.to_string()));
                            row.push(String::from_utf8_lossy(bytes).trim());
                        }
                    }
                    start = end;
                }
            }
            // A line of empty cells (",,,") is a blank line.
            if row.all_empty() {
                continue;
            }
            return Ok(true);
        }
    }
}

impl<R: Read> RowSource for CsvSource<R> {
    fn header(&mut self) -> Result<Option<RawRow>, Box<Diagnostic>> {
        let mut row = RawRow::default();
        Ok(self.read(&mut row)?.then_some(row))
    }

    fn next_row(&mut self, row: &mut RawRow) -> Result<bool, Box<Diagnostic>> {
        self.read(row)
    }
}

/// The columns a file kind requires and accepts.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    /// Columns that must be in the header and filled on every row.
    pub required: &'static [&'static str],
    /// Columns that may be there.
    pub optional: &'static [&'static str],
}

impl Columns {
    fn all(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.required.iter().chain(self.optional).copied()
    }
}

/// A table whose header has been checked: cells are found by column name.
pub struct Table<S> {
    file: String,
    source: S,
    /// For each of `columns.all()`, its index in the row.
    index: Vec<Option<usize>>,
    names: Vec<&'static str>,
    width: usize,
    required: usize,
    row: RawRow,
    /// Data rows read so far.
    pub rows_read: u64,
}

/// A cell of the current row.
#[derive(Debug, Clone, Copy)]
pub struct Cell<'a> {
    /// The trimmed text; empty when the column is absent or the cell empty.
    pub text: &'a str,
    /// 1-based line.
    pub line: u64,
    /// 1-based column (0 when the column is absent from the file).
    pub column: u64,
    /// The column's name.
    pub name: &'static str,
}

impl Cell<'_> {
    /// An error about this cell.
    pub fn error(&self, file: &str, message: impl Into<String>) -> Diagnostic {
        let d = Diagnostic::error(file, message).field(self.name);
        if self.column > 0 {
            d.at(self.line, self.column)
        } else {
            d.at_line(self.line)
        }
    }

    /// Whether the cell is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

impl<S: RowSource> Table<S> {
    /// Reads and checks the header: a missing required column is an error, an unknown column a
    /// warning. Returns `None` when the table cannot be read at all.
    pub(crate) fn open(
        mut source: S,
        file: &str,
        columns: Columns,
        sink: &mut Sink,
    ) -> Option<Self> {
        let header = match source.header() {
            Ok(Some(h)) => h,
            Ok(None) => {
                sink.push(Diagnostic::error(
                    file,
                    format!(
                        "the file is empty; it needs a header row with the columns {}",
                        columns.required.join(", ")
                    ),
                ));
                return None;
            }
            Err(d) => {
                sink.push(*d);
                return None;
            }
        };
        for (i, why) in &header.bad {
            sink.push(
                Diagnostic::error(file, why.clone())
                    .at(header.line, *i as u64 + 1)
                    .field(header.cell(*i)),
            );
        }
        let names: Vec<&'static str> = columns.all().collect();
        let mut index = vec![None; names.len()];
        for (i, cell) in header.cells().enumerate() {
            match names.iter().position(|n| *n == cell) {
                Some(k) if index[k].is_some() => sink.push(
                    Diagnostic::error(
                        file,
                        format!("column \"{cell}\" appears twice in the header"),
                    )
                    .at(header.line, i as u64 + 1)
                    .field(cell),
                ),
                Some(k) => index[k] = Some(i),
                None if cell.is_empty() => {}
                None => sink.push(
                    Diagnostic::warning(
                        file,
                        format!(
                            "unknown column \"{cell}\" is ignored (this file's columns are {})",
                            names.join(", ")
                        ),
                    )
                    .at(header.line, i as u64 + 1)
                    .field(cell),
                ),
            }
        }
        let mut ok = true;
        for (k, name) in columns.required.iter().enumerate() {
            if index[k].is_none() {
                ok = false;
                sink.push(
                    Diagnostic::error(
                        file,
                        format!(
                            "required column \"{name}\" is missing from the header (found: {})",
                            header.cells().collect::<Vec<_>>().join(", ")
                        ),
                    )
                    .at_line(header.line)
                    .field(*name),
                );
            }
        }
        if !ok {
            return None;
        }
        Some(Table {
            file: file.to_string(),
            source,
            index,
            names,
            width: header.len(),
            required: columns.required.len(),
            row: RawRow::default(),
            rows_read: 0,
        })
    }

    /// The file's name for diagnostics.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Moves to the next row. Rows with more non-empty cells than the header, and required
    /// cells left empty, are reported and skipped (`Ok(Some(false))`); the end gives `None`.
    pub(crate) fn advance(&mut self, sink: &mut Sink) -> Option<bool> {
        match self.source.next_row(&mut self.row) {
            Ok(false) => None,
            Err(d) => {
                sink.push(*d);
                None
            }
            Ok(true) => {
                self.rows_read += 1;
                let mut good = true;
                for (i, why) in &self.row.bad {
                    // Only a column the table uses matters.
                    if let Some(k) = self.index.iter().position(|x| *x == Some(*i)) {
                        sink.push(self.cell_at(k).error(&self.file, why.clone()));
                        good = false;
                    }
                }
                if let Some(extra) = self
                    .row
                    .bounds
                    .iter()
                    .skip(self.width)
                    .position(|&(start, end)| start < end)
                {
                    sink.push(
                        Diagnostic::error(
                            &self.file,
                            format!(
                                "this row has more cells than the header has columns ({})",
                                self.width
                            ),
                        )
                        .at(self.row.line, (self.width + extra) as u64 + 1),
                    );
                    good = false;
                }
                for k in 0..self.names.len() {
                    if self.is_required(k) && self.is_empty_at(k) {
                        let cell = self.cell_at(k);
                        sink.push(cell.error(
                            &self.file,
                            format!("\"{}\" is empty; it is required", cell.name),
                        ));
                        good = false;
                    }
                }
                Some(good)
            }
        }
    }

    fn is_required(&self, k: usize) -> bool {
        // Required columns come first in `names`; all of them are present after `open`.
        k < self.required
    }

    /// Whether `cell_at(k)` is empty (without slicing the text).
    fn is_empty_at(&self, k: usize) -> bool {
        match self.index.get(k).copied().flatten() {
            Some(i) => self.row.is_empty_cell(i),
            None => true,
        }
    }

    #[inline]
    fn cell_at(&self, k: usize) -> Cell<'_> {
        let (text, column) = match self.index.get(k).copied().flatten() {
            Some(i) => (self.row.cell(i), i as u64 + 1),
            None => ("", 0),
        };
        Cell {
            text,
            line: self.row.line,
            column,
            name: self.names.get(k).copied().unwrap_or("?"),
        }
    }

    /// The cell of the current row in column `name` (a column of this table's [`Columns`]).
    #[inline]
    pub fn cell(&self, name: &str) -> Cell<'_> {
        self.at(self.column(name))
    }

    /// Where column `name` is among this table's [`Columns`], to read its cells with
    /// [`Table::at`] without looking the name up on every row.
    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| *n == name)
    }

    /// The cell of the current row in a column found by [`Table::column`].
    #[inline]
    pub(crate) fn at(&self, column: Option<usize>) -> Cell<'_> {
        match column {
            Some(k) if k < self.names.len() => self.cell_at(k),
            _ => Cell {
                text: "",
                line: self.row.line,
                column: 0,
                name: "?",
            },
        }
    }

    /// Whether the file has this column.
    pub fn has(&self, name: &str) -> bool {
        self.names
            .iter()
            .position(|n| *n == name)
            .is_some_and(|k| self.index[k].is_some())
    }

    /// The current row's line.
    pub fn line(&self) -> u64 {
        self.row.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLS: Columns = Columns {
        required: &["worker_id", "score"],
        optional: &["max"],
    };

    fn rows(text: &str) -> (Vec<(u64, bool, String)>, Vec<String>) {
        let mut sink = Sink::default();
        let mut out = Vec::new();
        if let Some(mut t) = Table::open(
            CsvSource::new(text.as_bytes(), "t.csv"),
            "t.csv",
            COLS,
            &mut sink,
        ) {
            while let Some(good) = t.advance(&mut sink) {
                out.push((
                    t.line(),
                    good,
                    format!(
                        "{}|{}|{}",
                        t.cell("worker_id").text,
                        t.cell("score").text,
                        t.cell("max").text
                    ),
                ));
            }
        }
        (out, sink.items.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn physical_lines_are_counted_across_blank_lines_and_quoted_newlines() {
        let (r, d) = rows("\u{feff}score,worker_id\n\n 80 , W1 \n\"9\n0\",W2\n,\nW3,\n");
        assert_eq!(r[0], (3, true, "W1|80|".to_string()));
        assert_eq!(r[1], (4, true, "W2|9\n0|".to_string()));
        // Line 6 has an empty required cell: reported, not used.
        assert_eq!(r[2].0, 7);
        assert!(!r[2].1);
        assert_eq!(
            d,
            vec!["t.csv:7:2: error: \"worker_id\" is empty; it is required"]
        );
    }

    #[test]
    fn short_rows_are_padded_and_long_rows_rejected() {
        let (r, d) = rows("worker_id,score,max\nW1,80\nW2,70,100,,\nW3,60,100,x\n");
        assert_eq!(
            r.iter().map(|x| x.1).collect::<Vec<_>>(),
            vec![true, true, false]
        );
        assert_eq!(
            d,
            vec!["t.csv:4:4: error: this row has more cells than the header has columns (3)"]
        );
    }

    proptest::proptest! {
        #[test]
        fn cells_are_trimmed_as_by_str_trim(
            cell in "[ a\t\r\n\u{b}\u{c}\u{1f}\u{7f}\u{85}\u{a0}\u{1680}\u{2000}-\u{2060}\u{3000}\u{feff}中é\u{10000}]{0,6}"
        ) {
            let (lead, len) = trim_range(&cell);
            proptest::prop_assert_eq!(cell.get(lead..lead + len), Some(cell.trim()));
        }
    }

    #[test]
    fn cells_lose_unicode_whitespace_and_rows_of_it_are_blank_lines() {
        let (r, d) = rows(
            "worker_id,score\n\u{3000}W1\u{a0},\t80\u{2028}\n \u{3000},\u{85}\n\"\u{feff}W2 \",中 \n",
        );
        assert_eq!(r[0], (2, true, "W1|80|".to_string()));
        // Line 3 is whitespace only; U+FEFF is not whitespace.
        assert_eq!(r[1], (4, true, "\u{feff}W2|中|".to_string()));
        assert_eq!(r.len(), 2);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn solid_bytes_are_never_those_of_whitespace() {
        let mut utf8 = [0; 4];
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut utf8).as_bytes();
            if bytes.first().is_some_and(|&b| starts_solid(b))
                || bytes.last().is_some_and(|&b| ends_solid(b))
            {
                assert!(!c.is_whitespace(), "{c:?}");
            }
        }
    }

    #[test]
    fn a_character_split_by_a_comma_is_reported_not_blanked() {
        // Not UTF-8, although the cells' bytes put together are: "\xE4\xB8" and "\xAD" make
        // "中". Each cell is reported, as any cell that is not text.
        let text = b"a,b\n\xE4\xB8,\xAD\n";
        let mut source = CsvSource::with_encoding(&text[..], "t.csv", TextEncoding::Utf8);
        assert!(source.header().unwrap().is_some());
        let mut row = RawRow::default();
        assert!(source.next_row(&mut row).unwrap());
        assert_eq!(row.line, 2);
        assert_eq!(row.cells().collect::<Vec<_>>(), ["\u{FFFD}", "\u{FFFD}"]);
        assert_eq!(row.bad.iter().map(|b| b.0).collect::<Vec<_>>(), [0, 1]);
        assert!(!source.next_row(&mut row).unwrap());
    }

    #[test]
    fn header_problems() {
        let (_, d) = rows("worker_id,score,score,note\n");
        assert_eq!(
            d,
            vec![
                "t.csv:1:3: error: column \"score\" appears twice in the header",
                "t.csv:1:4: warning: unknown column \"note\" is ignored (this file's columns are worker_id, score, max)",
            ]
        );
        let (_, d) = rows("");
        assert_eq!(
            d,
            vec![
                "t.csv: error: the file is empty; it needs a header row with the columns worker_id, score"
            ]
        );
    }
}
