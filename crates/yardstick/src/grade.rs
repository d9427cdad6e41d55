//! The quota on a grade and the rank.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::engine::{QuotaLine, Status, WorkerResult};
use crate::explain::Step;
use crate::num::{Q, qi};
use crate::rubric::{OnTie, OrderKey, QuotaRounding, QuotaScope, Rubric};

/// Places = ratio × N, rounded as the rubric says.
pub fn places(ratio: &Q, n: usize, rounding: QuotaRounding) -> usize {
    let exact = ratio * qi(n as i64);
    let half = Q::new(1.into(), 2.into());
    let v = match rounding {
        QuotaRounding::Floor => exact.floor(),
        QuotaRounding::Ceiling => exact.ceil(),
        QuotaRounding::HalfUp => (exact + half).floor(),
    };
    v.to_integer().try_into().unwrap_or(0)
}

/// A candidate's keys, higher first; a missing score is lowest.
fn keys(w: &WorkerResult, order: &[OrderKey]) -> Vec<Option<Decimal>> {
    order
        .iter()
        .map(|k| match k {
            OrderKey::Total => w.total,
            OrderKey::Component(id) => w.component(id).and_then(|c| c.score),
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

/// Applies the quota to every scope; returns the quota lines.
pub(crate) fn apply_quota(rubric: &Rubric, results: &mut [WorkerResult]) -> Vec<QuotaLine> {
    let Some(quota) = &rubric.quota else {
        return vec![];
    };
    let mut scopes: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
    for (i, r) in results.iter().enumerate() {
        let key = match quota.scope {
            QuotaScope::Bundle => None,
            QuotaScope::Unit => Some(r.unit.clone().unwrap_or_default()),
        };
        scopes.entry(key).or_default().push(i);
    }
    let ratio_text = format!("{}", quota.ratio);
    let mut lines = Vec::new();
    for (unit, members) in scopes {
        let graded: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| results[i].status == Status::Graded)
            .collect();
        let n = graded.len();
        let places = places(&quota.ratio, n, quota.rounding);
        let mut cands: Vec<(usize, Vec<Option<Decimal>>)> = graded
            .iter()
            .copied()
            .filter(|&i| results[i].grade.as_deref() == Some(quota.grade.as_str()))
            .map(|i| (i, keys(&results[i], &quota.order)))
            .collect();
        // Stable: equal keys keep roster order (only for display; ties are resolved below).
        cands.sort_by(|a, b| by_keys(&a.1, &b.1));
        let mut line = QuotaLine {
            unit: unit.clone(),
            grade: quota.grade.clone(),
            graded: n,
            ratio: ratio_text.clone(),
            places,
            candidates: cands
                .iter()
                .map(|(i, _)| results[*i].worker_id.clone())
                .collect(),
            kept: vec![],
            tied: vec![],
            cut: vec![],
        };
        let tie_keys = (places > 0
            && cands.len() > places
            && by_keys(&cands[places - 1].1, &cands[places].1) == Ordering::Equal)
            .then(|| cands[places - 1].1.clone());
        for (pos, (i, k)) in cands.iter().enumerate() {
            let r = &mut results[*i];
            let tied = tie_keys
                .as_ref()
                .is_some_and(|t| by_keys(t, k) == Ordering::Equal);
            let decision = if tied {
                line.tied.push(r.worker_id.clone());
                match quota.on_tie {
                    OnTie::Vacate => {
                        r.grade = Some(quota.demote_to.clone());
                    }
                    OnTie::Pending => {
                        r.status = Status::Pending;
                        r.grade = None;
                    }
                }
                r.add_flag("quota_tie", format!("tied at the {} quota line with another candidate on every key; the place is left to the committee", quota.grade));
                "tied"
            } else if pos < places {
                line.kept.push(r.worker_id.clone());
                "kept"
            } else {
                line.cut.push(r.worker_id.clone());
                r.grade = Some(quota.demote_to.clone());
                r.add_flag(
                    "quota_cut",
                    format!(
                        "{} quota full: candidate {} of {} for {} place(s)",
                        quota.grade,
                        pos + 1,
                        cands.len(),
                        places
                    ),
                );
                "cut"
            };
            let key_text = k
                .iter()
                .map(|x| x.map_or("missing".to_string(), |d| d.to_string()))
                .collect::<Vec<_>>()
                .join(" / ");
            let step = Step::Quota {
                unit: unit.clone(),
                grade: quota.grade.clone(),
                graded: n,
                ratio: ratio_text.clone(),
                rounding: quota.rounding,
                places,
                position: pos + 1,
                candidates: cands.len(),
                keys: key_text,
                decision,
                after: r.grade.clone(),
            };
            r.push_step(step);
        }
        lines.push(line);
    }
    lines
}

/// Competition rank (1, 2, 2, 4) by rounded total among graded workers.
pub(crate) fn rank(results: &mut [WorkerResult]) {
    let mut totals: Vec<Decimal> = results
        .iter()
        .filter(|r| r.status == Status::Graded)
        .filter_map(|r| r.total)
        .collect();
    totals.sort_by(|a, b| b.cmp(a));
    let n = totals.len();
    for r in results.iter_mut() {
        r.rank = None;
        if r.status != Status::Graded {
            r.grade = None;
            continue;
        }
        if let Some(t) = r.total {
            let above = totals.partition_point(|&x| x > t);
            let rank = above as u32 + 1;
            r.rank = Some(rank);
            r.push_step(Step::Rank {
                rank,
                of: n,
                total: t,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_round_as_the_rubric_says() {
        // DOMAIN.md: 20% of 7 is 1.4 → floor 1; of 4 → 0; half up of 8 (1.6) → 2.
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
