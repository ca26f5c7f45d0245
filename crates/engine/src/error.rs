//! Errors of the intake machinery: inputs that cannot be read at all (exit code 2).
//!
//! Findings about a design that *can* be read are not errors: they are [`cogov_model::Finding`]s.

use cogov_model::ErrorCode;

/// Where in the input an error is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A line and column, both 1-based.
    LineColumn {
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
    },
    /// A JSON pointer into the value.
    Pointer(String),
    /// The input as a whole.
    Whole,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::LineColumn { line, column } => write!(f, "{line}:{column}"),
            Location::Pointer(p) if p.is_empty() => f.write_str("(root)"),
            Location::Pointer(p) => f.write_str(p),
            Location::Whole => f.write_str("(whole input)"),
        }
    }
}

/// An input that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message} at {location}")]
pub struct IntakeError {
    /// The stable reason code.
    pub code: ErrorCode,
    /// Where the problem is.
    pub location: Location,
    /// What is wrong.
    pub message: String,
}

impl IntakeError {
    /// An error at a line and column.
    pub fn at(code: ErrorCode, line: usize, column: usize, message: impl Into<String>) -> Self {
        IntakeError { code, location: Location::LineColumn { line, column }, message: message.into() }
    }

    /// An error at a JSON pointer.
    pub fn at_pointer(code: ErrorCode, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        IntakeError { code, location: Location::Pointer(pointer.into()), message: message.into() }
    }

    /// An error about the whole input.
    pub fn whole(code: ErrorCode, message: impl Into<String>) -> Self {
        IntakeError { code, location: Location::Whole, message: message.into() }
    }
}
