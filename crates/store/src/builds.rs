//! Build records: the store runs a stored version through the engine's stage spine
//! ([`cogov_engine::pipeline`]), times each stage, and keeps an append-only record of the
//! timeline, the gate outcomes with their reason codes, the input fingerprint and the output
//! hashes. A retry with the same inputs and engine returns the earlier record.

use crate::cases::{self, CaseKind, NewCase};
use crate::events::{self, NewEvent};
use crate::{Store, StoreError, audit, now_rfc3339};
use cogov_engine::pipeline::{self, Artifact, StageName, Status};
use cogov_model::ErrorCode;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::json;
use std::time::Instant;

crate::record::record_enum! {
    /// How a build ended.
    pub enum BuildStatus: "build status" {
        /// Every gate passed.
        Passed = "passed",
        /// A gate failed; the record's reason code says which.
        Failed = "failed",
    }
}

/// One stage of a build, as recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageRecord {
    /// The stage (`ingest`, `validate`, …).
    pub stage: String,
    /// `passed`, `failed`, `skipped` or `blocked`.
    pub status: String,
    /// The reason code of a failed gate or a skip.
    pub reason_code: Option<String>,
    /// One line for people.
    pub detail: String,
    /// How long it ran, in milliseconds.
    pub duration_ms: f64,
    /// What it produced.
    pub outputs: Vec<Artifact>,
}

/// A build record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BuildRecord {
    /// Its id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The design.
    pub instance: String,
    /// The version built.
    pub version: String,
    /// That version's fingerprint (the build's input).
    pub input_fingerprint: String,
    /// The engine version that ran it.
    pub engine: String,
    /// How it ended.
    pub status: BuildStatus,
    /// The failed gate's reason code.
    pub reason_code: Option<String>,
    /// Who started it.
    pub author: String,
    /// When it started and finished (RFC 3339 UTC).
    pub started_at: String,
    /// When it finished.
    pub finished_at: String,
    /// The stage timeline.
    pub stages: Vec<StageRecord>,
}

/// What [`Store::build`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BuildOutcome {
    /// The record (new, or the earlier one for the same inputs).
    pub record: BuildRecord,
    /// False when an earlier build of the same inputs was found.
    pub created: bool,
}

const ENGINE: &str = env!("CARGO_PKG_VERSION");

impl Store {
    /// Builds a stored version (see the module docs). A failed gate is not an error: the
    /// record says where the run stopped and why.
    pub fn build(&mut self, instance: &str, version: &str, author: &str) -> Result<BuildOutcome, StoreError> {
        let (rec, gco) = self.show(instance, version)?;
        if let Some(id) = self.build_id_for(&rec.fingerprint)? {
            return Ok(BuildOutcome { record: self.build_record(id)?, created: false });
        }
        let started_at = now_rfc3339();
        let mut timer: Option<(Instant, String)> = None;
        // (stage, microseconds, started at, finished at)
        let mut timings: Vec<(StageName, u128, String, String)> = Vec::new();
        let outcomes = pipeline::run(&gco, &pipeline::available(), |stage, start| {
            if start {
                timer = Some((Instant::now(), now_rfc3339()));
            } else if let Some((t, at)) = timer.take() {
                timings.push((stage, t.elapsed().as_micros(), at, now_rfc3339()));
            }
        });
        let finished_at = now_rfc3339();
        let failed = outcomes.iter().find(|o| o.status == Status::Failed);
        let (status, reason) = match failed {
            Some(f) => (BuildStatus::Failed, f.reason_code.clone()),
            None => (BuildStatus::Passed, None),
        };
        let path = self.path.clone();
        let id = self.write(|tx| {
            let err = |e| StoreError::sqlite(&path, e);
            let version_id: i64 = tx
                .query_row(
                    "SELECT v.id FROM governance_versions v JOIN governance_instances i ON i.id = v.instance_id \
                     WHERE i.name = ?1 AND v.version = ?2",
                    params![instance, version],
                    |r| r.get(0),
                )
                .map_err(err)?;
            tx.execute(
                "INSERT INTO build_records (version_id, engine, input_fingerprint, status, reason_code, author, started_at, \
                 finished_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![version_id, ENGINE, rec.fingerprint, status, reason, author, started_at, finished_at],
            )
            .map_err(err)?;
            let id = tx.last_insert_rowid();
            let subject = format!("build:{id}");
            for (seq, o) in outcomes.iter().enumerate() {
                let timing = timings.iter().find(|t| t.0 == o.stage);
                let us = timing.map_or(0, |t| t.1);
                stage_events(tx, &path, instance, &subject, o, timing.map(|t| (t.2.as_str(), t.3.as_str())))?;
                tx.execute(
                    "INSERT INTO build_stages (build_id, seq, stage, status, reason_code, detail, duration_us, outputs) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        id,
                        seq as i64,
                        o.stage.as_str(),
                        serde_json::to_value(o.status).ok().and_then(|v| v.as_str().map(str::to_owned)),
                        o.reason_code,
                        o.detail,
                        i64::try_from(us).unwrap_or(i64::MAX),
                        serde_json::to_string(&o.outputs).unwrap_or_default()
                    ],
                )
                .map_err(err)?;
            }
            let details = json!({"status": status, "reason_code": reason, "fingerprint": rec.fingerprint, "engine": ENGINE});
            audit::append(tx, &path, author, "build.run", &format!("{instance}@{version} build:{id}"), &details)?;
            if let Some(f) = failed {
                let summary = format!("the build of {instance}@{version} stopped at {}: {}", f.stage.as_str(), f.detail);
                let c = NewCase {
                    instance,
                    kind: CaseKind::GateFailed,
                    reason_code: f.reason_code.as_deref(),
                    subject: &subject,
                    summary: &summary,
                };
                cases::open(tx, &path, &gco, c, author)?;
            }
            Ok(id)
        })?;
        Ok(BuildOutcome { record: self.build_record(id)?, created: true })
    }

    fn build_id_for(&self, fingerprint: &str) -> Result<Option<i64>, StoreError> {
        self.conn
            .query_row(
                "SELECT id FROM build_records WHERE input_fingerprint = ?1 AND engine = ?2",
                params![fingerprint, ENGINE],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| StoreError::sqlite(&self.path, e))
    }

    /// One build record with its stage timeline.
    pub fn build_record(&self, id: i64) -> Result<BuildRecord, StoreError> {
        let err = |e| StoreError::sqlite(&self.path, e);
        let mut rec = self
            .conn
            .query_row(
                "SELECT b.id, i.name, v.version, b.input_fingerprint, b.engine, b.status, b.reason_code, b.author, \
                 b.started_at, b.finished_at FROM build_records b JOIN governance_versions v ON v.id = b.version_id \
                 JOIN governance_instances i ON i.id = v.instance_id WHERE b.id = ?1",
                [id],
                |r| {
                    Ok(BuildRecord {
                        id: r.get(0)?,
                        instance: r.get(1)?,
                        version: r.get(2)?,
                        input_fingerprint: r.get(3)?,
                        engine: r.get(4)?,
                        status: r.get(5)?,
                        reason_code: r.get(6)?,
                        author: r.get(7)?,
                        started_at: r.get(8)?,
                        finished_at: r.get(9)?,
                        stages: Vec::new(),
                    })
                },
            )
            .optional()
            .map_err(err)?
            .ok_or_else(|| StoreError::new(ErrorCode::UnknownBuild, &self.path, format!("no build {id}")))?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT stage, status, reason_code, detail, duration_us, outputs FROM build_stages WHERE build_id = ?1 \
                 ORDER BY seq",
            )
            .map_err(err)?;
        rec.stages = stmt
            .query_map([id], |r| {
                let outputs: String = r.get(5)?;
                Ok(StageRecord {
                    stage: r.get(0)?,
                    status: r.get(1)?,
                    reason_code: r.get(2)?,
                    detail: r.get(3)?,
                    duration_ms: r.get::<_, i64>(4)? as f64 / 1000.0,
                    outputs: serde_json::from_str(&outputs).unwrap_or_default(),
                })
            })
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)?;
        Ok(rec)
    }

    /// The builds of a design, newest first.
    pub fn builds(&self, instance: &str) -> Result<Vec<BuildRecord>, StoreError> {
        let err = |e| StoreError::sqlite(&self.path, e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT b.id FROM build_records b JOIN governance_versions v ON v.id = b.version_id \
                 JOIN governance_instances i ON i.id = v.instance_id WHERE i.name = ?1 ORDER BY b.id DESC",
            )
            .map_err(err)?;
        let ids: Vec<i64> =
            stmt.query_map([instance], |r| r.get(0)).map_err(err)?.collect::<Result<_, _>>().map_err(err)?;
        ids.into_iter().map(|id| self.build_record(id)).collect()
    }
}

/// The events of one stage: started and finished (or failed) with the gate's outcome, or
/// skipped / blocked when it did not run.
fn stage_events(
    conn: &rusqlite::Connection,
    path: &std::path::Path,
    instance: &str,
    subject: &str,
    o: &pipeline::StageOutcome,
    at: Option<(&str, &str)>,
) -> Result<(), StoreError> {
    let stage = o.stage.as_str();
    let details = json!({"stage": stage, "detail": o.detail, "outputs": o.outputs});
    let emit = |kind: &str, reason_code: Option<&str>, at: Option<&str>| {
        let e = NewEvent { kind, instance: Some(instance), subject, reason_code, details: details.clone() };
        events::emit(conn, path, e, at)
    };
    let code = o.reason_code.as_deref();
    match (o.status, at) {
        (Status::Passed | Status::Failed, Some((start, end))) => {
            emit("stage.started", None, Some(start))?;
            if o.status == Status::Passed {
                emit("stage.finished", None, Some(end))?;
                emit("gate.passed", None, Some(end))
            } else {
                emit("stage.failed", code, Some(end))?;
                emit("gate.failed", code, Some(end))
            }
        }
        (Status::Skipped, _) => emit("stage.skipped", code, None),
        _ => emit("stage.blocked", code, None),
    }
}
