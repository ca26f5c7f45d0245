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
    if raw.starts_with(&[0xEF, 0xBB, 0xBF]) {
        let msg = "the line starts with a UTF-8 byte-order mark; write NDJSON without one";
        return Err((ErrorCode::ByteOrderMark, msg.into()));
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
    // serde_json kept the last of two equal keys; an event must say one thing.
    if let Some(d) = crate::intake::duplicates::find(text).into_iter().next() {
        let object = if d.object.is_empty() { "the event".to_owned() } else { format!("`{}`", d.object) };
        return Err((
            ErrorCode::TelemetryDuplicateKey,
            format!("key `{}` appears twice in {object}: columns {} and {}", d.key, d.first.1, d.again.1),
        ));
    }
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
    // The schema's pattern checks the shape; a real date-time also needs real fields.
    if let Err(why) = date_time(&at) {
        return Err((ErrorCode::TelemetryBadTimestamp, format!("/at `{at}` is not an RFC 3339 date-time: {why}")));
    }
    Ok((name.to_owned(), at, value))
}

/// Checks an RFC 3339 `date-time` (section 5.6): `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)` with a
/// day that exists in its month (leap years included), an hour below 24, a minute below 60, a
/// second below 60 or a leap second 60 at minute 59, and an offset below 24 hours.
pub fn date_time(at: &str) -> Result<(), String> {
    let b = at.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let sep = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
    let shape = "not of the form YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)";
    let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(s)) =
        (digits(0..4), digits(5..7), digits(8..10), digits(11..13), digits(14..16), digits(17..19))
    else {
        return Err(shape.into());
    };
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt") && sep(13, b":") && sep(16, b":")) {
        return Err(shape.into());
    }
    let mut i = 19;
    if sep(i, b".") {
        let n = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return Err(shape.into());
        }
        i += 1 + n;
    }
    match b.get(i..) {
        Some(b"Z" | b"z") => {}
        Some(z) if z.len() == 6 && (z[0] == b'+' || z[0] == b'-') && z[3] == b':' => {
            let (Some(oh), Some(om)) = (digits(i + 1..i + 3), digits(i + 4..i + 6)) else {
                return Err(shape.into());
            };
            if oh > 23 || om > 59 {
                return Err(format!("offset {}: hours 00-23, minutes 00-59", &at[i..]));
            }
        }
        _ => return Err(shape.into()),
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("month {mo:02} does not exist")),
    };
    if d == 0 || d > days {
        return Err(format!("day {d:02} does not exist in {y:04}-{mo:02}"));
    }
    if h > 23 || mi > 59 {
        return Err(format!("time {h:02}:{mi:02} does not exist"));
    }
    if s > 60 || (s == 60 && mi != 59) {
        return Err(format!("second {s:02} does not exist (60 only as a leap second at minute 59)"));
    }
    Ok(())
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
