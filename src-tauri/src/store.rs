//! The studio's handle on the store: the same SQLite file the CLI uses (`COGOV_DB`, else the
//! per-user default), opened on first use so that a database the studio cannot open (one from
//! a newer CoGov, say) is reported where it matters instead of stopping the app.

use crate::error::CommandError;
use cogov_store::{Store, StoreError};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Mutex;
use ts_rs::TS;

/// The store, once opened (managed Tauri state).
#[derive(Default)]
pub struct StoreState(Mutex<Option<Store>>);

impl From<StoreError> for CommandError {
    fn from(e: StoreError) -> Self {
        CommandError { code: e.code.as_str().into(), message: format!("{}: {}", e.path, e.message) }
    }
}

/// The database the studio uses: `COGOV_DB` when set (as for the CLI), else the default.
pub fn db_path() -> Result<PathBuf, CommandError> {
    match std::env::var_os("COGOV_DB").filter(|v| !v.is_empty()) {
        Some(p) => Ok(PathBuf::from(p)),
        None => cogov_store::default_path()
            .ok_or_else(|| CommandError::internal("no per-user data directory (HOME is not set); set COGOV_DB")),
    }
}

impl StoreState {
    /// Runs `f` with the store, opening it first if needed. Commands call this from the async
    /// runtime, never from the main thread, so a busy database never freezes the window.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, StoreError>) -> Result<T, CommandError> {
        let mut guard = self.0.lock().map_err(|_| CommandError::internal("the store lock is poisoned"))?;
        if guard.is_none() {
            *guard = Some(Store::open(db_path()?)?);
        }
        match guard.as_mut() {
            Some(store) => Ok(f(store)?),
            None => Err(CommandError::internal("the store is not open")),
        }
    }
}

/// Which database the studio works on.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StoreInfo {
    /// The database file.
    pub path: String,
    /// Its schema version.
    pub schema_version: u32,
}

/// Opens the store (if needed) and says which database it is.
#[tauri::command(async)]
pub fn store_info(state: tauri::State<'_, StoreState>) -> Result<StoreInfo, CommandError> {
    state.with(|s| Ok(StoreInfo { path: s.path().display().to_string(), schema_version: s.schema_version()? }))
}
