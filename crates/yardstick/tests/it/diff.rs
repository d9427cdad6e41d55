//! `diff` (docs/contract.md section 8): the appeal pair against its hand-worked expected
//! comparison, a bundle against itself and against its own results file, workers on one side,
//! and rubric versions.

use std::path::{Path, PathBuf};

use serde_json::Value;
use yardstick::Bundle;
use yardstick::diff::{Side, diff};
use yardstick::i18n::Lang;

use crate::support::{B, STANDARD};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn side(dir: &Path) -> Side {
    let bundle = Bundle::load(dir).unwrap().output;
    Side::of_scored(&yardstick::score(&bundle), &dir.display().to_string())
}

fn json(d: &yardstick::diff::Diff) -> Value {
    let mut out = Vec::new();
    d.write_json(&mut out).unwrap();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn the_appeal_pair_gives_its_expected_diff() {
    // fixtures/appeal/README.md: NY05's test mark 52 → 72 and XJ10's complaints 2 → 1.
    let d = diff(
        &side(&fixtures().join("sample")),
        &side(&fixtures().join("appeal/corrected")),
    );
    let got = json(&d);
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("appeal/expected-diff.json")).unwrap(),
    )
    .unwrap();
    for key in ["only_old", "only_new"] {
        assert_eq!(got[key], want[key], "{key}");
    }
    let changed = |v: &Value| -> Vec<Value> {
        v["changed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let mut c = c.clone();
                c.as_object_mut().unwrap().remove("name");
                c
            })
            .collect()
    };
    assert_eq!(changed(&got), changed(&want));
    // The same rubric on both sides, the one the sample is scored by.
    let sha = Bundle::load(&fixtures().join("sample"))
        .unwrap()
        .output
        .rubric_sha256()
        .to_string();
    assert_eq!(got["rubric"]["old"], sha.as_str());
    assert_eq!(got["rubric"]["new"], sha.as_str());
    // A rank-only move counts (DM07 12 → 13); NY05 now takes the place the tie left empty.
    let text = d.text(Lang::Zh);
    for want in [
        "结果有变化的人员（9 人",
        "DM07  杨秀兰  已评定  90.91          称职         12 → 13",
        "NY05  唐敏    已评定  90.13 → 93.13  称职 → 优秀  13 → 6",
        "业务测试",
        "有效投诉",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
}

#[test]
fn a_bundle_compared_with_itself_or_its_results_file_has_nothing_changed() {
    let dir = fixtures().join("history/2024");
    let bundle = Bundle::load(&dir).unwrap().output;
    let scored = yardstick::score(&bundle);
    let s = Side::of_scored(&scored, "2024");
    let d = diff(&s, &s);
    assert!(d.is_empty());
    assert!(d.text(Lang::Zh).contains("没有任何变化：两边 13 人"));
    assert!(d.text(Lang::En).contains("Nothing changed"));
    // Its results file holds the same: status, total, grade, rank, consequences, component
    // scores and adjustment counts.
    let file = yardstick::report::json::to_string(&scored);
    let from_file = Side::from_json(file.as_bytes(), "results.json").unwrap();
    assert!(diff(&from_file, &s).is_empty());
    assert!(diff(&s, &from_file).is_empty());
    assert_eq!(from_file.year, Some(2024));
}

#[test]
fn a_results_file_without_adjustments_is_compared_on_what_it_holds() {
    // A file written before the counts were: adjustments are not compared, the rest is.
    let bundle = Bundle::load(&fixtures().join("sample")).unwrap().output;
    let mut doc: Value = serde_json::from_str(&yardstick::report::json::to_string(
        &yardstick::score(&bundle),
    ))
    .unwrap();
    for w in doc["workers"].as_array_mut().unwrap() {
        let w = w.as_object_mut().unwrap();
        w.remove("adjustments");
        w.remove("consequences");
    }
    let old = Side::from_json(doc.to_string().as_bytes(), "old.json").unwrap();
    let d = diff(&old, &side(&fixtures().join("appeal/corrected")));
    let xj10 = d.changed.iter().find(|c| c.worker_id == "XJ10").unwrap();
    assert!(xj10.adjustments.is_empty());
    assert_eq!(d.changed.len(), 9);
}

#[test]
fn workers_on_one_side_and_a_new_rubric_are_reported() {
    let roster = "worker_id,name\nW1,甲\nW2,乙\n";
    let test = "worker_id,score\nW1,85\nW2,70\n";
    let old = B::new(roster).file("test", test);
    let new = B::new("worker_id,name\nW2,乙\nW3,丙\n")
        .file("test", "worker_id,score\nW2,70\nW3,90\n")
        // Another version of the rubric: the same rules, another text.
        .rubric(&format!("{STANDARD}\n# 2025 版\n"));
    let load = |b: &B| {
        let bundle = b.load().unwrap().output;
        Side::of_scored(&yardstick::score(&bundle), "b")
    };
    let d = diff(&load(&old), &load(&new));
    assert_eq!(d.only_old, ["W1"]);
    assert_eq!(d.only_new, ["W3"]);
    assert!(d.changed.is_empty());
    assert_ne!(d.rubric.old, d.rubric.new);
    let text = d.text(Lang::Zh);
    assert!(text.contains("评分细则不同"), "{text}");
    assert!(text.contains("只在原结果中的人员（1 人）：W1"), "{text}");
    assert!(text.contains("只在新结果中的人员（1 人）：W3"), "{text}");
}

#[test]
fn a_file_that_is_not_a_results_document_is_an_error() {
    let e = Side::from_json(b"{\"workers\": []}", "x.json").unwrap_err();
    let text: Vec<String> = e
        .errors()
        .map(|d| d.render(yardstick::i18n::Lang::En))
        .collect();
    assert!(
        text[0].starts_with("x.json:1:15: error: not a results file"),
        "{text:?}"
    );
    let e = Side::from_json(
        br#"{"rubric": {"id": "r"}, "workers": [{"worker_id": "W1", "status": "done"}]}"#,
        "y.json",
    )
    .unwrap_err();
    let text: Vec<String> = e
        .errors()
        .map(|d| d.render(yardstick::i18n::Lang::En))
        .collect();
    assert!(text[0].contains("unknown status \"done\""), "{text:?}");
}
