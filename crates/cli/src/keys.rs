//! Key files and their password: from `--password-file`, else `COGOV_KEY_PASSWORD`, else a
//! prompt on a terminal. The password is never written anywhere.

use crate::input::CliError;
use cogov_engine::bundle::BundleError;
use cogov_model::ErrorCode;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The environment variable scripts may give the secret key's password in.
pub const PASSWORD_ENV: &str = "COGOV_KEY_PASSWORD";

/// The largest password file read (GOV-B025): a password is one short line.
pub const MAX_PASSWORD_FILE_BYTES: u64 = 4096;
/// The largest minisign key file read (GOV-B024).
pub const MAX_KEY_FILE_BYTES: u64 = cogov_app::keys::MAX_KEY_FILE_BYTES;

/// Where a secret key's password comes from.
#[derive(Debug, Clone, clap::Args)]
pub struct PasswordArgs {
    /// A file whose first line is the secret key's password [default: $COGOV_KEY_PASSWORD,
    /// else a prompt on a terminal].
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
}

impl PasswordArgs {
    /// The password, or `None` when there is no file, no variable and no terminal. An empty
    /// password is refused (GOV-B023) wherever it comes from, as the studio refuses it.
    pub fn password(&self, prompt: &str, confirm: bool) -> Result<Option<String>, CliError> {
        match self.password_from(prompt, confirm)? {
            Some((source, pw)) if pw.is_empty() => Err(bundle_error(
                &source,
                BundleError::whole(
                    ErrorCode::KeyPasswordEmpty,
                    "the password is empty: a secret key must be protected by a non-empty password",
                ),
            )),
            other => Ok(other.map(|(_, pw)| pw)),
        }
    }

    /// The password and where it came from (the file, the variable or the terminal).
    fn password_from(&self, prompt: &str, confirm: bool) -> Result<Option<(String, String)>, CliError> {
        if let Some(p) = &self.password_file {
            let name = p.display().to_string();
            let bytes = read_capped(p, MAX_PASSWORD_FILE_BYTES, ErrorCode::PasswordFileTooLarge, ErrorCode::Io)?;
            let text = String::from_utf8(bytes).map_err(|_| {
                bundle_error(&name, BundleError::whole(ErrorCode::KeyPassword, "the password file is not UTF-8 text"))
            })?;
            return Ok(Some((name, text.lines().next().unwrap_or_default().to_owned())));
        }
        if let Ok(p) = std::env::var(PASSWORD_ENV) {
            return Ok(Some((format!("${PASSWORD_ENV}"), p)));
        }
        if !std::io::stdin().is_terminal() {
            return Ok(None);
        }
        let first = rpassword::prompt_password(prompt).map_err(|e| CliError::io("(terminal)", &e))?;
        if confirm && !first.is_empty() {
            let again = rpassword::prompt_password("Password (again): ").map_err(|e| CliError::io("(terminal)", &e))?;
            if again != first {
                return Err(bundle_error(
                    "(terminal)",
                    BundleError::whole(ErrorCode::KeyPassword, "the two passwords differ"),
                ));
            }
        }
        Ok(Some(("(terminal)".to_owned(), first)))
    }
}

/// Reads at most `limit` bytes of `path` (a password file is small; a huge or endless one is a
/// mistake or an attack).
fn read_capped(path: &Path, limit: u64, code: ErrorCode, unreadable: ErrorCode) -> Result<Vec<u8>, CliError> {
    cogov_app::files::read_capped(path, limit, code, unreadable)
}

/// A bundle or key error about `file`, with the entry it names as the place.
pub fn bundle_error(file: &str, e: BundleError) -> CliError {
    CliError::bundle(file, e)
}

/// Reads a public key file (the application layer's one key reader and bound).
pub fn public_key(path: &Path) -> Result<cogov_app::keys::PublicKey, CliError> {
    cogov_app::keys::public_key(path)
}

/// Reads and decrypts a secret key file, asking for its password when it is encrypted.
pub fn secret_key(path: &Path, password: &PasswordArgs) -> Result<cogov_app::keys::SecretKey, CliError> {
    let name = path.display().to_string();
    cogov_app::keys::secret_key(path, || password.password(&format!("Password for {name}: "), false))
}
