//! Checks of one answer beyond its question's kind, that need the earlier answers: member
//! weights written as `Name: weight` (only under token-weighted voting), a council's veto only
//! where there is a council. Split from `assemble.rs`: these run while the dialogue goes on,
//! the assembler only at the end.

use super::script::{Question, Script};
use serde_json::Value;

/// Question-specific checks beyond the kind: member weights written as `Name: weight`; a
/// council's veto only where there is a council.
pub(crate) fn check_answer(script: &Script, q: &Question, v: &Value, earlier: &[Value]) -> Result<(), String> {
    if q.id == "veto" {
        let council = script.position("council").and_then(|j| earlier.get(j)).and_then(Value::as_bool);
        if v.as_str() == Some("council") && council == Some(false) {
            return Err("there is no council to cancel decisions: choose the members or nobody (or answer yes to \
                        an elected council)"
                .to_owned());
        }
        return Ok(());
    }
    if q.id != "member_names" {
        return Ok(());
    }
    let token =
        script.position("weight_model").and_then(|j| earlier.get(j)).and_then(Value::as_str) == Some("token_weighted");
    let mut total = 0.0;
    for item in v.as_array().into_iter().flatten().filter_map(Value::as_str) {
        let (name, weight) = split_weight(item)?;
        if weight.is_some() && !token {
            return Err(format!(
                "`{item}`: with one member, one vote every member has weight 1; write the name alone \
                 (or choose token-weighted voting)"
            ));
        }
        if name.is_empty() {
            return Err(format!("`{item}` has a weight but no name"));
        }
        total += weight.unwrap_or(1.0);
    }
    if total <= 0.0 {
        return Err("the members' weights add up to 0: nobody could carry a vote".to_owned());
    }
    Ok(())
}

/// `Ana Silva: 1200` → (`Ana Silva`, Some(1200)); a name alone has no weight.
pub(super) fn split_weight(item: &str) -> Result<(&str, Option<f64>), String> {
    match item.rsplit_once(':') {
        None => Ok((item.trim(), None)),
        Some((name, w)) => {
            let w = w.trim();
            match w.parse::<f64>() {
                Ok(x) if x.is_finite() && x >= 0.0 => Ok((name.trim(), Some(x))),
                _ => Err(format!("`{item}`: the weight after `:` must be a number of 0 or more, not `{w}`")),
            }
        }
    }
}
