//! Where a derived artifact came from: the design's name, version and fingerprint. Its own
//! module because compile, risk, telemetry and the documents all stamp it, and none of them
//! should depend on another just for this.

use cogov_model::Gco;
use serde::Serialize;

/// Where a compiled artifact came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Source {
    /// The instance name.
    pub instance: String,
    /// The design's version.
    pub version: String,
    /// The design's fingerprint.
    pub fingerprint: String,
}

impl Source {
    /// The source of a design.
    pub fn of(gco: &Gco) -> Source {
        Source {
            instance: gco.identity.name.clone(),
            version: gco.identity.version.to_string(),
            fingerprint: gco.fingerprint(),
        }
    }
}
