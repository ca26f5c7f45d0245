//! The resource grammar permissions use: `treasury`, `treasury/<category>`, `decision/<type>`,
//! `role/<role>`, `constitution`, `constitution/<clause or article>`, `escalation`,
//! `escalation/<level>`, `members`, `delegation`, `incentives`, `composition`, `mesh`,
//! `mesh/<node>` and `resource/<id>`.

use cogov_model::Gco;

/// A resource a permission names, resolved against a design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResourceRef<'a> {
    /// A whole domain (`treasury`, `members`, ...).
    Domain(&'a str),
    /// An item of a domain: (kind, id), e.g. (`treasury`, `grants`).
    Item(&'a str, &'a str),
}

/// Resolves a resource string, or says why it names nothing in this design.
pub fn resolve<'a>(gco: &Gco, resource: &'a str) -> Result<ResourceRef<'a>, String> {
    match resource.split_once('/') {
        None => {
            let present = match resource {
                "members" => true,
                "treasury" => gco.treasury.is_some(),
                "constitution" => gco.constitution.is_some(),
                "escalation" => gco.escalation.is_some(),
                "delegation" => gco.delegation.is_some(),
                "incentives" => gco.incentives.is_some(),
                "composition" => gco.composition.is_some(),
                "mesh" => gco.mesh.is_some(),
                _ => return Err(format!("`{resource}` is not a resource kind")),
            };
            if present {
                Ok(ResourceRef::Domain(resource))
            } else {
                Err(format!("the design has no `{resource}` domain"))
            }
        }
        Some((kind, id)) => {
            let found = match kind {
                "treasury" => gco.treasury.as_ref().is_some_and(|t| t.categories.iter().any(|c| c.id == id)),
                "decision" => gco.decision_type(id).is_some(),
                "role" => gco.role(id).is_some(),
                "constitution" => gco.clauses().any(|(a, c)| c.id == id || a.id == id),
                "escalation" => gco.escalation.as_ref().is_some_and(|e| e.levels.iter().any(|l| l.id == id)),
                "mesh" => gco.mesh.as_ref().is_some_and(|m| m.nodes.iter().any(|n| n.id == id)),
                "resource" => gco.resources.iter().any(|r| r.id == id),
                _ => return Err(format!("`{kind}/…` is not a resource kind")),
            };
            if found {
                Ok(ResourceRef::Item(kind, id))
            } else {
                let what = match kind {
                    "treasury" => "treasury category",
                    "decision" => "decision type",
                    "role" => "role",
                    "constitution" => "clause or article",
                    "escalation" => "escalation level",
                    "mesh" => "mesh node",
                    _ => "declared resource",
                };
                Err(format!("there is no {what} `{id}`"))
            }
        }
    }
}
