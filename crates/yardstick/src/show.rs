//! Text as it is shown, below every view: in a terminal, a name or a cell that holds an escape
//! sequence (`\u{1b}[2J`) or another control character must not move the cursor, clear the
//! screen or hide what follows, so such characters are shown escaped (`\u{1b}`), never raw;
//! columns are aligned by display width ([`align`]); in a spreadsheet, text that would run as a
//! formula is escaped ([`safe_cell`]) and CSV starts with a byte-order mark ([`BOM`]).

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde_json::Value;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` with every control character escaped (one line of text: a cell, a name, a value).
///
/// ```
/// use yardstick::show::printable;
/// assert_eq!(printable("张丽萍"), "张丽萍");
/// assert_eq!(printable("a\u{1b}[31mb\tc\n"), "a\\u{1b}[31mb\\tc\\n");
/// assert_eq!(printable("exe\u{202e}txt.exe"), "exe\\u{202e}txt.exe");
/// ```
pub fn printable(text: &str) -> Cow<'_, str> {
    escaped(text, |_| false)
}

/// `text` with every control character but the line feed escaped (text of several lines).
///
/// ```
/// use yardstick::show::printable_lines;
/// assert_eq!(printable_lines("一\n二\u{7}\r\n"), "一\n二\\u{7}\\r\n");
/// ```
pub fn printable_lines(text: &str) -> Cow<'_, str> {
    escaped(text, |c| c == '\n')
}

/// A control character, or a bidirectional formatting character (`U+061C`, `U+200E`,
/// `U+200F`, `U+202A`–`U+202E`, `U+2066`–`U+2069`), which reorders what follows it on the
/// screen (`exe\u{202e}txt.exe` shows as `exeexe.txt`).
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

fn escaped(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) && !keep(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The UTF-8 byte-order mark every CSV output starts with: without it, Chinese Excel reads the
/// file as GBK and shows garbled text.
pub const BOM: &[u8] = "\u{feff}".as_bytes();

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
/// use yardstick::show::safe_cell;
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

/// The widest a padded cell is shown; longer texts end in `…`.
pub const MAX_CELL_WIDTH: usize = 40;

/// A text as the terminal shows it in a padded column: control characters escaped (an escape
/// sequence in a name must not move the cursor), and cut with `…` past [`MAX_CELL_WIDTH`]
/// columns.
pub(crate) fn cell(text: &str) -> String {
    let shown = |ch: char| -> usize {
        if ch.is_control() {
            ch.escape_default().count()
        } else {
            ch.width().unwrap_or(0)
        }
    };
    let mut total = 0;
    let fits = text.chars().all(|ch| {
        total += shown(ch);
        total <= MAX_CELL_WIDTH
    });
    let mut out = String::new();
    let mut width = 0;
    for ch in text.chars() {
        let w = shown(ch);
        if !fits && width + w > MAX_CELL_WIDTH - 1 {
            out.push('…');
            break;
        }
        width += w;
        if ch.is_control() {
            out.extend(ch.escape_default());
        } else {
            out.push(ch);
        }
    }
    out
}
