//! The example designs, compiled into the app so "new from example" works anywhere.

use serde::Serialize;
use ts_rs::TS;

/// An example the home view offers.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExampleInfo {
    /// Stable id (the file name without `.json`).
    pub id: String,
    /// Display name of the design.
    pub title: String,
    /// Kind of organisation.
    pub kind: String,
    /// One-paragraph description.
    pub description: String,
}

/// (id, text) of every shipped example.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("token-dao", include_str!("../../examples/token-dao.json")),
    ("worker-coop", include_str!("../../examples/worker-coop.json")),
    ("oss-foundation", include_str!("../../examples/oss-foundation.json")),
    ("ecosystem-gov", include_str!("../../examples/ecosystem-gov.json")),
    ("service-gov", include_str!("../../examples/service-gov.json")),
    ("federated-gov", include_str!("../../examples/federated-gov.json")),
];

/// The examples' summaries, read from their identity domains.
pub fn list() -> Vec<ExampleInfo> {
    EXAMPLES
        .iter()
        .map(|(id, text)| {
            let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
            let s = |p: &str| v.pointer(p).and_then(|x| x.as_str()).unwrap_or_default().to_owned();
            let title = Some(s("/identity/display_name")).filter(|t| !t.is_empty()).unwrap_or_else(|| id.to_string());
            ExampleInfo { id: (*id).into(), title, kind: s("/identity/kind"), description: s("/identity/description") }
        })
        .collect()
}

/// The text of one example.
pub fn text(id: &str) -> Option<&'static str> {
    EXAMPLES.iter().find(|(i, _)| *i == id).map(|(_, t)| *t)
}
