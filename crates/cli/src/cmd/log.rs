//! `cogov log [NAME]`: the versions of a design (or every design and its latest version).

use crate::cmd::Format;
use crate::db::DbArgs;
use crate::input::CliError;
use crate::output;
use cogov_app::records::versions::{VersionKind, VersionRecord};
use std::process::ExitCode;

/// Arguments of `cogov log`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The design (its `identity.name`); without it, every design in the store.
    pub name: Option<String>,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// One line per version, newest first.
pub fn line(v: &VersionRecord) -> String {
    let kind = match v.kind {
        VersionKind::Commit => String::new(),
        VersionKind::Amendment => " [amendment]".into(),
        VersionKind::Rollback => format!(" [rollback to {}]", v.rollback_of.as_deref().unwrap_or("?")),
    };
    let short = v.fingerprint.trim_start_matches("sha256:").get(..12).unwrap_or_default();
    format!("{:<10} {short}  {}  {:<12} {}{kind}\n", v.version, output::head(&v.created_at, 16), v.author, v.message)
}

/// Lists versions (or designs).
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let store = args.db.open()?;
    match &args.name {
        Some(name) => {
            let log = store.log(name)?;
            match args.format {
                Format::Json => output::print_json(&log),
                Format::Human => output::print_human(&log.iter().rev().map(line).collect::<String>()),
            }
        }
        None => {
            let all = store.instances()?;
            match args.format {
                Format::Json => output::print_json(&all),
                Format::Human => output::print_human(
                    &all.iter()
                        .map(|i| format!("{:<24} {} versions, latest {}\n", i.instance, i.versions, i.latest.version))
                        .collect::<String>(),
                ),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
