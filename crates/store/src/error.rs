//! Errors of the store. Their reason codes (`GOV-S…`) live in the one catalogue,
//! `cogov_model::ErrorCode`, and so in docs/reason-codes.md.

use cogov_model::ErrorCode;
use std::path::Path;

/// A store operation that failed, with the file it concerns.
#[derive(Debug, thiserror::Error)]
#[error("{code}: {path}: {message}")]
pub struct StoreError {
    /// The stable reason code.
    pub code: ErrorCode,
    /// The database (or other) file.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

impl StoreError {
    /// An error with a code and message about `path`.
    pub fn new(code: ErrorCode, path: &Path, message: impl Into<String>) -> Self {
        StoreError { code, path: path.display().to_string(), message: message.into() }
    }

    /// Wraps a SQLite error.
    pub fn sqlite(path: &Path, e: rusqlite::Error) -> Self {
        // A stored word no record enum knows is its own, typed failure, not a generic one.
        if let Some(u) = crate::record::unknown_value(&e) {
            return StoreError::new(ErrorCode::StoredValueUnknown, path, u.to_string());
        }
        StoreError::new(ErrorCode::Sqlite, path, e.to_string())
    }

    /// Wraps an I/O error.
    pub fn io(path: &Path, e: std::io::Error) -> Self {
        StoreError::new(ErrorCode::Io, path, e.to_string())
    }
}
