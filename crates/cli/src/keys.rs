//! Key files and their password: from `--password-file`, else `COGOV_KEY_PASSWORD`, else a
//! prompt on a terminal. The password is never written anywhere.

use crate::input::CliError;
use cogov_engine::Location;
use cogov_engine::bundle::{BundleError, sign};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The environment variable scripts may give the secret key's password in.
pub const PASSWORD_ENV: &str = "COGOV_KEY_PASSWORD";

/// Where a secret key's password comes from.
#[derive(Debug, Clone, clap::Args)]
pub struct PasswordArgs {
    /// A file whose first line is the secret key's password [default: $COGOV_KEY_PASSWORD,
    /// else a prompt on a terminal].
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
}

impl PasswordArgs {
    /// The password, or `None` when there is no file, no variable and no terminal.
    pub fn password(&self, prompt: &str, confirm: bool) -> Result<Option<String>, CliError> {
        if let Some(p) = &self.password_file {
            let text = std::fs::read_to_string(p).map_err(|e| CliError::io(&p.display().to_string(), &e))?;
            return Ok(Some(text.lines().next().unwrap_or_default().to_owned()));
        }
        if let Ok(p) = std::env::var(PASSWORD_ENV) {
            return Ok(Some(p));
        }
        if !std::io::stdin().is_terminal() {
            return Ok(None);
        }
        let first = rpassword::prompt_password(prompt).map_err(|e| CliError::io("(terminal)", &e))?;
        if confirm {
            let again = rpassword::prompt_password("Password (again): ").map_err(|e| CliError::io("(terminal)", &e))?;
            if again != first {
                return Err(bundle_error(
                    "(terminal)",
                    BundleError::whole(cogov_model::ErrorCode::KeyPassword, "the two passwords differ"),
                ));
            }
        }
        Ok(Some(first))
    }
}

/// A bundle or key error about `file`, with the entry it names as the place.
pub fn bundle_error(file: &str, e: BundleError) -> CliError {
    CliError {
        file: file.to_owned(),
        code: e.code.as_str(),
        title: e.code.title(),
        location: e.entry.map_or(Location::Whole, Location::Pointer),
        message: e.message,
    }
}

/// Reads a key file's text, bounded like every input.
fn read_key(path: &Path) -> Result<String, CliError> {
    let name = path.display().to_string();
    let bytes = crate::input::read_bounded(&name).map_err(|e| CliError {
        code: cogov_model::ErrorCode::KeyUnreadable.as_str(),
        title: cogov_model::ErrorCode::KeyUnreadable.title(),
        ..e
    })?;
    String::from_utf8(bytes).map_err(|_| {
        bundle_error(&name, BundleError::whole(cogov_model::ErrorCode::KeyUnreadable, "not a text key file"))
    })
}

/// Reads a public key file.
pub fn public_key(path: &Path) -> Result<minisign::PublicKey, CliError> {
    let text = read_key(path)?;
    sign::public_key(&text).map_err(|e| bundle_error(&path.display().to_string(), e))
}

/// Reads and decrypts a secret key file, asking for its password when it is encrypted.
pub fn secret_key(path: &Path, password: &PasswordArgs) -> Result<minisign::SecretKey, CliError> {
    let name = path.display().to_string();
    let text = read_key(path)?;
    match sign::secret_key(&text, None) {
        Ok(k) => Ok(k),
        Err(e) if e.code == cogov_model::ErrorCode::KeyPassword => {
            let pw = password.password(&format!("Password for {name}: "), false)?;
            sign::secret_key(&text, pw.as_deref()).map_err(|e| bundle_error(&name, e))
        }
        Err(e) => Err(bundle_error(&name, e)),
    }
}
