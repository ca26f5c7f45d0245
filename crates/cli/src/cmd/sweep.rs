//! `cogov sweep DESIGN SWEEP --out DIR [--shard I/N] [--threads N] [--max-member-visits V]
//! [--cadcad FILE]` and `cogov sweep merge SLICE... --out DIR`: a parameter sweep of a design
//! (docs/sweeps.md), on one machine or sharded over many.

use crate::cmd::Format;
use crate::db::{AuthorArgs, DbArgs};
use crate::input::{self, CliError};
use crate::output;
use cogov_app::job::Job;
use cogov_app::sim::sweep::{self, Sweep};
use cogov_engine::IntakeError;
use cogov_model::ErrorCode;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `cogov sweep`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Args {
    #[command(subcommand)]
    sub: Option<Sub>,
    /// The design: a GCO (.json) or a constitution document (.md).
    #[arg(required = true)]
    pub config: Option<String>,
    /// The sweep (.json, see `cogov schema sweep`).
    #[arg(required = true)]
    pub sweep: Option<String>,
    /// Write the results here (with --shard: the slice, `slice-I-of-N.json`).
    #[arg(long, required = true)]
    pub out: Option<PathBuf>,
    /// Compute only shard I of N (0-based) and write its partial result.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Refuse sweeps estimated above this many member visits (cells × runs × 2 × proposals
    /// per run × members).
    #[arg(long, default_value_t = 1e12)]
    pub max_member_visits: f64,
    /// Also write the sweep as a cadCAD/radCAD parameter dictionary (JSON) here.
    #[arg(long, value_name = "FILE")]
    pub cadcad: Option<PathBuf>,
    /// Keep the results in the store with the version swept (the design must be that stored
    /// version: `cogov commit` it first).
    #[arg(long)]
    pub save: bool,
    #[command(flatten)]
    author: AuthorArgs,
    #[command(flatten)]
    db: DbArgs,
    /// Output format of the summary.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Combine the slices of a sharded sweep into the files one machine writes.
    Merge(MergeArgs),
}

/// Arguments of `cogov sweep merge`.
#[derive(Debug, clap::Args)]
struct MergeArgs {
    /// The slices (`slice-I-of-N.json`), in any order.
    #[arg(required = true, num_args = 1..)]
    slices: Vec<String>,
    /// Write the results here.
    #[arg(long)]
    out: PathBuf,
    /// Worker threads for the analysis.
    #[arg(long, default_value_t = 0)]
    threads: usize,
}

fn with_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> Result<T, CliError> {
    sweep::with_threads(threads, f).map_err(|e| CliError::new(e.code(), "--threads", e.to_string()))
}

/// Reads the design and the sweep file (its scenario file, if any, relative to it).
pub fn load(config: &str, sweep_path: &str) -> Result<Sweep, CliError> {
    cogov_app::sweep::load(config, sweep_path)
}

fn parse_shard(s: &str) -> Result<(usize, usize), CliError> {
    let bad = || {
        CliError::intake(
            "--shard",
            IntakeError::whole(ErrorCode::SweepShardOutOfRange, format!("`{s}` is not I/N (0 <= I < N)")),
        )
    };
    let (i, n) = s.split_once('/').ok_or_else(bad)?;
    let (i, n) = (i.trim().parse::<usize>().map_err(|_| bad())?, n.trim().parse::<usize>().map_err(|_| bad())?);
    if n == 0 || i >= n {
        return Err(bad());
    }
    Ok((i, n))
}

fn write_files(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), CliError> {
    cogov_app::files::write_tree(dir, files)
}

fn progress_bar(total: u64) -> Option<indicatif::ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} sweeping {bar:40} {pos}/{len} runs ({eta} left)")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    })
}

/// Exit 0 when the sweep (or the shard, or the merge) finished, 2 when an input is refused,
/// 130 when cancelled.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    if let Some(Sub::Merge(m)) = args.sub {
        return merge(m, args.format);
    }
    let (Some(config), Some(sweep_path), Some(out)) = (&args.config, &args.sweep, &args.out) else {
        return Err(CliError::intake(
            "cogov sweep",
            IntakeError::whole(ErrorCode::SweepInvalid, "DESIGN SWEEP --out DIR"),
        ));
    };
    let sweep = load(config, sweep_path)?;
    let shard = args.shard.as_deref().map(parse_shard).transpose()?;
    let range = match shard {
        Some((i, n)) => sweep.shard(i, n).map_err(|e| CliError::intake("--shard", e))?,
        None => 0..sweep.units(),
    };
    cogov_app::sweep::check_size(
        &sweep,
        range.len(),
        args.max_member_visits,
        args.threads,
        sweep_path,
        "raise it with --max-member-visits, or shard it (--shard I/N)",
    )?;
    if let Some(path) = &args.cadcad {
        let text = serde_json::to_string_pretty(&sweep::analysis::cadcad(&sweep)).unwrap_or_default() + "\n";
        input::write_output(Some(path), &text)?;
    }

    let total_runs = 2 * range.len() * sweep::BLOCK as usize;
    let bar = progress_bar(total_runs as u64);
    let mut job = Job::new(total_runs);
    if let Some(b) = bar.clone() {
        job = job.observed(std::sync::Arc::new(move |n| b.set_position(n as u64)));
    }
    {
        let job = job.clone();
        // Only one handler may be installed per process; a second call fails harmlessly.
        let _ = ctrlc::set_handler(move || job.cancel());
    }
    let started = Instant::now();
    let result = with_pool(args.threads, || cogov_app::sweep::compute(&sweep, range.clone(), &job, sweep_path))?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let results = match result? {
        cogov_app::sweep::Outcome::Done(r) => r,
        cogov_app::sweep::Outcome::Cancelled { done, total } => {
            eprintln!("sweep cancelled (Ctrl-C) after {done} of about {total} runs; nothing was written");
            return Ok(ExitCode::from(130));
        }
    };
    let simulated = started.elapsed();
    if let Some((i, n)) = shard {
        let slice = sweep.slice((i, n), results);
        let name = format!("slice-{i}-of-{n}.json");
        let bytes = serde_json::to_vec(&slice).unwrap_or_default();
        write_files(out, &[(name.clone(), bytes)])?;
        let summary = serde_json::json!({
            "shard": [i, n], "units": [range.start, range.end], "of": sweep.units(),
            "fingerprint": sweep.fingerprint, "seconds": simulated.as_secs_f64(), "slice": out.join(&name),
        });
        match args.format {
            Format::Json => output::print_json(&summary),
            Format::Human => output::print_human(&format!(
                "shard {i}/{n}: units {}..{} of {} in {:.2} s; wrote {}\n",
                range.start,
                range.end,
                sweep.units(),
                simulated.as_secs_f64(),
                out.join(name).display()
            )),
        }
        return Ok(ExitCode::SUCCESS);
    }
    let files =
        with_pool(args.threads, || sweep.outputs(&results))?.map_err(|e| CliError::intake(sweep_path.clone(), e))?;
    write_files(out, &files)?;
    if args.save {
        save(&sweep, &files, &args.db, &args.author)?;
    }
    summarize(&sweep, &files, out, started.elapsed().as_secs_f64(), args.format);
    Ok(ExitCode::SUCCESS)
}

/// Keeps the sweep's results in the store with the version swept, as `cogov simulate --save`.
fn save(sweep: &Sweep, files: &[(String, Vec<u8>)], db: &DbArgs, author: &AuthorArgs) -> Result<(), CliError> {
    let mut store = db.open()?;
    let rec = cogov_app::sweep::save(&mut store, sweep, &sweep::results_value(files), &author.name())?;
    eprintln!("kept as sweep {} of {}@{}", rec.id, rec.instance, rec.version);
    Ok(())
}

fn merge(m: MergeArgs, format: Format) -> Result<ExitCode, CliError> {
    let started = Instant::now();
    let mut slices = Vec::with_capacity(m.slices.len());
    for s in &m.slices {
        let bytes = input::read_bounded(s)?;
        slices.push(sweep::slice_from_bytes(&bytes).map_err(|e| CliError::intake(s.clone(), e))?);
    }
    let first = m.slices.first().cloned().unwrap_or_default();
    let (sweep, results) = sweep::merge(slices).map_err(|e| CliError::intake(first.clone(), e))?;
    let files = with_pool(m.threads, || sweep.outputs(&results))?.map_err(|e| CliError::intake(first, e))?;
    write_files(&m.out, &files)?;
    summarize(&sweep, &files, &m.out, started.elapsed().as_secs_f64(), format);
    Ok(ExitCode::SUCCESS)
}

fn summarize(sweep: &Sweep, files: &[(String, Vec<u8>)], out: &Path, secs: f64, format: Format) {
    let rec: serde_json::Value = files
        .iter()
        .find(|(n, _)| n == "recommendation.json")
        .and_then(|(_, b)| serde_json::from_slice(b).ok())
        .unwrap_or_default();
    let summary = serde_json::json!({
        "cells": sweep.cells.len(),
        "runs": sweep.scenario.runs,
        "fingerprint": sweep.fingerprint,
        "seconds": secs,
        "feasible": rec["feasible"],
        "recommended": rec["recommended"],
        "out": out,
        "files": files.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
    });
    match format {
        Format::Json => output::print_json(&summary),
        Format::Human => {
            let md = files.iter().find(|(n, _)| n == "recommendation.md").map(|(_, b)| String::from_utf8_lossy(b));
            let mut s = format!(
                "{} cells × {} runs (common random numbers) in {secs:.2} s; wrote {} files to {}\n\n",
                sweep.cells.len(),
                sweep.scenario.runs,
                files.len(),
                out.display()
            );
            if let Some(md) = md {
                s.push_str(&md);
            }
            output::print_human(&s);
        }
    }
}
