//! What `-o` will and won't touch, with the real binary (issue #10, classes 1–4, and the
//! misleading messages of #22): never an input of the bundle, only a regular file or a new
//! path, through an exclusively created temporary file, keeping permissions, and nothing left
//! behind on failure. `docs/security.md` names these tests.

mod common;

use std::path::{Path, PathBuf};

use common::{root, stdout, yardstick};

/// A copy of `fixtures/sample` with its rubric and a routing table inside, so that a broken
/// guard harms a copy.
fn sample_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let src = root().join("fixtures/sample");
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    for (from, to) in [
        ("rubrics/community-worker.toml", "rubric.toml"),
        ("rubrics/routing.toml", "routing.toml"),
    ] {
        std::fs::copy(root().join(from), tmp.path().join(to)).unwrap();
    }
    let toml = tmp.path().join("assessment.toml");
    let text = std::fs::read_to_string(&toml).unwrap().replace(
        "\"../../rubrics/community-worker.toml\"",
        "\"rubric.toml\"\nrouting = \"routing.toml\"",
    );
    std::fs::write(&toml, text).unwrap();
    tmp
}

/// Every verb with `-o`, as arguments before the bundle's path.
const VERBS: [&[&str]; 8] = [
    &["score", "--format", "table"],
    &["score", "--format", "csv"],
    &["score", "--format", "json"],
    &["score", "--format", "xlsx"],
    &["report"],
    &["concerns", "--as-of", "2025-01-10", "--format", "csv"],
    &["audit", "--format", "table"],
    &["audit", "--format", "json"],
];

/// Runs `verb` on `bundle` with `-o out`; returns the exit code and standard error.
fn run_to(verb: &[&str], bundle: &Path, out: &Path) -> (Option<i32>, String) {
    let o = yardstick()
        .args(&verb[..1])
        .arg(bundle)
        .args(&verb[1..])
        .arg("-o")
        .arg(out)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// The files of the sample bundle that scoring reads (`Bundle::inputs`).
const SCORED: [&str; 12] = [
    "assessment.toml",
    "rubric.toml",
    "roster.csv",
    "report.csv",
    "ballots.csv",
    "interviews.csv",
    "tests.csv",
    "phone.csv",
    "visits.csv",
    "adjustments.csv",
    "concerns.csv",
    "concern_updates.csv",
];

/// The files of the sample bundle that the concerns ledger reads (`Ledger::inputs`).
const LEDGER: [&str; 8] = [
    "assessment.toml",
    "rubric.toml",
    "routing.toml",
    "roster.csv",
    "phone.csv",
    "visits.csv",
    "concerns.csv",
    "concern_updates.csv",
];

/// Runs `verb` with `-o` at each of `files` of a copy of the sample, and checks that each is
/// refused and left as it was, and that nothing is left behind.
fn refuses_each(verbs: &[&[&str]], files: &[&str]) {
    let b = sample_copy();
    let before: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(b.path().join(f)).unwrap())
        .collect();
    let listed = entries(b.path());
    for verb in verbs {
        for f in files {
            let (code, err) = run_to(verb, b.path(), &b.path().join(f));
            assert_eq!(code, Some(1), "{verb:?} -o {f}: {err}");
            assert!(
                err.contains("refusing to write the output over an input file"),
                "{verb:?} -o {f}: {err}"
            );
        }
    }
    for (f, bytes) in files.iter().zip(&before) {
        assert_eq!(&std::fs::read(b.path().join(f)).unwrap(), bytes, "{f}");
    }
    assert_eq!(entries(b.path()), listed, "no temporary file left behind");
}

// Class 1: `-o` never writes over an input.

#[test]
fn every_verb_refuses_every_input_of_the_bundle() {
    refuses_each(&VERBS[..5], &SCORED);
    refuses_each(&VERBS[5..], &LEDGER);
    // audit reads what score reads.
    refuses_each(&VERBS[6..], &SCORED);
}

/// `Bundle::inputs` does not list the routing table (nor its calendar files) yet, so
/// `score -o routing.toml` replaces it; the lists are completed under issue #10, class 1.
#[test]
fn score_and_report_refuse_the_routing_table() {
    refuses_each(&VERBS[..5], &["routing.toml"]);
}

/// `Ledger::inputs` lists only the files the ledger reads (phone and visit components), so
/// `concerns -o ballots.csv` replaces a component file of the bundle; the lists are completed
/// under issue #10, class 1.
#[test]
fn concerns_refuses_the_files_only_scoring_reads() {
    refuses_each(
        &VERBS[5..],
        &[
            "report.csv",
            "ballots.csv",
            "interviews.csv",
            "tests.csv",
            "adjustments.csv",
        ],
    );
}

#[test]
fn an_input_is_refused_by_another_spelling() {
    let b = sample_copy();
    let sub = b.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let spellings = [
        b.path().join("./phone.csv"),
        b.path().join("sub/../phone.csv"),
    ];
    for verb in [VERBS[1], VERBS[5]] {
        for out in &spellings {
            let (code, err) = run_to(verb, b.path(), out);
            assert_eq!(code, Some(1), "{verb:?} -o {}: {err}", out.display());
            assert!(err.contains("refusing to write"), "{err}");
        }
    }
    // From inside the bundle, by a relative name.
    let o = yardstick()
        .current_dir(b.path())
        .args(["concerns", ".", "--as-of", "2025-01-10", "-o", "visits.csv"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("refusing to write"));
}

#[cfg(unix)]
#[test]
fn an_input_is_refused_through_a_hard_link_or_a_symbolic_link() {
    let b = sample_copy();
    let roster = b.path().join("roster.csv");
    let before = std::fs::read(&roster).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let hard = elsewhere.path().join("hard.csv");
    std::fs::hard_link(&roster, &hard).unwrap();
    let soft = elsewhere.path().join("soft.csv");
    std::os::unix::fs::symlink(&roster, &soft).unwrap();
    for verb in VERBS {
        for out in [&hard, &soft] {
            let (code, err) = run_to(verb, b.path(), out);
            assert_eq!(code, Some(1), "{verb:?} -o {}: {err}", out.display());
            assert!(err.contains("refusing to write"), "{err}");
        }
    }
    assert_eq!(std::fs::read(&roster).unwrap(), before);
    assert!(std::fs::symlink_metadata(&soft).unwrap().is_symlink());
}

// Class 2: only a regular file or a new path.

/// A character device to write at: a private copy of `/dev/null` where it can be made (as
/// root, who could also replace `/dev/null` itself if the guard failed: an old build did), else
/// `/dev/null` (whose folder others cannot write, so a failed guard cannot replace it).
#[cfg(unix)]
fn a_device(dir: &Path) -> PathBuf {
    let private = dir.join("null");
    let made = std::process::Command::new("mknod")
        .arg(&private)
        .args(["c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        private
    } else {
        PathBuf::from("/dev/null")
    }
}

#[cfg(unix)]
#[test]
fn a_device_is_refused_and_stays_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let b = sample_copy();
    let devices = tempfile::tempdir().unwrap();
    let device = a_device(devices.path());
    for verb in VERBS {
        let (code, err) = run_to(verb, b.path(), &device);
        assert_eq!(code, Some(1), "{verb:?}: {err}");
        assert!(
            err.contains("is a character device, not a regular file"),
            "{err}"
        );
        assert!(err.contains("to print, leave out -o"), "{err}");
    }
    let t = std::fs::symlink_metadata(&device).unwrap().file_type();
    assert!(t.is_char_device());
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    use std::os::unix::fs::FileTypeExt;
    let b = sample_copy();
    let fifo = b.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for verb in VERBS {
        // run_to has a timeout: opening the FIFO to write would block with no reader.
        let (code, err) = run_to(verb, b.path(), &fifo);
        assert_eq!(code, Some(1), "{verb:?}: {err}");
        assert!(err.contains("is a FIFO (named pipe)"), "{err}");
    }
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_link_to_standard_output_is_refused() {
    let b = sample_copy();
    let link = b.path().join("stdout.csv");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
    for verb in VERBS {
        let (code, err) = run_to(verb, b.path(), &link);
        assert_eq!(code, Some(1), "{verb:?}: {err}");
        assert!(err.contains("is a symbolic link"), "{err}");
        assert!(err.contains("to print, leave out -o"), "{err}");
    }
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        Path::new("/proc/self/fd/1")
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_a_regular_file_is_refused_and_both_are_kept() {
    let b = sample_copy();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("last-year.csv");
    std::fs::write(&target, "keep\n").unwrap();
    let link = out.path().join("results.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let (code, err) = run_to(VERBS[1], b.path(), &link);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("an output is never written through a link"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep\n");
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(entries(out.path()), ["last-year.csv", "results.csv"]);
}

#[test]
fn a_folder_is_called_a_folder() {
    let b = sample_copy();
    let out = tempfile::tempdir().unwrap();
    let slash = format!("{}/", out.path().display());
    for path in [slash.as_str(), &out.path().display().to_string()] {
        for verb in VERBS {
            let (code, err) = run_to(verb, b.path(), Path::new(path));
            assert_eq!(code, Some(1), "{verb:?} -o {path}: {err}");
            assert!(err.contains("names a folder, not a file"), "{err}");
            assert!(err.contains("give a file name"), "{err}");
            assert!(!err.contains("Not a directory"), "{err}");
        }
    }
    // A new name ending with a slash is a folder too.
    let new = format!("{}/new/", out.path().display());
    let (code, err) = run_to(VERBS[1], b.path(), Path::new(&new));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("names a folder, not a file"), "{err}");
    assert!(entries(out.path()).is_empty());
}

#[test]
fn a_dash_is_not_standard_output_and_writes_no_file() {
    let b = sample_copy();
    let o = yardstick()
        .current_dir(b.path())
        .args(["score", ".", "--format", "csv", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("leave out -o"), "{err}");
    assert!(err.contains("./-"), "{err}");
    assert!(!b.path().join("-").exists());
    // A file named "-" is written when asked for as ./-.
    stdout(
        yardstick()
            .current_dir(b.path())
            .args(["score", ".", "--format", "csv", "-o", "./-"]),
    );
    assert!(b.path().join("-").is_file());
}

#[test]
fn a_missing_folder_is_named() {
    let b = sample_copy();
    let out = b.path().join("no/such/results.csv");
    let (code, err) = run_to(VERBS[1], b.path(), &out);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("is not an existing folder"), "{err}");
}

// Class 3: the temporary file is created exclusively, under a random name.

/// The old temporary name was `.NAME.PID.tmp`, created by a plain create that followed a link
/// planted there. `exec` keeps the shell's process id, so the link is planted at the name the
/// old code would have used.
#[cfg(unix)]
#[test]
fn a_link_planted_at_the_old_temporary_name_is_not_followed() {
    let b = sample_copy();
    let out = tempfile::tempdir().unwrap();
    let victim = out.path().join("victim.txt");
    std::fs::write(&victim, "keep\n").unwrap();
    let o = std::process::Command::new("sh")
        .current_dir(out.path())
        .arg("-c")
        .arg(r#"ln -s victim.txt ".results.csv.$$.tmp" && exec "$0" score "$1" --format csv -o results.csv"#)
        .arg(env!("CARGO_BIN_EXE_yardstick"))
        .arg(b.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep\n");
    let results = out.path().join("results.csv");
    assert!(std::fs::symlink_metadata(&results).unwrap().is_file());
    let names = entries(out.path());
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(
        names
            .iter()
            .any(|n| n.starts_with(".results.csv.") && n.ends_with(".tmp"))
    );
}

// Class 4: permissions, and nothing left behind.

#[cfg(unix)]
#[test]
fn an_output_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let b = sample_copy();
    let out = tempfile::tempdir().unwrap();
    for (verb, name) in [
        (VERBS[1], "r.csv"),
        (VERBS[4], "r.html"),
        (VERBS[5], "c.csv"),
    ] {
        let path = out.path().join(name);
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let (code, err) = run_to(verb, b.path(), &path);
        assert_eq!(code, Some(0), "{verb:?}: {err}");
        let m = std::fs::metadata(&path).unwrap();
        assert_eq!(m.permissions().mode() & 0o7777, 0o640, "{verb:?}");
        assert_ne!(std::fs::read(&path).unwrap(), b"old");
    }
}

#[test]
fn a_read_only_output_is_refused_and_kept() {
    let b = sample_copy();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("results.csv");
    std::fs::write(&path, "old").unwrap();
    let mut p = std::fs::metadata(&path).unwrap().permissions();
    p.set_readonly(true);
    std::fs::set_permissions(&path, p).unwrap();
    for verb in VERBS {
        let (code, err) = run_to(verb, b.path(), &path);
        assert_eq!(code, Some(1), "{verb:?}: {err}");
        assert!(err.contains("the file is read-only"), "{err}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), b"old");
    assert!(std::fs::metadata(&path).unwrap().permissions().readonly());
    assert_eq!(entries(out.path()), ["results.csv"]);
}

/// Runs the binary with file writes limited to one block (`ulimit -f 1`, SIGXFSZ ignored so
/// that a write past the limit fails with EFBIG instead of killing the process).
#[cfg(unix)]
fn with_tiny_file_limit(dir: &Path, args: &[std::ffi::OsString]) -> std::process::Output {
    std::process::Command::new("sh")
        .current_dir(dir)
        .env("YARDSTICK_LANG", "en")
        .arg("-c")
        .arg(r#"trap "" XFSZ; ulimit -f 1 && exec "$0" "$@""#)
        .arg(env!("CARGO_BIN_EXE_yardstick"))
        .args(args)
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_failed_write_leaves_the_old_output_and_no_temporary_file() {
    let b = sample_copy();
    let out = tempfile::tempdir().unwrap();
    for (verb, name) in [
        (VERBS[1], "r.csv"),
        (VERBS[2], "r.json"),
        (VERBS[3], "r.xlsx"),
        (VERBS[4], "r.html"),
        (VERBS[5], "c.csv"),
    ] {
        let path = out.path().join(name);
        std::fs::write(&path, "old").unwrap();
        let mut args: Vec<std::ffi::OsString> = vec![verb[0].into(), b.path().into()];
        args.extend(verb[1..].iter().map(|&a| a.into()));
        args.extend(["-o".into(), path.clone().into()]);
        let o = with_tiny_file_limit(out.path(), &args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{verb:?}: {err}");
        assert!(err.contains("cannot write"), "{verb:?}: {err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"old", "{verb:?}");
    }
    assert_eq!(
        entries(out.path()),
        ["c.csv", "r.csv", "r.html", "r.json", "r.xlsx"]
    );
}

#[test]
fn a_new_output_is_written_whole_and_alone() {
    let b = sample_copy();
    let out = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = ["r.csv", "r.json", "r.xlsx", "r.html", "c.csv"]
        .iter()
        .map(|n| out.path().join(n))
        .collect();
    for (verb, path) in [VERBS[1], VERBS[2], VERBS[3], VERBS[4], VERBS[5]]
        .into_iter()
        .zip(&files)
    {
        let (code, err) = run_to(verb, b.path(), path);
        assert_eq!(code, Some(0), "{verb:?}: {err}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files[1]).unwrap()).unwrap();
    assert!(json["workers"].is_array());
    assert!(std::fs::read(&files[2]).unwrap().starts_with(b"PK\x03\x04"));
    assert!(
        std::fs::read_to_string(&files[3])
            .unwrap()
            .trim_end()
            .ends_with("</html>")
    );
    assert_eq!(
        entries(out.path()),
        ["c.csv", "r.csv", "r.html", "r.json", "r.xlsx"]
    );
}

// Class 4: `init` is all or nothing.

#[test]
fn init_on_a_file_says_it_is_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bundle");
    std::fs::write(&file, "keep").unwrap();
    let o = yardstick().arg("init").arg(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is a file, not a folder"), "{err}");
    assert!(!err.contains("not empty"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), b"keep");
    assert_eq!(entries(tmp.path()), ["bundle"]);
}

/// A write fails after some files of the bundle were written (`ulimit -f 1`: the rubric and
/// the templates are larger than one block): nothing is left, neither the files, the
/// temporary folder, nor the parent folders made for the bundle; an empty folder stays empty.
#[cfg(unix)]
#[test]
fn a_failed_init_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for format in [None, Some("--csv")] {
        for dir in [tmp.path().join("a/b/new"), empty.clone()] {
            let mut args: Vec<std::ffi::OsString> = vec![
                "init".into(),
                dir.clone().into(),
                "--year".into(),
                "2024".into(),
            ];
            args.extend(format.map(Into::into));
            let o = with_tiny_file_limit(tmp.path(), &args);
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(
                o.status.code(),
                Some(1),
                "{format:?} {}: {err}",
                dir.display()
            );
            assert!(err.contains("File too large"), "{err}");
            assert_eq!(
                entries(tmp.path()),
                ["empty"],
                "{format:?} {}",
                dir.display()
            );
            assert!(entries(&empty).is_empty(), "{format:?} {}", dir.display());
        }
    }
    // Without the limit, the same commands make whole bundles.
    for dir in [tmp.path().join("a/b/new"), empty.clone()] {
        stdout(
            yardstick()
                .arg("init")
                .arg(&dir)
                .args(["--year", "2024", "--csv"]),
        );
        assert!(dir.join("说明.txt").is_file());
        assert!(!entries(&dir).iter().any(|n| n.starts_with('.')));
    }
}

// #22: a date that does not exist says so.

#[test]
fn an_as_of_date_that_does_not_exist_says_why() {
    for (date, why) in [
        (
            "2024-02-30",
            "the date does not exist: February 2024 has 29 days",
        ),
        (
            "2025-02-29",
            "the date does not exist: February 2025 has 28 days",
        ),
        (
            "2024-04-31",
            "the date does not exist: April 2024 has 30 days",
        ),
        (
            "2024-13-01",
            "the date does not exist: there is no month 13",
        ),
        ("2024-2-3", "not a date in the form YYYY-MM-DD"),
    ] {
        let o = yardstick()
            .args(["concerns", "fixtures/sample", "--as-of", date])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{date}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(&format!("--as-of {date}: {why}")), "{err}");
    }
}
