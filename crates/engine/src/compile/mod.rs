//! The compiler: from a design with no blocking findings, the structures an execution layer
//! enforces. Every artifact carries the instance, version and fingerprint it came from.
//!
//! - `permission_matrix.json`: role × action × resource, every allowed cell ([`matrix`]);
//! - `access_control.json`: per resource and action the roles allowed, per role its capabilities;
//! - `proposal_types.json`, `decision_thresholds.json`: per decision type ([`tables`]);
//! - `treasury_tiers.json`, `escalation_ladder.json`, `incentives.json` (when enabled);
//! - `policy_objects.json`, `execution_rules.json`;
//! - `policies.cedar`, `cedar.schema.json`, `cedar.entities.json`: the same permissions for the
//!   Cedar policy engine ([`cedar`]);
//! - `manifest.json`: every other file with its `sha256:`.
//!
//! [`lineage`] says which domains and clauses feed which of these files and documents.
//!
//! Deterministic: the same design gives the same bytes (keys sorted, stable orders, no clock).
//! A design with blocking findings is refused with `GOV-P001`, the pipeline's gate code.

pub mod cedar;
pub mod lineage;
pub mod matrix;
pub mod tables;

pub use crate::source::Source;
use crate::validate;
use cogov_model::{ErrorCode, Gco, fingerprint_bytes as sha256, sort_keys};
use serde::Serialize;
use serde_json::{Value, json};

/// The version of the compiler's output format.
pub const COMPILER_VERSION: &str = "cogov-compile/1";

/// One compiled file: a stable name and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// The file name (no directory), e.g. `permission_matrix.json`.
    pub name: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// Everything the compiler produces, typed, plus the files written from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    /// Where it came from.
    pub source: Source,
    /// The permission matrix.
    pub matrix: matrix::PermissionMatrix,
    /// The access-control tables derived from the matrix.
    pub access_control: matrix::AccessControl,
    /// The proposal types.
    pub proposal_types: Vec<tables::ProposalType>,
    /// The decision threshold matrix.
    pub thresholds: Vec<tables::Thresholds>,
    /// The treasury authorisation tiers, lowest first.
    pub tiers: Vec<tables::Tier>,
    /// The escalation ladder.
    pub ladder: Vec<tables::Rung>,
    /// The incentive mechanisms, when enabled.
    pub incentives: Option<Vec<cogov_model::Mechanism>>,
    /// Policy objects.
    pub policy_objects: Value,
    /// Execution rules.
    pub execution_rules: Value,
    /// The Cedar policy set, as text.
    pub cedar_policies: String,
    /// The Cedar schema (JSON form).
    pub cedar_schema: Value,
    /// The Cedar entities (JSON form).
    pub cedar_entities: Value,
}

/// Why a design was not compiled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct CompileError {
    /// The stable reason code (`GOV-P001` for blocking findings).
    pub code: ErrorCode,
    /// What went wrong.
    pub message: String,
    /// The codes of the blocking findings, deduplicated, in report order.
    pub blocking: Vec<String>,
}

/// Compiles a design, refusing one with blocking findings (`GOV-P001`).
pub fn compile(gco: &Gco) -> Result<Compiled, CompileError> {
    let findings = validate::validate(gco);
    let mut blocking: Vec<String> =
        findings.iter().filter(|f| f.is_blocking()).map(|f| f.code.as_str().to_owned()).collect();
    if !blocking.is_empty() {
        let n = blocking.len();
        blocking.sort();
        blocking.dedup();
        return Err(CompileError {
            code: ErrorCode::ValidationBlocked,
            message: format!("{n} blocking finding(s) ({}): not compiled", blocking.join(", ")),
            blocking,
        });
    }
    Ok(compile_unchecked(gco))
}

/// Compiles a design without validating it first (the caller has: the pipeline's gate).
pub fn compile_unchecked(gco: &Gco) -> Compiled {
    let source = Source::of(gco);
    let matrix = matrix::PermissionMatrix::of(gco);
    let access_control = matrix.access_control();
    let cedar_policies = cedar::policies(gco, &source);
    let cedar_entities = cedar::entities(gco, &matrix, &source);
    Compiled {
        proposal_types: tables::proposal_types(gco),
        thresholds: tables::thresholds(gco),
        tiers: tables::tiers(gco),
        ladder: tables::ladder(gco),
        incentives: tables::incentives(gco),
        policy_objects: tables::policy_objects(gco),
        execution_rules: tables::execution_rules(gco),
        cedar_schema: cedar::schema(&source),
        cedar_entities,
        cedar_policies,
        access_control,
        matrix,
        source,
    }
}

/// A compiled JSON file: what it is, who compiled it, where it came from, then the body under
/// the artifact's own name. Serialised straight from the types, so the key order is the field
/// order in every build (no map in between).
fn json_file<T: Serialize>(name: &str, artifact: &'static str, source: &Source, body: &T) -> File {
    struct Envelope<'a, T> {
        artifact: &'static str,
        source: &'a Source,
        body: &'a T,
    }
    impl<T: Serialize> Serialize for Envelope<'_, T> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut m = s.serialize_map(Some(4))?;
            m.serialize_entry("artifact", self.artifact)?;
            m.serialize_entry("compiler", COMPILER_VERSION)?;
            m.serialize_entry("source", self.source)?;
            m.serialize_entry(self.artifact, self.body)?;
            m.end()
        }
    }
    let mut bytes = serde_json::to_vec_pretty(&Envelope { artifact, source, body }).unwrap_or_default();
    bytes.push(b'\n');
    File { name: name.to_owned(), bytes }
}

fn raw_json(name: &str, value: Value) -> File {
    let mut bytes = serde_json::to_vec_pretty(&sort_keys(value)).unwrap_or_default();
    bytes.push(b'\n');
    File { name: name.to_owned(), bytes }
}

impl Compiled {
    /// The files, in a fixed order, `manifest.json` last (it lists the others' hashes).
    pub fn files(&self) -> Vec<File> {
        let s = &self.source;
        let mut v = vec![
            json_file("permission_matrix.json", "permission_matrix", s, &self.matrix),
            json_file("access_control.json", "access_control", s, &self.access_control),
            json_file("proposal_types.json", "proposal_types", s, &self.proposal_types),
            json_file("decision_thresholds.json", "decision_thresholds", s, &self.thresholds),
            json_file("treasury_tiers.json", "treasury_tiers", s, &self.tiers),
            json_file("escalation_ladder.json", "escalation_ladder", s, &self.ladder),
        ];
        if let Some(m) = &self.incentives {
            v.push(json_file("incentives.json", "incentives", s, m));
        }
        v.push(json_file("policy_objects.json", "policy_objects", s, &sort_keys(self.policy_objects.clone())));
        v.push(json_file("execution_rules.json", "execution_rules", s, &sort_keys(self.execution_rules.clone())));
        v.push(File { name: "policies.cedar".into(), bytes: self.cedar_policies.clone().into_bytes() });
        v.push(raw_json("cedar.schema.json", self.cedar_schema.clone()));
        let mut entities = serde_json::to_vec_pretty(&self.cedar_entities).unwrap_or_default();
        entities.push(b'\n');
        v.push(File { name: "cedar.entities.json".into(), bytes: entities });
        let listed: Vec<Value> = v.iter().map(|f| json!({ "name": f.name, "sha256": sha256(&f.bytes) })).collect();
        v.push(json_file("manifest.json", "manifest", s, &listed));
        v
    }

    /// Parses the Cedar artifacts with the real Cedar engine and validates the policies
    /// against the schema.
    pub fn cedar_engine(&self) -> Result<cedar::Engine, cedar::CedarError> {
        cedar::Engine::load(&self.cedar_policies, &self.cedar_schema, &self.cedar_entities)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_examples::example;
    use cogov_model::Action;

    #[test]
    fn the_same_design_compiles_to_the_same_bytes() {
        for name in ["token-dao", "worker-coop"] {
            let g = example(name);
            let a = compile(&g).expect("compiles").files();
            // Through JSON with reversed key order and back: the same design, the same bytes.
            let again = crate::intake::from_json_bytes(g.canonical_json().as_bytes())
                .and_then(|d| d.into_gco())
                .expect("reads");
            let b = compile(&again).expect("compiles").files();
            assert_eq!(a, b, "{name}");
            assert!(a.iter().any(|f| f.name == "policies.cedar"));
            assert_eq!(a.last().map(|f| f.name.as_str()), Some("manifest.json"));
        }
    }

    #[test]
    fn every_artifact_names_its_source() {
        let g = example("worker-coop");
        let fp = g.fingerprint();
        for f in compile(&g).expect("compiles").files() {
            let text = String::from_utf8(f.bytes).expect("utf-8");
            assert!(text.contains(&fp) && text.contains("fernwood-bakery-coop"), "{} lacks its source", f.name);
        }
    }

    #[test]
    fn a_design_with_blocking_findings_is_refused_with_the_gate_code() {
        let mut g = example("worker-coop");
        g.decision_types[0].quorum = 0.99;
        let e = compile(&g).expect_err("refused");
        assert_eq!(e.code, ErrorCode::ValidationBlocked);
        assert_eq!(e.code.as_str(), "GOV-P001");
        assert!(e.blocking.contains(&"GOV-E301".to_owned()), "{e}");
    }

    #[test]
    fn cedar_agrees_with_the_matrix_on_the_examples() {
        for name in ["token-dao", "worker-coop"] {
            let c = compile(&example(name)).expect("compiles");
            let engine = c.cedar_engine().expect("cedar accepts the artifacts");
            for role in &c.matrix.roles {
                let (entities, probe) = engine.with_probe(role).expect("probe");
                for action in Action::ALL {
                    for r in &c.matrix.resources {
                        assert_eq!(
                            engine.is_allowed(&entities, &probe, action, &r.id),
                            c.matrix.allows(role, action, &r.id),
                            "{name}: {role} {} {}",
                            action.as_str(),
                            r.id
                        );
                    }
                }
            }
        }
    }
}
