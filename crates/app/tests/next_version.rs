//! The version the studio's commit dialog offers is the one commit accepts: the design's own
//! when the store has none of its name, else the smallest the changes call for.

use cogov_app::store::next_version;

fn example(name: &str) -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(name);
    serde_json::from_slice(&std::fs::read(path).expect("example")).expect("json")
}

fn gco(v: &serde_json::Value) -> cogov_model::Gco {
    cogov_app::files::gco_from_text("design", &v.to_string()).expect("a readable design")
}

#[test]
fn the_offered_version_is_the_one_commit_accepts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = cogov_app::Store::open(dir.path().join("cogov.db")).expect("store");
    let coop = example("worker-coop.json");
    let own = coop["identity"]["version"].as_str().expect("a version").to_owned();

    // Nothing stored yet: the design's own version.
    assert_eq!(next_version(&store, &gco(&coop)).expect("plan"), (None, own.clone()));
    store.commit(&gco(&coop), "first", "tester").expect("commit");
    // Unchanged: its own version (committing again records nothing new).
    assert_eq!(next_version(&store, &gco(&coop)).expect("plan"), (Some(own.clone()), own.clone()));

    // A parameter changed under the same version: the next patch, which commit then accepts.
    let mut changed = coop.clone();
    changed["decision_types"][0]["quorum"] = serde_json::json!(0.31);
    let (latest, next) = next_version(&store, &gco(&changed)).expect("plan");
    assert_eq!(latest.as_deref(), Some(own.as_str()));
    let v: Vec<u64> = own.split('.').map(|p| p.parse().expect("a number")).collect();
    assert_eq!(next, format!("{}.{}.{}", v[0], v[1], v[2] + 1));
    let refused = store.commit(&gco(&changed), "same version", "tester").expect_err("the same version is refused");
    assert_eq!(refused.code.as_str(), "GOV-S010");
    changed["identity"]["version"] = serde_json::json!(next);
    store.commit(&gco(&changed), "raised", "tester").expect("the offered version is accepted");

    // Already raised far enough: the design's own version stays.
    changed["identity"]["version"] = serde_json::json!("9.0.0");
    changed["decision_types"][0]["quorum"] = serde_json::json!(0.32);
    assert_eq!(next_version(&store, &gco(&changed)).expect("plan").1, "9.0.0");
}
