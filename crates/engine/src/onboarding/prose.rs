//! The constitution's prose: the articles and clauses the assembled design states in words,
//! from the same answers and the design the assembler built (so the text says what the
//! numbers say). Split from `assemble.rs` along its seam: structure there, words here.

use super::assemble::{
    AMENDMENT_NOTICE_DAYS, Answers, COUNCIL_REVIEW_DAYS, ENTRENCHED_APPROVAL, ENTRENCHED_NOTICE_DAYS,
    LARGE_SPEND_APPROVAL, MEDIATION_DAYS, council_name,
};
use cogov_model::*;

pub(super) fn constitution(a: &Answers, g: &Gco) -> Constitution {
    let mut articles = vec![Article {
        id: "decisions".to_owned(),
        title: "How we decide".to_owned(),
        clauses: vec![
            clause("ordinary-decisions", "Ordinary decisions", ordinary_text(a, g), Some("general")),
            clause("voting-weight", "Voting weight", weight_text(a), None),
            clause("amendments", "Amendments", amendment_text(a), None),
        ],
    }];
    if a.yes("council") {
        articles.push(Article {
            id: "council".to_owned(),
            title: council_name(a).to_owned(),
            clauses: vec![clause("council-mandate", "Mandate", council_text(a), None)],
        });
    }
    if a.yes("treasury") {
        articles.push(Article {
            id: "treasury".to_owned(),
            title: "Treasury".to_owned(),
            clauses: vec![clause("spending", "Spending", spending_text(a), None)],
        });
    }
    articles.push(Article {
        id: "disputes".to_owned(),
        title: "Disputes".to_owned(),
        clauses: vec![clause("dispute-ladder", "The dispute ladder", dispute_text(a), None)],
    });
    let ordinary: Vec<String> = articles.iter().map(|x| x.id.clone()).collect();
    let mut amendment_rules = vec![AmendmentRule {
        id: "ordinary".to_owned(),
        decision_type: "constitutional".to_owned(),
        clauses: ordinary,
        notice_days: Some(AMENDMENT_NOTICE_DAYS),
    }];
    let rights = a.list("entrenched_rights");
    if !rights.is_empty() {
        articles.push(Article {
            id: "rights".to_owned(),
            title: "Entrenched rights".to_owned(),
            clauses: rights
                .iter()
                .enumerate()
                .map(|(i, r)| Clause { entrenched: true, ..clause(&format!("right-{}", i + 1), "", sentence(r), None) })
                .collect(),
        });
        amendment_rules.push(AmendmentRule {
            id: "entrenched".to_owned(),
            decision_type: "entrenched-amendment".to_owned(),
            clauses: vec!["rights".to_owned()],
            notice_days: Some(ENTRENCHED_NOTICE_DAYS),
        });
    }
    Constitution { preamble: Some(preamble(a)), articles, amendment_rules }
}

fn clause(id: &str, title: &str, text: String, decision_type: Option<&str>) -> Clause {
    Clause {
        id: id.to_owned(),
        title: (!title.is_empty()).then(|| title.to_owned()),
        text,
        entrenched: false,
        decision_type: decision_type.map(str::to_owned),
    }
}

fn preamble(a: &Answers) -> String {
    let d = a.text("description");
    if !d.is_empty() {
        return d.to_owned();
    }
    format!(
        "{} is governed by its members. This constitution says how they decide, who may act for them, and how these rules change.",
        a.text("org_name")
    )
}

fn ordinary_text(a: &Answers, g: &Gco) -> String {
    let blocks = |days: f64| match g.decision_type("general").map(|d| &d.clock) {
        Some(Clock::Blocks { block_time: Some(bt) }) => format!(" ({} blocks)", group((days * 86_400.0 / bt).round())),
        _ => String::new(),
    };
    let (delay, period, lock) = (a.num("voting_delay_days"), a.num("voting_period_days"), a.num("timelock_days"));
    let effect = if lock > 0.0 {
        format!("takes effect {}{} later", days(lock), blocks(lock))
    } else {
        "takes effect at once".to_owned()
    };
    format!(
        "An ordinary decision is adopted when at least {} of all voting weight takes part and at least {} of the votes \
         cast approve. Voting opens {}{} after a proposal is made and stays open for {}{}; an adopted decision {effect}.",
        pct(a.num("general_quorum")),
        pct(a.num("general_approval")),
        days(delay),
        blocks(delay),
        days(period),
        blocks(period),
    )
}

fn weight_text(a: &Answers) -> String {
    let weight = if a.is("weight_model", "token_weighted") {
        "Each member votes with the weight of their holdings."
    } else {
        "Every member has one vote."
    };
    let delegation = if a.yes("delegation") {
        match a.count("delegation_depth") {
            1 => " Members may delegate their vote to another member, who may not pass it on.".to_owned(),
            d => format!(" Members may delegate their vote; delegated weight may be passed on at most {d} times."),
        }
    } else {
        " Members vote in person; votes cannot be delegated.".to_owned()
    };
    format!("{weight}{delegation}")
}

fn amendment_text(a: &Answers) -> String {
    let mut s = format!(
        "This constitution is amended by a vote in which at least {} of the votes cast approve, after \
         {AMENDMENT_NOTICE_DAYS} days' public notice.",
        pct(a.num("amendment_approval")),
    );
    if !a.list("entrenched_rights").is_empty() {
        let entrenched = pct(a.num("amendment_approval").max(ENTRENCHED_APPROVAL));
        s.push_str(&format!(
            " Entrenched rights change only by at least {entrenched} after {ENTRENCHED_NOTICE_DAYS} days' notice."
        ));
    }
    s
}

fn council_text(a: &Answers) -> String {
    let mut s = format!(
        "The {} has {}. Its members are elected by an ordinary decision for terms of {} days.",
        council_name(a).to_lowercase(),
        plural(a.count("council_seats"), "seat"),
        a.count("council_term_days"),
    );
    if a.yes("treasury") {
        s.push_str(&format!(
            " A payment the members approve is released when {} of them sign it.",
            a.count("council_signers")
        ));
    }
    s
}

fn spending_text(a: &Answers) -> String {
    let boundary = money(a, a.num("spend_boundary"));
    let large = pct(a.num("general_approval").max(LARGE_SPEND_APPROVAL));
    let signers = if a.yes("council") {
        let m = a.count("council_signers");
        format!(", and {}", plural((m + 1).min(a.count("council_seats")), "council signature"))
    } else {
        String::new()
    };
    format!(
        "Spends below {boundary} are adopted by an ordinary decision. Spends of {boundary} or more need at least {large} \
         approval and twice the ordinary voting period and timelock{signers}."
    )
}

fn dispute_text(a: &Answers) -> String {
    let council = if a.yes("council") {
        format!(
            " If it is not settled, it goes to the {}, which has {COUNCIL_REVIEW_DAYS} days.",
            council_name(a).to_lowercase()
        )
    } else {
        String::new()
    };
    let last = if a.is("dispute_final", "external") {
        a.text("arbitrator").to_owned()
    } else {
        "a vote of all members".to_owned()
    };
    format!(
        "A dispute goes first to a mediator both parties accept, who has {MEDIATION_DAYS} days.{council} The final, \
         binding decision rests with {last}."
    )
}

/// `3 seats`, `1 seat`.
fn plural(n: u32, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// A list item as a clause: trimmed and ending in a full stop.
fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '!', '?']) { s.to_owned() } else { format!("{s}.") }
}

/// `0.1` → `10%`, `0.667` → `66.7%`.
fn pct(x: f64) -> String {
    format!("{}%", (x * 1000.0).round() / 10.0)
}

fn days(d: f64) -> String {
    if d == 1.0 { "1 day".to_owned() } else { format!("{d} days") }
}

pub(super) fn money(a: &Answers, x: f64) -> String {
    format!("{} {}", group(x), a.text("treasury_currency"))
}

/// Thousands separators for whole amounts: `250000` → `250,000`.
fn group(x: f64) -> String {
    if x.fract() != 0.0 || x.abs() >= 1e15 {
        return x.to_string();
    }
    let digits = (x.abs() as u64).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x < 0.0 { format!("-{out}") } else { out }
}
