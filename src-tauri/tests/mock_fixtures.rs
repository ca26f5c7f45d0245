//! The UI's mock backend serves answers the real engine produced, not answers of its own:
//! this test computes them with the studio's own command functions for each fixture design and
//! checks `ui/src/lib/backend/fixtures/<id>.views.json` against them (stale → it fails).
//! Run with `COGOV_BLESS=1` to rewrite them after changing the engine or a design.
//!
//! Fixture designs: the mock's own design (`fixtures/harbour-commons.design.json`, the one the
//! view tests edit) and two of the examples the mock lists.

use cogov_studio::{capture, commands, insight};
use serde_json::{Value, json};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// (id, design file relative to the workspace).
const DESIGNS: &[(&str, &str)] = &[
    ("harbour-commons", "ui/src/lib/backend/fixtures/harbour-commons.design.json"),
    ("token-dao", "examples/token-dao.json"),
    ("worker-coop", "examples/worker-coop.json"),
];

/// What each read-only view command answers for `text`, as the page receives it. The risk view
/// is the one of a design with no stored versions (the mock's store adds history itself).
fn views(text: &str) -> Value {
    let gco = cogov_engine::intake::load("design.json", text.as_bytes())
        .and_then(|(_, d)| d.into_gco())
        .expect("a fixture design reads");
    let risk = match cogov_engine::compile::compile(&gco) {
        Ok(_) => insight::RiskView {
            current: Some(cogov_engine::risk::score(&gco, None)),
            blocked: None,
            stored: false,
            history: Vec::new(),
        },
        Err(e) => insight::RiskView { current: None, blocked: Some(e.into()), stored: false, history: Vec::new() },
    };
    let to = |v: Result<Value, serde_json::Error>| v.expect("serialises");
    json!({
        "validation": to(serde_json::to_value(commands::validate_text("design.json".into(), text.into()).expect("validates"))),
        "topology": to(serde_json::to_value(commands::topology(text.into(), None).expect("topology"))),
        "compiled": to(serde_json::to_value(insight::compiled_view(text.into()).expect("compiled view"))),
        "lineage": to(serde_json::to_value(insight::lineage(text.into()).expect("lineage"))),
        "capture": to(serde_json::to_value(capture::capture_view(text.into()).expect("capture view"))),
        "risk": to(serde_json::to_value(risk)),
    })
}

#[test]
fn mock_fixtures_are_what_the_engine_answers() {
    let bless = std::env::var_os("COGOV_BLESS").is_some();
    let mut stale = Vec::new();
    for (id, file) in DESIGNS {
        let text = std::fs::read_to_string(root().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let v = views(&text);
        // Sorted keys and a final newline: the same bytes on every run.
        let mut bytes = serde_json::to_string_pretty(&cogov_model::sort_keys(v)).expect("serialises");
        bytes.push('\n');
        let rel = format!("ui/src/lib/backend/fixtures/{id}.views.json");
        let path = root().join(&rel);
        if bless {
            std::fs::write(&path, &bytes).expect("write fixture");
        }
        if std::fs::read_to_string(&path).unwrap_or_default() != bytes {
            stale.push(rel);
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
    let text = std::fs::read_to_string(root().join(DESIGNS[0].1)).expect("the mock's design");
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
}
