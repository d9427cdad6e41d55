//! Section 八 of the report: the fairness audit (docs/audit.md), in the result's language.
//!
//! Krippendorff's α per component with its reading; each panel's raters' leniency as a bar
//! chart (inline SVG) and a table; the grade margins counted, with a histogram of the points to
//! the neighbouring grades (inline SVG) and its bins as a table, then every graded worker's
//! margins; the suspicious ballot sheets. The summary report (more than [`DETAIL_LIMIT`]
//! workers) leaves out the rows per worker and points to the workbook's 审核 sheet: what it
//! shows is bounded whatever the size of the bundle (at most [`RATERS_SHOWN`] raters per
//! panel, [`IDS_SHOWN`] sheets per list and [`IDS_SHOWN`] groups of identical sheets).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{DETAIL_LIMIT, esc, num};
use crate::audit::SheetIds;
use crate::audit::{
    Audit, LENIENCY_MIN_N, LENIENCY_POINTS, Leniency, MARGIN_BIN, MARGIN_BINS, MarginHistogram,
    PanelRaters, alpha_header, bin_label, lean_text, metric_text, reading_text,
};
use crate::i18n::Lang;
use crate::tr;

/// The most raters of a panel shown in its chart and table (the furthest from the others
/// when there are more); the workbook lists all.
pub const RATERS_SHOWN: usize = 40;

/// The most ballot sheets listed of each kind, and the most groups of identical sheets.
pub const IDS_SHOWN: usize = 20;

/// Worker rows rendered at a time before they are written.
const ROWS: usize = 256;

const BLUE: &str = "#1565c0";
const ORANGE: &str = "#ef8f00";
const RED: &str = "#c62828";

/// Writes section 八 of the report for `audited`; `summary` leaves out the rows per worker.
pub(super) fn section(out: &mut dyn Write, audited: &Audit, summary: bool) -> io::Result<()> {
    let lang = audited.lang();
    let mut s = String::with_capacity(16 * 1024);
    let _ = write!(
        s,
        "<section id=\"audit\" class=\"flow\"><h2>{}</h2><p class=\"note\">{}</p>",
        esc(&tr!(lang, "audit-report-heading")),
        esc(&tr!(lang, "audit-report-intro"))
    );
    alpha(&mut s, audited, lang);
    leniency(&mut s, audited, lang);
    margins(&mut s, audited, lang);
    let _ = write!(
        s,
        "<h4>{}</h4>",
        esc(&tr!(lang, "audit-margin-workers-heading"))
    );
    out.write_all(s.as_bytes())?;
    s.clear();
    if summary {
        let _ = write!(
            s,
            "<p>{}</p><p><code>{}</code><br><code>{}</code></p>",
            esc(&tr!(
                lang,
                "audit-report-summary",
                workers = audited.scored().len(),
                limit = DETAIL_LIMIT
            )),
            esc(&tr!(lang, "audit-report-command-xlsx")),
            esc(&tr!(lang, "audit-report-command-audit"))
        );
    } else {
        worker_rows(out, audited, lang)?;
    }
    sheets(&mut s, audited, lang);
    s.push_str("</section>\n");
    out.write_all(s.as_bytes())
}

/// α per component, with its reading.
fn alpha(s: &mut String, audited: &Audit, lang: Lang) {
    let _ = write!(s, "<h3>{}</h3>", esc(&tr!(lang, "audit-alpha-heading")));
    if audited.alpha.is_empty() {
        let _ = write!(s, "<p>{}</p>", esc(&tr!(lang, "audit-alpha-none")));
        return;
    }
    s.push_str("<table class=\"audit-alpha\"><thead><tr>");
    for h in alpha_header(lang) {
        let _ = write!(s, "<th>{}</th>", esc(&h));
    }
    s.push_str("</tr></thead><tbody>");
    let components = &audited.scored().bundle().rubric().components;
    for a in &audited.alpha {
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td><td>{}</td></tr>",
            esc(&components[a.k].name),
            esc(&metric_text(a.metric, lang)),
            a.result
                .alpha
                .map_or("—".to_string(), |x| format!("{x:.3}")),
            a.result.units,
            a.result.values,
            esc(&reading_text(a, lang)),
        );
    }
    let _ = write!(
        s,
        "</tbody></table><p class=\"note\">{}</p>",
        esc(&tr!(lang, "audit-alpha-note"))
    );
}

/// The raters shown: all of them, or the [`RATERS_SHOWN`] furthest from the others (no
/// leniency counts as nearest), in the order of the file.
fn shown(raters: &[Leniency]) -> Vec<&Leniency> {
    if raters.len() <= RATERS_SHOWN {
        return raters.iter().collect();
    }
    let mut by_distance: Vec<usize> = (0..raters.len()).collect();
    let distance = |i: usize| raters[i].leniency().map_or(-1.0, f64::abs);
    by_distance.sort_by(|&a, &b| distance(b).total_cmp(&distance(a)).then(a.cmp(&b)));
    by_distance.truncate(RATERS_SHOWN);
    by_distance.sort_unstable();
    by_distance.into_iter().map(|i| &raters[i]).collect()
}

/// Each panel's raters: a bar chart of their leniency and a table.
fn leniency(s: &mut String, audited: &Audit, lang: Lang) {
    if audited.raters.is_empty() {
        let _ = write!(
            s,
            "<h3>{}</h3><p>{}</p>",
            esc(&tr!(lang, "audit-leniency-heading-none")),
            esc(&tr!(lang, "audit-leniency-none"))
        );
        return;
    }
    let components = &audited.scored().bundle().rubric().components;
    for PanelRaters { k, raters, .. } in &audited.raters {
        let name = &components[*k].name;
        let _ = write!(
            s,
            "<h3>{}</h3>",
            esc(&tr!(lang, "audit-leniency-heading", component = name))
        );
        let list = shown(raters);
        if list.len() < raters.len() {
            let _ = write!(
                s,
                "<p class=\"note\">{}</p>",
                esc(&tr!(
                    lang,
                    "audit-leniency-shown",
                    raters = raters.len(),
                    shown = list.len()
                ))
            );
        }
        if !list.is_empty() {
            leniency_chart(
                s,
                &list,
                &tr!(lang, "audit-chart-leniency", component = name),
            );
        }
        let _ = write!(
            s,
            "<table class=\"small\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(&tr!(lang, "audit-col-rater")),
            esc(&tr!(lang, "audit-col-n")),
            esc(&tr!(lang, "audit-col-leniency")),
            esc(&tr!(lang, "audit-col-flag")),
        );
        for r in &list {
            let _ = write!(
                s,
                "<tr{}><td>{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td><td>{}</td></tr>",
                if r.flagged { " class=\"flagged\"" } else { "" },
                esc(&r.rater_id),
                r.n,
                r.leniency().map_or("—".to_string(), |x| format!("{x:+.3}")),
                esc(&lean_text(r.lean(), lang)),
            );
        }
        let flagged = raters.iter().filter(|r| r.flagged).count();
        let _ = write!(
            s,
            "</tbody></table><p class=\"note\">{}</p>",
            esc(&tr!(
                lang,
                "audit-leniency-note",
                points = LENIENCY_POINTS,
                n = LENIENCY_MIN_N,
                flagged = flagged
            ))
        );
    }
}

/// A bar per rater from the zero line, right for lenient and left for harsh, the flag's
/// threshold drawn on both sides; flagged raters in red.
fn leniency_chart(s: &mut String, raters: &[&Leniency], label: &str) {
    let (left, plot, row, top) = (110.0, 560.0, 20.0, 24.0);
    let points = LENIENCY_POINTS as f64;
    let most = raters
        .iter()
        .filter_map(|r| r.leniency())
        .map(f64::abs)
        .filter(|x| x.is_finite())
        .fold(points * 1.2, f64::max);
    let mid = left + plot / 2.0;
    let x = |v: f64| mid + v / most * (plot / 2.0);
    let height = top + raters.len() as f64 * row + 24.0;
    let _ = write!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 720 {h}\" width=\"720\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        esc(label),
        h = num(height)
    );
    // The flag's thresholds and the zero line.
    for v in [-points, points] {
        let _ = write!(
            s,
            "<line x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\" class=\"threshold\" stroke=\"{RED}\"/>\
             <text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" class=\"tick\">{}</text>",
            top - 6.0,
            num(height - 20.0),
            top - 10.0,
            if v > 0.0 {
                format!("+{}", num(v))
            } else {
                format!("−{}", num(-v))
            },
            x = num(x(v)),
        );
    }
    let _ = write!(
        s,
        "<line x1=\"{m}\" x2=\"{m}\" y1=\"{}\" y2=\"{}\" class=\"axis\"/>",
        top - 6.0,
        num(height - 20.0),
        m = num(mid)
    );
    for (i, r) in raters.iter().enumerate() {
        let y = top + i as f64 * row;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"lab\">{}</text>",
            left - 8.0,
            num(y + row * 0.7),
            esc(&r.rater_id)
        );
        let Some(v) = r.leniency().filter(|v| v.is_finite()) else {
            continue;
        };
        let (x0, x1) = if v >= 0.0 { (mid, x(v)) } else { (x(v), mid) };
        let colour = if r.flagged { RED } else { BLUE };
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\" opacity=\"0.85\"><title>{}：{v:+.3}</title></rect>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"{}\" class=\"val\">{v:+.3}</text>",
            num(x0),
            num(y + 3.0),
            num((x1 - x0).max(0.5)),
            num(row - 6.0),
            esc(&r.rater_id),
            num(if v >= 0.0 { x1 + 4.0 } else { x0 - 4.0 }),
            num(y + row * 0.7),
            if v >= 0.0 { "start" } else { "end" },
        );
    }
    s.push_str("</svg>");
}

/// The margins counted, their histogram and its bins.
fn margins(s: &mut String, audited: &Audit, lang: Lang) {
    let _ = write!(
        s,
        "<h3>{}</h3><p>{}</p>",
        esc(&tr!(
            lang,
            "audit-margin-overview-heading",
            graded = audited.margins.len()
        )),
        esc(&audited.margin_summary())
    );
    let h = audited.margin_histogram();
    let upper = tr!(lang, "audit-col-count-upper");
    let lower = tr!(lang, "audit-col-count-lower");
    let bins: Vec<String> = (0..MARGIN_BINS).map(|b| bin_label(b, lang)).collect();
    s.push_str("<div class=\"row\">");
    histogram(
        s,
        &h,
        &bins,
        &[&upper, &lower],
        &tr!(lang, "audit-chart-margins", step = MARGIN_BIN),
        &tr!(lang, "audit-col-bin"),
    );
    let _ = write!(
        s,
        "<table class=\"small\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(&tr!(lang, "audit-col-bin")),
        esc(&upper),
        esc(&lower)
    );
    for (b, label) in bins.iter().enumerate() {
        let _ = write!(
            s,
            "<tr><td>{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td></tr>",
            esc(label),
            h.to_upper[b],
            h.to_lower[b]
        );
    }
    let _ = write!(
        s,
        "</tbody></table></div><p class=\"note\">{}</p>",
        esc(&tr!(lang, "audit-margin-note"))
    );
}

/// Two bars per bin: the workers that many points below the band above, and above their own
/// band's minimum.
fn histogram(
    s: &mut String,
    h: &MarginHistogram,
    bins: &[String],
    series: &[&str; 2],
    label: &str,
    axis: &str,
) {
    let (left, top, width, height) = (50.0, 40.0, 600.0, 200.0);
    let most = h
        .to_upper
        .iter()
        .chain(&h.to_lower)
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let _ = write!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 680 290\" width=\"680\" height=\"290\" role=\"img\" aria-label=\"{}\">",
        esc(label)
    );
    // The legend.
    for (k, (name, colour)) in series.iter().zip([BLUE, ORANGE]).enumerate() {
        let x = left + k as f64 * 260.0;
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"8\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"19\" class=\"lab\">{}</text>",
            num(x),
            num(x + 18.0),
            esc(name)
        );
    }
    // The count axis.
    let step = (most as f64 / 5.0).ceil().max(1.0) as usize;
    let mut k = 0;
    while k <= most {
        let y = top + height - k as f64 / most as f64 * height;
        let _ = write!(
            s,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" class=\"grid\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"tick\">{k}</text>",
            left + width,
            left - 6.0,
            num(y + 4.0),
            y = num(y)
        );
        k += step;
    }
    let slot = width / MARGIN_BINS as f64;
    for (b, name) in bins.iter().enumerate() {
        let x = left + b as f64 * slot;
        for (j, (n, colour)) in [(h.to_upper[b], BLUE), (h.to_lower[b], ORANGE)]
            .into_iter()
            .enumerate()
        {
            if n == 0 {
                continue;
            }
            let bar = n as f64 / most as f64 * height;
            let bx = x + 4.0 + j as f64 * (slot - 8.0) / 2.0;
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\" opacity=\"0.85\"><title>{}：{} {n}</title></rect>\
                 <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"val\">{n}</text>",
                num(bx),
                num(top + height - bar),
                num((slot - 8.0) / 2.0),
                num(bar),
                esc(name),
                esc(series[j]),
                num(bx + (slot - 8.0) / 4.0),
                num(top + height - bar - 3.0),
            );
        }
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"tick\">{}</text>",
            num(x + slot / 2.0),
            top + height + 16.0,
            esc(name)
        );
    }
    let _ = write!(
        s,
        "<line x1=\"{left}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" class=\"axis\"/><text x=\"{}\" y=\"284\" text-anchor=\"middle\" class=\"lab\">{}</text></svg>",
        left + width,
        left + width / 2.0,
        esc(axis),
        y = top + height
    );
}

/// The sheets of one list, [`IDS_SHOWN`] at most, with the count when there are more.
fn ids(list: &SheetIds, lang: Lang) -> String {
    let mut t = list.iter().take(IDS_SHOWN).collect::<Vec<_>>().join(", ");
    if list.len() > IDS_SHOWN {
        t.push_str(&tr!(lang, "audit-sheets-more", count = list.len()));
    }
    t
}

/// The suspicious ballot sheets per ballot component.
fn sheets(s: &mut String, audited: &Audit, lang: Lang) {
    if audited.sheets.is_empty() {
        let _ = write!(
            s,
            "<h3>{}</h3><p>{}</p>",
            esc(&tr!(lang, "audit-sheets-heading-none")),
            esc(&tr!(lang, "audit-sheets-none"))
        );
        return;
    }
    let components = &audited.scored().bundle().rubric().components;
    for (k, sh) in &audited.sheets {
        let Some((best, worst)) = audited.extreme_labels(*k) else {
            continue;
        };
        let _ = write!(
            s,
            "<h3>{}</h3><ul class=\"sheets\">",
            esc(&tr!(
                lang,
                "audit-sheets-heading",
                component = components[*k].name,
                sheets = sh.sheets
            ))
        );
        for (list, option) in [(&sh.all_best, best), (&sh.all_worst, worst)] {
            let _ = write!(
                s,
                "<li>{}</li>",
                esc(&tr!(
                    lang,
                    "audit-sheets-all",
                    option = option,
                    count = list.len(),
                    ids = ids(list, lang)
                ))
            );
        }
        let _ = write!(
            s,
            "<li>{}",
            esc(&tr!(
                lang,
                "audit-sheets-identical",
                count = sh.identical.len()
            ))
        );
        if !sh.identical.is_empty() {
            s.push_str("<ul>");
            for (g, workers) in sh
                .identical
                .iter()
                .zip(&sh.identical_workers)
                .take(IDS_SHOWN)
            {
                let _ = write!(
                    s,
                    "<li>{}</li>",
                    esc(&tr!(
                        lang,
                        "audit-sheets-group",
                        count = g.len(),
                        workers = workers,
                        ids = ids(g, lang)
                    ))
                );
            }
            if sh.identical.len() > IDS_SHOWN {
                let _ = write!(
                    s,
                    "<li>{}</li>",
                    esc(&tr!(
                        lang,
                        "audit-sheets-more-groups",
                        count = sh.identical.len() - IDS_SHOWN
                    ))
                );
            }
            s.push_str("</ul>");
        }
        let _ = write!(
            s,
            "</li></ul><p class=\"note\">{}</p>",
            esc(&tr!(lang, "audit-sheets-note"))
        );
    }
}

/// Every graded worker's margins in posting order (the detailed report only).
fn worker_rows(out: &mut dyn Write, audited: &Audit, lang: Lang) -> io::Result<()> {
    let bundle = audited.scored().bundle();
    let rubric = bundle.rubric();
    let mut s = String::new();
    s.push_str("<table class=\"margins\"><thead><tr>");
    for h in &audited.margin_header(lang) {
        let _ = write!(s, "<th>{}</th>", esc(h));
    }
    s.push_str("</tr></thead><tbody>");
    let dash = || "—".to_string();
    let order = audited.posting_order();
    for chunk in order.chunks(ROWS) {
        for &i in chunk {
            let m = &audited.margins[i];
            let w = &bundle.workers()[m.worker];
            let _ = write!(
                s,
                "<tr><td>{}</td><td class=\"nw\">{}</td><td class=\"r\">{}</td><td>{}</td><td class=\"r\">{}</td><td class=\"r\">{}</td>",
                esc(&w.id),
                esc(&w.name),
                m.total,
                esc(rubric.grade_label(m.grade)),
                m.to_upper.map_or_else(dash, |d| d.to_string()),
                m.to_lower.map_or_else(dash, |d| d.to_string()),
            );
            for (d, u) in m.ballots_down.iter().zip(&m.ballots_up) {
                let narrow = |n: &Option<u64>| n.is_some_and(|n| n <= crate::audit::FEW_BALLOTS);
                for n in [d, u] {
                    let _ = write!(
                        s,
                        "<td class=\"r{}\">{}</td>",
                        if narrow(n) { " narrow" } else { "" },
                        n.map_or_else(dash, |n| n.to_string())
                    );
                }
            }
            s.push_str("</tr>");
        }
        out.write_all(s.as_bytes())?;
        s.clear();
    }
    out.write_all(b"</tbody></table>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rater(k: usize, mean: Option<i64>) -> Leniency {
        Leniency {
            rater_id: format!("R{k}"),
            n: 3,
            mean: mean.map(crate::num::qi),
            flagged: false,
        }
    }

    #[test]
    fn many_raters_are_cut_to_the_furthest_in_file_order() {
        // Leniency 2k − 99 for rater k: the furthest are the first and the last twenty.
        let raters: Vec<Leniency> = (0..100)
            .map(|k| rater(k, Some(2 * k as i64 - 99)))
            .chain([rater(100, None)])
            .collect();
        let shown: Vec<&str> = shown(&raters).iter().map(|r| r.rater_id.as_str()).collect();
        assert_eq!(shown.len(), RATERS_SHOWN);
        let want: Vec<String> = (0..20).chain(80..100).map(|k| format!("R{k}")).collect();
        assert_eq!(shown, want);
        // Few raters: all of them, as they come.
        let few: Vec<Leniency> = (0..3).map(|k| rater(k, None)).collect();
        assert_eq!(super::shown(&few).len(), 3);
    }

    #[test]
    fn a_chart_of_raters_without_leniency_draws_no_bar() {
        let raters = [rater(0, None)];
        let list: Vec<&Leniency> = raters.iter().collect();
        let mut s = String::new();
        leniency_chart(&mut s, &list, "<x>");
        assert!(s.contains("aria-label=\"&lt;x&gt;\""));
        assert!(!s.contains("<rect"));
        assert!(s.ends_with("</svg>"));
    }
}
