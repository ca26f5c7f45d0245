//! Risk scoring: calibration against designs whose risk is known (the reason for each expected
//! level is written beside it), comparison between versions, and a snapshot of the scores of
//! every shipped example.

use cogov_engine::intake;
use cogov_engine::risk::{self, Level, ScoreName, Scores};
use cogov_model::{DelegationEdge, Gco, Signers};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load(rel: &str) -> Gco {
    let bytes = std::fs::read(root().join(rel)).expect("read");
    intake::from_json_bytes(&bytes).and_then(|d| d.into_gco()).expect("reads as a GCO")
}

fn valid(g: &Gco) {
    let blocking: Vec<_> = cogov_engine::validate::validate(g).into_iter().filter(|f| f.is_blocking()).collect();
    assert!(blocking.is_empty(), "{}: {blocking:#?}", g.identity.name);
}

fn level(s: &Scores, n: ScoreName) -> Level {
    s.get(n).expect("every score is present").level
}

fn value(s: &Scores, n: ScoreName) -> f64 {
    s.get(n).expect("every score is present").value
}

#[test]
fn a_handful_of_whales_alerts_on_concentration_and_capture() {
    let g = load("tests/data/risk/whales.json");
    valid(&g);
    let s = risk::score(&g, None);
    // Three of fifty members hold 95% of the weight: the HHI of weight is 3 × 0.32² ≈ 0.30,
    // past the 0.25 band of a highly concentrated market.
    assert_eq!(
        level(&s, ScoreName::AuthorityConcentration),
        Level::Alert,
        "{:#?}",
        s.get(ScoreName::AuthorityConcentration)
    );
    // Model 2: capture is what an *outsider* must buy. The design says nothing about its weight,
    // so a DAO's weight is assumed transferable, wholly circulating, none borrowable: outvoting
    // the usual voters or meeting the 20% quorum takes at least a fifth of the supply, so the
    // risk is at most 1 − 2 × 0.2 = 0.6, and the explanation says what it assumed.
    let capture = s.get(ScoreName::GovernanceCaptureRisk).expect("score");
    assert!(capture.value <= 0.6 + 1e-9, "{capture:#?}");
    assert_ne!(capture.level, Level::Alert);
    assert!(capture.explanation.contains("assumed live"), "{}", capture.explanation);
    // The same weight, read live with half of it borrowable: a flash loan covers what is
    // needed, nothing is bought, the risk is 1.
    let mut flash = g.clone();
    flash.voting_weight = Some(cogov_model::VotingWeight {
        weight_snapshot: Some(cogov_model::WeightSnapshot::Live),
        weight_transferable: Some(true),
        acquirable: Some(cogov_model::Acquirable { circulating: 0.3, borrowable: 0.5, locked: 0.2 }),
        token_price: Some(1.0),
    });
    let f = risk::score(&flash, None);
    let c = f.get(ScoreName::GovernanceCaptureRisk).expect("score");
    assert!(c.value > capture.value, "borrowed weight makes capture cheaper: {c:#?}");
    assert!(c.explanation.contains("borrowed") || c.explanation.contains("flash-loaned"), "{}", c.explanation);
    // Read at proposal creation, the borrowable half no longer counts: only what is bought.
    flash.voting_weight.as_mut().expect("set").weight_snapshot = Some(cogov_model::WeightSnapshot::ProposalCreated);
    let p = risk::score(&flash, None);
    assert!(value(&p, ScoreName::GovernanceCaptureRisk) < c.value);
    let conc = s.get(ScoreName::AuthorityConcentration).expect("score");
    assert!(conc.explanation.contains("Nakamoto 2"), "two whales hold a majority: {}", conc.explanation);
}

#[test]
fn a_five_of_eight_signer_council_does_not_alert_on_treasury_centralisation() {
    let g = load("tests/data/risk/council-5-of-8.json");
    valid(&g);
    let s = risk::score(&g, None);
    // Every spend needs five distinct council signatures (the 2% quorum needs only two
    // voters): the whole treasury per five people, 1/5 = 0.2, under the 0.3 watch threshold.
    assert_eq!(
        level(&s, ScoreName::TreasuryCentralisation),
        Level::Ok,
        "{:#?}",
        s.get(ScoreName::TreasuryCentralisation)
    );
    assert!((value(&s, ScoreName::TreasuryCentralisation) - 0.2).abs() < 1e-9);
    // The same treasury behind a 2-of-3 multisig is half the treasury per person (two council
    // members are the two voters the quorum needs, and the two signers): alert.
    let mut multisig = g.clone();
    multisig.decision_types[1].signers = Some(Signers { role: "council".into(), required: 2, of: Some(3) });
    let m = risk::score(&multisig, None);
    assert_eq!(level(&m, ScoreName::TreasuryCentralisation), Level::Alert);
    // One hundred equal members, nobody with special powers: no concentration.
    assert_eq!(level(&s, ScoreName::AuthorityConcentration), Level::Ok);
}

#[test]
fn a_fixed_council_with_no_tradeable_weight_does_not_alert_on_capture() {
    let g = load("tests/data/risk/council-5-of-8.json");
    let s = risk::score(&g, None);
    assert_eq!(s.model_version, "cogov-risk/2");
    let c = s.get(ScoreName::GovernanceCaptureRisk).expect("score");
    // The design says its weight is not transferable: nobody can buy their way in.
    assert_eq!((c.value, c.level), (0.0, Level::Ok), "{c:#?}");
    assert!(c.explanation.contains("not transferable"), "{}", c.explanation);
    // Declared transferable and read live, the spend path still needs five council signatures:
    // only a power without signers or veto can be bought.
    let mut t = g.clone();
    t.voting_weight = Some(cogov_model::VotingWeight {
        weight_snapshot: Some(cogov_model::WeightSnapshot::Live),
        weight_transferable: Some(true),
        acquirable: Some(cogov_model::Acquirable { circulating: 0.5, borrowable: 0.4, locked: 0.1 }),
        token_price: None,
    });
    let d = risk::score(&t, None);
    let rows = d.get(ScoreName::GovernanceCaptureRisk).expect("score").details["powers"].clone();
    let spend: Vec<&serde_json::Value> =
        rows.as_array().expect("rows").iter().filter(|r| r["decision_type"] == "spend").collect();
    assert!(!spend.is_empty() && spend.iter().all(|r| r["capturable"] == false), "{rows:#?}");
}

#[test]
fn the_token_dao_example_raises_only_true_alerts() {
    let g = load("examples/token-dao.json");
    let s = risk::score(&g, None);
    // Every path to a power needs signers of a council or meets a token-holder veto the usual
    // voters can carry: an outsider buying LUM cannot take anything alone.
    let c = s.get(ScoreName::GovernanceCaptureRisk).expect("score");
    assert_eq!(c.level, Level::Ok, "{c:#?}");
    let alerts: Vec<&str> = s.alerts().map(|a| a.name.as_str()).collect();
    assert!(alerts.is_empty(), "{alerts:?}");
}

#[test]
fn no_delegation_means_no_cascade_risk_and_chains_raise_it() {
    let g = load("tests/data/risk/council-5-of-8.json");
    let s = risk::score(&g, None);
    // No delegation edges: nobody votes anyone else's weight.
    assert_eq!(value(&s, ScoreName::DelegationCascadeRisk), 0.0);
    assert_eq!(level(&s, ScoreName::DelegationCascadeRisk), Level::Ok);
    // Thirty members delegate to ten, who delegate to one: 40% of the weight ends with m001.
    let mut d = g.clone();
    let mut edges = Vec::new();
    for i in 0..30 {
        edges.push(DelegationEdge {
            from: format!("m{:03}", 60 + i),
            to: format!("m{:03}", 2 + i % 10),
            share: 1.0,
            decision_types: vec![],
        });
    }
    for i in 0..10 {
        edges.push(DelegationEdge {
            from: format!("m{:03}", 2 + i),
            to: "m001".into(),
            share: 1.0,
            decision_types: vec![],
        });
    }
    d.delegation = Some(cogov_model::Delegation { allowed: true, max_depth: 2, edges });
    let s = risk::score(&d, None);
    let c = s.get(ScoreName::DelegationCascadeRisk).expect("score");
    assert!((c.value - 0.4).abs() < 1e-9, "{c:#?}");
    assert_eq!(c.level, Level::Alert);
    assert!(c.explanation.contains("m001") && c.explanation.contains("longest chain 2"), "{}", c.explanation);
}

#[test]
fn drift_grows_with_the_weight_of_changes_and_compare_gives_deltas() {
    let old = load("examples/worker-coop.json");
    let same = risk::score(&old, Some(&old));
    assert_eq!(value(&same, ScoreName::ConstitutionalDrift), 0.0, "no change, no drift");
    let mut new = old.clone();
    new.identity.version = semver::Version::new(2, 0, 0);
    // Entrench every clause: major changes to the constitution.
    if let Some(c) = new.constitution.as_mut() {
        for a in &mut c.articles {
            for cl in &mut a.clauses {
                cl.entrenched = !cl.entrenched;
            }
        }
    }
    for dt in &mut new.decision_types {
        dt.quorum *= 0.8;
    }
    let drifted = risk::score(&new, Some(&old));
    let d = drifted.get(ScoreName::ConstitutionalDrift).expect("score");
    assert!(d.value > 0.5, "{d:#?}");
    assert_eq!(d.level, Level::Alert);
    assert!(d.explanation.contains("constitution"), "{}", d.explanation);
    let cmp = risk::compare(&risk::score(&old, None), &drifted);
    assert_eq!(cmp.deltas.len(), 6);
    let density = cmp.deltas.iter().find(|x| x.name == ScoreName::ParticipationDensity).expect("delta");
    assert!(density.delta > 0.0 && !density.worse, "a lower quorum leaves more margin: {density:?}");
    let drift = cmp.deltas.iter().find(|x| x.name == ScoreName::ConstitutionalDrift).expect("delta");
    assert!(drift.worse && drift.old_level == Level::Ok);
}

#[test]
fn the_designs_own_thresholds_decide_the_level() {
    let mut g = load("tests/data/risk/council-5-of-8.json");
    g.alert_thresholds.treasury_centralisation = Some(cogov_model::Threshold { watch: 0.1, alert: 0.15 });
    assert_eq!(level(&risk::score(&g, None), ScoreName::TreasuryCentralisation), Level::Alert);
}

#[test]
fn the_scores_of_every_example() {
    let mut names: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    for p in names {
        let g = load(&p.strip_prefix(root()).expect("under root").display().to_string());
        let s = risk::score(&g, None);
        let mut text = format!("{} {}\n", s.model_version, s.source.instance);
        for sc in &s.scores {
            text.push_str(&format!(
                "{:<24} {:>10.6} {:<5} {}\n",
                sc.name.as_str(),
                sc.value,
                sc.level.as_str(),
                sc.explanation
            ));
        }
        let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        insta::assert_snapshot!(name, text);
    }
}

/// The raw values of the six metrics, before any levelling.
fn raw_metrics(g: &Gco) -> Vec<f64> {
    use cogov_engine::risk::metrics;
    let cx = metrics::Context::new(g);
    vec![
        metrics::authority_concentration(&cx).value,
        metrics::governance_capture(&cx).value,
        metrics::treasury_centralisation(&cx).value,
        metrics::participation_density(&cx).value,
        metrics::delegation_cascade(&cx).value,
        metrics::constitutional_drift(g, None).value,
    ]
}

/// Weights of 1e308 overflowed the total to infinity and every share to NaN, which was
/// reported as 0 at level "ok". The schema now bounds them (GOV-E004), and a score that
/// still cannot be computed is at level alert, never ok.
#[test]
fn weights_of_1e308_are_refused_by_intake_and_never_score_ok() {
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("examples/worker-coop.json")).expect("read")).expect("json");
    for m in v["members"]["explicit"].as_array_mut().expect("members") {
        m["weight"] = serde_json::json!(1e308);
    }
    let doc = intake::from_json_bytes(v.to_string().as_bytes()).expect("parses");
    let range: Vec<_> = doc.findings.iter().filter(|f| f.code == cogov_model::Code::SchemaRange).collect();
    assert_eq!(range.len(), 12, "one GOV-E004 per member weight: {range:#?}");
    assert!(range.iter().all(|f| f.path.ends_with("/weight") && f.is_blocking()));
    let g = doc.gco.expect("still read, to report everything");
    let raw = raw_metrics(&g);
    assert!(raw.iter().any(|x| !x.is_finite()), "the arithmetic overflows on such a design: {raw:?}");
    let s = risk::score(&g, None);
    for (sc, r) in s.scores.iter().zip(&raw) {
        if !r.is_finite() {
            assert_eq!(sc.level, Level::Alert, "{:?}", sc.name);
            assert!(sc.explanation.starts_with("not computable"), "{}", sc.explanation);
        }
    }
    assert!(s.scores.iter().all(|x| x.value.is_finite()));
}

mod finite_scores {
    use super::*;
    use proptest::prelude::*;

    /// Ordinary, large, just-above-the-bound and absurd quantities.
    fn quantity() -> impl Strategy<Value = f64> {
        prop_oneof![
            0.0..1e3f64,
            0.0..cogov_model::MAX_QUANTITY,
            Just(cogov_model::MAX_QUANTITY),
            1e15f64..1e16,
            1e300f64..f64::MAX,
            Just(f64::MAX),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// For any design intake accepts (no blocking schema finding), no raw metric is NaN or
        /// infinite; for any design at all, no score is non-finite and none whose arithmetic
        /// overflowed is "ok".
        #[test]
        fn no_score_is_nan_or_infinite(
            weights in proptest::collection::vec(quantity(), 12),
            balance in quantity(),
            inflow in quantity(),
            tier_max in quantity(),
            population in proptest::option::of((quantity(), 1u32..200)),
        ) {
            let mut v: serde_json::Value =
                serde_json::from_slice(&std::fs::read(root().join("examples/worker-coop.json")).expect("read"))
                    .expect("json");
            for (m, w) in v["members"]["explicit"].as_array_mut().expect("members").iter_mut().zip(&weights) {
                m["weight"] = serde_json::json!(w);
            }
            v["treasury"]["balance"] = serde_json::json!(balance);
            if let Some(i) = v["treasury"]["inflows"].as_array_mut().and_then(|a| a.first_mut()) {
                i["amount"] = serde_json::json!(inflow);
            }
            if let Some(t) = v["treasury"]["tiers"].as_array_mut().and_then(|a| a.first_mut()) {
                t["max"] = serde_json::json!(tier_max);
            }
            if let Some((value, count)) = population {
                v["members"]["population"] = serde_json::json!({
                    "count": count, "seed": 7, "weight": {"kind": "constant", "value": value},
                    "propensity": {"kind": "uniform", "min": 0.0, "max": 1.0},
                });
            }
            let doc = intake::from_json_bytes(v.to_string().as_bytes()).expect("parses");
            let Some(g) = doc.gco.clone() else { return Ok(()) };
            let accepted = !doc.findings.iter().any(|f| f.is_blocking());
            let raw = raw_metrics(&g);
            if accepted {
                prop_assert!(raw.iter().all(|x| x.is_finite()), "accepted design, raw {raw:?}");
            }
            let s = risk::score(&g, None);
            for (sc, r) in s.scores.iter().zip(&raw) {
                prop_assert!(sc.value.is_finite(), "{:?} = {}", sc.name, sc.value);
                if !r.is_finite() {
                    prop_assert_eq!(sc.level, Level::Alert, "{:?} overflowed but is {:?}", sc.name, sc.level);
                }
            }
        }
    }
}
