//! Import from and export to the systems governance already runs on: Snapshot spaces,
//! OpenZeppelin Governor and TimelockController, GovernorBravo parameters, Safe and Zodiac
//! Roles, Aragon OSx plugins and DAOIP-2.
//!
//! Pure like the rest of the engine: bytes in, a GCO and an exactness report out (import), or a
//! GCO in, named files and an exactness report out (export). Every part of a design the target
//! cannot hold exactly is a [`Gap`] with a stable `GOV-Y…` code and a JSON pointer: an exporter
//! either writes what expresses the design faithfully or lists the gap, and [`export`] refuses
//! ([`ErrorCode::InteropInexact`]) unless the caller accepts the listed gaps. An importer lists
//! what its source did not state as [`Question`]s; [`Answers`] fill them.

pub mod aragon;
pub mod bravo;
pub mod daoip2;
pub mod governor;
pub mod safe;
pub mod snapshot;

use crate::error::IntakeError;
use cogov_model::{ErrorCode, GapCode, Gco};
use serde::Serialize;
use std::collections::BTreeMap;

/// A system the studio imports from or exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A Snapshot space's settings (`settings.json`).
    Snapshot,
    /// OpenZeppelin Governor contracts with a TimelockController.
    Governor,
    /// GovernorBravo / Compound-style parameters (import only).
    Bravo,
    /// A Safe's owners and threshold, Zodiac Roles and a Transaction Builder batch.
    Safe,
    /// Aragon OSx Token Voting and Multisig plugin settings.
    Aragon,
    /// A DAOIP-2 daoURI document (export only).
    Daoip2,
}

impl Kind {
    /// Every kind, in the order the studio lists them.
    pub const ALL: &'static [Kind] =
        &[Kind::Snapshot, Kind::Governor, Kind::Bravo, Kind::Safe, Kind::Aragon, Kind::Daoip2];

    /// The name on the command line and in the studio (`cogov import snapshot FILE`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Snapshot => "snapshot",
            Kind::Governor => "governor",
            Kind::Bravo => "bravo",
            Kind::Safe => "safe",
            Kind::Aragon => "aragon",
            Kind::Daoip2 => "daoip2",
        }
    }

    /// The label people read.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Snapshot => "Snapshot space",
            Kind::Governor => "OpenZeppelin Governor + timelock",
            Kind::Bravo => "GovernorBravo parameters",
            Kind::Safe => "Safe + Zodiac Roles",
            Kind::Aragon => "Aragon OSx plugins",
            Kind::Daoip2 => "DAOIP-2 daoURI",
        }
    }

    /// The kind of this name.
    pub fn parse(name: &str) -> Result<Kind, IntakeError> {
        Kind::ALL.iter().copied().find(|k| k.as_str() == name).ok_or_else(|| {
            let names: Vec<_> = Kind::ALL.iter().map(|k| k.as_str()).collect();
            IntakeError::whole(
                ErrorCode::InteropUnknownKind,
                format!("no importer or exporter named `{name}`; the kinds are {}", names.join(", ")),
            )
        })
    }

    /// Whether designs can be imported from this system.
    pub fn imports(self) -> bool {
        !matches!(self, Kind::Daoip2)
    }

    /// Whether designs can be exported to this system.
    pub fn exports(self) -> bool {
        !matches!(self, Kind::Bravo)
    }
}

/// One part of a design the target cannot hold exactly, or the source did not state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// The stable code.
    pub code: GapCode,
    /// Where in the GCO the part is (a JSON pointer).
    pub pointer: String,
    /// What exactly is lost, rounded or assumed, in one sentence with the values.
    pub detail: String,
}

impl Gap {
    /// A gap at a pointer.
    pub fn new(code: GapCode, pointer: impl Into<String>, detail: impl Into<String>) -> Self {
        Gap { code, pointer: pointer.into(), detail: detail.into() }
    }
}

/// A value an import needs that its source does not state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// The key an answer gives (`--answer KEY=VALUE`), e.g. `total_supply`.
    pub key: String,
    /// What to ask, in one sentence.
    pub prompt: String,
    /// The value used when no answer is given, if the import can go on without one.
    pub default: Option<serde_json::Value>,
}

/// Answers to an import's questions, by key. Values are JSON (a bare number or string works).
pub type Answers = BTreeMap<String, serde_json::Value>;

/// What an import gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    /// The design.
    pub gco: Gco,
    /// What the source did not state (filled by answers or defaults), and what it holds that
    /// a GCO cannot.
    pub gaps: Vec<Gap>,
    /// Every question this source raises, answered or not (so the studio can show them all).
    pub questions: Vec<Question>,
}

/// One file of an export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportFile {
    /// Its path inside the output folder, `/`-separated and relative.
    pub path: String,
    /// Its bytes (text files are UTF-8).
    pub bytes: Vec<u8>,
}

/// What an export gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exported {
    /// The files, in path order.
    pub files: Vec<ExportFile>,
    /// What the target cannot hold exactly; empty when the export is exact.
    pub gaps: Vec<Gap>,
}

/// How an export treats gaps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Write the files even when the target cannot hold the design exactly (the gaps are still
    /// reported, and written beside the files as `exactness.json`).
    pub accept_inexact: bool,
}

/// Reads a configuration of `kind` into a design; `answers` fill what the source does not state.
pub fn import(kind: Kind, bytes: &[u8], answers: &Answers) -> Result<Imported, IntakeError> {
    crate::limits::check_size(bytes)?;
    if !kind.imports() {
        return Err(IntakeError::whole(ErrorCode::InteropUnknownKind, format!("{} is export only", kind.label())));
    }
    let imported = match kind {
        Kind::Snapshot => snapshot::import(bytes, answers),
        Kind::Governor => governor::import(bytes, answers),
        Kind::Bravo => bravo::import(bytes, answers),
        Kind::Safe => safe::import(bytes, answers),
        Kind::Aragon => aragon::import(bytes, answers),
        Kind::Daoip2 => unreachable!("checked above"),
    }?;
    check_answers(&imported, answers)?;
    Ok(imported)
}

/// Refuses answers that name no question of the import, so a misspelt key is not ignored.
fn check_answers(imported: &Imported, answers: &Answers) -> Result<(), IntakeError> {
    for key in answers.keys() {
        if !imported.questions.iter().any(|q| &q.key == key) {
            let keys: Vec<_> = imported.questions.iter().map(|q| q.key.as_str()).collect();
            return Err(IntakeError::whole(
                ErrorCode::InteropAnswer,
                format!(
                    "`{key}` is not a question of this import; its questions are: {}",
                    if keys.is_empty() { "(none)".to_string() } else { keys.join(", ") }
                ),
            ));
        }
    }
    Ok(())
}

/// Writes `gco` as configuration files of `kind`. Refuses a design with blocking findings
/// ([`ErrorCode::ValidationBlocked`], as compiling does), and refuses with
/// [`ErrorCode::InteropInexact`] when there are gaps and `options.accept_inexact` is false; the
/// error lists the gaps.
pub fn export(kind: Kind, gco: &Gco, options: ExportOptions) -> Result<Exported, IntakeError> {
    if !kind.exports() {
        return Err(IntakeError::whole(ErrorCode::InteropUnknownKind, format!("{} is import only", kind.label())));
    }
    let blocking: Vec<_> = crate::validate::validate(gco).into_iter().filter(|f| f.is_blocking()).collect();
    if let Some(first) = blocking.first() {
        return Err(IntakeError::at_pointer(
            ErrorCode::ValidationBlocked,
            first.path.clone(),
            format!(
                "the design has {} blocking finding{} ({}: {}); fix {} before exporting",
                blocking.len(),
                if blocking.len() == 1 { "" } else { "s" },
                first.code,
                first.message,
                if blocking.len() == 1 { "it" } else { "them" }
            ),
        ));
    }
    let mut out = match kind {
        Kind::Snapshot => snapshot::export(gco),
        Kind::Governor => governor::export(gco),
        Kind::Safe => safe::export(gco),
        Kind::Aragon => aragon::export(gco),
        Kind::Daoip2 => daoip2::export(gco),
        Kind::Bravo => unreachable!("checked above"),
    }?;
    if !out.gaps.is_empty() && !options.accept_inexact {
        return Err(inexact_error(kind, &out.gaps));
    }
    out.files.push(ExportFile { path: "exactness.json".into(), bytes: exactness_json(kind, gco, &out.gaps) });
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The refusal of an inexact export: every gap, one per line, in the message.
pub fn inexact_error(kind: Kind, gaps: &[Gap]) -> IntakeError {
    let lines: Vec<String> = gaps.iter().map(|g| format!("  {} at {}: {}", g.code, g.pointer, g.detail)).collect();
    IntakeError::whole(
        ErrorCode::InteropInexact,
        format!(
            "{} cannot hold this design exactly ({} gap{}); accept with --accept-inexact:\n{}",
            kind.label(),
            gaps.len(),
            if gaps.len() == 1 { "" } else { "s" },
            lines.join("\n")
        ),
    )
}

/// `exactness.json`: the gaps of an export, written beside its files.
pub fn exactness_json(kind: Kind, gco: &Gco, gaps: &[Gap]) -> Vec<u8> {
    let value = serde_json::json!({
        "kind": kind.as_str(),
        "design": { "name": gco.identity.name, "version": gco.identity.version, "fingerprint": gco.fingerprint() },
        "exact": gaps.is_empty(),
        "gaps": gaps,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text.into_bytes()
}

/// A whole number as the other systems' files give a Solidity `uintN`: a JSON number or a
/// decimal string of at most 39 digits (so it fits `u128`); `None` when it is neither.
pub(crate) fn whole_number(v: &serde_json::Value) -> Option<u128> {
    match v {
        serde_json::Value::Number(n) => n.as_u64().map(u128::from),
        serde_json::Value::String(s) => {
            let s = s.trim();
            let digits = !s.is_empty() && s.len() <= 39 && s.bytes().all(|b| b.is_ascii_digit());
            if digits { s.parse().ok() } else { None }
        }
        _ => None,
    }
}

#[cfg(test)]
mod whole_number_tests {
    use super::whole_number;
    use serde_json::json;

    #[test]
    fn reads_numbers_and_decimal_strings_only() {
        assert_eq!(whole_number(&json!(7200)), Some(7200));
        assert_eq!(whole_number(&json!(" 400000000000000000000000 ")), Some(400_000_000_000_000_000_000_000));
        assert_eq!(whole_number(&json!(u128::MAX.to_string())), Some(u128::MAX));
        for bad in [
            json!(-1),
            json!(1.5),
            json!("1e3"),
            json!("+5"),
            json!("0x10"),
            json!(""),
            json!(null),
            json!("9".repeat(40)),
        ] {
            assert_eq!(whole_number(&bad), None, "{bad}");
        }
    }
}
