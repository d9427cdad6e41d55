//! `yardstick diff`: two results compared, old and new side by side.

use std::io::Write;

use yardstick::diff::{Side, diff};
use yardstick::i18n::Lang;

use super::Failure;
use crate::args::{DiffArgs, DiffFormat};
use crate::out::{check_output, pick_format, print_with, write_output};
use crate::render;

pub fn run(a: DiffArgs, lang: Lang) -> Result<(), Failure> {
    // Neither side's files may be written over.
    let mut inputs = side_inputs(&a.old);
    inputs.extend(side_inputs(&a.new));
    check_output(a.output.as_deref(), &inputs, lang)?;
    let format = pick_format(
        lang,
        "diff",
        a.format,
        a.output.as_deref(),
        &[("json", DiffFormat::Json), ("txt", DiffFormat::Table)],
        DiffFormat::Table,
    )?;
    let options = a.read.options();
    let old = Side::load(&yardstick::FsFiles, &a.old, &options)?;
    render::warnings(&old.warnings, lang);
    let new = Side::load(&yardstick::FsFiles, &a.new, &options)?;
    render::warnings(&new.warnings, lang);
    let d = diff(&old.output, &new.output);
    // Exit status 0 whether or not anything changed.
    let write = |w: &mut dyn Write| match format {
        DiffFormat::Table => w.write_all(d.text(lang).as_bytes()),
        DiffFormat::Json => {
            d.write_json(w)?;
            w.write_all(b"\n")
        }
    };
    match &a.output {
        Some(path) => write_output(path, &inputs, lang, write),
        None => print_with(lang, write),
    }
}

/// The files one side reads: a results file, or every input of a bundle (as far as its
/// manifest can be read; a bundle that cannot is reported when it is loaded).
fn side_inputs(path: &std::path::Path) -> Vec<std::path::PathBuf> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        return vec![path.to_path_buf()];
    }
    yardstick::input::manifest::Manifest::read(&yardstick::FsFiles, path)
        .map(|m| m.inputs())
        .unwrap_or_default()
}
