//! Decision types: thresholds against expected turnout, timing, clocks, signers, proposers.

use super::Ctx;
use crate::population::expected_turnout;
use cogov_model::{Clock, Code};

/// How much expected turnout must exceed a quorum before the margin stops being thin.
const QUORUM_MARGIN: f64 = 1.25;

/// Every rule about one decision type.
pub(super) fn decision_types(cx: &mut Ctx) {
    let g = cx.gco;
    let turnout = expected_turnout(cx.members);
    let has_weight = cx.total_weight > 0.0;
    let tier_types: Vec<&str> =
        g.treasury.iter().flat_map(|t| t.tiers.iter()).map(|t| t.decision_type.as_str()).collect();
    for (i, d) in g.decision_types.iter().enumerate() {
        let at = |field: &str| format!("/decision_types/{i}/{field}");
        let id = &d.id;
        if d.approval == 0.0 {
            cx.push(Code::ZeroApproval, at("approval"), format!("`{id}` has approval 0"));
        } else if d.approval < 0.5 {
            cx.push(
                Code::MinorityApproval,
                at("approval"),
                format!("`{id}` passes with {} of the cast weight", d.approval),
            );
        }
        if d.quorum == 0.0 {
            cx.push(Code::ZeroQuorum, at("quorum"), format!("`{id}` has quorum 0"));
        } else if has_weight && turnout < d.quorum {
            let msg = format!("`{id}` needs quorum {} but expected turnout is {:.4}", d.quorum, turnout);
            cx.push(Code::QuorumUnreachable, at("quorum"), msg);
        } else if has_weight && turnout < d.quorum * QUORUM_MARGIN {
            let msg = format!("`{id}`: expected turnout {:.4} is within 25% of quorum {}", turnout, d.quorum);
            cx.push(Code::ThinQuorumMargin, at("quorum"), msg);
        }
        if d.voting_period == 0 {
            cx.push(Code::ZeroVotingPeriod, at("voting_period"), format!("`{id}` has a voting period of 0"));
        } else if d.voting_period <= d.voting_delay {
            let msg =
                format!("`{id}`: voting period {} is not longer than voting delay {}", d.voting_period, d.voting_delay);
            cx.push(Code::PeriodNotLongerThanDelay, at("voting_period"), msg);
        }
        if d.voting_delay == 0 {
            cx.push(
                Code::ZeroVotingDelay,
                at("voting_delay"),
                format!("`{id}` opens voting the moment it is proposed"),
            );
        }
        if let Clock::Blocks { block_time: None } = d.clock {
            cx.push(
                Code::BlockClockWithoutBlockTime,
                at("clock"),
                format!("`{id}` counts blocks but has no block time"),
            );
        }
        if let Some(s) = &d.signers {
            signers(cx, &at("signers"), id, s);
        }
        if tier_types.contains(&id.as_str()) && d.timelock == 0 {
            let msg = format!("`{id}` authorises treasury spends with no timelock");
            cx.push(Code::SpendWithoutTimelock, at("timelock"), msg);
        }
        proposers(cx, i);
    }
}

/// m-of-n signers against the role's seats.
pub(super) fn signers(cx: &mut Ctx, path: &str, owner: &str, s: &cogov_model::Signers) {
    let seats = cx.gco.role(&s.role).and_then(|r| r.seats);
    if let Some(n) = s.of {
        if s.required > n {
            let msg = format!("`{owner}` requires {} signers of a set of {n}", s.required);
            cx.push(Code::SignersExceedSet, format!("{path}/required"), msg);
        }
        if seats.is_some_and(|seats| seats != n) {
            let msg = format!("`{owner}` counts {n} signers but role `{}` has {} seats", s.role, seats.unwrap_or(0));
            cx.push(Code::SignerSetMismatch, format!("{path}/of"), msg);
        }
    }
    if let Some(seats) = seats.filter(|&seats| s.required > seats) {
        let msg = format!("`{owner}` requires {} signers but role `{}` has {seats} seats", s.required, s.role);
        cx.push(Code::SignersExceedSeats, format!("{path}/required"), msg);
    }
}

/// Someone must be able to propose: weight at or above the threshold, and a proposer role
/// when roles are named and held.
fn proposers(cx: &mut Ctx, i: usize) {
    let d = &cx.gco.decision_types[i];
    let t = &d.proposal_threshold;
    if cx.members.is_empty() {
        return;
    }
    let proposers: Vec<usize> = t.roles.iter().filter_map(|r| cx.holders.get(r.as_str())).flatten().copied().collect();
    let roles_held = !proposers.is_empty();
    let can = if roles_held {
        proposers.iter().any(|&m| cx.members[m].weight >= t.min_weight)
    } else {
        cx.members.iter().any(|m| m.weight >= t.min_weight)
    };
    if !can {
        let msg = format!(
            "no member has weight {} or more{}",
            t.min_weight,
            if roles_held { " in a proposer role" } else { "" }
        );
        cx.push(Code::NobodyCanPropose, format!("/decision_types/{i}/proposal_threshold"), msg);
    }
}
