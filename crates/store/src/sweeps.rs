//! Sweep results kept with the design version they ran on (`governance_sweeps`), as
//! simulations are: a sweep stays attached to the design its cells varied. The store keeps the
//! sweep file and the results as JSON; it does not depend on the simulator.

use crate::versions;
use crate::{Store, StoreError, audit, now_rfc3339};
use cogov_model::ErrorCode;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::{Value, json};

/// The most bytes of JSON (sweep file and results together) one stored sweep may hold: the
/// results grow with cells × objectives, and a record is read back whole.
pub const MAX_SWEEP_BYTES: usize = 16 * 1024 * 1024;

/// A stored sweep.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SweepRecord {
    /// Its id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The design.
    pub instance: String,
    /// The version the sweep ran on.
    pub version: String,
    /// The sweep file's name, when it has one.
    pub name: Option<String>,
    /// The sweep's fingerprint (design, sweep file and format).
    pub fingerprint: String,
    /// Cells.
    pub cells: u32,
    /// Runs per cell.
    pub runs: u32,
    /// The seed (a `u64`, kept as its bit pattern in SQLite's signed integer).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seed: u64,
    /// When it was recorded.
    pub created_at: String,
    /// The sweep file, its scenario inline.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub spec: Value,
    /// The results (cells, Pareto front, sensitivity, recommendation); omitted in lists.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub results: Option<Value>,
}

/// What a sweep to keep is: its file, fingerprint, size and results.
#[derive(Debug, Clone, Copy)]
pub struct NewSweep<'a> {
    /// The sweep's fingerprint.
    pub fingerprint: &'a str,
    /// The sweep file, scenario inline.
    pub spec: &'a Value,
    /// Cells.
    pub cells: u32,
    /// Runs per cell.
    pub runs: u32,
    /// Seed.
    pub seed: u64,
    /// The results.
    pub results: &'a Value,
}

const SELECT: &str = "SELECT s.id, i.name, v.version, s.name, s.fingerprint, s.cells, s.runs, s.seed, \
    s.created_at, s.spec, s.results \
    FROM governance_sweeps s JOIN governance_versions v ON v.id = s.version_id \
    JOIN governance_instances i ON i.id = v.instance_id";

fn row(r: &rusqlite::Row<'_>, with_results: bool) -> rusqlite::Result<SweepRecord> {
    Ok(SweepRecord {
        id: r.get(0)?,
        instance: r.get(1)?,
        version: r.get(2)?,
        name: r.get(3)?,
        fingerprint: r.get(4)?,
        cells: r.get(5)?,
        runs: r.get(6)?,
        seed: r.get::<_, i64>(7)? as u64,
        created_at: r.get(8)?,
        spec: serde_json::from_str(&r.get::<_, String>(9)?).unwrap_or(Value::Null),
        results: if with_results { serde_json::from_str(&r.get::<_, String>(10)?).ok() } else { None },
    })
}

impl Store {
    /// Keeps a sweep of `instance@version`; refused (GOV-S015) unless that stored version has
    /// `design_fingerprint`, so results never attach to a design they were not computed on, and
    /// (GOV-S032) when the sweep file and results together exceed [`MAX_SWEEP_BYTES`].
    pub fn save_sweep(
        &mut self,
        instance: &str,
        version: &str,
        design_fingerprint: &str,
        sweep: NewSweep<'_>,
        author: &str,
    ) -> Result<SweepRecord, StoreError> {
        let path = self.path.clone();
        let (spec, results) = (sweep.spec.to_string(), sweep.results.to_string());
        let size = spec.len() + results.len();
        if size > MAX_SWEEP_BYTES {
            return Err(StoreError::new(
                ErrorCode::SweepTooLargeToKeep,
                &path,
                format!("the sweep and its results are {size} bytes; the store keeps at most {MAX_SWEEP_BYTES}"),
            ));
        }
        let name = sweep.spec.get("name").and_then(Value::as_str).map(str::to_owned);
        let id = self.write(|tx| {
            let (record, version_id) = versions::find(tx, &path, instance, version)?;
            if record.fingerprint != design_fingerprint {
                return Err(StoreError::new(
                    ErrorCode::NotStoredVersion,
                    &path,
                    format!(
                        "the design swept ({design_fingerprint}) is not the stored {instance}@{version} ({}): \
                         commit it under a new version first",
                        record.fingerprint
                    ),
                ));
            }
            tx.execute(
                "INSERT INTO governance_sweeps (version_id, name, fingerprint, spec, cells, runs, seed, results, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    version_id,
                    name,
                    sweep.fingerprint,
                    spec,
                    sweep.cells,
                    sweep.runs,
                    sweep.seed as i64,
                    results,
                    now_rfc3339()
                ],
            )
            .map_err(|e| StoreError::sqlite(&path, e))?;
            let id = tx.last_insert_rowid();
            let details = json!({"fingerprint": sweep.fingerprint, "cells": sweep.cells, "runs": sweep.runs, "seed": sweep.seed});
            audit::append(tx, &path, author, "sweep.record", &format!("{instance}@{version}"), &details)?;
            Ok(id)
        })?;
        self.sweep(id)
    }

    /// One stored sweep with its results (GOV-S031 when there is none).
    pub fn sweep(&self, id: i64) -> Result<SweepRecord, StoreError> {
        self.conn
            .query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], |r| row(r, true))
            .optional()
            .map_err(|e| StoreError::sqlite(&self.path, e))?
            .ok_or_else(|| StoreError::new(ErrorCode::UnknownSweep, &self.path, format!("no sweep {id}")))
    }

    /// The sweeps of a design (of one version when given), newest first, without results.
    pub fn sweeps_of(&self, instance: &str, version: Option<&str>) -> Result<Vec<SweepRecord>, StoreError> {
        let err = |e| StoreError::sqlite(&self.path, e);
        let mut stmt = self
            .conn
            .prepare(&format!("{SELECT} WHERE i.name = ?1 AND (?2 IS NULL OR v.version = ?2) ORDER BY s.id DESC"))
            .map_err(err)?;
        stmt.query_map(params![instance, version], |r| row(r, false))
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)
    }
}
