//! `cogov fmt FILE [--out FILE]`: the canonical JSON (RFC 8785) of a design.

use crate::input::{self, CliError};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `cogov fmt`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The design (GCO .json, constitution .md or answers file).
    pub file: String,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// Prints the canonical JSON followed by a newline.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let gco = input::load_gco(&args.file)?;
    input::write_output(args.out.as_deref(), &format!("{}\n", gco.canonical_json()))?;
    Ok(ExitCode::SUCCESS)
}
