//! Output formats of a scored assessment: JSON (CONTRACT section 4), CSV, an aligned text
//! table for the terminal and (with the `xlsx` feature) a workbook (module `xlsx`).

#[cfg(feature = "xlsx")]
pub mod xlsx;

use std::collections::HashMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};
use unicode_width::UnicodeWidthStr;

use crate::engine::{Assessment, Status, WorkerResult};
use crate::method::{ComponentScore, Detail, Share};

/// A decimal as a JSON number printed exactly as it is (`89.99`, `90.00`).
pub fn number(d: Decimal) -> Value {
    d.to_string()
        .parse::<serde_json::Number>()
        .map_or(Value::Null, Value::Number)
}

fn opt_number(d: Option<Decimal>) -> Value {
    d.map_or(Value::Null, number)
}

fn float4(x: f64) -> Value {
    let d = Decimal::from_f64_retain(x).map(|d| d.round_dp(4).normalize());
    opt_number(d)
}

fn share_json(s: &Option<Share>) -> Value {
    match s {
        Some(s) => {
            json!({ "n": s.n, "hits": s.hits, "share": float4(s.share), "ci95": [float4(s.low), float4(s.high)] })
        }
        None => Value::Null,
    }
}

fn component_json(c: &crate::method::ComponentScore) -> Value {
    let mut m = Map::new();
    m.insert("score".into(), opt_number(c.score));
    if let Some(why) = &c.missing {
        m.insert("missing".into(), Value::String(why.clone()));
    }
    match &c.detail {
        Detail::NoFile => {}
        Detail::Panel(p) => {
            m.insert("count".into(), json!(p.scores.len()));
            m.insert("used".into(), json!(p.used));
        }
        Detail::Ballot(b) => {
            m.insert("cast".into(), json!(b.cast));
            m.insert("valid".into(), json!(b.valid));
            m.insert("electorate".into(), json!(b.electorate));
            m.insert("quorum_met".into(), json!(b.quorum_met));
            let votes: Map<String, Value> = b
                .options
                .iter()
                .map(|t| (t.label.clone(), json!(t.count)))
                .collect();
            m.insert("votes".into(), Value::Object(votes));
        }
        Detail::Interview(i) => {
            m.insert("interviewers".into(), json!(i.interviewers.len()));
        }
        Detail::Test(t) => {
            m.insert("marks".into(), opt_number(t.marks));
            m.insert("max".into(), opt_number(t.max));
            m.insert("failed".into(), json!(t.failed));
        }
        Detail::Phone(p) => {
            m.insert("calls".into(), json!(p.calls));
            m.insert("counted".into(), json!(p.counted));
            m.insert("satisfied".into(), share_json(&p.satisfied));
        }
        Detail::Visit(v) => {
            m.insert("households".into(), json!(v.households));
            m.insert("answered".into(), json!(v.yes + v.no));
            m.insert("rated".into(), json!(v.rated));
            m.insert("satisfied".into(), share_json(&v.satisfied));
        }
    }
    Value::Object(m)
}

fn worker_json(w: &WorkerResult) -> Value {
    let comps: Map<String, Value> = w
        .components
        .iter()
        .map(|c| (c.id.clone(), component_json(c)))
        .collect();
    json!({
        "worker_id": w.worker_id,
        "name": w.name,
        "unit": w.unit,
        "role": w.role,
        "status": w.status.as_str(),
        "total": opt_number(w.total),
        "grade": w.grade,
        "rank": w.rank,
        "components": comps,
        "bonus": number(w.bonus),
        "deduction": number(w.deduction),
        "flags": w.flags.iter().map(|f| f.code.clone()).collect::<Vec<_>>(),
        "flag_text": w.flags.iter().map(|f| f.text.clone()).collect::<Vec<_>>(),
    })
}

/// The result as the JSON document of CONTRACT section 4 (with more fields).
pub fn to_json(a: &Assessment) -> Value {
    document(
        a,
        a.workers.iter().map(|w| (w.status, w.grade.as_deref())),
        a.workers.iter().map(worker_json).collect(),
    )
}

/// The JSON document with the given workers; the summary counts `standings` (each worker's
/// final status and grade).
fn document<'a>(
    a: &Assessment,
    standings: impl Iterator<Item = (Status, Option<&'a str>)>,
    workers: Vec<Value>,
) -> Value {
    let quota: Vec<Value> = a
        .quotas
        .iter()
        .map(|q| {
            json!({
                "unit": q.unit, "grade": q.grade, "graded": q.graded, "ratio": q.ratio, "places": q.places,
                "candidates": q.candidates, "kept": q.kept, "tied": q.tied, "cut": q.cut,
            })
        })
        .collect();
    let mut grades = Map::new();
    let (mut total, mut graded, mut ungraded, mut pending) = (0, 0, 0, 0);
    for (status, grade) in standings {
        total += 1;
        match status {
            Status::Graded => graded += 1,
            Status::Ungraded => ungraded += 1,
            Status::Pending => pending += 1,
        }
        if let Some(g) = grade {
            let e = grades.entry(g.to_string()).or_insert(json!(0));
            *e = json!(e.as_u64().unwrap_or(0) + 1);
        }
    }
    json!({
        "assessment": { "name": a.name, "year": a.year },
        "rubric": { "id": a.rubric_id, "name": a.rubric_name, "sha256": a.rubric_sha256 },
        "summary": {
            "workers": total,
            "graded": graded,
            "ungraded": ungraded,
            "pending": pending,
            "grades": grades,
        },
        "quota": quota,
        "workers": workers,
    })
}

/// Scores `bundle` and writes the JSON document of [`to_json`] to `out`, byte for byte as
/// `serde_json::to_string_pretty(&to_json(&score(bundle)))` prints it, without ever holding
/// every worker's result: the cohort's decisions (quota and rank) are made first, then each
/// worker's result is made again, written and dropped, in blocks scored on every core. This
/// is what `yardstick score --format json` runs; memory grows with a few dozen bytes per
/// worker on top of the loaded bundle.
pub fn write_json(bundle: &crate::Bundle, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    write_json_with_threads(bundle, out, crate::engine::threads())
}

/// As [`write_json`], on `threads` threads.
pub(crate) fn write_json_with_threads(
    bundle: &crate::Bundle,
    out: &mut dyn std::io::Write,
    threads: usize,
) -> std::io::Result<()> {
    let cohort = crate::engine::Cohort::with_threads(bundle, threads);
    let frame = Assessment {
        name: bundle.info.name.clone(),
        year: bundle.info.year,
        rubric_id: bundle.rubric.id.clone(),
        rubric_name: bundle.rubric.name.clone(),
        rubric_sha256: bundle.rubric_sha256.clone(),
        workers: vec![],
        quotas: cohort.quotas.clone(),
    };
    let n = cohort.len();
    let head = document(
        &frame,
        (0..n).map(|i| {
            (
                cohort.status(i).unwrap_or(Status::Ungraded),
                cohort.grade(bundle, i),
            )
        }),
        vec![],
    );
    let head = serde_json::to_string_pretty(&head)?;
    // "workers" is the last key: its empty list closes the document.
    let Some(open) = head.strip_suffix("[]\n}") else {
        return Err(std::io::Error::other("unexpected JSON layout"));
    };
    out.write_all(open.as_bytes())?;
    if n == 0 {
        return out.write_all(b"[]\n}");
    }
    out.write_all(b"[")?;
    // Workers are scored and rendered in blocks by long-lived threads, block b by thread
    // b mod threads, each block's text handed to this thread through the thread's own channel
    // and written in order: the cores never wait for the writing, and no more than two
    // blocks a thread (a few hundred kilobytes) are ever held.
    const BLOCK: usize = 128;
    let blocks = n.div_ceil(BLOCK);
    let threads = threads.clamp(1, blocks);
    let render = |b: usize| {
        let mut p = Pretty::at(2, Vec::with_capacity(2048 * BLOCK));
        for i in b * BLOCK..((b + 1) * BLOCK).min(n) {
            p.buf
                .extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
            let r = cohort.result_at(bundle, i, crate::engine::Depth::Summary);
            let texts = Texts {
                worker: &bundle.workers[i],
                rubric: &bundle.rubric,
            };
            write_worker(&mut p, &r, texts, |k| counts(bundle, k, i));
        }
        p.buf
    };
    if threads == 1 {
        for b in 0..blocks {
            out.write_all(&render(b))?;
        }
    } else {
        std::thread::scope(|s| {
            let mut texts = Vec::with_capacity(threads);
            for t in 0..threads {
                let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(1);
                texts.push(rx);
                let render = &render;
                s.spawn(move || {
                    for b in (t..blocks).step_by(threads) {
                        // A closed channel: the writing failed, so stop.
                        if tx.send(render(b)).is_err() {
                            break;
                        }
                    }
                });
            }
            let written = (0..blocks).try_for_each(|b| match texts[b % threads].recv() {
                Ok(text) => out.write_all(&text),
                Err(_) => Err(std::io::Error::other("a scoring thread stopped")),
            });
            // Closing the channels lets every thread finish before the scope ends.
            drop(texts);
            written
        })?;
    }
    out.write_all(b"\n  ]\n}")
}

/// Writes JSON laid out as `serde_json`'s pretty printer does (two spaces a level), without
/// building a `Value` first.
struct Pretty {
    buf: Vec<u8>,
    depth: usize,
    /// Per open object or array: whether nothing is in it yet.
    fresh: Vec<bool>,
}

impl Pretty {
    /// A writer whose values sit `depth` levels deep.
    fn at(depth: usize, buf: Vec<u8>) -> Pretty {
        Pretty {
            buf,
            depth,
            fresh: vec![],
        }
    }

    fn open(&mut self, c: u8) {
        self.buf.push(c);
        self.depth += 1;
        self.fresh.push(true);
    }

    fn close(&mut self, c: u8) {
        self.depth -= 1;
        if self.fresh.pop() == Some(false) {
            self.buf.push(b'\n');
            self.pad();
        }
        self.buf.push(c);
    }

    fn pad(&mut self) {
        self.buf.extend(std::iter::repeat_n(b' ', 2 * self.depth));
    }

    /// Starts the next element of the open array.
    fn item(&mut self) {
        match self.fresh.last_mut() {
            Some(f) if *f => {
                *f = false;
                self.buf.push(b'\n');
            }
            _ => self.buf.extend_from_slice(b",\n"),
        }
        self.pad();
    }

    /// Starts the member `k` of the open object.
    fn key(&mut self, k: &str) {
        self.item();
        self.string(k);
        self.buf.extend_from_slice(b": ");
    }

    fn string(&mut self, s: &str) {
        // Text with nothing to escape is written as it is; otherwise serde_json's escaping
        // (quote, backslash and control characters), so that the text is `to_json`'s.
        if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
            self.buf.push(b'"');
            self.buf.extend_from_slice(s.as_bytes());
            self.buf.push(b'"');
        } else if serde_json::to_writer(&mut self.buf, s).is_err() {
            self.buf.extend_from_slice(b"null");
        }
    }

    /// A whole number.
    fn whole(&mut self, n: impl itoa::Integer) {
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    fn opt_string(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.null(),
        }
    }

    fn null(&mut self) {
        self.buf.extend_from_slice(b"null");
    }

    fn display(&mut self, v: impl std::fmt::Display) {
        use std::io::Write as _;
        let _ = write!(self.buf, "{v}");
    }

    fn bool(&mut self, b: bool) {
        self.display(b);
    }

    /// A decimal as [`number`] prints it.
    fn number(&mut self, d: Decimal) {
        self.display(d);
    }

    fn opt_number(&mut self, d: Option<Decimal>) {
        match d {
            Some(d) => self.number(d),
            None => self.null(),
        }
    }

    fn float4(&mut self, x: f64) {
        // A province's shares take a few hundred values (hits of n calls or households):
        // each is written once per thread and then copied.
        thread_local! {
            static TEXT: std::cell::RefCell<HashMap<u64, Box<[u8]>>> =
                std::cell::RefCell::new(HashMap::new());
        }
        let write = |buf: &mut Vec<u8>| {
            let mut p = Pretty::at(0, std::mem::take(buf));
            p.opt_number(Decimal::from_f64_retain(x).map(|d| d.round_dp(4).normalize()));
            *buf = p.buf;
        };
        TEXT.with_borrow_mut(|texts| {
            if let Some(text) = texts.get(&x.to_bits()) {
                self.buf.extend_from_slice(text);
            } else if texts.len() < 4096 {
                let mut text = Vec::new();
                write(&mut text);
                self.buf.extend_from_slice(&text);
                texts.insert(x.to_bits(), text.into_boxed_slice());
            } else {
                write(&mut self.buf);
            }
        });
    }

    fn share(&mut self, s: &Option<Share>) {
        let Some(s) = s else {
            return self.null();
        };
        self.open(b'{');
        self.key("n");
        self.whole(s.n);
        self.key("hits");
        self.whole(s.hits);
        self.key("share");
        self.float4(s.share);
        self.key("ci95");
        self.open(b'[');
        self.item();
        self.float4(s.low);
        self.item();
        self.float4(s.high);
        self.close(b']');
        self.close(b'}');
    }

    fn strings<'a>(&mut self, items: impl Iterator<Item = &'a str>) {
        self.open(b'[');
        for s in items {
            self.item();
            self.string(s);
        }
        self.close(b']');
    }
}

/// The number of scores (panel) or interviewers (interview) of worker `i` in component `k`,
/// from the tallies: the lengths of the lists a summary result leaves empty.
fn counts(bundle: &crate::Bundle, k: usize, i: usize) -> Option<usize> {
    use crate::input::Tallies;
    use crate::rubric::Method;
    match (
        &bundle.tallies.get(k)?,
        &bundle.rubric.components.get(k)?.method,
    ) {
        (Tallies::Panel(a, _), _) => Some(a.get(i)?.count()),
        (Tallies::Interview(a, _), Method::Interview(c)) => Some(a.get(i)?.interviewers(c)),
        _ => None,
    }
}

/// Where a summary result's texts are: the roster's worker and the rubric.
#[derive(Clone, Copy)]
struct Texts<'a> {
    worker: &'a crate::input::Worker,
    rubric: &'a crate::Rubric,
}

/// One worker as [`worker_json`] makes it, pretty-printed, from a summary result, which has no
/// texts and no lists of panel scores or interviewers: `texts` gives the texts, and `count(k)`
/// the number of scores or interviewers of component `k`.
fn write_worker(
    p: &mut Pretty,
    w: &WorkerResult,
    texts: Texts,
    count: impl Fn(usize) -> Option<usize>,
) {
    p.open(b'{');
    p.key("worker_id");
    p.string(&texts.worker.id);
    p.key("name");
    p.string(&texts.worker.name);
    p.key("unit");
    p.opt_string(texts.worker.unit.as_deref());
    p.key("role");
    p.opt_string(texts.worker.role.as_deref());
    p.key("status");
    p.string(w.status.as_str());
    p.key("total");
    p.opt_number(w.total);
    p.key("grade");
    p.opt_string(w.grade.as_deref());
    p.key("rank");
    match w.rank {
        Some(r) => p.whole(r),
        None => p.null(),
    }
    p.key("components");
    p.open(b'{');
    for (k, c) in w.components.iter().enumerate() {
        p.key(texts.rubric.components.get(k).map_or(&c.id, |rc| &rc.id));
        write_component(p, c, count(k));
    }
    p.close(b'}');
    p.key("bonus");
    p.number(w.bonus);
    p.key("deduction");
    p.number(w.deduction);
    p.key("flags");
    p.strings(w.flags.iter().map(|f| f.code.as_str()));
    p.key("flag_text");
    p.strings(w.flags.iter().map(|f| f.text.as_str()));
    p.close(b'}');
}

/// One component as [`component_json`] makes it, pretty-printed.
fn write_component(p: &mut Pretty, c: &ComponentScore, count: Option<usize>) {
    p.open(b'{');
    p.key("score");
    p.opt_number(c.score);
    if let Some(why) = &c.missing {
        p.key("missing");
        p.string(why);
    }
    match &c.detail {
        Detail::NoFile => {}
        Detail::Panel(d) => {
            p.key("count");
            p.whole(count.unwrap_or(d.scores.len()));
            p.key("used");
            p.whole(d.used);
        }
        Detail::Ballot(b) => {
            p.key("cast");
            p.whole(b.cast);
            p.key("valid");
            p.whole(b.valid);
            p.key("electorate");
            match b.electorate {
                Some(e) => p.whole(e),
                None => p.null(),
            }
            p.key("quorum_met");
            p.bool(b.quorum_met);
            p.key("votes");
            // A map: a label given twice is written once, with its last count, at its first
            // place (as `serde_json::Map` keeps it).
            p.open(b'{');
            for (i, t) in b.options.iter().enumerate() {
                if b.options[..i].iter().any(|o| o.label == t.label) {
                    continue;
                }
                let last = b.options.iter().rev().find(|o| o.label == t.label);
                p.key(&t.label);
                p.whole(last.map_or(t.count, |o| o.count));
            }
            p.close(b'}');
        }
        Detail::Interview(i) => {
            p.key("interviewers");
            p.whole(count.unwrap_or(i.interviewers.len()));
        }
        Detail::Test(t) => {
            p.key("marks");
            p.opt_number(t.marks);
            p.key("max");
            p.opt_number(t.max);
            p.key("failed");
            p.bool(t.failed);
        }
        Detail::Phone(d) => {
            p.key("calls");
            p.whole(d.calls);
            p.key("counted");
            p.whole(d.counted);
            p.key("satisfied");
            p.share(&d.satisfied);
        }
        Detail::Visit(v) => {
            p.key("households");
            p.whole(v.households);
            p.key("answered");
            p.whole(v.yes + v.no);
            p.key("rated");
            p.whole(v.rated);
            p.key("satisfied");
            p.share(&v.satisfied);
        }
    }
    p.close(b'}');
}

/// Escapes a cell that a spreadsheet would read as a formula: text beginning with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's advice against CSV
/// injection). Every text cell of the CSV and XLSX outputs goes through it.
///
/// ```
/// use yardstick::report::safe_cell;
/// assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(safe_cell("\t=1"), "'\t=1");
/// assert_eq!(safe_cell("张丽萍"), "张丽萍");
/// ```
pub fn safe_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The result as CSV: one row per worker, one column per component score.
pub fn to_csv(a: &Assessment) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let first = a.workers.first();
    let comp_ids: Vec<String> = first
        .map(|f| f.components.iter().map(|c| c.id.clone()).collect())
        .unwrap_or_default();
    let mut header = vec![
        "worker_id",
        "name",
        "unit",
        "role",
        "status",
        "total",
        "grade",
        "rank",
    ];
    header.extend(comp_ids.iter().map(String::as_str));
    header.extend(["bonus", "deduction", "flags"]);
    let _ = w.write_record(&header);
    let s = |d: Option<Decimal>| d.map_or(String::new(), |d| d.to_string());
    for r in &a.workers {
        let mut row = vec![
            safe_cell(&r.worker_id),
            safe_cell(&r.name),
            safe_cell(r.unit.as_deref().unwrap_or("")),
            safe_cell(r.role.as_deref().unwrap_or("")),
            r.status.as_str().to_string(),
            s(r.total),
            r.grade.clone().unwrap_or_default(),
            r.rank.map_or(String::new(), |k| k.to_string()),
        ];
        row.extend(r.components.iter().map(|c| s(c.score)));
        row.push(r.bonus.to_string());
        row.push(r.deduction.to_string());
        row.push(
            r.flags
                .iter()
                .map(|f| f.code.as_str())
                .collect::<Vec<_>>()
                .join(";"),
        );
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A worker's flags in words, as the table and the explanation show them.
pub fn flags_in_words(w: &WorkerResult) -> String {
    w.flags
        .iter()
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// What a component score rests on, as a number and what it counts, e.g. `(48, "有效票")`:
/// scores of a panel, valid ballots, interviewers, the test's marks, counted calls, households
/// asked. `None` without a file.
pub fn component_count(c: &ComponentScore) -> Option<(Decimal, &'static str)> {
    let n = |x: u64| Decimal::from(x);
    match &c.detail {
        Detail::NoFile => None,
        Detail::Panel(p) => Some((n(p.scores.len() as u64), "评分人数")),
        Detail::Ballot(b) => Some((n(b.valid), "有效票")),
        Detail::Interview(i) => Some((n(i.interviewers.len() as u64), "谈话人数")),
        Detail::Test(t) => t.marks.map(|m| (m, "卷面分")),
        Detail::Phone(p) => Some((n(p.counted), "有效通话")),
        Detail::Visit(v) => Some((n(v.households), "走访户数")),
    }
}

/// The label [`component_count`] gives for a method kind (`panel`, `ballot` …).
pub fn count_label(kind: &str) -> &'static str {
    match kind {
        "panel" => "评分人数",
        "ballot" => "有效票",
        "interview" => "谈话人数",
        "test" => "卷面分",
        "phone" => "有效通话",
        _ => "走访户数",
    }
}

/// A status in words: 已评定, 不评定, 暂缓评定.
pub fn status_in_words(s: Status) -> &'static str {
    match s {
        Status::Graded => "已评定",
        Status::Ungraded => "不评定",
        Status::Pending => "暂缓评定",
    }
}

fn pad(out: &mut String, text: &str, width: usize, right: bool) {
    let fill = width.saturating_sub(text.width());
    if right {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(text);
    } else {
        out.push_str(text);
        out.extend(std::iter::repeat_n(' ', fill));
    }
}

/// Lays out rows as columns aligned by display width (a Chinese character is two columns).
pub fn align(rows: &[Vec<String>], right: &[bool]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            let last = c + 1 == row.len();
            if last && !right.get(c).copied().unwrap_or(false) {
                line.push_str(cell);
            } else {
                pad(
                    &mut line,
                    cell,
                    widths[c],
                    right.get(c).copied().unwrap_or(false),
                );
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The result as a text table for the terminal, with the quota line and flags in words.
pub fn to_table(a: &Assessment) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({})  rubric {} {}",
        a.name, a.year, a.rubric_id, a.rubric_name
    );
    let _ = writeln!(out);
    let comp_names: Vec<String> = a
        .workers
        .first()
        .map(|f| f.components.iter().map(|c| c.name.clone()).collect())
        .unwrap_or_default();
    let mut header: Vec<String> = ["排名", "工号", "姓名", "单位", "总分", "等次", "状态"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(comp_names.iter().cloned());
    header.push("说明".into());
    let mut rows = vec![header];
    let mut order: Vec<&WorkerResult> = a.workers.iter().collect();
    // Graded by rank, then pending, then ungraded; roster order within.
    order.sort_by_key(|w| (w.rank.is_none(), w.rank, w.status != Status::Pending));
    for w in order {
        let status = status_in_words(w.status);
        let mut row = vec![
            w.rank.map_or("-".into(), |r| r.to_string()),
            w.worker_id.clone(),
            w.name.clone(),
            w.unit.clone().unwrap_or_default(),
            w.total.map_or("-".into(), |t| t.to_string()),
            w.grade.clone().unwrap_or_else(|| "-".into()),
            status.into(),
        ];
        row.extend(
            w.components
                .iter()
                .map(|c| c.score.map_or("缺".into(), |s| s.to_string())),
        );
        row.push(flags_in_words(w));
        rows.push(row);
    }
    let mut right = vec![true, false, false, false, true, false, false];
    right.extend(comp_names.iter().map(|_| true));
    right.push(false);
    out.push_str(&align(&rows, &right));
    out.push('\n');
    for q in &a.quotas {
        let scope = q.unit.as_ref().map_or("全体".to_string(), |u| u.clone());
        let _ = writeln!(
            out,
            "{} quota ({scope}): {} of N = {} graded → {} place(s); {} candidate(s), {} kept{}{}",
            q.grade,
            q.ratio,
            q.graded,
            q.places,
            q.candidates.len(),
            q.kept.len(),
            if q.tied.is_empty() {
                String::new()
            } else {
                format!(
                    ", {} tied at the line (left to the committee: {})",
                    q.tied.len(),
                    q.tied.join(", ")
                )
            },
            if q.cut.is_empty() {
                String::new()
            } else {
                format!(", {} below the line", q.cut.len())
            },
        );
    }
    let count = |s: Status| a.workers.iter().filter(|w| w.status == s).count();
    let _ = writeln!(
        out,
        "{} worker(s): {} graded, {} pending, {} ungraded",
        a.workers.len(),
        count(Status::Graded),
        count(Status::Pending),
        count(Status::Ungraded)
    );
    out
}
