//! The onboarding dialogue: its script (schema, integrity), the GCO its answers assemble
//! into (valid, deterministic), and the session that walks it (branching, going back).
//!
//! `schemas/onboarding-script.schema.json` is generated from the script's types; run with
//! `COGOV_BLESS=1` to rewrite it.

use cogov_engine::onboarding::{self, Session};
use cogov_engine::{IntakeError, Location, intake, validate};
use cogov_model::{ErrorCode, Gco};
use serde_json::{Value, json};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn answers(map: Value) -> Value {
    json!({"script": onboarding::SCRIPT_ID, "answers": map})
}

/// Assembles, reads and validates; fails the test on any blocking finding.
fn valid_gco(file: &Value, what: &str) -> Gco {
    let value = onboarding::answers_to_value(file).unwrap_or_else(|e| panic!("{what}: {e}"));
    let doc = intake::from_value(value);
    let report = validate::report(&doc);
    let blocking: Vec<_> = report.findings.iter().filter(|f| f.is_blocking()).collect();
    assert!(blocking.is_empty(), "{what} has blocking findings: {blocking:#?}");
    doc.gco.unwrap_or_else(|| panic!("{what}: not a readable GCO"))
}

fn error_of(file: &Value) -> IntakeError {
    match onboarding::answers_to_value(file) {
        Err(e) => e,
        Ok(_) => panic!("expected an error for {file}"),
    }
}

fn example_answers() -> Vec<(PathBuf, Value)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples/answers"))
        .expect("examples/answers exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let v = intake::parse_json(&std::fs::read(&p).expect("read")).expect("answers file is JSON");
            (p, v)
        })
        .collect()
}

fn ids(session: &Session) -> String {
    session.current().map_or("<end>", |q| q.id.as_str()).to_owned()
}

/// Answers the current question (which must be `id`) with `value`.
fn say(session: &mut Session, id: &str, value: Value) {
    assert_eq!(ids(session), id);
    session.answer(value).unwrap_or_else(|e| panic!("{id}: {e}"));
}

/// Accepts the suggestion for every remaining question, returning the ids asked.
fn accept_rest(session: &mut Session) -> Vec<String> {
    let mut asked = Vec::new();
    while let Some(q) = session.current() {
        asked.push(q.id.clone());
        let v = session.suggestion().expect("a suggestion for the current question");
        session.answer(v).unwrap_or_else(|e| panic!("{}: {e}", q.id));
    }
    asked
}

// ---------------------------------------------------------------------------------------
// The script.

#[test]
fn committed_script_schema_matches_the_types() {
    let path = root().join("schemas/onboarding-script.schema.json");
    let generated = format!("{}\n", serde_json::to_string_pretty(&onboarding::script_schema()).expect("serialises"));
    if std::env::var_os("COGOV_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write schema");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/onboarding-script.schema.json is stale: run `COGOV_BLESS=1 cargo test -p cogov-engine --test onboarding`"
    );
}

#[test]
fn shipped_script_is_valid_under_its_schema() {
    let schema = onboarding::script_schema();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let validator = jsonschema::draft202012::new(&schema).expect("the generated schema compiles");
    let script: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("assets/onboarding/script.json")).expect("read script"),
    )
    .expect("script is JSON");
    let errors: Vec<String> =
        validator.iter_errors(&script).map(|e| format!("{}: {e}", e.instance_path().as_str())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema is strict: a misspelt field is caught.
    let mut typo = script.clone();
    typo["questions"][0]["promt"] = json!("x");
    assert!(!validator.is_valid(&typo), "unknown fields must be rejected");
    typo = script;
    typo["questions"][0]["kind"] = json!("essay");
    assert!(!validator.is_valid(&typo), "unknown kinds must be rejected");
}

#[test]
fn shipped_script_is_internally_consistent() {
    let s = onboarding::script();
    s.check().expect("the shipped script passes its integrity check");
    assert_eq!(s.id, onboarding::SCRIPT_ID);
    assert!((20..=40).contains(&s.questions.len()), "{} questions", s.questions.len());
    for q in &s.questions {
        assert!(!q.why.trim().is_empty() && !q.prompt.trim().is_empty(), "{}", q.id);
        assert!(q.why.len() <= 320, "`{}`: keep `why` to one or two sentences", q.id);
    }
}

/// The integrity error of the shipped script with `field` of question `id` set to `value`
/// (`value` is appended when `field` names an array).
fn broken(id: &str, field: &str, value: Value) -> String {
    let mut v = serde_json::to_value(onboarding::script()).expect("serialises");
    let i = onboarding::script().position(id).expect("question exists");
    match v.pointer_mut(&format!("/questions/{i}/{field}")).expect("field exists") {
        Value::Array(items) => items.push(value),
        slot => *slot = value,
    }
    let s: onboarding::Script = serde_json::from_value(v).expect("still parses");
    let e = s.check().expect_err("the change breaks the script");
    assert_eq!(e.code, ErrorCode::ScriptInvalid);
    e.message
}

#[test]
fn integrity_check_catches_each_kind_of_mistake() {
    let cases = [
        ("description", "id", json!("org_name"), "used twice"),
        ("council", "next/0/goto", json!("nowhere"), "does not exist"),
        ("treasury", "next/0/goto", json!("org_name"), "cycle"),
        ("council_seats", "default", json!(500), "default 500"),
        ("org_kind", "default", json!("empire"), "not one of the options"),
        ("member_names", "when/0/question", json!("treasury"), "not an earlier question"),
        ("council_seats", "remarks/0/one_of", json!("two"), "test value"),
        // Branches that catch both answers of a yes/no cut off the question after it.
        ("council", "next", json!({"equals": true, "goto": "general_quorum"}), "never be reached"),
    ];
    for (id, field, value, needle) in cases {
        let msg = broken(id, field, value);
        assert!(msg.contains(needle), "`{id}/{field}`: `{msg}` should mention `{needle}`");
    }
}

// ---------------------------------------------------------------------------------------
// Answers files.

#[test]
fn defaults_alone_make_a_design_without_blocking_findings() {
    let gco = valid_gco(&answers(json!({})), "the defaults");
    assert_eq!(gco.identity.name, "commons-collective");
    for domain in ["treasury", "escalation", "delegation", "constitution", "incentives"] {
        assert!(gco.to_value().get(domain).is_some(), "the default design has a {domain}");
    }
    assert!(gco.mesh.is_none(), "a DAO has no mesh unless it is a federation or network");
}

#[test]
fn snapshot_veto_and_exit_window_answers_land_in_their_gco_fields() {
    use cogov_engine::risk::capture::seconds;
    use cogov_model::{VetoHolder, WeightSnapshot};
    // The defaults: a DAO with a council reads weight at proposal creation; the council may
    // cancel during the timelock; amendments give a 7-day exit window and wait at least that long.
    let gco = valid_gco(&answers(json!({})), "the defaults");
    let vw = gco.voting_weight.clone().expect("voting_weight");
    assert_eq!(vw.weight_snapshot, Some(WeightSnapshot::ProposalCreated));
    assert_eq!(vw.weight_transferable, Some(true), "a DAO's token weight changes hands");
    for dt in &gco.decision_types {
        assert_eq!(dt.veto, vec![VetoHolder::Council { role: "council".into() }], "{}", dt.id);
    }
    // A DAO counts in blocks: compare in seconds.
    let amend = gco.decision_type("constitutional").expect("constitutional");
    let window = amend.exit_window.map(|w| seconds(amend, w));
    assert!(window.is_some_and(|w| (w - 7.0 * 86_400.0).abs() < 60.0), "exit window {window:?}");
    assert!(
        amend.timelock >= amend.exit_window.unwrap_or(0),
        "timelock {} shorter than the exit window",
        amend.timelock
    );
    assert_eq!(gco.decision_type("general").expect("general").exit_window, None);

    // A cooperative without a council: members may cancel by the ordinary quorum; a member's
    // vote does not trade; weight is read when voting opens; a 30-day window.
    let file = answers(json!({
        "org_kind": "cooperative", "council": false, "weight_snapshot": "vote_start", "veto": "members",
        "exit_window_days": 30, "timelock_days": 1
    }));
    let gco = valid_gco(&file, "a cooperative");
    let vw = gco.voting_weight.clone().expect("voting_weight");
    assert_eq!((vw.weight_snapshot, vw.weight_transferable), (Some(WeightSnapshot::VoteStart), Some(false)));
    let general = gco.decision_type("general").expect("general");
    assert_eq!(general.veto, vec![VetoHolder::TokenHolders { threshold: general.quorum }]);
    let amend = gco.decision_type("constitutional").expect("constitutional");
    let window = amend.exit_window.map(|w| seconds(amend, w));
    assert!(window.is_some_and(|w| (w - 30.0 * 86_400.0).abs() < 60.0), "exit window {window:?}");
    // The 1-day timelock (2 for amendments) is lengthened to the 30-day window.
    assert_eq!(Some(amend.timelock), amend.exit_window);
    // Nobody may cancel, and no window.
    let gco = valid_gco(&answers(json!({"veto": "nobody", "exit_window_days": 0})), "no veto");
    assert!(gco.decision_types.iter().all(|d| d.veto.is_empty() && d.exit_window.is_none()));
}

#[test]
fn a_council_veto_without_a_council_is_refused_at_the_answer() {
    let e = error_of(&answers(json!({"council": false, "veto": "council"})));
    assert_eq!(e.location, Location::Pointer("/answers/veto".into()), "{e}");
    assert!(e.message.contains("there is no council"), "{e}");
    // The dialogue suggests the members' veto when there is no council.
    let mut s = Session::new();
    while s.current().is_some_and(|q| q.id != "council") {
        let v = s.suggestion().expect("suggestion");
        s.answer(v).expect("answer");
    }
    say(&mut s, "council", json!(false));
    while s.current().is_some_and(|q| q.id != "veto") {
        let v = s.suggestion().expect("suggestion");
        s.answer(v).expect("answer");
    }
    assert_eq!(s.suggestion(), Some(json!("members")));
    assert!(s.answer(json!("council")).is_err());
}

#[test]
fn every_kind_of_organisation_with_defaults_is_valid() {
    for kind in ["dao", "cooperative", "foundation", "federation", "network"] {
        let gco = valid_gco(&answers(json!({"org_kind": kind})), kind);
        assert_eq!(gco.mesh.is_some(), matches!(kind, "federation" | "network"), "{kind}");
    }
}

#[test]
fn every_example_answers_file_makes_a_design_without_blocking_findings() {
    let files = example_answers();
    assert!(files.len() >= 3, "expected at least three example answers files");
    for (path, v) in files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        assert!(onboarding::is_answers_file(&v), "{name}");
        valid_gco(&v, &name);
        // Through the general intake entry point too.
        let (kind, doc) = intake::load(&name, &std::fs::read(&path).expect("read")).expect("loads");
        assert_eq!(kind, intake::InputKind::Answers);
        assert!(!validate::report(&doc).is_blocking(), "{name}");
    }
}

#[test]
fn thresholds_hold_across_turnouts_and_population_sizes() {
    // Quorum defaults follow expected turnout; generated members must really turn out so.
    for kind in ["dao", "cooperative"] {
        for membership in ["named", "population"] {
            for p in [0.05, 0.1, 0.2, 0.35, 0.5, 0.8, 0.95] {
                for count in [200, 1000] {
                    let a = answers(json!({
                        "org_kind": kind, "membership": membership, "expected_participation": p,
                    }));
                    let mut a = a;
                    if membership == "population" {
                        a["answers"]["member_count"] = json!(count);
                    }
                    valid_gco(&a, &format!("{kind}, {membership}, participation {p}, {count} members"));
                }
            }
        }
    }
}

#[test]
fn the_same_answers_give_the_same_fingerprint() {
    for (path, v) in example_answers() {
        let a = valid_gco(&v, &path.display().to_string()).fingerprint();
        let b = valid_gco(&v, &path.display().to_string()).fingerprint();
        assert_eq!(a, b);
    }
    // Explicitly giving a default is the same as leaving it out.
    let implicit = valid_gco(&answers(json!({})), "defaults").fingerprint();
    let explicit = valid_gco(&answers(json!({"council_seats": 5, "org_kind": "dao"})), "explicit").fingerprint();
    assert_eq!(implicit, explicit);
    let other = valid_gco(&answers(json!({"council_seats": 7})), "seven seats").fingerprint();
    assert_ne!(implicit, other);
}

fn assert_invalid(file: Value, pointer: &str, needle: &str) {
    let e = error_of(&file);
    assert_eq!(e.code, ErrorCode::AnswersInvalid, "{e}");
    assert_eq!(e.location, Location::Pointer(pointer.to_owned()), "{e}");
    assert!(e.message.contains(needle), "`{}` should mention `{needle}`", e.message);
}

#[test]
fn invalid_answers_name_the_answer_and_say_why() {
    assert_invalid(answers(json!({"council_seats": "five"})), "/answers/council_seats", "expected a whole number");
    assert_invalid(answers(json!({"council_seats": 2.5})), "/answers/council_seats", "whole number");
    assert_invalid(answers(json!({"council_seats": 0})), "/answers/council_seats", "below the minimum 1");
    assert_invalid(answers(json!({"org_kind": "empire"})), "/answers/org_kind", "not one of the options");
    assert_invalid(answers(json!({"treasury": "yes"})), "/answers/treasury", "expected true or false");
    assert_invalid(answers(json!({"general_quorum": 1.5})), "/answers/general_quorum", "above the maximum");
    // Bounds that follow earlier answers say so.
    assert_invalid(
        answers(json!({"expected_participation": 0.2, "general_quorum": 0.5})),
        "/answers/general_quorum",
        "expected_participation",
    );
    assert_invalid(answers(json!({"council_seats": 3, "council_signers": 4})), "/answers/council_signers", "maximum 3");
    assert_invalid(answers(json!({"treasury_categories": []})), "/answers/treasury_categories", "between 1 and 20");
    assert_invalid(answers(json!({"counsil_seats": 3})), "/answers/counsil_seats", "did you mean `council_seats`");
    // An answer to a question the other answers skip is a mistake worth reporting.
    assert_invalid(
        answers(json!({"treasury": false, "treasury_currency": "EUR"})),
        "/answers/treasury_currency",
        "not asked",
    );
    assert_invalid(
        answers(
            json!({"membership": "named", "weight_model": "one_member_one_vote", "member_names": ["Ana: 10", "Ben"]}),
        ),
        "/answers/member_names",
        "one member, one vote",
    );
    assert_invalid(json!({"answers": {}}), "/script", "cogov-onboarding/1");
    assert_invalid(json!({"script": "cogov-onboarding/0", "answers": {}}), "/script", "cogov-onboarding/1");
    assert_invalid(json!({"script": onboarding::SCRIPT_ID, "answers": []}), "/answers", "object");
    assert_invalid(json!({"script": onboarding::SCRIPT_ID, "answers": {}, "extra": 1}), "/extra", "unknown field");
}

#[test]
fn any_value_for_any_question_is_an_answer_or_an_error_at_that_answer() {
    let odd = [json!(null), json!(true), json!("x"), json!(-1), json!(1e308), json!(0.5), json!([]), json!({})];
    for q in &onboarding::script().questions {
        for v in &odd {
            // Make the question asked: a federation with a council, treasury, external
            // arbitration, delegation and incentives asks every question but one of each pair.
            let mut a = json!({"org_kind": "federation", "dispute_final": "external", "delegation": true,
                               "incentives": true, "clock": "blocks"});
            if q.id == "member_count" {
                a["membership"] = json!("population");
            }
            a[&q.id] = v.clone();
            match onboarding::answers_to_value(&answers(a)) {
                Ok(gco) => assert!(intake::from_value(gco).gco.is_some(), "`{}` = {v}", q.id),
                Err(e) => {
                    assert_eq!(e.code, ErrorCode::AnswersInvalid);
                    assert_eq!(e.location, Location::Pointer(format!("/answers/{}", q.id)), "`{}` = {v}: {e}", q.id);
                }
            }
        }
    }
}

#[test]
fn answering_no_to_the_treasury_omits_it() {
    let gco = valid_gco(&answers(json!({"treasury": false})), "no treasury");
    assert!(gco.treasury.is_none());
    assert!(gco.decision_type("treasury-small").is_none() && gco.decision_type("treasury-large").is_none());
    let no_council = valid_gco(&answers(json!({"council": false})), "no council");
    assert!(no_council.role("council").is_none());
    assert!(no_council.decision_types.iter().all(|d| d.signers.is_none()));
}

#[test]
fn token_weights_and_odd_names_become_members_with_unique_ids() {
    let gco = valid_gco(
        &answers(json!({
            "org_name": "Ærø Fish & Chips!",
            "membership": "named",
            "weight_model": "token_weighted",
            "member_names": ["Ana Silva: 1200", "ana silva jr: 300", "合作社", "Ben"],
        })),
        "token names",
    );
    assert_eq!(gco.identity.name, "r-fish-chips");
    let m: Vec<(&str, f64)> = gco.members.explicit.iter().map(|m| (m.id.as_str(), m.weight)).collect();
    assert_eq!(m, [("ana-silva", 1200.0), ("ana-silva-jr", 300.0), ("member-3", 1.0), ("ben", 1.0)]);
}

// ---------------------------------------------------------------------------------------
// The session.

#[test]
fn session_walks_the_default_path_and_finishes_with_the_defaults() {
    let mut s = Session::new();
    assert_eq!(s.progress(), (0, s.progress().1));
    let asked = accept_rest(&mut s);
    assert!(s.is_finished());
    assert_eq!(s.progress(), (asked.len(), asked.len()));
    // "About thirty" (the intro): the capture questions (snapshot, veto, exit window) made it 33.
    assert!((20..=36).contains(&asked.len()), "{} questions on the default path: {asked:?}", asked.len());
    let from_session = intake::from_value(s.finish().expect("finishes")).gco.expect("typed").fingerprint();
    let from_defaults = valid_gco(&answers(json!({})), "defaults").fingerprint();
    assert_eq!(from_session, from_defaults);
}

/// Accepts suggestions up to question `id` (not answering it).
fn accept_until(session: &mut Session, id: &str) {
    while ids(session) != id {
        let v = session.suggestion().expect("a suggestion");
        session.answer(v).expect("suggestions are valid answers");
    }
}

#[test]
fn no_treasury_skips_the_treasury_questions() {
    let mut s = Session::new();
    accept_until(&mut s, "treasury");
    say(&mut s, "treasury", json!(false));
    // A DAO by default: the ladder, delegation (allowed, so its depth) and incentives.
    assert_eq!(accept_rest(&mut s), ["dispute_final", "delegation", "delegation_depth", "incentives"]);
    let gco: Value = s.finish().expect("finishes");
    assert!(gco.get("treasury").is_none(), "the treasury domain is omitted");
    // With a treasury, its questions come first.
    let mut t = Session::new();
    accept_until(&mut t, "treasury");
    say(&mut t, "treasury", json!(true));
    let expected = ["treasury_currency", "treasury_balance", "treasury_monthly_inflow", "spend_boundary"];
    assert_eq!(accept_rest(&mut t)[..4], expected);
}

#[test]
fn back_returns_to_the_previous_question_and_keeps_only_relevant_answers() {
    let mut s = Session::new();
    say(&mut s, "org_name", json!("Riverside Bakers"));
    assert!(s.back());
    assert_eq!(ids(&s), "org_name");
    assert_eq!(s.suggestion(), Some(json!("Riverside Bakers")), "the previous answer is offered again");
    assert!(!s.back(), "nothing before the first question");
    say(&mut s, "org_name", json!("Riverside Bakers"));
    say(&mut s, "org_kind", json!("cooperative"));
    say(&mut s, "description", json!(""));
    say(&mut s, "membership", json!("named"));
    say(&mut s, "weight_model", json!("one_member_one_vote"));
    say(&mut s, "member_names", json!(["Ana", "Ben", "Cai"]));
    say(&mut s, "expected_participation", json!(0.7));
    say(&mut s, "council", json!(true));
    say(&mut s, "council_seats", json!(3));
    // Go back to `membership` and switch to a generated population: the names no longer
    // apply, the answers after them still do.
    assert_eq!(ids(&s), "council_term_days");
    for expected in ["council_seats", "council", "expected_participation", "member_names", "weight_model", "membership"]
    {
        assert!(s.back());
        assert_eq!(ids(&s), expected);
    }
    say(&mut s, "membership", json!("population"));
    let kept = s.answers();
    assert!(kept["answers"].get("member_names").is_none(), "names are dropped: {kept}");
    assert_eq!(kept["answers"]["council_seats"], 3);
    assert_eq!(kept["answers"]["expected_participation"], 0.7);
    say(&mut s, "weight_model", json!("one_member_one_vote"));
    assert_eq!(ids(&s), "member_count", "the population path asks for a count");
    assert_eq!(s.suggestion(), Some(json!(1000)));
}

#[test]
fn changing_an_answer_drops_later_answers_it_invalidates() {
    let mut s = Session::from_answers(&answers(json!({"council_seats": 7, "council_signers": 6}))).expect("resumes");
    assert!(s.is_finished());
    while ids(&s) != "council_seats" {
        assert!(s.back());
    }
    s.answer(json!(3)).expect("three seats");
    let kept = s.answers();
    assert!(kept["answers"].get("council_signers").is_none(), "6 of 3 signers no longer fits: {kept}");
    accept_until(&mut s, "council_signers");
    assert_eq!(s.suggestion(), Some(json!(2)), "the default follows the seats: a majority of 3");
}

#[test]
fn session_rejects_bad_answers_without_moving() {
    let mut s = Session::new();
    let e = s.answer(json!(42)).expect_err("a number is not a name");
    assert_eq!(e.location, Location::Pointer("/answers/org_name".into()));
    assert_eq!(ids(&s), "org_name");
    say(&mut s, "org_name", json!("Tidal"));
    let q = s.current().expect("question");
    assert_eq!(q.parse_input("3"), Ok(json!("foundation")), "choices by number");
    assert_eq!(q.parse_input("Cooperative"), Ok(json!("cooperative")), "or by name");
    assert!(q.parse_input("9").is_err());
}

#[test]
fn session_preview_and_answers_round_trip_through_serde() {
    let mut s = Session::new();
    say(&mut s, "org_name", json!("Preview Co"));
    assert_eq!(s.preview()["identity"]["display_name"], "Preview Co");
    let text = serde_json::to_string(&s).expect("serialises");
    let back: Session = serde_json::from_str(&text).expect("deserialises");
    assert_eq!(back, s);
    assert_eq!(ids(&back), "org_kind");
    let file = s.answers();
    assert!(onboarding::is_answers_file(&file));
    assert_eq!(file["answers"], json!({"org_name": "Preview Co"}));
}

#[test]
fn typed_input_is_read_the_way_people_write_it() {
    let s = onboarding::script();
    let q = |id: &str| s.question(id).expect("question");
    assert_eq!(q("general_quorum").parse_input("12%"), Ok(json!(0.12)));
    assert_eq!(q("treasury_balance").parse_input("250,000"), Ok(json!(250000)));
    assert!(q("general_quorum").parse_input("0,5").is_err(), "a decimal comma is refused, not misread");
    assert_eq!(q("council").parse_input("y"), Ok(json!(true)));
    assert_eq!(q("member_names").parse_input("Ana, Ben ,, Cai"), Ok(json!(["Ana", "Ben", "Cai"])));
    assert_eq!(q("entrenched_rights").parse_input("-"), Ok(json!([])));
    assert_eq!(
        q("entrenched_rights").parse_input("Free speech, always; Open books"),
        Ok(json!(["Free speech, always", "Open books"]))
    );
    assert_eq!(q("council_seats").display(&json!(5)), "5");
    assert_eq!(q("council").display(&json!(false)), "no");
    assert_eq!(q("council_seats").remarks_for(&json!(4)).len(), 1, "even seats earn a remark");
}

#[test]
fn places_of_the_default_path_exist_in_the_default_design() {
    let gco = valid_gco(&answers(json!({})), "defaults").to_value();
    let mut s = Session::new();
    for id in accept_rest(&mut s) {
        let q = onboarding::script().question(&id).expect("question");
        assert!(q.places.iter().any(|p| resolve(&gco, p).is_some()), "`{id}`: none of {:?} exists", q.places);
    }
}

/// Follows a place: object keys by name, array items by their `id`.
fn resolve<'a>(v: &'a Value, place: &str) -> Option<&'a Value> {
    place.split('/').skip(1).try_fold(v, |cur, step| match cur {
        Value::Object(m) => m.get(step),
        Value::Array(a) => a.iter().find(|x| x.get("id").and_then(Value::as_str) == Some(step)),
        _ => None,
    })
}
