//! A concern (急难愁盼事项): its statuses, its follow-ups, and where it stands on a day.

use serde::Serialize;

use super::calendar::Calendar;
use super::date::Date;

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Update {
    /// The day of the update.
    pub date: Date,
    /// The status it sets.
    pub status: ConcernStatus,
    /// The note, phone numbers masked.
    pub note: Option<String>,
    /// The resident's answer at a callback, when asked.
    pub satisfied: Option<bool>,
    /// The file and line it came from.
    pub file: String,
    /// 1-based line.
    pub line: u64,
}

/// One concern (急难愁盼事项), routed, with its deadline and updates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Concern {
    /// `<component id>:<worker_id>:<call_id or household_id>`, or the `concern_id` of
    /// `concerns.csv`.
    pub id: String,
    /// Which input raised it: a component id (`phone`, `visit`) or `concerns`.
    pub input: String,
    /// The day it was raised.
    pub date: Date,
    /// The category: the route's canonical name, or the name as given when it went to the
    /// default route.
    pub category: String,
    /// The category as written in the input.
    pub category_given: String,
    /// The office that handles it (`None` when reported up).
    pub office: Option<String>,
    /// The department it is reported up to (`None` when handled by an office).
    pub escalate_to: Option<String>,
    /// The responsible person or role, when the route names one.
    pub responsible: Option<String>,
    /// The route's deadline in working days.
    pub working_days: u32,
    /// The `working_days`-th working day after `date` (`date` itself for 0).
    pub deadline: Date,
    /// The worker who recorded it, when known.
    pub worker_id: Option<String>,
    /// The worker's unit (community) from the roster, when given.
    pub unit: Option<String>,
    /// The household, when known.
    pub household_id: Option<String>,
    /// What the resident raised, phone numbers masked.
    pub text: String,
    /// Flags, e.g. [`FLAG_UNKNOWN_CATEGORY`].
    pub flags: Vec<String>,
    /// Follow-ups in date order (file order within a day).
    pub updates: Vec<Update>,
    /// The file it came from.
    pub file: String,
    /// 1-based line.
    pub line: u64,
}

/// A concern as it stands on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConcernState {
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
    pub note: Option<String>,
}

impl Concern {
    /// The concern's state on `as_of`: updates dated after it are not yet known.
    ///
    /// Each update sets its status; an update that finds the resident not satisfied
    /// (`satisfied` = no) turns a closed result into `reopened`.
    pub fn state(&self, as_of: Date, calendar: &Calendar) -> ConcernState {
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
        for u in self.updates.iter().take_while(|u| u.date <= as_of) {
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
                st.note = u.note.clone();
            }
        }
        let closed = st.status.is_closed();
        st.overdue = !closed && as_of > self.deadline;
        st.closed_on_time = closed && st.closed_on.is_some_and(|d| d <= self.deadline);
        if !closed {
            st.working_days_left = calendar.working_days_between(as_of, self.deadline).ok();
        }
        st
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn concern(updates: &[(&str, ConcernStatus, Option<bool>)]) -> Concern {
        Concern {
            id: "phone:W1:C1".into(),
            input: "phone".into(),
            date: d("2024-09-27"),
            category: "养老服务".into(),
            category_given: "养老服务".into(),
            office: Some("民政服务站".into()),
            escalate_to: None,
            responsible: Some("站长".into()),
            working_days: 3,
            // 9-27 (Fri); 9-29 (Sun) is worked, 9-30 (Mon), then 10-1..7 off, 10-8 (Tue).
            deadline: d("2024-10-08"),
            worker_id: None,
            unit: None,
            household_id: None,
            text: String::new(),
            flags: vec![],
            updates: updates
                .iter()
                .map(|(date, status, satisfied)| Update {
                    date: d(date),
                    status: *status,
                    note: None,
                    satisfied: *satisfied,
                    file: "u.csv".into(),
                    line: 2,
                })
                .collect(),
            file: "p.csv".into(),
            line: 2,
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
