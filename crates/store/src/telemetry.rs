//! Execution events: the telemetry an execution layer reported for a stored version, checked
//! against its contract by the engine ([`cogov_engine::telemetry`]) before it gets here.
//! Append-only: rows are inserted, never updated or deleted.

use crate::{Store, StoreError, audit, versions};
use cogov_engine::telemetry::Accepted;
use rusqlite::params;
use serde_json::json;

/// One stored execution event.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ExecutionEvent {
    /// Row id, increasing.
    pub id: i64,
    /// The event type.
    pub kind: String,
    /// Its `at` timestamp, as logged.
    pub at: String,
    /// The whole event.
    pub payload: serde_json::Value,
}

/// What an ingest stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Ingested {
    /// Events written.
    pub written: usize,
    /// Line numbers of the events skipped because the design already holds them (or an
    /// earlier line of the same ingest held the same event).
    pub duplicates: Vec<usize>,
}

/// An event's identity: the SHA-256 of its canonical JSON (RFC 8785), so that the same event
/// is the same identity however its line was spaced or its keys ordered.
pub fn event_id(canonical: &str) -> String {
    cogov_engine::pipeline::sha256(canonical.as_bytes())
}

impl Store {
    /// Appends accepted events of `instance@version` to `execution_events` in one transaction
    /// (all or none), with one audit entry when any is written. An event the design already
    /// holds (same identity, [`event_id`]) is skipped and counted, so an ingest is idempotent.
    pub fn append_execution_events(
        &mut self,
        instance: &str,
        version: &str,
        events: &[Accepted],
        actor: &str,
    ) -> Result<Ingested, StoreError> {
        let path = self.path().to_path_buf();
        self.write(|tx| {
            let err = |e| StoreError::sqlite(&path, e);
            let (_, version_id) = versions::find(tx, &path, instance, version)?;
            let instance_id: i64 = tx
                .query_row("SELECT instance_id FROM governance_versions WHERE id = ?1", [version_id], |r| r.get(0))
                .map_err(err)?;
            let mut insert = tx
                .prepare(
                    "INSERT INTO execution_events (instance_id, version_id, kind, at, payload, event_id) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (instance_id, event_id) DO NOTHING",
                )
                .map_err(err)?;
            // Events stored before identities existed are found by their canonical payload.
            let mut legacy = tx
                .prepare(
                    "SELECT EXISTS (SELECT 1 FROM execution_events \
                     WHERE instance_id = ?1 AND event_id IS NULL AND payload = ?2)",
                )
                .map_err(err)?;
            let mut out = Ingested::default();
            for e in events {
                let payload = cogov_model::canonical::to_canonical_string(&e.value);
                let old: bool = legacy.query_row(params![instance_id, payload], |r| r.get(0)).map_err(err)?;
                let id = event_id(&payload);
                if old
                    || insert.execute(params![instance_id, version_id, e.event, e.at, payload, id]).map_err(err)? == 0
                {
                    out.duplicates.push(e.line);
                } else {
                    out.written += 1;
                }
            }
            drop((insert, legacy));
            if out.written > 0 {
                let details = json!({"events": out.written, "duplicates": out.duplicates.len()});
                audit::append(tx, &path, actor, "telemetry.ingest", &format!("{instance}@{version}"), &details)?;
            }
            Ok(out)
        })
    }

    /// The execution events of `instance@version`, oldest first.
    pub fn execution_events(&self, instance: &str, version: &str) -> Result<Vec<ExecutionEvent>, StoreError> {
        let path = self.path();
        let err = |e| StoreError::sqlite(path, e);
        let (_, version_id) = versions::find(self.conn(), path, instance, version)?;
        let mut stmt = self
            .conn()
            .prepare("SELECT id, kind, at, payload FROM execution_events WHERE version_id = ?1 ORDER BY id")
            .map_err(err)?;
        let rows = stmt
            .query_map([version_id], |r| {
                let payload: String = r.get(3)?;
                Ok(ExecutionEvent {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    at: r.get(2)?,
                    payload: serde_json::from_str(&payload).unwrap_or_default(),
                })
            })
            .map_err(err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(err)
    }
}
