//! A worker's outcome explained: every step that made it, from the engine's [`crate::trace::Trail`], in words
//! an evaluator understands ([`Explanation::text`]) or as JSON data
//! ([`Explanation::write_json`]). Only the cohort's standings and this one worker's trail are
//! made, however large the bundle.

use std::fmt::Write;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::engine::Scored;
use crate::input::Worker;
use crate::method::scorecard::{NotCounted, ScorecardDetail};
use crate::method::{Detail, Share};
use crate::num::{RoundingMode, describe};
use crate::result::{Outcome, Status};
use crate::rubric::{MissingPolicy, QuotaRounding, Rubric};
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
    }
}

impl Explanation<'_> {
    /// Every step in words, then the result and the flags.
    pub fn text(&self) -> String {
        render(self)
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

fn share(s: &Option<Share>, what: &str) -> String {
    match s {
        Some(s) => format!(
            "; {what} {}/{} = {:.1}% (95% Wilson interval {:.1}%–{:.1}%)",
            s.hits,
            s.n,
            s.share * 100.0,
            s.low * 100.0,
            s.high * 100.0
        ),
        None => String::new(),
    }
}

fn tally(t: &[crate::method::Tally]) -> String {
    t.iter()
        .map(|t| {
            format!(
                "{} {}",
                if t.label.is_empty() {
                    "blank"
                } else {
                    &t.label
                },
                t.count
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A component step in words.
fn component(out: &mut String, step: &Step) {
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
    let (score, exact, missing) = (*score, exact.as_ref(), missing.as_ref());
    let _ = write!(out, "{name} {id} (weight {}): ", weight.normalize());
    let facts = match detail {
        Detail::NoFile => "no file in the bundle".to_string(),
        Detail::Panel(p) => {
            let all: Vec<String> = p.scores.iter().map(|s| s.score.to_string()).collect();
            let mut s = format!("{} score(s) [{}]", p.scores.len(), all.join(", "));
            if !p.dropped_high.is_empty() {
                let hi: Vec<String> = p
                    .dropped_high
                    .iter()
                    .map(|r| format!("{} by {}", r.score, r.rater_id))
                    .collect();
                let lo: Vec<String> = p
                    .dropped_low
                    .iter()
                    .map(|r| format!("{} by {}", r.score, r.rater_id))
                    .collect();
                let _ = write!(
                    s,
                    "; dropped highest {} and lowest {} (one instance each, as there are at least the trimming count); mean of the other {}",
                    hi.join(", "),
                    lo.join(", "),
                    p.used
                );
            } else if exact.is_some() {
                let _ = write!(s, "; mean of all {}", p.used);
            }
            s
        }
        Detail::Ballot(b) => {
            let mut s = format!(
                "{} cast, {} valid [{}]; not valid [{}]",
                b.cast,
                b.valid,
                tally(&b.options),
                tally(&b.not_valid)
            );
            if let Some(e) = b.electorate {
                let _ = write!(
                    s,
                    "; electorate {e}, quorum {}",
                    if b.quorum_met { "met" } else { "not met" }
                );
            }
            for g in &b.groups {
                let _ = write!(
                    s,
                    "; group {} (weight {}) {} valid, mean {}",
                    g.label,
                    g.weight.normalize(),
                    g.valid,
                    g.mean.map_or("none".into(), |m| m.normalize().to_string())
                );
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
            (Some(m), Some(x)) => format!(
                "{m} of {x}{}",
                t.pass_mark.map_or(String::new(), |p| format!(
                    ", pass mark {p}: {}",
                    if t.failed { "FAIL" } else { "pass" }
                ))
            ),
            _ => "no result".into(),
        },
        Detail::Phone(p) => format!(
            "{} call(s), {} counted [{}]; not counted [{}]{}",
            p.calls,
            p.counted,
            tally(&p.options),
            tally(&p.not_counted),
            share(&p.satisfied, "satisfied")
        ),
        Detail::Visit(v) => format!(
            "{} household(s): visited yes {}, no {}, coverage {}; {} rated [{}], mean {}{}",
            v.households,
            v.yes,
            v.no,
            v.coverage
                .map_or("none".into(), |c| c.normalize().to_string()),
            v.rated,
            tally(&v.satisfaction),
            v.mean_satisfaction
                .map_or("none".into(), |c| c.normalize().to_string()),
            share(&v.satisfied, "satisfied")
        ),
        Detail::Scorecard(d) => scorecard(d),
    };
    out.push_str(&facts);
    match (score, missing) {
        (Some(s), _) => {
            let _ = writeln!(
                out,
                " → score {} (exact {})",
                s,
                describe(exact.unwrap_or(&crate::num::qi(0)))
            );
        }
        (None, Some(why)) => {
            let _ = writeln!(out, " → MISSING: {why}");
        }
        (None, None) => out.push('\n'),
    }
}

/// A scorecard in words: its settings, then each period's arithmetic
/// (`2024-03: 100 − 1×2 信息采集不全或错误 − 5×1 事件漏报迟报 = 93`; a run of periods without
/// entries, or not counted for the same reason, on one line), then the mean.
fn scorecard(d: &ScorecardDetail) -> String {
    let unit = d.period.as_str();
    let mut s = format!(
        "{} of {} {unit}(s) counted, at least {} needed; each starts at {}, floor {}, ceiling {}",
        d.counted,
        d.period.per_year(),
        d.min_periods,
        d.base.normalize(),
        d.floor.normalize(),
        d.ceiling
            .map_or("none".to_string(), |c| c.normalize().to_string())
    );
    if let Some(a) = d.start {
        let _ = write!(s, "; started {a}");
    }
    if let Some(b) = d.end {
        let _ = write!(s, "; left {b}");
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
        if j - i > 1 {
            let _ = write!(s, "\n       {} to {}: ", p.period, last.period);
        } else {
            let _ = write!(s, "\n       {}: ", p.period);
        }
        i = j;
        if let Some(why) = p.not_counted {
            let _ = match why {
                NotCounted::Started(x) => write!(s, "not counted (started {x})"),
                NotCounted::Left(x) => write!(s, "not counted (left {x})"),
            };
            continue;
        }
        s.push_str(&d.base.normalize().to_string());
        if p.items.is_empty() {
            s.push_str(" (no entries)");
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
                let _ = write!(
                    s,
                    " ({sign}{} cut to the limit {sign}{})",
                    signed(&l.raw).trim_start_matches('−'),
                    limit.normalize()
                );
            }
        }
        if !p.items.is_empty() {
            let _ = write!(s, " = {}", signed(&p.sum));
        }
        if let Some(score) = &p.score
            && score != &p.sum
        {
            let bound = if score > &p.sum { "floor" } else { "ceiling" };
            let _ = write!(s, ", held at the {bound}: {}", describe(score));
        }
    }
    if d.counted >= d.min_periods && d.counted > 0 {
        let _ = write!(
            s,
            "\n       mean of the {} counted {unit}(s): {} / {}",
            d.counted,
            describe(&d.sum),
            d.counted
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

fn render(e: &Explanation) -> String {
    let (w, o, rubric) = (e.worker, &e.outcome, e.rubric);
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
        step_text(&mut out, step);
    }
    let _ = write!(out, "Result: status {}", o.status.as_str());
    if let Some(t) = o.total {
        let _ = write!(out, ", total {t}");
    }
    if let Some(g) = o.grade {
        let _ = write!(out, ", grade {}", rubric.grade_label(g));
    }
    if let Some(k) = o.rank {
        let _ = write!(out, ", rank {k}");
    }
    out.push('\n');
    if !o.flags.is_empty() {
        out.push_str("Flags:\n");
        for f in &o.flags {
            let _ = writeln!(out, "  - {} [{}]", f.text(rubric), f.code(rubric));
        }
    }
    out
}

fn step_text(out: &mut String, step: &Step) {
    match step {
        Step::Component { .. } => component(out, step),
        Step::Weights {
            policy,
            present_weight,
            min_present_weight,
            weighted_sum,
            base,
            incomplete,
        } => {
            let present = crate::num::round(present_weight, 4, RoundingMode::HalfUp).normalize();
            let weighted_sum = describe(weighted_sum);
            let _ = match policy {
                MissingPolicy::Renormalise => write!(
                    out,
                    "Components present weigh {present} (minimum {}); weighted sum {weighted_sum}",
                    min_present_weight.normalize()
                ),
                MissingPolicy::Zero => write!(
                    out,
                    "Missing components count as 0; weighted sum {weighted_sum}"
                ),
                MissingPolicy::Ungraded => write!(
                    out,
                    "Every component is required; weighted sum {weighted_sum}"
                ),
            };
            match (base, incomplete) {
                (_, true) => out.push_str(" → INCOMPLETE: ungraded, no total\n"),
                (Some(b), false)
                    if *policy == MissingPolicy::Renormalise && present != Decimal::ONE =>
                {
                    let _ = writeln!(
                        out,
                        " → renormalised base = {weighted_sum} / {present} = {}",
                        describe(b)
                    );
                }
                (Some(b), false) => {
                    let _ = writeln!(out, " → base {}", describe(b));
                }
                (None, false) => out.push('\n'),
            }
        }
        Step::Adjustments {
            lines,
            bonus_raw,
            bonus_cap,
            bonus,
            deduction_raw,
            deduction_cap,
            deduction,
        } => {
            if lines.is_empty() {
                out.push_str("Adjustments: none\n");
            } else {
                let items: Vec<String> = lines
                    .iter()
                    .map(|l| match l.kind {
                        ItemKind::Veto => format!("{} ({}) ×{}: veto", l.name, l.item, l.count),
                        k => format!(
                            "{} ({}) ×{}: {} {}{}",
                            l.name,
                            l.item,
                            l.count,
                            if k == ItemKind::Bonus {
                                "bonus"
                            } else {
                                "deduction"
                            },
                            describe(&l.amount),
                            if l.item_capped { " (item cap)" } else { "" }
                        ),
                    })
                    .collect();
                let _ = write!(
                    out,
                    "Adjustments: {}; bonus {}",
                    items.join("; "),
                    describe(bonus_raw)
                );
                if let Some(c) = bonus_cap {
                    let _ = write!(out, " (cap {c}) → {}", describe(bonus));
                }
                let _ = write!(out, "; deductions {}", describe(deduction_raw));
                if let Some(c) = deduction_cap {
                    let _ = write!(out, " (cap {c}) → {}", describe(deduction));
                }
                out.push('\n');
            }
        }
        Step::Total {
            base,
            unbounded,
            exact,
            rounded,
            decimals,
            rounding,
        } => {
            let mode = match rounding {
                RoundingMode::HalfUp => "half up",
                RoundingMode::HalfEven => "half to even",
                RoundingMode::Down => "down",
            };
            let _ = write!(
                out,
                "Total = base {} + bonus − deductions = {}",
                describe(base),
                describe(unbounded)
            );
            if exact != unbounded {
                let _ = write!(out, ", limited to {}", describe(exact));
            }
            let _ = writeln!(out, "; rounded {mode} to {decimals} decimals: {rounded}");
        }
        Step::Band { total, grade } => {
            let _ = writeln!(out, "Band of {total}: {grade}");
        }
        Step::Veto {
            present,
            applied,
            effect,
            before,
            status,
            after,
        } => {
            let what = match effect {
                VetoEffect::Pending => {
                    "status pending (no grade until the case closes)".to_string()
                }
                VetoEffect::Ungraded => "status ungraded (no grade this year)".to_string(),
                VetoEffect::Grade(g) => format!("grade set to {g}"),
                VetoEffect::Cap(g) => format!("grade at most {g}"),
            };
            let named: Vec<String> = present
                .iter()
                .map(|v| format!("{} ({})", v.name, v.item))
                .collect();
            let _ = write!(out, "Veto: {}", named.join(", "));
            if present.len() > 1 {
                let _ = write!(
                    out,
                    "; the heaviest applies: {} ({})",
                    applied.name, applied.item
                );
            }
            let _ = write!(out, " → {what}");
            match (status, after) {
                (Status::Graded, Some(a)) => {
                    let _ = writeln!(out, "; grade {} → {a}", before.unwrap_or("none"));
                }
                (s, _) => {
                    let _ = writeln!(out, "; status {}", s.as_str());
                }
            }
        }
        Step::Eligibility {
            rule,
            id,
            grade,
            bites,
            why,
            otherwise,
        } => {
            let _ = writeln!(
                out,
                "Eligibility for {grade}, rule {rule} ({id}): {why} → {}",
                if *bites {
                    format!("not eligible, {otherwise} instead")
                } else {
                    "eligible".to_string()
                }
            );
        }
        Step::Quota {
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
        } => {
            let scope = unit.map_or("the bundle".to_string(), |u| format!("unit {u}"));
            let rnd = match rounding {
                QuotaRounding::Floor => "rounded down",
                QuotaRounding::HalfUp => "rounded half up",
                QuotaRounding::Ceiling => "rounded up",
            };
            let verdict = match decision {
                Decision::Kept => format!("within the places: keeps {grade}"),
                Decision::Tied => "tied at the quota line on every key with another candidate: all so tied lose the place, which is left to the committee".to_string(),
                Decision::Cut => "below the quota line".to_string(),
            };
            let keys = keys
                .iter()
                .map(|x| x.map_or("missing".to_string(), |d| d.to_string()))
                .collect::<Vec<_>>()
                .join(" / ");
            let _ = writeln!(
                out,
                "Quota for {grade} in {scope}: {ratio} of N = {graded} graded, {rnd}, gives {places} place(s); candidate {position} of {candidates} by total, then tie-break scores ({keys}) → {verdict}; grade {}",
                after.unwrap_or("none")
            );
        }
        Step::Rank { rank, of, total } => {
            let _ = writeln!(out, "Rank {rank} of {of} graded (total {total})");
        }
    }
}
