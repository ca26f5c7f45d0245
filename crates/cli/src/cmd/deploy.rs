//! `cogov deploy BUNDLE --target DIR... --pubkey PUB [--channel NAME]`, `cogov deploy
//! --rollback --target DIR...` and `cogov deploy status --target DIR... [--pubkey PUB]`.
//!
//! A deploy verifies the bundle (signature, then every file), takes each target's lock, checks
//! the bundle against what the target runs (its design, an older version: `GOV-D007`,
//! `GOV-D008`, `GOV-D009` unless `--override-reason` says why) and stages it on *every* target;
//! only when all are staged does it switch them, one by one, each with its own record (the
//! target's, and a sync record in the store). A target that fails is reported with its code and
//! the others' outcomes (`GOV-D012`). With `--channel` only the channel's current release may be
//! deployed (`GOV-D003` otherwise). Status exits 1 when a target has drifted from its manifest
//! (files or execution database) or the targets run different versions.

use crate::cmd::Format;
use crate::db::{AuthorArgs, DbArgs};
use crate::input::CliError;
use crate::keys;
use crate::output;
use cogov_app::deploy as app;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `cogov deploy`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,
    /// The bundle to deploy (`cogov bundle`).
    #[arg(required_unless_present = "rollback", conflicts_with = "rollback")]
    bundle: Option<String>,
    /// The target directories (created if missing).
    #[arg(long, required = true, num_args = 1.., value_name = "DIR")]
    target: Vec<PathBuf>,
    /// Return each target to the release active before its current one.
    #[arg(long)]
    rollback: bool,
    /// The public key the bundle must be signed with.
    #[arg(long, env = "COGOV_PUBKEY", value_name = "PUB", required_unless_present = "rollback")]
    pubkey: Option<PathBuf>,
    /// Deploy only if the bundle is this release channel's current release.
    #[arg(long, value_name = "NAME")]
    channel: Option<String>,
    /// Deploy although the target is bound to another design, runs a newer version, or runs
    /// other content under this version; the reason is kept in the deployment record.
    #[arg(long, value_name = "TEXT")]
    override_reason: Option<String>,
    /// How long to wait for another deployer on a target before giving up (GOV-D006).
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    wait: u64,
    #[command(flatten)]
    author: AuthorArgs,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Which target runs which version, and which have drifted.
    Status {
        /// The target directories.
        #[arg(long, required = true, num_args = 1.., value_name = "DIR")]
        target: Vec<PathBuf>,
        /// Also check each active manifest's signature with this key.
        #[arg(long, env = "COGOV_PUBKEY", value_name = "PUB")]
        pubkey: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

/// Exit 0 when every target was deployed (or rolled back); 2 when a target failed: with a
/// deploy, none is switched unless all were staged, and each target's outcome is reported.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    if let Some(Action::Status { target, pubkey, format }) = &args.action {
        return status(target, pubkey.as_deref(), *format);
    }
    let author = args.author.name();
    let wait = std::time::Duration::from_secs(args.wait);
    let outcomes = if args.rollback {
        let mut store = args.db.open()?;
        app::rollback(&mut store, &args.target, &author, wait)?
    } else {
        let (Some(bundle_path), Some(pubkey)) = (&args.bundle, &args.pubkey) else {
            unreachable!("clap requires a bundle and a key unless --rollback")
        };
        let public = keys::public_key(pubkey)?;
        let mut store = args.db.open()?;
        let d = app::Deploy {
            bundle: Path::new(bundle_path),
            public: &public,
            channel: args.channel.as_deref(),
            override_reason: args.override_reason.as_deref(),
            author: &author,
            wait,
        };
        app::deploy(&mut store, &args.target, &d)?
    };
    if let Some(e) = app::sole_failure(&outcomes) {
        return Err(e);
    }
    let done: Vec<&app::Activation> = outcomes.iter().filter_map(|(_, r)| r.as_ref().ok()).collect();
    match args.format {
        Format::Json => output::print_json(&serde_json::json!({
            "deployments": done,
            "failures": outcomes.iter().filter_map(|(t, r)| r.as_ref().err().map(|e| serde_json::json!({
                "target": t.display().to_string(), "code": e.code.as_str(), "path": e.path,
                "entry": e.entry, "message": e.message,
            }))).collect::<Vec<_>>(),
        })),
        Format::Human => {
            let mut s = String::new();
            for (t, r) in &outcomes {
                match r {
                    Ok(a) => {
                        let verb = if a.action == app::DeployAction::Rollback { "rolled back" } else { "deployed" };
                        s.push_str(&format!(
                            "{verb} {}@{} on {} (release {}, was {})\n",
                            a.instance,
                            a.version,
                            a.target,
                            short(&a.release),
                            a.previous.as_deref().map(short).unwrap_or("nothing")
                        ));
                    }
                    Err(e) => s.push_str(&format!("FAILED on {}: {e}\n", t.display())),
                }
            }
            output::print_human(&s);
        }
    }
    match app::partial_failure(&outcomes) {
        Some(e) => Err(e),
        None => Ok(ExitCode::SUCCESS),
    }
}

fn short(release: &str) -> &str {
    release.get(..12).unwrap_or(release)
}

fn status(targets: &[PathBuf], pubkey: Option<&Path>, format: Format) -> Result<ExitCode, CliError> {
    let public = pubkey.map(keys::public_key).transpose()?;
    let fleet = app::fleet(targets, public.as_ref())?;
    match format {
        Format::Json => output::print_json(&fleet),
        Format::Human => {
            let mut s = String::new();
            for t in &fleet.targets {
                let what = match (&t.instance, &t.version, &t.release) {
                    (Some(i), Some(v), Some(r)) => format!("{i}@{v} (release {})", short(r)),
                    (_, _, Some(r)) => format!("release {}", short(r)),
                    _ => "nothing deployed".into(),
                };
                let state = if !t.drift.is_empty() {
                    format!("DRIFTED: {}", t.drift.join(", "))
                } else if !t.recorded {
                    "active release not recorded".into()
                } else if !t.confirmed {
                    "switched, confirmation not recorded (rollback available)".into()
                } else {
                    "ok".into()
                };
                s.push_str(&format!("{}  {what}  {state}\n", t.target));
            }
            s.push_str(if fleet.same_release {
                "all targets run the same release\n"
            } else {
                "the targets run different releases\n"
            });
            output::print_human(&s);
        }
    }
    Ok(if fleet.same_release && !fleet.drifted { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
