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
            // By the rubric's order, which the result's components follow.
            OrderKey::Component(id) => w.components.get(id.index())?.score,
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

/// What the quota and the rank need of one worker's result, once vetoes and eligibility have
/// been applied: small, so that a province's standings fit in a few megabytes.
#[derive(Debug, Clone)]
pub(crate) struct Standing {
    pub(crate) status: Status,
    pub(crate) total: Option<Decimal>,
    pub(crate) grade: GradeRef,
    /// The candidate's keys, only when the worker is a candidate for the limited grade.
    pub(crate) keys: Option<Box<[Option<Decimal>]>>,
}

/// A grade by its place among the rubric's bands (any other label is kept as text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GradeRef {
    None,
    Band(u16),
    Other(Box<str>),
}

impl GradeRef {
    fn of(rubric: &Rubric, grade: Option<&str>) -> GradeRef {
        match grade {
            None => GradeRef::None,
            Some(g) => match rubric.grade_id(g).map(|i| i.0) {
                Some(i) => GradeRef::Band(i),
                None => GradeRef::Other(g.into()),
            },
        }
    }

    /// The grade's label.
    pub(crate) fn label<'a>(&'a self, rubric: &'a Rubric) -> Option<&'a str> {
        match self {
            GradeRef::None => None,
            GradeRef::Band(i) => rubric.grades.get(*i as usize).map(|b| b.label.as_str()),
            GradeRef::Other(g) => Some(g),
        }
    }
}

impl Standing {
    /// The standing of a result after vetoes and eligibility, before the quota.
    pub(crate) fn of(rubric: &Rubric, r: &WorkerResult) -> Standing {
        let keys = rubric
            .quota
            .as_ref()
            .filter(|q| {
                r.status == Status::Graded
                    && r.grade.as_deref() == Some(rubric.grade_label(q.grade))
            })
            .map(|q| keys(r, &q.order).into_boxed_slice());
        Standing {
            status: r.status,
            total: r.total,
            grade: GradeRef::of(rubric, r.grade.as_deref()),
            keys,
        }
    }
}

/// What the quota decided for one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct QuotaMark {
    /// Index of the scope's [`QuotaLine`].
    pub(crate) line: u32,
    /// 0-based place among the scope's candidates.
    pub(crate) position: u32,
    pub(crate) outcome: Outcome,
}

/// A candidate's fate at the quota line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Kept,
    Tied,
    Cut,
}

/// Decides the quota in every scope from the standings (one per roster worker, in roster
/// order): the quota lines, and a mark for each candidate. Every standing is updated to the
/// status and grade the quota leaves.
pub(crate) fn decide_quota(
    rubric: &Rubric,
    workers: &[crate::input::Worker],
    standings: &mut [Standing],
) -> (Vec<QuotaLine>, Vec<Option<QuotaMark>>) {
    let mut marks = vec![None; standings.len()];
    let Some(quota) = &rubric.quota else {
        return (vec![], marks);
    };
    let mut scopes: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
    for (i, w) in workers.iter().enumerate().take(standings.len()) {
        let key = match quota.scope {
            QuotaScope::Bundle => None,
            QuotaScope::Unit => Some(w.unit.as_deref().unwrap_or_default()),
        };
        scopes.entry(key).or_default().push(i);
    }
    let ratio_text = format!("{}", quota.ratio);
    let demoted = GradeRef::of(rubric, Some(rubric.grade_label(quota.demote_to)));
    let mut lines = Vec::new();
    for (unit, members) in scopes {
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
        let mut line = QuotaLine {
            unit: unit.map(str::to_string),
            grade: rubric.grade_label(quota.grade).to_string(),
            graded: n,
            ratio: ratio_text.clone(),
            places,
            candidates: cands.iter().map(|&i| workers[i].id.clone()).collect(),
            kept: vec![],
            tied: vec![],
            cut: vec![],
        };
        let tie_keys: Option<Vec<Option<Decimal>>> = (places > 0
            && cands.len() > places
            && by_keys(key(cands[places - 1]), key(cands[places])) == Ordering::Equal)
            .then(|| key(cands[places - 1]).to_vec());
        let mut outcomes = Vec::with_capacity(cands.len());
        for (pos, &i) in cands.iter().enumerate() {
            let tied = tie_keys
                .as_ref()
                .is_some_and(|t| by_keys(t, key(i)) == Ordering::Equal);
            let id = workers[i].id.clone();
            let outcome = if tied {
                line.tied.push(id);
                Outcome::Tied
            } else if pos < places {
                line.kept.push(id);
                Outcome::Kept
            } else {
                line.cut.push(id);
                Outcome::Cut
            };
            outcomes.push((i, pos, outcome));
        }
        for (i, pos, outcome) in outcomes {
            let s = &mut standings[i];
            match (outcome, quota.on_tie) {
                (Outcome::Kept, _) => {}
                (Outcome::Tied, OnTie::Pending) => {
                    s.status = Status::Pending;
                    s.grade = GradeRef::None;
                }
                (Outcome::Tied, OnTie::Vacate) | (Outcome::Cut, _) => s.grade = demoted.clone(),
            }
            marks[i] = Some(QuotaMark {
                line: u32::try_from(lines.len()).unwrap_or(u32::MAX),
                position: u32::try_from(pos).unwrap_or(u32::MAX),
                outcome,
            });
        }
        lines.push(line);
    }
    for s in standings.iter_mut() {
        if s.status != Status::Graded {
            s.grade = GradeRef::None;
        }
    }
    (lines, marks)
}

/// Applies a candidate's quota mark to the result, with its step.
pub(crate) fn apply_quota_mark(
    rubric: &Rubric,
    lines: &[QuotaLine],
    mark: &QuotaMark,
    r: &mut WorkerResult,
) {
    let (Some(quota), Some(line)) = (&rubric.quota, lines.get(mark.line as usize)) else {
        return;
    };
    let pos = mark.position as usize;
    let decision = match mark.outcome {
        Outcome::Tied => {
            match quota.on_tie {
                OnTie::Vacate => {
                    r.grade = Some(rubric.grade_label(quota.demote_to).to_string());
                }
                OnTie::Pending => {
                    r.status = Status::Pending;
                    r.grade = None;
                }
            }
            r.add_flag("quota_tie", format!("tied at the {} quota line with another candidate on every key; the place is left to the committee", rubric.grade_label(quota.grade)));
            "tied"
        }
        Outcome::Kept => "kept",
        Outcome::Cut => {
            r.grade = Some(rubric.grade_label(quota.demote_to).to_string());
            r.add_flag(
                "quota_cut",
                format!(
                    "{} quota full: candidate {} of {} for {} place(s)",
                    rubric.grade_label(quota.grade),
                    pos + 1,
                    line.candidates.len(),
                    line.places
                ),
            );
            "cut"
        }
    };
    if !r.keeps_trail() {
        return;
    }
    let key_text = keys(r, &quota.order)
        .iter()
        .map(|x| x.map_or("missing".to_string(), |d| d.to_string()))
        .collect::<Vec<_>>()
        .join(" / ");
    let step = Step::Quota {
        unit: line.unit.clone(),
        grade: rubric.grade_label(quota.grade).to_string(),
        graded: line.graded,
        ratio: line.ratio.clone(),
        rounding: quota.rounding,
        places: line.places,
        position: pos + 1,
        candidates: line.candidates.len(),
        keys: key_text,
        decision,
        after: r.grade.clone(),
    };
    r.push_step(step);
}

/// The rounded totals of graded workers, highest first: what ranks are counted against.
pub(crate) fn ranking(standings: &[Standing]) -> Vec<Decimal> {
    let mut totals: Vec<Decimal> = standings
        .iter()
        .filter(|s| s.status == Status::Graded)
        .filter_map(|s| s.total)
        .collect();
    totals.sort_by(|a, b| b.cmp(a));
    totals
}

/// Competition rank (1, 2, 2, 4) by rounded total among graded workers, `totals` being
/// [`ranking`]'s list.
pub(crate) fn apply_rank(r: &mut WorkerResult, totals: &[Decimal]) {
    r.rank = None;
    if r.status != Status::Graded {
        r.grade = None;
        return;
    }
    if let Some(t) = r.total {
        let above = totals.partition_point(|&x| x > t);
        let rank = above as u32 + 1;
        r.rank = Some(rank);
        r.push_step(Step::Rank {
            rank,
            of: totals.len(),
            total: t,
        });
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
