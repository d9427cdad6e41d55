//! The ledger (台账): every concern of a bundle, routed, with its deadline and its follow-ups.
//!
//! A province's ledger holds only what makes its concerns: one compact record per concern
//! (dates, route, and numbers of texts), every text once ([`Strings`]), and the updates in one
//! vector. Phone and visit rows without a concern are read and dropped.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::calendar::Calendar;
use super::concern::{Concern, ConcernStatus, parse_satisfied};
use super::date::Date;
use super::mask::{mask_phone_numbers, may_hold_a_number};
use super::routing::RoutingTable;
use crate::error::{Diagnostic, Error, Sink, Warned};
use crate::i18n::List;
use crate::input::cells::{Ctx, IdMap};
use crate::input::source::{ReadOptions, Source};
use crate::input::table::{Cell, Columns, Table};
use crate::input::{Files, Manifest};
use crate::msg;
use crate::rubric::{Component, Method};
use crate::strings::{NONE, Strings};

/// The columns of `concerns.csv` (docs/contract.md section 6).
pub const CONCERN_COLUMNS: Columns = Columns {
    required: &["concern_id", "date", "category", "text"],
    optional: &["worker_id", "household_id"],
};

/// The columns of `concern_updates.csv` (docs/contract.md section 6).
pub const UPDATE_COLUMNS: Columns = Columns {
    required: &["concern_id", "date", "status"],
    optional: &["note", "satisfied"],
};

/// Every concern of a bundle, routed, with the calendar and routing table used.
///
/// ```
/// use yardstick::concerns::Ledger;
///
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let ledger = Ledger::load(&yardstick::FsFiles, dir.as_ref()).unwrap().output;
/// let c = ledger.concerns().next().unwrap();
/// println!("{} {} {:?} due {}", c.id(), c.category(), c.office(), c.deadline());
/// let report = ledger.report("2024-12-31".parse().unwrap()).unwrap();
/// assert_eq!(report.concerns().count(), ledger.len());
/// ```
#[derive(Debug, Clone)]
pub struct Ledger {
    /// The assessment's name.
    pub name: String,
    /// Where `assessment.toml` is.
    pub path: PathBuf,
    /// The routing table used.
    pub routing: RoutingTable,
    /// The working-day calendar used.
    pub calendar: Calendar,
    /// Every file the bundle reads (the same list as [`Bundle::inputs`](crate::Bundle)), so
    /// that no output is written over one of them.
    pub inputs: Vec<PathBuf>,
    pub(crate) store: Store,
}

/// The concerns of a ledger, compactly.
#[derive(Debug, Clone, Default)]
pub(crate) struct Store {
    /// Concern ids, numbered in the order read (a record's `id`).
    pub(crate) ids: Strings,
    /// Roster ids, numbered in roster order.
    pub(crate) workers: Strings,
    /// Each worker's unit in `texts`, or [`NONE`].
    pub(crate) units: Vec<u32>,
    /// Concern texts and notes (masked), categories as given, units, households.
    pub(crate) texts: Strings,
    /// The inputs that raise concerns.
    pub(crate) sources: Vec<SourceFile>,
    /// The concerns, by date then id.
    pub(crate) recs: Vec<Rec>,
    /// The updates, concern after concern (in `recs` order), each concern's in date order.
    pub(crate) updates: Vec<Upd>,
    /// Which ids, worker ids and texts may hold a phone number (most hold none, and are shown
    /// without a look).
    pub(crate) phones: Phones,
}

/// Texts that may hold a phone number, by number.
#[derive(Debug, Clone, Default)]
pub(crate) struct Phones {
    ids: Vec<bool>,
    workers: Vec<bool>,
    texts: Vec<bool>,
}

fn shown_if(text: &str, may: bool) -> Cow<'_, str> {
    if may {
        mask_phone_numbers(text)
    } else {
        Cow::Borrowed(text)
    }
}

impl Store {
    /// A concern id as the views show it.
    pub(crate) fn shown_id(&self, i: u32) -> Cow<'_, str> {
        shown_if(self.ids.get(i), self.phones.ids[i as usize])
    }

    /// A worker id as the views show it; empty for [`NONE`].
    pub(crate) fn shown_worker(&self, i: u32) -> Cow<'_, str> {
        shown_if(
            self.workers.get(i),
            self.phones.workers.get(i as usize) == Some(&true),
        )
    }

    /// A text as the views show it; empty for [`NONE`].
    pub(crate) fn shown_text(&self, i: u32) -> Cow<'_, str> {
        shown_if(
            self.texts.get(i),
            self.phones.texts.get(i as usize) == Some(&true),
        )
    }
}

/// An input that raises concerns: a phone or visit component's file, or `concerns.csv`.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    /// The component id, or `concerns`.
    pub(crate) input: String,
    /// The file as named in diagnostics.
    pub(crate) file: String,
    /// Ids are `<input>:<worker_id>:<household_id>` (a visit component).
    pub(crate) household_in_id: bool,
}

/// One concern.
#[derive(Debug, Clone)]
pub(crate) struct Rec {
    /// In `Store::ids`; also the order the concern was read in.
    pub(crate) id: u32,
    pub(crate) date: Date,
    pub(crate) deadline: Date,
    /// The route's index, or `u16::MAX` for the default route.
    route: u16,
    /// In `Store::sources`.
    pub(crate) source: u8,
    pub(crate) line: u32,
    /// In `Store::workers`, or [`NONE`].
    pub(crate) worker: u32,
    /// The masked text, the category as given and the household (of `concerns.csv`), in
    /// `Store::texts`.
    pub(crate) text: u32,
    pub(crate) given: u32,
    pub(crate) household: u32,
    /// Where its updates start in `Store::updates`.
    pub(crate) updates: u32,
}

impl Rec {
    /// The route's index among the table's routes; `None` for the default route.
    pub(crate) fn route(&self) -> Option<usize> {
        (self.route != u16::MAX).then_some(self.route as usize)
    }
}

/// One update.
#[derive(Debug, Clone)]
pub(crate) struct Upd {
    /// The concern, as a record's `id` while reading, then its place in `recs`.
    concern: u32,
    pub(crate) date: Date,
    pub(crate) status: ConcernStatus,
    pub(crate) satisfied: Option<bool>,
    /// The masked note in `Store::texts`, or [`NONE`].
    pub(crate) note: u32,
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn read_text(files: &dyn Files, path: &Path, label: &str) -> Result<String, Box<Diagnostic>> {
    let bytes = files
        .read(path)
        .map_err(|e| Box::new(Diagnostic::error(label, crate::input::cannot_read(&e))))?;
    String::from_utf8(bytes)
        .map_err(|_| Box::new(Diagnostic::error(label, msg!("error-file-not-utf8"))))
}

/// Opens a table: CSV in any encoding `options` allows, or a sheet of a workbook.
fn open_table<'f>(
    files: &'f dyn Files,
    options: &ReadOptions,
    path: &Path,
    label: &str,
    columns: Columns,
    sink: &mut Sink,
) -> Option<Table<Source<'f>>> {
    let s = crate::input::source::open(files, path, label, options, sink)?;
    Table::open(s, label, columns, sink)
}

/// What the loader shares while reading concern rows.
struct Build<'a> {
    routing: &'a RoutingTable,
    calendar: &'a Calendar,
    store: Store,
}

/// One row that raises a concern.
struct Raised<'c> {
    id: &'c str,
    source: u8,
    worker: Option<usize>,
    household: Option<&'c str>,
    id_cell: Cell<'c>,
    date: Cell<'c>,
    category: Cell<'c>,
    text: &'c str,
}

impl Build<'_> {
    fn add(&mut self, ctx: &mut Ctx, r: Raised) {
        let date = if r.date.is_empty() {
            let msg = if r.date.column == 0 {
                msg!("error-concern-no-date-column")
            } else {
                msg!("error-concern-no-date")
            };
            ctx.error(&r.date, msg);
            None
        } else {
            match Date::parse(r.date.text) {
                Ok(d) => Some(d),
                Err(e) => {
                    ctx.error(&r.date, e.message());
                    None
                }
            }
        };
        let route = self.routing.route_index(r.category.text);
        if route.is_none() {
            let mut known: Vec<&str> = self
                .routing
                .routes
                .iter()
                .map(|r| r.category.as_str())
                .collect();
            known.dedup();
            let what = if r.category.is_empty() {
                msg!("what-no-category")
            } else {
                msg!("what-unknown-category", category = r.category.text)
            };
            let msg = msg!(
                "error-no-route",
                what = what,
                routing = self.routing.file,
                categories = List::plain(known)
            );
            ctx.error(&r.category, msg);
        }
        let working_days = route
            .and_then(|i| self.routing.route_at(i))
            .map(|rt| rt.working_days);
        let deadline = match (date, working_days) {
            (Some(d), Some(n)) => match self.calendar.add_working_days(d, n) {
                Ok(dl) => Some(dl),
                Err(e) => {
                    ctx.error(&r.date, msg!("error-deadline", why = e.message()));
                    None
                }
            },
            _ => None,
        };
        let store = &mut self.store;
        if let Some(first) = store.ids.find(r.id) {
            let c = &store.recs[first as usize];
            let msg = msg!(
                "error-duplicate-concern",
                id = r.id,
                file = store.sources[c.source as usize].file,
                line = c.line
            );
            ctx.error(&r.id_cell, msg);
            return;
        }
        let (Some(date), Some(route), Some(deadline)) = (date, route, deadline) else {
            return;
        };
        let id = store.ids.intern(r.id);
        debug_assert_eq!(id as usize, store.recs.len());
        let texts = &mut store.texts;
        store.recs.push(Rec {
            id,
            date,
            deadline,
            route: route.map_or(u16::MAX, |i| u16::try_from(i).unwrap_or(u16::MAX)),
            source: r.source,
            line: u32::try_from(r.date.line).unwrap_or(u32::MAX),
            worker: r.worker.map_or(NONE, |w| u32::try_from(w).unwrap_or(NONE)),
            text: texts.intern(&mask_phone_numbers(r.text)),
            given: texts.intern(r.category.text),
            household: r.household.map_or(NONE, |h| texts.intern(h)),
            updates: 0,
        });
    }

    fn source(&mut self, input: &str, file: &str, household_in_id: bool) -> u8 {
        self.store.sources.push(SourceFile {
            input: input.to_string(),
            file: file.to_string(),
            household_in_id,
        });
        u8::try_from(self.store.sources.len() - 1).unwrap_or(u8::MAX)
    }

    /// Puts the concerns in order (by date, then id) and each concern's updates after it.
    fn finish(mut self) -> Store {
        let store = &mut self.store;
        let ids = &store.ids;
        store.recs.sort_unstable_by(|a, b| {
            a.date
                .cmp(&b.date)
                .then_with(|| ids.get(a.id).cmp(ids.get(b.id)))
        });
        let mut place = vec![0u32; store.recs.len()];
        for (i, r) in store.recs.iter().enumerate() {
            place[r.id as usize] = i as u32;
        }
        for u in &mut store.updates {
            u.concern = place[u.concern as usize];
        }
        // Stable: updates of one day keep their file order.
        store.updates.sort_by_key(|u| (u.concern, u.date));
        let mut k = 0;
        for (i, r) in store.recs.iter_mut().enumerate() {
            r.updates = k as u32;
            while store
                .updates
                .get(k)
                .is_some_and(|u| u.concern as usize == i)
            {
                k += 1;
            }
        }
        store.recs.shrink_to_fit();
        store.updates.shrink_to_fit();
        store.ids.shrink_to_fit();
        store.texts.shrink_to_fit();
        store.phones = Phones {
            ids: store.ids.flags(may_hold_a_number),
            workers: store.workers.flags(may_hold_a_number),
            texts: store.texts.flags(may_hold_a_number),
        };
        self.store
    }
}

impl Ledger {
    /// Loads the concerns of a bundle (the folder, or its `assessment.toml`) through `files`,
    /// with the shipped calendar (2024–2026) and any calendar files the routing table names.
    ///
    /// Reads `assessment.toml`, the rubric (to know which components are phone and visit
    /// components), the roster, those components' files, and `concerns.csv` and
    /// `concern_updates.csv` when named. Every error is collected, each with its file, line
    /// and column.
    pub fn load(files: &dyn Files, path: &Path) -> Result<Warned<Ledger>, Error> {
        Ledger::load_with(files, path, Calendar::shipped())
    }

    /// As [`Ledger::load`], starting from `calendar` instead of the shipped calendar.
    pub fn load_with(
        files: &dyn Files,
        path: &Path,
        calendar: Calendar,
    ) -> Result<Warned<Ledger>, Error> {
        Ledger::load_with_options(files, path, calendar, &ReadOptions::default())
    }

    /// As [`Ledger::load_with`], reading the input files as `options` says (the text encoding
    /// of CSV files).
    pub fn load_with_options(
        files: &dyn Files,
        path: &Path,
        mut calendar: Calendar,
        options: &ReadOptions,
    ) -> Result<Warned<Ledger>, Error> {
        let manifest = Manifest::read(files, path)?;
        // The rubric: which components are phone and visit components.
        let (rubric, _) = manifest.load_rubric(files)?;
        let mut sink = Sink::default();
        let comp_files = manifest.component_files(&rubric, &mut sink);
        let routing = load_routing(&manifest, files, &mut calendar, &mut sink);
        let (Some(routing), false) = (routing, sink.has_errors()) else {
            return Err(Error::new(sink.items));
        };

        // The roster: worker ids and units, with the same checks as scoring (a duplicate id
        // or a bad cell is an error here too).
        let roster_label = display(&manifest.roster);
        let (roster, workers, roster_ok) = crate::bundle::load_roster(
            files,
            options,
            &manifest.roster,
            &roster_label,
            &mut sink,
            &mut Vec::new(),
        );
        if !roster_ok {
            return Err(Error::new(sink.items));
        }
        let mut store = Store::default();
        for w in &roster {
            store.workers.intern(&w.id);
            let unit = w.unit.as_deref().map_or(NONE, |u| store.texts.intern(u));
            store.units.push(unit);
        }
        drop(roster);
        store.workers.shrink_to_fit();
        let mut build = Build {
            routing: &routing,
            calendar: &calendar,
            store,
        };
        let mut read = Reader {
            files,
            options,
            roster_label: &roster_label,
            workers: &workers,
            sink: &mut sink,
        };
        for (comp, file) in rubric.components.iter().zip(&comp_files) {
            if let Some(file) = file {
                read.calls_or_visits(&mut build, comp, file);
            }
        }
        if let Some(file) = &manifest.concerns {
            read.desk(&mut build, file);
        }
        if let Some(file) = &manifest.concern_updates {
            read.updates(&mut build, file);
        }

        let warnings = sink.finish()?;
        let store = build.finish();
        Ok(Warned {
            output: Ledger {
                name: manifest.info.name.clone(),
                path: manifest.path.clone(),
                routing,
                calendar,
                inputs: manifest.inputs(),
                store,
            },
            warnings,
        })
    }

    /// The number of concerns.
    pub fn len(&self) -> usize {
        self.store.recs.len()
    }

    /// Whether the ledger has no concern.
    pub fn is_empty(&self) -> bool {
        self.store.recs.is_empty()
    }

    /// The concerns, by date then id.
    pub fn concerns(&self) -> impl ExactSizeIterator<Item = Concern<'_>> + '_ {
        (0..self.len()).map(|i| Concern::new(self, i))
    }

    /// The concern at `index` in [`Ledger::concerns`]'s order.
    pub fn concern(&self, index: usize) -> Option<Concern<'_>> {
        (index < self.len()).then(|| Concern::new(self, index))
    }

    /// The concern with this id.
    pub fn get(&self, id: &str) -> Option<Concern<'_>> {
        let n = self.store.ids.find(id)?;
        let at = self.store.recs.iter().position(|r| r.id == n)?;
        Some(Concern::new(self, at))
    }

    /// The latest date in the ledger (concern dates and update dates), a reproducible as-of
    /// date when none is given.
    pub fn latest_date(&self) -> Option<Date> {
        let concerns = self.store.recs.iter().map(|r| r.date);
        let updates = self.store.updates.iter().map(|u| u.date);
        concerns.chain(updates).max()
    }
}

/// The routing table the bundle names (or the shipped one), with the calendar files it names
/// added to `calendar`; `None` when the table cannot be read or is wrong (reported).
fn load_routing(
    manifest: &Manifest,
    files: &dyn Files,
    calendar: &mut Calendar,
    sink: &mut Sink,
) -> Option<RoutingTable> {
    let Some(rpath) = &manifest.routing else {
        return Some(RoutingTable::shipped());
    };
    let rlabel = display(rpath);
    let Ok(rtext) = read_text(files, rpath, &rlabel) else {
        sink.push(manifest.routing_error(msg!("error-cannot-read-routing", routing = rlabel)));
        return None;
    };
    let table = match RoutingTable::from_toml(&rtext, &rlabel) {
        Ok(t) => t,
        Err(e) => {
            sink.items.extend(e.diagnostics().iter().cloned());
            return None;
        }
    };
    let rdir = rpath.parent().map(Path::to_path_buf).unwrap_or_default();
    for c in &table.calendars {
        let cpath = rdir.join(c);
        let clabel = display(&cpath);
        match read_text(files, &cpath, &clabel) {
            Ok(ct) => {
                if let Err(e) = calendar.add_toml(&ct, &clabel) {
                    sink.items.extend(e.diagnostics().iter().cloned());
                }
            }
            Err(d) => sink.push(*d),
        }
    }
    Some(table)
}

/// What reading the files that raise concerns shares.
struct Reader<'a> {
    files: &'a dyn Files,
    options: &'a ReadOptions,
    roster_label: &'a str,
    workers: &'a IdMap,
    sink: &'a mut Sink,
}

impl Reader<'_> {
    /// The rows with a concern of a phone or visit component's file (other components are
    /// not read).
    fn calls_or_visits(&mut self, build: &mut Build, comp: &Component, path: &Path) {
        let (key, columns, visit) = match comp.method {
            Method::Phone(_) => ("call_id", crate::method::phone::COLUMNS, false),
            Method::Visit(_) => ("household_id", crate::method::visit::COLUMNS, true),
            _ => return,
        };
        let flabel = display(path);
        let Some(mut table) =
            open_table(self.files, self.options, path, &flabel, columns, self.sink)
        else {
            return;
        };
        let source = build.source(&comp.id, &flabel, visit);
        let (col_concern, col_worker, col_key, col_date, col_category) = (
            table.column("concern"),
            table.column("worker_id"),
            table.column(key),
            table.column("date"),
            table.column("category"),
        );
        let mut ctx = Ctx::new(&flabel, self.roster_label, self.workers, self.sink);
        let mut id = String::new();
        while let Some(good) = table.advance(ctx.sink) {
            let text = table.at(col_concern).text;
            if !good || text.is_empty() {
                continue;
            }
            let wc = table.at(col_worker);
            let Some(w) = ctx.worker(&wc) else { continue };
            let kc = table.at(col_key);
            id.clear();
            for part in [comp.id.as_str(), ":", wc.text, ":", kc.text] {
                id.push_str(part);
            }
            let raised = Raised {
                id: &id,
                source,
                worker: Some(w),
                household: None,
                id_cell: kc,
                date: table.at(col_date),
                category: table.at(col_category),
                text,
            };
            build.add(&mut ctx, raised);
        }
    }

    /// `concerns.csv`: every row is a concern.
    fn desk(&mut self, build: &mut Build, path: &Path) {
        let flabel = display(path);
        let Some(mut table) = open_table(
            self.files,
            self.options,
            path,
            &flabel,
            CONCERN_COLUMNS,
            self.sink,
        ) else {
            return;
        };
        let source = build.source("concerns", &flabel, false);
        let mut ctx = Ctx::new(&flabel, self.roster_label, self.workers, self.sink);
        while let Some(good) = table.advance(ctx.sink) {
            if !good {
                continue;
            }
            let wc = table.cell("worker_id");
            let worker = if wc.is_empty() {
                None
            } else {
                match ctx.worker(&wc) {
                    Some(w) => Some(w),
                    None => continue,
                }
            };
            let ic = table.cell("concern_id");
            let household = table.cell("household_id").text;
            let raised = Raised {
                id: ic.text,
                source,
                worker,
                household: (!household.is_empty()).then_some(household),
                id_cell: ic,
                date: table.cell("date"),
                category: table.cell("category"),
                text: table.cell("text").text,
            };
            build.add(&mut ctx, raised);
        }
    }

    /// `concern_updates.csv`, once every concern is known.
    fn updates(&mut self, build: &mut Build, path: &Path) {
        let flabel = display(path);
        let Some(mut table) = open_table(
            self.files,
            self.options,
            path,
            &flabel,
            UPDATE_COLUMNS,
            self.sink,
        ) else {
            return;
        };
        let mut ctx = Ctx::new(&flabel, self.roster_label, self.workers, self.sink);
        while let Some(good) = table.advance(ctx.sink) {
            if good {
                read_update(build, &table, &mut ctx);
            }
        }
    }
}

fn read_update<S: crate::input::table::RowSource>(
    build: &mut Build,
    table: &Table<S>,
    ctx: &mut Ctx,
) {
    let ic = table.cell("concern_id");
    let dc = table.cell("date");
    let sc = table.cell("status");
    let fc = table.cell("satisfied");
    let target = build.store.ids.find(ic.text);
    if target.is_none() {
        let msg = msg!("error-unknown-concern", id = ic.text);
        ctx.error(&ic, msg);
    }
    let date = match Date::parse(dc.text) {
        Ok(d) => Some(d),
        Err(e) => {
            ctx.error(&dc, e.message());
            None
        }
    };
    let status = ConcernStatus::parse(sc.text);
    if status.is_none() {
        let msg = msg!("error-unknown-status", value = sc.text);
        ctx.error(&sc, msg);
    }
    let satisfied = if fc.is_empty() {
        Some(None)
    } else {
        match parse_satisfied(fc.text) {
            Some(b) => Some(Some(b)),
            None => {
                let msg = msg!("error-not-satisfied", value = fc.text);
                ctx.error(&fc, msg);
                None
            }
        }
    };
    let (Some(i), Some(date), Some(status), Some(satisfied)) = (target, date, status, satisfied)
    else {
        return;
    };
    let store = &mut build.store;
    let concern = store.recs[i as usize].date;
    if date < concern {
        let msg = msg!(
            "error-update-before-concern",
            date = date,
            concern = concern
        );
        ctx.error(&dc, msg);
        return;
    }
    let note = table.cell("note").text;
    let note = if note.is_empty() {
        NONE
    } else {
        store.texts.intern(&mask_phone_numbers(note))
    };
    store.updates.push(Upd {
        concern: i,
        date,
        status,
        satisfied,
        note,
    });
}
