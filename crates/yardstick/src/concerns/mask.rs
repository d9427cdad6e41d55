//! Privacy: residents' phone numbers never leave the ledger.
//!
//! [`mask_phone_numbers`] finds what looks like a mainland mobile number (`1[3-9]` and 9 more
//! digits, optionally after `+86`, with single spaces or dashes between digits) or a landline
//! number (`0` and a 2–3 digit area code, an optional dash or space, 7–8 digits) and replaces the
//! middle digits with `*`, keeping the first 3 and the last 4 digits of a mobile number and the
//! area code and the last 4 digits of a landline number. A number must stand alone: a longer
//! run of digits (an ID number, an order number) is not a phone number. Full-width digits
//! (`１３８…`) count as digits.

/// The value of an ASCII or full-width digit.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn is_sep(c: char) -> bool {
    matches!(c, ' ' | '-' | '－' | '\u{3000}')
}

/// Reads digits from `chars[start..]`, allowing one separator between two digits (when
/// `seps`), up to `max` digits. Returns the char indexes of the digits and the index after the
/// last digit.
fn digits_at(chars: &[char], start: usize, max: usize, seps: bool) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = start;
    while i < chars.len() && out.len() < max {
        if digit(chars[i]).is_some() {
            out.push(i);
            i += 1;
        } else if seps
            && !out.is_empty()
            && is_sep(chars[i])
            && chars.get(i + 1).is_some_and(|&c| digit(c).is_some())
        {
            i += 1;
        } else {
            break;
        }
    }
    out
}

/// Whether a digit follows `end` (directly, or after one separator when `seps`).
fn more_digits(chars: &[char], end: usize) -> bool {
    chars.get(end).is_some_and(|&c| digit(c).is_some())
}

/// A match: the char indexes of its digits, and the count of leading digits to keep.
struct Found {
    digits: Vec<usize>,
    keep_head: usize,
}

fn mobile_at(chars: &[char], i: usize) -> Option<Found> {
    let d = digits_at(chars, i, 11, true);
    if d.len() != 11 || digit(chars[d[0]]) != Some(1) || !(3..=9).contains(&digit(chars[d[1]])?) {
        return None;
    }
    (!more_digits(chars, d[10] + 1)).then_some(Found {
        digits: d,
        keep_head: 3,
    })
}

fn landline_at(chars: &[char], i: usize) -> Option<Found> {
    if digit(chars[i]) != Some(0) {
        return None;
    }
    // Area code then a separator: 0 + 2 or 3 digits.
    let area = digits_at(chars, i, 4, false);
    if (3..=4).contains(&area.len()) {
        let after = area[area.len() - 1] + 1;
        if chars.get(after).is_some_and(|&c| is_sep(c)) {
            let local = digits_at(chars, after + 1, 8, false);
            if (7..=8).contains(&local.len()) && !more_digits(chars, local[local.len() - 1] + 1) {
                let keep_head = area.len();
                let mut digits = area;
                digits.extend(local);
                return Some(Found { digits, keep_head });
            }
        }
    }
    // Without a separator: 10 to 12 digits in a row.
    let run = digits_at(chars, i, 13, false);
    if (10..=12).contains(&run.len()) && !more_digits(chars, run[run.len() - 1] + 1) {
        return Some(Found {
            digits: run,
            keep_head: 3,
        });
    }
    None
}

/// Replaces the middle digits of anything that looks like a phone number with `*`.
///
/// ```
/// use yardstick::concerns::mask_phone_numbers;
///
/// assert_eq!(mask_phone_numbers("请回电13812345678谢谢"), "请回电138****5678谢谢");
/// assert_eq!(mask_phone_numbers("+86 138-1234-5678"), "+86 138-****-5678");
/// assert_eq!(mask_phone_numbers("座机0571-87654321"), "座机0571-****4321");
/// assert_eq!(mask_phone_numbers("3号楼2单元502室"), "3号楼2单元502室");
/// ```
pub fn mask_phone_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = chars.clone();
    let mut i = 0;
    while i < chars.len() {
        let boundary = i == 0 || digit(chars[i - 1]).is_none();
        if !boundary || digit(chars[i]).is_none() {
            i += 1;
            continue;
        }
        // A country code written as 86 before a mobile number ("86 138…", "+86-138…").
        let mut start = i;
        if digit(chars[i]) == Some(8) && digit(*chars.get(i + 1).unwrap_or(&' ')) == Some(6) {
            let mut j = i + 2;
            if chars.get(j).is_some_and(|&c| is_sep(c)) {
                j += 1;
            }
            if j < chars.len() && mobile_at(&chars, j).is_some() {
                start = j;
            }
        }
        let found = mobile_at(&chars, start).or_else(|| landline_at(&chars, start));
        match found {
            Some(f) => {
                let n = f.digits.len();
                for (k, &at) in f.digits.iter().enumerate() {
                    if k >= f.keep_head && k < n - 4 {
                        out[at] = '*';
                    }
                }
                i = f.digits[n - 1] + 1;
            }
            None => {
                // Skip the rest of this run of digits: a number starts only at a boundary.
                while i < chars.len() && digit(chars[i]).is_some() {
                    i += 1;
                }
            }
        }
    }
    out.into_iter().collect()
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
        assert_eq!(
            m("(0755)-1234567"),
            "(0755)-1234567",
            "parentheses are not read"
        );
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
        ] {
            assert_eq!(m(t), t);
        }
    }
}
