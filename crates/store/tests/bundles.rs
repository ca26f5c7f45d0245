//! Bundles kept in the store and deployment (sync) records: kept once per content, audited,
//! and append-only.

use cogov_store::bundles::DeploymentRecord;

mod common;

fn record(target: &str) -> DeploymentRecord {
    DeploymentRecord {
        id: 0,
        instance: "fernwood-bakery-coop".into(),
        version: "1.3.0".into(),
        fingerprint: "sha256:00".into(),
        bundle_sha256: "sha256:11".into(),
        action: cogov_store::bundles::DeployAction::Deploy,
        source: "coop.tar.gz".into(),
        target: target.into(),
        channel: Some("stable".into()),
        contract_version: None,
        previous_sha256: None,
        author: "ada".into(),
        at: String::new(),
    }
}

#[test]
fn a_bundle_of_a_stored_version_is_kept_once_and_audited() {
    let (_dir, mut store) = common::open();
    let gco = common::example("worker-coop");
    store.commit(&gco, "adopted", "ada").expect("commit");
    assert!(store.record_bundle("fernwood-bakery-coop", "1.3.0", "sha256:ab", b"bytes", "ada").expect("record"));
    assert!(!store.record_bundle("fernwood-bakery-coop", "1.3.0", "sha256:ab", b"bytes", "ada").expect("again"));
    let kept = store.bundles("fernwood-bakery-coop").expect("bundles");
    assert_eq!(kept.len(), 1);
    assert_eq!((kept[0].sha256.as_str(), kept[0].size), ("sha256:ab", 5));
    let audited: i64 = store
        .conn()
        .query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'bundle.create'", [], |r| r.get(0))
        .expect("count");
    assert_eq!(audited, 1);
    assert!(store.record_bundle("fernwood-bakery-coop", "9.9.9", "sha256:cd", b"x", "ada").is_err(), "unknown version");
    assert_eq!(store.latest_simulation("fernwood-bakery-coop", "1.3.0").expect("query"), None);
}

#[test]
fn deployment_records_are_append_only_and_listed_per_target() {
    let (_dir, mut store) = common::open();
    let a = store.record_deployment(record("/srv/a")).expect("a");
    store.record_deployment(record("/srv/b")).expect("b");
    assert!(a.id > 0 && !a.at.is_empty());
    assert_eq!(store.deployments(None).expect("all").len(), 2);
    assert_eq!(store.deployments(Some("/srv/a")).expect("a"), vec![a]);
    let c = store.conn();
    assert!(c.execute("UPDATE deployment_records SET version = '2.0.0'", []).is_err());
    assert!(c.execute("DELETE FROM deployment_records", []).is_err());
    let audit = cogov_store::audit::verify(store.conn(), store.path()).expect("verify");
    assert_eq!(audit.problem, None);
}
