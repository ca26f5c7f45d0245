//! Findings about a design: what validation returns, as data.

use crate::codes::{Code, Severity};
use serde::{Deserialize, Serialize};

/// One finding: a rule's verdict on one place of the design.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    /// Stable reason code, e.g. `GOV-E301`.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub code: Code,
    /// Severity of the rule.
    pub severity: Severity,
    /// JSON pointer to the place in the GCO (`""` for the whole document).
    pub path: String,
    /// What is wrong here, with the values involved.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl Finding {
    /// A finding of `code` at `path`, with the catalogue's severity and hint.
    pub fn new(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: code.severity(),
            path: path.into(),
            message: message.into(),
            hint: code.hint().to_owned(),
        }
    }

    /// Whether this finding stops the pipeline.
    pub fn is_blocking(&self) -> bool {
        self.severity == Severity::Blocking
    }
}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The compliance score, 0..=100: the weighted share of catalogue rules with no finding.
///
/// Each rule weighs 10 (blocking), 3 (warning) or 1 (info). A design with any blocking
/// finding scores at most 49, so a passing score always means "can be compiled".
pub fn compliance_score(findings: &[Finding]) -> u32 {
    let failed: std::collections::HashSet<Code> = findings.iter().map(|f| f.code).collect();
    let total: u32 = Code::ALL.iter().map(|c| c.severity().score_weight()).sum();
    let passed: u32 = Code::ALL.iter().filter(|c| !failed.contains(c)).map(|c| c.severity().score_weight()).sum();
    // Integer arithmetic keeps the score identical on every platform; flooring keeps 100
    // for a design with no finding at all.
    let score = passed * 100 / total;
    if findings.iter().any(Finding::is_blocking) { score.min(49) } else { score }
}

/// Sorts findings into their stable report order: severity, then path, then code, then message.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| (a.severity, &a.path, a.code, &a.message).cmp(&(b.severity, &b.path, b.code, &b.message)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_is_100_without_findings_and_capped_with_a_blocking_one() {
        assert_eq!(compliance_score(&[]), 100);
        let warn = Finding::new(Code::ZeroVotingDelay, "/decision_types/0", "x");
        let w = compliance_score(std::slice::from_ref(&warn));
        assert!(w < 100 && w > 90, "{w}");
        let block = Finding::new(Code::QuorumUnreachable, "/decision_types/0", "x");
        assert!(compliance_score(&[warn, block]) <= 49);
    }

    #[test]
    fn pointer_tokens_escape_tilde_and_slash() {
        assert_eq!(escape_pointer_token("a/b~c"), "a~1b~0c");
    }
}
