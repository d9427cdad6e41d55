//! Times the phases of scoring a bundle in this process, next to the parse floor.
//!
//! ```text
//! measure floor DIR      # the csv crate reading every record of every CSV file
//! measure phases DIR     # load, score, JSON: each timed
//! measure workbook DIR OUT   # a copy of the bundle with every CSV file saved as a workbook
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(what), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: measure floor|phases DIR | measure workbook DIR OUT");
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
        "workbook" => {
            let Some(out) = args.get(2) else {
                eprintln!("usage: measure workbook DIR OUT");
                return ExitCode::from(2);
            };
            let t = Instant::now();
            match workbook::bundle(&dir, out.as_ref()) {
                Ok(n) => println!(
                    "workbook bundle {out}: {n} rows in {:.1} s",
                    t.elapsed().as_secs_f64()
                ),
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        _ => {
            eprintln!("usage: measure floor|phases DIR | measure workbook DIR OUT");
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

/// A bundle's CSV files saved as workbooks, as a clerk's bundle comes from Excel.
mod workbook {
    use std::error::Error;
    use std::fs;
    use std::path::Path;

    use rust_xlsxwriter::Workbook;

    /// Copies the bundle in `dir` to `out` with every `.csv` file written as `.xlsx` (one sheet,
    /// numbers as numbers, everything else as text) and the bundle files (`assessment.toml`, `only-<kind>.toml`) naming them; returns
    /// the rows written.
    pub fn bundle(dir: &Path, out: &Path) -> Result<u64, Box<dyn Error>> {
        fs::create_dir_all(out)?;
        let mut rows = 0;
        for entry in fs::read_dir(dir)? {
            let path = entry?.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if let Some(stem) = name.strip_suffix(".csv") {
                rows += sheet(&path, &out.join(format!("{stem}.xlsx")))?;
            } else if name.ends_with(".toml") {
                // assessment.toml and the only-<kind>.toml bundles name the files.
                let text = fs::read_to_string(&path)?.replace(".csv\"", ".xlsx\"");
                fs::write(out.join(name), text)?;
            } else if path.is_file() {
                fs::copy(&path, out.join(name))?;
            }
        }
        Ok(rows)
    }

    fn sheet(csv_path: &Path, xlsx: &Path) -> Result<u64, Box<dyn Error>> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet_with_constant_memory()?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(csv_path)?;
        let mut rows = 0u64;
        for (r, record) in reader.records().enumerate() {
            let record = record?;
            let r = u32::try_from(r)?;
            for (c, cell) in record.iter().enumerate() {
                let c = u16::try_from(c)?;
                match number(cell) {
                    Some(n) if r > 0 => sheet.write_number(r, c, n)?,
                    _ => sheet.write_string(r, c, cell)?,
                };
            }
            rows += 1;
        }
        book.save(xlsx)?;
        Ok(rows.saturating_sub(1))
    }

    /// A cell Excel would hold as a number: it parses and prints back the same (so ids with
    /// leading zeros and long digit strings stay text).
    fn number(cell: &str) -> Option<f64> {
        let n: f64 = cell.parse().ok()?;
        (n.is_finite() && n.to_string() == cell).then_some(n)
    }
}
