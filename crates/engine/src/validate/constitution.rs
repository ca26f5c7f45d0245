//! Constitutional invariants and amendment rules.

use super::Ctx;
use super::strength::Strength;
use cogov_model::{AmendmentRule, Code};

/// Every clause has a path to change, entrenched ones only by a supermajority, and no
/// amendment path is weaker than the rule the clause itself sets.
pub(super) fn constitution(cx: &mut Ctx) {
    let g = cx.gco;
    let Some(c) = &g.constitution else { return };
    let mut any_clause = false;
    let mut any_entrenched = false;
    for (i, a) in c.articles.iter().enumerate() {
        for (j, cl) in a.clauses.iter().enumerate() {
            any_clause = true;
            any_entrenched |= cl.entrenched;
            let at = format!("/constitution/articles/{i}/clauses/{j}");
            if cl.text.trim().is_empty() {
                cx.push(Code::EmptyClause, format!("{at}/text"), format!("clause `{}` has no text", cl.id));
            }
            let rules: Vec<&AmendmentRule> =
                c.amendment_rules.iter().filter(|r| r.clauses.iter().any(|x| *x == cl.id || *x == a.id)).collect();
            if rules.is_empty() {
                let (code, what) = if cl.entrenched {
                    (Code::EntrenchedNoPath, "entrenched clause")
                } else {
                    (Code::ClauseNoPath, "clause")
                };
                cx.push(code, at.clone(), format!("no amendment rule may change {what} `{}`", cl.id));
            }
            for r in rules {
                let Some(rule_dt) = g.decision_type(&r.decision_type) else { continue };
                if cl.entrenched && rule_dt.approval <= 0.5 {
                    let msg = format!(
                        "entrenched clause `{}` is amendable under rule `{}` by `{}` with approval {}",
                        cl.id, r.id, rule_dt.id, rule_dt.approval
                    );
                    cx.push(Code::EntrenchedSimpleMajority, at.clone(), msg);
                }
                if let Some(clause_dt) = cl.decision_type.as_deref().and_then(|d| g.decision_type(d)) {
                    let weaker = Strength::of(rule_dt, None).weaker_axes(&Strength::of(clause_dt, None));
                    if !weaker.is_empty() {
                        let msg = format!(
                            "rule `{}` changes clause `{}` by `{}`, weaker than the clause's own `{}`: {}",
                            r.id,
                            cl.id,
                            rule_dt.id,
                            clause_dt.id,
                            weaker.join(", ")
                        );
                        cx.push(Code::AmendmentWeakerThanClause, at.clone(), msg);
                    }
                }
            }
        }
    }
    if any_clause && !any_entrenched {
        cx.push(Code::NothingEntrenched, "/constitution", "no clause is entrenched");
    }
}
