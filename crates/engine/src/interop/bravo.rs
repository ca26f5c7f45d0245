//! GovernorBravo / Compound-style parameters.

use super::{Answers, Imported};
use crate::error::IntakeError;
use cogov_model::ErrorCode;

/// Reads GovernorBravo / Compound-style parameters into a design.
pub fn import(bytes: &[u8], answers: &Answers) -> Result<Imported, IntakeError> {
    let _ = (bytes, answers);
    Err(IntakeError::whole(ErrorCode::InteropUnknownKind, "import from bravo is not built yet"))
}
