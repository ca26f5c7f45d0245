//! One gate rule for scores on both faces: a design with blocking findings is scored all the
//! same, with the compile gate's refusal beside the scores.

use cogov_app::ErrorCode;

fn example(name: &str) -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(name);
    serde_json::from_slice(&std::fs::read(path).expect("example")).expect("json")
}

fn gco(v: &serde_json::Value) -> cogov_model::Gco {
    cogov_app::files::gco_from_text("design", &v.to_string()).expect("a readable design")
}

#[test]
fn a_blocked_design_is_scored_and_says_it_is_blocked() {
    let sane = example("worker-coop.json");
    let ok = cogov_app::score::score(&gco(&sane), None);
    assert!(ok.blocked.is_none());
    assert_eq!(ok.scores.scores.len(), 6);

    let mut broken = sane.clone();
    broken["decision_types"][0]["quorum"] = serde_json::json!(0.99);
    let scored = cogov_app::score::score(&gco(&broken), Some(&gco(&sane)));
    assert_eq!(scored.scores.scores.len(), 6, "scored all the same");
    assert!(scored.comparison.is_some_and(|c| c.deltas.len() == 6));
    let b = scored.blocked.expect("the gate's refusal");
    assert_eq!(b.code, ErrorCode::ValidationBlocked);
    assert!(b.blocking.iter().any(|c| c == "GOV-E301"), "{:?}", b.blocking);
}
