//! OpenZeppelin Governor and TimelockController.

use super::{Answers, Exported, Imported};
use crate::error::IntakeError;
use cogov_model::{ErrorCode, Gco};

/// Reads OpenZeppelin Governor and TimelockController into a design.
pub fn import(bytes: &[u8], answers: &Answers) -> Result<Imported, IntakeError> {
    let _ = (bytes, answers);
    Err(IntakeError::whole(ErrorCode::InteropUnknownKind, "import from governor is not built yet"))
}

/// Writes a design as OpenZeppelin Governor and TimelockController, with the gaps the target cannot hold.
pub fn export(gco: &Gco) -> Result<Exported, IntakeError> {
    let _ = gco;
    Err(IntakeError::whole(ErrorCode::InteropUnknownKind, "export to governor is not built yet"))
}
