//! The real `yardstick` binary on hostile input files: devices, FIFOs and folders named as
//! inputs are refused at once with a clear error (never read forever, never waited on).

mod common;

use std::path::Path;

use common::{root, stdout, yardstick};

/// A bundle in `dir` with the standard rubric, the roster `roster` (a path written into
/// `assessment.toml` as it is) and a one-row ballot file.
fn bundle(dir: &Path, roster: &str) {
    std::fs::copy(
        root().join("rubrics/community-worker.toml"),
        dir.join("rubric.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("assessment.toml"),
        format!(
            "[assessment]\nname = \"t\"\nyear = 2024\nrubric = \"rubric.toml\"\n[inputs]\nroster = \"{roster}\"\n"
        ),
    )
    .unwrap();
}

/// Runs `yardstick validate` on `dir` and returns (exit code, standard error).
fn validate(dir: &Path) -> (Option<i32>, String) {
    let out = yardstick()
        .arg("validate")
        .arg(dir)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn devices_fifos_and_folders_are_refused_as_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();

    // A device that never ends.
    bundle(dir, "/dev/zero");
    let (code, err) = validate(dir);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("/dev/zero: error: cannot read the file: it is not a regular file"),
        "{err}"
    );

    // A symbolic link to it.
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.csv")).unwrap();
    bundle(dir, "zero.csv");
    let (code, err) = validate(dir);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("it is not a regular file"), "{err}");

    // A FIFO nobody writes to: opening it would wait forever.
    let fifo = dir.join("fifo.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        bundle(dir, "fifo.csv");
        let (code, err) = validate(dir);
        assert_eq!(code, Some(1), "{err}");
        assert!(
            err.contains("fifo.csv: error: cannot read the file: it is not a regular file"),
            "{err}"
        );
    }

    // A folder.
    std::fs::create_dir(dir.join("folder.csv")).unwrap();
    bundle(dir, "folder.csv");
    let (code, err) = validate(dir);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("folder.csv: error: cannot read the file: it is a folder, not a file"),
        "{err}"
    );

    // A regular file is read.
    bundle(dir, "roster.csv");
    std::fs::write(dir.join("roster.csv"), "worker_id,name\nW1,甲\n").unwrap();
    let text = stdout(yardstick().arg("validate").arg(dir));
    assert!(text.contains("bundle is valid: 1 workers"), "{text}");

    // The rubric too (read whole).
    let toml = std::fs::read_to_string(dir.join("assessment.toml")).unwrap();
    std::fs::write(
        dir.join("assessment.toml"),
        toml.replace("rubric.toml", "/dev/zero"),
    )
    .unwrap();
    let (code, err) = validate(dir);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("it is not a regular file"), "{err}");
}

/// A bundle in `dir` whose roster is `roster.csv` with `bytes`, and whose test component is
/// `tests.xlsx` when `tests` is given.
fn bundle_with(dir: &Path, roster: &[u8], tests: Option<Vec<u8>>) {
    bundle(dir, "roster.csv");
    std::fs::write(dir.join("roster.csv"), roster).unwrap();
    if let Some(book) = tests {
        std::fs::write(dir.join("tests.xlsx"), book).unwrap();
        let toml = std::fs::read_to_string(dir.join("assessment.toml")).unwrap();
        std::fs::write(
            dir.join("assessment.toml"),
            format!("{toml}[inputs.components]\ntest = \"tests.xlsx\"\n"),
        )
        .unwrap();
    }
}

#[test]
fn a_workbook_with_a_cell_at_the_last_row_and_column_is_read_in_little_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "worker_id").unwrap();
    ws.write_string(0, 1, "score").unwrap();
    ws.write_string(1, 0, "W1").unwrap();
    ws.write_number(1, 1, 80).unwrap();
    ws.write_number(1_048_575, 16_383, 1).unwrap();
    let book = wb.save_to_buffer().unwrap();
    assert!(book.len() < 10_000);
    bundle_with(tmp.path(), "worker_id,name\nW1,甲\n".as_bytes(), Some(book));
    let (code, err) = validate(tmp.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(
            "tests.xlsx!XFD1048576: error: this row has more cells than the header has columns (2)"
        ),
        "{err}"
    );
}

#[test]
fn gbk_read_on_thin_evidence_is_said_and_encoding_overrides_it() {
    let tmp = tempfile::tempdir().unwrap();
    // "卢路" in GBK, which is also "¬·" in UTF-8.
    bundle_with(tmp.path(), b"worker_id,name\nW1,\xC2\xAC\xC2\xB7\n", None);
    let out = yardstick()
        .args(["score", "--format", "json"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("roster.csv: warning: the file's encoding is unclear: as UTF-8 it reads \"W1,¬·\", as GBK \"W1,卢路\"; it was read as GBK"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("卢路"));
    // Given, the encoding is used without a warning.
    let out = yardstick()
        .args(["score", "--format", "json", "--encoding", "utf-8"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("unclear"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("¬·"));
}
