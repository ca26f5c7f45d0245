//! `cogov adopt PROPOSAL`: adopt an amendment, if the design's own rules and the votes allow.

use crate::cmd::Format;
use crate::db::{AuthorArgs, DbArgs};
use crate::input::CliError;
use crate::output;
use std::process::ExitCode;

/// Arguments of `cogov adopt`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The proposal's id.
    pub proposal: i64,
    #[command(flatten)]
    author: AuthorArgs,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Writes the amendment version, or refuses with `GOV-S021` (the rules do not allow it),
/// `GOV-S022` (the votes fall short) or `GOV-S024` (the design moved on).
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let mut store = args.db.open()?;
    let v = store.adopt(args.proposal, &args.author.name())?;
    match args.format {
        Format::Json => output::print_json(&v),
        Format::Human => output::print_human(&format!(
            "{}@{} adopted by proposal {} (after {})  {}\n",
            v.instance,
            v.version,
            args.proposal,
            v.parent.as_deref().unwrap_or("—"),
            v.fingerprint
        )),
    }
    Ok(ExitCode::SUCCESS)
}
