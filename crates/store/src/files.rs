//! The project's one safe file writer and bounded reader, used by every command and the
//! studio (docs/security.md).
//!
//! A write goes to a new temporary file beside the target, created exclusively under a
//! random name (`O_CREAT | O_EXCL`: it never opens an existing file or follows a symlink
//! another user planted), written, fsynced, renamed over the target, and the folder is
//! fsynced: readers see the old file or the new one, whole, and a crash loses neither.

use std::hash::{BuildHasher, Hasher};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Who may read a written file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Readable by others (0644 before the umask): designs, exports, bundles.
    Shared,
    /// The owner only (0600): records, keys, anything with secrets or history.
    Private,
}

impl Access {
    #[cfg(unix)]
    fn mode(self) -> u32 {
        match self {
            Access::Shared => 0o644,
            Access::Private => 0o600,
        }
    }
}

/// A name no other process or call will pick: process id, time, a counter and the
/// per-process random keys of the standard library's hasher (seeded from the OS).
pub fn unique_suffix() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    h.write_u128(nanos);
    format!("{}.{:016x}", std::process::id(), h.finish())
}

/// Creates a new file exclusively (never an existing one, never through a symlink).
fn create_new(path: &Path, access: Access) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(access.mode());
    }
    #[cfg(not(unix))]
    let _ = access;
    opts.open(path)
}

/// Fsyncs a folder, so that the names in it (a rename) are durable.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Writes `bytes` to `path` whole or not at all (see the module's doc). The file gets
/// `access`'s mode when it is created; an existing file is replaced by a new one.
pub fn write_atomic(path: &Path, bytes: &[u8], access: Access) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| std::io::Error::other("the path names no file"))?;
    let tmp = dir.join(format!(".{}.{}.cogov-tmp", name.to_string_lossy(), unique_suffix()));
    let written = create_new(&tmp, access).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    let res = written.and_then(|()| std::fs::rename(&tmp, path)).and_then(|()| sync_dir(&dir));
    if res.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    res
}

/// Writes `bytes` to a new file at `path` (refused when anything exists there, a symlink
/// included), fsynced with its folder: for files that must never be replaced, such as keys.
pub fn write_new(path: &Path, bytes: &[u8], access: Access) -> std::io::Result<()> {
    let mut f = create_new(path, access)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => sync_dir(d),
        _ => Ok(()),
    }
}

/// Creates `path` empty with the owner-only mode when it does not exist yet, so that a
/// database or log created at it afterwards is not readable by others.
pub fn create_private(path: &Path) -> std::io::Result<()> {
    match create_new(path, Access::Private) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Reads at most `max` bytes of `path`; a longer file is refused (`FileTooLarge`) without
/// reading past the bound.
pub fn read_bounded(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    let f = std::fs::File::open(path)?;
    let mut out = Vec::new();
    f.take(max.saturating_add(1)).read_to_end(&mut out)?;
    if out.len() as u64 > max {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("larger than the {max}-byte limit for this kind of file"),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_replaces_the_file_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("design.json");
        write_atomic(&p, b"old", Access::Shared).expect("write");
        write_atomic(&p, b"new", Access::Shared).expect("write");
        assert_eq!(std::fs::read(&p).expect("read"), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1, "no temporary file is left");
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_at_the_old_temporary_name_is_not_followed() {
        // The old writers used `<out>.cogov-tmp`: another local user could plant a symlink there
        // and have the tool overwrite a file of their choosing.
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").expect("victim");
        let out = dir.path().join("out.json");
        std::os::unix::fs::symlink(&victim, dir.path().join("out.cogov-tmp")).expect("plant");
        std::os::unix::fs::symlink(&victim, dir.path().join(".out.json.cogov-tmp")).expect("plant");
        write_atomic(&out, b"{}", Access::Shared).expect("write");
        assert_eq!(std::fs::read(&victim).expect("victim"), b"precious");
        assert_eq!(std::fs::read(&out).expect("out"), b"{}");
        assert!(!std::fs::symlink_metadata(&out).expect("meta").file_type().is_symlink());
    }

    #[cfg(unix)]
    #[test]
    fn private_files_are_the_owners_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("records.db");
        create_private(&p).expect("create");
        assert_eq!(std::fs::metadata(&p).expect("meta").permissions().mode() & 0o777, 0o600);
        let k = dir.path().join("key");
        write_atomic(&k, b"secret", Access::Private).expect("write");
        assert_eq!(std::fs::metadata(&k).expect("meta").permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn a_bounded_read_refuses_a_longer_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("password");
        std::fs::write(&p, vec![b'x'; 4097]).expect("write");
        let e = read_bounded(&p, 4096).expect_err("too long");
        assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
        assert_eq!(read_bounded(&p, 4097).expect("fits").len(), 4097);
    }

    #[test]
    fn suffixes_do_not_repeat() {
        let all: std::collections::HashSet<String> = (0..1000).map(|_| unique_suffix()).collect();
        assert_eq!(all.len(), 1000);
    }
}
