//! Cost-of-capture benchmark: every power of the 10,000-member benchmark configuration of
//! `synth::large` (10,000 members, 200 roles, 50 decision types), each decision type given all
//! seven powers and the design transferable weight read at vote start; the aim is under 50 ms.

use cogov_engine::risk::{capture, metrics};
use cogov_engine::synth;
use cogov_model::{Acquirable, Power, VotingWeight, WeightSnapshot};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut gco = synth::large(10_000, 200, 50);
    gco.voting_weight = Some(VotingWeight {
        weight_snapshot: Some(WeightSnapshot::VoteStart),
        weight_transferable: Some(true),
        acquirable: Some(Acquirable { circulating: 0.5, borrowable: 0.1, locked: 0.2 }),
        token_price: Some(2.0),
    });
    for dt in &mut gco.decision_types {
        dt.powers = vec![
            Power::ArbitraryExecution,
            Power::ContractUpgrade,
            Power::Mint,
            Power::ControlTransfer,
            Power::Treasury { tiers: Vec::new() },
            Power::AmendRules,
            Power::AppointRemove,
        ];
    }
    let cx = metrics::Context::new(&gco);
    let report = capture::cost_of_capture(&cx);
    assert!(report.powers.len() >= 300, "every power of every decision type: {}", report.powers.len());

    let mut g = c.benchmark_group("capture_10k");
    g.sample_size(20);
    g.bench_function("cost_of_capture", |b| b.iter(|| capture::cost_of_capture(black_box(&cx))));
    g.bench_function("context+cost_of_capture", |b| {
        b.iter(|| capture::cost_of_capture(&metrics::Context::new(black_box(&gco))))
    });
    g.bench_function("governance_capture_score", |b| b.iter(|| capture::governance_capture(black_box(&cx))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
