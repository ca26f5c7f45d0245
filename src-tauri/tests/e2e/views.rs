//! Helpers the view scenarios share (the e2e_<view>.rs files): opening an example, typing,
//! chords, waiting for the layout, in-page measurements, editing and committing the design, the
//! figures file. Included by each file next to the harness, not copied.

use crate::harness::{self, Ctx, R, Session, ensure, tid};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

pub const EXAMPLES: [&str; 6] =
    ["token-dao", "worker-coop", "oss-foundation", "ecosystem-gov", "service-gov", "federated-gov"];

/// Home → click an example → the editor shows it, validated.
pub async fn open_example(s: &Session, id: &str) -> R<()> {
    s.click(&tid("nav-home")).await?;
    s.click(&tid(&format!("example-{id}"))).await?;
    // A scenario that changed the design before gets the unsaved-changes guard: discard.
    let guard = s
        .wait_js(
            "the example or the guard",
            "const d = document.querySelector('[data-testid=\"guard-dialog\"]'); \
             if (d && d.open) return 'guard'; return document.querySelector('[data-testid=\"view-editor\"]') ? 'editor' : null;",
            vec![],
        )
        .await?;
    if guard == serde_json::json!("guard") {
        s.click(&tid("guard-discard")).await?;
    }
    s.find(&tid("view-editor")).await?;
    let name = s.find(&tid("design-name")).await?.text().await.ctx("cannot read design-name")?;
    ensure(name == format!("{id}.json"), || format!("after opening example `{id}` the status bar names `{name}`"))
}

/// Opens the file at `path` through the studio's Open button (the stubbed dialog answers with
/// the file placed in its folder) and waits for the status bar to name it; returns its text.
pub async fn open_file(s: &Session, path: &std::path::Path) -> R<String> {
    let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).ok_or("a path without a file name")?;
    let text = std::fs::read_to_string(path).ctx(&format!("cannot read {}", path.display()))?;
    std::fs::write(s.dialog_dir.join(&file), &text).ctx(&format!("cannot place {file}"))?;
    s.click(&tid("open-button")).await?;
    s.wait_js(
        &format!("{file} to open"),
        "const n = document.querySelector('[data-testid=\"design-name\"]'); return n && n.textContent.trim() === arguments[0];",
        vec![json!(file)],
    )
    .await?;
    Ok(text)
}

/// Types `text` with the keyboard into whatever has focus (keeps the caret and selection).
pub async fn type_keys(s: &Session, text: &str) -> R<()> {
    let mut keys = KeyActions::new("keyboard".into());
    for c in text.chars() {
        keys = keys.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
    }
    s.client.perform_actions(keys).await.ctx(&format!("cannot type `{text}`"))?;
    s.client.release_actions().await.ctx("cannot release keys")
}

/// WebDriver's key codes for Escape, Control, Shift and the left arrow.
pub const ESCAPE: char = '\u{E00C}';
/// Control.
pub const CONTROL: char = '\u{E009}';
/// Shift.
pub const SHIFT: char = '\u{E008}';
/// The left arrow.
pub const ARROW_LEFT: char = '\u{E012}';

/// Presses a chord (e.g. Control then 3) on whatever has focus, and releases it.
pub async fn press(s: &Session, chord: &[char]) -> R<()> {
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
pub async fn settle_layout(s: &Session) -> R<()> {
    settle_layout_within(s, harness::WAIT).await
}

/// Waits until the force layout stops moving nodes, for at most `within`.
pub async fn settle_layout_within(s: &Session, within: Duration) -> R<()> {
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

/// Generous bounds for the heavy steps (a loaded CI machine drawing 5,000 nodes).
pub const SLOW: Duration = Duration::from_secs(120);

/// Installs `window.__e2e.measure(key, action, cond, opts)` once per page: it starts a clock,
/// runs `action`, and stores `{ ms, ... }` in `window.__e2e.results[key]` when `cond(t0, now)`
/// first returns an object (checked on every DOM mutation under `opts.root`, if given, and every
/// `opts.interval` ms); `{ timeout: true }` after `opts.timeoutMs`. The clock runs in the page,
/// so no WebDriver round trip is in the figure.
pub const PERF_JS: &str = r#"
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

/// Starts an in-page measurement (`script` returns truthy, or `{ error }`), then waits up to
/// `within` for its result, which must be neither a timeout nor an error.
pub async fn measure(s: &Session, what: &str, script: &str, args: Vec<Value>, within: Duration) -> R<Value> {
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

pub fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    if s.is_empty() { f64::NAN } else { s[s.len() / 2] }
}

pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Every number whose key ends in `_ms` is finite and positive.
pub fn check_figures(v: &Value, at: &str) -> R<()> {
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
pub fn examples_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples")
}

/// Rewrites the design in the JSON view through its textarea-like facade: `edit` is a JS
/// function body that receives the parsed design as `d` and changes it.
pub async fn edit_design(s: &Session, edit: &str) -> R<()> {
    let script = format!(
        "const ta = document.querySelector('[data-testid=\"editor-json\"]'); const d = JSON.parse(ta.value); {edit}; \
         ta.setRangeText(JSON.stringify(d, null, 2), 0, ta.value.length, 'end'); return true;"
    );
    s.js(&script, vec![]).await.map(|_| ())
}

/// Commits the editor's design with `message` at the version the dialog offers; returns the
/// dialog's error, if any.
pub async fn commit_in_studio(s: &Session, message: &str) -> R<Option<String>> {
    commit_as_in_studio(s, message, None).await
}

/// Commits the editor's design with `message`, typing `version` over the one the dialog offers
/// when given; returns the dialog's error, if any.
pub async fn commit_as_in_studio(s: &Session, message: &str, version: Option<&str>) -> R<Option<String>> {
    s.click(&tid("commit-button")).await?;
    if let Some(v) = version {
        s.type_into(&tid("commit-version"), v).await?;
    }
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

/// Sets `key` in `target/e2e-perf.json`, keeping the other scenarios' figures.
pub fn write_perf(key: &str, figures: Value) -> R<()> {
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

/// The repository's case library, `examples/cases`.
pub fn cases_dir() -> std::path::PathBuf {
    examples_dir().join("cases")
}
