//! The scenario format: the shocks of RSM v1 and the simulation's settings.
//!
//! A scenario is a JSON file (`schemas/scenario.schema.json`, generated from these types). It
//! names presets (the five seed scenarios, combined in the order given) and/or explicit
//! shocks; presets expand first, then the explicit shocks follow in declared order.

use cogov_engine::{IntakeError, intake::parse_json};
use cogov_model::{ErrorCode, escape_pointer_token};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::OnceLock;

/// A what-if scenario: settings and shocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SimScenario"))]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "CoGov simulation scenario",
    description = "Shocks and settings of a what-if simulation under the reference simulation model (RSM v1)."
)]
pub struct Scenario {
    /// Optional editor hint pointing at this schema.
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
    /// A short name for the scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the scenario explores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Steps of one run (one step is one day: rates and inflows are per day).
    #[serde(default = "default_steps")]
    #[schemars(range(min = 1, max = 100_000))]
    pub steps: u32,
    /// Independent runs (Monte Carlo).
    #[serde(default = "default_runs")]
    #[schemars(range(min = 1, max = MAX_RUNS))]
    pub runs: u32,
    /// Seed: run `r` draws from a stream derived from `(seed, r)` alone.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seed: u64,
    /// Support of a proposal, `s ~ Beta(alpha, beta)`.
    #[serde(default)]
    pub support: Support,
    /// Preset scenarios, expanded in this order before the explicit shocks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub presets: Vec<Preset>,
    /// Shocks, applied in declared order.
    #[serde(default)]
    pub shocks: Vec<Shock>,
    /// An adversary who acquires weight and proposes what profits it most (`report.attack`);
    /// absent: no attack, and the report is that of the reference model alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attack: Option<Attack>,
}

/// An attack: an adversary with a budget acquires voting weight by one route at step `at`,
/// proposes the power that profits it most (or `target`) and votes all its weight yes, while
/// the honest members vote as the reference model says. `docs/simulation.md` states the rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "AttackSpec"))]
#[serde(deny_unknown_fields)]
pub struct Attack {
    /// Money the adversary spends on weight, in the treasury's currency (at least 0).
    #[schemars(range(min = 0.0))]
    pub budget: f64,
    /// How the adversary acquires weight.
    pub acquisition: Acquisition,
    /// The step at which the adversary proposes and votes (0-based, inside the run); the
    /// scenario's shocks up to that step have acted.
    #[serde(default)]
    pub at: u32,
    /// Price of one unit of weight by this route (absent: the design's
    /// `voting_weight.token_price`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub price: Option<f64>,
    /// The decision type the adversary proposes under (absent: the power that profits it most).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// How an adversary acquires voting weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Acquisition {
    /// Bought ahead of the proposal from the circulating share: counts whatever the snapshot.
    Buy,
    /// Borrowed from the lendable share: counts only where weight is read late (live, or at
    /// vote start after a delay shorter than a day).
    Borrow,
    /// Flash-loaned within one block from the lendable share: counts only where weight is read
    /// live, or at vote start with no voting delay.
    FlashLoan,
    /// Customers' stake held by a custodian that votes it (the lendable share stands for it):
    /// counts where borrowed weight would.
    Custodial,
}

impl Acquisition {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Acquisition::Buy => "buy",
            Acquisition::Borrow => "borrow",
            Acquisition::FlashLoan => "flash_loan",
            Acquisition::Custodial => "custodial",
        }
    }
}

/// The most runs a scenario may ask for (the schema's maximum; `--runs` is held to it too).
pub const MAX_RUNS: u32 = 1_000_000;

fn default_steps() -> u32 {
    365
}

fn default_runs() -> u32 {
    1000
}

/// The Beta distribution of a proposal's support.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Support {
    /// Shape alpha (> 0).
    #[schemars(range(min = 0.0))]
    pub alpha: f64,
    /// Shape beta (> 0).
    #[schemars(range(min = 0.0))]
    pub beta: f64,
}

impl Default for Support {
    /// Beta(3, 2): proposals lean towards yes (mean support 0.6), as in RC-1.
    fn default() -> Self {
        Support { alpha: 3.0, beta: 2.0 }
    }
}

/// A shock of RSM v1. Steps are 0-based; a shock outside `[0, steps)` does nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Shock {
    /// At step `at`, every member's propensity is multiplied by `1 - factor`.
    ParticipationContraction {
        /// The step.
        at: u32,
        /// The share of participation lost, in [0, 1].
        #[schemars(range(min = 0.0, max = 1.0))]
        factor: f64,
    },
    /// At step `at`, the `count` heaviest active members (holders of `role` if given; ties to
    /// the lower index) become inactive; the total weight is unchanged.
    LeadershipRemoval {
        /// The step.
        at: u32,
        /// How many members leave.
        count: u32,
        /// Only holders of this role.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        role: Option<String>,
    },
    /// At step `at`, every weight is scaled by `1 - share` and the mass `share x W` goes to the
    /// `top` heaviest members in proportion to their weight; the total weight is unchanged.
    IncentiveConcentration {
        /// The step.
        at: u32,
        /// The share of all weight that moves, in [0, 1].
        #[schemars(range(min = 0.0, max = 1.0))]
        share: f64,
        /// How many of the heaviest members receive it.
        #[schemars(range(min = 1))]
        top: u32,
    },
    /// Spends are blocked for `from <= t < until`.
    TreasuryFreeze {
        /// First frozen step.
        from: u32,
        /// First step after the freeze.
        until: u32,
    },
    /// At each step in `[from, until)`, before voting, `joiners_per_step` members join with
    /// that weight and propensity and no roles.
    RapidScaling {
        /// First step with joiners.
        from: u32,
        /// First step without.
        until: u32,
        /// Members joining per step.
        joiners_per_step: u32,
        /// Weight of each joiner.
        #[schemars(range(min = 0.0))]
        weight: f64,
        /// Propensity of each joiner, in [0, 1].
        #[schemars(range(min = 0.0, max = 1.0))]
        propensity: f64,
    },
}

impl Shock {
    /// The kind, as spelled in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Shock::ParticipationContraction { .. } => "participation_contraction",
            Shock::LeadershipRemoval { .. } => "leadership_removal",
            Shock::IncentiveConcentration { .. } => "incentive_concentration",
            Shock::TreasuryFreeze { .. } => "treasury_freeze",
            Shock::RapidScaling { .. } => "rapid_scaling",
        }
    }

    /// The first step at which the shock acts inside `[0, steps)`, if any.
    pub fn first_step(&self, steps: u32) -> Option<u32> {
        let (from, until) = match *self {
            Shock::ParticipationContraction { at, .. }
            | Shock::LeadershipRemoval { at, .. }
            | Shock::IncentiveConcentration { at, .. } => (at, at.saturating_add(1)),
            Shock::TreasuryFreeze { from, until } | Shock::RapidScaling { from, until, .. } => (from, until),
        };
        (from < until.min(steps)).then_some(from)
    }
}

/// The five seed scenarios.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ShockPreset"))]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// Participation halves a third of the way in.
    ParticipationContraction,
    /// Spends are frozen for 30 steps from the middle of the run.
    EmergencyTreasuryFreeze,
    /// A third of all weight moves to the five heaviest members a third of the way in.
    IncentiveConcentrationShock,
    /// The three heaviest active members leave at the middle of the run.
    LeadershipRemoval,
    /// Through the second quarter of the run, 1% of the starting membership joins every step
    /// with the mean weight and a low propensity (0.1): the body doubles.
    RapidScalingStress,
}

impl Preset {
    /// Every preset, in declared order.
    pub const ALL: [Preset; 5] = [
        Preset::ParticipationContraction,
        Preset::EmergencyTreasuryFreeze,
        Preset::IncentiveConcentrationShock,
        Preset::LeadershipRemoval,
        Preset::RapidScalingStress,
    ];

    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Preset::ParticipationContraction => "participation_contraction",
            Preset::EmergencyTreasuryFreeze => "emergency_treasury_freeze",
            Preset::IncentiveConcentrationShock => "incentive_concentration_shock",
            Preset::LeadershipRemoval => "leadership_removal",
            Preset::RapidScalingStress => "rapid_scaling_stress",
        }
    }

    /// The preset's shocks for a run of `steps` steps over `members` starting members whose
    /// mean weight is `mean_weight`.
    pub fn shocks(self, steps: u32, members: usize, mean_weight: f64) -> Vec<Shock> {
        let third = steps / 3;
        let half = steps / 2;
        match self {
            Preset::ParticipationContraction => vec![Shock::ParticipationContraction { at: third, factor: 0.5 }],
            Preset::EmergencyTreasuryFreeze => {
                vec![Shock::TreasuryFreeze { from: half, until: half.saturating_add(30).min(steps) }]
            }
            Preset::IncentiveConcentrationShock => {
                vec![Shock::IncentiveConcentration { at: third, share: 1.0 / 3.0, top: 5 }]
            }
            Preset::LeadershipRemoval => vec![Shock::LeadershipRemoval { at: half, count: 3, role: None }],
            Preset::RapidScalingStress => {
                let (from, until) = (steps / 4, half);
                let joiners = u32::try_from(members.div_ceil(100)).unwrap_or(u32::MAX).max(1);
                vec![Shock::RapidScaling {
                    from,
                    until,
                    joiners_per_step: joiners,
                    weight: if mean_weight.is_finite() { mean_weight } else { 1.0 },
                    propensity: 0.1,
                }]
            }
        }
    }
}

impl Scenario {
    /// A scenario with default settings and no shocks.
    pub fn new(steps: u32, runs: u32, seed: u64) -> Scenario {
        Scenario {
            schema: None,
            name: None,
            description: None,
            steps,
            runs,
            seed,
            support: Support::default(),
            presets: Vec::new(),
            shocks: Vec::new(),
            attack: None,
        }
    }

    /// The shocks in force: the presets' (in order), then the explicit ones.
    pub fn all_shocks(&self, members: usize, mean_weight: f64) -> Vec<Shock> {
        let mut out: Vec<Shock> =
            self.presets.iter().flat_map(|p| p.shocks(self.steps, members, mean_weight)).collect();
        out.extend(self.shocks.iter().cloned());
        out
    }

    /// The same settings without any shock (the baseline).
    pub fn baseline(&self) -> Scenario {
        Scenario { presets: Vec::new(), shocks: Vec::new(), ..self.clone() }
    }
}

/// The JSON Schema (draft 2020-12) of the scenario format, generated from the Rust types.
pub fn scenario_schema() -> Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Scenario)).unwrap_or_default();
    cogov_model::schema::refine(&mut schema);
    // One key order whatever serde_json's features (cedar-policy turns on preserve_order).
    cogov_model::sort_keys(schema)
}

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        jsonschema::draft202012::new(&scenario_schema())
            .unwrap_or_else(|e| unreachable!("the generated scenario schema is valid: {e}"))
    })
}

/// Reads a scenario from JSON bytes: size and depth limits, syntax (line and column), the
/// schema (a JSON pointer to the first violation), the typed read, then the checks the
/// schema cannot express. Every error carries `GOV-X005` (syntax) or `GOV-X020`.
pub fn from_json_bytes(bytes: &[u8]) -> Result<Scenario, IntakeError> {
    let value = parse_json(bytes)?;
    from_value(value)
}

/// Reads a scenario from a JSON value (see [`from_json_bytes`]).
pub fn from_value(value: Value) -> Result<Scenario, IntakeError> {
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
        // The attack's own code, so a form built on it can tell its fields' errors apart.
        let code = if pointer == "/attack" || pointer.starts_with("/attack/") {
            ErrorCode::AttackInvalid
        } else {
            ErrorCode::ScenarioInvalid
        };
        return Err(IntakeError::at_pointer(code, pointer, message));
    }
    let scenario: Scenario =
        serde_json::from_value(value).map_err(|e| IntakeError::whole(ErrorCode::ScenarioInvalid, e.to_string()))?;
    check(&scenario)?;
    Ok(scenario)
}

/// What the schema cannot say: positive Beta shapes, windows that are not reversed.
pub fn check(s: &Scenario) -> Result<(), IntakeError> {
    let bad = |p: String, m: String| Err(IntakeError::at_pointer(ErrorCode::ScenarioInvalid, p, m));
    for (name, v) in [("alpha", s.support.alpha), ("beta", s.support.beta)] {
        if !(v > 0.0 && v.is_finite()) {
            return bad(format!("/support/{name}"), format!("the Beta shape {name} must be above 0, not {v}"));
        }
    }
    if let Some(a) = &s.attack {
        let attack = |p: &str, m: String| Err(IntakeError::at_pointer(ErrorCode::AttackInvalid, p, m));
        if !(a.budget >= 0.0 && a.budget.is_finite()) {
            return attack(
                "/attack/budget",
                format!("the budget must be a finite amount of at least 0, not {}", a.budget),
            );
        }
        if let Some(p) = a.price.filter(|p| !(*p > 0.0 && p.is_finite())) {
            return attack("/attack/price", format!("the price of a unit of weight must be above 0, not {p}"));
        }
        if a.at >= s.steps {
            return attack(
                "/attack/at",
                format!("step {} is outside the run's {} steps (0 to {})", a.at, s.steps, s.steps - 1),
            );
        }
    }
    for (i, shock) in s.shocks.iter().enumerate() {
        if let Shock::TreasuryFreeze { from, until } | Shock::RapidScaling { from, until, .. } = *shock {
            if until < from {
                return bad(format!("/shocks/{i}/until"), format!("`until` ({until}) comes before `from` ({from})"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_expand_in_order_before_explicit_shocks() {
        let mut s = Scenario::new(360, 10, 1);
        s.presets = vec![Preset::LeadershipRemoval, Preset::ParticipationContraction];
        s.shocks = vec![Shock::TreasuryFreeze { from: 1, until: 2 }];
        let kinds: Vec<&str> = s.all_shocks(100, 1.0).iter().map(Shock::kind).collect();
        assert_eq!(kinds, ["leadership_removal", "participation_contraction", "treasury_freeze"]);
        assert!(s.baseline().all_shocks(100, 1.0).is_empty());
    }

    #[test]
    fn errors_point_into_the_file() {
        let e = from_json_bytes(br#"{"shocks": [{"kind": "treasury_freeze", "from": 3}]}"#).expect_err("missing until");
        assert_eq!(e.code, ErrorCode::ScenarioInvalid);
        assert_eq!(e.location.to_string(), "/shocks/0");
        let e = from_json_bytes(br#"{"stepz": 3}"#).expect_err("unknown field");
        assert_eq!(e.location.to_string(), "/stepz");
        let e = from_json_bytes(br#"{"shocks": [{"kind": "participation_contraction", "at": 1, "factor": 2}]}"#)
            .expect_err("range");
        assert_eq!(e.location.to_string(), "/shocks/0/factor");
        let e = from_json_bytes(br#"{"support": {"alpha": 0, "beta": 1}}"#).expect_err("alpha 0");
        assert_eq!(e.location.to_string(), "/support/alpha");
        let e = from_json_bytes(b"{\n  \"steps\": ,\n}").expect_err("syntax");
        assert_eq!(e.code, ErrorCode::JsonSyntax);
        let ok = from_json_bytes(br#"{"steps": 10, "presets": ["rapid_scaling_stress"]}"#).expect("valid");
        assert_eq!((ok.steps, ok.runs, ok.seed), (10, 1000, 0));
    }
}
