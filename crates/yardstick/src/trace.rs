//! The steps that make a worker's outcome, as data: the engine hands each one to a
//! [`Tracer`] as it goes. [`NoTrace`] keeps nothing and costs nothing (the engine builds no step
//! for it); [`Trail`] keeps every step, which [`crate::explain`] shows in words or as JSON.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::num::{ser_exact, ser_number as number, ser_opt_exact, ser_opt_number as opt_number};

use crate::method::{Detail, Missing};
use crate::num::{Q, RoundingMode};
use crate::result::Status;
use crate::rubric::{MissingPolicy, QuotaRounding};

/// Receives the steps of an evaluation.
pub trait Tracer<'r> {
    /// Whether steps are wanted at all: when false the engine does not make them.
    const ON: bool;

    /// Takes one step.
    fn step(&mut self, step: Step<'r>);
}

/// Keeps no step.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoTrace;

impl<'r> Tracer<'r> for NoTrace {
    const ON: bool = false;

    fn step(&mut self, _: Step<'r>) {}
}

/// Keeps every step, in order.
#[derive(Debug, Default, Clone)]
pub struct Trail<'r> {
    /// The steps.
    pub steps: Vec<Step<'r>>,
}

impl<'r> Tracer<'r> for Trail<'r> {
    const ON: bool = true;

    fn step(&mut self, step: Step<'r>) {
        self.steps.push(step);
    }
}

fn missing_text<S: Serializer>(m: &Option<Missing>, s: S) -> Result<S::Ok, S::Error> {
    match m {
        Some(m) => s.serialize_str(&m.to_string()),
        None => s.serialize_none(),
    }
}

/// What an adjustment item does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Adds to the total.
    Bonus,
    /// Takes from the total.
    Deduction,
    /// A veto.
    Veto,
}

/// One adjustment item of a worker.
#[derive(Debug, Clone, Serialize)]
pub struct AdjustmentLine<'r> {
    /// Item id.
    pub item: &'r str,
    /// Item name.
    pub name: &'r str,
    /// Occurrences.
    pub count: u64,
    /// Bonus, deduction or veto.
    pub kind: ItemKind,
    /// Amount after the item's own cap.
    #[serde(serialize_with = "ser_exact")]
    pub amount: Q,
    /// Whether the item's own cap cut it.
    pub item_capped: bool,
}

/// A veto item: its name and id.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct VetoItem<'r> {
    /// Item id.
    pub item: &'r str,
    /// Item name.
    pub name: &'r str,
}

/// What a veto does.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VetoEffect<'r> {
    /// Status pending.
    Pending,
    /// Status ungraded.
    Ungraded,
    /// The grade is set to this one.
    Grade(&'r str),
    /// The grade is at most this one.
    Cap(&'r str),
}

/// A candidate's fate at the quota line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Within the places: keeps the grade.
    Kept,
    /// Tied at the line on every key with another candidate: all so tied lose the place.
    Tied,
    /// Below the line.
    Cut,
}

/// One step of a worker's outcome.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Step<'r> {
    /// A component's score with its figures.
    Component {
        /// Component id.
        id: &'r str,
        /// Component name.
        name: &'r str,
        /// Its weight.
        #[serde(serialize_with = "number")]
        weight: Decimal,
        /// The score, rounded; `None` when missing.
        #[serde(serialize_with = "opt_number")]
        score: Option<Decimal>,
        /// The exact score.
        #[serde(serialize_with = "ser_opt_exact")]
        exact: Option<Q>,
        /// Why it is missing.
        #[serde(serialize_with = "missing_text")]
        missing: Option<Missing>,
        /// The method's figures.
        detail: Detail,
    },
    /// Which weights are present and the weighted base.
    Weights {
        /// Missing-component policy.
        policy: MissingPolicy,
        /// Sum of the weights of present components (P).
        #[serde(serialize_with = "ser_exact")]
        present_weight: Q,
        /// The rubric's minimum present weight.
        #[serde(serialize_with = "number")]
        min_present_weight: Decimal,
        /// Σ weight × score over present components.
        #[serde(serialize_with = "ser_exact")]
        weighted_sum: Q,
        /// The base score (renormalised when the policy says); `None` when incomplete.
        #[serde(serialize_with = "ser_opt_exact")]
        base: Option<Q>,
        /// Whether the worker is incomplete.
        incomplete: bool,
    },
    /// Bonuses and deductions, before and after their caps.
    Adjustments {
        /// Every item the worker has.
        lines: Vec<AdjustmentLine<'r>>,
        /// Bonus before the overall cap.
        #[serde(serialize_with = "ser_exact")]
        bonus_raw: Q,
        /// The overall bonus cap.
        #[serde(serialize_with = "opt_number")]
        bonus_cap: Option<Decimal>,
        /// Bonus added.
        #[serde(serialize_with = "ser_exact")]
        bonus: Q,
        /// Deductions before the overall cap.
        #[serde(serialize_with = "ser_exact")]
        deduction_raw: Q,
        /// The overall deduction cap.
        #[serde(serialize_with = "opt_number")]
        deduction_cap: Option<Decimal>,
        /// Deductions taken.
        #[serde(serialize_with = "ser_exact")]
        deduction: Q,
    },
    /// The total, exact and rounded.
    Total {
        /// The base.
        #[serde(serialize_with = "ser_exact")]
        base: Q,
        /// base + bonus − deductions.
        #[serde(serialize_with = "ser_exact")]
        unbounded: Q,
        /// After the floor and the cap.
        #[serde(serialize_with = "ser_exact")]
        exact: Q,
        /// Rounded once.
        #[serde(serialize_with = "number")]
        rounded: Decimal,
        /// Decimals.
        decimals: u32,
        /// Rounding mode.
        rounding: RoundingMode,
    },
    /// The band of the rounded total.
    Band {
        /// The rounded total.
        #[serde(serialize_with = "number")]
        total: Decimal,
        /// The band's grade.
        grade: &'r str,
    },
    /// The veto applied.
    Veto {
        /// Every veto item present.
        present: Vec<VetoItem<'r>>,
        /// The heaviest, which applies.
        applied: VetoItem<'r>,
        /// Its effect.
        effect: VetoEffect<'r>,
        /// Grade before.
        before: Option<&'r str>,
        /// Status after.
        status: Status,
        /// Grade after, when graded.
        after: Option<&'r str>,
    },
    /// An eligibility rule checked.
    Eligibility {
        /// Rule name.
        rule: &'r str,
        /// Rule id.
        id: &'r str,
        /// The guarded grade.
        grade: &'r str,
        /// Whether it bites.
        bites: bool,
        /// The figures compared.
        why: crate::result::Reason,
        /// The rule's condition.
        #[serde(skip)]
        condition: &'r crate::rubric::Condition,
        /// The grade given instead.
        otherwise: &'r str,
    },
    /// The quota decision.
    Quota {
        /// The unit, for per-unit quotas.
        unit: Option<&'r str>,
        /// The limited grade.
        grade: &'r str,
        /// N, graded workers in scope.
        graded: usize,
        /// Ratio, as a fraction (`1/5`).
        ratio: String,
        /// Rounding of places.
        rounding: QuotaRounding,
        /// Places.
        places: usize,
        /// The worker's position among candidates (1-based).
        position: usize,
        /// Number of candidates.
        candidates: usize,
        /// The worker's keys (total, then the tie-break scores; `null` when missing).
        #[serde(serialize_with = "ser_keys")]
        keys: Vec<Option<Decimal>>,
        /// Kept, tied or cut.
        decision: Decision,
        /// Grade after.
        after: Option<&'r str>,
    },
    /// A consequence (考核结果运用) checked over the years.
    Consequence {
        /// Consequence id.
        id: &'r str,
        /// Consequence name.
        name: &'r str,
        /// Which grades count: this grade exactly, or it and the better ones.
        counts: Counts,
        /// The grade named.
        grade: &'r str,
        /// Consecutive years needed, this one included.
        years: u32,
        /// The years counted, this one first, with their published grades.
        counted: Vec<YearGrade<'r>>,
        /// What broke the run, when it is broken.
        broken: Option<Broken<'r>>,
        /// Whether the consequence applies.
        applies: bool,
    },
    /// The rank.
    Rank {
        /// Rank.
        rank: u32,
        /// Among how many graded workers.
        of: usize,
        /// The rounded total ranked.
        #[serde(serialize_with = "number")]
        total: Decimal,
    },
}

/// Which grades a consequence counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Counts {
    /// The grade named, exactly.
    Exactly,
    /// The grade named or a better one.
    AtLeast,
}

/// A year's published grade, counted by a consequence.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct YearGrade<'r> {
    /// The year.
    pub year: i32,
    /// The published grade.
    pub grade: &'r str,
}

/// What broke a consequence's run of years.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Broken<'r> {
    /// Not graded this year.
    NotGradedNow {
        /// This year's status.
        status: Status,
    },
    /// No results of that year in the bundle's history.
    Missing {
        /// The year.
        year: i32,
    },
    /// The worker is not in that year's results.
    Absent {
        /// The year.
        year: i32,
    },
    /// Ungraded or pending that year.
    NotGraded {
        /// The year.
        year: i32,
        /// That year's status.
        status: Status,
    },
    /// That year's published grade does not count.
    Grade {
        /// The year.
        year: i32,
        /// That year's grade.
        grade: &'r str,
    },
}

fn ser_keys<S: Serializer>(keys: &[Option<Decimal>], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(keys.len()))?;
    for k in keys {
        struct One<'a>(&'a Option<Decimal>);
        impl Serialize for One<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                opt_number(self.0, s)
            }
        }
        seq.serialize_element(&One(k))?;
    }
    seq.end()
}
