//! 业务测试: one test result per worker, scaled to the component's scale.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::input::cells::{Ctx, KeySpec, Prints};
use crate::input::table::{Columns, RowSource, Table};
use crate::num::{Exact, Q};
use crate::rubric::Test;

/// The test file's columns.
pub const COLUMNS: Columns = Columns {
    required: &["worker_id", "score"],
    optional: &["max"],
};

/// A row's key beside worker_id; a second row with the same key is an error.
pub(crate) const KEY: KeySpec = KeySpec {
    parts: &[],
    at: "worker_id",
    what: "test result (one row per worker_id)",
};

/// A worker's test result.
#[derive(Debug, Clone, Default)]
pub struct Acc {
    result: Option<(Decimal, Decimal)>,
}

/// The figures behind a test score.
#[derive(Debug, Clone, Serialize)]
pub struct TestDetail {
    /// Marks obtained, when there is a row.
    pub marks: Option<Decimal>,
    /// Full mark of the paper.
    pub max: Option<Decimal>,
    /// The rubric's pass mark on the component scale.
    pub pass_mark: Option<Decimal>,
    /// Whether the scaled score is below the pass mark.
    pub failed: bool,
}

/// Reads the file's rows into `accs`; returns the duplicate-key suspects (see
/// [`Prints::finish`]).
pub(crate) fn load<S: RowSource>(
    table: &mut Table<S>,
    cfg: &Test,
    accs: &mut [Acc],
    ctx: &mut Ctx,
) -> Option<Vec<u64>> {
    let mut keys = Prints::default();
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
                ctx.error(&mc, "max must be greater than 0");
                None
            } else {
                m
            }
        } else {
            Some(cfg.full_mark)
        };
        let score = ctx.number(&sc, Some(Decimal::ZERO), max);
        if let Some(w) = worker {
            keys.insert(w, table, &KEY);
            if let (Some(s), Some(m)) = (score, max) {
                accs[w].result = Some((s, m));
            }
        }
    }
    keys.finish()
}

/// The exact score (or why it is missing) and its details.
pub fn score(acc: &Acc, cfg: &Test) -> (Result<Q, String>, TestDetail) {
    let (r, d) = score_at(acc, cfg);
    (r.map(Exact::into_q), d)
}

/// As [`score`], exactly in machine integers while they suffice.
pub(crate) fn score_at(acc: &Acc, cfg: &Test) -> (Result<Exact, String>, TestDetail) {
    let mut detail = TestDetail {
        marks: None,
        max: None,
        pass_mark: cfg.pass_mark,
        failed: false,
    };
    let Some((marks, max)) = acc.result else {
        return (Err("no test result".into()), detail);
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
            score(&Acc::default(), &cfg()).0.unwrap_err(),
            "no test result"
        );
    }
}
