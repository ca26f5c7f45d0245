//! Errors as the UI receives them: `{code, message}`, codes mirrored in TypeScript.

use cogov_engine::IntakeError;
use cogov_model::ErrorCode;
use serde::Serialize;
use ts_rs::TS;

/// An error of a command: a stable reason code and a message naming the place.
#[derive(Debug, Clone, Serialize, TS, thiserror::Error)]
#[error("{code}: {message}")]
pub struct CommandError {
    /// A stable reason code (`GOV-X…` for inputs, `UI-…` for the shell's own failures).
    pub code: String,
    /// What went wrong, with the file and place when there is one.
    pub message: String,
}

impl CommandError {
    /// An error of the shell itself (not about the user's input).
    pub fn internal(message: impl Into<String>) -> Self {
        CommandError { code: "UI-INTERNAL".into(), message: message.into() }
    }

    /// An intake error about the input called `name`.
    pub fn intake(name: &str, e: &IntakeError) -> Self {
        CommandError { code: e.code.as_str().into(), message: format!("{name}:{}: {}", e.location, e.message) }
    }

    /// An I/O error on `path`.
    pub fn io(path: &str, e: &std::io::Error) -> Self {
        CommandError { code: ErrorCode::Io.as_str().into(), message: format!("{path}: {e}") }
    }
}
