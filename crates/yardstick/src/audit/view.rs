//! The audit's views: JSON (docs/contract.md section 9; full precision) and a text table for
//! the terminal (3 decimals, in the result's language).

use std::io::{self, Write};

use rust_decimal::Decimal;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::SheetIds;
use super::{Audit, ComponentAlpha, Lean, MarginHistogram, Metric, Reading, Undefined};
use crate::i18n::Lang;
use crate::show::{aligned_line, cell};
use crate::tr;

/// A map that keeps its keys' order (component ids in rubric order).
struct Keyed<V>(Vec<(String, V)>);

impl<V: Serialize> Serialize for Keyed<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct Doc<'a> {
    assessment: Assessment<'a>,
    rubric: RubricRef<'a>,
    alpha: Keyed<AlphaJson>,
    raters: Keyed<Vec<RaterJson<'a>>>,
    margins: Vec<MarginJson<'a>>,
    sheets: Keyed<SheetsJson<'a>>,
}

#[derive(Serialize)]
struct Assessment<'a> {
    name: &'a str,
    year: i32,
}

#[derive(Serialize)]
struct RubricRef<'a> {
    id: &'a str,
    sha256: &'a str,
}

#[derive(Serialize)]
struct AlphaJson {
    metric: Metric,
    alpha: Option<f64>,
    units: usize,
    values: usize,
    /// `reliable`, `tentative`, `unreliable` (Krippendorff's conventions) or null.
    reading: Option<&'static str>,
}

#[derive(Serialize)]
struct RaterJson<'a> {
    rater_id: &'a str,
    n: u64,
    leniency: Option<f64>,
    flagged: bool,
}

#[derive(Serialize)]
struct MarginJson<'a> {
    worker_id: &'a str,
    #[serde(serialize_with = "crate::num::ser_number")]
    total: Decimal,
    grade: &'a str,
    #[serde(serialize_with = "crate::num::ser_opt_number")]
    to_upper: Option<Decimal>,
    #[serde(serialize_with = "crate::num::ser_opt_number")]
    to_lower: Option<Decimal>,
    ballots_down: Keyed<Option<u64>>,
    ballots_up: Keyed<Option<u64>>,
}

#[derive(Serialize)]
struct SheetsJson<'a> {
    sheets: usize,
    all_best: &'a SheetIds,
    all_worst: &'a SheetIds,
    identical: &'a [SheetIds],
}

impl Reading {
    fn code(self) -> Option<&'static str> {
        match self {
            Reading::Reliable => Some("reliable"),
            Reading::Tentative => Some("tentative"),
            Reading::Unreliable => Some("unreliable"),
            Reading::Undefined => None,
        }
    }
}

/// The reading of a component's α in words, and why when α cannot be computed.
/// The header of the α table, as every view shows it.
pub(crate) fn alpha_header(lang: Lang) -> Vec<String> {
    vec![
        tr!(lang, "audit-col-component"),
        tr!(lang, "audit-col-metric"),
        "α".to_string(),
        tr!(lang, "audit-col-units"),
        tr!(lang, "audit-col-values"),
        tr!(lang, "audit-col-reading"),
    ]
}

pub(crate) fn reading_text(a: &ComponentAlpha, lang: Lang) -> String {
    match (a.reading(), a.undefined()) {
        (Reading::Reliable, _) => tr!(lang, "audit-reading-reliable"),
        (Reading::Tentative, _) => tr!(lang, "audit-reading-tentative"),
        (Reading::Unreliable, _) => tr!(lang, "audit-reading-unreliable"),
        (Reading::Undefined, why) => {
            let why = match why {
                Some(Undefined::NoVariation) => tr!(lang, "audit-why-no-variation"),
                _ => tr!(lang, "audit-why-nothing-pairable"),
            };
            tr!(lang, "audit-reading-undefined", why = why)
        }
    }
}

/// A flagged rater's lean in words; empty when not flagged.
pub(crate) fn lean_text(lean: Option<Lean>, lang: Lang) -> String {
    match lean {
        Some(Lean::Lenient) => tr!(lang, "audit-leniency-lenient"),
        Some(Lean::Harsh) => tr!(lang, "audit-leniency-harsh"),
        None => String::new(),
    }
}

/// The label of bin `b` of the margins' histogram: `0–1`, …, `10 or more`.
pub(crate) fn bin_label(b: usize, lang: Lang) -> String {
    let from = MarginHistogram::bin_start(b);
    if MarginHistogram::is_last(b) {
        tr!(lang, "audit-bin-last", from = from)
    } else {
        tr!(
            lang,
            "audit-bin",
            from = from,
            to = from + super::MARGIN_BIN
        )
    }
}

pub(crate) fn metric_text(m: Metric, lang: Lang) -> String {
    match m {
        Metric::Nominal => tr!(lang, "audit-metric-nominal"),
        Metric::Ordinal => tr!(lang, "audit-metric-ordinal"),
        Metric::Interval => tr!(lang, "audit-metric-interval"),
        Metric::Ratio => tr!(lang, "audit-metric-ratio"),
    }
}

impl<'b> Audit<'_, 'b> {
    /// Writes the audit as JSON (docs/contract.md section 9), laid out as `serde_json`'s
    /// pretty printer lays it out. Numbers keep full precision.
    pub fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        let bundle = self.scored.bundle();
        let rubric = bundle.rubric();
        let id = |k: usize| rubric.components[k].id.clone();
        let doc = Doc {
            assessment: Assessment {
                name: &bundle.info().name,
                year: bundle.info().year,
            },
            rubric: RubricRef {
                id: &rubric.id,
                sha256: bundle.rubric_sha256(),
            },
            alpha: Keyed(
                self.alpha
                    .iter()
                    .map(|a| {
                        let reading = Reading::of(a.result.exact.as_ref());
                        (
                            a.component.clone(),
                            AlphaJson {
                                metric: a.metric,
                                alpha: a.result.alpha,
                                units: a.result.units,
                                values: a.result.values,
                                reading: reading.code(),
                            },
                        )
                    })
                    .collect(),
            ),
            raters: Keyed(
                self.raters
                    .iter()
                    .map(|p| {
                        let list = p
                            .raters
                            .iter()
                            .map(|r| RaterJson {
                                rater_id: &r.rater_id,
                                n: r.n,
                                leniency: r.leniency(),
                                flagged: r.flagged,
                            })
                            .collect();
                        (p.component.clone(), list)
                    })
                    .collect(),
            ),
            margins: self
                .margins
                .iter()
                .map(|m| {
                    let per = |v: &[Option<u64>]| {
                        Keyed(
                            self.ballot_components
                                .iter()
                                .zip(v)
                                .map(|(&k, n)| (id(k), *n))
                                .collect(),
                        )
                    };
                    MarginJson {
                        worker_id: &bundle.workers()[m.worker].id,
                        total: m.total,
                        grade: rubric.grade_label(m.grade),
                        to_upper: m.to_upper,
                        to_lower: m.to_lower,
                        ballots_down: per(&m.ballots_down),
                        ballots_up: per(&m.ballots_up),
                    }
                })
                .collect(),
            sheets: Keyed(
                self.sheets
                    .iter()
                    .map(|(k, s)| {
                        (
                            id(*k),
                            SheetsJson {
                                sheets: s.sheets,
                                all_best: &s.all_best,
                                all_worst: &s.all_worst,
                                identical: &s.identical,
                            },
                        )
                    })
                    .collect(),
            ),
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        out.write_all(b"\n")
    }

    /// The JSON as a string (for tests and small bundles).
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        match self.write_json(&mut out) {
            Ok(()) => String::from_utf8(out).unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Writes the audit as a text table for the terminal: the four parts with their readings,
    /// numbers to 3 decimals, in the language of the scored result.
    pub fn write_table(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut text = String::new();
        self.title(&mut text);
        self.alpha_table(&mut text);
        self.leniency_table(&mut text);
        out.write_all(text.as_bytes())?;
        text.clear();
        self.margin_table(out)?;
        self.sheets_table(&mut text);
        out.write_all(text.as_bytes())
    }

    /// The table as a string (for tests and small bundles).
    pub fn to_table(&self) -> String {
        let mut out = Vec::new();
        match self.write_table(&mut out) {
            Ok(()) => String::from_utf8(out).unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    pub(crate) fn lang(&self) -> Lang {
        self.scored.lang()
    }

    /// The counts of [`Audit::margin_counts`] in a sentence.
    pub(crate) fn margin_summary(&self) -> String {
        let c = self.margin_counts();
        tr!(
            self.lang(),
            "audit-margin-summary",
            near_upper = c.near_upper,
            near_lower = c.near_lower,
            two_ballots = c.few_ballots
        )
    }

    /// The header of the margins' table, as every view shows it: id, name, total, grade,
    /// points to the bands above and below, then the fewest ballots down and up per ballot
    /// component.
    pub fn margin_header(&self, lang: Lang) -> Vec<String> {
        let rubric = self.scored.bundle().rubric();
        let mut header = vec![
            tr!(lang, "audit-col-id"),
            tr!(lang, "audit-col-name"),
            tr!(lang, "audit-col-total"),
            tr!(lang, "audit-col-grade"),
            tr!(lang, "audit-col-to-upper"),
            tr!(lang, "audit-col-to-lower"),
        ];
        for &k in &self.ballot_components {
            let component = &rubric.components[k].name;
            header.push(tr!(lang, "audit-col-down", component = component));
            header.push(tr!(lang, "audit-col-up", component = component));
        }
        header
    }

    fn name(&self, k: usize) -> String {
        cell(&self.scored.bundle().rubric().components[k].name)
    }

    fn title(&self, out: &mut String) {
        let bundle = self.scored.bundle();
        let rubric = bundle.rubric();
        let title = tr!(
            self.lang(),
            "audit-title",
            name = bundle.info().name,
            year = bundle.info().year,
            rubric_id = rubric.id,
            rubric_name = rubric.name
        );
        out.push_str(&crate::show::printable(&title));
        out.push_str("\n\n");
    }

    fn alpha_table(&self, out: &mut String) {
        let lang = self.lang();
        out.push_str(&tr!(lang, "audit-alpha-heading"));
        out.push('\n');
        if self.alpha.is_empty() {
            out.push_str(&tr!(lang, "audit-alpha-none"));
            out.push_str("\n\n");
            return;
        }
        let mut rows = vec![alpha_header(lang)];
        for a in &self.alpha {
            rows.push(vec![
                self.name(a.k),
                metric_text(a.metric, lang),
                a.result.alpha.map_or("-".into(), |x| format!("{x:.3}")),
                a.result.units.to_string(),
                a.result.values.to_string(),
                reading_text(a, lang),
            ]);
        }
        indented(out, &rows, &[false, false, true, true, true, false]);
        out.push_str(&tr!(lang, "audit-alpha-note"));
        out.push_str("\n\n");
    }

    fn leniency_table(&self, out: &mut String) {
        let lang = self.lang();
        if self.raters.is_empty() {
            out.push_str(&tr!(lang, "audit-leniency-heading-none"));
            out.push('\n');
            out.push_str(&tr!(lang, "audit-leniency-none"));
            out.push_str("\n\n");
            return;
        }
        for p in &self.raters {
            out.push_str(&tr!(
                lang,
                "audit-leniency-heading",
                component = self.name(p.k)
            ));
            out.push('\n');
            let mut rows = vec![vec![
                tr!(lang, "audit-col-rater"),
                tr!(lang, "audit-col-n"),
                tr!(lang, "audit-col-leniency"),
                tr!(lang, "audit-col-flag"),
            ]];
            for r in &p.raters {
                let flag = lean_text(r.lean(), lang);
                rows.push(vec![
                    cell(&r.rater_id),
                    r.n.to_string(),
                    r.leniency().map_or("-".into(), |x| format!("{x:+.3}")),
                    flag,
                ]);
            }
            indented(out, &rows, &[false, true, true, false]);
            let flagged = p.raters.iter().filter(|r| r.flagged).count();
            out.push_str(&tr!(
                lang,
                "audit-leniency-note",
                points = super::LENIENCY_POINTS,
                n = super::LENIENCY_MIN_N,
                flagged = flagged
            ));
            out.push_str("\n\n");
        }
    }

    fn margin_table(&self, out: &mut dyn Write) -> io::Result<()> {
        let lang = self.lang();
        let bundle = self.scored.bundle();
        let rubric = bundle.rubric();
        let mut text = tr!(lang, "audit-margin-heading", graded = self.margins.len());
        text.push('\n');
        let header: Vec<String> = self.margin_header(lang).iter().map(|h| cell(h)).collect();
        let mut right = vec![false, false, true, false, true, true];
        right.extend(self.ballot_components.iter().flat_map(|_| [true, true]));
        let order = self.posting_order();
        let dash = || "-".to_string();
        let rows: Vec<Vec<String>> = order
            .iter()
            .map(|&i| {
                let m = &self.margins[i];
                let w = &bundle.workers()[m.worker];
                let mut row = vec![
                    cell(&w.id),
                    cell(&w.name),
                    m.total.to_string(),
                    cell(rubric.grade_label(m.grade)),
                    m.to_upper.map_or_else(dash, |d| d.to_string()),
                    m.to_lower.map_or_else(dash, |d| d.to_string()),
                ];
                for (d, u) in m.ballots_down.iter().zip(&m.ballots_up) {
                    row.push(d.map_or_else(dash, |n| n.to_string()));
                    row.push(u.map_or_else(dash, |n| n.to_string()));
                }
                row
            })
            .collect();
        let mut widths: Vec<usize> = header.iter().map(|h| unicode_width(h)).collect();
        for r in &rows {
            for (c, s) in r.iter().enumerate() {
                widths[c] = widths[c].max(unicode_width(s));
            }
        }
        text.push_str("  ");
        aligned_line(&mut text, &header, &widths, &right);
        out.write_all(text.as_bytes())?;
        for chunk in rows.chunks(512) {
            let mut block = String::new();
            for r in chunk {
                block.push_str("  ");
                aligned_line(&mut block, r, &widths, &right);
            }
            out.write_all(block.as_bytes())?;
        }
        let mut tail = self.margin_summary();
        tail.push('\n');
        tail.push_str(&tr!(lang, "audit-margin-note"));
        tail.push_str("\n\n");
        out.write_all(tail.as_bytes())
    }

    /// The labels of the best and the worst option of ballot component `k`.
    pub(crate) fn extreme_labels(&self, k: usize) -> Option<(&'b str, &'b str)> {
        let rubric = self.scored.bundle().rubric();
        let crate::rubric::Method::Ballot(cfg) = &rubric.components.get(k)?.method else {
            return None;
        };
        let comps = super::margins::ballot_components(self.scored.bundle());
        let c = comps.iter().find(|c| c.k == k)?;
        Some((&cfg.options[c.best].label, &cfg.options[c.worst].label))
    }

    fn sheets_table(&self, out: &mut String) {
        let lang = self.lang();
        if self.sheets.is_empty() {
            out.push_str(&tr!(lang, "audit-sheets-heading-none"));
            out.push('\n');
            out.push_str(&tr!(lang, "audit-sheets-none"));
            out.push('\n');
            return;
        }
        const SHOWN: usize = 20;
        let list = |ids: &SheetIds| -> String {
            let shown: Vec<String> = ids.iter().take(SHOWN).map(cell).collect();
            let mut t = shown.join(", ");
            if ids.len() > SHOWN {
                t.push_str(&tr!(lang, "audit-sheets-more", count = ids.len()));
            }
            t
        };
        for (k, s) in &self.sheets {
            let Some((best, worst)) = self.extreme_labels(*k) else {
                continue;
            };
            out.push_str(&tr!(
                lang,
                "audit-sheets-heading",
                component = self.name(*k),
                sheets = s.sheets
            ));
            out.push('\n');
            out.push_str(&tr!(
                lang,
                "audit-sheets-all",
                option = cell(best),
                count = s.all_best.len(),
                ids = list(&s.all_best)
            ));
            out.push('\n');
            out.push_str(&tr!(
                lang,
                "audit-sheets-all",
                option = cell(worst),
                count = s.all_worst.len(),
                ids = list(&s.all_worst)
            ));
            out.push('\n');
            out.push_str(&tr!(
                lang,
                "audit-sheets-identical",
                count = s.identical.len()
            ));
            out.push('\n');
            for (g, workers) in s.identical.iter().zip(&s.identical_workers).take(SHOWN) {
                out.push_str("  ");
                out.push_str(&tr!(
                    lang,
                    "audit-sheets-group",
                    count = g.len(),
                    workers = workers,
                    ids = list(g)
                ));
                out.push('\n');
            }
            if s.identical.len() > SHOWN {
                out.push_str(&tr!(
                    lang,
                    "audit-sheets-more-groups",
                    count = s.identical.len() - SHOWN
                ));
                out.push('\n');
            }
            out.push_str(&tr!(lang, "audit-sheets-note"));
            out.push_str("\n\n");
        }
    }
}

fn unicode_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Rows laid out as aligned columns, two spaces in.
fn indented(out: &mut String, rows: &[Vec<String>], right: &[bool]) {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| unicode_width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for r in rows {
        out.push_str("  ");
        aligned_line(out, r, &widths, right);
    }
}
