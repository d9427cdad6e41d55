//! The fairness audit (审核): rater agreement, rater leniency, grade margins and suspicious
//! ballot sheets (docs/contract.md section 9). It reads a scored bundle and changes no score.

pub mod alpha;
