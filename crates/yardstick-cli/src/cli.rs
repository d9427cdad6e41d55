//! Arguments and the verbs.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use yardstick::concerns::{Date, Ledger};
use yardstick::i18n::Lang;
use yardstick::input::{ReadOptions, TextEncoding};
use yardstick::{Bundle, Error, Rubric};

use crate::render;

/// Scores the annual assessment of community workers (社区工作者年度考核).
#[derive(Debug, Parser)]
#[command(name = "yardstick", version, about, long_about = None)]
pub struct Args {
    /// Language of every text: zh (中文, the default) or en [env: YARDSTICK_LANG].
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::parse(text).ok_or_else(|| {
        let lang = Lang::from_env().unwrap_or_default();
        yardstick::tr!(lang, "cli-error-lang", value = text)
    })
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score a bundle (a folder holding assessment.toml, or that file).
    Score {
        /// The bundle folder or its assessment.toml.
        bundle: PathBuf,
        /// Output format (xlsx needs -o).
        #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
        format: ScoreFormat,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Check a bundle or a rubric file without scoring.
    Validate {
        /// A bundle folder, an assessment.toml, or a rubric .toml file.
        path: PathBuf,
        #[command(flatten)]
        read: ReadArgs,
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
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Write a printable, self-contained HTML report of the results (charts included).
    Report {
        /// The bundle folder or its assessment.toml.
        bundle: PathBuf,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Make a ready-to-fill bundle: assessment.toml, the rubric and one template per input.
    Init {
        /// The new bundle's folder (must not exist, or be empty).
        dir: PathBuf,
        /// The rubric to copy into the bundle [default: the standard community-worker rubric].
        #[arg(long, value_name = "RUBRIC")]
        rubric: Option<PathBuf>,
        /// CSV templates (UTF-8 with a byte-order mark) instead of .xlsx workbooks.
        #[arg(long)]
        csv: bool,
        /// The year assessed [default: the year just ended from January to June, else this year].
        #[arg(long)]
        year: Option<i32>,
        /// The assessment's name [default: the rubric's name and the year].
        #[arg(long)]
        name: Option<String>,
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
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Fairness audit: rater agreement, rater leniency, grade margins and suspicious ballot
    /// sheets (changes no score).
    Audit {
        /// The bundle folder or its assessment.toml.
        bundle: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AuditFormat::Table)]
        format: AuditFormat,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
    },
}

/// How the bundle's files are read.
#[derive(Debug, clap::Args)]
struct ReadArgs {
    /// Text encoding of CSV files [default: auto: UTF-8 when the file is valid UTF-8, else
    /// GB18030/GBK as Chinese Excel saves "CSV"]. Workbooks (.xlsx) carry their own.
    #[arg(long, value_enum, value_name = "ENCODING")]
    encoding: Option<Encoding>,
}

impl ReadArgs {
    fn options(&self) -> ReadOptions {
        ReadOptions {
            encoding: match self.encoding {
                None => TextEncoding::Auto,
                Some(Encoding::Utf8) => TextEncoding::Utf8,
                Some(Encoding::Gbk | Encoding::Gb18030) => TextEncoding::Gb18030,
            },
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GBK (read as GB18030, which contains it).
    Gbk,
    /// GB18030.
    Gb18030,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ScoreFormat {
    /// An aligned table for the terminal.
    Table,
    /// The JSON result document.
    Json,
    /// One CSV row per worker.
    Csv,
    /// A workbook: 公示 (for the notice board), details, quota and data accounting sheets.
    Xlsx,
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
enum AuditFormat {
    /// An aligned table for the terminal.
    Table,
    /// The JSON audit document.
    Json,
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
    /// The command line is wrong (exit status 2), in words.
    Usage(String),
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

fn load(path: &Path, read: &ReadArgs) -> Result<Bundle, Failure> {
    let loaded = Bundle::load_with_options(&yardstick::FsFiles, path, &read.options())?;
    render::warnings(&loaded.warnings);
    Ok(loaded.output)
}

/// Runs a parsed command.
pub fn run(args: Args) -> Result<(), Failure> {
    let lang = args.lang.or_else(Lang::from_env).unwrap_or_default();
    match args.command {
        Command::Score {
            bundle,
            format,
            output,
            read,
        } => {
            if matches!(format, ScoreFormat::Xlsx) && output.is_none() {
                // A command-line error (exit status 2): a workbook is not for a terminal.
                return Err(Failure::Usage(yardstick::tr!(
                    lang,
                    "cli-error-xlsx-needs-output"
                )));
            }
            let b = load(&bundle, &read)?;
            let scored = yardstick::score(&b).with_lang(lang);
            if let ScoreFormat::Xlsx = format {
                let bytes = yardstick::report::xlsx::to_xlsx(&scored)
                    .map_err(|e| Failure::Other(format!("cannot make the workbook: {e}")))?;
                return match output {
                    Some(path) => write_output(&path, b.inputs(), |w| w.write_all(&bytes)),
                    None => print_bytes(&bytes),
                };
            }
            // Streamed: a province's results are never all in memory at once.
            let write = |w: &mut dyn Write| match format {
                ScoreFormat::Table => yardstick::report::table::write(&scored, w),
                ScoreFormat::Csv => yardstick::report::csv::write(&scored, w),
                _ => {
                    yardstick::report::json::write(&scored, w)?;
                    w.write_all(b"\n")
                }
            };
            match output {
                Some(path) => write_output(&path, b.inputs(), write),
                None => print_with(write),
            }
        }
        Command::Validate { path, read } => {
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
                let checked = yardstick::validate(&yardstick::FsFiles, &path, &read.options())?;
                render::warnings(&checked.warnings);
                let s = checked.output;
                let mut rows: Vec<String> = s
                    .accounting
                    .iter()
                    .map(|a| format!("  {:<12} {:>8} rows  {}", a.input, a.rows, a.file))
                    .collect();
                if let Some(c) = &s.concerns {
                    let years: Vec<String> = c.calendar_years.iter().map(i32::to_string).collect();
                    rows.push(format!(
                        "  {:<12} {:>8} concerns, routed by {}, working days of {}",
                        "concerns",
                        c.concerns,
                        c.routing,
                        years.join(", ")
                    ));
                }
                print(&format!(
                    "{}: bundle is valid: {} workers, rubric {} ({})\n{}\n",
                    s.path.display(),
                    s.workers,
                    s.rubric_id,
                    s.rubric_name,
                    rows.join("\n")
                ))
            }
        }
        Command::Explain {
            bundle,
            worker_id,
            format,
            read,
        } => {
            let b = load(&bundle, &read)?;
            let Some(i) = b.worker_index(&worker_id) else {
                return Err(Failure::Other(format!(
                    "worker_id \"{worker_id}\" is not in the roster of {}",
                    bundle.display()
                )));
            };
            let explanation = yardstick::explain::explain(&yardstick::score(&b).with_lang(lang), i);
            match format {
                ExplainFormat::Text => print(&explanation.text()),
                ExplainFormat::Json => print_with(|w| {
                    explanation.write_json(w)?;
                    w.write_all(b"\n")
                }),
            }
        }
        Command::Report {
            bundle,
            output,
            read,
        } => {
            let b = load(&bundle, &read)?;
            let scored = yardstick::score(&b).with_lang(lang);
            // Streamed: the workers' rows are written block by block.
            let write = |w: &mut dyn Write| yardstick::html::write(&scored, w);
            match output {
                Some(path) => write_output(&path, b.inputs(), write),
                None => print_with(write),
            }
        }
        Command::Audit {
            bundle,
            format,
            output,
            read,
        } => {
            let b = load(&bundle, &read)?;
            let scored = yardstick::score(&b).with_lang(lang);
            let audit = yardstick::audit::audit(&scored, &yardstick::FsFiles, &read.options())?;
            let write = |w: &mut dyn Write| match format {
                AuditFormat::Table => audit.write_table(w),
                AuditFormat::Json => audit.write_json(w),
            };
            match output {
                Some(path) => write_output(&path, b.inputs(), write),
                None => print_with(write),
            }
        }
        Command::Init {
            dir,
            rubric,
            csv,
            year,
            name,
        } => {
            let year = match year {
                Some(y) => y,
                None => {
                    let today = today_in_china()?;
                    if today.month() <= 6 {
                        today.year() - 1
                    } else {
                        today.year()
                    }
                }
            };
            let options = yardstick::init::InitOptions {
                rubric,
                format: if csv {
                    yardstick::init::TemplateFormat::Csv
                } else {
                    yardstick::init::TemplateFormat::Workbook
                },
                name,
                year,
            };
            let written = match yardstick::init::init(&dir, &options) {
                Ok(w) => w,
                Err(yardstick::init::InitError::Rubric(e)) => return Err(Failure::Input(e)),
                Err(e) => return Err(Failure::Other(e.to_string())),
            };
            let list: Vec<String> = written
                .iter()
                .map(|p| format!("  {}", p.display()))
                .collect();
            print(&format!(
                "{}: a new bundle for {year}; fill in the templates, then run `yardstick validate {}`\n{}\n",
                dir.display(),
                dir.display(),
                list.join("\n")
            ))
        }
        Command::Concerns {
            bundle,
            as_of,
            format,
            output,
            read,
        } => {
            let as_of = match as_of {
                Some(text) => Date::parse(&text)
                    .map_err(|e| Failure::Other(format!("--as-of {text}: {}", e.reason())))?,
                None => today_in_china()?,
            };
            let loaded = Ledger::load_with_options(
                &yardstick::FsFiles,
                &bundle,
                yardstick::concerns::Calendar::shipped(),
                &read.options(),
            )?;
            render::warnings(&loaded.warnings);
            let ledger = loaded.output;
            // A day in a year without a holiday notice: the working days left cannot be told.
            let report = ledger
                .report(as_of)
                .map_err(|e| Failure::Other(format!("--as-of {as_of}: {e}")))?;
            // Streamed to the output: the report is never a whole string in memory.
            let write = |w: &mut dyn Write| match format {
                Format::Table => report.write_text(w),
                Format::Json => report.write_json(w),
                Format::Csv => report.write_csv(w),
            };
            match output {
                Some(path) => write_output(&path, &ledger.inputs, write),
                None => print_with(write),
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

/// A file other than `assessment.toml` whose text reads as a rubric, even a broken one, is a
/// rubric; anything else a bundle.
fn is_rubric(path: &Path) -> bool {
    path.is_file()
        && path.file_name().is_none_or(|n| n != "assessment.toml")
        && std::fs::read(path)
            .is_ok_and(|b| yardstick::rubric::looks_like_rubric(&String::from_utf8_lossy(&b)))
}

fn print(text: &str) -> Result<(), Failure> {
    // Control characters from the input (an escape sequence in a name) are shown escaped.
    print_bytes(yardstick::show::printable_lines(text).as_bytes())
}

fn print_bytes(bytes: &[u8]) -> Result<(), Failure> {
    print_with(|out| out.write_all(bytes))
}

/// Writes to standard output through a buffer, as `write` goes.
fn print_with(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Failure> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut out).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Other(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}

/// Writes an output file through the library's guard (never over an input, only to a regular
/// file or a new path, atomically; see `yardstick::output`).
fn write_output(
    path: &Path,
    inputs: &[PathBuf],
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    yardstick::output::write_output(path, inputs, write).map_err(|e| {
        let hint = if e.is_not_a_file() {
            "; to print, leave out -o"
        } else {
            ""
        };
        Failure::Other(format!("{e}{hint}"))
    })
}
