//! minisign signatures over the manifest, and the key files.
//!
//! Keys are the `minisign` crate's (Ed25519, scrypt-encrypted secret keys), and every signature
//! is checked with its `verify`, exactly as `minisign -V` checks it. The signature itself is
//! computed here with RFC 8032 Ed25519 (deterministic) over minisign's BLAKE2b-512 prehash:
//! the crate's own `sign` adds random noise, which would make two builds of one version differ
//! in the signature's bytes. The format is minisign's (`ED` prehashed signature, a trusted
//! comment with a global signature), so any minisign verifies it.

use super::BundleError;
use blake2::{Blake2b512, Digest};
use cogov_model::ErrorCode;
use ct_codecs::{Base64, Decoder, Encoder};
use minisign::{PublicKey, PublicKeyBox, SecretKey, SecretKeyBox, SignatureBox};
use std::io::Cursor;

/// Where the key number and the Ed25519 key (seed ‖ public) sit in a decrypted secret key's
/// bytes: signature, KDF and checksum algorithms (2 each), salt (32), opslimit and memlimit
/// (8 each), then the key number (8) and the key (64).
const KEYNUM_AT: usize = 2 + 2 + 2 + 32 + 8 + 8;
const KEY_AT: usize = KEYNUM_AT + 8;

/// The untrusted comment of every signature cogov writes.
pub const UNTRUSTED_COMMENT: &str = "signature from cogov secret key";

/// Signs `data` in minisign's format with a decrypted secret key; the trusted comment is
/// covered by the signature. The result verifies with `public` or an error says why not.
pub fn sign(data: &[u8], secret: &SecretKey, trusted_comment: &str) -> Result<String, BundleError> {
    let bad_key = |m: &str| BundleError::whole(ErrorCode::KeyUnreadable, format!("the secret key {m}"));
    if trusted_comment.contains('\n') {
        return Err(BundleError::whole(ErrorCode::BundleFileName, "a trusted comment is one line"));
    }
    let raw = secret.to_bytes();
    let (Some(keynum), Some(key)) = (raw.get(KEYNUM_AT..KEY_AT), raw.get(KEY_AT..KEY_AT + 64)) else {
        return Err(bad_key("is too short"));
    };
    let public = PublicKey::from_secret_key(secret).map_err(|e| bad_key(&format!("has no public key: {e}")))?;
    // The public key's bytes are its algorithm (2), key number (8) and key (32): a secret key
    // still encrypted, or laid out otherwise, fails here rather than signing with garbage.
    let pk = public.to_bytes();
    if pk.get(2..10) != Some(keynum) || pk.get(10..42) != key.get(32..64) {
        return Err(BundleError::whole(ErrorCode::KeyPassword, "the secret key is not decrypted"));
    }
    let ed = ed25519_compact::SecretKey::from_slice(key).map_err(|e| bad_key(&format!("is not Ed25519: {e}")))?;
    let prehash = Blake2b512::digest(data);
    let signature = ed.sign(prehash, None);
    let mut sig_line = Vec::with_capacity(74);
    sig_line.extend_from_slice(b"ED");
    sig_line.extend_from_slice(keynum);
    sig_line.extend_from_slice(signature.as_ref());
    let mut global_input = signature.as_ref().to_vec();
    global_input.extend_from_slice(trusted_comment.as_bytes());
    let global = ed.sign(&global_input, None);
    let b64 = |b: &[u8]| Base64::encode_to_string(b).unwrap_or_default();
    let text = format!(
        "untrusted comment: {UNTRUSTED_COMMENT}\n{}\ntrusted comment: {trusted_comment}\n{}\n",
        b64(&sig_line),
        b64(global.as_ref())
    );
    verify(data, &text, &public).map_err(|e| bad_key(&format!("made a signature that does not verify: {e}")))?;
    Ok(text)
}

/// Checks a minisign signature (`.minisig` text) of `data` with `public`, legacy signatures
/// refused, as `minisign -V` does.
pub fn verify(data: &[u8], signature: &str, public: &PublicKey) -> Result<(), BundleError> {
    let invalid = |m: String| BundleError::whole(ErrorCode::BundleSignatureInvalid, m);
    let sig = SignatureBox::from_string(signature).map_err(|e| invalid(format!("unreadable signature: {e}")))?;
    minisign::verify(public, &sig, Cursor::new(data), true, false, false).map_err(|e| invalid(e.to_string()))
}

/// Checks that a signature's text is exactly as cogov writes it: four lines, cogov's
/// untrusted comment, the expected trusted comment, canonical base64. minisign itself leaves
/// the untrusted comment (and base64 spelling) unchecked; a bundle accounts for every byte.
pub fn check_text(signature: &str, trusted_comment: &str) -> Result<(), BundleError> {
    let invalid = |m: &str| BundleError::whole(ErrorCode::BundleSignatureInvalid, m.to_owned());
    let lines: Vec<&str> = signature.split('\n').collect();
    let [untrusted, sig, trusted, global, ""] = lines.as_slice() else {
        return Err(invalid("the signature is not four newline-terminated lines"));
    };
    if *untrusted != format!("untrusted comment: {UNTRUSTED_COMMENT}") {
        return Err(invalid("the signature's untrusted comment is not cogov's"));
    }
    if *trusted != format!("trusted comment: {trusted_comment}") {
        return Err(invalid(&format!("the signature's trusted comment is not `{trusted_comment}`")));
    }
    for line in [sig, global] {
        let canonical = Base64::decode_to_vec(line, None)
            .ok()
            .and_then(|b| Base64::encode_to_string(b).ok())
            .is_some_and(|again| again == *line);
        if !canonical {
            return Err(invalid("the signature's base64 is not canonical"));
        }
    }
    Ok(())
}

/// The trusted comment of a signature, once it has verified.
pub fn trusted_comment(signature: &str) -> Option<String> {
    SignatureBox::from_string(signature).ok()?.trusted_comment().ok()
}

/// Reads a public key: a `.pub` file's text (comment line and key) or the bare base64 key.
pub fn public_key(text: &str) -> Result<PublicKey, BundleError> {
    let unreadable =
        |e: minisign::PError| BundleError::whole(ErrorCode::KeyUnreadable, format!("not a minisign public key: {e}"));
    if text.trim_start().starts_with("untrusted comment:") {
        PublicKeyBox::from_string(text).and_then(PublicKeyBox::into_public_key).map_err(unreadable)
    } else {
        PublicKey::from_base64(text.trim()).map_err(unreadable)
    }
}

/// Reads a secret key file's text, decrypting it with `password` (an unencrypted key needs
/// none; an encrypted one without a password is refused with `GOV-B021`).
pub fn secret_key(text: &str, password: Option<&str>) -> Result<SecretKey, BundleError> {
    let unreadable =
        |e: minisign::PError| BundleError::whole(ErrorCode::KeyUnreadable, format!("not a minisign secret key: {e}"));
    if let Ok(key) = SecretKey::from_unencrypted_box(SecretKeyBox::from_string(text).map_err(unreadable)?) {
        return Ok(key);
    }
    let Some(password) = password else {
        return Err(BundleError::whole(ErrorCode::KeyPassword, "the secret key is encrypted: a password is needed"));
    };
    let key = SecretKeyBox::from_string(text)
        .map_err(unreadable)?
        .into_secret_key(Some(password.to_owned()))
        .map_err(|e| BundleError::whole(ErrorCode::KeyPassword, format!("cannot decrypt the secret key: {e}")))?;
    // A wrong password decrypts to bytes whose checksum fails.
    if key.is_encrypted() {
        return Err(BundleError::whole(ErrorCode::KeyPassword, "wrong password for the secret key"));
    }
    Ok(key)
}

/// The key id minisign prints (`minisign -V` and key files), as 16 uppercase hex digits.
pub fn key_id(public: &PublicKey) -> String {
    let b = public.to_bytes();
    let mut id = [0u8; 8];
    if let Some(k) = b.get(2..10) {
        id.copy_from_slice(k);
    }
    format!("{:016X}", u64::from_le_bytes(id))
}
