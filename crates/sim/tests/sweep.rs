//! The sweep engine end to end on RC-1: the same bytes for 1 and 4 threads, sharded and merged
//! slices give exactly the single-machine files, common random numbers, refusals with codes.

use cogov_model::ErrorCode;
use cogov_sim::sweep::{self, Sweep, SweepFile};
use serde_json::json;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rc1() -> cogov_model::Gco {
    let bytes = std::fs::read(root().join("examples/rc1.json")).expect("rc1");
    cogov_engine::intake::from_json_bytes(&bytes).and_then(|d| d.into_gco()).expect("rc1 reads")
}

fn file(v: serde_json::Value) -> SweepFile {
    sweep::file::from_json_bytes(v.to_string().as_bytes()).expect("sweep file")
}

/// A small RC-1 grid: 3 quorums × 2 contractions, 70 runs (two blocks, the second partial),
/// 60 steps.
fn small() -> Sweep {
    let sc = json!({"steps": 60, "runs": 70, "seed": 3, "shocks": [
        {"kind": "participation_contraction", "at": 20, "factor": 0.5}]});
    let f = file(json!({
        "knobs": [
            {"knob": "/decision_types/general/quorum", "values": [0.05, 0.1, 0.2]},
            {"knob": "/participation/contraction", "range": {"from": 0.3, "to": 0.6, "step": 0.3}}
        ],
        "scenario": {"inline": sc},
        "constraints": [{"objective": "continuity_impact", "op": "<=", "value": 0.3}]
    }));
    Sweep::new(rc1(), f).expect("sweep")
}

fn run_all(s: &Sweep, threads: usize) -> Vec<(String, Vec<u8>)> {
    let cancel = AtomicBool::new(false);
    let results =
        sweep::with_threads(threads, || s.compute(0..s.units(), &cancel, &|_| {})).expect("pool").expect("compute");
    sweep::with_threads(threads, || s.outputs(&results)).expect("pool").expect("outputs")
}

#[test]
fn one_and_four_threads_and_shards_give_the_same_bytes() {
    let s = small();
    assert_eq!(s.cells.len(), 6);
    assert_eq!(s.units(), 12);
    let one = run_all(&s, 1);
    let four = run_all(&s, 4);
    assert_eq!(one, four, "thread count changed the files");
    let names: Vec<&str> = one.iter().map(|(n, _)| n.as_str()).collect();
    for f in ["cells.csv", "cells.json", "pareto.json", "recommendation.json", "recommendation.md", "sensitivity.json"]
    {
        assert!(names.contains(&f), "{f} missing from {names:?}");
    }

    // Five shards (uneven), serialised and read back as another machine would, merged in a
    // shuffled order.
    let cancel = AtomicBool::new(false);
    let mut slices = Vec::new();
    for i in [3usize, 0, 4, 1, 2] {
        let range = s.shard(i, 5).expect("shard");
        let res = sweep::with_threads(2, || s.compute(range, &cancel, &|_| {})).expect("pool").expect("compute");
        let bytes = serde_json::to_vec(&s.slice((i, 5), res)).expect("slice");
        slices.push(sweep::slice_from_bytes(&bytes).expect("reads"));
    }
    let (merged, results) = sweep::merge(slices.clone()).expect("merge");
    assert_eq!(merged.outputs(&results).expect("outputs"), one, "merged slices differ from the local run");

    // A slice missing, or a slice of another sweep.
    let e = sweep::merge(slices[1..].to_vec()).expect_err("incomplete");
    assert_eq!(e.code, ErrorCode::SweepSliceIncomplete);
    let mut other = slices.clone();
    other[2].fingerprint = "sha256:other".to_owned();
    assert_eq!(sweep::merge(other).expect_err("mismatch").code, ErrorCode::SweepSliceMismatch);
    assert_eq!(s.shard(5, 5).expect_err("out of range").code, ErrorCode::SweepShardOutOfRange);
}

#[test]
fn cells_use_common_random_numbers_and_match_the_simulator() {
    let s = small();
    let cancel = AtomicBool::new(false);
    let res = s.compute(0..s.units(), &cancel, &|_| {}).expect("compute");
    let stats = s.cell_stats(&res);
    let names: Vec<String> = sweep::objective_names().into_iter().map(|(n, _)| n).collect();
    let at = |n: &str| names.iter().position(|x| x == n).expect("objective");
    // Cell 0 (quorum 0.05, contraction 0.3) against a plain simulation of that design.
    let mut gco = s.cell_design(0);
    gco.decision_types[0].quorum = 0.05;
    let inputs = cogov_sim::Inputs::from_gco(&gco).expect("inputs");
    let mut sc = s.scenario.clone();
    sc.shocks = vec![cogov_sim::Shock::ParticipationContraction { at: 20, factor: 0.3 }];
    let rep = cogov_sim::simulate(&inputs, &sc, 0, &cancel, &|_| {}).expect("simulate");
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
    assert!(close(stats[0][at("pass_rate")].0, rep.figures.pass_rate.mean));
    assert!(close(stats[0][at("pass_rate")].1, rep.figures.pass_rate.se));
    assert!(close(stats[0][at("turnout")].0, rep.figures.turnout.mean));
    assert!(close(stats[0][at("throughput_variance")].0, rep.figures.throughput_variance.mean));
    let ci = rep.derived.continuity_impact.expect("continuity");
    assert!(close(stats[0][at("continuity_impact")].0, ci), "{} vs {ci}", stats[0][at("continuity_impact")].0);
    // Common random numbers: the contraction knob leaves the baseline alone, so cells that
    // differ only in it have the same baseline and the deeper contraction loses more.
    let ci_of = |c: usize| stats[c][at("continuity_impact")].0;
    assert!(ci_of(1) > ci_of(0) && ci_of(3) > ci_of(2), "deeper contraction, more impact");
    // Quorum is a design knob: the capture risk score moves with it, the contraction does not.
    let risk = at("risk/governance_capture_risk");
    assert_eq!(stats[0][risk].0, stats[1][risk].0);
}

/// A sweep of RC-1 over `knobs`, 70 runs of 60 steps under a contraction at step 20.
fn sweep_over(knobs: serde_json::Value) -> Sweep {
    let sc = json!({"steps": 60, "runs": 70, "seed": 3, "shocks": [
        {"kind": "participation_contraction", "at": 20, "factor": 0.5}]});
    Sweep::new(rc1(), file(json!({"knobs": knobs, "scenario": {"inline": sc}}))).expect("sweep")
}

fn units(s: &Sweep) -> Vec<sweep::UnitResult> {
    let cancel = AtomicBool::new(false);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let res = s
        .compute(0..s.units(), &cancel, &|n| {
            done.fetch_max(n, std::sync::atomic::Ordering::Relaxed);
        })
        .expect("compute");
    // Progress counts every cell's scenario and baseline runs, shared or not.
    assert_eq!(done.into_inner(), 2 * s.cells.len() * s.scenario.runs as usize, "progress ends at the total");
    res
}

/// Shared runs are the very bits a separate computation gives: a voting delay (which the runs
/// do not read without an attack) copies the quorum's cells, and cells of one design swept over
/// the contraction share one baseline.
#[test]
fn shared_runs_equal_runs_computed_apart() {
    let q = json!({"knob": "/decision_types/general/quorum", "values": [0.05, 0.2]});
    let alone = units(&sweep_over(json!([q])));
    let with_delay =
        sweep_over(json!([q, {"knob": "/decision_types/general/voting_delay", "values": [0, 86400, 172800]}]));
    let shared = units(&with_delay);
    assert_eq!(shared.len(), 3 * alone.len());
    for u in &shared {
        // Grid order: the last knob varies fastest, so cell c has quorum c / 3.
        let (c, b) = (u.unit / with_delay.blocks(), u.unit % with_delay.blocks());
        let want = &alone[(c / 3) * with_delay.blocks() + b];
        assert_eq!((&u.figures, u.pooled), (&want.figures, want.pooled), "unit {}", u.unit);
    }
    // The contraction knob: one baseline for both cells, against each cell swept alone.
    let both = units(&sweep_over(json!([{"knob": "/participation/contraction", "values": [0.3, 0.6]}])));
    for (i, f) in [0.3, 0.6].into_iter().enumerate() {
        let one = units(&sweep_over(json!([{"knob": "/participation/contraction", "values": [f]}])));
        for (a, b) in one.iter().zip(&both[i * one.len()..]) {
            assert_eq!((&a.figures, a.pooled), (&b.figures, b.pooled), "contraction {f}");
        }
    }
    assert_ne!(both[0].pooled, both[both.len() / 2].pooled, "the contraction moves the scenario's runs");
}

#[test]
fn unknown_knobs_and_objectives_name_the_closest() {
    let sc = json!({"steps": 10, "runs": 4});
    let f = file(
        json!({"knobs": [{"knob": "/decision_types/general/quroum", "values": [0.1]}], "scenario": {"inline": sc}}),
    );
    let e = Sweep::new(rc1(), f).expect_err("unknown knob");
    assert_eq!(e.code, ErrorCode::SweepUnknownKnob);
    assert_eq!(e.location.to_string(), "/knobs/0/knob");
    assert!(e.message.contains("`/decision_types/general/quorum`"), "{}", e.message);
    let f = file(
        json!({"knobs": [{"knob": "/decision_types/general/quorum", "values": [1.5]}], "scenario": {"inline": sc}}),
    );
    assert_eq!(Sweep::new(rc1(), f).expect_err("range").location.to_string(), "/knobs/0/values/0");
    let f = file(json!({"knobs": [{"knob": "/participation/scale", "values": [1.0]}], "scenario": {"inline": sc},
        "objectives": [{"objective": "pass_rat"}]}));
    let e = Sweep::new(rc1(), f).expect_err("objective");
    assert_eq!(e.code, ErrorCode::SweepUnknownObjective);
    assert!(e.message.contains("`pass_rate`"), "{}", e.message);
    let e =
        sweep::file::from_json_bytes(br#"{"knobs": [], "scenario": {"inline": {}}, "bogus": 1}"#).expect_err("schema");
    assert_eq!(e.code, ErrorCode::SweepInvalid);
}

#[test]
fn committed_sweep_schema_matches_the_types_and_the_examples_read() {
    let path = root().join("schemas/sweep.schema.json");
    let generated = format!("{}\n", serde_json::to_string_pretty(&sweep::sweep_schema()).expect("schema"));
    if std::env::var_os("COGOV_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write schema");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/sweep.schema.json is stale: run `COGOV_BLESS=1 cargo test -p cogov-sim --test sweep`"
    );
    let mut examples = 0;
    for e in std::fs::read_dir(root().join("examples/sweeps")).expect("examples") {
        let path = e.expect("entry").path();
        let bytes = std::fs::read(&path).expect("example");
        sweep::file::from_json_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        examples += 1;
    }
    assert!(examples >= 2, "rc1.sweep.json and rc1-signers.sweep.json");
}
