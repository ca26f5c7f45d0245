//! Writing a file whole or not at all: a temporary file beside it, renamed over it.

use std::path::Path;

/// Writes `bytes` to `target` atomically (readers see the old or the new file, never half).
pub fn write(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = target.with_extension("cogov-tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, target)
}
