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
//! ```
//! use yardstick::{Bundle, score};
//!
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
//! let loaded = Bundle::load(dir.as_ref()).expect("the sample bundle is valid");
//! let result = score(&loaded.output);
//! for w in result.workers.iter().take(3) {
//!     println!("{} {} {:?} {:?}", w.worker_id, w.name, w.total, w.grade);
//! }
//! // Every step of one worker's result, in words.
//! println!("{}", yardstick::explain::render(&result.workers[0]));
//! ```
//!
//! Bad input is never scored: [`Bundle::load`] returns an [`Error`] holding every problem found,
//! each with its file, line and column.
#![deny(missing_docs)]

pub mod concerns;
pub mod engine;
pub mod error;
pub mod explain;
pub mod grade;
pub mod html;
pub mod init;
pub mod input;
pub mod method;
pub mod num;
pub mod report;
pub mod rubric;
pub(crate) mod text;
pub mod validate;

pub use engine::{Assessment, Flag, QuotaLine, Status, WorkerResult, score};
pub use error::{Diagnostic, Error, Severity, Warned};
pub use input::{Bundle, Files, FsFiles};
pub use rubric::Rubric;
pub use validate::validate;

/// The README's code blocks, compiled as doctests so that they cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
