//! `cogov simulate CONFIG SCENARIO [--runs R] [--seed S] [--threads N] [--out DIR] [--format json]`:
//! a what-if simulation of a design under a scenario (RSM v1), against its baseline.

use crate::cmd::Format;
use crate::db::{AuthorArgs, DbArgs};
use crate::input::{self, CliError};
use crate::output;
use cogov_app::job::Job;
use cogov_app::sim::{Delta, Deltas, Inputs, Report, Summary, chart};
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

/// How a figure is written: its unit decides the decimals.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    /// A share, written as a percentage.
    Share,
    /// A count per run (a mean of whole numbers): two decimals, none when whole.
    Count,
    /// Money: whole units with thousands separators.
    Money,
    /// A variance or a number of steps: three decimals.
    Var,
}

/// `v` in `unit`, without a sign.
fn fmt_unit(v: f64, unit: Unit) -> String {
    if !v.is_finite() {
        return "—".to_owned();
    }
    match unit {
        Unit::Share => format!("{:.1}%", 100.0 * v),
        Unit::Count if v.fract() == 0.0 => format!("{v:.0}"),
        Unit::Count => format!("{v:.2}"),
        Unit::Money => thousands(v),
        Unit::Var => format!("{v:.3}"),
    }
}

/// A whole number with comma thousands separators (`-51,501`).
fn thousands(v: f64) -> String {
    let n = v.round().abs() as u128;
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v.round() < 0.0 { format!("-{out}") } else { out }
}

/// A change with its sign, and its 95% interval as `± half-width` (a share in points).
fn fmt_delta(d: &Delta, unit: Unit) -> String {
    let half = (d.hi - d.lo) / 2.0;
    let sign = if d.mean > 0.0 {
        "+"
    } else if d.mean < 0.0 {
        "-"
    } else {
        ""
    };
    match unit {
        Unit::Share => format!("{sign}{:.1} ± {:.1} pts", 100.0 * d.mean.abs(), 100.0 * half),
        _ => format!("{sign}{} ± {}", fmt_unit(d.mean.abs(), unit), fmt_unit(half, unit)),
    }
}

/// Columns of text padded to their widest cell, two spaces apart (numbers right-aligned), so
/// that no two columns run together whatever the figures.
fn table(rows: &[Vec<String>], right: &[bool]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width: Vec<usize> =
        (0..cols).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|x| x.chars().count()).max().unwrap_or(0)).collect();
    let mut s = String::new();
    for r in rows {
        let mut line = String::from("  ");
        for (c, cell) in r.iter().enumerate() {
            let pad = width[c].saturating_sub(cell.chars().count());
            if right.get(c).copied().unwrap_or(false) {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
            line.push_str("  ");
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

/// "within noise" when the change's 95% interval holds 0.
fn noise(d: Option<&Delta>) -> String {
    match d {
        Some(d) if d.within_noise => "within noise".to_owned(),
        Some(_) => String::new(),
        None => "—".to_owned(),
    }
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
    let none = Deltas::default();
    let dl = r.deltas.as_ref().unwrap_or(&none);
    let rows: [(&str, Unit, &Summary, &Summary, Option<&Delta>); 13] = [
        ("turnout", Unit::Share, &f.turnout, &b.turnout, dl.turnout.as_ref()),
        ("pass_rate", Unit::Share, &f.pass_rate, &b.pass_rate, dl.pass_rate.as_ref()),
        ("passed", Unit::Count, &f.passed, &b.passed, dl.passed.as_ref()),
        ("no_quorum", Unit::Count, &f.no_quorum, &b.no_quorum, None),
        ("rejected", Unit::Count, &f.rejected, &b.rejected, None),
        ("no_signers", Unit::Count, &f.no_signers, &b.no_signers, None),
        ("executed", Unit::Count, &f.executed, &b.executed, None),
        ("blocked", Unit::Count, &f.blocked, &b.blocked, None),
        ("insolvent", Unit::Count, &f.insolvent, &b.insolvent, None),
        ("final_balance", Unit::Money, &f.final_balance, &b.final_balance, dl.final_balance.as_ref()),
        ("min_balance", Unit::Money, &f.min_balance, &b.min_balance, None),
        ("throughput_mean", Unit::Var, &f.throughput_mean, &b.throughput_mean, None),
        (
            "throughput_variance",
            Unit::Var,
            &f.throughput_variance,
            &b.throughput_variance,
            dl.throughput_variance.as_ref(),
        ),
    ];
    let mut cells = vec![
        ["figure (per run)", "scenario mean", "± se", "p5 … p95", "baseline mean", "change (95% interval)", ""]
            .map(str::to_owned)
            .to_vec(),
    ];
    for (name, unit, x, y, d) in rows {
        cells.push(vec![
            name.to_owned(),
            fmt_unit(x.mean, unit),
            format!("± {}", fmt_unit(x.se, unit)),
            format!("{} … {}", fmt_unit(x.p5, unit), fmt_unit(x.p95, unit)),
            fmt_unit(y.mean, unit),
            d.map_or(String::new(), |d| fmt_delta(d, unit)),
            d.map_or(String::new(), |d| noise(Some(d))),
        ]);
    }
    s.push_str(&table(&cells, &[false, true, false, true, true, true, false]));
    s.push_str("  change: scenario minus baseline, run by run on the same random numbers\n");
    let d = &r.derived;
    let opt = |v: Option<f64>, unit: Unit, none: &str| v.map_or(none.to_owned(), |v| fmt_unit(v, unit));
    let change = |x: Option<&Delta>, unit: Unit| match x {
        Some(x) => format!("{}{}", fmt_delta(x, unit), if x.within_noise { ", within noise" } else { "" }),
        None => "—".to_owned(),
    };
    let mut derived = vec![vec![
        "derived".to_owned(),
        "scenario".to_owned(),
        "baseline".to_owned(),
        "change (95% interval)".to_owned(),
    ]];
    derived.push(vec![
        format!("continuity impact (from step {})", d.first_shock_step.map_or("—".to_owned(), |t| t.to_string())),
        opt(d.continuity_impact, Unit::Share, "n/a"),
        "0.0%".to_owned(),
        change(dl.continuity_impact.as_ref(), Unit::Share),
    ]);
    derived.push(vec![
        "runs ever insolvent".to_owned(),
        fmt_unit(d.solvency.insolvent_share, Unit::Share),
        fmt_unit(d.solvency.baseline_insolvent_share, Unit::Share),
        change(dl.insolvent_share.as_ref(), Unit::Share),
    ]);
    derived.push(vec![
        "runway (steps)".to_owned(),
        opt(d.solvency.runway_steps, Unit::Count, "infinite"),
        opt(d.solvency.baseline_runway_steps, Unit::Count, "infinite"),
        change(dl.runway_steps.as_ref(), Unit::Count),
    ]);
    derived.push(vec![
        "throughput variance".to_owned(),
        fmt_unit(d.throughput_variance.scenario.mean, Unit::Var),
        fmt_unit(d.throughput_variance.baseline.mean, Unit::Var),
        change(dl.throughput_variance.as_ref(), Unit::Var),
    ]);
    s.push('\n');
    s.push_str(&table(&derived, &[false, true, true, false]));
    if !dl.per_type.is_empty() {
        let mut per = vec![
            ["outcomes by type (change per run)", "passed", "no_quorum", "rejected", "no_signers"]
                .map(str::to_owned)
                .to_vec(),
        ];
        let cell = |x: &Option<Delta>| match x {
            Some(x) if x.within_noise => format!("{} ~", fmt_delta(x, Unit::Count)),
            Some(x) => fmt_delta(x, Unit::Count),
            None => "—".to_owned(),
        };
        for t in &dl.per_type {
            per.push(vec![t.id.clone(), cell(&t.passed), cell(&t.no_quorum), cell(&t.rejected), cell(&t.no_signers)]);
        }
        s.push('\n');
        s.push_str(&table(&per, &[false, true, true, true, true]));
        s.push_str("  ~ within noise: the 95% interval contains 0\n");
    }
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
