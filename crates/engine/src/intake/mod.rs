//! Intake: every path into the GCO (JSON files, onboarding answers, constitution documents)
//! ends in [`from_value`], so all of them get the same schema check, the same typed read and
//! the same findings.

use crate::error::IntakeError;
use crate::limits;
use cogov_model::{Code, ErrorCode, Finding, Gco, escape_pointer_token, normalize_numbers};
use jsonschema::error::ValidationErrorKind;
use serde::Deserialize;
use serde_json::Value;
use std::sync::OnceLock;

pub mod duplicates;

/// What intake made of an input: the typed GCO when it could be read, and schema findings.
#[derive(Debug, Clone)]
pub struct Document {
    /// The typed GCO; `None` when schema errors (wrong types, missing fields) prevent reading it.
    pub gco: Option<Gco>,
    /// The input as JSON, numbers normalised.
    pub value: Value,
    /// Findings of the schema check (unknown fields, wrong types, ranges, formats).
    pub findings: Vec<Finding>,
}

impl Document {
    /// The typed GCO, or an error that names the first schema finding.
    pub fn into_gco(self) -> Result<Gco, IntakeError> {
        match self.gco {
            Some(g) => Ok(g),
            None => {
                let first = self.findings.first();
                Err(IntakeError::at_pointer(
                    ErrorCode::NotAGco,
                    first.map(|f| f.path.clone()).unwrap_or_default(),
                    format!(
                        "cannot be read as a GCO ({} schema finding(s)); first: {}",
                        self.findings.len(),
                        first.map_or("none", |f| f.message.as_str())
                    ),
                ))
            }
        }
    }
}

/// Parses JSON text within the size and depth limits; syntax errors carry line and column.
pub fn parse_json(bytes: &[u8]) -> Result<Value, IntakeError> {
    parse_text(bytes).map(|(_, v)| v)
}

/// [`parse_json`], also giving the text (for the duplicate-key pass).
fn parse_text(bytes: &[u8]) -> Result<(&str, Value), IntakeError> {
    limits::check_size(bytes)?;
    limits::check_bom(bytes)?;
    let text = limits::decode_utf8(bytes)?;
    limits::check_json_depth(text)?;
    let mut de = serde_json::Deserializer::from_str(text);
    // Depth is already bounded above, so serde_json's own (slightly lower) limit is not needed.
    de.disable_recursion_limit();
    let value = serde::Deserialize::deserialize(&mut de)
        .and_then(|v: Value| de.end().map(|()| v))
        .map_err(|e| IntakeError::at(ErrorCode::JsonSyntax, e.line(), e.column().max(1), without_position(&e)))?;
    Ok((text, value))
}

/// One blocking finding per key that appears twice in an object (GOV-E007), naming the
/// object, the key and both places; the parser kept the last, which the pointer names.
pub fn duplicate_key_findings(text: &str) -> Vec<Finding> {
    duplicates::find(text)
        .into_iter()
        .map(|d| {
            let object =
                if d.object.is_empty() { "the top-level object".to_owned() } else { format!("`{}`", d.object) };
            let message = format!(
                "key `{}` appears twice in {object}: at line {}, column {} and again at line {}, column {}; \
                 readers disagree on which counts (this one read the second)",
                d.key, d.first.0, d.first.1, d.again.0, d.again.1
            );
            Finding::new(Code::DuplicateKey, d.pointer(), message)
        })
        .collect()
}

/// A GCO document from parsed JSON, with the findings of the duplicate-key pass over its text.
fn gco_document(text: &str, value: Value) -> Document {
    let mut doc = from_value(value);
    doc.findings.extend(duplicate_key_findings(text));
    doc
}

/// serde_json's message without its trailing " at line L column C" (the location is kept apart).
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// Reads a GCO from JSON bytes: limits, syntax, duplicate keys, schema, typed read.
pub fn from_json_bytes(bytes: &[u8]) -> Result<Document, IntakeError> {
    let (text, value) = parse_text(bytes)?;
    Ok(gco_document(text, value))
}

/// Checks a JSON value against the GCO schema and reads it as a typed GCO.
pub fn from_value(mut value: Value) -> Document {
    normalize_numbers(&mut value);
    let mut findings = schema_findings(&value);
    // Serde ignores unknown fields (reported above), so a document whose only problems are
    // unknown fields still yields a GCO and gets the full validation.
    // The plain read is the fast path; the path-tracking read only runs to explain a failure.
    let gco = match Gco::deserialize(&value).map_err(|_| serde_path_to_error::deserialize::<_, Gco>(&value)) {
        Ok(g) => Some(g),
        Err(Ok(g)) => Some(g),
        Err(Err(e)) => {
            if findings.is_empty() {
                findings.push(Finding::new(Code::SchemaOther, path_to_pointer(e.path()), e.inner().to_string()));
            }
            None
        }
    };
    Document { gco, value, findings }
}

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        jsonschema::draft202012::new(&cogov_model::gco_schema())
            .unwrap_or_else(|e| unreachable!("the generated GCO schema is valid: {e}"))
    })
}

/// The schema's findings about `value`, one per violation, in document order.
pub fn schema_findings(value: &Value) -> Vec<Finding> {
    let mut out = Vec::new();
    // Checking validity is much cheaper than collecting errors; most documents are valid.
    if validator().is_valid(value) {
        return out;
    }
    for err in validator().iter_errors(value) {
        let path = err.instance_path().as_str().to_owned();
        let (code, message) = describe(err.kind(), &path, err.instance(), err.to_string());
        match err.kind() {
            // One finding per unknown field, each pointing at the field itself.
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for name in unexpected {
                    let p = format!("{path}/{}", escape_pointer_token(name));
                    out.push(Finding::new(code, p, format!("unknown field `{name}`")));
                }
            }
            _ => out.push(Finding::new(code, path, message)),
        }
    }
    out
}

fn describe(kind: &ValidationErrorKind, path: &str, instance: &Value, fallback: String) -> (Code, String) {
    use ValidationErrorKind as K;
    let at = if path.is_empty() { "the document".to_owned() } else { format!("`{path}`") };
    match kind {
        K::AdditionalProperties { .. } | K::UnevaluatedProperties { .. } => (Code::SchemaUnknownField, fallback),
        K::Type { .. } => (Code::SchemaType, format!("wrong type at {at}: {fallback}")),
        K::Required { property } => (Code::SchemaRequired, format!("missing required field {property} in {at}")),
        K::Minimum { .. }
        | K::Maximum { .. }
        | K::ExclusiveMinimum { .. }
        | K::ExclusiveMaximum { .. }
        | K::MinLength { .. }
        | K::MaxLength { .. }
        | K::MinItems { .. }
        | K::MaxItems { .. } => (Code::SchemaRange, format!("out of range at {at}: {fallback}")),
        K::Enum { .. } | K::Constant { .. } => (Code::SchemaEnum, format!("not an allowed value at {at}: {fallback}")),
        K::Pattern { .. } | K::Format { .. } => {
            let what = match path.rsplit('/').next() {
                Some("version") => "a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0)",
                Some("name") => "an instance name (lowercase letters, digits and dashes; at most 64)",
                _ => "in the required format",
            };
            (Code::SchemaFormat, format!("{instance} at {at} is not {what}"))
        }
        _ => (Code::SchemaOther, format!("{at}: {fallback}")),
    }
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut s = String::new();
    for seg in path.iter() {
        s.push('/');
        match seg {
            Segment::Seq { index } => s.push_str(&index.to_string()),
            Segment::Map { key } | Segment::Enum { variant: key } => s.push_str(&escape_pointer_token(key)),
            Segment::Unknown => s.push('?'),
        }
    }
    s
}

/// The kinds of input intake reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A GCO as JSON.
    Gco,
    /// A constitution document (Markdown).
    Constitution,
    /// An onboarding answers file (JSON).
    Answers,
}

/// Reads any input: a constitution document when `name` ends in `.md`, otherwise JSON that
/// is either an answers file (a top-level `answers` object) or a GCO.
pub fn load(name: &str, bytes: &[u8]) -> Result<(InputKind, Document), IntakeError> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        limits::check_size(bytes)?;
        let text = limits::decode_utf8(bytes)?;
        let value = crate::constitution::parse(text)?;
        return Ok((InputKind::Constitution, from_value(value)));
    }
    let (text, value) = parse_text(bytes)?;
    if crate::onboarding::is_answers_file(&value) {
        let gco = crate::onboarding::answers_to_value(&value)?;
        return Ok((InputKind::Answers, from_value(gco)));
    }
    Ok((InputKind::Gco, gco_document(text, value)))
}
