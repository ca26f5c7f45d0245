//! The permission matrix as a Cedar policy set, schema and entities.
//!
//! Entity types live in the `CoGov` namespace: `Role`, `Member` (a member of the roles it
//! holds), `Resource` (a member of the resources containing it) and `Instance` (the design the
//! policies came from: instance, version, fingerprint). One `permit` per role permission:
//! `permit(principal in CoGov::Role::"r", action == CoGov::Action::"a", resource in CoGov::Resource::"x")`.
//! Nothing else is permitted, so Cedar's default deny is the matrix's empty cell.

use super::Source;
use super::matrix::PermissionMatrix;
use cedar_policy::{
    Authorizer, Context, Decision, Entities, EntityId, EntityTypeName, EntityUid, PolicySet, Request, Schema,
    ValidationMode, Validator,
};
use cogov_model::{Action, Gco};
use serde_json::{Value, json};
use std::str::FromStr;

/// The namespace of every CoGov entity type and action.
pub const NAMESPACE: &str = "CoGov";

/// A Cedar string literal (Rust-style escapes, which Cedar reads).
fn lit(s: &str) -> String {
    format!("\"{}\"", s.escape_default())
}

/// The policy set as Cedar text, one annotated `permit` per role permission.
pub fn policies(gco: &Gco, source: &Source) -> String {
    let mut out = format!(
        "// Cedar policies compiled by CoGov from {}@{} ({}).\n// Default deny: only what a role's permissions grant is permitted.\n",
        source.instance, source.version, source.fingerprint
    );
    for role in &gco.roles {
        let mut perms: Vec<_> = role.permissions.iter().collect();
        perms.sort();
        perms.dedup();
        for p in perms {
            let id = format!("{}:{}:{}", role.id, p.action.as_str(), p.resource);
            out.push_str(&format!(
                "\n@id({})\npermit (\n  principal in {NAMESPACE}::Role::{},\n  action == {NAMESPACE}::Action::{},\n  resource in {NAMESPACE}::Resource::{}\n);\n",
                lit(&id),
                lit(&role.id),
                lit(p.action.as_str()),
                lit(&p.resource)
            ));
        }
    }
    out
}

/// The Cedar schema (JSON form); the namespace's annotations name the source.
pub fn schema(source: &Source) -> Value {
    let applies = json!({ "principalTypes": ["Member", "Role"], "resourceTypes": ["Resource"] });
    let actions: serde_json::Map<String, Value> =
        Action::ALL.iter().map(|a| (a.as_str().to_owned(), json!({ "appliesTo": applies.clone() }))).collect();
    let string = json!({ "type": "String" });
    json!({
        NAMESPACE: {
            "annotations": {
                "instance": source.instance, "version": source.version, "fingerprint": source.fingerprint },
            "entityTypes": {
                "Instance": { "shape": { "type": "Record", "attributes": {
                    "instance": string, "version": string, "fingerprint": string } } },
                "Member": { "memberOfTypes": ["Role"] },
                "Resource": { "memberOfTypes": ["Resource"], "shape": { "type": "Record", "attributes": { "kind": string } } },
                "Role": {}
            },
            "actions": actions
        }
    })
}

fn uid(kind: &str, id: &str) -> Value {
    json!({ "id": id, "type": format!("{NAMESPACE}::{kind}") })
}

/// The Cedar entities (keys written in sorted order, so the bytes are the same whether or not
/// serde_json keeps insertion order): the instance, every role, every resource (with its containers) and the
/// explicit members (with the roles they hold). Generated population members are not listed:
/// an execution layer supplies its own membership as `Member` entities in their roles.
pub fn entities(gco: &Gco, matrix: &PermissionMatrix, source: &Source) -> Value {
    let mut out = Vec::with_capacity(1 + gco.roles.len() + matrix.resources.len() + gco.members.explicit.len());
    out.push(json!({
        "attrs": { "fingerprint": source.fingerprint, "instance": source.instance, "version": source.version },
        "parents": [],
        "uid": uid("Instance", &source.instance)
    }));
    for r in &gco.roles {
        out.push(json!({ "attrs": {}, "parents": [], "uid": uid("Role", &r.id) }));
    }
    for r in &matrix.resources {
        let parents: Vec<Value> = r.parents.iter().map(|p| uid("Resource", p)).collect();
        out.push(json!({ "attrs": { "kind": r.kind }, "parents": parents, "uid": uid("Resource", &r.id) }));
    }
    for m in &gco.members.explicit {
        let mut roles: Vec<&String> = m.roles.iter().filter(|r| gco.role(r).is_some()).collect();
        roles.sort();
        roles.dedup();
        let parents: Vec<Value> = roles.into_iter().map(|r| uid("Role", r)).collect();
        out.push(json!({ "attrs": {}, "parents": parents, "uid": uid("Member", &m.id) }));
    }
    Value::Array(out)
}

/// A Cedar check that failed: the text, schema or entities do not parse, or the policies do
/// not validate against the schema.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CedarError(pub String);

/// The compiled Cedar artifacts, parsed and checked by the real Cedar engine.
pub struct Engine {
    /// The policy set.
    pub policies: PolicySet,
    /// The schema.
    pub schema: Schema,
    /// The entities.
    pub entities: Entities,
}

impl Engine {
    /// Parses the three artifacts and validates the policies against the schema (strict mode).
    pub fn load(policies: &str, schema: &Value, entities: &Value) -> Result<Engine, CedarError> {
        let err = |what: &str, e: &dyn std::fmt::Display| CedarError(format!("{what}: {e}"));
        let policies = PolicySet::from_str(policies).map_err(|e| err("policies", &e))?;
        let schema = Schema::from_json_value(schema.clone()).map_err(|e| err("schema", &e))?;
        let result = Validator::new(schema.clone()).validate(&policies, ValidationMode::Strict);
        if !result.validation_passed() {
            let msgs: Vec<String> = result.validation_errors().map(|e| e.to_string()).collect();
            return Err(CedarError(format!("policies do not validate: {}", msgs.join("; "))));
        }
        let entities = Entities::from_json_value(entities.clone(), Some(&schema)).map_err(|e| err("entities", &e))?;
        Ok(Engine { policies, schema, entities })
    }

    /// Whether the real Cedar authorizer allows `principal` (a member, with the roles it
    /// holds as parents in `entities`) to do `action` on `resource`.
    pub fn is_allowed(&self, entities: &Entities, member: &str, action: Action, resource: &str) -> bool {
        let Ok(request) = Request::new(
            euid("Member", member),
            euid("Action", action.as_str()),
            euid("Resource", resource),
            Context::empty(),
            Some(&self.schema),
        ) else {
            return false;
        };
        Authorizer::new().is_authorized(&request, &self.policies, entities).decision() == Decision::Allow
    }

    /// The entities plus one probe member holding exactly `role` (id `probe:<role>`), for
    /// asking what holders of a role may do.
    pub fn with_probe(&self, role: &str) -> Result<(Entities, String), CedarError> {
        let id = format!("probe:{role}");
        let probe = json!([{ "uid": uid("Member", &id), "attrs": {}, "parents": [uid("Role", role)] }]);
        let extra = Entities::from_json_value(probe, Some(&self.schema)).map_err(|e| CedarError(e.to_string()))?;
        let all =
            self.entities.clone().add_entities(extra, Some(&self.schema)).map_err(|e| CedarError(e.to_string()))?;
        Ok((all, id))
    }
}

fn euid(kind: &str, id: &str) -> EntityUid {
    let name = EntityTypeName::from_str(&format!("{NAMESPACE}::{kind}")).unwrap_or_else(|_| unreachable!());
    EntityUid::from_type_name_and_id(name, EntityId::new(id))
}
