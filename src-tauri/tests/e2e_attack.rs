//! End-to-end test of the What-if attack scenario (issue 14): on the flash-loan case of the
//! case library, an attacker added in the What-if view captures what the design leaves
//! unguarded, and the page shows exactly what `cogov_sim::attack::simulate_attack` computes
//! for the scenario the page ran.
//!
//! Needs what `tests/e2e/harness.rs` needs (tauri-driver, WebKitWebDriver, Xvfb without a display) and
//! a UI build. Run: `cargo test -p cogov-studio --test e2e_attack -- --nocapture`; the
//! screenshot goes to `target/e2e-screenshots/whatif_attack_*.png`.

// The shared harness and view helpers have more than this file uses.
#[allow(dead_code)]
#[path = "e2e/harness.rs"]
mod harness;
#[path = "e2e/views.rs"]
#[allow(dead_code)]
mod views;

use harness::{Session, ensure, scenario_with_env, tid};
use serde_json::{Value, json};
use views::{cases_dir, open_file};

const CASE: &str = "beanstalk-2022.json";

fn case_path() -> std::path::PathBuf {
    cases_dir().join(CASE)
}

/// Sets a form control's value the way a person's edit does (input and change events).
const SET_JS: &str = "const el = document.querySelector(arguments[0]); if (!el) return false; \
    el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true })); \
    el.dispatchEvent(new Event('change', { bubbles: true })); return true;";

/// The attack results once the run is over: the scenario the page ran and each row.
const RESULTS_JS: &str = "if (document.querySelector('[data-testid=\"whatif-running\"]')) return null; \
    const r = document.querySelector('[data-testid=\"whatif-attack-results\"]'); \
    if (!r || r.dataset.acquisition !== arguments[0] || r.dataset.budget !== arguments[1] || r.dataset.at !== arguments[2]) return null; \
    return { scenario: r.dataset.scenario, rows: [...r.querySelectorAll('[data-testid=\"whatif-attack-row\"]')] \
      .map(t => ({ key: t.dataset.key, target: t.dataset.target === 'true', p: Number(t.dataset.probability), text: t.textContent })) };";

#[test]
fn whatif_attack_by_flash_loan_captures_the_unguarded_upgrade() {
    scenario_with_env("whatif_attack", &[("COGOV_STUDIO_DIALOG_OPEN", CASE)], async |s: &Session| {
        let text = open_file(s, &case_path()).await?;
        s.click(&tid("nav-whatif")).await?;
        s.find(&tid("view-whatif")).await?;
        s.click(&tid("whatif-attack-on")).await?;
        for (field, value) in [("acquisition", "flash_loan"), ("budget", "10000000"), ("at", "10")] {
            let ok =
                s.js(SET_JS, vec![json!(format!("[data-testid=\"whatif-attack-{field}\"]")), json!(value)]).await?;
            ensure(ok == true, || format!("no attack {field} field"))?;
        }
        let args = vec![json!("flash_loan"), json!("10000000"), json!("10")];
        let got = s.wait_js_for("the attack results", RESULTS_JS, args, std::time::Duration::from_secs(90)).await?;

        // The same scenario through the engine.
        let scenario = got["scenario"].as_str().ok_or("the results name no scenario")?;
        let sc = cogov_sim::scenario::from_json_bytes(scenario.as_bytes()).map_err(|e| format!("{e}"))?;
        let a = sc.attack.as_ref().ok_or("the page ran no attack")?;
        ensure(a.budget == 10_000_000.0 && a.at == 10, || format!("the page ran {scenario}"))?;
        let (_, doc) = cogov_engine::intake::load(CASE, text.as_bytes()).map_err(|e| e.to_string())?;
        let gco = doc.into_gco().map_err(|e| e.to_string())?;
        let inputs = cogov_sim::Inputs::from_gco(&gco).map_err(|e| e.to_string())?;
        let want = cogov_sim::attack::simulate_attack(&gco, &inputs, &sc, 0)
            .map_err(|e| e.to_string())?
            .ok_or("the engine ran no attack")?;
        let rows: Vec<Value> = got["rows"].as_array().cloned().unwrap_or_default();
        ensure(rows.len() == want.powers.len(), || {
            format!("the page lists {} power paths, the engine {}", rows.len(), want.powers.len())
        })?;
        for (i, p) in want.powers.iter().enumerate() {
            let key =
                format!("{}|{}|{}|{}", p.decision_type, p.power, p.route.as_deref().unwrap_or(""), p.tiers.join(","));
            let row = rows.iter().find(|r| r["key"] == key.as_str()).ok_or_else(|| format!("no row {key}"))?;
            ensure(row["p"].as_f64() == Some(p.capture_probability), || {
                format!("{key}: the page shows {} captured, the engine {}", row["p"], p.capture_probability)
            })?;
            ensure((row["target"] == true) == (want.target == Some(i)), || format!("{key}: target {}", row["target"]))?;
        }
        // The mechanism: weight read live lets a flash loan take the unguarded upgrade.
        let target = want.target.map(|i| &want.powers[i]).ok_or("no target")?;
        ensure(target.capture_probability > 0.5 && target.weight_counts && target.stopped_by.is_empty(), || {
            format!("the flash loan does not capture its target: {target:?}")
        })?;
        s.shot("-results").await?;
        Ok(())
    });
}
