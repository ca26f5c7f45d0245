//! The model's inputs, read from a design (GCO).
//!
//! - members: the explicit members, then the population generator's, in that order;
//! - proposal types: the decision types in declared order, with `expected_rate` (per day) as
//!   the arrival rate (absent: 0, the type never arrives), their quorum, approval and signers
//!   (else the signers of the authorisation tier naming the type), and their `spend` range
//!   (else the bounded authorisation tier naming the type, else no spend);
//! - treasury: the balance as the initial balance, the inflows as a rate per day.

use cogov_engine::IntakeError;
use cogov_engine::population;
use cogov_model::{ErrorCode, Gco, Signers};

/// One member.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Member id.
    pub id: String,
    /// Voting weight `w_i >= 0`.
    pub weight: f64,
    /// Participation propensity `p_i` in [0, 1].
    pub propensity: f64,
    /// Indices into [`Inputs::roles`].
    pub roles: Vec<usize>,
}

/// m approvals from the active holders of a role.
#[derive(Debug, Clone, PartialEq)]
pub struct SignerRule {
    /// Index into [`Inputs::roles`].
    pub role: usize,
    /// m.
    pub required: u32,
}

/// One proposal type.
#[derive(Debug, Clone, PartialEq)]
pub struct ProposalType {
    /// Decision type id.
    pub id: String,
    /// Arrivals per step (Poisson mean).
    pub rate: f64,
    /// Share of `W` that must be cast.
    pub quorum: f64,
    /// Share of the cast weight that must say yes.
    pub approval: f64,
    /// Signers, if any.
    pub signers: Option<SignerRule>,
    /// Spend range `[min, max]`, if any.
    pub spend: Option<(f64, f64)>,
}

/// The treasury.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TreasuryInput {
    /// Initial balance `B_0`.
    pub initial: f64,
    /// Inflow per step `r`.
    pub inflow_per_step: f64,
}

/// Everything RSM v1 needs apart from the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    /// Members in a fixed order.
    pub members: Vec<Member>,
    /// Role ids (signer roles and roles held).
    pub roles: Vec<String>,
    /// Proposal types in declared order.
    pub types: Vec<ProposalType>,
    /// The treasury.
    pub treasury: TreasuryInput,
}

impl Inputs {
    /// The index of a role, added if new.
    pub fn role_index(&mut self, id: &str) -> usize {
        match self.roles.iter().position(|r| r == id) {
            Some(i) => i,
            None => {
                self.roles.push(id.to_owned());
                self.roles.len() - 1
            }
        }
    }

    /// Reads the inputs from a design. Fails (`GOV-X021`) when the members carry no weight.
    pub fn from_gco(gco: &Gco) -> Result<Inputs, IntakeError> {
        let mut inputs = Inputs {
            members: Vec::new(),
            roles: Vec::new(),
            types: Vec::new(),
            treasury: TreasuryInput { initial: 0.0, inflow_per_step: 0.0 },
        };
        for m in population::members(gco) {
            let roles = m.roles.iter().map(|r| inputs.role_index(r)).collect();
            let weight = if m.weight.is_finite() { m.weight.max(0.0) } else { 0.0 };
            let propensity = if m.propensity.is_nan() { 0.0 } else { m.propensity.clamp(0.0, 1.0) };
            inputs.members.push(Member { id: m.id, weight, propensity, roles });
        }
        if inputs.members.iter().map(|m| m.weight).sum::<f64>() <= 0.0 {
            return Err(IntakeError::at_pointer(
                ErrorCode::SimulationInputs,
                "/members",
                "the members' total voting weight is 0: quorum cannot be measured",
            ));
        }
        let tiers = gco.treasury.as_ref().map(|t| t.tiers.as_slice()).unwrap_or_default();
        for dt in &gco.decision_types {
            let tier = tiers.iter().find(|t| t.decision_type == dt.id);
            let signers: Option<&Signers> = dt.signers.as_ref().or(tier.and_then(|t| t.signers.as_ref()));
            let signers = signers.map(|s| SignerRule { role: inputs.role_index(&s.role), required: s.required });
            let spend = dt
                .spend
                .map(|s| (s.min, s.max))
                .or(tier.and_then(|t| t.max.map(|max| (t.min, max))))
                .filter(|(a, b)| a.is_finite() && b.is_finite() && *a >= 0.0 && a <= b);
            let rate = dt.expected_rate.filter(|r| r.is_finite() && *r > 0.0).unwrap_or(0.0);
            inputs.types.push(ProposalType {
                id: dt.id.clone(),
                rate,
                quorum: dt.quorum.clamp(0.0, 1.0),
                approval: dt.approval.clamp(0.0, 1.0),
                signers,
                spend,
            });
        }
        if let Some(t) = &gco.treasury {
            inputs.treasury = TreasuryInput {
                initial: t.balance,
                inflow_per_step: t.inflows.iter().map(|i| i.amount / i.period.days()).sum(),
            };
        }
        Ok(inputs)
    }

    /// Total weight `W` at the start.
    pub fn total_weight(&self) -> f64 {
        self.members.iter().map(|m| m.weight).sum()
    }

    /// `sum(w_i * p_i) / W`: the exact expected turnout of a proposal with no shock.
    pub fn expected_turnout(&self) -> f64 {
        self.members.iter().map(|m| m.weight * m.propensity).sum::<f64>() / self.total_weight()
    }

    /// Mean weight of a member at the start.
    pub fn mean_weight(&self) -> f64 {
        self.total_weight() / self.members.len().max(1) as f64
    }
}
