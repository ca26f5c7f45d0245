//! Tidy checks: the invariants ARCHITECTURE.md states that a scan of the sources can enforce.
//!
//! - The core (`model`, `engine`, `sim`) does no I/O: no filesystem, process, network,
//!   environment, wall clock or OS randomness in their sources (compile-time `env!` and
//!   `include_str!` are fine: they are data baked into the binary).
//! - The engine's and the model's top-level modules form no import circle.
//! - Every reason code of the one table appears in docs/reason-codes.md.
//! - The faces (`crates/cli`, `src-tauri`) depend on the application layer, the model and the
//!   engine only: never on the store, the simulator or deployment directly (their tests may).
//!
//! (That the window's capability allows exactly the declared commands is checked next to the
//! declaration, in src-tauri/tests/bindings.rs.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The source without `//` comments (doc comments may name what the code must not do).
fn code_of(source: &str) -> String {
    source.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// Paths and names that reach the outside world at run time.
const FORBIDDEN: &[&str] = &[
    "std::fs",
    "std::process",
    "std::env::",
    "std::net",
    "SystemTime",
    "Instant::now",
    "File::open",
    "File::create",
    "thread_rng",
    "OsRng",
    "getrandom",
    "rand::random",
];

/// Modules of `use std::{…}` groups that would bring the same in.
const FORBIDDEN_IN_GROUPS: &[&str] = &["fs", "process", "env", "net", "time"];

/// (file relative to the workspace, forbidden word) pairs that are justified. Empty today: the
/// core reads nothing at run time. Add a pair here only with a comment saying why.
const ALLOWED: &[(&str, &str)] = &[];

/// The forbidden uses in one file's code, as `line: word`.
fn io_uses(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        for word in FORBIDDEN {
            if line.contains(word) {
                found.push(format!("{}: {word}", n + 1));
            }
        }
    }
    // Grouped imports, possibly over several lines: `use std::{fs, io::Write};`.
    let mut rest = code;
    while let Some(start) = rest.find("std::{") {
        let group = &rest[start + "std::{".len()..];
        let end = group.find(';').unwrap_or(group.len());
        for name in group[..end].split(|c: char| !(c.is_alphanumeric() || c == '_')) {
            if FORBIDDEN_IN_GROUPS.contains(&name) {
                found.push(format!("std::{{… {name} …}}"));
            }
        }
        rest = &group[end..];
    }
    found
}

/// The code before the file's unit tests (`#[cfg(test)]`, last by convention): tests may read
/// their fixtures, the code they test may not.
fn without_tests(source: &str) -> &str {
    source.find("#[cfg(test)]").map_or(source, |i| &source[..i])
}

#[test]
fn the_scan_finds_what_it_looks_for() {
    assert_eq!(
        io_uses(without_tests("let a = std::fs::read(p);\n#[cfg(test)]\nmod tests { std::fs::read(q); }")),
        ["1: std::fs"]
    );
    // The checks below pass only if they would fail on a real use; these are the uses.
    assert_eq!(io_uses("let t = std::fs::read(p);"), ["1: std::fs"]);
    assert_eq!(io_uses("use std::{\n    collections::BTreeMap,\n    time::Instant,\n};"), ["std::{… time …}"]);
    assert_eq!(io_uses(&code_of("// never std::fs here\nlet x = 1;")), Vec::<String>::new());
    assert_eq!(io_uses("let now = Instant::now();"), ["1: Instant::now"]);
}

#[test]
fn the_core_does_no_io() {
    let root = workspace();
    let mut offences = Vec::new();
    for krate in ["model", "engine", "sim"] {
        for file in rust_files(&root.join("crates").join(krate).join("src")) {
            let relative = file.strip_prefix(&root).expect("inside the workspace").to_string_lossy().replace('\\', "/");
            if file.file_name().is_some_and(|n| n == "tests.rs") {
                continue; // a unit-test module of its own: tests may read their fixtures
            }
            let source = std::fs::read_to_string(&file).expect("read source");
            for hit in io_uses(&code_of(without_tests(&source))) {
                let word = hit.rsplit(": ").next().unwrap_or(&hit).to_owned();
                if !ALLOWED.iter().any(|(f, w)| *f == relative && *w == word) {
                    offences.push(format!("{relative}:{hit}"));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "model, engine and sim must not touch the outside world (ARCHITECTURE.md, \"The core does no I/O\"); \
         move this to store, deploy, cli or src-tauri, or justify it in ALLOWED:\n{}",
        offences.join("\n")
    );
}

/// Top-level module of a source file: `src/compile/matrix.rs` → `compile`, `src/lib.rs` → `lib`.
fn top_module(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let first = rel.components().next().expect("a component").as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_owned()
}

/// Which top-level modules each top-level module names through `crate::`.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(src) {
        let from = top_module(src, &file);
        let code = code_of(&std::fs::read_to_string(&file).expect("read source"));
        let edges = graph.entry(from.clone()).or_default();
        let mut rest = code.as_str();
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            // `crate::{a, b}` is rare here; `crate::Name` (a re-export from lib.rs) is no module.
            if !name.is_empty() && name != from && name.starts_with(|c: char| c.is_ascii_lowercase()) {
                edges.insert(name);
            }
            rest = after;
        }
    }
    graph
}

/// One cycle of the graph, if it has any (depth-first search, deterministic order).
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("compile".into()).or_default().insert("pipeline".into());
    g.entry("pipeline".into()).or_default().insert("compile".into());
    assert_eq!(find_cycle(&g), Some(vec!["compile".into(), "pipeline".into(), "compile".into()]));
    g.entry("pipeline".into()).or_default().clear();
    assert_eq!(find_cycle(&g), None);
}

#[test]
fn modules_form_no_import_circle() {
    for krate in ["model", "engine"] {
        let src = workspace().join("crates").join(krate).join("src");
        let graph = module_graph(&src);
        assert!(graph.contains_key("lib") && graph.len() > 3, "{krate}: the scan found no modules");
        if let Some(cycle) = find_cycle(&graph) {
            panic!(
                "crates/{krate}: the modules import each other in a circle: {} \
                 (move what both need into a module of its own, as `source.rs` holds `Source`)",
                cycle.join(" → ")
            );
        }
    }
}

#[test]
fn every_reason_code_is_documented() {
    let doc = std::fs::read_to_string(workspace().join("docs/reason-codes.md")).expect("docs/reason-codes.md");
    let codes = cogov_model::Code::ALL
        .iter()
        .map(|c| c.as_str())
        .chain(cogov_model::ErrorCode::ALL.iter().map(|c| c.as_str()))
        .chain(cogov_model::GapCode::ALL.iter().map(|c| c.as_str()));
    let missing: Vec<&str> = codes.filter(|c| !doc.contains(c)).collect();
    assert!(
        missing.is_empty(),
        "docs/reason-codes.md does not mention {missing:?}: run `cargo run -q -p cogov -- codes --markdown > docs/reason-codes.md`"
    );
}

/// The crates a manifest's `[dependencies]` table names (not dev- or build-dependencies).
fn normal_dependencies(manifest: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line == "[dependencies]";
        } else if inside && !line.is_empty() && !line.starts_with('#') {
            if let Some((name, _)) = line.split_once(['=', '.']) {
                out.push(name.trim().to_owned());
            }
        }
    }
    out
}

#[test]
fn the_manifest_reader_finds_what_it_looks_for() {
    let manifest = "[package]\nname = \"x\"\n[dependencies]\ncogov-app.workspace = true\n# a comment\ncogov-sim = { workspace = true }\n[dev-dependencies]\ncogov-store.workspace = true\n";
    assert_eq!(normal_dependencies(manifest), ["cogov-app", "cogov-sim"]);
}

#[test]
fn the_faces_depend_on_the_application_layer_only() {
    const BEHIND_THE_APP: [&str; 3] = ["cogov-store", "cogov-sim", "cogov-deploy"];
    for face in ["crates/cli", "src-tauri"] {
        let manifest = workspace().join(face).join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
        let deps = normal_dependencies(&text);
        assert!(deps.iter().any(|d| d == "cogov-app"), "{face} does not depend on cogov-app: {deps:?}");
        let direct: Vec<&String> = deps.iter().filter(|d| BEHIND_THE_APP.contains(&d.as_str())).collect();
        assert!(
            direct.is_empty(),
            "{face} depends on {direct:?} directly: reach them through cogov-app (its `records` and `sim` re-exports, or an operation there)"
        );
    }
}
