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

/// Exit 0 when every target was deployed (or rolled back); 2 when a target failed: with a
/// deploy, none is switched unless all were staged, and each target's outcome is reported.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    if let Some(Action::Status { target, pubkey, format }) = &args.action {
        return status(target, pubkey.as_deref(), *format);
    }
    let author = args.author.name();
    let wait = std::time::Duration::from_secs(args.wait);
    // One order for every deployer, so that two deploying to the same targets never wait on
    // each other's locks crosswise.
    let mut targets: Vec<PathBuf> = args.target.iter().map(|t| absolute(t)).collect();
    targets.sort();
    targets.dedup();
    let mut outcomes: Vec<(PathBuf, Result<deploy::Activation, DeployError>)> = Vec::new();
    if args.rollback {
        for t in &targets {
            outcomes.push((t.clone(), deploy::rollback_waiting(t, &author, wait)));
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
        let req = Request {
            bundle: &bytes,
            source: &source,
            public: &public,
            channel: args.channel.as_deref(),
            author: &author,
            override_reason: args.override_reason.as_deref(),
            wait,
        };
        // Stage everywhere first (each target's lock held until its switch).
        let mut prepared = Vec::new();
        let mut failed = false;
        for t in &targets {
            match deploy::prepare(t, &req) {
                Ok(p) => prepared.push(p),
                Err(e) => {
                    failed = true;
                    outcomes.push((t.clone(), Err(e)));
                }
            }
        }
        if failed {
            for p in prepared {
                let t = p.target().to_path_buf();
                outcomes.push((t.clone(), Err(not_switched(&t))));
            }
        } else {
            for p in prepared {
                let t = p.target().to_path_buf();
                outcomes.push((t, p.activate()));
            }
        }
        outcomes.sort_by(|a, b| a.0.cmp(&b.0));
    }
    let done: Vec<&deploy::Activation> = outcomes.iter().filter_map(|(_, r)| r.as_ref().ok()).collect();
    if !done.is_empty() {
        let mut store = args.db.open()?;
        for a in &done {
            store.record_deployment(a.sync_record())?;
        }
    }
    let failures: Vec<(&PathBuf, &DeployError)> =
        outcomes.iter().filter_map(|(t, r)| r.as_ref().err().map(|e| (t, e))).collect();
    if failures.len() == 1 && outcomes.len() == 1 {
        return Err(deploy_error(failures[0].1.clone()));
    }
    match args.format {
        Format::Json => output::print_json(&serde_json::json!({
            "deployments": done,
            "failures": failures.iter().map(|(t, e)| serde_json::json!({
                "target": t.display().to_string(), "code": e.code.as_str(), "path": e.path,
                "entry": e.entry, "message": e.message,
            })).collect::<Vec<_>>(),
        })),
        Format::Human => {
            let mut s = String::new();
            for (t, r) in &outcomes {
                match r {
                    Ok(a) => {
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
                    Err(e) => s.push_str(&format!("FAILED on {}: {e}\n", t.display())),
                }
            }
            output::print_human(&s);
        }
    }
    if failures.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    Err(CliError {
        file: failures.iter().map(|(t, _)| t.display().to_string()).collect::<Vec<_>>().join(", "),
        code: ErrorCode::DeployPartial.as_str(),
        title: ErrorCode::DeployPartial.title(),
        location: Location::Whole,
        message: format!("{} of {} targets failed (listed above)", failures.len(), outcomes.len()),
    })
}

/// Why a staged target was not switched: another target failed first.
fn not_switched(target: &Path) -> DeployError {
    DeployError::new(
        ErrorCode::DeployPartial,
        target,
        "staged but not switched: another target could not be staged, so none was switched",
    )
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
                } else if !t.confirmed {
                    "switched, confirmation not recorded (rollback available)".into()
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
