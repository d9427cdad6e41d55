//! The concerns ledger and `validate` through the real binary: every file a bundle names is
//! checked, `--as-of` must lie in the calendar, `-o` never replaces an input, and nothing a
//! resident or a table wrote reaches the terminal as a control sequence.

mod common;

use std::path::{Path, PathBuf};

use common::{root, stdout, yardstick};

/// A copy of `fixtures/sample` in a temporary folder, the rubric beside it, with
/// `assessment.toml` given these extra `[assessment]` lines.
fn sample_with(dir: &Path, assessment: &str) -> PathBuf {
    let b = dir.join("b");
    std::fs::create_dir_all(&b).unwrap();
    let sample = root().join("fixtures/sample");
    for entry in std::fs::read_dir(&sample).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, b.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        root().join("rubrics/community-worker.toml"),
        b.join("rubric.toml"),
    )
    .unwrap();
    let toml = std::fs::read_to_string(b.join("assessment.toml"))
        .unwrap()
        .replace("../../rubrics/community-worker.toml", "rubric.toml")
        .replace("year   = 2024\n", &format!("year   = 2024\n{assessment}"));
    std::fs::write(b.join("assessment.toml"), toml).unwrap();
    b
}

/// Runs the command: (exit status, stdout, stderr).
fn run(args: &[&str], bundle: &Path) -> (Option<i32>, String, String) {
    let o = yardstick()
        .arg(args[0])
        .arg(bundle)
        .args(&args[1..])
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

const TABLE: &str = "[routing]\ncalendars = [\"cal/cn-2027.toml\"]\n\n[[route]]\ncategory = \"养老服务\"\noffice = \"民政服务站\"\nresponsible = \"站长\"\nworking_days = 3\n\n[default]\noffice = \"综合办\"\nresponsible = \"值班员\"\nworking_days = 1\n";

const CAL_2027: &str = "[calendar]\nyear = 2027\nnotice = \"测试用\"\n\n[[holiday]]\nname = \"元旦\"\nfrom = \"2027-01-01\"\nto = \"2027-01-03\"\n";

#[test]
fn validate_reports_what_concerns_would_fail_on() {
    let tmp = tempfile::tempdir().unwrap();
    // Sound: the summary counts the concerns.
    let text = stdout(yardstick().args(["validate", "fixtures/sample"]));
    assert!(
        text.ends_with(
            "  concerns          162 concerns, routed by rubrics/routing.toml, working days of 2024, 2025, 2026\n"
        ),
        "{text}"
    );

    // A route without an office, a calendar with a weekday as a make-up working day, a
    // concern without a date and an update of no concern: `validate` fails on each, as
    // `concerns` does, at the same places.
    let b = sample_with(tmp.path(), "routing = \"routing.toml\"\n");
    std::fs::write(
        b.join("routing.toml"),
        TABLE.replace("office = \"民政服务站\"\n", ""),
    )
    .unwrap();
    std::fs::create_dir_all(b.join("cal")).unwrap();
    std::fs::write(b.join("cal/cn-2027.toml"), CAL_2027).unwrap();
    let route = "routing.toml:5:12: error: route \"养老服务\" needs office = \"...\" (handled here) or escalate_to = \"...\" (reported up)";
    for verb in ["validate", "concerns"] {
        let args: &[&str] = if verb == "validate" {
            &["validate"]
        } else {
            &["concerns", "--as-of", "2025-01-10"]
        };
        let (code, out, err) = run(args, &b);
        assert_eq!(code, Some(1), "{verb}: {err}");
        assert!(out.is_empty(), "{verb}: {out}");
        assert!(err.contains(route), "{verb}: {err}");
        assert!(err.contains("1 error(s) found"), "{verb}: {err}");
    }

    std::fs::write(b.join("routing.toml"), TABLE).unwrap();
    std::fs::write(
        b.join("cal/cn-2027.toml"),
        format!("{CAL_2027}workdays = [\"2027-01-04\"]\n"),
    )
    .unwrap();
    let concerns = std::fs::read_to_string(b.join("concerns.csv")).unwrap();
    std::fs::write(
        b.join("concerns.csv"),
        format!("{concerns}ZX-NEW,,养老服务,无日期,,\n"),
    )
    .unwrap();
    let concern_line = concerns.lines().count() + 1;
    let updates = std::fs::read_to_string(b.join("concern_updates.csv")).unwrap();
    std::fs::write(
        b.join("concern_updates.csv"),
        format!("{updates}ZX-1999-001,2024-12-01,办理中,,\n"),
    )
    .unwrap();
    let lines = updates.lines().count() + 1;
    let expected = [
        "cal/cn-2027.toml:9:13: error: 2027-01-04 is a 周一, a working day anyway; a make-up working day (调休上班) is a Saturday or Sunday".to_string(),
        format!("concerns.csv:{concern_line}:2: error: \"date\" is empty; it is required"),
        format!("concern_updates.csv:{lines}:1: error: concern_id \"ZX-1999-001\" is not a concern of this bundle"),
    ];
    let (code, _, err) = run(&["validate"], &b);
    assert_eq!(code, Some(1), "{err}");
    // The calendar stops the ledger before the concerns are read.
    assert!(err.contains(&expected[0]), "{err}");
    std::fs::write(b.join("cal/cn-2027.toml"), CAL_2027).unwrap();
    let (code, _, err) = run(&["validate"], &b);
    assert_eq!(code, Some(1), "{err}");
    for e in &expected[1..] {
        assert!(err.contains(e.as_str()), "{e}\n{err}");
    }
    assert!(err.contains("2 error(s) found"), "{err}");

    // A routing table that is not there.
    let b = sample_with(&tmp.path().join("2"), "routing = \"nowhere.toml\"\n");
    let (code, _, err) = run(&["validate"], &b);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("assessment.toml:4:11: error: cannot read the routing table"),
        "{err}"
    );
    // Scoring is not stopped by it (docs/contract.md section 6).
    let (code, _, err) = run(&["score", "--format", "json"], &b);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn validate_reports_each_problem_once() {
    // A worker the roster lacks on a phone row with a concern: scoring and the ledger both
    // find it; it is told once.
    let tmp = tempfile::tempdir().unwrap();
    let b = sample_with(tmp.path(), "");
    let phone = std::fs::read_to_string(b.join("phone.csv")).unwrap();
    let bad: String = phone
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 1 {
                l.replacen("DM01", "ZZ99", 1)
            } else {
                l.to_string()
            }
        })
        .map(|l| l + "\n")
        .collect();
    assert!(phone.lines().nth(1).unwrap().contains(",DH0001,"));
    std::fs::write(b.join("phone.csv"), bad).unwrap();
    let (code, _, err) = run(&["validate"], &b);
    assert_eq!(code, Some(1));
    assert_eq!(
        err.matches("worker_id \"ZZ99\" is not in the roster")
            .count(),
        1,
        "{err}"
    );
    // The call's concern is gone with it, so its two updates have no concern: the other
    // errors.
    assert!(
        err.contains("error: concern_id \"phone:DM01:DH0001\" is not a concern"),
        "{err}"
    );
    assert!(err.contains("3 error(s) found"), "{err}");
}

#[test]
fn an_as_of_day_outside_the_calendar_is_an_error() {
    for day in ["2027-03-01", "9999-12-31", "2023-12-31"] {
        let o = yardstick()
            .args(["concerns", "fixtures/sample", "--as-of", day])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{day}");
        assert!(o.stdout.is_empty());
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(
            err.contains(&format!("--as-of {day}: {day} is in ")),
            "{err}"
        );
        assert!(err.contains("(it covers 2024, 2025, 2026)"), "{err}");
    }
    // A routing table that adds 2027 makes it a known year.
    let tmp = tempfile::tempdir().unwrap();
    let b = sample_with(tmp.path(), "routing = \"routing.toml\"\n");
    std::fs::write(b.join("routing.toml"), TABLE).unwrap();
    std::fs::create_dir_all(b.join("cal")).unwrap();
    std::fs::write(b.join("cal/cn-2027.toml"), CAL_2027).unwrap();
    let (code, out, err) = run(
        &["concerns", "--as-of", "2027-03-01", "--format", "csv"],
        &b,
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), 1 + 162);
    let (code, _, err) = run(&["concerns", "--as-of", "2028-03-01"], &b);
    assert_eq!(code, Some(1));
    assert!(err.contains("(it covers 2024, 2025, 2026, 2027)"), "{err}");
}

#[test]
fn no_output_replaces_a_file_the_bundle_reads() {
    let tmp = tempfile::tempdir().unwrap();
    let b = sample_with(tmp.path(), "routing = \"routing.toml\"\n");
    std::fs::write(b.join("routing.toml"), TABLE).unwrap();
    std::fs::create_dir_all(b.join("cal")).unwrap();
    std::fs::write(b.join("cal/cn-2027.toml"), CAL_2027).unwrap();
    let every = [
        "assessment.toml",
        "rubric.toml",
        "routing.toml",
        "cal/cn-2027.toml",
        "roster.csv",
        "ballots.csv",
        "phone.csv",
        "adjustments.csv",
        "concerns.csv",
        "concern_updates.csv",
    ];
    for file in every {
        let target = b.join(file);
        let before = std::fs::read(&target).unwrap();
        for args in [
            &["concerns", "--as-of", "2025-01-10", "--format", "csv", "-o"][..],
            &["score", "--format", "csv", "-o"][..],
        ] {
            let o = yardstick()
                .arg(args[0])
                .arg(&b)
                .args(&args[1..])
                .arg(&target)
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(1), "{args:?} {file}");
            assert_eq!(std::fs::read(&target).unwrap(), before, "{args:?} {file}");
        }
    }
}

#[test]
fn the_concerns_table_never_sends_control_sequences_to_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let b = sample_with(tmp.path(), "");
    let concerns = std::fs::read_to_string(b.join("concerns.csv")).unwrap();
    std::fs::write(
        b.join("concerns.csv"),
        format!(
            "{concerns}ZX-X,2025-01-02,市政设施,\"\u{1b}[2J\u{1b}[H清屏\rOK\u{9b}31m\",,\n\
             ZX-Y,2025-01-02,\"宠物\u{1b}]0;pwned\u{7}\",\u{202e}txt.exe,,\n"
        ),
    )
    .unwrap();
    let (code, out, err) = run(&["concerns", "--as-of", "2025-01-10"], &b);
    assert_eq!(code, Some(0), "{err}");
    for c in ['\u{1b}', '\u{7}', '\r', '\u{9b}', '\u{202e}'] {
        assert!(!out.contains(c), "{c:?}");
    }
    // An escalation line (住建局), and a row of the triage desk's table.
    assert!(
        out.contains(". \\u{1b}[2J\\u{1b}[H清屏\\rOK\\u{9b}31m [市政设施] ZX-X raised 2025-01-02"),
        "{out}"
    );
    assert!(
        out.contains("宠物\\u{1b}]0;pwned\\u{7} (未知类别)"),
        "{out}"
    );
    assert!(out.contains("\\u{202e}txt.exe"), "{out}");
}
