//! `cogov show VERSION`: one version's record and its canonical content.

use crate::cmd::Format;
use crate::db::{self, DbArgs};
use crate::input::CliError;
use crate::output;
use serde_json::json;
use std::process::ExitCode;

/// Arguments of `cogov show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// `NAME@VERSION`, or `VERSION` when the store holds one design.
    #[arg(value_name = "VERSION")]
    pub target: String,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Prints the record, then the design as pretty canonical JSON.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let store = args.db.open()?;
    let (name, version) = db::resolve(&store, &args.target)?;
    let (rec, gco) = store.show(&name, &version)?;
    match args.format {
        Format::Json => output::print_json(&json!({"record": rec, "gco": gco.to_value()})),
        Format::Human => {
            let head = crate::cmd::log::line(&rec);
            output::print_human(&format!("{head}{}", cogov_engine::diff::pretty(&gco)));
        }
    }
    Ok(ExitCode::SUCCESS)
}
