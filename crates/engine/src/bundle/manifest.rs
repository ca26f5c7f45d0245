//! `manifest.json`: what a bundle holds (every file with its SHA-256 and size) and where it
//! came from. Its JSON Schema is `schemas/bundle-manifest.schema.json`.

use super::BundleError;
use cogov_model::ErrorCode;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The manifest format this engine writes and reads.
pub const MANIFEST_FORMAT: &str = "cogov-bundle/1";

/// A bundle's manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The manifest format, `cogov-bundle/1`.
    pub format: String,
    /// The design's instance name.
    pub instance: String,
    /// The design's version.
    pub version: String,
    /// The design's fingerprint (`sha256:` over its canonical JSON).
    pub fingerprint: String,
    /// The build record the bundle was made from, when the design is a stored version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build_id: Option<i64>,
    /// The versions of the engine, model and simulator that produced the files.
    pub producers: Producers,
    /// Every file of the bundle but the manifest and its signature, sorted by path.
    pub files: Vec<ManifestFile>,
}

/// The versions of the crates that produced a bundle's files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Producers {
    /// cogov-engine.
    pub engine: String,
    /// cogov-model.
    pub model: String,
    /// cogov-sim.
    pub sim: String,
}

/// One file a manifest lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    /// The path inside the bundle, `/`-separated, relative.
    pub path: String,
    /// `sha256:` and 64 lowercase hex digits.
    pub sha256: String,
    /// The size in bytes.
    pub size: u64,
}

impl Manifest {
    /// The manifest's bytes: indented JSON with sorted keys and a final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let value = cogov_model::sort_keys(serde_json::to_value(self).unwrap_or_default());
        let mut bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// Reads a manifest, within the engine's input limits; errors name the line and column.
    pub fn from_bytes(bytes: &[u8]) -> Result<Manifest, BundleError> {
        let invalid = |m: String| BundleError::at(ErrorCode::BundleManifestInvalid, super::MANIFEST, m);
        crate::limits::check_size(bytes).map_err(|e| invalid(e.message))?;
        let text = std::str::from_utf8(bytes).map_err(|_| invalid("not UTF-8".into()))?;
        crate::limits::check_json_depth(text).map_err(|e| invalid(e.message))?;
        let m: Manifest = serde_json::from_str(text)
            .map_err(|e| invalid(format!("line {}, column {}: {e}", e.line(), e.column())))?;
        if m.format != MANIFEST_FORMAT {
            return Err(invalid(format!("format {:?}; this engine reads {MANIFEST_FORMAT}", m.format)));
        }
        Ok(m)
    }
}

/// The JSON Schema of `manifest.json` (draft 2020-12), keys sorted.
pub fn manifest_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Manifest)).unwrap_or_default();
    cogov_model::schema::refine(&mut schema);
    cogov_model::sort_keys(schema)
}
