//! `yardstick explain`: every step of one worker's result.

use yardstick::i18n::Lang;
use yardstick::tr;

use super::{Failure, load};
use crate::args::{ExplainArgs, ExplainFormat};
use crate::out::{print, print_with};

pub fn run(a: ExplainArgs, lang: Lang) -> Result<(), Failure> {
    let b = load(&a.bundle, &a.read, lang)?;
    let Some(i) = b.worker_index(&a.worker_id) else {
        return Err(Failure::Other(tr!(
            lang,
            "cli-explain-no-worker",
            id = a.worker_id,
            bundle = a.bundle.display()
        )));
    };
    // Only the cohort's standings and this one worker's trail are made.
    let explanation = yardstick::explain::explain(&yardstick::score(&b).with_lang(lang), i);
    match a.format {
        ExplainFormat::Text => print(&explanation.text()),
        ExplainFormat::Json => print_with(lang, |w| {
            explanation.write_json(w)?;
            w.write_all(b"\n")
        }),
    }
}
