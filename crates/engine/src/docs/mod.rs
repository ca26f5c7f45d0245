//! The generated documents: eight documents people read and approve, each in Markdown and as
//! a self-contained HTML page, each stamped with the instance, version and fingerprint of the
//! design it was generated from (`docs/documents.md` describes them).
//!
//! - `constitution-draft`: the constitution document (the format the constitution intake
//!   reads back to the same fingerprint);
//! - `role-registry`, `decision-protocol`, `treasury-policy`, `accountability-specification`,
//!   `incentive-model`, `deployment-checklist`: the compiled numbers as tables;
//! - `network-graph-schema`: the graph as JSON (nodes, edges, trust domains, fingerprints),
//!   GraphML and DOT, and a page describing them.
//!
//! Diff-aware: given an earlier design, each document gains a "Changes since VERSION" section
//! with the structural changes of its domains ([`crate::diff`]). Pure and deterministic: the
//! same designs give the same bytes. A design with blocking findings is refused (`GOV-P001`).

mod content;
pub mod graph;
pub mod render;

use crate::compile::{self, CompileError, Compiled};
use crate::diff::{self, Change, ChangeKind};
use crate::source::Source;
use cogov_model::Gco;
use render::{Block, Page, Redline};
use serde_json::Value;

/// The version of the documents' format.
pub const DOCS_VERSION: &str = "cogov-docs/1";

/// The eight documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The constitution document (readable back by the constitution intake).
    ConstitutionDraft,
    /// Roles, seats, terms, eligibility, permissions and holders.
    RoleRegistry,
    /// Decision types: quorum, approval, periods, signers, proposers; delegation.
    DecisionProtocol,
    /// Treasury: balance, inflows, categories, authorisation tiers, spending limits.
    TreasuryPolicy,
    /// The escalation ladder, checks on power, and the risk alert thresholds.
    AccountabilitySpecification,
    /// The graph as JSON, GraphML and DOT; composition and trust domains.
    NetworkGraphSchema,
    /// Incentive mechanisms, weights and funding.
    IncentiveModel,
    /// What an operator sets up and checks before going live.
    DeploymentChecklist,
}

impl Kind {
    /// Every document, in presentation order.
    pub const ALL: [Kind; 8] = [
        Kind::ConstitutionDraft,
        Kind::RoleRegistry,
        Kind::DecisionProtocol,
        Kind::TreasuryPolicy,
        Kind::AccountabilitySpecification,
        Kind::NetworkGraphSchema,
        Kind::IncentiveModel,
        Kind::DeploymentChecklist,
    ];

    /// The file stem, e.g. `role-registry`.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::ConstitutionDraft => "constitution-draft",
            Kind::RoleRegistry => "role-registry",
            Kind::DecisionProtocol => "decision-protocol",
            Kind::TreasuryPolicy => "treasury-policy",
            Kind::AccountabilitySpecification => "accountability-specification",
            Kind::NetworkGraphSchema => "network-graph-schema",
            Kind::IncentiveModel => "incentive-model",
            Kind::DeploymentChecklist => "deployment-checklist",
        }
    }

    /// The title, e.g. `Role registry`.
    pub fn title(self) -> &'static str {
        match self {
            Kind::ConstitutionDraft => "Constitution draft",
            Kind::RoleRegistry => "Role registry",
            Kind::DecisionProtocol => "Decision protocol",
            Kind::TreasuryPolicy => "Treasury policy",
            Kind::AccountabilitySpecification => "Accountability specification",
            Kind::NetworkGraphSchema => "Network graph schema",
            Kind::IncentiveModel => "Incentive model",
            Kind::DeploymentChecklist => "Deployment checklist",
        }
    }

    /// The GCO domains whose changes the document's "Changes since" section shows; `None`
    /// means every domain.
    pub fn domains(self) -> Option<&'static [&'static str]> {
        match self {
            Kind::ConstitutionDraft | Kind::DeploymentChecklist => None,
            Kind::RoleRegistry => Some(&["roles", "members"]),
            Kind::DecisionProtocol => Some(&["decision_types", "delegation"]),
            Kind::TreasuryPolicy => Some(&["treasury"]),
            Kind::AccountabilitySpecification => Some(&["escalation", "alert_thresholds", "constitution"]),
            Kind::NetworkGraphSchema => Some(&["composition", "mesh"]),
            Kind::IncentiveModel => Some(&["incentives"]),
        }
    }
}

/// One generated document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Which document.
    pub kind: Kind,
    /// The Markdown form.
    pub markdown: String,
    /// The HTML form.
    pub html: String,
    /// Further files that belong to it (the network graph's JSON, GraphML and DOT), by name.
    pub extra: Vec<(String, Vec<u8>)>,
}

/// The documents of one design.
#[derive(Debug, Clone, PartialEq)]
pub struct Documents {
    /// The design they were generated from.
    pub source: Source,
    /// The version they compare with, if any.
    pub since: Option<String>,
    /// The eight documents, in [`Kind::ALL`] order.
    pub documents: Vec<Document>,
}

impl Documents {
    /// Every file as (relative path, bytes), sorted by path: `<slug>.md`, `<slug>.html` and
    /// the network graph's `network-graph.{json,graphml,dot}`.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<(String, Vec<u8>)> = Vec::new();
        for d in &self.documents {
            v.push((format!("{}.md", d.kind.slug()), d.markdown.clone().into_bytes()));
            v.push((format!("{}.html", d.kind.slug()), d.html.clone().into_bytes()));
            v.extend(d.extra.iter().cloned());
        }
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }

    /// The document of a kind.
    pub fn get(&self, kind: Kind) -> Option<&Document> {
        self.documents.iter().find(|d| d.kind == kind)
    }
}

/// Generates the eight documents of a design, with "Changes since" sections when `since` is
/// given. A design with blocking findings is refused with `GOV-P001`, as `compile` refuses it.
pub fn generate(gco: &Gco, since: Option<&Gco>) -> Result<Documents, CompileError> {
    let compiled = compile::compile(gco)?;
    Ok(generate_compiled(gco, &compiled, since))
}

/// Generates the documents from a design and its compiled artifacts (already gated).
pub fn generate_compiled(gco: &Gco, compiled: &Compiled, since: Option<&Gco>) -> Documents {
    let source = compiled.source.clone();
    let changes = since.map(|old| (old.identity.version.to_string(), diff::structural(old, gco).changes));
    let documents = Kind::ALL
        .iter()
        .map(|&kind| {
            let body = content::body(kind, gco, compiled);
            let mut page = Page { title: title(kind, gco), stamp: stamp(&source), blocks: body.blocks };
            if let Some((v, all)) = &changes {
                page.blocks.push(Block::Heading(2, format!("Changes since {v}")));
                page.blocks.extend(changes_section(kind, all));
            }
            // The constitution draft's Markdown is exactly the constitution document, so the
            // intake reads it back; its stamp and redlines are in its HTML page.
            let markdown =
                if kind == Kind::ConstitutionDraft { crate::constitution::export(gco) } else { page.markdown() };
            Document { kind, markdown, html: page.html(), extra: body.extra }
        })
        .collect();
    Documents { source, since: changes.map(|(v, _)| v), documents }
}

fn title(kind: Kind, gco: &Gco) -> String {
    let name = gco.identity.display_name.as_deref().unwrap_or(&gco.identity.name);
    format!("{} — {}", kind.title(), name.replace(['\n', '\r'], " "))
}

fn stamp(s: &Source) -> Vec<(String, String)> {
    vec![
        ("Instance".into(), s.instance.clone()),
        ("Version".into(), s.version.clone()),
        ("Fingerprint".into(), s.fingerprint.clone()),
        ("Generated by".into(), DOCS_VERSION.into()),
    ]
}

/// The changes of a document's domains, as redlines; a sentence when there are none.
fn changes_section(kind: Kind, all: &[Change]) -> Vec<Block> {
    let mine: Vec<&Change> =
        all.iter().filter(|c| kind.domains().is_none_or(|d| d.contains(&c.domain.as_str()))).collect();
    if mine.is_empty() {
        return vec![Block::Para("No change in the domains this document covers.".into())];
    }
    let redlines = mine
        .iter()
        .map(|c| Redline {
            place: c.label.clone(),
            old: (c.kind != ChangeKind::Added).then(|| value_text(c.old.as_ref())),
            new: (c.kind != ChangeKind::Removed).then(|| value_text(c.new.as_ref())),
            bump: c.bump.as_str(),
        })
        .collect();
    vec![
        Block::Para(format!("{} change(s) in the domains this document covers, old → new.", mine.len())),
        Block::Redlines(redlines),
    ]
}

/// A value on one line for a redline: strings bare, anything else as compact JSON, cut at 160
/// characters.
fn value_text(v: Option<&Value>) -> String {
    let s = match v {
        None => String::new(),
        Some(Value::String(s)) => s.clone(),
        // 2000.0 reads as 2000: the design's numbers are f64 whatever their spelling.
        Some(Value::Number(n)) => match n.as_f64() {
            Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", x as i64),
            _ => n.to_string(),
        },
        Some(v) => cogov_model::sort_keys(v.clone()).to_string(),
    };
    if s.chars().count() > 160 { format!("{}…", s.chars().take(159).collect::<String>()) } else { s }
}

#[cfg(test)]
mod tests;
