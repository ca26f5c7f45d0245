//! Execution events: the good lines of a telemetry file land in `execution_events`, in order,
//! in one transaction, with one audit entry; later ingests append.

mod common;

use cogov_engine::telemetry::{Contract, check};
use common::{example, open};

const GOOD: &[u8] = include_bytes!("../../../tests/data/telemetry/good.ndjson");

#[test]
fn accepted_events_are_appended_in_order_with_an_audit_entry() {
    let (_d, mut store) = open();
    let g = example("worker-coop");
    store.commit(&g, "first", "ada").expect("commit");
    let (name, v) = (g.identity.name.clone(), g.identity.version.to_string());
    let checked = check(&Contract::of(&g), GOOD);
    let first = store.append_execution_events(&name, &v, &checked.accepted, "ada").expect("written");
    assert_eq!((first.written, first.duplicates.len()), (29, 0));
    let stored = store.execution_events(&name, &v).expect("read");
    assert_eq!(stored.len(), 29);
    assert_eq!(stored[0].kind, "role_assigned");
    assert_eq!(stored[0].payload, checked.accepted[0].value);
    assert!(stored.windows(2).all(|w| w[0].id < w[1].id));
    // A second ingest of the same events stores nothing and names them as duplicates.
    let again = store.append_execution_events(&name, &v, &checked.accepted[..2], "ada").expect("written");
    assert_eq!((again.written, again.duplicates), (0, vec![checked.accepted[0].line, checked.accepted[1].line]));
    assert_eq!(store.execution_events(&name, &v).expect("read").len(), 29);
    let audit = cogov_store::audit::entries(store.conn(), store.path(), 0).expect("audit");
    assert_eq!(audit.iter().filter(|e| e.action == "telemetry.ingest").count(), 1, "nothing written, nothing audited");
    // An unknown version writes nothing.
    let e = store.append_execution_events(&name, "9.9.9", &checked.accepted, "ada").expect_err("no such version");
    assert_eq!(e.code.as_str(), "GOV-S013");
    assert_eq!(store.execution_events(&name, &v).expect("read").len(), 29);
}

#[test]
fn an_event_is_stored_once_however_its_line_is_spelled() {
    let (_d, mut store) = open();
    let g = example("worker-coop");
    store.commit(&g, "first", "ada").expect("commit");
    let (name, v) = (g.identity.name.clone(), g.identity.version.to_string());
    let text = concat!(
        r#"{"event": "role_assigned", "at": "2026-03-01T09:00:00Z", "member": "morag-campbell", "role": "board"}"#,
        "\n",
        r#"{"role":"board","member":"morag-campbell","at":"2026-03-01T09:00:00Z","event":"role_assigned"}"#,
        "\n",
        r#"{"event": "role_assigned", "at": "2026-03-01T09:00:01Z", "member": "morag-campbell", "role": "board"}"#,
        "\n",
    );
    let checked = check(&Contract::of(&g), text.as_bytes());
    assert_eq!(checked.accepted.len(), 3);
    let out = store.append_execution_events(&name, &v, &checked.accepted, "ada").expect("written");
    assert_eq!((out.written, out.duplicates), (2, vec![2]));
    let mut stmt = store.conn().prepare("SELECT event_id FROM execution_events ORDER BY id").expect("prepare");
    let ids: Vec<String> = stmt.query_map([], |r| r.get(0)).expect("query").collect::<Result<_, _>>().expect("ids");
    let canonical = cogov_model::canonical::to_canonical_string(&checked.accepted[0].value);
    assert_eq!(ids[0], cogov_store::telemetry::event_id(&canonical));
    assert!(ids[0].starts_with("sha256:") && ids[0] != ids[1]);
}

#[test]
fn events_stored_before_identities_are_not_stored_again() {
    let (_d, mut store) = open();
    let g = example("worker-coop");
    store.commit(&g, "first", "ada").expect("commit");
    let (name, v) = (g.identity.name.clone(), g.identity.version.to_string());
    let checked = check(&Contract::of(&g), GOOD);
    // A row as an ingest before migration 0007 wrote it: no identity.
    let payload = cogov_model::canonical::to_canonical_string(&checked.accepted[0].value);
    store
        .conn()
        .execute(
            "INSERT INTO execution_events (instance_id, version_id, kind, at, payload) \
             SELECT instance_id, id, 'role_assigned', '2026-03-01T09:00:00Z', ?1 FROM governance_versions",
            [&payload],
        )
        .expect("legacy row");
    let out = store.append_execution_events(&name, &v, &checked.accepted, "ada").expect("written");
    assert_eq!((out.written, out.duplicates), (28, vec![checked.accepted[0].line]));
    assert_eq!(store.execution_events(&name, &v).expect("read").len(), 29);
}
