//! The network graph schema: the design's topology ([`crate::topology`]) with trust domains and
//! the fingerprints of referenced components, as JSON, GraphML and DOT.

use crate::source::Source;
use crate::topology;
use cogov_model::{Enforcement, Gco, sort_keys};
use serde::Serialize;

/// The JSON graph's format name.
pub const GRAPH_FORMAT: &str = "cogov-network-graph/1";

/// A node.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphNode {
    /// Unique id, prefixed by kind (`role:council`, `node:hub-1`).
    pub id: String,
    /// What to print on it.
    pub label: String,
    /// The node's kind (see [`topology::Node::kind`]).
    pub kind: String,
    /// The trust domain the node sits in, if any.
    pub trust_domain: Option<String>,
    /// The fingerprint of a referenced component (citizen, organism, confluence, service).
    pub fingerprint: Option<String>,
}

/// An edge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphEdge {
    /// Unique id.
    pub id: String,
    /// Source node id.
    pub source: String,
    /// Target node id.
    pub target: String,
    /// The edge's kind (see [`topology::Edge::kind`]).
    pub kind: String,
    /// Optional label.
    pub label: Option<String>,
}

/// A policy rule of a trust domain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphPolicy {
    /// Rule id.
    pub id: String,
    /// What it requires.
    pub rule: String,
    /// `required` or `advisory`.
    pub enforcement: &'static str,
}

/// A trust domain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphDomain {
    /// Domain id.
    pub id: String,
    /// Display name.
    pub name: Option<String>,
    /// The node ids in it (`node:<id>`).
    pub members: Vec<String>,
    /// Its policy rules.
    pub policies: Vec<GraphPolicy>,
}

/// The network graph of a design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkGraph {
    /// [`GRAPH_FORMAT`].
    pub format: &'static str,
    /// The design it was drawn from.
    pub source: Source,
    /// Nodes, in the topology's stable order.
    pub nodes: Vec<GraphNode>,
    /// Edges, in the topology's stable order.
    pub edges: Vec<GraphEdge>,
    /// Trust domains.
    pub trust_domains: Vec<GraphDomain>,
}

impl NetworkGraph {
    /// The graph of a design (members grouped when there are many, as the topology view draws
    /// them); trust domains are attributes and groups, not nodes.
    pub fn of(gco: &Gco) -> NetworkGraph {
        let t = topology::graph(gco);
        let nodes = t
            .nodes
            .iter()
            .filter(|n| n.kind != "trust_domain")
            .map(|n| GraphNode {
                id: n.id.clone(),
                label: n.label.clone(),
                kind: n.kind.to_owned(),
                trust_domain: n.parent.as_ref().map(|p| p.trim_start_matches("domain:").to_owned()),
                fingerprint: n.details.get("fingerprint").and_then(|f| f.as_str()).map(str::to_owned),
            })
            .collect();
        let edges = t
            .edges
            .iter()
            .map(|e| GraphEdge {
                id: e.id.clone(),
                source: e.source.clone(),
                target: e.target.clone(),
                kind: e.kind.to_owned(),
                label: e.label.clone(),
            })
            .collect();
        let trust_domains = gco
            .mesh
            .iter()
            .flat_map(|m| &m.trust_domains)
            .map(|d| GraphDomain {
                id: d.id.clone(),
                name: d.name.clone(),
                members: d.members.iter().map(|m| format!("node:{m}")).collect(),
                policies: d
                    .policies
                    .iter()
                    .map(|p| GraphPolicy {
                        id: p.id.clone(),
                        rule: p.rule.clone(),
                        enforcement: if p.enforcement == Enforcement::Required { "required" } else { "advisory" },
                    })
                    .collect(),
            })
            .collect();
        NetworkGraph { format: GRAPH_FORMAT, source: Source::of(gco), nodes, edges, trust_domains }
    }

    /// The JSON form, keys sorted.
    pub fn json(&self) -> String {
        let mut s = serde_json::to_string_pretty(&sort_keys(serde_json::to_value(self).unwrap_or_default()))
            .unwrap_or_default();
        s.push('\n');
        s
    }

    /// The GraphML 1.0 form.
    pub fn graphml(&self) -> String {
        let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
        for (id, on, name) in [
            ("d0", "node", "label"),
            ("d1", "node", "kind"),
            ("d2", "node", "trust_domain"),
            ("d3", "node", "fingerprint"),
            ("d4", "edge", "kind"),
            ("d5", "edge", "label"),
            ("d6", "graph", "instance"),
            ("d7", "graph", "version"),
            ("d8", "graph", "fingerprint"),
        ] {
            s.push_str(&format!("  <key id=\"{id}\" for=\"{on}\" attr.name=\"{name}\" attr.type=\"string\"/>\n"));
        }
        s.push_str("  <graph id=\"G\" edgedefault=\"directed\">\n");
        let data = |s: &mut String, key: &str, v: &str, indent: &str| {
            s.push_str(&format!("{indent}<data key=\"{key}\">{}</data>\n", xml(v)));
        };
        data(&mut s, "d6", &self.source.instance, "    ");
        data(&mut s, "d7", &self.source.version, "    ");
        data(&mut s, "d8", &self.source.fingerprint, "    ");
        for n in &self.nodes {
            s.push_str(&format!("    <node id=\"{}\">\n", xml(&n.id)));
            data(&mut s, "d0", &n.label, "      ");
            data(&mut s, "d1", &n.kind, "      ");
            if let Some(d) = &n.trust_domain {
                data(&mut s, "d2", d, "      ");
            }
            if let Some(f) = &n.fingerprint {
                data(&mut s, "d3", f, "      ");
            }
            s.push_str("    </node>\n");
        }
        for e in &self.edges {
            s.push_str(&format!(
                "    <edge id=\"{}\" source=\"{}\" target=\"{}\">\n",
                xml(&e.id),
                xml(&e.source),
                xml(&e.target)
            ));
            data(&mut s, "d4", &e.kind, "      ");
            if let Some(l) = &e.label {
                data(&mut s, "d5", l, "      ");
            }
            s.push_str("    </edge>\n");
        }
        s.push_str("  </graph>\n</graphml>\n");
        s
    }

    /// The Graphviz DOT form: trust domains as clusters, every id quoted.
    pub fn dot(&self) -> String {
        let mut s = format!("digraph {} {{\n", dot_id(&self.source.instance));
        s.push_str(&format!(
            "  label={};\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n",
            dot_id(&format!("{} {} {}", self.source.instance, self.source.version, self.source.fingerprint))
        ));
        let node = |n: &GraphNode| format!("{} [label={}, class={}]", dot_id(&n.id), dot_id(&n.label), dot_id(&n.kind));
        for (i, d) in self.trust_domains.iter().enumerate() {
            s.push_str(&format!(
                "  subgraph cluster_{i} {{\n    label={};\n",
                dot_id(d.name.as_deref().unwrap_or(&d.id))
            ));
            for n in self.nodes.iter().filter(|n| n.trust_domain.as_deref() == Some(d.id.as_str())) {
                s.push_str(&format!("    {};\n", node(n)));
            }
            s.push_str("  }\n");
        }
        for n in self.nodes.iter().filter(|n| n.trust_domain.is_none()) {
            s.push_str(&format!("  {};\n", node(n)));
        }
        for e in &self.edges {
            let label = e.label.as_ref().map_or(e.kind.clone(), |l| format!("{} {l}", e.kind));
            s.push_str(&format!("  {} -> {} [label={}];\n", dot_id(&e.source), dot_id(&e.target), dot_id(&label)));
        }
        s.push_str("}\n");
        s
    }

    /// The three files: `network-graph.json`, `.graphml` and `.dot`.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        vec![
            ("network-graph.dot".into(), self.dot().into_bytes()),
            ("network-graph.graphml".into(), self.graphml().into_bytes()),
            ("network-graph.json".into(), self.json().into_bytes()),
        ]
    }
}

/// Escapes text for XML content and attribute values; drops characters XML 1.0 forbids.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A DOT quoted id: `"…"` with `"` and `\` escaped and line breaks as spaces.
fn dot_id(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
