//! The archive layer: a deterministic `.tar.gz` writer and a hardened reader.
//!
//! Written archives depend only on the entries: sorted paths, mode 0644, uid/gid 0, no user or
//! group names, mtime 0, and a gzip header with no name, mtime 0 and OS "unknown". The reader
//! refuses, before the caller writes anything, every entry that could escape or exhaust an
//! extraction: `..` components, absolute paths, anything but a regular file, duplicates, too
//! many entries, and entries or totals that decompress beyond the limits (a gzip bomb).

use super::{BundleError, BundleFile};
use cogov_model::ErrorCode;
use flate2::{Compression, GzBuilder, read::GzDecoder};
use std::collections::BTreeSet;
use std::io::Read;

/// Bounds a reader enforces on an archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most entries accepted.
    pub max_entries: usize,
    /// Largest decompressed entry, in bytes.
    pub max_entry_bytes: u64,
    /// Largest decompressed total of all entries, in bytes.
    pub max_total_bytes: u64,
}

impl Default for Limits {
    /// 4,096 entries, 64 MiB per entry, 256 MiB in all.
    fn default() -> Self {
        Limits { max_entries: 4096, max_entry_bytes: 64 << 20, max_total_bytes: 256 << 20 }
    }
}

/// Writes `files` as a deterministic `.tar.gz`, entries sorted by path. Paths are trusted
/// here (the bundle builder checks them first).
pub fn write(files: &[BundleFile]) -> Result<Vec<u8>, BundleError> {
    let mut sorted: Vec<&BundleFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let gz = GzBuilder::new().mtime(0).operating_system(255).write(Vec::new(), Compression::new(9));
    let mut tar = tar::Builder::new(gz);
    tar.mode(tar::HeaderMode::Deterministic);
    for f in sorted {
        let mut h = tar::Header::new_ustar();
        h.set_entry_type(tar::EntryType::Regular);
        h.set_size(f.bytes.len() as u64);
        h.set_mode(0o644);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(0);
        tar.append_data(&mut h, &f.path, f.bytes.as_slice()).map_err(|e| unwritable(&f.path, &e))?;
    }
    let gz = tar.into_inner().map_err(|e| unwritable("(archive)", &e))?;
    gz.finish().map_err(|e| unwritable("(archive)", &e))
}

fn unwritable(path: &str, e: &std::io::Error) -> BundleError {
    BundleError::at(ErrorCode::BundleFileName, path, format!("cannot be archived: {e}"))
}

/// Checks one archive path: relative, `/`-separated, no empty, `.` or `..` component.
pub(crate) fn check_path(path: &[u8]) -> Result<String, BundleError> {
    let shown = String::from_utf8_lossy(path).into_owned();
    let text = std::str::from_utf8(path)
        .map_err(|_| BundleError::at(ErrorCode::BundleParentPath, &shown, "the path is not UTF-8"))?;
    if text.starts_with('/') || text.starts_with('\\') || text.as_bytes().get(1) == Some(&b':') {
        return Err(BundleError::at(ErrorCode::BundleAbsolutePath, text, "an absolute path"));
    }
    for part in text.split(['/', '\\']) {
        if part == ".." {
            return Err(BundleError::at(ErrorCode::BundleParentPath, text, "the path climbs out with `..`"));
        }
        if part.is_empty() || part == "." || part.contains('\0') {
            return Err(BundleError::at(ErrorCode::BundleParentPath, text, "an empty or `.` path component"));
        }
    }
    Ok(text.to_owned())
}

/// Reads every entry of a `.tar.gz`, in archive order, within `limits`. Nothing is written
/// anywhere: the caller gets bytes or the first refusal.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<BundleFile>, BundleError> {
    // The decompressed stream itself is bounded too (headers and padding are not in the
    // entries' sizes): a stream far beyond the entries' total is a bomb whatever it claims.
    let slack = (limits.max_entries as u64 + 2) * 1536;
    let stream = GzDecoder::new(bytes).take(limits.max_total_bytes.saturating_add(slack));
    let mut archive = tar::Archive::new(stream);
    let entries = archive.entries().map_err(|e| unreadable(&e))?;
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut total: u64 = 0;
    for entry in entries {
        let mut entry = entry.map_err(|e| unreadable(&e))?;
        let path = check_path(&entry.path_bytes())?;
        let kind = entry.header().entry_type();
        if kind != tar::EntryType::Regular && kind != tar::EntryType::Continuous {
            return Err(BundleError::at(
                ErrorCode::BundleSpecialEntry,
                &path,
                format!("a {} entry, not a regular file", describe(kind)),
            ));
        }
        if !seen.insert(path.clone()) {
            return Err(BundleError::at(ErrorCode::BundleDuplicateEntry, &path, "the path appears twice"));
        }
        if seen.len() > limits.max_entries {
            return Err(BundleError::at(
                ErrorCode::BundleTooManyEntries,
                &path,
                format!("more than {} entries", limits.max_entries),
            ));
        }
        let size = entry.header().size().map_err(|e| unreadable(&e))?;
        if size > limits.max_entry_bytes {
            return Err(BundleError::at(
                ErrorCode::BundleTooLarge,
                &path,
                format!("{size} bytes; the limit per entry is {}", limits.max_entry_bytes),
            ));
        }
        total = total.saturating_add(size);
        if total > limits.max_total_bytes {
            return Err(BundleError::at(
                ErrorCode::BundleTooLarge,
                &path,
                format!("the entries reach {total} bytes; the limit in all is {}", limits.max_total_bytes),
            ));
        }
        // The header's size was checked; read no more than it, whatever the stream holds.
        let mut data = Vec::with_capacity(size as usize);
        (&mut entry).take(size).read_to_end(&mut data).map_err(|e| unreadable(&e))?;
        if data.len() as u64 != size {
            return Err(BundleError::at(ErrorCode::BundleUnreadable, &path, "the entry is truncated"));
        }
        out.push(BundleFile { path, bytes: data });
    }
    Ok(out)
}

fn unreadable(e: &std::io::Error) -> BundleError {
    BundleError::whole(ErrorCode::BundleUnreadable, format!("not a readable .tar.gz: {e}"))
}

fn describe(kind: tar::EntryType) -> &'static str {
    match kind {
        tar::EntryType::Symlink => "symbolic link",
        tar::EntryType::Link => "hard link",
        tar::EntryType::Char => "character device",
        tar::EntryType::Block => "block device",
        tar::EntryType::Fifo => "FIFO",
        tar::EntryType::Directory => "directory",
        tar::EntryType::XGlobalHeader => "global extended header",
        _ => "special",
    }
}
