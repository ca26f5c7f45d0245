//! The files generated from the Rust side are exactly what it generates now: the IPC types
//! (`ui/src/lib/bindings/ipc.ts`), the command table (`ui/src/lib/bindings/commands.ts`) and the
//! window's capability (`capabilities/default.json`), all from the one command declaration in
//! `src/command_names.rs`. Run with `COGOV_BLESS=1` to rewrite them after changing it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use cogov_studio::bindings::{self, COMMAND_TABLE};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compares `relative` (from src-tauri/) with `generated`, rewriting it first under COGOV_BLESS.
fn check_generated(relative: &str, generated: &str) -> String {
    let path = root().join(relative);
    if std::env::var_os("COGOV_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, generated).expect("write generated file");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{relative} is stale: run `COGOV_BLESS=1 cargo test -p cogov-studio --test bindings`"
    );
    committed
}

#[test]
fn typescript_bindings_are_current() {
    let committed = check_generated("../ui/src/lib/bindings/ipc.ts", &bindings::typescript());
    for name in ["Report", "Finding", "Graph", "Validation", "ExampleInfo", "CommandError"] {
        assert!(committed.contains(&format!("export type {name} =")), "{name} is missing");
    }
}

#[test]
fn command_table_is_current() {
    let committed = check_generated("../ui/src/lib/bindings/commands.ts", &bindings::commands_typescript());
    // Spot checks that read as examples of the generated shape.
    assert!(committed.contains("  validate_text: { args: { name: string; text: string }; returns: Validation };"));
    assert!(committed.contains("  export_key_info: { args: { secretKey: string }; returns: KeyInfo };"));
    assert!(committed.contains("  gco_schema: { args: Record<string, never>; returns: object };"));
}

#[test]
fn capability_allows_exactly_the_declared_commands() {
    let committed = check_generated("capabilities/default.json", &bindings::capability_json());
    let value: serde_json::Value = serde_json::from_str(&committed).expect("the capability is JSON");
    let allowed: BTreeSet<String> = value["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("a permission is a string").to_owned())
        .collect();
    let declared: BTreeSet<String> =
        cogov_studio::COMMANDS.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    assert_eq!(allowed, declared, "the window may call exactly the declared commands, nothing else");
    assert_eq!(cogov_studio::COMMANDS.len(), COMMAND_TABLE.len());
    let unique: BTreeSet<&str> = COMMAND_TABLE.iter().map(|c| c.name).collect();
    assert_eq!(unique.len(), COMMAND_TABLE.len(), "a command is declared twice");
}

/// The parameters of `fn name(` in `source`, without the ones Tauri injects (state, app handle).
fn rust_params(source: &str, name: &str) -> Option<Vec<String>> {
    let start = source.find(&format!("pub fn {name}(")).or_else(|| source.find(&format!("pub async fn {name}(")))?;
    let open = start + source[start..].find('(')?;
    let mut depth = 0usize;
    let mut close = open;
    for (i, c) in source[open..].char_indices() {
        match c {
            '(' | '<' => depth += 1,
            // `->` is no closing bracket.
            ')' | '>' if !source[..open + i].ends_with('-') => {
                depth -= 1;
                if depth == 0 {
                    close = open + i;
                    break;
                }
            }
            _ => {}
        }
    }
    let mut params = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in source[open + 1..close].chars().chain([',']) {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            ',' if depth == 0 => {
                let p = std::mem::take(&mut current);
                if let Some((ident, ty)) = p.split_once(':')
                    && !ty.contains("State<")
                    && !ty.contains("AppHandle")
                    && !ty.contains("Window")
                {
                    params.push(ident.trim().to_owned());
                }
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    Some(params)
}

#[test]
fn declared_parameters_match_the_rust_functions() {
    for c in COMMAND_TABLE {
        let file = root().join("src").join(format!("{}.rs", c.module));
        let source = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let found = rust_params(&source, c.name).unwrap_or_else(|| panic!("no `fn {}` in src/{}.rs", c.name, c.module));
        let declared: Vec<&str> = c.params.iter().map(|p| p.0).collect();
        assert_eq!(found, declared, "{}: the declaration in command_names.rs differs from the function", c.name);
    }
}

#[test]
fn the_tauri_client_calls_every_declared_command() {
    let client = std::fs::read_to_string(root().join("../ui/src/lib/backend/tauri.ts")).expect("tauri.ts");
    for c in COMMAND_TABLE {
        assert!(client.contains(&format!("\"{}\"", c.name)), "ui/src/lib/backend/tauri.ts never calls `{}`", c.name);
    }
}

#[test]
fn the_signature_reader_skips_what_tauri_injects() {
    // The check above is only as good as this reader; these are the shapes the commands use.
    let source = "pub async fn pick(\n    app: tauri::AppHandle,\n    handles: tauri::State<'_, HandleTable>,\n    \
                  purpose: Purpose,\n    suggested: String,\n) -> Result<Option<FileRef>, CommandError> {}\n\
                  pub fn keys(handles: tauri::State<'_, HandleTable>, secret_key: String) -> Result<KeyInfo, E> {}\n\
                  pub fn plain() -> Vec<ExampleInfo> {}";
    assert_eq!(rust_params(source, "pick").expect("found"), ["purpose", "suggested"]);
    assert_eq!(rust_params(source, "keys").expect("found"), ["secret_key"]);
    assert_eq!(rust_params(source, "plain").expect("found"), Vec::<String>::new());
    assert_eq!(rust_params(source, "absent"), None);
    assert_eq!(bindings::camel_case("secret_key"), "secretKey");
}
