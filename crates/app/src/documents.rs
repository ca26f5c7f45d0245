//! The eight generated documents of a design, with "Changes since" an older version, and
//! writing them under a folder.

use crate::error::Result;
use crate::files;
use cogov_engine::compile::CompileError;
use cogov_engine::docs::{self, Documents};
use cogov_model::Gco;
use std::path::Path;

/// The documents of `gco` ("Changes since" `since` when given), or the compile gate's refusal
/// (`GOV-P001`: a design with blocking findings has no documents; the refusal is data).
pub fn generate(gco: &Gco, since: Option<&Gco>) -> std::result::Result<Documents, CompileError> {
    docs::generate(gco, since)
}

/// Writes the documents' files (Markdown, HTML, graphs) under `out`, each whole; returns the
/// files written, sorted by path.
pub fn write(documents: &Documents, out: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let listed = documents.files();
    files::write_tree(out, &listed)?;
    Ok(listed)
}
