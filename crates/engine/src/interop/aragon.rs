//! Aragon OSx Token Voting and Multisig plugin settings (release 1, build 3 of each plugin).
//!
//! Export: every decision type is a Token Voting install (`token-voting/<id>.json`, its settings
//! as readable JSON named as the plugin's build metadata names them, and
//! `token-voting/<id>.install-data.hex`, the `prepareInstallation` data ABI-encoded against that
//! metadata); a decision type with signers also gets a Multisig install of the signer role's
//! holders. Ratios are parts per million (`RATIO_BASE = 10^6`). Import: one such settings file.

use super::safe::{Addr, abi, base_units, holders, member_address, placeholder, population_holds};
use super::{Answers, ExportFile, Exported, Gap, Imported, Question};
use crate::error::IntakeError;
use abi::{Token, hex0x, parse_address};
use cogov_model::{
    Action, Clock, DecisionType, ErrorCode, GapCode, Gco, Identity, Member, Members, Permission, ProposalThreshold,
    QuorumCounting, Resource, Role, Signers,
};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// Aragon's ratio base: ratios are integers out of 10^6.
const RATIO_BASE: f64 = 1_000_000.0;
/// Token Voting's bounds on the minimum duration: 1 hour to 365 days.
const MIN_DURATION: u64 = 3_600;
const MAX_DURATION: u64 = 365 * 86_400;
/// The governance token's decimals (GovernanceERC20 has 18).
const TOKEN_DECIMALS: u32 = 18;
const MAX_MEMBERS: usize = 10_000;
const ZERO: [u8; 20] = [0; 20];
const MODES: [&str; 3] = ["Standard", "EarlyExecution", "VoteReplacement"];

/// A ratio in [0, 1] as parts per million, and whether that is exact.
fn ppm(x: f64) -> (u32, bool) {
    let v = (x * RATIO_BASE).round();
    (v.clamp(0.0, RATIO_BASE) as u32, (v - x * RATIO_BASE).abs() < 1e-6)
}

/// Seconds of a decision type's voting period, and whether that is exact.
fn seconds(d: &DecisionType) -> (u64, bool) {
    match d.clock {
        Clock::Time => (d.voting_period, true),
        Clock::Blocks { block_time } => {
            let s = d.voting_period as f64 * block_time.unwrap_or(12.0);
            (s.round() as u64, s.fract() == 0.0 && block_time.is_some())
        }
    }
}

/// A short upper-case token symbol from the design's name (`token-dao` → `TD`).
fn symbol(name: &str) -> String {
    let s: String = name.split(['-', ' ', '_']).filter_map(|w| w.chars().next()).collect();
    s.to_ascii_uppercase().chars().take(6).collect()
}

/// The token's address: a `token-0x…` resource (what the import writes), else none (a new token).
fn declared_token(gco: &Gco) -> Option<[u8; 20]> {
    gco.resources.iter().find_map(|r| r.id.strip_prefix("token-").and_then(parse_address))
}

/// Writes one Token Voting install per decision type and a Multisig install per signer set.
pub fn export(gco: &Gco) -> Result<Exported, IntakeError> {
    let mut gaps = Vec::new();
    let mut files = Vec::new();
    let design = &gco.identity.name;
    let token_name = gco.identity.display_name.clone().unwrap_or_else(|| design.clone());
    let declared = declared_token(gco);
    // The first decision type's install deploys and mints the token; the others name it.
    let later_token =
        declared.map(|bytes| Addr { bytes, placeholder: false }).unwrap_or_else(|| placeholder(design, "token"));
    let mut receivers = Vec::new();
    let mut amounts = Vec::new();
    let mut placeholders = BTreeSet::new();
    for (i, m) in gco.members.explicit.iter().enumerate() {
        if m.weight <= 0.0 {
            continue;
        }
        let a = member_address(gco, m);
        if a.placeholder {
            placeholders.insert(m.id.clone());
        }
        let (units, exact) = base_units(m.weight, TOKEN_DECIMALS);
        if !exact {
            gaps.push(Gap::new(
                GapCode::Rounded,
                format!("/members/explicit/{i}/weight"),
                format!("weight {} is {units} token units", m.weight),
            ));
        }
        receivers.push(a);
        amounts.push(units);
    }
    if gco.members.population.is_some() {
        gaps.push(Gap::new(
            GapCode::AragonDomainNotHeld,
            "/members/population",
            "generated members have no addresses: the token is minted to the listed members only",
        ));
    }

    let mut minter: Option<String> = None;
    for (i, d) in gco.decision_types.iter().enumerate() {
        let at = format!("/decision_types/{i}");
        // A decision type that is nothing but its signers is a Multisig alone: no token vote.
        if let Some(s) = d.signers.as_ref().filter(|s| is_signers_only(gco, d, s)) {
            multisig(gco, d, s, &at, &mut files, &mut gaps, &mut placeholders);
            continue;
        }
        let (mut support, exact_s) = ppm(d.approval);
        if support >= 1_000_000 {
            // Support must exceed the threshold, so the highest is 999999: unanimity to 1 ppm.
            support = 999_999;
            gaps.push(Gap::new(
                GapCode::Rounded,
                format!("{at}/approval"),
                format!("approval {} is written as support above 999999/10^6", d.approval),
            ));
        }
        let (participation, exact_p) = ppm(d.quorum);
        if !exact_s || !exact_p {
            gaps.push(Gap::new(
                GapCode::Rounded,
                &at,
                format!(
                    "quorum {} and approval {} are {participation} and {support} parts per million",
                    d.quorum, d.approval
                ),
            ));
        }
        gaps.push(Gap::new(
            GapCode::AragonSupportStrict,
            format!("{at}/approval"),
            format!(
                "`{}` passes on yes ≥ {} of the votes cast; Aragon on yes/(yes+no) > {support}/10^6 (a tie at the threshold fails, abstentions do not count against)",
                d.id, d.approval
            ),
        ));
        let counting = d.quorum_counting.unwrap_or(QuorumCounting::ForAbstain);
        if counting != QuorumCounting::AllCast && d.quorum > 0.0 {
            gaps.push(Gap::new(
                GapCode::AragonParticipation,
                format!("{at}/quorum"),
                format!(
                    "`{}` counts {counting:?} votes towards quorum {}; Aragon counts yes, no and abstain",
                    d.id, d.quorum
                ),
            ));
        }
        let (mut duration, exact_d) = seconds(d);
        if !exact_d {
            gaps.push(Gap::new(
                GapCode::Rounded,
                format!("{at}/voting_period"),
                format!("{} blocks are taken as {duration} seconds", d.voting_period),
            ));
        }
        if !(MIN_DURATION..=MAX_DURATION).contains(&duration) {
            let clamped = duration.clamp(MIN_DURATION, MAX_DURATION);
            gaps.push(Gap::new(
                GapCode::AragonDuration,
                format!("{at}/voting_period"),
                format!("{duration} s is outside 3600..=31536000: {clamped} s is written"),
            ));
            duration = clamped;
        }
        let mut not_held = Vec::new();
        if d.voting_delay > 0 {
            not_held.push(format!("voting delay {}", d.voting_delay));
        }
        if d.timelock > 0 {
            not_held.push(format!("timelock {}", d.timelock));
        }
        if !d.veto.is_empty() {
            not_held.push(format!("{} veto holder(s)", d.veto.len()));
        }
        if let Some(x) = d.late_quorum_extension {
            not_held.push(format!("late-quorum extension {x}"));
        }
        if let Some(x) = d.super_quorum {
            not_held.push(format!("super quorum {x}"));
        }
        if let Some(x) = d.exit_window {
            not_held.push(format!("exit window {x}"));
        }
        if !d.proposal_threshold.roles.is_empty() {
            not_held.push(format!("proposer roles {}", d.proposal_threshold.roles.join(", ")));
        }
        if !not_held.is_empty() {
            gaps.push(Gap::new(GapCode::AragonNotHeld, &at, format!("`{}`: {}", d.id, not_held.join(", "))));
        }
        let mode = if d.vote_change_allowed == Some(true) { "VoteReplacement" } else { "Standard" };
        let (proposer_power, exact_pp) = base_units(d.proposal_threshold.min_weight, TOKEN_DECIMALS);
        if !exact_pp {
            gaps.push(Gap::new(
                GapCode::Rounded,
                format!("{at}/proposal_threshold/min_weight"),
                "rounded to token units",
            ));
        }
        let (min_approval, exact_a) = ppm(d.absolute_threshold.unwrap_or(0.0));
        if !exact_a {
            gaps.push(Gap::new(
                GapCode::Rounded,
                format!("{at}/absolute_threshold"),
                format!("{min_approval} parts per million"),
            ));
        }
        let first = minter.is_none() && declared.is_none();
        if first {
            minter = Some(d.id.clone());
        }
        let (token, mint_to, mint): (Addr, &[Addr], &[u128]) = if first {
            (Addr { bytes: ZERO, placeholder: false }, receivers.as_slice(), amounts.as_slice())
        } else {
            (later_token.clone(), &[], &[])
        };
        if !first && declared.is_none() {
            gaps.push(Gap::new(
                GapCode::AragonPlaceholderAddress,
                &at,
                format!(
                    "`{}` votes with the token `{}`'s install deploys: its address is a placeholder here",
                    d.id, gco.decision_types[0].id
                ),
            ));
        }
        let settings = json!({
            "plugin": "token-voting",
            "release": 1,
            "build": 3,
            "decisionType": d.id,
            "votingSettings": {
                "votingMode": mode,
                "supportThreshold": support,
                "minParticipation": participation,
                "minDuration": duration,
                "minProposerVotingPower": proposer_power.to_string(),
            },
            "tokenSettings": { "token": token.text(), "name": if first { token_name.clone() } else { String::new() }, "symbol": if first { symbol(&token_name) } else { String::new() } },
            "mintSettings": {
                "receivers": mint_to.iter().map(Addr::text).collect::<Vec<_>>(),
                "amounts": mint.iter().map(u128::to_string).collect::<Vec<_>>(),
            },
            "TargetConfig": { "target": hex0x(&ZERO), "operation": 0 },
            "minApproval": min_approval.to_string(),
            "metadata": "0x",
        });
        let data = abi::encode(&[
            Token::Tuple(vec![
                Token::Uint(MODES.iter().position(|m| *m == mode).unwrap_or(0) as u128),
                Token::Uint(u128::from(support)),
                Token::Uint(u128::from(participation)),
                Token::Uint(u128::from(duration)),
                Token::Uint(proposer_power),
            ]),
            Token::Tuple(vec![
                Token::Address(token.bytes),
                Token::String(settings["tokenSettings"]["name"].as_str().unwrap_or_default().to_owned()),
                Token::String(settings["tokenSettings"]["symbol"].as_str().unwrap_or_default().to_owned()),
            ]),
            Token::Tuple(vec![
                Token::Array(mint_to.iter().map(|a| Token::Address(a.bytes)).collect()),
                Token::Array(mint.iter().map(|a| Token::Uint(*a)).collect()),
            ]),
            Token::Tuple(vec![Token::Address(ZERO), Token::Uint(0)]),
            Token::Uint(u128::from(min_approval)),
            Token::Bytes(vec![]),
        ]);
        files.push(json_file(&format!("token-voting/{}.json", d.id), &settings));
        files.push(ExportFile {
            path: format!("token-voting/{}.install-data.hex", d.id),
            bytes: format!("{}\n", hex0x(&data)).into_bytes(),
        });

        if let Some(s) = &d.signers {
            multisig(gco, d, s, &at, &mut files, &mut gaps, &mut placeholders);
        }
    }
    if !placeholders.is_empty() {
        gaps.push(Gap::new(
            GapCode::AragonPlaceholderAddress,
            "/members/explicit",
            format!(
                "{} member(s) have no Ethereum address as id ({}…): placeholders stand in (addresses.json)",
                placeholders.len(),
                placeholders.iter().take(3).cloned().collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    for (ri, r) in gco.roles.iter().enumerate() {
        if !r.permissions.is_empty() || r.term.is_some() || r.election_method.is_some() {
            gaps.push(Gap::new(
                GapCode::AragonDomainNotHeld,
                format!("/roles/{ri}"),
                format!("`{}`: its permissions, term and election are not plugin settings", r.id),
            ));
        }
    }
    if gco.treasury.is_some() {
        gaps.push(Gap::new(
            GapCode::AragonDomainNotHeld,
            "/treasury",
            "the treasury (tiers, limits, categories) is not written",
        ));
    }
    super::safe::domain_gaps(gco, GapCode::AragonDomainNotHeld, &mut gaps);

    let mut members = serde_json::Map::new();
    for m in &gco.members.explicit {
        let a = member_address(gco, m);
        members.insert(m.id.clone(), json!({ "address": a.text(), "placeholder": a.placeholder }));
    }
    files.push(json_file(
        "addresses.json",
        &json!({ "members": members, "token": { "address": later_token.text(), "placeholder": later_token.placeholder } }),
    ));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Exported { files, gaps })
}

/// The Multisig install for a decision type's signers.
fn multisig(
    gco: &Gco,
    d: &DecisionType,
    s: &Signers,
    at: &str,
    files: &mut Vec<ExportFile>,
    gaps: &mut Vec<Gap>,
    placeholders: &mut BTreeSet<String>,
) {
    let members: Vec<&Member> = holders(gco, &s.role);
    let addrs: Vec<Addr> = members.iter().map(|m| member_address(gco, m)).collect();
    for m in members.iter().filter(|m| parse_address(&m.id).is_none()) {
        placeholders.insert(m.id.clone());
    }
    if members.is_empty() || s.required as usize > members.len() || population_holds(gco, &s.role) {
        gaps.push(Gap::new(
            GapCode::AragonDomainNotHeld,
            format!("{at}/signers"),
            format!(
                "`{}` has {} listed holder(s) for {} signatures (generated holders have no address)",
                s.role,
                members.len(),
                s.required
            ),
        ));
        if members.is_empty() || s.required as usize > members.len() {
            return;
        }
    }
    let signer_only = d.proposal_threshold.roles == [s.role.clone()];
    // A vote then signers: two plugins. A decision type that is only its signers is one.
    if !is_signers_only(gco, d, s) {
        gaps.push(Gap::new(
            GapCode::AragonSignersAfterVote,
            format!("{at}/signers"),
            format!(
                "`{}`: {} of `{}` sign after the vote; the Multisig install does not wait for the Token Voting one",
                d.id, s.required, s.role
            ),
        ));
    }
    let settings = json!({
        "plugin": "multisig",
        "release": 1,
        "build": 3,
        "decisionType": d.id,
        "members": addrs.iter().map(Addr::text).collect::<Vec<_>>(),
        "multisigSettings": { "onlyListed": signer_only, "minApprovals": s.required },
        "TargetConfig": { "target": hex0x(&ZERO), "operation": 0 },
        "metadata": "0x",
    });
    let data = abi::encode(&[
        Token::Array(addrs.iter().map(|a| Token::Address(a.bytes)).collect()),
        Token::Tuple(vec![Token::Bool(signer_only), Token::Uint(u128::from(s.required))]),
        Token::Tuple(vec![Token::Address(ZERO), Token::Uint(0)]),
        Token::Bytes(vec![]),
    ]);
    files.push(json_file(&format!("multisig/{}.json", d.id), &settings));
    files.push(ExportFile {
        path: format!("multisig/{}.install-data.hex", d.id),
        bytes: format!("{}\n", hex0x(&data)).into_bytes(),
    });
}

/// Whether a decision type is nothing but its signers (what a Multisig import gives): every
/// approval a yes, the quorum exactly m of the n holders, no delay or timelock.
fn is_signers_only(gco: &Gco, d: &DecisionType, s: &Signers) -> bool {
    let n = holders(gco, &s.role).len();
    n > 0 && d.approval == 1.0 && d.voting_delay == 0 && d.timelock == 0 && d.quorum == f64::from(s.required) / n as f64
}

fn json_file(path: &str, v: &Value) -> ExportFile {
    let mut text = serde_json::to_string_pretty(&cogov_model::sort_keys(v.clone())).unwrap_or_default();
    text.push('\n');
    ExportFile { path: path.to_owned(), bytes: text.into_bytes() }
}

// ---------------------------------------------------------------------------------------------
// Import

fn invalid(pointer: &str, msg: impl Into<String>) -> IntakeError {
    IntakeError::at_pointer(ErrorCode::AragonSourceInvalid, pointer, msg)
}

/// A whole number given as a JSON number or a decimal string (Aragon's uint256 values).
fn uint(v: &Value, pointer: &str) -> Result<u128, IntakeError> {
    super::whole_number(v).ok_or_else(|| invalid(pointer, "must be a whole number (or a decimal string)"))
}

fn ratio(v: &Value, pointer: &str) -> Result<f64, IntakeError> {
    let x = uint(v, pointer)?;
    if x > 1_000_000 {
        return Err(invalid(pointer, format!("{x} is above RATIO_BASE (10^6)")));
    }
    Ok(x as f64 / RATIO_BASE)
}

fn units_to_weight(x: u128) -> f64 {
    x as f64 / 10f64.powi(TOKEN_DECIMALS as i32)
}

fn slug_ok(s: &str) -> bool {
    !s.is_empty() && s.len() <= 128 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Reads a Token Voting or Multisig settings file (as `cogov export aragon` writes them, field
/// names as in the plugins' build metadata) into a design.
pub fn import(bytes: &[u8], answers: &Answers) -> Result<Imported, IntakeError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| IntakeError::whole(ErrorCode::InteropSourceInvalid, format!("not UTF-8: {e}")))?;
    crate::limits::check_json_depth(text)?;
    let v: Value = serde_json::from_str(text)
        .map_err(|e| IntakeError::at(ErrorCode::InteropSourceInvalid, e.line(), e.column(), e.to_string()))?;
    let plugin = v["plugin"].as_str().unwrap_or_default();
    let multisig = match plugin {
        "token-voting" => false,
        "multisig" => true,
        other => return Err(invalid("/plugin", format!("`plugin` must be token-voting or multisig, not `{other}`"))),
    };
    let dt_id = match v["decisionType"].as_str() {
        Some(s) if slug_ok(s) => s.to_owned(),
        Some(_) => return Err(invalid("/decisionType", "must be a slug")),
        None => if multisig { "multisig-proposal" } else { "token-vote" }.to_owned(),
    };

    let mut questions = vec![Question {
        key: "name".into(),
        prompt: "The design's name (a slug)".into(),
        default: Some(json!(format!("aragon-{plugin}"))),
    }];
    questions.push(Question {
        key: "propensity".into(),
        prompt: "The chance a member votes on a given proposal, in [0, 1] (for simulation)".into(),
        default: Some(json!(if multisig { 1.0 } else { 0.5 })),
    });
    if multisig {
        questions.push(Question {
            key: "voting_period".into(),
            prompt: "How long members have to approve, in seconds (each proposal sets its own end date)".into(),
            default: Some(json!(604_800)),
        });
    } else {
        questions.push(Question {
            key: "total_supply".into(),
            prompt: "The token's total supply in whole tokens, when the settings mint none".into(),
            default: Some(json!(1_000_000)),
        });
    }
    let mut gaps = Vec::new();
    let asked = |key: &str, pointer: &str, gaps: &mut Vec<Gap>| -> Value {
        let q = questions.iter().find(|q| q.key == key).and_then(|q| q.default.clone()).unwrap_or(Value::Null);
        match answers.get(key) {
            Some(a) => a.clone(),
            None => {
                gaps.push(Gap::new(GapCode::SourceSilent, pointer, format!("`{key}` assumed {q}")));
                q
            }
        }
    };
    let bad = |key: &str, what: &str| IntakeError::whole(ErrorCode::InteropAnswer, format!("`{key}` must be {what}"));
    let name = asked("name", "/identity/name", &mut gaps);
    let name = name.as_str().filter(|s| slug_ok(s)).ok_or_else(|| bad("name", "a slug"))?.to_owned();
    let propensity = asked("propensity", "/members/explicit", &mut gaps)
        .as_f64()
        .filter(|p| (0.0..=1.0).contains(p))
        .ok_or_else(|| bad("propensity", "a number in [0, 1]"))?;

    let target = v["TargetConfig"]["target"].as_str().unwrap_or("0x0000000000000000000000000000000000000000");
    if parse_address(target).is_some_and(|a| a != ZERO) {
        gaps.push(Gap::new(
            GapCode::NoPlaceInTarget,
            "/decision_types/0",
            format!("actions go to target {target}, not the DAO"),
        ));
    }

    let role_id = if multisig { "multisig-member" } else { "token-holder" };
    let mut members = Vec::new();
    let mut resources = Vec::new();
    let mut display_name = None;
    let dt;
    if multisig {
        let list = v["members"].as_array().ok_or_else(|| invalid("/members", "must be a list of addresses"))?;
        if list.is_empty() || list.len() > MAX_MEMBERS {
            return Err(invalid("/members", format!("1 to {MAX_MEMBERS} members; this has {}", list.len())));
        }
        let mut seen = BTreeSet::new();
        for (i, m) in list.iter().enumerate() {
            let a = m
                .as_str()
                .and_then(parse_address)
                .ok_or_else(|| invalid(&format!("/members/{i}"), "not an address"))?;
            if !seen.insert(a) {
                return Err(invalid(&format!("/members/{i}"), "listed twice"));
            }
            members.push(Member { id: hex0x(&a), name: None, weight: 1.0, propensity, roles: vec![role_id.into()] });
        }
        let n = members.len() as u32;
        let m =
            v["multisigSettings"]["minApprovals"].as_u64().filter(|&m| m >= 1 && m <= u64::from(n)).ok_or_else(
                || invalid("/multisigSettings/minApprovals", format!("must be from 1 to the {n} members")),
            )? as u32;
        let only = v["multisigSettings"]["onlyListed"]
            .as_bool()
            .ok_or_else(|| invalid("/multisigSettings/onlyListed", "must be true or false"))?;
        let period = asked("voting_period", "/decision_types/0/voting_period", &mut gaps)
            .as_u64()
            .filter(|&p| p > 0)
            .ok_or_else(|| bad("voting_period", "a whole number of seconds above 0"))?;
        dt = DecisionType {
            proposal_threshold: ProposalThreshold {
                min_weight: 0.0,
                roles: if only { vec![role_id.into()] } else { vec![] },
            },
            // Every approval is a yes, from members weighing 1: m approvals are m/n of the weight.
            quorum: f64::from(m) / f64::from(n),
            approval: 1.0,
            voting_period: period,
            signers: Some(Signers { role: role_id.into(), required: m, of: Some(n) }),
            ..base_decision(&dt_id)
        };
    } else {
        let vs = &v["votingSettings"];
        if !vs.is_object() {
            return Err(invalid("/votingSettings", "missing"));
        }
        let mode = match &vs["votingMode"] {
            Value::String(s) => MODES.iter().position(|m| m == s),
            Value::Number(n) => n.as_u64().filter(|&n| n < 3).map(|n| n as usize),
            _ => None,
        }
        .ok_or_else(|| invalid("/votingSettings/votingMode", "must be Standard, EarlyExecution or VoteReplacement"))?;
        let support = ratio(&vs["supportThreshold"], "/votingSettings/supportThreshold")?;
        if support >= 1.0 {
            return Err(invalid("/votingSettings/supportThreshold", "must be below 10^6 (support must exceed it)"));
        }
        let participation = ratio(&vs["minParticipation"], "/votingSettings/minParticipation")?;
        let duration = uint(&vs["minDuration"], "/votingSettings/minDuration")?;
        if !(u128::from(MIN_DURATION)..=u128::from(MAX_DURATION)).contains(&duration) {
            return Err(invalid("/votingSettings/minDuration", format!("{duration} s is outside 1 hour to 365 days")));
        }
        let proposer = uint(&vs["minProposerVotingPower"], "/votingSettings/minProposerVotingPower")?;
        let min_approval = match &v["minApproval"] {
            Value::Null => 0.0,
            x => ratio(x, "/minApproval")?,
        };
        gaps.push(Gap::new(
            GapCode::AragonSupportStrict,
            "/decision_types/0/approval",
            format!("support must exceed {support} of yes+no on Aragon; the design reads it as approval ≥ {support} of the votes cast"),
        ));
        if mode == 1 {
            gaps.push(Gap::new(
                GapCode::NoPlaceInTarget,
                "/decision_types/0",
                "early execution (execute once the outcome cannot change) has no place in a design",
            ));
        }
        let token = v["tokenSettings"]["token"].as_str().and_then(parse_address).unwrap_or(ZERO);
        if token != ZERO {
            resources.push(Resource {
                id: format!("token-{}", hex0x(&token)),
                description: Some("The voting token".into()),
            });
        } else if let Some(n) = v["tokenSettings"]["name"].as_str().filter(|s| !s.is_empty()) {
            display_name = Some(n.to_owned());
        }
        let receivers = v["mintSettings"]["receivers"].as_array().cloned().unwrap_or_default();
        let amounts = v["mintSettings"]["amounts"].as_array().cloned().unwrap_or_default();
        if receivers.len() != amounts.len() || receivers.len() > MAX_MEMBERS {
            return Err(invalid("/mintSettings", "receivers and amounts must pair up (at most 10,000)"));
        }
        let mut seen = BTreeSet::new();
        for (i, (r, a)) in receivers.iter().zip(&amounts).enumerate() {
            let addr = r
                .as_str()
                .and_then(parse_address)
                .ok_or_else(|| invalid(&format!("/mintSettings/receivers/{i}"), "not an address"))?;
            if !seen.insert(addr) {
                return Err(invalid(&format!("/mintSettings/receivers/{i}"), "listed twice"));
            }
            let units = uint(a, &format!("/mintSettings/amounts/{i}"))?;
            members.push(Member {
                id: hex0x(&addr),
                name: None,
                weight: units_to_weight(units),
                propensity,
                roles: vec![role_id.into()],
            });
        }
        if members.is_empty() {
            let supply = asked("total_supply", "/members/explicit/0/weight", &mut gaps)
                .as_f64()
                .filter(|s| *s > 0.0 && *s <= cogov_model::MAX_QUANTITY)
                .ok_or_else(|| bad("total_supply", "a positive number of tokens"))?;
            members.push(Member {
                id: "token-holders".into(),
                name: Some("All token holders".into()),
                weight: supply,
                propensity,
                roles: vec![role_id.into()],
            });
        }
        dt = DecisionType {
            proposal_threshold: ProposalThreshold { min_weight: units_to_weight(proposer), roles: vec![] },
            quorum: participation,
            quorum_counting: Some(QuorumCounting::AllCast),
            approval: support,
            voting_period: duration as u64,
            absolute_threshold: (min_approval > 0.0).then_some(min_approval),
            vote_change_allowed: (mode == 2).then_some(true),
            ..base_decision(&dt_id)
        };
    }
    let role = Role {
        id: role_id.into(),
        name: None,
        description: None,
        seats: multisig.then_some(members.len() as u32),
        term: None,
        eligibility: Default::default(),
        permissions: vec![
            Permission { action: Action::Propose, resource: format!("decision/{dt_id}") },
            Permission { action: Action::Vote, resource: format!("decision/{dt_id}") },
        ],
        election_method: None,
        affiliation: BTreeMap::new(),
    };
    let mut gco = Gco::new(
        Identity { display_name, ..Identity::dao(name) },
        Members { explicit: members, population: None },
        vec![role],
        vec![dt],
    );
    gco.resources = resources;
    Ok(Imported { gco, gaps, questions })
}

/// A decision type with Aragon's fixed parts: no delay (a proposal opens when created), no
/// timelock, a wall clock.
fn base_decision(id: &str) -> DecisionType {
    DecisionType {
        id: id.to_owned(),
        name: None,
        description: None,
        proposal_threshold: ProposalThreshold::default(),
        quorum: 0.0,
        approval: 0.5,
        clock: Clock::Time,
        voting_delay: 0,
        voting_period: MIN_DURATION,
        timelock: 0,
        signers: None,
        expected_rate: None,
        spend: None,
        powers: vec![],
        quorum_counting: None,
        absolute_threshold: None,
        vote_change_allowed: None,
        late_quorum_extension: None,
        super_quorum: None,
        veto: vec![],
        exit_window: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_are_parts_per_million() {
        assert_eq!(ppm(0.5), (500_000, true));
        assert_eq!(ppm(0.66), (660_000, true));
        assert_eq!(ppm(1.0 / 3.0), (333_333, false));
    }
}
