//! `cogov changelog NAME --out DIR`: the change channel of a stored design, `CHANGELOG.md` and
//! the Atom feed `changes.atom`, one entry per version, newest first, times from the store.

use crate::cmd::compile::write_atomically;
use crate::db::{self, DbArgs};
use crate::input::CliError;
use crate::output;
use cogov_engine::changelog::{self, VersionInput};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `cogov changelog`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The design [default: the only design in the store].
    pub name: Option<String>,
    /// The directory to write `CHANGELOG.md` and `changes.atom` into (created if missing).
    #[arg(long, short)]
    pub out: PathBuf,
    #[command(flatten)]
    db: DbArgs,
}

/// Exit 0 when written, 2 when the store or a version cannot be read or the output written.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let store = args.db.open()?;
    let name = db::design(&store, args.name.as_deref(), "cogov changelog NAME")?;
    let history = store
        .log(&name)?
        .into_iter()
        .map(|r| {
            let (_, gco) = store.show(&name, &r.version)?;
            let kind =
                serde_json::to_value(r.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
            Ok(VersionInput {
                version: r.version,
                fingerprint: r.fingerprint,
                created_at: r.created_at,
                author: r.author,
                message: r.message,
                kind,
                gco,
            })
        })
        .collect::<Result<Vec<_>, CliError>>()?;
    let dir = args.out.display().to_string();
    std::fs::create_dir_all(&args.out).map_err(|e| CliError::io(&dir, &e))?;
    let files = changelog::files(&history);
    for (p, b) in &files {
        write_atomically(&args.out.join(p), b)?;
    }
    output::print_human(&format!(
        "change channel of {name}: {} version(s) into {dir} ({})\n",
        history.len(),
        files.iter().map(|f| f.0.as_str()).collect::<Vec<_>>().join(", ")
    ));
    Ok(ExitCode::SUCCESS)
}
