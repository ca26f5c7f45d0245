//! `cogov diff A B [--format human|json|unified]`: what changed between two versions.

use crate::db::{self, DbArgs};
use crate::input::CliError;
use crate::output;
use cogov_engine::diff::{self, ChangeKind};
use std::process::ExitCode;

/// How to print a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// One line per changed place, with the bump it calls for.
    Human,
    /// The structural diff as one JSON object.
    Json,
    /// A unified diff of the canonical JSON.
    Unified,
}

/// Arguments of `cogov diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The older version (`NAME@VERSION` or `VERSION`).
    pub a: String,
    /// The newer version (`NAME@VERSION` or `VERSION`; the name defaults to A's).
    pub b: String,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
}

/// Exit 0 when the two versions have the same content (besides their version), 1 when not.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let store = args.db.open()?;
    let (name, a) = db::resolve(&store, &args.a)?;
    let (name_b, b) = match args.b.rsplit_once('@') {
        Some((n, v)) => (n.to_owned(), v.to_owned()),
        None => (name.clone(), args.b.clone()),
    };
    let (_, old) = store.show(&name, &a)?;
    let (_, new) = store.show(&name_b, &b)?;
    let d = diff::structural(&old, &new);
    match args.format {
        DiffFormat::Json => output::print_json(&d),
        DiffFormat::Unified => {
            output::print_human(&diff::unified(&old, &new, &format!("{name}@{a}"), &format!("{name_b}@{b}")))
        }
        DiffFormat::Human => {
            let mut s = String::new();
            for c in &d.changes {
                let sign = match c.kind {
                    ChangeKind::Added => '+',
                    ChangeKind::Removed => '-',
                    ChangeKind::Changed => '~',
                };
                let val = |v: &Option<serde_json::Value>| v.as_ref().map_or("—".into(), |v| clip(&v.to_string()));
                s.push_str(&format!(
                    "{sign} {:<6} {}  {} → {}  ({})\n",
                    c.bump.as_str(),
                    c.label,
                    val(&c.old),
                    val(&c.new),
                    c.why
                ));
            }
            s.push_str(&match d.suggested {
                Some(b) => format!("{} change(s); they call for a {} bump\n", d.changes.len(), b.as_str()),
                None => "no changes\n".into(),
            });
            output::print_human(&s);
        }
    }
    Ok(if d.changes.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn clip(s: &str) -> String {
    if s.chars().count() > 60 { format!("{}…", s.chars().take(59).collect::<String>()) } else { s.to_owned() }
}
