//! End-to-end: the topology view through the real webview (tauri-driver + WebKitWebDriver under Xvfb,
//! the real `cogov-studio` binary; see e2e/harness.rs for what it needs).
//!
//! Topology: the canvas has nodes; searching a role id and picking it shows its details.
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
use serde_json::json;
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
