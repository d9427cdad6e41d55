//! The 审核 sheet: the fairness audit (docs/audit.md, docs/contract.md section 9) beside the
//! results, in the result's language.
//!
//! The four parts of the audit, one under the other, each row whole before the next (the sheet
//! is a "constant memory" worksheet like the others):
//!
//! 1. Krippendorff's α per panel and interview component, with the pairable units and values
//!    and its reading by the usual conventions (or why it cannot be computed);
//! 2. every panel rater's leniency, with the flag, and a bar chart of it per component;
//! 3. the margins counted, their histogram's bins as a table and a column chart over them,
//!    then every graded worker's margins in posting order, a row each as it comes;
//! 4. the suspicious ballot sheets per ballot component: the all-best and all-worst sheets one
//!    a row, the groups of identical sheets one a row.
//!
//! α and leniency are written with full precision and shown to 3 decimals (`0.000`); totals
//! and margins are exact two-decimal scores and shown as the other sheets show scores
//! (`0.00`). Charts refer to the cells above them. Their titles are the catalog's texts,
//! never a formula: a text that `rust_xlsxwriter` would read as a range (`Sheet1!A1`) or a
//! formula (`=(…)`) is changed so that it cannot be.

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Chart, ChartAxisLabelPosition, ChartLegendPosition, ChartSolidFill, ChartType, Workbook,
    XlsxError,
};

use super::{Sheet, Styles, V};
use crate::audit::{
    Audit, LENIENCY_MIN_N, LENIENCY_POINTS, MARGIN_BIN, MARGIN_BINS, PanelRaters, alpha_header,
    bin_label, lean_text, metric_text, reading_text,
};
use crate::i18n::Lang;
use crate::tr;

/// The sheet's name. Sheet names are fixed (公示, 明细 … in every language), so that the
/// report and the documentation can point to them.
pub const SHEET: &str = "审核";

/// Rows a chart takes (its height, 288 pixels by default, over rows of 20 pixels), and one
/// more to keep clear of what follows.
const CHART_ROWS: u32 = 16;

/// Pixels a rater's bar takes in the leniency chart, and the chart's tallest height.
const BAR_PIXELS: u32 = 22;
const CHART_MAX_PIXELS: u32 = 1_600;

/// A chart's text made safe from `rust_xlsxwriter`'s reading of names: a `!` would make a
/// text such as `A!B1` a cell reference, a leading `=` a formula.
fn chart_text(text: &str) -> String {
    text.trim_start_matches('=').replace('!', "！")
}

/// Writes the 审核 sheet of `audit`.
pub(super) fn audit_sheet(wb: &mut Workbook, audit: &Audit, st: &Styles) -> Result<(), XlsxError> {
    let lang = audit.lang();
    let mut sheet = Sheet::new(wb, SHEET, st)?;
    let bundle = audit.scored().bundle();
    let rubric = bundle.rubric();
    let title = tr!(
        lang,
        "audit-title",
        name = bundle.info().name,
        year = bundle.info().year,
        rubric_id = rubric.id,
        rubric_name = rubric.name
    );
    sheet.heading(0, &title)?;
    sheet.note(1, &tr!(lang, "audit-sheet-intro"))?;
    let mut y = 3;
    y = alpha_part(&mut sheet, audit, lang, y)?;
    y = leniency_part(&mut sheet, audit, lang, y + 1)?;
    y = histogram_part(&mut sheet, audit, lang, y + 1)?;
    y = workers_part(&mut sheet, audit, lang, y)?;
    sheets_part(&mut sheet, audit, lang, y + 1)?;
    let ws = sheet.finish()?;
    ws.set_paper_size(super::A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Part 1: α per component. Returns the next free row.
fn alpha_part(sheet: &mut Sheet, audit: &Audit, lang: Lang, mut y: u32) -> Result<u32, XlsxError> {
    sheet.heading(y, &tr!(lang, "audit-alpha-heading"))?;
    y += 1;
    if audit.alpha.is_empty() {
        sheet.note(y, &tr!(lang, "audit-alpha-none"))?;
        return Ok(y + 1);
    }
    sheet.header(y, &alpha_header(lang))?;
    y += 1;
    let components = &audit.scored().bundle().rubric().components;
    for a in &audit.alpha {
        sheet.row(
            y,
            &[
                V::text(&components[a.k].name),
                V::text(metric_text(a.metric, lang)),
                a.result.alpha.map_or(V::Empty, V::Stat),
                V::count(a.result.units),
                V::count(a.result.values),
                V::text(reading_text(a, lang)),
            ],
        )?;
        y += 1;
    }
    sheet.note(y, &tr!(lang, "audit-alpha-note"))?;
    Ok(y + 1)
}

/// Part 2: every panel rater's leniency, a table and a bar chart per component.
fn leniency_part(
    sheet: &mut Sheet,
    audit: &Audit,
    lang: Lang,
    mut y: u32,
) -> Result<u32, XlsxError> {
    if audit.raters.is_empty() {
        sheet.heading(y, &tr!(lang, "audit-leniency-heading-none"))?;
        sheet.note(y + 1, &tr!(lang, "audit-leniency-none"))?;
        return Ok(y + 2);
    }
    let components = &audit.scored().bundle().rubric().components;
    for (p, PanelRaters { k, raters, .. }) in audit.raters.iter().enumerate() {
        if p > 0 {
            y += 1;
        }
        let name = &components[*k].name;
        sheet.heading(y, &tr!(lang, "audit-leniency-heading", component = name))?;
        y += 1;
        let header = [
            tr!(lang, "audit-col-rater"),
            tr!(lang, "audit-col-n"),
            tr!(lang, "audit-col-leniency"),
            tr!(lang, "audit-col-flag"),
        ];
        sheet.header(y, &header)?;
        y += 1;
        let first = y;
        for r in raters {
            sheet.row(
                y,
                &[
                    V::text(&r.rater_id),
                    V::N(Decimal::from(r.n)),
                    r.leniency().map_or(V::Empty, V::Stat),
                    V::text(lean_text(r.lean(), lang)),
                ],
            )?;
            y += 1;
        }
        let flagged = raters.iter().filter(|r| r.flagged).count();
        sheet.note(
            y,
            &tr!(
                lang,
                "audit-leniency-note",
                points = LENIENCY_POINTS,
                n = LENIENCY_MIN_N,
                flagged = flagged
            ),
        )?;
        y += 1;
        if raters.is_empty() {
            continue;
        }
        let mut chart = Chart::new(ChartType::Bar);
        chart.title().set_name(&chart_text(&tr!(
            lang,
            "audit-chart-leniency",
            component = name
        )));
        chart
            .add_series()
            .set_categories((SHEET, first, 0, y - 2, 0))
            .set_values((SHEET, first, 2, y - 2, 2))
            .set_format(ChartSolidFill::new().set_color("#1565C0"));
        chart.legend().set_hidden();
        chart.x_axis().set_name(&chart_text(&header[2]));
        chart.x_axis().set_num_format("0.0");
        // Raters top down as in the table, their names at the left however their bars go.
        chart.y_axis().set_reverse();
        chart
            .y_axis()
            .set_label_position(ChartAxisLabelPosition::Low);
        let height = (raters.len() as u32 * BAR_PIXELS + 100).clamp(288, CHART_MAX_PIXELS);
        chart.set_width(560).set_height(height);
        sheet.ws.insert_chart(y, 0, &chart)?;
        y += height.div_ceil(20) + 1;
    }
    Ok(y)
}

/// Part 3: the margins counted and binned, with a column chart over the bins. Returns the next
/// free row.
fn histogram_part(
    sheet: &mut Sheet,
    audit: &Audit,
    lang: Lang,
    mut y: u32,
) -> Result<u32, XlsxError> {
    sheet.heading(
        y,
        &tr!(
            lang,
            "audit-margin-overview-heading",
            graded = audit.margins.len()
        ),
    )?;
    y += 1;
    sheet.note(y, &audit.margin_summary())?;
    y += 1;
    let header = [
        tr!(lang, "audit-col-bin"),
        tr!(lang, "audit-col-count-upper"),
        tr!(lang, "audit-col-count-lower"),
    ];
    sheet.header(y, &header)?;
    let head = y;
    y += 1;
    let h = audit.margin_histogram();
    for b in 0..MARGIN_BINS {
        sheet.row(
            y,
            &[
                V::text(bin_label(b, lang)),
                V::count(h.to_upper[b]),
                V::count(h.to_lower[b]),
            ],
        )?;
        y += 1;
    }
    sheet.note(y, &tr!(lang, "audit-margin-note"))?;
    y += 1;
    let mut chart = Chart::new(ChartType::Column);
    chart.title().set_name(&chart_text(&tr!(
        lang,
        "audit-chart-margins",
        step = MARGIN_BIN
    )));
    for (col, colour) in [(1u16, "#1565C0"), (2, "#EF8F00")] {
        chart
            .add_series()
            .set_name(&chart_text(&header[col as usize]))
            .set_categories((SHEET, head + 1, 0, head + MARGIN_BINS as u32, 0))
            .set_values((SHEET, head + 1, col, head + MARGIN_BINS as u32, col))
            .set_format(ChartSolidFill::new().set_color(colour));
    }
    chart.x_axis().set_name(&chart_text(&header[0]));
    chart
        .y_axis()
        .set_name(&chart_text(&tr!(lang, "audit-chart-workers")));
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.set_width(640);
    sheet.ws.insert_chart(y, 0, &chart)?;
    Ok(y + CHART_ROWS)
}

/// Part 4: the suspicious ballot sheets, one a row. Returns the next free row.
fn sheets_part(sheet: &mut Sheet, audit: &Audit, lang: Lang, mut y: u32) -> Result<u32, XlsxError> {
    if audit.sheets.is_empty() {
        sheet.heading(y, &tr!(lang, "audit-sheets-heading-none"))?;
        sheet.note(y + 1, &tr!(lang, "audit-sheets-none"))?;
        return Ok(y + 2);
    }
    let components = &audit.scored().bundle().rubric().components;
    for (p, (k, s)) in audit.sheets.iter().enumerate() {
        let Some((best, worst)) = audit.extreme_labels(*k) else {
            continue;
        };
        if p > 0 {
            y += 1;
        }
        sheet.heading(
            y,
            &tr!(
                lang,
                "audit-sheets-heading",
                component = components[*k].name,
                sheets = s.sheets
            ),
        )?;
        y += 1;
        for line in [
            tr!(
                lang,
                "audit-sheets-count-all",
                option = best,
                count = s.all_best.len()
            ),
            tr!(
                lang,
                "audit-sheets-count-all",
                option = worst,
                count = s.all_worst.len()
            ),
            tr!(lang, "audit-sheets-identical", count = s.identical.len()),
        ] {
            sheet.note(y, &line)?;
            y += 1;
        }
        let any = !(s.all_best.is_empty() && s.all_worst.is_empty() && s.identical.is_empty());
        if any {
            sheet.header(
                y,
                &[
                    tr!(lang, "audit-col-kind"),
                    tr!(lang, "audit-col-group"),
                    tr!(lang, "audit-col-sheets"),
                    tr!(lang, "audit-col-ballot"),
                ],
            )?;
            y += 1;
        }
        for (ids, option) in [(&s.all_best, best), (&s.all_worst, worst)] {
            let kind = tr!(lang, "audit-kind-all", option = option);
            for id in ids {
                sheet.row(y, &[V::text(&kind), V::Empty, V::Empty, V::text(id)])?;
                y += 1;
            }
        }
        // A group a row, its sheets in one cell, which runs on to the right rather than
        // widening a column that the tables above share.
        for (g, (ids, workers)) in s.identical.iter().zip(&s.identical_workers).enumerate() {
            let row = [
                V::text(tr!(lang, "audit-kind-identical", workers = workers)),
                V::count(g + 1),
                V::count(ids.len()),
                V::text(joined(ids, lang)),
            ];
            let widths: Vec<usize> = row[..3].iter().map(V::width).collect();
            sheet.widen(&widths);
            sheet.cells(y, &row)?;
            y += 1;
        }
        sheet.note(y, &tr!(lang, "audit-sheets-note"))?;
        y += 1;
    }
    Ok(y)
}

/// The most characters of a cell's text (Excel's limit is 32,767), with room for the count.
const CELL_CHARS: usize = 32_000;

/// Ballot sheets' ids in one cell, as many as fit, then how many there are in all.
fn joined(ids: &crate::audit::SheetIds, lang: Lang) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for (k, id) in ids.iter().enumerate() {
        let more = id.chars().count() + 2;
        if chars + more > CELL_CHARS {
            out.push_str(&tr!(lang, "audit-sheets-more", count = ids.len()));
            break;
        }
        if k > 0 {
            out.push_str(", ");
        }
        out.push_str(id);
        chars += more;
    }
    out
}

/// Part 3 continued: every graded worker's margins in posting order, a row each as it comes.
/// Returns the next free row.
fn workers_part(
    sheet: &mut Sheet,
    audit: &Audit,
    lang: Lang,
    mut y: u32,
) -> Result<u32, XlsxError> {
    let bundle = audit.scored().bundle();
    let rubric = bundle.rubric();
    sheet.heading(y, &tr!(lang, "audit-margin-workers-heading"))?;
    y += 1;
    let header = audit.margin_header(lang);
    sheet.header(y, &header)?;
    y += 1;
    let ballot = |n: &Option<u64>| n.map_or(V::Empty, |n| V::N(Decimal::from(n)));
    let mut row = Vec::with_capacity(header.len());
    for i in audit.posting_order() {
        let m = &audit.margins[i];
        let w = &bundle.workers()[m.worker];
        row.clear();
        row.extend([
            V::text(&w.id),
            V::text(&w.name),
            V::Score(m.total),
            V::text(rubric.grade_label(m.grade)),
            m.to_upper.map_or(V::Empty, V::Score),
            m.to_lower.map_or(V::Empty, V::Score),
        ]);
        for (d, u) in m.ballots_down.iter().zip(&m.ballots_up) {
            row.push(ballot(d));
            row.push(ballot(u));
        }
        sheet.row(y, &row)?;
        y += 1;
    }
    Ok(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_of_ids_stops_before_excels_limit() {
        let few: crate::audit::SheetIds = ["A-1", "A-2", "A-3"].into_iter().collect();
        assert_eq!(joined(&few, Lang::En), "A-1, A-2, A-3");
        let many: crate::audit::SheetIds = (0..10_000).map(|k| format!("SHEET-{k:05}")).collect();
        let cell = joined(&many, Lang::En);
        assert!(cell.chars().count() <= 32_767, "{}", cell.len());
        assert!(cell.starts_with("SHEET-00000, SHEET-00001"));
        assert!(
            cell.ends_with(" 10000 in all"),
            "{}",
            &cell[cell.len() - 40..]
        );
    }

    #[test]
    fn chart_texts_are_never_ranges_or_formulas() {
        assert_eq!(chart_text("个人汇报：宽严"), "个人汇报：宽严");
        assert_eq!(chart_text("=(A!B1)"), "(A！B1)");
        assert_eq!(chart_text("Sheet1!$A$1"), "Sheet1！$A$1");
    }
}
