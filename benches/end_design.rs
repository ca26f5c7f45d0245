//! End-design benchmark: the fixed cost a simulation pays before its first run to draw the
//! risk delta (the design as the shocks leave it, and its six scores against the start's),
//! for explicit member lists of 10,000 and 100,000 members and a generated population of
//! 1,000,000, beside one run of the same design (the yardstick: a small multiple).

use cogov_model::{Gco, Member};
use cogov_sim::{Inputs, Scenario, end_design};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn rc1() -> (Gco, Scenario) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let gco = cogov_engine::intake::from_json_bytes(&std::fs::read(root.join("examples/rc1.json")).expect("read"))
        .and_then(|d| d.into_gco())
        .expect("rc1");
    let sc = cogov_sim::scenario::from_json_bytes(
        &std::fs::read(root.join("examples/scenarios/rc1.scenario.json")).expect("read"),
    )
    .expect("scenario");
    (gco, sc)
}

/// RC-1 with its 2,000 members repeated to `n` explicit members (ids unique, roles kept).
fn explicit(gco: &Gco, n: usize) -> Gco {
    let base = &gco.members.explicit;
    let mut out = gco.clone();
    out.members.explicit = (0..n)
        .map(|i| {
            let m = &base[i % base.len()];
            Member { id: format!("x{i:07}"), name: Some(format!("Member {i}")), ..m.clone() }
        })
        .collect();
    out
}

/// RC-1 with its members replaced by a generated population of `n`.
fn generated(gco: &Gco, n: u32) -> Gco {
    let mut out = gco.clone();
    let pop = serde_json::json!({
        "count": n, "seed": 7, "weight": {"kind": "lognormal", "mu": 0.0, "sigma": 1.0},
        "propensity": {"kind": "beta", "alpha": 2.0, "beta": 5.0}
    });
    out.members.explicit.clear();
    out.members.population = Some(serde_json::from_value(pop).expect("population"));
    out
}

fn bench(c: &mut Criterion) {
    let (gco, sc) = rc1();
    let mut g = c.benchmark_group("end_design");
    g.sample_size(10);
    for (label, design) in [
        ("explicit_10k", explicit(&gco, 10_000)),
        ("explicit_100k", explicit(&gco, 100_000)),
        ("generated_1m", generated(&gco, 1_000_000)),
    ] {
        let inputs = Inputs::from_gco(&design).expect("inputs");
        g.bench_function(format!("{label}/risk_delta"), |b| {
            b.iter(|| end_design::risk_delta(black_box(&design), &inputs, &sc).expect("delta"))
        });
        g.bench_function(format!("{label}/one_run"), |b| {
            b.iter(|| cogov_sim::single_run(&inputs, black_box(&sc), 0).expect("run").total.passed)
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
