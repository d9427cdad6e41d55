//! The result as a text table for the terminal: one row per worker in posting order (graded by
//! rank, then pending, then ungraded), the flags in words, the quota lines and a count.
//!
//! Streamed: the columns' widths are measured in a first pass over the outcomes, then the rows
//! are written block by block, so that a province's table is never all in memory.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::engine::Scored;
use crate::par;
use crate::result::Status;
use crate::tr;

/// Rows rendered by one thread at a time.
const BLOCK: usize = 256;

pub use crate::show::MAX_CELL_WIDTH;
pub(crate) use crate::show::cell;

/// Writes the table of `scored` to `out`.
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
/// let mut out = Vec::new();
/// yardstick::report::table::write(&yardstick::score(&bundle), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.lines().nth(3).unwrap().contains("DM01"));
/// ```
pub fn write(scored: &Scored, out: &mut dyn Write) -> io::Result<()> {
    let bundle = scored.bundle();
    let rubric = bundle.rubric();
    let lang = scored.lang();
    let mut head = tr!(
        lang,
        "table-title",
        name = bundle.info().name,
        year = bundle.info().year,
        rubric_id = rubric.id,
        rubric_name = rubric.name
    );
    head = crate::show::printable(&head).into_owned();
    head.push_str("\n\n");
    let mut header: Vec<String> = [
        tr!(lang, "table-rank"),
        tr!(lang, "table-id"),
        tr!(lang, "table-name"),
        tr!(lang, "table-unit"),
        tr!(lang, "table-total"),
        tr!(lang, "table-grade"),
        tr!(lang, "table-status"),
    ]
    .to_vec();
    header.extend(rubric.components.iter().map(|c| cell(&c.name)));
    if !rubric.consequences.is_empty() {
        header.push(tr!(lang, "table-consequences"));
    }
    header.push(tr!(lang, "table-notes"));
    let mut right = vec![true, false, false, false, true, false, false];
    right.extend(rubric.components.iter().map(|_| true));
    if !rubric.consequences.is_empty() {
        right.push(false);
    }
    right.push(false);

    let order = scored.ranked();
    let widths = widths(scored, &header);
    super::aligned_line(&mut head, &header, &widths, &right);
    out.write_all(head.as_bytes())?;
    par::write_blocks(order.len(), BLOCK, scored.threads(), out, |range, buf| {
        let mut text = String::new();
        for &i in &order[range] {
            super::aligned_line(&mut text, &row(scored, i), &widths, &right);
        }
        buf.extend_from_slice(text.as_bytes());
    })?;
    out.write_all(footer(scored).as_bytes())
}

/// The table as a string (for tests and small bundles).
pub fn to_string(scored: &Scored) -> String {
    let mut out = Vec::new();
    match write(scored, &mut out) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// The width of every column but the last (the flags, not padded), from the cohort's
/// standings, the roster and the spread of each component's scores, without evaluating anyone
/// again: a rounded score's text is never wider than the highest score's (scores are never
/// negative and all have the rubric's decimals).
fn widths(scored: &Scored, header: &[String]) -> Vec<usize> {
    let bundle = scored.bundle();
    let rubric = bundle.rubric();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    let mut wider = |c: usize, w: usize| widths[c] = widths[c].max(w);
    for (i, w) in bundle.workers().iter().enumerate() {
        wider(0, scored.rank(i).map_or(1, |r| r.to_string().len()));
        wider(1, cell(&w.id).width());
        wider(2, cell(&w.name).width());
        wider(3, cell(w.unit.as_deref().unwrap_or_default()).width());
        wider(4, scored.total(i).map_or(1, |t| t.to_string().len()));
        wider(
            5,
            scored
                .grade(i)
                .map_or(1, |g| cell(rubric.grade_label(g)).width()),
        );
        wider(6, scored.status(i).text(scored.lang()).width());
    }
    for k in 0..rubric.components.len() {
        let s = scored.spread(k);
        if s.missing > 0 {
            wider(7 + k, tr!(scored.lang(), "table-missing").width());
        }
        if let Some(max) = s.max {
            wider(7 + k, max.to_string().len());
        }
    }
    if !rubric.consequences.is_empty() {
        let c = 7 + rubric.components.len();
        for i in 0..scored.len() {
            wider(c, consequences_cell(scored, scored.consequences(i)).width());
        }
    }
    widths
}

/// The names of the consequences that apply, joined (`解除聘用合同`), for the 结果运用 column.
fn consequences_cell(scored: &Scored, ids: &[crate::rubric::ConsequenceId]) -> String {
    let rubric = scored.bundle().rubric();
    let sep = match scored.lang() {
        crate::i18n::Lang::Zh => "、",
        crate::i18n::Lang::En => ", ",
    };
    let names: Vec<&str> = ids
        .iter()
        .map(|&c| rubric.consequence(c).name.as_str())
        .collect();
    cell(&names.join(sep))
}

/// One worker's row.
fn row(scored: &Scored, i: usize) -> Vec<String> {
    let bundle = scored.bundle();
    let rubric = bundle.rubric();
    let w = &bundle.workers()[i];
    let o = scored.outcome(i);
    let lang = scored.lang();
    let mut row = vec![
        o.rank.map_or("-".into(), |r| r.to_string()),
        cell(&w.id),
        cell(&w.name),
        cell(w.unit.as_deref().unwrap_or_default()),
        o.total.map_or("-".into(), |t| t.to_string()),
        o.grade
            .map_or_else(|| "-".into(), |g| cell(rubric.grade_label(g))),
        o.status.text(lang),
    ];
    row.extend(o.components.iter().map(|c| {
        c.score
            .map_or_else(|| tr!(lang, "table-missing"), |s| s.to_string())
    }));
    if !rubric.consequences.is_empty() {
        row.push(consequences_cell(scored, &o.consequences));
    }
    row.push(crate::show::printable(&o.flags_in_words(rubric, lang)).into_owned());
    row
}

/// The quota lines and the count of workers by status.
fn footer(scored: &Scored) -> String {
    let bundle = scored.bundle();
    let rubric = bundle.rubric();
    let workers = bundle.workers();
    let lang = scored.lang();
    let mut out = String::from("\n");
    let ratio = rubric
        .quota
        .as_ref()
        .map(|q| q.ratio.to_string())
        .unwrap_or_default();
    for q in scored.quotas() {
        let scope = q
            .unit
            .as_deref()
            .map_or_else(|| tr!(lang, "table-quota-all"), cell);
        let tied: Vec<String> = q.tied.iter().map(|&i| cell(&workers[i].id)).collect();
        let tied = if tied.is_empty() {
            String::new()
        } else {
            tr!(
                lang,
                "table-quota-tied",
                count = tied.len(),
                ids = tied.join(", ")
            )
        };
        let cut = if q.cut.is_empty() {
            String::new()
        } else {
            tr!(lang, "table-quota-cut", count = q.cut.len())
        };
        out.push_str(&tr!(
            lang,
            "table-quota",
            grade = cell(rubric.grade_label(q.grade)),
            scope = scope,
            ratio = ratio,
            graded = q.graded,
            places = q.places,
            candidates = q.candidates.len(),
            kept = q.kept.len(),
            tied = tied,
            cut = cut
        ));
        out.push('\n');
    }
    if !rubric.consequences.is_empty() {
        out.push_str(&history_line(scored));
        out.push('\n');
    }
    let count = |s: Status| (0..scored.len()).filter(|&i| scored.status(i) == s).count();
    out.push_str(&tr!(
        lang,
        "table-count",
        workers = scored.len(),
        graded = count(Status::Graded),
        pending = count(Status::Pending),
        ungraded = count(Status::Ungraded)
    ));
    out.push('\n');
    out
}

/// What the 结果运用 column rests on: the earlier years read, and how many workers each
/// consequence applies to.
fn history_line(scored: &Scored) -> String {
    let bundle = scored.bundle();
    let rubric = bundle.rubric();
    let lang = scored.lang();
    let sep = match lang {
        crate::i18n::Lang::Zh => "、",
        crate::i18n::Lang::En => ", ",
    };
    let mut counts = vec![0usize; rubric.consequences.len()];
    for i in 0..scored.len() {
        for c in scored.consequences(i) {
            counts[c.index()] += 1;
        }
    }
    let applied: Vec<String> = rubric
        .consequences
        .iter()
        .zip(&counts)
        .map(|(c, n)| {
            tr!(
                lang,
                "table-consequence-count",
                name = cell(&c.name),
                count = n
            )
        })
        .collect();
    let years: Vec<String> = bundle
        .history()
        .years()
        .iter()
        .map(|y| y.year.to_string())
        .collect();
    if years.is_empty() {
        tr!(lang, "table-history-none", applied = applied.join(sep))
    } else {
        tr!(
            lang,
            "table-history",
            years = years.join(sep),
            applied = applied.join(sep)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_controls_and_stop_at_the_widest() {
        assert_eq!(cell("张丽萍"), "张丽萍");
        assert_eq!(cell("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        let long = "长".repeat(1000);
        let shown = cell(&long);
        assert!(shown.ends_with('…'));
        assert!(shown.width() <= MAX_CELL_WIDTH, "{}", shown.width());
        let exact = "x".repeat(MAX_CELL_WIDTH);
        assert_eq!(cell(&exact), exact);
    }
}
