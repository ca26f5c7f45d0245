//! Errors as the UI receives them: `{code, message}`, codes mirrored in TypeScript. The code
//! stays typed ([`Reason`]) inside the studio and becomes its string only when serialised.

use cogov_engine::IntakeError;
use cogov_model::ErrorCode;
use serde::Serialize;
use ts_rs::TS;

/// A reason code as the studio reports it: the engine's typed code, or a failure of the shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// A code of the catalogue (`GOV-…`).
    Code(ErrorCode),
    /// The shell's own failure (`UI-INTERNAL`): not about the user's input.
    Internal,
}

impl Reason {
    /// The stable string, e.g. `GOV-X005` or `UI-INTERNAL`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Code(c) => c.as_str(),
            Reason::Internal => "UI-INTERNAL",
        }
    }
}

impl From<ErrorCode> for Reason {
    fn from(c: ErrorCode) -> Self {
        Reason::Code(c)
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for Reason {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<ErrorCode> for Reason {
    fn eq(&self, other: &ErrorCode) -> bool {
        *self == Reason::Code(*other)
    }
}

/// An error of a command: a stable reason code and a message naming the place.
#[derive(Debug, Clone, Serialize, TS, thiserror::Error)]
#[error("{code}: {message}")]
pub struct CommandError {
    /// A stable reason code (`GOV-X…` for inputs, `UI-…` for the shell's own failures).
    #[ts(type = "string")]
    pub code: Reason,
    /// What went wrong, with the file and place when there is one.
    pub message: String,
}

impl CommandError {
    /// An error with a catalogue code.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        CommandError { code: code.into(), message: message.into() }
    }

    /// An error of the shell itself (not about the user's input).
    pub fn internal(message: impl Into<String>) -> Self {
        CommandError { code: Reason::Internal, message: message.into() }
    }

    /// An intake error about the input called `name`.
    pub fn intake(name: &str, e: &IntakeError) -> Self {
        CommandError::new(e.code, format!("{name}:{}: {}", e.location, e.message))
    }

    /// An I/O error on `path`.
    pub fn io(path: &str, e: &std::io::Error) -> Self {
        CommandError::new(ErrorCode::Io, format!("{path}: {e}"))
    }
}

/// The application layer's error, its place folded into the message (`file:line:col: …`,
/// `file#entry: …`); an error about no file is its message alone.
impl From<cogov_app::Error> for CommandError {
    fn from(e: cogov_app::Error) -> Self {
        let place = e.position();
        let message = if place.is_empty() { e.message } else { format!("{place}: {}", e.message) };
        CommandError::new(e.code, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_is_typed_inside_and_a_string_on_the_wire() {
        let e = CommandError::new(ErrorCode::UnknownVersion, "no 9.9.9");
        assert_eq!(e.code, ErrorCode::UnknownVersion);
        assert_eq!(
            serde_json::to_value(&e).expect("json"),
            serde_json::json!({"code": "GOV-S013", "message": "no 9.9.9"})
        );
        let i = serde_json::to_value(CommandError::internal("x")).expect("json");
        assert_eq!(i["code"], "UI-INTERNAL");
    }
}
