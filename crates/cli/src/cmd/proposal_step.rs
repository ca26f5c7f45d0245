//! `cogov open-voting|withdraw|reject PROPOSAL`: move a proposal along its life.

use crate::cmd::Format;
use crate::db::{AuthorArgs, DbArgs};
use crate::input::CliError;
use crate::output;
use std::process::ExitCode;

/// Arguments of the proposal steps.
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

/// A move of a proposal that takes no other input.
#[derive(Debug, Clone, Copy)]
pub enum Step {
    /// Draft → voting, once the amendment rule's notice has run (else `GOV-S025`).
    OpenVoting,
    /// Draft or voting → withdrawn.
    Withdraw,
    /// Voting → rejected.
    Reject,
}

/// Takes the step; a move the proposal's state does not allow is refused with `GOV-S023`.
pub fn run(args: Args, step: Step) -> Result<ExitCode, CliError> {
    let mut store = args.db.open()?;
    let author = args.author.name();
    let p = match step {
        Step::OpenVoting => store.open_voting(args.proposal, &author)?,
        Step::Withdraw => store.withdraw(args.proposal, &author)?,
        Step::Reject => store.reject(args.proposal, &author)?,
    };
    match args.format {
        Format::Json => output::print_json(&p),
        Format::Human => output::print_human(&crate::cmd::propose::render(&p, None)),
    }
    Ok(ExitCode::SUCCESS)
}
