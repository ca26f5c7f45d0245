//! `cogov-deploy`: activates verified bundles on a target directory, atomically and
//! reversibly, and says what each target runs (docs/bundles.md).
//!
//! A target directory holds:
//!
//! ```text
//! releases/<hex>/          one directory per bundle (hex: the archive's SHA-256), immutable:
//!                          the bundle's files, manifest.json(.minisig), execution.db
//! current -> releases/<hex>  the active release: a symlink replaced by rename
//! deployments.db           the target's deployment records (triggers refuse UPDATE/DELETE)
//! telemetry-contract.json -> current/telemetry/contract.json   when the bundle has one
//! .staging/                work in progress; whatever a killed deploy left is removed
//! ```
//!
//! A deploy verifies the bundle before writing anything, stages the release under
//! `.staging/`, fsyncs every file and directory, renames it into `releases/`, then swaps the
//! `current` symlink with one `rename` and fsyncs the target directory: a crash at any point
//! leaves `current` on the old release or the new one, whole. The deployment record is
//! appended after the swap; `current` is the authority on what runs, and [`status`] reports a
//! target whose active release has no record. One deployer per target at a time.

pub mod execution;
mod fsx;

use cogov_engine::bundle::{self, Manifest};
use cogov_engine::pipeline::sha256;
use cogov_model::ErrorCode;
use rusqlite::{Connection, params};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The active release's symlink.
pub const CURRENT: &str = "current";
/// The releases' directory.
pub const RELEASES: &str = "releases";
/// The staging directory.
pub const STAGING: &str = ".staging";
/// The target's deployment records.
pub const RECORDS_DB: &str = "deployments.db";
/// Where a bundle carries its telemetry contract.
pub const CONTRACT_IN_BUNDLE: &str = "telemetry/contract.json";
/// The target's link to the active telemetry contract.
pub const CONTRACT_LINK: &str = "telemetry-contract.json";

/// A deploy, rollback or status that failed: a stable code (`GOV-D…`, or the bundle's
/// `GOV-B…`), the file concerned, the bundle entry when there is one, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {path}{}: {message}", self.entry.as_deref().map(|e| format!("#{e}")).unwrap_or_default())]
pub struct DeployError {
    /// The stable reason code.
    pub code: ErrorCode,
    /// The file or directory concerned.
    pub path: String,
    /// The bundle entry concerned.
    pub entry: Option<String>,
    /// What went wrong.
    pub message: String,
}

impl DeployError {
    /// An error about `path`.
    pub fn new(code: ErrorCode, path: &Path, message: impl Into<String>) -> Self {
        DeployError { code, path: path.display().to_string(), entry: None, message: message.into() }
    }

    fn io(path: &Path, e: &std::io::Error) -> Self {
        DeployError::new(ErrorCode::DeployTarget, path, e.to_string())
    }

    fn db(path: &Path, e: &rusqlite::Error) -> Self {
        DeployError::new(ErrorCode::DeployTargetDatabase, path, e.to_string())
    }
}

/// What to deploy.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The bundle's bytes.
    pub bundle: &'a [u8],
    /// Where they came from (a file name; kept in the record).
    pub source: &'a str,
    /// The key the bundle must be signed with.
    pub public: &'a minisign::PublicKey,
    /// The release channel it is deployed from, if any (kept in the record).
    pub channel: Option<&'a str>,
    /// Who deploys.
    pub author: &'a str,
}

/// One deployment record of a target (also what [`deploy`] and [`rollback`] return).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Activation {
    /// Its sequence number in the target's records.
    pub seq: i64,
    /// `deploy` or `rollback`.
    pub action: String,
    /// The target directory.
    pub target: String,
    /// The release now active (the bundle's SHA-256 in hex).
    pub release: String,
    /// `sha256:` of the bundle now active.
    pub bundle_sha256: String,
    /// The release active before, if any.
    pub previous: Option<String>,
    /// The design.
    pub instance: String,
    /// Its version.
    pub version: String,
    /// Its fingerprint.
    pub fingerprint: String,
    /// The bundle file deployed (the target, for a rollback).
    pub source: String,
    /// The release channel deployed from.
    pub channel: Option<String>,
    /// The telemetry contract's version, when the bundle has one.
    pub contract_version: Option<String>,
    /// Who.
    pub author: String,
    /// When (RFC 3339 UTC).
    pub at: String,
}

impl Activation {
    /// The user's store's copy of this activation: the sync record (source, target, contract
    /// version, bundle hash; the store stamps the time).
    pub fn sync_record(&self) -> cogov_store::bundles::DeploymentRecord {
        cogov_store::bundles::DeploymentRecord {
            id: 0,
            instance: self.instance.clone(),
            version: self.version.clone(),
            fingerprint: self.fingerprint.clone(),
            bundle_sha256: self.bundle_sha256.clone(),
            action: self.action.clone(),
            source: self.source.clone(),
            target: self.target.clone(),
            channel: self.channel.clone(),
            contract_version: self.contract_version.clone(),
            previous_sha256: self.previous.as_ref().map(|p| format!("sha256:{p}")),
            author: self.author.clone(),
            at: String::new(),
        }
    }
}

/// What a target runs and whether it still matches its manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetStatus {
    /// The target directory.
    pub target: String,
    /// The active release, if any.
    pub release: Option<String>,
    /// Its design, version and fingerprint.
    pub instance: Option<String>,
    /// The active version.
    pub version: Option<String>,
    /// The active design's fingerprint.
    pub fingerprint: Option<String>,
    /// The telemetry contract's version, when the active bundle has one.
    pub contract_version: Option<String>,
    /// Active files whose content no longer matches the manifest (changed, missing or
    /// unlisted), and a manifest whose signature fails when a key is given.
    pub drift: Vec<String>,
    /// False when the active release has no deployment record (a deploy stopped between the
    /// swap and the record).
    pub recorded: bool,
    /// How many deployment records the target has.
    pub records: usize,
}

fn hex_of(sha: &str) -> String {
    sha.trim_start_matches("sha256:").to_owned()
}

/// Deploys a bundle on `target` (created if missing): verify, stage, activate, record.
pub fn deploy(target: &Path, req: &Request<'_>) -> Result<Activation, DeployError> {
    let verified = bundle::verify(req.bundle, req.public).map_err(|e| DeployError {
        code: e.code,
        path: req.source.to_owned(),
        entry: e.entry,
        message: e.message,
    })?;
    let release = hex_of(&verified.sha256);
    let contract_version = verified
        .files
        .iter()
        .find(|f| f.path == CONTRACT_IN_BUNDLE)
        .and_then(|f| serde_json::from_slice::<serde_json::Value>(&f.bytes).ok())
        .and_then(|v| {
            // A contract is derived from one design version: its format and that version name it.
            let derived = match (v["format"].as_str(), v["source"]["version"].as_str()) {
                (Some(f), Some(ver)) => Some(format!("{f}@{ver}")),
                _ => None,
            };
            ["contract_version", "version"]
                .iter()
                .find_map(|k| v.get(*k).and_then(|x| x.as_str()).map(str::to_owned))
                .or(derived)
        });
    let has_contract = verified.files.iter().any(|f| f.path == CONTRACT_IN_BUNDLE);
    fsx::create_dirs(target, &[RELEASES, STAGING])?;
    fsx::clear_staging(&target.join(STAGING))?;
    let dest = target.join(RELEASES).join(&release);
    if dest.exists() {
        let drift = drift_of(&dest, None)?;
        if !drift.is_empty() {
            return Err(DeployError::new(
                ErrorCode::DeployTarget,
                &dest,
                format!(
                    "this release is already on the target but has drifted ({}): remove it first",
                    drift.join(", ")
                ),
            ));
        }
    } else {
        let stage = target.join(STAGING).join(format!("{release}.{}", std::process::id()));
        fsx::create_dirs(&stage, &[])?;
        let mut all = verified.files.clone();
        all.push(bundle::BundleFile::new(bundle::MANIFEST, verified.manifest_bytes.clone()));
        all.push(bundle::BundleFile::new(bundle::SIGNATURE, verified.signature.clone()));
        for f in &all {
            fsx::write_synced(&stage.join(&f.path), &f.bytes)?;
        }
        execution::init(&stage.join(execution::DB), &verified)?;
        fsx::sync_tree(&stage)?;
        fsx::rename(&stage, &dest)?;
        fsx::sync_dir(&target.join(RELEASES))?;
        fsx::sync_dir(&target.join(STAGING))?;
    }
    let previous = active_release(target)?;
    activate(target, &release)?;
    if has_contract {
        fsx::ensure_symlink(target, CONTRACT_LINK, &format!("{CURRENT}/{CONTRACT_IN_BUNDLE}"))?;
    }
    let m = &verified.manifest;
    append_record(
        target,
        Activation {
            seq: 0,
            action: "deploy".into(),
            target: target.display().to_string(),
            release,
            bundle_sha256: verified.sha256.clone(),
            previous,
            instance: m.instance.clone(),
            version: m.version.clone(),
            fingerprint: m.fingerprint.clone(),
            source: req.source.to_owned(),
            channel: req.channel.map(str::to_owned),
            contract_version,
            author: req.author.to_owned(),
            at: cogov_store::now_rfc3339(),
        },
    )
}

/// Returns `target` to the release that was active before the current one (by its records),
/// atomically, and records it.
pub fn rollback(target: &Path, author: &str) -> Result<Activation, DeployError> {
    let Some(current) = active_release(target)? else {
        return Err(DeployError::new(ErrorCode::DeployNotDeployed, target, "nothing is deployed here"));
    };
    let records = history(target)?;
    let Some(last) = records.iter().rev().find(|r| r.release == current) else {
        return Err(DeployError::new(
            ErrorCode::DeployNothingToRollBack,
            target,
            "the active release has no deployment record to say what came before it",
        ));
    };
    let Some(previous) = last.previous.clone() else {
        return Err(DeployError::new(ErrorCode::DeployNothingToRollBack, target, "the active release is the first"));
    };
    let Some(earlier) = records.iter().rev().find(|r| r.release == previous).cloned() else {
        return Err(DeployError::new(ErrorCode::DeployNothingToRollBack, target, "the earlier release has no record"));
    };
    if !target.join(RELEASES).join(&previous).is_dir() {
        return Err(DeployError::new(
            ErrorCode::DeployNothingToRollBack,
            &target.join(RELEASES).join(&previous),
            "the earlier release's directory is gone",
        ));
    }
    activate(target, &previous)?;
    append_record(
        target,
        Activation {
            seq: 0,
            action: "rollback".into(),
            previous: Some(current),
            source: target.display().to_string(),
            author: author.to_owned(),
            at: cogov_store::now_rfc3339(),
            ..earlier
        },
    )
}

/// What `target` runs, and how its active files compare with their manifest (and, with a key,
/// whether the manifest's signature still holds).
pub fn status(target: &Path, public: Option<&minisign::PublicKey>) -> Result<TargetStatus, DeployError> {
    let records = if target.join(RECORDS_DB).exists() { history(target)? } else { Vec::new() };
    let mut s = TargetStatus {
        target: target.display().to_string(),
        release: None,
        instance: None,
        version: None,
        fingerprint: None,
        contract_version: None,
        drift: Vec::new(),
        recorded: true,
        records: records.len(),
    };
    let Some(release) = active_release(target)? else { return Ok(s) };
    let dir = target.join(RELEASES).join(&release);
    let manifest = read_manifest(&dir)?;
    s.drift = drift_of(&dir, public)?;
    let record = records.iter().rev().find(|r| r.release == release);
    s.recorded = records.last().is_some_and(|r| r.release == release);
    s.contract_version = record.and_then(|r| r.contract_version.clone());
    if let Some(m) = manifest {
        s.instance = Some(m.instance);
        s.version = Some(m.version);
        s.fingerprint = Some(m.fingerprint);
    }
    s.release = Some(release);
    Ok(s)
}

/// The release `current` points at, if any.
pub fn active_release(target: &Path) -> Result<Option<String>, DeployError> {
    let link = target.join(CURRENT);
    match std::fs::read_link(&link) {
        Ok(p) => Ok(p.file_name().map(|n| n.to_string_lossy().into_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(DeployError::io(&link, &e)),
    }
}

fn read_manifest(dir: &Path) -> Result<Option<Manifest>, DeployError> {
    match std::fs::read(dir.join(bundle::MANIFEST)) {
        Ok(b) => Ok(Manifest::from_bytes(&b).ok()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(DeployError::io(&dir.join(bundle::MANIFEST), &e)),
    }
}

/// The files of a release directory that differ from its manifest.
fn drift_of(dir: &Path, public: Option<&minisign::PublicKey>) -> Result<Vec<String>, DeployError> {
    let Ok(manifest_bytes) = std::fs::read(dir.join(bundle::MANIFEST)) else {
        return Ok(vec![bundle::MANIFEST.to_owned()]);
    };
    let mut drift = Vec::new();
    if let Some(pk) = public {
        let sig = std::fs::read_to_string(dir.join(bundle::SIGNATURE)).unwrap_or_default();
        if bundle::sign::verify(&manifest_bytes, &sig, pk).is_err() {
            drift.push(bundle::SIGNATURE.to_owned());
        }
    }
    let Ok(m) = Manifest::from_bytes(&manifest_bytes) else {
        drift.push(bundle::MANIFEST.to_owned());
        return Ok(drift);
    };
    for f in &m.files {
        match std::fs::read(dir.join(&f.path)) {
            Ok(b) if sha256(&b) == f.sha256 && b.len() as u64 == f.size => {}
            _ => drift.push(f.path.clone()),
        }
    }
    let mut known: std::collections::BTreeSet<String> = m.files.iter().map(|f| f.path.clone()).collect();
    for extra in [bundle::MANIFEST, bundle::SIGNATURE, execution::DB] {
        known.insert(extra.to_owned());
    }
    for path in fsx::files_under(dir)? {
        if !known.contains(&path) && !path.starts_with(&format!("{}-", execution::DB)) {
            drift.push(path);
        }
    }
    Ok(drift)
}

/// Points `current` at `releases/<release>`: a new symlink in `.staging`, renamed over
/// `current`, then the target directory synced.
fn activate(target: &Path, release: &str) -> Result<(), DeployError> {
    fsx::create_dirs(target, &[STAGING])?;
    let tmp = target.join(STAGING).join(format!("current.{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    fsx::symlink(&format!("{RELEASES}/{release}"), &tmp)?;
    fsx::rename(&tmp, &target.join(CURRENT))?;
    fsx::sync_dir(target)
}

fn records_db(target: &Path) -> Result<Connection, DeployError> {
    let path = target.join(RECORDS_DB);
    let conn = Connection::open(&path).map_err(|e| DeployError::db(&path, &e))?;
    conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(|e| DeployError::db(&path, &e))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE IF NOT EXISTS deployments (
             seq INTEGER PRIMARY KEY, action TEXT NOT NULL CHECK (action IN ('deploy', 'rollback')),
             release TEXT NOT NULL, bundle_sha256 TEXT NOT NULL, previous TEXT, instance TEXT NOT NULL,
             version TEXT NOT NULL, fingerprint TEXT NOT NULL, source TEXT NOT NULL, channel TEXT,
             contract_version TEXT, author TEXT NOT NULL, at TEXT NOT NULL);
         CREATE TRIGGER IF NOT EXISTS deployments_no_update BEFORE UPDATE ON deployments
         BEGIN SELECT RAISE(ABORT, 'deployment records are append-only'); END;
         CREATE TRIGGER IF NOT EXISTS deployments_no_delete BEFORE DELETE ON deployments
         BEGIN SELECT RAISE(ABORT, 'deployment records are append-only'); END;",
    )
    .map_err(|e| DeployError::db(&path, &e))?;
    Ok(conn)
}

fn append_record(target: &Path, mut a: Activation) -> Result<Activation, DeployError> {
    let path = target.join(RECORDS_DB);
    let conn = records_db(target)?;
    conn.execute(
        "INSERT INTO deployments (action, release, bundle_sha256, previous, instance, version, fingerprint, source, \
         channel, contract_version, author, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            a.action,
            a.release,
            a.bundle_sha256,
            a.previous,
            a.instance,
            a.version,
            a.fingerprint,
            a.source,
            a.channel,
            a.contract_version,
            a.author,
            a.at
        ],
    )
    .map_err(|e| DeployError::db(&path, &e))?;
    a.seq = conn.last_insert_rowid();
    Ok(a)
}

/// The target's deployment records, oldest first.
pub fn history(target: &Path) -> Result<Vec<Activation>, DeployError> {
    let path = target.join(RECORDS_DB);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let conn = records_db(target)?;
    let t = target.display().to_string();
    let mut stmt = conn
        .prepare(
            "SELECT seq, action, release, bundle_sha256, previous, instance, version, fingerprint, source, channel, \
             contract_version, author, at FROM deployments ORDER BY seq",
        )
        .map_err(|e| DeployError::db(&path, &e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Activation {
                seq: r.get(0)?,
                action: r.get(1)?,
                target: t.clone(),
                release: r.get(2)?,
                bundle_sha256: r.get(3)?,
                previous: r.get(4)?,
                instance: r.get(5)?,
                version: r.get(6)?,
                fingerprint: r.get(7)?,
                source: r.get(8)?,
                channel: r.get(9)?,
                contract_version: r.get(10)?,
                author: r.get(11)?,
                at: r.get(12)?,
            })
        })
        .map_err(|e| DeployError::db(&path, &e))?;
    rows.collect::<Result<_, _>>().map_err(|e| DeployError::db(&path, &e))
}

/// The release id a bundle gets on a target: its SHA-256 in hex.
pub fn release_id(bundle_bytes: &[u8]) -> String {
    hex_of(&sha256(bundle_bytes))
}

/// The target's active release directory, if any.
pub fn active_dir(target: &Path) -> Result<Option<PathBuf>, DeployError> {
    Ok(active_release(target)?.map(|r| target.join(RELEASES).join(r)))
}
