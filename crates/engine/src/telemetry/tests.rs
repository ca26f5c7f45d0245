use super::*;
use crate::test_examples::example;
use cogov_model::ErrorCode;

const GOOD: &[u8] = include_bytes!("../../../../tests/data/telemetry/good.ndjson");
const MIXED: &[u8] = include_bytes!("../../../../tests/data/telemetry/mixed.ndjson");
const HOSTILE: &[u8] = include_bytes!("../../../../tests/data/telemetry/hostile.ndjson");

fn coop() -> (Gco, Contract) {
    let g = example("worker-coop");
    let c = Contract::of(&g);
    (g, c)
}

#[test]
fn the_contract_follows_the_design() {
    let (g, c) = coop();
    let names: Vec<&str> = c.events.iter().map(|e| e.name).collect();
    assert_eq!(
        names,
        [
            "proposal_created",
            "vote_cast",
            "proposal_decided",
            "role_assigned",
            "role_revoked",
            "treasury_spend_executed",
            "escalation_raised",
            "delegation_changed"
        ]
    );
    let spend = c.schema(c.event("treasury_spend_executed").expect("a treasury"));
    assert_eq!(spend["properties"]["tier"]["enum"], serde_json::json!(["routine", "significant", "major"]));
    assert_eq!(spend["properties"]["currency"]["const"], "GBP");
    assert_eq!(spend["additionalProperties"], false);
    // Every schema compiles, and the files are sorted and name the source.
    for e in &c.events {
        jsonschema::draft202012::new(&c.schema(e)).expect("compiles");
    }
    let files = c.files();
    assert!(files.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(files.len(), c.events.len() + 2);
    let md =
        String::from_utf8(files.iter().find(|f| f.0 == "telemetry-contract.md").expect("md").1.clone()).expect("utf-8");
    assert!(md.contains(&g.fingerprint()) && md.contains("| vote\\_cast |"), "{md}");
    assert_eq!(c.files(), Contract::of(&g).files(), "deterministic");
    // A design without treasury or escalation logs no spends and no escalations.
    let mut bare = g.clone();
    bare.treasury = None;
    bare.escalation = None;
    let c = Contract::of(&bare);
    assert!(c.event("treasury_spend_executed").is_none() && c.event("escalation_raised").is_none());
}

#[test]
fn good_lines_are_accepted() {
    let (_, c) = coop();
    let out = check(&c, GOOD);
    assert!(out.rejected.is_empty(), "{:#?}", out.rejected);
    assert_eq!(out.accepted.len(), 29);
    assert_eq!(out.accepted[0].event, "role_assigned");
}

#[test]
fn each_bad_line_is_rejected_with_its_line_and_reason() {
    let (_, c) = coop();
    let out = check(&c, MIXED);
    let got: Vec<(usize, &str)> = out.rejected.iter().map(|r| (r.line, r.code.as_str())).collect();
    assert_eq!(
        got,
        [
            (4, "GOV-T006"),
            (5, "GOV-T006"),
            (6, "GOV-T006"),
            (7, "GOV-T005"),
            (8, "GOV-T003"),
            (10, "GOV-T005"),
            (11, "GOV-T007"),
            (12, "GOV-T006"),
            (13, "GOV-T004"),
        ]
    );
    let lines: Vec<usize> = out.accepted.iter().map(|a| a.line).collect();
    assert_eq!(lines, [1, 2, 3, 14]);
    assert!(out.rejected[0].message.contains("/choice"), "{}", out.rejected[0].message);
    assert!(out.rejected[2].message.contains("tier"), "{}", out.rejected[2].message);
}

#[test]
fn impossible_timestamps_and_duplicate_keys_are_rejected_with_their_line() {
    let (_, c) = coop();
    let out = check(&c, HOSTILE);
    let got: Vec<(usize, &str)> = out.rejected.iter().map(|r| (r.line, r.code.as_str())).collect();
    assert_eq!(got, [(2, "GOV-T008"), (3, "GOV-T008"), (4, "GOV-T009")]);
    assert!(out.rejected[0].message.contains("2026-02-30T25:61:61Z"), "{}", out.rejected[0].message);
    assert!(out.rejected[2].message.contains("`role` appears twice in the event"), "{}", out.rejected[2].message);
    let lines: Vec<usize> = out.accepted.iter().map(|a| a.line).collect();
    assert_eq!(lines, [1, 5, 6], "line 5 is a good event; the store finds it is line 1 again");
    let bom = b"\xEF\xBB\xBF{\"event\": \"role_assigned\"}\n";
    assert_eq!(check(&c, bom).rejected[0].code, ErrorCode::ByteOrderMark);
}

#[test]
fn only_real_rfc3339_date_times_pass() {
    for ok in [
        "2026-03-01T09:00:00Z",
        "2024-02-29T00:00:00Z",
        "2000-02-29T23:59:59.999999+14:00",
        "2026-12-31T23:59:60Z",
        "2026-06-30t12:00:00-05:30",
        "1900-01-01T00:00:00z",
    ] {
        assert_eq!(date_time(ok), Ok(()), "{ok}");
    }
    for (bad, why) in [
        ("2026-02-30T25:61:61Z", "day 30"),
        ("2026-02-29T00:00:00Z", "day 29"),
        ("1900-02-29T00:00:00Z", "day 29"),
        ("2026-13-01T00:00:00Z", "month 13"),
        ("2026-00-01T00:00:00Z", "month 00"),
        ("2026-04-31T00:00:00Z", "day 31"),
        ("2026-01-00T00:00:00Z", "day 00"),
        ("2026-01-01T24:00:00Z", "time 24:00"),
        ("2026-01-01T23:60:00Z", "time 23:60"),
        ("2026-01-01T23:58:60Z", "second 60"),
        ("2026-01-01T00:00:61Z", "second 61"),
        ("2026-01-01T00:00:00+24:00", "offset"),
        ("2026-01-01T00:00:00+01:60", "offset"),
        ("2026-01-01T00:00:00", "not of the form"),
        ("2026-01-01T00:00:00.Z", "not of the form"),
        ("2026-01-01 00:00:00Z", "not of the form"),
        ("２026-01-01T00:00:00Z", "not of the form"),
        ("", "not of the form"),
    ] {
        let e = date_time(bad).expect_err(bad);
        assert!(e.contains(why), "{bad}: {e}");
    }
}

#[test]
fn limits_hold() {
    let (_, c) = coop();
    let long = format!("{{\"event\":\"x\",\"pad\":\"{}\"}}\n", "a".repeat(MAX_LINE_BYTES));
    assert_eq!(check(&c, long.as_bytes()).rejected[0].code, ErrorCode::TelemetryLineTooLong);
    let many = "\n".repeat(MAX_LINES) + "{}\n{}\n";
    let out = check(&c, many.as_bytes());
    assert_eq!(out.rejected.len(), 1);
    assert_eq!((out.rejected[0].line, out.rejected[0].code), (MAX_LINES + 1, ErrorCode::TelemetryTooManyLines));
    assert!(out.rejected[0].message.starts_with("2 line(s)"), "{}", out.rejected[0].message);
    let bytes = b"\xff\xfe{}\n";
    assert_eq!(check(&c, bytes).rejected[0].code, ErrorCode::TelemetryNotJson);
}

#[test]
fn figures_compare_with_the_design() {
    let (g, c) = coop();
    let out = check(&c, GOOD);
    let f = figures(&g, &out.accepted);
    let get = |n: &str| f.iter().find(|x| x.name == n).expect("figure").clone();
    let turnout = get("turnout");
    // p-1: 10 of 12 equal weights cast (no turnout given); p-2: 0.9167 as logged.
    let want = (10.0 / 12.0 + 0.9167) / 2.0;
    assert!((turnout.observed.expect("observed") - want).abs() < 1e-9, "{turnout:?}");
    assert_eq!(turnout.sample, 2);
    assert_eq!(turnout.verdict, Verdict::AsExpected, "{turnout:?}");
    let gini = get("voting_weight_gini");
    assert_eq!((gini.observed, gini.expected), (Some(0.0), Some(0.0)), "one member, one vote");
    let throughput = get("proposal_throughput");
    // Two proposals over 30 days and 8 hours (first to last event).
    let days = 30.0 + 8.0 / 24.0;
    assert!((throughput.observed.expect("observed") - 2.0 / days).abs() < 1e-9, "{throughput:?}");
    let velocity = get("treasury_velocity");
    assert!((velocity.observed.expect("observed") - 1200.0 / days * 30.0 / 184_000.0).abs() < 1e-12);
    assert!(velocity.expected.is_some(), "worker-coop states spend rates");
    // No events, no data.
    assert!(figures(&g, &[]).iter().all(|x| x.verdict == Verdict::NoData));
}

#[test]
fn timestamps_read_as_epoch_seconds() {
    assert_eq!(figures::epoch_seconds("1970-01-01T00:00:00Z"), Some(0.0));
    assert_eq!(figures::epoch_seconds("2026-03-18T10:30:00+01:00"), Some(1_773_826_200.0));
    assert_eq!(figures::epoch_seconds("2000-02-29T12:00:00.5Z"), Some(951_825_600.5));
    assert_eq!(figures::epoch_seconds("yesterday"), None);
}

use proptest::prelude::*;

proptest! {
    /// Any bytes: no panic, every non-blank line gets exactly one verdict, in line order.
    #[test]
    fn any_input_gets_one_verdict_per_non_blank_line(lines in proptest::collection::vec(
        proptest::prop_oneof![
            proptest::collection::vec(proptest::num::u8::ANY, 0..40),
            proptest::string::string_regex(r#"\{"event":"(vote_cast|role_assigned|x)","at":"2026-01-01T00:00:00Z"(,"[a-z]{1,6}":("[a-z]{0,5}"|[0-9]{1,3}))*\}"#)
                .expect("regex")
                .prop_map(String::into_bytes),
        ],
        0..30,
    )) {
        let (_, c) = coop();
        let lines: Vec<Vec<u8>> = lines.into_iter().map(|l| l.into_iter().filter(|b| *b != b'\n').collect()).collect();
        let input = lines.join(&b'\n');
        let out = check(&c, &input);
        let non_blank: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                let l = l.strip_suffix(b"\r").unwrap_or(l);
                !l.iter().all(u8::is_ascii_whitespace)
            })
            .map(|(i, _)| i + 1)
            .collect();
        let mut seen: Vec<usize> = out.accepted.iter().map(|a| a.line).chain(out.rejected.iter().map(|r| r.line)).collect();
        seen.sort_unstable();
        prop_assert_eq!(seen, non_blank);
        prop_assert!(out.rejected.iter().all(|r| r.code.as_str().starts_with("GOV-T")));
    }
}
