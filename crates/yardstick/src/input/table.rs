//! Tables: a header row naming columns, then rows of cells, each cell with its place.
//!
//! The engine never sees a file format. A [`RowSource`] yields header and rows; [`CsvSource`]
//! reads UTF-8 CSV. A spreadsheet or another text encoding is another `RowSource`.

use std::io::Read;

use crate::error::{Diagnostic, Sink};

/// One data row: its 1-based line in the file and its cells, trimmed.
#[derive(Debug, Default, Clone)]
pub struct RawRow {
    /// The physical line the row starts on (the header is line 1 in a plain CSV).
    pub line: u64,
    /// The cells in file order.
    pub cells: Vec<String>,
}

/// Something that yields a header row and then data rows.
pub trait RowSource {
    /// The header row with its line, or `None` for an empty file.
    fn header(&mut self) -> Result<Option<RawRow>, Box<Diagnostic>>;
    /// The next data row into `row`; `Ok(false)` at the end.
    fn next_row(&mut self, row: &mut RawRow) -> Result<bool, Box<Diagnostic>>;
}

/// A UTF-8 CSV file, with or without a byte-order mark.
pub struct CsvSource<R: Read> {
    file: String,
    reader: csv::Reader<R>,
    record: csv::ByteRecord,
}

impl<R: Read> CsvSource<R> {
    /// Reads CSV from `reader`; `file` names it in diagnostics.
    pub fn new(reader: R, file: &str) -> Self {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(reader);
        CsvSource {
            file: file.to_string(),
            reader,
            record: csv::ByteRecord::new(),
        }
    }

    fn read(&mut self, row: &mut RawRow) -> Result<bool, Box<Diagnostic>> {
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => return Ok(false),
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map(|p| p.line()).unwrap_or(0);
                    let d = Diagnostic::error(&self.file, format!("cannot read CSV: {e}"));
                    return Err(Box::new(if line > 0 { d.at_line(line) } else { d }));
                }
            }
            let line = self.record.position().map_or(0, |p| p.line());
            row.line = line;
            row.cells.clear();
            for (i, field) in self.record.iter().enumerate() {
                let field = if line == 1 && i == 0 {
                    field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field)
                } else {
                    field
                };
                match std::str::from_utf8(field) {
                    Ok(s) => row.cells.push(s.trim().to_string()),
                    Err(_) => {
                        return Err(Box::new(
                            Diagnostic::error(
                                &self.file,
                                "this line is not UTF-8 text; save the file as \"CSV UTF-8\"",
                            )
                            .at(line, i as u64 + 1),
                        ));
                    }
                }
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
