//! The appendix's schedules: the parameter blocks restated for people, as tables in words and
//! units. They are generated from the GCO on writing and skipped on reading (the blocks below
//! them are the authority), so they can never disagree with what the document reads back to.

use super::text;
use cogov_model::{Clock, DecisionType, Gco, Signers};

/// Members listed one by one in the members schedule; the rest are counted.
const LISTED_MEMBERS: usize = 200;

/// The schedules of `gco`, as document lines (none when the design has nothing to restate).
pub(super) fn schedules(gco: &Gco) -> Vec<String> {
    let mut out = Vec::new();
    let mut letter = b'A';
    let mut schedule = |out: &mut Vec<String>, title: &str, body: Vec<String>| {
        if body.is_empty() {
            return;
        }
        out.push(format!("**Schedule {} — {title}**", letter as char));
        out.push(String::new());
        out.extend(body);
        out.push(String::new());
        letter += 1;
    };
    schedule(&mut out, "Decision types", decision_types(gco));
    schedule(&mut out, "Treasury", treasury(gco));
    schedule(&mut out, "Roles and bodies", roles(gco));
    schedule(&mut out, "Members", members(gco));
    out
}

/// A Markdown table; cells are escaped so that no line of it reads as a heading or a fence.
fn table(head: &[&str], rows: Vec<Vec<String>>) -> Vec<String> {
    let cell = |s: &str| s.replace('|', "\\|").replace(['\n', '\r'], " ");
    let mut out = vec![format!("| {} |", head.join(" | "))];
    out.push(format!("|{}|", head.iter().map(|_| "---").collect::<Vec<_>>().join("|")));
    out.extend(rows.iter().map(|r| format!("| {} |", r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "))));
    out
}

/// A share as a percentage without trailing zeros: `0.25` is `25%`, `0.125` is `12.5%`.
pub(super) fn percent(share: f64) -> String {
    let p = share * 100.0;
    let s = format!("{p:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}%")
}

/// A duration in seconds in the largest unit that divides it, or days and hours.
pub(super) fn duration(seconds: f64) -> String {
    if seconds <= 0.0 {
        return "none".to_owned();
    }
    let s = seconds.round() as u64;
    let unit = |n: u64, one: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {one}s") };
    match s {
        _ if s % 31_536_000 == 0 => unit(s / 31_536_000, "year"),
        _ if s % 604_800 == 0 => unit(s / 604_800, "week"),
        _ if s % 86_400 == 0 => unit(s / 86_400, "day"),
        _ if s % 3_600 == 0 => unit(s / 3_600, "hour"),
        _ if s % 60 == 0 => unit(s / 60, "minute"),
        _ if s >= 86_400 => format!("{} and {}", unit(s / 86_400, "day"), unit((s % 86_400) / 3_600, "hour")),
        _ => unit(s, "second"),
    }
}

/// A duration on a decision type's clock, in words.
fn span(dt: &DecisionType, v: u64) -> String {
    match dt.clock {
        Clock::Time => duration(v as f64),
        Clock::Blocks { block_time: Some(t) } if v > 0 => format!("{v} blocks (about {})", duration(v as f64 * t)),
        Clock::Blocks { .. } if v > 0 => format!("{v} blocks"),
        Clock::Blocks { .. } => "none".to_owned(),
    }
}

/// An amount with thousands separators and at most two decimals.
pub(super) fn amount(v: f64) -> String {
    let s = format!("{:.2}", v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 { "-" } else { "" };
    match frac.trim_end_matches('0') {
        "" => format!("{sign}{grouped}"),
        f => format!("{sign}{grouped}.{f}"),
    }
}

fn signers(s: &Option<Signers>) -> String {
    match s {
        None => "—".to_owned(),
        Some(s) => match s.of {
            Some(n) => format!("{} of {n} {}", s.required, s.role),
            None => format!("{} of the {}", s.required, s.role),
        },
    }
}

fn name(id: &str, display: &Option<String>) -> String {
    match display {
        Some(n) if !n.trim().is_empty() && n != id => format!("{n} (`{id}`)"),
        _ => format!("`{id}`"),
    }
}

fn decision_types(gco: &Gco) -> Vec<String> {
    if gco.decision_types.is_empty() {
        return Vec::new();
    }
    let rows = gco
        .decision_types
        .iter()
        .map(|dt| {
            let mut approval = format!("{} of votes cast", percent(dt.approval));
            if let Some(a) = dt.absolute_threshold {
                approval.push_str(&format!(", and yes ≥ {} of all weight", percent(a)));
            }
            let veto = if dt.veto.is_empty() {
                "—".to_owned()
            } else {
                dt.veto
                    .iter()
                    .map(|v| serde_json::to_value(v).map(|j| compact(&j)).unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            vec![
                name(&dt.id, &dt.name),
                format!("{} of all weight", percent(dt.quorum)),
                approval,
                span(dt, dt.voting_delay),
                span(dt, dt.voting_period),
                span(dt, dt.timelock),
                signers(&dt.signers),
                veto,
            ]
        })
        .collect();
    table(
        &["Decision type", "Quorum", "Approval", "Voting delay", "Voting period", "Timelock", "Signers", "Veto"],
        rows,
    )
}

/// A small JSON value in words: strings bare, objects as `key: value` pairs.
fn compact(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Object(m) => {
            m.iter().map(|(k, v)| format!("{}: {}", k.replace('_', " "), compact(v))).collect::<Vec<_>>().join(", ")
        }
        other => other.to_string(),
    }
}

fn treasury(gco: &Gco) -> Vec<String> {
    let Some(t) = &gco.treasury else { return Vec::new() };
    let mut out = vec![format!("Balance: {} {}.", amount(t.balance), t.currency)];
    out.extend(
        t.inflows.iter().map(|i| {
            format!("Inflow from {}: {} {} per {}.", i.source, amount(i.amount), t.currency, period(&i.period))
        }),
    );
    if !t.tiers.is_empty() {
        out.push(String::new());
        let rows = t
            .tiers
            .iter()
            .map(|tier| {
                let range = match tier.max {
                    Some(max) => format!("{} to {} {}", amount(tier.min), amount(max), t.currency),
                    None => format!("from {} {}", amount(tier.min), t.currency),
                };
                let mut routes = vec![format!("`{}`", tier.decision_type)];
                routes.extend(tier.routes.iter().map(|r| format!("`{}` via `{}`", r.decision_type, r.id)));
                vec![format!("`{}`", tier.id), range, routes.join("; "), signers(&tier.signers)]
            })
            .collect();
        out.extend(table(&["Tier", "Amount", "Decided by", "Signers"], rows));
    }
    if !t.spending_limits.is_empty() {
        out.push(String::new());
        let rows = t
            .spending_limits
            .iter()
            .map(|l| {
                let who = l.role.as_deref().map_or("anyone".to_owned(), |r| format!("`{r}`"));
                let what = l.category.as_deref().map_or("any category".to_owned(), |c| format!("`{c}`"));
                vec![who, what, format!("{} {} per {}", amount(l.amount), t.currency, period(&l.period))]
            })
            .collect();
        out.extend(table(&["Who", "Category", "Limit"], rows));
    }
    out
}

fn period<T: serde::Serialize>(p: &T) -> String {
    serde_json::to_value(p).map(|v| compact(&v)).unwrap_or_default().replace('_', " ")
}

fn roles(gco: &Gco) -> Vec<String> {
    if gco.roles.is_empty() {
        return Vec::new();
    }
    let rows = gco
        .roles
        .iter()
        .map(|r| {
            let seats = r.seats.map_or("—".to_owned(), |s| s.to_string());
            let term = r.term.as_ref().map_or("—".to_owned(), |t| {
                let mut s = duration(f64::from(t.length_days) * 86_400.0);
                if let Some(n) = t.max_consecutive {
                    s.push_str(&format!(", at most {n} in a row"));
                }
                if t.staggered {
                    s.push_str(", staggered");
                }
                s
            });
            let elected = r.eligibility.elected_by.as_deref().map_or("—".to_owned(), |e| format!("`{e}`"));
            vec![name(&r.id, &r.name), seats, term, elected, r.permissions.len().to_string()]
        })
        .collect();
    table(&["Role", "Seats", "Term", "Elected by", "Permissions"], rows)
}

fn members(gco: &Gco) -> Vec<String> {
    let m = &gco.members;
    let mut out = Vec::new();
    if !m.explicit.is_empty() {
        let rows = m
            .explicit
            .iter()
            .take(LISTED_MEMBERS)
            .map(|e| {
                let roles = if e.roles.is_empty() {
                    "—".to_owned()
                } else {
                    e.roles.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ")
                };
                vec![name(&e.id, &e.name), amount(e.weight), roles]
            })
            .collect();
        out.extend(table(&["Member", "Voting weight", "Roles"], rows));
        if m.explicit.len() > LISTED_MEMBERS {
            out.push(String::new());
            out.push(format!(
                "The first {LISTED_MEMBERS} of {} listed members are shown; the members block below lists all.",
                amount(m.explicit.len() as f64)
            ));
        }
    }
    if let Some(p) = &m.population {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.push(format!(
            "A further {} members are generated (seed {}) with ids starting `{}`; their weights and participation \
             follow the distributions in the members block.",
            amount(f64::from(p.count)),
            p.seed,
            p.id_prefix
        ));
    }
    // Every line must read as text inside the appendix: nothing here starts a heading or fence.
    debug_assert!(out.iter().all(|l| text::render(l).is_some()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_in_words() {
        assert_eq!(percent(0.25), "25%");
        assert_eq!(percent(0.125), "12.5%");
        assert_eq!(percent(2.0 / 3.0), "66.67%");
        assert_eq!(duration(604_800.0), "1 week");
        assert_eq!(duration(259_200.0), "3 days");
        assert_eq!(duration(90_000.0), "25 hours");
        assert_eq!(duration(93_784.0), "1 day and 2 hours");
        assert_eq!(duration(0.0), "none");
        assert_eq!(duration(730.0 * 86_400.0), "2 years");
        assert_eq!(amount(10_341_667.5), "10,341,667.5");
        assert_eq!(amount(850_000.0), "850,000");
        assert_eq!(amount(-12.0), "-12");
    }
}
