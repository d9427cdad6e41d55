//! The result as CSV: one row per worker in roster order, one column per component score, the
//! flags as codes, and the consequences that apply (ids) when the rubric declares any. It starts with a UTF-8 byte-order mark ([`super::BOM`]), so that Excel
//! opens it correctly; every text cell is escaped against formula injection
//! ([`super::safe_cell`]).

use std::io::{self, Write};

use rust_decimal::Decimal;

use crate::engine::Scored;
use crate::par;

/// Rows rendered by one thread at a time.
const BLOCK: usize = 512;

/// Writes the CSV of `scored` to `out`.
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let bundle = yardstick::Bundle::load(dir.as_ref()).unwrap().output;
/// let mut out = Vec::new();
/// yardstick::report::csv::write(&yardstick::score(&bundle), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("\u{feff}worker_id,name,unit,role,status,total,grade,rank,report,"));
/// ```
pub fn write(scored: &Scored, out: &mut dyn Write) -> io::Result<()> {
    let rubric = scored.bundle().rubric();
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
    let comp_ids: Vec<String> = rubric
        .components
        .iter()
        .map(|c| super::safe_cell(&c.id))
        .collect();
    header.extend(comp_ids.iter().map(String::as_str));
    header.extend(["bonus", "deduction", "flags"]);
    if !rubric.consequences.is_empty() {
        header.push("consequences");
    }
    out.write_all(super::BOM)?;
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(&header)?;
    out.write_all(&w.into_inner().map_err(|e| e.into_error())?)?;
    par::write_blocks(scored.len(), BLOCK, scored.threads(), out, |range, buf| {
        let mut w = ::csv::Writer::from_writer(std::mem::take(buf));
        for i in range {
            // Writing to memory fails only when it is full, and then every row would.
            let _ = w.write_record(row(scored, i));
        }
        *buf = w.into_inner().unwrap_or_default();
    })
}

/// The CSV as a string (for tests and small bundles).
pub fn to_string(scored: &Scored) -> String {
    let mut out = Vec::new();
    match write(scored, &mut out) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

fn row(scored: &Scored, i: usize) -> Vec<String> {
    let bundle = scored.bundle();
    let rubric = bundle.rubric();
    let w = &bundle.workers()[i];
    let o = scored.outcome(i);
    let s = |d: Option<Decimal>| d.map_or(String::new(), |d| d.to_string());
    let safe = super::safe_cell;
    let mut row = vec![
        safe(&w.id),
        safe(&w.name),
        safe(w.unit.as_deref().unwrap_or("")),
        safe(w.role.as_deref().unwrap_or("")),
        o.status.as_str().to_string(),
        s(o.total),
        o.grade
            .map_or(String::new(), |g| safe(rubric.grade_label(g))),
        o.rank.map_or(String::new(), |k| k.to_string()),
    ];
    row.extend(o.components.iter().map(|c| s(c.score)));
    row.push(o.bonus.to_string());
    row.push(o.deduction.to_string());
    row.push(safe(&o.codes(rubric).collect::<Vec<_>>().join(";")));
    if !rubric.consequences.is_empty() {
        let ids: Vec<&str> = o
            .consequences
            .iter()
            .map(|&c| rubric.consequence(c).id.as_str())
            .collect();
        row.push(safe(&ids.join(";")));
    }
    row
}
