//! The real `yardstick` binary, run as a user would from the workspace root.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn yardstick() -> Command {
    let mut c = Command::cargo_bin("yardstick").unwrap();
    c.current_dir(root());
    c
}

fn stdout(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn score_prints_a_table_with_the_quota_line() {
    let text = stdout(yardstick().args(["score", "fixtures/sample"]));
    assert!(text.contains("排名"), "{text}");
    assert!(text.contains("优秀 quota (全体): 1/5 of N = "), "{text}");
    assert!(text.contains(" graded, "), "{text}");
}

#[test]
fn score_json_follows_the_contract() {
    let text = stdout(yardstick().args([
        "score",
        "fixtures/sample/assessment.toml",
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["rubric"]["id"], "community-worker");
    let sha = v["rubric"]["sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);
    assert!(
        sha.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    let workers = v["workers"].as_array().unwrap();
    assert!(workers.len() >= 30);
    for w in workers {
        let status = w["status"].as_str().unwrap();
        assert!(["graded", "ungraded", "pending"].contains(&status));
        assert_eq!(w["grade"].is_null(), status != "graded");
        assert_eq!(w["rank"].is_null(), status != "graded");
        for id in ["report", "ballot", "interview", "test", "phone", "visit"] {
            assert!(w["components"][id].get("score").is_some(), "{id}");
        }
        assert!(w["flags"].is_array());
    }
    // Numbers are printed exactly as rounded: two decimals, no binary noise.
    for line in text
        .lines()
        .filter(|l| l.trim_start().starts_with("\"total\": ") && !l.contains("null"))
    {
        let n = line
            .trim()
            .trim_start_matches("\"total\": ")
            .trim_end_matches(',');
        assert!(n.split('.').nth(1).is_some_and(|d| d.len() == 2), "{line}");
    }
}

#[test]
fn score_writes_csv_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("results.csv");
    let text = stdout(
        yardstick()
            .args(["score", "fixtures/sample", "--format", "csv", "-o"])
            .arg(&out),
    );
    assert!(text.is_empty());
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with("worker_id,name,unit,role,status,total,grade,rank,report,ballot,interview,test,phone,visit,bonus,deduction,flags\n"), "{csv}");
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn planted_errors_are_all_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("results.json");
    std::fs::write(&out, "previous results").unwrap();
    let o = yardstick()
        .args(["score", "fixtures/bad_planted", "--format", "json", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    let errors: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 5, "{err}");
    for file in [
        "report.csv",
        "ballots.csv",
        "phone.csv",
        "interviews.csv",
        "tests.csv",
    ] {
        assert!(
            errors
                .iter()
                .any(|l| l.starts_with(&format!("fixtures/bad_planted/{file}:"))),
            "{file} in {err}"
        );
    }
    assert!(
        err.contains("5 error(s) found; nothing was scored and no output was written."),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous results");
    assert!(o.stdout.is_empty());
}

#[test]
fn every_bad_fixture_gives_its_expected_errors() {
    let mut n = 0;
    for entry in std::fs::read_dir(root().join("fixtures")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Ok(expected) = std::fs::read_to_string(path.join("expected_errors.txt")) else {
            continue;
        };
        n += 1;
        let o = yardstick()
            .args(["validate", &format!("fixtures/{name}")])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{name}");
        let err = String::from_utf8(o.stderr).unwrap();
        let got: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
        let want: Vec<&str> = expected.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(got, want, "{name}");
    }
    assert!(
        n >= 4,
        "expected fixtures/bad_*/expected_errors.txt files, found {n}"
    );
}

#[test]
fn validate_accepts_rubrics_and_bundles() {
    let text = stdout(yardstick().args(["validate", "rubrics/community-worker.toml"]));
    assert_eq!(
        text,
        "rubrics/community-worker.toml: rubric community-worker (社区工作者年度考核) is valid: 6 components, 4 grades\n"
    );
    let text = stdout(yardstick().args(["validate", "fixtures/sample"]));
    assert!(
        text.starts_with("fixtures/sample/assessment.toml: bundle is valid: "),
        "{text}"
    );
}

#[test]
fn validate_points_at_the_line_of_a_bad_rubric() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    let text = std::fs::read_to_string(root().join("rubrics/community-worker.toml"))
        .unwrap()
        .replacen("weight = 0.25", "weight = 0.35", 1);
    std::fs::write(&path, &text).unwrap();
    let o = yardstick().arg("validate").arg(&path).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("weight = 0.15"))
        .unwrap()
        + 1;
    let want = format!(
        "{}:{line}:10: error: component weights sum to 1.1, expected exactly 1\n   |\n{line} | weight = 0.15\n   |          ^",
        path.display()
    );
    assert!(err.contains(&want), "{err}\nwanted\n{want}");
}

#[test]
fn explain_prints_every_step() {
    let json = stdout(yardstick().args(["score", "fixtures/sample", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let id = v["workers"][0]["worker_id"].as_str().unwrap().to_string();
    let text = stdout(yardstick().args(["explain", "fixtures/sample", &id]));
    assert!(text.starts_with(&id), "{text}");
    for needle in [
        "个人汇报 report (weight 0.15)",
        "民主测评 ballot (weight 0.25)",
        "Adjustments:",
        "Result: status ",
    ] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
    let o = yardstick()
        .args(["explain", "fixtures/sample", "NOBODY"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("worker_id \"NOBODY\" is not in the roster")
    );
}

#[test]
fn a_wrong_command_line_exits_2() {
    for args in [
        &["score"][..],
        &["score", "fixtures/sample", "--format", "pdf"],
        &["frobnicate"],
        &[],
    ] {
        let o = yardstick().args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn a_missing_bundle_exits_1() {
    let o = yardstick()
        .args(["score", "fixtures/no-such-bundle"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("fixtures/no-such-bundle/assessment.toml: error: cannot read the bundle")
    );
}

#[test]
fn the_output_never_overwrites_an_input_file() {
    let roster = root().join("fixtures/sample/roster.csv");
    let before = std::fs::read(&roster).unwrap();
    let o = yardstick()
        .args([
            "score",
            "fixtures/sample",
            "--format",
            "csv",
            "-o",
            "fixtures/sample/roster.csv",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("refusing to write the output over an input file")
    );
    assert_eq!(std::fs::read(&roster).unwrap(), before);
}
