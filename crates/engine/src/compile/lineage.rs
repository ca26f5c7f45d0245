//! The dependency graph of a design's outputs: which domains and clauses of the GCO feed which
//! compiled artifacts, and which of those (with the domains) feed the eight documents. A DAG
//! whose edges all mean "feeds"; the studio draws it in layers, sources on the left.
//!
//! The edges follow what the compiler reads (`matrix.rs`, `tables.rs`, `cedar.rs`), so the
//! graph says which outputs a change to a part of the design can move.

use cogov_model::Gco;
use serde::Serialize;
use std::collections::HashMap;

/// What a node of the lineage graph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LineageKind {
    /// A top-level domain of the GCO (`roles`, `treasury`, …).
    Domain,
    /// A clause of the constitution.
    Clause,
    /// A compiled file (`permission_matrix.json`, …).
    Artifact,
    /// One of the eight generated documents.
    Document,
}

/// A node of the lineage graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LineageNode {
    /// Unique id, prefixed by kind: `domain:roles`, `clause:admission`,
    /// `artifact:permission_matrix.json`, `document:role_registry`.
    pub id: String,
    /// What to print on it.
    pub label: String,
    /// Domain, clause, artifact or document.
    pub kind: LineageKind,
    /// Its layer: the number of edges on the longest path that reaches it (sources are 0).
    pub layer: u32,
}

/// An edge: `source` feeds `target`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LineageEdge {
    /// Unique id (`source->target`).
    pub id: String,
    /// The node that feeds.
    pub source: String,
    /// The node fed.
    pub target: String,
}

/// The lineage graph of a design.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Lineage {
    /// Domains (document order of the GCO), clauses, artifacts (file order), documents.
    pub nodes: Vec<LineageNode>,
    /// Edges, in a stable order (artifacts' inputs, the manifest's, then documents').
    pub edges: Vec<LineageEdge>,
    /// The number of edges on the longest path (a domain that feeds an artifact that feeds a
    /// document is depth 2).
    pub depth: u32,
}

/// The eight documents (issue 7's set), as `(id, title)`.
pub const DOCUMENTS: [(&str, &str); 8] = [
    ("constitution_draft", "Constitution draft"),
    ("role_registry", "Role registry"),
    ("decision_protocol", "Decision protocol"),
    ("treasury_policy", "Treasury policy"),
    ("accountability_specification", "Accountability specification"),
    ("network_graph_schema", "Network graph schema"),
    ("incentive_model", "Incentive model"),
    ("deployment_checklist", "Deployment checklist"),
];

/// The compiled files other than the manifest, in `Compiled::files()` order, each with what it
/// reads: domains by name, other artifacts by file name.
const ARTIFACTS: [(&str, &[&str]); 12] = [
    (
        "permission_matrix.json",
        &[
            "roles",
            "members",
            "decision_types",
            "treasury",
            "constitution",
            "escalation",
            "delegation",
            "incentives",
            "composition",
            "mesh",
            "resources",
        ],
    ),
    ("access_control.json", &["permission_matrix.json"]),
    ("proposal_types.json", &["decision_types", "treasury", "constitution", "roles", "escalation"]),
    ("decision_thresholds.json", &["decision_types", "roles"]),
    ("treasury_tiers.json", &["treasury", "decision_types", "roles"]),
    ("escalation_ladder.json", &["escalation"]),
    ("incentives.json", &["incentives"]),
    ("policy_objects.json", &["roles", "treasury", "constitution", "delegation", "mesh"]),
    ("execution_rules.json", &["decision_types", "roles", "treasury_tiers.json"]),
    ("policies.cedar", &["roles", "permission_matrix.json"]),
    ("cedar.schema.json", &["identity"]),
    ("cedar.entities.json", &["permission_matrix.json", "members", "roles"]),
];

/// What each document reads: domains by name, artifacts by file name.
const DOCUMENT_INPUTS: [(&str, &[&str]); 8] = [
    ("constitution_draft", &["identity", "constitution", "decision_types"]),
    ("role_registry", &["roles", "members", "access_control.json"]),
    ("decision_protocol", &["proposal_types.json", "decision_thresholds.json", "execution_rules.json"]),
    ("treasury_policy", &["treasury", "treasury_tiers.json", "policy_objects.json"]),
    ("accountability_specification", &["escalation_ladder.json", "alert_thresholds", "policy_objects.json"]),
    ("network_graph_schema", &["members", "roles", "composition", "mesh"]),
    ("incentive_model", &["incentives.json"]),
    ("deployment_checklist", &["manifest.json", "policies.cedar", "access_control.json"]),
];

/// The domains of a design that are present, in the GCO's field order.
fn domains(gco: &Gco) -> Vec<&'static str> {
    let present = [
        ("identity", true),
        ("members", true),
        ("roles", !gco.roles.is_empty()),
        ("decision_types", !gco.decision_types.is_empty()),
        ("treasury", gco.treasury.is_some()),
        ("escalation", gco.escalation.is_some()),
        ("incentives", gco.incentives.is_some()),
        ("delegation", gco.delegation.is_some()),
        ("constitution", gco.constitution.is_some()),
        ("composition", gco.composition.is_some()),
        ("mesh", gco.mesh.is_some()),
        ("resources", !gco.resources.is_empty()),
        ("alert_thresholds", true),
    ];
    present.into_iter().filter(|(_, p)| *p).map(|(d, _)| d).collect()
}

/// The node id of an input named in [`ARTIFACTS`] or [`DOCUMENT_INPUTS`].
fn input_id(name: &str) -> String {
    if name.contains('.') { format!("artifact:{name}") } else { format!("domain:{name}") }
}

/// The lineage graph of a design. Inputs that the design lacks (no treasury, incentives not
/// enabled) have no node, and nothing is fed from them.
pub fn lineage(gco: &Gco) -> Lineage {
    let mut nodes: Vec<LineageNode> = Vec::new();
    let mut edges: Vec<LineageEdge> = Vec::new();
    let node = |id: String, label: String, kind| LineageNode { id, label, kind, layer: 0 };
    for d in domains(gco) {
        nodes.push(node(format!("domain:{d}"), d.to_owned(), LineageKind::Domain));
    }
    for (_, c) in gco.clauses() {
        nodes.push(node(format!("clause:{}", c.id), c.id.clone(), LineageKind::Clause));
    }
    let incentives_on = gco.incentives.as_ref().is_some_and(|i| i.enabled);
    let artifacts: Vec<(&str, &[&str])> =
        ARTIFACTS.iter().copied().filter(|(f, _)| *f != "incentives.json" || incentives_on).collect();
    for (file, _) in &artifacts {
        nodes.push(node(format!("artifact:{file}"), (*file).to_owned(), LineageKind::Artifact));
    }
    nodes.push(node("artifact:manifest.json".into(), "manifest.json".into(), LineageKind::Artifact));
    for (id, title) in DOCUMENTS {
        nodes.push(node(format!("document:{id}"), title.to_owned(), LineageKind::Document));
    }

    let ids: HashMap<String, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id.clone(), i)).collect();
    let mut feed = |source: String, target: String| {
        if ids.contains_key(&source)
            && ids.contains_key(&target)
            && !edges.iter().any(|e| e.source == source && e.target == target)
        {
            edges.push(LineageEdge { id: format!("{source}->{target}"), source, target });
        }
    };
    // Clauses: each is a section of the constitution draft; one naming a decision type makes
    // that type required (proposal types); an entrenched one or one an amendment rule lists
    // is a policy object and a proposal type's `amends`.
    let amended: Vec<&str> = gco
        .constitution
        .iter()
        .flat_map(|c| &c.amendment_rules)
        .flat_map(|r| r.clauses.iter().map(String::as_str))
        .collect();
    let mut clause_edges: Vec<(String, String)> = Vec::new();
    for (_, c) in gco.clauses() {
        let id = format!("clause:{}", c.id);
        if c.decision_type.is_some() || amended.contains(&c.id.as_str()) {
            clause_edges.push((id.clone(), "artifact:proposal_types.json".into()));
        }
        if c.entrenched {
            clause_edges.push((id.clone(), "artifact:policy_objects.json".into()));
        }
        clause_edges.push((id, "document:constitution_draft".into()));
    }
    for (file, inputs) in &artifacts {
        let target = format!("artifact:{file}");
        for i in *inputs {
            feed(input_id(i), target.clone());
        }
        for (s, t) in clause_edges.iter().filter(|(_, t)| *t == target) {
            feed(s.clone(), t.clone());
        }
    }
    for (file, _) in &artifacts {
        feed(format!("artifact:{file}"), "artifact:manifest.json".into());
    }
    for (doc, inputs) in DOCUMENT_INPUTS {
        let target = format!("document:{doc}");
        for i in inputs {
            feed(input_id(i), target.clone());
        }
        for (s, t) in clause_edges.iter().filter(|(_, t)| *t == target) {
            feed(s.clone(), t.clone());
        }
    }

    // Layers: the longest path to each node. Every edge goes from an earlier node to a later
    // one in `nodes` (domains and clauses, artifacts in dependency order, documents), so one
    // pass in node order settles them.
    let mut layer = vec![0u32; nodes.len()];
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for e in &edges {
        incoming[ids[&e.target]].push(ids[&e.source]);
    }
    for i in 0..nodes.len() {
        layer[i] = incoming[i].iter().map(|&s| layer[s] + 1).max().unwrap_or(0);
    }
    for (n, l) in nodes.iter_mut().zip(&layer) {
        n.layer = *l;
    }
    let depth = layer.iter().copied().max().unwrap_or(0);
    Lineage { nodes, edges, depth }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::compile;
    use crate::test_examples::example;

    fn feeds(g: &Lineage, s: &str, t: &str) -> bool {
        g.edges.iter().any(|e| e.source == s && e.target == t)
    }

    #[test]
    fn worker_coop_lineage_reads_like_the_compiler() {
        let gco = example("worker-coop");
        let g = lineage(&gco);
        // Every compiled file is a node, and no other artifact is.
        let files: Vec<String> =
            compile(&gco).expect("compiles").files().into_iter().map(|f| format!("artifact:{}", f.name)).collect();
        let mut artifacts: Vec<String> =
            g.nodes.iter().filter(|n| n.kind == LineageKind::Artifact).map(|n| n.id.clone()).collect();
        let mut want = files.clone();
        artifacts.sort();
        want.sort();
        assert_eq!(artifacts, want);
        assert_eq!(g.nodes.iter().filter(|n| n.kind == LineageKind::Document).count(), 8);
        // Roles feed the matrix, the matrix the access-control tables, those the role registry.
        assert!(feeds(&g, "domain:roles", "artifact:permission_matrix.json"));
        assert!(feeds(&g, "artifact:permission_matrix.json", "artifact:access_control.json"));
        assert!(feeds(&g, "artifact:access_control.json", "document:role_registry"));
        // The admission clause is a section of the constitution draft.
        assert!(feeds(&g, "clause:admission", "document:constitution_draft"));
        // roles → permission_matrix → access_control → manifest → deployment_checklist.
        assert_eq!(g.depth, 4);
        let checklist = g.nodes.iter().find(|n| n.id == "document:deployment_checklist").expect("node");
        assert_eq!(checklist.layer, 4);
    }

    #[test]
    fn every_example_is_a_dag_whose_edges_climb_layers() {
        for name in crate::test_examples::ALL {
            let g = lineage(&example(name));
            let layer: HashMap<&str, u32> = g.nodes.iter().map(|n| (n.id.as_str(), n.layer)).collect();
            for e in &g.edges {
                assert!(
                    layer[e.source.as_str()] < layer[e.target.as_str()],
                    "{name}: {} is not below {}",
                    e.source,
                    e.target
                );
            }
            assert_eq!(g.depth, g.nodes.iter().map(|n| n.layer).max().unwrap_or(0), "{name}");
            // Only documents and the manifest's inputs are sinks: every domain and clause feeds something.
            for n in g.nodes.iter().filter(|n| matches!(n.kind, LineageKind::Domain | LineageKind::Clause)) {
                assert!(g.edges.iter().any(|e| e.source == n.id), "{name}: {} feeds nothing", n.id);
            }
        }
    }

    #[test]
    fn a_design_without_incentives_has_no_incentives_artifact() {
        let mut gco = example("worker-coop");
        gco.incentives = None;
        let g = lineage(&gco);
        assert!(!g.nodes.iter().any(|n| n.id == "artifact:incentives.json" || n.id == "domain:incentives"));
        assert!(!g.edges.iter().any(|e| e.target == "document:incentive_model"), "nothing feeds the incentive model");
    }
}
