//! The control plane's event stream: every stage start and finish, gate outcome, release
//! step, case and task transition. Events are rows of `control_events`, written in the same
//! transaction as the change they report; after each commit [`Store::write`] also appends
//! them to an NDJSON file beside the database (see [`Store::events_log`]), for tools that
//! tail a file. The table is the authority: `cogov events` replays it.

use crate::{Store, StoreError, now_rfc3339};
use rusqlite::{Connection, params};
use serde::Serialize;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One event.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Event {
    /// Its id, increasing.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// When (RFC 3339 UTC).
    pub at: String,
    /// What, as `noun.verb` (`stage.started`, `gate.failed`, `release.promote`, `case.opened`, …).
    pub kind: String,
    /// The design it concerns.
    pub instance: Option<String>,
    /// What it concerns (`build:4`, `case:2`, `acme@1.2.0`).
    pub subject: String,
    /// The reason code of a failure or refusal.
    pub reason_code: Option<String>,
    /// Anything else.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub details: Value,
}

/// An event to write (its id and time are given on insert).
pub(crate) struct NewEvent<'a> {
    pub kind: &'a str,
    pub instance: Option<&'a str>,
    pub subject: &'a str,
    pub reason_code: Option<&'a str>,
    pub details: Value,
}

/// Writes an event inside the caller's transaction; `at` defaults to now.
pub(crate) fn emit(conn: &Connection, path: &Path, e: NewEvent<'_>, at: Option<&str>) -> Result<(), StoreError> {
    let now;
    let at = match at {
        Some(at) => at,
        None => {
            now = now_rfc3339();
            &now
        }
    };
    conn.execute(
        "INSERT INTO control_events (at, kind, instance, subject, reason_code, details) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![at, e.kind, e.instance, e.subject, e.reason_code, e.details.to_string()],
    )
    .map_err(|err| StoreError::sqlite(path, err))?;
    Ok(())
}

pub(crate) fn last_id(conn: &Connection, path: &Path) -> Result<i64, StoreError> {
    conn.query_row("SELECT COALESCE(MAX(id), 0) FROM control_events", [], |r| r.get(0))
        .map_err(|e| StoreError::sqlite(path, e))
}

pub(crate) fn since(conn: &Connection, path: &Path, after_id: i64, limit: u32) -> Result<Vec<Event>, StoreError> {
    let err = |e| StoreError::sqlite(path, e);
    let mut stmt = conn
        .prepare(
            "SELECT id, at, kind, instance, subject, reason_code, details FROM control_events WHERE id > ?1 \
             ORDER BY id LIMIT ?2",
        )
        .map_err(err)?;
    stmt.query_map(params![after_id, limit], |r| {
        let details: String = r.get(6)?;
        Ok(Event {
            id: r.get(0)?,
            at: r.get(1)?,
            kind: r.get(2)?,
            instance: r.get(3)?,
            subject: r.get(4)?,
            reason_code: r.get(5)?,
            details: serde_json::from_str(&details).unwrap_or(Value::Null),
        })
    })
    .map_err(err)?
    .collect::<Result<_, _>>()
    .map_err(err)
}

/// Appends events to the NDJSON log, one JSON object per line.
pub(crate) fn append_log(log: &Path, events: &[Event]) -> std::io::Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let mut buf = Vec::new();
    for e in events {
        serde_json::to_writer(&mut buf, e).map_err(std::io::Error::other)?;
        buf.push(b'\n');
    }
    // One write of whole lines to an O_APPEND file: concurrent writers never interleave lines.
    // The log holds the history of the records: created owner-only, like the database.
    crate::files::create_private(log)?;
    std::fs::OpenOptions::new().append(true).open(log)?.write_all(&buf)
}

impl Store {
    /// Events after `after_id` (0 for all), oldest first, at most `limit`.
    pub fn events(&self, after_id: i64, limit: u32) -> Result<Vec<Event>, StoreError> {
        since(&self.conn, &self.path, after_id, limit)
    }

    /// The NDJSON event log beside the database: `cogov.db` → `cogov.events.ndjson`.
    pub fn events_log(&self) -> PathBuf {
        self.path.with_extension("events.ndjson")
    }
}
