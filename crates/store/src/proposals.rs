//! Amendment proposals: draft → voting → adopted | rejected | withdrawn. Votes are recorded
//! per member; adoption is checked against the base version's own amendment rules
//! ([`cogov_engine::amend`]), so an amendment those rules do not allow cannot be adopted. The
//! adopted version points to its parent and its proposal.

use crate::clock::{format_unix_millis, now_millis, parse_millis};
use crate::versions::{self, VersionKind, VersionRecord};
use crate::{Store, StoreError, audit, now_rfc3339};
use cogov_engine::amend::{self, Choice, Verdict};
use cogov_model::{ErrorCode, Gco};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;

crate::record::record_enum! {
    /// Where a proposal is in its life.
    pub enum ProposalState: "proposal state" {
        /// Being written; no votes yet.
        Draft = "draft",
        /// Open for votes.
        Voting = "voting",
        /// Adopted: a new version holds its content.
        Adopted = "adopted",
        /// Closed without adoption.
        Rejected = "rejected",
        /// Withdrawn by its author.
        Withdrawn = "withdrawn",
    }
}

/// An amendment proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Proposal {
    /// Its id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The design.
    pub instance: String,
    /// The version it amends.
    pub base_version: String,
    /// The version it proposes (`identity.version` of its content).
    pub proposed_version: String,
    /// Fingerprint of the proposed content.
    pub proposed_fingerprint: String,
    /// What it is about.
    pub title: String,
    /// The decision type that votes on it.
    pub decision_type: String,
    /// Where it is in its life.
    pub state: ProposalState,
    /// Who proposed it.
    pub author: String,
    /// When.
    pub created_at: String,
    /// When public notice of it began (its creation, unless notice was given earlier).
    pub noticed_since: String,
    /// The votes cast, member → choice.
    pub votes: BTreeMap<String, Choice>,
    /// The version that adopted it.
    pub adopted_version: Option<String>,
}

fn get(conn: &rusqlite::Connection, path: &Path, id: i64) -> Result<Proposal, StoreError> {
    let err = |e| StoreError::sqlite(path, e);
    let mut p = conn
        .query_row(
            "SELECT p.id, i.name, b.version, p.proposed_fingerprint, p.title, p.decision_type, p.state, p.author, \
             p.created_at, a.version, COALESCE(p.noticed_since, p.created_at) FROM proposals p JOIN governance_instances i ON i.id = p.instance_id \
             JOIN governance_versions b ON b.id = p.base_version_id LEFT JOIN governance_versions a ON a.id = p.adopted_version_id \
             WHERE p.id = ?1",
            [id],
            |r| {
                Ok(Proposal {
                    id: r.get(0)?,
                    instance: r.get(1)?,
                    base_version: r.get(2)?,
                    proposed_version: String::new(),
                    proposed_fingerprint: r.get(3)?,
                    title: r.get(4)?,
                    decision_type: r.get(5)?,
                    state: r.get(6)?,
                    author: r.get(7)?,
                    created_at: r.get(8)?,
                    votes: BTreeMap::new(),
                    adopted_version: r.get(9)?,
                    noticed_since: r.get(10)?,
                })
            },
        )
        .optional()
        .map_err(err)?
        .ok_or_else(|| StoreError::new(ErrorCode::UnknownProposal, path, format!("no proposal {id}")))?;
    p.proposed_version = versions::load(conn, path, &p.proposed_fingerprint)?.identity.version.to_string();
    let mut stmt =
        conn.prepare("SELECT member, choice FROM votes WHERE proposal_id = ?1 ORDER BY member").map_err(err)?;
    p.votes = stmt
        .query_map([id], |r| {
            let c: String = r.get(1)?;
            Ok((r.get::<_, String>(0)?, serde_json::from_value(json!(c)).unwrap_or(Choice::Abstain)))
        })
        .map_err(err)?
        .collect::<Result<_, _>>()
        .map_err(err)?;
    Ok(p)
}

/// `since` (a date or an RFC 3339 UTC time) as stored text, refused unless it is in the past.
fn notice_date(path: &Path, since: &str) -> Result<String, StoreError> {
    let full = if since.len() == 10 { format!("{since}T00:00:00.000Z") } else { since.to_owned() };
    match parse_millis(&full) {
        Some(ms) if ms <= now_millis() && format_unix_millis(ms).get(..10) == full.get(..10) => {
            Ok(format_unix_millis(ms))
        }
        _ => Err(StoreError::new(
            ErrorCode::NoticeDate,
            path,
            format!("notice date `{since}`: give a past date as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"),
        )),
    }
}

/// Refuses to open the vote before the notice the base's amendment rules ask for has run.
fn notice_served(path: &Path, base: &Gco, proposed: &Gco, decision_type: &str, since: &str) -> Result<(), StoreError> {
    let Some(n) = amend::notice(base, proposed, decision_type) else { return Ok(()) };
    let opens = parse_millis(since).unwrap_or(0) + i64::from(n.days) * 86_400_000;
    if now_millis() >= opens {
        return Ok(());
    }
    Err(StoreError::new(
        ErrorCode::NoticeNotServed,
        path,
        format!(
            "amendment rule `{}` asks for {} days of public notice before a `{decision_type}` vote on clause `{}`; \
             notice began {}, so voting opens {} (keep the proposal as a draft until then)",
            n.rule,
            n.days,
            n.clause,
            since.get(..10).unwrap_or(since),
            format_unix_millis(opens).get(..10).unwrap_or_default(),
        ),
    ))
}

fn transition_error(path: &Path, p: &Proposal, to: &str) -> StoreError {
    StoreError::new(
        ErrorCode::ProposalTransition,
        path,
        format!("proposal {} is {}: it cannot be {to}", p.id, p.state.as_str()),
    )
}

impl Store {
    /// Proposes `proposed` as an amendment of `instance@base`, voted by `decision_type`. It
    /// starts in voting unless `draft` is set; voting is refused until the public notice the
    /// amendment rules ask for has run from `noticed_since` (default: now).
    #[allow(clippy::too_many_arguments)]
    pub fn propose(
        &mut self,
        base: &str,
        proposed: &Gco,
        title: &str,
        decision_type: &str,
        author: &str,
        draft: bool,
        noticed_since: Option<&str>,
    ) -> Result<Proposal, StoreError> {
        let path = self.path.clone();
        let instance = proposed.identity.name.clone();
        let noticed = noticed_since.map(|s| notice_date(&path, s)).transpose()?;
        let id = self.write(|tx| {
            let err = |e| StoreError::sqlite(&path, e);
            let (base_record, base_id) = versions::find(tx, &path, &instance, base)?;
            let now = now_rfc3339();
            if !draft {
                let base_gco = versions::load(tx, &path, &base_record.fingerprint)?;
                notice_served(&path, &base_gco, proposed, decision_type, noticed.as_deref().unwrap_or(&now))?;
            }
            let fp = proposed.fingerprint();
            tx.execute(
                "INSERT OR IGNORE INTO governance_configurations (fingerprint, canonical) VALUES (?1, ?2)",
                params![fp, proposed.canonical_json().into_bytes()],
            )
            .map_err(err)?;
            let state = if draft { ProposalState::Draft } else { ProposalState::Voting };
            tx.execute(
                "INSERT INTO proposals (instance_id, base_version_id, proposed_fingerprint, title, decision_type, state, \
                 author, created_at, noticed_since) SELECT instance_id, id, ?2, ?3, ?4, ?5, ?6, ?7, ?8 \
                 FROM governance_versions WHERE id = ?1",
                params![base_id, fp, title, decision_type, state, author, now, noticed.as_deref().unwrap_or(&now)],
            )
            .map_err(err)?;
            let id = tx.last_insert_rowid();
            let details = json!({"title": title, "decision_type": decision_type, "base": base, "proposed": fp,
                "noticed_since": noticed.as_deref().unwrap_or(&now)});
            audit::append(tx, &path, author, "proposal.create", &format!("proposal:{id} {instance}@{base}"), &details)?;
            Ok(id)
        })?;
        self.proposal(id)
    }

    /// One proposal with its votes.
    pub fn proposal(&self, id: i64) -> Result<Proposal, StoreError> {
        get(&self.conn, &self.path, id)
    }

    /// The proposals of a design, newest first.
    pub fn proposals(&self, instance: &str) -> Result<Vec<Proposal>, StoreError> {
        let err = |e| StoreError::sqlite(&self.path, e);
        let mut stmt = self
            .conn
            .prepare("SELECT p.id FROM proposals p JOIN governance_instances i ON i.id = p.instance_id WHERE i.name = ?1 ORDER BY p.id DESC")
            .map_err(err)?;
        let ids: Vec<i64> =
            stmt.query_map([instance], |r| r.get(0)).map_err(err)?.collect::<Result<_, _>>().map_err(err)?;
        ids.into_iter().map(|id| self.proposal(id)).collect()
    }

    /// Opens a draft for votes, once the notice its amendment rule asks for has run.
    pub fn open_voting(&mut self, id: i64, author: &str) -> Result<Proposal, StoreError> {
        let p = self.proposal(id)?;
        if p.state == ProposalState::Draft {
            let (_, base) = self.show(&p.instance, &p.base_version)?;
            let proposed = versions::load(&self.conn, &self.path, &p.proposed_fingerprint)?;
            notice_served(&self.path, &base, &proposed, &p.decision_type, &p.noticed_since)?;
        }
        self.transition(id, author, "opened for votes", &[ProposalState::Draft], ProposalState::Voting)
    }

    /// Withdraws a draft or a proposal in voting.
    pub fn withdraw(&mut self, id: i64, author: &str) -> Result<Proposal, StoreError> {
        self.transition(
            id,
            author,
            "withdrawn",
            &[ProposalState::Draft, ProposalState::Voting],
            ProposalState::Withdrawn,
        )
    }

    /// Closes a proposal in voting without adopting it.
    pub fn reject(&mut self, id: i64, author: &str) -> Result<Proposal, StoreError> {
        self.transition(id, author, "rejected", &[ProposalState::Voting], ProposalState::Rejected)
    }

    fn transition(
        &mut self,
        id: i64,
        author: &str,
        verb: &str,
        from: &[ProposalState],
        to: ProposalState,
    ) -> Result<Proposal, StoreError> {
        let path = self.path.clone();
        self.write(|tx| {
            let p = get(tx, &path, id)?;
            if !from.contains(&p.state) {
                return Err(transition_error(&path, &p, verb));
            }
            let closed = matches!(to, ProposalState::Rejected | ProposalState::Withdrawn).then(now_rfc3339);
            tx.execute(
                "UPDATE proposals SET state = ?2, closed_at = ?3 WHERE id = ?1",
                params![id, to.as_str(), closed],
            )
            .map_err(|e| StoreError::sqlite(&path, e))?;
            audit::append(
                tx,
                &path,
                author,
                &format!("proposal.{}", to.as_str()),
                &format!("proposal:{id}"),
                &json!({}),
            )?;
            Ok(())
        })?;
        self.proposal(id)
    }

    /// Records (or changes) a member's vote on a proposal in voting.
    pub fn vote(&mut self, id: i64, member: &str, choice: Choice) -> Result<Proposal, StoreError> {
        self.vote_all(id, &[(member.to_owned(), choice)])
    }

    /// Records many votes in one transaction (a tally imported at once, say).
    pub fn vote_all(&mut self, id: i64, votes: &[(String, Choice)]) -> Result<Proposal, StoreError> {
        let path = self.path.clone();
        self.write(|tx| {
            let p = get(tx, &path, id)?;
            if p.state != ProposalState::Voting {
                return Err(transition_error(&path, &p, "voted on"));
            }
            let now = now_rfc3339();
            for (member, choice) in votes {
                let c =
                    serde_json::to_value(choice).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                tx.execute(
                    "INSERT INTO votes (proposal_id, member, choice, at) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT (proposal_id, member) DO UPDATE SET choice = excluded.choice, at = excluded.at",
                    params![id, member, c, now],
                )
                .map_err(|e| StoreError::sqlite(&path, e))?;
            }
            let actor = match votes {
                [(member, _)] => member.as_str(),
                _ => "tally",
            };
            let details = json!({"votes": votes.len()});
            audit::append(tx, &path, actor, "proposal.vote", &format!("proposal:{id}"), &details)?;
            Ok(())
        })?;
        self.proposal(id)
    }

    /// What adopting the proposal now would decide (nothing is written).
    pub fn verdict(&self, id: i64) -> Result<Verdict, StoreError> {
        let p = self.proposal(id)?;
        let (_, base) = self.show(&p.instance, &p.base_version)?;
        let proposed = versions::load(&self.conn, &self.path, &p.proposed_fingerprint)?;
        Ok(amend::check(&base, &proposed, &p.decision_type, &p.votes))
    }

    /// Adopts a proposal in voting: refused unless the base is still the latest version, the
    /// base's amendment rules allow the change by the voting decision type, and the votes meet
    /// its quorum and approval. The new version (kind `amendment`) points to its parent and the
    /// proposal.
    pub fn adopt(&mut self, id: i64, author: &str) -> Result<VersionRecord, StoreError> {
        let path = self.path.clone();
        self.write(|tx| {
            let p = get(tx, &path, id)?;
            if p.state != ProposalState::Voting {
                return Err(transition_error(&path, &p, "adopted"));
            }
            let latest = versions::latest(tx, &path, &p.instance)?.map(|(v, _)| v.version).unwrap_or_default();
            if latest != p.base_version {
                return Err(StoreError::new(
                    ErrorCode::ProposalStale,
                    &path,
                    format!("proposal {id} amends {}, but the latest version is {latest}", p.base_version),
                ));
            }
            let (base_record, _) = versions::find(tx, &path, &p.instance, &p.base_version)?;
            let base = versions::load(tx, &path, &base_record.fingerprint)?;
            let proposed = versions::load(tx, &path, &p.proposed_fingerprint)?;
            let verdict = amend::check(&base, &proposed, &p.decision_type, &p.votes);
            if !verdict.allowed {
                let code = if verdict.reason_code.as_deref() == Some(ErrorCode::AmendmentVoteFailed.as_str()) {
                    ErrorCode::AmendmentVoteFailed
                } else {
                    ErrorCode::AmendmentNotAllowed
                };
                return Err(StoreError::new(code, &path, format!("proposal {id}: {}", verdict.reasons.join("; "))));
            }
            let out = versions::commit_tx(tx, &path, &proposed, VersionKind::Amendment, Some(id), &p.title, author)?;
            tx.execute(
                "UPDATE proposals SET state = 'adopted', closed_at = ?2, adopted_version_id = \
                 (SELECT v.id FROM governance_versions v JOIN governance_instances i ON i.id = v.instance_id \
                  WHERE i.name = ?3 AND v.version = ?4) WHERE id = ?1",
                params![id, now_rfc3339(), p.instance, out.record.version],
            )
            .map_err(|e| StoreError::sqlite(&path, e))?;
            let details =
                json!({"version": out.record.version, "turnout": verdict.turnout, "approval": verdict.approval});
            audit::append(tx, &path, author, "proposal.adopted", &format!("proposal:{id}"), &details)?;
            Ok(out.record)
        })
    }
}
