//! `cogov onboard` through the real binary: a piped conversation, replaying answers files,
//! and unreadable answers.

use cogov_engine::{intake, onboarding};
use serde_json::{Value, json};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tmp(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("onboard-{}-{name}", std::process::id()))
}

/// Runs `cogov` with `stdin` piped in.
fn cogov(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cogov"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run cogov");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("cogov finishes")
}

fn fingerprint_of_gco(json: &[u8]) -> String {
    let doc = intake::from_json_bytes(json).expect("the output is JSON");
    assert!(doc.findings.is_empty(), "the output is a clean GCO: {:?}", doc.findings);
    doc.gco.expect("the output is a GCO").fingerprint()
}

fn fingerprint_of_answers(answers: &Value) -> String {
    let value = onboarding::answers_to_value(answers).expect("answers fit the script");
    intake::from_value(value).gco.expect("typed").fingerprint()
}

#[test]
fn a_piped_conversation_gives_the_same_design_as_its_answers_file() {
    let saved = tmp("saved.json");
    // A few answers, one invalid answer re-asked, one step back, then end of input.
    let conversation = [
        "Tidepool Co-op", // org_name
        "2",              // org_kind: option 2, cooperative
        "",               // description: accept (empty)
        "",               // membership: accept (named, for a cooperative)
        "",               // weight_model: accept (one member, one vote)
        "Ana, Ben, Cai",  // member_names
        "0.7",            // expected_participation
        "<",              // back to expected_participation
        "65%",            // expected_participation again
        "yes",            // council
        "lots",           // council_seats: not a number, asked again
        "3",              // council_seats
    ];
    let out =
        cogov(&["onboard", "--save-answers", saved.to_str().expect("utf-8 path")], &(conversation.join("\n") + "\n"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    for shown in [
        "[1/",
        "What is the organisation called?",
        "[Commons Collective]",
        "1) DAO",
        "not a whole number",
        "take their defaults",
        "ok:",
    ] {
        assert!(stderr.contains(shown), "the dialogue shows `{shown}`:\n{stderr}");
    }
    let equivalent = json!({"script": onboarding::SCRIPT_ID, "answers": {
        "org_name": "Tidepool Co-op", "org_kind": "cooperative", "description": "", "membership": "named",
        "weight_model": "one_member_one_vote", "member_names": ["Ana", "Ben", "Cai"],
        "expected_participation": 0.65, "council": true, "council_seats": 3,
    }});
    assert_eq!(fingerprint_of_gco(&out.stdout), fingerprint_of_answers(&equivalent));
    // The saved answers are exactly what was answered, and replay to the same design.
    let saved_value: Value = serde_json::from_slice(&std::fs::read(&saved).expect("answers saved")).expect("JSON");
    assert_eq!(saved_value, equivalent);
    let replay = cogov(&["onboard", "--answers", saved.to_str().expect("utf-8 path")], "");
    assert_eq!(replay.status.code(), Some(0));
    assert_eq!(fingerprint_of_gco(&replay.stdout), fingerprint_of_gco(&out.stdout));
}

#[test]
fn empty_input_accepts_every_default() {
    let out = cogov(&["onboard"], "");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let defaults = json!({"script": onboarding::SCRIPT_ID, "answers": {}});
    assert_eq!(fingerprint_of_gco(&out.stdout), fingerprint_of_answers(&defaults));
}

#[test]
fn example_answers_files_replay_to_valid_designs() {
    let out_file = tmp("coop.json");
    let out = cogov(
        &["onboard", "--answers", "examples/answers/worker-coop.json", "--out", out_file.to_str().expect("utf-8")],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "with --out nothing goes to standard output");
    let written = std::fs::read(&out_file).expect("GCO written");
    let file: Value =
        serde_json::from_slice(&std::fs::read(root().join("examples/answers/worker-coop.json")).expect("read example"))
            .expect("JSON");
    assert_eq!(fingerprint_of_gco(&written), fingerprint_of_answers(&file));
}

#[test]
fn a_bad_answers_file_exits_2_naming_the_file_and_the_answer() {
    let bad = tmp("bad.json");
    std::fs::write(&bad, r#"{"script": "cogov-onboarding/1", "answers": {"council_seats": "five"}}"#).expect("write");
    let name = bad.to_str().expect("utf-8");
    let out = cogov(&["onboard", "--answers", name], "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("{name}#/answers/council_seats")), "{stderr}");
    assert!(stderr.contains("GOV-X008") && stderr.contains("whole number"), "{stderr}");
    assert!(out.stdout.is_empty());

    std::fs::write(&bad, "{\"script\": ").expect("write");
    let out = cogov(&["onboard", "--answers", name], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("{name}:1:")), "syntax errors carry a position");

    let out = cogov(&["onboard", "--answers", "does/not/exist.json"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does/not/exist.json"));
}
