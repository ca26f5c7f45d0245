//! `cogov build FILE|NAME@VERSION`: run a version through the pipeline and record the build.

use crate::cmd::Format;
use crate::db::{self, AuthorArgs, DbArgs};
use crate::input::{self, CliError};
use crate::output;
use std::process::ExitCode;

/// Arguments of `cogov build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A design file (committed first, if it is not saved yet) or a stored `NAME@VERSION`.
    pub target: String,
    #[command(flatten)]
    author: AuthorArgs,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Exit 0 when every gate passed, 1 when one failed (the record says which and why).
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let mut store = args.db.open()?;
    let author = args.author.name();
    let (name, version) = if std::path::Path::new(&args.target).is_file() {
        let gco = input::load_gco(&args.target)?;
        store.commit(&gco, "", &author)?;
        (gco.identity.name.clone(), gco.identity.version.to_string())
    } else {
        db::resolve(&store, &args.target)?
    };
    let out = store.build(&name, &version, &author)?;
    let r = &out.record;
    match args.format {
        Format::Json => output::print_json(&out),
        Format::Human => {
            let mut s = format!(
                "build {} of {}@{}: {}{}{}\n",
                r.id,
                r.instance,
                r.version,
                r.status,
                r.reason_code.as_ref().map_or(String::new(), |c| format!(" [{c}]")),
                if out.created { "" } else { " (recorded earlier for the same inputs)" }
            );
            for st in &r.stages {
                s.push_str(&format!("  {:<9} {:<8} {:>8.2} ms  {}\n", st.stage, st.status, st.duration_ms, st.detail));
            }
            output::print_human(&s);
        }
    }
    Ok(if r.status == cogov_app::records::builds::BuildStatus::Passed { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
