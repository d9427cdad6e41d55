//! Text as a terminal shows it: a name or a cell that holds an escape sequence (`\u{1b}[2J`) or
//! another control character must not move the cursor, clear the screen or hide what follows,
//! so such characters are shown escaped (`\u{1b}`), never raw.

use std::borrow::Cow;

/// `text` with every control character escaped (one line of text: a cell, a name, a value).
///
/// ```
/// use yardstick::show::printable;
/// assert_eq!(printable("张丽萍"), "张丽萍");
/// assert_eq!(printable("a\u{1b}[31mb\tc\n"), "a\\u{1b}[31mb\\tc\\n");
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

fn escaped(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && !keep(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}
