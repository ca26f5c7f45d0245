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

impl Store {
    /// Appends accepted events of `instance@version` to `execution_events` in one transaction
    /// (all or none), with one audit entry; returns how many were written.
    pub fn append_execution_events(
        &mut self,
        instance: &str,
        version: &str,
        events: &[Accepted],
        actor: &str,
    ) -> Result<usize, StoreError> {
        let path = self.path().to_path_buf();
        self.write(|tx| {
            let err = |e| StoreError::sqlite(&path, e);
            let (_, version_id) = versions::find(tx, &path, instance, version)?;
            let instance_id: i64 = tx
                .query_row("SELECT instance_id FROM governance_versions WHERE id = ?1", [version_id], |r| r.get(0))
                .map_err(err)?;
            let mut stmt = tx
                .prepare(
                    "INSERT INTO execution_events (instance_id, version_id, kind, at, payload) VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(err)?;
            for e in events {
                let payload = cogov_model::canonical::to_canonical_string(&e.value);
                stmt.execute(params![instance_id, version_id, e.event, e.at, payload]).map_err(err)?;
            }
            drop(stmt);
            if !events.is_empty() {
                let details = json!({"events": events.len()});
                audit::append(tx, &path, actor, "telemetry.ingest", &format!("{instance}@{version}"), &details)?;
            }
            Ok(events.len())
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
