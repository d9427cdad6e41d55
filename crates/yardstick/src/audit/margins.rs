//! Grade margins: how far each graded worker's total is from the bands beside it, and the
//! fewest valid ballots of each ballot component that, moved from the best option to the worst
//! (or the worst to the best), would change the grade before the quota.
//!
//! Solved directly, not by trying every count: along the moves, the ballot score (and so the
//! total and its band) and each eligibility condition on that component's ballots change in one
//! direction only. So whether anything the grade depends on has changed since a count `lo` is
//! monotone in the count, and a binary search finds the next count where it does, with an
//! exact re-evaluation of that one worker at each step (`engine::reevaluate`). Those counts
//! are few (one per band crossed and per condition turned), and the grade is looked at only
//! there. A worker costs a few dozen re-evaluations however many ballots there are.

use rust_decimal::Decimal;

use crate::Bundle;
use crate::engine::{Scored, reason, reevaluate, rounded};
use crate::method::ballot::BallotTallies;
use crate::num::Exact;
use crate::result::{ComponentOutcome, Outcome, Status, reason_bites};
use crate::rubric::{ComponentId, Condition, GradeId, Method};
use crate::trace::NoTrace;

/// One graded worker's margins.
#[derive(Debug, Clone, PartialEq)]
pub struct Margin {
    /// The roster index.
    pub worker: usize,
    /// The rounded total.
    pub total: Decimal,
    /// The band of the total.
    pub band: GradeId,
    /// The grade before the quota (band, vetoes and eligibility applied).
    pub grade: GradeId,
    /// The next band's minimum − total; `None` in the top band.
    pub to_upper: Option<Decimal>,
    /// Total − this band's minimum; `None` in the bottom band.
    pub to_lower: Option<Decimal>,
    /// Per ballot component (in rubric order): the fewest ballots at the best option that,
    /// changed to the worst, change the grade; `None` when none would.
    pub ballots_down: Vec<Option<u64>>,
    /// The same from the worst option to the best.
    pub ballots_up: Vec<Option<u64>>,
}

/// Which way ballots are moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Way {
    /// From the best option to the worst.
    Down,
    /// From the worst option to the best.
    Up,
}

/// A ballot component of the rubric, with its tallies when the bundle gives a file.
pub(crate) struct BallotComponent<'b> {
    pub(crate) k: usize,
    pub(crate) tallies: Option<&'b BallotTallies>,
    /// The option with the highest value (the first such), and with the lowest (the last).
    pub(crate) best: usize,
    pub(crate) worst: usize,
}

/// The rubric's ballot components, in rubric order.
pub(crate) fn ballot_components(bundle: &Bundle) -> Vec<BallotComponent<'_>> {
    let rubric = bundle.rubric();
    rubric
        .components
        .iter()
        .enumerate()
        .filter_map(|(k, c)| {
            let Method::Ballot(cfg) = &c.method else {
                return None;
            };
            let any: &dyn std::any::Any = bundle.tallies(k);
            let mut best = 0;
            let mut worst = 0;
            for (i, o) in cfg.options.iter().enumerate() {
                if o.value > cfg.options[best].value {
                    best = i;
                }
                if o.value <= cfg.options[worst].value {
                    worst = i;
                }
            }
            Some(BallotComponent {
                k,
                tallies: any.downcast_ref::<BallotTallies>(),
                best,
                worst,
            })
        })
        .collect()
}

/// The margins of every graded worker, in roster order, on the scoring's threads.
pub(crate) fn margins(scored: &Scored) -> Vec<Margin> {
    let bundle = scored.bundle();
    let comps = ballot_components(bundle);
    crate::par::map(scored.len(), scored.threads(), |w| {
        margin(scored, &comps, w)
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The margins of roster worker `w`, when graded.
pub(crate) fn margin(scored: &Scored, comps: &[BallotComponent], w: usize) -> Option<Margin> {
    if scored.status(w) != Status::Graded {
        return None;
    }
    let bundle = scored.bundle();
    let rubric = bundle.rubric();
    let o = crate::engine::evaluate(bundle, w, &mut NoTrace);
    let (total, grade) = (o.total?, o.grade?);
    let band = rubric.band(total);
    let b = band.index();
    let to_upper = b
        .checked_sub(1)
        .and_then(|up| rubric.grades[up].min)
        .map(|min| min - total);
    let to_lower = if b + 1 < rubric.grades.len() {
        rubric.grades[b].min.map(|min| total - min)
    } else {
        None
    };
    let fewest = |way| {
        comps
            .iter()
            .map(|c| fewest(bundle, w, &o, grade, c, way))
            .collect()
    };
    Some(Margin {
        worker: w,
        total,
        band,
        grade,
        to_upper,
        to_lower,
        ballots_down: fewest(Way::Down),
        ballots_up: fewest(Way::Up),
    })
}

/// What the grade depends on that the moves can change: the band of the total and whether
/// each eligibility rule on the component's ballots bites. Each part changes one way only
/// along the moves.
type Signature = (Option<GradeId>, Vec<bool>);

/// The fewest ballots of component `c` moved `way` that make worker `w`'s grade before the
/// quota differ from `grade`; `None` when no number does.
pub(crate) fn fewest(
    bundle: &Bundle,
    w: usize,
    o: &Outcome,
    grade: GradeId,
    c: &BallotComponent,
    way: Way,
) -> Option<u64> {
    let t = c.tallies?;
    let cfg = t.config();
    let (from, to) = match way {
        Way::Down => (c.best, c.worst),
        Way::Up => (c.worst, c.best),
    };
    if cfg.options[from].value == cfg.options[to].value {
        return None;
    }
    let counts = t.counts(w);
    let labels = cfg.options.len() + cfg.not_valid.len() + 1;
    let groups = cfg.groups.len().max(1);
    // The ballots that can move, group by group, the groups whose ballot moves the score most
    // first (a group's weight over its valid ballots), so that each count moves the score as
    // far as that many ballots can.
    let valid = |g: usize| -> u64 { (0..cfg.options.len()).map(|i| counts[g * labels + i]).sum() };
    let weight = |g: usize| {
        cfg.groups
            .get(g)
            .map_or(Exact::int(1), |gr| Exact::dec(gr.weight))
    };
    let mut path: Vec<(usize, u64)> = (0..groups)
        .map(|g| (g, counts[g * labels + from]))
        .filter(|&(_, n)| n > 0)
        .collect();
    path.sort_by(|&(g, _), &(h, _)| {
        // weight_g / valid_g against weight_h / valid_h, higher first.
        let a = weight(g).mul(&Exact::int(valid(h) as i64));
        let b = weight(h).mul(&Exact::int(valid(g) as i64));
        b.cmp(&a).then(g.cmp(&h))
    });
    let most: u64 = path.iter().map(|&(_, n)| n).sum();
    if most == 0 {
        return None;
    }
    let electorate = bundle.workers()[w].electorate;
    let rubric = bundle.rubric();
    let id = ComponentId::at(c.k)?;
    let rules: Vec<&Condition> = rubric
        .eligibility
        .iter()
        .map(|r| &r.condition)
        .filter(|cond| match cond {
            Condition::Below { component, .. } | Condition::ShareOver { component, .. } => {
                component.index() == c.k
            }
        })
        .collect();
    let mut memo: Vec<(u64, (Option<GradeId>, Signature))> = Vec::new();
    let mut state = |k: u64| -> (Option<GradeId>, Signature) {
        if let Some((_, s)) = memo.iter().find(|(at, _)| *at == k) {
            return s.clone();
        }
        let mut moved = counts.clone();
        let mut left = k;
        for &(g, n) in &path {
            let m = left.min(n);
            moved[g * labels + from] -= m;
            moved[g * labels + to] += m;
            left -= m;
        }
        let moved = t.with_counts(moved);
        // Every option's (votes, valid), once.
        let shares: Vec<(u64, u64)> = (0..cfg.options.len()).map(|k| moved.share(k)).collect();
        let score = moved.score(electorate);
        let mut components = o.components.clone();
        components[c.k] = ComponentOutcome {
            score: score.as_ref().ok().map(|v| rounded(rubric, v)),
            missing: score.as_ref().err().cloned(),
            value: score.ok(),
        };
        let share = |cid: ComponentId, option: usize| {
            if cid == id {
                shares.get(option).copied()
            } else {
                bundle.tallies(cid.index()).option_share(w, option)
            }
        };
        let now = reevaluate(bundle, w, components, &share);
        let bites = rules
            .iter()
            .map(|cond| reason_bites(cond, &reason(&now, cond, &share)))
            .collect();
        let s = (now.grade, (now.total.map(|t| rubric.band(t)), bites));
        memo.push((k, s.clone()));
        s
    };
    // Nothing moved: the outcome as scored, with the bundle's own counts.
    let own = |cid: ComponentId, option: usize| bundle.tallies(cid.index()).option_share(w, option);
    let mut since: Signature = (
        o.total.map(|t| rubric.band(t)),
        rules
            .iter()
            .map(|cond| reason_bites(cond, &reason(o, cond, &own)))
            .collect(),
    );
    let mut lo = 0;
    loop {
        let (_, last) = state(most);
        if last == since {
            return None;
        }
        // The first count after `lo` whose signature differs from `since`.
        let (mut a, mut b) = (lo, most);
        while b - a > 1 {
            let mid = a + (b - a) / 2;
            if state(mid).1 == since {
                a = mid;
            } else {
                b = mid;
            }
        }
        let (g, sig) = state(b);
        if g != Some(grade) {
            return Some(b);
        }
        lo = b;
        since = sig;
    }
}

/// The same answer by trying every count in turn (for tests).
#[cfg(test)]
pub(crate) fn fewest_by_trial(
    bundle: &Bundle,
    w: usize,
    o: &Outcome,
    grade: GradeId,
    c: &BallotComponent,
    way: Way,
) -> Option<u64> {
    let t = c.tallies?;
    let cfg = t.config();
    let (from, to) = match way {
        Way::Down => (c.best, c.worst),
        Way::Up => (c.worst, c.best),
    };
    let counts = t.counts(w);
    assert!(cfg.groups.is_empty(), "trial only without groups");
    let id = ComponentId::at(c.k)?;
    for k in 1..=counts[from] {
        let mut moved = counts.clone();
        moved[from] -= k;
        moved[to] += k;
        let moved = t.with_counts(moved);
        let score = moved.score(bundle.workers()[w].electorate);
        let mut components = o.components.clone();
        components[c.k] = ComponentOutcome {
            score: None,
            missing: score.as_ref().err().cloned(),
            value: score.ok(),
        };
        let share = |cid: ComponentId, option: usize| {
            if cid == id {
                Some(moved.share(option))
            } else {
                bundle.tallies(cid.index()).option_share(w, option)
            }
        };
        if reevaluate(bundle, w, components, &share).grade != Some(grade) {
            return Some(k);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundles() -> Vec<Bundle> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        let mut dirs = vec![root.join("sample")];
        let mut cases: Vec<_> = std::fs::read_dir(root.join("cases"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.join("assessment.toml").exists())
            .collect();
        cases.sort();
        dirs.extend(cases);
        dirs.iter()
            .map(|d| Bundle::load(d).unwrap().output)
            .collect()
    }

    #[test]
    fn the_search_finds_what_trying_every_count_finds() {
        let mut compared = 0;
        let mut found = 0;
        for bundle in bundles() {
            let scored = crate::score(&bundle);
            let comps = ballot_components(&bundle);
            for w in 0..scored.len() {
                if scored.status(w) != Status::Graded {
                    continue;
                }
                let o = crate::engine::evaluate(&bundle, w, &mut NoTrace);
                let grade = o.grade.unwrap();
                for c in &comps {
                    for way in [Way::Down, Way::Up] {
                        let fast = fewest(&bundle, w, &o, grade, c, way);
                        let slow = fewest_by_trial(&bundle, w, &o, grade, c, way);
                        assert_eq!(fast, slow, "{} {way:?}", bundle.workers()[w].id);
                        compared += 1;
                        found += usize::from(fast.is_some());
                    }
                }
            }
        }
        assert!(compared > 100 && found > 10, "{compared} {found}");
    }

    #[test]
    fn points_to_the_bands_beside_the_total() {
        let bundle = &bundles()[0];
        let scored = crate::score(bundle);
        let comps = ballot_components(bundle);
        let at = |id: &str| margin(&scored, &comps, scored.index_of(id).unwrap()).unwrap();
        // DM01: 97.27, 优秀 (top band): nothing above, 7.27 above 90.
        let m = at("DM01");
        assert_eq!(
            (m.to_upper, m.to_lower.unwrap().to_string()),
            (None, "7.27".into())
        );
        // XJ10: 63.96, 基本称职: 6.04 to 70, 3.96 above 60.
        let m = at("XJ10");
        assert_eq!(m.to_upper.unwrap().to_string(), "6.04");
        assert_eq!(m.to_lower.unwrap().to_string(), "3.96");
    }
}
