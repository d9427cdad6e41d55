//! 业务测试: one test result per worker, scaled to the component's scale.

use rust_decimal::Decimal;
use serde::Serialize;

use std::sync::Arc;

use super::{Detail, Facts, Kind, Missing, Tallies};
use crate::input::Worker;
use crate::input::cells::{Ctx, KeySpec, Prints};
use crate::input::table::{Columns, RowSource, Table};
use crate::num::Exact;
use crate::rubric::Test;

/// The test file's columns.
pub const COLUMNS: Columns = Columns {
    required: &["worker_id", "score"],
    optional: &["max"],
};

/// The test method, as the loader sees it.
pub(crate) struct TestKind;

impl Kind for TestKind {
    type Config = Test;
    const COLUMNS: Columns = COLUMNS;
    const KEY: KeySpec = KeySpec {
        parts: &[],
        at: "worker_id",
        what: || crate::msg!("what-dup-test"),
    };

    fn load<S: RowSource>(
        table: &mut Table<S>,
        cfg: &Test,
        workers: usize,
        ctx: &mut Ctx,
    ) -> (Arc<dyn Tallies>, Option<Vec<u64>>) {
        let mut accs = vec![Acc::default(); workers];
        let suspects = load(table, cfg, &mut accs, ctx);
        let t = TestTallies {
            cfg: cfg.clone(),
            accs,
        };
        (Arc::new(t), suspects)
    }
}

/// Every worker's tallies of the file.
#[derive(Debug)]
struct TestTallies {
    cfg: Test,
    accs: Vec<Acc>,
}

impl Tallies for TestTallies {
    fn score(&self, w: usize, _: &Worker) -> Result<Exact, Missing> {
        score_at(&self.accs[w], &self.cfg).0
    }

    fn facts(&self, w: usize, _: &Worker) -> Facts {
        let (_, d) = score_at(&self.accs[w], &self.cfg);
        Facts::Test {
            marks: d.marks,
            max: d.max,
            failed: d.failed,
        }
    }

    fn detail(&self, w: usize, _: &Worker) -> Detail {
        Detail::Test(score_at(&self.accs[w], &self.cfg).1)
    }
}

/// A worker's test result.
#[derive(Debug, Clone, Default)]
struct Acc {
    result: Option<(Decimal, Decimal)>,
}

/// The figures behind a test score.
#[derive(Debug, Clone, Serialize)]
pub struct TestDetail {
    /// Marks obtained, when there is a row.
    #[serde(serialize_with = "crate::num::ser_opt_number")]
    pub marks: Option<Decimal>,
    /// Full mark of the paper.
    #[serde(serialize_with = "crate::num::ser_opt_number")]
    pub max: Option<Decimal>,
    /// The rubric's pass mark on the component scale.
    #[serde(serialize_with = "crate::num::ser_opt_number")]
    pub pass_mark: Option<Decimal>,
    /// Whether the scaled score is below the pass mark.
    pub failed: bool,
}

/// Reads the file's rows into `accs`; returns the duplicate-key suspects (see
/// [`Prints::finish`]).
fn load<S: RowSource>(
    table: &mut Table<S>,
    cfg: &Test,
    accs: &mut [Acc],
    ctx: &mut Ctx,
) -> Option<Vec<u64>> {
    let mut keys = Prints::default();
    let key = &TestKind::KEY;
    let has_max = table.has("max");
    let col_worker_id = table.column("worker_id");
    let col_score = table.column("score");
    let col_max = table.column("max");
    while let Some(good) = table.advance(ctx.sink) {
        if !good {
            continue;
        }
        let wc = table.at(col_worker_id);
        let sc = table.at(col_score);
        let mc = table.at(col_max);
        let worker = ctx.worker(&wc);
        let max = if has_max && !mc.is_empty() {
            let m = ctx.number(&mc, Some(Decimal::ZERO), None);
            if m == Some(Decimal::ZERO) {
                ctx.error(&mc, crate::msg!("error-max-not-positive"));
                None
            } else {
                m
            }
        } else {
            Some(cfg.full_mark)
        };
        let score = ctx.number(&sc, Some(Decimal::ZERO), max);
        if let Some(w) = worker {
            keys.insert(w, table, key);
            if let (Some(s), Some(m)) = (score, max) {
                accs[w].result = Some((s, m));
            }
        }
    }
    keys.finish()
}

/// The exact score (or why it is missing) and its details.
#[cfg(test)]
fn score(acc: &Acc, cfg: &Test) -> (Result<crate::num::Q, Missing>, TestDetail) {
    let (r, d) = score_at(acc, cfg);
    (r.map(Exact::into_q), d)
}

/// The exact score, in machine integers while they suffice, and its details.
fn score_at(acc: &Acc, cfg: &Test) -> (Result<Exact, Missing>, TestDetail) {
    let mut detail = TestDetail {
        marks: None,
        max: None,
        pass_mark: cfg.pass_mark,
        failed: false,
    };
    let Some((marks, max)) = acc.result else {
        return (Err(Missing::NoTestResult), detail);
    };
    let scaled = Exact::dec(cfg.scale)
        .mul(&Exact::dec(marks))
        .div(&Exact::dec(max));
    detail.marks = Some(marks);
    detail.max = Some(max);
    detail.failed = cfg
        .pass_mark
        .is_some_and(|p| scaled.cmp(&Exact::dec(p)).is_lt());
    (Ok(scaled), detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::round2;

    fn cfg() -> Test {
        Test {
            full_mark: Decimal::ONE_HUNDRED,
            scale: Decimal::ONE_HUNDRED,
            pass_mark: Some(Decimal::from(60)),
        }
    }

    fn acc(s: &str, m: &str) -> Acc {
        Acc {
            result: Some((s.parse().unwrap(), m.parse().unwrap())),
        }
    }

    #[test]
    fn scales_to_a_hundred() {
        // 100 × 96 / 120 = 80.
        let (s, d) = score(&acc("96", "120"), &cfg());
        assert_eq!(round2(&s.unwrap()).to_string(), "80.00");
        assert!(!d.failed);
        // 100 × 100 / 150 = 66.666… → 66.67.
        assert_eq!(
            round2(&score(&acc("100", "150"), &cfg()).0.unwrap()).to_string(),
            "66.67"
        );
    }

    #[test]
    fn sixty_passes_and_just_below_fails() {
        assert!(!score(&acc("60", "100"), &cfg()).1.failed);
        assert!(score(&acc("59.99", "100"), &cfg()).1.failed);
        // 100 × 71.99 / 120 = 59.991…: rounds to 59.99 and fails on the exact value.
        assert!(score(&acc("71.99", "120"), &cfg()).1.failed);
        assert_eq!(
            score(&Acc::default(), &cfg())
                .0
                .unwrap_err()
                .text(crate::i18n::Lang::En),
            "no test result"
        );
    }
}
