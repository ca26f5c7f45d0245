//! Golden test of the bundle commands through the real `cogov` binary, on an example:
//! keygen → commit, build, release → bundle (twice: the same bytes) → verify (and the stock
//! `minisign`) → deploy on two targets from the channel → status → a second version on one
//! target (status sees the split) → rollback → status; and the refusals on the way.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs cogov with a database of its own, a fixed author and the key's password in a file.
fn cogov(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cogov"))
        .args(args)
        .current_dir(root())
        .env("COGOV_DB", dir.join("cogov.db"))
        .env("COGOV_AUTHOR", "ada")
        .env("NO_COLOR", "1")
        .env_remove("COGOV_KEY_PASSWORD")
        .env_remove("COGOV_PUBKEY")
        .output()
        .expect("run cogov")
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    o
}

fn json(o: Output) -> serde_json::Value {
    serde_json::from_slice(&ok(o).stdout).expect("one JSON object")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The bytes of one entry of a bundle.
fn entry(bundle: &Path, path: &str) -> Vec<u8> {
    let gz = flate2::read::GzDecoder::new(std::fs::File::open(bundle).expect("open"));
    let mut archive = tar::Archive::new(gz);
    for e in archive.entries().expect("entries") {
        let mut e = e.expect("entry");
        if e.path_bytes().as_ref() == path.as_bytes() {
            let mut b = Vec::new();
            e.read_to_end(&mut b).expect("read");
            return b;
        }
    }
    panic!("{path} is not in {}", bundle.display())
}

#[test]
fn keygen_bundle_verify_deploy_status_rollback() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let pw = dir.join("password");
    std::fs::write(&pw, "correct horse\n").expect("write");
    let keys = dir.join("keys");
    let (sk, pk) = (keys.join("cogov.key"), keys.join("cogov.pub"));

    // keygen: an encrypted secret key (never overwritten) and a public key.
    let k = json(cogov(dir, &["keygen", "--out", s(&keys), "--password-file", s(&pw), "--format", "json"]));
    assert_eq!(k["key_id"].as_str().map(str::len), Some(16));
    let secret = std::fs::read_to_string(&sk).expect("secret key");
    assert!(secret.starts_with("untrusted comment:") && !secret.contains("correct horse"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&sk).expect("meta").permissions().mode() & 0o777, 0o600);
    }
    let again = cogov(dir, &["keygen", "--out", s(&keys), "--password-file", s(&pw)]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("GOV-B022"));

    // A stored, built, released version.
    ok(cogov(dir, &["commit", "examples/worker-coop.json", "-m", "adopted"]));
    let build = json(cogov(dir, &["build", "fernwood-bakery-coop@1.3.0", "--format", "json"]));
    let build_id = build["record"]["id"].as_i64().expect("build id");
    ok(cogov(dir, &["release", "promote", &build_id.to_string(), "--channel", "stable", "-m", "first"]));

    // bundle: a wrong password is refused; the right one bundles, twice to the same bytes.
    let wrong = dir.join("wrong");
    std::fs::write(&wrong, "nope\n").expect("write");
    let (b1, b1_again) = (dir.join("v1.tar.gz"), dir.join("v1-again.tar.gz"));
    let refused = cogov(dir, &["bundle", "1.3.0", "--key", s(&sk), "--password-file", s(&wrong), "--out", s(&b1)]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("GOV-B021"));
    assert!(!b1.exists());
    let out = json(cogov(
        dir,
        &["bundle", "1.3.0", "--key", s(&sk), "--password-file", s(&pw), "--out", s(&b1), "--format", "json"],
    ));
    assert_eq!(out["build_id"].as_i64(), Some(build_id));
    assert_eq!(out["recorded"], true);
    let paths: Vec<&str> = out["files"].as_array().expect("files").iter().filter_map(|f| f["path"].as_str()).collect();
    assert!(paths.contains(&"gco.json") && paths.contains(&"compiled/policies.cedar") && paths.contains(&"risk.json"));
    let documents = paths.iter().filter(|p| p.starts_with("documents/") && p.ends_with(".md")).count();
    assert_eq!(documents, 8, "the eight documents travel with the design: {paths:?}");
    assert!(paths.contains(&"telemetry/contract.json") && paths.contains(&"telemetry/events/vote_cast.schema.json"));
    ok(cogov(dir, &["bundle", "1.3.0", "--key", s(&sk), "--password-file", s(&pw), "--out", s(&b1_again)]));
    assert_eq!(std::fs::read(&b1).expect("b1"), std::fs::read(&b1_again).expect("again"), "rebuild differs");

    // verify, and the stock minisign agrees on the manifest.
    let v = json(cogov(dir, &["verify", s(&b1), "--pubkey", s(&pk), "--format", "json"]));
    assert_eq!(v["sha256"], out["sha256"]);
    let (m, sig) = (dir.join("manifest.json"), dir.join("manifest.json.minisig"));
    std::fs::write(&m, entry(&b1, "manifest.json")).expect("write");
    std::fs::write(&sig, entry(&b1, "manifest.json.minisig")).expect("write");
    let stock = Command::new("minisign")
        .arg("-Vm")
        .arg(&m)
        .arg("-p")
        .arg(&pk)
        .output()
        .expect("the `minisign` command is missing: scripts/test.sh installs it (Debian package minisign)");
    assert!(stock.status.success(), "minisign -V: {}", String::from_utf8_lossy(&stock.stderr));

    // A design with blocking findings is not bundled (GOV-P001, exit 1).
    let blocked = dir.join("blocked.tar.gz");
    let broken = "tests/data/broken/budget-over-allocated.json";
    let refused = cogov(dir, &["bundle", broken, "--key", s(&sk), "--password-file", s(&pw), "--out", s(&blocked)]);
    assert_eq!(refused.status.code(), Some(1), "{}", String::from_utf8_lossy(&refused.stderr));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("GOV-P001"));
    assert!(!blocked.exists());

    // deploy from the channel on two targets; status agrees.
    let (t1, t2) = (dir.join("t1"), dir.join("t2"));
    let d = json(cogov(
        dir,
        &["deploy", s(&b1), "--target", s(&t1), s(&t2), "--pubkey", s(&pk), "--channel", "stable", "--format", "json"],
    ));
    assert_eq!(d["deployments"].as_array().map(Vec::len), Some(2));
    let st =
        json(cogov(dir, &["deploy", "status", "--target", s(&t1), s(&t2), "--pubkey", s(&pk), "--format", "json"]));
    assert_eq!((st["same_release"].as_bool(), st["drifted"].as_bool()), (Some(true), Some(false)));
    assert_eq!(st["targets"][0]["version"], "1.3.0");
    assert_eq!(st["targets"][0]["contract_version"], "cogov-telemetry/1@1.3.0", "the deployed telemetry contract");
    assert!(t1.join("telemetry-contract.json").is_file(), "the target's contract is where integrators look");

    // A second version: bundled, refused from the channel (it serves 1.3.0), deployed on t1.
    let mut v2: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("examples/worker-coop.json")).expect("read")).expect("json");
    v2["identity"]["version"] = serde_json::json!("1.4.0");
    v2["decision_types"][0]["quorum"] = serde_json::json!(0.61);
    let v2_file = dir.join("v2.json");
    std::fs::write(&v2_file, serde_json::to_vec_pretty(&v2).expect("ser")).expect("write");
    ok(cogov(dir, &["commit", s(&v2_file), "-m", "quorum"]));
    let b2 = dir.join("v2.tar.gz");
    ok(cogov(dir, &["bundle", "1.4.0", "--key", s(&sk), "--password-file", s(&pw), "--out", s(&b2)]));
    let refused = cogov(dir, &["deploy", s(&b2), "--target", s(&t1), "--pubkey", s(&pk), "--channel", "stable"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("GOV-D003"));
    ok(cogov(dir, &["deploy", s(&b2), "--target", s(&t1), "--pubkey", s(&pk)]));
    let split = cogov(dir, &["deploy", "status", "--target", s(&t1), s(&t2)]);
    assert_eq!(split.status.code(), Some(1), "different versions are reported");
    let text = String::from_utf8_lossy(&split.stdout);
    assert!(text.contains("fernwood-bakery-coop@1.4.0") && text.contains("different releases"), "{text}");

    // rollback t1: back to 1.3.0, and the targets agree again.
    let r = json(cogov(dir, &["deploy", "--rollback", "--target", s(&t1), "--format", "json"]));
    assert_eq!(r["deployments"][0]["version"], "1.3.0");
    ok(cogov(dir, &["deploy", "status", "--target", s(&t1), s(&t2)]));

    // A changed active file is drift.
    std::fs::write(t2.join("current/risk.json"), "{}\n").expect("tamper");
    let drift = cogov(dir, &["deploy", "status", "--target", s(&t2), "--format", "json"]);
    assert_eq!(drift.status.code(), Some(1));
    let dj: serde_json::Value = serde_json::from_slice(&drift.stdout).expect("json");
    assert_eq!(dj["targets"][0]["drift"], serde_json::json!(["risk.json"]));

    // A bundle with one file changed fails verify, naming the file and its code.
    let bytes = std::fs::read(&b1).expect("read");
    let mut entries = cogov_engine::bundle::archive::read(&bytes, &Default::default()).expect("read");
    let risk = entries.iter_mut().find(|e| e.path == "risk.json").expect("risk.json");
    risk.bytes[3] ^= 1;
    let tampered = dir.join("tampered.tar.gz");
    std::fs::write(&tampered, cogov_engine::bundle::archive::write(&entries).expect("write")).expect("write");
    let bad = cogov(dir, &["verify", s(&tampered), "--pubkey", s(&pk)]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("GOV-B012") && err.contains("tampered.tar.gz#risk.json"), "{err}");

    // The store keeps the bundles and one sync record per target and step.
    let db = rusqlite::Connection::open(dir.join("cogov.db")).expect("db");
    let n = |sql: &str| db.query_row(sql, [], |r| r.get::<_, i64>(0)).expect("count");
    assert_eq!(n("SELECT COUNT(*) FROM governance_artifacts WHERE kind = 'bundle'"), 2);
    assert_eq!(n("SELECT COUNT(*) FROM deployment_records"), 4);
    assert_eq!(n("SELECT COUNT(DISTINCT target) FROM deployment_records"), 2);
    assert_eq!(n("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'deploy.%'"), 4);
}

/// A key pair and two bundles of worker-coop (1.3.0 as shipped, and 1.4.0), built from files.
fn two_bundles(dir: &Path) -> (PathBuf, PathBuf, PathBuf, PathBuf) {
    let pw = dir.join("password");
    std::fs::write(&pw, "correct horse\n").expect("write");
    let keys = dir.join("keys");
    ok(cogov(dir, &["keygen", "--out", s(&keys), "--password-file", s(&pw)]));
    let (sk, pk) = (keys.join("cogov.key"), keys.join("cogov.pub"));
    let mut v2: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("examples/worker-coop.json")).expect("read")).expect("json");
    v2["identity"]["version"] = serde_json::json!("1.4.0");
    v2["decision_types"][0]["quorum"] = serde_json::json!(0.61);
    let v2_file = dir.join("v2.json");
    std::fs::write(&v2_file, serde_json::to_vec_pretty(&v2).expect("ser")).expect("write");
    let (b1, b2) = (dir.join("v1.tar.gz"), dir.join("v2.tar.gz"));
    for (design, out) in [("examples/worker-coop.json", &b1), (s(&v2_file), &b2)] {
        ok(cogov(dir, &["bundle", design, "--key", s(&sk), "--password-file", s(&pw), "--out", s(out)]));
    }
    (pk, b1, b2, pw)
}

#[test]
fn a_deploy_to_several_targets_switches_none_unless_all_are_staged() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let (pk, b1, b2, _) = two_bundles(dir);
    let (good, bad) = (dir.join("good"), dir.join("bad"));
    ok(cogov(dir, &["deploy", s(&b1), "--target", s(&good), "--pubkey", s(&pk)]));
    // `bad` cannot be a target (a file is in the way): `good` is staged but not switched.
    std::fs::write(&bad, "not a directory").expect("write");
    let o = cogov(dir, &["deploy", s(&b2), "--target", s(&good), s(&bad), "--pubkey", s(&pk)]);
    assert_eq!(o.status.code(), Some(2));
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(err.contains("GOV-D012"), "{err}");
    assert!(out.contains(&format!("FAILED on {}", good.display())) && out.contains("not switched"), "{out}");
    assert!(out.contains(&format!("FAILED on {}", bad.display())) && out.contains("GOV-D001"), "{out}");
    let st = json(cogov(dir, &["deploy", "status", "--target", s(&good), "--format", "json"]));
    assert_eq!(st["targets"][0]["version"], "1.3.0", "the good target still runs what it ran");
    assert_eq!(st["targets"][0]["records"], 1);

    // The older bundle after the newer is refused, and goes ahead only with a reason.
    ok(cogov(dir, &["deploy", s(&b2), "--target", s(&good), "--pubkey", s(&pk)]));
    let o = cogov(dir, &["deploy", s(&b1), "--target", s(&good), "--pubkey", s(&pk)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("GOV-D008"));
    let d = json(cogov(
        dir,
        &[
            "deploy",
            s(&b1),
            "--target",
            s(&good),
            "--pubkey",
            s(&pk),
            "--override-reason",
            "1.4.0 failed QA",
            "--format",
            "json",
        ],
    ));
    assert_eq!(d["deployments"][0]["override_reason"], "1.4.0 failed QA");
    assert_eq!(d["deployments"][0]["confirmed"], true);
}

#[test]
fn audit_head_checkpoint_and_verify_catch_a_truncated_log() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let (pk, _, _, pw) = two_bundles(dir);
    ok(cogov(dir, &["commit", "examples/worker-coop.json", "-m", "adopted"]));
    ok(cogov(dir, &["commit", s(&dir.join("v2.json")), "-m", "quorum"]));
    let head = json(cogov(dir, &["audit", "head", "--format", "json"]));
    assert_eq!(head["seq"], 2);
    assert_eq!(head["recorded"]["hash"], head["hash"], "the head beside the database is the chain's");
    let cp = dir.join("checkpoint.json");
    let sk = dir.join("keys/cogov.key");
    ok(cogov(dir, &["audit", "checkpoint", "--key", s(&sk), "--password-file", s(&pw), "--out", s(&cp)]));
    let v = ok(cogov(dir, &["audit", "verify", "--checkpoint", s(&cp), "--pubkey", s(&pk)]));
    assert!(String::from_utf8_lossy(&v.stdout).contains("intact: 2 entries"));
    // Around the triggers: the newest entry and its version row deleted.
    let db = rusqlite::Connection::open(dir.join("cogov.db")).expect("db");
    db.execute_batch("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;").expect("tamper");
    let t = cogov(dir, &["audit", "verify", "--checkpoint", s(&cp), "--pubkey", s(&pk)]);
    assert_eq!(t.status.code(), Some(1));
    let text = String::from_utf8_lossy(&t.stdout);
    assert!(text.contains("entries 2..=2 were removed") && text.contains("checkpoint"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in ["cogov.db", "cogov.db.audit-head"] {
            assert_eq!(std::fs::metadata(dir.join(f)).expect("meta").permissions().mode() & 0o777, 0o600, "{f}");
        }
    }
}
