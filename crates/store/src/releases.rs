//! Release records: a build promoted to a channel (`stable`, `beta`, …), a channel pinned or
//! unpinned, a release revoked or rolled back, each with who, when and why. Records are
//! append-only; a channel's state is what its records say, read in order. A refused step is
//! recorded too, with its reason code, and opens a case: a release whose build failed a gate
//! (`GOV-P010`), any change to a pinned channel (`GOV-P011`).

use crate::builds::BuildStatus;
use crate::cases::{self, CaseKind, NewCase};
use crate::events::{self, NewEvent};
use crate::{Store, StoreError, audit, now_rfc3339, versions};
use cogov_model::ErrorCode;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::json;
use std::path::Path;

crate::record::record_enum! {
    /// What a release step asks of a channel.
    pub enum ReleaseAction: "release action" {
        /// Serve a build on the channel.
        Promote = "promote",
        /// Freeze the channel.
        Pin = "pin",
        /// Unfreeze the channel.
        Unpin = "unpin",
        /// Stop serving the current release.
        Revoke = "revoke",
        /// Return to the previous release.
        Rollback = "rollback",
    }
}

crate::record::record_enum! {
    /// Whether a release step was carried out.
    pub enum ReleaseStatus: "release status" {
        /// Carried out.
        Done = "done",
        /// Refused, with its reason code.
        Refused = "refused",
    }
}

/// One release step, as recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReleaseRecord {
    /// Its id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The design.
    pub instance: String,
    /// The channel.
    pub channel: String,
    /// What it asked.
    pub action: ReleaseAction,
    /// The build concerned: promoted, revoked, or returned to.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub build: Option<i64>,
    /// That build's version.
    pub version: Option<String>,
    /// Whether it was carried out.
    pub status: ReleaseStatus,
    /// Why it was refused.
    pub reason_code: Option<String>,
    /// Who asked.
    pub author: String,
    /// Why they asked.
    pub reason: String,
    /// When (RFC 3339 UTC).
    pub at: String,
}

/// A channel now.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Channel {
    /// Its name.
    pub name: String,
    /// The build it serves, if any.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub build: Option<i64>,
    /// That build's version.
    pub version: Option<String>,
    /// Whether it is pinned.
    pub pinned: bool,
    /// Earlier releases a rollback can return to, newest first.
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub previous: Vec<i64>,
}

const SELECT: &str = "SELECT r.id, i.name, r.channel, r.action, r.build_id, v.version, r.status, r.reason_code, \
     r.author, r.reason, r.at FROM release_records r JOIN governance_instances i ON i.id = r.instance_id \
     LEFT JOIN build_records b ON b.id = r.build_id LEFT JOIN governance_versions v ON v.id = b.version_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReleaseRecord> {
    Ok(ReleaseRecord {
        id: r.get(0)?,
        instance: r.get(1)?,
        channel: r.get(2)?,
        action: r.get(3)?,
        build: r.get(4)?,
        version: r.get(5)?,
        status: r.get(6)?,
        reason_code: r.get(7)?,
        author: r.get(8)?,
        reason: r.get(9)?,
        at: r.get(10)?,
    })
}

fn records(conn: &Connection, path: &Path, instance: &str) -> Result<Vec<ReleaseRecord>, StoreError> {
    let err = |e| StoreError::sqlite(path, e);
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE i.name = ?1 ORDER BY r.id")).map_err(err)?;
    stmt.query_map([instance], row).map_err(err)?.collect::<Result<_, _>>().map_err(err)
}

/// Replays a channel's records (done ones only) into its state.
fn replay(name: &str, records: &[ReleaseRecord]) -> Channel {
    let mut stack: Vec<(i64, Option<String>)> = Vec::new();
    let mut pinned = false;
    for r in records.iter().filter(|r| r.channel == name && r.status == ReleaseStatus::Done) {
        match r.action {
            ReleaseAction::Promote => stack.extend(r.build.map(|b| (b, r.version.clone()))),
            ReleaseAction::Revoke | ReleaseAction::Rollback => {
                stack.pop();
            }
            ReleaseAction::Pin => pinned = true,
            ReleaseAction::Unpin => pinned = false,
        }
    }
    let current = stack.pop();
    Channel {
        name: name.to_owned(),
        build: current.as_ref().map(|c| c.0),
        version: current.and_then(|c| c.1),
        pinned,
        previous: stack.iter().rev().map(|s| s.0).collect(),
    }
}

fn valid_channel(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
}

/// A step asked for.
struct Step<'a> {
    instance: &'a str,
    channel: &'a str,
    action: ReleaseAction,
    build: Option<i64>,
    author: &'a str,
    reason: &'a str,
}

impl Store {
    /// Every release record of a design, oldest first.
    pub fn releases(&self, instance: &str) -> Result<Vec<ReleaseRecord>, StoreError> {
        records(&self.conn, &self.path, instance)
    }

    /// The channels of a design and what each serves now, by name.
    pub fn channels(&self, instance: &str) -> Result<Vec<Channel>, StoreError> {
        let recs = self.releases(instance)?;
        let mut names: Vec<&str> = recs.iter().map(|r| r.channel.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        Ok(names.into_iter().map(|n| replay(n, &recs)).collect())
    }

    /// Promotes a build to a channel. Refused (and recorded, with a case) when the build
    /// failed a gate or the channel is pinned. Promoting the build a channel already serves
    /// changes nothing and returns its record.
    pub fn promote(
        &mut self,
        build: i64,
        channel: &str,
        author: &str,
        reason: &str,
    ) -> Result<ReleaseRecord, StoreError> {
        let rec = self.build_record(build)?;
        let step = Step {
            instance: &rec.instance,
            channel,
            action: ReleaseAction::Promote,
            build: Some(build),
            author,
            reason,
        };
        self.step(step, |_| {
            if rec.status != BuildStatus::Passed {
                let code = rec.reason_code.as_deref().unwrap_or("?");
                return Err((ErrorCode::ReleaseOfFailedBuild, format!("build {build} failed a gate ({code})")));
            }
            Ok(Some(build))
        })
    }

    /// Pins a channel to its current release (`on`), or unpins it.
    pub fn pin(
        &mut self,
        instance: &str,
        channel: &str,
        on: bool,
        author: &str,
        reason: &str,
    ) -> Result<ReleaseRecord, StoreError> {
        let action = if on { ReleaseAction::Pin } else { ReleaseAction::Unpin };
        let step = Step { instance, channel, action, build: None, author, reason };
        self.step(step, |state| match state.build {
            None => Err((ErrorCode::NoCurrentRelease, format!("`{channel}` has no release to pin"))),
            Some(b) => Ok(Some(b)),
        })
    }

    /// Revokes a channel's current release: the channel returns to the release before it, or
    /// to none.
    pub fn revoke(
        &mut self,
        instance: &str,
        channel: &str,
        author: &str,
        reason: &str,
    ) -> Result<ReleaseRecord, StoreError> {
        let step = Step { instance, channel, action: ReleaseAction::Revoke, build: None, author, reason };
        self.step(step, |state| {
            state.build.map(Some).ok_or((ErrorCode::NoCurrentRelease, format!("`{channel}` has no release")))
        })
    }

    /// Rolls a channel back to the release before its current one, and opens a case.
    pub fn rollback_release(
        &mut self,
        instance: &str,
        channel: &str,
        author: &str,
        reason: &str,
    ) -> Result<ReleaseRecord, StoreError> {
        let step = Step { instance, channel, action: ReleaseAction::Rollback, build: None, author, reason };
        self.step(step, |state| {
            state
                .previous
                .first()
                .map(|b| Some(*b))
                .ok_or((ErrorCode::NothingToRollBack, format!("`{channel}` has no earlier release")))
        })
    }

    /// Checks a step against the channel's state and records it, done or refused. `check`
    /// returns the build the record names, or the refusal.
    fn step(
        &mut self,
        s: Step<'_>,
        check: impl FnOnce(&Channel) -> Result<Option<i64>, (ErrorCode, String)>,
    ) -> Result<ReleaseRecord, StoreError> {
        if !valid_channel(s.channel) {
            return Err(StoreError::new(ErrorCode::BadChannel, &self.path, format!("`{}`", s.channel)));
        }
        let path = self.path.clone();
        self.write(|tx| {
            let err = |e| StoreError::sqlite(&path, e);
            let instance_id: i64 = tx
                .query_row("SELECT id FROM governance_instances WHERE name = ?1", [s.instance], |r| r.get(0))
                .optional()
                .map_err(err)?
                .ok_or_else(|| StoreError::new(ErrorCode::UnknownInstance, &path, s.instance.to_owned()))?;
            let history = records(tx, &path, s.instance)?;
            let state = replay(s.channel, &history);
            if s.action == ReleaseAction::Promote && state.build == s.build && s.build.is_some() {
                let last = history
                    .into_iter()
                    .rev()
                    .find(|r| r.channel == s.channel && r.status == ReleaseStatus::Done && r.action == ReleaseAction::Promote);
                if let Some(last) = last {
                    return Ok(Ok(last));
                }
            }
            // A pinned channel keeps its release: only unpinning (or pinning again) is allowed.
            let checked = if state.pinned && !matches!(s.action, ReleaseAction::Pin | ReleaseAction::Unpin) {
                Err((ErrorCode::ChannelPinned, format!("`{}` is pinned: unpin it first", s.channel)))
            } else {
                check(&state)
            };
            let (build, status, refusal) = match &checked {
                Ok(b) => (b.or(s.build), ReleaseStatus::Done, None),
                Err((code, why)) => (s.build.or(state.build), ReleaseStatus::Refused, Some((*code, why.clone()))),
            };
            let code = refusal.as_ref().map(|(c, _)| c.as_str());
            tx.execute(
                "INSERT INTO release_records (instance_id, channel, action, build_id, status, reason_code, author, reason, at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![instance_id, s.channel, s.action, build, status, code, s.author, s.reason, now_rfc3339()],
            )
            .map_err(err)?;
            let id = tx.last_insert_rowid();
            let subject = format!("release:{id}");
            let details = json!({"channel": s.channel, "action": s.action, "build": build, "status": status,
                                 "reason": s.reason, "why_refused": refusal.as_ref().map(|r| &r.1)});
            audit::append(tx, &path, s.author, &format!("release.{}", s.action), &subject, &details)?;
            let kind = if refusal.is_some() { "release.refused".to_owned() } else { format!("release.{}", s.action) };
            let ev = NewEvent { kind: &kind, instance: Some(s.instance), subject: &subject, reason_code: code, details };
            events::emit(tx, &path, ev, None)?;
            let record = tx.query_row(&format!("{SELECT} WHERE r.id = ?1"), [id], row).map_err(err)?;
            let case = match &refusal {
                Some((_, why)) => Some((CaseKind::ReleaseRefused, format!("{} to `{}` refused: {why}", s.action, s.channel))),
                None if s.action == ReleaseAction::Rollback => Some((
                    CaseKind::Rollback,
                    format!("`{}` rolled back to {}", s.channel, record.version.as_deref().unwrap_or("?")),
                )),
                None => None,
            };
            if let Some((kind, summary)) = case {
                let gco = match build {
                    Some(b) => {
                        let fp: String = tx
                            .query_row("SELECT input_fingerprint FROM build_records WHERE id = ?1", [b], |r| r.get(0))
                            .map_err(err)?;
                        versions::load(tx, &path, &fp)?
                    }
                    None => {
                        let (head, _) = versions::latest(tx, &path, s.instance)?
                            .ok_or_else(|| StoreError::new(ErrorCode::UnknownInstance, &path, s.instance.to_owned()))?;
                        versions::load(tx, &path, &head.fingerprint)?
                    }
                };
                let c = NewCase { instance: s.instance, kind, reason_code: code, subject: &subject, summary: &summary };
                cases::open(tx, &path, &gco, c, s.author)?;
            }
            Ok(match refusal {
                Some((code, why)) => Err(StoreError::new(code, &path, why)),
                None => Ok(record),
            })
        })?
    }
}

#[cfg(test)]
mod tests {
    use super::valid_channel;

    #[test]
    fn channel_names() {
        for ok in ["stable", "beta-2", "x"] {
            assert!(valid_channel(ok), "{ok}");
        }
        for bad in ["", "Stable", "-x", "a b", "a/b", &"x".repeat(65)] {
            assert!(!valid_channel(bad), "{bad}");
        }
    }
}
