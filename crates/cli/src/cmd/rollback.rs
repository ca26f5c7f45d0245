//! `cogov rollback VERSION [-m MESSAGE]`: restore an older version's content as a new version.

use crate::cmd::Format;
use crate::db::{self, AuthorArgs, DbArgs};
use crate::input::CliError;
use crate::output;
use std::process::ExitCode;

/// Arguments of `cogov rollback`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The version to restore (`NAME@VERSION` or `VERSION`).
    #[arg(value_name = "VERSION")]
    pub target: String,
    /// Why.
    #[arg(short, long, default_value = "")]
    pub message: String,
    #[command(flatten)]
    author: AuthorArgs,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Adds the rollback version; the versions after the restored one stay in the history.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let mut store = args.db.open()?;
    let (name, version) = db::resolve(&store, &args.target)?;
    let rec = store.rollback(&name, &version, &args.message, &args.author.name())?;
    match args.format {
        Format::Json => output::print_json(&rec),
        Format::Human => output::print_human(&format!(
            "{}@{} restores {version} ({})  {}\n",
            rec.instance, rec.version, rec.message, rec.fingerprint
        )),
    }
    Ok(ExitCode::SUCCESS)
}
