//! Tables: a header row naming columns, then rows of cells, each cell with its place.
//!
//! The engine never sees a file format. A [`RowSource`] yields header and rows; [`CsvSource`]
//! reads CSV in UTF-8 or GB18030/GBK (see [`super::text`]), and with the `xlsx` feature a
//! sheet of a workbook is another `RowSource` (see [`super::source`]).

use std::io::{BufRead, BufReader, Read};

use super::text::{Decode, TextEncoding};
use crate::error::{Diagnostic, Sink};
use crate::i18n::{List, Message};
use crate::msg;

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
    pub bad: Vec<(usize, Message)>,
    /// Warnings about cells, whatever their column (the line the cell starts on, the cell
    /// index, why): a CSV cell over several lines that looks like rows read into a quote.
    pub warnings: Vec<(u64, usize, Message)>,
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
    /// Warnings about the whole file found while reading (an encoding detected on thin
    /// evidence), each given once; asked for after the header and at the end.
    fn notes(&mut self) -> Vec<Diagnostic> {
        Vec::new()
    }
    /// Whether reading the file a second time costs about what the first reading cost in
    /// parsing alone (a CSV file: yes). A workbook's XML takes much longer to read than its
    /// rows take to check, so the duplicate-key check keeps a fingerprint of every row of it in
    /// the first reading rather than read it again.
    fn rereads_cheaply(&self) -> bool {
        true
    }
}

/// The longest record of a CSV file: 1 MiB of text. Longer rows are not a table of a bundle
/// (a quote never closed, a binary file), and are refused rather than held in memory.
pub const MAX_RECORD: usize = 1 << 20;

/// A CSV file in UTF-8 (with or without a byte-order mark) or GB18030/GBK.
///
/// Parsing is done by `csv_core` on the text decoded to UTF-8 (comma, quote and line breaks
/// never occur inside a GB18030 character, so decoding first is safe). This reader counts
/// lines itself, so that every row keeps the physical line it starts on: the `csv` crate's
/// positions do not count skipped blank lines (BurntSushi/rust-csv#208), and `csv_core`
/// counts only LF, so that a file whose lines end with CR alone (old Mac, some exports) or
/// with a mix would be numbered wrongly. CR LF, CR and LF each end one line.
///
/// A quote still open at the end of the file, or a row longer than [`MAX_RECORD`], is an
/// error at the line and cell where it starts, which ends the reading: everything after an
/// open quote would be read as one cell.
pub struct CsvSource<R: Read> {
    file: String,
    input: BufReader<Decode<R>>,
    core: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    /// Line breaks consumed so far.
    breaks: u64,
    /// The last byte consumed (after a CR, a LF ends no new line).
    last: u8,
    started: bool,
    done: bool,
}

/// The line breaks in `bytes`: CR LF, CR alone and LF alone each count one. `after_cr` says
/// whether the byte before `bytes` was a CR.
fn line_breaks(bytes: &[u8], after_cr: bool) -> u64 {
    let mut prev = if after_cr { b'\r' } else { 0 };
    let mut n = 0;
    for &b in bytes {
        n += u64::from(b == b'\r') + u64::from(b == b'\n' && prev != b'\r');
        prev = b;
    }
    n
}

/// [`line_breaks`] of the bytes `used` of a record, of which `csv_core` counted `lf` LFs, after
/// the byte `before`. When every byte became a byte of a cell or ended one (`plain`: no quote,
/// no CR LF pair), a CR can only be the last byte, the record's end, and the count is
/// `csv_core`'s, without scanning the bytes again (the reader's speed depends on it).
#[inline]
fn record_breaks(used: &[u8], lf: u64, before: u8, plain: bool) -> u64 {
    match used.last() {
        None => 0,
        Some(&last) if plain && before != b'\r' => lf + u64::from(last == b'\r'),
        Some(_) => line_breaks(used, before == b'\r'),
    }
}

/// Whether `text` holds a line break.
fn has_break(text: &[u8]) -> bool {
    text.iter().any(|&b| b == b'\n' || b == b'\r')
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
            breaks: 0,
            last: 0,
            started: false,
            done: false,
        }
    }

    fn io_error(&self, e: std::io::Error) -> Box<Diagnostic> {
        Box::new(Diagnostic::error(&self.file, crate::input::cannot_read(&e)))
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
            self.breaks += line_breaks(&buf[..n], self.last == b'\r');
            self.last = buf[n - 1];
            self.input.consume(n);
        }
    }

    /// The error for a record that never ends: a quote left open (its cell spans lines) at
    /// the end of the file or for [`MAX_RECORD`] bytes, or a row that long. `line` is the
    /// record's first line; the record's text so far is `out[..outlen]`, its finished cells
    /// end at `ends`.
    fn unended(&self, line: u64, outlen: usize, ends: &[usize], at_eof: bool) -> Box<Diagnostic> {
        let start = ends.last().copied().unwrap_or(0);
        let before = self.out.get(..start).unwrap_or_default();
        let open = self.out.get(start..outlen).unwrap_or_default();
        let column = ends.len() as u64 + 1;
        let message = if at_eof || has_break(open) {
            let to = if at_eof {
                let last = self.breaks + u64::from(!matches!(self.last, b'\n' | b'\r'));
                msg!("what-to-end-of-file", line = last)
            } else {
                msg!("what-to-line-over-limit", line = self.breaks + 1)
            };
            msg!("error-quote-not-closed", to = to)
        } else {
            msg!("error-row-too-long")
        };
        // The open cell starts on the record's first line, after the line breaks of the
        // (quoted) cells before it.
        let at = line + line_breaks(before, false);
        Box::new(Diagnostic::error(&self.file, message).at(at, column))
    }

    fn read(&mut self, row: &mut RawRow) -> Result<bool, Box<Diagnostic>> {
        use csv_core::ReadRecordResult as R;
        loop {
            if self.done {
                return Ok(false);
            }
            self.skip_blank()?;
            let line = self.breaks + 1;
            let (mut outlen, mut endlen, mut taken) = (0, 0, 0);
            // Whether the record was ended by the end of the file, not by a line break.
            let mut at_eof = false;
            let mut quoted = false;
            loop {
                let buf = match self.input.fill_buf() {
                    Ok(b) => b,
                    Err(e) => return Err(self.io_error(e)),
                };
                // At the end of the file, a record under way is ended with a line break of
                // our own: it ends the record unless a quote is still open.
                let synthetic = buf.is_empty() && taken > 0 && !at_eof;
                let input: &[u8] = if synthetic { b"\n" } else { buf };
                let lf_before = self.core.line();
                let (res, nin, nout, nend) =
                    self.core
                        .read_record(input, &mut self.out[outlen..], &mut self.ends[endlen..]);
                if synthetic {
                    at_eof = nin > 0;
                } else {
                    let used = input.get(..nin).unwrap_or_default();
                    let lf = self.core.line() - lf_before;
                    // Once a quote is seen, a cell may hold CRs until the record ends.
                    quoted |= nin != nout + nend;
                    self.breaks += record_breaks(used, lf, self.last, !quoted);
                    if let Some(&b) = used.last() {
                        self.last = b;
                    }
                    self.input.consume(nin);
                    taken += nin;
                }
                outlen += nout;
                endlen += nend;
                match res {
                    R::InputEmpty if synthetic && at_eof => {
                        // The line break went into a quoted cell.
                        self.done = true;
                        let ends = self.ends.get(..endlen).unwrap_or_default();
                        return Err(self.unended(line, outlen.saturating_sub(1), ends, true));
                    }
                    R::InputEmpty => {}
                    R::OutputFull => self.out.resize(self.out.len() * 2, 0),
                    R::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                    R::Record => break,
                    R::End => {
                        self.done = true;
                        return Ok(false);
                    }
                }
                if taken > MAX_RECORD {
                    self.done = true;
                    let ends = self.ends.get(..endlen).unwrap_or_default();
                    return Err(self.unended(line, outlen, ends, false));
                }
            }
            row.line = line;
            row.bad.clear();
            row.warnings.clear();
            let ends = self.ends.get(..endlen).unwrap_or_default();
            let last = ends.last().copied().unwrap_or(0);
            let record = self.out.get(..last).unwrap_or_default();
            // A record over several lines has a quoted cell with line breaks: commas on its
            // later lines look like rows read into the cell by a quote closed too late.
            let spanned = (self.breaks + 1)
                .saturating_sub(line)
                .saturating_sub(u64::from(!at_eof));
            if spanned > 0 {
                let mut start = 0;
                for (i, &end) in ends.iter().enumerate() {
                    let cell = record.get(start..end).unwrap_or_default();
                    if let Some(p) = cell.iter().position(|&b| b == b'\n' || b == b'\r')
                        && cell[p..].contains(&b',')
                    {
                        let first = line + line_breaks(&record[..start], false);
                        let lines = line_breaks(cell, false);
                        row.warnings.push((
                            first,
                            i,
                            msg!(
                                "warning-cell-over-lines",
                                first = first,
                                last = first + lines
                            ),
                        ));
                    }
                    start = end;
                }
            }
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
                            row.bad.push((i, why));
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

    fn notes(&mut self) -> Vec<Diagnostic> {
        match self.input.get_mut().unclear() {
            Some(why) => vec![Diagnostic::warning(&self.file, why)],
            None => Vec::new(),
        }
    }
}

/// The Chinese header each column also answers to, as clerks name them (docs/contract.md
/// section 10): a file may use either, in any mix.
pub const ALIASES: &[(&str, &str)] = &[
    ("worker_id", "工号"),
    ("name", "姓名"),
    ("unit", "单位"),
    ("role", "职务"),
    ("electorate", "应参评人数"),
    ("start", "入职日期"),
    ("end", "离职日期"),
    ("rater_id", "评分人"),
    ("score", "分数"),
    ("ballot_id", "票号"),
    ("choice", "选项"),
    ("group", "类别"),
    ("interviewer_id", "谈话人"),
    ("dimension", "维度"),
    ("rating", "评价"),
    ("max", "满分"),
    ("call_id", "通话编号"),
    ("outcome", "结果"),
    ("date", "日期"),
    ("concern", "诉求"),
    ("category", "诉求类别"),
    ("household_id", "户号"),
    ("visited", "是否走访"),
    ("satisfaction", "满意度"),
    ("period", "期间"),
    ("item", "事项"),
    ("count", "次数"),
    ("note", "备注"),
    ("concern_id", "诉求编号"),
    ("text", "诉求内容"),
    ("status", "办理状态"),
    ("satisfied", "是否满意"),
    ("blank", "空白"),
];

/// The Chinese header of a column, when it has one.
///
/// ```
/// assert_eq!(yardstick::input::table::alias_of("worker_id"), Some("工号"));
/// assert_eq!(yardstick::input::table::alias_of("x"), None);
/// ```
pub fn alias_of(column: &str) -> Option<&'static str> {
    ALIASES.iter().find(|(c, _)| *c == column).map(|(_, a)| *a)
}

/// The column a header cell names: itself, or the column whose Chinese header it is.
fn column_named(cell: &str) -> &str {
    ALIASES
        .iter()
        .find(|(_, a)| *a == cell)
        .map_or(cell, |(c, _)| *c)
}

/// The header row: `first` when it names a required column, else the first of the next
/// [`TITLE_ROWS`] rows that names them all (the rows above it are a title, skipped with a
/// warning), else `first` again (its missing columns are then reported).
fn skip_title<S: RowSource>(
    source: &mut S,
    first: RawRow,
    file: &str,
    columns: Columns,
    sink: &mut Sink,
) -> Option<RawRow> {
    let names_any = columns
        .required
        .iter()
        .any(|r| first.cells().any(|c| column_named(c) == *r));
    if names_any || columns.required.is_empty() {
        return Some(first);
    }
    let mut skipped = vec![first.cells().collect::<Vec<_>>().join(" ")];
    for _ in 0..TITLE_ROWS {
        let mut row = RawRow::default();
        match source.next_row(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(d) => {
                sink.push(*d);
                return None;
            }
        }
        if columns.found_in(&row) {
            sink.push(
                Diagnostic::warning(
                    file,
                    msg!(
                        "warning-title-rows-skipped",
                        line = row.line,
                        title = skipped.join(" / ").trim()
                    ),
                )
                .at_line(first.line),
            );
            return Some(row);
        }
        skipped.push(row.cells().collect::<Vec<_>>().join(" "));
    }
    Some(first)
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

    /// Whether a header row names every required column (by name or Chinese header).
    fn found_in(&self, header: &RawRow) -> bool {
        self.required
            .iter()
            .all(|r| header.cells().any(|c| column_named(c) == *r))
    }
}

/// Rows above the header that may be a title (`长安街道2024年测评汇总表`) and are skipped.
const TITLE_ROWS: usize = 2;

/// A table whose header has been checked: cells are found by column name.
pub struct Table<S> {
    file: String,
    source: S,
    /// For each of `columns.all()`, its index in the row.
    index: Vec<Option<usize>>,
    names: Vec<&'static str>,
    /// For each extra column the file kind accepts (named at run time, e.g. a rubric's ballot
    /// options), its index in the row.
    extra_index: Vec<Option<usize>>,
    extra_names: Vec<String>,
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
    pub name: &'a str,
}

impl Cell<'_> {
    /// An error about this cell.
    pub fn error(&self, file: &str, message: Message) -> Diagnostic {
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
    pub(crate) fn open(source: S, file: &str, columns: Columns, sink: &mut Sink) -> Option<Self> {
        Table::open_with(source, file, columns, &[], sink)
    }

    /// As [`Table::open`], accepting also the columns named in `extra` (found with
    /// [`Table::extra`]). When the first row names none of the required columns but one of
    /// the next [`TITLE_ROWS`] rows names them all, the rows above it are a title and are
    /// skipped, with a warning.
    pub(crate) fn open_with(
        mut source: S,
        file: &str,
        columns: Columns,
        extra: &[String],
        sink: &mut Sink,
    ) -> Option<Self> {
        let header = match source.header() {
            Ok(Some(h)) => h,
            Ok(None) => {
                sink.push(Diagnostic::error(
                    file,
                    msg!("error-file-empty", columns = List::plain(columns.required)),
                ));
                return None;
            }
            Err(d) => {
                sink.push(*d);
                return None;
            }
        };
        for d in source.notes() {
            sink.push(d);
        }
        let header = skip_title(&mut source, header, file, columns, sink)?;
        for (i, why) in &header.bad {
            sink.push(
                Diagnostic::error(file, why.clone())
                    .at(header.line, *i as u64 + 1)
                    .field(header.cell(*i)),
            );
        }
        let names: Vec<&'static str> = columns.all().collect();
        let mut index = vec![None; names.len()];
        let mut extra_index = vec![None; extra.len()];
        for (i, cell) in header.cells().enumerate() {
            if let Some(k) = extra.iter().position(|n| n == cell) {
                if extra_index[k].is_some() {
                    sink.push(
                        Diagnostic::error(file, msg!("error-column-twice", column = cell))
                            .at(header.line, i as u64 + 1)
                            .field(cell),
                    );
                } else {
                    extra_index[k] = Some(i);
                }
                continue;
            }
            let named = column_named(cell);
            match names.iter().position(|n| *n == named) {
                Some(k) if index[k].is_some() => sink.push(
                    Diagnostic::error(file, msg!("error-column-twice", column = cell))
                        .at(header.line, i as u64 + 1)
                        .field(cell),
                ),
                Some(k) => index[k] = Some(i),
                None if cell.is_empty() => {}
                None => sink.push(
                    Diagnostic::warning(
                        file,
                        msg!(
                            "warning-unknown-column",
                            column = cell,
                            columns = List::plain(&names)
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
                        msg!(
                            "error-column-missing",
                            column = name,
                            found = List::plain(header.cells())
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
            extra_index,
            extra_names: extra.to_vec(),
            width: header.len(),
            required: columns.required.len(),
            row: RawRow::default(),
            rows_read: 0,
        })
    }

    /// The cell of the current row in the `k`-th extra column given to [`Table::open_with`].
    pub(crate) fn extra(&self, k: usize) -> Cell<'_> {
        let name = self.extra_names.get(k).map_or("", String::as_str);
        match self.extra_index.get(k).copied().flatten() {
            Some(i) => Cell {
                text: self.row.cell(i),
                line: self.row.line,
                column: i as u64 + 1,
                name,
            },
            None => Cell {
                text: "",
                line: self.row.line,
                column: 0,
                name,
            },
        }
    }

    /// Whether the file has the `k`-th extra column.
    pub(crate) fn has_extra(&self, k: usize) -> bool {
        self.extra_index.get(k).copied().flatten().is_some()
    }

    /// The file's name for diagnostics.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Moves to the next row. Rows with more non-empty cells than the header, and required
    /// cells left empty, are reported and skipped (`Ok(Some(false))`); the end gives `None`.
    pub(crate) fn advance(&mut self, sink: &mut Sink) -> Option<bool> {
        match self.source.next_row(&mut self.row) {
            Ok(false) => {
                self.notes(sink);
                None
            }
            Err(d) => {
                self.notes(sink);
                sink.push(*d);
                None
            }
            Ok(true) => {
                self.rows_read += 1;
                let mut good = true;
                for (line, i, why) in &self.row.warnings {
                    sink.push(
                        Diagnostic::warning(&self.file, why.clone()).at(*line, *i as u64 + 1),
                    );
                }
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
                            msg!("error-row-too-wide", columns = self.width),
                        )
                        .at(self.row.line, (self.width + extra) as u64 + 1),
                    );
                    good = false;
                }
                for k in 0..self.names.len() {
                    // A cell reported above (a formula without a result) is not also empty.
                    if self.is_required(k) && self.is_empty_at(k) && self.readable_at(k) {
                        let cell = self.cell_at(k);
                        sink.push(
                            cell.error(&self.file, msg!("error-cell-empty", column = cell.name)),
                        );
                        good = false;
                    }
                }
                Some(good)
            }
        }
    }

    fn notes(&mut self, sink: &mut Sink) {
        for d in self.source.notes() {
            sink.push(d);
        }
    }

    /// Whether `cell_at(k)` was read without a problem.
    fn readable_at(&self, k: usize) -> bool {
        match self.index.get(k).copied().flatten() {
            Some(i) => !self.row.bad.iter().any(|(j, _)| *j == i),
            None => true,
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

    /// Whether the file is cheap to read again (see [`RowSource::rereads_cheaply`]).
    pub(crate) fn rereads_cheaply(&self) -> bool {
        self.source.rereads_cheaply()
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

    /// Whether a cell of the current row is text (not a spreadsheet error value, nor bytes
    /// that are not text in the file's encoding).
    pub fn readable(&self, cell: &Cell) -> bool {
        cell.column == 0
            || !self
                .row
                .bad
                .iter()
                .any(|(i, _)| *i as u64 + 1 == cell.column)
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
        (
            out,
            sink.items
                .iter()
                .map(|d| d.render(crate::i18n::Lang::En))
                .collect(),
        )
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
    fn lines_end_with_cr_lf_cr_or_lf_alike() {
        let lines = |text: &str| {
            let (r, d) = rows(text);
            assert!(d.is_empty(), "{d:?}");
            r.iter().map(|x| x.0).collect::<Vec<_>>()
        };
        assert_eq!(lines("worker_id,score\rW1,1\rW2,2\r\rW3,3"), [2, 3, 5]);
        assert_eq!(
            lines("worker_id,score\r\nW1,1\rW2,2\n\r\nW3,3\r\n"),
            [2, 3, 5]
        );
        assert_eq!(
            lines("worker_id,score\n\rW1,1\n\n\rW2,2\r\r\nW3,3"),
            [3, 6, 8]
        );
        // A quoted cell's line breaks count too.
        assert_eq!(
            lines("worker_id,score,max\rW1,1,\"a\rb\r\nc\"\rW2,2\r"),
            [2, 5]
        );
        // A quoted cell of CR-ended lines across the reader's 64 KiB buffers.
        let note: String = (0..30_000).map(|i| format!("n{i}\r")).collect();
        assert_eq!(
            lines(&format!("worker_id,score,max\rW1,1,\"{note}\"\rW2,2\r")),
            [2, 30_003]
        );
        // Whatever the size of the reads.
        let long: String = (0..5000).map(|i| format!("W{i},{i}\r")).collect();
        let got = lines(&format!("worker_id,score\r\n{long}"));
        assert_eq!(got.len(), 5000);
        assert!(got.iter().enumerate().all(|(i, &l)| l == i as u64 + 2));
    }

    #[test]
    fn a_quote_open_at_the_end_of_the_file_is_an_error_where_it_opens() {
        // Line 3's quote swallows the rest: an error there, not "is empty", and no row
        // after line 2.
        let (r, d) = rows("worker_id,score\nW1,80\n\"W2,70\nW3,60\n\nW4,50\n");
        assert_eq!(r.len(), 1);
        assert_eq!(
            d,
            vec![
                "t.csv:3:1: error: a quote (\") opens this cell and is not closed, so every line after it, to the end of the file (line 6), is read as part of this one cell; close the quote, or remove it"
            ]
        );
        // In a later cell, after a quoted cell with a line break, on the last line.
        let (r, d) = rows("worker_id,score,max\r\nW1,\"8\r\n0\",\"100");
        assert!(r.is_empty());
        assert_eq!(
            d,
            vec![
                "t.csv:3:3: error: a quote (\") opens this cell and is not closed, so every line after it, to the end of the file (line 3), is read as part of this one cell; close the quote, or remove it"
            ]
        );
        // In the header.
        let (_, d) = rows("worker_id,\"score\nW1,80\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].starts_with("t.csv:1:2: error: a quote"), "{d:?}");
        // Closed quotes, escaped quotes and a last line without a line break are fine.
        let (r, d) = rows("worker_id,score\n\"W\"\"1\",\"80\"\nW2,70");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].2, "W\"1|80|");
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn a_quote_closed_rows_later_is_warned_about() {
        let (r, d) = rows("worker_id,score,max\nW1,80,\"x\nW2,70,100\nW3,60,\"\nW4,50\n");
        assert_eq!(r.iter().map(|x| x.0).collect::<Vec<_>>(), [2, 5]);
        assert_eq!(
            d,
            vec![
                "t.csv:2:3: warning: this cell runs over lines 2 to 4 and holds commas, as if rows were read into it: check that the quote (\") opening it is closed where the cell ends"
            ]
        );
        // A note over several lines without commas is fine.
        let (r, d) = rows("worker_id,score,max\nW1,80,\"第一行\n第二行\"\nW2,70\n");
        assert_eq!(r.len(), 2);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn rows_longer_than_the_limit_are_refused() {
        let long = "x".repeat(MAX_RECORD + 10);
        let (r, d) = rows(&format!("worker_id,score\nW1,1\nW2,{long}\nW3,3\n"));
        assert_eq!(r.len(), 1);
        assert_eq!(
            d,
            vec![
                "t.csv:3:2: error: this row is longer than 1 MiB; the rows of a bundle's tables are short: is this the right file?"
            ]
        );
        // Commas only, which make cells without text.
        let (_, d) = rows(&format!(
            "worker_id,score\nW1,1\n{}",
            ",".repeat(MAX_RECORD + 10)
        ));
        assert_eq!(d.len(), 1);
        assert!(d[0].contains("longer than 1 MiB"), "{d:?}");
        // A quote left open for more than the limit.
        let body: String = (0..100_000).map(|i| format!("W{i},{i}\n")).collect();
        let (r, d) = rows(&format!("worker_id,score\nW1,\"1\n{body}"));
        assert!(r.is_empty());
        assert_eq!(d.len(), 1);
        assert!(
            d[0].starts_with("t.csv:2:2: error: a quote (\") opens this cell and is not closed, so every line after it, to line "),
            "{d:?}"
        );
        assert!(d[0].contains(", more than 1 MiB,"), "{d:?}");
        // Exactly at the limit is fine.
        let cell = "y".repeat(MAX_RECORD - 4);
        let (r, d) = rows(&format!("worker_id,score\nW1,{cell}\n"));
        assert_eq!((r.len(), d.len()), (1, 0));
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
    fn chinese_headers_and_title_rows_above_the_header() {
        // 工号 and 分数 are the Chinese headers of worker_id and score.
        let (r, d) = rows("工号,分数\nW1,80\n");
        assert_eq!(r, vec![(2, true, "W1|80|".to_string())]);
        assert!(d.is_empty(), "{d:?}");
        // One title row (often merged across the columns), then the header.
        let (r, d) = rows("长安街道2024年测评汇总表,,\n工号,分数\nW1,80\n");
        assert_eq!(r, vec![(3, true, "W1|80|".to_string())]);
        assert_eq!(
            d,
            vec![
                "t.csv:1: warning: the header is on line 2: the row(s) above it (\"长安街道2024年测评汇总表\") are read as a title and skipped"
            ]
        );
        // Two title rows.
        let (r, _) = rows("测评汇总表\n,制表：组织办\nworker_id,score\nW1,1\n");
        assert_eq!(r, vec![(4, true, "W1|1|".to_string())]);
        // Three rows above the header are too many to guess: the header is reported missing.
        let (r, d) = rows("一\n二\n三\nworker_id,score\nW1,1\n");
        assert!(r.is_empty());
        assert!(
            d.iter()
                .any(|e| e.contains("required column \"worker_id\" is missing")),
            "{d:?}"
        );
        // Both names of one column: twice.
        let (_, d) = rows("worker_id,工号,score\n");
        assert!(d[0].contains("column \"工号\" appears twice"), "{d:?}");
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
