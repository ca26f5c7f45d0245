//! The versioned constitution document: a Markdown format with machine-readable blocks.

use crate::error::IntakeError;
use cogov_model::{ErrorCode, Gco};
use serde_json::Value;

/// Reads a constitution document into the GCO's JSON value (checked afterwards by intake).
pub fn parse(_text: &str) -> Result<Value, IntakeError> {
    Err(IntakeError::whole(ErrorCode::ConstitutionSyntax, "not implemented yet"))
}

/// Writes a GCO as a constitution document that [`parse`] reads back to the same GCO.
pub fn export(_gco: &Gco) -> String {
    String::new()
}
