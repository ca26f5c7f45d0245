//! Required domains, unique ids and references between domains.

use super::Ctx;
use crate::resources;
use cogov_model::Code;
use std::collections::HashMap;

/// Required domains: members, roles and decision types; treasury, constitution and
/// escalation are expected.
pub(super) fn required_domains(cx: &mut Ctx) {
    let g = cx.gco;
    if g.members.explicit.is_empty() && g.members.population.is_none() {
        cx.push(Code::NoMembers, "/members", "the design has no members");
    }
    if g.roles.is_empty() {
        cx.push(Code::NoRoles, "/roles", "the design defines no roles");
    }
    if g.decision_types.is_empty() {
        cx.push(Code::NoDecisionTypes, "/decision_types", "the design defines no decision types");
    }
    if g.treasury.is_none() {
        cx.push(Code::NoTreasury, "", "the design has no treasury domain");
    }
    if g.constitution.is_none() {
        cx.push(Code::NoConstitution, "", "the design has no constitution");
    }
    if g.escalation.as_ref().is_none_or(|e| e.levels.is_empty()) {
        cx.push(Code::NoEscalation, "", "the design has no conflict escalation ladder");
    }
    if g.identity.version.major == 0 || !g.identity.version.pre.is_empty() {
        let v = &g.identity.version;
        cx.push(Code::PreReleaseVersion, "/identity/version", format!("version {v} is a pre-release"));
    }
}

/// Reports every id that repeats within one kind of item; `path` makes an item's pointer
/// (only called for duplicates, so large lists cost no formatting).
fn unique<'a>(cx: &mut Ctx, what: &str, ids: impl IntoIterator<Item = &'a str>, path: impl Fn(usize) -> String) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.into_iter().enumerate() {
        if let Some(&first) = seen.get(id) {
            let msg = format!("{what} id `{id}` is already used at {}", path(first));
            cx.push(Code::DuplicateId, path(i), msg);
        } else {
            seen.insert(id, i);
        }
    }
}

/// Ids are unique per kind (clause and article ids share one namespace: amendment rules name both).
pub(super) fn unique_ids(cx: &mut Ctx) {
    let g = cx.gco;
    let members = cx.members;
    let explicit = g.members.explicit.len();
    unique(cx, "member", members.iter().map(|m| m.id.as_str()), |i| {
        if i < explicit { format!("/members/explicit/{i}/id") } else { "/members/population/id_prefix".to_owned() }
    });
    unique(cx, "role", g.roles.iter().map(|r| r.id.as_str()), |i| format!("/roles/{i}/id"));
    unique(cx, "decision type", g.decision_types.iter().map(|d| d.id.as_str()), |i| format!("/decision_types/{i}/id"));
    unique(cx, "resource", g.resources.iter().map(|r| r.id.as_str()), |i| format!("/resources/{i}/id"));
    if let Some(t) = &g.treasury {
        unique(cx, "category", t.categories.iter().map(|c| c.id.as_str()), |i| format!("/treasury/categories/{i}/id"));
        unique(cx, "tier", t.tiers.iter().map(|c| c.id.as_str()), |i| format!("/treasury/tiers/{i}/id"));
    }
    if let Some(e) = &g.escalation {
        unique(cx, "level", e.levels.iter().map(|l| l.id.as_str()), |i| format!("/escalation/levels/{i}/id"));
    }
    if let Some(inc) = &g.incentives {
        unique(cx, "mechanism", inc.mechanisms.iter().map(|m| m.id.as_str()), |i| {
            format!("/incentives/mechanisms/{i}/id")
        });
    }
    if let Some(c) = &g.constitution {
        let mut ids: Vec<(String, &str)> = Vec::new();
        for (i, a) in c.articles.iter().enumerate() {
            ids.push((format!("/constitution/articles/{i}/id"), a.id.as_str()));
            for (j, cl) in a.clauses.iter().enumerate() {
                ids.push((format!("/constitution/articles/{i}/clauses/{j}/id"), cl.id.as_str()));
            }
        }
        unique(cx, "article or clause", ids.iter().map(|x| x.1), |i| ids[i].0.clone());
        unique(cx, "amendment rule", c.amendment_rules.iter().map(|r| r.id.as_str()), |i| {
            format!("/constitution/amendment_rules/{i}/id")
        });
    }
    if let Some(c) = &g.composition {
        let mut ids: Vec<(String, &str)> = Vec::new();
        for (field, list) in [("citizens", &c.citizens), ("organisms", &c.organisms)] {
            ids.extend(
                list.iter().enumerate().map(|(i, r)| (format!("/composition/{field}/{i}/role"), r.role.as_str())),
            );
        }
        ids.extend(
            c.confluences
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("/composition/confluences/{i}/role"), r.role.as_str())),
        );
        unique(cx, "component role", ids.iter().map(|x| x.1), |i| ids[i].0.clone());
    }
    if let Some(m) = &g.mesh {
        unique(cx, "node", m.nodes.iter().map(|n| n.id.as_str()), |i| format!("/mesh/nodes/{i}/id"));
        unique(cx, "trust domain", m.trust_domains.iter().map(|d| d.id.as_str()), |i| {
            format!("/mesh/trust_domains/{i}/id")
        });
    }
}

impl Ctx<'_> {
    fn role_ref(&mut self, path: String, id: &str) {
        if self.gco.role(id).is_none() {
            self.push(Code::UnknownRole, path, format!("there is no role `{id}`"));
        }
    }

    fn decision_ref(&mut self, path: String, id: &str) {
        if self.gco.decision_type(id).is_none() {
            self.push(Code::UnknownDecisionType, path, format!("there is no decision type `{id}`"));
        }
    }

    fn category_ref(&mut self, path: String, id: &str) {
        let known = self.gco.treasury.as_ref().is_some_and(|t| t.categories.iter().any(|c| c.id == id));
        if !known {
            self.push(Code::UnknownCategory, path, format!("there is no treasury category `{id}`"));
        }
    }
}

/// Every reference between domains names something that exists.
pub(super) fn references(cx: &mut Ctx) {
    let g = cx.gco;
    for (i, m) in g.members.explicit.iter().enumerate() {
        for (j, r) in m.roles.iter().enumerate() {
            cx.role_ref(format!("/members/explicit/{i}/roles/{j}"), r);
        }
    }
    if let Some(p) = &g.members.population {
        for (j, r) in p.roles.iter().enumerate() {
            cx.role_ref(format!("/members/population/roles/{j}"), r);
        }
    }
    for (i, role) in g.roles.iter().enumerate() {
        let e = &role.eligibility;
        for (j, r) in e.requires_roles.iter().enumerate() {
            cx.role_ref(format!("/roles/{i}/eligibility/requires_roles/{j}"), r);
        }
        for (j, r) in e.incompatible_roles.iter().enumerate() {
            cx.role_ref(format!("/roles/{i}/eligibility/incompatible_roles/{j}"), r);
        }
        if let Some(d) = &e.elected_by {
            cx.decision_ref(format!("/roles/{i}/eligibility/elected_by"), d);
        }
        for (j, p) in role.permissions.iter().enumerate() {
            if let Err(why) = resources::resolve(g, &p.resource) {
                let msg = format!("role `{}` may {} `{}`, but {why}", role.id, p.action.as_str(), p.resource);
                cx.push(Code::UnknownResource, format!("/roles/{i}/permissions/{j}/resource"), msg);
            }
        }
    }
    for (i, d) in g.decision_types.iter().enumerate() {
        for (j, r) in d.proposal_threshold.roles.iter().enumerate() {
            cx.role_ref(format!("/decision_types/{i}/proposal_threshold/roles/{j}"), r);
        }
        if let Some(s) = &d.signers {
            cx.role_ref(format!("/decision_types/{i}/signers/role"), &s.role);
        }
    }
    if let Some(t) = &g.treasury {
        for (i, tier) in t.tiers.iter().enumerate() {
            cx.decision_ref(format!("/treasury/tiers/{i}/decision_type"), &tier.decision_type);
            if let Some(s) = &tier.signers {
                cx.role_ref(format!("/treasury/tiers/{i}/signers/role"), &s.role);
            }
        }
        for (i, l) in t.spending_limits.iter().enumerate() {
            if let Some(r) = &l.role {
                cx.role_ref(format!("/treasury/spending_limits/{i}/role"), r);
            }
            if let Some(c) = &l.category {
                cx.category_ref(format!("/treasury/spending_limits/{i}/category"), c);
            }
        }
    }
    if let Some(e) = &g.escalation {
        for (i, l) in e.levels.iter().enumerate() {
            match &l.decided_by {
                cogov_model::Decider::Role { role } => {
                    cx.role_ref(format!("/escalation/levels/{i}/decided_by/role"), role)
                }
                cogov_model::Decider::DecisionType { decision_type } => {
                    cx.decision_ref(format!("/escalation/levels/{i}/decided_by/decision_type"), decision_type);
                }
                cogov_model::Decider::External { .. } => {}
            }
            if let Some(next) = &l.next {
                if !e.levels.iter().any(|x| &x.id == next) {
                    let msg = format!("level `{}` escalates to `{next}`, which is not a level", l.id);
                    cx.push(Code::UnknownLevel, format!("/escalation/levels/{i}/next"), msg);
                }
            }
        }
    }
    if let Some(inc) = &g.incentives {
        for (i, m) in inc.mechanisms.iter().enumerate() {
            if let Some(c) = &m.funded_from {
                cx.category_ref(format!("/incentives/mechanisms/{i}/funded_from"), c);
            }
        }
    }
    if let Some(d) = &g.delegation {
        for (i, e) in d.edges.iter().enumerate() {
            for (field, id) in [("from", &e.from), ("to", &e.to)] {
                if !cx.ids.contains(id.as_str()) {
                    let msg = format!("there is no member `{id}`");
                    cx.push(Code::UnknownMember, format!("/delegation/edges/{i}/{field}"), msg);
                }
            }
            for (j, dt) in e.decision_types.iter().enumerate() {
                cx.decision_ref(format!("/delegation/edges/{i}/decision_types/{j}"), dt);
            }
        }
    }
    if let Some(c) = &g.constitution {
        for (i, a) in c.articles.iter().enumerate() {
            for (j, cl) in a.clauses.iter().enumerate() {
                if let Some(d) = &cl.decision_type {
                    cx.decision_ref(format!("/constitution/articles/{i}/clauses/{j}/decision_type"), d);
                }
            }
        }
        for (i, r) in c.amendment_rules.iter().enumerate() {
            cx.decision_ref(format!("/constitution/amendment_rules/{i}/decision_type"), &r.decision_type);
            for (j, id) in r.clauses.iter().enumerate() {
                if !g.clauses().any(|(a, cl)| &cl.id == id || &a.id == id) {
                    let msg = format!("amendment rule `{}` names `{id}`, which is no clause or article", r.id);
                    cx.push(Code::UnknownClause, format!("/constitution/amendment_rules/{i}/clauses/{j}"), msg);
                }
            }
        }
    }
}
