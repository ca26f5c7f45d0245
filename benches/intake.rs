//! Intake benchmark: parse, canonicalise and validate a generated design of 10,000
//! members, 200 roles and 50 decision types (the aim is under 20 ms together).

use cogov_engine::{intake, synth, validate};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let gco = synth::large(10_000, 200, 50);
    let bytes = serde_json::to_vec_pretty(&gco.to_value()).expect("serialise");
    let doc = intake::from_json_bytes(&bytes).expect("parse");
    let parsed = doc.gco.clone().expect("typed");
    assert!(!validate::report(&doc).is_blocking(), "the benchmark design must be valid");

    let mut g = c.benchmark_group("intake_10k");
    g.sample_size(30);
    g.bench_function("parse+schema+typed", |b| b.iter(|| intake::from_json_bytes(black_box(&bytes))));
    g.bench_function("canonicalise+fingerprint", |b| b.iter(|| black_box(&parsed).fingerprint()));
    g.bench_function("validate_rules", |b| b.iter(|| validate::validate(black_box(&parsed))));
    g.bench_function("end_to_end", |b| {
        b.iter(|| {
            let doc = intake::from_json_bytes(black_box(&bytes)).expect("parse");
            validate::report(&doc)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
