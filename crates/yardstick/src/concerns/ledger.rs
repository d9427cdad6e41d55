//! The ledger (台账): every concern of a bundle, routed, with its deadline and its follow-ups.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::calendar::{Calendar, toml_error};
use super::concern::{Concern, ConcernStatus, FLAG_UNKNOWN_CATEGORY, Update, parse_satisfied};
use super::date::Date;
use super::mask::mask_phone_numbers;
use super::routing::RoutingTable;
use crate::error::{Diagnostic, Error, Sink, Warned};
use crate::input::cells::Ctx;
use crate::input::source::{self, ReadOptions, Source};
use crate::input::table::{Cell, Columns, Table};
use crate::input::{Files, assessment_path};
use crate::rubric::{Method, Rubric};

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
/// let c = &ledger.concerns[0];
/// println!("{} {} {:?} due {}", c.id, c.category, c.office, c.deadline);
/// let report = ledger.report("2024-12-31".parse().unwrap());
/// assert_eq!(report.concerns.len(), ledger.concerns.len());
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
    /// The concerns, by date then id.
    pub concerns: Vec<Concern>,
    /// Every file read.
    pub inputs: Vec<PathBuf>,
}

#[derive(Deserialize)]
struct RawBundle {
    assessment: RawInfo,
    inputs: RawInputs,
}

#[derive(Deserialize)]
struct RawInfo {
    #[serde(default)]
    name: String,
    rubric: String,
    routing: Option<Spanned<String>>,
}

#[derive(Deserialize)]
struct RawInputs {
    roster: String,
    concerns: Option<String>,
    concern_updates: Option<String>,
    #[serde(default)]
    components: BTreeMap<String, toml::Value>,
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn read_text(files: &dyn Files, path: &Path, label: &str) -> Result<String, Box<Diagnostic>> {
    let bytes = files.read(path).map_err(|e| {
        Box::new(Diagnostic::error(
            label,
            format!("cannot read the file: {e}"),
        ))
    })?;
    String::from_utf8(bytes)
        .map_err(|_| Box::new(Diagnostic::error(label, "the file is not UTF-8 text")))
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
    let s = source::open(files, path, label, options, sink)?;
    Table::open(s, label, columns, sink)
}

fn opt(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

/// What the loader shares while reading concern rows.
struct Build<'a> {
    routing: &'a RoutingTable,
    calendar: &'a Calendar,
    units: &'a [Option<String>],
    /// Concern id → index in `concerns`.
    ids: std::collections::HashMap<String, usize>,
    concerns: Vec<Concern>,
}

/// One row that raises a concern.
struct Raised<'c> {
    id: String,
    input: &'c str,
    worker: Option<(String, usize)>,
    household_id: Option<String>,
    id_cell: Cell<'c>,
    date: Cell<'c>,
    category: Cell<'c>,
    text: &'c str,
}

impl Build<'_> {
    fn add(&mut self, ctx: &mut Ctx, r: Raised) {
        let date = if r.date.is_empty() {
            let msg = if r.date.column == 0 {
                "this row raises a concern but the file has no \"date\" column; a concern's deadline counts from its date".to_string()
            } else {
                "this row raises a concern but has no date; a concern's deadline counts from its date".to_string()
            };
            ctx.error(&r.date, msg);
            None
        } else {
            match Date::parse(r.date.text) {
                Ok(d) => Some(d),
                Err(e) => {
                    ctx.error(&r.date, e.to_string());
                    None
                }
            }
        };
        let routed = self.routing.route(r.category.text);
        if routed.is_none() {
            let mut known: Vec<&str> = self
                .routing
                .routes
                .iter()
                .map(|r| r.category.as_str())
                .collect();
            known.dedup();
            let what = if r.category.is_empty() {
                "this concern has no category".to_string()
            } else {
                format!("unknown category \"{}\"", r.category.text)
            };
            let msg = format!(
                "{what}, and the routing table {} has no default route (its categories are {})",
                self.routing.file,
                known.join(", ")
            );
            ctx.error(&r.category, msg);
        }
        let deadline = match (date, routed) {
            (Some(d), Some(rt)) => match self.calendar.add_working_days(d, rt.route.working_days) {
                Ok(dl) => Some(dl),
                Err(e) => {
                    ctx.error(&r.date, format!("cannot count the deadline: {e}"));
                    None
                }
            },
            _ => None,
        };
        if let Some(&first) = self.ids.get(&r.id) {
            let c = &self.concerns[first];
            let msg = format!(
                "duplicate concern id \"{}\": the same id is already on {} line {}",
                r.id, c.file, c.line
            );
            ctx.error(&r.id_cell, msg);
            return;
        }
        let (Some(date), Some(rt), Some(deadline)) = (date, routed, deadline) else {
            return;
        };
        let mut flags = Vec::new();
        if rt.defaulted {
            flags.push(FLAG_UNKNOWN_CATEGORY.to_string());
        }
        let (worker_id, unit) = match r.worker {
            Some((id, i)) => (Some(id), self.units[i].clone()),
            None => (None, None),
        };
        self.ids.insert(r.id.clone(), self.concerns.len());
        self.concerns.push(Concern {
            id: r.id,
            input: r.input.to_string(),
            date,
            category: rt.category.to_string(),
            category_given: r.category.text.to_string(),
            office: rt.route.office().map(str::to_string),
            escalate_to: rt.route.escalate_to().map(str::to_string),
            responsible: rt.route.responsible.clone(),
            working_days: rt.route.working_days,
            deadline,
            worker_id,
            unit,
            household_id: r.household_id,
            text: mask_phone_numbers(r.text),
            flags,
            updates: Vec::new(),
            file: ctx.file.to_string(),
            line: r.date.line,
        });
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
        let toml_path = assessment_path(path);
        let dir = toml_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let label = display(&toml_path);
        let one = |d: Diagnostic| Error::new(vec![d]);
        let text = read_text(files, &toml_path, &label).map_err(|d| one(*d))?;
        let raw: RawBundle =
            toml::from_str(&text).map_err(|e| one(toml_error(&text, &label, &e)))?;
        let mut inputs = vec![toml_path.clone()];

        // The rubric: which components are phone and visit components.
        let rubric_path = dir.join(&raw.assessment.rubric);
        let rubric_label = display(&rubric_path);
        let rubric_text = read_text(files, &rubric_path, &rubric_label).map_err(|d| one(*d))?;
        let rubric = Rubric::from_toml(&rubric_text, &rubric_label)?;
        inputs.push(rubric_path);

        // The routing table and the calendar files it names.
        let mut sink = Sink::default();
        let routing = match &raw.assessment.routing {
            None => RoutingTable::shipped(),
            Some(r) => {
                let rpath = dir.join(r.get_ref());
                let rlabel = display(&rpath);
                let rtext = match read_text(files, &rpath, &rlabel) {
                    Ok(t) => t,
                    Err(_) => {
                        let index = crate::error::LineIndex::new(&text);
                        return Err(one(index.diag(
                            &label,
                            r.span(),
                            format!("cannot read the routing table {rlabel}"),
                        )));
                    }
                };
                inputs.push(rpath.clone());
                let table = RoutingTable::from_toml(&rtext, &rlabel)?;
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
                    inputs.push(cpath);
                }
                table
            }
        };
        if sink.has_errors() {
            return Err(Error::new(sink.items));
        }

        // The roster: worker ids and units.
        let roster_path = dir.join(&raw.inputs.roster);
        let roster_label = display(&roster_path);
        inputs.push(source::file_path(&roster_path));
        // The same roster checks as scoring: a duplicate id or a bad cell is an error here too.
        let (roster, workers, roster_ok) = crate::input::load_roster(
            files,
            options,
            &roster_path,
            &roster_label,
            &mut sink,
            &mut Vec::new(),
        );
        if !roster_ok {
            return Err(Error::new(sink.items));
        }
        let units: Vec<Option<String>> = roster
            .into_iter()
            .map(|w| w.unit.map(|u| u.to_string()))
            .collect();

        let mut build = Build {
            routing: &routing,
            calendar: &calendar,
            units: &units,
            ids: Default::default(),
            concerns: Vec::new(),
        };

        // Phone and visit rows with a concern.
        for comp in &rubric.components {
            let key = match comp.method {
                Method::Phone(_) => "call_id",
                Method::Visit(_) => "household_id",
                _ => continue,
            };
            let columns = match comp.method {
                Method::Phone(_) => crate::method::phone::COLUMNS,
                _ => crate::method::visit::COLUMNS,
            };
            let Some(file) = raw.inputs.components.get(&comp.id).and_then(|v| v.as_str()) else {
                continue;
            };
            let fpath = dir.join(file);
            let flabel = display(&fpath);
            inputs.push(source::file_path(&fpath));
            let Some(mut table) = open_table(files, options, &fpath, &flabel, columns, &mut sink)
            else {
                continue;
            };
            let mut ctx = Ctx::new(&flabel, &roster_label, &workers, &mut sink);
            while let Some(good) = table.advance(ctx.sink) {
                let text = table.cell("concern").text;
                if !good || text.is_empty() {
                    continue;
                }
                let wc = table.cell("worker_id");
                let Some(w) = ctx.worker(&wc) else { continue };
                let kc = table.cell(key);
                build.add(
                    &mut ctx,
                    Raised {
                        id: format!("{}:{}:{}", comp.id, wc.text, kc.text),
                        input: &comp.id,
                        worker: Some((wc.text.to_string(), w)),
                        household_id: (key == "household_id").then(|| kc.text.to_string()),
                        id_cell: kc,
                        date: table.cell("date"),
                        category: table.cell("category"),
                        text,
                    },
                );
            }
        }

        // concerns.csv
        if let Some(file) = &raw.inputs.concerns {
            let fpath = dir.join(file);
            let flabel = display(&fpath);
            inputs.push(source::file_path(&fpath));
            if let Some(mut table) =
                open_table(files, options, &fpath, &flabel, CONCERN_COLUMNS, &mut sink)
            {
                let mut ctx = Ctx::new(&flabel, &roster_label, &workers, &mut sink);
                while let Some(good) = table.advance(ctx.sink) {
                    if !good {
                        continue;
                    }
                    let wc = table.cell("worker_id");
                    let worker = if wc.is_empty() {
                        None
                    } else {
                        match ctx.worker(&wc) {
                            Some(w) => Some((wc.text.to_string(), w)),
                            None => continue,
                        }
                    };
                    let ic = table.cell("concern_id");
                    build.add(
                        &mut ctx,
                        Raised {
                            id: ic.text.to_string(),
                            input: "concerns",
                            worker,
                            household_id: opt(table.cell("household_id").text),
                            id_cell: ic,
                            date: table.cell("date"),
                            category: table.cell("category"),
                            text: table.cell("text").text,
                        },
                    );
                }
            }
        }

        // concern_updates.csv
        if let Some(file) = &raw.inputs.concern_updates {
            let fpath = dir.join(file);
            let flabel = display(&fpath);
            inputs.push(source::file_path(&fpath));
            if let Some(mut table) =
                open_table(files, options, &fpath, &flabel, UPDATE_COLUMNS, &mut sink)
            {
                let mut ctx = Ctx::new(&flabel, &roster_label, &workers, &mut sink);
                while let Some(good) = table.advance(ctx.sink) {
                    if !good {
                        continue;
                    }
                    read_update(&mut build, &table, &mut ctx);
                }
            }
        }

        let mut concerns = build.concerns;
        let warnings = sink.finish()?;
        for c in &mut concerns {
            c.updates.sort_by_key(|u| u.date);
        }
        concerns.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
        Ok(Warned {
            output: Ledger {
                name: raw.assessment.name,
                path: toml_path,
                routing,
                calendar,
                concerns,
                inputs,
            },
            warnings,
        })
    }

    /// The concern with this id.
    pub fn get(&self, id: &str) -> Option<&Concern> {
        self.concerns.iter().find(|c| c.id == id)
    }

    /// The latest date in the ledger (concern dates and update dates), a reproducible as-of
    /// date when none is given.
    pub fn latest_date(&self) -> Option<Date> {
        self.concerns
            .iter()
            .flat_map(|c| std::iter::once(c.date).chain(c.updates.iter().map(|u| u.date)))
            .max()
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
    let target = build.ids.get(ic.text).copied();
    if target.is_none() {
        let msg = format!(
            "concern_id \"{}\" is not a concern of this bundle (ids are <component id>:<worker_id>:<call_id or household_id>, or a concern_id of the concerns file)",
            ic.text
        );
        ctx.error(&ic, msg);
    }
    let date = match Date::parse(dc.text) {
        Ok(d) => Some(d),
        Err(e) => {
            ctx.error(&dc, e.to_string());
            None
        }
    };
    let status = ConcernStatus::parse(sc.text);
    if status.is_none() {
        let msg = format!(
            "unknown status \"{}\"; a status is one of 受理, 办理中, 已办结, 退回, 重新打开 (or accepted, in_progress, closed, returned, reopened)",
            sc.text
        );
        ctx.error(&sc, msg);
    }
    let satisfied = if fc.is_empty() {
        Some(None)
    } else {
        match parse_satisfied(fc.text) {
            Some(b) => Some(Some(b)),
            None => {
                let msg = format!(
                    "\"{}\" in column \"satisfied\" is not an answer; write 是/否, yes/no, true/false, 1/0, 满意/基本满意/不满意, or leave it empty",
                    fc.text
                );
                ctx.error(&fc, msg);
                None
            }
        }
    };
    let (Some(i), Some(date), Some(status), Some(satisfied)) = (target, date, status, satisfied)
    else {
        return;
    };
    let concern = &mut build.concerns[i];
    if date < concern.date {
        let msg = format!(
            "the update is dated {date}, before the concern itself ({})",
            concern.date
        );
        ctx.error(&dc, msg);
        return;
    }
    concern.updates.push(Update {
        date,
        status,
        note: opt(table.cell("note").text).map(|n| mask_phone_numbers(&n)),
        satisfied,
        file: ctx.file.to_string(),
        line: dc.line,
    });
}
