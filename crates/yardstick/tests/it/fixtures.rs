//! The fixture bundles scored by the engine agree worker by worker with the expected results
//! worked out independently by `fixtures/oracle/oracle.py` (exact fractions) and by hand.

use std::path::{Path, PathBuf};

use serde_json::Value;
use yardstick::Bundle;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn check(dir: &Path) -> Vec<String> {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let bundle = match Bundle::load(dir) {
        Ok(b) => b.output,
        Err(e) => {
            return vec![format!(
                "{}: does not load: {:#?}",
                dir.display(),
                e.diagnostics()
            )];
        }
    };
    let result = yardstick::Assessment::of(&yardstick::score(&bundle));
    let mut problems = Vec::new();
    for exp in expected["workers"].as_array().unwrap() {
        let id = exp["worker_id"].as_str().unwrap();
        let Some(got) = result.worker(id) else {
            problems.push(format!("{id}: not in the result"));
            continue;
        };
        let mut diff = |what: &str, e: String, g: String| {
            if e != g {
                problems.push(format!(
                    "{}: {id} {what}: expected {e}, got {g}",
                    dir.display()
                ));
            }
        };
        let text = |v: &Value| v.as_str().map_or("null".to_string(), str::to_string);
        diff(
            "status",
            text(&exp["status"]),
            got.status.as_str().to_string(),
        );
        diff(
            "total",
            text(&exp["total"]),
            got.total.map_or("null".into(), |t| t.to_string()),
        );
        diff(
            "grade",
            text(&exp["grade"]),
            got.grade.clone().unwrap_or("null".into()),
        );
        diff(
            "rank",
            exp["rank"]
                .as_u64()
                .map_or("null".into(), |r| r.to_string()),
            got.rank.map_or("null".into(), |r| r.to_string()),
        );
        for (cid, v) in exp["components"].as_object().unwrap() {
            let g = got
                .component(cid)
                .and_then(|c| c.score)
                .map_or("null".into(), |s| s.to_string());
            diff(&format!("component {cid}"), text(v), g);
        }
        let mut ef: Vec<String> = exp["flags"].as_array().unwrap().iter().map(text).collect();
        let mut gf: Vec<String> = got.flags.iter().map(|f| f.code.clone()).collect();
        ef.sort();
        gf.sort();
        diff("flags", ef.join(","), gf.join(","));
        // Consequences (考核结果运用), in rubric order, when the expected results give them.
        if let Some(list) = exp["consequences"].as_array() {
            let e: Vec<String> = list.iter().map(text).collect();
            let g: Vec<String> = got.consequences.iter().map(|c| c.id.clone()).collect();
            diff("consequences", e.join(","), g.join(","));
        }
    }
    problems
}

#[test]
fn the_sample_bundle_matches_its_expected_results() {
    let problems = check(&root().join("sample"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_history_bundles_match_their_hand_worked_results() {
    // Three years of one 街道 (fixtures/history/README.md): each consequence applied, and each
    // way a run breaks; the same inputs with 2022 left out of [history].
    for dir in ["history/2024", "history/2024-without-2022"] {
        let problems = check(&root().join(dir));
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}

#[test]
fn every_case_bundle_matches_its_expected_results() {
    let dir = root().join("cases");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.json").exists())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 10,
        "expected the case bundles in {}",
        dir.display()
    );
    let problems: Vec<String> = cases.iter().flat_map(|c| check(c)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
