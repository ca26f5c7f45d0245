//! `cogov schema [gco|onboarding-script|scenario|bundle-manifest|sweep]`: the published JSON Schemas.

use crate::input::CliError;
use std::process::ExitCode;

/// Which schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    /// The Governance Configuration Object.
    Gco,
    /// The onboarding question script.
    OnboardingScript,
    /// A simulation scenario (`cogov simulate`).
    Scenario,
    /// A bundle's `manifest.json` (`cogov bundle`).
    BundleManifest,
    /// A parameter sweep (`cogov sweep`).
    Sweep,
}

/// Arguments of `cogov schema`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which schema to print.
    #[arg(value_enum, default_value_t = Which::Gco)]
    pub which: Which,
}

/// Prints the schema as indented JSON.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let schema = match args.which {
        Which::Gco => cogov_model::gco_schema(),
        Which::OnboardingScript => cogov_engine::onboarding::script_schema(),
        Which::Scenario => cogov_app::sim::scenario_schema(),
        Which::BundleManifest => cogov_engine::bundle::manifest_schema(),
        Which::Sweep => cogov_app::sim::sweep::sweep_schema(),
    };
    crate::output::print_exact(&format!("{}\n", serde_json::to_string_pretty(&schema).unwrap_or_default()));
    Ok(ExitCode::SUCCESS)
}
