//! What the verbs share about their output: printing to the terminal, writing a file through
//! the library's guard, and choosing the format from `--format` and the file's extension.

use std::io::Write;
use std::path::{Path, PathBuf};

use yardstick::concerns::Date;
use yardstick::i18n::Lang;
use yardstick::tr;

use crate::cmd::Failure;

/// Prints text; control characters from the input (an escape sequence in a name) are shown
/// escaped.
pub fn print(text: &str) -> Result<(), Failure> {
    let text = yardstick::show::printable_lines(text);
    print_with(Lang::default(), |out| out.write_all(text.as_bytes()))
}

/// Writes to standard output through a buffer, as `write` goes.
pub fn print_with(
    lang: Lang,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut out).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Other(tr!(lang, "cli-stdout-failed", why = e))),
    }
}

/// Writes an output file through the library's guard (never over an input, only to a regular
/// file or a new path, atomically; see `yardstick::output`).
pub fn write_output(
    path: &Path,
    inputs: &[PathBuf],
    lang: Lang,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    yardstick::output::write_output(path, inputs, write).map_err(|e| output_failure(e, lang))
}

/// Refuses an output path before anything is made: an input of the bundle, or what is not a
/// regular file (the same checks as [`write_output`], which makes them again when it writes).
pub fn check_output(path: Option<&Path>, inputs: &[PathBuf], lang: Lang) -> Result<(), Failure> {
    match path {
        Some(p) => yardstick::output::check_output(p, inputs).map_err(|e| output_failure(e, lang)),
        None => Ok(()),
    }
}

fn output_failure(e: yardstick::output::OutputError, lang: Lang) -> Failure {
    let hint = if e.is_not_a_file() {
        tr!(lang, "cli-output-hint")
    } else {
        String::new()
    };
    Failure::Other(format!("{}{hint}", e.text(lang)))
}

/// The extensions of files the verbs write, each naming a format.
const KNOWN_EXTENSIONS: &[&str] = &["xlsx", "csv", "json", "html", "htm", "txt"];

/// The output format: `--format` when given, else the one the extension of `-o` names, else
/// `default`. A `--format` that contradicts the extension, or an extension this verb does not
/// write, is a command-line error (exit status 2): `-o 结果.xlsx` never gets a text table.
pub fn pick_format<F: Copy + PartialEq>(
    lang: Lang,
    verb: &str,
    given: Option<F>,
    output: Option<&Path>,
    by_extension: &[(&str, F)],
    default: F,
) -> Result<F, Failure> {
    let ext = output
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_lowercase())
        .filter(|e| KNOWN_EXTENSIONS.contains(&e.as_str()));
    let Some(ext) = ext else {
        return Ok(given.unwrap_or(default));
    };
    let file = output.map(|p| p.display().to_string()).unwrap_or_default();
    let names: Vec<&str> = by_extension.iter().map(|(e, _)| *e).collect();
    let Some(&(_, named)) = by_extension.iter().find(|(e, _)| *e == ext) else {
        return Err(Failure::Usage(tr!(
            lang,
            "cli-error-extension",
            verb = verb,
            file = file,
            extensions = names.join(", ")
        )));
    };
    match given {
        Some(g) if g != named => Err(Failure::Usage(tr!(
            lang,
            "cli-error-format-contradicts",
            file = file,
            extension = ext
        ))),
        _ => Ok(named),
    }
}

/// Today's date in China Standard Time (UTC+8), the time of the offices that use the tool.
pub fn today_in_china(lang: Lang) -> Result<Date, Failure> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| Failure::Other(tr!(lang, "cli-clock-wrong")))?
        .as_secs();
    let days = (secs + 8 * 3600) / 86_400;
    i64::try_from(days)
        .ok()
        .and_then(Date::from_days)
        .ok_or_else(|| Failure::Other(tr!(lang, "cli-clock-wrong")))
}
