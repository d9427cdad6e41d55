//! Residents' concerns (急难愁盼): routed to offices with working-day deadlines, chased and
//! called back (docs/contract.md section 6).
//!
//! Every phone or visit row with a `concern` is a concern; a bundle may add more in
//! `concerns.csv` and follow-ups in `concern_updates.csv`. A [`RoutingTable`] sends each
//! category to an office (站室) with a responsible person and a deadline in working days, or to a
//! higher department it is reported up to; the [`Calendar`] counts working days on the official
//! holiday arrangements, make-up working days (调休) included. The [`Ledger`] holds it all; its
//! [`Report`] on a day lists every concern, the work orders of each office, the escalation
//! report and a summary with the three rates (response, resolution, satisfaction; 30/35/35).
//!
//! ```
//! use yardstick::concerns::{Calendar, Date, Ledger, RoutingTable};
//!
//! // Routing and deadlines on their own.
//! let table = RoutingTable::shipped();
//! let calendar = Calendar::shipped();
//! let route = table.route("基础设施").unwrap().route;
//! let raised: Date = "2025-01-24".parse().unwrap(); // a Friday before the Spring Festival
//! let deadline = calendar.add_working_days(raised, route.working_days).unwrap();
//! // 1-26 (Sunday) is worked, 1-27 too; 1-28..2-04 off; then 2-05, 2-06, 2-07.
//! assert_eq!(deadline.to_string(), "2025-02-07");
//!
//! // The ledger of a bundle, as it stands on a day.
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
//! let ledger = Ledger::load(&yardstick::FsFiles, dir.as_ref()).unwrap().output;
//! let report = ledger.report("2025-01-10".parse().unwrap()).unwrap();
//! for office in report.work_orders() {
//!     println!("{}: {} open, {} overdue", office.office, office.open, office.overdue);
//! }
//! let first = report.concerns().next().unwrap();
//! println!("{}", serde_json::to_string_pretty(&first).unwrap());
//! // The whole report, streamed to any writer.
//! report.write_json(std::io::sink()).unwrap();
//! ```
//!
//! Residents' phone numbers never leave the ledger: concern texts and notes are masked with
//! [`mask_phone_numbers`] as they are read.

/// The date type lives with the file readers (a roster's days of service use it too).
mod date {
    pub use crate::input::date::{Date, DateError, Weekday};
}
mod calendar;
mod concern;
mod json;
mod ledger;
mod mask;
mod routing;
mod view;

pub use calendar::{Calendar, CalendarError, DayKind, Holiday, Notice, SHIPPED_CALENDARS};
pub use concern::{
    Concern, ConcernState, ConcernStatus, FLAG_UNKNOWN_CATEGORY, Update, parse_satisfied,
};
pub use date::{Date, DateError, Weekday};
pub use ledger::{CONCERN_COLUMNS, Ledger, UPDATE_COLUMNS};
pub use mask::mask_phone_numbers;
pub use routing::{MAX_WORKING_DAYS, Route, Routed, RoutingTable, SHIPPED_ROUTING, Target};
pub use view::{
    ConcernRow, Escalation, Group, Groups, Item, Items, RATE_WEIGHTS, Rates, Report, Summary,
    WorkOrders,
};
