//! The only file reader and writer the faces call: bounded reads whose errors name the file
//! and carry a reason code, and cogov-store's safe writer (exclusive temporary name, fsync,
//! rename, folder fsync) for every write.

use crate::error::{Error, Result};
use cogov_engine::bundle::Limits;
use cogov_engine::intake::{self, Document, InputKind};
use cogov_engine::limits;
use cogov_model::{ErrorCode, Gco};
use cogov_store::files as safe;
use std::io::Read;
use std::path::Path;

pub use cogov_store::files::Access;

/// Reads a design input (or standard input for `-`), refusing more than the engine's 16 MiB
/// limit (`GOV-X002`) without reading the rest.
pub fn read_input(path: &str) -> Result<Vec<u8>> {
    let limit = limits::MAX_INPUT_BYTES as u64 + 1;
    let mut buf = Vec::new();
    let res = if path == "-" {
        std::io::stdin().take(limit).read_to_end(&mut buf)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut buf))
    };
    res.map_err(|e| Error::io(path, &e))?;
    limits::check_size(&buf).map_err(|inner| Error::intake(path, inner))?;
    Ok(buf)
}

/// Reads at most `limit` bytes of `path`; a longer file is refused with `too_large` without
/// reading the rest, an unreadable one with `unreadable`.
pub fn read_capped(path: &Path, limit: u64, too_large: ErrorCode, unreadable: ErrorCode) -> Result<Vec<u8>> {
    let name = path.display().to_string();
    safe::read_bounded(path, limit).map_err(|e| match e.kind() {
        std::io::ErrorKind::FileTooLarge => {
            Error::new(too_large, &name, format!("more than {limit} bytes: not read further"))
        }
        _ => Error::new(unreadable, &name, e.to_string()),
    })
}

/// Reads a bundle file, no larger compressed than the bundle reader's total limit (`GOV-X002`).
pub fn read_bundle(path: &Path) -> Result<Vec<u8>> {
    let limit = Limits::default().max_total_bytes;
    read_capped(path, limit, ErrorCode::TooLarge, ErrorCode::Io)
}

/// Writes `bytes` to `path` whole or not at all, readable by others (designs, exports, bundles).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    safe::write_atomic(path, bytes, Access::Shared).map_err(|e| Error::io(&path.display().to_string(), &e))
}

/// Creates `path` (refusing anything already there) with `access`, writes and syncs it.
pub fn write_new(path: &Path, bytes: &[u8], access: Access) -> Result<()> {
    safe::write_new(path, bytes, access).map_err(|e| Error::io(&path.display().to_string(), &e))
}

/// Writes each `(relative path, bytes)` under `dir` (folders created as needed), each file
/// whole or not at all.
pub fn write_tree(dir: &Path, listed: &[(String, Vec<u8>)]) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(&dir.display().to_string(), &e))?;
    for (rel, bytes) in listed {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(&path.display().to_string(), &e))?;
        }
        write_atomic(&path, bytes)?;
    }
    Ok(())
}

/// Reads and interprets any input the engine accepts (a GCO, a constitution, answers).
pub fn load(path: &str) -> Result<(InputKind, Document)> {
    let bytes = read_input(path)?;
    intake::load(path, &bytes).map_err(|inner| Error::intake(path, inner))
}

/// Reads an input that must be a readable GCO.
pub fn load_gco(path: &str) -> Result<Gco> {
    let (_, doc) = load(path)?;
    doc.into_gco().map_err(|inner| Error::intake(path, inner))
}

/// Reads a design given as text (the studio's editor), named `name` in errors; bounded as a file is.
pub fn gco_from_text(name: &str, text: &str) -> Result<Gco> {
    limits::check_size(text.as_bytes()).map_err(|e| Error::intake(name, e))?;
    let (_, doc) = intake::load("design.json", text.as_bytes()).map_err(|e| Error::intake(name, e))?;
    doc.into_gco().map_err(|e| Error::intake(name, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bounded_read_refuses_a_longer_file_with_its_code() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("k.pub");
        std::fs::write(&p, vec![b'x'; 11]).expect("write");
        let e = read_capped(&p, 10, ErrorCode::KeyFileTooLarge, ErrorCode::KeyUnreadable).expect_err("too large");
        assert_eq!(e.code, ErrorCode::KeyFileTooLarge);
        assert_eq!(read_capped(&p, 11, ErrorCode::KeyFileTooLarge, ErrorCode::KeyUnreadable).expect("fits").len(), 11);
        let missing = read_capped(&dir.path().join("none"), 10, ErrorCode::KeyFileTooLarge, ErrorCode::KeyUnreadable);
        assert_eq!(missing.expect_err("missing").code, ErrorCode::KeyUnreadable);
    }
}
