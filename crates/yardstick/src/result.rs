//! What a worker's assessment comes to: the [`Outcome`], with its typed [`Flag`]s, and the
//! quota lines decided over the cohort. These are data; the views in [`crate::report`],
//! [`crate::html`] and [`crate::explain`] show them.

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::i18n::Lang;
use crate::method::Missing;
use crate::num::{Exact, Q};
use crate::rubric::{
    ComponentId, Condition, ConsequenceId, GradeId, ItemId, Method, Rubric, RuleId,
};
use crate::tr;

/// A worker's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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

    /// The status in words: 已评定, 不评定, 暂缓评定 (`graded` … in English).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Status::Graded => tr!(lang, "status-graded"),
            Status::Ungraded => tr!(lang, "status-ungraded"),
            Status::Pending => tr!(lang, "status-pending"),
        }
    }

    /// The status in Chinese words: 已评定, 不评定, 暂缓评定.
    pub fn in_words(&self) -> String {
        self.text(Lang::Zh)
    }
}

/// An exact amount carried by a flag (a capped bonus, a floored total …), shown for people
/// exactly (`86.5`) or as a fraction with a rounded decimal (`80/3 ≈ 26.6667`).
#[derive(Debug, Clone)]
pub struct Amount(pub(crate) Exact);

impl Amount {
    /// The amount as an exact rational.
    pub fn to_q(&self) -> Q {
        self.0.clone().into_q()
    }
}

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::num::ser_exact(&self.to_q(), s)
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::num::describe(&self.to_q()))
    }
}

impl PartialEq for Amount {
    fn eq(&self, other: &Self) -> bool {
        self.0.cmp(&other.0).is_eq()
    }
}

/// Why an eligibility rule bit (or did not).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The component's exact score against the rule's mark; `None` when it is missing.
    Below {
        /// The exact score.
        score: Option<Amount>,
    },
    /// Votes for the rule's option among the valid ballots.
    ShareOver {
        /// Votes for the option.
        votes: u64,
        /// Valid ballots.
        valid: u64,
    },
}

/// A flag on a worker's outcome. [`Flag::code`] gives the stable code that JSON and CSV carry
/// (`missing:report`, `veto:warning` …) and [`Flag::text`] the same in words.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Flag {
    /// `quorum_not_met`: a ballot component is missing for want of quorum.
    QuorumNotMet(ComponentId),
    /// `missing:<component>`.
    Missing(ComponentId),
    /// `incomplete`: the components present weigh less than the rubric's minimum.
    Incomplete {
        /// The weight present.
        present: Amount,
    },
    /// `bonus_capped`.
    BonusCapped {
        /// The bonus before the cap.
        raw: Amount,
        /// The bonus added.
        capped: Amount,
    },
    /// `deduction_capped`.
    DeductionCapped {
        /// The deductions before the cap.
        raw: Amount,
        /// The deductions taken.
        capped: Amount,
    },
    /// `total_floored`: the total was raised to the rubric's floor.
    TotalFloored {
        /// The total before the floor.
        unbounded: Amount,
    },
    /// `total_capped`: the total was limited to the rubric's cap.
    TotalCapped {
        /// The total before the cap.
        unbounded: Amount,
    },
    /// `veto:<item>`.
    Veto(ItemId),
    /// `ineligible:<rule>`.
    Ineligible(RuleId, Reason),
    /// `quota_tie`: tied at the quota line on every key; the place is left to the committee.
    QuotaTie,
    /// `quota_cut`: below the quota line.
    QuotaCut {
        /// 1-based place among the scope's candidates (candidates with equal keys share it, as
        /// ranks do: 1, 2, 2, 4).
        position: usize,
        /// Candidates in the scope.
        candidates: usize,
        /// Places in the scope.
        places: usize,
    },
}

impl Flag {
    /// The stable code.
    pub fn code(&self, rubric: &Rubric) -> String {
        match self {
            Flag::QuorumNotMet(_) => "quorum_not_met".into(),
            Flag::Missing(c) => format!("missing:{}", rubric.component_at(*c).id),
            Flag::Incomplete { .. } => "incomplete".into(),
            Flag::BonusCapped { .. } => "bonus_capped".into(),
            Flag::DeductionCapped { .. } => "deduction_capped".into(),
            Flag::TotalFloored { .. } => "total_floored".into(),
            Flag::TotalCapped { .. } => "total_capped".into(),
            Flag::Veto(i) => format!("veto:{}", rubric.item(*i).id),
            Flag::Ineligible(r, _) => format!("ineligible:{}", rubric.rule(*r).id),
            Flag::QuotaTie => "quota_tie".into(),
            Flag::QuotaCut { .. } => "quota_cut".into(),
        }
    }

    /// The flag in words, in `lang`.
    pub fn text(&self, rubric: &Rubric, lang: Lang) -> String {
        let quota_grade = || {
            rubric
                .quota
                .as_ref()
                .map_or("", |q| rubric.grade_label(q.grade))
        };
        let name = |c: &ComponentId| rubric.component_at(*c).name.as_str();
        match self {
            Flag::QuorumNotMet(c) => tr!(lang, "flag-quorum-not-met", component = name(c)),
            Flag::Missing(c) => tr!(lang, "flag-missing", component = name(c)),
            Flag::Incomplete { present } => tr!(
                lang,
                "flag-incomplete",
                present = present,
                min = rubric.total.min_present_weight
            ),
            Flag::BonusCapped { raw, capped } => {
                tr!(lang, "flag-bonus-capped", raw = raw, capped = capped)
            }
            Flag::DeductionCapped { raw, capped } => {
                tr!(lang, "flag-deduction-capped", raw = raw, capped = capped)
            }
            Flag::TotalFloored { unbounded } => tr!(
                lang,
                "flag-total-floored",
                unbounded = unbounded,
                floor = rubric.total.floor.unwrap_or_default()
            ),
            Flag::TotalCapped { unbounded } => tr!(
                lang,
                "flag-total-capped",
                unbounded = unbounded,
                cap = rubric.total.cap.unwrap_or_default()
            ),
            Flag::Veto(i) => tr!(lang, "flag-veto", item = rubric.item(*i).name),
            Flag::Ineligible(r, why) => {
                let rule = rubric.rule(*r);
                tr!(
                    lang,
                    "flag-ineligible",
                    grade = rubric.grade_label(rule.grade),
                    why = reason_text(rubric, &rule.condition, why, lang)
                )
            }
            Flag::QuotaTie => tr!(lang, "flag-quota-tie", grade = quota_grade()),
            Flag::QuotaCut {
                position,
                candidates,
                places,
            } => tr!(
                lang,
                "flag-quota-cut",
                grade = quota_grade(),
                position = position,
                candidates = candidates,
                places = places
            ),
        }
    }
}

/// Whether an eligibility condition bites, given why.
pub(crate) fn reason_bites(condition: &Condition, why: &Reason) -> bool {
    match (condition, why) {
        (Condition::Below { mark, .. }, Reason::Below { score: Some(s) }) => {
            s.0.cmp(&Exact::dec(*mark)).is_lt()
        }
        (Condition::ShareOver { share, .. }, Reason::ShareOver { votes, valid }) => {
            // votes / valid > share, compared exactly: votes > share × valid.
            *valid > 0
                && crate::num::qi(i64::try_from(*votes).unwrap_or(i64::MAX))
                    > share * crate::num::qi(i64::try_from(*valid).unwrap_or(i64::MAX))
        }
        _ => false,
    }
}

/// An eligibility rule's comparison in words.
pub(crate) fn reason_text(
    rubric: &Rubric,
    condition: &Condition,
    why: &Reason,
    lang: Lang,
) -> String {
    let bites = reason_bites(condition, why);
    match (condition, why) {
        (Condition::Below { component, mark }, Reason::Below { score: Some(s) }) => {
            let component = &rubric.component_at(*component).name;
            if bites {
                tr!(
                    lang,
                    "reason-below",
                    component = component,
                    score = s,
                    mark = mark
                )
            } else {
                tr!(
                    lang,
                    "reason-not-below",
                    component = component,
                    score = s,
                    mark = mark
                )
            }
        }
        (Condition::Below { component, mark }, _) => tr!(
            lang,
            "reason-below-missing",
            component = rubric.component_at(*component).name,
            mark = mark
        ),
        (
            Condition::ShareOver {
                component,
                option,
                share,
            },
            Reason::ShareOver { votes, valid },
        ) => {
            let label = match &rubric.component_at(*component).method {
                Method::Ballot(b) => b.options.get(*option).map_or("", |o| o.label.as_str()),
                _ => "",
            };
            if bites {
                tr!(
                    lang,
                    "reason-share-over",
                    votes = votes,
                    option = label,
                    valid = valid,
                    share = share
                )
            } else {
                tr!(
                    lang,
                    "reason-share-not-over",
                    votes = votes,
                    option = label,
                    valid = valid,
                    share = share
                )
            }
        }
        (Condition::ShareOver { .. }, _) => String::new(),
    }
}

/// One component of a worker's outcome.
#[derive(Debug, Clone)]
pub struct ComponentOutcome {
    /// The score rounded as the rubric says; `None` when missing.
    pub score: Option<Decimal>,
    /// Why the component is missing.
    pub missing: Option<Missing>,
    /// The exact score, for the engine's arithmetic.
    pub(crate) value: Option<Exact>,
}

impl ComponentOutcome {
    /// The exact score, when present.
    pub fn exact(&self) -> Option<Q> {
        self.value.clone().map(Exact::into_q)
    }
}

/// What one worker's assessment comes to: status, total, grade, rank, every component and the
/// flags raised. Made by [`crate::engine::evaluate`]; the quota and the rank are settled by
/// the cohort's decisions ([`crate::engine::Scored`]).
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Graded, ungraded or pending.
    pub status: Status,
    /// The rounded total; `None` when incomplete.
    pub total: Option<Decimal>,
    /// The grade; only when graded.
    pub grade: Option<GradeId>,
    /// Competition rank among graded workers (1, 2, 2, 4); only when graded and settled.
    pub rank: Option<u32>,
    /// Every component of the rubric, in rubric order.
    pub components: Vec<ComponentOutcome>,
    /// Bonus added after its cap, rounded.
    pub bonus: Decimal,
    /// Deduction taken after its cap, rounded.
    pub deduction: Decimal,
    /// Flags, in the order raised.
    pub flags: Vec<Flag>,
    /// The rubric's consequences that apply (考核结果运用), in rubric order; settled with the
    /// quota and the rank.
    pub consequences: Vec<ConsequenceId>,
    pub(crate) exact_total: Option<Exact>,
}

impl Outcome {
    /// The exact total before rounding, when there is one.
    pub fn exact_total(&self) -> Option<Q> {
        self.exact_total.clone().map(Exact::into_q)
    }

    /// The component `id` stands for.
    pub fn component(&self, id: ComponentId) -> &ComponentOutcome {
        &self.components[id.index()]
    }

    /// Whether the outcome is incomplete (too little weight present to grade).
    pub fn is_incomplete(&self) -> bool {
        self.flags
            .iter()
            .any(|f| matches!(f, Flag::Incomplete { .. }))
    }

    /// Adds a flag unless one with the same code is there.
    pub(crate) fn flag(&mut self, flag: Flag) {
        let same = |f: &Flag| match (f, &flag) {
            (Flag::Missing(a), Flag::Missing(b)) => a == b,
            (Flag::Veto(a), Flag::Veto(b)) => a == b,
            (Flag::Ineligible(a, _), Flag::Ineligible(b, _)) => a == b,
            _ => std::mem::discriminant(f) == std::mem::discriminant(&flag),
        };
        if !self.flags.iter().any(same) {
            self.flags.push(flag);
        }
    }

    /// The flags' codes.
    pub fn codes<'a>(&'a self, rubric: &'a Rubric) -> impl Iterator<Item = String> + 'a {
        self.flags.iter().map(|f| f.code(rubric))
    }

    /// The flags in words, joined by `; ` (`；` in Chinese), as the table and the workbook
    /// show them.
    pub fn flags_in_words(&self, rubric: &Rubric, lang: Lang) -> String {
        let sep = match lang {
            Lang::Zh => "；",
            Lang::En => "; ",
        };
        self.flags
            .iter()
            .map(|f| f.text(rubric, lang))
            .collect::<Vec<_>>()
            .join(sep)
    }
}

/// The quota in one scope (the whole bundle, or one unit), as decided over the cohort.
#[derive(Debug, Clone)]
pub struct QuotaLine {
    /// The unit, or `None` for the whole bundle.
    pub unit: Option<Arc<str>>,
    /// The limited grade.
    pub grade: GradeId,
    /// N: graded workers in the scope.
    pub graded: usize,
    /// Places = ratio × N, rounded as the rubric says.
    pub places: usize,
    /// Candidates for the grade after vetoes and eligibility, in order (roster indices).
    pub candidates: Vec<usize>,
    /// Candidates who keep the grade.
    pub kept: Vec<usize>,
    /// Candidates tied at the line, who all lose it.
    pub tied: Vec<usize>,
    /// Candidates below the line.
    pub cut: Vec<usize>,
}
