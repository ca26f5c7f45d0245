//! `cogov verify BUNDLE --pubkey PUB`: checks a bundle's signature, then that its manifest
//! lists exactly the files present, then every file's hash; the first failure names the file
//! (as `BUNDLE#path`) and its code. With `--format json` a verified bundle prints
//! `{"bundle", "sha256", "key_id", "instance", "version", "fingerprint", "build_id", "files"}`.

use crate::cmd::Format;
use crate::input::CliError;
use crate::keys;
use crate::output;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `cogov verify`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The bundle (`.tar.gz`).
    pub bundle: String,
    /// The public key (`cogov keygen` wrote it beside the secret key).
    #[arg(long, value_name = "PUB")]
    pub pubkey: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Reads a bundle file, no larger than the reader's total limit allows compressed.
pub fn read_bundle(path: &str) -> Result<Vec<u8>, CliError> {
    cogov_app::files::read_bundle(std::path::Path::new(path))
}

/// Exit 0 when the bundle verifies, 2 when it does not (or cannot be read).
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let public = keys::public_key(&args.pubkey)?;
    let done = cogov_app::bundle::verify(std::path::Path::new(&args.bundle), &public)?;
    let (v, id) = (&done.verified, &done.key_id);
    let m = &v.manifest;
    match args.format {
        Format::Json => output::print_json(&serde_json::json!({
            "bundle": args.bundle,
            "sha256": v.sha256,
            "key_id": id,
            "instance": m.instance,
            "version": m.version,
            "fingerprint": m.fingerprint,
            "build_id": m.build_id,
            "files": m.files,
        })),
        Format::Human => output::print_human(&format!(
            "verified {}: {}@{} ({}), {} files, signed by key {id}\n",
            args.bundle,
            m.instance,
            m.version,
            m.fingerprint,
            m.files.len()
        )),
    }
    Ok(ExitCode::SUCCESS)
}
