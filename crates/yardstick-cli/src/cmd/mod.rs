//! The verbs: each turns its checked arguments into library calls and prints what they give.

mod audit;
mod concerns;
mod diff;
mod explain;
mod init;
mod report;
mod score;
mod validate;

use std::path::Path;

use yardstick::i18n::Lang;
use yardstick::{Bundle, Error};

use crate::args::{Args, Command, ReadArgs};
use crate::render;

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

/// Runs a parsed command in `lang`.
pub fn run(args: Args, lang: Lang) -> Result<(), Failure> {
    match args.command {
        Command::Score(a) => score::run(a, lang),
        Command::Validate(a) => validate::run(a, lang),
        Command::Explain(a) => explain::run(a, lang),
        Command::Report(a) => report::run(a, lang),
        Command::Init(a) => init::run(a, lang),
        Command::Concerns(a) => concerns::run(a, lang),
        Command::Audit(a) => audit::run(a, lang),
        Command::Diff(a) => diff::run(a, lang),
    }
}

/// Loads a bundle, printing its warnings.
fn load(path: &Path, read: &ReadArgs, lang: Lang) -> Result<Bundle, Failure> {
    let loaded = Bundle::load_with_options(&yardstick::FsFiles, path, &read.options())?;
    render::warnings(&loaded.warnings, lang);
    Ok(loaded.output)
}
