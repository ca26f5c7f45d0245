//! What the interop tests share: the workspace, the `cogov` binary as a user runs it, scratch
//! folders, and the checkers of tools/interop, which must be installed: a test without them
//! fails and says what to run, it never skips.

use cogov_engine::intake;
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root (examples/, tools/interop/).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// tools/interop, where the checkers and their pinned packages are.
pub fn tools() -> PathBuf {
    root().join("tools/interop")
}

/// Runs `cogov` from the workspace root.
pub fn cogov(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cogov")).args(args).current_dir(root()).output().expect("cogov runs")
}

/// Standard output and error together, for failure messages.
pub fn text(o: &Output) -> String {
    format!("{}\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// Asserts that a run succeeded, showing its output when it did not.
pub fn ok(o: &Output) {
    assert!(o.status.success(), "{}", text(o));
}

/// An empty scratch folder named after the test file and `name`.
pub fn tmp(file: &str, name: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("interop-{file}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    p
}

/// The fingerprint of the GCO file at `path`.
pub fn fingerprint(path: &Path) -> String {
    let doc = intake::from_json_bytes(&std::fs::read(path).expect("read GCO")).expect("JSON");
    doc.gco.expect("a GCO").fingerprint()
}

/// Runs the checker `script` of tools/interop on `args`, from `cwd`, after making sure Node and
/// the `packages` it needs are installed.
pub fn node<A: AsRef<OsStr>>(script: &str, packages: &[&str], args: impl IntoIterator<Item = A>, cwd: &Path) -> Output {
    let tools = tools();
    for p in packages {
        assert!(
            tools.join("node_modules").join(p).is_dir(),
            "tools/interop/node_modules/{p} is missing: run `npm ci` in tools/interop"
        );
    }
    Command::new("node")
        .arg(tools.join(script))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap_or_else(|e| panic!("`node` cannot be run ({e}): install Node 20+ and run `npm ci` in tools/interop"))
}

/// A checker's JSON report on standard output.
pub fn report(script: &str, o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{script} printed no JSON ({e}): {}", String::from_utf8_lossy(&o.stderr)))
}
