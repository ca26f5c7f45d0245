//! `cogov metrics [--design NAME]`: the pipeline's figures from the records.

use crate::cmd::Format;
use crate::db::DbArgs;
use crate::input::CliError;
use crate::output;
use cogov_app::records::metrics::{Metrics, Summary};
use std::process::ExitCode;

/// Arguments of `cogov metrics`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this design [default: every design in the store].
    #[arg(long, value_name = "NAME")]
    design: Option<String>,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Exit 0.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let store = args.db.open()?;
    let m = store.metrics(args.design.as_deref())?;
    match args.format {
        Format::Json => output::print_json(&m),
        Format::Human => output::print_human(&render(&m)),
    }
    Ok(ExitCode::SUCCESS)
}

fn pct(r: Option<f64>) -> String {
    r.map_or("-".into(), |r| format!("{:.0}%", r * 100.0))
}

fn summary(s: &Summary, unit: &str) -> String {
    if s.count == 0 {
        return "-".into();
    }
    format!("mean {:.1} {unit}, p50 {:.1}, p95 {:.1}, max {:.1} (n={})", s.mean, s.p50, s.p95, s.max, s.count)
}

fn render(m: &Metrics) -> String {
    let mut s = format!("metrics of {}\n", m.instance.as_deref().unwrap_or("every design"));
    s.push_str(&format!("  builds            {} ({} passed)\n", m.builds, m.builds_passed));
    for d in &m.builds_per_day {
        s.push_str(&format!("    {}  {:>4} passed {:>4} failed\n", d.day, d.passed, d.failed));
    }
    s.push_str(&format!("  build time        {}\n", summary(&m.build_ms, "ms")));
    for st in &m.stage_ms {
        s.push_str(&format!("    {:<10} {}\n", st.stage, summary(&st.ms, "ms")));
    }
    s.push_str(&format!("  validation pass   {} of {} validations\n", pct(m.validation_pass_rate), m.validations));
    for c in &m.top_reason_codes {
        s.push_str(&format!("    {} x{}\n", c.code, c.count));
    }
    let gates: Vec<String> = m.gate_failures.iter().map(|c| format!("{} x{}", c.code, c.count)).collect();
    s.push_str(&format!("  gate failures     {}\n", if gates.is_empty() { "none".into() } else { gates.join(", ") }));
    s.push_str(&format!(
        "  releases          {} steps, {} refused, success {}\n",
        m.releases,
        m.releases_refused,
        pct(m.release_success_rate)
    ));
    s.push_str(&format!(
        "  rollbacks         {} of versions, {} of channels, {} per version\n",
        m.version_rollbacks,
        m.release_rollbacks,
        m.rollback_rate.map_or("-".into(), |r| format!("{r:.2}"))
    ));
    s.push_str(&format!("  cases             {} ({} open)\n", m.cases, m.cases_open));
    s.push_str(&format!("  case lead time    {}\n", summary(&m.case_lead_time_hours, "h")));
    s
}
