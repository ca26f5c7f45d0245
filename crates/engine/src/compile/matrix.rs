//! The role × action × resource permission matrix and the access-control tables derived from it.
//!
//! A permission on a resource covers the resource and everything inside it: `treasury` covers
//! `treasury/<category>`, `constitution` covers its articles and clauses, an article covers its
//! clauses, `escalation` its levels and `mesh` its nodes. The Cedar entities carry the same
//! containment as parents, so `resource in …` in a Cedar policy means the same thing.

use cogov_model::{Action, Gco};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One resource of the design and the resources that directly contain it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResourceNode {
    /// The resource, as permissions name it (`treasury/grants`).
    pub id: String,
    /// Its kind: the part before `/`, or the domain itself.
    pub kind: String,
    /// The resources that directly contain it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub parents: Vec<String>,
}

/// Every resource of a design, in a stable order (domains first, then items by kind in
/// document order), each with its direct containers.
pub fn resources(gco: &Gco) -> Vec<ResourceNode> {
    let mut out: Vec<ResourceNode> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut add = |id: String, kind: &str, parents: Vec<String>| {
        let parents: Vec<String> = parents.into_iter().filter(|p| *p != id).collect();
        match index.get(&id) {
            Some(&i) => {
                let node: &mut ResourceNode = &mut out[i];
                for p in parents {
                    if !node.parents.contains(&p) {
                        node.parents.push(p);
                    }
                }
            }
            None => {
                index.insert(id.clone(), out.len());
                out.push(ResourceNode { id, kind: kind.to_owned(), parents });
            }
        }
    };
    add("members".into(), "members", vec![]);
    let domains: [(&str, bool); 7] = [
        ("treasury", gco.treasury.is_some()),
        ("constitution", gco.constitution.is_some()),
        ("escalation", gco.escalation.is_some()),
        ("delegation", gco.delegation.is_some()),
        ("incentives", gco.incentives.is_some()),
        ("composition", gco.composition.is_some()),
        ("mesh", gco.mesh.is_some()),
    ];
    for (d, present) in domains {
        if present {
            add(d.into(), d, vec![]);
        }
    }
    if let Some(t) = &gco.treasury {
        for c in &t.categories {
            add(format!("treasury/{}", c.id), "treasury", vec!["treasury".into()]);
        }
    }
    for d in &gco.decision_types {
        add(format!("decision/{}", d.id), "decision", vec![]);
    }
    for r in &gco.roles {
        add(format!("role/{}", r.id), "role", vec![]);
    }
    if let Some(c) = &gco.constitution {
        for a in &c.articles {
            add(format!("constitution/{}", a.id), "constitution", vec!["constitution".into()]);
        }
        for a in &c.articles {
            for cl in &a.clauses {
                add(format!("constitution/{}", cl.id), "constitution", vec![format!("constitution/{}", a.id)]);
            }
        }
    }
    if let Some(e) = &gco.escalation {
        for l in &e.levels {
            add(format!("escalation/{}", l.id), "escalation", vec!["escalation".into()]);
        }
    }
    if let Some(m) = &gco.mesh {
        for n in &m.nodes {
            add(format!("mesh/{}", n.id), "mesh", vec!["mesh".into()]);
        }
    }
    for r in &gco.resources {
        add(format!("resource/{}", r.id), "resource", vec![]);
    }
    out
}

/// One allowed cell of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Grant {
    /// The role.
    pub role: String,
    /// The action.
    pub action: Action,
    /// The resource.
    pub resource: String,
    /// The permission that grants it (the resource itself or one containing it).
    pub via: String,
}

/// The permission matrix: the three axes and every allowed cell; a cell not listed is denied.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PermissionMatrix {
    /// Role ids, in document order.
    pub roles: Vec<String>,
    /// Every action, in catalogue order.
    pub actions: Vec<Action>,
    /// Every resource of the design, with its containers.
    pub resources: Vec<ResourceNode>,
    /// The allowed cells, ordered by role (document order), action, resource (axis order).
    pub grants: Vec<Grant>,
}

impl PermissionMatrix {
    /// Builds the matrix of a design.
    pub fn of(gco: &Gco) -> PermissionMatrix {
        let resources = resources(gco);
        let pos: HashMap<&str, usize> = resources.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
        // Everything each resource contains, itself included (a DAG: clause in article in constitution).
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); resources.len()];
        for (i, r) in resources.iter().enumerate() {
            for p in &r.parents {
                if let Some(&pi) = pos.get(p.as_str()) {
                    children[pi].push(i);
                }
            }
        }
        let covered = |start: usize| -> BTreeSet<usize> {
            let mut seen = BTreeSet::new();
            let mut stack = vec![start];
            while let Some(i) = stack.pop() {
                if seen.insert(i) {
                    stack.extend(children[i].iter().copied());
                }
            }
            seen
        };
        let action_pos = |a: Action| Action::ALL.iter().position(|x| *x == a).unwrap_or(0);
        let mut grants = Vec::new();
        for role in &gco.roles {
            // (action, resource index) -> the permission granting it (the first in document order).
            let mut cells: BTreeMap<(usize, usize), String> = BTreeMap::new();
            for p in &role.permissions {
                let Some(&start) = pos.get(p.resource.as_str()) else { continue };
                for i in covered(start) {
                    cells.entry((action_pos(p.action), i)).or_insert_with(|| p.resource.clone());
                }
            }
            grants.extend(cells.into_iter().map(|((a, i), via)| Grant {
                role: role.id.clone(),
                action: Action::ALL[a],
                resource: resources[i].id.clone(),
                via,
            }));
        }
        PermissionMatrix {
            roles: gco.roles.iter().map(|r| r.id.clone()).collect(),
            actions: Action::ALL.to_vec(),
            resources,
            grants,
        }
    }

    /// Whether holders of `role` may do `action` on `resource`.
    pub fn allows(&self, role: &str, action: Action, resource: &str) -> bool {
        self.grants.iter().any(|g| g.role == role && g.action == action && g.resource == resource)
    }

    /// The access-control tables: per resource and action the roles allowed, and per role
    /// what it may do.
    pub fn access_control(&self) -> AccessControl {
        let mut by_resource: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
        let rpos: HashMap<&str, usize> = self.resources.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
        let apos = |a: Action| Action::ALL.iter().position(|x| *x == a).unwrap_or(0);
        let mut by_role: Vec<RoleCapabilities> =
            self.roles.iter().map(|r| RoleCapabilities { role: r.clone(), may: Vec::new() }).collect();
        let role_pos: HashMap<&str, usize> = self.roles.iter().enumerate().map(|(i, r)| (r.as_str(), i)).collect();
        for g in &self.grants {
            let ri = rpos.get(g.resource.as_str()).copied().unwrap_or(usize::MAX);
            by_resource.entry((ri, apos(g.action))).or_default().push(g.role.clone());
            if let Some(&i) = role_pos.get(g.role.as_str()) {
                by_role[i].may.push(format!("{} {}", g.action.as_str(), g.resource));
            }
        }
        let entries = by_resource
            .into_iter()
            .map(|((ri, ai), roles)| AclEntry {
                resource: self.resources.get(ri).map(|r| r.id.clone()).unwrap_or_default(),
                action: Action::ALL[ai],
                roles,
            })
            .collect();
        AccessControl { entries, roles: by_role }
    }
}

/// One row of the access-control list: who may do an action on a resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AclEntry {
    /// The resource.
    pub resource: String,
    /// The action.
    pub action: Action,
    /// The roles allowed, in document order.
    pub roles: Vec<String>,
}

/// What one role may do, as `action resource` lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleCapabilities {
    /// The role.
    pub role: String,
    /// `action resource`, in matrix order.
    pub may: Vec<String>,
}

/// The access-control tables derived from the matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccessControl {
    /// Per resource (axis order) and action: the roles allowed. Absent pairs are denied to all.
    pub entries: Vec<AclEntry>,
    /// Per role: its capabilities.
    pub roles: Vec<RoleCapabilities>,
}
