//! `cogov events [--after ID] [--follow]`: the control plane's events as NDJSON (one JSON
//! object per line) or as text, replayed from the store; `--follow` waits for new ones.

use crate::cmd::Format;
use crate::db::DbArgs;
use crate::input::CliError;
use crate::output;
use std::process::ExitCode;
use std::time::Duration;

/// Arguments of `cogov events`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only events after this id.
    #[arg(long, default_value_t = 0)]
    after: i64,
    /// Keep waiting for new events (Ctrl-C stops).
    #[arg(long)]
    follow: bool,
    #[command(flatten)]
    db: DbArgs,
    /// Output format: `json` prints NDJSON, one event per line.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Exit 0.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let store = args.db.open()?;
    let mut after = args.after;
    loop {
        let events = store.events(after, 1000)?;
        for e in &events {
            match args.format {
                Format::Json => output::print_json(e),
                Format::Human => output::print_human(&format!(
                    "{:>6} {}  {:<16} {:<12} {}{}\n",
                    e.id,
                    output::head(&e.at, 19),
                    e.kind,
                    e.subject,
                    e.instance.as_deref().unwrap_or(""),
                    e.reason_code.as_ref().map_or(String::new(), |c| format!(" [{c}]"))
                )),
            }
        }
        after = events.last().map_or(after, |e| e.id);
        if events.len() < 1000 {
            if !args.follow {
                return Ok(ExitCode::SUCCESS);
            }
            std::thread::sleep(Duration::from_millis(500));
        }
    }
}
