//! The Deployments view's commands: deploy a verified bundle to a target directory, roll the
//! target back, and read its history and status with drift. Thin over `cogov-deploy`, which
//! verifies before it writes and activates with one rename (docs/bundles.md); each deploy and
//! rollback is also recorded in the store as a sync record, as `cogov deploy` records it.

use crate::error::CommandError;
use crate::handles::{HandleTable, Use};
use crate::store::StoreState;
use cogov_app::deploy::{self as deploy, Activation, DeployAction, TargetStatus};
use cogov_app::keys;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// One deployment record of a target: an activation or a rollback.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ActivationView {
    /// Its sequence number in the target's records.
    #[ts(type = "number")]
    pub seq: i64,
    /// What it did.
    pub action: DeployAction,
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

fn view(dir: &Path, public: Option<&keys::PublicKey>) -> Result<TargetView, CommandError> {
    let TargetStatus { target, release, instance, version, fingerprint, drift, recorded, .. } =
        deploy::status(dir, public)?;
    let mut history: Vec<ActivationView> = deploy::history(dir)?.into_iter().map(Into::into).collect();
    history.reverse();
    Ok(TargetView { target, release, instance, version, fingerprint, drift, recorded, history })
}

/// Verifies a bundle with a public key, activates it on `target` (created if missing) and
/// records it; returns the target as it now is. `bundle` is a handle read as a bundle,
/// `public_key` one read as a public key, `target` a folder chosen as a deploy target.
#[tauri::command(async)]
pub fn deploy_bundle(
    state: tauri::State<'_, StoreState>,
    handles: tauri::State<'_, HandleTable>,
    bundle: String,
    public_key: String,
    target: String,
) -> Result<TargetView, CommandError> {
    deploy_bundle_with(&state, &handles, &bundle, &public_key, &target)
}

/// [`deploy_bundle`] over the states: the handles are checked before anything is read.
pub fn deploy_bundle_with(
    state: &StoreState,
    handles: &HandleTable,
    bundle: &str,
    public_key: &str,
    target: &str,
) -> Result<TargetView, CommandError> {
    let bundle_path = handles.check(bundle, Use::ReadBundle)?;
    let pk_path = handles.check(public_key, Use::ReadPublicKey)?;
    let target = handles.check(target, Use::DeployTarget)?;
    let pk = keys::public_key(&pk_path)?;
    let author = crate::store::author();
    let d = deploy::Deploy {
        bundle: &bundle_path,
        public: &pk,
        channel: None,
        override_reason: None,
        author: &author,
        wait: deploy::DEFAULT_WAIT,
    };
    let outcomes = state.with_app(|s| deploy::deploy(s, std::slice::from_ref(&target), &d))?;
    if let Some(e) = deploy::sole_failure(&outcomes) {
        return Err(e.into());
    }
    view(&target, Some(&pk))
}

/// Returns the deploy target `target` (a folder handle) to the release active before its
/// current one, and records it.
#[tauri::command(async)]
pub fn deploy_rollback(
    state: tauri::State<'_, StoreState>,
    handles: tauri::State<'_, HandleTable>,
    target: String,
) -> Result<TargetView, CommandError> {
    deploy_rollback_with(&state, &handles, &target)
}

/// [`deploy_rollback`] over the states.
pub fn deploy_rollback_with(
    state: &StoreState,
    handles: &HandleTable,
    target: &str,
) -> Result<TargetView, CommandError> {
    let target = handles.check(target, Use::DeployTarget)?;
    let author = crate::store::author();
    let outcomes =
        state.with_app(|s| deploy::rollback(s, std::slice::from_ref(&target), &author, deploy::DEFAULT_WAIT))?;
    if let Some(e) = deploy::sole_failure(&outcomes) {
        return Err(e.into());
    }
    view(&target, None)
}

/// A deploy target's status with drift (the signature checked too when a public key handle is
/// given) and its history.
#[tauri::command(async)]
pub fn deploy_status(
    handles: tauri::State<'_, HandleTable>,
    target: String,
    public_key: Option<String>,
) -> Result<TargetView, CommandError> {
    deploy_status_with(&handles, &target, public_key.as_deref())
}

/// [`deploy_status`] over a handle table.
pub fn deploy_status_with(
    handles: &HandleTable,
    target: &str,
    public_key: Option<&str>,
) -> Result<TargetView, CommandError> {
    let target = handles.check(target, Use::DeployTarget)?;
    let pk_path = public_key.filter(|p| !p.is_empty()).map(|p| handles.check(p, Use::ReadPublicKey)).transpose()?;
    let pk = pk_path.map(|p| keys::public_key(&p)).transpose()?;
    view(&target, pk.as_ref())
}
