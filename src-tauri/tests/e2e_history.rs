//! End-to-end: the history view through the real webview (tauri-driver + WebKitWebDriver under Xvfb,
//! the real `cogov-studio` binary; see e2e/harness.rs for what it needs).
//!
//! History: commit in the studio, change and commit again, a refused bump, the diff, a rollback;
//! the store the CLI reads holds the same history.
//!
//! Run: `cargo test -p cogov-studio --test e2e_history -- --nocapture` (build the UI first:
//! `cd ui && npm run build`, the binary embeds `ui/dist`).

#[path = "e2e/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "e2e/views.rs"]
#[allow(dead_code)]
mod views;

use harness::{Ctx, Session, ensure, scenario, tid};
use serde_json::json;
use views::{CONTROL, ESCAPE, commit_as_in_studio, commit_in_studio, edit_design, open_example, press};

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

        // Removing a role is a major change: the dialog offers 2.0.0, and a patch version typed
        // over it is refused with the suggestion.
        edit_design(s, "d.roles.splice(0, 1); d.identity.version = '1.3.2'").await?;
        let refused = commit_as_in_studio(s, "Drop a role", Some("1.3.2")).await?.unwrap_or_default();
        ensure(refused.contains("GOV-S011") && refused.contains("2.0.0"), || format!("the refusal says `{refused}`"))?;
        let needed = s.find(&tid("commit-needed")).await?.text().await.ctx("commit-needed")?;
        ensure(needed == "Version 2.0.0 or later is needed", || format!("the dialog says `{needed}`"))?;
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
        ensure(case == json!({"state": "open", "to": "decision_type:rules-amendment"}), || {
            format!("the case: {case}")
        })?;
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
