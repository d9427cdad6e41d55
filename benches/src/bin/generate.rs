//! Writes a realistic assessment bundle for the standard rubric (or, with `--rubric grid`, for
//! grid workers and `rubrics/grid-worker.toml`), deterministically from a seed.
//!
//! ```text
//! generate OUT_DIR [--scale district|city|province | --workers N] [--seed S] [--density D] [--rubric community|grid]
//! ```
//!
//! `--density 2` doubles the rows per worker (electorates, panels, interviewers, calls and
//! visits), for checking that memory grows with workers, not with rows.

use std::path::PathBuf;
use std::process::ExitCode;

use yardstick_benches::{DEFAULT_SEED, Population, Scale, Spec, generate};

const USAGE: &str = "usage: generate OUT_DIR [--scale district|city|province | --workers N] [--seed S] [--density D] [--rubric community|grid]";

fn parse() -> Result<(PathBuf, Spec), String> {
    let mut args = std::env::args().skip(1);
    let mut out = None;
    let mut spec = Spec::at(Scale::District, DEFAULT_SEED);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--scale" => {
                let v = value("--scale")?;
                spec.workers = Scale::parse(&v)
                    .ok_or(format!("unknown scale \"{v}\""))?
                    .workers();
            }
            "--workers" => {
                spec.workers = value("--workers")?
                    .parse()
                    .map_err(|_| "--workers needs a whole number".to_string())?
            }
            "--seed" => {
                spec.seed = value("--seed")?
                    .parse()
                    .map_err(|_| "--seed needs a whole number".to_string())?
            }
            "--density" => {
                spec.density = value("--density")?
                    .parse()
                    .map_err(|_| "--density needs a whole number".to_string())?
            }
            "--rubric" => {
                let v = value("--rubric")?;
                spec.population = Population::parse(&v).ok_or(format!(
                    "unknown rubric \"{v}\"; expected community or grid"
                ))?;
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            _ if out.is_none() && !a.starts_with('-') => out = Some(PathBuf::from(a)),
            _ => return Err(format!("unexpected argument \"{a}\"\n{USAGE}")),
        }
    }
    Ok((out.ok_or(USAGE.to_string())?, spec))
}

fn main() -> ExitCode {
    let (dir, spec) = match parse() {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match generate(&dir, &spec) {
        Ok(stats) => {
            for f in &stats.files {
                println!("{:<16} {:>10} rows {:>12} bytes", f.name, f.rows, f.bytes);
            }
            println!(
                "{} workers, {} rows ({:.1} per worker), {} bytes in {}",
                stats.workers,
                stats.rows(),
                stats.rows() as f64 / stats.workers as f64,
                stats.bytes(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write the bundle in {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
