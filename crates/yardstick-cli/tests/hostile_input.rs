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
