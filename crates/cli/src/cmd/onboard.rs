//! `cogov onboard [--answers FILE] [--out FILE]`: the guided onboarding dialogue.

use crate::input::CliError;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `cogov onboard`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Run from an answers file instead of asking.
    #[arg(long)]
    pub answers: Option<String>,
    /// Write the GCO here instead of standard output.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// Runs the dialogue.
pub fn run(_args: Args) -> Result<ExitCode, CliError> {
    Ok(ExitCode::from(2))
}
