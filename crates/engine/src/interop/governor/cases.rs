//! The proof's cases: proposals a decision type must pass and must fail, with the outcome the
//! engine's own decision rule expects. `tools/interop/governor-prove.mjs` runs each on the
//! Hardhat network and the test compares the chain's outcome with [`expected`].

use cogov_model::{DecisionType, QuorumCounting, VetoHolder};
use serde::Serialize;

/// The proof's total supply in whole tokens; votes are whole tokens of it, so a share of the
/// supply is exact in both the engine (`f64`) and the chain (`uint256`).
pub const PROOF_SUPPLY: u64 = 1_000_000_000;

/// Votes of a case, in whole tokens of [`PROOF_SUPPLY`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Votes {
    /// For.
    #[serde(rename = "for")]
    pub yes: u64,
    /// Against.
    pub against: u64,
    /// Abstain.
    pub abstain: u64,
}

/// What a case does besides voting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Vote once voting is open, then queue and execute after the timelock.
    Normal,
    /// Vote before the voting delay has passed.
    VoteBeforeDelay,
    /// Execute right after queuing, before the timelock has run.
    ExecuteEarly,
    /// The veto holder cancels the queued proposal.
    Veto,
}

/// How a proposal ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The vote did not pass.
    Defeated,
    /// Passed, queued and executed after the timelock.
    Executed,
    /// Casting a vote before the voting delay was refused.
    VoteRefused,
    /// Executing before the timelock had run was refused.
    ExecuteRefused,
    /// Cancelled by the veto holder during the timelock.
    Cancelled,
}

/// One scripted proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    /// The decision type (and governor) it runs against.
    pub decision_type: String,
    /// What it checks, e.g. `below-quorum`.
    pub name: String,
    /// The votes, in whole tokens.
    pub votes: Votes,
    /// What happens besides voting.
    pub step: Step,
    /// The outcome the engine expects.
    pub expected: Outcome,
}

/// Whether votes `v` pass `dt` out of `supply`: the quorum under the decision type's counting
/// (default for + abstain), approval = for / (for + against) at least `approval` (0 when
/// nobody voted for or against), and the absolute threshold. The same rule as
/// `amend::check` (turnout >= quorum, approval >= approval), with the design's quorum counting.
pub fn passes(dt: &DecisionType, v: Votes, supply: f64) -> bool {
    let (yes, no, abstain) = (v.yes as f64, v.against as f64, v.abstain as f64);
    let counted = match dt.quorum_counting.unwrap_or(QuorumCounting::ForAbstain) {
        QuorumCounting::ForOnly => yes,
        QuorumCounting::ForAbstain => yes + abstain,
        QuorumCounting::AllCast => yes + no + abstain,
    };
    let turnout = if supply > 0.0 { counted / supply } else { 0.0 };
    let approval = if yes + no > 0.0 { yes / (yes + no) } else { 0.0 };
    let absolute = dt.absolute_threshold.is_none_or(|a| supply > 0.0 && yes / supply >= a);
    turnout >= dt.quorum && approval >= dt.approval && absolute
}

/// Whether the design gives someone a veto the timelock's canceller can hold.
pub fn has_cancelling_veto(dt: &DecisionType) -> bool {
    dt.veto.iter().any(|v| matches!(v, VetoHolder::Guardian { .. } | VetoHolder::Council { .. }))
}

/// The outcome the engine expects for a case.
pub fn expected(dt: &DecisionType, votes: Votes, step: Step) -> Outcome {
    if step == Step::VoteBeforeDelay && dt.voting_delay > 0 {
        return Outcome::VoteRefused;
    }
    if !passes(dt, votes, PROOF_SUPPLY as f64) {
        return Outcome::Defeated;
    }
    match step {
        Step::ExecuteEarly if dt.timelock > 0 => Outcome::ExecuteRefused,
        Step::Veto if has_cancelling_veto(dt) => Outcome::Cancelled,
        _ => Outcome::Executed,
    }
}

/// The cases of one decision type. `reserved` tokens go to the proposer (the threshold), so
/// votes never exceed the rest of the supply.
pub fn cases(dt: &DecisionType, reserved: u64) -> Vec<Case> {
    let s = PROOF_SUPPLY;
    let room = s.saturating_sub(reserved).saturating_sub(1);
    let share = |x: f64| ((x * s as f64).ceil() as u64).min(room);
    let q = share(dt.quorum);
    let abs = dt.absolute_threshold.map(share).unwrap_or(0);
    // A comfortable pass: a tenth of the supply above what the quorum and threshold need.
    let pass_for = (q.max(abs) + s / 10).min(room);
    let mut out: Vec<(&str, Votes, Step)> =
        vec![("pass-executes", Votes { yes: pass_for, ..Votes::default() }, Step::Normal)];
    if q > 0 {
        out.push(("below-quorum", Votes { yes: q - 1, ..Votes::default() }, Step::Normal));
        out.push(("at-quorum", Votes { yes: q, ..Votes::default() }, Step::Normal));
        // Half for, half abstain: passes only where abstain counts toward the quorum.
        out.push(("abstain-toward-quorum", Votes { yes: q / 2 + 1, abstain: q / 2 + 1, against: 0 }, Step::Normal));
        // Against votes reach the quorum only where every vote cast counts.
        out.push(("against-toward-quorum", Votes { yes: q / 2 + 1, against: q / 2, abstain: 0 }, Step::Normal));
    }
    // The approval boundary: for + against = a multiple of the approval's denominator large
    // enough for the quorum, for exactly at the approval, one token above and below.
    let den = super::fraction(dt.approval, 1).1 as u64;
    let turnout = (q.max(abs) + s / 20).min(room);
    let total = (turnout.div_ceil(den) * den).min(room / den * den);
    let at = (dt.approval * total as f64).round() as u64;
    if total > 0 && at > 0 && at < total {
        out.push(("approval-at-boundary", Votes { yes: at, against: total - at, abstain: 0 }, Step::Normal));
        out.push(("approval-just-above", Votes { yes: at + 1, against: total - at - 1, abstain: 0 }, Step::Normal));
        out.push(("approval-just-below", Votes { yes: at - 1, against: total - at + 1, abstain: 0 }, Step::Normal));
    }
    let pass = Votes { yes: pass_for, ..Votes::default() };
    if dt.voting_delay > 0 {
        out.push(("vote-before-delay", pass, Step::VoteBeforeDelay));
    }
    if dt.timelock > 0 {
        out.push(("execute-before-timelock", pass, Step::ExecuteEarly));
    }
    if has_cancelling_veto(dt) {
        out.push(("vetoed", pass, Step::Veto));
    }
    out.into_iter()
        .map(|(name, votes, step)| Case {
            decision_type: dt.id.clone(),
            name: name.to_owned(),
            votes,
            step,
            expected: expected(dt, votes, step),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(quorum: f64, approval: f64) -> DecisionType {
        serde_json::from_value(serde_json::json!({
            "id": "d", "quorum": quorum, "approval": approval, "voting_delay": 1, "voting_period": 10, "timelock": 5
        }))
        .expect("a decision type")
    }

    #[test]
    fn the_boundaries_fall_where_the_rule_says() {
        let d = dt(0.04, 0.66);
        let cases = cases(&d, 0);
        let by = |n: &str| cases.iter().find(|c| c.name == n).expect("the case").expected;
        assert_eq!(by("pass-executes"), Outcome::Executed);
        assert_eq!(by("below-quorum"), Outcome::Defeated);
        assert_eq!(by("at-quorum"), Outcome::Executed);
        assert_eq!(by("approval-at-boundary"), Outcome::Executed);
        assert_eq!(by("approval-just-below"), Outcome::Defeated);
        assert_eq!(by("abstain-toward-quorum"), Outcome::Executed);
        assert_eq!(by("against-toward-quorum"), Outcome::Defeated);
        assert_eq!(by("vote-before-delay"), Outcome::VoteRefused);
        assert_eq!(by("execute-before-timelock"), Outcome::ExecuteRefused);
    }
}
