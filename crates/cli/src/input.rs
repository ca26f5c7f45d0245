//! Reading inputs from disk, within the engine's size limit, with errors that name the file.

use cogov_engine::intake::{self, Document, InputKind};
use cogov_engine::{IntakeError, Location, limits};
use cogov_model::{ErrorCode, Gco};
use std::io::Read;
use std::path::Path;

/// An error of the command line (exit code 2): a stable reason code, the file it concerns,
/// where in it, and what went wrong.
#[derive(Debug, thiserror::Error)]
#[error("{code}: {}: {message}", self.position())]
pub struct CliError {
    /// The file (`-` for standard input, or the database).
    pub file: String,
    /// The stable reason code, e.g. `GOV-X005` or `GOV-S002`.
    pub code: &'static str,
    /// The code's one-line title.
    pub title: &'static str,
    /// Where in the file.
    pub location: Location,
    /// What went wrong.
    pub message: String,
}

impl CliError {
    /// An intake error in `file`.
    pub fn intake(file: impl Into<String>, inner: IntakeError) -> Self {
        CliError {
            file: file.into(),
            code: inner.code.as_str(),
            title: inner.code.title(),
            location: inner.location,
            message: inner.message,
        }
    }

    /// An I/O failure on `file`.
    pub fn io(file: &str, e: &std::io::Error) -> Self {
        CliError::intake(file, IntakeError::whole(ErrorCode::Io, e.to_string()))
    }

    /// An error with a location rendered as `file:line:col` or `file#pointer`.
    pub fn position(&self) -> String {
        match &self.location {
            Location::LineColumn { line, column } => format!("{}:{line}:{column}", self.file),
            Location::Pointer(p) => format!("{}#{}", self.file, p),
            Location::Whole => self.file.clone(),
        }
    }
}

/// Reads a file (or standard input for `-`), refusing more than the engine's limit
/// without reading the rest.
pub fn read_bounded(path: &str) -> Result<Vec<u8>, CliError> {
    let limit = limits::MAX_INPUT_BYTES as u64 + 1;
    let mut buf = Vec::new();
    let res = if path == "-" {
        std::io::stdin().take(limit).read_to_end(&mut buf)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut buf))
    };
    res.map_err(|e| CliError::io(path, &e))?;
    limits::check_size(&buf).map_err(|inner| CliError::intake(path.to_owned(), inner))?;
    Ok(buf)
}

/// Reads and interprets any input the engine accepts.
pub fn load(path: &str) -> Result<(InputKind, Document), CliError> {
    let bytes = read_bounded(path)?;
    intake::load(path, &bytes).map_err(|inner| CliError::intake(path.to_owned(), inner))
}

/// Reads an input that must be a readable GCO.
pub fn load_gco(path: &str) -> Result<Gco, CliError> {
    let (_, doc) = load(path)?;
    doc.into_gco().map_err(|inner| CliError::intake(path.to_owned(), inner))
}

/// Writes `text` to `path` (or standard output for `-` or no path), replacing it atomically.
pub fn write_output(path: Option<&Path>, text: &str) -> Result<(), CliError> {
    match path {
        None => {
            crate::output::print_exact(text);
            Ok(())
        }
        Some(p) if p.as_os_str() == "-" => {
            crate::output::print_exact(text);
            Ok(())
        }
        Some(p) => {
            let name = p.display().to_string();
            cogov_store::files::write_atomic(p, text.as_bytes(), cogov_store::files::Access::Shared)
                .map_err(|e| CliError::io(&name, &e))
        }
    }
}
