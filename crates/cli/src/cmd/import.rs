//! `cogov import [KIND] FILE [--answer KEY=VALUE]… [--out FILE]`: a constitution document, or
//! the configuration of a system governance runs on (`snapshot`, `governor`, `bravo`, `safe`,
//! `aragon`), into a GCO.

use crate::input::{self, CliError};
use crate::output;
use cogov_engine::interop::Kind;
use cogov_engine::{IntakeError, validate};
use cogov_model::ErrorCode;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `cogov import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to import from (snapshot, governor, bravo, safe, aragon), then the file; a single
    /// argument is a constitution document (.md).
    #[arg(value_name = "[KIND] FILE", num_args = 1..=2, required = true)]
    pub args: Vec<String>,
    /// A value the source does not state, e.g. `--answer total_supply=1000000` (repeatable;
    /// the value is JSON or a bare string).
    #[arg(long = "answer", value_name = "KEY=VALUE")]
    pub answers: Vec<String>,
    /// Write the GCO here instead of standard output.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// Writes the canonical GCO; warns on standard error about findings, gaps and questions.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let (kind, file) = match args.args.as_slice() {
        [file] => (None, file.clone()),
        [kind, file] => (Some(Kind::parse(kind).map_err(|e| CliError::intake(kind.clone(), e))?), file.clone()),
        _ => unreachable!("clap takes one or two arguments"),
    };
    let gco = match kind {
        None => {
            if !args.answers.is_empty() {
                let e = IntakeError::whole(ErrorCode::InteropAnswer, "a constitution document asks no questions");
                return Err(CliError::intake("--answer", e));
            }
            let (_, doc) = input::load(&file)?;
            doc.into_gco().map_err(|inner| CliError::intake(file.clone(), inner))?
        }
        Some(kind) => {
            let answers = cogov_app::interop::parse_answers(&args.answers)?;
            let imported = cogov_app::interop::import(kind, &file, &answers)?;
            for q in imported.questions.iter().filter(|q| !answers.contains_key(&q.key)) {
                let default = q.default.as_ref().map_or(String::new(), |d| format!(" (assumed {d})"));
                eprintln!("question {}: {}{default}", q.key, q.prompt);
            }
            for g in &imported.gaps {
                eprintln!("{} at {}: {}", g.code, g.pointer, g.detail);
            }
            imported.gco
        }
    };
    let report = validate::report_gco(&gco);
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
        let _ = std::io::Write::write_all(&mut err, output::render_report(&file, &report).as_bytes());
    }
    Ok(if report.is_blocking() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Indented JSON for people; the fingerprint does not depend on the layout.
pub fn pretty(gco: &cogov_model::Gco) -> String {
    serde_json::to_string_pretty(&cogov_model::sort_keys(gco.to_value())).unwrap_or_default()
}
