//! The Governance Configuration Object: one typed structure per domain.
//!
//! Serde is lenient on unknown fields on purpose: the JSON Schema generated from
//! these types is strict (`additionalProperties: false`), and intake reports
//! unknown fields as findings that name them instead of refusing the whole file.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The largest voting weight or amount a design may state (10^15): far above any real
/// treasury or share register, and small enough that sums over ten million members, squares
/// and ratios of them stay finite, so no score can become NaN or infinite (GOV-E004 above it).
pub const MAX_QUANTITY: f64 = 1e15;

/// The Governance Configuration Object (GCO): the one canonical governance record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    deny_unknown_fields,
    title = "Governance Configuration Object",
    description = "CoGov Studio's canonical governance configuration (GCO)."
)]
pub struct Gco {
    /// Optional editor hint pointing at this schema; never part of the content or the fingerprint.
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
    /// Who this governance instance is.
    pub identity: Identity,
    /// The members: an explicit list and/or a seeded population generator.
    #[serde(default)]
    pub members: Members,
    /// Offices and bodies with seats, terms, eligibility and permissions.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// The kinds of decision and the rules each one is taken by.
    #[serde(default)]
    pub decision_types: Vec<DecisionType>,
    /// Treasury: categories, balance, inflows, authorisation tiers and spending limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treasury: Option<Treasury>,
    /// The conflict escalation ladder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation: Option<Escalation>,
    /// Optional incentive mechanisms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incentives: Option<Incentives>,
    /// Whether and how voting weight may be delegated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegation: Option<Delegation>,
    /// Articles, clauses, entrenched clauses and amendment rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constitution: Option<Constitution>,
    /// Referenced citizens, organisms, confluences and basic services (a "GovConfig").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub composition: Option<Composition>,
    /// The governance mesh: nodes, connections and trust domains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mesh: Option<Mesh>,
    /// Custom resources that permissions may name as `resource/<id>`.
    #[serde(default)]
    pub resources: Vec<Resource>,
    /// Overrides of the risk scores' alert thresholds (defaults apply where absent).
    #[serde(default)]
    pub alert_thresholds: AlertThresholds,
    /// Where voting weight comes from and when it is read (absent: unknown; capture analyses
    /// then assume defaults and say so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voting_weight: Option<VotingWeight>,
}

/// Where voting weight comes from, when it is read, and how much of it an outsider could get.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct VotingWeight {
    /// When a voter's weight is read (absent: unknown, assumed `live`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_snapshot: Option<WeightSnapshot>,
    /// Whether weight can change hands (tokens: yes; fixed seats or membership: no).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_transferable: Option<bool>,
    /// Shares of the total weight an outsider could acquire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acquirable: Option<Acquirable>,
    /// Price of one unit of weight, in the treasury's currency (for money figures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub token_price: Option<f64>,
}

/// When voting weight is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum WeightSnapshot {
    /// At the block a proposal is created: weight bought or borrowed later does not count.
    ProposalCreated,
    /// When voting starts (after the voting delay).
    VoteStart,
    /// At the moment of voting: borrowed (even flash-loaned) weight counts.
    Live,
}

impl WeightSnapshot {
    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            WeightSnapshot::ProposalCreated => "proposal_created",
            WeightSnapshot::VoteStart => "vote_start",
            WeightSnapshot::Live => "live",
        }
    }
}

/// Shares of the total weight an outsider could acquire, each in [0, 1].
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[schemars(deny_unknown_fields)]
pub struct Acquirable {
    /// Share trading freely (can be bought ahead of a proposal).
    #[serde(default)]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub circulating: f64,
    /// Share available to borrow in lending markets (counts only where weight is read late).
    #[serde(default)]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub borrowable: f64,
    /// Share locked or vesting: nobody can acquire it within an attack.
    #[serde(default)]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub locked: f64,
}

/// Who a governance instance is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Identity {
    /// Instance name: a stable slug (lowercase letters, digits, dashes).
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub name: String,
    /// Human-readable name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// What kind of organisation this is.
    pub kind: OrgKind,
    /// Semantic version of this configuration.
    pub version: semver::Version,
    /// A short description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Legal jurisdiction or wrapper, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
}

/// The kind of organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// A decentralised autonomous organisation.
    Dao,
    /// A cooperative (one member, one vote is typical).
    Cooperative,
    /// A foundation.
    Foundation,
    /// A federation of independent operators or organisations.
    Federation,
    /// A network of services (e.g. a gov composing citizens).
    Network,
    /// An association.
    Association,
    /// A company.
    Company,
    /// A public body.
    PublicBody,
    /// Anything else.
    Other,
}

/// The membership: explicit members and/or a population generator.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Members {
    /// Members listed one by one, in a fixed order.
    #[serde(default)]
    pub explicit: Vec<Member>,
    /// A seeded generator for a large body of members, expanded after the explicit ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<Population>,
}

/// One member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Member {
    /// Stable member id.
    #[schemars(length(min = 1, max = 128))]
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Voting weight (tokens, shares or 1 for one-member-one-vote).
    #[schemars(range(min = 0.0, max = MAX_QUANTITY))]
    pub weight: f64,
    /// Participation propensity: the probability this member votes on a proposal.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub propensity: f64,
    /// Ids of the roles this member holds.
    #[serde(default)]
    pub roles: Vec<String>,
}

/// A seeded generator of many members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Population {
    /// How many members to generate.
    #[schemars(range(min = 1, max = 10_000_000))]
    pub count: u32,
    /// Seed of the generator: the same seed gives the same members.
    pub seed: u32,
    /// Prefix of generated member ids (`<prefix><index>`).
    #[serde(default = "default_id_prefix")]
    pub id_prefix: String,
    /// Distribution of voting weight.
    pub weight: Distribution,
    /// Distribution of participation propensity (clamped to [0, 1]).
    pub propensity: Distribution,
    /// Roles every generated member holds.
    #[serde(default)]
    pub roles: Vec<String>,
}

fn default_id_prefix() -> String {
    "p".to_owned()
}

/// A probability distribution for generated members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub enum Distribution {
    /// Always the same value.
    Constant {
        /// The value.
        value: f64,
    },
    /// Uniform on [min, max].
    Uniform {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// Log-normal: exp(N(mu, sigma)).
    Lognormal {
        /// Mean of the underlying normal.
        mu: f64,
        /// Standard deviation of the underlying normal.
        sigma: f64,
    },
    /// Beta(alpha, beta) on [0, 1].
    Beta {
        /// Shape alpha.
        alpha: f64,
        /// Shape beta.
        beta: f64,
    },
    /// Pareto with a scale (minimum) and a shape (tail index).
    Pareto {
        /// Scale (the minimum value).
        scale: f64,
        /// Shape (tail index; smaller is heavier-tailed).
        shape: f64,
    },
}

/// An office or body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Role {
    /// Stable role id.
    #[schemars(length(min = 1, max = 128))]
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the role is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Number of seats; absent means open to any number of holders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<u32>,
    /// Term of office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<Term>,
    /// Who may hold the role.
    #[serde(default)]
    pub eligibility: Eligibility,
    /// What the role may do: actions on resources.
    #[serde(default)]
    pub permissions: Vec<Permission>,
    /// How holders of a multi-seat body are elected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub election_method: Option<ElectionMethod>,
    /// Each holder's affiliation (member id → insider, independent or outside), for councils.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub affiliation: std::collections::BTreeMap<String, Affiliation>,
}

/// How the seats of a multi-seat body are filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ElectionMethod {
    /// One seat at a time, by the decision type's rule.
    SingleSeat,
    /// Every voter has as many votes as seats: a majority bloc takes every seat.
    BlockVote,
    /// Every voter approves up to k candidates.
    ApprovalK,
    /// Single transferable vote: seats proportional to blocs.
    Stv,
}

/// A holder's relation to the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Affiliation {
    /// Employed by or tied to the organisation or its founders.
    Insider,
    /// A member with no tie to the organisation's team.
    Independent,
    /// From outside the organisation altogether.
    Outside,
}

/// A term of office.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Term {
    /// Length of one term, in days.
    #[schemars(range(min = 1))]
    pub length_days: u32,
    /// How many consecutive terms one holder may serve; absent means no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_consecutive: Option<u32>,
    /// Whether seats are renewed in staggered cohorts.
    #[serde(default)]
    pub staggered: bool,
}

/// Who may hold a role.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Eligibility {
    /// Minimum voting weight a holder must have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = MAX_QUANTITY))]
    pub min_weight: Option<f64>,
    /// Roles a holder must also hold.
    #[serde(default)]
    pub requires_roles: Vec<String>,
    /// Roles a holder must not hold at the same time (separation of powers).
    #[serde(default)]
    pub incompatible_roles: Vec<String>,
    /// The decision type that elects or appoints holders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elected_by: Option<String>,
}

/// A permission: an action on a resource.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Permission {
    /// The action.
    pub action: Action,
    /// The resource: `treasury`, `treasury/<category>`, `decision/<type>`, `role/<role>`,
    /// `constitution`, `constitution/<clause>`, `escalation`, `escalation/<level>`, `members`,
    /// `delegation`, `incentives`, `composition`, `mesh`, `mesh/<node>` or `resource/<id>`.
    pub resource: String,
}

/// Actions a permission may grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Submit a proposal.
    Propose,
    /// Vote on a proposal.
    Vote,
    /// Co-sign (m of n).
    Sign,
    /// Execute an adopted decision.
    Execute,
    /// Veto a decision.
    Veto,
    /// Amend (constitution, parameters).
    Amend,
    /// Appoint holders.
    Appoint,
    /// Remove holders.
    Remove,
    /// Spend funds.
    Spend,
    /// Escalate a dispute.
    Escalate,
    /// Decide a dispute or a matter delegated to the role.
    Decide,
    /// Delegate voting weight.
    Delegate,
    /// Read.
    View,
    /// Administer (configure, pause, rotate keys).
    Administer,
}

impl Action {
    /// Every action, in declaration order.
    pub const ALL: [Action; 14] = [
        Action::Propose,
        Action::Vote,
        Action::Sign,
        Action::Execute,
        Action::Veto,
        Action::Amend,
        Action::Appoint,
        Action::Remove,
        Action::Spend,
        Action::Escalate,
        Action::Decide,
        Action::Delegate,
        Action::View,
        Action::Administer,
    ];

    /// The snake_case name used in JSON, the CLI and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Propose => "propose",
            Action::Vote => "vote",
            Action::Sign => "sign",
            Action::Execute => "execute",
            Action::Veto => "veto",
            Action::Amend => "amend",
            Action::Appoint => "appoint",
            Action::Remove => "remove",
            Action::Spend => "spend",
            Action::Escalate => "escalate",
            Action::Decide => "decide",
            Action::Delegate => "delegate",
            Action::View => "view",
            Action::Administer => "administer",
        }
    }
}

/// A kind of decision and the rule it is taken by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DecisionType {
    /// Stable decision type id.
    #[schemars(length(min = 1, max = 128))]
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What decisions of this type are about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Who may propose.
    #[serde(default)]
    pub proposal_threshold: ProposalThreshold,
    /// Share of total weight that must be cast, in [0, 1].
    #[schemars(range(min = 0.0, max = 1.0))]
    pub quorum: f64,
    /// Share of the cast weight that must say yes, in (0, 1].
    #[schemars(range(min = 0.0, max = 1.0))]
    pub approval: f64,
    /// How durations are measured.
    #[serde(default)]
    pub clock: Clock,
    /// Time between proposal and the start of voting (seconds, or blocks on a block clock).
    pub voting_delay: u64,
    /// Length of the vote (seconds, or blocks on a block clock).
    pub voting_period: u64,
    /// Delay between adoption and execution (seconds, or blocks on a block clock).
    #[serde(default)]
    pub timelock: u64,
    /// Signers required after the vote (m of n holders of a role).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signers: Option<Signers>,
    /// Expected proposals of this type per day (used by simulation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_rate: Option<f64>,
    /// What a passed proposal of this type spends from the treasury, drawn uniformly from
    /// [min, max] (used by simulation; absent: the bounded authorisation tier naming this
    /// decision type, else no spend).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spend: Option<SpendRange>,
    /// What a passed proposal of this type may do (absent: inferred from the treasury tiers,
    /// amendment rules and elections that name this type).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub powers: Vec<Power>,
    /// Which votes count towards the quorum (absent: `for_abstain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quorum_counting: Option<QuorumCounting>,
    /// Yes votes must also reach this share of all weight, in [0, 1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub absolute_threshold: Option<f64>,
    /// Whether a voter may change their vote before the vote closes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote_change_allowed: Option<bool>,
    /// Extension of the vote when the quorum is reached late (seconds, or blocks on a block
    /// clock): defenders get time to answer a last-minute swing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_quorum_extension: Option<u64>,
    /// Share of all weight voting yes at which the proposal passes before the period ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub super_quorum: Option<f64>,
    /// Who may veto or cancel an adopted proposal during the timelock.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub veto: Vec<VetoHolder>,
    /// Time users need to exit before an adopted proposal executes (seconds, or blocks on a
    /// block clock); the timelock must be at least this long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_window: Option<u64>,
}

/// What a passed proposal may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub enum Power {
    /// Execute arbitrary calls (any contract, any code).
    ArbitraryExecution,
    /// Upgrade the system's contracts or code.
    ContractUpgrade,
    /// Mint new voting weight or tokens.
    Mint,
    /// Transfer control (ownership, admin keys) to someone else.
    ControlTransfer,
    /// Spend from these treasury tiers.
    Treasury {
        /// Tier ids (empty: every tier whose path names this decision type).
        #[serde(default)]
        tiers: Vec<String>,
    },
    /// Amend the rules (constitution, parameters).
    AmendRules,
    /// Appoint and remove holders of roles.
    AppointRemove,
}

impl Power {
    /// The snake_case kind.
    pub fn as_str(&self) -> &'static str {
        match self {
            Power::ArbitraryExecution => "arbitrary_execution",
            Power::ContractUpgrade => "contract_upgrade",
            Power::Mint => "mint",
            Power::ControlTransfer => "control_transfer",
            Power::Treasury { .. } => "treasury",
            Power::AmendRules => "amend_rules",
            Power::AppointRemove => "appoint_remove",
        }
    }
}

/// Which votes count towards the quorum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuorumCounting {
    /// Only yes votes.
    ForOnly,
    /// Yes and abstain votes.
    ForAbstain,
    /// Every vote cast.
    AllCast,
}

/// Who may veto or cancel during the timelock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub enum VetoHolder {
    /// A guardian: the holders of a role (often a multisig) that may cancel.
    Guardian {
        /// The role id.
        role: String,
    },
    /// A council: the holders of a role, by a vote of their own.
    Council {
        /// The role id.
        role: String,
    },
    /// The token holders, by a vote against the adopted proposal.
    TokenHolders {
        /// Share of all weight whose veto cancels.
        #[schemars(range(min = 0.0, max = 1.0))]
        threshold: f64,
    },
}

/// A range of amounts a decision spends.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SpendRange {
    /// Smallest amount.
    #[schemars(range(min = 0.0, max = MAX_QUANTITY))]
    pub min: f64,
    /// Largest amount (at least `min`).
    #[schemars(range(min = 0.0, max = MAX_QUANTITY))]
    pub max: f64,
}

/// Who may propose a decision.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ProposalThreshold {
    /// Minimum voting weight of a proposer (0: anyone).
    #[serde(default)]
    #[schemars(range(min = 0.0, max = MAX_QUANTITY))]
    pub min_weight: f64,
    /// Roles allowed to propose; empty means any member.
    #[serde(default)]
    pub roles: Vec<String>,
}

/// How a decision type measures time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub enum Clock {
    /// Wall-clock time: durations in seconds.
    #[default]
    Time,
    /// Block height: durations in blocks.
    Blocks {
        /// Expected seconds per block.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        block_time: Option<f64>,
    },
}

/// m of n signers from a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Signers {
    /// The role whose holders sign.
    pub role: String,
    /// m: signatures required.
    #[schemars(range(min = 1))]
    pub required: u32,
    /// n: signers in the set; defaults to the role's seats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<u32>,
}

/// The treasury.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Treasury {
    /// Unit of account (e.g. USDC, EUR, ETH).
    pub currency: String,
    /// Current balance.
    #[schemars(range(min = 0.0, max = MAX_QUANTITY))]
    pub balance: f64,
    /// Recurring inflows.
    #[serde(default)]
    pub inflows: Vec<Inflow>,
    /// Spending categories.
    #[serde(default)]
    pub categories: Vec<TreasuryCategory>,
    /// Authorisation tiers: amount ranges and the decision path that authorises them.
    #[serde(default)]
    pub tiers: Vec<AuthorizationTier>,
    /// Spending limits per role and/or category and period.
    #[serde(default)]
    pub spending_limits: Vec<SpendingLimit>,
}

/// A recurring inflow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Inflow {
    /// Where the money comes from.
    pub source: String,
    /// Amount per period.
    #[schemars(range(min = 0.0, max = MAX_QUANTITY))]
    pub amount: f64,
    /// The period.
    pub period: Period,
}

/// A calendar period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// One day.
    Day,
    /// Seven days.
    Week,
    /// A month (30 days).
    Month,
    /// A quarter (91 days).
    Quarter,
    /// A year (365 days).
    Year,
}

impl Period {
    /// Length of the period in days, as the engine counts it.
    pub fn days(self) -> f64 {
        match self {
            Period::Day => 1.0,
            Period::Week => 7.0,
            Period::Month => 30.0,
            Period::Quarter => 91.0,
            Period::Year => 365.0,
        }
    }

    /// How many of this period fit in a calendar year (365.25 days): 12 months, 4 quarters.
    /// Yearly figures use this, not `365 / days()`, which would make a month 30 days and a
    /// year of monthly inflows 12.17 months.
    pub fn per_year(self) -> f64 {
        match self {
            Period::Day => 365.25,
            Period::Week => 365.25 / 7.0,
            Period::Month => 12.0,
            Period::Quarter => 4.0,
            Period::Year => 1.0,
        }
    }
}

/// A spending category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TreasuryCategory {
    /// Stable category id.
    #[schemars(length(min = 1, max = 128))]
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Share of the budget allocated to this category, in [0, 1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub budget_share: Option<f64>,
}

/// An authorisation tier: spends in [min, max) go through a decision type and signers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AuthorizationTier {
    /// Stable tier id.
    #[schemars(length(min = 1, max = 128))]
    pub id: String,
    /// Lowest amount of the tier (inclusive).
    #[schemars(range(min = 0.0, max = MAX_QUANTITY))]
    pub min: f64,
    /// Highest amount of the tier (exclusive); absent means unbounded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = MAX_QUANTITY))]
    pub max: Option<f64>,
    /// The decision type that authorises spends in this tier.
    pub decision_type: String,
    /// Signers required for spends in this tier, beyond the decision type's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signers: Option<Signers>,
    /// Other paths to this tier besides the normal one (e.g. an emergency route).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<TierRoute>,
}

/// Another path that authorises spends in a tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TierRoute {
    /// Stable route id (e.g. `emergency`).
    #[schemars(length(min = 1, max = 128))]
    pub id: String,
    /// The decision type that authorises spends on this route.
    pub decision_type: String,
    /// Signers required on this route, beyond the decision type's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signers: Option<Signers>,
}

/// A spending limit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SpendingLimit {
    /// The role the limit applies to; absent means everyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The category the limit applies to; absent means all categories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Maximum amount per period.
    #[schemars(range(min = 0.0, max = MAX_QUANTITY))]
    pub amount: f64,
    /// The period.
    pub period: Period,
}

/// The conflict escalation ladder.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Escalation {
    /// The levels, lowest first.
    #[serde(default)]
    pub levels: Vec<EscalationLevel>,
}

/// One level of the escalation ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct EscalationLevel {
    /// Stable level id.
    #[schemars(length(min = 1, max = 128))]
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Who decides at this level.
    pub decided_by: Decider,
    /// Days this level has before the matter escalates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_days: Option<u32>,
    /// The level a matter escalates to; absent on a terminal level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// Whether this level's decision is final.
    #[serde(default)]
    pub terminal: bool,
}

/// Who decides at an escalation level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[schemars(deny_unknown_fields)]
pub enum Decider {
    /// The holders of a role.
    Role {
        /// The role id.
        role: String,
    },
    /// A vote of a decision type.
    DecisionType {
        /// The decision type id.
        decision_type: String,
    },
    /// A body outside the organisation (arbitrator, court).
    External {
        /// Name of the body.
        body: String,
    },
}

/// Incentive mechanisms.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Incentives {
    /// Whether incentives are in force.
    #[serde(default)]
    pub enabled: bool,
    /// The mechanisms and their weights.
    #[serde(default)]
    pub mechanisms: Vec<Mechanism>,
}

/// One incentive mechanism.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Mechanism {
    /// Stable mechanism id.
    #[schemars(length(min = 1, max = 128))]
    pub id: String,
    /// What kind of mechanism.
    pub kind: MechanismKind,
    /// Relative weight of this mechanism among the enabled ones, in [0, 1].
    #[schemars(range(min = 0.0, max = 1.0))]
    pub weight: f64,
    /// Treasury category it is funded from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funded_from: Option<String>,
    /// What it rewards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Kinds of incentive mechanism.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MechanismKind {
    /// Rewards for voting.
    ParticipationReward,
    /// Rewards for contributions.
    ContributionReward,
    /// Staking rewards.
    Staking,
    /// Non-transferable reputation.
    Reputation,
    /// Retroactive public-goods funding.
    RetroactiveFunding,
    /// Bounties for defined work.
    Bounty,
}

/// Delegation of voting weight.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Delegation {
    /// Whether members may delegate.
    #[serde(default)]
    pub allowed: bool,
    /// Longest allowed chain of delegations (1: no re-delegation).
    #[serde(default = "default_max_depth")]
    pub max_depth: u32,
    /// Standing delegations.
    #[serde(default)]
    pub edges: Vec<DelegationEdge>,
}

fn default_max_depth() -> u32 {
    1
}

/// A delegation from one member to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DelegationEdge {
    /// The delegating member.
    pub from: String,
    /// The delegate.
    pub to: String,
    /// Share of the delegator's weight delegated, in (0, 1].
    #[serde(default = "one")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub share: f64,
    /// Decision types the delegation covers; empty means all.
    #[serde(default)]
    pub decision_types: Vec<String>,
}

fn one() -> f64 {
    1.0
}

/// The constitution.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Constitution {
    /// Preamble text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preamble: Option<String>,
    /// The articles.
    #[serde(default)]
    pub articles: Vec<Article>,
    /// Which decision type may change which clauses.
    #[serde(default)]
    pub amendment_rules: Vec<AmendmentRule>,
}

/// An article of the constitution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Article {
    /// Stable article id.
    #[schemars(length(min = 1, max = 128))]
    pub id: String,
    /// Title.
    pub title: String,
    /// Its clauses.
    #[serde(default)]
    pub clauses: Vec<Clause>,
}

/// A clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Clause {
    /// Stable clause id.
    #[schemars(length(min = 1, max = 128))]
    pub id: String,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The clause's text.
    pub text: String,
    /// Entrenched: a constitutional invariant that changes only by its own amendment rule.
    #[serde(default)]
    pub entrenched: bool,
    /// The decision type this clause itself requires for the matters it governs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_type: Option<String>,
}

/// An amendment rule: which decision type may change which clauses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AmendmentRule {
    /// Stable rule id.
    #[schemars(length(min = 1, max = 128))]
    pub id: String,
    /// The decision type that adopts amendments under this rule.
    pub decision_type: String,
    /// Clause or article ids this rule may change (an article id covers all its clauses).
    pub clauses: Vec<String>,
    /// Days of public notice before the vote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_days: Option<u32>,
}

/// Composition of a gov: referenced citizens, organisms, confluences and basic services.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Composition {
    /// Referenced lattice citizens.
    #[serde(default)]
    pub citizens: Vec<ComponentRef>,
    /// Referenced standalone organisms.
    #[serde(default)]
    pub organisms: Vec<ComponentRef>,
    /// Confluences: cross-citizen organisms.
    #[serde(default)]
    pub confluences: Vec<ConfluenceRef>,
    /// Basic services shipped under the same handshake (at most one of each kind).
    #[serde(default)]
    pub services: Vec<ServiceRef>,
}

/// A referenced citizen or organism, by role name and fingerprint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ComponentRef {
    /// Role name of the component (unique within the composition).
    #[schemars(length(min = 1, max = 128))]
    pub role: String,
    /// Fingerprint of the component's published configuration (`sha256:<hex>` or hex).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// Operator running it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
}

/// A confluence: an organism spanning several citizens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ConfluenceRef {
    /// Role name of the confluence.
    #[schemars(length(min = 1, max = 128))]
    pub role: String,
    /// Fingerprint of its configuration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// Operator running it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// Role names of the citizens and organisms it spans.
    #[serde(default)]
    pub spans: Vec<String>,
}

/// A basic service shipped with a gov.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ServiceRef {
    /// Which basic service.
    pub service: BasicService,
    /// Fingerprint of its configuration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// Operator running it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
}

/// The four basic services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BasicService {
    /// Directory of citizens and endpoints.
    Atlas,
    /// A shared tick for organisms without slot clocks.
    Almanac,
    /// An append-only record.
    Chronicle,
    /// Cross-operator identity.
    Passport,
}

/// The governance mesh.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Mesh {
    /// Nodes of the mesh.
    #[serde(default)]
    pub nodes: Vec<MeshNode>,
    /// Connections between nodes.
    #[serde(default)]
    pub connections: Vec<Connection>,
    /// Trust domains grouping nodes under policy rules.
    #[serde(default)]
    pub trust_domains: Vec<TrustDomain>,
}

/// A node of the mesh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct MeshNode {
    /// Stable node id.
    #[schemars(length(min = 1, max = 128))]
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the node does.
    pub kind: NodeKind,
    /// Operator running it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
}

/// Kinds of mesh node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A governance hub that may propose policy changes.
    Hub,
    /// A compliance witness that validates attestations.
    Witness,
    /// A participating node.
    Member,
    /// A service node.
    Service,
    /// A gateway to another network.
    Gateway,
}

/// A connection between two mesh nodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Connection {
    /// Source node id.
    pub from: String,
    /// Target node id.
    pub to: String,
    /// What flows over it.
    #[serde(default)]
    pub kind: ConnectionKind,
}

/// Kinds of connection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionKind {
    /// Contract synchronisation.
    #[default]
    Sync,
    /// Attestation and trust.
    Trust,
    /// Data feeds.
    Data,
}

/// A trust domain: nodes under shared policy rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TrustDomain {
    /// Stable domain id.
    #[schemars(length(min = 1, max = 128))]
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Node ids in the domain.
    #[serde(default)]
    pub members: Vec<String>,
    /// Policy rules that hold inside the domain.
    #[serde(default)]
    pub policies: Vec<PolicyRule>,
}

/// A policy rule of a trust domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PolicyRule {
    /// Stable rule id.
    #[schemars(length(min = 1, max = 128))]
    pub id: String,
    /// What the rule requires.
    pub rule: String,
    /// Whether it is enforced or advisory.
    #[serde(default)]
    pub enforcement: Enforcement,
}

/// How a policy rule is enforced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Enforcement {
    /// Enforced: violations are refused.
    #[default]
    Required,
    /// Advisory: violations are reported.
    Advisory,
}

/// A custom resource permissions may name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Resource {
    /// Stable resource id, referenced as `resource/<id>`.
    #[schemars(length(min = 1, max = 128))]
    pub id: String,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Overrides of the alert thresholds of the six risk scores.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AlertThresholds {
    /// Authority concentration (HHI of effective authority, 0..1; higher is worse).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority_concentration: Option<Threshold>,
    /// Governance capture risk (1 - smallest capturing coalition share, 0..1; higher is worse).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub governance_capture_risk: Option<Threshold>,
    /// Treasury centralisation (0..1; higher is worse).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treasury_centralisation: Option<Threshold>,
    /// Participation density (expected turnout over quorum; lower is worse).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participation_density: Option<Threshold>,
    /// Delegation cascade risk (0..1; higher is worse).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegation_cascade_risk: Option<Threshold>,
    /// Constitutional drift (0..1; higher is worse).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constitutional_drift: Option<Threshold>,
}

/// Levels at which a score is worth watching and at which it alerts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[schemars(deny_unknown_fields)]
pub struct Threshold {
    /// From this value on, the score is at level `watch`.
    pub watch: f64,
    /// From this value on, the score is at level `alert`.
    pub alert: f64,
}

impl Identity {
    /// A DAO named `name` at version 1.0.0, with nothing else said (what an importer starts from).
    pub fn dao(name: String) -> Identity {
        Identity {
            name,
            display_name: None,
            kind: OrgKind::Dao,
            version: semver::Version::new(1, 0, 0),
            description: None,
            jurisdiction: None,
        }
    }
}

impl Gco {
    /// A design of its required parts only: every optional domain (treasury, escalation,
    /// incentives, delegation, constitution, composition, mesh, resources, voting weight) absent
    /// and the default alert thresholds. Importers start from it and add what their source states.
    pub fn new(identity: Identity, members: Members, roles: Vec<Role>, decision_types: Vec<DecisionType>) -> Gco {
        Gco {
            schema: None,
            identity,
            members,
            roles,
            decision_types,
            treasury: None,
            escalation: None,
            incentives: None,
            delegation: None,
            constitution: None,
            composition: None,
            mesh: None,
            resources: Vec::new(),
            alert_thresholds: AlertThresholds::default(),
            voting_weight: None,
        }
    }

    /// The role with this id.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// The decision type with this id.
    pub fn decision_type(&self, id: &str) -> Option<&DecisionType> {
        self.decision_types.iter().find(|d| d.id == id)
    }

    /// Every clause of the constitution, with the article it belongs to.
    pub fn clauses(&self) -> impl Iterator<Item = (&Article, &Clause)> {
        self.constitution.iter().flat_map(|c| c.articles.iter()).flat_map(|a| a.clauses.iter().map(move |c| (a, c)))
    }
}
