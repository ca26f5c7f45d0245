//! `cogov case list|show|triage|resolve`: the cases failed gates, refused releases and
//! rollbacks open, and their routed tasks.

use crate::cmd::Format;
use crate::db::{AuthorArgs, DbArgs};
use crate::input::CliError;
use crate::output;
use cogov_app::records::cases::{Case, CaseState};
use std::process::ExitCode;

/// Arguments of `cogov case`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
    #[command(flatten)]
    author: AuthorArgs,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, global = true, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Cases, newest first.
    List {
        /// Only cases in this state.
        #[arg(long, value_parser = state_parser())]
        state: Option<CaseState>,
        /// Only this design's cases.
        #[arg(long, value_name = "NAME")]
        design: Option<String>,
    },
    /// One case and its task's history.
    Show {
        /// The case id.
        id: i64,
    },
    /// Take a case on: its task moves to triaged.
    Triage {
        /// The case id.
        id: i64,
        /// Why (kept in the record).
        #[arg(short = 'm', long = "message", required = true)]
        message: String,
    },
    /// Close a case: its task moves to resolved.
    Resolve {
        /// The case id.
        id: i64,
        /// How it was resolved (kept in the record).
        #[arg(short = 'm', long = "message", required = true)]
        message: String,
    },
}

/// Exit 0; errors (an unknown case, a move the task cannot make) exit 2 with their code.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let mut store = args.db.open()?;
    let author = args.author.name();
    let cases = match args.action {
        Action::List { state, design } => store.cases(design.as_deref(), state)?,
        Action::Show { id } => vec![store.case(id)?],
        Action::Triage { id, message } => vec![store.triage_case(id, &author, &message)?],
        Action::Resolve { id, message } => vec![store.resolve_case(id, &author, &message)?],
    };
    match args.format {
        Format::Json => output::print_json(&cases),
        Format::Human if cases.is_empty() => output::print_human("no cases\n"),
        Format::Human => output::print_human(&cases.iter().map(render).collect::<String>()),
    }
    Ok(ExitCode::SUCCESS)
}

/// `--state` takes the case states' own words, and lists them in the help.
fn state_parser() -> impl clap::builder::TypedValueParser<Value = CaseState> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(CaseState::ALL.iter().map(|s| s.as_str()))
        .try_map(|s| s.parse::<CaseState>())
}

fn render(c: &Case) -> String {
    let mut s = format!(
        "case {} [{}] {} {}{}\n  {}\n  routed to {}{}{}\n",
        c.id,
        c.state,
        c.kind,
        c.subject,
        c.reason_code.as_ref().map_or(String::new(), |r| format!(" {r}")),
        c.summary,
        c.assignee,
        c.level.as_ref().map_or(String::new(), |l| format!(" (level {l})")),
        c.due_at.as_ref().map_or(String::new(), |d| format!(", due {}", output::head(d, 10))),
    );
    for step in &c.history {
        s.push_str(&format!(
            "    {}  {:<8} {:<12} {}\n",
            output::head(&step.at, 19),
            step.state,
            step.author,
            step.reason
        ));
    }
    s
}
