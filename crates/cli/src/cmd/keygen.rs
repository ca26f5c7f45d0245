//! `cogov keygen --out DIR`: a minisign key pair for signing bundles.
//!
//! Writes `DIR/cogov.key` (the secret key, encrypted with a password, mode 0600) and
//! `DIR/cogov.pub` (the public key `cogov verify`, `cogov deploy` and `minisign -V` take).
//! Existing key files are never overwritten.

use crate::cmd::Format;
use crate::input::CliError;
use crate::keys::PasswordArgs;
use crate::output;
use cogov_app::ErrorCode;
use cogov_app::keys;
use cogov_engine::bundle::BundleError;
use std::path::PathBuf;
use std::process::ExitCode;

pub use cogov_app::keys::{PUBLIC_KEY, SECRET_KEY};

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
    // Refuse an existing key before asking for a password.
    keys::check_free(&args.out)?;
    let Some(password) = args.password.password("Password for the new secret key: ", true)? else {
        let e = BundleError::whole(
            ErrorCode::KeyPassword,
            format!("no password: give --password-file FILE or ${}, or run on a terminal", crate::keys::PASSWORD_ENV),
        );
        return Err(CliError::bundle(&args.out.join(SECRET_KEY).display().to_string(), e));
    };
    let written = keys::write_key(&args.out, &keys::generate(&password)?)?;
    let (id, sk_path, pk_path) = (&written.key_id, &written.secret_key, &written.public_key);
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
