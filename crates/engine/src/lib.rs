//! `cogov-engine`: intake (JSON, onboarding answers, constitution documents) and validation.
//!
//! Pure: bytes and values in, values out. No file, clock, environment or global randomness;
//! the population generator is seeded from the design itself. Start at [`intake`] and
//! [`validate::validate`].

pub mod catalogue;
pub mod constitution;
pub mod diff;
pub mod error;
pub mod intake;
pub mod limits;
pub mod onboarding;
pub mod pipeline;
pub mod population;
pub mod resources;
pub mod synth;
pub mod topology;
pub mod validate;

pub use error::{IntakeError, Location};
