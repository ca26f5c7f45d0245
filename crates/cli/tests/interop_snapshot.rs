//! `cogov import snapshot` and `cogov export snapshot` as a user runs them, checked with
//! Snapshot's own tool: every exported `settings.json` (and the real published settings kept as
//! fixtures) passes `validateSchema(schemas.space, …)` of `@snapshot-labs/snapshot.js`, a broken
//! one fails it, and import → export → import keeps the design.

use std::path::{Path, PathBuf};
use std::process::Output;
use support::{cogov, ok, root, tools};

#[path = "support/interop.rs"]
#[allow(dead_code)]
mod support;

/// Runs a check script of tools/interop on `files`.
fn node(script: &str, files: &[PathBuf]) -> Output {
    support::node(script, &["@snapshot-labs/snapshot.js"], files, &tools())
}

/// The example designs (every GCO file at the top of examples/).
fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

fn results(o: &Output) -> Vec<serde_json::Value> {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

#[test]
fn every_example_exports_to_settings_that_snapshot_js_accepts() {
    let t = tempfile::tempdir().expect("tmp");
    let mut settings = Vec::new();
    for design in examples() {
        let stem = design.file_stem().expect("stem").to_string_lossy().into_owned();
        let out = t.path().join(&stem);
        let d = design.to_str().expect("utf8");
        // Refused without --accept-inexact: every example has a timelock, signers or offices.
        let o = cogov(&["export", "snapshot", d, "--out", out.to_str().expect("utf8")]);
        assert_eq!(o.status.code(), Some(2), "{stem}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("GOV-X102"), "{stem}");
        ok(&cogov(&["export", "snapshot", d, "--out", out.to_str().expect("utf8"), "--accept-inexact"]));
        let exactness: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("exactness.json")).expect("exactness")).expect("json");
        assert_eq!(exactness["exact"], false, "{stem}");
        settings.push(out.join("settings.json"));
    }
    // The real published settings too.
    for f in ["cow-dao.settings.json", "balancer.index.json"] {
        settings.push(root().join("examples/interop/snapshot").join(f));
    }
    let o = node("snapshot-validate.mjs", &settings);
    let r = results(&o);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(r.len(), settings.len());
    assert!(r.iter().all(|x| x["valid"] == true));
}

#[test]
fn broken_settings_fail_the_same_check_with_their_paths() {
    let t = tempfile::tempdir().expect("tmp");
    let bad = t.path().join("settings.json");
    let v = serde_json::json!({
        "name": "A space name far longer than thirty-two characters",
        "network": "1",
        "strategies": [{"name": "ticket", "network": "1", "params": {}}],
        "voting": {"delay": 3_000_000, "period": 604_800, "type": "basic", "quorum": -1},
        "treasuries": [{"name": "Main", "address": "not-an-address", "network": "1"}]
    });
    std::fs::write(&bad, v.to_string()).expect("write");
    let o = node("snapshot-validate.mjs", std::slice::from_ref(&bad));
    assert_eq!(o.status.code(), Some(1));
    let r = results(&o);
    let paths: Vec<&str> =
        r[0]["errors"].as_array().expect("errors").iter().filter_map(|e| e["path"].as_str()).collect();
    for p in ["/name", "/voting/delay", "/voting/quorum", "/treasuries/0/address"] {
        assert!(paths.contains(&p), "{p} not in {paths:?}");
    }
}

fn import(file: &Path, out: &Path, answers: &[&str]) -> Output {
    let mut args = vec!["import", "snapshot", file.to_str().expect("utf8"), "--out", out.to_str().expect("utf8")];
    for a in answers {
        args.extend(["--answer", a]);
    }
    cogov(&args)
}

#[test]
fn cow_dao_imports_with_its_questions_and_round_trips() {
    let t = tempfile::tempdir().expect("tmp");
    let cow = root().join("examples/interop/snapshot/cow-dao.settings.json");
    let first = t.path().join("cow.json");
    let o = import(&cow, &first, &["total_supply=1000000000", "voter_count=5000"]);
    ok(&o);
    let err = String::from_utf8_lossy(&o.stderr);
    // The unanswered questions, with the values assumed, and the gaps.
    assert!(err.contains("question turnout:") && err.contains("(assumed 0.1)"), "{err}");
    assert!(!err.contains("question total_supply:"), "{err}");
    for code in ["GOV-Y001", "GOV-Y120", "GOV-Y122"] {
        assert!(err.contains(code), "{code}: {err}");
    }
    let gco: serde_json::Value = serde_json::from_slice(&std::fs::read(&first).expect("read")).expect("json");
    assert_eq!(gco["decision_types"][0]["quorum"], 0.035);
    assert_eq!(gco["decision_types"][0]["proposal_threshold"]["min_weight"], 10000.0);

    // A misspelt answer is refused, not ignored.
    let o = import(&cow, &t.path().join("x.json"), &["total_suply=1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("GOV-X103"));

    // Export: only the placeholder strategy is inexact.
    let dir = t.path().join("space");
    let o = cogov(&["export", "snapshot", first.to_str().expect("utf8"), "--out", dir.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("GOV-Y106") && err.contains("(1 gap)"), "{err}");
    ok(&cogov(&[
        "export",
        "snapshot",
        first.to_str().expect("utf8"),
        "--out",
        dir.to_str().expect("utf8"),
        "--accept-inexact",
    ]));
    let exported = std::fs::read(dir.join("settings.json")).expect("settings");
    let s: serde_json::Value = serde_json::from_slice(&exported).expect("json");
    assert_eq!(s["voting"]["quorum"], 35_000_000);
    assert_eq!(s["validation"]["params"]["minScore"], 10_000);
    assert_eq!(s["moderators"].as_array().map(Vec::len), Some(3));

    // Import again: the same design, byte for byte; export again: the same settings.
    let second = t.path().join("cow2.json");
    ok(&import(&dir.join("settings.json"), &second, &["total_supply=1000000000", "voter_count=5000"]));
    assert_eq!(std::fs::read(&first).expect("1"), std::fs::read(&second).expect("2"));
    let dir2 = t.path().join("space2");
    ok(&cogov(&[
        "export",
        "snapshot",
        second.to_str().expect("utf8"),
        "--out",
        dir2.to_str().expect("utf8"),
        "--accept-inexact",
    ]));
    assert_eq!(exported, std::fs::read(dir2.join("settings.json")).expect("settings"));
}

#[test]
fn balancer_imports_to_a_design_without_blocking_findings() {
    let t = tempfile::tempdir().expect("tmp");
    let out = t.path().join("bal.json");
    let o = import(&root().join("examples/interop/snapshot/balancer.index.json"), &out, &["total_supply=100000000"]);
    ok(&o);
    let gco: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).expect("read")).expect("json");
    assert_eq!(gco["identity"]["name"], "balancer");
    assert_eq!(gco["decision_types"][0]["proposal_threshold"]["roles"], serde_json::json!(["space-author"]));
    assert_eq!(gco["members"]["explicit"].as_array().map(Vec::len), Some(8));
    // A broken file is refused at its place.
    let bad = t.path().join("bad.json");
    std::fs::write(&bad, br#"{"name": "x", "strategies": [{"params": {}}]}"#).expect("write");
    let o = import(&bad, &t.path().join("y.json"), &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("GOV-X101") && err.contains("/strategies/0"), "{err}");
}
