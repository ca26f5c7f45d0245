//! `cogov-deploy`: activates verified bundles on a target directory, atomically and
//! reversibly, and says what each target runs (docs/bundles.md, docs/security.md).
//!
//! A target directory holds:
//!
//! ```text
//! releases/<hex>/          one directory per bundle (hex: the archive's SHA-256), immutable:
//!                          the bundle's files, manifest.json(.minisig), execution.db
//! current -> releases/<hex>  the active release: a symlink replaced by rename
//! deployments.db           the target's deployment records (triggers refuse UPDATE/DELETE)
//! telemetry-contract.json -> current/telemetry/contract.json   when the bundle has one
//! .lock                    the deployers' advisory lock: one deploy or rollback at a time
//! .staging/                work in progress; whatever a killed deploy left is removed
//! ```
//!
//! A deploy takes the target's lock (waiting up to [`Request::wait`], else `GOV-D006`),
//! verifies the bundle before writing anything, refuses another design than the one the
//! target is bound to (`GOV-D007`), an older version (`GOV-D008`) or other content under the
//! active version (`GOV-D009`) unless the operator gives a reason, which is recorded; it stages
//! the release under a staging folder of its own, fsyncs every file and directory and renames it
//! into `releases/` ([`prepare`]). Then ([`Prepared::activate`]) it appends the deployment
//! record as an *intent*, swaps the `current` symlink with one `rename`, fsyncs the target
//! directory and appends the record's confirmation. A crash at any point leaves `current` on the
//! old release or the new one, whole, and the release `current` names always has a record, so
//! a rollback can always find the way back.

pub mod execution;
mod fsx;

use cogov_engine::bundle::{self, Manifest};
use cogov_engine::pipeline::sha256;
use cogov_model::ErrorCode;
pub use cogov_store::bundles::DeployAction;
use rusqlite::{Connection, params};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

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
/// The deployers' lock file.
pub const LOCK: &str = ".lock";

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
        if let Some(u) = cogov_store::record::unknown_value(e) {
            return DeployError::new(ErrorCode::StoredValueUnknown, path, u.to_string());
        }
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
    /// Why a refused deploy (another design, an older version, other content under the active
    /// version) should go ahead all the same; kept in the record. `None` refuses them.
    pub override_reason: Option<&'a str>,
    /// How long to wait for another deployer to finish before refusing with `GOV-D006`.
    pub wait: Duration,
}

impl<'a> Request<'a> {
    /// A request with no channel, no override and the default wait ([`DEFAULT_WAIT`]).
    pub fn new(bundle: &'a [u8], source: &'a str, public: &'a minisign::PublicKey, author: &'a str) -> Self {
        Request { bundle, source, public, channel: None, author, override_reason: None, wait: DEFAULT_WAIT }
    }
}

/// How long a deployer waits for another by default.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(60);

/// One deployment record of a target (also what [`deploy`] and [`rollback`] return).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Activation {
    /// Its sequence number in the target's records.
    pub seq: i64,
    /// What it did.
    pub action: DeployAction,
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
    /// Why a refusal was overridden, when the operator gave a reason.
    pub override_reason: Option<String>,
    /// Whether the switch this record announces was confirmed. An unconfirmed record is an
    /// intent: the deploy stopped before or after the switch (the target's `current` tells).
    pub confirmed: bool,
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
            action: self.action,
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
    /// False when the active release has no deployment record (a target deployed by hand, or
    /// by a version of CoGov that recorded after the switch).
    pub recorded: bool,
    /// False when the active release's record is an intent whose confirmation is missing (the
    /// deploy stopped right after the switch); a rollback still finds the way back.
    pub confirmed: bool,
    /// The design the target is bound to (its first deployment's), if any.
    pub bound_instance: Option<String>,
    /// How many deployment records the target has.
    pub records: usize,
}

fn hex_of(sha: &str) -> String {
    sha.trim_start_matches("sha256:").to_owned()
}

/// The target's lock, held from staging to the record: one deployer at a time. Released when
/// dropped (and by the system when the process dies, so a killed deployer never blocks).
#[derive(Debug)]
pub struct TargetLock {
    _file: std::fs::File,
}

/// Takes `target`'s exclusive lock (creating the target), waiting up to `wait` for another
/// deployer; `GOV-D006` when it is still held then.
pub fn lock(target: &Path, wait: Duration) -> Result<TargetLock, DeployError> {
    fsx::create_dirs(target, &[])?;
    let path = target.join(LOCK);
    let file = fsx::open_lock_file(&path)?;
    let start = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(TargetLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(DeployError::new(
                    ErrorCode::DeployTargetBusy,
                    target,
                    format!(
                        "another deployer holds this target's lock ({LOCK}); waited {:.1} s: try again when it is done",
                        wait.as_secs_f64()
                    ),
                ));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(DeployError::io(&path, &e)),
        }
    }
}

/// A release verified and staged on one target, under the target's lock, not yet active.
#[derive(Debug)]
pub struct Prepared {
    lock: TargetLock,
    target: PathBuf,
    record: Activation,
    has_contract: bool,
}

impl Prepared {
    /// The release this will activate.
    pub fn release(&self) -> &str {
        &self.record.release
    }

    /// The target.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Records the intent, switches `current` to the staged release, and confirms the record.
    /// On an error the target runs the old release, or the new one with its (unconfirmed)
    /// record, which a rollback can follow back.
    pub fn activate(self) -> Result<Activation, DeployError> {
        let Prepared { lock, target, mut record, has_contract } = self;
        record.previous = active_release(&target)?;
        let release = record.release.clone();
        let activation = switch(&target, record, |t| {
            activate(t, &release)?;
            if has_contract {
                fsx::ensure_symlink(t, CONTRACT_LINK, &format!("{CURRENT}/{CONTRACT_IN_BUNDLE}"))?;
            }
            Ok(())
        });
        drop(lock);
        activation
    }
}

/// Deploys a bundle on `target` (created if missing): [`prepare`] then [`Prepared::activate`].
pub fn deploy(target: &Path, req: &Request<'_>) -> Result<Activation, DeployError> {
    prepare(target, req)?.activate()
}

/// Takes the target's lock, verifies the bundle, checks it against what the target runs
/// (design identity, version), and stages it into `releases/` (an existing release directory
/// is re-verified first, its execution database included). Nothing is active yet.
pub fn prepare(target: &Path, req: &Request<'_>) -> Result<Prepared, DeployError> {
    let verified = bundle::verify(req.bundle, req.public).map_err(|e| DeployError {
        code: e.code,
        path: req.source.to_owned(),
        entry: e.entry,
        message: e.message,
    })?;
    let lock = lock(target, req.wait)?;
    let release = hex_of(&verified.sha256);
    let m = &verified.manifest;
    check_succession(target, &release, m, req.override_reason)?;
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
    // Under the lock no other deployer is at work: what staging holds was left by a killed one.
    fsx::clear_staging(&target.join(STAGING))?;
    let dest = target.join(RELEASES).join(&release);
    if dest.exists() {
        let drift = drift_of(&dest, Some(req.public))?;
        if !drift.is_empty() {
            return Err(DeployError::new(
                ErrorCode::DeployReleaseTampered,
                &dest,
                format!(
                    "this release is already on the target but its files differ from the signed bundle ({}): \
                     remove the directory, then deploy again",
                    drift.join(", ")
                ),
            ));
        }
    } else {
        let stage = fsx::unique_dir(&target.join(STAGING), &release)?;
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
    let record = Activation {
        seq: 0,
        action: DeployAction::Deploy,
        target: target.display().to_string(),
        release,
        bundle_sha256: verified.sha256.clone(),
        previous: None,
        instance: m.instance.clone(),
        version: m.version.clone(),
        fingerprint: m.fingerprint.clone(),
        source: req.source.to_owned(),
        channel: req.channel.map(str::to_owned),
        contract_version,
        author: req.author.to_owned(),
        at: String::new(),
        override_reason: req.override_reason.map(str::to_owned),
        confirmed: false,
    };
    Ok(Prepared { lock, target: target.to_path_buf(), record, has_contract })
}

/// The design a target is bound to: that of its first deployment record, else of the release
/// it runs.
pub fn bound_instance(target: &Path) -> Result<Option<String>, DeployError> {
    if let Some(first) = history(target)?.into_iter().next() {
        return Ok(Some(first.instance));
    }
    Ok(match active_dir(target)? {
        Some(dir) => read_manifest(&dir)?.map(|m| m.instance),
        None => None,
    })
}

/// Refuses a bundle of another design than the target's (`GOV-D007`), of an older version
/// than the active one (`GOV-D008`), or of other content under the active version
/// (`GOV-D009`), unless `reason` says why it should go ahead. Redeploying the active release
/// is always allowed.
fn check_succession(target: &Path, release: &str, m: &Manifest, reason: Option<&str>) -> Result<(), DeployError> {
    if let Some(r) = reason
        && r.trim().is_empty()
    {
        return Err(DeployError::new(ErrorCode::DeployRefused, target, "an override needs a reason: say why"));
    }
    let refuse = |code: ErrorCode, why: String| -> Result<(), DeployError> {
        if reason.is_some() {
            return Ok(());
        }
        Err(DeployError::new(
            code,
            target,
            format!("{why}; rollback is the way back, or give a reason to override (it is recorded)"),
        ))
    };
    if let Some(bound) = bound_instance(target)?
        && bound != m.instance
    {
        refuse(
            ErrorCode::DeployOtherDesign,
            format!("this target runs design {bound}, and the bundle is of {}", m.instance),
        )?;
    }
    let Some(active) = active_release(target)? else { return Ok(()) };
    if active == release {
        return Ok(());
    }
    let Some(running) = read_manifest(&target.join(RELEASES).join(&active))? else { return Ok(()) };
    if running.instance != m.instance {
        return Ok(()); // Already judged above.
    }
    let (Ok(now), Ok(new)) = (semver::Version::parse(&running.version), semver::Version::parse(&m.version)) else {
        return Ok(());
    };
    if new < now {
        refuse(
            ErrorCode::DeployDowngrade,
            format!("the target runs {}@{now}, and the bundle is the older {new}", m.instance),
        )?;
    } else if new == now && running.fingerprint != m.fingerprint {
        refuse(
            ErrorCode::DeployVersionReused,
            format!(
                "the target runs {}@{now} with fingerprint {}, and the bundle has the same version with fingerprint {}",
                m.instance, running.fingerprint, m.fingerprint
            ),
        )?;
    }
    Ok(())
}

/// Appends `record` as an intent, runs `step` (the switch), then confirms the record.
fn switch(
    target: &Path,
    mut record: Activation,
    step: impl FnOnce(&Path) -> Result<(), DeployError>,
) -> Result<Activation, DeployError> {
    record.at = cogov_store::now_rfc3339();
    record.confirmed = false;
    let mut record = append_record(target, record)?;
    step(target)?;
    confirm(target, record.seq)?;
    record.confirmed = true;
    Ok(record)
}

/// Returns `target` to the release that was active before the current one (by its records),
/// atomically, and records it.
pub fn rollback(target: &Path, author: &str) -> Result<Activation, DeployError> {
    rollback_waiting(target, author, DEFAULT_WAIT)
}

/// [`rollback`], waiting up to `wait` for another deployer.
pub fn rollback_waiting(target: &Path, author: &str, wait: Duration) -> Result<Activation, DeployError> {
    let Some(current) = active_release(target)? else {
        return Err(DeployError::new(ErrorCode::DeployNotDeployed, target, "nothing is deployed here"));
    };
    let _lock = lock(target, wait)?;
    // Read again under the lock: another deployer may have switched it meanwhile.
    let current = active_release(target)?.unwrap_or(current);
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
    let dir = target.join(RELEASES).join(&previous);
    if !dir.is_dir() {
        return Err(DeployError::new(
            ErrorCode::DeployNothingToRollBack,
            &dir,
            "the earlier release's directory is gone",
        ));
    }
    let drift = drift_of(&dir, None)?;
    if !drift.is_empty() {
        return Err(DeployError::new(
            ErrorCode::DeployReleaseTampered,
            &dir,
            format!("the earlier release's files differ from its manifest ({})", drift.join(", ")),
        ));
    }
    let record = Activation {
        seq: 0,
        action: DeployAction::Rollback,
        previous: Some(current),
        source: target.display().to_string(),
        author: author.to_owned(),
        override_reason: None,
        ..earlier
    };
    switch(target, record, |t| activate(t, &previous))
}

/// What `target` runs, and how its active files and execution database compare with their
/// signed manifest (with a key, whether the manifest's signature still holds too).
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
        confirmed: true,
        bound_instance: records.first().map(|r| r.instance.clone()),
        records: records.len(),
    };
    let Some(release) = active_release(target)? else { return Ok(s) };
    let dir = target.join(RELEASES).join(&release);
    let manifest = read_manifest(&dir)?;
    s.drift = drift_of(&dir, public)?;
    // The record that made this release active: the newest that is confirmed or names it (an
    // intent whose switch happened but whose confirmation did not).
    let record = records.iter().rev().find(|r| r.confirmed || r.release == release).filter(|r| r.release == release);
    s.recorded = record.is_some();
    s.confirmed = record.is_some_and(|r| r.confirmed);
    s.contract_version = record.and_then(|r| r.contract_version.clone());
    if let Some(m) = manifest {
        s.bound_instance.get_or_insert_with(|| m.instance.clone());
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

/// What differs in a release directory from its manifest: changed, missing or unlisted files,
/// an execution database whose content is not the one its signed files define, and (with a
/// key) a manifest whose signature fails.
fn drift_of(dir: &Path, public: Option<&minisign::PublicKey>) -> Result<Vec<String>, DeployError> {
    let Ok(manifest_bytes) = std::fs::read(dir.join(bundle::MANIFEST)) else {
        return Ok(vec![bundle::MANIFEST.to_owned()]);
    };
    let mut drift = Vec::new();
    let signature = std::fs::read_to_string(dir.join(bundle::SIGNATURE)).unwrap_or_default();
    if let Some(pk) = public
        && bundle::sign::verify(&manifest_bytes, &signature, pk).is_err()
    {
        drift.push(bundle::SIGNATURE.to_owned());
    }
    let Ok(m) = Manifest::from_bytes(&manifest_bytes) else {
        drift.push(bundle::MANIFEST.to_owned());
        return Ok(drift);
    };
    let mut files = Vec::with_capacity(m.files.len());
    for f in &m.files {
        match std::fs::read(dir.join(&f.path)) {
            Ok(b) if sha256(&b) == f.sha256 && b.len() as u64 == f.size => {
                files.push(bundle::BundleFile::new(f.path.clone(), b));
            }
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
    if drift.is_empty() {
        // Every signed file is intact: the database must hold exactly what they define.
        let release = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let verified =
            bundle::Verified { manifest: m, manifest_bytes, signature, files, sha256: format!("sha256:{release}") };
        if !execution::matches(&dir.join(execution::DB), &verified)? {
            drift.push(execution::DB.to_owned());
        }
    }
    Ok(drift)
}

/// Points `current` at `releases/<release>`: a new symlink in `.staging`, renamed over
/// `current`, then the target directory synced.
fn activate(target: &Path, release: &str) -> Result<(), DeployError> {
    fsx::create_dirs(target, &[STAGING])?;
    let tmp = fsx::unique_name(&target.join(STAGING), CURRENT);
    fsx::symlink(&format!("{RELEASES}/{release}"), &tmp)?;
    fsx::rename(&tmp, &target.join(CURRENT))?;
    fsx::sync_dir(target)
}

fn records_db(target: &Path) -> Result<Connection, DeployError> {
    let path = target.join(RECORDS_DB);
    fsx::create_private(&path)?;
    let conn = Connection::open(&path).map_err(|e| DeployError::db(&path, &e))?;
    conn.busy_timeout(Duration::from_secs(30)).map_err(|e| DeployError::db(&path, &e))?;
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
         BEGIN SELECT RAISE(ABORT, 'deployment records are append-only'); END;
         CREATE TABLE IF NOT EXISTS confirmations (
             seq INTEGER PRIMARY KEY REFERENCES deployments(seq), at TEXT NOT NULL);
         CREATE TRIGGER IF NOT EXISTS confirmations_no_update BEFORE UPDATE ON confirmations
         BEGIN SELECT RAISE(ABORT, 'deployment records are append-only'); END;
         CREATE TRIGGER IF NOT EXISTS confirmations_no_delete BEFORE DELETE ON confirmations
         BEGIN SELECT RAISE(ABORT, 'deployment records are append-only'); END;",
    )
    .map_err(|e| DeployError::db(&path, &e))?;
    // Targets deployed before overrides were recorded lack the column; records before it had none.
    let has_reason = conn
        .prepare("SELECT 1 FROM pragma_table_info('deployments') WHERE name = 'override_reason'")
        .and_then(|mut s| s.exists([]))
        .map_err(|e| DeployError::db(&path, &e))?;
    if !has_reason {
        conn.execute_batch("ALTER TABLE deployments ADD COLUMN override_reason TEXT")
            .map_err(|e| DeployError::db(&path, &e))?;
    }
    Ok(conn)
}

fn append_record(target: &Path, mut a: Activation) -> Result<Activation, DeployError> {
    let path = target.join(RECORDS_DB);
    let conn = records_db(target)?;
    conn.execute(
        "INSERT INTO deployments (action, release, bundle_sha256, previous, instance, version, fingerprint, source, \
         channel, contract_version, author, at, override_reason) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
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
            a.at,
            a.override_reason
        ],
    )
    .map_err(|e| DeployError::db(&path, &e))?;
    a.seq = conn.last_insert_rowid();
    Ok(a)
}

fn confirm(target: &Path, seq: i64) -> Result<(), DeployError> {
    let path = target.join(RECORDS_DB);
    let conn = records_db(target)?;
    conn.execute("INSERT INTO confirmations (seq, at) VALUES (?1, ?2)", params![seq, cogov_store::now_rfc3339()])
        .map_err(|e| DeployError::db(&path, &e))?;
    Ok(())
}

/// The target's deployment records, oldest first; intents whose switch was never confirmed
/// have `confirmed` false.
pub fn history(target: &Path) -> Result<Vec<Activation>, DeployError> {
    let path = target.join(RECORDS_DB);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let conn = records_db(target)?;
    let t = target.display().to_string();
    let mut stmt = conn
        .prepare(
            "SELECT d.seq, action, release, bundle_sha256, previous, instance, version, fingerprint, source, channel, \
             contract_version, author, d.at, override_reason, c.seq IS NOT NULL \
             FROM deployments d LEFT JOIN confirmations c ON c.seq = d.seq ORDER BY d.seq",
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
                override_reason: r.get(13)?,
                confirmed: r.get(14)?,
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
