//! Bundles: what a design's bundle holds, built and written once for both faces.
//!
//! A stored version's bundle is a function of the version alone: its canonical design, its
//! compiled files, documents whose "Changes since" is the version it amends (its parent), its
//! latest stored simulation and its latest passed build id; it is kept in the store. A design
//! the editor holds that *is* a stored version (same name, version and fingerprint) is
//! bundled as that stored version, so the command line and the studio give the same bytes.

use crate::error::{Error, Result};
use crate::files;
use cogov_engine::bundle::{self, Built, Producers};
use cogov_model::{ErrorCode, Gco};
use cogov_store::Store;
use serde::Serialize;
use std::path::Path;

/// The versions of the crates that produce a bundle's files.
pub fn producers() -> Producers {
    Producers {
        engine: cogov_engine::VERSION.into(),
        model: cogov_model::VERSION.into(),
        sim: cogov_sim::VERSION.into(),
    }
}

/// A design to bundle and what the store knows about it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The design.
    pub gco: Gco,
    /// The design its documents' "Changes since" compare with.
    pub ratified: Option<Gco>,
    /// The latest stored simulation of a stored version.
    pub simulation: Option<serde_json::Value>,
    /// The latest passed build of a stored version.
    pub build_id: Option<i64>,
    /// The stored version (`name`, `version`) this is, if any.
    pub stored: Option<(String, String)>,
}

impl Source {
    /// A stored version, with its parent, latest simulation and latest passed build.
    pub fn stored(store: &Store, name: &str, version: &str) -> Result<Source> {
        let (rec, gco) = store.show(name, version)?;
        let ratified = match &rec.parent {
            Some(parent) => Some(store.show(name, parent)?.1),
            None => None,
        };
        let build_id = store
            .builds(name)?
            .into_iter()
            .filter(|b| b.version == version && b.status == cogov_store::builds::BuildStatus::Passed)
            .map(|b| b.id)
            .max();
        let simulation = match store.latest_simulation(name, version)? {
            Some(s) => Some(serde_json::to_value(s).map_err(|e| Error::new(ErrorCode::Sqlite, name, e.to_string()))?),
            None => None,
        };
        Ok(Source { gco, ratified, simulation, build_id, stored: Some((name.to_owned(), version.to_owned())) })
    }

    /// A design that is not (or is not read as) a stored version; `ratified` for "Changes since".
    pub fn loose(gco: Gco, ratified: Option<Gco>) -> Source {
        Source { gco, ratified, simulation: None, build_id: None, stored: None }
    }

    /// A design from an editor: the stored version it is when the store holds its name and
    /// version with the same fingerprint (then `since` does not apply: the bundle of a version
    /// is the version's), else a loose design whose documents compare with stored `since`.
    pub fn of_design(store: &Store, gco: Gco, since: Option<&str>) -> Result<Source> {
        let (name, version) = (gco.identity.name.clone(), gco.identity.version.to_string());
        match store.show(&name, &version) {
            Ok((rec, _)) if rec.fingerprint == gco.fingerprint() => return Source::stored(store, &name, &version),
            Ok(_) => {}
            Err(e) if matches!(e.code, ErrorCode::UnknownInstance | ErrorCode::UnknownVersion) => {}
            Err(e) => return Err(e.into()),
        }
        let ratified = match since.filter(|s| !s.is_empty()) {
            Some(v) => Some(store.show(&name, v)?.1),
            None => None,
        };
        Ok(Source::loose(gco, ratified))
    }
}

/// A bundle build's step, in order (the studio shows the one in flight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum BuildStep {
    /// The compiler's gate and artifacts.
    Compile,
    /// The documents, telemetry contract and risk scores.
    Documents,
    /// The manifest signed with the secret key.
    Sign,
    /// The archive written atomically.
    Write,
    /// Finished.
    Done,
}

/// A bundle written, and whether the store kept it.
#[derive(Debug, Clone)]
pub struct Bundled {
    /// The archive, its manifest and hash.
    pub built: Built,
    /// True when the store keeps it (a stored version's bundle, now or from before).
    pub recorded: bool,
    /// The stored version bundled, if any.
    pub stored: Option<(String, String)>,
}

/// Builds the signed bundle of `source` and writes it to `out`: the compile gate (a design
/// with blocking findings is refused with `GOV-P001` before the key is read), the files, the
/// signature, the atomic write; then a stored version's bundle is kept in `store`. Nothing is
/// written unless every step succeeded. `name` names the design in errors.
pub fn bundle(
    name: &str,
    source: &Source,
    key: impl FnOnce() -> Result<minisign::SecretKey>,
    out: &Path,
    store: Option<&mut Store>,
    author: &str,
    step: &dyn Fn(BuildStep),
) -> Result<Bundled> {
    step(BuildStep::Compile);
    // One compile: `design_files` gates, compiles and generates the documents from it.
    let files =
        bundle::design_files(&source.gco, source.ratified.as_ref(), source.simulation.as_ref()).map_err(|e| {
            Error::new(e.code, name, format!("{}: not bundled", e.message.trim_end_matches(": not compiled")))
        })?;
    step(BuildStep::Documents);
    let key = key()?;
    step(BuildStep::Sign);
    let facts = bundle::facts(&source.gco, source.build_id, producers());
    let built = bundle::build(files, &facts, &key).map_err(|e| Error::bundle(name, e))?;
    step(BuildStep::Write);
    files::write_atomic(out, &built.bytes)?;
    let recorded = match (&source.stored, store) {
        (Some((n, v)), Some(store)) => {
            // False from the store means exactly this bundle was kept before: kept either way.
            store.record_bundle(n, v, &built.sha256, &built.bytes, author)?;
            true
        }
        (Some((n, v)), None) => {
            return Err(Error::new(
                ErrorCode::StoreOpen,
                name,
                format!("{n}@{v} was bundled but no store was given to keep it"),
            ));
        }
        (None, _) => false,
    };
    step(BuildStep::Done);
    Ok(Bundled { built, recorded, stored: source.stored.clone() })
}

/// A bundle that verified, and the key it verified with.
#[derive(Debug, Clone)]
pub struct Verified {
    /// The manifest and the archive's hash.
    pub verified: bundle::Verified,
    /// The public key's id.
    pub key_id: String,
}

/// Reads `path` (bounded) and verifies it with `public`: signature, listing, every file's
/// hash; the first failure names the entry (`bundle#path`) and its code.
pub fn verify(path: &Path, public: &minisign::PublicKey) -> Result<Verified> {
    let bytes = files::read_bundle(path)?;
    let verified = bundle::verify(&bytes, public).map_err(|e| Error::bundle(&path.display().to_string(), e))?;
    Ok(Verified { verified, key_id: crate::keys::key_id(public) })
}

/// The outcome of a verify that treats a failed check as an answer (the studio's view):
/// the archive's hash either way, and the failure as data.
pub fn check(path: &Path, public: &minisign::PublicKey) -> Result<(String, Result<bundle::Verified, Error>)> {
    let bytes = files::read_bundle(path)?;
    let sha256 = cogov_engine::pipeline::sha256(&bytes);
    let outcome = bundle::verify(&bytes, public).map_err(|e| Error::bundle(&path.display().to_string(), e));
    Ok((sha256, outcome))
}
