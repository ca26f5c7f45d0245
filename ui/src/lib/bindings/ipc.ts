// Generated from the Rust types by ts-rs (src-tauri/src/bindings.rs); do not edit.
// Regenerate with `COGOV_BLESS=1 cargo test -p cogov-studio --test bindings`.

// A question of the onboarding script: its shape is the script's JSON Schema
// (schemas/onboarding-script.schema.json), mirrored by hand in question.ts.
import type { Question } from "../backend/question";

export type Severity = "blocking" | "warning" | "info";

export type Finding = { 
/**
 * Stable reason code, e.g. `GOV-E301`.
 */
code: string, 
/**
 * Severity of the rule.
 */
severity: Severity, 
/**
 * JSON pointer to the place in the GCO (`""` for the whole document).
 */
path: string, 
/**
 * What is wrong here, with the values involved.
 */
message: string, 
/**
 * How to fix it.
 */
hint: string, };

export type Report = { 
/**
 * Fingerprint of the canonical GCO (of the canonical input when it is not a readable GCO).
 */
fingerprint: string, 
/**
 * The design's semantic version, when it has one.
 */
version: string | null, 
/**
 * Compliance score, 0..=100 (see `docs/reason-codes.md`).
 */
compliance_score: number, 
/**
 * Every finding, in stable order (severity, path, code).
 */
findings: Array<Finding>, };

export type Node = { 
/**
 * Unique id, prefixed by kind (`role:council`).
 */
id: string, 
/**
 * What to print on it.
 */
label: string, 
/**
 * member, member_group, role, decision_type, tier, treasury, escalation_level, citizen,
 * organism, confluence, service, mesh_node or trust_domain.
 */
kind: string, 
/**
 * The compound node it sits in (a trust domain), if any.
 */
parent?: string, 
/**
 * Everything worth showing in a details panel.
 */
details: Record<string, unknown>, };

export type Edge = { 
/**
 * Unique id.
 */
id: string, 
/**
 * Source node id.
 */
source: string, 
/**
 * Target node id.
 */
target: string, 
/**
 * holds, proposes, signs, authorises, funds, decides, escalates, delegates, spans or connects.
 */
kind: string, 
/**
 * Optional label (e.g. `3 of 5`).
 */
label?: string, };

export type Graph = { 
/**
 * Nodes, in a stable order.
 */
nodes: Array<Node>, 
/**
 * Edges, in a stable order.
 */
edges: Array<Edge>, };

export type Members = "grouped" | "every";

export type Action = "propose" | "vote" | "sign" | "execute" | "veto" | "amend" | "appoint" | "remove" | "spend" | "escalate" | "decide" | "delegate" | "view" | "administer";

export type Threshold = { 
/**
 * From this value on, the score is at level `watch`.
 */
watch: number, 
/**
 * From this value on, the score is at level `alert`.
 */
alert: number, };

export type Source = { 
/**
 * The instance name.
 */
instance: string, 
/**
 * The design's version.
 */
version: string, 
/**
 * The design's fingerprint.
 */
fingerprint: string, };

export type ResourceNode = { 
/**
 * The resource, as permissions name it (`treasury/grants`).
 */
id: string, 
/**
 * Its kind: the part before `/`, or the domain itself.
 */
kind: string, 
/**
 * The resources that directly contain it.
 */
parents?: Array<string>, };

export type Grant = { 
/**
 * The role.
 */
role: string, 
/**
 * The action.
 */
action: Action, 
/**
 * The resource.
 */
resource: string, 
/**
 * The permission that grants it (the resource itself or one containing it).
 */
via: string, };

export type PermissionMatrix = { 
/**
 * Role ids, in document order.
 */
roles: Array<string>, 
/**
 * Every action, in catalogue order.
 */
actions: Array<Action>, 
/**
 * Every resource of the design, with its containers.
 */
resources: Array<ResourceNode>, 
/**
 * The allowed cells, ordered by role (document order), action, resource (axis order).
 */
grants: Array<Grant>, };

export type SignerRule = { 
/**
 * The role whose holders sign.
 */
role: string, 
/**
 * Signatures required.
 */
required: number, 
/**
 * Size of the signer set, when known.
 */
of: number | null, };

export type ClockRule = { 
/**
 * `time` or `blocks`.
 */
kind: "time" | "blocks", 
/**
 * Seconds per unit: 1 on a time clock, the block time on a block clock.
 */
seconds_per_unit: number, };

export type Thresholds = { 
/**
 * The decision type.
 */
decision_type: string, 
/**
 * Share of total weight that must be cast.
 */
quorum: number, 
/**
 * Share of cast weight that must approve.
 */
approval: number, 
/**
 * Voting delay, in clock units.
 */
voting_delay: number, 
/**
 * Voting period, in clock units.
 */
voting_period: number, 
/**
 * Timelock, in clock units.
 */
timelock: number, 
/**
 * Signers required after the vote.
 */
signers: SignerRule | null, 
/**
 * The clock.
 */
clock: ClockRule, };

export type Tier = { 
/**
 * Tier id.
 */
id: string, 
/**
 * Lowest amount (inclusive).
 */
min: number, 
/**
 * Highest amount (exclusive); `None` is unbounded.
 */
max: number | null, 
/**
 * Unit of account.
 */
currency: string, 
/**
 * The decision type that authorises it.
 */
decision_type: string, 
/**
 * Signers of the decision type itself.
 */
decision_signers: SignerRule | null, 
/**
 * Signers the tier requires beyond the decision type's.
 */
tier_signers: SignerRule | null, };

export type Rung = { 
/**
 * Position on the ladder, from 1.
 */
step: number, 
/**
 * Level id.
 */
level: string, 
/**
 * Who decides: `role:<id>`, `decision_type:<id>` or `external:<body>`.
 */
decided_by: string, 
/**
 * Days before the matter escalates.
 */
time_limit_days: number | null, 
/**
 * The next level, if any.
 */
next: string | null, 
/**
 * Whether the decision here is final.
 */
terminal: boolean, };

export type LineageKind = "domain" | "clause" | "artifact" | "document";

export type LineageNode = { 
/**
 * Unique id, prefixed by kind: `domain:roles`, `clause:admission`,
 * `artifact:permission_matrix.json`, `document:role_registry`.
 */
id: string, 
/**
 * What to print on it.
 */
label: string, 
/**
 * Domain, clause, artifact or document.
 */
kind: LineageKind, 
/**
 * Its layer: the number of edges on the longest path that reaches it (sources are 0).
 */
layer: number, };

export type LineageEdge = { 
/**
 * Unique id (`source->target`).
 */
id: string, 
/**
 * The node that feeds.
 */
source: string, 
/**
 * The node fed.
 */
target: string, };

export type Lineage = { 
/**
 * Domains (document order of the GCO), clauses, artifacts (file order), documents.
 */
nodes: Array<LineageNode>, 
/**
 * Edges, in a stable order (artifacts' inputs, the manifest's, then documents').
 */
edges: Array<LineageEdge>, 
/**
 * The number of edges on the longest path (a domain that feeds an artifact that feeds a
 * document is depth 2).
 */
depth: number, };

export type ScoreName = "authority_concentration" | "governance_capture_risk" | "treasury_centralisation" | "participation_density" | "delegation_cascade_risk" | "constitutional_drift";

export type Level = "ok" | "watch" | "alert";

export type Score = { 
/**
 * Which score.
 */
name: ScoreName, 
/**
 * The value (rounded to 6 decimals).
 */
value: number, 
/**
 * Its unit.
 */
unit: string, 
/**
 * Its range.
 */
range: [number, number], 
/**
 * Whether higher is worse.
 */
higher_is_worse: boolean, 
/**
 * The thresholds applied (the design's, or the defaults).
 */
threshold: Threshold, 
/**
 * Ok, watch or alert.
 */
level: Level, 
/**
 * One line naming the members, roles or clauses behind the value.
 */
explanation: string, 
/**
 * The inputs and intermediate figures, for a details panel.
 */
details: Record<string, unknown>, };

export type Scores = { 
/**
 * The scoring model's version.
 */
model_version: string, 
/**
 * The design scored.
 */
source: Source, 
/**
 * The version drift was measured against, if any.
 */
ratified: string | null, 
/**
 * The scores, in [`ScoreName::ALL`] order.
 */
scores: Array<Score>, };

export type WeightSnapshot = "proposal_created" | "vote_start" | "live";

export type Acquirable = { 
/**
 * Share trading freely (can be bought ahead of a proposal).
 */
circulating: number, 
/**
 * Share available to borrow in lending markets (counts only where weight is read late).
 */
borrowable: number, 
/**
 * Share locked or vesting: nobody can acquire it within an attack.
 */
locked: number, };

export type WeightModel = { 
/**
 * When weight is read.
 */
snapshot: WeightSnapshot, 
/**
 * Whether weight changes hands.
 */
transferable: boolean, 
/**
 * What an outsider could acquire.
 */
acquirable: Acquirable, 
/**
 * Price of one unit of weight, if known.
 */
token_price: number | null, 
/**
 * What was assumed, one line each (e.g. "weight source unknown: assumed live").
 */
assumed: Array<string>, };

export type PowerCapture = { 
/**
 * The decision type.
 */
decision_type: string, 
/**
 * The power's kind (`treasury`, `mint`, …).
 */
power: string, 
/**
 * For treasury powers, the tiers; for a tier route, the route id.
 */
tiers: Array<string>, 
/**
 * The tier route, when the path is a route other than the tier's normal decision type.
 */
route: string | null, 
/**
 * Whether the power was inferred rather than declared.
 */
inferred: boolean, 
/**
 * Share of all weight the outsider must vote with (JSON null when unbounded: approval 100%).
 */
need: number | null, 
/**
 * What sets `need`: the binding constraint, for people.
 */
binding: string, 
/**
 * Share of all weight the outsider can borrow at the time weight is read.
 */
borrowed: number, 
/**
 * Share the outsider must buy ahead (`need − borrowed`, at least 0).
 */
bought: number, 
/**
 * Whether the borrowed part can be flash-loaned within one block.
 */
flash_loan: boolean, 
/**
 * Fixed bodies the outsider cannot buy and must also capture (signers, vetoes); or why
 * weight cannot be acquired at all.
 */
blocked_by: Array<string>, 
/**
 * Whether an outsider can capture the power by acquiring weight alone.
 */
capturable: boolean, 
/**
 * Money to buy `bought`, when the design gives a token price.
 */
cost: number | null, 
/**
 * What the power controls, in the treasury's currency (tier capacity or all funds).
 */
controls: number | null, 
/**
 * `controls / cost` (None without a price; infinite, JSON null, when the capture costs nothing).
 */
profitability: number | null, 
/**
 * Risk of this path, 0..1: 0 when not capturable, else `1 − min(1, 2 · bought)`.
 */
risk: number, 
/**
 * Seconds between adoption and execution.
 */
timelock_seconds: number, 
/**
 * Who may veto during the timelock.
 */
veto: Array<string>, 
/**
 * Whether the power executes with no veto and no timelock in between.
 */
unguarded: boolean, };

export type CaptureReport = { 
/**
 * How weight behaves, with the assumptions made.
 */
weight: WeightModel, 
/**
 * Expected turnout: share of all weight expected to vote.
 */
turnout: number, 
/**
 * Every power path, in decision-type order.
 */
powers: Array<PowerCapture>, };

export type AttackPath = { 
/**
 * The decision type's node (`decision:<id>`), where the acquired weight votes.
 */
decision: string, 
/**
 * Role nodes whose holders must sign after the vote (`role:<id>`): the outsider must
 * capture them too.
 */
signers: Array<string>, 
/**
 * Role nodes whose holders may cancel during the timelock (`role:<id>`); none without a timelock.
 */
vetoes: Array<string>, 
/**
 * Tier nodes the power spends from (`tier:<id>`); empty for powers that are not a treasury's.
 */
targets: Array<string>, 
/**
 * The exit window before execution, in seconds (absent when the design gives none).
 */
exit_window_seconds: number | null, };

export type CaptureView = { 
/**
 * The codes of the design's blocking findings, deduplicated and sorted. Unlike the six
 * scores, the analysis runs on such a design: the capture rules' own findings block, and
 * the designer must still see what an outsider could take.
 */
blocking: Array<string>, 
/**
 * The cost of capture of every power.
 */
report: CaptureReport, 
/**
 * Each power path's level under the governance capture thresholds.
 */
levels: Array<Level>, 
/**
 * Each power path's route through the topology graph.
 */
paths: Array<AttackPath>, 
/**
 * The governance capture thresholds the levels were read with (the design's, or the defaults).
 */
threshold: Threshold, 
/**
 * The treasury's currency, for money figures (absent without a treasury).
 */
currency: string | null, };

export type VersionScores = { 
/**
 * The version.
 */
version: string, 
/**
 * The scoring model that scored it.
 */
model: string, 
/**
 * The six scores as stored (`{model_version, scores: [{name, value, level, …}]}`).
 */
scores: unknown, 
/**
 * Score name → value minus the previous scored version's (same model only).
 */
deltas: Record<string, number>, };

export type Blocked = { 
/**
 * The reason code (`GOV-P001`).
 */
code: string, 
/**
 * What went wrong.
 */
message: string, 
/**
 * The codes of the blocking findings, deduplicated.
 */
blocking: Array<string>, };

export type CompiledView = { 
/**
 * Where the tables came from (absent when blocked).
 */
source: Source | null, 
/**
 * Set when the design has blocking findings; the tables are then empty.
 */
blocked: Blocked | null, 
/**
 * The role × action × resource matrix.
 */
matrix: PermissionMatrix | null, 
/**
 * The decision threshold matrix, one row per decision type.
 */
thresholds: Array<Thresholds>, 
/**
 * The treasury authorisation tiers, lowest first.
 */
tiers: Array<Tier>, 
/**
 * The escalation ladder, first level first.
 */
ladder: Array<Rung>, };

export type RiskView = { 
/**
 * The six scores of the design as it is in the editor.
 */
current: Scores | null, 
/**
 * Set when the design has blocking findings: scored all the same (the scores show where
 * the risk sits), but a build, a bundle or a deploy refuses it.
 */
blocked: Blocked | null, 
/**
 * Whether the design has versions in the store.
 */
stored: boolean, 
/**
 * The stored versions' scores with their deltas, oldest first (empty when not stored).
 */
history: Array<VersionScores>, };

export type Validation = { 
/**
 * What the text was read as: `gco`, `constitution` or `answers`.
 */
kind: "gco" | "constitution" | "answers", 
/**
 * The validation report.
 */
report: Report, 
/**
 * The GCO the input became, for constitution documents and answers files (the editor
 * already holds a GCO text, so it is not sent back for those).
 */
gco: unknown | null, };

export type ExampleInfo = { 
/**
 * Stable id (the file name without `.json`).
 */
id: string, 
/**
 * Display name of the design.
 */
title: string, 
/**
 * Kind of organisation.
 */
kind: string, 
/**
 * One-paragraph description.
 */
description: string, };

export type StoreInfo = { 
/**
 * The database file.
 */
path: string, 
/**
 * Its schema version.
 */
schema_version: number, };

export type VersionDiff = { 
/**
 * The structural diff.
 */
diff: Diff, 
/**
 * The older version as pretty canonical JSON.
 */
left: string, 
/**
 * The newer version as pretty canonical JSON.
 */
right: string, };

export type Diff = { 
/**
 * Every changed place, in document order.
 */
changes: Array<Change>, 
/**
 * The largest bump any change calls for; `None` when nothing but the version differs.
 */
suggested: Bump | null, };

export type Change = { 
/**
 * JSON pointer: into the newer version for added and changed places, the older for removed.
 */
pointer: string, 
/**
 * The same place for people, ids instead of indexes (`roles › council › seats`).
 */
label: string, 
/**
 * The top-level domain (`roles`, `constitution`, …).
 */
domain: string, 
/**
 * Added, removed or changed.
 */
kind: ChangeKind, 
/**
 * The older value, if any.
 */
old: unknown, 
/**
 * The newer value, if any.
 */
new: unknown, 
/**
 * The version bump this change calls for.
 */
bump: Bump, 
/**
 * Why that bump, in a few words.
 */
why: string, };

export type ChangeKind = "added" | "removed" | "changed";

export type Bump = "patch" | "minor" | "major";

export type VersionKind = "commit" | "amendment" | "rollback";

export type VersionRecord = { 
/**
 * The instance (`identity.name`).
 */
instance: string, 
/**
 * The semantic version.
 */
version: string, 
/**
 * `sha256:` fingerprint of the canonical content.
 */
fingerprint: string, 
/**
 * The version it was made from, if any.
 */
parent: string | null, 
/**
 * Commit, amendment or rollback.
 */
kind: VersionKind, 
/**
 * For a rollback, the version whose content it restores.
 */
rollback_of: string | null, 
/**
 * The bump from its parent (none for the first version).
 */
bump: Bump | null, 
/**
 * Why it was made.
 */
message: string, 
/**
 * Who made it.
 */
author: string, 
/**
 * When, RFC 3339 UTC.
 */
created_at: string, 
/**
 * Compliance score when it was saved.
 */
compliance_score: number | null, 
/**
 * Blocking findings when it was saved.
 */
blocking: number | null, 
/**
 * The amendment proposal that adopted it.
 */
proposal: number | null, };

export type InstanceSummary = { 
/**
 * The instance name.
 */
instance: string, 
/**
 * How many versions it has.
 */
versions: number, 
/**
 * Its latest version.
 */
latest: VersionRecord, };

export type CommitOutcome = { 
/**
 * The version saved (or found already saved).
 */
record: VersionRecord, 
/**
 * False when exactly this content was already saved under this version (nothing written).
 */
created: boolean, 
/**
 * The bump the changes since the latest version call for.
 */
suggested: Bump | null, 
/**
 * The changes since the latest version.
 */
changes: number, };

export type BuildOutcome = { 
/**
 * The record (new, or the earlier one for the same inputs).
 */
record: BuildRecord, 
/**
 * False when an earlier build of the same inputs was found.
 */
created: boolean, };

export type BuildRecord = { 
/**
 * Its id.
 */
id: number, 
/**
 * The design.
 */
instance: string, 
/**
 * The version built.
 */
version: string, 
/**
 * That version's fingerprint (the build's input).
 */
input_fingerprint: string, 
/**
 * The engine version that ran it.
 */
engine: string, 
/**
 * `passed` or `failed`.
 */
status: string, 
/**
 * The failed gate's reason code.
 */
reason_code: string | null, 
/**
 * Who started it.
 */
author: string, 
/**
 * When it started and finished (RFC 3339 UTC).
 */
started_at: string, 
/**
 * When it finished.
 */
finished_at: string, 
/**
 * The stage timeline.
 */
stages: Array<StageRecord>, };

export type StageRecord = { 
/**
 * The stage (`ingest`, `validate`, …).
 */
stage: string, 
/**
 * `passed`, `failed`, `skipped` or `blocked`.
 */
status: string, 
/**
 * The reason code of a failed gate or a skip.
 */
reason_code: string | null, 
/**
 * One line for people.
 */
detail: string, 
/**
 * How long it ran, in milliseconds.
 */
duration_ms: number, 
/**
 * What it produced.
 */
outputs: Array<Artifact>, };

export type Artifact = { 
/**
 * What it is (`gco`, `validation_report`, …).
 */
name: string, 
/**
 * `sha256:` of its bytes.
 */
sha256: string, };

export type ProposalView = { 
/**
 * The proposal and its votes.
 */
proposal: Proposal, 
/**
 * The design's amendment rules and the tally, applied now.
 */
verdict: Verdict, };

export type Proposal = { 
/**
 * Its id.
 */
id: number, 
/**
 * The design.
 */
instance: string, 
/**
 * The version it amends.
 */
base_version: string, 
/**
 * The version it proposes (`identity.version` of its content).
 */
proposed_version: string, 
/**
 * Fingerprint of the proposed content.
 */
proposed_fingerprint: string, 
/**
 * What it is about.
 */
title: string, 
/**
 * The decision type that votes on it.
 */
decision_type: string, 
/**
 * Where it is in its life.
 */
state: ProposalState, 
/**
 * Who proposed it.
 */
author: string, 
/**
 * When.
 */
created_at: string, 
/**
 * When public notice of it began (its creation, unless notice was given earlier).
 */
noticed_since: string, 
/**
 * The votes cast, member → choice.
 */
votes: { [key in string]: Choice }, 
/**
 * The version that adopted it.
 */
adopted_version: string | null, };

export type ProposalState = "draft" | "voting" | "adopted" | "rejected" | "withdrawn";

export type Verdict = { 
/**
 * Whether it may be adopted.
 */
allowed: boolean, 
/**
 * The reason code when it may not.
 */
reason_code: string | null, 
/**
 * Every reason, one line each.
 */
reasons: Array<string>, 
/**
 * The clauses it touches.
 */
touched: Array<TouchedClause>, 
/**
 * Cast weight / total weight.
 */
turnout: number, 
/**
 * Yes / (yes + no).
 */
approval: number, };

export type TouchedClause = { 
/**
 * Its article's id.
 */
article: string, 
/**
 * The clause's id.
 */
clause: string, 
/**
 * Entrenched in the base or the proposed version.
 */
entrenched: boolean, };

export type Choice = "yes" | "no" | "abstain";

export type Case = { 
/**
 * Its id.
 */
id: number, 
/**
 * The design.
 */
instance: string, 
/**
 * `gate_failed`, `release_refused` or `rollback`.
 */
kind: string, 
/**
 * The reason code behind it.
 */
reason_code: string | null, 
/**
 * What it concerns (`build:4`, `release:7`, `acme@1.3.0`).
 */
subject: string, 
/**
 * One line for people.
 */
summary: string, 
/**
 * When it was opened.
 */
opened_at: string, 
/**
 * The task's state now: `open`, `triaged` or `resolved`.
 */
state: string, 
/**
 * Who the task is routed to: `role:<id>`, `decision_type:<id>`, `external:<body>`, or
 * `unrouted` when the design has no escalation ladder.
 */
assignee: string, 
/**
 * The escalation level that routed it.
 */
level: string | null, 
/**
 * When the level's time limit runs out.
 */
due_at: string | null, 
/**
 * Every move, oldest first.
 */
history: Array<TaskStep>, };

export type TaskStep = { 
/**
 * `open`, `triaged` or `resolved`.
 */
state: string, 
/**
 * Who.
 */
author: string, 
/**
 * Why.
 */
reason: string, 
/**
 * When (RFC 3339 UTC).
 */
at: string, };

export type Metrics = { 
/**
 * The design, or none for every design in the store.
 */
instance: string | null, 
/**
 * Builds recorded.
 */
builds: number, 
/**
 * Builds that passed every gate.
 */
builds_passed: number, 
/**
 * Builds per day, oldest first.
 */
builds_per_day: Array<DayCount>, 
/**
 * Whole-build durations in milliseconds (sum of stage times).
 */
build_ms: Summary, 
/**
 * Per-stage durations, in pipeline order.
 */
stage_ms: Array<StageDuration>, 
/**
 * Validations run (one per saved version).
 */
validations: number, 
/**
 * Share of validations without blocking findings, 0..=1.
 */
validation_pass_rate: number | null, 
/**
 * The reason codes validations found most, most frequent first (at most 10).
 */
top_reason_codes: Array<CodeCount>, 
/**
 * The reason codes that failed builds stopped on.
 */
gate_failures: Array<CodeCount>, 
/**
 * Release steps asked for.
 */
releases: number, 
/**
 * Release steps refused.
 */
releases_refused: number, 
/**
 * Share of release steps done, 0..=1.
 */
release_success_rate: number | null, 
/**
 * Versions saved.
 */
versions: number, 
/**
 * Versions that are rollbacks.
 */
version_rollbacks: number, 
/**
 * Channel rollbacks.
 */
release_rollbacks: number, 
/**
 * Rollbacks (of versions and channels) per saved version.
 */
rollback_rate: number | null, 
/**
 * Cases opened.
 */
cases: number, 
/**
 * Cases not yet resolved.
 */
cases_open: number, 
/**
 * Hours from opening to resolution, over resolved cases.
 */
case_lead_time_hours: Summary, };

export type Summary = { 
/**
 * How many figures.
 */
count: number, 
/**
 * Their mean (0 when there are none).
 */
mean: number, 
/**
 * Median.
 */
p50: number, 
/**
 * 95th percentile.
 */
p95: number, 
/**
 * Largest.
 */
max: number, };

export type DayCount = { 
/**
 * `YYYY-MM-DD`.
 */
day: string, 
/**
 * Builds that passed every gate.
 */
passed: number, 
/**
 * Builds that stopped at a gate.
 */
failed: number, };

export type StageDuration = { 
/**
 * The stage.
 */
stage: string, 
/**
 * Its run times in milliseconds (stages that ran).
 */
ms: Summary, };

export type CodeCount = { 
/**
 * The code.
 */
code: string, 
/**
 * How many times.
 */
count: number, };

export type Channel = { 
/**
 * Its name.
 */
name: string, 
/**
 * The build it serves, if any.
 */
build: number | null, 
/**
 * That build's version.
 */
version: string | null, 
/**
 * Whether it is pinned.
 */
pinned: boolean, 
/**
 * Earlier releases a rollback can return to, newest first.
 */
previous: Array<number>, };

export type ReleaseRecord = { 
/**
 * Its id.
 */
id: number, 
/**
 * The design.
 */
instance: string, 
/**
 * The channel.
 */
channel: string, 
/**
 * `promote`, `pin`, `unpin`, `revoke` or `rollback`.
 */
action: string, 
/**
 * The build concerned: promoted, revoked, or returned to.
 */
build: number | null, 
/**
 * That build's version.
 */
version: string | null, 
/**
 * `done` or `refused`.
 */
status: string, 
/**
 * Why it was refused.
 */
reason_code: string | null, 
/**
 * Who asked.
 */
author: string, 
/**
 * Why they asked.
 */
reason: string, 
/**
 * When (RFC 3339 UTC).
 */
at: string, };

export type Releases = { 
/**
 * Each channel and what it serves.
 */
channels: Array<Channel>, 
/**
 * Every release record, oldest first.
 */
records: Array<ReleaseRecord>, };

export type Event = { 
/**
 * Its id, increasing.
 */
id: number, 
/**
 * When (RFC 3339 UTC).
 */
at: string, 
/**
 * What, as `noun.verb` (`stage.started`, `gate.failed`, `release.promote`, `case.opened`, …).
 */
kind: string, 
/**
 * The design it concerns.
 */
instance: string | null, 
/**
 * What it concerns (`build:4`, `case:2`, `acme@1.2.0`).
 */
subject: string, 
/**
 * The reason code of a failure or refusal.
 */
reason_code: string | null, 
/**
 * Anything else.
 */
details: unknown, };

export type SimulationRecord = { 
/**
 * Its id.
 */
id: number, 
/**
 * The design.
 */
instance: string, 
/**
 * The version simulated.
 */
version: string, 
/**
 * The scenario's name, when it has one.
 */
name: string | null, 
/**
 * The seed (a `u64`, kept as its bit pattern in SQLite's signed integer).
 */
seed: number, 
/**
 * Runs.
 */
runs: number, 
/**
 * When it was recorded.
 */
created_at: string, 
/**
 * The scenario, as given.
 */
scenario: unknown, 
/**
 * The report (figures, bands, derived figures); omitted in lists.
 */
results: unknown, };

export type Chart = { 
/**
 * `treasury`, `passed`, `outcomes` or `risk`.
 */
name: string, 
/**
 * The SVG document.
 */
svg: string, };

export type WhatifRun = { 
/**
 * The UI's id of the run.
 */
job: number, 
/**
 * True when a newer run or the Cancel button stopped it (no report then).
 */
cancelled: boolean, 
/**
 * Runs finished (scenario and baseline together).
 */
done: number, 
/**
 * Runs asked for.
 */
total: number, 
/**
 * The simulator's report with `derived.risk_delta` filled in (see docs/simulation.md).
 */
report: unknown, 
/**
 * Its charts: treasury, passed, outcomes, risk.
 */
charts: Array<Chart>, 
/**
 * Time spent in the shell for this run, milliseconds.
 */
elapsed_ms: number, 
/**
 * Whether the baseline's runs were reused from the previous run.
 */
baseline_reused: boolean, };

export type WhatifProgress = { 
/**
 * The UI's id of the run.
 */
job: number, 
/**
 * Runs finished.
 */
done: number, 
/**
 * Runs asked for.
 */
total: number, };

export type PresetShocks = { 
/**
 * The preset's name as in scenario files (`participation_contraction`, …).
 */
id: string, 
/**
 * Its shocks (the scenario format's `shocks` entries).
 */
shocks: unknown[], };

export type WhatifSetup = { 
/**
 * Starting members.
 */
members: number, 
/**
 * Their mean voting weight.
 */
mean_weight: number, 
/**
 * The roles members hold (for a leadership removal limited to one).
 */
roles: Array<string>, 
/**
 * Every preset, expanded for `steps`.
 */
presets: Array<PresetShocks>, };

export type SavedWhatif = { 
/**
 * The record (with `results`, the report).
 */
record: SimulationRecord, 
/**
 * The report's charts.
 */
charts: Array<Chart>, };

export type SweepRecord = { 
/**
 * Its id.
 */
id: number, 
/**
 * The design.
 */
instance: string, 
/**
 * The version the sweep ran on.
 */
version: string, 
/**
 * The sweep file's name, when it has one.
 */
name: string | null, 
/**
 * The sweep's fingerprint (design, sweep file and format).
 */
fingerprint: string, 
/**
 * Cells.
 */
cells: number, 
/**
 * Runs per cell.
 */
runs: number, 
/**
 * The seed (a `u64`, kept as its bit pattern in SQLite's signed integer).
 */
seed: number, 
/**
 * When it was recorded.
 */
created_at: string, 
/**
 * The sweep file, its scenario inline.
 */
spec: unknown, 
/**
 * The results (cells, Pareto front, sensitivity, recommendation); omitted in lists.
 */
results: unknown, };

export type KnobInfo = { 
/**
 * Its name as in sweep files (`/decision_types/general/quorum`, …).
 */
name: string, 
/**
 * True for a design knob, false for an assumption about participation.
 */
design: boolean, 
/**
 * Whether it takes whole numbers.
 */
integer: boolean, 
/**
 * The least value it accepts.
 */
min: number, 
/**
 * The greatest value it accepts (capped for display).
 */
max: number, 
/**
 * The design's value now (none for an assumption).
 */
current: number | null, };

export type ObjectiveInfo = { 
/**
 * Its name (`continuity_impact`, `pass_rate`, `risk/<score>`, …).
 */
name: string, 
/**
 * `minimize` or `maximize`: its natural direction.
 */
direction: string, };

export type SweepSetup = { 
/**
 * Every knob of the design, in the engine's order.
 */
knobs: Array<KnobInfo>, 
/**
 * Every objective.
 */
objectives: Array<ObjectiveInfo>, 
/**
 * Scenario presets (`participation_contraction`, …).
 */
presets: Array<string>, 
/**
 * The most member visits the studio runs.
 */
max_visits: number, };

export type SweepRun = { 
/**
 * The UI's id of the run.
 */
job: number, 
/**
 * True when a newer run or the Cancel button stopped it (no results then).
 */
cancelled: boolean, 
/**
 * Runs finished (each cell's scenario and baseline runs).
 */
done: number, 
/**
 * Runs asked for.
 */
total: number, 
/**
 * The sweep's fingerprint.
 */
fingerprint: string, 
/**
 * The results, as `cogov_sim::sweep::results_value` gives them (`cells`, `pareto`,
 * `sensitivity`, `recommendation`, `recommendation_md`, `proposed_diff`).
 */
results: unknown, 
/**
 * The proposed design's text (the recommendation applied), when it changes the design.
 */
proposed: string | null, 
/**
 * Time spent in the shell for this run, milliseconds.
 */
elapsed_ms: number, 
/**
 * Of which simulating the cells' runs (the rest: checking the sweep, the analysis).
 */
compute_ms: number, };

export type SweepProgress = { 
/**
 * The UI's id of the run.
 */
job: number, 
/**
 * Runs finished.
 */
done: number, 
/**
 * Runs asked for.
 */
total: number, };

export type SweepCell = { 
/**
 * The cell's number.
 */
cell: number, 
/**
 * Its knobs and values, in the sweep's order.
 */
knobs: Array<[string, number]>, 
/**
 * The design with the cell's design knobs applied (pretty JSON).
 */
design: string, 
/**
 * The sweep's scenario with its runs and seed, presets expanded and the participation
 * contraction knob applied.
 */
scenario: unknown, 
/**
 * Assumption knobs a scenario cannot carry (the participation scale), left out.
 */
not_applied: Array<string>, };

export type DocumentView = { 
/**
 * The file stem, e.g. `decision-protocol`.
 */
slug: string, 
/**
 * The title, e.g. `Decision protocol`.
 */
title: string, 
/**
 * The Markdown form.
 */
markdown: string, 
/**
 * The self-contained HTML page (no script), for a sandboxed preview.
 */
html: string, };

export type DocumentsView = { 
/**
 * The eight documents in presentation order (empty when blocked).
 */
documents: Array<DocumentView>, 
/**
 * The stored version the "Changes since" sections compare with.
 */
since: string | null, 
/**
 * Set when the design has blocking findings (`GOV-P001`).
 */
blocked: Blocked | null, };

export type KeyInfo = { 
/**
 * The key id minisign prints (16 hex digits).
 */
key_id: string, 
/**
 * The secret key file (encrypted with the password), for display.
 */
secret_key: string, 
/**
 * The public key file beside it, for display.
 */
public_key: string, 
/**
 * The handle to sign with (read as a secret key).
 */
secret_handle: string, 
/**
 * The handle to verify and deploy with (read as a public key).
 */
public_handle: string, };

export type BundleEntry = { 
/**
 * Its path inside the bundle.
 */
path: string, 
/**
 * Its size in bytes.
 */
size: number, 
/**
 * `sha256:` of its bytes.
 */
sha256: string, };

export type BundleView = { 
/**
 * Where it was written, for display.
 */
path: string, 
/**
 * The handle it was written with, to verify or deploy it (read as a bundle).
 */
handle: string, 
/**
 * `sha256:` of the archive: the bundle's identity.
 */
sha256: string, 
/**
 * The archive's size in bytes.
 */
size: number, 
/**
 * The design's instance name.
 */
instance: string, 
/**
 * The design's version.
 */
version: string, 
/**
 * The design's fingerprint.
 */
fingerprint: string, 
/**
 * The signing key.
 */
key: KeyInfo, 
/**
 * The manifest's files, sorted by path.
 */
files: Array<BundleEntry>, };

export type BuildStep = "compile" | "documents" | "sign" | "write" | "done";

export type VerifyView = { 
/**
 * True when the signature, the listing and every file's hash check out.
 */
verified: boolean, 
/**
 * `sha256:` of the bytes read.
 */
sha256: string, 
/**
 * The key id of the public key used.
 */
key_id: string, 
/**
 * The reason code of the failure (`GOV-B0…`).
 */
code: string | null, 
/**
 * The file inside the bundle that failed, when one did.
 */
file: string | null, 
/**
 * What failed.
 */
message: string | null, };

export type ActivationView = { 
/**
 * Its sequence number in the target's records.
 */
seq: number, 
/**
 * `deploy` or `rollback`.
 */
action: string, 
/**
 * The release now active (the bundle's SHA-256 in hex).
 */
release: string, 
/**
 * `sha256:` of the bundle now active.
 */
bundle_sha256: string, 
/**
 * The release active before, if any.
 */
previous: string | null, 
/**
 * The design.
 */
instance: string, 
/**
 * Its version.
 */
version: string, 
/**
 * Who.
 */
author: string, 
/**
 * When (RFC 3339 UTC).
 */
at: string, };

export type TargetView = { 
/**
 * The target directory.
 */
target: string, 
/**
 * The active release, if any.
 */
release: string | null, 
/**
 * The active design.
 */
instance: string | null, 
/**
 * The active version.
 */
version: string | null, 
/**
 * The active design's fingerprint.
 */
fingerprint: string | null, 
/**
 * Active files that no longer match the manifest (or a failing signature).
 */
drift: Array<string>, 
/**
 * False when the active release has no deployment record.
 */
recorded: boolean, 
/**
 * The target's deployment records, newest first.
 */
history: Array<ActivationView>, };

export type FileRef = { 
/**
 * The opaque handle the commands take (`h_` and 32 hex digits).
 */
handle: string, 
/**
 * The file or folder name, for display.
 */
name: string, 
/**
 * The full path, for display only: commands never take it.
 */
path: string, };

export type Purpose = "design" | "export" | "bundle" | "secret-key" | "public-key" | "key-home" | "deploy-target";

export type CommandError = { 
/**
 * A stable reason code (`GOV-X…` for inputs, `UI-…` for the shell's own failures).
 */
code: string, 
/**
 * What went wrong, with the file and place when there is one.
 */
message: string, };

export type OnboardingProgress = { 
/**
 * Questions passed on the current path.
 */
answered: number, 
/**
 * Questions on the current path (it changes as answers branch).
 */
total: number, };

export type OnboardingView = { 
/**
 * The session, opaque to the UI: pass it back unchanged.
 */
state: unknown, 
/**
 * The question to answer now (its `default` is the answer kept from before, or the
 * script's default), or null when the dialogue is finished.
 */
question: Question | null, 
/**
 * Progress along the current path.
 */
progress: OnboardingProgress, 
/**
 * The GCO as it stands, with defaults for what is not answered yet.
 */
preview: unknown, 
/**
 * Why the last answer was refused, if it was.
 */
error: string | null, 
/**
 * Whether every question on the path is answered.
 */
finished: boolean, };

/** Every error code a command can reject with, and its title. */
export const ERROR_CODES = {
  "GOV-X001": "The file could not be read or written",
  "GOV-X002": "The input is larger than the 16 MiB limit",
  "GOV-X003": "The input nests deeper than 128 levels",
  "GOV-X004": "The input is not valid UTF-8",
  "GOV-X005": "The input is not well-formed JSON",
  "GOV-X006": "The JSON is well-formed but cannot be read as a GCO",
  "GOV-X007": "The constitution document does not follow the format",
  "GOV-X008": "The onboarding answers do not fit the question script",
  "GOV-X009": "The file starts with a byte-order mark: JSON text must not; remove it",
  "GOV-X010": "The onboarding question script is invalid",
  "GOV-X020": "The simulation scenario does not follow the scenario schema",
  "GOV-X021": "The design lacks what the simulation needs (members with voting weight)",
  "GOV-X022": "More simulation runs than the scenario schema allows (1,000,000)",
  "GOV-X040": "The sweep file does not follow the sweep schema",
  "GOV-X041": "The sweep names a knob the design does not have (the closest valid knob is suggested)",
  "GOV-X042": "A knob's values are outside what the knob accepts, or cannot be sampled",
  "GOV-X043": "The sweep names an objective or constraint the sweep does not compute",
  "GOV-X044": "The sweep's cells times runs exceed the bound (raise it with --max-member-visits)",
  "GOV-X045": "The shard is not I/N with 0 <= I < N",
  "GOV-X046": "The slices belong to different sweeps (their fingerprints differ)",
  "GOV-X047": "The slices do not cover every cell and run exactly once",
  "GOV-X048": "A sweep slice file cannot be read",
  "GOV-X050": "The scenario's attack is invalid (a negative budget or price, a step outside the run)",
  "GOV-X051": "The attack's target names a decision type the design does not have",
  "GOV-X052": "The design gives the attack's acquisition route nothing to acquire (weight not transferable, or no such share)",
  "GOV-X053": "The attack has no price: neither `attack.price` nor the design's `voting_weight.token_price`",
  "GOV-X060": "The sweep has no cell of that number",
  "GOV-X100": "No importer or exporter of that kind (the kinds are listed)",
  "GOV-X101": "The imported configuration does not follow its system's format",
  "GOV-X102": "The target cannot hold the design exactly and the export was not told to accept that (see the exactness report)",
  "GOV-X103": "An answer to an import question names no question or has a value the question does not accept",
  "GOV-X104": "The import needs a value its source does not state and no answer gives it",
  "GOV-A001": "The simulation or sweep was cancelled (by the user or a newer run): nothing was kept",
  "GOV-A002": "The simulator's worker threads could not be started",
  "GOV-S001": "The database file could not be opened or created",
  "GOV-S002": "The database was written by a newer CoGov; it is left untouched",
  "GOV-S003": "A schema migration failed; the database stays at its previous version",
  "GOV-S004": "The database reported an error",
  "GOV-S010": "That version of the design is already saved with other content: raise the version",
  "GOV-S011": "The version is not raised enough for the changes (see the suggested bump)",
  "GOV-S012": "No design of that name is in the store",
  "GOV-S013": "No such version of the design is in the store",
  "GOV-S014": "A stored configuration can no longer be read as a GCO",
  "GOV-S015": "The design given is not the stored version of that name and number: commit it first",
  "GOV-S016": "No such stored simulation",
  "GOV-S020": "No such amendment proposal",
  "GOV-S021": "The design's amendment rules do not let this decision type change what the amendment changes",
  "GOV-S022": "The votes do not meet the decision type's quorum and approval",
  "GOV-S023": "The proposal cannot move to that state from the one it is in",
  "GOV-S024": "The design has a newer version than the proposal's base: propose again on the latest",
  "GOV-S025": "The amendment rule asks for more days of public notice before its vote opens",
  "GOV-S026": "The notice date is not an RFC 3339 date in the past",
  "GOV-S030": "The audit log's head file beside the database cannot be read or written",
  "GOV-S031": "No such stored sweep",
  "GOV-S032": "The sweep's results are larger than the store keeps for one sweep",
  "GOV-P001": "The validation has blocking findings: the run stops before compile",
  "GOV-P002": "The stage is not available in this build of CoGov: recorded as skipped",
  "GOV-P003": "No such build record",
  "GOV-P010": "The build failed a gate: it cannot be released",
  "GOV-P011": "The channel is pinned: unpin it before changing its release",
  "GOV-P012": "The channel has no earlier release to return to",
  "GOV-P013": "The channel has no current release",
  "GOV-P014": "A channel name is 1 to 64 lowercase letters, digits and dashes",
  "GOV-P020": "No such case",
  "GOV-T001": "A telemetry line is longer than the 64 KiB limit: skipped",
  "GOV-T002": "More telemetry lines than the 200,000 limit: the rest is skipped",
  "GOV-T003": "A telemetry line is not one well-formed UTF-8 JSON value",
  "GOV-T004": "A telemetry line nests deeper than 32 levels",
  "GOV-T005": "A telemetry line is not an object naming an event type of the contract",
  "GOV-T006": "A telemetry event does not match its event type's schema in the contract",
  "GOV-T007": "A telemetry event names another instance or version than the contract's",
  "GOV-T008": "A telemetry event's `at` is not a real RFC 3339 date-time",
  "GOV-T009": "A telemetry line has the same key twice in one object",
  "GOV-P021": "The task cannot move to that state from the one it is in",
  "GOV-B001": "The bundle is not a readable gzip-compressed tar archive",
  "GOV-B002": "A bundle entry's path has a `..` component",
  "GOV-B003": "A bundle entry's path is absolute",
  "GOV-B004": "A bundle entry is not a regular file (a symlink, hard link, device or other)",
  "GOV-B005": "A bundle holds two entries of the same path",
  "GOV-B006": "A bundle holds more entries than the limit",
  "GOV-B007": "A bundle entry, or all of them together, decompress beyond the size limit",
  "GOV-B008": "The manifest does not list exactly the files the bundle holds",
  "GOV-B009": "The bundle's manifest.json is missing or not a valid manifest",
  "GOV-B010": "The bundle has no manifest.json.minisig",
  "GOV-B011": "The manifest's signature does not verify with the public key",
  "GOV-B012": "A file's SHA-256 or size differs from what the manifest lists",
  "GOV-B013": "A file to bundle has an empty, absolute, `..` or reserved path",
  "GOV-B014": "The archive is not byte for byte the one `cogov bundle` writes for its files (re-packed, trailing data, extra gzip members or headers)",
  "GOV-B020": "A minisign key file cannot be read",
  "GOV-B021": "The secret key's password is missing or wrong",
  "GOV-B022": "A key file already exists there: keygen does not overwrite keys",
  "GOV-B023": "An empty key password is refused",
  "GOV-B024": "A key file is larger than the 4 KiB limit",
  "GOV-B025": "A password file is larger than the 4 KiB limit",
  "GOV-D001": "The deploy target cannot be prepared or written",
  "GOV-D002": "The target has no earlier activation to return to",
  "GOV-D003": "The bundle is not the channel's current release",
  "GOV-D004": "Nothing is deployed on the target",
  "GOV-D005": "The target's execution or deployment database reported an error",
  "GOV-D006": "Another deployer holds the target's lock: try again when it is done",
  "GOV-D007": "The target is bound to another design than the bundle's (override with a reason)",
  "GOV-D008": "The bundle's version is older than the target's active one: roll back instead (or override with a reason)",
  "GOV-D009": "The bundle has the active version's number with other content (override with a reason)",
  "GOV-D010": "A release directory on the target differs from its signed manifest: it is not reused",
  "GOV-D011": "An override of a deploy refusal was given without a reason",
  "GOV-D012": "Some of the targets could not be deployed; each one's outcome is reported",
  "GOV-H001": "The studio's file handle is unknown or expired: choose the file again",
  "GOV-H002": "The file handle was chosen for another use (another kind or purpose)",
  "GOV-H003": "Not a file handle: the studio takes files only from its own open and save dialogs",
  "GOV-H004": "No file handle could be made: the system's random source failed",
} as const;

/** An error code of the engine or the store. */
export type ErrorCode = keyof typeof ERROR_CODES;
