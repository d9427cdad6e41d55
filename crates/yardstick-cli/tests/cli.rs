//! The real `yardstick` binary, run as a user would from the workspace root.

mod common;

use common::{root, stdout, yardstick, yardstick_zh};

#[test]
fn score_prints_a_table_with_the_quota_line() {
    // Chinese by default; English with --lang en or YARDSTICK_LANG=en.
    let text = stdout(yardstick_zh().args(["score", "fixtures/sample"]));
    assert!(text.contains("排名"), "{text}");
    assert!(
        text.contains("优秀名额（全体）：已评定 37 人 × 1/5 → 7 个名额"),
        "{text}"
    );
    assert!(text.contains("共 40 人：已评定 37 人"), "{text}");
    for english in [
        stdout(yardstick_zh().args(["score", "fixtures/sample", "--lang", "en"])),
        stdout(
            yardstick_zh()
                .env("YARDSTICK_LANG", "en")
                .args(["score", "fixtures/sample"]),
        ),
    ] {
        assert!(english.contains("Rank  ID"), "{english}");
        assert!(english.contains("优秀 quota (all): 1/5 of N = 37 graded → 7 place(s)"));
        assert!(english.contains("40 worker(s): 37 graded, "));
    }
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
    assert!(csv.starts_with("\u{feff}worker_id,name,unit,role,status,total,grade,rank,report,ballot,interview,test,phone,visit,bonus,deduction,flags,consequences\n"), "{csv}");
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

/// A clerk runs the tool with no language set: every error of a bad bundle is in Chinese, at
/// the same places, as `expected_errors.zh.txt` beside it says, and so is the count.
#[test]
fn a_bad_bundle_is_reported_in_chinese_by_default() {
    let mut n = 0;
    for entry in std::fs::read_dir(root().join("fixtures")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Ok(expected) = std::fs::read_to_string(path.join("expected_errors.zh.txt")) else {
            continue;
        };
        if !path.join("assessment.toml").is_file() {
            continue;
        }
        n += 1;
        let o = yardstick_zh()
            .args(["validate", &format!("fixtures/{name}")])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{name}");
        let err = String::from_utf8(o.stderr).unwrap();
        let got: Vec<&str> = err.lines().filter(|l| l.contains(": 错误：")).collect();
        let want: Vec<&str> = expected.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(got, want, "{name}");
        assert!(!err.contains(": error: "), "{err}");
        assert!(
            err.contains(&format!(
                "共发现 {} 处错误；没有计分，也没有写出任何文件。",
                want.len()
            )),
            "{err}"
        );
    }
    assert!(
        n >= 4,
        "expected fixtures/bad_*/expected_errors.zh.txt files, found {n}"
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
fn validate_reports_a_broken_rubric_at_its_own_line() {
    // Neither parses as TOML, so neither can be told from a bundle by parsing it.
    let dir = tempfile::tempdir().unwrap();
    let standard = std::fs::read_to_string(root().join("rubrics/community-worker.toml")).unwrap();
    for (name, from, to, column, message) in [
        (
            "overflow.toml",
            "min = 90",
            "min = 1e400",
            7,
            "floating-point number overflowed",
        ),
        (
            "syntax.toml",
            "weight = 0.25",
            "weight = = 0.25",
            10,
            "extra `=`, expected nothing",
        ),
    ] {
        let path = dir.path().join(name);
        let text = standard.replacen(from, to, 1);
        std::fs::write(&path, &text).unwrap();
        let o = yardstick().arg("validate").arg(&path).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{name}");
        let err = String::from_utf8(o.stderr).unwrap();
        let line = text.lines().position(|l| l == to).unwrap() + 1;
        let want = format!("{}:{line}:{column}: error: {message}\n", path.display());
        assert!(err.starts_with(&want), "{err}\nwanted\n{want}");
    }
    // A value off the scale is reported where it is written.
    let path = dir.path().join("value.toml");
    let text = standard.replacen("value = 80 }", "value = 800 }", 1);
    std::fs::write(&path, &text).unwrap();
    let o = yardstick().arg("validate").arg(&path).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let line = text.lines().position(|l| l.contains("800")).unwrap() + 1;
    let want = format!(
        "{}:{line}:27: error: option \"称职\" has the value 800; a value must lie between 0 and 100, the scale of every component score\n",
        path.display()
    );
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.starts_with(&want), "{err}\nwanted\n{want}");
}

#[test]
fn explain_prints_every_step() {
    let json = stdout(yardstick().args(["score", "fixtures/sample", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let id = v["workers"][0]["worker_id"].as_str().unwrap().to_string();
    let text = stdout(yardstick_zh().args(["explain", "fixtures/sample", &id]));
    assert!(text.starts_with(&id), "{text}");
    for needle in [
        "个人汇报 report（权重 0.15）",
        "民主测评 ballot（权重 0.25）",
        "加扣分：",
        "结果：已评定",
    ] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
    let text = stdout(yardstick().args(["explain", "fixtures/sample", &id, "--lang", "en"]));
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

/// The sample's ledger on 2025-01-10, values worked by hand in fixtures/sample/README.md.
#[test]
fn concerns_prints_office_lists_and_the_escalation_report() {
    let text = stdout(yardstick().args(["concerns", "fixtures/sample", "--as-of", "2025-01-10"]));
    assert!(
        text.contains("== 派单 work orders (open concerns by office) =="),
        "{text}"
    );
    assert!(text.contains("== 上报 escalation report (every item, by department) =="));
    // 住建局 gets ZX-2024-001, -009 (the alias 道路管网) and -011 (returned, still open).
    assert!(
        text.contains("住建局: 3 items, 3 open, 3 overdue"),
        "{text}"
    );
    assert!(text.contains("卫健局: 1 item, 1 open, 1 overdue"), "{text}");
    // 宠物管理 is in no route: the triage desk, flagged; due 2024-12-11, 21 working days ago.
    let triage = text
        .lines()
        .find(|l| l.contains("ZX-2024-008"))
        .expect("the triage item is listed");
    for part in [
        "宠物管理 (未知类别)",
        "综合办值班人员",
        "2024-12-11",
        "-21",
        "受理 逾期",
    ] {
        assert!(triage.contains(part), "{triage}");
    }
    // Raised Wednesday 2025-01-08, 5 working days: due Wednesday 01-15, 3 working days left.
    let wall = text.lines().find(|l| l.contains("ZX-2025-002")).unwrap();
    assert!(
        wall.contains("2025-01-15") && wall.contains(" 3  受理"),
        "{wall}"
    );
    assert!(text.contains("138****5678") && !text.contains("13812345678"));
    assert!(text.contains("0571-****4321") && !text.contains("87654321"));
}

#[test]
fn concerns_json_has_the_contract_fields() {
    let text = stdout(yardstick().args([
        "concerns",
        "fixtures/sample",
        "--as-of",
        "2025-01-10",
        "--format",
        "json",
    ]));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let concerns = doc["concerns"].as_array().unwrap();
    assert_eq!(concerns.len(), 147 + 15);
    let find = |id: &str| concerns.iter().find(|c| c["id"] == id).unwrap().clone();
    // 2024-12-30 + 3 working days: 12-31, (01-01 元旦), 01-02, 01-03. Closed on 01-03.
    let c = find("ZX-2024-012");
    assert_eq!(c["deadline"], "2025-01-03");
    assert_eq!(c["office"], "民政服务站");
    assert_eq!(c["escalate_to"], serde_json::Value::Null);
    assert_eq!(c["status"], "closed");
    assert_eq!(c["overdue"], false);
    // 低保 → 社会救助; closed 12-09 but the callback said 否: reopened, then in progress.
    let c = find("ZX-2024-006");
    assert_eq!(c["category"], "社会救助");
    assert_eq!(c["deadline"], "2024-12-10");
    assert_eq!(c["status"], "in_progress");
    assert_eq!(c["overdue"], true);
    // 安全隐患: 0 working days, the same day.
    let c = find("ZX-2024-004");
    assert_eq!(c["deadline"], "2024-12-03");
    assert_eq!(c["office"], "应急管理办");
    // Reported up: no office.
    let c = find("ZX-2024-009");
    assert_eq!(c["office"], serde_json::Value::Null);
    assert_eq!(c["escalate_to"], "住建局");
    assert_eq!(c["deadline"], "2024-12-18");
    // Every id of the contract's form for calls and visits.
    assert!(
        concerns
            .iter()
            .all(|c| c["office"].is_null() != c["escalate_to"].is_null())
    );
    assert!(!text.contains("13812345678"));
}

#[test]
fn concerns_as_csv_to_a_file_and_a_bad_date() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ledger.csv");
    let o = yardstick()
        .args(["concerns", "fixtures/sample", "--as-of", "2025-01-10"])
        .args(["--format", "csv", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with("\u{feff}id,date,category,office,escalate_to,deadline,status,overdue"));
    assert_eq!(csv.lines().count(), 1 + 162);

    let o = yardstick()
        .args(["concerns", "fixtures/sample", "--as-of", "2025-02-30"])
        .output()
        .unwrap();
    // A date that does not exist is a command-line error.
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--as-of 2025-02-30"));
}

#[test]
fn concerns_reports_a_missing_date_and_years_without_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path();
    let sample = root().join("fixtures/sample");
    for f in ["roster.csv", "phone.csv"] {
        std::fs::copy(sample.join(f), b.join(f)).unwrap();
    }
    let rubric = root().join("rubrics/community-worker.toml");
    std::fs::write(
        b.join("assessment.toml"),
        format!(
            "[assessment]\nname = \"t\"\nyear = 2027\nrubric = {:?}\n\n[inputs]\nroster = \"roster.csv\"\nconcerns = \"concerns.csv\"\n\n[inputs.components]\nphone = \"phone.csv\"\n",
            rubric.display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(
        b.join("concerns.csv"),
        "concern_id,date,category,text\nA1,2027-01-04,养老服务,x\nA2,,养老服务,y\nA3,2026-12-31,基础设施,z\n",
    )
    .unwrap();
    let o = yardstick()
        .args(["concerns"])
        .arg(b)
        .args(["--as-of", "2027-01-10"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("concerns.csv:2:2: error: "), "{err}");
    assert!(
        err.contains("concerns.csv:3:2: error: \"date\" is empty"),
        "{err}"
    );
    // 2026-12-31 is covered, but its 5th working day falls in 2027.
    assert!(err.contains("concerns.csv:4:2: error: "), "{err}");
    assert!(err.contains("3 error(s) found"), "{err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn report_writes_a_self_contained_html_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let o = yardstick()
        .args(["report", "fixtures/sample", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.is_empty());
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("名额 <b>7</b> 名"));
    assert!(!html.contains("https://"));
    // Never over an input file.
    let o = yardstick()
        .args([
            "report",
            "fixtures/sample",
            "-o",
            "fixtures/sample/assessment.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        std::fs::read_to_string(root().join("fixtures/sample/assessment.toml"))
            .unwrap()
            .starts_with("[assessment]")
    );
}

#[test]
fn the_sample_scores_without_a_warning() {
    let out = yardstick()
        .args(["score", "fixtures/sample"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
}

#[test]
fn warnings_of_one_kind_are_shown_five_times_and_counted() {
    // Eight calls whose date does not parse: a warning each (the date is not scored).
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("assessment.toml"),
        format!(
            "[assessment]\nname = \"t\"\nyear = 2024\nrubric = \"{}\"\n[inputs]\nroster = \"roster.csv\"\n[inputs.components]\nphone = \"phone.csv\"\n",
            root().join("rubrics/community-worker.toml").display()
        ),
    )
    .unwrap();
    std::fs::write(d.join("roster.csv"), "worker_id,name\nW1,甲\n").unwrap();
    let mut phone = String::from("worker_id,call_id,outcome,date\n");
    for c in 1..=8 {
        phone.push_str(&format!("W1,C{c},满意,2024-13-0{c}\n"));
    }
    std::fs::write(d.join("phone.csv"), phone).unwrap();
    let out = yardstick().arg("score").arg(d).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    let shown = err.lines().filter(|l| l.contains("2024-13-0")).count();
    assert_eq!(shown, 5, "{err}");
    assert!(
        err.contains("phone.csv: … and 3 more warning(s) like the one above"),
        "{err}"
    );
}

#[test]
fn control_characters_from_the_input_never_reach_the_terminal_raw() {
    // A name holding an escape sequence that would clear the screen, a unit with a bell, a
    // phone outcome with a cursor movement: the table, the explanation and the error show them
    // escaped.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("assessment.toml"),
        format!(
            "[assessment]\nname = \"t\"\nyear = 2024\nrubric = \"{}\"\n[inputs]\nroster = \"roster.csv\"\n[inputs.components]\ntest = \"tests.csv\"\n",
            common::root().join("rubrics/community-worker.toml").display()
        ),
    )
    .unwrap();
    std::fs::write(
        d.join("roster.csv"),
        "worker_id,name,unit\nW1,张\u{1b}[2J三,东\u{7}门\n",
    )
    .unwrap();
    std::fs::write(d.join("tests.csv"), "worker_id,score\nW1,80\n").unwrap();
    for args in [vec!["score"], vec!["explain", "W1"]] {
        let mut c = common::yardstick();
        c.arg(args[0]).arg(d);
        c.args(&args[1..]);
        let out = common::stdout(&mut c);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
        assert!(out.contains("张\\u{1b}[2J三"), "{out}");
    }
    std::fs::write(d.join("tests.csv"), "worker_id,score\nW\u{1b}[A1,80\n").unwrap();
    let out = common::yardstick().arg("score").arg(d).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains('\u{1b}'), "{err}");
    assert!(err.contains("W\\u{1b}[A1"), "{err}");
}

#[test]
fn help_and_command_line_errors_are_chinese_by_default_and_english_on_request() {
    let help = stdout(yardstick_zh().args(["score", "--help"]));
    assert!(
        help.contains("用法：yardstick score <考核包> [选项]"),
        "{help}"
    );
    assert!(help.contains("输出格式：table（屏幕表格）"), "{help}");
    assert!(
        !help.contains("Usage") && !help.contains("[default"),
        "{help}"
    );
    let help = stdout(yardstick().args(["score", "--help", "--lang", "en"]));
    assert!(
        help.contains("Usage: yardstick score <BUNDLE> [OPTIONS]"),
        "{help}"
    );

    // Exit status 2 and the words of the catalogs, with the usage and where to look.
    for (args, zh) in [
        (vec!["scor", "x"], "错误：不认识的命令 scor"),
        (
            vec!["score", "fixtures/sample", "--format", "xml"],
            "错误：--format <格式> 的值“xml”不可用；可用的值：table, json, csv, xlsx",
        ),
        (vec!["score"], "错误：缺少必需的参数 <考核包>"),
        (vec!["score", "x", "--bogus"], "错误：不认识的参数 --bogus"),
        (vec!["score", "x", "--lang", "fr"], "“fr”不是可用的语言"),
    ] {
        let o = yardstick_zh().args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(err.contains(zh), "{args:?}: {err}");
        assert!(err.contains("查看用法：yardstick --help"), "{err}");
    }
    let o = yardstick_zh()
        .env("YARDSTICK_LANG", "en")
        .args(["score"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("error: the required argument <BUNDLE> was not given"),
        "{err}"
    );
}

#[test]
fn the_output_format_follows_the_extension_of_o_and_never_contradicts_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // -o 结果.xlsx writes a workbook, -o x.csv a CSV with a byte-order mark, -o x.json JSON.
    for (name, starts) in [
        ("结果.xlsx", &b"PK"[..]),
        ("x.csv", "\u{feff}worker_id,".as_bytes()),
        ("x.json", b"{"),
    ] {
        let out = d.join(name);
        stdout(
            yardstick()
                .args(["score", "fixtures/sample", "-o"])
                .arg(&out),
        );
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(starts), "{name}");
    }
    // A --format that contradicts the extension, or an extension the verb does not write: exit
    // 2, nothing written.
    for args in [
        vec!["score", "fixtures/sample", "--format", "csv", "-o"],
        vec!["score", "fixtures/sample", "--format", "json", "-o"],
    ] {
        let out = d.join("y.xlsx");
        let o = yardstick_zh().args(&args).arg(&out).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("扩展名 .xlsx 不一致"));
        assert!(!out.exists());
    }
    let o = yardstick_zh()
        .args(["report", "fixtures/sample", "-o"])
        .arg(d.join("r.csv"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("可用的扩展名是 html, htm"));
    let o = yardstick()
        .args(["concerns", "fixtures/sample", "--as-of", "2025-02-30"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn diff_of_a_bundle_with_itself_says_nothing_changed_and_exits_0() {
    let text = stdout(yardstick_zh().args(["diff", "fixtures/sample", "fixtures/sample"]));
    assert!(
        text.contains("没有任何变化：两边 40 人的状态、总分、等次、排名、结果运用"),
        "{text}"
    );
    let json = stdout(yardstick().args([
        "diff",
        "fixtures/sample",
        "fixtures/sample/assessment.toml",
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["changed"], serde_json::json!([]));
    assert_eq!(v["only_old"], serde_json::json!([]));
    assert_eq!(v["only_new"], serde_json::json!([]));
    assert_eq!(v["rubric"]["old"], v["rubric"]["new"]);
}

#[test]
fn diff_of_the_appeal_pair_lists_who_changed_and_exits_0() {
    // A results file against the corrected bundle, as an evaluator files an appeal.
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("results.json");
    stdout(
        yardstick()
            .args(["score", "fixtures/sample", "-o"])
            .arg(&results),
    );
    let text = stdout(
        yardstick()
            .arg("diff")
            .arg(&results)
            .arg("fixtures/appeal/corrected"),
    );
    assert!(
        text.contains("Workers whose result changed (9; old → new):"),
        "{text}"
    );
    assert!(text.contains("90.13 → 93.13"), "{text}");
    let json = stdout(yardstick().arg("diff").arg(&results).args([
        "fixtures/appeal/corrected",
        "--format",
        "json",
    ]));
    let got: serde_json::Value = serde_json::from_str(&json).unwrap();
    let want: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("fixtures/appeal/expected-diff.json")).unwrap(),
    )
    .unwrap();
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v["changed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["worker_id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&got), ids(&want));
    assert_eq!(got["changed"][6]["new"], want["changed"][6]["new"]);
    // Neither side's inputs may be written over.
    let corrected = root().join("fixtures/appeal/corrected/tests.csv");
    let before = std::fs::read(&corrected).unwrap();
    let o = yardstick()
        .args([
            "diff",
            "fixtures/sample",
            "fixtures/appeal/corrected",
            "-o",
            "fixtures/appeal/corrected/tests.csv",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("refusing to write the output over an input file")
    );
    assert_eq!(std::fs::read(&corrected).unwrap(), before);
}
