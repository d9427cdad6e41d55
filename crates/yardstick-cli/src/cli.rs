//! Arguments and the verbs.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use yardstick::concerns::{Date, Ledger};
use yardstick::{Bundle, Error, Rubric};

use crate::render;

/// Scores the annual assessment of community workers (社区工作者年度考核).
#[derive(Debug, Parser)]
#[command(name = "yardstick", version, about, long_about = None)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score a bundle (a folder holding assessment.toml, or that file).
    Score {
        /// The bundle folder or its assessment.toml.
        bundle: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Check a bundle or a rubric file without scoring.
    Validate {
        /// A bundle folder, an assessment.toml, or a rubric .toml file.
        path: PathBuf,
    },
    /// Print every step that produced one worker's result.
    Explain {
        /// The bundle folder or its assessment.toml.
        bundle: PathBuf,
        /// The worker's worker_id.
        worker_id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
        format: ExplainFormat,
    },
    /// Write a printable, self-contained HTML report of the results (charts included).
    Report {
        /// The bundle folder or its assessment.toml.
        bundle: PathBuf,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List residents' concerns (急难愁盼): work orders per office, escalations, summary.
    Concerns {
        /// The bundle folder or its assessment.toml.
        bundle: PathBuf,
        /// The day the ledger is read on, YYYY-MM-DD [default: today in China (UTC+8)].
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// An aligned table for the terminal.
    Table,
    /// The JSON result document.
    Json,
    /// One CSV row per worker.
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExplainFormat {
    /// Sentences.
    Text,
    /// The steps as JSON data.
    Json,
}

/// Why a command failed.
pub enum Failure {
    /// The input is wrong: every diagnostic.
    Input(Error),
    /// Something else, in a sentence.
    Other(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Input(e)
    }
}

fn load(path: &Path) -> Result<Bundle, Failure> {
    let loaded = Bundle::load(path)?;
    render::warnings(&loaded.warnings);
    Ok(loaded.output)
}

/// Runs a parsed command.
pub fn run(args: Args) -> Result<(), Failure> {
    match args.command {
        Command::Score {
            bundle,
            format,
            output,
        } => {
            let b = load(&bundle)?;
            let result = yardstick::score(&b);
            let text = match format {
                Format::Table => yardstick::report::to_table(&result),
                Format::Json => {
                    let mut s = serde_json::to_string_pretty(&yardstick::report::to_json(&result))
                        .map_err(|e| Failure::Other(e.to_string()))?;
                    s.push('\n');
                    s
                }
                Format::Csv => yardstick::report::to_csv(&result),
            };
            match output {
                Some(path) => {
                    refuse_inputs(&path, &b.inputs)?;
                    write_atomically(&path, text.as_bytes())
                }
                None => print(&text),
            }
        }
        Command::Validate { path } => {
            if is_rubric(&path) {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| Failure::Other(format!("{}: cannot read: {e}", path.display())))?;
                let rubric = Rubric::from_toml(&text, &path.display().to_string())?;
                print(&format!(
                    "{}: rubric {} ({}) is valid: {} components, {} grades\n",
                    path.display(),
                    rubric.id,
                    rubric.name,
                    rubric.components.len(),
                    rubric.grades.len()
                ))
            } else {
                let b = load(&path)?;
                let rows: Vec<String> = b
                    .accounting
                    .iter()
                    .map(|a| format!("  {:<12} {:>8} rows  {}", a.input, a.rows, a.file))
                    .collect();
                print(&format!(
                    "{}: bundle is valid: {} workers, rubric {} ({})\n{}\n",
                    yardstick::input::assessment_path(&path).display(),
                    b.workers.len(),
                    b.rubric.id,
                    b.rubric.name,
                    rows.join("\n")
                ))
            }
        }
        Command::Explain {
            bundle,
            worker_id,
            format,
        } => {
            let b = load(&bundle)?;
            let result = yardstick::score(&b);
            let Some(w) = result.worker(&worker_id) else {
                return Err(Failure::Other(format!(
                    "worker_id \"{worker_id}\" is not in the roster of {}",
                    bundle.display()
                )));
            };
            match format {
                ExplainFormat::Text => print(&yardstick::explain::render(w)),
                ExplainFormat::Json => {
                    let s = serde_json::to_string_pretty(&w.trail)
                        .map_err(|e| Failure::Other(e.to_string()))?;
                    print(&(s + "\n"))
                }
            }
        }
        Command::Report { bundle, output } => {
            let b = load(&bundle)?;
            let result = yardstick::score(&b);
            let html = yardstick::html::to_html(&b.rubric, &result);
            match output {
                Some(path) => {
                    refuse_inputs(&path, &b.inputs)?;
                    write_atomically(&path, html.as_bytes())
                }
                None => print(&html),
            }
        }
        Command::Concerns {
            bundle,
            as_of,
            format,
            output,
        } => {
            let as_of = match as_of {
                Some(text) => Date::parse(&text)
                    .map_err(|e| Failure::Other(format!("--as-of {text}: {e}")))?,
                None => today_in_china()?,
            };
            let loaded = Ledger::load(&yardstick::FsFiles, &bundle)?;
            render::warnings(&loaded.warnings);
            let ledger = loaded.output;
            let report = ledger.report(as_of);
            let text = match format {
                Format::Table => report.to_text(),
                Format::Json => {
                    let mut s = serde_json::to_string_pretty(&report.to_json())
                        .map_err(|e| Failure::Other(e.to_string()))?;
                    s.push('\n');
                    s
                }
                Format::Csv => report.concerns_csv(),
            };
            match output {
                Some(path) => {
                    refuse_inputs(&path, &ledger.inputs)?;
                    write_atomically(&path, text.as_bytes())
                }
                None => print(&text),
            }
        }
    }
}

/// Today's date in China Standard Time (UTC+8), the time of the offices that use the ledger.
fn today_in_china() -> Result<Date, Failure> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| Failure::Other("the system clock is before 1970; give --as-of".into()))?
        .as_secs();
    let days = (secs + 8 * 3600) / 86_400;
    i64::try_from(days)
        .ok()
        .and_then(Date::from_days)
        .ok_or_else(|| Failure::Other("the system clock is out of range; give --as-of".into()))
}

/// A `.toml` file with a top-level `[rubric]` table is a rubric; anything else a bundle.
fn is_rubric(path: &Path) -> bool {
    path.is_file()
        && std::fs::read_to_string(path)
            .ok()
            .and_then(|t| t.parse::<toml::Table>().ok())
            .is_some_and(|t| t.contains_key("rubric") && !t.contains_key("assessment"))
}

fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Other(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}

/// Refuses an output path that is one of the bundle's input files.
fn refuse_inputs(out: &Path, inputs: &[PathBuf]) -> Result<(), Failure> {
    let Ok(out_real) = std::fs::canonicalize(out) else {
        return Ok(()); // The output does not exist yet, so it is no input.
    };
    for input in inputs {
        if std::fs::canonicalize(input).is_ok_and(|i| i == out_real) {
            return Err(Failure::Other(format!(
                "{}: refusing to write the output over an input file of the bundle",
                out.display()
            )));
        }
    }
    Ok(())
}

/// Writes a temporary file beside `path`, then renames it over `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let fail = |e: std::io::Error| Failure::Other(format!("{}: cannot write: {e}", path.display()));
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(fail)
}
