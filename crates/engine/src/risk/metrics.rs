//! The computations behind the six scores. Each returns a raw value, a one-line explanation
//! and the details it rests on. See `docs/risk-model.md` for the formulas and their reading.

use crate::diff::{self, Bump};
use crate::population::{self, MemberView};
use cogov_model::{Action, Gco, Signers};
use petgraph::algo::toposort;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use serde_json::{Value, json};
use std::collections::HashMap;

/// Participation density is capped here (a quorum this far below turnout is no constraint).
pub const DENSITY_CAP: f64 = 100.0;

/// Actions that are powers (they move money, people or rules), as opposed to participation
/// rights (propose, vote, escalate, delegate, view).
pub const POWERS: [Action; 9] = [
    Action::Sign,
    Action::Execute,
    Action::Veto,
    Action::Amend,
    Action::Appoint,
    Action::Remove,
    Action::Spend,
    Action::Decide,
    Action::Administer,
];

/// A score before levelling.
pub struct Metric {
    /// The raw value.
    pub value: f64,
    /// One line for people.
    pub explanation: String,
    /// The inputs and intermediate figures.
    pub details: Value,
}

/// What the scores read, computed once: the membership sorted by weight and role holders.
pub struct Context<'a> {
    /// The design.
    pub gco: &'a Gco,
    /// Every member (explicit, then generated).
    pub members: Vec<MemberView>,
    /// Total voting weight.
    pub total: f64,
    /// Member indexes by weight, heaviest first (ties by position).
    pub by_weight: Vec<usize>,
    /// Prefix sums of weight along `by_weight` (`prefix[k]` = weight of the k heaviest).
    pub prefix: Vec<f64>,
    /// Rank of each member in `by_weight`.
    pub rank: Vec<usize>,
    /// For each role id, the ranks of its holders, ascending.
    pub holders: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Context<'a> {
    /// Reads the design once.
    pub fn new(gco: &'a Gco) -> Context<'a> {
        let members = population::members(gco);
        let total: f64 = members.iter().map(|m| m.weight).sum();
        let mut by_weight: Vec<usize> = (0..members.len()).collect();
        // Unstable is exact here: the index breaks every tie, so there is one order to find.
        by_weight.sort_unstable_by(|&a, &b| members[b].weight.total_cmp(&members[a].weight).then(a.cmp(&b)));
        let mut rank = vec![0; members.len()];
        let mut prefix = Vec::with_capacity(members.len() + 1);
        prefix.push(0.0);
        for (r, &i) in by_weight.iter().enumerate() {
            rank[i] = r;
            prefix.push(prefix[r] + members[i].weight);
        }
        let mut holders: HashMap<&str, Vec<usize>> = gco.roles.iter().map(|r| (r.id.as_str(), Vec::new())).collect();
        for (i, m) in members.iter().enumerate() {
            for r in &m.roles {
                if let Some(v) = holders.get_mut(r.as_str()) {
                    v.push(rank[i]);
                }
            }
        }
        for v in holders.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        Context { gco, members, total, by_weight, prefix, rank, holders }
    }

    fn id_at_rank(&self, r: usize) -> &str {
        &self.members[self.by_weight[r]].id
    }

    /// The smallest coalition that passes a decision of this type alone (it casts all the
    /// votes, so approval is met; it must reach the quorum, include a possible proposer and
    /// the required signers): the number of heaviest members taken, plus the ranks added for
    /// the proposer and the signers.
    pub fn coalition(&self, dt_id: &str, extra_signers: Option<&Signers>) -> Coalition {
        let n = self.members.len();
        let Some(dt) = self.gco.decision_type(dt_id) else {
            return Coalition { size: n, weight: self.total, extra: Vec::new(), heaviest: n, vacant_signers: 0 };
        };
        let need = dt.quorum * self.total;
        // The k heaviest members reach the quorum: the smallest such k (at least one voter).
        let k = self.prefix.partition_point(|&w| w < need - 1e-9 * self.total.max(1.0)).clamp(1, n.max(1)).min(n);
        let mut extra: Vec<usize> = Vec::new();
        let in_coalition = |r: usize, extra: &Vec<usize>| r < k || extra.contains(&r);
        // A proposer: a holder of a proposer role (any member when none is named) with enough weight.
        let pt = &dt.proposal_threshold;
        let can_propose = |r: usize| {
            let m = &self.members[self.by_weight[r]];
            m.weight >= pt.min_weight && (pt.roles.is_empty() || m.roles.iter().any(|x| pt.roles.contains(x)))
        };
        if !(0..k).any(can_propose) {
            if let Some(r) = (k..n).find(|&r| can_propose(r)) {
                extra.push(r);
            }
        }
        let mut vacant_signers = 0;
        for s in dt.signers.iter().chain(extra_signers) {
            let holders = self.holders.get(s.role.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            let mut have = holders.iter().filter(|&&r| in_coalition(r, &extra)).count() as u32;
            for &r in holders {
                if have >= s.required {
                    break;
                }
                if !in_coalition(r, &extra) {
                    extra.push(r);
                    have += 1;
                }
            }
            // Seats with no holder yet still need a person each.
            vacant_signers += s.required.saturating_sub(have);
        }
        let weight = self.prefix[k] + extra.iter().map(|&r| self.members[self.by_weight[r]].weight).sum::<f64>();
        Coalition { size: k + extra.len() + vacant_signers as usize, weight, extra, heaviest: k, vacant_signers }
    }

    fn coalition_names(&self, c: &Coalition, limit: usize) -> String {
        let mut names: Vec<&str> =
            (0..c.heaviest).chain(c.extra.iter().copied()).take(limit).map(|r| self.id_at_rank(r)).collect();
        let shown = names.len();
        if c.vacant_signers > 0 && shown < limit {
            names.push("(vacant signer seats)");
        }
        let more = c.size.saturating_sub(shown + c.vacant_signers as usize);
        let mut s = names.join(", ");
        if more > 0 {
            s.push_str(&format!(" and {more} more"));
        }
        s
    }

    fn share(&self, w: f64) -> f64 {
        if self.total > 0.0 { w / self.total } else { 0.0 }
    }
}

/// A coalition found by [`Context::coalition`].
#[derive(Debug, Clone)]
pub struct Coalition {
    /// Members in it (vacant signer seats count as one member each).
    pub size: usize,
    /// Their voting weight.
    pub weight: f64,
    /// Ranks added beyond the heaviest `heaviest` (a proposer, signers).
    pub extra: Vec<usize>,
    /// How many of the heaviest members it takes.
    pub heaviest: usize,
    /// Signer seats required that no member holds yet.
    pub vacant_signers: u32,
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Authority concentration: the HHI of effective authority (half voting-weight share, half
/// share of the powers roles confer, each role's powers split among its holders) and of voting
/// weight alone; the value is the larger. Gini and Nakamoto of voting weight beside it.
pub fn authority_concentration(cx: &Context<'_>) -> Metric {
    let n = cx.members.len();
    // Powers per role: distinct (power action, resource) pairs.
    let mut role_power: Vec<(&str, f64, usize)> = Vec::new();
    for r in &cx.gco.roles {
        let mut p: Vec<(Action, &str)> = r
            .permissions
            .iter()
            .filter(|p| POWERS.contains(&p.action))
            .map(|p| (p.action, p.resource.as_str()))
            .collect();
        p.sort();
        p.dedup();
        let holders = cx.holders.get(r.id.as_str()).map_or(0, Vec::len);
        role_power.push((r.id.as_str(), p.len() as f64, holders));
    }
    let total_power: f64 = role_power.iter().filter(|(_, _, h)| *h > 0).map(|(_, p, _)| p).sum();
    let per_holder: HashMap<&str, f64> = role_power
        .iter()
        .filter(|(_, _, h)| *h > 0)
        .map(|&(id, p, h)| (id, if total_power > 0.0 { p / total_power / h as f64 } else { 0.0 }))
        .collect();
    let mut authority: Vec<f64> = Vec::with_capacity(n);
    let (mut hhi_eff, mut hhi_w) = (0.0, 0.0);
    for m in &cx.members {
        let w = cx.share(m.weight);
        let p: f64 = m.roles.iter().filter_map(|r| per_holder.get(r.as_str())).sum();
        let a = match (cx.total > 0.0, total_power > 0.0) {
            (true, true) => (w + p) / 2.0,
            (true, false) => w,
            (false, true) => p,
            (false, false) => 0.0,
        };
        hhi_eff += a * a;
        hhi_w += w * w;
        authority.push(a);
    }
    // Gini over weights ascending: (2 Σ i·x_i) / (n Σ x) − (n + 1) / n, i from 1.
    let gini = if n > 0 && cx.total > 0.0 {
        let s: f64 = cx.by_weight.iter().rev().enumerate().map(|(i, &m)| (i + 1) as f64 * cx.members[m].weight).sum();
        (2.0 * s) / (n as f64 * cx.total) - (n as f64 + 1.0) / n as f64
    } else {
        0.0
    };
    let nakamoto = cx.prefix.iter().position(|&w| w > cx.total / 2.0).unwrap_or(0);
    // The three highest, in order: a selection, not a sort of every member (the index breaks
    // every tie, so the result is the sort's).
    let mut top: Vec<usize> = (0..n).collect();
    let order = |a: &usize, b: &usize| authority[*b].total_cmp(&authority[*a]).then(a.cmp(b));
    if top.len() > 3 {
        top.select_nth_unstable_by(2, order);
        top.truncate(3);
    }
    top.sort_unstable_by(order);
    let top_text: Vec<String> = top.iter().map(|&i| format!("{} {}", cx.members[i].id, pct(authority[i]))).collect();
    let value = hhi_eff.max(hhi_w);
    let which = if hhi_w > hhi_eff { "voting weight" } else { "effective authority" };
    let explanation = format!(
        "HHI {value:.3} of {which} (effective authority {hhi_eff:.3}, weight {hhi_w:.3}); most authority: {}; Gini {gini:.2}, Nakamoto {nakamoto}",
        top_text.join(", ")
    );
    Metric {
        value,
        explanation,
        details: json!({
            "hhi_effective_authority": hhi_eff,
            "hhi_voting_weight": hhi_w,
            "gini_voting_weight": gini,
            "nakamoto_coefficient": nakamoto,
            "members": n,
            "top": top.iter().map(|&i| json!({ "member": cx.members[i].id, "authority": authority[i] })).collect::<Vec<_>>(),
            "role_powers": role_power.iter().map(|(id, p, h)| json!({ "role": id, "powers": p, "holders": h })).collect::<Vec<_>>(),
        }),
    }
}

/// The tier with the highest floor (the top tier), if any.
fn top_tier(gco: &Gco) -> Option<&cogov_model::AuthorizationTier> {
    gco.treasury.as_ref()?.tiers.iter().max_by(|a, b| a.min.total_cmp(&b.min).then_with(|| b.id.cmp(&a.id)))
}

/// Governance capture risk: 1 − (members in the smallest coalition that passes a decision
/// alone) / (members), maximised over decision types.
pub fn governance_capture(cx: &Context<'_>) -> Metric {
    let n = cx.members.len().max(1);
    let mut rows = Vec::new();
    let mut worst: Option<(f64, &str, Coalition)> = None;
    for dt in &cx.gco.decision_types {
        let c = cx.coalition(&dt.id, None);
        let risk = 1.0 - (c.size as f64 / n as f64).min(1.0);
        rows.push(json!({ "decision_type": dt.id, "coalition_members": c.size,
                          "coalition_weight_share": cx.share(c.weight), "risk": risk }));
        if worst.as_ref().is_none_or(|(r, _, _)| risk > *r) {
            worst = Some((risk, dt.id.as_str(), c));
        }
    }
    let Some((value, dt, c)) = worst else {
        return Metric {
            value: 0.0,
            explanation: "no decision types: nothing to capture".into(),
            details: json!({ "decision_types": rows }),
        };
    };
    // Can the same coalition also pass the top treasury tier's decision, with its signers?
    let top = top_tier(cx.gco).map(|t| {
        let tc = cx.coalition(&t.decision_type, t.signers.as_ref());
        let covered = tc.size <= c.size
            && tc.weight <= c.weight + 1e-9
            && tc.extra.iter().all(|r| *r < c.heaviest || c.extra.contains(r));
        (t.id.as_str(), covered && tc.vacant_signers == 0)
    });
    let top_text = match top {
        Some((id, true)) => format!("; it can also move the top treasury tier `{id}`"),
        Some((id, false)) => format!("; it cannot move the top treasury tier `{id}` alone"),
        None => String::new(),
    };
    let explanation = format!(
        "{} of {n} members ({} of the weight) can pass `{dt}` alone: {}{top_text}",
        c.size,
        pct(cx.share(c.weight)),
        cx.coalition_names(&c, 5)
    );
    Metric {
        value,
        explanation,
        details: json!({
            "decision_types": rows,
            "worst": dt,
            "coalition": (0..c.heaviest).chain(c.extra.iter().copied()).take(50).map(|r| cx.id_at_rank(r)).collect::<Vec<_>>(),
            "top_tier": top.map(|(id, moves)| json!({ "tier": id, "coalition_moves_it": moves })),
        }),
    }
}

/// Treasury centralisation: for each tier, the share of the treasury's funds (balance plus a
/// year of inflows) one spend in it may move, divided by the members of the smallest set that
/// can authorise it alone (its decision's coalition plus the tier's signers); the largest.
pub fn treasury_centralisation(cx: &Context<'_>) -> Metric {
    let Some(t) = cx.gco.treasury.as_ref().filter(|t| !t.tiers.is_empty()) else {
        return Metric {
            value: 0.0,
            explanation: "no treasury tiers: no outflow path to control".into(),
            details: json!({}),
        };
    };
    let funds = t.balance + t.inflows.iter().map(|i| i.amount * i.period.per_year()).sum::<f64>();
    let mut rows = Vec::new();
    let mut worst: Option<(f64, &str, f64, Coalition)> = None;
    for tier in &t.tiers {
        let capacity = match tier.max {
            None => 1.0,
            Some(_) if funds <= 0.0 => 1.0,
            Some(max) => (max / funds).min(1.0),
        };
        let c = cx.coalition(&tier.decision_type, tier.signers.as_ref());
        let v = capacity / c.size.max(1) as f64;
        rows.push(json!({ "tier": tier.id, "capacity_share": capacity, "smallest_set": c.size, "value": v }));
        if worst.as_ref().is_none_or(|(w, ..)| v > *w) {
            worst = Some((v, tier.id.as_str(), capacity, c));
        }
    }
    let Some((value, tier, capacity, c)) = worst else {
        return Metric { value: 0.0, explanation: String::new(), details: json!({}) };
    };
    // Say the score's own arithmetic, so the figure and the words agree: the share one spend
    // may move, spread over the fewest members who can authorise it.
    let explanation = format!(
        "tier `{tier}`: a spend of up to {} of funds needs {} member(s) ({}): {} per member",
        pct(capacity),
        c.size,
        cx.coalition_names(&c, 5),
        pct(value)
    );
    Metric { value, explanation, details: json!({ "funds_per_year": funds, "tiers": rows }) }
}

/// Participation density: expected turnout over the quorum, for the tightest decision type.
pub fn participation_density(cx: &Context<'_>) -> Metric {
    let turnout = population::expected_turnout(&cx.members);
    let mut rows = Vec::new();
    let mut worst: Option<(f64, &str, f64)> = None;
    for dt in &cx.gco.decision_types {
        if dt.quorum <= 0.0 {
            continue;
        }
        let ratio = (turnout / dt.quorum).min(DENSITY_CAP);
        rows.push(json!({ "decision_type": dt.id, "quorum": dt.quorum, "margin": ratio }));
        if worst.as_ref().is_none_or(|(r, ..)| ratio < *r) {
            worst = Some((ratio, dt.id.as_str(), dt.quorum));
        }
    }
    let details = json!({ "expected_turnout": turnout, "decision_types": rows });
    match worst {
        None => Metric {
            value: DENSITY_CAP,
            explanation: format!("no decision type has a quorum; expected turnout {}", pct(turnout)),
            details,
        },
        Some((value, dt, q)) => Metric {
            value,
            explanation: format!(
                "expected turnout {} against the {} quorum of `{dt}`: {value:.2}× the quorum",
                pct(turnout),
                pct(q)
            ),
            details,
        },
    }
}

/// Delegation cascade risk: the largest share of the total weight one member votes for others
/// after following every delegation chain (all edges, whatever decision types they cover).
pub fn delegation_cascade(cx: &Context<'_>) -> Metric {
    let edges = cx.gco.delegation.as_ref().map(|d| d.edges.as_slice()).unwrap_or(&[]);
    if edges.is_empty() {
        return Metric {
            value: 0.0,
            explanation: "no delegation: no weight flows to delegates".into(),
            details: json!({}),
        };
    }
    let weight: HashMap<&str, f64> = cx.members.iter().map(|m| (m.id.as_str(), m.weight)).collect();
    let mut g: DiGraph<&str, f64> = DiGraph::new();
    let mut idx: HashMap<&str, NodeIndex> = HashMap::new();
    for e in edges {
        let a = *idx.entry(e.from.as_str()).or_insert_with(|| g.add_node(e.from.as_str()));
        let b = *idx.entry(e.to.as_str()).or_insert_with(|| g.add_node(e.to.as_str()));
        g.add_edge(a, b, e.share.clamp(0.0, 1.0));
    }
    let order = match toposort(&g, None) {
        Ok(o) => o,
        Err(cycle) => {
            let at = g[cycle.node_id()];
            return Metric {
                value: 1.0,
                explanation: format!("delegation cycle through `{at}`: weight circulates with no final delegate"),
                details: json!({ "cycle_through": at }),
            };
        }
    };
    // In topological order: the weight a node holds (own + received) passes on along its
    // edges by their shares; depth is the longest chain reaching the node.
    let mut total: HashMap<NodeIndex, f64> = HashMap::new();
    let mut depth: HashMap<NodeIndex, usize> = HashMap::new();
    for &v in &order {
        let t = weight.get(g[v]).copied().unwrap_or(0.0) + total.get(&v).copied().unwrap_or(0.0);
        total.insert(v, t);
        let d = depth.get(&v).copied().unwrap_or(0);
        for e in g.edges(v) {
            *total.entry(e.target()).or_insert(0.0) += t * *e.weight();
            let nd = depth.entry(e.target()).or_insert(0);
            *nd = (*nd).max(d + 1);
        }
    }
    // Received weight that stays with a node (what it does not pass on), net of its own weight.
    let mut best: Option<(f64, NodeIndex)> = None;
    let mut max_depth = 0;
    for &v in &order {
        let own = weight.get(g[v]).copied().unwrap_or(0.0);
        let t = total.get(&v).copied().unwrap_or(0.0);
        let out: f64 = g.edges(v).map(|e| *e.weight()).sum::<f64>().min(1.0);
        let received = (t - own).max(0.0) * (1.0 - out);
        max_depth = max_depth.max(depth.get(&v).copied().unwrap_or(0));
        if best.is_none_or(|(b, _)| received > b) {
            best = Some((received, v));
        }
    }
    let delegates =
        order.iter().filter(|&&v| g.edges_directed(v, petgraph::Direction::Incoming).next().is_some()).count();
    let (received, who) = best.unwrap_or((0.0, order[0]));
    let value = cx.share(received);
    Metric {
        value,
        explanation: format!(
            "`{}` votes {} of the total weight for others; {} delegation(s) to {delegates} delegate(s), longest chain {max_depth}",
            g[who],
            pct(value),
            edges.len()
        ),
        details: json!({ "top_delegate": g[who], "received_share": value, "edges": edges.len(),
                         "delegates": delegates, "longest_chain": max_depth }),
    }
}

fn bump_weight(b: Bump) -> f64 {
    match b {
        Bump::Major => 1.0,
        Bump::Minor => 0.4,
        Bump::Patch => 0.2,
    }
}

fn domain_weight(domain: &str) -> f64 {
    match domain {
        "constitution" => 1.5,
        "decision_types" | "treasury" | "delegation" => 1.2,
        "members" => 0.1,
        "alert_thresholds" => 0.5,
        _ => 1.0,
    }
}

/// The scale of drift: a weighted distance of this much reads as 1 − 1/e ≈ 0.63.
pub const DRIFT_SCALE: f64 = 4.0;

/// Constitutional drift: 1 − exp(−D / 4), D the weighted count of the structural changes from
/// the last ratified version (bump weight × domain weight per change).
pub fn constitutional_drift(gco: &Gco, ratified: Option<&Gco>) -> Metric {
    let Some(old) = ratified else {
        return Metric {
            value: 0.0,
            explanation: "no ratified version to measure drift from".into(),
            details: json!({ "ratified": null }),
        };
    };
    let d = diff::structural(old, gco);
    let mut weighted: Vec<(f64, &diff::Change)> =
        d.changes.iter().map(|c| (bump_weight(c.bump) * domain_weight(&c.domain), c)).collect();
    let distance: f64 = weighted.iter().map(|(w, _)| w).sum();
    let value = 1.0 - (-distance / DRIFT_SCALE).exp();
    weighted.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.pointer.cmp(&b.1.pointer)));
    let top: Vec<&str> = weighted.iter().take(3).map(|(_, c)| c.label.as_str()).collect();
    let majors = d.changes.iter().filter(|c| c.bump == Bump::Major).count();
    let explanation = if d.changes.is_empty() {
        format!("no change since {}", old.identity.version)
    } else {
        // The score is 1 − e^(−weight/4): give the weight and the score it makes, not a bare
        // "distance" the reader cannot relate to the figure shown.
        format!(
            "{} change(s) since {} ({majors} major) weigh {distance:.2}, which scores {} (a weight of {DRIFT_SCALE} scores 63%); weightiest: {}",
            d.changes.len(),
            old.identity.version,
            pct(value),
            top.join("; ")
        )
    };
    Metric {
        value,
        explanation,
        details: json!({ "ratified": old.identity.version.to_string(), "changes": d.changes.len(),
                         "major": majors, "distance": distance }),
    }
}
