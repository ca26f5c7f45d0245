//! Key files and their password: from `--password-file`, else `COGOV_KEY_PASSWORD`, else a
//! prompt on a terminal. The password is never written anywhere.

use crate::input::CliError;
use cogov_engine::Location;
use cogov_engine::bundle::{BundleError, sign};
use cogov_model::ErrorCode;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

/// The environment variable scripts may give the secret key's password in.
pub const PASSWORD_ENV: &str = "COGOV_KEY_PASSWORD";

/// The largest password file read (GOV-B025): a password is one short line.
pub const MAX_PASSWORD_FILE_BYTES: u64 = 4096;
/// The largest minisign key file read (GOV-B024): a key box is a few hundred bytes.
pub const MAX_KEY_FILE_BYTES: u64 = 4096;

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

/// Reads at most `limit` bytes of `path`; a longer file is refused with `code` without reading
/// the rest (a password or key file is small; a huge or endless one is a mistake or an attack).
fn read_capped(path: &Path, limit: u64, code: ErrorCode, unreadable: ErrorCode) -> Result<Vec<u8>, CliError> {
    let name = path.display().to_string();
    let mut buf = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut buf))
        .map_err(|e| bundle_error(&name, BundleError::whole(unreadable, e.to_string())))?;
    if buf.len() as u64 > limit {
        return Err(bundle_error(
            &name,
            BundleError::whole(code, format!("more than {limit} bytes: not read further")),
        ));
    }
    Ok(buf)
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

/// Reads a key file's text, at most [`MAX_KEY_FILE_BYTES`].
fn read_key(path: &Path) -> Result<String, CliError> {
    let name = path.display().to_string();
    let bytes = read_capped(path, MAX_KEY_FILE_BYTES, ErrorCode::KeyFileTooLarge, ErrorCode::KeyUnreadable)?;
    String::from_utf8(bytes)
        .map_err(|_| bundle_error(&name, BundleError::whole(ErrorCode::KeyUnreadable, "not a text key file")))
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
        Err(e) if e.code == ErrorCode::KeyPassword => {
            let pw = password.password(&format!("Password for {name}: "), false)?;
            sign::secret_key(&text, pw.as_deref()).map_err(|e| bundle_error(&name, e))
        }
        Err(e) => Err(bundle_error(&name, e)),
    }
}
