//! What the ledger shows on a day: every concern (docs/contract.md section 6), the work orders of each
//! office, the escalation report of each department, and a summary with the three rates.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use super::concern::{Concern, ConcernState, ConcernStatus, FLAG_UNKNOWN_CATEGORY};
use super::date::Date;
use super::ledger::Ledger;
use crate::num::{Q, qi, round2};
use crate::report::{align, number, safe_cell};

/// Weights of the three rates in the composite score: response, resolution, satisfaction
/// (30/35/35).
pub const RATE_WEIGHTS: [u32; 3] = [30, 35, 35];

fn ser_opt_dec<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(d) => number(*d).serialize(s),
        None => s.serialize_none(),
    }
}

/// One concern on the as-of day: the contract's fields first, then more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConcernRow {
    /// The concern's id.
    pub id: String,
    /// The day it was raised.
    pub date: Date,
    /// The category (canonical after aliases).
    pub category: String,
    /// The office handling it, or `None` when reported up.
    pub office: Option<String>,
    /// The department it is reported up to, or `None` when an office handles it.
    pub escalate_to: Option<String>,
    /// The deadline.
    pub deadline: Date,
    /// The status on the as-of day.
    pub status: ConcernStatus,
    /// Not closed and the as-of day is after the deadline.
    pub overdue: bool,
    /// The status in Chinese (受理, 办理中, ...).
    pub status_zh: &'static str,
    /// The route's deadline in working days.
    pub working_days: u32,
    /// Working days from the as-of day to the deadline, for an open concern.
    pub working_days_left: Option<i64>,
    /// The responsible person or role.
    pub responsible: Option<String>,
    /// The worker who recorded it.
    pub worker_id: Option<String>,
    /// The worker's unit (community).
    pub unit: Option<String>,
    /// The household, when known.
    pub household_id: Option<String>,
    /// The input that raised it (`phone`, `visit`, `concerns`).
    pub input: String,
    /// The category as written.
    pub category_given: String,
    /// The text, phone numbers masked.
    pub text: String,
    /// The day it was closed, when closed.
    pub closed_on: Option<Date>,
    /// Closed on or before the deadline.
    pub closed_on_time: bool,
    /// The latest callback answer.
    pub satisfied: Option<bool>,
    /// Times reopened.
    pub reopened: u32,
    /// The latest note, phone numbers masked.
    pub note: Option<String>,
    /// Flags, e.g. `unknown_category`.
    pub flags: Vec<String>,
}

impl ConcernRow {
    fn new(c: &Concern, s: ConcernState) -> ConcernRow {
        ConcernRow {
            id: c.id.clone(),
            date: c.date,
            category: c.category.clone(),
            office: c.office.clone(),
            escalate_to: c.escalate_to.clone(),
            deadline: c.deadline,
            status: s.status,
            overdue: s.overdue,
            status_zh: s.status.zh(),
            working_days: c.working_days,
            working_days_left: s.working_days_left,
            responsible: c.responsible.clone(),
            worker_id: c.worker_id.clone(),
            unit: c.unit.clone(),
            household_id: c.household_id.clone(),
            input: c.input.clone(),
            category_given: c.category_given.clone(),
            text: c.text.clone(),
            closed_on: s.closed_on,
            closed_on_time: s.closed_on_time,
            satisfied: s.satisfied,
            reopened: s.reopened,
            note: s.note,
            flags: c.flags.clone(),
        }
    }
}

/// One line of a work-order list or an escalation report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// 1-based number within its list (分条罗列).
    pub no: usize,
    /// The concern's id.
    pub id: String,
    /// The day it was raised.
    pub date: Date,
    /// The category.
    pub category: String,
    /// The responsible person or role.
    pub responsible: Option<String>,
    /// The deadline.
    pub deadline: Date,
    /// Working days left (negative: past the deadline).
    pub working_days_left: Option<i64>,
    /// The status.
    pub status: ConcernStatus,
    /// The status in Chinese.
    pub status_zh: &'static str,
    /// Overdue.
    pub overdue: bool,
    /// The unit (community).
    pub unit: Option<String>,
    /// The worker who recorded it.
    pub worker_id: Option<String>,
    /// The text, masked.
    pub text: String,
    /// Flags.
    pub flags: Vec<String>,
}

impl Item {
    fn new(no: usize, r: &ConcernRow) -> Item {
        Item {
            no,
            id: r.id.clone(),
            date: r.date,
            category: r.category.clone(),
            responsible: r.responsible.clone(),
            deadline: r.deadline,
            working_days_left: r.working_days_left,
            status: r.status,
            status_zh: r.status_zh,
            overdue: r.overdue,
            unit: r.unit.clone(),
            worker_id: r.worker_id.clone(),
            text: r.text.clone(),
            flags: r.flags.clone(),
        }
    }
}

/// The open concerns of one office (派单), by deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkOrders {
    /// The office.
    pub office: String,
    /// Concerns routed to it in all.
    pub total: usize,
    /// Open concerns (listed in `items`).
    pub open: usize,
    /// Overdue concerns.
    pub overdue: usize,
    /// The open concerns, by deadline then id.
    pub items: Vec<Item>,
}

/// Every concern reported up to one department, item by item (分条罗列).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Escalation {
    /// The department.
    pub department: String,
    /// Items in all (listed in `items`).
    pub total: usize,
    /// Items not closed.
    pub open: usize,
    /// Items overdue.
    pub overdue: usize,
    /// Every item, by date then id.
    pub items: Vec<Item>,
}

/// The three rates, as percentages with 2 decimals, and their weighted composite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rates {
    /// 响应率: responded / concerns.
    #[serde(serialize_with = "ser_opt_dec")]
    pub response: Option<Decimal>,
    /// 解决率: closed / concerns.
    #[serde(serialize_with = "ser_opt_dec")]
    pub resolution: Option<Decimal>,
    /// 满意率: satisfied / rated.
    #[serde(serialize_with = "ser_opt_dec")]
    pub satisfaction: Option<Decimal>,
    /// 30% response + 35% resolution + 35% satisfaction, over the rates that exist.
    #[serde(serialize_with = "ser_opt_dec")]
    pub composite: Option<Decimal>,
}

/// Counts and rates of a group of concerns (a category, unit, worker, office or department).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The category, unit, worker_id, office or department; empty when not given.
    pub key: String,
    /// Concerns.
    pub concerns: u64,
    /// Not closed.
    pub open: u64,
    /// Closed.
    pub closed: u64,
    /// Closed on or before the deadline.
    pub closed_on_time: u64,
    /// Overdue.
    pub overdue: u64,
    /// With at least one update.
    pub responded: u64,
    /// With a callback answer.
    pub rated: u64,
    /// Whose latest callback answer is satisfied.
    pub satisfied: u64,
    /// The three rates.
    pub rates: Rates,
}

impl Group {
    fn new(key: String) -> Group {
        Group {
            key,
            concerns: 0,
            open: 0,
            closed: 0,
            closed_on_time: 0,
            overdue: 0,
            responded: 0,
            rated: 0,
            satisfied: 0,
            rates: Rates {
                response: None,
                resolution: None,
                satisfaction: None,
                composite: None,
            },
        }
    }

    fn add(&mut self, r: &ConcernRow, responded: bool) {
        self.concerns += 1;
        if r.status.is_closed() {
            self.closed += 1;
        } else {
            self.open += 1;
        }
        self.closed_on_time += u64::from(r.closed_on_time);
        self.overdue += u64::from(r.overdue);
        self.responded += u64::from(responded);
        if let Some(s) = r.satisfied {
            self.rated += 1;
            self.satisfied += u64::from(s);
        }
    }

    fn finish(&mut self) {
        let pct = |a: u64, b: u64| (b > 0).then(|| qi(a as i64) * qi(100) / qi(b as i64));
        let parts = [
            pct(self.responded, self.concerns),
            pct(self.closed, self.concerns),
            pct(self.satisfied, self.rated),
        ];
        let mut sum = qi(0);
        let mut weight = 0;
        for (p, w) in parts.iter().zip(RATE_WEIGHTS) {
            if let Some(p) = p {
                sum += p * qi(i64::from(w));
                weight += w;
            }
        }
        let composite: Option<Q> = (weight > 0).then(|| sum / qi(i64::from(weight)));
        self.rates = Rates {
            response: parts[0].as_ref().map(round2),
            resolution: parts[1].as_ref().map(round2),
            satisfaction: parts[2].as_ref().map(round2),
            composite: composite.as_ref().map(round2),
        };
    }
}

/// Groups by key, in key order.
fn grouped<'a>(
    rows: impl Iterator<Item = (&'a ConcernRow, bool)>,
    key: impl Fn(&ConcernRow) -> Option<String>,
) -> Vec<Group> {
    let mut map: BTreeMap<String, Group> = BTreeMap::new();
    for (r, responded) in rows {
        let Some(k) = key(r) else { continue };
        map.entry(k.clone())
            .or_insert_with(|| Group::new(k))
            .add(r, responded);
    }
    let mut v: Vec<Group> = map.into_values().collect();
    v.iter_mut().for_each(Group::finish);
    v
}

/// The summary: all concerns, then by category, unit, worker, office and department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Every concern (key `all`).
    pub all: Group,
    /// By category.
    pub by_category: Vec<Group>,
    /// By unit (community); concerns without a unit under the empty key.
    pub by_unit: Vec<Group>,
    /// By worker_id; concerns without a worker under the empty key.
    pub by_worker: Vec<Group>,
    /// By office (handled in the sub-district).
    pub by_office: Vec<Group>,
    /// By department (reported up).
    pub by_department: Vec<Group>,
}

/// The ledger on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The assessment's name.
    pub name: String,
    /// The day the report describes.
    pub as_of: Date,
    /// The routing table's file.
    pub routing: String,
    /// The years of the working-day calendar.
    pub calendar_years: Vec<i32>,
    /// Every concern, by date then id.
    pub concerns: Vec<ConcernRow>,
    /// The open concerns of each office that has any concern, by office.
    pub work_orders: Vec<WorkOrders>,
    /// Every escalated concern, by department.
    pub escalations: Vec<Escalation>,
    /// Counts and rates.
    pub summary: Summary,
}

impl Ledger {
    /// The ledger as it stands on `as_of`: updates dated later are not yet known. Concerns
    /// dated after `as_of` are listed with the status `accepted` and are never overdue.
    pub fn report(&self, as_of: Date) -> Report {
        let states: Vec<ConcernState> = self
            .concerns
            .iter()
            .map(|c| c.state(as_of, &self.calendar))
            .collect();
        let responded: Vec<bool> = states.iter().map(|s| s.responded).collect();
        let rows: Vec<ConcernRow> = self
            .concerns
            .iter()
            .zip(states)
            .map(|(c, s)| ConcernRow::new(c, s))
            .collect();

        let mut offices: BTreeMap<&str, Vec<&ConcernRow>> = BTreeMap::new();
        let mut departments: BTreeMap<&str, Vec<&ConcernRow>> = BTreeMap::new();
        for r in &rows {
            if let Some(o) = &r.office {
                offices.entry(o).or_default().push(r);
            }
            if let Some(d) = &r.escalate_to {
                departments.entry(d).or_default().push(r);
            }
        }
        let work_orders = offices
            .into_iter()
            .map(|(office, list)| {
                let mut open: Vec<&ConcernRow> = list
                    .iter()
                    .copied()
                    .filter(|r| !r.status.is_closed())
                    .collect();
                open.sort_by(|a, b| a.deadline.cmp(&b.deadline).then_with(|| a.id.cmp(&b.id)));
                WorkOrders {
                    office: office.to_string(),
                    total: list.len(),
                    open: open.len(),
                    overdue: open.iter().filter(|r| r.overdue).count(),
                    items: open
                        .iter()
                        .enumerate()
                        .map(|(i, r)| Item::new(i + 1, r))
                        .collect(),
                }
            })
            .collect();
        let escalations = departments
            .into_iter()
            .map(|(department, list)| Escalation {
                department: department.to_string(),
                total: list.len(),
                open: list.iter().filter(|r| !r.status.is_closed()).count(),
                overdue: list.iter().filter(|r| r.overdue).count(),
                items: list
                    .iter()
                    .enumerate()
                    .map(|(i, r)| Item::new(i + 1, r))
                    .collect(),
            })
            .collect();

        let all_rows = || rows.iter().zip(responded.iter().copied());
        let mut all = grouped(all_rows(), |_| Some("all".to_string()));
        let summary = Summary {
            all: all.pop().unwrap_or_else(|| {
                let mut g = Group::new("all".into());
                g.finish();
                g
            }),
            by_category: grouped(all_rows(), |r| Some(r.category.clone())),
            by_unit: grouped(all_rows(), |r| Some(r.unit.clone().unwrap_or_default())),
            by_worker: grouped(all_rows(), |r| {
                Some(r.worker_id.clone().unwrap_or_default())
            }),
            by_office: grouped(all_rows(), |r| r.office.clone()),
            by_department: grouped(all_rows(), |r| r.escalate_to.clone()),
        };
        Report {
            name: self.name.clone(),
            as_of,
            routing: self.routing.file.clone(),
            calendar_years: self.calendar.years(),
            concerns: rows,
            work_orders,
            escalations,
            summary,
        }
    }
}

fn opt_text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn opt_num<T: ToString>(v: Option<T>) -> String {
    v.map_or(String::new(), |n| n.to_string())
}

fn pct(v: Option<Decimal>) -> String {
    v.map_or("—".to_string(), |d| format!("{d}%"))
}

impl Report {
    /// The report as JSON: `as_of`, `concerns`, `work_orders`, `escalations`, `summary`, ...
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// The concerns as CSV, one row each (cells a spreadsheet would read as a formula are
    /// escaped with `'`).
    pub fn concerns_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        let _ = w.write_record([
            "id",
            "date",
            "category",
            "office",
            "escalate_to",
            "deadline",
            "status",
            "overdue",
            "status_zh",
            "working_days",
            "working_days_left",
            "responsible",
            "worker_id",
            "unit",
            "household_id",
            "closed_on",
            "closed_on_time",
            "satisfied",
            "flags",
            "text",
        ]);
        for r in &self.concerns {
            let row = [
                safe_cell(&r.id),
                r.date.to_string(),
                safe_cell(&r.category),
                safe_cell(&opt_text(&r.office)),
                safe_cell(&opt_text(&r.escalate_to)),
                r.deadline.to_string(),
                r.status.as_str().to_string(),
                r.overdue.to_string(),
                r.status_zh.to_string(),
                r.working_days.to_string(),
                opt_num(r.working_days_left),
                safe_cell(&opt_text(&r.responsible)),
                safe_cell(&opt_text(&r.worker_id)),
                safe_cell(&opt_text(&r.unit)),
                safe_cell(&opt_text(&r.household_id)),
                opt_num(r.closed_on),
                r.closed_on_time.to_string(),
                opt_num(r.satisfied),
                r.flags.join(";"),
                safe_cell(&r.text),
            ];
            let _ = w.write_record(&row);
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    /// The report as text for the terminal: the office lists, the escalation report and the
    /// summary, columns aligned by display width.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let a = &self.summary.all;
        let _ = writeln!(
            out,
            "急难愁盼台账 {}  as of {}: {} concerns, {} open, {} overdue",
            self.name, self.as_of, a.concerns, a.open, a.overdue
        );
        let _ = writeln!(out, "\n== 派单 work orders (open concerns by office) ==");
        if self.work_orders.is_empty() {
            let _ = writeln!(out, "\n(none)");
        }
        for w in &self.work_orders {
            let _ = writeln!(
                out,
                "\n{}: {} open of {}, {} overdue",
                w.office, w.open, w.total, w.overdue
            );
            if w.items.is_empty() {
                continue;
            }
            let mut rows = vec![vec![
                "#".to_string(),
                "id".into(),
                "category".into(),
                "responsible".into(),
                "deadline".into(),
                "left".into(),
                "status".into(),
                "text".into(),
            ]];
            for i in &w.items {
                rows.push(item_cells(i));
            }
            out.push_str(&indent(&align(
                &rows,
                &[true, false, false, false, false, true],
            )));
        }
        let _ = writeln!(
            out,
            "\n== 上报 escalation report (every item, by department) =="
        );
        for e in &self.escalations {
            let _ = writeln!(
                out,
                "\n{}: {} {}, {} open, {} overdue",
                e.department,
                e.total,
                if e.total == 1 { "item" } else { "items" },
                e.open,
                e.overdue
            );
            for i in &e.items {
                let mut parts = vec![
                    format!("  {}.", i.no),
                    i.text.clone(),
                    format!("[{}]", i.category),
                    i.id.clone(),
                ];
                parts.extend(i.unit.clone());
                parts.push(format!("raised {}", i.date));
                parts.push(format!("due {}", i.deadline));
                parts.push(status_cell(i));
                let _ = writeln!(out, "{}", parts.join(" "));
            }
        }
        if self.escalations.is_empty() {
            let _ = writeln!(out, "\n(none)");
        }
        let _ = writeln!(out, "\n== 汇总 summary ==");
        // Offices and departments each hold only part of the concerns, so their tables end
        // without the line of all concerns; categories, units and workers split them all.
        let sections: [(&str, Vec<&Group>, bool); 5] = [
            ("office", self.summary.by_office.iter().collect(), false),
            (
                "department",
                self.summary.by_department.iter().collect(),
                false,
            ),
            ("category", self.summary.by_category.iter().collect(), true),
            ("unit", self.summary.by_unit.iter().collect(), true),
            ("worker", self.summary.by_worker.iter().collect(), true),
        ];
        for (what, groups, with_all) in sections {
            if groups.is_empty() {
                continue;
            }
            let mut rows = vec![vec![
                what.to_string(),
                "concerns".into(),
                "closed".into(),
                "on time".into(),
                "overdue".into(),
                "response".into(),
                "resolution".into(),
                "satisfaction".into(),
                "composite".into(),
            ]];
            let all = with_all.then_some(a);
            for g in groups.into_iter().chain(all) {
                rows.push(vec![
                    if std::ptr::eq(g, a) {
                        "(all)".into()
                    } else if g.key.is_empty() {
                        "(none)".into()
                    } else {
                        g.key.clone()
                    },
                    g.concerns.to_string(),
                    g.closed.to_string(),
                    g.closed_on_time.to_string(),
                    g.overdue.to_string(),
                    pct(g.rates.response),
                    pct(g.rates.resolution),
                    pct(g.rates.satisfaction),
                    pct(g.rates.composite),
                ]);
            }
            out.push('\n');
            out.push_str(&align(
                &rows,
                &[false, true, true, true, true, true, true, true, true],
            ));
        }
        out
    }
}

fn item_cells(i: &Item) -> Vec<String> {
    vec![
        i.no.to_string(),
        i.id.clone(),
        if i.flags.iter().any(|f| f == FLAG_UNKNOWN_CATEGORY) {
            format!("{} (未知类别)", i.category)
        } else {
            i.category.clone()
        },
        opt_text(&i.responsible),
        i.deadline.to_string(),
        opt_num(i.working_days_left),
        status_cell(i),
        i.text.clone(),
    ]
}

fn status_cell(i: &Item) -> String {
    format!("{}{}", i.status_zh, if i.overdue { " 逾期" } else { "" })
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}
