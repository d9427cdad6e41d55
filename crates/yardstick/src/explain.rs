//! The trail of a result: every step with its inputs, as data, and in words.

use std::fmt::Write;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::engine::{Status, WorkerResult};
use crate::method::{ComponentScore, Detail, Share};
use crate::num::RoundingMode;
use crate::rubric::{MissingPolicy, QuotaRounding, Veto};

/// One adjustment item of a worker.
#[derive(Debug, Clone, Serialize)]
pub struct AdjustmentLine {
    /// Item id.
    pub item: String,
    /// Item name.
    pub name: String,
    /// Occurrences.
    pub count: u64,
    /// `bonus`, `deduction` or `veto`.
    pub kind: &'static str,
    /// Amount after the item's own cap.
    pub amount: String,
    /// Whether the item's own cap cut it.
    pub item_capped: bool,
}

/// One step of a worker's result.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Step {
    /// A component's score with its figures.
    Component(Box<ComponentScore>),
    /// Which weights are present and the weighted base.
    Weights {
        /// Missing-component policy.
        policy: MissingPolicy,
        /// Sum of the weights of present components (P).
        present_weight: Decimal,
        /// The rubric's minimum present weight.
        min_present_weight: Decimal,
        /// Σ weight × score over present components, exact.
        weighted_sum: String,
        /// The base score (renormalised when the policy says), exact.
        base: Option<String>,
        /// Whether the worker is incomplete.
        incomplete: bool,
    },
    /// Bonuses and deductions, before and after their caps.
    Adjustments {
        /// Every item the worker has.
        lines: Vec<AdjustmentLine>,
        /// Bonus before the overall cap.
        bonus_raw: String,
        /// The overall bonus cap.
        bonus_cap: Option<Decimal>,
        /// Bonus added.
        bonus: String,
        /// Deductions before the overall cap.
        deduction_raw: String,
        /// The overall deduction cap.
        deduction_cap: Option<Decimal>,
        /// Deductions taken.
        deduction: String,
    },
    /// The total, exact and rounded.
    Total {
        /// The base.
        base: String,
        /// base + bonus − deductions.
        unbounded: String,
        /// After floor and cap.
        exact: String,
        /// Rounded once.
        rounded: Decimal,
        /// Decimals.
        decimals: u32,
        /// Rounding mode.
        rounding: RoundingMode,
    },
    /// The band of the rounded total.
    Band {
        /// The rounded total.
        total: Decimal,
        /// The band's grade.
        grade: String,
    },
    /// The veto applied.
    Veto {
        /// Every veto item present.
        present: Vec<String>,
        /// The heaviest, which applies.
        applied: String,
        /// Its effect.
        effect: Veto,
        /// The label of the grade the effect names, if any.
        #[serde(skip)]
        effect_grade: String,
        /// Grade before.
        before: Option<String>,
        /// Status after.
        status: Status,
        /// Grade after.
        after: Option<String>,
    },
    /// An eligibility rule checked.
    Eligibility {
        /// Rule name.
        rule: String,
        /// Rule id.
        id: String,
        /// The guarded grade.
        grade: String,
        /// Whether it bites.
        bites: bool,
        /// The comparison in words.
        why: String,
        /// The grade given instead.
        otherwise: String,
    },
    /// The quota decision.
    Quota {
        /// The unit, for per-unit quotas.
        unit: Option<String>,
        /// The limited grade.
        grade: String,
        /// N, graded workers in scope.
        graded: usize,
        /// Ratio.
        ratio: String,
        /// Rounding of places.
        rounding: QuotaRounding,
        /// Places.
        places: usize,
        /// The worker's position among candidates (1-based).
        position: usize,
        /// Number of candidates.
        candidates: usize,
        /// The worker's keys.
        keys: String,
        /// `kept`, `tied` or `cut`.
        decision: &'static str,
        /// Grade after.
        after: Option<String>,
    },
    /// The rank.
    Rank {
        /// Rank.
        rank: u32,
        /// Among how many graded workers.
        of: usize,
        /// The rounded total ranked.
        total: Decimal,
    },
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

fn component(out: &mut String, c: &ComponentScore) {
    let _ = write!(
        out,
        "{} {} (weight {}): ",
        c.name,
        c.id,
        c.weight.normalize()
    );
    let facts = match &c.detail {
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
            } else if c.exact.is_some() {
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
    };
    out.push_str(&facts);
    match (&c.score, &c.missing) {
        (Some(s), _) => {
            let _ = writeln!(
                out,
                " → score {} (exact {})",
                s,
                crate::num::describe(c.exact.as_ref().unwrap_or(&crate::num::qi(0)))
            );
        }
        (None, Some(why)) => {
            let _ = writeln!(out, " → MISSING: {why}");
        }
        (None, None) => out.push('\n'),
    }
}

/// Writes a worker's trail in words an evaluator understands.
pub fn render(r: &WorkerResult) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}{}{}",
        r.worker_id,
        r.name,
        r.unit.as_ref().map_or(String::new(), |u| format!(" · {u}")),
        r.role.as_ref().map_or(String::new(), |u| format!(" · {u}"))
    );
    let mut n = 0;
    for step in &r.trail {
        n += 1;
        let _ = write!(out, "{n:>3}. ");
        match step {
            Step::Component(c) => component(&mut out, c),
            Step::Weights {
                policy,
                present_weight,
                min_present_weight,
                weighted_sum,
                base,
                incomplete,
            } => {
                let _ = match policy {
                    MissingPolicy::Renormalise => write!(
                        out,
                        "Components present weigh {present_weight} (minimum {}); weighted sum {weighted_sum}",
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
                        if *policy == MissingPolicy::Renormalise
                            && present_weight != &Decimal::ONE =>
                    {
                        let _ = writeln!(
                            out,
                            " → renormalised base = {weighted_sum} / {present_weight} = {b}"
                        );
                    }
                    (Some(b), false) => {
                        let _ = writeln!(out, " → base {b}");
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
                            "veto" => format!("{} ({}) ×{}: veto", l.name, l.item, l.count),
                            k => format!(
                                "{} ({}) ×{}: {k} {}{}",
                                l.name,
                                l.item,
                                l.count,
                                l.amount,
                                if l.item_capped { " (item cap)" } else { "" }
                            ),
                        })
                        .collect();
                    let _ = write!(out, "Adjustments: {}; bonus {bonus_raw}", items.join("; "));
                    if let Some(c) = bonus_cap {
                        let _ = write!(out, " (cap {c}) → {bonus}");
                    }
                    let _ = write!(out, "; deductions {deduction_raw}");
                    if let Some(c) = deduction_cap {
                        let _ = write!(out, " (cap {c}) → {deduction}");
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
                    "Total = base {base} + bonus − deductions = {unbounded}"
                );
                if exact != unbounded {
                    let _ = write!(out, ", limited to {exact}");
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
                effect_grade,
                before,
                status,
                after,
            } => {
                let what = match effect {
                    Veto::Pending => "status pending (no grade until the case closes)".to_string(),
                    Veto::Ungraded => "status ungraded (no grade this year)".to_string(),
                    Veto::Grade(_) => format!("grade set to {effect_grade}"),
                    Veto::Cap(_) => format!("grade at most {effect_grade}"),
                };
                let _ = write!(out, "Veto: {}", present.join(", "));
                if present.len() > 1 {
                    let _ = write!(out, "; the heaviest applies: {applied}");
                }
                let _ = write!(out, " → {what}");
                match (status, after) {
                    (Status::Graded, Some(a)) => {
                        let _ =
                            writeln!(out, "; grade {} → {a}", before.as_deref().unwrap_or("none"));
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
                let scope = unit
                    .as_ref()
                    .map_or("the bundle".to_string(), |u| format!("unit {u}"));
                let rnd = match rounding {
                    QuotaRounding::Floor => "rounded down",
                    QuotaRounding::HalfUp => "rounded half up",
                    QuotaRounding::Ceiling => "rounded up",
                };
                let verdict = match *decision {
                    "kept" => format!("within the places: keeps {grade}"),
                    "tied" => "tied at the quota line on every key with another candidate: all so tied lose the place, which is left to the committee".to_string(),
                    _ => "below the quota line".to_string(),
                };
                let _ = writeln!(
                    out,
                    "Quota for {grade} in {scope}: {ratio} of N = {graded} graded, {rnd}, gives {places} place(s); candidate {position} of {candidates} by total, then tie-break scores ({keys}) → {verdict}; grade {}",
                    after.as_deref().unwrap_or("none")
                );
            }
            Step::Rank { rank, of, total } => {
                let _ = writeln!(out, "Rank {rank} of {of} graded (total {total})");
            }
        }
    }
    let _ = write!(out, "Result: status {}", r.status.as_str());
    if let Some(t) = r.total {
        let _ = write!(out, ", total {t}");
    }
    if let Some(g) = &r.grade {
        let _ = write!(out, ", grade {g}");
    }
    if let Some(k) = r.rank {
        let _ = write!(out, ", rank {k}");
    }
    out.push('\n');
    if !r.flags.is_empty() {
        out.push_str("Flags:\n");
        for f in &r.flags {
            let _ = writeln!(out, "  - {} [{}]", f.text, f.code);
        }
    }
    out
}
