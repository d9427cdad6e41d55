//! Turning cells into values, with an error for every cell that does not fit.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::table::Cell;
use crate::error::{Diagnostic, Sink};
use crate::num::parse_decimal;

/// What row readers share: the file's name, the roster's ids and the diagnostics.
pub(crate) struct Ctx<'a> {
    pub(crate) file: &'a str,
    pub(crate) roster_file: &'a str,
    pub(crate) workers: &'a HashMap<String, usize>,
    pub(crate) sink: &'a mut Sink,
}

impl Ctx<'_> {
    pub(crate) fn error(&mut self, cell: &Cell, message: impl Into<String>) {
        let d = cell.error(self.file, message);
        self.sink.push(d);
    }

    pub(crate) fn warn(&mut self, cell: &Cell, message: impl Into<String>) {
        let mut d = cell.error(self.file, message);
        d.severity = crate::Severity::Warning;
        self.sink.push(d);
    }

    /// The roster index of the worker in this cell.
    pub(crate) fn worker(&mut self, cell: &Cell) -> Option<usize> {
        match self.workers.get(cell.text) {
            Some(&i) => Some(i),
            None => {
                let msg = format!(
                    "worker_id \"{}\" is not in the roster ({})",
                    cell.text, self.roster_file
                );
                self.error(cell, msg);
                None
            }
        }
    }

    /// A decimal number in `[min, max]` (either bound optional).
    pub(crate) fn number(
        &mut self,
        cell: &Cell,
        min: Option<Decimal>,
        max: Option<Decimal>,
    ) -> Option<Decimal> {
        let Some(v) = parse_decimal(cell.text) else {
            let msg = format!(
                "\"{}\" in column \"{}\" is not a number",
                cell.text, cell.name
            );
            self.error(cell, msg);
            return None;
        };
        let below = min.is_some_and(|m| v < m);
        let above = max.is_some_and(|m| v > m);
        if below || above {
            let range = match (min, max) {
                (Some(a), Some(b)) => format!("from {a} to {b}"),
                (Some(a), None) => format!("at least {a}"),
                (None, Some(b)) => format!("at most {b}"),
                (None, None) => String::new(),
            };
            let msg = format!(
                "{} in column \"{}\" is out of range: it must be {range}",
                cell.text, cell.name
            );
            self.error(cell, msg);
            return None;
        }
        Some(v)
    }

    /// A whole number ≥ 0.
    pub(crate) fn whole(&mut self, cell: &Cell) -> Option<u64> {
        match cell.text.parse::<u64>() {
            Ok(n) => Some(n),
            Err(_) => {
                let msg = format!(
                    "\"{}\" in column \"{}\" is not a whole number",
                    cell.text, cell.name
                );
                self.error(cell, msg);
                None
            }
        }
    }

    /// The position of the cell's label among `labels`, or an error listing them.
    pub(crate) fn label<'l>(
        &mut self,
        cell: &Cell,
        labels: impl Iterator<Item = &'l str> + Clone,
        what: &str,
    ) -> Option<usize> {
        if let Some(i) = labels.clone().position(|l| l == cell.text) {
            return Some(i);
        }
        let list: Vec<String> = labels.map(|l| format!("\"{l}\"")).collect();
        let msg = format!(
            "unknown {what} \"{}\"; the rubric allows {}",
            cell.text,
            list.join(", ")
        );
        self.error(cell, msg);
        None
    }

    /// Checks a date `YYYY-MM-DD` when present; a bad date only warns, as scores do not use it.
    pub(crate) fn date(&mut self, cell: &Cell) {
        if !cell.is_empty() && crate::input::parse_date(cell.text).is_none() {
            let msg = format!("\"{}\" is not a date in the form YYYY-MM-DD", cell.text);
            self.warn(cell, msg);
        }
    }
}

/// Remembers keys to report duplicates with the line of the first occurrence.
#[derive(Default)]
pub(crate) struct Keys {
    seen: HashMap<(usize, Box<str>), u64>,
}

impl Keys {
    /// Records `key` for `worker` (whose id is `worker_id`, or empty when the key is the id);
    /// reports a duplicate at `cell`, naming the key, and returns false.
    pub(crate) fn insert(
        &mut self,
        ctx: &mut Ctx,
        worker: usize,
        worker_id: &str,
        key: String,
        cell: &Cell,
        what: &str,
    ) -> bool {
        use std::collections::hash_map::Entry;
        match self.seen.entry((worker, key.into_boxed_str())) {
            Entry::Occupied(e) => {
                let first = *e.get();
                let mut key: Vec<&str> = vec![worker_id];
                key.extend(e.key().1.split('\u{1f}'));
                key.retain(|p| !p.is_empty());
                let msg = format!(
                    "duplicate {what}: \"{}\" is already on line {first}",
                    key.join(" / ")
                );
                ctx.error(cell, msg);
                false
            }
            Entry::Vacant(v) => {
                v.insert(cell.line);
                true
            }
        }
    }
}

/// A diagnostic with no cell (a whole file).
pub(crate) fn file_error(file: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(file, message)
}
