//! `cogov-sim`: the reference simulation model (RSM v1) with seeded, bit-reproducible Monte
//! Carlo. Pure: no I/O, no clock, no global randomness.
//!
//! Start at [`simulate`]: it reads [`Inputs`] (from a design with [`Inputs::from_gco`]) and a
//! [`Scenario`], runs the scenario and its automatic baseline (the same inputs and seed with
//! no shock) over the runs in parallel (rayon), and returns a [`Report`]. Run `r` draws from
//! a stream derived from `(seed, r)` alone, and results are gathered in run order, so the
//! report is bit-identical for any number of threads.

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(target_arch = "x86_64")]
mod avx512;
/// This crate's version (bundles record it).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub mod attack;
pub mod chart;
pub mod end_design;
pub mod inputs;
pub mod rng;
pub mod run;
pub mod scenario;
pub mod stats;
pub mod sweep;

pub use attack::AttackReport;
pub use inputs::Inputs;
pub use run::{Counts, Plan, PlanError, RunResult};
pub use scenario::{Acquisition, Attack, Preset, Scenario, Shock, Support, scenario_schema};
pub use stats::{Band, Column, Delta, Summary};

use rayon::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Why a simulation did not finish.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SimError {
    /// The cancel flag was set; `done` runs had finished.
    #[error("cancelled after {done} of {total} runs")]
    Cancelled {
        /// Runs finished.
        done: usize,
        /// Runs asked for (scenario and baseline together).
        total: usize,
    },
    /// The settings cannot be simulated.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// The thread pool could not be built.
    #[error("thread pool: {0}")]
    Threads(String),
}

impl SimError {
    /// The stable reason code: `GOV-A001` cancelled, `GOV-X020` settings the scenario cannot
    /// run with, `GOV-A002` no worker threads.
    pub fn code(&self) -> cogov_model::ErrorCode {
        match self {
            SimError::Cancelled { .. } => cogov_model::ErrorCode::RunCancelled,
            SimError::Plan(_) => cogov_model::ErrorCode::ScenarioInvalid,
            SimError::Threads(_) => cogov_model::ErrorCode::WorkerThreads,
        }
    }
}

/// The per-run figures over runs, in the spec's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SimFigures"))]
pub struct Figures {
    /// Mean of `cast / W` over a run's proposals (runs without proposals are left out).
    pub turnout: Summary,
    /// passed / proposals (runs without proposals are left out).
    pub pass_rate: Summary,
    /// Passed proposals.
    pub passed: Summary,
    /// Proposals short of quorum.
    pub no_quorum: Summary,
    /// Rejected proposals (votes or signers).
    pub rejected: Summary,
    /// Proposals without enough active signers.
    pub no_signers: Summary,
    /// Spends paid.
    pub executed: Summary,
    /// Spends blocked by a freeze.
    pub blocked: Summary,
    /// Spends larger than the balance.
    pub insolvent: Summary,
    /// Balance at the end of the run.
    pub final_balance: Summary,
    /// Smallest end-of-step balance.
    pub min_balance: Summary,
    /// Mean passed proposals per step.
    pub throughput_mean: Summary,
    /// Population variance of passed proposals per step.
    pub throughput_variance: Summary,
}

/// Mean outcome counts per run of one proposal type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TypeOutcomes {
    /// The decision type id.
    pub id: String,
    /// Proposals.
    pub proposals: f64,
    /// Passed.
    pub passed: f64,
    /// Short of quorum.
    pub no_quorum: f64,
    /// Rejected.
    pub rejected: f64,
    /// Without enough signers.
    pub no_signers: f64,
    /// Spends paid.
    pub executed: f64,
    /// Spends blocked.
    pub blocked: f64,
    /// Spends larger than the balance.
    pub insolvent: f64,
}

/// One side of the comparison: the scenario, or its baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SimSide"))]
pub struct Side {
    /// Per-run figures over runs.
    pub figures: Figures,
    /// Mean counts per run, per proposal type.
    pub per_type: Vec<TypeOutcomes>,
    /// End-of-step balance band.
    pub balance: Band,
    /// Passed proposals per step band.
    pub passed: Band,
    /// Share of runs that record at least one insolvent spend.
    pub insolvent_share: f64,
    /// Steps of runway left at the end: mean final balance over the mean net outflow per step;
    /// `null` (infinite) when the net flow is not negative.
    pub runway_steps: Option<f64>,
}

/// Treasury solvency forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Solvency {
    /// Share of runs that ever record an insolvent spend.
    pub insolvent_share: f64,
    /// The baseline's share.
    pub baseline_insolvent_share: f64,
    /// Steps of runway at the end (`null`: infinite).
    pub runway_steps: Option<f64>,
    /// The baseline's runway (`null`: infinite).
    pub baseline_runway_steps: Option<f64>,
}

/// Decision throughput variance beside the baseline's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ThroughputVariance {
    /// The scenario's variance over runs.
    pub scenario: Summary,
    /// The baseline's.
    pub baseline: Summary,
}

/// One proposal type's outcome counts per run, scenario against baseline, paired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SimTypeDeltas"))]
pub struct TypeDeltas {
    /// The decision type id.
    pub id: String,
    /// Passed proposals per run.
    pub passed: Option<Delta>,
    /// Proposals short of quorum per run.
    pub no_quorum: Option<Delta>,
    /// Rejected proposals per run.
    pub rejected: Option<Delta>,
    /// Proposals without enough signers per run.
    pub no_signers: Option<Delta>,
}

/// Every change the What-if shows, scenario against baseline, with its uncertainty. Run `r`
/// of the scenario and run `r` of the baseline draw from the same streams (common random
/// numbers), so their difference is the shocks' effect plus little noise; each figure is the
/// mean paired difference with its standard error and 95% interval. `null`: not defined
/// (fewer than two runs, no proposals on one side, an infinite runway).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SimDeltas"))]
pub struct Deltas {
    /// Balance at the end of the run.
    pub final_balance: Option<Delta>,
    /// Passed proposals per run.
    pub passed: Option<Delta>,
    /// Pass rate (over the runs with proposals on both sides).
    pub pass_rate: Option<Delta>,
    /// Turnout (over the runs with proposals on both sides).
    pub turnout: Option<Delta>,
    /// Continuity impact itself (it is already a comparison with the baseline; its error by
    /// the delta method over the runs' pooled counts).
    pub continuity_impact: Option<Delta>,
    /// Share of runs ever insolvent.
    pub insolvent_share: Option<Delta>,
    /// Runway in steps (delta method over the mean final balances); `null` when either side's
    /// runway is infinite.
    pub runway_steps: Option<Delta>,
    /// Throughput variance.
    pub throughput_variance: Option<Delta>,
    /// Outcome counts per proposal type, in declared order.
    pub per_type: Vec<TypeDeltas>,
}

/// Figures derived against the baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SimDerived"))]
pub struct Derived {
    /// The first step at which a shock acts (`null`: no shock acts).
    pub first_shock_step: Option<u32>,
    /// 1 - (pass rate from the first shock on / the baseline's over the same steps), pooled
    /// over runs; `null` without a shock or without baseline passes.
    pub continuity_impact: Option<f64>,
    /// Treasury solvency forecast.
    pub solvency: Solvency,
    /// Decision throughput variance beside the baseline's.
    pub throughput_variance: ThroughputVariance,
    /// The six risk scores of the design as the shocks leave it against those before
    /// ([`end_design::risk_delta`], a `cogov_engine::risk::Comparison`); `null` when not computed.
    #[cfg_attr(feature = "ts", ts(type = "{ deltas: Array<RiskDelta> } | null"))]
    pub risk_delta: Option<serde_json::Value>,
}

/// The result of a simulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SimReport"))]
pub struct Report {
    /// The model.
    pub model: String,
    /// Runs.
    pub runs: u32,
    /// Seed.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seed: u64,
    /// Steps per run.
    pub steps: u32,
    /// The shocks in force (presets expanded).
    pub shocks: Vec<Shock>,
    /// Per-run figures of the scenario over runs.
    pub figures: Figures,
    /// Figures derived against the baseline.
    pub derived: Derived,
    /// The scenario in detail: figures, per-type outcomes and per-step bands.
    pub scenario: Side,
    /// The baseline (no shock) in detail.
    pub baseline: Side,
    /// Whether some percentiles and bands were read from logarithmic bins (relative accuracy
    /// [`stats::SKETCH_ACCURACY`]) rather than from every run's value: only beyond
    /// [`stats::EXACT_VALUES`] runs, so that memory does not grow with the runs.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sketched: bool,
    /// The changes against the baseline with their uncertainty (absent in reports saved before
    /// they were computed). Not yet in the generated TypeScript: the studio reads it through its
    /// own mirror until the bindings are regenerated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub deltas: Option<Deltas>,
    /// The scenario's attack ([`attack::simulate_attack`]); absent without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attack: Option<AttackReport>,
}

/// The total runs a simulation performs (the scenario's and the baseline's).
pub fn total_runs(scenario: &Scenario) -> usize {
    2 * scenario.runs as usize
}

/// Runs `scenario` and its baseline on `inputs`. `threads`: 0 for rayon's global pool, else a
/// pool of that size. `progress` is called with the number of runs finished so far (of
/// [`total_runs`]), from worker threads; setting `cancel` stops the simulation between runs.
pub fn simulate(
    inputs: &Inputs,
    scenario: &Scenario,
    threads: usize,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Report, SimError> {
    simulate_reusing(inputs, scenario, threads, cancel, progress, &mut None)
}

/// The baseline's runs under one set of settings, kept (summarised) so that scenarios
/// differing only in their shocks (a slider moved in the studio) do not run the same baseline
/// again.
#[derive(Debug, Clone)]
pub struct Baseline {
    key: BaselineKey,
    tally: Tally,
    /// Each run's figures for pairing ([`run_figures`]), kept only up to
    /// [`stats::EXACT_VALUES`] runs so that memory stays bounded; a larger baseline is not
    /// reused.
    runs: Option<Vec<Vec<f64>>>,
}

/// What the baseline's runs depend on besides the inputs: the settings and the step from
/// which continuity is watched (the first shock's).
#[derive(Debug, Clone, PartialEq)]
struct BaselineKey {
    steps: u32,
    runs: u32,
    seed: u64,
    support: (u64, u64),
    watch: u32,
}

/// Runs simulated together before they are summarised: what bounds memory, whatever the
/// number of runs. Blocks are cut by run index, so the order in which runs reach the summary
/// (run order) does not depend on the threads.
const BLOCK: u64 = 4096;

/// [`simulate`], reusing `baseline` when it was run with the same settings and watch step,
/// else running the baseline and leaving it in `baseline`. The caller keeps one `baseline`
/// per [`Inputs`]: a baseline of other inputs would give a wrong report. The report is
/// bit-identical to [`simulate`]'s; when the baseline is reused, progress starts at `runs`.
pub fn simulate_reusing(
    inputs: &Inputs,
    scenario: &Scenario,
    threads: usize,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize) + Sync),
    baseline: &mut Option<Baseline>,
) -> Result<Report, SimError> {
    if threads == 0 {
        return simulate_here(inputs, scenario, cancel, progress, baseline);
    }
    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| SimError::Threads(e.to_string()))?;
    pool.install(|| simulate_here(inputs, scenario, cancel, progress, baseline))
}

fn simulate_here(
    inputs: &Inputs,
    scenario: &Scenario,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize) + Sync),
    baseline: &mut Option<Baseline>,
) -> Result<Report, SimError> {
    let shocks = scenario.all_shocks(inputs.members.len(), inputs.mean_weight());
    let first = shocks.iter().filter_map(|s| s.first_step(scenario.steps)).min();
    let watch = first.unwrap_or(scenario.steps);
    let plan = Plan::new(inputs, &shocks, scenario.steps, scenario.support, watch)?;
    let key = BaselineKey {
        steps: scenario.steps,
        runs: scenario.runs,
        seed: scenario.seed,
        support: (scenario.support.alpha.to_bits(), scenario.support.beta.to_bits()),
        watch,
    };
    let reuse = baseline.as_ref().is_some_and(|b| b.key == key && b.runs.is_some());
    let done = AtomicUsize::new(if reuse { scenario.runs as usize } else { 0 });
    let total = total_runs(scenario);
    let base_plan = if reuse { None } else { Some(Plan::new(inputs, &[], scenario.steps, scenario.support, watch)?) };
    let b0 = inputs.treasury.initial;
    let new_tally = || Tally::new(inputs.types.len(), scenario.steps as usize, b0);
    let block = |plan: &Plan<'_>, start: u64, end: u64| -> Result<Vec<RunResult>, SimError> {
        let results: Vec<Option<RunResult>> = (start..end)
            .into_par_iter()
            .map(|r| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let res = plan.run(scenario.seed, r);
                progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                Some(res)
            })
            .collect();
        let finished = results.iter().filter(|r| r.is_some()).count();
        if finished < results.len() {
            return Err(SimError::Cancelled { done: done.load(Ordering::Relaxed).max(finished), total });
        }
        Ok(results.into_iter().flatten().collect())
    };
    let runs = u64::from(scenario.runs);
    let mut shocked = new_tally();
    let mut pairing = Pairing::new(inputs.types.len());
    // Scenario and baseline advance block by block so that run r of each is paired as it
    // finishes (memory bounded by the block), in run order whatever the threads.
    let mut fresh = (!reuse).then(|| (new_tally(), (runs as usize <= stats::EXACT_VALUES).then(Vec::new)));
    let kept_runs = if reuse { baseline.as_ref().and_then(|b| b.runs.as_deref()) } else { None };
    for start in (0..runs).step_by(BLOCK as usize) {
        let end = (start + BLOCK).min(runs);
        let ours = block(&plan, start, end)?;
        let theirs = match &base_plan {
            Some(p) => block(p, start, end)?,
            None => Vec::new(),
        };
        for (k, r) in ours.iter().enumerate() {
            shocked.push(r);
            let s = run_figures(r, b0);
            match (&mut fresh, kept_runs) {
                (Some((tally, kept)), _) => {
                    tally.push(&theirs[k]);
                    let b = run_figures(&theirs[k], b0);
                    pairing.push(&s, &b);
                    if let Some(kept) = kept {
                        kept.push(b);
                    }
                }
                (None, Some(kept)) => pairing.push(&s, &kept[start as usize + k]),
                // `reuse` holds only for a baseline that kept its runs.
                (None, None) => {}
            }
        }
    }
    if let Some((tally, kept)) = fresh {
        *baseline = Some(Baseline { key, tally, runs: kept });
    }
    let empty = new_tally();
    let base = baseline.as_ref().map_or(&empty, |b| &b.tally);
    Ok(report(inputs, scenario, shocks, first, &shocked, base, &pairing))
}

/// Runs one run of a scenario (the slider loop's unit of work, and the benchmark's).
pub fn single_run(inputs: &Inputs, scenario: &Scenario, run: u64) -> Result<RunResult, SimError> {
    let shocks = scenario.all_shocks(inputs.members.len(), inputs.mean_weight());
    let plan = Plan::new(inputs, &shocks, scenario.steps, scenario.support, scenario.steps)?;
    Ok(plan.run(scenario.seed, run))
}

/// One side's runs, summarised in run order as they finish: memory is bounded by the steps and
/// [`stats::EXACT_VALUES`], not by the runs.
#[derive(Debug, Clone)]
struct Tally {
    initial: f64,
    runs: u64,
    turnout: Column,
    pass_rate: Column,
    passed: Column,
    no_quorum: Column,
    rejected: Column,
    no_signers: Column,
    executed: Column,
    blocked: Column,
    insolvent: Column,
    final_balance: Column,
    min_balance: Column,
    throughput_mean: Column,
    throughput_variance: Column,
    /// Per proposal type: sums of its counts over runs (exact in integers).
    per_type: Vec<[u64; 8]>,
    balance: Vec<Column>,
    passed_per_step: Vec<Column>,
    insolvent_runs: u64,
    /// Proposals and passed proposals from the watched step on, over runs.
    after_watch: (u64, u64),
}

impl Tally {
    fn new(types: usize, steps: usize, initial: f64) -> Tally {
        Tally {
            initial,
            runs: 0,
            turnout: Column::default(),
            pass_rate: Column::default(),
            passed: Column::default(),
            no_quorum: Column::default(),
            rejected: Column::default(),
            no_signers: Column::default(),
            executed: Column::default(),
            blocked: Column::default(),
            insolvent: Column::default(),
            final_balance: Column::default(),
            min_balance: Column::default(),
            throughput_mean: Column::default(),
            throughput_variance: Column::default(),
            per_type: vec![[0; 8]; types],
            balance: vec![Column::default(); steps],
            passed_per_step: vec![Column::default(); steps],
            insolvent_runs: 0,
            after_watch: (0, 0),
        }
    }

    fn push(&mut self, r: &RunResult) {
        let b0 = self.initial;
        self.runs += 1;
        if let Some(t) = r.turnout {
            self.turnout.push(t);
        }
        if let Some(p) = r.pass_rate() {
            self.pass_rate.push(p);
        }
        self.passed.push(f64::from(r.total.passed));
        self.no_quorum.push(f64::from(r.total.no_quorum));
        self.rejected.push(f64::from(r.total.rejected));
        self.no_signers.push(f64::from(r.total.no_signers));
        self.executed.push(f64::from(r.total.executed));
        self.blocked.push(f64::from(r.total.blocked));
        self.insolvent.push(f64::from(r.total.insolvent));
        self.final_balance.push(r.final_balance(b0));
        self.min_balance.push(r.min_balance(b0));
        self.throughput_mean.push(r.throughput_mean());
        self.throughput_variance.push(r.throughput_variance());
        for (sums, c) in self.per_type.iter_mut().zip(&r.per_type) {
            let counts =
                [c.proposals, c.passed, c.no_quorum, c.rejected, c.no_signers, c.executed, c.blocked, c.insolvent];
            for (s, v) in sums.iter_mut().zip(counts) {
                *s += u64::from(v);
            }
        }
        for (col, &v) in self.balance.iter_mut().zip(&r.balance) {
            col.push(v);
        }
        for (col, &v) in self.passed_per_step.iter_mut().zip(&r.passed_per_step) {
            col.push(f64::from(v));
        }
        self.insolvent_runs += u64::from(r.total.insolvent > 0);
        self.after_watch.0 += u64::from(r.after_watch.0);
        self.after_watch.1 += u64::from(r.after_watch.1);
    }

    /// Pass rate pooled over every run's proposals from the watched step on.
    fn pooled_after_watch(&self) -> Option<f64> {
        (self.after_watch.0 > 0).then(|| self.after_watch.1 as f64 / self.after_watch.0 as f64)
    }

    /// Whether every figure is exact as the spec defines it (false only beyond
    /// [`stats::EXACT_VALUES`] runs with continuous values).
    fn exact(&self) -> bool {
        let figures = [
            &self.turnout,
            &self.pass_rate,
            &self.passed,
            &self.no_quorum,
            &self.rejected,
            &self.no_signers,
            &self.executed,
            &self.blocked,
            &self.insolvent,
            &self.final_balance,
            &self.min_balance,
            &self.throughput_mean,
            &self.throughput_variance,
        ];
        figures.iter().all(|c| c.is_exact()) && self.balance.iter().chain(&self.passed_per_step).all(Column::is_exact)
    }
}

/// Where [`run_figures`] puts each figure of a run; proposal types follow from [`PER_TYPE`] on,
/// four counts each (passed, no quorum, rejected, no signers).
mod at {
    pub const FINAL_BALANCE: usize = 0;
    pub const PASSED: usize = 1;
    pub const PASS_RATE: usize = 2;
    pub const TURNOUT: usize = 3;
    pub const INSOLVENT: usize = 4;
    pub const THROUGHPUT_VARIANCE: usize = 5;
    pub const AFTER_WATCH_PROPOSALS: usize = 6;
    pub const AFTER_WATCH_PASSED: usize = 7;
    pub const PER_TYPE: usize = 8;
}

/// The figures of one run that are paired with the baseline's same run (NaN: not defined for
/// this run, as a pass rate without proposals).
fn run_figures(r: &RunResult, initial: f64) -> Vec<f64> {
    let mut v = vec![
        r.final_balance(initial),
        f64::from(r.total.passed),
        r.pass_rate().unwrap_or(f64::NAN),
        r.turnout.unwrap_or(f64::NAN),
        f64::from(u8::from(r.total.insolvent > 0)),
        r.throughput_variance(),
        f64::from(r.after_watch.0),
        f64::from(r.after_watch.1),
    ];
    for c in &r.per_type {
        v.extend([c.passed, c.no_quorum, c.rejected, c.no_signers].map(f64::from));
    }
    v
}

/// Paired differences accumulated in run order: one [`stats::Moments`] per figure of
/// [`run_figures`] (the two after-watch counts unused), the co-moments of the after-watch counts
/// (continuity impact) and of the final balances (runway).
#[derive(Debug, Clone)]
struct Pairing {
    diffs: Vec<stats::Moments>,
    /// (passed, proposals) after the watch step: the scenario's, then the baseline's.
    continuity: stats::CoMoments<4>,
    /// Final balance: the scenario's, then the baseline's.
    finals: stats::CoMoments<2>,
}

impl Pairing {
    fn new(types: usize) -> Pairing {
        Pairing {
            diffs: vec![stats::Moments::default(); at::PER_TYPE + 4 * types],
            continuity: stats::CoMoments::default(),
            finals: stats::CoMoments::default(),
        }
    }

    fn push(&mut self, s: &[f64], b: &[f64]) {
        for (k, m) in self.diffs.iter_mut().enumerate() {
            let d = s[k] - b[k];
            // NaN: the figure is undefined on one side of this pair; the pair is left out.
            if !d.is_nan() {
                m.push(d);
            }
        }
        self.continuity.push([
            s[at::AFTER_WATCH_PASSED],
            s[at::AFTER_WATCH_PROPOSALS],
            b[at::AFTER_WATCH_PASSED],
            b[at::AFTER_WATCH_PROPOSALS],
        ]);
        self.finals.push([s[at::FINAL_BALANCE], b[at::FINAL_BALANCE]]);
    }

    /// The deltas, given the continuity impact and runways the report states (so that each
    /// delta's mean is the figure shown).
    fn deltas(
        &self,
        inputs: &Inputs,
        steps: u32,
        continuity: Option<f64>,
        runway: (Option<f64>, Option<f64>),
    ) -> Deltas {
        let d = |k: usize| self.diffs[k].delta();
        let pairs = self.finals.len();
        // 1 − (x_s / y_s) / (x_b / y_b) over the means of the after-watch counts.
        let continuity_impact = continuity.and_then(|impact| {
            let [xs, ys, xb, yb] = self.continuity.means();
            // The gradient of 1 − xs·yb / (ys·xb), written without dividing by xs (0 when
            // nothing passes after the shock); ys and xb are positive when the impact is defined.
            let r = xs * yb / (ys * xb);
            let se = self.continuity.se_of([-yb / (ys * xb), r / ys, r / xb, -xs / (ys * xb)]);
            stats::Delta::new(impact, se, pairs)
        });
        // runway(m) = steps · m / (b0 − m) of the mean final balance m; d runway / dm = steps · b0 / (b0 − m)².
        let runway_steps = match runway {
            (Some(rs), Some(rb)) => {
                let [ms, mb] = self.finals.means();
                let (b0, t) = (inputs.treasury.initial, f64::from(steps.max(1)));
                let g = |m: f64| t * b0 / (b0 - m).powi(2);
                stats::Delta::new(rs - rb, self.finals.se_of([g(ms), -g(mb)]), pairs)
            }
            _ => None,
        };
        Deltas {
            final_balance: d(at::FINAL_BALANCE),
            passed: d(at::PASSED),
            pass_rate: d(at::PASS_RATE),
            turnout: d(at::TURNOUT),
            continuity_impact,
            insolvent_share: d(at::INSOLVENT),
            runway_steps,
            throughput_variance: d(at::THROUGHPUT_VARIANCE),
            per_type: inputs
                .types
                .iter()
                .enumerate()
                .map(|(i, ty)| {
                    let k = at::PER_TYPE + 4 * i;
                    TypeDeltas {
                        id: ty.id.clone(),
                        passed: d(k),
                        no_quorum: d(k + 1),
                        rejected: d(k + 2),
                        no_signers: d(k + 3),
                    }
                })
                .collect(),
        }
    }
}

fn side(inputs: &Inputs, steps: u32, t: &Tally) -> Side {
    let figures = Figures {
        turnout: t.turnout.summary(),
        pass_rate: t.pass_rate.summary(),
        passed: t.passed.summary(),
        no_quorum: t.no_quorum.summary(),
        rejected: t.rejected.summary(),
        no_signers: t.no_signers.summary(),
        executed: t.executed.summary(),
        blocked: t.blocked.summary(),
        insolvent: t.insolvent.summary(),
        final_balance: t.final_balance.summary(),
        min_balance: t.min_balance.summary(),
        throughput_mean: t.throughput_mean.summary(),
        throughput_variance: t.throughput_variance.summary(),
    };
    let n = t.runs.max(1) as f64;
    let per_type = inputs
        .types
        .iter()
        .zip(&t.per_type)
        .map(|(ty, s)| {
            let mean = |k: usize| s[k] as f64 / n;
            TypeOutcomes {
                id: ty.id.clone(),
                proposals: mean(0),
                passed: mean(1),
                no_quorum: mean(2),
                rejected: mean(3),
                no_signers: mean(4),
                executed: mean(5),
                blocked: mean(6),
                insolvent: mean(7),
            }
        })
        .collect();
    let steps = steps as usize;
    let b0 = inputs.treasury.initial;
    let balance = Band::of_columns(&t.balance);
    let passed = Band::of_columns(&t.passed_per_step);
    let insolvent_share = t.insolvent_runs as f64 / n;
    // With no runs the mean final balance is 0 (as a sum over no runs divided by 1 was).
    let mean_final = if t.runs == 0 { 0.0 } else { t.final_balance.mean() };
    let outflow = (b0 - mean_final) / steps.max(1) as f64;
    let runway_steps = (outflow > 0.0).then(|| mean_final / outflow);
    Side { figures, per_type, balance, passed, insolvent_share, runway_steps }
}

fn report(
    inputs: &Inputs,
    scenario: &Scenario,
    shocks: Vec<Shock>,
    first: Option<u32>,
    shocked: &Tally,
    base: &Tally,
    pairing: &Pairing,
) -> Report {
    let s = side(inputs, scenario.steps, shocked);
    let b = side(inputs, scenario.steps, base);
    let continuity_impact = match (first, shocked.pooled_after_watch(), base.pooled_after_watch()) {
        (Some(_), Some(after), Some(before)) if before > 0.0 => Some(1.0 - after / before),
        _ => None,
    };
    let derived = Derived {
        first_shock_step: first,
        continuity_impact,
        solvency: Solvency {
            insolvent_share: s.insolvent_share,
            baseline_insolvent_share: b.insolvent_share,
            runway_steps: s.runway_steps,
            baseline_runway_steps: b.runway_steps,
        },
        throughput_variance: ThroughputVariance {
            scenario: s.figures.throughput_variance,
            baseline: b.figures.throughput_variance,
        },
        risk_delta: None,
    };
    let deltas = Some(pairing.deltas(inputs, scenario.steps, continuity_impact, (s.runway_steps, b.runway_steps)));
    Report {
        model: "RSM v1".to_owned(),
        runs: scenario.runs,
        seed: scenario.seed,
        steps: scenario.steps,
        shocks,
        figures: s.figures.clone(),
        derived,
        scenario: s,
        baseline: b,
        sketched: !(shocked.exact() && base.exact()),
        deltas,
        attack: None,
    }
}
