//! An in-memory bundle builder for tests.

use std::collections::HashMap;
use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};

use yardstick::{Assessment, Bundle, Error, Files, Warned, WorkerResult};

/// The standard rubric's text.
pub const STANDARD: &str = include_str!("../../../../rubrics/community-worker.toml");

/// Files held in memory.
#[derive(Default, Clone)]
pub struct Mem(pub HashMap<PathBuf, Vec<u8>>);

impl Files for Mem {
    fn open(&self, path: &Path) -> io::Result<Box<dyn Read + '_>> {
        match self.0.get(path) {
            Some(b) => Ok(Box::new(Cursor::new(b.as_slice()))),
            None => Err(io::Error::new(io::ErrorKind::NotFound, "no such file")),
        }
    }
}

/// Builds a bundle `b/` with the standard rubric unless another is given.
#[derive(Clone)]
pub struct B {
    rubric: String,
    roster: String,
    components: Vec<(String, String)>,
    adjustments: Option<String>,
    history: Vec<(String, String)>,
}

impl B {
    pub fn new(roster: &str) -> Self {
        B {
            rubric: STANDARD.to_string(),
            roster: roster.to_string(),
            components: vec![],
            adjustments: None,
            history: vec![],
        }
    }

    /// An earlier year's results file `b/<name>`, listed in `[history] results`.
    pub fn history(mut self, name: &str, json: &str) -> Self {
        self.history.push((name.to_string(), json.to_string()));
        self
    }

    pub fn rubric(mut self, text: &str) -> Self {
        self.rubric = text.to_string();
        self
    }

    pub fn file(mut self, id: &str, csv: &str) -> Self {
        self.components.push((id.to_string(), csv.to_string()));
        self
    }

    pub fn adjustments(mut self, csv: &str) -> Self {
        self.adjustments = Some(csv.to_string());
        self
    }

    pub fn files(&self) -> Mem {
        let mut toml = String::from(
            "[assessment]\nname = \"测试考核\"\nyear = 2024\nrubric = \"rubric.toml\"\n\n[inputs]\nroster = \"roster.csv\"\n",
        );
        let mut m = Mem::default();
        if let Some(a) = &self.adjustments {
            toml.push_str("adjustments = \"adjustments.csv\"\n");
            m.0.insert("b/adjustments.csv".into(), a.as_bytes().to_vec());
        }
        toml.push_str("\n[inputs.components]\n");
        for (id, csv) in &self.components {
            toml.push_str(&format!("{id} = \"{id}.csv\"\n"));
            m.0.insert(format!("b/{id}.csv").into(), csv.as_bytes().to_vec());
        }
        if !self.history.is_empty() {
            let names: Vec<String> = self.history.iter().map(|(n, _)| format!("{n:?}")).collect();
            toml.push_str(&format!("\n[history]\nresults = [{}]\n", names.join(", ")));
            for (n, json) in &self.history {
                m.0.insert(format!("b/{n}").into(), json.as_bytes().to_vec());
            }
        }
        m.0.insert("b/assessment.toml".into(), toml.into_bytes());
        m.0.insert("b/rubric.toml".into(), self.rubric.as_bytes().to_vec());
        m.0.insert("b/roster.csv".into(), self.roster.as_bytes().to_vec());
        m
    }

    pub fn load(&self) -> Result<Warned<Bundle>, Error> {
        Bundle::load_with(&self.files(), Path::new("b"))
    }

    pub fn score(&self) -> Assessment {
        match self.load() {
            Ok(b) => Assessment::of(&yardstick::score(&b.output)),
            Err(e) => panic!("bundle does not load: {:#?}", e.diagnostics()),
        }
    }

    /// The explanation of worker `id`, in words.
    pub fn explain(&self, id: &str) -> String {
        let bundle = match self.load() {
            Ok(b) => b.output,
            Err(e) => panic!("bundle does not load: {:#?}", e.diagnostics()),
        };
        let scored = yardstick::score(&bundle).with_lang(yardstick::i18n::Lang::En);
        let i = scored
            .index_of(id)
            .unwrap_or_else(|| panic!("no worker {id}"));
        yardstick::explain::explain(&scored, i).text()
    }

    pub fn errors(&self) -> Vec<String> {
        match self.load() {
            Ok(_) => panic!("bundle loads, errors expected"),
            Err(e) => e
                .errors()
                .map(|d| d.render(yardstick::i18n::Lang::En))
                .collect(),
        }
    }
}

pub fn w<'a>(a: &'a Assessment, id: &str) -> &'a WorkerResult {
    a.worker(id).unwrap_or_else(|| panic!("no worker {id}"))
}

pub fn total(a: &Assessment, id: &str) -> Option<String> {
    w(a, id).total.map(|t| t.to_string())
}

pub fn comp(a: &Assessment, id: &str, c: &str) -> Option<String> {
    w(a, id)
        .component(c)
        .and_then(|c| c.score)
        .map(|s| s.to_string())
}

pub fn grade<'a>(a: &'a Assessment, id: &str) -> Option<&'a str> {
    w(a, id).grade.as_deref()
}

/// CSV text of n panel scores for a worker: raters R1..Rn.
pub fn panel_rows(worker: &str, scores: &[&str]) -> String {
    scores
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{worker},R{},{s}\n", i + 1))
        .collect()
}

/// Ballot rows: `choices` for a worker with ballot ids B1..Bn.
pub fn ballot_rows(worker: &str, choices: &[&str]) -> String {
    choices
        .iter()
        .enumerate()
        .map(|(i, c)| format!("B{},{worker},{c}\n", i + 1))
        .collect()
}

/// Repeats a label n times.
pub fn rep(label: &str, n: usize) -> Vec<&str> {
    vec![label; n]
}
