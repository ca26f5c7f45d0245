//! `cogov sweep DESIGN SWEEP --out DIR [--shard I/N] [--threads N] [--max-member-visits V]
//! [--cadcad FILE]` and `cogov sweep merge SLICE... --out DIR`: a parameter sweep of a design
//! (docs/sweeps.md), on one machine or sharded over many.

use crate::cmd::Format;
use crate::db::{AuthorArgs, DbArgs};
use crate::input::{self, CliError};
use crate::output;
use cogov_engine::IntakeError;
use cogov_model::ErrorCode;
use cogov_sim::SimError;
use cogov_sim::sweep::{self, ScenarioRef, Sweep};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Nanoseconds per member visit per thread, measured on the project's machines with some
/// margin: the refusal's time estimate.
const NS_PER_VISIT: f64 = 0.5;

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
    sweep::with_threads(threads, f)
        .map_err(|e| CliError::intake("--threads", IntakeError::whole(ErrorCode::Io, e.to_string())))
}

/// Reads the design and the sweep file (its scenario file, if any, relative to it).
pub fn load(config: &str, sweep_path: &str) -> Result<Sweep, CliError> {
    let gco = input::load_gco(config)?;
    let bytes = input::read_bounded(sweep_path)?;
    let mut file = sweep::file::from_json_bytes(&bytes).map_err(|e| CliError::intake(sweep_path, e))?;
    if let ScenarioRef::File(rel) = &file.scenario {
        let path = Path::new(sweep_path).parent().unwrap_or(Path::new(".")).join(rel);
        let name = path.display().to_string();
        let sb = input::read_bounded(&name)?;
        let sc = cogov_sim::scenario::from_json_bytes(&sb).map_err(|e| CliError::intake(name.clone(), e))?;
        file.scenario = ScenarioRef::Inline(Box::new(sc));
    }
    Sweep::new(gco, file).map_err(|e| CliError::intake(sweep_path, e))
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
    let name = dir.display().to_string();
    std::fs::create_dir_all(dir).map_err(|e| CliError::io(&name, &e))?;
    for (f, bytes) in files {
        let p = dir.join(f);
        std::fs::write(&p, bytes).map_err(|e| CliError::io(&p.display().to_string(), &e))?;
    }
    Ok(())
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
    let visits = sweep.member_visits() * range.len() as f64 / sweep.units().max(1) as f64;
    if visits > args.max_member_visits {
        let threads = if args.threads == 0 { sweep::current_threads() } else { args.threads };
        let secs = visits * NS_PER_VISIT * 1e-9 / threads.max(1) as f64;
        let e = IntakeError::whole(
            ErrorCode::SweepTooLarge,
            format!(
                "{} cells × {} runs (and as many baseline runs) ≈ {visits:.3e} member visits, over the bound of {:.3e}: about {secs:.0} s on {threads} thread(s); raise it with --max-member-visits, or shard it (--shard I/N)",
                sweep.cells.len(),
                sweep.scenario.runs,
                args.max_member_visits
            ),
        );
        return Err(CliError::intake(sweep_path.clone(), e));
    }
    if let Some(path) = &args.cadcad {
        let text = serde_json::to_string_pretty(&sweep::analysis::cadcad(&sweep)).unwrap_or_default() + "\n";
        input::write_output(Some(path), &text)?;
    }

    let cancel = Arc::new(AtomicBool::new(false));
    {
        let cancel = Arc::clone(&cancel);
        // Only one handler may be installed per process; a second call fails harmlessly.
        let _ = ctrlc::set_handler(move || cancel.store(true, Ordering::SeqCst));
    }
    let total_runs = 2 * range.len() as u64 * u64::from(sweep::BLOCK);
    let bar = progress_bar(total_runs);
    let progress = |done: usize| {
        if let Some(b) = &bar {
            b.set_position(done as u64);
        }
    };
    let started = Instant::now();
    let result = with_pool(args.threads, || sweep.compute(range.clone(), &cancel, &progress))?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let results = match result {
        Ok(r) => r,
        Err(SimError::Cancelled { done, total }) => {
            eprintln!("sweep cancelled (Ctrl-C) after {done} of about {total} runs; nothing was written");
            return Ok(ExitCode::from(130));
        }
        Err(e) => {
            return Err(CliError::intake(
                sweep_path.clone(),
                IntakeError::whole(ErrorCode::SweepInvalid, e.to_string()),
            ));
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
    let spec = serde_json::to_value(&sweep.file).unwrap_or_default();
    let results = sweep::results_value(files);
    let gco = &sweep.gco;
    let (name, version) = (&gco.identity.name, gco.identity.version.to_string());
    let new = cogov_store::sweeps::NewSweep {
        fingerprint: &sweep.fingerprint,
        spec: &spec,
        cells: u32::try_from(sweep.cells.len()).unwrap_or(u32::MAX),
        runs: sweep.scenario.runs,
        seed: sweep.scenario.seed,
        results: &results,
    };
    let rec = store.save_sweep(name, &version, &gco.fingerprint(), new, &author.name())?;
    eprintln!("kept as sweep {} of {name}@{version}", rec.id);
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
