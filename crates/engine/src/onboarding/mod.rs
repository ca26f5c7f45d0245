//! The guided onboarding dialogue: a data-driven question script, its answers, and the GCO
//! they assemble into.
//!
//! The script (`assets/onboarding/script.json`) is compiled in; [`Session`] walks it one
//! question at a time, and [`answers_to_value`] turns a whole answers file
//! (`{"script": "cogov-onboarding/1", "answers": {...}}`) into a GCO value for intake.

mod answer_checks;
mod answers;
mod assemble;
mod check;
mod prose;
mod script;
mod session;

pub use script::{
    Branch, ChoiceOption, ChoiceSpec, Condition, ContextDefault, Derived, Kind, ListSpec, NumberSpec, Question, Remark,
    Script, Test, TextSpec,
};
pub use session::Session;

use crate::error::IntakeError;
use answers::Walk;
use cogov_model::{ErrorCode, escape_pointer_token};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The script id answers files must name.
pub const SCRIPT_ID: &str = "cogov-onboarding/1";

const SCRIPT_JSON: &str = include_str!("../../../../assets/onboarding/script.json");

/// The built-in question script.
pub fn script() -> &'static Script {
    static S: OnceLock<Script> = OnceLock::new();
    S.get_or_init(|| {
        // The asset is compiled in and checked by the test suite, so a failure here is a
        // build defect, not an input error.
        let s: Script = serde_json::from_str(SCRIPT_JSON)
            .unwrap_or_else(|e| panic!("assets/onboarding/script.json does not parse: {e}"));
        if let Err(e) = s.check() {
            panic!("assets/onboarding/script.json is inconsistent: {e}");
        }
        s
    })
}

/// The JSON Schema (draft 2020-12) of the onboarding question script.
pub fn script_schema() -> Value {
    // Not the GCO's `oneOf` rewrite: it assumes an enum is a whole object, but here the
    // answer kinds are flattened into the question.
    let mut schema = serde_json::to_value(schemars::schema_for!(Script)).unwrap_or_default();
    drop_null_alternatives(&mut schema);
    cogov_model::sort_keys(schema)
}

/// Optional fields are omitted, never `null`: removes `null` from `type` lists and
/// `anyOf: [X, null]` pairs so validators report the real type error.
fn drop_null_alternatives(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            map.values_mut().for_each(drop_null_alternatives);
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            let is_null = |v: &Value| v.get("type").is_some_and(|t| t == "null");
            if let Some(Value::Array(branches)) = map.get("anyOf") {
                if branches.len() == 2 && branches.iter().any(is_null) {
                    let other = branches.iter().find(|b| !is_null(b)).cloned();
                    map.remove("anyOf");
                    if let Some(Value::Object(o)) = other {
                        o.into_iter().for_each(|(k, v)| {
                            map.entry(k).or_insert(v);
                        });
                    }
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null_alternatives),
        _ => {}
    }
}

/// Whether a JSON value looks like an answers file rather than a GCO.
pub fn is_answers_file(value: &Value) -> bool {
    value.get("answers").is_some() && value.get("identity").is_none()
}

/// Turns an answers file into the GCO's JSON value (checked afterwards by intake).
/// Missing answers take their defaults; an answer that does not fit its question is an
/// [`ErrorCode::AnswersInvalid`] error at `/answers/<id>`.
pub fn answers_to_value(answers_file: &Value) -> Result<Value, IntakeError> {
    let answers = read_answers(answers_file)?;
    Ok(assemble_value(script(), &answers::walk(script(), &answers)))
}

/// The answers of a well-formed answers file whose every answer fits the script.
fn read_answers(file: &Value) -> Result<BTreeMap<String, Value>, IntakeError> {
    let invalid = |pointer: String, msg: String| IntakeError::at_pointer(ErrorCode::AnswersInvalid, pointer, msg);
    let Some(obj) = file.as_object() else {
        return Err(IntakeError::whole(ErrorCode::AnswersInvalid, "an answers file is a JSON object"));
    };
    let mut keys: Vec<&String> =
        obj.keys().filter(|k| !["$schema", "script", "answers"].contains(&k.as_str())).collect();
    keys.sort();
    if let Some(k) = keys.first() {
        let msg = format!("unknown field `{k}`: an answers file has `script` and `answers`");
        return Err(invalid(format!("/{}", escape_pointer_token(k)), msg));
    }
    match obj.get("script") {
        Some(Value::String(s)) if s == SCRIPT_ID => {}
        Some(other) => return Err(invalid("/script".into(), format!("expected \"{SCRIPT_ID}\", found {other}"))),
        None => return Err(invalid("/script".into(), format!("missing: write \"script\": \"{SCRIPT_ID}\""))),
    }
    let Some(given) = obj.get("answers").and_then(Value::as_object) else {
        return Err(invalid("/answers".into(), "`answers` must be an object of question id to answer".into()));
    };
    let s = script();
    let mut unknown: Vec<&String> = given.keys().filter(|k| s.position(k).is_none()).collect();
    unknown.sort();
    if let Some(k) = unknown.first() {
        return Err(invalid(answers_pointer(k), unknown_question(s, k)));
    }
    let answers: BTreeMap<String, Value> = given.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    if let Some((i, why)) = answers::walk(s, &answers).rejected.into_iter().next() {
        let q = &s.questions[i];
        return Err(invalid(answers_pointer(&q.id), format!("{why} ({})", q.prompt)));
    }
    Ok(answers)
}

fn unknown_question(s: &Script, id: &str) -> String {
    let near = s.questions.iter().map(|q| (edit_distance(id, &q.id), &q.id)).filter(|(d, _)| *d <= 3).min();
    match near {
        Some((_, q)) => format!("no question has the id `{id}`; did you mean `{q}`?"),
        None => format!("no question has the id `{id}` (`cogov schema onboarding-script` lists the script's format)"),
    }
}

/// Levenshtein distance, for suggesting the question id a typo meant.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The JSON pointer of an answer in an answers file.
fn answers_pointer(id: &str) -> String {
    format!("/answers/{}", escape_pointer_token(id))
}

/// An answers file holding `answers`.
fn answers_file(answers: &BTreeMap<String, Value>) -> Value {
    let mut m = Map::new();
    m.insert("script".into(), Value::String(SCRIPT_ID.into()));
    m.insert("answers".into(), Value::Object(answers.iter().map(|(k, v)| (k.clone(), v.clone())).collect()));
    Value::Object(m)
}

fn assemble_value(script: &Script, walk: &Walk) -> Value {
    assemble::gco(&assemble::Answers::new(script, walk)).to_value()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    #[test]
    fn the_mapping_reads_every_question_of_the_script_and_no_other() {
        let asked: BTreeSet<&str> = super::script().questions.iter().map(|q| q.id.as_str()).collect();
        let read: BTreeSet<&str> = super::assemble::QUESTION_IDS.iter().copied().collect();
        assert_eq!(asked, read);
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(super::edit_distance("counsil_seats", "council_seats"), 1);
        assert_eq!(super::edit_distance("", "abc"), 3);
        assert_eq!(super::edit_distance("quorum", "quorum"), 0);
    }
}
