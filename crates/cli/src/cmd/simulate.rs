//! `cogov simulate CONFIG SCENARIO [--runs R] [--seed S] [--threads N] [--out DIR] [--format json]`:
//! a what-if simulation of a design under a scenario (RSM v1), against its baseline.

use crate::cmd::Format;
use crate::db::{AuthorArgs, DbArgs};
use crate::input::{self, CliError};
use crate::output;
use cogov_app::job::Job;
use cogov_app::sim::{Inputs, Report, Summary, chart};
use cogov_app::simulate as app;
use cogov_engine::IntakeError;
use cogov_model::ErrorCode;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `cogov simulate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The design: a GCO (.json) or a constitution document (.md).
    pub config: String,
    /// The scenario (.json, see `cogov schema scenario`).
    pub scenario: String,
    /// Runs (overrides the scenario's).
    #[arg(long)]
    pub runs: Option<u32>,
    /// Seed (overrides the scenario's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Write `report.json` and the charts (`treasury.svg`, `passed.svg`, `outcomes.svg`) here.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Keep the results in the store with the version simulated (the design must be that
    /// stored version: `cogov commit` it first).
    #[arg(long)]
    pub save: bool,
    #[command(flatten)]
    author: AuthorArgs,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Exit 0 when the simulation finished, 2 when an input cannot be read, 130 when cancelled.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let gco = input::load_gco(&args.config)?;
    let bytes = input::read_bounded(&args.scenario)?;
    let sc = app::scenario_from_bytes(&args.scenario, &bytes, args.runs, args.seed)?;
    let inputs = app::inputs(&args.config, &gco)?;
    let total = cogov_app::sim::total_runs(&sc);
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} simulating {bar:40} {pos}/{len} runs ({eta} left)")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let mut job = Job::new(total);
    if let Some(b) = bar.clone() {
        job = job.observed(std::sync::Arc::new(move |n| b.set_position(n as u64)));
    }
    {
        let job = job.clone();
        // Only one handler may be installed per process; a second call fails harmlessly.
        let _ = ctrlc::set_handler(move || job.cancel());
    }
    let result = app::simulate(&gco, &inputs, &sc, args.threads, &job, &mut None, &args.scenario);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let report = match result? {
        app::Outcome::Done { report, .. } => report,
        app::Outcome::Cancelled { done, total } => {
            eprintln!("simulation cancelled (Ctrl-C) after {done} of {total} runs; nothing was written");
            return Ok(ExitCode::from(130));
        }
    };
    if let Some(dir) = &args.out {
        write_out(dir, &report)?;
    }
    if args.save {
        let mut store = args.db.open()?;
        let rec = app::save(&mut store, &gco, &sc, &report, &args.author.name())?;
        eprintln!("kept as simulation {} of {}@{}", rec.id, rec.instance, rec.version);
    }
    match args.format {
        Format::Json => output::print_json(&report),
        Format::Human => output::print_human(&render(&args, &inputs, &report)),
    }
    Ok(ExitCode::SUCCESS)
}

fn write_out(dir: &std::path::Path, report: &Report) -> Result<(), CliError> {
    let name = dir.display().to_string();
    std::fs::create_dir_all(dir).map_err(|e| CliError::io(&name, &e))?;
    let json = serde_json::to_string_pretty(report).unwrap_or_default() + "\n";
    input::write_output(Some(&dir.join("report.json")), &json)?;
    let charts =
        chart::all(report).map_err(|e| CliError::intake(name.clone(), IntakeError::whole(ErrorCode::Io, e.0)))?;
    for (file, svg) in charts {
        input::write_output(Some(&dir.join(file)), &svg)?;
    }
    Ok(())
}

fn fmt_summary(s: &Summary) -> String {
    if s.mean.is_nan() {
        return "—".to_owned();
    }
    format!("{:>12.4} ± {:<10.4} [{:.4} … {:.4}]", s.mean, s.se, s.p5, s.p95)
}

fn render(args: &Args, inputs: &Inputs, r: &Report) -> String {
    let f = &r.figures;
    let b = &r.baseline.figures;
    let mut s = format!(
        "{} under {} — {} runs × {} steps, seed {}, {} members, {} shock(s)\n\n",
        args.config,
        args.scenario,
        r.runs,
        r.steps,
        r.seed,
        inputs.members.len(),
        r.shocks.len()
    );
    s.push_str(&format!("{:<20}{:<52}{}\n", "figure (per run)", "scenario: mean ± se [p5 … p95]", "baseline mean"));
    let rows: [(&str, &Summary, &Summary); 13] = [
        ("turnout", &f.turnout, &b.turnout),
        ("pass_rate", &f.pass_rate, &b.pass_rate),
        ("passed", &f.passed, &b.passed),
        ("no_quorum", &f.no_quorum, &b.no_quorum),
        ("rejected", &f.rejected, &b.rejected),
        ("no_signers", &f.no_signers, &b.no_signers),
        ("executed", &f.executed, &b.executed),
        ("blocked", &f.blocked, &b.blocked),
        ("insolvent", &f.insolvent, &b.insolvent),
        ("final_balance", &f.final_balance, &b.final_balance),
        ("min_balance", &f.min_balance, &b.min_balance),
        ("throughput_mean", &f.throughput_mean, &b.throughput_mean),
        ("throughput_variance", &f.throughput_variance, &b.throughput_variance),
    ];
    for (name, x, y) in rows {
        s.push_str(&format!("{name:<20}{:<52}{:.4}\n", fmt_summary(x), y.mean));
    }
    let d = &r.derived;
    let opt = |v: Option<f64>, none: &str| v.map_or(none.to_owned(), |v| format!("{v:.4}"));
    s.push_str(&format!(
        "\ncontinuity impact: {} (from step {})\n",
        opt(d.continuity_impact, "n/a"),
        d.first_shock_step.map_or("—".to_owned(), |t| t.to_string())
    ));
    s.push_str(&format!(
        "treasury solvency: {:.1}% of runs ever insolvent (baseline {:.1}%); runway {} steps (baseline {})\n",
        100.0 * d.solvency.insolvent_share,
        100.0 * d.solvency.baseline_insolvent_share,
        opt(d.solvency.runway_steps, "infinite"),
        opt(d.solvency.baseline_runway_steps, "infinite"),
    ));
    s.push_str(&format!(
        "throughput variance: {:.4} (baseline {:.4})\n",
        d.throughput_variance.scenario.mean, d.throughput_variance.baseline.mean
    ));
    if let Some(deltas) = d.risk_delta.as_ref().and_then(|v| v["deltas"].as_array()) {
        s.push_str("\nrisk delta (the design the shocks leave against the design before):\n");
        for x in deltas {
            let num = |k: &str| x[k].as_f64().unwrap_or(0.0);
            let verdict = match (x["worse"].as_bool(), num("delta") == 0.0) {
                (_, true) => "unchanged",
                (Some(true), _) => "worse",
                _ => "better",
            };
            s.push_str(&format!(
                "  {:<26}{:>10.4} → {:<10.4} {:+.4}  {} → {}  {verdict}\n",
                x["name"].as_str().unwrap_or_default(),
                num("old"),
                num("new"),
                num("delta"),
                x["old_level"].as_str().unwrap_or_default(),
                x["new_level"].as_str().unwrap_or_default(),
            ));
        }
    }
    if let Some(a) = &r.attack {
        s.push_str(&attack_table(a));
    }
    if let Some(dir) = &args.out {
        s.push_str(&format!(
            "wrote report.json and the charts (treasury, passed, outcomes, risk) to {}\n",
            dir.display()
        ));
    }
    s
}

/// The attack section: one row per power path, the target marked.
pub fn attack_table(a: &cogov_app::sim::AttackReport) -> String {
    let money = |v: f64| format!("{v:.0}");
    let mut s = format!(
        "\nattack: budget {} by {} at step {} (price {} per unit, from the {}): {:.2}% of the weight acquired \
         (the route reaches {:.2}%), {} runs\n",
        money(a.budget),
        a.acquisition.as_str(),
        a.at,
        a.price,
        a.price_source,
        100.0 * a.acquired_share,
        100.0 * a.available_share,
        a.runs
    );
    s.push_str(&format!(
        "  {:<2}{:<44}{:>10} {:<18}{:>16}{:>16}{:>24}\n",
        "",
        "power (decision type)",
        "P(capture)",
        "  95% interval",
        "cheapest budget",
        "controls",
        "expected loss ± se"
    ));
    for (i, p) in a.powers.iter().enumerate() {
        let mut name = format!("{} ({})", p.power, p.decision_type);
        if !p.tiers.is_empty() {
            name = format!("{} [{}]", name, p.tiers.join(","));
        }
        if let Some(r) = &p.route {
            name = format!("{name} by {r}");
        }
        let mark = if a.target == Some(i) { "→" } else { "" };
        s.push_str(&format!(
            "  {mark:<2}{name:<44}{:>10.4}  [{:.4}, {:.4}]{:>16}{:>16}{:>24}\n",
            p.capture_probability,
            p.interval[0],
            p.interval[1],
            p.cheapest_budget.map_or("—".to_owned(), money),
            p.controls.map_or("—".to_owned(), money),
            p.expected_loss.map_or("—".to_owned(), |l| format!("{} ± {}", money(l.mean), money(l.se))),
        ));
        if !p.stopped_by.is_empty() && p.capture_probability < 1.0 {
            s.push_str(&format!("      in the way: {}\n", p.stopped_by.join("; ")));
        }
    }
    for x in &a.assumed {
        s.push_str(&format!("  assumed: {x}\n"));
    }
    s
}
