//! The engine: component scores → weighted total → adjustments → grade → vetoes → eligibility
//! → quota → rank, in exact arithmetic, with a trail of every step.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::explain::{AdjustmentLine, Step};
use crate::grade::{self, QuotaMark, Standing};
use crate::input::{Bundle, Tallies, Worker};
use crate::method::{self, ComponentScore, Detail};
use crate::num::{Exact, Q, qi};
use crate::rubric::{Condition, ItemEffect, Method, MissingPolicy, Rubric, Veto};

/// A worker's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Has a grade and a rank.
    Graded,
    /// No grade this year (incomplete, or a veto).
    Ungraded,
    /// No grade until a case closes or the committee decides.
    Pending,
}

impl Status {
    /// The status as written in outputs.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Graded => "graded",
            Status::Ungraded => "ungraded",
            Status::Pending => "pending",
        }
    }
}

/// A flag on a result: a stable code for programs and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// Stable code: `missing:<component>`, `incomplete`, `quorum_not_met`, `veto:<item>`,
    /// `bonus_capped`, `deduction_capped`, `total_floored`, `total_capped`,
    /// `ineligible:<rule>`, `quota_tie`, `quota_cut`.
    pub code: String,
    /// The same in words.
    pub text: String,
}

/// One worker's result.
#[derive(Debug, Clone, Serialize)]
pub struct WorkerResult {
    /// The roster's worker_id.
    pub worker_id: String,
    /// 姓名.
    pub name: String,
    /// The unit, when given.
    pub unit: Option<String>,
    /// The role, when given.
    pub role: Option<String>,
    /// Graded, ungraded or pending.
    pub status: Status,
    /// The rounded total; `None` when incomplete.
    pub total: Option<Decimal>,
    /// The grade; only when graded.
    pub grade: Option<String>,
    /// Competition rank among graded workers (1, 2, 2, 4).
    pub rank: Option<u32>,
    /// Every component of the rubric, in rubric order.
    pub components: Vec<ComponentScore>,
    /// Bonus added after its cap.
    pub bonus: Decimal,
    /// Deduction taken after its cap.
    pub deduction: Decimal,
    /// Flags, in the order raised.
    pub flags: Vec<Flag>,
    /// Every step that produced the result.
    pub trail: Vec<Step>,
    #[serde(skip)]
    exact_total: Option<Q>,
    /// Whether steps are recorded (off when only the outcome is wanted).
    #[serde(skip)]
    keep_trail: bool,
}

impl WorkerResult {
    /// Whether the worker has a flag with this code.
    pub fn has_flag(&self, code: &str) -> bool {
        self.flags.iter().any(|f| f.code == code)
    }

    /// The component result with this id.
    pub fn component(&self, id: &str) -> Option<&ComponentScore> {
        self.components.iter().find(|c| c.id == id)
    }

    /// Records the step `f` makes, when the trail is kept.
    fn step(&mut self, f: impl FnOnce() -> Step) {
        if self.keep_trail {
            self.trail.push(f());
        }
    }

    fn flag(&mut self, code: impl Into<String>, text: impl Into<String>) {
        let code = code.into();
        if !self.has_flag(&code) {
            self.flags.push(Flag {
                code,
                text: text.into(),
            });
        }
    }
}

/// The quota in one scope (the whole bundle, or one unit).
#[derive(Debug, Clone, Serialize)]
pub struct QuotaLine {
    /// The unit, or `None` for the whole bundle.
    pub unit: Option<String>,
    /// The limited grade.
    pub grade: String,
    /// N: graded workers in the scope.
    pub graded: usize,
    /// The ratio, as a fraction (`1/5`).
    pub ratio: String,
    /// Places = ratio × N, rounded as the rubric says.
    pub places: usize,
    /// Candidates for the grade after vetoes and eligibility, in order.
    pub candidates: Vec<String>,
    /// Candidates who keep the grade.
    pub kept: Vec<String>,
    /// Candidates tied at the line, who all lose it.
    pub tied: Vec<String>,
    /// Candidates below the line.
    pub cut: Vec<String>,
}

/// The scored assessment.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    /// 考核名称.
    pub name: String,
    /// Year assessed.
    pub year: i32,
    /// Rubric id.
    pub rubric_id: String,
    /// Rubric name.
    pub rubric_name: String,
    /// SHA-256 of the rubric file.
    pub rubric_sha256: String,
    /// Every worker on the roster, in roster order.
    pub workers: Vec<WorkerResult>,
    /// The quota line per scope; empty without a quota.
    pub quotas: Vec<QuotaLine>,
}

impl Assessment {
    /// The result of one worker.
    pub fn worker(&self, id: &str) -> Option<&WorkerResult> {
        self.workers.iter().find(|w| w.worker_id == id)
    }
}

/// Scores a loaded bundle.
///
/// Workers are scored on every core (see [`threads`]); the result is the same whatever the
/// number of threads.
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
/// let result = yardstick::score(&bundle);
/// assert_eq!(result.workers.len(), bundle.workers.len());
/// ```
pub fn score(bundle: &Bundle) -> Assessment {
    score_with_threads(bundle, threads())
}

/// As [`score`], on `threads` threads.
pub fn score_with_threads(bundle: &Bundle, threads: usize) -> Assessment {
    let rubric = &bundle.rubric;
    let mut workers = par_map(bundle.workers.len(), threads, |i| {
        outcome(bundle, i, Depth::Full, true)
    });
    let mut standings: Vec<Standing> = workers.iter().map(|r| Standing::of(rubric, r)).collect();
    let (quotas, marks) = grade::decide_quota(rubric, &bundle.workers, &mut standings);
    let totals = grade::ranking(&standings);
    for (r, mark) in workers.iter_mut().zip(&marks) {
        if let Some(m) = mark {
            grade::apply_quota_mark(rubric, &quotas, m, r);
        }
        grade::apply_rank(r, &totals);
    }
    Assessment {
        name: bundle.info.name.clone(),
        year: bundle.info.year,
        rubric_id: rubric.id.clone(),
        rubric_name: rubric.name.clone(),
        rubric_sha256: bundle.rubric_sha256.clone(),
        workers,
        quotas,
    }
}

/// A worker's result before the quota and the rank: components, total, band, vetoes and
/// eligibility.
fn outcome(bundle: &Bundle, i: usize, depth: Depth, keep_trail: bool) -> WorkerResult {
    let mut r = score_worker(bundle, i, &bundle.workers[i], depth, keep_trail);
    grade_worker(&bundle.rubric, bundle, i, &mut r);
    r
}

/// How much of a result is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Depth {
    /// Only what decides the grade, the quota and the rank: status, total, grade and the
    /// component scores. Texts (the worker's, the components' ids and names) are left empty,
    /// and so are the details' lists; flags are raised as usual.
    Outcome,
    /// What the JSON result shows: as `Outcome`, and the ballot's option tallies (the JSON
    /// takes the texts from the roster and the rubric, and the numbers of panel scores and of
    /// interviewers from the tallies).
    Summary,
    /// Everything a result holds.
    Full,
}

/// The decisions that need the whole cohort (the quota and the rank), made without keeping
/// every worker's result: a `Cohort` holds a few dozen bytes per worker and gives each
/// worker's full result on demand, exactly as [`score`] would. This is how a province is
/// scored in little memory: see [`crate::report::write_json`].
#[derive(Debug, Clone)]
pub struct Cohort {
    /// The quota line per scope; empty without a quota.
    pub quotas: Vec<QuotaLine>,
    standings: Vec<Standing>,
    marks: Vec<Option<QuotaMark>>,
    totals: Vec<Decimal>,
}

impl Cohort {
    /// Scores every worker once (on every core), keeping only what the quota and the rank
    /// need, and decides them.
    pub fn new(bundle: &Bundle) -> Cohort {
        Cohort::with_threads(bundle, threads())
    }

    /// As [`Cohort::new`], on `threads` threads.
    pub fn with_threads(bundle: &Bundle, threads: usize) -> Cohort {
        let rubric = &bundle.rubric;
        let mut standings = par_map(bundle.workers.len(), threads, |i| {
            Standing::of(rubric, &outcome(bundle, i, Depth::Outcome, false))
        });
        let (quotas, marks) = grade::decide_quota(rubric, &bundle.workers, &mut standings);
        let totals = grade::ranking(&standings);
        Cohort {
            quotas,
            standings,
            marks,
            totals,
        }
    }

    /// Workers on the roster.
    pub fn len(&self) -> usize {
        self.standings.len()
    }

    /// Whether the roster is empty.
    pub fn is_empty(&self) -> bool {
        self.standings.is_empty()
    }

    /// As [`Cohort::result`] without the trail, at `depth`.
    pub(crate) fn result_at(&self, bundle: &Bundle, i: usize, depth: Depth) -> WorkerResult {
        let mut r = outcome(bundle, i, depth, false);
        if let Some(Some(m)) = self.marks.get(i) {
            grade::apply_quota_mark(&bundle.rubric, &self.quotas, m, &mut r);
        }
        grade::apply_rank(&mut r, &self.totals);
        r
    }

    /// The final status of roster worker `i`.
    pub fn status(&self, i: usize) -> Option<Status> {
        self.standings.get(i).map(|s| s.status)
    }

    /// The final grade of roster worker `i` (only when graded).
    pub fn grade<'a>(&'a self, bundle: &'a Bundle, i: usize) -> Option<&'a str> {
        self.standings
            .get(i)
            .and_then(|s| s.grade.label(&bundle.rubric))
    }

    /// The full result of roster worker `i` (`bundle` being the one the cohort was made
    /// from), with its trail when `trail` is true: equal to `score(bundle).workers[i]`.
    pub fn result(&self, bundle: &Bundle, i: usize, trail: bool) -> WorkerResult {
        let mut r = outcome(bundle, i, Depth::Full, trail);
        if let Some(Some(m)) = self.marks.get(i) {
            grade::apply_quota_mark(&bundle.rubric, &self.quotas, m, &mut r);
        }
        grade::apply_rank(&mut r, &self.totals);
        r
    }
}

/// Threads used to score: the `YARDSTICK_THREADS` environment variable when it is a number
/// above 0, otherwise every core the system offers.
pub fn threads() -> usize {
    std::env::var("YARDSTICK_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// `f(0), f(1), … f(n − 1)` in order, for a few tasks of uneven size: up to `threads`
/// threads each take the next task as they finish one; the results come back in task order.
pub(crate) fn par_tasks<T: Send>(
    n: usize,
    threads: usize,
    f: impl Fn(usize) -> T + Sync,
) -> Vec<T> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        return (0..n).map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, T)>> = Mutex::new(Vec::with_capacity(n));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    let r = f(i);
                    match done.lock() {
                        Ok(mut d) => d.push((i, r)),
                        Err(poisoned) => poisoned.into_inner().push((i, r)),
                    }
                }
            });
        }
    });
    let mut done = match done.into_inner() {
        Ok(d) => d,
        Err(poisoned) => poisoned.into_inner(),
    };
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// `f(0), f(1), … f(n − 1)` in order, computed on up to `threads` threads, each taking one
/// contiguous range: the result never depends on the number of threads.
pub(crate) fn par_map<T: Send>(n: usize, threads: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    // Below this, a thread costs more than it saves (unit tests split even tiny bundles).
    const MIN_PER_THREAD: usize = if cfg!(test) { 1 } else { 256 };
    let threads = threads.clamp(1, n.div_ceil(MIN_PER_THREAD).max(1));
    if threads == 1 {
        return (0..n).map(f).collect();
    }
    let chunk = n.div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let range = (t * chunk).min(n)..((t + 1) * chunk).min(n);
                s.spawn(move || range.map(f).collect::<Vec<T>>())
            })
            .collect();
        let mut out = Vec::with_capacity(n);
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

fn component(
    rubric: &Rubric,
    bundle: &Bundle,
    k: usize,
    w: usize,
    worker: &Worker,
    depth: Depth,
) -> ComponentScore {
    let comp = &rubric.components[k];
    let full = depth == Depth::Full;
    let (result, detail) = match (&bundle.tallies[k], &comp.method) {
        (Tallies::Panel(a, marks), Method::Panel(c)) => wrap(
            method::panel::score_at(&a[w], marks, c, full),
            Detail::Panel,
        ),
        (Tallies::Ballot(a), Method::Ballot(c)) => wrap(
            method::ballot::score_at(&a[w], c, worker.electorate, full, depth != Depth::Outcome),
            Detail::Ballot,
        ),
        (Tallies::Interview(a, ids), Method::Interview(c)) => wrap(
            method::interview::score_at(&a[w], ids, c, full),
            Detail::Interview,
        ),
        (Tallies::Test(a), Method::Test(c)) => wrap(method::test::score_at(&a[w], c), Detail::Test),
        (Tallies::Phone(a), Method::Phone(c)) => {
            wrap(method::phone::score_at(&a[w], c, full), Detail::Phone)
        }
        (Tallies::Visit(a), Method::Visit(c)) => {
            wrap(method::visit::score_at(&a[w], c, full), Detail::Visit)
        }
        _ => (
            Err("the bundle gives no file for this component".to_string()),
            Detail::NoFile,
        ),
    };
    let (value, missing) = match result {
        Ok(v) => (Some(v), None),
        Err(why) => (None, Some(why)),
    };
    let text = |s: &String| {
        if depth != Depth::Full {
            String::new()
        } else {
            s.clone()
        }
    };
    ComponentScore {
        id: text(&comp.id),
        name: text(&comp.name),
        weight: comp.weight,
        score: value.as_ref().map(|v| rounded_exact(rubric, v)),
        exact: value.clone().filter(|_| full).map(Exact::into_q),
        missing,
        detail,
        value,
    }
}

fn wrap<D>(
    r: (Result<Exact, String>, D),
    f: impl FnOnce(D) -> Detail,
) -> (Result<Exact, String>, Detail) {
    (r.0, f(r.1))
}

fn score_worker(
    bundle: &Bundle,
    w: usize,
    worker: &Worker,
    depth: Depth,
    keep_trail: bool,
) -> WorkerResult {
    let rubric = &bundle.rubric;
    let components: Vec<ComponentScore> = (0..rubric.components.len())
        .map(|k| component(rubric, bundle, k, w, worker, depth))
        .collect();
    let text = |s: &str| {
        if depth != Depth::Full {
            String::new()
        } else {
            s.to_string()
        }
    };
    let mut r = WorkerResult {
        worker_id: text(&worker.id),
        name: text(&worker.name),
        unit: worker.unit.as_deref().map(text),
        role: worker.role.as_deref().map(text),
        status: Status::Graded,
        total: None,
        grade: None,
        rank: None,
        components,
        bonus: Decimal::ZERO,
        deduction: Decimal::ZERO,
        flags: vec![],
        trail: vec![],
        exact_total: None,
        keep_trail,
    };
    for i in 0..r.components.len() {
        if r.keep_trail {
            r.trail
                .push(Step::Component(Box::new(r.components[i].clone())));
        }
        let c = &r.components[i];
        if c.missing.is_some() {
            let (id, name) = (&rubric.components[i].id, &rubric.components[i].name);
            if let Detail::Ballot(b) = &c.detail
                && !b.quorum_met
            {
                r.flag("quorum_not_met", format!("{name}: quorum not met"));
            }
            r.flag(format!("missing:{id}"), format!("{name} missing"));
        }
    }

    // Weighted base.
    let (present, weighted) = r
        .components
        .iter()
        .filter_map(|c| c.value.as_ref().map(|s| (Exact::dec(c.weight), s)))
        .fold((Exact::int(0), Exact::int(0)), |(p, ws), (w, s)| {
            (p.add(&w), ws.add(&w.mul(s)))
        });
    let policy = rubric.total.missing;
    let any_missing = r.components.iter().any(|c| c.value.is_none());
    let incomplete = match policy {
        MissingPolicy::Renormalise => {
            present.cmp(&Exact::dec(rubric.total.min_present_weight)) == Ordering::Less
                || present.is_zero()
        }
        MissingPolicy::Zero => false,
        MissingPolicy::Ungraded => any_missing,
    };
    let base = match policy {
        MissingPolicy::Renormalise if !present.is_zero() => weighted.div(&present),
        _ => weighted.clone(),
    };
    r.step(|| Step::Weights {
        policy,
        present_weight: present
            .round(4, crate::num::RoundingMode::HalfUp)
            .normalize(),
        min_present_weight: rubric.total.min_present_weight,
        weighted_sum: crate::num::describe(&weighted.clone().into_q()),
        base: (!incomplete).then(|| crate::num::describe(&base.clone().into_q())),
        incomplete,
    });
    if incomplete {
        r.status = Status::Ungraded;
        r.flag(
            "incomplete",
            format!(
                "incomplete: the components present weigh {}, less than the {} required",
                crate::num::describe(&present.clone().into_q()),
                rubric.total.min_present_weight
            ),
        );
    }

    // Adjustments.
    // Exact arithmetic in machine integers while they suffice ([`Exact`]); the same values as
    // rationals, which the texts below are written from.
    let described = |v: &Exact| crate::num::describe(&v.clone().into_q());
    let adj = &rubric.adjustments;
    let mut bonus_raw = Exact::int(0);
    let mut deduction_raw = Exact::int(0);
    let mut lines = Vec::new();
    for a in bundle.adjustments.of(w) {
        let item = &adj.items[a.item];
        let times = Exact::int(i64::try_from(a.count).unwrap_or(i64::MAX));
        let (raw, kind) = match &item.effect {
            ItemEffect::Bonus(v) => (Exact::dec(*v).mul(&times), "bonus"),
            ItemEffect::Deduction(v) => (Exact::dec(*v).mul(&times), "deduction"),
            ItemEffect::Veto(_) => (Exact::int(0), "veto"),
        };
        let amount = capped(&raw, item.cap);
        match kind {
            "bonus" => bonus_raw = bonus_raw.add(&amount),
            "deduction" => deduction_raw = deduction_raw.add(&amount),
            _ => {}
        }
        if a.count > 0 && r.keep_trail {
            lines.push(AdjustmentLine {
                item: item.id.clone(),
                name: item.name.clone(),
                count: a.count,
                kind,
                amount: described(&amount),
                item_capped: raw.cmp(&amount) != Ordering::Equal,
            });
        }
    }
    let bonus = capped(&bonus_raw, adj.bonus_cap);
    let deduction = capped(&deduction_raw, adj.deduction_cap);
    if bonus.cmp(&bonus_raw) != Ordering::Equal {
        r.flag(
            "bonus_capped",
            format!(
                "bonus {} capped at {}",
                described(&bonus_raw),
                described(&bonus)
            ),
        );
    }
    if deduction.cmp(&deduction_raw) != Ordering::Equal {
        r.flag(
            "deduction_capped",
            format!(
                "deductions {} capped at {}",
                described(&deduction_raw),
                described(&deduction)
            ),
        );
    }
    r.bonus = rounded_exact(rubric, &bonus);
    r.deduction = rounded_exact(rubric, &deduction);
    r.step(|| Step::Adjustments {
        lines,
        bonus_raw: described(&bonus_raw),
        bonus_cap: adj.bonus_cap,
        bonus: described(&bonus),
        deduction_raw: described(&deduction_raw),
        deduction_cap: adj.deduction_cap,
        deduction: described(&deduction),
    });

    // Total.
    if !incomplete {
        let unbounded = base.add(&bonus).sub(&deduction);
        let mut total = unbounded.clone();
        if let Some(f) = rubric.total.floor
            && total.cmp(&Exact::dec(f)) == Ordering::Less
        {
            total = Exact::dec(f);
            r.flag(
                "total_floored",
                format!(
                    "the total {} is raised to the floor {f}",
                    described(&unbounded)
                ),
            );
        }
        if let Some(c) = rubric.total.cap
            && total.cmp(&Exact::dec(c)) == Ordering::Greater
        {
            total = Exact::dec(c);
            r.flag(
                "total_capped",
                format!(
                    "the total {} is limited to the cap {c}",
                    described(&unbounded)
                ),
            );
        }
        let t = rounded_exact(rubric, &total);
        r.step(|| Step::Total {
            base: described(&base),
            unbounded: described(&unbounded),
            exact: described(&total),
            rounded: t,
            decimals: rubric.total.decimals,
            rounding: rubric.total.rounding,
        });
        r.total = Some(t);
        // Only a full result is seen outside the engine.
        if depth == Depth::Full {
            r.exact_total = Some(total.into_q());
        }
    }
    r
}

/// `raw`, or the cap when `raw` is above it.
fn capped(raw: &Exact, cap: Option<Decimal>) -> Exact {
    match cap {
        Some(c) if raw.cmp(&Exact::dec(c)) == Ordering::Greater => Exact::dec(c),
        _ => raw.clone(),
    }
}

/// Rounds as the rubric says, keeping the rubric's number of decimals (`90.00`).
pub(crate) fn rounded_exact(rubric: &Rubric, v: &Exact) -> Decimal {
    crate::num::fixed(
        v.round(rubric.total.decimals, rubric.total.rounding),
        rubric.total.decimals,
    )
}

/// Band, vetoes and eligibility for one worker.
fn grade_worker(rubric: &Rubric, bundle: &Bundle, w: usize, r: &mut WorkerResult) {
    if let Some(t) = r.total {
        let band = rubric.grade_label(rubric.band(t)).to_string();
        r.step(|| Step::Band {
            total: t,
            grade: band.clone(),
        });
        r.grade = Some(band);
    }

    // Vetoes: every one present is flagged; the heaviest applies.
    let adj = &rubric.adjustments;
    let mut present: Vec<(&str, &str, &Veto)> = Vec::new();
    for a in bundle.adjustments.of(w) {
        let item = &adj.items[a.item];
        if let (ItemEffect::Veto(v), true) = (&item.effect, a.count > 0) {
            present.push((&item.id, &item.name, v));
        }
    }
    for (id, name, _) in &present {
        r.flag(format!("veto:{id}"), format!("veto: {name}"));
    }
    let weight = |v: &Veto| {
        let kind_rank = adj
            .veto_precedence
            .iter()
            .position(|k| *k == v.kind())
            .unwrap_or(usize::MAX);
        let grade_rank = match v {
            Veto::Grade(g) | Veto::Cap(g) => usize::MAX - g.index(),
            _ => 0,
        };
        (kind_rank, grade_rank)
    };
    let heaviest = present.iter().min_by_key(|(_, _, v)| weight(v)).cloned();
    if let Some((id, name, veto)) = heaviest {
        let before = r.grade.clone();
        if r.has_flag("incomplete") {
            // An incomplete worker stays ungraded whatever the vetoes.
        } else {
            match veto {
                Veto::Pending => r.status = Status::Pending,
                Veto::Ungraded => r.status = Status::Ungraded,
                Veto::Grade(g) => r.grade = Some(rubric.grade_label(*g).to_string()),
                Veto::Cap(g) => {
                    let cap = Some(*g);
                    let now = r.grade.as_deref().and_then(|x| rubric.grade_id(x));
                    if let (Some(c), Some(n)) = (cap, now)
                        && n < c
                    {
                        r.grade = Some(rubric.grade_label(*g).to_string());
                    }
                }
            }
        }
        let (status, grade) = (r.status, r.grade.clone());
        r.step(|| Step::Veto {
            present: present
                .iter()
                .map(|(i, n, _)| format!("{n} ({i})"))
                .collect(),
            applied: format!("{name} ({id})"),
            effect: veto.clone(),
            effect_grade: match veto {
                Veto::Grade(g) | Veto::Cap(g) => rubric.grade_label(*g).to_string(),
                _ => String::new(),
            },
            before,
            status,
            after: if status == Status::Graded {
                grade
            } else {
                None
            },
        });
    }
    if r.status != Status::Graded {
        r.grade = None;
        return;
    }

    // Eligibility.
    let mut otherwise: Option<String> = None;
    for rule in &rubric.eligibility {
        if r.grade.as_deref() != Some(rubric.grade_label(rule.grade)) {
            continue;
        }
        let (bites, why) = condition(rubric, bundle, w, r, &rule.condition);
        r.step(|| Step::Eligibility {
            rule: rule.name.clone(),
            id: rule.id.clone(),
            grade: rubric.grade_label(rule.grade).to_string(),
            bites,
            why: why.clone(),
            otherwise: rubric.grade_label(rule.otherwise).to_string(),
        });
        if bites {
            r.flag(
                format!("ineligible:{}", rule.id),
                format!(
                    "not eligible for {}: {}",
                    rubric.grade_label(rule.grade),
                    why
                ),
            );
            otherwise.get_or_insert(rubric.grade_label(rule.otherwise).to_string());
        }
    }
    if let Some(g) = otherwise {
        r.grade = Some(g);
    }
}

fn condition(
    rubric: &Rubric,
    bundle: &Bundle,
    w: usize,
    r: &WorkerResult,
    c: &Condition,
) -> (bool, String) {
    match c {
        Condition::Below { component, mark } => {
            // By the rubric's order, which the result's components follow (their ids are left
            // empty below `Depth::Full`).
            let k = Some(component.index());
            match k.and_then(|k| r.components.get(k)?.value.as_ref()) {
                Some(s) => {
                    let bites = s.cmp(&Exact::dec(*mark)) == Ordering::Less;
                    let name = rubric.component_at(*component).name.as_str();
                    (
                        bites,
                        format!(
                            "{name} {} is {} {mark}",
                            crate::num::describe(&s.clone().into_q()),
                            if bites { "below" } else { "not below" }
                        ),
                    )
                }
                None => (
                    false,
                    format!(
                        "{} is missing, so it cannot be below {mark}",
                        rubric.component_at(*component).id
                    ),
                ),
            }
        }
        Condition::ShareOver {
            component,
            option,
            share,
        } => {
            let k = Some(component.index());
            let counts = match (
                k.map(|k| &bundle.tallies[k]),
                k.map(|k| &rubric.components[k].method),
            ) {
                (Some(Tallies::Ballot(a)), Some(Method::Ballot(cfg))) => {
                    a[w].option_share(cfg, *option)
                }
                _ => None,
            };
            let (votes, valid) = counts.unwrap_or((0, 0));
            let option = match &rubric.component_at(*component).method {
                Method::Ballot(b) => b.options[*option].label.as_str(),
                _ => "",
            };
            // votes / valid > share, compared exactly: votes > share × valid.
            let bites = valid > 0 && qi(votes as i64) > share * qi(valid as i64);
            (
                bites,
                format!(
                    "{votes} {option} of {valid} valid ballots is {} {share} of them",
                    if bites { "more than" } else { "not more than" }
                ),
            )
        }
    }
}

impl WorkerResult {
    /// The exact total before rounding, when there is one.
    pub fn exact_total(&self) -> Option<&Q> {
        self.exact_total.as_ref()
    }

    pub(crate) fn push_step(&mut self, step: Step) {
        if self.keep_trail {
            self.trail.push(step);
        }
    }

    pub(crate) fn keeps_trail(&self) -> bool {
        self.keep_trail
    }

    pub(crate) fn add_flag(&mut self, code: &str, text: String) {
        self.flag(code, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn bundles() -> Vec<Bundle> {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        let mut dirs = vec![root.join("sample"), root.join("village")];
        let mut cases: Vec<PathBuf> = std::fs::read_dir(root.join("cases"))
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        cases.sort();
        dirs.extend(cases);
        dirs.iter()
            .filter_map(|d| Bundle::load(d).ok().map(|b| b.output))
            .collect()
    }

    fn json(a: &Assessment) -> String {
        serde_json::to_string_pretty(&crate::report::to_json(a)).unwrap_or_default()
    }

    #[test]
    fn results_are_the_same_whatever_the_thread_count() {
        let bundles = bundles();
        assert!(bundles.len() > 20);
        for b in &bundles {
            let one = score_with_threads(b, 1);
            for threads in [2, 3, 8] {
                let many = score_with_threads(b, threads);
                assert_eq!(json(&one), json(&many), "{}", b.path.display());
                let trails = |a: &Assessment| {
                    serde_json::to_string(&a.workers.iter().map(|w| &w.trail).collect::<Vec<_>>())
                        .unwrap_or_default()
                };
                assert_eq!(trails(&one), trails(&many));
            }
        }
    }

    #[test]
    fn the_cohort_gives_each_result_as_score_does() {
        for b in &bundles() {
            let all = score(b);
            let cohort = Cohort::with_threads(b, 2);
            assert_eq!(cohort.quotas.len(), all.quotas.len());
            for (i, w) in all.workers.iter().enumerate() {
                let r = cohort.result(b, i, true);
                assert_eq!(
                    serde_json::to_string(&r).unwrap_or_default(),
                    serde_json::to_string(w).unwrap_or_default()
                );
                assert_eq!(cohort.status(i), Some(w.status));
                assert_eq!(cohort.grade(b, i), w.grade.as_deref());
            }
        }
    }

    #[test]
    fn streamed_json_is_the_document_byte_for_byte() {
        for b in &bundles() {
            let whole = json(&score(b));
            for threads in [1, 2, 3] {
                let mut out = Vec::new();
                crate::report::write_json_with_threads(b, &mut out, threads).unwrap();
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    whole,
                    "{} on {threads} threads",
                    b.path.display()
                );
            }
        }
    }

    #[test]
    fn streamed_json_of_many_blocks_is_in_roster_order() {
        // 1,000 workers in 25 units, scored on phone calls alone, make eight blocks of the
        // streamed writer.
        let dir = std::env::temp_dir().join(format!("ys-blocks-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let rubric = include_str!("../../../rubrics/community-worker.toml");
        std::fs::write(dir.join("r.toml"), rubric).unwrap();
        std::fs::write(
            dir.join("assessment.toml"),
            "[assessment]\nname = \"blocks\"\nyear = 2024\nrubric = \"r.toml\"\n[inputs]\nroster = \"roster.csv\"\n[inputs.components]\nphone = \"phone.csv\"\n",
        )
        .unwrap();
        let mut roster = String::from("worker_id,name,unit\n");
        let mut phone = String::from("worker_id,call_id,outcome\n");
        let outcomes = ["满意", "基本满意", "不满意", "未接通"];
        for w in 0..1000 {
            roster.push_str(&format!("W{w:04},工作者{w},社区{}\n", w % 25));
            for c in 0..8 {
                let o = outcomes[(w * 7 + c * (w % 5 + 1)) % 4];
                phone.push_str(&format!("W{w:04},C{c},{o}\n"));
            }
        }
        std::fs::write(dir.join("roster.csv"), roster).unwrap();
        std::fs::write(dir.join("phone.csv"), phone).unwrap();
        let b = Bundle::load(&dir).unwrap().output;
        let whole = json(&score(&b));
        for threads in [1, 2, 3] {
            let mut out = Vec::new();
            crate::report::write_json_with_threads(&b, &mut out, threads).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), whole, "{threads} threads");
        }
        // A writer that fails halfway: the error comes back, and every thread stops.
        struct Fails(usize);
        impl std::io::Write for Fails {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                if self.0 < buf.len() {
                    return Err(std::io::Error::other("disk full"));
                }
                self.0 -= buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        for threads in [1, 2, 3] {
            let e =
                crate::report::write_json_with_threads(&b, &mut Fails(whole.len() / 2), threads)
                    .unwrap_err();
            assert_eq!(e.to_string(), "disk full");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
