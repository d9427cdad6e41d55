//! The decisions made over the whole cohort: the quota on a grade and the rank. Each worker's
//! outcome (after vetoes and eligibility) is reduced to a small `Standing`; the quota is
//! decided once over the standings, then the ranks, and each worker's `Settled` result is
//! what the views apply to the outcome.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::input::Worker;
use crate::num::{Q, qi};
use crate::result::{Outcome, QuotaLine, Status};
use crate::rubric::{GradeId, OnTie, OrderKey, QuotaRounding, QuotaScope, Rubric};
use crate::trace::Decision;

/// Places = ratio × N, rounded as the rubric says.
pub fn places(ratio: &Q, n: usize, rounding: QuotaRounding) -> usize {
    let exact = ratio * qi(i64::try_from(n).unwrap_or(i64::MAX));
    let half = Q::new(1.into(), 2.into());
    let v = match rounding {
        QuotaRounding::Floor => exact.floor(),
        QuotaRounding::Ceiling => exact.ceil(),
        QuotaRounding::HalfUp => (exact + half).floor(),
    };
    v.to_integer().try_into().unwrap_or(0)
}

/// A candidate's keys, higher first; a missing score is lowest.
pub(crate) fn keys(o: &Outcome, order: &[OrderKey]) -> Vec<Option<Decimal>> {
    order
        .iter()
        .map(|k| match k {
            OrderKey::Total => o.total,
            OrderKey::Component(id) => o.components.get(id.index())?.score,
        })
        .collect()
}

/// Compares keys, higher first; `None` is lowest.
fn by_keys(a: &[Option<Decimal>], b: &[Option<Decimal>]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let o = y.cmp(x); // Option orders None below Some, so this is descending.
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

/// What the quota and the rank need of one worker's outcome, once vetoes and eligibility have
/// been applied: small, so that a province's standings fit in a few megabytes.
#[derive(Debug, Clone)]
pub(crate) struct Standing {
    pub(crate) status: Status,
    pub(crate) total: Option<Decimal>,
    pub(crate) grade: Option<GradeId>,
    /// The candidate's keys, only when the worker is a candidate for the limited grade.
    pub(crate) keys: Option<Box<[Option<Decimal>]>>,
}

impl Standing {
    /// The standing of an outcome after vetoes and eligibility, before the quota.
    pub(crate) fn of(rubric: &Rubric, o: &Outcome) -> Standing {
        let keys = rubric
            .quota
            .as_ref()
            .filter(|q| o.status == Status::Graded && o.grade == Some(q.grade))
            .map(|q| keys(o, &q.order).into_boxed_slice());
        Standing {
            status: o.status,
            total: o.total,
            grade: o.grade,
            keys,
        }
    }
}

/// What the quota decided for one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct QuotaMark {
    /// Index of the scope's [`QuotaLine`].
    pub(crate) line: u32,
    /// 0-based place among the scope's candidates: the number of candidates strictly ahead
    /// (candidates with equal keys share a place).
    pub(crate) position: u32,
    pub(crate) decision: Decision,
}

/// A worker's final status, grade and rank, and the quota's mark when a candidate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Settled {
    pub(crate) status: Status,
    pub(crate) grade: Option<GradeId>,
    pub(crate) total: Option<Decimal>,
    pub(crate) rank: Option<u32>,
    pub(crate) mark: Option<QuotaMark>,
}

/// Decides the quota in every scope, then the ranks, from the standings (one per roster
/// worker, in roster order).
pub(crate) fn decide(
    rubric: &Rubric,
    workers: &[Worker],
    standings: Vec<Standing>,
) -> (Vec<QuotaLine>, Vec<Settled>, usize) {
    let mut settled: Vec<Settled> = standings
        .iter()
        .map(|s| Settled {
            status: s.status,
            grade: s.grade,
            total: s.total,
            rank: None,
            mark: None,
        })
        .collect();
    let lines = match &rubric.quota {
        Some(quota) => {
            let mut scopes: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
            for (i, w) in workers.iter().enumerate().take(standings.len()) {
                let key = match quota.scope {
                    QuotaScope::Bundle => None,
                    QuotaScope::Unit => Some(w.unit.as_deref().unwrap_or_default()),
                };
                scopes.entry(key).or_default().push(i);
            }
            let mut lines = Vec::with_capacity(scopes.len());
            for (unit, members) in scopes {
                let line = quota_line(quota, &standings, &members, lines.len(), &mut settled);
                lines.push(QuotaLine {
                    unit: unit.map(std::sync::Arc::from),
                    ..line
                });
            }
            lines
        }
        None => Vec::new(),
    };
    let ranked = rank(&mut settled);
    (lines, settled, ranked)
}

/// The quota in one scope: its line, and each candidate's mark and final grade in `settled`.
fn quota_line(
    quota: &crate::rubric::Quota,
    standings: &[Standing],
    members: &[usize],
    line_index: usize,
    settled: &mut [Settled],
) -> QuotaLine {
    let n = members
        .iter()
        .filter(|&&i| standings[i].status == Status::Graded)
        .count();
    let places = places(&quota.ratio, n, quota.rounding);
    let mut cands: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| standings[i].keys.is_some())
        .collect();
    let key = |i: usize| standings[i].keys.as_deref().unwrap_or_default();
    // Stable: equal keys keep roster order (only for display; ties are resolved below).
    cands.sort_by(|&a, &b| by_keys(key(a), key(b)));
    let tie_keys: Option<&[Option<Decimal>]> = (places > 0
        && cands.len() > places
        && by_keys(key(cands[places - 1]), key(cands[places])) == Ordering::Equal)
        .then(|| key(cands[places - 1]));
    let mut line = QuotaLine {
        unit: None,
        grade: quota.grade,
        graded: n,
        places,
        candidates: cands.clone(),
        kept: vec![],
        tied: vec![],
        cut: vec![],
    };
    // A candidate's place is one more than the candidates strictly ahead (1, 2, 2, 4), so
    // that equal keys get the same place whatever the order of the rows.
    let mut place = 0;
    for (pos, &i) in cands.iter().enumerate() {
        if pos == 0 || by_keys(key(cands[pos - 1]), key(i)) != Ordering::Equal {
            place = pos;
        }
        let tied = tie_keys.is_some_and(|t| by_keys(t, key(i)) == Ordering::Equal);
        let decision = if tied {
            line.tied.push(i);
            Decision::Tied
        } else if pos < places {
            line.kept.push(i);
            Decision::Kept
        } else {
            line.cut.push(i);
            Decision::Cut
        };
        let s = &mut settled[i];
        match (decision, quota.on_tie) {
            (Decision::Kept, _) => {}
            (Decision::Tied, OnTie::Pending) => {
                s.status = Status::Pending;
                s.grade = None;
            }
            (Decision::Tied, OnTie::Vacate) | (Decision::Cut, _) => s.grade = Some(quota.demote_to),
        }
        s.mark = Some(QuotaMark {
            line: u32::try_from(line_index).unwrap_or(u32::MAX),
            position: u32::try_from(place).unwrap_or(u32::MAX),
            decision,
        });
    }
    line
}

/// Competition ranks (1, 2, 2, 4) by rounded total among graded workers; returns how many are
/// ranked. Workers who are not graded lose their grade.
fn rank(settled: &mut [Settled]) -> usize {
    let mut totals: Vec<Decimal> = settled
        .iter()
        .filter(|s| s.status == Status::Graded)
        .filter_map(|s| s.total)
        .collect();
    totals.sort_by(|a, b| b.cmp(a));
    for s in settled.iter_mut() {
        if s.status != Status::Graded {
            s.grade = None;
            continue;
        }
        if let Some(t) = s.total {
            let above = totals.partition_point(|&x| x > t);
            s.rank = u32::try_from(above + 1).ok();
        }
    }
    totals.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_round_as_the_rubric_says() {
        // 20% of 7 is 1.4 → floor 1; of 4 → 0; half up of 8 (1.6) → 2.
        let fifth = qi(1) / qi(5);
        assert_eq!(places(&fifth, 7, QuotaRounding::Floor), 1);
        assert_eq!(places(&fifth, 4, QuotaRounding::Floor), 0);
        assert_eq!(places(&fifth, 8, QuotaRounding::HalfUp), 2);
        assert_eq!(places(&fifth, 7, QuotaRounding::HalfUp), 1);
        assert_eq!(places(&fifth, 7, QuotaRounding::Ceiling), 2);
        assert_eq!(places(&fifth, 0, QuotaRounding::Ceiling), 0);
        // 15% of 10 = 1.5: half up → 2.
        assert_eq!(places(&(qi(3) / qi(20)), 10, QuotaRounding::HalfUp), 2);
    }
}
