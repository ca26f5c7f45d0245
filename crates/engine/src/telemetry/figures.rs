//! Observed figures from accepted events, beside what the design leads one to expect.

use super::Accepted;
use crate::population;
use cogov_model::Gco;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// How an observed figure compares with the expected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Within 25% of the expected value (or 0.02 of it, whichever is wider).
    AsExpected,
    /// Above that band.
    Above,
    /// Below that band.
    Below,
    /// The events do not give the figure.
    NoData,
    /// The design gives no expectation to compare with.
    NoExpectation,
}

/// One figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// The feed's name (`turnout`, `voting_weight_gini`, `proposal_throughput`, `treasury_velocity`).
    pub name: &'static str,
    /// What the design leads one to expect.
    pub expected: Option<f64>,
    /// What the events show.
    pub observed: Option<f64>,
    /// How they compare.
    pub verdict: Verdict,
    /// How many events (or proposals, voters) the observation rests on.
    pub sample: usize,
}

/// What a design leads one to expect.
pub(super) struct Expected {
    pub turnout: f64,
    pub gini: f64,
    pub throughput: Option<f64>,
    pub velocity: Option<f64>,
}

impl Expected {
    pub(super) fn of(gco: &Gco) -> Expected {
        let members = population::members(gco);
        let weights: Vec<f64> = members.iter().map(|m| m.weight).collect();
        let rates: Vec<f64> = gco.decision_types.iter().filter_map(|d| d.expected_rate).collect();
        let throughput = (!rates.is_empty()).then(|| rates.iter().sum());
        // Spend a day: each decision type's rate times the middle of what it spends (its spend
        // range, else the bounded tier it authorises).
        let spend_per_day: f64 = gco
            .decision_types
            .iter()
            .filter_map(|d| {
                let rate = d.expected_rate?;
                let mid = match d.spend {
                    Some(s) => (s.min + s.max) / 2.0,
                    None => {
                        let tier = gco.treasury.as_ref()?.tiers.iter().find(|t| t.decision_type == d.id)?;
                        (tier.min + tier.max?) / 2.0
                    }
                };
                Some(rate * mid)
            })
            .sum();
        let velocity = gco
            .treasury
            .as_ref()
            .filter(|t| t.balance > 0.0 && spend_per_day > 0.0)
            .map(|t| spend_per_day * 30.0 / t.balance);
        Expected { turnout: population::expected_turnout(&members), gini: gini(&weights), throughput, velocity }
    }
}

/// The Gini coefficient of non-negative values (0 for fewer than two or a zero total).
pub fn gini(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.iter().map(|x| x.max(0.0)).collect();
    let total: f64 = v.iter().sum();
    if v.len() < 2 || total <= 0.0 {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len() as f64;
    let weighted: f64 = v.iter().enumerate().map(|(i, x)| (i as f64 + 1.0) * x).sum();
    2.0 * weighted / (n * total) - (n + 1.0) / n
}

/// Seconds since 1970 of an RFC 3339 timestamp (`None` when it is not one).
pub fn epoch_seconds(at: &str) -> Option<f64> {
    let num = |r: std::ops::Range<usize>| at.get(r)?.parse::<i64>().ok();
    let (y, mo, d, h, mi, s) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?, num(17..19)?);
    let rest = at.get(19..)?;
    let (frac, zone) = match rest.strip_prefix('.') {
        Some(r) => {
            let end = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
            (format!("0.{}", &r[..end]).parse::<f64>().ok()?, &r[end..])
        }
        None => (0.0, rest),
    };
    let offset = match zone {
        "Z" | "z" => 0,
        z if z.len() == 6 => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            sign * (z.get(1..3)?.parse::<i64>().ok()? * 3600 + z.get(4..6)?.parse::<i64>().ok()? * 60)
        }
        _ => return None,
    };
    // Days from civil (Howard Hinnant's algorithm).
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some((days * 86_400 + h * 3600 + mi * 60 + s - offset) as f64 + frac)
}

fn verdict(expected: Option<f64>, observed: Option<f64>) -> Verdict {
    match (expected, observed) {
        (_, None) => Verdict::NoData,
        (None, _) => Verdict::NoExpectation,
        (Some(e), Some(o)) => {
            let band = (e.abs() * 0.25).max(0.02);
            if o > e + band {
                Verdict::Above
            } else if o < e - band {
                Verdict::Below
            } else {
                Verdict::AsExpected
            }
        }
    }
}

fn f(v: &Value, key: &str) -> Option<f64> {
    v.get(key).and_then(Value::as_f64)
}

fn s<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn of<'a>(events: &'a [Accepted], name: &'a str) -> impl Iterator<Item = &'a Accepted> + 'a {
    events.iter().filter(move |e| e.event == name)
}

/// The four figures from accepted events, each with the design's expectation and a verdict.
pub fn figures(gco: &Gco, events: &[Accepted]) -> Vec<Figure> {
    let exp = Expected::of(gco);
    let total_weight: f64 = population::members(gco).iter().map(|m| m.weight).sum();

    // Turnout per decided proposal: its own figure, else its votes' weight over the total.
    let mut cast: BTreeMap<&str, f64> = BTreeMap::new();
    for e in of(events, "vote_cast") {
        if let (Some(p), Some(w)) = (s(&e.value, "proposal_id"), f(&e.value, "weight")) {
            *cast.entry(p).or_default() += w;
        }
    }
    let turnouts: Vec<f64> = of(events, "proposal_decided")
        .filter_map(|e| {
            f(&e.value, "turnout").or_else(|| {
                let p = s(&e.value, "proposal_id")?;
                (total_weight > 0.0).then(|| cast.get(p).copied().unwrap_or(0.0) / total_weight)
            })
        })
        .collect();
    let turnout = (!turnouts.is_empty()).then(|| turnouts.iter().sum::<f64>() / turnouts.len() as f64);

    let mut voters: BTreeMap<&str, f64> = BTreeMap::new();
    for e in of(events, "vote_cast") {
        if let (Some(v), Some(w)) = (s(&e.value, "voter"), f(&e.value, "weight")) {
            let x = voters.entry(v).or_default();
            *x = x.max(w);
        }
    }
    let weights: Vec<f64> = voters.values().copied().collect();
    let observed_gini = (weights.len() >= 2).then(|| gini(&weights));

    let times: Vec<f64> = events.iter().filter_map(|e| epoch_seconds(&e.at)).collect();
    let span_days = match (times.iter().copied().reduce(f64::min), times.iter().copied().reduce(f64::max)) {
        (Some(a), Some(b)) => ((b - a) / 86_400.0).max(1.0),
        _ => 1.0,
    };
    let created = of(events, "proposal_created").count();
    let throughput = (!events.is_empty()).then(|| created as f64 / span_days);
    let spends: Vec<f64> = of(events, "treasury_spend_executed").filter_map(|e| f(&e.value, "amount")).collect();
    let balance = gco.treasury.as_ref().map_or(0.0, |t| t.balance);
    let velocity = (!events.is_empty() && balance > 0.0)
        .then(|| spends.iter().fold(0.0, |a, x| a + x) / span_days * 30.0 / balance);

    vec![
        Figure {
            name: "turnout",
            expected: Some(exp.turnout),
            observed: turnout,
            verdict: verdict(Some(exp.turnout), turnout),
            sample: turnouts.len(),
        },
        Figure {
            name: "voting_weight_gini",
            expected: Some(exp.gini),
            observed: observed_gini,
            verdict: verdict(Some(exp.gini), observed_gini),
            sample: weights.len(),
        },
        Figure {
            name: "proposal_throughput",
            expected: exp.throughput,
            observed: throughput,
            verdict: verdict(exp.throughput, throughput),
            sample: created,
        },
        Figure {
            name: "treasury_velocity",
            expected: exp.velocity,
            observed: velocity,
            verdict: verdict(exp.velocity, velocity),
            sample: spends.len(),
        },
    ]
}
