//! Writing a file whole or not at all, for the studio's own files (the recent list): the
//! project's one safe writer. Commands write through `cogov_app::files`.

use std::path::Path;

/// Writes `bytes` to `target` atomically (readers see the old or the new file, never half),
/// through a new, randomly named temporary file that never follows a planted symlink.
pub fn write(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    cogov_store::files::write_atomic(target, bytes, cogov_store::files::Access::Shared)
}
