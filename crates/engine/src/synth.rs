//! Synthetic designs of any size, for benchmarks and the studio's performance checks.
//! Deterministic: the same sizes give the same design.

use cogov_model::*;

/// A large, valid design: `members` explicit members, `roles` roles and `decision_types`
/// decision types, with a treasury, an escalation ladder, delegation and a constitution.
pub fn large(members: usize, roles: usize, decision_types: usize) -> Gco {
    let roles = roles.max(1);
    let decision_types = decision_types.max(2);
    // A cheap deterministic spread of weights and propensities (no RNG needed).
    let explicit = (0..members)
        .map(|i| Member {
            id: format!("m{i:06}"),
            name: None,
            weight: 1.0 + (i * 7919 % 1000) as f64 / 100.0,
            propensity: 0.3 + (i * 104_729 % 600) as f64 / 1000.0,
            roles: if i < roles * 3 { vec![format!("role-{:03}", i % roles)] } else { vec![] },
        })
        .collect();
    let dt_id = |k: usize| format!("dt-{k:02}");
    let role_list = (0..roles)
        .map(|r| Role {
            id: format!("role-{r:03}"),
            name: Some(format!("Role {r}")),
            description: None,
            seats: Some(5),
            term: Some(Term { length_days: 365, max_consecutive: Some(2), staggered: true }),
            eligibility: Eligibility::default(),
            permissions: vec![
                Permission { action: Action::Propose, resource: format!("decision/{}", dt_id(r % decision_types)) },
                Permission { action: Action::Vote, resource: format!("decision/{}", dt_id(r % decision_types)) },
                Permission { action: Action::View, resource: "treasury".into() },
            ],
            election_method: None,
            affiliation: Default::default(),
        })
        .collect();
    let dts = (0..decision_types)
        .map(|k| DecisionType {
            id: dt_id(k),
            name: Some(format!("Decision type {k}")),
            description: None,
            proposal_threshold: ProposalThreshold { min_weight: 1.0, roles: vec![] },
            quorum: 0.05 + 0.2 * k as f64 / decision_types as f64,
            approval: 0.5 + 0.25 * k as f64 / decision_types as f64,
            clock: Clock::Time,
            voting_delay: 86_400,
            voting_period: 7 * 86_400,
            timelock: 2 * 86_400 + k as u64 * 3600,
            signers: None,
            expected_rate: Some(0.1),
            spend: None,
            powers: Vec::new(),
            quorum_counting: None,
            absolute_threshold: None,
            vote_change_allowed: None,
            late_quorum_extension: None,
            super_quorum: None,
            veto: Vec::new(),
            exit_window: None,
        })
        .collect();
    let tier = |id: &str, min: f64, max: Option<f64>, dt: usize| AuthorizationTier {
        id: id.into(),
        min,
        max,
        decision_type: dt_id(dt),
        signers: None,
        routes: Vec::new(),
    };
    Gco {
        schema: None,
        identity: Identity {
            name: "synthetic-large".into(),
            display_name: Some(format!("Synthetic ({members} members)")),
            kind: OrgKind::Dao,
            version: semver::Version::new(1, 0, 0),
            description: Some("A generated design for benchmarks".into()),
            jurisdiction: None,
        },
        members: Members { explicit, population: None },
        roles: role_list,
        decision_types: dts,
        treasury: Some(Treasury {
            currency: "USDC".into(),
            balance: 10_000_000.0,
            inflows: vec![Inflow { source: "fees".into(), amount: 100_000.0, period: Period::Month }],
            categories: vec![TreasuryCategory { id: "ops".into(), name: None, budget_share: Some(1.0) }],
            tiers: vec![
                tier("small", 0.0, Some(10_000.0), 0),
                tier("medium", 10_000.0, Some(100_000.0), decision_types / 2),
                tier("large", 100_000.0, None, decision_types - 1),
            ],
            spending_limits: vec![],
        }),
        escalation: Some(Escalation {
            levels: vec![
                EscalationLevel {
                    id: "mediation".into(),
                    name: None,
                    decided_by: Decider::Role { role: "role-000".into() },
                    time_limit_days: Some(14),
                    next: Some("final".into()),
                    terminal: false,
                },
                EscalationLevel {
                    id: "final".into(),
                    name: None,
                    decided_by: Decider::DecisionType { decision_type: dt_id(decision_types - 1) },
                    time_limit_days: None,
                    next: None,
                    terminal: true,
                },
            ],
        }),
        incentives: None,
        delegation: Some(Delegation {
            allowed: true,
            max_depth: 2,
            edges: (0..members.min(500) / 2)
                .map(|i| DelegationEdge {
                    from: format!("m{:06}", members - 1 - i),
                    to: format!("m{:06}", i),
                    share: 1.0,
                    decision_types: vec![],
                })
                .collect(),
        }),
        constitution: Some(Constitution {
            preamble: Some("Generated.".into()),
            articles: vec![Article {
                id: "core".into(),
                title: "Core".into(),
                clauses: vec![Clause {
                    id: "purpose".into(),
                    title: None,
                    text: "The organisation exists for its members.".into(),
                    entrenched: true,
                    decision_type: None,
                }],
            }],
            amendment_rules: vec![AmendmentRule {
                id: "core-amendments".into(),
                decision_type: dt_id(decision_types - 1),
                clauses: vec!["core".into()],
                notice_days: Some(14),
            }],
        }),
        composition: None,
        mesh: None,
        resources: vec![],
        alert_thresholds: AlertThresholds::default(),
        voting_weight: None,
    }
}
