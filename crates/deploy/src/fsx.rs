//! The file-system steps of a deploy, each durable before the next: files and directories
//! fsynced, renames within one file system.

use crate::DeployError;
#[cfg(not(unix))]
use cogov_model::ErrorCode;
use std::io::Write;
use std::path::Path;

/// Creates `base` and the given subdirectories.
pub(crate) fn create_dirs(base: &Path, subs: &[&str]) -> Result<(), DeployError> {
    std::fs::create_dir_all(base).map_err(|e| DeployError::io(base, &e))?;
    for s in subs {
        let d = base.join(s);
        std::fs::create_dir_all(&d).map_err(|e| DeployError::io(&d, &e))?;
    }
    Ok(())
}

/// Removes whatever a killed deploy left in the staging directory.
pub(crate) fn clear_staging(staging: &Path) -> Result<(), DeployError> {
    let entries = std::fs::read_dir(staging).map_err(|e| DeployError::io(staging, &e))?;
    for entry in entries {
        let p = entry.map_err(|e| DeployError::io(staging, &e))?.path();
        let res = if p.is_dir() && !p.is_symlink() { std::fs::remove_dir_all(&p) } else { std::fs::remove_file(&p) };
        res.map_err(|e| DeployError::io(&p, &e))?;
    }
    Ok(())
}

/// Writes a new file (its parent directories created), fsynced.
pub(crate) fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), DeployError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| DeployError::io(parent, &e))?;
    }
    let mut f =
        std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| DeployError::io(path, &e))?;
    f.write_all(bytes).and_then(|()| f.sync_all()).map_err(|e| DeployError::io(path, &e))
}

/// Fsyncs a directory, so the names in it (new files, renames) are durable.
pub(crate) fn sync_dir(dir: &Path) -> Result<(), DeployError> {
    std::fs::File::open(dir).and_then(|f| f.sync_all()).map_err(|e| DeployError::io(dir, &e))
}

/// Fsyncs every directory under `root` (and `root`), deepest first.
pub(crate) fn sync_tree(root: &Path) -> Result<(), DeployError> {
    let mut dirs = vec![root.to_path_buf()];
    let mut i = 0;
    while i < dirs.len() {
        let d = dirs[i].clone();
        for entry in std::fs::read_dir(&d).map_err(|e| DeployError::io(&d, &e))? {
            let p = entry.map_err(|e| DeployError::io(&d, &e))?.path();
            if p.is_dir() && !p.is_symlink() {
                dirs.push(p);
            }
        }
        i += 1;
    }
    for d in dirs.iter().rev() {
        sync_dir(d)?;
    }
    Ok(())
}

/// Every regular file under `root`, as `/`-separated paths relative to it, sorted.
pub(crate) fn files_under(root: &Path) -> Result<Vec<String>, DeployError> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| DeployError::io(&d, &e))? {
            let p = entry.map_err(|e| DeployError::io(&d, &e))?.path();
            if p.is_dir() && !p.is_symlink() {
                stack.push(p);
            } else if let Ok(rel) = p.strip_prefix(root) {
                let parts: Vec<String> =
                    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                out.push(parts.join("/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Renames `from` to `to` (atomic on one file system; replaces a file or symlink at `to`).
pub(crate) fn rename(from: &Path, to: &Path) -> Result<(), DeployError> {
    std::fs::rename(from, to).map_err(|e| DeployError::io(to, &e))
}

/// Creates a symlink at `link` pointing to the relative path `to`.
pub(crate) fn symlink(to: &str, link: &Path) -> Result<(), DeployError> {
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(to, link).map_err(|e| DeployError::io(link, &e))
    }
    #[cfg(not(unix))]
    {
        let _ = to;
        Err(DeployError::new(ErrorCode::DeployTarget, link, "deploy targets need symbolic links (Unix)"))
    }
}

/// Makes `target/name` a symlink to `to` when it is not one already (atomically).
pub(crate) fn ensure_symlink(target: &Path, name: &str, to: &str) -> Result<(), DeployError> {
    let link = target.join(name);
    if std::fs::read_link(&link).is_ok_and(|p| p == Path::new(to)) {
        return Ok(());
    }
    let tmp = target.join(crate::STAGING).join(format!("{name}.{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    symlink(to, &tmp)?;
    rename(&tmp, &link)?;
    sync_dir(target)
}

/// A name under `dir` for `stem` that no other deployer uses (`<stem>.<pid>.<random>`).
pub(crate) fn unique_name(dir: &Path, stem: &str) -> std::path::PathBuf {
    dir.join(format!("{stem}.{}", cogov_store::files::unique_suffix()))
}

/// Creates a staging directory of this deployer's own under `dir` (refused if it exists).
pub(crate) fn unique_dir(dir: &Path, stem: &str) -> Result<std::path::PathBuf, DeployError> {
    let p = unique_name(dir, stem);
    std::fs::create_dir(&p).map_err(|e| DeployError::io(&p, &e))?;
    Ok(p)
}

/// Opens (creating, owner-only) the target's lock file.
pub(crate) fn open_lock_file(path: &Path) -> Result<std::fs::File, DeployError> {
    create_private(path)?;
    std::fs::OpenOptions::new().read(true).write(true).open(path).map_err(|e| DeployError::io(path, &e))
}

/// Creates `path` empty and owner-only when missing (records are not for other users).
pub(crate) fn create_private(path: &Path) -> Result<(), DeployError> {
    cogov_store::files::create_private(path).map_err(|e| DeployError::io(path, &e))
}
