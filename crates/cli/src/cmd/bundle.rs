//! `cogov bundle FILE_OR_STORED_DESIGN --key KEY --out BUNDLE.tar.gz`: a signed,
//! deterministic bundle of a design (docs/bundles.md).
//!
//! The bundle holds `gco.json`, every compiled file under `compiled/`, `risk.json`, and for a
//! stored version its latest stored simulation (`simulation.json`) and build record id. A
//! bundle of a stored version is kept in the store. With `--format json` the output is one
//! object: `{"bundle", "sha256", "size", "instance", "version", "fingerprint", "build_id",
//! "files": [{"path", "sha256", "size"}], "recorded"}`.

use crate::cmd::Format;
use crate::cmd::compile::write_atomically;
use crate::db::{self, AuthorArgs, DbArgs};
use crate::input::{self, CliError};
use crate::keys::{self, PasswordArgs};
use crate::output;
use cogov_engine::Location;
use cogov_engine::bundle::{self, Producers};
use cogov_model::Gco;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `cogov bundle`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A design file (.json, .md or answers), or a stored `NAME@VERSION` (or `VERSION`).
    pub design: String,
    /// The secret key (`cogov keygen`).
    #[arg(long, value_name = "KEY")]
    pub key: PathBuf,
    /// The bundle to write (`.tar.gz`), replaced atomically.
    #[arg(long, short)]
    pub out: PathBuf,
    #[command(flatten)]
    password: PasswordArgs,
    #[command(flatten)]
    author: AuthorArgs,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// The versions of the crates that produce a bundle's files.
pub fn producers() -> Producers {
    Producers {
        engine: cogov_engine::VERSION.into(),
        model: cogov_model::VERSION.into(),
        sim: cogov_sim::VERSION.into(),
    }
}

/// A design to bundle and what the store knows about it.
struct Source {
    gco: Gco,
    ratified: Option<Gco>,
    simulation: Option<serde_json::Value>,
    build_id: Option<i64>,
    stored: Option<(String, String)>,
}

fn load(args: &Args) -> Result<Source, CliError> {
    if Path::new(&args.design).is_file() || args.design == "-" {
        let gco = input::load_gco(&args.design)?;
        return Ok(Source { gco, ratified: None, simulation: None, build_id: None, stored: None });
    }
    let store = args.db.open()?;
    let (name, version) = db::resolve(&store, &args.design)?;
    let (rec, gco) = store.show(&name, &version)?;
    let ratified = match &rec.parent {
        Some(parent) => Some(store.show(&name, parent)?.1),
        None => None,
    };
    let build_id =
        store.builds(&name)?.into_iter().filter(|b| b.version == version && b.status == "passed").map(|b| b.id).max();
    let simulation = store.latest_simulation(&name, &version)?.map(|s| serde_json::to_value(s).unwrap_or_default());
    Ok(Source { gco, ratified, simulation, build_id, stored: Some((name, version)) })
}

/// Exit 0 when written, 1 when the design has blocking findings (`GOV-P001`, nothing
/// written), 2 when an input, the key or the output fails.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let src = load(&args)?;
    let files = match bundle::design_files(&src.gco, src.ratified.as_ref(), src.simulation.as_ref()) {
        Ok(f) => f,
        Err(e) => {
            output::print_error(&CliError {
                file: args.design.clone(),
                code: e.code.as_str(),
                title: e.code.title(),
                location: Location::Whole,
                message: format!("{}: not bundled", e.message.trim_end_matches(": not compiled")),
            });
            return Ok(ExitCode::from(1));
        }
    };
    let key = keys::secret_key(&args.key, &args.password)?;
    let facts = bundle::facts(&src.gco, src.build_id, producers());
    let built = bundle::build(files, &facts, &key).map_err(|e| keys::bundle_error(&args.design, e))?;
    write_atomically(&args.out, &built.bytes)?;
    let recorded = match &src.stored {
        Some((name, version)) => {
            let mut store = args.db.open()?;
            store.record_bundle(name, version, &built.sha256, &built.bytes, &args.author.name())?;
            true
        }
        None => false,
    };
    let m = &built.manifest;
    match args.format {
        Format::Json => output::print_json(&serde_json::json!({
            "bundle": args.out.display().to_string(),
            "sha256": built.sha256,
            "size": built.bytes.len(),
            "instance": m.instance,
            "version": m.version,
            "fingerprint": m.fingerprint,
            "build_id": m.build_id,
            "files": m.files,
            "recorded": recorded,
        })),
        Format::Human => {
            let mut s = format!(
                "bundled {}@{} ({}) into {}: {} files, {} bytes, {}{}\n",
                m.instance,
                m.version,
                m.fingerprint,
                args.out.display(),
                m.files.len(),
                built.bytes.len(),
                built.sha256,
                if recorded { " (kept in the store)" } else { "" }
            );
            for f in &m.files {
                s.push_str(&format!("  {:<36} {:>9} bytes  {}\n", f.path, f.size, f.sha256));
            }
            output::print_human(&s);
        }
    }
    Ok(ExitCode::SUCCESS)
}
