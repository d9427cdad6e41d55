//! Bad input: every error at once, with file, line and column; nothing scored.

use crate::support::*;

fn roster() -> &'static str {
    "worker_id,name,electorate\nW1,甲,10\nW2,乙,\n"
}

#[test]
fn five_planted_errors_are_all_reported_together() {
    let b = B::new(roster())
        .file("report", "worker_id,rater_id,score\nW1,R1,90\nW1,R2,八十\n")
        .file(
            "ballot",
            "ballot_id,worker_id,choice\nB1,W1,优秀\nB2,W1,很好\n",
        )
        .file("phone", "worker_id,call_id,outcome\nW1,1,满意\nW9,2,满意\n")
        .file(
            "interview",
            "worker_id,interviewer_id,dimension,rating\nW1,I1,德,好\nW1,I1,德,较好\n",
        )
        .file("test", "worker_id,score\nW1,130\n");
    let errors = b.errors();
    assert_eq!(
        errors,
        vec![
            "b/report.csv:3:3: error: \"八十\" in column \"score\" is not a number",
            "b/ballot.csv:3:3: error: unknown choice \"很好\"; the rubric allows \"优秀\", \"称职\", \"基本称职\", \"不称职\", \"弃权\", \"不了解\"",
            "b/interview.csv:3:3: error: duplicate rating (same worker_id, interviewer_id and dimension): \"W1 / I1 / 德\" is already on line 2",
            "b/test.csv:2:2: error: 130 in column \"score\" is out of range: it must be from 0 to 100",
            "b/phone.csv:3:1: error: worker_id \"W9\" is not in the roster (b/roster.csv)",
        ]
    );
}

#[test]
fn header_problems_name_the_column() {
    let b = B::new(roster())
        .file("ballot", "ballot_id,choice\nB1,优秀\n")
        .file("test", "worker_id,score,remark\nW1,80,ok\n");
    let e = b.load().unwrap_err();
    let all: Vec<String> = e
        .diagnostics()
        .iter()
        .map(|d| d.render(yardstick::i18n::Lang::En))
        .collect();
    assert!(all.contains(&"b/ballot.csv:1: error: required column \"worker_id\" is missing from the header (found: ballot_id, choice)".to_string()), "{all:#?}");
    assert!(all.contains(&"b/test.csv:1:3: warning: unknown column \"remark\" is ignored (this file's columns are worker_id, score, max)".to_string()), "{all:#?}");
}

#[test]
fn roster_duplicates_and_bad_electorates() {
    let b = B::new("worker_id,name,electorate\nW1,甲,10\nW1,乙,5\nW2,丙,十\nW3,,3\n");
    assert_eq!(
        b.errors(),
        vec![
            "b/roster.csv:3:1: error: duplicate worker_id: \"W1\" is already on line 2",
            "b/roster.csv:4:3: error: \"十\" in column \"electorate\" is not a whole number",
            "b/roster.csv:5:2: error: \"name\" is empty; it is required",
        ]
    );
}

#[test]
fn adjustments_with_unknown_items_and_bad_counts() {
    let b = B::new(roster())
        .adjustments("worker_id,item,count\nW1,honor_city,1.5\nW2,award,\nW1,honor_city,\n");
    assert_eq!(
        b.errors(),
        vec![
            "b/adjustments.csv:2:3: error: \"1.5\" in column \"count\" is not a whole number",
            "b/adjustments.csv:3:2: error: unknown adjustment item \"award\"; the rubric allows \"honor_district\", \"honor_city\", \"honor_province\", \"complaint_verified\", \"ledger_false\", \"warning\", \"demerit\", \"removed\", \"refused\", \"investigation\"",
        ]
    );
}

#[test]
fn a_component_the_rubric_lacks_is_an_error() {
    let b = B::new(roster()).file("peer", "worker_id\n");
    let e = b.load().unwrap_err();
    let d = e.errors().next().unwrap();
    assert_eq!(d.line, Some(10));
    let text = d.text(yardstick::i18n::Lang::En);
    assert!(
        text.starts_with("component \"peer\" is not in the rubric community-worker"),
        "{text}"
    );
}

#[test]
fn visits_tests_and_panels_check_their_values() {
    let b = B::new(roster())
        .file("visit", "worker_id,household_id,visited,satisfaction\nW1,H1,maybe,满意\nW1,H2,是,开心\nW1,H1,否,\n")
        .file("test", "worker_id,score,max\nW1,50,0\nW2,-1,\nW2,10,\n")
        .file("report", "worker_id,rater_id,score\nW1,R1,100.5\n,R2,80\n");
    assert_eq!(
        b.errors(),
        vec![
            "b/report.csv:2:3: error: 100.5 in column \"score\" is out of range: it must be from 0 to 100",
            "b/report.csv:3:1: error: \"worker_id\" is empty; it is required",
            "b/test.csv:2:3: error: max must be greater than 0",
            "b/test.csv:3:2: error: -1 in column \"score\" is out of range: it must be from 0 to 100",
            "b/test.csv:4:1: error: duplicate test result (one row per worker_id): \"W2\" is already on line 3",
            "b/visit.csv:2:3: error: \"maybe\" in column \"visited\" is not one of 是, 否, yes, no, true, false, 1, 0 or empty",
            "b/visit.csv:3:4: error: unknown satisfaction \"开心\"; the rubric allows \"满意\", \"基本满意\", \"不满意\"",
            "b/visit.csv:4:2: error: duplicate household (same worker_id and household_id): \"W1 / H1\" is already on line 2",
        ]
    );
}

#[test]
fn bom_blank_lines_spaces_and_column_order_are_accepted() {
    let b = B::new("\u{feff}name,worker_id\n 甲 , W1 \n\n,\n")
        .file("test", "score,worker_id\n\n 80 ,W1\n");
    let a = b.score();
    assert_eq!(comp(&a, "W1", "test").as_deref(), Some("80.00"));
    assert_eq!(w(&a, "W1").name, "甲");
}

#[test]
fn not_utf8_is_read_as_gbk_or_reported_with_its_cell() {
    let mut files = B::new(roster()).file("test", "worker_id,score\n").files();
    // "测" in GBK: not UTF-8, so the file is read as GB18030.
    files.0.insert(
        "b/test.csv".into(),
        b"worker_id,score\nW1,80\n\xb2\xe2,90\n".to_vec(),
    );
    let path = std::path::Path::new("b");
    let e = yardstick::Bundle::load_with(&files, path).unwrap_err();
    assert_eq!(
        e.errors().next().unwrap().render(yardstick::i18n::Lang::En),
        "b/test.csv:3:1: error: worker_id \"测\" is not in the roster (b/roster.csv)"
    );
    // Read as UTF-8 when told so: the cell is reported, and every other row still read.
    files.0.insert(
        "b/test.csv".into(),
        b"worker_id,score\nW1,80\n\xb2\xe2,90\nW3,70\n".to_vec(),
    );
    let utf8 = yardstick::input::ReadOptions {
        encoding: yardstick::input::TextEncoding::Utf8,
    };
    let e = yardstick::Bundle::load_with_options(&files, path, &utf8).unwrap_err();
    let errors: Vec<String> = e
        .errors()
        .map(|d| d.render(yardstick::i18n::Lang::En))
        .collect();
    assert_eq!(
        errors,
        vec![
            "b/test.csv:3:1: error: this cell is not UTF-8 text; save the file as \"CSV UTF-8\", or give --encoding gbk if it is a GBK file",
            "b/test.csv:4:1: error: worker_id \"W3\" is not in the roster (b/roster.csv)",
        ]
    );
}

/// The workspace's files, named as from its root (where the CLI's tests run): diagnostics
/// name `fixtures/bad_planted/report.csv`, as `expected_errors.txt` does.
struct Workspace(std::path::PathBuf);

impl yardstick::Files for Workspace {
    fn open(&self, path: &std::path::Path) -> std::io::Result<Box<dyn std::io::Read + '_>> {
        yardstick::FsFiles.open(&self.0.join(path))
    }

    fn read(&self, path: &std::path::Path) -> std::io::Result<Vec<u8>> {
        yardstick::FsFiles.read(&self.0.join(path))
    }
}

/// Snapshots of the errors of every bad bundle `fixtures/bad_*`, one a line: in English in
/// `expected_errors.txt` (which the CLI's tests also read) and in Chinese, the default, in
/// `expected_errors.zh.txt`. Every kind of diagnostic they hold has a text in both languages.
/// `UPDATE_SNAPSHOTS=1 cargo test -p yardstick --test it errors::` rewrites those files.
#[test]
fn every_bad_bundle_gives_its_expected_errors_in_both_languages() {
    use yardstick::i18n::Lang;
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v != "0");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let files = Workspace(root.clone());
    let mut cases: Vec<String> = std::fs::read_dir(root.join("fixtures"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| {
            n.starts_with("bad_")
                && root
                    .join("fixtures")
                    .join(n)
                    .join("assessment.toml")
                    .is_file()
        })
        .collect();
    cases.sort();
    assert!(cases.len() >= 5, "{cases:?}");
    let mut stale = Vec::new();
    for case in &cases {
        let dir = format!("fixtures/{case}");
        let options = yardstick::input::ReadOptions::default();
        let e = match yardstick::validate(&files, std::path::Path::new(&dir), &options) {
            Ok(_) => panic!("{dir} was accepted"),
            Err(e) => e,
        };
        for (lang, name) in [
            (Lang::En, "expected_errors.txt"),
            (Lang::Zh, "expected_errors.zh.txt"),
        ] {
            let got: String = e.errors().map(|d| d.render(lang) + "\n").collect();
            for d in e.diagnostics() {
                // A message missing from a catalog would show its id.
                let text = d.text(lang);
                assert!(!text.starts_with(d.message.id()), "{case}: {text}");
            }
            let snapshot = root.join(&dir).join(name);
            if update {
                std::fs::write(&snapshot, &got).unwrap();
            } else {
                let want = std::fs::read_to_string(&snapshot).unwrap_or_default();
                if want != got {
                    stale.push(format!(
                        "--- {case}: {name} says\n{want}--- but loading says\n{got}"
                    ));
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nIf the new messages are right: UPDATE_SNAPSHOTS=1 cargo test -p yardstick --test it errors::",
        stale.join("\n")
    );
}
