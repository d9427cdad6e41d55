//! The `yardstick` command line: parse arguments, call the library, print.
//!
//! Exit status: 0 done; 1 the input or rubric is wrong (every error on stderr, no output file
//! written or changed) or an output could not be written; 2 the command line is wrong.

mod cli;
mod render;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = <cli::Args as clap::Parser>::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            render::failure(&failure);
            ExitCode::from(1)
        }
    }
}
