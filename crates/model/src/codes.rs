//! The reason-code catalogue: every validation rule and every intake error, in one table.
//!
//! `docs/reason-codes.md` is generated from this table (`cogov codes --markdown`), and a
//! test fails when the committed file differs. Codes are stable: a retired code is never reused.

use serde::{Deserialize, Serialize};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The design must not be compiled, bundled, released or deployed.
    Blocking,
    /// A real risk or a likely mistake; the design still compiles.
    Warning,
    /// Worth knowing; nothing to fix.
    Info,
}

impl Severity {
    /// The lowercase name used in JSON and in the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Blocking => "blocking",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// Weight of a rule of this severity in the compliance score.
    pub fn score_weight(self) -> u32 {
        match self {
            Severity::Blocking => 10,
            Severity::Warning => 3,
            Severity::Info => 1,
        }
    }
}

macro_rules! catalogue {
    ($( $variant:ident = $code:literal, $sev:ident, $domain:literal, $title:literal, $hint:literal; )*) => {
        /// A validation rule, by its stable reason code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $(
            #[doc = $title]
            $variant,
        )* }

        impl Code {
            /// Every rule, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable code, e.g. `GOV-E301`.
            pub fn as_str(self) -> &'static str { match self { $(Code::$variant => $code),* } }
            /// The rule's severity.
            pub fn severity(self) -> Severity { match self { $(Code::$variant => Severity::$sev),* } }
            /// The GCO domain the rule belongs to.
            pub fn domain(self) -> &'static str { match self { $(Code::$variant => $domain),* } }
            /// What the rule checks, in one line.
            pub fn title(self) -> &'static str { match self { $(Code::$variant => $title),* } }
            /// How to fix a finding of this rule.
            pub fn hint(self) -> &'static str { match self { $(Code::$variant => $hint),* } }
            /// The rule with this stable code.
            pub fn parse(code: &str) -> Option<Code> { match code { $($code => Some(Code::$variant),)* _ => None } }
        }
    };
}

catalogue! {
    SchemaUnknownField = "GOV-E001", Blocking, "schema", "A field the GCO schema does not define", "Remove the field or fix its spelling; `cogov schema` lists the fields.";
    SchemaType = "GOV-E002", Blocking, "schema", "A value of the wrong JSON type", "Use the type the schema gives for this field.";
    SchemaRequired = "GOV-E003", Blocking, "schema", "A required field is missing", "Add the field; `cogov schema` shows which fields each object requires.";
    SchemaRange = "GOV-E004", Blocking, "schema", "A number or length out of its allowed range", "Bring the value inside the range the schema allows.";
    SchemaEnum = "GOV-E005", Blocking, "schema", "A value that is not one of the allowed choices", "Use one of the values the schema lists.";
    SchemaFormat = "GOV-E006", Blocking, "schema", "A string that does not match its required format", "Instance names are lowercase slugs; versions are semantic versions like 1.2.0.";
    DuplicateKey = "GOV-E007", Blocking, "schema", "An object has the same key twice: JSON readers disagree on which one counts", "Keep one of the two entries; the finding names both places.";
    SchemaOther = "GOV-E009", Blocking, "schema", "Another violation of the GCO schema", "Compare the value with `cogov schema`.";
    NoMembers = "GOV-E010", Blocking, "members", "No members: neither an explicit list nor a population", "Add `members.explicit` or a `members.population` generator.";
    NoRoles = "GOV-E011", Blocking, "roles", "No roles are defined", "Define at least one role with its permissions.";
    NoDecisionTypes = "GOV-E012", Blocking, "decision_types", "No decision types are defined", "Define at least one decision type with its quorum and approval.";
    NoTreasury = "GOV-W013", Warning, "treasury", "No treasury domain: spending authority is undefined", "Add a `treasury` with categories and authorisation tiers, even if the balance is 0.";
    NoTreasuryCategories = "GOV-E014", Blocking, "treasury", "A treasury without spending categories", "Add at least one entry to `treasury.categories`.";
    NoConstitution = "GOV-W015", Warning, "constitution", "No constitution: nothing is entrenched and nothing says how rules change", "Add a `constitution` with articles and amendment rules.";
    NoEscalation = "GOV-W016", Warning, "escalation", "No conflict escalation ladder", "Add `escalation.levels` ending in a terminal level.";
    DuplicateId = "GOV-E020", Blocking, "identity", "Two items of the same kind share an id", "Give every member, role, decision type, tier, clause, level and node a unique id.";
    PreReleaseVersion = "GOV-I021", Info, "identity", "The version is a pre-release (0.x or with a pre-release tag)", "Release 1.0.0 once the design is ratified.";
    UnknownRole = "GOV-E030", Blocking, "references", "A reference to a role that does not exist", "Define the role under `roles` or fix the id.";
    UnknownDecisionType = "GOV-E031", Blocking, "references", "A reference to a decision type that does not exist", "Define the decision type under `decision_types` or fix the id.";
    UnknownResource = "GOV-E032", Blocking, "references", "A permission names a resource that does not exist", "Use a resource of the design (e.g. `treasury/<category>`, `decision/<type>`, `role/<role>`) or declare it under `resources`.";
    UnknownMember = "GOV-E033", Blocking, "references", "A reference to a member that does not exist", "Add the member under `members.explicit` or fix the id.";
    UnknownClause = "GOV-E034", Blocking, "references", "A reference to a clause or article that does not exist", "Fix the id or add the clause to the constitution.";
    UnknownCategory = "GOV-E035", Blocking, "references", "A reference to a treasury category that does not exist", "Add the category under `treasury.categories` or fix the id.";
    UnknownLevel = "GOV-E036", Blocking, "references", "A reference to an escalation level that does not exist", "Point `next` at a level of the ladder.";
    UnknownNode = "GOV-E037", Blocking, "references", "A connection names a mesh node that does not exist", "Add the node under `mesh.nodes` or fix the id.";
    UnknownComponent = "GOV-E038", Blocking, "references", "A confluence spans a component the composition does not reference", "Reference the citizen or organism under `composition` first.";
    DuplicatePermission = "GOV-I039", Info, "roles", "A role lists the same permission twice", "Remove the duplicate.";
    ZeroTotalWeight = "GOV-E100", Blocking, "members", "The members' total voting weight is zero", "Give members voting weight; quorum is measured against the total.";
    InertMember = "GOV-I101", Info, "members", "A member with no weight and no role", "Give the member weight or a role, or remove them.";
    InvalidDistribution = "GOV-E102", Blocking, "members", "A population distribution with impossible parameters", "Uniform needs min <= max; lognormal sigma >= 0; beta alpha, beta > 0; pareto scale, shape > 0.";
    MajorityHolder = "GOV-W104", Warning, "members", "One member holds more than half of the voting weight", "Cap individual weight or add members; one holder can decide alone.";
    NeverVotes = "GOV-I105", Info, "members", "Members with propensity 0 never vote", "Check the propensities; these members only raise the quorum bar.";
    SeatsExceeded = "GOV-E200", Blocking, "roles", "More members hold a role than it has seats", "Raise `seats` or remove the role from some members.";
    VacantRole = "GOV-I201", Info, "roles", "A role with seats but no holder among the explicit members", "Elect or appoint holders before deployment.";
    RoleWithoutPermissions = "GOV-W202", Warning, "roles", "A role with no permissions", "Give the role permissions or remove it.";
    ContradictoryEligibility = "GOV-E203", Blocking, "roles", "A role's eligibility requires and excludes the same role, or requires itself", "Make `requires_roles` and `incompatible_roles` disjoint and leave the role itself out.";
    IncompatibleRolesHeld = "GOV-E204", Blocking, "roles", "A member holds two roles declared incompatible", "Separate the roles or drop the incompatibility.";
    BelowMinWeight = "GOV-W205", Warning, "roles", "A role holder has less weight than the role requires", "Raise the member's weight or the role's `eligibility.min_weight`.";
    ZeroSeats = "GOV-E206", Blocking, "roles", "A role with zero seats", "Give the role at least one seat, or omit `seats` for an open role.";
    UnlimitedTenure = "GOV-W207", Warning, "roles", "A role with seats and spending, veto or admin powers has no term", "Add a `term` so that power returns to the members periodically.";
    ZeroApproval = "GOV-E300", Blocking, "decision_types", "An approval threshold of 0: nothing can be rejected", "Set `approval` above 0 (0.5 for a simple majority).";
    QuorumUnreachable = "GOV-E301", Blocking, "decision_types", "The quorum is above the expected turnout", "Lower the quorum or raise participation: expected turnout is sum(weight x propensity) / total weight.";
    ThinQuorumMargin = "GOV-W302", Warning, "decision_types", "Expected turnout is less than 25% above the quorum", "Leave more margin: a small drop in participation stalls these decisions.";
    PeriodNotLongerThanDelay = "GOV-W303", Warning, "decision_types", "The voting period is not longer than the voting delay", "Make the voting period longer than the delay before it.";
    ZeroVotingDelay = "GOV-W304", Warning, "decision_types", "A zero voting delay allows flash-loan capture", "Add a voting delay so weight is snapshotted before anyone can borrow it.";
    BlockClockWithoutBlockTime = "GOV-E305", Blocking, "decision_types", "A block-based clock without a block time", "Set `clock.block_time` in seconds so durations can be read as time.";
    ZeroVotingPeriod = "GOV-E306", Blocking, "decision_types", "A voting period of zero", "Give members time to vote.";
    SignersExceedSeats = "GOV-E307", Blocking, "decision_types", "More signers required than the role has seats", "Lower `signers.required` or add seats to the role.";
    SignersExceedSet = "GOV-E308", Blocking, "decision_types", "More signers required than the signer set holds (m > n)", "Make `required` at most `of`.";
    SignerSetMismatch = "GOV-W309", Warning, "decision_types", "The signer set size differs from the role's seats", "Make `signers.of` equal the role's seats, or drop it.";
    ZeroQuorum = "GOV-W311", Warning, "decision_types", "A quorum of 0: a single vote can decide", "Set a quorum that reflects the legitimacy the decision needs.";
    NobodyCanPropose = "GOV-E312", Blocking, "decision_types", "No member meets the proposal threshold", "Lower `proposal_threshold.min_weight` or change the proposer roles.";
    SpendWithoutTimelock = "GOV-W313", Warning, "decision_types", "A decision type that authorises treasury spends has no timelock", "Add a timelock so members can react before funds move.";
    MinorityApproval = "GOV-W314", Warning, "decision_types", "An approval threshold below one half: a minority of votes can pass", "Use an approval of at least 0.5.";
    TiersOverlap = "GOV-E400", Blocking, "treasury", "Two authorisation tiers cover the same amounts", "Make each tier start where the previous one ends.";
    TiersGap = "GOV-E401", Blocking, "treasury", "Authorisation tiers leave amounts with no decision path", "Make the tiers contiguous from 0.";
    TopTierBounded = "GOV-W403", Warning, "treasury", "The highest tier has a maximum: larger spends have no path", "Leave the top tier's `max` out, or state that larger spends are prohibited.";
    EmptyTier = "GOV-E404", Blocking, "treasury", "A tier whose minimum is not below its maximum", "Make `min` < `max`.";
    WeakerHigherTier = "GOV-E405", Blocking, "treasury", "A higher tier is authorised by a weaker decision than a lower one", "Authorise larger amounts by decision types at least as strict (quorum, approval, signers, timelock).";
    BudgetOverAllocated = "GOV-E406", Blocking, "treasury", "Category budget shares add up to more than 1", "Make the shares sum to at most 1.";
    LimitExceedsFunds = "GOV-W407", Warning, "treasury", "A spending limit exceeds the balance plus a year of inflows", "Lower the limit; it does not constrain anything.";
    NoTiers = "GOV-W408", Warning, "treasury", "A treasury with no authorisation tiers", "Add tiers mapping amounts to decision types.";
    EmptyTreasury = "GOV-I409", Info, "treasury", "A treasury with no balance and no inflows", "Record the expected balance or inflows so risk and simulation mean something.";
    EscalationCycle = "GOV-E500", Blocking, "escalation", "The escalation ladder has a cycle", "Make every `next` point up the ladder towards a terminal level.";
    NoTerminalLevel = "GOV-E501", Blocking, "escalation", "The escalation ladder has no terminal level", "Mark the final level `terminal: true`.";
    TerminalWithNext = "GOV-E502", Blocking, "escalation", "A terminal level escalates further", "Remove `next` from the terminal level or make it non-terminal.";
    NoTimeLimit = "GOV-W503", Warning, "escalation", "A non-terminal level has no time limit: disputes can stall there", "Set `time_limit_days`.";
    DeadEndLevel = "GOV-E504", Blocking, "escalation", "A non-terminal level with nowhere to escalate", "Set `next` or mark the level terminal.";
    UnreachableLevel = "GOV-W505", Warning, "escalation", "A level no dispute can reach from the first level", "Link the level into the ladder or remove it.";
    IncentiveWeights = "GOV-W600", Warning, "incentives", "Incentive weights do not add up to 1", "Make the enabled mechanisms' weights sum to 1.";
    IncentivesWithoutMechanisms = "GOV-W601", Warning, "incentives", "Incentives are enabled but no mechanism is defined", "Add mechanisms or disable incentives.";
    DelegationNotAllowed = "GOV-E610", Blocking, "delegation", "Delegations exist although delegation is not allowed", "Allow delegation or remove the edges.";
    DelegationCycle = "GOV-E611", Blocking, "delegation", "The delegation graph has a cycle", "Break the cycle: weight must flow to a final delegate.";
    DelegationTooDeep = "GOV-E612", Blocking, "delegation", "A delegation chain is deeper than allowed", "Shorten the chain or raise `max_depth`.";
    OverDelegated = "GOV-E613", Blocking, "delegation", "A member delegates more than all of their weight", "Make each member's delegated shares sum to at most 1.";
    AmendmentWeakerThanClause = "GOV-E700", Blocking, "constitution", "An amendment rule is weaker than the rule of a clause it may change", "Amend a clause only by a decision type at least as strict as the one the clause requires.";
    EntrenchedSimpleMajority = "GOV-E701", Blocking, "constitution", "An entrenched clause is amendable by a simple majority", "Amend entrenched clauses only by a supermajority (approval above 0.5).";
    EntrenchedNoPath = "GOV-W702", Warning, "constitution", "An entrenched clause has no amendment path", "Add an amendment rule for it, or state that it is eternal.";
    ClauseNoPath = "GOV-W703", Warning, "constitution", "A clause no amendment rule may change", "Cover the clause with an amendment rule.";
    NothingEntrenched = "GOV-I705", Info, "constitution", "No clause is entrenched: the constitution protects no invariant", "Entrench the clauses that must survive a hostile majority.";
    EmptyClause = "GOV-W706", Warning, "constitution", "A clause with no text", "Write the clause's text.";
    MissingFingerprint = "GOV-E800", Blocking, "composition", "A composition reference without a fingerprint", "Pin every referenced component by the fingerprint of its published configuration.";
    MalformedFingerprint = "GOV-E801", Blocking, "composition", "A fingerprint that is not `sha256:` followed by 64 hex digits (or 64 hex digits)", "Copy the fingerprint exactly as the component publishes it.";
    DuplicateService = "GOV-E803", Blocking, "composition", "A basic service is listed twice", "List each basic service at most once.";
    NarrowConfluence = "GOV-W804", Warning, "composition", "A confluence spans fewer than two components", "A confluence crosses citizens: span at least two, or model it as an organism.";
    TrustDomainMemberMissing = "GOV-E811", Blocking, "mesh", "A trust domain names a node missing from the topology", "Add the node under `mesh.nodes` or remove it from the domain.";
    IsolatedNode = "GOV-W812", Warning, "mesh", "A mesh node with no connection", "Connect the node or remove it.";
    DomainWithoutPolicies = "GOV-W813", Warning, "mesh", "A trust domain with no policy rules", "Add the rules the domain enforces.";
    NoHub = "GOV-I814", Info, "mesh", "A mesh with no hub: nobody may propose policy changes", "Make at least one node a hub.";
    NodeOutsideDomains = "GOV-I815", Info, "mesh", "A mesh node in no trust domain", "Place the node in a trust domain.";
    ThresholdOrder = "GOV-E900", Blocking, "alert_thresholds", "An alert threshold that comes before its watch threshold", "For participation density alert < watch; for every other score watch < alert.";
    LooseAlertThresholds = "GOV-W956", Warning, "alert_thresholds", "An alert threshold is looser than the default: alerts are silenced", "Keep alert thresholds at most as loose as the defaults (`docs/risk-model.md`), or remove the override.";
    MintBySimpleMajority = "GOV-E950", Blocking, "capture", "Minting or a transfer of control passes by a simple majority", "Put mint and control transfer under a supermajority (approval above 0.5) with an absolute threshold, or remove the power.";
    LiveTransferableWeight = "GOV-E951", Blocking, "capture", "Transferable voting weight is read live: borrowed or flash-loaned weight votes", "Read weight at a snapshot (`voting_weight.weight_snapshot`: `proposal_created`), so only weight held before the proposal counts.";
    TimelockShorterThanExitWindow = "GOV-E952", Blocking, "capture", "An upgrade executes before users can exit: the timelock is shorter than the exit window", "Make the timelock of decision types with upgrade or arbitrary-execution powers at least the exit window.";
    AcquirableExceedsSupply = "GOV-E953", Blocking, "capture", "The acquirable shares of voting weight add up to more than the supply", "Make `circulating + locked` and `borrowable + locked` at most 1.";
    ExecutionWithoutVeto = "GOV-W950", Warning, "capture", "Arbitrary execution or a contract upgrade with no veto holder and no signers", "Give a guardian or a council a veto during the timelock (`veto`), or require signers from a fixed body, so a malicious proposal can be stopped.";
    TopTierOrdinary = "GOV-W951", Warning, "capture", "The top treasury tier is reachable by the ordinary decision type", "Authorise the top tier by a decision type stricter than routine proposals (quorum, approval, signers or timelock).";
    TopTierWithoutSigners = "GOV-W952", Warning, "capture", "A route to the top treasury tier has neither signers nor a veto holder", "Require signers from a fixed body on every route to the top tier, or give a guardian or council a veto.";
    NoWeightSnapshot = "GOV-W953", Warning, "capture", "Transferable voting weight with no snapshot rule", "Declare `voting_weight.weight_snapshot` (`proposal_created` is safest).";
    CouncilBelowBar = "GOV-W954", Warning, "capture", "A council with upgrade or emergency powers is below the bar (8 members, 75% threshold, outside members able to block)", "Give the council at least 8 seats, a threshold of at least 75%, and enough independent or outside members to block it.";
    InsidersMeetThreshold = "GOV-W955", Warning, "capture", "A council's insiders alone meet its signing threshold", "Raise the threshold or seat more independent or outside members, so insiders cannot act alone.";
    ShortTimelock = "GOV-W960", Warning, "capture", "Token-weighted decisions execute less than a day after adoption", "Set a timelock of at least one day so holders can react to a malicious proposal.";
    ShortVotingDelay = "GOV-W961", Warning, "capture", "Token-weighted voting starts within two days of a proposal", "Set a voting delay above two days so holders can see a proposal before weight is counted.";
    ShortVotingPeriod = "GOV-W962", Warning, "capture", "A token-weighted vote lasts less than seven days", "Give votes at least seven days so a quiet majority can answer.";
    LowProposalThreshold = "GOV-W963", Warning, "capture", "The proposal threshold is below 0.1% of the market supply", "Raise `proposal_threshold.min_weight` against the circulating supply an outsider could buy.";
    NoDaoVeto = "GOV-W964", Warning, "capture", "No veto held by the DAO or a council over token-weighted decisions", "Add a `veto` by a council or by the token holders during the timelock.";
    VotesCannotChange = "GOV-W965", Warning, "capture", "Votes cannot be changed once cast", "Allow vote changes (`vote_change_allowed: true`) so voters misled early can correct their vote.";
    ElectionBlocCapture = "GOV-W966", Warning, "capture", "A few of the heaviest voters can elect a majority of a multi-seat body", "Elect the body by single transferable vote (seats in proportion to blocs), cap a voter's weight in elections, or stagger the seats.";
    DelegateOverActiveWeight = "GOV-W967", Warning, "capture", "One delegate votes more than half of the weight expected to vote", "Cap what one delegate may hold (a share of the expected turnout, not of all weight), or let delegations expire.";
    CustodialOverActiveWeight = "GOV-W968", Warning, "capture", "Borrowable or custodial stake that counts where it is voted exceeds half of the weight expected to vote", "Read weight at a snapshot before the proposal (`proposal_created`), so lent and custodial stake cannot be voted by whoever holds it on the day.";
    AssumedWeightSource = "GOV-I950", Info, "capture", "A capture analysis assumed a default the design does not state", "Declare `voting_weight` (snapshot, transferability, acquirable shares) so the analysis reads the design, not a default.";
    AssumedAffiliation = "GOV-I951", Info, "capture", "A council member's affiliation is unknown: assumed insider", "Declare each holder's affiliation under the role's `affiliation`.";
}

macro_rules! errors {
    ($( $variant:ident = $code:literal, $title:literal; )*) => {
        /// A failure of the machinery rather than a finding about a design (exit code 2): an
        /// input that cannot be read (`GOV-X…`), the store (`GOV-S…`), the pipeline (`GOV-P…`),
        /// bundles and keys (`GOV-B…`), deploys (`GOV-D…`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode { $(
            #[doc = $title]
            $variant,
        )* }

        impl ErrorCode {
            /// Every intake error, in catalogue order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),*];
            /// The stable code, e.g. `GOV-X002`.
            pub fn as_str(self) -> &'static str { match self { $(ErrorCode::$variant => $code),* } }
            /// What went wrong, in one line.
            pub fn title(self) -> &'static str { match self { $(ErrorCode::$variant => $title),* } }
        }
    };
}

errors! {
    Io = "GOV-X001", "The file could not be read or written";
    TooLarge = "GOV-X002", "The input is larger than the 16 MiB limit";
    TooDeep = "GOV-X003", "The input nests deeper than 128 levels";
    NotUtf8 = "GOV-X004", "The input is not valid UTF-8";
    JsonSyntax = "GOV-X005", "The input is not well-formed JSON";
    NotAGco = "GOV-X006", "The JSON is well-formed but cannot be read as a GCO";
    ConstitutionSyntax = "GOV-X007", "The constitution document does not follow the format";
    AnswersInvalid = "GOV-X008", "The onboarding answers do not fit the question script";
    ByteOrderMark = "GOV-X009", "The file starts with a byte-order mark: JSON text must not; remove it";
    ScriptInvalid = "GOV-X010", "The onboarding question script is invalid";
    ScenarioInvalid = "GOV-X020", "The simulation scenario does not follow the scenario schema";
    SimulationInputs = "GOV-X021", "The design lacks what the simulation needs (members with voting weight)";
    TooManyRuns = "GOV-X022", "More simulation runs than the scenario schema allows (1,000,000)";
    SweepInvalid = "GOV-X040", "The sweep file does not follow the sweep schema";
    SweepUnknownKnob = "GOV-X041", "The sweep names a knob the design does not have (the closest valid knob is suggested)";
    SweepKnobValue = "GOV-X042", "A knob's values are outside what the knob accepts, or cannot be sampled";
    SweepUnknownObjective = "GOV-X043", "The sweep names an objective or constraint the sweep does not compute";
    SweepTooLarge = "GOV-X044", "The sweep's cells times runs exceed the bound (raise it with --max-member-visits)";
    SweepShardOutOfRange = "GOV-X045", "The shard is not I/N with 0 <= I < N";
    SweepSliceMismatch = "GOV-X046", "The slices belong to different sweeps (their fingerprints differ)";
    SweepSliceIncomplete = "GOV-X047", "The slices do not cover every cell and run exactly once";
    SweepSliceInvalid = "GOV-X048", "A sweep slice file cannot be read";
    AttackInvalid = "GOV-X050", "The scenario's attack is invalid (a negative budget or price, a step outside the run)";
    AttackUnknownTarget = "GOV-X051", "The attack's target names a decision type the design does not have";
    AttackImpossible = "GOV-X052", "The design gives the attack's acquisition route nothing to acquire (weight not transferable, or no such share)";
    AttackNoPrice = "GOV-X053", "The attack has no price: neither `attack.price` nor the design's `voting_weight.token_price`";
    SweepNoSuchCell = "GOV-X060", "The sweep has no cell of that number";
    InteropUnknownKind = "GOV-X100", "No importer or exporter of that kind (the kinds are listed)";
    InteropSourceInvalid = "GOV-X101", "The imported configuration does not follow its system's format";
    InteropInexact = "GOV-X102", "The target cannot hold the design exactly and the export was not told to accept that (see the exactness report)";
    InteropAnswer = "GOV-X103", "An answer to an import question names no question or has a value the question does not accept";
    InteropUnanswered = "GOV-X104", "The import needs a value its source does not state and no answer gives it";
    SnapshotNoDecisionType = "GOV-X110", "The design has no decision type: a Snapshot space needs one voting configuration";
    SafeSourceInvalid = "GOV-X130", "The Safe's owners and threshold cannot be read (owners not addresses, a threshold of 0 or above the owners, too many owners)";
    AragonSourceInvalid = "GOV-X140", "The Aragon plugin settings cannot be read (unknown plugin or voting mode, a ratio above 10^6, a duration outside 1 hour to 365 days)";
    RunCancelled = "GOV-A001", "The simulation or sweep was cancelled (by the user or a newer run): nothing was kept";
    WorkerThreads = "GOV-A002", "The simulator's worker threads could not be started";
    GovernorParam = "GOV-X120", "A Governor or timelock parameter is missing, of the wrong type or outside what the contract accepts";
    BravoOutOfBounds = "GOV-X121", "A GovernorBravo or Compound Timelock parameter is outside the contract's own bounds (MIN_/MAX_ constants)";
    GovernorNothingToExport = "GOV-X122", "The design has no decision type, so there is no Governor to write";
    GovernorValueTooLarge = "GOV-X123", "A duration or amount of the design does not fit the Governor's integer type (uint48 delay, uint32 period)";
    StoreOpen = "GOV-S001", "The database file could not be opened or created";
    FutureSchema = "GOV-S002", "The database was written by a newer CoGov; it is left untouched";
    Migration = "GOV-S003", "A schema migration failed; the database stays at its previous version";
    Sqlite = "GOV-S004", "The database reported an error";
    VersionExists = "GOV-S010", "That version of the design is already saved with other content: raise the version";
    BumpTooLow = "GOV-S011", "The version is not raised enough for the changes (see the suggested bump)";
    UnknownInstance = "GOV-S012", "No design of that name is in the store";
    UnknownVersion = "GOV-S013", "No such version of the design is in the store";
    StoredContentUnreadable = "GOV-S014", "A stored configuration can no longer be read as a GCO";
    NotStoredVersion = "GOV-S015", "The design given is not the stored version of that name and number: commit it first";
    UnknownSimulation = "GOV-S016", "No such stored simulation";
    UnknownProposal = "GOV-S020", "No such amendment proposal";
    AmendmentNotAllowed = "GOV-S021", "The design's amendment rules do not let this decision type change what the amendment changes";
    AmendmentVoteFailed = "GOV-S022", "The votes do not meet the decision type's quorum and approval";
    ProposalTransition = "GOV-S023", "The proposal cannot move to that state from the one it is in";
    ProposalStale = "GOV-S024", "The design has a newer version than the proposal's base: propose again on the latest";
    NoticeNotServed = "GOV-S025", "The amendment rule asks for more days of public notice before its vote opens";
    NoticeDate = "GOV-S026", "The notice date is not an RFC 3339 date in the past";
    AuditHeadUnreadable = "GOV-S030", "The audit log's head file beside the database cannot be read or written";
    UnknownSweep = "GOV-S031", "No such stored sweep";
    SweepTooLargeToKeep = "GOV-S032", "The sweep's results are larger than the store keeps for one sweep";
    // s23 app stream: record states and actions read back as enums.
    StoredValueUnknown = "GOV-S033", "A stored record state or action is not one this CoGov knows (a newer CoGov wrote it?)";
    ValidationBlocked = "GOV-P001", "The validation has blocking findings: the run stops before compile";
    StageUnavailable = "GOV-P002", "The stage is not available in this build of CoGov: recorded as skipped";
    UnknownBuild = "GOV-P003", "No such build record";
    ReleaseOfFailedBuild = "GOV-P010", "The build failed a gate: it cannot be released";
    ChannelPinned = "GOV-P011", "The channel is pinned: unpin it before changing its release";
    NothingToRollBack = "GOV-P012", "The channel has no earlier release to return to";
    NoCurrentRelease = "GOV-P013", "The channel has no current release";
    BadChannel = "GOV-P014", "A channel name is 1 to 64 lowercase letters, digits and dashes";
    UnknownCase = "GOV-P020", "No such case";
    TelemetryLineTooLong = "GOV-T001", "A telemetry line is longer than the 64 KiB limit: skipped";
    TelemetryTooManyLines = "GOV-T002", "More telemetry lines than the 200,000 limit: the rest is skipped";
    TelemetryNotJson = "GOV-T003", "A telemetry line is not one well-formed UTF-8 JSON value";
    TelemetryTooDeep = "GOV-T004", "A telemetry line nests deeper than 32 levels";
    TelemetryUnknownEvent = "GOV-T005", "A telemetry line is not an object naming an event type of the contract";
    TelemetrySchema = "GOV-T006", "A telemetry event does not match its event type's schema in the contract";
    TelemetryOtherInstance = "GOV-T007", "A telemetry event names another instance or version than the contract's";
    TelemetryBadTimestamp = "GOV-T008", "A telemetry event's `at` is not a real RFC 3339 date-time";
    TelemetryDuplicateKey = "GOV-T009", "A telemetry line has the same key twice in one object";
    TaskTransition = "GOV-P021", "The task cannot move to that state from the one it is in";
    BundleUnreadable = "GOV-B001", "The bundle is not a readable gzip-compressed tar archive";
    BundleParentPath = "GOV-B002", "A bundle entry's path has a `..` component";
    BundleAbsolutePath = "GOV-B003", "A bundle entry's path is absolute";
    BundleSpecialEntry = "GOV-B004", "A bundle entry is not a regular file (a symlink, hard link, device or other)";
    BundleDuplicateEntry = "GOV-B005", "A bundle holds two entries of the same path";
    BundleTooManyEntries = "GOV-B006", "A bundle holds more entries than the limit";
    BundleTooLarge = "GOV-B007", "A bundle entry, or all of them together, decompress beyond the size limit";
    BundleManifestMismatch = "GOV-B008", "The manifest does not list exactly the files the bundle holds";
    BundleManifestInvalid = "GOV-B009", "The bundle's manifest.json is missing or not a valid manifest";
    BundleSignatureMissing = "GOV-B010", "The bundle has no manifest.json.minisig";
    BundleSignatureInvalid = "GOV-B011", "The manifest's signature does not verify with the public key";
    BundleHashMismatch = "GOV-B012", "A file's SHA-256 or size differs from what the manifest lists";
    BundleFileName = "GOV-B013", "A file to bundle has an empty, absolute, `..` or reserved path";
    BundleNotCanonical = "GOV-B014", "The archive is not byte for byte the one `cogov bundle` writes for its files (re-packed, trailing data, extra gzip members or headers)";
    KeyUnreadable = "GOV-B020", "A minisign key file cannot be read";
    KeyPassword = "GOV-B021", "The secret key's password is missing or wrong";
    KeyExists = "GOV-B022", "A key file already exists there: keygen does not overwrite keys";
    KeyPasswordEmpty = "GOV-B023", "An empty key password is refused";
    KeyFileTooLarge = "GOV-B024", "A key file is larger than the 4 KiB limit";
    PasswordFileTooLarge = "GOV-B025", "A password file is larger than the 4 KiB limit";
    DeployTarget = "GOV-D001", "The deploy target cannot be prepared or written";
    DeployNothingToRollBack = "GOV-D002", "The target has no earlier activation to return to";
    DeployNotChannelRelease = "GOV-D003", "The bundle is not the channel's current release";
    DeployNotDeployed = "GOV-D004", "Nothing is deployed on the target";
    DeployTargetDatabase = "GOV-D005", "The target's execution or deployment database reported an error";
    DeployTargetBusy = "GOV-D006", "Another deployer holds the target's lock: try again when it is done";
    DeployOtherDesign = "GOV-D007", "The target is bound to another design than the bundle's (override with a reason)";
    DeployDowngrade = "GOV-D008", "The bundle's version is older than the target's active one: roll back instead (or override with a reason)";
    DeployVersionReused = "GOV-D009", "The bundle has the active version's number with other content (override with a reason)";
    DeployReleaseTampered = "GOV-D010", "A release directory on the target differs from its signed manifest: it is not reused";
    DeployRefused = "GOV-D011", "An override of a deploy refusal was given without a reason";
    DeployPartial = "GOV-D012", "Some of the targets could not be deployed; each one's outcome is reported";
    HandleUnknown = "GOV-H001", "The studio's file handle is unknown or expired: choose the file again";
    HandleWrongUse = "GOV-H002", "The file handle was chosen for another use (another kind or purpose)";
    HandleNotAHandle = "GOV-H003", "Not a file handle: the studio takes files only from its own open and save dialogs";
    HandleUnavailable = "GOV-H004", "No file handle could be made: the system's random source failed";
    // s23 first-run (issue 19): simulate, bundle and deploy work, as their own commands.
    StageOwnCommand = "GOV-P004", "The stage is not part of a build: it runs as its own command (simulate, bundle, deploy); recorded as skipped";
}

macro_rules! gaps {
    ($( $variant:ident = $code:literal, $title:literal, $hint:literal; )*) => {
        /// A part of a design that an interop target cannot hold exactly, or that an imported
        /// source did not state (`GOV-Y…`): listed in the exactness report of every import and
        /// export, never dropped silently.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum GapCode { $(
            #[doc = $title]
            $variant,
        )* }

        impl GapCode {
            /// Every gap, in catalogue order.
            pub const ALL: &'static [GapCode] = &[$(GapCode::$variant),*];
            /// The stable code, e.g. `GOV-Y001`.
            pub fn as_str(self) -> &'static str { match self { $(GapCode::$variant => $code),* } }
            /// What the target cannot hold, in one line.
            pub fn title(self) -> &'static str { match self { $(GapCode::$variant => $title),* } }
            /// What the designer can do about it.
            pub fn hint(self) -> &'static str { match self { $(GapCode::$variant => $hint),* } }
            /// The gap with this stable code.
            pub fn parse(code: &str) -> Option<GapCode> { match code { $($code => Some(GapCode::$variant),)* _ => None } }
        }
    };
}

// Ranges: Y0xx every system; Y1xx Snapshot; Y2xx OpenZeppelin Governor, timelock and
// GovernorBravo; Y3xx Safe and Zodiac Roles; Y4xx Aragon OSx; Y5xx DAOIP-2.
gaps! {
    SourceSilent = "GOV-Y001", "The source does not state a value the design needs: an answer fills it, or a stated default", "Give the value with `--answer KEY=VALUE` (the question names the key), or accept the default shown.";
    NoPlaceInTarget = "GOV-Y002", "The target has no place for this part of the design", "Enforce it elsewhere (the bundle's Cedar policies), or accept the loss with `--accept-inexact`.";
    Rounded = "GOV-Y003", "The target holds a rounded value (blocks for seconds, whole numbers for fractions)", "Choose a value the target can hold exactly, or accept the rounding with `--accept-inexact`.";
    SnapshotOtherRules = "GOV-Y100", "A Snapshot space holds one voting configuration: this decision type's rules differ from the space's", "Export the decision type to a space of its own (change its rules to the space's to share it), or accept that its votes use the space's rules.";
    SnapshotNoTimelock = "GOV-Y101", "Snapshot does not execute: no timelock or exit window between a vote and its effect", "Run execution through a timelock (oSnap, a Safe with a delay module), or accept the loss with `--accept-inexact`.";
    SnapshotNoVeto = "GOV-Y102", "Snapshot has no veto or cancellation of a passed vote", "Give the veto to the executing Safe or timelock's guardian, or accept the loss with `--accept-inexact`.";
    SnapshotNoExecution = "GOV-Y103", "Snapshot is signalling: signers and powers that act after the vote are not held", "Have the signers execute from a Safe (see the Safe export), or accept the loss with `--accept-inexact`.";
    SnapshotApproval = "GOV-Y104", "A Snapshot basic vote is read as for versus against: no approval share other than a simple majority, no absolute threshold, super-quorum or late-quorum extension", "Use approval 0.5 without the extra thresholds, or accept that the space shows the tally and the rule is applied by hand.";
    SnapshotQuorumCounting = "GOV-Y105", "Snapshot counts every vote cast (for, against and abstain) towards the quorum", "Set the decision type's quorum_counting to all_cast, or accept the difference with `--accept-inexact`.";
    SnapshotWeightSource = "GOV-Y106", "Snapshot computes voting power with strategies over addresses: members that are not addresses are written as a placeholder strategy", "Give members their addresses as ids, or replace the placeholder strategy with your token's strategy before publishing.";
    SnapshotProposers = "GOV-Y107", "Snapshot limits proposers by a voting-power floor or a list of author addresses: proposer roles whose holders are not all listed addresses are not held", "List the proposer roles' holders by address, or accept that anyone above the floor may propose.";
    SnapshotDurationTooLong = "GOV-Y108", "Snapshot's voting delay is at most 30 days and its voting period at most a year: a longer value is cut", "Shorten the delay or period, or accept the cut with `--accept-inexact`.";
    SnapshotRounded = "GOV-Y109", "Snapshot holds a converted or rounded value: seconds for blocks, a whole number of votes for a quorum share", "Use a time clock and a quorum that is a whole number of votes, or accept the rounding with `--accept-inexact`.";
    SnapshotTextCut = "GOV-Y110", "Snapshot's space name is at most 32 characters and its about text at most 160: longer text is cut", "Shorten the display name or description, or accept the cut with `--accept-inexact`.";
    SnapshotNoPlace = "GOV-Y111", "This part of the design has no place in a Snapshot space (offices, treasury, escalation, incentives, constitution, composition, mesh)", "Publish it with the design's other exports (the bundle, the constitution, DAOIP-2), or accept the loss with `--accept-inexact`.";
    SnapshotWeightTiming = "GOV-Y112", "Snapshot reads voting power at the proposal's snapshot block, when it is created: the design reads it at another time", "Set voting_weight.weight_snapshot to proposal_created, or accept the difference with `--accept-inexact`.";
    SnapshotDelegation = "GOV-Y113", "Snapshot delegation is whole and one level deep (the delegate registry's strategy): deeper chains, partial shares and standing delegations are not held", "Use one-level whole delegation, or accept the difference with `--accept-inexact`.";
    SnapshotVoteChange = "GOV-Y114", "Snapshot lets a voter change their vote until the vote closes", "Allow vote changes, or accept the difference with `--accept-inexact`.";
    SnapshotStrategies = "GOV-Y120", "The space's voting-power strategies (tokens, contracts, chains) are not held by a design: the voters become a population the answers size", "Give total_supply and voter_count as answers, or edit the members after the import.";
    SnapshotVotingSystem = "GOV-Y121", "The space's voting system (single-choice, approval, quadratic, ranked-choice, weighted, or any system per proposal) is not held: the design votes for, against or abstain", "Accept the for/against/abstain reading, or keep the voting system in the space itself.";
    SnapshotMetadata = "GOV-Y122", "Space settings a design does not hold: network, treasury addresses, links, plugins, skin, categories, sub-spaces", "Keep them in the space itself; they are not governance rules.";
    SnapshotPrivacy = "GOV-Y123", "The space's privacy and tally options (shielded or blind voting, rejection quorum, hidden abstain) are not held", "Accept the plain tally, or keep the option in the space itself.";
    SnapshotValidation = "GOV-Y124", "The space's proposal or vote validation is not the plain voting-power floor or any: its rule (passport, attestation, custom strategies) is not held", "Accept the floor read from it, or keep the validation in the space itself.";
    SafePlaceholderAddress = "GOV-Y300", "The design gives no address for a member, Safe, token or the Roles modifier: a deterministic placeholder stands in (see addresses.json)", "Give members Ethereum addresses as their ids, or replace the placeholders listed in addresses.json before loading the batch.";
    SafeVoteNotHeld = "GOV-Y301", "A Safe collects signatures: the decision type's vote (quorum, approval, delay, period, timelock, vetoes) is not held by it", "Run the vote where votes run (Snapshot, Governor, Aragon) and let the Safe execute; or accept with `--accept-inexact`.";
    SafeNoSigners = "GOV-Y302", "The decision type has no signers, so no Safe holds any of it", "Give it signers (m of n holders of a role), or run it on a voting system.";
    SafeSignerSet = "GOV-Y303", "The signer set cannot be a Safe's owners as stated (no listed holders, n differs from the holders, m above them, or generated holders)", "List the role's holders as explicit members, one per seat.";
    SafeTierAmount = "GOV-Y304", "A Safe's threshold does not depend on the amount: the tier's range is not enforced by the Safe", "Enforce the range with an allowance (a spending limit), or accept with `--accept-inexact`.";
    SafeRoleNotHeld = "GOV-Y305", "Zodiac Roles hold what a role may call from the Safe: the role's other permissions, term, eligibility and election have no place", "Enforce them elsewhere (the bundle's Cedar policies), or accept with `--accept-inexact`.";
    SafeDomainNotHeld = "GOV-Y306", "This part of the design has no place in a Safe or in Zodiac Roles", "Enforce it elsewhere (the bundle's Cedar policies, the constitution), or accept with `--accept-inexact`.";
    SafeModuleNotHeld = "GOV-Y310", "The imported Safe has modules or a guard that a design cannot hold", "Record what the modules do as roles and permissions by hand.";
    AragonParticipation = "GOV-Y400", "Aragon's participation counts yes, no and abstain: a quorum counted otherwise is not held exactly", "Count the quorum over all votes cast (`quorum_counting: all_cast`), or accept with `--accept-inexact`.";
    AragonSupportStrict = "GOV-Y401", "Aragon's support is yes/(yes+no) and must be strictly above the threshold: the design's approval (yes/cast, at least) differs at the boundary and with abstentions", "Accept the boundary with `--accept-inexact`; an approval just above a round figure keeps the intent.";
    AragonDuration = "GOV-Y402", "Aragon's minimum duration must lie between 1 hour and 365 days: the voting period is clamped", "Choose a voting period between 1 hour and 365 days.";
    AragonNotHeld = "GOV-Y403", "Aragon's plugins have no place for this part of the decision type (voting delay, timelock, vetoes, late-quorum extension, proposer roles)", "Add a plugin or condition that holds it, or accept with `--accept-inexact`.";
    AragonPlaceholderAddress = "GOV-Y404", "The design gives no address for a member: a deterministic placeholder stands in (see addresses.json)", "Give members Ethereum addresses as their ids, or replace the placeholders before installing.";
    AragonSignersAfterVote = "GOV-Y405", "The design's signers act after its vote: Aragon installs the vote and the multisig as two plugins that nothing chains", "Chain them with a permission condition, or accept with `--accept-inexact`.";
    AragonDomainNotHeld = "GOV-Y406", "This part of the design has no place in Aragon's Token Voting or Multisig settings", "Enforce it elsewhere (the bundle's Cedar policies, the constitution), or accept with `--accept-inexact`.";
    GovernorVoteChange = "GOV-Y200", "A Governor counts one vote per voter: the design lets voters change their vote", "Drop `vote_change_allowed`, or accept that votes are final on chain.";
    GovernorProposerRoles = "GOV-Y201", "A Governor lets anyone with the proposal threshold's voting power propose: proposing restricted to roles has no place", "Express the right to propose as a voting-power threshold (`proposal_threshold.min_weight`), or accept the loss.";
    GovernorTokenHolderVeto = "GOV-Y202", "A token-holder veto during the timelock has no place in a Governor and TimelockController", "Give the veto to a guardian or council role (it becomes the timelock's canceller), or accept the loss.";
    GovernorSigners = "GOV-Y203", "The m-of-n signers after the vote have no place: a Governor executes through its timelock without them", "Put the signers on a Safe that holds the treasury (see the Safe export), or accept the gap.";
    GovernorPowers = "GOV-Y204", "A timelock executes any call a passed proposal makes: the decision type's limited powers are not enforced on chain", "Enforce the powers with a Zodiac Roles modifier or the bundle's Cedar policies, or accept the gap.";
    GovernorSuperQuorum = "GOV-Y205", "The design's super-quorum (early pass) is not generated", "Remove `super_quorum`, or accept that proposals run their full voting period.";
    GovernorOutsideScope = "GOV-Y206", "This part of the design is not governed by a Governor and timelock (treasury tiers, escalation, constitution, roles' permissions, incentives, mesh)", "Carry it in the bundle's documents and Cedar policies; the Governor export covers the decision rules only.";
    GovernorMixedClocks = "GOV-Y207", "The decision types use different clocks, but every Governor reads the one token's clock", "Put every decision type on the same clock, or accept the converted durations.";
    GovernorBlockTime = "GOV-Y208", "The design is on a block clock without a block time: the timelock's seconds assume 12 s blocks", "State `clock.block_time`.";
    GovernorMembers = "GOV-Y209", "The token's initial holders cannot be written for a generated population", "List the holders as explicit members, or accept that deploy.json names no holders.";
    GovernorDelegation = "GOV-Y210", "ERC20Votes delegation is whole and one level deep: the design's delegation rules differ", "Use delegation with `max_depth` 1 and whole shares, or accept the difference.";
    GovernorCountingUnknown = "GOV-Y211", "The Governor's counting mode is not one CoGov reads: the simple counting rules are assumed", "Check the Governor's `COUNTING_MODE()` and correct the imported approval and quorum counting.";
    GovernorAdmin = "GOV-Y212", "An admin or guardian can change or cancel outside the vote: the design has no such power", "Record the admin as a role with `administer` permission, or accept the gap.";
    BravoQuorumShare = "GOV-Y213", "GovernorBravo's quorum is an absolute number of votes: its share of the supply changes as the supply does", "Give the total supply at the time you care about with `--answer total_supply=…`.";
    StrictMajority = "GOV-Y214", "The contract passes a proposal only when for > against, so a tie fails: the design's approval of one half passes a tie", "Accept that a tie fails on chain, or review the imported approval.";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for GapCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for GapCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Code::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown reason code {s}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_their_letter_matches_the_severity() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {code}");
            let letter = match code.severity() {
                Severity::Blocking => 'E',
                Severity::Warning => 'W',
                Severity::Info => 'I',
            };
            assert_eq!(code.as_str().chars().nth(4), Some(letter), "{code}");
            assert_eq!(Code::parse(code.as_str()), Some(*code));
        }
        assert!(Code::ALL.len() >= 40, "the catalogue must hold at least 40 rules");
        for e in ErrorCode::ALL {
            assert!(seen.insert(e.as_str()), "duplicate {e}");
        }
    }
}
