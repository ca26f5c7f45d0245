//! Reading inputs from disk, within the engine's size limit, with errors that name the file.

use cogov_engine::intake::{self, Document, InputKind};
use cogov_engine::{IntakeError, Location, limits};
use cogov_model::{ErrorCode, Gco};
use std::io::Read;
use std::path::Path;

/// An error of the command line: an intake error with the file it happened in.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {inner}")]
pub struct CliError {
    /// The file (or `-` for standard input).
    pub file: String,
    /// What went wrong where.
    pub inner: IntakeError,
}

impl CliError {
    /// An I/O failure on `file`.
    pub fn io(file: &str, e: &std::io::Error) -> Self {
        CliError { file: file.to_owned(), inner: IntakeError::whole(ErrorCode::Io, e.to_string()) }
    }

    /// An error with a location rendered as `file:line:col` or `file#pointer`.
    pub fn position(&self) -> String {
        match &self.inner.location {
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
    limits::check_size(&buf).map_err(|inner| CliError { file: path.to_owned(), inner })?;
    Ok(buf)
}

/// Reads and interprets any input the engine accepts.
pub fn load(path: &str) -> Result<(InputKind, Document), CliError> {
    let bytes = read_bounded(path)?;
    intake::load(path, &bytes).map_err(|inner| CliError { file: path.to_owned(), inner })
}

/// Reads an input that must be a readable GCO.
pub fn load_gco(path: &str) -> Result<Gco, CliError> {
    let (_, doc) = load(path)?;
    doc.into_gco().map_err(|inner| CliError { file: path.to_owned(), inner })
}

/// Writes `text` to `path` (or standard output for `-` or no path), replacing it atomically.
pub fn write_output(path: Option<&Path>, text: &str) -> Result<(), CliError> {
    match path {
        None => {
            print!("{text}");
            Ok(())
        }
        Some(p) if p.as_os_str() == "-" => {
            print!("{text}");
            Ok(())
        }
        Some(p) => {
            let name = p.display().to_string();
            let tmp = p.with_extension("cogov-tmp");
            std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, p)).map_err(|e| CliError::io(&name, &e))
        }
    }
}
