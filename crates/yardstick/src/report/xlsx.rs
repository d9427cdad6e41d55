//! The result as a workbook for the committee, the notice board and the archive.
//!
//! Four sheets:
//!
//! - **公示**: unit, name, role, total, grade and rank under a title with the assessment's
//!   name and year, set to print on A4 landscape, one page wide, the header row repeated on
//!   every page;
//! - **明细**: every worker with every component score and what it rests on (valid ballots,
//!   raters, calls…), bonus, deduction, the adjustment items and the flags in words;
//! - **名额**: the quota per scope (N, ratio, places, candidates, kept, tied, cut) and every
//!   candidate in order with the decision;
//! - **数据核对**: rows read, used and rejected per input file, and the rubric's fingerprint.
//!
//! Scores are numbers with the format `0.00`; they are exact decimals until this writer turns
//! them into the spreadsheet's binary numbers (a two-decimal score survives that exactly as
//! displayed). Every text cell goes through [`safe_cell`]. Headers are frozen and columns are
//! as wide as their text, counting a Chinese character as two.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::assessment::{Assessment, WorkerResult};
use super::{count_label, safe_cell};
use crate::bundle::Bundle;
use crate::result::Status;

/// A4 in Excel's paper sizes.
const A4: u8 = 9;

/// A cell to write: text (escaped), a number with a format, or nothing.
enum V {
    T(String),
    /// A score: shown with two decimals.
    Score(Decimal),
    /// A whole number or a plain decimal.
    N(Decimal),
    Empty,
}

impl V {
    fn text(s: impl AsRef<str>) -> V {
        V::T(safe_cell(s.as_ref()))
    }

    fn width(&self) -> usize {
        match self {
            V::T(s) => s.width(),
            V::Score(d) => format!("{d:.2}").len(),
            V::N(d) => d.to_string().len(),
            V::Empty => 0,
        }
    }
}

struct Styles {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    score: Format,
    number: Format,
    note: Format,
}

impl Styles {
    fn new() -> Styles {
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subtitle: Format::new().set_align(FormatAlign::Center),
            header: border(
                Format::new()
                    .set_bold()
                    .set_background_color("#D9E1F2")
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::VerticalCenter)
                    .set_text_wrap(),
            ),
            text: border(Format::new()),
            score: border(Format::new().set_num_format("0.00")),
            number: border(Format::new().set_num_format("General")),
            note: Format::new().set_italic(),
        }
    }
}

fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(f64::NAN)
}

/// Writes a header at `row` and the rows below it; sets column widths to fit. Returns the
/// next free row.
fn table(
    ws: &mut Worksheet,
    st: &Styles,
    row: u32,
    header: &[String],
    rows: &[Vec<V>],
    widths: &mut Vec<usize>,
) -> Result<u32, XlsxError> {
    if widths.len() < header.len() {
        widths.resize(header.len(), 0);
    }
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, safe_cell(h), &st.header)?;
        widths[c] = widths[c].max(h.width());
    }
    for (i, r) in rows.iter().enumerate() {
        let y = row + 1 + i as u32;
        for (c, v) in r.iter().enumerate() {
            let x = c as u16;
            match v {
                V::T(s) => ws.write_string_with_format(y, x, s, &st.text)?,
                V::Score(d) => ws.write_number_with_format(y, x, to_f64(*d), &st.score)?,
                V::N(d) => ws.write_number_with_format(y, x, to_f64(*d), &st.number)?,
                V::Empty => ws.write_blank(y, x, &st.text)?,
            };
            if c < widths.len() {
                widths[c] = widths[c].max(v.width());
            }
        }
    }
    Ok(row + 1 + rows.len() as u32)
}

fn set_widths(ws: &mut Worksheet, widths: &[usize]) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        // Excel's width unit is about one Latin character of the default font.
        ws.set_column_width(c as u16, (*w as f64 + 2.0).clamp(6.0, 60.0))?;
    }
    Ok(())
}

fn opt_score(d: Option<Decimal>) -> V {
    d.map_or(V::Empty, V::Score)
}

fn grade_or_status(w: &WorkerResult) -> String {
    match (&w.grade, w.status) {
        (Some(g), _) => g.clone(),
        (None, s) => s.in_words().to_string(),
    }
}

/// Graded workers by rank, then pending, then ungraded; roster order within.
fn by_rank(a: &Assessment) -> Vec<&WorkerResult> {
    let mut order: Vec<&WorkerResult> = a.workers.iter().collect();
    order.sort_by_key(|w| (w.rank.is_none(), w.rank, w.status != Status::Pending));
    order
}

fn notice_sheet(
    wb: &mut Workbook,
    b: &Bundle,
    a: &Assessment,
    st: &Styles,
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("公示")?;
    let roles = a.workers.iter().any(|w| w.role.is_some());
    let mut header: Vec<String> = vec!["排名".into(), "单位".into(), "姓名".into()];
    if roles {
        header.push("职务".into());
    }
    header.extend(["总分".into(), "等次".into()]);
    let rows: Vec<Vec<V>> = by_rank(a)
        .into_iter()
        .map(|w| {
            let mut r = vec![
                w.rank.map_or(V::Empty, |k| V::N(Decimal::from(k))),
                V::text(w.unit.as_deref().unwrap_or("")),
                V::text(&w.name),
            ];
            if roles {
                r.push(V::text(w.role.as_deref().unwrap_or("")));
            }
            r.push(opt_score(w.total));
            r.push(V::text(grade_or_status(w)));
            r
        })
        .collect();
    let last = (header.len() - 1) as u16;
    ws.set_row_height(0, 30)?;
    ws.merge_range(0, 0, 0, last, &safe_cell(&a.name), &st.title)?;
    let sub = format!(
        "考核年度：{}年　　评分细则：{}　　参评 {} 人",
        a.year,
        b.rubric().name,
        a.workers.len()
    );
    ws.merge_range(1, 0, 1, last, &safe_cell(&sub), &st.subtitle)?;
    let mut widths = Vec::new();
    let next = table(ws, st, 2, &header, &rows, &mut widths)?;
    for (y, q) in (next + 1..).zip(&a.quotas) {
        let scope = q.unit.as_deref().unwrap_or("全体");
        let line = format!(
            "{}名额（{}）：参评 {} 人 × {} = {} 名；候选 {} 人，评定 {} 人{}",
            q.grade,
            scope,
            q.graded,
            q.ratio,
            q.places,
            q.candidates.len(),
            q.kept.len(),
            if q.tied.is_empty() {
                String::new()
            } else {
                format!("；{} 人在名额线上并列，由考核委员会研究确定", q.tied.len())
            }
        );
        ws.write_string_with_format(y, 0, safe_cell(&line), &st.note)?;
    }
    // The title spans the table; its own width must not widen the first column.
    set_widths(ws, &widths)?;
    ws.set_freeze_panes(3, 0)?;
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_repeat_rows(2, 2)?;
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

fn detail_sheet(
    wb: &mut Workbook,
    b: &Bundle,
    a: &Assessment,
    st: &Styles,
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("明细")?;
    let mut header: Vec<String> = [
        "工号", "姓名", "单位", "职务", "状态", "总分", "等次", "排名",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for c in &b.rubric().components {
        header.push(c.name.clone());
        header.push(format!("{}{}", c.name, count_label(c.method.kind())));
    }
    header.extend(["加分", "扣分", "加扣分事项", "说明"].map(String::from));
    let items = &b.rubric().adjustments.items;
    let rows: Vec<Vec<V>> = a
        .workers
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let mut r = vec![
                V::text(&w.worker_id),
                V::text(&w.name),
                V::text(w.unit.as_deref().unwrap_or("")),
                V::text(w.role.as_deref().unwrap_or("")),
                V::text(w.status.in_words()),
                opt_score(w.total),
                V::text(w.grade.as_deref().unwrap_or("")),
                w.rank.map_or(V::Empty, |k| V::N(Decimal::from(k))),
            ];
            for c in &w.components {
                r.push(opt_score(c.score));
                r.push(c.facts.count().map_or(V::Empty, |(n, _)| V::N(n)));
            }
            r.push(V::Score(w.bonus));
            r.push(V::Score(w.deduction));
            let adj: Vec<String> = b
                .adjustments_of(i)
                .iter()
                .filter_map(|ac| {
                    items.get(ac.item).map(|it| {
                        if ac.count == 1 {
                            it.name.clone()
                        } else {
                            format!("{}×{}", it.name, ac.count)
                        }
                    })
                })
                .collect();
            r.push(V::text(adj.join("; ")));
            r.push(V::text(w.flags_in_words()));
            r
        })
        .collect();
    let mut widths = Vec::new();
    table(ws, st, 0, &header, &rows, &mut widths)?;
    // Long texts wrap instead of widening the sheet beyond reading.
    set_widths(ws, &widths)?;
    ws.set_freeze_panes(1, 2)?;
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_repeat_rows(0, 0)?;
    ws.set_print_fit_to_pages(1, 0);
    ws.autofilter(0, 0, rows.len() as u32, (header.len() - 1) as u16)?;
    Ok(())
}

fn quota_sheet(wb: &mut Workbook, a: &Assessment, st: &Styles) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("名额")?;
    let header: Vec<String> = [
        "范围",
        "等次",
        "比例",
        "参评人数N",
        "名额",
        "候选人数",
        "评定人数",
        "并列人数",
        "名额外人数",
    ]
    .map(String::from)
    .to_vec();
    let n = |x: usize| V::N(Decimal::from(x as u64));
    let rows: Vec<Vec<V>> = a
        .quotas
        .iter()
        .map(|q| {
            vec![
                V::text(q.unit.as_deref().unwrap_or("全体")),
                V::text(&q.grade),
                V::text(&q.ratio),
                n(q.graded),
                n(q.places),
                n(q.candidates.len()),
                n(q.kept.len()),
                n(q.tied.len()),
                n(q.cut.len()),
            ]
        })
        .collect();
    let mut widths = Vec::new();
    let mut y = table(ws, st, 0, &header, &rows, &mut widths)?;
    if a.quotas.is_empty() {
        ws.write_string_with_format(y, 0, "本评分细则不设名额限制。", &st.note)?;
        y += 1;
    }
    y += 1;
    let header2: Vec<String> = ["范围", "候选序位", "工号", "姓名", "总分", "结果"]
        .map(String::from)
        .to_vec();
    let mut rows2 = Vec::new();
    for q in &a.quotas {
        for (k, id) in q.candidates.iter().enumerate() {
            let w = a.worker(id);
            let decision = if q.kept.contains(id) {
                format!("评定为{}", q.grade)
            } else if q.tied.contains(id) {
                "名额线上并列，由考核委员会研究确定".to_string()
            } else {
                "名额外，评定为次一等次".to_string()
            };
            rows2.push(vec![
                V::text(q.unit.as_deref().unwrap_or("全体")),
                n(k + 1),
                V::text(id),
                V::text(w.map_or("", |w| w.name.as_str())),
                opt_score(w.and_then(|w| w.total)),
                V::text(decision),
            ]);
        }
    }
    if !rows2.is_empty() {
        table(ws, st, y, &header2, &rows2, &mut widths)?;
    }
    set_widths(ws, &widths)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn accounting_sheet(wb: &mut Workbook, b: &Bundle, st: &Styles) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("数据核对")?;
    let header: Vec<String> = ["输入", "文件", "读取行数", "采用行数", "剔除行数"]
        .map(String::from)
        .to_vec();
    let name_of = |input: &str| -> String {
        match input {
            "roster" => "花名册".to_string(),
            "adjustments" => "加扣分及否决事项".to_string(),
            id => b
                .rubric()
                .components
                .iter()
                .find(|c| c.id == id)
                .map_or(id.to_string(), |c| c.name.clone()),
        }
    };
    let rows: Vec<Vec<V>> = b
        .accounting()
        .iter()
        .map(|f| {
            vec![
                V::text(name_of(&f.input)),
                V::text(&f.file),
                V::N(Decimal::from(f.rows)),
                // A bundle with a rejected row is never scored: every row read was used.
                V::N(Decimal::from(f.rows)),
                V::N(Decimal::ZERO),
            ]
        })
        .collect();
    let mut widths = Vec::new();
    let first = table(ws, st, 0, &header, &rows, &mut widths)? + 1;
    let notes = [
        "说明：有任何一行数据不合规范（工号不在花名册、选项不在评分细则、数字无法识别、重复等），本软件即停止计分并列出全部问题；因此已计分的结果中没有剔除的行。".to_string(),
        format!("评分细则：{}（{}）", b.rubric().name, b.rubric().id),
        format!("评分细则文件 SHA-256：{}", b.rubric_sha256()),
    ];
    for (y, line) in (first..).zip(notes) {
        ws.write_string_with_format(y, 0, safe_cell(&line), &st.note)?;
    }
    set_widths(ws, &widths)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The result of a scored bundle as the bytes of an `.xlsx` workbook.
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
/// let bytes = yardstick::report::xlsx::to_xlsx(&yardstick::score(&bundle)).unwrap();
/// assert!(bytes.starts_with(b"PK"));
/// ```
pub fn to_xlsx(scored: &crate::Scored) -> Result<Vec<u8>, XlsxError> {
    let bundle = scored.bundle();
    let listing = Assessment::of(scored);
    let result = &listing;
    let st = Styles::new();
    let mut wb = Workbook::new();
    notice_sheet(&mut wb, bundle, result, &st)?;
    detail_sheet(&mut wb, bundle, result, &st)?;
    quota_sheet(&mut wb, result, &st)?;
    accounting_sheet(&mut wb, bundle, &st)?;
    wb.save_to_buffer()
}
