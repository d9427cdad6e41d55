//! Tables: a header row naming columns, then rows of cells, each cell with its place.
//!
//! The engine never sees a file format. A [`RowSource`] yields header and rows; [`CsvSource`]
//! reads CSV in UTF-8 or GB18030/GBK (see [`super::text`]), and with the `xlsx` feature a
//! sheet of a workbook is another `RowSource` (see [`super::source`]).

use std::io::{BufRead, BufReader, Read};

use super::text::{Decode, TextEncoding};
use crate::error::{Diagnostic, Sink};

/// One data row: its 1-based line in the file and its cells, trimmed.
#[derive(Debug, Default, Clone)]
pub struct RawRow {
    /// The physical line the row starts on (the header is line 1 in a plain CSV).
    pub line: u64,
    /// The cells in file order.
    pub cells: Vec<String>,
    /// Cells that cannot be read as text (an index into `cells` and why): a spreadsheet error
    /// value (`#DIV/0!`, `#N/A`), or bytes that are not text in the file's encoding. An error
    /// when the cell's column is used; the cell holds the best reading of it.
    pub bad: Vec<(usize, String)>,
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
            // The row's cells are reused from row to row: no allocation per cell.
            row.cells.truncate(endlen);
            let mut start = 0;
            // One check of the whole record, and that no cell ends inside a character: then
            // each cell is valid text. (Cells that are not text can make valid text together:
            // "\xE4\xB8" and "\xAD" are "中"; those take the cell-by-cell path below.)
            let last = self.ends[..endlen].last().copied().unwrap_or(0);
            if let Ok(all) = std::str::from_utf8(&self.out[..last])
                && self.ends[..endlen]
                    .iter()
                    .all(|&end| all.is_char_boundary(end))
            {
                for (i, &end) in self.ends[..endlen].iter().enumerate() {
                    let text = all.get(start..end).unwrap_or_default().trim();
                    match row.cells.get_mut(i) {
                        Some(cell) => {
                            cell.clear();
                            cell.push_str(text);
                        }
                        None => row.cells.push(text.to_string()),
                    }
                    start = end;
                }
                if row.cells.iter().all(String::is_empty) {
                    continue;
                }
                return Ok(true);
            }
            for (i, &end) in self.ends[..endlen].iter().enumerate() {
                let text = match std::str::from_utf8(&self.out[start..end]) {
                    Ok(s) => std::borrow::Cow::Borrowed(s),
                    Err(_) => {
                        let why = self.input.get_ref().decided().invalid_text_message();
                        row.bad.push((i, why.to_string()));
                        String::from_utf8_lossy(&self.out[start..end])
                    }
                };
                match row.cells.get_mut(i) {
                    Some(cell) => {
                        cell.clear();
                        cell.push_str(text.trim());
                    }
                    None => row.cells.push(text.trim().to_string()),
                }
                start = end;
            }
            // A line of empty cells (",,,") is a blank line.
            if row.cells.iter().all(String::is_empty) {
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
                    .field(header.cells[*i].as_str()),
            );
        }
        let names: Vec<&'static str> = columns.all().collect();
        let mut index = vec![None; names.len()];
        for (i, cell) in header.cells.iter().enumerate() {
            match names.iter().position(|n| n == cell) {
                Some(k) if index[k].is_some() => sink.push(
                    Diagnostic::error(
                        file,
                        format!("column \"{cell}\" appears twice in the header"),
                    )
                    .at(header.line, i as u64 + 1)
                    .field(cell.as_str()),
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
                    .field(cell.as_str()),
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
                            header.cells.join(", ")
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
            width: header.cells.len(),
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
                    .cells
                    .iter()
                    .skip(self.width)
                    .position(|c| !c.is_empty())
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
                    if self.is_required(k) {
                        let cell = self.cell_at(k);
                        if cell.is_empty() {
                            sink.push(cell.error(
                                &self.file,
                                format!("\"{}\" is empty; it is required", cell.name),
                            ));
                            good = false;
                        }
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

    fn cell_at(&self, k: usize) -> Cell<'_> {
        let (text, column) = match self.index[k] {
            Some(i) => (
                self.row.cells.get(i).map_or("", String::as_str),
                i as u64 + 1,
            ),
            None => ("", 0),
        };
        Cell {
            text,
            line: self.row.line,
            column,
            name: self.names[k],
        }
    }

    /// The cell of the current row in column `name` (a column of this table's [`Columns`]).
    pub fn cell(&self, name: &str) -> Cell<'_> {
        match self.names.iter().position(|n| *n == name) {
            Some(k) => self.cell_at(k),
            None => Cell {
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
        assert_eq!(row.cells, ["\u{FFFD}", "\u{FFFD}"]);
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
