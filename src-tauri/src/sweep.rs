//! The Sweep view's commands: the design's knobs and the objectives to offer, a sweep of the
//! editor's design run off the main thread with progress (runs done of the total) and cancel,
//! one cell as a design and scenario for the What-if, and sweeps kept with the stored version
//! they ran on. The sweep engine (`cogov_sim::sweep`) decides everything; these commands parse,
//! call it and present.

use crate::error::CommandError;
use crate::store::{StoreState, author};
use cogov_app::job::JobSlot;
use cogov_app::records::sweeps::SweepRecord;
use cogov_app::sim::Inputs;
use cogov_app::sim::scenario::Preset;
use cogov_app::sim::sweep::{self, Direction, ScenarioRef, Sweep, knobs};
use cogov_engine::IntakeError;
use cogov_model::{ErrorCode, Gco};
use serde::Serialize;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use ts_rs::TS;

/// The most member visits a sweep started from the studio may make (cells × runs × 2 ×
/// proposals per run × members): about a minute on one core. Larger sweeps belong to
/// `cogov sweep`, which can shard them.
pub const MAX_STUDIO_VISITS: f64 = 1.2e11;

/// The last finished sweep, kept so that saving it does not run it again.
struct Last {
    text: String,
    spec: Value,
    run: SweepRun,
}

#[derive(Default)]
struct Inner {
    /// The run in flight: a newer run cancels it.
    job: JobSlot,
    last: Mutex<Option<Last>>,
}

/// The sweep session's state (managed Tauri state): the run in flight and the last result.
#[derive(Default, Clone)]
pub struct SweepState(Arc<Inner>);

/// A knob the design offers to sweep.
#[derive(Debug, Clone, Serialize, TS)]
pub struct KnobInfo {
    /// Its name as in sweep files (`/decision_types/general/quorum`, …).
    pub name: String,
    /// True for a design knob, false for an assumption about participation.
    pub design: bool,
    /// Whether it takes whole numbers.
    pub integer: bool,
    /// The least value it accepts.
    pub min: f64,
    /// The greatest value it accepts (capped for display).
    pub max: f64,
    /// The design's value now (none for an assumption).
    pub current: Option<f64>,
}

/// An objective a sweep computes.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ObjectiveInfo {
    /// Its name (`continuity_impact`, `pass_rate`, `risk/<score>`, …).
    pub name: String,
    /// `minimize` or `maximize`: its natural direction.
    pub direction: String,
}

/// What the Sweep view needs to build a sweep of the design.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SweepSetup {
    /// Every knob of the design, in the engine's order.
    pub knobs: Vec<KnobInfo>,
    /// Every objective.
    pub objectives: Vec<ObjectiveInfo>,
    /// Scenario presets (`participation_contraction`, …).
    pub presets: Vec<String>,
    /// The most member visits the studio runs.
    pub max_visits: f64,
}

/// What a sweep run gives back: the results, or how far it got when cancelled.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SweepRun {
    /// The UI's id of the run.
    #[ts(type = "number")]
    pub job: u64,
    /// True when a newer run or the Cancel button stopped it (no results then).
    pub cancelled: bool,
    /// Runs finished (each cell's scenario and baseline runs).
    pub done: u32,
    /// Runs asked for.
    pub total: u32,
    /// The sweep's fingerprint.
    pub fingerprint: String,
    /// The results, as `cogov_sim::sweep::results_value` gives them (`cells`, `pareto`,
    /// `sensitivity`, `recommendation`, `recommendation_md`, `proposed_diff`).
    #[ts(type = "unknown")]
    pub results: Option<Value>,
    /// The proposed design's text (the recommendation applied), when it changes the design.
    pub proposed: Option<String>,
    /// Time spent in the shell for this run, milliseconds.
    pub elapsed_ms: f64,
    /// Of which simulating the cells' runs (the rest: checking the sweep, the analysis).
    pub compute_ms: f64,
}

/// How far the run in flight is.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SweepProgress {
    /// The UI's id of the run.
    #[ts(type = "number")]
    pub job: u64,
    /// Runs finished.
    pub done: u32,
    /// Runs asked for.
    pub total: u32,
}

/// One cell of a sweep, ready to open in the What-if.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SweepCell {
    /// The cell's number.
    pub cell: u32,
    /// Its knobs and values, in the sweep's order.
    pub knobs: Vec<(String, f64)>,
    /// The design with the cell's design knobs applied (pretty JSON).
    pub design: String,
    /// The sweep's scenario with its runs and seed, presets expanded and the participation
    /// contraction knob applied.
    #[ts(type = "unknown")]
    pub scenario: Value,
    /// Assumption knobs a scenario cannot carry (the participation scale), left out.
    pub not_applied: Vec<String>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn read_design(text: &str) -> Result<Gco, CommandError> {
    Ok(cogov_app::files::gco_from_text("design", text)?)
}

/// The sweep file `spec` (its scenario inline) checked against the design of `text`, and
/// refused when larger than the studio runs (GOV-X044 with the estimated time).
pub fn checked(text: &str, spec: &Value) -> Result<Sweep, CommandError> {
    let gco = read_design(text)?;
    let bytes = serde_json::to_vec(spec).map_err(|e| CommandError::internal(e.to_string()))?;
    let file = sweep::file::from_json_bytes(&bytes).map_err(|e| CommandError::intake("sweep", &e))?;
    if matches!(file.scenario, ScenarioRef::File(_)) {
        let e = IntakeError::at_pointer(ErrorCode::SweepInvalid, "/scenario", "the studio takes the scenario inline");
        return Err(CommandError::intake("sweep", &e));
    }
    let sweep = Sweep::new(gco, file).map_err(|e| CommandError::intake("sweep", &e))?;
    cogov_app::sweep::check_size(
        &sweep,
        sweep.units(),
        MAX_STUDIO_VISITS,
        0,
        "sweep",
        "fewer cells or runs, or run it with `cogov sweep` (it shards)",
    )?;
    Ok(sweep)
}

impl SweepState {
    /// Sweeps the design of `text` with the sweep file `spec` as run `id` (blocking; call it
    /// off the main thread).
    pub fn run(&self, text: &str, spec: Value, id: u64) -> Result<SweepRun, CommandError> {
        let t0 = Instant::now();
        let sweep = checked(text, &spec)?;
        // Two runs (scenario and baseline) per cell and run: what `compute` reports as done.
        let total = 2 * sweep.cells.len() * sweep.scenario.runs as usize;
        let job = self.0.job.start(id, total);
        let t1 = Instant::now();
        let result = cogov_app::sweep::compute(&sweep, 0..sweep.units(), &job, "sweep");
        let compute_ms = t1.elapsed().as_secs_f64() * 1000.0;
        self.0.job.finish(id);
        let results = match result? {
            cogov_app::sweep::Outcome::Done(r) => r,
            cogov_app::sweep::Outcome::Cancelled { done, .. } => {
                return Ok(SweepRun {
                    job: id,
                    cancelled: true,
                    done: count(done),
                    total: count(total),
                    fingerprint: sweep.fingerprint.clone(),
                    results: None,
                    proposed: None,
                    elapsed_ms: t0.elapsed().as_secs_f64() * 1000.0,
                    compute_ms,
                });
            }
        };
        let files = sweep.outputs(&results).map_err(|e| CommandError::intake("sweep", &e))?;
        let proposed =
            files.iter().find(|(n, _)| n == "proposed.json").map(|(_, b)| String::from_utf8_lossy(b).into_owned());
        let run = SweepRun {
            job: id,
            cancelled: false,
            done: count(total),
            total: count(total),
            fingerprint: sweep.fingerprint.clone(),
            results: Some(sweep::results_value(&files)),
            proposed,
            elapsed_ms: t0.elapsed().as_secs_f64() * 1000.0,
            compute_ms,
        };
        if let Ok(mut last) = self.0.last.lock() {
            *last = Some(Last { text: text.to_owned(), spec, run: run.clone() });
        }
        Ok(run)
    }

    /// The last finished run of exactly this design and sweep file, if it is kept.
    fn last_of(&self, text: &str, spec: &Value) -> Option<SweepRun> {
        let last = self.0.last.lock().ok()?;
        last.as_ref().filter(|l| l.text == text && &l.spec == spec).map(|l| l.run.clone())
    }
}

/// Cell `cell` of the sweep as a design and a scenario for the What-if (GOV-X060 when the
/// sweep has no such cell).
pub fn cell(text: &str, spec: &Value, cell: u32) -> Result<SweepCell, CommandError> {
    let sweep = checked(text, spec)?;
    let c = cell as usize;
    if c >= sweep.cells.len() {
        let e = IntakeError::whole(
            ErrorCode::SweepNoSuchCell,
            format!("cell {cell}: the sweep has {} cells, numbered from 0", sweep.cells.len()),
        );
        return Err(CommandError::intake("sweep", &e));
    }
    let values: Vec<(knobs::Target, f64)> =
        sweep.knobs.iter().zip(&sweep.cells[c]).map(|(k, &v)| (k.target.clone(), v)).collect();
    let design = sweep.cell_design(c);
    let mut inputs = Inputs::from_gco(&design).map_err(|e| CommandError::intake("design", &e))?;
    knobs::apply_inputs(&mut inputs, &values);
    let mut scenario = sweep.scenario.clone();
    scenario.shocks = knobs::shocks(&sweep.scenario, &inputs, &values);
    scenario.presets.clear();
    let not_applied =
        sweep.knobs.iter().filter(|k| k.target == knobs::Target::ParticipationScale).map(|k| k.name.clone()).collect();
    Ok(SweepCell {
        cell,
        knobs: sweep.knobs.iter().zip(&sweep.cells[c]).map(|(k, &v)| (k.name.clone(), v)).collect(),
        design: cogov_engine::diff::pretty(&design),
        scenario: serde_json::to_value(&scenario).unwrap_or_default(),
        not_applied,
    })
}

/// The knobs of the design in the editor, the objectives and the scenario presets.
#[tauri::command(async)]
pub fn sweep_setup(text: String) -> Result<SweepSetup, CommandError> {
    let gco = read_design(&text)?;
    let knobs = knobs::catalogue(&gco)
        .into_iter()
        .map(|(name, t)| {
            let (min, max) = t.domain();
            KnobInfo {
                design: t.is_design(),
                integer: t.integer(),
                min,
                max: max.min(1e15),
                current: knobs::current(&gco, &t),
                name,
            }
        })
        .collect();
    let objectives = sweep::objective_names()
        .into_iter()
        .map(|(name, d)| ObjectiveInfo {
            name,
            direction: if d == Direction::Minimize { "minimize" } else { "maximize" }.to_owned(),
        })
        .collect();
    let presets = Preset::ALL.iter().map(|p| p.as_str().to_owned()).collect();
    Ok(SweepSetup { knobs, objectives, presets, max_visits: MAX_STUDIO_VISITS })
}

/// Sweeps the editor's design with the sweep file `spec` (scenario inline) as run `job`, off
/// the main thread; a newer run cancels this one. Cancelled runs come back with `cancelled` set.
#[tauri::command]
pub async fn sweep_run(
    state: tauri::State<'_, SweepState>,
    text: String,
    spec: Value,
    job: u64,
) -> Result<SweepRun, CommandError> {
    let state = state.inner().clone();
    tauri::async_runtime::spawn_blocking(move || state.run(&text, spec, job))
        .await
        .map_err(|e| CommandError::internal(format!("the sweep thread failed: {e}")))?
}

/// How far the sweep in flight is (`null` when none is).
#[tauri::command]
pub fn sweep_progress(state: tauri::State<'_, SweepState>) -> Option<SweepProgress> {
    state.0.job.progress().map(|p| SweepProgress { job: p.id, done: count(p.done), total: count(p.total) })
}

/// Cancels sweep `job` if it is the one in flight; says whether it was.
#[tauri::command]
pub fn sweep_cancel(state: tauri::State<'_, SweepState>, job: u64) -> bool {
    state.0.job.cancel(job)
}

/// Cell `cell` of the sweep as the design and scenario the What-if opens.
#[tauri::command(async)]
pub fn sweep_cell(text: String, spec: Value, cell: u32) -> Result<SweepCell, CommandError> {
    self::cell(&text, &spec, cell)
}

/// Keeps the sweep of the editor's design with the stored version it ran on (the last run when
/// it is of this design and sweep, else it runs again); GOV-S013 when that version is not
/// saved, GOV-S015 when the design differs from it: commit it first.
#[tauri::command]
pub async fn sweep_save(
    state: tauri::State<'_, SweepState>,
    store: tauri::State<'_, StoreState>,
    text: String,
    spec: Value,
) -> Result<SweepRecord, CommandError> {
    let sweeps = state.inner().clone();
    let (t, s) = (text.clone(), spec.clone());
    let run = match sweeps.last_of(&text, &spec) {
        Some(run) => run,
        None => tauri::async_runtime::spawn_blocking(move || sweeps.run(&t, s, u64::MAX))
            .await
            .map_err(|e| CommandError::internal(format!("the sweep thread failed: {e}")))??,
    };
    let Some(results) = run.results else {
        return Err(CommandError::internal("the sweep to save was cancelled by a newer run"));
    };
    let sweep = checked(&text, &spec)?;
    store.with_app(|s| cogov_app::sweep::save(s, &sweep, &results, &author()))
}

/// The saved sweeps of a design (every version), newest first, without their results.
#[tauri::command(async)]
pub fn sweep_saved(store: tauri::State<'_, StoreState>, instance: String) -> Result<Vec<SweepRecord>, CommandError> {
    store.with(|s| s.sweeps_of(&instance, None))
}

/// One saved sweep with its results.
#[tauri::command(async)]
pub fn sweep_open(store: tauri::State<'_, StoreState>, id: i64) -> Result<SweepRecord, CommandError> {
    store.with(|s| s.sweep(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rc1() -> String {
        include_str!("../../examples/rc1.json").to_owned()
    }

    fn spec(runs: u32) -> Value {
        json!({
            "knobs": [
                {"knob": "/decision_types/general/quorum", "values": [0.05, 0.25]},
                {"knob": "/participation/contraction", "values": [0.3, 0.7]}
            ],
            "scenario": {"inline": {"steps": 40, "presets": ["participation_contraction"]}},
            "runs": runs, "seed": 2,
            "objectives": [{"objective": "continuity_impact"}, {"objective": "pass_rate"}],
            "constraints": [{"objective": "pass_rate", "op": ">=", "value": 0.1}]
        })
    }

    #[test]
    fn a_run_gives_the_engines_results_and_is_kept_for_saving() {
        let state = SweepState::default();
        let text = rc1();
        let run = state.run(&text, spec(8), 1).expect("runs");
        assert!(!run.cancelled);
        assert_eq!((run.done, run.total), (2 * 4 * 8, 2 * 4 * 8));
        let results = run.results.as_ref().expect("results");
        // The same as the engine computes directly.
        let sweep = checked(&text, &spec(8)).expect("checks");
        let never = std::sync::atomic::AtomicBool::new(false);
        let units = sweep.compute(0..sweep.units(), &never, &|_| {}).expect("computes");
        let files = sweep.outputs(&units).expect("outputs");
        assert_eq!(results, &sweep::results_value(&files));
        assert_eq!(results["cells"]["cells"].as_array().map(Vec::len), Some(4));
        assert!(state.last_of(&text, &spec(8)).is_some(), "kept for saving");
        assert!(state.last_of(&text, &spec(9)).is_none(), "only for that sweep");
    }

    #[test]
    fn a_cell_opens_with_its_knobs_and_bad_sweeps_name_the_place() {
        let text = rc1();
        let c = cell(&text, &spec(4), 3).expect("cell");
        assert_eq!(
            c.knobs,
            [("/decision_types/general/quorum".to_owned(), 0.25), ("/participation/contraction".to_owned(), 0.7)]
        );
        let design: Value = serde_json::from_str(&c.design).expect("json");
        let general =
            design["decision_types"].as_array().and_then(|d| d.iter().find(|d| d["id"] == "general")).expect("dt");
        assert_eq!(general["quorum"], json!(0.25));
        let shocks = c.scenario["shocks"].as_array().expect("shocks");
        assert!(shocks.iter().any(|s| s["kind"] == "participation_contraction" && s["factor"] == json!(0.7)));
        assert_eq!(c.scenario["runs"], json!(4));

        assert_eq!(cell(&text, &spec(4), 4).expect_err("no cell 4").code, "GOV-X060");
        let mut bad = spec(4);
        bad["knobs"][0]["knob"] = json!("/decision_types/general/qourum");
        let e = checked(&text, &bad).expect_err("unknown knob");
        assert_eq!(e.code, "GOV-X041");
        assert!(
            e.message.contains("/knobs/0/knob") && e.message.contains("/decision_types/general/quorum"),
            "{}",
            e.message
        );
        let mut big = spec(1_000_000);
        big["knobs"][0]["values"] = json!([0.05, 0.1, 0.15, 0.2, 0.25]);
        assert_eq!(checked(&text, &big).expect_err("too large").code, "GOV-X044");
    }

    #[test]
    fn a_newer_run_cancels_the_one_in_flight() {
        let state = SweepState::default();
        let text = rc1();
        let st = state.clone();
        let t = text.clone();
        let long = std::thread::spawn(move || st.run(&t, spec(20_000), 5));
        while state.0.job.progress().is_none_or(|p| p.id != 5) {
            std::thread::yield_now();
        }
        state.0.job.start(6, 1);
        let r = long.join().expect("thread").expect("runs");
        assert!(r.cancelled && r.results.is_none() && r.done < r.total, "{} of {}", r.done, r.total);
    }
}
