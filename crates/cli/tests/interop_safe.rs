//! `cogov export safe` and `cogov import safe` through the real binary, checked by the real
//! tools: `tools/interop/safe-check.mjs` decodes every batch transaction with viem against the
//! Roles modifier ABI and compares it with what zodiac-roles-sdk plans for the same roles.

#[path = "support/interop.rs"]
#[allow(dead_code)]
mod support;

use serde_json::Value;
use std::path::Path;
use support::{cogov, fingerprint, root};

fn tmp(name: &str) -> std::path::PathBuf {
    support::tmp("safe", name)
}

/// Runs a checker of tools/interop on `dir`: whether it passed, and its report.
fn node_check(script: &str, dir: &Path) -> (bool, Value) {
    let out = support::node(script, &["zodiac-roles-sdk", "viem"], [dir], &root());
    (out.status.success(), support::report(script, &out))
}

/// The example designs that have signers (every one but the plain vote of rc1.json).
const DESIGNS: &[&str] =
    &["ecosystem-gov", "federated-gov", "oss-foundation", "service-gov", "token-dao", "worker-coop"];

#[test]
fn every_example_design_exports_to_files_the_real_tools_accept() {
    for name in DESIGNS {
        let out = tmp(name);
        let design = format!("examples/{name}.json");
        let o = cogov(&["export", "safe", &design, "--out", out.to_str().expect("test step"), "--accept-inexact"]);
        assert!(o.status.success(), "{name}: {}", String::from_utf8_lossy(&o.stderr));
        let (ok, report) = node_check("safe-check.mjs", &out);
        assert!(ok, "{name}: {report:#}");
        assert!(report["safes"].as_u64().expect("test step") >= 1, "{name} has signers, so Safes: {report:#}");
        assert!(report["roles"].as_u64().expect("test step") >= 1, "{name} has spending roles: {report:#}");
        assert_eq!(
            report["transactions"], report["sdkPlannedCalls"],
            "{name}: the batch is exactly the SDK's plan: {report:#}"
        );
        // The exactness report lists the gaps beside the files.
        let exactness: Value =
            serde_json::from_slice(&std::fs::read(out.join("exactness.json")).expect("test step")).expect("test step");
        assert_eq!(exactness["exact"], false);
        let codes: Vec<&str> = exactness["gaps"]
            .as_array()
            .expect("test step")
            .iter()
            .map(|g| g["code"].as_str().expect("test step"))
            .collect();
        assert!(codes.contains(&"GOV-Y300"), "{name}: members have no addresses, so placeholders: {codes:?}");
        assert!(codes.contains(&"GOV-Y301"), "{name}: votes are not held by a Safe: {codes:?}");
    }
}

#[test]
fn an_inexact_export_is_refused_without_accept_inexact() {
    let out = tmp("refused");
    let o = cogov(&["export", "safe", "examples/worker-coop.json", "--out", out.to_str().expect("test step")]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("GOV-X102") && err.contains("GOV-Y301"), "{err}");
    assert!(!out.join("roles-batch.json").exists(), "nothing is written");
}

#[test]
fn the_same_design_gives_the_same_bytes() {
    let (a, b) = (tmp("det-a"), tmp("det-b"));
    for d in [&a, &b] {
        let o = cogov(&[
            "export",
            "safe",
            "examples/token-dao.json",
            "--out",
            d.to_str().expect("test step"),
            "--accept-inexact",
        ]);
        assert!(o.status.success());
    }
    for f in ["roles-batch.json", "roles.json", "addresses.json", "exactness.json"] {
        assert_eq!(std::fs::read(a.join(f)).expect("test step"), std::fs::read(b.join(f)).expect("test step"), "{f}");
    }
}

#[test]
fn the_check_fails_on_a_broken_batch() {
    let out = tmp("broken");
    let o = cogov(&[
        "export",
        "safe",
        "examples/worker-coop.json",
        "--out",
        out.to_str().expect("test step"),
        "--accept-inexact",
    ]);
    assert!(o.status.success());
    // Raise the first allowance's balance in the call data only: it still decodes, but it is no
    // longer what the roles say, and the checksum no longer matches.
    let path = out.join("roles-batch.json");
    let mut batch: Value = serde_json::from_slice(&std::fs::read(&path).expect("test step")).expect("test step");
    let data = batch["transactions"][0]["data"].as_str().expect("test step").to_owned();
    assert!(data.starts_with("0xa8ec43ee"), "the batch opens with setAllowance: {data}");
    let tampered = format!("{}f{}", &data[..80], &data[81..]);
    batch["transactions"][0]["data"] = Value::String(tampered);
    std::fs::write(&path, serde_json::to_vec_pretty(&batch).expect("test step")).expect("test step");
    let (ok, report) = node_check("safe-check.mjs", &out);
    assert!(!ok, "{report:#}");
    let text = report["failures"].to_string();
    assert!(text.contains("checksum"), "{text}");
    assert!(text.contains("not planned by the SDK"), "{text}");
    assert!(text.contains("input balance"), "{text}");
}

#[test]
fn a_real_safe_imports_exports_and_imports_to_the_same_design() {
    let dir = tmp("roundtrip");
    std::fs::create_dir_all(&dir).expect("test step");
    let first = dir.join("first.json");
    let o = cogov(&[
        "import",
        "safe",
        "examples/interop/safe/lido-gateseal-committee-safe.json",
        "--out",
        first.to_str().expect("test step"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("question signing_period"), "the import says what it assumed: {err}");

    let gco: Value = serde_json::from_slice(&std::fs::read(&first).expect("test step")).expect("test step");
    let dt = &gco["decision_types"][0];
    assert_eq!(dt["signers"]["required"], 3, "{dt:#}");
    assert_eq!(dt["signers"]["of"], 6, "{dt:#}");
    assert_eq!(gco["members"]["explicit"].as_array().expect("test step").len(), 6);

    let out = dir.join("export");
    let o = cogov(&[
        "export",
        "safe",
        first.to_str().expect("test step"),
        "--out",
        out.to_str().expect("test step"),
        "--accept-inexact",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (ok, report) = node_check("safe-check.mjs", &out);
    assert!(ok, "{report:#}");
    let safe_file =
        std::fs::read_dir(out.join("safes")).expect("test step").next().expect("test step").expect("test step").path();
    let exported: Value = serde_json::from_slice(&std::fs::read(&safe_file).expect("test step")).expect("test step");
    let source: Value = serde_json::from_slice(
        &std::fs::read(root().join("examples/interop/safe/lido-gateseal-committee-safe.json")).expect("test step"),
    )
    .expect("test step");
    assert_eq!(exported["address"], source["address"], "the Safe keeps its address");
    assert_eq!(exported["owners"], source["owners"], "and its owners, checksummed as the service gives them");

    let second = dir.join("second.json");
    let o = cogov(&[
        "import",
        "safe",
        safe_file.to_str().expect("test step"),
        "--out",
        second.to_str().expect("test step"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(fingerprint(&first), fingerprint(&second));
}

#[test]
fn unreadable_safes_are_refused_with_their_place() {
    let dir = tmp("bad");
    std::fs::create_dir_all(&dir).expect("test step");
    let cases = [
        (
            r#"{"address":"0x0000000000000000000000000000000000000001","threshold":0,"owners":["0x0000000000000000000000000000000000000002"]}"#,
            "/threshold",
        ),
        (r#"{"address":"0x0000000000000000000000000000000000000001","threshold":1,"owners":["alice"]}"#, "/owners/0"),
        (r#"{"address":"nowhere","threshold":1,"owners":[]}"#, "/address"),
        (
            r#"{"address":"0x0000000000000000000000000000000000000001","threshold":3,"owners":["0x0000000000000000000000000000000000000002","0x0000000000000000000000000000000000000003"]}"#,
            "/threshold",
        ),
    ];
    for (i, (text, pointer)) in cases.iter().enumerate() {
        let f = dir.join(format!("{i}.json"));
        std::fs::write(&f, text).expect("test step");
        let o = cogov(&["import", "safe", f.to_str().expect("test step")]);
        assert_eq!(o.status.code(), Some(2), "case {i}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("GOV-X130") && err.contains(pointer), "case {i}: {err}");
    }
}
