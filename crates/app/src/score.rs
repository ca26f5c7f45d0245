//! Risk scores with one gate rule for both faces.
//!
//! A design with blocking findings is scored all the same, and the gate's refusal is returned
//! beside the scores: the scores are what shows a designer where the risk sits while the design
//! is still broken, and nothing is decided on them here. What the gate protects (a build's
//! score stage, the scores kept with a version, compile, bundle, deploy) still refuses such a
//! design (`GOV-P001`).

use crate::error::Result;
use cogov_engine::compile::{self, CompileError};
use cogov_engine::risk::{self, Comparison, Scores};
use cogov_model::{ErrorCode, Gco};
use cogov_store::Store;

/// A design's scores, their deltas against an older version, and the gate's verdict.
#[derive(Debug, Clone)]
pub struct Scored {
    /// The six scores (drift measured from the older version when given).
    pub scores: Scores,
    /// How each score moved since the older version, when one was given.
    pub comparison: Option<Comparison>,
    /// Set when the design has blocking findings (`GOV-P001`): scored, but not buildable.
    pub blocked: Option<CompileError>,
}

/// Scores `gco` against `older` (the last ratified version) and checks the compile gate.
pub fn score(gco: &Gco, older: Option<&Gco>) -> Scored {
    let scores = risk::score(gco, older);
    let comparison = older.map(|o| risk::compare(&risk::score(o, None), &scores));
    Scored { scores, comparison, blocked: compile::compile(gco).err() }
}

/// The stored version a design follows, as a commit measures drift: the version before it
/// when it is saved, else the latest; `None` when the store has no version of it.
pub fn previous(store: &Store, gco: &Gco) -> Result<Option<Gco>> {
    let (instance, version) = (&gco.identity.name, gco.identity.version.to_string());
    let log = match store.log(instance) {
        Ok(log) => log,
        Err(e) if e.code == ErrorCode::UnknownInstance => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    match log.iter().take_while(|v| v.version != version).last() {
        Some(v) => Ok(Some(store.show(instance, &v.version)?.1)),
        None => Ok(None),
    }
}
