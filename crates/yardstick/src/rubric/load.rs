//! Reading a rubric from TOML and checking it, with errors at line and column.

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use toml::Spanned;

use super::*;
use crate::error::{Error, LineIndex, Sink};
use crate::num::{parse_decimal, parse_ratio, q, qi};

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
                    .ok_or_else(|| E::custom(format!("{v} is not a finite decimal number")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Num, E> {
                crate::num::parse_decimal_exact(v)
                    .map(Num)
                    .map_err(|e| match e {
                        crate::num::NumberError::TooManyDigits => {
                            E::custom(e.message(&format!("\"{v}\"")))
                        }
                        _ => E::custom(format!("\"{v}\" is not a decimal number")),
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
                    .ok_or_else(|| E::custom(format!("{v} is not a ratio")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Ratio, E> {
                parse_ratio(v)
                    .map(Ratio)
                    .ok_or_else(|| E::custom(format!("\"{v}\" is not a ratio like \"1/5\"")))
            }
        }
        d.deserialize_any(V)
    }
}

type S<T> = Spanned<T>;

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
#[serde(deny_unknown_fields)]
struct RawLabelValue {
    label: S<String>,
    value: S<Num>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeighted {
    label: S<String>,
    weight: S<Num>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrim {
    at_least: S<u64>,
    drop: S<u64>,
}

/// All keys of every kind; each kind checks that only its own keys are given.
#[derive(Deserialize)]
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
#[serde(deny_unknown_fields)]
struct RawVeto {
    status: Option<S<String>>,
    grade: Option<S<String>>,
    cap: Option<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    label: S<String>,
    min: Option<S<Num>>,
}

#[derive(Deserialize)]
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

/// Checks while converting, collecting every problem.
struct Checker<'a> {
    file: &'a str,
    index: LineIndex<'a>,
    sink: Sink,
}

impl Checker<'_> {
    fn err(&mut self, span: Range<usize>, msg: impl Into<String>) {
        let d = self.index.diag(self.file, span, msg.into());
        self.sink.push(d);
    }

    fn enumerated<T>(
        &mut self,
        v: &Option<S<String>>,
        what: &str,
        choices: &[(&str, T)],
        default: T,
    ) -> T
    where
        T: Copy,
    {
        let Some(v) = v else { return default };
        match choices.iter().find(|(k, _)| *k == v.get_ref()) {
            Some((_, t)) => *t,
            None => {
                let names: Vec<_> = choices.iter().map(|(k, _)| format!("\"{k}\"")).collect();
                self.err(
                    v.span(),
                    format!(
                        "unknown {what} \"{}\"; expected one of {}",
                        v.get_ref(),
                        names.join(", ")
                    ),
                );
                default
            }
        }
    }

    fn count(&mut self, v: &Option<S<u64>>, default: usize, least: usize, key: &str) -> usize {
        match v {
            None => default,
            Some(s) if (*s.get_ref() as usize) < least => {
                self.err(s.span(), format!("{key} must be at least {least}"));
                default
            }
            Some(s) => *s.get_ref() as usize,
        }
    }

    fn labels(
        &mut self,
        list: &[RawLabelValue],
        what: &str,
        seen: &mut HashSet<String>,
    ) -> Vec<LabelValue> {
        let mut out = Vec::new();
        for lv in list {
            let label = lv.label.get_ref().trim().to_string();
            if label.is_empty() {
                self.err(lv.label.span(), format!("{what} label is empty"));
            } else if !seen.insert(label.clone()) {
                self.err(
                    lv.label.span(),
                    format!("{what} label \"{label}\" is declared twice"),
                );
            }
            out.push(LabelValue {
                label,
                value: lv.value.get_ref().0,
            });
        }
        out
    }

    fn plain_labels(
        &mut self,
        list: &Option<S<Vec<S<String>>>>,
        what: &str,
        seen: &mut HashSet<String>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for l in list.iter().flat_map(|l| l.get_ref()) {
            let label = l.get_ref().trim().to_string();
            if label.is_empty() {
                self.err(l.span(), format!("{what} label is empty"));
            } else if !seen.insert(label.clone()) {
                self.err(l.span(), format!("label \"{label}\" is declared twice"));
            }
            out.push(label);
        }
        out
    }

    fn weighted(&mut self, list: &[RawWeighted], what: &str) -> Vec<(String, Decimal)> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for w in list {
            let label = w.label.get_ref().trim().to_string();
            if label.is_empty() {
                self.err(w.label.span(), format!("{what} label is empty"));
            } else if !seen.insert(label.clone()) {
                self.err(
                    w.label.span(),
                    format!("{what} \"{label}\" is declared twice"),
                );
            }
            let weight = w.weight.get_ref().0;
            if weight <= Decimal::ZERO {
                self.err(
                    w.weight.span(),
                    format!("{what} weight must be greater than 0, got {weight}"),
                );
            }
            out.push((label, weight));
        }
        out
    }

    fn satisfied(&mut self, v: &Option<S<Vec<S<String>>>>, options: &[LabelValue]) -> Vec<String> {
        match v {
            None => options
                .iter()
                .max_by(|a, b| a.value.cmp(&b.value))
                .map(|o| vec![o.label.clone()])
                .unwrap_or_default(),
            Some(list) => {
                let mut out = Vec::new();
                for l in list.get_ref() {
                    if options.iter().any(|o| &o.label == l.get_ref()) {
                        out.push(l.get_ref().clone());
                    } else {
                        self.err(
                            l.span(),
                            format!(
                                "satisfied label \"{}\" is not one of the options",
                                l.get_ref()
                            ),
                        );
                    }
                }
                out
            }
        }
    }
}

const KIND_KEYS: &[(&str, &[&str])] = &[
    ("panel", &["min_score", "max_score", "min_count", "trim"]),
    (
        "ballot",
        &["options", "not_valid", "groups", "quorum", "min_valid"],
    ),
    ("interview", &["dimensions", "ratings", "min_interviewers"]),
    ("test", &["full_mark", "scale", "pass_mark"]),
    (
        "phone",
        &["options", "not_counted", "min_counted", "satisfied"],
    ),
    (
        "visit",
        &[
            "options",
            "coverage_weight",
            "satisfaction_weight",
            "min_answered",
            "min_rated",
            "satisfied",
        ],
    ),
];

fn given_keys(c: &RawComponent) -> Vec<(&'static str, Range<usize>)> {
    let mut v = Vec::new();
    macro_rules! key {
        ($($f:ident),*) => { $( if let Some(s) = &c.$f { v.push((stringify!($f), s.span())); } )* };
    }
    key!(
        min_score,
        max_score,
        min_count,
        trim,
        options,
        not_valid,
        groups,
        quorum,
        min_valid,
        dimensions,
        ratings,
        min_interviewers,
        full_mark,
        scale,
        pass_mark,
        not_counted,
        min_counted,
        satisfied,
        coverage_weight,
        satisfaction_weight,
        min_answered,
        min_rated
    );
    v
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
                let msg = e.message().trim().to_string();
                let d = match e.span() {
                    Some(span) => index.diag(file, span, msg),
                    None => crate::error::Diagnostic::error(file, msg),
                };
                sink.push(d);
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

fn check(raw: RawRubric, ck: &mut Checker) -> Rubric {
    let id = raw.rubric.id.get_ref().trim().to_string();
    if id.is_empty() {
        ck.err(raw.rubric.id.span(), "rubric id is empty");
    }

    // Total.
    let t = &raw.total;
    let missing = ck.enumerated(
        &t.missing,
        "missing-component policy",
        &[
            ("renormalise", MissingPolicy::Renormalise),
            ("zero", MissingPolicy::Zero),
            ("ungraded", MissingPolicy::Ungraded),
        ],
        MissingPolicy::Renormalise,
    );
    let rounding = ck.enumerated(
        &t.rounding,
        "rounding mode",
        &[
            ("half_up", RoundingMode::HalfUp),
            ("half_even", RoundingMode::HalfEven),
            ("down", RoundingMode::Down),
        ],
        RoundingMode::HalfUp,
    );
    let min_present_weight = t.min_present_weight.as_ref().map_or(Decimal::ZERO, |w| {
        let v = w.get_ref().0;
        if v < Decimal::ZERO || v > Decimal::ONE {
            ck.err(
                w.span(),
                format!("min_present_weight must lie between 0 and 1, got {v}"),
            );
        }
        v
    });
    if t.min_present_weight.is_some() && missing != MissingPolicy::Renormalise {
        let s = t
            .min_present_weight
            .as_ref()
            .map(|s| s.span())
            .unwrap_or_default();
        ck.err(
            s,
            "min_present_weight only applies when missing = \"renormalise\"",
        );
    }
    let decimals = t.decimals.as_ref().map_or(2, |d| {
        if *d.get_ref() > 6 {
            ck.err(d.span(), "decimals must be between 0 and 6");
        }
        *d.get_ref()
    });
    let floor = t.floor.as_ref().map(|f| f.get_ref().0);
    let cap = t.cap.as_ref().map(|f| f.get_ref().0);
    if let (Some(fl), Some(c)) = (floor, cap)
        && c < fl
    {
        ck.err(
            t.cap.as_ref().map(|s| s.span()).unwrap_or_default(),
            format!("total cap {c} is below the floor {fl}"),
        );
    }

    // Components.
    let mut components = Vec::new();
    let mut ids = HashSet::new();
    let mut weight_sum = Decimal::ZERO;
    for c in &raw.components {
        let cid = c.id.get_ref().trim().to_string();
        if cid.is_empty()
            || !cid
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-')
        {
            ck.err(
                c.id.span(),
                format!("component id \"{cid}\" must be letters, digits, '_' or '-'"),
            );
        } else if !ids.insert(cid.clone()) {
            ck.err(
                c.id.span(),
                format!("component id \"{cid}\" is declared twice"),
            );
        }
        let weight = c.weight.get_ref().0;
        if weight <= Decimal::ZERO || weight > Decimal::ONE {
            ck.err(
                c.weight.span(),
                format!("weight must be greater than 0 and at most 1, got {weight}"),
            );
        }
        weight_sum += weight;
        let kind = c.kind.get_ref().as_str();
        let Some((_, allowed)) = KIND_KEYS.iter().find(|(k, _)| *k == kind) else {
            ck.err(
                c.kind.span(),
                format!("unknown kind \"{kind}\"; expected one of \"panel\", \"ballot\", \"interview\", \"test\", \"phone\", \"visit\""),
            );
            continue;
        };
        for (key, span) in given_keys(c) {
            if !allowed.contains(&key) {
                ck.err(
                    span,
                    format!("key `{key}` does not apply to a component of kind \"{kind}\""),
                );
            }
        }
        if let Some(method) = method(c, kind, ck) {
            components.push(Component {
                id: cid,
                name: c.name.clone(),
                weight,
                method,
            });
        }
    }
    if raw.components.is_empty() {
        ck.err(
            0..0,
            "the rubric declares no component ([[component]] tables)",
        );
    } else if weight_sum != Decimal::ONE {
        let span = raw.components[0].weight.span();
        ck.err(
            span,
            format!(
                "component weights sum to {}, expected exactly 1",
                weight_sum.normalize()
            ),
        );
    }

    // Grades.
    let mut grades = Vec::new();
    let mut seen = HashSet::new();
    let mut prev: Option<Decimal> = None;
    for (i, b) in raw.grades.iter().enumerate() {
        let label = b.label.get_ref().trim().to_string();
        if label.is_empty() {
            ck.err(b.label.span(), "grade label is empty");
        } else if !seen.insert(label.clone()) {
            ck.err(
                b.label.span(),
                format!("grade \"{label}\" is declared twice"),
            );
        }
        let last = i + 1 == raw.grades.len();
        let min = b.min.as_ref().map(|m| m.get_ref().0);
        match (&b.min, min) {
            (None, _) if !last => ck.err(
                b.label.span(),
                format!("grade \"{label}\" needs a `min`; only the last band may go without"),
            ),
            (Some(s), Some(m)) => {
                if let Some(p) = prev
                    && m >= p
                {
                    ck.err(
                        s.span(),
                        format!(
                            "grade bands must be ordered from the highest: min {m} is not below {p}"
                        ),
                    );
                }
                if last {
                    let lowest = floor.unwrap_or(Decimal::ZERO);
                    if m > lowest {
                        ck.err(
                            s.span(),
                            format!("the last band starts at {m}, so totals below it get no grade; drop its `min` or set it to {lowest} or less"),
                        );
                    }
                }
                prev = Some(m);
            }
            _ => {}
        }
        grades.push(Band { label, min });
    }
    if raw.grades.is_empty() {
        ck.err(
            0..0,
            "the rubric declares no grade bands ([[grade]] tables)",
        );
    }
    let grade_ok = |ck: &mut Checker, g: &S<String>| -> String {
        if !grades.iter().any(|b| &b.label == g.get_ref()) {
            ck.err(
                g.span(),
                format!(
                    "grade \"{}\" is not one of the rubric's grades",
                    g.get_ref()
                ),
            );
        }
        g.get_ref().clone()
    };

    // Adjustments.
    let a = &raw.adjustments;
    let mut items = Vec::new();
    let mut item_ids = HashSet::new();
    for it in &a.items {
        let iid = it.id.get_ref().trim().to_string();
        if iid.is_empty() {
            ck.err(it.id.span(), "adjustment item id is empty");
        } else if !item_ids.insert(iid.clone()) {
            ck.err(
                it.id.span(),
                format!("adjustment item \"{iid}\" is declared twice"),
            );
        }
        let given = [
            it.bonus.is_some(),
            it.deduction.is_some(),
            it.veto.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if given != 1 {
            ck.err(
                it.id.span(),
                format!(
                    "adjustment item \"{iid}\" needs exactly one of `bonus`, `deduction` or `veto`"
                ),
            );
            continue;
        }
        let positive = |ck: &mut Checker, v: &S<Num>, key: &str| {
            if v.get_ref().0 <= Decimal::ZERO {
                ck.err(
                    v.span(),
                    format!(
                        "{key} must be greater than 0 (a deduction is written as a positive amount)"
                    ),
                );
            }
            v.get_ref().0
        };
        let effect = if let Some(b) = &it.bonus {
            ItemEffect::Bonus(positive(ck, b, "bonus"))
        } else if let Some(d) = &it.deduction {
            ItemEffect::Deduction(positive(ck, d, "deduction"))
        } else if let Some(v) = &it.veto {
            let r = v.get_ref();
            let set = [r.status.is_some(), r.grade.is_some(), r.cap.is_some()]
                .iter()
                .filter(|b| **b)
                .count();
            if set != 1 {
                ck.err(
                    v.span(),
                    "a veto needs exactly one of `status`, `grade` or `cap`",
                );
                continue;
            }
            if let Some(s) = &r.status {
                match s.get_ref().as_str() {
                    "pending" => ItemEffect::Veto(Veto::Pending),
                    "ungraded" => ItemEffect::Veto(Veto::Ungraded),
                    other => {
                        ck.err(s.span(), format!("unknown veto status \"{other}\"; expected \"pending\" or \"ungraded\""));
                        continue;
                    }
                }
            } else if let Some(g) = &r.grade {
                ItemEffect::Veto(Veto::Grade(grade_ok(ck, g)))
            } else if let Some(g) = &r.cap {
                ItemEffect::Veto(Veto::Cap(grade_ok(ck, g)))
            } else {
                continue;
            }
        } else {
            continue;
        };
        if let Some(c) = &it.cap {
            if matches!(effect, ItemEffect::Veto(_)) {
                ck.err(c.span(), "a veto item has no cap");
            } else if c.get_ref().0 <= Decimal::ZERO {
                ck.err(c.span(), "an item's cap must be greater than 0");
            }
        }
        items.push(AdjustmentItem {
            id: iid,
            name: it.name.clone(),
            effect,
            cap: it.cap.as_ref().map(|c| c.get_ref().0),
        });
    }
    let nonneg = |ck: &mut Checker, v: &Option<S<Num>>, key: &str| {
        v.as_ref().map(|s| {
            if s.get_ref().0 < Decimal::ZERO {
                ck.err(s.span(), format!("{key} must not be negative"));
            }
            s.get_ref().0
        })
    };
    let bonus_cap = nonneg(ck, &a.bonus_cap, "bonus_cap");
    let deduction_cap = nonneg(ck, &a.deduction_cap, "deduction_cap");
    let default_precedence = vec![
        VetoKind::Pending,
        VetoKind::Ungraded,
        VetoKind::Grade,
        VetoKind::Cap,
    ];
    let veto_precedence = match &a.veto_precedence {
        None => default_precedence,
        Some(list) => {
            let mut out = Vec::new();
            for k in list.get_ref() {
                let kind = ck.enumerated(
                    &Some(k.clone()),
                    "veto kind",
                    &[
                        ("pending", VetoKind::Pending),
                        ("ungraded", VetoKind::Ungraded),
                        ("grade", VetoKind::Grade),
                        ("cap", VetoKind::Cap),
                    ],
                    VetoKind::Pending,
                );
                if out.contains(&kind) {
                    ck.err(
                        k.span(),
                        format!("veto kind \"{}\" is listed twice", k.get_ref()),
                    );
                }
                out.push(kind);
            }
            if out.len() != 4 {
                ck.err(list.span(), "veto_precedence must list all four kinds: \"pending\", \"ungraded\", \"grade\", \"cap\"");
            }
            out
        }
    };

    // Eligibility.
    let mut eligibility = Vec::new();
    let mut rule_ids = HashSet::new();
    for e in &raw.eligibility {
        let rid = e.id.get_ref().trim().to_string();
        if rid.is_empty() || !rule_ids.insert(rid.clone()) {
            ck.err(
                e.id.span(),
                format!("eligibility rule id \"{rid}\" is empty or declared twice"),
            );
        }
        let grade = grade_ok(ck, &e.grade);
        let otherwise = grade_ok(ck, &e.otherwise);
        let comp = components.iter().find(|c| &c.id == e.component.get_ref());
        if comp.is_none() {
            ck.err(
                e.component.span(),
                format!(
                    "component \"{}\" is not declared in this rubric",
                    e.component.get_ref()
                ),
            );
        }
        let condition = match (&e.below, &e.option, &e.share_over) {
            (Some(b), None, None) => Condition::Below {
                component: e.component.get_ref().clone(),
                mark: b.get_ref().0,
            },
            (None, Some(o), Some(s)) => {
                match comp.map(|c| &c.method) {
                    Some(Method::Ballot(b))
                        if !b.options.iter().any(|x| &x.label == o.get_ref()) =>
                    {
                        ck.err(
                            o.span(),
                            format!(
                                "option \"{}\" is not one of the ballot's options",
                                o.get_ref()
                            ),
                        );
                    }
                    Some(Method::Ballot(_)) => {}
                    Some(_) => ck.err(
                        e.component.span(),
                        "`option` and `share_over` need a ballot component",
                    ),
                    None => {}
                }
                let share = s.get_ref().0.clone();
                if share < qi(0) || share > qi(1) {
                    ck.err(s.span(), "share_over must lie between 0 and 1");
                }
                Condition::ShareOver {
                    component: e.component.get_ref().clone(),
                    option: o.get_ref().clone(),
                    share,
                }
            }
            _ => {
                ck.err(
                    e.id.span(),
                    "an eligibility rule needs either `below`, or `option` with `share_over`",
                );
                continue;
            }
        };
        eligibility.push(EligibilityRule {
            id: rid,
            name: e.name.clone(),
            grade,
            otherwise,
            condition,
        });
    }

    // Quota.
    let quota = raw.quota.as_ref().map(|qr| {
        let grade = grade_ok(ck, &qr.grade);
        let demote_to = grade_ok(ck, &qr.demote_to);
        let ratio = qr.ratio.get_ref().0.clone();
        if ratio < qi(0) || ratio > qi(1) {
            ck.err(qr.ratio.span(), "quota ratio must lie between 0 and 1");
        }
        let rounding = ck.enumerated(
            &qr.rounding,
            "quota rounding",
            &[
                ("floor", QuotaRounding::Floor),
                ("half_up", QuotaRounding::HalfUp),
                ("ceiling", QuotaRounding::Ceiling),
            ],
            QuotaRounding::Floor,
        );
        let scope = ck.enumerated(
            &qr.scope,
            "quota scope",
            &[("bundle", QuotaScope::Bundle), ("unit", QuotaScope::Unit)],
            QuotaScope::Bundle,
        );
        let on_tie = ck.enumerated(
            &qr.on_tie,
            "on_tie",
            &[("vacate", OnTie::Vacate), ("pending", OnTie::Pending)],
            OnTie::Vacate,
        );
        let mut order = Vec::new();
        for k in qr.order.iter().flat_map(|o| o.get_ref()) {
            if k.get_ref() == "total" {
                order.push(OrderKey::Total);
            } else if components.iter().any(|c| &c.id == k.get_ref()) {
                order.push(OrderKey::Component(k.get_ref().clone()));
            } else {
                ck.err(
                    k.span(),
                    format!(
                        "order key \"{}\" is neither \"total\" nor a component of this rubric",
                        k.get_ref()
                    ),
                );
            }
        }
        if order.first() != Some(&OrderKey::Total) {
            order.insert(0, OrderKey::Total);
        }
        Quota {
            grade,
            ratio,
            rounding,
            scope,
            order,
            on_tie,
            demote_to,
        }
    });

    Rubric {
        id,
        name: raw.rubric.name,
        version: raw.rubric.version,
        components,
        total: TotalRule {
            missing,
            min_present_weight,
            decimals,
            rounding,
            floor,
            cap,
        },
        adjustments: Adjustments {
            items,
            bonus_cap,
            deduction_cap,
            veto_precedence,
        },
        grades,
        eligibility,
        quota,
    }
}

fn method(c: &RawComponent, kind: &str, ck: &mut Checker) -> Option<Method> {
    let need = |ck: &mut Checker, present: bool, key: &str| {
        if !present {
            ck.err(
                c.kind.span(),
                format!("a component of kind \"{kind}\" needs `{key}`"),
            );
        }
        present
    };
    let num = |v: &Option<S<Num>>, d: Decimal| v.as_ref().map_or(d, |s| s.get_ref().0);
    Some(match kind {
        "panel" => {
            let min_score = num(&c.min_score, Decimal::ZERO);
            let max_score = num(&c.max_score, Decimal::ONE_HUNDRED);
            if max_score <= min_score {
                ck.err(
                    c.max_score.as_ref().map_or(c.kind.span(), |s| s.span()),
                    "max_score must be above min_score",
                );
            }
            let min_count = ck.count(&c.min_count, 1, 1, "min_count");
            let trim = c.trim.as_ref().map(|t| {
                let r = t.get_ref();
                let at_least = *r.at_least.get_ref() as usize;
                let drop = *r.drop.get_ref() as usize;
                if drop == 0 || at_least <= 2 * drop {
                    ck.err(
                        t.span(),
                        format!(
                            "trim drops {drop} at each end, so at_least must be more than {}",
                            2 * drop
                        ),
                    );
                }
                Trim { at_least, drop }
            });
            Method::Panel(Panel {
                min_score,
                max_score,
                min_count,
                trim,
            })
        }
        "ballot" => {
            if !need(ck, c.options.is_some(), "options") {
                return None;
            }
            let mut seen = HashSet::new();
            let options = ck.labels(c.options.as_ref()?.get_ref(), "option", &mut seen);
            let not_valid = ck.plain_labels(&c.not_valid, "not_valid", &mut seen);
            let groups = c
                .groups
                .as_ref()
                .map(|g| ck.weighted(g.get_ref(), "voter group"))
                .unwrap_or_default()
                .into_iter()
                .map(|(label, weight)| VoterGroup { label, weight })
                .collect();
            let quorum = ck.enumerated(
                &c.quorum,
                "quorum",
                &[
                    ("none", Quorum::None),
                    ("more_than_half", Quorum::MoreThanHalf),
                ],
                Quorum::None,
            );
            let min_valid = ck.count(&c.min_valid, 1, 1, "min_valid");
            Method::Ballot(Ballot {
                options,
                not_valid,
                groups,
                quorum,
                min_valid,
            })
        }
        "interview" => {
            if !need(ck, c.dimensions.is_some(), "dimensions")
                | !need(ck, c.ratings.is_some(), "ratings")
            {
                return None;
            }
            let dimensions = ck
                .weighted(c.dimensions.as_ref()?.get_ref(), "dimension")
                .into_iter()
                .map(|(label, weight)| Dimension { label, weight })
                .collect();
            let ratings = ck.labels(c.ratings.as_ref()?.get_ref(), "rating", &mut HashSet::new());
            let min_interviewers = ck.count(&c.min_interviewers, 1, 1, "min_interviewers");
            Method::Interview(Interview {
                dimensions,
                ratings,
                min_interviewers,
            })
        }
        "test" => {
            let full_mark = num(&c.full_mark, Decimal::ONE_HUNDRED);
            if full_mark <= Decimal::ZERO {
                ck.err(
                    c.full_mark.as_ref().map_or(c.kind.span(), |s| s.span()),
                    "full_mark must be greater than 0",
                );
            }
            let scale = num(&c.scale, Decimal::ONE_HUNDRED);
            if scale <= Decimal::ZERO {
                ck.err(
                    c.scale.as_ref().map_or(c.kind.span(), |s| s.span()),
                    "scale must be greater than 0",
                );
            }
            let pass_mark = c.pass_mark.as_ref().map(|p| {
                let v = p.get_ref().0;
                if v < Decimal::ZERO || v > scale {
                    ck.err(
                        p.span(),
                        format!("pass_mark must lie between 0 and the scale {scale}"),
                    );
                }
                v
            });
            Method::Test(Test {
                full_mark,
                scale,
                pass_mark,
            })
        }
        "phone" => {
            if !need(ck, c.options.is_some(), "options") {
                return None;
            }
            let mut seen = HashSet::new();
            let options = ck.labels(c.options.as_ref()?.get_ref(), "option", &mut seen);
            let not_counted = ck.plain_labels(&c.not_counted, "not_counted", &mut seen);
            let min_counted = ck.count(&c.min_counted, 1, 1, "min_counted");
            let satisfied = ck.satisfied(&c.satisfied, &options);
            Method::Phone(Phone {
                options,
                not_counted,
                min_counted,
                satisfied,
            })
        }
        "visit" => {
            if !need(ck, c.options.is_some(), "options") {
                return None;
            }
            let options = ck.labels(c.options.as_ref()?.get_ref(), "option", &mut HashSet::new());
            let half = Decimal::new(5, 1);
            let coverage_weight = num(&c.coverage_weight, half);
            let satisfaction_weight = num(&c.satisfaction_weight, half);
            if coverage_weight < Decimal::ZERO
                || satisfaction_weight < Decimal::ZERO
                || coverage_weight + satisfaction_weight != Decimal::ONE
            {
                let span = c
                    .coverage_weight
                    .as_ref()
                    .or(c.satisfaction_weight.as_ref())
                    .map_or(c.kind.span(), |s| s.span());
                ck.err(span, format!("coverage_weight and satisfaction_weight must be at least 0 and sum to 1, got {} + {}", coverage_weight, satisfaction_weight));
            }
            let min_answered = ck.count(&c.min_answered, 1, 1, "min_answered");
            let min_rated = ck.count(&c.min_rated, 1, 1, "min_rated");
            let satisfied = ck.satisfied(&c.satisfied, &options);
            Method::Visit(Visit {
                options,
                coverage_weight,
                satisfaction_weight,
                min_answered,
                min_rated,
                satisfied,
            })
        }
        _ => return None,
    })
}
