//! From per-cell objectives to the output files: the table (`cells.csv`, `cells.json`), the
//! Pareto front, sensitivities (Morris elementary effects, Sobol indices, with bootstrap
//! confidence intervals), the recommendation and the proposed design.

use super::results::{
    CellObjective, CellRow, CellsFile, MorrisEntry, Named, ObjectiveDir, ParetoFile, Recommendation, Sensitivity,
    SensitivityEntry, SensitivityMethod, SobolEntry,
};
use super::sample::{SAMPLING_SALT, morris_delta};
use super::{Direction, Sampling, Sweep, knobs, objective_names};
use crate::rng::{run_stream, uniform};
use cogov_engine::validate::validate;
use cogov_engine::{IntakeError, diff};
use cogov_model::{Finding, Severity};
use rayon::prelude::*;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Bootstrap resamples behind every confidence interval.
pub const RESAMPLES: usize = 1000;
/// The normal quantile of a 95% two-sided interval (SALib's convention: conf = z · sd).
const Z95: f64 = 1.959_963_984_540_054;

fn num(v: f64) -> Value {
    // JSON has no NaN: an objective a cell cannot measure is null.
    serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
}

fn pretty(v: &impl serde::Serialize) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

fn fmt(v: f64) -> String {
    if v.is_nan() { String::new() } else { format!("{v}") }
}

fn dir_str(d: Direction) -> &'static str {
    match d {
        Direction::Minimize => "minimize",
        Direction::Maximize => "maximize",
    }
}

/// Whether cell means `row` meet every constraint of the sweep.
pub fn feasible(sweep: &Sweep, row: &[(f64, f64)]) -> bool {
    sweep.constraints.iter().all(|&(i, op, v)| op.holds(row[i].0, v))
}

/// `a` dominates `b` on the chosen objectives (no worse on all, better on one).
fn dominates(sweep: &Sweep, a: &[(f64, f64)], b: &[(f64, f64)]) -> bool {
    let mut better = false;
    for &(i, d) in &sweep.objectives {
        let (x, y) = (a[i].0, b[i].0);
        let (x, y) = if d == Direction::Minimize { (-x, -y) } else { (x, y) };
        if x < y {
            return false;
        }
        better |= x > y;
    }
    better
}

/// Cells on the Pareto front of the chosen objectives (cells with an unmeasured objective are
/// left out), in cell order.
pub fn pareto(sweep: &Sweep, stats: &[Vec<(f64, f64)>]) -> Vec<usize> {
    let ok: Vec<usize> =
        (0..stats.len()).filter(|&c| sweep.objectives.iter().all(|&(i, _)| !stats[c][i].0.is_nan())).collect();
    ok.iter().copied().filter(|&c| !ok.iter().any(|&o| o != c && dominates(sweep, &stats[o], &stats[c]))).collect()
}

/// Cells grouped by their design values (one group per design setting, in order of its first
/// cell): the cells of a group differ only in assumption knobs (participation, the attacker's
/// budget). Only a grid shows every setting under every assumption value: in a sampled sweep
/// (where Saltelli's scheme repeats some design values under a second assumption value, and not
/// others) every cell is its own setting, as it is without assumption knobs.
pub fn settings(sweep: &Sweep) -> Vec<Vec<usize>> {
    if sweep.file.sampling != Sampling::Grid {
        return (0..sweep.cells.len()).map(|c| vec![c]).collect();
    }
    let design: Vec<usize> = (0..sweep.knobs.len()).filter(|&k| sweep.knobs[k].target.is_design()).collect();
    let mut index: HashMap<Vec<u64>, usize> = HashMap::new();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (c, values) in sweep.cells.iter().enumerate() {
        let key: Vec<u64> = design.iter().map(|&k| values[k].to_bits()).collect();
        let g = *index.entry(key).or_insert_with(|| {
            out.push(Vec::new());
            out.len() - 1
        });
        out[g].push(c);
    }
    out
}

/// `x` against `y` on objective `d`, better first; NaN (unmeasured) last whatever the direction.
fn better_first(d: Direction, x: f64, y: f64) -> std::cmp::Ordering {
    match (x.is_nan(), y.is_nan()) {
        (true, false) => std::cmp::Ordering::Greater,
        (false, true) => std::cmp::Ordering::Less,
        _ if d == Direction::Minimize => x.total_cmp(&y),
        _ => y.total_cmp(&x),
    }
}

/// A setting's worst case on each chosen objective, over its cells (NaN if a cell cannot
/// measure it).
fn worst_case(sweep: &Sweep, stats: &[Vec<(f64, f64)>], cells: &[usize]) -> Vec<f64> {
    sweep
        .objectives
        .iter()
        .map(|&(i, d)| {
            cells.iter().map(|&c| stats[c][i].0).fold(None, |w: Option<f64>, x| match w {
                Some(w) if w.is_nan() || better_first(d, x, w).is_le() => Some(w),
                _ => Some(x),
            })
        })
        .map(|w| w.unwrap_or(f64::NAN))
        .collect()
}

/// The design settings whose every cell meets every constraint (so that the setting holds under
/// every swept assumption), ranked by their worst case on the objectives in priority order, then
/// by the fewest knobs changed from the design (a knob no objective reads keeps its value), then
/// by first cell. Each setting's cells are listed worst first on the first objective (ties to the
/// lower cell): its first cell is the setting's worst case.
pub fn ranked(sweep: &Sweep, stats: &[Vec<(f64, f64)>]) -> Vec<Vec<usize>> {
    let changed = |c: usize| {
        sweep
            .knobs
            .iter()
            .zip(&sweep.cells[c])
            .filter(|(k, v)| k.target.is_design() && knobs::current(&sweep.gco, &k.target) != Some(**v))
            .count()
    };
    let mut ok: Vec<(Vec<f64>, usize, Vec<usize>)> = settings(sweep)
        .into_iter()
        .filter(|cells| cells.iter().all(|&c| feasible(sweep, &stats[c])))
        .map(|mut cells| {
            if let Some(&(i, d)) = sweep.objectives.first() {
                cells.sort_by(|&a, &b| better_first(d, stats[b][i].0, stats[a][i].0).then(a.cmp(&b)));
            }
            (worst_case(sweep, stats, &cells), changed(cells[0]), cells)
        })
        .collect();
    ok.sort_by(|(wa, na, ca), (wb, nb, cb)| {
        sweep
            .objectives
            .iter()
            .zip(wa.iter().zip(wb))
            .map(|(&(_, d), (&x, &y))| better_first(d, x, y))
            .find(|o| o.is_ne())
            .unwrap_or_else(|| na.cmp(nb).then_with(|| ca.iter().min().cmp(&cb.iter().min())))
    });
    ok.into_iter().map(|(_, _, cells)| cells).collect()
}

fn mean_sd(x: &[f64]) -> (f64, f64) {
    let n = x.len();
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    let m = x.iter().sum::<f64>() / n as f64;
    let sd = if n > 1 { (x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt() } else { f64::NAN };
    (m, sd)
}

/// A bootstrap half-width (z · sd of the statistic over resamples of `n` items) from a seeded
/// stream: the same on every machine.
fn bootstrap(n: usize, seed: u64, stream: u64, stat: impl Fn(&[usize]) -> f64) -> f64 {
    if n < 2 {
        return f64::NAN;
    }
    let mut rng = run_stream(seed ^ SAMPLING_SALT, stream);
    let mut idx = vec![0usize; n];
    let vals: Vec<f64> = (0..RESAMPLES)
        .map(|_| {
            for i in &mut idx {
                *i = ((uniform(&mut rng) * n as f64) as usize).min(n - 1);
            }
            stat(&idx)
        })
        .filter(|v| !v.is_nan())
        .collect();
    Z95 * mean_sd(&vals).1
}

/// Morris measures of one knob from its elementary effects.
fn morris_entry(ee: &[f64], seed: u64, stream: u64) -> MorrisEntry {
    let abs: Vec<f64> = ee.iter().map(|e| e.abs()).collect();
    let (mu, sigma) = mean_sd(ee);
    let (mu_star, _) = mean_sd(&abs);
    let mu_star_conf =
        bootstrap(abs.len(), seed, stream, |idx| idx.iter().map(|&i| abs[i]).sum::<f64>() / idx.len() as f64);
    MorrisEntry { effects: ee.len(), mu, mu_star, mu_star_conf, sigma }
}

/// Elementary effects per knob for objective `o`: along Morris trajectories, or between
/// neighbouring cells of a grid; in units of the knob's range.
fn elementary_effects(sweep: &Sweep, y: &[f64]) -> Vec<Vec<f64>> {
    let d = sweep.knobs.len();
    let mut ee = vec![Vec::new(); d];
    match sweep.file.sampling {
        Sampling::Morris { levels, .. } => {
            let delta = morris_delta(levels as usize);
            for (t, traj) in sweep.unit.chunks(d + 1).enumerate() {
                for s in 0..d {
                    let (a, b) = (&traj[s], &traj[s + 1]);
                    let Some(k) = (0..d).find(|&k| (b[k] - a[k]).abs() > 1e-12) else { continue };
                    let (ya, yb) = (y[t * (d + 1) + s], y[t * (d + 1) + s + 1]);
                    let e = if b[k] > a[k] { (yb - ya) / delta } else { (ya - yb) / delta };
                    if !e.is_nan() {
                        ee[k].push(e);
                    }
                }
            }
        }
        Sampling::Grid => {
            let sizes: Vec<usize> = sweep.knobs.iter().map(|k| k.values.len()).collect();
            let strides: Vec<usize> = (0..d).map(|k| sizes[k + 1..].iter().product()).collect();
            for (c, idx) in sweep.grid.iter().enumerate() {
                for k in 0..d {
                    if sizes[k] > 1 && idx[k] + 1 < sizes[k] {
                        let step = 1.0 / (sizes[k] - 1) as f64;
                        let e = (y[c + strides[k]] - y[c]) / step;
                        if !e.is_nan() {
                            ee[k].push(e);
                        }
                    }
                }
            }
        }
        _ => {}
    }
    ee
}

/// Sobol first-order (Saltelli 2010) and total-order (Jansen) indices from Saltelli's scheme,
/// as SALib computes them, with bootstrap half-widths over the base samples.
fn sobol(y: &[f64], d: usize, seed: u64, stream: u64) -> Vec<SobolEntry> {
    let n = y.len() / (d + 2);
    let a = |j: usize| y[j * (d + 2)];
    let b = |j: usize| y[j * (d + 2) + d + 1];
    let ab = |j: usize, i: usize| y[j * (d + 2) + 1 + i];
    let var = |idx: &[usize]| {
        let vals: Vec<f64> = idx.iter().flat_map(|&j| [a(j), b(j)]).collect();
        let m = vals.iter().sum::<f64>() / vals.len() as f64;
        vals.iter().map(|v| (v - m).powi(2)).sum::<f64>() / vals.len() as f64
    };
    let s1 = |idx: &[usize], i: usize| {
        idx.iter().map(|&j| b(j) * (ab(j, i) - a(j))).sum::<f64>() / idx.len() as f64 / var(idx)
    };
    let st = |idx: &[usize], i: usize| {
        0.5 * idx.iter().map(|&j| (a(j) - ab(j, i)).powi(2)).sum::<f64>() / idx.len() as f64 / var(idx)
    };
    let all: Vec<usize> = (0..n).collect();
    if y.iter().any(|v| v.is_nan()) || var(&all) == 0.0 {
        return vec![SobolEntry::UNDEFINED; d];
    }
    (0..d)
        .map(|i| {
            let stream = stream * 64 + i as u64 * 2;
            SobolEntry {
                s1: s1(&all, i),
                s1_conf: bootstrap(n, seed, stream, |idx| s1(idx, i)),
                st: st(&all, i),
                st_conf: bootstrap(n, seed, stream + 1, |idx| st(idx, i)),
            }
        })
        .collect()
}

/// `sensitivity.json`: per objective and knob, Morris measures (a grid or Morris sampling) or
/// Sobol indices (Sobol sampling); nothing for a Latin hypercube.
pub fn sensitivity(sweep: &Sweep, stats: &[Vec<(f64, f64)>]) -> Sensitivity {
    let names = objective_names();
    let seed = sweep.scenario.seed;
    let method = match sweep.file.sampling {
        Sampling::Grid => SensitivityMethod::MorrisGrid,
        Sampling::Morris { .. } => SensitivityMethod::Morris,
        Sampling::Sobol { .. } => SensitivityMethod::Sobol,
        Sampling::LatinHypercube { .. } => SensitivityMethod::None,
    };
    let mut objectives = Vec::new();
    for (o, (name, _)) in names.iter().enumerate() {
        let y: Vec<f64> = stats.iter().map(|r| r[o].0).collect();
        let mut per = Vec::new();
        match sweep.file.sampling {
            Sampling::Grid | Sampling::Morris { .. } => {
                for (k, ee) in elementary_effects(sweep, &y).iter().enumerate() {
                    let entry = morris_entry(ee, seed, 1000 + (o * 64 + k) as u64);
                    per.push((sweep.knobs[k].name.clone(), SensitivityEntry::Morris(entry)));
                }
            }
            Sampling::Sobol { .. } => {
                for (k, v) in sobol(&y, sweep.knobs.len(), seed, 100_000 + o as u64).into_iter().enumerate() {
                    per.push((sweep.knobs[k].name.clone(), SensitivityEntry::Sobol(v)));
                }
            }
            Sampling::LatinHypercube { .. } => {}
        }
        objectives.push((name.clone(), Named(per)));
    }
    Sensitivity {
        method,
        confidence: 0.95,
        resamples: RESAMPLES,
        knobs: sweep.knobs.iter().map(|k| k.name.clone()).collect(),
        objectives: Named(objectives),
    }
}

/// The table's objectives at the given indices, each with its direction.
fn objective_dirs(
    names: &[(String, Direction)],
    chosen: impl IntoIterator<Item = (usize, Direction)>,
) -> Vec<ObjectiveDir> {
    chosen.into_iter().map(|(i, direction)| ObjectiveDir { objective: names[i].0.clone(), direction }).collect()
}

fn cell_row(sweep: &Sweep, c: usize, row: &[(f64, f64)], full: bool) -> CellRow {
    let names = objective_names();
    let knobs = sweep.knobs.iter().zip(&sweep.cells[c]).map(|(k, v)| (k.name.clone(), *v)).collect();
    let objectives = names
        .iter()
        .enumerate()
        .filter(|(i, _)| full || sweep.objectives.iter().any(|(o, _)| o == i))
        .map(|(i, (n, _))| (n.clone(), CellObjective { mean: row[i].0, se: row[i].1 }))
        .collect();
    CellRow { cell: c, knobs: Named(knobs), objectives: Named(objectives), feasible: feasible(sweep, row) }
}

/// A value in words: four significant digits, so that a sampled 0.4496597146987915 reads 0.4497
/// (whole numbers and grid values such as 0.38 print as they are).
fn short(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let decimals = 3 - v.abs().log10().floor() as i32;
    if decimals <= 0 {
        return format!("{}", v.round());
    }
    let scale = 10f64.powi(decimals);
    format!("{}", (v * scale).round() / scale)
}

/// Values in words: `a to b` when they are every swept value between the two, else listed
/// (up to eight), else `a to b, not every value between`.
fn values_words(vals: &[f64], swept: &[f64]) -> String {
    let distinct = |v: &[f64]| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        v.dedup_by(|a, b| a.to_bits() == b.to_bits());
        v
    };
    let (vals, swept) = (distinct(vals), distinct(swept));
    let (Some(&a), Some(&b)) = (vals.first(), vals.last()) else { return "none".to_owned() };
    if a == b {
        return short(a);
    }
    let between = swept.iter().filter(|&&x| a <= x && x <= b).count();
    if between == vals.len() {
        format!("{} to {}", short(a), short(b))
    } else if vals.len() <= 8 {
        vals.iter().map(|&v| short(v)).collect::<Vec<_>>().join(", ")
    } else {
        format!("{} to {}, not every value between", short(a), short(b))
    }
}

/// The recommendation: the design settings that meet every constraint under every swept
/// assumption, ranked by their worst case, in words, and the best one as a proposed design.
fn recommendation(sweep: &Sweep, stats: &[Vec<(f64, f64)>]) -> (Recommendation, String, Option<(Vec<u8>, Vec<u8>)>) {
    let names = objective_names();
    let all = settings(sweep);
    // A setting the design rules block (a quorum above the expected turnout, …) is no
    // recommendation, however well it simulates: the proposed design must be committable.
    let (ranked, blocked): (Vec<_>, Vec<_>) = ranked(sweep, stats)
        .into_par_iter()
        .map(|g| {
            let findings: Vec<Finding> =
                validate(&sweep.cell_design(g[0])).into_iter().filter(|f| f.severity == Severity::Blocking).collect();
            (g, findings)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .partition(|(_, f)| f.is_empty());
    let ranked: Vec<Vec<usize>> = ranked.into_iter().map(|(g, _)| g).collect();
    let feasible_cells = (0..stats.len()).filter(|&c| feasible(sweep, &stats[c])).count();
    // Each knob's values over all cells (the "swept" of every sentence), and over some cells.
    let swept: Vec<Vec<f64>> = (0..sweep.knobs.len()).map(|k| sweep.cells.iter().map(|c| c[k]).collect()).collect();
    let column = |k: usize, cells: &[usize]| -> Vec<f64> { cells.iter().map(|&c| sweep.cells[c][k]).collect() };
    let assumptions: Vec<usize> = (0..sweep.knobs.len()).filter(|&k| !sweep.knobs[k].target.is_design()).collect();
    // A setting checked under several assumption values (a grid over them); sampled sweeps draw
    // the assumptions with the design, so each cell is checked under its own values only.
    let robust = !assumptions.is_empty() && all.iter().any(|g| g.len() > 1);
    let cons: Vec<String> =
        sweep.constraints.iter().map(|&(i, op, v)| format!("{} {} {v}", names[i].0, op.as_str())).collect();
    let cons_words = if cons.is_empty() { "none given".to_owned() } else { cons.join("; ") };
    let mut md = String::new();
    let _ = writeln!(md, "# Sweep recommendation\n");
    let _ = writeln!(
        md,
        "{} of {} cells meet every constraint ({cons_words}), each cell {} runs of {} steps under the scenario{}.\n",
        feasible_cells,
        stats.len(),
        sweep.scenario.runs,
        sweep.scenario.steps,
        sweep.scenario.name.as_ref().map_or(String::new(), |n| format!(" “{n}”")),
    );
    let mut words = Vec::new();
    let under: Vec<String> = assumptions
        .iter()
        .map(|&k| format!("`{}` {}", sweep.knobs[k].name, values_words(&swept[k], &swept[k])))
        .collect();
    if robust {
        // The count is in the JSON's own fields (the studio says it from them): in the file only.
        let _ = writeln!(
            md,
            "{} of {} design settings meet every constraint under every swept assumption ({}) and pass the design rules; each is ranked by its worst case.\n",
            ranked.len(),
            all.len(),
            under.join(", ")
        );
    } else if !assumptions.is_empty() {
        words.push(format!(
            "The assumptions ({}) were sampled together with the design, so each cell is checked under its own assumption values only: sweep them on a grid to check a setting under all of them.",
            under.join(", ")
        ));
    }
    let ok_cells: Vec<usize> = ranked.iter().flatten().copied().collect();
    for (k, knob) in sweep.knobs.iter().enumerate() {
        if robust && !knob.target.is_design() {
            continue;
        }
        let ok = column(k, &ok_cells);
        let whose = if robust {
            "settings that meet every constraint under every assumption"
        } else {
            "cells that meet every constraint"
        };
        words.push(format!(
            "`{}`: {} among the {whose} (swept {}).",
            knob.name,
            values_words(&ok, &swept[k]),
            values_words(&swept[k], &swept[k])
        ));
    }
    if !blocked.is_empty() {
        let first = &blocked[0];
        let design: Vec<String> = sweep
            .knobs
            .iter()
            .enumerate()
            .filter(|(_, k)| k.target.is_design())
            .map(|(k, knob)| format!("`{}` {}", knob.name, sweep.cells[first.0[0]][k]))
            .collect();
        words.push(format!(
            "{} {} that meet every constraint {} blocked by the design rules, so not recommended; the first, {}: {} at {}: {}.",
            blocked.len(),
            if blocked.len() == 1 { "setting" } else { "settings" },
            if blocked.len() == 1 { "is" } else { "are" },
            design.join(", "),
            first.1[0].code.as_str(),
            first.1[0].path,
            first.1[0].message
        ));
    }
    for &(i, op, v) in &sweep.constraints {
        let failing: Vec<usize> = (0..stats.len()).filter(|&c| !op.holds(stats[c][i].0, v)).collect();
        if failing.is_empty() {
            words.push(format!("`{} {} {v}` holds in every cell.", names[i].0, op.as_str()));
            continue;
        }
        let where_: Vec<String> = sweep
            .knobs
            .iter()
            .enumerate()
            .map(|(k, knob)| format!("`{}` {}", knob.name, values_words(&column(k, &failing), &swept[k])))
            .collect();
        words.push(format!(
            "`{} {} {v}` fails in {} cell(s), with {}.",
            names[i].0,
            op.as_str(),
            failing.len(),
            where_.join(", ")
        ));
    }
    for w in &words {
        let _ = writeln!(md, "- {w}");
    }
    // Each setting by its worst case (its first cell).
    let top: Vec<CellRow> = ranked.iter().take(10).map(|g| cell_row(sweep, g[0], &stats[g[0]], false)).collect();
    let mut proposed = None;
    let mut change = None;
    if let Some(best) = ranked.first() {
        let worst = best[0];
        if robust {
            let mut cells = best.clone();
            cells.sort_unstable();
            let list: Vec<String> = cells.iter().map(usize::to_string).collect();
            let _ = writeln!(md, "\n## Recommended: the setting of cells {}\n", list.join(", "));
        } else {
            let _ = writeln!(md, "\n## Recommended: cell {worst}\n");
        }
        for (k, knob) in sweep.knobs.iter().enumerate() {
            if knob.target.is_design() {
                let _ = writeln!(md, "- `{}` = {} (design)", knob.name, sweep.cells[worst][k]);
            } else if !robust {
                let _ = writeln!(md, "- `{}` = {} (assumption)", knob.name, sweep.cells[worst][k]);
            }
        }
        let _ = writeln!(md);
        for &(i, d) in &sweep.objectives {
            // The setting's worst cell on this objective, with its assumption values.
            let at = best
                .iter()
                .copied()
                .fold(worst, |w, c| if better_first(d, stats[c][i].0, stats[w][i].0).is_gt() { c } else { w });
            let (m, se) = stats[at][i];
            let whr = if robust {
                let vals: Vec<String> =
                    assumptions.iter().map(|&k| format!("`{}` {}", sweep.knobs[k].name, sweep.cells[at][k])).collect();
                format!(", worst case at {} (cell {at})", vals.join(", "))
            } else {
                String::new()
            };
            let _ = writeln!(md, "- {} ({}): {} ± {}{whr}", names[i].0, dir_str(d), fmt(m), fmt(se));
        }
        let mut new = sweep.cell_design(worst);
        let d = diff::structural(&sweep.gco, &new);
        if let Some(b) = d.suggested {
            new.identity.version = b.apply(&sweep.gco.identity.version);
        }
        let _ = writeln!(md, "\n## Proposed change\n");
        if d.changes.is_empty() {
            let _ = writeln!(md, "The design already has the recommended values: nothing to change.");
        } else {
            let _ = writeln!(
                md,
                "`proposed.json` is the design with the recommended values, version {} ({} bump); `proposed.diff` is the unified diff.\n",
                new.identity.version,
                d.suggested.map_or("no", |b| b.as_str())
            );
            for ch in &d.changes {
                let show = |v: &Option<Value>| v.as_ref().map_or("—".to_owned(), Value::to_string);
                let _ = writeln!(md, "- {}: {} → {} ({})", ch.label, show(&ch.old), show(&ch.new), ch.bump.as_str());
            }
            let unified = diff::unified(&sweep.gco, &new, "design", "proposed");
            proposed = Some((diff::pretty(&new).into_bytes(), unified.into_bytes()));
        }
        change = Some(d);
    } else if robust {
        let _ = writeln!(
            md,
            "\nNo design setting meets every constraint under every swept assumption: nothing is recommended. Widen the design ranges, narrow the assumptions or relax a constraint."
        );
    } else {
        let _ = writeln!(
            md,
            "\nNo cell meets every constraint: nothing is recommended. Widen the ranges or relax a constraint."
        );
    }
    let rec = Recommendation {
        constraints: cons,
        objectives: objective_dirs(&names, sweep.objectives.iter().copied()),
        feasible: feasible_cells,
        cells: stats.len(),
        assumptions: if robust {
            assumptions.iter().map(|&k| sweep.knobs[k].name.clone()).collect()
        } else {
            Vec::new()
        },
        settings: all.len(),
        robust_settings: ranked.len(),
        blocked_settings: blocked.len(),
        explanation: words,
        ranked: top,
        recommended: ranked.first().map(|g| g[0]),
        change,
    };
    (rec, md, proposed)
}

/// Every output file, sorted by name.
pub fn files(sweep: &Sweep, stats: &[Vec<(f64, f64)>]) -> Result<Vec<(String, Vec<u8>)>, IntakeError> {
    let names = objective_names();
    let mut csv = String::from("cell");
    for k in &sweep.knobs {
        csv.push(',');
        csv.push_str(&csv_field(&k.name));
    }
    for (n, _) in &names {
        let _ = write!(csv, ",{}_mean,{}_se", csv_field(n), csv_field(n));
    }
    csv.push_str(",feasible\n");
    for (c, row) in stats.iter().enumerate() {
        let _ = write!(csv, "{c}");
        for v in &sweep.cells[c] {
            let _ = write!(csv, ",{}", fmt(*v));
        }
        for (m, se) in row {
            let _ = write!(csv, ",{},{}", fmt(*m), fmt(*se));
        }
        let _ = writeln!(csv, ",{}", feasible(sweep, row));
    }
    let cells = CellsFile {
        fingerprint: sweep.fingerprint.clone(),
        runs: sweep.scenario.runs,
        seed: sweep.scenario.seed,
        steps: sweep.scenario.steps,
        sampling: sweep.file.sampling,
        knobs: sweep.knobs.iter().map(|k| k.name.clone()).collect(),
        unit: sweep.unit.clone(),
        objectives: objective_dirs(&names, names.iter().enumerate().map(|(i, (_, d))| (i, *d))),
        cells: stats.iter().enumerate().map(|(c, r)| cell_row(sweep, c, r, true)).collect(),
    };
    let front = pareto(sweep, stats);
    let pareto = ParetoFile {
        objectives: objective_dirs(&names, sweep.objectives.iter().copied()),
        cells: front.iter().map(|&c| cell_row(sweep, c, &stats[c], false)).collect(),
    };
    let (rec, md, proposed) = recommendation(sweep, stats);
    let mut out = vec![
        ("cells.csv".to_owned(), csv.into_bytes()),
        ("cells.json".to_owned(), pretty(&cells)),
        ("pareto.json".to_owned(), pretty(&pareto)),
        ("recommendation.json".to_owned(), pretty(&rec)),
        ("recommendation.md".to_owned(), md.into_bytes()),
        ("sensitivity.json".to_owned(), pretty(&sensitivity(sweep, stats))),
    ];
    if let Some((p, d)) = proposed {
        out.push(("proposed.diff".to_owned(), d));
        out.push(("proposed.json".to_owned(), p));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// The sweep as a cadCAD/radCAD parameter dictionary: every knob a list with one value per cell
/// (cadCAD zips equal-length lists into one run per cell), the design's other knobs as
/// one-element lists, and the settings (`N` runs, `T` steps).
pub fn cadcad(sweep: &Sweep) -> Value {
    let mut m = Map::new();
    let fixed = super::knobs::catalogue(&sweep.gco);
    for (name, target) in fixed {
        if sweep.knobs.iter().any(|k| k.name == name) || !target.is_design() {
            continue;
        }
        if let Some(v) = value_of(&sweep.gco, &name) {
            m.insert(name, json!([v]));
        }
    }
    for (k, knob) in sweep.knobs.iter().enumerate() {
        m.insert(knob.name.clone(), Value::Array(sweep.cells.iter().map(|c| num(c[k])).collect()));
    }
    json!({"M": m, "N": sweep.scenario.runs, "T": sweep.scenario.steps, "seed": sweep.scenario.seed, "fingerprint": sweep.fingerprint})
}

/// A design knob's current value, read through the design's JSON by id.
fn value_of(gco: &cogov_model::Gco, name: &str) -> Option<Value> {
    let v = gco.to_value();
    let parts: Vec<&str> = name.trim_start_matches('/').split('/').collect();
    let (list, id, rest) = match parts.as_slice() {
        ["decision_types", id, rest @ ..] => (v.get("decision_types")?, *id, rest),
        ["treasury", "tiers", id, rest @ ..] => (v.get("treasury")?.get("tiers")?, *id, rest),
        _ => return None,
    };
    let mut at = list.as_array()?.iter().find(|x| x.get("id").and_then(Value::as_str) == Some(id))?;
    for p in rest {
        at = at.get(*p)?;
    }
    Some(at.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_with_four_significant_digits() {
        assert_eq!(short(0.4496597146987915), "0.4497");
        assert_eq!(short(0.38), "0.38");
        assert_eq!(short(172_800.0), "172800");
        assert_eq!(short(0.0), "0");
        assert_eq!(values_words(&[0.04, 0.06, 0.08], &[0.02, 0.04, 0.06, 0.08, 0.1]), "0.04 to 0.08");
        assert_eq!(values_words(&[0.04, 0.08], &[0.04, 0.06, 0.08]), "0.04, 0.08");
    }
}
