use super::*;
use crate::interop::{self, ExportOptions, Kind};
use cogov_model::{ErrorCode, GapCode};
use serde_json::{Value, json};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../examples/interop/snapshot/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn example(name: &str) -> Gco {
    let bytes = std::fs::read(format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))).expect("example");
    serde_json::from_slice(&bytes).expect("gco")
}

fn answers(pairs: &[(&str, Value)]) -> Answers {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect()
}

fn settings(out: &Exported) -> Value {
    let f = out.files.iter().find(|f| f.path == "settings.json").expect("settings.json");
    serde_json::from_slice(&f.bytes).expect("json")
}

fn codes(gaps: &[interop::Gap]) -> Vec<&'static str> {
    gaps.iter().map(|g| g.code.as_str()).collect()
}

#[test]
fn cow_dao_reads_as_one_decision_type_with_its_quorum_as_a_share() {
    let a = answers(&[("total_supply", json!(1_000_000_000)), ("voter_count", json!(2000))]);
    let imp = interop::import(Kind::Snapshot, &fixture("cow-dao.settings.json"), &a).expect("import");
    let g = &imp.gco;
    assert_eq!(g.identity.name, "cow-dao");
    assert_eq!(g.identity.display_name.as_deref(), Some("CoW DAO"));
    let d = &g.decision_types[0];
    assert_eq!((d.quorum, d.approval, d.voting_delay, d.voting_period), (0.035, 0.5, 0, 604_800));
    assert_eq!(d.proposal_threshold.min_weight, 10_000.0);
    assert_eq!(g.members.population.as_ref().map(|p| p.count), Some(2000));
    // Three moderators, no admins or authors.
    assert_eq!(g.members.explicit.len(), 3);
    assert!(g.members.explicit.iter().all(|m| m.roles == [MODERATOR_ROLE]));
    // Delegation strategies → delegation allowed.
    assert!(g.delegation.as_ref().is_some_and(|x| x.allowed));
    // Every question is listed; the unanswered ones are SourceSilent gaps.
    let keys: Vec<&str> = imp.questions.iter().map(|q| q.key.as_str()).collect();
    assert_eq!(keys, ["total_supply", "voter_count", "turnout", "approval", "voting_delay"]);
    let silent: Vec<&str> =
        imp.gaps.iter().filter(|g| g.code == GapCode::SourceSilent).map(|g| g.pointer.as_str()).collect();
    assert_eq!(
        silent,
        ["/members/population/propensity", "/decision_types/0/approval", "/decision_types/0/voting_delay"]
    );
    let c = codes(&imp.gaps);
    assert!(c.contains(&"GOV-Y120") && c.contains(&"GOV-Y122"), "{c:?}");
    let report = crate::validate::report_gco(g);
    assert!(!report.is_blocking(), "{:#?}", report.findings);
}

#[test]
fn import_export_import_keeps_the_fingerprint_and_export_import_export_the_bytes() {
    for (file, supply) in [("cow-dao.settings.json", 1_000_000_000.0), ("balancer.index.json", 100_000_000.0)] {
        let a = answers(&[("total_supply", json!(supply))]);
        let first = import(&fixture(file), &a).expect("import");
        let out = export(&first.gco).expect("export");
        let bytes = &out.files[0].bytes;
        // The export of an import names voting_delay (and period) itself: those questions go.
        let second = import(bytes, &a).expect("re-import");
        assert_eq!(second.gco.fingerprint(), first.gco.fingerprint(), "{file}");
        let again = export(&second.gco).expect("export");
        assert_eq!(&again.files[0].bytes, bytes, "{file}");
        // What is not exact is the placeholder strategy (the voters are not addresses).
        assert_eq!(codes(&out.gaps), ["GOV-Y106"], "{file}: {:#?}", out.gaps);
    }
}

#[test]
fn balancer_members_only_propose() {
    let imp = import(&fixture("balancer.index.json"), &answers(&[])).expect("import");
    let d = &imp.gco.decision_types[0];
    assert_eq!(d.proposal_threshold.roles, [AUTHOR_ROLE]);
    assert_eq!(d.proposal_threshold.min_weight, 0.0, "filters.minScore does not bind the members");
    assert!(imp.gaps.iter().any(|g| g.code == GapCode::SnapshotValidation));
    assert!(!crate::validate::report_gco(&imp.gco).is_blocking());
    assert_eq!(imp.gco.members.explicit.len(), 8);
    let out = export(&imp.gco).expect("export");
    let s = settings(&out);
    assert_eq!(s["filters"], json!({"onlyMembers": true}));
    assert_eq!(s["members"].as_array().map(Vec::len), Some(8));
    assert_eq!(s["validation"], json!({"name": "any", "params": {}}));
}

#[test]
fn the_token_dao_exports_the_rules_most_types_share_and_lists_the_rest() {
    let gco = example("token-dao.json");
    let out = export(&gco).expect("export");
    let s = settings(&out);
    // parameter-change, treasury-medium and general-resolution share 7200/50400 blocks, 4 %.
    assert_eq!(s["voting"]["delay"], json!(86_400));
    assert_eq!(s["voting"]["period"], json!(604_800));
    assert_eq!(s["validation"]["params"]["minScore"], json!(25_000));
    let other: Vec<&str> =
        out.gaps.iter().filter(|g| g.code == GapCode::SnapshotOtherRules).map(|g| g.pointer.as_str()).collect();
    assert_eq!(
        other,
        [
            "/decision_types/1",
            "/decision_types/3",
            "/decision_types/4",
            "/decision_types/6",
            "/decision_types/7",
            "/decision_types/8"
        ]
    );
    let c = codes(&out.gaps);
    for code in [
        "GOV-Y101", "GOV-Y102", "GOV-Y103", "GOV-Y104", "GOV-Y105", "GOV-Y106", "GOV-Y109", "GOV-Y110", "GOV-Y111",
        "GOV-Y112",
    ] {
        assert!(c.contains(&code), "{code} missing from {c:?}");
    }
    // Refused without --accept-inexact, with every gap in the message.
    let err = interop::export(Kind::Snapshot, &gco, ExportOptions::default()).expect_err("inexact");
    assert_eq!(err.code, ErrorCode::InteropInexact);
    assert!(err.message.contains("GOV-Y100"));
    // Same design, same bytes.
    assert_eq!(export(&gco).expect("again").files, out.files);
}

#[test]
fn addresses_with_weights_become_a_weighted_whitelist_and_the_export_is_exact() {
    let mut gco = example("rc1.json");
    gco.decision_types.truncate(1);
    gco.decision_types[0].quorum_counting = Some(cogov_model::QuorumCounting::AllCast);
    gco.roles.clear();
    gco.treasury = None;
    gco.constitution = None;
    gco.escalation = None;
    gco.delegation = None;
    gco.members.explicit.truncate(3);
    for (i, m) in gco.members.explicit.iter_mut().enumerate() {
        m.id = format!("0x{:040x}", i + 1);
        m.roles.clear();
    }
    gco.decision_types[0].proposal_threshold = Default::default();
    let out = export(&gco).expect("export");
    let s = settings(&out);
    assert_eq!(s["strategies"][0]["name"], "whitelist-weighted");
    let c = codes(&out.gaps);
    assert!(!c.contains(&"GOV-Y106"), "{c:?}");
}

#[test]
fn broken_settings_are_refused_at_their_place() {
    let cases: [(&[u8], ErrorCode, &str); 5] = [
        (b"{\"name\": \"x\",\n \"strategies\": [}", ErrorCode::InteropSourceInvalid, "2:"),
        (b"[]", ErrorCode::InteropSourceInvalid, "(root)"),
        (br#"{"name": "x"}"#, ErrorCode::InteropSourceInvalid, "/strategies"),
        (br#"{"name": "x", "strategies": [{"params": {}}]}"#, ErrorCode::InteropSourceInvalid, "/strategies/0"),
        (
            br#"{"name": "x", "strategies": [{"name": "ticket"}], "voting": {"quorum": "lots"}}"#,
            ErrorCode::InteropSourceInvalid,
            "/voting/quorum",
        ),
    ];
    for (bytes, code, at) in cases {
        let e = import(bytes, &answers(&[])).expect_err("refused");
        assert_eq!(e.code, code, "{e}");
        assert!(e.location.to_string().starts_with(at), "{e}");
    }
    // A quorum larger than the supply given.
    let s = br#"{"name": "x", "strategies": [{"name": "ticket"}], "voting": {"quorum": 500}}"#;
    let e = import(s, &answers(&[("total_supply", json!(100))])).expect_err("refused");
    assert_eq!(e.code, ErrorCode::InteropAnswer);
    let e = import(s, &answers(&[("voter_count", json!(0))])).expect_err("refused");
    assert_eq!(e.code, ErrorCode::InteropAnswer);
}

#[test]
fn a_design_without_decision_types_has_nothing_to_export() {
    let mut gco = example("rc1.json");
    gco.decision_types.clear();
    let e = export(&gco).expect_err("nothing");
    assert_eq!(e.code, ErrorCode::SnapshotNoDecisionType);
}
