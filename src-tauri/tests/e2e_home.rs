//! End-to-end: the home view through the real webview (tauri-driver + WebKitWebDriver under Xvfb,
//! the real `cogov-studio` binary; see e2e/harness.rs for what it needs).
//!
//! Home lists the six examples; token-dao opens with score 100 and no blocking finding.
//!
//! Run: `cargo test -p cogov-studio --test e2e_home -- --nocapture` (build the UI first:
//! `cd ui && npm run build`, the binary embeds `ui/dist`).

#[path = "e2e/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "e2e/views.rs"]
#[allow(dead_code)]
mod views;

use harness::{Ctx, Session, ensure, scenario, tid};
use views::EXAMPLES;

#[test]
fn home_lists_examples_and_opens_token_dao() {
    scenario("home_lists_examples_and_opens_token_dao", async |s: &Session| {
        s.find(&tid("example-list")).await?;
        let listed = s
            .wait_js(
                "the example list to be filled",
                "const b = [...document.querySelectorAll('[data-testid=\"example-list\"] [data-testid^=\"example-\"]')]; \
                 return b.length ? b.map(e => e.dataset.testid.replace(/^example-/, '')) : null;",
                vec![],
            )
            .await?;
        let listed: Vec<String> = serde_json::from_value(listed).ctx("example ids")?;
        ensure(listed == EXAMPLES, || format!("home lists examples {listed:?}, expected {EXAMPLES:?}"))?;
        for id in EXAMPLES {
            let t = s.find(&tid(&format!("example-{id}"))).await?.text().await.ctx("example text")?;
            ensure(!t.trim().is_empty(), || format!("example-{id} has no visible title"))?;
        }
        s.shot("-home").await?;

        s.click(&tid("example-token-dao")).await?;
        s.find(&tid("view-editor")).await?;
        let name = s.find(&tid("design-name")).await?.text().await.ctx("design-name")?;
        ensure(name == "token-dao.json", || format!("the editor shows `{name}`, expected token-dao.json"))?;
        s.find(&tid("findings-panel")).await?;
        let score = s.score().await?;
        ensure(score == 100, || format!("token-dao's compliance score is {score}, expected 100"))?;
        let blocking = s.all("[data-testid=\"finding-item\"][data-severity=\"blocking\"]").await?;
        ensure(blocking.is_empty(), || format!("token-dao shows {} blocking findings", blocking.len()))?;
        s.find(&tid("findings-empty")).await?;
        // The identity form is shown with the example's data.
        let dn = s.find(&tid("field-identity-display_name")).await?.prop("value").await.ctx("display name")?;
        ensure(dn.as_deref() == Some("Lumina Protocol DAO"), || format!("identity display name field shows {dn:?}"))?;
        s.shot("").await?;
        Ok(())
    });
}
