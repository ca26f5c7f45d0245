//! The pipeline's stage spine: ingest → validate → compile → score → simulate → generate →
//! bundle → deploy. Each stage is a pure function of explicit inputs (fingerprints in,
//! output hashes out) behind the [`Stage`] trait; gates are deterministic. A validation with
//! blocking findings stops the run before compile (`GOV-P001`). The store runs the stages,
//! times them and keeps the build record; later issues plug their stages in.

use crate::intake::Document;
use crate::validate;
use cogov_model::{ErrorCode, Gco};
use serde::Serialize;

/// Every stage, in the order they run.
pub const STAGES: [StageName; 8] = [
    StageName::Ingest,
    StageName::Validate,
    StageName::Compile,
    StageName::Score,
    StageName::Simulate,
    StageName::Generate,
    StageName::Bundle,
    StageName::Deploy,
];

/// A stage of the spine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StageName {
    /// The design is read and fingerprinted.
    Ingest,
    /// The rules run; blocking findings stop the run.
    Validate,
    /// Policies, matrices and tables are compiled.
    Compile,
    /// Risk is scored.
    Score,
    /// What-if simulations (optional).
    Simulate,
    /// Documents are generated.
    Generate,
    /// The signed bundle is built.
    Bundle,
    /// The bundle is deployed.
    Deploy,
}

impl StageName {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            StageName::Ingest => "ingest",
            StageName::Validate => "validate",
            StageName::Compile => "compile",
            StageName::Score => "score",
            StageName::Simulate => "simulate",
            StageName::Generate => "generate",
            StageName::Bundle => "bundle",
            StageName::Deploy => "deploy",
        }
    }
}

/// How a stage ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Ran, and its gate passed.
    Passed,
    /// Ran, and its gate failed: the run stops here.
    Failed,
    /// Not run: its own command rather than part of a build (`GOV-P004`), or not available in
    /// this build of CoGov (`GOV-P002`).
    Skipped,
    /// Not run because an earlier gate failed.
    Blocked,
}

/// A named artifact and its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Artifact {
    /// What it is (`gco`, `validation_report`, …).
    pub name: String,
    /// `sha256:` of its bytes.
    pub sha256: String,
}

/// What a stage produced and how its gate came out.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageOutcome {
    /// The stage.
    pub stage: StageName,
    /// Passed, failed, skipped or blocked.
    pub status: Status,
    /// The reason code of a failed gate (or of a skip), stable.
    pub reason_code: Option<String>,
    /// One line for people.
    pub detail: String,
    /// The artifacts it produced, with their hashes.
    pub outputs: Vec<Artifact>,
}

/// What a stage sees: the design and the outputs of the stages before it.
pub struct BuildInput<'a> {
    /// The design.
    pub gco: &'a Gco,
    /// Outputs so far.
    pub outputs: &'a [Artifact],
}

/// A stage implementation. Pure: the same input gives the same outcome.
pub trait Stage {
    /// Which stage this is.
    fn name(&self) -> StageName;
    /// Runs it.
    fn run(&self, input: &BuildInput<'_>) -> StageOutcome;
}

/// `sha256:` of bytes: the model's fingerprint hash (kept here under its old name for callers).
pub use cogov_model::fingerprint_bytes as sha256;

/// Ingest: the canonical design and its fingerprint.
pub struct Ingest;

impl Stage for Ingest {
    fn name(&self) -> StageName {
        StageName::Ingest
    }
    fn run(&self, input: &BuildInput<'_>) -> StageOutcome {
        let canonical = input.gco.canonical_json();
        StageOutcome {
            stage: StageName::Ingest,
            status: Status::Passed,
            reason_code: None,
            detail: format!("{}@{} {}", input.gco.identity.name, input.gco.identity.version, input.gco.fingerprint()),
            outputs: vec![Artifact { name: "gco".into(), sha256: sha256(canonical.as_bytes()) }],
        }
    }
}

/// Validate: the rules; the gate fails on any blocking finding (`GOV-P001`).
pub struct Validate;

impl Stage for Validate {
    fn name(&self) -> StageName {
        StageName::Validate
    }
    fn run(&self, input: &BuildInput<'_>) -> StageOutcome {
        let doc = Document { value: input.gco.to_value(), gco: Some(input.gco.clone()), findings: Vec::new() };
        let report = validate::report(&doc);
        let blocking: Vec<&str> = report.findings.iter().filter(|f| f.is_blocking()).map(|f| f.code.as_str()).collect();
        let json = serde_json::to_vec(&report).unwrap_or_default();
        let outputs = vec![Artifact { name: "validation_report".into(), sha256: sha256(&json) }];
        if blocking.is_empty() {
            StageOutcome {
                stage: StageName::Validate,
                status: Status::Passed,
                reason_code: None,
                detail: format!("no blocking findings; compliance {}", report.compliance_score),
                outputs,
            }
        } else {
            let mut codes = blocking.clone();
            codes.dedup();
            StageOutcome {
                stage: StageName::Validate,
                status: Status::Failed,
                reason_code: Some(ErrorCode::ValidationBlocked.as_str().into()),
                detail: format!("{} blocking finding(s): {}", blocking.len(), codes.join(", ")),
                outputs,
            }
        }
    }
}

/// Compile: the compiled artifacts (see [`crate::compile`]), each file's hash an output. A
/// design with blocking findings fails the gate with `GOV-P001`, whatever ran before.
pub struct Compile;

impl Stage for Compile {
    fn name(&self) -> StageName {
        StageName::Compile
    }
    fn run(&self, input: &BuildInput<'_>) -> StageOutcome {
        match crate::compile::compile(input.gco) {
            Ok(c) => {
                let files = c.files();
                let outputs: Vec<Artifact> =
                    files.iter().map(|f| Artifact { name: f.name.clone(), sha256: sha256(&f.bytes) }).collect();
                StageOutcome {
                    stage: StageName::Compile,
                    status: Status::Passed,
                    reason_code: None,
                    detail: format!(
                        "{} files; {} roles × {} actions × {} resources, {} allowed cells, {} Cedar policies",
                        files.len(),
                        c.matrix.roles.len(),
                        c.matrix.actions.len(),
                        c.matrix.resources.len(),
                        c.matrix.grants.len(),
                        c.cedar_policies.matches("\npermit (").count()
                    ),
                    outputs,
                }
            }
            Err(e) => StageOutcome {
                stage: StageName::Compile,
                status: Status::Failed,
                reason_code: Some(e.code.as_str().into()),
                detail: e.message,
                outputs: Vec::new(),
            },
        }
    }
}

/// Score: the six risk scores ([`crate::risk`]) of the design, without drift (a build has no
/// ratified version to compare with). Alerts are reported, not a failed gate.
pub struct Score;

impl Stage for Score {
    fn name(&self) -> StageName {
        StageName::Score
    }
    fn run(&self, input: &BuildInput<'_>) -> StageOutcome {
        let scores = crate::risk::score(input.gco, None);
        let json = serde_json::to_vec(&scores).unwrap_or_default();
        let alerts: Vec<&str> = scores.alerts().map(|s| s.name.as_str()).collect();
        StageOutcome {
            stage: StageName::Score,
            status: Status::Passed,
            reason_code: None,
            detail: format!(
                "{}: {}",
                scores.model_version,
                if alerts.is_empty() { "no alerts".to_owned() } else { format!("alerts: {}", alerts.join(", ")) }
            ),
            outputs: vec![Artifact { name: "risk_scores".into(), sha256: sha256(&json) }],
        }
    }
}

/// Generate: the eight documents and the network graph ([`crate::docs`]) and the telemetry
/// contract ([`crate::telemetry`]), each file's hash an output. Refused with `GOV-P001` like compile when the design has blocking findings.
pub struct Generate;

impl Stage for Generate {
    fn name(&self) -> StageName {
        StageName::Generate
    }
    fn run(&self, input: &BuildInput<'_>) -> StageOutcome {
        match crate::docs::generate(input.gco, None) {
            Ok(d) => {
                let files = d.files();
                let contract = crate::telemetry::Contract::of(input.gco).files();
                let outputs: Vec<Artifact> = files
                    .iter()
                    .map(|(name, bytes)| Artifact { name: format!("documents/{name}"), sha256: sha256(bytes) })
                    .chain(
                        contract
                            .iter()
                            .map(|(name, bytes)| Artifact { name: format!("telemetry/{name}"), sha256: sha256(bytes) }),
                    )
                    .collect();
                StageOutcome {
                    stage: StageName::Generate,
                    status: Status::Passed,
                    reason_code: None,
                    detail: format!(
                        "{} documents, {} files ({}); telemetry contract, {} event types",
                        d.documents.len(),
                        files.len(),
                        crate::docs::DOCS_VERSION,
                        contract.len().saturating_sub(2)
                    ),
                    outputs,
                }
            }
            Err(e) => StageOutcome {
                stage: StageName::Generate,
                status: Status::Failed,
                reason_code: Some(e.code.as_str().into()),
                detail: e.message,
                outputs: Vec::new(),
            },
        }
    }
}

/// Runs the spine with the stages available: a stage without an implementation is recorded
/// as skipped (never as passed), and after a failed gate every later stage is blocked.
pub fn run(gco: &Gco, available: &[&dyn Stage], mut clock: impl FnMut(StageName, bool)) -> Vec<StageOutcome> {
    let mut outcomes: Vec<StageOutcome> = Vec::new();
    let mut outputs: Vec<Artifact> = Vec::new();
    let mut stopped: Option<StageName> = None;
    for name in STAGES {
        if let Some(at) = stopped {
            outcomes.push(StageOutcome {
                stage: name,
                status: Status::Blocked,
                reason_code: None,
                detail: format!("not run: the {} gate failed", at.as_str()),
                outputs: Vec::new(),
            });
            continue;
        }
        let Some(stage) = available.iter().find(|s| s.name() == name) else {
            let (code, detail) = match own_command(name) {
                Some(how) => (ErrorCode::StageOwnCommand, format!("not part of a build: {how}")),
                None => (
                    ErrorCode::StageUnavailable,
                    format!("the {} stage is not available in this build of CoGov", name.as_str()),
                ),
            };
            outcomes.push(StageOutcome {
                stage: name,
                status: Status::Skipped,
                reason_code: Some(code.as_str().into()),
                detail,
                outputs: Vec::new(),
            });
            continue;
        };
        clock(name, true);
        let out = stage.run(&BuildInput { gco, outputs: &outputs });
        clock(name, false);
        outputs.extend(out.outputs.iter().cloned());
        if out.status == Status::Failed {
            stopped = Some(name);
        }
        outcomes.push(out);
    }
    outcomes
}

/// Where a stage that a build does not run is run instead. Simulate needs a scenario,
/// bundle a signing key and deploy a target, none of which a build has: each is its own
/// command, on the same stored version.
pub fn own_command(name: StageName) -> Option<&'static str> {
    match name {
        StageName::Simulate => Some("run it with `cogov simulate DESIGN SCENARIO` or the studio's What-if"),
        StageName::Bundle => Some("run it with `cogov bundle NAME@VERSION --key KEY` or the studio's Export"),
        StageName::Deploy => Some("run it with `cogov deploy BUNDLE --target DIR` or the studio's Deploy"),
        _ => None,
    }
}

/// The stages this build of CoGov has.
pub fn available() -> Vec<&'static dyn Stage> {
    vec![&Ingest, &Validate, &Compile, &Score, &Generate]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coop() -> Gco {
        crate::test_examples::example("worker-coop")
    }

    #[test]
    fn a_valid_design_is_compiled_scored_and_documented_and_unavailable_stages_are_skipped() {
        let out = run(&coop(), &available(), |_, _| {});
        let statuses: Vec<(StageName, Status)> = out.iter().map(|o| (o.stage, o.status)).collect();
        assert_eq!(
            statuses[..4],
            [
                (StageName::Ingest, Status::Passed),
                (StageName::Validate, Status::Passed),
                (StageName::Compile, Status::Passed),
                (StageName::Score, Status::Passed)
            ]
        );
        assert!(out[2].outputs.iter().any(|a| a.name == "policies.cedar"), "{:?}", out[2].outputs);
        assert_eq!(out[3].outputs[0].name, "risk_scores");
        assert_eq!((out[4].stage, out[4].status), (StageName::Simulate, Status::Skipped));
        assert_eq!((out[5].stage, out[5].status), (StageName::Generate, Status::Passed));
        assert!(out[5].outputs.iter().any(|a| a.name == "documents/constitution-draft.md"), "{:?}", out[5].outputs);
        assert!(out[5].outputs.iter().any(|a| a.name == "telemetry/telemetry-contract.json"), "{:?}", out[5].outputs);
        for o in [&out[4], &out[6], &out[7]] {
            assert_eq!((o.status, o.reason_code.as_deref()), (Status::Skipped, Some("GOV-P004")), "{o:?}");
            assert!(o.detail.contains(&format!("`cogov {}", o.stage.as_str())), "names its command: {}", o.detail);
            assert!(!o.detail.contains("not available"), "{}", o.detail);
        }
    }

    #[test]
    fn a_stage_without_an_implementation_or_a_command_of_its_own_is_unavailable() {
        let only: [&dyn Stage; 2] = [&Ingest, &Validate];
        let out = run(&coop(), &only, |_, _| {});
        assert_eq!((out[2].status, out[2].reason_code.as_deref()), (Status::Skipped, Some("GOV-P002")));
        assert!(out[2].detail.contains("not available"), "{}", out[2].detail);
        assert_eq!(out[6].reason_code.as_deref(), Some("GOV-P004"));
    }

    #[test]
    fn blocking_findings_stop_the_run_before_compile() {
        let mut g = coop();
        g.decision_types[0].quorum = 0.99; // unreachable at the expected turnout: GOV-E301
        let mut ran = Vec::new();
        let out = run(&g, &available(), |s, start| {
            if start {
                ran.push(s)
            }
        });
        assert_eq!(out[1].status, Status::Failed);
        assert_eq!(out[1].reason_code.as_deref(), Some("GOV-P001"));
        assert!(out[1].detail.contains("GOV-E301"), "{}", out[1].detail);
        assert!(out[2..].iter().all(|o| o.status == Status::Blocked && o.outputs.is_empty()));
        assert_eq!(ran, [StageName::Ingest, StageName::Validate], "nothing after the failed gate ran");
    }

    #[test]
    fn the_same_design_gives_the_same_outputs() {
        let a = run(&coop(), &available(), |_, _| {});
        let b = run(&coop(), &available(), |_, _| {});
        assert_eq!(a, b);
    }
}
