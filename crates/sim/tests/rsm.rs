//! The checks RSM v1 lists, one test per shock kind, and thread-count determinism.

use cogov_sim::inputs::{Member, ProposalType, SignerRule, TreasuryInput};
use cogov_sim::{Inputs, Report, Scenario, Shock, Support, simulate};
use std::sync::atomic::AtomicBool;

fn rc1() -> (Inputs, Scenario) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let gco = cogov_engine::intake::from_json_bytes(&std::fs::read(root.join("examples/rc1.json")).expect("read"))
        .and_then(|d| d.into_gco())
        .expect("rc1 reads");
    let sc = cogov_sim::scenario::from_json_bytes(
        &std::fs::read(root.join("examples/scenarios/rc1.scenario.json")).expect("read"),
    )
    .expect("scenario reads");
    (Inputs::from_gco(&gco).expect("inputs"), sc)
}

fn run(inputs: &Inputs, sc: &Scenario, threads: usize) -> Report {
    simulate(inputs, sc, threads, &AtomicBool::new(false), &|_| {}).expect("simulates")
}

/// A small design: members `(weight, propensity, roles)`, one proposal type.
fn design(members: &[(f64, f64, &[usize])], ty: ProposalType, roles: usize) -> Inputs {
    Inputs {
        members: members
            .iter()
            .enumerate()
            .map(|(i, (w, p, r))| Member { id: format!("m{i}"), weight: *w, propensity: *p, roles: r.to_vec() })
            .collect(),
        roles: (0..roles).map(|r| format!("r{r}")).collect(),
        types: vec![ty],
        treasury: TreasuryInput { initial: 1000.0, inflow_per_step: 10.0 },
    }
}

fn ty(rate: f64, quorum: f64, approval: f64) -> ProposalType {
    ProposalType { id: "t".into(), rate, quorum, approval, signers: None, spend: None }
}

fn settings(steps: u32, runs: u32, shocks: Vec<Shock>) -> Scenario {
    let mut s = Scenario::new(steps, runs, 42);
    s.shocks = shocks;
    s
}

#[test]
fn rc1_expected_turnout_is_the_spec_figure_and_the_simulation_approaches_it() {
    let (inputs, sc) = rc1();
    let exact = inputs.expected_turnout();
    assert!((exact - 0.29255).abs() < 5e-6, "{exact}");
    let base = run(&inputs, &Scenario { runs: 200, ..sc.baseline() }, 0);
    let t = base.figures.turnout;
    assert!((t.mean - exact).abs() < 4.0 * t.se + 1e-5, "simulated {} ± {} vs exact {exact}", t.mean, t.se);
}

#[test]
fn rc1_proposal_counts_match_rate_times_steps() {
    let (inputs, sc) = rc1();
    let runs = 200u32;
    let r = run(&inputs, &Scenario { runs, ..sc.clone() }, 0);
    for (k, t) in inputs.types.iter().enumerate() {
        let want = t.rate * f64::from(sc.steps);
        let got = r.scenario.per_type[k].proposals;
        let se = (want / f64::from(runs)).sqrt();
        assert!((got - want).abs() < 4.0 * se, "{}: {got} per run, expected {want}", t.id);
    }
}

#[test]
fn quorum_zero_passes_exactly_when_someone_votes_yes_or_nobody_votes() {
    // Nobody ever votes: every proposal meets quorum 0 and passes (0 >= a * 0).
    let silent = design(&[(1.0, 0.0, &[]), (2.0, 0.0, &[])], ty(3.0, 0.0, 1e-9), 0);
    let r = run(&silent, &settings(50, 20, vec![]), 0);
    assert_eq!(r.figures.pass_rate.mean, 1.0);
    assert_eq!(r.figures.turnout.mean, 0.0);
    // Three members: P(pass) = 1 - E_s[prod(1 - p_i s) - prod(1 - p_i)] with s ~ Beta(1, 1).
    let ps = [0.5, 0.3, 0.2];
    let inputs = design(&[(1.0, ps[0], &[]), (1.0, ps[1], &[]), (1.0, ps[2], &[])], ty(5.0, 0.0, 1e-9), 0);
    let none: f64 = ps.iter().map(|p| 1.0 - p).product();
    let n = 100_000;
    let no_yes: f64 = (0..n)
        .map(|i| (i as f64 + 0.5) / n as f64)
        .map(|s| ps.iter().map(|p| 1.0 - p * s).product::<f64>())
        .sum::<f64>()
        / n as f64;
    let want = 1.0 - (no_yes - none);
    let mut sc = settings(200, 200, vec![]);
    sc.support = Support { alpha: 1.0, beta: 1.0 };
    let r = run(&inputs, &sc, 0);
    let got = r.figures.passed.mean / (r.scenario.per_type[0].proposals);
    let se = (want * (1.0 - want) / (r.scenario.per_type[0].proposals * 200.0)).sqrt();
    assert!((got - want).abs() < 5.0 * se, "pass share {got}, expected {want}");
}

#[test]
fn same_seed_is_bit_identical_for_one_two_and_four_threads() {
    let (inputs, sc) = rc1();
    let sc = Scenario { runs: 24, ..sc };
    let one = serde_json::to_string(&run(&inputs, &sc, 1)).expect("json");
    assert_eq!(one, serde_json::to_string(&run(&inputs, &sc, 2)).expect("json"));
    assert_eq!(one, serde_json::to_string(&run(&inputs, &sc, 4)).expect("json"));
    let other = serde_json::to_string(&run(&inputs, &Scenario { seed: 2, ..sc }, 2)).expect("json");
    assert_ne!(one, other, "another seed gives other results");
}

#[test]
fn participation_contraction_scales_every_propensity() {
    let (inputs, sc) = rc1();
    let exact = inputs.expected_turnout();
    let r = run(
        &inputs,
        &Scenario { runs: 100, shocks: vec![Shock::ParticipationContraction { at: 0, factor: 0.5 }], ..sc },
        0,
    );
    let t = r.figures.turnout;
    assert!((t.mean - exact * 0.5).abs() < 4.0 * t.se + 1e-5, "{} vs {}", t.mean, exact * 0.5);
    // Out of range: nothing happens.
    let out = run(
        &inputs,
        &Scenario {
            runs: 4,
            steps: 20,
            shocks: vec![Shock::ParticipationContraction { at: 20, factor: 0.5 }],
            ..rc1().1
        },
        0,
    );
    assert_eq!(out.figures, out.baseline.figures);
    assert_eq!(out.derived.first_shock_step, None);
}

#[test]
fn leadership_removal_takes_the_heaviest_active_holders_ties_to_the_lower_index() {
    // Everyone always votes, so turnout is the active weight over W.
    let members: [(f64, f64, &[usize]); 4] = [(5.0, 1.0, &[]), (5.0, 1.0, &[0]), (3.0, 1.0, &[0]), (1.0, 1.0, &[0])];
    let inputs = design(&members, ty(2.0, 0.0, 0.5), 1);
    let any = run(&inputs, &settings(10, 5, vec![Shock::LeadershipRemoval { at: 0, count: 1, role: None }]), 0);
    assert!((any.figures.turnout.mean - 9.0 / 14.0).abs() < 1e-6, "{:?}", any.figures.turnout);
    let role = Shock::LeadershipRemoval { at: 0, count: 2, role: Some("r0".into()) };
    let held = run(&inputs, &settings(10, 5, vec![role]), 0);
    assert!((held.figures.turnout.mean - 6.0 / 14.0).abs() < 1e-6, "{:?}", held.figures.turnout);
    // Signers: with 3 holders and 2 required, removing 2 leaves 1: no_signers from then on.
    let mut t = ty(2.0, 0.0, 0.5);
    t.signers = Some(SignerRule { role: 0, required: 2 });
    let inputs = design(&members, t, 1);
    let r =
        run(&inputs, &settings(10, 5, vec![Shock::LeadershipRemoval { at: 0, count: 2, role: Some("r0".into()) }]), 0);
    assert_eq!(r.figures.passed.mean, 0.0);
    assert!(r.figures.no_signers.mean > 0.0);
    assert_eq!(r.figures.no_signers.mean + r.figures.rejected.mean, r.scenario.per_type[0].proposals);
    assert!(r.baseline.figures.no_signers.mean == 0.0 && r.baseline.figures.passed.mean > 0.0);
}

#[test]
fn incentive_concentration_moves_the_share_to_the_heaviest_keeping_w() {
    // Only member 0 votes: turnout is its weight over W = 10.
    let members: [(f64, f64, &[usize]); 4] = [(4.0, 1.0, &[]), (3.0, 0.0, &[]), (2.0, 0.0, &[]), (1.0, 0.0, &[])];
    let inputs = design(&members, ty(2.0, 0.0, 0.5), 0);
    let one = run(&inputs, &settings(10, 5, vec![Shock::IncentiveConcentration { at: 0, share: 0.5, top: 1 }]), 0);
    assert!((one.figures.turnout.mean - 0.7).abs() < 1e-6, "{:?}", one.figures.turnout);
    let two = run(&inputs, &settings(10, 5, vec![Shock::IncentiveConcentration { at: 0, share: 0.5, top: 2 }]), 0);
    let want = (2.0 + 5.0 * 4.0 / 7.0) / 10.0;
    assert!((two.figures.turnout.mean - want).abs() < 1e-6, "{:?}", two.figures.turnout);
    // Ties to the lower index: members 1 and 2 weigh the same; top 2 is members 0 and 1.
    let tied: [(f64, f64, &[usize]); 3] = [(2.0, 0.0, &[]), (1.0, 1.0, &[]), (1.0, 0.0, &[])];
    let r = run(
        &design(&tied, ty(2.0, 0.0, 0.5), 0),
        &settings(5, 3, vec![Shock::IncentiveConcentration { at: 0, share: 0.25, top: 2 }]),
        0,
    );
    let want = (0.75 + 0.25 * 4.0 / 3.0) / 4.0;
    assert!((r.figures.turnout.mean - want).abs() < 1e-6, "{:?}", r.figures.turnout);
}

#[test]
fn treasury_freeze_blocks_spends_without_drawing_them() {
    let mut t = ty(2.0, 0.0, 1e-9);
    t.spend = Some((1.0, 2.0));
    let inputs = design(&[(1.0, 1.0, &[])], t, 0);
    let steps = 30;
    let r = run(&inputs, &settings(steps, 10, vec![Shock::TreasuryFreeze { from: 0, until: steps }]), 0);
    assert_eq!(r.figures.executed.mean, 0.0);
    assert_eq!(r.figures.blocked.mean, r.figures.passed.mean);
    assert_eq!(r.figures.final_balance.mean, 1000.0 + 10.0 * f64::from(steps));
    assert!(r.baseline.figures.executed.mean > 0.0 && r.baseline.figures.blocked.mean == 0.0);
    // A window: the balance never falls inside it.
    let r = run(&inputs, &settings(steps, 10, vec![Shock::TreasuryFreeze { from: 10, until: 20 }]), 0);
    for t in 10..20 {
        assert!(r.scenario.balance.p50[t] > r.scenario.balance.p50[t - 1]);
    }
    assert!(r.figures.blocked.mean > 0.0 && r.figures.executed.mean > 0.0);
}

#[test]
fn rapid_scaling_adds_voting_joiners_before_the_vote_and_grows_w() {
    // One member always votes; 3 joiners with propensity 0 arrive at step 0: turnout 1/4.
    let inputs = design(&[(1.0, 1.0, &[])], ty(3.0, 0.0, 0.5), 0);
    let grow = Shock::RapidScaling { from: 0, until: 1, joiners_per_step: 3, weight: 1.0, propensity: 0.0 };
    let r = run(&inputs, &settings(1, 20, vec![grow]), 0);
    assert_eq!(r.figures.turnout.mean, 0.25);
    // Joiners keep their propensity even after a contraction to 0; they vote at once.
    let shocks = vec![
        Shock::ParticipationContraction { at: 0, factor: 1.0 },
        Shock::RapidScaling { from: 0, until: 1, joiners_per_step: 3, weight: 1.0, propensity: 1.0 },
    ];
    let r = run(&inputs, &settings(1, 20, shocks), 0);
    assert_eq!(r.figures.turnout.mean, 0.75);
    // Quorum against the grown W: 3 joiners never voting make a quorum of 0.3 unreachable.
    let inputs = design(&[(1.0, 1.0, &[])], ty(3.0, 0.3, 0.5), 0);
    let grow = Shock::RapidScaling { from: 0, until: 5, joiners_per_step: 3, weight: 1.0, propensity: 0.0 };
    let r = run(&inputs, &settings(5, 10, vec![grow]), 0);
    assert_eq!(r.figures.passed.mean, 0.0);
    assert_eq!(r.baseline.figures.no_quorum.mean, 0.0);
}

#[test]
fn rc1_derived_figures_are_consistent() {
    let (inputs, sc) = rc1();
    let r = run(&inputs, &Scenario { runs: 50, ..sc }, 0);
    assert_eq!(r.derived.first_shock_step, Some(120));
    let ci = r.derived.continuity_impact.expect("a shock acts");
    assert!(ci > 0.0 && ci < 1.0, "halved participation lowers the pass rate: {ci}");
    assert!(r.figures.blocked.mean > 0.0, "the freeze blocks spends");
    assert_eq!(r.baseline.figures.blocked.mean, 0.0);
    // Halved participation leaves the constitutional quorum (0.25) out of reach.
    assert!(r.figures.no_quorum.mean > 10.0 * r.baseline.figures.no_quorum.mean);
    assert_eq!(r.scenario.balance.p50.len(), 365);
}

#[test]
fn cancel_stops_the_simulation() {
    let (inputs, sc) = rc1();
    let cancel = AtomicBool::new(true);
    let e = simulate(&inputs, &sc, 1, &cancel, &|_| {}).expect_err("cancelled");
    assert!(matches!(e, cogov_sim::SimError::Cancelled { done: 0, .. }), "{e}");
}

#[test]
fn charts_are_svg_with_text() {
    let (inputs, sc) = rc1();
    let r = run(&inputs, &Scenario { runs: 8, ..sc }, 0);
    for (name, svg) in cogov_sim::chart::all(&r).expect("charts") {
        assert!(svg.starts_with("<svg") && svg.contains("<text"), "{name}");
    }
}
