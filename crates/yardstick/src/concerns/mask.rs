//! Privacy: residents' phone numbers never leave the ledger.
//!
//! [`mask_phone_numbers`] finds what looks like a mainland phone number and replaces its middle
//! digits with `*`:
//!
//! - a mobile number: `1`, a digit 3–9, then 9 more digits (11 in all), optionally after `86`
//!   or `+86`; the first 3 and the last 4 digits are kept;
//! - a landline number: an area code (`010` and `02X` have 3 digits, `0` then 3–9 begins one
//!   of 4), then 7 or 8 digits; the area code and the last 4 digits are kept. The area code
//!   may be in parentheses, ASCII or full-width: `(0571)`, `（0571）`.
//!
//! The digits may be written in groups of at least 3, separated by up to 3 of these
//! characters: spaces (also double, no-break `U+00A0`, ideographic `U+3000` and the other
//! Unicode spaces), dashes (`-`, `－`, `‐`, `‑`, `‒`, `–`, `—`, `―`, `−`), dots (`.`, `．`,
//! `·`, `・`, `•`), slashes (`/`, `／`) and underscores (`_`, `＿`): `138.1234.5678`,
//! `138–1234–5678`, `0571-8765-4321`, `021-6123 4567`. Separators stay as they are.
//!
//! A number must stand alone: a digit right before it or right after it makes it part of a
//! longer number (an ID card number, an order number), which is not masked. Full-width digits
//! (`１３８…`) count as digits. Dates (`2024-03-15`), amounts (`¥1500`) and room numbers
//! (`3-2-501`) are never phone numbers: they do not begin like one, or are too short.

use std::borrow::Cow;

/// The value of an ASCII or full-width digit.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn is_digit(c: char) -> bool {
    digit(c).is_some()
}

/// A character that may stand between two groups of a phone number's digits.
fn is_sep(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{a0}'
            | '\u{2000}'..='\u{200a}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
            | '-'
            | '－'
            | '\u{2010}'..='\u{2015}'
            | '\u{2212}'
            | '.'
            | '．'
            | '·'
            | '・'
            | '•'
            | '/'
            | '／'
            | '_'
            | '＿'
    )
}

fn is_open(c: char) -> bool {
    matches!(c, '(' | '（')
}

fn is_close(c: char) -> bool {
    matches!(c, ')' | '）')
}

/// The most separators between two groups of digits.
const MAX_SEPS: usize = 3;

/// The fewest digits of a phone number (a 3-digit area code and 7 digits).
const MIN_DIGITS: usize = 10;

/// Whether `text` may hold a phone number: some run of digits, joined by separators or
/// parentheses, has at least [`MIN_DIGITS`] digits. Most texts (and ids) fail this at once,
/// without an allocation.
pub(crate) fn may_hold_a_number(text: &str) -> bool {
    let mut digits = 0;
    let mut gap = 0;
    for c in text.chars() {
        if is_digit(c) {
            digits += 1;
            gap = 0;
            if digits >= MIN_DIGITS {
                return true;
            }
        } else if (is_sep(c) || is_open(c) || is_close(c)) && gap < MAX_SEPS + 2 {
            gap += 1;
        } else {
            digits = 0;
            gap = 0;
        }
    }
    false
}

/// A run of digits: char indexes `start..end`.
#[derive(Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
}

impl Run {
    fn len(self) -> usize {
        self.end - self.start
    }
}

/// The run of digits at `i` (empty when `chars[i]` is not a digit).
fn run_at(chars: &[char], i: usize) -> Run {
    let mut end = i;
    while end < chars.len() && is_digit(chars[end]) {
        end += 1;
    }
    Run { start: i, end }
}

/// After a run ending at `end`: the start of the next run when 1 to [`MAX_SEPS`] separators
/// lead to it.
fn next_run(chars: &[char], end: usize) -> Option<usize> {
    let mut j = end;
    while j < chars.len() && j - end < MAX_SEPS && is_sep(chars[j]) {
        j += 1;
    }
    (j > end && j < chars.len() && is_digit(chars[j])).then_some(j)
}

/// Groups of at least 3 digits from `i` whose digits add up to exactly `want` (none splits),
/// with no digit right after the last.
fn groups(chars: &[char], i: usize, want: usize) -> Option<Vec<Run>> {
    let mut out = Vec::new();
    let mut count = 0;
    let mut at = i;
    loop {
        let run = run_at(chars, at);
        if run.len() < 3 || count + run.len() > want {
            return None;
        }
        count += run.len();
        out.push(run);
        if count == want {
            return Some(out);
        }
        at = next_run(chars, run.end)?;
    }
}

/// A match: the char indexes of its digits, and how many to keep at each end.
struct Found {
    digits: Vec<usize>,
    keep_head: usize,
}

fn indexes(runs: &[Run]) -> Vec<usize> {
    runs.iter().flat_map(|r| r.start..r.end).collect()
}

/// A mobile number whose first digit is at `i`.
fn mobile_at(chars: &[char], i: usize) -> Option<Found> {
    let runs = groups(chars, i, 11)?;
    let digits = indexes(&runs);
    let second = digit(chars[digits[1]])?;
    (digit(chars[digits[0]]) == Some(1) && (3..=9).contains(&second)).then_some(Found {
        digits,
        keep_head: 3,
    })
}

/// The length of the area code beginning `0d…`: 3 for `010` and `02X`, 4 for `03XX`–`09XX`.
fn area_len(second: u32) -> Option<usize> {
    match second {
        1 | 2 => Some(3),
        3..=9 => Some(4),
        _ => None,
    }
}

/// A landline number whose first digit (the `0` of the area code) is at `i`.
fn landline_at(chars: &[char], i: usize) -> Option<Found> {
    if digit(chars[i]) != Some(0) {
        return None;
    }
    let second = digit(*chars.get(i + 1)?)?;
    let area = area_len(second)?;
    let first = run_at(chars, i);
    if first.len() == area {
        // The area code alone, then a closing parenthesis and/or separators, then 7 or 8
        // digits in groups.
        let mut j = first.end;
        if chars.get(j).copied().is_some_and(is_close) {
            j += 1;
        }
        let mut k = j;
        while k < chars.len() && k - j < MAX_SEPS && is_sep(chars[k]) {
            k += 1;
        }
        if k == first.end {
            return None;
        }
        let local = groups(chars, k, 8).or_else(|| groups(chars, k, 7))?;
        let mut digits: Vec<usize> = (first.start..first.end).collect();
        digits.extend(indexes(&local));
        return Some(Found {
            digits,
            keep_head: area,
        });
    }
    // Written without a separator: the area code and 7 or 8 digits in one run.
    (first.len() == area + 7 || first.len() == area + 8).then(|| Found {
        digits: (first.start..first.end).collect(),
        keep_head: area,
    })
}

/// The number standing at `i` (a digit after a non-digit), if any.
fn number_at(chars: &[char], i: usize) -> Option<Found> {
    if let Some(f) = mobile_at(chars, i).or_else(|| landline_at(chars, i)) {
        return Some(f);
    }
    // A country code before a mobile number: "86 138…", "+86-138…", "+8613812345678".
    if digit(chars[i]) == Some(8) && chars.get(i + 1).copied().and_then(digit) == Some(6) {
        let j = i + 2;
        let start = if chars.get(j).copied().is_some_and(is_digit) {
            Some(j)
        } else {
            next_run(chars, j)
        };
        if let Some(f) = start.and_then(|s| mobile_at(chars, s)) {
            return Some(f);
        }
    }
    None
}

/// Replaces the middle digits of anything that looks like a phone number with `*`; the text
/// is borrowed back unchanged when it holds none.
///
/// ```
/// use yardstick::concerns::mask_phone_numbers;
///
/// assert_eq!(mask_phone_numbers("请回电13812345678谢谢"), "请回电138****5678谢谢");
/// assert_eq!(mask_phone_numbers("+86 138-1234-5678"), "+86 138-****-5678");
/// assert_eq!(mask_phone_numbers("138.1234.5678"), "138.****.5678");
/// assert_eq!(mask_phone_numbers("座机0571-87654321"), "座机0571-****4321");
/// assert_eq!(mask_phone_numbers("（0571）87654321"), "（0571）****4321");
/// assert_eq!(mask_phone_numbers("021-6123 4567"), "021-**** 4567");
/// assert_eq!(mask_phone_numbers("3号楼2单元502室"), "3号楼2单元502室");
/// assert_eq!(mask_phone_numbers("2024-03-15 ¥1500"), "2024-03-15 ¥1500");
/// ```
pub fn mask_phone_numbers(text: &str) -> Cow<'_, str> {
    if !may_hold_a_number(text) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut masked: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let boundary = i == 0 || !is_digit(chars[i - 1]);
        if !boundary || !is_digit(chars[i]) {
            i += 1;
            continue;
        }
        match number_at(&chars, i) {
            Some(f) => {
                let n = f.digits.len();
                masked.extend(&f.digits[f.keep_head..n - 4]);
                i = f.digits[n - 1] + 1;
            }
            // Skip the rest of this run of digits: a number starts only at a boundary.
            None => i = run_at(&chars, i).end,
        }
    }
    if masked.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = chars;
    for at in masked {
        out[at] = '*';
    }
    Cow::Owned(out.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::mask_phone_numbers as m;

    #[test]
    fn mobiles() {
        assert_eq!(m("13812345678"), "138****5678");
        assert_eq!(m("电话：19912345678。"), "电话：199****5678。");
        assert_eq!(m("+8613812345678"), "+86138****5678");
        assert_eq!(m("+86 13812345678"), "+86 138****5678");
        assert_eq!(m("86-13812345678"), "86-138****5678");
        assert_eq!(m("138 1234 5678"), "138 **** 5678");
        assert_eq!(m("１３８１２３４５６７８"), "１３８****５６７８");
        assert_eq!(m("a13812345678和15900001111"), "a138****5678和159****1111");
        // 12 is not a mobile prefix.
        assert_eq!(m("12812345678"), "12812345678");
    }

    #[test]
    fn landlines() {
        assert_eq!(m("010-12345678"), "010-****5678");
        assert_eq!(m("0571 8765432"), "0571 ***5432");
        assert_eq!(m("01012345678"), "010****5678");
        assert_eq!(m("057187654321"), "0571****4321");
        assert_eq!(m("(0755)-1234567"), "(0755)-***4567");
        assert_eq!(m("(0755) 1234 5678"), "(0755) **** 5678");
        // An unclosed parenthesis hides nothing.
        assert_eq!(m("(0571 87654321"), "(0571 ****4321");
    }

    #[test]
    fn not_numbers() {
        for t in [
            "3号楼2单元502室",
            "身份证110101199003071234",
            "订单1381234567890",
            "2024-10-01",
            "138123456",
            "",
            "电话 138-1234-567",
            // Groups of fewer than 3 digits are lists, not numbers.
            "13 14 15 16 17 18",
            "1 3 8 1 2 3 4 5 6 7 8",
            // 00 begins no area code; an area code needs its digits.
            "0012345678",
            "phone:SQ00002-02:DH00000001",
        ] {
            assert_eq!(m(t), t);
        }
    }
}
