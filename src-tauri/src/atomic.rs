//! Writing a file whole or not at all: the project's one safe writer (cogov-store's `files`).

use std::path::Path;

/// Writes `bytes` to `target` atomically (readers see the old or the new file, never half),
/// through a new, randomly named temporary file that never follows a planted symlink.
pub fn write(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    cogov_store::files::write_atomic(target, bytes, cogov_store::files::Access::Shared)
}
