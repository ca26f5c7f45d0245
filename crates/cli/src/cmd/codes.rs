//! `cogov codes [--markdown]`: the reason-code catalogue.

use crate::input::CliError;
use std::process::ExitCode;

/// Arguments of `cogov codes`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print `docs/reason-codes.md` instead of a list.
    #[arg(long)]
    pub markdown: bool,
}

/// Prints the catalogue.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    if args.markdown {
        crate::output::print_exact(&cogov_engine::catalogue::reason_codes_markdown());
    } else {
        for c in cogov_model::Code::ALL {
            crate::output::print_exact(&format!(
                "{}  {:<8} {:<15} {}\n",
                c,
                c.severity().as_str(),
                c.domain(),
                c.title()
            ));
        }
        for e in cogov_model::ErrorCode::ALL {
            crate::output::print_exact(&format!("{}  {:<8} {:<15} {}\n", e, "error", "intake", e.title()));
        }
    }
    Ok(ExitCode::SUCCESS)
}
