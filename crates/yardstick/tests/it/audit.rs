//! The fairness audit (docs/contract.md section 9): published reliability values through
//! bundles, and agreement with the independent reference `fixtures/oracle/audit_oracle.py`
//! (exact fractions, α from the full coincidence matrix, ballot margins by trial) on bundles
//! generated at random.

use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use serde_json::Value;
use yardstick::audit::audit;
use yardstick::{Bundle, FsFiles};

use crate::generate::{Rows, bundle};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn audit_json(dir: &Path) -> Value {
    let b = Bundle::load(dir).unwrap().output;
    let scored = yardstick::score(&b);
    let a = audit(&scored, &FsFiles, &Default::default()).unwrap();
    serde_json::from_str(&a.to_json()).unwrap()
}

fn three(v: &Value) -> String {
    format!("{:.3}", v.as_f64().unwrap())
}

#[test]
fn krippendorffs_reliability_data_through_a_bundle() {
    // fixtures/audit/README.md: Krippendorff (2011), "Computing Krippendorff's
    // Alpha-Reliability", section E, 4 observers × 12 units with missing values, also the
    // example of R's irr::kripp.alpha: interval 0.849, ordinal 0.815.
    let doc = audit_json(&root().join("fixtures/audit/krippendorff-2011"));
    let panel = &doc["alpha"]["report"];
    assert_eq!(panel["metric"], "interval");
    assert_eq!(three(&panel["alpha"]), "0.849");
    assert_eq!(
        (panel["units"].as_u64(), panel["values"].as_u64()),
        (Some(11), Some(40))
    );
    // Full precision: 951/1120.
    assert_eq!(panel["alpha"].as_f64().unwrap(), 951.0 / 1120.0);
    let talks = &doc["alpha"]["interview"];
    assert_eq!(talks["metric"], "ordinal");
    assert_eq!(three(&talks["alpha"]), "0.815");
    assert_eq!(talks["reading"], "reliable");
}

#[test]
fn krippendorffs_binary_example_through_a_bundle() {
    // Krippendorff (2011), section A: two observers, ten units of 0/1 data, α = 0.095; for
    // two values the interval α equals the nominal one.
    let doc = audit_json(&root().join("fixtures/audit/binary-2011"));
    assert_eq!(three(&doc["alpha"]["report"]["alpha"]), "0.095");
    assert_eq!(doc["alpha"]["report"]["reading"], "unreliable");
    // No interview file: nothing pairable, α null.
    assert_eq!(doc["alpha"]["interview"]["alpha"], Value::Null);
    assert_eq!(doc["alpha"]["interview"]["units"], 0);
    // Each rater is 0.2 points off the other on average (2 disagreements of 1 in 10 units).
    let raters = doc["raters"]["report"].as_array().unwrap();
    assert_eq!(raters[0]["leniency"].as_f64(), Some(-0.2));
    assert_eq!(raters[1]["leniency"].as_f64(), Some(0.2));
    // No ballot component file: no sheets part.
    assert_eq!(doc["sheets"], serde_json::json!({}));
}

#[test]
fn the_sample_audit_has_the_four_parts() {
    let doc = audit_json(&root().join("fixtures/sample"));
    for part in ["alpha", "raters", "margins", "sheets"] {
        assert!(!doc[part].is_null(), "{part}");
    }
    assert_eq!(doc["rubric"]["id"], "community-worker");
    let margins = doc["margins"].as_array().unwrap();
    // Every graded worker, and only them.
    assert_eq!(margins.len(), 37);
    let dm01 = margins.iter().find(|m| m["worker_id"] == "DM01").unwrap();
    assert_eq!(dm01["to_upper"], Value::Null);
    assert_eq!(dm01["to_lower"].to_string(), "7.27");
    assert!(dm01["ballots_down"]["ballot"].is_u64());
    let sheets = &doc["sheets"]["ballot"];
    assert!(sheets["identical"].as_array().unwrap().len() > 3);
    assert!(
        sheets["identical"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g.as_array().unwrap().len() >= 3)
    );
}

#[test]
fn the_audit_changes_no_score() {
    let dir = root().join("fixtures/sample");
    let b = Bundle::load(&dir).unwrap().output;
    let scored = yardstick::score(&b);
    let before = yardstick::report::json::to_string(&scored);
    let _ = audit(&scored, &FsFiles, &Default::default()).unwrap();
    assert_eq!(before, yardstick::report::json::to_string(&scored));
}

fn python() -> Option<&'static str> {
    Command::new("python3")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| "python3")
}

/// Writes `rows` as a bundle on disk (the standard rubric).
fn write(rows: &Rows, dir: &Path) {
    let files = rows.bundle().files();
    for (path, bytes) in &files.0 {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

fn fraction(v: &Value) -> Option<f64> {
    let t = v.as_str()?;
    let (n, d) = t.split_once('/').unwrap_or((t, "1"));
    // Exact enough for the comparison below: both are far below 2^53.
    Some(n.parse::<f64>().ok()? / d.parse::<f64>().ok()?)
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-12 * a.abs().max(1.0),
        (None, None) => true,
        _ => false,
    }
}

fn sorted_groups(v: &Value) -> Vec<Vec<String>> {
    let mut groups: Vec<Vec<String>> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let mut g: Vec<String> = g
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect();
            g.sort();
            g
        })
        .collect();
    groups.sort();
    groups
}

fn sorted_ids(v: &Value) -> Vec<String> {
    let mut ids: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// The Rust audit of `dir` against the oracle's.
fn agrees_with_the_oracle(dir: &Path) -> Result<(), String> {
    let ours = audit_json(&dir.join("b"));
    let script = root().join("fixtures/oracle/audit_oracle.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(dir.join("b"))
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let theirs: Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    for c in ["report", "interview"] {
        let (a, b) = (&ours["alpha"][c], &theirs["alpha"][c]);
        if !close(a["alpha"].as_f64(), fraction(&b["alpha"]))
            || a["units"] != b["units"]
            || a["values"] != b["values"]
        {
            return Err(format!("alpha {c}: {a} against {b}"));
        }
    }
    let (a, b) = (
        ours["raters"]["report"].as_array().unwrap(),
        theirs["raters"]["report"].as_array().unwrap(),
    );
    if a.len() != b.len() {
        return Err(format!("raters: {a:?} against {b:?}"));
    }
    for (x, y) in a.iter().zip(b) {
        if x["rater_id"] != y["rater_id"]
            || x["n"] != y["n"]
            || x["flagged"] != y["flagged"]
            || !close(x["leniency"].as_f64(), fraction(&y["leniency"]))
        {
            return Err(format!("rater: {x} against {y}"));
        }
    }
    let (a, b) = (
        ours["margins"].as_array().unwrap(),
        theirs["margins"].as_array().unwrap(),
    );
    if a.len() != b.len() {
        return Err(format!("{} margins against {}", a.len(), b.len()));
    }
    for (x, y) in a.iter().zip(b) {
        for key in ["worker_id", "grade", "ballots_down", "ballots_up"] {
            if x[key] != y[key] {
                return Err(format!("margin {key}: {x} against {y}"));
            }
        }
        let total = y["total"]
            .as_str()
            .and_then(|t| t.parse::<serde_json::Number>().ok());
        if x["total"].as_number() != total.as_ref() {
            return Err(format!("margin total: {x} against {y}"));
        }
    }
    let (a, b) = (&ours["sheets"]["ballot"], &theirs["sheets"]["ballot"]);
    if a["sheets"] != b["sheets"]
        || sorted_ids(&a["all_best"]) != sorted_ids(&b["all_best"])
        || sorted_ids(&a["all_worst"]) != sorted_ids(&b["all_worst"])
        || sorted_groups(&a["identical"]) != sorted_groups(&b["identical"])
    {
        return Err(format!("sheets: {a} against {b}"));
    }
    Ok(())
}

#[test]
fn the_oracle_agrees_on_the_sample() {
    if python().is_none() {
        eprintln!("python3 not found: the oracle comparison is skipped");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    // The sample as the oracle reads it: the folder itself, under "b".
    let b = tmp.path().join("b");
    std::fs::create_dir(&b).unwrap();
    let sample = root().join("fixtures/sample");
    for e in std::fs::read_dir(&sample).unwrap().flatten() {
        std::fs::copy(e.path(), b.join(e.file_name())).unwrap();
    }
    let toml = std::fs::read_to_string(b.join("assessment.toml")).unwrap();
    let rubric = root().join("rubrics/community-worker.toml");
    std::fs::write(
        b.join("assessment.toml"),
        toml.replace(
            "../../rubrics/community-worker.toml",
            &rubric.display().to_string().replace('\\', "/"),
        ),
    )
    .unwrap();
    agrees_with_the_oracle(tmp.path()).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Unseen bundles: α, leniency, the ballot margins and the sheets as the oracle finds them.
    #[test]
    fn the_oracle_agrees_on_generated_bundles(rows in bundle(24)) {
        if python().is_none() {
            return Ok(());
        }
        let tmp = tempfile::tempdir().unwrap();
        write(&rows, tmp.path());
        let verdict = agrees_with_the_oracle(tmp.path());
        prop_assert!(verdict.is_ok(), "{}", verdict.unwrap_err());
    }
}

#[test]
fn every_form_of_the_sample_audits_alike_and_counts_have_no_sheets() {
    let sample = audit_json(&root().join("fixtures/sample"));
    for form in ["sample-zh", "sample-gbk", "sample-xlsx", "sample-counts"] {
        if form == "sample-xlsx" && !cfg!(feature = "xlsx") {
            continue; // Workbooks need the `xlsx` feature.
        }
        let doc = audit_json(&root().join("fixtures").join(form));
        for part in ["alpha", "raters", "margins"] {
            assert_eq!(doc[part], sample[part], "{form} {part}");
        }
        if form == "sample-counts" {
            // A vote-count sheet (测评汇总表) has no sheets: the part is left out.
            assert_eq!(doc["sheets"], serde_json::json!({}), "{form}");
        } else {
            assert_eq!(doc["sheets"], sample["sheets"], "{form}");
        }
    }
}
