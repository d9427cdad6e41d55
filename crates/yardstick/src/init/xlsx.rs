//! Template workbooks: the header row, drop-down lists, formats and a 说明 sheet.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign,
    FormatBorder, Formula, Workbook, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::{Kind, Template};
use crate::rubric::{Method, Rubric};

/// Rows that get the drop-down lists and formats.
const ROWS: u32 = 10_000;

/// Excel limits a list written into the validation itself to 255 characters.
const INLINE_LIST_MAX: usize = 255;

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// The template workbook of `t`.
pub(super) fn workbook(
    t: &Template,
    rubric: &Rubric,
    intro: &[String],
    explain: &[[String; 4]],
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color("#D9E1F2")
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let required = header.clone().set_font_color("#C00000");
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("yyyy-mm-dd");

    // Lists too long to write into a validation go to a hidden sheet, made after the others.
    let mut long_lists: Vec<(u16, Vec<String>)> = Vec::new();
    {
        let ws = wb.add_worksheet();
        ws.set_name(&t.title)?;
        for (c, col) in t.info.iter().enumerate() {
            let x = c as u16;
            let f = if col.required { &required } else { &header };
            ws.write_string_with_format(0, x, &col.header, f)?;
            let width = col
                .choices
                .iter()
                .map(|v| v.width())
                .chain([col.header.width(), 8])
                .max()
                .unwrap_or(8);
            ws.set_column_width(x, (width + 4) as f64)?;
            match col.kind {
                Kind::Text => {
                    ws.set_column_format(x, &text)?;
                }
                Kind::Date => {
                    ws.set_column_format(x, &date)?;
                    ws.set_column_width(x, 12)?;
                }
                Kind::Number => {}
            }
            // Header cells keep their own format over the column's.
            ws.write_string_with_format(0, x, &col.header, f)?;
            let mut v = DataValidation::new();
            if !col.choices.is_empty() {
                let joined: usize = col.choices.iter().map(|s| s.len() + 1).sum();
                if joined <= INLINE_LIST_MAX {
                    let list: Vec<&str> = col.choices.iter().map(String::as_str).collect();
                    v = v.allow_list_strings(&list)?;
                } else {
                    let k = long_lists.len() as u16;
                    let letter = crate::error::column_letters(u64::from(k) + 1);
                    v = v.allow_list_formula(Formula::new(format!(
                        "='选项'!${letter}$2:${letter}${}",
                        col.choices.len() + 1
                    )));
                    long_lists.push((k, col.choices.clone()));
                }
                if !col.strict {
                    v = v.set_error_style(DataValidationErrorStyle::Information);
                } else {
                    v = v
                        .set_error_title("不在可选范围内")?
                        .set_error_message("请从下拉列表中选择；可选值见“说明”页。")?;
                }
            } else if col.name == "score" || col.name == "max" {
                let (lo, hi) = score_range(rubric, &t.key, &col.name);
                v = v.allow_decimal_number(DataValidationRule::Between(lo, hi));
                v = v
                    .set_error_title("不是有效的分数")?
                    .set_error_message(format!("请填写 {lo} 到 {hi} 之间的数字。"))?;
            } else if col.name == "electorate" || col.name == "count" || col.kind == Kind::Number {
                // A scorecard may record an item checked and found in order (count 0).
                let scorecard = rubric
                    .components
                    .iter()
                    .any(|c| c.id == t.key && matches!(c.method, Method::Scorecard(_)));
                let lo = if col.name == "count" && !scorecard {
                    1
                } else {
                    0
                };
                v = v.allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(lo));
                v = v
                    .set_error_title("不是整数")?
                    .set_error_message(format!("请填写不小于 {lo} 的整数。"))?;
            } else {
                v = v.allow_any_value();
            }
            let title = truncate(
                &format!(
                    "{}（{}）",
                    col.header,
                    if col.required { "必填" } else { "选填" }
                ),
                32,
            );
            v = v
                .set_input_title(title)?
                .set_input_message(truncate(&col.meaning, 250))?;
            ws.add_data_validation(1, x, ROWS, x, &v)?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name("说明")?;
        // Printed, the notes fit one A4 landscape page wide.
        ws.set_paper_size(9);
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        let bold = Format::new().set_bold();
        let wrap = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        for (i, line) in intro.iter().enumerate() {
            let f = if i == 0 { &bold } else { &Format::new() };
            ws.write_string_with_format(i as u32, 0, line, f)?;
        }
        let top = intro.len() as u32 + 1;
        for (c, h) in ["列名", "必填", "含义", "可填写的值"].iter().enumerate() {
            ws.write_string_with_format(top, c as u16, *h, &header)?;
        }
        for (i, row) in explain.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                ws.write_string_with_format(top + 1 + i as u32, c as u16, cell, &wrap)?;
            }
        }
        ws.set_column_width(0, 24)?;
        ws.set_column_width(1, 6)?;
        ws.set_column_width(2, 60)?;
        ws.set_column_width(3, 50)?;
    }
    if !long_lists.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name("选项")?;
        for (k, list) in &long_lists {
            ws.write_string(0, *k, "可选值")?;
            for (i, v) in list.iter().enumerate() {
                ws.write_string(1 + i as u32, *k, v)?;
            }
        }
        ws.set_hidden(true);
    }
    wb.save_to_buffer()
}

/// The range a score column accepts.
fn score_range(rubric: &Rubric, key: &str, column: &str) -> (f64, f64) {
    use rust_decimal::prelude::ToPrimitive;
    let f = |d: rust_decimal::Decimal| d.to_f64().unwrap_or(0.0);
    match rubric
        .components
        .iter()
        .find(|c| c.id == key)
        .map(|c| &c.method)
    {
        Some(Method::Panel(p)) => (f(p.min_score), f(p.max_score)),
        Some(Method::Test(t)) if column == "score" => (0.0, f(t.full_mark).max(1000.0)),
        _ => (0.0, 1000.0),
    }
}
