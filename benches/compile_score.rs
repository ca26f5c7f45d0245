//! Compile and score benchmark: the 10,000-member benchmark configuration (10,000 members,
//! 200 roles, 50 decision types, as in `intake.rs`); the aim is under 50 ms together.

use cogov_engine::{compile, risk, synth};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let gco = synth::large(10_000, 200, 50);
    assert!(compile::compile(&gco).is_ok(), "the benchmark design must compile");

    let mut g = c.benchmark_group("compile_score_10k");
    g.sample_size(20);
    g.bench_function("compile", |b| b.iter(|| compile::compile(black_box(&gco))));
    g.bench_function("compile+files", |b| b.iter(|| compile::compile(black_box(&gco)).map(|c| c.files())));
    g.bench_function("score", |b| b.iter(|| risk::score(black_box(&gco), None)));
    g.bench_function("compile+score", |b| {
        b.iter(|| {
            let compiled = compile::compile(black_box(&gco)).map(|c| c.files());
            (compiled, risk::score(black_box(&gco), None))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
