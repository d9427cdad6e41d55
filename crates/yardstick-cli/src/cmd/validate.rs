//! `yardstick validate`: checks a bundle (every file it names) or a rubric, without scoring.

use std::path::Path;

use yardstick::Rubric;
use yardstick::i18n::Lang;
use yardstick::tr;

use super::Failure;
use crate::args::ValidateArgs;
use crate::out::print;
use crate::render;

pub fn run(a: ValidateArgs, lang: Lang) -> Result<(), Failure> {
    if is_rubric(&a.path) {
        let text = std::fs::read_to_string(&a.path).map_err(|e| {
            Failure::Other(tr!(
                lang,
                "cli-cannot-read",
                file = a.path.display(),
                why = yardstick::input::io_reason(&e).text(lang)
            ))
        })?;
        let rubric = Rubric::from_toml(&text, &a.path.display().to_string())?;
        return print(
            &(tr!(
                lang,
                "cli-validate-rubric-ok",
                path = a.path.display(),
                id = rubric.id,
                name = rubric.name,
                components = rubric.components.len(),
                grades = rubric.grades.len()
            ) + "\n"),
        );
    }
    let checked = yardstick::validate(&yardstick::FsFiles, &a.path, &a.read.options())?;
    render::warnings(&checked.warnings, lang);
    let s = checked.output;
    let mut lines = vec![tr!(
        lang,
        "cli-validate-bundle-ok",
        path = s.path.display(),
        workers = s.workers,
        id = s.rubric_id,
        name = s.rubric_name
    )];
    for f in &s.accounting {
        lines.push(tr!(
            lang,
            "cli-validate-rows",
            input = format!("{:<12}", f.input),
            rows = format!("{:>8}", f.rows),
            file = f.file
        ));
    }
    if let Some(c) = &s.concerns {
        let years: Vec<String> = c.calendar_years.iter().map(i32::to_string).collect();
        lines.push(tr!(
            lang,
            "cli-validate-concerns",
            concerns = format!("{:>8}", c.concerns),
            routing = c.routing,
            years = years.join(", ")
        ));
    }
    for h in &s.history {
        lines.push(tr!(
            lang,
            "cli-validate-history",
            year = h.year,
            workers = format!("{:>8}", h.workers),
            file = h.file
        ));
    }
    print(&(lines.join("\n") + "\n"))
}

/// A file other than `assessment.toml` whose text reads as a rubric, even a broken one, is a
/// rubric; anything else a bundle.
fn is_rubric(path: &Path) -> bool {
    path.is_file()
        && path.file_name().is_none_or(|n| n != "assessment.toml")
        && std::fs::read(path)
            .is_ok_and(|b| yardstick::rubric::looks_like_rubric(&String::from_utf8_lossy(&b)))
}
