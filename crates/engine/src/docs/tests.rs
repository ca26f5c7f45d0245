use super::*;
use crate::test_examples::example;

fn doc(d: &Documents, kind: Kind) -> &Document {
    d.get(kind).expect("every kind is generated")
}

#[test]
fn worker_coop_documents_match_their_snapshots() {
    let d = generate(&example("worker-coop"), None).expect("generates");
    for kind in Kind::ALL {
        insta::assert_snapshot!(format!("worker_coop_{}", kind.slug()), doc(&d, kind).markdown);
    }
}

#[test]
fn eight_documents_each_stamped_in_markdown_and_html() {
    for name in ["worker-coop", "token-dao", "federated-gov"] {
        let g = example(name);
        let d = generate(&g, None).expect("generates");
        assert_eq!(d.documents.len(), 8, "{name}");
        let fp = g.fingerprint();
        for x in &d.documents {
            assert!(x.html.starts_with("<!DOCTYPE html>") && x.html.contains("<style>"), "{name} {:?}", x.kind);
            assert!(!x.html.contains("<script") && !x.html.contains("http://") && !x.html.contains("https://"));
            for text in [&x.html, &x.markdown] {
                assert!(text.contains(&g.identity.version.to_string()), "{name} {:?}", x.kind);
                assert!(text.contains(&g.identity.name), "{name} {:?}", x.kind);
            }
            // The constitution draft's Markdown is the bare constitution (its fingerprint is
            // what the intake computes from it: see the read-back test).
            if x.kind != Kind::ConstitutionDraft {
                assert!(x.markdown.contains(&fp) && x.html.contains(&fp), "{name} {:?}", x.kind);
            }
        }
        let files = d.files();
        assert_eq!(files.len(), 8 * 2 + 3, "{name}");
        assert!(files.windows(2).all(|w| w[0].0 < w[1].0), "sorted by path");
    }
}

#[test]
fn the_documents_state_the_real_numbers() {
    let d = generate(&example("worker-coop"), None).expect("generates");
    let protocol = &doc(&d, Kind::DecisionProtocol).markdown;
    // rules-amendment: quorum 0.66, approval 0.75.
    assert!(protocol.contains("| rules-amendment | 66% | 75% |"), "{protocol}");
    let treasury = &doc(&d, Kind::TreasuryPolicy).markdown;
    assert!(treasury.contains("Authorisation tiers") && treasury.contains("spend-major"), "{treasury}");
    let acc = &doc(&d, Kind::AccountabilitySpecification).markdown;
    assert!(acc.contains("Escalation ladder") && acc.contains("days"), "{acc}");
}

/// A month is a twelfth of a year: token-dao's 850,000 a month is 10,200,000 a year (counting
/// 30-day months made it 10,341,667), its 40,000 a week is 52.18 weeks of a 365.25-day year.
#[test]
fn a_year_of_inflows_is_twelve_months() {
    let d = generate(&example("token-dao"), None).expect("generates");
    let treasury = &doc(&d, Kind::TreasuryPolicy).markdown;
    assert!(treasury.contains("| 850,000 | month | 10,200,000 |"), "{treasury}");
    assert!(treasury.contains("| 150,000 | month | 1,800,000 |"), "{treasury}");
    assert!(treasury.contains("| 40,000 | week | 2,087,143 |"), "{treasury}");
    assert!(treasury.contains("inflows 14,087,143 USDC a year"), "{treasury}");
}

#[test]
fn the_constitution_draft_reads_back_to_the_same_fingerprint() {
    for name in ["worker-coop", "token-dao", "federated-gov"] {
        let g = example(name);
        let d = generate(&g, None).expect("generates");
        let md = &doc(&d, Kind::ConstitutionDraft).markdown;
        let (_, back) = crate::intake::load("constitution-draft.md", md.as_bytes()).expect("reads");
        assert_eq!(back.into_gco().expect("typed").fingerprint(), g.fingerprint(), "{name}");
    }
}

#[test]
fn graphml_is_xml_and_dot_is_well_formed() {
    use quick_xml::events::Event;
    let g = example("federated-gov");
    let net = graph::NetworkGraph::of(&g);
    assert!(net.nodes.iter().any(|n| n.fingerprint.is_some()), "composition fingerprints are carried");
    assert!(net.nodes.iter().any(|n| n.trust_domain.is_some()), "mesh nodes sit in trust domains");
    let xml = net.graphml();
    let mut r = quick_xml::Reader::from_str(&xml);
    let (mut nodes, mut edges, mut depth) = (0, 0, 0i32);
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                depth += 1;
                match e.name().as_ref() {
                    b"node" => nodes += 1,
                    b"edge" => edges += 1,
                    _ => {}
                }
            }
            Event::End(_) => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0);
    assert_eq!((nodes, edges), (net.nodes.len(), net.edges.len()));
    check_dot(&net.dot(), net.nodes.len(), net.edges.len());
    let json: serde_json::Value = serde_json::from_str(&net.json()).expect("JSON");
    assert_eq!(json["format"], graph::GRAPH_FORMAT);
    assert_eq!(json["source"]["fingerprint"], g.fingerprint());
}

/// A small DOT reader: outside quotes, braces balance and every statement ends with `;`;
/// counts node statements (with `[label=`) and edge statements (`->`).
fn check_dot(dot: &str, nodes: usize, edges: usize) {
    assert!(dot.starts_with("digraph \""), "{dot}");
    let (mut depth, mut in_quote, mut escaped) = (0i32, false, false);
    let mut stmt = String::new();
    let (mut n, mut e) = (0, 0);
    for c in dot.chars() {
        if in_quote {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_quote = false,
                _ => {}
            }
            stmt.push(if c == '"' { c } else { 'x' });
            continue;
        }
        match c {
            '"' => {
                in_quote = true;
                stmt.push(c);
            }
            '{' => {
                depth += 1;
                stmt.clear();
            }
            '}' => {
                depth -= 1;
                assert!(depth >= 0, "unbalanced braces");
                assert!(stmt.trim().is_empty(), "statement without `;`: {stmt}");
            }
            ';' => {
                if stmt.contains("->") {
                    e += 1;
                } else if stmt.contains("[label=") {
                    n += 1;
                }
                stmt.clear();
            }
            c => stmt.push(c),
        }
    }
    assert!(!in_quote && depth == 0, "unclosed quote or brace");
    assert_eq!((n, e), (nodes, edges));
}

#[test]
fn changes_since_an_earlier_version_show_redlines_in_their_documents() {
    let old = example("worker-coop");
    let mut new = old.clone();
    new.identity.version = semver::Version::new(1, 3, 1);
    let i = new.decision_types.iter().position(|d| d.id == "rules-amendment").expect("rules-amendment");
    new.decision_types[i].quorum = 0.6;
    let d = generate(&new, Some(&old)).expect("generates");
    assert_eq!(d.since.as_deref(), Some("1.3.0"));
    let protocol = doc(&d, Kind::DecisionProtocol);
    assert!(protocol.markdown.contains("## Changes since 1.3.0"), "{}", protocol.markdown);
    assert!(
        protocol.markdown.contains("| decision\\_types › rules-amendment › quorum | ~~0.66~~ → **0.6** | patch |"),
        "{}",
        protocol.markdown
    );
    assert!(protocol.html.contains("<del>0.66</del> → <ins>0.6</ins>"), "{}", protocol.html);
    insta::assert_snapshot!("worker_coop_decision-protocol_since_1.3.0.html", protocol.html);
    let treasury = &doc(&d, Kind::TreasuryPolicy).markdown;
    assert!(
        treasury.contains("## Changes since 1.3.0\n\nNo change in the domains this document covers."),
        "{treasury}"
    );
    // The constitution draft keeps the readable format; its redlines are in the HTML page.
    let c = doc(&d, Kind::ConstitutionDraft);
    assert!(!c.markdown.contains("Changes since"));
    assert!(c.html.contains("<del>0.66</del>"));
}

#[test]
fn documents_are_deterministic() {
    let g = example("token-dao");
    let a = generate(&g, None).expect("generates").files();
    let again =
        crate::intake::from_json_bytes(g.canonical_json().as_bytes()).and_then(|d| d.into_gco()).expect("reads");
    let b = generate(&again, None).expect("generates").files();
    assert_eq!(a, b);
}

#[test]
fn a_design_with_blocking_findings_gets_no_documents() {
    let mut g = example("worker-coop");
    g.decision_types[0].quorum = 0.99;
    let e = generate(&g, None).expect_err("refused");
    assert_eq!(e.code.as_str(), "GOV-P001");
}
