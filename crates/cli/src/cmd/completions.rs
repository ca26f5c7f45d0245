//! `cogov completions SHELL`.

use crate::input::CliError;
use clap::CommandFactory;
use std::process::ExitCode;

/// Arguments of `cogov completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Prints the completion script for the shell.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    clap_complete::generate(args.shell, &mut crate::Cli::command(), "cogov", &mut std::io::stdout());
    Ok(ExitCode::SUCCESS)
}
