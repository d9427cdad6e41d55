//! 电话抽查: calls to residents; only answered, rated calls count.

use serde::Serialize;

use std::sync::Arc;

use super::{Counts, Detail, Facts, Kind, Missing, Share, Tallies, Tally, tallies};
use crate::input::Worker;
use crate::input::cells::{Ctx, KeySpec, Prints};
use crate::input::table::{Columns, RowSource, Table};
use crate::num::{Exact, count, dot};
use crate::rubric::Phone;

/// The phone file's columns.
pub const COLUMNS: Columns = Columns {
    required: &["worker_id", "call_id", "outcome"],
    optional: &["date", "concern", "category"],
};

/// The phone method, as the loader sees it.
pub(crate) struct PhoneKind;

impl Kind for PhoneKind {
    type Config = Phone;
    const COLUMNS: Columns = COLUMNS;
    const KEY: KeySpec = KeySpec {
        parts: &["call_id"],
        at: "call_id",
        what: || crate::msg!("what-dup-call"),
    };

    fn load<S: RowSource>(
        table: &mut Table<S>,
        cfg: &Phone,
        workers: usize,
        ctx: &mut Ctx,
    ) -> (Arc<dyn Tallies>, Option<Vec<u64>>) {
        let mut accs = vec![Acc::default(); workers];
        let suspects = load(table, cfg, &mut accs, ctx);
        let t = PhoneTallies {
            cfg: cfg.clone(),
            accs,
        };
        (Arc::new(t), suspects)
    }
}

/// Every worker's tallies of the file.
#[derive(Debug)]
struct PhoneTallies {
    cfg: Phone,
    accs: Vec<Acc>,
}

impl Tallies for PhoneTallies {
    fn score(&self, w: usize, _: &Worker) -> Result<Exact, Missing> {
        score_at(&self.accs[w], &self.cfg, false).0
    }

    fn facts(&self, w: usize, _: &Worker) -> Facts {
        let (_, d) = score_at(&self.accs[w], &self.cfg, false);
        Facts::Phone {
            calls: d.calls,
            counted: d.counted,
            satisfied: d.satisfied,
        }
    }

    fn detail(&self, w: usize, _: &Worker) -> Detail {
        Detail::Phone(score_at(&self.accs[w], &self.cfg, true).1)
    }
}

/// A worker's calls: counts per outcome (options, then not-counted outcomes).
#[derive(Debug, Clone, Default)]
struct Acc {
    counts: Counts,
}

/// The figures behind a phone score.
#[derive(Debug, Clone, Serialize)]
pub struct PhoneDetail {
    /// Calls made.
    pub calls: u64,
    /// Calls that count (an option was given).
    pub counted: u64,
    /// Count per option.
    pub options: Vec<Tally>,
    /// Count per outcome that does not count.
    pub not_counted: Vec<Tally>,
    /// Share of satisfied answers among counted calls, with its 95% Wilson interval.
    pub satisfied: Option<Share>,
    /// The rubric's minimum of counted calls.
    pub min_counted: usize,
}

/// Reads the file's rows into `accs`; returns the duplicate-key suspects (see
/// [`Prints::finish`]).
fn load<S: RowSource>(
    table: &mut Table<S>,
    cfg: &Phone,
    accs: &mut [Acc],
    ctx: &mut Ctx,
) -> Option<Vec<u64>> {
    let mut keys = Prints::default();
    let key = &PhoneKind::KEY;
    let labels = || {
        cfg.options
            .iter()
            .map(|o| o.label.as_str())
            .chain(cfg.not_counted.iter().map(String::as_str))
    };
    let col_worker_id = table.column("worker_id");
    let col_outcome = table.column("outcome");
    let col_date = table.column("date");
    while let Some(good) = table.advance(ctx.sink) {
        if !good {
            continue;
        }
        let wc = table.at(col_worker_id);
        let oc = table.at(col_outcome);
        ctx.date(&table.at(col_date));
        let worker = ctx.worker(&wc);
        let outcome = ctx.label(&oc, labels(), crate::msg!("what-outcome"));
        if let Some(w) = worker {
            keys.insert(w, table, key);
            if let Some(o) = outcome {
                let acc = &mut accs[w];
                acc.counts.add(o);
            }
        }
    }
    keys.finish()
}

/// The exact score (or why it is missing) and its details.
#[cfg(test)]
fn score(acc: &Acc, cfg: &Phone) -> (Result<crate::num::Q, Missing>, PhoneDetail) {
    let (r, d) = score_at(acc, cfg, true);
    (r.map(Exact::into_q), d)
}

/// The exact score (or why it is missing) and its details; without `full`, the detail's
/// tallies are left empty (only the facts are wanted then).
fn score_at(acc: &Acc, cfg: &Phone, full: bool) -> (Result<Exact, Missing>, PhoneDetail) {
    let k = cfg.options.len();
    let counts = acc.counts.first(k + cfg.not_counted.len());
    let counted: u64 = counts[..k].iter().sum();
    let hits: u64 = cfg
        .options
        .iter()
        .zip(&counts)
        .filter(|(o, _)| cfg.satisfied.contains(&o.label))
        .map(|(_, c)| c)
        .sum();
    let detail = PhoneDetail {
        calls: counts.iter().sum(),
        counted,
        options: if full {
            tallies(cfg.options.iter().map(|o| o.label.as_str()), &counts[..k])
        } else {
            vec![]
        },
        not_counted: if full {
            tallies(cfg.not_counted.iter().map(String::as_str), &counts[k..])
        } else {
            vec![]
        },
        satisfied: Share::wilson(hits, counted),
        min_counted: cfg.min_counted,
    };
    if (counted as usize) < cfg.min_counted || counted == 0 {
        return (
            Err(Missing::TooFewCalls {
                counted,
                calls: detail.calls,
                min: cfg.min_counted,
            }),
            detail,
        );
    }
    let sum = dot(cfg.options.iter().zip(&counts).map(|(o, c)| (o.value, *c)));
    (Ok(sum.div(&count(counted))), detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::round2;
    use crate::rubric::LabelValue;
    use rust_decimal::Decimal;

    fn cfg() -> Phone {
        Phone {
            options: [("满意", 100), ("基本满意", 60), ("不满意", 0)]
                .iter()
                .map(|(l, v)| LabelValue {
                    label: (*l).into(),
                    value: Decimal::from(*v),
                })
                .collect(),
            not_counted: vec!["未接通".into(), "拒访".into(), "不清楚".into()],
            min_counted: 5,
            satisfied: vec!["满意".into()],
        }
    }

    #[test]
    fn unreachable_calls_never_count_as_unsatisfied() {
        // 3 满意, 1 基本满意, 1 不满意, 4 未接通: (300 + 60 + 0) / 5 = 72.
        let (s, d) = score(
            &Acc {
                counts: Counts::of(&[3, 1, 1, 4, 0, 0]),
            },
            &cfg(),
        );
        assert_eq!(round2(&s.unwrap()).to_string(), "72.00");
        assert_eq!((d.calls, d.counted), (9, 5));
        let share = d.satisfied.unwrap();
        assert_eq!((share.hits, share.n), (3, 5));
    }

    #[test]
    fn four_counted_calls_are_missing() {
        let (s, _) = score(
            &Acc {
                counts: Counts::of(&[4, 0, 0, 3, 1, 1]),
            },
            &cfg(),
        );
        assert_eq!(
            s.unwrap_err().text(crate::i18n::Lang::En),
            "4 counted call(s) of 9; at least 5 needed"
        );
    }
}
