//! `yardstick init`: a ready-to-fill bundle.

use yardstick::i18n::Lang;
use yardstick::init::{InitError, InitOptions, TemplateFormat};
use yardstick::tr;

use super::Failure;
use crate::args::InitArgs;
use crate::out::{print, today_in_china};

pub fn run(a: InitArgs, lang: Lang) -> Result<(), Failure> {
    let year = match a.year {
        Some(y) => y,
        None => {
            // From January to June the year just ended is assessed.
            let today = today_in_china(lang)?;
            if today.month() <= 6 {
                today.year() - 1
            } else {
                today.year()
            }
        }
    };
    let options = InitOptions {
        rubric: a.rubric,
        format: if a.csv {
            TemplateFormat::Csv
        } else {
            TemplateFormat::Workbook
        },
        name: a.name,
        year,
        ballot_counts: a.counts,
    };
    let written = match yardstick::init::init(&a.dir, &options) {
        Ok(w) => w,
        Err(InitError::Rubric(e)) => return Err(Failure::Input(e)),
        Err(e) => return Err(Failure::Other(e.text(lang))),
    };
    let mut lines = vec![tr!(
        lang,
        "cli-init-done",
        dir = a.dir.display(),
        year = year
    )];
    lines.extend(written.iter().map(|p| format!("  {}", p.display())));
    print(&(lines.join("\n") + "\n"))
}
