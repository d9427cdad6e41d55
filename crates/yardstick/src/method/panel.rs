//! 个人汇报: a panel of raters scores each worker's report; extreme scores may be trimmed.

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Detail, Facts, Kind, Missing, Tallies};
use crate::input::Worker;
use crate::input::cells::{Ctx, KeySpec, Prints};
use crate::input::table::{Columns, RowSource, Table};
use crate::num::{Exact, count};
use crate::rubric::Panel;

/// The panel file's columns.
pub const COLUMNS: Columns = Columns {
    required: &["worker_id", "rater_id", "score"],
    optional: &[],
};

/// The panel method, as the loader sees it.
pub(crate) struct PanelKind;

impl Kind for PanelKind {
    type Config = Panel;
    const COLUMNS: Columns = COLUMNS;
    const KEY: KeySpec = KeySpec {
        parts: &["rater_id"],
        at: "rater_id",
        what: || crate::msg!("what-dup-score"),
    };

    fn load<S: RowSource>(
        table: &mut Table<S>,
        cfg: &Panel,
        workers: usize,
        ctx: &mut Ctx,
    ) -> (Arc<dyn Tallies>, Option<Vec<u64>>) {
        let mut accs = vec![Acc::default(); workers];
        let (suspects, marks) = load(table, cfg, &mut accs, ctx);
        let t = PanelTallies {
            cfg: cfg.clone(),
            accs,
            marks,
        };
        (Arc::new(t), suspects)
    }
}

/// Every worker's panel scores, with the rater ids and long scores they share.
#[derive(Debug)]
pub(crate) struct PanelTallies {
    cfg: Panel,
    accs: Vec<Acc>,
    marks: Marks,
}

impl Tallies for PanelTallies {
    fn score(&self, w: usize, _: &Worker) -> Result<Exact, Missing> {
        score_at(&self.accs[w], &self.marks, &self.cfg, false).0
    }

    fn facts(&self, w: usize, _: &Worker) -> Facts {
        // From the number of scores alone: the mean is taken over those left after trimming.
        let count = self.accs[w].count();
        let used = match self.cfg.trim {
            _ if count < self.cfg.min_count => 0,
            Some(t) if count >= t.at_least => count - 2 * t.drop,
            _ => count,
        };
        Facts::Panel { count, used }
    }

    fn detail(&self, w: usize, _: &Worker) -> Detail {
        Detail::Panel(score_at(&self.accs[w], &self.marks, &self.cfg, true).1)
    }
}

impl PanelTallies {
    /// Every score of worker `w`, in file order, trimmed or not: (rater number, score).
    pub(crate) fn marks(&self, w: usize) -> impl Iterator<Item = (u32, Decimal)> + '_ {
        self.accs[w]
            .scores
            .iter()
            .map(|&m| (m.rater, self.marks.score(m)))
    }

    /// The rater ids, by number.
    pub(crate) fn raters(&self) -> &[Box<str>] {
        &self.marks.raters
    }
}

/// One rater's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RaterScore {
    /// The rater.
    pub rater_id: String,
    /// The score given.
    #[serde(serialize_with = "crate::num::ser_number")]
    pub score: Decimal,
}

/// A worker's panel scores, in file order, 12 bytes each (see [`Marks`]), so that a
/// province's panels take little memory.
#[derive(Debug, Clone, Default)]
struct Acc {
    scores: Vec<Mark>,
}

/// One score: the rater's number in the file's list of rater ids, and the score's digits and
/// decimals; a score whose digits do not fit in 32 bits is in the file's list of long scores.
#[derive(Debug, Clone, Copy)]
struct Mark {
    rater: u32,
    digits: i32,
    /// The number of decimals, or [`LONG`]: then `digits` is the place in the long scores.
    scale: u8,
}

const LONG: u8 = u8::MAX;

/// What the tallies of one panel file share: the rater ids, and the rare scores too long to
/// hold in a tally. Loading the file gives it beside the tallies.
#[derive(Debug, Clone, Default)]
struct Marks {
    raters: Vec<Box<str>>,
    long: Vec<Decimal>,
}

impl Marks {
    /// A mark for `score` by rater number `rater`; `None` past 2³¹ long scores.
    fn mark(&mut self, rater: u32, score: Decimal) -> Option<Mark> {
        // A negative zero keeps its sign only as a long score.
        let short = i32::try_from(score.mantissa())
            .ok()
            .filter(|&d| d != 0 || !score.is_sign_negative())
            .zip(u8::try_from(score.scale()).ok().filter(|&s| s != LONG));
        Some(match short {
            Some((digits, scale)) => Mark {
                rater,
                digits,
                scale,
            },
            None => {
                let place = i32::try_from(self.long.len()).ok()?;
                self.long.push(score);
                Mark {
                    rater,
                    digits: place,
                    scale: LONG,
                }
            }
        })
    }

    /// The score of `mark`.
    fn score(&self, mark: Mark) -> Decimal {
        if mark.scale == LONG {
            let place = usize::try_from(mark.digits).unwrap_or(usize::MAX);
            self.long.get(place).copied().unwrap_or_default()
        } else {
            Decimal::try_new(i64::from(mark.digits), u32::from(mark.scale)).unwrap_or_default()
        }
    }
}

impl Acc {
    /// How many scores the worker has: the length of [`PanelDetail::scores`].
    fn count(&self) -> usize {
        self.scores.len()
    }

    fn rater_scores(&self, marks: &Marks) -> Vec<RaterScore> {
        self.scores
            .iter()
            .map(|&m| RaterScore {
                rater_id: super::name(&marks.raters, m.rater).to_string(),
                score: marks.score(m),
            })
            .collect()
    }
}

/// The figures behind a panel score.
#[derive(Debug, Clone, Serialize)]
pub struct PanelDetail {
    /// Every score, in file order.
    pub scores: Vec<RaterScore>,
    /// Lowest scores dropped by trimming.
    pub dropped_low: Vec<RaterScore>,
    /// Highest scores dropped by trimming.
    pub dropped_high: Vec<RaterScore>,
    /// How many scores make up the mean.
    pub used: usize,
    /// The rubric's minimum number of scores.
    pub min_count: usize,
}

/// Reads the file's rows into `accs`; returns the duplicate-key suspects (see
/// [`Prints::finish`]) and what the tallies share.
fn load<S: RowSource>(
    table: &mut Table<S>,
    cfg: &Panel,
    accs: &mut [Acc],
    ctx: &mut Ctx,
) -> (Option<Vec<u64>>, Marks) {
    let mut keys = Prints::default();
    let key = &PanelKind::KEY;
    let mut raters = super::Names::default();
    let mut marks = Marks::default();
    let col_worker_id = table.column("worker_id");
    let col_rater_id = table.column("rater_id");
    let col_score = table.column("score");
    while let Some(good) = table.advance(ctx.sink) {
        if !good {
            continue;
        }
        let wc = table.at(col_worker_id);
        let rc = table.at(col_rater_id);
        let sc = table.at(col_score);
        let worker = ctx.worker(&wc);
        let score = ctx.number(&sc, Some(cfg.min_score), Some(cfg.max_score));
        if let Some(w) = worker {
            keys.insert(w, table, key);
            if let Some(score) = score {
                match raters.number(rc.text).and_then(|r| marks.mark(r, score)) {
                    Some(m) => accs[w].scores.push(m),
                    None => ctx.error(&rc, crate::msg!("error-too-many-raters")),
                }
            }
        }
    }
    for acc in accs.iter_mut() {
        acc.scores.shrink_to_fit();
    }
    marks.raters = raters.finish();
    (keys.finish(), marks)
}

/// The exact score (or why it is missing) and its details; `marks` is what loading the file
/// gives beside the tallies.
#[cfg(test)]
fn score(acc: &Acc, marks: &Marks, cfg: &Panel) -> (Result<crate::num::Q, Missing>, PanelDetail) {
    let (r, d) = score_at(acc, marks, cfg, true);
    (r.map(Exact::into_q), d)
}

/// As [`score`]; without `full`, the detail's lists of scores are left empty (only `used` is
/// wanted then).
fn score_at(
    acc: &Acc,
    marks: &Marks,
    cfg: &Panel,
    full: bool,
) -> (Result<Exact, Missing>, PanelDetail) {
    let n = acc.scores.len();
    let mut detail = PanelDetail {
        scores: if full {
            acc.rater_scores(marks)
        } else {
            vec![]
        },
        dropped_low: vec![],
        dropped_high: vec![],
        used: 0,
        min_count: cfg.min_count,
    };
    if n < cfg.min_count {
        return (
            Err(Missing::TooFewScores {
                count: n,
                min: cfg.min_count,
            }),
            detail,
        );
    }
    // Positions in the file, sorted by score; the sort is stable, so among equal scores the
    // first in the file is dropped first.
    let scores: Vec<Decimal> = acc.scores.iter().map(|&m| marks.score(m)).collect();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by_key(|&i| scores[i as usize]);
    let mut kept: &[u32] = &order;
    if let Some(trim) = cfg.trim
        && n >= trim.at_least
    {
        if full {
            let pick = |is: &[u32]| {
                is.iter()
                    .map(|&i| detail.scores[i as usize].clone())
                    .collect()
            };
            detail.dropped_low = pick(&order[..trim.drop]);
            detail.dropped_high = pick(&order[n - trim.drop..]);
        }
        kept = &order[trim.drop..n - trim.drop];
    }
    detail.used = kept.len();
    let sum: Decimal = kept.iter().map(|&i| scores[i as usize]).sum();
    (Ok(Exact::dec(sum).div(&count(kept.len() as u64))), detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::round2;
    use crate::rubric::Trim;

    fn cfg() -> Panel {
        Panel {
            min_score: Decimal::ZERO,
            max_score: Decimal::ONE_HUNDRED,
            min_count: 3,
            trim: Some(Trim {
                at_least: 6,
                drop: 1,
            }),
        }
    }

    fn acc(scores: &[&str]) -> (Acc, Marks) {
        let mut marks = Marks::default();
        let mut acc = Acc::default();
        for (i, s) in scores.iter().enumerate() {
            marks.raters.push(format!("R{i}").into());
            let m = marks.mark(i as u32, s.parse().unwrap()).unwrap();
            acc.scores.push(m);
        }
        (acc, marks)
    }

    fn score(
        (acc, marks): &(Acc, Marks),
        cfg: &Panel,
    ) -> (Result<crate::num::Q, Missing>, PanelDetail) {
        super::score(acc, marks, cfg)
    }

    #[test]
    fn marks_keep_every_score_exactly_as_written() {
        // Short scores in place, with their decimals ("87.50" stays "87.50"); long ones and a
        // negative zero in the file's list.
        let texts = [
            "87.50",
            "90",
            "0.001",
            "-0",
            "99.123456789",
            "12345678901234567890.5",
        ];
        let (acc, marks) = acc(&texts);
        let negative_zero = "-0".parse::<Decimal>().unwrap().is_sign_negative();
        assert_eq!(marks.long.len(), 2 + usize::from(negative_zero));
        let got: Vec<String> = acc
            .rater_scores(&marks)
            .iter()
            .map(|r| format!("{}={}", r.rater_id, r.score))
            .collect();
        let want: Vec<String> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| format!("R{i}={}", t.parse::<Decimal>().unwrap()))
            .collect();
        assert_eq!(got, want);
        assert_eq!(std::mem::size_of::<Mark>(), 12);
    }

    #[test]
    fn six_scores_drop_one_highest_and_one_lowest_once() {
        // docs/contract.md 5.1: a doubled top score is dropped once.
        // 95, 95, 88, 86, 84, 70: drop one 95 and 70 → (95 + 88 + 86 + 84) / 4 = 88.25.
        let (s, d) = score(&acc(&["95", "88", "95", "86", "70", "84"]), &cfg());
        assert_eq!(round2(&s.unwrap()).to_string(), "88.25");
        assert_eq!(d.dropped_high.len(), 1);
        assert_eq!(d.dropped_low[0].score.to_string(), "70");
        assert_eq!(d.dropped_low[0].rater_id, "R4");
        assert_eq!(d.dropped_high[0].rater_id, "R2");
        assert_eq!(d.used, 4);
    }

    #[test]
    fn five_scores_take_the_plain_mean() {
        // (90 + 80 + 85 + 70 + 100) / 5 = 85.
        let (s, d) = score(&acc(&["90", "80", "85", "70", "100"]), &cfg());
        assert_eq!(round2(&s.unwrap()).to_string(), "85.00");
        assert!(d.dropped_high.is_empty());
        // (80 + 81 + 81) / 3 = 80.666… → 80.67.
        let (s, _) = score(&acc(&["80", "81", "81"]), &cfg());
        assert_eq!(round2(&s.unwrap()).to_string(), "80.67");
    }

    #[test]
    fn fewer_than_three_scores_are_missing() {
        let (s, _) = score(&acc(&["90", "80"]), &cfg());
        assert_eq!(
            s.unwrap_err().text(crate::i18n::Lang::En),
            "2 score(s); at least 3 needed"
        );
    }
}
