//! GovernorBravo / Compound-style parameters.
//!
//! The file holds what the contracts' getters return (docs/interop.md lists the fields):
//! `governor.{name, votingDelay, votingPeriod, proposalThreshold, quorumVotes, admin,
//! guardian, address}` (blocks and base units), `timelock.{delay, address}` (seconds),
//! `token.{decimals, totalSupply}`, and optionally `bounds` with the deployed contract's own
//! `MIN_`/`MAX_` constants where a fork changed Compound's. Values outside the bounds are
//! refused (GOV-X121) with the pointer: the contract itself would not accept them.

use super::governor::DEFAULT_BLOCK_TIME;
use super::governor::source::{self, Parsed, base_to_tokens, fit_u64, required_uint, string, uint};
use super::{Answers, Gap, Imported};
use crate::error::IntakeError;
use cogov_model::{ErrorCode, GapCode};

/// Compound's GovernorBravoDelegate and Timelock bounds: (constant, default value).
/// Proposal thresholds are in base units (18 decimals); periods and delays in blocks; the
/// timelock's delays in seconds.
pub const COMPOUND_BOUNDS: &[(&str, u128)] = &[
    ("MIN_PROPOSAL_THRESHOLD", 1_000 * 10u128.pow(18)),
    ("MAX_PROPOSAL_THRESHOLD", 100_000 * 10u128.pow(18)),
    ("MIN_VOTING_PERIOD", 5_760),
    ("MAX_VOTING_PERIOD", 80_640),
    ("MIN_VOTING_DELAY", 1),
    ("MAX_VOTING_DELAY", 40_320),
    ("MINIMUM_DELAY", 2 * 86_400),
    ("MAXIMUM_DELAY", 30 * 86_400),
];

/// The bound `name`: the file's `bounds` when it states one, else Compound's.
fn bound(root: &serde_json::Value, name: &str) -> Result<u128, IntakeError> {
    match uint(root, &format!("/bounds/{name}"))? {
        Some(v) => Ok(v),
        None => Ok(COMPOUND_BOUNDS.iter().find(|(n, _)| *n == name).map(|(_, v)| *v).unwrap_or_default()),
    }
}

/// Checks `value` at `pointer` against `MIN_name`..=`MAX_name`.
fn within(root: &serde_json::Value, pointer: &str, value: u128, min: &str, max: &str) -> Result<(), IntakeError> {
    let (lo, hi) = (bound(root, min)?, bound(root, max)?);
    if value < lo || value > hi {
        return Err(IntakeError::at_pointer(
            ErrorCode::BravoOutOfBounds,
            pointer,
            format!("{value} is outside the contract's bounds {min} = {lo} .. {max} = {hi}"),
        ));
    }
    Ok(())
}

/// Reads GovernorBravo / Compound-style parameters into a design.
pub fn import(bytes: &[u8], answers: &Answers) -> Result<Imported, IntakeError> {
    let root = source::parse(bytes)?;
    if source::get(&root, "/governor").is_none_or(|g| !g.is_object()) {
        return Err(IntakeError::at_pointer(ErrorCode::GovernorParam, "/governor", "expected an object `governor`"));
    }
    let (mut gaps, mut questions) = (Vec::new(), Vec::new());
    let name = string(&root, "/governor/name")?.unwrap_or("Governor Bravo").to_owned();
    let voting_delay = required_uint(&root, "/governor/votingDelay")?;
    within(&root, "/governor/votingDelay", voting_delay, "MIN_VOTING_DELAY", "MAX_VOTING_DELAY")?;
    let voting_period = required_uint(&root, "/governor/votingPeriod")?;
    within(&root, "/governor/votingPeriod", voting_period, "MIN_VOTING_PERIOD", "MAX_VOTING_PERIOD")?;
    let threshold = required_uint(&root, "/governor/proposalThreshold")?;
    within(&root, "/governor/proposalThreshold", threshold, "MIN_PROPOSAL_THRESHOLD", "MAX_PROPOSAL_THRESHOLD")?;
    let delay = required_uint(&root, "/timelock/delay")?;
    within(&root, "/timelock/delay", delay, "MINIMUM_DELAY", "MAXIMUM_DELAY")?;
    let quorum_votes = required_uint(&root, "/governor/quorumVotes")?;
    let decimals = uint(&root, "/token/decimals")?.unwrap_or(18);
    if decimals > 36 {
        return Err(IntakeError::at_pointer(ErrorCode::GovernorParam, "/token/decimals", "at most 36 decimals"));
    }
    let decimals = decimals as u32;
    let block_time = source::ask_number(
        answers,
        &mut questions,
        &mut gaps,
        ("block_time", "How many seconds does a block of this chain take?", Some(DEFAULT_BLOCK_TIME)),
        "/decision_types/0/clock/block_time",
    )?;
    if block_time == 0.0 {
        return Err(IntakeError::whole(ErrorCode::InteropAnswer, "`block_time` must be above 0"));
    }
    // quorumVotes is absolute: its share needs the supply, which the governor does not hold.
    let supply_stated = uint(&root, "/token/totalSupply")?;
    let supply_answer = source::ask_number(
        answers,
        &mut questions,
        &mut gaps,
        (
            "total_supply",
            "What is the voting token's total supply, in whole tokens (to turn quorumVotes into a share)?",
            supply_stated.map(|s| base_to_tokens(s, decimals).0),
        ),
        "/decision_types/0/quorum",
    )?;
    if supply_stated.is_some() && !answers.contains_key("total_supply") {
        // The file states it: not an assumption.
        gaps.retain(|g| !(g.code == GapCode::SourceSilent && g.pointer == "/decision_types/0/quorum"));
    }
    let supply_base: u128 = match (supply_stated, answers.contains_key("total_supply")) {
        (Some(s), false) => s,
        _ => source::tokens_to_base(supply_answer, decimals).and_then(|s| s.parse().ok()).unwrap_or(0),
    };
    if supply_base == 0 || quorum_votes > supply_base {
        return Err(IntakeError::at_pointer(
            ErrorCode::GovernorParam,
            "/governor/quorumVotes",
            format!("quorumVotes {quorum_votes} is not a share of the total supply {supply_base}"),
        ));
    }
    // In whole tokens: 400000 / 8000000 is exactly 0.05, 4e23 / 8e24 in f64 is not.
    let quorum = base_to_tokens(quorum_votes, decimals).0 / base_to_tokens(supply_base, decimals).0;
    gaps.push(Gap::new(
        GapCode::BravoQuorumShare,
        "/decision_types/0/quorum",
        format!("quorumVotes {quorum_votes} of a supply of {supply_base} is a quorum of {quorum}"),
    ));
    gaps.push(Gap::new(
        GapCode::StrictMajority,
        "/decision_types/0/approval",
        "GovernorBravo passes when for > against (and for >= quorumVotes); held as approval 0.5, where a tie passes",
    ));
    gaps.push(Gap::new(
        GapCode::NoPlaceInTarget,
        "/decision_types/0/timelock",
        "the Compound Timelock's GRACE_PERIOD (a queued proposal expires 14 days after its eta) has no place in a design",
    ));
    let (threshold_tokens, exact) = base_to_tokens(threshold, decimals);
    if !exact {
        gaps.push(Gap::new(
            GapCode::Rounded,
            "/decision_types/0/proposal_threshold/min_weight",
            format!("proposalThreshold {threshold} held as {threshold_tokens} tokens"),
        ));
    }
    let blocks = (delay as f64 / block_time).round();
    if blocks * block_time != delay as f64 {
        gaps.push(Gap::new(
            GapCode::Rounded,
            "/decision_types/0/timelock",
            format!("timelock delay {delay} s is {blocks} blocks of {block_time} s"),
        ));
    }
    let timelock_address = string(&root, "/timelock/address")?.map(str::to_ascii_lowercase);
    if let Some(admin) = string(&root, "/governor/admin")?.filter(|a| Some(a.to_ascii_lowercase()) != timelock_address)
    {
        gaps.push(Gap::new(
            GapCode::GovernorAdmin,
            "/roles",
            format!("the governor's admin {admin} is not its timelock: it can change the voting rules without a vote"),
        ));
    }
    let guardian =
        string(&root, "/governor/guardian")?.filter(|g| g.trim_start_matches("0x").chars().any(|c| c != '0'));
    let supply_tokens = base_to_tokens(supply_base, decimals).0;
    let (holders, turnout) = source::population(answers, &mut questions, &mut gaps, supply_tokens, threshold_tokens)?;
    let gco = source::build(&Parsed {
        name,
        block_time: Some(block_time),
        voting_delay: fit_u64(voting_delay, "/governor/votingDelay")?,
        voting_period: fit_u64(voting_period, "/governor/votingPeriod")?,
        threshold_tokens,
        quorum,
        quorum_counting: "for_only",
        approval: 0.5,
        absolute_threshold: None,
        late_quorum_extension: None,
        timelock: blocks as u64,
        cancellers: usize::from(guardian.is_some()),
        executors: None,
        supply_tokens,
        holders,
        turnout,
    })?;
    Ok(Imported { gco, gaps, questions })
}
