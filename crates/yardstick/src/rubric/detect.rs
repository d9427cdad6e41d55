//! Telling a rubric from a bundle's `assessment.toml` by its text, even when it does not parse.

/// Top-level tables only a rubric has.
const RUBRIC: &[&str] = &[
    "rubric",
    "total",
    "component",
    "adjustments",
    "grade",
    "eligibility",
    "quota",
];

/// Top-level tables only an `assessment.toml` has.
const ASSESSMENT: &[&str] = &["assessment", "inputs"];

/// Whether a TOML text is meant as a rubric rather than as a bundle's `assessment.toml`: it has
/// a top-level table of a rubric (`[rubric]`, `[[component]]`, `[[grade]]` …) and none of an
/// assessment (`[assessment]`, `[inputs]`).
///
/// The text need not be valid: when it does not parse, its table headers (and the keys before
/// the first one) are read line by line, so that a rubric with a syntax error is still checked
/// as a rubric and its error reported at its own line.
///
/// ```
/// use yardstick::rubric::looks_like_rubric;
///
/// assert!(looks_like_rubric("[rubric]\nid = \"x\"\n"));
/// assert!(looks_like_rubric("[rubric]\nid = = \"x\"\n[[component]]\n"));
/// assert!(!looks_like_rubric("[assessment]\nrubric = \"rubric.toml\"\n[inputs]\n"));
/// ```
pub fn looks_like_rubric(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let names: Vec<String> = match text.parse::<toml::Table>() {
        Ok(table) => table.keys().cloned().collect(),
        Err(_) => top_level_names(text),
    };
    let has = |set: &[&str]| names.iter().any(|n| set.contains(&n.as_str()));
    has(RUBRIC) && !has(ASSESSMENT)
}

/// The first part of every table header's name, and of every key before the first header, as
/// written on lines of their own. Lines inside multi-line strings or arrays may be misread;
/// this only has to recognise a file, not parse it.
fn top_level_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_table = false;
    for line in text.lines() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[') {
            in_table = true;
            let header = header.strip_prefix('[').unwrap_or(header);
            let name = header.split([']', '.', '#']).next().unwrap_or("");
            names.push(unquote(name));
        } else if !in_table
            && !line.starts_with('#')
            && let Some((key, _)) = line.split_once('=')
        {
            names.push(unquote(key.split('.').next().unwrap_or("")));
        }
    }
    names
}

/// A key without surrounding blanks or quotes.
fn unquote(key: &str) -> String {
    key.trim().trim_matches(['"', '\'']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_rubric_is_still_a_rubric() {
        for text in [
            "[rubric]\nid = \"x\"\n",
            "[ rubric ] # identity\nid = \n",
            "\u{feff}[rubric]\nid = \"x\"\n[[grade]]\nmin = 1e400\n",
            "[[component]]\nid = \"a\"\n[[ grade ]]\nlabel = \"\"\"\n",
            "rubric.id = \"x\"\n[[component]]\nweight = = 1\n",
            "[\"rubric\"]\nid = [\n",
            // Without its [rubric] table it is still no bundle.
            "[total]\n[[component]]\nid = \"a\"\n",
        ] {
            assert!(looks_like_rubric(text), "{text:?}");
        }
    }

    #[test]
    fn bundles_and_other_files_are_not_rubrics() {
        for text in [
            "[assessment]\nname = \"x\"\nrubric = \"rubric.toml\"\n[inputs]\nroster = \"r.csv\"\n",
            "[assessment]\nname = = \"x\"\nrubric = \"rubric.toml\"\n",
            "[inputs.components]\nballot = \"b.csv\"\n[rubric]\n",
            "[[rule]]\ncategory = \"x\"\n",
            "",
            "worker_id,name\nA1,张三\n",
            "# [rubric]\n[[rule]]\n",
        ] {
            assert!(!looks_like_rubric(text), "{text:?}");
        }
    }
}
