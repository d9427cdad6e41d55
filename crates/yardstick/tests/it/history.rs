//! Results across years (docs/contract.md section 8): `[history]` files checked like inputs,
//! `[[consequence]]` checked like the rest of a rubric, consequences decided from the published
//! grades of consecutive years, and unseen three-year histories against the independent
//! reference `fixtures/oracle/across_years.py`.

use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::{Value, json};

use crate::support::{B, STANDARD, w};

/// Rows of one worker whose every component scores `level` (80: 称职, 40: 不称职).
fn worker(id: &str, level: u32) -> [String; 6] {
    let (choice, rating, phone, visit) = match level {
        80 => (
            "称职",
            "较好",
            ["满意", "满意", "满意", "满意", "不满意"],
            [("是", "基本满意"); 5],
        ),
        _ => (
            "不称职",
            "差",
            ["满意", "满意", "不满意", "不满意", "不满意"],
            [
                ("是", "不满意"),
                ("是", "不满意"),
                ("是", "不满意"),
                ("是", "不满意"),
                ("否", "不满意"),
            ],
        ),
    };
    let report: String = (1..=3).map(|r| format!("{id},R{r},{level}\n")).collect();
    let ballot: String = (1..=10).map(|b| format!("B{b},{id},{choice}\n")).collect();
    let interview: String = ["德", "能", "勤", "绩", "廉"]
        .iter()
        .map(|d| format!("{id},I1,{d},{rating}\n"))
        .collect();
    let test = format!("{id},{level},\n");
    let phone: String = phone
        .iter()
        .enumerate()
        .map(|(k, o)| format!("{id},C{k},{o}\n"))
        .collect();
    let visit: String = visit
        .iter()
        .enumerate()
        .map(|(k, (v, s))| format!("{id},H{k},{v},{s}\n"))
        .collect();
    [report, ballot, interview, test, phone, visit]
}

/// A bundle of workers at the given levels: W1 80 (称职), W2 40 (不称职) …
fn bundle(levels: &[(&str, u32)]) -> B {
    let mut roster = String::from("worker_id,name\n");
    let heads = [
        "worker_id,rater_id,score\n",
        "ballot_id,worker_id,choice\n",
        "worker_id,interviewer_id,dimension,rating\n",
        "worker_id,score,max\n",
        "worker_id,call_id,outcome\n",
        "worker_id,household_id,visited,satisfaction\n",
    ];
    let mut files: Vec<String> = heads.iter().map(|h| h.to_string()).collect();
    for (id, level) in levels {
        roster.push_str(&format!("{id},{id}\n"));
        for (f, rows) in files.iter_mut().zip(worker(id, *level)) {
            f.push_str(&rows);
        }
    }
    let ids = ["report", "ballot", "interview", "test", "phone", "visit"];
    ids.iter()
        .zip(&files)
        .fold(B::new(&roster), |b, (id, f)| b.file(id, f))
}

/// A results document of `year` of the standard rubric: (worker, status, grade).
fn results(year: i32, workers: &[(&str, &str, Option<&str>)]) -> String {
    results_of("community-worker", year, workers)
}

fn results_of(rubric: &str, year: i32, workers: &[(&str, &str, Option<&str>)]) -> String {
    let workers: Vec<Value> = workers
        .iter()
        .map(|(id, status, grade)| json!({"worker_id": id, "status": status, "grade": grade}))
        .collect();
    json!({"year": year, "rubric": {"id": rubric, "sha256": "x"}, "workers": workers}).to_string()
}

fn consequences(b: &B, id: &str) -> Vec<String> {
    w(&b.score(), id)
        .consequences
        .iter()
        .map(|c| c.id.clone())
        .collect()
}

#[test]
fn consequences_count_the_published_grades_of_consecutive_years() {
    let b = bundle(&[("W1", 80), ("W2", 40), ("W3", 80), ("W4", 40)])
        .history(
            "2023.json",
            &results(
                2023,
                &[
                    ("W1", "graded", Some("优秀")),
                    ("W2", "graded", Some("不称职")),
                    ("W3", "graded", Some("称职")),
                    ("W4", "ungraded", Some("不称职")),
                    ("W9", "graded", Some("不称职")),
                ],
            ),
        )
        .history(
            "2022.json",
            &results(
                2022,
                &[("W1", "graded", Some("称职")), ("W3", "pending", None)],
            ),
        );
    // 称职, 优秀, 称职: 称职 or better three years running.
    assert_eq!(consequences(&b, "W1"), ["promote"]);
    // 不称职 two years running.
    assert_eq!(consequences(&b, "W2"), ["dismiss"]);
    // 2022 pending breaks the run.
    assert!(consequences(&b, "W3").is_empty());
    // A grade written beside another status is not a published grade.
    assert!(consequences(&b, "W4").is_empty());
    // The JSON carries the year at its top level and each worker's consequences.
    let bundle = b.load().unwrap().output;
    let doc: Value = serde_json::from_str(&yardstick::report::json::to_string(&yardstick::score(
        &bundle,
    )))
    .unwrap();
    assert_eq!(doc["year"], 2024);
    assert_eq!(doc["history"], json!([2023, 2022]));
    assert_eq!(doc["workers"][0]["consequences"], json!(["promote"]));
    assert_eq!(doc["workers"][1]["consequences"], json!(["dismiss"]));
    // The explanation names the years used.
    let text = b.explain("W1");
    assert!(
        text.contains("counted 2024 称职, 2023 优秀, 2022 称职 → applies"),
        "{text}"
    );
    let text = b.explain("W3");
    assert!(
        text.contains("pending in 2022, so the run is broken"),
        "{text}"
    );
}

#[test]
fn a_missing_year_or_an_absent_worker_breaks_the_run() {
    // 2023 is not in [history]: nothing two years long can apply.
    let gap = bundle(&[("W1", 40)]).history(
        "2022.json",
        &results(2022, &[("W1", "graded", Some("不称职"))]),
    );
    assert!(consequences(&gap, "W1").is_empty());
    assert!(gap.explain("W1").contains("no results of 2023"));
    let absent = bundle(&[("W1", 40), ("W2", 40)]).history(
        "2023.json",
        &results(2023, &[("W2", "graded", Some("不称职"))]),
    );
    assert!(consequences(&absent, "W1").is_empty());
    assert_eq!(consequences(&absent, "W2"), ["dismiss"]);
    assert!(
        absent
            .explain("W1")
            .contains("not in the results of 2023, so the run is broken")
    );
}

#[test]
fn a_one_year_consequence_needs_no_history_and_at_least_follows_the_declared_order() {
    let rubric = format!(
        "{STANDARD}\n[[consequence]]\nid = \"bonus_pay\"\nname = \"年度绩效奖励\"\nat_least = \"基本称职\"\nyears = 1\n"
    );
    let b = bundle(&[("W1", 80), ("W2", 40)]).rubric(&rubric);
    assert_eq!(consequences(&b, "W1"), ["bonus_pay"]);
    assert!(consequences(&b, "W2").is_empty());
}

fn errors(b: &B) -> String {
    b.errors().join("\n")
}

#[test]
fn history_files_are_checked_like_inputs() {
    let one = |name: &str, json: &str| errors(&bundle(&[("W1", 80)]).history(name, json));
    let e = one(
        "v.json",
        &results_of("village-committee", 2023, &[("W1", "graded", Some("称职"))]),
    );
    assert!(
        e.contains("b/v.json: error: results of the rubric \"village-committee\", not of this bundle's rubric \"community-worker\""),
        "{e}"
    );
    let e = one("now.json", &results(2024, &[]));
    assert!(
        e.contains(
            "b/now.json: error: results of 2024, not of a year before this assessment's 2024"
        ),
        "{e}"
    );
    let e = one("bad.json", "{\"year\": 2023,\n \"workers\": [}");
    assert!(
        e.contains("b/bad.json:2:14: error: not a results file of `yardstick score --format json`"),
        "{e}"
    );
    let e = one(
        "g.json",
        &results(
            2023,
            &[
                ("W1", "graded", Some("良好")),
                ("W2", "graded", None),
                ("W3", "excellent", None),
                ("W3", "graded", Some("称职")),
            ],
        ),
    );
    for want in [
        "worker \"W1\": grade \"良好\" is not one of the rubric's grades (\"优秀\", \"称职\", \"基本称职\", \"不称职\")",
        "worker \"W2\" is graded but has no grade",
        "worker \"W3\": unknown status \"excellent\"",
        "worker \"W3\" is listed twice",
    ] {
        assert!(e.contains(want), "{want}\n{e}");
    }
    let e = one(
        "noyear.json",
        r#"{"rubric": {"id": "community-worker"}, "workers": []}"#,
    );
    assert!(
        e.contains("b/noyear.json: error: the results file has no `year`"),
        "{e}"
    );
    // The same year twice.
    let e = errors(
        &bundle(&[("W1", 80)])
            .history("a.json", &results(2023, &[]))
            .history("b.json", &results(2023, &[])),
    );
    assert!(
        e.contains("b/b.json: error: a second results file for 2023: b/a.json is one already"),
        "{e}"
    );
}

#[test]
fn a_history_file_that_cannot_be_read_is_an_error_at_its_line() {
    let b = bundle(&[("W1", 80)]).history("a.json", &results(2023, &[]));
    let mut files = b.files();
    files.0.remove(Path::new("b/a.json"));
    let e = yardstick::Bundle::load_with(&files, Path::new("b")).unwrap_err();
    let text: Vec<String> = e
        .errors()
        .map(|d| d.render(yardstick::i18n::Lang::En))
        .collect();
    let text = text.join("\n");
    assert!(
        text.contains("b/assessment.toml:18:12: error: cannot read the earlier results b/a.json"),
        "{text}"
    );
}

#[test]
fn history_files_are_inputs_that_no_output_overwrites() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/history/2024");
    let bundle = yardstick::Bundle::load(&dir).unwrap().output;
    assert!(
        bundle
            .inputs()
            .iter()
            .any(|p| p.ends_with("2022/results.json"))
    );
    let out = dir.join("../2023/results.json");
    assert!(yardstick::output::check_output(&out, bundle.inputs()).is_err());
}

#[test]
fn consequences_in_a_rubric_are_checked_at_their_place() {
    let bad = format!(
        "{STANDARD}\n[[consequence]]\nid = \"dismiss\"\nname = \"x\"\ngrade = \"良好\"\nyears = 0\n\n[[consequence]]\nid = \"y\"\nname = \"y\"\ngrade = \"优秀\"\nat_least = \"称职\"\nyears = 2\n"
    );
    let e = yardstick::Rubric::from_toml(&bad, "r.toml").unwrap_err();
    let text: Vec<String> = e
        .errors()
        .map(|d| d.render(yardstick::i18n::Lang::En))
        .collect();
    let text = text.join("\n");
    let lines = STANDARD.lines().count();
    for (line, want) in [
        (lines + 3, "consequence \"dismiss\" is declared twice"),
        (
            lines + 5,
            "grade \"良好\" is not one of the rubric's grades",
        ),
        (lines + 6, "years must be a whole number from 1 to 50"),
        (lines + 9, "consequence \"y\" needs exactly one of `grade`"),
    ] {
        assert!(
            text.contains(&format!("r.toml:{line}:")) && text.contains(want),
            "{line} {want}\n{text}"
        );
    }
}

/// A small deterministic generator (xorshift), so that a failing case can be rerun.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// True with probability `p` percent.
    fn chance(&mut self, p: u64) -> bool {
        self.next() % 100 < p
    }

    fn pick<'a>(&mut self, weighted: &[(&'a str, u64)]) -> &'a str {
        let total: u64 = weighted.iter().map(|(_, w)| w).sum();
        let mut x = self.next() % total;
        for (v, w) in weighted {
            if x < *w {
                return v;
            }
            x -= w;
        }
        weighted[0].0
    }
}

/// Earlier years for a roster: each of 2021–2023 present or missing, each worker present or
/// absent, graded (with a grade weighted toward the ends), ungraded or pending; and a worker who
/// has left.
fn random_history(ids: &[String], rng: &mut Rng) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for year in [2023, 2022, 2021] {
        if !rng.chance(80) {
            continue;
        }
        let mut workers = Vec::new();
        for id in ids.iter().map(String::as_str).chain(["LEFT"]) {
            if !rng.chance(85) {
                continue;
            }
            let status = rng.pick(&[("graded", 80), ("ungraded", 10), ("pending", 10)]);
            let grade = (status == "graded")
                .then(|| rng.pick(&[("优秀", 35), ("称职", 35), ("基本称职", 10), ("不称职", 20)]));
            workers.push((id, status, grade));
        }
        files.push((format!("{year}.json"), results(year, &workers)));
    }
    // [history] in any order.
    if rng.chance(50) {
        files.reverse();
    }
    files
}

fn python() -> Option<PathBuf> {
    let ok = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| PathBuf::from("python3"))
}

#[test]
fn unseen_three_year_histories_agree_with_the_reference() {
    let Some(py) = python() else {
        eprintln!("python3 is not installed: the reference across_years.py cannot run");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let tmp = tempfile::tempdir().unwrap();
    let mut runner = TestRunner::deterministic();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let strategy = crate::generate::bundle(12);
    let mut cases = Vec::new();
    for k in 0..40 {
        let rows = strategy.new_tree(&mut runner).unwrap().current();
        let ids: Vec<String> = rows.roster[1..].iter().map(|r| r[0].clone()).collect();
        let mut b = rows.bundle();
        for (name, json) in random_history(&ids, &mut rng) {
            b = b.history(&name, &json);
        }
        let dir = tmp.path().join(format!("case{k:02}"));
        for (path, bytes) in &b.files().0 {
            let rel = path.strip_prefix("b").unwrap();
            std::fs::create_dir_all(dir.join(rel).parent().unwrap()).unwrap();
            std::fs::write(dir.join(rel), bytes).unwrap();
        }
        cases.push((dir, b));
    }
    let list = tmp.path().join("cases.txt");
    let names: Vec<String> = cases.iter().map(|(d, _)| d.display().to_string()).collect();
    std::fs::write(&list, names.join("\n")).unwrap();
    let out = Command::new(py)
        .arg(root.join("fixtures/oracle/across_years.py"))
        .arg("many")
        .arg(&list)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reference: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut problems = Vec::new();
    let mut applied = 0;
    for (dir, b) in &cases {
        let got = b.score();
        let want = &reference[dir.display().to_string()]["workers"];
        for e in want.as_array().unwrap() {
            let id = e["worker_id"].as_str().unwrap();
            let g = w(&got, id);
            let text = |v: &Value| v.as_str().map_or("null".to_string(), str::to_string);
            let ours = format!(
                "{} {} {} {} {:?}",
                g.status.as_str(),
                g.total.map_or("null".into(), |t| t.to_string()),
                g.grade.clone().unwrap_or("null".into()),
                g.rank.map_or("null".into(), |r| r.to_string()),
                g.consequences
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
            );
            let theirs = format!(
                "{} {} {} {} {:?}",
                text(&e["status"]),
                text(&e["total"]),
                text(&e["grade"]),
                e["rank"].as_u64().map_or("null".into(), |r| r.to_string()),
                e["consequences"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap())
                    .collect::<Vec<_>>()
            );
            applied += g.consequences.len();
            if ours != theirs {
                problems.push(format!(
                    "{} {id}: ours {ours}, reference {theirs}",
                    dir.display()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The generated histories are not all breaks: consequences did apply.
    assert!(applied >= 10, "only {applied} consequences applied");
}
