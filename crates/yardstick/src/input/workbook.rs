//! Spreadsheet workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) as a [`RowSource`], read
//! with `calamine`.
//!
//! One sheet is a table: the first *visible* worksheet (hidden and very hidden sheets are
//! skipped, with a warning naming the sheet read), or the one named after `#` in the bundle
//! (`ballots.xlsx#民主测评`), read even when hidden, with a warning. Rows keep their sheet row
//! number, so a diagnostic points at the cell as Excel names it (`ballots.xlsx!C17`); empty
//! rows are skipped like blank CSV lines.
//!
//! Only the cells that hold something are read, in order, never a dense grid of the sheet's
//! used range: a stray cell at `XFD1048576` costs one cell, not the 17 billion between. A row
//! ends at its last cell that holds something, so a cell right of the header's last column is
//! reported as the CSV reader reports a row too long. A zip-based workbook (`.xlsx`, `.xlsm`,
//! `.xlsb`, `.ods`) may unpack to at most [`MAX_UNPACKED`] bytes.
//!
//! `.xlsx`, `.xlsm` and `.xlsb` sheets are streamed: a thread reads the sheet's cells in file
//! order and hands them over in small batches, so a sheet of a million rows is never held in
//! memory, only the file's bytes and a few batches. Their cells must come in sheet order (Excel
//! and every program that writes these files write them so); a cell out of order, or given
//! twice, means a damaged file and is an error at that cell. `.xls` and `.ods` sheets are read
//! whole by calamine, then put in order.
//!
//! Cells become the text a CSV of the same sheet would hold:
//!
//! - numbers: the shortest decimal that reads back as the same binary number (`85.5`, `90`),
//!   rounded to 15 significant digits, the precision Excel keeps and shows, so that a value
//!   computed by a formula (`0.1 + 0.2`) reads as Excel displays it (`0.3`). A number typed into
//!   a cell has at most 15 significant digits, so it always reads back exactly as typed;
//! - dates: `YYYY-MM-DD` (with ` HH:MM:SS` when there is a time of day);
//! - booleans: `true` / `false`;
//! - an error value (`#DIV/0!`, `#N/A`) is an error at its cell when the column is used;
//! - a formula without a stored result (written by a program that does not calculate) is an
//!   error at its cell when the column is used: it must be recalculated and saved in Excel/WPS.
//!
//! Merged cells (`.xlsx` and `.xls`; calamine gives no merges for `.xlsb` and `.ods`): the
//! value of a merged range counts in every row the range covers, in the range's first column,
//! as a clerk means a 单位 merged down the rows of its workers; the other columns it covers are
//! empty, as in Excel's own "CSV" export. A cell under a merged range that holds a value of its
//! own (Excel hides it) is an error when its column is used.

use std::io::Cursor;
use std::sync::mpsc;

use calamine::{Data, Reader, SheetType, SheetVisible, Sheets};
use rust_decimal::Decimal;

use super::table::{RawRow, RowSource};
use crate::error::{Diagnostic, column_letters};
use crate::i18n::{List, Message};
use crate::msg;

/// The most a zip-based workbook may unpack to: 256 MiB, over twice a full Excel sheet of a
/// bundle's narrow tables. Larger tables are read as CSV, which is streamed.
pub const MAX_UNPACKED: u64 = 256 << 20;

/// What a kept cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Text, a number, a date or a boolean, as text.
    Value,
    /// A spreadsheet error value, its text `#DIV/0!`.
    ErrorValue,
    /// A formula without a stored result; no text.
    NoResult,
}

/// A cell that holds something: its sheet row and column (0-based), its text in
/// `WorkbookSource::text`, and its kind.
#[derive(Debug, Clone, Copy)]
struct Kept {
    row: u32,
    col: u32,
    start: usize,
    end: usize,
    kind: Kind,
}

/// A merged range (0-based rows and columns, inclusive), and what its first cell holds, once
/// its first row has been read.
#[derive(Debug, Clone)]
struct Merge {
    first: (u32, u32),
    last: (u32, u32),
    anchor: Option<(Kind, String)>,
}

/// Cells a streaming thread hands over at a time.
const BATCH: usize = 4096;

/// What the thread reading a sheet sends: cells in file order, or why it stopped.
enum Fed {
    Cells(Collected),
    Failed(String),
    Panicked,
}

/// The sheets that calamine reads cell by cell.
enum Streamable {
    Xlsx(calamine::Xlsx<Cursor<Vec<u8>>>),
    Xlsb(calamine::Xlsb<Cursor<Vec<u8>>>),
}

/// Why the cells stopped coming before the end of the sheet.
enum Stop {
    Failed(String),
    Panicked,
    /// A cell at or before the previous one: (cell, previous), 0-based.
    OutOfOrder((u32, u32), (u32, u32)),
}

/// Where a sheet's cells come from, in sheet order.
enum Feed {
    /// Every cell read at once and sorted (`.xls`, `.ods`: calamine reads them whole).
    Held { cells: Collected, next: usize },
    /// Cells streamed from a thread reading the sheet (`.xlsx`, `.xlsm`, `.xlsb`).
    Streamed {
        rx: mpsc::Receiver<Fed>,
        batch: Collected,
        at: usize,
        last: Option<(u32, u32)>,
        ended: bool,
    },
}

impl Feed {
    /// Every cell of a sheet read whole, put in sheet order; a cell given twice (a damaged
    /// file) counts once.
    fn held(mut cells: Collected) -> Feed {
        cells.sort();
        Feed::Held { cells, next: 0 }
    }

    /// The cells of sheet `name` of `book`, read on a thread of their own.
    fn streamed(book: Streamable, name: String) -> Result<Feed, String> {
        let (tx, rx) = mpsc::sync_channel(2);
        std::thread::Builder::new()
            .name("workbook".to_string())
            .spawn(move || {
                let mut book = book;
                let sent = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    send_cells(&mut book, &name, &tx)
                }));
                // The receiver may be gone (its reader stopped at an error): nothing to do.
                let _ = match sent {
                    Ok(Ok(())) => Ok(()),
                    Ok(Err(why)) => tx.send(Fed::Failed(why)),
                    Err(_) => tx.send(Fed::Panicked),
                };
            })
            .map_err(|e| e.to_string())?;
        Ok(Feed::Streamed {
            rx,
            batch: Collected::default(),
            at: 0,
            last: None,
            ended: false,
        })
    }

    /// The position of the next cell, or `None` at the end of the sheet.
    fn peek(&mut self) -> Result<Option<(u32, u32)>, Stop> {
        match self {
            Feed::Held { cells, next } => Ok(cells.cells.get(*next).map(|c| (c.row, c.col))),
            Feed::Streamed {
                rx,
                batch,
                at,
                last,
                ended,
            } => loop {
                if let Some(c) = batch.cells.get(*at) {
                    let pos = (c.row, c.col);
                    return match *last {
                        Some(before) if pos <= before => Err(Stop::OutOfOrder(pos, before)),
                        _ => Ok(Some(pos)),
                    };
                }
                if *ended {
                    return Ok(None);
                }
                match rx.recv() {
                    Ok(Fed::Cells(next)) => {
                        *batch = next;
                        *at = 0;
                    }
                    Ok(Fed::Failed(why)) => {
                        *ended = true;
                        return Err(Stop::Failed(why));
                    }
                    Ok(Fed::Panicked) => {
                        *ended = true;
                        return Err(Stop::Panicked);
                    }
                    // Every cell sent.
                    Err(_) => *ended = true,
                }
            },
        }
    }

    /// Moves the cell [`Feed::peek`] saw to the end of `row` (its text to the end of `text`).
    fn take(&mut self, row: &mut Vec<Kept>, text: &mut String) {
        let (from, at) = match self {
            Feed::Held { cells, next } => (&*cells, next),
            Feed::Streamed {
                batch, at, last, ..
            } => {
                *last = batch.cells.get(*at).map(|c| (c.row, c.col));
                (&*batch, at)
            }
        };
        if let Some(c) = from.cells.get(*at) {
            let start = text.len();
            text.push_str(from.text.get(c.start..c.end).unwrap_or_default());
            row.push(Kept {
                start,
                end: text.len(),
                ..*c
            });
            *at += 1;
        }
    }
}

/// Every cell of sheet `name` of a workbook that calamine reads whole (`.xls`, `.ods`), with
/// formulas that have no value marked.
fn whole<R>(book: &mut R, name: &str) -> Result<Collected, String>
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
{
    let range = book.worksheet_range(name).map_err(|e| e.to_string())?;
    let formulas = book.worksheet_formula(name).ok();
    let mut cells = Collected::default();
    cells.push_range(&range, formulas.as_ref());
    Ok(cells)
}

/// Reads the cells of sheet `name` and sends them in batches, until the end of the sheet or
/// until the receiver is gone.
fn send_cells(book: &mut Streamable, name: &str, tx: &mpsc::SyncSender<Fed>) -> Result<(), String> {
    let mut batch = Collected::default();
    let full = |batch: &mut Collected| batch.cells.len() >= BATCH;
    match book {
        Streamable::Xlsx(x) => {
            let mut reader = x.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
            while let Some(cell) = reader
                .next_cell_with_formula_metadata()
                .map_err(|e| e.to_string())?
            {
                let no_result = cell.formula.is_some() && cell.value == calamine::DataRef::Empty;
                batch.push(cell.pos, &Data::from(cell.value), no_result);
                if full(&mut batch) && tx.send(Fed::Cells(std::mem::take(&mut batch))).is_err() {
                    return Ok(());
                }
            }
        }
        Streamable::Xlsb(x) => {
            let mut reader = x.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
            while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
                let pos = cell.get_position();
                batch.push(pos, &Data::from(cell.get_value().clone()), false);
                if full(&mut batch) && tx.send(Fed::Cells(std::mem::take(&mut batch))).is_err() {
                    return Ok(());
                }
            }
        }
    }
    if !batch.cells.is_empty() {
        // A receiver gone has nothing more to read.
        let _ = tx.send(Fed::Cells(batch));
    }
    Ok(())
}

/// The most work merged ranges may cause (a row's merged range, filled or checked), beyond one
/// unit per kept cell: ranges merged over a whole sheet must not make every row a long task.
const MERGE_WORK: usize = 1_000_000;

/// One sheet of a workbook: the cells that hold something, in row order.
pub struct WorkbookSource {
    file: String,
    ext: String,
    sheet: String,
    feed: Feed,
    /// The current row's cells, their texts in `row_text`.
    row_cells: Vec<Kept>,
    row_text: String,
    merges: Vec<Merge>,
    /// The next merged range to take in (by first row), and those covering the current row.
    merge_next: usize,
    active: Vec<usize>,
    /// The header's width once read: merged ranges right of it are not filled.
    width: Option<u32>,
    /// Merge work left (see [`MERGE_WORK`]).
    budget: usize,
    /// A row's cells by column, before they become a [`RawRow`]: (column, where its value is).
    scratch: Vec<(u32, Value)>,
    /// The columns the row's merged ranges cover where a cell must be empty (first, last,
    /// the range), by first column, each with the furthest last column so far and its range.
    covered: Vec<(u32, u32, usize)>,
    reach: Vec<(u32, usize)>,
    notes: Vec<Diagnostic>,
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

/// What the entries of a zip-based workbook unpack to, as their headers declare (the zip
/// reader never unpacks an entry past its declared size); `None` when `bytes` is no zip
/// archive (calamine then says what is wrong).
fn unpacked_size(bytes: &[u8]) -> Option<u64> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let size = zip.by_index_raw(i).ok()?.size();
        total = total.saturating_add(size);
    }
    Some(total)
}

/// The cells read from a sheet, not yet in order.
/// Where a cell's value in a row comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Value {
    /// The row's own cell (index in `row_cells`).
    Own(usize),
    /// The value of a merged range filled in (index in `merges`).
    Filled(usize),
}

#[derive(Default)]
struct Collected {
    cells: Vec<Kept>,
    text: String,
}

impl Collected {
    /// In sheet order; a cell given twice counts once.
    fn sort(&mut self) {
        self.cells.sort_by_key(|c| (c.row, c.col));
        self.cells.dedup_by_key(|c| (c.row, c.col));
    }

    /// Keeps a cell unless it holds nothing.
    fn push(&mut self, (row, col): (u32, u32), data: &Data, no_result: bool) {
        if no_result {
            let at = self.text.len();
            self.cells.push(Kept {
                row,
                col,
                start: at,
                end: at,
                kind: Kind::NoResult,
            });
            return;
        }
        if is_blank(data) {
            return;
        }
        let (text, bad) = cell_text(data);
        let start = self.text.len();
        self.text.push_str(&text);
        self.cells.push(Kept {
            row,
            col,
            start,
            end: self.text.len(),
            kind: if bad { Kind::ErrorValue } else { Kind::Value },
        });
    }

    /// The cells of a dense range (`.xls`, `.ods`: calamine reads them whole), with formulas
    /// that have no value marked.
    fn push_range(
        &mut self,
        range: &calamine::Range<Data>,
        formulas: Option<&calamine::Range<String>>,
    ) {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, d) in range.used_cells() {
            let at = (r0.saturating_add(r as u32), c0.saturating_add(c as u32));
            self.push(at, d, false);
        }
        let Some(formulas) = formulas else {
            return;
        };
        let (f0, g0) = formulas.start().unwrap_or((0, 0));
        for (r, c, f) in formulas.used_cells() {
            let at = (f0.saturating_add(r as u32), g0.saturating_add(c as u32));
            let empty = range.get_value(at).is_none_or(|d| *d == Data::Empty);
            if !f.is_empty() && empty {
                self.push(at, &Data::Empty, true);
            }
        }
    }
}

impl WorkbookSource {
    /// Reads `sheet` (or the first visible worksheet) of the workbook in `bytes`; `ext` is the
    /// file's extension, `file` names it in diagnostics.
    pub fn new(
        bytes: Vec<u8>,
        ext: &str,
        sheet: Option<&str>,
        file: &str,
    ) -> Result<WorkbookSource, Box<Diagnostic>> {
        let fail = |msg: Message| Box::new(Diagnostic::error(file, msg));
        if ext != "xls"
            && let Some(size) = unpacked_size(&bytes)
            && size > MAX_UNPACKED
        {
            return Err(fail(msg!(
                "error-workbook-too-large",
                size = size.div_ceil(1 << 20),
                max = MAX_UNPACKED >> 20
            )));
        }
        // calamine is trusted not to panic, but a damaged file must never bring the program
        // down: a panic while parsing is reported like any other damage (on the streaming
        // thread too, see `Feed::streamed`).
        let opened = std::panic::catch_unwind(move || -> Result<_, Failed> {
            let book = open_sheets(bytes, ext).map_err(Failed::Damaged)?;
            let (name, note) = choose(book.sheets_metadata(), sheet).map_err(Failed::Said)?;
            let cannot =
                |e: String| Failed::Said(msg!("error-cannot-read-sheet", sheet = name, why = e));
            let (feed, merges) = match book {
                Sheets::Xlsx(mut x) => {
                    let merges = x
                        .merge_cells_by_sheet_name(&name)
                        .map_err(|e| cannot(e.to_string()))?;
                    let feed = Feed::streamed(Streamable::Xlsx(x), name.clone()).map_err(cannot)?;
                    (feed, merges)
                }
                Sheets::Xlsb(x) => {
                    let feed = Feed::streamed(Streamable::Xlsb(x), name.clone()).map_err(cannot)?;
                    (feed, Vec::new())
                }
                Sheets::Xls(mut x) => {
                    let merges = x.merge_cells_by_sheet_name(&name).unwrap_or_default();
                    (Feed::held(whole(&mut x, &name).map_err(cannot)?), merges)
                }
                Sheets::Ods(mut x) => (
                    Feed::held(whole(&mut x, &name).map_err(cannot)?),
                    Vec::new(),
                ),
            };
            Ok((name, note, feed, merges))
        });
        let (sheet, note, feed, merges) = match opened {
            Ok(Ok(x)) => x,
            Ok(Err(Failed::Said(msg))) => return Err(fail(msg)),
            Ok(Err(Failed::Damaged(msg))) => {
                return Err(fail(msg!(
                    "error-workbook-damaged-because",
                    why = msg,
                    ext = ext
                )));
            }
            Err(_) => {
                return Err(fail(msg!("error-workbook-damaged", ext = ext)));
            }
        };
        let mut merges: Vec<Merge> = merges
            .iter()
            .filter(|d| d.start.0 <= d.end.0 && d.start.1 <= d.end.1)
            .map(|d| Merge {
                first: d.start,
                last: d.end,
                anchor: None,
            })
            .collect();
        merges.sort_by_key(|m| m.first);
        Ok(WorkbookSource {
            file: file.to_string(),
            ext: ext.to_string(),
            notes: note
                .map(|n| Diagnostic::warning(file, n))
                .into_iter()
                .collect(),
            sheet,
            feed,
            row_cells: Vec::new(),
            row_text: String::new(),
            merges,
            merge_next: 0,
            active: Vec::new(),
            width: None,
            budget: MERGE_WORK,
            scratch: Vec::new(),
            covered: Vec::new(),
            reach: Vec::new(),
        })
    }

    /// The name of the sheet read.
    pub fn sheet_name(&self) -> &str {
        &self.sheet
    }

    /// What a row's value holds: its kind and text.
    fn value(&self, v: Value) -> (Kind, &str) {
        match v {
            Value::Own(i) => self.row_cells.get(i).map_or((Kind::Value, ""), |c| {
                (
                    c.kind,
                    self.row_text.get(c.start..c.end).unwrap_or_default(),
                )
            }),
            Value::Filled(m) => self
                .merges
                .get(m)
                .and_then(|m| m.anchor.as_ref())
                .map_or((Kind::Value, ""), |(kind, text)| (*kind, text.as_str())),
        }
    }

    /// The diagnostic for cells that stopped coming.
    fn stopped(&self, stop: Stop) -> Box<Diagnostic> {
        let d = match stop {
            Stop::Failed(why) => Diagnostic::error(
                &self.file,
                msg!("error-cannot-read-sheet", sheet = self.sheet, why = why),
            ),
            Stop::Panicked => {
                Diagnostic::error(&self.file, msg!("error-workbook-damaged", ext = self.ext))
            }
            Stop::OutOfOrder((row, col), (before_row, before_col)) => {
                let name = |r: u32, c: u32| {
                    format!("{}{}", column_letters(u64::from(c) + 1), u64::from(r) + 1)
                };
                Diagnostic::error(
                    &self.file,
                    msg!(
                        "error-workbook-cell-out-of-order",
                        cell = name(row, col),
                        before = name(before_row, before_col)
                    ),
                )
                .at(u64::from(row) + 1, u64::from(col) + 1)
            }
        };
        Box::new(d)
    }

    /// Makes the merged ranges covering row `r` (left of the header's end) the active ones; a
    /// range whose first row this is keeps its first cell's value for the rows below.
    fn take_merges(&mut self, r: u32) -> Result<(), Box<Diagnostic>> {
        while let Some(m) = self.merges.get(self.merge_next)
            && m.first.0 <= r
        {
            if m.last.0 >= r && self.width.is_none_or(|w| m.first.1 < w) {
                if m.first.0 == r {
                    let col = m.first.1;
                    let anchor = self.row_cells.iter().find(|c| c.col == col).map(|c| {
                        let text = self.row_text.get(c.start..c.end).unwrap_or_default();
                        (c.kind, text.to_string())
                    });
                    self.merges[self.merge_next].anchor = anchor;
                }
                self.active.push(self.merge_next);
            }
            self.merge_next += 1;
        }
        let merges = &self.merges;
        self.active.retain(|&m| merges[m].last.0 >= r);
        match self.budget.checked_sub(self.active.len()) {
            Some(b) => {
                self.budget = b;
                Ok(())
            }
            None => Err(Box::new(
                Diagnostic::error(&self.file, msg!("error-merges-too-many"))
                    .at_line(u64::from(r) + 1),
            )),
        }
    }

    fn read(&mut self, row: &mut RawRow) -> Result<bool, Box<Diagnostic>> {
        self.row_cells.clear();
        self.row_text.clear();
        let Some((r, _)) = self.feed.peek().map_err(|s| self.stopped(s))? else {
            return Ok(false);
        };
        while let Some((at, _)) = self.feed.peek().map_err(|s| self.stopped(s))?
            && at == r
        {
            self.feed.take(&mut self.row_cells, &mut self.row_text);
        }
        self.take_merges(r)?;
        // The row's cells by column: the kept ones, and merged values filled in.
        self.scratch.clear();
        self.scratch.extend(
            self.row_cells
                .iter()
                .enumerate()
                .map(|(i, c)| (c.col, Value::Own(i))),
        );
        for &m in &self.active {
            let g = &self.merges[m];
            if g.anchor.is_some() && g.first.0 < r {
                self.scratch.push((g.first.1, Value::Filled(m)));
            }
        }
        // A row's own cell comes before a value filled in at the same column.
        self.scratch.sort_unstable();
        // Where a kept cell lies under a merged range: all of its columns, but the first on
        // the range's first row (the value shown).
        self.covered.clear();
        for &m in &self.active {
            let g = &self.merges[m];
            let from = if g.first.0 == r {
                g.first.1.saturating_add(1)
            } else {
                g.first.1
            };
            if from <= g.last.1 {
                self.covered.push((from, g.last.1, m));
            }
        }
        self.covered.sort_unstable();
        self.reach.clear();
        let mut far: Option<(u32, usize)> = None;
        for &(_, last, m) in &self.covered {
            if far.is_none_or(|(l, _)| last > l) {
                far = Some((last, m));
            }
            self.reach.extend(far);
        }
        row.line = u64::from(r) + 1;
        row.clear();
        row.bad.clear();
        row.warnings.clear();
        let mut last: Option<u32> = None;
        for k in 0..self.scratch.len() {
            let (col, v) = self.scratch[k];
            if last == Some(col) {
                // The merged value where a cell has its own: reported below.
                continue;
            }
            last = Some(col);
            for _ in row.len()..col as usize {
                row.push("");
            }
            let (kind, text) = self.value(v);
            let at = row.len();
            match kind {
                Kind::Value => {}
                Kind::ErrorValue => row
                    .bad
                    .push((at, msg!("error-cell-spreadsheet-error", value = text))),
                Kind::NoResult => row.bad.push((at, msg!("error-cell-not-calculated"))),
            }
            let under = self.covered.partition_point(|&(from, _, _)| from <= col);
            if matches!(v, Value::Own(_))
                && let Some(&(last, m)) = under.checked_sub(1).and_then(|k| self.reach.get(k))
                && last >= col
            {
                let m = &self.merges[m];
                let range = format!(
                    "{}{}:{}{}",
                    column_letters(u64::from(m.first.1) + 1),
                    u64::from(m.first.0) + 1,
                    column_letters(u64::from(m.last.1) + 1),
                    u64::from(m.last.0) + 1
                );
                row.bad
                    .push((at, msg!("error-cell-under-merge", range = range)));
            }
            row.push(text);
        }
        if self.width.is_none() {
            self.width = Some(row.len() as u32);
        }
        Ok(true)
    }
}

/// Why a workbook could not be read.
enum Failed {
    /// Not a workbook of its kind, or damaged: calamine's words.
    Damaged(String),
    /// A sentence for the user.
    Said(Message),
}

/// The sheet to read: `wanted` (even hidden, with a warning), or the first visible worksheet
/// (with a warning when hidden sheets come before it); and the warning.
fn choose(
    sheets: &[calamine::Sheet],
    wanted: Option<&str>,
) -> Result<(String, Option<Message>), Message> {
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    let hidden = |s: &calamine::Sheet| s.visible != SheetVisible::Visible;
    if let Some(w) = wanted {
        return match sheets.iter().find(|s| s.name == w) {
            Some(s) if hidden(s) => Ok((
                s.name.clone(),
                Some(msg!("warning-sheet-hidden", sheet = w)),
            )),
            Some(s) => Ok((s.name.clone(), None)),
            None => Err(msg!(
                "error-no-such-sheet",
                sheet = w,
                sheets = List::quoted(&names)
            )),
        };
    }
    if sheets.is_empty() {
        return Err(msg!("error-no-sheet"));
    }
    let Some(p) = sheets
        .iter()
        .position(|s| !hidden(s) && s.typ == SheetType::WorkSheet)
    else {
        return Err(msg!(
            "error-no-visible-sheet",
            sheets = List::quoted(&names),
            first = names[0]
        ));
    };
    let skipped: Vec<String> = sheets[..p]
        .iter()
        .filter(|s| hidden(s))
        .map(|s| s.name.clone())
        .collect();
    let note = (!skipped.is_empty()).then(|| {
        msg!(
            "warning-hidden-sheets-skipped",
            hidden = List::quoted(&skipped),
            sheet = sheets[p].name
        )
    });
    Ok((sheets[p].name.clone(), note))
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
        Ok(self.read(&mut row)?.then_some(row))
    }

    fn next_row(&mut self, row: &mut RawRow) -> Result<bool, Box<Diagnostic>> {
        self.read(row)
    }

    fn sheet(&self) -> Option<&str> {
        Some(&self.sheet)
    }

    fn notes(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.notes)
    }

    fn rereads_cheaply(&self) -> bool {
        false
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
