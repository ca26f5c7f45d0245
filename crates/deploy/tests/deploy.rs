//! Deploys on a real directory: deploy, status, rollback round-trip; refused bundles write
//! nothing; drift is seen; records are append-only; and a deploy killed (SIGKILL) at random
//! points leaves the target on the old release or the new one, whole, never a mix.
//!
//! The killed deployer is this test binary run again in child mode (`COGOV_DEPLOY_CHILD`
//! set): `child_deployer` then deploys its two bundles in turn until it is killed.

use cogov_deploy::{self as deploy, Request};
use cogov_engine::bundle::{self, Producers};
use cogov_model::{ErrorCode, Gco};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(name: &str) -> Gco {
    let bytes = std::fs::read(root().join(format!("examples/{name}.json"))).expect("example");
    cogov_engine::intake::from_json_bytes(&bytes).and_then(|d| d.into_gco()).expect("example reads")
}

fn producers() -> Producers {
    Producers { engine: "0.1.0".into(), model: "0.1.0".into(), sim: "0.1.0".into() }
}

/// Two versions of one design, bundled with one key: (public key, v1 bundle, v2 bundle).
fn two_bundles() -> (minisign::PublicKey, Vec<u8>, Vec<u8>) {
    let kp = minisign::KeyPair::generate_unencrypted_keypair().expect("keypair");
    let v1 = example("worker-coop");
    let mut v2 = v1.clone();
    v2.identity.version = semver::Version::new(v1.identity.version.major + 1, 0, 0);
    v2.decision_types[0].quorum = 0.55;
    let b = |g: &Gco| {
        let files = bundle::design_files(g, None, None).expect("bundles");
        bundle::build(files, &bundle::facts(g, None, producers()), &kp.sk).expect("builds").bytes
    };
    (kp.pk, b(&v1), b(&v2))
}

fn req<'a>(bytes: &'a [u8], pk: &'a minisign::PublicKey, source: &'a str) -> Request<'a> {
    Request::new(bytes, source, pk, "tester")
}

fn count(db: &Path, table: &str) -> i64 {
    let c = rusqlite::Connection::open(db).expect("open");
    c.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).expect("count")
}

#[test]
fn deploy_then_rollback_round_trips() {
    let (pk, v1, v2) = two_bundles();
    let dir = tempfile::tempdir().expect("tempdir");
    let t = dir.path().join("target");
    let a = deploy::deploy(&t, &req(&v1, &pk, "v1.tar.gz")).expect("deploy v1");
    assert_eq!((a.seq, a.action.as_str(), a.previous.as_deref()), (1, "deploy", None));
    let b = deploy::deploy(&t, &req(&v2, &pk, "v2.tar.gz")).expect("deploy v2");
    assert_eq!(b.previous.as_deref(), Some(a.release.as_str()));
    let s = deploy::status(&t, Some(&pk)).expect("status");
    assert_eq!((s.release.as_deref(), s.version.as_deref()), (Some(b.release.as_str()), Some(b.version.as_str())));
    assert!(s.drift.is_empty() && s.recorded, "{s:?}");
    // The execution database of the active release holds the compiled roles and thresholds.
    let exec = t.join("current").join("execution.db");
    assert!(count(&exec, "roles") >= 2 && count(&exec, "permissions") > 0 && count(&exec, "thresholds") > 0);
    let quorum: f64 = rusqlite::Connection::open(&exec)
        .expect("open")
        .query_row("SELECT quorum FROM thresholds ORDER BY rowid LIMIT 1", [], |r| r.get(0))
        .expect("quorum");
    assert_eq!(quorum, 0.55, "v2's threshold is active");

    let r = deploy::rollback(&t, "tester").expect("rollback");
    assert_eq!(
        (r.action.as_str(), r.release.as_str(), r.version.as_str()),
        ("rollback", a.release.as_str(), a.version.as_str())
    );
    let s = deploy::status(&t, Some(&pk)).expect("status");
    assert_eq!(s.release.as_deref(), Some(a.release.as_str()));
    assert!(s.drift.is_empty(), "{s:?}");
    // The active files are v1's, byte for byte.
    let v1_files = bundle::verify(&v1, &pk).expect("v1").files;
    for f in &v1_files {
        assert_eq!(std::fs::read(t.join("current").join(&f.path)).expect("active file"), f.bytes, "{}", f.path);
    }
    // And forward again: a rollback of the rollback returns to v2.
    let again = deploy::rollback(&t, "tester").expect("rollback again");
    assert_eq!(again.release, b.release);
    let history = deploy::history(&t).expect("history");
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["deploy", "deploy", "rollback", "rollback"]);
}

#[test]
fn the_deployment_records_refuse_update_and_delete() {
    let (pk, v1, _) = two_bundles();
    let dir = tempfile::tempdir().expect("tempdir");
    deploy::deploy(dir.path(), &req(&v1, &pk, "v1.tar.gz")).expect("deploy");
    let c = rusqlite::Connection::open(dir.path().join(deploy::RECORDS_DB)).expect("open");
    let upd = c.execute("UPDATE deployments SET version = '9.9.9'", []);
    assert!(upd.is_err_and(|e| e.to_string().contains("append-only")));
    assert!(c.execute("DELETE FROM deployments", []).is_err());
}

#[test]
fn a_refused_bundle_writes_nothing() {
    let (pk, v1, _) = two_bundles();
    let other = minisign::KeyPair::generate_unencrypted_keypair().expect("keypair");
    let dir = tempfile::tempdir().expect("tempdir");
    let t = dir.path().join("target");
    let err = deploy::deploy(&t, &req(&v1, &other.pk, "v1.tar.gz")).expect_err("wrong key");
    assert_eq!(err.code, ErrorCode::BundleSignatureInvalid);
    // A hostile archive: a symlink entry.
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::Symlink);
    h.set_size(0);
    h.set_path("current").expect("path");
    h.set_link_name("/etc").expect("link");
    h.set_cksum();
    b.append(&h, std::io::empty()).expect("append");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &b.into_inner().expect("tar")).expect("gz");
    let hostile = gz.finish().expect("gz");
    let err = deploy::deploy(&t, &req(&hostile, &pk, "evil.tar.gz")).expect_err("hostile");
    assert_eq!(err.code, ErrorCode::BundleSpecialEntry);
    assert!(!t.exists(), "the target was created for a refused bundle");
    // `..`, an absolute path, a duplicate and a gzip bomb: refused, nothing written.
    let bomb = vec![0u8; (64 << 20) + 1];
    for (entries, code) in [
        (vec![("../escape", b"x".as_slice())], ErrorCode::BundleParentPath),
        (vec![("/escape", b"x".as_slice())], ErrorCode::BundleAbsolutePath),
        (vec![("gco.json", b"{}".as_slice()), ("gco.json", b"[]".as_slice())], ErrorCode::BundleDuplicateEntry),
        (vec![("bomb", bomb.as_slice())], ErrorCode::BundleTooLarge),
    ] {
        let mut b = tar::Builder::new(Vec::new());
        for (path, data) in entries {
            let mut h = tar::Header::new_gnu();
            h.as_old_mut().name[..path.len()].copy_from_slice(path.as_bytes());
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            b.append(&h, data).expect("append");
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &b.into_inner().expect("tar")).expect("gz");
        let err = deploy::deploy(&t, &req(&gz.finish().expect("gz"), &pk, "evil.tar.gz")).expect_err("hostile");
        assert_eq!(err.code, code);
        assert!(!t.exists(), "the target was created for a refused bundle ({code})");
    }
    assert_eq!(deploy::rollback(&t, "tester").expect_err("nothing").code, ErrorCode::DeployNotDeployed);
}

#[test]
fn status_sees_drift_in_active_files() {
    let (pk, v1, _) = two_bundles();
    let dir = tempfile::tempdir().expect("tempdir");
    deploy::deploy(dir.path(), &req(&v1, &pk, "v1.tar.gz")).expect("deploy");
    let active = dir.path().join("current");
    std::fs::write(active.join("compiled/policies.cedar"), "permit(principal, action, resource);").expect("tamper");
    std::fs::write(active.join("extra.txt"), "x").expect("extra");
    std::fs::remove_file(active.join("risk.json")).expect("remove");
    let s = deploy::status(dir.path(), Some(&pk)).expect("status");
    assert_eq!(s.drift, ["compiled/policies.cedar", "risk.json", "extra.txt"]);
    // Redeploying the drifted release is refused rather than trusted.
    let err = deploy::deploy(dir.path(), &req(&v1, &pk, "v1")).expect_err("drifted");
    assert_eq!(err.code, ErrorCode::DeployReleaseTampered);
    assert_eq!(deploy::rollback(dir.path(), "t").expect_err("first").code, ErrorCode::DeployNothingToRollBack);
}

#[test]
fn a_row_added_to_the_live_execution_database_is_drift_and_the_release_is_not_reused() {
    let (pk, v1, _) = two_bundles();
    let dir = tempfile::tempdir().expect("tempdir");
    deploy::deploy(dir.path(), &req(&v1, &pk, "v1.tar.gz")).expect("deploy");
    assert!(deploy::status(dir.path(), Some(&pk)).expect("status").drift.is_empty());
    let exec = dir.path().join("current").join("execution.db");
    let c = rusqlite::Connection::open(&exec).expect("open");
    c.execute("INSERT INTO roles (id) VALUES ('mallory')", []).expect("tamper");
    drop(c);
    let s = deploy::status(dir.path(), Some(&pk)).expect("status");
    assert_eq!(s.drift, ["execution.db"], "a granted role that no signed file defines");
    let err = deploy::deploy(dir.path(), &req(&v1, &pk, "v1.tar.gz")).expect_err("tampered release reused");
    assert_eq!(err.code, ErrorCode::DeployReleaseTampered);
    assert!(err.message.contains("execution.db"), "{err}");
    // A changed threshold is drift too, not only an added row.
    let c = rusqlite::Connection::open(&exec).expect("open");
    c.execute("DELETE FROM roles WHERE id = 'mallory'", []).expect("undo");
    assert!(deploy::status(dir.path(), Some(&pk)).expect("status").drift.is_empty(), "undone");
    c.execute("UPDATE thresholds SET quorum = 0.01", []).expect("tamper");
    assert_eq!(deploy::status(dir.path(), Some(&pk)).expect("status").drift, ["execution.db"]);
}

/// A third bundle: another design (token-dao) signed by the same key.
fn other_design(pk_pair: &minisign::KeyPair) -> Vec<u8> {
    let g = example("token-dao");
    let files = bundle::design_files(&g, None, None).expect("bundles");
    bundle::build(files, &bundle::facts(&g, None, producers()), &pk_pair.sk).expect("builds").bytes
}

#[test]
fn a_downgrade_another_design_or_a_reused_version_is_refused_unless_a_reason_is_given() {
    let kp = minisign::KeyPair::generate_unencrypted_keypair().expect("keypair");
    let b = |g: &Gco| {
        let files = bundle::design_files(g, None, None).expect("bundles");
        bundle::build(files, &bundle::facts(g, None, producers()), &kp.sk).expect("builds").bytes
    };
    let v1 = example("worker-coop");
    let mut v2 = v1.clone();
    v2.identity.version = semver::Version::new(v1.identity.version.major + 1, 0, 0);
    v2.decision_types[0].quorum = 0.55;
    let mut v2_other = v2.clone();
    v2_other.decision_types[0].quorum = 0.45;
    let (b1, b2, b2_other, dao) = (b(&v1), b(&v2), b(&v2_other), other_design(&kp));
    let dir = tempfile::tempdir().expect("tempdir");
    let t = dir.path();
    deploy::deploy(t, &req(&b1, &kp.pk, "v1")).expect("v1");
    let two = deploy::deploy(t, &req(&b2, &kp.pk, "v2")).expect("v2");
    // The older, validly signed bundle: refused, nothing switched.
    let e = deploy::deploy(t, &req(&b1, &kp.pk, "v1 again")).expect_err("downgrade");
    assert_eq!(e.code, ErrorCode::DeployDowngrade, "{e}");
    assert!(e.message.contains("older"), "{e}");
    // Another design signed by the same key: refused.
    let e = deploy::deploy(t, &req(&dao, &kp.pk, "dao")).expect_err("other design");
    assert_eq!(e.code, ErrorCode::DeployOtherDesign, "{e}");
    // The same version number with other content: refused.
    let e = deploy::deploy(t, &req(&b2_other, &kp.pk, "v2'")).expect_err("reused version");
    assert_eq!(e.code, ErrorCode::DeployVersionReused, "{e}");
    let s = deploy::status(t, Some(&kp.pk)).expect("status");
    assert_eq!(s.release.as_deref(), Some(two.release.as_str()), "no refusal switched anything");
    assert_eq!(s.bound_instance.as_deref(), Some("fernwood-bakery-coop"));
    assert_eq!(s.records, 2);
    // Redeploying the active release is fine; an empty reason is no reason.
    deploy::deploy(t, &req(&b2, &kp.pk, "v2 again")).expect("redeploy of the active release");
    let blank = Request { override_reason: Some("  "), ..req(&b1, &kp.pk, "v1") };
    assert_eq!(deploy::deploy(t, &blank).expect_err("blank").code, ErrorCode::DeployRefused);
    // With a reason the downgrade goes ahead and the reason is on record.
    let why = Request { override_reason: Some("v2 broke payouts; rollback record lost"), ..req(&b1, &kp.pk, "v1") };
    let a = deploy::deploy(t, &why).expect("override");
    assert_eq!(a.version, v1.identity.version.to_string());
    let last = deploy::history(t).expect("history").pop().expect("record");
    assert_eq!(last.override_reason.as_deref(), Some("v2 broke payouts; rollback record lost"));
    assert!(last.confirmed);
}

#[test]
fn a_second_deployer_waits_for_the_lock_or_fails_with_its_code() {
    let (pk, v1, _) = two_bundles();
    let dir = tempfile::tempdir().expect("tempdir");
    let held = deploy::lock(dir.path(), Duration::ZERO).expect("first deployer's lock");
    let quick = Request { wait: Duration::from_millis(150), ..req(&v1, &pk, "v1") };
    let e = deploy::deploy(dir.path(), &quick).expect_err("busy");
    assert_eq!(e.code, ErrorCode::DeployTargetBusy, "{e}");
    assert_eq!(deploy::active_release(dir.path()).expect("current"), None, "nothing switched while busy");
    // A deployer that waits gets its turn once the first lets go.
    let waiting = std::thread::spawn({
        let (t, v1, pk) = (dir.path().to_path_buf(), v1.clone(), pk.clone());
        move || deploy::deploy(&t, &Request { wait: Duration::from_secs(30), ..req(&v1, &pk, "v1") }).map(|a| a.seq)
    });
    std::thread::sleep(Duration::from_millis(200));
    drop(held);
    assert_eq!(waiting.join().expect("thread").expect("deployed after waiting"), 1);
}

#[test]
fn many_deployers_on_one_target_each_get_a_whole_release_and_one_record() {
    let (pk, v1, v2) = two_bundles();
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("target");
    let releases = [deploy::release_id(&v1), deploy::release_id(&v2)];
    let deployers = 8;
    for round in 0..3 {
        let handles: Vec<_> = (0..deployers)
            .map(|i| {
                let (t, b, pk) = (target.clone(), if i % 2 == 0 { v1.clone() } else { v2.clone() }, pk.clone());
                std::thread::spawn(move || {
                    let r = Request {
                        override_reason: Some("the test alternates two versions"),
                        wait: Duration::from_secs(120),
                        ..req(&b, &pk, "concurrent")
                    };
                    deploy::deploy(&t, &r)
                })
            })
            .collect();
        for h in handles {
            let a = h.join().expect("thread").expect("every deployer succeeds, in turn");
            assert!(a.confirmed);
        }
        let active = deploy::active_release(&target).expect("current").expect("active");
        assert!(releases.contains(&active));
        let s = deploy::status(&target, Some(&pk)).expect("status");
        assert!(s.drift.is_empty() && s.recorded && s.confirmed, "round {round}: {s:?}");
        assert!(target.join("current/compiled/access_control.json").is_file(), "round {round}: a partial release");
        let history = deploy::history(&target).expect("history");
        assert_eq!(history.len(), deployers * (round + 1), "one record per deployer");
        assert!(history.iter().all(|h| h.confirmed), "every record confirmed");
        // The records chain: each deploy names the release active before it.
        for w in history.windows(2) {
            assert_eq!(w[1].previous.as_deref(), Some(w[0].release.as_str()));
        }
    }
    assert_eq!(std::fs::read_dir(target.join(deploy::STAGING)).expect("staging").count(), 0);
}

#[test]
fn a_deploy_whose_record_cannot_be_written_is_not_live() {
    let (pk, v1, v2) = two_bundles();
    let dir = tempfile::tempdir().expect("tempdir");
    let a = deploy::deploy(dir.path(), &req(&v1, &pk, "v1")).expect("v1");
    // The records cannot take the intent: the deploy fails before the switch.
    let c = rusqlite::Connection::open(dir.path().join(deploy::RECORDS_DB)).expect("open");
    c.execute_batch("CREATE TRIGGER no_more BEFORE INSERT ON deployments BEGIN SELECT RAISE(ABORT, 'disk full'); END;")
        .expect("trigger");
    let e = deploy::deploy(dir.path(), &req(&v2, &pk, "v2")).expect_err("no record");
    assert_eq!(e.code, ErrorCode::DeployTargetDatabase);
    assert_eq!(deploy::active_release(dir.path()).expect("current").as_deref(), Some(a.release.as_str()));
    let s = deploy::status(dir.path(), Some(&pk)).expect("status");
    assert!(s.recorded && s.confirmed && s.drift.is_empty(), "{s:?}");
    c.execute_batch("DROP TRIGGER no_more;").expect("drop");
    // The confirmation cannot be written: the switch happened, and its intent is on record, so
    // status says so and a rollback finds the way back.
    c.execute_batch(
        "CREATE TRIGGER no_confirm BEFORE INSERT ON confirmations BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
    )
    .expect("trigger");
    let e = deploy::deploy(dir.path(), &req(&v2, &pk, "v2")).expect_err("no confirmation");
    assert_eq!(e.code, ErrorCode::DeployTargetDatabase);
    let s = deploy::status(dir.path(), Some(&pk)).expect("status");
    assert_eq!(s.release.as_deref(), Some(deploy::release_id(&v2).as_str()));
    assert!(s.recorded && !s.confirmed, "{s:?}");
    c.execute_batch("DROP TRIGGER no_confirm;").expect("drop");
    let r = deploy::rollback(dir.path(), "tester").expect("rollback from an unconfirmed switch");
    assert_eq!(r.release, a.release);
}

// ---- SIGKILL at random points ----

/// Child mode: deploy the bundles in `COGOV_DEPLOY_CHILD` (dir with v1, v2, key.pub) onto its
/// `target`, alternately, until killed.
#[test]
fn child_deployer() {
    let Some(dir) = std::env::var_os("COGOV_DEPLOY_CHILD") else { return };
    let dir = PathBuf::from(dir);
    let pk = minisign::PublicKey::from_base64(std::fs::read_to_string(dir.join("key.pub")).expect("key").trim())
        .expect("key");
    let bundles = [std::fs::read(dir.join("v1")).expect("v1"), std::fs::read(dir.join("v2")).expect("v2")];
    let target = dir.join("target");
    for i in 0.. {
        let b = &bundles[i % 2];
        // Each deploy stages its release afresh: the inactive copy is moved into staging (one
        // rename), where the deploy's own clean-up removes it.
        let release = deploy::release_id(b);
        if deploy::active_release(&target).expect("current").as_deref() != Some(release.as_str()) {
            let old = target.join(deploy::RELEASES).join(&release);
            if old.exists() {
                std::fs::rename(&old, target.join(deploy::STAGING).join("old")).expect("move aside");
            }
        }
        let r = Request { override_reason: Some("the kill test alternates two versions"), ..req(b, &pk, "child") };
        deploy::deploy(&target, &r).expect("deploy");
        println!("deployed {i}");
    }
}

#[test]
fn a_deploy_killed_at_random_points_leaves_the_old_or_the_new_release_whole() {
    if std::env::var_os("COGOV_DEPLOY_CHILD").is_some() {
        return;
    }
    let (pk, v1, v2) = two_bundles();
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("v1"), &v1).expect("write");
    std::fs::write(dir.path().join("v2"), &v2).expect("write");
    std::fs::write(dir.path().join("key.pub"), pk.to_base64()).expect("write");
    let target = dir.path().join("target");
    let releases = [deploy::release_id(&v1), deploy::release_id(&v2)];
    let mut state: u64 = 0x5eed_de91_0700_0001;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (kills, mut seen) = (120, [0usize; 2]);
    for _ in 0..kills {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args(["--exact", "child_deployer", "--nocapture", "--test-threads=1"])
            .env("COGOV_DEPLOY_CHILD", dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Wide enough that a deploy (verify, stage, fsync, intent, switch, confirmation) often
        // completes between kills even on a loaded machine; narrow enough to land mid-deploy.
        std::thread::sleep(Duration::from_millis(5 + next() % 400));
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        // Whatever was active is one of the two releases, whole, and its database opens.
        if let Some(active) = deploy::active_release(&target).expect("read current") {
            let i = releases.iter().position(|r| *r == active).expect("current is v1 or v2");
            seen[i] += 1;
            let s = deploy::status(&target, Some(&pk)).expect("status");
            assert!(s.drift.is_empty(), "after a kill the active release drifted: {:?}", s.drift);
            let exec = target.join("current").join("execution.db");
            let c = rusqlite::Connection::open(&exec).expect("execution db");
            let fp: String =
                c.query_row("SELECT value FROM meta WHERE key = 'bundle_sha256'", [], |r| r.get(0)).expect("meta");
            assert_eq!(fp, format!("sha256:{active}"));
        }
    }
    // A later deploy still works, and clears what the killed ones left in staging.
    let after = Request { override_reason: Some("back to v1 after the kills"), ..req(&v1, &pk, "after") };
    deploy::deploy(&target, &after).expect("deploy after the kills");
    assert_eq!(std::fs::read_dir(target.join(deploy::STAGING)).expect("staging").count(), 0);
    let deploys = deploy::history(&target).expect("history").len();
    println!(
        "{kills} SIGKILLs over {deploys} recorded deploys; active afterwards: v1 {} times, v2 {} times",
        seen[0], seen[1]
    );
    assert!(deploys > kills / 4, "the deployers got work done between kills: {deploys} deploys");
    assert!(seen[0] > 0 && seen[1] > 0, "the kills landed on both releases: {seen:?}");
}
