//! The constitution document format: round trips, a hand-written document, errors with
//! their places, and inputs that must never panic.

use cogov_engine::{constitution, intake};
use cogov_model::{Article, Clause, Constitution, ErrorCode, Gco};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A GCO with every domain, entrenched clauses and text that needs escaping.
fn rich() -> Gco {
    let v = json!({
        "identity": {
            "name": "river-commons",
            "display_name": "River Commons Coöperative",
            "kind": "cooperative",
            "version": "2.1.0-rc.1+build.7",
            "description": "A water cooperative — 水 and 🌊.",
            "jurisdiction": "Québec"
        },
        "members": {
            "explicit": [
                {"id": "ana", "name": "Ana", "weight": 1, "propensity": 0.9, "roles": ["board"]},
                {"id": "ben", "weight": 2.5, "propensity": 0.4, "roles": []}
            ],
            "population": {
                "count": 200, "seed": 7, "id_prefix": "m",
                "weight": {"kind": "lognormal", "mu": 0.0, "sigma": 0.75},
                "propensity": {"kind": "beta", "alpha": 2.0, "beta": 5.0},
                "roles": ["member"]
            }
        },
        "roles": [
            {"id": "member", "name": "Member"},
            {
                "id": "board", "name": "Board", "description": "Runs the day to day.", "seats": 5,
                "term": {"length_days": 730, "max_consecutive": 2, "staggered": true},
                "eligibility": {"min_weight": 1.0, "requires_roles": ["member"], "incompatible_roles": ["auditor"],
                                "elected_by": "ordinary"},
                "permissions": [{"action": "spend", "resource": "treasury/ops"}, {"action": "propose", "resource": "constitution"}]
            },
            {"id": "auditor", "seats": 1}
        ],
        "decision_types": [
            {"id": "ordinary", "quorum": 0.2, "approval": 0.5, "voting_delay": 86400, "voting_period": 604800,
             "proposal_threshold": {"min_weight": 1, "roles": ["member"]}, "expected_rate": 0.3},
            {"id": "constitutional", "name": "Constitutional", "quorum": 0.4, "approval": 0.6667,
             "clock": {"kind": "blocks", "block_time": 12.0}, "voting_delay": 100, "voting_period": 50400,
             "timelock": 14400, "signers": {"role": "board", "required": 3, "of": 5}}
        ],
        "treasury": {
            "currency": "EUR", "balance": 125000.5,
            "inflows": [{"source": "dues", "amount": 1000, "period": "month"}],
            "categories": [{"id": "ops", "name": "Operations", "budget_share": 0.7}, {"id": "reserve"}],
            "tiers": [{"id": "small", "min": 0, "max": 5000, "decision_type": "ordinary"},
                      {"id": "large", "min": 5000, "decision_type": "constitutional",
                       "signers": {"role": "board", "required": 2}}],
            "spending_limits": [{"role": "board", "category": "ops", "amount": 20000, "period": "quarter"}]
        },
        "escalation": {"levels": [
            {"id": "mediation", "decided_by": {"kind": "role", "role": "board"}, "time_limit_days": 30, "next": "assembly"},
            {"id": "assembly", "decided_by": {"kind": "decision_type", "decision_type": "constitutional"}, "next": "court"},
            {"id": "court", "decided_by": {"kind": "external", "body": "Cour du Québec"}, "terminal": true}
        ]},
        "incentives": {"enabled": true, "mechanisms": [
            {"id": "turnout", "kind": "participation_reward", "weight": 1.0, "funded_from": "ops", "description": "Votes count."}
        ]},
        "delegation": {"allowed": true, "max_depth": 2, "edges": [
            {"from": "ben", "to": "ana", "share": 0.5, "decision_types": ["ordinary"]}
        ]},
        "constitution": {
            "preamble": "We, the members of River Commons,\nestablish this constitution.\n\n# Not a heading\n```\n\\ not an escape",
            "articles": [
                {"id": "membership", "title": "Membership", "clauses": [
                    {"id": "open-membership", "title": "Open membership", "entrenched": true,
                     "decision_type": "constitutional",
                     "text": "Anyone who uses the water may join.\n\nMembership cannot be refused on grounds of origin."},
                    {"id": "tricky", "text": "# looks like a title\n## looks like an article\n```cogov roles\n```\n\\backslash\n\\\n  indented\ntrailing  \n\n\n  \nend\n", "entrenched": false},
                    {"id": "with space", "title": "Title {with braces}", "text": "", "decision_type": "has space"},
                    {"id": "crlf", "title": " padded ", "text": "line one\r\nline two\r"},
                    {"id": "empty-title", "title": "", "text": "Ünïcödé ✓ 日本語"}
                ]},
                {"id": "empty", "title": "", "clauses": []},
                {"id": "treasury", "title": "Article 9 — Treasury: rules", "clauses": [
                    {"id": "spending", "title": "2024 budget", "text": "Spending follows the tiers.", "entrenched": true}
                ]}
            ],
            "amendment_rules": [
                {"id": "amend-all", "decision_type": "constitutional", "clauses": ["membership", "treasury"], "notice_days": 14}
            ]
        },
        "composition": {
            "citizens": [{"role": "pump", "fingerprint": "sha256:00ff", "operator": "ana"}],
            "organisms": [{"role": "meter"}],
            "confluences": [{"role": "basin", "spans": ["pump", "meter"]}],
            "services": [{"service": "atlas", "operator": "ben"}]
        },
        "mesh": {
            "nodes": [{"id": "hub", "kind": "hub"}, {"id": "w1", "name": "Witness", "kind": "witness", "operator": "ana"}],
            "connections": [{"from": "hub", "to": "w1", "kind": "trust"}],
            "trust_domains": [{"id": "core", "members": ["hub", "w1"],
                               "policies": [{"id": "p1", "rule": "sign everything", "enforcement": "advisory"}]}]
        },
        "resources": [{"id": "website", "description": "The public site"}],
        "alert_thresholds": {"authority_concentration": {"watch": 0.2, "alert": 0.4}}
    });
    typed(v)
}

/// A minimal GCO: identity only, no constitution.
fn bare() -> Gco {
    typed(json!({"identity": {"name": "bare", "kind": "dao", "version": "0.1.0"}}))
}

fn typed(v: Value) -> Gco {
    let doc = intake::from_value(v);
    doc.gco.expect("typed GCO")
}

/// parse → from_value → typed GCO.
fn read(doc: &str) -> Gco {
    let v = constitution::parse(doc).unwrap_or_else(|e| panic!("parse: {e}\n{doc}"));
    typed(v)
}

fn assert_round_trip(g: &Gco) {
    let doc = constitution::export(g);
    let back = read(&doc);
    assert_eq!(&back, g, "round trip changed the GCO; document:\n{doc}");
    assert_eq!(back.fingerprint(), g.fingerprint());
    assert_eq!(constitution::export(&back), doc, "export is not stable");
    assert_eq!(constitution::export(g), doc, "export is not deterministic");
}

#[test]
fn a_rich_gco_round_trips() {
    let g = rich();
    assert_round_trip(&g);
    let doc = constitution::export(&g);
    assert!(doc.starts_with("# River Commons Coöperative — Constitution\n\nVersion: 2.1.0-rc.1+build.7\n"));
    assert!(
        doc.contains("### 1.1 Open membership <!-- {#open-membership .entrenched decision_type=constitutional} -->\n")
    );
    assert!(
        doc.contains("\\# looks like a title\n\\## looks like an article\n\\```cogov roles\n\\```\n\\\\backslash\n")
    );
    // Text that lines cannot carry (carriage returns) falls back to an exact text block.
    assert!(doc.contains("```cogov text\n\"line one\\r\\nline two\\r\"\n```"));
    assert!(doc.contains(r#"### 1.3 Title {with braces} <!-- {id="with space" decision_type="has space"} -->"#));
    // The legacy form, attributes in sight, still reads the same.
    let legacy = doc.replace(
        r#"### 1.3 Title {with braces} <!-- {id="with space" decision_type="has space"} -->"#,
        r#"### 1.3 {id="with space" decision_type="has space" title="Title {with braces}"}"#,
    );
    assert_ne!(legacy, doc);
    assert_eq!(read(&legacy), g);
}

#[test]
fn a_gco_without_constitution_round_trips_without_one() {
    let g = bare();
    assert_round_trip(&g);
    let doc = constitution::export(&g);
    assert_eq!(
        doc,
        "# bare — Constitution\n\nVersion: 0.1.0\n\n## Appendix — Schedules and parameters <!-- {.appendix} -->\n\n\
         The schedules restate this constitution's parameters in words. The blocks after them are the same \
         parameters for software: where the two differ, the blocks govern, and the schedules are written anew \
         from them whenever this document is exported.\n\n\
         ```cogov identity\n{\n  \"name\": \"bare\",\n  \"kind\": \"dao\"\n}\n```\n"
    );
    assert!(read(&doc).constitution.is_none());
}

#[test]
fn empty_constitution_and_empty_preamble_stay_distinct() {
    let mut g = bare();
    g.constitution = Some(Constitution::default());
    assert_round_trip(&g);
    g.constitution = Some(Constitution { preamble: Some(String::new()), ..Constitution::default() });
    assert_round_trip(&g);
    g.constitution = Some(Constitution {
        preamble: None,
        articles: vec![Article {
            id: "a".into(),
            title: "A".into(),
            clauses: vec![Clause {
                id: "c".into(),
                title: None,
                text: String::new(),
                entrenched: false,
                decision_type: None,
            }],
        }],
        amendment_rules: vec![],
    });
    assert_round_trip(&g);
}

/// Every shipped example and case reads back to the same GCO, and a reader meets its
/// articles first: no block before the last article, the schedules and blocks after them.
#[test]
fn the_shipped_examples_round_trip_with_articles_first() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut seen = 0;
    for dir in [root.clone(), root.join("cases")] {
        for entry in std::fs::read_dir(dir).expect("examples dir").flatten() {
            if entry.path().extension().is_none_or(|x| x != "json") {
                continue;
            }
            let bytes = std::fs::read(entry.path()).expect("read example");
            let Ok(Some(mut g)) = intake::from_json_bytes(&bytes).map(|d| d.gco) else { continue };
            // `$schema` is an editor hint of JSON files, outside the content and the fingerprint.
            g.schema = None;
            assert_round_trip(&g);
            let doc = constitution::export(&g);
            let lines: Vec<&str> = doc.lines().collect();
            let appendix = lines.iter().position(|l| l.starts_with("## Appendix")).expect("an appendix");
            let first_fence = lines.iter().position(|l| l.starts_with("```cogov")).unwrap_or(lines.len());
            assert!(first_fence > appendix, "{}: a block before the appendix", entry.path().display());
            assert!(
                lines[appendix..].iter().all(|l| !l.starts_with("## Article")),
                "{}: an article after the appendix",
                entry.path().display()
            );
            assert!(
                !lines.iter().any(|l| l.starts_with('#') && l.contains('{') && !l.contains("<!--")),
                "{}: a heading shows its attributes",
                entry.path().display()
            );
            seen += 1;
        }
    }
    assert!(seen >= 20, "examples and cases read: {seen}");
}

/// The appendix's schedules are generated: text there is skipped on reading, while headings
/// after it are refused at their line.
#[test]
fn the_appendix_skips_its_schedules_and_refuses_articles_after_it() {
    let g = rich();
    let doc = constitution::export(&g);
    let edited = doc.replace("**Schedule A", "Some words a reader added.\n\n**Schedule A");
    assert_ne!(doc, edited);
    assert_eq!(read(&edited), g);
    let late = format!("{doc}\n## Article 9 — Late <!-- {{#late}} -->\n");
    let (code, at, message) = error_at(&late);
    assert_eq!(code, ErrorCode::ConstitutionSyntax);
    assert_eq!(at, format!("{}:1", late.lines().count()));
    assert!(message.contains("after the appendix"), "{message}");
}

const HAND_WRITTEN: &str = r#"
# Garden Club — Constitution

Version: 1.2.0

We, the gardeners,
share the plots.

```cogov identity
{ "name": "garden-club", "display_name": "Garden Club", "kind": "association" }
```

```cogov decision_types
[{ "id": "majority", "quorum": 0.3, "approval": 0.5, "voting_delay": 0, "voting_period": 604800 },
 { "id": "supermajority", "quorum": 0.5, "approval": 0.75, "voting_delay": 0, "voting_period": 1209600 }]
```

And we tend them together.

## Article 1 — Plots {#plots}

### 1.1 Allocation {#allocation decision_type=majority}

Plots are allocated by lot.   


Each member holds one plot at most.
\# is the plot number sign.

### 1.2 {#no-sale .entrenched}

Plots are never sold.

```cogov amendment_rules
[{ "id": "amend", "decision_type": "supermajority", "clauses": ["plots"], "notice_days": 30 }]
```

## Tools {#tools}
"#;

#[test]
fn a_hand_written_document_imports_to_the_expected_values() {
    let v = constitution::parse(HAND_WRITTEN).expect("parse");
    assert_eq!(v["identity"]["version"], "1.2.0");
    assert_eq!(v["identity"]["name"], "garden-club");
    let doc = intake::from_value(v);
    assert!(doc.findings.is_empty(), "{:?}", doc.findings);
    let g = doc.gco.expect("typed");
    assert_eq!(g.identity.display_name.as_deref(), Some("Garden Club"));
    assert_eq!(g.decision_types.len(), 2);
    let c = g.constitution.as_ref().expect("constitution");
    assert_eq!(c.preamble.as_deref(), Some("We, the gardeners,\nshare the plots.\n\nAnd we tend them together."));
    assert_eq!(c.articles.len(), 2);
    assert_eq!((c.articles[0].id.as_str(), c.articles[0].title.as_str()), ("plots", "Plots"));
    assert_eq!(
        (c.articles[1].id.as_str(), c.articles[1].title.as_str(), c.articles[1].clauses.len()),
        ("tools", "Tools", 0)
    );
    let [alloc, no_sale] = &c.articles[0].clauses[..] else { panic!("two clauses") };
    assert_eq!(alloc.id, "allocation");
    assert_eq!(alloc.title.as_deref(), Some("Allocation"));
    assert_eq!(alloc.decision_type.as_deref(), Some("majority"));
    assert!(!alloc.entrenched);
    // The amendment_rules block between paragraphs does not end clause 1.2.
    assert_eq!(
        alloc.text,
        "Plots are allocated by lot.\n\nEach member holds one plot at most.\n# is the plot number sign."
    );
    assert_eq!((no_sale.id.as_str(), no_sale.title.as_deref(), no_sale.entrenched), ("no-sale", None, true));
    assert_eq!(no_sale.text, "Plots are never sold.");
    assert_eq!(c.amendment_rules.len(), 1);
    assert_eq!(c.amendment_rules[0].notice_days, Some(30));
    // And the exported form reads back the same.
    assert_round_trip(&g);
}

#[test]
fn the_example_in_the_format_doc_reads_and_is_in_written_form() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/constitution-format.md");
    let spec = std::fs::read_to_string(path).expect("docs/constitution-format.md");
    let start = spec.find("````markdown\n").expect("example start") + "````markdown\n".len();
    let len = spec[start..].find("````").expect("example end");
    let example = &spec[start..start + len];
    let doc = intake::from_value(constitution::parse(example).expect("the example parses"));
    assert!(doc.findings.is_empty(), "{:?}", doc.findings);
    let g = doc.gco.expect("typed");
    assert_eq!(constitution::export(&g), example, "the example is not in the writer's form");
}

/// The error's code and `line:column`.
fn error_at(doc: &str) -> (ErrorCode, String, String) {
    let e = constitution::parse(doc).expect_err("an error");
    (e.code, e.location.to_string(), e.message)
}

const HEAD: &str = "# T — Constitution\n\nVersion: 1.0.0\n";

#[test]
fn missing_version_line() {
    let (code, at, msg) = error_at("# T — Constitution\n\n```cogov identity\n{}\n```\n");
    assert_eq!((code, at.as_str()), (ErrorCode::ConstitutionSyntax, "3:1"));
    assert!(msg.contains("missing `Version:` line"), "{msg}");
    let (_, at, msg) = error_at("Some text\n");
    assert_eq!(at, "1:1");
    assert!(msg.contains("missing title and `Version:` line"), "{msg}");
    assert_eq!(error_at("").1, "1:1");
}

#[test]
fn bad_semver() {
    let (code, at, msg) = error_at("# T — Constitution\n\nVersion:  1.2\n");
    assert_eq!((code, at.as_str()), (ErrorCode::ConstitutionSyntax, "3:11"));
    assert!(msg.contains("`1.2` is not a semantic version"), "{msg}");
    assert_eq!(error_at("Version:\n").1, "1:9");
}

#[test]
fn unterminated_block() {
    let doc = format!("{HEAD}\n```cogov roles\n[]\n");
    let (code, at, msg) = error_at(&doc);
    assert_eq!((code, at.as_str()), (ErrorCode::ConstitutionSyntax, "5:1"));
    assert_eq!(msg, "unterminated ```cogov roles block opened at line 5: no closing ``` line");
    let doc = format!("{HEAD}\n```cogov roles\n[]\n```cogov mesh\n{{}}\n```\n");
    let (_, at, msg) = error_at(&doc);
    assert_eq!(at, "5:1");
    assert!(msg.contains("line 7 starts a new fence"), "{msg}");
}

#[test]
fn json_error_inside_a_block_is_placed_in_the_document() {
    let doc = format!("{HEAD}\n```cogov roles\n[\n  {{\"id\": \"a\",}}\n]\n```\n");
    let (code, at, msg) = error_at(&doc);
    // The fence is line 5; the bad `}` is on block line 2, column 14.
    assert_eq!((code, at.as_str()), (ErrorCode::ConstitutionSyntax, "7:14"));
    assert!(msg.starts_with("invalid JSON in the ```cogov roles block: trailing comma"), "{msg}");
    // Columns count characters, not bytes.
    let doc = format!("{HEAD}```cogov roles\n[\"é\" x]\n```\n");
    assert_eq!(error_at(&doc).1, "5:6");
}

#[test]
fn too_deep_block() {
    let deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
    let doc = format!("{HEAD}```cogov resources\n\n{deep}\n```\n");
    let (code, at, _) = error_at(&doc);
    assert_eq!((code, at.as_str()), (ErrorCode::TooDeep, "6:129"));
}

#[test]
fn unknown_block_domain() {
    let (code, at, msg) = error_at(&format!("{HEAD}\n```cogov budget\n{{}}\n```\n"));
    assert_eq!((code, at.as_str()), (ErrorCode::ConstitutionSyntax, "5:10"));
    assert!(msg.starts_with("unknown block domain `cogov budget` (known: identity, members,"), "{msg}");
    let (_, at, msg) = error_at(&format!("{HEAD}\n```json\n{{}}\n```\n"));
    assert_eq!(at, "5:1");
    assert!(msg.contains("only ```cogov <domain> blocks"), "{msg}");
}

#[test]
fn duplicate_block() {
    let doc = format!("{HEAD}\n```cogov roles\n[]\n```\n\n```cogov roles\n[]\n```\n");
    let (code, at, msg) = error_at(&doc);
    assert_eq!((code, at.as_str()), (ErrorCode::ConstitutionSyntax, "9:1"));
    assert_eq!(msg, "duplicate block `cogov roles` (first at line 5)");
}

#[test]
fn clause_heading_without_id() {
    let doc = format!("{HEAD}\n## Article 1 — A {{#a}}\n\n### 1.1 Title\n\nText.\n");
    let (code, at, msg) = error_at(&doc);
    assert_eq!((code, at.as_str()), (ErrorCode::ConstitutionSyntax, "7:1"));
    assert!(msg.starts_with("clause heading without an {#id}"), "{msg}");
    let (_, at, msg) = error_at(&format!("{HEAD}## Article 1 — A\n"));
    assert_eq!(at, "4:1");
    assert!(msg.starts_with("article heading without an {#id}"), "{msg}");
}

#[test]
fn clause_before_any_article() {
    let doc = format!("{HEAD}\nPreamble.\n\n### 1.1 Early {{#early}}\n");
    let (code, at, msg) = error_at(&doc);
    assert_eq!((code, at.as_str()), (ErrorCode::ConstitutionSyntax, "7:1"));
    assert!(msg.starts_with("clause heading before any article"), "{msg}");
}

#[test]
fn other_structure_errors() {
    let cases = [
        (format!("{HEAD}## Article 1 {{#a}}\nStray text.\n"), "5:1", "text under article `a`"),
        (format!("{HEAD}# Second title\n"), "4:1", "a second level-1 heading"),
        (format!("{HEAD}#### Deep\n"), "4:1", "a level-4 heading"),
        (format!("{HEAD}```cogov identity\n[]\n```\n"), "4:1", "must hold a JSON object"),
        (format!("{HEAD}```cogov identity\n{{\"version\": \"1.0.0\"}}\n```\n"), "4:1", "must not hold `version`"),
        (format!("{HEAD}```cogov text\n1\n```\n"), "4:1", "must hold one JSON string"),
        (format!("{HEAD}Text.\n```cogov text\n\"x\"\n```\n"), "5:1", "there is text at line 4"),
        (format!("{HEAD}```cogov text\n\"x\"\n```\nText.\n"), "7:1", "text after the ```cogov text block"),
        (format!("{HEAD}## A {{#a .entrenched}}\n"), "4:1", "apply to clauses"),
        (format!("{HEAD}## A {{#a}}\n### 1.1 T {{#c .eternal}}\n"), "5:15", "unknown class `.eternal`"),
        (format!("{HEAD}## A {{#a}}\n### 1.1 T {{#c weight=3}}\n"), "5:15", "unknown attribute `weight`"),
        (format!("{HEAD}```\n"), "4:1", "opens no block"),
    ];
    for (doc, at, needle) in cases {
        let (code, got, msg) = error_at(&doc);
        assert_eq!(code, ErrorCode::ConstitutionSyntax, "{doc}");
        assert_eq!(got, at, "{doc}: {msg}");
        assert!(msg.contains(needle), "{doc}: {msg}");
    }
}

#[test]
fn crlf_and_bom_documents_read_like_plain_ones() {
    let plain = constitution::export(&rich());
    let crlf = format!("\u{feff}{}", plain.replace('\n', "\r\n"));
    assert_eq!(constitution::parse(&crlf).expect("crlf"), constitution::parse(&plain).expect("plain"));
}

/// Single lines, well-formed or not, that may appear anywhere.
fn raw_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# Title — Constitution".to_owned()),
        Just("Version: 1.x".to_owned()),
        Just("## Article 3 — C".to_owned()),
        Just("### Clause {#".to_owned()),
        Just("#### Deep".to_owned()),
        Just("```cogov roles".to_owned()),
        Just("```cogov nonsense".to_owned()),
        Just("```".to_owned()),
        Just("{".to_owned()),
        "[^\n]{0,24}",
        "[#`\\\\{} a-z=\".]{0,16}",
    ]
}

/// Text lines of the preamble or a clause.
fn text_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("   ".to_owned()),
        Just("\\# escaped".to_owned()),
        Just("\\".to_owned()),
        Just("\\```".to_owned()),
        Just("Version: 1.2.0".to_owned()),
        "[a-zé ,.]{1,30}",
        "[ \t]{0,2}[a-z]{1,8}[ \t]{0,2}",
    ]
}

/// A whole block: a fence, a body (fitting or not) and mostly a closing fence.
fn block_text() -> impl Strategy<Value = String> {
    let domain = prop_oneof![
        Just("roles"),
        Just("resources"),
        Just("amendment_rules"),
        Just("alert_thresholds"),
        Just("delegation"),
        Just("text"),
    ];
    let body = prop_oneof![
        Just("[]"),
        Just("[{\"id\": \"r\"}]"),
        Just("[{\"id\": \"x\", \"decision_type\": \"d\", \"clauses\": [\"a\"]}]"),
        Just("{\"authority_concentration\": {\"watch\": 0.25, \"alert\": 0.5}}"),
        Just("{\"allowed\": true}"),
        Just("\"exact\\ntext\""),
        Just("\"\""),
    ];
    (domain, body, prop::bool::weighted(0.95))
        .prop_map(|(d, b, closed)| format!("```cogov {d}\n{b}{}", if closed { "\n```" } else { "" }))
}

/// An article heading with varied attributes.
fn article_heading() -> impl Strategy<Value = String> {
    let id = "[a-c]{1,2}";
    prop_oneof![
        (id, "[A-Za-z ]{0,10}").prop_map(|(i, t)| format!("## Article 1 — {t} {{#{i}}}")),
        id.prop_map(|i| format!("## {{#{i} title=\"B {{x}}\"}}")),
    ]
}

/// A clause heading with varied attributes.
fn clause_heading() -> impl Strategy<Value = String> {
    let id = "[a-c]{1,2}";
    prop_oneof![
        (id, "[A-Za-z0-9 ]{0,10}", any::<bool>())
            .prop_map(|(i, t, e)| format!("### 1.1 {t} {{#{i}{}}}", if e { " .entrenched" } else { "" })),
        id.prop_map(|i| format!("### {{id=\"{i} {i}\" decision_type=d}}")),
    ]
}

/// Text and blocks under one heading.
fn body() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(prop_oneof![4 => text_line(), 1 => block_text()], 0..5)
}

/// A document built from headings, blocks and text: mostly well-formed, sometimes with a
/// stray line inserted anywhere.
fn structured() -> impl Strategy<Value = String> {
    let article = (article_heading(), prop::collection::vec((clause_heading(), body()), 0..3));
    (
        prop::bool::weighted(0.95),
        body(),
        prop::collection::vec(article, 0..3),
        prop::option::weighted(0.3, (any::<prop::sample::Index>(), raw_line())),
    )
        .prop_map(|(head, preamble, articles, noise)| {
            let mut lines = Vec::new();
            if head {
                lines.push(
                    "# T — Constitution\nVersion: 1.0.0\n```cogov identity\n{\"name\": \"t\", \"kind\": \"dao\"}\n```"
                        .to_owned(),
                );
            }
            lines.extend(preamble);
            for (a, clauses) in articles {
                lines.push(a);
                for (c, body) in clauses {
                    lines.push(c);
                    lines.extend(body);
                }
            }
            if let Some((at, raw)) = noise {
                lines.insert(at.index(lines.len() + 1), raw);
            }
            lines.join("\n")
        })
}

/// An error names a place inside the document and one of the two codes.
fn check_error(doc: &str, e: &cogov_engine::IntakeError) -> Result<(), TestCaseError> {
    prop_assert!(matches!(e.code, ErrorCode::ConstitutionSyntax | ErrorCode::TooDeep), "{}", e);
    let cogov_engine::Location::LineColumn { line, column } = e.location else {
        return Err(TestCaseError::fail(format!("no line and column: {e}")));
    };
    let lines = doc.split('\n').count();
    prop_assert!(line >= 1 && line <= lines && column >= 1, "{} outside a {}-line document", e, lines);
    Ok(())
}

/// When a document reads as a GCO, its export is a fixed point.
fn check_stable(doc: &str) -> Result<(), TestCaseError> {
    let v = match constitution::parse(doc) {
        Ok(v) => v,
        Err(e) => return check_error(doc, &e),
    };
    let Some(g) = intake::from_value(v).gco else { return Ok(()) };
    let out = constitution::export(&g);
    let v2 = constitution::parse(&out).map_err(|e| TestCaseError::fail(format!("{e}\n{out}")))?;
    let g2 = intake::from_value(v2.clone()).gco;
    prop_assert_eq!(g2.as_ref().map(Gco::fingerprint), Some(g.fingerprint()));
    prop_assert_eq!(g2.as_ref(), Some(&g));
    let out2 = constitution::export(g2.as_ref().unwrap_or(&g));
    prop_assert_eq!(&out2, &out);
    prop_assert_eq!(constitution::parse(&out2).ok(), Some(v2));
    Ok(())
}

/// Text that stresses the escaping: special line starts, blank runs, edge whitespace.
fn nasty_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just(String::new()),
        Just(" ".to_owned()),
        Just("\\".to_owned()),
        "#{1,3}[ a-z]{0,5}",
        "```[a-z ]{0,8}",
        "\\\\[ #`]{0,3}",
        "[ \t]{0,2}[a-zé日]{0,6}[ \t\r]{0,2}",
        any::<String>(),
    ];
    prop::collection::vec(line, 0..8).prop_map(|l| l.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        check_stable(&s)?;
    }

    #[test]
    fn structured_documents_never_panic_and_export_stably(doc in structured()) {
        check_stable(&doc)?;
    }

    #[test]
    fn any_text_ids_and_titles_round_trip(
        preamble in prop::option::of(nasty_text()),
        text in nasty_text(),
        title in prop::option::of(nasty_text()),
        article_title in nasty_text(),
        id in "[^\n]{0,12}|.{0,12}",
        decision_type in prop::option::of(any::<String>()),
        entrenched in any::<bool>(),
    ) {
        let mut g = bare();
        g.constitution = Some(Constitution {
            preamble,
            articles: vec![Article {
                id: id.clone(),
                title: article_title,
                clauses: vec![Clause { id, title, text, entrenched, decision_type }],
            }],
            amendment_rules: vec![],
        });
        let doc = constitution::export(&g);
        let back = intake::from_value(constitution::parse(&doc).map_err(|e| TestCaseError::fail(format!("{e}\n{doc}")))?).gco;
        prop_assert_eq!(back.as_ref(), Some(&g), "document:\n{}", doc);
        prop_assert_eq!(constitution::export(&g), doc);
    }
}
