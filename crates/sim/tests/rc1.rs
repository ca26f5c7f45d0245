//! RC-1 ships as `examples/rc1.json` (a GCO) and `examples/scenarios/rc1.scenario.json`; this
//! checks that the translation carries exactly the members, proposal types, treasury, support,
//! steps and shocks of the reference case (`tests/data/spec/rc1.json`, a copy of the spec's).

use cogov_sim::{Inputs, Shock};
use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(p: &str) -> Vec<u8> {
    std::fs::read(root().join(p)).expect("read")
}

#[test]
fn the_rc1_example_carries_the_reference_case_exactly() {
    let spec: Value = serde_json::from_slice(&read("tests/data/spec/rc1.json")).expect("spec json");
    let gco =
        cogov_engine::intake::from_json_bytes(&read("examples/rc1.json")).and_then(|d| d.into_gco()).expect("gco");
    let inputs = Inputs::from_gco(&gco).expect("inputs");
    let sc = cogov_sim::scenario::from_json_bytes(&read("examples/scenarios/rc1.scenario.json")).expect("scenario");

    let members = spec["members"].as_array().expect("members");
    assert_eq!(inputs.members.len(), members.len());
    for (m, s) in inputs.members.iter().zip(members) {
        assert_eq!(m.id, s["id"].as_str().expect("id"));
        assert_eq!(m.weight, s["weight"].as_f64().expect("weight"), "{}", m.id);
        assert_eq!(m.propensity, s["propensity"].as_f64().expect("propensity"), "{}", m.id);
        let roles: Vec<&str> = m.roles.iter().map(|&r| inputs.roles[r].as_str()).collect();
        let want: Vec<&str> = s["roles"].as_array().expect("roles").iter().filter_map(Value::as_str).collect();
        assert_eq!(roles, want, "{}", m.id);
    }

    let types = spec["proposal_types"].as_array().expect("types");
    assert_eq!(inputs.types.len(), types.len());
    for (t, s) in inputs.types.iter().zip(types) {
        assert_eq!(t.id, s["id"].as_str().expect("id"));
        assert_eq!(t.rate, s["rate"].as_f64().expect("rate"), "{}", t.id);
        assert_eq!(t.quorum, s["quorum"].as_f64().expect("quorum"), "{}", t.id);
        assert_eq!(t.approval, s["approval"].as_f64().expect("approval"), "{}", t.id);
        let signers = t.signers.as_ref().map(|g| (inputs.roles[g.role].clone(), u64::from(g.required)));
        let want = s["signers"]
            .as_object()
            .map(|g| (g["role"].as_str().expect("role").to_owned(), g["required"].as_u64().expect("required")));
        assert_eq!(signers, want, "{}", t.id);
        let spend = s["spend"].as_object().map(|g| (g["min"].as_f64().expect("min"), g["max"].as_f64().expect("max")));
        assert_eq!(t.spend, spend, "{}", t.id);
    }

    assert_eq!(inputs.treasury.initial, spec["treasury"]["initial"].as_f64().expect("initial"));
    assert_eq!(inputs.treasury.inflow_per_step, spec["treasury"]["inflow_per_step"].as_f64().expect("inflow"));
    assert_eq!(sc.support.alpha, spec["support"]["alpha"].as_f64().expect("alpha"));
    assert_eq!(sc.support.beta, spec["support"]["beta"].as_f64().expect("beta"));
    assert_eq!(u64::from(sc.steps), spec["steps"].as_u64().expect("steps"));
    assert!(sc.presets.is_empty());
    let shocks: Vec<Shock> = serde_json::from_value(spec["shocks"].clone()).expect("the spec's shocks read as ours");
    assert_eq!(sc.shocks, shocks);
}
