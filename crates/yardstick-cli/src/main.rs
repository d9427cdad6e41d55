//! The `yardstick` command line: parse arguments, call the library, print.
//!
//! Exit status: 0 done; 1 the input or rubric is wrong (every error on stderr, no output file
//! written or changed) or an output could not be written; 2 the command line is wrong.

mod cli;
mod lang;
mod render;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let language = lang::from_args(&argv);
    let command = lang::localize(cli::Args::command(), language);
    let parsed = command
        .try_get_matches_from(&argv)
        .and_then(|m| cli::Args::from_arg_matches(&m));
    let args = match parsed {
        Ok(a) => a,
        Err(e) => {
            use clap::error::ErrorKind;
            return match e.kind() {
                // --help and --version: what was asked for, on standard output.
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    ExitCode::SUCCESS
                }
                _ => {
                    eprintln!("{}", lang::error_text(&e, language));
                    ExitCode::from(2)
                }
            };
        }
    };
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(cli::Failure::Usage(text)) => {
            eprintln!("{text}\n\n{}", yardstick::tr!(language, "cli-error-help"));
            ExitCode::from(2)
        }
        Err(failure) => {
            render::failure(&failure);
            ExitCode::from(1)
        }
    }
}
