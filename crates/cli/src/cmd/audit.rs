//! `cogov audit [verify]`: the audit log, or a check of its hash chain.

use crate::cmd::Format;
use crate::db::DbArgs;
use crate::input::CliError;
use crate::output;
use cogov_store::audit;
use std::process::ExitCode;

/// Arguments of `cogov audit`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// `verify` walks the hash chain and names the first entry altered, removed or replaced.
    #[arg(value_parser = ["verify"])]
    pub action: Option<String>,
    /// List entries from this sequence number on.
    #[arg(long, default_value_t = 1)]
    pub since: i64,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Lists entries (exit 0), or verifies the chain (exit 0 intact, 1 tampered).
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let store = args.db.open()?;
    if args.action.is_some() {
        let v = audit::verify(store.conn(), store.path())?;
        match args.format {
            Format::Json => output::print_json(&v),
            Format::Human => output::print_human(&match &v.problem {
                None => format!("audit log intact: {} entries, head {}\n", v.entries, v.head),
                Some(p) => format!("audit log TAMPERED: {p}\n"),
            }),
        }
        return Ok(if v.problem.is_none() { ExitCode::SUCCESS } else { ExitCode::from(1) });
    }
    let entries = audit::entries(store.conn(), store.path(), args.since)?;
    match args.format {
        Format::Json => output::print_json(&entries),
        Format::Human => output::print_human(
            &entries
                .iter()
                .map(|e| {
                    format!(
                        "{:>5} {}  {:<12} {:<18} {}\n",
                        e.seq,
                        output::head(&e.at, 19),
                        e.actor,
                        e.action,
                        e.subject
                    )
                })
                .collect::<String>(),
        ),
    }
    Ok(ExitCode::SUCCESS)
}
