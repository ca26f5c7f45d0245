//! What-if simulations: a run against its baseline with the risk delta (the design as the
//! shocks leave it, scored against the design) and the attack filled in, and saving a report
//! with the stored version it simulated. Both faces call this; neither fills a figure itself.

use crate::error::{Error, Result};
use crate::job::Job;
use cogov_engine::IntakeError;
use cogov_model::{ErrorCode, Gco};
use cogov_sim::{Baseline, Inputs, Report, Scenario, scenario};
use cogov_store::Store;
use cogov_store::simulations::SimulationRecord;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How a simulation ended.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Finished: the report with its risk delta and attack.
    Done {
        /// The report.
        report: Box<Report>,
        /// True when the kept baseline was reused (only the scenario's shocks moved).
        baseline_reused: bool,
    },
    /// Cancelled after `done` of `total` runs; nothing else was computed.
    Cancelled {
        /// Runs finished.
        done: usize,
        /// Runs asked for.
        total: usize,
    },
}

/// Reads a scenario (bounded bytes) and applies `--runs`/`--seed` overrides: no runs
/// (`GOV-X020`) and more than the schema's maximum (`GOV-X022`) are refused before anything
/// is allocated for them.
pub fn scenario_from_bytes(name: &str, bytes: &[u8], runs: Option<u32>, seed: Option<u64>) -> Result<Scenario> {
    if let Some(r) = runs {
        if r == 0 {
            return Err(Error::intake(
                "--runs",
                IntakeError::whole(ErrorCode::ScenarioInvalid, "--runs must be at least 1"),
            ));
        }
        if r > scenario::MAX_RUNS {
            let e = IntakeError::whole(
                ErrorCode::TooManyRuns,
                format!("--runs {r} is more than the {} runs a scenario allows", scenario::MAX_RUNS),
            );
            return Err(Error::intake("--runs", e));
        }
    }
    let mut sc = scenario::from_json_bytes(bytes).map_err(|e| Error::intake(name, e))?;
    if let Some(r) = runs {
        sc.runs = r;
    }
    if let Some(s) = seed {
        sc.seed = s;
    }
    Ok(sc)
}

/// What the simulator reads from a design (`GOV-X021` when it lacks members with weight).
pub fn inputs(name: &str, gco: &Gco) -> Result<Inputs> {
    Inputs::from_gco(gco).map_err(|e| Error::intake(name, e))
}

/// Simulates `sc` on the design against its baseline (reusing `baseline` when only shocks
/// moved; it is left holding this run's baseline), reporting runs done to `job` and stopping
/// when it is cancelled; then fills the report's risk delta and attack. `threads`: 0 for the
/// global pool. Errors name `scenario_name`.
pub fn simulate(
    gco: &Gco,
    inputs: &Inputs,
    sc: &Scenario,
    threads: usize,
    job: &Job,
    baseline: &mut Option<Baseline>,
    scenario_name: &str,
) -> Result<Outcome> {
    // A reused baseline counts as done: the first progress report is then past its runs.
    let first = AtomicUsize::new(usize::MAX);
    let progress = |n: usize| {
        job.progress(n);
        first.fetch_min(n, Ordering::Relaxed);
    };
    let mut report = match cogov_sim::simulate_reusing(inputs, sc, threads, job.flag(), &progress, baseline) {
        Ok(r) => r,
        Err(cogov_sim::SimError::Cancelled { done, total }) => return Ok(Outcome::Cancelled { done, total }),
        Err(e) => return Err(Error::new(e.code(), scenario_name, e.to_string())),
    };
    let baseline_reused = first.load(Ordering::Relaxed) > sc.runs as usize;
    let delta = cogov_sim::end_design::risk_delta(gco, inputs, sc)
        .map_err(|e| Error::new(e.code(), scenario_name, e.to_string()))?;
    report.derived.risk_delta = Some(serde_json::to_value(&delta).unwrap_or_default());
    report.attack =
        cogov_sim::attack::simulate_attack(gco, inputs, sc, threads).map_err(|e| Error::intake(scenario_name, e))?;
    Ok(Outcome::Done { report: Box::new(report), baseline_reused })
}

/// Keeps a report with the stored version it simulated (`GOV-S013` when that version is not
/// saved, `GOV-S015` when the design differs from it).
pub fn save(store: &mut Store, gco: &Gco, sc: &Scenario, report: &Report, author: &str) -> Result<SimulationRecord> {
    let scenario = serde_json::to_value(sc).unwrap_or_default();
    let results = serde_json::to_value(report).unwrap_or_default();
    let version = gco.identity.version.to_string();
    Ok(store.record_simulation(
        &gco.identity.name,
        &version,
        &gco.fingerprint(),
        &scenario,
        sc.runs,
        sc.seed,
        &results,
        author,
    )?)
}
