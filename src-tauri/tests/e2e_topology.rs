//! End-to-end: the topology view through the real webview (tauri-driver + WebKitWebDriver under Xvfb,
//! the real `cogov-studio` binary; see e2e/harness.rs for what it needs).
//!
//! Topology: the canvas has nodes; searching a role id and picking it shows its details.
//! Readable: on the cooperative and on token-dao (grouped and every member by role) no label
//! box overlaps another label or a node, the trust domains' boxes are apart with their titles
//! inside on one line, the positions are the same on a second visit, and the chosen members
//! view is remembered for the design.
//!
//! Run: `cargo test -p cogov-studio --test e2e_topology -- --nocapture` (build the UI first:
//! `cd ui && npm run build`, the binary embeds `ui/dist`).

#[path = "e2e/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "e2e/views.rs"]
#[allow(dead_code)]
mod views;

use harness::{Ctx, Session, ensure, scenario, tid};
use serde_json::{Value, json};
use std::time::Duration;
use views::{ARROW_LEFT, CONTROL, ESCAPE, open_example, press, settle_layout};

#[test]
fn topology_search_selects_node() {
    scenario("topology_search_selects_node", async |s: &Session| {
        open_example(s, "token-dao").await?;
        s.click(&tid("nav-topology")).await?;
        s.find(&tid("topology-canvas")).await?;
        let stats = s.find(&tid("topology-stats")).await?.text().await.ctx("stats")?;
        let stated: usize = stats
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .replace([',', '.', '\u{a0}'], "")
            .parse()
            .ctx(&format!("topology-stats `{stats}`"))?;
        let n = s
            .wait_js(
                "window.__cy to hold the drawn graph",
                "return window.__cy && !window.__cy.destroyed() ? window.__cy.nodes().length : null;",
                vec![],
            )
            .await?;
        ensure(n.as_u64() == Some(stated as u64) && stated > 10, || {
            format!("cytoscape has {n} nodes, the toolbar says `{stats}`")
        })?;
        let rendered = s
            .js(
                "const c = document.querySelector('[data-testid=\"topology-canvas\"]'); \
                 return [...c.querySelectorAll('canvas')].filter(x => x.width > 0 && x.height > 0).length;",
                vec![],
            )
            .await?;
        ensure(rendered.as_u64().unwrap_or(0) > 0, || "the topology canvas has no drawn <canvas> layer".into())?;
        settle_layout(s).await?;

        let id = "role:security-council";
        s.type_into(&tid("topology-search"), "security-council").await?;
        s.find(&tid("topology-search-result")).await?;
        let mut picked = false;
        for r in s.all(&tid("topology-search-result")).await? {
            if r.text().await.ctx("result text")?.split_whitespace().any(|w| w == id) {
                r.click().await.ctx("cannot click the search result")?;
                picked = true;
                break;
            }
        }
        ensure(picked, || format!("no topology-search-result names `{id}`"))?;
        let details = s.find(&tid("topology-details")).await?;
        let code =
            details.find(fantoccini::Locator::Css("code")).await.ctx("details id")?.text().await.ctx("details id")?;
        ensure(code == id, || format!("topology-details shows id `{code}`, expected `{id}`"))?;
        let all = details.text().await.ctx("details text")?;
        ensure(all.to_lowercase().contains("role"), || format!("details do not say it is a role: {all}"))?;
        let sel = s.js("return window.__cy.$(':selected').map(e => e.id());", vec![]).await?;
        ensure(sel == json!([id]), || format!("cytoscape's selection is {sel}, expected [{id}]"))?;
        tokio::time::sleep(Duration::from_millis(600)).await; // the centring animation
        s.shot("").await?;

        // The keyboard alone: Escape closes the details, + zooms, an arrow pans, Ctrl+3 and
        // Ctrl+4 switch to the editor and back.
        press(s, &[ESCAPE]).await?;
        s.wait_js(
            "the details panel to close",
            "return document.querySelector('[data-testid=\"topology-details\"]') ? null : true;",
            vec![],
        )
        .await?;
        let viewport = "const c = window.__cy; return { zoom: c.zoom(), x: c.pan().x };";
        s.js("document.querySelector('[data-testid=\"topology-canvas\"]').focus(); return true;", vec![]).await?;
        let before = s.js(viewport, vec![]).await?;
        press(s, &['+']).await?;
        let zoomed = s.js(viewport, vec![]).await?;
        let (z0, z1) = (before["zoom"].as_f64().unwrap_or(0.0), zoomed["zoom"].as_f64().unwrap_or(0.0));
        ensure(z1 > z0 * 1.1, || format!("+ did not zoom in: {before} → {zoomed}"))?;
        press(s, &[ARROW_LEFT]).await?;
        let panned = s.js(viewport, vec![]).await?;
        ensure(panned["x"].as_f64() > zoomed["x"].as_f64(), || format!("← did not pan: {zoomed} → {panned}"))?;
        press(s, &[CONTROL, '3']).await?;
        s.find(&tid("view-editor")).await?;
        press(s, &[CONTROL, '4']).await?;
        s.find(&tid("topology-canvas")).await?;
        Ok(())
    });
}

/// Reads, in page coordinates (the canvas's client rect plus Cytoscape's rendered boxes of what it
/// drew), every node's body and label box, every trust domain's box and title box, and the
/// positions.
const BOXES_JS: &str = r#"
const cy = window.__cy;
const c = document.querySelector('[data-testid="topology-canvas"]').getBoundingClientRect();
const page = (b) => ({ x1: b.x1 + c.left, y1: b.y1 + c.top, x2: b.x2 + c.left, y2: b.y2 + c.top });
const only = { includeEdges: false, includeOverlays: false, includeUnderlays: false };
const nodes = cy.nodes().not(':parent').not('.attack-virtual').map((n) => ({
  id: n.id(),
  parent: n.data('parent') || null,
  label: n.data('display') || n.data('label'),
  body: page(n.renderedBoundingBox({ ...only, includeLabels: false })),
  text: page(n.renderedBoundingBox({ ...only, includeNodes: false, includeLabels: true })),
}));
const domains = cy.nodes(':parent').map((n) => ({
  id: n.id(),
  title: n.data('display') || n.data('label'),
  box: page(n.renderedBoundingBox({ ...only, includeLabels: false })),
  text: page(n.renderedBoundingBox({ ...only, includeNodes: false, includeLabels: true })),
}));
const edgeLabels = cy.edges().filter((e) => e.data('label') && !e.hasClass('label-hidden')).map((e) => ({
  id: e.id(),
  label: e.data('label'),
  text: page(e.renderedBoundingBox({ ...only, includeNodes: false, includeLabels: true })),
}));
const hiddenLabels = cy.edges('.label-hidden').length;
const l = document.querySelector('ul.legend');
const legend = l ? l.getBoundingClientRect() : null;
const positions = cy.nodes().not(':parent').map((n) => n.id() + '@' + Math.round(n.position().x) + ',' + Math.round(n.position().y)).join(';');
return { nodes, domains, edgeLabels, hiddenLabels, legend: legend && { x1: legend.left, y1: legend.top, x2: legend.right, y2: legend.bottom }, positions, zoom: cy.zoom(), layout: document.querySelector('[data-testid="layout-select"]').value };
"#;

fn bx(v: &Value) -> [f64; 4] {
    ["x1", "y1", "x2", "y2"].map(|k| v[k].as_f64().unwrap_or(f64::NAN))
}

fn overlap(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

fn inside(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] >= b[0] && a[2] <= b[2] && a[1] >= b[1] && a[3] <= b[3]
}

/// Checks the drawing read by [`BOXES_JS`]: no label over another label or another node, no edge
/// label shown over a node, a node label or another edge label, nothing under the legend, trust
/// domains apart, each title inside its own box on one line and clear of the box's contents.
fn check_readable(what: &str, got: &Value) -> harness::R<usize> {
    let nodes = got["nodes"].as_array().ok_or(format!("{what}: no nodes read"))?;
    ensure(nodes.len() > 10, || format!("{what}: only {} nodes", nodes.len()))?;
    let edge_labels = got["edgeLabels"].as_array().cloned().unwrap_or_default();
    for (i, e) in edge_labels.iter().enumerate() {
        let t = bx(&e["text"]);
        for n in nodes {
            ensure(!overlap(t, bx(&n["text"])) && !overlap(t, bx(&n["body"])), || {
                format!("{what}: the label `{}` of edge {} lies over {}", e["label"], e["id"], n["id"])
            })?;
        }
        for other in &edge_labels[i + 1..] {
            ensure(!overlap(t, bx(&other["text"])), || {
                format!("{what}: the edge labels `{}` and `{}` overlap", e["label"], other["label"])
            })?;
        }
    }
    if !got["legend"].is_null() {
        let legend = bx(&got["legend"]);
        for n in nodes {
            ensure(!overlap(legend, bx(&n["text"])) && !overlap(legend, bx(&n["body"])), || {
                format!("{what}: the legend covers {}", n["id"])
            })?;
        }
    }
    for (i, a) in nodes.iter().enumerate() {
        for b in &nodes[i + 1..] {
            let (ta, tb) = (bx(&a["text"]), bx(&b["text"]));
            ensure(!overlap(ta, tb), || {
                format!("{what}: the labels of {} and {} overlap: {ta:?} {tb:?}", a["id"], b["id"])
            })?;
            ensure(!overlap(ta, bx(&b["body"])) && !overlap(tb, bx(&a["body"])), || {
                format!("{what}: a label lies over a node: {} / {}", a["id"], b["id"])
            })?;
        }
    }
    let domains = got["domains"].as_array().cloned().unwrap_or_default();
    for (i, d) in domains.iter().enumerate() {
        let (b, t) = (bx(&d["box"]), bx(&d["text"]));
        ensure(inside(t, b), || format!("{what}: the title of {} is outside its box: {t:?} in {b:?}", d["id"]))?;
        // One line: less than two lines of the title font (17 px a line) at the drawing's zoom.
        let zoom = got["zoom"].as_f64().unwrap_or(1.0);
        ensure(t[3] - t[1] < 1.5 * 17.0 * zoom + 4.0, || format!("{what}: the title of {} wraps: {t:?}", d["id"]))?;
        for other in &domains[i + 1..] {
            ensure(!overlap(b, bx(&other["box"])), || {
                format!("{what}: domains {} and {} overlap", d["id"], other["id"])
            })?;
        }
        for n in nodes {
            let mine = n["parent"] == d["id"];
            ensure(!overlap(t, bx(&n["text"])) && !overlap(t, bx(&n["body"])), || {
                format!("{what}: the title of {} covers {}", d["id"], n["id"])
            })?;
            ensure(mine == inside(bx(&n["body"]), b), || format!("{what}: {} and the box of {}", n["id"], d["id"]))?;
        }
    }
    Ok(domains.len())
}

/// Waits for the drawing to hold a node whose id starts with `id` and to stop moving, then reads it.
async fn drawn_with(s: &Session, id: &str) -> harness::R<Value> {
    s.wait_js(
        &format!("the topology to draw {id}"),
        "const cy = window.__cy; return cy && !cy.destroyed() && cy.nodes().some((n) => n.id().startsWith(arguments[0])) ? true : null;",
        vec![json!(id)],
    )
    .await?;
    settle_layout(s).await?;
    s.js(BOXES_JS, vec![]).await
}

#[test]
fn topology_is_readable_stable_and_remembered() {
    scenario("topology_readable", async |s: &Session| {
        // The cooperative: 33 nodes, layered, no overlaps.
        open_example(s, "worker-coop").await?;
        s.click(&tid("nav-topology")).await?;
        let coop = drawn_with(s, "role:board").await?;
        ensure(coop["layout"] == "layered", || format!("the layout starts as {}", coop["layout"]))?;
        ensure(coop["nodes"].as_array().map(Vec::len) == Some(33), || "the cooperative has 33 nodes".into())?;
        check_readable("worker-coop", &coop)?;
        // Edge labels that would cover something are hidden, not all of them.
        let shown = coop["edgeLabels"].as_array().map_or(0, Vec::len);
        let hidden = coop["hiddenLabels"].as_u64().unwrap_or(0) as usize;
        ensure(shown > hidden, || format!("worker-coop shows {shown} edge labels and hides {hidden}"))?;
        println!(
            "[topology_readable] worker-coop: {shown} edge labels shown, {hidden} hidden as they would cover something"
        );
        s.shot("-cooperative").await?;
        // The same positions on a second visit, and after opening the design again.
        s.click(&tid("nav-editor")).await?;
        s.find(&tid("view-editor")).await?;
        s.click(&tid("nav-topology")).await?;
        let again = drawn_with(s, "role:board").await?;
        ensure(again["positions"] == coop["positions"], || "the cooperative moved on a second visit".into())?;
        open_example(s, "token-dao").await?;
        open_example(s, "worker-coop").await?;
        s.click(&tid("nav-topology")).await?;
        let reopened = drawn_with(s, "role:board").await?;
        ensure(reopened["positions"] == coop["positions"], || "the cooperative moved after reopening".into())?;

        // token-dao, seats and groups: its two trust domains apart, titles inside.
        open_example(s, "token-dao").await?;
        s.click(&tid("nav-topology")).await?;
        let dao = drawn_with(s, "group:token-holder").await?;
        let domains = check_readable("token-dao", &dao)?;
        ensure(domains == 2, || format!("token-dao has {domains} trust domains drawn, expected 2"))?;
        s.shot("-domains").await?;

        // Every member, grouped by role: one node per role with its count, and a drill-in list.
        s.click(&tid("every-member")).await?;
        let every = drawn_with(s, "group:role:token-holder").await?;
        check_readable("token-dao every member", &every)?;
        let groups: Vec<&Value> = every["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|n| n["id"].as_str().is_some_and(|i| i.starts_with("group:role:")))
            .collect();
        ensure(groups.len() >= 3, || format!("only {} role groups", groups.len()))?;
        let holders = groups.iter().find(|n| n["id"] == "group:role:token-holder").map(|n| n["label"].to_string());
        ensure(holders.as_deref().is_some_and(|l| l.contains("members")), || {
            format!("token holders' label: {holders:?}")
        })?;
        s.js("const cy = window.__cy; cy.getElementById('group:role:token-holder').emit('tap'); return true;", vec![])
            .await?;
        let listed = s.all(&format!("{} li", tid("group-members"))).await?;
        ensure(listed.len() >= 100, || format!("the token holders' group lists {} members", listed.len()))?;
        s.shot("-members").await?;

        // The choice is kept for the design: weight bands, then back after another design.
        s.js(
            "const e = document.querySelector('[data-testid=\"member-grouping\"]'); e.value = 'by_weight'; \
             e.dispatchEvent(new Event('change', { bubbles: true })); return true;",
            vec![],
        )
        .await?;
        let bands = drawn_with(s, "group:weight:").await?;
        check_readable("token-dao by weight band", &bands)?;
        open_example(s, "worker-coop").await?;
        s.click(&tid("nav-topology")).await?;
        drawn_with(s, "role:board").await?;
        open_example(s, "token-dao").await?;
        s.click(&tid("nav-topology")).await?;
        let kept = s.find(&tid("member-grouping")).await?.prop("value").await.ctx("member-grouping")?;
        ensure(kept.as_deref() == Some("by_weight"), || format!("token-dao's members view came back as {kept:?}"))?;
        // Leave the default for the next scenario (storage outlives the page).
        s.click(&tid("every-member")).await?;
        drawn_with(s, "group:token-holder").await?;
        Ok(())
    });
}
