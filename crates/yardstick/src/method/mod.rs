//! The six assessment methods. Each module reads its own file's rows into small per-worker
//! tallies (streaming: no row is kept) and turns a worker's tally into a score with the details
//! an explanation needs.

pub mod ballot;
pub mod interview;
pub mod panel;
pub mod phone;
pub mod test;
pub mod visit;

use rust_decimal::Decimal;
use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::num::Q;

/// One component's result for one worker.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentScore {
    /// Component id.
    pub id: String,
    /// Component name, e.g. 民主测评.
    pub name: String,
    /// The component's weight in the rubric.
    pub weight: Decimal,
    /// The exact score; `None` when missing.
    #[serde(skip)]
    pub exact: Option<Q>,
    /// The score rounded as the rubric says; `None` when missing.
    pub score: Option<Decimal>,
    /// Why the component is missing, in words.
    pub missing: Option<String>,
    /// The method's own figures.
    pub detail: Detail,
    /// The exact score in machine integers while they suffice, for the engine's arithmetic
    /// (`exact` is made from it only for a full result).
    #[serde(skip)]
    pub(crate) value: Option<crate::num::Exact>,
}

/// The figures behind a component score.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Detail {
    /// The bundle gives no file for this component.
    NoFile,
    /// 个人汇报.
    Panel(panel::PanelDetail),
    /// 民主测评.
    Ballot(ballot::BallotDetail),
    /// 个别谈话.
    Interview(interview::InterviewDetail),
    /// 业务测试.
    Test(test::TestDetail),
    /// 电话抽查.
    Phone(phone::PhoneDetail),
    /// 入户走访.
    Visit(visit::VisitDetail),
}

/// A share of a sample with its 95% Wilson score interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    /// Sample size.
    pub n: u64,
    /// How many of the sample are in the share.
    pub hits: u64,
    /// hits / n.
    pub share: f64,
    /// Lower end of the 95% Wilson interval.
    pub low: f64,
    /// Upper end of the 95% Wilson interval.
    pub high: f64,
}

impl Share {
    /// The share `hits / n` with its 95% Wilson score interval; `None` when `n` is 0.
    ///
    /// Wilson (1927): centre (p + z²/2n) / (1 + z²/n), half-width
    /// z √(p(1−p)/n + z²/4n²) / (1 + z²/n), with z the 97.5% normal quantile.
    pub fn wilson(hits: u64, n: u64) -> Option<Share> {
        if n == 0 {
            return None;
        }
        // The 97.5% normal quantile, computed once.
        static Z: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
        let z = *Z.get_or_init(|| Normal::standard().inverse_cdf(0.975));
        let nf = n as f64;
        let p = hits as f64 / nf;
        let z2 = z * z;
        let denom = 1.0 + z2 / nf;
        let centre = (p + z2 / (2.0 * nf)) / denom;
        let half = z * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt() / denom;
        Some(Share {
            n,
            hits,
            share: p,
            low: (centre - half).max(0.0),
            high: (centre + half).min(1.0),
        })
    }
}

/// A label with how often it was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// The label.
    pub label: String,
    /// How often.
    pub count: u64,
}

/// The ids of one file's raters or interviewers, each kept once and numbered in order of
/// appearance, so that a worker's tally holds 4-byte numbers instead of texts.
#[derive(Default)]
pub(crate) struct Names {
    ids: Vec<Box<str>>,
    numbers: std::collections::HashMap<Box<str>, u32, foldhash::fast::RandomState>,
}

impl Names {
    /// The number of `id`, given it the first time; `None` past 2³² different ids.
    pub(crate) fn number(&mut self, id: &str) -> Option<u32> {
        if let Some(&n) = self.numbers.get(id) {
            return Some(n);
        }
        let n = u32::try_from(self.ids.len()).ok()?;
        self.ids.push(id.into());
        self.numbers.insert(id.into(), n);
        Some(n)
    }

    /// The ids by number.
    pub(crate) fn finish(self) -> Vec<Box<str>> {
        self.ids
    }
}

/// The id numbered `n` in `names`.
pub(crate) fn name(names: &[Box<str>], n: u32) -> &str {
    names.get(n as usize).map_or("", |s| s.as_ref())
}

/// A worker's counters, one per label: up to seven 32-bit counters in place (no allocation,
/// and 32 bytes in all, so that a province's tallies stay small; a ballot's 4 options, 2
/// not-valid labels and the blank make seven), otherwise 64-bit counters on the heap.
#[derive(Debug, Clone)]
pub(crate) enum Counts {
    Inline([u32; 7]),
    Heap(Vec<u64>),
}

impl Default for Counts {
    fn default() -> Self {
        Counts::Inline([0; 7])
    }
}

impl Counts {
    /// Counters with these values (for tests and examples).
    #[cfg(test)]
    pub(crate) fn of(values: &[u64]) -> Counts {
        let mut c = Counts::default();
        for (i, &v) in values.iter().enumerate() {
            for _ in 0..v {
                c.add(i);
            }
        }
        c
    }

    /// The counter at `i` (0 when never counted).
    pub(crate) fn get(&self, i: usize) -> u64 {
        match self {
            Counts::Inline(a) => a.get(i).map_or(0, |&v| u64::from(v)),
            Counts::Heap(v) => v.get(i).copied().unwrap_or(0),
        }
    }

    /// Adds one to the counter at `i`.
    pub(crate) fn add(&mut self, i: usize) {
        if let Counts::Inline(a) = self {
            if let Some(v) = a.get_mut(i)
                && let Some(n) = v.checked_add(1)
            {
                *v = n;
                return;
            }
            *self = Counts::Heap(a.iter().map(|&v| u64::from(v)).collect());
        }
        if let Counts::Heap(v) = self {
            if v.len() <= i {
                v.resize(i + 1, 0);
            }
            v[i] += 1;
        }
    }

    /// The first `n` counters.
    pub(crate) fn first(&self, n: usize) -> Vec<u64> {
        (0..n).map(|i| self.get(i)).collect()
    }
}

pub(crate) fn tallies<'a>(labels: impl Iterator<Item = &'a str>, counts: &[u64]) -> Vec<Tally> {
    labels
        .zip(counts)
        .map(|(l, c)| Tally {
            label: l.to_string(),
            count: *c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_move_to_the_heap_past_seven_labels_or_u32() {
        assert_eq!(std::mem::size_of::<Counts>(), 32);
        let mut c = Counts::default();
        c.add(3);
        c.add(3);
        assert!(matches!(c, Counts::Inline(_)));
        assert_eq!((c.get(3), c.get(0), c.get(99)), (2, 0, 0));
        c.add(6);
        assert!(matches!(c, Counts::Inline(_)));
        c.add(9);
        assert!(matches!(c, Counts::Heap(_)));
        assert_eq!(c.first(10), vec![0, 0, 0, 2, 0, 0, 1, 0, 0, 1]);
        let mut full = Counts::Inline([u32::MAX; 7]);
        full.add(0);
        assert_eq!(full.get(0), u64::from(u32::MAX) + 1);
        assert_eq!(full.get(6), u64::from(u32::MAX));
    }

    #[test]
    fn wilson_interval_matches_published_value() {
        // Newcombe (1998), Statistics in Medicine 17:857, Table I: 81/263 → 0.2553 to 0.3662.
        let s = Share::wilson(81, 263).unwrap();
        assert!((s.low - 0.2553).abs() < 5e-5, "{}", s.low);
        assert!((s.high - 0.3662).abs() < 5e-5, "{}", s.high);
        // 15/148 → 0.0624 to 0.1605 (same table).
        let s = Share::wilson(15, 148).unwrap();
        assert!((s.low - 0.0624).abs() < 5e-5 && (s.high - 0.1605).abs() < 5e-5);
        // All successes: the upper end is 1, the lower end for n = 10 is 0.7225.
        let s = Share::wilson(10, 10).unwrap();
        assert!((s.low - 0.7225).abs() < 5e-5 && s.high == 1.0);
        assert!(Share::wilson(0, 0).is_none());
    }
}
