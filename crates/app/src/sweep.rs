//! Parameter sweeps: the bound on their size (with the time it would take), computing a range
//! of units under one job (progress and cancel), and keeping the results with the version swept.

use crate::error::{Error, Result};
use crate::job::Job;
use cogov_engine::IntakeError;
use cogov_model::ErrorCode;
use cogov_sim::sweep::{self, Sweep, UnitResult};
use cogov_store::Store;
use cogov_store::sweeps::{NewSweep, SweepRecord};
use std::ops::Range;
use std::time::{Duration, Instant};

/// Nanoseconds per member visit per thread: the estimate a refusal gives the time by.
pub const NS_PER_VISIT: f64 = 0.5;

/// Refuses a sweep (or the `units` of it a shard runs) making more than `max_visits` member
/// visits (`GOV-X044`), saying about how long it would take on `threads` (0: the pool's) and
/// `how` to go on (a face's advice: raise the bound, shard, or use the command line).
pub fn check_size(sweep: &Sweep, units: usize, max_visits: f64, threads: usize, name: &str, how: &str) -> Result<()> {
    let visits = sweep.member_visits() * units as f64 / sweep.units().max(1) as f64;
    if visits <= max_visits {
        return Ok(());
    }
    let threads = if threads == 0 { sweep::current_threads() } else { threads }.max(1);
    let secs = visits * NS_PER_VISIT * 1e-9 / threads as f64;
    let e = IntakeError::whole(
        ErrorCode::SweepTooLarge,
        format!(
            "{} cells × {} runs (and as many baseline runs) ≈ {visits:.3e} member visits, over the bound of \
             {max_visits:.3e}: about {secs:.0} s on {threads} thread(s); {how}",
            sweep.cells.len(),
            sweep.scenario.runs,
        ),
    );
    Err(Error::intake(name, e))
}

/// How a sweep's computation ended.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Every unit of the range computed.
    Done(Vec<UnitResult>),
    /// Cancelled after `done` runs of about `total`.
    Cancelled {
        /// Runs finished.
        done: usize,
        /// Runs asked for.
        total: usize,
    },
}

/// Computes the units `range` of `sweep`, reporting runs done to `job` and stopping when it
/// is cancelled. Errors name `name`.
pub fn compute(sweep: &Sweep, range: Range<usize>, job: &Job, name: &str) -> Result<Outcome> {
    let progress = |n: usize| job.progress(n);
    match sweep.compute(range, job.flag(), &progress) {
        Ok(r) => Ok(Outcome::Done(r)),
        Err(cogov_sim::SimError::Cancelled { done, total }) => Ok(Outcome::Cancelled { done, total }),
        Err(e) => Err(Error::intake(name, IntakeError::whole(ErrorCode::SweepInvalid, e.to_string()))),
    }
}

/// A whole sweep run: its output files, or how far it got when cancelled, and the time the
/// simulation took (the rest being the analysis).
#[derive(Debug, Clone)]
pub struct Ran {
    /// The output files ([`Sweep::outputs`]: name, bytes), `None` when cancelled.
    pub files: Option<Vec<(String, Vec<u8>)>>,
    /// Runs finished (each cell's scenario and baseline runs count).
    pub done: usize,
    /// Runs asked for.
    pub total: usize,
    /// Time spent simulating the cells' runs.
    pub compute: Duration,
}

/// Computes every unit of `sweep` under `job` and turns the results into the output files:
/// what the studio's Run does (the benchmark of it calls this). Errors name `name`.
pub fn run(sweep: &Sweep, job: &Job, name: &str) -> Result<Ran> {
    let total = 2 * sweep.cells.len() * sweep.scenario.runs as usize;
    let t = Instant::now();
    let outcome = compute(sweep, 0..sweep.units(), job, name)?;
    let compute = t.elapsed();
    match outcome {
        Outcome::Done(results) => {
            let files = sweep.outputs(&results).map_err(|e| Error::intake(name, e))?;
            Ok(Ran { files: Some(files), done: total, total, compute })
        }
        Outcome::Cancelled { done, .. } => Ok(Ran { files: None, done, total, compute }),
    }
}

/// Keeps a sweep's results with the version swept (`GOV-S013` when that version is not saved,
/// `GOV-S015` when the design differs from it, `GOV-S032` when too large to keep).
pub fn save(store: &mut Store, sweep: &Sweep, results: &serde_json::Value, author: &str) -> Result<SweepRecord> {
    let spec = serde_json::to_value(&sweep.file).unwrap_or_default();
    let gco = &sweep.gco;
    let new = NewSweep {
        fingerprint: &sweep.fingerprint,
        spec: &spec,
        cells: u32::try_from(sweep.cells.len()).unwrap_or(u32::MAX),
        runs: sweep.scenario.runs,
        seed: sweep.scenario.seed,
        results,
    };
    Ok(store.save_sweep(&gco.identity.name, &gco.identity.version.to_string(), &gco.fingerprint(), new, author)?)
}

/// Reads a design and a sweep file (bounded), its scenario file, if it names one, relative to
/// the sweep file, and checks the sweep against the design.
pub fn load(config: &str, sweep_path: &str) -> Result<Sweep> {
    let gco = crate::files::load_gco(config)?;
    let bytes = crate::files::read_input(sweep_path)?;
    let mut file = sweep::file::from_json_bytes(&bytes).map_err(|e| Error::intake(sweep_path, e))?;
    if let sweep::ScenarioRef::File(rel) = &file.scenario {
        let path = std::path::Path::new(sweep_path).parent().unwrap_or(std::path::Path::new(".")).join(rel);
        let name = path.display().to_string();
        let sb = crate::files::read_input(&name)?;
        let sc = cogov_sim::scenario::from_json_bytes(&sb).map_err(|e| Error::intake(&name, e))?;
        file.scenario = sweep::ScenarioRef::Inline(Box::new(sc));
    }
    Sweep::new(gco, file).map_err(|e| Error::intake(sweep_path, e))
}
