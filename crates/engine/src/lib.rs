//! `cogov-engine`: intake (JSON, onboarding answers, constitution documents) and validation.
//!
//! Pure: bytes and values in, values out. No file, clock, environment or global randomness;
//! the population generator is seeded from the design itself. Start at [`intake`] and
//! [`validate::validate`].

pub mod amend;
pub mod bundle;
pub mod catalogue;
pub mod changelog;
pub mod compile;
pub mod constitution;
pub mod diff;
pub mod docs;
pub mod error;
pub mod intake;
pub mod interop;
pub mod limits;
pub mod onboarding;
pub mod pipeline;
pub mod population;
pub mod resources;
pub mod risk;
pub mod source;
pub mod synth;
pub mod telemetry;
pub mod topology;
pub mod validate;

pub use error::{IntakeError, Location};

/// This crate's version (bundles record it).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The shipped examples, read as tests read them.
#[cfg(test)]
pub(crate) mod test_examples {
    use cogov_model::Gco;

    /// The shipped examples' names.
    pub const ALL: [&str; 6] =
        ["token-dao", "worker-coop", "oss-foundation", "ecosystem-gov", "service-gov", "federated-gov"];

    /// A shipped example, read through the JSON intake.
    pub fn example(name: &str) -> Gco {
        let bytes = match name {
            "token-dao" => include_bytes!("../../../examples/token-dao.json").as_slice(),
            "worker-coop" => include_bytes!("../../../examples/worker-coop.json").as_slice(),
            "oss-foundation" => include_bytes!("../../../examples/oss-foundation.json").as_slice(),
            "ecosystem-gov" => include_bytes!("../../../examples/ecosystem-gov.json").as_slice(),
            "service-gov" => include_bytes!("../../../examples/service-gov.json").as_slice(),
            "federated-gov" => include_bytes!("../../../examples/federated-gov.json").as_slice(),
            other => panic!("no test example {other}"),
        };
        crate::intake::from_json_bytes(bytes).and_then(|d| d.into_gco()).expect("example reads")
    }
}
