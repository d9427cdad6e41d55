//! Checking a bundle without scoring it: every file it names, the concerns' too.

use std::path::{Path, PathBuf};

use crate::bundle::{Bundle, FileAccount};
use crate::concerns::{Calendar, Ledger};
use crate::error::{Diagnostic, Error, Warned};
use crate::input::{Files, Manifest, ReadOptions};

/// What a valid bundle holds.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The bundle's `assessment.toml`.
    pub path: PathBuf,
    /// Workers on the roster.
    pub workers: usize,
    /// The rubric's id.
    pub rubric_id: String,
    /// The rubric's name.
    pub rubric_name: String,
    /// Rows per input file read for scoring.
    pub accounting: Vec<FileAccount>,
    /// The concerns ledger, when the bundle names a routing table, a concerns file or a
    /// concern updates file (and so is meant for `yardstick concerns`).
    pub concerns: Option<ConcernsSummary>,
    /// The earlier years' results of `[history]`, the latest first.
    pub history: Vec<HistorySummary>,
}

/// One earlier year's results file of a valid bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistorySummary {
    /// The year.
    pub year: i32,
    /// The file, as named in diagnostics.
    pub file: String,
    /// How many of this year's roster it lists.
    pub workers: usize,
}

/// What the concerns ledger of a valid bundle holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernsSummary {
    /// Concerns raised.
    pub concerns: usize,
    /// The routing table's file (`rubrics/routing.toml` for the shipped one).
    pub routing: String,
    /// The years the working-day calendar covers.
    pub calendar_years: Vec<i32>,
}

/// Checks a bundle (the folder, or its `assessment.toml`) as `score` reads it and, when it
/// names a routing table, concerns or their updates, as `concerns` reads it too: the routing
/// table, the calendar files the table names, the concerns and the updates. Every problem of
/// every file is reported at once, each once; nothing is scored.
///
/// ```
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/sample");
/// let options = yardstick::input::ReadOptions::default();
/// let s = yardstick::validate(&yardstick::FsFiles, dir.as_ref(), &options).unwrap().output;
/// assert_eq!(s.workers, 40);
/// assert_eq!(s.concerns.unwrap().concerns, 162);
/// ```
pub fn validate(
    files: &dyn Files,
    path: &Path,
    options: &ReadOptions,
) -> Result<Warned<Summary>, Error> {
    let bundle = Bundle::load_with_options(files, path, options);
    // The manifest is read again only to know whether the bundle is meant for concerns; when
    // it cannot be read, the bundle's error says why.
    let for_concerns = Manifest::read(files, path)
        .is_ok_and(|m| m.routing.is_some() || m.concerns.is_some() || m.concern_updates.is_some());
    let ledger =
        for_concerns.then(|| Ledger::load_with_options(files, path, Calendar::shipped(), options));
    let mut diagnostics: Vec<Diagnostic> = match &bundle {
        Ok(b) => b.warnings.clone(),
        Err(e) => e.diagnostics().to_vec(),
    };
    // The ledger reads the roster and the phone and visit files again: what scoring found
    // there is not told twice.
    let more: &[Diagnostic] = match &ledger {
        Some(Ok(l)) => &l.warnings,
        Some(Err(e)) => e.diagnostics(),
        None => &[],
    };
    for d in more {
        if !diagnostics.contains(d) {
            diagnostics.push(d.clone());
        }
    }
    let (Ok(bundle), None | Some(Ok(_))) = (&bundle, &ledger) else {
        return Err(Error::new(diagnostics));
    };
    let b = &bundle.output;
    Ok(Warned {
        output: Summary {
            path: b.path().to_path_buf(),
            workers: b.workers().len(),
            rubric_id: b.rubric().id.clone(),
            rubric_name: b.rubric().name.clone(),
            accounting: b.accounting().to_vec(),
            concerns: ledger.and_then(Result::ok).map(|l| ConcernsSummary {
                concerns: l.output.len(),
                routing: l.output.routing.file.clone(),
                calendar_years: l.output.calendar.years(),
            }),
            history: b
                .history()
                .years()
                .iter()
                .map(|y| HistorySummary {
                    year: y.year,
                    file: y.file.clone(),
                    workers: y.listed(),
                })
                .collect(),
        },
        warnings: diagnostics,
    })
}
