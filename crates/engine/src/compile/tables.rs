//! The compiled tables: proposal types, the decision threshold matrix, treasury authorisation
//! tiers, the escalation ladder, incentive mechanisms, policy objects and execution rules.

use cogov_model::{Clock, Decider, DecisionType, Gco, Mechanism, Signers};
use serde::Serialize;
use serde_json::{Value, json};

/// m of n signers of a role, n resolved from the role's seats when not given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignerRule {
    /// The role whose holders sign.
    pub role: String,
    /// Signatures required.
    pub required: u32,
    /// Size of the signer set, when known.
    pub of: Option<u32>,
}

impl SignerRule {
    fn of(gco: &Gco, s: &Signers) -> SignerRule {
        SignerRule {
            role: s.role.clone(),
            required: s.required,
            of: s.of.or_else(|| gco.role(&s.role).and_then(|r| r.seats)),
        }
    }
}

/// The clock of a decision type, in words a machine reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClockRule {
    /// `time` or `blocks`.
    #[cfg_attr(feature = "ts", ts(type = "\"time\" | \"blocks\""))]
    pub kind: &'static str,
    /// Seconds per unit: 1 on a time clock, the block time on a block clock.
    pub seconds_per_unit: f64,
}

fn clock(c: &Clock) -> ClockRule {
    match c {
        Clock::Time => ClockRule { kind: "time", seconds_per_unit: 1.0 },
        Clock::Blocks { block_time } => ClockRule { kind: "blocks", seconds_per_unit: block_time.unwrap_or(0.0) },
    }
}

/// One row of the decision threshold matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Thresholds {
    /// The decision type.
    pub decision_type: String,
    /// Share of total weight that must be cast.
    pub quorum: f64,
    /// Share of cast weight that must approve.
    pub approval: f64,
    /// Voting delay, in clock units.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub voting_delay: u64,
    /// Voting period, in clock units.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub voting_period: u64,
    /// Timelock, in clock units.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub timelock: u64,
    /// Signers required after the vote.
    pub signers: Option<SignerRule>,
    /// The clock.
    pub clock: ClockRule,
}

/// The threshold matrix: one row per decision type, in document order.
pub fn thresholds(gco: &Gco) -> Vec<Thresholds> {
    gco.decision_types
        .iter()
        .map(|d| Thresholds {
            decision_type: d.id.clone(),
            quorum: d.quorum,
            approval: d.approval,
            voting_delay: d.voting_delay,
            voting_period: d.voting_period,
            timelock: d.timelock,
            signers: d.signers.as_ref().map(|s| SignerRule::of(gco, s)),
            clock: clock(&d.clock),
        })
        .collect()
}

/// A proposal type: who may propose it, how it is decided, and what it decides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposalType {
    /// The decision type id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Roles allowed to propose; empty means any member.
    pub proposer_roles: Vec<String>,
    /// Minimum voting weight of a proposer.
    pub proposer_min_weight: f64,
    /// The treasury tiers it authorises.
    pub authorises_tiers: Vec<String>,
    /// The clauses and articles it may amend (through amendment rules).
    pub amends: Vec<String>,
    /// The roles it elects or appoints.
    pub elects: Vec<String>,
    /// The escalation levels it decides.
    pub decides_levels: Vec<String>,
    /// The clauses that require it.
    pub required_by_clauses: Vec<String>,
}

/// The proposal types, in document order.
pub fn proposal_types(gco: &Gco) -> Vec<ProposalType> {
    gco.decision_types
        .iter()
        .map(|d: &DecisionType| {
            let tiers = gco
                .treasury
                .iter()
                .flat_map(|t| &t.tiers)
                .filter(|t| t.decision_type == d.id)
                .map(|t| t.id.clone())
                .collect();
            let amends = gco
                .constitution
                .iter()
                .flat_map(|c| &c.amendment_rules)
                .filter(|r| r.decision_type == d.id)
                .flat_map(|r| r.clauses.iter().cloned())
                .collect();
            let elects = gco
                .roles
                .iter()
                .filter(|r| r.eligibility.elected_by.as_deref() == Some(d.id.as_str()))
                .map(|r| r.id.clone())
                .collect();
            let levels = gco
                .escalation
                .iter()
                .flat_map(|e| &e.levels)
                .filter(|l| matches!(&l.decided_by, Decider::DecisionType { decision_type } if *decision_type == d.id))
                .map(|l| l.id.clone())
                .collect();
            let clauses = gco
                .clauses()
                .filter(|(_, c)| c.decision_type.as_deref() == Some(d.id.as_str()))
                .map(|(_, c)| c.id.clone())
                .collect();
            ProposalType {
                id: d.id.clone(),
                name: d.name.clone().unwrap_or_else(|| d.id.clone()),
                description: d.description.clone(),
                proposer_roles: d.proposal_threshold.roles.clone(),
                proposer_min_weight: d.proposal_threshold.min_weight,
                authorises_tiers: tiers,
                amends,
                elects,
                decides_levels: levels,
                required_by_clauses: clauses,
            }
        })
        .collect()
}

/// A treasury authorisation tier: spends in `[min, max)` take this decision path.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Tier {
    /// Tier id.
    pub id: String,
    /// Lowest amount (inclusive).
    pub min: f64,
    /// Highest amount (exclusive); `None` is unbounded.
    pub max: Option<f64>,
    /// Unit of account.
    pub currency: String,
    /// The decision type that authorises it.
    pub decision_type: String,
    /// Signers of the decision type itself.
    pub decision_signers: Option<SignerRule>,
    /// Signers the tier requires beyond the decision type's.
    pub tier_signers: Option<SignerRule>,
}

/// The tiers, lowest amount first.
pub fn tiers(gco: &Gco) -> Vec<Tier> {
    let Some(t) = &gco.treasury else { return Vec::new() };
    let mut v: Vec<Tier> = t
        .tiers
        .iter()
        .map(|x| Tier {
            id: x.id.clone(),
            min: x.min,
            max: x.max,
            currency: t.currency.clone(),
            decision_type: x.decision_type.clone(),
            decision_signers: gco
                .decision_type(&x.decision_type)
                .and_then(|d| d.signers.as_ref())
                .map(|s| SignerRule::of(gco, s)),
            tier_signers: x.signers.as_ref().map(|s| SignerRule::of(gco, s)),
        })
        .collect();
    v.sort_by(|a, b| a.min.total_cmp(&b.min).then_with(|| a.id.cmp(&b.id)));
    v
}

/// One rung of the escalation ladder.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rung {
    /// Position on the ladder, from 1.
    pub step: usize,
    /// Level id.
    pub level: String,
    /// Who decides: `role:<id>`, `decision_type:<id>` or `external:<body>`.
    pub decided_by: String,
    /// Days before the matter escalates.
    pub time_limit_days: Option<u32>,
    /// The next level, if any.
    pub next: Option<String>,
    /// Whether the decision here is final.
    pub terminal: bool,
}

/// The ladder, walked from the first level along `next`; levels the walk does not reach
/// follow, in document order.
pub fn ladder(gco: &Gco) -> Vec<Rung> {
    let Some(e) = &gco.escalation else { return Vec::new() };
    let mut order: Vec<usize> = Vec::new();
    let mut at = if e.levels.is_empty() { None } else { Some(0) };
    while let Some(i) = at {
        if order.contains(&i) {
            break;
        }
        order.push(i);
        at = e.levels[i].next.as_ref().and_then(|n| e.levels.iter().position(|l| &l.id == n));
    }
    order.extend((0..e.levels.len()).filter(|i| !order.contains(i)).collect::<Vec<_>>());
    order
        .into_iter()
        .enumerate()
        .map(|(k, i)| {
            let l = &e.levels[i];
            Rung {
                step: k + 1,
                level: l.id.clone(),
                decided_by: match &l.decided_by {
                    Decider::Role { role } => format!("role:{role}"),
                    Decider::DecisionType { decision_type } => format!("decision_type:{decision_type}"),
                    Decider::External { body } => format!("external:{body}"),
                },
                time_limit_days: l.time_limit_days,
                next: l.next.clone(),
                terminal: l.terminal,
            }
        })
        .collect()
}

/// The incentive mechanisms in force, or `None` when incentives are not enabled.
pub fn incentives(gco: &Gco) -> Option<Vec<Mechanism>> {
    gco.incentives.as_ref().filter(|i| i.enabled).map(|i| i.mechanisms.clone())
}

/// Policy objects: the constraints an execution layer enforces besides the permission matrix.
pub fn policy_objects(gco: &Gco) -> Value {
    let roles: Vec<Value> = gco
        .roles
        .iter()
        .map(|r| {
            json!({
                "role": r.id,
                "seats": r.seats,
                "term_days": r.term.as_ref().map(|t| t.length_days),
                "max_consecutive_terms": r.term.as_ref().and_then(|t| t.max_consecutive),
                "min_weight": r.eligibility.min_weight,
                "requires_roles": r.eligibility.requires_roles,
                "incompatible_roles": r.eligibility.incompatible_roles,
                "elected_by": r.eligibility.elected_by,
            })
        })
        .collect();
    let limits: Vec<Value> = gco
        .treasury
        .iter()
        .flat_map(|t| &t.spending_limits)
        .map(|l| {
            json!({ "role": l.role, "category": l.category, "amount": l.amount,
                    "period_days": l.period.days() })
        })
        .collect();
    let entrenched: Vec<&str> = gco.clauses().filter(|(_, c)| c.entrenched).map(|(_, c)| c.id.as_str()).collect();
    let amendments: Vec<Value> = gco
        .constitution
        .iter()
        .flat_map(|c| &c.amendment_rules)
        .map(|r| json!({ "rule": r.id, "decision_type": r.decision_type, "clauses": r.clauses, "notice_days": r.notice_days }))
        .collect();
    let delegation = gco.delegation.as_ref().map(|d| json!({ "allowed": d.allowed, "max_depth": d.max_depth }));
    let trust: Vec<Value> = gco
        .mesh
        .iter()
        .flat_map(|m| &m.trust_domains)
        .flat_map(|d| {
            d.policies.iter().map(move |p| {
                json!({ "trust_domain": d.id, "rule": p.id, "requires": p.rule,
                        "enforcement": serde_json::to_value(p.enforcement).unwrap_or(Value::Null) })
            })
        })
        .collect();
    json!({
        "roles": roles,
        "spending_limits": limits,
        "entrenched_clauses": entrenched,
        "amendment_rules": amendments,
        "delegation": delegation,
        "trust_domain_rules": trust,
    })
}

/// Execution rules: the steps a proposal of each type goes through, and how a spend of an
/// amount finds its path.
pub fn execution_rules(gco: &Gco) -> Value {
    let decisions: Vec<Value> = gco
        .decision_types
        .iter()
        .map(|d| {
            let mut steps = vec![
                json!({ "step": "propose", "roles": d.proposal_threshold.roles, "min_weight": d.proposal_threshold.min_weight }),
                json!({ "step": "wait", "units": d.voting_delay }),
                json!({ "step": "vote", "units": d.voting_period, "quorum": d.quorum, "approval": d.approval }),
            ];
            if d.timelock > 0 {
                steps.push(json!({ "step": "timelock", "units": d.timelock }));
            }
            if let Some(s) = &d.signers {
                let s = SignerRule::of(gco, s);
                steps.push(json!({ "step": "sign", "role": s.role, "required": s.required, "of": s.of }));
            }
            steps.push(json!({ "step": "execute" }));
            json!({ "decision_type": d.id, "clock": clock(&d.clock), "steps": steps })
        })
        .collect();
    let spend: Vec<Value> = tiers(gco)
        .into_iter()
        .map(|t| {
            json!({ "when_amount_at_least": t.min, "and_below": t.max, "tier": t.id,
                    "decide_by": t.decision_type, "then_sign": t.tier_signers })
        })
        .collect();
    json!({ "decisions": decisions, "spend": spend })
}
