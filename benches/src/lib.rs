//! Benchmarks of yardstick. The benches live in `benches/`; this library only locates the
//! bundles they measure.

use std::path::PathBuf;

/// The sample bundle shipped in `fixtures/sample`.
pub fn sample_bundle() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/sample")
}
