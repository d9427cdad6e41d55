//! The views of a scored assessment: JSON (docs/contract.md section 4, module [`json`]), CSV
//! ([`csv`]), an aligned text table for the terminal ([`table`]) and (with the `xlsx` feature)
//! a workbook ([`xlsx`]). Each streams the outcomes worker by worker from a [`crate::Scored`].

pub mod assessment;
pub mod csv;
pub mod json;
pub mod table;
#[cfg(feature = "xlsx")]
pub mod xlsx;

pub(crate) use crate::show::aligned_line;
pub use crate::show::{BOM, align, number, safe_cell};

/// The label [`crate::method::Facts::count`] gives for a method kind (`panel`, `ballot` …).
pub fn count_label(kind: &str) -> &'static str {
    match kind {
        "panel" => "评分人数",
        "ballot" => "有效票",
        "interview" => "谈话人数",
        "test" => "卷面分",
        "phone" => "有效通话",
        "scorecard" => "计分期数",
        _ => "走访户数",
    }
}
