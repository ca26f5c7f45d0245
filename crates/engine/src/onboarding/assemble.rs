//! From answers to a GCO: the mapping from question ids to the design's structure.
//!
//! The script is data; this mapping is code, keyed by question ids. It is deterministic
//! (no clock, no randomness beyond the population's fixed seed) and only builds what the
//! answers ask for, so every reference it writes points at something it also wrote.

use super::answers::Walk;
use super::script::{Kind, Question, Script};
use cogov_model::*;
use serde_json::Value;
use std::collections::BTreeSet;

/// Seed of generated populations: fixed, so the same answers give the same members.
const POPULATION_SEED: u32 = 1;
/// Days mediation and the council each have before a dispute climbs a level.
const MEDIATION_DAYS: u32 = 14;
const COUNCIL_REVIEW_DAYS: u32 = 21;
/// Public notice before ordinary and entrenched amendments.
const AMENDMENT_NOTICE_DAYS: u32 = 14;
const ENTRENCHED_NOTICE_DAYS: u32 = 30;
/// Large spends and entrenched amendments never pass with less than these approvals.
const LARGE_SPEND_APPROVAL: f64 = 0.6;
const ENTRENCHED_APPROVAL: f64 = 0.75;

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

    fn get(&self, id: &str) -> &'a Value {
        static NULL: Value = Value::Null;
        debug_assert!(QUESTION_IDS.contains(&id), "the mapping reads `{id}`, which QUESTION_IDS does not list");
        self.script.position(id).and_then(|i| self.walk.values.get(i)).unwrap_or(&NULL)
    }

    fn asked(&self, id: &str) -> bool {
        self.script.position(id).is_some_and(|i| self.walk.asked[i])
    }

    fn text(&self, id: &str) -> &'a str {
        self.get(id).as_str().unwrap_or_default()
    }

    fn num(&self, id: &str) -> f64 {
        self.get(id).as_f64().unwrap_or_default()
    }

    fn count(&self, id: &str) -> u32 {
        self.num(id).clamp(0.0, f64::from(u32::MAX)) as u32
    }

    fn yes(&self, id: &str) -> bool {
        self.asked(id) && self.get(id).as_bool().unwrap_or_default()
    }

    fn is(&self, id: &str, option: &str) -> bool {
        self.text(id) == option
    }

    fn list(&self, id: &str) -> Vec<&'a str> {
        self.get(id).as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
    }

    /// The explanation of the chosen option of a choice.
    fn explain(&self, id: &str) -> Option<&'a str> {
        let Kind::Choice(c) = &self.script.question(id)?.kind else { return None };
        c.options.iter().find(|o| o.value == self.text(id)).map(|o| o.explain.as_str())
    }
}

/// Question-specific checks beyond the kind: member weights written as `Name: weight`; a
/// council's veto only where there is a council.
pub(crate) fn check_answer(script: &Script, q: &Question, v: &Value, earlier: &[Value]) -> Result<(), String> {
    if q.id == "veto" {
        let council = script.position("council").and_then(|j| earlier.get(j)).and_then(Value::as_bool);
        if v.as_str() == Some("council") && council == Some(false) {
            return Err("there is no council to cancel decisions: choose the members or nobody (or answer yes to \
                        an elected council)"
                .to_owned());
        }
        return Ok(());
    }
    if q.id != "member_names" {
        return Ok(());
    }
    let token =
        script.position("weight_model").and_then(|j| earlier.get(j)).and_then(Value::as_str) == Some("token_weighted");
    let mut total = 0.0;
    for item in v.as_array().into_iter().flatten().filter_map(Value::as_str) {
        let (name, weight) = split_weight(item)?;
        if weight.is_some() && !token {
            return Err(format!(
                "`{item}`: with one member, one vote every member has weight 1; write the name alone \
                 (or choose token-weighted voting)"
            ));
        }
        if name.is_empty() {
            return Err(format!("`{item}` has a weight but no name"));
        }
        total += weight.unwrap_or(1.0);
    }
    if total <= 0.0 {
        return Err("the members' weights add up to 0: nobody could carry a vote".to_owned());
    }
    Ok(())
}

/// `Ana Silva: 1200` → (`Ana Silva`, Some(1200)); a name alone has no weight.
fn split_weight(item: &str) -> Result<(&str, Option<f64>), String> {
    match item.rsplit_once(':') {
        None => Ok((item.trim(), None)),
        Some((name, w)) => {
            let w = w.trim();
            match w.parse::<f64>() {
                Ok(x) if x.is_finite() && x >= 0.0 => Ok((name.trim(), Some(x))),
                _ => Err(format!("`{item}`: the weight after `:` must be a number of 0 or more, not `{w}`")),
            }
        }
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

fn council_name(a: &Answers) -> &'static str {
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

fn constitution(a: &Answers, g: &Gco) -> Constitution {
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

fn money(a: &Answers, x: f64) -> String {
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
