//! The JSON result (docs/contract.md section 4, with more fields), written with serde worker by worker:
//! the head (assessment, rubric, summary, quota) first, then each worker's outcome in blocks
//! rendered on every core, so that a province's results are never all in memory at once.

use std::io::{self, Write};

use rust_decimal::Decimal;
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde_json::ser::Formatter;

use crate::bundle::Bundle;
use crate::engine::Scored;
use crate::i18n::Lang;
use crate::input::Worker;
use crate::method::{Facts, Missing, Share};
use crate::num::{ser_number as number, ser_opt_number as opt_number};
use crate::result::{Outcome, QuotaLine, Status};
use crate::rubric::{GradeId, Method, Rubric};

/// Workers rendered by one thread at a time.
const BLOCK: usize = 128;

/// Writes the JSON result of `scored` to `out`, laid out as `serde_json`'s pretty printer lays
/// it out (two spaces a level). This is what `yardstick score --format json` writes.
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
/// let mut out = Vec::new();
/// yardstick::report::json::write(&yardstick::score(&bundle), &mut out).unwrap();
/// let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(doc["workers"][0]["worker_id"], "DM01");
/// ```
pub fn write(scored: &Scored, out: &mut dyn Write) -> io::Result<()> {
    let threads = scored.threads();
    let bundle = scored.bundle();
    let rubric = bundle.rubric();
    let head = serde_json::to_string_pretty(&Head::of(scored))?;
    // "workers" is the last key: its empty list closes the document.
    let Some(open) = head.strip_suffix("[]\n}") else {
        return Err(io::Error::other("unexpected JSON layout"));
    };
    out.write_all(open.as_bytes())?;
    let n = scored.len();
    if n == 0 {
        return out.write_all(b"[]\n}");
    }
    out.write_all(b"[")?;
    let written = std::sync::Mutex::new(None);
    crate::par::write_blocks(n, BLOCK, threads, out, |range, buf| {
        for i in range {
            buf.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
            let o = scored.outcome(i);
            let w = WorkerJson::of(bundle, rubric, scored.lang(), i, &o);
            let mut ser = serde_json::Serializer::with_formatter(&mut *buf, Pretty::at(2));
            if let Err(e) = w.serialize(&mut ser)
                && let Ok(mut first) = written.lock()
            {
                first.get_or_insert(e.to_string());
            }
        }
    })?;
    if let Ok(Some(e)) = written.into_inner() {
        return Err(io::Error::other(e));
    }
    out.write_all(b"\n  ]\n}")
}

/// The whole JSON document as a string (for tests and small bundles).
pub fn to_string(scored: &Scored) -> String {
    let mut out = Vec::new();
    match write(scored, &mut out) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// serde_json's pretty layout (two spaces a level), starting `depth` levels in.
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    fn at(depth: usize) -> Pretty {
        Pretty {
            depth,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Everything of the document but the workers.
#[derive(Serialize)]
struct Head<'a> {
    assessment: AssessmentHead<'a>,
    rubric: RubricHead<'a>,
    summary: Summary<'a>,
    quota: Vec<QuotaJson<'a>>,
    /// Always empty here: the workers are written after it, one by one.
    workers: [(); 0],
}

#[derive(Serialize)]
struct AssessmentHead<'a> {
    name: &'a str,
    year: i32,
}

#[derive(Serialize)]
struct RubricHead<'a> {
    id: &'a str,
    name: &'a str,
    sha256: &'a str,
}

#[derive(Serialize)]
struct Summary<'a> {
    workers: usize,
    graded: usize,
    ungraded: usize,
    pending: usize,
    grades: GradeCounts<'a>,
}

/// Workers per final grade, in the order the grades are first met in the roster.
struct GradeCounts<'a> {
    rubric: &'a Rubric,
    counts: Vec<(GradeId, usize)>,
}

impl Serialize for GradeCounts<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.counts.len()))?;
        for (g, n) in &self.counts {
            m.serialize_entry(self.rubric.grade_label(*g), n)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct QuotaJson<'a> {
    unit: Option<&'a str>,
    grade: &'a str,
    graded: usize,
    ratio: String,
    places: usize,
    candidates: Ids<'a>,
    kept: Ids<'a>,
    tied: Ids<'a>,
    cut: Ids<'a>,
}

/// Roster indices written as worker ids.
struct Ids<'a> {
    workers: &'a [Worker],
    at: &'a [usize],
}

impl Serialize for Ids<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.at.len()))?;
        for &i in self.at {
            seq.serialize_element(&self.workers[i].id)?;
        }
        seq.end()
    }
}

impl<'a> Head<'a> {
    fn of(scored: &'a Scored) -> Head<'a> {
        let bundle = scored.bundle();
        let rubric = bundle.rubric();
        let (mut graded, mut ungraded, mut pending) = (0, 0, 0);
        let mut counts: Vec<(GradeId, usize)> = Vec::new();
        for i in 0..scored.len() {
            match scored.status(i) {
                Status::Graded => graded += 1,
                Status::Ungraded => ungraded += 1,
                Status::Pending => pending += 1,
            }
            if let Some(g) = scored.grade(i) {
                match counts.iter_mut().find(|(x, _)| *x == g) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((g, 1)),
                }
            }
        }
        let workers = bundle.workers();
        let ratio = rubric
            .quota
            .as_ref()
            .map(|q| q.ratio.to_string())
            .unwrap_or_default();
        let ids = |at: &'a [usize]| Ids { workers, at };
        Head {
            assessment: AssessmentHead {
                name: &bundle.info().name,
                year: bundle.info().year,
            },
            rubric: RubricHead {
                id: &rubric.id,
                name: &rubric.name,
                sha256: bundle.rubric_sha256(),
            },
            summary: Summary {
                workers: scored.len(),
                graded,
                ungraded,
                pending,
                grades: GradeCounts { rubric, counts },
            },
            quota: scored
                .quotas()
                .iter()
                .map(|q: &'a QuotaLine| QuotaJson {
                    unit: q.unit.as_deref(),
                    grade: rubric.grade_label(q.grade),
                    graded: q.graded,
                    ratio: ratio.clone(),
                    places: q.places,
                    candidates: ids(&q.candidates),
                    kept: ids(&q.kept),
                    tied: ids(&q.tied),
                    cut: ids(&q.cut),
                })
                .collect(),
            workers: [],
        }
    }
}

/// A decimal as a JSON number printed exactly as it is.
struct Num(Decimal);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        number(&self.0, s)
    }
}

/// A share rounded to 4 decimals, as a number.
fn float4(x: f64) -> Option<Num> {
    Decimal::from_f64_retain(x).map(|d| Num(d.round_dp(4).normalize()))
}

#[derive(Serialize)]
struct ShareJson {
    n: u64,
    hits: u64,
    share: Option<Num>,
    ci95: [Option<Num>; 2],
}

fn share(s: &Option<Share>) -> Option<ShareJson> {
    s.as_ref().map(|s| ShareJson {
        n: s.n,
        hits: s.hits,
        share: float4(s.share),
        ci95: [float4(s.low), float4(s.high)],
    })
}

/// One worker's result.
#[derive(Serialize)]
struct WorkerJson<'a> {
    worker_id: &'a str,
    name: &'a str,
    unit: Option<&'a str>,
    role: Option<&'a str>,
    status: &'static str,
    #[serde(serialize_with = "opt_number")]
    total: Option<Decimal>,
    grade: Option<&'a str>,
    rank: Option<u32>,
    components: Components<'a>,
    #[serde(serialize_with = "number")]
    bonus: Decimal,
    #[serde(serialize_with = "number")]
    deduction: Decimal,
    flags: Vec<String>,
    flag_text: Vec<String>,
}

impl<'a> WorkerJson<'a> {
    fn of(
        bundle: &'a Bundle,
        rubric: &'a Rubric,
        lang: Lang,
        i: usize,
        o: &'a Outcome,
    ) -> WorkerJson<'a> {
        let w = &bundle.workers()[i];
        WorkerJson {
            worker_id: &w.id,
            name: &w.name,
            unit: w.unit.as_deref(),
            role: w.role.as_deref(),
            status: o.status.as_str(),
            total: o.total,
            grade: o.grade.map(|g| rubric.grade_label(g)),
            rank: o.rank,
            components: Components {
                bundle,
                lang,
                worker: i,
                outcome: o,
            },
            bonus: o.bonus,
            deduction: o.deduction,
            flags: o.flags.iter().map(|f| f.code(rubric)).collect(),
            flag_text: o.flags.iter().map(|f| f.text(rubric, lang)).collect(),
        }
    }
}

/// Every component of a worker: its score, why it is missing, and the method's facts.
struct Components<'a> {
    bundle: &'a Bundle,
    lang: Lang,
    worker: usize,
    outcome: &'a Outcome,
}

impl Serialize for Components<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let rubric = self.bundle.rubric();
        let worker = &self.bundle.workers()[self.worker];
        let mut m = s.serialize_map(Some(rubric.components.len()))?;
        for (k, (c, o)) in rubric
            .components
            .iter()
            .zip(&self.outcome.components)
            .enumerate()
        {
            let facts = self.bundle.tallies(k).facts(self.worker, worker);
            let one = Component {
                score: o.score,
                lang: self.lang,
                missing: o.missing.as_ref(),
                facts: &facts,
                method: &c.method,
            };
            m.serialize_entry(&c.id, &one)?;
        }
        m.end()
    }
}

struct Component<'a> {
    score: Option<Decimal>,
    lang: Lang,
    missing: Option<&'a Missing>,
    facts: &'a Facts,
    method: &'a Method,
}

impl Serialize for Component<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("score", &self.score.map(Num))?;
        if let Some(why) = self.missing {
            m.serialize_entry("missing", &why.text(self.lang))?;
        }
        match self.facts {
            Facts::NoFile => {}
            Facts::Panel { count, used } => {
                m.serialize_entry("count", count)?;
                m.serialize_entry("used", used)?;
            }
            Facts::Ballot {
                cast,
                valid,
                electorate,
                quorum_met,
                votes,
            } => {
                m.serialize_entry("cast", cast)?;
                m.serialize_entry("valid", valid)?;
                m.serialize_entry("electorate", electorate)?;
                m.serialize_entry("quorum_met", quorum_met)?;
                let labels: Vec<&str> = match self.method {
                    Method::Ballot(b) => b.options.iter().map(|o| o.label.as_str()).collect(),
                    _ => Vec::new(),
                };
                m.serialize_entry("votes", &Votes { labels, votes })?;
            }
            Facts::Interview { interviewers } => {
                m.serialize_entry("interviewers", interviewers)?;
            }
            Facts::Test { marks, max, failed } => {
                m.serialize_entry("marks", &marks.map(Num))?;
                m.serialize_entry("max", &max.map(Num))?;
                m.serialize_entry("failed", failed)?;
            }
            Facts::Phone {
                calls,
                counted,
                satisfied,
            } => {
                m.serialize_entry("calls", calls)?;
                m.serialize_entry("counted", counted)?;
                m.serialize_entry("satisfied", &share(satisfied))?;
            }
            Facts::Visit {
                households,
                answered,
                rated,
                satisfied,
            } => {
                m.serialize_entry("households", households)?;
                m.serialize_entry("answered", answered)?;
                m.serialize_entry("rated", rated)?;
                m.serialize_entry("satisfied", &share(satisfied))?;
            }
            Facts::Scorecard {
                counted,
                periods,
                limited,
                floored,
                capped,
            } => {
                m.serialize_entry("counted_periods", counted)?;
                m.serialize_entry("periods", periods)?;
                m.serialize_entry("limited", limited)?;
                m.serialize_entry("floored", floored)?;
                m.serialize_entry("capped", capped)?;
            }
        }
        m.end()
    }
}

/// Votes per option label.
struct Votes<'a> {
    labels: Vec<&'a str>,
    votes: &'a [u64],
}

impl Serialize for Votes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.labels.len()))?;
        for (l, v) in self.labels.iter().zip(self.votes) {
            m.serialize_entry(l, v)?;
        }
        m.end()
    }
}
