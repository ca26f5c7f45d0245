//! `cogov commit FILE [-m MESSAGE]`: save a design as a new version in the store.

use crate::cmd::Format;
use crate::db::{AuthorArgs, DbArgs};
use crate::input::{self, CliError};
use crate::output;
use std::process::ExitCode;

/// Arguments of `cogov commit`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The design: a GCO (.json), a constitution document (.md) or an answers file.
    pub file: String,
    /// Why this version.
    #[arg(short, long, default_value = "")]
    pub message: String,
    #[command(flatten)]
    author: AuthorArgs,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Saves the design under its `identity.version`; refuses changed content under a saved
/// version and a version raised less than the changes call for (exit 2, with the suggestion).
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let gco = input::load_gco(&args.file)?;
    let mut store = args.db.open()?;
    let out = store.commit(&gco, &args.message, &args.author.name())?;
    match args.format {
        Format::Json => output::print_json(&out),
        Format::Human => {
            let r = &out.record;
            let what = if out.created { "saved" } else { "already saved, unchanged" };
            let mut s = format!("{}@{} {what}  {}\n", r.instance, r.version, r.fingerprint);
            if let (Some(p), Some(b)) = (&r.parent, r.bump) {
                s.push_str(&format!("  after {p}: {} change(s), a {} bump\n", out.changes, b.as_str()));
            }
            if let Some(score) = r.compliance_score {
                s.push_str(&format!("  compliance {score}, {} blocking finding(s)\n", r.blocking.unwrap_or(0)));
            }
            output::print_human(&s);
        }
    }
    Ok(ExitCode::SUCCESS)
}
