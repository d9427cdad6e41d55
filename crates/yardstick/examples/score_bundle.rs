//! Another program embedding yardstick: load a bundle, score it, print each worker's grade
//! and the explanation of the first one.
//!
//! `cargo run -p yardstick --example score_bundle -- fixtures/sample`

use std::fmt::Write;
use std::path::Path;

use yardstick::{Bundle, Status, score};

/// Scores the bundle at `dir` and returns the report as text.
pub fn run(dir: &Path) -> Result<String, yardstick::Error> {
    let loaded = Bundle::load(dir)?;
    let result = score(&loaded.output);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}): {} workers",
        result.name,
        result.year,
        result.workers.len()
    );
    for w in &result.workers {
        let line = match w.status {
            Status::Graded => format!(
                "{} {}: {} {} (rank {})",
                w.worker_id,
                w.name,
                w.total.map_or("-".into(), |t| t.to_string()),
                w.grade.as_deref().unwrap_or("-"),
                w.rank.unwrap_or(0)
            ),
            other => format!("{} {}: {}", w.worker_id, w.name, other.as_str()),
        };
        let _ = writeln!(out, "{line}");
    }
    if let Some(first) = result.workers.first() {
        out.push_str(&yardstick::explain::render(first));
    }
    Ok(out)
}

#[allow(dead_code)]
fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fixtures/sample".to_string());
    match run(Path::new(&dir)) {
        Ok(text) => print!("{text}"),
        Err(e) => {
            for d in e.diagnostics() {
                eprintln!("{d}");
            }
            std::process::exit(1);
        }
    }
}
