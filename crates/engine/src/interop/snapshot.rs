//! Snapshot space settings (`settings.json`, the document a space's ENS `snapshot` record
//! points at), checked against `@snapshot-labs/snapshot.js`'s own space schema by the tests.
//!
//! A space holds ONE voting configuration (delay, period, quorum, voting system) for token- or
//! weight-based signalling votes: no timelock, veto or execution. So the export writes the rules
//! most of the design's decision types share as the space, and lists every decision type with
//! other rules, and every part Snapshot cannot hold, as a `GOV-Y1…` gap. The import reads one
//! space into a design with one decision type (`snapshot-proposal`); what the settings do not
//! say (the total voting power, how many voters, their turnout) comes from answers or defaults.

mod export;
mod import;

use super::{Answers, Exported, Imported};
use crate::error::IntakeError;
use cogov_model::Gco;

/// The id of the one decision type an imported space has.
pub const DECISION_TYPE: &str = "snapshot-proposal";
/// The role of the space's admins (edit the settings).
pub const ADMIN_ROLE: &str = "space-admin";
/// The role of the space's moderators (hide proposals, manage authors).
pub const MODERATOR_ROLE: &str = "space-moderator";
/// The role of the space's authors (its `members`: may propose when only members may).
pub const AUTHOR_ROLE: &str = "space-author";
/// The role of the voters (the holders the strategies count).
pub const VOTER_ROLE: &str = "voter";
/// Snapshot's longest voting delay, in seconds (30 days).
pub const MAX_DELAY: u64 = 2_592_000;
/// Snapshot's longest voting period, in seconds (366 days).
pub const MAX_PERIOD: u64 = 31_622_400;

/// Reads Snapshot space settings into a design.
pub fn import(bytes: &[u8], answers: &Answers) -> Result<Imported, IntakeError> {
    import::import(bytes, answers)
}

/// Writes a design as Snapshot space settings, with the gaps the target cannot hold.
pub fn export(gco: &Gco) -> Result<Exported, IntakeError> {
    export::export(gco)
}

/// Whether `s` is an EVM address (`0x` and 40 hex digits); Snapshot also checks the checksum
/// of mixed-case addresses, which the schema check in the tests covers.
pub fn is_evm_address(s: &str) -> bool {
    s.len() == 42 && s.starts_with("0x") && s.as_bytes().iter().skip(2).all(u8::is_ascii_hexdigit)
}

/// A share rounded to nine decimals, so that a quorum read back from votes over a supply is the
/// share that was written (the division and multiplication differ in the last bits).
pub fn round_share(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

#[cfg(test)]
mod tests;
