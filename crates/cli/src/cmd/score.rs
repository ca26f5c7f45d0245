//! `cogov score FILE [--against OLDER] [--format human|json]`: the six risk scores.
//!
//! With `--format json` the output is one object:
//! `{"model_version", "scores": {NAME: {"value", "level", "explanation"}}, "alerts": [...]}`,
//! the six names in snake_case; with `--against`, each score also has `"delta"` and the
//! object names the version compared with (`"against"`). A design with blocking findings is
//! scored all the same (the scores show where the risk sits) and the object then has
//! `"blocked": {"code": "GOV-P001", "blocking": [...]}`: it cannot be built or bundled.

use crate::cmd::Format;
use crate::db::DbArgs;
use crate::input::{self, CliError};
use crate::output;
use cogov_engine::risk::{self, Level, Scores};
use cogov_model::Gco;
use serde::Serialize;
use std::process::ExitCode;

/// Arguments of `cogov score`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A GCO (.json), a constitution document (.md) or an answers file.
    pub file: String,
    /// The last ratified version to measure drift from and compare with: a file, or a stored
    /// `NAME@VERSION` (or `VERSION`).
    #[arg(long, value_name = "OLDER")]
    pub against: Option<String>,
    #[command(flatten)]
    db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Serialize)]
struct OneScore<'a> {
    value: f64,
    level: Level,
    explanation: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    delta: Option<f64>,
}

#[derive(Serialize)]
struct Alert<'a> {
    score: &'static str,
    value: f64,
    threshold: f64,
    explanation: &'a str,
}

#[derive(Serialize)]
struct Out<'a> {
    model_version: &'static str,
    scores: serde_json::Map<String, serde_json::Value>,
    alerts: Vec<Alert<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    against: Option<String>,
    /// Present when the design has blocking findings (scored all the same).
    #[serde(skip_serializing_if = "Option::is_none")]
    blocked: Option<Blocked<'a>>,
}

#[derive(Serialize)]
struct Blocked<'a> {
    code: &'static str,
    blocking: &'a [String],
}

fn load_older(args: &Args, spec: &str) -> Result<Gco, CliError> {
    cogov_app::store::design_at(spec, args.db.db.as_deref())
}

/// Exit 0 when scored (alerts are data, listed in the output), 2 when an input cannot be read.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let gco = input::load_gco(&args.file)?;
    let older = match &args.against {
        Some(spec) => Some(load_older(&args, spec)?),
        None => None,
    };
    let scored = cogov_app::score::score(&gco, older.as_ref());
    let (scores, comparison) = (&scored.scores, scored.comparison.as_ref());
    let delta = |name| comparison.and_then(|c| c.deltas.iter().find(|d| d.name == name)).map(|d| d.delta);
    match args.format {
        Format::Json => {
            let mut map = serde_json::Map::new();
            for s in &scores.scores {
                let one =
                    OneScore { value: s.value, level: s.level, explanation: &s.explanation, delta: delta(s.name) };
                map.insert(s.name.as_str().to_owned(), serde_json::to_value(one).unwrap_or_default());
            }
            let alerts = scores
                .alerts()
                .map(|s| Alert {
                    score: s.name.as_str(),
                    value: s.value,
                    threshold: s.threshold.alert,
                    explanation: &s.explanation,
                })
                .collect();
            output::print_json(&Out {
                model_version: scores.model_version,
                scores: map,
                alerts,
                against: scores.ratified.clone(),
                blocked: scored.blocked.as_ref().map(|b| Blocked { code: b.code.as_str(), blocking: &b.blocking }),
            });
        }
        Format::Human => {
            let mut text = render(scores, comparison);
            if let Some(b) = &scored.blocked {
                text.push_str(&format!(
                    "blocked: {} — {} blocking finding(s) ({}): scored all the same; it cannot be built or bundled\n",
                    b.code,
                    b.blocking.len(),
                    b.blocking.join(", ")
                ));
            }
            output::print_human(&text);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The scores for people: one line per score, its explanation under it, deltas when compared.
pub fn render(scores: &Scores, comparison: Option<&risk::Comparison>) -> String {
    let src = &scores.source;
    let mut s =
        format!("risk of {}@{} ({}), model {}", src.instance, src.version, src.fingerprint, scores.model_version);
    if let Some(c) = comparison {
        s.push_str(&format!(", compared with {}", c.from.version));
    }
    s.push('\n');
    for sc in &scores.scores {
        let d = comparison.and_then(|c| c.deltas.iter().find(|d| d.name == sc.name));
        let delta = match d {
            Some(d) if d.delta != 0.0 => {
                format!(
                    "  {:+.3} ({}){}",
                    d.delta,
                    if d.worse { "worse" } else { "better" },
                    if d.old_level != d.new_level { format!(", was {}", d.old_level.as_str()) } else { String::new() }
                )
            }
            Some(_) => "  unchanged".into(),
            None => String::new(),
        };
        let bar = if sc.higher_is_worse { "≥" } else { "≤" };
        s.push_str(&format!(
            "  {:<6} {:<24} {:>8.3}  (watch {bar} {}, alert {bar} {}){delta}\n         {}\n",
            sc.level.as_str(),
            sc.name.as_str(),
            sc.value,
            sc.threshold.watch,
            sc.threshold.alert,
            sc.explanation
        ));
    }
    let alerts: Vec<&str> = scores.alerts().map(|a| a.name.as_str()).collect();
    s.push_str(&if alerts.is_empty() {
        "no alerts\n".to_owned()
    } else {
        format!("{} alert(s): {}\n", alerts.len(), alerts.join(", "))
    });
    s
}
