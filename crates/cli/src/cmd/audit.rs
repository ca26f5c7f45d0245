//! `cogov audit [verify | head | checkpoint]`: the audit log, a check of its hash chain against
//! the head kept beside the database (and signed checkpoints), the head itself, or a signed
//! checkpoint of it to keep elsewhere.

use crate::cmd::Format;
use crate::db::DbArgs;
use crate::input::CliError;
use crate::keys::{self, PasswordArgs};
use crate::output;
use cogov_app::records::audit::{self, Checkpoint};
use cogov_engine::Location;
use cogov_model::ErrorCode;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `cogov audit`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// `verify` walks the hash chain, compares its end with the head kept beside the database
    /// and names the first entry altered, removed or replaced; `head` prints the head to keep
    /// elsewhere; `checkpoint` signs the head with `--key` and writes it to `--out`.
    #[arg(value_parser = ["verify", "head", "checkpoint"])]
    pub action: Option<String>,
    /// List entries from this sequence number on.
    #[arg(long, default_value_t = 1)]
    pub since: i64,
    /// verify: also check these signed checkpoints (`cogov audit checkpoint`) with `--pubkey`.
    #[arg(long, value_name = "FILE", requires = "pubkey")]
    pub checkpoint: Vec<PathBuf>,
    /// verify: the public key the checkpoints are signed with.
    #[arg(long, value_name = "PUB")]
    pub pubkey: Option<PathBuf>,
    /// checkpoint: the secret key to sign with (`cogov keygen`).
    #[arg(long, value_name = "KEY")]
    pub key: Option<PathBuf>,
    /// checkpoint: where to write the signed checkpoint (JSON).
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    password: PasswordArgs,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// The most a checkpoint file may hold.
const CHECKPOINT_MAX: u64 = 16 * 1024;

/// Lists entries (exit 0); verifies (exit 0 intact, 1 tampered); prints the head; or writes a
/// signed checkpoint.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    match args.action.as_deref() {
        Some("verify") => verify(&args),
        Some("head") => head(&args),
        Some("checkpoint") => checkpoint(&args),
        _ => list(&args),
    }
}

fn verify(args: &Args) -> Result<ExitCode, CliError> {
    let store = args.db.open()?;
    let v = audit::verify(store.conn(), store.path())?;
    let mut problems: Vec<String> = v.problem.iter().map(ToString::to_string).collect();
    if let Some(pk) = &args.pubkey {
        let public = keys::public_key(pk)?;
        for file in &args.checkpoint {
            let cp = read_checkpoint(file)?;
            if let Some(p) = audit::verify_checkpoint(store.conn(), store.path(), &cp, &public)? {
                problems.push(format!("{}: {p}", file.display()));
            }
        }
    }
    match args.format {
        Format::Json => output::print_json(&serde_json::json!({
            "entries": v.entries, "head": v.head, "anchor": v.anchor, "problem": v.problem,
            "checkpoints": args.checkpoint.len(), "problems": problems,
        })),
        Format::Human => output::print_human(&if problems.is_empty() {
            format!(
                "audit log intact: {} entries, head {} (matches the recorded head{})\n",
                v.entries,
                v.head,
                if args.checkpoint.is_empty() {
                    String::new()
                } else {
                    format!(" and {} signed checkpoint(s)", args.checkpoint.len())
                }
            )
        } else {
            problems.iter().map(|p| format!("audit log TAMPERED: {p}\n")).collect()
        }),
    }
    Ok(if problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn head(args: &Args) -> Result<ExitCode, CliError> {
    let store = args.db.open()?;
    let (seq, hash) = audit::last(store.conn(), store.path())?;
    let recorded = audit::read_head(store.path())?;
    match args.format {
        Format::Json => output::print_json(&serde_json::json!({
            "format": audit::HEAD_FORMAT, "seq": seq, "hash": hash, "recorded": recorded,
        })),
        Format::Human => output::print_human(&format!("{seq} {hash}\n")),
    }
    Ok(ExitCode::SUCCESS)
}

fn checkpoint(args: &Args) -> Result<ExitCode, CliError> {
    let (Some(key), Some(out)) = (&args.key, &args.out) else {
        return Err(CliError {
            file: "cogov audit checkpoint".into(),
            code: ErrorCode::KeyUnreadable,
            location: Location::Whole,
            message: "a checkpoint needs --key KEY (the signing key) and --out FILE".into(),
        });
    };
    let secret = keys::secret_key(key, &args.password)?;
    let mut store = args.db.open()?;
    let cp = audit::checkpoint(&mut store, &secret)?;
    let mut bytes = serde_json::to_vec_pretty(&cp).unwrap_or_default();
    bytes.push(b'\n');
    cogov_app::files::write_atomic(out, &bytes)?;
    match args.format {
        Format::Json => output::print_json(&cp),
        Format::Human => output::print_human(&format!(
            "checkpoint of entry {} ({}) signed with key {}, written to {}\n",
            cp.head.seq,
            cp.head.hash,
            cp.key_id,
            out.display()
        )),
    }
    Ok(ExitCode::SUCCESS)
}

fn read_checkpoint(file: &std::path::Path) -> Result<Checkpoint, CliError> {
    let name = file.display().to_string();
    let bytes = cogov_app::files::read_capped(file, CHECKPOINT_MAX, ErrorCode::Io, ErrorCode::Io)?;
    serde_json::from_slice(&bytes).map_err(|e| CliError {
        file: name,
        code: ErrorCode::JsonSyntax,
        location: Location::Whole,
        message: format!("not a signed audit checkpoint: {e}"),
    })
}

fn list(args: &Args) -> Result<ExitCode, CliError> {
    let store = args.db.open()?;
    let entries = audit::entries(store.conn(), store.path(), args.since)?;
    match args.format {
        Format::Json => output::print_json(&entries),
        Format::Human => output::print_human(
            &entries
                .iter()
                .map(|e| {
                    format!(
                        "{:>5} {}  {:<12} {:<18} {}\n",
                        e.seq,
                        output::head(&e.at, 19),
                        e.actor,
                        e.action,
                        e.subject
                    )
                })
                .collect::<String>(),
        ),
    }
    Ok(ExitCode::SUCCESS)
}
