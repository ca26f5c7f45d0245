//! Whether an amendment may be adopted, by the design's own rules.
//!
//! An amendment proposes new content for an adopted version and names the decision type that
//! votes on it. It may be adopted only when:
//! 1. every constitutional clause it touches (text, title, entrenchment, added or removed) is
//!    covered by an amendment rule *of the base version* whose decision type is the one voting;
//!    a rule covers a clause by naming it or its article, except that an **entrenched** clause
//!    is covered only by a rule that names the clause itself ("changes only by its own rule");
//! 2. the votes meet that decision type's quorum (cast weight / total weight) and approval
//!    (yes / (yes + no)), weights taken from the base version's members.
//!
//! Changes outside the constitution need no amendment rule; they still need the vote.

use crate::population;
use cogov_model::{ErrorCode, Gco};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// For.
    Yes,
    /// Against.
    No,
    /// Counts toward the quorum, not toward approval.
    Abstain,
}

/// A clause the amendment touches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TouchedClause {
    /// Its article's id.
    pub article: String,
    /// The clause's id.
    pub clause: String,
    /// Entrenched in the base or the proposed version.
    pub entrenched: bool,
}

/// Why an amendment cannot be adopted (or that it can).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Verdict {
    /// Whether it may be adopted.
    pub allowed: bool,
    /// The reason code when it may not.
    pub reason_code: Option<String>,
    /// Every reason, one line each.
    pub reasons: Vec<String>,
    /// The clauses it touches.
    pub touched: Vec<TouchedClause>,
    /// Cast weight / total weight.
    pub turnout: f64,
    /// Yes / (yes + no).
    pub approval: f64,
}

fn clauses(g: &Gco) -> BTreeMap<(String, String), (bool, serde_json::Value)> {
    let mut out = BTreeMap::new();
    for a in g.constitution.iter().flat_map(|c| &c.articles) {
        for c in &a.clauses {
            out.insert((a.id.clone(), c.id.clone()), (c.entrenched, serde_json::to_value(c).unwrap_or_default()));
        }
    }
    out
}

/// The clauses whose content differs between the two versions (added and removed included).
pub fn touched(base: &Gco, proposed: &Gco) -> Vec<TouchedClause> {
    let (a, b) = (clauses(base), clauses(proposed));
    let keys: BTreeSet<&(String, String)> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| a.get(*k).map(|x| &x.1) != b.get(*k).map(|x| &x.1))
        .map(|k| TouchedClause {
            article: k.0.clone(),
            clause: k.1.clone(),
            entrenched: a.get(k).is_some_and(|x| x.0) || b.get(k).is_some_and(|x| x.0),
        })
        .collect()
}

/// The public notice an amendment needs before its vote opens: the longest `notice_days` of the
/// base's amendment rules that let `decision_type` change a clause the amendment touches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Notice {
    /// The rule asking for it.
    pub rule: String,
    /// The clause it covers.
    pub clause: String,
    /// Days of notice.
    pub days: u32,
}

/// Whether `rule` covers clause `t` (an entrenched clause only by naming it).
fn covers(rule: &cogov_model::AmendmentRule, t: &TouchedClause) -> bool {
    rule.clauses.iter().any(|c| *c == t.clause || (!t.entrenched && *c == t.article))
}

/// The notice the amendment needs, if any rule of `decision_type` covering it asks for one.
pub fn notice(base: &Gco, proposed: &Gco, decision_type: &str) -> Option<Notice> {
    let rules = base.constitution.as_ref().map(|c| c.amendment_rules.as_slice()).unwrap_or_default();
    touched(base, proposed)
        .iter()
        .flat_map(|t| {
            rules.iter().filter(move |r| r.decision_type == decision_type && covers(r, t)).filter_map(move |r| {
                r.notice_days.filter(|d| *d > 0).map(|days| Notice {
                    rule: r.id.clone(),
                    clause: t.clause.clone(),
                    days,
                })
            })
        })
        .max_by_key(|n| n.days)
}

/// Decides whether `proposed` may replace `base`, voted by `decision_type` with `votes`
/// (member id → choice). Members who are not in the base version do not count.
pub fn check(base: &Gco, proposed: &Gco, decision_type: &str, votes: &BTreeMap<String, Choice>) -> Verdict {
    let touched = touched(base, proposed);
    let mut reasons = Vec::new();
    let mut code: Option<ErrorCode> = None;
    let rules = base.constitution.as_ref().map(|c| c.amendment_rules.as_slice()).unwrap_or_default();
    for t in &touched {
        let covering: Vec<&str> = rules.iter().filter(|r| covers(r, t)).map(|r| r.decision_type.as_str()).collect();
        if !covering.contains(&decision_type) {
            code.get_or_insert(ErrorCode::AmendmentNotAllowed);
            let own = if t.entrenched { " (entrenched: only a rule naming the clause itself)" } else { "" };
            reasons.push(if covering.is_empty() {
                format!("no amendment rule lets any decision type change clause `{}`{own}", t.clause)
            } else {
                format!(
                    "clause `{}`{own} may be changed only by {}, not by `{decision_type}`",
                    t.clause,
                    covering.join(" or ")
                )
            });
        }
    }
    let (mut turnout, mut approval) = (0.0, 0.0);
    match base.decision_type(decision_type) {
        None => {
            code.get_or_insert(ErrorCode::AmendmentNotAllowed);
            reasons.push(format!("the base version has no decision type `{decision_type}`"));
        }
        Some(dt) => {
            let members = population::members(base);
            let total: f64 = members.iter().map(|m| m.weight).sum();
            let weight: BTreeMap<&str, f64> = members.iter().map(|m| (m.id.as_str(), m.weight)).collect();
            let sum = |want: Choice| -> f64 {
                votes.iter().filter(|(_, c)| **c == want).filter_map(|(m, _)| weight.get(m.as_str())).sum()
            };
            let (yes, no, abstain) = (sum(Choice::Yes), sum(Choice::No), sum(Choice::Abstain));
            turnout = if total > 0.0 { (yes + no + abstain) / total } else { 0.0 };
            approval = if yes + no > 0.0 { yes / (yes + no) } else { 0.0 };
            if turnout < dt.quorum {
                code.get_or_insert(ErrorCode::AmendmentVoteFailed);
                reasons.push(format!(
                    "turnout {:.1}% is below `{decision_type}`'s quorum of {:.1}%",
                    turnout * 100.0,
                    dt.quorum * 100.0
                ));
            }
            if approval < dt.approval {
                code.get_or_insert(ErrorCode::AmendmentVoteFailed);
                reasons.push(format!(
                    "approval {:.1}% is below `{decision_type}`'s {:.1}%",
                    approval * 100.0,
                    dt.approval * 100.0
                ));
            }
        }
    }
    Verdict {
        allowed: code.is_none(),
        reason_code: code.map(|c| c.as_str().to_owned()),
        reasons,
        touched,
        turnout,
        approval,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_examples::example;

    /// Every member of the base votes `c`.
    fn all(base: &Gco, c: Choice) -> BTreeMap<String, Choice> {
        population::members(base).into_iter().map(|m| (m.id, c)).collect()
    }

    /// The first entrenched clause and the first ordinary one, with their articles.
    fn clause_ids(g: &Gco) -> ((usize, usize), (usize, usize)) {
        let c = g.constitution.as_ref().expect("constitution");
        let find = |e: bool| {
            c.articles
                .iter()
                .enumerate()
                .find_map(|(ai, a)| a.clauses.iter().position(|c| c.entrenched == e).map(|ci| (ai, ci)))
                .expect("clause")
        };
        (find(true), find(false))
    }

    /// worker-coop's `rules` rule asks 28 days before the rules-amendment vote on `admission`;
    /// a decision type no rule names for the clause asks none (its vote cannot adopt it anyway),
    /// and a change outside the constitution needs no notice.
    #[test]
    fn the_notice_is_the_longest_asked_by_a_rule_of_the_voting_type_covering_a_touched_clause() {
        let base = example("worker-coop");
        let mut proposed = base.clone();
        let c = proposed.constitution.as_mut().expect("constitution");
        let admission = c
            .articles
            .iter_mut()
            .find(|a| a.id == "membership")
            .and_then(|a| a.clauses.iter_mut().find(|c| c.id == "admission"))
            .expect("admission");
        admission.text.push_str(" Amended.");
        assert_eq!(
            notice(&base, &proposed, "rules-amendment"),
            Some(Notice { rule: "rules".into(), clause: "admission".into(), days: 28 })
        );
        assert_eq!(notice(&base, &proposed, "general-assembly"), None);
        let mut outside = base.clone();
        outside.decision_types[0].voting_period += 1;
        assert_eq!(notice(&base, &outside, "rules-amendment"), None);
    }

    #[test]
    fn a_clause_changed_by_a_decision_type_its_rule_does_not_name_cannot_be_adopted() {
        let base = example("token-dao");
        let (_, (ai, ci)) = clause_ids(&base);
        let mut proposed = base.clone();
        if let Some(c) = proposed.constitution.as_mut() {
            c.articles[ai].clauses[ci].text.push_str(" (amended)");
        }
        let rules = &base.constitution.as_ref().expect("c").amendment_rules;
        let clause = &base.constitution.as_ref().expect("c").articles[ai].clauses[ci];
        let article = &base.constitution.as_ref().expect("c").articles[ai].id;
        let allowed: Vec<&str> = rules
            .iter()
            .filter(|r| r.clauses.iter().any(|x| *x == clause.id || *x == *article))
            .map(|r| r.decision_type.as_str())
            .collect();
        let other =
            base.decision_types.iter().map(|d| d.id.as_str()).find(|d| !allowed.contains(d)).expect("another type");
        let v = check(&base, &proposed, other, &all(&base, Choice::Yes));
        assert!(!v.allowed);
        assert_eq!(v.reason_code.as_deref(), Some("GOV-S021"));
        assert!(v.reasons[0].contains(&clause.id), "{:?}", v.reasons);
        if let Some(ok) = allowed.first() {
            let v = check(&base, &proposed, ok, &all(&base, Choice::Yes));
            assert!(v.allowed, "{:?}", v.reasons);
            assert_eq!(v.touched.len(), 1);
        }
    }

    #[test]
    fn an_entrenched_clause_changes_only_by_a_rule_that_names_it() {
        let base = example("token-dao");
        let ((ai, ci), _) = clause_ids(&base);
        let mut proposed = base.clone();
        if let Some(c) = proposed.constitution.as_mut() {
            c.articles[ai].clauses[ci].text.push_str(" (amended)");
        }
        let c = base.constitution.as_ref().expect("c");
        let clause = &c.articles[ai].clauses[ci].id;
        for dt in &base.decision_types {
            let names_it = c.amendment_rules.iter().any(|r| r.decision_type == dt.id && r.clauses.contains(clause));
            let v = check(&base, &proposed, &dt.id, &all(&base, Choice::Yes));
            assert_eq!(v.allowed, names_it, "{} → {:?}", dt.id, v.reasons);
            assert!(v.touched[0].entrenched);
        }
    }

    #[test]
    fn the_vote_must_meet_quorum_and_approval() {
        let base = example("worker-coop");
        let mut proposed = base.clone();
        proposed.decision_types[0].voting_period += 1; // not constitutional: only the vote matters
        let dt = &base.decision_types[0];
        assert!(check(&base, &proposed, &dt.id, &all(&base, Choice::Yes)).allowed);
        let against = check(&base, &proposed, &dt.id, &all(&base, Choice::No));
        assert_eq!(against.reason_code.as_deref(), Some("GOV-S022"));
        assert_eq!(against.approval, 0.0);
        let nobody = check(&base, &proposed, &dt.id, &BTreeMap::new());
        assert!(!nobody.allowed && nobody.reasons.iter().any(|r| r.contains("quorum")), "{:?}", nobody.reasons);
        let strangers: BTreeMap<String, Choice> = [("nobody-here".to_owned(), Choice::Yes)].into();
        assert_eq!(check(&base, &proposed, &dt.id, &strangers).turnout, 0.0, "non-members do not count");
    }
}
