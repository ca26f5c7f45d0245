//! Simulation results stay with the version they simulated, and only with it.

mod common;

use cogov_model::ErrorCode;
use common::{example, open};
use serde_json::json;

#[test]
fn a_simulation_is_kept_with_its_version_and_refused_for_a_design_not_stored() {
    let (_d, mut store) = open();
    let gco = example("worker-coop");
    store.commit(&gco, "adopted", "ada").expect("commit");
    let (name, version, fp) = (gco.identity.name.clone(), gco.identity.version.to_string(), gco.fingerprint());
    let scenario =
        json!({"name": "freeze", "steps": 52, "runs": 100, "seed": 7, "presets": ["emergency_treasury_freeze"]});
    let report = |turnout: f64| json!({"model": "RSM v1", "figures": {"turnout": {"mean": turnout}}});

    let first =
        store.record_simulation(&name, &version, &fp, &scenario, 100, u64::MAX, &report(0.4), "ada").expect("record");
    assert_eq!((first.name.as_deref(), first.seed, first.runs), (Some("freeze"), u64::MAX, 100), "seed kept whole");
    let second = store.record_simulation(&name, &version, &fp, &scenario, 100, 8, &report(0.5), "ada").expect("record");

    let listed = store.simulations(&name, None).expect("list");
    assert_eq!(listed.iter().map(|s| s.id).collect::<Vec<_>>(), [second.id, first.id], "newest first");
    assert!(listed.iter().all(|s| s.results.is_none()), "lists leave the reports out");
    let latest = store.latest_simulation(&name, &version).expect("latest").expect("one");
    assert_eq!(latest.results.as_ref().and_then(|r| r["figures"]["turnout"]["mean"].as_f64()), Some(0.5));

    let e = store
        .record_simulation(&name, &version, "sha256:other", &scenario, 1, 1, &report(0.1), "ada")
        .expect_err("another design");
    assert_eq!(e.code, ErrorCode::NotStoredVersion);
    let e = store.record_simulation(&name, "9.9.9", &fp, &scenario, 1, 1, &report(0.1), "ada").expect_err("no such");
    assert_eq!(e.code, ErrorCode::UnknownVersion);
    assert_eq!(store.simulation(999).expect_err("none").code, ErrorCode::UnknownSimulation);
    assert_eq!(store.simulations(&name, None).expect("list").len(), 2, "refusals wrote nothing");
    assert!(cogov_store::audit::verify(store.conn(), store.path()).expect("audit").problem.is_none());
}
