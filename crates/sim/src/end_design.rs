//! The design as a scenario's shocks leave it, and the risk delta between the two: the same
//! six scores (`cogov_engine::risk`) of the members before the first step and after the last.
//!
//! Shocks change members identically in every run (no randomness is drawn for them), so the
//! end state is one design: weights moved by incentive concentration, propensities cut by
//! participation contraction, removed leaders kept with their weight but a propensity of 0
//! (the model keeps the total weight, so they still count toward quorums), and joiners added
//! with no roles. A treasury freeze changes no member, so it moves no score.

use crate::{Inputs, Plan, Scenario, SimError};
use cogov_engine::{population, risk};
use cogov_model::{Gco, Member};
use std::collections::{HashMap, HashSet};

/// `gco` with its members as `scenario`'s shocks leave them (a generated population is
/// listed member by member).
pub fn end_design(gco: &Gco, inputs: &Inputs, scenario: &Scenario) -> Result<Gco, SimError> {
    let shocks = scenario.all_shocks(inputs.members.len(), inputs.mean_weight());
    let plan = Plan::new(inputs, &shocks, scenario.steps, scenario.support, scenario.steps)?;
    let end = plan.end_state();
    let before = population::members(gco);
    // Names by id, looked up once per member: a scan of the explicit list per member made
    // this quadratic (100,000 explicit members took seconds before the first run).
    let names: HashMap<&str, &str> =
        gco.members.explicit.iter().filter_map(|e| e.name.as_deref().map(|n| (e.id.as_str(), n))).collect();
    let count = end.weight.len();
    // Joiners' ids must not collide with members' ids; the set is only built when there are
    // joiners (a million ids cost more than the rest of this function).
    let mut taken: HashSet<String> =
        if count > before.len() { before.iter().map(|m| m.id.clone()).collect() } else { HashSet::new() };
    let at = |i: usize| if end.active[i] { end.propensity[i] } else { 0.0 };
    let mut explicit = Vec::with_capacity(count);
    for (i, m) in before.into_iter().enumerate().take(count) {
        let name = names.get(m.id.as_str()).map(|n| (*n).to_owned());
        explicit.push(Member { id: m.id, name, weight: end.weight[i], propensity: at(i), roles: m.roles });
    }
    let mut joiner = 0usize;
    for i in explicit.len()..count {
        let id = loop {
            joiner += 1;
            let id = format!("scenario-joiner-{joiner}");
            if taken.insert(id.clone()) {
                break id;
            }
        };
        explicit.push(Member { id, name: None, weight: end.weight[i], propensity: at(i), roles: Vec::new() });
    }
    let mut out = gco.clone();
    out.members.explicit = explicit;
    out.members.population = None;
    Ok(out)
}

/// The six risk scores of the design before the scenario and after it, side by side.
pub fn risk_delta(gco: &Gco, inputs: &Inputs, scenario: &Scenario) -> Result<risk::Comparison, SimError> {
    let end = end_design(gco, inputs, scenario)?;
    Ok(risk::compare(&risk::score(gco, None), &risk::score(&end, None)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Shock;
    use cogov_engine::risk::ScoreName;
    use std::collections::BTreeSet;

    fn rc1() -> (Gco, Inputs) {
        let text = include_str!("../../../examples/rc1.json");
        let gco = cogov_engine::intake::from_json_bytes(text.as_bytes()).and_then(|d| d.into_gco()).expect("rc1");
        let inputs = Inputs::from_gco(&gco).expect("inputs");
        (gco, inputs)
    }

    fn with(shocks: Vec<Shock>) -> Scenario {
        let mut sc: Scenario =
            serde_json::from_value(serde_json::json!({"steps": 52, "runs": 1, "seed": 1})).expect("scenario");
        sc.shocks = shocks;
        sc
    }

    fn delta(c: &risk::Comparison, name: ScoreName) -> f64 {
        c.deltas.iter().find(|d| d.name == name).map(|d| d.delta).expect("score")
    }

    /// No shock, no change: the end design scores as the start.
    #[test]
    fn without_shocks_every_delta_is_zero() {
        let (gco, inputs) = rc1();
        let c = risk_delta(&gco, &inputs, &with(vec![])).expect("delta");
        assert!(c.deltas.iter().all(|d| d.delta == 0.0), "{:?}", c.deltas);
    }

    /// Moving half of all weight to the five heaviest members concentrates authority.
    #[test]
    fn incentive_concentration_raises_authority_concentration() {
        let (gco, inputs) = rc1();
        let shock = Shock::IncentiveConcentration { at: 10, share: 0.5, top: 5 };
        let c = risk_delta(&gco, &inputs, &with(vec![shock])).expect("delta");
        assert!(delta(&c, ScoreName::AuthorityConcentration) > 0.0, "{:?}", c.deltas);
    }

    /// Halving everyone's participation thins the margin over the quorums.
    #[test]
    fn participation_contraction_lowers_participation_density() {
        let (gco, inputs) = rc1();
        let shock = Shock::ParticipationContraction { at: 10, factor: 0.5 };
        let c = risk_delta(&gco, &inputs, &with(vec![shock])).expect("delta");
        assert!(delta(&c, ScoreName::ParticipationDensity) < 0.0, "{:?}", c.deltas);
        assert!(c.deltas.iter().find(|d| d.name == ScoreName::ParticipationDensity).is_some_and(|d| d.worse));
    }

    /// Joiners are added after the members, with unique ids and no roles; removed leaders keep
    /// their weight and stop voting.
    #[test]
    fn joiners_are_appended_and_removed_leaders_stop_voting() {
        let (gco, inputs) = rc1();
        let n = inputs.members.len();
        let shocks = vec![
            Shock::RapidScaling { from: 0, until: 4, joiners_per_step: 3, weight: 2.0, propensity: 0.5 },
            Shock::LeadershipRemoval { at: 1, count: 2, role: None },
        ];
        let end = end_design(&gco, &inputs, &with(shocks)).expect("end");
        assert_eq!(end.members.explicit.len(), n + 12);
        assert!(end.members.explicit[n..].iter().all(|m| m.roles.is_empty() && m.weight == 2.0));
        let ids: BTreeSet<&str> = end.members.explicit.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids.len(), n + 12, "ids are unique");
        assert_eq!(end.members.explicit.iter().filter(|m| m.propensity == 0.0 && m.weight > 0.0).count(), 2);
        let total = |g: &Gco| population::members(g).iter().map(|m| m.weight).sum::<f64>();
        assert!((total(&end) - total(&gco) - 24.0).abs() < 1e-6, "weight kept, joiners' added");
    }
}
