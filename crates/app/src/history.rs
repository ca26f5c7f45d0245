//! What the history, proposals and release views show, assembled once for both faces: each is
//! a store read joined with the engine's reading of it (a diff with both texts, a proposal with
//! its verdict, a design's channels with their records).

use crate::error::Result;
use cogov_engine::amend::Verdict;
use cogov_engine::diff::{self, Diff};
use cogov_store::Store;
use cogov_store::proposals::Proposal;
use cogov_store::releases::{Channel, ReleaseRecord};
use serde::Serialize;

/// Which database is open.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoreInfo {
    /// The database file.
    pub path: String,
    /// Its schema version.
    pub schema_version: u32,
}

/// The open database's file and schema version.
pub fn info(store: &Store) -> Result<StoreInfo> {
    Ok(StoreInfo { path: store.path().display().to_string(), schema_version: store.schema_version()? })
}

/// What a commit of a design would record: the version it needs and the author.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CommitPlan {
    /// The design's name.
    pub instance: String,
    /// The latest stored version of that name, if any.
    pub latest: Option<String>,
    /// The version to commit as: the design's own, or the smallest the changes call for.
    pub next: String,
    /// Who the commit is recorded as.
    pub author: String,
}

/// The version and author a commit of `gco` would get (nothing is written).
pub fn commit_plan(store: &Store, gco: &cogov_model::Gco, author: &str) -> Result<CommitPlan> {
    let (latest, next) = crate::store::next_version(store, gco)?;
    Ok(CommitPlan { instance: gco.identity.name.clone(), latest, next, author: author.to_owned() })
}

/// Two versions compared: the structural diff and both sides' text.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VersionDiff {
    /// The structural diff.
    pub diff: Diff,
    /// The older version as pretty canonical JSON.
    pub left: String,
    /// The newer version as pretty canonical JSON.
    pub right: String,
}

/// Compares two stored versions of a design.
pub fn version_diff(store: &Store, instance: &str, old: &str, new: &str) -> Result<VersionDiff> {
    let (a, b, d) = store.diff(instance, old, new)?;
    Ok(VersionDiff { diff: d, left: diff::pretty(&a), right: diff::pretty(&b) })
}

/// A proposal with what adopting it now would decide.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProposalView {
    /// The proposal and its votes.
    pub proposal: Proposal,
    /// The design's amendment rules and the tally, applied now.
    pub verdict: Verdict,
}

/// One proposal with its verdict.
pub fn proposal(store: &Store, id: i64) -> Result<ProposalView> {
    Ok(ProposalView { proposal: store.proposal(id)?, verdict: store.verdict(id)? })
}

/// The amendment proposals of a design, newest first, each with its verdict.
pub fn proposals(store: &Store, instance: &str) -> Result<Vec<ProposalView>> {
    store
        .proposals(instance)?
        .into_iter()
        .map(|proposal| Ok(ProposalView { verdict: store.verdict(proposal.id)?, proposal }))
        .collect()
}

/// A design's channels and its release records.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Releases {
    /// The design.
    pub design: String,
    /// Each channel and what it serves.
    pub channels: Vec<Channel>,
    /// Every release record, oldest first.
    pub records: Vec<ReleaseRecord>,
}

/// A design's channels and release records.
pub fn releases(store: &Store, instance: &str) -> Result<Releases> {
    Ok(Releases {
        design: instance.to_owned(),
        channels: store.channels(instance)?,
        records: store.releases(instance)?,
    })
}
