//! The guided onboarding dialogue: a data-driven question script and its answers.

use crate::error::IntakeError;
use cogov_model::ErrorCode;
use serde_json::Value;

/// Whether a JSON value looks like an answers file rather than a GCO.
pub fn is_answers_file(value: &Value) -> bool {
    value.get("answers").is_some() && value.get("identity").is_none()
}

/// Turns an answers file into the GCO's JSON value (checked afterwards by intake).
pub fn answers_to_value(_answers_file: &Value) -> Result<Value, IntakeError> {
    Err(IntakeError::whole(ErrorCode::AnswersInvalid, "not implemented yet"))
}

/// The JSON Schema of the onboarding question script.
pub fn script_schema() -> Value {
    Value::Null
}
