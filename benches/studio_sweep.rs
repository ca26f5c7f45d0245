//! The studio's sweep: the Sweep view's default sweep of RC-1 (quorum × voting delay, 5 × 5
//! cells, 100 runs each under participation contraction), through `cogov_app::sweep::run`:
//! the same `compute` and `outputs` the studio's Run calls. The issue asks for Run → drawn heatmap within 2 s.
//! `cargo bench -p cogov-app --bench studio_sweep` (release); with `--profile dev` it is
//! the build the studio runs in `npm run tauri dev` and in the end-to-end tests.

use cogov_app::job::Job;
use cogov_app::sim::sweep::{self, Sweep};
use criterion::{Criterion, criterion_group, criterion_main};
use std::path::Path;

fn studio_sweep() -> Sweep {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("examples/rc1.json")).expect("read rc1");
    let spec = std::fs::read(root.join("benches/data/studio-25x100.sweep.json")).expect("read the sweep");
    let gco = cogov_app::files::gco_from_text("rc1.json", &text).expect("rc1");
    let file = sweep::file::from_json_bytes(&spec).expect("the sweep file");
    Sweep::new(gco, file).expect("the sweep")
}

fn bench(c: &mut Criterion) {
    let s = studio_sweep();
    assert_eq!((s.cells.len(), s.scenario.runs), (25, 100));
    let mut g = c.benchmark_group("studio_sweep");
    g.sample_size(10);
    g.bench_function("rc1_25_cells_x_100_runs", |b| {
        b.iter(|| {
            let job = Job::new(0);
            let ran = cogov_app::sweep::run(&s, &job, "sweep").expect("run");
            ran.files.expect("not cancelled").len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
