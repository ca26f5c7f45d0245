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
            if let Some(path) = out.as_deref().filter(|p| p.as_os_str() != "-") {
                let articles = gco.constitution.as_ref().map_or(0, |c| c.articles.len());
                eprintln!(
                    "wrote the constitution of {}@{} ({articles} articles, fingerprint {}) to {}",
                    gco.identity.name,
                    gco.identity.version,
                    gco.fingerprint(),
                    path.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
