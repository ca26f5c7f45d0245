//! `cogov tour [DIR]`: a short guided tour over the example designs — validate each one,
//! show its shape and fingerprint, and prove the round trips that keep the fingerprint.

use crate::input::{self, CliError};
use crate::output;
use anstyle::{AnsiColor, Style};
use cogov_engine::{constitution, intake, population, validate};
use std::fmt::Write as _;
use std::process::ExitCode;

const H: Style = AnsiColor::Cyan.on_default().bold();
const OK: Style = AnsiColor::Green.on_default().bold();
const BAD: Style = AnsiColor::Red.on_default().bold();
const DIM: Style = Style::new().dimmed();

/// Arguments of `cogov tour`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directory of example designs.
    #[arg(default_value = "examples")]
    pub dir: String,
}

/// Walks every `*.json` design in the directory; exits 1 if any has blocking findings.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let mut files: Vec<_> = std::fs::read_dir(&args.dir)
        .map_err(|e| CliError::io(&args.dir, &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut s = format!(
        "{H}CoGov Studio — a tour of {} example designs{H:#}\n{DIM}Each design is read, validated against {} rules, \
         fingerprinted, and round-tripped through canonical JSON and the constitution document.{DIM:#}\n\n",
        files.len(),
        cogov_model::Code::ALL.len()
    );
    let mut blocked = false;
    for path in &files {
        let name = path.display().to_string();
        let (_, doc) = input::load(&name)?;
        let report = validate::report(&doc);
        blocked |= report.is_blocking();
        let Some(gco) = doc.gco else {
            s.push_str(&output::render_report(&name, &report));
            continue;
        };
        let members = population::members(&gco);
        let _ = writeln!(
            s,
            "{H}{}{H:#} {DIM}({:?}, v{}){DIM:#}\n  {} members, {} roles, {} decision types, expected turnout {:.1}%",
            gco.identity.display_name.as_deref().unwrap_or(&gco.identity.name),
            gco.identity.kind,
            gco.identity.version,
            members.len(),
            gco.roles.len(),
            gco.decision_types.len(),
            population::expected_turnout(&members) * 100.0
        );
        let verdict = if report.is_blocking() { format!("{BAD}blocked{BAD:#}") } else { format!("{OK}valid{OK:#}") };
        let _ = writeln!(
            s,
            "  {verdict}, compliance {}/100, {} finding(s)",
            report.compliance_score,
            report.findings.len()
        );
        let fp = gco.fingerprint();
        let canonical = intake::from_json_bytes(gco.canonical_json().as_bytes()).ok().and_then(|d| d.gco);
        let md = constitution::parse(&constitution::export(&gco)).ok().map(intake::from_value).and_then(|d| d.gco);
        let same = |g: Option<cogov_model::Gco>| match g {
            Some(g) if g.fingerprint() == fp => format!("{OK}same fingerprint{OK:#}"),
            _ => format!("{BAD}fingerprint changed{BAD:#}"),
        };
        let _ = writeln!(s, "  fingerprint {fp}");
        let _ =
            writeln!(s, "  canonical JSON round trip: {}; constitution round trip: {}\n", same(canonical), same(md));
    }
    let _ = writeln!(
        s,
        "{H}Next{H:#}: `cogov validate FILE` for the findings, `cogov onboard` to design one by dialogue,\n\
         `cogov export constitution FILE` for the constitution document, `cogov codes` for every rule."
    );
    output::print_human(&s);
    Ok(if blocked { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
