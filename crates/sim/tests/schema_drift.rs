//! The committed `schemas/scenario.schema.json` is exactly what the Rust types generate, and
//! the shipped scenarios follow it. Run with `COGOV_BLESS=1` to rewrite it after changing the types.

use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn committed_scenario_schema_matches_the_types() {
    let path = root().join("schemas/scenario.schema.json");
    let generated =
        format!("{}\n", serde_json::to_string_pretty(&cogov_sim::scenario_schema()).expect("schema serialises"));
    if std::env::var_os("COGOV_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write schema");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/scenario.schema.json is stale: run `COGOV_BLESS=1 cargo test -p cogov-sim --test schema_drift`"
    );
}

#[test]
fn every_shipped_scenario_reads() {
    let dir = root().join("examples/scenarios");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("examples/scenarios") {
        let p = entry.expect("entry").path();
        if p.extension().is_some_and(|x| x == "json") {
            let s = cogov_sim::scenario::from_json_bytes(&std::fs::read(&p).expect("read"));
            assert!(s.is_ok(), "{}: {:?}", p.display(), s.err());
            n += 1;
        }
    }
    assert!(n >= 7, "expected RC-1, the five presets and a combination, found {n}");
}
