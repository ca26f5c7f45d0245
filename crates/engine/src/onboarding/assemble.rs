//! From answers to a GCO: the mapping from question ids to the design's structure.
//!
//! The script is data; this mapping is code, keyed by question ids. It is deterministic
//! (no clock, no randomness beyond the population's fixed seed) and only builds what the
//! answers ask for, so every reference it writes points at something it also wrote.

use super::answer_checks::split_weight;
use super::answers::Walk;
use super::prose::{constitution, money};
use super::script::{Kind, Script};
use cogov_model::*;
use serde_json::Value;
use std::collections::BTreeSet;

/// Seed of generated populations: fixed, so the same answers give the same members.
const POPULATION_SEED: u32 = 1;
/// Days mediation and the council each have before a dispute climbs a level.
pub(super) const MEDIATION_DAYS: u32 = 14;
pub(super) const COUNCIL_REVIEW_DAYS: u32 = 21;
/// Public notice before ordinary and entrenched amendments.
pub(super) const AMENDMENT_NOTICE_DAYS: u32 = 14;
pub(super) const ENTRENCHED_NOTICE_DAYS: u32 = 30;
/// Large spends and entrenched amendments never pass with less than these approvals.
pub(super) const LARGE_SPEND_APPROVAL: f64 = 0.6;
pub(super) const ENTRENCHED_APPROVAL: f64 = 0.75;

/// Every question id the mapping reads: a test holds it equal to the script's ids, so a
/// renamed question cannot silently fall back to nothing.
pub(crate) const QUESTION_IDS: &[&str] = &[
    "org_name",
    "org_kind",
    "description",
    "membership",
    "weight_model",
    "member_names",
    "member_count",
    "expected_participation",
    "council",
    "council_seats",
    "council_term_days",
    "general_quorum",
    "general_approval",
    "clock",
    "block_time",
    "voting_delay_days",
    "voting_period_days",
    "timelock_days",
    "weight_snapshot",
    "veto",
    "amendment_approval",
    "exit_window_days",
    "entrenched_rights",
    "treasury",
    "treasury_currency",
    "treasury_balance",
    "treasury_monthly_inflow",
    "spend_boundary",
    "treasury_categories",
    "council_signers",
    "dispute_final",
    "arbitrator",
    "delegation",
    "delegation_depth",
    "incentives",
    "incentive_mechanism",
    "operators",
    "trust_domains",
];

/// Read access to the answers (every question has a value; see [`Walk`]).
pub(crate) struct Answers<'a> {
    script: &'a Script,
    walk: &'a Walk,
}

impl<'a> Answers<'a> {
    pub(crate) fn new(script: &'a Script, walk: &'a Walk) -> Self {
        Answers { script, walk }
    }

    pub(super) fn get(&self, id: &str) -> &'a Value {
        static NULL: Value = Value::Null;
        debug_assert!(QUESTION_IDS.contains(&id), "the mapping reads `{id}`, which QUESTION_IDS does not list");
        self.script.position(id).and_then(|i| self.walk.values.get(i)).unwrap_or(&NULL)
    }

    pub(super) fn asked(&self, id: &str) -> bool {
        self.script.position(id).is_some_and(|i| self.walk.asked[i])
    }

    pub(super) fn text(&self, id: &str) -> &'a str {
        self.get(id).as_str().unwrap_or_default()
    }

    pub(super) fn num(&self, id: &str) -> f64 {
        self.get(id).as_f64().unwrap_or_default()
    }

    pub(super) fn count(&self, id: &str) -> u32 {
        self.num(id).clamp(0.0, f64::from(u32::MAX)) as u32
    }

    pub(super) fn yes(&self, id: &str) -> bool {
        self.asked(id) && self.get(id).as_bool().unwrap_or_default()
    }

    pub(super) fn is(&self, id: &str, option: &str) -> bool {
        self.text(id) == option
    }

    pub(super) fn list(&self, id: &str) -> Vec<&'a str> {
        self.get(id).as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
    }

    /// The explanation of the chosen option of a choice.
    pub(super) fn explain(&self, id: &str) -> Option<&'a str> {
        let Kind::Choice(c) = &self.script.question(id)?.kind else { return None };
        c.options.iter().find(|o| o.value == self.text(id)).map(|o| o.explain.as_str())
    }
}

/// The whole GCO for the answers.
pub(crate) fn gco(a: &Answers) -> Gco {
    let council = a.yes("council");
    let treasury = a.yes("treasury");
    let mut g = Gco {
        schema: None,
        identity: identity(a),
        members: members(a),
        roles: roles(a),
        decision_types: decision_types(a),
        treasury: treasury.then(|| treasury_domain(a)),
        escalation: Some(escalation(a, council)),
        incentives: Some(incentives(a, treasury)),
        delegation: Some(delegation(a)),
        constitution: None,
        composition: None,
        mesh: a.asked("operators").then(|| mesh(a)),
        resources: Vec::new(),
        alert_thresholds: AlertThresholds::default(),
        voting_weight: Some(voting_weight(a)),
    };
    g.constitution = Some(constitution(a, &g));
    g
}

/// When weight is read, as answered; token weight changes hands, a member's vote does not.
fn voting_weight(a: &Answers) -> VotingWeight {
    let snapshot = match a.text("weight_snapshot") {
        "live" => WeightSnapshot::Live,
        "vote_start" => WeightSnapshot::VoteStart,
        _ => WeightSnapshot::ProposalCreated,
    };
    VotingWeight {
        weight_snapshot: Some(snapshot),
        weight_transferable: Some(a.is("weight_model", "token_weighted")),
        acquirable: None,
        token_price: None,
    }
}

/// Who may cancel an adopted decision during its timelock, as answered.
fn veto(a: &Answers) -> Vec<VetoHolder> {
    match a.text("veto") {
        "council" if a.yes("council") => vec![VetoHolder::Council { role: "council".to_owned() }],
        "members" => vec![VetoHolder::TokenHolders { threshold: a.num("general_quorum") }],
        _ => Vec::new(),
    }
}

fn identity(a: &Answers) -> Identity {
    let display = a.text("org_name");
    let description = a.text("description");
    Identity {
        name: unique_slugs(&[display], "org", &BTreeSet::new()).remove(0),
        display_name: Some(display.to_owned()),
        kind: org_kind(a),
        // A design from the dialogue is a draft until its members ratify it.
        version: semver::Version::new(0, 1, 0),
        description: (!description.is_empty()).then(|| description.to_owned()),
        jurisdiction: None,
    }
}

fn org_kind(a: &Answers) -> OrgKind {
    serde_json::from_value(a.get("org_kind").clone()).unwrap_or(OrgKind::Other)
}

fn members(a: &Answers) -> Members {
    let p = a.num("expected_participation");
    let token = a.is("weight_model", "token_weighted");
    if a.is("membership", "population") {
        return Members {
            explicit: Vec::new(),
            population: Some(Population {
                count: a.count("member_count"),
                seed: POPULATION_SEED,
                id_prefix: "m-".to_owned(),
                // Token holdings are heavy-tailed; a median of about 100 tokens.
                weight: if token {
                    Distribution::Lognormal { mu: 4.6, sigma: 1.2 }
                } else {
                    Distribution::Constant { value: 1.0 }
                },
                propensity: propensity(p),
                roles: vec!["member".to_owned()],
            }),
        };
    }
    let items = a.list("member_names");
    let parsed: Vec<(&str, f64)> =
        items.iter().map(|i| split_weight(i).map_or((*i, 1.0), |(n, w)| (n, w.unwrap_or(1.0)))).collect();
    let names: Vec<&str> = parsed.iter().map(|x| x.0).collect();
    let ids = unique_slugs(&names, "member", &BTreeSet::new());
    let explicit = parsed
        .iter()
        .zip(ids)
        .map(|(&(name, weight), id)| Member {
            id,
            name: Some(name.to_owned()),
            weight: if token { weight } else { 1.0 },
            propensity: p,
            roles: vec!["member".to_owned()],
        })
        .collect();
    Members { explicit, population: None }
}

/// Beta-distributed participation with mean `p`; concentrated enough that a few hundred
/// generated members turn out close to `p` (the quorum bounds rely on it).
fn propensity(p: f64) -> Distribution {
    let concentration = (10.0 / p).max(20.0);
    let round3 = |x: f64| (x * 1000.0).round() / 1000.0;
    Distribution::Beta { alpha: round3(p * concentration), beta: round3((1.0 - p) * concentration) }
}

fn perm(action: Action, resource: impl Into<String>) -> Permission {
    Permission { action, resource: resource.into() }
}

/// The decision types the answers call for, in the order they are declared.
fn decision_ids(a: &Answers) -> Vec<&'static str> {
    let mut ids = vec!["general"];
    if a.yes("treasury") {
        ids.extend(["treasury-small", "treasury-large"]);
    }
    ids.push("constitutional");
    if !a.list("entrenched_rights").is_empty() {
        ids.push("entrenched-amendment");
    }
    ids
}

pub(super) fn council_name(a: &Answers) -> &'static str {
    match org_kind(a) {
        OrgKind::Cooperative => "Board",
        OrgKind::Foundation => "Board of directors",
        OrgKind::Federation => "Federation council",
        _ => "Council",
    }
}

fn roles(a: &Answers) -> Vec<Role> {
    let council = a.yes("council");
    let mut roles = vec![member_role(a)];
    if council {
        roles.push(council_role(a));
    }
    roles.push(Role {
        id: "mediator".to_owned(),
        name: Some("Mediator".to_owned()),
        description: Some(
            "Members both sides of a dispute trust to mediate it; the first step of the ladder.".to_owned(),
        ),
        seats: None,
        term: None,
        eligibility: Eligibility {
            // Mediators who also sat on the council would hear the same dispute twice.
            incompatible_roles: if council { vec!["council".to_owned()] } else { Vec::new() },
            elected_by: Some("general".to_owned()),
            ..Eligibility::default()
        },
        permissions: vec![perm(Action::Decide, "escalation/mediation")],
        election_method: None,
        affiliation: Default::default(),
    });
    roles
}

fn member_role(a: &Answers) -> Role {
    let mut permissions = Vec::new();
    for d in decision_ids(a) {
        permissions.push(perm(Action::Propose, format!("decision/{d}")));
        permissions.push(perm(Action::Vote, format!("decision/{d}")));
    }
    if a.yes("delegation") {
        permissions.push(perm(Action::Delegate, "delegation"));
    }
    permissions.push(perm(Action::Escalate, "escalation"));
    permissions.push(perm(Action::View, "members"));
    if a.yes("treasury") {
        permissions.push(perm(Action::View, "treasury"));
    }
    if a.asked("operators") {
        permissions.push(perm(Action::View, "mesh"));
    }
    Role {
        id: "member".to_owned(),
        name: Some("Member".to_owned()),
        description: Some("Every member: proposes, votes, and escalates disputes.".to_owned()),
        seats: None,
        term: None,
        eligibility: Eligibility::default(),
        permissions,
        election_method: None,
        affiliation: Default::default(),
    }
}

fn council_role(a: &Answers) -> Role {
    let mut permissions =
        vec![perm(Action::Propose, "decision/general"), perm(Action::Decide, "escalation/council-review")];
    if a.yes("treasury") {
        for d in ["treasury-small", "treasury-large"] {
            permissions.push(perm(Action::Sign, format!("decision/{d}")));
            permissions.push(perm(Action::Execute, format!("decision/{d}")));
        }
        permissions.push(perm(Action::Spend, "treasury"));
    }
    if a.asked("operators") {
        permissions.push(perm(Action::Administer, "mesh/hub"));
    }
    Role {
        id: "council".to_owned(),
        name: Some(council_name(a).to_owned()),
        description: Some(
            "Elected by the members for a fixed term; co-signs payments and hears disputes mediation could not settle."
                .to_owned(),
        ),
        seats: Some(a.count("council_seats")),
        term: Some(Term { length_days: a.count("council_term_days"), max_consecutive: None, staggered: false }),
        eligibility: Eligibility {
            incompatible_roles: vec!["mediator".to_owned()],
            elected_by: Some("general".to_owned()),
            ..Eligibility::default()
        },
        permissions,
        election_method: None,
        affiliation: Default::default(),
    }
}

/// Clock, delay and period shared by every decision type, scaled for the slower ones.
struct Timing {
    clock: Clock,
    seconds_per_unit: f64,
}

impl Timing {
    fn of(a: &Answers) -> Timing {
        if a.is("clock", "blocks") {
            let bt = a.num("block_time");
            Timing { clock: Clock::Blocks { block_time: Some(bt) }, seconds_per_unit: bt }
        } else {
            Timing { clock: Clock::Time, seconds_per_unit: 1.0 }
        }
    }

    /// Days in the decision's units; a positive duration never rounds down to zero.
    fn units(&self, days: f64) -> u64 {
        let u = (days * 86_400.0 / self.seconds_per_unit).round() as u64;
        if days > 0.0 { u.max(1) } else { 0 }
    }
}

/// Parameters of one decision type before it is written out.
struct Rule {
    id: &'static str,
    name: &'static str,
    description: String,
    approval: f64,
    /// Multiplies the voting period and the timelock of ordinary decisions.
    slowness: f64,
    signers: Option<u32>,
}

fn decision_types(a: &Answers) -> Vec<DecisionType> {
    let t = Timing::of(a);
    let approval = a.num("general_approval");
    let council = a.yes("council") && a.yes("treasury");
    let m = a.count("council_signers");
    let seats = a.count("council_seats");
    let boundary = money(a, a.num("spend_boundary"));
    let mut rules = vec![Rule {
        id: "general",
        name: "Ordinary decision",
        description: "Everyday decisions, elections and the final step of the dispute ladder.".to_owned(),
        approval,
        slowness: 1.0,
        signers: None,
    }];
    if a.yes("treasury") {
        rules.push(Rule {
            id: "treasury-small",
            name: "Small spend",
            description: format!("Spends below {boundary}."),
            approval,
            slowness: 1.0,
            signers: council.then_some(m),
        });
        rules.push(Rule {
            id: "treasury-large",
            name: "Large spend",
            description: format!(
                "Spends of {boundary} or more: a higher approval, a longer timelock and one more signature."
            ),
            approval: approval.max(LARGE_SPEND_APPROVAL),
            slowness: 2.0,
            signers: council.then_some((m + 1).min(seats)),
        });
    }
    rules.push(Rule {
        id: "constitutional",
        name: "Constitutional amendment",
        description: "Amends the constitution (except entrenched rights).".to_owned(),
        approval: a.num("amendment_approval"),
        slowness: 2.0,
        signers: None,
    });
    if !a.list("entrenched_rights").is_empty() {
        rules.push(Rule {
            id: "entrenched-amendment",
            name: "Amendment of entrenched rights",
            description: "The only way to change an entrenched right.".to_owned(),
            approval: a.num("amendment_approval").max(ENTRENCHED_APPROVAL),
            slowness: 2.0,
            signers: None,
        });
    }
    rules.into_iter().map(|r| decision_type(a, &t, r)).collect()
}

fn decision_type(a: &Answers, t: &Timing, r: Rule) -> DecisionType {
    // Amendments give members the exit window before they take effect, so they wait at least that long.
    let amends = matches!(r.id, "constitutional" | "entrenched-amendment");
    let exit_window = amends.then(|| t.units(a.num("exit_window_days"))).filter(|w| *w > 0);
    let timelock = t.units(a.num("timelock_days") * r.slowness).max(exit_window.unwrap_or(0));
    DecisionType {
        id: r.id.to_owned(),
        name: Some(r.name.to_owned()),
        description: Some(r.description),
        proposal_threshold: ProposalThreshold::default(),
        quorum: a.num("general_quorum"),
        approval: r.approval,
        clock: t.clock.clone(),
        voting_delay: t.units(a.num("voting_delay_days")),
        voting_period: t.units(a.num("voting_period_days") * r.slowness),
        timelock,
        signers: r.signers.map(|required| Signers { role: "council".to_owned(), required, of: None }),
        expected_rate: None,
        spend: None,
        powers: Vec::new(),
        quorum_counting: None,
        absolute_threshold: None,
        vote_change_allowed: None,
        late_quorum_extension: None,
        super_quorum: None,
        veto: veto(a),
        exit_window,
    }
}

fn treasury_domain(a: &Answers) -> Treasury {
    let names = a.list("treasury_categories");
    let ids = unique_slugs(&names, "category", &BTreeSet::new());
    let inflow = a.num("treasury_monthly_inflow");
    let boundary = a.num("spend_boundary");
    Treasury {
        currency: a.text("treasury_currency").to_owned(),
        balance: a.num("treasury_balance"),
        inflows: if inflow > 0.0 {
            vec![Inflow { source: "Recurring income".to_owned(), amount: inflow, period: Period::Month }]
        } else {
            Vec::new()
        },
        categories: ids
            .into_iter()
            .zip(&names)
            .map(|(id, name)| TreasuryCategory { id, name: Some((*name).to_owned()), budget_share: None })
            .collect(),
        tiers: vec![
            AuthorizationTier {
                id: "small".to_owned(),
                min: 0.0,
                max: Some(boundary),
                decision_type: "treasury-small".to_owned(),
                signers: None,
                routes: Vec::new(),
            },
            AuthorizationTier {
                id: "large".to_owned(),
                min: boundary,
                max: None,
                decision_type: "treasury-large".to_owned(),
                signers: None,
                routes: Vec::new(),
            },
        ],
        spending_limits: Vec::new(),
    }
}

fn escalation(a: &Answers, council: bool) -> Escalation {
    let external = a.is("dispute_final", "external");
    let last = if external { "arbitration" } else { "members-vote" };
    let mut levels = vec![EscalationLevel {
        id: "mediation".to_owned(),
        name: Some("Peer mediation".to_owned()),
        decided_by: Decider::Role { role: "mediator".to_owned() },
        time_limit_days: Some(MEDIATION_DAYS),
        next: Some(if council { "council-review" } else { last }.to_owned()),
        terminal: false,
    }];
    if council {
        levels.push(EscalationLevel {
            id: "council-review".to_owned(),
            name: Some(format!("{} review", council_name(a))),
            decided_by: Decider::Role { role: "council".to_owned() },
            time_limit_days: Some(COUNCIL_REVIEW_DAYS),
            next: Some(last.to_owned()),
            terminal: false,
        });
    }
    levels.push(EscalationLevel {
        id: last.to_owned(),
        name: Some(if external { "External arbitration" } else { "Vote of all members" }.to_owned()),
        decided_by: if external {
            Decider::External { body: a.text("arbitrator").to_owned() }
        } else {
            Decider::DecisionType { decision_type: "general".to_owned() }
        },
        time_limit_days: None,
        next: None,
        terminal: true,
    });
    Escalation { levels }
}

fn delegation(a: &Answers) -> Delegation {
    let allowed = a.yes("delegation");
    Delegation { allowed, max_depth: if allowed { a.count("delegation_depth") } else { 1 }, edges: Vec::new() }
}

/// Incentives as answered; "no" is stated explicitly rather than left open.
fn incentives(a: &Answers, treasury: bool) -> Incentives {
    if !a.yes("incentives") {
        return Incentives { enabled: false, mechanisms: Vec::new() };
    }
    let kind = a.text("incentive_mechanism");
    let funded_from = treasury
        .then(|| unique_slugs(&a.list("treasury_categories"), "category", &BTreeSet::new()).into_iter().next())
        .flatten();
    Incentives {
        enabled: true,
        mechanisms: vec![Mechanism {
            id: kind.replace('_', "-"),
            kind: serde_json::from_value(Value::String(kind.to_owned())).unwrap_or(MechanismKind::ParticipationReward),
            weight: 1.0,
            funded_from,
            description: a.explain("incentive_mechanism").map(str::to_owned),
        }],
    }
}

fn mesh(a: &Answers) -> Mesh {
    let operators = a.list("operators");
    let ids = unique_slugs(&operators, "operator", &BTreeSet::from(["hub".to_owned(), "core".to_owned()]));
    let org = unique_slugs(&[a.text("org_name")], "org", &BTreeSet::new()).remove(0);
    let mut nodes = vec![MeshNode {
        id: "hub".to_owned(),
        name: Some(format!("{} governance hub", a.text("org_name"))),
        kind: NodeKind::Hub,
        operator: Some(org),
    }];
    nodes.extend(ids.iter().zip(&operators).map(|(id, name)| MeshNode {
        id: id.clone(),
        name: Some((*name).to_owned()),
        kind: NodeKind::Member,
        operator: Some(id.clone()),
    }));
    let connections = ids
        .iter()
        .map(|id| Connection { from: "hub".to_owned(), to: id.clone(), kind: ConnectionKind::Sync })
        .collect();
    let adopted = PolicyRule {
        id: "adopted-only".to_owned(),
        rule: "Nodes apply only configurations adopted by a decision of the members.".to_owned(),
        enforcement: Enforcement::Required,
    };
    let published = PolicyRule {
        id: "published-fingerprints".to_owned(),
        rule: "The operator publishes the fingerprint of every configuration its node runs.".to_owned(),
        enforcement: Enforcement::Required,
    };
    let trust_domains = if a.is("trust_domains", "shared") {
        let mut members = vec!["hub".to_owned()];
        members.extend(ids.iter().cloned());
        vec![TrustDomain {
            id: "shared".to_owned(),
            name: Some("Shared domain".to_owned()),
            members,
            policies: vec![adopted, published],
        }]
    } else {
        let core = TrustDomain {
            id: "core".to_owned(),
            name: Some("Governance core".to_owned()),
            members: vec!["hub".to_owned()],
            policies: vec![adopted],
        };
        let per_operator = ids.iter().zip(&operators).map(|(id, name)| TrustDomain {
            id: format!("{id}-domain"),
            name: Some(format!("{name} domain")),
            members: vec![id.clone()],
            policies: vec![published.clone()],
        });
        std::iter::once(core).chain(per_operator).collect()
    };
    Mesh { nodes, connections, trust_domains }
}

/// Ids from names: lowercase ASCII letters and digits joined by dashes, at most 64
/// characters, unique (suffixes `-2`, `-3`…) and never one of `reserved`.
pub(crate) fn unique_slugs(names: &[&str], fallback: &str, reserved: &BTreeSet<String>) -> Vec<String> {
    let mut seen = reserved.clone();
    let mut out = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let base = match slug(name) {
            s if s.is_empty() => format!("{fallback}-{}", i + 1),
            s => s,
        };
        let mut id = base.clone();
        let mut n = 2;
        while !seen.insert(id.clone()) {
            id = format!("{}-{n}", truncate(&base, 60));
            n += 1;
        }
        out.push(id);
    }
    out
}

fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
    }
    truncate(&s, 64)
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect::<String>().trim_end_matches('-').to_owned()
}
