//! The engine: component scores → weighted total → adjustments → grade → vetoes → eligibility,
//! in exact arithmetic ([`evaluate`], one worker at a time, with a [`Tracer`] that may keep every
//! step), then the quota and the rank, decided once over the cohort ([`Scored`]).

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::bundle::Bundle;
use crate::grade::{self, Settled, Standing};
use crate::history::{self, Break};
use crate::input::Worker;
use crate::method::Tallies;
use crate::num::{Exact, Q};
use crate::par;
use crate::result::{Amount, ComponentOutcome, Flag, Outcome, QuotaLine, Reason, Status};
use crate::rubric::{
    ComponentId, Condition, ConsequenceId, GradeId, GradeTest, ItemEffect, ItemId, MissingPolicy,
    Rubric, RuleId, Veto,
};
use crate::trace::{
    AdjustmentLine, Broken, Counts, Decision, ItemKind, NoTrace, Step, Tracer, Trail, VetoEffect,
    VetoItem, YearGrade,
};

/// One worker's outcome before the quota and the rank: components, total, band, vetoes and
/// eligibility, every step handed to `tracer` (roster worker `w` of `bundle`).
///
/// ```
/// use yardstick::trace::{NoTrace, Trail};
///
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
/// let plain = yardstick::evaluate(&bundle, 0, &mut NoTrace);
/// let mut trail = Trail::default();
/// let traced = yardstick::evaluate(&bundle, 0, &mut trail);
/// assert_eq!(plain.total, traced.total);
/// assert!(trail.steps.len() > bundle.rubric().components.len());
/// ```
pub fn evaluate<'b, T: Tracer<'b>>(bundle: &'b Bundle, w: usize, tracer: &mut T) -> Outcome {
    let rubric = bundle.rubric();
    let worker = &bundle.workers()[w];
    let mut o = Outcome {
        status: Status::Graded,
        total: None,
        grade: None,
        rank: None,
        components: Vec::with_capacity(rubric.components.len()),
        bonus: Decimal::ZERO,
        deduction: Decimal::ZERO,
        flags: Vec::new(),
        consequences: Vec::new(),
        exact_total: None,
    };
    components(bundle, w, worker, &mut o, tracer);
    let share = |c: ComponentId, option: usize| bundle.tallies(c.index()).option_share(w, option);
    finish(bundle, w, o, tracer, &share)
}

/// How many votes an option of a ballot component has, and how many valid ballots:
/// `(component, option) → (votes, valid)`, `None` when the component is not a ballot.
pub(crate) type Shares<'s> = dyn Fn(ComponentId, usize) -> Option<(u64, u64)> + 's;

/// What worker `w`'s outcome before the quota would be with these component outcomes and
/// ballot counts in place of the bundle's (the fairness audit's grade margins): the weights,
/// adjustments, total, band, vetoes and eligibility, exactly as [`evaluate`] applies them.
pub(crate) fn reevaluate(
    bundle: &Bundle,
    w: usize,
    components: Vec<ComponentOutcome>,
    share: &Shares,
) -> Outcome {
    let o = Outcome {
        status: Status::Graded,
        total: None,
        grade: None,
        rank: None,
        components,
        bonus: Decimal::ZERO,
        deduction: Decimal::ZERO,
        flags: Vec::new(),
        exact_total: None,
        consequences: Vec::new(),
    };
    finish(bundle, w, o, &mut NoTrace, share)
}

/// [`evaluate`] from the component outcomes on.
fn finish<'b, T: Tracer<'b>>(
    bundle: &'b Bundle,
    w: usize,
    mut o: Outcome,
    tracer: &mut T,
    share: &Shares,
) -> Outcome {
    let rubric = bundle.rubric();
    let base = weights(rubric, &mut o, tracer);
    let (bonus, deduction) = adjustments(bundle, w, &mut o, tracer);
    if let Some(base) = base {
        total(rubric, &mut o, &base, &bonus, &deduction, tracer);
    }
    if let Some(t) = o.total {
        let band = rubric.band(t);
        if T::ON {
            tracer.step(Step::Band {
                total: t,
                grade: rubric.grade_label(band),
            });
        }
        o.grade = Some(band);
    }
    vetoes(bundle, w, &mut o, tracer);
    if o.status != Status::Graded {
        o.grade = None;
        return o;
    }
    eligibility(bundle, &mut o, tracer, share);
    o
}

/// Rounds as the rubric says, keeping the rubric's number of decimals (`90.00`).
pub(crate) fn rounded(rubric: &Rubric, v: &Exact) -> Decimal {
    crate::num::fixed(
        v.round(rubric.total.decimals, rubric.total.rounding),
        rubric.total.decimals,
    )
}

fn q(v: &Exact) -> Q {
    v.clone().into_q()
}

fn components<'b, T: Tracer<'b>>(
    bundle: &'b Bundle,
    w: usize,
    worker: &Worker,
    o: &mut Outcome,
    tracer: &mut T,
) {
    let rubric = bundle.rubric();
    for (k, comp) in rubric.components.iter().enumerate() {
        let tallies: &dyn Tallies = bundle.tallies(k);
        let (value, missing) = match tallies.score(w, worker) {
            Ok(v) => (Some(v), None),
            Err(why) => (None, Some(why)),
        };
        let score = value.as_ref().map(|v| rounded(rubric, v));
        if T::ON {
            tracer.step(Step::Component {
                id: &comp.id,
                name: &comp.name,
                weight: comp.weight,
                score,
                exact: value.as_ref().map(q),
                missing: missing.clone(),
                detail: tallies.detail(w, worker),
            });
        }
        if let Some(m) = &missing {
            let id = ComponentId::at(k).unwrap_or(ComponentId(0));
            if matches!(m, crate::method::Missing::QuorumNotMet { .. }) {
                o.flag(Flag::QuorumNotMet(id));
            }
            o.flag(Flag::Missing(id));
        }
        o.components.push(ComponentOutcome {
            score,
            missing,
            value,
        });
    }
}

/// The weighted base, or `None` when the worker is incomplete (then ungraded and flagged).
fn weights<'b, T: Tracer<'b>>(
    rubric: &'b Rubric,
    o: &mut Outcome,
    tracer: &mut T,
) -> Option<Exact> {
    let (present, weighted) = rubric
        .components
        .iter()
        .zip(&o.components)
        .filter_map(|(c, s)| s.value.as_ref().map(|v| (Exact::dec(c.weight), v)))
        .fold((Exact::int(0), Exact::int(0)), |(p, ws), (w, s)| {
            (p.add(&w), ws.add(&w.mul(s)))
        });
    let policy = rubric.total.missing;
    let incomplete = match policy {
        MissingPolicy::Renormalise => {
            present.cmp(&Exact::dec(rubric.total.min_present_weight)) == Ordering::Less
                || present.is_zero()
        }
        MissingPolicy::Zero => false,
        MissingPolicy::Ungraded => o.components.iter().any(|c| c.value.is_none()),
    };
    let base = match policy {
        MissingPolicy::Renormalise if !present.is_zero() => weighted.div(&present),
        _ => weighted.clone(),
    };
    if T::ON {
        tracer.step(Step::Weights {
            policy,
            present_weight: q(&present),
            min_present_weight: rubric.total.min_present_weight,
            weighted_sum: q(&weighted),
            base: (!incomplete).then(|| q(&base)),
            incomplete,
        });
    }
    if incomplete {
        o.status = Status::Ungraded;
        o.flag(Flag::Incomplete {
            present: Amount(present),
        });
        return None;
    }
    Some(base)
}

/// `raw`, or the cap when `raw` is above it.
fn capped(raw: &Exact, cap: Option<Decimal>) -> Exact {
    match cap {
        Some(c) if raw.cmp(&Exact::dec(c)) == Ordering::Greater => Exact::dec(c),
        _ => raw.clone(),
    }
}

/// The bonus and the deductions after their caps.
fn adjustments<'b, T: Tracer<'b>>(
    bundle: &'b Bundle,
    w: usize,
    o: &mut Outcome,
    tracer: &mut T,
) -> (Exact, Exact) {
    let rubric = bundle.rubric();
    let adj = &rubric.adjustments;
    let mut bonus_raw = Exact::int(0);
    let mut deduction_raw = Exact::int(0);
    let mut lines = Vec::new();
    for a in bundle.adjustments_of(w) {
        let item = &adj.items[a.item];
        let times = Exact::int(i64::try_from(a.count).unwrap_or(i64::MAX));
        let (raw, kind) = match &item.effect {
            ItemEffect::Bonus(v) => (Exact::dec(*v).mul(&times), ItemKind::Bonus),
            ItemEffect::Deduction(v) => (Exact::dec(*v).mul(&times), ItemKind::Deduction),
            ItemEffect::Veto(_) => (Exact::int(0), ItemKind::Veto),
        };
        let amount = capped(&raw, item.cap);
        match kind {
            ItemKind::Bonus => bonus_raw = bonus_raw.add(&amount),
            ItemKind::Deduction => deduction_raw = deduction_raw.add(&amount),
            ItemKind::Veto => {}
        }
        if T::ON && a.count > 0 {
            lines.push(AdjustmentLine {
                item: &item.id,
                name: &item.name,
                count: a.count,
                kind,
                amount: q(&amount),
                item_capped: raw.cmp(&amount) != Ordering::Equal,
            });
        }
    }
    let bonus = capped(&bonus_raw, adj.bonus_cap);
    let deduction = capped(&deduction_raw, adj.deduction_cap);
    if bonus.cmp(&bonus_raw) != Ordering::Equal {
        o.flag(Flag::BonusCapped {
            raw: Amount(bonus_raw.clone()),
            capped: Amount(bonus.clone()),
        });
    }
    if deduction.cmp(&deduction_raw) != Ordering::Equal {
        o.flag(Flag::DeductionCapped {
            raw: Amount(deduction_raw.clone()),
            capped: Amount(deduction.clone()),
        });
    }
    o.bonus = rounded(rubric, &bonus);
    o.deduction = rounded(rubric, &deduction);
    if T::ON {
        tracer.step(Step::Adjustments {
            lines,
            bonus_raw: q(&bonus_raw),
            bonus_cap: adj.bonus_cap,
            bonus: q(&bonus),
            deduction_raw: q(&deduction_raw),
            deduction_cap: adj.deduction_cap,
            deduction: q(&deduction),
        });
    }
    (bonus, deduction)
}

/// base + bonus − deductions, within the rubric's floor and cap, rounded once.
fn total<'b, T: Tracer<'b>>(
    rubric: &'b Rubric,
    o: &mut Outcome,
    base: &Exact,
    bonus: &Exact,
    deduction: &Exact,
    tracer: &mut T,
) {
    let unbounded = base.add(bonus).sub(deduction);
    let mut total = unbounded.clone();
    if let Some(f) = rubric.total.floor
        && total.cmp(&Exact::dec(f)) == Ordering::Less
    {
        total = Exact::dec(f);
        o.flag(Flag::TotalFloored {
            unbounded: Amount(unbounded.clone()),
        });
    }
    if let Some(c) = rubric.total.cap
        && total.cmp(&Exact::dec(c)) == Ordering::Greater
    {
        total = Exact::dec(c);
        o.flag(Flag::TotalCapped {
            unbounded: Amount(unbounded.clone()),
        });
    }
    let t = rounded(rubric, &total);
    if T::ON {
        tracer.step(Step::Total {
            base: q(base),
            unbounded: q(&unbounded),
            exact: q(&total),
            rounded: t,
            decimals: rubric.total.decimals,
            rounding: rubric.total.rounding,
        });
    }
    o.total = Some(t);
    o.exact_total = Some(total);
}

/// Every veto present is flagged; the heaviest applies (an incomplete worker stays ungraded).
fn vetoes<'b, T: Tracer<'b>>(bundle: &'b Bundle, w: usize, o: &mut Outcome, tracer: &mut T) {
    let rubric = bundle.rubric();
    let adj = &rubric.adjustments;
    let mut present: Vec<(ItemId, &Veto)> = Vec::new();
    for a in bundle.adjustments_of(w) {
        if let (ItemEffect::Veto(v), true) = (&adj.items[a.item].effect, a.count > 0) {
            present.push((ItemId::at(a.item).unwrap_or(ItemId(0)), v));
        }
    }
    for (id, _) in &present {
        o.flag(Flag::Veto(*id));
    }
    // Heaviest first by kind, as the rubric orders them; within a kind the lower grade.
    let weight = |v: &Veto| {
        let kind = adj
            .veto_precedence
            .iter()
            .position(|k| *k == v.kind())
            .unwrap_or(usize::MAX);
        let grade = match v {
            Veto::Grade(g) | Veto::Cap(g) => usize::MAX - g.index(),
            _ => 0,
        };
        (kind, grade)
    };
    let Some(&(id, veto)) = present.iter().min_by_key(|(_, v)| weight(v)) else {
        return;
    };
    let before = o.grade;
    if !o.is_incomplete() {
        match veto {
            Veto::Pending => o.status = Status::Pending,
            Veto::Ungraded => o.status = Status::Ungraded,
            Veto::Grade(g) => o.grade = Some(*g),
            // A lower index is a better grade.
            Veto::Cap(g) => o.grade = o.grade.map(|now| now.max(*g)),
        }
    }
    if T::ON {
        let label = |g: Option<GradeId>| g.map(|g| rubric.grade_label(g));
        let item = |id: ItemId| VetoItem {
            item: &rubric.item(id).id,
            name: &rubric.item(id).name,
        };
        tracer.step(Step::Veto {
            present: present.iter().map(|(i, _)| item(*i)).collect(),
            applied: item(id),
            effect: match veto {
                Veto::Pending => VetoEffect::Pending,
                Veto::Ungraded => VetoEffect::Ungraded,
                Veto::Grade(g) => VetoEffect::Grade(rubric.grade_label(*g)),
                Veto::Cap(g) => VetoEffect::Cap(rubric.grade_label(*g)),
            },
            before: label(before),
            status: o.status,
            after: if o.status == Status::Graded {
                label(o.grade)
            } else {
                None
            },
        });
    }
}

/// The eligibility rules guarding the worker's grade; the first that bites gives its grade.
fn eligibility<'b, T: Tracer<'b>>(
    bundle: &'b Bundle,
    o: &mut Outcome,
    tracer: &mut T,
    share: &Shares,
) {
    let rubric = bundle.rubric();
    let mut otherwise: Option<GradeId> = None;
    for (r, rule) in rubric.eligibility.iter().enumerate() {
        if o.grade != Some(rule.grade) {
            continue;
        }
        let why = reason(o, &rule.condition, share);
        let bites = crate::result::reason_bites(&rule.condition, &why);
        if T::ON {
            tracer.step(Step::Eligibility {
                rule: &rule.name,
                id: &rule.id,
                grade: rubric.grade_label(rule.grade),
                bites,
                why: why.clone(),
                condition: &rule.condition,
                otherwise: rubric.grade_label(rule.otherwise),
            });
        }
        if bites {
            o.flag(Flag::Ineligible(RuleId::at(r).unwrap_or(RuleId(0)), why));
            otherwise.get_or_insert(rule.otherwise);
        }
    }
    if let Some(g) = otherwise {
        o.grade = Some(g);
    }
}

/// The figures an eligibility condition is judged on.
pub(crate) fn reason(o: &Outcome, c: &Condition, share: &Shares) -> Reason {
    match c {
        Condition::Below { component, .. } => Reason::Below {
            score: o.component(*component).value.clone().map(Amount),
        },
        Condition::ShareOver {
            component, option, ..
        } => {
            // Read from the tallies: the ballots count even when the score is missing for want
            // of quorum.
            let (votes, valid) = share(*component, *option).unwrap_or((0, 0));
            Reason::ShareOver { votes, valid }
        }
    }
}

/// A bundle scored: every worker's standing decided over the cohort (the quota and the rank),
/// from which any worker's full [`Outcome`] is made again on demand, exactly as it was. This is
/// how a province is scored in little memory: a few dozen bytes per worker are kept, and the
/// views stream the outcomes worker by worker.
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
/// let scored = yardstick::score(&bundle);
/// // The best-ranked worker first.
/// let top = scored.ranked()[0];
/// let outcome = scored.outcome(top);
/// assert_eq!(outcome.rank, Some(1));
/// println!("{} {:?}", bundle.workers()[top].name, outcome.total);
/// ```
#[derive(Debug, Clone)]
pub struct Scored<'b> {
    bundle: &'b Bundle,
    quotas: Vec<QuotaLine>,
    settled: Vec<Settled>,
    ranked: usize,
    spread: Vec<Spread>,
    applied: Applied,
    threads: usize,
    lang: crate::i18n::Lang,
}

/// The consequences that apply, worker after worker (most workers have none).
#[derive(Debug, Clone, Default)]
struct Applied {
    /// Where each worker's consequences start in `ids`; one more entry for the end. Empty when
    /// the rubric declares no consequence.
    starts: Vec<usize>,
    ids: Vec<ConsequenceId>,
}

impl Applied {
    /// Decides every worker's consequences from the settled grades and the bundle's history.
    fn decide(bundle: &Bundle, settled: &[Settled]) -> Applied {
        let rubric = bundle.rubric();
        if rubric.consequences.is_empty() {
            return Applied::default();
        }
        let year = bundle.info().year;
        let mut applied = Applied {
            starts: Vec::with_capacity(settled.len() + 1),
            ids: Vec::new(),
        };
        for (w, s) in settled.iter().enumerate() {
            applied.starts.push(applied.ids.len());
            for (k, c) in rubric.consequences.iter().enumerate() {
                if history::run(c, year, s.status, s.grade, bundle.history(), w).applies() {
                    applied.ids.extend(ConsequenceId::at(k));
                }
            }
        }
        applied.starts.push(applied.ids.len());
        applied
    }

    /// Worker `w`'s consequences.
    fn of(&self, w: usize) -> &[ConsequenceId] {
        match (self.starts.get(w), self.starts.get(w + 1)) {
            (Some(&a), Some(&b)) => self.ids.get(a..b).unwrap_or_default(),
            _ => &[],
        }
    }
}

/// How a component's rounded scores spread over the cohort.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spread {
    /// The lowest score, when any worker has one.
    pub min: Option<Decimal>,
    /// The highest score, when any worker has one.
    pub max: Option<Decimal>,
    /// Workers for whom the component is missing.
    pub missing: usize,
}

impl Spread {
    fn add(&mut self, score: Option<Decimal>) {
        match score {
            Some(s) => {
                self.min = Some(self.min.map_or(s, |m| m.min(s)));
                self.max = Some(self.max.map_or(s, |m| m.max(s)));
            }
            None => self.missing += 1,
        }
    }

    fn join(&mut self, other: &Spread) {
        for s in [other.min, other.max].into_iter().flatten() {
            self.min = Some(self.min.map_or(s, |m| m.min(s)));
            self.max = Some(self.max.map_or(s, |m| m.max(s)));
        }
        self.missing += other.missing;
    }
}

/// Scores a loaded bundle: every worker evaluated once (on every core, see [`crate::threads`]),
/// the quota and the ranks decided. The result is the same whatever the number of threads.
pub fn score(bundle: &Bundle) -> Scored<'_> {
    Scored::with_threads(bundle, par::threads())
}

impl<'b> Scored<'b> {
    /// As [`score`], on `threads` threads; the views of the result use as many. The result is
    /// the same whatever the number.
    pub fn with_threads(bundle: &'b Bundle, threads: usize) -> Scored<'b> {
        let rubric = bundle.rubric();
        let n = bundle.workers().len();
        // Workers in contiguous chunks, each with the spread of its component scores.
        const CHUNK: usize = 1024;
        let parts = par::tasks(n.div_ceil(CHUNK), threads, |c| {
            let mut spread = vec![Spread::default(); rubric.components.len()];
            let standings: Vec<Standing> = (c * CHUNK..((c + 1) * CHUNK).min(n))
                .map(|i| {
                    let o = evaluate(bundle, i, &mut NoTrace);
                    for (s, oc) in spread.iter_mut().zip(&o.components) {
                        s.add(oc.score);
                    }
                    Standing::of(rubric, &o)
                })
                .collect();
            (standings, spread)
        });
        let mut spread = vec![Spread::default(); rubric.components.len()];
        let mut standings = Vec::with_capacity(n);
        for (part, s) in parts {
            standings.extend(part);
            for (a, b) in spread.iter_mut().zip(&s) {
                a.join(b);
            }
        }
        let (quotas, settled, ranked) = grade::decide(rubric, bundle.workers(), standings);
        let applied = Applied::decide(bundle, &settled);
        Scored {
            bundle,
            quotas,
            settled,
            ranked,
            spread,
            applied,
            threads: threads.max(1),
            lang: crate::i18n::Lang::default(),
        }
    }

    /// The same result, its views written in `lang` (the default is Chinese).
    ///
    /// ```
    /// use yardstick::i18n::Lang;
    /// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
    /// let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
    /// let scored = yardstick::score(&bundle).with_lang(Lang::En);
    /// let text = yardstick::explain::explain(&scored, 0).text();
    /// assert!(text.contains("Result: status graded"));
    /// ```
    pub fn with_lang(mut self, lang: crate::i18n::Lang) -> Scored<'b> {
        self.lang = lang;
        self
    }

    /// The language of its views.
    pub fn lang(&self) -> crate::i18n::Lang {
        self.lang
    }

    /// The threads its work and its views use.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// The bundle scored.
    pub fn bundle(&self) -> &'b Bundle {
        self.bundle
    }

    /// Workers on the roster.
    pub fn len(&self) -> usize {
        self.settled.len()
    }

    /// Whether the roster is empty.
    pub fn is_empty(&self) -> bool {
        self.settled.is_empty()
    }

    /// The quota line per scope; empty without a quota.
    pub fn quotas(&self) -> &[QuotaLine] {
        &self.quotas
    }

    /// The final status of roster worker `i`.
    pub fn status(&self, i: usize) -> Status {
        self.settled[i].status
    }

    /// The final grade of roster worker `i` (only when graded).
    pub fn grade(&self, i: usize) -> Option<GradeId> {
        self.settled[i].grade
    }

    /// The rounded total of roster worker `i`.
    pub fn total(&self, i: usize) -> Option<Decimal> {
        self.settled[i].total
    }

    /// The rank of roster worker `i` (only when graded).
    pub fn rank(&self, i: usize) -> Option<u32> {
        self.settled[i].rank
    }

    /// The consequences that apply to roster worker `i` (考核结果运用), in rubric order.
    pub fn consequences(&self, i: usize) -> &[ConsequenceId] {
        self.applied.of(i)
    }

    /// How the rounded scores of the `k`-th component of the rubric spread over the cohort.
    pub fn spread(&self, k: usize) -> &Spread {
        &self.spread[k]
    }

    /// How many workers are ranked.
    pub fn ranked_count(&self) -> usize {
        self.ranked
    }

    /// The roster index of the worker with this id.
    pub fn index_of(&self, worker_id: &str) -> Option<usize> {
        self.bundle.worker_index(worker_id)
    }

    /// Roster indices in the order results are posted: graded workers by rank, then pending,
    /// then ungraded; roster order within each.
    pub fn ranked(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.sort_by_key(|&i| {
            let s = &self.settled[i];
            (s.rank.is_none(), s.rank, s.status != Status::Pending)
        });
        order
    }

    /// The final outcome of roster worker `i`: equal to the one the cohort decided on, with
    /// the quota's decision and the rank applied.
    pub fn outcome(&self, i: usize) -> Outcome {
        let mut o = evaluate(self.bundle, i, &mut NoTrace);
        self.settle(i, &mut o, &mut NoTrace);
        o
    }

    /// The final outcome of roster worker `i` with every step that made it.
    pub fn trace(&self, i: usize) -> (Outcome, Vec<Step<'b>>) {
        let mut trail = Trail::default();
        let mut o = evaluate(self.bundle, i, &mut trail);
        self.settle(i, &mut o, &mut trail);
        (o, trail.steps)
    }

    /// Every worker's final outcome, in roster order (made on every core).
    pub fn outcomes(&self) -> Vec<Outcome> {
        par::map(self.len(), self.threads, |i| self.outcome(i))
    }

    /// Applies the cohort's decisions to worker `i`'s outcome: the quota's mark and the final
    /// status, grade and rank.
    fn settle<T: Tracer<'b>>(&self, i: usize, o: &mut Outcome, tracer: &mut T) {
        let rubric = self.bundle.rubric();
        let s = &self.settled[i];
        if let (Some(m), Some(quota)) = (s.mark, &rubric.quota) {
            let line = &self.quotas[m.line as usize];
            let position = m.position as usize + 1;
            match m.decision {
                Decision::Tied => o.flag(Flag::QuotaTie),
                Decision::Cut => o.flag(Flag::QuotaCut {
                    position,
                    candidates: line.candidates.len(),
                    places: line.places,
                }),
                Decision::Kept => {}
            }
            if T::ON {
                tracer.step(Step::Quota {
                    unit: line
                        .unit
                        .as_deref()
                        .map(|_| self.bundle.workers()[i].unit.as_deref().unwrap_or_default()),
                    grade: rubric.grade_label(quota.grade),
                    graded: line.graded,
                    ratio: quota.ratio.to_string(),
                    rounding: quota.rounding,
                    places: line.places,
                    position,
                    candidates: line.candidates.len(),
                    keys: grade::keys(o, &quota.order),
                    decision: m.decision,
                    after: s.grade.map(|g| rubric.grade_label(g)),
                });
            }
        }
        o.status = s.status;
        o.grade = s.grade;
        o.rank = s.rank;
        if let (Some(rank), Some(total)) = (s.rank, s.total)
            && T::ON
        {
            tracer.step(Step::Rank {
                rank,
                of: self.ranked,
                total,
            });
        }
        o.consequences = self.applied.of(i).to_vec();
        if T::ON {
            let year = self.bundle.info().year;
            for c in &rubric.consequences {
                let run = history::run(c, year, s.status, s.grade, self.bundle.history(), i);
                tracer.step(Step::Consequence {
                    id: &c.id,
                    name: &c.name,
                    counts: match c.test {
                        GradeTest::Exactly(_) => Counts::Exactly,
                        GradeTest::AtLeast(_) => Counts::AtLeast,
                    },
                    grade: rubric.grade_label(c.test.grade()),
                    years: c.years,
                    counted: run
                        .years
                        .iter()
                        .map(|&(year, g)| YearGrade {
                            year,
                            grade: rubric.grade_label(g),
                        })
                        .collect(),
                    broken: run.broken.map(|b| match b {
                        Break::NotGradedNow(st) => Broken::NotGradedNow { status: st },
                        Break::Missing(year) => Broken::Missing { year },
                        Break::Absent(year) => Broken::Absent { year },
                        Break::NotGraded(year, st) => Broken::NotGraded { year, status: st },
                        Break::Grade(year, g) => Broken::Grade {
                            year,
                            grade: rubric.grade_label(g),
                        },
                    }),
                    applies: run.broken.is_none(),
                });
            }
        }
    }
}
