//! The committed `schemas/gco.schema.json` is exactly what the Rust types generate.
//! Run with `COGOV_BLESS=1` to rewrite it after changing the types.

use std::path::PathBuf;

#[test]
fn committed_gco_schema_matches_the_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schemas/gco.schema.json");
    let generated =
        format!("{}\n", serde_json::to_string_pretty(&cogov_model::gco_schema()).expect("schema serialises"));
    if std::env::var_os("COGOV_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write schema");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/gco.schema.json is stale: run `COGOV_BLESS=1 cargo test -p cogov-model --test schema_drift`"
    );
}

#[test]
fn schema_is_draft_2020_12_and_strict() {
    let schema = cogov_model::gco_schema();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["additionalProperties"], false);
    assert!(schema["required"].as_array().is_some_and(|r| r.iter().any(|x| x == "identity")));
    // Enums are plain `enum`s (not `oneOf`), so validators report the allowed values.
    assert!(schema["$defs"]["OrgKind"]["enum"].as_array().is_some_and(|v| v.len() >= 5));
}
