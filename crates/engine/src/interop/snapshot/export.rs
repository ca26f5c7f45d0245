//! A design → one Snapshot space's `settings.json`, and the gaps.

use super::{ADMIN_ROLE, AUTHOR_ROLE, MAX_DELAY, MAX_PERIOD, MODERATOR_ROLE, VOTER_ROLE, is_evm_address};
use crate::error::IntakeError;
use crate::interop::{ExportFile, Exported, Gap};
use cogov_model::{Action, Clock, DecisionType, Distribution, ErrorCode, GapCode, Gco, QuorumCounting, WeightSnapshot};
use serde_json::{Value, json};

/// Snapshot's longest space name and about text, in characters.
const MAX_NAME: usize = 32;
const MAX_ABOUT: usize = 160;
/// The network written (Ethereum mainnet): a design names no chain; change it before publishing.
const NETWORK: &str = "1";
/// Seconds per block assumed for a block clock that does not state its block time.
const DEFAULT_BLOCK_TIME: f64 = 12.0;

/// The Snapshot-held rules of a decision type: types with equal keys can share one space.
#[derive(Debug, Clone, PartialEq)]
struct SpaceRules {
    delay: u64,
    period: u64,
    quorum: f64,
    counting: Option<QuorumCounting>,
    approval: f64,
    min_weight: f64,
    proposer_roles: Vec<String>,
    clock: Clock,
}

impl SpaceRules {
    fn of(d: &DecisionType) -> Self {
        let mut proposer_roles = d.proposal_threshold.roles.clone();
        proposer_roles.sort();
        SpaceRules {
            delay: d.voting_delay,
            period: d.voting_period,
            quorum: d.quorum,
            counting: d.quorum_counting,
            approval: d.approval,
            min_weight: d.proposal_threshold.min_weight,
            proposer_roles,
            clock: d.clock.clone(),
        }
    }

    fn describe(&self) -> String {
        format!(
            "delay {}, period {}{}, quorum {}, approval {}, proposal floor {}{}",
            self.delay,
            self.period,
            if matches!(self.clock, Clock::Blocks { .. }) { " blocks" } else { " s" },
            self.quorum,
            self.approval,
            self.min_weight,
            if self.proposer_roles.is_empty() {
                String::new()
            } else {
                format!(", proposers {}", self.proposer_roles.join("+"))
            }
        )
    }
}

/// Writes `settings.json` for the space of the rules most decision types share.
pub fn export(gco: &Gco) -> Result<Exported, IntakeError> {
    let main = main_decision_type(gco).ok_or_else(|| {
        IntakeError::at_pointer(
            ErrorCode::SnapshotNoDecisionType,
            "/decision_types",
            "the design has no decision type to hold as the space's voting rules",
        )
    })?;
    let d = &gco.decision_types[main];
    let dp = format!("/decision_types/{main}");
    let mut gaps = Vec::new();
    let main_rules = SpaceRules::of(d);

    // Every other decision type: shares the space when its Snapshot-held rules are the same.
    for (i, other) in gco.decision_types.iter().enumerate() {
        let rules = SpaceRules::of(other);
        if i != main && rules != main_rules {
            gaps.push(Gap::new(
                GapCode::SnapshotOtherRules,
                format!("/decision_types/{i}"),
                format!(
                    "`{}` ({}) differs from the space's rules, those of `{}` ({})",
                    other.id,
                    rules.describe(),
                    d.id,
                    main_rules.describe()
                ),
            ));
        }
        after_vote_gaps(&mut gaps, i, other);
    }

    // Name and about.
    let display = gco.identity.display_name.clone().unwrap_or_else(|| gco.identity.name.clone());
    let name = cut(&mut gaps, "/identity/display_name", "name", &display, MAX_NAME);
    let about =
        gco.identity.description.as_deref().map(|a| cut(&mut gaps, "/identity/description", "about", a, MAX_ABOUT));

    // Durations in seconds.
    let delay = seconds(&mut gaps, &dp, "voting_delay", d.voting_delay, &d.clock, MAX_DELAY);
    let period = seconds(&mut gaps, &dp, "voting_period", d.voting_period, &d.clock, MAX_PERIOD);

    // Quorum: a share of all weight → a number of votes.
    let total = total_weight(gco);
    let exact_votes = d.quorum * total;
    let quorum_votes = exact_votes.round();
    if (quorum_votes - exact_votes).abs() > 1e-6 * exact_votes.max(1.0) {
        gaps.push(Gap::new(
            GapCode::SnapshotRounded,
            format!("{dp}/quorum"),
            format!("quorum {} of {total} total weight is {exact_votes} votes: written as {quorum_votes}", d.quorum),
        ));
    }
    if d.quorum > 0.0 && d.quorum_counting != Some(QuorumCounting::AllCast) {
        let counting = match d.quorum_counting {
            Some(QuorumCounting::ForOnly) => "for votes only",
            _ => "for and abstain votes",
        };
        gaps.push(Gap::new(
            GapCode::SnapshotQuorumCounting,
            format!("{dp}/quorum_counting"),
            format!("the design counts {counting} towards its quorum; Snapshot counts every vote cast"),
        ));
    }

    // Voting power: strategies.
    let strategy = base_strategy(gco, &mut gaps);
    let mut strategies = vec![strategy.clone()];
    if let Some(del) = gco.delegation.as_ref().filter(|x| x.allowed) {
        strategies.push(json!({
            "name": "delegation",
            "network": NETWORK,
            "params": {"symbol": "VOTE (delegated)", "strategies": [strategy]},
        }));
        if del.max_depth > 1 || !del.edges.is_empty() {
            gaps.push(Gap::new(
                GapCode::SnapshotDelegation,
                "/delegation",
                format!(
                    "delegation depth {} with {} standing delegations: Snapshot delegates whole weight, one level deep",
                    del.max_depth,
                    del.edges.len()
                ),
            ));
        }
    }
    if let Some(when) =
        gco.voting_weight.as_ref().and_then(|v| v.weight_snapshot).filter(|w| *w != WeightSnapshot::ProposalCreated)
    {
        gaps.push(Gap::new(
            GapCode::SnapshotWeightTiming,
            "/voting_weight/weight_snapshot",
            format!("the design reads weight at `{}`; Snapshot reads it when the proposal is created", when.as_str()),
        ));
    }

    // People: admins, moderators and authors by address.
    let admins = holders(gco, &[ADMIN_ROLE.to_owned()], &mut gaps);
    let moderators = holders(gco, &[MODERATOR_ROLE.to_owned()], &mut gaps);
    let mut authors = holders(gco, &[AUTHOR_ROLE.to_owned()], &mut gaps);
    let mut only_members = false;
    let proposer_roles: Vec<String> = d.proposal_threshold.roles.clone();
    if !proposer_roles.is_empty() {
        if proposers_listable(gco, &proposer_roles) {
            only_members = true;
            for a in holders(gco, &proposer_roles, &mut Vec::new()) {
                if !authors.contains(&a) {
                    authors.push(a);
                }
            }
        } else {
            gaps.push(Gap::new(
                GapCode::SnapshotProposers,
                format!("{dp}/proposal_threshold/roles"),
                format!("only {} may propose, but not all their holders are listed by address: anyone above the floor may propose in the space", proposer_roles.join(", ")),
            ));
        }
    }

    no_place_gaps(gco, &mut gaps);

    let mut settings = json!({
        "name": name,
        "network": NETWORK,
        "strategies": strategies,
        "admins": admins,
        "moderators": moderators,
        "members": authors,
        "voting": {
            "delay": delay,
            "period": period,
            "quorum": whole(quorum_votes),
            "type": "basic",
        },
        "validation": if d.proposal_threshold.min_weight > 0.0 {
            json!({"name": "basic", "params": {"minScore": whole(d.proposal_threshold.min_weight)}})
        } else {
            json!({"name": "any", "params": {}})
        },
        "voteValidation": {"name": "any", "params": {}},
    });
    if let Some(about) = about {
        settings["about"] = Value::String(about);
    }
    if only_members {
        settings["filters"] = json!({"onlyMembers": true});
    }
    let mut text = serde_json::to_string_pretty(&settings).unwrap_or_default();
    text.push('\n');
    Ok(Exported { files: vec![ExportFile { path: "settings.json".into(), bytes: text.into_bytes() }], gaps })
}

/// A number as JSON: an integer when it is a whole number Snapshot can read as one, so the
/// settings read `35000000`, not `35000000.0`.
fn whole(x: f64) -> Value {
    if x.fract() == 0.0 && (0.0..9.0e15).contains(&x) { json!(x as u64) } else { json!(x) }
}

/// The decision type whose Snapshot-held rules the most decision types share (ties: the group
/// that appears first); the first of that group.
fn main_decision_type(gco: &Gco) -> Option<usize> {
    let rules: Vec<SpaceRules> = gco.decision_types.iter().map(SpaceRules::of).collect();
    let mut best: Option<(usize, usize)> = None;
    for (i, r) in rules.iter().enumerate() {
        if rules[..i].contains(r) {
            continue;
        }
        let n = rules.iter().filter(|x| *x == r).count();
        if best.is_none_or(|(_, bn)| n > bn) {
            best = Some((i, n));
        }
    }
    best.map(|(i, _)| i)
}

/// Gaps for what acts after a vote: timelock and exit window, vetoes, signers and powers, and
/// rules a basic tally does not apply.
fn after_vote_gaps(gaps: &mut Vec<Gap>, i: usize, d: &DecisionType) {
    let p = format!("/decision_types/{i}");
    if d.timelock > 0 || d.exit_window.is_some() {
        gaps.push(Gap::new(
            GapCode::SnapshotNoTimelock,
            format!("{p}/timelock"),
            format!(
                "`{}` waits {} before execution (exit window {:?}); Snapshot does not execute",
                d.id, d.timelock, d.exit_window
            ),
        ));
    }
    if !d.veto.is_empty() {
        gaps.push(Gap::new(
            GapCode::SnapshotNoVeto,
            format!("{p}/veto"),
            format!("`{}` has {} veto holder(s)", d.id, d.veto.len()),
        ));
    }
    if let Some(s) = &d.signers {
        gaps.push(Gap::new(
            GapCode::SnapshotNoExecution,
            format!("{p}/signers"),
            format!("`{}` needs {} signature(s) of {} after the vote", d.id, s.required, s.role),
        ));
    }
    if !d.powers.is_empty() {
        let kinds: Vec<&str> = d.powers.iter().map(|x| x.as_str()).collect();
        gaps.push(Gap::new(
            GapCode::SnapshotNoExecution,
            format!("{p}/powers"),
            format!("`{}` may {} when passed; a Snapshot vote only signals", d.id, kinds.join(", ")),
        ));
    }
    let mut extra = Vec::new();
    if d.approval != 0.5 {
        extra.push(format!("approval {}", d.approval));
    }
    if let Some(a) = d.absolute_threshold {
        extra.push(format!("absolute threshold {a}"));
    }
    if let Some(s) = d.super_quorum {
        extra.push(format!("super-quorum {s}"));
    }
    if let Some(l) = d.late_quorum_extension {
        extra.push(format!("late-quorum extension {l}"));
    }
    if !extra.is_empty() {
        gaps.push(Gap::new(
            GapCode::SnapshotApproval,
            format!("{p}/approval"),
            format!("`{}` needs {}; a basic vote shows for versus against", d.id, extra.join(", ")),
        ));
    }
    if d.vote_change_allowed == Some(false) {
        gaps.push(Gap::new(
            GapCode::SnapshotVoteChange,
            format!("{p}/vote_change_allowed"),
            format!("`{}` forbids changing a vote; Snapshot allows it", d.id),
        ));
    }
}

/// `text` cut to `max` characters, with a gap when it was longer.
fn cut(gaps: &mut Vec<Gap>, pointer: &str, field: &str, text: &str, max: usize) -> String {
    let n = text.chars().count();
    if n <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max).collect();
    gaps.push(Gap::new(
        GapCode::SnapshotTextCut,
        pointer,
        format!("{n} characters; the space's {field} holds {max}: written as {kept:?}"),
    ));
    kept
}

/// A duration in seconds: blocks converted at the block time, cut at Snapshot's bound.
fn seconds(gaps: &mut Vec<Gap>, dp: &str, field: &str, value: u64, clock: &Clock, max: u64) -> u64 {
    let mut s = value;
    if let Clock::Blocks { block_time } = clock {
        let bt = block_time.unwrap_or(DEFAULT_BLOCK_TIME);
        // u64 → f64 is exact below 2^53 blocks; durations are far smaller.
        let exact = value as f64 * bt;
        s = if exact.is_finite() && exact >= 0.0 { exact.round() as u64 } else { max };
        gaps.push(Gap::new(
            GapCode::SnapshotRounded,
            format!("{dp}/{field}"),
            format!(
                "{value} blocks at {bt} s{} = {s} s: Snapshot counts seconds, and block times vary",
                if block_time.is_none() { " (assumed)" } else { "" }
            ),
        ));
    }
    if s > max {
        gaps.push(Gap::new(
            GapCode::SnapshotDurationTooLong,
            format!("{dp}/{field}"),
            format!("{s} s is more than Snapshot's {max} s: written as {max}"),
        ));
        s = max;
    }
    s
}

/// Total voting weight of the design: explicit members and the population (a constant
/// population is counted without generating it, so the figure is exact).
fn total_weight(gco: &Gco) -> f64 {
    let explicit: f64 = gco.members.explicit.iter().map(|m| m.weight).sum();
    match &gco.members.population {
        None => explicit,
        Some(p) => match p.weight {
            Distribution::Constant { value } => explicit + f64::from(p.count) * value.max(0.0),
            _ => crate::population::members(gco).iter().map(|m| m.weight).sum(),
        },
    }
}

/// The strategy that gives the design's weights: a whitelist when every weighted member is
/// listed by address, else a placeholder `ticket` strategy and a gap.
fn base_strategy(gco: &Gco, gaps: &mut Vec<Gap>) -> Value {
    let weighted: Vec<_> = gco.members.explicit.iter().filter(|m| m.weight > 0.0).collect();
    let population_weighs = gco.members.population.as_ref().is_some_and(|p| match p.weight {
        Distribution::Constant { value } => value > 0.0,
        _ => true,
    });
    if !population_weighs && !weighted.is_empty() && weighted.iter().all(|m| is_evm_address(&m.id)) {
        let equal = weighted.iter().all(|m| m.weight == weighted[0].weight);
        return if equal {
            let list: Vec<&str> = weighted.iter().map(|m| m.id.as_str()).collect();
            json!({"name": "whitelist", "network": NETWORK, "params": {"symbol": "VOTE", "addresses": list}})
        } else {
            let map: serde_json::Map<String, Value> =
                weighted.iter().map(|m| (m.id.clone(), json!(m.weight))).collect();
            json!({"name": "whitelist-weighted", "network": NETWORK, "params": {"symbol": "VOTE", "addresses": map}})
        };
    }
    let pop = gco.members.population.as_ref().map_or(0, |p| p.count);
    gaps.push(Gap::new(
        GapCode::SnapshotWeightSource,
        "/members",
        format!(
            "{} explicit member(s) with weight and a population of {pop} are not listed by address: written as the placeholder strategy `ticket` (one vote per address); put the token's strategy in its place",
            weighted.len()
        ),
    ));
    json!({"name": "ticket", "network": NETWORK, "params": {"symbol": "VOTE"}})
}

/// Addresses of the explicit members holding any of `roles`, in member order; a gap for
/// holders that are not addresses.
fn holders(gco: &Gco, roles: &[String], gaps: &mut Vec<Gap>) -> Vec<String> {
    let mut out = Vec::new();
    for (i, m) in gco.members.explicit.iter().enumerate() {
        if !m.roles.iter().any(|r| roles.contains(r)) {
            continue;
        }
        if is_evm_address(&m.id) {
            out.push(m.id.clone());
        } else {
            gaps.push(Gap::new(
                GapCode::SnapshotWeightSource,
                format!("/members/explicit/{i}/id"),
                format!("`{}` holds {} but is not an address: not listed in the space", m.id, roles.join(", ")),
            ));
        }
    }
    out
}

/// Whether every holder of `roles` is an explicit member listed by address (no population
/// member holds them).
fn proposers_listable(gco: &Gco, roles: &[String]) -> bool {
    let in_population = gco.members.population.as_ref().is_some_and(|p| p.roles.iter().any(|r| roles.contains(r)));
    let explicit: Vec<_> = gco.members.explicit.iter().filter(|m| m.roles.iter().any(|r| roles.contains(r))).collect();
    !in_population && !explicit.is_empty() && explicit.iter().all(|m| is_evm_address(&m.id))
}

/// Gaps for the domains a space has no place for.
fn no_place_gaps(gco: &Gco, gaps: &mut Vec<Gap>) {
    // Roles a space holds: the voters and its admins, moderators and authors; and any role
    // that only votes, proposes, delegates or views (the space's rules already say that).
    let held = [VOTER_ROLE, ADMIN_ROLE, MODERATOR_ROLE, AUTHOR_ROLE];
    for (i, r) in gco.roles.iter().enumerate() {
        let plain = r
            .permissions
            .iter()
            .all(|p| matches!(p.action, Action::Vote | Action::Propose | Action::Delegate | Action::View))
            && r.seats.is_none()
            && r.term.is_none()
            && r.election_method.is_none();
        if !held.contains(&r.id.as_str()) && !plain {
            gaps.push(Gap::new(
                GapCode::SnapshotNoPlace,
                format!("/roles/{i}"),
                format!(
                    "the office `{}` (seats, term, election, permissions beyond voting) has no place in a space",
                    r.id
                ),
            ));
        }
    }
    let mut domain = |present: bool, pointer: &str, what: &str| {
        if present {
            gaps.push(Gap::new(GapCode::SnapshotNoPlace, pointer, format!("{what} has no place in a space")));
        }
    };
    domain(gco.identity.jurisdiction.is_some(), "/identity/jurisdiction", "the jurisdiction");
    domain(gco.treasury.is_some(), "/treasury", "the treasury (categories, tiers, limits)");
    domain(gco.escalation.as_ref().is_some_and(|e| !e.levels.is_empty()), "/escalation", "the escalation ladder");
    domain(
        gco.incentives.as_ref().is_some_and(|x| x.enabled || !x.mechanisms.is_empty()),
        "/incentives",
        "the incentives",
    );
    domain(gco.constitution.is_some(), "/constitution", "the constitution (publish it with the DAOIP-2 export)");
    domain(gco.composition.is_some(), "/composition", "the composition");
    domain(gco.mesh.is_some(), "/mesh", "the mesh");
    let own = ["snapshot-space", "snapshot-moderation"];
    for (i, r) in gco.resources.iter().enumerate() {
        domain(!own.contains(&r.id.as_str()), &format!("/resources/{i}"), &format!("the resource `{}`", r.id));
    }
}
