//! The commands behind the risk dashboard, the compiled view and the dependency graph: read
//! the editor's design, call the engine's compiler, scorer and lineage, return plain data.

use crate::error::CommandError;
use crate::store::StoreState;
use cogov_app::records::versions::VersionScores;
use cogov_engine::compile::lineage::{self, Lineage};
use cogov_engine::compile::matrix::PermissionMatrix;
use cogov_engine::compile::tables::{Rung, Thresholds, Tier};
use cogov_engine::compile::{self, Source};
use cogov_engine::intake;
use cogov_engine::risk::Scores;
use cogov_model::{ErrorCode, Gco};
use serde::Serialize;
use ts_rs::TS;

/// Why a design was not compiled or scored: the pipeline's gate code and the blocking findings.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Blocked {
    /// The reason code (`GOV-P001`).
    pub code: String,
    /// What went wrong.
    pub message: String,
    /// The codes of the blocking findings, deduplicated.
    pub blocking: Vec<String>,
}

impl From<compile::CompileError> for Blocked {
    fn from(e: compile::CompileError) -> Self {
        Blocked { code: e.code.as_str().into(), message: e.message, blocking: e.blocking }
    }
}

/// What the compiled view shows: the tables, or why there are none.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CompiledView {
    /// Where the tables came from (absent when blocked).
    pub source: Option<Source>,
    /// Set when the design has blocking findings; the tables are then empty.
    pub blocked: Option<Blocked>,
    /// The role × action × resource matrix.
    pub matrix: Option<PermissionMatrix>,
    /// The decision threshold matrix, one row per decision type.
    pub thresholds: Vec<Thresholds>,
    /// The treasury authorisation tiers, lowest first.
    pub tiers: Vec<Tier>,
    /// The escalation ladder, first level first.
    pub ladder: Vec<Rung>,
}

/// What the risk dashboard shows: the design's scores now and the stored versions' scores.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RiskView {
    /// The six scores of the design as it is in the editor.
    pub current: Option<Scores>,
    /// Set when the design has blocking findings: scored all the same (the scores show where
    /// the risk sits), but a build, a bundle or a deploy refuses it.
    pub blocked: Option<Blocked>,
    /// Whether the design has versions in the store.
    pub stored: bool,
    /// The stored versions' scores with their deltas, oldest first (empty when not stored).
    pub history: Vec<VersionScores>,
}

pub(crate) fn read(text: &str) -> Result<Gco, CommandError> {
    let (_, doc) = intake::load("design.json", text.as_bytes()).map_err(|e| CommandError::intake("design", &e))?;
    doc.into_gco().map_err(|e| CommandError::intake("design", &e))
}

/// The compiled tables of the design in the editor, or the blocking findings that stop them.
#[tauri::command(async)]
pub fn compiled_view(text: String) -> Result<CompiledView, CommandError> {
    let gco = read(&text)?;
    Ok(match compile::compile(&gco) {
        Ok(c) => CompiledView {
            source: Some(c.source),
            blocked: None,
            matrix: Some(c.matrix),
            thresholds: c.thresholds,
            tiers: c.tiers,
            ladder: c.ladder,
        },
        Err(e) => CompiledView {
            source: None,
            blocked: Some(e.into()),
            matrix: None,
            thresholds: Vec::new(),
            tiers: Vec::new(),
            ladder: Vec::new(),
        },
    })
}

/// The lineage graph of the design in the editor (domains and clauses → artifacts → documents).
#[tauri::command(async)]
pub fn lineage(text: String) -> Result<Lineage, CommandError> {
    Ok(lineage::lineage(&read(&text)?))
}

/// The risk dashboard of the design in the editor: its scores (drift measured against the
/// stored version it follows, as a commit would) and the stored versions' scores.
#[tauri::command(async)]
pub fn risk_view(state: tauri::State<'_, StoreState>, text: String) -> Result<RiskView, CommandError> {
    let gco = read(&text)?;
    let (history, previous) = state.with_app(|s| {
        let previous = cogov_app::score::previous(s, &gco)?;
        let history = match s.score_history(&gco.identity.name) {
            Ok(h) => h,
            Err(e) if e.code == ErrorCode::UnknownInstance => Vec::new(),
            Err(e) => return Err(e.into()),
        };
        Ok((history, previous))
    })?;
    let stored = !history.is_empty() || previous.is_some();
    // One gate rule with the command line: scored even when blocked, the refusal beside it.
    let scored = cogov_app::score::score(&gco, previous.as_ref());
    Ok(RiskView { current: Some(scored.scores), blocked: scored.blocked.map(Into::into), stored, history })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_view_holds_the_tables_or_says_why_not() {
        let text = crate::examples::text("worker-coop").expect("example");
        let v = compiled_view(text.into()).expect("reads");
        assert!(v.blocked.is_none());
        let m = v.matrix.expect("matrix");
        assert!(!m.grants.is_empty() && !v.thresholds.is_empty() && !v.ladder.is_empty());

        let mut broken: serde_json::Value = serde_json::from_str(text).expect("json");
        broken["decision_types"][0]["quorum"] = serde_json::json!(0.99);
        let v = compiled_view(broken.to_string()).expect("reads");
        let b = v.blocked.expect("blocked");
        assert_eq!(b.code, "GOV-P001");
        assert!(b.blocking.contains(&"GOV-E301".to_owned()), "{:?}", b.blocking);
        assert!(v.matrix.is_none() && v.thresholds.is_empty());
    }

    #[test]
    fn every_example_has_a_lineage_with_eight_documents() {
        for e in crate::examples::list() {
            let g = lineage(crate::examples::text(&e.id).expect("example").into()).expect("reads");
            let docs = g.nodes.iter().filter(|n| n.kind == lineage::LineageKind::Document).count();
            assert_eq!(docs, 8, "{}", e.id);
            assert!(g.depth >= 3, "{}: depth {}", e.id, g.depth);
        }
    }
}
