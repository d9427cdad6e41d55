//! 个别谈话: interviewers rate the worker on dimensions (德能勤绩廉).

use num_traits::Zero;

use rust_decimal::Decimal;
use serde::Serialize;

use std::sync::Arc;

use super::{Detail, Facts, Kind, Missing, Tallies};
use crate::input::Worker;
use crate::input::cells::{Ctx, KeySpec, Prints};
use crate::input::table::{Columns, RowSource, Table};
use crate::num::{Exact, exact_add, exact_mul, q};
use crate::rubric::Interview;

/// The interview file's columns.
pub const COLUMNS: Columns = Columns {
    required: &["worker_id", "interviewer_id", "dimension", "rating"],
    optional: &[],
};

/// The interview method, as the loader sees it.
pub(crate) struct InterviewKind;

impl Kind for InterviewKind {
    type Config = Interview;
    const COLUMNS: Columns = COLUMNS;
    const KEY: KeySpec = KeySpec {
        parts: &["interviewer_id", "dimension"],
        at: "dimension",
        what: || crate::msg!("what-dup-rating"),
    };

    fn load<S: RowSource>(
        table: &mut Table<S>,
        cfg: &Interview,
        workers: usize,
        ctx: &mut Ctx,
    ) -> (Arc<dyn Tallies>, Option<Vec<u64>>) {
        let mut accs = vec![Acc::default(); workers];
        let (suspects, names) = load(table, cfg, &mut accs, ctx);
        let t = InterviewTallies {
            cfg: cfg.clone(),
            accs,
            names,
        };
        (Arc::new(t), suspects)
    }
}

/// Every worker's tallies of the file.
#[derive(Debug)]
pub(crate) struct InterviewTallies {
    cfg: Interview,
    accs: Vec<Acc>,
    /// The interviewer ids the tallies number.
    names: Vec<Box<str>>,
}

impl Tallies for InterviewTallies {
    fn score(&self, w: usize, _: &Worker) -> Result<Exact, Missing> {
        score_at(&self.accs[w], &self.names, &self.cfg, false).0
    }

    fn facts(&self, w: usize, _: &Worker) -> Facts {
        Facts::Interview {
            interviewers: self.accs[w].interviewers(&self.cfg),
        }
    }

    fn detail(&self, w: usize, _: &Worker) -> Detail {
        Detail::Interview(score_at(&self.accs[w], &self.names, &self.cfg, true).1)
    }
}

impl InterviewTallies {
    /// Worker `w`'s ratings: for each interviewer, in file order, the place of the rating of
    /// each dimension among the rubric's ratings (`None` when not rated).
    pub(crate) fn ratings(
        &self,
        w: usize,
    ) -> impl Iterator<Item = impl Iterator<Item = Option<usize>> + '_> + '_ {
        self.accs[w]
            .records(self.cfg.dimensions.len())
            .map(|(_, rated)| rated.iter().map(|&r| (r != NONE).then_some(r as usize)))
    }
}

/// A worker's interview ratings: one record per interviewer, in file order, of the
/// interviewer's number in the file's list of interviewer ids (4 bytes, little-endian; loading
/// the file gives the list beside the tallies) and then one rating index per dimension (`NONE`
/// when not rated). One small allocation per worker.
#[derive(Debug, Clone, Default)]
struct Acc {
    records: Vec<u8>,
}

impl Acc {
    /// The records: (interviewer number, ratings by dimension).
    fn records(&self, dims: usize) -> impl Iterator<Item = (u32, &[u8])> {
        self.records.chunks_exact(4 + dims).map(|r| {
            let (id, ratings) = r.split_at(4);
            let id = id.try_into().map_or(u32::MAX, u32::from_le_bytes);
            (id, ratings)
        })
    }

    /// How many interviewers rated the worker: the length of
    /// [`InterviewDetail::interviewers`].
    fn interviewers(&self, cfg: &Interview) -> usize {
        self.records.len() / (4 + cfg.dimensions.len())
    }
}

/// One interviewer's ratings and value.
#[derive(Debug, Clone, Serialize)]
pub struct InterviewerDetail {
    /// The interviewer.
    pub interviewer_id: String,
    /// (dimension, rating) pairs rated.
    pub ratings: Vec<(String, String)>,
    /// The weighted mean of the dimensions rated, rounded to 4 decimals for display.
    #[serde(serialize_with = "crate::num::ser_number")]
    pub value: Decimal,
}

/// The figures behind an interview score.
#[derive(Debug, Clone, Serialize)]
pub struct InterviewDetail {
    /// Every interviewer in file order.
    pub interviewers: Vec<InterviewerDetail>,
}

/// Reads the file's rows into `accs`; returns the duplicate-key suspects (see
/// [`Prints::finish`]) and the interviewer ids that the tallies number.
fn load<S: RowSource>(
    table: &mut Table<S>,
    cfg: &Interview,
    accs: &mut [Acc],
    ctx: &mut Ctx,
) -> (Option<Vec<u64>>, Vec<Box<str>>) {
    let mut keys = Prints::default();
    let key = &InterviewKind::KEY;
    let mut names = super::Names::default();
    let dims = cfg.dimensions.len();
    let col_worker_id = table.column("worker_id");
    let col_interviewer_id = table.column("interviewer_id");
    let col_dimension = table.column("dimension");
    let col_rating = table.column("rating");
    while let Some(good) = table.advance(ctx.sink) {
        if !good {
            continue;
        }
        let wc = table.at(col_worker_id);
        let ic = table.at(col_interviewer_id);
        let dc = table.at(col_dimension);
        let rc = table.at(col_rating);
        let worker = ctx.worker(&wc);
        let dim = ctx.label(
            &dc,
            cfg.dimensions.iter().map(|d| d.label.as_str()),
            crate::msg!("what-dimension"),
        );
        let rating = ctx.label(
            &rc,
            cfg.ratings.iter().map(|r| r.label.as_str()),
            crate::msg!("what-rating"),
        );
        let Some(w) = worker else { continue };
        keys.insert(w, table, key);
        if let (Some(d), Some(r)) = (dim, rating) {
            let acc = &mut accs[w];
            let Some(id) = names.number(ic.text) else {
                ctx.error(&ic, crate::msg!("error-too-many-interviewers"));
                continue;
            };
            let found = acc.records(dims).position(|(x, _)| x == id);
            let start = match found {
                Some(i) => i * (4 + dims),
                None => {
                    let start = acc.records.len();
                    acc.records.extend_from_slice(&id.to_le_bytes());
                    acc.records.extend(std::iter::repeat_n(NONE, dims));
                    start
                }
            };
            // Ratings are few (checked against the rubric); an index past u8 is not kept.
            if let Ok(r) = u8::try_from(r)
                && r != NONE
                && let Some(slot) = acc.records.get_mut(start + 4 + d)
            {
                *slot = r;
            }
        }
    }
    for acc in accs.iter_mut() {
        acc.records.shrink_to_fit();
    }
    (keys.finish(), names.finish())
}

/// The exact score (or why it is missing) and its details.
/// `interviewers` are the file's interviewer ids, as loading the file gives them.
#[cfg(test)]
fn score(
    acc: &Acc,
    interviewers: &[Box<str>],
    cfg: &Interview,
) -> (Result<crate::num::Q, Missing>, InterviewDetail) {
    let (r, d) = score_at(acc, interviewers, cfg, true);
    (r.map(Exact::into_q), d)
}

/// The exact score (or why it is missing); with `full`, the details too (their list of
/// interviewers is left empty otherwise).
fn score_at(
    acc: &Acc,
    interviewers: &[Box<str>],
    cfg: &Interview,
    full: bool,
) -> (Result<Exact, Missing>, InterviewDetail) {
    let mut detail = InterviewDetail {
        interviewers: vec![],
    };
    let mut values = Vec::new();
    let scales = Scales::of(cfg);
    for (id, rated) in acc.records(cfg.dimensions.len()) {
        let value = scales
            .and_then(|s| int_value(rated, cfg, s))
            .unwrap_or_else(|| decimal_value(rated, cfg));
        if full {
            let ratings = rated
                .iter()
                .enumerate()
                .filter(|&(_, &r)| r != NONE)
                .filter_map(|(d, &r)| {
                    let (dim, rating) = (cfg.dimensions.get(d)?, cfg.ratings.get(r as usize)?);
                    Some((dim.label.clone(), rating.label.clone()))
                })
                .collect();
            detail.interviewers.push(InterviewerDetail {
                interviewer_id: super::name(interviewers, id).to_string(),
                ratings,
                value: crate::num::round(
                    &value.clone().into_q(),
                    4,
                    crate::num::RoundingMode::HalfUp,
                ),
            });
        }
        values.push(value);
    }
    if values.len() < cfg.min_interviewers {
        let n = values.len();
        return (
            Err(if n == 0 {
                Missing::NoInterviewer
            } else {
                Missing::TooFewInterviewers {
                    count: n,
                    min: cfg.min_interviewers,
                }
            }),
            detail,
        );
    }
    let n = values.len() as i64;
    let sum = values.iter().fold(Exact::int(0), |a, v| a.add(v));
    (Ok(sum.div(&Exact::int(n))), detail)
}

/// The largest number of decimals among the rubric's dimension weights and among its rating
/// values: at those scales every weight and value is a whole number.
#[derive(Clone, Copy)]
struct Scales {
    weights: u32,
    values: u32,
}

impl Scales {
    fn of(cfg: &Interview) -> Option<Scales> {
        Some(Scales {
            weights: cfg.dimensions.iter().map(|d| d.weight.scale()).max()?,
            values: cfg.ratings.iter().map(|r| r.value.scale()).max()?,
        })
    }
}

/// `d` as a whole number at `scale` decimals (`scale` at least `d`'s), when it fits.
fn whole_at(d: Decimal, scale: u32) -> Option<i128> {
    d.mantissa()
        .checked_mul(10i128.checked_pow(scale.checked_sub(d.scale())?)?)
}

/// An interviewer's value, the weighted mean of the dimensions rated, in machine integers;
/// `None` when they would overflow or nothing is rated.
fn int_value(rated: &[u8], cfg: &Interview, s: Scales) -> Option<Exact> {
    let (mut num, mut den) = (0i128, 0i128);
    for (d, &r) in rated.iter().enumerate() {
        if r == NONE {
            continue;
        }
        let (Some(dim), Some(rating)) = (cfg.dimensions.get(d), cfg.ratings.get(r as usize)) else {
            continue;
        };
        let w = whole_at(dim.weight, s.weights)?;
        let v = whole_at(rating.value, s.values)?;
        num = num.checked_add(w.checked_mul(v)?)?;
        den = den.checked_add(w)?;
    }
    if den == 0 {
        return None;
    }
    let den = den.checked_mul(10i128.checked_pow(s.values)?)?;
    Some(Exact::Small(num, 1).div(&Exact::Small(den, 1)))
}

/// An interviewer's value in decimals, or in big rationals when decimal sums would overflow.
fn decimal_value(rated: &[u8], cfg: &Interview) -> Exact {
    let mut num = Decimal::ZERO;
    let mut den = Decimal::ZERO;
    let mut exact = true;
    for (d, &r) in rated.iter().enumerate() {
        if r != NONE {
            let (Some(dim), Some(rating)) = (cfg.dimensions.get(d), cfg.ratings.get(r as usize))
            else {
                continue;
            };
            // Decimal sums and products are exact unless they overflow (checked).
            match (
                exact_mul(dim.weight, rating.value).and_then(|p| exact_add(num, p)),
                exact_add(den, dim.weight),
            ) {
                (Some(n), Some(d)) => (num, den) = (n, d),
                _ => exact = false,
            }
        }
    }
    if exact {
        Exact::dec(num).div(&Exact::dec(den))
    } else {
        slow_value(rated, cfg)
    }
}

/// An interviewer's value in big rationals, when decimal sums would overflow.
fn slow_value(rated: &[u8], cfg: &Interview) -> Exact {
    let mut num = q(Decimal::ZERO);
    let mut den = q(Decimal::ZERO);
    for (d, &r) in rated.iter().enumerate() {
        if let (true, Some(dim), Some(rating)) = (
            r != NONE,
            cfg.dimensions.get(d),
            cfg.ratings.get(r as usize),
        ) {
            num += q(dim.weight) * q(rating.value);
            den += q(dim.weight);
        }
    }
    if den.is_zero() {
        return Exact::Big(den);
    }
    Exact::Big(num / den)
}

/// No rating for the dimension.
const NONE: u8 = u8::MAX;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::round2;
    use crate::rubric::{Dimension, LabelValue};

    fn score(acc: &Acc, cfg: &Interview) -> (Result<crate::num::Q, Missing>, InterviewDetail) {
        super::score(acc, &["A".into(), "B".into()], cfg)
    }

    fn cfg(weights: [i64; 5]) -> Interview {
        let dims = ["德", "能", "勤", "绩", "廉"];
        Interview {
            dimensions: dims
                .iter()
                .zip(weights)
                .map(|(l, w)| Dimension {
                    label: (*l).into(),
                    weight: Decimal::from(w),
                })
                .collect(),
            ratings: [("好", 100), ("较好", 80), ("一般", 60), ("差", 40)]
                .iter()
                .map(|(l, v)| LabelValue {
                    label: (*l).into(),
                    value: Decimal::from(*v),
                })
                .collect(),
            min_interviewers: 1,
        }
    }

    #[test]
    fn mean_of_interviewers_each_the_mean_of_their_dimensions() {
        // A rates all five: 好 好 较好 较好 一般 → (100+100+80+80+60)/5 = 84.
        // B rates two: 好 差 → (100+40)/2 = 70. Score = (84 + 70) / 2 = 77.
        let a = Acc {
            records: vec![
                0, 0, 0, 0, 0, 0, 1, 1, 2, 1, 0, 0, 0, 0, NONE, NONE, NONE, 3,
            ],
        };
        let (s, d) = score(&a, &cfg([1; 5]));
        assert_eq!(round2(&s.unwrap()).to_string(), "77.00");
        assert_eq!(d.interviewers[1].value.to_string(), "70.0000");
        assert_eq!(d.interviewers[1].interviewer_id, "B");
    }

    proptest::proptest! {
        /// Machine integers give the value that decimal arithmetic gives.
        #[test]
        fn integer_values_are_the_decimal_values(
            weights in proptest::collection::vec((1i64..5000, 0u32..4), 5),
            values in proptest::collection::vec((0i64..100_000, 0u32..3), 4),
            rated in proptest::collection::vec(proptest::option::of(0u8..4), 5),
        ) {
            let mut c = cfg([1; 5]);
            for (dim, (m, s)) in c.dimensions.iter_mut().zip(&weights) {
                dim.weight = Decimal::new(*m, *s);
            }
            for (rating, (m, s)) in c.ratings.iter_mut().zip(&values) {
                rating.value = Decimal::new(*m, *s);
            }
            let rated: Vec<u8> = rated.iter().map(|r| r.unwrap_or(NONE)).collect();
            let want = decimal_value(&rated, &c).into_q();
            match Scales::of(&c).and_then(|s| int_value(&rated, &c, s)) {
                Some(v) => proptest::prop_assert_eq!(v.into_q(), want),
                None => proptest::prop_assert!(rated.iter().all(|&r| r == NONE)),
            }
        }
    }

    #[test]
    fn dimension_weights_apply_to_the_dimensions_rated() {
        // Weights 3,2,2,2,1; A: 好 on 德 (w 3), 一般 on 廉 (w 1) → (300 + 60) / 4 = 90.
        let a = Acc {
            records: vec![0, 0, 0, 0, 0, NONE, NONE, NONE, 2],
        };
        assert_eq!(
            round2(&score(&a, &cfg([3, 2, 2, 2, 1])).0.unwrap()).to_string(),
            "90.00"
        );
        assert_eq!(
            score(&Acc::default(), &cfg([1; 5]))
                .0
                .unwrap_err()
                .text(crate::i18n::Lang::En),
            "no interviewer"
        );
    }
}
