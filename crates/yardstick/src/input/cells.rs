//! Turning cells into values, with an error for every cell that does not fit.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

use rust_decimal::Decimal;

use super::table::{Cell, RowSource, Table};
use crate::error::{Diagnostic, Sink};
use crate::i18n::Message;
use crate::num::parse_decimal_exact;

/// Roster ids to roster positions, in little memory: the ids once, end to end in one string,
/// and a hash table of positions.
#[derive(Default, Clone)]
pub(crate) struct IdMap {
    text: String,
    ends: Vec<usize>,
    table: hashbrown::HashTable<usize>,
    hasher: foldhash::fast::FixedState,
}

impl IdMap {
    /// The map of `ids` as [`IdMap::push`] makes it.
    #[cfg(test)]
    pub(crate) fn of<'a>(ids: impl IntoIterator<Item = &'a str>) -> IdMap {
        let mut m = IdMap::default();
        for id in ids {
            let _ = m.push(id);
        }
        m
    }

    /// Gives `id` the next position and returns it; an id already there keeps its position,
    /// which is returned as the error.
    pub(crate) fn push(&mut self, id: &str) -> Result<usize, usize> {
        let h = self.hasher.hash_one(id);
        let IdMap {
            text,
            ends,
            table,
            hasher,
        } = self;
        if let Some(&j) = table.find(h, |&j| id_at(text, ends, j) == id) {
            return Err(j);
        }
        let i = ends.len();
        text.push_str(id);
        ends.push(text.len());
        table.insert_unique(h, i, |&j| hasher.hash_one(id_at(text, ends, j)));
        Ok(i)
    }

    /// Frees the room kept for more ids.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
        let IdMap {
            text,
            ends,
            table,
            hasher,
        } = self;
        table.shrink_to_fit(|&j| hasher.hash_one(id_at(text, ends, j)));
    }

    /// The id at position `i` ("" past the end).
    pub(crate) fn id(&self, i: usize) -> &str {
        id_at(&self.text, &self.ends, i)
    }

    /// The position of `id`.
    pub(crate) fn get(&self, id: &str) -> Option<usize> {
        let h = self.hasher.hash_one(id);
        self.table
            .find(h, |&j| id_at(&self.text, &self.ends, j) == id)
            .copied()
    }
}

impl std::fmt::Debug for IdMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "IdMap({} ids)", self.ends.len())
    }
}

fn id_at<'a>(text: &'a str, ends: &[usize], i: usize) -> &'a str {
    let start = if i == 0 {
        0
    } else {
        ends.get(i - 1).copied().unwrap_or(0)
    };
    let end = ends.get(i).copied().unwrap_or(start);
    text.get(start..end).unwrap_or_default()
}

/// What row readers share: the file's name, the roster's ids and the diagnostics.
pub(crate) struct Ctx<'a> {
    pub(crate) file: &'a str,
    pub(crate) roster_file: &'a str,
    pub(crate) workers: &'a IdMap,
    pub(crate) sink: &'a mut Sink,
    /// The worker of the last row, as rows of one worker often follow each other.
    last: Option<usize>,
}

impl<'a> Ctx<'a> {
    /// What the rows of `file` share, checked against the roster `roster_file`.
    pub(crate) fn new(
        file: &'a str,
        roster_file: &'a str,
        workers: &'a IdMap,
        sink: &'a mut Sink,
    ) -> Ctx<'a> {
        Ctx {
            file,
            roster_file,
            workers,
            sink,
            last: None,
        }
    }

    pub(crate) fn error(&mut self, cell: &Cell, message: Message) {
        let d = cell.error(self.file, message);
        self.sink.push(d);
    }

    pub(crate) fn warn(&mut self, cell: &Cell, message: Message) {
        let mut d = cell.error(self.file, message);
        d.severity = crate::Severity::Warning;
        self.sink.push(d);
    }

    /// The roster index of the worker in this cell.
    pub(crate) fn worker(&mut self, cell: &Cell) -> Option<usize> {
        if let Some(i) = self.last
            && self.workers.id(i) == cell.text
        {
            return Some(i);
        }
        match self.workers.get(cell.text) {
            Some(i) => {
                self.last = Some(i);
                Some(i)
            }
            None => {
                let msg = crate::msg!(
                    "error-not-in-roster",
                    id = cell.text,
                    roster = self.roster_file
                );
                self.error(cell, msg);
                None
            }
        }
    }

    /// A decimal number in `[min, max]` (either bound optional).
    pub(crate) fn number(
        &mut self,
        cell: &Cell,
        min: Option<Decimal>,
        max: Option<Decimal>,
    ) -> Option<Decimal> {
        let v = match parse_decimal_exact(cell.text) {
            Ok(v) => v,
            Err(e) => {
                let subject = crate::msg!("what-cell", value = cell.text, column = cell.name);
                self.error(cell, e.message(subject));
                return None;
            }
        };
        let below = min.is_some_and(|m| v < m);
        let above = max.is_some_and(|m| v > m);
        if below || above {
            let range = match (min, max) {
                (Some(a), Some(b)) => crate::msg!("what-range-between", min = a, max = b),
                (Some(a), None) => crate::msg!("what-range-at-least", min = a),
                (None, Some(b)) => crate::msg!("what-range-at-most", max = b),
                (None, None) => return Some(v),
            };
            let msg = crate::msg!(
                "error-out-of-range",
                value = cell.text,
                column = cell.name,
                range = range
            );
            self.error(cell, msg);
            return None;
        }
        Some(v)
    }

    /// A whole number ≥ 0.
    pub(crate) fn whole(&mut self, cell: &Cell) -> Option<u64> {
        match cell.text.parse::<u64>() {
            Ok(n) => Some(n),
            Err(_) => {
                let subject = crate::msg!("what-cell", value = cell.text, column = cell.name);
                self.error(cell, crate::msg!("error-not-whole", subject = subject));
                None
            }
        }
    }

    /// The position of the cell's label among `labels`, or an error listing them; `what` names
    /// what the label is (`msg!("what-choice")`).
    pub(crate) fn label<'l>(
        &mut self,
        cell: &Cell,
        labels: impl Iterator<Item = &'l str> + Clone,
        what: Message,
    ) -> Option<usize> {
        if let Some(i) = labels.clone().position(|l| l == cell.text) {
            return Some(i);
        }
        let msg = crate::msg!(
            "error-unknown-label",
            what = what,
            value = cell.text,
            allowed = crate::i18n::List::quoted(labels)
        );
        self.error(cell, msg);
        None
    }

    /// Checks a date `YYYY-MM-DD` when present; a bad date only warns, as scores do not use it.
    pub(crate) fn date(&mut self, cell: &Cell) {
        if !cell.is_empty() && crate::input::parse_date(cell.text).is_none() {
            self.warn(cell, crate::msg!("warning-not-a-date", value = cell.text));
        }
    }
}

/// A row's key in a component file: the columns that make it beside worker_id, the column a
/// duplicate is reported at, and what a duplicate is called (`|| msg!("what-dup-ballot")`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeySpec {
    pub(crate) parts: &'static [&'static str],
    pub(crate) at: &'static str,
    pub(crate) what: fn() -> Message,
}

/// Finds duplicate keys in little memory, in one reading when the file is grouped.
///
/// Files are usually grouped: every row of a worker together (a panel's or a call list's
/// export), or the rows of one ballot sheet together, in order of the sheets (民主测评 entered
/// sheet by sheet). Two rows with the same key share the worker and the key's first column,
/// so in a file grouped by either, they fall in the same run of rows. `Prints` follows the runs
/// of both columns, keeps a 64-bit fingerprint of (worker, key) for the rows of the current run
/// only, and takes equal fingerprints in a finished run as suspects. It stops following the
/// worker when a worker comes back after their run has ended (a bit per roster worker tells),
/// and the key's first column when its values stop rising (so that a value cannot come back
/// unnoticed without remembering every value).
///
/// Equal keys always have equal fingerprints, so no duplicate is missed; suspects are
/// confirmed or cleared by [`recheck`], which reads the file again and compares the keys
/// themselves, so no duplicate is reported falsely. (Two different keys share a fingerprint
/// about once in 10¹² files of a province's size; real duplicates are errors anyway, so the
/// second reading happens only on bad input.) A file grouped by neither column is read a
/// second time by [`all_suspects`], with a fingerprint for every row; a workbook, slow to read
/// again, has every row's fingerprint kept in the first reading instead (8 bytes a row).
#[derive(Default)]
pub(crate) struct Prints {
    /// By worker, and by the key's first column when it has one.
    runs: Vec<Runs>,
    /// Every row's fingerprint, for a file not cheap to read again.
    all: Option<Vec<u64>>,
    started: bool,
    /// The key's columns in the table.
    columns: Vec<Option<usize>>,
}

/// The runs of one column.
struct Runs {
    /// The worker's runs (else the key's first column's).
    by_worker: bool,
    /// Whether every value of the column so far came in one run.
    grouped: bool,
    /// Whether a run has begun.
    begun: bool,
    /// The current run's worker, or value of the key's first column.
    worker: usize,
    text: String,
    /// The current run's fingerprints.
    prints: Vec<u64>,
    /// A bit per roster worker whose run has ended.
    ended: Vec<u64>,
    suspects: Vec<u64>,
}

impl Runs {
    fn new(by_worker: bool) -> Runs {
        Runs {
            by_worker,
            grouped: true,
            begun: false,
            worker: 0,
            text: String::new(),
            prints: Vec::new(),
            ended: Vec::new(),
            suspects: Vec::new(),
        }
    }

    /// Ends the current run: its equal fingerprints become suspects.
    fn close(&mut self) {
        self.prints.sort_unstable();
        self.suspects.extend(
            self.prints
                .windows(2)
                .filter(|w| w[0] == w[1])
                .map(|w| w[0]),
        );
        self.prints.clear();
        if self.by_worker && self.begun {
            let (word, bit) = (self.worker / 64, self.worker % 64);
            if self.ended.len() <= word {
                self.ended.resize(word + 1, 0);
            }
            self.ended[word] |= 1 << bit;
        }
    }

    /// Whether the row (of `worker`, with `text` in the key's first column) continues the run;
    /// otherwise ends it, and starts the next one or gives the column up.
    fn follow(&mut self, worker: usize, text: &str) {
        let same = if self.by_worker {
            self.worker == worker
        } else {
            self.text == text
        };
        if self.begun && same {
            return;
        }
        self.close();
        let comes_back = if self.by_worker {
            self.ended
                .get(worker / 64)
                .is_some_and(|w| w & (1 << (worker % 64)) != 0)
        } else {
            self.begun && text < self.text.as_str()
        };
        if comes_back {
            // Not grouped by this column: free what it held.
            *self = Runs {
                grouped: false,
                ..Runs::new(self.by_worker)
            };
            return;
        }
        self.begun = true;
        self.worker = worker;
        self.text.clear();
        self.text.push_str(text);
    }
}

impl Prints {
    /// Records the key of the table's current row, for roster worker `worker`.
    pub(crate) fn insert<S: RowSource>(&mut self, worker: usize, table: &Table<S>, spec: &KeySpec) {
        if !self.started {
            self.started = true;
            self.runs.push(Runs::new(true));
            if !spec.parts.is_empty() {
                self.runs.push(Runs::new(false));
            }
            self.columns = spec.parts.iter().map(|p| table.column(p)).collect();
            if !table.rereads_cheaply() {
                self.all = Some(Vec::new());
            }
        }
        let print = fingerprint_at(worker, table, &self.columns);
        if let Some(all) = &mut self.all {
            all.push(print);
        }
        let first = self.columns.first().map_or("", |&c| table.at(c).text);
        for runs in &mut self.runs {
            if runs.grouped {
                runs.follow(worker, if runs.by_worker { "" } else { first });
                if runs.grouped {
                    runs.prints.push(print);
                }
            }
        }
    }

    /// The suspects (fingerprints seen more than once, sorted), or `None` when the file is
    /// grouped by neither column: then [`all_suspects`] finds them in a second reading. When
    /// there are suspects, the file is read again by [`recheck`].
    pub(crate) fn finish(mut self) -> Option<Vec<u64>> {
        if !self.started {
            return Some(Vec::new());
        }
        let Some(runs) = self.runs.iter_mut().find(|r| r.grouped) else {
            return self.all.map(suspects_among);
        };
        runs.close();
        let mut suspects = std::mem::take(&mut runs.suspects);
        suspects.sort_unstable();
        suspects.dedup();
        Some(suspects)
    }
}

/// Reads a file that is grouped by neither the worker nor the key's first column once more,
/// keeping a fingerprint of every row whose worker is on the roster, and returns the suspects
/// (see [`Prints`]).
pub(crate) fn all_suspects<S: RowSource>(
    table: &mut Table<S>,
    spec: &KeySpec,
    workers: &IdMap,
) -> Vec<u64> {
    // Everything about the rows was reported in the first reading.
    let mut scratch = Sink::default();
    let mut prints = Vec::new();
    let worker = table.column("worker_id");
    let columns: Vec<Option<usize>> = spec.parts.iter().map(|p| table.column(p)).collect();
    while let Some(good) = table.advance(&mut scratch) {
        if !good {
            continue;
        }
        if let Some(w) = workers.get(table.at(worker).text) {
            prints.push(fingerprint_at(w, table, &columns));
        }
    }
    suspects_among(prints)
}

/// The fingerprints that occur more than once, sorted.
fn suspects_among(mut prints: Vec<u64>) -> Vec<u64> {
    prints.sort_unstable();
    let mut suspects: Vec<u64> = prints
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    suspects.dedup();
    suspects
}

/// A 64-bit fingerprint of (worker, key), the key in `columns` (found by [`Table::column`]).
fn fingerprint_at<S: RowSource>(worker: usize, table: &Table<S>, columns: &[Option<usize>]) -> u64 {
    // foldhash with a fixed seed: well mixed, fast, and the same in every run.
    let mut h = foldhash::fast::FixedState::with_seed(0x7961_7264_7374_6963).build_hasher();
    h.write_usize(worker);
    for &column in columns {
        let text = table.at(column).text;
        h.write_usize(text.len());
        h.write(text.as_bytes());
    }
    h.finish()
}

/// Reads a file again to report, exactly, the duplicate keys among the rows whose fingerprint
/// is a suspect, each with the line of the key's first row. The diagnostics go among the
/// file's others in line order, after those of the same row, as if found in the first reading.
pub(crate) fn recheck<S: RowSource>(
    table: &mut Table<S>,
    spec: &KeySpec,
    suspects: &[u64],
    ctx: &mut Ctx,
) {
    use std::collections::hash_map::Entry;
    // Everything else about the rows was reported in the first reading.
    let mut scratch = Sink::default();
    let mut first: HashMap<(usize, Vec<String>), u64> = HashMap::new();
    let mut found = Vec::new();
    let columns: Vec<Option<usize>> = spec.parts.iter().map(|p| table.column(p)).collect();
    while let Some(good) = table.advance(&mut scratch) {
        if !good {
            continue;
        }
        let wc = table.cell("worker_id");
        let Some(w) = ctx.workers.get(wc.text) else {
            continue;
        };
        if suspects
            .binary_search(&fingerprint_at(w, table, &columns))
            .is_err()
        {
            continue;
        }
        let key: Vec<String> = spec
            .parts
            .iter()
            .map(|p| table.cell(p).text.to_string())
            .collect();
        let line = table.line();
        match first.entry((w, key)) {
            Entry::Occupied(e) => {
                let mut names: Vec<&str> = vec![wc.text];
                names.extend(e.key().1.iter().map(String::as_str));
                names.retain(|p| !p.is_empty());
                let msg = crate::msg!(
                    "error-duplicate",
                    what = (spec.what)(),
                    key = names.join(" / "),
                    line = e.get()
                );
                found.push(table.cell(spec.at).error(ctx.file, msg));
            }
            Entry::Vacant(v) => {
                v.insert(line);
            }
        }
    }
    // The file's diagnostics are the last ones in the sink, in line order: the duplicates,
    // also in line order, are merged in, each after those of its line (one pass, however
    // many there are).
    let start = ctx
        .sink
        .items
        .iter()
        .rposition(|d| d.file != ctx.file)
        .map_or(0, |i| i + 1);
    let n = found.len();
    for d in found {
        // Through the sink, which places a workbook's diagnostics in its sheet.
        ctx.sink.push(d);
    }
    let items = &mut ctx.sink.items;
    let found = items.split_off(items.len() - n);
    let mut others = items.split_off(start).into_iter().peekable();
    for d in found {
        let line = d.line.unwrap_or(0);
        while let Some(x) = others.next_if(|x| x.line.unwrap_or(0) <= line) {
            items.push(x);
        }
        items.push(d);
    }
    items.extend(others);
}

/// A diagnostic with no cell (a whole file).
pub(crate) fn file_error(file: &str, message: Message) -> Diagnostic {
    Diagnostic::error(file, message)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::io::{Cursor, Read};
    use std::path::{Path, PathBuf};

    use crate::{Bundle, Files};

    struct Mem(HashMap<PathBuf, Vec<u8>>);

    impl Files for Mem {
        fn open(&self, path: &Path) -> std::io::Result<Box<dyn Read + '_>> {
            match self.0.get(path) {
                Some(b) => Ok(Box::new(Cursor::new(b.as_slice()))),
                None => Err(std::io::ErrorKind::NotFound.into()),
            }
        }
    }

    /// The diagnostics of loading bundle `b` made of these files.
    fn errors(files: &[(&str, &str)]) -> Vec<String> {
        let files: HashMap<PathBuf, Vec<u8>> = files
            .iter()
            .map(|(p, t)| (PathBuf::from(p), t.as_bytes().to_vec()))
            .collect();
        match Bundle::load_with(&Mem(files), Path::new("b")) {
            Ok(_) => vec![],
            Err(e) => e
                .diagnostics()
                .iter()
                .map(|d| d.render(crate::i18n::Lang::En))
                .collect(),
        }
    }

    #[test]
    fn duplicates_are_found_exactly_and_keep_their_place_among_other_errors() {
        let got = errors(&[
            (
                "b/assessment.toml",
                "[assessment]\nname = \"t\"\nyear = 2024\nrubric = \"r.toml\"\n[inputs]\nroster = \"roster.csv\"\n[inputs.components]\nreport = \"report.csv\"\nballot = \"ballots.csv\"\nphone = \"phone.csv\"\n",
            ),
            (
                "b/r.toml",
                include_str!("../../../../rubrics/community-worker.toml"),
            ),
            ("b/roster.csv", "worker_id,name\nW1,甲\nW2,乙\n"),
            (
                "b/report.csv",
                "worker_id,rater_id,score\nW1,R1,80\nW2,R1,80\nW1,R1,81\nW1,R2,abc\nW1,R1,82\nW2,R2,90\n",
            ),
            (
                "b/ballots.csv",
                "ballot_id,worker_id,choice\nB1,W1,优秀\nB1,W2,很好\nB1,W2,称职\nB2,W2,称职\n",
            ),
            (
                "b/phone.csv",
                "worker_id,call_id,outcome\nW1,C1,满意\nW1,C2,满意\nW2,C1,满意\n",
            ),
        ]);
        assert_eq!(
            got,
            vec![
                "b/report.csv:4:2: error: duplicate score (same worker_id and rater_id): \"W1 / R1\" is already on line 2",
                "b/report.csv:5:3: error: \"abc\" in column \"score\" is not a number",
                "b/report.csv:6:2: error: duplicate score (same worker_id and rater_id): \"W1 / R1\" is already on line 2",
                "b/ballots.csv:3:3: error: unknown choice \"很好\"; the rubric allows \"优秀\", \"称职\", \"基本称职\", \"不称职\", \"弃权\", \"不了解\"",
                "b/ballots.csv:4:1: error: duplicate ballot (same ballot_id and worker_id): \"W2 / B1\" is already on line 3",
            ]
        );
    }

    #[test]
    fn the_id_map_finds_each_id_at_its_first_position() {
        let mut m = super::IdMap::of(["W1", "W2", "", "W1", "张丽萍"]);
        assert_eq!(m.get("W1"), Some(0));
        assert_eq!(m.get("W2"), Some(1));
        assert_eq!(m.get(""), Some(2));
        assert_eq!(m.get("张丽萍"), Some(3));
        assert_eq!(m.push("W2"), Err(1));
        m.shrink_to_fit();
        assert_eq!((m.push("W9"), m.get("张丽萍")), (Ok(4), Some(3)));
        assert_eq!(m.get("W3"), None);
        assert_eq!(super::IdMap::default().get("W1"), None);
        let many: Vec<String> = (0..10_000).map(|i| format!("SQ{i:05}")).collect();
        let m = super::IdMap::of(many.iter().map(String::as_str));
        assert!((0..10_000).all(|i| m.get(&many[i]) == Some(i)));
    }

    #[test]
    fn a_roster_row_with_an_error_still_makes_a_later_row_a_duplicate() {
        let got = errors(&[
            (
                "b/assessment.toml",
                "[assessment]\nname = \"t\"\nyear = 2024\nrubric = \"r.toml\"\n[inputs]\nroster = \"roster.csv\"\n",
            ),
            (
                "b/r.toml",
                include_str!("../../../../rubrics/community-worker.toml"),
            ),
            (
                "b/roster.csv",
                "worker_id,name,electorate\nW1,甲,x\nW2,乙,9\nW1,丙,5\nW2,丁,\n",
            ),
        ]);
        assert_eq!(
            got,
            vec![
                "b/roster.csv:2:3: error: \"x\" in column \"electorate\" is not a whole number",
                "b/roster.csv:4:1: error: duplicate worker_id: \"W1\" is already on line 2",
                "b/roster.csv:5:1: error: duplicate worker_id: \"W2\" is already on line 3",
            ]
        );
    }

    #[test]
    fn duplicates_are_found_whatever_the_order_of_the_rows() {
        // The same duplicates in a file grouped by worker, one grouped by ballot sheet in
        // rising order, one grouped by sheet in falling order (neither column's runs can be
        // trusted: a second reading fingerprints every row) and one in no order at all.
        let orders = [
            "ballot_id,worker_id,choice\nB1,W1,优秀\nB2,W1,优秀\nB1,W1,称职\nB1,W2,优秀\nB2,W2,称职\n",
            "ballot_id,worker_id,choice\nB1,W1,优秀\nB1,W2,优秀\nB1,W1,称职\nB2,W1,优秀\nB2,W2,称职\n",
            "ballot_id,worker_id,choice\nB2,W1,优秀\nB2,W2,称职\nB1,W1,优秀\nB1,W2,优秀\nB1,W1,称职\n",
            "ballot_id,worker_id,choice\nB1,W1,优秀\nB2,W2,称职\nB2,W1,优秀\nB1,W2,优秀\nB1,W1,称职\n",
        ];
        let expect = [(4, 2), (4, 2), (6, 4), (6, 2)];
        for (ballots, (line, first)) in orders.iter().zip(expect) {
            let got = errors(&[
                (
                    "b/assessment.toml",
                    "[assessment]\nname = \"t\"\nyear = 2024\nrubric = \"r.toml\"\n[inputs]\nroster = \"roster.csv\"\n[inputs.components]\nballot = \"ballots.csv\"\n",
                ),
                (
                    "b/r.toml",
                    include_str!("../../../../rubrics/community-worker.toml"),
                ),
                ("b/roster.csv", "worker_id,name\nW1,甲\nW2,乙\n"),
                ("b/ballots.csv", ballots),
            ]);
            assert_eq!(
                got,
                vec![format!(
                    "b/ballots.csv:{line}:1: error: duplicate ballot (same ballot_id and worker_id): \"W1 / B1\" is already on line {first}"
                )],
                "{ballots}"
            );
        }
    }
}
