//! `[[component]]` tables: the keys common to every kind, then one function per kind.

use std::collections::HashSet;
use std::ops::Range;

use rust_decimal::Decimal;

use super::checker::Checker;
use super::{MOST, Num, RawComponent, S, SCALE};
use crate::i18n::Message;
use crate::msg;
use crate::rubric::{
    Ballot, Component, ComponentId, Dimension, Interview, Method, Panel, PeriodKind, Phone, Quorum,
    ScoreItem, Scorecard, Test, Trim, Visit, VoterGroup,
};

/// The keys each kind accepts besides `id`, `kind`, `name` and `weight`.
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
    (
        "scorecard",
        &["period", "base", "floor", "ceiling", "min_periods", "items"],
    ),
];

/// The kind-specific keys written in a component table, with their spans.
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
        min_rated,
        period,
        base,
        floor,
        ceiling,
        min_periods,
        items
    );
    v
}

/// Every `[[component]]` table, then the sum of the weights. A component whose kind is unknown
/// or lacks a required key is left out of the list (its weight still counts in the sum).
pub(super) fn check_components(list: &[RawComponent], ck: &mut Checker) -> Vec<Component> {
    let mut components = Vec::new();
    let mut ids = HashSet::new();
    let mut weight_sum = Decimal::ZERO;
    for (i, c) in list.iter().enumerate() {
        if ComponentId::at(i).is_none() {
            ck.err(c.id.span(), msg!("error-too-many-components", most = MOST));
            break;
        }
        weight_sum += c.weight.get_ref().0;
        if let Some(component) = check_component(c, &mut ids, ck) {
            components.push(component);
        }
    }
    if list.is_empty() {
        ck.err(0..0, msg!("error-no-components"));
    } else if weight_sum != Decimal::ONE {
        let span = list[0].weight.span();
        ck.err(
            span,
            msg!("error-weights-sum", sum = weight_sum.normalize()),
        );
    }
    components
}

/// One component: its id, weight, kind, the keys its kind allows, then its method.
fn check_component(
    c: &RawComponent,
    ids: &mut HashSet<String>,
    ck: &mut Checker,
) -> Option<Component> {
    let cid = c.id.get_ref().trim().to_string();
    if cid.is_empty()
        || !cid
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-')
    {
        ck.err(c.id.span(), msg!("error-component-id-chars", id = cid));
    } else if !ids.insert(cid.clone()) {
        ck.err(c.id.span(), msg!("error-component-id-twice", id = cid));
    }
    let weight = c.weight.get_ref().0;
    if weight <= Decimal::ZERO || weight > Decimal::ONE {
        ck.err(
            c.weight.span(),
            msg!("error-component-weight", weight = weight),
        );
    }
    let kind = c.kind.get_ref().as_str();
    let Some((_, allowed)) = KIND_KEYS.iter().find(|(k, _)| *k == kind) else {
        ck.err(c.kind.span(), msg!("error-unknown-kind", kind = kind));
        return None;
    };
    for (key, span) in given_keys(c) {
        if !allowed.contains(&key) {
            ck.err(span, msg!("error-key-not-for-kind", key = key, kind = kind));
        }
    }
    let method = match kind {
        "panel" => panel(c, ck),
        "ballot" => ballot(c, ck)?,
        "interview" => interview(c, ck)?,
        "test" => test(c, ck),
        "phone" => phone(c, ck)?,
        "visit" => visit(c, ck)?,
        "scorecard" => scorecard(c, ck)?,
        _ => return None,
    };
    Some(Component {
        id: cid,
        name: c.name.clone(),
        weight,
        method,
    })
}

/// Reports a required key of the kind that is not written; `present` is whether it is.
fn need(ck: &mut Checker, c: &RawComponent, present: bool, key: &str) -> bool {
    if !present {
        ck.err(
            c.kind.span(),
            msg!("error-kind-needs-key", kind = c.kind.get_ref(), key = key),
        );
    }
    present
}

/// The number written, or `default`.
fn num_or(v: &Option<S<Num>>, default: Decimal) -> Decimal {
    v.as_ref().map_or(default, |s| s.get_ref().0)
}

/// The span of an optional key, or of the component's `kind` when the key is not written.
fn span_or_kind<T>(v: &Option<S<T>>, c: &RawComponent) -> Range<usize> {
    v.as_ref().map_or(c.kind.span(), |s| s.span())
}

/// Reports a number outside the scale of component scores, 0 to [`SCALE`].
fn in_scale(ck: &mut Checker, v: &Option<S<Num>>, key: &str) {
    if let Some(s) = v {
        let n = s.get_ref().0;
        if n < Decimal::ZERO || n > SCALE {
            ck.err(
                s.span(),
                msg!("error-off-scale", key = key, scale = SCALE, value = n),
            );
        }
    }
}

fn panel(c: &RawComponent, ck: &mut Checker) -> Method {
    let min_score = num_or(&c.min_score, Decimal::ZERO);
    let max_score = num_or(&c.max_score, SCALE);
    in_scale(ck, &c.min_score, "min_score");
    in_scale(ck, &c.max_score, "max_score");
    if max_score <= min_score {
        ck.err(
            span_or_kind(&c.max_score, c),
            msg!("error-max-score-not-above"),
        );
    }
    let min_count = ck.count(&c.min_count, 1, 1, "min_count");
    let trim = c.trim.as_ref().map(|t| {
        let r = t.get_ref();
        let at_least = *r.at_least.get_ref() as usize;
        let drop = *r.drop.get_ref() as usize;
        if drop == 0 || at_least <= 2 * drop {
            ck.err(t.span(), msg!("error-trim", drop = drop, least = 2 * drop));
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

fn ballot(c: &RawComponent, ck: &mut Checker) -> Option<Method> {
    if !need(ck, c, c.options.is_some(), "options") {
        return None;
    }
    let list = c.options.as_ref()?;
    ck.not_empty(list, "options", msg!("what-instead-ballot-options"));
    let mut seen = HashSet::new();
    let options = ck.labels(list.get_ref(), msg!("what-option"), &mut seen);
    let not_valid = ck.plain_labels(&c.not_valid, "not_valid", &mut seen);
    let groups = c
        .groups
        .as_ref()
        .map(|g| {
            ck.not_empty(g, "groups", msg!("what-instead-groups"));
            ck.weighted(g.get_ref(), msg!("what-voter-group"))
        })
        .unwrap_or_default()
        .into_iter()
        .map(|(label, weight)| VoterGroup { label, weight })
        .collect();
    let quorum = ck.enumerated(
        &c.quorum,
        msg!("what-quorum"),
        &[
            ("none", Quorum::None),
            ("more_than_half", Quorum::MoreThanHalf),
        ],
        Quorum::None,
    );
    let min_valid = ck.count(&c.min_valid, 1, 1, "min_valid");
    Some(Method::Ballot(Ballot {
        options,
        not_valid,
        groups,
        quorum,
        min_valid,
    }))
}

fn interview(c: &RawComponent, ck: &mut Checker) -> Option<Method> {
    if !need(ck, c, c.dimensions.is_some(), "dimensions")
        | !need(ck, c, c.ratings.is_some(), "ratings")
    {
        return None;
    }
    let (dimensions, ratings) = (c.dimensions.as_ref()?, c.ratings.as_ref()?);
    ck.not_empty(dimensions, "dimensions", msg!("what-instead-dimensions"));
    let dimensions = ck
        .weighted(dimensions.get_ref(), msg!("what-dimension"))
        .into_iter()
        .map(|(label, weight)| Dimension { label, weight })
        .collect();
    ck.not_empty(ratings, "ratings", msg!("what-instead-ratings"));
    let ratings = ck.labels(ratings.get_ref(), msg!("what-rating"), &mut HashSet::new());
    let min_interviewers = ck.count(&c.min_interviewers, 1, 1, "min_interviewers");
    Some(Method::Interview(Interview {
        dimensions,
        ratings,
        min_interviewers,
    }))
}

fn test(c: &RawComponent, ck: &mut Checker) -> Method {
    let full_mark = num_or(&c.full_mark, Decimal::ONE_HUNDRED);
    if full_mark <= Decimal::ZERO {
        ck.err(
            span_or_kind(&c.full_mark, c),
            msg!("error-full-mark-not-positive"),
        );
    }
    let scale = num_or(&c.scale, SCALE);
    if scale <= Decimal::ZERO {
        ck.err(span_or_kind(&c.scale, c), msg!("error-scale-not-positive"));
    } else if scale > SCALE {
        ck.err(
            span_or_kind(&c.scale, c),
            msg!("error-scale-too-high", top = SCALE, scale = scale),
        );
    }
    let pass_mark = c.pass_mark.as_ref().map(|p| {
        let v = p.get_ref().0;
        if v < Decimal::ZERO || v > scale {
            ck.err(p.span(), msg!("error-pass-mark", scale = scale));
        }
        v
    });
    Method::Test(Test {
        full_mark,
        scale,
        pass_mark,
    })
}

fn phone(c: &RawComponent, ck: &mut Checker) -> Option<Method> {
    if !need(ck, c, c.options.is_some(), "options") {
        return None;
    }
    let list = c.options.as_ref()?;
    ck.not_empty(list, "options", msg!("what-instead-phone-options"));
    let mut seen = HashSet::new();
    let options = ck.labels(list.get_ref(), msg!("what-option"), &mut seen);
    let not_counted = ck.plain_labels(&c.not_counted, "not_counted", &mut seen);
    let min_counted = ck.count(&c.min_counted, 1, 1, "min_counted");
    let satisfied = ck.satisfied(&c.satisfied, &options);
    Some(Method::Phone(Phone {
        options,
        not_counted,
        min_counted,
        satisfied,
    }))
}

fn visit(c: &RawComponent, ck: &mut Checker) -> Option<Method> {
    if !need(ck, c, c.options.is_some(), "options") {
        return None;
    }
    let list = c.options.as_ref()?;
    ck.not_empty(list, "options", msg!("what-instead-visit-options"));
    let options = ck.labels(list.get_ref(), msg!("what-option"), &mut HashSet::new());
    let half = Decimal::new(5, 1);
    let coverage_weight = num_or(&c.coverage_weight, half);
    let satisfaction_weight = num_or(&c.satisfaction_weight, half);
    if coverage_weight < Decimal::ZERO
        || satisfaction_weight < Decimal::ZERO
        || coverage_weight + satisfaction_weight != Decimal::ONE
    {
        let span = c
            .coverage_weight
            .as_ref()
            .or(c.satisfaction_weight.as_ref())
            .map_or(c.kind.span(), |s| s.span());
        ck.err(
            span,
            msg!(
                "error-visit-weights",
                coverage = coverage_weight,
                satisfaction = satisfaction_weight
            ),
        );
    }
    let min_answered = ck.count(&c.min_answered, 1, 1, "min_answered");
    let min_rated = ck.count(&c.min_rated, 1, 1, "min_rated");
    let satisfied = ck.satisfied(&c.satisfied, &options);
    Some(Method::Visit(Visit {
        options,
        coverage_weight,
        satisfaction_weight,
        min_answered,
        min_rated,
        satisfied,
    }))
}

fn scorecard(c: &RawComponent, ck: &mut Checker) -> Option<Method> {
    if !need(ck, c, c.period.is_some(), "period")
        | !need(ck, c, c.base.is_some(), "base")
        | !need(ck, c, c.items.is_some(), "items")
    {
        return None;
    }
    let choices: Vec<(&str, PeriodKind)> =
        PeriodKind::ALL.iter().map(|k| (k.as_str(), *k)).collect();
    let period = ck.enumerated(
        &c.period,
        msg!("what-period-key"),
        &choices,
        PeriodKind::Month,
    );
    in_scale(ck, &c.base, "base");
    in_scale(ck, &c.floor, "floor");
    in_scale(ck, &c.ceiling, "ceiling");
    let base = num_or(&c.base, Decimal::ZERO);
    let floor = num_or(&c.floor, Decimal::ZERO);
    let ceiling = c.ceiling.as_ref().map(|s| s.get_ref().0);
    if let (Some(top), Some(span)) = (ceiling, c.ceiling.as_ref().map(|s| s.span()))
        && top < floor
    {
        ck.err(
            span,
            msg!("error-ceiling-below-floor", ceiling = top, floor = floor),
        );
    }
    let min_periods = ck.count(&c.min_periods, 1, 1, "min_periods");
    if let Some(m) = &c.min_periods
        && min_periods > period.per_year()
    {
        ck.err(
            m.span(),
            msg!(
                "error-min-periods",
                min = min_periods,
                per_year = period.per_year(),
                period = period.as_str()
            ),
        );
    }
    let list = c.items.as_ref()?;
    ck.not_empty(list, "items", msg!("what-instead-items"));
    let items = score_items(list.get_ref(), ck);
    Some(Method::Scorecard(Scorecard {
        period,
        base,
        floor,
        ceiling,
        min_periods,
        items,
    }))
}

/// A scorecard's items: ids as component ids are written, ids and names each used once
/// (a file may give either, so a name may not be another item's id), points not 0, limits
/// above 0.
fn score_items(list: &[super::RawScoreItem], ck: &mut Checker) -> Vec<ScoreItem> {
    let mut out: Vec<ScoreItem> = Vec::new();
    // Every id and name given so far, with what it was (`what-item-id`, `what-item-name`).
    let mut seen: std::collections::HashMap<String, &'static str> = Default::default();
    for it in list {
        let id = it.id.get_ref().trim().to_string();
        let name = it.name.get_ref().trim().to_string();
        if id.is_empty()
            || !id
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-')
        {
            ck.err(it.id.span(), msg!("error-item-id-chars", id = id));
        } else if let Some(was) = seen.insert(id.clone(), "what-item-id") {
            ck.err(
                it.id.span(),
                msg!("error-item-id-taken", id = id, was = Message::new(was)),
            );
        }
        if name.is_empty() {
            ck.err(it.name.span(), msg!("error-item-name-empty"));
        } else if name != id
            && let Some(was) = seen.insert(name.clone(), "what-item-name")
        {
            ck.err(
                it.name.span(),
                msg!(
                    "error-item-name-taken",
                    name = name,
                    was = Message::new(was)
                ),
            );
        }
        let points = it.points.get_ref().0;
        if points.is_zero() {
            ck.err(it.points.span(), msg!("error-points-zero"));
        }
        let limit = it.limit.as_ref().map(|l| {
            let v = l.get_ref().0;
            if v <= Decimal::ZERO {
                ck.err(l.span(), msg!("error-limit-not-positive", value = v));
            }
            v
        });
        if ComponentId::at(out.len()).is_none() {
            ck.err(
                it.id.span(),
                msg!("error-too-many-scorecard-items", most = MOST),
            );
            break;
        }
        out.push(ScoreItem {
            id,
            name,
            points,
            limit,
        });
    }
    out
}
