//! Periodic scorecards (docs/contract.md 7): the floor and the ceiling, service, the facts
//! the views show, templates, and errors, on small in-memory bundles.

use crate::support::{B, comp, grade, total, w};

const GRID: &str = include_str!("../../../../rubrics/grid-worker.toml");
const PARTY: &str = include_str!("../../../../rubrics/party-member.toml");

/// A one-component rubric: a monthly scorecard, base 100, floor 0, no ceiling, min 1 period,
/// a deduction without limit and a bonus with one.
const OPEN: &str = r#"
[rubric]
id = "open-card"
name = "无上限积分卡"

[[component]]
id = "card"
kind = "scorecard"
name = "月度积分"
weight = 1
period = "month"
base = 100
items = [
  { id = "big", name = "重大失误", points = -40 },
  { id = "extra", name = "额外加分", points = 7, limit = 10 },
]

[[grade]]
label = "合格"
min = 60

[[grade]]
label = "不合格"
"#;

fn card(rows: &str) -> String {
    format!("worker_id,period,item,count,note\n{rows}")
}

#[test]
fn a_period_never_scores_below_the_floor_and_without_a_ceiling_may_pass_100() {
    // W1 January 3 big mistakes: 100 − 120 = −20, held at the floor 0; the other 11 months
    // 100: 1100 / 12 = 91.666… → 91.67. W2 every month 2 extras: 14 cut to the limit 10, 110
    // each (no ceiling): 110.00. W3 January 100 − 40 − 40 + 7 = 27 (one row each, rows add
    // up): (27 + 1100) / 12 = 93.9166… → 93.92.
    let mut rows = String::from("W1,2024-01,big,3,\n");
    for m in 1..=12 {
        rows.push_str(&format!("W2,2024-{m:02},extra,2,\n"));
    }
    rows.push_str("W3,2024-01,big,,\nW3,2024-01,重大失误,1,\nW3,2024-01,extra,1,\n");
    let b = B::new("worker_id,name\nW1,甲\nW2,乙\nW3,丙\n")
        .rubric(OPEN)
        .file("card", &card(&rows));
    let a = b.score();
    assert_eq!(comp(&a, "W1", "card").as_deref(), Some("91.67"));
    assert_eq!(comp(&a, "W2", "card").as_deref(), Some("110.00"));
    assert_eq!(comp(&a, "W3", "card").as_deref(), Some("93.92"));
    assert_eq!(total(&a, "W2").as_deref(), Some("110.00"));
    let text = b.explain("W1");
    assert!(
        text.contains("2024-01: 100 − 40×3 重大失误 = −20, held at the floor: 0"),
        "{text}"
    );
    let text = b.explain("W2");
    assert!(
        text.contains("2024-01 to 2024-12: 100 + 7×2 额外加分 (+14 cut to the limit +10) = 110")
            || text.contains("2024-01: 100 + 7×2 额外加分 (+14 cut to the limit +10) = 110"),
        "{text}"
    );
}

#[test]
fn explain_shows_each_period_as_the_contract_writes_it() {
    // docs/contract.md 7.1: `2024-03: 100 − 2×1 信息采集不全 − 5×1 事件漏报 = 93`, written
    // points × count.
    let b = B::new("worker_id,name\nW1,甲\n").rubric(GRID).file(
        "monthly",
        &card("W1,2024-03,collect_error,2,\nW1,2024-03,event_unreported,1,\n"),
    );
    let text = b.explain("W1");
    assert!(
        text.contains("2024-03: 100 − 1×2 信息采集不全或错误 − 5×1 事件漏报迟报 = 93"),
        "{text}"
    );
    assert!(
        text.contains("mean of the 12 counted month(s): 1193 / 12"),
        "{text}"
    );
}

#[test]
fn the_json_view_carries_the_scorecard_facts() {
    let b = B::new("worker_id,name,start\nW1,甲,2024-04-01\n")
        .rubric(GRID)
        .file(
            "monthly",
            &card("W1,2024-05,event_unreported,7,\nW1,2024-06,patrol_missed,10,\n"),
        );
    let bundle = b.load().unwrap().output;
    let doc: serde_json::Value = serde_json::from_str(&yardstick::report::json::to_string(
        &yardstick::score(&bundle),
    ))
    .unwrap();
    let m = &doc["workers"][0]["components"]["monthly"];
    // 9 months; May 70 (limit), June 80 (exactly the limit, not cut): (70 + 80 + 700) / 9.
    assert_eq!(m["score"].to_string(), "94.44");
    assert_eq!(m["counted_periods"], 9);
    assert_eq!(m["periods"], 12);
    assert_eq!(m["limited"], 1);
    assert_eq!(m["floored"], 0);
    assert_eq!(m["capped"], 0);
}

#[test]
fn a_member_short_of_quarters_is_missing_with_the_reason() {
    let b = B::new("worker_id,name,start\nW1,甲,2024-08-01\nW2,乙,\n")
        .rubric(PARTY)
        .file("points", &card("W2,2024-Q1,volunteer,1,\n"));
    let a = b.score();
    let m = w(&a, "W1").component("points").unwrap();
    assert_eq!(m.score, None);
    let text = b.explain("W1");
    assert!(
        text.contains("MISSING: 1 of 4 quarters counted; at least 2 needed"),
        "{text}"
    );
    assert_eq!(grade(&a, "W2"), Some("良好"));
    // (82 + 3 × 80) / 4 = 80.5; the review is missing (no file), so the total is the points.
    assert_eq!(total(&a, "W2").as_deref(), Some("80.50"));
}

#[test]
fn roster_dates_are_checked() {
    let b = B::new(
        "worker_id,name,start,end\nW1,甲,2024-02-30,\nW2,乙,,24-05-01\nW3,丙,2024-06-01,2024-05-31\nW4,丁,2020-01-01,2030-12-31\n",
    )
    .rubric(GRID);
    assert_eq!(
        b.errors(),
        [
            "b/roster.csv:2:3: error: \"2024-02-30\" in column \"start\": the date does not exist: February 2024 has 29 days",
            "b/roster.csv:3:4: error: \"24-05-01\" in column \"end\": not a date in the form YYYY-MM-DD",
            "b/roster.csv:4:4: error: the service ends (2024-05-31) before it starts (2024-06-01): start must not be after end",
        ]
    );
}

#[test]
fn counts_add_up_and_past_u32_stay_exact() {
    // 3,000,000,000 + 2,000,000,000 occurrences of a bonus of 7 limited to 10: 110, and of a
    // deduction of 40 without limit: held at the floor.
    let rows = "W1,2024-01,extra,3000000000,\nW1,2024-01,extra,2000000000,\nW2,2024-01,big,3000000000,\nW2,2024-01,big,3000000000,\n";
    let b = B::new("worker_id,name\nW1,甲\nW2,乙\n")
        .rubric(OPEN)
        .file("card", &card(rows));
    let a = b.score();
    // W1 (110 + 1100) / 12 = 100.833… → 100.83; W2 (0 + 1100) / 12 = 91.67.
    assert_eq!(comp(&a, "W1", "card").as_deref(), Some("100.83"));
    assert_eq!(comp(&a, "W2", "card").as_deref(), Some("91.67"));
}

#[test]
fn a_scorecard_template_offers_the_items_and_the_periods() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = dir.path().join("grid-worker.toml");
    std::fs::write(&rubric, GRID).unwrap();
    let bundle = dir.path().join("b");
    let options = yardstick::init::InitOptions {
        rubric: Some(rubric),
        format: yardstick::init::TemplateFormat::Csv,
        ..yardstick::init::InitOptions::new(2025)
    };
    yardstick::init::init(&bundle, &options).unwrap();
    let header = std::fs::read_to_string(bundle.join("monthly.csv")).unwrap();
    // Chinese headers, as a clerk reads them (the English names are in 说明.txt).
    assert_eq!(header, "\u{feff}工号,期间,事项,次数,备注\r\n");
    let roster = std::fs::read_to_string(bundle.join("roster.csv")).unwrap();
    assert!(roster.contains("入职日期,离职日期"), "{roster}");
    let notes = std::fs::read_to_string(bundle.join("说明.txt")).unwrap();
    for want in [
        "2025-01、2025-02",
        "信息采集不全或错误、未按要求巡查走访",
        "item = event_unreported（）：事件漏报迟报。每次扣5分，每月最多扣30分",
        "每月从100分起算",
    ] {
        assert!(notes.contains(want), "{want} not in\n{notes}");
    }
    // The empty bundle validates.
    let loaded = yardstick::Bundle::load(&bundle).unwrap();
    assert_eq!(loaded.output.workers().len(), 0);
}

#[cfg(feature = "xlsx")]
#[test]
fn a_scorecard_workbook_template_and_the_views_work() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = dir.path().join("party-member.toml");
    std::fs::write(&rubric, PARTY).unwrap();
    let bundle = dir.path().join("b");
    let options = yardstick::init::InitOptions {
        rubric: Some(rubric),
        ..yardstick::init::InitOptions::new(2024)
    };
    yardstick::init::init(&bundle, &options).unwrap();
    let bytes = std::fs::read(bundle.join("points.xlsx")).unwrap();
    // The drop-downs are in the sheet's XML: the item names and the quarters.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert!(sheet.contains("志愿服务"), "{sheet}");
    assert!(sheet.contains("2024-Q4"), "{sheet}");
    // Every view of the party fixture is made.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/party");
    let b = yardstick::Bundle::load(&dir).unwrap().output;
    let scored = yardstick::score(&b);
    let audited =
        yardstick::audit::audit(&scored, &yardstick::FsFiles, &Default::default()).unwrap();
    assert!(
        !yardstick::report::xlsx::to_xlsx(&audited)
            .unwrap()
            .is_empty()
    );
    let html = yardstick::html::to_html(&audited);
    assert!(html.contains("计分 4/4 期"), "count text");
}
