//! Every worker's final outcome with its texts, held in memory: for programs that want the
//! whole result at once, and for the views that lay out the whole cohort (the HTML report, the
//! workbook). A province's outcomes take a few dozen megabytes this way; the streaming views
//! ([`super::json`], [`super::csv`], [`super::table`]) never hold them.

use rust_decimal::Decimal;

use crate::engine::Scored;
use crate::method::{Facts, Missing};
use crate::result::{Outcome, Status};

/// The cohort's outcomes with their texts.
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
/// let a = yardstick::Assessment::of(&yardstick::score(&bundle));
/// let top = a.ranked()[0];
/// assert_eq!((top.worker_id.as_str(), top.grade.as_deref()), ("DM01", Some("优秀")));
/// assert!(a.worker("NY10").unwrap().has_flag("incomplete"));
/// ```
#[derive(Debug, Clone)]
pub struct Assessment {
    /// 考核名称.
    pub name: String,
    /// The year assessed.
    pub year: i32,
    /// The rubric's id.
    pub rubric_id: String,
    /// SHA-256 of the rubric file.
    pub rubric_sha256: String,
    /// Every worker, in roster order.
    pub workers: Vec<WorkerResult>,
    /// The quota line per scope; empty without a quota.
    pub quotas: Vec<QuotaResult>,
}

/// One worker's final outcome with its texts.
#[derive(Debug, Clone)]
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
    /// The grade's label; only when graded.
    pub grade: Option<String>,
    /// Competition rank among graded workers.
    pub rank: Option<u32>,
    /// Every component, in rubric order.
    pub components: Vec<ComponentResult>,
    /// Bonus added.
    pub bonus: Decimal,
    /// Deduction taken.
    pub deduction: Decimal,
    /// Flags, with their codes and words.
    pub flags: Vec<FlagText>,
    /// The consequences that apply (考核结果运用), in rubric order.
    pub consequences: Vec<ConsequenceText>,
    /// The typed outcome these texts show.
    pub outcome: Outcome,
}

/// One component of a worker.
#[derive(Debug, Clone)]
pub struct ComponentResult {
    /// Component id.
    pub id: String,
    /// Component name.
    pub name: String,
    /// The rounded score; `None` when missing.
    pub score: Option<Decimal>,
    /// Why it is missing.
    pub missing: Option<Missing>,
    /// What the score rests on.
    pub facts: Facts,
}

/// A flag's code and words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagText {
    /// The stable code, e.g. `missing:report`.
    pub code: String,
    /// The flag in words.
    pub text: String,
}

/// A consequence that applies: its id and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsequenceText {
    /// The stable id, e.g. `dismiss`.
    pub id: String,
    /// The name, e.g. 解除聘用合同.
    pub name: String,
}

/// A quota line with worker ids.
#[derive(Debug, Clone)]
pub struct QuotaResult {
    /// The unit, for per-unit quotas.
    pub unit: Option<String>,
    /// The limited grade.
    pub grade: String,
    /// N, graded workers in the scope.
    pub graded: usize,
    /// The ratio, as a fraction (`1/5`).
    pub ratio: String,
    /// Places.
    pub places: usize,
    /// Candidates in order.
    pub candidates: Vec<String>,
    /// Candidates who keep the grade.
    pub kept: Vec<String>,
    /// Candidates tied at the line, who all lose it.
    pub tied: Vec<String>,
    /// Candidates below the line.
    pub cut: Vec<String>,
}

impl WorkerResult {
    /// The component with this id.
    pub fn component(&self, id: &str) -> Option<&ComponentResult> {
        self.components.iter().find(|c| c.id == id)
    }

    /// Whether the worker has a flag with this code.
    pub fn has_flag(&self, code: &str) -> bool {
        self.flags.iter().any(|f| f.code == code)
    }

    /// The flags in words, joined by `; `.
    pub fn flags_in_words(&self) -> String {
        self.flags
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl Assessment {
    /// Every worker of `scored`, in roster order.
    pub fn of(scored: &Scored) -> Assessment {
        let bundle = scored.bundle();
        let rubric = bundle.rubric();
        let outcomes = scored.outcomes();
        let workers = bundle
            .workers()
            .iter()
            .zip(outcomes)
            .enumerate()
            .map(|(i, (w, o))| WorkerResult {
                worker_id: w.id.clone(),
                name: w.name.clone(),
                unit: w.unit.as_deref().map(str::to_string),
                role: w.role.as_deref().map(str::to_string),
                status: o.status,
                total: o.total,
                grade: o.grade.map(|g| rubric.grade_label(g).to_string()),
                rank: o.rank,
                components: rubric
                    .components
                    .iter()
                    .zip(&o.components)
                    .enumerate()
                    .map(|(k, (c, oc))| ComponentResult {
                        id: c.id.clone(),
                        name: c.name.clone(),
                        score: oc.score,
                        missing: oc.missing.clone(),
                        facts: bundle.tallies(k).facts(i, w),
                    })
                    .collect(),
                bonus: o.bonus,
                deduction: o.deduction,
                flags: o
                    .flags
                    .iter()
                    .map(|f| FlagText {
                        code: f.code(rubric),
                        text: f.text(rubric, scored.lang()),
                    })
                    .collect(),
                consequences: o
                    .consequences
                    .iter()
                    .map(|&c| ConsequenceText {
                        id: rubric.consequence(c).id.clone(),
                        name: rubric.consequence(c).name.clone(),
                    })
                    .collect(),
                outcome: o,
            })
            .collect();
        let ids = |at: &[usize]| -> Vec<String> {
            at.iter().map(|&i| bundle.workers()[i].id.clone()).collect()
        };
        let ratio = rubric
            .quota
            .as_ref()
            .map(|q| q.ratio.to_string())
            .unwrap_or_default();
        Assessment {
            name: bundle.info().name.clone(),
            year: bundle.info().year,
            rubric_id: rubric.id.clone(),
            rubric_sha256: bundle.rubric_sha256().to_string(),
            workers,
            quotas: scored
                .quotas()
                .iter()
                .map(|q| QuotaResult {
                    unit: q.unit.as_deref().map(str::to_string),
                    grade: rubric.grade_label(q.grade).to_string(),
                    graded: q.graded,
                    ratio: ratio.clone(),
                    places: q.places,
                    candidates: ids(&q.candidates),
                    kept: ids(&q.kept),
                    tied: ids(&q.tied),
                    cut: ids(&q.cut),
                })
                .collect(),
        }
    }

    /// The worker with this id.
    pub fn worker(&self, id: &str) -> Option<&WorkerResult> {
        self.workers.iter().find(|w| w.worker_id == id)
    }

    /// The workers in posting order: graded by rank, then pending, then ungraded; roster order
    /// within each.
    pub fn ranked(&self) -> Vec<&WorkerResult> {
        let mut order: Vec<&WorkerResult> = self.workers.iter().collect();
        order.sort_by_key(|w| (w.rank.is_none(), w.rank, w.status != Status::Pending));
        order
    }
}
