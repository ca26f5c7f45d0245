//! No input panics the engine, and the fingerprint ignores everything but content.

use cogov_engine::{intake, synth, validate};
use cogov_model::{Severity, compliance_score, to_canonical_string};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Arbitrary JSON: scalars of every kind, nested arrays and objects.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        "[a-z_]{0,12}".prop_map(Value::String),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,16}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// The report's own invariants: sorted findings, a score capped by blocking findings.
fn check_report(report: &validate::Report) {
    assert!(report.fingerprint.starts_with("sha256:") && report.fingerprint.len() == 71);
    let blocking = report.findings.iter().any(|f| f.severity == Severity::Blocking);
    assert_eq!(report.is_blocking(), blocking);
    assert_eq!(report.compliance_score, compliance_score(&report.findings));
    assert!(report.compliance_score <= if blocking { 49 } else { 100 });
    for w in report.findings.windows(2) {
        assert!(
            (w[0].severity, &w[0].path, w[0].code) <= (w[1].severity, &w[1].path, w[1].code),
            "findings out of order"
        );
    }
    for f in &report.findings {
        assert!(f.path.is_empty() || f.path.starts_with('/'), "not a JSON pointer: {}", f.path);
    }
}

/// Pointers into a value, for the mutation strategy.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| pointers(x, format!("{at}/{i}"), out)),
        Value::Object(m) => m.iter().for_each(|(k, x)| pointers(x, format!("{at}/{k}"), out)),
        _ => {}
    }
}

fn small_design() -> Value {
    synth::large(12, 3, 3).to_value()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics(v in any_json()) {
        let doc = intake::from_value(v);
        let report = validate::report(&doc);
        check_report(&report);
        if let Some(g) = doc.gco {
            // Whatever was read, its canonical form reads back to the same design.
            let again = intake::from_json_bytes(g.canonical_json().as_bytes()).expect("canonical JSON parses");
            prop_assert_eq!(again.gco.map(|x| x.fingerprint()), Some(g.fingerprint()));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for name in ["x.json", "x.md"] {
            if let Ok((_, doc)) = intake::load(name, &bytes) {
                check_report(&validate::report(&doc));
            }
        }
    }

    #[test]
    fn arbitrary_markdown_never_panics(text in "(#{0,3} [^\n]{0,30}\n|```cogov [a-z_]{0,12}\n|```\n|Version: [0-9.]{0,8}\n|[^\n]{0,40}\n){0,30}") {
        if let Ok((_, doc)) = intake::load("x.md", text.as_bytes()) {
            check_report(&validate::report(&doc));
        }
    }

    #[test]
    fn a_mutated_design_never_panics(pick in any::<prop::sample::Index>(), replacement in any_json()) {
        let mut v = small_design();
        let mut ps = Vec::new();
        pointers(&v, String::new(), &mut ps);
        let p = pick.get(&ps).clone();
        if let Some(slot) = v.pointer_mut(&p) {
            *slot = replacement;
        }
        check_report(&validate::report(&intake::from_value(v)));
    }

    #[test]
    fn fingerprint_ignores_key_order_whitespace_and_number_spelling(v in any_json()) {
        let compact = serde_json::to_string(&v).expect("serialise");
        let pretty = serde_json::to_string_pretty(&v).expect("serialise");
        let a = intake::parse_json(compact.as_bytes()).expect("parse");
        let b = intake::parse_json(pretty.as_bytes()).expect("parse");
        let (mut a, mut b) = (a, b);
        cogov_model::normalize_numbers(&mut a);
        cogov_model::normalize_numbers(&mut b);
        prop_assert_eq!(to_canonical_string(&a), to_canonical_string(&b));
    }
}

#[test]
fn number_spellings_and_key_order_give_one_fingerprint() {
    let v = small_design();
    let plain = serde_json::to_string(&v).expect("serialise");
    // Re-spell every integer as a float with an exponent, and reverse every object's keys.
    fn respell(v: &Value) -> Value {
        match v {
            Value::Number(n) if n.is_u64() => serde_json::from_str(&format!("{}.0e0", n)).expect("number"),
            Value::Array(a) => Value::Array(a.iter().map(respell).collect()),
            Value::Object(m) => Value::Object(m.iter().rev().map(|(k, x)| (k.clone(), respell(x))).collect()),
            other => other.clone(),
        }
    }
    let spelled = serde_json::to_string_pretty(&respell(&v)).expect("serialise");
    assert_ne!(plain, spelled);
    let fp = |s: &str| intake::from_json_bytes(s.as_bytes()).expect("parse").gco.expect("typed").fingerprint();
    assert_eq!(fp(&plain), fp(&spelled));
}

#[test]
fn deep_and_huge_inputs_are_refused_with_their_codes() {
    let deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
    let err = intake::parse_json(deep.as_bytes()).expect_err("too deep");
    assert_eq!(err.code, cogov_model::ErrorCode::TooDeep);
    let ok_depth = format!("{}{}", "[".repeat(128), "]".repeat(128));
    assert!(intake::parse_json(ok_depth.as_bytes()).is_ok(), "128 levels are allowed");
    let huge = vec![b' '; cogov_engine::limits::MAX_INPUT_BYTES + 1];
    assert_eq!(intake::parse_json(&huge).expect_err("too large").code, cogov_model::ErrorCode::TooLarge);
}

/// serde_json keeps the last of two equal keys silently; intake makes it a blocking finding
/// that names the object, the key and both places, on every path that reads a GCO's text.
#[test]
fn a_duplicate_key_is_a_blocking_finding_naming_both_places() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bytes = std::fs::read(root.join("tests/data/broken/duplicate-key.json")).expect("read");
    for doc in [intake::from_json_bytes(&bytes).expect("parses"), intake::load("d.json", &bytes).expect("parses").1] {
        let dups: Vec<_> = doc.findings.iter().filter(|f| f.code == cogov_model::Code::DuplicateKey).collect();
        assert_eq!(dups.len(), 1, "{:#?}", doc.findings);
        let f = dups[0];
        assert!(f.is_blocking());
        assert_eq!(f.path, "/decision_types/0/approval");
        assert!(f.message.contains("`/decision_types/0`"), "{}", f.message);
        assert!(f.message.contains("line 88, column 7") && f.message.contains("line 89, column 7"), "{}", f.message);
        // The design is still read (the second value) and fully validated.
        assert_eq!(doc.gco.as_ref().map(|g| g.decision_types[0].approval), Some(0.6));
    }
    // A duplicate the escapes hide is the same key.
    let doc = intake::from_json_bytes(br#"{"identity": {}, "ident\u0069ty": {}}"#).expect("parses");
    assert!(doc.findings.iter().any(|f| f.code == cogov_model::Code::DuplicateKey && f.path == "/identity"));
}

#[test]
fn the_duplicate_key_pass_is_linear_in_the_number_of_keys() {
    let mut text = String::from("{");
    for i in 0..300_000 {
        text.push_str(&format!("\"k{i}\":{i},"));
    }
    text.push_str("\"k0\":0}");
    let t = std::time::Instant::now();
    let dups = intake::duplicates::find(&text);
    assert_eq!(dups.len(), 1);
    assert_eq!((dups[0].key.as_str(), dups[0].first), ("k0", (1, 2)));
    assert!(t.elapsed() < std::time::Duration::from_secs(5), "took {:?}", t.elapsed());
}

/// A byte-order mark gets its own code at 1:1, not serde_json's "expected value".
#[test]
fn a_byte_order_mark_is_named() {
    let err = intake::parse_json(b"\xEF\xBB\xBF{}").expect_err("refused");
    assert_eq!(err.code, cogov_model::ErrorCode::ByteOrderMark);
    assert_eq!(err.location.to_string(), "1:1");
    assert!(err.message.contains("byte-order mark"), "{}", err.message);
}
