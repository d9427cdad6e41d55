//! The views of a scored bundle: snapshots of the table, the CSV and explanations of the sample
//! (toml-rs style: `UPDATE_SNAPSHOTS=1 cargo test -p yardstick --test it views::` rewrites them
//! after a deliberate change), and the promises every view keeps on every fixture: the same
//! bytes whatever the number of threads, one serializer for the JSON.

use std::path::{Path, PathBuf};

use yardstick::{Bundle, Scored};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every fixture bundle that scores: the sample, the village, the grid workers, the party
/// branch, the boundary cases.
fn bundles() -> Vec<Bundle> {
    let fixtures = root().join("fixtures");
    let mut dirs = vec![
        fixtures.join("sample"),
        fixtures.join("village"),
        fixtures.join("grid"),
        fixtures.join("party"),
    ];
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixtures.join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("assessment.toml").is_file())
        .collect();
    cases.sort();
    dirs.extend(cases);
    let bundles: Vec<Bundle> = dirs
        .iter()
        .map(|d| match Bundle::load(d) {
            Ok(b) => b.output,
            Err(e) => panic!("{} does not load: {e}", d.display()),
        })
        .collect();
    assert_eq!(
        bundles.len(),
        33,
        "the sample, the village, the grid, the party and 29 cases"
    );
    bundles
}

fn sample() -> Bundle {
    Bundle::load(&root().join("fixtures/sample"))
        .unwrap()
        .output
}

/// Compares `got` with the snapshot `name`, or rewrites it under `UPDATE_SNAPSHOTS=1`.
fn snapshot(name: &str, got: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v != "0") {
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    if want != got {
        let first = want
            .lines()
            .zip(got.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(want.lines().count().min(got.lines().count()));
        panic!(
            "{name} differs from its snapshot at line {}:\n  want: {:?}\n  got:  {:?}\nIf the change is deliberate: UPDATE_SNAPSHOTS=1 cargo test -p yardstick --test it views::",
            first + 1,
            want.lines().nth(first).unwrap_or(""),
            got.lines().nth(first).unwrap_or("")
        );
    }
}

fn explain(scored: &Scored, id: &str) -> String {
    let i = scored.index_of(id).unwrap();
    yardstick::explain::explain(scored, i).text()
}

#[test]
fn the_sample_table_csv_and_explanations_are_as_recorded() {
    let b = sample();
    let scored = yardstick::score(&b);
    snapshot(
        "sample.table.txt",
        &yardstick::report::table::to_string(&scored),
    );
    snapshot("sample.csv", &yardstick::report::csv::to_string(&scored));
    // Kept; a bonus capped; incomplete; tied at the quota line; a veto; pending; below the
    // quota line; not eligible; quorum not met.
    for id in [
        "DM01", "NY01", "NY10", "XJ03", "DM03", "BH04", "DM07", "XJ04", "NY08",
    ] {
        snapshot(&format!("sample.explain.{id}.txt"), &explain(&scored, id));
    }
    // The same in English.
    let en = yardstick::score(&b).with_lang(yardstick::i18n::Lang::En);
    snapshot(
        "sample.table.en.txt",
        &yardstick::report::table::to_string(&en),
    );
    for id in ["NY01", "XJ03", "XJ04"] {
        snapshot(&format!("sample.explain.{id}.en.txt"), &explain(&en, id));
    }
    let mut json = Vec::new();
    let i = scored.index_of("NY01").unwrap();
    yardstick::explain::explain(&scored, i)
        .write_json(&mut json)
        .unwrap();
    snapshot(
        "sample.explain.NY01.json",
        &String::from_utf8(json).unwrap(),
    );
}

#[test]
fn the_scorecard_tables_csv_and_explanations_are_as_recorded() {
    for (name, ids) in [
        // Limits reached and exceeded; joined mid-year; left, too few months; a tie at the
        // quota line; renormalised without satisfaction.
        ("grid", &["G06", "G19", "G20", "G03", "G13"][..]),
        // The ceiling; not eligible; a veto; joined mid-year; no ballot.
        ("party", &["P01", "P03", "P05", "P07", "P08"][..]),
    ] {
        let b = Bundle::load(&root().join("fixtures").join(name))
            .unwrap()
            .output;
        let scored = yardstick::score(&b);
        snapshot(
            &format!("{name}.table.txt"),
            &yardstick::report::table::to_string(&scored),
        );
        snapshot(
            &format!("{name}.csv"),
            &yardstick::report::csv::to_string(&scored),
        );
        for id in ids {
            snapshot(&format!("{name}.explain.{id}.txt"), &explain(&scored, id));
        }
    }
}

#[test]
fn the_village_table_is_as_recorded() {
    let b = Bundle::load(&root().join("fixtures/village"))
        .unwrap()
        .output;
    snapshot(
        "village.table.txt",
        &yardstick::report::table::to_string(&yardstick::score(&b)),
    );
}

#[test]
fn explanations_write_numbers_as_numbers() {
    let b = sample();
    let scored = yardstick::score(&b);
    let i = scored.index_of("DM01").unwrap();
    let mut out = Vec::new();
    yardstick::explain::explain(&scored, i)
        .write_json(&mut out)
        .unwrap();
    let steps: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let first = &steps[0];
    assert_eq!(first["step"], "component");
    assert!(first["weight"].is_number() && first["score"].is_number());
    // 个人汇报 of DM01: (96 + 93 + 92 + 90 + 92) / 5 = 463 / 5 = 92.6 exactly.
    assert_eq!(first["exact"]["fraction"], "463/5");
    assert_eq!(first["exact"]["value"].to_string(), "92.6");
    assert!(first["detail"]["scores"][0]["score"].is_number());
    let total = steps
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"] == "total")
        .unwrap();
    assert_eq!(total["rounded"].to_string(), "97.27");
}

#[test]
fn every_view_is_the_same_whatever_the_number_of_threads() {
    for b in &bundles() {
        let views = |threads| {
            let s = Scored::with_threads(b, threads);
            let explained: Vec<String> = (0..s.len())
                .map(|i| yardstick::explain::explain(&s, i).text())
                .collect();
            (
                yardstick::report::json::to_string(&s),
                yardstick::report::csv::to_string(&s),
                yardstick::report::table::to_string(&s),
                explained,
            )
        };
        let one = views(1);
        for threads in [2, 3, 8] {
            assert!(
                views(threads) == one,
                "{} on {threads} threads",
                b.path().display()
            );
        }
    }
}

#[test]
fn the_json_is_what_serde_json_makes_of_it() {
    // One serializer: the streamed document is byte for byte serde_json's pretty form of
    // itself, and every outcome in it is the one `Scored::outcome` gives.
    for b in &bundles() {
        let s = yardstick::score(b);
        let text = yardstick::report::json::to_string(&s);
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::to_string_pretty(&doc).unwrap(), text);
        let rubric = b.rubric();
        for (i, w) in doc["workers"].as_array().unwrap().iter().enumerate() {
            let o = s.outcome(i);
            assert_eq!(w["status"], o.status.as_str());
            assert_eq!(w["grade"].as_str(), o.grade.map(|g| rubric.grade_label(g)));
            assert_eq!(w["rank"].as_u64(), o.rank.map(u64::from));
            assert_eq!(
                w["flags"].as_array().unwrap().len(),
                o.flags.len(),
                "{}",
                b.path().display()
            );
        }
    }
}

#[test]
fn a_large_bundle_streams_in_many_blocks_in_roster_order() {
    // 1,000 workers in 25 units scored on phone calls alone: eight JSON blocks, four CSV
    // blocks and four table blocks, on 1 to 3 threads.
    let rows = |text: String| -> Vec<Vec<String>> {
        text.lines()
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect()
    };
    let mut roster = String::from("worker_id,name,unit\n");
    let mut phone = String::from("worker_id,call_id,outcome\n");
    let outcomes = ["满意", "基本满意", "不满意", "未接通"];
    for w in 0..1000 {
        roster.push_str(&format!("W{w:04},工作者{w},社区{}\n", w % 25));
        for c in 0..8 {
            let o = outcomes[(w * 7 + c * (w % 5 + 1)) % 4];
            phone.push_str(&format!("W{w:04},C{c},{o}\n"));
        }
    }
    let rubric = std::fs::read_to_string(root().join("rubrics/community-worker.toml")).unwrap();
    let b = yardstick::BundleBuilder::new("blocks", 2024, &rubric)
        .roster(rows(roster))
        .component("phone", rows(phone))
        .load()
        .unwrap()
        .output;
    let one = Scored::with_threads(&b, 1);
    let json = yardstick::report::json::to_string(&one);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ids: Vec<&str> = doc["workers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["worker_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 1000);
    assert!(ids.windows(2).all(|p| p[0] < p[1]));
    for threads in [2, 3] {
        let many = Scored::with_threads(&b, threads);
        assert_eq!(yardstick::report::json::to_string(&many), json);
        assert_eq!(
            yardstick::report::csv::to_string(&many),
            yardstick::report::csv::to_string(&one)
        );
        assert_eq!(
            yardstick::report::table::to_string(&many),
            yardstick::report::table::to_string(&one)
        );
    }
}
