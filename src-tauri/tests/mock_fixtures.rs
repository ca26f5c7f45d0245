//! The UI's mock backend serves answers the real engine produced, not answers of its own:
//! this test computes them with the studio's own command functions for each fixture design and
//! checks `ui/src/lib/backend/fixtures/<id>.views.json` against them (stale → it fails).
//! Run with `COGOV_BLESS=1` to rewrite them after changing the engine or a design.
//!
//! Fixture designs: the mock's own design (`fixtures/harbour-commons.design.json`, the one the
//! view tests start from), two of the examples the mock lists, and every edited variant a view
//! test needs (`fixtures/variants/<id>.json`: a base design and the values to set, by JSON
//! pointer). The mock applies the same edits to find a variant's answers; it has no rules.
//!
//! Two more kinds of answer are written beside them:
//! - `fixtures/diffs.json`: the engine's structural diff (and so its bump suggestion) between
//!   every two fixture designs of the same base, by `"<old id> -> <new id>"`; the mock store
//!   looks its commits' and comparisons' diffs up here.
//! - `fixtures/<id>.whatif.json`: the What-if setup and the simulator's report for each request
//!   listed in `fixtures/whatif.requests.json` (the scenarios the view tests run), written with
//!   the studio's own `WhatifState::run` (the report, or the refusal). Few runs keep them small
//!   (see `WHATIF_BUDGET`).

use cogov_studio::whatif::{self, WhatifState};
use cogov_studio::{capture, commands, export, insight, sweep};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Where the fixtures live, relative to the workspace.
const FIXTURES: &str = "ui/src/lib/backend/fixtures";

/// (id, design file relative to the workspace): the designs variants are edited from.
const DESIGNS: &[(&str, &str)] = &[
    ("harbour-commons", "ui/src/lib/backend/fixtures/harbour-commons.design.json"),
    ("token-dao", "examples/token-dao.json"),
    ("worker-coop", "examples/worker-coop.json"),
];

/// Reads a base design by its id.
fn base(id: &str) -> Value {
    let (_, file) = DESIGNS.iter().find(|(d, _)| *d == id).unwrap_or_else(|| panic!("no base design `{id}`"));
    let text = std::fs::read_to_string(root().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The variant files, sorted by id: (id, the edited design).
fn variants() -> Vec<(String, Value)> {
    let dir = root().join(FIXTURES).join("variants");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files.iter().map(|p| (stem(p), variant(p))).collect()
}

fn stem(p: &Path) -> String {
    p.file_stem().and_then(|s| s.to_str()).expect("a UTF-8 file name").to_owned()
}

/// A variant's design: its base with each value set at its pointer. The parent of every pointer
/// must exist and each edit must change the design, so a typo fails here, not as a silent no-op.
fn variant(path: &Path) -> Value {
    let name = path.display();
    let spec: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read variant")).expect("variant JSON");
    assert!(spec["why"].as_str().is_some_and(|s| !s.is_empty()), "{name}: say `why` the variant exists");
    let mut design = base(spec["base"].as_str().unwrap_or_else(|| panic!("{name}: no `base`")));
    let edits = spec["set"].as_object().unwrap_or_else(|| panic!("{name}: no `set` object"));
    assert!(!edits.is_empty(), "{name}: `set` is empty");
    for (pointer, value) in edits {
        let (parent, key) = pointer.rsplit_once('/').unwrap_or_else(|| panic!("{name}: `{pointer}` is not a pointer"));
        let key = key.replace("~1", "/").replace("~0", "~");
        let slot = match design.pointer_mut(parent) {
            Some(Value::Object(o)) => o.entry(key).or_insert(Value::Null),
            Some(Value::Array(a)) => {
                let i: usize = key.parse().unwrap_or_else(|_| panic!("{name}: `{pointer}`: not an index"));
                a.get_mut(i).unwrap_or_else(|| panic!("{name}: `{pointer}`: no such element"))
            }
            _ => panic!("{name}: `{pointer}`: its parent is not in the base design"),
        };
        assert_ne!(slot, value, "{name}: `{pointer}` already holds {value}");
        *slot = value.clone();
    }
    design
}

/// What each read-only view command answers for `text`, as the page receives it. The risk view
/// and the documents are those of a design with no stored versions (the mock's store adds
/// history itself from the stored versions' own fixtures).
fn views(text: &str) -> Value {
    let gco = cogov_engine::intake::load("design.json", text.as_bytes())
        .and_then(|(_, d)| d.into_gco())
        .expect("a fixture design reads");
    // As the studio's `risk_view` answers for a design the store does not hold.
    let scored = cogov_app::score::score(&gco, None);
    let risk = insight::RiskView {
        current: Some(scored.scores),
        blocked: scored.blocked.map(Into::into),
        stored: false,
        history: Vec::new(),
    };
    // As the studio's `export_documents` answers without "Changes since".
    let documents = export::documents_view(&gco, None);
    let to = |v: Result<Value, serde_json::Error>| v.expect("serialises");
    json!({
        "validation": to(serde_json::to_value(commands::validate_text("design.json".into(), text.into()).expect("validates"))),
        "topology": to(serde_json::to_value(commands::topology(text.into(), None).expect("topology"))),
        "compiled": to(serde_json::to_value(insight::compiled_view(text.into()).expect("compiled view"))),
        "lineage": to(serde_json::to_value(insight::lineage(text.into()).expect("lineage"))),
        "capture": to(serde_json::to_value(capture::capture_view(text.into()).expect("capture view"))),
        "risk": to(serde_json::to_value(risk)),
        "documents": to(serde_json::to_value(documents)),
    })
}

/// Every fixture: (id, design text as the view tests write it).
fn all() -> Vec<(String, String)> {
    let pretty = |v: &Value| serde_json::to_string_pretty(v).expect("serialises") + "\n";
    let mut out: Vec<(String, String)> = DESIGNS.iter().map(|(id, _)| (id.to_string(), pretty(&base(id)))).collect();
    out.extend(variants().iter().map(|(id, d)| (id.clone(), pretty(d))));
    out
}

/// The engine's structural diff between every two fixture designs of the same base (both
/// orders, and each with itself), keyed `"<old> -> <new>"`.
fn diffs() -> Value {
    let variant_base = |id: &str| -> String {
        if DESIGNS.iter().any(|(d, _)| *d == id) {
            return id.to_owned();
        }
        let path = root().join(FIXTURES).join("variants").join(format!("{id}.json"));
        let spec: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("read variant")).expect("JSON");
        spec["base"].as_str().expect("a base").to_owned()
    };
    let designs: Vec<(String, String, cogov_model::Gco)> = all()
        .into_iter()
        .map(|(id, text)| {
            let gco = cogov_engine::intake::load("design.json", text.as_bytes())
                .and_then(|(_, d)| d.into_gco())
                .expect("a fixture design reads");
            (variant_base(&id), id, gco)
        })
        .collect();
    let mut out = serde_json::Map::new();
    for (base_a, a, old) in &designs {
        for (base_b, b, new) in &designs {
            if base_a == base_b {
                let d = cogov_engine::diff::structural(old, new);
                out.insert(format!("{a} -> {b}"), serde_json::to_value(d).expect("serialises"));
            }
        }
    }
    Value::Object(out)
}

/// The requests of `file` (a `*.requests.json` beside the fixtures), per design: (id, its
/// request, the fixture design's text).
fn requests(file: &str) -> Vec<(String, Value, String)> {
    let path = root().join(FIXTURES).join(file);
    let requests: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("read requests")).expect("JSON");
    let designs = requests["designs"].as_object().expect("`designs` by id");
    let texts = all();
    designs
        .iter()
        .map(|(id, req)| {
            let text =
                texts.iter().find(|(d, _)| d == id).unwrap_or_else(|| panic!("no fixture design `{id}`")).1.clone();
            (id.clone(), req.clone(), text)
        })
        .collect()
}

/// The size, in bytes, all `*.whatif.json` files together must stay under: the reports are
/// checked in, so a request with many runs or steps must not bloat the repository.
const WHATIF_BUDGET: usize = 350_000;

/// The What-if answers for each design in `whatif.requests.json`: (id, its fixture value).
fn whatifs() -> Vec<(String, Value)> {
    requests("whatif.requests.json")
        .into_iter()
        .map(|(id, req, text)| {
            let (id, req, text) = (&id, &req, &text);
            // As the studio's `whatif_setup` answers (that command needs Tauri's managed state).
            let gco = cogov_app::files::gco_from_text("design", text).expect("design");
            let inputs = cogov_app::simulate::inputs("design", &gco).expect("inputs");
            let setups: Vec<Value> = req["setup_steps"]
                .as_array()
                .expect("setup_steps")
                .iter()
                .map(|s| {
                    let steps = u32::try_from(s.as_u64().expect("steps")).expect("steps fit");
                    json!({ "steps": steps, "setup": whatif::setup_for(&inputs, steps) })
                })
                .collect();
            let state = WhatifState::default();
            let runs: Vec<Value> = req["scenarios"]
                .as_array()
                .expect("scenarios")
                .iter()
                .enumerate()
                .map(|(i, scenario)| {
                    // A refusal (say, an attacker with no price) is an answer too: the mock serves it.
                    match state.run(text, scenario.clone(), i as u64 + 1) {
                        Ok(run) => {
                            assert!(!run.cancelled && run.report.is_some(), "{id}: request {i} gave no report");
                            // Only the report: not the elapsed time nor whether the baseline was
                            // reused (the order of requests decides that), nor the shell's SVG
                            // charts (two thirds of the bytes; the view draws its own from the report).
                            json!({ "scenario": scenario, "report": run.report })
                        }
                        Err(e) => json!({ "scenario": scenario, "error": e }),
                    }
                })
                .collect();
            (id.clone(), json!({ "setups": setups, "runs": runs }))
        })
        .collect()
}

/// Checks (or with `COGOV_BLESS`, writes) one fixture file; returns its size and whether it is stale.
fn check(rel: &str, v: Value, bless: bool) -> (usize, bool) {
    // Sorted keys and a final newline: the same bytes on every run.
    let mut bytes = serde_json::to_string(&cogov_model::sort_keys(v)).expect("serialises");
    bytes.push('\n');
    let path = root().join(rel);
    if bless {
        std::fs::write(&path, &bytes).expect("write fixture");
    }
    (bytes.len(), std::fs::read_to_string(&path).unwrap_or_default() != bytes)
}

/// Checks (or blesses) each requested design's `<id><suffix>` file, and marks stale any such
/// file no request asks for; returns the files' total size.
fn check_requested(suffix: &str, made: Vec<(String, Value)>, bless: bool, stale: &mut Vec<String>) -> usize {
    let mut total = 0;
    for (id, v) in &made {
        let rel = format!("{FIXTURES}/{id}{suffix}");
        let (size, is_stale) = check(&rel, v.clone(), bless);
        total += size;
        if is_stale {
            stale.push(rel);
        }
    }
    for entry in std::fs::read_dir(root().join(FIXTURES)).expect("fixtures folder") {
        let name = entry.expect("a directory entry").file_name().to_string_lossy().into_owned();
        if let Some(id) = name.strip_suffix(suffix)
            && !made.iter().any(|(x, _)| x == id)
        {
            stale.push(format!("{FIXTURES}/{name} (no request for `{id}`)"));
        }
    }
    total
}

#[test]
fn mock_diffs_and_whatifs_are_what_the_engine_answers() {
    let bless = std::env::var_os("COGOV_BLESS").is_some();
    let mut stale = Vec::new();
    let rel = format!("{FIXTURES}/diffs.json");
    if check(&rel, diffs(), bless).1 {
        stale.push(rel);
    }
    let total = check_requested(".whatif.json", whatifs(), bless, &mut stale);
    assert!(
        stale.is_empty(),
        "stale mock fixtures {stale:?}: run `COGOV_BLESS=1 cargo test -p cogov-studio --test mock_fixtures`"
    );
    assert!(
        total < WHATIF_BUDGET,
        "the What-if fixtures take {total} bytes, over {WHATIF_BUDGET}: fewer runs or steps"
    );
}

#[test]
fn mock_fixtures_are_what_the_engine_answers() {
    let bless = std::env::var_os("COGOV_BLESS").is_some();
    let mut stale = Vec::new();
    for (id, text) in all() {
        let v = views(&text);
        // Sorted keys and a final newline: the same bytes on every run.
        let mut bytes = serde_json::to_string_pretty(&cogov_model::sort_keys(v)).expect("serialises");
        bytes.push('\n');
        let rel = format!("{FIXTURES}/{id}.views.json");
        let path = root().join(&rel);
        if bless {
            std::fs::write(&path, &bytes).expect("write fixture");
        }
        if std::fs::read_to_string(&path).unwrap_or_default() != bytes {
            stale.push(rel);
        }
    }
    // A views file without its design or variant would be served for nothing: also stale.
    let ids: Vec<String> = all().into_iter().map(|(id, _)| id).collect();
    for entry in std::fs::read_dir(root().join(FIXTURES)).expect("fixtures folder") {
        let name = entry.expect("a directory entry").file_name().to_string_lossy().into_owned();
        if let Some(id) = name.strip_suffix(".views.json")
            && !ids.iter().any(|x| x == id)
        {
            stale.push(format!("{FIXTURES}/{name} (no design or variant `{id}`)"));
        }
    }
    assert!(
        stale.is_empty(),
        "stale mock fixtures {stale:?}: run `COGOV_BLESS=1 cargo test -p cogov-studio --test mock_fixtures`"
    );
}

#[test]
fn the_mock_design_is_clean_and_scored() {
    // The view tests start from this design: it must be a valid one, scored and compiled.
    let text = serde_json::to_string_pretty(&base("harbour-commons")).expect("serialises");
    let v = views(&text);
    let blocking = v["validation"]["report"]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "blocking")
        .count();
    assert_eq!(blocking, 0, "the mock's design has blocking findings: {}", v["validation"]["report"]["findings"]);
    assert!(v["risk"]["current"].is_object(), "the mock's design is scored");
    assert!(v["compiled"]["matrix"].is_object(), "the mock's design compiles");
    assert_eq!(v["documents"]["documents"].as_array().map(Vec::len), Some(8), "eight documents");
}

#[test]
fn a_variant_that_changes_nothing_or_misses_its_place_is_refused() {
    // The edits are data: a pointer whose parent is not in the base design must not pass quietly.
    let dir = std::env::temp_dir().join(format!("cogov-mock-variant-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).expect("write");
        p
    };
    let missing = write("missing.json", r#"{"base":"harbour-commons","why":"x","set":{"/nothing/here":1}}"#);
    let same = write("same.json", r#"{"base":"harbour-commons","why":"x","set":{"/identity/version":"1.0.0"}}"#);
    for p in [missing, same] {
        assert!(std::panic::catch_unwind(|| variant(&p)).is_err(), "{} was accepted", p.display());
    }
    let ok = write("ok.json", r#"{"base":"harbour-commons","why":"x","set":{"/decision_types/1/quorum":0.4}}"#);
    assert_eq!(variant(&ok)["decision_types"][1]["quorum"], json!(0.4));
    std::fs::remove_dir_all(&dir).ok();
}

// ---------------------------------------------------------------------------------------------
// The Sweep view's answers: the setup the studio's `sweep_setup` gives, and for each spec in
// `sweep.requests.json` the studio's own run (results and proposed design) and the cells the
// view tests open. The mock serves exactly these and refuses any other spec or cell.

/// The Sweep answers for each design in `sweep.requests.json`: (id, its fixture value).
fn sweeps() -> Vec<(String, Value)> {
    requests("sweep.requests.json")
        .into_iter()
        .map(|(id, req, text)| {
            let (id, req, text) = (&id, &req, &text);
            let setup = sweep::sweep_setup(text.clone()).expect("the studio's sweep setup");
            let runs: Vec<Value> = req["runs"]
                .as_array()
                .expect("runs")
                .iter()
                .map(|r| {
                    let spec = r["spec"].clone();
                    let run = sweep::SweepState::default().run(text, spec.clone(), 1).expect("the studio's sweep");
                    let cells: Vec<Value> = r["cells"]
                        .as_array()
                        .expect("cells")
                        .iter()
                        .map(|c| {
                            let c = u32::try_from(c.as_u64().expect("cell")).expect("cell fits");
                            serde_json::to_value(sweep::cell(text, &spec, c).expect("the studio's cell"))
                                .expect("serialises")
                        })
                        .collect();
                    // Not the elapsed times: they differ on every run.
                    json!({ "spec": spec, "fingerprint": run.fingerprint, "total": run.total,
                            "results": run.results, "proposed": run.proposed, "cells": cells })
                })
                .collect();
            (id.clone(), json!({ "setup": setup, "runs": runs }))
        })
        .collect()
}

#[test]
fn mock_sweeps_are_what_the_engine_answers() {
    let bless = std::env::var_os("COGOV_BLESS").is_some();
    let mut stale = Vec::new();
    check_requested(".sweep.json", sweeps(), bless, &mut stale);
    assert!(
        stale.is_empty(),
        "stale mock fixtures {stale:?}: run `COGOV_BLESS=1 cargo test -p cogov-studio --test mock_fixtures`"
    );
}
