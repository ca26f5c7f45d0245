//! `cogov deploy BUNDLE --target DIR... --pubkey PUB [--channel NAME]`, `cogov deploy
//! --rollback --target DIR...` and `cogov deploy status --target DIR... [--pubkey PUB]`.
//!
//! A deploy verifies the bundle (signature, then every file), then activates it on each
//! target atomically (docs/bundles.md) and appends a deployment record to the target's own
//! records and, one per target (the sync record), to the store. With `--channel` only the
//! channel's current release may be deployed (`GOV-D003` otherwise). Status exits 1 when a
//! target has drifted from its manifest or the targets run different versions.

use crate::cmd::Format;
use crate::db::{AuthorArgs, DbArgs};
use crate::input::CliError;
use crate::keys;
use crate::output;
use cogov_deploy::{self as deploy, DeployError, Request, TargetStatus};
use cogov_engine::Location;
use cogov_engine::bundle;
use cogov_model::ErrorCode;
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

fn deploy_error(e: DeployError) -> CliError {
    CliError {
        file: e.path,
        code: e.code.as_str(),
        title: e.code.title(),
        location: e.entry.map_or(Location::Whole, Location::Pointer),
        message: e.message,
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Exit 0 when every target was deployed (or rolled back), 2 on the first failure (targets
/// before it stay deployed; each has its record).
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    if let Some(Action::Status { target, pubkey, format }) = &args.action {
        return status(target, pubkey.as_deref(), *format);
    }
    let author = args.author.name();
    let targets: Vec<PathBuf> = args.target.iter().map(|t| absolute(t)).collect();
    let mut done = Vec::new();
    if args.rollback {
        for t in &targets {
            done.push(deploy::rollback(t, &author).map_err(deploy_error)?);
        }
    } else {
        let (Some(bundle_path), Some(pubkey)) = (&args.bundle, &args.pubkey) else {
            unreachable!("clap requires a bundle and a key unless --rollback")
        };
        let public = keys::public_key(pubkey)?;
        let bytes = crate::cmd::verify::read_bundle(bundle_path)?;
        if let Some(channel) = &args.channel {
            check_channel(&args, channel, bundle_path, &bytes, &public)?;
        }
        let source = absolute(Path::new(bundle_path)).display().to_string();
        for t in &targets {
            let req = Request {
                bundle: &bytes,
                source: &source,
                public: &public,
                channel: args.channel.as_deref(),
                author: &author,
            };
            done.push(deploy::deploy(t, &req).map_err(deploy_error)?);
        }
    }
    let mut store = args.db.open()?;
    for a in &done {
        store.record_deployment(a.sync_record())?;
    }
    match args.format {
        Format::Json => output::print_json(&serde_json::json!({ "deployments": done })),
        Format::Human => {
            let mut s = String::new();
            for a in &done {
                let verb = if a.action == "rollback" { "rolled back" } else { "deployed" };
                s.push_str(&format!(
                    "{verb} {}@{} on {} (release {}, was {})\n",
                    a.instance,
                    a.version,
                    a.target,
                    short(&a.release),
                    a.previous.as_deref().map(short).unwrap_or("nothing")
                ));
            }
            output::print_human(&s);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn short(release: &str) -> &str {
    release.get(..12).unwrap_or(release)
}

/// Refuses a bundle that is not the channel's current release (`GOV-D003`).
fn check_channel(
    args: &Args,
    channel: &str,
    bundle_path: &str,
    bytes: &[u8],
    public: &minisign::PublicKey,
) -> Result<(), CliError> {
    let v = bundle::verify(bytes, public).map_err(|e| keys::bundle_error(bundle_path, e))?;
    let m = &v.manifest;
    let store = args.db.open()?;
    let current = store.channels(&m.instance)?.into_iter().find(|c| c.name == channel);
    let refuse = |why: String| CliError {
        file: bundle_path.to_owned(),
        code: ErrorCode::DeployNotChannelRelease.as_str(),
        title: ErrorCode::DeployNotChannelRelease.title(),
        location: Location::Whole,
        message: why,
    };
    match (current.and_then(|c| c.build.map(|b| (b, c.version))), m.build_id) {
        (Some((b, _)), Some(id)) if b == id => Ok(()),
        (Some((b, v)), got) => Err(refuse(format!(
            "channel {channel} of {} serves build {b} ({}); this bundle is of {}",
            m.instance,
            v.unwrap_or_default(),
            got.map_or_else(|| format!("{}@{} with no build record", m.instance, m.version), |g| format!("build {g}"))
        ))),
        (None, _) => Err(refuse(format!("channel {channel} of {} has no current release", m.instance))),
    }
}

fn status(targets: &[PathBuf], pubkey: Option<&Path>, format: Format) -> Result<ExitCode, CliError> {
    let public = pubkey.map(keys::public_key).transpose()?;
    let mut all: Vec<TargetStatus> = Vec::new();
    for t in targets {
        all.push(deploy::status(&absolute(t), public.as_ref()).map_err(deploy_error)?);
    }
    let versions: std::collections::BTreeSet<(Option<&str>, Option<&str>)> =
        all.iter().map(|s| (s.instance.as_deref(), s.release.as_deref())).collect();
    let agree = versions.len() <= 1;
    let drifted = all.iter().any(|s| !s.drift.is_empty());
    match format {
        Format::Json => output::print_json(&serde_json::json!({
            "targets": all,
            "same_release": agree,
            "drifted": drifted,
        })),
        Format::Human => {
            let mut s = String::new();
            for t in &all {
                let what = match (&t.instance, &t.version, &t.release) {
                    (Some(i), Some(v), Some(r)) => format!("{i}@{v} (release {})", short(r)),
                    (_, _, Some(r)) => format!("release {}", short(r)),
                    _ => "nothing deployed".into(),
                };
                let state = if !t.drift.is_empty() {
                    format!("DRIFTED: {}", t.drift.join(", "))
                } else if !t.recorded {
                    "active release not recorded".into()
                } else {
                    "ok".into()
                };
                s.push_str(&format!("{}  {what}  {state}\n", t.target));
            }
            s.push_str(if agree {
                "all targets run the same release\n"
            } else {
                "the targets run different releases\n"
            });
            output::print_human(&s);
        }
    }
    Ok(if agree && !drifted { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
