//! File dialogs, behind commands so the UI needs no dialog permission of its own.
//!
//! `COGOV_STUDIO_DIALOG_DIR` replaces the native dialog with a fixed answer (open: the file
//! named by `COGOV_STUDIO_DIALOG_OPEN` in that directory; save: the suggested name in it).
//! End-to-end tests use it because a native GTK dialog is outside the webview that
//! WebDriver drives; everything after the dialog (reading, writing, recent files) is real.

use crate::error::CommandError;
use tauri_plugin_dialog::DialogExt;

fn stub_dir() -> Option<std::path::PathBuf> {
    std::env::var_os("COGOV_STUDIO_DIALOG_DIR").map(Into::into)
}

/// Asks for a design to open (GCO JSON or constitution Markdown); `None` when cancelled.
#[tauri::command]
pub async fn pick_open_path(app: tauri::AppHandle) -> Result<Option<String>, CommandError> {
    if let Some(dir) = stub_dir() {
        let name = std::env::var("COGOV_STUDIO_DIALOG_OPEN").unwrap_or_default();
        return Ok((!name.is_empty()).then(|| dir.join(name).display().to_string()));
    }
    let picked = app
        .dialog()
        .file()
        .add_filter("Governance designs", &["json", "md"])
        .add_filter("All files", &["*"])
        .blocking_pick_file();
    Ok(picked.map(|p| p.to_string()))
}

/// Asks where to save a design; `None` when cancelled.
#[tauri::command]
pub async fn pick_save_path(app: tauri::AppHandle, suggested: String) -> Result<Option<String>, CommandError> {
    if let Some(dir) = stub_dir() {
        return Ok(Some(dir.join(&suggested).display().to_string()));
    }
    let picked = app
        .dialog()
        .file()
        .set_file_name(&suggested)
        .add_filter("Governance designs", &["json", "md"])
        .blocking_save_file();
    Ok(picked.map(|p| p.to_string()))
}

/// Asks where to write a bundle (`.tar.gz`); `None` when cancelled.
#[tauri::command]
pub async fn pick_bundle_path(app: tauri::AppHandle, suggested: String) -> Result<Option<String>, CommandError> {
    if let Some(dir) = stub_dir() {
        return Ok(Some(dir.join(&suggested).display().to_string()));
    }
    let picked = app.dialog().file().set_file_name(&suggested).add_filter("Bundles", &["gz"]).blocking_save_file();
    Ok(picked.map(|p| p.to_string()))
}

/// Asks for a secret key file (`cogov.key`); `None` when cancelled.
#[tauri::command]
pub async fn pick_key_path(app: tauri::AppHandle) -> Result<Option<String>, CommandError> {
    if let Some(dir) = stub_dir() {
        let name = std::env::var("COGOV_STUDIO_DIALOG_KEY").unwrap_or_default();
        return Ok((!name.is_empty()).then(|| dir.join(name).display().to_string()));
    }
    let picked =
        app.dialog().file().add_filter("Secret keys", &["key"]).add_filter("All files", &["*"]).blocking_pick_file();
    Ok(picked.map(|p| p.to_string()))
}

/// Asks for a directory (a key's home, a deploy target); the stub answers `suggested` in its
/// directory. `None` when cancelled.
#[tauri::command]
pub async fn pick_directory(app: tauri::AppHandle, suggested: String) -> Result<Option<String>, CommandError> {
    if let Some(dir) = stub_dir() {
        return Ok(Some(dir.join(&suggested).display().to_string()));
    }
    let picked = app.dialog().file().blocking_pick_folder();
    Ok(picked.map(|p| p.to_string()))
}
