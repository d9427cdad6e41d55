//! Promises about the repository itself: it stands alone (nothing cites a file outside it), and
//! the library's modules are layered without a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || name == "target" {
            continue;
        }
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn the_repository_stands_alone() {
    let mut all = Vec::new();
    files(&root(), &mut all);
    assert!(all.len() > 100);
    // The names are put together at run time, so that this file does not cite them either
    // and is checked like every other.
    let forbidden: Vec<String> = [["..", "shared"].join("/"), ["", "work", ""].join("/")]
        .into_iter()
        .chain(["CONTRACT", "DOMAIN", "STYLE"].map(|name| format!("{name}.md")))
        .collect();
    let mut found = Vec::new();
    for f in all {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue; // Not text (workbooks).
        };
        for (n, line) in text.lines().enumerate() {
            for bad in &forbidden {
                if line.contains(bad) {
                    found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "cites outside the repository:\n{}",
        found.join("\n")
    );
}

/// The top-level modules of the library and the modules each one uses.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join("crates/yardstick/src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &all {
        let rel = f.strip_prefix(&src).unwrap();
        let module = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if module == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        // Test code may reach anywhere, and comments (doc links) are not uses.
        let code: String = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or("")
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let text = code.as_str();
        let uses = graph.entry(module.clone()).or_default();
        for part in text.split("crate::").skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != module && name != "Scored" {
                uses.insert(name);
            }
        }
    }
    // Only edges between modules (not to re-exported items named at the root).
    let names: BTreeSet<String> = graph.keys().cloned().collect();
    for uses in graph.values_mut() {
        uses.retain(|u| names.contains(u));
    }
    graph
}

#[test]
fn the_library_modules_form_no_cycle() {
    let graph = module_graph();
    assert!(graph.len() > 10, "{graph:?}");
    // Depth-first search for a back edge.
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
        cycles: &mut Vec<String>,
    ) {
        state.insert(m.to_string(), 1);
        path.push(m.to_string());
        for u in graph.get(m).into_iter().flatten() {
            match state.get(u.as_str()).copied().unwrap_or(0) {
                0 => visit(u, graph, state, path, cycles),
                1 => {
                    let from = path.iter().position(|p| p == u).unwrap_or(0);
                    cycles.push(format!("{} → {u}", path[from..].join(" → ")));
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(m.to_string(), 2);
    }
    let mut state = BTreeMap::new();
    let mut cycles = Vec::new();
    for m in graph.keys() {
        if state.get(m.as_str()).copied().unwrap_or(0) == 0 {
            visit(m, &graph, &mut state, &mut Vec::new(), &mut cycles);
        }
    }
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}
