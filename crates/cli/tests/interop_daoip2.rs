//! `cogov export daoip2` as a user runs it: the daoURI document of every example design expands
//! with the `jsonld` package (the DAOstar context served from the committed copy, no network) to
//! one DAO node with its name and a governanceURI naming the constitution written beside it;
//! broken documents fail the same check.

use std::path::PathBuf;
use std::process::Output;
use support::{cogov, ok, root, tools};

#[path = "support/interop.rs"]
#[allow(dead_code)]
mod support;

/// Runs daoip2-expand.mjs on `files`: the run, and the expanded documents it reports.
fn expand(files: &[PathBuf]) -> (Output, Vec<serde_json::Value>) {
    let o = support::node("daoip2-expand.mjs", &["jsonld"], files, &tools());
    let r = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)));
    (o, r)
}

#[test]
fn every_example_exports_a_dao_uri_that_expands_with_its_name_and_governance_document() {
    let t = tempfile::tempdir().expect("tmp");
    let mut designs: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    designs.sort();
    let mut docs = Vec::new();
    let mut names = Vec::new();
    for d in &designs {
        let stem = d.file_stem().expect("stem").to_string_lossy().into_owned();
        let out = t.path().join(&stem);
        // Exact: the constitution holds the whole design, so no --accept-inexact is needed.
        ok(&cogov(&["export", "daoip2", d.to_str().expect("utf8"), "--out", out.to_str().expect("utf8")]));
        let exactness: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("exactness.json")).expect("exactness")).expect("json");
        assert_eq!(exactness["exact"], true);
        let gco: serde_json::Value = serde_json::from_slice(&std::fs::read(d).expect("design")).expect("json");
        names.push(
            gco["identity"]["display_name"].as_str().or(gco["identity"]["name"].as_str()).expect("name").to_owned(),
        );
        docs.push(out.join("daoURI.json"));
    }
    let (o, r) = expand(&docs);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    for ((res, name), doc) in r.iter().zip(&names).zip(&docs) {
        assert_eq!(res["valid"], true, "{res}");
        assert_eq!(res["name"], name.as_str());
        let gov = res["governanceURI"].as_str().expect("governanceURI");
        assert!(gov.starts_with("file://") && gov.ends_with("/constitution.md"), "{gov}");
        assert!(doc.with_file_name("constitution.md").is_file());
    }
}

#[test]
fn broken_dao_uris_fail_the_expansion_check() {
    let t = tempfile::tempdir().expect("tmp");
    let cases = [
        (
            "no-name.json",
            r#"{"@context": "http://www.daostar.org/schemas", "type": "DAO", "governanceURI": "constitution.md"}"#,
        ),
        (
            "missing-doc.json",
            r#"{"@context": "http://www.daostar.org/schemas", "type": "DAO", "name": "X", "governanceURI": "nowhere.md"}"#,
        ),
        (
            "unknown-term.json",
            r#"{"@context": "http://www.daostar.org/schemas", "type": "DAO", "name": "X", "governance": "constitution.md"}"#,
        ),
        ("other-context.json", r#"{"@context": "https://example.org/ctx", "type": "DAO", "name": "X"}"#),
    ];
    let mut files = Vec::new();
    for (name, text) in cases {
        let p = t.path().join(name);
        std::fs::write(&p, text).expect("write");
        files.push(p);
    }
    let (o, r) = expand(&files);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(r.len(), cases.len());
    assert!(r.iter().all(|x| x["valid"] == false), "{r:?}");
}
