//! The what-if session: simulate the editor's design under a scenario the UI composes (presets
//! and shocks with sliders), off the main thread, with progress, cancel and the baseline kept
//! between runs; save a simulation with the stored version it simulated, list and reopen them.
//! The simulator (`cogov_sim`) decides everything; these commands parse, call it and present.

use crate::error::CommandError;
use crate::store::{StoreState, author};
use cogov_app::job::JobSlot;
use cogov_app::records::simulations::SimulationRecord;
use cogov_app::sim::{Baseline, Inputs, Preset, Report, chart, scenario};
use cogov_app::simulate::{self as app, Outcome};
use cogov_model::Gco;
use serde::Serialize;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use ts_rs::TS;

/// The design read once per text, and the baseline kept for it.
struct Kept {
    text: String,
    gco: Arc<Gco>,
    inputs: Arc<Inputs>,
    baseline: Option<Baseline>,
}

/// The design, its simulation inputs and the kept baseline, taken out for one run.
type Taken = (Arc<Gco>, Arc<Inputs>, Option<Baseline>);

#[derive(Default)]
struct Inner {
    /// The run in flight: a newer run cancels it.
    job: JobSlot,
    kept: Mutex<Option<Kept>>,
}

/// The what-if session's state (managed Tauri state): the run in flight and the kept design.
#[derive(Default, Clone)]
pub struct WhatifState(Arc<Inner>);

/// One chart of a report, as SVG text the simulator drew.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Chart {
    /// `treasury`, `passed`, `outcomes` or `risk`.
    pub name: String,
    /// The SVG document.
    pub svg: String,
}

/// What a what-if run gives back: the report and its charts, or how far it got when cancelled.
#[derive(Debug, Clone, Serialize, TS)]
pub struct WhatifRun {
    /// The UI's id of the run.
    #[ts(type = "number")]
    pub job: u64,
    /// True when a newer run or the Cancel button stopped it (no report then).
    pub cancelled: bool,
    /// Runs finished (scenario and baseline together).
    pub done: u32,
    /// Runs asked for.
    pub total: u32,
    /// The simulator's report with `derived.risk_delta` filled in (see docs/simulation.md).
    #[ts(type = "unknown")]
    pub report: Option<Value>,
    /// Its charts: treasury, passed, outcomes, risk.
    pub charts: Vec<Chart>,
    /// Time spent in the shell for this run, milliseconds.
    pub elapsed_ms: f64,
    /// Whether the baseline's runs were reused from the previous run.
    pub baseline_reused: bool,
}

/// How far the run in flight is.
#[derive(Debug, Clone, Serialize, TS)]
pub struct WhatifProgress {
    /// The UI's id of the run.
    #[ts(type = "number")]
    pub job: u64,
    /// Runs finished.
    pub done: u32,
    /// Runs asked for.
    pub total: u32,
}

/// A preset expanded into explicit shocks for this design and run length (the sliders'
/// starting values).
#[derive(Debug, Clone, Serialize, TS)]
pub struct PresetShocks {
    /// The preset's name as in scenario files (`participation_contraction`, …).
    pub id: String,
    /// Its shocks (the scenario format's `shocks` entries).
    #[ts(type = "unknown[]")]
    pub shocks: Vec<Value>,
}

/// What the what-if view needs to offer presets and bound its sliders.
#[derive(Debug, Clone, Serialize, TS)]
pub struct WhatifSetup {
    /// Starting members.
    pub members: u32,
    /// Their mean voting weight.
    pub mean_weight: f64,
    /// The roles members hold (for a leadership removal limited to one).
    pub roles: Vec<String>,
    /// Every preset, expanded for `steps`.
    pub presets: Vec<PresetShocks>,
}

/// A stored simulation reopened: the record with its report, and the report's charts.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedWhatif {
    /// The record (with `results`, the report).
    pub record: SimulationRecord,
    /// The report's charts.
    pub charts: Vec<Chart>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl WhatifState {
    /// The design of `text` (read once per text) and the baseline kept for it, taken out
    /// for one run; [`WhatifState::give_back`] returns the baseline.
    fn take(&self, text: &str) -> Result<Taken, CommandError> {
        let mut kept = self.0.kept.lock().map_err(|_| CommandError::internal("the what-if lock is poisoned"))?;
        if let Some(k) = kept.as_mut().filter(|k| k.text == text) {
            return Ok((Arc::clone(&k.gco), Arc::clone(&k.inputs), k.baseline.take()));
        }
        let gco = cogov_app::files::gco_from_text("design", text)?;
        let inputs = app::inputs("design", &gco)?;
        let (gco, inputs) = (Arc::new(gco), Arc::new(inputs));
        *kept =
            Some(Kept { text: text.to_owned(), gco: Arc::clone(&gco), inputs: Arc::clone(&inputs), baseline: None });
        Ok((gco, inputs, None))
    }

    fn give_back(&self, text: &str, baseline: Option<Baseline>) {
        if let Ok(mut kept) = self.0.kept.lock()
            && let Some(k) = kept.as_mut().filter(|k| k.text == text && baseline.is_some())
        {
            k.baseline = baseline;
        }
    }

    /// Simulates `scenario` on the design of `text` as run `id` (blocking; call it off the
    /// main thread).
    pub fn run(&self, text: &str, scenario: Value, id: u64) -> Result<WhatifRun, CommandError> {
        self.run_report(text, scenario, id).map(|(run, _)| run)
    }

    /// [`WhatifState::run`], with the report itself (to save it).
    fn run_report(&self, text: &str, scenario: Value, id: u64) -> Result<(WhatifRun, Option<Report>), CommandError> {
        let t0 = Instant::now();
        let sc = scenario::from_value(scenario).map_err(|e| CommandError::intake("scenario", &e))?;
        let (gco, inputs, mut baseline) = self.take(text)?;
        let total = cogov_app::sim::total_runs(&sc);
        let job = self.0.job.start(id, total);
        let result = app::simulate(&gco, &inputs, &sc, 0, &job, &mut baseline, "scenario");
        self.give_back(text, baseline);
        self.0.job.finish(id);
        let elapsed_ms = t0.elapsed().as_secs_f64() * 1000.0;
        match result? {
            Outcome::Cancelled { done, total } => Ok((
                WhatifRun {
                    job: id,
                    cancelled: true,
                    done: count(done),
                    total: count(total),
                    report: None,
                    charts: Vec::new(),
                    elapsed_ms,
                    baseline_reused: false,
                },
                None,
            )),
            Outcome::Done { report, baseline_reused } => Ok((
                WhatifRun {
                    job: id,
                    cancelled: false,
                    done: count(total),
                    total: count(total),
                    report: Some(serde_json::to_value(&report).unwrap_or_default()),
                    charts: charts(&report)?,
                    elapsed_ms,
                    baseline_reused,
                },
                Some(*report),
            )),
        }
    }
}

fn charts(report: &Report) -> Result<Vec<Chart>, CommandError> {
    let all = chart::all(report).map_err(|e| CommandError::internal(format!("charts: {}", e.0)))?;
    Ok(all.into_iter().map(|(file, svg)| Chart { name: file.trim_end_matches(".svg").to_owned(), svg }).collect())
}

/// The presets expanded for the design in the editor over `steps` steps, and the figures the
/// sliders are bounded by.
#[tauri::command(async)]
pub fn whatif_setup(
    state: tauri::State<'_, WhatifState>,
    text: String,
    steps: u32,
) -> Result<WhatifSetup, CommandError> {
    let (_, inputs, baseline) = state.take(&text)?;
    state.give_back(&text, baseline);
    Ok(setup_for(&inputs, steps))
}

/// The presets expanded for a design's model inputs over `steps` steps, with the figures the
/// sliders are bounded by (what [`whatif_setup`] answers; the mock's fixtures are written with it).
pub fn setup_for(inputs: &Inputs, steps: u32) -> WhatifSetup {
    let n = inputs.members.len();
    let presets = Preset::ALL
        .iter()
        .map(|p| PresetShocks {
            id: p.as_str().to_owned(),
            shocks: p
                .shocks(steps, n, inputs.mean_weight())
                .iter()
                .map(|s| serde_json::to_value(s).unwrap_or_default())
                .collect(),
        })
        .collect();
    WhatifSetup { members: count(n), mean_weight: inputs.mean_weight(), roles: inputs.roles.clone(), presets }
}

/// Simulates the editor's design under `scenario` (the scenario format) as run `job`, off the
/// main thread; a newer run cancels this one. Cancelled runs come back with `cancelled` set.
#[tauri::command]
pub async fn whatif_run(
    state: tauri::State<'_, WhatifState>,
    text: String,
    scenario: Value,
    job: u64,
) -> Result<WhatifRun, CommandError> {
    let state = state.inner().clone();
    tauri::async_runtime::spawn_blocking(move || state.run(&text, scenario, job))
        .await
        .map_err(|e| CommandError::internal(format!("the simulation thread failed: {e}")))?
}

/// How far the run in flight is (`null` when none is).
#[tauri::command]
pub fn whatif_progress(state: tauri::State<'_, WhatifState>) -> Option<WhatifProgress> {
    state.0.job.progress().map(|p| WhatifProgress { job: p.id, done: count(p.done), total: count(p.total) })
}

/// Cancels run `job` if it is the one in flight; says whether it was.
#[tauri::command]
pub fn whatif_cancel(state: tauri::State<'_, WhatifState>, job: u64) -> bool {
    state.0.job.cancel(job)
}

/// Simulates `scenario` on the editor's design and keeps the report with the stored version
/// it simulated (refused with GOV-S013 when that version is not saved, GOV-S015 when the
/// design differs from it: commit it first).
#[tauri::command]
pub async fn whatif_save(
    state: tauri::State<'_, WhatifState>,
    store: tauri::State<'_, StoreState>,
    text: String,
    scenario: Value,
) -> Result<SimulationRecord, CommandError> {
    let whatif = state.inner().clone();
    let (sc_value, t) = (scenario.clone(), text.clone());
    let (_, report) = tauri::async_runtime::spawn_blocking(move || whatif.run_report(&t, sc_value, u64::MAX))
        .await
        .map_err(|e| CommandError::internal(format!("the simulation thread failed: {e}")))??;
    let Some(report) = report else {
        return Err(CommandError::internal("the simulation to save was cancelled by a newer run"));
    };
    let sc = scenario::from_value(scenario).map_err(|e| CommandError::intake("scenario", &e))?;
    let (gco, _, baseline) = state.take(&text)?;
    state.give_back(&text, baseline);
    store.with_app(|s| app::save(s, &gco, &sc, &report, &author()))
}

/// The saved simulations of a design (every version), newest first, without their reports.
#[tauri::command(async)]
pub fn whatif_saved(
    store: tauri::State<'_, StoreState>,
    instance: String,
) -> Result<Vec<SimulationRecord>, CommandError> {
    store.with(|s| s.simulations(&instance, None))
}

/// One saved simulation with its report and the report's charts.
#[tauri::command(async)]
pub fn whatif_open(store: tauri::State<'_, StoreState>, id: i64) -> Result<SavedWhatif, CommandError> {
    let record = store.with(|s| s.simulation(id))?;
    let report: Report = record
        .results
        .clone()
        .and_then(|v| serde_json::from_value(v).ok())
        .ok_or_else(|| CommandError::internal(format!("simulation {id} holds no report this studio can read")))?;
    Ok(SavedWhatif { charts: charts(&report)?, record })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn token_dao() -> String {
        crate::examples::text("token-dao").expect("example").to_owned()
    }

    #[test]
    fn a_run_reports_against_the_baseline_and_reuses_it_when_only_a_shock_moves() {
        let state = WhatifState::default();
        let text = token_dao();
        let sc = |factor: f64| json!({"steps": 90, "runs": 8, "seed": 3, "shocks": [{"kind": "participation_contraction", "at": 30, "factor": factor}]});
        let a = state.run(&text, sc(0.2), 1).expect("runs");
        assert!(!a.cancelled && !a.baseline_reused);
        assert_eq!((a.done, a.total), (16, 16));
        let names: Vec<&str> = a.charts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["treasury", "passed", "outcomes", "risk"]);
        assert!(a.charts.iter().all(|c| c.svg.starts_with("<svg")), "charts are SVG documents");
        let b = state.run(&text, sc(0.9), 2).expect("runs");
        assert!(b.baseline_reused, "only the factor moved");
        let (ra, rb) = (a.report.expect("report"), b.report.expect("report"));
        assert_eq!(ra["baseline"], rb["baseline"], "the same baseline");
        let impact = |r: &Value| r["derived"]["continuity_impact"].as_f64().expect("impact");
        assert!(impact(&rb) > impact(&ra), "a deeper contraction hurts continuity more");
        assert!(rb["derived"]["risk_delta"]["deltas"].as_array().is_some_and(|d| d.len() == 6));
    }

    #[test]
    fn a_newer_run_cancels_the_older_and_bad_scenarios_name_the_place() {
        let state = WhatifState::default();
        let text = token_dao();
        let first = state.0.job.start(7, 10);
        assert!(in_flight(&state, 7));
        state.0.job.start(8, 10);
        assert!(first.is_cancelled(), "run 8 cancelled run 7");
        // A cancelled run comes back as such, without a report.
        let st = state.clone();
        let t = text.clone();
        let long = std::thread::spawn(move || st.run(&t, json!({"steps": 365, "runs": 100000, "seed": 1}), 9));
        while !in_flight(&state, 9) {
            std::thread::yield_now();
        }
        state.0.job.start(10, 1);
        let r = long.join().expect("thread").expect("runs");
        assert!(r.cancelled && r.report.is_none() && r.done < r.total, "{} of {}", r.done, r.total);

        let bad = json!({"shocks": [{"kind": "participation_contraction", "at": 1, "factor": 2}]});
        let e = state.run(&text, bad, 11).expect_err("factor above 1");
        assert_eq!(e.code, "GOV-X020");
        assert!(e.message.starts_with("scenario:/shocks/0/factor"), "{}", e.message);
    }

    fn in_flight(state: &WhatifState, job: u64) -> bool {
        state.0.job.progress().is_some_and(|p| p.id == job)
    }
}
