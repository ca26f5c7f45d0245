//! Which design a bundle is of: the editor's design is the stored version only when the store
//! holds exactly it (same name, version and fingerprint); an edited design under a saved
//! number is bundled as a loose design, without the version's simulation, build or record.

use cogov_app::bundle::Source;

fn example() -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/worker-coop.json");
    serde_json::from_slice(&std::fs::read(path).expect("example")).expect("json")
}

fn gco(v: &serde_json::Value) -> cogov_model::Gco {
    cogov_app::files::gco_from_text("design", &v.to_string()).expect("a readable design")
}

#[test]
fn only_the_stored_content_is_bundled_as_the_stored_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = cogov_app::store::open(Some(&dir.path().join("cogov.db"))).expect("store");
    let v = example();
    let stored = gco(&v);
    let (name, version) = (stored.identity.name.clone(), stored.identity.version.to_string());
    store.commit(&stored, "adopted", "ada").expect("commit");
    store.build(&name, &version, "ada").expect("build");

    let same = Source::of_design(&store, gco(&v), Some(&version)).expect("source");
    assert_eq!(same.stored, Some((name.clone(), version.clone())));
    assert!(same.build_id.is_some(), "the version's passed build");
    assert!(same.ratified.is_none(), "the first version amends nothing: `since` does not apply to it");

    let mut edited = v.clone();
    edited["identity"]["description"] = serde_json::json!("edited in the studio, not committed");
    let loose = Source::of_design(&store, gco(&edited), Some(&version)).expect("source");
    assert_eq!(loose.stored, None);
    assert_eq!(loose.build_id, None);
    assert!(loose.ratified.is_some(), "changes since the stored version named");

    let unknown = Source::of_design(&store, gco(&edited), Some("9.9.9")).expect_err("no such version");
    assert_eq!(unknown.code, cogov_app::ErrorCode::UnknownVersion);
}
