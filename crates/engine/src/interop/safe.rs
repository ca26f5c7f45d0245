//! Safe owners and threshold, Zodiac Roles, Transaction Builder batches.

use super::{Answers, Exported, Imported};
use crate::error::IntakeError;
use cogov_model::{ErrorCode, Gco};

/// Reads Safe owners and threshold, Zodiac Roles, Transaction Builder batches into a design.
pub fn import(bytes: &[u8], answers: &Answers) -> Result<Imported, IntakeError> {
    let _ = (bytes, answers);
    Err(IntakeError::whole(ErrorCode::InteropUnknownKind, "import from safe is not built yet"))
}

/// Writes a design as Safe owners and threshold, Zodiac Roles, Transaction Builder batches, with the gaps the target cannot hold.
pub fn export(gco: &Gco) -> Result<Exported, IntakeError> {
    let _ = gco;
    Err(IntakeError::whole(ErrorCode::InteropUnknownKind, "export to safe is not built yet"))
}
