//! End-to-end tests through the real webview: `tauri-driver` + WebKitWebDriver drive the real
//! `cogov-studio` binary (UI embedded) under Xvfb, the way a person would use it.
//!
//! Needs `tauri-driver` (`cargo install tauri-driver --locked`), WebKitWebDriver
//! (`webkit2gtk-driver`) and, without a `DISPLAY`, Xvfb; fails with a clear message otherwise.
//! Rebuild the UI first when it changed (`cd ui && npm run build`): the binary embeds `ui/dist`.
//!
//! Run: `cargo test -p cogov-studio --test e2e -- --nocapture`. Screenshots of what each
//! scenario checked go to `target/e2e-screenshots/<scenario>*.png` (`<scenario>-failure.png`
//! when it failed). Scenarios run one at a time, each against a freshly started app.

#[path = "e2e/harness.rs"]
mod harness;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use harness::{Ctx, R, Session, ensure, scenario, tid};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const EXAMPLES: [&str; 6] =
    ["token-dao", "worker-coop", "oss-foundation", "ecosystem-gov", "service-gov", "federated-gov"];

/// Home → click an example → the editor shows it, validated.
async fn open_example(s: &Session, id: &str) -> R<()> {
    s.click(&tid("nav-home")).await?;
    s.click(&tid(&format!("example-{id}"))).await?;
    s.find(&tid("view-editor")).await?;
    let name = s.find(&tid("design-name")).await?.text().await.ctx("cannot read design-name")?;
    ensure(name == format!("{id}.json"), || format!("after opening example `{id}` the status bar names `{name}`"))
}

/// Types `text` with the keyboard into whatever has focus (keeps the caret and selection).
async fn type_keys(s: &Session, text: &str) -> R<()> {
    let mut keys = KeyActions::new("keyboard".into());
    for c in text.chars() {
        keys = keys.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
    }
    s.client.perform_actions(keys).await.ctx(&format!("cannot type `{text}`"))?;
    s.client.release_actions().await.ctx("cannot release keys")
}

// ---------------------------------------------------------------------------------------------
// 1. Home lists the six examples; token-dao opens with score 100 and no blocking finding.
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// 2. An unreachable quorum typed in the JSON view → GOV-E301, score < 50; clicking the finding
//    selects the quorum's line (JSON view) and focuses the quorum field (form view).
// ---------------------------------------------------------------------------------------------

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
                 if (document.activeElement !== ta || ta.selectionStart === ta.selectionEnd) return null; \
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
        ensure(focused["value"] == "0.99", || format!("the focused quorum field shows {}", focused["value"]))?;
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

// ---------------------------------------------------------------------------------------------
// 3. Topology: the canvas has nodes; searching a role id and picking it shows its details.
// ---------------------------------------------------------------------------------------------

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
        Ok(())
    });
}

/// Waits until the force layout stops moving nodes (bounded).
async fn settle_layout(s: &Session) -> R<()> {
    let end = Instant::now() + harness::WAIT;
    let pos = "return window.__cy.nodes().map(n => { const p = n.position(); return Math.round(p.x) + ',' + Math.round(p.y); }).join(';');";
    let mut last = Value::Null;
    loop {
        let now = s.js(pos, vec![]).await?;
        if now == last {
            return Ok(());
        }
        if Instant::now() > end {
            return Err("the topology layout kept moving for 15 s".into());
        }
        last = now;
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Onboarding: answer the dialogue to the end, save, and check the file with the engine.
// ---------------------------------------------------------------------------------------------

const DESIGN_NAME: &str = "Riverside Tool Library";

/// What the current question looks like in the page.
const QUESTION_JS: &str = r#"
if (document.querySelector('[data-testid="onboarding-save"]')) return { done: true };
const q = document.querySelector('[data-testid="onboarding-question"]');
const err = document.querySelector('[data-testid="onboarding-error"]');
if (!q) return err ? { failed: err.textContent } : null;
const next = q.querySelector('[data-testid="onboarding-next"]');
if (!next || next.disabled) return null;
const inp = q.querySelector('[data-testid="onboarding-answer-input"]');
const p = document.querySelector('[data-testid="onboarding-progress"]');
let kind = 'other';
if (inp.tagName === 'INPUT') kind = inp.type;
else if (inp.querySelector('[data-testid="onboarding-option-yes"]')) kind = 'yes_no';
else if (inp.getAttribute('role') === 'radiogroup') kind = 'choice';
else if (inp.classList.contains('lines')) kind = 'list';
const radios = [...inp.querySelectorAll('input[type=radio]')];
return {
  id: q.dataset.questionId, kind, prompt: q.querySelector('.prompt').textContent,
  value: inp.tagName === 'INPUT' ? inp.value : null, min: inp.tagName === 'INPUT' ? inp.min : '',
  checked: radios.findIndex(r => r.checked), options: radios.length,
  lines: inp.querySelectorAll('.line input').length,
  answered: Number(p.getAttribute('aria-valuenow')), total: Number(p.getAttribute('aria-valuemax')),
  error: err ? err.textContent : null,
};
"#;

#[test]
fn onboarding_dialogue_saves_valid_gco() {
    scenario("onboarding_dialogue_saves_valid_gco", async |s: &Session| {
        s.click(&tid("nav-onboarding")).await?;
        s.find(&tid("onboarding-progress")).await?;
        let mut named = false;
        let mut picked = false;
        let mut answered_before: i64 = -1;
        let mut last_id = String::new();
        let mut steps = 0;
        loop {
            let q = s.wait_js("the dialogue to show a question or finish", QUESTION_JS, vec![]).await?;
            if q["done"] == true {
                break;
            }
            if let Some(f) = q["failed"].as_str() {
                return Err(format!("the dialogue failed (after {steps} answers): {f}"));
            }
            let id = q["id"].as_str().unwrap_or_default().to_owned();
            let answered = q["answered"].as_i64().unwrap_or(-1);
            if let Some(e) = q["error"].as_str() {
                return Err(format!("question `{id}` ({}) refused the answer: {e}", q["prompt"]));
            }
            if steps > 0 {
                ensure(id != last_id && answered > answered_before, || {
                    format!(
                        "after answering `{last_id}` the dialogue shows `{id}` with {answered} answered (was {answered_before})"
                    )
                })?;
            }
            steps += 1;
            if steps > 80 {
                return Err("the dialogue did not finish after 80 answers".into());
            }
            println!("[{}] question {steps}: `{id}` ({}), {answered}/{} answered", s.name, q["kind"], q["total"]);
            if steps == 2 {
                s.shot("-question").await?;
            }
            match q["kind"].as_str().unwrap_or_default() {
                "text" if !named => {
                    s.type_into(&tid("onboarding-answer-input"), DESIGN_NAME).await?;
                    named = true;
                }
                "text" if q["value"] == "" => {
                    s.type_into(&tid("onboarding-answer-input"), "Shared tools for the neighbourhood").await?
                }
                "number" if q["value"] == "" => {
                    let v = q["min"].as_str().filter(|m| !m.is_empty()).unwrap_or("1").to_owned();
                    s.type_into(&tid("onboarding-answer-input"), &v).await?;
                }
                "choice" => {
                    let options = q["options"].as_i64().unwrap_or(0);
                    let checked = q["checked"].as_i64().unwrap_or(-1);
                    if !picked && options > 1 {
                        // Pick an option other than the default, as a person would.
                        let i = if checked == 1 { 0 } else { 1 };
                        s.click(&tid(&format!("onboarding-option-{i}"))).await?;
                        picked = true;
                    } else if checked < 0 && options > 0 {
                        s.click(&tid("onboarding-option-0")).await?;
                    }
                }
                "yes_no" if q["checked"] == -1 => s.click(&tid("onboarding-option-yes")).await?,
                _ => {} // keep the default (lists keep their default lines)
            }
            answered_before = answered;
            last_id = id;
            s.click(&tid("onboarding-next")).await?;
            // Wait until the answer was taken (or refused).
            let last = last_id.clone();
            s.wait_js(
                &format!("the dialogue to take the answer to `{last}`"),
                "const q = document.querySelector('[data-testid=\"onboarding-question\"]'); \
                 return !!document.querySelector('[data-testid=\"onboarding-save\"]') \
                     || !!document.querySelector('[data-testid=\"onboarding-error\"]') \
                     || !!(q && q.dataset.questionId !== arguments[0]);",
                vec![json!(last)],
            )
            .await?;
        }
        ensure(named && picked, || format!("the dialogue had no text question ({named}) or no choice ({picked})"))?;
        let past = s.all(&tid("onboarding-past-answer")).await?;
        ensure(past.len() == steps, || format!("the transcript shows {} answers, {steps} were given", past.len()))?;
        let mut saw_name = false;
        for p in past {
            saw_name |= p.text().await.ctx("past answer")?.contains(DESIGN_NAME);
        }
        ensure(saw_name, || format!("the transcript does not show the name `{DESIGN_NAME}`"))?;
        println!("[{}] answered {steps} questions", s.name);

        s.click(&tid("onboarding-save")).await?;
        let file = wait_for_saved_file(&s.dialog_dir).await?;
        let toast = s.find(&tid("toast")).await?.text().await.ctx("toast")?;
        ensure(toast.starts_with("Saved"), || format!("the toast after saving says `{toast}`"))?;
        s.shot("").await?;

        let bytes = std::fs::read(&file).ctx(&format!("cannot read {}", file.display()))?;
        let text = String::from_utf8_lossy(&bytes).to_string();
        let slug = DESIGN_NAME.to_lowercase().replace(' ', "-");
        ensure(text.contains(DESIGN_NAME) || text.contains(&slug), || {
            format!("the saved GCO does not carry the name `{DESIGN_NAME}`")
        })?;
        let doc = cogov_engine::intake::from_json_bytes(&bytes)
            .map_err(|e| format!("{} is not a readable GCO: {e}", file.display()))?;
        ensure(doc.gco.is_some(), || format!("{} does not read as a typed GCO: {:?}", file.display(), doc.findings))?;
        let report = cogov_engine::validate::report(&doc);
        let blocking: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.is_blocking())
            .map(|f| format!("{} at {}: {}", f.code.as_str(), f.path, f.message))
            .collect();
        ensure(blocking.is_empty(), || format!("the saved GCO has blocking findings: {blocking:#?}"))?;
        println!("[{}] saved {} — compliance {}", s.name, file.display(), report.compliance_score);
        Ok(())
    });
}

/// Waits for the stubbed save dialog's file (a `.json`, written atomically) to appear.
async fn wait_for_saved_file(dir: &std::path::Path) -> R<std::path::PathBuf> {
    let end = Instant::now() + harness::WAIT;
    loop {
        let found = std::fs::read_dir(dir)
            .ctx(&format!("cannot list {}", dir.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "json"));
        if let Some(p) = found {
            return Ok(p);
        }
        if Instant::now() > end {
            return Err(format!("no .json file appeared in COGOV_STUDIO_DIALOG_DIR ({}) within 15 s", dir.display()));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
