//! `cogov fingerprint FILE`: the stable `sha256:` fingerprint of a design.

use crate::input::{self, CliError};
use std::process::ExitCode;

/// Arguments of `cogov fingerprint`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The design (GCO .json, constitution .md or answers file).
    pub file: String,
}

/// Prints the fingerprint.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let gco = input::load_gco(&args.file)?;
    crate::output::print_exact(&format!("{}\n", gco.fingerprint()));
    Ok(ExitCode::SUCCESS)
}
