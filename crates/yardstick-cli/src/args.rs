//! The command line's arguments, as clap reads them (their help texts come from the message
//! catalogs, see `lang.rs`; the doc comments here are the English fallbacks).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use yardstick::i18n::Lang;
use yardstick::input::{ReadOptions, TextEncoding};

/// Scores the annual assessment of community workers (社区工作者年度考核).
#[derive(Debug, Parser)]
#[command(name = "yardstick", version, about, long_about = None)]
pub struct Args {
    /// Language of every text: zh (中文, the default) or en [env: YARDSTICK_LANG].
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Command,
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::parse(text).ok_or_else(|| {
        let lang = Lang::from_env().unwrap_or_default();
        yardstick::tr!(lang, "cli-error-lang", value = text)
    })
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score a bundle (a folder holding assessment.toml, or that file).
    Score(ScoreArgs),
    /// Check a bundle or a rubric file without scoring.
    Validate(ValidateArgs),
    /// Print every step that produced one worker's result.
    Explain(ExplainArgs),
    /// Write a printable, self-contained HTML report of the results (charts included).
    Report(ReportArgs),
    /// Make a ready-to-fill bundle: assessment.toml, the rubric and one template per input.
    Init(InitArgs),
    /// List residents' concerns (急难愁盼): work orders per office, escalations, summary.
    Concerns(ConcernsArgs),
}

/// `yardstick score`.
#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// The bundle folder or its assessment.toml.
    pub bundle: PathBuf,
    /// Output format (xlsx needs -o) [default: from the extension of -o, else table].
    #[arg(long, value_enum)]
    pub format: Option<ScoreFormat>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// `yardstick validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// A bundle folder, an assessment.toml, or a rubric .toml file.
    pub path: PathBuf,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// `yardstick explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The bundle folder or its assessment.toml.
    pub bundle: PathBuf,
    /// The worker's worker_id.
    pub worker_id: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// `yardstick report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The bundle folder or its assessment.toml.
    pub bundle: PathBuf,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// `yardstick init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The new bundle's folder (must not exist, or be empty).
    pub dir: PathBuf,
    /// The rubric to copy into the bundle [default: the standard community-worker rubric].
    #[arg(long, value_name = "RUBRIC")]
    pub rubric: Option<PathBuf>,
    /// CSV templates (UTF-8 with a byte-order mark) instead of .xlsx workbooks.
    #[arg(long)]
    pub csv: bool,
    /// The year assessed [default: the year just ended from January to June, else this year].
    #[arg(long)]
    pub year: Option<i32>,
    /// The assessment's name [default: the rubric's name and the year].
    #[arg(long)]
    pub name: Option<String>,
    /// 民主测评 as a vote-count sheet (测评汇总表: one row per worker, the ballots for each
    /// choice counted) instead of one row per ballot sheet.
    #[arg(long)]
    pub counts: bool,
}

/// `yardstick concerns`.
#[derive(Debug, clap::Args)]
pub struct ConcernsArgs {
    /// The bundle folder or its assessment.toml.
    pub bundle: PathBuf,
    /// The day the ledger is read on, YYYY-MM-DD [default: today in China (UTC+8)].
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Output format [default: from the extension of -o, else table].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// How the bundle's files are read.
#[derive(Debug, clap::Args)]
pub struct ReadArgs {
    /// Text encoding of CSV files [default: auto: UTF-8 when the file is valid UTF-8 and does
    /// not read better as GBK, else GB18030/GBK as Chinese Excel saves "CSV"; a warning names a
    /// file decided on thin evidence]. Workbooks (.xlsx) carry their own.
    #[arg(long, value_enum, value_name = "ENCODING")]
    encoding: Option<Encoding>,
}

impl ReadArgs {
    /// The library's reading options.
    pub fn options(&self) -> ReadOptions {
        ReadOptions {
            encoding: match self.encoding {
                None => TextEncoding::Auto,
                Some(Encoding::Utf8) => TextEncoding::Utf8,
                Some(Encoding::Gbk | Encoding::Gb18030) => TextEncoding::Gb18030,
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GBK (read as GB18030, which contains it).
    Gbk,
    /// GB18030.
    Gb18030,
}

/// What `score` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    /// An aligned table for the terminal.
    Table,
    /// The JSON result document.
    Json,
    /// One CSV row per worker.
    Csv,
    /// A workbook: 公示 (for the notice board), details, quota and data accounting sheets.
    Xlsx,
}

/// What `concerns` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table for the terminal.
    Table,
    /// The JSON result document.
    Json,
    /// One CSV row per worker.
    Csv,
}

/// What `explain` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// Sentences.
    Text,
    /// The steps as JSON data.
    Json,
}
