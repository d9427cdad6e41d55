//! Results across years (考核结果运用, docs/contract.md section 8): the earlier years' results a
//! bundle lists in `[history] results`, each the JSON document `score --format json` wrote that
//! year, checked like an input; and the run of published grades a rubric's consequence counts.
//!
//! Only what consequences need is kept of each file: every worker's status and published grade,
//! by this year's roster (a worker who has left is not kept).

use std::collections::HashSet;

use serde::Deserialize;

use crate::error::{Diagnostic, Sink};
use crate::input::Files;
use crate::result::Status;
use crate::rubric::{Consequence, GradeId, Rubric};

/// What one earlier year's results say of one worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The worker's status that year.
    pub status: Status,
    /// The published grade (after the quota), when graded.
    pub grade: Option<GradeId>,
}

/// One earlier year's results.
#[derive(Debug, Clone)]
pub struct YearResults {
    /// The year assessed.
    pub year: i32,
    /// The file, as named in diagnostics.
    pub file: String,
    /// By this year's roster index: the worker's entry, `None` when absent that year.
    entries: Vec<Option<Entry>>,
}

impl YearResults {
    /// What the year's results say of roster worker `w`; `None` when the worker is absent.
    pub fn of(&self, w: usize) -> Option<Entry> {
        self.entries.get(w).copied().flatten()
    }

    /// How many of this year's roster the year's results list.
    pub fn listed(&self) -> usize {
        self.entries.iter().filter(|e| e.is_some()).count()
    }
}

/// The earlier years' results of a bundle, the latest year first.
#[derive(Debug, Clone, Default)]
pub struct History {
    years: Vec<YearResults>,
}

impl History {
    /// The years, the latest first.
    pub fn years(&self) -> &[YearResults] {
        &self.years
    }

    /// The results of `year`, when the history holds them.
    pub fn year(&self, year: i32) -> Option<&YearResults> {
        self.years.iter().find(|y| y.year == year)
    }

    /// Whether no earlier year is given.
    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }
}

/// The parts of a result document that history reads; anything else is ignored.
#[derive(Deserialize)]
struct Doc {
    year: Option<i32>,
    assessment: Option<DocAssessment>,
    rubric: Option<DocRubric>,
    workers: Option<Vec<DocWorker>>,
}

#[derive(Deserialize)]
struct DocAssessment {
    year: Option<i32>,
}

#[derive(Deserialize)]
struct DocRubric {
    id: Option<String>,
}

#[derive(Deserialize)]
struct DocWorker {
    worker_id: String,
    status: String,
    grade: Option<String>,
}

/// A status as the JSON result writes it.
pub(crate) fn parse_status(text: &str) -> Option<Status> {
    match text {
        "graded" => Some(Status::Graded),
        "ungraded" => Some(Status::Ungraded),
        "pending" => Some(Status::Pending),
        _ => None,
    }
}

/// What loading the history needs of the bundle.
pub(crate) struct Context<'a> {
    /// The rubric of this year.
    pub(crate) rubric: &'a Rubric,
    /// The year assessed.
    pub(crate) year: i32,
    /// This year's roster: a worker id's roster index.
    pub(crate) worker: &'a dyn Fn(&str) -> Option<usize>,
    /// Workers on this year's roster.
    pub(crate) workers: usize,
}

/// Reads and checks every file of `[history] results` (`paths`, as named; `where_named(n, msg)`
/// places an error at the `n`-th entry of `assessment.toml`). Every problem goes to `sink`: a
/// file that cannot be read, is not a result document, is of another rubric, has no year or a
/// year not before this one, repeats a year, or lists a worker twice or with a status or grade
/// the rubric does not know.
pub(crate) fn load(
    files: &dyn Files,
    paths: &[std::path::PathBuf],
    ctx: &Context,
    where_named: &dyn Fn(usize, crate::i18n::Message) -> Diagnostic,
    sink: &mut Sink,
) -> History {
    let mut years: Vec<YearResults> = Vec::new();
    for (n, path) in paths.iter().enumerate() {
        let label = path.display().to_string();
        let bytes = match files.read(path) {
            Ok(b) => b,
            Err(e) => {
                sink.push(where_named(
                    n,
                    crate::msg!(
                        "error-history-cannot-read",
                        file = label,
                        why = crate::input::io_reason(&e)
                    ),
                ));
                continue;
            }
        };
        let Some(one) = read_one(&bytes, &label, ctx, sink) else {
            continue;
        };
        if let Some(first) = years.iter().find(|y| y.year == one.year) {
            sink.push(Diagnostic::error(
                &label,
                crate::msg!("error-history-twice", year = one.year, first = first.file),
            ));
            continue;
        }
        years.push(one);
    }
    years.sort_by_key(|y| std::cmp::Reverse(y.year));
    History { years }
}

/// One results file, checked; `None` when it cannot be used (the reasons are in `sink`).
fn read_one(bytes: &[u8], label: &str, ctx: &Context, sink: &mut Sink) -> Option<YearResults> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let doc: Doc = match serde_json::from_slice(bytes) {
        Ok(d) => d,
        Err(e) => {
            let d = Diagnostic::error(label, crate::msg!("error-results-not-json", why = e));
            sink.push(if e.line() > 0 {
                d.at(e.line() as u64, e.column().max(1) as u64)
            } else {
                d
            });
            return None;
        }
    };
    let before = sink.items.len();
    let rubric = ctx.rubric;
    match doc.rubric.and_then(|r| r.id) {
        None => sink.push(Diagnostic::error(
            label,
            crate::msg!("error-results-no-rubric"),
        )),
        Some(id) if id != rubric.id => sink.push(Diagnostic::error(
            label,
            crate::msg!("error-history-other-rubric", id = id, rubric = rubric.id),
        )),
        Some(_) => {}
    }
    let inner = doc.assessment.and_then(|a| a.year);
    let year = match (doc.year, inner) {
        (Some(y), Some(i)) if y != i => {
            sink.push(Diagnostic::error(
                label,
                crate::msg!("error-results-two-years", year = y, inner = i),
            ));
            None
        }
        (Some(y), _) | (None, Some(y)) => Some(y),
        (None, None) => {
            sink.push(Diagnostic::error(
                label,
                crate::msg!("error-results-no-year"),
            ));
            None
        }
    };
    if let Some(y) = year
        && y >= ctx.year
    {
        sink.push(Diagnostic::error(
            label,
            crate::msg!("error-history-not-earlier", year = y, this = ctx.year),
        ));
    }
    let Some(workers) = doc.workers else {
        sink.push(Diagnostic::error(
            label,
            crate::msg!("error-results-no-workers"),
        ));
        return None;
    };
    let entries = worker_entries(&workers, label, ctx, sink);
    if sink.items.len() > before {
        return None;
    }
    Some(YearResults {
        year: year?,
        file: label.to_string(),
        entries,
    })
}

/// Every worker of a results file, by this year's roster, checked.
fn worker_entries(
    workers: &[DocWorker],
    label: &str,
    ctx: &Context,
    sink: &mut Sink,
) -> Vec<Option<Entry>> {
    let rubric = ctx.rubric;
    let grades: Vec<&str> = rubric.grades.iter().map(|g| g.label.as_str()).collect();
    let mut entries: Vec<Option<Entry>> = vec![None; ctx.workers];
    let mut seen: HashSet<&str> = HashSet::with_capacity(workers.len());
    for w in workers {
        let id = w.worker_id.as_str();
        if !seen.insert(id) {
            sink.push(Diagnostic::error(
                label,
                crate::msg!("error-results-worker-twice", id = id),
            ));
            continue;
        }
        let Some(status) = parse_status(&w.status) else {
            sink.push(Diagnostic::error(
                label,
                crate::msg!("error-results-unknown-status", id = id, status = w.status),
            ));
            continue;
        };
        let grade = match (status, &w.grade) {
            (Status::Graded, None) => {
                sink.push(Diagnostic::error(
                    label,
                    crate::msg!("error-results-graded-no-grade", id = id),
                ));
                continue;
            }
            (Status::Graded, Some(g)) => match rubric.grade_id(g) {
                Some(g) => Some(g),
                None => {
                    sink.push(Diagnostic::error(
                        label,
                        crate::msg!(
                            "error-results-unknown-grade",
                            id = id,
                            grade = g,
                            grades = crate::i18n::List::quoted(&grades)
                        ),
                    ));
                    continue;
                }
            },
            // A grade beside another status is not published: it is not counted.
            (_, _) => None,
        };
        if let Some(i) = (ctx.worker)(id) {
            entries[i] = Some(Entry { status, grade });
        }
    }
    entries
}

/// Why a consequence's run of years is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Break {
    /// The worker is not graded this year.
    NotGradedNow(Status),
    /// The history has no results for this year.
    Missing(i32),
    /// The worker is not in this year's results.
    Absent(i32),
    /// The worker was ungraded or pending that year.
    NotGraded(i32, Status),
    /// The published grade of that year does not count.
    Grade(i32, GradeId),
}

/// A consequence's run of years for one worker: the years counted, from this one back, with the
/// published grade of each; and what broke the run, when it is broken (then the consequence
/// does not apply).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The years that count, this one first, with their grades.
    pub years: Vec<(i32, GradeId)>,
    /// What broke the run; `None` when the consequence applies.
    pub broken: Option<Break>,
}

impl Run {
    /// Whether the consequence applies.
    pub fn applies(&self) -> bool {
        self.broken.is_none()
    }
}

/// The run of consequence `c` for roster worker `w`, whose final status and published grade this
/// year (`year`) are `status` and `grade`: this year and each of the `years − 1` years before,
/// consecutively, each present in `history` with the worker graded and the grade counted.
pub fn run(
    c: &Consequence,
    year: i32,
    status: Status,
    grade: Option<GradeId>,
    history: &History,
    w: usize,
) -> Run {
    let mut years = Vec::new();
    let broken = 'run: {
        let Some(g) = grade.filter(|_| status == Status::Graded) else {
            break 'run Some(Break::NotGradedNow(status));
        };
        if !c.test.passes(g) {
            break 'run Some(Break::Grade(year, g));
        }
        years.push((year, g));
        for back in 1..c.years {
            let y = year - i32::try_from(back).unwrap_or(i32::MAX);
            let Some(results) = history.year(y) else {
                break 'run Some(Break::Missing(y));
            };
            let Some(entry) = results.of(w) else {
                break 'run Some(Break::Absent(y));
            };
            let Some(g) = entry.grade.filter(|_| entry.status == Status::Graded) else {
                break 'run Some(Break::NotGraded(y, entry.status));
            };
            if !c.test.passes(g) {
                break 'run Some(Break::Grade(y, g));
            }
            years.push((y, g));
        }
        None
    };
    Run { years, broken }
}
