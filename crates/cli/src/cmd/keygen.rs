//! `cogov keygen --out DIR`: a minisign key pair for signing bundles.
//!
//! Writes `DIR/cogov.key` (the secret key, encrypted with a password, mode 0600) and
//! `DIR/cogov.pub` (the public key `cogov verify`, `cogov deploy` and `minisign -V` take).
//! Existing key files are never overwritten.

use crate::cmd::Format;
use crate::input::CliError;
use crate::keys::{self, PasswordArgs};
use crate::output;
use cogov_engine::bundle::{BundleError, sign};
use cogov_model::ErrorCode;
use cogov_store::files::{self, Access};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The secret key's file name.
pub const SECRET_KEY: &str = "cogov.key";
/// The public key's file name.
pub const PUBLIC_KEY: &str = "cogov.pub";

/// Arguments of `cogov keygen`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directory to write `cogov.key` and `cogov.pub` into (created if missing).
    #[arg(long, short)]
    pub out: PathBuf,
    #[command(flatten)]
    password: PasswordArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Exit 0 when written, 2 when a key file exists, there is no password, or a write fails.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let (sk_path, pk_path) = (args.out.join(SECRET_KEY), args.out.join(PUBLIC_KEY));
    for p in [&sk_path, &pk_path] {
        if p.exists() {
            let name = p.display().to_string();
            return Err(keys::bundle_error(
                &name,
                BundleError::whole(ErrorCode::KeyExists, "remove it or choose another --out"),
            ));
        }
    }
    let Some(password) = args.password.password("Password for the new secret key: ", true)? else {
        let e = BundleError::whole(
            ErrorCode::KeyPassword,
            format!("no password: give --password-file FILE or ${}, or run on a terminal", keys::PASSWORD_ENV),
        );
        return Err(keys::bundle_error(&sk_path.display().to_string(), e));
    };
    let kp = minisign::KeyPair::generate_encrypted_keypair(Some(password)).map_err(|e| {
        keys::bundle_error(&sk_path.display().to_string(), BundleError::whole(ErrorCode::KeyUnreadable, e.to_string()))
    })?;
    let id = sign::key_id(&kp.pk);
    let sk_text = kp.sk.to_box(Some("cogov secret key")).map(|b| b.to_string());
    let pk_text = kp.pk.to_box().map(|b| b.to_string());
    let (Ok(sk_text), Ok(pk_text)) = (sk_text, pk_text) else {
        let e = BundleError::whole(ErrorCode::KeyUnreadable, "the new key could not be encoded");
        return Err(keys::bundle_error(&sk_path.display().to_string(), e));
    };
    std::fs::create_dir_all(&args.out).map_err(|e| CliError::io(&args.out.display().to_string(), &e))?;
    write_new(&sk_path, sk_text.as_bytes(), Access::Private)?;
    write_new(&pk_path, pk_text.as_bytes(), Access::Shared)?;
    match args.format {
        Format::Json => output::print_json(&serde_json::json!({
            "key_id": id,
            "secret_key": sk_path.display().to_string(),
            "public_key": pk_path.display().to_string(),
        })),
        Format::Human => output::print_human(&format!(
            "key {id}\n  secret key {} (encrypted; keep it private)\n  public key {}\n",
            sk_path.display(),
            pk_path.display()
        )),
    }
    Ok(ExitCode::SUCCESS)
}

/// Creates `path` (refusing anything there) with `access`, writes and syncs it.
fn write_new(path: &Path, bytes: &[u8], access: Access) -> Result<(), CliError> {
    files::write_new(path, bytes, access).map_err(|e| CliError::io(&path.display().to_string(), &e))
}
