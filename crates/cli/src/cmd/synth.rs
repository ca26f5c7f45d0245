//! `cogov synth`: a synthetic design of a given size, for performance checks.

use crate::input::{self, CliError};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `cogov synth`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Number of members.
    #[arg(long, default_value_t = 10_000)]
    pub members: usize,
    /// Number of roles.
    #[arg(long, default_value_t = 200)]
    pub roles: usize,
    /// Number of decision types.
    #[arg(long, default_value_t = 50)]
    pub decision_types: usize,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// Writes the design as indented JSON.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let gco = cogov_engine::synth::large(args.members, args.roles, args.decision_types);
    input::write_output(args.out.as_deref(), &format!("{}\n", crate::cmd::import::pretty(&gco)))?;
    Ok(ExitCode::SUCCESS)
}
