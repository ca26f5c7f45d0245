//! Signing keys: one reader for public and secret key files with one bound, key generation
//! and the files it writes (never overwriting a key).

use crate::error::{Error, Result};
use crate::files::{self, Access};
use cogov_engine::bundle::{BundleError, sign};
use cogov_model::ErrorCode;
use std::path::{Path, PathBuf};

/// The secret key's file name.
pub const SECRET_KEY: &str = "cogov.key";
/// The public key's file name, beside the secret key.
pub const PUBLIC_KEY: &str = "cogov.pub";
/// The largest key file read (`GOV-B024`): a minisign key box is a few hundred bytes.
pub const MAX_KEY_FILE_BYTES: u64 = 4096;

pub use minisign::{PublicKey, SecretKey};

/// Reads a key file's text, at most [`MAX_KEY_FILE_BYTES`].
fn read_key(path: &Path) -> Result<String> {
    let bytes = files::read_capped(path, MAX_KEY_FILE_BYTES, ErrorCode::KeyFileTooLarge, ErrorCode::KeyUnreadable)?;
    String::from_utf8(bytes).map_err(|_| {
        Error::bundle(&path.display().to_string(), BundleError::whole(ErrorCode::KeyUnreadable, "not a text key file"))
    })
}

/// Reads a public key file.
pub fn public_key(path: &Path) -> Result<PublicKey> {
    let text = read_key(path)?;
    sign::public_key(&text).map_err(|e| Error::bundle(&path.display().to_string(), e))
}

/// Reads and decrypts a secret key file; `password` is asked only when the key is encrypted.
pub fn secret_key(path: &Path, password: impl FnOnce() -> Result<Option<String>>) -> Result<SecretKey> {
    let name = path.display().to_string();
    let text = read_key(path)?;
    match sign::secret_key(&text, None) {
        Ok(k) => Ok(k),
        Err(e) if e.code == ErrorCode::KeyPassword => {
            let pw = password()?;
            sign::secret_key(&text, pw.as_deref()).map_err(|e| Error::bundle(&name, e))
        }
        Err(e) => Err(Error::bundle(&name, e)),
    }
}

/// The public key file beside a secret key (`cogov.key` → `cogov.pub`, else `x.key` → `x.pub`).
pub fn public_beside(secret: &Path) -> PathBuf {
    if secret.file_name().is_some_and(|n| n == SECRET_KEY) {
        secret.with_file_name(PUBLIC_KEY)
    } else {
        secret.with_extension("pub")
    }
}

/// The key id minisign prints (16 hex digits).
pub fn key_id(pk: &PublicKey) -> String {
    sign::key_id(pk)
}

/// A new key pair, encoded, not yet written.
pub struct NewKey {
    /// Its key id.
    pub id: String,
    secret: String,
    public: String,
}

/// Key files written by [`write_key`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KeyFiles {
    /// The key id.
    pub key_id: String,
    /// The secret key file (encrypted, owner-only).
    pub secret_key: PathBuf,
    /// The public key file.
    pub public_key: PathBuf,
}

/// Makes a key pair whose secret key is encrypted with `password`; an empty password is
/// refused (`GOV-B023`) on both faces.
pub fn generate(password: &str) -> Result<NewKey> {
    if password.is_empty() {
        return Err(Error::bundle(
            "(new key)",
            BundleError::whole(
                ErrorCode::KeyPasswordEmpty,
                "the password is empty: a secret key must be protected by a non-empty password",
            ),
        ));
    }
    let kp = minisign::KeyPair::generate_encrypted_keypair(Some(password.to_owned()))
        .map_err(|e| Error::bundle("(new key)", BundleError::whole(ErrorCode::KeyUnreadable, e.to_string())))?;
    let encode_failed =
        || Error::bundle("(new key)", BundleError::whole(ErrorCode::KeyUnreadable, "the new key could not be encoded"));
    let secret = kp.sk.to_box(Some("cogov secret key")).map_err(|_| encode_failed())?.to_string();
    let public = kp.pk.to_box().map_err(|_| encode_failed())?.to_string();
    Ok(NewKey { id: sign::key_id(&kp.pk), secret, public })
}

/// Refuses when a key file already exists in `dir` (`GOV-B022`).
pub fn check_free(dir: &Path) -> Result<()> {
    for p in [dir.join(SECRET_KEY), dir.join(PUBLIC_KEY)] {
        if p.exists() {
            let e = BundleError::whole(ErrorCode::KeyExists, "remove it or choose another directory");
            return Err(Error::bundle(&p.display().to_string(), e));
        }
    }
    Ok(())
}

/// Writes `dir/cogov.key` (owner-only) and `dir/cogov.pub`, creating `dir`; an existing key
/// file is never overwritten (`GOV-B022`).
pub fn write_key(dir: &Path, key: &NewKey) -> Result<KeyFiles> {
    check_free(dir)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(&dir.display().to_string(), &e))?;
    let (sk, pk) = (dir.join(SECRET_KEY), dir.join(PUBLIC_KEY));
    files::write_new(&sk, key.secret.as_bytes(), Access::Private)?;
    files::write_new(&pk, key.public.as_bytes(), Access::Shared)?;
    Ok(KeyFiles { key_id: key.id.clone(), secret_key: sk, public_key: pk })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_key_reads_back_and_is_never_overwritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let k = generate("pw").expect("key");
        let files = write_key(dir.path(), &k).expect("written");
        let pk = public_key(&files.public_key).expect("public");
        assert_eq!(key_id(&pk), files.key_id);
        assert!(secret_key(&files.secret_key, || Ok(Some("pw".into()))).is_ok());
        let wrong = secret_key(&files.secret_key, || Ok(Some("no".into()))).expect_err("wrong password");
        assert_eq!(wrong.code, ErrorCode::KeyPassword);
        let again = write_key(dir.path(), &generate("pw").expect("key")).expect_err("exists");
        assert_eq!(again.code, ErrorCode::KeyExists);
        assert_eq!(generate("").err().map(|e| e.code), Some(ErrorCode::KeyPasswordEmpty));
    }
}
