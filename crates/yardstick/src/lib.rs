//! # yardstick
//!
//! Scores the annual assessment of community workers (社区工作者年度考核) the way sub-district
//! committees run it: 个人汇报, 民主测评, 个别谈话, 业务测试, 电话抽查 and 入户走访, each configured
//! in a TOML [rubric](Rubric), turned by one engine into component scores, a total, a grade, a
//! rank and a reasoned trail — "一把尺子量到底", one ruler for everyone.
//!
//! Scores are exact: input numbers are read as decimals, every mean, weight and share is an
//! exact rational, and rounding happens once, where the rubric says.
//!
//! The shape of a run:
//!
//! 1. [`Bundle::load`] reads `assessment.toml`, the rubric and every input through [`Files`],
//!    checks everything, and returns a [`Bundle`] (with warnings) or an [`Error`] holding every
//!    problem found, each with its file, line and column. Bad input is never scored.
//! 2. [`score`] evaluates every worker ([`evaluate`]: components, total, band, vetoes,
//!    eligibility) and decides the quota and the ranks over the cohort, once: a [`Scored`].
//! 3. Views show it: [`report::json`], [`report::csv`], [`report::table`], `report::xlsx`,
//!    [`html`] and [`explain`] stream the outcomes worker by worker; [`Assessment`] holds them
//!    all in memory for a program that wants them at once.
//!
//! ```
//! use yardstick::{Assessment, Bundle, score};
//!
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
//! let loaded = Bundle::load(dir.as_ref()).expect("the sample bundle is valid");
//! let scored = score(&loaded.output);
//! let result = Assessment::of(&scored);
//! for w in result.ranked().iter().take(3) {
//!     println!("{} {} {:?} {:?}", w.worker_id, w.name, w.total, w.grade);
//! }
//! // Every step of one worker's result, in words.
//! let i = scored.index_of("DM01").unwrap();
//! println!("{}", yardstick::explain::explain(&scored, i).text());
//! ```
//!
//! Records held in memory are scored the same way: [`MemFiles`] holds a bundle's files (see
//! [`BundleBuilder`] to write them from rows).
#![deny(missing_docs)]

pub mod audit;
pub mod bundle;
pub mod concerns;
pub mod diff;
pub mod engine;
pub mod error;
pub mod explain;
mod grade;
pub mod history;
pub mod html;
pub mod i18n;
pub mod init;
pub mod input;
pub mod method;
pub mod num;
pub mod output;
mod par;
pub mod report;
pub mod result;
pub mod rubric;
pub mod show;
mod strings;
pub mod trace;
pub mod validate;

pub use bundle::{Bundle, BundleBuilder};
pub use engine::{Scored, evaluate, score};
pub use error::{Diagnostic, Error, Severity, Warned};
pub use input::{Files, FsFiles, MemFiles};
pub use par::threads;
pub use report::assessment::{Assessment, WorkerResult};
pub use result::{Flag, Outcome, QuotaLine, Status};
pub use rubric::{GradeId, Rubric};
pub use rust_decimal::Decimal;
pub use validate::validate;

/// The README's code blocks, compiled as doctests so that they cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
