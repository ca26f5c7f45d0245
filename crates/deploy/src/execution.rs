//! The target's execution database, one per release (`releases/<hex>/execution.db`, reached as
//! `current/execution.db`): the roles, permissions, decision thresholds and treasury tiers the
//! compiled artifacts define, so a runtime reads them with SQL. Built in staging, it is
//! activated and rolled back with its release.

use crate::DeployError;
use cogov_engine::bundle::Verified;
use rusqlite::{Connection, params};
use serde_json::Value;
use std::path::Path;

/// The execution database's file name in a release.
pub const DB: &str = "execution.db";

const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE roles (id TEXT PRIMARY KEY);
CREATE TABLE permissions (role TEXT NOT NULL REFERENCES roles(id), action TEXT NOT NULL, resource TEXT NOT NULL,
    via TEXT, PRIMARY KEY (role, action, resource, via));
CREATE TABLE thresholds (decision_type TEXT PRIMARY KEY, quorum REAL, approval REAL, definition TEXT NOT NULL);
CREATE TABLE tiers (id TEXT PRIMARY KEY, min REAL, max REAL, currency TEXT, decision_type TEXT,
    definition TEXT NOT NULL);
";

/// The body of a compiled artifact in the bundle (`compiled/<name>`), if present.
fn artifact(v: &Verified, name: &str) -> Option<Value> {
    let f = v.files.iter().find(|f| f.path == format!("compiled/{name}.json"))?;
    let mut doc: Value = serde_json::from_slice(&f.bytes).ok()?;
    doc.get_mut(name).map(Value::take)
}

/// Creates the execution database at `path` from a verified bundle's compiled artifacts.
pub fn init(path: &Path, v: &Verified) -> Result<(), DeployError> {
    let err = |e: rusqlite::Error| DeployError::db(path, &e);
    let mut conn = Connection::open(path).map_err(err)?;
    conn.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;").map_err(err)?;
    let tx = conn.transaction().map_err(err)?;
    tx.execute_batch(SCHEMA).map_err(err)?;
    let m = &v.manifest;
    for (k, val) in [
        ("instance", m.instance.as_str()),
        ("version", m.version.as_str()),
        ("fingerprint", m.fingerprint.as_str()),
        ("bundle_sha256", v.sha256.as_str()),
    ] {
        tx.execute("INSERT INTO meta (key, value) VALUES (?1, ?2)", params![k, val]).map_err(err)?;
    }
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    let f = |v: &Value, k: &str| v.get(k).and_then(Value::as_f64);
    if let Some(matrix) = artifact(v, "permission_matrix") {
        for role in matrix.get("roles").and_then(Value::as_array).into_iter().flatten() {
            tx.execute("INSERT OR IGNORE INTO roles (id) VALUES (?1)", [role.as_str()]).map_err(err)?;
        }
        for g in matrix.get("grants").and_then(Value::as_array).into_iter().flatten() {
            tx.execute(
                "INSERT OR IGNORE INTO permissions (role, action, resource, via) VALUES (?1, ?2, ?3, ?4)",
                params![s(g, "role"), s(g, "action"), s(g, "resource"), s(g, "via")],
            )
            .map_err(err)?;
        }
    }
    for t in artifact(v, "decision_thresholds").as_ref().and_then(Value::as_array).into_iter().flatten() {
        tx.execute(
            "INSERT INTO thresholds (decision_type, quorum, approval, definition) VALUES (?1, ?2, ?3, ?4)",
            params![s(t, "decision_type"), f(t, "quorum"), f(t, "approval"), t.to_string()],
        )
        .map_err(err)?;
    }
    for t in artifact(v, "treasury_tiers").as_ref().and_then(Value::as_array).into_iter().flatten() {
        tx.execute(
            "INSERT INTO tiers (id, min, max, currency, decision_type, definition) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![s(t, "id"), f(t, "min"), f(t, "max"), s(t, "currency"), s(t, "decision_type"), t.to_string()],
        )
        .map_err(err)?;
    }
    tx.commit().map_err(err)?;
    conn.close().map_err(|(_, e)| err(e))
}
