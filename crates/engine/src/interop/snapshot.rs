//! Snapshot space settings.

use super::{Answers, Exported, Imported};
use crate::error::IntakeError;
use cogov_model::{ErrorCode, Gco};

/// Reads Snapshot space settings into a design.
pub fn import(bytes: &[u8], answers: &Answers) -> Result<Imported, IntakeError> {
    let _ = (bytes, answers);
    Err(IntakeError::whole(ErrorCode::InteropUnknownKind, "import from snapshot is not built yet"))
}

/// Writes a design as Snapshot space settings, with the gaps the target cannot hold.
pub fn export(gco: &Gco) -> Result<Exported, IntakeError> {
    let _ = gco;
    Err(IntakeError::whole(ErrorCode::InteropUnknownKind, "export to snapshot is not built yet"))
}
