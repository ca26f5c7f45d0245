//! The versioned constitution document: a Markdown format with machine-readable blocks.
//!
//! A constitution is a document people read and sign, and at the same time a complete GCO:
//! a title, a `Version:` line, the preamble, articles (`##`) and clauses (`###`) with
//! pandoc-style attributes (hidden in a trailing comment), then an appendix: schedules in words
//! (generated, skipped on reading) and one fenced ```` ```cogov <domain> ```` block of JSON per
//! parameter domain. `docs/constitution-format.md` is the specification.
//!
//! [`parse`] is a line-based reader that never panics on untrusted input; [`export`] writes
//! a document [`parse`] reads back to the same GCO (same fingerprint), byte-identical on
//! every run.

mod export;
mod heading;
mod parse;
mod schedule;
mod text;

use crate::error::IntakeError;
use cogov_model::{ErrorCode, Gco};
use serde_json::Value;

/// The domains a ```` ```cogov <domain> ```` block may hold, in the order [`export`] writes them.
pub const BLOCK_DOMAINS: [&str; 14] = [
    "identity",
    "members",
    "voting_weight",
    "roles",
    "decision_types",
    "treasury",
    "escalation",
    "incentives",
    "delegation",
    "composition",
    "mesh",
    "resources",
    "alert_thresholds",
    "amendment_rules",
];

/// The special block that gives the exact text of the preamble or of a clause as a JSON string.
pub const TEXT_BLOCK: &str = "text";

/// Reads a constitution document into the GCO's JSON value (checked afterwards by intake).
pub fn parse(text: &str) -> Result<Value, IntakeError> {
    parse::parse(text)
}

/// Writes a GCO as a constitution document that [`parse`] reads back to the same GCO.
pub fn export(gco: &Gco) -> String {
    export::export(gco)
}

/// A format error at a line and a 1-based column.
fn syntax(line: usize, column: usize, message: impl Into<String>) -> IntakeError {
    IntakeError::at(ErrorCode::ConstitutionSyntax, line, column, message)
}

/// The 1-based character column of byte offset `at` in `line` (clamped to the line).
fn column(line: &str, at: usize) -> usize {
    let mut b = at.min(line.len());
    // Byte 0 is always a boundary, so this stops.
    while !line.is_char_boundary(b) {
        b -= 1;
    }
    line.get(..b).map_or(0, |s| s.chars().count()) + 1
}

/// A string as a JSON string literal (for quoted attribute values and `cogov text` blocks).
fn quote(s: &str) -> String {
    Value::String(s.to_owned()).to_string()
}
