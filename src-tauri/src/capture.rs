//! The capture analysis behind the Risk view's lead table ("who can take what, at what cost,
//! and what would stop them") and the topology's attack path: the engine's cost of capture of
//! every power, each path's level, and the nodes of the topology graph an outsider goes through.

use crate::error::CommandError;
use crate::insight::read;
use cogov_engine::risk::capture::{self, CaptureReport, PowerCapture};
use cogov_engine::risk::metrics::Context;
use cogov_engine::risk::{Level, ScoreName};
use cogov_engine::validate;
use cogov_model::{Gco, Threshold, VetoHolder};
use serde::Serialize;
use ts_rs::TS;

/// The path an outsider takes to a power, in the topology graph's node ids: acquired weight →
/// the decision type → the bodies that must also be captured or that block → what it reaches.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AttackPath {
    /// The decision type's node (`decision:<id>`), where the acquired weight votes.
    pub decision: String,
    /// Role nodes whose holders must sign after the vote (`role:<id>`): the outsider must
    /// capture them too.
    pub signers: Vec<String>,
    /// Role nodes whose holders may cancel during the timelock (`role:<id>`); none without a timelock.
    pub vetoes: Vec<String>,
    /// Tier nodes the power spends from (`tier:<id>`); empty for powers that are not a treasury's.
    pub targets: Vec<String>,
    /// The exit window before execution, in seconds (absent when the design gives none).
    pub exit_window_seconds: Option<f64>,
}

impl AttackPath {
    /// Every node of the graph on the path (decision, signers, vetoes, targets), without repeats.
    pub fn nodes(&self) -> Vec<String> {
        let mut out = vec![self.decision.clone()];
        for n in self.signers.iter().chain(&self.vetoes).chain(&self.targets) {
            if !out.contains(n) {
                out.push(n.clone());
            }
        }
        out
    }
}

/// What the Risk view leads with: the capture report, one level and one attack path per power
/// (same order as `report.powers`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct CaptureView {
    /// The codes of the design's blocking findings, deduplicated and sorted. Unlike the six
    /// scores, the analysis runs on such a design: the capture rules' own findings block, and
    /// the designer must still see what an outsider could take.
    pub blocking: Vec<String>,
    /// The cost of capture of every power.
    pub report: CaptureReport,
    /// Each power path's level under the governance capture thresholds.
    pub levels: Vec<Level>,
    /// Each power path's route through the topology graph.
    pub paths: Vec<AttackPath>,
    /// The governance capture thresholds the levels were read with (the design's, or the defaults).
    pub threshold: Threshold,
    /// The treasury's currency, for money figures (absent without a treasury).
    pub currency: Option<String>,
}

/// The attack path of one power path of `gco`.
pub fn attack_path(gco: &Gco, p: &PowerCapture) -> AttackPath {
    let dt = gco.decision_types.iter().find(|d| d.id == p.decision_type);
    let mut signers: Vec<String> = Vec::new();
    let push = |v: &mut Vec<String>, role: &str| {
        let id = format!("role:{role}");
        if !v.contains(&id) {
            v.push(id);
        }
    };
    if let Some(s) = dt.and_then(|d| d.signers.as_ref()) {
        push(&mut signers, &s.role);
    }
    // A treasury path also needs the tier's signers (normal route) or its route's.
    for tier in gco.treasury.iter().flat_map(|t| &t.tiers).filter(|t| p.tiers.contains(&t.id)) {
        let extra = match &p.route {
            Some(r) => tier.routes.iter().find(|x| &x.id == r).and_then(|x| x.signers.as_ref()),
            None if tier.decision_type == p.decision_type => tier.signers.as_ref(),
            None => None,
        };
        if let Some(s) = extra {
            push(&mut signers, &s.role);
        }
    }
    let mut vetoes = Vec::new();
    // A veto acts only in the timelock: without one it stops nothing (as the engine counts it).
    if p.timelock_seconds > 0.0 {
        for v in dt.map(|d| d.veto.as_slice()).unwrap_or_default() {
            if let VetoHolder::Guardian { role } | VetoHolder::Council { role } = v {
                push(&mut vetoes, role);
            }
        }
    }
    let targets =
        if p.power == "treasury" { p.tiers.iter().map(|t| format!("tier:{t}")).collect() } else { Vec::new() };
    let exit_window_seconds = dt.and_then(|d| d.exit_window.map(|w| capture::seconds(d, w)));
    AttackPath { decision: format!("decision:{}", p.decision_type), signers, vetoes, targets, exit_window_seconds }
}

/// The capture view of a design: the report, levels and paths, and its blocking findings.
pub fn view_of(gco: &Gco) -> CaptureView {
    let threshold = ScoreName::GovernanceCaptureRisk.threshold(gco);
    let currency = gco.treasury.as_ref().map(|t| t.currency.clone());
    let mut blocking: Vec<String> =
        validate::validate(gco).iter().filter(|f| f.is_blocking()).map(|f| f.code.as_str().to_owned()).collect();
    blocking.sort();
    blocking.dedup();
    let report = capture::cost_of_capture(&Context::new(gco));
    let levels = report.powers.iter().map(|p| ScoreName::GovernanceCaptureRisk.level(p.risk, threshold)).collect();
    let paths = report.powers.iter().map(|p| attack_path(gco, p)).collect();
    CaptureView { blocking, report, levels, paths, threshold, currency }
}

/// The capture analysis of the design in the editor (also when it has blocking findings).
#[tauri::command(async)]
pub fn capture_view(text: String) -> Result<CaptureView, CommandError> {
    Ok(view_of(&read(&text)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cogov_engine::intake;

    fn case(name: &str) -> Gco {
        let path = format!("{}/../examples/cases/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("case file");
        read(&text).expect("reads")
    }

    #[test]
    fn a_flash_loan_failure_is_led_by_a_capturable_power_at_alert() {
        let gco = case("beanstalk-2022");
        let v = view_of(&gco);
        // Its capture finding blocks, and the analysis still runs.
        assert!(v.blocking.contains(&"GOV-E951".to_owned()), "{:?}", v.blocking);
        let r = &v.report;
        let worst = r.worst().expect("a capturable power");
        let i = r.powers.iter().position(|p| p == worst).expect("in the list");
        assert_eq!(v.levels[i], Level::Alert, "{worst:?}");
        assert!(worst.flash_loan, "{worst:?}");
        // The path starts at the decision type and every node it names is in the topology graph.
        let g = cogov_engine::topology::graph(&gco);
        for n in v.paths[i].nodes() {
            assert!(g.nodes.iter().any(|x| x.id == n), "{n} not in the graph");
        }
        assert_eq!(v.paths[i].decision, format!("decision:{}", worst.decision_type));
    }

    #[test]
    fn controls_have_no_power_at_alert() {
        for name in ["control-stage1-council", "control-coop", "control-token-dao"] {
            let v = view_of(&case(name));
            let r = &v.report;
            assert_eq!(v.levels.len(), r.powers.len());
            assert!(!v.levels.contains(&Level::Alert), "{name}: {:?}", r.powers);
        }
    }

    #[test]
    fn vetoes_and_signers_of_a_path_are_role_nodes() {
        // token-dao's `treasury-large`, given a guardian veto behind a timelock.
        let mut v: serde_json::Value =
            serde_json::from_str(crate::examples::text("token-dao").expect("example")).expect("json");
        let k = v["decision_types"]
            .as_array()
            .and_then(|a| a.iter().position(|d| d["id"] == "treasury-large"))
            .expect("treasury-large");
        v["decision_types"][k]["timelock"] = serde_json::json!(86_400);
        v["decision_types"][k]["veto"] = serde_json::json!([{"kind": "guardian", "role": "security-council"}]);
        let t =
            v["treasury"]["tiers"].as_array().and_then(|a| a.iter().position(|t| t["id"] == "large")).expect("large");
        v["treasury"]["tiers"][t]["signers"] = serde_json::json!({"role": "council", "required": 2});
        let view_for = |v: &serde_json::Value| {
            let (_, doc) = intake::load("d.json", v.to_string().as_bytes()).expect("loads");
            let gco = doc.into_gco().expect("gco");
            let view = view_of(&gco);
            let i = view.report.powers.iter().position(|p| p.decision_type == "treasury-large").expect("its power");
            view.paths[i].clone()
        };
        let path = view_for(&v);
        assert_eq!(path.decision, "decision:treasury-large");
        assert_eq!(path.vetoes, vec!["role:security-council".to_owned()]);
        assert_eq!(path.targets, vec!["tier:large".to_owned()]);
        assert_eq!(path.signers, vec!["role:council".to_owned()]);
        // Without a timelock the veto stops nothing, and the path shows none.
        v["decision_types"][k]["timelock"] = serde_json::json!(0);
        assert!(view_for(&v).vetoes.is_empty());
    }
}
