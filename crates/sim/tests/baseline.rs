//! The studio's slider loop reuses the baseline's runs between scenarios that differ only in
//! their shocks: the report must be the same bytes as a fresh simulation's, whether the kept
//! baseline is reused (same settings and watch step) or replaced (anything else changed).

use cogov_sim::{Baseline, Inputs, Scenario, Shock, simulate, simulate_reusing};
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

fn rc1() -> Inputs {
    let text = include_str!("../../../examples/rc1.json");
    let gco = cogov_engine::intake::from_json_bytes(text.as_bytes()).and_then(|d| d.into_gco()).expect("rc1");
    Inputs::from_gco(&gco).expect("inputs")
}

fn scenario(shocks: Vec<Shock>) -> Scenario {
    let mut sc = Scenario::new(120, 12, 7);
    sc.shocks = shocks;
    sc
}

fn fresh(inputs: &Inputs, sc: &Scenario) -> String {
    let report = simulate(inputs, sc, 0, &AtomicBool::new(false), &|_| {}).expect("simulates");
    serde_json::to_string(&report).expect("json")
}

fn reusing(inputs: &Inputs, sc: &Scenario, kept: &mut Option<Baseline>) -> (String, usize) {
    let first = Mutex::new(usize::MAX);
    let progress = |done: usize| {
        let mut f = first.lock().expect("lock");
        *f = (*f).min(done);
    };
    let report = simulate_reusing(inputs, sc, 0, &AtomicBool::new(false), &progress, kept).expect("simulates");
    (serde_json::to_string(&report).expect("json"), first.into_inner().expect("lock"))
}

#[test]
fn a_kept_baseline_gives_the_same_report_as_a_fresh_one() {
    let inputs = rc1();
    let mut kept = None;
    let contraction = |factor| Shock::ParticipationContraction { at: 40, factor };
    // First run: nothing kept, the baseline runs (progress starts at 1).
    let a = scenario(vec![contraction(0.3)]);
    let (json, first) = reusing(&inputs, &a, &mut kept);
    assert_eq!(json, fresh(&inputs, &a));
    assert_eq!(first, 1);
    // A slider moved the factor: same settings and watch step, the baseline is reused.
    let b = scenario(vec![contraction(0.8)]);
    let (json, first) = reusing(&inputs, &b, &mut kept);
    assert_eq!(json, fresh(&inputs, &b));
    assert_eq!(first, 13, "the reused baseline counts as done: progress starts after its 12 runs");
    // A freeze from the same step watches from the same step: reused as well.
    let c = scenario(vec![Shock::TreasuryFreeze { from: 40, until: 70 }]);
    assert_eq!(reusing(&inputs, &c, &mut kept).0, fresh(&inputs, &c));
    // The shock moved: continuity is watched from another step, the baseline runs again.
    let d = scenario(vec![Shock::ParticipationContraction { at: 60, factor: 0.8 }]);
    let (json, first) = reusing(&inputs, &d, &mut kept);
    assert_eq!(json, fresh(&inputs, &d));
    assert_eq!(first, 1);
    // Another seed, another baseline.
    let mut e = d.clone();
    e.seed = 8;
    let (json, first) = reusing(&inputs, &e, &mut kept);
    assert_eq!(json, fresh(&inputs, &e));
    assert_eq!(first, 1);
    // Two different scenarios do give different reports (the comparison above can fail).
    assert_ne!(fresh(&inputs, &a), fresh(&inputs, &b));
}

/// The report's paired deltas: without a shock the scenario is its baseline, run for run, so
/// every change is 0 with no error and within noise; a deep participation cut lowers passed
/// proposals for real (the interval below 0), the delta is the difference of the two sides'
/// means, pairing makes it tighter than two independent samples would, and the bytes do not
/// depend on the threads.
#[test]
fn paired_deltas_tell_a_real_change_from_noise() {
    let inputs = rc1();
    let none = simulate(&inputs, &scenario(vec![]), 0, &AtomicBool::new(false), &|_| {}).expect("simulates");
    let d = none.deltas.expect("deltas");
    let p = d.passed.expect("passed");
    assert_eq!((p.mean, p.se, p.within_noise, p.pairs), (0.0, 0.0, true, 12));
    assert!(d.final_balance.is_some_and(|f| f.within_noise && f.mean == 0.0));

    let cut = scenario(vec![Shock::ParticipationContraction { at: 10, factor: 0.9 }]);
    let one = simulate(&inputs, &cut, 1, &AtomicBool::new(false), &|_| {}).expect("simulates");
    let four = simulate(&inputs, &cut, 4, &AtomicBool::new(false), &|_| {}).expect("simulates");
    assert_eq!(serde_json::to_string(&one).expect("json"), serde_json::to_string(&four).expect("json"));
    let d = one.deltas.as_ref().expect("deltas");
    let p = d.passed.expect("passed");
    assert!(!p.within_noise && p.hi < 0.0, "{p:?}");
    let (s, b) = (one.scenario.figures.passed, one.baseline.figures.passed);
    assert!((p.mean - (s.mean - b.mean)).abs() < 1e-9, "{} vs {} − {}", p.mean, s.mean, b.mean);
    assert!(p.se < (s.se.powi(2) + b.se.powi(2)).sqrt(), "paired {} vs independent", p.se);
    let c = d.continuity_impact.expect("continuity impact");
    assert_eq!(Some(c.mean), one.derived.continuity_impact);
    assert!(c.se > 0.0 && c.lo < c.mean && c.mean < c.hi);
    assert_eq!(d.per_type.len(), inputs.types.len());
}
