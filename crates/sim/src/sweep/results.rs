//! The sweep's result files as typed values (`cells.json`, `pareto.json`, `sensitivity.json`,
//! `recommendation.json`), serialised field by field in the order the files have always had,
//! and declared to TypeScript (feature `ts`) for the studio's Sweep view.

use super::{Direction, Sampling};
use serde::{Serialize, Serializer, ser::SerializeMap};

/// Entries keyed by name, written as a JSON object in the order given (a knob's or an
/// objective's order in the sweep, not alphabetical), so the bytes never depend on a map type.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Named<T>(pub Vec<(String, T)>);

impl<T: Serialize> Serialize for Named<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// An objective and which way is better.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SweepObjective"))]
pub struct ObjectiveDir {
    /// The objective's name (`pass_rate`, `risk/…`).
    pub objective: String,
    /// Whether lower or higher is better.
    pub direction: Direction,
}

/// An objective's mean over a cell's runs and its standard error; null when the cell cannot
/// measure it (JSON has no NaN).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SweepCellObjective"))]
pub struct CellObjective {
    /// Mean over the cell's runs.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub mean: f64,
    /// Its standard error.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub se: f64,
}

/// One cell of the table (`cells.json`, `pareto.json`, the recommendation's `ranked`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SweepCellRow"))]
pub struct CellRow {
    /// The cell's number.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub cell: usize,
    /// Each knob's value in this cell, in the sweep's knob order.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number | null>"))]
    pub knobs: Named<f64>,
    /// Each objective's mean and error (every objective in `cells.json`, the chosen ones elsewhere).
    #[cfg_attr(feature = "ts", ts(type = "Record<string, SweepCellObjective>"))]
    pub objectives: Named<CellObjective>,
    /// Whether the cell meets every constraint.
    pub feasible: bool,
}

/// `cells.json`: the sweep's settings and every cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SweepCells"))]
pub struct CellsFile {
    /// The sweep's fingerprint (design, sweep file, scenario).
    pub fingerprint: String,
    /// Runs per cell.
    pub runs: u32,
    /// The scenario's seed.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seed: u64,
    /// Steps per run.
    pub steps: u32,
    /// How the cells were chosen.
    pub sampling: Sampling,
    /// The knobs, in order.
    pub knobs: Vec<String>,
    /// Sampled designs: each cell's point in the unit cube (empty for a grid).
    pub unit: Vec<Vec<f64>>,
    /// Every objective the table has, with its direction.
    pub objectives: Vec<ObjectiveDir>,
    /// The cells.
    pub cells: Vec<CellRow>,
}

/// `pareto.json`: the cells no other cell beats on every chosen objective.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SweepPareto"))]
pub struct ParetoFile {
    /// The chosen objectives.
    pub objectives: Vec<ObjectiveDir>,
    /// The front's cells.
    pub cells: Vec<CellRow>,
}

/// Morris measures of one knob for one objective, in units of the knob's range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SweepMorris"))]
pub struct MorrisEntry {
    /// Elementary effects behind the measures.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub effects: usize,
    /// Mean effect.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub mu: f64,
    /// Mean absolute effect μ*.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub mu_star: f64,
    /// Half-width of μ*'s bootstrap confidence interval.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub mu_star_conf: f64,
    /// Standard deviation of the effects.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub sigma: f64,
}

/// Sobol indices of one knob for one objective, each with its bootstrap half-width.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SweepSobol"))]
pub struct SobolEntry {
    /// First-order index.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub s1: f64,
    /// Its half-width.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub s1_conf: f64,
    /// Total-order index.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub st: f64,
    /// Its half-width.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub st_conf: f64,
}

impl SobolEntry {
    /// Indices that cannot be computed (an unmeasured objective, or no variance): all null.
    pub const UNDEFINED: Self = Self { s1: f64::NAN, s1_conf: f64::NAN, st: f64::NAN, st_conf: f64::NAN };
}

/// One knob's sensitivity for one objective: Morris measures or Sobol indices.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SweepSensitivityEntry"))]
#[serde(untagged)]
pub enum SensitivityEntry {
    /// From a grid or Morris trajectories.
    Morris(MorrisEntry),
    /// From Saltelli's scheme.
    Sobol(SobolEntry),
}

/// How `sensitivity.json` was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SweepSensitivityMethod"))]
#[serde(rename_all = "snake_case")]
pub enum SensitivityMethod {
    /// Elementary effects between neighbouring cells of a grid.
    MorrisGrid,
    /// Elementary effects along Morris trajectories.
    Morris,
    /// Sobol first- and total-order indices.
    Sobol,
    /// None (a Latin hypercube).
    None,
}

/// `sensitivity.json`: per objective and knob, how much the knob moves the objective.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SweepSensitivity"))]
pub struct Sensitivity {
    /// The method.
    pub method: SensitivityMethod,
    /// The confidence level of every interval.
    pub confidence: f64,
    /// Bootstrap resamples behind every interval.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub resamples: usize,
    /// The knobs, in order.
    pub knobs: Vec<String>,
    /// Per objective, per knob (empty for a Latin hypercube).
    #[cfg_attr(feature = "ts", ts(type = "Record<string, Record<string, SweepSensitivityEntry>>"))]
    pub objectives: Named<Named<SensitivityEntry>>,
}

/// `recommendation.json`: the cells that meet every constraint, ranked, in words, and the
/// change the best one makes to the design.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SweepRecommendation"))]
pub struct Recommendation {
    /// The constraints, as written (`continuity_impact <= 0.2`).
    pub constraints: Vec<String>,
    /// The chosen objectives, in priority order.
    pub objectives: Vec<ObjectiveDir>,
    /// Cells that meet every constraint.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub feasible: usize,
    /// Cells in the sweep.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub cells: usize,
    /// The assumption knobs every recommended setting was checked under, each swept value (empty
    /// when the sweep has none on a grid: then each cell is checked alone).
    pub assumptions: Vec<String>,
    /// Design settings in the sweep (cells with the same design values are one setting).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub settings: usize,
    /// Design settings that meet every constraint in every one of their cells and that the
    /// design rules accept (no blocking finding): the candidates.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub robust_settings: usize,
    /// Settings that meet every constraint but that the design rules block.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub blocked_settings: usize,
    /// The explanation, one sentence a line.
    pub explanation: Vec<String>,
    /// The best ten settings that meet every constraint, best first, each as its worst cell.
    pub ranked: Vec<CellRow>,
    /// The recommended setting's worst cell (its design values are the recommendation), if
    /// any setting meets every constraint.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub recommended: Option<usize>,
    /// The structural diff from the design to the recommended one.
    pub change: Option<cogov_engine::diff::Diff>,
}

#[cfg(test)]
mod tests {
    use super::super::{Sweep, file};
    use super::*;
    use std::path::{Path, PathBuf};
    use std::sync::atomic::AtomicBool;

    fn golden() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/sweep/golden")
    }

    /// The output files of a small sweep of RC-1 (`golden/<name>.sweep.json`, 8 runs of 60 steps).
    fn outputs(name: &str) -> Vec<(String, Vec<u8>)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let gco = cogov_engine::intake::from_json_bytes(&std::fs::read(root.join("examples/rc1.json")).expect("rc1"))
            .and_then(|d| d.into_gco())
            .expect("rc1 reads");
        let bytes = std::fs::read(golden().join(format!("{name}.sweep.json"))).expect("sweep file");
        let sweep = Sweep::new(gco, file::from_json_bytes(&bytes).expect("sweep file reads")).expect("sweep");
        let results = sweep.compute(0..sweep.units(), &AtomicBool::new(false), &|_| {}).expect("compute");
        sweep.outputs(&results).expect("outputs")
    }

    /// The typed files keep the bytes the files had when they were built as JSON values: field
    /// order, knobs and objectives in the sweep's order, NaN as null (the Sobol file of 8 runs
    /// has unmeasurable objectives). `COGOV_BLESS=1` rewrites the golden files.
    #[test]
    fn result_files_keep_their_bytes() {
        let bless = std::env::var_os("COGOV_BLESS").is_some();
        for (sweep, files) in
            [("grid", &["pareto", "recommendation", "sensitivity"][..]), ("sobol", &["sensitivity"][..])]
        {
            let out = outputs(sweep);
            for f in files {
                let name = format!("{f}.json");
                let got = &out.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("no {name}")).1;
                let path = golden().join(format!("{sweep}.{name}"));
                if bless {
                    std::fs::write(&path, got).expect("bless");
                }
                let want = std::fs::read(&path).expect("golden file");
                assert!(got == &want, "{sweep} sweep: {name} differs from {}", path.display());
            }
        }
    }

    #[test]
    fn named_keeps_the_given_order_and_nan_is_null() {
        let row = CellRow {
            cell: 3,
            knobs: Named(vec![("/z".into(), 0.5), ("/a".into(), f64::NAN)]),
            objectives: Named(vec![("turnout".into(), CellObjective { mean: 0.25, se: f64::NAN })]),
            feasible: true,
        };
        assert_eq!(
            serde_json::to_string(&row).expect("serialises"),
            r#"{"cell":3,"knobs":{"/z":0.5,"/a":null},"objectives":{"turnout":{"mean":0.25,"se":null}},"feasible":true}"#
        );
    }
}
