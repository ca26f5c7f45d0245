//! `cogov import bravo` as a user runs it: published GovernorBravo parameters import and
//! score; values outside the contract's own bounds are refused with the code and pointer;
//! the absolute quorum becomes a share of the supply the file or an answer gives.

use cogov_engine::interop::{self, Answers, Kind};
use cogov_engine::{risk, validate};
use std::path::{Path, PathBuf};
use support::{cogov, root, text};

#[path = "support/interop.rs"]
#[allow(dead_code)]
mod support;

fn fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("examples/interop/bravo"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

fn summary(file: &Path) -> String {
    let imported = interop::import(Kind::Bravo, &std::fs::read(file).expect("read"), &Answers::new()).expect("imports");
    let gco = &imported.gco;
    let report = validate::report_gco(gco);
    let scores = risk::score(gco, None);
    let dt = &gco.decision_types[0];
    let mut s = format!(
        "design: {} ({})\nvoting: delay {} / period {} / timelock {} on {:?}\nquorum {} ({:?}), approval {}, threshold {} tokens\nveto: {}\ncompliance score: {}\n",
        gco.identity.name,
        gco.identity.display_name.as_deref().unwrap_or(""),
        dt.voting_delay,
        dt.voting_period,
        dt.timelock,
        dt.clock,
        dt.quorum,
        dt.quorum_counting,
        dt.approval,
        dt.proposal_threshold.min_weight,
        dt.veto.len(),
        report.compliance_score
    );
    for f in &report.findings {
        s.push_str(&format!("finding {} {} at {}\n", f.code, f.severity.as_str(), f.path));
    }
    for g in &imported.gaps {
        s.push_str(&format!("gap {} at {}\n", g.code, g.pointer));
    }
    for sc in &scores.scores {
        s.push_str(&format!("risk {}: {} ({})\n", sc.name.as_str(), sc.value, sc.level.as_str()));
    }
    assert!(!report.is_blocking(), "{} imports with blocking findings:\n{s}", file.display());
    s
}

#[test]
fn published_bravo_governors_import_and_score() {
    let files = fixtures();
    assert!(files.len() >= 2);
    for file in files {
        let name = file.file_stem().expect("stem").to_string_lossy().into_owned();
        insta::assert_snapshot!(format!("bravo-{name}"), summary(&file));
    }
}

#[test]
fn out_of_bounds_values_are_refused_with_code_and_pointer() {
    let t = tempfile::tempdir().expect("tmp");
    let compound: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("examples/interop/bravo/compound.json")).expect("read"))
            .expect("json");
    let cases = [
        ("/governor/votingPeriod", serde_json::json!("5759"), "MIN_VOTING_PERIOD = 5760"),
        ("/governor/votingDelay", serde_json::json!(40321), "MAX_VOTING_DELAY = 40320"),
        ("/governor/proposalThreshold", serde_json::json!("999999999999999999999"), "MIN_PROPOSAL_THRESHOLD"),
        ("/timelock/delay", serde_json::json!(86400), "MINIMUM_DELAY = 172800"),
    ];
    for (pointer, value, bound) in cases {
        let mut v = compound.clone();
        *v.pointer_mut(pointer).expect("field") = value;
        let f = t.path().join("bad.json");
        std::fs::write(&f, v.to_string()).expect("write");
        let o = cogov(&["import", "bravo", f.to_str().expect("utf8")]);
        let s = text(&o);
        assert_eq!(o.status.code(), Some(2), "{s}");
        assert!(s.contains("GOV-X121") && s.contains(pointer) && s.contains(bound), "{pointer}:\n{s}");
    }
}

#[test]
fn the_quorum_share_needs_the_supply() {
    let t = tempfile::tempdir().expect("tmp");
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("examples/interop/bravo/compound.json")).expect("read"))
            .expect("json");
    v["token"].as_object_mut().expect("token").remove("totalSupply");
    let f = t.path().join("nosupply.json");
    std::fs::write(&f, v.to_string()).expect("write");
    let o = cogov(&["import", "bravo", f.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("GOV-X104") && text(&o).contains("total_supply"), "{}", text(&o));
    // 400,000 COMP of 10,000,000 is a 4% quorum; of 8,000,000 it is 5%.
    let o = cogov(&["import", "bravo", f.to_str().expect("utf8"), "--answer", "total_supply=8000000"]);
    assert!(o.status.success(), "{}", text(&o));
    let gco: serde_json::Value = serde_json::from_slice(&o.stdout).expect("gco");
    assert_eq!(gco["decision_types"][0]["quorum"], 0.05);
    assert_eq!(gco["decision_types"][0]["quorum_counting"], "for_only");
    assert_eq!(gco["decision_types"][0]["timelock"], 14400);
}
