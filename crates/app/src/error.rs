//! The application layer's one error: a typed reason code, the file it concerns, where in it,
//! and what went wrong. Both faces render it at their boundary only: the command line as
//! `error[CODE]: file:line:col: message`, the studio as `{code, message}`.

use cogov_engine::bundle::BundleError;
use cogov_engine::{IntakeError, Location};
use cogov_model::ErrorCode;
use cogov_store::StoreError;

/// What an operation could not do (the command line's exit code 2, the studio's error).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {}: {message}", self.position())]
pub struct Error {
    /// The stable reason code, typed until a face renders it.
    pub code: ErrorCode,
    /// The file (`-` for standard input, the database, a bundle, a target); empty when the
    /// error is about no file (an editor's text, a password).
    pub file: String,
    /// Where in the file: a line and column, a JSON pointer (or a bundle entry), or the whole.
    pub location: Location,
    /// What went wrong.
    pub message: String,
}

/// The application layer's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error about the whole of `file`.
    pub fn new(code: ErrorCode, file: impl Into<String>, message: impl Into<String>) -> Self {
        Error { code, file: file.into(), location: Location::Whole, message: message.into() }
    }

    /// An intake error in `file`.
    pub fn intake(file: impl Into<String>, inner: IntakeError) -> Self {
        Error { code: inner.code, file: file.into(), location: inner.location, message: inner.message }
    }

    /// An I/O failure on `file`.
    pub fn io(file: &str, e: &std::io::Error) -> Self {
        Error::new(ErrorCode::Io, file, e.to_string())
    }

    /// A bundle or key error about `file`, with the entry it names as the place.
    pub fn bundle(file: &str, e: BundleError) -> Self {
        Error {
            code: e.code,
            file: file.to_owned(),
            location: e.entry.map_or(Location::Whole, Location::Pointer),
            message: e.message,
        }
    }

    /// The code's one-line title.
    pub fn title(&self) -> &'static str {
        self.code.title()
    }

    /// The place as `file:line:col`, `file#pointer` or `file`.
    pub fn position(&self) -> String {
        match &self.location {
            Location::LineColumn { line, column } => format!("{}:{line}:{column}", self.file),
            Location::Pointer(p) => format!("{}#{}", self.file, p),
            Location::Whole => self.file.clone(),
        }
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        Error::new(e.code, e.path, e.message)
    }
}

impl From<cogov_deploy::DeployError> for Error {
    fn from(e: cogov_deploy::DeployError) -> Self {
        Error {
            code: e.code,
            file: e.path,
            location: e.entry.map_or(Location::Whole, Location::Pointer),
            message: e.message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_is_rendered_as_file_line_column_or_pointer() {
        let at = Error::intake("d.json", IntakeError::at(ErrorCode::JsonSyntax, 3, 7, "expected `,`"));
        assert_eq!(at.to_string(), "GOV-X005: d.json:3:7: expected `,`");
        let b = Error::bundle("b.tar.gz", BundleError::at(ErrorCode::BundleHashMismatch, "gco.json", "differs"));
        assert_eq!(b.position(), "b.tar.gz#gco.json");
        assert_eq!(b.code, ErrorCode::BundleHashMismatch);
    }
}
