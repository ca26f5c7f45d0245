//! Deploys, rollbacks and status over cogov-deploy, each activation recorded in the store,
//! and the channel gate: with a channel, only its current release may be deployed.

use crate::error::{Error, Result};
use crate::files;
use cogov_deploy::{self as deploy, Request};
use cogov_engine::bundle;
use cogov_model::ErrorCode;
use cogov_store::Store;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use cogov_deploy::{Activation, DEFAULT_WAIT, DeployAction, DeployError, TargetStatus};

/// What to deploy and how.
#[derive(Debug, Clone, Copy)]
pub struct Deploy<'a> {
    /// The bundle file.
    pub bundle: &'a Path,
    /// The key it must be signed with.
    pub public: &'a minisign::PublicKey,
    /// Deploy only if the bundle is this channel's current release (`GOV-D003` otherwise).
    pub channel: Option<&'a str>,
    /// Why a succession refusal (`GOV-D007`–`GOV-D009`) is overridden, kept in the record.
    pub override_reason: Option<&'a str>,
    /// Who deploys.
    pub author: &'a str,
    /// How long to wait for another deployer's lock (`GOV-D006`).
    pub wait: Duration,
}

/// Each target's outcome, sorted by target; every activation is already recorded.
pub type Outcomes = Vec<(PathBuf, std::result::Result<Activation, DeployError>)>;

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Targets as absolute paths in one order for every deployer, so that two deploying to the
/// same targets never wait on each other's locks crosswise.
fn ordered(targets: &[PathBuf]) -> Vec<PathBuf> {
    let mut t: Vec<PathBuf> = targets.iter().map(|t| absolute(t)).collect();
    t.sort();
    t.dedup();
    t
}

/// Verifies the bundle, passes the channel gate, stages it on *every* target and only when
/// all are staged switches them, one by one, each with its own record (the target's, and a
/// sync record in `store`). A target that fails is in the outcomes with its error; a staged
/// target is then not switched (`GOV-D012`).
pub fn deploy(store: &mut Store, targets: &[PathBuf], d: &Deploy<'_>) -> Result<Outcomes> {
    let bytes = files::read_bundle(d.bundle)?;
    let name = d.bundle.display().to_string();
    if let Some(channel) = d.channel {
        check_channel(store, channel, &name, &bytes, d.public)?;
    }
    let source = absolute(d.bundle).display().to_string();
    let req = Request {
        bundle: &bytes,
        source: &source,
        public: d.public,
        channel: d.channel,
        author: d.author,
        override_reason: d.override_reason,
        wait: d.wait,
    };
    let mut outcomes: Outcomes = Vec::new();
    let mut prepared = Vec::new();
    for t in ordered(targets) {
        match deploy::prepare(&t, &req) {
            Ok(p) => prepared.push(p),
            Err(e) => outcomes.push((t, Err(e))),
        }
    }
    let failed = !outcomes.is_empty();
    for p in prepared {
        let t = p.target().to_path_buf();
        if failed {
            let e = DeployError::new(
                ErrorCode::DeployPartial,
                &t,
                "staged but not switched: another target could not be staged, so none was switched",
            );
            outcomes.push((t, Err(e)));
        } else {
            outcomes.push((t, p.activate()));
        }
    }
    outcomes.sort_by(|a, b| a.0.cmp(&b.0));
    record(store, &outcomes)?;
    Ok(outcomes)
}

/// Returns each target to the release active before its current one, and records it.
pub fn rollback(store: &mut Store, targets: &[PathBuf], author: &str, wait: Duration) -> Result<Outcomes> {
    let outcomes: Outcomes =
        ordered(targets).into_iter().map(|t| (t.clone(), deploy::rollback_waiting(&t, author, wait))).collect();
    record(store, &outcomes)?;
    Ok(outcomes)
}

fn record(store: &mut Store, outcomes: &Outcomes) -> Result<()> {
    for a in outcomes.iter().filter_map(|(_, r)| r.as_ref().ok()) {
        store.record_deployment(a.sync_record())?;
    }
    Ok(())
}

/// The one error of a single-target outcome list, as the error (a face shows one failure
/// plainly); `None` when several targets were involved or none failed.
pub fn sole_failure(outcomes: &Outcomes) -> Option<Error> {
    match outcomes.as_slice() {
        [(_, Err(e))] => Some(e.clone().into()),
        _ => None,
    }
}

/// The error for outcomes in which some targets failed (`GOV-D012`), naming them.
pub fn partial_failure(outcomes: &Outcomes) -> Option<Error> {
    let failed: Vec<String> =
        outcomes.iter().filter(|(_, r)| r.is_err()).map(|(t, _)| t.display().to_string()).collect();
    (!failed.is_empty()).then(|| {
        Error::new(
            ErrorCode::DeployPartial,
            failed.join(", "),
            format!("{} of {} targets failed (listed above)", failed.len(), outcomes.len()),
        )
    })
}

/// Refuses a bundle that is not the channel's current release (`GOV-D003`).
fn check_channel(store: &Store, channel: &str, name: &str, bytes: &[u8], public: &minisign::PublicKey) -> Result<()> {
    let v = bundle::verify(bytes, public).map_err(|e| Error::bundle(name, e))?;
    let m = &v.manifest;
    let current = store.channels(&m.instance)?.into_iter().find(|c| c.name == channel);
    let refuse = |why: String| Error::new(ErrorCode::DeployNotChannelRelease, name, why);
    match (current.and_then(|c| c.build.map(|b| (b, c.version))), m.build_id) {
        (Some((b, _)), Some(id)) if b == id => Ok(()),
        (Some((b, v)), got) => Err(refuse(format!(
            "channel {channel} of {} serves build {b} ({}); this bundle is of {}",
            m.instance,
            v.unwrap_or_default(),
            got.map_or_else(|| format!("{}@{} with no build record", m.instance, m.version), |g| format!("build {g}"))
        ))),
        (None, _) => Err(refuse(format!("channel {channel} of {} has no current release", m.instance))),
    }
}

/// A target's status: what runs, drift (the signature checked too with `public`).
pub fn status(target: &Path, public: Option<&minisign::PublicKey>) -> Result<TargetStatus> {
    Ok(deploy::status(&absolute(target), public)?)
}

/// A target's deployment records, oldest first.
pub fn history(target: &Path) -> Result<Vec<Activation>> {
    Ok(deploy::history(&absolute(target))?)
}

/// Several targets' status, and whether they agree (same design and release) and none drifted.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Fleet {
    /// Each target's status, in the order given.
    pub targets: Vec<TargetStatus>,
    /// True when every target runs the same release of the same design.
    pub same_release: bool,
    /// True when a target's files or database differ from its manifest.
    pub drifted: bool,
}

/// The status of several targets (`cogov deploy status`).
pub fn fleet(targets: &[PathBuf], public: Option<&minisign::PublicKey>) -> Result<Fleet> {
    let all = targets.iter().map(|t| status(t, public)).collect::<Result<Vec<_>>>()?;
    let versions: std::collections::BTreeSet<(Option<&str>, Option<&str>)> =
        all.iter().map(|s| (s.instance.as_deref(), s.release.as_deref())).collect();
    let same_release = versions.len() <= 1;
    let drifted = all.iter().any(|s| !s.drift.is_empty());
    Ok(Fleet { targets: all, same_release, drifted })
}
