//! File dialogs, behind commands so the UI needs no dialog permission of its own. They are
//! the only way a path enters the backend: each answer is minted into an opaque handle
//! ([`crate::handles`]) bound to the dialog's kind and purpose; the page sees the handle and
//! the path as text to show, never a path it could pass back.
//!
//! `COGOV_STUDIO_DIALOG_DIR` replaces the native dialog with a fixed answer (open: the file
//! named by `COGOV_STUDIO_DIALOG_OPEN`, `…_BUNDLE`, `…_KEY`, `…_PUBKEY` or `…_INTEROP` in that directory;
//! save and folders: the suggested name's last component in it). End-to-end tests use it
//! because a native GTK dialog is outside the webview that WebDriver drives; the stub's
//! answer is minted into a handle exactly as the native one, and everything after the dialog
//! (reading, writing, recent files) is real.

use crate::error::CommandError;
use crate::handles::{FileRef, HandleTable, Kind, Purpose};
use cogov_model::ErrorCode;
use std::path::PathBuf;
use tauri_plugin_dialog::{DialogExt, FilePath};

fn stub_dir() -> Option<PathBuf> {
    std::env::var_os("COGOV_STUDIO_DIALOG_DIR").map(Into::into)
}

/// The stub's answer to an open dialog: the file the variable `var` names in the stub
/// directory, `None` (cancelled) when it names none.
fn stub_open(dir: PathBuf, var: &str) -> Option<PathBuf> {
    let name = std::env::var(var).unwrap_or_default();
    (!name.is_empty()).then(|| dir.join(name))
}

/// The stub's answer to a save or folder dialog: the suggested name's last component in the
/// stub directory, so that the page cannot steer even the stub outside it.
fn stub_save(dir: PathBuf, suggested: &str) -> Option<PathBuf> {
    std::path::Path::new(suggested).file_name().map(|n| dir.join(n))
}

fn chosen(picked: Option<FilePath>) -> Result<Option<PathBuf>, CommandError> {
    picked
        .map(|p| p.into_path().map_err(|e| CommandError::internal(format!("the dialog's answer is not a path: {e}"))))
        .transpose()
}

/// Mints the dialog's answer (if any) into a handle.
fn mint(
    handles: &HandleTable,
    path: Option<PathBuf>,
    kind: Kind,
    purpose: Purpose,
) -> Result<Option<FileRef>, CommandError> {
    path.map(|p| handles.mint(p, kind, purpose).map_err(Into::into)).transpose()
}

/// A file filter of a dialog: its name and extensions.
type Filter = (&'static str, &'static [&'static str]);

/// Asks for an existing file (`stub_var` names the stub's answer) with `filters` and "All
/// files"; the answer is minted for `purpose`.
fn pick_file(
    app: &tauri::AppHandle,
    handles: &HandleTable,
    title: &str,
    filters: &[Filter],
    stub_var: &str,
    purpose: Purpose,
) -> Result<Option<FileRef>, CommandError> {
    let path = match stub_dir() {
        Some(dir) => stub_open(dir, stub_var),
        None => {
            let mut dialog = app.dialog().file().set_title(title);
            for (name, extensions) in filters {
                dialog = dialog.add_filter(*name, extensions);
            }
            chosen(dialog.add_filter("All files", &["*"]).blocking_pick_file())?
        }
    };
    mint(handles, path, Kind::OpenFile, purpose)
}

/// Asks where to write a file, offering `suggested` (and `filter`, if any); the answer is
/// minted for `purpose`.
fn pick_save(
    app: &tauri::AppHandle,
    handles: &HandleTable,
    title: &str,
    suggested: &str,
    filter: Option<Filter>,
    purpose: Purpose,
) -> Result<Option<FileRef>, CommandError> {
    let path = match stub_dir() {
        Some(dir) => stub_save(dir, suggested),
        None => {
            let mut dialog = app.dialog().file().set_title(title).set_file_name(suggested);
            if let Some((name, extensions)) = filter {
                dialog = dialog.add_filter(name, extensions);
            }
            chosen(dialog.blocking_save_file())?
        }
    };
    mint(handles, path, Kind::SaveFile, purpose)
}

/// Asks for a design to open (GCO JSON or constitution Markdown); `None` when cancelled.
#[tauri::command]
pub async fn pick_open_path(
    app: tauri::AppHandle,
    handles: tauri::State<'_, HandleTable>,
) -> Result<Option<FileRef>, CommandError> {
    pick_file(
        &app,
        &handles,
        "Open a design",
        &[("Governance designs", &["json", "md"])],
        "COGOV_STUDIO_DIALOG_OPEN",
        Purpose::Design,
    )
}

/// Asks where to save a design; `None` when cancelled.
#[tauri::command]
pub async fn pick_save_path(
    app: tauri::AppHandle,
    handles: tauri::State<'_, HandleTable>,
    suggested: String,
) -> Result<Option<FileRef>, CommandError> {
    pick_save(
        &app,
        &handles,
        "Save the design",
        &suggested,
        Some(("Governance designs", &["json", "md"])),
        Purpose::Design,
    )
}

/// Asks where to save an exported picture or document; `None` when cancelled.
#[tauri::command]
pub async fn pick_export_path(
    app: tauri::AppHandle,
    handles: tauri::State<'_, HandleTable>,
    suggested: String,
) -> Result<Option<FileRef>, CommandError> {
    pick_save(&app, &handles, "Export", &suggested, None, Purpose::Export)
}

/// Asks where to write a bundle (`.tar.gz`); `None` when cancelled.
#[tauri::command]
pub async fn pick_bundle_path(
    app: tauri::AppHandle,
    handles: tauri::State<'_, HandleTable>,
    suggested: String,
) -> Result<Option<FileRef>, CommandError> {
    pick_save(&app, &handles, "Write the bundle", &suggested, Some(("Bundles", &["gz"])), Purpose::Bundle)
}

/// Asks for a bundle to deploy or verify; `None` when cancelled.
#[tauri::command]
pub async fn pick_bundle_file(
    app: tauri::AppHandle,
    handles: tauri::State<'_, HandleTable>,
) -> Result<Option<FileRef>, CommandError> {
    pick_file(&app, &handles, "Choose a bundle", &[("Bundles", &["gz"])], "COGOV_STUDIO_DIALOG_BUNDLE", Purpose::Bundle)
}

/// Asks for a secret key file (`cogov.key`); `None` when cancelled.
#[tauri::command]
pub async fn pick_key_path(
    app: tauri::AppHandle,
    handles: tauri::State<'_, HandleTable>,
) -> Result<Option<FileRef>, CommandError> {
    pick_file(
        &app,
        &handles,
        "Choose a secret key",
        &[("Secret keys", &["key"])],
        "COGOV_STUDIO_DIALOG_KEY",
        Purpose::SecretKey,
    )
}

/// Asks for a public key file (`cogov.pub`); `None` when cancelled.
#[tauri::command]
pub async fn pick_public_key(
    app: tauri::AppHandle,
    handles: tauri::State<'_, HandleTable>,
) -> Result<Option<FileRef>, CommandError> {
    pick_file(
        &app,
        &handles,
        "Choose a public key",
        &[("Public keys", &["pub"])],
        "COGOV_STUDIO_DIALOG_PUBKEY",
        Purpose::PublicKey,
    )
}

/// Asks for another system's configuration to import (JSON); `None` when cancelled.
#[tauri::command]
pub async fn pick_interop_file(
    app: tauri::AppHandle,
    handles: tauri::State<'_, HandleTable>,
) -> Result<Option<FileRef>, CommandError> {
    pick_file(
        &app,
        &handles,
        "Import a configuration",
        &[("Configurations", &["json"])],
        "COGOV_STUDIO_DIALOG_INTEROP",
        Purpose::Interop,
    )
}

/// Asks for a folder for `purpose` (`key-home`, `deploy-target` or `interop-export`); the stub answers
/// `suggested` in its directory. `None` when cancelled.
#[tauri::command]
pub async fn pick_directory(
    app: tauri::AppHandle,
    handles: tauri::State<'_, HandleTable>,
    purpose: Purpose,
    suggested: String,
) -> Result<Option<FileRef>, CommandError> {
    let title = match purpose {
        Purpose::KeyHome => "Choose a folder for the new key",
        Purpose::DeployTarget => "Choose a deploy target",
        Purpose::InteropExport => "Choose a folder for the exported configuration",
        other => {
            return Err(CommandError::new(ErrorCode::HandleWrongUse, format!("{other:?} is a file, not a folder")));
        }
    };
    let path = match stub_dir() {
        Some(dir) => stub_save(dir, &suggested),
        None => chosen(app.dialog().file().set_title(title).blocking_pick_folder())?,
    };
    mint(&handles, path, Kind::Directory, purpose)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stub_keeps_suggested_names_inside_its_directory() {
        let dir = PathBuf::from("/stub");
        assert_eq!(stub_save(dir.clone(), "a.json"), Some(PathBuf::from("/stub/a.json")));
        assert_eq!(stub_save(dir.clone(), "/etc/passwd"), Some(PathBuf::from("/stub/passwd")));
        assert_eq!(stub_save(dir.clone(), "../../x.json"), Some(PathBuf::from("/stub/x.json")));
        assert_eq!(stub_save(dir, ".."), None);
    }
}
