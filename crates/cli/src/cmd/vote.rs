//! `cogov vote PROPOSAL --member ID --choice yes|no|abstain`.

use crate::cmd::Format;
use crate::db::DbArgs;
use crate::input::CliError;
use crate::output;
use cogov_engine::amend::Choice;
use std::process::ExitCode;

/// A vote on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChoiceArg {
    /// For.
    Yes,
    /// Against.
    No,
    /// Counts toward the quorum only.
    Abstain,
}

/// Arguments of `cogov vote`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The proposal's id.
    pub proposal: i64,
    /// The member voting (a member id of the base version).
    #[arg(long)]
    pub member: String,
    /// The vote.
    #[arg(long, value_enum)]
    pub choice: ChoiceArg,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Records the vote and prints the tally.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let mut store = args.db.open()?;
    let choice = match args.choice {
        ChoiceArg::Yes => Choice::Yes,
        ChoiceArg::No => Choice::No,
        ChoiceArg::Abstain => Choice::Abstain,
    };
    let p = store.vote(args.proposal, &args.member, choice)?;
    let view = cogov_app::history::proposal(&store, p.id)?;
    match args.format {
        Format::Json => output::print_json(&view),
        Format::Human => output::print_human(&crate::cmd::propose::render(&view.proposal, Some(&view.verdict))),
    }
    Ok(ExitCode::SUCCESS)
}
