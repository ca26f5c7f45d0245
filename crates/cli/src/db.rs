//! The `--db PATH` and `--author NAME` options shared by every subcommand that uses the store;
//! the database and the author are found by the application layer, as the studio finds them.

use crate::input::CliError;
use cogov_app::records::Store;
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
        cogov_app::store::open(self.db.as_deref())
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
        cogov_app::store::author(self.author.as_deref())
    }
}

pub use cogov_app::store::{design, resolve};
