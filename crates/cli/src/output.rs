//! Presenting results: human text (coloured on a terminal) and JSON.

use crate::input::CliError;
use anstyle::{AnsiColor, Style};
use cogov_engine::validate::Report;
use cogov_model::Severity;
use std::io::Write;

const RED: Style = AnsiColor::Red.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default().bold();
const BLUE: Style = AnsiColor::Blue.on_default().bold();
const GREEN: Style = AnsiColor::Green.on_default().bold();
const DIM: Style = Style::new().dimmed();
const BOLD: Style = Style::new().bold();

/// Prints an error to standard error as `error[CODE]: file:line:col: message`.
pub fn print_error(e: &CliError) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "{RED}error[{}]{RED:#}: {BOLD}{}{BOLD:#}: {}", e.code, e.position(), e.message);
    let _ = writeln!(err, "  {DIM}{}{DIM:#}", e.title());
}

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Blocking => RED,
        Severity::Warning => YELLOW,
        Severity::Info => BLUE,
    }
}

/// Renders a validation report for people: findings grouped by severity, then a summary line.
pub fn render_report(file: &str, report: &Report) -> String {
    let mut s = String::new();
    for sev in [Severity::Blocking, Severity::Warning, Severity::Info] {
        let group: Vec<_> = report.findings.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        let st = severity_style(sev);
        s.push_str(&format!("{st}{} ({}){st:#}\n", sev.as_str(), group.len()));
        for f in group {
            let path = if f.path.is_empty() { "/" } else { f.path.as_str() };
            s.push_str(&format!("  {st}{}{st:#} {BOLD}{path}{BOLD:#}: {}\n", f.code, f.message));
            s.push_str(&format!("      {DIM}hint: {}{DIM:#}\n", f.hint));
        }
    }
    let count = |sev| report.findings.iter().filter(|f| f.severity == sev).count();
    let (b, w, i) = (count(Severity::Blocking), count(Severity::Warning), count(Severity::Info));
    let verdict = if b > 0 { format!("{RED}blocked{RED:#}") } else { format!("{GREEN}ok{GREEN:#}") };
    s.push_str(&format!(
        "{verdict}: {file} v{} — {b} blocking, {w} warning, {i} info — compliance {}/100 — {}\n",
        report.version.as_deref().unwrap_or("?"),
        report.compliance_score,
        report.fingerprint
    ));
    s
}

/// Prints text to standard output, stripping colours when it is not a terminal.
pub fn print_human(text: &str) {
    let mut out = anstream::stdout();
    let _ = out.write_all(text.as_bytes());
}

/// Prints one JSON value on one line (plus newline).
pub fn print_json<T: serde::Serialize>(value: &T) {
    let text = serde_json::to_string(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    print_exact(&format!("{text}\n"));
}

/// Prints text to standard output byte for byte. A reader that stops early (`cogov schema |
/// head`) is not an error: `print!` would panic on the broken pipe, this stops writing.
pub fn print_exact(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// The first `n` characters of `s` (all of it when shorter). Timestamps come from the
/// database, which anyone with the file can write: they are text, never sliced by bytes.
pub fn head(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

#[cfg(test)]
mod tests {
    use super::head;

    #[test]
    fn head_counts_characters_not_bytes() {
        assert_eq!(head("2026-01-02T03:04:05.678Z", 19), "2026-01-02T03:04:05");
        assert_eq!(head("short", 19), "short");
        assert_eq!(head("2026-01-02T03:04:0é5Z", 19), "2026-01-02T03:04:0é");
        assert_eq!(head("ééééé", 2), "éé");
        assert_eq!(head("", 3), "");
    }
}
