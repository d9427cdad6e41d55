//! Periodic scorecards (网格员月度考核, 党员积分): each period of the year starts at the
//! rubric's base; every item adds or takes away its points per occurrence, at most its limit in
//! one period; the period's score is held between the floor and the ceiling; the component
//! score is the exact mean over the periods the worker served whole (docs/contract.md 7.1).

use std::marker::PhantomData;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Detail, Facts, Kind, Missing, Tallies};
use crate::input::Date;
use crate::input::Worker;
use crate::input::cells::{Ctx, KeySpec};
use crate::input::table::{Cell, Columns, RowSource, Table};
use crate::num::{Exact, Q, count};
use crate::rubric::{PeriodKind, Scorecard};

/// The scorecard file's columns.
pub const COLUMNS: Columns = Columns {
    required: &["worker_id", "period", "item"],
    optional: &["count", "note"],
};

/// The scorecard method, as the loader sees it.
pub(crate) struct ScorecardKind<'a>(PhantomData<&'a ()>);

/// What reading a scorecard file needs beside the rubric's settings: the assessment year
/// (periods outside it are errors) and the roster (periods outside a worker's service are).
#[derive(Clone, Copy)]
pub(crate) struct Setup<'a> {
    pub(crate) cfg: &'a Scorecard,
    pub(crate) year: i32,
    pub(crate) roster: &'a [Worker],
}

impl<'a> Kind for ScorecardKind<'a> {
    type Config = Setup<'a>;
    const COLUMNS: Columns = COLUMNS;
    /// Rows add up: there is no duplicate key.
    const KEY: KeySpec = KeySpec {
        parts: &[],
        at: "item",
        what: || crate::msg!("what-dup-scorecard"),
    };

    fn load<S: RowSource>(
        table: &mut Table<S>,
        setup: &Setup<'a>,
        workers: usize,
        ctx: &mut Ctx,
    ) -> (Arc<dyn Tallies>, Option<Vec<u64>>) {
        let mut cells = vec![Cells::Empty; workers];
        load(table, setup, &mut cells, ctx);
        let t = ScorecardTallies {
            cfg: setup.cfg.clone(),
            fixed: Fixed::of(setup.cfg),
            year: setup.year,
            cells,
        };
        // No duplicate key to look for.
        (Arc::new(t), Some(Vec::new()))
    }
}

/// A worker's occurrences per period and item (period × items + item): 32-bit counters,
/// or 64-bit ones once a sum needs them; nothing for a worker without rows.
#[derive(Debug, Clone)]
enum Cells {
    Empty,
    Small(Box<[u32]>),
    Big(Box<[u64]>),
}

impl Cells {
    fn get(&self, i: usize) -> u64 {
        match self {
            Cells::Empty => 0,
            Cells::Small(v) => v.get(i).map_or(0, |&c| u64::from(c)),
            Cells::Big(v) => v.get(i).copied().unwrap_or(0),
        }
    }

    /// Adds `n` occurrences at `i` (of `len` counters); `false` past 2⁶⁴.
    fn add(&mut self, i: usize, n: u64, len: usize) -> bool {
        if let Cells::Empty = self {
            *self = Cells::Small(vec![0; len].into_boxed_slice());
        }
        if let Cells::Small(v) = self {
            if let Some(c) = v.get_mut(i)
                && let Some(s) = u64::from(*c).checked_add(n)
                && let Ok(s) = u32::try_from(s)
            {
                *c = s;
                return true;
            }
            *self = Cells::Big(v.iter().map(|&c| u64::from(c)).collect());
        }
        match self {
            Cells::Big(v) => match v.get_mut(i).and_then(|c| c.checked_add(n).map(|s| (c, s))) {
                Some((c, s)) => {
                    *c = s;
                    true
                }
                None => false,
            },
            _ => false,
        }
    }
}

/// Every worker's counts of one scorecard file, with the rubric's settings.
#[derive(Debug)]
struct ScorecardTallies {
    cfg: Scorecard,
    /// The settings in integers, when they fit.
    fixed: Option<Fixed>,
    year: i32,
    cells: Vec<Cells>,
}

impl ScorecardTallies {
    /// The score and the counts the facts show, in integers when they suffice.
    fn summary(&self, w: usize, worker: &Worker) -> (Result<Exact, Missing>, ScorecardDetail) {
        let cells = &self.cells[w];
        if let Some(f) = &self.fixed
            && let Some(r) = f.score(cells, &self.cfg, self.year, worker)
        {
            return r;
        }
        score_at(cells, &self.cfg, self.year, worker, false)
    }
}

impl Tallies for ScorecardTallies {
    fn score(&self, w: usize, worker: &Worker) -> Result<Exact, Missing> {
        self.summary(w, worker).0
    }

    fn facts(&self, w: usize, worker: &Worker) -> Facts {
        let (_, d) = self.summary(w, worker);
        Facts::Scorecard {
            counted: d.counted,
            periods: self.cfg.period.per_year(),
            limited: d.limited,
            floored: d.floored,
            capped: d.capped,
        }
    }

    fn detail(&self, w: usize, worker: &Worker) -> Detail {
        Detail::Scorecard(score_at(&self.cells[w], &self.cfg, self.year, worker, true).1)
    }
}

/// A scorecard's settings as integers at one scale (10^scale units to 1), so that the scores a
/// cohort needs are summed in machine integers; any overflow falls back to exact rationals.
#[derive(Debug, Clone)]
struct Fixed {
    unit: i128,
    base: i128,
    floor: i128,
    ceiling: Option<i128>,
    points: Vec<i128>,
    limits: Vec<Option<i128>>,
}

impl Fixed {
    fn of(cfg: &Scorecard) -> Option<Fixed> {
        let all = || {
            [cfg.base, cfg.floor]
                .into_iter()
                .chain(cfg.ceiling)
                .chain(cfg.items.iter().map(|i| i.points))
                .chain(cfg.items.iter().filter_map(|i| i.limit))
        };
        let scale = all().map(|d| d.scale()).max().unwrap_or(0);
        let unit = 10i128.checked_pow(scale)?;
        let at = |d: Decimal| {
            d.mantissa()
                .checked_mul(10i128.checked_pow(scale - d.scale())?)
        };
        Some(Fixed {
            unit,
            base: at(cfg.base)?,
            floor: at(cfg.floor)?,
            ceiling: match cfg.ceiling {
                Some(c) => Some(at(c)?),
                None => None,
            },
            points: cfg
                .items
                .iter()
                .map(|i| at(i.points))
                .collect::<Option<_>>()?,
            limits: cfg
                .items
                .iter()
                .map(|i| match i.limit {
                    Some(l) => at(l).map(Some),
                    None => Some(None),
                })
                .collect::<Option<_>>()?,
        })
    }

    /// As [`score_at`] without the list of periods; `None` when a sum overflows.
    fn score(
        &self,
        cells: &Cells,
        cfg: &Scorecard,
        year: i32,
        worker: &Worker,
    ) -> Option<(Result<Exact, Missing>, ScorecardDetail)> {
        let n_items = self.points.len();
        let mut d = ScorecardDetail::empty(cfg, worker);
        let mut total: i128 = 0;
        for p in 0..cfg.period.per_year() {
            if counted(cfg.period, year, p, worker).is_err() {
                continue;
            }
            let mut sum = self.base;
            for (i, (&points, &limit)) in self.points.iter().zip(&self.limits).enumerate() {
                let c = cells.get(p * n_items + i);
                if c == 0 {
                    continue;
                }
                let mut t = points.checked_mul(i128::from(c))?;
                if let Some(l) = limit
                    && (t > l || t < -l)
                {
                    t = t.clamp(-l, l);
                    d.limited += 1;
                }
                sum = sum.checked_add(t)?;
            }
            if sum < self.floor {
                sum = self.floor;
                d.floored += 1;
            }
            if let Some(c) = self.ceiling
                && sum > c
            {
                sum = c;
                d.capped += 1;
            }
            d.counted += 1;
            total = total.checked_add(sum)?;
        }
        if d.counted < cfg.min_periods || d.counted == 0 {
            let missing = Missing::TooFewPeriods {
                counted: d.counted,
                periods: cfg.period.per_year(),
                min: cfg.min_periods,
                period: cfg.period,
            };
            return Some((Err(missing), d));
        }
        let den = self.unit.checked_mul(d.counted as i128)?;
        Some((Ok(Exact::Small(total, 1).div(&Exact::Small(den, 1))), d))
    }
}

/// A period as written in a file: its year, its length and its number in the year (from 0).
///
/// `2024-03` (month), `2024-Q1` or `2024Q1` (quarter), `2024-H1` or `2024H1` (half), `2024`
/// (year); `q` and `h` may be lower-case. `Err` says why the text is not a period (a message
/// of the catalogs, `is not a period: …`).
pub fn parse_period(text: &str) -> Result<(i32, PeriodKind, usize), crate::i18n::Message> {
    let b = text.as_bytes();
    let not = || crate::msg!("what-period-form");
    if b.len() < 4 || !b[..4].iter().all(u8::is_ascii_digit) {
        return Err(not());
    }
    let year: i32 = text[..4].parse().map_err(|_| not())?;
    let rest = &text[4..];
    if rest.is_empty() {
        return Ok((year, PeriodKind::Year, 0));
    }
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let (kind, digits) = match rest.as_bytes().first() {
        Some(b'Q' | b'q') => (PeriodKind::Quarter, &rest[1..]),
        Some(b'H' | b'h') => (PeriodKind::Half, &rest[1..]),
        // A month needs its dash and two digits.
        Some(_) if text.as_bytes()[4] == b'-' && rest.len() == 2 => (PeriodKind::Month, rest),
        _ => return Err(not()),
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return Err(not());
    }
    let n: usize = digits.parse().map_err(|_| not())?;
    if n == 0 || n > kind.per_year() {
        return Err(crate::msg!(
            "what-period-no-such",
            what = noun(kind),
            n = n,
            per_year = kind.per_year()
        ));
    }
    Ok((year, kind, n - 1))
}

/// The first day of period `index` of `year` and the first day after it.
fn bounds(kind: PeriodKind, year: i32, index: usize) -> Option<(Date, Date)> {
    let months = kind.months();
    let first = index as u32 * months + 1;
    let next = first + months;
    let from = Date::new(year, first, 1)?;
    let to = if next > 12 {
        Date::new(year + 1, 1, 1)?
    } else {
        Date::new(year, next, 1)?
    };
    Some((from, to))
}

/// Why a period is not counted for a worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotCounted {
    /// The worker started after the period's first day.
    Started(Date),
    /// The worker left before the period's last day.
    Left(Date),
}

/// Whether period `index` of `year` is counted for `worker`: served whole, from its first day
/// to its last (docs/contract.md 7.1).
fn counted(kind: PeriodKind, year: i32, index: usize, worker: &Worker) -> Result<(), NotCounted> {
    let Some((from, after)) = bounds(kind, year, index) else {
        return Ok(());
    };
    if let Some(s) = worker.start
        && s > from
    {
        return Err(NotCounted::Started(s));
    }
    if let Some(e) = worker.end
        && e.to_days() + 1 < after.to_days()
    {
        return Err(NotCounted::Left(e));
    }
    Ok(())
}

/// Reads the file's rows into `cells`.
fn load<S: RowSource>(table: &mut Table<S>, setup: &Setup, cells: &mut [Cells], ctx: &mut Ctx) {
    let cfg = setup.cfg;
    let n_items = cfg.items.len();
    let len = cfg.period.per_year() * n_items;
    let col_worker = table.column("worker_id");
    let col_period = table.column("period");
    let col_item = table.column("item");
    let col_count = table.column("count");
    // The last worker and period text whose period was found good: a file lists a worker's
    // month row after row, so most rows repeat both.
    let mut last: Option<(usize, String, usize)> = None;
    while let Some(good) = table.advance(ctx.sink) {
        if !good {
            continue;
        }
        let wc = table.at(col_worker);
        let pc = table.at(col_period);
        let ic = table.at(col_item);
        let cc = table.at(col_count);
        let worker = ctx.worker(&wc);
        let hit = match (&last, worker) {
            (Some((lw, text, p)), Some(w)) if *lw == w && text == pc.text => Some(*p),
            _ => None,
        };
        let period = hit.or_else(|| {
            let p = period_of(ctx, &pc, setup, worker.and_then(|w| setup.roster.get(w)));
            if let (Some(w), Some(p)) = (worker, p) {
                let (lw, text, lp) = last.get_or_insert_with(|| (w, String::new(), p));
                (*lw, *lp) = (w, p);
                text.clear();
                text.push_str(pc.text);
            }
            p
        });
        let item = item_of(ctx, &ic, cfg);
        let n = match cc.text.as_bytes() {
            [] => Some(1),
            [d @ b'0'..=b'9'] => Some(u64::from(d - b'0')),
            _ => ctx.whole(&cc),
        };
        if let (Some(w), Some(p), Some(i), Some(n)) = (worker, period, item, n)
            && !cells[w].add(p * n_items + i, n, len)
        {
            ctx.error(&cc, crate::msg!("error-counts-overflow", max = u64::MAX));
        }
    }
}

/// The period of a cell, checked: a period of the component's length, in the assessment year,
/// and (given the worker) counted for them.
fn period_of(ctx: &mut Ctx, cell: &Cell, setup: &Setup, worker: Option<&Worker>) -> Option<usize> {
    let cfg = setup.cfg;
    let (year, kind, index) = match parse_period(cell.text) {
        Ok(p) => p,
        Err(why) => {
            ctx.error(
                cell,
                crate::msg!("error-not-a-period", value = cell.text, why = why),
            );
            return None;
        }
    };
    if kind != cfg.period {
        let example = cfg.period.label(setup.year, 0);
        ctx.error(
            cell,
            crate::msg!(
                "error-period-kind",
                value = cell.text,
                kind = noun(kind),
                scored_by = noun(cfg.period),
                example = example
            ),
        );
        return None;
    }
    if year != setup.year {
        ctx.error(
            cell,
            crate::msg!("error-period-year", value = cell.text, year = setup.year),
        );
        return None;
    }
    if let Some(w) = worker
        && let Err(why) = counted(kind, year, index, w)
    {
        let label = kind.label(year, index);
        let msg = match why {
            NotCounted::Started(d) => crate::msg!(
                "error-period-before-start",
                worker = w.id,
                date = d,
                period = label
            ),
            NotCounted::Left(d) => {
                crate::msg!(
                    "error-period-after-end",
                    worker = w.id,
                    date = d,
                    period = label
                )
            }
        };
        ctx.error(cell, msg);
        return None;
    }
    Some(index)
}

/// A period's length in words: month, quarter, half year, year.
fn noun(kind: PeriodKind) -> crate::i18n::Message {
    match kind {
        PeriodKind::Month => crate::msg!("what-period-month"),
        PeriodKind::Quarter => crate::msg!("what-period-quarter"),
        PeriodKind::Half => crate::msg!("what-period-half"),
        PeriodKind::Year => crate::msg!("what-period-year"),
    }
}

/// The item of a cell, by id or by name.
fn item_of(ctx: &mut Ctx, cell: &Cell, cfg: &Scorecard) -> Option<usize> {
    let t = cell.text;
    if let Some(i) = cfg.items.iter().position(|it| it.id == t) {
        return Some(i);
    }
    if let Some(i) = cfg.items.iter().position(|it| it.name == t) {
        return Some(i);
    }
    let list = cfg
        .items
        .iter()
        .map(|it| crate::msg!("what-item-with-name", id = it.id, name = it.name));
    ctx.error(
        cell,
        crate::msg!(
            "error-unknown-scorecard-item",
            value = t,
            allowed = crate::i18n::List::messages(list)
        ),
    );
    None
}

/// One item of one period.
#[derive(Debug, Clone, Serialize)]
pub struct ItemLine {
    /// The item's id.
    pub item: String,
    /// The item's name.
    pub name: String,
    /// Points per occurrence.
    #[serde(serialize_with = "crate::num::ser_number")]
    pub points: Decimal,
    /// Occurrences in the period (rows added up).
    pub count: u64,
    /// points × count, exactly.
    #[serde(serialize_with = "crate::num::ser_q")]
    pub raw: Q,
    /// What it adds (negative: takes away), after the item's limit.
    #[serde(serialize_with = "crate::num::ser_q")]
    pub amount: Q,
    /// The item's limit, when it cut `raw`.
    #[serde(serialize_with = "crate::num::ser_opt_number")]
    pub limited_to: Option<Decimal>,
}

/// One period of the year.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodLine {
    /// As written in a file: `2024-03`.
    pub period: String,
    /// Why the period is not counted for the worker; `None` when it is.
    pub not_counted: Option<NotCounted>,
    /// Every item with occurrences, in rubric order.
    pub items: Vec<ItemLine>,
    /// base + the items' amounts, before the floor and the ceiling.
    #[serde(serialize_with = "crate::num::ser_q")]
    pub sum: Q,
    /// The period's score (the sum held between the floor and the ceiling); `None` when not
    /// counted.
    #[serde(serialize_with = "ser_opt_q")]
    pub score: Option<Q>,
}

fn ser_opt_q<S: serde::Serializer>(v: &Option<Q>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => crate::num::ser_q(v, s),
        None => s.serialize_none(),
    }
}

/// The figures behind a scorecard score.
#[derive(Debug, Clone, Serialize)]
pub struct ScorecardDetail {
    /// The period's length.
    pub period: PeriodKind,
    /// Where each period starts.
    #[serde(serialize_with = "crate::num::ser_number")]
    pub base: Decimal,
    /// The lowest a period scores.
    #[serde(serialize_with = "crate::num::ser_number")]
    pub floor: Decimal,
    /// The highest a period scores, when set.
    #[serde(serialize_with = "crate::num::ser_opt_number")]
    pub ceiling: Option<Decimal>,
    /// The rubric's minimum of counted periods.
    pub min_periods: usize,
    /// The worker's first day of service, when given.
    pub start: Option<Date>,
    /// The worker's last day of service, when given.
    pub end: Option<Date>,
    /// Every period of the year (only with the full detail; empty otherwise).
    pub periods: Vec<PeriodLine>,
    /// Periods counted.
    pub counted: usize,
    /// Item-periods that an item's limit cut.
    pub limited: usize,
    /// Counted periods raised to the floor.
    pub floored: usize,
    /// Counted periods lowered to the ceiling.
    pub capped: usize,
    /// The sum of the counted periods' scores (only with the full detail; 0 otherwise).
    #[serde(serialize_with = "crate::num::ser_q")]
    pub sum: Q,
}

impl ScorecardDetail {
    /// The detail of `worker` under `cfg` before any period is counted.
    fn empty(cfg: &Scorecard, worker: &Worker) -> ScorecardDetail {
        ScorecardDetail {
            period: cfg.period,
            base: cfg.base,
            floor: cfg.floor,
            ceiling: cfg.ceiling,
            min_periods: cfg.min_periods,
            start: worker.start,
            end: worker.end,
            periods: Vec::new(),
            counted: 0,
            limited: 0,
            floored: 0,
            capped: 0,
            sum: crate::num::qi(0),
        }
    }
}

/// The exact score (or why it is missing) and its details; without `full`, the detail's list
/// of periods is left empty.
fn score_at(
    cells: &Cells,
    cfg: &Scorecard,
    year: i32,
    worker: &Worker,
    full: bool,
) -> (Result<Exact, Missing>, ScorecardDetail) {
    let n_items = cfg.items.len();
    let base = Exact::dec(cfg.base);
    let floor = Exact::dec(cfg.floor);
    let ceiling = cfg.ceiling.map(Exact::dec);
    let mut d = ScorecardDetail::empty(cfg, worker);
    let mut total = Exact::int(0);
    for p in 0..cfg.period.per_year() {
        let served = counted(cfg.period, year, p, worker);
        let mut sum = base.clone();
        let mut lines = Vec::new();
        for (i, item) in cfg.items.iter().enumerate() {
            let c = cells.get(p * n_items + i);
            if c == 0 {
                continue;
            }
            let raw = Exact::dec(item.points).mul(&count(c));
            let mut amount = raw.clone();
            let mut limited_to = None;
            if let Some(l) = item.limit {
                let top = Exact::dec(l);
                if amount.cmp(&top).is_gt() {
                    amount = top;
                    limited_to = Some(l);
                } else if amount.cmp(&top.neg()).is_lt() {
                    amount = top.neg();
                    limited_to = Some(l);
                }
            }
            if limited_to.is_some() && served.is_ok() {
                d.limited += 1;
            }
            sum = sum.add(&amount);
            if full {
                lines.push(ItemLine {
                    item: item.id.clone(),
                    name: item.name.clone(),
                    points: item.points,
                    count: c,
                    raw: raw.into_q(),
                    amount: amount.into_q(),
                    limited_to,
                });
            }
        }
        let mut score = sum.clone();
        if score.cmp(&floor).is_lt() {
            score = floor.clone();
            if served.is_ok() {
                d.floored += 1;
            }
        }
        if let Some(top) = &ceiling
            && score.cmp(top).is_gt()
        {
            score = top.clone();
            if served.is_ok() {
                d.capped += 1;
            }
        }
        if served.is_ok() {
            d.counted += 1;
            total = total.add(&score);
        }
        if full {
            d.periods.push(PeriodLine {
                period: cfg.period.label(year, p),
                not_counted: served.err(),
                items: lines,
                sum: sum.into_q(),
                score: served.is_ok().then(|| score.into_q()),
            });
        }
    }
    if full {
        d.sum = total.clone().into_q();
    }
    if d.counted < cfg.min_periods || d.counted == 0 {
        return (
            Err(Missing::TooFewPeriods {
                counted: d.counted,
                periods: cfg.period.per_year(),
                min: cfg.min_periods,
                period: cfg.period,
            }),
            d,
        );
    }
    (Ok(total.div(&count(d.counted as u64))), d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::round2;
    use crate::rubric::ScoreItem;

    fn item(id: &str, points: i64, limit: Option<i64>) -> ScoreItem {
        ScoreItem {
            id: id.into(),
            name: format!("{id} 名"),
            points: Decimal::from(points),
            limit: limit.map(Decimal::from),
        }
    }

    fn grid() -> Scorecard {
        Scorecard {
            period: PeriodKind::Month,
            base: Decimal::ONE_HUNDRED,
            floor: Decimal::ZERO,
            ceiling: Some(Decimal::ONE_HUNDRED),
            min_periods: 6,
            items: vec![
                item("collect_error", -1, Some(10)),
                item("patrol_missed", -2, Some(20)),
                item("event_unreported", -5, Some(30)),
            ],
        }
    }

    fn worker(start: Option<&str>, end: Option<&str>) -> Worker {
        Worker {
            id: "W07".into(),
            name: "网格员".into(),
            unit: None,
            role: None,
            electorate: None,
            start: start.map(|s| Date::parse(s).unwrap()),
            end: end.map(|s| Date::parse(s).unwrap()),
        }
    }

    /// Cells with `(period, item, count)` entries.
    fn cells(cfg: &Scorecard, entries: &[(usize, usize, u64)]) -> Cells {
        let len = cfg.period.per_year() * cfg.items.len();
        let mut c = Cells::Empty;
        for &(p, i, n) in entries {
            assert!(c.add(p * cfg.items.len() + i, n, len));
        }
        c
    }

    fn score(cfg: &Scorecard, c: &Cells, w: &Worker) -> Result<String, String> {
        score_at(c, cfg, 2024, w, true)
            .0
            .map(|e| round2(&e.into_q()).to_string())
            .map_err(|m| m.to_string())
    }

    #[test]
    fn periods_are_read_in_every_spelling_and_refused_with_a_reason() {
        let ok = |t: &str| parse_period(t).unwrap();
        assert_eq!(ok("2024-03"), (2024, PeriodKind::Month, 2));
        assert_eq!(ok("2024-Q1"), (2024, PeriodKind::Quarter, 0));
        assert_eq!(ok("2024Q4"), (2024, PeriodKind::Quarter, 3));
        assert_eq!(ok("2024-h2"), (2024, PeriodKind::Half, 1));
        assert_eq!(ok("2024H1"), (2024, PeriodKind::Half, 0));
        assert_eq!(ok("2024"), (2024, PeriodKind::Year, 0));
        let why = |t: &str| parse_period(t).unwrap_err().text(crate::i18n::Lang::En);
        for bad in [
            "2024-3", "2024/03", "24-03", "2024-Q", "2024-X1", "", "2024-",
        ] {
            assert!(why(bad).starts_with("is not a period: write"), "{bad}");
        }
        assert_eq!(
            why("2024-13"),
            "is not a period: there is no month 13 (a year has 12)"
        );
        assert_eq!(
            why("2024-Q5"),
            "is not a period: there is no quarter 5 (a year has 4)"
        );
    }

    #[test]
    fn a_period_counts_when_served_from_its_first_day_to_its_last() {
        let q = PeriodKind::Quarter;
        let m = PeriodKind::Month;
        let w = worker(Some("2024-03-15"), Some("2024-09-30"));
        assert_eq!(
            counted(m, 2024, 2, &w),
            Err(NotCounted::Started(Date::parse("2024-03-15").unwrap()))
        );
        assert_eq!(counted(m, 2024, 3, &w), Ok(()));
        assert_eq!(counted(m, 2024, 8, &w), Ok(()));
        assert!(counted(m, 2024, 9, &w).is_err());
        assert!(counted(q, 2024, 0, &w).is_err());
        assert_eq!(counted(q, 2024, 2, &w), Ok(()));
        // Started on the first day, left on the last: counted.
        let w = worker(Some("2024-04-01"), Some("2024-06-30"));
        assert_eq!(counted(q, 2024, 1, &w), Ok(()));
        let w = worker(None, Some("2024-12-30"));
        assert!(counted(PeriodKind::Year, 2024, 0, &w).is_err());
        assert_eq!(
            counted(PeriodKind::Year, 2024, 0, &worker(None, None)),
            Ok(())
        );
    }

    #[test]
    fn items_are_cut_to_their_limit_and_periods_to_floor_and_ceiling() {
        let cfg = grid();
        let w = worker(None, None);
        // Month 1: 2 collect errors and 1 unreported event: 100 − 2 − 5 = 93. Month 2: 7
        // unreported events, −35 cut to −30: 70. Month 3: 11 collect errors (−11 → −10), 10
        // missed patrols (−20, exactly the limit), 6 events (−30): 100 − 60 = 40. Other
        // months 100. Mean (93 + 70 + 40 + 9 × 100) / 12 = 1103 / 12 = 91.9166… → 91.92.
        let c = cells(
            &cfg,
            &[
                (0, 0, 2),
                (0, 2, 1),
                (1, 2, 7),
                (2, 0, 11),
                (2, 1, 10),
                (2, 2, 6),
            ],
        );
        assert_eq!(score(&cfg, &c, &w).unwrap(), "91.92");
        let (_, d) = score_at(&c, &cfg, 2024, &w, true);
        assert_eq!(d.limited, 2);
        assert_eq!(d.periods[2].items[1].limited_to, None);
        assert_eq!(d.periods[1].items[0].limited_to, Some(Decimal::from(30)));
        // A floor: without limits 100 − 5 × 30 = −50 → 0.
        let mut open = grid();
        open.items[2].limit = None;
        let c = cells(&open, &[(0, 2, 30)]);
        let (_, d) = score_at(&c, &open, 2024, &w, true);
        assert_eq!(d.floored, 1);
        assert_eq!(d.periods[0].score, Some(crate::num::qi(0)));
        // A ceiling: a bonus over it.
        let mut bonus = grid();
        bonus.items[0].points = Decimal::from(3);
        bonus.base = Decimal::from(95);
        let c = cells(&bonus, &[(0, 0, 3)]);
        let (_, d) = score_at(&c, &bonus, 2024, &w, true);
        assert_eq!((d.capped, d.periods[0].sum.to_string()), (1, "104".into()));
    }

    #[test]
    fn fewer_counted_periods_than_the_minimum_are_missing() {
        let cfg = grid();
        let w = worker(Some("2024-07-02"), None);
        let got = score_at(&Cells::Empty, &cfg, 2024, &w, false)
            .0
            .unwrap_err();
        assert_eq!(
            got.text(crate::i18n::Lang::En),
            "5 of 12 months counted; at least 6 needed"
        );
        assert_eq!(
            got.text(crate::i18n::Lang::Zh),
            "全年 12 个月中计分 5 个，至少需要 6 个"
        );
        let mut one = grid();
        one.period = PeriodKind::Year;
        one.min_periods = 1;
        let got = score_at(&Cells::Empty, &one, 2024, &w, false)
            .0
            .unwrap_err();
        assert_eq!(
            got.text(crate::i18n::Lang::En),
            "0 of 1 year counted; at least 1 needed"
        );
        let w = worker(Some("2024-07-01"), None);
        assert_eq!(score(&cfg, &Cells::Empty, &w).unwrap(), "100.00");
    }

    #[test]
    fn integers_and_exact_rationals_give_the_same_scores() {
        // Decimal settings (a half-point base and points), limits cut or not, the floor, the
        // ceiling, service, too few periods: the integer path and the exact one agree.
        let mut cfg = grid();
        cfg.base = "99.5".parse().unwrap();
        cfg.floor = "12.25".parse().unwrap();
        cfg.ceiling = Some("99.75".parse().unwrap());
        cfg.min_periods = 3;
        cfg.items[0].points = "-0.5".parse().unwrap();
        cfg.items[1].points = "0.75".parse().unwrap();
        cfg.items[1].limit = Some("2.5".parse().unwrap());
        cfg.items[2].limit = None;
        let fixed = Fixed::of(&cfg).unwrap();
        assert_eq!(fixed.unit, 100);
        let mut seed = 7u64;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        for round in 0..300 {
            let entries: Vec<(usize, usize, u64)> = (0..next(20))
                .map(|_| (next(12) as usize, next(3) as usize, next(30)))
                .collect();
            let c = cells(&cfg, &entries);
            let start = format!("2024-{:02}-{:02}", 1 + next(12), 1 + next(2));
            let w = if round % 3 == 0 {
                worker(Some(&start), None)
            } else {
                worker(None, None)
            };
            let (a, da) = fixed.score(&c, &cfg, 2024, &w).unwrap();
            let (b, db) = score_at(&c, &cfg, 2024, &w, false);
            let show = |r: Result<Exact, Missing>| {
                r.map(|e| e.into_q().to_string()).map_err(|m| m.to_string())
            };
            assert_eq!(show(a), show(b), "{entries:?} {start}");
            assert_eq!(
                (da.counted, da.limited, da.floored, da.capped),
                (db.counted, db.limited, db.floored, db.capped)
            );
        }
    }

    #[test]
    fn counters_move_to_64_bits_when_a_sum_needs_them() {
        let mut c = Cells::Empty;
        assert!(c.add(1, u64::from(u32::MAX), 4));
        assert!(matches!(c, Cells::Small(_)));
        assert!(c.add(1, 1, 4));
        assert!(matches!(c, Cells::Big(_)));
        assert_eq!(c.get(1), u64::from(u32::MAX) + 1);
        assert!(!c.add(1, u64::MAX, 4));
        assert_eq!((c.get(0), c.get(9)), (0, 0));
    }
}
