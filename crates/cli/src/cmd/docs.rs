//! `cogov docs FILE [--since OLDER] --out DIR`: the eight generated documents of a design, in
//! Markdown and HTML, and the network graph as JSON, GraphML and DOT.
//!
//! With `--format json` the output is one object:
//! `{"instance", "version", "fingerprint", "since", "files": [{"path", "bytes", "sha256"}]}`.

use crate::cmd::Format;

use crate::db::DbArgs;
use crate::input::{self, CliError};
use crate::output;
use cogov_engine::{Location, pipeline::sha256};
use cogov_model::Gco;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `cogov docs`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A GCO (.json), a constitution document (.md) or an answers file.
    pub file: String,
    /// An earlier version to show changes since: a file, or a stored `NAME@VERSION` (or
    /// `VERSION`).
    #[arg(long, value_name = "OLDER")]
    pub since: Option<String>,
    /// The directory to write the documents into (created if missing; files of the same names
    /// are replaced, each atomically).
    #[arg(long, short)]
    pub out: PathBuf,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

fn load_older(args: &Args, spec: &str) -> Result<Gco, CliError> {
    cogov_app::store::design_at(spec, args.db.db.as_deref())
}

/// Exit 0 when written, 1 when the design has blocking findings (`GOV-P001`, nothing
/// written), 2 when an input cannot be read or the output written.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let gco = input::load_gco(&args.file)?;
    let since = match &args.since {
        Some(spec) => Some(load_older(&args, spec)?),
        None => None,
    };
    let documents = match cogov_app::documents::generate(&gco, since.as_ref()) {
        Ok(d) => d,
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
    let files = cogov_app::documents::write(&documents, &args.out)?;
    let s = &documents.source;
    match args.format {
        Format::Json => output::print_json(&json!({
            "instance": s.instance,
            "version": s.version,
            "fingerprint": s.fingerprint,
            "since": documents.since,
            "files": files.iter().map(|(p, b)| json!({"path": p, "bytes": b.len(), "sha256": sha256(b)})).collect::<Vec<_>>(),
        })),
        Format::Human => {
            let mut t = format!(
                "{} documents of {}@{} ({}){} in {dir}\n",
                documents.documents.len(),
                s.instance,
                s.version,
                s.fingerprint,
                documents.since.as_ref().map_or(String::new(), |v| format!(", with changes since {v},"))
            );
            for (p, b) in &files {
                t.push_str(&format!("  {:<36} {:>9} bytes  {}\n", p, b.len(), sha256(b)));
            }
            output::print_human(&t);
        }
    }
    Ok(ExitCode::SUCCESS)
}
