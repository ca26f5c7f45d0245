//! Versions, as a designer meets them: save, change, save again, compare, roll back.

use cogov_model::{ErrorCode, Gco};
mod common;

use cogov_store::versions::VersionKind;
use common::{example, open};

fn version(g: &mut Gco, v: &str) {
    g.identity.version = v.parse().expect("semver");
}

#[test]
fn saving_the_same_content_twice_is_one_version() {
    let (_d, mut store) = open();
    let g = example("worker-coop");
    let first = store.commit(&g, "first", "ada").expect("commit");
    assert!(first.created);
    assert_eq!(first.record.fingerprint, g.fingerprint());
    assert_eq!(first.record.compliance_score, Some(100));
    let again = store.commit(&g, "retry", "ada").expect("idempotent");
    assert!(!again.created);
    assert_eq!(store.log(&g.identity.name).expect("log").len(), 1);
}

#[test]
fn changed_content_under_a_saved_version_is_refused() {
    let (_d, mut store) = open();
    let mut g = example("worker-coop");
    store.commit(&g, "first", "ada").expect("commit");
    g.decision_types[0].quorum = 0.31;
    let e = store.commit(&g, "sneaky", "ada").expect_err("refused");
    assert_eq!(e.code, ErrorCode::VersionExists);
    assert_eq!(store.log(&g.identity.name).expect("log").len(), 1, "nothing was written");
}

#[test]
fn a_bump_lower_than_the_changes_call_for_is_refused_with_the_suggestion() {
    let (_d, mut store) = open();
    let mut g = example("worker-coop");
    let base = g.identity.version.clone();
    store.commit(&g, "first", "ada").expect("commit");
    let removed = g.roles.remove(0).id;
    g.identity.version = cogov_engine::diff::Bump::Patch.apply(&base);
    let e = store.commit(&g, "drop a role", "ada").expect_err("a removed role is major");
    assert_eq!(e.code, ErrorCode::BumpTooLow);
    let major = cogov_engine::diff::Bump::Major.apply(&base);
    assert!(e.message.contains(&format!("to {major} or later")), "{}", e.message);
    assert!(e.message.contains(&removed), "names the role: {}", e.message);
    g.identity.version = major;
    let ok = store.commit(&g, "drop a role", "ada").expect("major bump accepted");
    assert_eq!(ok.suggested, Some(cogov_engine::diff::Bump::Major));
    assert_eq!(ok.record.parent.as_deref(), Some(base.to_string().as_str()));
}

#[test]
fn history_diff_and_rollback() {
    let (_d, mut store) = open();
    let mut g = example("worker-coop");
    let name = g.identity.name.clone();
    version(&mut g, "1.0.0");
    store.commit(&g, "adopted", "ada").expect("1.0.0");
    let original_quorum = g.decision_types[0].quorum;
    g.decision_types[0].quorum = 0.42;
    version(&mut g, "1.0.1");
    store.commit(&g, "raise quorum", "bo").expect("1.0.1");

    let (_, _, d) = store.diff(&name, "1.0.0", "1.0.1").expect("diff");
    assert_eq!(d.changes.len(), 1);
    assert_eq!(d.changes[0].pointer, "/decision_types/0/quorum");

    let rb = store.rollback(&name, "1.0.0", "", "cy").expect("rollback");
    assert_eq!((rb.version.as_str(), rb.kind), ("1.0.2", VersionKind::Rollback));
    assert_eq!(rb.rollback_of.as_deref(), Some("1.0.0"));
    assert_eq!(rb.parent.as_deref(), Some("1.0.1"));
    assert_eq!(rb.message, "Roll back to 1.0.0");
    let (_, restored) = store.show(&name, "1.0.2").expect("show");
    assert_eq!(restored.decision_types[0].quorum, original_quorum);
    let (_, _, same) = store.diff(&name, "1.0.0", "1.0.2").expect("diff");
    assert!(same.changes.is_empty(), "the rollback restores 1.0.0's content: {:?}", same.changes);

    let log = store.log(&name).expect("log");
    let versions: Vec<&str> = log.iter().map(|v| v.version.as_str()).collect();
    assert_eq!(versions, ["1.0.0", "1.0.1", "1.0.2"], "history is never rewritten");
    let audit = cogov_store::audit::verify(store.conn(), store.path()).expect("verify");
    // Three versions, and the case the rollback opened.
    assert_eq!((audit.entries, audit.problem), (4, None));
    let summary = store.instances().expect("instances");
    assert_eq!(summary.len(), 1);
    assert_eq!((summary[0].versions, summary[0].latest.version.as_str()), (3, "1.0.2"));
}

#[test]
fn unknown_designs_and_versions_are_named() {
    let (_d, store) = open();
    assert_eq!(store.log("nobody").expect_err("unknown").code, ErrorCode::UnknownInstance);
    assert_eq!(store.show("nobody", "1.0.0").expect_err("unknown").code, ErrorCode::UnknownVersion);
}

#[test]
fn risk_scores_are_stored_per_version_with_their_deltas() {
    let (_d, mut store) = open();
    let g = example("worker-coop");
    let name = g.identity.name.clone();
    store.commit(&g, "first", "ada").expect("commit");
    // A lower quorum everywhere: participation density (turnout against quorum) goes up.
    let mut lower = g.clone();
    lower.identity.version = "1.4.0".parse().expect("semver");
    for dt in &mut lower.decision_types {
        dt.quorum *= 0.5;
    }
    store.commit(&lower, "halve the quorums", "ada").expect("commit");
    // A quorum nobody can meet is blocking: that version is not scored.
    let mut broken = lower.clone();
    broken.identity.version = "1.4.1".parse().expect("semver");
    broken.decision_types[0].quorum = 0.99;
    store.commit(&broken, "unreachable", "ada").expect("commit");

    let history = store.score_history(&name).expect("scores");
    let versions: Vec<&str> = history.iter().map(|h| h.version.as_str()).collect();
    assert_eq!(versions, ["1.3.0", "1.4.0"]);
    assert_eq!(history[0].model, cogov_engine::risk::MODEL_VERSION);
    assert!(history[0].deltas.is_empty(), "nothing to compare the first version with");
    assert_eq!(history[1].deltas.len(), 6, "{:?}", history[1].deltas);
    assert!(history[1].deltas["participation_density"] > 0.0, "{:?}", history[1].deltas);
    assert!(history[1].deltas["constitutional_drift"] >= 0.0);
}

#[test]
fn deleting_the_latest_version_row_is_caught_by_the_audit_log() {
    let (_d, mut store) = open();
    let mut g = example("worker-coop");
    version(&mut g, "1.0.0");
    store.commit(&g, "adopted", "ada").expect("1.0.0");
    g.decision_types[0].quorum = 0.42;
    version(&mut g, "1.0.1");
    store.commit(&g, "raise quorum", "bo").expect("1.0.1");
    assert_eq!(cogov_store::audit::verify(store.conn(), store.path()).expect("verify").problem, None);
    // Around the store, as someone with the sqlite3 shell would: triggers and keys off.
    let triggers: Vec<String> = store
        .conn()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'governance_versions'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("triggers");
    let mut sql = String::from("PRAGMA foreign_keys = OFF;");
    for t in &triggers {
        sql.push_str(&format!("DROP TRIGGER {t};"));
    }
    let name = &g.identity.name;
    sql.push_str("DELETE FROM governance_versions WHERE version = '1.0.1';");
    store.conn().execute_batch(&sql).expect("tamper");
    let v = cogov_store::audit::verify(store.conn(), store.path()).expect("verify");
    let problem = v.problem.expect("the deleted version is found");
    assert_eq!(problem, cogov_store::audit::AuditProblem::VersionMissing { seq: 2, subject: format!("{name}@1.0.1") });
    assert!(problem.to_string().contains("was removed from the database"));
}
