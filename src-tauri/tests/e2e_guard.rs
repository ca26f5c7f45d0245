//! End-to-end test of "never lose work" in the real studio (tauri-driver + WebKitWebDriver
//! under Xvfb; see e2e.rs for what it needs): a removal in the form offers Undo, which brings
//! the entry back; Ctrl+Z and Ctrl+Shift+Z step one history for the form and the JSON text;
//! opening another example over unsaved changes asks first, Cancel keeps the design and
//! Discard replaces it; the recovery copy kept while changes are unsaved is offered and
//! recovered when the page starts again (as after a crash). Closing the window with unsaved
//! changes asks natively (src/recovery.rs): WebDriver's Close Window bypasses the window
//! manager's close request, so the close is requested from the page, as Tauri's
//! `getCurrentWindow().close()` does (it emits CloseRequested; `destroy()` would not), and the
//! stubbed question answers Keep working, then Close. Screenshots go to `target/e2e-screenshots/guard_*.png`.
//!
//! Run: `cargo test -p cogov-studio --test e2e_guard -- --nocapture` (rebuild `ui/dist` first).

// The harness is shared with the other end-to-end files; this file uses only part of it.
#[path = "e2e/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "e2e/views.rs"]
#[allow(dead_code)]
mod views;

use harness::{Ctx, R, Session, ensure, scenario, tid};
use serde_json::json;
use views::{CONTROL, SHIFT, open_example, press};

/// How many decision types the form shows (top-level cards only, not nested ones).
const CARDS: &str = "[...document.querySelectorAll('[data-testid$=\"-card\"]')].filter(e => /^field-decision_types-\\d+-card$/.test(e.dataset.testid)).length";

/// The ids of the design's decision types, read from the form's cards.
async fn decision_cards(s: &Session) -> R<usize> {
    let n = s.js(&format!("return {CARDS};"), vec![]).await?;
    Ok(n.as_u64().unwrap_or(0) as usize)
}

/// Waits until the form shows `n` decision types.
async fn wait_cards(s: &Session, n: usize, what: &str) -> R<()> {
    s.wait_js(what, &format!("return {CARDS} === arguments[0];"), vec![json!(n)]).await.map(|_| ())
}

/// Opens worker-coop in the form at its decision types; returns how many it shows.
async fn open_decision_types(s: &Session) -> R<usize> {
    open_example(s, "worker-coop").await?;
    s.click(&tid("editor-mode-form")).await?;
    s.click(&tid("tab-decision_types")).await?;
    s.find(&tid("field-decision_types-0-card")).await?;
    let n = decision_cards(s).await?;
    ensure(n >= 2, || format!("worker-coop shows {n} decision types"))?;
    Ok(n)
}

/// Removes the first decision type with its card's button and waits until `before - 1` remain.
async fn remove_first_decision_type(s: &Session, before: usize, what: &str) -> R<()> {
    s.click("[data-testid=\"field-decision_types-0-card\"] button.rm").await?;
    wait_cards(s, before - 1, what).await
}

#[test]
fn guard_undo_and_removal() {
    scenario("guard_undo_and_removal", async |s: &Session| {
        let before = open_decision_types(s).await?;

        // Remove the first decision type: a toast offers Undo, which brings it back.
        remove_first_decision_type(s, before, "the decision type to be removed").await?;
        let toast = s.find(&tid("toast")).await?.text().await.ctx("toast")?;
        ensure(toast.contains("Removed an entry at /decision_types"), || format!("the toast says {toast:?}"))?;
        s.shot("-removed").await?;
        s.click(&tid("toast-action")).await?;
        wait_cards(s, before, "Undo to bring the decision type back").await?;

        // The keyboard walks the same history: Ctrl+Shift+Z removes it again, Ctrl+Z restores.
        press(s, &[CONTROL, SHIFT, 'z']).await?;
        wait_cards(s, before - 1, "Ctrl+Shift+Z to redo the removal").await?;
        press(s, &[CONTROL, 'z']).await?;
        wait_cards(s, before, "Ctrl+Z to undo the removal").await?;
        s.wait_js(
            "the design to be clean again",
            "return !document.querySelector('[data-testid=\"dirty-mark\"]');",
            vec![],
        )
        .await?;
        s.shot("-undone").await?;

        // Change it again, so there is something to lose.
        remove_first_decision_type(s, before, "the decision type to be removed again").await?;

        // Opening another example over unsaved changes asks first.
        s.click(&tid("nav-home")).await?;
        s.click(&tid("example-token-dao")).await?;
        s.wait_js(
            "the guard",
            "const d = document.querySelector('[data-testid=\"guard-dialog\"]'); return d && d.open;",
            vec![],
        )
        .await?;
        s.shot("-guard").await?;
        s.click(&tid("guard-cancel")).await?;
        s.wait_js(
            "the guard to close",
            "return !document.querySelector('[data-testid=\"guard-dialog\"]').open;",
            vec![],
        )
        .await?;
        let name = s.find(&tid("design-name")).await?.text().await.ctx("design-name")?;
        ensure(name == "worker-coop.json", || format!("after Cancel the studio shows {name}"))?;

        s.click(&tid("example-token-dao")).await?;
        s.click(&tid("guard-discard")).await?;
        s.wait_js(
            "token-dao to open",
            "const n = document.querySelector('[data-testid=\"design-name\"]'); return n && n.textContent.trim() === 'token-dao.json';",
            vec![],
        )
        .await?;
        Ok(())
    });
}

#[test]
fn guard_close_and_recovery() {
    let name = "guard_close_and_recovery";
    scenario(name, async |s: &Session| {
        let before = open_decision_types(s).await?;
        remove_first_decision_type(s, before, "the decision type to be removed").await?;

        // The recovery copy is kept in the app's data folder after a pause.
        let copy = s
            .dialog_dir
            .parent()
            .ok_or("the stack has no root")?
            .join("home/.local/share/studio.cogov.desktop/recovery.json");
        let deadline = std::time::Instant::now() + harness::WAIT;
        let kept: serde_json::Value = loop {
            if let Some(v) = std::fs::read(&copy).ok().and_then(|b| serde_json::from_slice(&b).ok()) {
                break v;
            }
            ensure(std::time::Instant::now() < deadline, || format!("no recovery copy at {}", copy.display()))?;
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        };
        ensure(kept["name"] == json!("worker-coop.json"), || format!("the copy is of {}", kept["name"]))?;
        let text = kept["text"].as_str().unwrap_or_default().to_owned();
        ensure(!text.is_empty() && text.matches("\"quorum\"").count() > 0, || "the copy holds no design".into())?;

        // The page starts again (as after a crash): the copy is offered and recovered, unsaved.
        s.js("location.reload(); return true;", vec![]).await?;
        s.find(&tid("recovery-offer")).await?;
        s.shot("-offer").await?;
        s.click(&tid("recovery-recover")).await?;
        s.find(&tid("view-editor")).await?;
        s.find(&tid("dirty-mark")).await?;
        s.click(&tid("tab-decision_types")).await?;
        wait_cards(s, before - 1, "the recovered design to lack the removed decision type").await?;
        Ok(())
    });
}

/// Asks the window to close from the page, exactly as `getCurrentWindow().close()` does; the
/// promise's outcome is left in `window.__closeOutcome` for the failure message.
const REQUEST_CLOSE: &str = "window.__closeOutcome = 'pending'; \
    window.__TAURI_INTERNALS__.invoke('plugin:window|close', { label: 'main' }) \
      .then(() => { window.__closeOutcome = 'requested'; }, (e) => { window.__closeOutcome = String(e); }); \
    return true;";

/// Waits for the stubbed close question to be asked and returns its text.
async fn wait_close_asked(s: &Session, asked: &std::path::Path) -> R<String> {
    let deadline = std::time::Instant::now() + harness::WAIT;
    loop {
        if let Ok(q) = std::fs::read_to_string(asked) {
            return Ok(q);
        }
        if std::time::Instant::now() > deadline {
            let outcome = s.js("return String(window.__closeOutcome);", vec![]).await.unwrap_or_default();
            return Err(format!("closing the window asked nothing (the close request: {outcome})"));
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[test]
fn guard_close_asks_first() {
    scenario("guard_close_asks_first", async |s: &Session| {
        let before = open_decision_types(s).await?;
        remove_first_decision_type(s, before, "the decision type to be removed").await?;
        s.find(&tid("dirty-mark")).await?;
        // The shell learns of unsaved changes with the recovery copy, after the page's pause.
        let copy = s
            .dialog_dir
            .parent()
            .ok_or("the stack has no root")?
            .join("home/.local/share/studio.cogov.desktop/recovery.json");
        let deadline = std::time::Instant::now() + harness::WAIT;
        while !copy.is_file() {
            ensure(std::time::Instant::now() < deadline, || "no recovery copy was kept".into())?;
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }

        // Keep working: the question is asked, the window and the unsaved design stay.
        let asked = s.dialog_dir.join("close-asked.txt");
        std::fs::write(s.dialog_dir.join("close-answer.txt"), "keep").ctx("cannot write the answer")?;
        s.js(REQUEST_CLOSE, vec![]).await?;
        let question = wait_close_asked(s, &asked).await?;
        ensure(question.starts_with("worker-coop.json has unsaved changes."), || {
            format!("the close question reads {question:?}")
        })?;
        s.wait_js("the close request to return", "return window.__closeOutcome === 'requested';", vec![]).await?;
        let name = s.find(&tid("design-name")).await?.text().await.ctx("design-name")?;
        ensure(name == "worker-coop.json", || format!("after Keep working the studio shows {name}"))?;
        s.find(&tid("dirty-mark")).await?;
        wait_cards(s, before - 1, "the unsaved design to stay as edited").await?;
        s.shot("-kept").await?;

        // Close: the question is asked again and the window goes (the recovery copy stays).
        std::fs::remove_file(&asked).ctx("cannot clear the first question")?;
        std::fs::write(s.dialog_dir.join("close-answer.txt"), "close").ctx("cannot write the answer")?;
        // With the answer "close" the window can go before WebDriver has the script's reply (CI
        // saw "webdriver returned error" here once): the checks are the question asked and the
        // window gone, below, not the reply.
        if let Err(e) = s.js(REQUEST_CLOSE, vec![]).await {
            eprintln!("[guard_close_asks_first] the close request's reply was lost: {e}");
        }
        wait_close_asked(s, &asked).await?;
        let deadline = std::time::Instant::now() + harness::WAIT;
        loop {
            let gone = match s.client.windows().await {
                Err(_) => true,
                Ok(w) => w.is_empty(),
            };
            if gone {
                break;
            }
            ensure(std::time::Instant::now() < deadline, || "the window stayed open after Close".into())?;
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        ensure(copy.is_file(), || "closing dropped the recovery copy".into())?;
        Ok(())
    });
}
