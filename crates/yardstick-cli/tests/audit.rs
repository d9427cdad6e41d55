//! `yardstick audit` through the real binary: the published reliability values of
//! Krippendorff (2011) from bundles holding his data (fixtures/audit/README.md), the four parts
//! on the sample in both languages, and the output file.

mod common;

use common::{stdout, yardstick, yardstick_zh};

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout(yardstick().args(args))).unwrap()
}

#[test]
fn published_alphas_through_the_command_line() {
    // Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability, section E (4
    // observers × 12 units, missing values; also R's irr::kripp.alpha example): interval
    // 0.849, ordinal 0.815. Section A (binary, 2 observers × 10 units): 0.095.
    let doc = json(&[
        "audit",
        "fixtures/audit/krippendorff-2011",
        "--format",
        "json",
    ]);
    let a = |c: &str| format!("{:.3}", doc["alpha"][c]["alpha"].as_f64().unwrap());
    assert_eq!(a("report"), "0.849");
    assert_eq!(a("interview"), "0.815");
    assert_eq!(doc["alpha"]["report"]["units"], 11);
    assert_eq!(doc["alpha"]["report"]["values"], 40);
    let doc = json(&["audit", "fixtures/audit/binary-2011", "--format", "json"]);
    assert_eq!(
        format!("{:.3}", doc["alpha"]["report"]["alpha"].as_f64().unwrap()),
        "0.095"
    );
    // The table shows the same to 3 decimals, with its reading.
    let text = stdout(yardstick_zh().args(["audit", "fixtures/audit/krippendorff-2011"]));
    assert!(text.contains("0.849") && text.contains("0.815"), "{text}");
    assert!(text.contains("可以信赖（α ≥ 0.800）"), "{text}");
}

#[test]
fn the_sample_audit_prints_the_four_parts() {
    let text = stdout(yardstick_zh().args(["audit", "fixtures/sample"]));
    for heading in [
        "一、评分人之间是否一致",
        "二、评分人宽严（个人汇报）",
        "三、离相邻等次有多远（已评定 37 人",
        "四、测评票（民主测评，共 588 张）",
    ] {
        assert!(text.contains(heading), "{heading}\n{text}");
    }
    assert!(text.contains("Krippendorff（2004）"), "{text}");
    let english = stdout(yardstick().args(["audit", "fixtures/sample", "--lang", "en"]));
    for heading in [
        "1. Do the raters agree?",
        "2. Rater leniency (个人汇报)",
        "3. How close is each worker to the next grade? (37 graded",
        "4. Ballot sheets (民主测评, 588 sheets)",
    ] {
        assert!(english.contains(heading), "{heading}\n{english}");
    }
    // Numbers in the table have 3 decimals.
    assert!(english.contains("0.907"), "{english}");
}

#[test]
fn the_audit_json_follows_the_contract_and_goes_to_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("audit.json");
    yardstick()
        .args(["audit", "fixtures/sample", "--format", "json", "-o"])
        .arg(&out)
        .assert()
        .success();
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let report = &doc["alpha"]["report"];
    assert_eq!(report["metric"], "interval");
    for key in ["alpha", "units", "values"] {
        assert!(report[key].is_number(), "{key}");
    }
    assert_eq!(doc["alpha"]["interview"]["metric"], "ordinal");
    let rater = &doc["raters"]["report"][0];
    for key in ["rater_id", "n", "leniency", "flagged"] {
        assert!(!rater[key].is_null(), "{key}");
    }
    let m = &doc["margins"][0];
    for key in [
        "worker_id",
        "to_upper",
        "to_lower",
        "ballots_down",
        "ballots_up",
    ] {
        assert!(m.get(key).is_some(), "{key}");
    }
    assert!(m["ballots_down"].get("ballot").is_some());
    let s = &doc["sheets"]["ballot"];
    for key in ["all_best", "all_worst", "identical"] {
        assert!(s[key].is_array(), "{key}");
    }
    // The audit changed no score: the result is the same before and after.
    let a = stdout(yardstick().args(["score", "fixtures/sample", "--format", "json"]));
    yardstick()
        .args(["audit", "fixtures/sample"])
        .assert()
        .success();
    let b = stdout(yardstick().args(["score", "fixtures/sample", "--format", "json"]));
    assert_eq!(a, b);
}

#[test]
fn the_workbook_and_the_report_carry_the_audit() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = json(&["audit", "fixtures/sample", "--format", "json"]);
    let alpha = doc["alpha"]["report"]["alpha"].as_f64().unwrap();
    let pw01 = doc["raters"]["report"][0]["leniency"].as_f64().unwrap();
    // The workbook, in Chinese as a clerk runs it: the 审核 sheet, last, with the same
    // numbers.
    let out = tmp.path().join("out.xlsx");
    yardstick_zh()
        .args(["score", "fixtures/sample", "-o"])
        .arg(&out)
        .assert()
        .success();
    use calamine::{Data, Reader};
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names().last().map(String::as_str), Some("审核"));
    let rows: Vec<Vec<Data>> = wb
        .worksheet_range("审核")
        .unwrap()
        .rows()
        .map(<[Data]>::to_vec)
        .collect();
    let first = |text: &str| {
        rows.iter()
            .find(|r| r[0] == Data::String(text.into()))
            .unwrap_or_else(|| panic!("no row {text}"))
    };
    assert_eq!(first("个人汇报")[2], Data::Float(alpha));
    assert_eq!(first("PW01")[2], Data::Float(pw01));
    assert_eq!(first("DM01")[4], Data::Empty, "DM01 is in the top band");
    assert!(
        rows.iter()
            .any(|r| r[0] == Data::String("四、测评票（民主测评，共 588 张）".into()))
    );
    // In English the sheet keeps its name, its texts are English.
    let en = tmp.path().join("en.xlsx");
    yardstick()
        .args(["score", "fixtures/sample", "--format", "xlsx", "-o"])
        .arg(&en)
        .assert()
        .success();
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&en).unwrap();
    let range = wb.worksheet_range("审核").unwrap();
    assert!(
        range
            .rows()
            .any(|r| r[0] == Data::String("1. Do the raters agree? (Krippendorff's α)".into()))
    );

    // The report: section 八 with α, the leniency and the margins to 3 decimals, and the
    // charts.
    let html = stdout(yardstick_zh().args(["report", "fixtures/sample"]));
    let audit = &html[html
        .find("<section id=\"audit\"")
        .expect("an audit section")..];
    assert!(audit.contains("<h2>八、公平性审核</h2>"));
    assert!(audit.contains(&format!("<td class=\"r\">{alpha:.3}</td>")));
    assert!(audit.contains(&format!("<td class=\"r\">{pw01:+.3}</td>")));
    assert_eq!(audit.matches("<svg class=\"chart\"").count(), 2);
    assert!(audit.contains("<td class=\"r\">97.27</td>"));
    let english = stdout(yardstick().args(["report", "fixtures/sample"]));
    assert!(english.contains("<h2>8. Fairness audit</h2>"));
}
