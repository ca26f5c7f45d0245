//! The README's commands run as written. Two marked blocks of README.md are read:
//!
//! - `<!-- readme-test: commands -->`: each command line of the next ```sh block runs with
//!   `bash -c`, in order, from a scratch folder that holds a link to the workspace's
//!   `examples/`, with `cogov` on the PATH and a scratch database (`COGOV_DB`). A line's
//!   comment may say `[exit N]` (the status it must end with; 0 otherwise) or
//!   `[not run by the README test: why]`.
//! - `<!-- readme-test: output of cogov tour -->`: the sample output must appear in
//!   `cogov tour`'s output as consecutive lines, where `…` stands for the rest of a line (an
//!   id, a hash or a time that the sample cannot know).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md")
}

/// The body of the first fenced block after `marker`.
fn block_after(text: &str, marker: &str) -> String {
    let at = text.find(marker).unwrap_or_else(|| panic!("README.md has no `{marker}`"));
    let rest = &text[at + marker.len()..];
    let open = rest.find("```").expect("a fenced block after the marker");
    let body_start = open + rest[open..].find('\n').expect("the fence's line ends") + 1;
    let body_len = rest[body_start..].find("\n```").expect("the fenced block is closed");
    rest[body_start..body_start + body_len].to_owned()
}

/// One command of the block: what to run and the status it must end with.
#[derive(Debug, PartialEq)]
struct Step {
    command: String,
    exit: i32,
}

/// The command lines of a block: comments split off at ` # `, blank and comment-only lines
/// and those marked as not run left out.
fn steps(block: &str) -> Vec<Step> {
    block
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (command, comment) = l.split_once(" # ").unwrap_or((l, ""));
            if comment.contains("[not run by the README test") {
                return None;
            }
            let exit = comment
                .split_once("[exit ")
                .and_then(|(_, n)| n.split_once(']'))
                .map_or(0, |(n, _)| n.parse().expect("[exit N] holds a number"));
            Some(Step { command: command.trim().to_owned(), exit })
        })
        .collect()
}

fn scratch(name: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("readme-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).expect("scratch folder");
    p
}

#[test]
fn the_markers_find_what_they_mark() {
    let text = "x\n<!-- m -->\n```sh\ncogov a   # why [exit 1]\n\n# only a comment\nb # [not run by the README test: no]\ncogov c\n```\n";
    let s = steps(&block_after(text, "<!-- m -->"));
    assert_eq!(s, [Step { command: "cogov a".into(), exit: 1 }, Step { command: "cogov c".into(), exit: 0 }]);
}

#[test]
fn the_readme_commands_run_as_written() {
    let dir = scratch("commands");
    #[cfg(unix)]
    std::os::unix::fs::symlink(root().join("examples"), dir.join("examples")).expect("link examples/");
    let bin = Path::new(env!("CARGO_BIN_EXE_cogov")).parent().expect("the binary's folder").to_owned();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let all = steps(&block_after(&readme(), "<!-- readme-test: commands -->"));
    assert!(all.len() >= 30, "the block was found and read: {all:?}");
    let mut failures = Vec::new();
    for s in &all {
        let out = Command::new("bash")
            .args(["-c", &s.command])
            .current_dir(&dir)
            .env("PATH", &path)
            .env("HOME", &dir)
            .env("COGOV_DB", dir.join("cogov.sqlite"))
            .env_remove("COGOV_KEY_PASSWORD")
            .output()
            .expect("bash runs");
        if out.status.code() != Some(s.exit) {
            failures.push(format!(
                "`{}` ended with {:?}, the README says {}\n{}{}",
                s.command,
                out.status.code(),
                s.exit,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // What the commands say they write is there.
    for f in ["my-dao.json", "constitution.md", "back.json", "cogov.bash", "coop.tar.gz", "keys/cogov.pub"] {
        assert!(dir.join(f).is_file(), "{f} was written");
    }
}

/// Whether `line` matches the sample line `want`, where `…` stands for the rest of the line.
fn matches(want: &str, line: &str) -> bool {
    match want.split_once('…') {
        Some((head, "")) => line.starts_with(head) && line.len() > head.len(),
        _ => want == line,
    }
}

#[test]
fn the_tour_sample_is_what_the_tour_prints() {
    let sample = block_after(&readme(), "<!-- readme-test: output of cogov tour -->");
    let want: Vec<&str> = sample.lines().collect();
    assert!(want.len() >= 3, "{sample}");
    assert!(!matches("fingerprint sha256:…", "fingerprint sha256:"), "… stands for something");
    let out = Command::new(env!("CARGO_BIN_EXE_cogov")).arg("tour").current_dir(root()).output().expect("tour");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let got: Vec<&str> = text.lines().collect();
    let found = got.windows(want.len()).any(|w| w.iter().zip(&want).all(|(g, w)| matches(w, g)));
    assert!(found, "README's sample:\n{sample}\nis not in `cogov tour`'s output:\n{text}");
}
