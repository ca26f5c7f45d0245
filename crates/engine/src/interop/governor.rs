//! OpenZeppelin Governor and TimelockController.
//!
//! **Export**: one Governor and one TimelockController per decision type (each type has its
//! own delay, period, threshold, quorum, approval and timelock, which one Governor cannot
//! vary per action), an ERC20Votes token for the proof only, `deploy.json` (the constructor
//! parameters of every contract), `cases.json` (the proof's proposals with the engine's
//! expected outcomes) and `params/<decision type>.json` (each Governor's parameters in the
//! import format below, so import → export → import keeps the design).
//!
//! **Import**: a Governor's and its timelock's parameters as JSON, the values `cast call`
//! or a block explorer's "Read contract" tab gives (docs/interop.md lists the fields):
//! `governor.{name, votingDelay, votingPeriod, proposalThreshold, quorumNumerator,
//! quorumDenominator | quorum, clockMode, countingMode, lateQuorumVoteExtension, address}`,
//! `timelock.{minDelay, cancellers, executors}`, `token.{decimals, totalSupply, symbol}`.

pub mod cases;
pub mod solidity;
pub mod source;

use super::{Answers, ExportFile, Exported, Gap, Imported};
use crate::error::IntakeError;
use cogov_model::{Action, Clock, DecisionType, ErrorCode, GapCode, Gco, Power, QuorumCounting, VetoHolder};
use serde_json::{Value, json};
use source::{Parsed, base_to_tokens, fit_u64, get, required_uint, string, strings, uint};

/// The block time assumed when a block-clock design states none (Ethereum mainnet since the merge).
pub const DEFAULT_BLOCK_TIME: f64 = 12.0;

/// `x` as `num / den` with `den` the smallest power of ten from `min_den` up to 10^6 that holds
/// it exactly (as the same `f64`), and whether it does; else rounded to millionths.
pub fn fraction(x: f64, min_den: u128) -> (u128, u128, bool) {
    let mut den = min_den.max(1);
    while den <= 1_000_000 {
        let num = (x * den as f64).round();
        if num / den as f64 == x {
            return (num as u128, den, true);
        }
        den *= 10;
    }
    ((x * 1e6).round() as u128, 1_000_000, false)
}

/// Reads a Governor's and its timelock's parameters into a design.
pub fn import(bytes: &[u8], answers: &Answers) -> Result<Imported, IntakeError> {
    let root = source::parse(bytes)?;
    if !root.is_object() || get(&root, "/governor").is_none_or(|g| !g.is_object()) {
        return Err(IntakeError::at_pointer(ErrorCode::GovernorParam, "/governor", "expected an object `governor`"));
    }
    let (mut gaps, mut questions) = (Vec::new(), Vec::new());
    let name = string(&root, "/governor/name")?
        .ok_or_else(|| {
            IntakeError::at_pointer(ErrorCode::GovernorParam, "/governor/name", "the Governor's name() is required")
        })?
        .to_owned();
    let clock_mode = string(&root, "/governor/clockMode")?.unwrap_or("mode=blocknumber&from=default");
    let block_time = match clock_mode {
        "mode=timestamp" => None,
        m if m.starts_with("mode=blocknumber") => Some(source::ask_number(
            answers,
            &mut questions,
            &mut gaps,
            ("block_time", "How many seconds does a block of this chain take?", Some(DEFAULT_BLOCK_TIME)),
            "/decision_types/0/clock/block_time",
        )?),
        other => {
            return Err(IntakeError::at_pointer(
                ErrorCode::GovernorParam,
                "/governor/clockMode",
                format!("`{other}` is not an ERC-6372 clock mode CoGov reads (mode=blocknumber… or mode=timestamp)"),
            ));
        }
    };
    if block_time == Some(0.0) {
        return Err(IntakeError::whole(ErrorCode::InteropAnswer, "`block_time` must be above 0"));
    }
    let decimals = uint(&root, "/token/decimals")?.unwrap_or(18);
    if decimals > 36 {
        return Err(IntakeError::at_pointer(ErrorCode::GovernorParam, "/token/decimals", "at most 36 decimals"));
    }
    let decimals = decimals as u32;
    let supply_base = match uint(&root, "/token/totalSupply")? {
        Some(s) => s,
        None => {
            let tokens = source::ask_number(
                answers,
                &mut questions,
                &mut gaps,
                ("total_supply", "What is the voting token's total supply, in whole tokens?", None),
                "/members/population/weight",
            )?;
            source::tokens_to_base(tokens, decimals).and_then(|s| s.parse().ok()).unwrap_or(u128::MAX)
        }
    };
    if supply_base == 0 {
        return Err(IntakeError::at_pointer(ErrorCode::GovernorParam, "/token/totalSupply", "the total supply is 0"));
    }
    let (supply_tokens, _) = base_to_tokens(supply_base, decimals);
    let threshold_base = required_uint(&root, "/governor/proposalThreshold")?;
    let (threshold_tokens, exact) = base_to_tokens(threshold_base, decimals);
    if !exact {
        gaps.push(Gap::new(
            GapCode::Rounded,
            "/decision_types/0/proposal_threshold/min_weight",
            format!("proposalThreshold {threshold_base} base units is held as {threshold_tokens} tokens"),
        ));
    }
    let quorum = match (uint(&root, "/governor/quorumNumerator")?, uint(&root, "/governor/quorum")?) {
        (Some(num), _) => {
            let den = uint(&root, "/governor/quorumDenominator")?.unwrap_or(100);
            if den == 0 || num > den {
                return Err(IntakeError::at_pointer(
                    ErrorCode::GovernorParam,
                    "/governor/quorumNumerator",
                    format!("quorum {num}/{den} is not a share from 0 to 1"),
                ));
            }
            num as f64 / den as f64
        }
        (None, Some(q)) => {
            if q > supply_base {
                return Err(IntakeError::at_pointer(
                    ErrorCode::GovernorParam,
                    "/governor/quorum",
                    "the quorum exceeds the total supply",
                ));
            }
            gaps.push(Gap::new(
                GapCode::BravoQuorumShare,
                "/decision_types/0/quorum",
                format!("quorum {q} base units out of a supply of {supply_base}: the share changes with the supply"),
            ));
            base_to_tokens(q, decimals).0 / base_to_tokens(supply_base, decimals).0
        }
        (None, None) => {
            return Err(IntakeError::at_pointer(
                ErrorCode::GovernorParam,
                "/governor/quorumNumerator",
                "the quorum is required: quorumNumerator (and quorumDenominator) or an absolute quorum",
            ));
        }
    };
    let counting = counting(string(&root, "/governor/countingMode")?, &mut gaps)?;
    let voting_delay = fit_u64(required_uint(&root, "/governor/votingDelay")?, "/governor/votingDelay")?;
    let voting_period = fit_u64(required_uint(&root, "/governor/votingPeriod")?, "/governor/votingPeriod")?;
    if voting_period == 0 {
        return Err(IntakeError::at_pointer(
            ErrorCode::GovernorParam,
            "/governor/votingPeriod",
            "a voting period of 0 cannot pass anything",
        ));
    }
    let late = uint(&root, "/governor/lateQuorumVoteExtension")?
        .map(|v| fit_u64(v, "/governor/lateQuorumVoteExtension"))
        .transpose()?
        .filter(|v| *v > 0);
    let min_delay = fit_u64(uint(&root, "/timelock/minDelay")?.unwrap_or(0), "/timelock/minDelay")?;
    let timelock = match block_time {
        None => min_delay,
        Some(t) => {
            let blocks = (min_delay as f64 / t).round();
            if blocks * t != min_delay as f64 {
                gaps.push(Gap::new(
                    GapCode::Rounded,
                    "/decision_types/0/timelock",
                    format!("timelock minDelay {min_delay} s is {blocks} blocks of {t} s"),
                ));
            }
            blocks as u64
        }
    };
    let governor = string(&root, "/governor/address")?.map(str::to_ascii_lowercase);
    let not_governor = |list: Option<Vec<String>>| -> Vec<String> {
        list.unwrap_or_default()
            .into_iter()
            .filter(|a| a != "$governor" && Some(a.to_ascii_lowercase()) != governor)
            .collect()
    };
    let cancellers = not_governor(strings(&root, "/timelock/cancellers")?).len();
    let executors = strings(&root, "/timelock/executors")?;
    let open =
        |list: &[String]| list.is_empty() || list.iter().any(|a| a.trim_start_matches("0x").chars().all(|c| c == '0'));
    let executors = match executors {
        Some(list) if !open(&list) => Some(not_governor(Some(list)).len()).filter(|n| *n > 0),
        _ => None,
    };
    let (holders, turnout) = source::population(answers, &mut questions, &mut gaps, supply_tokens, threshold_tokens)?;
    let gco = source::build(&Parsed {
        name,
        block_time,
        voting_delay,
        voting_period,
        threshold_tokens,
        quorum,
        quorum_counting: counting.quorum,
        approval: counting.approval,
        absolute_threshold: counting.absolute,
        late_quorum_extension: late,
        timelock,
        cancellers,
        executors,
        supply_tokens,
        holders,
        turnout,
    })?;
    Ok(Imported { gco, gaps, questions })
}

/// What a `COUNTING_MODE()` string says.
struct Counting {
    quorum: &'static str,
    approval: f64,
    absolute: Option<f64>,
}

/// Reads `COUNTING_MODE()`: OpenZeppelin's `support=bravo&quorum=for,abstain`, and the
/// `approval=N/D` and `absolute=N/D` keys CoGov's generated counting adds.
fn counting(mode: Option<&str>, gaps: &mut Vec<Gap>) -> Result<Counting, IntakeError> {
    let mode = mode.unwrap_or("support=bravo&quorum=for,abstain");
    let mut out = Counting { quorum: "for_abstain", approval: 0.5, absolute: None };
    let mut approval_stated = false;
    let ratio = |v: &str| -> Result<f64, IntakeError> {
        let bad =
            || IntakeError::at_pointer(ErrorCode::GovernorParam, "/governor/countingMode", format!("`{v}` is not N/D"));
        let (n, d) = v.split_once('/').ok_or_else(bad)?;
        let (n, d): (u64, u64) = (n.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
        if d == 0 || n > d {
            return Err(bad());
        }
        Ok(n as f64 / d as f64)
    };
    for part in mode.split('&') {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        match (key, value) {
            ("support", "bravo") => {}
            ("quorum", q) => {
                let mut kinds: Vec<&str> = q.split(',').collect();
                kinds.sort_unstable();
                out.quorum = match kinds.as_slice() {
                    ["for"] => "for_only",
                    ["abstain", "for"] => "for_abstain",
                    ["abstain", "against", "for"] => "all_cast",
                    _ => {
                        gaps.push(Gap::new(
                            GapCode::GovernorCountingUnknown,
                            "/decision_types/0/quorum_counting",
                            format!("quorum counting `{q}` is not one CoGov reads: for + abstain assumed"),
                        ));
                        "for_abstain"
                    }
                }
            }
            ("approval", v) => {
                out.approval = ratio(v)?;
                approval_stated = true;
            }
            ("absolute", v) => out.absolute = Some(ratio(v)?),
            _ => gaps.push(Gap::new(
                GapCode::GovernorCountingUnknown,
                "/decision_types/0/approval",
                format!("counting mode `{mode}` has `{part}`, which CoGov does not read: simple counting assumed"),
            )),
        }
    }
    if !approval_stated {
        gaps.push(Gap::new(
            GapCode::StrictMajority,
            "/decision_types/0/approval",
            "simple counting passes when for > against; held as approval 0.5, where a tie passes",
        ));
    }
    Ok(out)
}

/// One Governor as the export writes it: every value in the contract's own units.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    /// The decision type.
    pub dt: &'a DecisionType,
    /// Where the decision type is in the design.
    pub pointer: String,
    /// The Solidity contract name.
    pub contract: String,
    /// The Governor's `name()`.
    pub name: String,
    /// Voting delay in the token's clock units.
    pub voting_delay: u64,
    /// Voting period in the token's clock units.
    pub voting_period: u64,
    /// Proposal threshold in base units (18 decimals).
    pub threshold: String,
    /// Quorum numerator and denominator.
    pub quorum: (u128, u128),
    /// Which votes count toward the quorum.
    pub counting: QuorumCounting,
    /// Approval numerator and denominator.
    pub approval: (u128, u128),
    /// Absolute threshold numerator and denominator.
    pub absolute: Option<(u128, u128)>,
    /// Late-quorum extension in clock units.
    pub late: Option<u64>,
    /// Timelock minDelay in seconds.
    pub min_delay: u64,
    /// The timelock's cancellers besides the governor (placeholders `role:<id>/<n>`).
    pub cancellers: Vec<String>,
    /// The timelock's executors (empty: anyone).
    pub executors: Vec<String>,
}

impl Plan<'_> {
    /// The `COUNTING_MODE()` the generated counting reports.
    pub fn counting_mode(&self) -> String {
        let quorum = match self.counting {
            QuorumCounting::ForOnly => "for",
            QuorumCounting::ForAbstain => "for,abstain",
            QuorumCounting::AllCast => "for,against,abstain",
        };
        let mut mode = format!("support=bravo&quorum={quorum}&approval={}/{}", self.approval.0, self.approval.1);
        if let Some((n, d)) = self.absolute {
            mode.push_str(&format!("&absolute={n}/{d}"));
        }
        mode
    }
}

/// Whether the token reads a timestamp clock (else block numbers).
fn is_time(clock: &Clock) -> bool {
    matches!(clock, Clock::Time)
}

/// Placeholders for the holders of a role: one per seat (`role:<id>/<n>`), or `role:<id>`.
fn role_accounts(gco: &Gco, role: &str) -> Vec<String> {
    match gco.role(role).and_then(|r| r.seats) {
        Some(n) if n > 1 => (1..=n.min(64)).map(|i| format!("role:{role}/{i}")).collect(),
        _ => vec![format!("role:{role}")],
    }
}

/// The Solidity contract name of a decision type.
fn contract_name(id: &str, taken: &[String]) -> String {
    let mut name: String = id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'D');
    }
    name.push_str("Governor");
    let base = name.clone();
    let mut i = 2;
    while taken.contains(&name) {
        name = format!("{base}{i}");
        i += 1;
    }
    name
}

/// Converts a duration of `dt`'s clock into the token's clock units, noting any rounding.
fn to_token_units(
    value: u64,
    dt_clock: &Clock,
    token_time: bool,
    block_time: f64,
    pointer: &str,
    gaps: &mut Vec<Gap>,
) -> u64 {
    let converted = match (is_time(dt_clock), token_time) {
        (true, true) | (false, false) => return value,
        (true, false) => value as f64 / block_time,
        (false, true) => value as f64 * block_time,
    };
    let rounded = converted.round();
    if rounded != converted {
        gaps.push(Gap::new(
            GapCode::Rounded,
            pointer,
            format!("{value} on the decision type's clock is {converted}, held as {rounded}"),
        ));
    }
    rounded as u64
}

/// Writes a design as OpenZeppelin Governor and TimelockController, with the gaps the target cannot hold.
pub fn export(gco: &Gco) -> Result<Exported, IntakeError> {
    let Some(first) = gco.decision_types.first() else {
        return Err(IntakeError::at_pointer(
            ErrorCode::GovernorNothingToExport,
            "/decision_types",
            "the design has no decision type",
        ));
    };
    let mut gaps = Vec::new();
    let token_time = is_time(&first.clock);
    let stated_block_time = gco.decision_types.iter().find_map(|d| match d.clock {
        Clock::Blocks { block_time } => block_time,
        Clock::Time => None,
    });
    let uses_blocks = gco.decision_types.iter().any(|d| !is_time(&d.clock));
    if uses_blocks && stated_block_time.is_none() {
        gaps.push(Gap::new(
            GapCode::GovernorBlockTime,
            "/decision_types/0/clock",
            format!("no block time stated: {DEFAULT_BLOCK_TIME} s assumed to write the timelock's seconds"),
        ));
    }
    let block_time = stated_block_time.filter(|t| *t > 0.0).unwrap_or(DEFAULT_BLOCK_TIME);
    let mut plans: Vec<Plan> = Vec::new();
    for (i, dt) in gco.decision_types.iter().enumerate() {
        let p = format!("/decision_types/{i}");
        if is_time(&dt.clock) != token_time {
            gaps.push(Gap::new(
                GapCode::GovernorMixedClocks,
                format!("{p}/clock"),
                format!(
                    "`{}` runs on a {} clock but the token's clock is {}: its durations are converted with {block_time} s blocks",
                    dt.id,
                    if is_time(&dt.clock) { "time" } else { "block" },
                    if token_time { "the timestamp" } else { "the block number" }
                ),
            ));
        }
        let voting_delay =
            to_token_units(dt.voting_delay, &dt.clock, token_time, block_time, &format!("{p}/voting_delay"), &mut gaps);
        let voting_period = to_token_units(
            dt.voting_period,
            &dt.clock,
            token_time,
            block_time,
            &format!("{p}/voting_period"),
            &mut gaps,
        );
        if voting_delay > (1u64 << 48) - 1 {
            return Err(IntakeError::at_pointer(
                ErrorCode::GovernorValueTooLarge,
                format!("{p}/voting_delay"),
                "exceeds uint48",
            ));
        }
        if voting_period == 0 || voting_period > u64::from(u32::MAX) {
            return Err(IntakeError::at_pointer(
                ErrorCode::GovernorValueTooLarge,
                format!("{p}/voting_period"),
                format!("a Governor's voting period is a uint32 above 0, not {voting_period}"),
            ));
        }
        let late = dt.late_quorum_extension.filter(|e| *e > 0).map(|e| {
            to_token_units(e, &dt.clock, token_time, block_time, &format!("{p}/late_quorum_extension"), &mut gaps)
        });
        if late.is_some_and(|e| e > (1u64 << 48) - 1) {
            return Err(IntakeError::at_pointer(
                ErrorCode::GovernorValueTooLarge,
                format!("{p}/late_quorum_extension"),
                "exceeds uint48",
            ));
        }
        let min_delay = match dt.clock {
            Clock::Time => dt.timelock,
            Clock::Blocks { .. } => {
                let secs = dt.timelock as f64 * block_time;
                if secs.round() != secs {
                    gaps.push(Gap::new(
                        GapCode::Rounded,
                        format!("{p}/timelock"),
                        format!("{} blocks of {block_time} s are {secs} s, held as {} s", dt.timelock, secs.round()),
                    ));
                }
                secs.round() as u64
            }
        };
        let threshold = source::tokens_to_base(dt.proposal_threshold.min_weight, 18).unwrap_or_else(|| {
            let rounded = format!("{:.18}", dt.proposal_threshold.min_weight);
            gaps.push(Gap::new(
                GapCode::Rounded,
                format!("{p}/proposal_threshold/min_weight"),
                format!("{} tokens held to 18 decimals as {rounded}", dt.proposal_threshold.min_weight),
            ));
            source::tokens_to_base(rounded.parse().unwrap_or(0.0), 18).unwrap_or_else(|| "0".into())
        });
        let (qn, qd, q_exact) = fraction(dt.quorum, 100);
        if !q_exact {
            gaps.push(Gap::new(
                GapCode::Rounded,
                format!("{p}/quorum"),
                format!("quorum {} held as {qn}/{qd}", dt.quorum),
            ));
        }
        let (an, ad, a_exact) = fraction(dt.approval, 1);
        if !a_exact {
            gaps.push(Gap::new(
                GapCode::Rounded,
                format!("{p}/approval"),
                format!("approval {} held as {an}/{ad}", dt.approval),
            ));
        }
        let absolute = dt.absolute_threshold.map(|a| {
            let (n, d, exact) = fraction(a, 1);
            if !exact {
                gaps.push(Gap::new(
                    GapCode::Rounded,
                    format!("{p}/absolute_threshold"),
                    format!("{a} held as {n}/{d}"),
                ));
            }
            (n, d)
        });
        let mut cancellers = Vec::new();
        for (j, v) in dt.veto.iter().enumerate() {
            match v {
                VetoHolder::Guardian { role } | VetoHolder::Council { role } => {
                    cancellers.extend(role_accounts(gco, role))
                }
                VetoHolder::TokenHolders { threshold } => gaps.push(Gap::new(
                    GapCode::GovernorTokenHolderVeto,
                    format!("{p}/veto/{j}"),
                    format!("token holders holding {threshold} of the weight may veto `{}`", dt.id),
                )),
            }
        }
        // GovernorTimelockControl executes through the timelock itself, so the timelock's
        // executors stay open: signers after the vote have no place in these contracts.
        let executors: Vec<String> = Vec::new();
        if let Some(s) = &dt.signers {
            gaps.push(Gap::new(
                GapCode::GovernorSigners,
                format!("{p}/signers"),
                format!(
                    "{} of the `{}` holders must sign: the Governor executes through its timelock without them",
                    s.required, s.role
                ),
            ));
        }
        if dt.vote_change_allowed == Some(true) {
            gaps.push(Gap::new(
                GapCode::GovernorVoteChange,
                format!("{p}/vote_change_allowed"),
                format!("`{}` lets voters change their vote", dt.id),
            ));
        }
        if !dt.proposal_threshold.roles.is_empty() {
            gaps.push(Gap::new(
                GapCode::GovernorProposerRoles,
                format!("{p}/proposal_threshold/roles"),
                format!("only {} may propose `{}`", dt.proposal_threshold.roles.join(", "), dt.id),
            ));
        }
        if !dt.powers.is_empty() && !dt.powers.contains(&Power::ArbitraryExecution) {
            let kinds: Vec<_> = dt.powers.iter().map(Power::as_str).collect();
            gaps.push(Gap::new(
                GapCode::GovernorPowers,
                format!("{p}/powers"),
                format!("`{}` may only: {}", dt.id, kinds.join(", ")),
            ));
        }
        if let Some(s) = dt.super_quorum {
            gaps.push(Gap::new(
                GapCode::GovernorSuperQuorum,
                format!("{p}/super_quorum"),
                format!("super-quorum {s} not generated"),
            ));
        }
        let taken: Vec<String> = plans.iter().map(|pl| pl.contract.clone()).collect();
        plans.push(Plan {
            dt,
            pointer: p,
            contract: contract_name(&dt.id, &taken),
            name: dt.name.clone().unwrap_or_else(|| dt.id.clone()),
            voting_delay,
            voting_period,
            threshold,
            quorum: (qn, qd),
            counting: dt.quorum_counting.unwrap_or(QuorumCounting::ForAbstain),
            approval: (an, ad),
            absolute,
            late,
            min_delay,
            cancellers,
            executors,
        });
    }
    design_gaps(gco, &mut gaps);
    let holders = holders(gco, &mut gaps);
    let mut files = solidity::files(gco, &plans, token_time);
    files.push(json_file("deploy.json", &deploy_json(gco, &plans, token_time, &holders)));
    let all_cases: Vec<cases::Case> = plans
        .iter()
        .flat_map(|pl| {
            let reserved = pl.threshold.parse::<u128>().map(|t| (t / 10u128.pow(18)) as u64 + 1).unwrap_or(0);
            cases::cases(pl.dt, reserved)
        })
        .collect();
    files.push(json_file("cases.json", &json!({"supply_tokens": cases::PROOF_SUPPLY, "cases": all_cases})));
    let supply = total_supply(gco);
    for pl in &plans {
        files.push(json_file(&format!("params/{}.json", pl.dt.id), &params_json(pl, token_time, supply.as_deref())));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Exported { files, gaps })
}

/// The token's initial holders: explicit members with weight, in base units.
fn holders(gco: &Gco, gaps: &mut Vec<Gap>) -> Vec<(String, String)> {
    if gco.members.population.is_some() {
        gaps.push(Gap::new(
            GapCode::GovernorMembers,
            "/members/population",
            "a generated population is not a token distribution: deploy.json lists the explicit members only",
        ));
    }
    let mut out = Vec::new();
    for (i, m) in gco.members.explicit.iter().enumerate() {
        if m.weight <= 0.0 {
            continue;
        }
        match source::tokens_to_base(m.weight, 18) {
            Some(b) => out.push((m.id.clone(), b)),
            None => gaps.push(Gap::new(
                GapCode::Rounded,
                format!("/members/explicit/{i}/weight"),
                format!("weight {} has more than 18 decimals", m.weight),
            )),
        }
    }
    out
}

/// The total supply in base units, when the design's weights give it exactly.
fn total_supply(gco: &Gco) -> Option<String> {
    let explicit: f64 = gco.members.explicit.iter().map(|m| m.weight).sum();
    let generated = match &gco.members.population {
        None => 0.0,
        Some(p) => match p.weight {
            cogov_model::Distribution::Constant { value } => {
                let total = value * f64::from(p.count);
                if total / f64::from(p.count) != value {
                    return None;
                }
                total
            }
            _ => return None,
        },
    };
    source::tokens_to_base(explicit + generated, 18)
}

/// Gaps for the parts of the design a Governor and timelock do not govern.
fn design_gaps(gco: &Gco, gaps: &mut Vec<Gap>) {
    let outside = |p: &str, what: &str| Gap::new(GapCode::GovernorOutsideScope, p, what.to_owned());
    if gco.treasury.is_some() {
        gaps.push(outside("/treasury", "treasury categories, authorisation tiers and spending limits"));
    }
    if gco.escalation.as_ref().is_some_and(|e| !e.levels.is_empty()) {
        gaps.push(outside("/escalation", "the escalation ladder"));
    }
    if gco.constitution.is_some() {
        gaps.push(outside("/constitution", "the constitution's articles and amendment rules"));
    }
    if gco.incentives.as_ref().is_some_and(|i| i.enabled || !i.mechanisms.is_empty()) {
        gaps.push(outside("/incentives", "the incentive mechanisms"));
    }
    if gco.composition.is_some() {
        gaps.push(outside("/composition", "the composition's citizens, organisms and services"));
    }
    if gco.mesh.is_some() {
        gaps.push(outside("/mesh", "the governance mesh"));
    }
    if !gco.resources.is_empty() {
        gaps.push(outside("/resources", "the custom resources"));
    }
    let expressed = [Action::Vote, Action::Propose, Action::Delegate, Action::View, Action::Veto, Action::Execute];
    let roles: Vec<&str> = gco
        .roles
        .iter()
        .filter(|r| {
            r.permissions.iter().any(|p| !expressed.contains(&p.action))
                || r.term.is_some()
                || r.election_method.is_some()
                || r.eligibility != Default::default()
        })
        .map(|r| r.id.as_str())
        .collect();
    if !roles.is_empty() {
        gaps.push(outside(
            "/roles",
            &format!("the permissions, terms, elections and eligibility of roles {}", roles.join(", ")),
        ));
    }
    if let Some(d) = &gco.delegation {
        let mut why = Vec::new();
        if !d.allowed {
            why.push("the design forbids delegation, ERC20Votes always allows it".to_owned());
        }
        if d.max_depth > 1 {
            why.push(format!("re-delegation up to depth {}", d.max_depth));
        }
        if d.edges.iter().any(|e| e.share < 1.0 || !e.decision_types.is_empty()) {
            why.push("partial or per-decision-type delegations".to_owned());
        }
        if !why.is_empty() {
            gaps.push(Gap::new(GapCode::GovernorDelegation, "/delegation", why.join("; ")));
        }
    }
    let snapshot = gco.voting_weight.as_ref().and_then(|w| w.weight_snapshot);
    if let Some(s) = snapshot.filter(|s| *s != cogov_model::WeightSnapshot::VoteStart) {
        gaps.push(Gap::new(
            GapCode::NoPlaceInTarget,
            "/voting_weight/weight_snapshot",
            format!("a Governor reads weight when voting starts, the design reads it at `{}`", s.as_str()),
        ));
    }
}

/// The clock mode string of the token.
fn clock_mode(token_time: bool) -> &'static str {
    if token_time { "mode=timestamp" } else { "mode=blocknumber&from=default" }
}

/// `deploy.json`: the constructor parameters of every contract, in deployment order.
fn deploy_json(gco: &Gco, plans: &[Plan], token_time: bool, holders: &[(String, String)]) -> Value {
    let governors: Vec<Value> = plans
        .iter()
        .map(|pl| {
            let mut cancellers = vec!["$governor".to_owned()];
            cancellers.extend(pl.cancellers.iter().cloned());
            json!({
                "decision_type": pl.dt.id,
                "timelock": {
                    "contract": "TimelockController",
                    "source": "contracts/Timelock.sol",
                    "constructor": {
                        "minDelay": pl.min_delay.to_string(),
                        "proposers": [],
                        "executors": if pl.executors.is_empty() { vec!["0x0000000000000000000000000000000000000000".to_owned()] } else { pl.executors.clone() },
                        "admin": "$deployer",
                    },
                    "grant_after_governor": {"PROPOSER_ROLE": ["$governor"], "CANCELLER_ROLE": cancellers},
                    "renounce": {"DEFAULT_ADMIN_ROLE": "$deployer"},
                },
                "governor": {
                    "contract": pl.contract,
                    "source": format!("contracts/{}.sol", pl.contract),
                    "constructor": {"token": "$token", "timelock": "$timelock"},
                    "settings": {
                        "name": pl.name,
                        "votingDelay": pl.voting_delay.to_string(),
                        "votingPeriod": pl.voting_period.to_string(),
                        "proposalThreshold": pl.threshold,
                        "quorumNumerator": pl.quorum.0.to_string(),
                        "quorumDenominator": pl.quorum.1.to_string(),
                        "countingMode": pl.counting_mode(),
                        "lateQuorumVoteExtension": pl.late.map(|e| e.to_string()),
                    },
                },
            })
        })
        .collect();
    json!({
        "design": {"name": gco.identity.name, "version": gco.identity.version.to_string(), "fingerprint": gco.fingerprint()},
        "placeholders": {
            "$deployer": "the deploying account (renounces the timelock admin role once roles are granted)",
            "$token": "the ERC20Votes token's address",
            "$timelock": "this decision type's TimelockController's address",
            "$governor": "this decision type's Governor's address",
            "role:<id>[/<n>]": "the account (or Safe) of a holder of the design's role",
        },
        "token": {
            "contract": "CogovProofToken",
            "source": "contracts/CogovProofToken.sol",
            "proof_only": true,
            "note": "a minimal ERC20Votes for the proof and for tests: deploy your own token and pass its address as $token",
            "clockMode": clock_mode(token_time),
            "decimals": 18,
            "constructor": {
                "holders": holders.iter().map(|(m, _)| format!("member:{m}")).collect::<Vec<_>>(),
                "amounts": holders.iter().map(|(_, a)| a.clone()).collect::<Vec<_>>(),
            },
        },
        "governors": governors,
    })
}

/// `params/<id>.json`: a Governor's parameters in the import format.
fn params_json(pl: &Plan, token_time: bool, supply: Option<&str>) -> Value {
    let mut governor = json!({
        "name": pl.name,
        "votingDelay": pl.voting_delay.to_string(),
        "votingPeriod": pl.voting_period.to_string(),
        "proposalThreshold": pl.threshold,
        "quorumNumerator": pl.quorum.0.to_string(),
        "quorumDenominator": pl.quorum.1.to_string(),
        "clockMode": clock_mode(token_time),
        "countingMode": pl.counting_mode(),
    });
    if let Some(e) = pl.late {
        governor["lateQuorumVoteExtension"] = json!(e.to_string());
    }
    let mut cancellers = vec!["$governor".to_owned()];
    cancellers.extend(pl.cancellers.iter().cloned());
    let mut token = json!({"decimals": 18});
    if let Some(s) = supply {
        token["totalSupply"] = json!(s);
    }
    json!({
        "governor": governor,
        "timelock": {"minDelay": pl.min_delay.to_string(), "proposers": ["$governor"], "cancellers": cancellers, "executors": pl.executors},
        "token": token,
    })
}

/// A JSON file with sorted keys and a final newline.
fn json_file(path: &str, value: &Value) -> ExportFile {
    // serde_json's map is a BTreeMap here (no preserve_order), so keys come out sorted.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    ExportFile { path: path.to_owned(), bytes: text.into_bytes() }
}
