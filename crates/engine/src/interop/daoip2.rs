//! DAOIP-2 daoURI documents.

use super::Exported;
use crate::error::IntakeError;
use cogov_model::{ErrorCode, Gco};

/// Writes a design as DAOIP-2 daoURI documents, with the gaps the target cannot hold.
pub fn export(gco: &Gco) -> Result<Exported, IntakeError> {
    let _ = gco;
    Err(IntakeError::whole(ErrorCode::InteropUnknownKind, "export to daoip2 is not built yet"))
}
