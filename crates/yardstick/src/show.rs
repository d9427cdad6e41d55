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
