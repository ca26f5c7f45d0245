//! Knobs: the places of a design (and of the participation assumptions) a sweep varies, named
//! in the design's own words — decision types and tiers by id, not by index.

use crate::scenario::{Preset, Scenario, Shock};
use crate::{Inputs, inputs::Member};
use cogov_engine::IntakeError;
use cogov_model::{ErrorCode, Gco, Signers};

/// What a knob sets.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A field of a decision type.
    DecisionType {
        /// Decision type id.
        id: String,
        /// The field.
        field: DtField,
    },
    /// A field of an authorisation tier.
    Tier {
        /// Tier id.
        id: String,
        /// The field.
        field: TierField,
    },
    /// Every member's propensity multiplied (an assumption, not a design change).
    ParticipationScale,
    /// The factor of every participation contraction of the scenario (an assumption).
    ParticipationContraction,
    /// The budget of the scenario's attack (an assumption about the adversary).
    AttackBudget,
}

/// Decision type fields a knob can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DtField {
    /// `quorum`.
    Quorum,
    /// `approval`.
    Approval,
    /// `voting_delay`.
    VotingDelay,
    /// `voting_period`.
    VotingPeriod,
    /// `timelock`.
    Timelock,
    /// `expected_rate`.
    ExpectedRate,
    /// `signers/required`.
    SignersRequired,
}

/// Tier fields a knob can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TierField {
    /// `min`.
    Min,
    /// `max`.
    Max,
    /// `signers/required`.
    SignersRequired,
}

const DT_FIELDS: [(&str, DtField); 7] = [
    ("quorum", DtField::Quorum),
    ("approval", DtField::Approval),
    ("voting_delay", DtField::VotingDelay),
    ("voting_period", DtField::VotingPeriod),
    ("timelock", DtField::Timelock),
    ("expected_rate", DtField::ExpectedRate),
    ("signers/required", DtField::SignersRequired),
];
const TIER_FIELDS: [(&str, TierField); 3] =
    [("min", TierField::Min), ("max", TierField::Max), ("signers/required", TierField::SignersRequired)];

impl Target {
    /// Whether the knob changes the design (else it is an assumption about the world).
    pub fn is_design(&self) -> bool {
        matches!(self, Target::DecisionType { .. } | Target::Tier { .. })
    }

    /// Whether the knob changes the simulator's inputs (members, proposal types, treasury):
    /// the baseline runs of two cells that agree on every such knob are the same runs.
    pub fn moves_inputs(&self) -> bool {
        match self {
            // Durations are not in RSM v1's inputs (the attack reads them from the design).
            Target::DecisionType { field, .. } => {
                !matches!(field, DtField::VotingDelay | DtField::VotingPeriod | DtField::Timelock)
            }
            Target::Tier { .. } | Target::ParticipationScale => true,
            Target::ParticipationContraction | Target::AttackBudget => false,
        }
    }

    /// Whether the knob changes a cell's scenario runs: its inputs, its shocks, or (when the
    /// scenario has an `attack`, which reads the whole design) its design and the budget.
    /// Cells that agree on every such knob have the same runs, bit for bit.
    pub fn moves_runs(&self, attack: bool) -> bool {
        self.moves_inputs()
            || matches!(self, Target::ParticipationContraction)
            || (attack && (self.is_design() || matches!(self, Target::AttackBudget)))
    }

    /// Whether the knob takes whole numbers (sampled values are rounded).
    pub fn integer(&self) -> bool {
        matches!(
            self,
            Target::DecisionType {
                field: DtField::VotingDelay | DtField::VotingPeriod | DtField::Timelock | DtField::SignersRequired,
                ..
            } | Target::Tier { field: TierField::SignersRequired, .. }
        )
    }

    /// The values the knob accepts, inclusive.
    pub fn domain(&self) -> (f64, f64) {
        match self {
            Target::DecisionType { field: DtField::Quorum | DtField::Approval, .. } => (0.0, 1.0),
            Target::DecisionType { field: DtField::SignersRequired, .. }
            | Target::Tier { field: TierField::SignersRequired, .. } => (1.0, 1_000_000.0),
            Target::ParticipationContraction => (0.0, 1.0),
            _ => (0.0, f64::MAX),
        }
    }
}

/// Every knob of a design, by name, in a fixed order.
pub fn catalogue(gco: &Gco) -> Vec<(String, Target)> {
    let mut out = Vec::new();
    for dt in &gco.decision_types {
        for (name, field) in DT_FIELDS {
            if field == DtField::SignersRequired && dt.signers.is_none() {
                continue;
            }
            out.push((format!("/decision_types/{}/{name}", dt.id), Target::DecisionType { id: dt.id.clone(), field }));
        }
    }
    for t in gco.treasury.iter().flat_map(|t| &t.tiers) {
        for (name, field) in TIER_FIELDS {
            if field == TierField::SignersRequired && t.signers.is_none() {
                continue;
            }
            out.push((format!("/treasury/tiers/{}/{name}", t.id), Target::Tier { id: t.id.clone(), field }));
        }
    }
    out.push(("/participation/scale".to_owned(), Target::ParticipationScale));
    out.push(("/participation/contraction".to_owned(), Target::ParticipationContraction));
    out.push(("/attack/budget".to_owned(), Target::AttackBudget));
    out
}

/// A design knob's value in `gco` (`None` for an assumption knob, or a field the design leaves
/// unset): where a sweep's range starts from.
pub fn current(gco: &Gco, target: &Target) -> Option<f64> {
    match target {
        Target::DecisionType { id, field } => {
            let dt = gco.decision_types.iter().find(|d| &d.id == id)?;
            Some(match field {
                DtField::Quorum => dt.quorum,
                DtField::Approval => dt.approval,
                DtField::VotingDelay => dt.voting_delay as f64,
                DtField::VotingPeriod => dt.voting_period as f64,
                DtField::Timelock => dt.timelock as f64,
                DtField::ExpectedRate => dt.expected_rate?,
                DtField::SignersRequired => f64::from(dt.signers.as_ref()?.required),
            })
        }
        Target::Tier { id, field } => {
            let t = gco.treasury.iter().flat_map(|t| &t.tiers).find(|t| &t.id == id)?;
            match field {
                TierField::Min => Some(t.min),
                TierField::Max => t.max,
                TierField::SignersRequired => Some(f64::from(t.signers.as_ref()?.required)),
            }
        }
        Target::ParticipationScale | Target::ParticipationContraction | Target::AttackBudget => None,
    }
}

/// The knob of that name, or `GOV-X041` at `pointer` naming the closest valid knob.
pub fn resolve(gco: &Gco, name: &str, pointer: &str) -> Result<Target, IntakeError> {
    let all = catalogue(gco);
    if let Some((_, t)) = all.iter().find(|(n, _)| n == name) {
        return Ok(t.clone());
    }
    let closest = all.iter().map(|(n, _)| (levenshtein(n, name), n)).min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
    let hint = closest.map_or(String::new(), |(_, n)| format!("; the closest valid knob is `{n}`"));
    Err(IntakeError::at_pointer(ErrorCode::SweepUnknownKnob, pointer, format!("unknown knob `{name}`{hint}")))
}

/// Edit distance (insertions, deletions, substitutions) between two strings, by characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

fn set_required(s: Option<&mut Signers>, v: f64) {
    if let Some(s) = s {
        s.required = v as u32;
    }
}

/// `gco` with the design knobs set (assumption knobs are left to [`apply_inputs`]).
pub fn apply_design(gco: &mut Gco, knobs: &[(Target, f64)]) {
    for (target, v) in knobs {
        let v = *v;
        match target {
            Target::DecisionType { id, field } => {
                let Some(dt) = gco.decision_types.iter_mut().find(|d| &d.id == id) else { continue };
                match field {
                    DtField::Quorum => dt.quorum = v,
                    DtField::Approval => dt.approval = v,
                    DtField::VotingDelay => dt.voting_delay = v as u64,
                    DtField::VotingPeriod => dt.voting_period = v as u64,
                    DtField::Timelock => dt.timelock = v as u64,
                    DtField::ExpectedRate => dt.expected_rate = Some(v),
                    DtField::SignersRequired => set_required(dt.signers.as_mut(), v),
                }
            }
            Target::Tier { id, field } => {
                let Some(t) = gco.treasury.iter_mut().flat_map(|t| t.tiers.iter_mut()).find(|t| &t.id == id) else {
                    continue;
                };
                match field {
                    TierField::Min => t.min = v,
                    TierField::Max => t.max = Some(v),
                    TierField::SignersRequired => set_required(t.signers.as_mut(), v),
                }
            }
            Target::ParticipationScale | Target::ParticipationContraction | Target::AttackBudget => {}
        }
    }
}

/// The assumption knobs applied to the model's inputs (propensities scaled, clamped to 1).
pub fn apply_inputs(inputs: &mut Inputs, knobs: &[(Target, f64)]) {
    for (target, v) in knobs {
        if *target == Target::ParticipationScale {
            for Member { propensity, .. } in &mut inputs.members {
                *propensity = (*propensity * v).clamp(0.0, 1.0);
            }
        }
    }
}

/// The scenario's shocks in force (presets expanded), with the contraction knob applied.
pub fn shocks(scenario: &Scenario, inputs: &Inputs, knobs: &[(Target, f64)]) -> Vec<Shock> {
    let mut shocks = scenario.all_shocks(inputs.members.len(), inputs.mean_weight());
    for (target, v) in knobs {
        if *target == Target::ParticipationContraction {
            for s in &mut shocks {
                if let Shock::ParticipationContraction { factor, .. } = s {
                    *factor = *v;
                }
            }
        }
    }
    shocks
}

/// The scenario's attack with the budget knob applied (`None` without an attack).
pub fn attack(scenario: &Scenario, knobs: &[(Target, f64)]) -> Option<crate::scenario::Attack> {
    let mut a = scenario.attack.clone()?;
    for (target, v) in knobs {
        if *target == Target::AttackBudget {
            a.budget = *v;
        }
    }
    Some(a)
}

/// Whether the scenario has a participation contraction for the contraction knob to set.
pub fn has_contraction(scenario: &Scenario) -> bool {
    scenario.presets.contains(&Preset::ParticipationContraction)
        || scenario.shocks.iter().any(|s| matches!(s, Shock::ParticipationContraction { .. }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(levenshtein("quorum", "quorum"), 0);
        assert_eq!(levenshtein("quorum", "qourum"), 2);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
