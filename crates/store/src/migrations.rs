//! Forward-only schema migrations, numbered by SQLite's `user_version`.
//!
//! Each migration runs in its own transaction together with the bump of `user_version`, so a
//! crash leaves the database at the previous version or the next, never between. A landed
//! migration is never edited: change the schema by appending one.

use crate::{Store, StoreError};
use cogov_model::ErrorCode;
use rusqlite::{Connection, TransactionBehavior};

/// Every migration, in order: (name, SQL). Migration `i` brings the schema to version `i + 1`.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_core", include_str!("../migrations/0001_core.sql")),
    ("0002_history", include_str!("../migrations/0002_history.sql")),
    ("0003_pipeline", include_str!("../migrations/0003_pipeline.sql")),
    ("0004_control", include_str!("../migrations/0004_control.sql")),
    ("0005_notice", include_str!("../migrations/0005_notice.sql")),
    ("0006_deploy", include_str!("../migrations/0006_deploy.sql")),
    ("0007_event_identity", include_str!("../migrations/0007_event_identity.sql")),
    ("0008_audit_anchor", include_str!("../migrations/0008_audit_anchor.sql")),
    ("0009_sweeps", include_str!("../migrations/0009_sweeps.sql")),
];

/// The schema version from which every audit append advances the head beside the database.
pub(crate) const AUDIT_ANCHOR_VERSION: u32 = 8;

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

pub(crate) fn migrate(store: &mut Store) -> Result<(), StoreError> {
    let path = store.path.clone();
    loop {
        // Re-read under the write lock: another process may have migrated meanwhile.
        let tx = store
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::sqlite(&path, e))?;
        let current = user_version(&tx).map_err(|e| StoreError::sqlite(&path, e))?;
        if current > SCHEMA_VERSION {
            return Err(StoreError::new(
                ErrorCode::FutureSchema,
                &path,
                format!(
                    "the database has schema version {current}, but this CoGov understands up to {SCHEMA_VERSION}; \
                     it was written by a newer CoGov and is left untouched: upgrade CoGov to open it"
                ),
            ));
        }
        if current == SCHEMA_VERSION {
            return Ok(());
        }
        let (name, sql) = MIGRATIONS[current as usize];
        tx.execute_batch(sql)
            .and_then(|()| tx.pragma_update(None, "user_version", current + 1))
            .map_err(|e| StoreError::new(ErrorCode::Migration, &path, format!("migration {name}: {e}")))?;
        tx.commit().map_err(|e| StoreError::sqlite(&path, e))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_database_is_migrated_to_the_current_version() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path().join("a.db")).expect("open");
        assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
        let fk: i64 = store.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).expect("fk");
        assert_eq!(fk, 1);
        let mode: String = store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
        assert_eq!(mode, "wal");
    }

    #[test]
    fn every_previous_version_is_migrated_forward() {
        for from in 0..SCHEMA_VERSION {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("old.db");
            {
                let conn = Connection::open(&path).expect("open");
                for (_, sql) in &MIGRATIONS[..from as usize] {
                    conn.execute_batch(sql).expect("old migration");
                }
                conn.pragma_update(None, "user_version", from).expect("version");
            }
            let store = Store::open(&path).expect("migrate");
            assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION, "from {from}");
        }
    }

    #[test]
    fn a_database_from_the_future_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("future.db");
        {
            let conn = Connection::open(&path).expect("open");
            conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (42);").expect("table");
            conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).expect("version");
        }
        let err = Store::open(&path).expect_err("refused");
        assert_eq!(err.code, ErrorCode::FutureSchema);
        assert!(err.message.contains("newer CoGov"), "{}", err.message);
        let conn = Connection::open(&path).expect("reopen");
        assert_eq!(user_version(&conn).expect("version"), SCHEMA_VERSION + 1);
        let x: i64 = conn.query_row("SELECT x FROM t", [], |r| r.get(0)).expect("data kept");
        assert_eq!(x, 42);
    }
}
