//! `cogov-store`: the SQLite database behind the studio and the CLI, and the only crate that
//! touches the disk.
//!
//! One database file per user (see [`default_path`]), shared safely by several processes at
//! once: WAL journal, a busy timeout, and every write in a `BEGIN IMMEDIATE` transaction so a
//! writer never has to upgrade a read lock (the case a busy timeout cannot resolve). Start at
//! [`Store::open`].

pub mod audit;
pub mod builds;
pub mod bundles;
pub mod cases;
mod clock;
mod error;
pub mod events;
pub mod files;
pub mod metrics;
mod migrations;
pub mod proposals;
pub mod record;
pub mod releases;
pub mod simulations;
pub mod sweeps;
pub mod telemetry;
pub mod versions;

pub use clock::now_rfc3339;
pub use error::StoreError;
pub use migrations::{MIGRATIONS, SCHEMA_VERSION};

use cogov_model::ErrorCode;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// An open store: one connection to the database file, migrated to [`SCHEMA_VERSION`].
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// A database written by a newer CoGov (a schema version above [`SCHEMA_VERSION`]) is
    /// refused with [`ErrorCode::FutureSchema`] and left untouched.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::io(&path, e))?;
        }
        // Records are the owner's alone: the file is created 0600 before SQLite opens it.
        crate::files::create_private(&path).map_err(|e| StoreError::io(&path, e))?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| StoreError::sqlite(&path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| StoreError::sqlite(&path, e))?;
        // WAL before migrations: readers never block the writer, and a crash mid-write
        // leaves the last committed state intact.
        let mode: String =
            conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(|e| StoreError::sqlite(&path, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::new(
                ErrorCode::StoreOpen,
                &path,
                format!("the database refused WAL mode (journal mode is {mode})"),
            ));
        }
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")
            .map_err(|e| StoreError::sqlite(&path, e))?;
        let mut store = Store { conn, path };
        let before = migrations::user_version(&store.conn).map_err(|e| StoreError::sqlite(&store.path, e))?;
        migrations::migrate(&mut store)?;
        // A database new to the audit head (created now, or written before it existed) gets
        // its head from the chain as it stands; from then on a missing head is a finding.
        if before < migrations::AUDIT_ANCHOR_VERSION && audit::read_head(&store.path)?.is_none() {
            let (seq, hash) = audit::last(&store.conn, &store.path)?;
            audit::advance_head(&store.path, seq, &hash)?;
        }
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one write transaction (`BEGIN IMMEDIATE`), committing when it returns `Ok`;
    /// then appends the events it wrote to the NDJSON log.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::sqlite(&path, e))?;
        // Under the write lock, every event id above this one is written by `f`.
        let before = events::last_id(&tx, &path)?;
        let audit_before = audit::last(&tx, &path)?.0;
        let value = f(&tx)?;
        let after = events::last_id(&tx, &path)?;
        let (audit_seq, audit_hash) = audit::last(&tx, &path)?;
        tx.commit().map_err(|e| StoreError::sqlite(&path, e))?;
        if audit_seq != audit_before {
            // The head only moves forward; if this write is lost (a crash right here), the head
            // lags by these entries, which verify accepts as a chain that grew past its head.
            let _ = audit::advance_head(&path, audit_seq, &audit_hash);
        }
        if after == before {
            return Ok(value);
        }
        let mut new = events::since(&self.conn, &path, before, u32::MAX)?;
        new.retain(|e| e.id <= after);
        // The commit stands whatever happens to the log file: the table is the authority and
        // `cogov events` replays it, so a full disk here costs a log line, never a record.
        let _ = events::append_log(&self.events_log(), &new);
        Ok(value)
    }

    /// The schema version recorded in the database file.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        migrations::user_version(&self.conn).map_err(|e| StoreError::sqlite(&self.path, e))
    }
}

/// The default database: `cogov.db` in the platform's per-user data directory
/// (`$XDG_DATA_HOME/cogov`, else `~/.local/share/cogov` on Linux; `~/Library/Application
/// Support/cogov` on macOS; `%APPDATA%\cogov` on Windows).
pub fn default_path() -> Option<PathBuf> {
    let dir = if cfg!(target_os = "windows") {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
    }?;
    Some(dir.join("cogov").join("cogov.db"))
}
