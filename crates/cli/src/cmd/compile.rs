//! `cogov compile FILE --out DIR`: the compiled artifacts of a design, one file each.

use crate::input::{self, CliError};
use crate::output;
use cogov_engine::{Location, compile};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `cogov compile`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A GCO (.json), a constitution document (.md) or an answers file.
    pub file: String,
    /// The directory to write the artifacts into (created if missing; files of the same
    /// names are replaced, each atomically).
    #[arg(long, short)]
    pub out: PathBuf,
}

/// Exit 0 when compiled, 1 when the design has blocking findings (`GOV-P001`, nothing
/// written), 2 when the input cannot be read or the output written.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let gco = input::load_gco(&args.file)?;
    let compiled = match compile::compile(&gco) {
        Ok(c) => c,
        Err(e) => {
            output::print_error(&CliError {
                file: args.file.clone(),
                code: e.code,
                location: Location::Whole,
                message: e.message,
            });
            return Ok(ExitCode::from(1));
        }
    };
    let dir = args.out.display().to_string();
    std::fs::create_dir_all(&args.out).map_err(|e| CliError::io(&dir, &e))?;
    let files = compiled.files();
    let mut s = String::new();
    for f in &files {
        write_atomically(&args.out.join(&f.name), &f.bytes)?;
        s.push_str(&format!(
            "  {:<26} {:>9} bytes  {}\n",
            f.name,
            f.bytes.len(),
            cogov_engine::pipeline::sha256(&f.bytes)
        ));
    }
    let m = &compiled.matrix;
    output::print_human(&format!(
        "compiled {}@{} ({}) into {dir}: {} roles × {} actions × {} resources, {} allowed cells\n{s}",
        compiled.source.instance,
        compiled.source.version,
        compiled.source.fingerprint,
        m.roles.len(),
        m.actions.len(),
        m.resources.len(),
        m.grants.len()
    ));
    Ok(ExitCode::SUCCESS)
}

/// Writes `bytes` to `path` whole or not at all, with the project's one safe writer.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    cogov_app::files::write_atomic(path, bytes)
}
