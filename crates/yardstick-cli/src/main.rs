//! The `yardstick` command line: parse arguments, call the library, print.
//!
//! Exit status: 0 done; 1 the input or rubric is wrong (every error on stderr, no output file
//! written or changed) or an output could not be written; 2 the command line is wrong.

mod args;
mod cmd;
mod lang;
mod out;
mod render;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let language = lang::from_args(&argv);
    let parsed = lang::localize(args::Args::command(), language)
        .try_get_matches_from(&argv)
        .and_then(|m| args::Args::from_arg_matches(&m));
    let args = match parsed {
        Ok(a) => a,
        Err(e) => return lang::exit_for(&e, language),
    };
    match cmd::run(args, language) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => render::failure(&failure, language),
    }
}
