//! The real `yardstick` binary with spreadsheets and encodings: `init`, `--encoding`,
//! `score --format xlsx`, workbook inputs and formula escaping of every CSV output.

mod common;

use common::{root, stdout, yardstick};

#[test]
fn init_makes_a_bundle_that_validates_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, extra) in [("xlsx", None), ("csv", Some("--csv"))] {
        let dir = tmp.path().join(name);
        let mut c = yardstick();
        c.args(["init", "--year", "2024"]).arg(&dir);
        if let Some(x) = extra {
            c.arg(x);
        }
        let text = stdout(&mut c);
        assert!(text.contains("a new bundle for 2024"), "{text}");
        let ext = if extra.is_some() { "csv" } else { "xlsx" };
        for f in ["assessment.toml", "rubric.toml", &format!("roster.{ext}")] {
            assert!(dir.join(f).is_file(), "{f}");
        }
        let out = yardstick().arg("validate").arg(&dir).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("bundle is valid: 0 workers"), "{text}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("the roster lists no workers yet"), "{err}");
        // Not over an existing bundle.
        let again = yardstick().arg("init").arg(&dir).output().unwrap();
        assert_eq!(again.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
    }
    // The rubric given is copied, checked first.
    let dir = tmp.path().join("village");
    stdout(
        yardstick()
            .args([
                "init",
                "--csv",
                "--rubric",
                "rubrics/village-committee.toml",
            ])
            .arg(&dir),
    );
    assert_eq!(
        std::fs::read(dir.join("rubric.toml")).unwrap(),
        std::fs::read(root().join("rubrics/village-committee.toml")).unwrap()
    );
    stdout(yardstick().arg("validate").arg(&dir));
}

#[test]
fn xlsx_and_gbk_bundles_score_like_the_csv_sample() {
    let csv = stdout(yardstick().args(["score", "fixtures/sample", "--format", "json"]));
    let xlsx = stdout(yardstick().args(["score", "fixtures/sample-xlsx", "--format", "json"]));
    let gbk = stdout(yardstick().args(["score", "fixtures/sample-gbk", "--format", "json"]));
    let gbk_given = stdout(yardstick().args([
        "score",
        "fixtures/sample-gbk",
        "--format",
        "json",
        "--encoding",
        "gbk",
    ]));
    assert_eq!(csv, xlsx);
    assert_eq!(csv, gbk);
    assert_eq!(csv, gbk_given);
    let c1 = stdout(yardstick().args(["concerns", "fixtures/sample", "--as-of", "2025-01-10"]));
    let c2 = stdout(yardstick().args([
        "concerns",
        "fixtures/sample-gbk",
        "--as-of",
        "2025-01-10",
        "--encoding",
        "gb18030",
    ]));
    assert_eq!(
        c1.replace("sample/", "sample-gbk/"),
        c2.replace("sample/", "sample-gbk/")
    );
    // Told UTF-8, the GBK bundle is wrong, cell by cell.
    let o = yardstick()
        .args(["validate", "fixtures/sample-gbk", "--encoding", "utf-8"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("fixtures/sample-gbk/roster.csv:2:2: error: this cell is not UTF-8 text"),
        "{err}"
    );
    let bad = yardstick()
        .args(["score", "fixtures/sample", "--encoding", "latin1"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn score_writes_a_workbook_only_to_a_file() {
    let o = yardstick()
        .args(["score", "fixtures/sample", "--format", "xlsx"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("-o results.xlsx"));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("results.xlsx");
    let text = stdout(
        yardstick()
            .args(["score", "fixtures/sample", "--format", "xlsx", "-o"])
            .arg(&out),
    );
    assert!(text.is_empty());
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    // Atomically: nothing else is left in the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // Never over an input, a workbook input included.
    let o = yardstick()
        .args([
            "score",
            "fixtures/sample-xlsx",
            "--format",
            "xlsx",
            "-o",
            "fixtures/sample-xlsx/roster.xlsx",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("refusing to write"));
}

#[test]
fn errors_in_a_workbook_name_the_cell() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("b");
    stdout(yardstick().args(["init", "--year", "2024"]).arg(&dir));
    std::fs::copy(
        root().join("fixtures/sample-xlsx/roster.xlsx"),
        dir.join("roster.xlsx"),
    )
    .unwrap();
    // The test sheet as an evaluator might fill it: a number typed as words, an unknown id.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("业务测试").unwrap();
    ws.write_row(0, 0, ["worker_id", "score", "max"]).unwrap();
    ws.write_string(1, 0, "DM01").unwrap();
    ws.write_number(1, 1, 85.5).unwrap();
    ws.write_string(2, 0, "DM02").unwrap();
    ws.write_string(2, 1, "九十").unwrap();
    ws.write_string(4, 0, "ZZ99").unwrap();
    ws.write_number(4, 1, 80).unwrap();
    std::fs::write(dir.join("test.xlsx"), wb.save_to_buffer().unwrap()).unwrap();
    let o = yardstick().arg("validate").arg(&dir).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    let test = dir.join("test.xlsx").display().to_string();
    assert!(
        err.contains(&format!(
            "{test}!B3: error: \"九十\" in column \"score\" is not a number"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{test}!A5: error: worker_id \"ZZ99\" is not in the roster"
        )),
        "{err}"
    );
    assert!(err.contains("2 error(s) found"), "{err}");
    // A sheet named in the bundle must be there.
    let toml = std::fs::read_to_string(dir.join("assessment.toml")).unwrap();
    std::fs::write(
        dir.join("assessment.toml"),
        toml.replace("\"test.xlsx\"", "\"test.xlsx#成绩\""),
    )
    .unwrap();
    let o = yardstick().arg("validate").arg(&dir).output().unwrap();
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains(
            "test.xlsx#成绩: error: the workbook has no sheet \"成绩\" (its sheets are \"业务测试\")"
        ),
        "{err}"
    );
}

#[test]
fn every_csv_output_escapes_formulas() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("b");
    stdout(
        yardstick()
            .args(["init", "--csv", "--year", "2024"])
            .arg(&dir),
    );
    std::fs::write(
        dir.join("roster.csv"),
        "worker_id,name,unit\n=W1,+张三,-东门\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("concerns.csv"),
        "concern_id,date,category,text,worker_id\n@C1,2024-11-12,市政设施,\"=cmd|' /C calc'!A0\",=W1\n",
    )
    .unwrap();
    let csv = stdout(yardstick().args(["score", "--format", "csv"]).arg(&dir));
    let row = csv.lines().nth(1).unwrap();
    assert!(row.starts_with("'=W1,'+张三,'-东门,"), "{row}");
    let concerns = stdout(
        yardstick()
            .args(["concerns", "--as-of", "2024-12-01", "--format", "csv"])
            .arg(&dir),
    );
    let row = concerns.lines().nth(1).unwrap();
    assert!(row.starts_with("'@C1,"), "{row}");
    assert!(row.ends_with(",'=cmd|' /C calc'!A0"), "{row}");
    assert!(row.contains(",'=W1,"), "{row}");
}
