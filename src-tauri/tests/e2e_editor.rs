//! End-to-end: the editor view through the real webview (tauri-driver + WebKitWebDriver under Xvfb,
//! the real `cogov-studio` binary; see e2e/harness.rs for what it needs).
//!
//! An unreachable quorum typed in the JSON view → GOV-E301, score < 50; clicking the finding
//! selects the quorum's line (JSON view) and focuses the quorum field (form view).
//!
//! Run: `cargo test -p cogov-studio --test e2e_editor -- --nocapture` (build the UI first:
//! `cd ui && npm run build`, the binary embeds `ui/dist`).

#[path = "e2e/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "e2e/views.rs"]
#[allow(dead_code)]
mod views;

use harness::{Ctx, Session, ensure, scenario, tid};
use std::time::Duration;
use views::{open_example, type_keys};

#[test]
fn broken_quorum_shows_finding_and_focuses_field() {
    scenario("broken_quorum_shows_finding_and_focuses_field", async |s: &Session| {
        open_example(s, "token-dao").await?;
        ensure(s.score().await? == 100, || "token-dao did not start at score 100".into())?;
        s.click(&tid("editor-mode-json")).await?;
        s.find(&tid("editor-json")).await?;

        // Put the caret on the first decision type's quorum value and select it, as a double
        // click would; then type the new value with the keyboard.
        let at = s
            .js(
                "const ta = document.querySelector('[data-testid=\"editor-json\"]'); \
                 const t = ta.value; const d = t.indexOf('\"decision_types\"'); if (d < 0) return null; \
                 const re = /\"quorum\":\\s*([0-9.eE+-]+)/g; re.lastIndex = d; const m = re.exec(t); if (!m) return null; \
                 const start = m.index + m[0].length - m[1].length; \
                 ta.focus(); ta.setSelectionRange(start, start + m[1].length); \
                 return { old: m[1], expected: JSON.parse(t).decision_types[0].quorum, start };",
                vec![],
            )
            .await?;
        ensure(at.is_object(), || "the JSON view has no `\"quorum\"` after `\"decision_types\"`".into())?;
        let old: f64 = at["old"].as_str().unwrap_or_default().parse().ctx("old quorum")?;
        ensure(Some(old) == at["expected"].as_f64(), || {
            format!("selected quorum {old} is not decision_types[0].quorum ({})", at["expected"])
        })?;
        type_keys(s, "0.99").await?;
        s.wait_js(
            "the JSON view to hold decision_types[0].quorum = 0.99",
            "try { return JSON.parse(document.querySelector('[data-testid=\"editor-json\"]').value).decision_types[0].quorum === 0.99; } catch (e) { return false; }",
            vec![],
        )
        .await?;

        let e301 = "[data-testid=\"finding-item\"][data-code=\"GOV-E301\"][data-path=\"/decision_types/0/quorum\"]";
        s.find(e301).await.map_err(|e| format!("no GOV-E301 finding for the unreachable quorum: {e}"))?;
        let score = s
            .wait_js(
                "the score to drop below 50",
                "const n = Number(document.querySelector('[data-testid=\"compliance-score\"]').dataset.score); return n < 50 ? String(n) : null;",
                vec![],
            )
            .await?;
        println!("[{}] score after quorum 0.99: {}", s.name, score);
        let sev = s.find(e301).await?.attr("data-severity").await.ctx("severity")?;
        ensure(sev.as_deref() == Some("blocking"), || format!("GOV-E301 has severity {sev:?}, expected blocking"))?;

        // JSON view: clicking the finding selects the quorum's line and focuses the text.
        s.click(e301).await?;
        let sel = s
            .wait_js(
                "the JSON view to select the quorum's line",
                "const ta = document.querySelector('[data-testid=\"editor-json\"]'); \
                 if (!ta.contains(document.activeElement) || ta.selectionStart === ta.selectionEnd) return null; \
                 const line = ta.value.slice(0, ta.selectionStart).split('\\n').length; \
                 return { text: ta.value.slice(ta.selectionStart, ta.selectionEnd), line, \
                          expectedLine: ta.value.slice(0, arguments[0]).split('\\n').length };",
                vec![at["start"].clone()],
            )
            .await?;
        let text = sel["text"].as_str().unwrap_or_default().trim().to_owned();
        ensure(text.starts_with("\"quorum\": 0.99"), || {
            format!("the JSON view selected `{text}`, expected the quorum's line")
        })?;
        ensure(sel["line"] == sel["expectedLine"], || {
            format!("selected line {} but the quorum is on line {}", sel["line"], sel["expectedLine"])
        })?;
        s.shot("-json").await?;

        // Form view: clicking the finding shows the Decision types domain and focuses the field.
        s.click(&tid("editor-mode-form")).await?;
        s.click(e301).await?;
        let focused = s
            .wait_js(
                "the quorum field to have focus",
                "const a = document.activeElement; return a && a.id === 'field-decision_types-0-quorum' ? { id: a.id, value: a.value } : null;",
                vec![],
            )
            .await?;
        // The form shows shares as percentages: a quorum of 0.99 reads 99.
        ensure(focused["value"] == "99", || format!("the focused quorum field shows {}", focused["value"]))?;
        let tab = s.find(&tid("tab-decision_types")).await?.attr("aria-selected").await.ctx("tab state")?;
        ensure(tab.as_deref() == Some("true"), || format!("tab-decision_types aria-selected={tab:?}"))?;
        s.find(&tid("domain-decision_types")).await?;
        let shown = s.all("[role=\"tabpanel\"]").await?;
        ensure(shown.len() == 1, || format!("{} domain panels shown", shown.len()))?;
        // Let the scroll-and-flash settle so the screenshot shows the field.
        tokio::time::sleep(Duration::from_millis(400)).await;
        s.shot("").await?;
        Ok(())
    });
}
