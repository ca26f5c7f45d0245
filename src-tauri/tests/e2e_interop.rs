//! End-to-end test of interop in the real studio (tauri-driver + WebKitWebDriver under Xvfb;
//! see e2e.rs for what it needs): a real Snapshot space's settings imported on Home (the
//! page's design, questions and gaps checked against the engine's import of the same bytes,
//! then again with an answer), opened in the editor, and exported as an OpenZeppelin Governor
//! from the Export view (the preview's files and exactness report checked against the
//! engine's export, the written files byte for byte). Screenshots go to
//! `target/e2e-screenshots/interop_*.png`.
//!
//! Run: `cargo test -p cogov-studio --test e2e_interop -- --nocapture` (rebuild `ui/dist` first).

// The harness is shared with the other end-to-end files; this file uses only part of it.
#[path = "e2e/harness.rs"]
#[allow(dead_code)]
mod harness;

use cogov_engine::interop::{self, Answers, ExportOptions, Kind};
use harness::{Ctx, R, Session, ensure, scenario_with_env, tid};
use serde_json::json;
use std::path::PathBuf;

/// The first real Snapshot space of the gallery (examples/interop/snapshot), by name.
fn snapshot_fixture() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/interop/snapshot");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files.into_iter().next().unwrap_or_else(|| panic!("no Snapshot space in {}", dir.display()))
}

/// Chooses `value` in the `<select>` with test id `id`, as a person would.
async fn select(s: &Session, id: &str, value: &str) -> R<()> {
    s.js(
        "const e = document.querySelector(arguments[0]); e.value = arguments[1]; \
         e.dispatchEvent(new Event('change', {bubbles: true})); return e.value;",
        vec![json!(tid(id)), json!(value)],
    )
    .await
    .map(|_| ())
}

/// The import result the page shows: name, fingerprint, question keys and gap codes.
async fn page_import(s: &Session, after: Option<&str>) -> R<serde_json::Value> {
    s.wait_js(
        "the import's result",
        "const r = document.querySelector('[data-testid=\"import-result\"]'); \
         if (!r || (arguments[0] && r.dataset.fingerprint === arguments[0])) return null; \
         return { name: r.dataset.name, fingerprint: r.dataset.fingerprint, \
           questions: [...document.querySelectorAll('[data-testid^=\"import-answer-\"]')].map(e => e.dataset.testid.slice(14)), \
           gaps: [...document.querySelectorAll('[data-testid=\"import-gaps\"] li')].map(e => e.dataset.code) };",
        vec![json!(after)],
    )
    .await
}

#[test]
fn interop_import_snapshot_export_governor() {
    let name = "interop_import_snapshot_export_governor";
    scenario_with_env(name, &[("COGOV_STUDIO_DIALOG_INTEROP", "space.json")], async |s: &Session| {
        let fixture = snapshot_fixture();
        let bytes = std::fs::read(&fixture).ctx(&format!("cannot read {}", fixture.display()))?;
        std::fs::write(s.dialog_dir.join("space.json"), &bytes).ctx("cannot place space.json")?;

        // Import on Home, with no answers: the engine's import of the same bytes is the truth.
        let expected = interop::import(Kind::Snapshot, &bytes, &Answers::new())
            .map_err(|e| format!("the engine does not import {}: {e}", fixture.display()))?;
        s.click(&tid("import-start")).await?;
        s.find(&tid("import-panel")).await?;
        select(s, "import-kind", "snapshot").await?;
        s.click(&tid("import-choose")).await?;
        let shown = page_import(s, None).await?;
        ensure(shown["fingerprint"] == json!(expected.gco.fingerprint()), || {
            format!("the page imported {shown}, the engine {}", expected.gco.fingerprint())
        })?;
        ensure(shown["name"] == json!(expected.gco.identity.name), || {
            format!("the page names the design {}", shown["name"])
        })?;
        let keys: Vec<&str> = expected.questions.iter().map(|q| q.key.as_str()).collect();
        ensure(shown["questions"] == json!(keys), || {
            format!("the page asks {}, the engine {keys:?}", shown["questions"])
        })?;
        let codes: Vec<&str> = expected.gaps.iter().map(|g| g.code.as_str()).collect();
        ensure(shown["gaps"] == json!(codes), || {
            format!("the page lists gaps {}, the engine {codes:?}", shown["gaps"])
        })?;
        s.shot("-imported").await?;

        // Answer the first question with a value other than its default, and import again.
        let mut gco = expected.gco.clone();
        if let Some(q) = expected.questions.iter().find(|q| q.default.as_ref().is_some_and(|d| d.is_number())) {
            let d = q.default.as_ref().and_then(|d| d.as_f64()).unwrap_or(1.0);
            let answer = format!("{}", (d * 2.0).max(2.0).round());
            s.type_into(&tid(&format!("import-answer-{}", q.key)), &answer).await?;
            s.click(&tid("import-again")).await?;
            let answers: Answers = [(q.key.clone(), serde_json::from_str(&answer).ctx("answer")?)].into();
            let again =
                interop::import(Kind::Snapshot, &bytes, &answers).map_err(|e| format!("engine with answer: {e}"))?;
            if again.gco.fingerprint() != expected.gco.fingerprint() {
                let shown2 = page_import(s, shown["fingerprint"].as_str()).await?;
                ensure(shown2["fingerprint"] == json!(again.gco.fingerprint()), || {
                    format!(
                        "with {}={answer} the page imported {}, the engine {}",
                        q.key,
                        shown2["fingerprint"],
                        again.gco.fingerprint()
                    )
                })?;
            }
            gco = again.gco;
        }
        s.click(&tid("import-open")).await?;
        let design = format!("{}.json", gco.identity.name);
        s.wait_js(
            "the imported design in the editor",
            "const n = document.querySelector('[data-testid=\"design-name\"]'); return n && n.textContent.trim() === arguments[0];",
            vec![json!(design)],
        )
        .await?;

        // Export to an OpenZeppelin Governor: the preview is the engine's export.
        let export = interop::export(Kind::Governor, &gco, ExportOptions { accept_inexact: true })
            .map_err(|e| format!("the engine does not export the imported design as a Governor: {e}"))?;
        s.click(&tid("nav-export")).await?;
        s.click(&tid("export-mode-other")).await?;
        s.click(&tid("export-to-governor")).await?;
        let preview = s
            .wait_js(
                "the Governor preview",
                "const x = document.querySelector('[data-testid=\"export-to-exact\"]'); \
                 const f = [...document.querySelectorAll('[data-testid^=\"export-file-\"]')].map(e => e.dataset.testid.slice(12)); \
                 return x && f.some(p => p.endsWith('.sol')) ? { exact: x.dataset.exact === 'true', files: f, \
                   gaps: [...document.querySelectorAll('[data-testid=\"export-to-gaps\"] li')].map(e => e.dataset.code) } : null;",
                vec![],
            )
            .await?;
        let paths: Vec<&str> = export.files.iter().map(|f| f.path.as_str()).collect();
        ensure(preview["files"] == json!(paths), || {
            format!("the preview lists {}, the engine {paths:?}", preview["files"])
        })?;
        let codes: Vec<&str> = export.gaps.iter().map(|g| g.code.as_str()).collect();
        ensure(preview["gaps"] == json!(codes), || {
            format!("the preview's gaps are {}, the engine's {codes:?}", preview["gaps"])
        })?;
        ensure(preview["exact"] == json!(export.gaps.is_empty()), || {
            format!("the preview says exact = {}", preview["exact"])
        })?;
        s.shot("-governor-preview").await?;

        if !export.gaps.is_empty() {
            s.click(&tid("export-to-accept")).await?;
        }
        s.click(&tid("export-to-write")).await?;
        s.wait_js(
            "the Governor to be written",
            "const w = document.querySelector('[data-testid=\"export-to-written\"]'); return w ? Number(w.dataset.files) : null;",
            vec![],
        )
        .await?;
        let folder = s.dialog_dir.join(format!("{}-governor", gco.identity.name));
        for f in &export.files {
            let path = folder.join(&f.path);
            let written = std::fs::read(&path).ctx(&format!("{} was not written", path.display()))?;
            ensure(written == f.bytes, || format!("{} differs from the engine's export", path.display()))?;
        }
        s.shot("-governor-written").await?;
        Ok(())
    });
}
