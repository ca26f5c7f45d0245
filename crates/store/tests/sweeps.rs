//! Sweep results stay with the design version they ran on, and only with it.

mod common;

use cogov_model::ErrorCode;
use cogov_store::Store;
use cogov_store::sweeps::{MAX_SWEEP_BYTES, NewSweep};
use common::{example, open};
use serde_json::{Value, json};

#[test]
fn a_sweep_is_kept_with_its_version_survives_reopening_and_is_refused_elsewhere() {
    let (dir, mut store) = open();
    let gco = example("token-dao");
    store.commit(&gco, "adopted", "ada").expect("commit");
    let (name, version, fp) = (gco.identity.name.clone(), gco.identity.version.to_string(), gco.fingerprint());
    let spec = json!({"name": "quorum × delay", "knobs": [{"knob": "/decision_types/x/quorum", "values": [0.1, 0.2]}],
        "scenario": {"inline": {"steps": 30, "runs": 10, "seed": 3}}, "runs": 10, "seed": 3});
    let results =
        |best: u64| json!({"cells": {"cells": [{"cell": 0}, {"cell": 1}]}, "recommendation": {"recommended": best}});
    fn new<'a>(fingerprint: &'a str, spec: &'a Value, results: &'a Value) -> NewSweep<'a> {
        NewSweep { fingerprint, spec, cells: 2, runs: 10, seed: u64::MAX, results }
    }
    let (r0, r1) = (results(0), results(1));

    let first = store.save_sweep(&name, &version, &fp, new("sha256:a", &spec, &r0), "ada").expect("save");
    assert_eq!((first.name.as_deref(), first.cells, first.runs, first.seed), (Some("quorum × delay"), 2, 10, u64::MAX));
    assert_eq!(first.results.as_ref().map(|r| r["recommendation"]["recommended"].clone()), Some(json!(0)));
    let second = store.save_sweep(&name, &version, &fp, new("sha256:b", &spec, &r1), "ada").expect("save");

    let e = store
        .save_sweep(&name, &version, "sha256:other", new("sha256:c", &spec, &r1), "ada")
        .expect_err("another design");
    assert_eq!(e.code, ErrorCode::NotStoredVersion);
    let e = store.save_sweep(&name, "9.9.9", &fp, new("sha256:c", &spec, &r1), "ada").expect_err("no such version");
    assert_eq!(e.code, ErrorCode::UnknownVersion);
    let huge = json!({"blob": "x".repeat(MAX_SWEEP_BYTES)});
    let e = store.save_sweep(&name, &version, &fp, new("sha256:d", &spec, &huge), "ada").expect_err("too large");
    assert_eq!(e.code, ErrorCode::SweepTooLargeToKeep);
    assert_eq!(store.sweep(999).expect_err("none").code, ErrorCode::UnknownSweep);

    // Closed and opened again from the file: the records are on disk, not in memory.
    let path = store.path().to_path_buf();
    drop(store);
    let store = Store::open(&path).expect("reopen");
    let listed = store.sweeps_of(&name, Some(&version)).expect("list");
    assert_eq!(
        listed.iter().map(|s| s.id).collect::<Vec<_>>(),
        [second.id, first.id],
        "newest first; refusals wrote nothing"
    );
    assert!(listed.iter().all(|s| s.results.is_none()), "lists leave the results out");
    assert_eq!(listed[1].fingerprint, "sha256:a");
    assert!(store.sweeps_of(&name, Some("0.0.1")).expect("list").is_empty(), "another version has none");
    assert!(store.sweeps_of("nobody", None).expect("list").is_empty());
    let back = store.sweep(second.id).expect("load");
    assert_eq!(back.spec, spec);
    assert_eq!(back.results, Some(results(1)));
    assert_eq!((back.instance.as_str(), back.version.as_str()), (name.as_str(), version.as_str()));
    assert!(cogov_store::audit::verify(store.conn(), store.path()).expect("audit").problem.is_none());
    drop(dir);
}
