//! `cogov validate FILE [--format human|json]`.

use crate::cmd::Format;
use crate::input::{self, CliError};
use crate::output;
use cogov_engine::validate;
use std::process::ExitCode;

/// Arguments of `cogov validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A GCO (.json), a constitution document (.md), an answers file (.json), or - for stdin.
    pub file: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Exit 0 without blocking findings, 1 with, 2 when the input cannot be read.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let (_, doc) = input::load(&args.file)?;
    let report = validate::report(&doc);
    match args.format {
        Format::Json => output::print_json(&report),
        Format::Human => output::print_human(&output::render_report(&args.file, &report)),
    }
    Ok(if report.is_blocking() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
