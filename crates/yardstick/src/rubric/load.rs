//! Reading a rubric from TOML and checking it, with errors at line and column.
//!
//! TOML is read into the `Raw…` structs below, which keep every value's span; [`check`] then
//! hands each section to its own function (`component` for the `[[component]]` tables,
//! `section` for the others), which reports what is wrong through the [`Checker`] and returns
//! the checked part.

mod checker;
mod component;
mod section;
#[cfg(test)]
mod tests;

use std::fmt;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use toml::Spanned;

use self::checker::Checker;
use self::component::check_components;
use self::section::{
    Refs, check_adjustments, check_consequences, check_eligibility, check_grades, check_quota,
    check_total,
};
use super::Rubric;
use crate::error::{Error, LineIndex, Sink, serde_error, toml_error};
use crate::num::{Q, parse_decimal, parse_ratio, q, qi};

/// A decimal written as a TOML integer, float or string (`0.15`, `15`, `"0.15"`).
#[derive(Debug, Clone, Copy)]
struct Num(Decimal);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Num;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number such as 0.15, 100 or \"0.15\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Num, E> {
                Ok(Num(Decimal::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Num, E> {
                Ok(Num(Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Num, E> {
                // Rust prints the shortest text that reads back as the same float, which is
                // the text the author wrote for any number with fewer than 16 digits.
                parse_decimal(&v.to_string())
                    .map(Num)
                    .ok_or_else(|| E::custom(serde_error("error-not-finite", v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Num, E> {
                crate::num::parse_decimal_exact(v)
                    .map(Num)
                    .map_err(|e| match e {
                        crate::num::NumberError::TooManyDigits => {
                            E::custom(serde_error("error-too-many-digits", v))
                        }
                        _ => E::custom(serde_error("error-not-decimal", v)),
                    })
            }
        }
        d.deserialize_any(V)
    }
}

/// A ratio written as `"1/5"`, `"20%"`, `0.2` or `"0.2"`.
#[derive(Debug, Clone)]
struct Ratio(Q);

impl<'de> Deserialize<'de> for Ratio {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Ratio;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a ratio such as \"1/5\", \"20%\" or 0.2")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Ratio, E> {
                Ok(Ratio(qi(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Ratio, E> {
                parse_decimal(&v.to_string())
                    .map(|d| Ratio(q(d)))
                    .ok_or_else(|| E::custom(serde_error("error-not-ratio-number", v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Ratio, E> {
                parse_ratio(v)
                    .map(Ratio)
                    .ok_or_else(|| E::custom(serde_error("error-not-ratio", v)))
            }
        }
        d.deserialize_any(V)
    }
}

type S<T> = Spanned<T>;

/// The most entries a rubric may declare in one list (components, grades, adjustment items,
/// eligibility rules): their ids are `u16` indices.
const MOST: usize = u16::MAX as usize + 1;

/// The top of the scale of every component score (the bottom is 0): the values of labels, a
/// panel's `max_score` and a test's `scale` lie within it, so that the weighted total is on the
/// scale of the grade bands until bonuses and deductions move it.
const SCALE: Decimal = Decimal::ONE_HUNDRED;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRubric {
    rubric: RawMeta,
    #[serde(default)]
    total: RawTotal,
    #[serde(rename = "component", default)]
    components: Vec<RawComponent>,
    #[serde(default)]
    adjustments: RawAdjustments,
    #[serde(rename = "grade", default)]
    grades: Vec<RawBand>,
    #[serde(default)]
    eligibility: Vec<RawEligibility>,
    quota: Option<RawQuota>,
    #[serde(rename = "consequence", default)]
    consequences: Vec<RawConsequence>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: S<String>,
    name: String,
    version: Option<String>,
    #[allow(dead_code)]
    description: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTotal {
    missing: Option<S<String>>,
    min_present_weight: Option<S<Num>>,
    decimals: Option<S<u32>>,
    rounding: Option<S<String>>,
    floor: Option<S<Num>>,
    cap: Option<S<Num>>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Clone))]
#[serde(deny_unknown_fields)]
struct RawLabelValue {
    label: S<String>,
    value: S<Num>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Clone))]
#[serde(deny_unknown_fields)]
struct RawWeighted {
    label: S<String>,
    weight: S<Num>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Clone))]
#[serde(deny_unknown_fields)]
struct RawTrim {
    at_least: S<u64>,
    drop: S<u64>,
}

/// All keys of every kind; each kind checks that only its own keys are given.
#[derive(Deserialize)]
#[cfg_attr(test, derive(Clone))]
#[serde(deny_unknown_fields)]
struct RawComponent {
    id: S<String>,
    kind: S<String>,
    name: String,
    weight: S<Num>,
    // panel
    min_score: Option<S<Num>>,
    max_score: Option<S<Num>>,
    min_count: Option<S<u64>>,
    trim: Option<S<RawTrim>>,
    // ballot, phone, visit
    options: Option<S<Vec<RawLabelValue>>>,
    not_valid: Option<S<Vec<S<String>>>>,
    groups: Option<S<Vec<RawWeighted>>>,
    quorum: Option<S<String>>,
    min_valid: Option<S<u64>>,
    // interview
    dimensions: Option<S<Vec<RawWeighted>>>,
    ratings: Option<S<Vec<RawLabelValue>>>,
    min_interviewers: Option<S<u64>>,
    // test
    full_mark: Option<S<Num>>,
    scale: Option<S<Num>>,
    pass_mark: Option<S<Num>>,
    // phone
    not_counted: Option<S<Vec<S<String>>>>,
    min_counted: Option<S<u64>>,
    satisfied: Option<S<Vec<S<String>>>>,
    // visit
    coverage_weight: Option<S<Num>>,
    satisfaction_weight: Option<S<Num>>,
    min_answered: Option<S<u64>>,
    min_rated: Option<S<u64>>,
    // scorecard
    period: Option<S<String>>,
    base: Option<S<Num>>,
    floor: Option<S<Num>>,
    ceiling: Option<S<Num>>,
    min_periods: Option<S<u64>>,
    items: Option<S<Vec<RawScoreItem>>>,
}

/// One item of a scorecard's checklist.
#[derive(Deserialize)]
#[cfg_attr(test, derive(Clone))]
#[serde(deny_unknown_fields)]
struct RawScoreItem {
    id: S<String>,
    name: S<String>,
    points: S<Num>,
    limit: Option<S<Num>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawAdjustments {
    bonus_cap: Option<S<Num>>,
    deduction_cap: Option<S<Num>>,
    veto_precedence: Option<S<Vec<S<String>>>>,
    #[serde(rename = "item", default)]
    items: Vec<RawItem>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Clone))]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: S<String>,
    name: String,
    bonus: Option<S<Num>>,
    deduction: Option<S<Num>>,
    veto: Option<S<RawVeto>>,
    cap: Option<S<Num>>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Clone))]
#[serde(deny_unknown_fields)]
struct RawVeto {
    status: Option<S<String>>,
    grade: Option<S<String>>,
    cap: Option<S<String>>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Clone))]
#[serde(deny_unknown_fields)]
struct RawBand {
    label: S<String>,
    min: Option<S<Num>>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Clone))]
#[serde(deny_unknown_fields)]
struct RawEligibility {
    id: S<String>,
    name: String,
    grade: S<String>,
    otherwise: S<String>,
    component: S<String>,
    below: Option<S<Num>>,
    option: Option<S<String>>,
    share_over: Option<S<Ratio>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuota {
    grade: S<String>,
    ratio: S<Ratio>,
    rounding: Option<S<String>>,
    scope: Option<S<String>>,
    order: Option<S<Vec<S<String>>>>,
    on_tie: Option<S<String>>,
    demote_to: S<String>,
}
#[derive(Deserialize)]
#[cfg_attr(test, derive(Clone))]
#[serde(deny_unknown_fields)]
struct RawConsequence {
    id: S<String>,
    name: String,
    grade: Option<S<String>>,
    at_least: Option<S<String>>,
    years: S<i64>,
}

impl Rubric {
    /// Reads and checks a rubric. `file` names the file in diagnostics.
    ///
    /// ```
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rubrics/community-worker.toml")).unwrap();
    /// let rubric = yardstick::Rubric::from_toml(&text, "community-worker.toml").unwrap();
    /// assert_eq!(rubric.components.len(), 6);
    /// ```
    pub fn from_toml(text: &str, file: &str) -> Result<Rubric, Error> {
        let index = LineIndex::new(text);
        let raw: RawRubric = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                let mut sink = Sink::default();
                sink.push(toml_error(text, file, &e));
                return Err(Error::new(sink.items));
            }
        };
        let mut ck = Checker {
            file,
            index,
            sink: Sink::default(),
        };
        for (span, msg) in crate::num::inexact_toml_floats(text) {
            ck.err(span, msg);
        }
        let rubric = check(raw, &mut ck);
        ck.sink.finish().map(|_| rubric)
    }
}

/// Checks every section in turn and assembles the rubric; each section reads only the parts
/// checked before it (grades read the total's floor, vetoes the grades, eligibility and quota
/// the components and grades, consequences the grades).
fn check(raw: RawRubric, ck: &mut Checker) -> Rubric {
    let id = raw.rubric.id.get_ref().trim().to_string();
    if id.is_empty() {
        ck.err(raw.rubric.id.span(), crate::msg!("error-rubric-id-empty"));
    }
    let total = check_total(&raw.total, ck);
    let components = check_components(&raw.components, ck);
    let grades = check_grades(&raw.grades, total.floor, ck);
    let refs = Refs::new(&components, &grades);
    let adjustments = check_adjustments(&raw.adjustments, &refs, ck);
    let eligibility = check_eligibility(&raw.eligibility, &refs, ck);
    let quota = raw.quota.as_ref().map(|q| check_quota(q, &refs, ck));
    let consequences = check_consequences(&raw.consequences, &refs, ck);
    Rubric {
        id,
        name: raw.rubric.name,
        version: raw.rubric.version,
        components,
        total,
        adjustments,
        grades,
        eligibility,
        quota,
        consequences,
    }
}
