//! Build records: the gate stops a blocked design before compile, retries are idempotent,
//! records are append-only.

mod common;

use common::{example, open};

#[test]
fn a_blocked_validation_leaves_a_record_with_its_reason_code_and_no_compile_output() {
    let (_d, mut store) = open();
    let mut g = example("worker-coop");
    g.decision_types[0].quorum = 0.99;
    store.commit(&g, "unreachable quorum", "ada").expect("commit");
    let out = store.build(&g.identity.name, &g.identity.version.to_string(), "ada").expect("build runs");
    let r = &out.record;
    assert_eq!((r.status.as_str(), r.reason_code.as_deref()), ("failed", Some("GOV-P001")));
    let stages: Vec<(&str, &str)> = r.stages.iter().map(|s| (s.stage.as_str(), s.status.as_str())).collect();
    assert_eq!(
        stages,
        [
            ("ingest", "passed"),
            ("validate", "failed"),
            ("compile", "blocked"),
            ("score", "blocked"),
            ("simulate", "blocked"),
            ("generate", "blocked"),
            ("bundle", "blocked"),
            ("deploy", "blocked")
        ]
    );
    assert!(r.stages[1].detail.contains("GOV-E301"), "{}", r.stages[1].detail);
    assert!(r.stages[2..].iter().all(|s| s.outputs.is_empty()), "no compile output");
    assert_eq!(r.stages[0].outputs[0].name, "gco");
}

#[test]
fn a_retry_with_the_same_inputs_finds_the_earlier_record() {
    let (_d, mut store) = open();
    let g = example("worker-coop");
    store.commit(&g, "first", "ada").expect("commit");
    let v = g.identity.version.to_string();
    let first = store.build(&g.identity.name, &v, "ada").expect("build");
    assert!(first.created);
    assert_eq!(first.record.status, cogov_store::builds::BuildStatus::Passed);
    let compiled: Vec<&str> = first.record.stages[2..4].iter().map(|s| s.status.as_str()).collect();
    assert_eq!(compiled, ["passed", "passed"], "compile and score run");
    assert!(first.record.stages[2].outputs.iter().any(|o| o.name == "policies.cedar"));
    assert_eq!(first.record.stages[5].status, "passed", "the documents are generated");
    assert!(
        [&first.record.stages[4], &first.record.stages[6], &first.record.stages[7]]
            .iter()
            .all(|s| s.status == "skipped" && s.reason_code.as_deref() == Some("GOV-P004")),
        "simulate, bundle and deploy are their own commands, not unavailable"
    );
    let again = store.build(&g.identity.name, &v, "bo").expect("retry");
    assert!(!again.created);
    assert_eq!(again.record, first.record);
    assert_eq!(store.builds(&g.identity.name).expect("builds").len(), 1);
    let e = store.conn().execute("DELETE FROM build_records", []).expect_err("append-only");
    assert!(e.to_string().contains("append-only"), "{e}");
}
