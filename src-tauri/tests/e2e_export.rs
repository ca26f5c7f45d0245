//! End-to-end: the export view through the real webview (tauri-driver + WebKitWebDriver under Xvfb,
//! the real `cogov-studio` binary; see e2e/harness.rs for what it needs).
//!
//! Export and deploy: a document previewed, a key created, a bundle built and verified (in the
//! studio and by the stock minisign), a flipped byte named by Verify, a deploy of two versions to a
//! target and a rollback.
//!
//! Run: `cargo test -p cogov-studio --test e2e_export -- --nocapture` (build the UI first:
//! `cd ui && npm run build`, the binary embeds `ui/dist`).

#[path = "e2e/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "e2e/views.rs"]
#[allow(dead_code)]
mod views;

use harness::{Ctx, R, Session, ensure, scenario, tid};
use serde_json::json;
use views::{commit_in_studio, edit_design, open_example};

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
