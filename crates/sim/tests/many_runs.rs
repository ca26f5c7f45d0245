//! Beyond `stats::EXACT_VALUES` runs a simulation summarises runs as they finish instead of
//! keeping them: the report must still be the same bytes on any number of threads, its bands
//! must stay within the sketch's accuracy of the exact ones, and it must say it was sketched.

use cogov_sim::stats::{EXACT_VALUES, SKETCH_ACCURACY};
use cogov_sim::{Band, Inputs, Plan, Scenario, Shock, simulate};
use std::sync::atomic::AtomicBool;

fn coop() -> Inputs {
    let text = include_str!("../../../examples/worker-coop.json");
    let gco = cogov_engine::intake::from_json_bytes(text.as_bytes()).and_then(|d| d.into_gco()).expect("coop");
    Inputs::from_gco(&gco).expect("inputs")
}

fn scenario(runs: u32) -> Scenario {
    let mut sc = Scenario::new(40, runs, 11);
    sc.shocks = vec![Shock::ParticipationContraction { at: 10, factor: 0.5 }];
    sc
}

#[test]
fn a_sketched_report_is_thread_independent_and_close_to_the_exact_one() {
    let inputs = coop();
    let runs = EXACT_VALUES as u32 + 2_500;
    let sc = scenario(runs);
    let report = |threads| simulate(&inputs, &sc, threads, &AtomicBool::new(false), &|_| {}).expect("simulates");
    let one = report(1);
    let two = report(2);
    assert_eq!(serde_json::to_string(&one).expect("json"), serde_json::to_string(&two).expect("json"));
    assert!(one.sketched, "{runs} runs of a continuous balance are sketched");

    // The exact band, from every run kept.
    let shocks = sc.all_shocks(inputs.members.len(), inputs.mean_weight());
    let first = shocks.iter().filter_map(|s| s.first_step(sc.steps)).min().expect("a shock");
    let plan = Plan::new(&inputs, &shocks, sc.steps, sc.support, first).expect("plan");
    let all: Vec<_> = (0..u64::from(runs)).map(|r| plan.run(sc.seed, r)).collect();
    let exact = Band::of(all.len(), sc.steps as usize, |r, t| all[r].balance[t]);
    let close =
        |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 2.0 * SKETCH_ACCURACY * y.abs() + 1e-9);
    let got = &one.scenario.balance;
    assert!(close(&got.p5, &exact.p5) && close(&got.p50, &exact.p50) && close(&got.p95, &exact.p95));
    // Counts of passed proposals stay exact: few distinct values are counted one by one.
    let passed = Band::of(all.len(), sc.steps as usize, |r, t| f64::from(all[r].passed_per_step[t]));
    assert_eq!(one.scenario.passed, passed);
    let mean_passed = all.iter().map(|r| f64::from(r.total.passed)).sum::<f64>() / f64::from(runs);
    assert!((one.figures.passed.mean - mean_passed).abs() < 1e-9 * mean_passed.max(1.0));
}

#[test]
fn a_report_within_the_bound_is_not_marked_sketched() {
    let report = simulate(&coop(), &scenario(300), 0, &AtomicBool::new(false), &|_| {}).expect("simulates");
    assert!(!report.sketched);
    assert!(!serde_json::to_string(&report).expect("json").contains("sketched"));
}
