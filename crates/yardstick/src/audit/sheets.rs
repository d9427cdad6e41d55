//! Ballot sheets that may have been filled in together: sheets whose every choice is the best
//! option, or the worst, and groups of three or more identical sheets (the same choice for
//! every worker on them).
//!
//! The ballot tallies keep counts only, so the file is read again, row by row; each row is
//! kept as its (sheet, worker, choice), 12 bytes, and each sheet's id once in one text (about
//! 40 bytes a sheet with its index).

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
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

/// Every sheet of a file: its id and its rows.
struct Read {
    /// The sheets' ids one after another; sheet `s` is `ids[ends[s - 1]..ends[s]]`.
    ids: String,
    ends: Vec<u32>,
    /// (sheet, worker, choice) of every row.
    rows: Vec<(u32, u32, u32)>,
}

impl Read {
    fn id(&self, s: usize) -> &str {
        let start = s.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        self.ids
            .get(start..self.ends[s] as usize)
            .unwrap_or_default()
    }

    /// The number of sheet `id`, numbered in the order of first appearance.
    fn number(&mut self, index: &mut SheetIndex, id: &str) -> Option<u32> {
        // Files come sheet by sheet: the last sheet's number without a lookup.
        if let Some(last) = self.ends.len().checked_sub(1)
            && self.id(last) == id
        {
            return u32::try_from(last).ok();
        }
        let hash = index.hasher.hash_one(id);
        if let Some(&n) = index.by_hash.get(&hash) {
            if self.id(n as usize) == id {
                return Some(n);
            }
            // Two ids with one 64-bit hash: the later ones are kept by their text.
            if let Some(&m) = index.collided.get(id) {
                return Some(m);
            }
        }
        let n = u32::try_from(self.ends.len()).ok()?;
        self.ids.push_str(id);
        self.ends.push(u32::try_from(self.ids.len()).ok()?);
        if let std::collections::hash_map::Entry::Vacant(e) = index.by_hash.entry(hash) {
            e.insert(n);
        } else {
            index.collided.insert(id.into(), n);
        }
        Some(n)
    }
}

/// Finds a sheet's number from its id: by a 64-bit hash of the id, checked against the id
/// kept, and by the whole id for the rare ids whose hash an earlier id has.
#[derive(Default)]
struct SheetIndex {
    hasher: foldhash::fast::FixedState,
    by_hash: HashMap<u64, u32, foldhash::fast::FixedState>,
    collided: HashMap<Box<str>, u32, foldhash::fast::FixedState>,
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
    let mut index = SheetIndex::default();
    let mut out = Read {
        ids: String::new(),
        ends: Vec::new(),
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
        let (Some(sheet), Ok(w)) = (out.number(&mut index, id), u32::try_from(w)) else {
            // More than 4 billion sheets or workers: not a file a bundle can hold.
            continue;
        };
        out.rows.push((sheet, w, choice));
    }
    Some(out)
}

impl Read {
    fn sheets(mut self, best: usize, worst: usize) -> Sheets {
        let n = self.ends.len();
        // Rows by sheet, then worker: sheet `s` is `rows[at[s]..at[s + 1]]`.
        self.rows.sort_unstable();
        let mut at = Vec::with_capacity(n + 1);
        let mut i = 0;
        for s in 0..n {
            at.push(i);
            while self.rows.get(i).is_some_and(|r| r.0 as usize == s) {
                i += 1;
            }
        }
        at.push(i);
        let rows = |s: usize| &self.rows[at[s]..at[s + 1]];
        let pairs = |s: usize| rows(s).iter().map(|&(_, w, c)| (w, c));
        let all = |s: usize, c: usize| {
            !rows(s).is_empty() && rows(s).iter().all(|&(_, _, x)| x as usize == c)
        };
        let id = |s: usize| self.id(s).to_string();
        let mut out = Sheets {
            sheets: n,
            ..Sheets::default()
        };
        for s in 0..n {
            if all(s, best) {
                out.all_best.push(id(s));
            } else if all(s, worst) {
                out.all_worst.push(id(s));
            }
        }
        // Identical sheets: sheets sorted by a hash of their pairs, then by the pairs (looked at
        // only when the hashes are equal), runs of equal ones.
        let hasher = foldhash::fast::FixedState::default();
        let hashes: Vec<u64> = (0..n)
            .map(|s| {
                let mut h = hasher.build_hasher();
                for (w, c) in pairs(s) {
                    h.write_u32(w);
                    h.write_u32(c);
                }
                h.finish()
            })
            .collect();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            hashes[a]
                .cmp(&hashes[b])
                .then_with(|| pairs(a).cmp(pairs(b)))
                .then(a.cmp(&b))
        });
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut start = 0;
        for i in 1..=order.len() {
            if i == order.len() || !pairs(order[i]).eq(pairs(order[start])) {
                if i - start >= 3 && !rows(order[start]).is_empty() {
                    groups.push(order[start..i].to_vec());
                }
                start = i;
            }
        }
        groups.sort_by(|a, b| {
            let size = |g: &Vec<usize>| rows(g[0]).len();
            size(b)
                .cmp(&size(a))
                .then(b.len().cmp(&a.len()))
                .then(a[0].cmp(&b[0]))
        });
        for g in groups {
            out.identical_workers.push(rows(g[0]).len());
            out.identical.push(g.into_iter().map(id).collect());
        }
        out
    }
}
