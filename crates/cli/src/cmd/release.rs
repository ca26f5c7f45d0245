//! `cogov release promote|pin|unpin|revoke|rollback|status`: release records on channels.

use crate::cmd::Format;
use crate::db::{self, AuthorArgs, DbArgs};
use crate::input::CliError;
use crate::output;
use cogov_app::records::StoreError;
use cogov_app::records::releases::{Channel, ReleaseRecord};
use cogov_model::ErrorCode;
use std::process::ExitCode;

/// Arguments of `cogov release`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
    /// The design [default: the only design in the store].
    #[arg(long, global = true, value_name = "NAME")]
    design: Option<String>,
    /// Why (kept in the record).
    #[arg(short = 'm', long = "message", global = true, default_value = "")]
    message: String,
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
    /// Promote a build to a channel (refused when the build failed a gate or the channel is pinned).
    Promote {
        /// The build id (see `cogov build`).
        build: i64,
        /// The channel.
        #[arg(long, default_value = "stable")]
        channel: String,
    },
    /// Pin a channel to its current release: nothing changes it until it is unpinned.
    Pin {
        /// The channel.
        channel: String,
    },
    /// Unpin a channel.
    Unpin {
        /// The channel.
        channel: String,
    },
    /// Revoke a channel's current release (it returns to the one before, or to none).
    Revoke {
        /// The channel.
        channel: String,
    },
    /// Return a channel to the release before its current one (opens a case).
    Rollback {
        /// The channel.
        channel: String,
    },
    /// Every channel and what it serves, and the release records.
    Status,
}

/// Exit 0 when done, 1 when refused (the refusal is recorded, with its case).
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let mut store = args.db.open()?;
    let author = args.author.name();
    let why = args.message.as_str();
    let design = |store: &cogov_app::records::Store| db::design(store, args.design.as_deref(), "--design NAME");
    let result = match &args.action {
        Action::Promote { build, channel } => store.promote(*build, channel, &author, why),
        Action::Pin { channel } => {
            let d = design(&store)?;
            store.pin(&d, channel, true, &author, why)
        }
        Action::Unpin { channel } => {
            let d = design(&store)?;
            store.pin(&d, channel, false, &author, why)
        }
        Action::Revoke { channel } => {
            let d = design(&store)?;
            store.revoke(&d, channel, &author, why)
        }
        Action::Rollback { channel } => {
            let d = design(&store)?;
            store.rollback_release(&d, channel, &author, why)
        }
        Action::Status => {
            let d = design(&store)?;
            let r = cogov_app::history::releases(&store, &d)?;
            match args.format {
                Format::Json => output::print_json(&r),
                Format::Human => output::print_human(&status(&r.design, &r.channels, &r.records)),
            }
            return Ok(ExitCode::SUCCESS);
        }
    };
    match result {
        Ok(r) => {
            match args.format {
                Format::Json => output::print_json(&r),
                Format::Human => output::print_human(&format!("{}\n", line(&r))),
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) if refusal(&e) => {
            output::print_error(&CliError::from(e));
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e.into()),
    }
}

/// Refusals are decisions of the control plane, not failures of the machinery.
fn refusal(e: &StoreError) -> bool {
    matches!(
        e.code,
        ErrorCode::ReleaseOfFailedBuild
            | ErrorCode::ChannelPinned
            | ErrorCode::NothingToRollBack
            | ErrorCode::NoCurrentRelease
    )
}

fn line(r: &ReleaseRecord) -> String {
    format!(
        "release {:>3}  {}  {:<8} {:<8} {:<10} {:<10} {}{}  {}",
        r.id,
        output::head(&r.at, 19),
        r.channel,
        r.action,
        r.build.map_or("-".into(), |b| format!("build:{b}")),
        r.version.as_deref().unwrap_or("-"),
        r.status,
        r.reason_code.as_ref().map_or(String::new(), |c| format!(" [{c}]")),
        r.reason
    )
}

fn status(design: &str, channels: &[Channel], records: &[ReleaseRecord]) -> String {
    let mut s = format!("{design}: {} channel(s)\n", channels.len());
    for c in channels {
        s.push_str(&format!(
            "  {:<10} {}{}\n",
            c.name,
            match (c.build, &c.version) {
                (Some(b), Some(v)) => format!("{v} (build:{b})"),
                _ => "no release".into(),
            },
            if c.pinned { "  pinned" } else { "" }
        ));
    }
    s.push_str("records:\n");
    for r in records {
        s.push_str(&format!("  {}\n", line(r)));
    }
    s
}
