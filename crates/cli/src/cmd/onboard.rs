//! `cogov onboard [--answers FILE] [--out FILE] [--save-answers FILE]`: the guided onboarding
//! dialogue.
//!
//! Questions go to standard error and answers come from standard input, one line each, so
//! the dialogue works on a terminal, under tmux and when piped, while standard output
//! carries only the GCO. Enter accepts the offered answer, `<` goes back, `?` explains again;
//! at the end of input the remaining questions take their defaults.

use crate::input::{self, CliError};
use crate::output;
use anstyle::{AnsiColor, Style};
use cogov_engine::onboarding::{Kind, Question, Session};
use cogov_engine::{intake, validate};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const HEAD: Style = AnsiColor::Cyan.on_default().bold();
const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const BAD: Style = AnsiColor::Red.on_default().bold();
const NOTE: Style = AnsiColor::Yellow.on_default();

/// Arguments of `cogov onboard`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Run from an answers file instead of asking (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub answers: Option<String>,
    /// Write the GCO here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Also write the answers as an answers file, to replay with `--answers`.
    #[arg(long, value_name = "FILE")]
    pub save_answers: Option<PathBuf>,
}

/// Runs the dialogue (or replays an answers file), validates the design and writes it.
/// Exit 0 without blocking findings, 1 with, 2 when an input cannot be read.
pub fn run(args: Args) -> Result<ExitCode, CliError> {
    let session = match &args.answers {
        Some(path) => from_file(path)?,
        None => {
            let stdin = std::io::stdin();
            // A terminal echoes what is typed; piped input is echoed so the transcript reads.
            let echo = !stdin.is_terminal();
            converse(&mut stdin.lock(), &mut anstream::stderr(), echo)?
        }
    };
    if let Some(path) = &args.save_answers {
        input::write_output(Some(path), &pretty(&session.answers()))?;
    }
    let source = args.answers.as_deref().unwrap_or("answers");
    let value = session.finish().map_err(|inner| CliError::intake(source.to_owned(), inner))?;
    let doc = intake::from_value(value);
    let report = validate::report(&doc);
    let name = args.out.as_ref().map_or_else(|| "(standard output)".to_owned(), |p| p.display().to_string());
    let _ = anstream::stderr().write_all(output::render_report(&name, &report).as_bytes());
    input::write_output(args.out.as_deref(), &pretty(&doc.value))?;
    Ok(if report.is_blocking() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn pretty(v: &serde_json::Value) -> String {
    format!("{}\n", serde_json::to_string_pretty(&cogov_model::sort_keys(v.clone())).unwrap_or_default())
}

/// A session with every answer of the file (which must fit the script).
fn from_file(path: &str) -> Result<Session, CliError> {
    let bytes = input::read_bounded(path)?;
    let value = intake::parse_json(&bytes).map_err(|inner| CliError::intake(path.to_owned(), inner))?;
    Session::from_answers(&value).map_err(|inner| CliError::intake(path.to_owned(), inner))
}

/// What one line of input asks for.
enum Reply {
    /// Take the offered answer.
    Accept,
    /// Go back one question.
    Back,
    /// Explain the question again.
    Explain,
    /// An answer as typed.
    Typed(String),
    /// Input has ended.
    End,
}

fn read_reply(input: &mut impl BufRead, out: &mut impl Write, echo: bool) -> Result<Reply, CliError> {
    let mut line = String::new();
    if input.read_line(&mut line).map_err(|e| CliError::io("-", &e))? == 0 {
        return Ok(Reply::End);
    }
    if echo {
        let _ = writeln!(out, "{}", line.trim_end());
    }
    Ok(match line.trim() {
        "" => Reply::Accept,
        "<" | "back" => Reply::Back,
        "?" => Reply::Explain,
        text => Reply::Typed(text.to_owned()),
    })
}

/// Asks every question on `out`, reading one line per answer from `input` (echoed to `out`
/// with `echo`).
pub fn converse(input: &mut impl BufRead, out: &mut impl Write, echo: bool) -> Result<Session, CliError> {
    let mut session = Session::new();
    let script = session.script();
    let _ = writeln!(out, "{HEAD}{}{HEAD:#}\n{DIM}{}{DIM:#}", script.title, script.intro);
    let _ = writeln!(out, "{DIM}Enter accepts the answer in [brackets]; `<` goes back; `?` explains again.{DIM:#}");
    let mut section = "";
    let mut explained = "";
    while let Some(q) = session.current() {
        if q.section != section {
            section = &q.section;
            let _ = writeln!(out, "\n{HEAD}── {section} ──{HEAD:#}");
        }
        let (done, total) = session.progress();
        let _ = writeln!(out, "\n{BOLD}[{}/{total}] {}{BOLD:#}", done + 1, q.prompt);
        if explained != q.id {
            explain(out, q);
            explained = &q.id;
        }
        let offered = session.suggestion().unwrap_or_default();
        let _ = write!(out, "  [{}] > ", shown(q, &offered));
        let _ = out.flush();
        let value = match read_reply(input, out, echo)? {
            Reply::End => {
                let left = total - done;
                let _ = writeln!(
                    out,
                    "\n{NOTE}(end of input: the remaining {left} question(s) take their defaults){NOTE:#}"
                );
                break;
            }
            Reply::Back => {
                if !session.back() {
                    let _ = writeln!(out, "  {NOTE}this is the first question{NOTE:#}");
                }
                continue;
            }
            Reply::Explain => {
                explain(out, q);
                continue;
            }
            Reply::Accept => offered,
            Reply::Typed(text) => match q.parse_input(&text) {
                Ok(v) => v,
                Err(why) => {
                    let _ = writeln!(out, "  {BAD}✗{BAD:#} {why}");
                    continue;
                }
            },
        };
        let remarks: Vec<String> = q.remarks_for(&value).into_iter().map(str::to_owned).collect();
        match session.answer(value) {
            Ok(()) => remarks.iter().for_each(|r| {
                let _ = writeln!(out, "  {NOTE}→ {r}{NOTE:#}");
            }),
            Err(e) => {
                let _ = writeln!(out, "  {BAD}✗{BAD:#} {}", e.message);
            }
        }
    }
    let _ = writeln!(out, "\n{DIM}{}{DIM:#}\n", script.outro);
    Ok(session)
}

/// Why the question matters, what a number counts, and what each option of a choice means.
fn explain(out: &mut impl Write, q: &Question) {
    let _ = writeln!(out, "  {DIM}{}{DIM:#}", q.why);
    if let Some(unit) = q.kind.numeric().and_then(|n| n.unit.as_deref()) {
        let _ = writeln!(out, "  {DIM}({unit}){DIM:#}");
    }
    if let Kind::Choice(c) = &q.kind {
        for (i, o) in c.options.iter().enumerate() {
            let _ = writeln!(out, "    {BOLD}{}){BOLD:#} {} {DIM}— {}{DIM:#}", i + 1, o.label, o.explain);
        }
    }
}

/// The offered answer as a person would type it (a choice by its label).
fn shown(q: &Question, v: &serde_json::Value) -> String {
    match &q.kind {
        Kind::Choice(c) => c
            .options
            .iter()
            .find(|o| Some(o.value.as_str()) == v.as_str())
            .map_or_else(|| q.display(v), |o| o.label.clone()),
        _ => q.display(v),
    }
}
