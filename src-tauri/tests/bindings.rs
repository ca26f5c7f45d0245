//! `ui/src/lib/bindings/ipc.ts` is exactly what the Rust IPC types generate.
//! Run with `COGOV_BLESS=1` to rewrite it after changing them.

use std::path::PathBuf;

#[test]
fn typescript_bindings_are_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings/ipc.ts");
    let generated = cogov_studio::bindings::typescript();
    if std::env::var_os("COGOV_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, &generated).expect("write bindings");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/lib/bindings/ipc.ts is stale: run `COGOV_BLESS=1 cargo test -p cogov-studio --test bindings`"
    );
    for name in ["Report", "Finding", "Graph", "Validation", "ExampleInfo", "CommandError"] {
        assert!(committed.contains(&format!("export type {name} =")), "{name} is missing");
    }
}
