//! `cogov telemetry contract FILE --out DIR` and `cogov telemetry ingest FILE.ndjson --design
//! NAME [--version V]`: the telemetry contract of a design, and events checked against the
//! contract of a stored version, good ones kept in the store.
//!
//! `ingest --format json` prints one object: `{"instance", "version", "lines", "accepted",
//! "duplicates", "duplicate_lines", "rejected": [{"line", "code", "message"}], "figures":
//! [{"name", "expected", "observed", "verdict", "sample"}]}`. `accepted` counts the events
//! written; an event the design already holds (the same canonical JSON) is a duplicate,
//! skipped and counted, so ingesting a file twice stores it once.

use crate::cmd::Format;
use crate::cmd::compile::write_atomically;
use crate::db::{self, AuthorArgs, DbArgs};
use crate::input::{self, CliError};
use crate::output;
use cogov_app::records::telemetry::Ingested;
use cogov_engine::pipeline::sha256;
use cogov_engine::telemetry::{self, Contract, Figure};
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `cogov telemetry`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
    /// Output format.
    #[arg(long, value_enum, global = true, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Write a design's telemetry contract: the contract (JSON and Markdown) and one JSON
    /// Schema per event type.
    Contract {
        /// A GCO (.json), a constitution document (.md) or an answers file.
        file: String,
        /// The directory to write into (created if missing).
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Check NDJSON events against the contract of a stored version and keep the good ones in
    /// the store's execution events; every bad line is reported and skipped.
    // `--version` names the design's version here, not CoGov's.
    #[command(disable_version_flag = true)]
    Ingest {
        /// The events, one JSON object per line (`-` for standard input; at most 16 MiB).
        file: String,
        /// The design [default: the only design in the store].
        #[arg(long, value_name = "NAME")]
        design: Option<String>,
        /// The version whose contract applies [default: the latest].
        #[arg(long = "version", id = "design_version", value_name = "V")]
        version: Option<String>,
        #[command(flatten)]
        author: AuthorArgs,
        #[command(flatten)]
        db: DbArgs,
    },
}

/// `contract`: exit 0 when written, 2 when the input cannot be read or the output written.
/// `ingest`: exit 0 when every line was good, 1 when some lines were skipped (the good ones are
/// kept), 2 when the file, the store or the version cannot be read.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    match args.action {
        Action::Contract { file, out } => contract(&file, &out, args.format),
        Action::Ingest { file, design, version, author, db } => {
            ingest(&file, design.as_deref(), version, &author, &db, args.format)
        }
    }
}

fn contract(file: &str, out: &std::path::Path, format: Format) -> Result<ExitCode, CliError> {
    let gco = input::load_gco(file)?;
    let c = Contract::of(&gco);
    let dir = out.display().to_string();
    std::fs::create_dir_all(out.join("events")).map_err(|e| CliError::io(&dir, &e))?;
    let files = c.files();
    for (p, b) in &files {
        write_atomically(&out.join(p), b)?;
    }
    match format {
        Format::Json => output::print_json(&json!({
            "instance": c.source.instance, "version": c.source.version, "fingerprint": c.source.fingerprint,
            "events": c.events.iter().map(|e| e.name).collect::<Vec<_>>(),
            "files": files.iter().map(|(p, b)| json!({"path": p, "bytes": b.len(), "sha256": sha256(b)})).collect::<Vec<_>>(),
        })),
        Format::Human => {
            let mut t = format!(
                "telemetry contract of {}@{} ({}): {} event types in {dir}\n",
                c.source.instance,
                c.source.version,
                c.source.fingerprint,
                c.events.len()
            );
            for (p, b) in &files {
                t.push_str(&format!("  {:<40} {:>7} bytes\n", p, b.len()));
            }
            output::print_human(&t);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn ingest(
    file: &str,
    design: Option<&str>,
    version: Option<String>,
    author: &AuthorArgs,
    db: &DbArgs,
    format: Format,
) -> Result<ExitCode, CliError> {
    let bytes = input::read_bounded(file)?;
    let mut store = db.open()?;
    let name = db::design(&store, design, "--design NAME")?;
    let version = match version {
        Some(v) => v,
        None => store.latest(&name)?.version,
    };
    let (_, gco) = store.show(&name, &version)?;
    let c = Contract::of(&gco);
    let checked = telemetry::check(&c, &bytes);
    let ingested = store.append_execution_events(&name, &version, &checked.accepted, &author.name())?;
    let figures = telemetry::figures(&gco, &checked.accepted);
    match format {
        Format::Json => output::print_json(&json!({
            "instance": name, "version": version, "lines": checked.lines, "accepted": ingested.written,
            "duplicates": ingested.duplicates.len(), "duplicate_lines": ingested.duplicates,
            "rejected": checked.rejected, "figures": figures,
        })),
        Format::Human => output::print_human(&render(file, &name, &version, &ingested, &checked, &figures)),
    }
    Ok(if checked.rejected.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn render(
    file: &str,
    name: &str,
    version: &str,
    ingested: &Ingested,
    checked: &telemetry::Checked,
    figures: &[Figure],
) -> String {
    let mut s = format!(
        "{file}: {} line(s); kept {} event(s) for {name}@{version}; {} already stored (skipped); skipped {}\n",
        checked.lines,
        ingested.written,
        ingested.duplicates.len(),
        checked.rejected.len()
    );
    for r in &checked.rejected {
        s.push_str(&format!("  {file}:{}: {}: {}\n", r.line, r.code.as_str(), r.message));
    }
    s.push_str("figure                  expected   observed   verdict\n");
    let n = |x: Option<f64>| x.map_or("—".to_owned(), |x| format!("{x:.4}"));
    for f in figures {
        let verdict =
            serde_json::to_value(f.verdict).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        s.push_str(&format!(
            "  {:<22}{:>9}  {:>9}   {verdict} (from {})\n",
            f.name,
            n(f.expected),
            n(f.observed),
            f.sample
        ));
    }
    s
}
