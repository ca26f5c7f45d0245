//! `cogov export constitution FILE [--out FILE.md]`, and `cogov export KIND DESIGN --out DIR`
//! for the systems governance runs on (Snapshot, Governor, Safe, Aragon, DAOIP-2).

use crate::input::{self, CliError};
use cogov_engine::interop::Kind;
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
    /// Snapshot space settings (`settings.json`).
    Snapshot(InteropArgs),
    /// OpenZeppelin Governor and TimelockController contracts (Solidity), one Governor per
    /// decision type that needs rules of its own.
    Governor(InteropArgs),
    /// Safe owners and threshold, a Zodiac Roles configuration and a Transaction Builder batch.
    Safe(InteropArgs),
    /// Aragon OSx Token Voting and Multisig install parameters.
    Aragon(InteropArgs),
    /// A DAOIP-2 daoURI (JSON-LD) whose governanceURI is the exported constitution.
    Daoip2(InteropArgs),
}

/// Arguments of an export to another system.
#[derive(Debug, clap::Args)]
pub struct InteropArgs {
    /// The design (GCO .json, constitution .md or answers file).
    pub file: String,
    /// The folder to write into (created if missing); files in it are replaced atomically.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Write the files even where the target cannot hold the design exactly; the gaps are
    /// listed and written to `exactness.json`.
    #[arg(long)]
    pub accept_inexact: bool,
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
        Export::Snapshot(a) => interop(Kind::Snapshot, a),
        Export::Governor(a) => interop(Kind::Governor, a),
        Export::Safe(a) => interop(Kind::Safe, a),
        Export::Aragon(a) => interop(Kind::Aragon, a),
        Export::Daoip2(a) => interop(Kind::Daoip2, a),
    }
}

/// Exports to another system: the files, then the gaps on standard error.
fn interop(kind: Kind, a: InteropArgs) -> Result<ExitCode, CliError> {
    let gco = input::load_gco(&a.file)?;
    let exported = cogov_app::interop::export(kind, &a.file, &gco, &a.out, a.accept_inexact)?;
    let out = a.out.display().to_string();
    for g in &exported.gaps {
        eprintln!("{} at {}: {}", g.code, g.pointer, g.detail);
    }
    eprintln!(
        "wrote {} files for {} of {}@{} to {} ({})",
        exported.files.len(),
        kind.label(),
        gco.identity.name,
        gco.identity.version,
        out,
        if exported.gaps.is_empty() { "exact".to_string() } else { format!("{} gaps accepted", exported.gaps.len()) }
    );
    Ok(ExitCode::SUCCESS)
}
