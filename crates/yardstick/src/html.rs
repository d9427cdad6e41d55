//! A self-contained, printable HTML report of a scored assessment (考核结果报告).
//!
//! One file with no external assets: inline CSS, charts drawn as inline SVG by this module.
//! It holds the cohort at a glance, the grade distribution, a histogram of totals with the
//! grade thresholds drawn, a comparison of units (communities), every worker's component bars
//! and flags, the quota line, and the fairness audit (section 八, module `audit` of this one:
//! α with its reading, a chart of the raters' leniency, a histogram of the grade margins, the
//! suspicious ballot sheets and every worker's margins), its texts in the result's language. It prints on A4: sections are kept whole where they fit and
//! the header row of long tables repeats on every page. The output is a pure function of the
//! rubric and the result (no date, no randomness), so the same bundle gives the same bytes.
//!
//! Streamed like the other views: the figures of the cohort come from what [`Scored`] keeps
//! per worker (status, grade, total, rank) and the roster's units, and the workers' rows are
//! evaluated and written block by block, so no worker's outcome is held longer than its row.
//!
//! A roster of more than [`DETAIL_LIMIT`] workers gets a summary report: the cohort, the grade
//! distribution, the histogram, a table of units (with a histogram of their means instead of a
//! dot per worker), the quota line with the places around it, and a pointer to the workbook
//! (`yardstick score --format xlsx`, sheet 明细) and `yardstick explain` for each worker's
//! detail. Its audit section has the same parts without the margins per worker, its lists
//! bounded. A generated province of 50,000 workers in 5,000 units makes about 1.5 MB this way.
//!
//! The report is made from an [`Audit`] of the scored bundle ([`crate::audit::audit`]), which
//! holds the [`Scored`] it audited; the audit reads the ballot files again, and its errors come
//! before any byte of the report.
//!
//! ```
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
//! let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
//! let scored = yardstick::score(&bundle);
//! let audited = yardstick::audit::audit(&scored, &yardstick::FsFiles, &Default::default()).unwrap();
//! let html = yardstick::html::to_html(&audited);
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains("<svg"));
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

mod audit;

pub use self::audit::{IDS_SHOWN, RATERS_SHOWN};
use crate::audit::Audit;
use crate::engine::Scored;
use crate::method::Facts;
use crate::par;
use crate::result::{QuotaLine, Status};
use crate::rubric::{GradeId, OrderKey, Rubric};

/// The largest roster whose report lists every worker (section 六, a row of component bars per
/// worker, and a dot per worker in the comparison of units). A larger roster gets the summary
/// report: a province's rows would make a file of about 90 MB that no one reads on paper; the
/// workbook holds them.
pub const DETAIL_LIMIT: usize = 2_000;

/// In the summary report, the places listed on each side of a quota line: the last this many
/// who keep the grade and the first this many below the line, with everyone tied at it.
pub const QUOTA_CONTEXT: usize = 10;

/// Workers' rows rendered by one thread at a time.
const BLOCK: usize = 128;

/// Escapes text for HTML element content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A decimal with exactly two places, for display.
fn d2(d: Decimal) -> String {
    format!(
        "{:.2}",
        d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    )
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// The colour of a grade by its position among the rubric's bands.
fn grade_colour(index: usize, bands: usize) -> &'static str {
    const STANDARD: [&str; 4] = ["#2e7d32", "#1565c0", "#ef8f00", "#c62828"];
    const MORE: [&str; 6] = [
        "#2e7d32", "#00838f", "#1565c0", "#6a1b9a", "#ef8f00", "#c62828",
    ];
    if bands <= 4 {
        // The last band is always the failing one (red).
        let shift = 4 - bands;
        STANDARD[(index + shift).min(3)]
    } else {
        MORE[index.min(5)]
    }
}

const UNGRADED_COLOUR: &str = "#9e9e9e";
const PENDING_COLOUR: &str = "#8d6e63";

fn status_zh(s: Status) -> &'static str {
    match s {
        Status::Graded => "已评定",
        Status::Ungraded => "不评定",
        Status::Pending => "暂缓评定",
    }
}

/// What the report needs about grades: labels in band order, thresholds and colours.
struct Grades<'a> {
    labels: Vec<&'a str>,
    mins: Vec<Option<Decimal>>,
}

impl<'a> Grades<'a> {
    fn new(rubric: &'a Rubric) -> Self {
        Grades {
            labels: rubric.grades.iter().map(|b| b.label.as_str()).collect(),
            mins: rubric.grades.iter().map(|b| b.min).collect(),
        }
    }

    /// The colour of a worker by final status and grade.
    fn colour(&self, status: Status, grade: Option<GradeId>) -> &'static str {
        match (status, grade) {
            (Status::Pending, _) => PENDING_COLOUR,
            (_, Some(g)) => grade_colour(g.index(), self.labels.len()),
            _ => UNGRADED_COLOUR,
        }
    }

    /// The band a rounded total falls in (before vetoes, quota and eligibility).
    fn band_of(&self, total: Decimal) -> usize {
        self.mins
            .iter()
            .position(|m| m.is_none_or(|m| total >= m))
            .unwrap_or(self.labels.len().saturating_sub(1))
    }
}

/// Summary figures of a list of totals.
struct Stats {
    n: usize,
    mean: Decimal,
    median: Decimal,
    min: Decimal,
    max: Decimal,
}

fn stats(totals: &[Decimal]) -> Option<Stats> {
    let mut v = totals.to_vec();
    v.sort();
    let n = v.len();
    if n == 0 {
        return None;
    }
    let sum: Decimal = v.iter().copied().sum();
    let mean = sum / Decimal::from(n as u64);
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / Decimal::TWO
    };
    Some(Stats {
        n,
        mean,
        median,
        min: v[0],
        max: v[n - 1],
    })
}

/// The totals axis shared by the histogram and the unit comparison: from a multiple of `step`
/// below the lowest total (or the lowest threshold) to one above the highest.
struct Axis {
    lo: f64,
    hi: f64,
    step: f64,
}

impl Axis {
    fn new(totals: &[Decimal], grades: &Grades) -> Axis {
        let mut lo = totals.iter().map(|d| f(*d)).fold(f64::INFINITY, f64::min);
        let mut hi = totals
            .iter()
            .map(|d| f(*d))
            .fold(f64::NEG_INFINITY, f64::max);
        for m in grades.mins.iter().flatten() {
            lo = lo.min(f(*m));
            hi = hi.max(f(*m));
        }
        if !lo.is_finite() {
            lo = 0.0;
            hi = 100.0;
        }
        let span = (hi - lo).max(1.0);
        let step = if span <= 30.0 {
            2.0
        } else if span <= 60.0 {
            5.0
        } else {
            10.0
        };
        let lo = ((lo / step).floor() * step).max(0.0_f64.min(lo));
        let hi = (hi / step).floor() * step + step;
        Axis { lo, hi, step }
    }

    fn x(&self, v: f64, left: f64, width: f64) -> f64 {
        left + (v - self.lo) / (self.hi - self.lo) * width
    }

    fn ticks(&self) -> Vec<f64> {
        let every = if (self.hi - self.lo) / self.step > 12.0 {
            self.step * 2.0
        } else {
            self.step
        };
        let mut t = Vec::new();
        let mut v = self.lo;
        while v <= self.hi + 1e-9 {
            t.push(v);
            v += every;
        }
        t
    }
}

fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// What every section reads: the scored bundle, its rubric and grades, whether the report is
/// the summary one, and the graded totals (roster order).
struct View<'s, 'b> {
    scored: &'s Scored<'b>,
    rubric: &'b Rubric,
    grades: Grades<'b>,
    /// More than [`DETAIL_LIMIT`] workers: no per-worker rows or dots.
    summary: bool,
    /// The totals of the graded workers, in roster order.
    totals: Vec<Decimal>,
}

impl View<'_, '_> {
    fn len(&self) -> usize {
        self.scored.len()
    }

    /// How many workers have this final status.
    fn count(&self, s: Status) -> usize {
        (0..self.len())
            .filter(|&i| self.scored.status(i) == s)
            .count()
    }

    /// How many workers hold this grade (only graded workers have one).
    fn holding(&self, g: GradeId) -> usize {
        (0..self.len())
            .filter(|&i| self.scored.grade(i) == Some(g))
            .count()
    }

    /// The total of roster worker `i` when graded.
    fn graded_total(&self, i: usize) -> Option<Decimal> {
        match self.scored.status(i) {
            Status::Graded => self.scored.total(i),
            _ => None,
        }
    }

    fn colour(&self, i: usize) -> &'static str {
        self.grades
            .colour(self.scored.status(i), self.scored.grade(i))
    }

    fn grade_label(&self, i: usize) -> &str {
        self.scored
            .grade(i)
            .map_or("", |g| self.rubric.grade_label(g))
    }
}

/// Writes the report of the result that `audited` audited ([`Audit::scored`]) to `out`, section
/// by section, the audit last; the workers' rows (up to [`DETAIL_LIMIT`] workers) are
/// evaluated and written block by block on the scoring's threads.
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
/// let scored = yardstick::score(&bundle);
/// let audited = yardstick::audit::audit(&scored, &yardstick::FsFiles, &Default::default()).unwrap();
/// let mut out = Vec::new();
/// yardstick::html::write(&audited, &mut out).unwrap();
/// assert!(out.starts_with(b"<!DOCTYPE html>"));
/// ```
pub fn write(audited: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let scored = audited.scored();
    let bundle = scored.bundle();
    let rubric = bundle.rubric();
    let v = View {
        scored,
        rubric,
        grades: Grades::new(rubric),
        summary: scored.len() > DETAIL_LIMIT,
        totals: Vec::new(),
    };
    let v = View {
        totals: (0..v.len()).filter_map(|i| v.graded_total(i)).collect(),
        ..v
    };
    let mut s = String::with_capacity(64 * 1024);
    let info = bundle.info();
    let year = info.year.to_string();
    let title = if info.name.contains(&year) {
        format!("{}结果报告", info.name)
    } else {
        format!("{}（{}年度）结果报告", info.name, info.year)
    };
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"yardstick {}\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&title),
        CSS
    );
    let _ = writeln!(
        s,
        "<header><h1>{}</h1><p class=\"sub\">考核方案：{}（{}{}） · 方案校验码 SHA-256 {}…</p></header>",
        esc(&title),
        esc(&rubric.name),
        esc(&rubric.id),
        rubric
            .version
            .as_ref()
            .map_or(String::new(), |v| format!(" {}", esc(v))),
        esc(&bundle.rubric_sha256().chars().take(16).collect::<String>()),
    );

    let st = stats(&v.totals);
    let axis = Axis::new(&v.totals, &v.grades);
    overview(&mut s, &v, st.as_ref());
    distribution(&mut s, &v);
    histogram(&mut s, &v.totals, &v.grades, &axis, st.as_ref());
    out.write_all(s.as_bytes())?;
    s.clear();
    units(&mut s, &v, &axis);
    out.write_all(s.as_bytes())?;
    s.clear();
    quota(&mut s, &v);
    consequences(&mut s, &v);
    out.write_all(s.as_bytes())?;
    s.clear();
    if v.summary {
        detail_elsewhere(&mut s, &v);
        out.write_all(s.as_bytes())?;
    } else {
        workers(out, &v)?;
    }
    audit::section(out, audited, v.summary)?;
    out.write_all(
        "<footer>本报告由 yardstick 依据考核方案逐项计算生成；每名人员的计算过程可用 \
         <code>yardstick explain</code> 查看。</footer>\n</body>\n</html>\n"
            .as_bytes(),
    )
}

/// Renders the report of an audited result as one string (for tests and small bundles; a
/// program writing a file should use [`write()`]).
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
/// let scored = yardstick::score(&bundle);
/// let audited = yardstick::audit::audit(&scored, &yardstick::FsFiles, &Default::default()).unwrap();
/// let html = yardstick::html::to_html(&audited);
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(html.contains("<section id=\"audit\""));
/// ```
pub fn to_html(audited: &Audit) -> String {
    let mut out = Vec::new();
    match write(audited, &mut out) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

fn overview(out: &mut String, v: &View, st: Option<&Stats>) {
    let mut cards: Vec<(String, String)> = vec![
        ("参评人数".into(), v.len().to_string()),
        ("已评定".into(), v.count(Status::Graded).to_string()),
        ("不评定".into(), v.count(Status::Ungraded).to_string()),
        ("暂缓评定".into(), v.count(Status::Pending).to_string()),
    ];
    if let Some(s) = st {
        cards.push(("平均分".into(), d2(s.mean)));
        cards.push(("中位数".into(), d2(s.median)));
        cards.push(("最高分".into(), d2(s.max)));
        cards.push(("最低分".into(), d2(s.min)));
    }
    let quotas = v.scored.quotas();
    for q in quotas.iter().filter(|q| q.unit.is_none()) {
        cards.push((
            format!("{}人数 / 名额", v.rubric.grade_label(q.grade)),
            format!("{} / {}", v.holding(q.grade), q.places),
        ));
    }
    if quotas.iter().any(|q| q.unit.is_some()) {
        let places: usize = quotas.iter().map(|q| q.places).sum();
        let grade = quotas[0].grade;
        cards.push((
            format!("{}人数 / 名额", v.rubric.grade_label(grade)),
            format!("{} / {places}", v.holding(grade)),
        ));
    }
    out.push_str("<section id=\"overview\"><h2>一、总体概况</h2><div class=\"cards\">");
    for (label, value) in cards {
        let _ = write!(
            out,
            "<div class=\"card\"><div class=\"v\">{}</div><div class=\"l\">{}</div></div>",
            esc(&value),
            esc(&label)
        );
    }
    out.push_str("</div>");
    if st.is_some() {
        out.push_str(
            "<p class=\"note\">平均分、中位数、最高分、最低分按已评定人员的总分计算。</p>",
        );
    }
    out.push_str("</section>\n");
}

fn distribution(out: &mut String, v: &View) {
    let grades = &v.grades;
    let mut by_grade = vec![0usize; grades.labels.len()];
    for i in 0..v.len() {
        if let (Status::Graded, Some(g)) = (v.scored.status(i), v.scored.grade(i)) {
            by_grade[g.index()] += 1;
        }
    }
    let mut rows: Vec<(String, usize, &'static str)> = grades
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                l.to_string(),
                by_grade[i],
                grade_colour(i, grades.labels.len()),
            )
        })
        .collect();
    rows.push(("不评定".into(), v.count(Status::Ungraded), UNGRADED_COLOUR));
    rows.push(("暂缓评定".into(), v.count(Status::Pending), PENDING_COLOUR));
    let total = v.len().max(1);
    let most = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);

    let (left, width, bar_h, gap) = (90.0, 420.0, 22.0, 10.0);
    let height = rows.len() as f64 * (bar_h + gap) + gap;
    out.push_str("<section id=\"grades\"><h2>二、等次分布</h2><div class=\"row\">");
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 620 {height}\" width=\"620\" height=\"{height}\" role=\"img\" aria-label=\"等次分布\">"
    );
    for (i, (label, n, colour)) in rows.iter().enumerate() {
        let y = gap + i as f64 * (bar_h + gap);
        let w = *n as f64 / most as f64 * width;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"lab\">{}</text>\
             <rect x=\"{left}\" y=\"{y}\" width=\"{}\" height=\"{bar_h}\" fill=\"{colour}\" rx=\"2\"/>\
             <text x=\"{}\" y=\"{}\" class=\"val\">{} 人（{}%）</text>",
            left - 8.0,
            y + bar_h * 0.72,
            esc(label),
            num(w.max(0.0)),
            num(left + w + 6.0),
            y + bar_h * 0.72,
            n,
            num(*n as f64 * 100.0 / total as f64),
        );
    }
    out.push_str("</svg><table class=\"small\"><thead><tr><th>等次</th><th>人数</th><th>占比</th></tr></thead><tbody>");
    for (label, n, colour) in &rows {
        let _ = write!(
            out,
            "<tr><td><span class=\"dot\" style=\"background:{colour}\"></span>{}</td><td class=\"r\">{n}</td><td class=\"r\">{}%</td></tr>",
            esc(label),
            num(*n as f64 * 100.0 / total as f64)
        );
    }
    let _ = writeln!(
        out,
        "<tr class=\"sum\"><td>合计</td><td class=\"r\">{}</td><td class=\"r\">100%</td></tr></tbody></table></div></section>",
        v.len()
    );
}

/// What a histogram counts and says: the chart's label, the word after a bin's count, the
/// label of the axis.
struct Bars<'a> {
    aria: &'a str,
    each: &'a str,
    axis: &'a str,
}

fn histogram(
    out: &mut String,
    totals: &[Decimal],
    grades: &Grades,
    axis: &Axis,
    st: Option<&Stats>,
) {
    out.push_str("<section id=\"histogram\"><h2>三、总分分布</h2>");
    if totals.is_empty() {
        out.push_str("<p>没有已评定的人员，无总分分布。</p></section>\n");
        return;
    }
    let words = Bars {
        aria: "总分分布直方图",
        each: "人",
        axis: "总分",
    };
    bars(out, totals, grades, axis, &words);
    if let Some(s) = st {
        let _ = write!(
            out,
            "<p class=\"note\">{} 名已评定人员；虚线为各等次的分数线（等次还受否决、资格条件和名额限制）。平均分 {}，中位数 {}。</p>",
            s.n,
            d2(s.mean),
            d2(s.median)
        );
    }
    out.push_str("</section>\n");
}

/// A histogram of `values` over `axis` with the grade thresholds drawn (an SVG element).
fn bars(out: &mut String, values: &[Decimal], grades: &Grades, axis: &Axis, words: &Bars) {
    let bins = ((axis.hi - axis.lo) / axis.step).round().max(1.0) as usize;
    let mut counts = vec![0usize; bins];
    for t in values {
        let i = ((f(*t) - axis.lo) / axis.step).floor().max(0.0) as usize;
        counts[i.min(bins - 1)] += 1;
    }
    let most = counts.iter().copied().max().unwrap_or(1).max(1);
    let (left, top, width, height) = (50.0, 44.0, 640.0, 220.0);
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 720 314\" width=\"720\" height=\"314\" role=\"img\" aria-label=\"{}\">",
        words.aria
    );
    // Horizontal grid and the count axis.
    let step_n = (most as f64 / 5.0).ceil().max(1.0) as usize;
    let mut k = 0;
    while k <= most {
        let y = top + height - k as f64 / most as f64 * height;
        let _ = write!(
            out,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"grid\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"tick\">{k}</text>",
            left + width,
            num(y),
            num(y),
            left - 6.0,
            num(y + 4.0)
        );
        k += step_n;
    }
    for (i, n) in counts.iter().enumerate() {
        if *n == 0 {
            continue;
        }
        let from = axis.lo + i as f64 * axis.step;
        let x0 = axis.x(from, left, width);
        let x1 = axis.x(from + axis.step, left, width);
        let h = *n as f64 / most as f64 * height;
        let band = grades.band_of(Decimal::try_from(from).unwrap_or_default());
        let colour = grade_colour(band, grades.labels.len());
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\" opacity=\"0.85\"><title>{}–{}：{} {}</title></rect>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"val\">{n}</text>",
            num(x0 + 1.0),
            num(top + height - h),
            num((x1 - x0 - 2.0).max(1.0)),
            num(h),
            num(from),
            num(from + axis.step),
            n,
            words.each,
            num((x0 + x1) / 2.0),
            num(top + height - h - 4.0),
        );
    }
    // The total axis.
    let _ = write!(
        out,
        "<line x1=\"{left}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"axis\"/>",
        left + width,
        top + height,
        top + height
    );
    for t in axis.ticks() {
        let x = axis.x(t, left, width);
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"tick\">{}</text>",
            num(x),
            top + height + 16.0,
            num(t)
        );
    }
    // Grade thresholds.
    for (i, m) in grades.mins.iter().enumerate() {
        let Some(m) = m else { continue };
        let x = axis.x(f(*m), left, width);
        let _ = write!(
            out,
            "<line x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\" class=\"threshold\" stroke=\"{c}\"/>\
             <text x=\"{}\" y=\"{}\" class=\"thr\" fill=\"{c}\">{} ≥ {}</text>",
            top - 30.0,
            top + height,
            num(x + 3.0),
            top - 20.0,
            esc(grades.labels[i]),
            num(f(*m)),
            x = num(x),
            c = grade_colour(i, grades.labels.len()),
        );
    }
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"310\" text-anchor=\"middle\" class=\"lab\">{}（每格 {} 分）</text></svg>",
        left + width / 2.0,
        words.axis,
        num(axis.step)
    );
}

/// The unit's name as shown.
fn unit_name(u: &str) -> String {
    if u.is_empty() {
        "（未填单位）".to_string()
    } else {
        u.to_string()
    }
}

fn units(out: &mut String, v: &View, axis: &Axis) {
    let workers = v.scored.bundle().workers();
    let mut by_unit: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, w) in workers.iter().enumerate() {
        by_unit
            .entry(w.unit.as_deref().unwrap_or_default())
            .or_default()
            .push(i);
    }
    out.push_str("<section id=\"units\"><h2>四、各单位对比</h2>");
    let grades = &v.grades;
    let unit_totals =
        |ws: &[usize]| -> Vec<Decimal> { ws.iter().filter_map(|&i| v.graded_total(i)).collect() };
    if v.summary {
        // A dot per worker would make megabytes: the units' means as a histogram instead.
        let means: Vec<Decimal> = by_unit
            .values()
            .filter_map(|ws| stats(&unit_totals(ws)).map(|s| s.mean))
            .collect();
        let _ = write!(
            out,
            "<p class=\"note\">共 {} 个单位，每个单位一行（参评人数超过 {DETAIL_LIMIT} 人，不逐人画点）。",
            by_unit.len()
        );
        if !means.is_empty() {
            out.push_str("下图为各单位已评定人员平均分的分布，虚线是等次分数线。</p>");
            let words = Bars {
                aria: "各单位平均分分布直方图",
                each: "个单位",
                axis: "单位平均分",
            };
            bars(out, &means, grades, axis, &words);
        } else {
            out.push_str("</p>");
        }
    } else {
        strip_plot(out, v, &by_unit, axis);
    }

    out.push_str("<table><thead><tr><th>单位</th><th>人数</th><th>已评定</th><th>平均分</th><th>最高分</th><th>最低分</th>");
    for l in &grades.labels {
        let _ = write!(out, "<th>{}</th>", esc(l));
    }
    out.push_str("<th>不评定</th><th>暂缓</th></tr></thead><tbody>");
    for (unit, ws) in &by_unit {
        let totals = unit_totals(ws);
        let s = stats(&totals);
        let cell = |v: Option<Decimal>| v.map_or("—".to_string(), d2);
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td>",
            esc(&unit_name(unit)),
            ws.len(),
            totals.len(),
            cell(s.as_ref().map(|s| s.mean)),
            cell(s.as_ref().map(|s| s.max)),
            cell(s.as_ref().map(|s| s.min)),
        );
        let mut by_grade = vec![0usize; grades.labels.len()];
        let (mut ungraded, mut pending) = (0, 0);
        for &i in ws {
            match (v.scored.status(i), v.scored.grade(i)) {
                (Status::Graded, Some(g)) => by_grade[g.index()] += 1,
                (Status::Graded, None) => {}
                (Status::Ungraded, _) => ungraded += 1,
                (Status::Pending, _) => pending += 1,
            }
        }
        for n in by_grade {
            let _ = write!(out, "<td class=\"r\">{n}</td>");
        }
        let _ = write!(
            out,
            "<td class=\"r\">{ungraded}</td><td class=\"r\">{pending}</td></tr>",
        );
    }
    out.push_str("</tbody></table></section>\n");
}

/// One line per unit, a dot per graded worker, the unit's mean as a bar.
fn strip_plot(out: &mut String, v: &View, by_unit: &BTreeMap<&str, Vec<usize>>, axis: &Axis) {
    let workers = v.scored.bundle().workers();
    let grades = &v.grades;
    let (left, width, row_h) = (130.0, 560.0, 34.0);
    let height = by_unit.len() as f64 * row_h + 40.0;
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 720 {h}\" width=\"720\" height=\"{h}\" role=\"img\" aria-label=\"各单位总分对比\">",
        h = num(height)
    );
    for (i, (unit, ws)) in by_unit.iter().enumerate() {
        let y = 14.0 + i as f64 * row_h + row_h / 2.0;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"lab\">{}</text><line x1=\"{left}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" class=\"grid\"/>",
            left - 8.0,
            num(y + 4.0),
            esc(&unit_name(unit)),
            left + width,
        );
        let mut totals = Vec::new();
        for (j, &w) in ws.iter().enumerate() {
            let Some(t) = v.graded_total(w) else {
                continue;
            };
            totals.push(t);
            // A small vertical jitter by roster position keeps equal totals visible.
            let dy = ((j % 3) as f64 - 1.0) * 5.0;
            let _ = write!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"4.5\" fill=\"{}\" opacity=\"0.85\"><title>{} {}：{}</title></circle>",
                num(axis.x(f(t), left, width)),
                num(y + dy),
                v.colour(w),
                esc(&workers[w].name),
                esc(v.grade_label(w)),
                d2(t)
            );
        }
        if let Some(s) = stats(&totals) {
            let x = axis.x(f(s.mean), left, width);
            let _ = write!(
                out,
                "<line x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\" class=\"mean\"><title>平均 {}</title></line>",
                num(y - 12.0),
                num(y + 12.0),
                d2(s.mean),
                x = num(x)
            );
        }
    }
    let base = by_unit.len() as f64 * row_h + 14.0;
    for t in axis.ticks() {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"tick\">{}</text>",
            num(axis.x(t, left, width)),
            num(base + 14.0),
            num(t)
        );
    }
    for (i, m) in grades.mins.iter().enumerate() {
        let Some(m) = m else { continue };
        let x = num(axis.x(f(*m), left, width));
        let _ = write!(
            out,
            "<line x1=\"{x}\" x2=\"{x}\" y1=\"6\" y2=\"{}\" class=\"threshold\" stroke=\"{}\"/>",
            num(base),
            grade_colour(i, grades.labels.len())
        );
    }
    out.push_str("</svg><p class=\"note\">每个点是一名已评定人员的总分，颜色表示等次，黑色短竖线是该单位平均分，虚线是等次分数线。</p>");
}

/// The order keys of the quota: the column's name and, for a component, its index.
type Keys = Vec<(String, Option<usize>)>;

fn quota(out: &mut String, v: &View) {
    let rubric = v.rubric;
    let Some(rq) = &rubric.quota else {
        return;
    };
    out.push_str("<section id=\"quota\"><h2>五、名额控制</h2>");
    let keys: Keys = rq
        .order
        .iter()
        .map(|k| match k {
            OrderKey::Total => ("总分".to_string(), None),
            OrderKey::Component(id) => (rubric.component_at(*id).name.clone(), Some(id.index())),
        })
        .collect();
    let ratio = rq.ratio.to_string();
    let lines = v.scored.quotas();
    if v.summary && lines.iter().any(|q| q.unit.is_some()) {
        unit_quotas(out, v, lines, &ratio, &keys);
    } else {
        for q in lines {
            quota_line(out, v, q, &ratio, &keys);
        }
    }
    if v.summary {
        out.push_str(
            "<p class=\"note\">参评人数较多，名额线两侧各列出若干顺位和全部并列人员，其余从略；\
             全部候选人的顺位和结果见工作簿的“名额”工作表（<code>yardstick score 考核目录 --format xlsx -o 结果.xlsx</code>）。</p>",
        );
    }
    out.push_str("</section>\n");
}

/// The grade and scope of a quota line in words.
fn scope(q: &QuotaLine) -> String {
    q.unit.as_deref().map_or("全体".to_string(), str::to_string)
}

fn quota_line(out: &mut String, v: &View, q: &QuotaLine, ratio: &str, keys: &Keys) {
    let grade = v.rubric.grade_label(q.grade);
    let _ = write!(
        out,
        "<h3>{}（{}）</h3><p class=\"quota\">已评定 N = <b>{}</b> 人，比例 <b>{}</b>，名额 <b>{}</b> 名；\
         候选 {} 名，确定 <b>{}</b> 名",
        esc(grade),
        esc(&scope(q)),
        q.graded,
        esc(ratio),
        q.places,
        q.candidates.len(),
        q.kept.len()
    );
    if !q.tied.is_empty() {
        let _ = write!(
            out,
            "，名额线上并列 {} 名（各项排序依据均相同，名额留待考核委员会研究）",
            q.tied.len()
        );
    }
    if !q.cut.is_empty() {
        let _ = write!(out, "，名额线外 {} 名", q.cut.len());
    }
    out.push_str("。</p>");
    if q.candidates.is_empty() {
        return;
    }
    let columns = keys.len() + 4;
    out.push_str("<table><thead><tr><th>顺位</th><th>姓名</th><th>单位</th>");
    for (name, _) in keys {
        let _ = write!(out, "<th>{}</th>", esc(name));
    }
    out.push_str("<th>结果</th></tr></thead><tbody>");
    let workers = v.scored.bundle().workers();
    let decisions = decisions(q);
    // The line is drawn above the first candidate who does not keep the grade.
    let line = decisions
        .iter()
        .position(|d| *d != Decision::Kept)
        .unwrap_or(decisions.len());
    let shown = if v.summary {
        let tied_end = decisions
            .iter()
            .rposition(|d| *d == Decision::Tied)
            .map_or(line, |p| p + 1);
        line.saturating_sub(QUOTA_CONTEXT)..(tied_end + QUOTA_CONTEXT).min(decisions.len())
    } else {
        0..decisions.len()
    };
    if shown.start > 0 {
        left_out(out, columns, 0..shown.start, &decisions, grade);
    }
    for p in shown.clone() {
        let i = q.candidates[p];
        let w = &workers[i];
        let decision = decisions[p];
        if p == line {
            let _ = write!(
                out,
                "<tr class=\"line\"><td colspan=\"{columns}\">—— 名额线（{} 名）——</td></tr>",
                q.places
            );
        }
        let _ = write!(
            out,
            "<tr{}><td class=\"r\">{}</td><td>{}</td><td>{}</td>",
            if decision == Decision::Tied {
                " class=\"tied\""
            } else {
                ""
            },
            p + 1,
            esc(&w.name),
            esc(w.unit.as_deref().unwrap_or(""))
        );
        key_cells(out, v, i, keys);
        let result = match decision {
            Decision::Kept => format!("<b style=\"color:{}\">{}</b>", v.colour(i), esc(grade)),
            Decision::Tied => format!("并列，{}", esc(v.grade_label(i))),
            Decision::Cut => format!("名额外，{}", esc(v.grade_label(i))),
        };
        let _ = write!(out, "<td>{result}</td></tr>");
    }
    if shown.end < decisions.len() {
        left_out(out, columns, shown.end..decisions.len(), &decisions, grade);
    }
    out.push_str("</tbody></table>");
}

/// The cells of a quota candidate's order keys.
fn key_cells(out: &mut String, v: &View, i: usize, keys: &Keys) {
    // A component's score needs the worker's outcome; the total does not.
    let outcome = keys
        .iter()
        .any(|(_, k)| k.is_some())
        .then(|| v.scored.outcome(i));
    for (_, key) in keys {
        let value = match key {
            None => v.scored.total(i),
            Some(k) => outcome.as_ref().and_then(|o| o.components[*k].score),
        };
        let _ = write!(
            out,
            "<td class=\"r\">{}</td>",
            value.map_or("缺".to_string(), d2)
        );
    }
}

/// A row standing for the candidates at positions `range` (from 0), not listed, saying what
/// became of them when it is the same for all.
fn left_out(
    out: &mut String,
    columns: usize,
    range: Range<usize>,
    decisions: &[Decision],
    grade: &str,
) {
    let all = |d: Decision| decisions[range.clone()].iter().all(|x| *x == d);
    let what = if all(Decision::Kept) {
        format!("，均确定为{}", esc(grade))
    } else if all(Decision::Cut) {
        "，均在名额线外".to_string()
    } else {
        String::new()
    };
    let _ = write!(
        out,
        "<tr><td colspan=\"{columns}\" class=\"note\" style=\"text-align:center\">…… 第 {}–{} 顺位，共 {} 名{what}，此处从略 ……</td></tr>",
        range.start + 1,
        range.end,
        range.len()
    );
}

/// What became of a quota candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Kept,
    Tied,
    Cut,
}

/// The decision on each candidate of `q`, in the candidates' order.
fn decisions(q: &QuotaLine) -> Vec<Decision> {
    let at: std::collections::HashMap<usize, usize> = q
        .candidates
        .iter()
        .enumerate()
        .map(|(p, &i)| (i, p))
        .collect();
    let mut d = vec![Decision::Cut; q.candidates.len()];
    for (list, decision) in [(&q.kept, Decision::Kept), (&q.tied, Decision::Tied)] {
        for i in list {
            if let Some(&p) = at.get(i) {
                d[p] = decision;
            }
        }
    }
    d
}

/// Per-unit quotas in the summary report: a row per unit, then every candidate tied at a
/// unit's line (the committee's decisions).
fn unit_quotas(out: &mut String, v: &View, lines: &[QuotaLine], ratio: &str, keys: &Keys) {
    let grade = lines.first().map_or("", |q| v.rubric.grade_label(q.grade));
    let sum = |f: fn(&QuotaLine) -> usize| lines.iter().map(f).sum::<usize>();
    let tied_units = lines.iter().filter(|q| !q.tied.is_empty()).count();
    let _ = write!(
        out,
        "<p class=\"quota\">{}名额按单位分别控制：{} 个单位，已评定 N = <b>{}</b> 人，比例 <b>{}</b>，\
         名额合计 <b>{}</b> 名；候选 {} 名，确定 <b>{}</b> 名",
        esc(grade),
        lines.len(),
        sum(|q| q.graded),
        esc(ratio),
        sum(|q| q.places),
        sum(|q| q.candidates.len()),
        sum(|q| q.kept.len()),
    );
    if tied_units > 0 {
        let _ = write!(
            out,
            "，{tied_units} 个单位名额线上并列共 {} 名（名额留待考核委员会研究，名单见下）",
            sum(|q| q.tied.len())
        );
    }
    let cut = sum(|q| q.cut.len());
    if cut > 0 {
        let _ = write!(out, "，名额线外 {cut} 名");
    }
    out.push_str("。</p>");
    out.push_str("<table><thead><tr><th>单位</th><th>已评定</th><th>名额</th><th>候选</th><th>确定</th><th>并列</th><th>名额线外</th></tr></thead><tbody>");
    for q in lines {
        let _ = write!(
            out,
            "<tr{}><td>{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td></tr>",
            if q.tied.is_empty() {
                ""
            } else {
                " class=\"tied\""
            },
            esc(&scope(q)),
            q.graded,
            q.places,
            q.candidates.len(),
            q.kept.len(),
            q.tied.len(),
            q.cut.len()
        );
    }
    out.push_str("</tbody></table>");
    if tied_units == 0 {
        return;
    }
    // The committee's decisions: every tied candidate, unit by unit, in one table.
    out.push_str("<h3>名额线上并列人员</h3><table><thead><tr><th>单位</th><th>名额</th><th>已确定</th><th>顺位</th><th>姓名</th>");
    for (name, _) in keys {
        let _ = write!(out, "<th>{}</th>", esc(name));
    }
    out.push_str("<th>结果</th></tr></thead><tbody>");
    let workers = v.scored.bundle().workers();
    for q in lines.iter().filter(|q| !q.tied.is_empty()) {
        let decisions = decisions(q);
        for (p, &i) in q.candidates.iter().enumerate() {
            if decisions[p] != Decision::Tied {
                continue;
            }
            let _ = write!(
                out,
                "<tr class=\"tied\"><td>{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td><td>{}</td>",
                esc(&scope(q)),
                q.places,
                q.kept.len(),
                p + 1,
                esc(&workers[i].name)
            );
            key_cells(out, v, i, keys);
            let _ = write!(out, "<td>并列，{}</td></tr>", esc(v.grade_label(i)));
        }
    }
    out.push_str("</tbody></table>");
}

/// A short text for a component cell: the count behind the score.
fn count_text(facts: &Facts) -> String {
    match facts {
        Facts::NoFile => String::new(),
        Facts::Panel { count, .. } => format!("{count} 评分"),
        Facts::Ballot { valid, cast, .. } => format!("有效 {valid}/{cast} 票"),
        Facts::Interview { interviewers } => format!("{interviewers} 人谈话"),
        Facts::Test { max, .. } => max.map_or(String::new(), |m| format!("满分 {}", m.normalize())),
        Facts::Phone { counted, calls, .. } => format!("有效 {counted}/{calls} 通"),
        Facts::Visit { households, .. } => format!("{households} 户"),
        Facts::Scorecard {
            counted, periods, ..
        } => format!("计分 {counted}/{periods} 期"),
    }
}

/// Section 六 (when the rubric declares consequences): the earlier years read, how many each
/// consequence applies to and, unless the report is a summary, who, with the years counted.
fn consequences(out: &mut String, v: &View) {
    let rubric = v.rubric;
    if rubric.consequences.is_empty() {
        return;
    }
    let scored = v.scored;
    let bundle = scored.bundle();
    out.push_str("<section id=\"consequences\"><h2>六、结果运用</h2>");
    let years: Vec<String> = bundle
        .history()
        .years()
        .iter()
        .map(|h| format!("{}年", h.year))
        .collect();
    if years.is_empty() {
        out.push_str("<p class=\"note\">考核包未列出往年考核结果（assessment.toml 的 [history] results）。</p>");
    } else {
        let _ = write!(
            out,
            "<p class=\"note\">依据往年考核结果：{}。等次以名额确定后公布的等次为准；连续年份中缺少某一年的考核结果、该年不评定或暂缓评定、或该年结果中没有此人，即不连续。</p>",
            years.join("、")
        );
    }
    let mut counts = vec![0usize; rubric.consequences.len()];
    let mut rows: Vec<(usize, usize)> = Vec::new();
    for i in scored.ranked() {
        for &c in scored.consequences(i) {
            counts[c.index()] += 1;
            rows.push((c.index(), i));
        }
    }
    out.push_str("<div class=\"cards\">");
    for (c, n) in rubric.consequences.iter().zip(&counts) {
        let grade = rubric.grade_label(c.test.grade());
        let test = match c.test {
            crate::rubric::GradeTest::Exactly(_) => grade.to_string(),
            crate::rubric::GradeTest::AtLeast(_) => format!("{grade}及以上"),
        };
        let _ = write!(
            out,
            "<div class=\"card\"><div class=\"v\">{n}</div><div class=\"l\">{}<br>连续 {} 年{}</div></div>",
            esc(&c.name),
            c.years,
            esc(&test)
        );
    }
    out.push_str("</div>");
    if v.summary {
        out.push_str("<p class=\"note\">适用人员名单及所依据的各年等次见工作簿的“结果运用”工作表（<code>yardstick score 考核目录 --format xlsx -o 结果.xlsx</code>）。</p>");
    } else if !rows.is_empty() {
        rows.sort_by_key(|&(c, _)| c);
        out.push_str("<table><thead><tr><th>结果运用</th><th>姓名</th><th>单位</th><th>依据</th></tr></thead><tbody>");
        let year = bundle.info().year;
        for (c, i) in rows {
            let rule = &rubric.consequences[c];
            let run = crate::history::run(
                rule,
                year,
                scored.status(i),
                scored.grade(i),
                bundle.history(),
                i,
            );
            let years: Vec<String> = run
                .years
                .iter()
                .map(|&(y, g)| format!("{y}年{}", rubric.grade_label(g)))
                .collect();
            let w = &bundle.workers()[i];
            let _ = write!(
                out,
                "<tr><td class=\"nw\">{}</td><td class=\"nw\">{}<br><small>{}</small></td><td class=\"nw\">{}</td><td>{}</td></tr>",
                esc(&rule.name),
                esc(&w.name),
                esc(&w.id),
                esc(w.unit.as_deref().unwrap_or("")),
                esc(&years.join("、"))
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>\n");
}

/// Section 七 of the summary report: where each worker's detail is.
fn detail_elsewhere(out: &mut String, v: &View) {
    let _ = writeln!(
        out,
        "<section id=\"detail\"><h2>七、个人得分</h2><p>本次参评 {} 人，超过 {DETAIL_LIMIT} 人，\
         本报告只列总体概况、等次和总分分布、各单位对比和名额控制，不逐人列出各项得分。</p>\
         <p>每名人员的总分、等次、名次、各项得分及其样本数、加扣分和说明，见工作簿的“明细”工作表：\
         <code>yardstick score 考核目录 --format xlsx -o 结果.xlsx</code>；\
         某一人员的逐项计算过程用 <code>yardstick explain 考核目录 工号</code> 查看。</p></section>",
        v.len()
    );
}

fn workers(out: &mut dyn Write, v: &View) -> io::Result<()> {
    let mut head = String::new();
    head.push_str("<section id=\"workers\" class=\"flow\"><h2>七、个人得分</h2>");
    head.push_str("<p class=\"note\">按名次排列；不评定、暂缓评定的人员列在最后。条形为各项得分（0–100），右侧小字为该项的样本数。</p>");
    head.push_str("<table class=\"people\"><thead><tr><th>名次</th><th>姓名</th><th>单位</th><th>总分</th><th>等次</th>");
    for c in &v.rubric.components {
        let _ = write!(
            head,
            "<th>{}<br><small>权重 {}</small></th>",
            esc(&c.name),
            c.weight.normalize()
        );
    }
    head.push_str("<th>加/扣分</th>");
    if !v.rubric.consequences.is_empty() {
        head.push_str("<th>结果运用</th>");
    }
    head.push_str("<th>说明</th></tr></thead><tbody>");
    out.write_all(head.as_bytes())?;
    let order = v.scored.ranked();
    par::write_blocks(order.len(), BLOCK, v.scored.threads(), out, |range, buf| {
        let mut text = String::new();
        for &i in &order[range] {
            worker_row(&mut text, v, i);
        }
        buf.extend_from_slice(text.as_bytes());
    })?;
    out.write_all(b"</tbody></table></section>\n")
}

/// One worker's row: rank, name, total, grade, a bar per component, adjustments and flags.
fn worker_row(out: &mut String, v: &View, i: usize) {
    let bundle = v.scored.bundle();
    let w = &bundle.workers()[i];
    let o = v.scored.outcome(i);
    let colour = v.grades.colour(o.status, o.grade);
    let grade = match o.status {
        Status::Graded => o.grade.map_or("", |g| v.rubric.grade_label(g)),
        s => status_zh(s),
    };
    let _ = write!(
        out,
        "<tr><td class=\"r\">{}</td><td class=\"nw\">{}<br><small>{}</small></td><td class=\"nw\">{}</td><td class=\"r\"><b>{}</b></td>\
         <td><span class=\"tag\" style=\"background:{colour}\">{}</span></td>",
        o.rank.map_or("—".to_string(), |r| r.to_string()),
        esc(&w.name),
        esc(&w.id),
        esc(w.unit.as_deref().unwrap_or("")),
        o.total.map_or("—".to_string(), d2),
        esc(grade),
    );
    for (k, c) in o.components.iter().enumerate() {
        match c.score {
            Some(s) => {
                let width = (f(s).clamp(0.0, 100.0) * 0.6).max(0.5);
                let _ = write!(
                    out,
                    "<td class=\"bar\"><svg width=\"60\" height=\"10\" viewBox=\"0 0 60 10\" aria-hidden=\"true\">\
                     <rect width=\"60\" height=\"10\" fill=\"#eceff1\"/><rect width=\"{}\" height=\"10\" fill=\"{colour}\"/></svg> \
                     {}<br><small>{}</small></td>",
                    num(width),
                    d2(s),
                    esc(&count_text(&bundle.tallies(k).facts(i, w)))
                );
            }
            None => {
                let why = esc(&c
                    .missing
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default());
                let _ = write!(
                    out,
                    "<td class=\"missing\" title=\"{why}\">缺<br><small>{why}</small></td>"
                );
            }
        }
    }
    let adj = match (o.bonus.is_zero(), o.deduction.is_zero()) {
        (true, true) => String::new(),
        (false, true) => format!("+{}", d2(o.bonus)),
        (true, false) => format!("−{}", d2(o.deduction)),
        (false, false) => format!("+{} / −{}", d2(o.bonus), d2(o.deduction)),
    };
    // The report is in Chinese, as its headings are.
    let flags: Vec<String> = o
        .flags
        .iter()
        .map(|f| esc(&f.text(v.rubric, crate::i18n::Lang::Zh)))
        .collect();
    let _ = write!(out, "<td class=\"r\">{adj}</td>");
    if !v.rubric.consequences.is_empty() {
        let names: Vec<String> = o
            .consequences
            .iter()
            .map(|&c| esc(&v.rubric.consequence(c).name))
            .collect();
        let _ = write!(out, "<td class=\"flags\">{}</td>", names.join("<br>"));
    }
    let _ = write!(out, "<td class=\"flags\">{}</td></tr>", flags.join("<br>"));
}

const CSS: &str = r#"
:root { --ink: #212121; --muted: #616161; --rule: #cfd8dc; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimHei", sans-serif;
  color: var(--ink); margin: 24px auto; max-width: 1100px; padding: 0 16px; font-size: 14px; line-height: 1.5;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
header { border-bottom: 3px solid #b71c1c; margin-bottom: 12px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; border-left: 5px solid #b71c1c; padding-left: 8px; margin: 22px 0 10px; }
h3 { font-size: 15px; margin: 14px 0 6px; }
.sub, .note, footer { color: var(--muted); font-size: 12px; }
footer { margin-top: 24px; border-top: 1px solid var(--rule); padding-top: 6px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 14px; min-width: 110px; text-align: center; }
.card .v { font-size: 22px; font-weight: bold; }
.card .l { font-size: 12px; color: var(--muted); }
.row { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
svg.chart { max-width: 100%; height: auto; }
svg text { font-family: inherit; }
.lab { font-size: 13px; fill: var(--ink); }
.val { font-size: 12px; fill: var(--ink); }
.tick { font-size: 11px; fill: var(--muted); }
.thr { font-size: 12px; font-weight: bold; }
.grid { stroke: #eceff1; stroke-width: 1; }
.axis { stroke: #90a4ae; stroke-width: 1; }
.threshold { stroke-width: 1.5; stroke-dasharray: 5 3; }
.mean { stroke: #212121; stroke-width: 2.5; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
table.small { width: auto; }
th, td { border: 1px solid var(--rule); padding: 3px 6px; vertical-align: middle; }
th { background: #eceff1; font-weight: 600; font-size: 13px; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.r { text-align: right; font-variant-numeric: tabular-nums; }
tr.sum td { font-weight: bold; }
tr.line td { text-align: center; color: #b71c1c; font-weight: bold; border-top: 2px dashed #b71c1c; }
tr.tied td { background: #fff8e1; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; }
.tag { color: #fff; border-radius: 3px; padding: 1px 6px; font-size: 12px; white-space: nowrap; }
table.people { font-size: 12px; }
table.people td.nw { white-space: nowrap; }
table.people td.bar { white-space: nowrap; font-variant-numeric: tabular-nums; }
table.people td.missing { color: #9e9e9e; text-align: center; }
table.people td.flags { font-size: 11px; color: #424242; min-width: 16em; }
table.people th { white-space: nowrap; }
small { color: var(--muted); font-size: 10px; }
tr.flagged td { background: #ffebee; }
td.narrow { background: #fff8e1; font-weight: bold; }
ul.sheets { margin: 4px 0; padding-left: 20px; word-break: break-all; }
table.margins { font-size: 12px; }
table.margins td.nw { white-space: nowrap; }
p.quota { margin: 4px 0; }
section { break-inside: avoid; page-break-inside: avoid; }
section.flow { break-inside: auto; page-break-inside: auto; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 12px; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 12px; }
  svg.chart { height: 56mm; width: auto; }
  #histogram svg.chart { height: 72mm; }
  #units svg.chart { height: auto; max-height: 60mm; width: auto; }
  .cards .card { padding: 4px 10px; }
  #workers, #audit { break-before: page; page-break-before: always; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn two_places_half_up() {
        assert_eq!(d2(Decimal::new(899_950, 4)), "90.00");
        assert_eq!(d2(Decimal::new(7, 0)), "7.00");
    }

    #[test]
    fn median_of_even_and_odd_lists() {
        let d = |v: &[i64]| v.iter().map(|x| Decimal::from(*x)).collect::<Vec<_>>();
        let s = stats(&d(&[3, 1, 2])).unwrap();
        assert_eq!(
            (s.median, s.min, s.max, s.mean),
            (
                Decimal::from(2),
                Decimal::ONE,
                Decimal::from(3),
                Decimal::from(2)
            )
        );
        let s = stats(&d(&[4, 1, 2, 3])).unwrap();
        assert_eq!(s.median, Decimal::new(25, 1));
        assert!(stats(&[]).is_none());
    }
}
