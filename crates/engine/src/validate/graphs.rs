//! The escalation ladder and the delegation graph (cycles, terminals, depth), plus incentives.

use super::Ctx;
use cogov_model::Code;
use petgraph::algo::tarjan_scc;
use petgraph::graphmap::DiGraphMap;
use std::collections::{HashMap, HashSet};

/// The escalation ladder: every matter must reach a terminal level, in bounded steps.
pub(super) fn escalation(cx: &mut Ctx) {
    let Some(e) = &cx.gco.escalation else { return };
    if e.levels.is_empty() {
        return;
    }
    let at = |i: usize| format!("/escalation/levels/{i}");
    let index: HashMap<&str, usize> = e.levels.iter().enumerate().map(|(i, l)| (l.id.as_str(), i)).collect();
    let mut graph = DiGraphMap::<usize, ()>::new();
    for (i, l) in e.levels.iter().enumerate() {
        graph.add_node(i);
        if let Some(&j) = l.next.as_deref().and_then(|n| index.get(n)) {
            graph.add_edge(i, j, ());
        }
        match (l.terminal, &l.next) {
            (true, Some(n)) => {
                cx.push(Code::TerminalWithNext, at(i), format!("terminal level `{}` escalates to `{n}`", l.id))
            }
            (false, None) => {
                cx.push(Code::DeadEndLevel, at(i), format!("level `{}` is not terminal and has no next level", l.id))
            }
            (false, Some(_)) if l.time_limit_days.is_none() => {
                cx.push(Code::NoTimeLimit, at(i), format!("level `{}` has no time limit", l.id));
            }
            _ => {}
        }
    }
    for cycle in cycles(&graph) {
        let names: Vec<&str> = cycle.iter().map(|&i| e.levels[i].id.as_str()).collect();
        let first = cycle.iter().min().copied().unwrap_or(0);
        cx.push(Code::EscalationCycle, at(first), format!("levels escalate in a circle: {}", names.join(" → ")));
    }
    if !e.levels.iter().any(|l| l.terminal) {
        cx.push(Code::NoTerminalLevel, "/escalation/levels", "no level is terminal: disputes never end");
    }
    let mut seen = HashSet::from([0usize]);
    let mut cur = 0usize;
    while let Some(&next) = e.levels[cur].next.as_deref().and_then(|n| index.get(n)) {
        if !seen.insert(next) {
            break;
        }
        cur = next;
    }
    for (i, l) in e.levels.iter().enumerate() {
        if !seen.contains(&i) {
            let msg = format!("level `{}` cannot be reached from the first level `{}`", l.id, e.levels[0].id);
            cx.push(Code::UnreachableLevel, at(i), msg);
        }
    }
}

/// The strongly connected components that form cycles (including self-loops), each
/// rotated to start at its lowest node and listed in a stable order.
fn cycles(graph: &DiGraphMap<usize, ()>) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = tarjan_scc(graph)
        .into_iter()
        .filter(|c| c.len() > 1 || graph.contains_edge(c[0], c[0]))
        .map(|mut c| {
            c.sort_unstable();
            c
        })
        .collect();
    out.sort();
    out
}

/// The delegation graph: allowed at all, acyclic, no deeper than allowed, no over-delegation.
pub(super) fn delegation(cx: &mut Ctx) {
    let g = cx.gco;
    let Some(d) = &g.delegation else { return };
    if d.edges.is_empty() {
        return;
    }
    if !d.allowed {
        let msg = format!("{} delegation(s) exist but delegation is not allowed", d.edges.len());
        cx.push(Code::DelegationNotAllowed, "/delegation/allowed", msg);
    }
    let mut ids: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut graph = DiGraphMap::<usize, ()>::new();
    for e in &d.edges {
        for id in [e.from.as_str(), e.to.as_str()] {
            if !index.contains_key(id) {
                index.insert(id, ids.len());
                ids.push(id);
            }
        }
        graph.add_edge(index[e.from.as_str()], index[e.to.as_str()], ());
    }
    let found = cycles(&graph);
    for cycle in &found {
        let names: Vec<&str> = cycle.iter().map(|&i| ids[i]).collect();
        let first = d.edges.iter().position(|e| index[e.from.as_str()] == cycle[0]).unwrap_or(0);
        let msg = format!("weight circulates among {}", names.join(" → "));
        cx.push(Code::DelegationCycle, format!("/delegation/edges/{first}"), msg);
    }
    if found.is_empty() {
        // Longest chain, in edges, by memoised depth-first search (the graph is acyclic here).
        let mut depth: HashMap<usize, u32> = HashMap::new();
        fn longest(n: usize, g: &DiGraphMap<usize, ()>, memo: &mut HashMap<usize, u32>) -> u32 {
            if let Some(&d) = memo.get(&n) {
                return d;
            }
            let d = g.neighbors(n).map(|m| 1 + longest(m, g, memo)).max().unwrap_or(0);
            memo.insert(n, d);
            d
        }
        let worst = (0..ids.len())
            .map(|n| (longest(n, &graph, &mut depth), n))
            .max_by_key(|(d, n)| (*d, std::cmp::Reverse(*n)));
        if let Some((deepest, start)) = worst.filter(|(deepest, _)| *deepest > d.max_depth) {
            let first = d.edges.iter().position(|e| e.from == ids[start]).unwrap_or(0);
            let msg =
                format!("a chain from `{}` is {deepest} delegations deep; at most {} allowed", ids[start], d.max_depth);
            cx.push(Code::DelegationTooDeep, format!("/delegation/edges/{first}"), msg);
        }
    }
    over_delegation(cx);
}

/// Each member's delegated shares, per decision type an edge covers, sum to at most 1.
fn over_delegation(cx: &mut Ctx) {
    let g = cx.gco;
    let Some(d) = &g.delegation else { return };
    // Group edges by delegator first: the check is then linear in the edges.
    let mut by_from: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut slot: HashMap<&str, usize> = HashMap::new();
    for (i, e) in d.edges.iter().enumerate() {
        let k = *slot.entry(e.from.as_str()).or_insert_with(|| {
            by_from.push((e.from.as_str(), Vec::new()));
            by_from.len() - 1
        });
        by_from[k].1.push(i);
    }
    for (from, edges) in by_from {
        let total_for = |scope: Option<&str>| -> f64 {
            edges
                .iter()
                .map(|&i| &d.edges[i])
                .filter(|x| {
                    x.decision_types.is_empty() || scope.is_some_and(|s| x.decision_types.iter().any(|t| t == s))
                })
                .map(|x| x.share)
                .sum()
        };
        let worst = if g.decision_types.is_empty() {
            Some((None, total_for(None)))
        } else {
            g.decision_types
                .iter()
                .map(|t| (Some(t.id.as_str()), total_for(Some(&t.id))))
                .find(|(_, t)| *t > 1.0 + 1e-9)
        };
        if let Some((scope, total)) = worst.filter(|(_, t)| *t > 1.0 + 1e-9) {
            let on = scope.map(|s| format!(" on `{s}`")).unwrap_or_default();
            let msg = format!("`{from}` delegates {total} of their weight{on}");
            cx.push(Code::OverDelegated, format!("/delegation/edges/{}", edges[0]), msg);
        }
    }
}

/// Incentives: enabled ones have mechanisms whose weights sum to 1.
pub(super) fn incentives(cx: &mut Ctx) {
    let Some(inc) = &cx.gco.incentives else { return };
    if !inc.enabled {
        return;
    }
    if inc.mechanisms.is_empty() {
        cx.push(
            Code::IncentivesWithoutMechanisms,
            "/incentives/mechanisms",
            "incentives are enabled with no mechanism",
        );
        return;
    }
    let sum: f64 = inc.mechanisms.iter().map(|m| m.weight).sum();
    if (sum - 1.0).abs() > 1e-6 {
        cx.push(Code::IncentiveWeights, "/incentives/mechanisms", format!("mechanism weights add up to {sum}"));
    }
}
