//! Risk scoring: six scores of where power concentrates in a design, versioned (the model is
//! `cogov-risk/2`), comparable between versions ([`compare`]) and levelled (ok, watch, alert)
//! by the design's `alert_thresholds` or the defaults. Formulas, inputs and readings are in
//! `docs/risk-model.md`; the computations are in [`metrics`], and governance capture (the
//! cost of capture of every power, new in model 2) in [`capture`]. Scores stored under model 1
//! stay readable: they keep their model string and are compared only with their own model.
//!
//! Pure: the design (and optionally the last ratified version) in, scores out.

pub mod capture;
pub mod metrics;

use crate::source::Source;
use cogov_model::{Gco, Threshold};
use serde::Serialize;
use serde_json::Value;

/// The version of the scoring model. Scores of different model versions are not compared.
pub const MODEL_VERSION: &str = "cogov-risk/2";

/// The previous model: scores stored under it are read as stored, never re-levelled or compared
/// with model-2 scores.
pub const MODEL_1: &str = "cogov-risk/1";

/// The six scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ScoreName {
    /// HHI of effective authority (voting weight and role powers).
    AuthorityConcentration,
    /// How few members can pass a decision alone.
    GovernanceCaptureRisk,
    /// Outflow capacity per member of the smallest set that can move it.
    TreasuryCentralisation,
    /// Expected turnout over the quorum (lower is worse).
    ParticipationDensity,
    /// Weight gathered by one delegate through delegation chains.
    DelegationCascadeRisk,
    /// Weighted distance from the last ratified version.
    ConstitutionalDrift,
}

impl ScoreName {
    /// Every score, in presentation order.
    pub const ALL: [ScoreName; 6] = [
        ScoreName::AuthorityConcentration,
        ScoreName::GovernanceCaptureRisk,
        ScoreName::TreasuryCentralisation,
        ScoreName::ParticipationDensity,
        ScoreName::DelegationCascadeRisk,
        ScoreName::ConstitutionalDrift,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ScoreName::AuthorityConcentration => "authority_concentration",
            ScoreName::GovernanceCaptureRisk => "governance_capture_risk",
            ScoreName::TreasuryCentralisation => "treasury_centralisation",
            ScoreName::ParticipationDensity => "participation_density",
            ScoreName::DelegationCascadeRisk => "delegation_cascade_risk",
            ScoreName::ConstitutionalDrift => "constitutional_drift",
        }
    }

    /// Whether a higher value is worse (every score but participation density).
    pub fn higher_is_worse(self) -> bool {
        self != ScoreName::ParticipationDensity
    }

    /// The unit of the value.
    pub fn unit(self) -> &'static str {
        match self {
            ScoreName::AuthorityConcentration => "hhi",
            ScoreName::GovernanceCaptureRisk => "share",
            ScoreName::TreasuryCentralisation => "share_per_member",
            ScoreName::ParticipationDensity => "ratio",
            ScoreName::DelegationCascadeRisk => "share",
            // 1 − e^(−weight/4) of the changes: a score on 0..1, shown as a percentage.
            ScoreName::ConstitutionalDrift => "score",
        }
    }

    /// The range of the value.
    pub fn range(self) -> [f64; 2] {
        match self {
            ScoreName::ParticipationDensity => [0.0, metrics::DENSITY_CAP],
            _ => [0.0, 1.0],
        }
    }

    /// The default thresholds (see `docs/risk-model.md` for why these).
    pub fn default_threshold(self) -> Threshold {
        let (watch, alert) = match self {
            ScoreName::AuthorityConcentration => (0.15, 0.25),
            ScoreName::GovernanceCaptureRisk => (0.6, 0.8),
            ScoreName::TreasuryCentralisation => (0.3, 0.5),
            ScoreName::ParticipationDensity => (1.5, 1.25),
            ScoreName::DelegationCascadeRisk => (0.1, 0.25),
            ScoreName::ConstitutionalDrift => (0.2, 0.5),
        };
        Threshold { watch, alert }
    }

    /// The design's threshold for this score, or the default.
    pub fn threshold(self, gco: &Gco) -> Threshold {
        let t = &gco.alert_thresholds;
        let own = match self {
            ScoreName::AuthorityConcentration => t.authority_concentration,
            ScoreName::GovernanceCaptureRisk => t.governance_capture_risk,
            ScoreName::TreasuryCentralisation => t.treasury_centralisation,
            ScoreName::ParticipationDensity => t.participation_density,
            ScoreName::DelegationCascadeRisk => t.delegation_cascade_risk,
            ScoreName::ConstitutionalDrift => t.constitutional_drift,
        };
        own.unwrap_or_else(|| self.default_threshold())
    }

    /// The level of `value` under `t`.
    pub fn level(self, value: f64, t: Threshold) -> Level {
        let at_least = |bar: f64| if self.higher_is_worse() { value >= bar } else { value <= bar };
        if at_least(t.alert) {
            Level::Alert
        } else if at_least(t.watch) {
            Level::Watch
        } else {
            Level::Ok
        }
    }
}

/// How much a score matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Below the watch threshold.
    Ok,
    /// Past the watch threshold.
    Watch,
    /// Past the alert threshold.
    Alert,
}

impl Level {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Ok => "ok",
            Level::Watch => "watch",
            Level::Alert => "alert",
        }
    }
}

/// One score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Score {
    /// Which score.
    pub name: ScoreName,
    /// The value (rounded to 6 decimals).
    pub value: f64,
    /// Its unit.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub unit: &'static str,
    /// Its range.
    pub range: [f64; 2],
    /// Whether higher is worse.
    pub higher_is_worse: bool,
    /// The thresholds applied (the design's, or the defaults).
    pub threshold: Threshold,
    /// Ok, watch or alert.
    pub level: Level,
    /// One line naming the members, roles or clauses behind the value.
    pub explanation: String,
    /// The inputs and intermediate figures, for a details panel.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub details: Value,
}

/// The six scores of one version of a design.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Scores {
    /// The scoring model's version.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub model_version: &'static str,
    /// The design scored.
    pub source: Source,
    /// The version drift was measured against, if any.
    pub ratified: Option<String>,
    /// The scores, in [`ScoreName::ALL`] order.
    pub scores: Vec<Score>,
}

impl Scores {
    /// The score of that name.
    pub fn get(&self, name: ScoreName) -> Option<&Score> {
        self.scores.iter().find(|s| s.name == name)
    }

    /// The scores at level alert.
    pub fn alerts(&self) -> impl Iterator<Item = &Score> {
        self.scores.iter().filter(|s| s.level == Level::Alert)
    }
}

fn round6(v: f64) -> f64 {
    if v.is_finite() { (v * 1e6).round() / 1e6 } else { 0.0 }
}

/// A score whose arithmetic was not finite (NaN or infinite): never "ok". It is reported at
/// its worst value and level alert, saying why, so that nothing downstream reads it as safe.
/// Intake bounds every weight and amount ([`cogov_model::MAX_QUANTITY`]), so an accepted
/// design does not get here; a design with blocking findings still may.
fn not_computable(name: ScoreName, threshold: Threshold, m: &metrics::Metric) -> Score {
    let [low, high] = name.range();
    Score {
        name,
        value: if name.higher_is_worse() { high } else { low },
        unit: name.unit(),
        range: name.range(),
        higher_is_worse: name.higher_is_worse(),
        threshold,
        level: Level::Alert,
        explanation: format!(
            "not computable: the design's weights or amounts overflow the arithmetic (the raw value is {}); \
             keep them at most {:e}",
            m.value,
            cogov_model::MAX_QUANTITY
        ),
        details: serde_json::json!({"non_finite": true, "raw": m.value.to_string()}),
    }
}

/// Scores a design; `ratified` is the last ratified version, for constitutional drift (no
/// drift is measured without it).
pub fn score(gco: &Gco, ratified: Option<&Gco>) -> Scores {
    let cx = metrics::Context::new(gco);
    let raw = [
        metrics::authority_concentration(&cx),
        capture::governance_capture(&cx),
        metrics::treasury_centralisation(&cx),
        metrics::participation_density(&cx),
        metrics::delegation_cascade(&cx),
        metrics::constitutional_drift(gco, ratified),
    ];
    let scores = ScoreName::ALL
        .iter()
        .zip(raw)
        .map(|(&name, m)| {
            let threshold = name.threshold(gco);
            if !m.value.is_finite() {
                return not_computable(name, threshold, &m);
            }
            let value = round6(m.value);
            Score {
                name,
                value,
                unit: name.unit(),
                range: name.range(),
                higher_is_worse: name.higher_is_worse(),
                threshold,
                level: name.level(value, threshold),
                explanation: m.explanation,
                details: cogov_model::sort_keys(m.details),
            }
        })
        .collect();
    Scores {
        model_version: MODEL_VERSION,
        source: Source::of(gco),
        ratified: ratified.map(|r| r.identity.version.to_string()),
        scores,
    }
}

/// How one score moved between two versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "RiskDelta"))]
pub struct Delta {
    /// Which score.
    pub name: ScoreName,
    /// The older value.
    pub old: f64,
    /// The newer value.
    pub new: f64,
    /// new − old.
    pub delta: f64,
    /// The older level.
    pub old_level: Level,
    /// The newer level.
    pub new_level: Level,
    /// Whether the change is for the worse (up for most scores, down for participation density).
    pub worse: bool,
}

/// The scores of two versions side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The scoring model's version (both sides were scored by it).
    pub model_version: &'static str,
    /// The older version.
    pub from: Source,
    /// The newer version.
    pub to: Source,
    /// One delta per score, in [`ScoreName::ALL`] order.
    pub deltas: Vec<Delta>,
}

/// Compares the scores of two versions (both from this model version).
pub fn compare(old: &Scores, new: &Scores) -> Comparison {
    let deltas = ScoreName::ALL
        .iter()
        .filter_map(|&name| {
            let (a, b) = (old.get(name)?, new.get(name)?);
            let delta = round6(b.value - a.value);
            let worse = if name.higher_is_worse() { delta > 0.0 } else { delta < 0.0 };
            Some(Delta { name, old: a.value, new: b.value, delta, old_level: a.level, new_level: b.level, worse })
        })
        .collect();
    Comparison { model_version: MODEL_VERSION, from: old.source.clone(), to: new.source.clone(), deltas }
}
