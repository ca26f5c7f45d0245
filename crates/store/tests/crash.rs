//! Reliability of the store across processes: a writer killed (SIGKILL) at random points loses
//! nothing it acknowledged and leaves nothing half-written, and two writers at once never fail
//! with "database is locked".
//!
//! The writers are this test binary run again in child mode (`COGOV_STORE_CHILD` set): the
//! `child_writer` test then commits versions until it is killed or has written its count,
//! printing `ack <version> <fingerprint>` after each commit returns.

use cogov_model::Gco;
use cogov_store::Store;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

mod common;

fn base() -> Gco {
    common::example("worker-coop")
}

/// Child mode: commit versions of `COGOV_STORE_INSTANCE` into `COGOV_STORE_CHILD`, continuing
/// from the latest one, `COGOV_STORE_COUNT` times (default: until killed).
#[test]
fn child_writer() {
    let Some(db) = std::env::var_os("COGOV_STORE_CHILD") else { return };
    let instance = std::env::var("COGOV_STORE_INSTANCE").unwrap_or_else(|_| "crash-coop".into());
    let count: u64 = std::env::var("COGOV_STORE_COUNT").ok().and_then(|c| c.parse().ok()).unwrap_or(u64::MAX);
    let mut store = Store::open(&db).expect("child opens the store");
    let mut gco = base();
    gco.identity.name = instance.clone();
    let first =
        store.latest(&instance).map(|v| v.version.parse::<semver::Version>().expect("semver").patch + 1).unwrap_or(0);
    for patch in first..first.saturating_add(count) {
        gco.identity.version = semver::Version::new(1, 0, patch);
        // Each version differs from the last (a quorum step), so each is a real patch.
        gco.decision_types[0].quorum = 0.3 + (patch % 50) as f64 / 100.0;
        let out = store.commit(&gco, &format!("step {patch}"), "writer").expect("commit");
        println!("ack {} {}", out.record.version, out.record.fingerprint);
    }
}

fn spawn_child(db: &Path, instance: &str, count: Option<u64>) -> Child {
    let mut cmd = Command::new(std::env::current_exe().expect("test binary"));
    cmd.args(["--exact", "child_writer", "--nocapture", "--test-threads=1"])
        .env("COGOV_STORE_CHILD", db)
        .env("COGOV_STORE_INSTANCE", instance)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(c) = count {
        cmd.env("COGOV_STORE_COUNT", c.to_string());
    }
    cmd.spawn().expect("spawn child writer")
}

fn acks(out: impl std::io::Read) -> Vec<(String, String)> {
    BufReader::new(out)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| {
            // libtest prints `test child_writer ... ` without a newline before the first ack.
            let mut p = l[l.find("ack ")? + 4..].split(' ');
            Some((p.next()?.to_owned(), p.next()?.to_owned()))
        })
        .collect()
}

/// Everything the store promises after any crash.
fn check(db: &Path, instance: &str, acked: &[(String, String)]) {
    let store = Store::open(db).expect("reopens after the crash");
    let ok: String = store.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check");
    assert_eq!(ok, "ok");
    let log =
        if acked.is_empty() { store.log(instance).unwrap_or_default() } else { store.log(instance).expect("log") };
    for (version, fingerprint) in acked {
        let v = log.iter().find(|v| &v.version == version).unwrap_or_else(|| panic!("acknowledged {version} is lost"));
        assert_eq!(&v.fingerprint, fingerprint);
    }
    // No half-written version: each has its content, its validation and its audit entry.
    for v in &log {
        let (_, gco) = store.show(instance, &v.version).expect("content readable");
        assert_eq!(gco.fingerprint(), v.fingerprint);
        assert!(v.compliance_score.is_some(), "{} has no validation record", v.version);
    }
    let audit = cogov_store::audit::verify(store.conn(), store.path()).expect("verify");
    assert_eq!(audit.problem, None);
    let entries: i64 = store
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'version.commit' AND subject LIKE ?1",
            [format!("{instance}@%")],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(entries as usize, log.len(), "one audit entry per version");
}

#[test]
fn a_writer_killed_at_random_points_loses_nothing_acknowledged() {
    if std::env::var_os("COGOV_STORE_CHILD").is_some() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("crash.db");
    let mut acked: Vec<(String, String)> = Vec::new();
    // A small portable generator for the kill delays (seeded: a failure replays).
    let mut state: u64 = 0x5eed_c0ff_ee00_0001;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let kills = 200;
    for round in 0..kills {
        let mut child = spawn_child(&db, "crash-coop", None);
        let stdout = child.stdout.take().expect("stdout");
        let reader = std::thread::spawn(move || acks(stdout));
        std::thread::sleep(Duration::from_millis(5 + next() % 60));
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        acked.extend(reader.join().expect("reader"));
        if round % 20 == 19 || round == kills - 1 {
            check(&db, "crash-coop", &acked);
        }
    }
    check(&db, "crash-coop", &acked);
    println!("{kills} SIGKILLs; {} commits acknowledged, all present and whole", acked.len());
    assert!(acked.len() > 50, "the writers got work done between kills: {} commits acknowledged", acked.len());
}

#[test]
fn two_writers_at_once_never_see_database_is_locked() {
    if std::env::var_os("COGOV_STORE_CHILD").is_some() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("busy.db");
    Store::open(&db).expect("create");
    let children: Vec<Child> = ["coop-a", "coop-b"].iter().map(|i| spawn_child(&db, i, Some(40))).collect();
    for (child, instance) in children.into_iter().zip(["coop-a", "coop-b"]) {
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{instance} failed: {stderr}");
        assert!(!stderr.contains("locked"), "{stderr}");
        let acked = acks(out.stdout.as_slice());
        assert_eq!(acked.len(), 40, "{instance} acknowledged every commit");
        check(&db, instance, &acked);
    }
}
