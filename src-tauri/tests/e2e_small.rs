//! End-to-end tests of the smaller things a designer hits (issue 19), in the real studio
//! (tauri-driver + WebKitWebDriver under Xvfb; see e2e/harness.rs): the navigation rail at
//! 1024×680; the commit dialog's version, author and refusal; the editor's order, units and
//! summaries and its syntax-error state; the last design reopened when the studio starts
//! again. Screenshots go to `target/e2e-screenshots/small_*.png`.
//!
//! Run: `cargo test -p cogov-studio --test e2e_small -- --nocapture` (rebuild `ui/dist` first).

#[path = "e2e/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "e2e/views.rs"]
#[allow(dead_code)]
mod views;

use harness::{Ctx, R, Session, ensure, scenario, tid};
use serde_json::{Value, json};

/// An example design as the repository ships it.
fn example(id: &str) -> R<Value> {
    let path = views::examples_dir().join(format!("{id}.json"));
    let bytes = std::fs::read(&path).ctx(&format!("cannot read {}", path.display()))?;
    serde_json::from_slice(&bytes).ctx("the example is not JSON")
}

/// A share as the studio writes it: 0.1 → "10", 0.6667 → "66.7" (one decimal at most).
fn percent(x: f64) -> String {
    format!("{}", (x * 1000.0).round() / 10.0)
}

/// Whether the element `css` lies inside the window and is the element a click there reaches.
const REACHABLE: &str = "const e = document.querySelector(arguments[0]); if (!e) return { missing: true }; \
    const r = e.getBoundingClientRect(); const x = r.left + r.width / 2, y = r.top + r.height / 2; \
    const hit = document.elementFromPoint(x, y); \
    return { inside: r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth, \
             clickable: !!hit && (hit === e || e.contains(hit)), bottom: r.bottom, height: window.innerHeight };";

#[test]
fn small_rail_at_1024x680() {
    scenario("small_rail_at_1024x680", async |s: &Session| {
        s.client.set_window_size(1024, 680).await.ctx("cannot resize the window")?;
        s.wait_js("the window to be 680 px high", "return Math.abs(window.innerHeight - 680) <= 2;", vec![]).await?;
        // Every view and the theme switch fit the rail without scrolling at 1024×680.
        for id in ["nav-home", "nav-deployments", "theme-toggle"] {
            let r = s.js(REACHABLE, vec![json!(tid(id))]).await?;
            ensure(r["inside"] == json!(true) && r["clickable"] == json!(true), || {
                format!("at 1024×680 `{id}` is not reachable: {r}")
            })?;
        }
        s.shot("").await?;
        s.click(&tid("nav-deployments")).await?;
        s.find(&tid("view-deployments")).await?;
        let before = s.js("return document.documentElement.dataset.theme || '';", vec![]).await?;
        s.click(&tid("theme-toggle")).await?;
        s.wait_js(
            "the theme to switch",
            "return (document.documentElement.dataset.theme || '') !== arguments[0];",
            vec![before.clone()],
        )
        .await?;
        s.click(&tid("theme-toggle")).await?;

        // At the 960×640 minimum the rail scrolls: the last item is still reached.
        s.client.set_window_size(960, 640).await.ctx("cannot resize the window")?;
        s.wait_js("the window to be 640 px high", "return Math.abs(window.innerHeight - 640) <= 2;", vec![]).await?;
        s.js(
            "document.querySelector(arguments[0]).scrollIntoView({ block: 'nearest' }); return true;",
            vec![json!(tid("theme-toggle"))],
        )
        .await?;
        let r = s.js(REACHABLE, vec![json!(tid("theme-toggle"))]).await?;
        ensure(r["inside"] == json!(true) && r["clickable"] == json!(true), || {
            format!("at 960×640 the theme switch is not reachable: {r}")
        })?;
        s.shot("-960x640").await?;
        Ok(())
    });
}

#[test]
fn small_commit_dialog() {
    scenario("small_commit_dialog", async |s: &Session| {
        let coop = example("worker-coop")?;
        let own = coop["identity"]["version"].as_str().ok_or("the example has no version")?.to_owned();
        let parts: Vec<u64> = own.split('.').filter_map(|p| p.parse().ok()).collect();
        ensure(parts.len() == 3, || format!("the example's version is {own}"))?;
        let next = format!("{}.{}.{}", parts[0], parts[1], parts[2] + 1);

        views::open_example(s, "worker-coop").await?;
        let first = views::commit_in_studio(s, "first").await?;
        ensure(first.is_none(), || format!("the first commit was refused: {first:?}"))?;

        // Change a threshold in the form: the quorum is typed as a percentage.
        s.click(&tid("editor-mode-form")).await?;
        s.click(&tid("tab-decision_types")).await?;
        s.click(&tid("field-decision_types-0")).await?;
        s.type_into(&tid("field-decision_types-0-quorum"), "31").await?;
        s.wait_js(
            "the collapsed summary to show the new quorum",
            "const d = document.querySelector('[data-testid=\"field-decision_types-0-detail\"]'); return d && d.textContent.startsWith('quorum 31% ');",
            vec![],
        )
        .await?;

        // The dialog offers the next version and names the author the store records.
        s.click(&tid("commit-button")).await?;
        s.wait_js(
            "the version field to hold the next version",
            "const v = document.querySelector('[data-testid=\"commit-version\"]'); return v && v.value === arguments[0];",
            vec![json!(next)],
        )
        .await?;
        let author = s.find(&tid("commit-author")).await?.text().await.ctx("commit-author")?;
        ensure(author == "e2e-designer", || format!("the dialog records the author as {author:?}"))?;

        // The saved version again: refused, with the version needed, inside the dialog.
        s.type_into(&tid("commit-version"), &own).await?;
        s.type_into(&tid("commit-message"), "same version").await?;
        s.click(&tid("commit-confirm")).await?;
        let needed = s.find(&tid("commit-needed")).await?.text().await.ctx("commit-needed")?;
        ensure(needed == format!("Version {next} or later is needed"), || format!("the refusal says {needed:?}"))?;
        let error = s.find(&tid("commit-error")).await?.text().await.ctx("commit-error")?;
        ensure(error.starts_with("GOV-S010: "), || format!("the refusal reads {error:?}"))?;
        let fits = s
            .js(
                "const d = document.querySelector('[data-testid=\"commit-dialog\"]'); \
                 const e = document.querySelector('[data-testid=\"commit-error\"]').getBoundingClientRect(); \
                 const b = d.getBoundingClientRect(); \
                 return { fits: d.scrollWidth <= d.clientWidth && e.right <= b.right && e.left >= b.left, scroll: d.scrollWidth, client: d.clientWidth };",
                vec![],
            )
            .await?;
        ensure(fits["fits"] == json!(true), || format!("the refusal overflows the dialog: {fits}"))?;
        let field = s.find(&tid("commit-version")).await?.prop("value").await.ctx("commit-version")?;
        ensure(field.as_deref() == Some(next.as_str()), || {
            format!("after the refusal the version field holds {field:?}")
        })?;
        s.shot("-refused").await?;

        // Cancel, then open again: nothing of the cancelled commit is carried over.
        s.click(&tid("commit-cancel")).await?;
        s.click(&tid("commit-button")).await?;
        s.wait_js(
            "a fresh dialog",
            "const m = document.querySelector('[data-testid=\"commit-message\"]'); \
             return m && m.value === '' && !document.querySelector('[data-testid=\"commit-error\"]');",
            vec![],
        )
        .await?;
        s.type_into(&tid("commit-message"), "raise the quorum").await?;
        s.wait_js(
            "the version field to hold the next version",
            "return document.querySelector('[data-testid=\"commit-version\"]').value === arguments[0];",
            vec![json!(next)],
        )
        .await?;
        s.click(&tid("commit-confirm")).await?;
        s.wait_js(
            "the commit to be accepted",
            "const d = document.querySelector('[data-testid=\"commit-dialog\"]'); return d && !d.open;",
            vec![],
        )
        .await?;
        // The first commit's toast may still be showing: wait for this one's.
        let name = coop["identity"]["name"].as_str().unwrap_or_default();
        let want = format!("Committed {name}@{next}");
        s.wait_js(
            "the commit's toast",
            "return [...document.querySelectorAll('[data-testid=\"toast\"]')].some(t => t.textContent.includes(arguments[0]));",
            vec![json!(want)],
        )
        .await?;
        Ok(())
    });
}

#[test]
fn small_editor_follows_the_designer() {
    scenario("small_editor_follows_the_designer", async |s: &Session| {
        let coop = example("worker-coop")?;
        let dt = &coop["decision_types"][0];
        views::open_example(s, "worker-coop").await?;
        s.click(&tid("editor-mode-form")).await?;
        s.click(&tid("tab-decision_types")).await?;

        // A collapsed decision type shows its thresholds and voting period.
        let detail = s.find(&tid("field-decision_types-0-detail")).await?.text().await.ctx("detail")?;
        let q = percent(dt["quorum"].as_f64().ok_or("no quorum")?);
        let a = percent(dt["approval"].as_f64().ok_or("no approval")?);
        ensure(detail.starts_with(&format!("quorum {q}% · approval {a}% · ")), || {
            format!("the collapsed decision type reads {detail:?}")
        })?;

        // Open, its fields follow the designer's order and show units.
        s.click(&tid("field-decision_types-0")).await?;
        let order = s
            .js(
                "const card = document.querySelector('[data-testid=\"field-decision_types-0-card\"]'); \
                 return ['id', 'name', 'quorum', 'approval', 'voting_delay', 'voting_period', 'timelock'] \
                   .map((k) => card.querySelector('#field-decision_types-0-' + k)) \
                   .map((e) => e ? [...card.querySelectorAll('input, select, textarea')].indexOf(e) : -1);",
                vec![],
            )
            .await?;
        let at: Vec<i64> = order.as_array().map(|v| v.iter().filter_map(Value::as_i64).collect()).unwrap_or_default();
        ensure(at.len() == 7 && at.iter().all(|&i| i >= 0) && at.windows(2).all(|w| w[0] < w[1]), || {
            format!("the fields' places (id, name, quorum, approval, voting delay, period, timelock) are {at:?}")
        })?;
        let quorum = s.find(&tid("field-decision_types-0-quorum")).await?.prop("value").await.ctx("quorum")?;
        ensure(quorum.as_deref() == Some(q.as_str()), || format!("the quorum field shows {quorum:?}, expected {q}"))?;
        let unit = s.find(&tid("field-decision_types-0-voting_period-unit")).await?.text().await.ctx("unit")?;
        ensure(unit == "blocks" || unit.starts_with("seconds"), || format!("the voting period's unit reads {unit:?}"))?;
        s.shot("-decision").await?;

        // Members: roles are chosen from the design's roles.
        s.click(&tid("tab-members")).await?;
        let roles: Vec<String> = coop["roles"]
            .as_array()
            .map(|r| r.iter().filter_map(|x| x["id"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        let shown = s
            .wait_js(
                "the first member's roles",
                "const c = document.querySelector('[data-testid=\"field-members-explicit-0-roles\"]'); if (!c) return null; \
                 return { held: [...c.querySelectorAll('.chip')].map((e) => e.firstChild.textContent.trim()), \
                          offered: [...c.querySelectorAll('option')].map((o) => o.value).filter(Boolean), \
                          inputs: c.querySelectorAll('input').length };",
                vec![],
            )
            .await?;
        let mut all: Vec<String> = shown["held"]
            .as_array()
            .into_iter()
            .chain(shown["offered"].as_array())
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        all.sort();
        let mut want = roles.clone();
        want.sort();
        ensure(all == want && shown["inputs"] == json!(0), || {
            format!("the member's roles offer {shown} (the design's roles: {roles:?})")
        })?;
        s.shot("-members").await?;

        // A JSON syntax error: the syntax error is shown, not a clean score.
        s.click(&tid("editor-mode-json")).await?;
        s.js(
            "const ta = document.querySelector('[data-testid=\"editor-json\"]'); ta.setRangeText('{', 0, 0, 'end'); return true;",
            vec![],
        )
        .await?;
        s.find(&tid("intake-error-item")).await?;
        let state = s
            .wait_js(
                "the score to say the design cannot be read",
                "const b = document.querySelector('[data-testid=\"compliance-score\"]'); \
                 return b.dataset.unreadable === 'true' ? { score: b.querySelector('strong').textContent, \
                   clean: !!document.querySelector('[data-testid=\"findings-empty\"]') } : null;",
                vec![],
            )
            .await?;
        ensure(state["score"] == json!("—") && state["clean"] == json!(false), || {
            format!("with a syntax error the studio shows {state}")
        })?;
        s.shot("-syntax").await?;
        Ok(())
    });
}

#[test]
fn small_reopens_the_last_design() {
    scenario("small_reopens_the_last_design", async |s: &Session| {
        views::open_example(s, "worker-coop").await?;
        // An example is saved as a file of its own ("Save as…"), which becomes the last design.
        s.click(&tid("save-button")).await?;
        let file = s.dialog_dir.join("worker-coop.json");
        let deadline = std::time::Instant::now() + harness::WAIT;
        while !file.is_file() {
            ensure(std::time::Instant::now() < deadline, || format!("nothing was saved to {}", file.display()))?;
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        s.wait_js("the design to be saved", "return !document.querySelector('[data-testid=\"dirty-mark\"]');", vec![])
            .await?;

        // The studio starts again: the last design is reopened from its file, unchanged.
        // A mark on the old page tells it from the reloaded one (reload() returns before it acts).
        s.js("window.__beforeReload = true; location.hash = ''; location.reload(); return true;", vec![]).await?;
        s.wait_js(
            "the last design to be reopened",
            "const n = document.querySelector('[data-testid=\"design-name\"]'); \
             return !window.__beforeReload && !!document.querySelector('[data-testid=\"view-editor\"]') && n && n.textContent.trim() === 'worker-coop.json';",
            vec![],
        )
        .await?;
        let path = s
            .js(
                "const p = document.querySelector('[data-testid=\"design-name\"]').parentElement.querySelector('.path'); \
                 return p ? p.getAttribute('title') : '';",
                vec![],
            )
            .await?;
        let path = path.as_str().unwrap_or_default().to_owned();
        ensure(path.ends_with("worker-coop.json") && path.contains("dialogs"), || format!("reopened from {path:?}"))?;
        let dirty = s.all(&tid("dirty-mark")).await?;
        ensure(dirty.is_empty(), || "the reopened design is marked unsaved".into())?;
        s.shot("").await?;
        Ok(())
    });
}
