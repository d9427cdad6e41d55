//! What the ledger shows on a day: every concern (docs/contract.md section 6), the work orders
//! of each office, the escalation report of each department, and a summary with the three rates.
//!
//! A [`Report`] keeps only what cannot be worked out concern by concern: the order of each
//! office's open concerns, each department's concerns, and the counts of each group. Rows,
//! items and groups are made one at a time as they are written, so JSON (through serde), CSV
//! and the table stream to their writer.
//!
//! Every text a view shows is masked on the way out ([`mask_phone_numbers`]): ids, categories,
//! units, offices, texts and notes alike. The ledger itself keeps the ids as given, so that
//! two concerns whose ids mask alike stay two concerns.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;

use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use unicode_width::UnicodeWidthStr;

use super::calendar::CalendarError;
use super::concern::{Concern, ConcernStatus, FLAG_UNKNOWN_CATEGORY};
use super::date::Date;
use super::ledger::Ledger;
use super::mask::mask_phone_numbers;
use crate::show::{number, safe_cell};

/// Weights of the three rates in the composite score: response, resolution, satisfaction
/// (30/35/35).
pub const RATE_WEIGHTS: [u32; 3] = [30, 35, 35];

fn ser_opt_dec<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(d) => number(*d).serialize(s),
        None => s.serialize_none(),
    }
}

/// A text as a view shows it: phone numbers masked.
fn shown(text: &str) -> Cow<'_, str> {
    mask_phone_numbers(text)
}

fn shown_opt(text: Option<&str>) -> Option<Cow<'_, str>> {
    text.map(shown)
}

/// One concern on the as-of day: the contract's fields first, then more. Every text is masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConcernRow<'a> {
    /// The concern's id.
    pub id: Cow<'a, str>,
    /// The day it was raised.
    pub date: Date,
    /// The category (canonical after aliases).
    pub category: Cow<'a, str>,
    /// The office handling it, or `None` when reported up.
    pub office: Option<Cow<'a, str>>,
    /// The department it is reported up to, or `None` when an office handles it.
    pub escalate_to: Option<Cow<'a, str>>,
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
    pub responsible: Option<Cow<'a, str>>,
    /// The worker who recorded it.
    pub worker_id: Option<Cow<'a, str>>,
    /// The worker's unit (community).
    pub unit: Option<Cow<'a, str>>,
    /// The household, when known.
    pub household_id: Option<Cow<'a, str>>,
    /// The input that raised it (`phone`, `visit`, `concerns`).
    pub input: Cow<'a, str>,
    /// The category as written.
    pub category_given: Cow<'a, str>,
    /// The text.
    pub text: Cow<'a, str>,
    /// The day it was closed, when closed.
    pub closed_on: Option<Date>,
    /// Closed on or before the deadline.
    pub closed_on_time: bool,
    /// The latest callback answer.
    pub satisfied: Option<bool>,
    /// Times reopened.
    pub reopened: u32,
    /// The latest note.
    pub note: Option<Cow<'a, str>>,
    /// Flags, e.g. `unknown_category`.
    pub flags: &'static [&'static str],
}

impl<'a> ConcernRow<'a> {
    fn new(c: Concern<'a>, as_of: Date, shown: &Shown<'a>) -> ConcernRow<'a> {
        let s = c.state(as_of);
        let route = shown.route(&c);
        ConcernRow {
            id: c.shown_id(),
            date: c.date(),
            category: shown.category(&c),
            office: route.office.clone(),
            escalate_to: route.escalate_to.clone(),
            deadline: c.deadline(),
            status: s.status,
            overdue: s.overdue,
            status_zh: s.status.zh(),
            working_days: c.working_days(),
            working_days_left: s.working_days_left,
            responsible: route.responsible.clone(),
            worker_id: c.shown_worker_id(),
            unit: c.shown_unit(),
            household_id: c.shown_household_id(),
            input: shown.inputs[c.source_index()].clone(),
            category_given: c.shown_category_given(),
            text: c.shown_text(),
            closed_on: s.closed_on,
            closed_on_time: s.closed_on_time,
            satisfied: s.satisfied,
            reopened: s.reopened,
            note: shown_opt(s.note),
            flags: c.flags(),
        }
    }
}

/// The texts of the routing table and the inputs' names, masked once for a report.
struct Shown<'a> {
    /// Each route's texts, then the default route's.
    routes: Vec<RouteText<'a>>,
    inputs: Vec<Cow<'a, str>>,
}

struct RouteText<'a> {
    category: Cow<'a, str>,
    office: Option<Cow<'a, str>>,
    escalate_to: Option<Cow<'a, str>>,
    responsible: Option<Cow<'a, str>>,
}

impl<'a> Shown<'a> {
    fn new(ledger: &'a Ledger) -> Shown<'a> {
        let table = &ledger.routing;
        let routes = table
            .routes
            .iter()
            .chain(table.default.iter())
            .map(|r| RouteText {
                category: shown(&r.category),
                office: shown_opt(r.office()),
                escalate_to: shown_opt(r.escalate_to()),
                responsible: shown_opt(r.responsible.as_deref()),
            })
            .collect();
        let inputs = ledger
            .store
            .sources
            .iter()
            .map(|s| shown(&s.input))
            .collect();
        Shown { routes, inputs }
    }

    fn route(&self, c: &Concern) -> &RouteText<'a> {
        let i = c.route_index().unwrap_or(self.routes.len() - 1);
        &self.routes[i]
    }

    fn category(&self, c: &Concern<'a>) -> Cow<'a, str> {
        match c.route_index() {
            Some(i) => self.routes[i].category.clone(),
            None => c.shown_category_given(),
        }
    }
}

/// One line of a work-order list or an escalation report. Every text is masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item<'a> {
    /// 1-based number within its list (分条罗列).
    pub no: usize,
    /// The concern's id.
    pub id: Cow<'a, str>,
    /// The day it was raised.
    pub date: Date,
    /// The category.
    pub category: Cow<'a, str>,
    /// The responsible person or role.
    pub responsible: Option<Cow<'a, str>>,
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
    pub unit: Option<Cow<'a, str>>,
    /// The worker who recorded it.
    pub worker_id: Option<Cow<'a, str>>,
    /// The text.
    pub text: Cow<'a, str>,
    /// Flags.
    pub flags: &'static [&'static str],
}

impl<'a> Item<'a> {
    fn new(no: usize, c: Concern<'a>, as_of: Date, shown: &Shown<'a>) -> Item<'a> {
        let s = c.state(as_of);
        Item {
            no,
            id: c.shown_id(),
            date: c.date(),
            category: shown.category(&c),
            responsible: shown.route(&c).responsible.clone(),
            deadline: c.deadline(),
            working_days_left: s.working_days_left,
            status: s.status,
            status_zh: s.status.zh(),
            overdue: s.overdue,
            unit: c.shown_unit(),
            worker_id: c.shown_worker_id(),
            text: c.shown_text(),
            flags: c.flags(),
        }
    }
}

/// Numbered items of a list, made as they are read.
#[derive(Clone, Copy)]
pub struct Items<'r> {
    ledger: &'r Ledger,
    as_of: Date,
    shown: &'r Shown<'r>,
    list: &'r [u32],
}

impl<'r> Items<'r> {
    /// How many.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The items, numbered from 1.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Item<'r>> + 'r {
        self.range(0..self.list.len())
    }

    /// The items `range` (numbered in the whole list).
    pub(crate) fn range(
        &self,
        range: Range<usize>,
    ) -> impl ExactSizeIterator<Item = Item<'r>> + 'r {
        let (ledger, as_of, shown) = (self.ledger, self.as_of, self.shown);
        let start = range.start;
        self.list[range].iter().enumerate().map(move |(i, &c)| {
            Item::new(
                start + i + 1,
                Concern::new(ledger, c as usize),
                as_of,
                shown,
            )
        })
    }
}

impl std::fmt::Debug for Items<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// The open concerns of one office (派单), by deadline.
#[derive(Debug, Clone, Serialize)]
pub struct WorkOrders<'r> {
    /// The office.
    pub office: Cow<'r, str>,
    /// Concerns routed to it in all.
    pub total: usize,
    /// Open concerns (listed in `items`).
    pub open: usize,
    /// Overdue concerns.
    pub overdue: usize,
    /// The open concerns, by deadline then id.
    pub items: Items<'r>,
}

/// Every concern reported up to one department, item by item (分条罗列).
#[derive(Debug, Clone, Serialize)]
pub struct Escalation<'r> {
    /// The department.
    pub department: Cow<'r, str>,
    /// Items in all (listed in `items`).
    pub total: usize,
    /// Items not closed.
    pub open: usize,
    /// Items overdue.
    pub overdue: usize,
    /// Every item, by date then id.
    pub items: Items<'r>,
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

/// `n / d` rounded half up (n, d ≥ 0, d > 0).
fn half_up(n: u128, d: u128) -> u128 {
    (2 * n + d) / (2 * d)
}

impl Rates {
    /// The rates of these counts: each rate and the composite exact, rounded half up to 2
    /// decimals once, at the end.
    fn of(c: &Counts) -> Rates {
        // (numerator, denominator) of each rate as a fraction of 1.
        let parts = [
            (c.responded, c.concerns),
            (c.closed, c.concerns),
            (c.satisfied, c.rated),
        ];
        let pct = |(a, b): (u64, u64)| {
            (b > 0).then(|| {
                let hundredths = half_up(10_000 * u128::from(a), u128::from(b));
                Decimal::new(hundredths as i64, 2)
            })
        };
        // Composite in hundredths of a percent: Σ w·10000·a/b / Σ w, over the rates that
        // exist, on the common denominator Π b · Σ w.
        let present: Vec<(u128, u128, u128)> = parts
            .iter()
            .zip(RATE_WEIGHTS)
            .filter(|((_, b), _)| *b > 0)
            .map(|(&(a, b), w)| (u128::from(w), u128::from(a), u128::from(b)))
            .collect();
        let composite = (!present.is_empty()).then(|| {
            let weight: u128 = present.iter().map(|p| p.0).sum();
            let den: u128 = present.iter().map(|p| p.2).product::<u128>() * weight;
            let num: u128 = present
                .iter()
                .enumerate()
                .map(|(i, &(w, a, _))| {
                    let others: u128 = present
                        .iter()
                        .enumerate()
                        .filter(|(j, _)| *j != i)
                        .map(|(_, p)| p.2)
                        .product();
                    w * 10_000 * a * others
                })
                .sum();
            Decimal::new(half_up(num, den) as i64, 2)
        });
        Rates {
            response: pct(parts[0]),
            resolution: pct(parts[1]),
            satisfaction: pct(parts[2]),
            composite,
        }
    }
}

/// The counts of a group of concerns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    concerns: u64,
    open: u64,
    closed: u64,
    closed_on_time: u64,
    overdue: u64,
    responded: u64,
    rated: u64,
    satisfied: u64,
}

impl Counts {
    fn add(&mut self, s: &super::concern::ConcernState) {
        self.concerns += 1;
        if s.status.is_closed() {
            self.closed += 1;
        } else {
            self.open += 1;
        }
        self.closed_on_time += u64::from(s.closed_on_time);
        self.overdue += u64::from(s.overdue);
        self.responded += u64::from(s.responded);
        if let Some(yes) = s.satisfied {
            self.rated += 1;
            self.satisfied += u64::from(yes);
        }
    }
}

/// Counts and rates of a group of concerns (a category, unit, worker, office or department).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group<'a> {
    /// The category, unit, worker_id, office or department (masked); empty when not given.
    pub key: Cow<'a, str>,
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

impl<'a> Group<'a> {
    fn new(key: &'a str, c: &Counts) -> Group<'a> {
        Group {
            key: shown(key),
            concerns: c.concerns,
            open: c.open,
            closed: c.closed,
            closed_on_time: c.closed_on_time,
            overdue: c.overdue,
            responded: c.responded,
            rated: c.rated,
            satisfied: c.satisfied,
            rates: Rates::of(c),
        }
    }
}

/// Groups in key order (keys as given, so that two keys that mask alike stay apart), made as
/// they are read.
#[derive(Clone, Copy)]
pub struct Groups<'r> {
    list: &'r [(&'r str, Counts)],
}

impl<'r> Groups<'r> {
    /// How many groups.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The groups, in key order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Group<'r>> + 'r {
        self.range(0..self.list.len())
    }

    /// The groups `range`.
    pub(crate) fn range(
        &self,
        range: Range<usize>,
    ) -> impl ExactSizeIterator<Item = Group<'r>> + 'r {
        self.list[range].iter().map(|(k, c)| Group::new(k, c))
    }
}

impl std::fmt::Debug for Groups<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Groups<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// The summary: all concerns, then by category, unit, worker, office and department.
#[derive(Debug, Clone, Serialize)]
pub struct Summary<'r> {
    /// Every concern (key `all`).
    pub all: Group<'r>,
    /// By category.
    pub by_category: Groups<'r>,
    /// By unit (community); concerns without a unit under the empty key.
    pub by_unit: Groups<'r>,
    /// By worker_id; concerns without a worker under the empty key.
    pub by_worker: Groups<'r>,
    /// By office (handled in the sub-district).
    pub by_office: Groups<'r>,
    /// By department (reported up).
    pub by_department: Groups<'r>,
}

/// An office's or a department's concerns.
#[derive(Debug, Default)]
struct Desk {
    total: usize,
    open: usize,
    overdue: usize,
    /// Offices: the open concerns, by deadline then id. Departments: every concern, by date
    /// then id.
    items: Vec<u32>,
}

/// The ledger on one day.
///
/// ```
/// use yardstick::concerns::Ledger;
///
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let ledger = Ledger::load(&yardstick::FsFiles, dir.as_ref()).unwrap().output;
/// let report = ledger.report("2025-01-10".parse().unwrap()).unwrap();
/// let first = report.concerns().next().unwrap();
/// assert_eq!(first.id, "visit:XJ04:XJ-11-1-102");
/// let mut json = Vec::new();
/// report.write_json(&mut json).unwrap();
/// // A year without a holiday notice is an error, never a guess.
/// assert!(ledger.report("2027-03-01".parse().unwrap()).is_err());
/// ```
pub struct Report<'a> {
    ledger: &'a Ledger,
    as_of: Date,
    shown: Shown<'a>,
    offices: Vec<(&'a str, Desk)>,
    departments: Vec<(&'a str, Desk)>,
    all: Counts,
    by_category: Vec<(&'a str, Counts)>,
    by_unit: Vec<(&'a str, Counts)>,
    by_worker: Vec<(&'a str, Counts)>,
    by_office: Vec<(&'a str, Counts)>,
    by_department: Vec<(&'a str, Counts)>,
}

impl std::fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Report")
            .field("as_of", &self.as_of)
            .field("concerns", &self.ledger.len())
            .finish_non_exhaustive()
    }
}

fn sorted(map: BTreeMap<&str, Counts>) -> Vec<(&str, Counts)> {
    map.into_iter().collect()
}

impl Ledger {
    /// The ledger as it stands on `as_of`: updates dated later are not yet known. Concerns
    /// dated after `as_of` are listed with the status `accepted` and are never overdue.
    ///
    /// An `as_of` in a year the calendar has no holiday notice for is an error (its
    /// [`CalendarError`] names the years known), as the working days left could not be
    /// counted.
    pub fn report(&self, as_of: Date) -> Result<Report<'_>, CalendarError> {
        if !self.calendar.covers(as_of) {
            return Err(CalendarError {
                date: as_of,
                covered: self.calendar.years(),
            });
        }
        let mut offices: BTreeMap<&str, Desk> = BTreeMap::new();
        let mut departments: BTreeMap<&str, Desk> = BTreeMap::new();
        let mut all = Counts::default();
        let mut by_category: BTreeMap<&str, Counts> = BTreeMap::new();
        let mut by_unit: BTreeMap<&str, Counts> = BTreeMap::new();
        let mut by_worker: BTreeMap<&str, Counts> = BTreeMap::new();
        let mut by_office: BTreeMap<&str, Counts> = BTreeMap::new();
        let mut by_department: BTreeMap<&str, Counts> = BTreeMap::new();
        for c in self.concerns() {
            let s = c.state(as_of);
            let at = c.index() as u32;
            let closed = s.status.is_closed();
            all.add(&s);
            by_category.entry(c.category()).or_default().add(&s);
            by_unit.entry(c.unit().unwrap_or("")).or_default().add(&s);
            by_worker
                .entry(c.worker_id().unwrap_or(""))
                .or_default()
                .add(&s);
            if let Some(o) = c.office() {
                by_office.entry(o).or_default().add(&s);
                let desk = offices.entry(o).or_default();
                desk.total += 1;
                if !closed {
                    desk.open += 1;
                    desk.overdue += usize::from(s.overdue);
                    desk.items.push(at);
                }
            }
            if let Some(d) = c.escalate_to() {
                by_department.entry(d).or_default().add(&s);
                let desk = departments.entry(d).or_default();
                desk.total += 1;
                desk.open += usize::from(!closed);
                desk.overdue += usize::from(s.overdue);
                desk.items.push(at);
            }
        }
        let store = &self.store;
        for desk in offices.values_mut() {
            desk.items.sort_by(|&a, &b| {
                let (a, b) = (&store.recs[a as usize], &store.recs[b as usize]);
                a.deadline
                    .cmp(&b.deadline)
                    .then_with(|| store.ids.get(a.id).cmp(store.ids.get(b.id)))
            });
        }
        Ok(Report {
            ledger: self,
            as_of,
            shown: Shown::new(self),
            offices: offices.into_iter().collect(),
            departments: departments.into_iter().collect(),
            all,
            by_category: sorted(by_category),
            by_unit: sorted(by_unit),
            by_worker: sorted(by_worker),
            by_office: sorted(by_office),
            by_department: sorted(by_department),
        })
    }
}

/// A sequence made by an iterator as it is serialised.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

impl Serialize for Report<'_> {
    /// `name, as_of, routing, calendar_years, concerns, work_orders, escalations, summary`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Report", 8)?;
        m.serialize_field("name", &shown(&self.ledger.name))?;
        m.serialize_field("as_of", &self.as_of)?;
        m.serialize_field("routing", &shown(&self.ledger.routing.file))?;
        m.serialize_field("calendar_years", &self.ledger.calendar.years())?;
        m.serialize_field("concerns", &Seq(|| self.concerns()))?;
        m.serialize_field("work_orders", &Seq(|| self.work_orders()))?;
        m.serialize_field("escalations", &Seq(|| self.escalations()))?;
        m.serialize_field("summary", &self.summary())?;
        m.end()
    }
}

impl<'a> Report<'a> {
    /// The day the report describes.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The ledger reported on.
    pub fn ledger(&self) -> &'a Ledger {
        self.ledger
    }

    /// Every concern, by date then id.
    pub fn concerns(&self) -> impl ExactSizeIterator<Item = ConcernRow<'a>> + '_ {
        let as_of = self.as_of;
        self.ledger
            .concerns()
            .map(move |c| ConcernRow::new(c, as_of, &self.shown))
    }

    /// The concerns `range` of [`Report::concerns`].
    pub(crate) fn rows(
        &self,
        range: Range<usize>,
    ) -> impl ExactSizeIterator<Item = ConcernRow<'a>> + '_ {
        let as_of = self.as_of;
        range.map(move |i| ConcernRow::new(Concern::new(self.ledger, i), as_of, &self.shown))
    }

    /// The concern with this id (as given in the input).
    pub fn concern(&self, id: &str) -> Option<ConcernRow<'a>> {
        let c = self.ledger.get(id)?;
        Some(ConcernRow::new(c, self.as_of, &self.shown))
    }

    /// The open concerns of each office that has any concern, by office.
    pub fn work_orders(&self) -> impl ExactSizeIterator<Item = WorkOrders<'_>> + '_ {
        self.offices.iter().map(|(office, d)| WorkOrders {
            office: shown(office),
            total: d.total,
            open: d.open,
            overdue: d.overdue,
            items: self.items(&d.items),
        })
    }

    /// Every escalated concern, by department.
    pub fn escalations(&self) -> impl ExactSizeIterator<Item = Escalation<'_>> + '_ {
        self.departments.iter().map(|(department, d)| Escalation {
            department: shown(department),
            total: d.total,
            open: d.open,
            overdue: d.overdue,
            items: self.items(&d.items),
        })
    }

    fn items<'r>(&'r self, list: &'r [u32]) -> Items<'r> {
        Items {
            ledger: self.ledger,
            as_of: self.as_of,
            shown: &self.shown,
            list,
        }
    }

    /// Counts and rates.
    pub fn summary(&self) -> Summary<'_> {
        Summary {
            all: Group::new("all", &self.all),
            by_category: Groups {
                list: &self.by_category,
            },
            by_unit: Groups {
                list: &self.by_unit,
            },
            by_worker: Groups {
                list: &self.by_worker,
            },
            by_office: Groups {
                list: &self.by_office,
            },
            by_department: Groups {
                list: &self.by_department,
            },
        }
    }

    /// Writes the report as pretty JSON, then a newline: `name, as_of, routing,
    /// calendar_years, concerns, work_orders, escalations, summary`, exactly as
    /// `serde_json::to_writer_pretty(out, &report)` does. Streamed, and made block by block
    /// on every core (`YARDSTICK_THREADS` sets how many): no more than a few blocks of the
    /// document are ever held in memory.
    pub fn write_json(&self, mut out: impl Write) -> io::Result<()> {
        self.write_json_with_threads(&mut out, crate::threads())
    }

    /// As [`Report::write_json`], on `threads` threads.
    pub fn write_json_with_threads(&self, out: &mut dyn Write, threads: usize) -> io::Result<()> {
        super::json::write(self, out, threads)?;
        out.flush()
    }

    /// The report as a JSON value (small ledgers, tests).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// Writes the concerns as CSV, one row each, starting with a UTF-8 byte-order mark (so that
    /// Excel reads the Chinese text); every text cell that a spreadsheet would read as a
    /// formula is escaped with `'` ([`safe_cell`]).
    pub fn write_csv(&self, mut out: impl Write) -> io::Result<()> {
        out.write_all(crate::show::BOM)?;
        let mut w = csv::WriterBuilder::new().from_writer(out);
        w.write_record(CSV_HEADER)?;
        for r in self.concerns() {
            let opt = |v: &Option<Cow<str>>| safe_cell(v.as_deref().unwrap_or(""));
            let row = [
                safe_cell(&r.id),
                r.date.to_string(),
                safe_cell(&r.category),
                opt(&r.office),
                opt(&r.escalate_to),
                r.deadline.to_string(),
                safe_cell(r.status.as_str()),
                r.overdue.to_string(),
                safe_cell(r.status_zh),
                r.working_days.to_string(),
                opt_num(r.working_days_left),
                opt(&r.responsible),
                opt(&r.worker_id),
                opt(&r.unit),
                opt(&r.household_id),
                opt_num(r.closed_on),
                r.closed_on_time.to_string(),
                opt_num(r.satisfied),
                safe_cell(&r.flags.join(";")),
                safe_cell(&r.text),
            ];
            w.write_record(&row)?;
        }
        w.flush()
    }

    /// The concerns as CSV (see [`Report::write_csv`]).
    pub fn concerns_csv(&self) -> String {
        let mut v = Vec::new();
        let _ = self.write_csv(&mut v);
        String::from_utf8(v).unwrap_or_default()
    }

    /// Writes the report as text for the terminal: the office lists, the escalation report
    /// and the summary, columns aligned by display width.
    pub fn write_text(&self, out: impl Write) -> io::Result<()> {
        let mut w = io::BufWriter::with_capacity(1 << 16, out);
        self.text_to(&mut w)?;
        w.flush()
    }

    /// The report as text (see [`Report::write_text`]).
    pub fn to_text(&self) -> String {
        let mut v = Vec::new();
        let _ = self.write_text(&mut v);
        String::from_utf8(v).unwrap_or_default()
    }

    fn text_to(&self, out: &mut impl Write) -> io::Result<()> {
        let a = &self.all;
        writeln!(
            out,
            "急难愁盼台账 {}  as of {}: {} concerns, {} open, {} overdue",
            cell(&shown(&self.ledger.name)),
            self.as_of,
            a.concerns,
            a.open,
            a.overdue
        )?;
        self.work_orders_text(out)?;
        self.escalations_text(out)?;
        self.summary_text(out)
    }

    /// The office lists (派单).
    fn work_orders_text(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(out, "\n== 派单 work orders (open concerns by office) ==")?;
        if self.offices.is_empty() {
            writeln!(out, "\n(none)")?;
        }
        for w in self.work_orders() {
            writeln!(
                out,
                "\n{}: {} open of {}, {} overdue",
                cell(&w.office),
                w.open,
                w.total,
                w.overdue
            )?;
            if w.items.is_empty() {
                continue;
            }
            let header = || {
                [
                    "#",
                    "id",
                    "category",
                    "responsible",
                    "deadline",
                    "left",
                    "status",
                    "text",
                ]
                .map(String::from)
                .to_vec()
            };
            let rows = || std::iter::once(header()).chain(w.items.iter().map(|i| item_cells(&i)));
            write_aligned(out, rows, &[true, false, false, false, false, true], "  ")?;
        }
        Ok(())
    }

    /// The escalation report (上报), item by item.
    fn escalations_text(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(
            out,
            "\n== 上报 escalation report (every item, by department) =="
        )?;
        for e in self.escalations() {
            writeln!(
                out,
                "\n{}: {} {}, {} open, {} overdue",
                cell(&e.department),
                e.total,
                if e.total == 1 { "item" } else { "items" },
                e.open,
                e.overdue
            )?;
            for i in e.items.iter() {
                let mut parts = vec![
                    format!("  {}.", i.no),
                    cell(&i.text).into_owned(),
                    format!("[{}]", cell(&i.category)),
                    cell(&i.id).into_owned(),
                ];
                parts.extend(i.unit.as_deref().map(|u| cell(u).into_owned()));
                parts.push(format!("raised {}", i.date));
                parts.push(format!("due {}", i.deadline));
                parts.push(status_cell(&i));
                writeln!(out, "{}", parts.join(" "))?;
            }
        }
        if self.departments.is_empty() {
            writeln!(out, "\n(none)")?;
        }
        Ok(())
    }

    /// The summary (汇总): counts and rates by office, department, category, unit and worker.
    fn summary_text(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(out, "\n== 汇总 summary ==")?;
        // Offices and departments each hold only part of the concerns, so their tables end
        // without the line of all concerns; categories, units and workers split them all.
        let summary = self.summary();
        let sections: [(&str, Groups, bool); 5] = [
            ("office", summary.by_office, false),
            ("department", summary.by_department, false),
            ("category", summary.by_category, true),
            ("unit", summary.by_unit, true),
            ("worker", summary.by_worker, true),
        ];
        for (what, groups, with_all) in sections {
            if groups.is_empty() {
                continue;
            }
            let header = || {
                [
                    what,
                    "concerns",
                    "closed",
                    "on time",
                    "overdue",
                    "response",
                    "resolution",
                    "satisfaction",
                    "composite",
                ]
                .map(String::from)
                .to_vec()
            };
            let all = || with_all.then(|| group_cells(&summary.all, "(all)".into()));
            let rows = || {
                std::iter::once(header())
                    .chain(groups.iter().map(|g| {
                        let key = if g.key.is_empty() {
                            "(none)".into()
                        } else {
                            cell(&g.key).into_owned()
                        };
                        group_cells(&g, key)
                    }))
                    .chain(all())
            };
            writeln!(out)?;
            write_aligned(
                out,
                rows,
                &[false, true, true, true, true, true, true, true, true],
                "",
            )?;
        }
        Ok(())
    }
}

const CSV_HEADER: [&str; 20] = [
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
];

/// A (masked) text as the terminal table shows it: control characters and escape sequences
/// written out, never sent to the terminal.
fn cell(text: &str) -> Cow<'_, str> {
    crate::show::printable(text)
}

fn opt_num<T: ToString>(v: Option<T>) -> String {
    v.map_or(String::new(), |n| n.to_string())
}

fn pct(v: Option<Decimal>) -> String {
    v.map_or("—".to_string(), |d| format!("{d}%"))
}

fn group_cells(g: &Group, key: String) -> Vec<String> {
    vec![
        key,
        g.concerns.to_string(),
        g.closed.to_string(),
        g.closed_on_time.to_string(),
        g.overdue.to_string(),
        pct(g.rates.response),
        pct(g.rates.resolution),
        pct(g.rates.satisfaction),
        pct(g.rates.composite),
    ]
}

fn item_cells(i: &Item) -> Vec<String> {
    vec![
        i.no.to_string(),
        cell(&i.id).into_owned(),
        if i.flags.contains(&FLAG_UNKNOWN_CATEGORY) {
            format!("{} (未知类别)", cell(&i.category))
        } else {
            cell(&i.category).into_owned()
        },
        i.responsible
            .as_deref()
            .map_or(String::new(), |r| cell(r).into_owned()),
        i.deadline.to_string(),
        opt_num(i.working_days_left),
        status_cell(i),
        cell(&i.text).into_owned(),
    ]
}

fn status_cell(i: &Item) -> String {
    format!("{}{}", i.status_zh, if i.overdue { " 逾期" } else { "" })
}

/// Writes rows as columns aligned by display width (a Chinese character is two columns),
/// each line after `indent`, as [`crate::show::align`] lays them out. `rows` is called
/// twice: once for the widths, once to write, so that no table is held whole.
fn write_aligned<I: Iterator<Item = Vec<String>>>(
    out: &mut impl Write,
    rows: impl Fn() -> I,
    right: &[bool],
    indent: &str,
) -> io::Result<()> {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows() {
        if widths.len() < row.len() {
            widths.resize(row.len(), 0);
        }
        for (w, c) in widths.iter_mut().zip(&row) {
            *w = (*w).max(c.width());
        }
    }
    let mut line = String::new();
    for row in rows() {
        line.clear();
        for (c, text) in row.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            let right = right.get(c).copied().unwrap_or(false);
            if c + 1 == row.len() && !right {
                line.push_str(text);
            } else {
                let fill = widths[c].saturating_sub(text.width());
                if right {
                    line.extend(std::iter::repeat_n(' ', fill));
                    line.push_str(text);
                } else {
                    line.push_str(text);
                    line.extend(std::iter::repeat_n(' ', fill));
                }
            }
        }
        out.write_all(indent.as_bytes())?;
        out.write_all(line.trim_end().as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
