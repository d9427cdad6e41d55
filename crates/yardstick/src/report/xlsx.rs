//! The result as a workbook for the committee, the notice board and the archive.
//!
//! Five sheets, six when the rubric declares consequences:
//!
//! - **公示**: unit, name, role, total, grade and rank under a title with the assessment's
//!   name and year, set to print on A4 landscape, one page wide, the header row repeated on
//!   every page;
//! - **明细**: every worker with every component score and what it rests on (valid ballots,
//!   raters, calls…), bonus, deduction, the adjustment items and the flags in words;
//! - **名额**: the quota per scope (N, ratio, places, candidates, kept, tied, cut) and every
//!   candidate in order with the decision;
//! - **结果运用**: when the rubric declares consequences (docs/contract.md section 8), every
//!   worker to whom one applies, with the years counted, and the earlier years read;
//! - **数据核对**: rows read, used and rejected per input file, and the rubric's fingerprint;
//! - **审核**: the fairness audit (docs/audit.md) in the result's language: Krippendorff's α
//!   per component with its reading, every panel rater's leniency with a bar chart, the grade
//!   margins counted and binned with a column chart, the suspicious ballot sheets, and every
//!   graded worker's margins (module `audit` of this one).
//!
//! Scores are numbers with the format `0.00`; they are exact decimals until this writer turns
//! them into the spreadsheet's binary numbers (a two-decimal score survives that exactly as
//! displayed). Every text cell goes through [`safe_cell`]. Headers are frozen and columns are
//! as wide as their text, counting a Chinese character as two.
//!
//! Streamed, like the other views: every sheet is a "constant memory" worksheet of
//! `rust_xlsxwriter`, whose rows go to a temporary file (in the system's temporary folder,
//! `TMPDIR`) as soon as the next row is begun, and are copied into the zip archive when the
//! workbook is saved. The 公示 sheet needs only what [`Scored`] keeps per worker; the 明细
//! sheet evaluates the outcomes in blocks on the scoring's threads ([`Scored::threads`]) and
//! writes their rows in roster order on one thread. Only the rows of the current blocks are
//! ever in memory.
//!
//! The mode's rule is that rows are written in order, each row whole before the next begins.
//! Column widths, frozen panes, merged ranges, the autofilter and the page setup are not
//! cells: the worksheet keeps them and writes them into the sheet's XML when the workbook is
//! saved, so the widths are set after the rows, from the widest cell seen while writing them
//! (the test `streamed_workbook_keeps_the_old_layout` checks the `<cols>` of every sheet).
//!
//! The workbook is made from an [`Audit`] of the scored bundle ([`crate::audit::audit`]),
//! which holds the [`Scored`] it audited: the audit reads the ballot files again, so a bundle's
//! files must still be readable, and an error there is the caller's before any byte of the
//! workbook is made.

mod audit;

use std::io::Write;
use std::ops::Range;
use std::sync::mpsc;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
/// The error of [`to_xlsx`], and the one inside an error of [`write()`] that is not of the
/// writing.
pub use rust_xlsxwriter::XlsxError;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use unicode_width::UnicodeWidthStr;

pub use self::audit::SHEET as AUDIT_SHEET;
use super::{count_label, safe_cell};
use crate::audit::Audit;
use crate::bundle::Bundle;
use crate::engine::Scored;

/// A4 in Excel's paper sizes.
const A4: u8 = 9;

/// Rows of the 明细 sheet rendered by one thread at a time.
const BLOCK: usize = 256;

/// Bytes of the archive handed at a time to the writer of [`write`].
const CHUNK: usize = 1 << 16;

/// A cell to write: text (escaped), a number with a format, or nothing.
enum V {
    T(String),
    /// A score: shown with two decimals.
    Score(Decimal),
    /// A whole number or a plain decimal.
    N(Decimal),
    /// A statistic (α, leniency): full precision, shown with three decimals.
    Stat(f64),
    Empty,
}

impl V {
    fn text(s: impl AsRef<str>) -> V {
        V::T(safe_cell(s.as_ref()))
    }

    fn count(n: usize) -> V {
        V::N(Decimal::from(n as u64))
    }

    fn width(&self) -> usize {
        match self {
            V::T(s) => s.width(),
            V::Score(d) => shown_len(format_args!("{d:.2}")),
            V::N(d) => shown_len(format_args!("{d}")),
            V::Stat(x) => shown_len(format_args!("{x:.3}")),
            V::Empty => 0,
        }
    }
}

/// The length of a formatted value, without making its string.
fn shown_len(args: std::fmt::Arguments) -> usize {
    struct Count(usize);
    impl std::fmt::Write for Count {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 += s.len();
            Ok(())
        }
    }
    let mut n = Count(0);
    let _ = std::fmt::Write::write_fmt(&mut n, args);
    n.0
}

struct Styles {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    score: Format,
    number: Format,
    stat: Format,
    note: Format,
    heading: Format,
}

impl Styles {
    fn new() -> Styles {
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subtitle: Format::new().set_align(FormatAlign::Center),
            header: border(
                Format::new()
                    .set_bold()
                    .set_background_color("#D9E1F2")
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::VerticalCenter)
                    .set_text_wrap(),
            ),
            text: border(Format::new()),
            score: border(Format::new().set_num_format("0.00")),
            number: border(Format::new().set_num_format("General")),
            stat: border(Format::new().set_num_format("0.000")),
            note: Format::new().set_italic(),
            heading: Format::new().set_bold(),
        }
    }
}

fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(f64::NAN)
}

fn opt_score(d: Option<Decimal>) -> V {
    d.map_or(V::Empty, V::Score)
}

/// A worksheet written row after row, with the widest cell of every table column.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    st: &'a Styles,
    widths: Vec<usize>,
}

impl<'a> Sheet<'a> {
    /// A new "constant memory" worksheet named `name`.
    fn new(wb: &'a mut Workbook, name: &str, st: &'a Styles) -> Result<Sheet<'a>, XlsxError> {
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name(name)?;
        Ok(Sheet {
            ws,
            st,
            widths: Vec::new(),
        })
    }

    /// A table's header row at `y`.
    fn header(&mut self, y: u32, header: &[String]) -> Result<(), XlsxError> {
        if self.widths.len() < header.len() {
            self.widths.resize(header.len(), 0);
        }
        for (c, h) in header.iter().enumerate() {
            self.ws
                .write_string_with_format(y, c as u16, safe_cell(h), &self.st.header)?;
            self.widths[c] = self.widths[c].max(h.width());
        }
        Ok(())
    }

    /// A table's row at `y`, its cells counted in the widths.
    fn row(&mut self, y: u32, row: &[V]) -> Result<(), XlsxError> {
        self.cells(y, row)?;
        for (w, v) in self.widths.iter_mut().zip(row) {
            *w = (*w).max(v.width());
        }
        Ok(())
    }

    /// A table's row at `y`, its widths already counted with [`Sheet::widen`].
    fn cells(&mut self, y: u32, row: &[V]) -> Result<(), XlsxError> {
        let (ws, st) = (&mut *self.ws, self.st);
        for (c, v) in row.iter().enumerate() {
            let x = c as u16;
            match v {
                V::T(s) => ws.write_string_with_format(y, x, s, &st.text)?,
                V::Score(d) => ws.write_number_with_format(y, x, to_f64(*d), &st.score)?,
                V::N(d) => ws.write_number_with_format(y, x, to_f64(*d), &st.number)?,
                V::Stat(v) => ws.write_number_with_format(y, x, *v, &st.stat)?,
                V::Empty => ws.write_blank(y, x, &st.text)?,
            };
        }
        Ok(())
    }

    /// Counts widths measured elsewhere.
    fn widen(&mut self, widths: &[usize]) {
        for (w, p) in self.widths.iter_mut().zip(widths) {
            *w = (*w).max(*p);
        }
    }

    /// A note (not in a table) at `y`.
    fn note(&mut self, y: u32, text: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(y, 0, safe_cell(text), &self.st.note)?;
        Ok(())
    }

    /// A heading (not in a table) at `y`.
    fn heading(&mut self, y: u32, text: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(y, 0, safe_cell(text), &self.st.heading)?;
        Ok(())
    }

    /// Sets the columns' widths to fit their tables and returns the worksheet for its page
    /// setup.
    fn finish(self) -> Result<&'a mut Worksheet, XlsxError> {
        for (c, w) in self.widths.iter().enumerate() {
            // Excel's width unit is about one Latin character of the default font.
            self.ws
                .set_column_width(c as u16, (*w as f64 + 2.0).clamp(6.0, 60.0))?;
        }
        Ok(self.ws)
    }
}

/// The widest cell of each of `cols` columns of `rows`.
fn widths_of(rows: &[Vec<V>], cols: usize) -> Vec<usize> {
    let mut widths = vec![0; cols];
    for r in rows {
        for (w, v) in widths.iter_mut().zip(r) {
            *w = (*w).max(v.width());
        }
    }
    widths
}

/// `make(range)` for the blocks of `block` items of `0..n`, made on up to `threads` threads
/// (block b by thread b mod threads) and handed to `take` in order on this thread, no more
/// than two blocks a thread held at once: [`crate::par::write_blocks`] with values instead of
/// bytes. An error of `take` stops every thread and is returned.
fn in_blocks<T: Send, E>(
    n: usize,
    block: usize,
    threads: usize,
    make: impl Fn(Range<usize>) -> T + Sync,
    mut take: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let block = block.max(1);
    let blocks = n.div_ceil(block);
    let threads = threads.clamp(1, blocks.max(1));
    let range = |b: usize| b * block..((b + 1) * block).min(n);
    if threads == 1 {
        return (0..blocks).try_for_each(|b| take(make(range(b))));
    }
    std::thread::scope(|s| {
        let mut made = Vec::with_capacity(threads);
        for t in 0..threads {
            let (tx, rx) = mpsc::sync_channel::<T>(1);
            made.push(rx);
            let (make, range) = (&make, &range);
            s.spawn(move || {
                for b in (t..blocks).step_by(threads) {
                    // A closed channel: the writing failed, so stop.
                    if tx.send(make(range(b))).is_err() {
                        break;
                    }
                }
            });
        }
        for b in 0..blocks {
            match made[b % threads].recv() {
                Ok(part) => take(part)?,
                // The thread panicked: the scope passes its panic on.
                Err(_) => break,
            }
        }
        Ok(())
    })
}

fn notice_sheet(wb: &mut Workbook, scored: &Scored, st: &Styles) -> Result<(), XlsxError> {
    let bundle = scored.bundle();
    let rubric = bundle.rubric();
    let workers = bundle.workers();
    let mut sheet = Sheet::new(wb, "公示", st)?;
    let roles = workers.iter().any(|w| w.role.is_some());
    let mut header: Vec<String> = vec!["排名".into(), "单位".into(), "姓名".into()];
    if roles {
        header.push("职务".into());
    }
    header.extend(["总分".into(), "等次".into()]);
    let last = (header.len() - 1) as u16;
    sheet.ws.set_row_height(0, 30)?;
    sheet
        .ws
        .merge_range(0, 0, 0, last, &safe_cell(&bundle.info().name), &st.title)?;
    let sub = format!(
        "考核年度：{}年　　评分细则：{}　　参评 {} 人",
        bundle.info().year,
        rubric.name,
        workers.len()
    );
    sheet
        .ws
        .merge_range(1, 0, 1, last, &safe_cell(&sub), &st.subtitle)?;
    // The title spans the table; its own width must not widen the first column.
    sheet.header(2, &header)?;
    let order = scored.ranked();
    let mut row = Vec::with_capacity(header.len());
    for (y, &i) in (3..).zip(&order) {
        let w = &workers[i];
        row.clear();
        row.push(scored.rank(i).map_or(V::Empty, |k| V::N(Decimal::from(k))));
        row.push(V::text(w.unit.as_deref().unwrap_or("")));
        row.push(V::text(&w.name));
        if roles {
            row.push(V::text(w.role.as_deref().unwrap_or("")));
        }
        row.push(opt_score(scored.total(i)));
        row.push(match scored.grade(i) {
            Some(g) => V::text(rubric.grade_label(g)),
            None => V::text(scored.status(i).in_words()),
        });
        sheet.row(y, &row)?;
    }
    let next = 3 + order.len() as u32;
    let ratio = rubric
        .quota
        .as_ref()
        .map(|q| q.ratio.to_string())
        .unwrap_or_default();
    for (y, q) in (next + 1..).zip(scored.quotas()) {
        let scope = q.unit.as_deref().unwrap_or("全体");
        let line = format!(
            "{}名额（{}）：参评 {} 人 × {} = {} 名；候选 {} 人，评定 {} 人{}",
            rubric.grade_label(q.grade),
            scope,
            q.graded,
            ratio,
            q.places,
            q.candidates.len(),
            q.kept.len(),
            if q.tied.is_empty() {
                String::new()
            } else {
                format!("；{} 人在名额线上并列，由考核委员会研究确定", q.tied.len())
            }
        );
        sheet.note(y, &line)?;
    }
    let next = next + 1 + scored.quotas().len() as u32;
    for (y, line) in (next + 1..).zip(publication_lines(bundle)) {
        sheet.note(y, &line)?;
    }
    let ws = sheet.finish()?;
    ws.set_freeze_panes(3, 0)?;
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_repeat_rows(2, 2)?;
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// The lines under the 公示 table from `[publication]`: the 公示期 (its last day counted in
/// working days on the official calendar, 调休 included), the 监督电话, the 落款 and its date.
fn publication_lines(bundle: &crate::Bundle) -> Vec<String> {
    let Some(p) = bundle.publication() else {
        return Vec::new();
    };
    let day = |d: crate::concerns::Date| format!("{}年{}月{}日", d.year(), d.month(), d.day());
    let mut out = Vec::new();
    if let Some(start) = p.start {
        let calendar = crate::concerns::Calendar::shipped();
        // The first day of the 公示期 is a working day; then working days are counted on.
        let first = match calendar.is_working_day(start) {
            Ok(true) => Some(start),
            _ => calendar.add_working_days(start, 1).ok(),
        };
        let end = first.and_then(|f| calendar.add_working_days(f, p.working_days - 1).ok());
        out.push(match (first, end) {
            (Some(f), Some(e)) => format!(
                "公示期：{}至{}（{}个工作日）。对公示结果有异议的，请在公示期内实名反映。",
                day(f),
                day(e),
                p.working_days
            ),
            _ => format!(
                "公示期：自{}起{}个工作日。对公示结果有异议的，请在公示期内实名反映。",
                day(start),
                p.working_days
            ),
        });
    }
    if let Some(phone) = &p.phone {
        out.push(format!("监督电话：{phone}"));
    }
    if let Some(issuer) = &p.issuer {
        out.push(String::new());
        out.push(format!("{issuer}　　"));
    }
    if let Some(d) = p.date {
        out.push(format!("{}　　", day(d)));
    }
    out
}

/// Roster worker `i`'s row of the 明细 sheet.
fn detail_row(scored: &Scored, i: usize) -> Vec<V> {
    let bundle = scored.bundle();
    let rubric = bundle.rubric();
    let w = &bundle.workers()[i];
    let o = scored.outcome(i);
    let mut r = Vec::with_capacity(12 + 2 * o.components.len());
    r.extend([
        V::text(&w.id),
        V::text(&w.name),
        V::text(w.unit.as_deref().unwrap_or("")),
        V::text(w.role.as_deref().unwrap_or("")),
        V::text(o.status.in_words()),
        opt_score(o.total),
        V::text(o.grade.map_or("", |g| rubric.grade_label(g))),
        o.rank.map_or(V::Empty, |k| V::N(Decimal::from(k))),
    ]);
    for (k, c) in o.components.iter().enumerate() {
        r.push(opt_score(c.score));
        let facts = bundle.tallies(k).facts(i, w);
        r.push(facts.count().map_or(V::Empty, |(n, _)| V::N(n)));
    }
    r.push(V::Score(o.bonus));
    r.push(V::Score(o.deduction));
    let items = &rubric.adjustments.items;
    let adj: Vec<String> = bundle
        .adjustments_of(i)
        .iter()
        .filter_map(|ac| {
            items.get(ac.item).map(|it| {
                if ac.count == 1 {
                    it.name.clone()
                } else {
                    format!("{}×{}", it.name, ac.count)
                }
            })
        })
        .collect();
    r.push(V::text(adj.join("; ")));
    // The flags in the result's language, joined as before.
    let flags: Vec<String> = o
        .flags
        .iter()
        .map(|f| f.text(rubric, scored.lang()))
        .collect();
    if !rubric.consequences.is_empty() {
        let names: Vec<&str> = o
            .consequences
            .iter()
            .map(|&c| rubric.consequence(c).name.as_str())
            .collect();
        r.push(V::text(names.join("; ")));
    }
    r.push(V::text(flags.join("; ")));
    r
}

fn detail_sheet(wb: &mut Workbook, scored: &Scored, st: &Styles) -> Result<(), XlsxError> {
    let bundle = scored.bundle();
    let mut sheet = Sheet::new(wb, "明细", st)?;
    let mut header: Vec<String> = [
        "工号", "姓名", "单位", "职务", "状态", "总分", "等次", "排名",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for c in &bundle.rubric().components {
        header.push(c.name.clone());
        header.push(format!("{}{}", c.name, count_label(c.method.kind())));
    }
    header.extend(["加分", "扣分", "加扣分事项"].map(String::from));
    if !bundle.rubric().consequences.is_empty() {
        header.push("结果运用".to_string());
    }
    header.push("说明".to_string());
    sheet.header(0, &header)?;
    let n = scored.len();
    let cols = header.len();
    let mut y = 1;
    in_blocks(
        n,
        BLOCK,
        scored.threads(),
        |range| {
            let rows: Vec<Vec<V>> = range.map(|i| detail_row(scored, i)).collect();
            let widths = widths_of(&rows, cols);
            (rows, widths)
        },
        |(rows, widths)| {
            sheet.widen(&widths);
            for r in &rows {
                sheet.cells(y, r)?;
                y += 1;
            }
            Ok::<(), XlsxError>(())
        },
    )?;
    // Long texts wrap instead of widening the sheet beyond reading.
    let ws = sheet.finish()?;
    ws.set_freeze_panes(1, 2)?;
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_repeat_rows(0, 0)?;
    ws.set_print_fit_to_pages(1, 0);
    ws.autofilter(0, 0, n as u32, (cols - 1) as u16)?;
    Ok(())
}

fn quota_sheet(wb: &mut Workbook, scored: &Scored, st: &Styles) -> Result<(), XlsxError> {
    let bundle = scored.bundle();
    let rubric = bundle.rubric();
    let workers = bundle.workers();
    let mut sheet = Sheet::new(wb, "名额", st)?;
    let header: Vec<String> = [
        "范围",
        "等次",
        "比例",
        "参评人数N",
        "名额",
        "候选人数",
        "评定人数",
        "并列人数",
        "名额外人数",
    ]
    .map(String::from)
    .to_vec();
    let ratio = rubric
        .quota
        .as_ref()
        .map(|q| q.ratio.to_string())
        .unwrap_or_default();
    let quotas = scored.quotas();
    sheet.header(0, &header)?;
    let mut y = 1;
    for q in quotas {
        sheet.row(
            y,
            &[
                V::text(q.unit.as_deref().unwrap_or("全体")),
                V::text(rubric.grade_label(q.grade)),
                V::text(&ratio),
                V::count(q.graded),
                V::count(q.places),
                V::count(q.candidates.len()),
                V::count(q.kept.len()),
                V::count(q.tied.len()),
                V::count(q.cut.len()),
            ],
        )?;
        y += 1;
    }
    if quotas.is_empty() {
        sheet.note(y, "本评分细则不设名额限制。")?;
        y += 1;
    }
    y += 1;
    if quotas.iter().any(|q| !q.candidates.is_empty()) {
        let header: Vec<String> = ["范围", "候选序位", "工号", "姓名", "总分", "结果"]
            .map(String::from)
            .to_vec();
        sheet.header(y, &header)?;
        y += 1;
    }
    for q in quotas {
        let grade = rubric.grade_label(q.grade);
        let kept: std::collections::HashSet<usize> = q.kept.iter().copied().collect();
        let tied: std::collections::HashSet<usize> = q.tied.iter().copied().collect();
        for (k, &i) in q.candidates.iter().enumerate() {
            let decision = if kept.contains(&i) {
                format!("评定为{grade}")
            } else if tied.contains(&i) {
                "名额线上并列，由考核委员会研究确定".to_string()
            } else {
                "名额外，评定为次一等次".to_string()
            };
            sheet.row(
                y,
                &[
                    V::text(q.unit.as_deref().unwrap_or("全体")),
                    V::count(k + 1),
                    V::text(&workers[i].id),
                    V::text(&workers[i].name),
                    opt_score(scored.total(i)),
                    V::text(decision),
                ],
            )?;
            y += 1;
        }
    }
    let ws = sheet.finish()?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The 结果运用 sheet: each consequence that applies, worker by worker in posting order, with
/// the years and grades it counted; then the rules and the earlier years read.
fn consequences_sheet(wb: &mut Workbook, scored: &Scored, st: &Styles) -> Result<(), XlsxError> {
    let bundle = scored.bundle();
    let rubric = bundle.rubric();
    let workers = bundle.workers();
    let year = bundle.info().year;
    let mut sheet = Sheet::new(wb, "结果运用", st)?;
    let header: Vec<String> = ["结果运用", "工号", "姓名", "单位", "等次", "依据"]
        .map(String::from)
        .to_vec();
    sheet.header(0, &header)?;
    let mut y = 1;
    let mut counts = vec![0usize; rubric.consequences.len()];
    for i in scored.ranked() {
        for &c in scored.consequences(i) {
            let rule = rubric.consequence(c);
            counts[c.index()] += 1;
            let run = crate::history::run(
                rule,
                year,
                scored.status(i),
                scored.grade(i),
                bundle.history(),
                i,
            );
            let years: Vec<String> = run
                .years
                .iter()
                .map(|&(y, g)| format!("{y}年{}", rubric.grade_label(g)))
                .collect();
            sheet.row(
                y,
                &[
                    V::text(&rule.name),
                    V::text(&workers[i].id),
                    V::text(&workers[i].name),
                    V::text(workers[i].unit.as_deref().unwrap_or("")),
                    V::text(scored.grade(i).map_or("", |g| rubric.grade_label(g))),
                    V::text(years.join("、")),
                ],
            )?;
            y += 1;
        }
    }
    if y == 1 {
        sheet.note(y, "本年度没有人员适用结果运用的规定。")?;
        y += 1;
    }
    let mut notes: Vec<String> = rubric
        .consequences
        .iter()
        .zip(&counts)
        .map(|(c, n)| {
            let grade = rubric.grade_label(c.test.grade());
            let test = match c.test {
                crate::rubric::GradeTest::Exactly(_) => grade.to_string(),
                crate::rubric::GradeTest::AtLeast(_) => format!("{grade}及以上"),
            };
            format!("{}（{}）：连续 {} 年{test}，{n} 人", c.name, c.id, c.years)
        })
        .collect();
    let years: Vec<String> = bundle
        .history()
        .years()
        .iter()
        .map(|h| format!("{}年（{}）", h.year, h.file))
        .collect();
    notes.push(if years.is_empty() {
        "往年考核结果：考核包未列出（assessment.toml 的 [history] results）。".to_string()
    } else {
        format!("往年考核结果：{}。", years.join("、"))
    });
    notes.push("连续年份中缺少某一年的考核结果、该年不评定或暂缓评定、或该年结果中没有此人，即不连续；等次以名额确定后公布的等次为准。".to_string());
    for (y, line) in (y + 1..).zip(notes) {
        sheet.note(y, &line)?;
    }
    let ws = sheet.finish()?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn accounting_sheet(wb: &mut Workbook, b: &Bundle, st: &Styles) -> Result<(), XlsxError> {
    let mut sheet = Sheet::new(wb, "数据核对", st)?;
    let header: Vec<String> = ["输入", "文件", "读取行数", "采用行数", "剔除行数"]
        .map(String::from)
        .to_vec();
    let name_of = |input: &str| -> String {
        match input {
            "roster" => "花名册".to_string(),
            "adjustments" => "加扣分及否决事项".to_string(),
            id => b
                .rubric()
                .components
                .iter()
                .find(|c| c.id == id)
                .map_or(id.to_string(), |c| c.name.clone()),
        }
    };
    sheet.header(0, &header)?;
    let mut y = 1;
    for f in b.accounting() {
        sheet.row(
            y,
            &[
                V::text(name_of(&f.input)),
                V::text(&f.file),
                V::N(Decimal::from(f.rows)),
                // A bundle with a rejected row is never scored: every row read was used.
                V::N(Decimal::from(f.rows)),
                V::N(Decimal::ZERO),
            ],
        )?;
        y += 1;
    }
    let notes = [
        "说明：有任何一行数据不合规范（工号不在花名册、选项不在评分细则、数字无法识别、重复等），本软件即停止计分并列出全部问题；因此已计分的结果中没有剔除的行。".to_string(),
        format!("评分细则：{}（{}）", b.rubric().name, b.rubric().id),
        format!("评分细则文件 SHA-256：{}", b.rubric_sha256()),
    ];
    for (y, line) in (y + 1..).zip(notes) {
        sheet.note(y, &line)?;
    }
    let ws = sheet.finish()?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The workbook of the audited result, its sheets' rows already in their temporary files.
fn workbook(audited: &Audit) -> Result<Workbook, XlsxError> {
    let scored = audited.scored();
    let st = Styles::new();
    let mut wb = Workbook::new();
    // A fast deflate level: on a province (50,000 workers) the workbook is made in about 80 %
    // of the default level's time (3.9 s against 4.8 s) and is 16.5 MB against 13.6 MB.
    wb.set_zip_compression_level(2);
    notice_sheet(&mut wb, scored, &st)?;
    detail_sheet(&mut wb, scored, &st)?;
    quota_sheet(&mut wb, scored, &st)?;
    if !scored.bundle().rubric().consequences.is_empty() {
        consequences_sheet(&mut wb, scored, &st)?;
    }
    accounting_sheet(&mut wb, scored.bundle(), &st)?;
    audit::audit_sheet(&mut wb, audited, &st)?;
    Ok(wb)
}

/// Writes the result that `audited` audited ([`Audit::scored`]) as an `.xlsx` workbook to
/// `out`, with the audit on its 审核 sheet, streamed: this is what `yardstick score --format
/// xlsx -o results.xlsx` writes.
///
/// The rows go through temporary files (see the module's notes), the zip archive to `out` in
/// pieces of 64 KiB as it is made. `out` needs neither `Seek` nor `Send`: the archive is made
/// on a thread of its own and its pieces are written to `out` on this one. A failure to write,
/// to `out` or to a temporary file (a full disk), is that I/O error; an error of the
/// workbook's own is an I/O error of kind `Other` holding the [`XlsxError`] (its
/// `get_ref()`).
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
/// let scored = yardstick::score(&bundle);
/// // The audit reads the ballot files again, as the bundle was loaded.
/// let audited = yardstick::audit::audit(&scored, &yardstick::FsFiles, &Default::default()).unwrap();
/// let mut out = Vec::new();
/// yardstick::report::xlsx::write(&audited, &mut out).unwrap();
/// assert!(out.starts_with(b"PK"));
/// ```
pub fn write(audited: &Audit, out: &mut dyn Write) -> std::io::Result<()> {
    let (tx, rx) = mpsc::sync_channel::<Vec<u8>>(2);
    std::thread::scope(|s| {
        let maker = s.spawn(move || {
            guarded(|| {
                let mut wb = workbook(audited)?;
                let mut pieces = Pieces {
                    buf: Vec::with_capacity(CHUNK),
                    tx,
                };
                wb.save_to_writer(&mut pieces)?;
                pieces.flush()?;
                Ok(())
            })
        });
        let written = rx.iter().try_for_each(|piece| out.write_all(&piece));
        // A failed write closes the channel, which stops the maker at its next piece.
        drop(rx);
        let made = maker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        written?;
        made.map_err(|e| match e {
            XlsxError::IoError(e) => e,
            e => std::io::Error::other(e),
        })
    })
}

/// The bytes of the archive, sent in pieces of [`CHUNK`] bytes to the thread that writes them.
struct Pieces {
    buf: Vec<u8>,
    tx: mpsc::SyncSender<Vec<u8>>,
}

impl Write for Pieces {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let piece = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK));
        self.tx
            .send(piece)
            .map_err(|_| std::io::Error::other("the workbook's writer stopped"))
    }
}

/// The audited result as the bytes of an `.xlsx` workbook (for tests and small bundles;
/// [`write()`] streams).
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
/// let scored = yardstick::score(&bundle);
/// let audited = yardstick::audit::audit(&scored, &yardstick::FsFiles, &Default::default()).unwrap();
/// let bytes = yardstick::report::xlsx::to_xlsx(&audited).unwrap();
/// assert!(bytes.starts_with(b"PK"));
/// ```
pub fn to_xlsx(audited: &Audit) -> Result<Vec<u8>, XlsxError> {
    guarded(|| workbook(audited)?.save_to_buffer())
}

/// Runs `make`, turning the panic of a failed write to a temporary file into an error.
///
/// `rust_xlsxwriter` 0.102 writes the rows of a constant-memory sheet to its temporary file
/// with `expect` (and rewinds it with `unwrap`): a full disk or a file size limit there
/// panics instead of returning an error. Such a panic, recognised by its message, becomes
/// [`XlsxError::IoError`] (the runtime still prints the panic's message); any other panic
/// goes on.
fn guarded<T>(make: impl FnOnce() -> Result<T, XlsxError>) -> Result<T, XlsxError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(make)) {
        Ok(made) => made,
        Err(panic) => {
            let text = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or_default();
            let io = text.starts_with("Couldn't write to xml file")
                || (text.starts_with("called `Result::unwrap()` on an `Err` value: ")
                    && text.contains("kind: "));
            if !io {
                std::panic::resume_unwind(panic);
            }
            Err(XlsxError::IoError(std::io::Error::other(format!(
                "the workbook's temporary file (in {}) could not be written: {text}",
                std::env::temp_dir().display()
            ))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_come_in_order_on_any_number_of_threads() {
        for threads in [1, 2, 3, 8] {
            for block in [1, 7, 256, 5000] {
                let mut got = Vec::new();
                in_blocks(
                    1000,
                    block,
                    threads,
                    |r| r.collect::<Vec<usize>>(),
                    |part| {
                        got.extend(part);
                        Ok::<(), ()>(())
                    },
                )
                .unwrap();
                assert_eq!(got, (0..1000).collect::<Vec<_>>(), "{threads} {block}");
            }
        }
        // An error of the taker stops the makers and comes back.
        for threads in [1, 2, 3] {
            let mut taken = 0;
            let e = in_blocks(
                10_000,
                10,
                threads,
                |r| r.len(),
                |n| {
                    taken += n;
                    if taken >= 500 { Err("full") } else { Ok(()) }
                },
            );
            assert_eq!((e, taken), (Err("full"), 500));
        }
    }

    #[test]
    fn a_failed_temporary_file_is_an_error_and_other_panics_go_on() {
        // As rust_xlsxwriter's own writer fails on a full disk.
        let disk = |full: bool| -> std::io::Result<()> {
            if full {
                Err(std::io::Error::other("no space"))
            } else {
                Ok(())
            }
        };
        let e = guarded::<()>(|| {
            disk(true).expect("Couldn't write to xml file");
            Ok(())
        })
        .unwrap_err();
        assert!(matches!(e, XlsxError::IoError(_)), "{e:?}");
        assert!(
            e.to_string()
                .contains("could not be written: Couldn't write"),
            "{e}"
        );
        let other = std::panic::catch_unwind(|| guarded::<()>(|| panic!("a bug")));
        assert!(other.is_err());
    }

    #[test]
    fn a_writer_that_fails_fails_the_workbook() {
        struct Fails(usize);
        impl Write for Fails {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                if self.0 < buf.len() {
                    return Err(std::io::Error::other("disk full"));
                }
                self.0 -= buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
        let bundle = Bundle::load(dir.as_ref()).unwrap().output;
        let scored = crate::score(&bundle);
        let audited = crate::audit::audit(&scored, &crate::FsFiles, &Default::default()).unwrap();
        let whole = to_xlsx(&audited).unwrap().len();
        // Room for all but the end (the time of making in docProps may change a byte or two).
        for room in [0, 1000, whole - 100] {
            let e = write(&audited, &mut Fails(room)).unwrap_err();
            assert_eq!(e.to_string(), "disk full", "{room}");
        }
        // Whole, the same sheets (the bytes differ by the time of making in docProps).
        let mut out = Vec::new();
        write(&audited, &mut out).unwrap();
        let sheets = |bytes: Vec<u8>| {
            use calamine::Reader;
            let mut wb: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
            let names = wb.sheet_names();
            names
                .iter()
                .map(|n| (n.clone(), wb.worksheet_range(n).unwrap()))
                .collect::<Vec<_>>()
        };
        assert_eq!(sheets(out), sheets(to_xlsx(&audited).unwrap()));
    }
}
