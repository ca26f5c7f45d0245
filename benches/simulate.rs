//! Simulation benchmark: RC-1 with 1,000 runs (the scenario alone, about 1.26 billion member
//! visits; the aim is well under a second on two cores), one run (the slider loop's unit), and
//! the raw draws per second of the member loop's eight-lane generator; and the attack scenario
//! on RC-1 as a token DAO (1,000 runs of the attack alone, and the reference runs with it).

use cogov_sim::{Inputs, Plan, Scenario, rng};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn rc1_gco() -> cogov_model::Gco {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    cogov_engine::intake::from_json_bytes(&std::fs::read(root.join("examples/rc1.json")).expect("read"))
        .and_then(|d| d.into_gco())
        .expect("rc1")
}

fn rc1() -> (Inputs, Scenario) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let gco = cogov_engine::intake::from_json_bytes(&std::fs::read(root.join("examples/rc1.json")).expect("read"))
        .and_then(|d| d.into_gco())
        .expect("rc1");
    let sc = cogov_sim::scenario::from_json_bytes(
        &std::fs::read(root.join("examples/scenarios/rc1.scenario.json")).expect("read"),
    )
    .expect("scenario");
    (Inputs::from_gco(&gco).expect("inputs"), sc)
}

fn bench(c: &mut Criterion) {
    let (inputs, sc) = rc1();
    let shocks = sc.all_shocks(inputs.members.len(), inputs.mean_weight());
    let plan = Plan::new(&inputs, &shocks, sc.steps, sc.support, sc.steps).expect("plan");
    // Member visits of the 1,000 runs, counted once (the work is deterministic).
    let visits: u64 =
        (0..1000u64).map(|r| u64::from(plan.run(sc.seed, r).total.proposals) * inputs.members.len() as u64).sum();
    eprintln!("RC-1, 1,000 runs: {visits} member visits");

    let mut g = c.benchmark_group("simulate_rc1");
    g.sample_size(10);
    g.throughput(Throughput::Elements(visits));
    g.bench_function("1000_runs", |b| {
        b.iter(|| {
            use rayon::prelude::*;
            (0..1000u64).into_par_iter().map(|r| plan.run(black_box(sc.seed), r).total.passed).sum::<u32>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("simulate_rc1_single");
    g.throughput(Throughput::Elements(visits / 1000));
    g.bench_function("1_run", |b| b.iter(|| plan.run(black_box(sc.seed), 0).total.passed));
    g.finish();

    // RC-1 as a token DAO: transferable weight, half of it circulating, read at vote start.
    let mut gco = rc1_gco();
    gco.voting_weight = Some(cogov_model::VotingWeight {
        weight_snapshot: Some(cogov_model::WeightSnapshot::VoteStart),
        weight_transferable: Some(true),
        acquirable: Some(cogov_model::Acquirable { circulating: 0.5, borrowable: 0.1, locked: 0.2 }),
        token_price: Some(1.0),
    });
    let mut attacked = sc.clone();
    attacked.attack = Some(cogov_sim::Attack {
        budget: 2_000_000.0,
        acquisition: cogov_sim::Acquisition::Buy,
        at: 100,
        price: None,
        target: None,
    });
    let mut g = c.benchmark_group("simulate_rc1_attack");
    g.sample_size(10);
    g.bench_function("attack_1000_runs", |b| {
        b.iter(|| cogov_sim::attack::simulate_attack(&gco, &inputs, black_box(&attacked), 0).expect("attack"))
    });
    g.bench_function("1000_runs_with_attack", |b| {
        b.iter(|| {
            use rayon::prelude::*;
            let passed =
                (0..1000u64).into_par_iter().map(|r| plan.run(black_box(sc.seed), r).total.passed).sum::<u32>();
            (passed, cogov_sim::attack::simulate_attack(&gco, &inputs, &attacked, 0).expect("attack"))
        })
    });
    g.finish();

    let mut g = c.benchmark_group("generator");
    let blocks = 1 << 20;
    g.throughput(Throughput::Elements((blocks * rng::LANES) as u64));
    let mut x = rng::X8::from_stream(&mut rng::run_stream(1, 0));
    g.bench_function("x8_draws", |b| b.iter(|| rng::fill(&mut x, black_box(blocks))));
    g.finish();

    // The bare member loop: RC-1's members, 1,000 proposals one after another, nothing else (a
    // run's cost per visit over this one is what the run adds: arrivals, support, signers, state).
    let chunks = inputs.members.len().div_ceil(rng::LANES);
    let lane = |f: &dyn Fn(&cogov_sim::inputs::Member) -> f64| -> Vec<[f32; rng::LANES]> {
        (0..chunks)
            .map(|c| std::array::from_fn(|l| inputs.members.get(c * rng::LANES + l).map_or(0.0, |m| f(m) as f32)))
            .collect()
    };
    let (w, p) = (lane(&|m| m.weight), lane(&|m| m.propensity));
    let mut g = c.benchmark_group("member_loop");
    g.throughput(Throughput::Elements(1000 * inputs.members.len() as u64));
    let mut x = rng::X8::from_stream(&mut rng::run_stream(1, 0));
    g.bench_function("rc1_1000_proposals", |b| {
        b.iter(|| (0..1000).map(|_| cogov_sim::run::member_loop(&mut x, &w, &p, black_box(0.6)).0).sum::<f32>())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
