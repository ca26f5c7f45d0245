//! Parameter sweeps: a design's knobs varied over cells, every cell simulated with **common
//! random numbers** (run `r` of every cell draws from the stream of `(seed, r)`), then the
//! per-cell table, the Pareto front, sensitivities and a recommendation (docs/sweeps.md).
//!
//! Pure, like the rest of the crate: [`Sweep::new`] checks a [`SweepFile`] against a design,
//! [`Sweep::compute`] simulates a range of work units, [`Sweep::outputs`] turns every unit's
//! results into the output files' bytes. A unit is one cell × one block of [`BLOCK`] runs;
//! each unit's statistics are folded in unit order with the same arithmetic whether the units
//! were computed on one thread, many, or on many machines ([`Slice`], [`merge`]): the files are
//! the same bytes.

pub mod analysis;
pub mod file;
pub mod knobs;
pub mod results;
pub mod sample;

pub use file::{Direction, Op, Sampling, ScenarioRef, SweepFile, sweep_schema};

use crate::scenario::{self, Scenario, Shock};
use crate::{Inputs, Plan, RunResult, SimError};
use cogov_engine::IntakeError;
use cogov_engine::risk::{self, ScoreName};
use cogov_model::{ErrorCode, Gco};
use knobs::Target;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Runs per work unit: the grain of sharding and of the statistics' fold.
pub const BLOCK: u32 = 64;

/// The slice format's name and version.
pub const SLICE_FORMAT: &str = "cogov-sweep-slice/1";

/// Per-run figures kept for every cell, in this order (all of the scenario's side).
pub const RUN_FIGURES: [(&str, Direction); 12] = [
    ("pass_rate", Direction::Maximize),
    ("turnout", Direction::Maximize),
    ("passed", Direction::Maximize),
    ("no_quorum", Direction::Minimize),
    ("rejected", Direction::Minimize),
    ("no_signers", Direction::Minimize),
    ("executed", Direction::Maximize),
    ("insolvent_share", Direction::Minimize),
    ("final_balance", Direction::Maximize),
    ("min_balance", Direction::Maximize),
    ("throughput_mean", Direction::Maximize),
    ("throughput_variance", Direction::Minimize),
];

/// Every objective a sweep computes: the per-run figures, continuity impact, then the six risk
/// scores of the cell's design (`risk/<score>`), with their natural directions.
pub fn objective_names() -> Vec<(String, Direction)> {
    let mut out: Vec<(String, Direction)> = RUN_FIGURES.iter().map(|(n, d)| ((*n).to_owned(), *d)).collect();
    out.push(("continuity_impact".to_owned(), Direction::Minimize));
    for s in ScoreName::ALL {
        let d = if s.higher_is_worse() { Direction::Minimize } else { Direction::Maximize };
        out.push((format!("risk/{}", s.as_str()), d));
    }
    // Appended, so the objectives above keep their indexes (and their bootstrap streams).
    out.push((COST_OF_CAPTURE.to_owned(), Direction::Maximize));
    out.push((CAPTURE_PROBABILITY.to_owned(), Direction::Minimize));
    out
}

/// Objective: the share of all weight an outsider must buy to take the cheapest power of the
/// cell's design (risk model 2's cost of capture, `bought`); 1 when no power can be taken by
/// acquiring weight.
pub const COST_OF_CAPTURE: &str = "cost_of_capture";

/// Objective: the share of runs in which the scenario's attack captures some power (of its
/// target, if named) at the cell's budget; needs an `attack` in the scenario.
pub const CAPTURE_PROBABILITY: &str = "capture_probability";

/// The cheapest power's cost share of a design (see [`COST_OF_CAPTURE`]).
pub fn cost_of_capture(gco: &Gco) -> f64 {
    let cx = risk::metrics::Context::new(gco);
    risk::capture::cost_of_capture(&cx)
        .powers
        .iter()
        .filter(|p| p.capturable)
        .map(|p| p.bought.clamp(0.0, 1.0))
        .fold(1.0, f64::min)
}

/// A knob, resolved against the design.
#[derive(Debug, Clone, PartialEq)]
pub struct Knob {
    /// Its name, as in the sweep file.
    pub name: String,
    /// What it sets.
    pub target: Target,
    /// Grid values (a grid), else empty.
    pub values: Vec<f64>,
    /// Bounds (sampled methods).
    pub bounds: (f64, f64),
}

/// A sweep checked against a design: its cells, ready to simulate.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// The design.
    pub gco: Gco,
    /// The sweep file with its scenario given inline.
    pub file: SweepFile,
    /// The scenario with the sweep's runs and seed.
    pub scenario: Scenario,
    /// The knobs.
    pub knobs: Vec<Knob>,
    /// Every cell's knob values, in knob order.
    pub cells: Vec<Vec<f64>>,
    /// Every cell's unit-cube coordinates (sampled methods), else empty.
    pub unit: Vec<Vec<f64>>,
    /// Every cell's value indexes (a grid), else empty.
    pub grid: Vec<Vec<usize>>,
    /// Chosen objectives: index into [`objective_names`], direction.
    pub objectives: Vec<(usize, Direction)>,
    /// Constraints: index into [`objective_names`], op, value.
    pub constraints: Vec<(usize, Op, f64)>,
    /// `sha256:` of the canonical design, sweep and slice format: slices of one sweep share it.
    pub fingerprint: String,
}

fn bad(code: ErrorCode, pointer: impl Into<String>, message: impl Into<String>) -> IntakeError {
    IntakeError::at_pointer(code, pointer, message)
}

fn round12(v: f64) -> f64 {
    // Grid values as written (0.1 + 2 × 0.05 prints 0.2, not 0.20000000000000004).
    let r = (v * 1e12).round() / 1e12;
    if r.is_finite() { r } else { v }
}

fn objective_index(name: &str, pointer: &str) -> Result<(usize, Direction), IntakeError> {
    let all = objective_names();
    if let Some(i) = all.iter().position(|(n, _)| n == name) {
        return Ok((i, all[i].1));
    }
    let closest = all.iter().map(|(n, _)| (knobs::levenshtein(n, name), n)).min().map(|(_, n)| n.clone());
    Err(bad(
        ErrorCode::SweepUnknownObjective,
        pointer,
        format!("unknown objective `{name}`; the closest is `{}`", closest.unwrap_or_default()),
    ))
}

fn needs_attack(name: &str, scenario: &Scenario, pointer: &str) -> Result<(), IntakeError> {
    if name == CAPTURE_PROBABILITY && scenario.attack.is_none() {
        return Err(bad(
            ErrorCode::SweepUnknownObjective,
            pointer,
            "`capture_probability` needs a scenario with an `attack` (docs/simulation.md)",
        ));
    }
    Ok(())
}

impl Sweep {
    /// Checks `file` against `gco`: knobs (`GOV-X041` with the closest valid knob), their values
    /// (`GOV-X042`), objectives and constraints (`GOV-X043`), the scenario (`GOV-X020`). The
    /// scenario must be inline (the caller reads a scenario file and inlines it).
    pub fn new(gco: Gco, mut file: SweepFile) -> Result<Sweep, IntakeError> {
        let mut scenario = match &file.scenario {
            ScenarioRef::Inline(s) => (**s).clone(),
            ScenarioRef::File(f) => {
                return Err(bad(ErrorCode::SweepInvalid, "/scenario/file", format!("scenario file `{f}` not read")));
            }
        };
        scenario::check(&scenario)?;
        if let Some(r) = file.runs {
            scenario.runs = r;
        }
        if let Some(s) = file.seed {
            scenario.seed = s;
        }
        file.runs = Some(scenario.runs);
        file.seed = Some(scenario.seed);
        if file.objectives.is_empty() {
            file.objectives = ["continuity_impact", "pass_rate"]
                .iter()
                .map(|o| file::ObjectiveSpec { objective: (*o).to_owned(), direction: None })
                .collect();
        }
        let sampled = file.sampling != Sampling::Grid;
        let mut knobs = Vec::new();
        for (i, k) in file.knobs.iter().enumerate() {
            let target = knobs::resolve(&gco, &k.knob, &format!("/knobs/{i}/knob"))?;
            if knobs.iter().any(|x: &Knob| x.name == k.knob) {
                return Err(bad(ErrorCode::SweepInvalid, format!("/knobs/{i}/knob"), format!("`{}` twice", k.knob)));
            }
            if target == Target::AttackBudget && scenario.attack.is_none() {
                return Err(bad(
                    ErrorCode::SweepKnobValue,
                    format!("/knobs/{i}/knob"),
                    "the scenario has no `attack` for this knob to set",
                ));
            }
            if target == Target::ParticipationContraction && !knobs::has_contraction(&scenario) {
                return Err(bad(
                    ErrorCode::SweepKnobValue,
                    format!("/knobs/{i}/knob"),
                    "the scenario has no participation contraction for this knob to set",
                ));
            }
            let (lo, hi) = target.domain();
            let mut values = Vec::new();
            let bounds = match (&k.values, &k.range) {
                (Some(_), Some(_)) | (None, None) => {
                    return Err(bad(ErrorCode::SweepKnobValue, format!("/knobs/{i}"), "give `values` or `range`"));
                }
                (Some(v), None) => {
                    if sampled {
                        return Err(bad(
                            ErrorCode::SweepKnobValue,
                            format!("/knobs/{i}/values"),
                            "sampling needs a `range` (from, to) for every knob",
                        ));
                    }
                    values.clone_from(v);
                    (
                        v.iter().copied().fold(f64::INFINITY, f64::min),
                        v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                    )
                }
                (None, Some(r)) => {
                    if !(r.from.is_finite() && r.to.is_finite() && r.from <= r.to) {
                        return Err(bad(
                            ErrorCode::SweepKnobValue,
                            format!("/knobs/{i}/range"),
                            "`from` and `to` must be finite with from <= to",
                        ));
                    }
                    if !sampled {
                        let Some(step) = r.step.filter(|s| *s > 0.0 && s.is_finite()) else {
                            return Err(bad(
                                ErrorCode::SweepKnobValue,
                                format!("/knobs/{i}/range/step"),
                                "a grid range needs a step above 0",
                            ));
                        };
                        let n = ((r.to - r.from) / step + 1e-9).floor() + 1.0;
                        if n > 10_000.0 {
                            return Err(bad(
                                ErrorCode::SweepKnobValue,
                                format!("/knobs/{i}/range"),
                                format!("{n} values: at most 10,000 per knob"),
                            ));
                        }
                        values = (0..n as usize).map(|j| round12(r.from + j as f64 * step)).collect();
                    } else if r.from == r.to {
                        return Err(bad(
                            ErrorCode::SweepKnobValue,
                            format!("/knobs/{i}/range"),
                            "a sampled knob needs from < to",
                        ));
                    }
                    (r.from, r.to)
                }
            };
            if target.integer() {
                values = values.iter().map(|v| v.round()).collect();
            }
            for (j, v) in values.iter().enumerate() {
                if !(v.is_finite() && *v >= lo && *v <= hi) {
                    return Err(bad(
                        ErrorCode::SweepKnobValue,
                        format!("/knobs/{i}/values/{j}"),
                        format!("{v} is outside [{lo}, {hi}] for `{}`", k.knob),
                    ));
                }
            }
            if bounds.0 < lo || bounds.1 > hi {
                return Err(bad(
                    ErrorCode::SweepKnobValue,
                    format!("/knobs/{i}/range"),
                    format!("[{}, {}] is outside [{lo}, {hi}] for `{}`", bounds.0, bounds.1, k.knob),
                ));
            }
            knobs.push(Knob { name: k.knob.clone(), target, values, bounds });
        }
        let mut objectives = Vec::new();
        for (i, o) in file.objectives.iter().enumerate() {
            let pointer = format!("/objectives/{i}/objective");
            let (idx, natural) = objective_index(&o.objective, &pointer)?;
            needs_attack(&o.objective, &scenario, &pointer)?;
            objectives.push((idx, o.direction.unwrap_or(natural)));
        }
        let mut constraints = Vec::new();
        for (i, c) in file.constraints.iter().enumerate() {
            let pointer = format!("/constraints/{i}/objective");
            let (idx, _) = objective_index(&c.objective, &pointer)?;
            needs_attack(&c.objective, &scenario, &pointer)?;
            constraints.push((idx, c.op, c.value));
        }
        let dims = knobs.len();
        let seed = scenario.seed;
        let (cells, unit, grid) = if sampled {
            let unit = sample::unit_points(file.sampling, dims, seed);
            let cells = unit
                .iter()
                .map(|u| {
                    u.iter()
                        .zip(&knobs)
                        .map(|(x, k)| {
                            let v = k.bounds.0 + x * (k.bounds.1 - k.bounds.0);
                            if k.target.integer() { v.round() } else { v }
                        })
                        .collect()
                })
                .collect();
            (cells, unit, Vec::new())
        } else {
            let sizes: Vec<usize> = knobs.iter().map(|k| k.values.len()).collect();
            let total = sizes.iter().try_fold(1usize, |a, s| a.checked_mul(*s)).unwrap_or(usize::MAX);
            if total > 1_000_000 {
                return Err(bad(ErrorCode::SweepKnobValue, "/knobs", format!("{total} cells: at most 1,000,000")));
            }
            let grid = sample::grid(&sizes);
            let cells = grid.iter().map(|g| g.iter().zip(&knobs).map(|(&j, k)| k.values[j]).collect()).collect();
            (cells, Vec::new(), grid)
        };
        file.scenario = ScenarioRef::Inline(Box::new(scenario.clone()));
        let fingerprint = cogov_model::fingerprint_value(&json!({
            "format": SLICE_FORMAT,
            "design": gco.to_value(),
            "sweep": serde_json::to_value(&file).unwrap_or_default(),
        }));
        Ok(Sweep { gco, file, scenario, knobs, cells, unit, grid, objectives, constraints, fingerprint })
    }

    /// Blocks of [`BLOCK`] runs per cell.
    pub fn blocks(&self) -> usize {
        self.scenario.runs.div_ceil(BLOCK) as usize
    }

    /// Work units: cells × blocks.
    pub fn units(&self) -> usize {
        self.cells.len() * self.blocks()
    }

    /// The units of shard `i` of `n` (`GOV-X045` unless `0 <= i < n`): a contiguous range.
    pub fn shard(&self, i: usize, n: usize) -> Result<std::ops::Range<usize>, IntakeError> {
        if n == 0 || i >= n {
            return Err(IntakeError::whole(
                ErrorCode::SweepShardOutOfRange,
                format!("shard {i}/{n}: the index must be at least 0 and below the count (at least 1)"),
            ));
        }
        let u = self.units();
        Ok(u * i / n..u * (i + 1) / n)
    }

    /// Member visits the sweep makes, estimated from the design's rates (each run of the scenario
    /// and of its baseline visits every member for every proposal): the bound's unit.
    pub fn member_visits(&self) -> f64 {
        let inputs = Inputs::from_gco(&self.gco).ok();
        let (members, rate) =
            inputs.map_or((0.0, 0.0), |i| (i.members.len() as f64, i.types.iter().map(|t| t.rate).sum::<f64>()));
        self.cells.len() as f64 * 2.0 * f64::from(self.scenario.runs) * f64::from(self.scenario.steps) * rate * members
    }

    /// The cell's knobs, as (target, value).
    fn cell_knobs(&self, c: usize) -> Vec<(Target, f64)> {
        self.knobs.iter().zip(&self.cells[c]).map(|(k, &v)| (k.target.clone(), v)).collect()
    }

    /// The design of cell `c` (its design knobs applied).
    pub fn cell_design(&self, c: usize) -> Gco {
        let mut g = self.gco.clone();
        knobs::apply_design(&mut g, &self.cell_knobs(c));
        g
    }

    fn cell_model(&self, c: usize) -> Result<CellModel, IntakeError> {
        let k = self.cell_knobs(c);
        let design = self.cell_design(c);
        let mut inputs = Inputs::from_gco(&design)?;
        knobs::apply_inputs(&mut inputs, &k);
        let shocks = knobs::shocks(&self.scenario, &inputs, &k);
        let attack = knobs::attack(&self.scenario, &k);
        Ok(CellModel { design, inputs, shocks, attack })
    }

    /// The values of cell `c`'s knobs that `keep` selects, as bits: two cells with the same key
    /// simulate the same.
    fn key(&self, c: usize, keep: impl Fn(&Target) -> bool) -> Vec<u64> {
        self.knobs.iter().zip(&self.cells[c]).filter(|(k, _)| keep(&k.target)).map(|(_, v)| v.to_bits()).collect()
    }

    /// Simulates the units `range` on the current rayon pool; `progress` gets runs finished
    /// (scenario and baseline each count), `cancel` stops between runs.
    ///
    /// Runs are shared where the model says they are the same: cells that differ only in knobs
    /// the runs do not read (a voting delay without an attack) copy one cell's unit results, and
    /// cells with the same inputs (a participation contraction swept) share their baseline
    /// runs. Common random numbers make the copies the very bits a separate computation gives.
    pub fn compute(
        &self,
        range: std::ops::Range<usize>,
        cancel: &AtomicBool,
        progress: &(dyn Fn(usize) + Sync),
    ) -> Result<Vec<UnitResult>, SimError> {
        let blocks = self.blocks();
        let attack = self.scenario.attack.is_some();
        let done = AtomicUsize::new(0);
        let mut out: Vec<UnitResult> = Vec::with_capacity(range.len());
        // (runs key, block) → index in `out` of the unit computed for it.
        let mut computed: HashMap<(Vec<u64>, usize), usize> = HashMap::new();
        // (inputs key, watched step, block) → the baseline's (proposals, passed) after the watch, per run.
        let mut bases: HashMap<(Vec<u64>, u32, usize), Vec<(u32, u32)>> = HashMap::new();
        let cancelled = |done: &AtomicUsize| SimError::Cancelled {
            done: done.load(Ordering::Relaxed),
            total: 2 * range.len() * BLOCK as usize,
        };
        // Cells a few at a time: their inputs are built once and shared by their blocks,
        // and memory stays bounded whatever the number of cells.
        let first_cell = range.start / blocks.max(1);
        let last_cell = range.end.div_ceil(blocks.max(1));
        let chunk = 2 * rayon::current_num_threads().max(1);
        let mut c0 = first_cell;
        while c0 < last_cell {
            // Enough cells for `chunk` cells to compute: copies cost nothing.
            let mut new_keys: Vec<(Vec<u64>, usize)> = Vec::new();
            let mut plan: Vec<(usize, usize, Option<usize>)> = Vec::new(); // (unit, cell, representative in `new_keys`)
            let mut reps: Vec<usize> = Vec::new();
            let mut c1 = c0;
            while c1 < last_cell && reps.len() < chunk {
                let key = self.key(c1, |t| t.moves_runs(attack));
                let mut fresh = false;
                for u in (c1 * blocks..(c1 + 1) * blocks).filter(|u| range.contains(u)) {
                    let k = (key.clone(), u % blocks);
                    if computed.contains_key(&k) {
                        plan.push((u, c1, None));
                    } else if let Some(i) = new_keys.iter().position(|x| *x == k) {
                        plan.push((u, c1, Some(i)));
                    } else {
                        new_keys.push(k);
                        plan.push((u, c1, Some(new_keys.len() - 1)));
                        fresh = true;
                    }
                }
                if fresh {
                    reps.push(c1);
                }
                c1 += 1;
            }
            let models: Vec<(usize, CellModel)> = reps
                .par_iter()
                .map(|&c| self.cell_model(c).map(|m| (c, m)))
                .collect::<Result<_, _>>()
                .map_err(|e| SimError::Plan(crate::PlanError(e.to_string())))?;
            // Every unit to compute is of a cell in `reps`, which has its model.
            let model_of = |c: usize| {
                models
                    .iter()
                    .find(|(m, _)| *m == c)
                    .map(|(_, m)| m)
                    .ok_or_else(|| SimError::Plan(crate::PlanError(format!("cell {c} has no model"))))
            };
            // The units to compute: the first unit of each new key.
            let todo: Vec<(usize, usize, usize)> = new_keys
                .iter()
                .enumerate()
                .filter_map(|(i, _)| plan.iter().find(|p| p.2 == Some(i)).map(|&(u, c, _)| (i, u, c)))
                .collect();
            // Baselines not yet run, each once.
            let mut need: Vec<((Vec<u64>, u32, usize), usize)> = Vec::new();
            for &(_, u, c) in &todo {
                let model = model_of(c)?;
                let k = (self.key(c, Target::moves_inputs), self.watch(model), u % blocks);
                if !bases.contains_key(&k) && !need.iter().any(|(x, _)| *x == k) {
                    need.push((k, c));
                }
            }
            let runs: Vec<Option<Vec<(u32, u32)>>> = need
                .par_iter()
                .map(|((_, watch, b), c)| self.baseline(model_of(*c)?, *watch, *b, cancel))
                .collect::<Result<_, _>>()?;
            for ((k, _), r) in need.into_iter().zip(runs) {
                bases.insert(k, r.ok_or_else(|| cancelled(&done))?);
            }
            let res: Vec<Option<UnitResult>> = todo
                .par_iter()
                .map(|&(_, u, c)| {
                    let model = model_of(c)?;
                    let watch = self.watch(model);
                    let base = &bases[&(self.key(c, Target::moves_inputs), watch, u % blocks)];
                    self.unit(u, u % blocks, model, watch, base, cancel, &done, progress)
                })
                .collect::<Result<_, _>>()?;
            if res.iter().any(Option::is_none) {
                return Err(cancelled(&done));
            }
            let fresh: Vec<UnitResult> = res.into_iter().flatten().collect();
            for &(u, c, rep) in &plan {
                let from = match rep {
                    Some(i) => &fresh[i],
                    None => &out[computed[&(self.key(c, |t| t.moves_runs(attack)), u % blocks)]],
                };
                let copy = UnitResult { unit: u, ..from.clone() };
                if rep.is_some_and(|i| fresh[i].unit == u) {
                    computed.insert(new_keys[rep.unwrap_or_default()].clone(), out.len());
                } else {
                    let runs = self.block_runs(u % blocks);
                    progress(done.fetch_add(2 * runs, Ordering::Relaxed) + 2 * runs);
                }
                out.push(copy);
            }
            c0 = c1;
        }
        Ok(out)
    }

    /// Runs in block `b`.
    fn block_runs(&self, b: usize) -> usize {
        let from = b as u64 * u64::from(BLOCK);
        (u64::from(self.scenario.runs).saturating_sub(from)).min(u64::from(BLOCK)) as usize
    }

    /// The first step a cell's shocks act at (continuity impact counts from it).
    fn watch(&self, model: &CellModel) -> u32 {
        let sc = &self.scenario;
        model.shocks.iter().filter_map(|s| s.first_step(sc.steps)).min().unwrap_or(sc.steps)
    }

    /// Block `b`'s baseline runs of a cell (no shocks): proposals and passed after `watch`,
    /// per run; `None` when cancelled.
    fn baseline(
        &self,
        model: &CellModel,
        watch: u32,
        b: usize,
        cancel: &AtomicBool,
    ) -> Result<Option<Vec<(u32, u32)>>, SimError> {
        let sc = &self.scenario;
        let base = Plan::new(&model.inputs, &[], sc.steps, sc.support, watch)?;
        let from = b as u64 * u64::from(BLOCK);
        let to = (from + u64::from(BLOCK)).min(u64::from(sc.runs));
        let mut out = Vec::with_capacity((to - from) as usize);
        for r in from..to {
            if cancel.load(Ordering::Relaxed) {
                return Ok(None);
            }
            out.push(base.run(sc.seed, r).after_watch);
        }
        Ok(Some(out))
    }

    #[allow(clippy::too_many_arguments)]
    fn unit(
        &self,
        u: usize,
        b: usize,
        model: &CellModel,
        watch: u32,
        base: &[(u32, u32)],
        cancel: &AtomicBool,
        done: &AtomicUsize,
        progress: &(dyn Fn(usize) + Sync),
    ) -> Result<Option<UnitResult>, SimError> {
        let (inputs, shocks) = (&model.inputs, &model.shocks[..]);
        let sc = &self.scenario;
        let plan = Plan::new(inputs, shocks, sc.steps, sc.support, watch)?;
        let b0 = inputs.treasury.initial;
        let from = b as u64 * u64::from(BLOCK);
        let to = (from + u64::from(BLOCK)).min(u64::from(sc.runs));
        let mut acc = vec![Acc::default(); RUN_FIGURES.len() + 1];
        // The attack's runs draw from their own streams: the reference figures do not move. It
        // meets the cell's shocks (a swept contraction included), already resolved from presets.
        if model.attack.is_some() {
            let attacked = Scenario {
                attack: model.attack.clone(),
                presets: Vec::new(),
                shocks: model.shocks.clone(),
                ..sc.clone()
            };
            let runs = crate::attack::captures(&model.design, inputs, &attacked, from..to)
                .map_err(|e| SimError::Plan(crate::PlanError(e.to_string())))?;
            for x in runs {
                acc[RUN_FIGURES.len()].push(x);
            }
        }
        let mut ints = [0u64; 14];
        for (r, o) in (from..to).zip(base) {
            if cancel.load(Ordering::Relaxed) {
                return Ok(None);
            }
            // Common random numbers: run r of every cell draws from the stream of (seed, r).
            let s = plan.run(sc.seed, r);
            for (a, v) in acc.iter_mut().zip(run_figures(&s, b0)) {
                a.push(v);
            }
            let v = [s.after_watch.1, s.after_watch.0, o.1, o.0].map(u64::from);
            for (k, x) in v.iter().enumerate() {
                ints[k] += x;
            }
            let mut k = 4;
            for i in 0..4 {
                for j in i..4 {
                    ints[k] += v[i] * v[j];
                    k += 1;
                }
            }
            progress(done.fetch_add(2, Ordering::Relaxed) + 2);
        }
        Ok(Some(UnitResult { unit: u, figures: acc.iter().map(Acc::bits).collect(), pooled: ints }))
    }

    /// Every unit's results (all of them, in unit order) to the output files.
    pub fn outputs(&self, results: &[UnitResult]) -> Result<Vec<(String, Vec<u8>)>, IntakeError> {
        check_complete(results, self.units())?;
        let stats = self.cell_stats(results);
        analysis::files(self, &stats)
    }

    /// Every cell's objectives, (mean, standard error) in [`objective_names`] order.
    pub fn cell_stats(&self, results: &[UnitResult]) -> Vec<Vec<(f64, f64)>> {
        let blocks = self.blocks();
        // The design's figures (risk scores, cost of capture) once per design: cells that
        // differ only in assumption knobs share their design.
        let design_key = |c: usize| self.key(c, Target::is_design);
        let mut designs: Vec<usize> = Vec::new();
        let mut design_of: HashMap<Vec<u64>, usize> = HashMap::new();
        for c in 0..self.cells.len() {
            design_of.entry(design_key(c)).or_insert_with(|| {
                designs.push(c);
                designs.len() - 1
            });
        }
        let figures: Vec<Vec<f64>> = designs
            .par_iter()
            .map(|&c| {
                let design = self.cell_design(c);
                let scores = risk::score(&design, None);
                let mut row: Vec<f64> =
                    ScoreName::ALL.iter().map(|s| scores.get(*s).map_or(f64::NAN, |x| x.value)).collect();
                row.push(cost_of_capture(&design));
                row
            })
            .collect();
        (0..self.cells.len())
            .into_par_iter()
            .map(|c| {
                let mut acc = vec![Acc::default(); RUN_FIGURES.len() + 1];
                let mut ints = [0u64; 14];
                for u in &results[c * blocks..(c + 1) * blocks] {
                    for (a, bits) in acc.iter_mut().zip(&u.figures) {
                        *a = a.merge(&Acc::from_bits(bits));
                    }
                    for (x, y) in ints.iter_mut().zip(&u.pooled) {
                        *x += y;
                    }
                }
                let mut row: Vec<(f64, f64)> = acc[..RUN_FIGURES.len()].iter().map(Acc::mean_se).collect();
                row.push(continuity(&ints, self.scenario.runs));
                let d = design_of.get(&design_key(c)).copied().unwrap_or_default();
                row.extend(figures[d].iter().map(|&v| (v, 0.0)));
                row.push(acc[RUN_FIGURES.len()].mean_se());
                row
            })
            .collect()
    }
}

fn run_figures(r: &RunResult, b0: f64) -> [f64; 12] {
    [
        r.pass_rate().unwrap_or(f64::NAN),
        r.turnout.unwrap_or(f64::NAN),
        f64::from(r.total.passed),
        f64::from(r.total.no_quorum),
        f64::from(r.total.rejected),
        f64::from(r.total.no_signers),
        f64::from(r.total.executed),
        if r.total.insolvent > 0 { 1.0 } else { 0.0 },
        r.final_balance(b0),
        r.min_balance(b0),
        r.throughput_mean(),
        r.throughput_variance(),
    ]
}

/// Continuity impact `1 - (Ps/Ns)/(Pb/Nb)` pooled over the `n` runs, as the simulator's report
/// gives it, with a delta-method standard error over the paired runs (scenario and baseline run
/// `r` share their stream, so they are not independent). Sums: Ps, Ns, Pb, Nb, then the
/// products of each pair (i <= j) in that order.
fn continuity(s: &[u64; 14], n: u32) -> (f64, f64) {
    let (ps, ns, pb, nb) = (s[0] as f64, s[1] as f64, s[2] as f64, s[3] as f64);
    if ns == 0.0 || nb == 0.0 || pb == 0.0 {
        return (f64::NAN, f64::NAN);
    }
    let (rs, rb) = (ps / ns, pb / nb);
    let value = 1.0 - rs / rb;
    // Run r's influence is n · (c · (ps_r, ns_r, pb_r, nb_r)); its mean is 0, so
    // SE² = Σ z_r² / (n (n - 1)) = n / (n - 1) · Σ (c · v_r)², a quadratic form in the sums.
    let c = [-1.0 / (rb * ns), rs / (rb * ns), rs / (rb * rb * nb), -rs / (rb * nb)];
    let mut sq = 0.0;
    let mut k = 4;
    for i in 0..4 {
        for j in i..4 {
            let w = if i == j { 1.0 } else { 2.0 };
            sq += w * c[i] * c[j] * s[k] as f64;
            k += 1;
        }
    }
    let n = f64::from(n);
    let se = if n > 1.0 { (n / (n - 1.0) * sq.max(0.0)).sqrt() } else { f64::NAN };
    (value, se)
}

/// A running mean and sum of squared deviations (Welford), folded with Chan's formula.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Acc {
    n: u64,
    mean: f64,
    m2: f64,
}

impl Acc {
    fn push(&mut self, x: f64) {
        if x.is_nan() {
            return;
        }
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }

    fn merge(&self, o: &Acc) -> Acc {
        if self.n == 0 {
            return *o;
        }
        if o.n == 0 {
            return *self;
        }
        let n = self.n + o.n;
        let d = o.mean - self.mean;
        Acc {
            n,
            mean: self.mean + d * o.n as f64 / n as f64,
            m2: self.m2 + o.m2 + d * d * (self.n as f64 * o.n as f64 / n as f64),
        }
    }

    fn mean_se(&self) -> (f64, f64) {
        match self.n {
            0 => (f64::NAN, f64::NAN),
            1 => (self.mean, f64::NAN),
            n => (self.mean, (self.m2 / (n - 1) as f64).sqrt() / (n as f64).sqrt()),
        }
    }

    fn bits(&self) -> [u64; 3] {
        [self.n, self.mean.to_bits(), self.m2.to_bits()]
    }

    fn from_bits(b: &[u64; 3]) -> Acc {
        Acc { n: b[0], mean: f64::from_bits(b[1]), m2: f64::from_bits(b[2]) }
    }
}

/// A cell's design and model, built once and shared by its blocks.
struct CellModel {
    design: Gco,
    inputs: Inputs,
    shocks: Vec<Shock>,
    attack: Option<scenario::Attack>,
}

/// What one unit (a cell's block of runs) leaves: exact bits, so that a slice written on one
/// machine and read on another folds to the same bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitResult {
    /// The unit: cell × blocks + block.
    pub unit: usize,
    /// Per run figure: count, mean bits, sum of squared deviations bits.
    pub figures: Vec<[u64; 3]>,
    /// Pooled continuity counts and their pairwise products (exact integers).
    pub pooled: [u64; 14],
}

/// A shard's partial result: the sweep (design and file), which units, and their results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slice {
    /// [`SLICE_FORMAT`].
    pub format: String,
    /// The sweep's fingerprint.
    pub fingerprint: String,
    /// Shard index and count.
    pub shard: [usize; 2],
    /// The units computed, `[from, to)`.
    pub units: [usize; 2],
    /// All units of the sweep.
    pub total_units: usize,
    /// The design.
    pub design: Value,
    /// The sweep file, scenario inline.
    pub sweep: SweepFile,
    /// The units' results, in unit order.
    pub results: Vec<UnitResult>,
}

fn check_complete(results: &[UnitResult], total: usize) -> Result<(), IntakeError> {
    if results.len() != total || results.iter().enumerate().any(|(i, u)| u.unit != i) {
        let have = results.len();
        return Err(IntakeError::whole(
            ErrorCode::SweepSliceIncomplete,
            format!("{have} unit results for {total} units: some are missing or repeated"),
        ));
    }
    Ok(())
}

/// Reads a slice (`GOV-X048` when it cannot be read).
pub fn slice_from_bytes(bytes: &[u8]) -> Result<Slice, IntakeError> {
    let value = cogov_engine::intake::parse_json(bytes)?;
    let slice: Slice =
        serde_json::from_value(value).map_err(|e| IntakeError::whole(ErrorCode::SweepSliceInvalid, e.to_string()))?;
    if slice.format != SLICE_FORMAT {
        return Err(IntakeError::at_pointer(
            ErrorCode::SweepSliceInvalid,
            "/format",
            format!("`{}` is not {SLICE_FORMAT}", slice.format),
        ));
    }
    Ok(slice)
}

/// Combines slices into the sweep and all its unit results. Refuses slices of different sweeps
/// (`GOV-X046`), slices whose design and sweep do not give their fingerprint (`GOV-X048`), and
/// slices that leave units out or repeat them (`GOV-X047`).
pub fn merge(mut slices: Vec<Slice>) -> Result<(Sweep, Vec<UnitResult>), IntakeError> {
    let Some(first) = slices.first() else {
        return Err(IntakeError::whole(ErrorCode::SweepSliceIncomplete, "no slices to merge"));
    };
    let fp = first.fingerprint.clone();
    if let Some((i, s)) = slices.iter().enumerate().find(|(_, s)| s.fingerprint != fp) {
        return Err(IntakeError::whole(
            ErrorCode::SweepSliceMismatch,
            format!("slice {} is of sweep {}, the first of {fp}", i + 1, s.fingerprint),
        ));
    }
    slices.sort_by_key(|s| s.units[0]);
    let first = &slices[0];
    let gco = cogov_engine::intake::from_value(first.design.clone()).into_gco()?;
    let sweep = Sweep::new(gco, first.sweep.clone())?;
    if sweep.fingerprint != fp {
        return Err(IntakeError::whole(
            ErrorCode::SweepSliceInvalid,
            "the slice's design and sweep do not give its fingerprint",
        ));
    }
    let results: Vec<UnitResult> = slices.into_iter().flat_map(|s| s.results).collect();
    check_complete(&results, sweep.units())?;
    Ok((sweep, results))
}

impl Sweep {
    /// The slice of shard `shard = (i, n)` with its results.
    pub fn slice(&self, shard: (usize, usize), results: Vec<UnitResult>) -> Slice {
        let range = self.shard(shard.0, shard.1).unwrap_or(0..0);
        Slice {
            format: SLICE_FORMAT.to_owned(),
            fingerprint: self.fingerprint.clone(),
            shard: [shard.0, shard.1],
            units: [range.start, range.end],
            total_units: self.units(),
            design: self.gco.to_value(),
            sweep: self.file.clone(),
            results,
        }
    }
}

/// Runs `f` on a pool of `threads` threads (0: rayon's global pool).
pub fn with_threads<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> Result<T, SimError> {
    if threads == 0 {
        return Ok(f());
    }
    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| SimError::Threads(e.to_string()))?;
    Ok(pool.install(f))
}

/// Threads of the current pool.
pub fn current_threads() -> usize {
    rayon::current_num_threads()
}

/// The output files as one JSON value, as the store keeps a sweep and the studio draws it: each
/// `.json` file parsed under its stem (`cells`, `pareto`, `sensitivity`, `recommendation`,
/// `proposed`), and the text files as strings (`recommendation_md`, `proposed_diff`). The CSV
/// is left out: it is `cells` again.
pub fn results_value(files: &[(String, Vec<u8>)]) -> Value {
    let mut out = serde_json::Map::new();
    for (name, bytes) in files {
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name.as_str(), ""));
        let value = match ext {
            "json" => serde_json::from_slice(bytes).unwrap_or(Value::Null),
            "md" | "diff" => Value::String(String::from_utf8_lossy(bytes).into_owned()),
            _ => continue,
        };
        let key = if ext == "json" { stem.to_owned() } else { format!("{stem}_{ext}") };
        out.insert(key, value);
    }
    Value::Object(out)
}
