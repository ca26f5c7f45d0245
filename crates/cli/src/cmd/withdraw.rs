//! `cogov withdraw PROPOSAL`: withdraw a draft or a proposal in voting.

use crate::cmd::Format;
use crate::db::{AuthorArgs, DbArgs};
use crate::input::CliError;
use crate::output;
use std::process::ExitCode;

/// Arguments of `cogov withdraw`.
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

/// Withdraws it; a closed proposal is refused with `GOV-S023`.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let mut store = args.db.open()?;
    let p = store.withdraw(args.proposal, &args.author.name())?;
    match args.format {
        Format::Json => output::print_json(&p),
        Format::Human => output::print_human(&crate::cmd::propose::render(&p, None)),
    }
    Ok(ExitCode::SUCCESS)
}
