//! The ways a clerk may lay out the same data all score alike: Chinese headers and item names
//! (`fixtures/sample-zh`), a vote-count sheet for 民主测评 (`fixtures/sample-counts`, with a
//! title row above its header), and — on every fixture bundle — each ballot file turned into
//! counts by this test.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use yardstick::{Bundle, Files, FsFiles, MemFiles};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn json_of(b: &Bundle) -> String {
    yardstick::report::json::to_string(&yardstick::score(b))
}

fn load(dir: &Path) -> Bundle {
    match Bundle::load(dir) {
        Ok(b) => b.output,
        Err(e) => panic!("{}: {e}", dir.display()),
    }
}

#[test]
fn chinese_headers_item_names_and_vote_counts_score_like_the_sample() {
    let sample = json_of(&load(&root().join("fixtures/sample")));
    for twin in ["fixtures/sample-zh", "fixtures/sample-counts"] {
        let b = Bundle::load(&root().join(twin)).unwrap();
        assert_eq!(json_of(&b.output), sample, "{twin}");
        // The counts twin's title row is said; nothing else.
        let expected = usize::from(twin.ends_with("counts"));
        assert_eq!(b.warnings.len(), expected, "{twin}: {:?}", b.warnings);
    }
}

/// A ballot file (sheet per row) as a vote-count sheet: one row per worker and group, one
/// column per choice, the blanks in 空白.
fn as_counts(csv: &str, choices: &[String], grouped: bool) -> String {
    // Files may have a byte-order mark, blank lines and padded cells.
    let mut rows = csv.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').map(str::trim).collect();
    let col = |n: &str| header.iter().position(|h| *h == n);
    let (w, c, g) = (col("worker_id").unwrap(), col("choice"), col("group"));
    let mut counts: BTreeMap<(String, String), BTreeMap<String, u64>> = BTreeMap::new();
    let mut order = Vec::new();
    for line in rows.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        let key = (
            cells[w].to_string(),
            g.map_or(String::new(), |g| cells[g].to_string()),
        );
        if !counts.contains_key(&key) {
            order.push(key.clone());
        }
        let choice = c.map_or("", |c| cells.get(c).copied().unwrap_or(""));
        *counts
            .entry(key)
            .or_default()
            .entry(choice.to_string())
            .or_default() += 1;
    }
    let mut out = String::from("工号");
    if grouped {
        out.push_str(",类别");
    }
    for ch in choices {
        out.push(',');
        out.push_str(ch);
    }
    out.push_str(",空白\n");
    for key in order {
        let n = &counts[&key];
        out.push_str(&key.0);
        if grouped {
            out.push(',');
            out.push_str(&key.1);
        }
        for ch in choices.iter().map(String::as_str).chain([""]) {
            out.push_str(&format!(",{}", n.get(ch).copied().unwrap_or(0)));
        }
        out.push('\n');
    }
    out
}

#[test]
fn every_fixture_scores_alike_with_its_ballots_as_vote_counts() {
    let fixtures = root().join("fixtures");
    let mut dirs = vec![fixtures.join("sample"), fixtures.join("village")];
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixtures.join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("assessment.toml").is_file())
        .collect();
    cases.sort();
    dirs.extend(cases);
    let mut converted = 0;
    for dir in dirs {
        let b = load(&dir);
        let want = json_of(&b);
        let manifest = yardstick::input::Manifest::read(&FsFiles, &dir).unwrap();
        // Every file of the bundle in memory, the ballot files turned into counts.
        let mut mem = MemFiles::default();
        for p in manifest.inputs() {
            if let Ok(bytes) = FsFiles.read(&p) {
                mem.insert(p, bytes);
            }
        }
        let mut any = false;
        for c in &b.rubric().components {
            let yardstick::rubric::Method::Ballot(cfg) = &c.method else {
                continue;
            };
            let Some(path) = manifest.component_file(&c.id) else {
                continue;
            };
            let text = std::fs::read_to_string(&path).unwrap();
            let choices: Vec<String> = cfg
                .options
                .iter()
                .map(|o| o.label.clone())
                .chain(cfg.not_valid.iter().cloned())
                .collect();
            mem.insert(
                path.clone(),
                as_counts(&text, &choices, !cfg.groups.is_empty()),
            );
            any = true;
        }
        if !any {
            continue;
        }
        converted += 1;
        let counted = match Bundle::load_with(&mem, &dir) {
            Ok(b) => b.output,
            Err(e) => panic!("{} as counts: {e}", dir.display()),
        };
        assert_eq!(json_of(&counted), want, "{}", dir.display());
    }
    assert!(converted >= 25, "{converted} bundles converted");
}

#[test]
fn init_offers_a_vote_count_template() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("b");
    let options = yardstick::init::InitOptions {
        format: yardstick::init::TemplateFormat::Csv,
        ballot_counts: true,
        ..yardstick::init::InitOptions::new(2024)
    };
    yardstick::init::init(&dir, &options).unwrap();
    let header = std::fs::read_to_string(dir.join("ballot.csv")).unwrap();
    assert_eq!(
        header,
        "\u{feff}工号,优秀,称职,基本称职,不称职,弃权,不了解,空白\r\n"
    );
    // Filled with the sample's counts, and the sample's other files: scores like the sample.
    let sample = root().join("fixtures/sample");
    let counts =
        std::fs::read_to_string(root().join("fixtures/sample-counts/ballots.csv")).unwrap();
    let rows: Vec<&str> = counts.lines().skip(2).collect();
    std::fs::write(
        dir.join("ballot.csv"),
        format!(
            "{}{}\n",
            header.trim_end(),
            "\n".to_owned() + &rows.join("\n")
        ),
    )
    .unwrap();
    for (key, file) in [
        ("roster", "roster.csv"),
        ("report", "report.csv"),
        ("interview", "interviews.csv"),
        ("test", "tests.csv"),
        ("phone", "phone.csv"),
        ("visit", "visits.csv"),
        ("adjustments", "adjustments.csv"),
    ] {
        std::fs::copy(sample.join(file), dir.join(format!("{key}.csv"))).unwrap();
    }
    let mut toml = std::fs::read_to_string(dir.join("assessment.toml")).unwrap();
    toml = toml.replace("concerns", "# concerns");
    std::fs::write(dir.join("assessment.toml"), toml).unwrap();
    let filled = load(&dir);
    let want = load(&sample);
    let json = |b: &Bundle| {
        let v: serde_json::Value = serde_json::from_str(&json_of(b)).unwrap();
        v["workers"].clone()
    };
    assert_eq!(json(&filled), json(&want));
}
