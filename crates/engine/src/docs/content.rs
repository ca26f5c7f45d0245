//! What each document says: the design's real numbers, from the compiled artifacts, as tables.

use super::Kind;
use super::graph;
use super::render::Block;
use crate::compile::Compiled;
use crate::compile::tables::SignerRule;
use crate::population;
use crate::risk;
use cogov_model::{Action, Clock, Decider, Gco, Severity};

/// A document's body and its extra files.
pub(super) struct Body {
    pub blocks: Vec<Block>,
    pub extra: Vec<(String, Vec<u8>)>,
}

pub(super) fn body(kind: Kind, gco: &Gco, c: &Compiled) -> Body {
    let plain = |blocks| Body { blocks, extra: Vec::new() };
    match kind {
        Kind::ConstitutionDraft => plain(constitution(gco)),
        Kind::RoleRegistry => plain(role_registry(gco)),
        Kind::DecisionProtocol => plain(decision_protocol(gco, c)),
        Kind::TreasuryPolicy => plain(treasury_policy(gco, c)),
        Kind::AccountabilitySpecification => plain(accountability(gco, c)),
        Kind::NetworkGraphSchema => {
            let g = graph::NetworkGraph::of(gco);
            Body { blocks: graph_page(gco, &g), extra: g.files() }
        }
        Kind::IncentiveModel => plain(incentive_model(gco)),
        Kind::DeploymentChecklist => plain(deployment_checklist(gco, c)),
    }
}

fn h2(t: &str) -> Block {
    Block::Heading(2, t.to_owned())
}

fn p(t: impl Into<String>) -> Block {
    Block::Para(t.into())
}

fn table(head: &[&str], rows: Vec<Vec<String>>) -> Block {
    Block::Table(head.iter().map(|s| (*s).to_owned()).collect(), rows)
}

/// A number for people: integers with thousands separators, others as the shortest decimal.
pub(super) fn num(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        let digits = format!("{}", x.abs() as u64);
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        if x < 0.0 { format!("-{out}") } else { out }
    } else {
        format!("{x}")
    }
}

/// A share as a percentage, to one decimal where needed.
fn pct(x: f64) -> String {
    let v = (x * 1000.0).round() / 10.0;
    if v.fract() == 0.0 { format!("{v:.0}%") } else { format!("{v:.1}%") }
}

fn seconds(s: f64) -> String {
    let s = s.round() as u64;
    let unit = |n: u64, one: &str| format!("{} {one}{}", num(n as f64), if n == 1 { "" } else { "s" });
    match s {
        0 => "none".into(),
        s if s % 86_400 == 0 => unit(s / 86_400, "day"),
        s if s % 3_600 == 0 => unit(s / 3_600, "hour"),
        s if s % 60 == 0 => unit(s / 60, "minute"),
        s => unit(s, "second"),
    }
}

/// A duration in a decision type's clock units, for people.
fn duration(units: u64, clock: &Clock) -> String {
    match clock {
        Clock::Time => seconds(units as f64),
        Clock::Blocks { block_time } if units == 0 => {
            let _ = block_time;
            "none".into()
        }
        Clock::Blocks { block_time: Some(bt) } => {
            format!("{} blocks (≈ {})", num(units as f64), seconds(units as f64 * bt))
        }
        Clock::Blocks { block_time: None } => format!("{} blocks", num(units as f64)),
    }
}

fn signers(s: Option<&SignerRule>) -> String {
    match s {
        None => "—".into(),
        Some(s) => format!("{} of {} ({})", s.required, s.of.map_or("?".into(), |n| n.to_string()), s.role),
    }
}

fn opt(s: Option<impl ToString>) -> String {
    s.map_or("—".into(), |s| s.to_string())
}

fn list(v: &[String]) -> String {
    if v.is_empty() { "—".into() } else { v.join(", ") }
}

fn constitution(gco: &Gco) -> Vec<Block> {
    let articles = gco.constitution.as_ref().map_or(0, |c| c.articles.len());
    let clauses = gco.clauses().count();
    let entrenched = gco.clauses().filter(|(_, c)| c.entrenched).count();
    vec![
        p(format!(
            "The constitution as the constitution intake reads it: {articles} article(s), {clauses} clause(s), \
             {entrenched} entrenched. The Markdown file of this document is exactly that document; \
             `cogov import` reads it back to the fingerprint above."
        )),
        super::render::Block::Markdown(crate::constitution::export(gco)),
    ]
}

fn role_registry(gco: &Gco) -> Vec<Block> {
    let members = population::members(gco);
    let holders = |role: &str| members.iter().filter(|m| m.roles.iter().any(|r| r == role)).count();
    let mut b = vec![p(format!(
        "{} role(s) and {} member(s) ({} listed, {} generated).",
        gco.roles.len(),
        members.len(),
        gco.members.explicit.len(),
        members.len() - gco.members.explicit.len()
    ))];
    b.push(h2("Roles"));
    let rows = gco
        .roles
        .iter()
        .map(|r| {
            let n = holders(&r.id);
            vec![
                r.id.clone(),
                r.name.clone().unwrap_or_default(),
                r.seats.map_or("open".into(), |s| s.to_string()),
                num(n as f64),
                r.term.as_ref().map_or("—".into(), |t| {
                    let mut s = format!("{} days", t.length_days);
                    if let Some(m) = t.max_consecutive {
                        s.push_str(&format!(", at most {m} in a row"));
                    }
                    if t.staggered {
                        s.push_str(", staggered");
                    }
                    s
                }),
                opt(r.eligibility.elected_by.as_ref()),
                opt(r.eligibility.min_weight.map(num)),
                list(&r.eligibility.requires_roles),
                list(&r.eligibility.incompatible_roles),
            ]
        })
        .collect();
    b.push(table(
        &["Role", "Name", "Seats", "Holders", "Term", "Elected by", "Min. weight", "Requires", "Incompatible with"],
        rows,
    ));
    b.push(h2("Permissions"));
    let rows = gco
        .roles
        .iter()
        .flat_map(|r| {
            r.permissions.iter().map(move |p| vec![r.id.clone(), p.action.as_str().into(), p.resource.clone()])
        })
        .collect();
    b.push(table(&["Role", "Action", "Resource"], rows));
    let seated: Vec<_> = gco.members.explicit.iter().filter(|m| !m.roles.is_empty()).collect();
    if !seated.is_empty() {
        b.push(h2("Holders"));
        let rows = seated
            .iter()
            .map(|m| vec![m.id.clone(), m.name.clone().unwrap_or_default(), m.roles.join(", "), num(m.weight)])
            .collect();
        b.push(table(&["Member", "Name", "Roles", "Voting weight"], rows));
    }
    if let Some(pop) = &gco.members.population {
        b.push(p(format!(
            "{} generated member(s) (ids `{}…`, seed {}) hold: {}.",
            num(pop.count as f64),
            pop.id_prefix,
            pop.seed,
            list(&pop.roles)
        )));
    }
    b
}

fn decision_protocol(gco: &Gco, c: &Compiled) -> Vec<Block> {
    let members = population::members(gco);
    let turnout = population::expected_turnout(&members);
    let mut b = vec![p(format!(
        "{} decision type(s). Expected turnout (sum of weight × propensity over total weight): {}.",
        gco.decision_types.len(),
        pct(turnout)
    ))];
    b.push(h2("Thresholds"));
    let rows = c
        .thresholds
        .iter()
        .filter_map(|t| gco.decision_type(&t.decision_type).map(|d| (t, d)))
        .map(|(t, d)| {
            vec![
                t.decision_type.clone(),
                pct(t.quorum),
                pct(t.approval),
                if t.quorum > 0.0 { format!("{:.2}×", turnout / t.quorum) } else { "—".into() },
                duration(t.voting_delay, &d.clock),
                duration(t.voting_period, &d.clock),
                duration(t.timelock, &d.clock),
                signers(t.signers.as_ref()),
            ]
        })
        .collect();
    b.push(table(
        &[
            "Decision type",
            "Quorum",
            "Approval",
            "Turnout / quorum",
            "Voting delay",
            "Voting period",
            "Timelock",
            "Signers",
        ],
        rows,
    ));
    b.push(h2("Who proposes, and what each decides"));
    let rows = c
        .proposal_types
        .iter()
        .map(|t| {
            let mut decides = Vec::new();
            if !t.authorises_tiers.is_empty() {
                decides.push(format!("tiers {}", t.authorises_tiers.join(", ")));
            }
            if !t.amends.is_empty() {
                decides.push(format!("amends {}", t.amends.join(", ")));
            }
            if !t.elects.is_empty() {
                decides.push(format!("elects {}", t.elects.join(", ")));
            }
            if !t.decides_levels.is_empty() {
                decides.push(format!("escalation {}", t.decides_levels.join(", ")));
            }
            vec![
                t.id.clone(),
                t.name.clone(),
                if t.proposer_roles.is_empty() { "any member".into() } else { t.proposer_roles.join(", ") },
                num(t.proposer_min_weight),
                gco.decision_type(&t.id).and_then(|d| d.expected_rate).map_or("—".into(), |r| format!("{r}/day")),
                list(&decides),
            ]
        })
        .collect();
    b.push(table(&["Decision type", "Name", "Proposers", "Min. proposer weight", "Expected rate", "Decides"], rows));
    b.push(h2("Delegation"));
    b.push(match &gco.delegation {
        Some(d) if d.allowed => p(format!(
            "Delegation is allowed, chains up to {} step(s); {} standing delegation(s).",
            d.max_depth,
            d.edges.len()
        )),
        _ => p("Delegation is not allowed: every member votes their own weight."),
    });
    b
}

fn treasury_policy(gco: &Gco, c: &Compiled) -> Vec<Block> {
    let Some(t) = &gco.treasury else {
        return vec![p("This design has no treasury: no spending authority is defined.")];
    };
    let yearly: f64 = t.inflows.iter().map(|i| i.amount * i.period.per_year()).sum();
    let mut b = vec![p(format!(
        "Balance {} {}; inflows {} {} a year.",
        num(t.balance),
        t.currency,
        num(yearly.round()),
        t.currency
    ))];
    if !t.inflows.is_empty() {
        b.push(h2("Inflows"));
        let rows = t
            .inflows
            .iter()
            .map(|i| {
                vec![i.source.clone(), num(i.amount), period(i.period), num((i.amount * i.period.per_year()).round())]
            })
            .collect();
        b.push(table(&["Source", "Amount", "Per", &format!("A year ({})", t.currency)], rows));
    }
    b.push(h2("Categories"));
    let rows = t
        .categories
        .iter()
        .map(|k| {
            vec![
                k.id.clone(),
                k.name.clone().unwrap_or_default(),
                k.budget_share.map_or("—".into(), pct),
                k.budget_share.map_or("—".into(), |s| num((s * t.balance).round())),
            ]
        })
        .collect();
    b.push(table(&["Category", "Name", "Budget share", &format!("Of the balance ({})", t.currency)], rows));
    b.push(h2("Authorisation tiers"));
    b.push(p("A spend of an amount in [from, below) is authorised by the tier's decision type, then signed."));
    let rows = c
        .tiers
        .iter()
        .map(|x| {
            let d = gco.decision_type(&x.decision_type);
            vec![
                x.id.clone(),
                num(x.min),
                x.max.map_or("no limit".into(), num),
                x.decision_type.clone(),
                d.map_or("—".into(), |d| pct(d.quorum)),
                d.map_or("—".into(), |d| pct(d.approval)),
                d.map_or("—".into(), |d| duration(d.timelock, &d.clock)),
                signers(x.decision_signers.as_ref()),
                signers(x.tier_signers.as_ref()),
            ]
        })
        .collect();
    b.push(table(
        &[
            "Tier",
            "From",
            "Below",
            "Decision type",
            "Quorum",
            "Approval",
            "Timelock",
            "Decision signers",
            "Tier signers",
        ],
        rows,
    ));
    if !t.spending_limits.is_empty() {
        b.push(h2("Spending limits"));
        let rows = t
            .spending_limits
            .iter()
            .map(|l| {
                vec![
                    l.role.clone().unwrap_or_else(|| "everyone".into()),
                    l.category.clone().unwrap_or_else(|| "all".into()),
                    num(l.amount),
                    period(l.period),
                ]
            })
            .collect();
        b.push(table(&["Role", "Category", &format!("Amount ({})", t.currency), "Per"], rows));
    }
    let spenders: Vec<String> = gco
        .roles
        .iter()
        .filter(|r| r.permissions.iter().any(|p| p.action == Action::Spend))
        .map(|r| r.id.clone())
        .collect();
    b.push(p(format!("Roles that may spend: {}.", list(&spenders))));
    b
}

fn period(p: cogov_model::Period) -> String {
    serde_json::to_value(p).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn accountability(gco: &Gco, c: &Compiled) -> Vec<Block> {
    let mut b = vec![h2("Escalation ladder")];
    if c.ladder.is_empty() {
        b.push(p("This design has no escalation ladder: disputes have no defined path."));
    } else {
        let total: u32 = c.ladder.iter().filter(|r| !r.terminal).filter_map(|r| r.time_limit_days).sum();
        b.push(p(format!(
            "{} level(s); a dispute reaches the terminal level within {total} day(s) at the latest.",
            c.ladder.len()
        )));
        let rows = c
            .ladder
            .iter()
            .map(|r| {
                let level = gco.escalation.iter().flat_map(|e| &e.levels).find(|l| l.id == r.level);
                vec![
                    r.step.to_string(),
                    r.level.clone(),
                    level.and_then(|l| l.name.clone()).unwrap_or_default(),
                    level.map_or(r.decided_by.clone(), |l| decider(&l.decided_by)),
                    r.time_limit_days.map_or("—".into(), |d| format!("{d} days")),
                    opt(r.next.as_ref()),
                    if r.terminal { "yes".into() } else { "no".into() },
                ]
            })
            .collect();
        b.push(table(&["Step", "Level", "Name", "Decided by", "Time limit", "Next", "Final"], rows));
    }
    b.push(h2("Checks on power"));
    let holders = |action: Action| -> Vec<Vec<String>> {
        gco.roles
            .iter()
            .flat_map(|r| {
                r.permissions.iter().filter(move |p| p.action == action).map(move |p| {
                    vec![
                        r.id.clone(),
                        action.as_str().into(),
                        p.resource.clone(),
                        opt(r.term.as_ref().map(|t| t.length_days)),
                    ]
                })
            })
            .collect()
    };
    let rows: Vec<Vec<String>> =
        [Action::Veto, Action::Remove, Action::Appoint, Action::Administer].into_iter().flat_map(holders).collect();
    if rows.is_empty() {
        b.push(p("No role may veto, remove, appoint or administer."));
    } else {
        b.push(table(&["Role", "Power", "Over", "Term (days)"], rows));
    }
    let entrenched: Vec<String> = gco.clauses().filter(|(_, c)| c.entrenched).map(|(_, c)| c.id.clone()).collect();
    b.push(p(format!("Entrenched clauses: {}.", list(&entrenched))));
    if let Some(k) = &gco.constitution {
        if !k.amendment_rules.is_empty() {
            let rows = k
                .amendment_rules
                .iter()
                .map(|r| {
                    let d = gco.decision_type(&r.decision_type);
                    vec![
                        r.id.clone(),
                        r.decision_type.clone(),
                        d.map_or("—".into(), |d| format!("{} / {}", pct(d.quorum), pct(d.approval))),
                        r.clauses.join(", "),
                        r.notice_days.map_or("—".into(), |n| format!("{n} days")),
                    ]
                })
                .collect();
            b.push(table(&["Amendment rule", "Decision type", "Quorum / approval", "May change", "Notice"], rows));
        }
    }
    b.push(h2("Risk alert thresholds"));
    let scores = risk::score(gco, None);
    let rows = scores
        .scores
        .iter()
        .map(|s| {
            let bar = if s.higher_is_worse { "≥" } else { "≤" };
            vec![
                s.name.as_str().into(),
                format!("{:.3}", s.value),
                s.level.as_str().into(),
                format!("{bar} {}", s.threshold.watch),
                format!("{bar} {}", s.threshold.alert),
            ]
        })
        .collect();
    b.push(table(&["Score", "Value now", "Level", "Watch", "Alert"], rows));
    b
}

fn decider(d: &Decider) -> String {
    match d {
        Decider::Role { role } => format!("role {role}"),
        Decider::DecisionType { decision_type } => format!("vote: {decision_type}"),
        Decider::External { body } => format!("external: {body}"),
    }
}

fn graph_page(gco: &Gco, g: &graph::NetworkGraph) -> Vec<Block> {
    let mut b = vec![p(format!(
        "The design as a graph: {} node(s), {} edge(s), {} trust domain(s). Three files carry it: \
         network-graph.json (the format below), network-graph.graphml (GraphML 1.0; node and edge \
         attributes `kind`, `label`, `fingerprint`, `trust_domain`) and network-graph.dot (Graphviz; \
         trust domains as clusters).",
        g.nodes.len(),
        g.edges.len(),
        g.trust_domains.len()
    ))];
    b.push(h2("JSON format"));
    b.push(table(
        &["Key", "Holds"],
        vec![
            vec!["format".into(), format!("`{}`", graph::GRAPH_FORMAT)],
            vec!["source".into(), "instance, version and fingerprint of the design".into()],
            vec!["nodes[]".into(), "id (kind:name), label, kind, trust_domain (or null), fingerprint (or null)".into()],
            vec!["edges[]".into(), "id, source, target, kind, label (or null)".into()],
            vec!["trust_domains[]".into(), "id, name, members (node ids), policies (id, rule, enforcement)".into()],
        ],
    ));
    b.push(h2("Nodes by kind"));
    let mut kinds: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    g.nodes.iter().for_each(|n| *kinds.entry(n.kind.as_str()).or_default() += 1);
    b.push(table(&["Kind", "Nodes"], kinds.into_iter().map(|(k, n)| vec![k.to_owned(), n.to_string()]).collect()));
    let pinned: Vec<Vec<String>> = g
        .nodes
        .iter()
        .filter_map(|n| n.fingerprint.as_ref().map(|f| vec![n.id.clone(), n.kind.clone(), f.clone()]))
        .collect();
    if !pinned.is_empty() {
        b.push(h2("Composition"));
        b.push(table(&["Node", "Kind", "Fingerprint"], pinned));
    }
    if let Some(m) = &gco.mesh {
        b.push(h2("Trust domains"));
        let rows = m
            .trust_domains
            .iter()
            .map(|d| {
                vec![
                    d.id.clone(),
                    d.name.clone().unwrap_or_default(),
                    d.members.join(", "),
                    d.policies
                        .iter()
                        .map(|p| {
                            format!(
                                "{} ({})",
                                p.rule,
                                if p.enforcement == cogov_model::Enforcement::Required {
                                    "required"
                                } else {
                                    "advisory"
                                }
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                ]
            })
            .collect();
        b.push(table(&["Domain", "Name", "Nodes", "Policies"], rows));
    }
    b
}

fn incentive_model(gco: &Gco) -> Vec<Block> {
    let Some(i) = gco.incentives.as_ref().filter(|i| i.enabled) else {
        return vec![p("Incentives are not enabled in this design: no mechanism rewards participation or work.")];
    };
    let total: f64 = i.mechanisms.iter().map(|m| m.weight).sum();
    let mut b = vec![p(format!("{} mechanism(s); their weights add up to {}.", i.mechanisms.len(), pct(total)))];
    let share = |cat: &str| {
        gco.treasury.iter().flat_map(|t| &t.categories).find(|c| c.id == cat).and_then(|c| c.budget_share).map(pct)
    };
    let rows = i
        .mechanisms
        .iter()
        .map(|m| {
            vec![
                m.id.clone(),
                serde_json::to_value(m.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
                pct(m.weight),
                opt(m.funded_from.as_ref()),
                m.funded_from.as_deref().and_then(share).unwrap_or_else(|| "—".into()),
                m.description.clone().unwrap_or_default(),
            ]
        })
        .collect();
    b.push(table(&["Mechanism", "Kind", "Weight", "Funded from", "Category budget share", "Rewards"], rows));
    b
}

fn deployment_checklist(gco: &Gco, c: &Compiled) -> Vec<Block> {
    let mut items = vec![format!(
        "Verify the design's fingerprint is {} before deploying version {}.",
        c.source.fingerprint, c.source.version
    )];
    let members = population::members(gco);
    for r in &gco.roles {
        let n = members.iter().filter(|m| m.roles.contains(&r.id)).count();
        if let Some(seats) = r.seats {
            if (n as u32) < seats {
                items.push(format!("Fill role {}: {n} of {seats} seat(s) held.", r.id));
            }
        }
    }
    for t in &c.thresholds {
        if let Some(s) = &t.signers {
            items.push(format!("Configure the signer set of {}: {}.", t.decision_type, signers(Some(s))));
        }
    }
    for t in &c.tiers {
        if let Some(s) = &t.tier_signers {
            items.push(format!("Configure the signer set of tier {}: {}.", t.id, signers(Some(s))));
        }
    }
    for d in &gco.decision_types {
        if d.timelock > 0 {
            let unit = if matches!(d.clock, Clock::Blocks { .. }) { "blocks" } else { "seconds" };
            let human = duration(d.timelock, &d.clock);
            items.push(format!("Set the timelock of {} to {} {unit} ({human}).", d.id, d.timelock));
        }
    }
    if let Some(t) = &gco.treasury {
        items.push(format!(
            "Open the treasury in {} with {} categories and {} authorisation tier(s); record the balance {}.",
            t.currency,
            t.categories.len(),
            t.tiers.len(),
            num(t.balance)
        ));
    }
    for l in gco.escalation.iter().flat_map(|e| &e.levels) {
        if let Decider::External { body } = &l.decided_by {
            items.push(format!("Confirm that {body} accepts disputes at escalation level {}.", l.id));
        }
    }
    if let Some(k) = &gco.composition {
        for r in k.citizens.iter().chain(&k.organisms) {
            items.push(format!("Check that {} publishes fingerprint {}.", r.role, opt(r.fingerprint.as_ref())));
        }
        for r in &k.confluences {
            items.push(format!(
                "Check that confluence {} publishes fingerprint {}.",
                r.role,
                opt(r.fingerprint.as_ref())
            ));
        }
    }
    if let Some(m) = &gco.mesh {
        for n in &m.nodes {
            items.push(format!("Deploy mesh node {} (operator {}).", n.id, opt(n.operator.as_ref())));
        }
        for d in &m.trust_domains {
            for r in &d.policies {
                items.push(format!("Enforce policy {} in trust domain {}: {}.", r.id, d.id, r.rule));
            }
        }
    }
    items.push("Start logging the events of the telemetry contract (`cogov telemetry contract`).".into());
    let mut b = vec![h2("Before going live"), Block::Checklist(items)];
    let findings = crate::validate::validate(gco);
    let open: Vec<String> = findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| format!("{} at {}: {}", f.code, if f.path.is_empty() { "/" } else { &f.path }, f.message))
        .collect();
    b.push(h2("Warnings to acknowledge"));
    b.push(if open.is_empty() { p("None: the design has no warning.") } else { Block::Checklist(open) });
    b
}
