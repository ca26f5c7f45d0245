//! Signed bundles: deterministic bytes, a signature the stock `minisign` accepts, every
//! tampered file named, and hostile archives refused with their own codes.
//!
//! `schemas/bundle-manifest.schema.json` is generated from the manifest's type; run with
//! `COGOV_BLESS=1` to rewrite it.

use cogov_engine::bundle::{self, BundleFile, Limits, Producers, archive, sign};
use cogov_model::{ErrorCode, Gco};
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

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

fn keypair() -> minisign::KeyPair {
    minisign::KeyPair::generate_unencrypted_keypair().expect("keypair")
}

fn bundle_of(gco: &Gco, key: &minisign::SecretKey) -> bundle::Built {
    let files = bundle::design_files(gco, None, None).expect("no blocking findings");
    bundle::build(files, &bundle::facts(gco, Some(7), producers()), key).expect("builds")
}

/// The archive's entries, rewritten with one of them changed by `f`.
fn rewrite(bytes: &[u8], f: impl Fn(&mut Vec<BundleFile>)) -> Vec<u8> {
    let mut entries = archive::read(bytes, &Limits::default()).expect("reads");
    f(&mut entries);
    archive::write(&entries).expect("writes")
}

#[test]
fn a_bundle_holds_the_design_its_compiled_files_and_scores_and_verifies() {
    let kp = keypair();
    let built = bundle_of(&example("token-dao"), &kp.sk);
    let v = bundle::verify(&built.bytes, &kp.pk).expect("verifies");
    assert_eq!(v.manifest, built.manifest);
    assert_eq!(v.sha256, built.sha256);
    let paths: Vec<&str> = v.files.iter().map(|f| f.path.as_str()).collect();
    for want in
        ["gco.json", "compiled/policies.cedar", "compiled/cedar.schema.json", "compiled/manifest.json", "risk.json"]
    {
        assert!(paths.contains(&want), "{want} missing from {paths:?}");
    }
    assert_eq!(v.manifest.build_id, Some(7));
    assert_eq!(v.manifest.instance, "lumina-dao");
    let comment = sign::trusted_comment(&v.signature).expect("trusted comment");
    assert_eq!(comment, bundle::trusted_comment(&v.manifest));
}

#[test]
fn rebuilding_the_same_design_gives_the_same_bytes_and_fixed_headers() {
    let kp = keypair();
    let gco = example("worker-coop");
    let a = bundle_of(&gco, &kp.sk);
    let b = bundle_of(&gco, &kp.sk);
    assert_eq!(a.bytes, b.bytes, "two builds of one design differ");
    // The gzip header: no name, mtime 0, OS unknown (255).
    assert_eq!(&a.bytes[..10], &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
    let tar = flate2::read::GzDecoder::new(a.bytes.as_slice());
    let mut archive = tar::Archive::new(tar);
    let mut paths = Vec::new();
    for e in archive.entries().expect("entries") {
        let e = e.expect("entry");
        let h = e.header();
        assert_eq!(
            (h.mode().ok(), h.uid().ok(), h.gid().ok(), h.mtime().ok()),
            (Some(0o644), Some(0), Some(0), Some(0))
        );
        assert_eq!(h.username().ok().flatten(), Some(""));
        paths.push(String::from_utf8_lossy(&e.path_bytes()).into_owned());
    }
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "entries are sorted by path");
}

#[test]
fn flipping_one_byte_of_any_file_makes_verify_name_that_file() {
    let kp = keypair();
    let built = bundle_of(&example("token-dao"), &kp.sk);
    let entries = archive::read(&built.bytes, &Limits::default()).expect("reads");
    assert!(entries.len() >= 14, "{} entries", entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let tampered = rewrite(&built.bytes, |es| {
            let b = &mut es[i].bytes;
            let mid = b.len() / 2;
            b[mid] ^= 0x01;
        });
        let err = bundle::verify(&tampered, &kp.pk).expect_err(&format!("tampered {} verified", entry.path));
        let shown = err.to_string();
        assert!(shown.contains(&entry.path), "{}: the error does not name it: {shown}", entry.path);
        match entry.path.as_str() {
            bundle::MANIFEST | bundle::SIGNATURE => {
                assert_eq!(err.code, ErrorCode::BundleSignatureInvalid, "{shown}")
            }
            path => {
                assert_eq!(err.code, ErrorCode::BundleHashMismatch, "{shown}");
                assert_eq!(err.entry.as_deref(), Some(path));
            }
        }
    }
}

#[test]
fn every_byte_of_the_signature_and_the_manifest_is_covered() {
    // minisign leaves a signature's first line unsigned; a bundle still refuses any change.
    let kp = keypair();
    let built = bundle_of(&example("worker-coop"), &kp.sk);
    let entries = archive::read(&built.bytes, &Limits::default()).expect("reads");
    // Every byte of the signature; every 5th of the manifest (the signature covers it whole).
    for (name, step) in [(bundle::SIGNATURE, 1), (bundle::MANIFEST, 5)] {
        let i = entries.iter().position(|e| e.path == name).expect("present");
        for at in (0..entries[i].bytes.len()).step_by(step) {
            let mut changed = entries.clone();
            changed[i].bytes[at] ^= 0x01;
            let bytes = archive::write(&changed).expect("writes");
            let err = bundle::verify(&bytes, &kp.pk).expect_err(&format!("{name} with byte {at} flipped verified"));
            assert_eq!(err.code, ErrorCode::BundleSignatureInvalid, "{name} byte {at}: {err}");
            assert!(err.to_string().contains(name), "{name} byte {at}: {err}");
        }
    }
}

#[test]
fn another_key_or_a_missing_signature_is_refused() {
    let (kp, other) = (keypair(), keypair());
    let built = bundle_of(&example("worker-coop"), &kp.sk);
    let err = bundle::verify(&built.bytes, &other.pk).expect_err("wrong key");
    assert_eq!(err.code, ErrorCode::BundleSignatureInvalid);
    let unsigned = rewrite(&built.bytes, |es| es.retain(|f| f.path != bundle::SIGNATURE));
    assert_eq!(bundle::verify(&unsigned, &kp.pk).expect_err("unsigned").code, ErrorCode::BundleSignatureMissing);
    let no_manifest = rewrite(&built.bytes, |es| es.retain(|f| f.path != bundle::MANIFEST));
    assert_eq!(bundle::verify(&no_manifest, &kp.pk).expect_err("no manifest").code, ErrorCode::BundleManifestInvalid);
}

#[test]
fn a_manifest_must_list_exactly_the_files_present() {
    let kp = keypair();
    let gco = example("worker-coop");
    let built = bundle_of(&gco, &kp.sk);
    // An extra file the signed manifest does not list.
    let extra = rewrite(&built.bytes, |es| es.push(BundleFile::new("extra.txt", "smuggled")));
    let err = bundle::verify(&extra, &kp.pk).expect_err("extra file");
    assert_eq!((err.code, err.entry.as_deref()), (ErrorCode::BundleManifestMismatch, Some("extra.txt")));
    // A listed file taken out.
    let missing = rewrite(&built.bytes, |es| es.retain(|f| f.path != "risk.json"));
    let err = bundle::verify(&missing, &kp.pk).expect_err("missing file");
    assert_eq!((err.code, err.entry.as_deref()), (ErrorCode::BundleManifestMismatch, Some("risk.json")));
}

#[test]
fn the_builder_refuses_unsafe_or_reserved_paths() {
    let kp = keypair();
    let facts = bundle::facts(&example("worker-coop"), None, producers());
    for bad in ["../x", "/etc/passwd", "a//b", "./a", "manifest.json", ""] {
        let err = bundle::build(vec![BundleFile::new(bad, "x")], &facts, &kp.sk).expect_err(bad);
        assert_eq!(err.code, ErrorCode::BundleFileName, "{bad}");
    }
    let file_and_dir = vec![BundleFile::new("a", "1"), BundleFile::new("a/b", "2")];
    assert_eq!(bundle::build(file_and_dir, &facts, &kp.sk).expect_err("a and a/b").code, ErrorCode::BundleFileName);
    let twice = vec![BundleFile::new("a", "1"), BundleFile::new("a", "2")];
    assert_eq!(bundle::build(twice, &facts, &kp.sk).expect_err("twice").code, ErrorCode::BundleFileName);
}

#[test]
fn a_design_with_blocking_findings_is_not_bundled() {
    let mut gco = example("worker-coop");
    gco.roles.clear();
    let err = bundle::design_files(&gco, None, None).expect_err("blocked");
    assert_eq!(err.code, ErrorCode::ValidationBlocked);
}

// ---- hostile archives, built by hand with the tar crate ----

/// A raw tar header for `path` (written into the name field as is, so `..` and absolute paths
/// get through), of `kind`, with `data`.
#[test]
fn only_the_exact_archive_the_builder_writes_verifies() {
    let kp = keypair();
    let built = bundle_of(&example("worker-coop"), &kp.sk);
    let not_canonical = |bytes: &[u8], what: &str| {
        let e = bundle::verify(bytes, &kp.pk).expect_err(what);
        assert_eq!(e.code, ErrorCode::BundleNotCanonical, "{what}: {e:?}");
        assert_ne!(bytes, built.bytes.as_slice());
    };
    // Trailing bytes after the gzip stream.
    let mut trailing = built.bytes.clone();
    trailing.extend_from_slice(b"\0\0\0\0 appended");
    not_canonical(&trailing, "trailing data");
    // A second gzip member (some readers concatenate members, others stop at the first).
    let mut two = built.bytes.clone();
    two.extend_from_slice(&gz(b"second member"));
    not_canonical(&two, "a second gzip member");
    // The same entries re-packed: other compression, other headers, other modes, setuid.
    let entries = archive::read(&built.bytes, &Limits::default()).expect("reads");
    let repack = |header: &dyn Fn(&mut tar::Header), level: u32| {
        let mut b = tar::Builder::new(Vec::new());
        for f in &entries {
            let mut h = tar::Header::new_ustar();
            h.set_entry_type(tar::EntryType::Regular);
            h.set_size(f.bytes.len() as u64);
            h.set_mode(0o644);
            h.set_uid(0);
            h.set_gid(0);
            h.set_mtime(0);
            header(&mut h);
            b.append_data(&mut h, &f.path, f.bytes.as_slice()).expect("append");
        }
        let mut e =
            flate2::GzBuilder::new().mtime(0).operating_system(255).write(Vec::new(), flate2::Compression::new(level));
        e.write_all(&b.into_inner().expect("tar")).expect("gzip");
        e.finish().expect("gzip")
    };
    not_canonical(&repack(&|_| {}, 1), "re-compressed at another level");
    not_canonical(&repack(&|h| h.set_mtime(1_700_000_000), 9), "another mtime");
    not_canonical(&repack(&|h| h.set_mode(0o4755), 9), "a setuid bit");
    // The canonical re-pack is the original, byte for byte.
    assert_eq!(repack(&|h| h.set_cksum(), 9), built.bytes, "the builder's own form verifies");
    bundle::verify(&built.bytes, &kp.pk).expect("the original verifies");
}

fn raw_entry(builder: &mut tar::Builder<Vec<u8>>, path: &str, kind: tar::EntryType, data: &[u8], link: Option<&str>) {
    let mut h = tar::Header::new_gnu();
    let name = &mut h.as_old_mut().name;
    name[..path.len()].copy_from_slice(path.as_bytes());
    h.set_entry_type(kind);
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    if let Some(l) = link {
        h.set_link_name(l).expect("link name");
    }
    h.set_cksum();
    builder.append(&h, data).expect("append");
}

fn gz(tar_bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(tar_bytes).expect("gzip");
    e.finish().expect("gzip")
}

fn hostile(entries: &[(&str, tar::EntryType, &[u8], Option<&str>)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (path, kind, data, link) in entries {
        raw_entry(&mut b, path, *kind, data, *link);
    }
    gz(&b.into_inner().expect("tar"))
}

fn refused(bytes: &[u8], limits: &Limits) -> (ErrorCode, Option<String>) {
    let kp = keypair();
    let read = archive::read(bytes, limits).expect_err("a hostile archive was read");
    // verify refuses for the same reason, before looking at any signature.
    let verify = bundle::verify_with(bytes, &kp.pk, limits).expect_err("a hostile archive verified");
    assert_eq!(read, verify);
    (read.code, read.entry)
}

#[test]
fn hostile_archives_are_refused_each_with_its_own_code() {
    use tar::EntryType::{Block, Char, Fifo, Link, Regular, Symlink};
    let d = Limits::default();
    let cases: Vec<(&str, Vec<u8>, ErrorCode)> = vec![
        ("parent", hostile(&[("../evil", Regular, b"x", None)]), ErrorCode::BundleParentPath),
        ("nested parent", hostile(&[("a/../../evil", Regular, b"x", None)]), ErrorCode::BundleParentPath),
        ("absolute", hostile(&[("/etc/evil", Regular, b"x", None)]), ErrorCode::BundleAbsolutePath),
        ("symlink", hostile(&[("link", Symlink, b"", Some("/etc/passwd"))]), ErrorCode::BundleSpecialEntry),
        ("hard link", hostile(&[("hard", Link, b"", Some("gco.json"))]), ErrorCode::BundleSpecialEntry),
        ("char device", hostile(&[("dev", Char, b"", None)]), ErrorCode::BundleSpecialEntry),
        ("block device", hostile(&[("blk", Block, b"", None)]), ErrorCode::BundleSpecialEntry),
        ("fifo", hostile(&[("fifo", Fifo, b"", None)]), ErrorCode::BundleSpecialEntry),
        (
            "duplicate",
            hostile(&[("gco.json", Regular, b"{}", None), ("gco.json", Regular, b"[]", None)]),
            ErrorCode::BundleDuplicateEntry,
        ),
        ("not gzip", b"PK\x03\x04 not a tarball".to_vec(), ErrorCode::BundleUnreadable),
    ];
    let mut codes = std::collections::BTreeSet::new();
    for (what, bytes, want) in cases {
        let (code, _) = refused(&bytes, &d);
        assert_eq!(code, want, "{what}");
        codes.insert(code.as_str());
    }
    assert_eq!(codes.len(), 5, "{codes:?}");
}

#[test]
fn too_many_entries_are_refused() {
    let names: Vec<String> = (0..6).map(|i| format!("f{i}")).collect();
    let entries: Vec<_> = names.iter().map(|n| (n.as_str(), tar::EntryType::Regular, b"x".as_slice(), None)).collect();
    let limits = Limits { max_entries: 5, ..Limits::default() };
    assert_eq!(refused(&hostile(&entries), &limits), (ErrorCode::BundleTooManyEntries, Some("f5".into())));
}

#[test]
fn a_gzip_bomb_is_refused_before_it_is_inflated() {
    // 65 MiB of zeros: about 65 KiB compressed, one byte over the 64 MiB entry limit.
    let size = Limits::default().max_entry_bytes as usize + (1 << 20);
    let zeros = vec![0u8; size];
    let bomb = hostile(&[("bomb", tar::EntryType::Regular, &zeros, None)]);
    assert!(bomb.len() < 1 << 20, "the bomb is small: {} bytes", bomb.len());
    assert_eq!(refused(&bomb, &Limits::default()), (ErrorCode::BundleTooLarge, Some("bomb".into())));
    // Entries under the per-entry limit that together exceed the total.
    let limits = Limits { max_entry_bytes: 1 << 20, max_total_bytes: 2 << 20, ..Limits::default() };
    let mib = vec![0u8; 1 << 20];
    let many = hostile(&[
        ("a", tar::EntryType::Regular, &mib, None),
        ("b", tar::EntryType::Regular, &mib, None),
        ("c", tar::EntryType::Regular, &mib, None),
    ]);
    assert_eq!(refused(&many, &limits), (ErrorCode::BundleTooLarge, Some("c".into())));
}

// ---- the signature, checked by the stock minisign ----

#[test]
fn the_stock_minisign_verifies_the_manifest_of_every_example() {
    let Ok(out) = Command::new("minisign").arg("-v").output() else {
        panic!("the `minisign` command is missing: scripts/test.sh installs it (Debian package minisign)")
    };
    assert!(String::from_utf8_lossy(&out.stdout).contains("minisign"), "minisign -v: {out:?}");
    let kp = keypair();
    let dir = tempfile::tempdir().expect("tempdir");
    let pubkey = dir.path().join("key.pub");
    std::fs::write(&pubkey, kp.pk.to_box().expect("box").to_string()).expect("write");
    let run = |manifest: &std::path::Path| {
        Command::new("minisign").arg("-Vm").arg(manifest).arg("-p").arg(&pubkey).output().expect("run minisign")
    };
    let mut names: Vec<String> = std::fs::read_dir(root().join("examples"))
        .expect("examples")
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".json").map(str::to_owned))
        .collect();
    names.sort();
    assert!(names.len() >= 7, "{names:?}");
    // Every example: its bundle holds the eight documents, and the stock tool verifies it.
    for name in &names {
        let built = bundle_of(&example(name), &kp.sk);
        let v = bundle::verify(&built.bytes, &kp.pk).expect("verifies");
        let docs = v.manifest.files.iter().filter(|f| f.path.starts_with("documents/") && f.path.ends_with(".md"));
        assert_eq!(docs.count(), 8, "{name}: eight documents");
        let (m, sig) = (dir.path().join("manifest.json"), dir.path().join("manifest.json.minisig"));
        std::fs::write(&m, &v.manifest_bytes).expect("write");
        std::fs::write(&sig, &v.signature).expect("write");
        let ok = run(&m);
        assert!(ok.status.success(), "{name}: minisign -V refused: {}", String::from_utf8_lossy(&ok.stderr));
        let said = String::from_utf8_lossy(&ok.stdout);
        assert!(said.contains(&bundle::trusted_comment(&v.manifest)), "{said}");
        // And it refuses a manifest changed by one byte.
        let mut changed = v.manifest_bytes.clone();
        changed[10] ^= 0x01;
        std::fs::write(&m, &changed).expect("write");
        assert!(!run(&m).status.success(), "{name}: minisign accepted a changed manifest");
    }
}

// ---- the manifest's schema ----

#[test]
fn committed_manifest_schema_matches_the_types_and_accepts_a_manifest() {
    let path = root().join("schemas/bundle-manifest.schema.json");
    let schema = bundle::manifest_schema();
    let generated = format!("{}\n", serde_json::to_string_pretty(&schema).expect("schema serialises"));
    if std::env::var_os("COGOV_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write schema");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/bundle-manifest.schema.json is stale: run `COGOV_BLESS=1 cargo test -p cogov-engine --test bundle`"
    );
    let kp = keypair();
    let built = bundle_of(&example("worker-coop"), &kp.sk);
    let validator = jsonschema::draft202012::new(&schema).expect("valid schema");
    let value = serde_json::from_slice(&built.manifest.to_bytes()).expect("json");
    assert!(validator.is_valid(&value));
    let mut extra = value.clone();
    extra["unexpected"] = serde_json::json!(1);
    assert!(!validator.is_valid(&extra), "the schema refuses unknown fields");
}

// ---- properties of the archive layer ----

mod properties {
    use cogov_engine::bundle::{BundleFile, Limits, archive};
    use proptest::prelude::*;

    fn safe_path() -> impl Strategy<Value = String> {
        proptest::collection::vec("[a-z0-9_-]{1,12}(\\.[a-z]{1,4})?", 1..4).prop_map(|parts| parts.join("/"))
    }

    fn files() -> impl Strategy<Value = Vec<BundleFile>> {
        proptest::collection::btree_map(safe_path(), proptest::collection::vec(any::<u8>(), 0..512), 0..12)
            .prop_map(|m| m.into_iter().map(|(p, b)| BundleFile::new(p, b)).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        /// Any set of files reads back exactly, sorted, and the bytes do not depend on the
        /// order the files were given in.
        #[test]
        fn write_then_read_round_trips_whatever_the_order(fs in files()) {
            let bytes = archive::write(&fs).expect("writes");
            let mut reversed = fs.clone();
            reversed.reverse();
            prop_assert_eq!(&archive::write(&reversed).expect("writes"), &bytes);
            let back = archive::read(&bytes, &Limits::default()).expect("reads");
            let mut sorted = fs.clone();
            sorted.sort_by(|a, b| a.path.cmp(&b.path));
            prop_assert_eq!(back, sorted);
        }

        /// Arbitrary bytes, raw or gzip-wrapped, are refused or read: never a panic.
        #[test]
        fn arbitrary_bytes_never_panic(raw in proptest::collection::vec(any::<u8>(), 0..4096)) {
            let _ = archive::read(&raw, &Limits::default());
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            std::io::Write::write_all(&mut gz, &raw).expect("gzip");
            let _ = archive::read(&gz.finish().expect("gzip"), &Limits::default());
        }
    }
}
