//! A worker's outcome explained: every step that made it, from the engine's [`crate::trace::Trail`], in words
//! an evaluator understands ([`Explanation::text`]) or as JSON data
//! ([`Explanation::write_json`]). Only the cohort's standings and this one worker's trail are
//! made, however large the bundle.

use std::fmt::Write;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::engine::Scored;
use crate::i18n::Lang;
use crate::input::Worker;
use crate::method::scorecard::{NotCounted, ScorecardDetail};
use crate::method::{Detail, Share};
use crate::num::{RoundingMode, describe};
use crate::result::{Outcome, Status};
use crate::rubric::{MissingPolicy, QuotaRounding, Rubric};
use crate::tr;
use crate::trace::{Decision, ItemKind, Step, VetoEffect};

/// One worker's final outcome with every step that made it.
#[derive(Debug, Clone)]
pub struct Explanation<'b> {
    /// The worker.
    pub worker: &'b Worker,
    /// The final outcome.
    pub outcome: Outcome,
    /// Every step, in order.
    pub steps: Vec<Step<'b>>,
    rubric: &'b Rubric,
    lang: Lang,
}

/// Explains roster worker `i` of a scored bundle.
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
/// let scored = yardstick::score(&bundle);
/// let i = scored.index_of("DM01").unwrap();
/// let text = yardstick::explain::explain(&scored, i).text();
/// assert!(text.starts_with("DM01 张丽萍"));
/// ```
pub fn explain<'b>(scored: &Scored<'b>, i: usize) -> Explanation<'b> {
    let (outcome, steps) = scored.trace(i);
    Explanation {
        worker: &scored.bundle().workers()[i],
        outcome,
        steps,
        rubric: scored.bundle().rubric(),
        lang: scored.lang(),
    }
}

impl Explanation<'_> {
    /// Every step in words (in the language of the scoring, see [`Scored::with_lang`]), then
    /// the result and the flags.
    pub fn text(&self) -> String {
        crate::show::printable_lines(&render(self)).into_owned()
    }

    /// The steps as a JSON array (numbers as numbers; an exact value as
    /// `{"value": 26.666666666667, "fraction": "80/3"}`), pretty-printed.
    pub fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut ser =
            serde_json::Serializer::with_formatter(out, serde_json::ser::PrettyFormatter::new());
        self.steps
            .serialize(&mut ser)
            .map_err(std::io::Error::other)
    }
}

/// The share of satisfied answers with its interval, in words.
fn share(lang: Lang, s: &Option<Share>) -> String {
    match s {
        Some(s) => tr!(
            lang,
            "explain-share",
            hits = s.hits,
            n = s.n,
            share = format!("{:.1}", s.share * 100.0),
            low = format!("{:.1}", s.low * 100.0),
            high = format!("{:.1}", s.high * 100.0)
        ),
        None => String::new(),
    }
}

fn tally(lang: Lang, t: &[crate::method::Tally]) -> String {
    t.iter()
        .map(|t| {
            if t.label.is_empty() {
                format!("{} {}", tr!(lang, "explain-blank"), t.count)
            } else {
                format!("{} {}", t.label, t.count)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn or_none(lang: Lang, d: Option<Decimal>) -> String {
    d.map_or_else(|| tr!(lang, "explain-none"), |d| d.normalize().to_string())
}

/// What a method's figures say, in words.
fn detail_text(lang: Lang, detail: &Detail, exact: bool) -> String {
    match detail {
        Detail::NoFile => tr!(lang, "explain-no-file"),
        Detail::Panel(p) => {
            let all: Vec<String> = p.scores.iter().map(|s| s.score.to_string()).collect();
            let mut s = tr!(
                lang,
                "explain-panel",
                count = p.scores.len(),
                scores = all.join(", ")
            );
            let by = |list: &[crate::method::panel::RaterScore]| {
                list.iter()
                    .map(|r| {
                        tr!(
                            lang,
                            "explain-rater-score",
                            score = r.score,
                            rater = r.rater_id
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if !p.dropped_high.is_empty() {
                s.push_str(&tr!(
                    lang,
                    "explain-panel-trimmed",
                    high = by(&p.dropped_high),
                    low = by(&p.dropped_low),
                    used = p.used
                ));
            } else if exact {
                s.push_str(&tr!(lang, "explain-panel-mean", used = p.used));
            }
            s
        }
        Detail::Ballot(b) => {
            let mut s = tr!(
                lang,
                "explain-ballot",
                cast = b.cast,
                valid = b.valid,
                options = tally(lang, &b.options),
                not_valid = tally(lang, &b.not_valid)
            );
            if let Some(e) = b.electorate {
                s.push_str(&if b.quorum_met {
                    tr!(lang, "explain-ballot-quorum-met", electorate = e)
                } else {
                    tr!(lang, "explain-ballot-quorum-not-met", electorate = e)
                });
            }
            for g in &b.groups {
                s.push_str(&tr!(
                    lang,
                    "explain-ballot-group",
                    group = g.label,
                    weight = g.weight.normalize(),
                    valid = g.valid,
                    mean = or_none(lang, g.mean)
                ));
            }
            s
        }
        Detail::Interview(i) => i
            .interviewers
            .iter()
            .map(|x| {
                let r: Vec<String> = x.ratings.iter().map(|(d, r)| format!("{d} {r}")).collect();
                format!(
                    "{} [{}] → {}",
                    x.interviewer_id,
                    r.join(", "),
                    x.value.normalize()
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        Detail::Test(t) => match (t.marks, t.max) {
            (Some(m), Some(x)) => {
                let mut s = tr!(lang, "explain-test", marks = m, max = x);
                if let Some(p) = t.pass_mark {
                    s.push_str(&if t.failed {
                        tr!(lang, "explain-test-fail", pass = p)
                    } else {
                        tr!(lang, "explain-test-pass", pass = p)
                    });
                }
                s
            }
            _ => tr!(lang, "explain-test-none"),
        },
        Detail::Phone(p) => {
            tr!(
                lang,
                "explain-phone",
                calls = p.calls,
                counted = p.counted,
                options = tally(lang, &p.options),
                not_counted = tally(lang, &p.not_counted)
            ) + &share(lang, &p.satisfied)
        }
        Detail::Visit(v) => {
            tr!(
                lang,
                "explain-visit",
                households = v.households,
                yes = v.yes,
                no = v.no,
                coverage = or_none(lang, v.coverage),
                rated = v.rated,
                satisfaction = tally(lang, &v.satisfaction),
                mean = or_none(lang, v.mean_satisfaction)
            ) + &share(lang, &v.satisfied)
        }
        Detail::Scorecard(d) => scorecard(lang, d),
    }
}

/// A scorecard in words: its settings, then each period's arithmetic
/// (`2024-03: 100 − 1×2 信息采集不全或错误 − 5×1 事件漏报迟报 = 93`; a run of periods without
/// entries, or not counted for the same reason, on one line), then the mean.
fn scorecard(lang: Lang, d: &ScorecardDetail) -> String {
    let unit = d.period.as_str();
    let mut s = tr!(
        lang,
        "explain-scorecard",
        counted = d.counted,
        periods = d.period.per_year(),
        unit = unit,
        min = d.min_periods,
        base = d.base.normalize(),
        floor = d.floor.normalize(),
        ceiling = d
            .ceiling
            .map_or_else(|| tr!(lang, "explain-none"), |c| c.normalize().to_string())
    );
    if let Some(a) = d.start {
        s.push_str(&tr!(lang, "explain-scorecard-started", date = a));
    }
    if let Some(b) = d.end {
        s.push_str(&tr!(lang, "explain-scorecard-left", date = b));
    }
    // Periods that read alike follow each other: one line for the run.
    let mut i = 0;
    while i < d.periods.len() {
        let p = &d.periods[i];
        let plain = |q: &crate::method::scorecard::PeriodLine| {
            q.items.is_empty() && q.not_counted == p.not_counted && q.score == p.score
        };
        let mut j = i + 1;
        if plain(p) {
            while j < d.periods.len() && plain(&d.periods[j]) {
                j += 1;
            }
        }
        let last = &d.periods[j - 1];
        let label = if j - i > 1 {
            tr!(
                lang,
                "explain-period-range",
                from = p.period,
                to = last.period
            )
        } else {
            p.period.clone()
        };
        let _ = write!(s, "\n       {label}: ");
        i = j;
        if let Some(why) = p.not_counted {
            s.push_str(&match why {
                NotCounted::Started(x) => tr!(lang, "explain-period-started", date = x),
                NotCounted::Left(x) => tr!(lang, "explain-period-left", date = x),
            });
            continue;
        }
        s.push_str(&d.base.normalize().to_string());
        if p.items.is_empty() {
            s.push_str(&tr!(lang, "explain-period-no-entries"));
        }
        for l in &p.items {
            let sign = if l.points.is_sign_negative() {
                '−'
            } else {
                '+'
            };
            let _ = write!(
                s,
                " {sign} {}×{} {}",
                l.points.abs().normalize(),
                l.count,
                l.name
            );
            if let Some(limit) = l.limited_to {
                s.push_str(&tr!(
                    lang,
                    "explain-period-limited",
                    sign = sign,
                    raw = signed(&l.raw).trim_start_matches('−'),
                    limit = limit.normalize()
                ));
            }
        }
        if !p.items.is_empty() {
            let _ = write!(s, " = {}", signed(&p.sum));
        }
        if let Some(score) = &p.score
            && score != &p.sum
        {
            s.push_str(&if score > &p.sum {
                tr!(lang, "explain-period-floor", score = describe(score))
            } else {
                tr!(lang, "explain-period-ceiling", score = describe(score))
            });
        }
    }
    if d.counted >= d.min_periods && d.counted > 0 {
        let _ = write!(
            s,
            "\n       {}",
            tr!(
                lang,
                "explain-scorecard-mean",
                counted = d.counted,
                unit = unit,
                sum = describe(&d.sum)
            )
        );
    }
    s
}

/// A rational with a true minus sign.
fn signed(v: &crate::num::Q) -> String {
    let t = describe(v);
    match t.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => t,
    }
}

/// A component step in words.
fn component(out: &mut String, lang: Lang, step: &Step) {
    let Step::Component {
        id,
        name,
        weight,
        score,
        exact,
        missing,
        detail,
    } = step
    else {
        return;
    };
    out.push_str(&tr!(
        lang,
        "explain-component",
        name = name,
        id = id,
        weight = weight.normalize()
    ));
    out.push_str(&detail_text(lang, detail, exact.is_some()));
    match (score, missing) {
        (Some(s), _) => {
            let exact = describe(exact.as_ref().unwrap_or(&crate::num::qi(0)));
            out.push_str(&tr!(lang, "explain-score", score = s, exact = exact));
        }
        (None, Some(why)) => out.push_str(&tr!(lang, "explain-missing", why = why.text(lang))),
        (None, None) => {}
    }
    out.push('\n');
}

fn render(e: &Explanation) -> String {
    let (w, o, rubric, lang) = (e.worker, &e.outcome, e.rubric, e.lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}{}{}",
        w.id,
        w.name,
        w.unit.as_ref().map_or(String::new(), |u| format!(" · {u}")),
        w.role.as_ref().map_or(String::new(), |u| format!(" · {u}"))
    );
    for (n, step) in e.steps.iter().enumerate() {
        let _ = write!(out, "{:>3}. ", n + 1);
        step_text(&mut out, rubric, lang, step);
    }
    out.push_str(&tr!(lang, "explain-result", status = o.status.text(lang)));
    if let Some(t) = o.total {
        out.push_str(&tr!(lang, "explain-result-total", total = t));
    }
    if let Some(g) = o.grade {
        out.push_str(&tr!(
            lang,
            "explain-result-grade",
            grade = rubric.grade_label(g)
        ));
    }
    if let Some(k) = o.rank {
        out.push_str(&tr!(lang, "explain-result-rank", rank = k));
    }
    out.push('\n');
    if !o.flags.is_empty() {
        out.push_str(&tr!(lang, "explain-flags"));
        out.push('\n');
        for f in &o.flags {
            let _ = writeln!(out, "  - {} [{}]", f.text(rubric, lang), f.code(rubric));
        }
    }
    out
}

/// A `weights` step in words.
fn weights_text(lang: Lang, step: &Step) -> String {
    let Step::Weights {
        policy,
        present_weight,
        min_present_weight,
        weighted_sum,
        base,
        incomplete,
    } = step
    else {
        return String::new();
    };

    let present = crate::num::round(present_weight, 4, RoundingMode::HalfUp).normalize();
    let sum = describe(weighted_sum);
    let mut s = match policy {
        MissingPolicy::Renormalise => tr!(
            lang,
            "explain-weights",
            present = present,
            min = min_present_weight.normalize(),
            sum = sum
        ),
        MissingPolicy::Zero => tr!(lang, "explain-weights-zero", sum = sum),
        MissingPolicy::Ungraded => tr!(lang, "explain-weights-all", sum = sum),
    };
    match (base, incomplete) {
        (_, true) => s.push_str(&tr!(lang, "explain-incomplete")),
        (Some(b), false) if *policy == MissingPolicy::Renormalise && present != Decimal::ONE => {
            s.push_str(&tr!(
                lang,
                "explain-renormalised",
                sum = sum,
                present = present,
                base = describe(b)
            ));
        }
        (Some(b), false) => s.push_str(&tr!(lang, "explain-base", base = describe(b))),
        (None, false) => {}
    }
    s
}

/// A `adjustments` step in words.
fn adjustments_text(lang: Lang, step: &Step) -> String {
    let Step::Adjustments {
        lines,
        bonus_raw,
        bonus_cap,
        bonus,
        deduction_raw,
        deduction_cap,
        deduction,
    } = step
    else {
        return String::new();
    };

    if lines.is_empty() {
        tr!(lang, "explain-adjustments-none")
    } else {
        let items: Vec<String> = lines
            .iter()
            .map(|l| {
                let (name, item, count) = (l.name, l.item, l.count);
                let amount = describe(&l.amount);
                let mut s = match l.kind {
                    ItemKind::Veto => tr!(
                        lang,
                        "explain-adjustment-veto",
                        name = name,
                        item = item,
                        count = count
                    ),
                    ItemKind::Bonus => tr!(
                        lang,
                        "explain-adjustment-bonus",
                        name = name,
                        item = item,
                        count = count,
                        amount = amount
                    ),
                    ItemKind::Deduction => tr!(
                        lang,
                        "explain-adjustment-deduction",
                        name = name,
                        item = item,
                        count = count,
                        amount = amount
                    ),
                };
                if l.item_capped {
                    s.push_str(&tr!(lang, "explain-item-cap"));
                }
                s
            })
            .collect();
        let sep = match lang {
            Lang::Zh => "；",
            Lang::En => "; ",
        };
        let mut s = tr!(
            lang,
            "explain-adjustments",
            items = items.join(sep),
            bonus = describe(bonus_raw)
        );
        if let Some(c) = bonus_cap {
            s.push_str(&tr!(
                lang,
                "explain-capped",
                cap = c,
                value = describe(bonus)
            ));
        }
        s.push_str(&tr!(
            lang,
            "explain-deductions",
            deductions = describe(deduction_raw)
        ));
        if let Some(c) = deduction_cap {
            s.push_str(&tr!(
                lang,
                "explain-capped",
                cap = c,
                value = describe(deduction)
            ));
        }
        s
    }
}

/// A `total` step in words.
fn total_text(lang: Lang, step: &Step) -> String {
    let Step::Total {
        base,
        unbounded,
        exact,
        rounded,
        decimals,
        rounding,
    } = step
    else {
        return String::new();
    };

    let mode = match rounding {
        RoundingMode::HalfUp => tr!(lang, "explain-round-half-up"),
        RoundingMode::HalfEven => tr!(lang, "explain-round-half-even"),
        RoundingMode::Down => tr!(lang, "explain-round-down"),
    };
    let mut s = tr!(
        lang,
        "explain-total",
        base = describe(base),
        unbounded = describe(unbounded)
    );
    if exact != unbounded {
        s.push_str(&tr!(lang, "explain-total-limited", exact = describe(exact)));
    }
    s.push_str(&tr!(
        lang,
        "explain-total-rounded",
        mode = mode,
        decimals = decimals,
        rounded = rounded
    ));
    s
}

/// A `veto` step in words.
fn veto_text(lang: Lang, step: &Step) -> String {
    let Step::Veto {
        present,
        applied,
        effect,
        before,
        status,
        after,
    } = step
    else {
        return String::new();
    };

    let item =
        |v: &crate::trace::VetoItem| tr!(lang, "explain-veto-item", name = v.name, item = v.item);
    let what = match effect {
        VetoEffect::Pending => tr!(lang, "explain-veto-pending"),
        VetoEffect::Ungraded => tr!(lang, "explain-veto-ungraded"),
        VetoEffect::Grade(g) => tr!(lang, "explain-veto-grade", grade = g),
        VetoEffect::Cap(g) => tr!(lang, "explain-veto-cap", grade = g),
    };
    let named: Vec<String> = present.iter().map(item).collect();
    let mut s = tr!(lang, "explain-veto", present = named.join(", "));
    if present.len() > 1 {
        s.push_str(&tr!(lang, "explain-veto-heaviest", applied = item(applied)));
    }
    s.push_str(&tr!(lang, "explain-veto-effect", effect = what));
    match (status, after) {
        (Status::Graded, Some(a)) => s.push_str(&tr!(
            lang,
            "explain-veto-grade-after",
            before = before.map_or_else(|| tr!(lang, "explain-none"), str::to_string),
            after = a
        )),
        (st, _) => s.push_str(&tr!(
            lang,
            "explain-veto-status-after",
            status = st.text(lang)
        )),
    }
    s
}

/// A `eligibility` step in words.
fn eligibility_text(rubric: &Rubric, lang: Lang, step: &Step) -> String {
    let Step::Eligibility {
        rule,
        id,
        grade,
        bites,
        why,
        condition,
        otherwise,
    } = step
    else {
        return String::new();
    };

    let verdict = if *bites {
        tr!(lang, "explain-not-eligible", otherwise = otherwise)
    } else {
        tr!(lang, "explain-eligible")
    };
    tr!(
        lang,
        "explain-eligibility",
        grade = grade,
        rule = rule,
        id = id,
        why = crate::result::reason_text(rubric, condition, why, lang),
        verdict = verdict
    )
}

/// A `quota` step in words.
fn quota_text(lang: Lang, step: &Step) -> String {
    let Step::Quota {
        unit,
        grade,
        graded,
        ratio,
        rounding,
        places,
        position,
        candidates,
        keys,
        decision,
        after,
    } = step
    else {
        return String::new();
    };

    let scope = unit.map_or_else(
        || tr!(lang, "explain-quota-bundle"),
        |u| tr!(lang, "explain-quota-unit", unit = u),
    );
    let rounding = match rounding {
        QuotaRounding::Floor => tr!(lang, "explain-quota-floor"),
        QuotaRounding::HalfUp => tr!(lang, "explain-quota-half-up"),
        QuotaRounding::Ceiling => tr!(lang, "explain-quota-ceiling"),
    };
    let verdict = match decision {
        Decision::Kept => tr!(lang, "explain-quota-kept", grade = grade),
        Decision::Tied => tr!(lang, "explain-quota-tied"),
        Decision::Cut => tr!(lang, "explain-quota-cut"),
    };
    let keys = keys
        .iter()
        .map(|x| x.map_or_else(|| tr!(lang, "explain-missing-key"), |d| d.to_string()))
        .collect::<Vec<_>>()
        .join(" / ");
    tr!(
        lang,
        "explain-quota",
        grade = grade,
        scope = scope,
        ratio = ratio,
        graded = graded,
        rounding = rounding,
        places = places,
        position = position,
        candidates = candidates,
        keys = keys,
        verdict = verdict,
        after = after.map_or_else(|| tr!(lang, "explain-none"), str::to_string)
    )
}

fn step_text(out: &mut String, rubric: &Rubric, lang: Lang, step: &Step) {
    let line = match step {
        Step::Component { .. } => return component(out, lang, step),
        Step::Weights { .. } => weights_text(lang, step),
        Step::Adjustments { .. } => adjustments_text(lang, step),
        Step::Total { .. } => total_text(lang, step),
        Step::Band { total, grade } => tr!(lang, "explain-band", total = total, grade = grade),
        Step::Veto { .. } => veto_text(lang, step),
        Step::Eligibility { .. } => eligibility_text(rubric, lang, step),
        Step::Quota { .. } => quota_text(lang, step),
        Step::Rank { rank, of, total } => {
            tr!(lang, "explain-rank", rank = rank, of = of, total = total)
        }
    };
    out.push_str(&line);
    out.push('\n');
}
