//! The assessment methods: the six of the standard rubric and the periodic scorecard. Each
//! module holds everything about its method in one place: the file's columns and duplicate
//! key, how rows are read into small per-worker tallies (streaming: no row is kept), how a tally
//! becomes a score or the reason it is missing, and the figures that the views show
//! ([`Facts`]) and that an explanation shows ([`Detail`]).
//!
//! The engine and the views see a method only through the `Tallies` trait; the loader picks a method's
//! `Kind` once per file, in `input::load_component`.

pub mod ballot;
pub mod interview;
pub mod panel;
pub mod phone;
pub mod scorecard;
pub mod test;
pub mod visit;

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::i18n::Lang;
use crate::input::Worker;
use crate::input::cells::{Ctx, KeySpec};
use crate::input::table::{Columns, RowSource, Table};
use crate::num::Exact;
use crate::tr;

/// Why a component has no score for a worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Missing {
    /// The bundle gives no file for the component.
    NoFile,
    /// Fewer panel scores than the rubric's minimum.
    TooFewScores {
        /// Scores given.
        count: usize,
        /// The rubric's minimum.
        min: usize,
    },
    /// Ballots cast do not exceed half of the electorate.
    QuorumNotMet {
        /// Ballots cast.
        cast: u64,
        /// The roster's electorate.
        electorate: u64,
    },
    /// No ballot was cast for the worker.
    NoBallots,
    /// Every ballot cast was blank or not valid.
    NoValidBallot {
        /// Ballots cast.
        cast: u64,
    },
    /// Fewer valid ballots than the rubric's minimum.
    TooFewValidBallots {
        /// Valid ballots.
        valid: u64,
        /// The rubric's minimum.
        min: usize,
    },
    /// No interviewer rated the worker.
    NoInterviewer,
    /// Fewer interviewers than the rubric's minimum.
    TooFewInterviewers {
        /// Interviewers.
        count: usize,
        /// The rubric's minimum.
        min: usize,
    },
    /// No test result.
    NoTestResult,
    /// Fewer counted calls than the rubric's minimum.
    TooFewCalls {
        /// Calls that count.
        counted: u64,
        /// Calls made.
        calls: u64,
        /// The rubric's minimum.
        min: usize,
    },
    /// Fewer households answered `visited`, or gave a satisfaction, than the rubric's minimums.
    TooFewVisits {
        /// Rows answering `visited`.
        answered: u64,
        /// Rows with a satisfaction.
        rated: u64,
        /// The rubric's minimum of answered rows.
        min_answered: usize,
        /// The rubric's minimum of rated rows.
        min_rated: usize,
    },
    /// No household answered.
    NoAnswers,
    /// Fewer periods counted (served whole) than the scorecard's minimum.
    TooFewPeriods {
        /// Periods counted.
        counted: usize,
        /// Periods in the year.
        periods: usize,
        /// The rubric's minimum.
        min: usize,
        /// The period's length.
        period: crate::rubric::PeriodKind,
    },
}

impl Missing {
    /// The reason in words, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Missing::NoFile => tr!(lang, "missing-no-file"),
            Missing::TooFewScores { count, min } => {
                tr!(lang, "missing-too-few-scores", count = count, min = min)
            }
            Missing::QuorumNotMet { cast, electorate } => tr!(
                lang,
                "missing-quorum",
                cast = cast,
                electorate = electorate,
                need = electorate / 2 + 1
            ),
            Missing::NoBallots => tr!(lang, "missing-no-ballots"),
            Missing::NoValidBallot { cast } => tr!(lang, "missing-no-valid-ballot", cast = cast),
            Missing::TooFewValidBallots { valid, min } => {
                tr!(lang, "missing-too-few-valid", valid = valid, min = min)
            }
            Missing::NoInterviewer => tr!(lang, "missing-no-interviewer"),
            Missing::TooFewInterviewers { count, min } => {
                tr!(
                    lang,
                    "missing-too-few-interviewers",
                    count = count,
                    min = min
                )
            }
            Missing::NoTestResult => tr!(lang, "missing-no-test"),
            Missing::TooFewCalls {
                counted,
                calls,
                min,
            } => tr!(
                lang,
                "missing-too-few-calls",
                counted = counted,
                calls = calls,
                min = min
            ),
            Missing::TooFewVisits {
                answered,
                rated,
                min_answered,
                min_rated,
            } => tr!(
                lang,
                "missing-too-few-visits",
                answered = answered,
                rated = rated,
                min_answered = min_answered,
                min_rated = min_rated
            ),
            Missing::NoAnswers => tr!(lang, "missing-no-answers"),
            Missing::TooFewPeriods {
                counted,
                periods,
                min,
                period,
            } => tr!(
                lang,
                "missing-too-few-periods",
                counted = counted,
                periods = periods,
                min = min,
                unit = period.as_str()
            ),
        }
    }
}

/// The reason in the default language (Chinese); see [`Missing::text`].
impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::default()))
    }
}

/// What a component score rests on, without lists: what the result views (JSON, CSV, the
/// table, the workbook, the report) show of a method. Made from the tallies on demand.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Facts {
    /// The bundle gives no file for the component.
    NoFile,
    /// 个人汇报.
    Panel {
        /// Scores given.
        count: usize,
        /// Scores the mean is taken over (after trimming); 0 when missing.
        used: usize,
    },
    /// 民主测评.
    Ballot {
        /// Ballots cast.
        cast: u64,
        /// Valid ballots.
        valid: u64,
        /// The roster's electorate, when given.
        electorate: Option<u64>,
        /// Whether the quorum rule was met (true when there is none).
        quorum_met: bool,
        /// Votes per option, in the rubric's order.
        votes: Vec<u64>,
    },
    /// 个别谈话.
    Interview {
        /// Interviewers who rated the worker.
        interviewers: usize,
    },
    /// 业务测试.
    Test {
        /// Marks obtained, when there is a row.
        marks: Option<Decimal>,
        /// Full mark of the paper, when there is a row.
        max: Option<Decimal>,
        /// Whether the scaled score is below the pass mark.
        failed: bool,
    },
    /// 电话抽查.
    Phone {
        /// Calls made.
        calls: u64,
        /// Calls that count.
        counted: u64,
        /// Satisfied share among counted calls.
        satisfied: Option<Share>,
    },
    /// 入户走访.
    Visit {
        /// Households asked.
        households: u64,
        /// Rows answering `visited`.
        answered: u64,
        /// Rows with a satisfaction.
        rated: u64,
        /// Satisfied share among rated households.
        satisfied: Option<Share>,
    },
    /// A periodic scorecard.
    Scorecard {
        /// Periods counted (served whole).
        counted: usize,
        /// Periods in the year.
        periods: usize,
        /// Item-periods an item's limit cut (counted periods only).
        limited: usize,
        /// Counted periods raised to the floor.
        floored: usize,
        /// Counted periods lowered to the ceiling.
        capped: usize,
    },
}

impl Facts {
    /// What the score rests on, as a number and what it counts, e.g. `(48, "有效票")`: scores of
    /// a panel, valid ballots, interviewers, the test's marks, counted calls, households asked,
    /// a scorecard's counted periods.
    /// `None` without a file or a test result.
    pub fn count(&self) -> Option<(Decimal, &'static str)> {
        let n = |x: u64| Decimal::from(x);
        match self {
            Facts::NoFile => None,
            Facts::Panel { count, .. } => Some((n(*count as u64), "评分人数")),
            Facts::Ballot { valid, .. } => Some((n(*valid), "有效票")),
            Facts::Interview { interviewers } => Some((n(*interviewers as u64), "谈话人数")),
            Facts::Test { marks, .. } => marks.map(|m| (m, "卷面分")),
            Facts::Phone { counted, .. } => Some((n(*counted), "有效通话")),
            Facts::Visit { households, .. } => Some((n(*households), "走访户数")),
            Facts::Scorecard { counted, .. } => Some((n(*counted as u64), "计分期数")),
        }
    }
}

/// The figures behind a component score, with every list an explanation shows.
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
    /// A periodic scorecard.
    Scorecard(scorecard::ScorecardDetail),
}

/// One component's tallies for every worker of a bundle, read from its file, with the
/// rubric's settings they were read under: all that the engine and the views ask of a method.
pub(crate) trait Tallies: Send + Sync + fmt::Debug {
    /// The exact score of roster worker `w`, or why it is missing.
    fn score(&self, w: usize, worker: &Worker) -> Result<Exact, Missing>;

    /// What the score of worker `w` rests on.
    fn facts(&self, w: usize, worker: &Worker) -> Facts;

    /// Every figure behind the score of worker `w`, for an explanation.
    fn detail(&self, w: usize, worker: &Worker) -> Detail;

    /// For a ballot: votes for the option at `option` and valid ballots of worker `w`, read
    /// even when the score is missing (eligibility rules count them regardless).
    fn option_share(&self, _w: usize, _option: usize) -> Option<(u64, u64)> {
        None
    }
}

/// A method as the loader sees it: the file's columns, its duplicate key, and how rows become
/// [`Tallies`].
pub(crate) trait Kind {
    /// The rubric's settings of the method.
    type Config: Clone;
    /// The file's columns.
    const COLUMNS: Columns;
    /// A row's key beside worker_id; a second row with the same key is an error.
    const KEY: KeySpec;

    /// Columns named at run time that the file may have beside [`Kind::COLUMNS`] (a ballot
    /// count sheet's column per choice).
    fn extra_columns(_cfg: &Self::Config) -> Vec<String> {
        Vec::new()
    }
    /// Reads every row of `table` into the tallies of `workers` roster workers; also returns
    /// the duplicate-key suspects (see [`crate::input::cells::Prints::finish`]).
    fn load<S: RowSource>(
        table: &mut Table<S>,
        cfg: &Self::Config,
        workers: usize,
        ctx: &mut Ctx,
    ) -> (Arc<dyn Tallies>, Option<Vec<u64>>);
}

/// A component the bundle gives no file for: missing for every worker.
#[derive(Debug)]
pub(crate) struct NoFile;

impl Tallies for NoFile {
    fn score(&self, _: usize, _: &Worker) -> Result<Exact, Missing> {
        Err(Missing::NoFile)
    }

    fn facts(&self, _: usize, _: &Worker) -> Facts {
        Facts::NoFile
    }

    fn detail(&self, _: usize, _: &Worker) -> Detail {
        Detail::NoFile
    }
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

    /// Adds `n` to the counter at `i`.
    pub(crate) fn add_many(&mut self, i: usize, n: u64) {
        if n == 0 {
            return;
        }
        if let Counts::Inline(a) = self {
            if let Some(v) = a.get_mut(i)
                && let Some(sum) = u32::try_from(n).ok().and_then(|n| v.checked_add(n))
            {
                *v = sum;
                return;
            }
            *self = Counts::Heap(a.iter().map(|&v| u64::from(v)).collect());
        }
        if let Counts::Heap(v) = self {
            if v.len() <= i {
                v.resize(i + 1, 0);
            }
            v[i] = v[i].saturating_add(n);
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
