//! The attack scenario: determinism over threads, monotone capture in the budget, the cheapest
//! budget found by bisection, what the snapshot rule does to borrowed and flash-loaned weight,
//! and bad input named by code and pointer.

use cogov_model::{ErrorCode, Gco};
use cogov_sim::attack::{AttackReport, captures, simulate_attack};
use cogov_sim::scenario::from_json_bytes;
use cogov_sim::{Inputs, Scenario};
use serde_json::json;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn design(path: &str) -> Gco {
    let bytes = std::fs::read(root().join(path)).expect("read design");
    cogov_engine::intake::from_json_bytes(&bytes).and_then(|d| d.into_gco()).expect("design reads")
}

fn scenario(attack: serde_json::Value, runs: u32) -> Scenario {
    let v = json!({"steps": 60, "runs": runs, "seed": 11, "attack": attack});
    from_json_bytes(v.to_string().as_bytes()).expect("scenario reads")
}

fn attack(gco: &Gco, sc: &Scenario, threads: usize) -> AttackReport {
    let inputs = Inputs::from_gco(gco).expect("inputs");
    simulate_attack(gco, &inputs, sc, threads).expect("attack runs").expect("an attack")
}

fn probability(r: &AttackReport, dt: &str, power: &str) -> f64 {
    r.powers
        .iter()
        .find(|p| p.decision_type == dt && p.power == power)
        .unwrap_or_else(|| panic!("{dt}/{power} in {:?}", r.powers))
        .capture_probability
}

#[test]
fn same_seed_same_report_on_any_thread_count() {
    let gco = design("examples/token-dao.json");
    let sc = scenario(json!({"budget": 5_000_000, "acquisition": "buy", "at": 10}), 300);
    let one = attack(&gco, &sc, 1);
    let four = attack(&gco, &sc, 4);
    assert_eq!(serde_json::to_string(&one).expect("json"), serde_json::to_string(&four).expect("json"));
    // Not a constant: some power is captured in some runs and not in others.
    assert!(one.powers.iter().any(|p| p.capture_probability > 0.0 && p.capture_probability < 1.0), "{one:?}");
    // Another seed draws other runs.
    let other = attack(&gco, &Scenario { seed: 12, ..sc }, 1);
    assert_ne!(serde_json::to_string(&one).expect("json"), serde_json::to_string(&other).expect("json"));
}

#[test]
fn capture_grows_with_the_budget_and_the_cheapest_budget_is_the_median_threshold() {
    let gco = design("examples/cases/build-finance-2022.json");
    let mut last = -1.0;
    for budget in [0.0, 5_000.0, 20_000.0, 60_000.0, 200_000.0, 2_000_000.0] {
        let r = attack(&gco, &scenario(json!({"budget": budget, "acquisition": "buy"}), 400), 0);
        let p = probability(&r, "proposal", "mint");
        assert!(p >= last, "capture probability fell from {last} to {p} at budget {budget}");
        last = p;
    }
    assert!(last > 0.5, "a budget buying most of the circulating supply captures minting: {last}");
    let r = attack(&gco, &scenario(json!({"budget": 2_000_000, "acquisition": "buy"}), 400), 0);
    let cheapest = r.powers[0].cheapest_budget.expect("a cheapest budget");
    let at = |b: f64| {
        let r = attack(&gco, &scenario(json!({"budget": b, "acquisition": "buy"}), 400), 0);
        r.powers[0].capture_probability
    };
    assert!(at(cheapest) >= 0.5, "the cheapest budget captures in half the runs");
    assert!(at(cheapest * 0.99) < 0.5, "1% less does not");
}

#[test]
fn a_failure_is_captured_and_a_control_is_not_at_a_realistic_budget() {
    let sc = scenario(json!({"budget": 2_000_000, "acquisition": "buy", "at": 30}), 400);
    let failure = attack(&design("examples/cases/build-finance-2022.json"), &sc, 0);
    let control = attack(&design("examples/cases/control-token-dao.json"), &sc, 0);
    let t = failure.target_power().expect("a target");
    assert!(t.capture_probability > 0.6, "failure: {t:?}");
    assert!(t.expected_loss.expect("money").mean > 0.0);
    for p in &control.powers {
        assert!(p.interval[1] < 0.1, "control: {p:?}");
    }
}

#[test]
fn flash_loans_count_only_where_weight_is_read_live() {
    let sc = scenario(json!({"budget": 50_000_000, "acquisition": "flash_loan", "price": 0.001}), 300);
    let beanstalk = attack(&design("examples/cases/beanstalk-2022.json"), &sc, 0);
    assert!(beanstalk.powers.iter().all(|p| p.weight_counts), "Beanstalk read Stalk live");
    assert!(probability(&beanstalk, "emergency-commit", "arbitrary_execution") > 0.9, "{beanstalk:?}");
    let control = attack(&design("examples/cases/control-token-dao.json"), &sc, 0);
    for p in &control.powers {
        assert!(!p.weight_counts && p.capture_probability == 0.0, "a snapshot at proposal creation: {p:?}");
        assert!(p.stopped_by.iter().any(|s| s.contains("does not count")), "{p:?}");
    }
}

#[test]
fn the_target_is_the_named_decision_type_or_the_most_profitable_power() {
    let gco = design("examples/token-dao.json");
    let named =
        attack(&gco, &scenario(json!({"budget": 9e6, "acquisition": "buy", "target": "treasury-medium"}), 200), 0);
    assert_eq!(named.target_power().expect("target").decision_type, "treasury-medium");
    let free = attack(&gco, &scenario(json!({"budget": 9e6, "acquisition": "buy"}), 200), 0);
    let t = free.target_power().expect("target");
    let loss = |p: &cogov_sim::attack::PowerAttack| p.expected_loss.map_or(0.0, |l| l.mean);
    assert!(free.powers.iter().all(|p| loss(p) <= loss(t)), "the target loses the most: {free:?}");
    // The sweep's per-run figure: some power of the named decision type captured, run by run.
    let inputs = Inputs::from_gco(&gco).expect("inputs");
    let sc = scenario(json!({"budget": 9e6, "acquisition": "buy", "target": "treasury-large"}), 200);
    let one = attack(&gco, &sc, 0);
    assert_eq!(one.powers.iter().filter(|p| p.decision_type == "treasury-large").count(), 1);
    let runs = captures(&gco, &inputs, &sc, 0..200).expect("runs");
    let mean = runs.iter().sum::<f64>() / runs.len() as f64;
    let p = one.target_power().expect("target").capture_probability;
    assert!(p > 0.0 && (mean - p).abs() < 1e-12, "{mean} against {p}");
    // A block of runs is the same runs.
    assert_eq!(captures(&gco, &inputs, &sc, 64..128).expect("block"), runs[64..128]);
}

#[test]
fn bad_attacks_name_their_code_and_pointer() {
    let read = |v: serde_json::Value| from_json_bytes(v.to_string().as_bytes());
    let e = read(json!({"attack": {"budget": -1, "acquisition": "buy"}})).expect_err("negative budget");
    assert_eq!((e.code, e.location.to_string().as_str()), (ErrorCode::AttackInvalid, "/attack/budget"));
    let e = read(json!({"attack": {"budget": 1, "acquisition": "bribe"}})).expect_err("unknown route");
    assert_eq!((e.code, e.location.to_string().as_str()), (ErrorCode::AttackInvalid, "/attack/acquisition"));
    let e = read(json!({"steps": 10, "attack": {"budget": 1, "acquisition": "buy", "at": 10}})).expect_err("at");
    assert_eq!((e.code, e.location.to_string().as_str()), (ErrorCode::AttackInvalid, "/attack/at"));
    let e = read(json!({"attack": {"budget": 1, "acquisition": "buy", "price": 0}})).expect_err("price 0");
    assert_eq!((e.code, e.location.to_string().as_str()), (ErrorCode::AttackInvalid, "/attack/price"));

    let run = |gco: &Gco, a: serde_json::Value| {
        let inputs = Inputs::from_gco(gco).expect("inputs");
        simulate_attack(gco, &inputs, &scenario(a, 10), 0).expect_err("refused")
    };
    let dao = design("examples/token-dao.json");
    let e = run(&dao, json!({"budget": 1, "acquisition": "buy", "target": "treasury-huge"}));
    assert_eq!((e.code, e.location.to_string().as_str()), (ErrorCode::AttackUnknownTarget, "/attack/target"));
    assert!(e.message.contains("treasury-large"), "names the decision types: {}", e.message);
    let coop = design("examples/cases/control-coop.json");
    let e = run(&coop, json!({"budget": 1, "acquisition": "buy", "price": 1}));
    assert_eq!((e.code, e.location.to_string().as_str()), (ErrorCode::AttackImpossible, "/attack/acquisition"));
    let build = design("examples/cases/build-finance-2022.json");
    let e = run(&build, json!({"budget": 1, "acquisition": "borrow"}));
    assert_eq!(e.code, ErrorCode::AttackImpossible, "nothing borrowable: {}", e.message);
    let rc1 = design("examples/rc1.json");
    let mut priced = rc1.clone();
    priced.voting_weight = Some(cogov_model::VotingWeight { weight_transferable: Some(true), ..Default::default() });
    let e = run(&priced, json!({"budget": 1, "acquisition": "buy"}));
    assert_eq!((e.code, e.location.to_string().as_str()), (ErrorCode::AttackNoPrice, "/attack/price"));
}

#[test]
fn a_sweep_over_the_attack_budget_gives_capture_probability_and_cost_of_capture() {
    use cogov_sim::sweep::{self, Sweep};
    let gco = design("examples/cases/build-finance-2022.json");
    let file = |objective: &str, attack: bool| {
        let mut sc = json!({"steps": 30, "runs": 130, "seed": 3});
        if attack {
            sc["attack"] = json!({"budget": 0, "acquisition": "buy", "at": 5});
        }
        let v = json!({
            "knobs": [
                {"knob": "/attack/budget", "values": [0, 20000, 2000000]},
                {"knob": "/decision_types/proposal/approval", "values": [0.5, 0.8]}
            ],
            "scenario": {"inline": sc},
            "objectives": [{"objective": objective}, {"objective": "cost_of_capture"}]
        });
        sweep::file::from_json_bytes(v.to_string().as_bytes()).expect("sweep file")
    };
    let s = Sweep::new(gco.clone(), file("capture_probability", true)).expect("sweep");
    let names: Vec<String> = sweep::objective_names().into_iter().map(|(n, _)| n).collect();
    let at = |n: &str| names.iter().position(|x| x == n).expect("objective");
    let results = s.compute(0..s.units(), &std::sync::atomic::AtomicBool::new(false), &|_| {}).expect("runs");
    let stats = s.cell_stats(&results);
    let p = |c: usize| stats[c][at("capture_probability")].0;
    // Cells: budget-major, then approval.
    assert_eq!(p(0), 0.0, "no budget, no capture");
    assert!(
        p(4) > 0.5 && p(4) >= p(2) && p(2) >= p(0),
        "grows with the budget: {:?}",
        (0..6).map(p).collect::<Vec<_>>()
    );
    assert!(p(5) > 0.5, "70% of the weight also takes a supermajority");
    let cost = |c: usize| stats[c][at("cost_of_capture")].0;
    assert!(cost(1) > cost(0) && cost(0) > 0.0, "a higher approval costs more to buy: {} vs {}", cost(1), cost(0));
    // The same figures on one thread and many.
    let one = sweep::with_threads(1, || s.compute(0..s.units(), &std::sync::atomic::AtomicBool::new(false), &|_| {}))
        .expect("pool")
        .expect("runs");
    assert_eq!(one, results);
    // Without an attack the objective and the budget knob are refused, by code and pointer.
    let e = Sweep::new(gco.clone(), file("capture_probability", false)).expect_err("no attack");
    assert_eq!(e.code, ErrorCode::SweepKnobValue, "{e:?}");
    assert_eq!(e.location.to_string(), "/knobs/0/knob");
}
