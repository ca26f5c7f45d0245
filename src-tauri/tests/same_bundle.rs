//! One stored version bundled through both faces: `cogov bundle NAME@VERSION` and the studio's
//! Export (the editor holding that version's text) give the same bytes, both carry the
//! version's latest simulation and passed build, and both keep the bundle in the store.

use cogov_studio::export::{BundleFiles, ExportState, build_bundle};
use cogov_studio::handles::{HandleTable, Kind, Purpose};
use cogov_studio::store::StoreState;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Runs the command line in this process, as `cogov ARGS` runs it.
fn cogov(args: &[&str]) {
    let code = cogov::run(std::iter::once("cogov").chain(args.iter().copied()));
    assert_eq!(format!("{code:?}"), format!("{:?}", ExitCode::SUCCESS), "cogov {}", args.join(" "));
}

/// The bytes of one entry of a bundle, if it holds it.
fn entry(bundle: &[u8], path: &str) -> Option<Vec<u8>> {
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(bundle));
    for e in archive.entries().expect("entries") {
        let mut e = e.expect("entry");
        if e.path_bytes().as_ref() == path.as_bytes() {
            let mut b = Vec::new();
            e.read_to_end(&mut b).expect("read");
            return Some(b);
        }
    }
    None
}

/// Copies the database and the files kept beside it (audit head, events) to `to`.
fn copy_db(from: &Path, to: &Path) {
    let dir = from.parent().expect("folder");
    let name = from.file_name().and_then(|n| n.to_str()).expect("name");
    for e in std::fs::read_dir(dir).expect("list") {
        let e = e.expect("entry");
        let n = e.file_name().into_string().expect("utf-8");
        if let Some(rest) = n.strip_prefix(name) {
            std::fs::copy(
                e.path(),
                to.with_file_name(format!("{}{rest}", to.file_name().and_then(|n| n.to_str()).expect("name"))),
            )
            .expect("copy");
        }
    }
}

#[test]
fn a_stored_version_bundles_to_the_same_bytes_through_both_faces() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (dir, root) = (tmp.path(), root());
    let db = dir.join("cli").join("cogov.db");
    std::fs::create_dir_all(db.parent().expect("folder")).expect("mkdir");
    let pw = dir.join("password");
    std::fs::write(&pw, "correct horse\n").expect("write");
    let keys = dir.join("keys");
    let design = root.join("examples/worker-coop.json");
    let scenario = root.join("examples/scenarios/participation-contraction.json");
    let text = std::fs::read_to_string(&design).expect("example");
    let gco: serde_json::Value = serde_json::from_str(&text).expect("json");
    let (name, version) =
        (gco["identity"]["name"].as_str().expect("name"), gco["identity"]["version"].as_str().expect("v"));
    let spec = format!("{name}@{version}");
    let common = ["--db", s(&db)];

    cogov(&["keygen", "--out", s(&keys), "--password-file", s(&pw)]);
    cogov(&[&["commit", s(&design), "-m", "adopted", "--author", "ada"][..], &common].concat());
    cogov(&[&["build", &spec, "--author", "ada"][..], &common].concat());
    cogov(&[&["simulate", s(&design), s(&scenario), "--runs", "20", "--seed", "7", "--save"][..], &common].concat());
    // The studio works on a copy of the same store, so that each face's record is its own.
    let studio_db = dir.join("studio").join("cogov.db");
    std::fs::create_dir_all(studio_db.parent().expect("folder")).expect("mkdir");
    copy_db(&db, &studio_db);

    let cli_out = dir.join("cli.tar.gz");
    let sk = keys.join("cogov.key");
    cogov(
        &[
            &["bundle", &spec, "--key", s(&sk), "--out", s(&cli_out), "--password-file", s(&pw), "--author", "ada"][..],
            &common,
        ]
        .concat(),
    );

    let state = StoreState::open_at(&studio_db).expect("studio store");
    let handles = HandleTable::default();
    let studio_out = dir.join("studio.tar.gz");
    let key = handles.mint(sk.clone(), Kind::OpenFile, Purpose::SecretKey).expect("key handle");
    let out = handles.mint(studio_out.clone(), Kind::SaveFile, Purpose::Bundle).expect("out handle");
    let files = BundleFiles { secret_key: &key.handle, out: &out.handle };
    let view = build_bundle(&state, &ExportState::default(), &handles, &text, None, files, "correct horse")
        .expect("the studio bundles the stored version");

    let (a, b) = (std::fs::read(&cli_out).expect("cli bundle"), std::fs::read(&studio_out).expect("studio bundle"));
    assert!(a == b, "the two faces wrote different bundles of {spec}");
    assert_eq!(view.size, a.len() as u64);
    // What makes it the stored version's bundle: its latest simulation and its passed build.
    let manifest: serde_json::Value =
        serde_json::from_slice(&entry(&a, "manifest.json").expect("manifest")).expect("manifest json");
    assert!(manifest["build_id"].as_i64().is_some(), "the build id is in the manifest: {manifest}");
    let sim: serde_json::Value =
        serde_json::from_slice(&entry(&a, "simulation.json").expect("the latest simulation is bundled")).expect("json");
    assert_eq!(sim["seed"], 7);
    // Both faces kept it, each in its store, under the same hash.
    for db in [&db, &studio_db] {
        let store = cogov_app::Store::open(db).expect("open");
        let kept = store.bundles(name).expect("bundles");
        assert_eq!(kept.len(), 1, "{}", db.display());
        assert_eq!(kept[0].sha256, view.sha256);
        assert_eq!(kept[0].version, version);
    }
}
