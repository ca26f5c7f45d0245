//! The audit log: every write to the store appends one entry, chained to the one before by
//! hash. SQLite triggers refuse UPDATE and DELETE; [`verify`] finds what was changed or removed
//! by someone who went around them (editing the file directly).
//!
//! A chain alone cannot tell a shorter log from a truncated one, nor a rewritten log whose every
//! later hash was recomputed. So every append also advances the **head** (sequence and hash),
//! kept outside the table in `<db>.audit-head` ([`AuditHead`]); [`verify`] compares the chain
//! with it, and with the version rows the log speaks of. Signed checkpoints of the head
//! ([`checkpoint`]) can be kept anywhere else, and verified with the public key.

use crate::{StoreError, now_rfc3339};
use cogov_model::ErrorCode;
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
    /// The log ends before the head recorded outside it: its newest entries were removed.
    Truncated {
        /// The recorded head's sequence number.
        head_seq: i64,
        /// The newest entry left.
        last_seq: i64,
    },
    /// The entry the recorded head names has another hash: the log was rewritten (every hash
    /// from the change on recomputed).
    Rewritten {
        /// The recorded head's sequence number.
        seq: i64,
    },
    /// The log has entries but the head file that every append keeps is gone.
    AnchorMissing,
    /// A version the log recorded is no longer in the database.
    VersionMissing {
        /// The entry that recorded it.
        seq: i64,
        /// `name@version`.
        subject: String,
    },
    /// A version in the database has no entry in the log: it was added around the store.
    VersionUnrecorded {
        /// `name@version`.
        subject: String,
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
            AuditProblem::Truncated { head_seq, last_seq } => write!(
                f,
                "entries {}..={head_seq} were removed: the recorded head is entry {head_seq}, the log ends at {last_seq}",
                last_seq + 1
            ),
            AuditProblem::Rewritten { seq } => write!(
                f,
                "the log was rewritten: entry {seq}'s hash differs from the recorded head (later hashes were recomputed)"
            ),
            AuditProblem::AnchorMissing => {
                write!(
                    f,
                    "the head file (.audit-head beside the database) is missing: the log's end cannot be vouched for"
                )
            }
            AuditProblem::VersionMissing { seq, subject } => {
                write!(f, "version {subject}, recorded by entry {seq}, was removed from the database")
            }
            AuditProblem::VersionUnrecorded { subject } => {
                write!(f, "version {subject} is in the database but not in the audit log")
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
    /// The head recorded outside the table, when there is one.
    pub anchor: Option<AuditHead>,
    /// The first problem found, if any.
    pub problem: Option<AuditProblem>,
}

/// The head of the audit chain as recorded outside the database: the newest entry's sequence
/// number and hash (`seq` 0 and [`GENESIS`] for an empty log).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AuditHead {
    /// Always `cogov-audit-head/1`.
    pub format: String,
    /// The newest entry's sequence number.
    pub seq: i64,
    /// Its hash.
    pub hash: String,
}

/// The head file's format name.
pub const HEAD_FORMAT: &str = "cogov-audit-head/1";

/// Where the head of the database at `db` is kept: `<db>.audit-head`.
pub fn head_path(db: &Path) -> std::path::PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".audit-head");
    p.into()
}

/// Reads the recorded head; `None` when the file does not exist.
pub fn read_head(db: &Path) -> Result<Option<AuditHead>, StoreError> {
    let path = head_path(db);
    match crate::files::read_bounded(&path, 4096) {
        Ok(bytes) => serde_json::from_slice::<AuditHead>(&bytes)
            .ok()
            .filter(|h| h.format == HEAD_FORMAT)
            .map(Some)
            .ok_or_else(|| StoreError::new(ErrorCode::AuditHeadUnreadable, &path, "not a cogov-audit-head/1 file")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::new(ErrorCode::AuditHeadUnreadable, &path, e.to_string())),
    }
}

/// The newest entry's (sequence, hash), or (0, [`GENESIS`]).
pub fn last(conn: &Connection, path: &Path) -> Result<(i64, String), StoreError> {
    conn.query_row("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .map(|o| o.unwrap_or((0, GENESIS.to_owned())))
        .map_err(|e| StoreError::sqlite(path, e))
}

/// Moves the recorded head forward to (`seq`, `hash`), never back: two writers that commit
/// in one order may record in the other, and the later entry wins. Written atomically.
pub fn advance_head(db: &Path, seq: i64, hash: &str) -> Result<(), StoreError> {
    let path = head_path(db);
    let mut lock_path = path.as_os_str().to_owned();
    lock_path.push(".lock");
    let lock_path = std::path::PathBuf::from(lock_path);
    let io = |e: std::io::Error| StoreError::new(ErrorCode::AuditHeadUnreadable, &path, e.to_string());
    crate::files::create_private(&lock_path).map_err(io)?;
    let lock = std::fs::OpenOptions::new().read(true).write(true).open(&lock_path).map_err(io)?;
    lock.lock().map_err(io)?;
    if read_head(db)?.is_some_and(|h| h.seq >= seq) {
        return Ok(());
    }
    let head = AuditHead { format: HEAD_FORMAT.into(), seq, hash: hash.to_owned() };
    let mut bytes = serde_json::to_vec(&head).unwrap_or_default();
    bytes.push(b'\n');
    crate::files::write_atomic(&path, &bytes, crate::files::Access::Private).map_err(io)
}

/// Walks the whole chain and reports the first entry that was altered, removed or replaced;
/// then compares its end with the head recorded outside the database (truncation, a rewrite
/// with recomputed hashes, a missing head), and the version rows with the entries that
/// recorded them.
pub fn verify(conn: &Connection, path: &Path) -> Result<AuditVerdict, StoreError> {
    let err = |e| StoreError::sqlite(path, e);
    let anchor = read_head(path)?;
    let mut stmt = conn
        .prepare("SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log ORDER BY seq")
        .map_err(err)?;
    let mut rows = stmt.query([]).map_err(err)?;
    let (mut expected_seq, mut prev, mut count) = (1_i64, GENESIS.to_owned(), 0_i64);
    let mut at_anchor: Option<String> = None;
    let mut versions: Vec<(i64, String, String)> = Vec::new();
    while let Some(r) = rows.next().map_err(err)? {
        let seq: i64 = r.get(0).map_err(err)?;
        let text = |i| r.get::<_, String>(i).map_err(err);
        let (at, actor, action, subject, details, prev_hash, hash) =
            (text(1)?, text(2)?, text(3)?, text(4)?, text(5)?, text(6)?, text(7)?);
        count += 1;
        let verdict = |problem| AuditVerdict {
            entries: count,
            head: prev.clone(),
            anchor: anchor.clone(),
            problem: Some(problem),
        };
        if seq != expected_seq {
            return Ok(verdict(AuditProblem::Removed { after: expected_seq - 1, next: seq }));
        }
        if entry_hash(seq, &at, &actor, &action, &subject, &details, &prev_hash) != hash {
            return Ok(verdict(AuditProblem::Altered { seq }));
        }
        if prev_hash != prev {
            return Ok(verdict(AuditProblem::BrokenLink { seq }));
        }
        if anchor.as_ref().is_some_and(|a| a.seq == seq) {
            at_anchor = Some(hash.clone());
        }
        if let Some(kind) = action.strip_prefix("version.") {
            let fp = serde_json::from_str::<Value>(&details)
                .ok()
                .and_then(|d| d["fingerprint"].as_str().map(str::to_owned))
                .unwrap_or_default();
            versions.push((seq, subject.clone(), format!("{kind} {fp}")));
        }
        prev = hash;
        expected_seq += 1;
    }
    let done = |problem| Ok(AuditVerdict { entries: count, head: prev.clone(), anchor: anchor.clone(), problem });
    match &anchor {
        None if count > 0 => return done(Some(AuditProblem::AnchorMissing)),
        Some(a) if a.seq > count => {
            return done(Some(AuditProblem::Truncated { head_seq: a.seq, last_seq: count }));
        }
        Some(a) if a.seq > 0 && at_anchor.as_deref() != Some(a.hash.as_str()) => {
            return done(Some(AuditProblem::Rewritten { seq: a.seq }));
        }
        _ => {}
    }
    if let Some(problem) = check_versions(conn, path, &versions)? {
        return done(Some(problem));
    }
    done(None)
}

/// Every version the log recorded is in the database, and every version row was recorded.
fn check_versions(
    conn: &Connection,
    path: &Path,
    recorded: &[(i64, String, String)],
) -> Result<Option<AuditProblem>, StoreError> {
    let err = |e| StoreError::sqlite(path, e);
    let mut stmt = conn
        .prepare(
            "SELECT i.name || '@' || v.version, v.kind, v.fingerprint FROM governance_versions v \
             JOIN governance_instances i ON i.id = v.instance_id",
        )
        .map_err(err)?;
    let rows: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .map_err(err)?
        .collect::<Result<_, _>>()
        .map_err(err)?;
    let stored: std::collections::BTreeSet<(String, String)> =
        rows.iter().map(|(s, kind, fp)| (s.clone(), format!("{kind} {fp}"))).collect();
    for (seq, subject, what) in recorded {
        if !stored.contains(&(subject.clone(), what.clone())) {
            return Ok(Some(AuditProblem::VersionMissing { seq: *seq, subject: subject.clone() }));
        }
    }
    let logged: std::collections::BTreeSet<(String, String)> =
        recorded.iter().map(|(_, s, w)| (s.clone(), w.clone())).collect();
    Ok(stored
        .iter()
        .find(|v| !logged.contains(*v))
        .map(|(subject, _)| AuditProblem::VersionUnrecorded { subject: subject.clone() }))
}

/// A checkpoint statement: the text a release key signs to vouch for the head.
pub fn checkpoint_statement(head: &AuditHead) -> String {
    format!("cogov audit checkpoint {} {}", head.seq, head.hash)
}

/// A head signed with a release key, to keep outside the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Checkpoint {
    /// The head vouched for.
    pub head: AuditHead,
    /// The signing key's id.
    pub key_id: String,
    /// The minisign signature of [`checkpoint_statement`].
    pub signature: String,
    /// When it was made.
    pub at: String,
}

/// Signs the chain's current head with `key` and keeps the checkpoint in the database too.
pub fn checkpoint(store: &mut crate::Store, key: &minisign::SecretKey) -> Result<Checkpoint, StoreError> {
    let path = store.path().to_path_buf();
    store.write(|tx| {
        let (seq, hash) = last(tx, &path)?;
        let head = AuditHead { format: HEAD_FORMAT.into(), seq, hash };
        let statement = checkpoint_statement(&head);
        let signature = cogov_engine::bundle::sign::sign(statement.as_bytes(), key, &statement)
            .map_err(|e| StoreError::new(e.code, &path, e.message))?;
        let public = minisign::PublicKey::from_secret_key(key).map_err(|e| {
            StoreError::new(ErrorCode::KeyUnreadable, &path, format!("the secret key has no public half: {e}"))
        })?;
        let key_id = cogov_engine::bundle::sign::key_id(&public);
        let at = now_rfc3339();
        tx.execute(
            "INSERT INTO audit_checkpoints (seq, hash, key_id, signature, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![head.seq, head.hash, key_id, signature, at],
        )
        .map_err(|e| StoreError::sqlite(&path, e))?;
        Ok(Checkpoint { head, key_id, signature, at })
    })
}

/// Checks a checkpoint's signature with `public`, and that the chain still holds the entry it
/// vouches for with the same hash. `Ok(None)` when it holds; else the problem.
pub fn verify_checkpoint(
    conn: &Connection,
    path: &Path,
    cp: &Checkpoint,
    public: &minisign::PublicKey,
) -> Result<Option<String>, StoreError> {
    let statement = checkpoint_statement(&cp.head);
    if cogov_engine::bundle::sign::verify(statement.as_bytes(), &cp.signature, public).is_err() {
        return Ok(Some(format!("the checkpoint of entry {} is not signed by this key", cp.head.seq)));
    }
    let hash: Option<String> = conn
        .query_row("SELECT hash FROM audit_log WHERE seq = ?1", [cp.head.seq], |r| r.get(0))
        .optional()
        .map_err(|e| StoreError::sqlite(path, e))?;
    Ok(match hash {
        None => Some(format!("entry {} that the signed checkpoint vouches for is gone", cp.head.seq)),
        Some(h) if h != cp.head.hash => {
            Some(format!("entry {} differs from the signed checkpoint: the log was rewritten", cp.head.seq))
        }
        Some(_) => None,
    })
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
                .write(|tx| append(tx, &path, "ada", "case.note", &format!("case:{i}"), &json!({"i": i})))
                .expect("append");
        }
        (dir, store)
    }

    /// Goes around the triggers, as someone editing the file with the sqlite3 shell would.
    fn tamper(store: &Store, sql: &str) {
        store
            .conn()
            .execute_batch(&format!(
                "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; {sql}"
            ))
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

    /// Rewrites entry `seq`'s actor and recomputes its hash and every later one, as a careful
    /// forger would: the chain alone still verifies.
    fn rewrite_from(store: &Store, seq: i64) {
        let all = entries(store.conn(), store.path(), 1).expect("entries");
        let mut prev = all.iter().find(|e| e.seq == seq - 1).map_or(GENESIS.to_owned(), |e| e.hash.clone());
        let mut sql = String::new();
        for e in all.iter().filter(|e| e.seq >= seq) {
            let actor = if e.seq == seq { "mallory" } else { e.actor.as_str() };
            let details = to_canonical_string(&e.details);
            let hash = entry_hash(e.seq, &e.at, actor, &e.action, &e.subject, &details, &prev);
            sql.push_str(&format!(
                "UPDATE audit_log SET actor = '{actor}', prev_hash = '{prev}', hash = '{hash}' WHERE seq = {};",
                e.seq
            ));
            prev = hash;
        }
        tamper(store, &sql);
    }

    #[test]
    fn every_append_advances_the_head_beside_the_database() {
        let (_d, store) = store_with(3);
        let head = read_head(store.path()).expect("read").expect("a head");
        assert_eq!((head.seq, head.hash.as_str()), (3, last(store.conn(), store.path()).expect("last").1.as_str()));
        let v = verify(store.conn(), store.path()).expect("verify");
        assert_eq!((v.problem, v.anchor), (None, Some(head)));
        // The head never moves back (two writers may record out of order).
        advance_head(store.path(), 1, "stale").expect("advance");
        assert_eq!(read_head(store.path()).expect("read").expect("head").seq, 3);
    }

    #[test]
    fn deleting_the_newest_entries_or_all_of_them_is_truncation() {
        let (_d, store) = store_with(5);
        tamper(&store, "DELETE FROM audit_log WHERE seq >= 4");
        let v = verify(store.conn(), store.path()).expect("verify");
        assert_eq!(v.problem, Some(AuditProblem::Truncated { head_seq: 5, last_seq: 3 }));
        tamper(&store, "DELETE FROM audit_log");
        let v = verify(store.conn(), store.path()).expect("verify");
        assert_eq!(v.problem, Some(AuditProblem::Truncated { head_seq: 5, last_seq: 0 }));
        assert!(v.problem.expect("problem").to_string().contains("entries 1..=5 were removed"));
    }

    #[test]
    fn a_rewrite_with_every_later_hash_recomputed_is_caught_by_the_head() {
        let (_d, store) = store_with(5);
        rewrite_from(&store, 2);
        let v = verify(store.conn(), store.path()).expect("verify");
        assert_eq!(v.problem, Some(AuditProblem::Rewritten { seq: 5 }));
    }

    #[test]
    fn a_missing_head_file_is_named() {
        let (_d, store) = store_with(2);
        std::fs::remove_file(head_path(store.path())).expect("remove head");
        let v = verify(store.conn(), store.path()).expect("verify");
        assert_eq!(v.problem, Some(AuditProblem::AnchorMissing));
    }

    #[test]
    fn a_signed_checkpoint_vouches_for_the_head_and_catches_a_rewrite_with_a_forged_head() {
        let (_d, mut store) = store_with(4);
        let kp = minisign::KeyPair::generate_unencrypted_keypair().expect("keypair");
        let cp = checkpoint(&mut store, &kp.sk).expect("checkpoint");
        assert_eq!(cp.head.seq, 4);
        assert_eq!(verify_checkpoint(store.conn(), store.path(), &cp, &kp.pk).expect("verify"), None);
        let other = minisign::KeyPair::generate_unencrypted_keypair().expect("keypair");
        assert!(verify_checkpoint(store.conn(), store.path(), &cp, &other.pk).expect("verify").is_some());
        // A forger who rewrites the log and the head file alike still fails the checkpoint.
        rewrite_from(&store, 3);
        let (seq, hash) = last(store.conn(), store.path()).expect("last");
        std::fs::remove_file(head_path(store.path())).expect("remove head");
        advance_head(store.path(), seq, &hash).expect("forged head");
        assert_eq!(verify(store.conn(), store.path()).expect("verify").problem, None, "the chain and head agree");
        let found = verify_checkpoint(store.conn(), store.path(), &cp, &kp.pk).expect("verify");
        assert!(found.is_some_and(|p| p.contains("rewritten")));
    }
}
