//! 民主测评: ballot sheets with one choice per worker, optionally weighted by voter group.

use std::sync::Arc;

use serde::Serialize;

use super::{Counts, Detail, Facts, Kind, Missing, Tallies, Tally, tallies};
use crate::input::Worker;
use crate::input::cells::{Ctx, KeySpec, Prints};
use crate::input::table::{Columns, RowSource, Table};
use crate::num::{Exact, count, dot};
use crate::rubric::{Ballot, Quorum};

/// The ballot file's columns.
pub const COLUMNS: Columns = Columns {
    required: &["ballot_id", "worker_id"],
    optional: &["choice", "group"],
};

/// The ballot method, as the loader sees it.
pub(crate) struct BallotKind;

impl Kind for BallotKind {
    type Config = Ballot;
    const COLUMNS: Columns = COLUMNS;
    const KEY: KeySpec = KeySpec {
        parts: &["ballot_id"],
        at: "ballot_id",
        what: || crate::msg!("what-dup-ballot"),
    };

    fn load<S: RowSource>(
        table: &mut Table<S>,
        cfg: &Ballot,
        workers: usize,
        ctx: &mut Ctx,
    ) -> (Arc<dyn Tallies>, Option<Vec<u64>>) {
        let mut accs = vec![Acc::default(); workers];
        let suspects = load(table, cfg, &mut accs, ctx);
        let t = BallotTallies {
            cfg: cfg.clone(),
            accs,
        };
        (Arc::new(t), suspects)
    }
}

/// How a ballot file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileLayout {
    /// One row per ballot sheet per worker (`ballot_id, worker_id, choice`).
    Sheets,
    /// A vote-count sheet (测评汇总表): one row per worker (per worker and group when groups
    /// are weighted), one column per choice holding how many ballots chose it.
    Counts,
}

/// The layout of the ballot file at `path`, told from its header (within the first rows, a
/// title above it allowed): a `ballot_id` (票号) column means sheets; otherwise a column named
/// after one of the rubric's choices means counts. A file that says neither is read as sheets,
/// so that its missing columns are reported as such.
pub(crate) fn layout_of(
    files: &dyn crate::input::Files,
    path: &std::path::Path,
    options: &crate::input::ReadOptions,
    cfg: &Ballot,
) -> FileLayout {
    let mut scratch = crate::error::Sink::default();
    let Some(mut source) = crate::input::source::open(files, path, "", options, &mut scratch)
    else {
        return FileLayout::Sheets;
    };
    let mut row = match source.header() {
        Ok(Some(r)) => r,
        _ => return FileLayout::Sheets,
    };
    let choice =
        |c: &str| cfg.options.iter().any(|o| o.label == c) || cfg.not_valid.iter().any(|l| l == c);
    for _ in 0..3 {
        if row.cells().any(|c| c == "ballot_id" || c == "票号") {
            return FileLayout::Sheets;
        }
        if row.cells().any(choice) {
            return FileLayout::Counts;
        }
        match source.next_row(&mut row) {
            Ok(true) => {}
            _ => break,
        }
    }
    FileLayout::Sheets
}

/// The vote-count layout (测评汇总表), as the loader sees it.
pub(crate) struct BallotCountsKind;

impl Kind for BallotCountsKind {
    type Config = Ballot;
    const COLUMNS: Columns = Columns {
        required: &["worker_id"],
        optional: &["group", "blank"],
    };
    const KEY: KeySpec = KeySpec {
        parts: &["group"],
        at: "worker_id",
        what: || crate::msg!("what-dup-vote-count"),
    };

    fn extra_columns(cfg: &Ballot) -> Vec<String> {
        cfg.options
            .iter()
            .map(|o| o.label.clone())
            .chain(cfg.not_valid.iter().cloned())
            .collect()
    }

    fn load<S: RowSource>(
        table: &mut Table<S>,
        cfg: &Ballot,
        workers: usize,
        ctx: &mut Ctx,
    ) -> (Arc<dyn Tallies>, Option<Vec<u64>>) {
        let mut accs = vec![Acc::default(); workers];
        let suspects = load_counts(table, cfg, &mut accs, ctx);
        let t = BallotTallies {
            cfg: cfg.clone(),
            accs,
        };
        (Arc::new(t), suspects)
    }
}

/// Every worker's ballots.
#[derive(Debug)]
pub(crate) struct BallotTallies {
    cfg: Ballot,
    accs: Vec<Acc>,
}

impl Tallies for BallotTallies {
    fn score(&self, w: usize, worker: &Worker) -> Result<Exact, Missing> {
        score_at(&self.accs[w], &self.cfg, worker.electorate, false).0
    }

    fn facts(&self, w: usize, worker: &Worker) -> Facts {
        // From the counts alone (no mean is needed).
        let (acc, cfg) = (&self.accs[w], &self.cfg);
        let lay = layout(cfg);
        let per_label = |l: usize| -> u64 { (0..lay.groups).map(|g| acc.count(g, l, &lay)).sum() };
        let votes: Vec<u64> = (0..lay.options).map(per_label).collect();
        let valid: u64 = votes.iter().sum();
        let cast = valid + (lay.options..lay.labels).map(per_label).sum::<u64>();
        let quorum_met = match (cfg.quorum, worker.electorate) {
            (Quorum::MoreThanHalf, Some(e)) if e > 0 => 2 * cast > e,
            _ => true,
        };
        Facts::Ballot {
            cast,
            valid,
            electorate: worker.electorate,
            quorum_met,
            votes,
        }
    }

    fn detail(&self, w: usize, worker: &Worker) -> Detail {
        Detail::Ballot(score_at(&self.accs[w], &self.cfg, worker.electorate, true).1)
    }

    fn option_share(&self, w: usize, option: usize) -> Option<(u64, u64)> {
        self.accs[w].option_share(&self.cfg, option)
    }
}

impl BallotTallies {
    /// The rubric's settings the file was read under.
    pub(crate) fn config(&self) -> &Ballot {
        &self.cfg
    }

    /// Worker `w`'s ballots: the count of each choice in each group, at
    /// `group × labels + choice` (choices: the options, the not-valid labels, the blank).
    pub(crate) fn counts(&self, w: usize) -> Vec<u64> {
        let lay = layout(&self.cfg);
        self.accs[w].counts.first(lay.groups * lay.labels)
    }

    /// Ballots counted as [`Self::counts`] gives, to score them.
    pub(crate) fn with_counts(&self, counts: Vec<u64>) -> Counted<'_> {
        Counted {
            cfg: &self.cfg,
            acc: Acc {
                counts: Counts::Heap(counts),
            },
        }
    }
}

/// Ballots given as counts (the fairness audit's moved ballots), scored as the file's are.
pub(crate) struct Counted<'a> {
    cfg: &'a Ballot,
    acc: Acc,
}

impl Counted<'_> {
    /// The score, or why it is missing.
    pub(crate) fn score(&self, electorate: Option<u64>) -> Result<Exact, Missing> {
        score_at(&self.acc, self.cfg, electorate, false).0
    }

    /// Votes for option `k` and valid ballots.
    pub(crate) fn share(&self, k: usize) -> (u64, u64) {
        self.acc.option_share(self.cfg, k).unwrap_or((0, 0))
    }
}

/// A worker's ballots: counts per group and per choice (options, then not-valid labels, then
/// blank).
#[derive(Debug, Clone, Default)]
struct Acc {
    counts: Counts,
}

/// One voter group's ballots.
#[derive(Debug, Clone, Serialize)]
pub struct GroupDetail {
    /// The group's label.
    pub label: String,
    /// Its weight in the rubric.
    #[serde(serialize_with = "crate::num::ser_number")]
    pub weight: rust_decimal::Decimal,
    /// Valid ballots of the group.
    pub valid: u64,
    /// The group's mean, rounded to 4 decimals for display; `None` without valid ballots.
    #[serde(serialize_with = "crate::num::ser_opt_number")]
    pub mean: Option<rust_decimal::Decimal>,
}

/// The figures behind a ballot score.
#[derive(Debug, Clone, Serialize)]
pub struct BallotDetail {
    /// Ballots cast for the worker (every row, blanks and abstentions included).
    pub cast: u64,
    /// Ballots whose choice is an option.
    pub valid: u64,
    /// Count per option.
    pub options: Vec<Tally>,
    /// Count per not-valid label (弃权, 不了解, and blank as "").
    pub not_valid: Vec<Tally>,
    /// Per group, when the rubric weights groups.
    pub groups: Vec<GroupDetail>,
    /// The roster's electorate, when given.
    pub electorate: Option<u64>,
    /// Whether the quorum rule was met (true when there is none).
    pub quorum_met: bool,
}

struct Layout {
    options: usize,
    labels: usize,
    groups: usize,
}

fn layout(cfg: &Ballot) -> Layout {
    let options = cfg.options.len();
    Layout {
        options,
        labels: options + cfg.not_valid.len() + 1,
        groups: cfg.groups.len().max(1),
    }
}

/// Whether the rubric weights voter groups; when it does, a file without the `group` column is
/// an error.
fn group_column<S: RowSource>(table: &Table<S>, cfg: &Ballot, ctx: &mut Ctx) -> bool {
    let grouped = !cfg.groups.is_empty();
    if grouped && !table.has("group") {
        let d =
            crate::input::cells::file_error(ctx.file, crate::msg!("error-group-column-missing"))
                .at_line(1);
        ctx.sink.push(d);
    }
    grouped
}

/// Reads the file's rows into `accs`; returns the duplicate-key suspects (see
/// [`Prints::finish`]).
fn load<S: RowSource>(
    table: &mut Table<S>,
    cfg: &Ballot,
    accs: &mut [Acc],
    ctx: &mut Ctx,
) -> Option<Vec<u64>> {
    let lay = layout(cfg);
    let mut keys = Prints::default();
    let key = &BallotKind::KEY;
    let grouped = group_column(table, cfg, ctx);
    let labels = || {
        cfg.options
            .iter()
            .map(|o| o.label.as_str())
            .chain(cfg.not_valid.iter().map(String::as_str))
    };
    let col_worker_id = table.column("worker_id");
    let col_choice = table.column("choice");
    let col_group = table.column("group");
    while let Some(good) = table.advance(ctx.sink) {
        if !good {
            continue;
        }
        let wc = table.at(col_worker_id);
        let cc = table.at(col_choice);
        let gc = table.at(col_group);
        let worker = ctx.worker(&wc);
        let choice = if cc.is_empty() {
            Some(lay.labels - 1)
        } else {
            ctx.label(&cc, labels(), crate::msg!("what-choice"))
        };
        let group = if grouped {
            if gc.is_empty() {
                if table.has("group") {
                    ctx.error(&gc, crate::msg!("error-group-empty"));
                }
                None
            } else {
                ctx.label(
                    &gc,
                    cfg.groups.iter().map(|g| g.label.as_str()),
                    crate::msg!("what-voter-group"),
                )
            }
        } else {
            Some(0)
        };
        if let Some(w) = worker {
            keys.insert(w, table, key);
            if let (Some(c), Some(g)) = (choice, group) {
                let acc = &mut accs[w];
                acc.counts.add(g * lay.labels + c);
            }
        }
    }
    keys.finish()
}

/// Reads a vote-count sheet's rows into `accs`: each choice's count added as that many ballots;
/// returns the duplicate-key suspects (see [`Prints::finish`]).
fn load_counts<S: RowSource>(
    table: &mut Table<S>,
    cfg: &Ballot,
    accs: &mut [Acc],
    ctx: &mut Ctx,
) -> Option<Vec<u64>> {
    let lay = layout(cfg);
    let mut keys = Prints::default();
    let key = &BallotCountsKind::KEY;
    let grouped = group_column(table, cfg, ctx);
    let choices = lay.labels - 1;
    if !(0..cfg.options.len()).any(|k| table.has_extra(k)) {
        let names: Vec<&str> = cfg.options.iter().map(|o| o.label.as_str()).collect();
        let d = crate::input::cells::file_error(
            ctx.file,
            crate::msg!(
                "error-counts-columns",
                options = crate::i18n::List::plain(names)
            ),
        )
        .at_line(1);
        ctx.sink.push(d);
    }
    let col_worker_id = table.column("worker_id");
    let col_group = table.column("group");
    let col_blank = table.column("blank");
    while let Some(good) = table.advance(ctx.sink) {
        if !good {
            continue;
        }
        let wc = table.at(col_worker_id);
        let worker = ctx.worker(&wc);
        let group = if grouped {
            let gc = table.at(col_group);
            if gc.is_empty() {
                if table.has("group") {
                    ctx.error(&gc, crate::msg!("error-group-empty"));
                }
                None
            } else {
                ctx.label(
                    &gc,
                    cfg.groups.iter().map(|g| g.label.as_str()),
                    crate::msg!("what-voter-group"),
                )
            }
        } else {
            Some(0)
        };
        // Every count of the row, read whole (a count that does not parse is an error at it).
        let mut counts = Vec::with_capacity(lay.labels);
        let mut all = true;
        for k in 0..choices {
            let c = table.extra(k);
            let n = if c.is_empty() { Some(0) } else { ctx.whole(&c) };
            all &= n.is_some();
            counts.push(n.unwrap_or(0));
        }
        let bc = table.at(col_blank);
        let blank = if bc.is_empty() {
            Some(0)
        } else {
            ctx.whole(&bc)
        };
        all &= blank.is_some();
        counts.push(blank.unwrap_or(0));
        if let Some(w) = worker {
            keys.insert(w, table, key);
            if let (true, Some(g)) = (all, group) {
                for (label, n) in counts.into_iter().enumerate() {
                    accs[w].counts.add_many(g * lay.labels + label, n);
                }
            }
        }
    }
    keys.finish()
}

impl Acc {
    fn count(&self, group: usize, label: usize, lay: &Layout) -> u64 {
        self.counts.get(group * lay.labels + label)
    }

    /// Votes for the option at `option` and valid ballots, over all groups.
    fn option_share(&self, cfg: &Ballot, k: usize) -> Option<(u64, u64)> {
        let lay = layout(cfg);
        let votes = (0..lay.groups).map(|g| self.count(g, k, &lay)).sum();
        let valid = (0..lay.groups)
            .flat_map(|g| (0..lay.options).map(move |o| (g, o)))
            .map(|(g, o)| self.count(g, o, &lay))
            .sum();
        Some((votes, valid))
    }
}

/// The exact score (or why it is missing) and its details.
#[cfg(test)]
fn score(
    acc: &Acc,
    cfg: &Ballot,
    electorate: Option<u64>,
) -> (Result<crate::num::Q, Missing>, BallotDetail) {
    let (r, d) = score_at(acc, cfg, electorate, true);
    (r.map(Exact::into_q), d)
}

/// The exact score (or why it is missing) and its details; without `full`, the detail's
/// not-valid tallies and groups are left empty (only the facts are wanted then).
fn score_at(
    acc: &Acc,
    cfg: &Ballot,
    electorate: Option<u64>,
    full: bool,
) -> (Result<Exact, Missing>, BallotDetail) {
    let lay = layout(cfg);
    let per_label: Vec<u64> = (0..lay.labels)
        .map(|l| (0..lay.groups).map(|g| acc.count(g, l, &lay)).sum())
        .collect();
    let cast: u64 = per_label.iter().sum();
    let valid: u64 = per_label[..lay.options].iter().sum();
    let not_valid_labels = cfg
        .not_valid
        .iter()
        .map(String::as_str)
        .chain(std::iter::once(""));
    let quorum_met = match (cfg.quorum, electorate) {
        (Quorum::MoreThanHalf, Some(e)) if e > 0 => 2 * cast > e,
        _ => true,
    };
    let mut detail = BallotDetail {
        cast,
        valid,
        options: tallies(
            cfg.options.iter().map(|o| o.label.as_str()),
            &per_label[..lay.options],
        ),
        not_valid: if full {
            tallies(not_valid_labels, &per_label[lay.options..])
        } else {
            vec![]
        },
        groups: vec![],
        electorate,
        quorum_met,
    };
    // Exact mean of each group, with the group's weight (1 when ungrouped).
    let mut parts: Vec<(Exact, Exact)> = Vec::new();
    for g in 0..lay.groups {
        let valid_g: u64 = (0..lay.options).map(|o| acc.count(g, o, &lay)).sum();
        let sum = dot(cfg
            .options
            .iter()
            .enumerate()
            .map(|(o, opt)| (opt.value, acc.count(g, o, &lay))));
        let mean = (valid_g > 0).then(|| sum.div(&count(valid_g)));
        if let (true, Some(group)) = (full, cfg.groups.get(g)) {
            detail.groups.push(GroupDetail {
                label: group.label.clone(),
                weight: group.weight,
                valid: valid_g,
                mean: mean.as_ref().map(|m| {
                    crate::num::round(&m.clone().into_q(), 4, crate::num::RoundingMode::HalfUp)
                }),
            });
        }
        if let Some(m) = mean {
            let w = cfg
                .groups
                .get(g)
                .map_or(Exact::int(1), |gr| Exact::dec(gr.weight));
            parts.push((w, m));
        }
    }
    if !quorum_met {
        let electorate = electorate.unwrap_or(0);
        return (Err(Missing::QuorumNotMet { cast, electorate }), detail);
    }
    if valid < cfg.min_valid as u64 || valid == 0 {
        return (
            Err(if cast == 0 {
                Missing::NoBallots
            } else if valid == 0 {
                Missing::NoValidBallot { cast }
            } else {
                Missing::TooFewValidBallots {
                    valid,
                    min: cfg.min_valid,
                }
            }),
            detail,
        );
    }
    let wsum = parts.iter().fold(Exact::int(0), |a, (w, _)| a.add(w));
    let total = parts
        .iter()
        .fold(Exact::int(0), |a, (w, m)| a.add(&w.mul(m)));
    (Ok(total.div(&wsum)), detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::round2;
    use crate::rubric::{LabelValue, VoterGroup};
    use rust_decimal::Decimal;

    fn cfg(groups: &[(&str, i64)]) -> Ballot {
        let lv = |l: &str, v: i64| LabelValue {
            label: l.into(),
            value: Decimal::from(v),
        };
        Ballot {
            options: vec![
                lv("优秀", 100),
                lv("称职", 80),
                lv("基本称职", 60),
                lv("不称职", 40),
            ],
            not_valid: vec!["弃权".into(), "不了解".into()],
            groups: groups
                .iter()
                .map(|(l, w)| VoterGroup {
                    label: (*l).into(),
                    weight: Decimal::from(*w),
                })
                .collect(),
            quorum: Quorum::MoreThanHalf,
            min_valid: 1,
        }
    }

    /// counts[group][label]: labels 优秀, 称职, 基本称职, 不称职, 弃权, 不了解, blank.
    fn acc(counts: &[[u64; 7]]) -> Acc {
        Acc {
            counts: Counts::of(&counts.iter().flatten().copied().collect::<Vec<_>>()),
        }
    }

    #[test]
    fn mean_over_valid_ballots_only() {
        // 6 × 100 + 3 × 80 + 1 × 40 = 880 over 10 valid; 2 abstentions and 1 blank are cast.
        let (s, d) = score(&acc(&[[6, 3, 0, 1, 2, 0, 1]]), &cfg(&[]), Some(20));
        assert_eq!(round2(&s.unwrap()).to_string(), "88.00");
        assert_eq!((d.cast, d.valid), (13, 10));
    }

    #[test]
    fn quorum_of_exactly_half_fails() {
        // docs/sources.md: present must exceed half; 10 cast of 20 fails, 11 passes.
        let (s, d) = score(&acc(&[[10, 0, 0, 0, 0, 0, 0]]), &cfg(&[]), Some(20));
        assert!(
            s.unwrap_err()
                .text(crate::i18n::Lang::En)
                .starts_with("quorum not met: 10 ballot(s) cast of an electorate of 20")
        );
        assert!(!d.quorum_met);
        let (s, _) = score(&acc(&[[10, 0, 0, 0, 1, 0, 0]]), &cfg(&[]), Some(20));
        assert!(s.is_ok());
        // No electorate or 0: no quorum check.
        assert!(
            score(&acc(&[[1, 0, 0, 0, 0, 0, 0]]), &cfg(&[]), Some(0))
                .0
                .is_ok()
        );
        assert!(
            score(&acc(&[[1, 0, 0, 0, 0, 0, 0]]), &cfg(&[]), None)
                .0
                .is_ok()
        );
    }

    #[test]
    fn all_abstentions_make_the_ballot_missing() {
        let (s, _) = score(&acc(&[[0, 0, 0, 0, 5, 3, 2]]), &cfg(&[]), None);
        assert_eq!(
            s.unwrap_err().text(crate::i18n::Lang::En),
            "no valid ballot: all 10 cast were blank or not valid"
        );
    }

    #[test]
    fn groups_are_weighted_and_renormalised() {
        // 班子 (weight 3): 2 × 优秀 → 100; 党员 (2): 1 优秀 + 1 称职 → 90; 居民 (5): none.
        // (3 × 100 + 2 × 90) / (3 + 2) = 96.
        let c = cfg(&[("班子", 3), ("党员", 2), ("居民", 5)]);
        let a = acc(&[
            [2, 0, 0, 0, 0, 0, 0],
            [1, 1, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 1, 0, 0],
        ]);
        let (s, d) = score(&a, &c, None);
        assert_eq!(round2(&s.unwrap()).to_string(), "96.00");
        assert_eq!(d.groups[2].valid, 0);
        assert_eq!(a.option_share(&c, 0), Some((3, 4)));
    }
}
