//! Times the phases of scoring a bundle in this process, next to the parse floor.
//!
//! ```text
//! measure floor DIR      # the csv crate reading every record of every CSV file
//! measure phases DIR     # load, score, JSON: each timed
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(what), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: measure floor|phases DIR");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    match what.as_str() {
        "floor" => {
            let t = Instant::now();
            match yardstick_benches::parse_floor(&dir) {
                Ok(n) => println!("floor {:.3} s ({n} records)", t.elapsed().as_secs_f64()),
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        "phases" => {
            let t = Instant::now();
            let bundle = match yardstick::Bundle::load(&dir) {
                Ok(b) => b.output,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            };
            let load = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let scored = yardstick::score(&bundle);
            let pass1 = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let mut out = Counter(0);
            if let Err(e) = yardstick::report::json::write(&scored, &mut out) {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
            let json = t.elapsed().as_secs_f64();
            println!(
                "load {load:.3} s, cohort (pass 1) {pass1:.3} s, score and write JSON {json:.3} s ({} bytes)",
                out.0
            );
        }
        _ => {
            eprintln!("usage: measure floor|phases DIR");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

/// Counts the bytes written.
struct Counter(u64);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
