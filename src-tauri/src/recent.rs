//! The recent-files list, kept as JSON in the app's config directory (most recent first).

use std::path::Path;

/// How many recent files are remembered.
pub const MAX_RECENT: usize = 12;

/// Reads the list; a missing or unreadable file is an empty list.
pub fn load(file: &Path) -> Vec<String> {
    std::fs::read(file).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

/// Puts `path` first, drops duplicates and the overflow, and writes the list atomically.
pub fn touch(file: &Path, path: &str) -> cogov_app::Result<Vec<String>> {
    let mut list = load(file);
    list.retain(|p| p != path);
    list.insert(0, path.to_owned());
    list.truncate(MAX_RECENT);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| cogov_app::Error::io(&dir.display().to_string(), &e))?;
    }
    cogov_app::files::write_atomic(file, &serde_json::to_vec_pretty(&list).unwrap_or_default())?;
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_recent_first_without_duplicates_and_bounded() {
        let dir = std::env::temp_dir().join(format!("cogov-recent-{}", std::process::id()));
        let f = dir.join("recent.json");
        for i in 0..20 {
            touch(&f, &format!("/d/{i}.json")).expect("write");
        }
        touch(&f, "/d/15.json").expect("write");
        let list = load(&f);
        assert_eq!(list.len(), MAX_RECENT);
        assert_eq!(list[0], "/d/15.json");
        assert_eq!(list.iter().filter(|p| *p == "/d/15.json").count(), 1);
        assert_eq!(list[1], "/d/19.json");
        std::fs::remove_dir_all(dir).ok();
    }
}
