//! The checker: NDJSON bytes against a contract, one verdict per line, within bounds.

use super::{Contract, MAX_EVENT_DEPTH, MAX_LINE_BYTES, MAX_LINES};
use cogov_model::ErrorCode;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// A line that is an event of the contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Accepted {
    /// Its line number, from 1.
    pub line: usize,
    /// The event type.
    pub event: String,
    /// Its `at` timestamp, as given.
    pub at: String,
    /// The whole event.
    pub value: Value,
}

/// A line that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rejection {
    /// Its line number, from 1.
    pub line: usize,
    /// The stable reason code (`GOV-T…`).
    #[serde(serialize_with = "code")]
    pub code: ErrorCode,
    /// What is wrong, with the JSON pointer when the event's content is at fault.
    pub message: String,
}

fn code<S: serde::Serializer>(c: &ErrorCode, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.as_str())
}

/// The verdicts on every non-blank line.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Checked {
    /// Lines read (blank ones included).
    pub lines: usize,
    /// The accepted events, in line order.
    pub accepted: Vec<Accepted>,
    /// The skipped lines, in line order.
    pub rejected: Vec<Rejection>,
}

/// Checks NDJSON against a contract: each non-blank line is accepted or rejected with its line
/// number, a reason code and a message. Never fails as a whole: a line over
/// [`MAX_LINE_BYTES`], nested deeper than [`MAX_EVENT_DEPTH`], not JSON, not an event type of
/// the contract, not matching its schema, or naming another instance or version is rejected,
/// and lines past [`MAX_LINES`] are rejected as one.
pub fn check(contract: &Contract, bytes: &[u8]) -> Checked {
    let validators: BTreeMap<&str, Option<jsonschema::Validator>> =
        contract.events.iter().map(|e| (e.name, jsonschema::draft202012::new(&contract.schema(e)).ok())).collect();
    let mut out = Checked::default();
    let mut lines = bytes.split(|b| *b == b'\n').peekable();
    let mut no = 0;
    while let Some(raw) = lines.next() {
        if raw.is_empty() && lines.peek().is_none() {
            break; // the newline that ends the last line
        }
        no += 1;
        out.lines = no;
        if no > MAX_LINES {
            let rest = 1 + lines.filter(|l| !l.is_empty()).count();
            out.rejected.push(Rejection {
                line: no,
                code: ErrorCode::TelemetryTooManyLines,
                message: format!("{rest} line(s) from here on not read: at most {MAX_LINES} lines"),
            });
            break;
        }
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match one(contract, &validators, raw) {
            Ok((event, at, value)) => out.accepted.push(Accepted { line: no, event, at, value }),
            Err((code, message)) => out.rejected.push(Rejection { line: no, code, message }),
        }
    }
    out
}

type Verdict = Result<(String, String, Value), (ErrorCode, String)>;

fn one(contract: &Contract, validators: &BTreeMap<&str, Option<jsonschema::Validator>>, raw: &[u8]) -> Verdict {
    if raw.len() > MAX_LINE_BYTES {
        return Err((ErrorCode::TelemetryLineTooLong, format!("{} bytes; the limit is {MAX_LINE_BYTES}", raw.len())));
    }
    let text = std::str::from_utf8(raw)
        .map_err(|e| (ErrorCode::TelemetryNotJson, format!("not UTF-8 at byte {}", e.valid_up_to() + 1)))?;
    if let Some(col) = too_deep(text) {
        return Err((
            ErrorCode::TelemetryTooDeep,
            format!("nesting deeper than {MAX_EVENT_DEPTH} levels at column {col}"),
        ));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        // serde_json's message without its " at line L column C": the line is the event's own.
        let msg = e.to_string();
        let msg = msg.rsplit_once(" at line ").map_or(msg.as_str(), |(m, _)| m).to_owned();
        (ErrorCode::TelemetryNotJson, format!("column {}: {msg}", e.column()))
    })?;
    let Some(obj) = value.as_object() else {
        return Err((ErrorCode::TelemetryUnknownEvent, "not a JSON object".into()));
    };
    let Some(name) = obj.get("event").and_then(Value::as_str) else {
        return Err((ErrorCode::TelemetryUnknownEvent, "no `event` field naming the event type".into()));
    };
    let Some(validator) = validators.get(name) else {
        let known: Vec<&str> = contract.events.iter().map(|e| e.name).collect();
        return Err((
            ErrorCode::TelemetryUnknownEvent,
            format!("`{name}` is not an event type of the contract ({})", known.join(", ")),
        ));
    };
    for (key, want) in [("instance", &contract.source.instance), ("version", &contract.source.version)] {
        if let Some(got) = obj.get(key).filter(|v| v.as_str() != Some(want.as_str())) {
            return Err((ErrorCode::TelemetryOtherInstance, format!("/{key} is {got}; the contract is for {want}")));
        }
    }
    if let Some(v) = validator {
        if let Some(err) = v.iter_errors(&value).next() {
            let ptr = err.instance_path().to_string();
            return Err((
                ErrorCode::TelemetrySchema,
                format!("{}: {err}", if ptr.is_empty() { "/".to_owned() } else { ptr }),
            ));
        }
    }
    let at = obj.get("at").and_then(Value::as_str).unwrap_or_default().to_owned();
    Ok((name.to_owned(), at, value))
}

/// The 1-based column where nesting first exceeds [`MAX_EVENT_DEPTH`], if it does.
fn too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, c) in text.chars().enumerate() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                if depth > MAX_EVENT_DEPTH {
                    return Some(i + 1);
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}
