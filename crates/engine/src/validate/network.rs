//! Composition (referenced components by fingerprint), the mesh, and alert thresholds.

use super::Ctx;
use cogov_model::{Code, NodeKind, Threshold};
use std::collections::HashSet;

/// `sha256:` followed by 64 hex digits, or 64 hex digits alone.
fn well_formed_fingerprint(f: &str) -> bool {
    let hex = f.strip_prefix("sha256:").unwrap_or(f);
    hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

impl Ctx<'_> {
    fn fingerprint(&mut self, path: String, role: &str, f: Option<&String>) {
        match f {
            None => self.push(Code::MissingFingerprint, path, format!("`{role}` is referenced without a fingerprint")),
            Some(f) if !well_formed_fingerprint(f) => {
                self.push(
                    Code::MalformedFingerprint,
                    format!("{path}/fingerprint"),
                    format!("`{role}` has fingerprint `{f}`"),
                );
            }
            Some(_) => {}
        }
    }
}

/// Every component pinned by a well-formed fingerprint; confluences span known components.
pub(super) fn composition(cx: &mut Ctx) {
    let Some(c) = &cx.gco.composition else { return };
    for (field, list) in [("citizens", &c.citizens), ("organisms", &c.organisms)] {
        for (i, r) in list.iter().enumerate() {
            cx.fingerprint(format!("/composition/{field}/{i}"), &r.role, r.fingerprint.as_ref());
        }
    }
    let known: HashSet<&str> = c.citizens.iter().chain(&c.organisms).map(|r| r.role.as_str()).collect();
    for (i, r) in c.confluences.iter().enumerate() {
        let at = format!("/composition/confluences/{i}");
        cx.fingerprint(at.clone(), &r.role, r.fingerprint.as_ref());
        for (j, s) in r.spans.iter().enumerate() {
            if !known.contains(s.as_str()) {
                let msg = format!("confluence `{}` spans `{s}`, which the composition does not reference", r.role);
                cx.push(Code::UnknownComponent, format!("{at}/spans/{j}"), msg);
            }
        }
        if r.spans.len() < 2 {
            cx.push(
                Code::NarrowConfluence,
                format!("{at}/spans"),
                format!("confluence `{}` spans {} component(s)", r.role, r.spans.len()),
            );
        }
    }
    let mut seen = HashSet::new();
    for (i, s) in c.services.iter().enumerate() {
        let name = serde_json::to_value(s.service).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        cx.fingerprint(format!("/composition/services/{i}"), &name, s.fingerprint.as_ref());
        if !seen.insert(s.service) {
            cx.push(
                Code::DuplicateService,
                format!("/composition/services/{i}"),
                format!("basic service `{name}` is listed twice"),
            );
        }
    }
}

/// Connections and trust domains name real nodes; nodes are connected, governed and placed.
pub(super) fn mesh(cx: &mut Ctx) {
    let Some(m) = &cx.gco.mesh else { return };
    let ids: HashSet<&str> = m.nodes.iter().map(|n| n.id.as_str()).collect();
    let mut connected = HashSet::new();
    for (i, c) in m.connections.iter().enumerate() {
        for (field, id) in [("from", &c.from), ("to", &c.to)] {
            if ids.contains(id.as_str()) {
                connected.insert(id.as_str());
            } else {
                cx.push(
                    Code::UnknownNode,
                    format!("/mesh/connections/{i}/{field}"),
                    format!("there is no node `{id}`"),
                );
            }
        }
    }
    let mut in_domain = HashSet::new();
    for (i, d) in m.trust_domains.iter().enumerate() {
        for (j, n) in d.members.iter().enumerate() {
            if ids.contains(n.as_str()) {
                in_domain.insert(n.as_str());
            } else {
                let msg = format!("trust domain `{}` names node `{n}`, which is not in the topology", d.id);
                cx.push(Code::TrustDomainMemberMissing, format!("/mesh/trust_domains/{i}/members/{j}"), msg);
            }
        }
        if d.policies.is_empty() {
            cx.push(
                Code::DomainWithoutPolicies,
                format!("/mesh/trust_domains/{i}/policies"),
                format!("trust domain `{}` has no policy rules", d.id),
            );
        }
    }
    for (i, n) in m.nodes.iter().enumerate() {
        if m.nodes.len() > 1 && !connected.contains(n.id.as_str()) {
            cx.push(Code::IsolatedNode, format!("/mesh/nodes/{i}"), format!("node `{}` has no connection", n.id));
        }
        if !m.trust_domains.is_empty() && !in_domain.contains(n.id.as_str()) {
            cx.push(
                Code::NodeOutsideDomains,
                format!("/mesh/nodes/{i}"),
                format!("node `{}` is in no trust domain", n.id),
            );
        }
    }
    if !m.nodes.is_empty() && !m.nodes.iter().any(|n| n.kind == NodeKind::Hub) {
        cx.push(Code::NoHub, "/mesh/nodes", "no node is a hub");
    }
}

/// Watch comes before alert in the direction in which the score gets worse.
pub(super) fn thresholds(cx: &mut Ctx) {
    let t = &cx.gco.alert_thresholds;
    let higher_is_worse: [(&str, Option<Threshold>); 5] = [
        ("authority_concentration", t.authority_concentration),
        ("governance_capture_risk", t.governance_capture_risk),
        ("treasury_centralisation", t.treasury_centralisation),
        ("delegation_cascade_risk", t.delegation_cascade_risk),
        ("constitutional_drift", t.constitutional_drift),
    ];
    for (name, th) in higher_is_worse {
        if let Some(th) = th.filter(|th| th.alert < th.watch) {
            let msg = format!("{name}: alert {} is below watch {}", th.alert, th.watch);
            cx.push(Code::ThresholdOrder, format!("/alert_thresholds/{name}"), msg);
        }
    }
    if let Some(th) = t.participation_density.filter(|th| th.alert > th.watch) {
        let msg =
            format!("participation_density falls as it worsens: alert {} must be below watch {}", th.alert, th.watch);
        cx.push(Code::ThresholdOrder, "/alert_thresholds/participation_density", msg);
    }
}
