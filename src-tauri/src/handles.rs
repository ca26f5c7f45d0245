//! Opaque handles for the files and folders the user chose in the shell's own dialogs.
//!
//! The page never hands the backend a path. A dialog (or the backend itself, for files it
//! derives: the recent list, a new key's files) mints a handle `h_<32 hex>` from 128 bits of
//! the OS random source and keeps `handle → (path, kind, purpose)` here; every command that
//! touches a file resolves a handle for one [`Use`] with [`HandleTable::check`], which refuses
//! unknown handles (GOV-H001), handles of another kind or purpose (GOV-H002) and anything
//! that is not a handle at all, such as a path (GOV-H003). A script injected into the page can
//! therefore reach only files the user picked, and only for what they were picked for.

use crate::error::CommandError;
use cogov_model::ErrorCode;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use ts_rs::TS;

/// How many handles are kept; the oldest is forgotten first (its use is then GOV-H001).
pub const MAX_HANDLES: usize = 1024;

/// What kind of dialog chose the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An existing file chosen to be read.
    OpenFile,
    /// A file chosen to be written (it may not exist yet).
    SaveFile,
    /// A folder, written into only under fixed names.
    Directory,
}

/// What the user chose the path for (the dialog's title and filters say so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Purpose {
    /// A design (GCO JSON, constitution Markdown, answers file).
    Design,
    /// An exported picture or document (PNG, SVG, HTML).
    Export,
    /// A signed bundle (`.tar.gz`).
    Bundle,
    /// A minisign secret key.
    SecretKey,
    /// A minisign public key.
    PublicKey,
    /// A folder to create signing keys in.
    KeyHome,
    /// A deploy target folder.
    DeployTarget,
    /// A configuration of another system to import (a Snapshot space, Governor parameters, …).
    Interop,
    /// A folder to export another system's configuration files into.
    InteropExport,
}

/// What a command is about to do with a handle's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Read a design (`read_design`).
    ReadDesign,
    /// Write a design (`write_design`): a design saved or opened (Save writes it back).
    WriteDesign,
    /// Write an exported picture or document (`write_export`).
    WriteExport,
    /// Write a bundle (`export_bundle`).
    WriteBundle,
    /// Read a bundle (`export_verify`, `deploy_bundle`), also one the studio just wrote.
    ReadBundle,
    /// Read a secret key (`export_key_info`, `export_bundle`).
    ReadSecretKey,
    /// Read a public key (`export_verify`, `deploy_*`).
    ReadPublicKey,
    /// Create a key pair under the folder (`export_keygen`).
    KeyHome,
    /// Deploy to, roll back or read the status of the folder (`deploy_*`).
    DeployTarget,
    /// Read another system's configuration (`interop_import`).
    ReadInterop,
    /// Write another system's configuration files under the folder (`interop_export_write`).
    InteropExport,
}

impl Use {
    /// Whether a handle of `kind` chosen for `purpose` may serve this use.
    pub fn fits(self, kind: Kind, purpose: Purpose) -> bool {
        use Kind::*;
        match self {
            Use::ReadDesign => kind == OpenFile && purpose == Purpose::Design,
            Use::WriteDesign => matches!(kind, OpenFile | SaveFile) && purpose == Purpose::Design,
            Use::WriteExport => kind == SaveFile && purpose == Purpose::Export,
            Use::WriteBundle => kind == SaveFile && purpose == Purpose::Bundle,
            Use::ReadBundle => matches!(kind, OpenFile | SaveFile) && purpose == Purpose::Bundle,
            Use::ReadSecretKey => kind == OpenFile && purpose == Purpose::SecretKey,
            Use::ReadPublicKey => kind == OpenFile && purpose == Purpose::PublicKey,
            Use::KeyHome => kind == Directory && purpose == Purpose::KeyHome,
            Use::DeployTarget => kind == Directory && purpose == Purpose::DeployTarget,
            Use::ReadInterop => kind == OpenFile && purpose == Purpose::Interop,
            Use::InteropExport => kind == Directory && purpose == Purpose::InteropExport,
        }
    }
}

/// A chosen file or folder as the page sees it: the handle to pass back, and text to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FileRef {
    /// The opaque handle the commands take (`h_` and 32 hex digits).
    pub handle: String,
    /// The file or folder name, for display.
    pub name: String,
    /// The full path, for display only: commands never take it.
    pub path: String,
}

/// Why a handle was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {shown}: {message}")]
pub struct HandleError {
    /// GOV-H001 … GOV-H004.
    pub code: ErrorCode,
    /// The handle as given, cut to 80 characters (it is untrusted input).
    pub shown: String,
    /// What was wrong.
    pub message: String,
}

impl From<HandleError> for CommandError {
    fn from(e: HandleError) -> Self {
        CommandError::new(e.code, format!("{}: {}", e.shown, e.message))
    }
}

#[derive(Debug, Clone)]
struct Entry {
    path: PathBuf,
    kind: Kind,
    purpose: Purpose,
}

#[derive(Default)]
struct Table {
    by_handle: HashMap<String, Entry>,
    /// Handles oldest first, for forgetting beyond [`MAX_HANDLES`].
    order: VecDeque<String>,
}

/// The handle table (managed Tauri state): every path the page can name, and for what.
#[derive(Default)]
pub struct HandleTable(Mutex<Table>);

/// Whether `s` has the form of a handle (`h_` and 32 lowercase hex digits).
fn well_formed(s: &str) -> bool {
    s.len() == 34 && s.starts_with("h_") && s[2..].bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn shown(s: &str) -> String {
    let mut out: String = s.chars().take(80).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// A fresh handle from 128 bits of the OS random source.
fn fresh() -> Result<String, HandleError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| HandleError {
        code: ErrorCode::HandleUnavailable,
        shown: "(new handle)".into(),
        message: e.to_string(),
    })?;
    Ok(bytes.iter().fold(String::from("h_"), |mut s, b| {
        s.push_str(&format!("{b:02x}"));
        s
    }))
}

fn file_ref(handle: String, path: &Path) -> FileRef {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    FileRef { handle, name, path: path.display().to_string() }
}

impl HandleTable {
    fn lock(&self) -> std::sync::MutexGuard<'_, Table> {
        // A panic while holding the lock leaves the table whole (every update is one insert or
        // remove), so a poisoned lock is still safe to use.
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Mints a handle for `path` chosen as `kind` for `purpose` (the same triple gets its
    /// existing handle back, so re-listing the recent files does not grow the table).
    pub fn mint(&self, path: PathBuf, kind: Kind, purpose: Purpose) -> Result<FileRef, HandleError> {
        let mut t = self.lock();
        let same = t.by_handle.iter().find(|(_, e)| e.path == path && e.kind == kind && e.purpose == purpose);
        if let Some((h, _)) = same {
            let h = h.clone();
            t.order.retain(|x| *x != h);
            t.order.push_back(h.clone());
            return Ok(file_ref(h, &path));
        }
        let mut handle = fresh()?;
        while t.by_handle.contains_key(&handle) {
            handle = fresh()?;
        }
        while t.order.len() >= MAX_HANDLES {
            if let Some(old) = t.order.pop_front() {
                t.by_handle.remove(&old);
            }
        }
        t.order.push_back(handle.clone());
        t.by_handle.insert(handle.clone(), Entry { path: path.clone(), kind, purpose });
        Ok(file_ref(handle, &path))
    }

    /// The path behind `handle` if it exists and fits `use_`; refuses with GOV-H003 (not a
    /// handle: a path, say), GOV-H001 (unknown or forgotten) or GOV-H002 (wrong kind or purpose).
    pub fn check(&self, handle: &str, use_: Use) -> Result<PathBuf, HandleError> {
        let refuse = |code, message: String| HandleError { code, shown: shown(handle), message };
        if !well_formed(handle) {
            return Err(refuse(ErrorCode::HandleNotAHandle, "choose the file in the studio's dialog".into()));
        }
        let t = self.lock();
        let Some(e) = t.by_handle.get(handle) else {
            return Err(refuse(ErrorCode::HandleUnknown, "no file was chosen with this handle".into()));
        };
        if !use_.fits(e.kind, e.purpose) {
            return Err(refuse(
                ErrorCode::HandleWrongUse,
                format!("chosen as {:?} {:?}, not for {use_:?}", e.kind, e.purpose),
            ));
        }
        Ok(e.path.clone())
    }

    /// The display form of the path behind a handle already checked.
    pub fn describe(&self, handle: &str) -> Option<FileRef> {
        self.lock().by_handle.get(handle).map(|e| file_ref(handle.to_owned(), &e.path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_random_well_formed_and_bound_to_their_use() {
        let t = HandleTable::default();
        let a = t.mint("/d/a.json".into(), Kind::OpenFile, Purpose::Design).expect("mint");
        let b = t.mint("/d/b.json".into(), Kind::OpenFile, Purpose::Design).expect("mint");
        assert!(well_formed(&a.handle) && well_formed(&b.handle), "{} {}", a.handle, b.handle);
        assert_ne!(a.handle, b.handle);
        assert_eq!((a.name.as_str(), a.path.as_str()), ("a.json", "/d/a.json"));
        assert_eq!(t.check(&a.handle, Use::ReadDesign).expect("fits"), PathBuf::from("/d/a.json"));
        // The same choice again gets the same handle back.
        assert_eq!(t.mint("/d/a.json".into(), Kind::OpenFile, Purpose::Design).expect("mint").handle, a.handle);
        let code = |h: &str, u| t.check(h, u).expect_err("refused").code;
        assert_eq!(code(&a.handle, Use::WriteBundle), ErrorCode::HandleWrongUse);
        assert_eq!(code("/d/a.json", Use::ReadDesign), ErrorCode::HandleNotAHandle);
        assert_eq!(code("h_00000000000000000000000000000000", Use::ReadDesign), ErrorCode::HandleUnknown);
        assert_eq!(code(&a.handle.to_uppercase(), Use::ReadDesign), ErrorCode::HandleNotAHandle);
        let dir = t.mint("/d/target".into(), Kind::Directory, Purpose::DeployTarget).expect("mint");
        assert_eq!(code(&dir.handle, Use::ReadDesign), ErrorCode::HandleWrongUse, "a folder is not a file");
        assert_eq!(code(&dir.handle, Use::KeyHome), ErrorCode::HandleWrongUse, "a target is not a key home");
    }

    #[test]
    fn every_use_takes_exactly_its_kinds_and_purposes() {
        use Kind::*;
        use Purpose as P;
        let kinds = [OpenFile, SaveFile, Directory];
        let purposes = [P::Design, P::Export, P::Bundle, P::SecretKey, P::PublicKey, P::KeyHome, P::DeployTarget];
        let fitting = |u: Use| {
            let mut v = Vec::new();
            for k in kinds {
                for p in purposes {
                    if u.fits(k, p) {
                        v.push((k, p));
                    }
                }
            }
            v
        };
        assert_eq!(fitting(Use::ReadDesign), [(OpenFile, P::Design)]);
        assert_eq!(fitting(Use::WriteDesign), [(OpenFile, P::Design), (SaveFile, P::Design)]);
        assert_eq!(fitting(Use::WriteExport), [(SaveFile, P::Export)]);
        assert_eq!(fitting(Use::WriteBundle), [(SaveFile, P::Bundle)]);
        assert_eq!(fitting(Use::ReadBundle), [(OpenFile, P::Bundle), (SaveFile, P::Bundle)]);
        assert_eq!(fitting(Use::ReadSecretKey), [(OpenFile, P::SecretKey)]);
        assert_eq!(fitting(Use::ReadPublicKey), [(OpenFile, P::PublicKey)]);
        assert_eq!(fitting(Use::KeyHome), [(Directory, P::KeyHome)]);
        assert_eq!(fitting(Use::DeployTarget), [(Directory, P::DeployTarget)]);
    }

    #[test]
    fn the_table_is_bounded_and_forgets_the_oldest() {
        let t = HandleTable::default();
        let first = t.mint("/d/0".into(), Kind::OpenFile, Purpose::Design).expect("mint");
        for i in 1..=MAX_HANDLES {
            t.mint(format!("/d/{i}").into(), Kind::OpenFile, Purpose::Design).expect("mint");
        }
        assert_eq!(t.lock().by_handle.len(), MAX_HANDLES);
        assert_eq!(t.check(&first.handle, Use::ReadDesign).expect_err("forgotten").code, ErrorCode::HandleUnknown);
    }

    #[test]
    fn long_forged_input_is_cut_in_the_message() {
        let t = HandleTable::default();
        let forged = "x".repeat(10_000);
        let e = t.check(&forged, Use::ReadDesign).expect_err("refused");
        assert!(e.shown.chars().count() <= 81, "{}", e.shown.len());
    }
}
