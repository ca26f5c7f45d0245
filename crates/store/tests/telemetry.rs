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
    assert_eq!(store.append_execution_events(&name, &v, &checked.accepted, "ada").expect("written"), 29);
    let stored = store.execution_events(&name, &v).expect("read");
    assert_eq!(stored.len(), 29);
    assert_eq!(stored[0].kind, "role_assigned");
    assert_eq!(stored[0].payload, checked.accepted[0].value);
    assert!(stored.windows(2).all(|w| w[0].id < w[1].id));
    // A second ingest appends; nothing is replaced.
    store.append_execution_events(&name, &v, &checked.accepted[..2], "ada").expect("written");
    assert_eq!(store.execution_events(&name, &v).expect("read").len(), 31);
    let audit = cogov_store::audit::entries(store.conn(), store.path(), 0).expect("audit");
    assert_eq!(audit.iter().filter(|e| e.action == "telemetry.ingest").count(), 2);
    // An unknown version writes nothing.
    let e = store.append_execution_events(&name, "9.9.9", &checked.accepted, "ada").expect_err("no such version");
    assert_eq!(e.code.as_str(), "GOV-S013");
    assert_eq!(store.execution_events(&name, &v).expect("read").len(), 31);
}
