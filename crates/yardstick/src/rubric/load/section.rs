//! The sections other than the components: `[total]`, `[[grade]]`, `[adjustments]`,
//! `[[eligibility]]`, `[quota]` and `[[consequence]]`.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::checker::Checker;
use super::{
    MOST, Num, RawAdjustments, RawBand, RawConsequence, RawEligibility, RawItem, RawQuota,
    RawTotal, RawVeto, S, SCALE,
};
use crate::msg;
use crate::num::{RoundingMode, qi};
use crate::rubric::{
    AdjustmentItem, Adjustments, Band, Component, ComponentId, Condition, Consequence,
    ConsequenceId, EligibilityRule, GradeId, GradeTest, ItemEffect, ItemId, Method, MissingPolicy,
    OnTie, OrderKey, Quota, QuotaRounding, QuotaScope, RuleId, TotalRule, Veto, VetoKind,
};

/// `[total]`.
pub(super) fn check_total(t: &RawTotal, ck: &mut Checker) -> TotalRule {
    let missing = ck.enumerated(
        &t.missing,
        msg!("what-missing-policy"),
        &[
            ("renormalise", MissingPolicy::Renormalise),
            ("zero", MissingPolicy::Zero),
            ("ungraded", MissingPolicy::Ungraded),
        ],
        MissingPolicy::Renormalise,
    );
    let rounding = ck.enumerated(
        &t.rounding,
        msg!("what-rounding-mode"),
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
            ck.err(w.span(), msg!("error-min-present-weight", value = v));
        }
        v
    });
    if let Some(w) = &t.min_present_weight
        && missing != MissingPolicy::Renormalise
    {
        ck.err(w.span(), msg!("error-min-present-weight-policy"));
    }
    let decimals = t.decimals.as_ref().map_or(2, |d| {
        if *d.get_ref() > 6 {
            ck.err(d.span(), msg!("error-decimals"));
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
            msg!("error-cap-below-floor", cap = c, floor = fl),
        );
    }
    TotalRule {
        missing,
        min_present_weight,
        decimals,
        rounding,
        floor,
        cap,
    }
}

/// `[[grade]]` bands, highest first; `floor` is the total's floor, which the last band covers.
pub(super) fn check_grades(
    list: &[RawBand],
    floor: Option<Decimal>,
    ck: &mut Checker,
) -> Vec<Band> {
    let mut grades = Vec::new();
    let mut seen = HashSet::new();
    let mut prev: Option<Decimal> = None;
    for (i, b) in list.iter().enumerate() {
        if GradeId::at(i).is_none() {
            ck.err(b.label.span(), msg!("error-too-many-grades", most = MOST));
            break;
        }
        let label = b.label.get_ref().trim().to_string();
        if label.is_empty() {
            ck.err(
                b.label.span(),
                msg!("error-label-empty", what = msg!("what-grade")),
            );
        } else if !seen.insert(label.clone()) {
            ck.err(
                b.label.span(),
                msg!(
                    "error-weighted-twice",
                    what = msg!("what-grade"),
                    label = label
                ),
            );
        }
        let last = i + 1 == list.len();
        let min = b.min.as_ref().map(|m| m.get_ref().0);
        match (&b.min, min) {
            (None, _) if !last => {
                ck.err(b.label.span(), msg!("error-grade-needs-min", label = label))
            }
            (Some(s), Some(m)) => {
                if let Some(p) = prev
                    && m >= p
                {
                    ck.err(s.span(), msg!("error-grades-order", min = m, previous = p));
                }
                if last {
                    let lowest = floor.unwrap_or(Decimal::ZERO);
                    if m > lowest {
                        ck.err(s.span(), msg!("error-last-band", min = m, lowest = lowest));
                    }
                }
                prev = Some(m);
            }
            _ => {}
        }
        grades.push(Band { label, min });
    }
    if list.is_empty() {
        ck.err(0..0, msg!("error-no-grades"));
    }
    grades
}

/// The names of the checked grades and components, for the sections that refer to them. A
/// name declared twice (an error reported already) stands for its first declaration.
pub(super) struct Refs<'r> {
    components: &'r [Component],
    grades: HashMap<&'r str, GradeId>,
    component_ids: HashMap<&'r str, ComponentId>,
}

impl<'r> Refs<'r> {
    pub(super) fn new(components: &'r [Component], grades: &'r [Band]) -> Self {
        let mut refs = Refs {
            components,
            grades: HashMap::new(),
            component_ids: HashMap::new(),
        };
        for (i, b) in grades.iter().enumerate() {
            if let Some(id) = GradeId::at(i) {
                refs.grades.entry(b.label.as_str()).or_insert(id);
            }
        }
        for (i, c) in components.iter().enumerate() {
            if let Some(id) = ComponentId::at(i) {
                refs.component_ids.entry(c.id.as_str()).or_insert(id);
            }
        }
        refs
    }

    /// The grade a key names; an error, and the first grade, when the rubric has no such grade.
    fn grade(&self, ck: &mut Checker, g: &S<String>) -> GradeId {
        match self.grades.get(g.get_ref().as_str()) {
            Some(id) => *id,
            None => {
                ck.err(g.span(), msg!("error-unknown-grade", grade = g.get_ref()));
                GradeId(0)
            }
        }
    }

    /// The component called `id`.
    fn component(&self, id: &str) -> Option<(ComponentId, &'r Component)> {
        let at = *self.component_ids.get(id)?;
        Some((at, &self.components[at.index()]))
    }
}

/// `[adjustments]` and its `[[adjustments.item]]` tables.
pub(super) fn check_adjustments(a: &RawAdjustments, refs: &Refs, ck: &mut Checker) -> Adjustments {
    let mut items = Vec::new();
    let mut ids = HashSet::new();
    for (i, it) in a.items.iter().enumerate() {
        if ItemId::at(i).is_none() {
            ck.err(it.id.span(), msg!("error-too-many-items", most = MOST));
            break;
        }
        if let Some(item) = check_item(it, &mut ids, refs, ck) {
            items.push(item);
        }
    }
    let bonus_cap = not_negative(ck, &a.bonus_cap, "bonus_cap");
    let deduction_cap = not_negative(ck, &a.deduction_cap, "deduction_cap");
    let veto_precedence = match &a.veto_precedence {
        None => vec![
            VetoKind::Pending,
            VetoKind::Ungraded,
            VetoKind::Grade,
            VetoKind::Cap,
        ],
        Some(list) => check_precedence(list, ck),
    };
    Adjustments {
        items,
        bonus_cap,
        deduction_cap,
        veto_precedence,
    }
}

fn not_negative(ck: &mut Checker, v: &Option<S<Num>>, key: &str) -> Option<Decimal> {
    v.as_ref().map(|s| {
        if s.get_ref().0 < Decimal::ZERO {
            ck.err(s.span(), msg!("error-negative", key = key));
        }
        s.get_ref().0
    })
}

/// One item; `None` when what it does cannot be told.
fn check_item(
    it: &RawItem,
    ids: &mut HashSet<String>,
    refs: &Refs,
    ck: &mut Checker,
) -> Option<AdjustmentItem> {
    let iid = it.id.get_ref().trim().to_string();
    if iid.is_empty() {
        ck.err(it.id.span(), msg!("error-item-id-empty"));
    } else if !ids.insert(iid.clone()) {
        ck.err(
            it.id.span(),
            msg!(
                "error-weighted-twice",
                what = msg!("what-adjustment-item"),
                label = iid
            ),
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
        ck.err(it.id.span(), msg!("error-item-effect", id = iid));
        return None;
    }
    let effect = if let Some(b) = &it.bonus {
        ItemEffect::Bonus(positive(ck, b, "bonus"))
    } else if let Some(d) = &it.deduction {
        ItemEffect::Deduction(positive(ck, d, "deduction"))
    } else {
        ItemEffect::Veto(check_veto(it.veto.as_ref()?, refs, ck)?)
    };
    if let Some(c) = &it.cap {
        if matches!(effect, ItemEffect::Veto(_)) {
            ck.err(c.span(), msg!("error-veto-cap"));
        } else if c.get_ref().0 <= Decimal::ZERO {
            ck.err(c.span(), msg!("error-item-cap"));
        }
    }
    Some(AdjustmentItem {
        id: iid,
        name: it.name.clone(),
        effect,
        cap: it.cap.as_ref().map(|c| c.get_ref().0),
    })
}

/// A bonus or deduction amount, which must be above 0.
fn positive(ck: &mut Checker, v: &S<Num>, key: &str) -> Decimal {
    if v.get_ref().0 <= Decimal::ZERO {
        ck.err(v.span(), msg!("error-amount-not-positive", key = key));
    }
    v.get_ref().0
}

/// A veto: exactly one of `status`, `grade` or `cap`.
fn check_veto(v: &S<RawVeto>, refs: &Refs, ck: &mut Checker) -> Option<Veto> {
    let r = v.get_ref();
    let set = [r.status.is_some(), r.grade.is_some(), r.cap.is_some()]
        .iter()
        .filter(|b| **b)
        .count();
    if set != 1 {
        ck.err(v.span(), msg!("error-veto-kind"));
        return None;
    }
    if let Some(s) = &r.status {
        match s.get_ref().as_str() {
            "pending" => Some(Veto::Pending),
            "ungraded" => Some(Veto::Ungraded),
            other => {
                ck.err(s.span(), msg!("error-veto-status", status = other));
                None
            }
        }
    } else if let Some(g) = &r.grade {
        Some(Veto::Grade(refs.grade(ck, g)))
    } else {
        r.cap.as_ref().map(|g| Veto::Cap(refs.grade(ck, g)))
    }
}

/// `veto_precedence`: all four kinds, once each.
fn check_precedence(list: &S<Vec<S<String>>>, ck: &mut Checker) -> Vec<VetoKind> {
    const KINDS: [(&str, VetoKind); 4] = [
        ("pending", VetoKind::Pending),
        ("ungraded", VetoKind::Ungraded),
        ("grade", VetoKind::Grade),
        ("cap", VetoKind::Cap),
    ];
    let mut out = Vec::new();
    for k in list.get_ref() {
        let Some(&(_, kind)) = KINDS.iter().find(|(name, _)| name == k.get_ref()) else {
            // Reported as unknown, and not as a repeat of the default it would stand in for.
            let what = msg!("what-veto-kind");
            ck.enumerated(&Some(k.clone()), what, &KINDS, VetoKind::Pending);
            continue;
        };
        if out.contains(&kind) {
            ck.err(k.span(), msg!("error-veto-kind-twice", kind = k.get_ref()));
        }
        out.push(kind);
    }
    if out.len() != 4 {
        ck.err(list.span(), msg!("error-veto-precedence"));
    }
    out
}

/// `[[eligibility]]` rules, which read the checked components and grades.
pub(super) fn check_eligibility(
    list: &[RawEligibility],
    refs: &Refs,
    ck: &mut Checker,
) -> Vec<EligibilityRule> {
    let mut rules = Vec::new();
    let mut ids = HashSet::new();
    for (i, e) in list.iter().enumerate() {
        if RuleId::at(i).is_none() {
            ck.err(e.id.span(), msg!("error-too-many-rules", most = MOST));
            break;
        }
        if let Some(rule) = check_rule(e, &mut ids, refs, ck) {
            rules.push(rule);
        }
    }
    rules
}

/// One rule; `None` when it gives neither condition, or both.
fn check_rule(
    e: &RawEligibility,
    ids: &mut HashSet<String>,
    refs: &Refs,
    ck: &mut Checker,
) -> Option<EligibilityRule> {
    let rid = e.id.get_ref().trim().to_string();
    if rid.is_empty() || !ids.insert(rid.clone()) {
        ck.err(e.id.span(), msg!("error-rule-id", id = rid));
    }
    let grade = refs.grade(ck, &e.grade);
    let otherwise = refs.grade(ck, &e.otherwise);
    let found = refs.component(e.component.get_ref());
    let comp = found.map(|(_, c)| c);
    let component = found.map_or(ComponentId(0), |(id, _)| id);
    if comp.is_none() {
        ck.err(
            e.component.span(),
            msg!("error-rule-component", component = e.component.get_ref()),
        );
    }
    let condition = match (&e.below, &e.option, &e.share_over) {
        (Some(b), None, None) => Condition::Below {
            component,
            mark: below(comp, b, ck),
        },
        (None, Some(o), Some(s)) => {
            let option = share_option(e, comp, o, ck);
            let share = s.get_ref().0.clone();
            if share < qi(0) || share > qi(1) {
                ck.err(s.span(), msg!("error-share-over"));
            }
            Condition::ShareOver {
                component,
                option: option.unwrap_or(0),
                share,
            }
        }
        _ => {
            ck.err(e.id.span(), msg!("error-rule-condition"));
            return None;
        }
    };
    Some(EligibilityRule {
        id: rid,
        name: e.name.clone(),
        grade,
        otherwise,
        condition,
    })
}

/// A `below` mark, which must lie on the scale of the component's score: 0 to the test's
/// `scale`, or to [`SCALE`].
fn below(comp: Option<&Component>, b: &S<Num>, ck: &mut Checker) -> Decimal {
    let mark = b.get_ref().0;
    if let Some(c) = comp {
        let top = match &c.method {
            Method::Test(t) => t.scale,
            _ => SCALE,
        };
        // A test's scale out of bounds is reported already, and says nothing about the mark.
        let scale_ok = top > Decimal::ZERO && top <= SCALE;
        if scale_ok && (mark < Decimal::ZERO || mark > top) {
            ck.err(
                b.span(),
                msg!("error-below", top = top, component = c.id, mark = mark),
            );
        }
    }
    mark
}

/// The place of a share rule's `option` among its ballot's options; `comp` is the component
/// the rule names, `None` when the rubric has none of that id (reported already).
fn share_option(
    e: &RawEligibility,
    comp: Option<&Component>,
    o: &S<String>,
    ck: &mut Checker,
) -> Option<usize> {
    match comp.map(|c| &c.method) {
        Some(Method::Ballot(b)) => {
            let option = b.options.iter().position(|x| &x.label == o.get_ref());
            if option.is_none() {
                ck.err(o.span(), msg!("error-rule-option", option = o.get_ref()));
            }
            option
        }
        Some(_) => {
            ck.err(e.component.span(), msg!("error-rule-not-ballot"));
            None
        }
        None => None,
    }
}

/// `[quota]`, which reads the checked components and grades.
pub(super) fn check_quota(qr: &RawQuota, refs: &Refs, ck: &mut Checker) -> Quota {
    let grade = refs.grade(ck, &qr.grade);
    let demote_to = refs.grade(ck, &qr.demote_to);
    let ratio = qr.ratio.get_ref().0.clone();
    if ratio < qi(0) || ratio > qi(1) {
        ck.err(qr.ratio.span(), msg!("error-quota-ratio"));
    }
    let rounding = ck.enumerated(
        &qr.rounding,
        msg!("what-quota-rounding"),
        &[
            ("floor", QuotaRounding::Floor),
            ("half_up", QuotaRounding::HalfUp),
            ("ceiling", QuotaRounding::Ceiling),
        ],
        QuotaRounding::Floor,
    );
    let scope = ck.enumerated(
        &qr.scope,
        msg!("what-quota-scope"),
        &[("bundle", QuotaScope::Bundle), ("unit", QuotaScope::Unit)],
        QuotaScope::Bundle,
    );
    let on_tie = ck.enumerated(
        &qr.on_tie,
        msg!("what-on-tie"),
        &[("vacate", OnTie::Vacate), ("pending", OnTie::Pending)],
        OnTie::Vacate,
    );
    let order = order_keys(&qr.order, refs, ck);
    Quota {
        grade,
        ratio,
        rounding,
        scope,
        order,
        on_tie,
        demote_to,
    }
}

/// The quota's `order`, with `"total"` put in front when not written first.
fn order_keys(list: &Option<S<Vec<S<String>>>>, refs: &Refs, ck: &mut Checker) -> Vec<OrderKey> {
    let mut order = Vec::new();
    for k in list.iter().flat_map(|o| o.get_ref()) {
        if k.get_ref() == "total" {
            order.push(OrderKey::Total);
        } else if let Some((id, _)) = refs.component(k.get_ref()) {
            order.push(OrderKey::Component(id));
        } else {
            ck.err(k.span(), msg!("error-order-key", key = k.get_ref()));
        }
    }
    if order.first() != Some(&OrderKey::Total) {
        order.insert(0, OrderKey::Total);
    }
    order
}

/// The most consecutive years a consequence may count: more than a working life says the
/// rubric is mistyped.
const MOST_YEARS: i64 = 50;

/// `[[consequence]]` tables, which read the checked grades.
pub(super) fn check_consequences(
    list: &[RawConsequence],
    refs: &Refs,
    ck: &mut Checker,
) -> Vec<Consequence> {
    let mut out = Vec::new();
    let mut ids = HashSet::new();
    for (i, c) in list.iter().enumerate() {
        if ConsequenceId::at(i).is_none() {
            ck.err(
                c.id.span(),
                crate::msg!("error-consequence-too-many", most = MOST),
            );
            break;
        }
        let id = c.id.get_ref().trim().to_string();
        if id.is_empty() {
            ck.err(c.id.span(), crate::msg!("error-consequence-id-empty"));
        } else if !ids.insert(id.clone()) {
            ck.err(c.id.span(), crate::msg!("error-consequence-twice", id = id));
        }
        let years = *c.years.get_ref();
        if !(1..=MOST_YEARS).contains(&years) {
            ck.err(
                c.years.span(),
                crate::msg!("error-consequence-years", most = MOST_YEARS, years = years),
            );
        }
        let test = match (&c.grade, &c.at_least) {
            (Some(g), None) => GradeTest::Exactly(refs.grade(ck, g)),
            (None, Some(g)) => GradeTest::AtLeast(refs.grade(ck, g)),
            _ => {
                ck.err(c.id.span(), crate::msg!("error-consequence-grade", id = id));
                continue;
            }
        };
        out.push(Consequence {
            id,
            name: c.name.clone(),
            test,
            years: u32::try_from(years.clamp(1, MOST_YEARS)).unwrap_or(1),
        });
    }
    out
}
