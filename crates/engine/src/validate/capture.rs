//! Capture: how a design can be taken over. Powers without a veto, minting by simple majority,
//! the top treasury tier behind the routine rule, weight read when it can be borrowed,
//! upgrades faster than users can leave, councils below L2BEAT's bar, silenced alerts, and
//! Anticapture's safeguards for token-weighted designs. Every message names the mechanism,
//! the decision type or role and the field; the hints (in the catalogue) say how to fix it.

use super::Ctx;
use super::strength::Strength;
use crate::risk::capture::{DAY, WeightModel, has_body_veto, is_critical, powers_of, seconds};
use crate::risk::{self, Level, ScoreName};
use cogov_model::{Affiliation, Code, DecisionType, ElectionMethod, Power, Signers, VetoHolder, WeightSnapshot};

/// Every capture rule.
pub(super) fn capture(cx: &mut Ctx) {
    references(cx);
    let w = WeightModel::of(cx.gco);
    weight(cx, &w);
    powers(cx);
    top_tier(cx);
    councils(cx);
    elections(cx);
    active_weight(cx, &w);
    // Anticapture's safeguards apply to weight the design says is transferable; where that is
    // only assumed (an old DAO design), GOV-I950 says so instead of a row of warnings.
    if cx.gco.voting_weight.as_ref().and_then(|v| v.weight_transferable) == Some(true) {
        anticapture(cx, &w);
    }
}

/// References the new fields make: veto roles, route decision types and signers, affiliations.
fn references(cx: &mut Ctx) {
    let g = cx.gco;
    for (i, dt) in g.decision_types.iter().enumerate() {
        for (j, v) in dt.veto.iter().enumerate() {
            if let VetoHolder::Guardian { role } | VetoHolder::Council { role } = v {
                if g.role(role).is_none() {
                    let msg =
                        format!("decision type `{}`: the veto holder names role `{role}`, which does not exist", dt.id);
                    cx.push(Code::UnknownRole, format!("/decision_types/{i}/veto/{j}/role"), msg);
                }
            }
        }
    }
    for (i, t) in g.treasury.iter().flat_map(|t| t.tiers.iter()).enumerate() {
        for (j, r) in t.routes.iter().enumerate() {
            if g.decision_type(&r.decision_type).is_none() {
                let msg =
                    format!("tier `{}`, route `{}`: decision type `{}` does not exist", t.id, r.id, r.decision_type);
                cx.push(Code::UnknownDecisionType, format!("/treasury/tiers/{i}/routes/{j}/decision_type"), msg);
            }
            if let Some(s) = &r.signers {
                if g.role(&s.role).is_none() {
                    let msg = format!("tier `{}`, route `{}`: signer role `{}` does not exist", t.id, r.id, s.role);
                    cx.push(Code::UnknownRole, format!("/treasury/tiers/{i}/routes/{j}/signers/role"), msg);
                }
            }
        }
    }
    for (i, r) in g.roles.iter().enumerate() {
        for id in r.affiliation.keys() {
            if !cx.ids.contains(id.as_str()) {
                let msg = format!("role `{}`: affiliation names member `{id}`, who does not exist", r.id);
                let at = format!("/roles/{i}/affiliation/{}", cogov_model::escape_pointer_token(id));
                cx.push(Code::UnknownMember, at, msg);
            }
        }
    }
}

/// Acquirable shares, the snapshot rule of transferable weight, and what was assumed.
fn weight(cx: &mut Ctx, w: &WeightModel) {
    let vw = cx.gco.voting_weight.as_ref();
    if let Some(a) = vw.and_then(|v| v.acquirable) {
        if a.circulating + a.locked > 1.0 + 1e-9 || a.borrowable + a.locked > 1.0 + 1e-9 {
            let msg = format!(
                "voting weight: circulating {} + locked {} (or borrowable {} + locked) exceeds the whole supply",
                a.circulating, a.locked, a.borrowable
            );
            cx.push(Code::AcquirableExceedsSupply, "/voting_weight/acquirable", msg);
        }
    }
    if w.transferable {
        match vw.and_then(|v| v.weight_snapshot) {
            Some(WeightSnapshot::Live) => {
                let ids: Vec<String> = cx.gco.decision_types.iter().map(|d| format!("`{}`", d.id)).collect();
                let msg = format!(
                    "voting weight is transferable and read live: weight borrowed (or flash-loaned) for the vote \
                     counts on {}",
                    ids.join(", ")
                );
                cx.push(Code::LiveTransferableWeight, "/voting_weight/weight_snapshot", msg);
            }
            None if vw.and_then(|v| v.weight_transferable) == Some(true) => {
                let msg = "voting weight is transferable but no snapshot rule is declared: the capture analysis \
                           assumes it is read live";
                cx.push(Code::NoWeightSnapshot, "/voting_weight", msg);
            }
            _ => {}
        }
    }
    // Say what the capture analysis assumed, where it matters: transferable weight (stated
    // or assumed for a DAO), or a design that says something about voting weight.
    if w.transferable || vw.is_some() {
        for a in &w.assumed {
            cx.push(Code::AssumedWeightSource, "/voting_weight", format!("capture analysis: {a}"));
        }
    }
}

fn critical(dt: &DecisionType) -> Vec<&'static str> {
    dt.powers.iter().filter(|p| is_critical(p)).map(Power::as_str).collect()
}

/// Rules on the declared powers of each decision type.
fn powers(cx: &mut Ctx) {
    let g = cx.gco;
    for (i, dt) in g.decision_types.iter().enumerate() {
        let at = |f: &str| format!("/decision_types/{i}/{f}");
        let exec: Vec<&str> = dt
            .powers
            .iter()
            .filter(|p| matches!(p, Power::ArbitraryExecution | Power::ContractUpgrade))
            .map(Power::as_str)
            .collect();
        // Signers from a fixed body are a guardian of their own: they must sign what executes.
        if !exec.is_empty() && dt.veto.is_empty() && dt.signers.is_none() {
            let msg = format!(
                "decision type `{}` may {}, needs no signers, and nobody may veto it during its timelock ({}s): \
                 a malicious proposal executes as passed",
                dt.id,
                exec.join(" and "),
                seconds(dt, dt.timelock)
            );
            cx.push(Code::ExecutionWithoutVeto, format!("/decision_types/{i}"), msg);
        }
        if let Some(e) = dt.exit_window.filter(|_| !exec.is_empty()) {
            if dt.timelock < e {
                let msg = format!(
                    "decision type `{}` may {}: its timelock ({}) is shorter than the exit window ({}), so users \
                     cannot leave before it executes",
                    dt.id,
                    exec.join(" and "),
                    dt.timelock,
                    e
                );
                cx.push(Code::TimelockShorterThanExitWindow, at("timelock"), msg);
            }
        }
        let grave: Vec<&str> =
            dt.powers.iter().filter(|p| matches!(p, Power::Mint | Power::ControlTransfer)).map(Power::as_str).collect();
        let absolute = dt.absolute_threshold.unwrap_or(0.0);
        if !grave.is_empty() && dt.approval <= 0.5 && absolute <= 0.5 {
            let msg = format!(
                "decision type `{}` may {} by a simple majority (approval {}, absolute threshold {})",
                dt.id,
                grave.join(" and "),
                dt.approval,
                absolute
            );
            cx.push(Code::MintBySimpleMajority, at("approval"), msg);
        }
    }
}

/// The ordinary decision type: the least strict (approval, then quorum, signers, timelock).
fn ordinary(dts: &[DecisionType]) -> Option<&DecisionType> {
    dts.iter().min_by(|a, b| {
        let (x, y) = (Strength::of(a, None), Strength::of(b, None));
        x.approval
            .total_cmp(&y.approval)
            .then(x.quorum.total_cmp(&y.quorum))
            .then(x.signers.cmp(&y.signers))
            .then(x.timelock_seconds.total_cmp(&y.timelock_seconds))
    })
}

/// The top treasury tier (highest floor) must be harder to reach than routine proposals, and
/// every route to it needs signers or a veto by a fixed body.
fn top_tier(cx: &mut Ctx) {
    let g = cx.gco;
    let Some(t) = g.treasury.as_ref() else { return };
    let Some((ti, top)) =
        t.tiers.iter().enumerate().max_by(|(_, a), (_, b)| a.min.total_cmp(&b.min).then_with(|| b.id.cmp(&a.id)))
    else {
        return;
    };
    let Some(ord) = ordinary(&g.decision_types) else { return };
    let ord_strength = Strength::of(ord, None);
    let routes: Vec<(String, &str, Option<&Signers>)> = std::iter::once((
        format!("/treasury/tiers/{ti}/decision_type"),
        top.decision_type.as_str(),
        top.signers.as_ref(),
    ))
    .chain(top.routes.iter().enumerate().map(|(j, r)| {
        (format!("/treasury/tiers/{ti}/routes/{j}/decision_type"), r.decision_type.as_str(), r.signers.as_ref())
    }))
    .collect();
    for (at, dt_id, extra) in routes {
        let Some(dt) = g.decision_type(dt_id) else { continue };
        let s = Strength::of(dt, extra);
        // Not stricter than the routine rule on any axis: whoever passes routine proposals
        // can move the top tier.
        if ord_strength.weaker_axes(&s).is_empty() {
            let msg = format!(
                "the top treasury tier `{}` is reachable by `{dt_id}`, which is no stricter than the ordinary \
                 decision type `{}` (quorum {}, approval {})",
                top.id, ord.id, ord.quorum, ord.approval
            );
            cx.push(Code::TopTierOrdinary, at.clone(), msg);
        }
        if s.signers == 0 && !has_body_veto(dt) {
            let msg = format!(
                "the top treasury tier `{}` is reachable by `{dt_id}` with no signers and no guardian or council \
                 veto: a passed vote moves it alone",
                top.id
            );
            cx.push(Code::TopTierWithoutSigners, at, msg);
        }
    }
}

/// Councils whose signatures carry upgrade or emergency powers: L2BEAT's bar (at least 8
/// members, a threshold of at least 75%, enough non-insiders to block) and insiders alone.
fn councils(cx: &mut Ctx) {
    let g = cx.gco;
    let mut seen: Vec<String> = Vec::new();
    let mut check = |cx: &mut Ctx, s: &Signers, what: String| {
        if seen.contains(&s.role) {
            return;
        }
        seen.push(s.role.clone());
        let Some((ri, role)) = g.roles.iter().enumerate().find(|(_, r)| r.id == s.role) else { return };
        let members = cx.members;
        let holders: Vec<&str> = cx
            .holders
            .get(role.id.as_str())
            .map(|v| v.iter().map(|&i| members[i].id.as_str()).collect())
            .unwrap_or_default();
        let n = s.of.or(role.seats).unwrap_or(holders.len() as u32).max(1);
        let m = s.required;
        let mut insiders = 0u32;
        let mut unknown = Vec::new();
        for h in &holders {
            match role.affiliation.get(*h) {
                Some(Affiliation::Insider) => insiders += 1,
                Some(_) => {}
                None => {
                    insiders += 1;
                    unknown.push(*h);
                }
            }
        }
        // Vacant seats are unknown too: assume insiders fill them.
        let vacant = n.saturating_sub(holders.len() as u32);
        insiders += vacant;
        let others = n.saturating_sub(insiders);
        let block = n.saturating_sub(m) + 1;
        let mut short = Vec::new();
        if n < 8 {
            short.push(format!("{n} members (< 8)"));
        }
        if (m as f64) < 0.75 * n as f64 {
            short.push(format!("threshold {m} of {n} ({:.0}% < 75%)", 100.0 * m as f64 / n as f64));
        }
        if others < block {
            short.push(format!("{others} non-insider member(s), {block} needed to block"));
        }
        if !short.is_empty() {
            let msg = format!("council `{}` signs {what}: {}", role.id, short.join("; "));
            cx.push(Code::CouncilBelowBar, format!("/roles/{ri}"), msg);
        }
        if insiders >= m {
            let msg = format!(
                "council `{}` signs {what}: its {insiders} insider(s) alone meet the threshold of {m}",
                role.id
            );
            cx.push(Code::InsidersMeetThreshold, format!("/roles/{ri}/affiliation"), msg);
        }
        if !unknown.is_empty() || vacant > 0 {
            let mut who: Vec<String> = unknown.iter().map(|u| format!("`{u}`")).collect();
            if vacant > 0 {
                who.push(format!("{vacant} vacant seat(s)"));
            }
            let msg = format!("council `{}`: affiliation unknown for {}: assumed insider", role.id, who.join(", "));
            cx.push(Code::AssumedAffiliation, format!("/roles/{ri}/affiliation"), msg);
        }
    };
    for dt in &g.decision_types {
        let crit = critical(dt);
        if let (false, Some(s)) = (crit.is_empty(), &dt.signers) {
            check(cx, s, format!("`{}` ({})", dt.id, crit.join(", ")));
        }
    }
    // Emergency routes to a tier: any route other than the normal one.
    for t in g.treasury.iter().flat_map(|t| &t.tiers) {
        for r in &t.routes {
            let own = g.decision_type(&r.decision_type).and_then(|d| d.signers.as_ref());
            if let Some(s) = r.signers.as_ref().or(own) {
                check(cx, s, format!("the `{}` route to tier `{}`", r.id, t.id));
            }
        }
    }
}

/// Anticapture's recommended safeguards, for transferable (token) weight.
fn anticapture(cx: &mut Ctx, w: &WeightModel) {
    let (g, total) = (cx.gco, cx.total_weight);
    for (i, dt) in g.decision_types.iter().enumerate() {
        let (ps, _) = powers_of(g, dt);
        // A decision a fixed body must sign is not decided by token weight alone.
        if ps.is_empty() || dt.signers.is_some() {
            continue;
        }
        let at = |f: &str| format!("/decision_types/{i}/{f}");
        let what = ps.iter().map(Power::as_str).collect::<Vec<_>>().join(", ");
        let (tl, delay, period) =
            (seconds(dt, dt.timelock), seconds(dt, dt.voting_delay), seconds(dt, dt.voting_period));
        if tl < DAY {
            let msg = format!("`{}` ({what}): timelock {:.1}h, under one day", dt.id, tl / 3600.0);
            cx.push(Code::ShortTimelock, at("timelock"), msg);
        }
        if delay <= 2.0 * DAY {
            let msg = format!("`{}` ({what}): voting delay {:.1}h, not above two days", dt.id, delay / 3600.0);
            cx.push(Code::ShortVotingDelay, at("voting_delay"), msg);
        }
        if period < 7.0 * DAY {
            let msg = format!("`{}` ({what}): voting period {:.1} days, under seven", dt.id, period / DAY);
            cx.push(Code::ShortVotingPeriod, at("voting_period"), msg);
        }
        let market = w.acquirable.circulating * total;
        if dt.proposal_threshold.roles.is_empty() && market > 0.0 && dt.proposal_threshold.min_weight < 0.001 * market {
            let msg = format!(
                "`{}` ({what}): proposal threshold {} is {:.3}% of the market supply {market:.0}",
                dt.id,
                dt.proposal_threshold.min_weight,
                100.0 * dt.proposal_threshold.min_weight / market
            );
            cx.push(Code::LowProposalThreshold, at("proposal_threshold/min_weight"), msg);
        }
        if dt.veto.is_empty() {
            let msg = format!("`{}` ({what}): no veto by the DAO or a council during the timelock", dt.id);
            cx.push(Code::NoDaoVeto, format!("/decision_types/{i}"), msg);
        }
        if dt.vote_change_allowed != Some(true) {
            let msg = format!("`{}` ({what}): votes cannot be changed once cast", dt.id);
            cx.push(Code::VotesCannotChange, format!("/decision_types/{i}"), msg);
        }
    }
}

/// Alert thresholds looser than the defaults that silence a level the defaults would give.
pub(super) fn loose_thresholds(cx: &mut Ctx) {
    let t = &cx.gco.alert_thresholds;
    let overrides = [
        (ScoreName::AuthorityConcentration, t.authority_concentration),
        (ScoreName::GovernanceCaptureRisk, t.governance_capture_risk),
        (ScoreName::TreasuryCentralisation, t.treasury_centralisation),
        (ScoreName::ParticipationDensity, t.participation_density),
        (ScoreName::DelegationCascadeRisk, t.delegation_cascade_risk),
        (ScoreName::ConstitutionalDrift, t.constitutional_drift),
    ];
    if overrides.iter().all(|(_, o)| o.is_none()) {
        return;
    }
    let scores = risk::score(cx.gco, None);
    for (name, own) in overrides {
        let Some(own) = own else { continue };
        let Some(s) = scores.get(name) else { continue };
        let default = name.default_threshold();
        let (with_default, with_own) = (name.level(s.value, default), name.level(s.value, own));
        if with_own < with_default {
            let bar = if with_default == Level::Alert { default.alert } else { default.watch };
            let msg = format!(
                "`{}` is {}: {} under the default {bar}, only {} under this design's thresholds (watch {}, alert {})",
                name.as_str(),
                s.value,
                with_default.as_str(),
                with_own.as_str(),
                own.watch,
                own.alert
            );
            cx.push(Code::LooseAlertThresholds, format!("/alert_thresholds/{}", name.as_str()), msg);
        }
    }
}

/// The expected active weight: `sum(w_i × p_i)`, what is expected to vote (turnout × weight).
/// `NaN` when a weight is beyond the schema's range (the schema's finding; sums over it say
/// nothing), so the rules reading it stay silent.
fn expected_active(cx: &Ctx) -> f64 {
    if cx.members.iter().any(|m| m.weight.is_nan() || m.weight > cogov_model::MAX_QUANTITY) {
        return f64::NAN;
    }
    cx.members.iter().map(|m| m.weight.max(0.0) * m.propensity.clamp(0.0, 1.0)).sum()
}

/// Election capture (risk model 2): for each multi-seat body with an election method, the
/// share of the expected active vote a bloc needs to take a majority of its seats — more than
/// half under block vote, approval and one seat at a time (a majority bloc takes every seat),
/// a Droop quota `1/(seats+1)` per seat under STV — and how many of the heaviest expected
/// voters make it. Fewer voters than a majority of the seats electing that majority is a
/// warning (GOV-W966), naming them.
fn elections(cx: &mut Ctx) {
    let g = cx.gco;
    let active = expected_active(cx);
    // Out-of-range weights are the schema's finding; sums over them say nothing.
    if !(active > 0.0 && active.is_finite()) {
        return;
    }
    let mut by_active: Vec<(f64, usize)> = cx
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.weight.max(0.0) * m.propensity.clamp(0.0, 1.0), i))
        .filter(|(a, _)| *a > 0.0)
        .collect();
    by_active.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (ri, role) in g.roles.iter().enumerate() {
        let (Some(method), Some(seats)) = (role.election_method, role.seats) else { continue };
        if seats < 2 {
            continue;
        }
        let majority = seats / 2 + 1;
        let (need, how) = match method {
            ElectionMethod::Stv => {
                (f64::from(majority) / f64::from(seats + 1), format!("{majority} Droop quotas of 1/{} each", seats + 1))
            }
            ElectionMethod::BlockVote => (0.5, "a majority bloc takes every seat by block vote".to_owned()),
            ElectionMethod::ApprovalK => (0.5, "a majority bloc approving its own slate takes every seat".to_owned()),
            ElectionMethod::SingleSeat => (0.5, "a majority bloc wins every single-seat election".to_owned()),
        };
        let mut sum = 0.0;
        let mut bloc = Vec::new();
        for &(a, i) in &by_active {
            if sum > need * active || bloc.len() >= majority as usize {
                break;
            }
            sum += a;
            bloc.push(i);
        }
        if sum > need * active && (bloc.len() as u32) < majority {
            let names: Vec<String> = bloc.iter().take(5).map(|&i| format!("`{}`", cx.members[i].id)).collect();
            let by = role.eligibility.elected_by.as_deref().map_or(String::new(), |d| format!(" (elected by `{d}`)"));
            let msg = format!(
                "role `{}`{by}: {} voter(s) ({}) cast {:.1}% of the expected active vote, over the {:.1}% that elects \
                 {majority} of {seats} seats: {how}",
                role.id,
                bloc.len(),
                names.join(", "),
                100.0 * sum / active,
                100.0 * need
            );
            cx.push(Code::ElectionBlocCapture, format!("/roles/{ri}/election_method"), msg);
        }
    }
}

/// Delegation and custody against the expected active weight, not all weight: a delegate voting
/// more than half of what is expected to vote (GOV-W967), and lendable or custodial stake that
/// counts where it is voted (weight read late) exceeding half of it (GOV-W968).
fn active_weight(cx: &mut Ctx, w: &WeightModel) {
    let g = cx.gco;
    let active = expected_active(cx);
    if !(active > 0.0 && active.is_finite() && cx.total_weight.is_finite()) {
        return;
    }
    if let Some(d) = &g.delegation {
        let weight: std::collections::HashMap<&str, f64> =
            cx.members.iter().map(|m| (m.id.as_str(), m.weight.max(0.0))).collect();
        let mut received: std::collections::BTreeMap<&str, (f64, usize, usize)> = Default::default();
        for (j, e) in d.edges.iter().enumerate() {
            let r = received.entry(e.to.as_str()).or_insert((0.0, 0, j));
            r.0 += e.share.clamp(0.0, 1.0) * weight.get(e.from.as_str()).copied().unwrap_or(0.0);
            r.1 += 1;
        }
        for (to, (got, n, first)) in received {
            // The delegate votes what it was given, whoever would have stayed at home.
            let own = weight.get(to).copied().unwrap_or(0.0);
            let votes = got + own;
            // Only where the delegations put it over: a heavy holder alone is concentration's.
            if votes > 0.5 * active && own <= 0.5 * active {
                let msg = format!(
                    "delegate `{to}` votes {:.1}% of all weight ({n} delegation(s)), {:.0}% of the {:.1}% expected \
                     to vote: alone it outvotes everyone else who turns out",
                    100.0 * votes / cx.total_weight,
                    100.0 * votes / active,
                    100.0 * active / cx.total_weight
                );
                cx.push(Code::DelegateOverActiveWeight, format!("/delegation/edges/{first}/to"), msg);
            }
        }
    }
    let lendable = if w.transferable { w.acquirable.borrowable.min(1.0 - w.acquirable.locked).max(0.0) } else { 0.0 };
    let turnout = active / cx.total_weight;
    if lendable > 0.5 * turnout {
        for (i, dt) in g.decision_types.iter().enumerate() {
            if w.borrowed_counts(dt) {
                let msg = format!(
                    "decision type `{}`: {:.1}% of the weight is borrowable or held in custody and counts when voted \
                     (weight read {}), more than half of the {:.1}% expected to vote: whoever holds it on the day \
                     outvotes the members who turn out",
                    dt.id,
                    100.0 * lendable,
                    w.snapshot.as_str(),
                    100.0 * turnout
                );
                cx.push(Code::CustodialOverActiveWeight, format!("/decision_types/{i}"), msg);
            }
        }
    }
}
