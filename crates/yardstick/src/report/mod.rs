//! The views of a scored assessment: JSON (docs/contract.md section 4, module [`json`]), CSV
//! ([`csv`]), an aligned text table for the terminal ([`table`]) and (with the `xlsx` feature)
//! a workbook ([`xlsx`]). Each streams the outcomes worker by worker from a [`crate::Scored`].

pub mod assessment;
pub mod csv;
pub mod json;
pub mod table;
#[cfg(feature = "xlsx")]
pub mod xlsx;

use rust_decimal::Decimal;

/// The UTF-8 byte-order mark every CSV output starts with: without it, Chinese Excel reads the
/// file as GBK and shows garbled text.
pub const BOM: &[u8] = "\u{feff}".as_bytes();
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// A decimal as a JSON number printed exactly as it is (`89.99`, `90.00`).
pub fn number(d: Decimal) -> Value {
    d.to_string()
        .parse::<serde_json::Number>()
        .map_or(Value::Null, Value::Number)
}

/// Escapes a cell that a spreadsheet would read as a formula: text beginning with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's advice against CSV
/// injection). Every text cell of the CSV and XLSX outputs goes through it.
///
/// ```
/// use yardstick::report::safe_cell;
/// assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(safe_cell("\t=1"), "'\t=1");
/// assert_eq!(safe_cell("张丽萍"), "张丽萍");
/// ```
pub fn safe_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The label [`crate::method::Facts::count`] gives for a method kind (`panel`, `ballot` …).
pub fn count_label(kind: &str) -> &'static str {
    match kind {
        "panel" => "评分人数",
        "ballot" => "有效票",
        "interview" => "谈话人数",
        "test" => "卷面分",
        "phone" => "有效通话",
        "scorecard" => "计分期数",
        _ => "走访户数",
    }
}

fn pad(out: &mut String, text: &str, width: usize, right: bool) {
    let fill = width.saturating_sub(text.width());
    if right {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(text);
    } else {
        out.push_str(text);
        out.extend(std::iter::repeat_n(' ', fill));
    }
}

/// Lays out rows as columns aligned by display width (a Chinese character is two columns).
pub fn align(rows: &[Vec<String>], right: &[bool]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        aligned_line(&mut out, row, &widths, right);
    }
    out
}

/// Appends one row of [`align`]'s layout to `out`, given the columns' widths: padded to the
/// width, two spaces between columns, the last column unpadded unless right-aligned, no
/// trailing spaces.
pub(crate) fn aligned_line(out: &mut String, row: &[String], widths: &[usize], right: &[bool]) {
    let start = out.len();
    for (c, cell) in row.iter().enumerate() {
        if c > 0 {
            out.push_str("  ");
        }
        let last = c + 1 == row.len();
        let r = right.get(c).copied().unwrap_or(false);
        if last && !r {
            out.push_str(cell);
        } else {
            pad(out, cell, widths.get(c).copied().unwrap_or(0), r);
        }
    }
    let kept = out[start..].trim_end().len();
    out.truncate(start + kept);
    out.push('\n');
}
