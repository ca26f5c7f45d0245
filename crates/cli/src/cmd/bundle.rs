//! `cogov bundle FILE_OR_STORED_DESIGN --key KEY --out BUNDLE.tar.gz`: a signed,
//! deterministic bundle of a design (docs/bundles.md).
//!
//! The bundle holds `gco.json`, every compiled file under `compiled/`, `risk.json`, and for a
//! stored version its latest stored simulation (`simulation.json`) and build record id. A
//! bundle of a stored version is kept in the store. With `--format json` the output is one
//! object: `{"bundle", "sha256", "size", "instance", "version", "fingerprint", "build_id",
//! "files": [{"path", "sha256", "size"}], "recorded"}`.

use crate::cmd::Format;
use crate::db::{self, AuthorArgs, DbArgs};
use crate::input::{self, CliError};
use crate::keys::{self, PasswordArgs};
use crate::output;
use cogov_app::ErrorCode;
use cogov_app::bundle::{self, Source};
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

/// Exit 0 when written, 1 when the design has blocking findings (`GOV-P001`, nothing
/// written), 2 when an input, the key or the output fails.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let (source, mut store) = if Path::new(&args.design).is_file() || args.design == "-" {
        (Source::loose(input::load_gco(&args.design)?, None), None)
    } else {
        let store = args.db.open()?;
        let (name, version) = db::resolve(&store, &args.design)?;
        (Source::stored(&store, &name, &version)?, Some(store))
    };
    let key = || keys::secret_key(&args.key, &args.password);
    let done = match bundle::bundle(&args.design, &source, key, &args.out, store.as_mut(), &args.author.name(), &|_| ())
    {
        Ok(done) => done,
        Err(e) if e.code == ErrorCode::ValidationBlocked => {
            output::print_error(&e);
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e),
    };
    let (built, recorded) = (&done.built, done.recorded);
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
