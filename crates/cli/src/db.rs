//! The `--db PATH` option shared by every subcommand that uses the store.

use crate::input::CliError;
use cogov_engine::Location;
use cogov_store::{Store, StoreError};
use std::path::PathBuf;

/// Which database to use.
#[derive(Debug, Clone, clap::Args)]
pub struct DbArgs {
    /// The database file [default: cogov.db in the per-user data directory].
    #[arg(long, global = true, value_name = "PATH", env = "COGOV_DB")]
    pub db: Option<PathBuf>,
}

impl DbArgs {
    /// Opens (creating and migrating as needed) the chosen database.
    pub fn open(&self) -> Result<Store, CliError> {
        let path = match &self.db {
            Some(p) => p.clone(),
            None => cogov_store::default_path().ok_or_else(|| {
                CliError::from(StoreError::new(
                    cogov_model::ErrorCode::StoreOpen,
                    std::path::Path::new("cogov.db"),
                    "no per-user data directory (HOME is not set): choose a database with --db PATH",
                ))
            })?,
        };
        Ok(Store::open(path)?)
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError {
            file: e.path,
            code: e.code.as_str(),
            title: e.code.title(),
            location: Location::Whole,
            message: e.message,
        }
    }
}
