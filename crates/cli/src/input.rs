//! Reading inputs from disk, within the engine's size limit, with errors that name the file.

use cogov_engine::intake::{Document, InputKind};
use cogov_model::Gco;
use std::path::Path;

/// An error of the command line (exit code 2): the application layer's error, rendered by
/// [`crate::output::print_error`].
pub use cogov_app::Error as CliError;

/// Reads a file (or standard input for `-`), refusing more than the engine's limit
/// without reading the rest.
pub fn read_bounded(path: &str) -> Result<Vec<u8>, CliError> {
    cogov_app::files::read_input(path)
}

/// Reads and interprets any input the engine accepts.
pub fn load(path: &str) -> Result<(InputKind, Document), CliError> {
    cogov_app::files::load(path)
}

/// Reads an input that must be a readable GCO.
pub fn load_gco(path: &str) -> Result<Gco, CliError> {
    cogov_app::files::load_gco(path)
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
        Some(p) => cogov_app::files::write_atomic(p, text.as_bytes()),
    }
}
