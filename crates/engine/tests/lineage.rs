//! The lineage graph: a readable snapshot of one example's graph by layer, and properties that
//! hold for any design (every edge climbs a layer; every domain and clause feeds something).

use cogov_engine::compile::lineage::{LineageKind, lineage};
use cogov_engine::{intake, synth};
use cogov_model::Gco;
use proptest::prelude::*;
use std::collections::HashMap;
use std::fmt::Write as _;

fn load(name: &str) -> Gco {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../examples/{name}.json"));
    let bytes = std::fs::read(&path).expect("read");
    intake::from_json_bytes(&bytes).and_then(|d| d.into_gco()).expect("reads as a GCO")
}

/// The graph as text: each layer's nodes, then each node's inputs.
fn render(g: &cogov_engine::compile::lineage::Lineage) -> String {
    let mut out = format!("depth {}\n", g.depth);
    for layer in 0..=g.depth {
        let ids: Vec<&str> = g.nodes.iter().filter(|n| n.layer == layer).map(|n| n.id.as_str()).collect();
        let _ = writeln!(out, "layer {layer}: {}", ids.join(", "));
    }
    out.push('\n');
    for n in g.nodes.iter().filter(|n| n.layer > 0) {
        let from: Vec<&str> = g.edges.iter().filter(|e| e.target == n.id).map(|e| e.source.as_str()).collect();
        let _ = writeln!(out, "{} <- {}", n.id, from.join(", "));
    }
    out
}

#[test]
fn worker_coop_lineage() {
    insta::assert_snapshot!(render(&lineage(&load("worker-coop"))));
}

fn check(g: &Gco) {
    let l = lineage(g);
    let layer: HashMap<&str, u32> = l.nodes.iter().map(|n| (n.id.as_str(), n.layer)).collect();
    assert_eq!(layer.len(), l.nodes.len(), "node ids are unique");
    for e in &l.edges {
        assert!(layer[e.source.as_str()] < layer[e.target.as_str()], "{} -> {}", e.source, e.target);
    }
    assert_eq!(l.depth, l.nodes.iter().map(|n| n.layer).max().unwrap_or(0));
    assert_eq!(l.nodes.iter().filter(|n| n.kind == LineageKind::Document).count(), 8);
    for n in l.nodes.iter().filter(|n| matches!(n.kind, LineageKind::Domain | LineageKind::Clause)) {
        assert!(l.edges.iter().any(|e| e.source == n.id), "{} feeds nothing", n.id);
    }
    // The same design, the same graph.
    assert_eq!(l, lineage(g));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn any_synthetic_design_has_a_layered_lineage(members in 1usize..60, roles in 1usize..8, types in 1usize..6) {
        check(&synth::large(members, roles, types));
    }
}
