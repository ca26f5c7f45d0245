//! Simulation results kept with the version they simulated (`governance_simulations`), so a
//! what-if stays attached to the design it was about and the bundle can carry the latest one.
//! The store keeps the scenario and the report as JSON: it does not depend on the simulator.

use crate::versions;
use crate::{Store, StoreError, audit, now_rfc3339};
use cogov_model::ErrorCode;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::{Value, json};

/// A stored simulation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SimulationRecord {
    /// Its id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The design.
    pub instance: String,
    /// The version simulated.
    pub version: String,
    /// The scenario's name, when it has one.
    pub name: Option<String>,
    /// The seed (a `u64`, kept as its bit pattern in SQLite's signed integer).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seed: u64,
    /// Runs.
    pub runs: u32,
    /// When it was recorded.
    pub created_at: String,
    /// The scenario, as given.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub scenario: Value,
    /// The report (figures, bands, derived figures); omitted in lists.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub results: Option<Value>,
}

const SELECT: &str = "SELECT s.id, i.name, v.version, s.seed, s.runs, s.created_at, s.scenario, s.results \
    FROM governance_simulations s JOIN governance_versions v ON v.id = s.version_id \
    JOIN governance_instances i ON i.id = v.instance_id";

fn row(r: &rusqlite::Row<'_>, with_results: bool) -> rusqlite::Result<SimulationRecord> {
    let scenario: Value = serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or(Value::Null);
    Ok(SimulationRecord {
        id: r.get(0)?,
        instance: r.get(1)?,
        version: r.get(2)?,
        name: scenario.get("name").and_then(Value::as_str).map(str::to_owned),
        seed: r.get::<_, i64>(3)? as u64,
        runs: r.get(4)?,
        created_at: r.get(5)?,
        scenario,
        results: if with_results { serde_json::from_str(&r.get::<_, String>(7)?).ok() } else { None },
    })
}

impl Store {
    /// Keeps a simulation of `instance@version`; refused (GOV-S015) unless that stored version
    /// has `fingerprint`, so results never attach to a design they were not computed on.
    #[allow(clippy::too_many_arguments)]
    pub fn record_simulation(
        &mut self,
        instance: &str,
        version: &str,
        fingerprint: &str,
        scenario: &Value,
        runs: u32,
        seed: u64,
        results: &Value,
        author: &str,
    ) -> Result<SimulationRecord, StoreError> {
        let path = self.path.clone();
        let id = self.write(|tx| {
            let (record, version_id) = versions::find(tx, &path, instance, version)?;
            if record.fingerprint != fingerprint {
                return Err(StoreError::new(
                    ErrorCode::NotStoredVersion,
                    &path,
                    format!(
                        "the design simulated ({fingerprint}) is not the stored {instance}@{version} ({}): \
                         commit it under a new version first",
                        record.fingerprint
                    ),
                ));
            }
            tx.execute(
                "INSERT INTO governance_simulations (version_id, scenario, seed, runs, results, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![version_id, scenario.to_string(), seed as i64, runs, results.to_string(), now_rfc3339()],
            )
            .map_err(|e| StoreError::sqlite(&path, e))?;
            let id = tx.last_insert_rowid();
            let details = json!({"seed": seed, "runs": runs, "scenario": scenario.get("name")});
            audit::append(tx, &path, author, "simulation.record", &format!("{instance}@{version}"), &details)?;
            Ok(id)
        })?;
        self.simulation(id)
    }

    /// One stored simulation with its report.
    pub fn simulation(&self, id: i64) -> Result<SimulationRecord, StoreError> {
        self.conn
            .query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], |r| row(r, true))
            .optional()
            .map_err(|e| StoreError::sqlite(&self.path, e))?
            .ok_or_else(|| StoreError::new(ErrorCode::UnknownSimulation, &self.path, format!("no simulation {id}")))
    }

    /// The simulations of a design (of one version when given), newest first, without reports.
    pub fn simulations(&self, instance: &str, version: Option<&str>) -> Result<Vec<SimulationRecord>, StoreError> {
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

    /// The latest simulation of `instance@version`, with its report.
    pub fn latest_simulation(&self, instance: &str, version: &str) -> Result<Option<SimulationRecord>, StoreError> {
        match self.simulations(instance, Some(version))?.first() {
            Some(s) => self.simulation(s.id).map(Some),
            None => Ok(None),
        }
    }
}
