//! `cogov export aragon` and `cogov import aragon` through the real binary, checked by
//! `tools/interop/aragon-check.mjs`: viem decodes every install data against the plugins'
//! published `prepareInstallation` description and compares it with the settings beside it.

#[path = "support/interop.rs"]
#[allow(dead_code)]
mod support;

use serde_json::Value;
use std::path::Path;
use support::{cogov, fingerprint, root};

fn tmp(name: &str) -> std::path::PathBuf {
    support::tmp("aragon", name)
}

/// Runs aragon-check.mjs on `dir`: whether it passed, and its report.
fn check(dir: &Path) -> (bool, Value) {
    let out = support::node("aragon-check.mjs", &["viem"], [dir], &root());
    (out.status.success(), support::report("aragon-check.mjs", &out))
}

fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .expect("test step")
}

#[test]
fn every_example_design_exports_install_data_that_decodes_to_its_settings() {
    for name in ["ecosystem-gov", "federated-gov", "oss-foundation", "rc1", "service-gov", "token-dao", "worker-coop"] {
        let out = tmp(name);
        let o = cogov(&[
            "export",
            "aragon",
            &format!("examples/{name}.json"),
            "--out",
            out.to_str().expect("test step"),
            "--accept-inexact",
        ]);
        assert!(o.status.success(), "{name}: {}", String::from_utf8_lossy(&o.stderr));
        let (ok, report) = check(&out);
        assert!(ok, "{name}: {report:#}");
        let design = read(&root().join(format!("examples/{name}.json")));
        let types = design["decision_types"].as_array().expect("test step");
        let signed = types.iter().filter(|d| d["signers"].is_object()).count();
        assert_eq!(
            report["installs"].as_u64().expect("test step") as usize,
            types.len() + signed,
            "{name}: {report:#}"
        );
    }
}

#[test]
fn the_mapping_is_parts_per_million_of_the_design() {
    let out = tmp("mapping");
    let o = cogov(&[
        "export",
        "aragon",
        "examples/token-dao.json",
        "--out",
        out.to_str().expect("test step"),
        "--accept-inexact",
    ]);
    assert!(o.status.success());
    // treasury-large: quorum 0.08, approval 0.6, 50400 blocks of 12 s, proposers need 100000.
    let s = read(&out.join("token-voting/treasury-large.json"));
    let v = &s["votingSettings"];
    assert_eq!(v["minParticipation"], 80_000);
    assert_eq!(v["supportThreshold"], 600_000);
    assert_eq!(v["minDuration"], 604_800);
    assert_eq!(v["minProposerVotingPower"], "100000000000000000000000");
    assert_eq!(v["votingMode"], "Standard");
    // council-election lets voters change their vote.
    let e = read(&out.join("token-voting/council-election.json"));
    assert_eq!(e["votingSettings"]["votingMode"], "VoteReplacement");
    let m = read(&out.join("multisig/treasury-large.json"));
    assert_eq!(m["multisigSettings"]["minApprovals"], 4);
    let exactness = read(&out.join("exactness.json"));
    let codes: Vec<&str> = exactness["gaps"]
        .as_array()
        .expect("test step")
        .iter()
        .map(|g| g["code"].as_str().expect("test step"))
        .collect();
    for code in ["GOV-Y400", "GOV-Y401", "GOV-Y403", "GOV-Y405"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
}

#[test]
fn the_check_fails_when_install_data_and_settings_differ() {
    let out = tmp("broken");
    let o = cogov(&[
        "export",
        "aragon",
        "examples/worker-coop.json",
        "--out",
        out.to_str().expect("test step"),
        "--accept-inexact",
    ]);
    assert!(o.status.success());
    let path = out.join("token-voting/general-assembly.json");
    let mut s = read(&path);
    s["votingSettings"]["supportThreshold"] = Value::from(400_000);
    std::fs::write(&path, serde_json::to_vec_pretty(&s).expect("test step")).expect("test step");
    let (ok, report) = check(&out);
    assert!(!ok, "{report:#}");
    assert!(report["failures"].to_string().contains("supportThreshold"), "{report:#}");
}

#[test]
fn settings_import_export_and_import_to_the_same_design() {
    for fixture in ["examples/interop/aragon/token-voting.json", "examples/interop/aragon/multisig.json"] {
        let dir = tmp(fixture.rsplit('/').next().expect("test step"));
        std::fs::create_dir_all(&dir).expect("test step");
        let first = dir.join("first.json");
        let o = cogov(&["import", "aragon", fixture, "--out", first.to_str().expect("test step")]);
        assert!(o.status.success(), "{fixture}: {}", String::from_utf8_lossy(&o.stderr));
        let out = dir.join("export");
        let o = cogov(&[
            "export",
            "aragon",
            first.to_str().expect("test step"),
            "--out",
            out.to_str().expect("test step"),
            "--accept-inexact",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let (ok, report) = check(&out);
        assert!(ok, "{report:#}");
        let source = read(&root().join(fixture));
        let plugin = source["plugin"].as_str().expect("test step");
        let id = source["decisionType"].as_str().expect("test step");
        let again = out.join(format!("{plugin}/{id}.json"));
        let exported = read(&again);
        for key in ["votingSettings", "multisigSettings", "members"] {
            assert_eq!(exported[key], source[key], "{fixture}: {key} survives the round trip");
        }
        let second = dir.join("second.json");
        let o = cogov(&[
            "import",
            "aragon",
            again.to_str().expect("test step"),
            "--out",
            second.to_str().expect("test step"),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(fingerprint(&first), fingerprint(&second), "{fixture}");
    }
}

#[test]
fn unreadable_settings_are_refused_with_their_place() {
    let dir = tmp("bad");
    std::fs::create_dir_all(&dir).expect("test step");
    let vs = |mode: &str, support: u64, duration: u64| {
        format!(
            r#"{{"plugin":"token-voting","votingSettings":{{"votingMode":"{mode}","supportThreshold":{support},"minParticipation":1,"minDuration":{duration},"minProposerVotingPower":"0"}}}}"#
        )
    };
    let cases = [
        (vs("Sometimes", 500_000, 86_400), "/votingSettings/votingMode"),
        (vs("Standard", 1_000_001, 86_400), "/votingSettings/supportThreshold"),
        (vs("Standard", 500_000, 60), "/votingSettings/minDuration"),
        (r#"{"plugin":"multisig","members":["0x0000000000000000000000000000000000000001"],"multisigSettings":{"onlyListed":true,"minApprovals":2}}"#.to_owned(), "/multisigSettings/minApprovals"),
        (r#"{"plugin":"admin"}"#.to_owned(), "/plugin"),
    ];
    for (i, (text, pointer)) in cases.iter().enumerate() {
        let f = dir.join(format!("{i}.json"));
        std::fs::write(&f, text).expect("test step");
        let o = cogov(&["import", "aragon", f.to_str().expect("test step")]);
        assert_eq!(o.status.code(), Some(2), "case {i}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("GOV-X140") && err.contains(pointer), "case {i}: {err}");
    }
}
