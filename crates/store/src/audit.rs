//! The audit log: every write to the store appends one entry, chained to the one before by
//! hash. SQLite triggers refuse UPDATE and DELETE; [`verify`] finds what was changed or removed
//! by someone who went around them (editing the file directly).

use crate::{StoreError, now_rfc3339};
use cogov_model::canonical::to_canonical_string;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry to append: who did what to which subject, with details as JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// Sequence number, from 1, without gaps.
    pub seq: i64,
    /// When, RFC 3339 UTC.
    pub at: String,
    /// Who (a user name, or `cogov` for automatic steps).
    pub actor: String,
    /// What, as `noun.verb` (e.g. `version.commit`).
    pub action: String,
    /// What it concerns (e.g. `acme@1.2.0`).
    pub subject: String,
    /// Anything else, as JSON.
    pub details: Value,
    /// The previous entry's hash.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

fn entry_hash(seq: i64, at: &str, actor: &str, action: &str, subject: &str, details: &str, prev: &str) -> String {
    let doc = json!({"seq": seq, "at": at, "actor": actor, "action": action, "subject": subject,
                     "details": details, "prev_hash": prev});
    hex(&Sha256::digest(to_canonical_string(&doc).as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Appends an entry inside the caller's write transaction, so the entry commits (or not)
/// together with the change it records. Returns its sequence number.
pub fn append(
    conn: &Connection,
    path: &Path,
    actor: &str,
    action: &str,
    subject: &str,
    details: &Value,
) -> Result<i64, StoreError> {
    let err = |e| StoreError::sqlite(path, e);
    let last: Option<(i64, String)> = conn
        .query_row("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .map_err(err)?;
    let (seq, prev) = last.map_or((1, GENESIS.to_owned()), |(s, h)| (s + 1, h));
    let at = now_rfc3339();
    let details = to_canonical_string(details);
    let hash = entry_hash(seq, &at, actor, action, subject, &details, &prev);
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![seq, at, actor, action, subject, details, prev, hash],
    )
    .map_err(err)?;
    Ok(seq)
}

/// Entries, oldest first, optionally only those from `since_seq` on.
pub fn entries(conn: &Connection, path: &Path, since_seq: i64) -> Result<Vec<AuditEntry>, StoreError> {
    let err = |e| StoreError::sqlite(path, e);
    let mut stmt = conn
        .prepare(
            "SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log \
             WHERE seq >= ?1 ORDER BY seq",
        )
        .map_err(err)?;
    let rows = stmt
        .query_map([since_seq], |r| {
            let details: String = r.get(5)?;
            Ok(AuditEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                subject: r.get(4)?,
                details: serde_json::from_str(&details).unwrap_or(Value::String(details)),
                prev_hash: r.get(6)?,
                hash: r.get(7)?,
            })
        })
        .map_err(err)?;
    rows.collect::<Result<_, _>>().map_err(err)
}

/// What [`verify`] found wrong first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum AuditProblem {
    /// An entry's content no longer matches its hash: it was altered.
    Altered {
        /// The altered entry.
        seq: i64,
    },
    /// Entries are missing: the sequence jumps from `after` to `next`.
    Removed {
        /// The last entry before the gap (0 when the first entries are gone).
        after: i64,
        /// The first entry after the gap.
        next: i64,
    },
    /// An entry does not point at the hash of the one before it: entries were replaced or
    /// reordered.
    BrokenLink {
        /// The entry whose `prev_hash` does not match.
        seq: i64,
    },
}

impl std::fmt::Display for AuditProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuditProblem::Altered { seq } => write!(f, "entry {seq} was altered: its content does not match its hash"),
            AuditProblem::Removed { after, next } => {
                write!(f, "entries {}..={} were removed: the log jumps from {after} to {next}", after + 1, next - 1)
            }
            AuditProblem::BrokenLink { seq } => {
                write!(f, "entry {seq} does not chain to entry {}: entries were replaced", seq - 1)
            }
        }
    }
}

/// The outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditVerdict {
    /// How many entries were checked.
    pub entries: i64,
    /// The hash of the last entry (the head of the chain), to compare with a copy kept elsewhere.
    pub head: String,
    /// The first problem found, if any.
    pub problem: Option<AuditProblem>,
}

/// Walks the whole chain and reports the first entry that was altered, removed or replaced.
///
/// Removing the newest entries leaves a shorter but valid chain; compare [`AuditVerdict::head`]
/// with a head recorded elsewhere (a release record, a bundle manifest) to detect that.
pub fn verify(conn: &Connection, path: &Path) -> Result<AuditVerdict, StoreError> {
    let err = |e| StoreError::sqlite(path, e);
    let mut stmt = conn
        .prepare("SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log ORDER BY seq")
        .map_err(err)?;
    let mut rows = stmt.query([]).map_err(err)?;
    let (mut expected_seq, mut prev, mut count) = (1_i64, GENESIS.to_owned(), 0_i64);
    while let Some(r) = rows.next().map_err(err)? {
        let seq: i64 = r.get(0).map_err(err)?;
        let text = |i| r.get::<_, String>(i).map_err(err);
        let (at, actor, action, subject, details, prev_hash, hash) =
            (text(1)?, text(2)?, text(3)?, text(4)?, text(5)?, text(6)?, text(7)?);
        count += 1;
        let verdict = |problem| AuditVerdict { entries: count, head: prev.clone(), problem: Some(problem) };
        if seq != expected_seq {
            return Ok(verdict(AuditProblem::Removed { after: expected_seq - 1, next: seq }));
        }
        if entry_hash(seq, &at, &actor, &action, &subject, &details, &prev_hash) != hash {
            return Ok(verdict(AuditProblem::Altered { seq }));
        }
        if prev_hash != prev {
            return Ok(verdict(AuditProblem::BrokenLink { seq }));
        }
        prev = hash;
        expected_seq += 1;
    }
    Ok(AuditVerdict { entries: count, head: prev, problem: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn store_with(n: usize) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(dir.path().join("audit.db")).expect("open");
        for i in 0..n {
            let path = store.path().to_path_buf();
            store
                .write(|tx| append(tx, &path, "ada", "version.commit", &format!("acme@1.{i}.0"), &json!({"i": i})))
                .expect("append");
        }
        (dir, store)
    }

    /// Goes around the triggers, as someone editing the file with the sqlite3 shell would.
    fn tamper(store: &Store, sql: &str) {
        store
            .conn()
            .execute_batch(&format!("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; {sql}"))
            .expect("tamper");
    }

    #[test]
    fn an_untouched_log_verifies() {
        let (_d, store) = store_with(5);
        let v = verify(store.conn(), store.path()).expect("verify");
        assert_eq!(v.entries, 5);
        assert_eq!(v.problem, None);
        assert_eq!(v.head, entries(store.conn(), store.path(), 5).expect("entries")[0].hash);
    }

    #[test]
    fn the_triggers_refuse_update_and_delete() {
        let (_d, store) = store_with(2);
        for sql in ["UPDATE audit_log SET actor = 'mallory' WHERE seq = 1", "DELETE FROM audit_log WHERE seq = 2"] {
            let e = store.conn().execute(sql, []).expect_err("refused");
            assert!(e.to_string().contains("append-only"), "{e}");
        }
    }

    #[test]
    fn an_altered_entry_is_named() {
        let (_d, store) = store_with(5);
        tamper(&store, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");
        let v = verify(store.conn(), store.path()).expect("verify");
        assert_eq!(v.problem, Some(AuditProblem::Altered { seq: 3 }));
    }

    #[test]
    fn a_removed_entry_is_named() {
        let (_d, store) = store_with(5);
        tamper(&store, "DELETE FROM audit_log WHERE seq = 2");
        let v = verify(store.conn(), store.path()).expect("verify");
        assert_eq!(v.problem, Some(AuditProblem::Removed { after: 1, next: 3 }));
        assert_eq!(v.problem.expect("problem").to_string(), "entries 2..=2 were removed: the log jumps from 1 to 3");
    }

    #[test]
    fn a_replaced_entry_with_a_recomputed_hash_breaks_the_next_link() {
        let (_d, store) = store_with(4);
        let e = &entries(store.conn(), store.path(), 2).expect("entries")[0];
        let forged = entry_hash(2, &e.at, "mallory", &e.action, &e.subject, "{}", &e.prev_hash);
        tamper(
            &store,
            &format!("UPDATE audit_log SET actor = 'mallory', details = '{{}}', hash = '{forged}' WHERE seq = 2"),
        );
        let v = verify(store.conn(), store.path()).expect("verify");
        assert_eq!(v.problem, Some(AuditProblem::BrokenLink { seq: 3 }));
    }
}
