//! Bundles built from rows held in memory, so that a program scores records it already holds
//! (from a database, a form, another system) with every check a bundle on disk gets.

use std::path::Path;

use super::Bundle;
use crate::error::{Error, Warned};
use crate::input::{MemFiles, Rows};

/// Builds a bundle from rows held in memory: the rubric's text, the roster, one table per
/// component and the adjustments. The rows are written as CSV files in a [`MemFiles`] under the
/// folder `memory/`, and loaded exactly as a bundle on disk is, so every check applies and
/// every error names its table, line and column (`memory/ballot.csv:3:3`).
///
/// ```
/// use yardstick::BundleBuilder;
///
/// let rows = |text: &str| -> Vec<Vec<String>> {
///     text.lines().map(|l| l.split(',').map(str::to_string).collect()).collect()
/// };
/// let builder = BundleBuilder::new("示例考核", 2024, yardstick::init::STANDARD_RUBRIC)
///     .roster(rows("worker_id,name\nW1,甲"))
///     .component("test", rows("worker_id,score\nW1,85"))
///     .component("phone", rows("worker_id,call_id,outcome\nW1,C1,满意\nW1,C2,满意\nW1,C3,满意\nW1,C4,基本满意\nW1,C5,满意"));
/// let bundle = builder.load().unwrap().output;
/// let scored = yardstick::score(&bundle);
/// // Test 85 and phone (4 × 100 + 60) / 5 = 92, renormalised over their weights 0.15 + 0.15
/// // = 0.3, below the standard rubric's 0.6: the worker is incomplete.
/// assert_eq!(scored.outcome(0).components[3].score.unwrap().to_string(), "85.00");
/// assert!(scored.outcome(0).is_incomplete());
///
/// // A wrong label is an error at its cell.
/// let bad = BundleBuilder::new("示例考核", 2024, yardstick::init::STANDARD_RUBRIC)
///     .roster(rows("worker_id,name\nW1,甲"))
///     .component("phone", rows("worker_id,call_id,outcome\nW1,C1,很好"));
/// let e = bad.load().unwrap_err();
/// let en = e.text(yardstick::i18n::Lang::En);
/// assert!(en.contains("memory/phone.csv:2:3: error: unknown outcome \"很好\""));
/// ```
#[derive(Debug, Clone)]
pub struct BundleBuilder {
    name: String,
    year: i32,
    rubric: String,
    roster: Rows,
    components: Vec<(String, Rows)>,
    adjustments: Option<Rows>,
    history: Vec<(String, Vec<u8>)>,
}

/// The folder the built bundle's files are in.
const DIR: &str = "memory";

impl BundleBuilder {
    /// A bundle named `name` for `year`, scored by the rubric whose TOML text is `rubric`.
    pub fn new(name: &str, year: i32, rubric: &str) -> BundleBuilder {
        BundleBuilder {
            name: name.to_string(),
            year,
            rubric: rubric.to_string(),
            roster: Vec::new(),
            components: Vec::new(),
            adjustments: None,
            history: Vec::new(),
        }
    }

    /// The roster's rows (header first).
    pub fn roster(mut self, rows: Rows) -> BundleBuilder {
        self.roster = rows;
        self
    }

    /// The rows of the component with this id (header first).
    pub fn component(mut self, id: &str, rows: Rows) -> BundleBuilder {
        self.components.push((id.to_string(), rows));
        self
    }

    /// The adjustments' rows (header first).
    pub fn adjustments(mut self, rows: Rows) -> BundleBuilder {
        self.adjustments = Some(rows);
        self
    }

    /// An earlier year's results (the JSON `score --format json` wrote that year), listed in
    /// `[history] results` as `memory/history/<name>` and checked as a bundle on disk checks it
    /// (docs/contract.md section 8).
    ///
    /// ```
    /// use yardstick::BundleBuilder;
    ///
    /// let rows = |text: &str| -> Vec<Vec<String>> {
    ///     text.lines().map(|l| l.split(',').map(str::to_string).collect()).collect()
    /// };
    /// let earlier = r#"{"year": 2023, "rubric": {"id": "community-worker"},
    ///     "workers": [{"worker_id": "W1", "status": "graded", "grade": "称职"}]}"#;
    /// let bundle = BundleBuilder::new("示例考核", 2024, yardstick::init::STANDARD_RUBRIC)
    ///     .roster(rows("worker_id,name\nW1,甲"))
    ///     .history("2023.json", earlier)
    ///     .load()
    ///     .unwrap()
    ///     .output;
    /// assert_eq!(bundle.history().years()[0].year, 2023);
    /// ```
    pub fn history(mut self, name: &str, json: impl Into<Vec<u8>>) -> BundleBuilder {
        self.history.push((name.to_string(), json.into()));
        self
    }

    /// The bundle's files: `memory/assessment.toml`, `memory/rubric.toml` and one CSV file per
    /// table.
    pub fn files(&self) -> MemFiles {
        let mut files = MemFiles::default();
        let mut toml = format!(
            "[assessment]\nname = {}\nyear = {}\nrubric = \"rubric.toml\"\n\n[inputs]\nroster = \"roster.csv\"\n",
            quoted(&self.name),
            self.year
        );
        files.insert(format!("{DIR}/roster.csv"), csv(&self.roster));
        if let Some(a) = &self.adjustments {
            toml.push_str("adjustments = \"adjustments.csv\"\n");
            files.insert(format!("{DIR}/adjustments.csv"), csv(a));
        }
        toml.push_str("\n[inputs.components]\n");
        for (id, rows) in &self.components {
            toml.push_str(&format!(
                "{} = {}\n",
                quoted(id),
                quoted(&format!("{id}.csv"))
            ));
            files.insert(format!("{DIR}/{id}.csv"), csv(rows));
        }
        if !self.history.is_empty() {
            let names: Vec<String> = self
                .history
                .iter()
                .map(|(name, _)| quoted(&format!("history/{name}")))
                .collect();
            toml.push_str(&format!("\n[history]\nresults = [{}]\n", names.join(", ")));
            for (name, json) in &self.history {
                files.insert(format!("{DIR}/history/{name}"), json.clone());
            }
        }
        files.insert(format!("{DIR}/assessment.toml"), toml);
        files.insert(format!("{DIR}/rubric.toml"), self.rubric.clone());
        files
    }

    /// Loads the bundle, with every check of [`Bundle::load`].
    pub fn load(&self) -> Result<Warned<Bundle>, Error> {
        Bundle::load_with(&self.files(), Path::new(DIR))
    }
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Rows as CSV text.
fn csv(rows: &Rows) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in rows {
        // Writing to memory does not fail.
        let _ = w.write_record(row);
    }
    w.into_inner().unwrap_or_default()
}
