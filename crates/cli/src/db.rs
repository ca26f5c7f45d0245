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

/// Who is acting: `--author`, else `COGOV_AUTHOR`, else the login name.
#[derive(Debug, Clone, clap::Args)]
pub struct AuthorArgs {
    /// Who makes this change [default: $COGOV_AUTHOR, else $USER].
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
}

impl AuthorArgs {
    /// The author's name.
    pub fn name(&self) -> String {
        self.author
            .clone()
            .or_else(|| std::env::var("COGOV_AUTHOR").ok())
            .or_else(|| std::env::var("USER").ok())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "unknown".into())
    }
}

/// Splits `name@1.2.0` into its instance and version; a bare `1.2.0` means the only design in
/// the store (an error names the choices when there are several).
pub fn resolve(store: &Store, spec: &str) -> Result<(String, String), CliError> {
    match spec.rsplit_once('@') {
        Some((name, version)) => Ok((name.to_owned(), version.to_owned())),
        None => Ok((design(store, None, &format!("NAME@{spec}"))?, spec.to_owned())),
    }
}

/// The design a command is about: the one named, else the only design in the store (an error
/// names the choices, and how to give one (`hint`), when there are several).
pub fn design(store: &Store, named: Option<&str>, hint: &str) -> Result<String, CliError> {
    if let Some(name) = named {
        return Ok(name.to_owned());
    }
    let instances = store.instances()?;
    match instances.as_slice() {
        [only] => Ok(only.instance.clone()),
        _ => {
            let names: Vec<&str> = instances.iter().map(|i| i.instance.as_str()).collect();
            Err(CliError::from(StoreError::new(
                cogov_model::ErrorCode::UnknownInstance,
                store.path(),
                format!(
                    "say which design: {hint} (the store holds: {})",
                    if names.is_empty() { "none".into() } else { names.join(", ") }
                ),
            )))
        }
    }
}
