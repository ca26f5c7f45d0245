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
use harness::{Ctx, R, Session, ensure, scenario, scenario_with_env, tid};
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

const ESCAPE: char = '\u{E00C}';
const CONTROL: char = '\u{E009}';
const ARROW_LEFT: char = '\u{E012}';

/// Presses a chord (e.g. Control then 3) on whatever has focus, and releases it.
async fn press(s: &Session, chord: &[char]) -> R<()> {
    let mut keys = KeyActions::new("keyboard".into());
    for &c in chord {
        keys = keys.then(KeyAction::Down { value: c });
    }
    for &c in chord.iter().rev() {
        keys = keys.then(KeyAction::Up { value: c });
    }
    s.client.perform_actions(keys).await.ctx(&format!("cannot press {chord:?}"))?;
    s.client.release_actions().await.ctx("cannot release keys")
}

/// Waits until the force layout stops moving nodes (bounded).
async fn settle_layout(s: &Session) -> R<()> {
    settle_layout_within(s, harness::WAIT).await
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

// ---------------------------------------------------------------------------------------------
// 5. Every example in the editor and the topology, with timings: layout settle time per
//    example, keystroke → findings (in the page), opening a 10,000-member design, and frame
//    times while panning/zooming a ~5,000-node graph. Writes the figures to
//    `target/e2e-perf.json`; asserts only functional facts (no timing thresholds).
// ---------------------------------------------------------------------------------------------

/// The synthetic benchmark design's file name in `COGOV_STUDIO_DIALOG_DIR`.
const SYNTH_FILE: &str = "synthetic-10000.json";
/// Edits per keystroke measurement (each one breaks and then fixes a quorum).
const KEYSTROKE_ROUNDS: usize = 5;
/// Generous bounds for the heavy steps (a loaded CI machine drawing 5,000 nodes).
const SLOW: Duration = Duration::from_secs(120);

/// Installs `window.__e2e.measure(key, action, cond, opts)` once per page: it starts a clock,
/// runs `action`, and stores `{ ms, ... }` in `window.__e2e.results[key]` when `cond(t0, now)`
/// first returns an object (checked on every DOM mutation under `opts.root`, if given, and every
/// `opts.interval` ms); `{ timeout: true }` after `opts.timeoutMs`. The clock runs in the page,
/// so no WebDriver round trip is in the figure.
const PERF_JS: &str = r#"
if (!window.__e2e) {
  window.__e2e = {
    results: {},
    measure(key, action, cond, opts) {
      const R = this.results;
      R[key] = null;
      let done = false, obs = null, iv = null, to = null, t0 = 0, lastError = null;
      const finish = (v) => {
        if (done) return;
        done = true;
        if (obs) obs.disconnect();
        clearInterval(iv);
        clearTimeout(to);
        R[key] = v;
      };
      const check = () => {
        if (done) return;
        const now = performance.now();
        let v = null;
        try { v = cond(t0, now); } catch (e) { lastError = String(e); }
        if (v) finish(Object.assign({ ms: now - t0 }, v));
      };
      if (opts.root) {
        obs = new MutationObserver(check);
        obs.observe(opts.root, { subtree: true, childList: true, attributes: true, characterData: true });
      }
      iv = setInterval(check, opts.interval || 10);
      to = setTimeout(() => finish({ timeout: true, ms: performance.now() - t0, lastError }), opts.timeoutMs);
      t0 = performance.now();
      try { action(); } catch (e) { finish({ error: 'the action threw: ' + e }); return; }
      check();
    },
  };
}
"#;

/// Clicks the topology nav in the page and measures until the new graph's node positions
/// have not changed for a second; `ms` is when they last changed (the layout's end).
const LAYOUT_JS: &str = r#"
const [key, timeoutMs, click] = arguments;
const prev = window.__cy;
let last = null, lastChange = 0;
window.__e2e.measure(key,
  () => document.querySelector(click).click(),
  (t0, now) => {
    const cy = window.__cy;
    if (!cy || cy === prev || cy.destroyed() || cy.nodes().length === 0) return null;
    const sig = cy.nodes().map(n => { const p = n.position(); return Math.round(p.x) + ',' + Math.round(p.y); }).join(';');
    if (sig !== last) { last = sig; lastChange = now; return null; }
    return now - lastChange >= 1000 ? { ms: lastChange - t0, nodes: cy.nodes().length, detectedMs: now - t0 } : null;
  },
  { interval: 25, timeoutMs });
return true;
"#;

/// Puts the caret on the quorum of the decision type `dtId` (index `dtIndex`) in the JSON view
/// and replaces it with `newText` through the view's textarea-like facade (ui/src/lib/editor/facade.ts); measures until the
/// GOV-E301 finding for that quorum is present (`wantPresent`) or gone.
const KEYSTROKE_JS: &str = r#"
const [key, dtId, dtIndex, newText, wantPresent, timeoutMs] = arguments;
const ta = document.querySelector('[data-testid="editor-json"]');
const panel = document.querySelector('[data-testid="findings-panel"]');
if (!ta || !panel) return { error: 'no JSON view or findings panel' };
const t = ta.value;
const d = t.indexOf('"decision_types"');
if (d < 0) return { error: 'no "decision_types" in the JSON view' };
const idRe = new RegExp('"id"\\s*:\\s*' + JSON.stringify(dtId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g');
idRe.lastIndex = d;
const idm = idRe.exec(t);
if (!idm) return { error: 'no decision type ' + dtId + ' in the JSON view' };
const re = /"quorum"\s*:\s*([0-9.eE+-]+)/g;
re.lastIndex = idm.index;
const m = re.exec(t);
if (!m) return { error: 'no quorum after decision type ' + dtId };
const start = m.index + m[0].length - m[1].length, end = start + m[1].length;
const sel = '[data-testid="finding-item"][data-code="GOV-E301"][data-path="/decision_types/' + dtIndex + '/quorum"]';
const present = () => !!document.querySelector(sel);
if (present() === wantPresent) return { error: 'before the edit GOV-E301 present = ' + present() };
ta.focus();
ta.setSelectionRange(start, end);
window.__e2e.measure(key,
  () => { ta.setRangeText(newText, start, end, 'end'); ta.dispatchEvent(new Event('input', { bubbles: true })); },
  () => present() === wantPresent ? { present: wantPresent, old: m[1] } : null,
  { root: panel, interval: 10, timeoutMs });
return { old: m[1] };
"#;

/// Clicks the status bar's Open button in the page and measures until the design `name` is
/// shown with a compliance score.
const OPEN_JS: &str = r#"
const [key, name, timeoutMs] = arguments;
const score = () => document.querySelector('[data-testid="compliance-score"]');
if (score() && score().dataset.score) return { error: 'a score is shown before opening' };
window.__e2e.measure(key,
  () => document.querySelector('[data-testid="open-button"]').click(),
  () => {
    const n = document.querySelector('[data-testid="design-name"]');
    const s = score();
    return n && n.textContent.trim() === name && s && s.dataset.score ? { score: Number(s.dataset.score) } : null;
  },
  { root: document.body, interval: 10, timeoutMs });
return true;
"#;

/// Runs 60 animation frames of a wheel gesture on the graph (a wheel event on its container each
/// frame, zooming in then out, while panning), as a person zooming with the mouse wheel does,
/// then 10 frames of programmatic zoom that each redraw the whole graph. Returns the frame
/// interval mean, 95th percentile and max of the gesture, and the mean of the full redraws (ms).
const FRAMES_JS: &str = r#"
const [key, timeoutMs] = arguments;
const cy = window.__cy;
if (!cy || cy.destroyed()) return { error: 'no graph' };
const el = cy.container();
const box = el.getBoundingClientRect();
const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
const c = { x: cy.width() / 2, y: cy.height() / 2 };
const stamps = [], redraws = [];
let result = null;
const stats = (iv) => {
  iv = iv.slice().sort((a, b) => a - b);
  return { n: iv.length, mean: iv.reduce((a, b) => a + b, 0) / iv.length, p95: iv[Math.ceil(0.95 * iv.length) - 1], max: iv[iv.length - 1] };
};
const redraw = (ts) => {
  redraws.push(ts);
  if (redraws.length > 10) {
    const g = stats(stamps.slice(1).map((s, j) => s - stamps[j]));
    const r = stats(redraws.slice(1).map((s, j) => s - redraws[j]));
    result = { frames: g.n, mean: g.mean, p95: g.p95, max: g.max, redraw_mean: r.mean };
    return;
  }
  cy.zoom({ level: cy.zoom() * 1.01, renderedPosition: c });
  requestAnimationFrame(redraw);
};
window.__e2e.measure(key,
  () => {
    const frame = (ts) => {
      stamps.push(ts);
      const i = stamps.length;
      if (i > 60) {
        // Let the gesture end (Cytoscape waits 150 ms after the last wheel event).
        setTimeout(() => requestAnimationFrame(redraw), 400);
        return;
      }
      el.dispatchEvent(new WheelEvent('wheel', { ...at, deltaY: i <= 30 ? -30 : 30, deltaMode: 0, bubbles: true, cancelable: true }));
      cy.panBy({ x: i % 20 < 10 ? 6 : -6, y: 3 });
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  },
  () => result,
  { interval: 20, timeoutMs });
return true;
"#;

/// Starts an in-page measurement (`script` returns truthy, or `{ error }`), then waits up to
/// `within` for its result, which must be neither a timeout nor an error.
async fn measure(s: &Session, what: &str, script: &str, args: Vec<Value>, within: Duration) -> R<Value> {
    let key = args.first().and_then(Value::as_str).unwrap_or_default().to_owned();
    let started = s.js(&format!("{PERF_JS}\n{script}"), args).await?;
    if let Some(e) = started.get("error") {
        return Err(format!("{what}: cannot start the measurement: {e}"));
    }
    ensure(started != Value::Null && started != json!(false), || format!("{what}: the measurement did not start"))?;
    let r = s
        .wait_js_for(
            what,
            "return window.__e2e && window.__e2e.results[arguments[0]];",
            vec![json!(key)],
            within + Duration::from_secs(10),
        )
        .await?;
    if r.get("timeout").is_some() || r.get("error").is_some() {
        return Err(format!("{what}: {r}"));
    }
    let ms = r["ms"].as_f64().unwrap_or(f64::NAN);
    ensure(ms.is_finite() && ms >= 0.0, || format!("{what}: the page measured {r}"))?;
    Ok(r.clone())
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    if s.is_empty() { f64::NAN } else { s[s.len() / 2] }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The node and edge counts the topology toolbar states ("5,044 nodes · 5,100 edges …").
fn stated_counts(stats: &str) -> R<(u64, u64)> {
    let nums: Vec<u64> = stats
        .split('·')
        .take(2)
        .map(|part| part.split_whitespace().next().unwrap_or_default().replace([',', '.', '\u{a0}', '\u{202f}'], ""))
        .map(|n| n.parse::<u64>().map_err(|_| format!("topology-stats `{stats}` has no count `{n}`")))
        .collect::<R<_>>()?;
    match nums[..] {
        [n, e] => Ok((n, e)),
        _ => Err(format!("topology-stats `{stats}` does not state nodes and edges")),
    }
}

/// The example's topology: layout settle time, cytoscape's node count against the toolbar's.
async fn measure_topology(s: &Session, id: &str) -> R<Value> {
    measure_layout_after(s, id, &tid("nav-topology")).await
}

/// Clicks `click` (the Topology nav, or a control that redraws the graph) and measures until
/// the new graph's layout has settled.
async fn measure_layout_after(s: &Session, id: &str, click: &str) -> R<Value> {
    let r = measure(
        s,
        &format!("the topology of {id} to be laid out"),
        LAYOUT_JS,
        vec![json!(format!("layout-{id}-{click}")), json!(SLOW.as_millis() as u64), json!(click)],
        SLOW,
    )
    .await?;
    let stats = s.find(&tid("topology-stats")).await?.text().await.ctx("topology-stats")?;
    let (stated, edges) = stated_counts(&stats)?;
    let n = s
        .js("return window.__cy && !window.__cy.destroyed() ? window.__cy.nodes().length : null;", vec![])
        .await?
        .as_u64()
        .unwrap_or(0);
    ensure(n > 0 && n == stated, || format!("{id}: cytoscape has {n} nodes, the toolbar says `{stats}`"))?;
    ensure(r["nodes"].as_u64() == Some(n), || format!("{id}: the layout measured {r}, the graph has {n} nodes"))?;
    settle_layout_within(s, SLOW).await?;
    // For the record (not asserted): the layout used, the fitted zoom and whether the whole
    // graph is inside the viewport after the fit.
    let view = s
        .js(
            "const cy = window.__cy; const b = cy.elements().boundingBox(), e = cy.extent(); \
             return { layout: document.querySelector('[data-testid=\"layout-select\"]').value, \
                      zoom: Math.round(cy.zoom() * 1000) / 1000, \
                      fits: b.x1 >= e.x1 - 1 && b.y1 >= e.y1 - 1 && b.x2 <= e.x2 + 1 && b.y2 <= e.y2 + 1 };",
            vec![],
        )
        .await?;
    let ms = round1(r["ms"].as_f64().unwrap_or(f64::NAN));
    println!("[{}] {id}: {n} nodes, {edges} edges; topology click → layout settled {ms} ms; {view}", s.name);
    Ok(json!({
        "nodes": n, "edges": edges, "layout_settled_ms": ms,
        "layout": view["layout"], "fitted_zoom": view["zoom"], "whole_graph_in_view": view["fits"],
    }))
}

/// Waits until the force layout stops moving nodes, for at most `within`.
async fn settle_layout_within(s: &Session, within: Duration) -> R<()> {
    let end = Instant::now() + within;
    let pos = "return window.__cy.nodes().map(n => { const p = n.position(); return Math.round(p.x) + ',' + Math.round(p.y); }).join(';');";
    let mut last = Value::Null;
    loop {
        let now = s.js(pos, vec![]).await?;
        if now == last {
            return Ok(());
        }
        if Instant::now() > end {
            return Err(format!("the topology layout kept moving for {} s", within.as_secs()));
        }
        last = now;
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
}

/// Breaks (quorum 0.99 → GOV-E301 appears) and fixes (old value → it goes) the quorum of
/// decision type `dt_id` (index `dt_index`) `KEYSTROKE_ROUNDS` times in the JSON view.
async fn keystroke_rounds(s: &Session, label: &str, dt_id: &str, dt_index: usize) -> R<Value> {
    s.click(&tid("editor-mode-json")).await?;
    s.find(&tid("editor-json")).await?;
    let bytes = s.js("return document.querySelector('[data-testid=\"editor-json\"]').value.length;", vec![]).await?;
    let mut breaks = Vec::new();
    let mut fixes = Vec::new();
    // The fix restores the text the first break replaced.
    let mut original = String::new();
    for round in 0..KEYSTROKE_ROUNDS {
        for wanted in [true, false] {
            let new_text = if wanted { "0.99".to_owned() } else { original.clone() };
            let key = format!("key-{label}-{round}-{wanted}");
            let what = format!(
                "{label}: GOV-E301 to {} after typing quorum {new_text} (round {})",
                if wanted { "appear" } else { "go" },
                round + 1
            );
            let args = vec![
                json!(key),
                json!(dt_id),
                json!(dt_index),
                json!(new_text),
                json!(wanted),
                json!(SLOW.as_millis() as u64),
            ];
            let r = measure(s, &what, KEYSTROKE_JS, args, SLOW).await?;
            let ms = r["ms"].as_f64().unwrap_or(f64::NAN);
            if wanted {
                breaks.push(ms);
                if round == 0 {
                    original = r["old"].as_str().unwrap_or_default().to_owned();
                    ensure(original.parse::<f64>().is_ok_and(|q| q < 0.99), || {
                        format!("{label}: the quorum replaced was `{original}`")
                    })?;
                    let q = s
                        .js(
                            "return JSON.parse(document.querySelector('[data-testid=\"editor-json\"]').value).decision_types[arguments[0]].quorum;",
                            vec![json!(dt_index)],
                        )
                        .await?;
                    ensure(q == json!(0.99), || {
                        format!("{label}: decision_types[{dt_index}].quorum is {q} after the edit")
                    })?;
                    let sev = s
                        .find(&format!(
                            "[data-testid=\"finding-item\"][data-code=\"GOV-E301\"][data-path=\"/decision_types/{dt_index}/quorum\"]"
                        ))
                        .await?
                        .attr("data-severity")
                        .await
                        .ctx("severity")?;
                    ensure(sev.as_deref() == Some("blocking"), || format!("{label}: GOV-E301 has severity {sev:?}"))?;
                    let score = s.score().await?;
                    ensure(score < 50, || format!("{label}: the score is {score} with GOV-E301"))?;
                    s.shot_named(&format!("{}-{label}-e301", s.name)).await?;
                }
            } else {
                fixes.push(ms);
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }
    let fmt = |v: &[f64]| v.iter().map(|x| round1(*x)).collect::<Vec<_>>();
    println!(
        "[{}] {label}: keystroke → GOV-E301 shown, median {:.1} ms {:?}; fixed → gone, median {:.1} ms {:?}",
        s.name,
        median(&breaks),
        fmt(&breaks),
        median(&fixes),
        fmt(&fixes)
    );
    Ok(json!({
        "json_chars": bytes,
        "decision_type": dt_id,
        "break_ms": fmt(&breaks),
        "fix_ms": fmt(&fixes),
        "median_break_ms": round1(median(&breaks)),
        "median_fix_ms": round1(median(&fixes)),
    }))
}

#[test]
fn every_example_in_editor_and_topology_with_timings() {
    let name = "every_example_in_editor_and_topology_with_timings";
    scenario_with_env(name, &[("COGOV_STUDIO_DIALOG_OPEN", SYNTH_FILE)], async |s: &Session| {
        // The 10,000-member benchmark design, opened first (from a fresh app, so the score that
        // appears can only be the new design's).
        let gco = cogov_engine::synth::large(10_000, 200, 50);
        let synth_dts = gco.decision_types.len();
        let last_dt =
            gco.decision_types.last().map(|d| d.id.clone()).ok_or("the synthetic design has no decision types")?;
        let text = serde_json::to_string_pretty(&gco.to_value()).ctx("cannot serialise the synthetic design")?;
        let file = s.dialog_dir.join(SYNTH_FILE);
        std::fs::write(&file, &text).ctx(&format!("cannot write {}", file.display()))?;
        let opened = measure(
            s,
            "the 10,000-member design to open with a score",
            OPEN_JS,
            vec![json!("open-synth"), json!(SYNTH_FILE), json!(SLOW.as_millis() as u64)],
            SLOW,
        )
        .await?;
        s.find(&tid("view-editor")).await?;
        let synth_score = opened["score"].as_u64().unwrap_or(0);
        let open_ms = round1(opened["ms"].as_f64().unwrap_or(f64::NAN));
        println!("[{}] {SYNTH_FILE} ({} bytes): Open → score {synth_score} in {open_ms} ms", s.name, text.len());
        let synth_keys = keystroke_rounds(s, "synthetic-10000", &last_dt, synth_dts - 1).await?;

        // Each example: editor at 100 with no blocking finding, then its topology.
        let mut examples = serde_json::Map::new();
        for id in EXAMPLES {
            open_example(s, id).await?;
            s.find(&tid("findings-panel")).await?;
            let score = s.score().await?;
            ensure(score == 100, || format!("{id}'s compliance score is {score}, expected 100"))?;
            let blocking = s.all("[data-testid=\"finding-item\"][data-severity=\"blocking\"]").await?;
            ensure(blocking.is_empty(), || format!("{id} shows {} blocking findings", blocking.len()))?;
            let mut topo = measure_topology(s, id).await?;
            s.shot_named(&format!("example-{id}-topology")).await?;
            // The same wheel gesture as on the 5,000-node graph, for comparison.
            let f = measure(
                s,
                &format!("a wheel gesture over {id}"),
                FRAMES_JS,
                vec![json!(format!("frames-{id}")), json!(SLOW.as_millis() as u64)],
                SLOW,
            )
            .await?;
            topo["gesture_frame_ms_mean"] = json!(round1(f["mean"].as_f64().unwrap_or(f64::NAN)));
            topo["full_redraw_ms_mean"] = json!(round1(f["redraw_mean"].as_f64().unwrap_or(f64::NAN)));
            examples.insert(id.to_owned(), topo);
        }

        // token-dao draws its ~5,000 token holders as one group; with "Every member" each is a
        // node: layout time of that ~5,000-node graph and frame times under pan/zoom.
        open_example(s, "token-dao").await?;
        let grouped = measure_topology(s, "token-dao").await?;
        let group = s
            .js("return window.__cy.getElementById('group:token-holder').data('details')?.members ?? null;", vec![])
            .await?;
        ensure(group.as_u64().is_some_and(|n| n > 4_000), || format!("token-dao's token holders group: {group}"))?;
        ensure(grouped["whole_graph_in_view"] == json!(true), || format!("token-dao grouped does not fit: {grouped}"))?;
        let big = measure_layout_after(s, "token-dao", &tid("every-member")).await?;
        ensure(big["nodes"].as_u64().is_some_and(|n| n > 5_000), || format!("every member of token-dao: {big}"))?;
        s.shot_named("token-dao-every-member").await?;
        let frames = measure(
            s,
            "60 frames of a wheel gesture over token-dao's every-member graph",
            FRAMES_JS,
            vec![json!("frames-token-dao"), json!(SLOW.as_millis() as u64)],
            SLOW,
        )
        .await?;
        let (mean, p95) = (frames["mean"].as_f64().unwrap_or(f64::NAN), frames["p95"].as_f64().unwrap_or(f64::NAN));
        ensure(frames["frames"] == json!(60) && mean > 0.0 && p95 > 0.0, || format!("frame measurement: {frames}"))?;
        let redraw = frames["redraw_mean"].as_f64().unwrap_or(f64::NAN);
        println!(
            "[{}] token-dao every member, wheel gesture: mean frame {mean:.1} ms, p95 {p95:.1} ms; full redraw {redraw:.1} ms",
            s.name
        );

        // Keystroke → findings on the largest example file, and on the largest graph.
        let largest = largest_example()?;
        let mut keystrokes = serde_json::Map::new();
        for id in [largest.as_str(), "token-dao"] {
            if keystrokes.contains_key(id) {
                continue;
            }
            open_example(s, id).await?;
            ensure(s.score().await? == 100, || format!("{id} did not start at score 100"))?;
            let dt0 = first_decision_type(id)?;
            keystrokes.insert(id.to_owned(), keystroke_rounds(s, id, &dt0, 0).await?);
        }
        keystrokes.insert("synthetic-10000".into(), synth_keys);

        let mut report = json!({
            "scenario": s.name,
            "examples": examples,
            "keystroke_to_findings": keystrokes,
            "open_synthetic_10000": {
                "file": SYNTH_FILE, "bytes": text.len(), "members": 10_000, "roles": 200, "decision_types": synth_dts,
                "open_to_score_ms": open_ms, "score": synth_score,
            },
            "large_topology": {
                "example": "token-dao (every member)", "nodes": big["nodes"], "edges": big["edges"],
                "layout_settled_ms": big["layout_settled_ms"],
                "frames": frames["frames"], "frame_ms_mean": round1(mean), "frame_ms_p95": round1(p95),
                "frame_ms_max": round1(frames["max"].as_f64().unwrap_or(f64::NAN)),
                "full_redraw_ms_mean": round1(redraw),
            },
        });
        check_figures(&report, "")?;
        // What each figure means, for whoever reads the file.
        report["about"] = json!({
            "examples.*.layout_settled_ms": "click on the Topology nav → node positions last changed (unchanged for 1 s after), measured in the page; the first example's figure includes loading the graph code",
            "keystroke_to_findings.*.break_ms": "the quorum edited in the JSON view (input event) → the GOV-E301 finding is in the DOM, measured in the page; a single edit after a pause is validated at once (a burst waits for 60 ms of quiet)",
            "keystroke_to_findings.*.fix_ms": "the old quorum restored → the GOV-E301 finding is gone",
            "open_synthetic_10000.open_to_score_ms": "click on Open (stubbed dialog) → the design's name and compliance score shown",
            "large_topology": "token-dao opened again, then \"Every member\" ticked: layout time of the ~5,000-node graph; then 60 animation frames of a mouse-wheel gesture (a wheel event per frame, zooming while panning): frame interval mean/p95/max; then 10 programmatic zooms that each redraw the whole graph (full_redraw_ms_mean, what follows the end of a gesture)",
        });
        let out = harness::target_dir().join("e2e-perf.json");
        // Other scenarios' figures (`whatif`) stay in the file.
        let before: Value = std::fs::read(&out).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
        for (k, v) in before.as_object().into_iter().flatten() {
            if report.get(k).is_none() {
                report[k] = v.clone();
            }
        }
        let pretty = serde_json::to_string_pretty(&report).ctx("cannot serialise the figures")?;
        std::fs::write(&out, format!("{pretty}\n")).ctx(&format!("cannot write {}", out.display()))?;
        println!("[{}] figures written to {}:\n{pretty}", s.name, out.display());
        Ok(())
    });
}

/// Every number whose key ends in `_ms` is finite and positive.
fn check_figures(v: &Value, at: &str) -> R<()> {
    match v {
        Value::Object(m) => m.iter().try_for_each(|(k, x)| {
            if k.ends_with("_ms") {
                let ok = match x {
                    Value::Array(a) => {
                        !a.is_empty() && a.iter().all(|y| y.as_f64().is_some_and(|f| f.is_finite() && f > 0.0))
                    }
                    _ => x.as_f64().is_some_and(|f| f.is_finite() && f > 0.0),
                };
                ensure(ok, || format!("the figure {at}/{k} is {x}, expected finite and positive"))?;
            }
            check_figures(x, &format!("{at}/{k}"))
        }),
        _ => Ok(()),
    }
}

/// The repository's `examples` directory.
fn examples_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples")
}

/// The example (of the six) with the largest file.
fn largest_example() -> R<String> {
    let mut best = (0, String::new());
    for id in EXAMPLES {
        let p = examples_dir().join(format!("{id}.json"));
        let len = std::fs::metadata(&p).ctx(&format!("cannot stat {}", p.display()))?.len();
        if len > best.0 {
            best = (len, id.to_owned());
        }
    }
    Ok(best.1)
}

/// The id of an example's first decision type, from its file.
fn first_decision_type(id: &str) -> R<String> {
    let p = examples_dir().join(format!("{id}.json"));
    let v: Value = serde_json::from_slice(&std::fs::read(&p).ctx(&format!("cannot read {}", p.display()))?)
        .ctx(&format!("{} is not JSON", p.display()))?;
    v["decision_types"][0]["id"].as_str().map(str::to_owned).ok_or_else(|| format!("{id} has no decision types"))
}

// ---------------------------------------------------------------------------------------------
// 6. History: commit in the studio, change and commit again, a refused bump, the diff, a
//    rollback; the store the CLI reads holds the same history.
// ---------------------------------------------------------------------------------------------

/// Rewrites the design in the JSON view through its textarea-like facade: `edit` is a JS
/// function body that receives the parsed design as `d` and changes it.
async fn edit_design(s: &Session, edit: &str) -> R<()> {
    let script = format!(
        "const ta = document.querySelector('[data-testid=\"editor-json\"]'); const d = JSON.parse(ta.value); {edit}; \
         ta.setRangeText(JSON.stringify(d, null, 2), 0, ta.value.length, 'end'); return true;"
    );
    s.js(&script, vec![]).await.map(|_| ())
}

/// Commits the editor's design with `message`; returns the dialog's error, if any.
async fn commit_in_studio(s: &Session, message: &str) -> R<Option<String>> {
    s.click(&tid("commit-button")).await?;
    s.type_into(&tid("commit-message"), message).await?;
    s.click(&tid("commit-confirm")).await?;
    let r = s
        .wait_js(
            "the commit to finish",
            "const e = document.querySelector('[data-testid=\"commit-error\"]'); if (e) return { error: e.textContent }; \
             const d = document.querySelector('[data-testid=\"commit-dialog\"]'); return d && !d.open ? { ok: true } : null;",
            vec![],
        )
        .await?;
    Ok(r["error"].as_str().map(str::to_owned))
}

#[test]
fn history_commit_diff_and_rollback_in_the_studio() {
    scenario("history_commit_diff_and_rollback_in_the_studio", async |s: &Session| {
        open_example(s, "worker-coop").await?;
        ensure(commit_in_studio(s, "Adopted at the founding assembly").await?.is_none(), || {
            "first commit refused".into()
        })?;

        s.click(&tid("editor-mode-json")).await?;
        s.find(&tid("editor-json")).await?;
        edit_design(s, "d.decision_types[0].quorum = 0.42; d.identity.version = '1.3.1'").await?;
        ensure(commit_in_studio(s, "Lower the assembly quorum").await?.is_none(), || "second commit refused".into())?;

        // Removing a role is a major change: a patch version is refused with the suggestion.
        edit_design(s, "d.roles.splice(0, 1); d.identity.version = '1.3.2'").await?;
        let refused = commit_in_studio(s, "Drop a role").await?.unwrap_or_default();
        ensure(refused.contains("GOV-S011") && refused.contains("2.0.0"), || format!("the refusal says `{refused}`"))?;
        s.shot("-refused").await?;
        press(s, &[ESCAPE]).await?;

        press(s, &[CONTROL, '5']).await?;
        s.find(&tid("history-timeline")).await?;
        let versions = s
            .wait_js(
                "two versions in the timeline",
                "const v = [...document.querySelectorAll('[data-testid=\"history-version\"]')].map(e => e.dataset.version); \
                 return v.length === 2 ? v : null;",
                vec![],
            )
            .await?;
        ensure(versions == json!(["1.3.1", "1.3.0"]), || format!("the timeline lists {versions}"))?;
        let change = s.find("[data-testid=\"diff-change\"]").await?.attr("data-pointer").await.ctx("pointer")?;
        ensure(change.as_deref() == Some("/decision_types/0/quorum"), || format!("the diff shows {change:?}"))?;
        let summary = s.find(&tid("diff-summary")).await?.text().await.ctx("summary")?;
        ensure(summary.contains("1 change") && summary.contains("patch"), || format!("diff summary `{summary}`"))?;
        s.find(".cm-mergeView").await.map_err(|e| format!("no side-by-side text diff: {e}"))?;
        s.shot("-diff").await?;

        // Roll back to 1.3.0: a third version, marked as a rollback.
        s.click("[data-testid=\"history-version\"][data-version=\"1.3.0\"] [data-testid=\"history-rollback\"]").await?;
        s.click(&tid("history-rollback-confirm")).await?;
        let head = s
            .wait_js(
                "the rollback in the timeline",
                "const v = document.querySelector('[data-testid=\"history-version\"]'); \
                 return v && v.dataset.version === '1.3.2' ? v.dataset.kind : null;",
                vec![],
            )
            .await?;
        ensure(head == json!("rollback"), || format!("the newest version is a {head}"))?;
        s.shot("").await?;

        // Build 1.3.1 from the timeline: ingest, validate, compile and score pass; the stages
        // this build of CoGov does not have are recorded as skipped (never as passed).
        s.click("[data-testid=\"history-version\"][data-version=\"1.3.1\"] [data-testid=\"history-build\"]").await?;
        let stages = s
            .wait_js(
                "the build record",
                "const b = document.querySelector('[data-testid=\"build-record\"]'); if (!b) return null; \
                 return { status: b.dataset.status, stages: [...b.querySelectorAll('[data-testid=\"build-stage\"]')].map(e => e.dataset.stage + ':' + e.dataset.status) };",
                vec![],
            )
            .await?;
        ensure(stages["status"] == json!("passed"), || format!("build: {stages}"))?;
        ensure(
            stages["stages"][0] == json!("ingest:passed")
                && stages["stages"][1] == json!("validate:passed")
                && stages["stages"][2] == json!("compile:passed")
                && stages["stages"][3] == json!("score:passed")
                && stages["stages"][4] == json!("simulate:skipped"),
            || format!("build stages: {stages}"),
        )?;
        s.shot("-build").await?;

        // Promote the build: the Pipeline panel shows the stable channel serving it. The
        // rollback above opened a case routed by the design's ladder (peer mediation, decided by
        // the mediator); resolve it with a reason.
        s.click(&tid("build-promote")).await?;
        s.wait_js(
            "the stable channel serving 1.3.1",
            "const c = document.querySelector('[data-testid=\"channel\"][data-channel=\"stable\"]'); \
             return c && c.textContent.includes('1.3.1') ? c.textContent : null;",
            vec![],
        )
        .await?;
        let case = s
            .wait_js(
                "the rollback's case",
                "const c = document.querySelector('[data-testid=\"case\"][data-kind=\"rollback\"]'); \
                 return c ? { state: c.dataset.state, to: c.querySelector('[data-testid=\"case-assignee\"]').textContent } : null;",
                vec![],
            )
            .await?;
        ensure(case == json!({"state": "open", "to": "role:mediator"}), || format!("the case: {case}"))?;
        s.type_into("[data-testid=\"case\"][data-kind=\"rollback\"] [data-testid=\"case-reason\"]", "payroll checked")
            .await?;
        s.click("[data-testid=\"case\"][data-kind=\"rollback\"] [data-testid=\"case-resolve\"]").await?;
        s.wait_js(
            "the case resolved",
            "const c = document.querySelector('[data-testid=\"case\"][data-kind=\"rollback\"]'); \
             return c && c.dataset.state === 'resolved' ? true : null;",
            vec![],
        )
        .await?;
        s.wait_js(
            "the metrics charts",
            "return document.querySelectorAll('[data-testid=\"bar-chart\"] svg rect').length > 0 ? true : null;",
            vec![],
        )
        .await?;
        s.shot("-pipeline").await?;

        // The same database, read the way `cogov log` reads it.
        let db = s.dialog_dir.parent().ok_or("no scenario root")?.join("home/.local/share/cogov/cogov.db");
        let store = cogov_store::Store::open(&db).ctx(&format!("cannot open {}", db.display()))?;
        let log = store.log("fernwood-bakery-coop").ctx("cogov log")?;
        let listed: Vec<(&str, &str)> = log.iter().map(|v| (v.version.as_str(), v.author.as_str())).collect();
        ensure(listed == [("1.3.0", "e2e-designer"), ("1.3.1", "e2e-designer"), ("1.3.2", "e2e-designer")], || {
            format!("the store holds {listed:?}")
        })?;
        let (_, _, back) = store.diff("fernwood-bakery-coop", "1.3.0", "1.3.2").ctx("diff")?;
        let builds = store.builds("fernwood-bakery-coop").ctx("builds")?;
        ensure(builds.len() == 1 && builds[0].version == "1.3.1", || format!("builds in the store: {builds:?}"))?;
        ensure(back.changes.is_empty(), || format!("1.3.2 does not restore 1.3.0: {:?}", back.changes))?;

        // An amendment proposed and voted through the store (as `cogov propose` and `cogov vote`
        // do): the studio shows it; one the rules do not allow shows why; the other is adopted.
        let (_, mut amended) = store.show("fernwood-bakery-coop", "1.3.2").ctx("show")?;
        let clause = amended
            .constitution
            .as_mut()
            .and_then(|c| c.articles.iter_mut().find(|a| a.id == "membership"))
            .and_then(|a| a.clauses.iter_mut().find(|c| c.id == "admission"))
            .ok_or("no admission clause")?;
        clause.text.push_str(" Amended.");
        amended.identity.version = "1.3.3".parse().ctx("semver")?;
        let mut store = store;
        let votes: Vec<(String, cogov_engine::amend::Choice)> = cogov_engine::population::members(&amended)
            .into_iter()
            .map(|m| (m.id, cogov_engine::amend::Choice::Yes))
            .collect();
        for dt in ["general-assembly", "rules-amendment"] {
            let p = store
                .propose(
                    "1.3.2",
                    &amended,
                    &format!("Admission via {dt}"),
                    dt,
                    "e2e-designer",
                    false,
                    Some("2026-01-05"),
                )
                .ctx("propose")?;
            store.vote_all(p.id, &votes).ctx("votes")?;
        }
        s.click(&tid("history-instance-fernwood-bakery-coop")).await?;
        let shown = s
            .wait_js(
                "two proposals in the History view",
                "const p = [...document.querySelectorAll('[data-testid=\"history-proposal\"]')]; \
                 return p.length === 2 ? p.map(e => e.textContent) : null;",
                vec![],
            )
            .await?;
        let texts = shown.to_string();
        ensure(texts.contains("GOV-S021") && texts.contains("only by rules-amendment"), || {
            format!("proposals: {texts}")
        })?;
        s.click(&tid("proposal-adopt")).await?;
        let head = s
            .wait_js(
                "the adopted amendment in the timeline",
                "const v = document.querySelector('[data-testid=\"history-version\"]'); \
                 return v && v.dataset.version === '1.3.3' ? v.dataset.kind : null;",
                vec![],
            )
            .await?;
        ensure(head == json!("amendment"), || format!("the newest version is a {head}"))?;
        s.shot("-amendment").await?;
        Ok(())
    });
}

// ---------------------------------------------------------------------------------------------
// 7. Risk dashboard, compiled view and lineage on every example: what the page shows is what
//    the engine computes (each score's level, a cell of the matrix, the graph's size and depth).
// ---------------------------------------------------------------------------------------------

/// An example read the way the studio reads it.
fn example_gco(id: &str) -> R<cogov_model::Gco> {
    let p = examples_dir().join(format!("{id}.json"));
    let bytes = std::fs::read(&p).ctx(&format!("cannot read {}", p.display()))?;
    cogov_engine::intake::from_json_bytes(&bytes)
        .and_then(|d| d.into_gco())
        .map_err(|e| format!("{}: {e}", p.display()))
}

/// Opens the risk view and returns `{name: level}` of the six cards, in page order.
async fn risk_levels(s: &Session, instance: &str) -> R<Value> {
    s.click(&tid("nav-risk")).await?;
    s.wait_js(
        "six score cards of the open design",
        "const src = document.querySelector('[data-testid=\"risk-source\"]'); \
         const c = [...document.querySelectorAll('[data-testid=\"risk-score\"]')]; \
         if (!src || !src.textContent.includes(arguments[0] + '@') || c.length !== 6) return null; \
         return c.map(e => [e.dataset.name, e.dataset.level, e.querySelector('[data-testid=\"risk-level\"]').textContent.trim()]);",
        vec![json!(instance)],
    )
    .await
}

#[test]
fn risk_compiled_and_lineage_on_every_example() {
    scenario("risk_compiled_and_lineage_on_every_example", async |s: &Session| {
        let rank = |l: &str| match l {
            "alert" => 0,
            "watch" => 1,
            _ => 2,
        };
        for id in EXAMPLES {
            let gco = example_gco(id)?;
            let compiled = cogov_engine::compile::compile(&gco).map_err(|e| format!("{id}: {e}"))?;
            let scores = cogov_engine::risk::score(&gco, None);
            open_example(s, id).await?;

            // Risk: each card's level is the engine's, said in words; alerts come first.
            let cards = risk_levels(s, &gco.identity.name).await?;
            let cards = cards.as_array().ok_or("cards")?;
            for c in cards {
                let (name, level, label) =
                    (c[0].as_str().unwrap_or(""), c[1].as_str().unwrap_or(""), c[2].as_str().unwrap_or(""));
                let want =
                    scores.scores.iter().find(|x| x.name.as_str() == name).ok_or(format!("{id}: no score {name}"))?;
                ensure(level == want.level.as_str(), || {
                    format!("{id}: {name} shows {level}, the engine says {}", want.level.as_str())
                })?;
                ensure(label.to_lowercase().contains(level), || format!("{id}: {name}'s badge reads `{label}`"))?;
            }
            let ranks: Vec<i32> = cards.iter().map(|c| rank(c[1].as_str().unwrap_or(""))).collect();
            ensure(ranks.windows(2).all(|w| w[0] <= w[1]), || {
                format!("{id}: cards not ordered alerts first: {cards:?}")
            })?;
            s.find(&tid("risk-no-history"))
                .await
                .map_err(|e| format!("{id}: no note that trends come from saved versions: {e}"))?;
            println!(
                "[{}] {id}: {}",
                s.name,
                cards.iter().map(|c| format!("{}={}", c[0], c[1])).collect::<Vec<_>>().join(" ")
            );
            if id == "token-dao" {
                s.shot("-risk").await?;
            }

            // Compiled: a granted cell lists its action; the threshold matrix has a row per type.
            s.click(&tid("nav-compiled")).await?;
            s.find(&tid("permission-matrix")).await?;
            let g = compiled.matrix.grants.first().ok_or(format!("{id}: no grants"))?;
            let actions = s
                .wait_js(
                    "the matrix cell of the first grant",
                    "const c = document.querySelector(`[data-testid=\"matrix-cell\"][data-role=\"${arguments[0]}\"][data-resource=\"${arguments[1]}\"]`); \
                     return c ? c.dataset.actions : null;",
                    vec![json!(g.role), json!(g.resource)],
                )
                .await?;
            let listed: Vec<&str> = actions.as_str().unwrap_or("").split(' ').collect();
            ensure(listed.contains(&g.action.as_str()), || {
                format!("{id}: cell {} × {} lists {actions}, expected {}", g.role, g.resource, g.action.as_str())
            })?;
            let rows = s.all("[data-testid=\"threshold-row\"]").await?.len();
            ensure(rows == compiled.thresholds.len(), || {
                format!("{id}: {rows} threshold rows, expected {}", compiled.thresholds.len())
            })?;
            let t = &compiled.thresholds[0];
            let q = s
                .find(&format!(
                    "[data-testid=\"threshold-row\"][data-decision-type=\"{}\"] [data-col=\"quorum\"]",
                    t.decision_type
                ))
                .await?
                .text()
                .await
                .ctx("quorum cell")?;
            let want_q = t.quorum * 100.0;
            let shown_q: f64 =
                q.trim_end_matches('%').trim().parse().map_err(|e| format!("{id}: quorum cell `{q}`: {e}"))?;
            ensure((shown_q - want_q).abs() < 0.051, || {
                format!("{id}: quorum of {} shows {q}, expected {want_q}", t.decision_type)
            })?;
            ensure(s.all("[data-testid=\"tier\"]").await?.len() == compiled.tiers.len(), || {
                format!("{id}: tier count")
            })?;
            ensure(s.all("[data-testid=\"rung\"]").await?.len() == compiled.ladder.len(), || {
                format!("{id}: rung count")
            })?;
            if id == "token-dao" {
                s.shot("-compiled").await?;
            }

            // Lineage: the drawn graph is the engine's, laid out in layers left to right.
            let lineage = cogov_engine::compile::lineage::lineage(&gco);
            s.click(&tid("nav-lineage")).await?;
            let drawn = s
                .wait_js(
                    "the lineage graph laid out",
                    "const c = document.querySelector('[data-testid=\"lineage-canvas\"]'); const st = document.querySelector('[data-testid=\"lineage-stats\"]'); \
                     const cy = window.__lineageCy; if (!c || c.dataset.laidOut !== 'true' || !st || !cy) return null; \
                     const x = id => cy.getElementById(id).position('x'); \
                     const back = cy.edges().filter(e => x(e.source().id()) >= x(e.target().id())).length; \
                     return { nodes: Number(st.dataset.nodes), edges: Number(st.dataset.edges), depth: Number(st.dataset.depth), drawn: cy.nodes().length, back };",
                    vec![],
                )
                .await?;
            let want = json!({"nodes": lineage.nodes.len(), "edges": lineage.edges.len(), "depth": lineage.depth, "drawn": lineage.nodes.len(), "back": 0});
            ensure(drawn == want, || format!("{id}: lineage drawn {drawn}, expected {want}"))?;
            println!(
                "[{}] {id}: lineage {} nodes, {} edges, depth {}",
                s.name,
                lineage.nodes.len(),
                lineage.edges.len(),
                lineage.depth
            );
            if id == "token-dao" {
                s.shot("-lineage").await?;
            }
        }
        Ok(())
    });
}

// ---------------------------------------------------------------------------------------------
// 8. Trends: two saved versions give each score two points and a delta; a design with blocking
//    findings is not compiled and the compiled view says so with the gate's code.
// ---------------------------------------------------------------------------------------------

#[test]
fn risk_trends_across_saved_versions_and_blocked_compile() {
    scenario("risk_trends_across_saved_versions_and_blocked_compile", async |s: &Session| {
        open_example(s, "worker-coop").await?;
        ensure(commit_in_studio(s, "Founding").await?.is_none(), || "first commit refused".into())?;
        s.click(&tid("editor-mode-json")).await?;
        s.find(&tid("editor-json")).await?;
        edit_design(s, "d.decision_types[0].quorum = 0.42; d.identity.version = '1.3.1'").await?;
        ensure(commit_in_studio(s, "Lower the assembly quorum").await?.is_none(), || "second commit refused".into())?;
        // The head baker gets four votes: authority concentrates.
        edit_design(s, "d.members.explicit[0].weight = 4; d.identity.version = '2.0.0'").await?;
        ensure(commit_in_studio(s, "Weighted votes for the head baker").await?.is_none(), || {
            "third commit refused".into()
        })?;

        s.click(&tid("nav-risk")).await?;
        let charts = s
            .wait_js(
                "six trend charts of three points",
                "const c = [...document.querySelectorAll('[data-testid=\"risk-score\"]')]; if (c.length !== 6) return null; \
                 const t = c.map(e => { const ch = e.querySelector('[data-testid=\"trend-chart\"]'); return ch ? { name: e.dataset.name, \
                   points: [...ch.querySelectorAll('[data-testid=\"trend-point\"]')].map(p => [p.dataset.version, Number(p.dataset.value)]), \
                   delta: ch.querySelector('[data-testid=\"trend-delta\"]').textContent } : null; }); \
                 return t.every(x => x && x.points.length === 3) ? t : null;",
                vec![],
            )
            .await?;
        // The points are the store's scores, as `cogov` reads them.
        let db = s.dialog_dir.parent().ok_or("no scenario root")?.join("home/.local/share/cogov/cogov.db");
        let store = cogov_store::Store::open(&db).ctx(&format!("cannot open {}", db.display()))?;
        let history = store.score_history("fernwood-bakery-coop").ctx("score history")?;
        ensure(history.len() == 3, || format!("the store scored {} versions", history.len()))?;
        for c in charts.as_array().ok_or("charts")? {
            let name = c["name"].as_str().unwrap_or("");
            for (i, v) in history.iter().enumerate() {
                let stored = v.scores["scores"]
                    .as_array()
                    .and_then(|a| a.iter().find(|x| x["name"] == name))
                    .and_then(|x| x["value"].as_f64());
                let shown = c["points"][i][1].as_f64();
                ensure(c["points"][i][0] == json!(v.version) && stored == shown, || {
                    format!("{name} at {}: shown {shown:?}, stored {stored:?}", v.version)
                })?;
            }
            let delta = history[2].deltas.get(name).copied().unwrap_or(0.0);
            let caption = c["delta"].as_str().unwrap_or("");
            let sign = if delta > 0.0 {
                "+"
            } else if delta < 0.0 {
                "−"
            } else {
                "±0"
            };
            ensure(caption.starts_with(sign) && caption.contains("2.0.0"), || {
                format!("{name}: delta {delta}, caption `{caption}`")
            })?;
        }
        let hhi = history[2].deltas.get("authority_concentration").copied().unwrap_or(0.0);
        ensure(hhi > 0.0, || format!("four votes for one member did not raise authority concentration ({hhi})"))?;
        s.wait_js(
            "the commit toasts to go",
            "return document.querySelector('[data-testid=\"toast\"]') ? null : true;",
            vec![],
        )
        .await?;
        s.shot("-trends").await?;

        // Blocking findings: no tables, the gate's code instead.
        s.click(&tid("nav-editor")).await?;
        s.click(&tid("editor-mode-json")).await?;
        s.find(&tid("editor-json")).await?;
        edit_design(s, "d.decision_types[0].quorum = 0.99").await?;
        s.click(&tid("nav-compiled")).await?;
        let code = s
            .wait_js(
                "the compiled view to refuse",
                "const b = document.querySelector('[data-testid=\"compiled-blocked\"]'); return b ? b.dataset.code + ' ' + b.textContent : null;",
                vec![],
            )
            .await?;
        let code = code.as_str().unwrap_or("");
        ensure(code.starts_with("GOV-P001") && code.contains("GOV-E301"), || {
            format!("the compiled view says `{code}`")
        })?;
        ensure(s.all(&tid("permission-matrix")).await?.is_empty(), || "a blocked design still shows a matrix".into())?;
        s.shot("-blocked").await?;
        Ok(())
    });
}

// ---------------------------------------------------------------------------------------------
// 9. What-if: RC-1 under a preset, a slider moved (timed: input → charts redrawn), A/B
//    comparison, save refused for an unsaved design then kept with the stored version and
//    reopened, a long run cancelled.
// ---------------------------------------------------------------------------------------------

/// Moves the first participation-contraction `factor` slider to `arguments[1]` and measures
/// until scenario A's charts carry a new run's images, all decoded; returns the continuity
/// impact and the baseline's, and the shell's own time for the run.
const SLIDER_JS: &str = r#"
const [key, value, timeoutMs] = arguments;
const column = () => document.querySelector('[data-testid="whatif-charts"][data-scenario="A"]');
const before = column() && column().dataset.job;
const input = document.querySelector('[data-testid="whatif-param-factor"]');
if (!input || !before) return { error: 'no factor slider or no chart yet' };
// When the new run's result first reached the DOM (before its images were decoded).
let seen = null;
const cell = (id, which) => {
  const row = document.querySelector(`[data-testid="whatif-figure"][data-id="${id}"]`);
  const c = row && row.querySelector(`[data-testid="whatif-figure-${which}"]`);
  return c ? Number(c.dataset.value) : null;
};
window.__e2e.measure(key,
  () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, String(value));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  },
  (t0, now) => {
    const c = column();
    if (!c || c.dataset.job === before) return null;
    if (seen === null) seen = now - t0;
    const imgs = [...c.querySelectorAll('img')];
    if (imgs.length < 3 || !imgs.every((i) => i.complete && i.naturalWidth > 0)) return null;
    return { job: Number(c.dataset.job), shell_ms: Number(c.dataset.ms), dom_ms: seen, reused: c.dataset.reused === 'true',
             impact: cell('continuity_impact', 'value'), baseline: cell('continuity_impact', 'baseline'),
             pass_rate: cell('pass_rate', 'value'), pass_rate_baseline: cell('pass_rate', 'baseline') };
  },
  { root: document.body, interval: 5, timeoutMs });
return true;
"#;

/// The continuity-impact row: the baseline's value and each scenario's.
async fn impact_row(s: &Session, columns: usize) -> R<Value> {
    s.wait_js(
        "the continuity impact of every scenario shown",
        "const row = document.querySelector('[data-testid=\"whatif-figure\"][data-id=\"continuity_impact\"]'); \
         if (!row || document.querySelector('[data-testid=\"whatif-running\"]')) return null; \
         const v = [...row.querySelectorAll('[data-testid=\"whatif-figure-value\"]')].map(c => Number(c.dataset.value)); \
         return v.length === arguments[0] ? { baseline: Number(row.querySelector('[data-testid=\"whatif-figure-baseline\"]').dataset.value), values: v } : null;",
        vec![json!(columns)],
    )
    .await
}

#[test]
fn whatif_session_on_rc1() {
    let name = "whatif_session_on_rc1";
    scenario_with_env(name, &[("COGOV_STUDIO_DIALOG_OPEN", "rc1.json")], async |s: &Session| {
        let rc1 = examples_dir().join("rc1.json");
        let text = std::fs::read_to_string(&rc1).ctx(&format!("cannot read {}", rc1.display()))?;
        std::fs::write(s.dialog_dir.join("rc1.json"), &text).ctx("cannot place rc1.json")?;
        s.click(&tid("open-button")).await?;
        s.wait_js(
            "RC-1 to open",
            "const n = document.querySelector('[data-testid=\"design-name\"]'); return n && n.textContent.trim() === 'rc1.json';",
            vec![],
        )
        .await?;
        press(s, &[CONTROL, '9']).await?;
        s.find(&tid("view-whatif")).await?;

        // A preset: the participation contraction, 100 runs (the issue's slider budget).
        s.click(&tid("whatif-preset-participation_contraction")).await?;
        let first = impact_row(s, 1).await?;
        let runs = s.find(&tid("whatif-runs")).await?.text().await.ctx("runs")?;
        ensure(runs == "100", || format!("the session runs {runs} runs, expected 100"))?;
        let shocks = s.all(&tid("whatif-shock")).await?;
        ensure(shocks.len() == 1, || format!("the preset gave {} shocks, expected 1", shocks.len()))?;
        let f0 = first["values"][0].as_f64().unwrap_or(f64::NAN);
        ensure(first["baseline"].as_f64() == Some(0.0) && f0 > 0.0, || {
            format!("halving participation: continuity {first}")
        })?;
        let charts = s.all("[data-testid=\"whatif-chart\"]").await?;
        ensure(charts.len() == 4, || format!("{} charts, expected treasury, passed, outcomes and risk", charts.len()))?;

        // The factor slider, moved five times after a pause each: the figures follow, timed.
        s.js(PERF_JS, vec![]).await?;
        let mut moves = Vec::new();
        for (i, factor) in [0.6, 0.7, 0.8, 0.9, 0.3].into_iter().enumerate() {
            tokio::time::sleep(Duration::from_millis(400)).await;
            let key = format!("slider-{i}");
            let r = measure(
                s,
                &format!("factor {factor} redrawn"),
                SLIDER_JS,
                vec![json!(key), json!(factor), json!(30_000)],
                SLOW,
            )
            .await?;
            println!(
                "[{}] factor {factor}: redrawn in {:.1} ms (shell {:.1} ms, baseline reused {}), continuity {}",
                s.name,
                r["ms"].as_f64().unwrap_or(f64::NAN),
                r["shell_ms"].as_f64().unwrap_or(f64::NAN),
                r["reused"],
                r["impact"]
            );
            moves.push((factor, r));
        }
        let impact =
            |f: f64| moves.iter().find(|(x, _)| *x == f).and_then(|(_, r)| r["impact"].as_f64()).unwrap_or(f64::NAN);
        ensure(impact(0.3) < f0 && f0 < impact(0.6) && impact(0.6) < impact(0.9), || {
            format!(
                "continuity impact does not grow with the participation lost: 0.3 → {}, 0.5 → {f0}, 0.6 → {}, 0.9 → {}",
                impact(0.3),
                impact(0.6),
                impact(0.9)
            )
        })?;
        for (factor, r) in &moves {
            ensure(r["baseline"].as_f64() == Some(0.0) && r["pass_rate"] != r["pass_rate_baseline"], || {
                format!("factor {factor}: the figures are not against an unchanged baseline: {r}")
            })?;
        }
        s.shot("-slider").await?;

        // A/B: B is the combined stress; both columns against the one baseline, charts side by side.
        s.click(&tid("whatif-compare")).await?;
        s.click(&tid("whatif-tab-B")).await?;
        s.click(&tid("whatif-preset-combined_stress")).await?;
        let ab = s
            .wait_js(
                "A and B side by side",
                "const cols = document.querySelectorAll('[data-testid=\"whatif-charts\"]'); \
                 const shocks = document.querySelectorAll('[data-testid=\"whatif-shock\"]').length; \
                 const heads = [...document.querySelectorAll('[data-testid=\"whatif-figures-head\"]')].map(h => h.textContent.trim()); \
                 return cols.length === 2 && shocks === 3 && heads[1] === 'B: Combined stress' && !document.querySelector('[data-testid=\"whatif-running\"]') \
                   && [...cols].every(c => c.querySelectorAll('img').length >= 3) ? heads : null;",
                vec![],
            )
            .await?;
        let row = impact_row(s, 2).await?;
        ensure(row["values"][0] != row["values"][1], || {
            format!("A and B show the same continuity impact: {row} ({ab})")
        })?;
        s.shot("-compare").await?;

        // Save: refused while RC-1 is not in the store, with the store's code.
        s.click(&tid("whatif-save")).await?;
        let refused = s
            .wait_js(
                "the save to be refused",
                "const e = document.querySelector('[data-testid=\"whatif-save-error\"]'); return e ? e.dataset.code + ' ' + e.textContent : null;",
                vec![],
            )
            .await?;
        let refused = refused.as_str().unwrap_or("");
        ensure(refused.starts_with("GOV-S013") && refused.contains("Commit this design first"), || {
            format!("the refusal says `{refused}`")
        })?;
        s.shot("-refused").await?;
        ensure(commit_in_studio(s, "RC-1 as specified").await?.is_none(), || "the commit was refused".into())?;
        s.click(&tid("whatif-save")).await?;
        s.wait_js(
            "two saved simulations listed",
            "return document.querySelectorAll('[data-testid=\"whatif-saved-item\"]').length === 2 && !document.querySelector('[data-testid=\"whatif-save-error\"]');",
            vec![],
        )
        .await?;
        let db = s.dialog_dir.parent().ok_or("no scenario root")?.join("home/.local/share/cogov/cogov.db");
        let store = cogov_store::Store::open(&db).ctx(&format!("cannot open {}", db.display()))?;
        let kept = store.simulations("rc1-reference", None).ctx("simulations")?;
        let names: Vec<Option<String>> = kept.iter().map(|r| r.name.clone()).collect();
        ensure(kept.len() == 2 && kept.iter().all(|r| r.version == "1.0.0" && r.runs == 100), || {
            format!("the store keeps {kept:?}")
        })?;
        ensure(names == [Some("combined_stress".into()), Some("participation_contraction".into())], || {
            format!("kept scenarios {names:?}")
        })?;

        // Reopen the participation contraction (the older one): its slider and figures return.
        s.click(&tid("whatif-compare")).await?;
        s.click(&tid("whatif-preset-leadership_removal")).await?;
        impact_row(s, 1).await?;
        let older = kept[1].id;
        s.click(&format!("[data-testid=\"whatif-saved-item\"][data-id=\"{older}\"]")).await?;
        let reopened = s
            .wait_js(
                "the saved simulation to reopen",
                "const m = document.querySelector('[data-testid=\"whatif-meta\"]'); const k = document.querySelector('[data-testid=\"whatif-shock\"]'); \
                 const f = document.querySelector('[data-testid=\"whatif-param-factor-value\"]'); \
                 return m && k && k.dataset.kind === 'participation_contraction' && m.textContent.includes('saved as #' + arguments[0]) && f ? f.textContent : null;",
                vec![json!(older)],
            )
            .await?;
        ensure(reopened == json!("0.30"), || format!("the reopened factor reads {reopened}, saved 0.30"))?;
        let stored = kept[1].id;
        let full = store.simulation(stored).ctx("the saved report")?;
        let saved_impact = full.results.as_ref().and_then(|r| r["derived"]["continuity_impact"].as_f64());
        let shown = impact_row(s, 1).await?;
        ensure(shown["values"][0].as_f64() == saved_impact, || {
            format!("reopened shows {shown}, stored {saved_impact:?}")
        })?;

        // Changed in the editor since 1.0.0 was committed: the save is refused with GOV-S015.
        s.click(&tid("nav-editor")).await?;
        s.click(&tid("editor-mode-json")).await?;
        s.find(&tid("editor-json")).await?;
        edit_design(s, "d.decision_types[0].quorum = 0.2").await?;
        press(s, &[CONTROL, '9']).await?;
        s.find(&tid("view-whatif")).await?;
        impact_row(s, 1).await?;
        s.click(&tid("whatif-save")).await?;
        let changed = s
            .wait_js(
                "the save of a changed design to be refused",
                "const e = document.querySelector('[data-testid=\"whatif-save-error\"]'); return e ? e.dataset.code : null;",
                vec![],
            )
            .await?;
        ensure(changed == json!("GOV-S015"), || format!("saving a changed design: {changed}"))?;
        let still = store.simulations("rc1-reference", None).ctx("simulations")?.len();
        ensure(still == 2, || format!("the refused save left {still} simulations"))?;

        // A long run (20,000 runs and their baseline): progress, then Cancel.
        s.js(
            "const r = document.querySelector('[data-testid=\"whatif-runs-slider\"]'); \
             Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(r, r.max); \
             r.dispatchEvent(new Event('input', { bubbles: true })); return true;",
            vec![],
        )
        .await?;
        let p = s
            .wait_js(
                "the long run's progress",
                "const p = document.querySelector('[data-testid=\"whatif-progress\"]'); return p && p.value > 0 ? [p.value, p.max] : null;",
                vec![],
            )
            .await?;
        ensure(p[1].as_f64() == Some(40_000.0), || format!("progress {p}, expected of 40,000 runs"))?;
        s.shot("-progress").await?;
        s.click(&tid("whatif-cancel")).await?;
        let note = s
            .wait_js(
                "the run to be cancelled",
                "const c = document.querySelector('[data-testid=\"whatif-cancelled\"]'); return c && !document.querySelector('[data-testid=\"whatif-running\"]') ? c.textContent : null;",
                vec![],
            )
            .await?;
        ensure(note.as_str().is_some_and(|t| t.contains("of 40,000 runs")), || format!("the note says {note}"))?;
        s.shot("-cancelled").await?;

        let ms: Vec<f64> = moves.iter().map(|(_, r)| round1(r["ms"].as_f64().unwrap_or(f64::NAN))).collect();
        let shell: Vec<f64> = moves.iter().map(|(_, r)| round1(r["shell_ms"].as_f64().unwrap_or(f64::NAN))).collect();
        let dom: Vec<f64> = moves.iter().map(|(_, r)| round1(r["dom_ms"].as_f64().unwrap_or(f64::NAN))).collect();
        let figures = json!({
            "design": "examples/rc1.json", "runs": 100, "steps": 365,
            "slider_to_chart_ms": ms, "slider_to_chart_ms_median": median(&ms),
            "shell_run_ms": shell, "shell_run_ms_median": median(&shell),
            "slider_to_dom_ms": dom, "slider_to_dom_ms_median": median(&dom),
            "baseline_reused": moves.iter().map(|(_, r)| r["reused"].clone()).collect::<Vec<_>>(),
            "about": "a participation-contraction factor slider moved (input event) → scenario A's four charts replaced by the new run's and decoded, measured in the page after 400 ms of quiet each (a change after a pause runs at once); slider_to_dom_ms is when the new run's figures reached the DOM (its charts not yet decoded); shell_run_ms is the run command's own time (scenario runs, the baseline's unless reused, risk delta, charts); the issue asks for 200 ms",
        });
        check_figures(&figures, "whatif")?;
        write_perf("whatif", figures)?;
        Ok(())
    });
}

/// Sets `key` in `target/e2e-perf.json`, keeping the other scenarios' figures.
fn write_perf(key: &str, figures: Value) -> R<()> {
    let out = harness::target_dir().join("e2e-perf.json");
    let mut all: Value =
        std::fs::read(&out).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_else(|| json!({}));
    if !all.is_object() {
        all = json!({});
    }
    all[key] = figures;
    let pretty = serde_json::to_string_pretty(&all).ctx("cannot serialise the figures")?;
    std::fs::write(&out, format!("{pretty}\n")).ctx(&format!("cannot write {}", out.display()))?;
    println!(
        "figures written to {} under `{key}`:\n{}",
        out.display(),
        serde_json::to_string_pretty(&all[key]).unwrap_or_default()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 10. Export and deploy: a document previewed, a key created, a bundle built and verified
//     (in the studio and by the stock minisign), a flipped byte named by Verify, a deploy of
//     two versions to a target and a rollback.
// ---------------------------------------------------------------------------------------------

/// Creates a key with `password` typed twice, then builds the bundle; returns the bundle's
/// path (the stubbed save dialog's) once the manifest shows.
async fn build_bundle_in_studio(s: &Session, file: &str) -> R<std::path::PathBuf> {
    s.click(&tid("bundle-build")).await?;
    let path = s.dialog_dir.join(file);
    s.wait_js(
        "the bundle's manifest",
        "const m = document.querySelector('[data-testid=\"bundle-manifest\"]'); \
         return m && m.textContent.includes(arguments[0]) ? true : null;",
        vec![json!(path.display().to_string())],
    )
    .await?;
    Ok(path)
}

/// Clicks Verify and waits for a new verdict (one more run than shown before the click).
async fn verdict(s: &Session) -> R<String> {
    let before = s
        .js("const e = document.querySelector('[data-testid=\"verify-result\"]'); return e ? Number(e.dataset.run) : 0;", vec![])
        .await?;
    s.click(&tid("bundle-verify")).await?;
    let v = s
        .wait_js(
            "Verify's verdict",
            "const e = document.querySelector('[data-testid=\"verify-result\"]'); \
             return e && Number(e.dataset.run) > arguments[0] ? e.textContent : null;",
            vec![before],
        )
        .await?;
    Ok(v.as_str().unwrap_or_default().to_owned())
}

/// Chooses, in the Deployments view, the bundle written in this session at `path` (the
/// page knows it by its handle; the option shows the path).
async fn choose_bundle(s: &Session, path: &std::path::Path) -> R<()> {
    s.wait_js(
        &format!("{} among the bundles", path.display()),
        "const e = document.querySelector('[data-testid=\"deploy-bundle\"]'); \
         const o = e && [...e.options].find(o => o.dataset.path === arguments[0]); \
         if (!o) return null; \
         e.value = o.value; e.dispatchEvent(new Event('change', { bubbles: true })); return true;",
        vec![json!(path.display().to_string())],
    )
    .await
    .map(|_| ())
}

async fn active_version(s: &Session, want: &str) -> R<()> {
    s.wait_js(
        &format!("the target to run {want}"),
        "const e = document.querySelector('[data-testid=\"deploy-active\"]'); \
         return e && e.textContent === arguments[0] ? true : null;",
        vec![json!(want)],
    )
    .await
    .map(|_| ())
}

#[test]
fn export_bundle_verify_deploy_and_rollback() {
    scenario("export_bundle_verify_deploy_and_rollback", async |s: &Session| {
        open_example(s, "token-dao").await?;
        ensure(commit_in_studio(s, "Founding").await?.is_none(), || "the first commit was refused".into())?;
        s.click(&tid("nav-export")).await?;
        s.click(&tid("doc-decision-protocol")).await?;
        let html = s
            .wait_js(
                "the decision protocol's preview",
                "const f = document.querySelector('[data-testid=\"export-preview\"]'); \
                 return f && f.title.includes('Decision protocol') ? { sandbox: f.getAttribute('sandbox'), html: f.srcdoc } : null;",
                vec![],
            )
            .await?;
        let doc = html["html"].as_str().unwrap_or_default();
        ensure(html["sandbox"] == json!(""), || format!("the preview's sandbox is {}", html["sandbox"]))?;
        ensure(doc.contains("Quorum") && doc.contains("entrenched-amendment") && doc.contains("15%"), || {
            "the decision protocol does not show the entrenched amendment's 15% quorum".into()
        })?;
        ensure(!doc.contains("<script"), || "the preview has a script".into())?;
        ensure(s.all(&format!("{} li", tid("export-docs"))).await?.len() == 8, || "not eight documents".into())?;

        s.click(&tid("key-create")).await?;
        s.type_into(&tid("key-password"), "correct horse battery").await?;
        s.type_into(&tid("key-password2"), "correct horse battery").await?;
        s.click(&tid("key-create-ok")).await?;
        let pubkey = s
            .wait_js(
                "the new key",
                "const e = document.querySelector('[data-testid=\"export-key\"]'); return e ? e.dataset.publicKey : null;",
                vec![],
            )
            .await?;
        let pubkey = std::path::PathBuf::from(pubkey.as_str().unwrap_or_default());
        let secret = std::fs::read_to_string(pubkey.with_file_name("cogov.key")).ctx("read the secret key")?;
        let unlocked = cogov_engine::bundle::sign::secret_key(&secret, None).map_err(|e| e.code);
        ensure(unlocked.err() == Some(cogov_model::ErrorCode::KeyPassword), || {
            "the secret key opens without its password".into()
        })?;

        let path = build_bundle_in_studio(s, "lumina-dao-3.1.0.tar.gz").await?;
        let steps = s
            .js(
                "return [...document.querySelectorAll('[data-testid=\"bundle-steps\"] li')].map(l => l.dataset.state);",
                vec![],
            )
            .await?;
        ensure(steps == json!(["done", "done", "done", "done"]), || format!("the steps show {steps}"))?;
        let said = verdict(s).await?;
        ensure(said.contains("verified"), || format!("Verify says `{said}`"))?;
        s.shot("-verified").await?;

        // The stock minisign accepts the written bundle's manifest.
        let public =
            cogov_engine::bundle::sign::public_key(&std::fs::read_to_string(&pubkey).ctx("read the public key")?)
                .map_err(|e| e.message)?;
        let bytes = std::fs::read(&path).ctx("read the bundle")?;
        let v = cogov_engine::bundle::verify(&bytes, &public).map_err(|e| e.message)?;
        let dir = s.dialog_dir.join("minisign");
        std::fs::create_dir_all(&dir).ctx("mkdir")?;
        std::fs::write(dir.join("manifest.json"), &v.manifest_bytes).ctx("write manifest")?;
        std::fs::write(dir.join("manifest.json.minisig"), &v.signature).ctx("write signature")?;
        let out = std::process::Command::new("minisign")
            .arg("-Vm")
            .arg(dir.join("manifest.json"))
            .arg("-p")
            .arg(&pubkey)
            .output()
            .ctx("run minisign (Debian package minisign)")?;
        ensure(out.status.success(), || format!("minisign -V refused: {}", String::from_utf8_lossy(&out.stderr)))?;

        // One byte flipped in one file: Verify names the file.
        let mut entries = v.files.clone();
        let victim =
            entries.iter_mut().find(|f| f.path == "documents/treasury-policy.md").ok_or("no treasury policy")?;
        victim.bytes[20] ^= 0x01;
        entries.push(cogov_engine::bundle::BundleFile::new("manifest.json", v.manifest_bytes.clone()));
        entries.push(cogov_engine::bundle::BundleFile::new("manifest.json.minisig", v.signature.clone()));
        let tampered = cogov_engine::bundle::archive::write(&entries).map_err(|e| e.message)?;
        std::fs::write(&path, tampered).ctx("write the tampered bundle")?;
        let said = verdict(s).await?;
        ensure(said.contains("GOV-B012") && said.contains("documents/treasury-policy.md"), || {
            format!("Verify of a tampered bundle says `{said}`")
        })?;
        s.shot("-tampered").await?;
        std::fs::write(&path, &bytes).ctx("restore the bundle")?;

        // A second version, bundled with the same key.
        s.click(&tid("nav-editor")).await?;
        s.click(&tid("editor-mode-json")).await?;
        s.find(&tid("editor-json")).await?;
        edit_design(s, "d.decision_types[0].quorum = 0.05; d.identity.version = '3.2.0'").await?;
        s.click(&tid("nav-export")).await?;
        // "Changes since" the stored 3.1.0: the decision protocol shows the quorum's redline.
        s.wait_js(
            "3.1.0 among the stored versions",
            "const e = document.querySelector('[data-testid=\"export-since\"]'); \
             if (!e || ![...e.options].some(o => o.value === '3.1.0')) return null; \
             e.value = '3.1.0'; e.dispatchEvent(new Event('change', { bubbles: true })); return true;",
            vec![],
        )
        .await?;
        s.click(&tid("doc-decision-protocol")).await?;
        s.wait_js(
            "the decision protocol's changes since 3.1.0",
            "const f = document.querySelector('[data-testid=\"export-preview\"]'); \
             return f && f.srcdoc.includes('Changes since 3.1.0') && f.srcdoc.includes('<del>0.04</del> → <ins>0.05</ins>') ? true : null;",
            vec![],
        )
        .await?;
        s.shot("-changes-since").await?;
        s.type_into(&tid("key-unlock"), "correct horse battery").await?;
        let second = build_bundle_in_studio(s, "lumina-dao-3.2.0.tar.gz").await?;
        s.shot("").await?;

        s.click(&tid("nav-deployments")).await?;
        s.click(&tid("deploy-choose-target")).await?;
        // The page names files only by the handles the dialogs minted: a path is refused.
        s.js(
            "window.__forged = null; \
             window.__TAURI_INTERNALS__.invoke('read_design', { handle: arguments[0] }) \
               .then(() => (window.__forged = 'read'), (e) => (window.__forged = e.code)); return true;",
            vec![json!(path.display().to_string())],
        )
        .await?;
        let forged = s.wait_js("the forged read's answer", "return window.__forged;", vec![]).await?;
        ensure(forged == json!("GOV-H003"), || format!("read_design of a forged path answered {forged}"))?;
        choose_bundle(s, &path).await?;
        s.click(&tid("deploy-run")).await?;
        active_version(s, "lumina-dao@3.1.0").await?;
        choose_bundle(s, &second).await?;
        s.click(&tid("deploy-run")).await?;
        active_version(s, "lumina-dao@3.2.0").await?;
        let drift = s.find(&tid("deploy-drift")).await?.text().await.ctx("drift")?;
        ensure(drift.contains("No drift"), || format!("after a deploy: `{drift}`"))?;
        s.click(&tid("deploy-rollback")).await?;
        active_version(s, "lumina-dao@3.1.0").await?;
        let target = s.dialog_dir.join("deploy-target");
        let history = cogov_deploy::history(&target).map_err(|e| e.message)?;
        let actions: Vec<(&str, &str)> = history.iter().map(|a| (a.action.as_str(), a.version.as_str())).collect();
        ensure(actions == [("deploy", "3.1.0"), ("deploy", "3.2.0"), ("rollback", "3.1.0")], || {
            format!("the target's records: {actions:?}")
        })?;
        let rows = s.all(&format!("{} tbody tr", tid("deploy-history"))).await?;
        ensure(rows.len() == 3, || format!("the history shows {} rows", rows.len()))?;
        // A changed active file is drift, named in the status.
        std::fs::write(target.join("current/risk.json"), b"{}\n").ctx("change an active file")?;
        s.click(&tid("deploy-refresh")).await?;
        let drift = s
            .wait_js(
                "the drift to show",
                "const e = document.querySelector('[data-testid=\"deploy-drift\"]'); \
                 return e && e.textContent.startsWith('Drifted') ? e.textContent : null;",
                vec![],
            )
            .await?;
        ensure(drift.as_str().unwrap_or_default().contains("risk.json"), || format!("the status says {drift}"))?;
        s.shot("-deployments").await?;
        Ok(())
    });
}
