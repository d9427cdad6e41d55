//! Two results compared (`yardstick diff`, docs/contract.md section 8): a bundle against the same
//! bundle corrected after an appeal (申诉复核), a results file against a re-score, one rubric
//! version against another.
//!
//! Each side is a [`Side`]: what a scored bundle or a `score --format json` document says of each
//! worker. [`diff`] lists every worker whose status, total, grade, rank or consequences differ,
//! old and new side by side, with the components whose scores differ and the adjustment items
//! whose counts differ; the workers on one side only; and the rubric hashes. A rank that moved
//! while nothing else did counts as a change.
//!
//! ```
//! use yardstick::diff::{Side, diff};
//!
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
//! let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
//! let side = Side::of_scored(&yardstick::score(&bundle), "sample");
//! let d = diff(&side, &side);
//! assert!(d.is_empty());
//! ```

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::Path;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::bundle::Bundle;
use crate::engine::Scored;
use crate::error::{Diagnostic, Error, Warned};
use crate::i18n::Lang;
use crate::input::{Files, ReadOptions};
use crate::num::ser_opt_number;
use crate::result::Status;
use crate::tr;

/// What one side says of one worker.
#[derive(Debug, Clone, PartialEq)]
pub struct SideWorker {
    /// The worker's id.
    pub worker_id: String,
    /// 姓名.
    pub name: String,
    /// The result: status, total, grade, rank and consequences.
    pub result: Snapshot,
    /// Every component's rounded score (`None`: missing), by component id.
    pub components: Vec<(String, Option<Decimal>)>,
    /// Adjustment items with their counts (none at 0), by item id; `None` when the side does not
    /// record them (a results file written before they were).
    pub adjustments: Option<Vec<(String, u64)>>,
}

/// A worker's result as `diff` compares it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    /// `graded`, `ungraded` or `pending`.
    pub status: Status,
    /// The rounded total.
    #[serde(serialize_with = "ser_opt_number")]
    pub total: Option<Decimal>,
    /// The published grade.
    pub grade: Option<String>,
    /// The rank among graded workers.
    pub rank: Option<u32>,
    /// The consequences that apply, by id.
    pub consequences: Vec<String>,
}

/// One side of a comparison: a scored bundle or a results file.
#[derive(Debug, Clone, Default)]
pub struct Side {
    /// Where it comes from, as named on the command line.
    pub source: String,
    /// The assessment's name, when known.
    pub name: Option<String>,
    /// The year assessed, when known.
    pub year: Option<i32>,
    /// The rubric's id.
    pub rubric_id: String,
    /// SHA-256 of the rubric file.
    pub rubric_sha256: String,
    /// Every worker, in the side's order.
    pub workers: Vec<SideWorker>,
    /// Names of components, adjustment items and consequences by kind and id
    /// ([`COMPONENT`]`report`), when the side knows them.
    names: HashMap<String, String>,
}

/// The kinds of names a side knows, as prefixes of their keys.
const COMPONENT: &str = "component:";
const ITEM: &str = "item:";
const CONSEQUENCE: &str = "consequence:";

impl Side {
    /// What a scored bundle says of each worker (made on every core, never holding the
    /// outcomes all at once).
    pub fn of_scored(scored: &Scored, source: &str) -> Side {
        let bundle = scored.bundle();
        let rubric = bundle.rubric();
        let workers = crate::par::map(scored.len(), scored.threads(), |i| {
            let o = scored.outcome(i);
            let w = &bundle.workers()[i];
            SideWorker {
                worker_id: w.id.clone(),
                name: w.name.clone(),
                result: Snapshot {
                    status: o.status,
                    total: o.total,
                    grade: o.grade.map(|g| rubric.grade_label(g).to_string()),
                    rank: o.rank,
                    consequences: o
                        .consequences
                        .iter()
                        .map(|&c| rubric.consequence(c).id.clone())
                        .collect(),
                },
                components: rubric
                    .components
                    .iter()
                    .zip(&o.components)
                    .map(|(c, oc)| (c.id.clone(), oc.score))
                    .collect(),
                adjustments: Some(
                    bundle
                        .adjustments_of(i)
                        .iter()
                        .filter(|a| a.count > 0)
                        .map(|a| (rubric.adjustments.items[a.item].id.clone(), a.count))
                        .collect(),
                ),
            }
        });
        let components = rubric
            .components
            .iter()
            .map(|c| (format!("{COMPONENT}{}", c.id), c.name.clone()));
        let items = rubric
            .adjustments
            .items
            .iter()
            .map(|i| (format!("{ITEM}{}", i.id), i.name.clone()));
        let consequences = rubric
            .consequences
            .iter()
            .map(|c| (format!("{CONSEQUENCE}{}", c.id), c.name.clone()));
        let names = components.chain(items).chain(consequences).collect();
        Side {
            source: source.to_string(),
            name: Some(bundle.info().name.clone()),
            year: Some(bundle.info().year),
            rubric_id: rubric.id.clone(),
            rubric_sha256: bundle.rubric_sha256().to_string(),
            workers,
            names,
        }
    }

    /// What a results file (`score --format json`) says of each worker. `file` names it in
    /// diagnostics. A file that is not such a document, or lists a worker twice or with an unknown
    /// status, is an error.
    pub fn from_json(bytes: &[u8], file: &str) -> Result<Side, Error> {
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        let fail = |d: Diagnostic| Err(Error::new(vec![d]));
        let doc: Doc = match serde_json::from_slice(bytes) {
            Ok(d) => d,
            Err(e) => {
                let d = Diagnostic::error(file, crate::msg!("error-results-not-json", why = e));
                return fail(if e.line() > 0 {
                    d.at(e.line() as u64, e.column().max(1) as u64)
                } else {
                    d
                });
            }
        };
        let mut problems = Vec::new();
        let mut seen = HashSet::new();
        let mut workers = Vec::with_capacity(doc.workers.len());
        for w in doc.workers {
            if !seen.insert(w.worker_id.clone()) {
                problems.push(Diagnostic::error(
                    file,
                    crate::msg!("error-results-worker-twice", id = w.worker_id),
                ));
                continue;
            }
            match w.into_side() {
                Ok(s) => workers.push(s),
                Err(msg) => problems.push(Diagnostic::error(file, msg)),
            }
        }
        if !problems.is_empty() {
            return Err(Error::new(problems));
        }
        let year = doc
            .year
            .or_else(|| doc.assessment.as_ref().and_then(|a| a.year));
        Ok(Side {
            source: file.to_string(),
            name: doc.assessment.and_then(|a| a.name),
            year,
            rubric_id: doc.rubric.id,
            rubric_sha256: doc.rubric.sha256.unwrap_or_default(),
            workers,
            names: HashMap::new(),
        })
    }

    /// One side from a path: a results file when it ends in `.json`, otherwise a bundle (its
    /// folder or its `assessment.toml`), loaded with every check and scored.
    pub fn load(
        files: &dyn Files,
        path: &Path,
        options: &ReadOptions,
    ) -> Result<Warned<Side>, Error> {
        let source = path.display().to_string();
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            let bytes = files.read(path).map_err(|e| {
                Error::new(vec![Diagnostic::error(
                    &source,
                    crate::msg!(
                        "error-results-cannot-read",
                        why = crate::input::io_reason(&e)
                    ),
                )])
            })?;
            return Ok(Warned {
                output: Side::from_json(&bytes, &source)?,
                warnings: Vec::new(),
            });
        }
        let loaded = Bundle::load_with_options(files, path, options)?;
        Ok(Warned {
            output: Side::of_scored(&crate::engine::score(&loaded.output), &source),
            warnings: loaded.warnings,
        })
    }
}

/// The parts of a results document that `diff` reads.
#[derive(Deserialize)]
struct Doc {
    year: Option<i32>,
    assessment: Option<DocAssessment>,
    rubric: DocRubric,
    workers: Vec<DocWorker>,
}

#[derive(Deserialize)]
struct DocAssessment {
    name: Option<String>,
    year: Option<i32>,
}

#[derive(Deserialize)]
struct DocRubric {
    id: String,
    sha256: Option<String>,
}

#[derive(Deserialize)]
struct DocWorker {
    worker_id: String,
    name: Option<String>,
    status: String,
    total: Option<serde_json::Number>,
    grade: Option<String>,
    rank: Option<u32>,
    #[serde(default)]
    consequences: Vec<String>,
    #[serde(default)]
    components: serde_json::Map<String, serde_json::Value>,
    adjustments: Option<serde_json::Map<String, serde_json::Value>>,
}

/// A JSON number as the exact decimal it is written as.
fn decimal(n: &serde_json::Number) -> Option<Decimal> {
    crate::num::parse_decimal(&n.to_string())
}

impl DocWorker {
    fn into_side(self) -> Result<SideWorker, crate::i18n::Message> {
        let id = self.worker_id;
        let status = crate::history::parse_status(&self.status).ok_or_else(|| {
            crate::msg!(
                "error-results-unknown-status",
                id = id,
                status = self.status
            )
        })?;
        let total = match &self.total {
            Some(n) => Some(
                decimal(n).ok_or_else(|| crate::msg!("error-results-total", id = id, value = n))?,
            ),
            None => None,
        };
        let mut components = Vec::with_capacity(self.components.len());
        for (cid, v) in self.components {
            let score = match v.get("score") {
                Some(serde_json::Value::Number(n)) => Some(decimal(n).ok_or_else(|| {
                    crate::msg!("error-results-score", id = id, value = n, component = cid)
                })?),
                _ => None,
            };
            components.push((cid, score));
        }
        let adjustments = match self.adjustments {
            None => None,
            Some(map) => {
                let mut items = Vec::with_capacity(map.len());
                for (item, v) in map {
                    let count = v
                        .as_u64()
                        .ok_or_else(|| crate::msg!("error-results-count", id = id, item = item))?;
                    if count > 0 {
                        items.push((item, count));
                    }
                }
                Some(items)
            }
        };
        Ok(SideWorker {
            name: self.name.unwrap_or_default(),
            result: Snapshot {
                status,
                total,
                grade: self.grade.filter(|_| status == Status::Graded),
                rank: self.rank.filter(|_| status == Status::Graded),
                consequences: self.consequences,
            },
            components,
            adjustments,
            worker_id: id,
        })
    }
}

/// A worker whose result changed.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// The worker's id.
    pub worker_id: String,
    /// 姓名 (the new side's).
    pub name: String,
    /// The old result.
    pub old: Snapshot,
    /// The new result.
    pub new: Snapshot,
    /// Components whose scores differ, by id.
    pub components: Vec<String>,
    /// Adjustment items whose counts differ, by id.
    pub adjustments: Vec<String>,
}

/// A worker whose result is the same although components or adjustments changed.
#[derive(Debug, Clone, Serialize)]
pub struct InputChange {
    /// The worker's id.
    pub worker_id: String,
    /// 姓名.
    pub name: String,
    /// Components whose scores differ, by id.
    pub components: Vec<String>,
    /// Adjustment items whose counts differ, by id.
    pub adjustments: Vec<String>,
}

/// The rubric's hash on each side.
#[derive(Debug, Clone, Serialize)]
pub struct RubricPair {
    /// SHA-256 of the old side's rubric.
    pub old: String,
    /// SHA-256 of the new side's rubric.
    pub new: String,
}

/// Where a side comes from, for the reader.
#[derive(Debug, Clone, Serialize)]
pub struct SideInfo {
    /// The path given.
    pub source: String,
    /// The assessment's name.
    pub name: Option<String>,
    /// The year.
    pub year: Option<i32>,
    /// The rubric's id.
    pub rubric_id: String,
    /// Workers on this side.
    pub workers: usize,
}

/// Two sides compared. Its JSON (`write_json`) is docs/contract.md section 8's.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// The rubric hashes.
    pub rubric: RubricPair,
    /// Every worker on both sides whose status, total, grade, rank or consequences differ, in the
    /// new side's order.
    pub changed: Vec<Change>,
    /// Workers on the old side only, in its order.
    pub only_old: Vec<String>,
    /// Workers on the new side only, in its order.
    pub only_new: Vec<String>,
    /// Workers whose result is the same while a component score or an adjustment count differs.
    pub inputs_changed: Vec<InputChange>,
    /// Workers on both sides with nothing changed at all.
    pub unchanged: usize,
    /// The sides.
    pub sides: SidePair,
    #[serde(skip)]
    names: HashMap<String, String>,
}

/// The two sides' descriptions.
#[derive(Debug, Clone, Serialize)]
pub struct SidePair {
    /// The old side.
    pub old: SideInfo,
    /// The new side.
    pub new: SideInfo,
}

fn info(s: &Side) -> SideInfo {
    SideInfo {
        source: s.source.clone(),
        name: s.name.clone(),
        year: s.year,
        rubric_id: s.rubric_id.clone(),
        workers: s.workers.len(),
    }
}

/// The ids whose values differ between two lists keyed by id (a key on one side only differs
/// unless its value is the `absent` one), in the order met: the new list's, then the old's.
fn differing<T: PartialEq + Clone>(
    old: &[(String, T)],
    new: &[(String, T)],
    absent: T,
) -> Vec<String> {
    let o: HashMap<&str, &T> = old.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let n: HashMap<&str, &T> = new.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let mut out = Vec::new();
    for (k, v) in new {
        if o.get(k.as_str()).copied().unwrap_or(&absent) != v {
            out.push(k.clone());
        }
    }
    for (k, v) in old {
        if !n.contains_key(k.as_str()) && *v != absent {
            out.push(k.clone());
        }
    }
    out
}

/// Compares two sides.
pub fn diff(old: &Side, new: &Side) -> Diff {
    let by_id: HashMap<&str, &SideWorker> = old
        .workers
        .iter()
        .map(|w| (w.worker_id.as_str(), w))
        .collect();
    let new_ids: HashSet<&str> = new.workers.iter().map(|w| w.worker_id.as_str()).collect();
    let mut changed = Vec::new();
    let mut inputs_changed = Vec::new();
    let mut unchanged = 0;
    let mut only_new = Vec::new();
    for n in &new.workers {
        let Some(o) = by_id.get(n.worker_id.as_str()) else {
            only_new.push(n.worker_id.clone());
            continue;
        };
        // A component missing on one side scores `None` there, as when missing.
        let components = differing(&o.components, &n.components, None);
        let adjustments = match (&o.adjustments, &n.adjustments) {
            (Some(a), Some(b)) => differing(a, b, 0),
            _ => Vec::new(),
        };
        if o.result != n.result {
            changed.push(Change {
                worker_id: n.worker_id.clone(),
                name: n.name.clone(),
                old: o.result.clone(),
                new: n.result.clone(),
                components,
                adjustments,
            });
        } else if !components.is_empty() || !adjustments.is_empty() {
            inputs_changed.push(InputChange {
                worker_id: n.worker_id.clone(),
                name: n.name.clone(),
                components,
                adjustments,
            });
        } else {
            unchanged += 1;
        }
    }
    let only_old = old
        .workers
        .iter()
        .filter(|w| !new_ids.contains(w.worker_id.as_str()))
        .map(|w| w.worker_id.clone())
        .collect();
    let mut names = old.names.clone();
    names.extend(new.names.iter().map(|(k, v)| (k.clone(), v.clone())));
    Diff {
        rubric: RubricPair {
            old: old.rubric_sha256.clone(),
            new: new.rubric_sha256.clone(),
        },
        changed,
        only_old,
        only_new,
        inputs_changed,
        unchanged,
        sides: SidePair {
            old: info(old),
            new: info(new),
        },
        names,
    }
}

impl Diff {
    /// Whether nothing differs: no worker changed, none on one side only, the same rubric, and no
    /// component or adjustment changed.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty()
            && self.only_old.is_empty()
            && self.only_new.is_empty()
            && self.inputs_changed.is_empty()
            && self.rubric.old == self.rubric.new
    }

    /// The JSON document (docs/contract.md section 8, with `inputs_changed`, `unchanged` and
    /// `sides` besides), pretty-printed.
    pub fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut ser =
            serde_json::Serializer::with_formatter(out, serde_json::ser::PrettyFormatter::new());
        self.serialize(&mut ser).map_err(io::Error::other)
    }

    /// The comparison for people, in `lang`: the sides, the rubric, each changed worker with old
    /// and new side by side, the workers on one side only, and a count.
    pub fn text(&self, lang: Lang) -> String {
        crate::show::printable_lines(&self.render(lang)).into_owned()
    }

    /// The name of a component, adjustment item or consequence (`kind` is its prefix), or its
    /// id when neither side knows it.
    fn name<'a>(&'a self, kind: &str, id: &'a str) -> &'a str {
        self.names
            .get(&format!("{kind}{id}"))
            .map_or(id, String::as_str)
    }

    fn render(&self, lang: Lang) -> String {
        let (sep, list_sep) = match lang {
            Lang::Zh => ("；", "、"),
            Lang::En => ("; ", ", "),
        };
        let side = |s: &SideInfo| {
            let mut t = s.source.clone();
            if let (Some(n), Some(y)) = (&s.name, s.year) {
                t.push_str(&tr!(lang, "diff-side-named", name = n, year = y));
            } else if let Some(y) = s.year {
                t.push_str(&tr!(lang, "diff-side-year", year = y));
            }
            t
        };
        let mut out = tr!(
            lang,
            "diff-title",
            old = side(&self.sides.old),
            new = side(&self.sides.new)
        );
        out.push('\n');
        if self.rubric.old == self.rubric.new {
            out.push_str(&tr!(lang, "diff-rubric-same", sha = self.rubric.old));
        } else {
            out.push_str(&tr!(
                lang,
                "diff-rubric-changed",
                old_id = self.sides.old.rubric_id,
                old = self.rubric.old,
                new_id = self.sides.new.rubric_id,
                new = self.rubric.new
            ));
        }
        out.push_str("\n\n");
        let names = |kind: &str, ids: &[String]| -> String {
            if ids.is_empty() {
                "-".to_string()
            } else {
                ids.iter()
                    .map(|i| self.name(kind, i))
                    .collect::<Vec<_>>()
                    .join(list_sep)
            }
        };
        if !self.changed.is_empty() {
            out.push_str(&tr!(lang, "diff-changed", count = self.changed.len()));
            out.push('\n');
            let mut rows = vec![vec![
                tr!(lang, "table-id"),
                tr!(lang, "table-name"),
                tr!(lang, "table-status"),
                tr!(lang, "table-total"),
                tr!(lang, "table-grade"),
                tr!(lang, "table-rank"),
                tr!(lang, "table-consequences"),
                tr!(lang, "diff-components"),
                tr!(lang, "diff-adjustments"),
            ]];
            let pair = |a: String, b: String| {
                if a == b { a } else { format!("{a} → {b}") }
            };
            let dash = |v: Option<String>| v.unwrap_or_else(|| "-".to_string());
            for c in &self.changed {
                let cons = |s: &Snapshot| names(CONSEQUENCE, &s.consequences);
                rows.push(vec![
                    crate::report::table::cell(&c.worker_id),
                    crate::report::table::cell(&c.name),
                    pair(c.old.status.text(lang), c.new.status.text(lang)),
                    pair(
                        dash(c.old.total.map(|t| t.to_string())),
                        dash(c.new.total.map(|t| t.to_string())),
                    ),
                    pair(dash(c.old.grade.clone()), dash(c.new.grade.clone())),
                    pair(
                        dash(c.old.rank.map(|r| r.to_string())),
                        dash(c.new.rank.map(|r| r.to_string())),
                    ),
                    pair(cons(&c.old), cons(&c.new)),
                    names(COMPONENT, &c.components),
                    names(ITEM, &c.adjustments),
                ]);
            }
            out.push_str(&crate::report::align(&rows, &[false; 9]));
            out.push('\n');
        }
        if !self.inputs_changed.is_empty() {
            let list: Vec<String> = self
                .inputs_changed
                .iter()
                .map(|c| {
                    let mut what = Vec::new();
                    if !c.components.is_empty() {
                        what.push(names(COMPONENT, &c.components));
                    }
                    if !c.adjustments.is_empty() {
                        what.push(names(ITEM, &c.adjustments));
                    }
                    tr!(
                        lang,
                        "diff-input-item",
                        id = c.worker_id,
                        name = c.name,
                        what = what.join(list_sep)
                    )
                })
                .collect();
            out.push_str(&tr!(
                lang,
                "diff-inputs-changed",
                count = list.len(),
                list = list.join(sep)
            ));
            out.push('\n');
        }
        if !self.only_old.is_empty() {
            out.push_str(&tr!(
                lang,
                "diff-only-old",
                count = self.only_old.len(),
                ids = self.only_old.join(list_sep)
            ));
            out.push('\n');
        }
        if !self.only_new.is_empty() {
            out.push_str(&tr!(
                lang,
                "diff-only-new",
                count = self.only_new.len(),
                ids = self.only_new.join(list_sep)
            ));
            out.push('\n');
        }
        let both = self.changed.len() + self.inputs_changed.len() + self.unchanged;
        if self.is_empty() {
            out.push_str(&tr!(lang, "diff-nothing", count = both));
        } else {
            out.push_str(&tr!(
                lang,
                "diff-count",
                both = both,
                changed = self.changed.len(),
                only_old = self.only_old.len(),
                only_new = self.only_new.len()
            ));
        }
        out.push('\n');
        out
    }
}
