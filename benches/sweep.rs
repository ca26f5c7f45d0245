//! Sweep benchmark: 100 cells × 1,000 runs of RC-1 (10 quorums × 10 contractions of the
//! general resolution, each cell its scenario and baseline runs), the target being
//! 40 s on two cores; the fold of 100 cells' unit results into the output files; and merging
//! 100 shards' slices (read from their bytes, as `cogov sweep merge` does) into those files,
//! the target being 1 s.
//!
//! The whole 100 × 1,000 sweep is timed once while preparing the other benchmarks (printed as
//! `sweep_rc1/100_cells_x_1000_runs (one pass)`); criterion's own ten samples of it take
//! several minutes: `cargo bench -p cogov-sim --bench sweep -- 100_cells` runs them.

use cogov_sim::sweep::{self, Sweep};
use criterion::{Criterion, criterion_group, criterion_main};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

fn sweep_of(runs: u32) -> Sweep {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let gco = cogov_engine::intake::from_json_bytes(&std::fs::read(root.join("examples/rc1.json")).expect("read"))
        .and_then(|d| d.into_gco())
        .expect("rc1");
    let sc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("examples/scenarios/rc1.scenario.json")).expect("read"))
            .expect("scenario");
    let file = serde_json::json!({
        "knobs": [
            {"knob": "/decision_types/general/quorum", "range": {"from": 0.02, "to": 0.2, "step": 0.02}},
            {"knob": "/participation/contraction", "range": {"from": 0.1, "to": 0.55, "step": 0.05}}
        ],
        "scenario": {"inline": sc},
        "runs": runs
    });
    let file = sweep::file::from_json_bytes(file.to_string().as_bytes()).expect("sweep");
    Sweep::new(gco, file).expect("sweep")
}

fn bench(c: &mut Criterion) {
    let s = sweep_of(1000);
    assert_eq!(s.cells.len(), 100);
    let cancel = AtomicBool::new(false);
    let t = Instant::now();
    let results = s.compute(0..s.units(), &cancel, &|_| {}).expect("compute");
    println!(
        "sweep_rc1/100_cells_x_1000_runs (one pass): {:.2} s on {} thread(s)",
        t.elapsed().as_secs_f64(),
        sweep::current_threads()
    );
    // The slices 100 shards write, as bytes.
    let shards = 100;
    let slices: Vec<Vec<u8>> = (0..shards)
        .map(|i| {
            let range = s.shard(i, shards).expect("shard");
            serde_json::to_vec(&s.slice((i, shards), results[range].to_vec())).expect("slice")
        })
        .collect();
    let mut g = c.benchmark_group("sweep_rc1");
    g.sample_size(10);
    g.bench_function("100_cells_x_1000_runs", |b| {
        b.iter(|| s.compute(0..s.units(), &cancel, &|_| {}).expect("compute").len())
    });
    g.bench_function("outputs_of_100_cells", |b| b.iter(|| s.outputs(&results).expect("outputs").len()));
    g.bench_function("merge_100_shards", |b| {
        b.iter(|| {
            let read: Vec<sweep::Slice> = slices.iter().map(|x| sweep::slice_from_bytes(x).expect("slice")).collect();
            let (merged, all) = sweep::merge(read).expect("merge");
            merged.outputs(&all).expect("outputs").len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
