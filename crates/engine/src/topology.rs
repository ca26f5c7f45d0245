//! The design as a graph: who holds what, who decides what, who authorises which spends,
//! and how the composition and the mesh connect. The studio's topology view draws it.

use crate::population::{self, MemberView};
use cogov_model::{Action, Decider, Gco};
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashSet};

/// Above this many members, members are grouped (see [`Members::Grouped`]).
pub const MAX_INDIVIDUAL_MEMBERS: usize = 500;

/// In a grouped drawing, a role with more holders than this is a mass role (token holders,
/// citizens) whose holders are drawn as one group; holders of smaller roles stay individual.
pub const MAX_HOLDERS_DRAWN: usize = 25;

/// How members are drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Members {
    /// Every member individually up to [`MAX_INDIVIDUAL_MEMBERS`]; above it, holders of a
    /// seat (a role with at most [`MAX_HOLDERS_DRAWN`] holders) individually and everyone else
    /// as one group per set of roles held, so the picture stays readable at any size.
    #[default]
    Grouped,
    /// Every member as its own node, whatever the size.
    Every,
    /// Every member, aggregated: one group per role held (a member with two roles counts in
    /// both), plus one for members with no role. Readable at any size.
    ByRole,
    /// Every member, aggregated: one group per weight band (powers of ten), each joined to the
    /// roles its members hold. Readable at any size.
    ByWeight,
}

/// An aggregated group lists at most this many member ids (heaviest first) for drilling in;
/// the rest are counted in `unlisted`.
pub const MAX_LISTED_MEMBERS: usize = 500;

/// A node of the topology graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Node {
    /// Unique id, prefixed by kind (`role:council`).
    pub id: String,
    /// What to print on it.
    pub label: String,
    /// member, member_group, role, decision_type, tier, treasury, escalation_level, citizen,
    /// organism, confluence, service, mesh_node or trust_domain.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub kind: &'static str,
    /// The compound node it sits in (a trust domain), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub parent: Option<String>,
    /// Everything worth showing in a details panel.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub details: Map<String, Value>,
}

/// An edge of the topology graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Edge {
    /// Unique id.
    pub id: String,
    /// Source node id.
    pub source: String,
    /// Target node id.
    pub target: String,
    /// holds, proposes, signs, authorises, funds, decides, escalates, delegates, spans or connects.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub kind: &'static str,
    /// Optional label (e.g. `3 of 5`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub label: Option<String>,
}

/// The whole graph.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Graph {
    /// Nodes, in a stable order.
    pub nodes: Vec<Node>,
    /// Edges, in a stable order.
    pub edges: Vec<Edge>,
}

fn details(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// A graph under construction, with an index of its node ids.
#[derive(Default)]
struct Builder {
    g: Graph,
    ids: HashSet<String>,
}

impl Builder {
    fn node(&mut self, id: String, label: impl Into<String>, kind: &'static str, d: Value) {
        self.ids.insert(id.clone());
        self.g.nodes.push(Node { id, label: label.into(), kind, parent: None, details: details(d) });
    }

    fn edge(&mut self, source: String, target: String, kind: &'static str, label: Option<String>) {
        let id = format!("{kind}:{source}->{target}");
        self.g.edges.push(Edge { id, source, target, kind, label });
    }

    fn has(&self, id: &str) -> bool {
        self.ids.contains(id)
    }
}

/// Builds the topology graph of a design, members grouped when there are many. Edges to
/// things that do not exist are left out (validation reports those), so the graph is always
/// drawable.
pub fn graph(gco: &Gco) -> Graph {
    graph_with(gco, Members::Grouped)
}

/// Builds the topology graph, drawing members as `members` says.
pub fn graph_with(gco: &Gco, members: Members) -> Graph {
    let mut g = Builder::default();
    let list = population::members(gco);
    add_members(&mut g, gco, &list, members);
    for r in &gco.roles {
        let d = json!({"id": r.id, "name": r.name, "seats": r.seats, "term_days": r.term.as_ref().map(|t| t.length_days),
            "permissions": r.permissions.iter().map(|p| format!("{} {}", p.action.as_str(), p.resource)).collect::<Vec<_>>()});
        g.node(format!("role:{}", r.id), r.name.clone().unwrap_or_else(|| r.id.clone()), "role", d);
    }
    for dt in &gco.decision_types {
        let d = json!({"id": dt.id, "quorum": dt.quorum, "approval": dt.approval, "voting_delay": dt.voting_delay,
            "voting_period": dt.voting_period, "timelock": dt.timelock,
            "signers": dt.signers.as_ref().map(|s| format!("{} of {} ({})", s.required, s.of.map_or("?".into(), |n| n.to_string()), s.role))});
        g.node(format!("decision:{}", dt.id), dt.name.clone().unwrap_or_else(|| dt.id.clone()), "decision_type", d);
    }
    decision_edges(&mut g, gco);
    treasury(&mut g, gco);
    escalation(&mut g, gco);
    if let Some(d) = &gco.delegation {
        for e in &d.edges {
            let (a, b) = (format!("member:{}", e.from), format!("member:{}", e.to));
            if g.has(&a) && g.has(&b) {
                g.edge(a, b, "delegates", (e.share < 1.0).then(|| format!("{:.0}%", e.share * 100.0)));
            }
        }
    }
    composition(&mut g, gco);
    mesh(&mut g, gco);
    g.g
}

/// A group of members holding the same set of mass roles.
#[derive(Default)]
struct Group {
    members: usize,
    weight: f64,
}

fn add_members(g: &mut Builder, gco: &Gco, members: &[MemberView], how: Members) {
    match how {
        Members::ByRole => return aggregate(g, gco, members, Aggregate::Role),
        Members::ByWeight => return aggregate(g, gco, members, Aggregate::Weight),
        Members::Grouped | Members::Every => {}
    }
    let every = how == Members::Every || members.len() <= MAX_INDIVIDUAL_MEMBERS;
    let mut holders: BTreeMap<&str, usize> = BTreeMap::new();
    for r in members.iter().flat_map(|m| &m.roles) {
        *holders.entry(r.as_str()).or_default() += 1;
    }
    let is_seat = |r: &String| holders.get(r.as_str()).is_some_and(|&n| n <= MAX_HOLDERS_DRAWN);
    // Keyed by the sorted roles held, so the grouping is deterministic.
    let mut groups: BTreeMap<Vec<&str>, Group> = BTreeMap::new();
    for m in members {
        if every || m.roles.iter().any(is_seat) {
            let d = json!({"id": m.id, "weight": m.weight, "propensity": m.propensity, "roles": m.roles, "generated": m.generated});
            g.node(format!("member:{}", m.id), m.id.clone(), "member", d);
            for r in &m.roles {
                if gco.role(r).is_some() {
                    g.edge(format!("member:{}", m.id), format!("role:{r}"), "holds", None);
                }
            }
        } else {
            let mut key: Vec<&str> = m.roles.iter().map(String::as_str).collect();
            key.sort_unstable();
            key.dedup();
            let group = groups.entry(key).or_default();
            group.members += 1;
            group.weight += m.weight;
        }
    }
    for (roles, group) in groups {
        let (id, label) = if roles.is_empty() {
            ("group:members".to_owned(), format!("{} members", group.members))
        } else {
            (format!("group:{}", roles.join("+")), format!("{} × {}", group.members, roles.join(" + ")))
        };
        let d = json!({"members": group.members, "total_weight": group.weight, "roles": roles});
        g.node(id.clone(), label, "member_group", d);
        for r in roles.iter().filter(|r| gco.role(r).is_some()) {
            g.edge(id.clone(), format!("role:{r}"), "holds", Some(format!("{}", group.members)));
        }
    }
}

/// What an aggregated every-member view groups by.
#[derive(Clone, Copy, PartialEq)]
enum Aggregate {
    Role,
    Weight,
}

/// The weight band of a weight: its power of ten (`[10^k, 10^(k+1))`), `None` for zero or less.
fn weight_band(w: f64) -> Option<i32> {
    // Clamped so a pathological weight cannot make a band id thousands of digits long.
    (w > 0.0 && w.is_finite()).then(|| (w.log10().floor() as i32).clamp(-12, 15))
}

fn band_label(band: Option<i32>) -> String {
    let p = |k: i32| {
        let v = 10f64.powi(k);
        if k >= 0 { thousands(v as u64) } else { format!("{v}") }
    };
    match band {
        None => "weight 0".to_owned(),
        Some(k) => format!("weight {} – {}", p(k), p(k + 1)),
    }
}

/// `12345` as `12,345`.
fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One aggregated group: its members (index into the member list) and the roles they hold.
#[derive(Default)]
struct Agg<'a> {
    members: Vec<&'a MemberView>,
    roles: BTreeMap<&'a str, usize>,
}

/// Every member in groups (by role or by weight band), each group one node with its count, share
/// of weight and the ids of its heaviest members; groups join the roles their members hold.
fn aggregate(g: &mut Builder, gco: &Gco, members: &[MemberView], by: Aggregate) {
    let total: f64 = members.iter().map(|m| m.weight.max(0.0)).sum();
    // Keyed so that the node order is deterministic: roles in the design's order, bands ascending.
    let mut groups: BTreeMap<(i64, String), Agg> = BTreeMap::new();
    let role_rank = |r: &str| gco.roles.iter().position(|x| x.id == r).map_or(i64::MAX - 1, |i| i as i64);
    for m in members {
        let keys: Vec<(i64, String)> = match by {
            Aggregate::Role if m.roles.is_empty() => vec![(i64::MAX, String::new())],
            Aggregate::Role => {
                let mut k: Vec<_> = m.roles.iter().map(|r| (role_rank(r), r.clone())).collect();
                k.sort();
                k.dedup();
                k
            }
            Aggregate::Weight => {
                let b = weight_band(m.weight);
                vec![(b.map_or(i64::MIN, i64::from), b.map_or("0".into(), |k| k.to_string()))]
            }
        };
        for k in keys {
            let a = groups.entry(k).or_default();
            a.members.push(m);
            for r in &m.roles {
                *a.roles.entry(r.as_str()).or_default() += 1;
            }
        }
    }
    for ((rank, key), mut a) in groups {
        let count = a.members.len();
        let weight: f64 = a.members.iter().map(|m| m.weight.max(0.0)).sum();
        let (id, name) = match by {
            Aggregate::Role if key.is_empty() => ("group:role:-".to_owned(), "No role".to_owned()),
            Aggregate::Role => {
                let name = gco.role(&key).and_then(|r| r.name.clone()).unwrap_or_else(|| key.clone());
                (format!("group:role:{key}"), name)
            }
            Aggregate::Weight => {
                let band = (rank != i64::MIN).then_some(rank as i32);
                (format!("group:weight:{key}"), band_label(band))
            }
        };
        let noun = if count == 1 { "member" } else { "members" };
        let label = format!("{name}: {} {noun}", thousands(count as u64));
        // Heaviest first, then by id, so the list a designer drills into is stable.
        a.members.sort_by(|x, y| y.weight.total_cmp(&x.weight).then_with(|| x.id.cmp(&y.id)));
        let listed: Vec<&str> = a.members.iter().take(MAX_LISTED_MEMBERS).map(|m| m.id.as_str()).collect();
        let share = if total > 0.0 { weight / total } else { 0.0 };
        let d = json!({"grouped_by": if by == Aggregate::Role { "role" } else { "weight" }, "name": name,
            "members": count, "total_weight": weight, "share_of_weight": share,
            "roles": a.roles.keys().collect::<Vec<_>>(), "listed": listed,
            "unlisted": count.saturating_sub(MAX_LISTED_MEMBERS)});
        g.node(id.clone(), label, "member_group", d);
        for (r, n) in a.roles.iter().filter(|(r, _)| gco.role(r).is_some()) {
            // By role, a group only holds its own role; the others it shares are in the details.
            if by == Aggregate::Role && *r != key {
                continue;
            }
            g.edge(id.clone(), format!("role:{r}"), "holds", Some(thousands(*n as u64)));
        }
    }
}

fn decision_edges(g: &mut Builder, gco: &Gco) {
    for dt in &gco.decision_types {
        let target = format!("decision:{}", dt.id);
        let mut proposers: Vec<&str> = dt.proposal_threshold.roles.iter().map(String::as_str).collect();
        for r in &gco.roles {
            let by_permission = r
                .permissions
                .iter()
                .any(|p| p.action == Action::Propose && p.resource == format!("decision/{}", dt.id));
            if by_permission && !proposers.contains(&r.id.as_str()) {
                proposers.push(&r.id);
            }
        }
        for r in proposers {
            if gco.role(r).is_some() {
                g.edge(format!("role:{r}"), target.clone(), "proposes", None);
            }
        }
        if let Some(s) = dt.signers.as_ref().filter(|s| gco.role(&s.role).is_some()) {
            let label = Some(format!("{} of {}", s.required, s.of.map_or("all".into(), |n| n.to_string())));
            g.edge(format!("role:{}", s.role), target, "signs", label);
        }
    }
}

fn treasury(g: &mut Builder, gco: &Gco) {
    let Some(t) = &gco.treasury else { return };
    let d = json!({"currency": t.currency, "balance": t.balance, "categories": t.categories.iter().map(|c| &c.id).collect::<Vec<_>>()});
    g.node("treasury".into(), format!("Treasury ({})", t.currency), "treasury", d);
    for tier in &t.tiers {
        let range = match tier.max {
            Some(m) => format!("{} – {}", tier.min, m),
            None => format!("≥ {}", tier.min),
        };
        let d = json!({"id": tier.id, "min": tier.min, "max": tier.max, "decision_type": tier.decision_type});
        let id = format!("tier:{}", tier.id);
        g.node(id.clone(), format!("{} ({range})", tier.id), "tier", d);
        g.edge(id.clone(), "treasury".into(), "funds", None);
        if gco.decision_type(&tier.decision_type).is_some() {
            g.edge(format!("decision:{}", tier.decision_type), id.clone(), "authorises", None);
        }
        if let Some(s) = tier.signers.as_ref().filter(|s| gco.role(&s.role).is_some()) {
            g.edge(format!("role:{}", s.role), id, "signs", Some(format!("{} signers", s.required)));
        }
    }
}

fn escalation(g: &mut Builder, gco: &Gco) {
    let Some(e) = &gco.escalation else { return };
    for l in &e.levels {
        let d = json!({"id": l.id, "time_limit_days": l.time_limit_days, "terminal": l.terminal});
        g.node(format!("level:{}", l.id), l.name.clone().unwrap_or_else(|| l.id.clone()), "escalation_level", d);
    }
    for l in &e.levels {
        let id = format!("level:{}", l.id);
        if let Some(n) = l.next.as_ref().filter(|n| e.levels.iter().any(|x| &x.id == *n)) {
            g.edge(id.clone(), format!("level:{n}"), "escalates", l.time_limit_days.map(|d| format!("{d} days")));
        }
        let decider = match &l.decided_by {
            Decider::Role { role } if gco.role(role).is_some() => Some(format!("role:{role}")),
            Decider::DecisionType { decision_type } if gco.decision_type(decision_type).is_some() => {
                Some(format!("decision:{decision_type}"))
            }
            _ => None,
        };
        if let Some(d) = decider {
            g.edge(d, id, "decides", None);
        }
    }
}

fn composition(g: &mut Builder, gco: &Gco) {
    let Some(c) = &gco.composition else { return };
    for (kind, list) in [("citizen", &c.citizens), ("organism", &c.organisms)] {
        for r in list {
            let d = json!({"role": r.role, "fingerprint": r.fingerprint, "operator": r.operator});
            g.node(format!("{kind}:{}", r.role), r.role.clone(), kind, d);
        }
    }
    for r in &c.confluences {
        let d = json!({"role": r.role, "fingerprint": r.fingerprint, "operator": r.operator, "spans": r.spans});
        let id = format!("confluence:{}", r.role);
        g.node(id.clone(), r.role.clone(), "confluence", d);
        for s in &r.spans {
            let target = ["citizen", "organism"].iter().map(|k| format!("{k}:{s}")).find(|t| g.has(t));
            if let Some(t) = target {
                g.edge(id.clone(), t, "spans", None);
            }
        }
    }
    for s in &c.services {
        let name = serde_json::to_value(s.service).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        let d = json!({"service": name, "fingerprint": s.fingerprint, "operator": s.operator});
        g.node(format!("service:{name}"), name.clone(), "service", d);
    }
}

fn mesh(g: &mut Builder, gco: &Gco) {
    let Some(m) = &gco.mesh else { return };
    for d in &m.trust_domains {
        let det = json!({"id": d.id, "policies": d.policies.iter().map(|p| format!("{} ({:?})", p.rule, p.enforcement)).collect::<Vec<_>>()});
        g.node(format!("domain:{}", d.id), d.name.clone().unwrap_or_else(|| d.id.clone()), "trust_domain", det);
    }
    for n in &m.nodes {
        let domains: Vec<&str> =
            m.trust_domains.iter().filter(|d| d.members.contains(&n.id)).map(|d| d.id.as_str()).collect();
        let det = json!({"id": n.id, "kind": n.kind, "operator": n.operator, "trust_domains": domains});
        g.node(format!("node:{}", n.id), n.name.clone().unwrap_or_else(|| n.id.clone()), "mesh_node", det);
        // A compound node has one parent; a node in several domains sits in the first.
        if let (Some(first), Some(last)) = (domains.first(), g.g.nodes.last_mut()) {
            last.parent = Some(format!("domain:{first}"));
        }
    }
    for c in &m.connections {
        let (a, b) = (format!("node:{}", c.from), format!("node:{}", c.to));
        if g.has(&a) && g.has(&b) {
            let kind = serde_json::to_value(c.kind).ok().and_then(|v| v.as_str().map(str::to_owned));
            g.edge(a, b, "connects", kind);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_bodies_are_grouped_and_edges_only_join_existing_nodes() {
        let gco = crate::synth::large(2_000, 10, 4);
        let g = graph(&gco);
        let group = g.nodes.iter().find(|n| n.kind == "member_group").expect("a group node");
        // 10 roles x 3 holders are drawn individually; everyone else is in the group.
        assert_eq!(group.details["members"], 2_000 - 30);
        assert_eq!(g.nodes.iter().filter(|n| n.kind == "member").count(), 30);
        let ids: std::collections::HashSet<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids.len(), g.nodes.len(), "node ids are unique");
        for e in &g.edges {
            assert!(ids.contains(e.source.as_str()) && ids.contains(e.target.as_str()), "{e:?}");
        }
        assert!(g.edges.iter().any(|e| e.kind == "authorises" && e.target == "tier:large"));
        assert!(g.edges.iter().any(|e| e.kind == "escalates" && e.source == "level:mediation"));
    }

    fn token_dao() -> Gco {
        crate::test_examples::example("token-dao")
    }

    #[test]
    fn holders_of_a_mass_role_are_one_group_and_seat_holders_stay_individual() {
        let gco = token_dao();
        let total = population::members(&gco).len();
        assert!(total > MAX_INDIVIDUAL_MEMBERS, "token-dao is a large design ({total} members)");
        let g = graph(&gco);
        let group = g.nodes.iter().find(|n| n.id == "group:token-holder").expect("the token holders' group");
        let seats = g.nodes.iter().filter(|n| n.kind == "member").count();
        assert_eq!(group.details["members"].as_u64(), Some((total - seats) as u64));
        assert!(g.nodes.iter().any(|n| n.id == "member:aria-chen"), "a council seat is drawn by name");
        assert!(g.edges.iter().any(|e| e.source == "group:token-holder" && e.target == "role:token-holder"));
        assert!(g.nodes.len() < 100, "the grouped drawing is small enough to read: {} nodes", g.nodes.len());
    }

    #[test]
    fn every_member_can_be_drawn() {
        let gco = token_dao();
        let total = population::members(&gco).len();
        let g = graph_with(&gco, Members::Every);
        assert_eq!(g.nodes.iter().filter(|n| n.kind == "member").count(), total);
        assert!(!g.nodes.iter().any(|n| n.kind == "member_group"));
    }

    #[test]
    fn every_member_by_role_counts_each_holder_once_per_role() {
        let gco = token_dao();
        let list = population::members(&gco);
        let g = graph_with(&gco, Members::ByRole);
        assert!(!g.nodes.iter().any(|n| n.kind == "member"), "no member is drawn on its own");
        assert!(g.nodes.len() < 60, "small enough to read: {} nodes", g.nodes.len());
        for r in &gco.roles {
            let holders = list.iter().filter(|m| m.roles.contains(&r.id)).count();
            let group = g.nodes.iter().find(|n| n.id == format!("group:role:{}", r.id));
            match group {
                Some(n) => {
                    assert_eq!(n.details["members"].as_u64(), Some(holders as u64), "{}", r.id);
                    let listed = n.details["listed"].as_array().expect("listed ids").len();
                    assert_eq!(listed + n.details["unlisted"].as_u64().unwrap_or(0) as usize, holders);
                    assert!(g.edges.iter().any(|e| e.source == n.id && e.target == format!("role:{}", r.id)));
                }
                None => assert_eq!(holders, 0, "role {} has holders but no group", r.id),
            }
        }
        let holders = g.nodes.iter().find(|n| n.id == "group:role:token-holder").expect("token holders");
        assert!(holders.label.ends_with(" members") && holders.label.contains(','), "{}", holders.label);
        assert_eq!(g, graph_with(&gco, Members::ByRole), "the same design gives the same groups");
    }

    #[test]
    fn every_member_by_weight_band_partitions_the_members() {
        let gco = token_dao();
        let list = population::members(&gco);
        let g = graph_with(&gco, Members::ByWeight);
        let bands: Vec<&Node> = g.nodes.iter().filter(|n| n.kind == "member_group").collect();
        assert!(bands.len() >= 2, "token-dao's weights span several bands");
        let counted: u64 = bands.iter().filter_map(|n| n.details["members"].as_u64()).sum();
        assert_eq!(counted, list.len() as u64, "each member is in exactly one band");
        let share: f64 = bands.iter().filter_map(|n| n.details["share_of_weight"].as_f64()).sum();
        assert!((share - 1.0).abs() < 1e-9, "the bands' shares of weight add up to 1: {share}");
        // Listed heaviest first.
        let first = bands.last().expect("a band");
        let ids = first.details["listed"].as_array().expect("listed");
        let w =
            |id: &serde_json::Value| list.iter().find(|m| m.id == id.as_str().unwrap_or_default()).map(|m| m.weight);
        assert!(ids.windows(2).all(|p| w(&p[0]) >= w(&p[1])), "listed heaviest first");
        assert!(g.edges.iter().any(|e| e.source.starts_with("group:weight:") && e.target == "role:token-holder"));
    }

    #[test]
    fn weight_bands_are_powers_of_ten() {
        assert_eq!(weight_band(0.0), None);
        assert_eq!(weight_band(1.0), Some(0));
        assert_eq!(weight_band(9.99), Some(0));
        assert_eq!(weight_band(12_500.0), Some(4));
        assert_eq!(weight_band(0.5), Some(-1));
        assert_eq!(band_label(Some(3)), "weight 1,000 – 10,000");
        assert_eq!(band_label(None), "weight 0");
    }
}
