//! Import from and export to the systems governance runs on (`cogov_engine::interop`): the
//! files read bounded, the exported files written under one folder with the safe writer.

use crate::error::{Error, Result};
use crate::files;
use cogov_engine::IntakeError;
use cogov_engine::interop::{self, Answers, ExportOptions, Exported, Imported, Kind};
use cogov_model::{ErrorCode, Gco};
use std::path::Path;

pub use cogov_engine::interop::Kind as InteropKind;

/// `KEY=VALUE` pairs as answers; a value that is not JSON is taken as a string (`GOV-X103`
/// for a pair without `=`).
pub fn parse_answers(raw: &[String]) -> Result<Answers> {
    let mut answers = Answers::new();
    for pair in raw {
        let Some((key, value)) = pair.split_once('=') else {
            let e = IntakeError::whole(ErrorCode::InteropAnswer, format!("`{pair}` is not KEY=VALUE"));
            return Err(Error::intake("--answer", e));
        };
        answers.insert(key.trim().to_owned(), answer_value(value));
    }
    Ok(answers)
}

/// An answer as typed: JSON when it parses as JSON (`0.04`, `true`, `["a"]`), else the text
/// itself as a string, so that `name=Harbour` needs no quotes.
pub fn answer_value(raw: &str) -> serde_json::Value {
    serde_json::from_str(raw).unwrap_or_else(|_| serde_json::Value::String(raw.to_owned()))
}

/// Reads `path` (bounded) as `kind`'s configuration and builds the design, its gaps and the
/// questions it may ask.
pub fn import(kind: Kind, path: &str, answers: &Answers) -> Result<Imported> {
    let bytes = files::read_input(path)?;
    interop::import(kind, &bytes, answers).map_err(|e| Error::intake(path, e))
}

/// Exports `gco` as `kind`'s files into `out` (created if missing), each written whole;
/// an inexact export is refused (`GOV-X102`) unless `accept_inexact`. `name` names the
/// design in errors.
pub fn export(kind: Kind, name: &str, gco: &Gco, out: &Path, accept_inexact: bool) -> Result<Exported> {
    let exported = interop::export(kind, gco, ExportOptions { accept_inexact }).map_err(|e| Error::intake(name, e))?;
    let listed: Vec<(String, Vec<u8>)> = exported.files.iter().map(|f| (f.path.clone(), f.bytes.clone())).collect();
    files::write_tree(out, &listed)?;
    Ok(exported)
}
