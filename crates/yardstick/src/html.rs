//! A self-contained, printable HTML report of a scored assessment (考核结果报告).
//!
//! One file with no external assets: inline CSS, charts drawn as inline SVG by this module.
//! It holds the cohort at a glance, the grade distribution, a histogram of totals with the
//! grade thresholds drawn, a comparison of units (communities), every worker's component bars
//! and flags, and the quota line. It prints on A4: sections are kept whole where they fit and
//! the header row of long tables repeats on every page. The output is a pure function of the
//! rubric and the result (no date, no randomness), so the same bundle gives the same bytes.
//!
//! ```
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
//! let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
//! let html = yardstick::html::to_html(&yardstick::score(&bundle));
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains("<svg"));
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::method::Facts;
use crate::report::assessment::{
    Assessment, ComponentResult as Comp, QuotaResult as QuotaLine, WorkerResult,
};
use crate::result::Status;
use crate::rubric::{OrderKey, Rubric};

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

    fn index(&self, label: &str) -> Option<usize> {
        self.labels.iter().position(|l| *l == label)
    }

    fn colour_of(&self, w: &WorkerResult) -> &'static str {
        match (w.status, &w.grade) {
            (Status::Pending, _) => PENDING_COLOUR,
            (_, Some(g)) => self
                .index(g)
                .map_or(UNGRADED_COLOUR, |i| grade_colour(i, self.labels.len())),
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

/// Renders the report of a scored bundle.
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
/// let html = yardstick::html::to_html(&yardstick::score(&bundle));
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// ```
pub fn to_html(scored: &crate::Scored) -> String {
    let rubric = scored.bundle().rubric();
    let listing = Assessment::of(scored);
    let a = &listing;
    let grades = Grades::new(rubric);
    let mut out = String::with_capacity(64 * 1024 + a.workers.len() * 2048);
    let year = a.year.to_string();
    let title = if a.name.contains(&year) {
        format!("{}结果报告", a.name)
    } else {
        format!("{}（{}年度）结果报告", a.name, a.year)
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"yardstick {}\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&title),
        CSS
    );
    let _ = writeln!(
        out,
        "<header><h1>{}</h1><p class=\"sub\">考核方案：{}（{}{}） · 方案校验码 SHA-256 {}…</p></header>",
        esc(&title),
        esc(&rubric.name),
        esc(&rubric.id),
        rubric
            .version
            .as_ref()
            .map_or(String::new(), |v| format!(" {}", esc(v))),
        esc(&a.rubric_sha256.chars().take(16).collect::<String>()),
    );

    let graded: Vec<&WorkerResult> = a
        .workers
        .iter()
        .filter(|w| w.status == Status::Graded)
        .collect();
    let totals: Vec<Decimal> = graded.iter().filter_map(|w| w.total).collect();
    let st = stats(&totals);
    let axis = Axis::new(&totals, &grades);

    overview(&mut out, a, &grades, st.as_ref());
    distribution(&mut out, a, &grades);
    histogram(&mut out, &totals, &grades, &axis, st.as_ref());
    units(&mut out, a, &grades, &axis);
    quota(&mut out, rubric, a, &grades);
    workers(&mut out, rubric, a, &grades);

    out.push_str(
        "<footer>本报告由 yardstick 依据考核方案逐项计算生成；每名人员的计算过程可用 \
         <code>yardstick explain</code> 查看。</footer>\n</body>\n</html>\n",
    );
    out
}

fn overview(out: &mut String, a: &Assessment, grades: &Grades, st: Option<&Stats>) {
    let count = |s: Status| a.workers.iter().filter(|w| w.status == s).count();
    let mut cards: Vec<(String, String)> = vec![
        ("参评人数".into(), a.workers.len().to_string()),
        ("已评定".into(), count(Status::Graded).to_string()),
        ("不评定".into(), count(Status::Ungraded).to_string()),
        ("暂缓评定".into(), count(Status::Pending).to_string()),
    ];
    if let Some(s) = st {
        cards.push(("平均分".into(), d2(s.mean)));
        cards.push(("中位数".into(), d2(s.median)));
        cards.push(("最高分".into(), d2(s.max)));
        cards.push(("最低分".into(), d2(s.min)));
    }
    for q in a.quotas.iter().filter(|q| q.unit.is_none()) {
        let got = a
            .workers
            .iter()
            .filter(|w| w.grade.as_deref() == Some(q.grade.as_str()))
            .count();
        cards.push((
            format!("{}人数 / 名额", q.grade),
            format!("{got} / {}", q.places),
        ));
    }
    if a.quotas.iter().any(|q| q.unit.is_some()) {
        let places: usize = a.quotas.iter().map(|q| q.places).sum();
        let grade = &a.quotas[0].grade;
        let got = a
            .workers
            .iter()
            .filter(|w| w.grade.as_deref() == Some(grade.as_str()))
            .count();
        cards.push((format!("{grade}人数 / 名额"), format!("{got} / {places}")));
    }
    let _ = grades;
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

fn distribution(out: &mut String, a: &Assessment, grades: &Grades) {
    let mut rows: Vec<(String, usize, &'static str)> = grades
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let n = a
                .workers
                .iter()
                .filter(|w| w.status == Status::Graded && w.grade.as_deref() == Some(*l))
                .count();
            (l.to_string(), n, grade_colour(i, grades.labels.len()))
        })
        .collect();
    let ungraded = a
        .workers
        .iter()
        .filter(|w| w.status == Status::Ungraded)
        .count();
    let pending = a
        .workers
        .iter()
        .filter(|w| w.status == Status::Pending)
        .count();
    rows.push(("不评定".into(), ungraded, UNGRADED_COLOUR));
    rows.push(("暂缓评定".into(), pending, PENDING_COLOUR));
    let total = a.workers.len().max(1);
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
        a.workers.len()
    );
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
    let bins = ((axis.hi - axis.lo) / axis.step).round().max(1.0) as usize;
    let mut counts = vec![0usize; bins];
    for t in totals {
        let i = ((f(*t) - axis.lo) / axis.step).floor().max(0.0) as usize;
        counts[i.min(bins - 1)] += 1;
    }
    let most = counts.iter().copied().max().unwrap_or(1).max(1);
    let (left, top, width, height) = (50.0, 44.0, 640.0, 220.0);
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 720 314\" width=\"720\" height=\"314\" role=\"img\" aria-label=\"总分分布直方图\">"
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
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\" opacity=\"0.85\"><title>{}–{}：{} 人</title></rect>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"val\">{n}</text>",
            num(x0 + 1.0),
            num(top + height - h),
            num((x1 - x0 - 2.0).max(1.0)),
            num(h),
            num(from),
            num(from + axis.step),
            n,
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
        "<text x=\"{}\" y=\"310\" text-anchor=\"middle\" class=\"lab\">总分（每格 {} 分）</text></svg>",
        left + width / 2.0,
        num(axis.step)
    );
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

fn units(out: &mut String, a: &Assessment, grades: &Grades, axis: &Axis) {
    let mut by_unit: BTreeMap<String, Vec<&WorkerResult>> = BTreeMap::new();
    for w in &a.workers {
        by_unit
            .entry(w.unit.clone().unwrap_or_default())
            .or_default()
            .push(w);
    }
    out.push_str("<section id=\"units\"><h2>四、各单位对比</h2>");
    let name = |u: &str| {
        if u.is_empty() {
            "（未填单位）".to_string()
        } else {
            u.to_string()
        }
    };
    // Strip plot: one line per unit, a dot per graded worker, the mean as a bar.
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
            esc(&name(unit)),
            left + width,
        );
        let totals: Vec<Decimal> = ws
            .iter()
            .filter(|w| w.status == Status::Graded)
            .filter_map(|w| w.total)
            .collect();
        for (j, w) in ws.iter().enumerate() {
            let (Status::Graded, Some(t)) = (w.status, w.total) else {
                continue;
            };
            // A small vertical jitter by roster position keeps equal totals visible.
            let dy = ((j % 3) as f64 - 1.0) * 5.0;
            let _ = write!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"4.5\" fill=\"{}\" opacity=\"0.85\"><title>{} {}：{}</title></circle>",
                num(axis.x(f(t), left, width)),
                num(y + dy),
                grades.colour_of(w),
                esc(&w.name),
                esc(w.grade.as_deref().unwrap_or("")),
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

    out.push_str("<table><thead><tr><th>单位</th><th>人数</th><th>已评定</th><th>平均分</th><th>最高分</th><th>最低分</th>");
    for l in &grades.labels {
        let _ = write!(out, "<th>{}</th>", esc(l));
    }
    out.push_str("<th>不评定</th><th>暂缓</th></tr></thead><tbody>");
    for (unit, ws) in &by_unit {
        let totals: Vec<Decimal> = ws
            .iter()
            .filter(|w| w.status == Status::Graded)
            .filter_map(|w| w.total)
            .collect();
        let s = stats(&totals);
        let cell = |v: Option<Decimal>| v.map_or("—".to_string(), d2);
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td>",
            esc(&name(unit)),
            ws.len(),
            totals.len(),
            cell(s.as_ref().map(|s| s.mean)),
            cell(s.as_ref().map(|s| s.max)),
            cell(s.as_ref().map(|s| s.min)),
        );
        for l in &grades.labels {
            let n = ws
                .iter()
                .filter(|w| w.status == Status::Graded && w.grade.as_deref() == Some(*l))
                .count();
            let _ = write!(out, "<td class=\"r\">{n}</td>");
        }
        let c = |s: Status| ws.iter().filter(|w| w.status == s).count();
        let _ = write!(
            out,
            "<td class=\"r\">{}</td><td class=\"r\">{}</td></tr>",
            c(Status::Ungraded),
            c(Status::Pending)
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn quota(out: &mut String, rubric: &Rubric, a: &Assessment, grades: &Grades) {
    let Some(rq) = &rubric.quota else {
        return;
    };
    out.push_str("<section id=\"quota\"><h2>五、名额控制</h2>");
    let keys: Vec<(String, Option<&str>)> = rq
        .order
        .iter()
        .map(|k| match k {
            OrderKey::Total => ("总分".to_string(), None),
            OrderKey::Component(id) => (
                rubric.component_at(*id).name.clone(),
                Some(rubric.component_at(*id).id.as_str()),
            ),
        })
        .collect();
    for q in &a.quotas {
        quota_line(out, q, a, grades, &keys);
    }
    out.push_str("</section>\n");
}

fn quota_line(
    out: &mut String,
    q: &QuotaLine,
    a: &Assessment,
    grades: &Grades,
    keys: &[(String, Option<&str>)],
) {
    let scope = q.unit.as_ref().map_or("全体".to_string(), |u| u.clone());
    let _ = write!(
        out,
        "<h3>{}（{}）</h3><p class=\"quota\">已评定 N = <b>{}</b> 人，比例 <b>{}</b>，名额 <b>{}</b> 名；\
         候选 {} 名，确定 <b>{}</b> 名",
        esc(&q.grade),
        esc(&scope),
        q.graded,
        esc(&q.ratio),
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
    out.push_str("<table><thead><tr><th>顺位</th><th>姓名</th><th>单位</th>");
    for (name, _) in keys {
        let _ = write!(out, "<th>{}</th>", esc(name));
    }
    out.push_str("<th>结果</th></tr></thead><tbody>");
    let mut line_drawn = false;
    for (i, id) in q.candidates.iter().enumerate() {
        let Some(w) = a.worker(id) else { continue };
        let kept = q.kept.contains(id);
        let tied = q.tied.contains(id);
        if !kept && !line_drawn {
            let _ = write!(
                out,
                "<tr class=\"line\"><td colspan=\"{}\">—— 名额线（{} 名）——</td></tr>",
                keys.len() + 4,
                q.places
            );
            line_drawn = true;
        }
        let _ = write!(
            out,
            "<tr{}><td class=\"r\">{}</td><td>{}</td><td>{}</td>",
            if tied { " class=\"tied\"" } else { "" },
            i + 1,
            esc(&w.name),
            esc(w.unit.as_deref().unwrap_or(""))
        );
        for (_, key) in keys {
            let v = match key {
                None => w.total,
                Some(id) => w.component(id).and_then(|c| c.score),
            };
            let _ = write!(
                out,
                "<td class=\"r\">{}</td>",
                v.map_or("缺".to_string(), d2)
            );
        }
        let result = if kept {
            format!(
                "<b style=\"color:{}\">{}</b>",
                grades.colour_of(w),
                esc(&q.grade)
            )
        } else if tied {
            format!("并列，{}", esc(w.grade.as_deref().unwrap_or("")))
        } else {
            format!("名额外，{}", esc(w.grade.as_deref().unwrap_or("")))
        };
        let _ = write!(out, "<td>{result}</td></tr>");
    }
    out.push_str("</tbody></table>");
}

/// A short text for a component cell: the count behind the score.
fn count_text(c: &Comp) -> String {
    match &c.facts {
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

fn workers(out: &mut String, rubric: &Rubric, a: &Assessment, grades: &Grades) {
    out.push_str("<section id=\"workers\" class=\"flow\"><h2>六、个人得分</h2>");
    out.push_str("<p class=\"note\">按名次排列；不评定、暂缓评定的人员列在最后。条形为各项得分（0–100），右侧小字为该项的样本数。</p>");
    out.push_str("<table class=\"people\"><thead><tr><th>名次</th><th>姓名</th><th>单位</th><th>总分</th><th>等次</th>");
    for c in &rubric.components {
        let _ = write!(
            out,
            "<th>{}<br><small>权重 {}</small></th>",
            esc(&c.name),
            c.weight.normalize()
        );
    }
    out.push_str("<th>加/扣分</th><th>说明</th></tr></thead><tbody>");
    let mut order: Vec<&WorkerResult> = a.workers.iter().collect();
    order.sort_by_key(|w| (w.rank.is_none(), w.rank, w.status != Status::Pending));
    for w in order {
        let colour = grades.colour_of(w);
        let grade = match w.status {
            Status::Graded => w.grade.clone().unwrap_or_default(),
            s => status_zh(s).to_string(),
        };
        let _ = write!(
            out,
            "<tr><td class=\"r\">{}</td><td class=\"nw\">{}<br><small>{}</small></td><td class=\"nw\">{}</td><td class=\"r\"><b>{}</b></td>\
             <td><span class=\"tag\" style=\"background:{colour}\">{}</span></td>",
            w.rank.map_or("—".to_string(), |r| r.to_string()),
            esc(&w.name),
            esc(&w.worker_id),
            esc(w.unit.as_deref().unwrap_or("")),
            w.total.map_or("—".to_string(), d2),
            esc(&grade),
        );
        for c in &w.components {
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
                        esc(&count_text(c))
                    );
                }
                None => {
                    let _ = write!(
                        out,
                        "<td class=\"missing\" title=\"{}\">缺<br><small>{}</small></td>",
                        esc(&c
                            .missing
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default()),
                        esc(&c
                            .missing
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default())
                    );
                }
            }
        }
        let adj = match (w.bonus.is_zero(), w.deduction.is_zero()) {
            (true, true) => String::new(),
            (false, true) => format!("+{}", d2(w.bonus)),
            (true, false) => format!("−{}", d2(w.deduction)),
            (false, false) => format!("+{} / −{}", d2(w.bonus), d2(w.deduction)),
        };
        let flags: Vec<String> = w.flags.iter().map(|f| esc(&f.text)).collect();
        let _ = write!(
            out,
            "<td class=\"r\">{}</td><td class=\"flags\">{}</td></tr>",
            adj,
            flags.join("<br>")
        );
    }
    out.push_str("</tbody></table></section>\n");
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
  #workers { break-before: page; page-break-before: always; }
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
