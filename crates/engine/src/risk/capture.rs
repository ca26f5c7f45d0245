//! Cost of capture (risk model `cogov-risk/2`): for every power a decision type confers, the
//! cheapest stake an *outsider* must assemble to pass it alone, given what weight can be
//! acquired (bought ahead, borrowed, flash-loaned), when weight is read, the quorum at the
//! expected turnout and its counting, the proposal threshold, and the fixed bodies (signers,
//! guardians, councils) that must also be captured; set against what the power controls, and
//! which powers execute with nothing in between (safeguard coverage). `docs/risk-model.md`
//! gives the formulas and their reasons.
//!
//! Pure and linear in the members: the turnout and the role holders are read once.

use super::metrics::{Context, Metric};
use cogov_model::{
    Acquirable, Clock, DecisionType, Gco, OrgKind, Power, QuorumCounting, Signers, VetoHolder, WeightSnapshot,
};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::HashMap;

/// One day in seconds: a voting delay shorter than this leaves borrowed weight in reach.
pub const DAY: f64 = 86_400.0;

/// Converts a duration of a decision type's clock to seconds (blocks without a block time: 0).
pub fn seconds(dt: &DecisionType, v: u64) -> f64 {
    match dt.clock {
        Clock::Time => v as f64,
        Clock::Blocks { block_time } => v as f64 * block_time.unwrap_or(0.0),
    }
}

/// How voting weight behaves, as the design states it or as assumed, with the assumptions named.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WeightModel {
    /// When weight is read.
    pub snapshot: WeightSnapshot,
    /// Whether weight changes hands.
    pub transferable: bool,
    /// What an outsider could acquire.
    pub acquirable: Acquirable,
    /// Price of one unit of weight, if known.
    pub token_price: Option<f64>,
    /// What was assumed, one line each (e.g. "weight source unknown: assumed live").
    pub assumed: Vec<String>,
}

impl WeightModel {
    /// Reads `voting_weight`, filling what is absent with the defaults of model 2: weight read
    /// `live`; transferable for a DAO and not otherwise (membership and seats do not trade);
    /// transferable weight wholly circulating, none borrowable, none locked.
    pub fn of(gco: &Gco) -> WeightModel {
        let vw = gco.voting_weight.clone().unwrap_or_default();
        let mut assumed = Vec::new();
        let snapshot = vw.weight_snapshot.unwrap_or_else(|| {
            assumed.push("weight source unknown: assumed live (read at the moment of voting)".to_owned());
            WeightSnapshot::Live
        });
        let transferable = vw.weight_transferable.unwrap_or_else(|| {
            let dao = gco.identity.kind == OrgKind::Dao;
            assumed.push(if dao {
                "weight transferability unknown: assumed transferable (a DAO's tokens)".to_owned()
            } else {
                "weight transferability unknown: assumed not transferable (membership or seats)".to_owned()
            });
            dao
        });
        let acquirable = match vw.acquirable {
            Some(a) => a,
            None if transferable => {
                assumed.push(
                    "acquirable shares unknown: assumed all weight circulating, none borrowable, none locked"
                        .to_owned(),
                );
                Acquirable { circulating: 1.0, borrowable: 0.0, locked: 0.0 }
            }
            None => Acquirable::default(),
        };
        WeightModel { snapshot, transferable, acquirable, token_price: vw.token_price, assumed }
    }

    /// Whether borrowed weight counts on this decision type: read live, or at vote start after
    /// a delay shorter than a day (long enough to borrow across, too short to notice).
    pub fn borrowed_counts(&self, dt: &DecisionType) -> bool {
        match self.snapshot {
            WeightSnapshot::Live => true,
            WeightSnapshot::VoteStart => seconds(dt, dt.voting_delay) < DAY,
            WeightSnapshot::ProposalCreated => false,
        }
    }

    /// Whether weight can be flash-loaned within one block: read live, or at vote start with no delay.
    pub fn flash_loanable(&self, dt: &DecisionType) -> bool {
        self.transferable
            && self.acquirable.borrowable > 0.0
            && match self.snapshot {
                WeightSnapshot::Live => true,
                WeightSnapshot::VoteStart => dt.voting_delay == 0,
                WeightSnapshot::ProposalCreated => false,
            }
    }
}

/// The powers of a decision type: declared, else inferred from the treasury tiers (and their
/// routes), the amendment rules and the elections that name it. The flag says "inferred".
pub fn powers_of(gco: &Gco, dt: &DecisionType) -> (Vec<Power>, bool) {
    if !dt.powers.is_empty() {
        return (dt.powers.clone(), false);
    }
    let mut out = Vec::new();
    let tiers: Vec<String> = gco
        .treasury
        .iter()
        .flat_map(|t| &t.tiers)
        .filter(|t| t.decision_type == dt.id || t.routes.iter().any(|r| r.decision_type == dt.id))
        .map(|t| t.id.clone())
        .collect();
    if !tiers.is_empty() {
        out.push(Power::Treasury { tiers });
    }
    if gco.constitution.iter().flat_map(|c| &c.amendment_rules).any(|r| r.decision_type == dt.id) {
        out.push(Power::AmendRules);
    }
    if gco.roles.iter().any(|r| r.eligibility.elected_by.as_deref() == Some(dt.id.as_str())) {
        out.push(Power::AppointRemove);
    }
    (out, true)
}

/// Powers whose capture hands over the whole system (its code, its supply or its keys).
pub fn is_critical(p: &Power) -> bool {
    matches!(p, Power::ArbitraryExecution | Power::ContractUpgrade | Power::Mint | Power::ControlTransfer)
}

/// Whether a fixed body (guardian or council) may cancel during the timelock.
pub fn has_body_veto(dt: &DecisionType) -> bool {
    seconds(dt, dt.timelock) > 0.0 && dt.veto.iter().any(|v| !matches!(v, VetoHolder::TokenHolders { .. }))
}

/// One path by which a power is exercised, and what capturing it takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PowerCapture {
    /// The decision type.
    pub decision_type: String,
    /// The power's kind (`treasury`, `mint`, …).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub power: &'static str,
    /// For treasury powers, the tiers; for a tier route, the route id.
    pub tiers: Vec<String>,
    /// The tier route, when the path is a route other than the tier's normal decision type.
    pub route: Option<String>,
    /// Whether the power was inferred rather than declared.
    pub inferred: bool,
    /// Share of all weight the outsider must vote with (JSON null when unbounded: approval 100%).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub need: f64,
    /// What sets `need`: the binding constraint, for people.
    pub binding: String,
    /// Share of all weight the outsider can borrow at the time weight is read.
    pub borrowed: f64,
    /// Share the outsider must buy ahead (`need − borrowed`, at least 0).
    pub bought: f64,
    /// Whether the borrowed part can be flash-loaned within one block.
    pub flash_loan: bool,
    /// Fixed bodies the outsider cannot buy and must also capture (signers, vetoes); or why
    /// weight cannot be acquired at all.
    pub blocked_by: Vec<String>,
    /// Whether an outsider can capture the power by acquiring weight alone.
    pub capturable: bool,
    /// Money to buy `bought`, when the design gives a token price.
    pub cost: Option<f64>,
    /// What the power controls, in the treasury's currency (tier capacity or all funds).
    pub controls: Option<f64>,
    /// `controls / cost` (None without a price; infinite, JSON null, when the capture costs nothing).
    pub profitability: Option<f64>,
    /// Risk of this path, 0..1: 0 when not capturable, else `1 − min(1, 2 · bought)`.
    pub risk: f64,
    /// Seconds between adoption and execution.
    pub timelock_seconds: f64,
    /// Who may veto during the timelock.
    pub veto: Vec<String>,
    /// Whether the power executes with no veto and no timelock in between.
    pub unguarded: bool,
}

/// The cost of capture of every power of a design.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaptureReport {
    /// How weight behaves, with the assumptions made.
    pub weight: WeightModel,
    /// Expected turnout: share of all weight expected to vote.
    pub turnout: f64,
    /// Every power path, in decision-type order.
    pub powers: Vec<PowerCapture>,
}

impl CaptureReport {
    /// The riskiest path (highest risk, then cheapest purchase, then first).
    pub fn worst(&self) -> Option<&PowerCapture> {
        self.powers
            .iter()
            .filter(|p| p.capturable)
            .min_by(|a, b| b.risk.total_cmp(&a.risk).then(a.bought.total_cmp(&b.bought)))
    }

    /// Paths that execute with no veto and no timelock in between.
    pub fn unguarded(&self) -> impl Iterator<Item = &PowerCapture> {
        self.powers.iter().filter(|p| p.unguarded)
    }
}

fn signer_text(s: &Signers, held: usize) -> String {
    format!("{} of {} `{}` signers", s.required, s.of.map_or(held, |n| n as usize), s.role)
}

/// Computes the cost of capture of every power, reading the membership in `cx`.
pub fn cost_of_capture(cx: &Context<'_>) -> CaptureReport {
    let gco = cx.gco;
    let weight = WeightModel::of(gco);
    let total = cx.total;
    let turnout = if total > 0.0 {
        cx.members.iter().map(|m| m.weight * m.propensity.clamp(0.0, 1.0)).sum::<f64>() / total
    } else {
        0.0
    };
    let held: HashMap<&str, usize> = cx.holders.iter().map(|(k, v)| (*k, v.len())).collect();
    let funds = gco
        .treasury
        .as_ref()
        .map(|t| t.balance + t.inflows.iter().map(|i| i.amount * i.period.per_year()).sum::<f64>());
    let tier_capacity = |id: &str| -> Option<f64> {
        let t = gco.treasury.as_ref()?.tiers.iter().find(|t| t.id == id)?;
        Some(match (t.max, funds) {
            (Some(m), Some(f)) => m.min(f),
            (None, f) => f.unwrap_or(0.0),
            (Some(m), None) => m,
        })
    };
    let mut powers = Vec::new();
    for dt in &gco.decision_types {
        let (ps, inferred) = powers_of(gco, dt);
        // Paths: the decision type itself (with tier signers for treasury powers), and every
        // tier route naming it.
        for p in &ps {
            let tiers: Vec<String> = match p {
                Power::Treasury { tiers } if !tiers.is_empty() => tiers.clone(),
                Power::Treasury { .. } => gco
                    .treasury
                    .iter()
                    .flat_map(|t| &t.tiers)
                    .filter(|t| t.decision_type == dt.id)
                    .map(|t| t.id.clone())
                    .collect(),
                _ => Vec::new(),
            };
            // Extra signers of the tier path (normal route) or of the route.
            let mut paths: Vec<(Option<String>, Vec<String>, Option<&Signers>)> = Vec::new();
            if let Power::Treasury { .. } = p {
                for tid in &tiers {
                    let Some(t) = gco.treasury.as_ref().and_then(|tr| tr.tiers.iter().find(|t| &t.id == tid)) else {
                        continue;
                    };
                    if t.decision_type == dt.id {
                        paths.push((None, vec![t.id.clone()], t.signers.as_ref()));
                    }
                    for r in t.routes.iter().filter(|r| r.decision_type == dt.id) {
                        paths.push((Some(r.id.clone()), vec![t.id.clone()], r.signers.as_ref()));
                    }
                }
                if paths.is_empty() {
                    paths.push((None, tiers.clone(), None));
                }
            } else {
                paths.push((None, Vec::new(), None));
            }
            for (route, tiers, extra) in paths {
                powers.push(path(cx, &weight, turnout, &held, dt, p, inferred, route, tiers, extra, |ts| match p {
                    Power::Treasury { .. } => {
                        let v: Vec<f64> = ts.iter().filter_map(|t| tier_capacity(t)).collect();
                        if v.is_empty() { funds } else { Some(v.iter().copied().fold(0.0, f64::max)) }
                    }
                    Power::AppointRemove => None,
                    _ => funds,
                }));
            }
        }
    }
    CaptureReport { weight, turnout, powers }
}

#[allow(clippy::too_many_arguments)]
fn path(
    cx: &Context<'_>,
    w: &WeightModel,
    turnout: f64,
    held: &HashMap<&str, usize>,
    dt: &DecisionType,
    p: &Power,
    inferred: bool,
    route: Option<String>,
    tiers: Vec<String>,
    extra: Option<&Signers>,
    controls: impl Fn(&[String]) -> Option<f64>,
) -> PowerCapture {
    let total = cx.total;
    // What the outsider must vote with: outvote the expected turnout at the approval
    // threshold (the usual voters are assumed to vote against), meet the quorum as counted,
    // the absolute threshold, and the proposal threshold.
    let a = dt.approval.clamp(0.0, 1.0);
    let outvote = if a >= 1.0 { if turnout > 0.0 { f64::INFINITY } else { 0.0 } } else { a / (1.0 - a) * turnout };
    let quorum = match dt.quorum_counting.unwrap_or(QuorumCounting::ForAbstain) {
        // Honest votes against count towards an all-cast quorum.
        QuorumCounting::AllCast => (dt.quorum - turnout).max(0.0),
        QuorumCounting::ForOnly | QuorumCounting::ForAbstain => dt.quorum,
    };
    let absolute = dt.absolute_threshold.unwrap_or(0.0);
    let propose = if total > 0.0 { dt.proposal_threshold.min_weight / total } else { 0.0 };
    let mut need = 0.0;
    let mut binding = String::from("nothing");
    for (v, why) in [
        (outvote, format!("outvoting the expected turnout {:.1}% at approval {:.0}%", turnout * 100.0, a * 100.0)),
        (quorum, format!("the quorum {:.1}%", dt.quorum * 100.0)),
        (absolute, format!("the absolute threshold {:.1}%", absolute * 100.0)),
        (propose, format!("the proposal threshold {:.2}%", propose * 100.0)),
    ] {
        if v > need {
            need = v;
            binding = why;
        }
    }
    let mut blocked_by = Vec::new();
    let (borrowed, flash_loan) = if w.transferable {
        let b =
            if w.borrowed_counts(dt) { w.acquirable.borrowable.min(1.0 - w.acquirable.locked).max(0.0) } else { 0.0 };
        (b, w.flash_loanable(dt))
    } else {
        blocked_by.push("weight is not transferable".to_owned());
        (0.0, false)
    };
    let acquirable = if w.transferable {
        (w.acquirable.circulating + borrowed).min(1.0 - w.acquirable.locked).max(0.0)
    } else {
        0.0
    };
    if w.transferable && need > acquirable + 1e-12 {
        blocked_by.push(format!(
            "{:.1}% needed but only {:.1}% acquirable ({} of the weight locked)",
            need * 100.0,
            acquirable * 100.0,
            pct(w.acquirable.locked)
        ));
    }
    // Proposers restricted to a fixed body.
    let seated: Vec<&str> = dt
        .proposal_threshold
        .roles
        .iter()
        .filter(|r| cx.gco.role(r).is_some_and(|r| r.seats.is_some()))
        .map(String::as_str)
        .collect();
    if !dt.proposal_threshold.roles.is_empty() && seated.len() == dt.proposal_threshold.roles.len() {
        blocked_by.push(format!(
            "only holders of {} may propose",
            seated.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ")
        ));
    }
    for s in dt.signers.iter().chain(extra) {
        blocked_by.push(signer_text(s, held.get(s.role.as_str()).copied().unwrap_or(0)));
    }
    let timelock_seconds = seconds(dt, dt.timelock);
    let mut veto = Vec::new();
    for v in &dt.veto {
        match v {
            VetoHolder::Guardian { role } => veto.push(format!("guardian `{role}`")),
            VetoHolder::Council { role } => veto.push(format!("council `{role}`")),
            VetoHolder::TokenHolders { threshold } => veto.push(format!("token holders at {}", pct(*threshold))),
        }
        if timelock_seconds > 0.0 {
            match v {
                VetoHolder::Guardian { role } | VetoHolder::Council { role } => {
                    blocked_by.push(format!("a veto by `{role}` during the timelock"));
                }
                // The usual voters can veto what an outsider passed, if they alone reach the bar.
                VetoHolder::TokenHolders { threshold } if turnout >= *threshold => {
                    blocked_by.push(format!(
                        "a token-holder veto ({} expected against {})",
                        pct(turnout),
                        pct(*threshold)
                    ));
                }
                VetoHolder::TokenHolders { .. } => {}
            }
        }
    }
    let capturable = blocked_by.is_empty() && need.is_finite();
    let bought = (need - borrowed).max(0.0);
    let cost = w.token_price.filter(|_| capturable).map(|price| bought * total * price);
    let controls = controls(&tiers);
    let profitability = match (cost, controls) {
        (Some(c), Some(v)) if c > 0.0 => Some(v / c),
        (Some(_), Some(_)) => Some(f64::INFINITY),
        _ => None,
    };
    let risk = if capturable { 1.0 - (2.0 * bought).min(1.0) } else { 0.0 };
    PowerCapture {
        decision_type: dt.id.clone(),
        power: p.as_str(),
        tiers,
        route,
        inferred,
        need,
        binding,
        borrowed: if capturable { borrowed.min(need) } else { borrowed },
        bought,
        flash_loan,
        blocked_by,
        capturable,
        cost,
        controls,
        profitability,
        risk,
        timelock_seconds,
        unguarded: dt.veto.is_empty() && timelock_seconds <= 0.0,
        veto,
    }
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn money(x: f64) -> String {
    if x >= 1e6 {
        format!("{:.2}M", x / 1e6)
    } else if x >= 1e3 {
        format!("{:.1}k", x / 1e3)
    } else {
        format!("{x:.0}")
    }
}

fn path_name(p: &PowerCapture) -> String {
    let mut s = format!("`{}` ({}", p.decision_type, p.power);
    if !p.tiers.is_empty() {
        s.push_str(&format!(": tier {}", p.tiers.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")));
    }
    if let Some(r) = &p.route {
        s.push_str(&format!(" by route `{r}`"));
    }
    s.push(')');
    s
}

fn finite(x: Option<f64>) -> Value {
    match x {
        Some(v) if v.is_finite() => json!(v),
        Some(_) => json!("unbounded"),
        None => Value::Null,
    }
}

/// Governance capture risk, model 2: the riskiest power path's `1 − min(1, 2 · bought)`, where
/// `bought` is the share of all weight an outsider must buy ahead (0 when borrowed or
/// flash-loaned weight suffices); 0 when no power can be captured by acquiring weight.
pub fn governance_capture(cx: &Context<'_>) -> Metric {
    let r = cost_of_capture(cx);
    let currency = cx.gco.treasury.as_ref().map_or("", |t| t.currency.as_str());
    let unguarded: Vec<String> = r.unguarded().map(path_name).collect();
    let rows: Vec<Value> = r
        .powers
        .iter()
        .map(|p| {
            json!({
                "decision_type": p.decision_type, "power": p.power, "tiers": p.tiers, "route": p.route,
                "inferred": p.inferred, "need_share": p.need, "binding": p.binding, "borrowed_share": p.borrowed,
                "bought_share": p.bought, "flash_loan": p.flash_loan, "blocked_by": p.blocked_by,
                "capturable": p.capturable, "cost": finite(p.cost), "controls": finite(p.controls),
                "profitability": finite(p.profitability), "risk": p.risk,
                "timelock_seconds": p.timelock_seconds, "veto": p.veto, "unguarded": p.unguarded,
            })
        })
        .collect();
    let guard_text = if unguarded.is_empty() {
        String::new()
    } else {
        format!("; no veto or timelock in front of {}", unguarded.join(", "))
    };
    let assumed =
        if r.weight.assumed.is_empty() { String::new() } else { format!(" [{}]", r.weight.assumed.join("; ")) };
    let (value, explanation) = match r.worst() {
        None => {
            let why = if !r.weight.transferable {
                "weight is not transferable (fixed seats or membership): no power can be bought".to_owned()
            } else if r.powers.is_empty() {
                "no decision type confers a power".to_owned()
            } else {
                let mut reasons: Vec<&str> =
                    r.powers.iter().flat_map(|p| p.blocked_by.iter().map(String::as_str)).collect();
                reasons.sort_unstable();
                reasons.dedup();
                reasons.truncate(3);
                format!("no power can be captured by acquiring weight alone ({})", reasons.join("; "))
            };
            (0.0, format!("{why}{guard_text}{assumed}"))
        }
        Some(p) => {
            let how = if p.bought <= 0.0 && p.flash_loan {
                format!("{} of the weight can be flash-loaned, enough for {}", pct(p.borrowed), pct(p.need))
            } else if p.bought <= 0.0 {
                format!("{} borrowed across the voting delay is enough for {}", pct(p.borrowed), pct(p.need))
            } else if p.borrowed > 0.0 {
                format!(
                    "{} needed ({}): {} borrowed, {} bought",
                    pct(p.need),
                    p.binding,
                    pct(p.borrowed),
                    pct(p.bought)
                )
            } else {
                format!("{} to buy ahead ({})", pct(p.bought), p.binding)
            };
            let money_text = match (p.cost, p.controls, p.profitability) {
                (Some(c), Some(v), Some(pr)) if pr.is_finite() => {
                    format!(", ≈ {} {currency} against {} {currency} it controls ({pr:.1}×)", money(c), money(v))
                }
                (Some(_), Some(v), Some(_)) => {
                    format!(", at no purchase cost against {} {currency} it controls", money(v))
                }
                _ => String::new(),
            };
            let veto = if p.veto.is_empty() { "no veto".to_owned() } else { p.veto.join(", ") };
            (
                p.risk,
                format!(
                    "an outsider can take {}: {how}{money_text}; timelock {:.0}h, {veto}{guard_text}{assumed}",
                    path_name(p),
                    p.timelock_seconds / 3600.0
                ),
            )
        }
    };
    Metric {
        value,
        explanation,
        details: json!({
            "model": "cost_of_capture",
            "expected_turnout": r.turnout,
            "weight": {
                "snapshot": r.weight.snapshot.as_str(), "transferable": r.weight.transferable,
                "circulating": r.weight.acquirable.circulating, "borrowable": r.weight.acquirable.borrowable,
                "locked": r.weight.acquirable.locked, "token_price": r.weight.token_price,
            },
            "assumed": r.weight.assumed,
            "powers": rows,
            "unguarded": unguarded,
        }),
    }
}
