//! 入户走访: households are asked whether the worker visited and how satisfied they are.

use serde::Serialize;

use std::sync::Arc;

use super::{Counts, Detail, Facts, Kind, Missing, Share, Tallies, Tally, tallies};
use crate::input::Worker;
use crate::input::cells::{Ctx, KeySpec, Prints};
use crate::input::table::{Columns, RowSource, Table};
use crate::num::{Exact, count, dot};
use crate::rubric::Visit;

/// The visit file's columns.
pub const COLUMNS: Columns = Columns {
    required: &["worker_id", "household_id"],
    optional: &["visited", "satisfaction", "date", "concern", "category"],
};

/// The visit method, as the loader sees it.
pub(crate) struct VisitKind;

impl Kind for VisitKind {
    type Config = Visit;
    const COLUMNS: Columns = COLUMNS;
    const KEY: KeySpec = KeySpec {
        parts: &["household_id"],
        at: "household_id",
        what: || crate::msg!("what-dup-household"),
    };

    fn load<S: RowSource>(
        table: &mut Table<S>,
        cfg: &Visit,
        workers: usize,
        ctx: &mut Ctx,
    ) -> (Arc<dyn Tallies>, Option<Vec<u64>>) {
        let mut accs = vec![Acc::default(); workers];
        let suspects = load(table, cfg, &mut accs, ctx);
        let t = VisitTallies {
            cfg: cfg.clone(),
            accs,
        };
        (Arc::new(t), suspects)
    }
}

/// Every worker's tallies of the file.
#[derive(Debug)]
struct VisitTallies {
    cfg: Visit,
    accs: Vec<Acc>,
}

impl Tallies for VisitTallies {
    fn score(&self, w: usize, _: &Worker) -> Result<Exact, Missing> {
        score_at(&self.accs[w], &self.cfg, false).0
    }

    fn facts(&self, w: usize, _: &Worker) -> Facts {
        let (_, d) = score_at(&self.accs[w], &self.cfg, false);
        Facts::Visit {
            households: d.households,
            answered: d.yes + d.no,
            rated: d.rated,
            satisfied: d.satisfied,
        }
    }

    fn detail(&self, w: usize, _: &Worker) -> Detail {
        Detail::Visit(score_at(&self.accs[w], &self.cfg, true).1)
    }
}

/// A worker's household answers: counters of rows, of 是 and of 否, then one per
/// satisfaction label (held in place for up to four labels).
#[derive(Debug, Clone, Default)]
struct Acc {
    counts: Counts,
}

const ROWS: usize = 0;
const YES: usize = 1;
const NO: usize = 2;
const SATISFACTION: usize = 3;

/// The figures behind a visit score.
#[derive(Debug, Clone, Serialize)]
pub struct VisitDetail {
    /// Households asked (rows).
    pub households: u64,
    /// Answered yes, visited.
    pub yes: u64,
    /// Answered no, not visited.
    pub no: u64,
    /// Count per satisfaction label.
    pub satisfaction: Vec<Tally>,
    /// Rows with a satisfaction.
    pub rated: u64,
    /// Coverage c = 100 × yes / (yes + no), rounded to 4 decimals for display.
    #[serde(serialize_with = "crate::num::ser_opt_number")]
    pub coverage: Option<rust_decimal::Decimal>,
    /// Mean satisfaction s, rounded to 4 decimals for display.
    #[serde(serialize_with = "crate::num::ser_opt_number")]
    pub mean_satisfaction: Option<rust_decimal::Decimal>,
    /// Satisfied share among rated households, with its 95% Wilson interval.
    pub satisfied: Option<Share>,
}

/// Reads the `visited` cell: `Some(Some(true))` yes, `Some(None)` not asked, `None` invalid.
pub fn parse_visited(text: &str) -> Option<Option<bool>> {
    match text.to_lowercase().as_str() {
        "" => Some(None),
        "是" | "yes" | "true" | "1" => Some(Some(true)),
        "否" | "no" | "false" | "0" => Some(Some(false)),
        _ => None,
    }
}

/// Reads the file's rows into `accs`; returns the duplicate-key suspects (see
/// [`Prints::finish`]).
fn load<S: RowSource>(
    table: &mut Table<S>,
    cfg: &Visit,
    accs: &mut [Acc],
    ctx: &mut Ctx,
) -> Option<Vec<u64>> {
    let mut keys = Prints::default();
    let key = &VisitKind::KEY;
    let col_worker_id = table.column("worker_id");
    let col_household_id = table.column("household_id");
    let col_visited = table.column("visited");
    let col_satisfaction = table.column("satisfaction");
    let col_date = table.column("date");
    let col_concern = table.column("concern");
    while let Some(good) = table.advance(ctx.sink) {
        if !good {
            continue;
        }
        let wc = table.at(col_worker_id);
        let hc = table.at(col_household_id);
        let vc = table.at(col_visited);
        let sc = table.at(col_satisfaction);
        ctx.date(&table.at(col_date));
        let worker = ctx.worker(&wc);
        let visited = parse_visited(vc.text);
        if visited.is_none() {
            ctx.error(&vc, crate::msg!("error-not-visited", value = vc.text));
        }
        let sat = if sc.is_empty() {
            Some(None)
        } else {
            ctx.label(
                &sc,
                cfg.options.iter().map(|o| o.label.as_str()),
                crate::msg!("what-satisfaction"),
            )
            .map(Some)
        };
        if let (Some(None), Some(None)) = (visited, sat)
            && table.at(col_concern).is_empty()
        {
            ctx.warn(&hc, crate::msg!("warning-visit-answers-nothing"));
        }
        let Some(w) = worker else { continue };
        keys.insert(w, table, key);
        if let (Some(v), Some(s)) = (visited, sat) {
            let counts = &mut accs[w].counts;
            counts.add(ROWS);
            match v {
                Some(true) => counts.add(YES),
                Some(false) => counts.add(NO),
                None => {}
            }
            if let Some(s) = s {
                counts.add(SATISFACTION + s);
            }
        }
    }
    keys.finish()
}

/// The exact score (or why it is missing) and its details.
#[cfg(test)]
fn score(acc: &Acc, cfg: &Visit) -> (Result<crate::num::Q, Missing>, VisitDetail) {
    let (r, d) = score_at(acc, cfg, true);
    (r.map(Exact::into_q), d)
}

/// The exact score (or why it is missing) and its details; without `full`, the detail's
/// tallies and display values are left empty (only the facts are wanted then).
fn score_at(acc: &Acc, cfg: &Visit, full: bool) -> (Result<Exact, Missing>, VisitDetail) {
    let sat: Vec<u64> = (0..cfg.options.len())
        .map(|s| acc.counts.get(SATISFACTION + s))
        .collect();
    let (yes, no) = (acc.counts.get(YES), acc.counts.get(NO));
    let rated: u64 = sat.iter().sum();
    let answered = yes + no;
    let hits: u64 = cfg
        .options
        .iter()
        .zip(&sat)
        .filter(|(o, _)| cfg.satisfied.contains(&o.label))
        .map(|(_, c)| c)
        .sum();
    let coverage = (answered > 0).then(|| Exact::int(100).mul(&count(yes)).div(&count(answered)));
    let mean = (rated > 0)
        .then(|| dot(cfg.options.iter().zip(&sat).map(|(o, c)| (o.value, *c))).div(&count(rated)));
    let r4 =
        |v: &Exact| crate::num::round(&v.clone().into_q(), 4, crate::num::RoundingMode::HalfUp);
    let detail = VisitDetail {
        households: acc.counts.get(ROWS),
        yes,
        no,
        satisfaction: if full {
            tallies(cfg.options.iter().map(|o| o.label.as_str()), &sat)
        } else {
            vec![]
        },
        rated,
        coverage: coverage.as_ref().filter(|_| full).map(r4),
        mean_satisfaction: mean.as_ref().filter(|_| full).map(r4),
        satisfied: Share::wilson(hits, rated),
    };
    if (answered as usize) < cfg.min_answered || (rated as usize) < cfg.min_rated {
        return (
            Err(Missing::TooFewVisits {
                answered,
                rated,
                min_answered: cfg.min_answered,
                min_rated: cfg.min_rated,
            }),
            detail,
        );
    }
    let (Some(c), Some(s)) = (coverage, mean) else {
        return (Err(Missing::NoAnswers), detail);
    };
    (
        Ok(Exact::dec(cfg.coverage_weight)
            .mul(&c)
            .add(&Exact::dec(cfg.satisfaction_weight).mul(&s))),
        detail,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::round2;
    use crate::rubric::LabelValue;
    use rust_decimal::Decimal;

    fn cfg() -> Visit {
        Visit {
            options: [("满意", 100), ("基本满意", 60), ("不满意", 0)]
                .iter()
                .map(|(l, v)| LabelValue {
                    label: (*l).into(),
                    value: Decimal::from(*v),
                })
                .collect(),
            coverage_weight: Decimal::new(5, 1),
            satisfaction_weight: Decimal::new(5, 1),
            min_answered: 3,
            min_rated: 3,
            satisfied: vec!["满意".into()],
        }
    }

    #[test]
    fn half_coverage_half_satisfaction() {
        // 2 yes, 1 no → c = 200/3; satisfaction 满意, 满意, 基本满意 → s = 260/3.
        // Score = (200/3 + 260/3) / 2 = 230/3 = 76.666… → 76.67.
        let a = Acc {
            counts: Counts::of(&[4, 2, 1, 2, 1, 0]),
        };
        let (s, d) = score(&a, &cfg());
        assert_eq!(round2(&s.unwrap()).to_string(), "76.67");
        assert_eq!(d.coverage.unwrap().to_string(), "66.6667");
    }

    #[test]
    fn fewer_than_three_answers_is_missing() {
        let a = Acc {
            counts: Counts::of(&[5, 2, 0, 5, 0, 0]),
        };
        assert!(score(&a, &cfg()).0.is_err());
        assert_eq!(parse_visited("YES"), Some(Some(true)));
        assert_eq!(parse_visited("否"), Some(Some(false)));
        assert_eq!(parse_visited(""), Some(None));
        assert_eq!(parse_visited("maybe"), None);
    }
}
