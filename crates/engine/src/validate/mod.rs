//! Validation: the rule catalogue applied to a GCO. Returns findings as data, never panics.

mod capture;
mod constitution;
mod decisions;
mod graphs;
mod members;
mod network;
pub mod strength;
mod structure;
mod treasury;

use crate::intake::Document;
use crate::population::{self, MemberView};
use cogov_model::{Finding, Gco, compliance_score, fingerprint_value, sort_findings};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The validation report: what `cogov validate --format json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Report {
    /// Fingerprint of the canonical GCO (of the canonical input when it is not a readable GCO).
    pub fingerprint: String,
    /// The design's semantic version, when it has one.
    pub version: Option<String>,
    /// Compliance score, 0..=100 (see `docs/reason-codes.md`).
    pub compliance_score: u32,
    /// Every finding, in stable order (severity, path, code).
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether any finding is blocking.
    pub fn is_blocking(&self) -> bool {
        self.findings.iter().any(Finding::is_blocking)
    }
}

/// The whole report for an intake document: schema findings plus every rule's findings.
pub fn report(doc: &Document) -> Report {
    let mut findings = doc.findings.clone();
    let (fingerprint, version) = match &doc.gco {
        Some(gco) => {
            findings.extend(validate(gco));
            (gco.fingerprint(), Some(gco.identity.version.to_string()))
        }
        None => (
            fingerprint_value(&doc.value),
            doc.value.pointer("/identity/version").and_then(|v| v.as_str()).map(str::to_owned),
        ),
    };
    sort_findings(&mut findings);
    findings.dedup();
    Report { fingerprint, version, compliance_score: compliance_score(&findings), findings }
}

/// The whole report for a design built in memory (an import): every rule's findings.
pub fn report_gco(gco: &Gco) -> Report {
    let mut findings = validate(gco);
    sort_findings(&mut findings);
    findings.dedup();
    Report {
        fingerprint: gco.fingerprint(),
        version: Some(gco.identity.version.to_string()),
        compliance_score: compliance_score(&findings),
        findings,
    }
}

/// What every rule reads: the design, its expanded membership and indexes over it, built
/// once so that no rule is quadratic in the number of members.
pub(crate) struct Ctx<'a> {
    pub gco: &'a Gco,
    pub members: &'a [MemberView],
    pub total_weight: f64,
    /// Every member id.
    pub ids: HashSet<&'a str>,
    /// Role id to the indexes of the members holding it.
    pub holders: HashMap<&'a str, Vec<usize>>,
    pub out: Vec<Finding>,
}

impl Ctx<'_> {
    pub fn push(&mut self, code: cogov_model::Code, path: impl Into<String>, message: impl Into<String>) {
        self.out.push(Finding::new(code, path, message));
    }
}

/// Applies every semantic rule of the catalogue to a GCO.
pub fn validate(gco: &Gco) -> Vec<Finding> {
    let members = population::members(gco);
    let total_weight = members.iter().map(|m| m.weight).sum();
    let mut holders: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, m) in members.iter().enumerate() {
        for r in &m.roles {
            holders.entry(r.as_str()).or_default().push(i);
        }
    }
    let ids = members.iter().map(|m| m.id.as_str()).collect();
    let mut cx = Ctx { gco, members: &members, total_weight, ids, holders, out: Vec::new() };
    structure::required_domains(&mut cx);
    structure::unique_ids(&mut cx);
    structure::references(&mut cx);
    members::members(&mut cx);
    members::roles(&mut cx);
    decisions::decision_types(&mut cx);
    treasury::treasury(&mut cx);
    graphs::escalation(&mut cx);
    graphs::delegation(&mut cx);
    graphs::incentives(&mut cx);
    constitution::constitution(&mut cx);
    network::composition(&mut cx);
    network::mesh(&mut cx);
    network::thresholds(&mut cx);
    capture::capture(&mut cx);
    capture::loose_thresholds(&mut cx);
    cx.out
}
