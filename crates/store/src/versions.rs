//! Versions of designs: every saved GCO is a version of an instance (its `identity.name`), with
//! its fingerprint and its parent. Saving changed content under an existing version is
//! refused, and so is a version raised less than its structural diff calls for
//! ([`cogov_engine::diff`]). A rollback is a new version whose content equals an older one:
//! history is never rewritten.

use crate::cases::{self, CaseKind, NewCase};
use crate::{Store, StoreError, audit, now_rfc3339};
use cogov_engine::diff::{self, Bump, Diff};
use cogov_engine::{intake, risk, validate};
use cogov_model::{ErrorCode, Gco};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use serde_json::json;
use std::path::Path;

crate::record::record_enum! {
    /// How a version came to be.
    pub enum VersionKind: "version kind" {
        /// Saved by a designer.
        Commit = "commit",
        /// Adopted through an amendment proposal.
        Amendment = "amendment",
        /// Restores the content of an older version.
        Rollback = "rollback",
    }
}

/// One version of a design, as the history lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VersionRecord {
    /// The instance (`identity.name`).
    pub instance: String,
    /// The semantic version.
    pub version: String,
    /// `sha256:` fingerprint of the canonical content.
    pub fingerprint: String,
    /// The version it was made from, if any.
    pub parent: Option<String>,
    /// Commit, amendment or rollback.
    pub kind: VersionKind,
    /// For a rollback, the version whose content it restores.
    pub rollback_of: Option<String>,
    /// The bump from its parent (none for the first version).
    pub bump: Option<Bump>,
    /// Why it was made.
    pub message: String,
    /// Who made it.
    pub author: String,
    /// When, RFC 3339 UTC.
    pub created_at: String,
    /// Compliance score when it was saved.
    pub compliance_score: Option<u32>,
    /// Blocking findings when it was saved.
    pub blocking: Option<u32>,
    /// The amendment proposal that adopted it.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub proposal: Option<i64>,
}

/// A design in the store, with its latest version.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InstanceSummary {
    /// The instance name.
    pub instance: String,
    /// How many versions it has.
    pub versions: u32,
    /// Its latest version.
    pub latest: VersionRecord,
}

/// What [`Store::commit`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CommitOutcome {
    /// The version saved (or found already saved).
    pub record: VersionRecord,
    /// False when exactly this content was already saved under this version (nothing written).
    pub created: bool,
    /// The bump the changes since the latest version call for.
    pub suggested: Option<Bump>,
    /// The changes since the latest version.
    pub changes: usize,
}

const SELECT: &str = "SELECT i.name, v.version, v.fingerprint, p.version, v.kind, r.version, v.bump, v.message, \
     v.author, v.created_at, \
     (SELECT score FROM governance_validations gv WHERE gv.version_id = v.id ORDER BY gv.id DESC LIMIT 1), \
     (SELECT blocking FROM governance_validations gv WHERE gv.version_id = v.id ORDER BY gv.id DESC LIMIT 1), v.id, \
     v.proposal_id \
     FROM governance_versions v JOIN governance_instances i ON i.id = v.instance_id \
     LEFT JOIN governance_versions p ON p.id = v.parent_id LEFT JOIN governance_versions r ON r.id = v.rollback_of";

fn record(r: &rusqlite::Row<'_>) -> rusqlite::Result<(VersionRecord, i64)> {
    let bump: Option<String> = r.get(6)?;
    Ok((
        VersionRecord {
            instance: r.get(0)?,
            version: r.get(1)?,
            fingerprint: r.get(2)?,
            parent: r.get(3)?,
            kind: r.get(4)?,
            rollback_of: r.get(5)?,
            bump: bump.and_then(|b| serde_json::from_value(json!(b)).ok()),
            message: r.get(7)?,
            author: r.get(8)?,
            created_at: r.get(9)?,
            compliance_score: r.get(10)?,
            blocking: r.get(11)?,
            proposal: r.get(13)?,
        },
        r.get(12)?,
    ))
}

/// The latest version of a design and its row id.
pub(crate) fn latest(
    conn: &Connection,
    path: &Path,
    instance: &str,
) -> Result<Option<(VersionRecord, i64)>, StoreError> {
    conn.query_row(&format!("{SELECT} WHERE i.name = ?1 ORDER BY v.id DESC LIMIT 1"), [instance], record)
        .optional()
        .map_err(|e| StoreError::sqlite(path, e))
}

/// One version of a design and its row id.
pub(crate) fn find(
    conn: &Connection,
    path: &Path,
    instance: &str,
    version: &str,
) -> Result<(VersionRecord, i64), StoreError> {
    conn.query_row(&format!("{SELECT} WHERE i.name = ?1 AND v.version = ?2"), [instance, version], record)
        .optional()
        .map_err(|e| StoreError::sqlite(path, e))?
        .ok_or_else(|| {
            StoreError::new(ErrorCode::UnknownVersion, path, format!("no version {version} of `{instance}`"))
        })
}

/// A stored configuration by fingerprint.
pub(crate) fn load(conn: &Connection, path: &Path, fingerprint: &str) -> Result<Gco, StoreError> {
    let bytes: Vec<u8> = conn
        .query_row("SELECT canonical FROM governance_configurations WHERE fingerprint = ?1", [fingerprint], |r| {
            r.get(0)
        })
        .map_err(|e| StoreError::sqlite(path, e))?;
    intake::from_json_bytes(&bytes).and_then(|d| d.into_gco()).map_err(|e| {
        StoreError::new(ErrorCode::StoredContentUnreadable, path, format!("configuration {fingerprint}: {e}"))
    })
}

/// What a new version row needs besides its content.
struct NewVersion<'a> {
    kind: VersionKind,
    proposal: Option<i64>,
    parent: Option<i64>,
    rollback_of: Option<i64>,
    bump: Option<Bump>,
    message: &'a str,
    author: &'a str,
}

fn insert(tx: &Transaction<'_>, path: &Path, gco: &Gco, v: &NewVersion<'_>) -> Result<i64, StoreError> {
    let err = |e| StoreError::sqlite(path, e);
    let now = now_rfc3339();
    tx.execute(
        "INSERT OR IGNORE INTO governance_instances (name, created_at) VALUES (?1, ?2)",
        params![gco.identity.name, now],
    )
    .map_err(err)?;
    let instance_id: i64 = tx
        .query_row("SELECT id FROM governance_instances WHERE name = ?1", [&gco.identity.name], |r| r.get(0))
        .map_err(err)?;
    let fingerprint = gco.fingerprint();
    tx.execute(
        "INSERT OR IGNORE INTO governance_configurations (fingerprint, canonical) VALUES (?1, ?2)",
        params![fingerprint, gco.canonical_json().into_bytes()],
    )
    .map_err(err)?;
    tx.execute(
        "INSERT INTO governance_versions (instance_id, version, fingerprint, parent_id, kind, rollback_of, bump, message, \
         author, created_at, proposal_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            instance_id,
            gco.identity.version.to_string(),
            fingerprint,
            v.parent,
            v.kind.as_str(),
            v.rollback_of,
            v.bump.map(Bump::as_str),
            v.message,
            v.author,
            now,
            v.proposal
        ],
    )
    .map_err(err)?;
    let version_id = tx.last_insert_rowid();
    let report =
        validate::report(&intake::Document { value: gco.to_value(), gco: Some(gco.clone()), findings: vec![] });
    let count = |s| report.findings.iter().filter(|f| f.severity == s).count() as i64;
    tx.execute(
        "INSERT INTO governance_validations (version_id, engine, blocking, warnings, infos, score, report, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            version_id,
            env!("CARGO_PKG_VERSION"),
            count(cogov_model::Severity::Blocking),
            count(cogov_model::Severity::Warning),
            count(cogov_model::Severity::Info),
            report.compliance_score,
            serde_json::to_string(&report).unwrap_or_default(),
            now
        ],
    )
    .map_err(err)?;
    if !report.is_blocking() {
        // Risk is scored per version; drift is measured against the version this one follows.
        let parent = match v.parent {
            Some(id) => {
                let fp: String = tx
                    .query_row("SELECT fingerprint FROM governance_versions WHERE id = ?1", [id], |r| r.get(0))
                    .map_err(err)?;
                Some(load(tx, path, &fp)?)
            }
            None => None,
        };
        let scores = risk::score(gco, parent.as_ref());
        tx.execute(
            "INSERT INTO governance_scores (version_id, model, scores, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![version_id, scores.model_version, serde_json::to_string(&scores).unwrap_or_default(), now],
        )
        .map_err(err)?;
    }
    let subject = format!("{}@{}", gco.identity.name, gco.identity.version);
    let details = json!({"fingerprint": fingerprint, "message": v.message, "bump": v.bump.map(Bump::as_str)});
    audit::append(tx, path, v.author, &format!("version.{}", v.kind.as_str()), &subject, &details)?;
    Ok(version_id)
}

impl Store {
    /// Saves a design as a new version of its instance.
    ///
    /// Saving exactly the content already saved under its version does nothing and says so
    /// (`created: false`), so a retried save is harmless. Different content under a saved
    /// version is refused (`GOV-S010`), and so is a version raised less than the changes since
    /// the latest version call for (`GOV-S011`, naming the suggested version).
    pub fn commit(&mut self, gco: &Gco, message: &str, author: &str) -> Result<CommitOutcome, StoreError> {
        let path = self.path.clone();
        self.write(|tx| commit_tx(tx, &path, gco, VersionKind::Commit, None, message, author))
    }

    /// Every design in the store with its latest version, by name.
    pub fn instances(&self) -> Result<Vec<InstanceSummary>, StoreError> {
        let err = |e| StoreError::sqlite(&self.path, e);
        let mut stmt = self
            .conn
            .prepare("SELECT i.name, COUNT(v.id) FROM governance_instances i JOIN governance_versions v ON v.instance_id = i.id GROUP BY i.id ORDER BY i.name")
            .map_err(err)?;
        let names: Vec<(String, u32)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(err)?.collect::<Result<_, _>>().map_err(err)?;
        names
            .into_iter()
            .map(|(instance, versions)| {
                let (latest, _) = latest(&self.conn, &self.path, &instance)?
                    .ok_or_else(|| StoreError::new(ErrorCode::UnknownInstance, &self.path, instance.clone()))?;
                Ok(InstanceSummary { instance, versions, latest })
            })
            .collect()
    }

    /// The versions of a design, oldest first.
    pub fn log(&self, instance: &str) -> Result<Vec<VersionRecord>, StoreError> {
        let err = |e| StoreError::sqlite(&self.path, e);
        let mut stmt = self.conn.prepare(&format!("{SELECT} WHERE i.name = ?1 ORDER BY v.id")).map_err(err)?;
        let rows: Vec<VersionRecord> = stmt
            .query_map([instance], record)
            .map_err(err)?
            .map(|r| r.map(|(v, _)| v))
            .collect::<Result<_, _>>()
            .map_err(err)?;
        if rows.is_empty() {
            return Err(StoreError::new(
                ErrorCode::UnknownInstance,
                &self.path,
                format!("no design `{instance}` in the store"),
            ));
        }
        Ok(rows)
    }

    /// One version and its content.
    pub fn show(&self, instance: &str, version: &str) -> Result<(VersionRecord, Gco), StoreError> {
        let (rec, _) = find(&self.conn, &self.path, instance, version)?;
        let gco = load(&self.conn, &self.path, &rec.fingerprint)?;
        Ok((rec, gco))
    }

    /// The latest version of a design.
    pub fn latest(&self, instance: &str) -> Result<VersionRecord, StoreError> {
        latest(&self.conn, &self.path, instance)?.map(|(v, _)| v).ok_or_else(|| {
            StoreError::new(ErrorCode::UnknownInstance, &self.path, format!("no design `{instance}` in the store"))
        })
    }

    /// The structural diff between two versions of a design.
    pub fn diff(&self, instance: &str, old: &str, new: &str) -> Result<(Gco, Gco, Diff), StoreError> {
        let (_, a) = self.show(instance, old)?;
        let (_, b) = self.show(instance, new)?;
        let d = diff::structural(&a, &b);
        Ok((a, b, d))
    }

    /// Restores the content of `version` as a new version after the latest: the next version
    /// number by the bump that the change from the latest back to it calls for (at least a
    /// patch). The rolled-back versions stay in the history.
    pub fn rollback(
        &mut self,
        instance: &str,
        version: &str,
        message: &str,
        author: &str,
    ) -> Result<VersionRecord, StoreError> {
        let path = self.path.clone();
        self.write(|tx| {
            let (target, target_id) = find(tx, &path, instance, version)?;
            let (head, head_id) = latest(tx, &path, instance)?
                .ok_or_else(|| StoreError::new(ErrorCode::UnknownInstance, &path, instance.to_owned()))?;
            let mut gco = load(tx, &path, &target.fingerprint)?;
            let current = load(tx, &path, &head.fingerprint)?;
            let bump = diff::structural(&current, &gco).suggested.unwrap_or(Bump::Patch);
            gco.identity.version = bump.apply(&current.identity.version);
            let message = if message.is_empty() { format!("Roll back to {version}") } else { message.to_owned() };
            let nv = NewVersion {
                kind: VersionKind::Rollback,
                proposal: None,
                parent: Some(head_id),
                rollback_of: Some(target_id),
                bump: Some(bump),
                message: &message,
                author,
            };
            insert(tx, &path, &gco, &nv)?;
            let new_version = gco.identity.version.to_string();
            let subject = format!("{instance}@{new_version}");
            let summary =
                format!("{instance} rolled back from {} to the content of {version}: {message}", head.version);
            let c =
                NewCase { instance, kind: CaseKind::Rollback, reason_code: None, subject: &subject, summary: &summary };
            cases::open(tx, &path, &gco, c, author)?;
            find(tx, &path, instance, &new_version).map(|(r, _)| r)
        })
    }
}

/// Saves `gco` as a new version inside a write transaction (see [`Store::commit`]).
pub(crate) fn commit_tx(
    tx: &Transaction<'_>,
    path: &Path,
    gco: &Gco,
    kind: VersionKind,
    proposal: Option<i64>,
    message: &str,
    author: &str,
) -> Result<CommitOutcome, StoreError> {
    let (name, version) = (&gco.identity.name, gco.identity.version.to_string());
    if let Ok((existing, _)) = find(tx, path, name, &version) {
        if existing.fingerprint == gco.fingerprint() && kind == VersionKind::Commit {
            return Ok(CommitOutcome { record: existing, created: false, suggested: None, changes: 0 });
        }
        return Err(StoreError::new(
            ErrorCode::VersionExists,
            path,
            format!(
                "{name}@{version} is already saved with other content ({}); raise the version",
                existing.fingerprint
            ),
        ));
    }
    let parent = latest(tx, path, name)?;
    let (diff, bump, parent_id) = match &parent {
        Some((p, id)) => {
            let old = load(tx, path, &p.fingerprint)?;
            let d = diff::structural(&old, gco);
            check_bump(path, name, &old.identity.version, &gco.identity.version, &d)?;
            (Some(d), Bump::between(&old.identity.version, &gco.identity.version), Some(*id))
        }
        None => (None, None, None),
    };
    let nv = NewVersion { kind, proposal, parent: parent_id, rollback_of: None, bump, message, author };
    insert(tx, path, gco, &nv)?;
    let (record, _) = find(tx, path, name, &version)?;
    let suggested = diff.as_ref().and_then(|d| d.suggested);
    Ok(CommitOutcome { record, created: true, suggested, changes: diff.map_or(0, |d| d.changes.len()) })
}

fn check_bump(
    path: &Path,
    name: &str,
    from: &semver::Version,
    to: &semver::Version,
    d: &Diff,
) -> Result<(), StoreError> {
    let needed = d.suggested.unwrap_or(Bump::Patch);
    let minimum = needed.apply(from);
    if to >= &minimum {
        return Ok(());
    }
    let reasons: Vec<String> =
        d.changes.iter().filter(|c| c.bump == needed).take(3).map(|c| format!("{} ({})", c.label, c.why)).collect();
    Err(StoreError::new(
        ErrorCode::BumpTooLow,
        path,
        format!(
            "{name}: {from} → {to} is not enough: the changes call for a {} bump, to {minimum} or later{}",
            needed.as_str(),
            if reasons.is_empty() { String::new() } else { format!(": {}", reasons.join("; ")) }
        ),
    ))
}

/// The risk scores stored with one version, and how each moved since the version before.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VersionScores {
    /// The version.
    pub version: String,
    /// The scoring model that scored it.
    pub model: String,
    /// The six scores as stored (`{model_version, scores: [{name, value, level, …}]}`).
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub scores: serde_json::Value,
    /// Score name → value minus the previous scored version's (same model only).
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number>"))]
    pub deltas: std::collections::BTreeMap<String, f64>,
}

impl Store {
    /// The stored risk scores of a design's versions, oldest first, with their deltas. Versions
    /// with blocking findings are not scored and are left out.
    pub fn score_history(&self, instance: &str) -> Result<Vec<VersionScores>, StoreError> {
        let err = |e| StoreError::sqlite(&self.path, e);
        self.log(instance)?; // an unknown design is an error
        let mut stmt = self
            .conn
            .prepare(
                "SELECT v.version, s.model, s.scores FROM governance_scores s JOIN governance_versions v \
                 ON v.id = s.version_id JOIN governance_instances i ON i.id = v.instance_id WHERE i.name = ?1 \
                 ORDER BY v.id, s.id",
            )
            .map_err(err)?;
        let rows: Vec<(String, String, String)> = stmt
            .query_map([instance], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)?;
        let values = |v: &serde_json::Value| -> std::collections::BTreeMap<String, f64> {
            v["scores"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| Some((s["name"].as_str()?.to_owned(), s["value"].as_f64()?)))
                .collect()
        };
        let mut out: Vec<VersionScores> = Vec::new();
        for (version, model, json) in rows {
            let scores: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
            let now = values(&scores);
            let deltas = match out.last().filter(|p| p.model == model) {
                Some(prev) => {
                    let before = values(&prev.scores);
                    now.iter()
                        .filter_map(|(k, v)| before.get(k).map(|b| (k.clone(), ((v - b) * 1e6).round() / 1e6)))
                        .collect()
                }
                None => Default::default(),
            };
            out.push(VersionScores { version, model, scores, deltas });
        }
        Ok(out)
    }
}
