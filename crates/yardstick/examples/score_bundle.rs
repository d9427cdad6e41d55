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
    let bundle = &loaded.output;
    let scored = score(bundle);
    let rubric = bundle.rubric();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}): {} workers",
        bundle.info().name,
        bundle.info().year,
        scored.len()
    );
    // Posting order: graded workers by rank, then pending, then ungraded.
    for i in scored.ranked() {
        let w = &bundle.workers()[i];
        let o = scored.outcome(i);
        let line = match o.status {
            Status::Graded => format!(
                "{} {}: {} {} (rank {})",
                w.id,
                w.name,
                o.total.map_or("-".into(), |t| t.to_string()),
                o.grade.map_or("-", |g| rubric.grade_label(g)),
                o.rank.unwrap_or(0)
            ),
            other => format!("{} {}: {}", w.id, w.name, other.as_str()),
        };
        let _ = writeln!(out, "{line}");
    }
    if !scored.is_empty() {
        out.push_str(&yardstick::explain::explain(&scored, 0).text());
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
