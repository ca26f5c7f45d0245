//! How strict a decision path is, for "weaker than" comparisons between decision types.
//!
//! A path is compared on four axes: quorum, approval, required signers and timelock (in
//! seconds). Path A is *weaker* than path B when it is lower on at least one axis: a larger
//! spend or an amendment must not be easier to pass in any respect.

use cogov_model::{Clock, DecisionType, Signers};

/// The four axes of strictness of one decision path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Strength {
    /// Share of total weight that must be cast.
    pub quorum: f64,
    /// Share of the cast weight that must approve.
    pub approval: f64,
    /// Signatures required after the vote.
    pub signers: u32,
    /// Seconds between adoption and execution (blocks converted by the block time).
    pub timelock_seconds: f64,
}

impl Strength {
    /// The strength of a decision type, with a tier's signers (required beyond the decision
    /// type's own) if any.
    pub fn of(dt: &DecisionType, extra: Option<&Signers>) -> Strength {
        let own = dt.signers.as_ref().map_or(0, |s| s.required);
        let timelock_seconds = match dt.clock {
            Clock::Time => dt.timelock as f64,
            Clock::Blocks { block_time } => dt.timelock as f64 * block_time.unwrap_or(0.0),
        };
        Strength {
            quorum: dt.quorum,
            approval: dt.approval,
            signers: own + extra.map_or(0, |s| s.required),
            timelock_seconds,
        }
    }

    /// The axes on which `self` is below `other` (empty when at least as strict everywhere).
    pub fn weaker_axes(&self, other: &Strength) -> Vec<String> {
        let mut v = Vec::new();
        if self.quorum < other.quorum {
            v.push(format!("quorum {} < {}", self.quorum, other.quorum));
        }
        if self.approval < other.approval {
            v.push(format!("approval {} < {}", self.approval, other.approval));
        }
        if self.signers < other.signers {
            v.push(format!("signers {} < {}", self.signers, other.signers));
        }
        if self.timelock_seconds < other.timelock_seconds {
            v.push(format!("timelock {}s < {}s", self.timelock_seconds, other.timelock_seconds));
        }
        v
    }
}
