//! `cogov tour [DIR]`: validates every example and shows what the engine sees.

use crate::input::CliError;
use std::process::ExitCode;

/// Arguments of `cogov tour`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The examples directory.
    #[arg(default_value = "examples")]
    pub dir: String,
}

/// Runs the tour.
pub fn run(_args: Args) -> Result<ExitCode, CliError> {
    Ok(ExitCode::SUCCESS)
}
