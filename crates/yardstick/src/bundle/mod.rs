//! Loading an assessment bundle (docs/contract.md sections 1–2): `assessment.toml`, the rubric,
//! the roster, one file per component and the adjustments, every row streamed into the
//! tallies of its method ([`crate::method`]) — the layer above the file readers of
//! [`crate::input`] and the methods.

mod builder;

pub use builder::BundleBuilder;

use std::collections::HashSet;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Diagnostic, Error, Sink, Warned};
use crate::history::{self, History};
use crate::input::manifest::{AssessmentInfo, Manifest};
use crate::input::{Date, Files, FsFiles, ReadOptions, Worker, cells, source, table};
use crate::method::{Kind, Tallies, ballot, interview, panel, phone, scorecard, test, visit};
use crate::rubric::{Method, Rubric};
use cells::Ctx;
use table::{Columns, RowSource, Table};

/// Every worker's adjustments, worker after worker: a province's workers share two vectors
/// (most of them have none).
#[derive(Debug, Clone, Default)]
pub(crate) struct Adjustments {
    /// Where each worker's items start in `items`; one more entry for the end.
    starts: Vec<usize>,
    items: Vec<AdjustmentCount>,
}

impl Adjustments {
    /// Worker `w`'s items, in rubric order.
    pub(crate) fn of(&self, w: usize) -> &[AdjustmentCount] {
        match (self.starts.get(w), self.starts.get(w + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a..b).unwrap_or_default(),
            _ => &[],
        }
    }

    /// From (worker, item, count) rows in any order: the counts of a worker's item added up.
    fn of_rows(workers: usize, mut rows: Vec<(usize, usize, u64)>) -> Adjustments {
        rows.sort_by_key(|&(w, i, _)| (w, i));
        let mut items: Vec<AdjustmentCount> = Vec::new();
        let mut starts = Vec::with_capacity(workers + 1);
        let mut rows = rows.into_iter().peekable();
        for w in 0..workers {
            starts.push(items.len());
            let first = items.len();
            while let Some((_, item, count)) = rows.next_if(|r| r.0 == w) {
                match items[first..].iter_mut().find(|a| a.item == item) {
                    Some(a) => a.count = a.count.saturating_add(count),
                    None => items.push(AdjustmentCount { item, count }),
                }
            }
        }
        starts.push(items.len());
        items.shrink_to_fit();
        Adjustments { starts, items }
    }
}

/// One adjustments row, added up per worker and item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdjustmentCount {
    /// Index into the rubric's adjustment items.
    pub item: usize,
    /// Occurrences.
    pub count: u64,
}

/// How many rows a file had and what became of them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileAccount {
    /// Which input (`roster`, a component id, `adjustments`).
    pub input: String,
    /// The file as named in diagnostics.
    pub file: String,
    /// Data rows read (blank lines not counted).
    pub rows: u64,
}

/// A loaded and checked bundle, ready to score: the rubric, the roster and every input's
/// tallies, read under that rubric. Its parts are read-only, so that tallies can never be
/// paired with another rubric or roster.
#[derive(Debug, Clone)]
pub struct Bundle {
    info: AssessmentInfo,
    publication: Option<crate::input::manifest::Publication>,
    path: PathBuf,
    rubric: Rubric,
    rubric_sha256: String,
    workers: Vec<Worker>,
    ids: cells::IdMap,
    accounting: Vec<FileAccount>,
    inputs: Vec<PathBuf>,
    tallies: Vec<Arc<dyn Tallies>>,
    adjustments: Adjustments,
    history: History,
}

impl Bundle {
    /// The `[assessment]` table.
    pub fn info(&self) -> &AssessmentInfo {
        &self.info
    }

    /// The `[publication]` table: what the 公示 says besides the results.
    pub fn publication(&self) -> Option<&crate::input::manifest::Publication> {
        self.publication.as_ref()
    }

    /// Where `assessment.toml` is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The rubric.
    pub fn rubric(&self) -> &Rubric {
        &self.rubric
    }

    /// SHA-256 of the rubric file's bytes, lower-case hex.
    pub fn rubric_sha256(&self) -> &str {
        &self.rubric_sha256
    }

    /// The roster, in file order.
    pub fn workers(&self) -> &[Worker] {
        &self.workers
    }

    /// The roster index of the worker with this id.
    pub fn worker_index(&self, id: &str) -> Option<usize> {
        self.ids.get(id)
    }

    /// The earlier years' results of `[history] results`, the latest year first.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Rows per input file.
    pub fn accounting(&self) -> &[FileAccount] {
        &self.accounting
    }

    /// Every file the bundle names (assessment.toml, the rubric, each input), so that a program
    /// never writes its output over one of them.
    pub fn inputs(&self) -> &[PathBuf] {
        &self.inputs
    }

    /// The tallies of the `k`-th component of the rubric.
    pub(crate) fn tallies(&self, k: usize) -> &dyn Tallies {
        self.tallies[k].as_ref()
    }

    /// Worker `w`'s adjustment items, in rubric order.
    pub(crate) fn adjustments_of(&self, w: usize) -> &[AdjustmentCount] {
        self.adjustments.of(w)
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

impl Bundle {
    /// Loads a bundle from the file system: a folder holding `assessment.toml`, or that file.
    ///
    /// ```
    /// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
    /// let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
    /// assert!(bundle.workers().len() > 30);
    /// ```
    pub fn load(path: &Path) -> Result<Warned<Bundle>, Error> {
        Bundle::load_with(&FsFiles, path)
    }

    /// Loads a bundle through `files`. Every error is collected; nothing is scored when any.
    pub fn load_with(files: &dyn Files, path: &Path) -> Result<Warned<Bundle>, Error> {
        Bundle::load_with_options(files, path, &ReadOptions::default())
    }

    /// As [`Bundle::load_with`], reading the input files as `options` says (the text encoding
    /// of CSV files).
    pub fn load_with_options(
        files: &dyn Files,
        path: &Path,
        options: &ReadOptions,
    ) -> Result<Warned<Bundle>, Error> {
        let manifest = Manifest::read(files, path)?;
        let (rubric, rubric_sha256) = manifest.load_rubric(files)?;
        let mut sink = Sink::default();
        // Component files: each key must be a component of the rubric.
        let comp_files = manifest.component_files(&rubric, &mut sink);
        // Every file the bundle names, the routing table and calendars included: scoring does
        // not read them, but no output may be written over them.
        let inputs = manifest.inputs();

        let mut accounting = Vec::new();
        let roster = Roster::load(files, options, &manifest, &mut sink, &mut accounting);
        let tallies = load_components(
            files,
            options,
            &rubric,
            &comp_files,
            &roster,
            &mut sink,
            &mut accounting,
        );
        let adjustment_rows = match &manifest.adjustments {
            Some(path) => read_adjustments(
                files,
                options,
                path,
                &rubric,
                &roster,
                &mut sink,
                &mut accounting,
            ),
            None => Vec::new(),
        };
        // Concern files are read by the concerns ledger, not by scoring; they must exist.
        for f in [&manifest.concerns, &manifest.concern_updates]
            .into_iter()
            .flatten()
        {
            let path = source::file_path(f);
            if let Err(e) = files.open(&path) {
                sink.push(Diagnostic::error(
                    display(&path),
                    crate::input::cannot_read(&e),
                ));
            }
        }

        // Earlier years' results, by this year's roster.
        let history = history::load(
            files,
            &manifest.history,
            &history::Context {
                rubric: &rubric,
                year: manifest.info.year,
                worker: &|id| roster.ids.get(id),
                workers: roster.workers.len(),
            },
            &|n, msg| manifest.history_error(n, msg),
            &mut sink,
        );

        let warnings = sink.finish()?;
        Ok(Warned {
            output: Bundle {
                info: manifest.info,
                publication: manifest.publication,
                path: manifest.path,
                rubric,
                rubric_sha256,
                adjustments: Adjustments::of_rows(roster.workers.len(), adjustment_rows),
                workers: roster.workers,
                ids: roster.ids,
                accounting,
                inputs,
                tallies,
                history,
            },
            warnings,
        })
    }
}

/// The roster as read, with what the other files are checked against.
struct Roster {
    workers: Vec<Worker>,
    ids: cells::IdMap,
    /// Whether the file could be read as a table (otherwise nothing is checked against it).
    ok: bool,
    label: String,
    /// The assessment year, whose periods the workers' days of service are counted in.
    year: i32,
}

impl Roster {
    fn load(
        files: &dyn Files,
        options: &ReadOptions,
        manifest: &Manifest,
        sink: &mut Sink,
        accounting: &mut Vec<FileAccount>,
    ) -> Roster {
        let path = &manifest.roster;
        let label = display(path);
        let (workers, ids, ok) = load_roster(files, options, path, &label, sink, accounting);
        if ok && workers.is_empty() && !sink.has_errors() {
            sink.push(Diagnostic::warning(
                &label,
                crate::msg!("warning-roster-empty"),
            ));
        }
        Roster {
            workers,
            ids,
            ok,
            label,
            year: manifest.info.year,
        }
    }
}

/// Reads every component file on every core, each into its own diagnostics, which are then put
/// back in rubric order, so that the outcome never depends on threads. A component without a
/// file has the tallies of [`crate::method::NoFile`].
fn load_components(
    files: &dyn Files,
    options: &ReadOptions,
    rubric: &Rubric,
    comp_files: &[Option<PathBuf>],
    roster: &Roster,
    sink: &mut Sink,
    accounting: &mut Vec<FileAccount>,
) -> Vec<Arc<dyn Tallies>> {
    let jobs: Vec<(usize, PathBuf)> = comp_files
        .iter()
        .enumerate()
        .filter_map(|(k, f)| f.clone().map(|f| (k, f)))
        .collect();
    let loaded = crate::par::tasks(jobs.len(), crate::par::threads(), |j| {
        let (k, path) = &jobs[j];
        let mut sink = Sink::default();
        let ctx = ComponentCtx {
            files,
            options,
            path,
            ids: &roster.ids,
            roster_label: &roster.label,
            roster_ok: roster.ok,
            workers: &roster.workers,
            year: roster.year,
        };
        let t = load_component(&ctx, &rubric.components[*k].method, &mut sink);
        (t, sink)
    });
    let mut tallies: Vec<Arc<dyn Tallies>> = rubric
        .components
        .iter()
        .map(|_| Arc::new(crate::method::NoFile) as Arc<dyn Tallies>)
        .collect();
    for ((k, path), (t, part)) in jobs.iter().zip(loaded) {
        for d in part.items {
            sink.push(d);
        }
        if let Some((t, rows)) = t {
            accounting.push(FileAccount {
                input: rubric.components[*k].id.clone(),
                file: display(path),
                rows,
            });
            tallies[*k] = t;
        }
    }
    tallies
}

/// Reads the adjustments file into (worker, item, count) rows.
fn read_adjustments(
    files: &dyn Files,
    options: &ReadOptions,
    path: &Path,
    rubric: &Rubric,
    roster: &Roster,
    sink: &mut Sink,
    accounting: &mut Vec<FileAccount>,
) -> Vec<(usize, usize, u64)> {
    let flabel = display(path);
    let mut out = Vec::new();
    let rows = with_table(
        files,
        options,
        path,
        &flabel,
        ADJUSTMENT_COLUMNS,
        sink,
        roster.ok,
        |table, sink| {
            let mut ctx = Ctx::new(&flabel, &roster.label, &roster.ids, sink);
            load_adjustments(table, rubric, &mut out, &mut ctx);
            table.rows_read
        },
    );
    if let Some(rows) = rows {
        accounting.push(FileAccount {
            input: "adjustments".into(),
            file: flabel,
            rows,
        });
    }
    out
}

/// What reading one component file needs.
struct ComponentCtx<'a> {
    files: &'a dyn Files,
    options: &'a ReadOptions,
    path: &'a Path,
    ids: &'a crate::input::cells::IdMap,
    roster_label: &'a str,
    roster_ok: bool,
    workers: &'a [Worker],
    /// The assessment year.
    year: i32,
}

impl<'a> ComponentCtx<'a> {
    /// What the rows of `file` share.
    fn ctx<'s>(&'s self, file: &'s str, sink: &'s mut Sink) -> Ctx<'s> {
        Ctx::new(file, self.roster_label, self.ids, sink)
    }
}

/// Reads one component file into tallies, by the method the rubric gives it.
fn load_component(
    c: &ComponentCtx,
    method: &Method,
    sink: &mut Sink,
) -> Option<(Arc<dyn Tallies>, u64)> {
    match method {
        Method::Panel(m) => read::<panel::PanelKind>(c, m, sink),
        Method::Ballot(m) => match ballot::layout_of(c.files, c.path, c.options, m) {
            ballot::FileLayout::Sheets => read::<ballot::BallotKind>(c, m, sink),
            ballot::FileLayout::Counts => read::<ballot::BallotCountsKind>(c, m, sink),
        },
        Method::Interview(m) => read::<interview::InterviewKind>(c, m, sink),
        Method::Test(m) => read::<test::TestKind>(c, m, sink),
        Method::Phone(m) => read::<phone::PhoneKind>(c, m, sink),
        Method::Visit(m) => read::<visit::VisitKind>(c, m, sink),
        Method::Scorecard(m) => {
            let setup = scorecard::Setup {
                cfg: m,
                year: c.year,
                roster: c.workers,
            };
            read::<scorecard::ScorecardKind>(c, &setup, sink)
        }
    }
}

/// Reads one component file of method `K` into tallies; with duplicate-key suspects, reads it
/// again to report the duplicates exactly.
fn read<K: Kind>(
    c: &ComponentCtx,
    cfg: &K::Config,
    sink: &mut Sink,
) -> Option<(Arc<dyn Tallies>, u64)> {
    let flabel = display(c.path);
    let n = c.workers.len();
    let extra = K::extra_columns(cfg);
    let open = |sink: &mut Sink| {
        source::open(c.files, c.path, &flabel, c.options, sink)
            .and_then(|s| Table::open_with(s, &flabel, K::COLUMNS, &extra, sink))
    };
    let mut table = open(sink)?;
    if !c.roster_ok {
        return None;
    }
    let (t, suspects) = {
        let ctx = &mut c.ctx(&flabel, sink);
        let (t, suspects) = K::load(&mut table, cfg, n, ctx);
        ((t, table.rows_read), suspects)
    };
    drop(table);
    let key = &K::KEY;
    let suspects = match suspects {
        Some(s) => s,
        // Grouped by neither the worker nor the key: a second reading fingerprints every row.
        None => {
            let mut scratch = Sink::default();
            match open(&mut scratch) {
                Some(mut table) => cells::all_suspects(&mut table, key, c.ids),
                None => {
                    sink.push(Diagnostic::error(
                        &flabel,
                        crate::msg!("error-cannot-reread"),
                    ));
                    Vec::new()
                }
            }
        }
    };
    if !suspects.is_empty() {
        // Whatever else the file holds was reported in the first reading.
        let mut scratch = Sink::default();
        if let Some(mut table) = open(&mut scratch) {
            cells::recheck(&mut table, key, &suspects, &mut c.ctx(&flabel, sink));
        }
    }
    Some(t)
}

/// Opens a table (CSV, or a sheet of a workbook) and runs `f` on it. Rows are only checked
/// against the roster when the roster could be read (`roster_ok`); otherwise every worker_id
/// would be reported.
#[allow(clippy::too_many_arguments)]
fn with_table<T>(
    files: &dyn Files,
    options: &ReadOptions,
    path: &Path,
    label: &str,
    columns: Columns,
    sink: &mut Sink,
    roster_ok: bool,
    f: impl FnOnce(&mut Table<source::Source<'_>>, &mut Sink) -> T,
) -> Option<T> {
    let source = source::open(files, path, label, options, sink)?;
    let mut table = Table::open(source, label, columns, sink)?;
    if !roster_ok {
        return None;
    }
    Some(f(&mut table, sink))
}

/// The roster's columns.
pub const ROSTER_COLUMNS: Columns = Columns {
    required: &["worker_id", "name"],
    optional: &["unit", "role", "electorate", "start", "end"],
};

/// The adjustments file's columns.
pub const ADJUSTMENT_COLUMNS: Columns = Columns {
    required: &["worker_id", "item"],
    optional: &["count", "note"],
};

/// Reads and checks the roster (shared by scoring and the concerns ledger); false when the
/// file cannot be opened as a table.
pub(crate) fn load_roster(
    files: &dyn Files,
    options: &ReadOptions,
    path: &Path,
    label: &str,
    sink: &mut Sink,
    accounting: &mut Vec<FileAccount>,
) -> (Vec<Worker>, cells::IdMap, bool) {
    let mut workers = Vec::new();
    // The workers' ids, each to its place in `workers`, and the line each came from.
    let mut ids = cells::IdMap::default();
    let mut lines: Vec<u64> = Vec::new();
    let ok = with_table(
        files,
        options,
        path,
        label,
        ROSTER_COLUMNS,
        sink,
        true,
        |table, sink| {
            let empty = crate::input::cells::IdMap::default();
            let mut ctx = Ctx::new(label, label, &empty, sink);
            // Units and roles repeat from worker to worker: each text is kept once.
            let mut shared = Shared::default();
            while table.advance(ctx.sink).is_some() {
                // A row with an error still names its worker when its worker_id is readable:
                // the worker is kept for the other files' checks (nothing is scored anyway),
                // so that one bad cell is one error, not one per row of the worker elsewhere.
                let wc = table.cell("worker_id");
                if wc.is_empty() || !table.readable(&wc) {
                    continue;
                }
                let ec = table.cell("electorate");
                let electorate = if ec.is_empty() || !table.readable(&ec) {
                    None
                } else {
                    ctx.whole(&ec)
                };
                if let Some(first) = ids.get(wc.text).and_then(|i| lines.get(i).copied()) {
                    let msg = crate::msg!("error-duplicate-worker", id = wc.text, line = first);
                    ctx.error(&wc, msg);
                    continue;
                }
                let (start, end) = service(&mut ctx, table, "start", "end");
                if ids.push(wc.text).is_ok() {
                    lines.push(wc.line);
                    workers.push(Worker {
                        id: wc.text.to_string(),
                        name: table.cell("name").text.to_string(),
                        unit: shared.get(table.cell("unit").text),
                        role: shared.get(table.cell("role").text),
                        electorate,
                        start,
                        end,
                    });
                }
            }
            accounting.push(FileAccount {
                input: "roster".into(),
                file: label.to_string(),
                rows: table.rows_read,
            });
        },
    );
    workers.shrink_to_fit();
    ids.shrink_to_fit();
    (workers, ids, ok.is_some())
}

/// A roster row's days of service, from its optional `start` and `end` dates: each `None`
/// when empty or wrong (an error at the cell), and `start` after `end` an error at `end`.
fn service<S: RowSource>(
    ctx: &mut Ctx,
    table: &Table<S>,
    start: &str,
    end: &str,
) -> (Option<Date>, Option<Date>) {
    let mut day = |name: &str| -> Option<Date> {
        let cell = table.cell(name);
        if cell.is_empty() || !table.readable(&cell) {
            return None;
        }
        match Date::parse(cell.text) {
            Ok(d) => Some(d),
            Err(e) => {
                let msg = crate::msg!(
                    "error-cell-not-a-date",
                    subject = crate::msg!("what-cell", value = cell.text, column = cell.name),
                    why = e.reason()
                );
                ctx.error(&cell, msg);
                None
            }
        }
    };
    let (s, e) = (day(start), day(end));
    if let (Some(a), Some(b)) = (s, e)
        && a > b
    {
        ctx.error(
            &table.cell(end),
            crate::msg!("error-service-backwards", start = a, end = b),
        );
        return (None, None);
    }
    (s, e)
}

/// Texts kept once however often they are given.
#[derive(Default)]
struct Shared(HashSet<Arc<str>>);

impl Shared {
    /// The shared copy of `text`; `None` when it is empty.
    fn get(&mut self, text: &str) -> Option<Arc<str>> {
        if text.is_empty() {
            return None;
        }
        if let Some(t) = self.0.get(text) {
            return Some(Arc::clone(t));
        }
        let t: Arc<str> = Arc::from(text);
        self.0.insert(Arc::clone(&t));
        Some(t)
    }
}

/// Reads the adjustments file into (worker, item, count) rows.
fn load_adjustments<S: table::RowSource>(
    table: &mut Table<S>,
    rubric: &Rubric,
    out: &mut Vec<(usize, usize, u64)>,
    ctx: &mut Ctx,
) {
    let items = &rubric.adjustments.items;
    while let Some(good) = table.advance(ctx.sink) {
        if !good {
            continue;
        }
        let wc = table.cell("worker_id");
        let ic = table.cell("item");
        let cc = table.cell("count");
        let worker = ctx.worker(&wc);
        // An item is written by its id (`honor_city`) or by its name (市级表彰).
        let item = match items.iter().position(|i| i.name == ic.text) {
            Some(i) => Some(i),
            None => ctx.label(
                &ic,
                items.iter().map(|i| i.id.as_str()),
                crate::msg!("what-adjustment-item"),
            ),
        };
        let count = if cc.is_empty() {
            Some(1)
        } else {
            ctx.whole(&cc)
        };
        if let (Some(w), Some(i), Some(c)) = (worker, item, count) {
            out.push((w, i, c));
        }
    }
}
