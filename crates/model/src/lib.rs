//! `cogov-model`: the Governance Configuration Object (GCO), its JSON Schema, canonical JSON
//! and fingerprint, findings, and the reason-code catalogue.
//!
//! Pure data: no I/O. Start reading at [`Gco`].

pub mod canonical;
pub mod codes;
pub mod diagnostics;
pub mod gco;
pub mod schema;

pub use canonical::{fingerprint_bytes, fingerprint_value, normalize_numbers, to_canonical_string};
/// This crate's version (bundles record it).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub use codes::{Code, ErrorCode, GapCode, Severity};
pub use diagnostics::{Finding, compliance_score, escape_pointer_token, sort_findings};
pub use gco::*;

/// The JSON Schema (draft 2020-12) of the GCO, generated from the Rust types.
pub fn gco_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Gco)).unwrap_or_default();
    schema::refine(&mut schema);
    sort_keys(schema)
}

/// The value with every object's keys in sorted order, whatever serde_json's map keeps.
///
/// A dependency of the engine (`cedar-policy`) turns on serde_json's `preserve_order`, which
/// makes maps keep insertion order; generated schemas and golden JSON sort their keys with
/// this so that they read the same in every build.
pub fn sort_keys(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<(String, serde_json::Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::Value::Object(entries.into_iter().map(|(k, v)| (k, sort_keys(v))).collect())
        }
        serde_json::Value::Array(items) => serde_json::Value::Array(items.into_iter().map(sort_keys).collect()),
        other => other,
    }
}

impl Gco {
    /// The canonical JSON (RFC 8785) of this GCO.
    pub fn canonical_json(&self) -> String {
        to_canonical_string(&self.to_value())
    }

    /// The GCO as a JSON value (the shape the schema describes).
    pub fn to_value(&self) -> serde_json::Value {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// The stable fingerprint: `sha256:` of the canonical JSON.
    pub fn fingerprint(&self) -> String {
        fingerprint_bytes(self.canonical_json().as_bytes())
    }
}
