//! Treasury: categories, tiers (contiguity and strictness), budgets and limits.

use super::Ctx;
use super::strength::Strength;
use cogov_model::{AuthorizationTier, Code};

/// Every rule about the treasury.
pub(super) fn treasury(cx: &mut Ctx) {
    let Some(t) = &cx.gco.treasury else { return };
    if t.categories.is_empty() {
        cx.push(Code::NoTreasuryCategories, "/treasury/categories", "the treasury has no spending categories");
    }
    let shares: f64 = t.categories.iter().filter_map(|c| c.budget_share).sum();
    if shares > 1.0 + 1e-9 {
        cx.push(Code::BudgetOverAllocated, "/treasury/categories", format!("budget shares add up to {shares}"));
    }
    let yearly: f64 = t.inflows.iter().map(|f| f.amount * f.period.per_year()).sum();
    if t.balance == 0.0 && yearly == 0.0 {
        cx.push(Code::EmptyTreasury, "/treasury", "the treasury has no balance and no inflows");
    }
    for (i, l) in t.spending_limits.iter().enumerate() {
        if l.amount > t.balance + yearly {
            let msg = format!("limit {} exceeds balance {} plus a year of inflows {yearly}", l.amount, t.balance);
            cx.push(Code::LimitExceedsFunds, format!("/treasury/spending_limits/{i}/amount"), msg);
        }
    }
    if t.tiers.is_empty() {
        cx.push(Code::NoTiers, "/treasury/tiers", "the treasury has no authorisation tiers");
        return;
    }
    tiers(cx, &t.tiers);
}

fn tiers(cx: &mut Ctx, tiers: &[AuthorizationTier]) {
    let at = |i: usize| format!("/treasury/tiers/{i}");
    for (i, t) in tiers.iter().enumerate() {
        if t.max.is_some_and(|m| t.min >= m) {
            let msg = format!("tier `{}` runs from {} to {}", t.id, t.min, t.max.unwrap_or_default());
            cx.push(Code::EmptyTier, at(i), msg);
        }
    }
    // Walk the tiers in amount order; ties keep declaration order.
    let mut order: Vec<usize> = (0..tiers.len()).collect();
    order.sort_by(|&a, &b| tiers[a].min.total_cmp(&tiers[b].min));
    let first = &tiers[order[0]];
    if first.min > 0.0 {
        let msg = format!("no tier covers amounts from 0 to {} (tier `{}` starts there)", first.min, first.id);
        cx.push(Code::TiersGap, at(order[0]), msg);
    }
    for w in order.windows(2) {
        let (lo, hi) = (&tiers[w[0]], &tiers[w[1]]);
        match lo.max {
            None => {
                let msg = format!("tier `{}` is unbounded, so it covers tier `{}` too", lo.id, hi.id);
                cx.push(Code::TiersOverlap, at(w[1]), msg);
            }
            Some(m) if m > hi.min => {
                let msg = format!("tiers `{}` and `{}` both cover {}..{m}", lo.id, hi.id, hi.min);
                cx.push(Code::TiersOverlap, at(w[1]), msg);
            }
            Some(m) if m < hi.min => {
                let msg = format!("no tier covers {m}..{} (between `{}` and `{}`)", hi.min, lo.id, hi.id);
                cx.push(Code::TiersGap, at(w[1]), msg);
            }
            Some(_) => {}
        }
        let g = cx.gco;
        if let (Some(dlo), Some(dhi)) = (g.decision_type(&lo.decision_type), g.decision_type(&hi.decision_type)) {
            let weaker = Strength::of(dhi, hi.signers.as_ref()).weaker_axes(&Strength::of(dlo, lo.signers.as_ref()));
            if !weaker.is_empty() {
                let msg = format!(
                    "tier `{}` (`{}`) is weaker than the lower tier `{}` (`{}`): {}",
                    hi.id,
                    hi.decision_type,
                    lo.id,
                    lo.decision_type,
                    weaker.join(", ")
                );
                cx.push(Code::WeakerHigherTier, format!("{}/decision_type", at(w[1])), msg);
            }
        }
    }
    if let Some(&last) = order.last() {
        if let Some(m) = tiers[last].max {
            let msg = format!("spends of {m} or more have no decision path (tier `{}` ends there)", tiers[last].id);
            cx.push(Code::TopTierBounded, format!("{}/max", at(last)), msg);
        }
    }
    for (i, t) in tiers.iter().enumerate() {
        if let Some(s) = &t.signers {
            super::decisions::signers(cx, &format!("{}/signers", at(i)), &t.id, s);
        }
    }
}
