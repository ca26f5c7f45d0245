//! `cogov propose FILE --base VERSION --decision-type ID --title TEXT`: open an amendment.

use crate::cmd::Format;
use crate::db::{AuthorArgs, DbArgs};
use crate::input::{self, CliError};
use crate::output;
use cogov_app::records::proposals::Proposal;
use std::process::ExitCode;

/// Arguments of `cogov propose`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The proposed design (its `identity.version` is the version it would become).
    pub file: String,
    /// The version it amends (the design's latest, for it to be adoptable).
    #[arg(long)]
    pub base: String,
    /// The decision type that votes on it.
    #[arg(long = "decision-type", value_name = "ID")]
    pub decision_type: String,
    /// What it is about.
    #[arg(long)]
    pub title: String,
    /// Keep it as a draft (no votes until `cogov open-voting`).
    #[arg(long)]
    pub draft: bool,
    /// When public notice of it began, if before now (YYYY-MM-DD or an RFC 3339 UTC time): the
    /// vote opens only once the notice its amendment rule asks for has run.
    #[arg(long = "noticed-since", value_name = "DATE")]
    pub noticed_since: Option<String>,
    #[command(flatten)]
    author: AuthorArgs,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// One proposal for people: its state, its tally and what adoption would decide now.
pub fn render(p: &Proposal, verdict: Option<&cogov_engine::amend::Verdict>) -> String {
    let mut s = format!(
        "proposal {} [{}] {}@{} → {} by `{}`: {}\n",
        p.id,
        serde_json::to_value(p.state).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
        p.instance,
        p.base_version,
        p.proposed_version,
        p.decision_type,
        p.title
    );
    s.push_str(&format!("  public notice since {}\n", p.noticed_since.get(..10).unwrap_or(&p.noticed_since)));
    if let Some(v) = verdict {
        s.push_str(&format!(
            "  {} vote(s); turnout {:.1}%, approval {:.1}%; {}\n",
            p.votes.len(),
            v.turnout * 100.0,
            v.approval * 100.0,
            if v.allowed { "adoptable now".to_owned() } else { format!("not adoptable: {}", v.reasons.join("; ")) }
        ));
    }
    s
}

/// Opens the proposal and prints it.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let gco = input::load_gco(&args.file)?;
    let mut store = args.db.open()?;
    let p = store.propose(
        &args.base,
        &gco,
        &args.title,
        &args.decision_type,
        &args.author.name(),
        args.draft,
        args.noticed_since.as_deref(),
    )?;
    let view = cogov_app::history::proposal(&store, p.id)?;
    match args.format {
        Format::Json => output::print_json(&view),
        Format::Human => output::print_human(&render(&view.proposal, Some(&view.verdict))),
    }
    Ok(ExitCode::SUCCESS)
}
