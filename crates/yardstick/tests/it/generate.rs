//! Generators of random but valid bundles for the standard rubric and the two scorecard
//! rubrics, kept in one place.

use proptest::prelude::*;

use crate::support::B;

/// A bundle as rows of cells, header first, per file.
#[derive(Debug, Clone)]
pub struct Rows {
    pub roster: Vec<Vec<String>>,
    pub files: Vec<(&'static str, Vec<Vec<String>>)>,
    pub adjustments: Vec<Vec<String>>,
    /// The rubric's text; the standard rubric when `None`.
    pub rubric: Option<&'static str>,
}

fn csv(rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

impl Rows {
    pub fn bundle(&self) -> B {
        let mut b = B::new(&csv(&self.roster)).adjustments(&csv(&self.adjustments));
        if let Some(r) = self.rubric {
            b = b.rubric(r);
        }
        for (id, rows) in &self.files {
            b = b.file(id, &csv(rows));
        }
        b
    }

    pub fn file_mut(&mut self, id: &str) -> &mut Vec<Vec<String>> {
        &mut self.files.iter_mut().find(|(i, _)| *i == id).unwrap().1
    }
}

const CHOICES: &[&str] = &["优秀", "称职", "基本称职", "不称职", "弃权", "不了解", ""];
const DIMS: &[&str] = &["德", "能", "勤", "绩", "廉"];
const RATINGS: &[&str] = &["好", "较好", "一般", "差"];
const OUTCOMES: &[&str] = &["满意", "基本满意", "不满意", "未接通", "拒访", "不清楚"];
const VISITED: &[&str] = &["是", "否", "", "yes", "0"];
const SAT: &[&str] = &["满意", "基本满意", "不满意", ""];
const ITEMS: &[&str] = &[
    "honor_district",
    "honor_city",
    "honor_province",
    "complaint_verified",
    "ledger_false",
    "warning",
    "demerit",
    "removed",
    "refused",
    "investigation",
];

#[derive(Debug, Clone)]
struct WorkerGen {
    electorate: Option<u32>,
    panel: Vec<u32>,
    ballots: Vec<usize>,
    interviews: Vec<Vec<Option<usize>>>,
    test: Option<(u32, bool)>,
    phone: Vec<usize>,
    visits: Vec<(usize, usize)>,
    adjustments: Vec<(usize, u32)>,
}

fn worker() -> impl Strategy<Value = WorkerGen> {
    (
        prop_oneof![Just(None), (0u32..30).prop_map(Some)],
        prop::collection::vec(40u32..=100, 0..9),
        // Mostly good ballots, so that 优秀 and the quota come up.
        prop::collection::vec(prop_oneof![6 => 0usize..2, 2 => 0usize..7], 0..16),
        prop::collection::vec(
            prop::collection::vec(prop::option::weighted(0.8, 0usize..4), 5),
            0..4,
        ),
        prop::option::weighted(0.9, (30u32..=120, any::<bool>())),
        prop::collection::vec(prop_oneof![4 => 0usize..2, 2 => 0usize..6], 0..11),
        prop::collection::vec((0usize..5, 0usize..4), 0..7),
        prop_oneof![6 => Just(vec![]), 1 => prop::collection::vec((0usize..10, 1u32..3), 1..3)],
    )
        .prop_map(
            |(electorate, panel, ballots, interviews, test, phone, visits, adjustments)| {
                WorkerGen {
                    electorate,
                    panel,
                    ballots,
                    interviews,
                    test,
                    phone,
                    visits,
                    adjustments,
                }
            },
        )
}

fn s(x: impl ToString) -> String {
    x.to_string()
}

fn h(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// Random bundles of 1 to `max` workers.
pub fn bundle(max: usize) -> impl Strategy<Value = Rows> {
    prop::collection::vec(worker(), 1..=max).prop_map(|ws| {
        let mut roster = vec![h(&["worker_id", "name", "unit", "electorate"])];
        let mut panel = vec![h(&["worker_id", "rater_id", "score"])];
        let mut ballot = vec![h(&["ballot_id", "worker_id", "choice"])];
        let mut interview = vec![h(&["worker_id", "interviewer_id", "dimension", "rating"])];
        let mut test = vec![h(&["worker_id", "score", "max"])];
        let mut phone = vec![h(&["worker_id", "call_id", "outcome"])];
        let mut visit = vec![h(&["worker_id", "household_id", "visited", "satisfaction"])];
        let mut adjustments = vec![h(&["worker_id", "item", "count"])];
        for (i, w) in ws.iter().enumerate() {
            let id = format!("W{i:03}");
            roster.push(vec![
                id.clone(),
                format!("工作者{i}"),
                s(if i % 2 == 0 {
                    "东门社区"
                } else {
                    "西街社区"
                }),
                w.electorate.map_or(String::new(), s),
            ]);
            for (k, p) in w.panel.iter().enumerate() {
                panel.push(vec![id.clone(), format!("R{k}"), s(p)]);
            }
            for (k, c) in w.ballots.iter().enumerate() {
                ballot.push(vec![format!("B{k}"), id.clone(), s(CHOICES[*c])]);
            }
            for (k, dims) in w.interviews.iter().enumerate() {
                for (d, r) in dims.iter().enumerate() {
                    if let Some(r) = r {
                        interview.push(vec![
                            id.clone(),
                            format!("I{k}"),
                            s(DIMS[d]),
                            s(RATINGS[*r]),
                        ]);
                    }
                }
            }
            if let Some((score, with_max)) = w.test {
                let (score, max) = if with_max {
                    (score, s(120))
                } else {
                    (score.min(100), String::new())
                };
                test.push(vec![id.clone(), s(score), max]);
            }
            for (k, o) in w.phone.iter().enumerate() {
                phone.push(vec![id.clone(), format!("C{k}"), s(OUTCOMES[*o])]);
            }
            for (k, (v, sat)) in w.visits.iter().enumerate() {
                visit.push(vec![
                    id.clone(),
                    format!("H{k}"),
                    s(VISITED[*v]),
                    s(SAT[*sat]),
                ]);
            }
            for (item, count) in &w.adjustments {
                adjustments.push(vec![id.clone(), s(ITEMS[*item]), s(count)]);
            }
        }
        Rows {
            roster,
            files: vec![
                ("report", panel),
                ("ballot", ballot),
                ("interview", interview),
                ("test", test),
                ("phone", phone),
                ("visit", visit),
            ],
            adjustments,
            rubric: None,
        }
    })
}

/// The scorecard rubrics.
pub const GRID: &str = include_str!("../../../../rubrics/grid-worker.toml");
pub const PARTY: &str = include_str!("../../../../rubrics/party-member.toml");

const GRID_ITEMS: &[&str] = &[
    "collect_error",
    "patrol_missed",
    "事件漏报迟报",
    "complaint_upheld",
    "discipline",
];
const PARTY_ITEMS: &[&str] = &[
    "meeting_absent",
    "dues_late",
    "task_undone",
    "受到通报批评",
    "volunteer",
    "lecture",
    "commended",
];

/// One worker of a scorecard bundle: the month service starts (1 = the whole year) and
/// scorecard rows (period from 0, item, count; `None` an empty count), with the other
/// component's records.
#[derive(Debug, Clone)]
struct CardWorker {
    start: u32,
    rows: Vec<(usize, usize, Option<u32>)>,
    other: Vec<usize>,
    adjustments: Vec<(usize, u32)>,
}

fn card_worker(periods: usize, items: usize) -> impl Strategy<Value = CardWorker> {
    (
        prop_oneof![4 => Just(1u32), 1 => 1u32..=12],
        prop::collection::vec(
            (
                0..periods,
                0..items,
                prop::option::weighted(0.8, prop_oneof![3 => 0u32..4, 1 => 0u32..15]),
            ),
            0..24,
        ),
        prop::collection::vec(0usize..6, 0..12),
        prop_oneof![5 => Just(vec![]), 1 => prop::collection::vec((0usize..12, 0u32..3), 1..3)],
    )
        .prop_map(|(start, rows, other, adjustments)| CardWorker {
            start,
            rows,
            other,
            adjustments,
        })
}

/// Random bundles of 1 to `max` workers for `rubrics/grid-worker.toml` (`party` false: a
/// monthly checklist and residents' callbacks) or `rubrics/party-member.toml` (quarterly
/// points and ballots). Rows fall only in periods the worker served whole.
pub fn card_bundle(max: usize, party: bool) -> impl Strategy<Value = Rows> {
    let (periods, items) = if party { (4, 7) } else { (12, 5) };
    prop::collection::vec(card_worker(periods, items), 1..=max).prop_map(move |ws| {
        let months = 12 / periods as u32;
        let mut roster = vec![h(&["worker_id", "name", "unit", "start"])];
        let mut card = vec![h(&["worker_id", "period", "item", "count"])];
        let mut other = if party {
            vec![h(&["ballot_id", "worker_id", "choice"])]
        } else {
            vec![h(&["worker_id", "call_id", "outcome"])]
        };
        let mut adjustments = vec![h(&["worker_id", "item", "count"])];
        let veto_items: &[&str] = if party {
            &["discipline", "criminal"]
        } else {
            &[
                "honor_city",
                "dispute_resolved",
                "complaint_verified",
                "warning",
                "investigation",
            ]
        };
        for (i, w) in ws.iter().enumerate() {
            let id = format!("W{i:03}");
            // Service from the first day of month `start`: periods starting before are not
            // served whole.
            roster.push(vec![
                id.clone(),
                format!("人员{i}"),
                s(if i % 2 == 0 {
                    "东门社区"
                } else {
                    "西街社区"
                }),
                if w.start == 1 {
                    String::new()
                } else {
                    format!("2024-{:02}-01", w.start)
                },
            ]);
            let first = ((w.start - 1).div_ceil(months)) as usize;
            for &(p, item, count) in &w.rows {
                if p < first {
                    continue;
                }
                let period = if party {
                    format!("2024-Q{}", p + 1)
                } else {
                    format!("2024-{:02}", p + 1)
                };
                let name = if party {
                    PARTY_ITEMS[item]
                } else {
                    GRID_ITEMS[item]
                };
                card.push(vec![
                    id.clone(),
                    period,
                    s(name),
                    count.map_or(String::new(), s),
                ]);
            }
            for (k, &o) in w.other.iter().enumerate() {
                if party {
                    const CHOICES: &[&str] = &["优秀", "合格", "基本合格", "不合格", "弃权", ""];
                    other.push(vec![format!("B{k}"), id.clone(), s(CHOICES[o])]);
                } else {
                    other.push(vec![id.clone(), format!("C{k}"), s(OUTCOMES[o])]);
                }
            }
            for &(item, count) in &w.adjustments {
                adjustments.push(vec![
                    id.clone(),
                    s(veto_items[item % veto_items.len()]),
                    s(count),
                ]);
            }
        }
        Rows {
            roster,
            files: if party {
                vec![("points", card), ("review", other)]
            } else {
                vec![("monthly", card), ("satisfaction", other)]
            },
            adjustments,
            rubric: Some(if party { PARTY } else { GRID }),
        }
    })
}
