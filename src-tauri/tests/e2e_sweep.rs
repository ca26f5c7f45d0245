//! End-to-end test of the Sweep view through the real webview (tauri-driver + WebKitWebDriver
//! under Xvfb; see e2e/harness.rs for what it needs): RC-1 swept over its general resolution's quorum ×
//! voting delay (5 × 5 cells, 100 runs each), the heatmap's cells checked against the sweep
//! engine run in this test on the same sweep file, the Pareto front against the engine's, a cell
//! opened in the What-if, the recommendation applied as a diff. The time from Run to the drawn
//! heatmap is recorded in `target/e2e-perf.json` (`sweep`); screenshots go to
//! `target/e2e-screenshots/sweep_view_on_rc1-*.png`.
//!
//! A second scenario samples instead of a grid: Sobol, 6 base samples over the quorum and the
//! participation contraction (6 × (2 + 2) = 24 cells, 100 runs each), chosen in the view's
//! sampling selector; the scatter checked point for point against the engine's cells, the
//! tornado against its Sobol indices, a point opened in the What-if
//! (`sampled_sweep_view_on_rc1-*.png`).
//!
//! Run: `cargo test -p cogov-studio --test e2e_sweep -- --nocapture` (rebuild `ui/dist` first).

// The harness and view helpers are shared by every e2e_*.rs; this file uses part of them.
#[path = "e2e/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "e2e/views.rs"]
#[allow(dead_code)]
mod views;

use cogov_sim::sweep::{self, Sweep};
use harness::{Ctx, R, Session, ensure, scenario_with_env, tid};
use serde_json::{Value, json};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};
use views::{commit_in_studio, examples_dir, open_file, write_perf};

/// Scrolls the chart `css` into view: its panel (with its title and choices) at the top.
async fn scroll_to(s: &Session, css: &str) -> R<()> {
    s.js(
        "const e = document.querySelector(arguments[0]); (e.closest('.panel') || e).scrollIntoView({block: 'start'}); return true;",
        vec![json!(css)],
    )
    .await
    .map(|_| ())
}

/// The engine's results for the sweep file the view ran, computed here with `cogov_sim`.
fn engine_results(design: &str, spec: &Value) -> R<Value> {
    let gco = cogov_engine::intake::from_json_bytes(design.as_bytes())
        .and_then(|d| d.into_gco())
        .map_err(|e| format!("rc1 does not read: {e}"))?;
    let bytes = serde_json::to_vec(spec).ctx("spec")?;
    let file = sweep::file::from_json_bytes(&bytes).map_err(|e| format!("the view's sweep file is refused: {e}"))?;
    let sw = Sweep::new(gco, file).map_err(|e| format!("the view's sweep is refused: {e}"))?;
    let never = AtomicBool::new(false);
    let units = sw.compute(0..sw.units(), &never, &|_| {}).map_err(|e| format!("the sweep fails: {e}"))?;
    let files = sw.outputs(&units).map_err(|e| format!("the sweep's outputs fail: {e}"))?;
    Ok(sweep::results_value(&files))
}

/// Opens RC-1 (through the studio's Open dialog) in the Sweep view, once its first sweep can run;
/// returns the design's text.
async fn open_rc1_sweep(s: &Session) -> R<String> {
    let text = open_file(s, &examples_dir().join("rc1.json")).await?;
    s.click(&tid("nav-sweep")).await?;
    s.wait_js(
        "the default sweep",
        "const b = document.querySelector('[data-testid=\"sweep-run\"]'); return b && !b.disabled;",
        vec![],
    )
    .await?;
    Ok(text)
}

#[test]
fn sweep_view_on_rc1() {
    let name = "sweep_view_on_rc1";
    scenario_with_env(name, &[("COGOV_STUDIO_DIALOG_OPEN", "rc1.json")], async |s: &Session| {
        let text = open_rc1_sweep(s).await?;
        s.find(&tid("view-sweep")).await?;
        let size = s
            .wait_js(
                "the default sweep",
                "const e = document.querySelector('[data-testid=\"sweep-size\"]'); \
                 const b = document.querySelector('[data-testid=\"sweep-run\"]'); \
                 return e && b && !b.disabled ? e.textContent : null;",
                vec![],
            )
            .await?;
        ensure(size.as_str().is_some_and(|t| t.starts_with("25 cells × 100 runs")), || {
            format!("the sweep reads {size}")
        })?;
        s.shot("-setup").await?;

        // Run: the page records the time from the click to the heatmap painted (after the DOM
        // update and the next animation frame); the outer clock includes WebDriver's polling.
        let outer = Instant::now();
        s.click(&tid("sweep-run")).await?;
        let drawn = s
            .wait_js_for(
                "the heatmap to be drawn",
                "const r = document.querySelector('[data-testid=\"sweep-results\"]'); \
                 const n = document.querySelectorAll('[data-testid=\"sweep-heat-cell\"]').length; \
                 return r && r.dataset.drawnMs && n === 25 ? {drawn: Number(r.dataset.drawnMs), shell: Number(r.dataset.ms), compute: Number(r.dataset.computeMs), spec: r.dataset.spec} : null;",
                vec![],
                Duration::from_secs(120),
            )
            .await?;
        let outer_ms = outer.elapsed().as_secs_f64() * 1000.0;
        let drawn_ms = drawn["drawn"].as_f64().unwrap_or(f64::NAN);
        let shell_ms = drawn["shell"].as_f64().unwrap_or(f64::NAN);
        let compute_ms = drawn["compute"].as_f64().unwrap_or(f64::NAN);
        // The machine's load when measured: the figure depends on what else runs on its cores.
        let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
        let load1: f64 = load.split_whitespace().next().and_then(|x| x.parse().ok()).unwrap_or(f64::NAN);
        println!(
            "[{name}] Run → heatmap drawn: {drawn_ms:.0} ms in the page (shell {shell_ms:.0} ms, of which simulation {compute_ms:.0} ms; {outer_ms:.0} ms by WebDriver; load average {load1})"
        );

        // The sweep file the view sent: quorum × voting delay, five values each, 100 runs.
        let spec: Value = serde_json::from_str(drawn["spec"].as_str().unwrap_or("")).ctx("the view's sweep file")?;
        let knobs: Vec<&str> =
            spec["knobs"].as_array().map_or(vec![], |k| k.iter().filter_map(|k| k["knob"].as_str()).collect());
        ensure(knobs == ["/decision_types/general/quorum", "/decision_types/general/voting_delay"], || {
            format!("the view swept {knobs:?}")
        })?;
        ensure(spec["runs"] == json!(100), || format!("runs per cell: {}", spec["runs"]))?;

        // Every heatmap cell's value is the engine's mean for that cell.
        let engine = engine_results(&text, &spec)?;
        let shown = s
            .js(
                "const h = document.querySelector('[data-testid=\"sweep-heatmap\"]'); \
                 return {objective: h.dataset.objective, cells: [...document.querySelectorAll('[data-testid=\"sweep-heat-cell\"]')].map(e => ({ \
                   cell: Number(e.dataset.cell), mean: Number(e.dataset.mean), se: Number(e.dataset.se), feasible: e.dataset.feasible === 'true', \
                   x: Number(e.dataset.x), y: Number(e.dataset.y), text: e.textContent.trim() }))};",
                vec![],
            )
            .await?;
        let objective = shown["objective"].as_str().unwrap_or("").to_owned();
        ensure(objective == "continuity_impact", || format!("the heatmap shows {objective}"))?;
        let cells = shown["cells"].as_array().ok_or("no cells")?;
        ensure(cells.len() == 25, || format!("{} heatmap cells", cells.len()))?;
        let table = engine["cells"]["cells"].as_array().ok_or("the engine gave no cells")?;
        let mut seen = Vec::new();
        for c in cells {
            let i = c["cell"].as_u64().ok_or("cell number")? as usize;
            let want = &table[i];
            let o = &want["objectives"][&objective];
            ensure(c["mean"].as_f64() == o["mean"].as_f64() && c["se"].as_f64() == o["se"].as_f64(), || {
                format!("cell {i}: the heatmap shows {c}, the engine computes {o}")
            })?;
            ensure(
                c["x"].as_f64() == want["knobs"][knobs[0]].as_f64()
                    && c["y"].as_f64() == want["knobs"][knobs[1]].as_f64()
                    && c["feasible"] == want["feasible"],
                || format!("cell {i} is drawn at {c}, the engine's is {want}"),
            )?;
            ensure(c["feasible"] == json!(true) || c["text"].as_str().is_some_and(|t| t.starts_with('✕')), || {
                format!("cell {i} fails a constraint but carries no glyph: {c}")
            })?;
            seen.push(i);
        }
        seen.sort_unstable();
        ensure(seen == (0..25).collect::<Vec<_>>(), || format!("cells drawn: {seen:?}"))?;

        // The tooltip gives the value with its error.
        s.js(
            "const g = document.querySelector('[data-testid=\"sweep-heat-cell\"][data-cell=\"12\"]'); const r = g.getBoundingClientRect(); \
             g.dispatchEvent(new PointerEvent('pointermove', {bubbles: true, clientX: r.x + 10, clientY: r.y + 10})); return true;",
            vec![],
        )
        .await?;
        let tip = s
            .wait_js(
                "the tooltip",
                "const t = document.querySelector('[data-testid=\"sweep-tip\"]'); return t ? t.textContent : null;",
                vec![],
            )
            .await?;
        ensure(tip.as_str().is_some_and(|t| t.contains("Cell #12") && t.contains(" ± ")), || {
            format!("the tooltip says {tip}")
        })?;
        scroll_to(s, &tid("sweep-heatmap")).await?;
        s.shot("-heatmap-tooltip").await?;
        s.js("document.querySelector('[data-testid=\"sweep-heat-cell\"][data-cell=\"12\"]').dispatchEvent(new PointerEvent('pointerleave')); return true;", vec![]).await?;
        s.shot("-heatmap").await?;

        // The Pareto front drawn is the engine's.
        let front = s
            .js(
                "return [...document.querySelectorAll('[data-testid=\"sweep-pareto-point\"][data-front=\"true\"]')].map(e => Number(e.dataset.cell)).sort((a, b) => a - b);",
                vec![],
            )
            .await?;
        let mut want: Vec<u64> = engine["pareto"]["cells"]
            .as_array()
            .map_or(vec![], |c| c.iter().filter_map(|c| c["cell"].as_u64()).collect());
        want.sort_unstable();
        let front: Vec<u64> =
            front.as_array().map_or(vec![], |f| f.iter().filter_map(Value::as_f64).map(|x| x as u64).collect());
        ensure(front == want && !want.is_empty(), || format!("the front drawn is {front:?}, the engine's {want:?}"))?;
        scroll_to(s, &tid("sweep-pareto")).await?;
        s.shot("-pareto").await?;
        let bars = s.all(&tid("sweep-tornado-bar")).await?.len();
        ensure(bars >= 1, || "the tornado has no bar".into())?;
        scroll_to(s, &tid("sweep-tornado")).await?;
        s.shot("-tornado").await?;

        // Save: refused while RC-1 is not in the store, then kept with the version committed,
        // the stored results the engine's.
        s.click(&tid("sweep-save")).await?;
        let refused = s
            .wait_js(
                "the save to be refused",
                "const e = document.querySelector('[data-testid=\"sweep-save-error\"]'); return e ? e.dataset.code : null;",
                vec![],
            )
            .await?;
        ensure(refused == json!("GOV-S013"), || format!("saving an uncommitted design: {refused}"))?;
        ensure(commit_in_studio(s, "RC-1 as specified").await?.is_none(), || "the commit was refused".into())?;
        s.click(&tid("sweep-save")).await?;
        s.wait_js(
            "the saved sweep listed",
            "return document.querySelectorAll('[data-testid=\"sweep-saved-item\"]').length === 1;",
            vec![],
        )
        .await?;
        let db = s.dialog_dir.parent().ok_or("no scenario root")?.join("home/.local/share/cogov/cogov.db");
        let store = cogov_store::Store::open(&db).ctx(&format!("cannot open {}", db.display()))?;
        let kept = store.sweeps_of("rc1-reference", Some("1.0.0")).ctx("sweeps")?;
        ensure(kept.len() == 1 && kept[0].cells == 25 && kept[0].runs == 100, || format!("the store keeps {kept:?}"))?;
        let full = store.sweep(kept[0].id).ctx("the saved sweep")?;
        ensure(full.results.as_ref() == Some(&engine), || "the stored results are not the engine's".into())?;

        // Apply the recommendation: the diff first, the editor only after Keep.
        let best = engine["recommendation"]["recommended"].as_u64().ok_or("the engine recommends no cell")? as usize;
        let rec = s.find(&tid("sweep-recommendation")).await?.attr("data-recommended").await.ctx("recommended")?;
        ensure(rec.as_deref() == Some(best.to_string().as_str()), || {
            format!("the view recommends {rec:?}, the engine {best}")
        })?;
        let best_quorum = table[best]["knobs"][knobs[0]].as_f64().ok_or("quorum")?;
        s.click(&tid("sweep-apply")).await?;
        s.find(&tid("sweep-apply-diff")).await?;
        s.find(&tid("text-diff")).await?;
        scroll_to(s, &tid("sweep-recommendation")).await?;
        s.shot("-apply").await?;
        s.click(&tid("sweep-keep")).await?;

        // A cell opens in the What-if with its knob values (the corner: highest quorum, longest delay;
        // the view's quorum range sits around the design's own quorum).
        let top = spec["knobs"][0]["range"]["to"].as_f64().ok_or("the quorum range's end")?;
        let corner = table
            .iter()
            .position(|c| {
                c["knobs"][knobs[0]].as_f64() == Some(top) && c["knobs"][knobs[1]].as_f64() == Some(172_800.0)
            })
            .ok_or("no corner cell")?;
        // WebKitWebDriver does not click SVG groups: the click event is sent to the cell itself.
        s.js(
            "document.querySelector(arguments[0]).dispatchEvent(new MouseEvent('click', {bubbles: true})); return true;",
            vec![json!(format!("[data-testid=\"sweep-heat-cell\"][data-cell=\"{corner}\"]"))],
        )
        .await?;
        s.find(&tid("view-whatif")).await?;
        let opened = s
            .wait_js(
                "the cell in the What-if",
                "const b = document.querySelector('[data-testid=\"whatif-sweep-cell\"]'); \
                 const f = document.querySelector('[data-testid=\"whatif-figures\"]'); \
                 return b && f && !document.querySelector('[data-testid=\"whatif-running\"]') ? {cell: Number(b.dataset.cell), knobs: JSON.parse(b.dataset.knobs)} : null;",
                vec![],
            )
            .await?;
        let pairs: Vec<(String, f64)> = opened["knobs"].as_array().map_or(vec![], |k| {
            k.iter().map(|p| (p[0].as_str().unwrap_or("").to_owned(), p[1].as_f64().unwrap_or(f64::NAN))).collect()
        });
        ensure(
            opened["cell"].as_u64() == Some(corner as u64)
                && pairs == [(knobs[0].to_owned(), top), (knobs[1].to_owned(), 172_800.0)],
            || format!("the What-if opened {opened}, expected cell {corner} at quorum {top}, delay 172800"),
        )?;
        s.shot("-whatif-cell").await?;
        s.click(&tid("whatif-sweep-cell-close")).await?;

        // The editor holds the recommendation (the applied quorum), unsaved.
        s.click(&tid("nav-editor")).await?;
        s.click(&tid("editor-mode-json")).await?;
        s.find(&tid("editor-json")).await?;
        let quorum = s
            .js(
                "const d = JSON.parse(document.querySelector('[data-testid=\"editor-json\"]').value); \
                 return d.decision_types.find(t => t.id === 'general').quorum;",
                vec![],
            )
            .await?;
        ensure(quorum.as_f64() == Some(best_quorum), || {
            format!("the editor's quorum is {quorum}, recommended {best_quorum}")
        })?;

        write_perf(
            "sweep",
            json!({
                "design": "examples/rc1.json", "cells": 25, "runs": 100, "steps": spec["scenario"]["inline"]["steps"],
                "run_to_heatmap_drawn_ms": (drawn_ms * 10.0).round() / 10.0,
                "shell_ms": (shell_ms * 10.0).round() / 10.0,
                "simulation_ms": (compute_ms * 10.0).round() / 10.0,
                "load_average_1min": load1,
                "cores": std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
                "run_to_heatmap_webdriver_ms": outer_ms.round(),
                "about": "Run clicked → 25 heatmap cells in the DOM and the next animation frame, measured in the page; shell_ms is the sweep command's own time (25 cells × 100 runs and their baselines, the analysis); the webdriver figure adds its polling; the issue asks for 2 s",
            }),
        )?;
        Ok(())
    });
}

/// Sets a `<select>` or `<input>` the way a person does (its value, then the event the view
/// listens to), found by `css` (the `n`th match).
async fn set_value(s: &Session, css: &str, n: usize, value: &str, event: &str) -> R<()> {
    s.js(
        "const e = document.querySelectorAll(arguments[0])[arguments[1]]; if (!e) return false; \
         e.value = arguments[2]; e.dispatchEvent(new Event(arguments[3], {bubbles: true})); return true;",
        vec![json!(css), json!(n), json!(value), json!(event)],
    )
    .await
    .and_then(|ok| ensure(ok == json!(true), || format!("no element {css} #{n}")))
}

#[test]
fn sampled_sweep_view_on_rc1() {
    let name = "sampled_sweep_view_on_rc1";
    scenario_with_env(name, &[("COGOV_STUDIO_DIALOG_OPEN", "rc1.json")], async |s: &Session| {
        let text = open_rc1_sweep(s).await?;

        // Sobol, 6 base samples, over the quorum and the participation contraction: 6 × (2 + 2).
        set_value(s, &tid("sweep-sampling"), 0, "sobol", "change").await?;
        set_value(s, &tid("sweep-samples"), 0, "6", "input").await?;
        set_value(s, &tid("sweep-knob-name"), 1, "/participation/contraction", "change").await?;
        let size = s
            .wait_js(
                "the sampled sweep's size",
                "const e = document.querySelector('[data-testid=\"sweep-size\"]'); \
                 return e && e.dataset.cells === '24' ? {text: e.textContent, runs: Number(e.dataset.runs), steps: document.querySelectorAll('[data-testid=\"sweep-knob-step\"]').length, formula: document.querySelector('[data-testid=\"sweep-cell-formula\"]').textContent} : null;",
                vec![],
            )
            .await?;
        ensure(
            size["text"].as_str().is_some_and(|t| t.starts_with("24 cells × 100 runs"))
                && size["runs"] == json!(4800)
                && size["steps"] == json!(0)
                && size["formula"] == json!("6 × (2 knobs + 2) = 24 cells"),
            || format!("before running the view says {size}"),
        )?;
        s.shot("-setup").await?;

        let outer = Instant::now();
        s.click(&tid("sweep-run")).await?;
        let drawn = s
            .wait_js_for(
                "the scatter to be drawn",
                "const r = document.querySelector('[data-testid=\"sweep-results\"]'); \
                 const n = document.querySelectorAll('[data-testid=\"sweep-scatter-point\"]').length; \
                 return r && r.dataset.drawnMs && n > 0 ? {drawn: Number(r.dataset.drawnMs), spec: r.dataset.spec} : null;",
                vec![],
                Duration::from_secs(180),
            )
            .await?;
        println!(
            "[{name}] Run → scatter drawn: {:.0} ms in the page ({:.0} ms by WebDriver)",
            drawn["drawn"].as_f64().unwrap_or(f64::NAN),
            outer.elapsed().as_secs_f64() * 1000.0
        );
        let spec: Value = serde_json::from_str(drawn["spec"].as_str().unwrap_or("")).ctx("the view's sweep file")?;
        ensure(spec["sampling"] == json!({"method": "sobol", "samples": 6}), || {
            format!("sampling {}", spec["sampling"])
        })?;
        ensure(spec["knobs"].as_array().is_some_and(|k| k.iter().all(|k| k["range"].get("step").is_none())), || {
            format!("a sampled sweep was sent steps: {}", spec["knobs"])
        })?;
        let knobs: Vec<&str> =
            spec["knobs"].as_array().map_or(vec![], |k| k.iter().filter_map(|k| k["knob"].as_str()).collect());

        // One point per cell the engine returns, each at the engine's values and mean.
        let engine = engine_results(&text, &spec)?;
        let table = engine["cells"]["cells"].as_array().ok_or("the engine gave no cells")?;
        ensure(table.len() == 24, || format!("the engine made {} cells", table.len()))?;
        let shown = s
            .js(
                "return {heat: !!document.querySelector('[data-testid=\"sweep-heatmap\"]'), objective: document.querySelector('[data-testid=\"sweep-scatter\"]').dataset.objective, \
                 points: [...document.querySelectorAll('[data-testid=\"sweep-scatter-point\"]')].map(e => ({ \
                   cell: Number(e.dataset.cell), mean: Number(e.dataset.mean), x: Number(e.dataset.x), y: Number(e.dataset.y), \
                   feasible: e.dataset.feasible === 'true', cross: !!e.querySelector('path') }))};",
                vec![],
            )
            .await?;
        ensure(shown["heat"] == json!(false), || "a sampled sweep drew a heatmap".into())?;
        let objective = shown["objective"].as_str().unwrap_or("").to_owned();
        let points = shown["points"].as_array().ok_or("no points")?;
        let mut seen = Vec::new();
        for p in points {
            let i = p["cell"].as_u64().ok_or("cell number")? as usize;
            let want = table.get(i).ok_or_else(|| format!("point of cell {i}, which the engine did not make"))?;
            ensure(
                p["mean"].as_f64() == want["objectives"][&objective]["mean"].as_f64()
                    && p["x"].as_f64() == want["knobs"][knobs[0]].as_f64()
                    && p["y"].as_f64() == want["knobs"][knobs[1]].as_f64()
                    && p["feasible"] == want["feasible"]
                    && p["cross"] == json!(want["feasible"] == json!(false)),
                || format!("cell {i} is drawn as {p}, the engine's is {want}"),
            )?;
            seen.push(i);
        }
        seen.sort_unstable();
        ensure(seen == (0..24).collect::<Vec<_>>(), || format!("points drawn: {seen:?}"))?;
        scroll_to(s, &tid("sweep-scatter")).await?;
        s.shot("-scatter").await?;

        // A point's tooltip gives its cell, knob values and objectives with their errors.
        s.js(
            "const g = document.querySelector('[data-testid=\"sweep-scatter-point\"][data-cell=\"5\"]'); const r = g.getBoundingClientRect(); \
             g.dispatchEvent(new PointerEvent('pointermove', {bubbles: true, clientX: r.x + r.width / 2, clientY: r.y + r.height / 2})); return true;",
            vec![],
        )
        .await?;
        let tip = s
            .wait_js(
                "the scatter's tooltip",
                "const t = document.querySelector('[data-testid=\"sweep-tip\"]'); return t ? t.textContent : null;",
                vec![],
            )
            .await?;
        ensure(
            tip.as_str().is_some_and(|t| t.contains("Cell #5") && t.contains(" ± ") && t.contains("contraction")),
            || format!("the tooltip says {tip}"),
        )?;
        s.shot("-scatter-tooltip").await?;
        s.js("document.querySelector('[data-testid=\"sweep-scatter-point\"][data-cell=\"5\"]').dispatchEvent(new PointerEvent('pointerleave')); return true;", vec![]).await?;

        // The tornado shows Sobol indices, each bar the engine's total order with its interval.
        let bars = s
            .js(
                "const t = document.querySelector('[data-testid=\"sweep-tornado\"]'); \
                 return {label: t ? t.getAttribute('aria-label') : '', objective: document.querySelector('[data-testid=\"sweep-tornado-objective\"]').value, \
                 s1: document.querySelectorAll('[data-testid=\"sweep-tornado-s1\"]').length, \
                 bars: [...document.querySelectorAll('[data-testid=\"sweep-tornado-bar\"]')].map(b => ({knob: b.dataset.knob, value: Number(b.dataset.value), conf: Number(b.dataset.conf)}))};",
                vec![],
            )
            .await?;
        ensure(engine["sensitivity"]["method"] == json!("sobol"), || {
            format!("the engine's method {}", engine["sensitivity"]["method"])
        })?;
        ensure(bars["label"].as_str().is_some_and(|l| l.contains("Sobol total order")), || {
            format!("the tornado is {bars}")
        })?;
        let tobj = bars["objective"].as_str().unwrap_or("").to_owned();
        let drawn_bars = bars["bars"].as_array().ok_or("no bars")?;
        ensure(!drawn_bars.is_empty() && bars["s1"].as_u64() == Some(drawn_bars.len() as u64), || {
            format!("the tornado's bars and first-order ticks: {bars}")
        })?;
        for b in drawn_bars {
            let k = b["knob"].as_str().unwrap_or("");
            let e = &engine["sensitivity"]["objectives"][&tobj][k];
            let conf_ok = e["st_conf"].is_null() || b["conf"].as_f64() == e["st_conf"].as_f64();
            ensure(b["value"].as_f64() == e["st"].as_f64() && conf_ok, || format!("bar {b}, the engine's {e}"))?;
        }
        scroll_to(s, &tid("sweep-pareto")).await?;
        s.shot("-pareto").await?;
        scroll_to(s, &tid("sweep-tornado")).await?;
        s.shot("-tornado").await?;

        // A point opens its cell in the What-if, as a heatmap square does.
        s.js(
            "document.querySelector(arguments[0]).dispatchEvent(new MouseEvent('click', {bubbles: true})); return true;",
            vec![json!("[data-testid=\"sweep-scatter-point\"][data-cell=\"5\"]")],
        )
        .await?;
        s.find(&tid("view-whatif")).await?;
        let opened = s
            .wait_js(
                "the cell in the What-if",
                "const b = document.querySelector('[data-testid=\"whatif-sweep-cell\"]'); \
                 return b ? {cell: Number(b.dataset.cell), knobs: JSON.parse(b.dataset.knobs)} : null;",
                vec![],
            )
            .await?;
        ensure(
            opened["cell"] == json!(5) && opened["knobs"][0][1].as_f64() == table[5]["knobs"][knobs[0]].as_f64(),
            || format!("the What-if opened {opened}, expected cell 5 ({})", table[5]["knobs"]),
        )?;
        Ok(())
    });
}

/// A grid over RC-1's quorum and the participation contraction (an assumption): the view's
/// recommendation is the engine's, counted in design settings that hold under every swept
/// contraction (`robust_recommendation_on_rc1-recommendation.png`).
#[test]
fn robust_recommendation_on_rc1() {
    let name = "robust_recommendation_on_rc1";
    scenario_with_env(name, &[("COGOV_STUDIO_DIALOG_OPEN", "rc1.json")], async |s: &Session| {
        let text = open_rc1_sweep(s).await?;
        // The quorum as the view proposes it, against contractions of 30%, 45% and 60%.
        set_value(s, &tid("sweep-knob-name"), 1, "/participation/contraction", "change").await?;
        set_value(s, &tid("sweep-knob-from"), 1, "0.3", "input").await?;
        set_value(s, &tid("sweep-knob-to"), 1, "0.6", "input").await?;
        set_value(s, &tid("sweep-knob-step"), 1, "0.15", "input").await?;
        s.click(&tid("sweep-run")).await?;
        let shown = s
            .wait_js_for(
                "the recommendation",
                "const r = document.querySelector('[data-testid=\"sweep-results\"]'); \
                 const c = document.querySelector('[data-testid=\"sweep-recommendation-count\"]'); \
                 const p = document.querySelector('[data-testid=\"sweep-recommendation\"]'); \
                 return r && c && p && r.dataset.drawnMs ? {spec: r.dataset.spec, count: c.textContent.replace(/\\s+/g, ' ').trim(), recommended: p.dataset.recommended, panel: p.textContent.replace(/\\s+/g, ' ')} : null;",
                vec![],
                Duration::from_secs(120),
            )
            .await?;
        let spec: Value = serde_json::from_str(shown["spec"].as_str().unwrap_or("{}")).ctx("the view's spec")?;
        let knobs = spec["knobs"].as_array().map_or(0, Vec::len);
        ensure(knobs == 2 && spec["knobs"][1]["knob"] == json!("/participation/contraction"), || {
            format!("the view swept {}", spec["knobs"])
        })?;
        let engine = engine_results(&text, &spec)?;
        let rec = &engine["recommendation"];
        ensure(rec["assumptions"] == json!(["/participation/contraction"]), || format!("the engine's {rec}"))?;
        let want = format!(
            "{} of {} design settings meet every constraint under every swept",
            rec["robust_settings"], rec["settings"]
        );
        let count = shown["count"].as_str().unwrap_or_default();
        ensure(count.starts_with(&want), || format!("the view says {count:?}, the engine {want:?}"))?;
        let engine_best = rec["recommended"].as_u64().map_or(String::new(), |c| c.to_string());
        ensure(shown["recommended"].as_str() == Some(engine_best.as_str()), || {
            format!("the view recommends {}, the engine {engine_best:?}", shown["recommended"])
        })?;
        // A recommended setting is named with its worst cell; none, and the panel says why.
        let panel = shown["panel"].as_str().unwrap_or_default();
        let said = if engine_best.is_empty() {
            panel.contains("No design setting meets every constraint under every swept assumption")
        } else {
            panel.contains("Recommended setting:") && panel.contains(&format!("at its worst (cell #{engine_best}"))
        };
        ensure(said, || format!("the panel reads {panel:?}"))?;
        scroll_to(s, &tid("sweep-recommendation")).await?;
        s.shot("-recommendation").await?;
        Ok(())
    });
}
