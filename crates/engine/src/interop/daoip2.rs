//! DAOIP-2 daoURI documents (EIP-4824 "Common Interfaces for DAOs").
//!
//! The daoURI document is a JSON-LD object (`@context` `http://www.daostar.org/schemas`, `type`
//! `DAO`) with a name, a description and URIs of the organisation's members, proposals, activity
//! log, governance document, contracts registry and manager. A design has no deployed
//! addresses, proposals or activity, so the export writes the two it has: the document itself
//! (`daoURI.json`) and its governance document, the constitution (`constitution.md`, the
//! engine's constitution export, which reads back to the same design), that `governanceURI`
//! points at relatively, so both can be published side by side. Nothing of the design is lost:
//! the constitution holds all of it; the other URIs are for a deployment to fill.

use super::{ExportFile, Exported};
use crate::error::IntakeError;
use cogov_model::Gco;
use serde_json::{Value, json};

/// The JSON-LD context every daoURI document names.
pub const CONTEXT: &str = "http://www.daostar.org/schemas";
/// The daoURI document's file name.
pub const DAO_URI_FILE: &str = "daoURI.json";
/// The governance document's file name, relative to the daoURI document.
pub const GOVERNANCE_FILE: &str = "constitution.md";

/// Writes a design as DAOIP-2 daoURI documents, with the gaps the target cannot hold.
pub fn export(gco: &Gco) -> Result<Exported, IntakeError> {
    let mut doc = json!({
        "@context": CONTEXT,
        "type": "DAO",
        "name": gco.identity.display_name.clone().unwrap_or_else(|| gco.identity.name.clone()),
        "governanceURI": GOVERNANCE_FILE,
    });
    if let Some(d) = &gco.identity.description {
        doc["description"] = Value::String(d.clone());
    }
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    Ok(Exported {
        files: vec![
            ExportFile { path: GOVERNANCE_FILE.into(), bytes: crate::constitution::export(gco).into_bytes() },
            ExportFile { path: DAO_URI_FILE.into(), bytes: text.into_bytes() },
        ],
        gaps: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str) -> Gco {
        let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(path).expect("example");
        serde_json::from_slice(&bytes).expect("gco")
    }

    #[test]
    fn the_governance_document_reads_back_to_the_same_design() {
        let gco = example("token-dao.json");
        let out = export(&gco).expect("export");
        assert!(out.gaps.is_empty());
        let doc: Value = serde_json::from_slice(&out.files[1].bytes).expect("json");
        assert_eq!(doc["@context"], CONTEXT);
        assert_eq!(doc["type"], "DAO");
        assert_eq!(doc["name"], "Lumina Protocol DAO");
        assert_eq!(doc["governanceURI"], "constitution.md");
        let md = std::str::from_utf8(&out.files[0].bytes).expect("utf8");
        let back = crate::constitution::parse(md).expect("parse");
        let back: Gco = serde_json::from_value(back).expect("gco");
        assert_eq!(back.fingerprint(), gco.fingerprint(), "the constitution holds the whole design");
    }
}
