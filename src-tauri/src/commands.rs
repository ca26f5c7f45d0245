//! The Tauri commands: thin adapters that parse the transport types, call the engine and
//! return plain data. Nothing here decides anything about a design.

use crate::error::CommandError;
use crate::examples::{self, ExampleInfo};
use cogov_engine::intake::{self, InputKind};
use cogov_engine::topology::{self, Graph};
use cogov_engine::validate::{self, Report};
use serde::Serialize;
use tauri::Manager;
use ts_rs::TS;

/// What the editor gets back on every (debounced) keystroke.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Validation {
    /// What the text was read as: `gco`, `constitution` or `answers`.
    #[ts(type = "\"gco\" | \"constitution\" | \"answers\"")]
    pub kind: String,
    /// The validation report.
    pub report: Report,
    /// The GCO the input became, for constitution documents and answers files (the editor
    /// already holds a GCO text, so it is not sent back for those).
    #[ts(type = "unknown | null")]
    pub gco: Option<serde_json::Value>,
}

fn kind_name(k: InputKind) -> &'static str {
    match k {
        InputKind::Gco => "gco",
        InputKind::Constitution => "constitution",
        InputKind::Answers => "answers",
    }
}

/// Validates the editor's text (a GCO, a constitution document or an answers file). Runs off
/// the main thread, so the window keeps painting while a large design is validated.
#[tauri::command(async)]
pub fn validate_text(name: String, text: String) -> Result<Validation, CommandError> {
    let (kind, doc) = intake::load(&name, text.as_bytes()).map_err(|e| CommandError::intake(&name, &e))?;
    let report = validate::report(&doc);
    let gco = if kind == InputKind::Gco { None } else { doc.gco.map(|g| g.to_value()) };
    Ok(Validation { kind: kind_name(kind).into(), report, gco })
}

/// The GCO's JSON Schema (the editor's forms are generated from it).
#[tauri::command]
pub fn gco_schema() -> serde_json::Value {
    cogov_model::gco_schema()
}

/// The shipped examples.
#[tauri::command]
pub fn examples() -> Vec<ExampleInfo> {
    examples::list()
}

/// The text of one example.
#[tauri::command]
pub fn example_text(id: String) -> Result<String, CommandError> {
    examples::text(&id).map(str::to_owned).ok_or_else(|| CommandError::internal(format!("no example `{id}`")))
}

fn recent_file(app: &tauri::AppHandle) -> Result<std::path::PathBuf, CommandError> {
    let dir = app.path().app_config_dir().map_err(|e| CommandError::internal(e.to_string()))?;
    Ok(dir.join("recent.json"))
}

/// Reads a design file (at most the engine's input limit) and remembers it.
#[tauri::command]
pub fn read_design(app: tauri::AppHandle, path: String) -> Result<String, CommandError> {
    let bytes = std::fs::read(&path).map_err(|e| CommandError::io(&path, &e))?;
    cogov_engine::limits::check_size(&bytes).map_err(|e| CommandError::intake(&path, &e))?;
    let text = cogov_engine::limits::decode_utf8(&bytes).map_err(|e| CommandError::intake(&path, &e))?.to_owned();
    crate::recent::touch(&recent_file(&app)?, &path).map_err(|e| CommandError::io(&path, &e))?;
    Ok(text)
}

/// Writes a design file atomically (a temporary file renamed over the target) and remembers it.
#[tauri::command]
pub fn write_design(app: tauri::AppHandle, path: String, text: String) -> Result<(), CommandError> {
    crate::atomic::write(std::path::Path::new(&path), text.as_bytes()).map_err(|e| CommandError::io(&path, &e))?;
    crate::recent::touch(&recent_file(&app)?, &path).map_err(|e| CommandError::io(&path, &e))?;
    Ok(())
}

/// Writes an exported picture (PNG or SVG, base64-encoded by the UI) atomically. Exports are
/// not designs, so they stay out of the recent files.
#[tauri::command]
pub fn write_export(path: String, base64: String) -> Result<(), CommandError> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64.as_bytes())
        .map_err(|e| CommandError::internal(format!("{path}: the export is not valid base64: {e}")))?;
    crate::atomic::write(std::path::Path::new(&path), &bytes).map_err(|e| CommandError::io(&path, &e))
}

/// The recent files, most recent first.
#[tauri::command]
pub fn recent_files(app: tauri::AppHandle) -> Result<Vec<String>, CommandError> {
    Ok(crate::recent::load(&recent_file(&app)?))
}

/// The topology graph of the design in the editor, members grouped or every one drawn.
#[tauri::command(async)]
pub fn topology(text: String, members: Option<topology::Members>) -> Result<Graph, CommandError> {
    let (_, doc) = intake::load("design.json", text.as_bytes()).map_err(|e| CommandError::intake("design", &e))?;
    let gco = doc.into_gco().map_err(|e| CommandError::intake("design", &e))?;
    Ok(topology::graph_with(&gco, members.unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_are_decoded_and_written_whole() {
        let dir = std::env::temp_dir().join(format!("cogov-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("tmp");
        let path = dir.join("graph.svg").display().to_string();
        // "<svg/>" in base64.
        write_export(path.clone(), "PHN2Zy8+".into()).expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "<svg/>");
        let err = write_export(path.clone(), "not base64!".into()).expect_err("refused");
        assert_eq!(err.code, "UI-INTERNAL");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "<svg/>", "a refused export leaves the file alone");
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn validate_text_reports_like_the_cli() {
        let text = crate::examples::text("token-dao").expect("example");
        let v = validate_text("token-dao.json".into(), text.into()).expect("valid JSON");
        assert_eq!(v.kind, "gco");
        assert_eq!(v.report.compliance_score, 100);
        assert!(v.gco.is_none(), "a GCO's own text is not sent back");
        let err = validate_text("bad.json".into(), "{\n  \"a\": }".into()).expect_err("syntax error");
        assert_eq!(err.code, "GOV-X005");
        assert!(err.message.starts_with("bad.json:2:"), "{}", err.message);
    }
}
