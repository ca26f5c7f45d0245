//! Snapshot space settings → a design with one decision type.

use super::{ADMIN_ROLE, AUTHOR_ROLE, DECISION_TYPE, MODERATOR_ROLE, VOTER_ROLE, round_share};
use crate::error::IntakeError;
use crate::interop::{Answers, Gap, Imported, Question};
use cogov_model::{
    Action, Clock, DecisionType, Delegation, Distribution, ErrorCode, GapCode, Gco, Identity, Member, Members,
    Permission, Population, ProposalThreshold, QuorumCounting, Resource, Role, VotingWeight, WeightSnapshot,
};
use serde_json::{Map, Value, json};

/// The resource a space admin administers.
const SPACE_RESOURCE: &str = "snapshot-space";
/// The resource a moderator administers.
const MODERATION_RESOURCE: &str = "snapshot-moderation";

/// Settings keys a design has no place for; listed in one `GOV-Y122` gap when present.
const METADATA_KEYS: &[&str] = &[
    "network",
    "symbol",
    "treasuries",
    "plugins",
    "domain",
    "skin",
    "skinSettings",
    "avatar",
    "cover",
    "website",
    "twitter",
    "github",
    "farcaster",
    "coingecko",
    "email",
    "terms",
    "guidelines",
    "template",
    "location",
    "categories",
    "children",
    "parent",
    "labels",
    "boost",
    "discussions",
    "discourseCategory",
    "delegationPortal",
    "followValidation",
    "allowAlias",
    "private",
];

/// Reads space settings; see the module documentation of `snapshot` for the mapping.
pub fn import(bytes: &[u8], answers: &Answers) -> Result<Imported, IntakeError> {
    crate::limits::check_bom(bytes)?;
    let text = crate::limits::decode_utf8(bytes)?;
    crate::limits::check_json_depth(text)?;
    let value: Value = serde_json::from_str(text)
        .map_err(|e| IntakeError::at(ErrorCode::InteropSourceInvalid, e.line(), e.column().max(1), e.to_string()))?;
    let obj = value.as_object().ok_or_else(|| invalid("", "space settings are a JSON object"))?;
    let mut gaps = Vec::new();
    let mut questions = Vec::new();

    let name = match obj.get("name") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        _ => return Err(invalid("/name", "a space has a non-empty `name` string")),
    };
    let strategies = strategies(obj)?;
    let voting = match obj.get("voting") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => return Err(invalid("/voting", "`voting` is an object")),
    };
    let quorum_votes = number(&voting, "quorum", "/voting/quorum")?.unwrap_or(0.0);
    let delay = number(&voting, "delay", "/voting/delay")?;
    let period = number(&voting, "period", "/voting/period")?.filter(|p| *p > 0.0);
    for (key, v) in [("delay", delay), ("period", period)] {
        if v.is_some_and(|v| v < 0.0 || v.fract() != 0.0) {
            return Err(invalid(format!("/voting/{key}"), format!("`voting.{key}` is a whole number of seconds")));
        }
    }

    // What the settings do not say: the answers, or the defaults (each one a SourceSilent gap).
    let supply_default = if quorum_votes > 0.0 { quorum_votes * 10.0 } else { 1_000_000.0 };
    let total_supply = ask(
        &mut questions,
        &mut gaps,
        answers,
        AskSpec {
            key: "total_supply",
            prompt: "Total voting power of the space (every strategy together), in the strategies' units: it turns the absolute quorum into a share and sizes the voters' weights",
            default: json!(supply_default),
            pointer: "/decision_types/0/quorum",
        },
        |v| v.as_f64().filter(|x| x.is_finite() && *x > 0.0 && *x <= cogov_model::MAX_QUANTITY),
        "a positive number up to 10^15",
    )?;
    let voter_count = ask(
        &mut questions,
        &mut gaps,
        answers,
        AskSpec {
            key: "voter_count",
            prompt: "How many addresses hold voting power (the strategies compute it; the settings do not list them)",
            default: json!(1000),
            pointer: "/members/population/count",
        },
        |v| v.as_u64().filter(|n| (1..=10_000_000).contains(n)).and_then(|n| u32::try_from(n).ok()),
        "a whole number from 1 to 10,000,000",
    )?;
    let turnout = ask(
        &mut questions,
        &mut gaps,
        answers,
        AskSpec {
            key: "turnout",
            prompt: "The probability that a holder votes on a proposal (participation propensity, 0 to 1)",
            default: json!(0.1),
            pointer: "/members/population/propensity",
        },
        |v| v.as_f64().filter(|x| (0.0..=1.0).contains(x)),
        "a number from 0 to 1",
    )?;
    let approval = ask(
        &mut questions,
        &mut gaps,
        answers,
        AskSpec {
            key: "approval",
            prompt: "The share of for votes (among for and against) a proposal needs to pass: Snapshot shows the tally and does not decide",
            default: json!(0.5),
            pointer: "/decision_types/0/approval",
        },
        |v| v.as_f64().filter(|x| *x > 0.0 && *x <= 1.0),
        "a number above 0 and at most 1",
    )?;
    let voting_delay = match delay {
        Some(d) => d as u64,
        None => ask(
            &mut questions,
            &mut gaps,
            answers,
            AskSpec {
                key: "voting_delay",
                prompt: "Seconds between a proposal and the start of its vote (the space leaves it to each proposal)",
                default: json!(0),
                pointer: "/decision_types/0/voting_delay",
            },
            |v| v.as_u64().filter(|n| *n <= super::MAX_DELAY),
            "a whole number of seconds up to 30 days",
        )?,
    };
    let voting_period = match period {
        Some(p) => p as u64,
        None => ask(
            &mut questions,
            &mut gaps,
            answers,
            AskSpec {
                key: "voting_period",
                prompt: "Seconds a vote lasts (the space leaves it to each proposal)",
                default: json!(604_800),
                pointer: "/decision_types/0/voting_period",
            },
            |v| v.as_u64().filter(|n| (1..=super::MAX_PERIOD).contains(n)),
            "a whole number of seconds from 1 up to a year",
        )?,
    };

    let quorum = round_share(quorum_votes / total_supply);
    if !(0.0..=1.0).contains(&quorum) {
        return Err(IntakeError::at_pointer(
            ErrorCode::InteropAnswer,
            "/voting/quorum",
            format!(
                "the quorum of {quorum_votes} votes is more than the total_supply {total_supply}: give the space's total voting power with --answer total_supply=…"
            ),
        ));
    }

    // Who may propose: the basic validation's floor (older spaces: filters.minScore), and only
    // the authors when filters.onlyMembers is set.
    let filters = match obj.get("filters") {
        Some(Value::Object(m)) => m.clone(),
        None | Some(Value::Null) => Map::new(),
        Some(_) => return Err(invalid("/filters", "`filters` is an object")),
    };
    let only_members = filters.get("onlyMembers").and_then(Value::as_bool).unwrap_or(false);
    let mut min_weight = number(&filters, "minScore", "/filters/minScore")?.unwrap_or(0.0);
    match obj.get("validation") {
        None | Some(Value::Null) => {}
        Some(Value::Object(v)) => {
            let vname = v.get("name").and_then(Value::as_str).unwrap_or("");
            let params = v.get("params").and_then(Value::as_object);
            let custom = params.is_some_and(|p| p.keys().any(|k| k != "minScore"));
            match vname {
                "any" => min_weight = 0.0,
                "basic" => {
                    if let Some(p) = params {
                        min_weight = number(p, "minScore", "/validation/params/minScore")?.unwrap_or(0.0);
                    }
                    if custom {
                        gaps.push(Gap::new(
                            GapCode::SnapshotValidation,
                            "/decision_types/0/proposal_threshold",
                            "the proposal validation `basic` counts voting power with its own strategies: read as a floor of the space's voting power",
                        ));
                    }
                }
                other => gaps.push(Gap::new(
                    GapCode::SnapshotValidation,
                    "/decision_types/0/proposal_threshold",
                    format!("the proposal validation `{other}` is not held: anyone with at least {min_weight} voting power may propose"),
                )),
            }
        }
        Some(_) => return Err(invalid("/validation", "`validation` is an object")),
    }
    // Older spaces: `filters.minScore` hid proposals of authors below the floor, and
    // `onlyMembers` showed the members' proposals whatever their score; the members (who hold
    // no known weight here) may propose, so the floor is not theirs.
    let validated = matches!(obj.get("validation"), Some(Value::Object(_)));
    if only_members && !validated && min_weight > 0.0 {
        gaps.push(Gap::new(
            GapCode::SnapshotValidation,
            "/decision_types/0/proposal_threshold",
            format!("`filters.minScore` {min_weight} hides proposals of non-members, which `onlyMembers` hides anyway: the members propose without a floor"),
        ));
        min_weight = 0.0;
    }
    if !(min_weight.is_finite() && (0.0..=cogov_model::MAX_QUANTITY).contains(&min_weight)) {
        return Err(invalid("/validation/params/minScore", "the proposal floor is a number from 0 to 10^15"));
    }
    if let Some(Value::Object(v)) = obj.get("voteValidation") {
        let vname = v.get("name").and_then(Value::as_str).unwrap_or("any");
        if vname != "any" {
            gaps.push(Gap::new(
                GapCode::SnapshotValidation,
                "/roles/0",
                format!("the vote validation `{vname}` is not held: every holder may vote"),
            ));
        }
    }

    // Voting system and tally options.
    match voting.get("type").and_then(Value::as_str) {
        Some("basic") => {}
        Some(t) if !t.is_empty() => gaps.push(Gap::new(
            GapCode::SnapshotVotingSystem,
            "/decision_types/0",
            format!("the space votes by `{t}`: read as for, against or abstain"),
        )),
        _ => gaps.push(Gap::new(
            GapCode::SnapshotVotingSystem,
            "/decision_types/0",
            "the space leaves the voting system to each proposal: read as for, against or abstain (`basic`)",
        )),
    }
    let mut privacy = Vec::new();
    if voting.get("quorumType").and_then(Value::as_str) == Some("rejection") {
        privacy.push("a rejection quorum (against votes must reach it)".to_owned());
    }
    for key in ["blind", "hideAbstain", "aliased"] {
        if voting.get(key).and_then(Value::as_bool) == Some(true) {
            privacy.push(format!("`{key}`"));
        }
    }
    if let Some(p) = voting.get("privacy").and_then(Value::as_str).filter(|p| !p.is_empty()) {
        privacy.push(format!("privacy `{p}`"));
    }
    if !privacy.is_empty() {
        gaps.push(Gap::new(GapCode::SnapshotPrivacy, "/decision_types/0", format!("not held: {}", privacy.join(", "))));
    }

    let names: Vec<&str> = strategies.iter().map(|(n, _)| n.as_str()).collect();
    let delegates = names.iter().any(|n| n.contains("delegation"));
    let weight = total_supply / f64::from(voter_count);
    gaps.push(Gap::new(
        GapCode::SnapshotStrategies,
        "/members/population",
        format!(
            "the strategies {} compute voting power; the design holds {voter_count} voters of {weight} each (total_supply {total_supply})",
            names.join(", ")
        ),
    ));
    let metadata: Vec<&str> = METADATA_KEYS.iter().copied().filter(|k| obj.contains_key(*k)).collect();
    if !metadata.is_empty() {
        gaps.push(Gap::new(GapCode::SnapshotMetadata, "/identity", format!("not held: {}", metadata.join(", "))));
    }

    // The space's admins, moderators and authors, each an explicit member holding the role.
    let mut explicit: Vec<Member> = Vec::new();
    let mut roles_present = Vec::new();
    for (key, role) in [("admins", ADMIN_ROLE), ("moderators", MODERATOR_ROLE), ("members", AUTHOR_ROLE)] {
        let list = addresses(obj, key)?;
        if !list.is_empty() {
            roles_present.push(role);
        }
        for addr in list {
            match explicit.iter_mut().find(|m| m.id.eq_ignore_ascii_case(&addr)) {
                Some(m) if !m.roles.iter().any(|r| r == role) => m.roles.push(role.to_owned()),
                Some(_) => {}
                None => explicit.push(Member {
                    id: addr,
                    name: None,
                    weight: 0.0,
                    propensity: 0.0,
                    roles: vec![role.to_owned()],
                }),
            }
        }
    }
    if only_members && !roles_present.contains(&AUTHOR_ROLE) {
        return Err(invalid("/filters/onlyMembers", "only members may propose, but the space lists no members"));
    }

    let decision = format!("decision/{DECISION_TYPE}");
    let perm = |action: Action, resource: &str| Permission { action, resource: resource.to_owned() };
    let mut voter_perms = vec![perm(Action::Vote, &decision)];
    if !only_members {
        voter_perms.push(perm(Action::Propose, &decision));
    }
    if delegates {
        voter_perms.push(perm(Action::Delegate, "delegation"));
    }
    let mut roles =
        vec![role(VOTER_ROLE, "Voter", "Holds voting power as the space's strategies count it.", voter_perms)];
    let mut resources = Vec::new();
    if roles_present.contains(&ADMIN_ROLE) {
        roles.push(role(
            ADMIN_ROLE,
            "Space admin",
            "Edits the Snapshot space's settings.",
            vec![perm(Action::Administer, &format!("resource/{SPACE_RESOURCE}"))],
        ));
        resources.push(Resource {
            id: SPACE_RESOURCE.to_owned(),
            description: Some("The Snapshot space's settings".to_owned()),
        });
    }
    if roles_present.contains(&MODERATOR_ROLE) {
        roles.push(role(
            MODERATOR_ROLE,
            "Space moderator",
            "Hides proposals and manages the space's authors.",
            vec![perm(Action::Administer, &format!("resource/{MODERATION_RESOURCE}"))],
        ));
        resources.push(Resource {
            id: MODERATION_RESOURCE.to_owned(),
            description: Some("Moderation of the Snapshot space's proposals".to_owned()),
        });
    }
    if roles_present.contains(&AUTHOR_ROLE) {
        roles.push(role(
            AUTHOR_ROLE,
            "Space author",
            "Listed in the space's members: may propose.",
            vec![perm(Action::Propose, &decision)],
        ));
    }

    let description = obj.get("about").and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    let mut gco = Gco::new(
        Identity {
            display_name: Some(name.clone()),
            description: description.map(str::to_owned),
            ..Identity::dao(slug(&name))
        },
        Members {
            explicit,
            population: Some(Population {
                count: voter_count,
                seed: 1,
                id_prefix: "holder-".to_owned(),
                weight: Distribution::Constant { value: weight },
                propensity: Distribution::Constant { value: turnout },
                roles: vec![VOTER_ROLE.to_owned()],
            }),
        },
        roles,
        vec![DecisionType {
            id: DECISION_TYPE.to_owned(),
            name: Some("Snapshot proposal".to_owned()),
            description: Some(format!("A signalling vote in the Snapshot space {name}.")),
            proposal_threshold: ProposalThreshold {
                min_weight,
                roles: if only_members { vec![AUTHOR_ROLE.to_owned()] } else { Vec::new() },
            },
            quorum,
            approval,
            clock: Clock::Time,
            voting_delay,
            voting_period,
            timelock: 0,
            signers: None,
            expected_rate: None,
            spend: None,
            powers: Vec::new(),
            quorum_counting: Some(QuorumCounting::AllCast),
            absolute_threshold: None,
            vote_change_allowed: None,
            late_quorum_extension: None,
            super_quorum: None,
            veto: Vec::new(),
            exit_window: None,
        }],
    );
    gco.delegation = delegates.then(|| Delegation { allowed: true, max_depth: 1, edges: Vec::new() });
    gco.resources = resources;
    gco.voting_weight =
        Some(VotingWeight { weight_snapshot: Some(WeightSnapshot::ProposalCreated), ..Default::default() });
    Ok(Imported { gco, gaps, questions })
}

/// A role with a name, a description and permissions.
fn role(id: &str, name: &str, description: &str, permissions: Vec<Permission>) -> Role {
    Role {
        id: id.to_owned(),
        name: Some(name.to_owned()),
        description: Some(description.to_owned()),
        seats: None,
        term: None,
        eligibility: Default::default(),
        permissions,
        election_method: None,
        affiliation: Default::default(),
    }
}

/// A format error at a pointer of the settings.
fn invalid(pointer: impl Into<String>, message: impl Into<String>) -> IntakeError {
    IntakeError::at_pointer(ErrorCode::InteropSourceInvalid, pointer, message)
}

/// A number under `key`, absent when missing or null; refused when of another type.
fn number(map: &Map<String, Value>, key: &str, pointer: &str) -> Result<Option<f64>, IntakeError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => {
            n.as_f64().filter(|x| x.is_finite()).map(Some).ok_or_else(|| invalid(pointer, "not a finite number"))
        }
        Some(_) => Err(invalid(pointer, format!("`{key}` is a number"))),
    }
}

/// The strategies: a non-empty array of objects with a `name`.
fn strategies(obj: &Map<String, Value>) -> Result<Vec<(String, Value)>, IntakeError> {
    let list = match obj.get("strategies") {
        Some(Value::Array(a)) if !a.is_empty() => a,
        _ => return Err(invalid("/strategies", "a space has a non-empty `strategies` array")),
    };
    list.iter()
        .enumerate()
        .map(|(i, s)| match s.get("name").and_then(Value::as_str) {
            Some(n) if !n.is_empty() => Ok((n.to_owned(), s.get("params").cloned().unwrap_or(Value::Null))),
            _ => Err(invalid(format!("/strategies/{i}"), "a strategy is an object with a `name` string")),
        })
        .collect()
}

/// The addresses under `key` (admins, moderators, members).
fn addresses(obj: &Map<String, Value>, key: &str) -> Result<Vec<String>, IntakeError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, v)| match v.as_str() {
                Some(s) if !s.is_empty() && s.len() <= 128 => Ok(s.to_owned()),
                _ => Err(invalid(format!("/{key}/{i}"), "an address is a non-empty string of at most 128 characters")),
            })
            .collect(),
        Some(_) => Err(invalid(format!("/{key}"), format!("`{key}` is an array of addresses"))),
    }
}

/// A question's key, prompt, default and the GCO pointer its value fills.
struct AskSpec {
    key: &'static str,
    prompt: &'static str,
    default: Value,
    pointer: &'static str,
}

/// Lists the question, then reads its answer (refused with GOV-X103 when `accept` refuses it)
/// or takes the default and records a SourceSilent gap.
fn ask<T>(
    questions: &mut Vec<Question>,
    gaps: &mut Vec<Gap>,
    answers: &Answers,
    spec: AskSpec,
    accept: impl Fn(&Value) -> Option<T>,
    expected: &str,
) -> Result<T, IntakeError> {
    questions.push(Question {
        key: spec.key.to_owned(),
        prompt: spec.prompt.to_owned(),
        default: Some(spec.default.clone()),
    });
    if let Some(answer) = answers.get(spec.key) {
        return accept(answer).ok_or_else(|| {
            IntakeError::whole(
                ErrorCode::InteropAnswer,
                format!("the answer {} = {answer} is not {expected}", spec.key),
            )
        });
    }
    gaps.push(Gap::new(
        GapCode::SourceSilent,
        spec.pointer,
        format!(
            "the settings do not say `{}`: assumed {} (answer with --answer {}=…)",
            spec.key, spec.default, spec.key
        ),
    ));
    accept(&spec.default).ok_or_else(|| {
        // The defaults are chosen inside the accepted ranges; reaching here is a bug in a default.
        IntakeError::whole(ErrorCode::InteropUnanswered, format!("no usable default for {}", spec.key))
    })
}

/// The space's name as an instance slug: lowercase letters and digits, dashes between words.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(64);
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "snapshot-space".to_owned() } else { out }
}
