//! End-to-end: the onboarding view through the real webview (tauri-driver + WebKitWebDriver under Xvfb,
//! the real `cogov-studio` binary; see e2e/harness.rs for what it needs).
//!
//! Onboarding: answer the dialogue to the end, save, and check the file with the engine.
//!
//! Run: `cargo test -p cogov-studio --test e2e_onboarding -- --nocapture` (build the UI first:
//! `cd ui && npm run build`, the binary embeds `ui/dist`).

#[path = "e2e/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "e2e/views.rs"]
#[allow(dead_code)]
mod views;

use harness::{Ctx, R, Session, ensure, scenario, tid};
use serde_json::json;
use std::time::{Duration, Instant};

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
