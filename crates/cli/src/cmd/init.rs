//! `cogov init`: create (or migrate) the database and say where it is.

use crate::cmd::Format;
use crate::db::DbArgs;
use crate::input::CliError;
use crate::output;
use serde_json::json;
use std::process::ExitCode;

/// Arguments of `cogov init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Opens the store, creating it and running its migrations when needed.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let store = args.db.open()?;
    let version = store.schema_version()?;
    let path = store.path().display().to_string();
    match args.format {
        Format::Json => output::print_json(&json!({"path": path, "schema_version": version})),
        Format::Human => output::print_human(&format!("store ready: {path} (schema version {version})\n")),
    }
    Ok(ExitCode::SUCCESS)
}
