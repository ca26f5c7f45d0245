//! `cogov import FILE.md [--out FILE]`: a constitution document into a GCO.

use crate::input::{self, CliError};
use crate::output;
use cogov_engine::validate;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `cogov import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The constitution document (.md).
    pub file: String,
    /// Write the GCO here instead of standard output.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// Writes the canonical GCO; warns on standard error about findings.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let (_, doc) = input::load(&args.file)?;
    let report = validate::report(&doc);
    let gco = doc.into_gco().map_err(|inner| CliError::intake(args.file.clone(), inner))?;
    input::write_output(args.out.as_deref(), &format!("{}\n", pretty(&gco)))?;
    if let Some(path) = args.out.as_deref().filter(|p| p.as_os_str() != "-") {
        eprintln!(
            "wrote {}@{} (fingerprint {}) to {}",
            gco.identity.name,
            gco.identity.version,
            gco.fingerprint(),
            path.display()
        );
    }
    if !report.findings.is_empty() {
        let mut err = anstream::stderr();
        let _ = std::io::Write::write_all(&mut err, output::render_report(&args.file, &report).as_bytes());
    }
    Ok(if report.is_blocking() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Indented JSON for people; the fingerprint does not depend on the layout.
pub fn pretty(gco: &cogov_model::Gco) -> String {
    serde_json::to_string_pretty(&cogov_model::sort_keys(gco.to_value())).unwrap_or_default()
}
