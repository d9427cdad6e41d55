//! What the CLI test binaries share: the workspace root and the real binary run from it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The workspace root, where README commands run.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `yardstick` binary, run from the workspace root, in English (`YARDSTICK_LANG=en`): most
/// tests read its messages in English; [`yardstick_zh`] runs it as a clerk does.
pub fn yardstick() -> Command {
    let mut c = Command::cargo_bin("yardstick").unwrap();
    c.current_dir(root()).env("YARDSTICK_LANG", "en");
    c
}

/// The `yardstick` binary as a clerk runs it: no language set, so Chinese.
#[allow(dead_code)] // Not every test binary checks the Chinese texts.
pub fn yardstick_zh() -> Command {
    let mut c = Command::cargo_bin("yardstick").unwrap();
    c.current_dir(root()).env_remove("YARDSTICK_LANG");
    c
}

/// Runs the command, asserts success and returns its standard output.
pub fn stdout(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
