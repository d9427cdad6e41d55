//! Text shown on a terminal: what the input says, never what it would make the terminal do.
//!
//! A cell of a CSV file or a workbook can hold anything, escape sequences included:
//! `\u{1b}[2J` clears the screen, `\u{1b}]8;;…` makes a link, `\r` overwrites the line
//! printed so far, a right-to-left override (`U+202E`) shows `exe.txt` as `txt.exe`.
//! [`printable`] turns every such character into visible text before a table, an explanation or
//! a message prints it; JSON, CSV and workbooks keep the text as it is (their readers do not
//! run it).

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` changes what a terminal shows instead of being shown: the C0 controls (tab and
/// line ends included, which would break a table's rows), DEL, the C1 controls (`U+0080`–
/// `U+009F`, among them the one-byte CSI `U+009B`), and the bidirectional formatting
/// characters (`U+061C`, `U+200E`, `U+200F`, `U+202A`–`U+202E`, `U+2066`–`U+2069`).
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` as it may be printed on a terminal: each control or bidirectional formatting
/// character is written out visibly, `\e` for ESC, `\t`, `\n` and `\r` for tab and line ends,
/// `\0` for NUL and `\u{…}` (hexadecimal) for any other. Text without one is borrowed as it
/// is, so the common case costs a scan.
///
/// A backslash already in the text is left as it is: the result is for people to read, not
/// to be parsed back.
///
/// ```text
/// assert_eq!(printable("张丽萍"), "张丽萍");
/// assert_eq!(printable("\u{1b}[2J清屏"), "\\e[2J清屏");
/// assert_eq!(printable("a\tb\r\n"), "a\\tb\\r\\n");
/// assert_eq!(printable("\u{9b}31m\u{202e}"), "\\u{9b}31m\\u{202e}");
/// ```
pub(crate) fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_are_shown_not_run() {
        assert_eq!(printable("张丽萍"), "张丽萍");
        assert!(matches!(
            printable("plain 123"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(printable("\u{1b}[2J清屏"), "\\e[2J清屏");
        assert_eq!(
            printable("\u{1b}]8;;http://x\u{7}链接"),
            "\\e]8;;http://x\\u{7}链接"
        );
        assert_eq!(printable("a\tb\r\n"), "a\\tb\\r\\n");
        assert_eq!(printable("\0\u{7f}"), "\\0\\u{7f}");
        // The one-byte CSI, and a right-to-left override that reverses what follows.
        assert_eq!(printable("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(printable("exe\u{202e}txt.exe"), "exe\\u{202e}txt.exe");
        // Chinese punctuation, full-width forms and emoji are text.
        assert_eq!(printable("（０５７１）·—👍"), "（０５７１）·—👍");
    }
}
