//! A calendar date without time or zone, enough for working-day arithmetic and for a roster's
//! days of service. `yardstick::concerns` shows it as its own.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::i18n::{Lang, Message};
use crate::msg;

/// A day of the proleptic Gregorian calendar, written `YYYY-MM-DD`.
///
/// Dates compare in calendar order and print as they are parsed:
///
/// ```
/// use yardstick::concerns::{Date, Weekday};
///
/// let d: Date = "2024-02-29".parse().unwrap();
/// assert_eq!(d.weekday(), Weekday::Thursday);
/// assert_eq!(d.add_days(1).to_string(), "2024-03-01");
/// assert!("2023-02-29".parse::<Date>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weekday {
    /// 周一.
    Monday,
    /// 周二.
    Tuesday,
    /// 周三.
    Wednesday,
    /// 周四.
    Thursday,
    /// 周五.
    Friday,
    /// 周六.
    Saturday,
    /// 周日.
    Sunday,
}

impl Weekday {
    /// Saturday or Sunday.
    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }

    /// The Chinese name, 周一 … 周日.
    pub fn zh(self) -> &'static str {
        match self {
            Weekday::Monday => "周一",
            Weekday::Tuesday => "周二",
            Weekday::Wednesday => "周三",
            Weekday::Thursday => "周四",
            Weekday::Friday => "周五",
            Weekday::Saturday => "周六",
            Weekday::Sunday => "周日",
        }
    }
}

/// Text that is not a date in the form `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a date in the form YYYY-MM-DD")]
pub struct DateError(pub String);

/// The months' names, as messages.
const MONTHS: [&str; 12] = [
    "what-month-1",
    "what-month-2",
    "what-month-3",
    "what-month-4",
    "what-month-5",
    "what-month-6",
    "what-month-7",
    "what-month-8",
    "what-month-9",
    "what-month-10",
    "what-month-11",
    "what-month-12",
];

impl DateError {
    /// What is wrong, as a message of the catalogs: `"x" is not a date in the form
    /// YYYY-MM-DD` (the English is `Display`).
    pub fn message(&self) -> Message {
        msg!("error-not-a-date", value = self.0)
    }

    /// What is wrong, in words, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.message().text(lang)
    }

    /// Why the text is not a date, without the text, as a message of the catalogs: a date in
    /// the right form that does not exist says why, anything else asks for the form.
    ///
    /// ```
    /// use yardstick::concerns::Date;
    /// use yardstick::i18n::Lang;
    ///
    /// let why = |t: &str| Date::parse(t).unwrap_err().reason().text(Lang::En);
    /// assert_eq!(why("2024-02-30"), "the date does not exist: February 2024 has 29 days");
    /// assert_eq!(why("2023-02-29"), "the date does not exist: February 2023 has 28 days");
    /// assert_eq!(why("2024-13-01"), "the date does not exist: there is no month 13");
    /// assert_eq!(why("2024/02/03"), "not a date in the form YYYY-MM-DD");
    /// let zh = Date::parse("2024-02-30").unwrap_err().reason().text(Lang::Zh);
    /// assert_eq!(zh, "没有这一天：2024年2月只有 29 天");
    /// ```
    pub fn reason(&self) -> Message {
        let t = self.0.trim().as_bytes();
        let digits = |r: std::ops::Range<usize>| {
            t[r].iter().try_fold(0u32, |n, &b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            })
        };
        let shaped = t.len() == 10 && t[4] == b'-' && t[7] == b'-';
        let (Some(y), Some(m), Some(d)) = (
            shaped.then(|| digits(0..4)).flatten(),
            shaped.then(|| digits(5..7)).flatten(),
            shaped.then(|| digits(8..10)).flatten(),
        ) else {
            return msg!("what-date-form");
        };
        let why = if y == 0 {
            msg!("what-date-year-range")
        } else if !(1..=12).contains(&m) {
            msg!("what-date-no-month", month = m)
        } else if d == 0 {
            msg!("what-date-no-day-0")
        } else {
            // Years up to 9999 fit an i32, months up to 12 a u8.
            let days = days_in_month(y as i32, m as u8);
            if d <= u32::from(days) {
                return msg!("what-date-form");
            }
            msg!(
                "what-date-month-days",
                month = Message::new(MONTHS[m as usize - 1]),
                year = y,
                days = days
            )
        };
        msg!("what-date-does-not-exist", why = why)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        _ => 28,
    }
}

impl Date {
    /// The date, when `month` and `day` exist in `year` (years 1 to 9999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        let month = month as u8;
        let day = u8::try_from(day).ok()?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (surrounding spaces allowed), checking the calendar.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        super::parse_date(text.trim())
            .and_then(|(y, m, d)| Date::new(y, m, d))
            .ok_or_else(|| DateError(text.to_string()))
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let m = i64::from(self.month);
        let d = i64::from(self.day);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01, when it lies in years 1 to 9999.
    pub fn from_days(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date::new(i32::try_from(y).ok()?, m as u32, d as u32)
    }

    /// The date `n` calendar days later (earlier when `n` is negative).
    ///
    /// # Panics
    ///
    /// When the result leaves the years 1 to 9999.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n).expect("date out of range (years 1 to 9999)")
    }

    /// Calendar days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        other.to_days() - self.to_days()
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match (self.to_days() + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }
}

impl Date {
    /// `YYYY-MM-DD` in ten bytes (years are 1 to 9999), without the formatting machinery: a
    /// province's ledger prints a million dates.
    fn text(self) -> [u8; 10] {
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let y = self.year.unsigned_abs();
        let (m, d) = (u32::from(self.month), u32::from(self.day));
        [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ]
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.text();
        f.pad(std::str::from_utf8(&text).unwrap_or("????-??-??"))
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        Date::parse(s)
    }
}

impl Serialize for Date {
    /// As the string `YYYY-MM-DD`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = self.text();
        s.serialize_str(std::str::from_utf8(&text).unwrap_or("????-??-??"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let d = Date::parse(" 2026-10-01 ").unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2026, 10, 1));
        assert_eq!(d.to_string(), "2026-10-01");
        for bad in [
            "2026-13-01",
            "2026-1-01",
            "2026/10/01",
            "",
            "2025-02-29",
            "abcd-ef-gh",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_ok());
        for (y, text) in [(1, "0001-01-09"), (999, "0999-01-09"), (9999, "9999-01-09")] {
            let d = Date::new(y, 1, 9).unwrap();
            assert_eq!(d.to_string(), text);
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{text}\""));
        }
        assert_eq!(
            format!("[{:>12}]", Date::new(2024, 12, 31).unwrap()),
            "[  2024-12-31]"
        );
    }

    #[test]
    fn day_numbers_round_trip_and_weekdays_are_right() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        let start = Date::new(1999, 12, 25).unwrap().to_days();
        for n in start..start + 12_000 {
            assert_eq!(Date::from_days(n).unwrap().to_days(), n);
        }
        // Dates the notices name with their weekday.
        assert_eq!(
            Date::parse("2024-02-04").unwrap().weekday(),
            Weekday::Sunday
        );
        assert_eq!(
            Date::parse("2024-05-11").unwrap().weekday(),
            Weekday::Saturday
        );
        assert_eq!(
            Date::parse("2025-01-28").unwrap().weekday(),
            Weekday::Tuesday
        );
        assert_eq!(
            Date::parse("2026-02-15").unwrap().weekday(),
            Weekday::Sunday
        );
        assert_eq!(
            Date::parse("2026-10-07").unwrap().weekday(),
            Weekday::Wednesday
        );
        assert_eq!(
            Date::parse("2024-12-31").unwrap().add_days(1).to_string(),
            "2025-01-01"
        );
        assert_eq!(
            Date::parse("2024-03-01")
                .unwrap()
                .days_until(Date::parse("2024-02-28").unwrap()),
            -2
        );
    }
}
