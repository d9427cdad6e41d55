//! Ballot sheets that may have been filled in together: sheets whose every choice is the best
//! option, or the worst, and groups of three or more identical sheets (the same choice for
//! every worker on them).
//!
//! The ballot tallies keep counts only, so the file is read again, row by row; each sheet is
//! kept as its (worker, choice) pairs, 8 bytes a row.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::path::Path;

use crate::Bundle;
use crate::error::{Error, Sink};
use crate::input::manifest::Manifest;
use crate::input::table::Table;
use crate::input::{Files, ReadOptions, source};
use crate::method::ballot;
use crate::rubric::Ballot;

/// The sheets of one ballot component that look filled in together.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sheets {
    /// Sheets in the file.
    pub sheets: usize,
    /// Sheets whose every choice is the best option, in file order.
    pub all_best: Vec<String>,
    /// Sheets whose every choice is the worst option, in file order.
    pub all_worst: Vec<String>,
    /// Groups of at least three identical sheets: the sheets with the most workers first, then
    /// the largest groups, then file order; each group in file order.
    pub identical: Vec<Vec<String>>,
    /// How many workers are on each sheet of the matching group of `identical`.
    pub identical_workers: Vec<usize>,
}

/// Reads the ballot file of component `k` again and finds its suspicious sheets; `Ok(None)` when
/// the bundle gives no file for it or the file has no sheets (a vote-count sheet, 测评汇总表).
pub(crate) fn sheets(
    bundle: &Bundle,
    files: &dyn Files,
    options: &ReadOptions,
    k: usize,
    cfg: &Ballot,
    best: usize,
    worst: usize,
) -> Result<Option<Sheets>, Error> {
    let rubric = bundle.rubric();
    let mut sink = Sink::default();
    let manifest = Manifest::read(files, bundle.path())?;
    let paths = manifest.component_files(rubric, &mut sink);
    let Some(path) = paths.get(k).cloned().flatten() else {
        return Ok(None);
    };
    let found = read(bundle, files, options, &path, cfg, &mut sink);
    if sink.has_errors() {
        sink.finish()?;
    }
    Ok(found.map(|read| read.sheets(best, worst)))
}

/// Every sheet of a file: its id and its (worker, choice) pairs.
struct Read {
    ids: Vec<Box<str>>,
    rows: Vec<Vec<(u32, u32)>>,
}

fn read(
    bundle: &Bundle,
    files: &dyn Files,
    options: &ReadOptions,
    path: &Path,
    cfg: &Ballot,
    sink: &mut Sink,
) -> Option<Read> {
    // A vote-count sheet (测评汇总表) has no ballot sheets.
    if ballot::layout_of(files, path, options, cfg) == ballot::FileLayout::Counts {
        return None;
    }
    let label = path.display().to_string();
    let source = source::open(files, path, &label, options, sink)?;
    let mut table = Table::open(source, &label, ballot::COLUMNS, sink)?;
    if !table.has("ballot_id") {
        return None;
    }
    let col_id = table.column("ballot_id");
    let col_worker = table.column("worker_id");
    let col_choice = table.column("choice");
    let labels: Vec<&str> = cfg
        .options
        .iter()
        .map(|o| o.label.as_str())
        .chain(cfg.not_valid.iter().map(String::as_str))
        .collect();
    let blank = labels.len() as u32;
    let mut numbers: HashMap<Box<str>, u32, foldhash::fast::RandomState> = HashMap::default();
    let mut out = Read {
        ids: Vec::new(),
        rows: Vec::new(),
    };
    while let Some(good) = table.advance(sink) {
        if !good {
            continue;
        }
        let id = table.at(col_id).text;
        let Some(w) = bundle.worker_index(table.at(col_worker).text) else {
            continue;
        };
        let choice = table.at(col_choice).text;
        let choice = if choice.is_empty() {
            blank
        } else {
            match labels.iter().position(|l| *l == choice) {
                Some(c) => c as u32,
                None => continue,
            }
        };
        // Files come sheet by sheet: the last sheet's number without a lookup.
        let sheet = match out.ids.last() {
            Some(last) if **last == *id => out.ids.len() as u32 - 1,
            _ => match numbers.get(id) {
                Some(&n) => n,
                None => {
                    let n = out.ids.len() as u32;
                    numbers.insert(id.into(), n);
                    out.ids.push(id.into());
                    out.rows.push(Vec::new());
                    n
                }
            },
        };
        out.rows[sheet as usize].push((w as u32, choice));
    }
    Some(out)
}

impl Read {
    fn sheets(mut self, best: usize, worst: usize) -> Sheets {
        let all = |rows: &[(u32, u32)], c: usize| {
            !rows.is_empty() && rows.iter().all(|&(_, x)| x as usize == c)
        };
        let id = |s: usize| self.ids[s].to_string();
        let mut out = Sheets {
            sheets: self.ids.len(),
            ..Sheets::default()
        };
        for (s, rows) in self.rows.iter_mut().enumerate() {
            rows.sort_unstable();
            if all(rows, best) {
                out.all_best.push(id(s));
            } else if all(rows, worst) {
                out.all_worst.push(id(s));
            }
        }
        // Identical sheets: sheets sorted by a hash of their pairs, then by the pairs (looked at
        // only when the hashes are equal), runs of equal ones.
        let hasher = foldhash::fast::FixedState::default();
        let hashes: Vec<u64> = self.rows.iter().map(|r| hasher.hash_one(r)).collect();
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        order.sort_by(|&a, &b| {
            hashes[a]
                .cmp(&hashes[b])
                .then_with(|| self.rows[a].cmp(&self.rows[b]))
                .then(a.cmp(&b))
        });
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut start = 0;
        for i in 1..=order.len() {
            if i == order.len() || self.rows[order[i]] != self.rows[order[start]] {
                if i - start >= 3 && !self.rows[order[start]].is_empty() {
                    groups.push(order[start..i].to_vec());
                }
                start = i;
            }
        }
        groups.sort_by(|a, b| {
            let size = |g: &Vec<usize>| self.rows[g[0]].len();
            size(b)
                .cmp(&size(a))
                .then(b.len().cmp(&a.len()))
                .then(a[0].cmp(&b[0]))
        });
        for g in groups {
            out.identical_workers.push(self.rows[g[0]].len());
            out.identical.push(g.into_iter().map(id).collect());
        }
        out
    }
}
