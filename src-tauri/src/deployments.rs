//! The Deployments view's commands: deploy a verified bundle to a target directory, roll the
//! target back, and read its history and status with drift. Thin over `cogov-deploy`, which
//! verifies before it writes and activates with one rename (docs/bundles.md); each deploy and
//! rollback is also recorded in the store as a sync record, as `cogov deploy` records it.

use crate::error::CommandError;
use crate::store::StoreState;
use cogov_deploy::{self as deploy, Activation, DeployError, Request, TargetStatus};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// One deployment record of a target: an activation or a rollback.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ActivationView {
    /// Its sequence number in the target's records.
    #[ts(type = "number")]
    pub seq: i64,
    /// `deploy` or `rollback`.
    pub action: String,
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
    /// Who.
    pub author: String,
    /// When (RFC 3339 UTC).
    pub at: String,
}

impl From<Activation> for ActivationView {
    fn from(a: Activation) -> Self {
        ActivationView {
            seq: a.seq,
            action: a.action,
            release: a.release,
            bundle_sha256: a.bundle_sha256,
            previous: a.previous,
            instance: a.instance,
            version: a.version,
            author: a.author,
            at: a.at,
        }
    }
}

/// A target as the Deployments view shows it: what runs, whether it drifted, its records.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TargetView {
    /// The target directory.
    pub target: String,
    /// The active release, if any.
    pub release: Option<String>,
    /// The active design.
    pub instance: Option<String>,
    /// The active version.
    pub version: Option<String>,
    /// The active design's fingerprint.
    pub fingerprint: Option<String>,
    /// Active files that no longer match the manifest (or a failing signature).
    pub drift: Vec<String>,
    /// False when the active release has no deployment record.
    pub recorded: bool,
    /// The target's deployment records, newest first.
    pub history: Vec<ActivationView>,
}

fn deploy_error(e: DeployError) -> CommandError {
    let place = e.entry.map(|p| format!("#{p}")).unwrap_or_default();
    CommandError { code: e.code.as_str().into(), message: format!("{}{place}: {}", e.path, e.message) }
}

fn public_key(path: &str) -> Result<minisign::PublicKey, CommandError> {
    let text = std::fs::read_to_string(path).map_err(|e| CommandError::io(path, &e))?;
    cogov_engine::bundle::sign::public_key(&text)
        .map_err(|e| CommandError { code: e.code.as_str().into(), message: format!("{path}: {}", e.message) })
}

fn view(target: &str, public: Option<&minisign::PublicKey>) -> Result<TargetView, CommandError> {
    let dir = Path::new(target);
    let TargetStatus { target, release, instance, version, fingerprint, drift, recorded, .. } =
        deploy::status(dir, public).map_err(deploy_error)?;
    let mut history: Vec<ActivationView> =
        deploy::history(dir).map_err(deploy_error)?.into_iter().map(Into::into).collect();
    history.reverse();
    Ok(TargetView { target, release, instance, version, fingerprint, drift, recorded, history })
}

/// Verifies a bundle with a public key, activates it on `target` (created if missing) and
/// records it; returns the target as it now is.
#[tauri::command(async)]
pub fn deploy_bundle(
    state: tauri::State<'_, StoreState>,
    bundle: String,
    public_key: String,
    target: String,
) -> Result<TargetView, CommandError> {
    let pk = self::public_key(&public_key)?;
    let bytes = crate::export::read_bundle(&bundle)?;
    let author = crate::store::author();
    let req = Request::new(&bytes, &bundle, &pk, &author);
    let a = deploy::deploy(Path::new(&target), &req).map_err(deploy_error)?;
    state.with(|s| s.record_deployment(a.sync_record()))?;
    view(&target, Some(&pk))
}

/// Returns `target` to the release active before its current one, and records it.
#[tauri::command(async)]
pub fn deploy_rollback(state: tauri::State<'_, StoreState>, target: String) -> Result<TargetView, CommandError> {
    let a = deploy::rollback(Path::new(&target), &crate::store::author()).map_err(deploy_error)?;
    state.with(|s| s.record_deployment(a.sync_record()))?;
    view(&target, None)
}

/// A target's status with drift (the signature checked too when a public key is given) and
/// its history.
#[tauri::command(async)]
pub fn deploy_status(target: String, public_key: Option<String>) -> Result<TargetView, CommandError> {
    let pk = public_key.filter(|p| !p.is_empty()).map(|p| self::public_key(&p)).transpose()?;
    view(&target, pk.as_ref())
}
