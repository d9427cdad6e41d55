//! Ballot sheets that may have been filled in together: sheets whose every choice is the best
//! option, or the worst, and groups of three or more identical sheets (the same choice for
//! every worker on them).
//!
//! The ballot tallies keep counts only, so the file is read again, row by row; each row is
//! kept as its (sheet, worker, choice), 12 bytes, and each sheet's id once in one text. The
//! lists found name their sheets by number in that text, shared by the lists of the file.

use std::hash::{BuildHasher, Hasher};
use std::path::Path;
use std::sync::Arc;

use crate::Bundle;
use crate::error::{Error, Sink};
use crate::input::manifest::Manifest;
use crate::input::table::Table;
use crate::input::{Files, ReadOptions, source};
use crate::method::ballot;
use crate::rubric::Ballot;
use crate::strings::{Strings, Texts};

/// The sheets of one ballot component that look filled in together.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sheets {
    /// Sheets in the file.
    pub sheets: usize,
    /// Sheets whose every choice is the best option, in file order.
    pub all_best: SheetIds,
    /// Sheets whose every choice is the worst option, in file order.
    pub all_worst: SheetIds,
    /// Groups of at least three identical sheets: the sheets with the most workers first, then
    /// the largest groups, then file order; each group in file order.
    pub identical: Vec<SheetIds>,
    /// How many workers are on each sheet of the matching group of `identical`.
    pub identical_workers: Vec<usize>,
}

/// A list of sheets of one ballot file, by id (`ballot_id`). The ids are kept once for the
/// file, whatever the lists that name them.
#[derive(Clone, Default)]
pub struct SheetIds {
    texts: Arc<Texts>,
    list: Vec<u32>,
}

impl SheetIds {
    /// How many sheets the list names.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The ids, in the list's order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.list.iter().map(|&i| self.texts.get(i))
    }

    /// The ids as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

/// A list of the ids given, in their order.
///
/// ```
/// let ids: yardstick::audit::SheetIds = ["B-1", "B-2"].into_iter().collect();
/// assert_eq!(ids.to_vec(), ["B-1", "B-2"]);
/// ```
impl<S: AsRef<str>> FromIterator<S> for SheetIds {
    fn from_iter<I: IntoIterator<Item = S>>(ids: I) -> SheetIds {
        let mut texts = Strings::default();
        let list = ids.into_iter().map(|s| texts.intern(s.as_ref())).collect();
        SheetIds {
            texts: Arc::new(texts.into_texts()),
            list,
        }
    }
}

impl<'a> IntoIterator for &'a SheetIds {
    type Item = &'a str;
    type IntoIter = Box<dyn ExactSizeIterator<Item = &'a str> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl std::fmt::Debug for SheetIds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for SheetIds {
    fn eq(&self, other: &SheetIds) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for SheetIds {}

impl serde::Serialize for SheetIds {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
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
    // The rows the bundle read from the file: room for them at once, not grown by doubling.
    let id = &rubric.components[k].id;
    let rows = bundle
        .accounting()
        .iter()
        .find(|a| a.input == *id)
        .map_or(0, |a| a.rows);
    let found = read(bundle, files, options, &path, cfg, rows, &mut sink);
    if sink.has_errors() {
        sink.finish()?;
    }
    Ok(found.map(|read| read.sheets(best, worst)))
}

/// Every sheet of a file: its id and its rows.
#[derive(Default)]
struct Read {
    /// The sheets' ids, numbered in the order of first appearance.
    ids: Strings,
    /// The last row's sheet: files come sheet by sheet, so most rows need no lookup.
    last: Option<u32>,
    /// (sheet, worker, choice) of every row.
    rows: Vec<(u32, u32, u32)>,
}

impl Read {
    /// The number of sheet `id`.
    fn number(&mut self, id: &str) -> u32 {
        match self.last {
            Some(last) if self.ids.get(last) == id => last,
            _ => {
                let n = self.ids.intern(id);
                self.last = Some(n);
                n
            }
        }
    }
}

fn read(
    bundle: &Bundle,
    files: &dyn Files,
    options: &ReadOptions,
    path: &Path,
    cfg: &Ballot,
    expected_rows: u64,
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
    let mut out = Read::default();
    out.rows
        .reserve_exact(usize::try_from(expected_rows).unwrap_or(0).min(1 << 26));
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
        let Ok(w) = u32::try_from(w) else {
            // More than 4 billion workers: not a roster a bundle can hold.
            continue;
        };
        let sheet = out.number(id);
        out.rows.push((sheet, w, choice));
    }
    Some(out)
}

impl Read {
    fn sheets(self, best: usize, worst: usize) -> Sheets {
        let Read { ids, mut rows, .. } = self;
        // The table that numbered the ids is no longer needed.
        let texts = Arc::new(ids.into_texts());
        let n = texts.len();
        // Rows by sheet, then worker: sheet `s` is `rows[at[s]..at[s + 1]]`.
        rows.sort_unstable();
        let mut at: Vec<usize> = Vec::with_capacity(n + 1);
        let mut i = 0;
        for s in 0..n {
            at.push(i);
            while rows.get(i).is_some_and(|r| r.0 as usize == s) {
                i += 1;
            }
        }
        at.push(i);
        let of = |s: u32| &rows[at[s as usize]..at[s as usize + 1]];
        let pairs = |s: u32| of(s).iter().map(|&(_, w, c)| (w, c));
        let all =
            |s: u32, c: usize| !of(s).is_empty() && of(s).iter().all(|&(_, _, x)| x as usize == c);
        let list = |list: Vec<u32>| SheetIds {
            texts: Arc::clone(&texts),
            list,
        };
        // Sheets are numbered in file order.
        let sheets = 0..u32::try_from(n).unwrap_or(u32::MAX);
        let mut out = Sheets {
            sheets: n,
            all_best: list(sheets.clone().filter(|&s| all(s, best)).collect()),
            all_worst: list(
                sheets
                    .clone()
                    .filter(|&s| !all(s, best) && all(s, worst))
                    .collect(),
            ),
            ..Sheets::default()
        };
        // Identical sheets: sheets sorted by a hash of their pairs, then by the pairs (looked at
        // only when the hashes are equal), runs of equal ones.
        let hasher = foldhash::fast::FixedState::default();
        let hashes: Vec<u64> = sheets
            .clone()
            .map(|s| {
                let mut h = hasher.build_hasher();
                for (w, c) in pairs(s) {
                    h.write_u32(w);
                    h.write_u32(c);
                }
                h.finish()
            })
            .collect();
        let mut order: Vec<u32> = sheets.collect();
        order.sort_by(|&a, &b| {
            hashes[a as usize]
                .cmp(&hashes[b as usize])
                .then_with(|| pairs(a).cmp(pairs(b)))
                .then(a.cmp(&b))
        });
        drop(hashes);
        let mut groups: Vec<&[u32]> = Vec::new();
        let mut start = 0;
        for i in 1..=order.len() {
            if i == order.len() || !pairs(order[i]).eq(pairs(order[start])) {
                if i - start >= 3 && !of(order[start]).is_empty() {
                    groups.push(&order[start..i]);
                }
                start = i;
            }
        }
        groups.sort_by(|a, b| {
            let size = |g: &[u32]| of(g[0]).len();
            size(b)
                .cmp(&size(a))
                .then(b.len().cmp(&a.len()))
                .then(a[0].cmp(&b[0]))
        });
        for g in groups {
            out.identical_workers.push(of(g[0]).len());
            out.identical.push(list(g.to_vec()));
        }
        out
    }
}
