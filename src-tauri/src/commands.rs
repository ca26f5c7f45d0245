//! The Tauri commands: thin adapters that parse the transport types, call the engine and
//! return plain data. Nothing here decides anything about a design.

use crate::error::CommandError;
use crate::examples::{self, ExampleInfo};
use crate::handles::{FileRef, HandleTable, Kind, Purpose, Use};
use cogov_engine::intake::{self, InputKind};
use cogov_engine::topology::{self, Graph};
use cogov_engine::validate::{self, Report};
use serde::Serialize;
use std::path::{Path, PathBuf};
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

fn recent_file(app: &tauri::AppHandle) -> Result<PathBuf, CommandError> {
    let dir = app.path().app_config_dir().map_err(|e| CommandError::internal(e.to_string()))?;
    Ok(dir.join("recent.json"))
}

/// Reads a design file chosen in the open dialog (at most the engine's input limit) and
/// remembers it.
#[tauri::command]
pub fn read_design(
    app: tauri::AppHandle,
    handles: tauri::State<'_, HandleTable>,
    handle: String,
) -> Result<String, CommandError> {
    read_design_with(&handles, &recent_file(&app)?, &handle)
}

/// [`read_design`] over a handle table and a recent list: the handle first, then the file.
pub fn read_design_with(handles: &HandleTable, recent: &Path, handle: &str) -> Result<String, CommandError> {
    let path = handles.check(handle, Use::ReadDesign)?;
    let name = path.display().to_string();
    // The same bounded reader as the command line's (refused past the engine's input limit).
    let bytes = cogov_app::files::read_input(&name)?;
    let text = cogov_engine::limits::decode_utf8(&bytes).map_err(|e| CommandError::intake(&name, &e))?.to_owned();
    crate::recent::touch(recent, &name)?;
    Ok(text)
}

/// Writes a design file chosen in the save dialog (or opened: Save writes it back)
/// atomically and remembers it.
#[tauri::command]
pub fn write_design(
    app: tauri::AppHandle,
    handles: tauri::State<'_, HandleTable>,
    handle: String,
    text: String,
) -> Result<(), CommandError> {
    write_design_with(&handles, &recent_file(&app)?, &handle, &text)
}

/// [`write_design`] over a handle table and a recent list.
pub fn write_design_with(handles: &HandleTable, recent: &Path, handle: &str, text: &str) -> Result<(), CommandError> {
    let path = handles.check(handle, Use::WriteDesign)?;
    let name = path.display().to_string();
    cogov_app::files::write_atomic(&path, text.as_bytes())?;
    crate::recent::touch(recent, &name)?;
    Ok(())
}

/// Writes an exported picture or document (base64-encoded by the UI) atomically to a file
/// chosen in the export dialog. Exports are not designs, so they stay out of the recent files.
#[tauri::command]
pub fn write_export(
    handles: tauri::State<'_, HandleTable>,
    handle: String,
    base64: String,
) -> Result<(), CommandError> {
    write_export_with(&handles, &handle, &base64)
}

/// [`write_export`] over a handle table.
pub fn write_export_with(handles: &HandleTable, handle: &str, base64: &str) -> Result<(), CommandError> {
    use base64::Engine as _;
    let path = handles.check(handle, Use::WriteExport)?;
    let name = path.display().to_string();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64.as_bytes())
        .map_err(|e| CommandError::internal(format!("{name}: the export is not valid base64: {e}")))?;
    Ok(cogov_app::files::write_atomic(&path, &bytes)?)
}

/// The recent files, most recent first, each with a handle to re-open it by.
#[tauri::command]
pub fn recent_files(
    app: tauri::AppHandle,
    handles: tauri::State<'_, HandleTable>,
) -> Result<Vec<FileRef>, CommandError> {
    recent_files_with(&handles, &recent_file(&app)?)
}

/// [`recent_files`] over a handle table: the backend mints the handles, so the page cannot
/// forge an entry.
pub fn recent_files_with(handles: &HandleTable, recent: &Path) -> Result<Vec<FileRef>, CommandError> {
    crate::recent::load(recent)
        .into_iter()
        .map(|p| handles.mint(PathBuf::from(p), Kind::OpenFile, Purpose::Design).map_err(Into::into))
        .collect()
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
        let path = dir.join("graph.svg");
        let handles = HandleTable::default();
        let h = handles.mint(path.clone(), Kind::SaveFile, Purpose::Export).expect("mint").handle;
        // "<svg/>" in base64.
        write_export_with(&handles, &h, "PHN2Zy8+").expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "<svg/>");
        let err = write_export_with(&handles, &h, "not base64!").expect_err("refused");
        assert_eq!(err.code, "UI-INTERNAL");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "<svg/>", "a refused export leaves the file alone");
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn designs_open_save_and_come_back_from_the_recent_list_by_handle() {
        let dir = std::env::temp_dir().join(format!("cogov-design-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("tmp");
        let (design, recent) = (dir.join("d.json"), dir.join("recent.json"));
        let handles = HandleTable::default();
        let save = handles.mint(design.clone(), Kind::SaveFile, Purpose::Design).expect("mint");
        write_design_with(&handles, &recent, &save.handle, "{}\n").expect("saved");
        let listed = recent_files_with(&handles, &recent).expect("recent");
        assert_eq!(listed.len(), 1);
        assert_eq!(
            (listed[0].name.as_str(), listed[0].path.as_str()),
            ("d.json", design.display().to_string().as_str())
        );
        assert_ne!(listed[0].handle, save.handle, "the recent entry is an open handle of its own");
        assert_eq!(read_design_with(&handles, &recent, &listed[0].handle).expect("read"), "{}\n");
        // Save writes back over the file that was opened.
        write_design_with(&handles, &recent, &listed[0].handle, "[]\n").expect("saved again");
        assert_eq!(std::fs::read_to_string(&design).expect("read"), "[]\n");
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
