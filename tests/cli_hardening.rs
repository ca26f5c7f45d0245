//! The command line against hostile or unlucky inputs, through the real `cogov` binary: empty
//! and oversized passwords and keys, a runs count that would exhaust memory, non-ASCII
//! timestamps written into the database behind the store's back, a byte-order mark, and a
//! telemetry file ingested twice or holding impossible timestamps and duplicate keys.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs cogov with a database of its own (in `dir`), a fixed author and no password variable.
fn cogov(dir: &Path, args: &[&str]) -> Output {
    cogov_env(dir, args, &[])
}

fn cogov_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cogov"));
    cmd.args(args)
        .current_dir(root())
        .env("COGOV_DB", dir.join("cogov.db"))
        .env("COGOV_AUTHOR", "ada")
        .env("NO_COLOR", "1")
        .env_remove("COGOV_KEY_PASSWORD")
        .env_remove("COGOV_PUBKEY");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run cogov")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Exit 2 with `code` and `file` named on standard error.
fn refused(o: &Output, code: &str, file: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("error[{code}]")), "expected {code}: {err}");
    assert!(err.contains(file), "expected the file {file} named: {err}");
}

#[test]
fn an_empty_key_password_is_refused_by_keygen_and_bundle() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let keys = dir.join("keys");
    let empty = dir.join("empty-password");
    std::fs::write(&empty, "\n").expect("write");

    let o = cogov(dir, &["keygen", "--out", s(&keys), "--password-file", s(&empty)]);
    refused(&o, "GOV-B023", s(&empty));
    assert!(stderr(&o).contains("empty"), "{}", stderr(&o));
    assert!(!keys.join("cogov.key").exists() && !keys.join("cogov.pub").exists(), "nothing written");

    let o = cogov_env(dir, &["keygen", "--out", s(&keys)], &[("COGOV_KEY_PASSWORD", "")]);
    refused(&o, "GOV-B023", "$COGOV_KEY_PASSWORD");
    assert!(!keys.join("cogov.key").exists());

    // A real key; bundling with an empty password is refused as such, not as a wrong one.
    let good = dir.join("password");
    std::fs::write(&good, "correct horse\n").expect("write");
    let o = cogov(dir, &["keygen", "--out", s(&keys), "--password-file", s(&good)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = dir.join("b.tar.gz");
    let sk = keys.join("cogov.key");
    let args = ["bundle", "examples/worker-coop.json", "--key", s(&sk), "--out", s(&out)];
    let o = cogov(dir, &[&args[..], &["--password-file", s(&empty)]].concat());
    refused(&o, "GOV-B023", s(&empty));
    assert!(!out.exists());
}

#[test]
fn password_and_key_files_are_read_within_4_kib() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let keys = dir.join("keys");
    let long = dir.join("long-password");
    std::fs::write(&long, "x".repeat(4097)).expect("write");
    let o = cogov(dir, &["keygen", "--out", s(&keys), "--password-file", s(&long)]);
    refused(&o, "GOV-B025", s(&long));
    // An endless file is refused at once, not read until memory runs out.
    #[cfg(unix)]
    {
        let t = Instant::now();
        let o = cogov(dir, &["keygen", "--out", s(&keys), "--password-file", "/dev/zero"]);
        refused(&o, "GOV-B025", "/dev/zero");
        assert!(t.elapsed() < Duration::from_secs(20), "took {:?}", t.elapsed());
    }
    assert!(!keys.join("cogov.key").exists());

    // Exactly 4096 bytes is still read (the limit is inclusive).
    let edge = dir.join("edge-password");
    std::fs::write(&edge, "y".repeat(4096)).expect("write");
    let o = cogov(dir, &["keygen", "--out", s(&keys), "--password-file", s(&edge)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // Public and secret keys: a file over 4 KiB is refused, naming it.
    let big_pub = dir.join("big.pub");
    let mut text = std::fs::read_to_string(keys.join("cogov.pub")).expect("pub");
    text.push_str(&" ".repeat(8192));
    std::fs::write(&big_pub, &text).expect("write");
    let bundle = dir.join("any.tar.gz");
    std::fs::write(&bundle, b"not read").expect("write");
    let o = cogov(dir, &["verify", s(&bundle), "--pubkey", s(&big_pub)]);
    refused(&o, "GOV-B024", s(&big_pub));
    let big_key = dir.join("big.key");
    let mut text = std::fs::read_to_string(keys.join("cogov.key")).expect("key");
    text.push_str(&" ".repeat(8192));
    std::fs::write(&big_key, &text).expect("write");
    let out = dir.join("b.tar.gz");
    let o = cogov(
        dir,
        &["bundle", "examples/worker-coop.json", "--key", s(&big_key), "--password-file", s(&edge), "--out", s(&out)],
    );
    refused(&o, "GOV-B024", s(&big_key));
}

#[test]
fn simulate_refuses_more_runs_than_the_scenario_schema_allows_before_allocating() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    let o = cogov(
        tmp.path(),
        &["simulate", "examples/rc1.json", "examples/scenarios/rc1.scenario.json", "--runs", "1000000000"],
    );
    refused(&o, "GOV-X022", "--runs");
    assert!(stderr(&o).contains("1000000"), "{}", stderr(&o));
    assert!(t.elapsed() < Duration::from_secs(20), "took {:?}", t.elapsed());
    // The schema's own maximum is the same number.
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("schemas/scenario.schema.json")).expect("schema"))
            .expect("json");
    assert_eq!(schema["properties"]["runs"]["maximum"], 1_000_000);
}

/// A store holding one committed design, and an open connection to its file.
fn store_with_a_version(dir: &Path) -> rusqlite::Connection {
    let o = cogov(dir, &["commit", "examples/worker-coop.json", "-m", "adopted"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    rusqlite::Connection::open(dir.join("cogov.db")).expect("open")
}

#[test]
fn audit_and_log_print_rows_whose_timestamps_are_not_ascii() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let conn = store_with_a_version(dir);
    // As an attacker with the file would: raw INSERTs (the triggers refuse only UPDATE and
    // DELETE). Each multi-byte character straddles the byte where the listing cut the text.
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) \
         SELECT max(seq) + 1, '2026-01-01T00:00:0é', 'mallory', 'forged.entry', 'x', '{}', '', '' FROM audit_log",
        [],
    )
    .expect("insert audit row");
    conn.execute(
        "INSERT INTO governance_versions (instance_id, version, fingerprint, kind, author, created_at) \
         SELECT instance_id, '9.9.9', fingerprint, 'commit', 'mallory', '2026-01-01T00:0é' FROM governance_versions",
        [],
    )
    .expect("insert version row");
    drop(conn);

    let o = cogov(dir, &["audit"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("2026-01-01T00:00:0é  mallory"), "{}", stdout(&o));
    let o = cogov(dir, &["log", "fernwood-bakery-coop"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("2026-01-01T00:0é  mallory"), "{}", stdout(&o));
    let o = cogov(dir, &["log"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_byte_order_mark_gets_its_own_code_at_1_1_naming_the_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = cogov(tmp.path(), &["validate", "tests/data/broken/byte-order-mark.json"]);
    refused(&o, "GOV-X009", "tests/data/broken/byte-order-mark.json:1:1");
    assert!(stderr(&o).contains("byte-order mark"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("expected value"), "{}", stderr(&o));
}

fn ingest(dir: &Path, file: &str) -> (Option<i32>, serde_json::Value) {
    let o = cogov(dir, &["telemetry", "ingest", file, "--format", "json"]);
    let json = serde_json::from_slice(&o.stdout).unwrap_or_else(|_| panic!("one JSON object: {}", stderr(&o)));
    (o.status.code(), json)
}

fn rows(dir: &Path) -> i64 {
    let conn = rusqlite::Connection::open(dir.join("cogov.db")).expect("open");
    conn.query_row("SELECT count(*) FROM execution_events", [], |r| r.get(0)).expect("count")
}

#[test]
fn telemetry_ingest_is_idempotent_and_counts_duplicates() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    drop(store_with_a_version(dir));
    let (code, first) = ingest(dir, "tests/data/telemetry/good.ndjson");
    assert_eq!((code, first["accepted"].as_u64(), first["duplicates"].as_u64()), (Some(0), Some(29), Some(0)));
    assert_eq!(rows(dir), 29);
    // The same file again: nothing stored, every event counted as a duplicate, exit 0.
    let (code, again) = ingest(dir, "tests/data/telemetry/good.ndjson");
    assert_eq!((code, again["accepted"].as_u64(), again["duplicates"].as_u64()), (Some(0), Some(0), Some(29)));
    assert_eq!(again["duplicate_lines"].as_array().map(Vec::len), Some(29));
    assert_eq!(rows(dir), 29);
    let o = cogov(dir, &["telemetry", "ingest", "tests/data/telemetry/good.ndjson"]);
    assert!(stdout(&o).contains("kept 0 event(s) for fernwood-bakery-coop@1.3.0; 29 already stored"), "{}", stdout(&o));
}

#[test]
fn telemetry_refuses_impossible_timestamps_and_duplicate_keys_naming_the_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    drop(store_with_a_version(dir));
    let (code, out) = ingest(dir, "tests/data/telemetry/hostile.ndjson");
    assert_eq!(code, Some(1), "{out}");
    let rejected: Vec<(u64, &str)> = out["rejected"]
        .as_array()
        .expect("rejected")
        .iter()
        .map(|r| (r["line"].as_u64().unwrap_or(0), r["code"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(rejected, [(2, "GOV-T008"), (3, "GOV-T008"), (4, "GOV-T009")]);
    let messages: Vec<&str> =
        out["rejected"].as_array().expect("rejected").iter().filter_map(|r| r["message"].as_str()).collect();
    assert!(messages[0].contains("2026-02-30T25:61:61Z"), "{messages:?}");
    assert!(messages[1].contains("day 30 does not exist in 2026-02"), "{messages:?}");
    assert!(messages[2].contains("key `role` appears twice"), "{messages:?}");
    // Line 5 is line 1 with its keys reordered: the same event, stored once.
    assert_eq!((out["accepted"].as_u64(), out["duplicate_lines"].clone()), (Some(2), serde_json::json!([5])));
    assert_eq!(rows(dir), 2);
    let o = cogov(dir, &["telemetry", "ingest", "tests/data/telemetry/hostile.ndjson"]);
    let text = stdout(&o);
    assert!(text.contains("tests/data/telemetry/hostile.ndjson:4: GOV-T009"), "{text}");
    assert!(text.contains("kept 0 event(s)") && text.contains("3 already stored"), "{text}");
    assert_eq!(rows(dir), 2);
}

/// A reader that stops early (`cogov schema | head`) ends the command quietly, not with a
/// panic and exit 101: the schema and a formatted design are larger than a pipe's buffer, so
/// the writer meets the closed pipe.
#[test]
fn a_reader_that_stops_early_is_not_a_panic() {
    use std::io::Read;
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [&["schema"][..], &["fmt", "examples/rc1.json"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cogov"))
            .args(args)
            .current_dir(root())
            .env("COGOV_DB", dir.path().join("cogov.db"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn cogov");
        let mut head = [0u8; 64];
        child.stdout.take().expect("stdout").read_exact(&mut head).expect("the first bytes");
        let out = child.wait_with_output().expect("wait");
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "cogov {args:?}: {err}");
        assert_ne!(out.status.code(), Some(101), "cogov {args:?}: {err}");
    }
}

/// Commands that write a file say what they wrote, and an empty list says it is empty.
#[test]
fn writes_and_empty_lists_say_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let md = dir.path().join("coop.md");
    let out = cogov(dir.path(), &["export", "constitution", "examples/worker-coop.json", "--out", s(&md)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("wrote the constitution of fernwood-bakery-coop@") && said.contains("5 articles"), "{said}");
    let back = dir.path().join("coop.json");
    let out = cogov(dir.path(), &["import", s(&md), "--out", s(&back)]);
    assert!(stderr(&out).contains("wrote fernwood-bakery-coop@"), "{}", stderr(&out));
    assert!(back.exists());
    let out = cogov(dir.path(), &["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cogov(dir.path(), &["case", "list"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "no cases\n", "{}", stderr(&out));
}
