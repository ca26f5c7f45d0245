//! One way to find the database and the author, and to name a stored design.

use crate::error::{Error, Result};
use cogov_model::ErrorCode;
use cogov_store::Store;
use std::path::{Path, PathBuf};

/// The environment variable naming the database both faces use.
pub const DB_ENV: &str = "COGOV_DB";
/// The environment variable naming the author both faces record.
pub const AUTHOR_ENV: &str = "COGOV_AUTHOR";

/// The database to use: the one given, else `$COGOV_DB` (when not empty), else the per-user
/// default (`GOV-S001` when there is none).
pub fn db_path(given: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = given.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    cogov_store::default_path().ok_or_else(|| {
        Error::new(
            ErrorCode::StoreOpen,
            "cogov.db",
            "no per-user data directory (HOME is not set): choose a database with --db PATH or $COGOV_DB",
        )
    })
}

/// Opens (creating and migrating as needed) the database [`db_path`] finds.
pub fn open(given: Option<&Path>) -> Result<Store> {
    Ok(Store::open(db_path(given)?)?)
}

/// Who is acting: the name given, else `$COGOV_AUTHOR`, else the login name, else `unknown`.
pub fn author(given: Option<&str>) -> String {
    given
        .map(str::to_owned)
        .or_else(|| std::env::var(AUTHOR_ENV).ok())
        .or_else(|| std::env::var("USER").ok())
        // Desktop sessions and containers do not always set USER; LOGNAME is the POSIX name.
        .or_else(|| std::env::var("LOGNAME").ok())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// The version a commit of `gco` needs: its own version when the store has no version of its
/// name, or when the changes since the latest stored version allow it; else the smallest
/// version the changes call for (the rule commit enforces with GOV-S010 and GOV-S011).
/// Returns the latest stored version too, when there is one.
pub fn next_version(store: &Store, gco: &cogov_model::Gco) -> Result<(Option<String>, String)> {
    let name = &gco.identity.name;
    let own = gco.identity.version.to_string();
    // A name the store has never seen is a first commit, not an error.
    let stored = match store.log(name) {
        Ok(versions) => versions,
        Err(e) if e.code == ErrorCode::UnknownInstance => Vec::new(),
        Err(e) => return Err(e.into()),
    };
    let Some(latest) = stored.into_iter().next_back() else {
        return Ok((None, own));
    };
    let (_, old) = store.show(name, &latest.version)?;
    if old.fingerprint() == gco.fingerprint() {
        // Nothing changed since: committing again records nothing new.
        return Ok((Some(latest.version), own));
    }
    let needed = cogov_engine::diff::structural(&old, gco).suggested.unwrap_or(cogov_engine::diff::Bump::Patch);
    let minimum = needed.apply(&old.identity.version);
    let next = if gco.identity.version >= minimum { own } else { minimum.to_string() };
    Ok((Some(latest.version), next))
}

/// Splits `name@1.2.0` into its design and version; a bare `1.2.0` means the only design in
/// the store (an error names the choices when there are several).
pub fn resolve(store: &Store, spec: &str) -> Result<(String, String)> {
    match spec.rsplit_once('@') {
        Some((name, version)) => Ok((name.to_owned(), version.to_owned())),
        None => Ok((design(store, None, &format!("NAME@{spec}"))?, spec.to_owned())),
    }
}

/// The design a command is about: the one named, else the only design in the store (an error
/// names the choices, and how to give one (`hint`), when there are several).
pub fn design(store: &Store, named: Option<&str>, hint: &str) -> Result<String> {
    if let Some(name) = named {
        return Ok(name.to_owned());
    }
    let instances = store.instances()?;
    match instances.as_slice() {
        [only] => Ok(only.instance.clone()),
        _ => {
            let names: Vec<&str> = instances.iter().map(|i| i.instance.as_str()).collect();
            Err(Error::new(
                ErrorCode::UnknownInstance,
                store.path().display().to_string(),
                format!(
                    "say which design: {hint} (the store holds: {})",
                    if names.is_empty() { "none".into() } else { names.join(", ") }
                ),
            ))
        }
    }
}

/// A design named by a path (an existing file, or `-`) or a stored `NAME@VERSION` (or
/// `VERSION`); the database (`db`, found as [`db_path`] finds it) is opened only for a stored one.
pub fn design_at(spec: &str, db: Option<&Path>) -> Result<cogov_model::Gco> {
    if spec == "-" || Path::new(spec).is_file() {
        return crate::files::load_gco(spec);
    }
    let store = open(db)?;
    let (name, version) = resolve(&store, spec)?;
    Ok(store.show(&name, &version)?.1)
}
