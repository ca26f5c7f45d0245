//! The case library (`examples/cases/`): designs modelled on publicly documented governance
//! failures, each as it stood before the failure, and well-run controls. Every failure must
//! get the finding or the alert of its mechanism (`examples/cases/expectations.json`, the
//! reasons in `examples/cases/README.md`); no control may get a capture, concentration or
//! flash-loan alert, nor any capture finding.

use cogov_engine::risk::{self, Level, ScoreName};
use cogov_engine::{constitution, intake, validate};
use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cases() -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(root().join("examples/cases"))
        .expect("examples/cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && !p.ends_with("expectations.json"))
        .map(|p| {
            let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
            (name, std::fs::read(&p).expect("read"))
        })
        .collect();
    v.sort();
    v
}

fn expectations() -> Value {
    let bytes = std::fs::read(root().join("examples/cases/expectations.json")).expect("expectations.json");
    serde_json::from_slice(&bytes).expect("expectations.json is JSON")
}

/// The codes of the new capture rules (and the flash-loan warning that predates them).
fn capture_code(code: &str) -> bool {
    let n: u32 = code.get(5..).and_then(|n| n.parse().ok()).unwrap_or(0);
    (950..=999).contains(&n) || code == "GOV-W304"
}

struct Outcome {
    codes: Vec<String>,
    scores: risk::Scores,
}

fn outcome(name: &str, bytes: &[u8]) -> Outcome {
    let (_, doc) = intake::load(&format!("examples/cases/{name}.json"), bytes).expect("the case reads");
    assert!(doc.findings.is_empty(), "{name}: schema findings {:#?}", doc.findings);
    let report = validate::report(&doc);
    let gco = doc.gco.expect("typed");
    Outcome { codes: report.findings.iter().map(|f| f.code.to_string()).collect(), scores: risk::score(&gco, None) }
}

#[test]
fn every_case_is_listed_and_there_are_enough() {
    let e = expectations();
    let (failures, controls) =
        (e["failures"].as_object().expect("failures"), e["controls"].as_array().expect("controls"));
    assert!(failures.len() >= 10, "at least ten failures, found {}", failures.len());
    assert!(controls.len() >= 5, "at least five controls, found {}", controls.len());
    for (name, _) in cases() {
        let listed = failures.contains_key(&name) || controls.iter().any(|c| c == name.as_str());
        assert!(listed, "{name} is in examples/cases but not in expectations.json");
    }
    let readme = std::fs::read_to_string(root().join("examples/cases/README.md")).expect("README");
    for (name, _) in cases() {
        assert!(readme.contains(&format!("`{name}.json`")), "{name} has no README row");
    }
}

#[test]
fn each_failure_gets_the_finding_or_alert_of_its_mechanism() {
    let e = expectations();
    let all = cases();
    for (name, want) in e["failures"].as_object().expect("failures") {
        let (_, bytes) = all.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name}.json missing"));
        let o = outcome(name, bytes);
        for code in want["codes"].as_array().expect("codes") {
            let code = code.as_str().expect("code");
            assert!(o.codes.iter().any(|c| c == code), "{name} must raise {code}; got {:?}", o.codes);
        }
        for alert in want["alerts"].as_array().expect("alerts") {
            let s = o.scores.scores.iter().find(|s| s.name.as_str() == alert).expect("a score name");
            assert_eq!(s.level, Level::Alert, "{name} must alert on {alert}: {} ({})", s.value, s.explanation);
        }
    }
}

#[test]
fn no_control_gets_a_capture_concentration_or_flash_loan_alert_or_finding() {
    let e = expectations();
    let all = cases();
    for name in e["controls"].as_array().expect("controls") {
        let name = name.as_str().expect("name");
        let (_, bytes) = all.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name}.json missing"));
        let o = outcome(name, bytes);
        let bad: Vec<&String> = o.codes.iter().filter(|c| capture_code(c) || c.starts_with("GOV-E")).collect();
        assert!(bad.is_empty(), "{name}: {bad:?}");
        for n in [ScoreName::GovernanceCaptureRisk, ScoreName::AuthorityConcentration, ScoreName::DelegationCascadeRisk]
        {
            let s = o.scores.get(n).expect("score");
            assert_ne!(s.level, Level::Alert, "{name}: {} alerts at {} ({})", n.as_str(), s.value, s.explanation);
        }
    }
}

#[test]
fn every_case_round_trips_through_the_constitution_with_its_fingerprint() {
    for (name, bytes) in cases() {
        let gco = intake::from_json_bytes(&bytes).and_then(|d| d.into_gco()).expect("reads");
        let md = constitution::export(&gco);
        let back = intake::from_value(constitution::parse(&md).expect("parses"));
        assert!(back.findings.is_empty(), "{name}: {:?}", back.findings);
        assert_eq!(back.gco.expect("typed").fingerprint(), gco.fingerprint(), "{name}");
    }
}

/// What each case raises, as a reviewer reads it: the capture findings and the capture score.
#[test]
fn the_case_library_at_a_glance() {
    let mut text = String::new();
    for (name, bytes) in cases() {
        let o = outcome(&name, &bytes);
        let mut codes: Vec<&String> = o.codes.iter().filter(|c| capture_code(c) || c.starts_with("GOV-E")).collect();
        codes.sort();
        codes.dedup();
        let cap = o.scores.get(ScoreName::GovernanceCaptureRisk).expect("score");
        text.push_str(&format!(
            "{name}\n  codes: {}\n  capture {:.6} {}: {}\n",
            codes.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" "),
            cap.value,
            cap.level.as_str(),
            cap.explanation
        ));
    }
    insta::assert_snapshot!("case_library", text);
}
