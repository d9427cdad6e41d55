//! Rubrics: what is assessed, how each method turns records into a score, and how scores become
//! a total, a grade and a rank.
//!
//! A rubric is written in TOML (see `docs/rubric.md` for every key) and checked when loaded:
//! [`Rubric::from_toml`] returns either a rubric that the engine can use as it is, or every
//! problem with its line and column. [`looks_like_rubric`] tells a rubric from a bundle's
//! `assessment.toml` by its text, even a broken one.

mod detect;
mod load;

pub use detect::looks_like_rubric;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::num::{Q, RoundingMode};

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub(crate) u16);

        impl $name {
            #[doc = concat!("The ", $what, "'s place in the rubric's list, from 0.")]
            pub fn index(self) -> usize {
                usize::from(self.0)
            }

            /// The id at `index`; `None` past the largest a rubric may hold.
            pub(crate) fn at(index: usize) -> Option<Self> {
                u16::try_from(index).ok().map($name)
            }
        }
    };
}

index_type!(
    /// A grade of a checked rubric: its band's place in [`Rubric::grades`], 0 the best, so that
    /// a lower index is a better grade.
    GradeId,
    "grade"
);
index_type!(
    /// A component of a checked rubric: its place in [`Rubric::components`].
    ComponentId,
    "component"
);
index_type!(
    /// An adjustment item of a checked rubric: its place in [`Adjustments::items`].
    ItemId,
    "item"
);
index_type!(
    /// An eligibility rule of a checked rubric: its place in [`Rubric::eligibility`].
    RuleId,
    "rule"
);

/// A checked rubric.
#[derive(Debug, Clone, Serialize)]
pub struct Rubric {
    /// Stable identifier, e.g. `community-worker`.
    pub id: String,
    /// Name for people, e.g. 社区工作者年度考核.
    pub name: String,
    /// Free-form version string.
    pub version: Option<String>,
    /// The components in the order written; their weights sum to exactly 1.
    pub components: Vec<Component>,
    /// How component scores become the total.
    pub total: TotalRule,
    /// Bonus, deduction and veto items of the adjustments file.
    pub adjustments: Adjustments,
    /// Grade bands, highest first; the last one covers everything below.
    pub grades: Vec<Band>,
    /// Conditions without which a grade cannot be had.
    pub eligibility: Vec<EligibilityRule>,
    /// The limit on how many may have a grade (the 优秀 quota).
    pub quota: Option<Quota>,
}

/// One assessment method with its weight.
#[derive(Debug, Clone, Serialize)]
pub struct Component {
    /// Identifier, the key of the bundle's `[inputs.components]` table.
    pub id: String,
    /// Name for people, e.g. 民主测评.
    pub name: String,
    /// Share of the total, exactly.
    pub weight: Decimal,
    /// The method and its settings.
    pub method: Method,
}

/// How a component's records become its score.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Method {
    /// 个人汇报: raters' scores, trimmed and averaged.
    Panel(Panel),
    /// 民主测评: ballots with labelled choices.
    Ballot(Ballot),
    /// 个别谈话: interviewers rate dimensions.
    Interview(Interview),
    /// 业务测试: one test result per worker.
    Test(Test),
    /// 电话抽查: calls to residents.
    Phone(Phone),
    /// 入户走访: households asked about visits and satisfaction.
    Visit(Visit),
    /// A periodic scorecard (网格员月度考核, 党员积分): per-period checklists of itemised
    /// deductions and bonuses, rolled up to the year.
    Scorecard(Scorecard),
}

impl Method {
    /// The `kind` key of this method.
    pub fn kind(&self) -> &'static str {
        match self {
            Method::Panel(_) => "panel",
            Method::Ballot(_) => "ballot",
            Method::Interview(_) => "interview",
            Method::Test(_) => "test",
            Method::Phone(_) => "phone",
            Method::Visit(_) => "visit",
            Method::Scorecard(_) => "scorecard",
        }
    }
}

/// A label and the value it converts to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelValue {
    /// The label as written in the input, e.g. 优秀.
    pub label: String,
    /// Its value on the component's scale.
    pub value: Decimal,
}

/// Drop the `drop` highest and `drop` lowest values when there are at least `at_least`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Trim {
    /// Smallest number of values for which trimming happens.
    pub at_least: usize,
    /// How many of each end are dropped (one instance each).
    pub drop: usize,
}

/// Settings of a panel (个人汇报).
#[derive(Debug, Clone, Serialize)]
pub struct Panel {
    /// Lowest score a rater may give.
    pub min_score: Decimal,
    /// Highest score a rater may give.
    pub max_score: Decimal,
    /// Fewer scores than this: the component is missing.
    pub min_count: usize,
    /// Trimming of extreme scores.
    pub trim: Option<Trim>,
}

/// A group of voters with its weight (班子成员, 党员, 居民代表 …).
#[derive(Debug, Clone, Serialize)]
pub struct VoterGroup {
    /// The label used in the `group` column.
    pub label: String,
    /// Its weight; weights are renormalised over the groups present.
    pub weight: Decimal,
}

/// When the ballot needs a quorum of the electorate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quorum {
    /// No quorum check.
    None,
    /// Ballots cast must exceed half of the roster's electorate (2 × cast > E) when E > 0.
    MoreThanHalf,
}

/// Settings of democratic evaluation ballots (民主测评).
#[derive(Debug, Clone, Serialize)]
pub struct Ballot {
    /// Valid choices with their values.
    pub options: Vec<LabelValue>,
    /// Choices that are cast but not valid (弃权, 不了解); a blank is always such a choice.
    pub not_valid: Vec<String>,
    /// Voter groups; empty when ballots are not weighted by group.
    pub groups: Vec<VoterGroup>,
    /// Quorum rule.
    pub quorum: Quorum,
    /// Fewer valid ballots than this: the component is missing (at least 1).
    pub min_valid: usize,
}

/// A dimension of an interview with its relative weight.
#[derive(Debug, Clone, Serialize)]
pub struct Dimension {
    /// The label in the `dimension` column, e.g. 德.
    pub label: String,
    /// Relative weight; an interviewer's value is the weighted mean of the dimensions rated.
    pub weight: Decimal,
}

/// Settings of individual interviews (个别谈话).
#[derive(Debug, Clone, Serialize)]
pub struct Interview {
    /// The dimensions rated.
    pub dimensions: Vec<Dimension>,
    /// Ratings with their values.
    pub ratings: Vec<LabelValue>,
    /// Fewer interviewers than this: the component is missing (at least 1).
    pub min_interviewers: usize,
}

/// Settings of the knowledge test (业务测试).
#[derive(Debug, Clone, Serialize)]
pub struct Test {
    /// Full mark of the paper when the row gives no `max`.
    pub full_mark: Decimal,
    /// The component score of a full mark (score = scale × score / max).
    pub scale: Decimal,
    /// A component score below this is a fail.
    pub pass_mark: Option<Decimal>,
}

/// Settings of phone spot checks (电话抽查).
#[derive(Debug, Clone, Serialize)]
pub struct Phone {
    /// Outcomes that count, with their values.
    pub options: Vec<LabelValue>,
    /// Outcomes of calls that do not count (未接通, 拒访, 不清楚).
    pub not_counted: Vec<String>,
    /// Fewer counted calls than this: the component is missing.
    pub min_counted: usize,
    /// Options that make up the satisfied share reported with a 95% interval.
    pub satisfied: Vec<String>,
}

/// Settings of home visits (入户走访).
#[derive(Debug, Clone, Serialize)]
pub struct Visit {
    /// Satisfaction labels with their values.
    pub options: Vec<LabelValue>,
    /// Weight of the coverage part c = 100 × yes / (yes + no).
    pub coverage_weight: Decimal,
    /// Weight of the satisfaction part (mean satisfaction).
    pub satisfaction_weight: Decimal,
    /// Fewer rows answering `visited` than this: missing.
    pub min_answered: usize,
    /// Fewer rows with a satisfaction than this: missing.
    pub min_rated: usize,
    /// Options that make up the satisfied share reported with a 95% interval.
    pub satisfied: Vec<String>,
}

/// The length of a scorecard's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// A calendar month, written `2024-03`.
    Month,
    /// A quarter, written `2024-Q1`.
    Quarter,
    /// A half year, written `2024-H1`.
    Half,
    /// The whole year, written `2024`.
    Year,
}

impl PeriodKind {
    /// Every kind, shortest first.
    pub const ALL: [PeriodKind; 4] = [
        PeriodKind::Month,
        PeriodKind::Quarter,
        PeriodKind::Half,
        PeriodKind::Year,
    ];

    /// The key's value in a rubric: `month`, `quarter`, `half`, `year`.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Half => "half",
            PeriodKind::Year => "year",
        }
    }

    /// Periods in a year: 12, 4, 2 or 1.
    pub fn per_year(self) -> usize {
        match self {
            PeriodKind::Month => 12,
            PeriodKind::Quarter => 4,
            PeriodKind::Half => 2,
            PeriodKind::Year => 1,
        }
    }

    /// Months in one period: 1, 3, 6 or 12.
    pub fn months(self) -> u32 {
        12 / self.per_year() as u32
    }

    /// The period numbered `index` (from 0) of `year`, as written in a file: `2024-03`,
    /// `2024-Q1`, `2024-H1`, `2024`.
    ///
    /// ```
    /// use yardstick::rubric::PeriodKind;
    /// assert_eq!(PeriodKind::Month.label(2024, 2), "2024-03");
    /// assert_eq!(PeriodKind::Quarter.label(2024, 0), "2024-Q1");
    /// assert_eq!(PeriodKind::Half.label(2024, 1), "2024-H2");
    /// assert_eq!(PeriodKind::Year.label(2024, 0), "2024");
    /// ```
    pub fn label(self, year: i32, index: usize) -> String {
        match self {
            PeriodKind::Month => format!("{year}-{:02}", index + 1),
            PeriodKind::Quarter => format!("{year}-Q{}", index + 1),
            PeriodKind::Half => format!("{year}-H{}", index + 1),
            PeriodKind::Year => format!("{year}"),
        }
    }
}

/// One item of a scorecard's checklist.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreItem {
    /// The `item` value in the file, e.g. `collect_error`.
    pub id: String,
    /// Name for people, e.g. 信息采集不全或错误; the file may give it instead of the id.
    pub name: String,
    /// Points per occurrence, never 0: negative for a deduction, positive for a bonus.
    pub points: Decimal,
    /// The most the item adds or takes away in one period (扣完为止 per item), when limited.
    pub limit: Option<Decimal>,
}

/// Settings of a periodic scorecard.
#[derive(Debug, Clone, Serialize)]
pub struct Scorecard {
    /// The length of a period.
    pub period: PeriodKind,
    /// The score each period starts from.
    pub base: Decimal,
    /// A period never scores below it.
    pub floor: Decimal,
    /// A period never scores above it, when set.
    pub ceiling: Option<Decimal>,
    /// Fewer counted periods than this: the component is missing (at least 1).
    pub min_periods: usize,
    /// The checklist.
    pub items: Vec<ScoreItem>,
}

/// What happens to a worker with a missing component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingPolicy {
    /// Divide by the weight present; ungraded (`incomplete`) below the minimum present weight.
    Renormalise,
    /// A missing component scores 0.
    Zero,
    /// Any missing component makes the worker ungraded (`incomplete`).
    Ungraded,
}

/// How component scores become the total.
#[derive(Debug, Clone, Serialize)]
pub struct TotalRule {
    /// Missing-component policy.
    pub missing: MissingPolicy,
    /// With `renormalise`: below this present weight the worker is `incomplete`.
    pub min_present_weight: Decimal,
    /// Decimals of the total and the printed component scores.
    pub decimals: u32,
    /// Rounding mode.
    pub rounding: RoundingMode,
    /// The total never goes below this (扣完为止).
    pub floor: Option<Decimal>,
    /// The total never goes above this.
    pub cap: Option<Decimal>,
}

/// What an adjustment item does.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemEffect {
    /// Adds this much per occurrence.
    Bonus(Decimal),
    /// Subtracts this much per occurrence.
    Deduction(Decimal),
    /// A veto.
    Veto(Veto),
}

/// A veto's effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Veto {
    /// Status `pending`: no grade until the case closes.
    Pending,
    /// Status `ungraded`: no grade this year.
    Ungraded,
    /// The grade is set to this one.
    Grade(GradeId),
    /// The grade is at most this one.
    Cap(GradeId),
}

impl Veto {
    /// The kind's key in `veto_precedence`.
    pub fn kind(&self) -> VetoKind {
        match self {
            Veto::Pending => VetoKind::Pending,
            Veto::Ungraded => VetoKind::Ungraded,
            Veto::Grade(_) => VetoKind::Grade,
            Veto::Cap(_) => VetoKind::Cap,
        }
    }
}

/// The kinds of veto, for precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VetoKind {
    /// Status pending.
    Pending,
    /// Status ungraded.
    Ungraded,
    /// Grade set.
    Grade,
    /// Grade capped.
    Cap,
}

/// One item of the adjustments file.
#[derive(Debug, Clone, Serialize)]
pub struct AdjustmentItem {
    /// The `item` column's value.
    pub id: String,
    /// Name for people, e.g. 区级表彰.
    pub name: String,
    /// What it does.
    pub effect: ItemEffect,
    /// Most this item may add or take away in total, when limited.
    pub cap: Option<Decimal>,
}

/// Bonus, deduction and veto items.
#[derive(Debug, Clone, Serialize)]
pub struct Adjustments {
    /// The items.
    pub items: Vec<AdjustmentItem>,
    /// Most all bonuses together may add.
    pub bonus_cap: Option<Decimal>,
    /// Most all deductions together may take away.
    pub deduction_cap: Option<Decimal>,
    /// Heaviest first. Within a kind, the lower grade is heavier.
    pub veto_precedence: Vec<VetoKind>,
}

impl Adjustments {
    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&AdjustmentItem> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// A grade band: totals at or above `min` (and below the band above) get `label`.
#[derive(Debug, Clone, Serialize)]
pub struct Band {
    /// The grade, e.g. 优秀.
    pub label: String,
    /// Lowest rounded total of the band; `None` for the last band.
    pub min: Option<Decimal>,
}

/// The condition of an eligibility rule.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// The component is present and its exact score is below `mark`.
    Below {
        /// The component.
        component: ComponentId,
        /// The mark.
        mark: Decimal,
    },
    /// In a ballot component, votes for `option` are more than `share` of valid ballots
    /// (compared exactly: votes > share × valid).
    ShareOver {
        /// The ballot component.
        component: ComponentId,
        /// The option's place among the ballot's options (e.g. 不称职).
        option: usize,
        /// The share as an exact fraction.
        #[serde(serialize_with = "crate::num::ser_q")]
        share: Q,
    },
}

/// A worker who meets the condition cannot have `grade` and gets `otherwise`.
#[derive(Debug, Clone, Serialize)]
pub struct EligibilityRule {
    /// Identifier, used in the flag `ineligible:<id>`.
    pub id: String,
    /// Name for people.
    pub name: String,
    /// The grade the rule guards.
    pub grade: GradeId,
    /// The grade given instead.
    pub otherwise: GradeId,
    /// When the rule bites.
    pub condition: Condition,
}

/// How the number of places is rounded from ratio × N.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotaRounding {
    /// Round down (20% of 7 → 1).
    Floor,
    /// Round half up (20% of 8 = 1.6 → 2).
    HalfUp,
    /// Round up.
    Ceiling,
}

/// Over what the quota is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotaScope {
    /// All graded workers of the bundle together.
    Bundle,
    /// Each unit (the roster's `unit` column) separately.
    Unit,
}

/// A key candidates are ordered by, higher first, a missing score lowest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderKey {
    /// The rounded total.
    Total,
    /// A component's rounded score.
    Component(ComponentId),
}

/// What a tie at the quota line does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OnTie {
    /// Every candidate tied at the line loses the grade; the place stays empty for the
    /// committee to decide.
    Vacate,
    /// Every candidate tied at the line becomes `pending` for the committee to decide.
    Pending,
}

/// The limit on a grade (the 优秀 quota).
#[derive(Debug, Clone, Serialize)]
pub struct Quota {
    /// The limited grade.
    pub grade: GradeId,
    /// Places = ratio × N, rounded.
    #[serde(serialize_with = "crate::num::ser_q")]
    pub ratio: Q,
    /// How places are rounded.
    pub rounding: QuotaRounding,
    /// What N counts.
    pub scope: QuotaScope,
    /// Candidates' order.
    pub order: Vec<OrderKey>,
    /// What a tie at the line does.
    pub on_tie: OnTie,
    /// The grade given to candidates who lose the limited grade.
    pub demote_to: GradeId,
}

impl Rubric {
    /// The component with this id.
    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }

    /// The id of the component called `id`.
    pub fn component_id(&self, id: &str) -> Option<ComponentId> {
        let k = self.components.iter().position(|c| c.id == id)?;
        ComponentId::at(k)
    }

    /// The component `id` stands for.
    pub fn component_at(&self, id: ComponentId) -> &Component {
        &self.components[id.index()]
    }

    /// The grade labelled `label`.
    pub fn grade_id(&self, label: &str) -> Option<GradeId> {
        GradeId::at(self.grades.iter().position(|b| b.label == label)?)
    }

    /// The label of a grade, e.g. 优秀.
    pub fn grade_label(&self, grade: GradeId) -> &str {
        &self.grades[grade.index()].label
    }

    /// The band of a rounded total.
    pub fn band(&self, total: Decimal) -> GradeId {
        for (i, band) in self.grades.iter().enumerate() {
            match band.min {
                Some(min) if total >= min => return GradeId::at(i).unwrap_or(GradeId(0)),
                None => return GradeId::at(i).unwrap_or(GradeId(0)),
                _ => {}
            }
        }
        // Checked on load: the last band has no minimum or covers the floor.
        GradeId::at(self.grades.len().saturating_sub(1)).unwrap_or(GradeId(0))
    }

    /// The adjustment item `id` stands for.
    pub fn item(&self, id: ItemId) -> &AdjustmentItem {
        &self.adjustments.items[id.index()]
    }

    /// The eligibility rule `id` stands for.
    pub fn rule(&self, id: RuleId) -> &EligibilityRule {
        &self.eligibility[id.index()]
    }
}
