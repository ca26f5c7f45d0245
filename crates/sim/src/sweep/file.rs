//! The sweep file (`schemas/sweep.schema.json`, generated from these types) and its intake.

use crate::scenario::Scenario;
use cogov_engine::{IntakeError, intake::parse_json};
use cogov_model::{ErrorCode, escape_pointer_token};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::OnceLock;

/// A parameter sweep over a design's knobs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "CoGov parameter sweep",
    description = "Knobs of a design, their values or ranges, the scenario, runs per cell, objectives and constraints of a sweep (`cogov sweep`)."
)]
pub struct SweepFile {
    /// Optional editor hint pointing at this schema.
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
    /// A short name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the sweep explores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The knobs, in the order of the cells' coordinates (the first varies slowest in a grid).
    #[schemars(length(min = 1, max = 16))]
    pub knobs: Vec<KnobSpec>,
    /// How cells are chosen from the knobs' values.
    #[serde(default)]
    pub sampling: Sampling,
    /// The scenario every cell runs under (with its automatic baseline).
    pub scenario: ScenarioRef,
    /// Runs per cell (overrides the scenario's). Every cell uses the same runs: run `r` of every
    /// cell draws from the stream of `(seed, r)` (common random numbers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 2, max = 1_000_000))]
    pub runs: Option<u32>,
    /// Seed (overrides the scenario's); also seeds sampling and the bootstrap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Objectives to rank cells by and to draw the Pareto front of, in priority order
    /// (default: continuity impact, then pass rate).
    #[serde(default)]
    pub objectives: Vec<ObjectiveSpec>,
    /// Constraints a recommended cell must meet.
    #[serde(default)]
    pub constraints: Vec<Constraint>,
}

/// One knob and the values it takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KnobSpec {
    /// The knob, named in the design's words: `/decision_types/<id>/quorum` (also `approval`,
    /// `voting_delay`, `voting_period`, `timelock`, `expected_rate`, `signers/required`),
    /// `/treasury/tiers/<id>/min` (also `max`, `signers/required`), `/participation/scale` (every
    /// member's propensity multiplied) or `/participation/contraction` (the factor of the
    /// scenario's participation contractions).
    pub knob: String,
    /// The values for a grid (listed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 10_000))]
    pub values: Option<Vec<f64>>,
    /// The values for a grid (`from`, `from + step`, … up to `to`), or the bounds for sampling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<Range>,
}

/// A range of values: from `from` to `to` inclusive by `step` (`step` only for a grid).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// First value (lower bound when sampled).
    pub from: f64,
    /// Last value (upper bound when sampled).
    pub to: f64,
    /// Step between values of a grid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<f64>,
}

/// How cells are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SweepSampling"))]
pub enum Sampling {
    /// Every combination of the knobs' values (elementary effects from neighbouring cells).
    #[default]
    Grid,
    /// A Latin hypercube of `samples` cells within the knobs' ranges.
    LatinHypercube {
        /// Cells.
        #[schemars(range(min = 2, max = 100_000))]
        samples: u32,
    },
    /// Saltelli's scheme on a scrambled Sobol sequence: `samples × (knobs + 2)` cells; gives
    /// Sobol first- and total-order indices.
    Sobol {
        /// Base samples N.
        #[schemars(range(min = 2, max = 100_000))]
        samples: u32,
    },
    /// Morris trajectories (one-at-a-time steps on a grid of `levels` levels): `trajectories ×
    /// (knobs + 1)` cells; gives elementary effects μ*, σ.
    Morris {
        /// Trajectories r.
        #[schemars(range(min = 2, max = 10_000))]
        trajectories: u32,
        /// Levels p (even).
        #[serde(default = "default_levels")]
        #[schemars(range(min = 2, max = 100))]
        levels: u32,
    },
}

fn default_levels() -> u32 {
    4
}

/// The scenario: a file (relative to the sweep file) or given inline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ScenarioRef {
    /// A scenario file (`cogov schema scenario`), relative to the sweep file.
    File(String),
    /// A scenario given in full (presets and shocks combine).
    Inline(Box<Scenario>),
}

/// Whether lower or higher is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SweepDirection"))]
pub enum Direction {
    /// Lower is better.
    Minimize,
    /// Higher is better.
    Maximize,
}

/// An objective to rank and to draw the Pareto front by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveSpec {
    /// The objective (`cogov sweep --list-objectives`): `continuity_impact`, `pass_rate`,
    /// `turnout`, `throughput_variance`, `insolvent_share`, …, or `risk/<score>`.
    pub objective: String,
    /// Its direction (default: the objective's natural one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
}

/// A comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Op {
    /// At most.
    #[serde(rename = "<=")]
    Le,
    /// At least.
    #[serde(rename = ">=")]
    Ge,
    /// Below.
    #[serde(rename = "<")]
    Lt,
    /// Above.
    #[serde(rename = ">")]
    Gt,
}

impl Op {
    /// Whether `x op value` holds (never for NaN).
    pub fn holds(self, x: f64, value: f64) -> bool {
        match self {
            Op::Le => x <= value,
            Op::Ge => x >= value,
            Op::Lt => x < value,
            Op::Gt => x > value,
        }
    }

    /// As written.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Le => "<=",
            Op::Ge => ">=",
            Op::Lt => "<",
            Op::Gt => ">",
        }
    }
}

/// `objective op value`, on the objective's mean in a cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Constraint {
    /// The objective.
    pub objective: String,
    /// The comparison.
    pub op: Op,
    /// The bound.
    pub value: f64,
}

/// The JSON Schema (draft 2020-12) of the sweep file, generated from the Rust types.
pub fn sweep_schema() -> Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(SweepFile)).unwrap_or_default();
    cogov_model::schema::refine(&mut schema);
    cogov_model::sort_keys(schema)
}

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        jsonschema::draft202012::new(&sweep_schema())
            .unwrap_or_else(|e| unreachable!("the generated sweep schema is valid: {e}"))
    })
}

/// Reads a sweep file from JSON bytes: limits, syntax, the schema (`GOV-X040` at a pointer),
/// the typed read. Knobs and objectives are checked against a design by
/// [`super::Sweep::new`].
pub fn from_json_bytes(bytes: &[u8]) -> Result<SweepFile, IntakeError> {
    let value = parse_json(bytes)?;
    if let Some(err) = validator().iter_errors(&value).next() {
        let mut pointer = err.instance_path().as_str().to_owned();
        let message = match err.kind() {
            jsonschema::error::ValidationErrorKind::AdditionalProperties { unexpected } => {
                if let Some(name) = unexpected.first() {
                    pointer = format!("{pointer}/{}", escape_pointer_token(name));
                }
                format!("unknown field(s) {}", unexpected.join(", "))
            }
            _ => err.to_string(),
        };
        return Err(IntakeError::at_pointer(ErrorCode::SweepInvalid, pointer, message));
    }
    serde_json::from_value(value).map_err(|e| IntakeError::whole(ErrorCode::SweepInvalid, e.to_string()))
}
