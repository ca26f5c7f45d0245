//! Bundles made from stored versions (kept as `governance_artifacts` of kind `bundle`), the
//! latest stored simulation a bundle carries, and deployment records (append-only).

use crate::{Store, StoreError, audit, now_rfc3339};
use rusqlite::params;
use serde::Serialize;
use serde_json::json;

/// A bundle kept in the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleRecord {
    /// The design.
    pub instance: String,
    /// The version bundled.
    pub version: String,
    /// `sha256:` of the archive.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
    /// When it was first recorded.
    pub created_at: String,
}

crate::record::record_enum! {
    /// What a deployment record did to its target.
    pub enum DeployAction: "deploy action" {
        /// A bundle was made active.
        Deploy = "deploy",
        /// The target returned to the bundle it ran before.
        Rollback = "rollback",
    }
}

/// One deployment (or rollback) of a bundle on a target, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeploymentRecord {
    /// Its id (0 before it is recorded).
    pub id: i64,
    /// The bundle's design.
    pub instance: String,
    /// The bundle's version.
    pub version: String,
    /// The design's fingerprint.
    pub fingerprint: String,
    /// `sha256:` of the bundle now active on the target.
    pub bundle_sha256: String,
    /// What it did.
    pub action: DeployAction,
    /// The bundle file deployed (the target itself for a rollback).
    pub source: String,
    /// The target directory.
    pub target: String,
    /// The release channel deployed from, if any.
    pub channel: Option<String>,
    /// The telemetry contract's version, when the bundle has one.
    pub contract_version: Option<String>,
    /// What the target ran before.
    pub previous_sha256: Option<String>,
    /// Who deployed.
    pub author: String,
    /// When (RFC 3339 UTC; set on insert).
    pub at: String,
}

impl Store {
    /// Keeps a bundle of a stored version (once per content) and audits it. Returns false
    /// when exactly this bundle was already kept.
    pub fn record_bundle(
        &mut self,
        instance: &str,
        version: &str,
        sha256: &str,
        bytes: &[u8],
        author: &str,
    ) -> Result<bool, StoreError> {
        let path = self.path.clone();
        self.write(|tx| {
            let err = |e| StoreError::sqlite(&path, e);
            let version_id: i64 = tx
                .query_row(
                    "SELECT v.id FROM governance_versions v JOIN governance_instances i ON i.id = v.instance_id \
                     WHERE i.name = ?1 AND v.version = ?2",
                    params![instance, version],
                    |r| r.get(0),
                )
                .map_err(err)?;
            let n = tx
                .execute(
                    "INSERT OR IGNORE INTO governance_artifacts (version_id, kind, name, sha256, content, created_at) \
                     VALUES (?1, 'bundle', ?2, ?2, ?3, ?4)",
                    params![version_id, sha256, bytes, now_rfc3339()],
                )
                .map_err(err)?;
            if n > 0 {
                let details = json!({"sha256": sha256, "size": bytes.len()});
                audit::append(tx, &path, author, "bundle.create", &format!("{instance}@{version}"), &details)?;
            }
            Ok(n > 0)
        })
    }

    /// The bundles kept for a design, oldest first.
    pub fn bundles(&self, instance: &str) -> Result<Vec<BundleRecord>, StoreError> {
        let err = |e| StoreError::sqlite(&self.path, e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT i.name, v.version, a.sha256, length(a.content), a.created_at FROM governance_artifacts a \
                 JOIN governance_versions v ON v.id = a.version_id JOIN governance_instances i ON i.id = v.instance_id \
                 WHERE a.kind = 'bundle' AND i.name = ?1 ORDER BY a.id",
            )
            .map_err(err)?;
        stmt.query_map([instance], |r| {
            Ok(BundleRecord {
                instance: r.get(0)?,
                version: r.get(1)?,
                sha256: r.get(2)?,
                size: r.get::<_, i64>(3)? as u64,
                created_at: r.get(4)?,
            })
        })
        .map_err(err)?
        .collect::<Result<_, _>>()
        .map_err(err)
    }

    /// Appends a deployment record (and its audit entry); returns it with its id and time.
    pub fn record_deployment(&mut self, mut r: DeploymentRecord) -> Result<DeploymentRecord, StoreError> {
        let path = self.path.clone();
        r.at = now_rfc3339();
        let id = self.write(|tx| {
            tx.execute(
                "INSERT INTO deployment_records (instance, version, fingerprint, bundle_sha256, action, source, target, \
                 channel, contract_version, previous_sha256, author, at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    r.instance,
                    r.version,
                    r.fingerprint,
                    r.bundle_sha256,
                    r.action,
                    r.source,
                    r.target,
                    r.channel,
                    r.contract_version,
                    r.previous_sha256,
                    r.author,
                    r.at
                ],
            )
            .map_err(|e| StoreError::sqlite(&path, e))?;
            let id = tx.last_insert_rowid();
            let details = json!({
                "target": r.target, "bundle_sha256": r.bundle_sha256, "previous_sha256": r.previous_sha256,
                "channel": r.channel, "contract_version": r.contract_version, "source": r.source,
            });
            let subject = format!("{}@{}", r.instance, r.version);
            audit::append(tx, &path, &r.author, &format!("deploy.{}", r.action), &subject, &details)?;
            Ok(id)
        })?;
        r.id = id;
        Ok(r)
    }

    /// Deployment records, oldest first; only those on `target` when given.
    pub fn deployments(&self, target: Option<&str>) -> Result<Vec<DeploymentRecord>, StoreError> {
        let err = |e| StoreError::sqlite(&self.path, e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, instance, version, fingerprint, bundle_sha256, action, source, target, channel, \
                 contract_version, previous_sha256, author, at FROM deployment_records \
                 WHERE ?1 IS NULL OR target = ?1 ORDER BY id",
            )
            .map_err(err)?;
        stmt.query_map([target], |r| {
            Ok(DeploymentRecord {
                id: r.get(0)?,
                instance: r.get(1)?,
                version: r.get(2)?,
                fingerprint: r.get(3)?,
                bundle_sha256: r.get(4)?,
                action: r.get(5)?,
                source: r.get(6)?,
                target: r.get(7)?,
                channel: r.get(8)?,
                contract_version: r.get(9)?,
                previous_sha256: r.get(10)?,
                author: r.get(11)?,
                at: r.get(12)?,
            })
        })
        .map_err(err)?
        .collect::<Result<_, _>>()
        .map_err(err)
    }
}
