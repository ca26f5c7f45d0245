//! `cogov export constitution FILE [--out FILE.md]`.

use crate::input::{self, CliError};
use std::path::PathBuf;
use std::process::ExitCode;

/// What to export.
#[derive(Debug, clap::Subcommand)]
pub enum Export {
    /// A constitution document (Markdown) that `cogov import` reads back to the same fingerprint.
    Constitution {
        /// The design (GCO .json, constitution .md or answers file).
        file: String,
        /// Write here instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
}

/// Runs an export.
pub fn run(e: Export) -> Result<ExitCode, CliError> {
    match e {
        Export::Constitution { file, out } => {
            let gco = input::load_gco(&file)?;
            input::write_output(out.as_deref(), &cogov_engine::constitution::export(&gco))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
