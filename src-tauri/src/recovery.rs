//! The recovery copy: while a design has unsaved changes the page keeps a copy of its text in
//! the app's data folder; the copy is dropped when the design is saved or replaced on
//! purpose, and offered on the next start when the studio crashed or was closed without
//! saving. Closing the window with unsaved changes asks first (natively; the copy stays).

use crate::error::CommandError;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::Manager;
use ts_rs::TS;

/// The name of the recovery copy in the app's data folder.
const FILE: &str = "recovery.json";

/// An unsaved design kept for recovery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Recovery {
    /// The design's name in the studio (file name or `untitled.json`).
    pub name: String,
    /// Its text when last kept.
    pub text: String,
    /// When it was kept, in milliseconds since 1970 (the file's modification time).
    #[serde(default)]
    #[ts(type = "number")]
    pub kept_ms: u64,
}

/// Which design has unsaved changes, if any: the window's close asks about it.
#[derive(Default)]
pub struct Unsaved(pub Mutex<Option<String>>);

fn file(app: &tauri::AppHandle) -> Result<PathBuf, CommandError> {
    let dir = app.path().app_data_dir().map_err(|e| CommandError::internal(e.to_string()))?;
    Ok(dir.join(FILE))
}

/// Keeps the text of the design with unsaved changes (replacing the previous copy atomically).
#[tauri::command]
pub fn recovery_keep(
    app: tauri::AppHandle,
    unsaved: tauri::State<'_, Unsaved>,
    name: String,
    text: String,
) -> Result<(), CommandError> {
    keep_at(&file(&app)?, &name, &text)?;
    *unsaved.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(name);
    Ok(())
}

/// Drops the recovery copy: the design was saved, or replaced on purpose.
#[tauri::command]
pub fn recovery_drop(app: tauri::AppHandle, unsaved: tauri::State<'_, Unsaved>) -> Result<(), CommandError> {
    *unsaved.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    drop_at(&file(&app)?)
}

/// The recovery copy left by an earlier session, if any (it stays until kept or dropped).
#[tauri::command]
pub fn recovery_find(app: tauri::AppHandle) -> Result<Option<Recovery>, CommandError> {
    find_at(&file(&app)?)
}

/// [`recovery_keep`] at a path.
pub fn keep_at(path: &Path, name: &str, text: &str) -> Result<(), CommandError> {
    let shown = path.display().to_string();
    if text.len() > cogov_engine::limits::MAX_INPUT_BYTES {
        return Err(CommandError::intake(
            "the design",
            &cogov_engine::IntakeError::whole(cogov_model::ErrorCode::TooLarge, "too large to keep a recovery copy"),
        ));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| CommandError::io(&shown, &e))?;
    }
    let copy = Recovery { name: name.into(), text: text.into(), kept_ms: 0 };
    let bytes = serde_json::to_vec(&copy).map_err(|e| CommandError::internal(e.to_string()))?;
    Ok(cogov_app::files::write_atomic(path, &bytes)?)
}

/// [`recovery_drop`] at a path; a missing copy is not an error.
pub fn drop_at(path: &Path) -> Result<(), CommandError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(CommandError::io(&path.display().to_string(), &e)),
        _ => Ok(()),
    }
}

/// [`recovery_find`] at a path: a copy that cannot be read is reported, not offered.
pub fn find_at(path: &Path) -> Result<Option<Recovery>, CommandError> {
    let shown = path.display().to_string();
    let f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(CommandError::io(&shown, &e)),
    };
    let kept_ms = f
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_millis() as u64);
    let mut bytes = Vec::new();
    // The copy holds at most one design plus its name; anything larger is not ours.
    f.take(2 * cogov_engine::limits::MAX_INPUT_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| CommandError::io(&shown, &e))?;
    let copy: Recovery = serde_json::from_slice(&bytes).map_err(|e| CommandError {
        code: cogov_model::ErrorCode::JsonSyntax.into(),
        message: format!("{shown}: the recovery copy cannot be read: {e}"),
    })?;
    Ok(Some(Recovery { kept_ms, ..copy }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_copy_is_found_until_dropped() {
        let dir = std::env::temp_dir().join(format!("cogov-recovery-{}", std::process::id()));
        let path = dir.join(FILE);
        assert_eq!(find_at(&path).expect("no copy is no error"), None);
        keep_at(&path, "coop.json", "{\"a\": 1}").expect("keep");
        keep_at(&path, "coop.json", "{\"a\": 2}").expect("keep again");
        let found = find_at(&path).expect("find").expect("a copy");
        assert_eq!((found.name.as_str(), found.text.as_str()), ("coop.json", "{\"a\": 2}"));
        assert!(found.kept_ms > 0, "the copy's time is its file's");
        drop_at(&path).expect("drop");
        assert_eq!(find_at(&path).expect("find"), None);
        drop_at(&path).expect("dropping twice is fine");
        std::fs::write(&path, b"not json").expect("write");
        assert_eq!(find_at(&path).expect_err("a broken copy is reported").code.as_str(), "GOV-X005");
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Asks before the window closes with unsaved changes to `name`: close (the recovery copy
/// stays and is offered on the next start) or keep working. With the dialog stub of the
/// end-to-end tests (`COGOV_STUDIO_DIALOG_DIR`) the answer is the text of `close-answer.txt` in
/// the stub's folder, else `COGOV_STUDIO_DIALOG_CLOSE` (`close`, or anything else to keep
/// working), and the question is written to `close-asked.txt` there so a test can see it was
/// asked. The file lets one test give both answers in one session.
pub fn ask_close(window: &tauri::Window, name: &str) {
    use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};
    let question = format!(
        "{name} has unsaved changes. A recovery copy is kept and offered when the studio starts again. Close anyway?"
    );
    if let Some(dir) = std::env::var_os("COGOV_STUDIO_DIALOG_DIR").map(PathBuf::from) {
        let _ = std::fs::write(dir.join("close-asked.txt"), &question);
        let answer = std::fs::read_to_string(dir.join("close-answer.txt"))
            .ok()
            .or_else(|| std::env::var("COGOV_STUDIO_DIALOG_CLOSE").ok())
            .unwrap_or_default();
        if answer.trim() == "close" {
            let _ = window.destroy();
        }
        return;
    }
    let w = window.clone();
    window
        .dialog()
        .message(question)
        .title("Unsaved changes")
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::OkCancelCustom("Close".into(), "Keep working".into()))
        .show(move |close| {
            if close {
                let _ = w.destroy();
            }
        });
}
