//! The fairness audit (审核, docs/contract.md section 9 and docs/audit.md): before grades are
//! posted, four questions about the ruler itself.
//!
//! 1. **Did the raters agree?** Krippendorff's α per panel component (interval metric; coders
//!    are raters, units are workers) and per interview component (ordinal metric over the
//!    rubric's rating order; coders are interviewers, units are worker × dimension), from
//!    every row of the file ([`alpha`]).
//! 2. **Is a rater harsher or softer than the others?** Each panel rater's mean difference from
//!    the other raters of the same workers ([`Leniency`]).
//! 3. **How close is each worker to the next grade?** Points to the bands above and below,
//!    and the fewest ballots that would change the grade ([`Margin`]).
//! 4. **Do ballot sheets look filled in together?** Sheets all-best or all-worst, and groups
//!    of identical sheets ([`Sheets`]).
//!
//! It reads a [`Scored`] bundle and changes no score. JSON ([`Audit::write_json`]) keeps full
//! precision; the table ([`Audit::write_table`]) shows 3 decimals, in the result's language.
//!
//! ```
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
//! let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
//! let scored = yardstick::score(&bundle);
//! let audit = yardstick::audit::audit(&scored, &yardstick::FsFiles, &Default::default()).unwrap();
//! let report = &audit.alpha[0];
//! assert_eq!(report.component, "report");
//! assert!(report.result.alpha.is_some());
//! ```

pub mod alpha;
mod margins;
mod sheets;
mod view;

pub(crate) use view::{alpha_header, bin_label, lean_text, metric_text, reading_text};

use num_traits::{Signed, ToPrimitive};
use rust_decimal::Decimal;

pub use alpha::{Alpha, Coincidences, Metric};
pub use margins::Margin;
pub use sheets::{SheetIds, Sheets};

use crate::engine::Scored;
use crate::error::Error;
use crate::input::{Files, ReadOptions};
use crate::method::interview::InterviewTallies;
use crate::method::panel::PanelTallies;
use crate::num::{Exact, Q};
use crate::rubric::Method;

/// The fairness audit of a scored bundle.
#[derive(Debug, Clone)]
pub struct Audit<'s, 'b> {
    scored: &'s Scored<'b>,
    /// Rater agreement per panel and interview component, in rubric order.
    pub alpha: Vec<ComponentAlpha>,
    /// Rater leniency per panel component, in rubric order.
    pub raters: Vec<PanelRaters>,
    /// The ballot components (rubric indices) that [`Margin::ballots_down`] and
    /// [`Margin::ballots_up`] follow.
    pub ballot_components: Vec<usize>,
    /// Every graded worker's margins, in roster order.
    pub margins: Vec<Margin>,
    /// Suspicious sheets per ballot component with a file of sheets, in rubric order.
    pub sheets: Vec<(usize, Sheets)>,
}

/// Krippendorff's α of one component.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentAlpha {
    /// The component's place in the rubric.
    pub k: usize,
    /// The component's id.
    pub component: String,
    /// Interval for a panel, ordinal for an interview.
    pub metric: Metric,
    /// α, pairable units and values.
    pub result: Alpha,
}

/// The raters of one panel component.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelRaters {
    /// The component's place in the rubric.
    pub k: usize,
    /// The component's id.
    pub component: String,
    /// Every rater, in order of first appearance in the file.
    pub raters: Vec<Leniency>,
}

/// How much higher (or lower, when negative) a rater scores than the other raters of the same
/// workers.
#[derive(Debug, Clone, PartialEq)]
pub struct Leniency {
    /// The rater.
    pub rater_id: String,
    /// Workers the rater scored with at least one other rater.
    pub n: u64,
    /// The mean over those workers of (the rater's score − the mean of the other raters'
    /// scores), exactly; `None` when `n` is 0.
    pub mean: Option<Q>,
    /// |mean| ≥ [`LENIENCY_POINTS`] and n ≥ [`LENIENCY_MIN_N`], compared exactly.
    pub flagged: bool,
}

impl Leniency {
    /// The mean as a float (rounded once from the exact value).
    pub fn leniency(&self) -> Option<f64> {
        self.mean.as_ref().and_then(ToPrimitive::to_f64)
    }

    /// Which way a flagged rater leans; `None` when the rater is not flagged.
    pub fn lean(&self) -> Option<Lean> {
        match &self.mean {
            Some(m) if self.flagged && m.is_positive() => Some(Lean::Lenient),
            Some(_) if self.flagged => Some(Lean::Harsh),
            _ => None,
        }
    }
}

/// Which way a flagged rater leans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lean {
    /// Scores higher than the other raters (偏宽).
    Lenient,
    /// Scores lower (偏严).
    Harsh,
}

/// A rater is flagged when the mean difference is at least this many points …
pub const LENIENCY_POINTS: i64 = 5;
/// … over at least this many workers.
pub const LENIENCY_MIN_N: u64 = 3;

/// Krippendorff's conventional thresholds (*Content Analysis: An Introduction to Its
/// Methodology*, 2nd ed., 2004): data with α ≥ 0.800 are relied on; 0.667 ≤ α < 0.800 allow
/// tentative conclusions only; below, they are not relied on. Conventions, not laws: the
/// thresholds in thousandths, compared exactly.
pub const ALPHA_RELIABLE: (i64, i64) = (800, 1000);
/// See [`ALPHA_RELIABLE`].
pub const ALPHA_TENTATIVE: (i64, i64) = (667, 1000);

/// Audits `scored`: α, leniency and margins from what is loaded; the ballot files are read
/// again through `files` (as the bundle was loaded, with `options`) for the sheets.
pub fn audit<'s, 'b>(
    scored: &'s Scored<'b>,
    files: &dyn Files,
    options: &ReadOptions,
) -> Result<Audit<'s, 'b>, Error> {
    let bundle = scored.bundle();
    let rubric = bundle.rubric();
    let mut alpha = Vec::new();
    let mut raters = Vec::new();
    for (k, c) in rubric.components.iter().enumerate() {
        let any: &dyn std::any::Any = bundle.tallies(k);
        match &c.method {
            Method::Panel(_) => {
                let t = any.downcast_ref::<PanelTallies>();
                alpha.push(ComponentAlpha {
                    k,
                    component: c.id.clone(),
                    metric: Metric::Interval,
                    result: panel_alpha(t, scored.len()),
                });
                raters.push(PanelRaters {
                    k,
                    component: c.id.clone(),
                    raters: t.map(|t| leniency(t, scored.len())).unwrap_or_default(),
                });
            }
            Method::Interview(cfg) => {
                let t = any.downcast_ref::<InterviewTallies>();
                alpha.push(ComponentAlpha {
                    k,
                    component: c.id.clone(),
                    metric: Metric::Ordinal,
                    result: interview_alpha(t, cfg.dimensions.len(), scored.len()),
                });
            }
            _ => {}
        }
    }
    let comps = margins::ballot_components(bundle);
    // The ballot files are read again on a thread of their own while the margins are found on
    // the scoring's threads.
    let read_sheets = || -> Result<Vec<(usize, Sheets)>, Error> {
        let mut sheets = Vec::new();
        for c in comps.iter().filter(|c| c.tallies.is_some()) {
            let Method::Ballot(cfg) = &rubric.components[c.k].method else {
                continue;
            };
            if let Some(s) = sheets::sheets(bundle, files, options, c.k, cfg, c.best, c.worst)? {
                sheets.push((c.k, s));
            }
        }
        Ok(sheets)
    };
    let (sheets, margins) = if scored.threads() > 1 {
        std::thread::scope(|s| {
            let reading = s.spawn(read_sheets);
            let margins = margins::margins(scored);
            let sheets = reading
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (sheets, margins)
        })
    } else {
        (read_sheets(), margins::margins(scored))
    };
    Ok(Audit {
        scored,
        alpha,
        raters,
        ballot_components: comps.iter().map(|c| c.k).collect(),
        margins,
        sheets: sheets?,
    })
}

/// α of a panel: every score of the file (those a trim drops, and workers with too few scores,
/// too), coders the raters, units the workers.
fn panel_alpha(t: Option<&PanelTallies>, workers: usize) -> Alpha {
    let mut c = Coincidences::default();
    if let Some(t) = t {
        let mut values: Vec<Decimal> = Vec::new();
        for w in 0..workers {
            values.clear();
            values.extend(t.marks(w).map(|(_, s)| s));
            c.unit(&values);
        }
    }
    c.alpha(Metric::Interval)
}

/// α of interviews: every rating, coders the interviewers, units each worker's dimensions,
/// values the ratings' places in the rubric's order.
fn interview_alpha(t: Option<&InterviewTallies>, dims: usize, workers: usize) -> Alpha {
    let mut c = Coincidences::default();
    if let Some(t) = t {
        let mut by_dim: Vec<Vec<Decimal>> = vec![Vec::new(); dims];
        for w in 0..workers {
            by_dim.iter_mut().for_each(Vec::clear);
            for record in t.ratings(w) {
                for (d, r) in record.enumerate() {
                    if let (Some(r), Some(values)) = (r, by_dim.get_mut(d)) {
                        values.push(Decimal::from(r));
                    }
                }
            }
            for values in &by_dim {
                c.unit(values);
            }
        }
    }
    c.alpha(Metric::Ordinal)
}

/// Every panel rater's leniency.
fn leniency(t: &PanelTallies, workers: usize) -> Vec<Leniency> {
    let names = t.raters();
    let mut sums: Vec<(Exact, u64)> = vec![(Exact::int(0), 0); names.len()];
    let mut marks: Vec<(u32, Decimal)> = Vec::new();
    for w in 0..workers {
        marks.clear();
        marks.extend(t.marks(w));
        let m = marks.len();
        if m < 2 {
            continue;
        }
        let total = marks
            .iter()
            .fold(Exact::int(0), |a, (_, s)| a.add(&Exact::dec(*s)));
        let others = Exact::int(m as i64 - 1);
        for &(r, s) in &marks {
            let s = Exact::dec(s);
            // s − (total − s)/(m − 1)
            let d = s.sub(&total.sub(&s).div(&others));
            if let Some(acc) = sums.get_mut(r as usize) {
                acc.0 = acc.0.add(&d);
                acc.1 += 1;
            }
        }
    }
    let points = crate::num::qi(LENIENCY_POINTS);
    names
        .iter()
        .zip(sums)
        .map(|(id, (sum, n))| {
            let mean = (n > 0).then(|| sum.div(&Exact::int(n as i64)).into_q());
            let flagged = n >= LENIENCY_MIN_N && mean.as_ref().is_some_and(|m| m.abs() >= points);
            Leniency {
                rater_id: id.to_string(),
                n,
                mean,
                flagged,
            }
        })
        .collect()
}

/// How α reads by Krippendorff's conventions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// α ≥ 0.800.
    Reliable,
    /// 0.667 ≤ α < 0.800.
    Tentative,
    /// α < 0.667.
    Unreliable,
    /// No α (nothing pairable, or no expected disagreement).
    Undefined,
}

impl Reading {
    /// The reading of an exact α.
    pub fn of(alpha: Option<&Q>) -> Reading {
        let at = |(n, d): (i64, i64)| crate::num::qi(n) / crate::num::qi(d);
        match alpha {
            Some(a) if *a >= at(ALPHA_RELIABLE) => Reading::Reliable,
            Some(a) if *a >= at(ALPHA_TENTATIVE) => Reading::Tentative,
            Some(_) => Reading::Unreliable,
            None => Reading::Undefined,
        }
    }
}

/// Why α cannot be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undefined {
    /// No unit has two or more values: nothing to compare.
    NothingPairable,
    /// Every pairable value is the same: no disagreement is expected by chance.
    NoVariation,
}

impl ComponentAlpha {
    /// How α reads by Krippendorff's conventions.
    pub fn reading(&self) -> Reading {
        Reading::of(self.result.exact.as_ref())
    }

    /// Why α cannot be computed; `None` when it can.
    pub fn undefined(&self) -> Option<Undefined> {
        match (&self.result.exact, self.result.units) {
            (Some(_), _) => None,
            (None, 0) => Some(Undefined::NothingPairable),
            (None, _) => Some(Undefined::NoVariation),
        }
    }
}

/// The bins of the margins' histogram are [`MARGIN_BIN`] points wide from 0; the last of the
/// [`MARGIN_BINS`] holds everything from `(MARGIN_BINS − 1) × MARGIN_BIN` points up.
pub const MARGIN_BIN: i64 = 1;
/// See [`MARGIN_BIN`].
pub const MARGIN_BINS: usize = 11;

/// How many graded workers are how far from the bands beside them, in bins of [`MARGIN_BIN`]
/// points: bin `b` counts the margins `d` with `b ≤ d / MARGIN_BIN < b + 1`, the last bin
/// every larger margin too.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MarginHistogram {
    /// Points to the band above ([`Margin::to_upper`]; workers in the top band left out).
    pub to_upper: [usize; MARGIN_BINS],
    /// Points above the own band's minimum ([`Margin::to_lower`]; the bottom band left out).
    pub to_lower: [usize; MARGIN_BINS],
}

impl MarginHistogram {
    /// The lower end of bin `b`, in points.
    pub fn bin_start(b: usize) -> i64 {
        b as i64 * MARGIN_BIN
    }

    /// Whether bin `b` is the last, open one.
    pub fn is_last(b: usize) -> bool {
        b + 1 == MARGIN_BINS
    }

    fn bin(d: Decimal) -> usize {
        let b = (d / Decimal::from(MARGIN_BIN)).floor();
        b.to_usize().unwrap_or(0).min(MARGIN_BINS - 1)
    }
}

/// The margins counted: workers close to a band line or to a change of grade by a few ballots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MarginCounts {
    /// Less than [`NEAR_POINTS`] to the band above.
    pub near_upper: usize,
    /// Less than [`NEAR_POINTS`] above the own band's minimum.
    pub near_lower: usize,
    /// [`FEW_BALLOTS`] ballots or fewer of some ballot component would change the grade.
    pub few_ballots: usize,
}

/// A margin of less than this many points is near the line.
pub const NEAR_POINTS: i64 = 1;
/// A grade that this many ballots or fewer would change stands on a narrow margin.
pub const FEW_BALLOTS: u64 = 2;

impl<'s, 'b> Audit<'s, 'b> {
    /// The scored bundle audited.
    pub fn scored(&self) -> &'s Scored<'b> {
        self.scored
    }

    /// The margins' places in [`Audit::margins`] in posting order: by rank, the unranked
    /// last, then roster order.
    pub fn posting_order(&self) -> Vec<usize> {
        let place: Vec<Option<u32>> = self
            .margins
            .iter()
            .map(|m| self.scored.rank(m.worker))
            .collect();
        let mut order: Vec<usize> = (0..self.margins.len()).collect();
        order.sort_by_key(|&i| (place[i].is_none(), place[i], i));
        order
    }

    /// The margins in bins (a histogram's counts).
    pub fn margin_histogram(&self) -> MarginHistogram {
        let mut h = MarginHistogram::default();
        for m in &self.margins {
            if let Some(d) = m.to_upper {
                h.to_upper[MarginHistogram::bin(d)] += 1;
            }
            if let Some(d) = m.to_lower {
                h.to_lower[MarginHistogram::bin(d)] += 1;
            }
        }
        h
    }

    /// The workers near a band line or a few ballots from another grade.
    pub fn margin_counts(&self) -> MarginCounts {
        let near = Decimal::from(NEAR_POINTS);
        let few = |v: &[Option<u64>]| v.iter().any(|n| n.is_some_and(|n| n <= FEW_BALLOTS));
        let mut c = MarginCounts::default();
        for m in &self.margins {
            c.near_upper += usize::from(m.to_upper.is_some_and(|d| d < near));
            c.near_lower += usize::from(m.to_lower.is_some_and(|d| d < near));
            c.few_ballots += usize::from(few(&m.ballots_down) || few(&m.ballots_up));
        }
        c
    }
}
