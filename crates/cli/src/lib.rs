//! `cogov`: the CoGov Studio command line. One file per subcommand under [`cmd`]; each
//! parses its arguments, calls the engine and presents the result.
//!
//! Exit codes: 0 success; 1 the design has blocking findings; 2 an input could not be read
//! or parsed (or the command line was wrong).

pub mod cmd;
pub mod db;
pub mod input;
pub mod keys;
pub mod output;

use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::process::ExitCode;

/// CoGov Studio: design, validate and version governance configurations.
#[derive(Debug, Parser)]
#[command(name = "cogov", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a GCO (.json), a constitution document (.md) or an onboarding answers file.
    Validate(cmd::validate::Args),
    /// Print a design's canonical JSON (RFC 8785).
    Fmt(cmd::fmt::Args),
    /// Print a design's fingerprint.
    Fingerprint(cmd::fingerprint::Args),
    /// Run the guided onboarding dialogue and write the resulting GCO.
    Onboard(cmd::onboard::Args),
    /// Read a constitution document (.md) into a GCO.
    Import(cmd::import::Args),
    /// Write a design in another format.
    #[command(subcommand)]
    Export(cmd::export::Export),
    /// Print the JSON Schema of the GCO (or of another published format).
    Schema(cmd::schema::Args),
    /// List the reason codes (or write `docs/reason-codes.md` with --markdown).
    Codes(cmd::codes::Args),
    /// Generate a synthetic design of a given size (for performance checks).
    Synth(cmd::synth::Args),
    /// Compile a design into its permission matrix, tables, policy objects and Cedar policies.
    Compile(cmd::compile::Args),
    /// Score a design's governance risk (six scores), optionally against an older version.
    Score(cmd::score::Args),
    /// Generate the eight documents (Markdown and HTML) and the network graph of a design.
    Docs(cmd::docs::Args),
    /// Create (or migrate) the database and print where it is.
    Init(cmd::init::Args),
    /// Save a design as a new version in the store.
    Commit(cmd::commit::Args),
    /// The versions of a design (or every design in the store).
    Log(cmd::log::Args),
    /// One version's record and content.
    Show(cmd::show::Args),
    /// What changed between two versions (structural, or a unified diff).
    Diff(cmd::diff::Args),
    /// Restore an older version's content as a new version.
    Rollback(cmd::rollback::Args),
    /// Run a version through the pipeline's gated stages and record the build.
    Build(cmd::build::Args),
    /// Propose an amendment of a version, voted by a decision type.
    Propose(cmd::propose::Args),
    /// Vote on an amendment proposal.
    Vote(cmd::vote::Args),
    /// Adopt an amendment, if the design's amendment rules and the votes allow it.
    Adopt(cmd::adopt::Args),
    /// Open a draft amendment proposal for votes, once its notice has run.
    OpenVoting(cmd::proposal_step::Args),
    /// Withdraw an amendment proposal.
    Withdraw(cmd::proposal_step::Args),
    /// Close an amendment proposal in voting without adopting it.
    Reject(cmd::proposal_step::Args),
    /// The audit log, or `audit verify` to check its hash chain.
    Audit(cmd::audit::Args),
    /// Release builds to channels: promote, pin, unpin, revoke, rollback, status.
    Release(cmd::release::Args),
    /// Cases opened by failed gates, refused releases and rollbacks: list, show, triage, resolve.
    Case(cmd::case::Args),
    /// The change channel of a stored design: CHANGELOG.md and an Atom feed, one entry per version.
    Changelog(cmd::changelog::Args),
    /// The pipeline's metrics: builds, validations, releases, rollbacks, cases.
    Metrics(cmd::metrics::Args),
    /// The control plane's events (NDJSON with --format json); --follow waits for more.
    Events(cmd::events::Args),
    /// A what-if simulation of a design under a scenario, against its baseline (RSM v1).
    Simulate(cmd::simulate::Args),
    /// A parameter sweep of a design's knobs (sensitivity, Pareto front, recommendation); shards and merge.
    Sweep(cmd::sweep::Args),
    /// Make a minisign key pair for signing bundles (the secret key password-protected).
    Keygen(cmd::keygen::Args),
    /// Make a signed, deterministic bundle of a design (a file or a stored version).
    Bundle(cmd::bundle::Args),
    /// Check a bundle's signature and every file's hash.
    Verify(cmd::verify::Args),
    /// Deploy a verified bundle on target directories (atomic, recorded), roll back, or status.
    Deploy(cmd::deploy::Args),
    /// The telemetry contract of a design, and ingest of events checked against it.
    Telemetry(cmd::telemetry::Args),
    /// Print shell completions.
    Completions(cmd::completions::Args),
    /// A short guided tour over an example design.
    Tour(cmd::tour::Args),
}

/// Parses the command line and runs it.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let result = match cli.command {
        Command::Validate(a) => cmd::validate::run(a),
        Command::Fmt(a) => cmd::fmt::run(a),
        Command::Fingerprint(a) => cmd::fingerprint::run(a),
        Command::Onboard(a) => cmd::onboard::run(a),
        Command::Import(a) => cmd::import::run(a),
        Command::Export(e) => cmd::export::run(e),
        Command::Schema(a) => cmd::schema::run(a),
        Command::Codes(a) => cmd::codes::run(a),
        Command::Synth(a) => cmd::synth::run(a),
        Command::Compile(a) => cmd::compile::run(a),
        Command::Score(a) => cmd::score::run(a),
        Command::Docs(a) => cmd::docs::run(a),
        Command::Init(a) => cmd::init::run(a),
        Command::Commit(a) => cmd::commit::run(a),
        Command::Log(a) => cmd::log::run(a),
        Command::Show(a) => cmd::show::run(a),
        Command::Diff(a) => cmd::diff::run(a),
        Command::Rollback(a) => cmd::rollback::run(a),
        Command::Build(a) => cmd::build::run(a),
        Command::Propose(a) => cmd::propose::run(a),
        Command::Vote(a) => cmd::vote::run(a),
        Command::Adopt(a) => cmd::adopt::run(a),
        Command::OpenVoting(a) => cmd::proposal_step::run(a, cmd::proposal_step::Step::OpenVoting),
        Command::Withdraw(a) => cmd::proposal_step::run(a, cmd::proposal_step::Step::Withdraw),
        Command::Reject(a) => cmd::proposal_step::run(a, cmd::proposal_step::Step::Reject),
        Command::Audit(a) => cmd::audit::run(a),
        Command::Release(a) => cmd::release::run(a),
        Command::Case(a) => cmd::case::run(a),
        Command::Changelog(a) => cmd::changelog::run(a),
        Command::Metrics(a) => cmd::metrics::run(a),
        Command::Events(a) => cmd::events::run(a),
        Command::Simulate(a) => cmd::simulate::run(a),
        Command::Sweep(a) => cmd::sweep::run(a),
        Command::Keygen(a) => cmd::keygen::run(a),
        Command::Bundle(a) => cmd::bundle::run(a),
        Command::Verify(a) => cmd::verify::run(a),
        Command::Deploy(a) => cmd::deploy::run(a),
        Command::Telemetry(a) => cmd::telemetry::run(a),
        Command::Completions(a) => cmd::completions::run(a),
        Command::Tour(a) => cmd::tour::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            output::print_error(&e);
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
