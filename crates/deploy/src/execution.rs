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
    fill(&mut conn, v).map_err(err)?;
    conn.close().map_err(|(_, e)| err(e))
}

/// Whether the database at `path` holds exactly what `v`'s signed files define: the same
/// tables, the same schema and the same rows (it is rebuilt in memory and compared). A
/// missing or unreadable database does not match.
pub fn matches(path: &Path, v: &Verified) -> Result<bool, DeployError> {
    let err = |e: rusqlite::Error| DeployError::db(path, &e);
    if !path.is_file() {
        return Ok(false);
    }
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(live) = Connection::open_with_flags(path, flags) else { return Ok(false) };
    let mut expected = Connection::open_in_memory().map_err(err)?;
    fill(&mut expected, v).map_err(err)?;
    let want = dump(&expected).map_err(err)?;
    Ok(dump(&live).is_ok_and(|got| got == want))
}

/// Every table's definition and rows, in a fixed order, as text.
fn dump(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut objects = conn.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")?;
    let objects: Vec<(String, String, Option<String>)> =
        objects.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    for (kind, name, sql) in objects {
        out.push(format!("{kind} {name} {}", sql.unwrap_or_default()));
        if kind != "table" {
            continue;
        }
        let quoted = format!("\"{}\"", name.replace('"', "\"\""));
        let mut rows = conn.prepare(&format!("SELECT * FROM {quoted}"))?;
        let n = rows.column_count();
        let mut lines: Vec<String> = rows
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get_ref(i).map(|v| format!("{v:?}")))
                    .collect::<Result<Vec<_>, _>>()
                    .map(|cells| cells.join("\u{1f}"))
            })?
            .collect::<Result<_, _>>()?;
        lines.sort();
        out.extend(lines.into_iter().map(|l| format!("{name}: {l}")));
    }
    Ok(out)
}

/// Creates the schema and rows of an execution database from `v` in one transaction.
fn fill(conn: &mut Connection, v: &Verified) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    tx.execute_batch(SCHEMA)?;
    let m = &v.manifest;
    for (k, val) in [
        ("instance", m.instance.as_str()),
        ("version", m.version.as_str()),
        ("fingerprint", m.fingerprint.as_str()),
        ("bundle_sha256", v.sha256.as_str()),
    ] {
        tx.execute("INSERT INTO meta (key, value) VALUES (?1, ?2)", params![k, val])?;
    }
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    let f = |v: &Value, k: &str| v.get(k).and_then(Value::as_f64);
    if let Some(matrix) = artifact(v, "permission_matrix") {
        for role in matrix.get("roles").and_then(Value::as_array).into_iter().flatten() {
            tx.execute("INSERT OR IGNORE INTO roles (id) VALUES (?1)", [role.as_str()])?;
        }
        for g in matrix.get("grants").and_then(Value::as_array).into_iter().flatten() {
            tx.execute(
                "INSERT OR IGNORE INTO permissions (role, action, resource, via) VALUES (?1, ?2, ?3, ?4)",
                params![s(g, "role"), s(g, "action"), s(g, "resource"), s(g, "via")],
            )?;
        }
    }
    for t in artifact(v, "decision_thresholds").as_ref().and_then(Value::as_array).into_iter().flatten() {
        tx.execute(
            "INSERT INTO thresholds (decision_type, quorum, approval, definition) VALUES (?1, ?2, ?3, ?4)",
            params![s(t, "decision_type"), f(t, "quorum"), f(t, "approval"), t.to_string()],
        )?;
    }
    for t in artifact(v, "treasury_tiers").as_ref().and_then(Value::as_array).into_iter().flatten() {
        tx.execute(
            "INSERT INTO tiers (id, min, max, currency, decision_type, definition) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![s(t, "id"), f(t, "min"), f(t, "max"), s(t, "currency"), s(t, "decision_type"), t.to_string()],
        )?;
    }
    tx.commit()
}
