//! Reading contract parameters as JSON: the helpers the Governor and GovernorBravo imports
//! share (bounded parsing, `uint256` values given as numbers or decimal strings, pointers in
//! every error), and the design both imports build from what they read.

use crate::error::IntakeError;
use crate::interop::{Answers, Gap, Question};
use cogov_model::{ErrorCode, GapCode, Gco};
use serde_json::{Value, json};

/// Parses untrusted JSON within the engine's size and depth bounds; a syntax error is at line:col.
pub fn parse(bytes: &[u8]) -> Result<Value, IntakeError> {
    crate::limits::check_size(bytes)?;
    let text = crate::limits::decode_utf8(bytes)?;
    crate::limits::check_json_depth(text)?;
    serde_json::from_str(text)
        .map_err(|e| IntakeError::at(ErrorCode::InteropSourceInvalid, e.line(), e.column(), e.to_string()))
}

/// The value at `pointer`, if present and not null.
pub fn get<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    root.pointer(pointer).filter(|v| !v.is_null())
}

/// An unsigned integer (a `uint256` as a JSON number or a decimal string), at most `u128::MAX`.
pub fn uint(root: &Value, pointer: &str) -> Result<Option<u128>, IntakeError> {
    let Some(v) = get(root, pointer) else { return Ok(None) };
    let bad = || {
        IntakeError::at_pointer(
            ErrorCode::GovernorParam,
            pointer,
            format!("expected a whole number (a JSON number or a decimal string), found {v}"),
        )
    };
    crate::interop::whole_number(v).map(Some).ok_or_else(bad)
}

/// A required unsigned integer.
pub fn required_uint(root: &Value, pointer: &str) -> Result<u128, IntakeError> {
    uint(root, pointer)?
        .ok_or_else(|| IntakeError::at_pointer(ErrorCode::GovernorParam, pointer, "this value is required"))
}

/// An optional string.
pub fn string<'a>(root: &'a Value, pointer: &str) -> Result<Option<&'a str>, IntakeError> {
    match get(root, pointer) {
        None => Ok(None),
        Some(Value::String(s)) if s.len() <= 256 => Ok(Some(s)),
        Some(v) => Err(IntakeError::at_pointer(
            ErrorCode::GovernorParam,
            pointer,
            format!("expected a string of at most 256 characters, found {v}"),
        )),
    }
}

/// An optional list of strings (addresses).
pub fn strings(root: &Value, pointer: &str) -> Result<Option<Vec<String>>, IntakeError> {
    match get(root, pointer) {
        None => Ok(None),
        Some(Value::Array(items)) if items.len() <= 256 => items
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::String(s) if s.len() <= 256 => Ok(s.clone()),
                _ => Err(IntakeError::at_pointer(
                    ErrorCode::GovernorParam,
                    format!("{pointer}/{i}"),
                    "expected a string",
                )),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(_) => {
            Err(IntakeError::at_pointer(ErrorCode::GovernorParam, pointer, "expected a list of at most 256 strings"))
        }
    }
}

/// A duration or count that must fit a `u64` (GCO durations).
pub fn fit_u64(value: u128, pointer: &str) -> Result<u64, IntakeError> {
    u64::try_from(value).map_err(|_| {
        IntakeError::at_pointer(ErrorCode::GovernorParam, pointer, format!("{value} does not fit a duration"))
    })
}

/// `base` base units of a token with `decimals` decimals, in whole tokens, and whether the
/// conversion is exact (an `f64` holds about 16 significant digits).
pub fn base_to_tokens(base: u128, decimals: u32) -> (f64, bool) {
    let digits = base.to_string();
    let d = decimals as usize;
    let text = if digits.len() > d {
        format!("{}.{}", &digits[..digits.len() - d], &digits[digits.len() - d..])
    } else {
        format!("0.{}{}", "0".repeat(d - digits.len()), digits)
    };
    let tokens: f64 = text.parse().unwrap_or(f64::INFINITY);
    let exact = tokens_to_base(tokens, decimals).as_deref() == Some(digits.as_str());
    (tokens, exact)
}

/// `tokens` whole tokens in base units of `decimals` decimals, as a decimal string, when the
/// shortest decimal form of `tokens` has at most `decimals` fractional digits.
pub fn tokens_to_base(tokens: f64, decimals: u32) -> Option<String> {
    if !tokens.is_finite() || tokens < 0.0 {
        return None;
    }
    // Rust prints an f64 in its shortest round-tripping decimal form, never in exponent form.
    let text = format!("{tokens}");
    let (int, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let d = decimals as usize;
    if frac.len() > d {
        return None;
    }
    let joined = format!("{int}{frac}{}", "0".repeat(d - frac.len()));
    let trimmed = joined.trim_start_matches('0');
    Some(if trimmed.is_empty() { "0".to_owned() } else { trimmed.to_owned() })
}

/// A slug of a contract's name for the design's identity and decision type ids.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(64).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "imported-governor".to_owned() } else { out }
}

/// Reads answer `key` as a number, or the default; records the question and, when the
/// default is used, a `SourceSilent` gap at `pointer`.
pub fn ask_number(
    answers: &Answers,
    questions: &mut Vec<Question>,
    gaps: &mut Vec<Gap>,
    (key, prompt, default): (&str, &str, Option<f64>),
    pointer: &str,
) -> Result<f64, IntakeError> {
    questions.push(Question { key: key.to_owned(), prompt: prompt.to_owned(), default: default.map(|d| json!(d)) });
    match answers.get(key) {
        Some(v) => {
            let n = match v {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => s.trim().parse::<f64>().ok(),
                _ => None,
            };
            n.filter(|n| n.is_finite() && *n >= 0.0).ok_or_else(|| {
                IntakeError::whole(ErrorCode::InteropAnswer, format!("`{key}` must be a non-negative number, not {v}"))
            })
        }
        None => match default {
            Some(d) => {
                gaps.push(Gap::new(
                    GapCode::SourceSilent,
                    pointer,
                    format!("{prompt} Not stated: {d} assumed (`{key}`)."),
                ));
                Ok(d)
            }
            None => Err(IntakeError::whole(
                ErrorCode::InteropUnanswered,
                format!("{prompt} The source does not say: answer with --answer {key}=VALUE"),
            )),
        },
    }
}

/// What a Governor-like contract states, in GCO units, ready to become a design.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The contract's name (display name of the design and of the decision type).
    pub name: String,
    /// Seconds per block on a block clock; `None` on a timestamp clock.
    pub block_time: Option<f64>,
    /// Voting delay in clock units.
    pub voting_delay: u64,
    /// Voting period in clock units.
    pub voting_period: u64,
    /// Proposal threshold in whole tokens.
    pub threshold_tokens: f64,
    /// Quorum as a share of the supply.
    pub quorum: f64,
    /// Which votes count toward the quorum.
    pub quorum_counting: &'static str,
    /// Approval share of for / (for + against).
    pub approval: f64,
    /// Yes votes needed as a share of all weight, if any.
    pub absolute_threshold: Option<f64>,
    /// Late-quorum extension in clock units, if any.
    pub late_quorum_extension: Option<u64>,
    /// Timelock delay in clock units.
    pub timelock: u64,
    /// Accounts that may cancel during the timelock (besides the governor itself).
    pub cancellers: usize,
    /// Accounts that may execute, when not anyone.
    pub executors: Option<usize>,
    /// Total supply in whole tokens.
    pub supply_tokens: f64,
    /// Token holders to generate (a population: the source lists none).
    pub holders: u32,
    /// Share of the holders expected to vote.
    pub turnout: f64,
}

/// The design of one governor: one decision type, a generated population of token holders,
/// a guardian role for the timelock's cancellers and an executor role when execution is
/// restricted.
pub fn build(p: &Parsed) -> Result<Gco, IntakeError> {
    let id = slug(&p.name);
    let clock = match p.block_time {
        Some(t) => json!({"kind": "blocks", "block_time": t}),
        None => json!({"kind": "time"}),
    };
    let mut roles = vec![json!({
        "id": "token-holder",
        "name": "Token holder",
        "description": "Any account holding the voting token: votes by delegated weight and proposes above the threshold.",
        "permissions": [
            {"action": "vote", "resource": format!("decision/{id}")},
            {"action": "propose", "resource": format!("decision/{id}")},
            {"action": "delegate", "resource": "delegation"},
        ],
    })];
    let mut dt = json!({
        "id": id,
        "name": p.name,
        "proposal_threshold": {"min_weight": p.threshold_tokens},
        "quorum": p.quorum,
        "approval": p.approval,
        "clock": clock,
        "voting_delay": p.voting_delay,
        "voting_period": p.voting_period,
        "timelock": p.timelock,
        "quorum_counting": p.quorum_counting,
    });
    if let Some(a) = p.absolute_threshold {
        dt["absolute_threshold"] = json!(a);
    }
    if let Some(e) = p.late_quorum_extension {
        dt["late_quorum_extension"] = json!(e);
    }
    if p.cancellers > 0 {
        roles.push(json!({
            "id": "timelock-canceller",
            "name": "Timelock canceller",
            "description": "Holds the timelock's CANCELLER_ROLE: may cancel a queued proposal before it executes.",
            "seats": p.cancellers,
            "permissions": [{"action": "veto", "resource": format!("decision/{id}")}],
        }));
        dt["veto"] = json!([{"kind": "guardian", "role": "timelock-canceller"}]);
    }
    if let Some(n) = p.executors {
        roles.push(json!({
            "id": "timelock-executor",
            "name": "Timelock executor",
            "description": "Holds the timelock's EXECUTOR_ROLE: executes a queued proposal once its delay has passed.",
            "seats": n,
            "permissions": [{"action": "execute", "resource": format!("decision/{id}")}],
        }));
        dt["signers"] = json!({"role": "timelock-executor", "required": 1, "of": n});
    }
    let holders = p.holders.max(1);
    let value = json!({
        "identity": {"name": id, "display_name": p.name, "kind": "dao", "version": "1.0.0"},
        "members": {"population": {
            "count": holders,
            "seed": 1,
            "id_prefix": "holder-",
            "weight": {"kind": "constant", "value": p.supply_tokens / f64::from(holders)},
            "propensity": {"kind": "constant", "value": p.turnout},
            "roles": ["token-holder"],
        }},
        "roles": roles,
        "decision_types": [dt],
        "delegation": {"allowed": true, "max_depth": 1},
        "voting_weight": {"weight_snapshot": "vote_start", "weight_transferable": true},
    });
    serde_json::from_value(value).map_err(|e| IntakeError::whole(ErrorCode::InteropSourceInvalid, e.to_string()))
}

/// The questions and answers every Governor-like import shares: the holders to generate and
/// their turnout (the contract states neither).
pub fn population(
    answers: &Answers,
    questions: &mut Vec<Question>,
    gaps: &mut Vec<Gap>,
    supply_tokens: f64,
    threshold_tokens: f64,
) -> Result<(u32, f64), IntakeError> {
    // At most 1000 holders, and few enough that each holds the proposal threshold (else
    // nobody in the generated population could propose).
    let fit = if threshold_tokens > 0.0 { (supply_tokens / threshold_tokens).floor() } else { 1000.0 };
    let default = fit.clamp(1.0, 1000.0);
    let holders = ask_number(
        answers,
        questions,
        gaps,
        ("holders", "How many accounts hold voting power?", Some(default)),
        "/members/population/count",
    )?;
    if !(1.0..=10_000_000.0).contains(&holders) || holders.fract() != 0.0 {
        return Err(IntakeError::whole(
            ErrorCode::InteropAnswer,
            "`holders` must be a whole number from 1 to 10000000",
        ));
    }
    let turnout = ask_number(
        answers,
        questions,
        gaps,
        ("turnout", "What share of holders votes on a typical proposal (0 to 1)?", Some(0.1)),
        "/members/population/propensity",
    )?;
    if turnout > 1.0 {
        return Err(IntakeError::whole(ErrorCode::InteropAnswer, "`turnout` must be between 0 and 1"));
    }
    Ok((holders as u32, turnout))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_amounts_convert_exactly_both_ways() {
        assert_eq!(tokens_to_base(25000.0, 18).as_deref(), Some("25000000000000000000000"));
        assert_eq!(tokens_to_base(0.5, 18).as_deref(), Some("500000000000000000"));
        assert_eq!(base_to_tokens(100_000_000_000_000_000_000_000, 18), (100_000.0, true));
        // 1 wei above a round figure is beyond an f64's precision: reported as inexact.
        assert!(!base_to_tokens(100_000_000_000_000_000_000_001, 18).1);
        assert_eq!(slug("ENS Governor"), "ens-governor");
        assert_eq!(slug("  Governor Bravo!  "), "governor-bravo");
    }
}
