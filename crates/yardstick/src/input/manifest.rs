//! `assessment.toml`, the bundle's manifest: the one reader shared by scoring, validation and
//! the concerns ledger, so that every verb accepts and refuses the same bundles.
//!
//! [`Manifest::read`] parses the file (unknown keys are errors, reported at their line and
//! column) and resolves every path it names against the file's folder. [`Manifest::inputs`]
//! lists every file the bundle reads, whichever verb runs, so that no output is ever written
//! over one of them.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use super::Files;
use super::source;
use crate::error::{Diagnostic, Error, LineIndex, Sink};
use crate::rubric::Rubric;

/// The `[assessment]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentInfo {
    /// 考核名称.
    pub name: String,
    /// The year assessed.
    pub year: i32,
    /// Path of the rubric, relative to `assessment.toml`.
    pub rubric: String,
    /// Path of the routing table for concerns, relative to `assessment.toml`.
    pub routing: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAssessment {
    assessment: RawInfo,
    inputs: RawInputs,
    history: Option<RawHistory>,
    publication: Option<RawPublication>,
}

/// `[history]`: earlier years' results (docs/contract.md section 8).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHistory {
    #[serde(default)]
    results: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublication {
    start: Option<Spanned<String>>,
    working_days: Option<Spanned<i64>>,
    phone: Option<String>,
    issuer: Option<String>,
    date: Option<Spanned<String>>,
}

/// What the results' posting (公示) says besides the results: the `[publication]` table.
///
/// ```toml
/// [publication]
/// start        = "2025-01-06"      # first day of the 公示期
/// working_days = 5                 # how long it lasts, in working days (default 5)
/// phone        = "0571-8765 4321"  # 监督电话
/// issuer       = "中共城关街道工作委员会"  # 落款
/// date         = "2025-01-06"      # 落款日期
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    /// The first day of the 公示期.
    pub start: Option<super::date::Date>,
    /// How many working days the 公示期 lasts (the official calendar's, 调休 included).
    pub working_days: u32,
    /// 监督电话: where objections are made.
    pub phone: Option<String>,
    /// 落款: the body that publishes the results.
    pub issuer: Option<String>,
    /// The date under the 落款.
    pub date: Option<super::date::Date>,
}

/// The 公示期 of the standard procedure: at least five working days.
pub const DEFAULT_PUBLICATION_DAYS: u32 = 5;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInfo {
    name: String,
    year: i32,
    rubric: String,
    routing: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInputs {
    roster: String,
    adjustments: Option<String>,
    concerns: Option<String>,
    concern_updates: Option<String>,
    #[serde(default)]
    components: std::collections::BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

/// One entry of `[inputs.components]`.
#[derive(Debug, Clone)]
struct ComponentEntry {
    key: String,
    /// Where the key is in `assessment.toml`.
    span: Range<usize>,
    /// The file, relative to `assessment.toml`; `None` when the value is not a string.
    file: Option<String>,
}

/// A parsed `assessment.toml` with every path resolved.
///
/// Paths keep a workbook's `#sheet` (`名册.xlsx#花名册`), as the readers need it;
/// [`Manifest::inputs`] gives the files behind them.
///
/// ```
/// use yardstick::input::manifest::Manifest;
///
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let m = Manifest::read(&yardstick::FsFiles, dir.as_ref()).unwrap();
/// assert_eq!(m.info.year, 2024);
/// assert!(m.roster.ends_with("roster.csv"));
/// assert!(m.inputs().iter().any(|p| p.ends_with("concern_updates.csv")));
/// ```
#[derive(Debug, Clone)]
pub struct Manifest {
    /// `assessment.toml` itself.
    pub path: PathBuf,
    /// The folder the paths are relative to.
    pub dir: PathBuf,
    /// The `[assessment]` table as written.
    pub info: AssessmentInfo,
    /// The rubric.
    pub rubric: PathBuf,
    /// The routing table of concerns, when the bundle names one (otherwise the shipped one).
    pub routing: Option<PathBuf>,
    /// The calendar files the routing table names, resolved against the table's folder; empty
    /// when the table cannot be read (reading it for concerns reports why).
    pub calendars: Vec<PathBuf>,
    /// The roster.
    pub roster: PathBuf,
    /// The adjustments file, when named.
    pub adjustments: Option<PathBuf>,
    /// The concerns file, when named.
    pub concerns: Option<PathBuf>,
    /// The concern updates file, when named.
    pub concern_updates: Option<PathBuf>,
    /// Earlier years' results (`[history] results`), in the order written.
    pub history: Vec<PathBuf>,
    history_spans: Vec<Range<usize>>,
    /// The `[publication]` table, when given.
    pub publication: Option<Publication>,
    components: Vec<ComponentEntry>,
    routing_span: Option<Range<usize>>,
    text: String,
}

/// The checked `[publication]` table: dates that exist, a 公示期 of at least one working day.
fn publication(p: RawPublication, text: &str, label: &str) -> Result<Publication, Error> {
    let index = LineIndex::new(text);
    let mut sink = Sink::default();
    let mut date = |d: &Option<Spanned<String>>| {
        let d = d.as_ref()?;
        match super::date::Date::parse(d.get_ref()) {
            Ok(v) => Some(v),
            Err(e) => {
                sink.push(index.diag(
                    label,
                    d.span(),
                    crate::msg!(
                        "error-not-a-date-because",
                        value = d.get_ref(),
                        why = e.reason()
                    ),
                ));
                None
            }
        }
    };
    let start = date(&p.start);
    let on = date(&p.date);
    let working_days = match &p.working_days {
        None => DEFAULT_PUBLICATION_DAYS,
        Some(n) => match u32::try_from(*n.get_ref()) {
            Ok(v) if v >= 1 => v,
            _ => {
                sink.push(index.diag(label, n.span(), crate::msg!("error-publication-days")));
                DEFAULT_PUBLICATION_DAYS
            }
        },
    };
    sink.finish()?;
    Ok(Publication {
        start,
        working_days,
        phone: p.phone,
        issuer: p.issuer,
        date: on,
    })
}

/// The `assessment.toml` of a bundle given as a folder or as the file itself.
pub fn assessment_path(path: &Path) -> PathBuf {
    if path.extension().is_some_and(|e| e == "toml") {
        path.to_path_buf()
    } else {
        path.join("assessment.toml")
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

impl Manifest {
    /// Reads the manifest of a bundle (the folder, or its `assessment.toml`). A file that
    /// cannot be read, is not UTF-8, is not TOML or has an unknown or missing key is an error
    /// at its place. The files it names are not opened, except the routing table, read
    /// leniently for the calendar files it names.
    pub fn read(files: &dyn Files, path: &Path) -> Result<Manifest, Error> {
        let toml_path = assessment_path(path);
        let dir = toml_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let label = display(&toml_path);
        let fail = |d: Diagnostic| Err(Error::new(vec![d]));
        let text = match files.read(&toml_path) {
            Ok(b) => match String::from_utf8(b) {
                Ok(t) => t,
                Err(_) => {
                    return fail(Diagnostic::error(
                        &label,
                        crate::msg!("error-manifest-not-utf8"),
                    ));
                }
            },
            Err(e) => {
                return fail(Diagnostic::error(
                    &label,
                    crate::msg!("error-cannot-read-bundle", why = super::io_reason(&e)),
                ));
            }
        };
        let raw: RawAssessment = match toml::from_str(&text) {
            Ok(r) => r,
            Err(e) => return fail(crate::error::toml_error(&text, &label, &e)),
        };
        let publication = match raw.publication {
            Some(p) => Some(publication(p, &text, &label)?),
            None => None,
        };
        let info = raw.assessment;
        let routing_span = info.routing.as_ref().map(Spanned::span);
        let routing = info.routing.as_ref().map(|r| dir.join(r.get_ref()));
        let calendars = match &routing {
            Some(r) => calendar_files(files, r),
            None => Vec::new(),
        };
        let join = |f: &Option<String>| f.as_ref().map(|f| dir.join(f));
        let components = raw
            .inputs
            .components
            .iter()
            .map(|(k, v)| ComponentEntry {
                key: k.get_ref().clone(),
                span: k.span(),
                file: v.get_ref().as_str().map(str::to_string),
            })
            .collect();
        let history_entries = raw.history.map(|h| h.results).unwrap_or_default();
        let history = history_entries
            .iter()
            .map(|r| dir.join(r.get_ref()))
            .collect();
        let history_spans = history_entries.iter().map(Spanned::span).collect();
        Ok(Manifest {
            history,
            history_spans,
            rubric: dir.join(&info.rubric),
            roster: dir.join(&raw.inputs.roster),
            adjustments: join(&raw.inputs.adjustments),
            concerns: join(&raw.inputs.concerns),
            concern_updates: join(&raw.inputs.concern_updates),
            info: AssessmentInfo {
                name: info.name,
                year: info.year,
                rubric: info.rubric,
                routing: info.routing.map(Spanned::into_inner),
            },
            path: toml_path,
            dir,
            routing,
            calendars,
            publication,
            components,
            routing_span,
            text,
        })
    }

    /// `assessment.toml` as named in diagnostics.
    pub fn label(&self) -> String {
        display(&self.path)
    }

    /// Reads and checks the rubric; returns it with the SHA-256 of its bytes (lower-case hex).
    pub fn load_rubric(&self, files: &dyn Files) -> Result<(Rubric, String), Error> {
        let label = self.label();
        let rubric_label = display(&self.rubric);
        let fail = |d: Diagnostic| Err(Error::new(vec![d]));
        let bytes = match files.read(&self.rubric) {
            Ok(b) => b,
            Err(e) => {
                return fail(Diagnostic::error(
                    &label,
                    crate::msg!(
                        "error-cannot-read-rubric",
                        rubric = rubric_label,
                        why = super::io_reason(&e)
                    ),
                ));
            }
        };
        let sha256 = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let Ok(text) = String::from_utf8(bytes) else {
            return fail(Diagnostic::error(
                &rubric_label,
                crate::msg!("error-rubric-not-utf8"),
            ));
        };
        Ok((Rubric::from_toml(&text, &rubric_label)?, sha256))
    }

    /// The file of each rubric component, in rubric order (`None`: the bundle gives none). A
    /// key that is not a component of the rubric, or a value that is not a file name, is an
    /// error at its line in `assessment.toml`.
    /// The file named for the component `id`, resolved against the bundle's folder.
    pub fn component_file(&self, id: &str) -> Option<PathBuf> {
        self.components
            .iter()
            .find(|e| e.key == id)
            .and_then(|e| e.file.as_ref())
            .map(|f| self.dir.join(f))
    }

    pub(crate) fn component_files(&self, rubric: &Rubric, sink: &mut Sink) -> Vec<Option<PathBuf>> {
        let label = self.label();
        let index = LineIndex::new(&self.text);
        let mut out: Vec<Option<PathBuf>> = vec![None; rubric.components.len()];
        for entry in &self.components {
            let (l, c, src) = index.locate(entry.span.start);
            let key = &entry.key;
            let Some(k) = rubric.components.iter().position(|c| &c.id == key) else {
                let ids: Vec<_> = rubric.components.iter().map(|c| c.id.as_str()).collect();
                sink.push(
                    Diagnostic::error(
                        &label,
                        crate::msg!(
                            "error-component-not-in-rubric",
                            key = key,
                            rubric = rubric.id,
                            components = crate::i18n::List::plain(ids)
                        ),
                    )
                    .at(l, c)
                    .source(src),
                );
                continue;
            };
            match &entry.file {
                Some(f) => out[k] = Some(self.dir.join(f)),
                None => sink.push(
                    Diagnostic::error(&label, crate::msg!("error-component-no-file", key = key))
                        .at(l, c)
                        .source(src),
                ),
            }
        }
        out
    }

    /// An error at the `routing = "..."` line of `assessment.toml` (or about the whole file).
    pub(crate) fn routing_error(&self, message: crate::i18n::Message) -> Diagnostic {
        let label = self.label();
        match &self.routing_span {
            Some(span) => LineIndex::new(&self.text).diag(&label, span.clone(), message),
            None => Diagnostic::error(&label, message),
        }
    }

    /// An error about the `n`-th file of `[history] results`, at its line of `assessment.toml`.
    pub(crate) fn history_error(&self, n: usize, message: crate::i18n::Message) -> Diagnostic {
        let label = self.label();
        match self.history_spans.get(n) {
            Some(span) => LineIndex::new(&self.text).diag(&label, span.clone(), message),
            None => Diagnostic::error(&label, message),
        }
    }

    /// Every file the bundle reads, whichever verb runs: `assessment.toml`, the rubric, the
    /// routing table and the calendar files it names, the roster, every component file, the
    /// adjustments, the concerns and their updates, and earlier years' results. A workbook's
    /// `#sheet` is left out.
    pub fn inputs(&self) -> Vec<PathBuf> {
        let mut v = vec![self.path.clone(), self.rubric.clone()];
        v.extend(self.routing.iter().cloned());
        v.extend(self.calendars.iter().cloned());
        v.push(source::file_path(&self.roster));
        for entry in &self.components {
            if let Some(f) = &entry.file {
                v.push(source::file_path(&self.dir.join(f)));
            }
        }
        for f in [&self.adjustments, &self.concerns, &self.concern_updates]
            .into_iter()
            .flatten()
        {
            v.push(source::file_path(f));
        }
        v.extend(self.history.iter().cloned());
        v
    }
}

/// The calendar files a routing table names, read leniently (any other problem of the table
/// is for the concerns ledger to report); none when the table cannot be read.
fn calendar_files(files: &dyn Files, routing: &Path) -> Vec<PathBuf> {
    let Some(text) = files
        .read(routing)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
    else {
        return Vec::new();
    };
    let dir = routing.parent().map(Path::to_path_buf).unwrap_or_default();
    calendar_names(&text)
        .into_iter()
        .map(|c| dir.join(c))
        .collect()
}

/// The calendar files named by a routing table's `[routing] calendars`, read leniently: a table
/// with other problems still gives them (so that every file a bundle reads is known), and a
/// table that is not TOML gives none.
pub(crate) fn calendar_names(text: &str) -> Vec<String> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    table
        .get("routing")
        .and_then(|r| r.get("calendars"))
        .and_then(toml::Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|v| v.as_str())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}
