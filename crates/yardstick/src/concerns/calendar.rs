//! The working-day calendar: weekends and the official holiday arrangements (放假调休) of the
//! 国务院办公厅 notices, make-up working days (调休上班) included.
//!
//! One TOML file holds one year's notice (format in `docs/concerns.md`). The years 2024–2026 ship
//! inside the library ([`Calendar::shipped`]); another year is a data file added with
//! [`Calendar::add_toml`]. A date in a year without data is an error, never a guess.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::date::Date;
use crate::error::{Error, LineIndex, Sink};
use crate::i18n::{Lang, List, Message};
use crate::msg;

/// The calendar files shipped in the library: (path in the repository, text).
pub const SHIPPED_CALENDARS: &[(&str, &str)] = &[
    (
        "rubrics/calendar/cn-2024.toml",
        include_str!("../../../../rubrics/calendar/cn-2024.toml"),
    ),
    (
        "rubrics/calendar/cn-2025.toml",
        include_str!("../../../../rubrics/calendar/cn-2025.toml"),
    ),
    (
        "rubrics/calendar/cn-2026.toml",
        include_str!("../../../../rubrics/calendar/cn-2026.toml"),
    ),
];

/// One year's official arrangement: the notice and its holidays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// The year the notice arranges.
    pub year: i32,
    /// The notice's document number, e.g. `国办发明电〔2023〕7号`.
    pub number: String,
    /// The notice's title, when given.
    pub title: Option<String>,
    /// The day it was issued, when given.
    pub issued: Option<Date>,
    /// Where it was published, when given.
    pub source: Option<String>,
    /// The file it was read from.
    pub file: String,
    /// The holidays, in file order.
    pub holidays: Vec<Holiday>,
}

/// One holiday of a notice: its rest days and its make-up working days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holiday {
    /// 春节, 国庆节, ...
    pub name: String,
    /// The first rest day.
    pub from: Date,
    /// The last rest day.
    pub to: Date,
    /// Weekend days that are working days (调休上班).
    pub workdays: Vec<Date>,
}

/// What kind of day a date is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "holiday", rename_all = "snake_case")]
pub enum DayKind {
    /// Monday to Friday, not a holiday.
    Working,
    /// Saturday or Sunday, not a make-up working day.
    Weekend,
    /// A rest day of the named holiday (放假).
    Holiday(String),
    /// A weekend day worked for the named holiday (调休上班).
    MakeUpWorkday(String),
}

impl DayKind {
    /// Whether people work on this day.
    pub fn is_working(&self) -> bool {
        matches!(self, DayKind::Working | DayKind::MakeUpWorkday(_))
    }
}

/// A date the calendar has no data for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{date} is in {year}, a year the working-day calendar has no data for ({covered}); add that year's 国务院办公厅 holiday notice as a calendar file",
    year = .date.year(),
    covered = covered_text(.covered)
)]
pub struct CalendarError {
    /// The date that is not covered.
    pub date: Date,
    /// The years that are covered.
    pub covered: Vec<i32>,
}

impl CalendarError {
    /// What is wrong, as a message of the catalogs.
    pub fn message(&self) -> Message {
        let covered = if self.covered.is_empty() {
            msg!("what-covers-no-year")
        } else {
            msg!("what-covers", years = List::plain(&self.covered))
        };
        msg!(
            "error-calendar-no-data",
            date = self.date,
            year = self.date.year(),
            covered = covered
        )
    }

    /// What is wrong, in words, in `lang` (`Display` gives the English).
    pub fn text(&self, lang: Lang) -> String {
        self.message().text(lang)
    }
}

fn covered_text(years: &[i32]) -> String {
    if years.is_empty() {
        "it covers no year".to_string()
    } else {
        let list: Vec<String> = years.iter().map(i32::to_string).collect();
        format!("it covers {}", list.join(", "))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Special {
    Rest(String),
    Work(String),
}

/// Working days: Monday to Friday, minus the holidays, plus the make-up working days, for the
/// years whose official notice the calendar holds.
///
/// ```
/// use yardstick::concerns::{Calendar, Date};
///
/// let cal = Calendar::shipped();
/// let d = |s: &str| s.parse::<Date>().unwrap();
/// // 2024-09-27 is a Friday. 9月29日 (Sunday) is a make-up working day and 10月1日至7日 are
/// // the National Day holiday: the working days after it are 9-29, 9-30, then 10-08.
/// assert_eq!(cal.add_working_days(d("2024-09-27"), 3).unwrap(), d("2024-10-08"));
/// assert_eq!(cal.working_days_between(d("2024-09-27"), d("2024-10-08")).unwrap(), 3);
/// // N = 0 is the same day.
/// assert_eq!(cal.add_working_days(d("2024-09-27"), 0).unwrap(), d("2024-09-27"));
/// // A year without data is an error, never a guess.
/// assert!(cal.add_working_days(d("2023-06-01"), 1).is_err());
/// ```
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    notices: BTreeMap<i32, Notice>,
    special: BTreeMap<Date, Special>,
    dense: Dense,
}

/// Working days counted once, so that a deadline or the working days between two dates take a
/// lookup, not a walk day by day.
#[derive(Debug, Clone, Default)]
struct Dense {
    /// Days since 1970-01-01 of the first day counted: 1 January of the first year covered.
    start: i64,
    /// `cum[i]`: the working days among the days `start ..= start + i`, up to 31 December of
    /// the last year covered (a year between that is not covered is counted as weekdays, and
    /// never read).
    cum: Vec<u32>,
}

impl Dense {
    /// The index of `date`, when it lies in the counted days.
    fn index(&self, date: Date) -> Option<usize> {
        usize::try_from(date.to_days() - self.start)
            .ok()
            .filter(|&i| i < self.cum.len())
    }
}

/// 1 January of `year`.
fn new_year(year: i32) -> Date {
    Date::new(year, 1, 1).expect("a year of the calendar is in 2..=9999")
}

type S<T> = Spanned<T>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    calendar: RawMeta,
    #[serde(rename = "holiday", default)]
    holidays: Vec<RawHoliday>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    year: S<i64>,
    notice: S<String>,
    title: Option<String>,
    issued: Option<S<toml::Value>>,
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    name: S<String>,
    from: S<toml::Value>,
    to: S<toml::Value>,
    #[serde(default)]
    workdays: Vec<S<toml::Value>>,
    #[allow(dead_code)]
    notice: Option<String>,
}

struct Check<'a> {
    file: &'a str,
    index: LineIndex<'a>,
    sink: Sink,
}

impl Check<'_> {
    fn err(&mut self, span: Range<usize>, msg: Message) {
        let d = self.index.diag(self.file, span, msg);
        self.sink.push(d);
    }

    /// A date written as `"2024-02-10"` or as the TOML date `2024-02-10`.
    fn date(&mut self, v: &S<toml::Value>) -> Option<Date> {
        let text = match v.get_ref() {
            toml::Value::String(s) => s.clone(),
            toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt.to_string(),
            other => other.to_string(),
        };
        match Date::parse(&text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.err(v.span(), e.message());
                None
            }
        }
    }
}

pub(crate) use crate::error::toml_error;

impl Calendar {
    /// A calendar without any year: every query is an error.
    pub fn empty() -> Calendar {
        Calendar::default()
    }

    /// The official arrangements of 2024, 2025 and 2026, built into the library.
    pub fn shipped() -> Calendar {
        let mut cal = Calendar::empty();
        for (file, text) in SHIPPED_CALENDARS {
            if let Err(e) = cal.add_toml(text, file) {
                panic!(
                    "the shipped calendar {file} is invalid: {:?}",
                    e.diagnostics()
                );
            }
        }
        cal
    }

    /// A calendar of the years in one TOML file.
    pub fn from_toml(text: &str, file: &str) -> Result<Calendar, Error> {
        let mut cal = Calendar::empty();
        cal.add_toml(text, file)?;
        Ok(cal)
    }

    /// Adds the year of one TOML file (one notice). Every problem is reported at its line and
    /// column; nothing is added when there is any. A year the calendar already has is an error.
    pub fn add_toml(&mut self, text: &str, file: &str) -> Result<(), Error> {
        let raw: RawFile =
            toml::from_str(text).map_err(|e| Error::new(vec![toml_error(text, file, &e)]))?;
        let mut ck = Check {
            file,
            index: LineIndex::new(text),
            sink: Sink::default(),
        };
        let meta = &raw.calendar;
        let year = *meta.year.get_ref();
        let year = match i32::try_from(year) {
            Ok(y) if (2..=9999).contains(&y) => y,
            _ => {
                ck.err(
                    meta.year.span(),
                    msg!("error-calendar-year-range", year = year),
                );
                return Err(Error::new(ck.sink.items));
            }
        };
        if let Some(old) = self.notices.get(&year) {
            ck.err(
                meta.year.span(),
                msg!("error-calendar-year-twice", year = year, file = old.file),
            );
        }
        let number = meta.notice.get_ref().trim().to_string();
        if number.is_empty() {
            ck.err(meta.notice.span(), msg!("error-calendar-notice-empty"));
        }
        let issued = meta.issued.as_ref().and_then(|v| ck.date(v));
        let in_range = |d: Date| d.year() == year || d.year() == year - 1;
        let mut special: BTreeMap<Date, (Special, Range<usize>)> = BTreeMap::new();
        let mut holidays = Vec::new();
        for h in &raw.holidays {
            let name = h.name.get_ref().trim().to_string();
            if name.is_empty() {
                ck.err(h.name.span(), msg!("error-holiday-name-empty"));
            }
            let (from, to) = (ck.date(&h.from), ck.date(&h.to));
            let mut workdays = Vec::new();
            for w in &h.workdays {
                let Some(d) = ck.date(w) else { continue };
                if !in_range(d) {
                    ck.err(
                        w.span(),
                        msg!(
                            "error-workday-not-in-year",
                            date = d,
                            year = year,
                            before = year - 1
                        ),
                    );
                } else if !d.weekday().is_weekend() {
                    ck.err(
                        w.span(),
                        msg!(
                            "error-workday-not-weekend",
                            date = d,
                            weekday = d.weekday().zh()
                        ),
                    );
                } else {
                    add_special(
                        &mut ck,
                        &mut special,
                        d,
                        Special::Work(name.clone()),
                        w.span(),
                    );
                }
                workdays.push(d);
            }
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            if to < from {
                ck.err(
                    h.to.span(),
                    msg!("error-holiday-backwards", from = from, to = to),
                );
                continue;
            }
            if !in_range(from) || !in_range(to) {
                ck.err(
                    h.from.span(),
                    msg!(
                        "error-holiday-not-in-year",
                        from = from,
                        to = to,
                        year = year,
                        before = year - 1
                    ),
                );
                continue;
            }
            if from.days_until(to) > 30 {
                ck.err(h.to.span(), msg!("error-holiday-too-long"));
                continue;
            }
            let mut d = from;
            while d <= to {
                add_special(
                    &mut ck,
                    &mut special,
                    d,
                    Special::Rest(name.clone()),
                    h.from.span(),
                );
                d = d.add_days(1);
            }
            holidays.push(Holiday {
                name,
                from,
                to,
                workdays,
            });
        }
        // Dates of the year before, given by this notice, must agree with what is known.
        for (d, (kind, span)) in &special {
            if let Some(old) = self.special.get(d)
                && old != kind
            {
                ck.err(span.clone(), msg!("error-date-given-elsewhere", date = d));
            }
        }
        let warnings = ck.sink.finish()?;
        debug_assert!(warnings.is_empty());
        for (d, (kind, _)) in special {
            self.special.insert(d, kind);
        }
        self.insert_notice(
            year,
            Notice {
                year,
                number,
                title: meta.title.clone(),
                issued,
                source: meta.source.clone(),
                file: file.to_string(),
                holidays,
            },
        );
        Ok(())
    }

    fn insert_notice(&mut self, year: i32, notice: Notice) {
        self.notices.insert(year, notice);
        self.count_working_days();
    }

    /// Counts the working days of every day from the first year covered to the last.
    fn count_working_days(&mut self) {
        let (Some(&first), Some(&last)) = (self.notices.keys().next(), self.notices.keys().last())
        else {
            self.dense = Dense::default();
            return;
        };
        let start = new_year(first).to_days();
        let end = Date::new(last, 12, 31).map_or(start, Date::to_days) + 1;
        let mut cum = Vec::with_capacity(usize::try_from(end - start).unwrap_or(0));
        let mut n = 0u32;
        for days in start..end {
            let Some(d) = Date::from_days(days) else {
                break;
            };
            let working = match self.special.get(&d) {
                Some(Special::Rest(_)) => false,
                Some(Special::Work(_)) => true,
                None => !d.weekday().is_weekend(),
            };
            n += u32::from(working);
            cum.push(n);
        }
        self.dense = Dense { start, cum };
    }

    /// The first day of a year not covered, among the years after `from`'s up to `to`'s.
    fn gap_between(&self, from: Date, to: Date) -> Option<Date> {
        (from.year() + 1..=to.year())
            .find(|y| !self.notices.contains_key(y))
            .map(new_year)
    }

    /// The years covered, in order.
    pub fn years(&self) -> Vec<i32> {
        self.notices.keys().copied().collect()
    }

    /// The notices, by year.
    pub fn notices(&self) -> impl Iterator<Item = &Notice> {
        self.notices.values()
    }

    /// Whether the calendar has data for the date's year.
    pub fn covers(&self, date: Date) -> bool {
        self.notices.contains_key(&date.year())
    }

    fn check(&self, date: Date) -> Result<(), CalendarError> {
        if self.covers(date) {
            Ok(())
        } else {
            Err(CalendarError {
                date,
                covered: self.years(),
            })
        }
    }

    /// What kind of day `date` is.
    pub fn day(&self, date: Date) -> Result<DayKind, CalendarError> {
        self.check(date)?;
        Ok(match self.special.get(&date) {
            Some(Special::Rest(n)) => DayKind::Holiday(n.clone()),
            Some(Special::Work(n)) => DayKind::MakeUpWorkday(n.clone()),
            None if date.weekday().is_weekend() => DayKind::Weekend,
            None => DayKind::Working,
        })
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: Date) -> Result<bool, CalendarError> {
        self.day(date).map(|k| k.is_working())
    }

    /// The `n`-th working day after `date`; `n = 0` is `date` itself, whatever day it is.
    ///
    /// Every day looked at must be in a covered year.
    pub fn add_working_days(&self, date: Date, n: u32) -> Result<Date, CalendarError> {
        self.check(date)?;
        if n == 0 {
            return Ok(date);
        }
        let uncovered = |date| CalendarError {
            date,
            covered: self.years(),
        };
        let cum = &self.dense.cum;
        let i = self.dense.index(date).ok_or_else(|| uncovered(date))?;
        let target = cum[i] + n;
        // The first day after `date` by which `n` more working days have passed.
        let j = i + 1 + cum[i + 1..].partition_point(|&c| c < target);
        let Some(end) = (j < cum.len())
            .then(|| Date::from_days(self.dense.start + j as i64))
            .flatten()
        else {
            // Past the last year covered.
            let last = self.notices.keys().last().copied().unwrap_or(date.year());
            return Err(uncovered(new_year(last + 1)));
        };
        match self.gap_between(date, end) {
            Some(gap) => Err(uncovered(gap)),
            None => Ok(end),
        }
    }

    /// The working days after `from` up to and including `to`; negative, counted the same
    /// way from `to` to `from`, when `to` is earlier.
    ///
    /// So `working_days_between(d, add_working_days(d, n)) == n` for every `n ≥ 1`, and the
    /// result is 0 when no working day lies between (a Friday and the Sunday after).
    pub fn working_days_between(&self, from: Date, to: Date) -> Result<i64, CalendarError> {
        let (a, b, sign) = if from <= to {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        self.check(a)?;
        if let Some(gap) = self.gap_between(a, b) {
            return Err(CalendarError {
                date: gap,
                covered: self.years(),
            });
        }
        match (self.dense.index(a), self.dense.index(b)) {
            (Some(i), Some(j)) => Ok(sign * i64::from(self.dense.cum[j] - self.dense.cum[i])),
            _ => Err(CalendarError {
                date: a,
                covered: self.years(),
            }),
        }
    }
}

fn add_special(
    ck: &mut Check,
    special: &mut BTreeMap<Date, (Special, Range<usize>)>,
    d: Date,
    kind: Special,
    span: Range<usize>,
) {
    if let Some((old, _)) = special.get(&d) {
        let what = |k: &Special| match k {
            Special::Rest(n) => msg!("what-rest-day", holiday = n),
            Special::Work(n) => msg!("what-make-up-day", holiday = n),
        };
        ck.err(
            span,
            msg!(
                "error-date-given-twice",
                date = d,
                first = what(old),
                second = what(&kind)
            ),
        );
        return;
    }
    special.insert(d, (kind, span));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// Day by day, as the rules say: the reference the counted days must agree with.
    fn walk_add(cal: &Calendar, date: Date, n: u32) -> Result<Date, CalendarError> {
        cal.check(date)?;
        let (mut d, mut left) = (date, n);
        while left > 0 {
            d = d.add_days(1);
            if cal.is_working_day(d)? {
                left -= 1;
            }
        }
        Ok(d)
    }

    fn walk_between(cal: &Calendar, a: Date, b: Date) -> Result<i64, CalendarError> {
        let (a, b, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        cal.check(a)?;
        let (mut d, mut n) = (a, 0);
        while d < b {
            d = d.add_days(1);
            if cal.is_working_day(d)? {
                n += 1;
            }
        }
        Ok(sign * n)
    }

    #[test]
    fn counted_days_agree_with_a_walk_day_by_day() {
        // The shipped years, and a calendar with a gap (2027 missing, 2028 given).
        let mut gap = Calendar::shipped();
        gap.add_toml("[calendar]\nyear = 2028\nnotice = \"x\"\n", "c28.toml")
            .unwrap();
        for cal in [Calendar::shipped(), gap] {
            let mut date = d("2023-12-20");
            while date < d("2029-01-10") {
                for n in [0, 1, 2, 3, 5, 13, 40, 250] {
                    assert_eq!(
                        cal.add_working_days(date, n),
                        walk_add(&cal, date, n),
                        "{date} + {n}"
                    );
                }
                for k in [-400, -31, -3, 0, 1, 2, 9, 45, 400] {
                    let other = date.add_days(k);
                    assert_eq!(
                        cal.working_days_between(date, other),
                        walk_between(&cal, date, other),
                        "{date} to {other}"
                    );
                }
                date = date.add_days(3);
            }
        }
    }

    #[test]
    fn shipped_years_and_notices() {
        let cal = Calendar::shipped();
        assert_eq!(cal.years(), vec![2024, 2025, 2026]);
        let numbers: Vec<&str> = cal.notices().map(|n| n.number.as_str()).collect();
        assert_eq!(
            numbers,
            vec![
                "国办发明电〔2023〕7号",
                "国办发明电〔2024〕12号",
                "国办发明电〔2025〕7号"
            ]
        );
    }

    #[test]
    fn rest_days_per_year_match_the_notices() {
        // Counted from the notices: 2024 has 1+8+3+5+1+3+7 = 28 listed rest days, 2025 has
        // 1+8+3+5+3+8 = 28, 2026 has 3+9+3+5+3+3+7 = 33; make-up days 8, 5 and 6.
        let cal = Calendar::shipped();
        for (year, rest, work) in [(2024, 28, 8), (2025, 28, 5), (2026, 33, 6)] {
            let n = cal.notices.get(&year).unwrap();
            let r: i64 = n.holidays.iter().map(|h| h.from.days_until(h.to) + 1).sum();
            let w: usize = n.holidays.iter().map(|h| h.workdays.len()).sum();
            assert_eq!((r, w), (rest, work), "{year}");
        }
    }

    #[test]
    fn day_kinds() {
        let cal = Calendar::shipped();
        assert_eq!(
            cal.day(d("2024-02-04")).unwrap(),
            DayKind::MakeUpWorkday("春节".into())
        );
        assert_eq!(
            cal.day(d("2024-02-12")).unwrap(),
            DayKind::Holiday("春节".into())
        );
        assert_eq!(cal.day(d("2024-02-24")).unwrap(), DayKind::Weekend);
        assert_eq!(cal.day(d("2024-02-26")).unwrap(), DayKind::Working);
        assert!(cal.day(d("2027-01-04")).is_err());
    }

    #[test]
    fn counting_between() {
        let cal = Calendar::shipped();
        // Friday 2024-06-07 to Sunday 06-09: no working day after the Friday.
        assert_eq!(
            cal.working_days_between(d("2024-06-07"), d("2024-06-09"))
                .unwrap(),
            0
        );
        // Monday 06-10 is 端午节: the next working day is Tuesday 06-11.
        assert_eq!(
            cal.working_days_between(d("2024-06-07"), d("2024-06-11"))
                .unwrap(),
            1
        );
        assert_eq!(
            cal.working_days_between(d("2024-06-11"), d("2024-06-07"))
                .unwrap(),
            -1
        );
        assert_eq!(
            cal.working_days_between(d("2024-06-11"), d("2024-06-11"))
                .unwrap(),
            0
        );
        let e = cal
            .working_days_between(d("2026-12-30"), d("2027-01-05"))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "2027-01-01 is in 2027, a year the working-day calendar has no data for (it covers 2024, 2025, 2026); add that year's 国务院办公厅 holiday notice as a calendar file"
        );
    }

    #[test]
    fn file_errors_have_places() {
        let text = "[calendar]\nyear = 2027\nnotice = \"\"\n\n[[holiday]]\nname = \"春节\"\nfrom = \"2027-02-06\"\nto = \"2027-02-03\"\nworkdays = [\"2027-02-01\", 2027-02-20, \"2027-02-30\"]\n";
        let e = Calendar::from_toml(text, "c.toml").unwrap_err();
        let all: Vec<String> = e
            .diagnostics()
            .iter()
            .map(|d| d.render(crate::i18n::Lang::En))
            .collect();
        assert_eq!(
            all,
            vec![
                "c.toml:3:10: error: notice is empty; give the 国务院办公厅 notice's number, e.g. \"国办发明电〔2023〕7号\"",
                "c.toml:9:13: error: 2027-02-01 is a 周一, a working day anyway; a make-up working day (调休上班) is a Saturday or Sunday",
                "c.toml:9:39: error: \"2027-02-30\" is not a date in the form YYYY-MM-DD",
                "c.toml:8:6: error: to = 2027-02-03 is before from = 2027-02-06",
            ]
        );
        let e = Calendar::from_toml(
            "[calendar]\nyear = 2027\nnotice = \"x\"\ncolour = 1\n",
            "c.toml",
        )
        .unwrap_err();
        assert!(
            e.diagnostics()[0]
                .render(crate::i18n::Lang::En)
                .starts_with("c.toml:4:1: error: unknown field `colour`"),
            "{:?}",
            e.diagnostics()
        );
    }

    #[test]
    fn a_year_twice_and_conflicting_dates_are_errors() {
        let mut cal = Calendar::shipped();
        let e = cal
            .add_toml("[calendar]\nyear = 2025\nnotice = \"x\"\n", "again.toml")
            .unwrap_err();
        assert_eq!(
            e.diagnostics()[0].render(crate::i18n::Lang::En),
            "again.toml:2:8: error: the calendar already has 2025 (from rubrics/calendar/cn-2025.toml)"
        );
        // A 2027 notice that makes 2026-12-31 a rest day agrees with nothing known; one that
        // makes 2026-10-10 (already a make-up working day) a rest day conflicts.
        let e = cal
            .add_toml(
                "[calendar]\nyear = 2027\nnotice = \"x\"\n[[holiday]]\nname = \"h\"\nfrom = \"2026-10-10\"\nto = \"2026-10-10\"\n",
                "c27.toml",
            )
            .unwrap_err();
        assert!(
            e.diagnostics()[0]
                .text(crate::i18n::Lang::En)
                .contains("already given another way")
        );
        assert_eq!(cal.years(), vec![2024, 2025, 2026]);
        cal.add_toml("[calendar]\nyear = 2027\nnotice = \"x\"\n", "c27.toml")
            .unwrap();
        assert_eq!(cal.years(), vec![2024, 2025, 2026, 2027]);
    }
}
