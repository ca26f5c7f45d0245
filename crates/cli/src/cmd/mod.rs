//! One module per subcommand: parse, call the engine, present.

pub mod adopt;
pub mod audit;
pub mod build;
pub mod bundle;
pub mod case;
pub mod changelog;
pub mod codes;
pub mod commit;
pub mod compile;
pub mod completions;
pub mod deploy;
pub mod diff;
pub mod docs;
pub mod events;
pub mod export;
pub mod fingerprint;
pub mod fmt;
pub mod import;
pub mod init;
pub mod keygen;
pub mod log;
pub mod metrics;
pub mod onboard;
pub mod proposal_step;
pub mod propose;
pub mod release;
pub mod rollback;
pub mod schema;
pub mod score;
pub mod show;
pub mod simulate;
pub mod sweep;
pub mod synth;
pub mod telemetry;
pub mod tour;
pub mod validate;
pub mod verify;
pub mod vote;

/// Output formats shared by the subcommands that have one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Text for people (coloured on a terminal).
    Human,
    /// One JSON object on standard output.
    Json,
}
