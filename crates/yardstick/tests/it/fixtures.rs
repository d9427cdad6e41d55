//! The fixture bundles scored by the engine agree worker by worker with the expected results
//! worked out independently by `fixtures/oracle/oracle.py` (exact fractions) and by hand.

use std::path::{Path, PathBuf};

use serde_json::Value;
use yardstick::Bundle;
use yardstick::i18n::Lang;

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

#[test]
fn the_grid_bundle_gives_the_hand_worked_results() {
    // fixtures/grid/README.md works every worker out; expected.json holds the same numbers.
    let dir = root().join("grid");
    let loaded = Bundle::load(&dir).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.output.workers().len(), 20);
    let problems = check(&dir);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_party_bundle_gives_the_hand_worked_results() {
    // fixtures/party/README.md works every member out; expected.json holds the same numbers.
    let dir = root().join("party");
    let loaded = Bundle::load(&dir).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.output.workers().len(), 30);
    let problems = check(&dir);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_generated_scorecard_bundle_agrees_with_the_reference() {
    // fixtures/generated: random bundles of both scorecard rubrics, their expected results
    // from the independent reference (fixtures/oracle/make_generated.py).
    let dir = root().join("generated");
    let mut bundles: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.json").exists())
        .collect();
    bundles.sort();
    let names: Vec<String> = bundles
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert!(
        names.iter().filter(|n| n.starts_with("grid-")).count() >= 5
            && names.iter().filter(|n| n.starts_with("party-")).count() >= 5,
        "{names:?}"
    );
    let problems: Vec<String> = bundles.iter().flat_map(|b| check(b)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_scorecard_case_gives_its_results_or_its_errors() {
    // fixtures/scorecard-cases: the edges of docs/contract.md 7.1, each with expected.json
    // or expected_errors.txt (fixtures/oracle/make_scorecard_cases.py).
    let dir = root().join("scorecard-cases");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("CASE.md").exists())
        .collect();
    cases.sort();
    assert!(cases.len() >= 9, "{cases:?}");
    let mut problems = Vec::new();
    let (mut scored, mut refused) = (0, 0);
    for case in &cases {
        let errors = case.join("expected_errors.txt");
        if !errors.exists() {
            problems.extend(check(case));
            scored += 1;
            continue;
        }
        refused += 1;
        let prefix = format!("{}/", case.display());
        let loaded = Bundle::load(case);
        // Typed by hand in English; the Chinese, the default, is a snapshot beside it
        // (`UPDATE_SNAPSHOTS=1` rewrites it).
        for (lang, name) in [
            (Lang::En, "expected_errors.txt"),
            (Lang::Zh, "expected_errors.zh.txt"),
        ] {
            let got: Vec<String> = match &loaded {
                Ok(_) => vec!["the bundle loads".to_string()],
                Err(e) => e
                    .errors()
                    .map(|d| d.render(lang).replace(&prefix, ""))
                    .collect(),
            };
            let file = case.join(name);
            if lang == Lang::Zh && std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v != "0") {
                std::fs::write(&file, got.join("\n") + "\n").unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&file).unwrap_or_default();
            let want: Vec<&str> = want.lines().collect();
            if got != want {
                problems.push(format!(
                    "{}: expected errors ({name})\n{}\ngot\n{}",
                    case.display(),
                    want.join("\n"),
                    got.join("\n")
                ));
            }
        }
    }
    assert!(
        scored >= 6 && refused >= 3,
        "{scored} scored, {refused} refused"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
