//! The compiled Cedar policies decide exactly as the permission matrix does: over generated
//! designs, for every role, action and resource, the real Cedar authorizer's decision (for a
//! member holding just that role) equals the matrix cell.

use cogov_engine::compile;
use cogov_model::{Action, Gco};
use proptest::prelude::*;
use serde_json::json;

/// A valid design with `roles` roles, each granting some of the given permissions.
fn design(grants: &[Vec<(usize, usize)>], clauses: usize) -> Gco {
    let resources: Vec<String> = resource_names(clauses);
    let roles: Vec<serde_json::Value> = grants
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let perms: Vec<_> = g
                .iter()
                .map(|&(a, r)| json!({ "action": Action::ALL[a % Action::ALL.len()].as_str(), "resource": resources[r % resources.len()] }))
                .collect();
            json!({ "id": format!("role \"{i}\"/x"), "permissions": perms })
        })
        .collect();
    let holder_roles: Vec<String> = (0..grants.len()).map(|i| format!("role \"{i}\"/x")).collect();
    let clauses_json: Vec<_> =
        (0..clauses).map(|c| json!({ "id": format!("c{c}"), "text": "A clause.", "entrenched": c == 0 })).collect();
    let v = json!({
        "identity": { "name": "generated", "kind": "dao", "version": "1.0.0" },
        "members": { "explicit": [ { "id": "ana", "weight": 1, "propensity": 0.9, "roles": holder_roles } ] },
        "roles": roles,
        "decision_types": [ { "id": "general", "quorum": 0.1, "approval": 0.66, "voting_delay": 86400,
                              "voting_period": 604800, "timelock": 86400 } ],
        "treasury": { "currency": "EUR", "balance": 1000, "categories": [ { "id": "ops" }, { "id": "grants" } ],
                      "tiers": [ { "id": "all", "min": 0, "decision_type": "general" } ] },
        "escalation": { "levels": [ { "id": "final", "decided_by": { "kind": "decision_type", "decision_type": "general" }, "terminal": true } ] },
        "constitution": { "articles": [ { "id": "core", "title": "Core", "clauses": clauses_json } ],
                          "amendment_rules": [ { "id": "all", "decision_type": "general", "clauses": ["core"] } ] },
        "resources": [ { "id": "repo" } ]
    });
    cogov_engine::intake::from_value(v).into_gco().expect("generated design reads")
}

fn resource_names(clauses: usize) -> Vec<String> {
    let mut v: Vec<String> = [
        "members",
        "treasury",
        "treasury/ops",
        "treasury/grants",
        "decision/general",
        "constitution",
        "constitution/core",
        "escalation",
        "escalation/final",
        "resource/repo",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.extend((0..clauses).map(|c| format!("constitution/c{c}")));
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn cedar_decides_as_the_matrix(
        grants in prop::collection::vec(prop::collection::vec((0usize..14, 0usize..16), 0..8), 1..5),
        clauses in 1usize..4,
    ) {
        let g = design(&grants, clauses);
        let compiled = compile::compile(&g).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let engine = compiled.cedar_engine().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let m = &compiled.matrix;
        prop_assert_eq!(m.resources.len(), resource_names(clauses).len() + grants.len(), "and one `role/<id>` per role");
        for role in &m.roles {
            let (entities, probe) = engine.with_probe(role).map_err(|e| TestCaseError::fail(e.to_string()))?;
            for action in Action::ALL {
                for r in &m.resources {
                    let cedar = engine.is_allowed(&entities, &probe, action, &r.id);
                    prop_assert_eq!(cedar, m.allows(role, action, &r.id), "{} {} {}", role, action.as_str(), r.id);
                }
            }
        }
        // The explicit member holding every role may do whatever any role may.
        for gr in &m.grants {
            prop_assert!(engine.is_allowed(&engine.entities, "ana", gr.action, &gr.resource));
        }
    }
}
