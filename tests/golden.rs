//! Golden tests over the shipped examples and the broken fixtures, through the engine and
//! through the real `cogov` binary.
//!
//! Each broken fixture's findings are an `insta` snapshot under `tests/snapshots/`; the codes
//! each fixture must trigger are listed, with the reason, in `tests/data/broken/README.md`.

use cogov_engine::{constitution, intake, validate};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cogov(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cogov")).args(args).current_dir(root()).output().expect("run cogov")
}

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .expect("directory exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

fn rel(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

#[test]
fn every_example_is_valid_through_the_engine_and_the_cli() {
    let examples = files("examples", "json");
    assert!(examples.len() >= 6, "expected the six archetype examples, found {}", examples.len());
    for p in &examples {
        let (_, doc) = intake::load(&rel(p), &std::fs::read(p).expect("read")).expect("example reads");
        let report = validate::report(&doc);
        let blocking: Vec<_> = report.findings.iter().filter(|f| f.is_blocking()).collect();
        assert!(blocking.is_empty(), "{} has blocking findings: {blocking:#?}", rel(p));
        let out = cogov(&["validate", "--format", "json", &rel(p)]);
        assert_eq!(out.status.code(), Some(0), "{}: {}", rel(p), String::from_utf8_lossy(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
        // Sorted: a dependency of the engine makes serde_json keep the printed key order.
        let mut keys: Vec<&str> = json.as_object().expect("object").keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["compliance_score", "findings", "fingerprint", "version"]);
        assert_eq!(json["fingerprint"], report.fingerprint);
    }
}

#[test]
fn every_example_round_trips_with_its_fingerprint() {
    // The shipped examples and the case library (its expectations file is not a design).
    let cases = files("examples/cases", "json").into_iter().filter(|p| !p.ends_with("expectations.json"));
    for p in files("examples", "json").into_iter().chain(cases) {
        let gco = intake::from_json_bytes(&std::fs::read(&p).expect("read")).expect("parse").gco.expect("typed");
        let fp = gco.fingerprint();
        // JSON -> canonical -> JSON.
        let canonical = gco.canonical_json();
        let again = intake::from_json_bytes(canonical.as_bytes()).expect("parse").gco.expect("typed");
        assert_eq!(again.fingerprint(), fp, "{}: canonical round trip", rel(&p));
        assert_eq!(again.canonical_json(), canonical, "{}: canonical form is a fixed point", rel(&p));
        // GCO -> constitution -> GCO -> constitution.
        let md = constitution::export(&gco);
        let back = intake::from_value(constitution::parse(&md).expect("exported document parses"));
        assert!(back.findings.is_empty(), "{}: {:?}", rel(&p), back.findings);
        let back = back.gco.expect("typed");
        assert_eq!(back.fingerprint(), fp, "{}: constitution round trip", rel(&p));
        assert_eq!(constitution::export(&back), md, "{}: export is stable", rel(&p));
        // The CLI agrees.
        let out = cogov(&["fingerprint", &rel(&p)]);
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), fp);
    }
}

/// What a fixture produces, as text a reviewer can read.
fn describe(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("read");
    match intake::load(&rel(path), &bytes) {
        Err(e) => format!("error {} at {}: {}\n", e.code, e.location, e.message),
        Ok((_, doc)) => {
            let r = validate::report(&doc);
            let mut s = format!("compliance {} — {} finding(s)\n", r.compliance_score, r.findings.len());
            for f in &r.findings {
                s.push_str(&format!("{} {:<8} {} — {}\n", f.code, f.severity.as_str(), f.path, f.message));
            }
            s
        }
    }
}

#[test]
fn broken_fixtures_match_their_snapshots() {
    insta::glob!("data/broken/*.json", |path| {
        insta::assert_snapshot!(describe(path));
    });
}

/// The README table: `| fixture | codes | why |`.
fn expectations() -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(root().join("tests/data/broken/README.md")).expect("README");
    text.lines()
        .filter(|l| l.starts_with('|') && l.contains(".json"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let file = cells[1].trim_matches('`').to_owned();
            let codes = l
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .filter(|t| t.len() == 8 && t.starts_with("GOV-"))
                .map(str::to_owned)
                .collect();
            (file, codes)
        })
        .collect()
}

#[test]
fn broken_fixtures_trigger_the_codes_their_readme_lists() {
    let table = expectations();
    let fixtures = files("tests/data/broken", "json");
    assert!(fixtures.len() >= 30, "expected at least 30 broken fixtures, found {}", fixtures.len());
    for p in &fixtures {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let (_, codes) =
            table.iter().find(|(f, _)| f == name).unwrap_or_else(|| panic!("{name} is not in the README table"));
        assert!(!codes.is_empty(), "{name}: the README lists no code");
        let got = describe(p);
        for code in codes {
            assert!(got.contains(code.as_str()), "{name} must trigger {code}; got:\n{got}");
        }
        // Through the CLI: exit 2 for an unreadable input, 1 for a blocking finding.
        let out = cogov(&["validate", &rel(p)]);
        let want = if codes.iter().any(|c| c.starts_with("GOV-X")) {
            2
        } else if codes.iter().any(|c| c.starts_with("GOV-E")) {
            1
        } else {
            0
        };
        assert_eq!(out.status.code(), Some(want), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn every_rule_of_the_catalogue_is_exercised_by_a_fixture() {
    let all: String = files("tests/data/broken", "json").iter().map(|p| describe(p)).collect();
    // GOV-E009 is the fallback for a value the schema accepts but the typed read refuses; while
    // the schema drift test holds, no input reaches it.
    let missing: Vec<&str> =
        cogov_model::Code::ALL.iter().map(|c| c.as_str()).filter(|c| *c != "GOV-E009" && !all.contains(c)).collect();
    assert!(missing.is_empty(), "rules no fixture triggers: {missing:?}");
}

#[test]
fn unreadable_input_names_the_file_and_the_place() {
    let dir = std::env::temp_dir().join(format!("cogov-golden-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\n  \"identity\": {\n    \"name\": \"x\",\n  }\n}\n").expect("write");
    let out = cogov(&["validate", bad.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("GOV-X005") && err.contains("bad.json:4:3"), "{err}");
    let big = dir.join("big.json");
    std::fs::write(&big, vec![b' '; 16 * 1024 * 1024 + 1]).expect("write");
    let out = cogov(&["validate", big.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("GOV-X002"));
    let missing = cogov(&["validate", "no/such/file.json"]);
    assert_eq!(missing.status.code(), Some(2));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(err.contains("GOV-X001") && err.contains("no/such/file.json"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn fmt_prints_the_canonical_form_and_is_idempotent() {
    for p in files("examples", "json").into_iter().take(2) {
        let once = cogov(&["fmt", &rel(&p)]);
        assert_eq!(once.status.code(), Some(0));
        let dir = std::env::temp_dir().join(format!("cogov-fmt-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("tmp");
        let f = dir.join("canon.json");
        std::fs::write(&f, &once.stdout).expect("write");
        let twice = cogov(&["fmt", f.to_str().expect("utf8")]);
        assert_eq!(once.stdout, twice.stdout);
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let out = cogov(&["schema"]);
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("schemas/gco.schema.json")).expect("read"))
            .expect("JSON");
    assert_eq!(printed, committed);
}

/// Runs cogov with a database of its own and a fixed author.
fn cogov_db(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cogov"))
        .args(args)
        .current_dir(root())
        .env("COGOV_DB", db)
        .env("COGOV_AUTHOR", "ada")
        .env("NO_COLOR", "1")
        .output()
        .expect("run cogov")
}

#[test]
fn history_from_the_command_line_commit_diff_rollback() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cogov.db");
    let ok = |o: &Output| assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    ok(&cogov_db(&db, &["commit", "examples/worker-coop.json", "-m", "adopted"]));

    // A removed role and a changed quorum, under a patch version: refused, with the suggestion.
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("examples/worker-coop.json")).expect("read")).expect("json");
    v["decision_types"][0]["quorum"] = serde_json::json!(0.42);
    v["roles"].as_array_mut().expect("roles").remove(0);
    v["identity"]["version"] = serde_json::json!("1.3.1");
    let next = dir.path().join("next.json");
    std::fs::write(&next, serde_json::to_vec_pretty(&v).expect("ser")).expect("write");
    let refused = cogov_db(&db, &["commit", next.to_str().expect("utf-8"), "-m", "too small"]);
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("GOV-S011") && err.contains("to 2.0.0 or later"), "{err}");

    v["identity"]["version"] = serde_json::json!("2.0.0");
    std::fs::write(&next, serde_json::to_vec_pretty(&v).expect("ser")).expect("write");
    ok(&cogov_db(&db, &["commit", next.to_str().expect("utf-8"), "-m", "drop a role"]));

    let diff = cogov_db(&db, &["diff", "1.3.0", "2.0.0"]);
    assert_eq!(diff.status.code(), Some(1), "versions differ");
    insta::assert_snapshot!("history_diff_human", String::from_utf8_lossy(&diff.stdout));
    let json: serde_json::Value =
        serde_json::from_slice(&cogov_db(&db, &["diff", "1.3.0", "2.0.0", "--format", "json"]).stdout).expect("json");
    assert_eq!(json["suggested"], "major");
    assert_eq!(json["changes"][0]["pointer"], "/decision_types/0/quorum");

    let rb: serde_json::Value =
        serde_json::from_slice(&cogov_db(&db, &["rollback", "1.3.0", "--format", "json"]).stdout).expect("json");
    assert_eq!((rb["version"].as_str(), rb["kind"].as_str()), (Some("2.1.0"), Some("rollback")));
    assert_eq!(cogov_db(&db, &["diff", "1.3.0", "2.1.0"]).status.code(), Some(0), "the rollback restores 1.3.0");
    let log: serde_json::Value =
        serde_json::from_slice(&cogov_db(&db, &["log", "fernwood-bakery-coop", "--format", "json"]).stdout)
            .expect("json");
    let versions: Vec<&str> = log.as_array().expect("array").iter().filter_map(|r| r["version"].as_str()).collect();
    assert_eq!(versions, ["1.3.0", "2.0.0", "2.1.0"]);

    // The audit log (three versions and the case the rollback opened): intact, then altered
    // behind SQLite's back and named by `audit verify`.
    let intact = cogov_db(&db, &["audit", "verify"]);
    assert!(intact.status.success() && String::from_utf8_lossy(&intact.stdout).contains("intact: 4 entries"));
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 2;")
        .expect("tamper");
    let tampered = cogov_db(&db, &["audit", "verify"]);
    assert_eq!(tampered.status.code(), Some(1));
    let out = String::from_utf8_lossy(&tampered.stdout);
    assert!(out.contains("entry 2 was altered"), "{out}");
}

#[test]
fn releases_cases_metrics_and_events_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cogov.db");
    let json = |o: Output| -> serde_json::Value {
        assert!(o.status.code().is_some_and(|c| c < 2), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice(&o.stdout).expect("json")
    };
    let good = json(cogov_db(&db, &["build", "examples/worker-coop.json", "--format", "json"]));
    let good_id = good["record"]["id"].as_i64().expect("id");
    // A quorum nobody can meet: the build stops at the validation gate.
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("examples/worker-coop.json")).expect("read")).expect("json");
    v["decision_types"][0]["quorum"] = serde_json::json!(0.99);
    v["identity"]["version"] = serde_json::json!("1.3.1");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, serde_json::to_vec_pretty(&v).expect("ser")).expect("write");
    let bad = cogov_db(&db, &["build", broken.to_str().expect("utf-8"), "--format", "json"]);
    assert_eq!(bad.status.code(), Some(1));
    let bad_id = json(bad)["record"]["id"].as_i64().expect("id");

    let promoted =
        json(cogov_db(&db, &["release", "promote", &good_id.to_string(), "-m", "first", "--format", "json"]));
    assert_eq!((promoted["status"].as_str(), promoted["channel"].as_str()), (Some("done"), Some("stable")));
    let refused = cogov_db(&db, &["release", "promote", &bad_id.to_string(), "-m", "ship it"]);
    assert_eq!(refused.status.code(), Some(1), "a refusal is a decision, not a crash");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("GOV-P010"));
    let status = cogov_db(&db, &["release", "status"]);
    let text = String::from_utf8_lossy(&status.stdout);
    assert!(text.contains("stable     1.3.0 (build:1)") && text.contains("refused [GOV-P010]"), "{text}");

    // Two cases: the failed gate and the refused release, both routed to the rules' amendment vote.
    let cases = json(cogov_db(&db, &["case", "list", "--state", "open", "--format", "json"]));
    let kinds: Vec<&str> = cases.as_array().expect("cases").iter().filter_map(|c| c["kind"].as_str()).collect();
    assert_eq!(kinds, ["release_refused", "gate_failed"]);
    assert!(cases.as_array().expect("cases").iter().all(|c| c["assignee"] == "decision_type:rules-amendment"));
    let resolve = cogov_db(&db, &["case", "resolve", "2", "-m", "quorum fixed in 1.3.2"]);
    assert!(resolve.status.success() && String::from_utf8_lossy(&resolve.stdout).contains("[resolved]"));
    let again = cogov_db(&db, &["case", "triage", "2", "-m", "late"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("GOV-P021"));

    let m = json(cogov_db(&db, &["metrics", "--format", "json"]));
    assert_eq!((m["builds"].as_u64(), m["builds_passed"].as_u64()), (Some(2), Some(1)));
    assert_eq!((m["release_success_rate"].as_f64(), m["cases_open"].as_u64()), (Some(0.5), Some(1)));
    assert_eq!(m["gate_failures"][0]["code"], "GOV-P001");
    let human = String::from_utf8_lossy(&cogov_db(&db, &["metrics"]).stdout).into_owned();
    assert!(human.contains("validation pass   50% of 2 validations"), "{human}");

    let events = cogov_db(&db, &["events", "--format", "json"]);
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&events.stdout).lines().map(|l| serde_json::from_str(l).expect("NDJSON")).collect();
    assert!(lines.iter().any(|e| e["kind"] == "gate.failed" && e["reason_code"] == "GOV-P001"));
    assert!(lines.iter().any(|e| e["kind"] == "task.resolved"));
    let log = std::fs::read_to_string(dir.path().join("cogov.events.ndjson")).expect("the NDJSON log");
    assert_eq!(log.lines().count(), lines.len(), "the log beside the database holds every event");
}

#[test]
fn amendments_from_the_command_line_follow_the_designs_own_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cogov.db");
    let ok = |o: &Output| assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    ok(&cogov_db(&db, &["commit", "examples/worker-coop.json", "-m", "adopted"]));
    // Reword the `admission` clause; worker-coop lets only `rules-amendment` change it.
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("examples/worker-coop.json")).expect("read")).expect("json");
    let clause = v["constitution"]["articles"]
        .as_array_mut()
        .and_then(|a| a.iter_mut().find(|a| a["id"] == "membership"))
        .and_then(|a| a["clauses"].as_array_mut())
        .and_then(|c| c.iter_mut().find(|c| c["id"] == "admission"))
        .expect("the admission clause");
    clause["text"] = serde_json::json!("Admission after a six-month trial, by the general assembly.");
    v["identity"]["version"] = serde_json::json!("1.3.1");
    let file = dir.path().join("amended.json");
    std::fs::write(&file, serde_json::to_vec_pretty(&v).expect("ser")).expect("write");
    let file = file.to_str().expect("utf-8");
    let members: Vec<String> = v["members"]["explicit"]
        .as_array()
        .expect("members")
        .iter()
        .filter_map(|m| m["id"].as_str().map(str::to_owned))
        .collect();

    // `rules` asks 28 days of public notice: a draft whose notice began today cannot open its vote.
    let draft =
        ["propose", file, "--base", "1.3.0", "--decision-type", "rules-amendment", "--title", "Soon", "--draft"];
    ok(&cogov_db(&db, &draft));
    let early = cogov_db(&db, &["open-voting", "1"]);
    assert_eq!(early.status.code(), Some(2));
    let err = String::from_utf8_lossy(&early.stderr);
    assert!(err.contains("GOV-S025") && err.contains("28 days of public notice"), "{err}");
    ok(&cogov_db(&db, &["withdraw", "1"]));

    for (id, dt) in [("2", "general-assembly"), ("3", "rules-amendment")] {
        let since = ["--noticed-since", "2026-01-05"];
        ok(&cogov_db(
            &db,
            &[&["propose", file, "--base", "1.3.0", "--decision-type", dt, "--title", "Admission"][..], &since]
                .concat(),
        ));
        for m in &members {
            ok(&cogov_db(&db, &["vote", id, "--member", m, "--choice", "yes"]));
        }
    }
    let refused = cogov_db(&db, &["adopt", "2"]);
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("GOV-S021") && err.contains("may be changed only by rules-amendment"), "{err}");

    let adopted: serde_json::Value =
        serde_json::from_slice(&cogov_db(&db, &["adopt", "3", "--format", "json"]).stdout).expect("json");
    assert_eq!((adopted["version"].as_str(), adopted["kind"].as_str()), (Some("1.3.1"), Some("amendment")));
    assert_eq!((adopted["parent"].as_str(), adopted["proposal"].as_i64()), (Some("1.3.0"), Some(3)));
    let late = cogov_db(&db, &["withdraw", "3"]);
    assert!(String::from_utf8_lossy(&late.stderr).contains("GOV-S023"), "an adopted proposal cannot be withdrawn");
}

/// Every file of a directory, by name, with its bytes.
fn dir_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("output directory")
        .filter_map(|e| e.ok())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("read")))
        .collect();
    v.sort();
    v
}

#[test]
fn compile_writes_the_same_artifacts_every_time_and_refuses_a_blocked_design() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fp = String::from_utf8_lossy(&cogov(&["fingerprint", "examples/worker-coop.json"]).stdout).trim().to_owned();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        let o = cogov(&["compile", "examples/worker-coop.json", "--out", out.to_str().expect("utf-8")]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let (fa, fb) = (dir_files(&a), dir_files(&b));
    assert_eq!(fa, fb, "same design, same bytes");
    let names: Vec<&str> = fa.iter().map(|(n, _)| n.as_str()).collect();
    insta::assert_snapshot!("compile_files", names.join("\n"));
    // The manifest lists every other file with its hash; every JSON artifact names its source.
    let manifest: serde_json::Value =
        serde_json::from_slice(&fa.iter().find(|(n, _)| n == "manifest.json").expect("manifest").1).expect("json");
    let listed = manifest["manifest"].as_array().expect("list");
    assert_eq!(listed.len(), fa.len() - 1);
    for entry in listed {
        let (_, bytes) = fa.iter().find(|(n, _)| entry["name"] == n.as_str()).expect("listed file exists");
        assert_eq!(entry["sha256"], cogov_engine::pipeline::sha256(bytes));
    }
    for (name, bytes) in fa.iter().filter(|(n, _)| n.ends_with(".json") && !n.starts_with("cedar.")) {
        let v: serde_json::Value = serde_json::from_slice(bytes).expect("json");
        assert_eq!(v["source"]["fingerprint"], fp.as_str(), "{name}");
        assert_eq!(v["source"]["instance"], "fernwood-bakery-coop", "{name}");
    }
    // A design with blocking findings: GOV-P001, exit 1, nothing written.
    let refused = dir.path().join("refused");
    let o =
        cogov(&["compile", "tests/data/broken/out-of-range-quorum.json", "--out", refused.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("GOV-P001") && err.contains("GOV-E301"), "{err}");
    assert!(!refused.exists(), "nothing is written for a refused design");
}

const SCORE_NAMES: [&str; 6] = [
    "authority_concentration",
    "constitutional_drift",
    "delegation_cascade_risk",
    "governance_capture_risk",
    "participation_density",
    "treasury_centralisation",
];

#[test]
fn score_json_is_one_object_with_the_six_scores_for_every_example() {
    for p in files("examples", "json") {
        let out = cogov(&["score", &rel(&p), "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{}: {}", rel(&p), String::from_utf8_lossy(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
        let mut keys: Vec<&str> = json.as_object().expect("object").keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["alerts", "model_version", "scores"], "{}", rel(&p));
        assert_eq!(json["model_version"], "cogov-risk/2");
        let scores = json["scores"].as_object().expect("scores");
        let mut names: Vec<&str> = scores.keys().map(String::as_str).collect();
        names.sort();
        assert_eq!(names, SCORE_NAMES);
        for (name, s) in scores {
            let mut k: Vec<&str> = s.as_object().expect("score").keys().map(String::as_str).collect();
            k.sort();
            assert_eq!(k, ["explanation", "level", "value"], "{name}");
            assert!(s["value"].is_number() && ["ok", "watch", "alert"].contains(&s["level"].as_str().unwrap_or("")));
        }
        let alerts: Vec<&str> =
            json["alerts"].as_array().expect("alerts").iter().filter_map(|a| a["score"].as_str()).collect();
        let alerting: Vec<&str> =
            scores.iter().filter(|(_, s)| s["level"] == "alert").map(|(n, _)| n.as_str()).collect();
        assert_eq!(alerts.len(), alerting.len(), "{}: every alert is listed", rel(&p));
    }
}

#[test]
fn score_against_an_older_version_shows_deltas() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("examples/worker-coop.json")).expect("read")).expect("json");
    v["identity"]["version"] = serde_json::json!("2.0.0");
    for dt in v["decision_types"].as_array_mut().expect("decision types") {
        let q = dt["quorum"].as_f64().expect("quorum");
        dt["quorum"] = serde_json::json!(q * 0.8);
    }
    v["roles"].as_array_mut().expect("roles").retain(|r| r["id"] != "mediator");
    for m in v["members"]["explicit"].as_array_mut().expect("members") {
        if let Some(roles) = m["roles"].as_array_mut() {
            roles.retain(|r| r != "mediator");
        }
    }
    let newer = dir.path().join("newer.json");
    std::fs::write(&newer, serde_json::to_vec_pretty(&v).expect("ser")).expect("write");
    let newer = newer.to_str().expect("utf-8");
    let human = cogov_db(&dir.path().join("unused.db"), &["score", newer, "--against", "examples/worker-coop.json"]);
    assert_eq!(human.status.code(), Some(0), "{}", String::from_utf8_lossy(&human.stderr));
    insta::assert_snapshot!("score_against_human", String::from_utf8_lossy(&human.stdout));
    let json: serde_json::Value = serde_json::from_slice(
        &cogov_db(
            &dir.path().join("unused.db"),
            &["score", newer, "--against", "examples/worker-coop.json", "--format", "json"],
        )
        .stdout,
    )
    .expect("json");
    assert_eq!(json["against"], "1.3.0");
    assert!(
        json["scores"]["participation_density"]["delta"].as_f64().expect("delta") > 0.0,
        "lower quorums, more margin"
    );
    assert!(json["scores"]["constitutional_drift"]["value"].as_f64().expect("value") > 0.0);
}

#[test]
fn simulate_rc1_as_json_and_charts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_dir = dir.path().join("out");
    let args = [
        "simulate",
        "examples/rc1.json",
        "examples/scenarios/rc1.scenario.json",
        "--runs",
        "6",
        "--seed",
        "7",
        "--threads",
        "2",
        "--format",
        "json",
        "--out",
        out_dir.to_str().expect("utf-8"),
    ];
    let out = cogov(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!((json["runs"].as_u64(), json["seed"].as_u64()), (Some(6), Some(7)));
    let figures = json["figures"].as_object().expect("figures");
    let names: Vec<&str> = figures.keys().map(String::as_str).collect();
    for name in [
        "turnout",
        "pass_rate",
        "passed",
        "no_quorum",
        "rejected",
        "no_signers",
        "executed",
        "blocked",
        "insolvent",
        "final_balance",
        "min_balance",
        "throughput_mean",
        "throughput_variance",
    ] {
        let f = figures.get(name).unwrap_or_else(|| panic!("{name} missing from {names:?}"));
        let mut keys: Vec<&str> = f.as_object().expect("object").keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["mean", "p5", "p50", "p95", "se", "std"], "{name}");
    }
    insta::assert_json_snapshot!(
        "simulate_rc1_json",
        cogov_model::sort_keys(
            serde_json::json!({"runs": json["runs"], "seed": json["seed"], "figures": json["figures"], "derived": json["derived"]})
        )
    );
    for file in ["report.json", "treasury.svg", "passed.svg", "outcomes.svg", "risk.svg"] {
        assert!(out_dir.join(file).is_file(), "{file} written");
    }
    // The same report for one thread.
    let one = cogov(&[&args[..8], &["1", "--format", "json"]].concat());
    assert_eq!(one.stdout, out.stdout, "results do not depend on the number of threads");
}

/// `--save` keeps the report with the stored version simulated, and refuses a design that is
/// not that stored version (GOV-S015), writing nothing.
#[test]
fn simulate_save_keeps_the_results_with_the_stored_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cogov.db");
    let scenario = "examples/scenarios/incentive-concentration-shock.json";
    let sim = ["simulate", "examples/token-dao.json", scenario, "--runs", "8", "--save", "--format", "json"];
    let early = cogov_db(&db, &sim);
    assert_eq!(early.status.code(), Some(2), "not committed yet");
    assert!(String::from_utf8_lossy(&early.stderr).contains("GOV-S013"));
    assert!(cogov_db(&db, &["commit", "examples/token-dao.json", "-m", "adopted"]).status.success());
    let out = cogov_db(&db, &sim);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let store = cogov_store::Store::open(&db).expect("store");
    let name = printed["derived"]["risk_delta"]["to"]["instance"].as_str().expect("the risk delta names the design");
    let kept = store.simulations(name, None).expect("simulations");
    assert_eq!(kept.len(), 1);
    let full = store.simulation(kept[0].id).expect("one");
    assert_eq!(full.results.as_ref(), Some(&printed), "the stored report is the one printed");
    let worse: Vec<&str> = printed["derived"]["risk_delta"]["deltas"]
        .as_array()
        .expect("deltas")
        .iter()
        .filter(|d| d["worse"] == true)
        .filter_map(|d| d["name"].as_str())
        .collect();
    assert!(worse.contains(&"authority_concentration"), "weight moved to the top holders: {worse:?}");
}

#[test]
fn simulate_names_the_file_pointer_and_code_of_a_bad_scenario() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.scenario.json");
    std::fs::write(&bad, r#"{"shocks": [{"kind": "treasury_freeze", "from": 3, "until": 1}]}"#).expect("write");
    let out = cogov(&["simulate", "examples/rc1.json", bad.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("GOV-X020") && err.contains("bad.scenario.json#/shocks/0/until"), "{err}");
    let schema = cogov(&["schema", "scenario"]);
    let printed: serde_json::Value = serde_json::from_slice(&schema.stdout).expect("JSON");
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("schemas/scenario.schema.json")).expect("read"))
            .expect("JSON");
    assert_eq!(printed, committed);
}

#[test]
fn every_example_yields_its_eight_documents_through_the_cli() {
    for p in files("examples", "json") {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().display().to_string();
        let run = cogov(&["docs", &rel(&p), "--out", &out, "--format", "json"]);
        assert_eq!(run.status.code(), Some(0), "{}: {}", rel(&p), String::from_utf8_lossy(&run.stderr));
        let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("one JSON object");
        let listed: Vec<&str> =
            json["files"].as_array().expect("files").iter().filter_map(|f| f["path"].as_str()).collect();
        let md: Vec<&&str> = listed.iter().filter(|p| p.ends_with(".md")).collect();
        let html = listed.iter().filter(|p| p.ends_with(".html")).count();
        assert_eq!((md.len(), html), (8, 8), "{}: {listed:?}", rel(&p));
        for f in ["network-graph.json", "network-graph.graphml", "network-graph.dot"] {
            assert!(listed.contains(&f), "{}: {f}", rel(&p));
        }
        // The constitution draft reads back to the design's fingerprint.
        let fp = cogov(&["fingerprint", &rel(&p)]);
        let back = cogov(&["fingerprint", &format!("{out}/constitution-draft.md")]);
        assert_eq!(back.stdout, fp.stdout, "{}", rel(&p));
        // The same design gives the same bytes.
        let dir2 = tempfile::tempdir().expect("temp dir");
        let again = cogov(&["docs", &rel(&p), "--out", &dir2.path().display().to_string(), "--format", "json"]);
        assert_eq!(again.stdout, run.stdout, "{}", rel(&p));
        for f in &listed {
            assert_eq!(std::fs::read(dir.path().join(f)).ok(), std::fs::read(dir2.path().join(f)).ok(), "{f}");
        }
    }
}

#[test]
fn docs_since_an_older_file_redlines_the_change_and_blocking_designs_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = root().join("examples/worker-coop.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&old).expect("read")).expect("json");
    v["identity"]["version"] = "1.4.0".into();
    v["treasury"]["tiers"][0]["max"] = 2500.into();
    v["treasury"]["tiers"][1]["min"] = 2500.into();
    let new = dir.path().join("new.json");
    std::fs::write(&new, serde_json::to_vec(&v).expect("json")).expect("write");
    let out = dir.path().join("out");
    let run = cogov(&["docs", &new.display().to_string(), "--since", &rel(&old), "--out", &out.display().to_string()]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let treasury = std::fs::read_to_string(out.join("treasury-policy.md")).expect("written");
    assert!(treasury.contains("## Changes since 1.3.0"), "{treasury}");
    assert!(treasury.contains("~~2000~~ → **2500**"), "{treasury}");
    let html = std::fs::read_to_string(out.join("treasury-policy.html")).expect("written");
    assert!(html.contains("<del>2000</del> → <ins>2500</ins>"), "{html}");

    // --since a stored version gives the same documents as --since its file.
    let db = dir.path().join("cogov.db");
    let out_db = dir.path().join("out-db");
    assert_eq!(cogov_db(&db, &["commit", &rel(&old), "-m", "adopted"]).status.code(), Some(0));
    let run = cogov_db(
        &db,
        &[
            "docs",
            &new.display().to_string(),
            "--since",
            "fernwood-bakery-coop@1.3.0",
            "--out",
            &out_db.display().to_string(),
        ],
    );
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(std::fs::read_to_string(out_db.join("treasury-policy.md")).expect("written"), treasury);

    v["decision_types"][0]["quorum"] = 0.99.into();
    std::fs::write(&new, serde_json::to_vec(&v).expect("json")).expect("write");
    let refused = dir.path().join("refused");
    let run = cogov(&["docs", &new.display().to_string(), "--out", &refused.display().to_string()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("GOV-P001"));
    assert!(!refused.exists(), "nothing written");
}

#[test]
fn telemetry_ingest_keeps_good_lines_and_reports_bad_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cogov.db");
    let out = cogov_db(&db, &["commit", "examples/worker-coop.json", "-m", "adopted"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));

    // The contract: one schema per event type, the contract in JSON and Markdown.
    let contract = dir.path().join("contract");
    let out = cogov(&["telemetry", "contract", "examples/worker-coop.json", "--out", &contract.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(contract.join("events/vote_cast.schema.json").is_file());
    assert!(contract.join("telemetry-contract.md").is_file());

    // Some lines bad: exit 1, each bad line named with its reason, the good ones kept.
    let out = cogov_db(
        &db,
        &[
            "telemetry",
            "ingest",
            "tests/data/telemetry/mixed.ndjson",
            "--design",
            "fernwood-bakery-coop",
            "--version",
            "1.3.0",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    insta::assert_json_snapshot!("telemetry_ingest_mixed", json);
    let human = cogov_db(&db, &["telemetry", "ingest", "tests/data/telemetry/mixed.ndjson"]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("tests/data/telemetry/mixed.ndjson:4: GOV-T006: /choice"), "{text}");

    // Every line good: exit 0.
    let out = cogov_db(&db, &["telemetry", "ingest", "tests/data/telemetry/good.ndjson", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(json["rejected"].as_array().map(Vec::len), Some(0));
    let (kept, dups) = (json["accepted"].as_u64().unwrap_or(0), json["duplicates"].as_u64().unwrap_or(0));
    assert_eq!(kept + dups, 29, "every good event is kept or already held");

    // The second ingest of mixed.ndjson stored nothing (its events were held): 4 + kept.
    let conn = rusqlite::Connection::open(&db).expect("open");
    let n: i64 = conn.query_row("SELECT count(*) FROM execution_events", [], |r| r.get(0)).expect("count");
    assert_eq!(n as u64, 4 + kept);
}

#[test]
fn the_change_channel_names_bumped_citizens_and_is_deterministic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("cogov.db");
    let out = cogov_db(&db, &["commit", "examples/federated-gov.json", "-m", "adopted"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("examples/federated-gov.json")).expect("read"))
            .expect("json");
    let citizen = v["composition"]["citizens"][0]["role"].as_str().expect("a citizen").to_owned();
    let old_fp = v["composition"]["citizens"][0]["fingerprint"].as_str().expect("pinned").to_owned();
    let new_fp = format!("sha256:{}", "ab".repeat(32));
    v["composition"]["citizens"][0]["fingerprint"] = new_fp.clone().into();
    v["identity"]["version"] = "1.4.1".into();
    let next = dir.path().join("next.json");
    std::fs::write(&next, serde_json::to_vec(&v).expect("json")).expect("write");
    let out = cogov_db(&db, &["commit", &next.display().to_string(), "-m", "re-pin a citizen"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));

    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for d in [&a, &b] {
        let out = cogov_db(&db, &["changelog", "meridian-federation-gov", "--out", &d.display().to_string()]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    }
    for f in ["CHANGELOG.md", "changes.atom"] {
        assert_eq!(std::fs::read(a.join(f)).expect("written"), std::fs::read(b.join(f)).expect("written"), "{f}");
    }
    let md = std::fs::read_to_string(a.join("CHANGELOG.md")).expect("read");
    assert!(md.find("## 1.4.1 (patch)").expect("newest") < md.find("## 1.4.0").expect("first"), "{md}");
    assert!(md.contains(&format!("citizen {citizen} fingerprint bumped: {old_fp} → {new_fp}")), "{md}");
    assert!(md.contains(&format!("Citizens re-pinned: {citizen}")), "{md}");
    let atom = std::fs::read_to_string(a.join("changes.atom")).expect("read");
    assert!(atom.contains("<id>urn:cogov:meridian-federation-gov:1.4.1</id>"), "{atom}");
}

/// The attack section (`report.attack`) on a failure of the case library and on a control, at
/// the example attack's budget; the reference model's figures are the same bytes with and
/// without the attack, on one thread and on two.
#[test]
fn simulate_attack_on_a_failure_and_a_control() {
    let dir = tempfile::tempdir().expect("tempdir");
    let scenario = dir.path().join("attack.json");
    let mut sc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("examples/scenarios/attack.json")).expect("read"))
            .expect("json");
    sc["runs"] = serde_json::json!(400);
    std::fs::write(&scenario, sc.to_string()).expect("write");
    let plain = dir.path().join("plain.json");
    let mut without = sc.clone();
    without.as_object_mut().expect("object").remove("attack");
    std::fs::write(&plain, without.to_string()).expect("write");
    let sim = |design: &str, scenario: &std::path::Path, threads: &str| {
        let out =
            cogov(&["simulate", design, scenario.to_str().expect("utf-8"), "--threads", threads, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("one JSON object")
    };
    for (name, design) in [
        ("failure_build_finance", "examples/cases/build-finance-2022.json"),
        ("control_token_dao", "examples/cases/control-token-dao.json"),
    ] {
        let mut with = sim(design, &scenario, "2");
        let attack = with.as_object_mut().expect("object").remove("attack").expect("report.attack");
        insta::assert_json_snapshot!(format!("simulate_attack_{name}"), cogov_model::sort_keys(attack.clone()));
        assert_eq!(with, sim(design, &plain, "2"), "{name}: the reference model's figures do not move");
        assert_eq!(sim(design, &scenario, "1")["attack"], attack, "{name}: the same on one thread");
        let target = &attack["powers"][attack["target"].as_u64().expect("a target") as usize];
        let p = target["capture_probability"].as_f64().expect("probability");
        if name.starts_with("failure") {
            assert!(p > 0.6, "{name}: {target}");
        } else {
            assert!(p < 0.1, "{name}: {target}");
        }
    }
    let human = cogov(&["simulate", "examples/cases/build-finance-2022.json", scenario.to_str().expect("utf-8")]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("attack: budget 2000000 by buy at step 30") && text.contains("mint (proposal)"), "{text}");
}

/// A bad attack names the scenario file, the pointer and its code.
#[test]
fn simulate_names_the_pointer_and_code_of_a_bad_attack() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"attack": {"budget": 1000, "acquisition": "buy", "target": "nope"}}"#).expect("write");
    let out = cogov(&["simulate", "examples/token-dao.json", bad.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("GOV-X051") && err.contains("bad.json#/attack/target"), "{err}");
    std::fs::write(&bad, r#"{"attack": {"budget": -5, "acquisition": "buy"}}"#).expect("write");
    let err =
        String::from_utf8_lossy(&cogov(&["simulate", "examples/token-dao.json", bad.to_str().expect("utf-8")]).stderr)
            .into_owned();
    assert!(err.contains("GOV-X050") && err.contains("bad.json#/attack/budget"), "{err}");
}
