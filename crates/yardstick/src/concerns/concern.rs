//! A concern (急难愁盼事项): its statuses, its follow-ups, and where it stands on a day.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use super::calendar::Calendar;
use super::date::Date;
use super::ledger::{Ledger, Rec};
use super::mask::mask_phone_numbers;
use super::routing::Route;
use crate::strings::NONE;

/// The flag of a concern whose category the routing table lacks (sent to the default route).
pub const FLAG_UNKNOWN_CATEGORY: &str = "unknown_category";

/// Where a concern stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConcernStatus {
    /// 受理: registered, not yet acted on. Every concern starts here.
    Accepted,
    /// 办理中: being handled.
    InProgress,
    /// 已办结: done.
    Closed,
    /// 退回: sent back by the office (not its business); still open.
    Returned,
    /// 重新打开: reopened, by an update or because the resident was not satisfied.
    Reopened,
}

impl ConcernStatus {
    /// Every status, in order.
    pub const ALL: [ConcernStatus; 5] = [
        ConcernStatus::Accepted,
        ConcernStatus::InProgress,
        ConcernStatus::Closed,
        ConcernStatus::Returned,
        ConcernStatus::Reopened,
    ];

    /// Reads `受理`/`办理中`/`已办结`/`退回`/`重新打开` or the English names `accepted`,
    /// `in_progress`, `closed`, `returned`, `reopened` (any case; `-` or a space for `_`).
    pub fn parse(text: &str) -> Option<ConcernStatus> {
        let t = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        ConcernStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == t || s.zh() == t)
    }

    /// The English name, as in JSON: `accepted`, `in_progress`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            ConcernStatus::Accepted => "accepted",
            ConcernStatus::InProgress => "in_progress",
            ConcernStatus::Closed => "closed",
            ConcernStatus::Returned => "returned",
            ConcernStatus::Reopened => "reopened",
        }
    }

    /// The Chinese name: 受理, 办理中, 已办结, 退回, 重新打开.
    pub fn zh(self) -> &'static str {
        match self {
            ConcernStatus::Accepted => "受理",
            ConcernStatus::InProgress => "办理中",
            ConcernStatus::Closed => "已办结",
            ConcernStatus::Returned => "退回",
            ConcernStatus::Reopened => "重新打开",
        }
    }

    /// Only `closed` is closed; every other status is open.
    pub fn is_closed(self) -> bool {
        self == ConcernStatus::Closed
    }
}

/// Reads a callback answer: 是/否, yes/no, true/false, 1/0, y/n, 满意/基本满意 (yes), 不满意 (no).
pub fn parse_satisfied(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "是" | "yes" | "y" | "true" | "1" | "满意" | "基本满意" => Some(true),
        "否" | "no" | "n" | "false" | "0" | "不满意" => Some(false),
        _ => None,
    }
}

/// One follow-up of a concern (a row of `concern_updates.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Update<'a> {
    /// The day of the update.
    pub date: Date,
    /// The status it sets.
    pub status: ConcernStatus,
    /// The note, phone numbers masked.
    pub note: Option<&'a str>,
    /// The resident's answer at a callback, when asked.
    pub satisfied: Option<bool>,
}

/// One concern (急难愁盼事项) of a [`Ledger`], routed, with its deadline and updates: a view of
/// the ledger's compact records.
///
/// Texts and notes were masked as they were read. The ids (the concern's, the worker's, the
/// household's), the categories and the unit are the input's own, so that updates find their
/// concern and groups stay apart; the views of a [`Report`](super::Report) mask them.
#[derive(Clone, Copy)]
pub struct Concern<'a> {
    ledger: &'a Ledger,
    rec: &'a Rec,
    at: usize,
}

impl fmt::Debug for Concern<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Concern")
            .field("id", &self.id())
            .field("date", &self.date())
            .field("category", &self.category())
            .field("deadline", &self.deadline())
            .finish_non_exhaustive()
    }
}

impl<'a> Concern<'a> {
    pub(crate) fn new(ledger: &'a Ledger, at: usize) -> Concern<'a> {
        Concern {
            ledger,
            rec: &ledger.store.recs[at],
            at,
        }
    }

    /// Its place in the ledger's order (by date, then id).
    pub fn index(&self) -> usize {
        self.at
    }

    /// `<component id>:<worker_id>:<call_id or household_id>`, or the `concern_id` of
    /// `concerns.csv`.
    pub fn id(&self) -> &'a str {
        self.ledger.store.ids.get(self.rec.id)
    }

    /// Which input raised it: a component id (`phone`, `visit`) or `concerns`.
    pub fn input(&self) -> &'a str {
        &self.ledger.store.sources[self.rec.source as usize].input
    }

    /// The day it was raised.
    pub fn date(&self) -> Date {
        self.rec.date
    }

    fn route(&self) -> &'a Route {
        self.ledger
            .routing
            .route_at(self.rec.route())
            .expect("a concern's route is in the table")
    }

    /// The category: the route's canonical name, or the name as given when it went to the
    /// default route.
    pub fn category(&self) -> &'a str {
        match self.rec.route() {
            Some(_) => &self.route().category,
            None => self.category_given().trim(),
        }
    }

    /// The category as written in the input.
    pub fn category_given(&self) -> &'a str {
        self.ledger.store.texts.get(self.rec.given)
    }

    /// The office that handles it (`None` when reported up).
    pub fn office(&self) -> Option<&'a str> {
        self.route().office()
    }

    /// The department it is reported up to (`None` when handled by an office).
    pub fn escalate_to(&self) -> Option<&'a str> {
        self.route().escalate_to()
    }

    /// The responsible person or role, when the route names one.
    pub fn responsible(&self) -> Option<&'a str> {
        self.route().responsible.as_deref()
    }

    /// The route's deadline in working days.
    pub fn working_days(&self) -> u32 {
        self.route().working_days
    }

    /// The `working_days`-th working day after `date` (`date` itself for 0).
    pub fn deadline(&self) -> Date {
        self.rec.deadline
    }

    /// The worker who recorded it, when known.
    pub fn worker_id(&self) -> Option<&'a str> {
        self.ledger.store.workers.opt(self.rec.worker)
    }

    /// The worker's unit (community) from the roster, when given.
    pub fn unit(&self) -> Option<&'a str> {
        let store = &self.ledger.store;
        let unit = *store.units.get(self.rec.worker as usize)?;
        store.texts.opt(unit)
    }

    /// The household, when known: a visit's `household_id`, or the column of `concerns.csv`.
    pub fn household_id(&self) -> Option<&'a str> {
        let store = &self.ledger.store;
        if store.sources[self.rec.source as usize].household_in_id {
            // `visit:<worker_id>:<household_id>`
            let skip = self.input().len() + 1 + self.worker_id().map_or(0, str::len) + 1;
            return self.id().get(skip..);
        }
        store.texts.opt(self.rec.household)
    }

    /// What the resident raised, phone numbers masked.
    pub fn text(&self) -> &'a str {
        self.ledger.store.texts.get(self.rec.text)
    }

    /// Flags: [`FLAG_UNKNOWN_CATEGORY`] when it went to the default route.
    pub fn flags(&self) -> &'static [&'static str] {
        if self.rec.route().is_none() {
            &[FLAG_UNKNOWN_CATEGORY]
        } else {
            &[]
        }
    }

    /// Follow-ups in date order (file order within a day).
    pub fn updates(&self) -> impl ExactSizeIterator<Item = Update<'a>> + 'a {
        let store = &self.ledger.store;
        let end = store
            .recs
            .get(self.at + 1)
            .map_or(store.updates.len(), |r| r.updates as usize);
        store.updates[self.rec.updates as usize..end]
            .iter()
            .map(|u| Update {
                date: u.date,
                status: u.status,
                note: store.texts.opt(u.note),
                satisfied: u.satisfied,
            })
    }

    /// The id as the views show it (phone numbers masked).
    pub(crate) fn shown_id(&self) -> Cow<'a, str> {
        self.ledger.store.shown_id(self.rec.id)
    }

    /// The worker id as the views show it.
    pub(crate) fn shown_worker_id(&self) -> Option<Cow<'a, str>> {
        (self.rec.worker != NONE).then(|| self.ledger.store.shown_worker(self.rec.worker))
    }

    /// The unit as the views show it.
    pub(crate) fn shown_unit(&self) -> Option<Cow<'a, str>> {
        let store = &self.ledger.store;
        let unit = *store.units.get(self.rec.worker as usize)?;
        (unit != NONE).then(|| store.shown_text(unit))
    }

    /// The household as the views show it.
    pub(crate) fn shown_household_id(&self) -> Option<Cow<'a, str>> {
        let store = &self.ledger.store;
        if store.sources[self.rec.source as usize].household_in_id {
            return self.household_id().map(mask_phone_numbers);
        }
        (self.rec.household != NONE).then(|| store.shown_text(self.rec.household))
    }

    /// The text as the views show it.
    pub(crate) fn shown_text(&self) -> Cow<'a, str> {
        self.ledger.store.shown_text(self.rec.text)
    }

    /// The category as given, as the views show it.
    pub(crate) fn shown_category_given(&self) -> Cow<'a, str> {
        self.ledger.store.shown_text(self.rec.given)
    }

    /// The index of the route, `None` for the default route.
    pub(crate) fn route_index(&self) -> Option<usize> {
        self.rec.route()
    }

    /// The place of the input among the ledger's inputs.
    pub(crate) fn source_index(&self) -> usize {
        self.rec.source as usize
    }

    /// The file and line it came from.
    pub fn source(&self) -> (&'a str, u64) {
        (
            &self.ledger.store.sources[self.rec.source as usize].file,
            u64::from(self.rec.line),
        )
    }

    /// The concern's state on `as_of`: updates dated after it are not yet known.
    ///
    /// Each update sets its status; an update that finds the resident not satisfied
    /// (`satisfied` = no) turns a closed result into `reopened`.
    pub fn state(&self, as_of: Date) -> ConcernState<'a> {
        state(
            self.updates(),
            self.deadline(),
            as_of,
            &self.ledger.calendar,
        )
    }
}

/// A concern as it stands on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConcernState<'a> {
    /// The status after the updates dated on or before the day.
    pub status: ConcernStatus,
    /// Not closed, and the day is after the deadline.
    pub overdue: bool,
    /// Working days from the day to the deadline (negative past it), for an open concern
    /// whose days the calendar covers; `None` otherwise.
    pub working_days_left: Option<i64>,
    /// The day of the update that closed it, when closed.
    pub closed_on: Option<Date>,
    /// Closed, on or before the deadline.
    pub closed_on_time: bool,
    /// At least one update by the day.
    pub responded: bool,
    /// The latest callback answer by the day.
    pub satisfied: Option<bool>,
    /// How many times it was reopened.
    pub reopened: u32,
    /// The note of the latest update by the day.
    pub note: Option<&'a str>,
}

/// The state, on `as_of`, of a concern with these updates (in date order) and this deadline.
pub(crate) fn state<'a>(
    updates: impl Iterator<Item = Update<'a>>,
    deadline: Date,
    as_of: Date,
    calendar: &Calendar,
) -> ConcernState<'a> {
    let mut st = ConcernState {
        status: ConcernStatus::Accepted,
        overdue: false,
        working_days_left: None,
        closed_on: None,
        closed_on_time: false,
        responded: false,
        satisfied: None,
        reopened: 0,
        note: None,
    };
    for u in updates.take_while(|u| u.date <= as_of) {
        st.responded = true;
        let mut status = u.status;
        if u.satisfied == Some(false) && status.is_closed() {
            status = ConcernStatus::Reopened;
        }
        if status == ConcernStatus::Reopened && st.status != ConcernStatus::Reopened {
            st.reopened += 1;
        }
        st.closed_on = match (status.is_closed(), st.closed_on) {
            (true, Some(d)) if st.status.is_closed() => Some(d),
            (true, _) => Some(u.date),
            (false, _) => None,
        };
        st.status = status;
        if u.satisfied.is_some() {
            st.satisfied = u.satisfied;
        }
        if u.note.is_some() {
            st.note = u.note;
        }
    }
    let closed = st.status.is_closed();
    st.overdue = !closed && as_of > deadline;
    st.closed_on_time = closed && st.closed_on.is_some_and(|d| d <= deadline);
    if !closed {
        st.working_days_left = calendar.working_days_between(as_of, deadline).ok();
    }
    st
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// A concern of Friday 2024-09-27 with a deadline of 3 working days: 9-29 (Sunday) is
    /// worked, 9-30 (Monday), then 10-01..07 off, 10-08 (Tuesday).
    struct Case(Vec<Update<'static>>);

    const DEADLINE: &str = "2024-10-08";

    fn concern(updates: &[(&str, ConcernStatus, Option<bool>)]) -> Case {
        Case(
            updates
                .iter()
                .map(|(date, status, satisfied)| Update {
                    date: d(date),
                    status: *status,
                    note: None,
                    satisfied: *satisfied,
                })
                .collect(),
        )
    }

    impl Case {
        fn state(&self, as_of: Date, cal: &Calendar) -> ConcernState<'static> {
            state(self.0.iter().copied(), d(DEADLINE), as_of, cal)
        }
    }

    #[test]
    fn statuses_parse_in_both_languages() {
        for s in ConcernStatus::ALL {
            assert_eq!(ConcernStatus::parse(s.zh()), Some(s));
            assert_eq!(ConcernStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(
            ConcernStatus::parse(" In Progress "),
            Some(ConcernStatus::InProgress)
        );
        assert_eq!(ConcernStatus::parse("done"), None);
        assert_eq!(parse_satisfied("否"), Some(false));
        assert_eq!(parse_satisfied("NO"), Some(false));
        assert_eq!(parse_satisfied("0"), Some(false));
        assert_eq!(parse_satisfied("maybe"), None);
    }

    #[test]
    fn states_over_time() {
        use ConcernStatus::*;
        let cal = Calendar::shipped();
        let c = concern(&[
            ("2024-09-29", InProgress, None),
            ("2024-10-08", Closed, None),
            ("2024-10-10", Closed, Some(false)),
            ("2024-10-15", Closed, Some(true)),
        ]);
        let s = c.state(d("2024-09-28"), &cal);
        assert_eq!(
            (s.status, s.overdue, s.responded, s.working_days_left),
            (Accepted, false, false, Some(3))
        );
        let s = c.state(d("2024-10-08"), &cal);
        assert_eq!(
            (s.status, s.overdue, s.closed_on, s.closed_on_time),
            (Closed, false, Some(d("2024-10-08")), true)
        );
        // The callback found the resident not satisfied: reopened, and past the deadline.
        let s = c.state(d("2024-10-10"), &cal);
        assert_eq!(
            (s.status, s.overdue, s.reopened, s.satisfied),
            (Reopened, true, 1, Some(false))
        );
        assert_eq!(s.working_days_left, Some(-2));
        // Closed again after the deadline: closed, not on time, satisfied.
        let s = c.state(d("2024-12-31"), &cal);
        assert_eq!(
            (s.status, s.overdue, s.closed_on_time, s.satisfied),
            (Closed, false, false, Some(true))
        );
        assert_eq!(s.working_days_left, None);
    }

    #[test]
    fn returned_is_open_and_can_be_overdue() {
        let cal = Calendar::shipped();
        let c = concern(&[("2024-09-30", ConcernStatus::Returned, None)]);
        let s = c.state(d("2024-10-09"), &cal);
        assert_eq!((s.status, s.overdue), (ConcernStatus::Returned, true));
        // The as-of day outside the calendar: no working days left, but overdue is known.
        let s = c.state(d("2027-01-04"), &cal);
        assert_eq!((s.overdue, s.working_days_left), (true, None));
    }
}
