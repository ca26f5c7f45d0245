//! End-to-end tests of the capture analysis in the studio (issue 14's Studio part): the Risk
//! view leads with "who can take what, at what cost, and what would stop them", and a power's
//! attack path is drawn on the topology. Each opens a design of the case library
//! (`examples/cases/`) through the stubbed open dialog and checks what the page shows against
//! what the Rust side computes for the same file.
//!
//! Needs what `tests/e2e/harness.rs` needs (tauri-driver, WebKitWebDriver, Xvfb without a display) and
//! a UI build (`cd ui && npm run build`). Run: `cargo test -p cogov-studio --test e2e_capture
//! -- --nocapture`; screenshots go to `target/e2e-screenshots/capture_*.png`.

// The shared harness and view helpers have more than this file uses.
#[allow(dead_code)]
#[path = "e2e/harness.rs"]
mod harness;
#[path = "e2e/views.rs"]
#[allow(dead_code)]
mod views;

use cogov_studio::capture::{CaptureView, view_of};
use harness::{Ctx, R, Session, ensure, scenario_with_env, tid};
use serde_json::{Value, json};
use views::{cases_dir, open_file};

/// The capture view Rust computes for a case file.
fn rust_view(file: &str) -> R<CaptureView> {
    let path = cases_dir().join(file);
    let bytes = std::fs::read(&path).ctx(&format!("cannot read {}", path.display()))?;
    let (_, doc) = cogov_engine::intake::load(file, &bytes).map_err(|e| format!("{file}: {e}"))?;
    let gco = doc.into_gco().map_err(|e| format!("{file}: {e}"))?;
    Ok(view_of(&gco))
}

/// The key the page gives a power path (ui/src/lib/insight/capture.ts `rowKey`).
fn row_key(p: &cogov_engine::risk::capture::PowerCapture) -> String {
    [p.decision_type.as_str(), p.power, p.route.as_deref().unwrap_or(""), &p.tiers.join(",")].join("|")
}

/// Places a case in the stubbed dialog's folder, opens it, and shows the Risk view's capture table.
async fn open_case_risk(s: &Session, file: &str) -> R<Value> {
    open_file(s, &cases_dir().join(file)).await?;
    s.click(&tid("nav-risk")).await?;
    s.wait_js(
        "the capture table",
        "const rows = [...document.querySelectorAll('[data-testid=\"capture-row\"]')]; \
         if (!rows.length) return null; \
         return rows.map(r => ({ key: r.dataset.key, level: r.dataset.level, capturable: r.dataset.capturable === 'true', \
           unguarded: !!r.querySelector('[data-testid=\"capture-unguarded\"]'), need: r.dataset.need, cost: r.dataset.cost, \
           text: r.textContent }));",
        vec![],
    )
    .await
}

fn close(a: f64, b: &str) -> bool {
    b.parse::<f64>().is_ok_and(|v| (v - a).abs() <= 1e-9 * a.abs().max(1.0))
}

#[test]
fn capture_flash_loan_case_leads_the_risk_view_and_draws_its_path() {
    let file = "beanstalk-2022.json";
    scenario_with_env("capture_flash_loan_case", &[("COGOV_STUDIO_DIALOG_OPEN", file)], async |s: &Session| {
        let view = rust_view(file)?;
        let worst = view.report.worst().ok_or("Rust finds no capturable power in the flash-loan case")?;
        let i = view.report.powers.iter().position(|p| p == worst).ok_or("worst not listed")?;
        let rows = open_case_risk(s, file).await?;
        let rows = rows.as_array().ok_or("rows")?;
        ensure(rows.len() == view.report.powers.len(), || {
            format!("the page lists {} power paths, Rust {}", rows.len(), view.report.powers.len())
        })?;
        // The first row is at alert, and the captured power is there with Rust's need and cost.
        ensure(rows[0]["level"] == "alert", || format!("the first row is not at alert: {}", rows[0]))?;
        let key = row_key(worst);
        let row = rows.iter().find(|r| r["key"] == key.as_str()).ok_or_else(|| format!("no row {key}"))?;
        ensure(row["level"] == "alert" && row["capturable"] == true, || format!("{key}: {row}"))?;
        ensure(close(worst.need, row["need"].as_str().unwrap_or("")), || {
            format!("{key}: the page's need {} against Rust's {}", row["need"], worst.need)
        })?;
        match worst.cost {
            Some(c) => ensure(close(c, row["cost"].as_str().unwrap_or("")), || {
                format!("{key}: the page's cost {} against Rust's {c}", row["cost"])
            })?,
            None => ensure(row["cost"] == "", || format!("{key}: a cost {} where Rust has none", row["cost"]))?,
        }
        ensure(row["text"].as_str().is_some_and(|t| t.contains("flash-loaned")), || format!("{key}: {}", row["text"]))?;
        s.shot("-risk").await?;

        // Its Path button: the topology highlights the path's nodes, as many as Rust names.
        s.click(&format!("[data-key=\"{key}\"] [data-testid=\"capture-path\"]")).await?;
        s.find(&tid("view-topology")).await?;
        let want = view.paths[i].nodes();
        let got = s
            .wait_js(
                "the attack path drawn",
                "const l = document.querySelector('[data-testid=\"attack-legend\"]'); const cy = window.__cy; \
                 if (!l || !cy) return null; \
                 const on = cy.nodes('.attack-on, .attack-signer, .attack-veto').not('.attack-virtual').map(n => n.id()); \
                 return { legend: Number(l.dataset.nodes), on, outsider: cy.getElementById('attack:outsider').length, \
                          dim: cy.nodes('.attack-dim').length };",
                vec![],
            )
            .await?;
        let mut on: Vec<String> = serde_json::from_value(got["on"].clone()).ctx("highlighted ids")?;
        on.sort();
        let mut want_sorted = want.clone();
        want_sorted.sort();
        ensure(on == want_sorted, || format!("highlighted {on:?}, Rust's path {want:?}"))?;
        ensure(got["legend"].as_u64() == Some(want.len() as u64), || format!("the legend counts {}", got["legend"]))?;
        ensure(got["outsider"] == 1, || "no outsider node".to_owned())?;
        ensure(got["dim"].as_u64().is_some_and(|d| d > 0), || "nothing off the path is dimmed".to_owned())?;
        // Let the fit animation settle before the picture.
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        s.shot("-path").await?;
        Ok(())
    });
}

#[test]
fn capture_control_has_no_power_at_alert() {
    let file = "control-token-dao.json";
    scenario_with_env("capture_control", &[("COGOV_STUDIO_DIALOG_OPEN", file)], async |s: &Session| {
        let view = rust_view(file)?;
        let rows = open_case_risk(s, file).await?;
        let rows = rows.as_array().ok_or("rows")?;
        ensure(rows.len() == view.report.powers.len(), || {
            format!("the page lists {} power paths, Rust {}", rows.len(), view.report.powers.len())
        })?;
        for r in rows {
            ensure(r["level"] != "alert", || format!("a control shows a power at alert: {r}"))?;
            ensure(!(r["capturable"] == true && r["unguarded"] == true), || format!("capturable and unguarded: {r}"))?;
        }
        s.shot("-risk").await?;

        // A guarded path: its signers and vetoes are marked on the topology as Rust names them.
        let i = view
            .paths
            .iter()
            .position(|p| !p.signers.is_empty() || !p.vetoes.is_empty())
            .ok_or("the control has no path with signers or vetoes")?;
        let key = row_key(&view.report.powers[i]);
        s.click(&format!("[data-key=\"{key}\"] [data-testid=\"capture-path\"]")).await?;
        s.find(&tid("view-topology")).await?;
        let got = s
            .wait_js(
                "the guarded path drawn",
                "const l = document.querySelector('[data-testid=\"attack-legend\"]'); const cy = window.__cy; \
                 if (!l || !cy) return null; const ids = (c) => cy.nodes(c).not('.attack-virtual').map(n => n.id()).sort(); \
                 return { on: ids('.attack-on'), signers: ids('.attack-signer'), vetoes: ids('.attack-veto') };",
                vec![],
            )
            .await?;
        let p = &view.paths[i];
        let sorted = |v: &[String]| {
            let mut v = v.to_vec();
            v.sort();
            v
        };
        let mut on = vec![p.decision.clone()];
        on.extend(p.targets.iter().cloned());
        // A role that both signs and vetoes is marked once, as a signer.
        let vetoes: Vec<String> = p.vetoes.iter().filter(|v| !p.signers.contains(v)).cloned().collect();
        for (what, want) in [("on", sorted(&on)), ("signers", sorted(&p.signers)), ("vetoes", sorted(&vetoes))] {
            let have: Vec<String> = serde_json::from_value(got[what].clone()).ctx(what)?;
            ensure(have == want, || format!("{key}: {what} marked {have:?}, Rust {want:?}"))?;
        }
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        s.shot("-path").await?;
        Ok(())
    });
}

/// What the dialogue's current question shows (id, kind, prompt, options), or `done`.
const QUESTION_JS: &str = r#"
if (document.querySelector('[data-testid="onboarding-save"]')) return { done: true };
const q = document.querySelector('[data-testid="onboarding-question"]');
if (!q) return null;
const next = q.querySelector('[data-testid="onboarding-next"]');
if (!next || next.disabled) return null;
const inp = q.querySelector('[data-testid="onboarding-answer-input"]');
const radios = [...inp.querySelectorAll('input[type=radio]')];
return {
  id: q.dataset.questionId, prompt: q.querySelector('.prompt').textContent,
  input: inp.tagName === 'INPUT' ? inp.type : (inp.querySelector('[data-testid="onboarding-option-yes"]') ? 'yes_no' : 'other'),
  value: inp.tagName === 'INPUT' ? inp.value : null, min: inp.tagName === 'INPUT' ? inp.min : '',
  checked: radios.findIndex(r => r.checked), options: radios.length,
  labels: [...inp.querySelectorAll('label')].map(l => l.textContent.trim()),
};
"#;

#[test]
fn capture_dialogue_asks_snapshot_veto_and_exit_window_in_plain_words() {
    scenario_with_env("capture_dialogue", &[], async |s: &Session| {
        s.click(&tid("nav-onboarding")).await?;
        s.find(&tid("onboarding-progress")).await?;
        let mut seen = Vec::new();
        for _ in 0..80 {
            let q = s.wait_js("a question or the end of the dialogue", QUESTION_JS, vec![]).await?;
            if q["done"] == true {
                break;
            }
            let id = q["id"].as_str().unwrap_or_default().to_owned();
            let prompt = q["prompt"].as_str().unwrap_or_default().to_owned();
            match id.as_str() {
                "weight_snapshot" => {
                    ensure(prompt.contains("weight read") && q["options"] == 3, || format!("{id}: {q}"))?;
                    s.shot("-snapshot").await?;
                }
                "veto" => {
                    ensure(prompt.contains("who may cancel it") && q["options"] == 3, || format!("{id}: {q}"))?;
                    s.shot("-veto").await?;
                    // The members, by a vote against (the second option).
                    s.click(&tid("onboarding-option-1")).await?;
                }
                "exit_window_days" => {
                    ensure(prompt.contains("how many days") && q["input"] == "number", || format!("{id}: {q}"))?;
                    s.type_into(&tid("onboarding-answer-input"), "14").await?;
                }
                _ => match q["input"].as_str().unwrap_or_default() {
                    "text" if q["value"] == "" => {
                        s.type_into(&tid("onboarding-answer-input"), "Harbour Commons").await?
                    }
                    "number" if q["value"] == "" => {
                        let v = q["min"].as_str().filter(|m| !m.is_empty()).unwrap_or("1").to_owned();
                        s.type_into(&tid("onboarding-answer-input"), &v).await?;
                    }
                    "yes_no" if q["checked"] == -1 => s.click(&tid("onboarding-option-yes")).await?,
                    _ if q["options"].as_i64().unwrap_or(0) > 0 && q["checked"] == -1 => {
                        s.click(&tid("onboarding-option-0")).await?;
                    }
                    _ => {}
                },
            }
            seen.push(id.clone());
            s.click(&tid("onboarding-next")).await?;
            s.wait_js(
                &format!("the dialogue to take the answer to `{id}`"),
                "const q = document.querySelector('[data-testid=\"onboarding-question\"]'); \
                 return !!document.querySelector('[data-testid=\"onboarding-save\"]') \
                     || !!(q && q.dataset.questionId !== arguments[0]);",
                vec![json!(id)],
            )
            .await?;
        }
        for id in ["weight_snapshot", "veto", "exit_window_days"] {
            ensure(seen.iter().any(|x| x == id), || format!("the dialogue never asked `{id}`: {seen:?}"))?;
        }
        // The answers land in the GCO fields: saved through the stubbed dialog, read by the engine.
        s.click(&tid("onboarding-save")).await?;
        let file = {
            let end = std::time::Instant::now() + harness::WAIT;
            loop {
                let found = std::fs::read_dir(&s.dialog_dir)
                    .ctx("cannot list the dialog folder")?
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .find(|p| p.extension().is_some_and(|x| x == "json"));
                if let Some(p) = found {
                    break p;
                }
                if std::time::Instant::now() > end {
                    return Err("the dialogue's design was not saved".into());
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        };
        let bytes = std::fs::read(&file).ctx("cannot read the saved design")?;
        let gco = cogov_engine::intake::from_json_bytes(&bytes)
            .map_err(|e| format!("not a readable GCO: {e}"))?
            .gco
            .ok_or("not a typed GCO")?;
        let vw = gco.voting_weight.clone().ok_or("no voting_weight")?;
        ensure(vw.weight_snapshot == Some(cogov_model::WeightSnapshot::ProposalCreated), || format!("{vw:?}"))?;
        for dt in &gco.decision_types {
            ensure(matches!(dt.veto.as_slice(), [cogov_model::VetoHolder::TokenHolders { .. }]), || {
                format!("{}: veto {:?}", dt.id, dt.veto)
            })?;
        }
        let amend = gco.decision_type("constitutional").ok_or("no constitutional decision type")?;
        let window = amend.exit_window.map(|w| cogov_engine::risk::capture::seconds(amend, w)).unwrap_or(0.0);
        ensure((window - 14.0 * 86_400.0).abs() < 60.0, || format!("exit window {window} s, answered 14 days"))?;
        Ok(())
    });
}
