//! Every command that reads or writes a file, called as a script in the page could call it:
//! with a forged path string, an unknown handle and a handle chosen for another use. Each is
//! refused with its GOV-H code before anything is opened, and the files on disk are
//! byte-for-byte what they were. The same calls with the right handles succeed first, so the
//! refusals are the handle check's and not a missing file's.

use crate::commands::{read_design_with, recent_files_with, write_design_with, write_export_with};
use crate::deployments::{deploy_bundle_with, deploy_rollback_with, deploy_status_with};
use crate::error::CommandError;
use crate::export::{
    BundleFiles, ExportState, build_bundle, export_key_info_with, export_keygen_with, export_verify_with,
};
use crate::handles::{HandleTable, Kind, Purpose};
use crate::store::StoreState;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file and folder under `root` with its bytes (folders map to `None`).
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("list").map(|e| e.expect("entry").path()) {
            if e.is_dir() {
                out.insert(e.clone(), None);
                stack.push(e);
            } else {
                out.insert(e.clone(), Some(std::fs::read(&e).expect("read")));
            }
        }
    }
    out
}

const FORGED_UNKNOWN: &str = "h_0123456789abcdef0123456789abcdef";

fn code<T: std::fmt::Debug>(r: Result<T, CommandError>) -> String {
    r.expect_err("the call must be refused").code.to_string()
}

#[test]
fn every_file_command_refuses_forged_paths_unknown_and_wrong_handles_and_touches_nothing() {
    let root = std::env::temp_dir().join(format!("cogov-forged-{}", std::process::id()));
    std::fs::remove_dir_all(&root).ok();
    let files = root.join("files");
    std::fs::create_dir_all(&files).expect("mkdir");
    let design = files.join("design.json");
    std::fs::write(&design, crate::examples::text("token-dao").expect("example")).expect("write");
    let text = std::fs::read_to_string(&design).expect("read");
    let t = HandleTable::default();
    let state = StoreState::open_at(&root.join("store.db")).expect("store");
    let progress = ExportState::default();
    let no_home = || -> Result<PathBuf, CommandError> { panic!("the default key home must not be asked for") };

    // The right handles work: a design read and written, a key made, a bundle built, verified
    // and deployed, the target's status read.
    let recent = root.join("recent.json");
    let open = t.mint(design.clone(), Kind::OpenFile, Purpose::Design).expect("mint");
    assert_eq!(read_design_with(&t, &recent, &open.handle).expect("read"), text);
    write_design_with(&t, &recent, &open.handle, &text).expect("write back");
    assert_eq!(recent_files_with(&t, &recent).expect("recent")[0].path, design.display().to_string());
    let export = t.mint(files.join("graph.svg"), Kind::SaveFile, Purpose::Export).expect("mint");
    write_export_with(&t, &export.handle, "PHN2Zy8+").expect("export");
    let home = t.mint(root.join("keys"), Kind::Directory, Purpose::KeyHome).expect("mint");
    std::fs::create_dir_all(root.join("keys")).expect("mkdir");
    let key = export_keygen_with(&t, "pw", Some(home.handle.as_str()), no_home).expect("keygen");
    assert!(key.secret_key.starts_with(&root.join("keys").display().to_string()), "{}", key.secret_key);
    assert_eq!(export_key_info_with(&t, &key.secret_handle).expect("key info").key_id, key.key_id);
    let out = t.mint(files.join("b.tar.gz"), Kind::SaveFile, Purpose::Bundle).expect("mint");
    let good = BundleFiles { secret_key: &key.secret_handle, out: &out.handle };
    let bundle = build_bundle(&state, &progress, &t, &text, None, good, "pw").expect("bundle");
    assert_eq!(bundle.handle, out.handle);
    assert!(export_verify_with(&t, &bundle.handle, &key.public_handle).expect("verify").verified);
    let target = t.mint(root.join("target"), Kind::Directory, Purpose::DeployTarget).expect("mint");
    let deployed = deploy_bundle_with(&state, &t, &bundle.handle, &key.public_handle, &target.handle).expect("deploy");
    assert_eq!(deployed.history.len(), 1);
    assert!(deploy_status_with(&t, &target.handle, Some(key.public_handle.as_str())).expect("status").drift.is_empty());

    // Handles of the wrong kind or purpose for each use, all naming real files and folders.
    let design_as_export = t.mint(design.clone(), Kind::SaveFile, Purpose::Export).expect("mint");
    let bundle_as_design = t.mint(files.join("b.tar.gz"), Kind::OpenFile, Purpose::Design).expect("mint");
    let (pk, sk) = (key.public_handle.as_str(), key.secret_handle.as_str());
    let (dir, target_h) = (home.handle.as_str(), target.handle.as_str());
    let path = |p: &Path| p.display().to_string();
    let (design_p, bundle_p, target_p) = (path(&design), path(&files.join("b.tar.gz")), path(&root.join("target")));
    let (pk_p, sk_p) = (key.public_key.clone(), key.secret_key.clone());
    let evil = |name: &str| path(&root.join(name));
    let refused_recent = root.join("recent-refused.json");

    let before = snapshot(&root);
    let cases: Vec<(&str, &str, Result<(), CommandError>)> = vec![
        // read_design
        ("read_design forged", "GOV-H003", read_design_with(&t, &refused_recent, &design_p).map(drop)),
        ("read_design unknown", "GOV-H001", read_design_with(&t, &refused_recent, FORGED_UNKNOWN).map(drop)),
        ("read_design a folder", "GOV-H002", read_design_with(&t, &refused_recent, dir).map(drop)),
        (
            "read_design an export",
            "GOV-H002",
            read_design_with(&t, &refused_recent, &design_as_export.handle).map(drop),
        ),
        // write_design
        ("write_design forged", "GOV-H003", write_design_with(&t, &refused_recent, &evil("evil.json"), "{}")),
        ("write_design unknown", "GOV-H001", write_design_with(&t, &refused_recent, FORGED_UNKNOWN, "{}")),
        ("write_design a bundle", "GOV-H002", write_design_with(&t, &refused_recent, &out.handle, "{}")),
        ("write_design a key", "GOV-H002", write_design_with(&t, &refused_recent, sk, "{}")),
        // write_export
        ("write_export forged", "GOV-H003", write_export_with(&t, &design_p, "PHN2Zy8+")),
        ("write_export unknown", "GOV-H001", write_export_with(&t, FORGED_UNKNOWN, "PHN2Zy8+")),
        ("write_export a design", "GOV-H002", write_export_with(&t, &open.handle, "PHN2Zy8+")),
        // export_keygen
        (
            "keygen forged",
            "GOV-H003",
            export_keygen_with(&t, "pw", Some(evil("evil-keys").as_str()), no_home).map(drop),
        ),
        ("keygen unknown", "GOV-H001", export_keygen_with(&t, "pw", Some(FORGED_UNKNOWN), no_home).map(drop)),
        ("keygen in a target", "GOV-H002", export_keygen_with(&t, "pw", Some(target_h), no_home).map(drop)),
        ("keygen in a file", "GOV-H002", export_keygen_with(&t, "pw", Some(open.handle.as_str()), no_home).map(drop)),
        // export_key_info
        ("key_info forged", "GOV-H003", export_key_info_with(&t, &sk_p).map(drop)),
        ("key_info unknown", "GOV-H001", export_key_info_with(&t, FORGED_UNKNOWN).map(drop)),
        ("key_info a public key", "GOV-H002", export_key_info_with(&t, pk).map(drop)),
        // export_bundle
        ("bundle out forged", "GOV-H003", {
            let f = BundleFiles { secret_key: sk, out: &evil("evil.tar.gz") };
            build_bundle(&state, &progress, &t, &text, None, f, "pw").map(drop)
        }),
        ("bundle out unknown", "GOV-H001", {
            let f = BundleFiles { secret_key: sk, out: FORGED_UNKNOWN };
            build_bundle(&state, &progress, &t, &text, None, f, "pw").map(drop)
        }),
        ("bundle out an opened design", "GOV-H002", {
            let f = BundleFiles { secret_key: sk, out: &open.handle };
            build_bundle(&state, &progress, &t, &text, None, f, "pw").map(drop)
        }),
        ("bundle key forged", "GOV-H003", {
            let f = BundleFiles { secret_key: &sk_p, out: &out.handle };
            build_bundle(&state, &progress, &t, &text, None, f, "pw").map(drop)
        }),
        ("bundle key a public key", "GOV-H002", {
            let f = BundleFiles { secret_key: pk, out: &out.handle };
            build_bundle(&state, &progress, &t, &text, None, f, "pw").map(drop)
        }),
        // export_verify
        ("verify forged bundle", "GOV-H003", export_verify_with(&t, &bundle_p, pk).map(drop)),
        ("verify unknown bundle", "GOV-H001", export_verify_with(&t, FORGED_UNKNOWN, pk).map(drop)),
        ("verify a design as bundle", "GOV-H002", export_verify_with(&t, &bundle_as_design.handle, pk).map(drop)),
        ("verify forged key", "GOV-H003", export_verify_with(&t, &out.handle, &pk_p).map(drop)),
        ("verify with a secret key", "GOV-H002", export_verify_with(&t, &out.handle, sk).map(drop)),
        // deploy_bundle
        (
            "deploy forged target",
            "GOV-H003",
            deploy_bundle_with(&state, &t, &out.handle, pk, &evil("evil-target")).map(drop),
        ),
        (
            "deploy unknown target",
            "GOV-H001",
            deploy_bundle_with(&state, &t, &out.handle, pk, FORGED_UNKNOWN).map(drop),
        ),
        ("deploy to a key home", "GOV-H002", deploy_bundle_with(&state, &t, &out.handle, pk, dir).map(drop)),
        ("deploy forged bundle", "GOV-H003", deploy_bundle_with(&state, &t, &bundle_p, pk, target_h).map(drop)),
        (
            "deploy a design",
            "GOV-H002",
            deploy_bundle_with(&state, &t, &bundle_as_design.handle, pk, target_h).map(drop),
        ),
        ("deploy forged key", "GOV-H003", deploy_bundle_with(&state, &t, &out.handle, &pk_p, target_h).map(drop)),
        // deploy_rollback
        ("rollback forged", "GOV-H003", deploy_rollback_with(&state, &t, &target_p).map(drop)),
        ("rollback unknown", "GOV-H001", deploy_rollback_with(&state, &t, FORGED_UNKNOWN).map(drop)),
        ("rollback a key home", "GOV-H002", deploy_rollback_with(&state, &t, dir).map(drop)),
        // deploy_status
        ("status forged", "GOV-H003", deploy_status_with(&t, &target_p, None).map(drop)),
        ("status unknown", "GOV-H001", deploy_status_with(&t, FORGED_UNKNOWN, None).map(drop)),
        ("status of a file", "GOV-H002", deploy_status_with(&t, &open.handle, None).map(drop)),
        ("status forged key", "GOV-H003", deploy_status_with(&t, target_h, Some(pk_p.as_str())).map(drop)),
    ];
    for (what, want, got) in cases {
        assert_eq!(code(got), want, "{what}");
    }
    assert!(snapshot(&root) == before, "a refused call changed the files under the test folder");
    assert!(!refused_recent.exists(), "a refused read or write touched the recent list");
    assert_eq!(deploy_status_with(&t, target_h, None).expect("status").history.len(), 1, "one deploy, no rollback");
    std::fs::remove_dir_all(&root).ok();
}
