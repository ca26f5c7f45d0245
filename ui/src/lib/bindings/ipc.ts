// Generated from the Rust types by ts-rs (src-tauri/src/bindings.rs); do not edit.
// Regenerate with `COGOV_BLESS=1 cargo test -p cogov-studio --test bindings`.

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

export type Members = "grouped" | "every" | "by_role" | "by_weight";

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

export type InteropKind = { 
/**
 * Its name on the command line (`snapshot`, `governor`, …).
 */
kind: string, 
/**
 * The label people read.
 */
label: string, 
/**
 * Whether designs can be imported from it.
 */
imports: boolean, 
/**
 * Whether designs can be exported to it.
 */
exports: boolean, };

export type GapView = { 
/**
 * The stable `GOV-Y…` code.
 */
code: string, 
/**
 * The code's title.
 */
title: string, 
/**
 * What the designer can do.
 */
hint: string, 
/**
 * Where in the design (a JSON pointer).
 */
pointer: string, 
/**
 * What exactly, with the values.
 */
detail: string, };

export type QuestionView = { 
/**
 * The key an answer gives.
 */
key: string, 
/**
 * What to ask.
 */
prompt: string, 
/**
 * The value used without an answer, as JSON text.
 */
default: string | null, 
/**
 * The answer given, as JSON text.
 */
answer: string | null, };

export type ImportView = { 
/**
 * The system it came from.
 */
kind: string, 
/**
 * The chosen file's name, for display.
 */
source: string, 
/**
 * The design as indented JSON, ready for the editor.
 */
text: string, 
/**
 * The design's name.
 */
name: string, 
/**
 * Its fingerprint.
 */
fingerprint: string, 
/**
 * Its compliance score (0–100).
 */
compliance_score: number, 
/**
 * How many blocking findings it has.
 */
blocking: number, 
/**
 * Every question this source raises, with the answers given.
 */
questions: Array<QuestionView>, 
/**
 * What was assumed, and what the source holds that a design cannot.
 */
gaps: Array<GapView>, };

export type PreviewFile = { 
/**
 * Its path inside the output folder.
 */
path: string, 
/**
 * Its size in bytes.
 */
size: number, 
/**
 * Its text (cut at 64 KiB), or `None` for a file that is not text.
 */
text: string | null, };

export type ExportPreview = { 
/**
 * The target system.
 */
kind: string, 
/**
 * Its label.
 */
label: string, 
/**
 * Whether the target holds the design exactly.
 */
exact: boolean, 
/**
 * What the target cannot hold exactly (writing needs them accepted).
 */
gaps: Array<GapView>, 
/**
 * The files, with `exactness.json`, in path order.
 */
files: Array<PreviewFile>, };

export type ExportWritten = { 
/**
 * The folder, for display.
 */
folder: string, 
/**
 * The files written, relative to it.
 */
files: Array<string>, 
/**
 * How many gaps were accepted.
 */
accepted_gaps: number, };

export type Recovery = { 
/**
 * The design's name in the studio (file name or `untitled.json`).
 */
name: string, 
/**
 * Its text when last kept.
 */
text: string, 
/**
 * When it was kept, in milliseconds since 1970 (the file's modification time).
 */
kept_ms: number, };

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

export type CommitPlan = { 
/**
 * The design's name.
 */
instance: string, 
/**
 * The latest stored version of that name, if any.
 */
latest: string | null, 
/**
 * The version to commit as: the design's own, or the smallest the changes call for.
 */
next: string, 
/**
 * Who the commit is recorded as.
 */
author: string, };

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
 * How it ended.
 */
status: BuildStatus, 
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

export type BuildStatus = "passed" | "failed";

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
 * Why it was opened.
 */
kind: CaseKind, 
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
 * The task's state now.
 */
state: CaseState, 
/**
 * Who the task is routed to: `role:<id>`, `decision_type:<id>`, `external:<body>`, or
 * `unrouted` when the design has no escalation ladder.
 */
assignee: string, 
/**
 * The escalation level that routed it (none when the amendment rule did).
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
 * The state it moved to.
 */
state: CaseState, 
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

export type CaseKind = "gate_failed" | "release_refused" | "rollback";

export type CaseState = "open" | "triaged" | "resolved";

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
 * What it asked.
 */
action: ReleaseAction, 
/**
 * The build concerned: promoted, revoked, or returned to.
 */
build: number | null, 
/**
 * That build's version.
 */
version: string | null, 
/**
 * Whether it was carried out.
 */
status: ReleaseStatus, 
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

export type ReleaseAction = "promote" | "pin" | "unpin" | "revoke" | "rollback";

export type ReleaseStatus = "done" | "refused";

export type Releases = { 
/**
 * The design.
 */
design: string, 
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

export type Shock = { "kind": "participation_contraction", 
/**
 * The step.
 */
at: number, 
/**
 * The share of participation lost, in [0, 1].
 */
factor: number, } | { "kind": "leadership_removal", 
/**
 * The step.
 */
at: number, 
/**
 * How many members leave.
 */
count: number, 
/**
 * Only holders of this role.
 */
role?: string | null, } | { "kind": "incentive_concentration", 
/**
 * The step.
 */
at: number, 
/**
 * The share of all weight that moves, in [0, 1].
 */
share: number, 
/**
 * How many of the heaviest members receive it.
 */
top: number, } | { "kind": "treasury_freeze", 
/**
 * First frozen step.
 */
from: number, 
/**
 * First step after the freeze.
 */
until: number, } | { "kind": "rapid_scaling", 
/**
 * First step with joiners.
 */
from: number, 
/**
 * First step without.
 */
until: number, 
/**
 * Members joining per step.
 */
joiners_per_step: number, 
/**
 * Weight of each joiner.
 */
weight: number, 
/**
 * Propensity of each joiner, in [0, 1].
 */
propensity: number, };

export type ShockPreset = "participation_contraction" | "emergency_treasury_freeze" | "incentive_concentration_shock" | "leadership_removal" | "rapid_scaling_stress";

export type Support = { 
/**
 * Shape alpha (> 0).
 */
alpha: number, 
/**
 * Shape beta (> 0).
 */
beta: number, };

export type Acquisition = "buy" | "borrow" | "flash_loan" | "custodial";

export type AttackSpec = { 
/**
 * Money the adversary spends on weight, in the treasury's currency (at least 0).
 */
budget: number, 
/**
 * How the adversary acquires weight.
 */
acquisition: Acquisition, 
/**
 * The step at which the adversary proposes and votes (0-based, inside the run); the
 * scenario's shocks up to that step have acted.
 */
at: number, 
/**
 * Price of one unit of weight by this route (absent: the design's
 * `voting_weight.token_price`).
 */
price?: number | null, 
/**
 * The decision type the adversary proposes under (absent: the power that profits it most).
 */
target?: string | null, };

export type SimScenario = { 
/**
 * Optional editor hint pointing at this schema.
 */
$schema?: string | null, 
/**
 * A short name for the scenario.
 */
name?: string | null, 
/**
 * What the scenario explores.
 */
description?: string | null, 
/**
 * Steps of one run (one step is one day: rates and inflows are per day).
 */
steps: number, 
/**
 * Independent runs (Monte Carlo).
 */
runs: number, 
/**
 * Seed: run `r` draws from a stream derived from `(seed, r)` alone.
 */
seed: number, 
/**
 * Support of a proposal, `s ~ Beta(alpha, beta)`.
 */
support: Support, 
/**
 * Preset scenarios, expanded in this order before the explicit shocks.
 */
presets?: Array<ShockPreset>, 
/**
 * Shocks, applied in declared order.
 */
shocks: Array<Shock>, 
/**
 * An adversary who acquires weight and proposes what profits it most (`report.attack`);
 * absent: no attack, and the report is that of the reference model alone.
 */
attack?: AttackSpec | null, };

export type SimSummary = { 
/**
 * Mean.
 */
mean: number, 
/**
 * Sample standard deviation (÷ (R − 1); 0 for a single run).
 */
std: number, 
/**
 * Standard error of the mean: std / √R.
 */
se: number, 
/**
 * 5th percentile.
 */
p5: number, 
/**
 * Median.
 */
p50: number, 
/**
 * 95th percentile.
 */
p95: number, };

export type SimBand = { 
/**
 * 5th percentile per step.
 */
p5: Array<number>, 
/**
 * Median per step.
 */
p50: Array<number>, 
/**
 * 95th percentile per step.
 */
p95: Array<number>, };

export type SimFigures = { 
/**
 * Mean of `cast / W` over a run's proposals (runs without proposals are left out).
 */
turnout: SimSummary, 
/**
 * passed / proposals (runs without proposals are left out).
 */
pass_rate: SimSummary, 
/**
 * Passed proposals.
 */
passed: SimSummary, 
/**
 * Proposals short of quorum.
 */
no_quorum: SimSummary, 
/**
 * Rejected proposals (votes or signers).
 */
rejected: SimSummary, 
/**
 * Proposals without enough active signers.
 */
no_signers: SimSummary, 
/**
 * Spends paid.
 */
executed: SimSummary, 
/**
 * Spends blocked by a freeze.
 */
blocked: SimSummary, 
/**
 * Spends larger than the balance.
 */
insolvent: SimSummary, 
/**
 * Balance at the end of the run.
 */
final_balance: SimSummary, 
/**
 * Smallest end-of-step balance.
 */
min_balance: SimSummary, 
/**
 * Mean passed proposals per step.
 */
throughput_mean: SimSummary, 
/**
 * Population variance of passed proposals per step.
 */
throughput_variance: SimSummary, };

export type TypeOutcomes = { 
/**
 * The decision type id.
 */
id: string, 
/**
 * Proposals.
 */
proposals: number, 
/**
 * Passed.
 */
passed: number, 
/**
 * Short of quorum.
 */
no_quorum: number, 
/**
 * Rejected.
 */
rejected: number, 
/**
 * Without enough signers.
 */
no_signers: number, 
/**
 * Spends paid.
 */
executed: number, 
/**
 * Spends blocked.
 */
blocked: number, 
/**
 * Spends larger than the balance.
 */
insolvent: number, };

export type SimSide = { 
/**
 * Per-run figures over runs.
 */
figures: SimFigures, 
/**
 * Mean counts per run, per proposal type.
 */
per_type: Array<TypeOutcomes>, 
/**
 * End-of-step balance band.
 */
balance: SimBand, 
/**
 * Passed proposals per step band.
 */
passed: SimBand, 
/**
 * Share of runs that record at least one insolvent spend.
 */
insolvent_share: number, 
/**
 * Steps of runway left at the end: mean final balance over the mean net outflow per step;
 * `null` (infinite) when the net flow is not negative.
 */
runway_steps: number | null, };

export type Solvency = { 
/**
 * Share of runs that ever record an insolvent spend.
 */
insolvent_share: number, 
/**
 * The baseline's share.
 */
baseline_insolvent_share: number, 
/**
 * Steps of runway at the end (`null`: infinite).
 */
runway_steps: number | null, 
/**
 * The baseline's runway (`null`: infinite).
 */
baseline_runway_steps: number | null, };

export type ThroughputVariance = { 
/**
 * The scenario's variance over runs.
 */
scenario: SimSummary, 
/**
 * The baseline's.
 */
baseline: SimSummary, };

export type RiskDelta = { 
/**
 * Which score.
 */
name: ScoreName, 
/**
 * The older value.
 */
old: number, 
/**
 * The newer value.
 */
new: number, 
/**
 * new − old.
 */
delta: number, 
/**
 * The older level.
 */
old_level: Level, 
/**
 * The newer level.
 */
new_level: Level, 
/**
 * Whether the change is for the worse (up for most scores, down for participation density).
 */
worse: boolean, };

export type SimDerived = { 
/**
 * The first step at which a shock acts (`null`: no shock acts).
 */
first_shock_step: number | null, 
/**
 * 1 - (pass rate from the first shock on / the baseline's over the same steps), pooled
 * over runs; `null` without a shock or without baseline passes.
 */
continuity_impact: number | null, 
/**
 * Treasury solvency forecast.
 */
solvency: Solvency, 
/**
 * Decision throughput variance beside the baseline's.
 */
throughput_variance: ThroughputVariance, 
/**
 * The six risk scores of the design as the shocks leave it against those before
 * ([`end_design::risk_delta`], a `cogov_engine::risk::Comparison`); `null` when not computed.
 */
risk_delta: { deltas: Array<RiskDelta> } | null, };

export type MeanSe = { 
/**
 * The mean over runs.
 */
mean: number, 
/**
 * Its standard error (sample standard deviation / √runs).
 */
se: number, };

export type PowerAttackResult = { 
/**
 * The decision type proposed under.
 */
decision_type: string, 
/**
 * The power's kind (`treasury`, `mint`, …).
 */
power: string, 
/**
 * For treasury powers, the tiers.
 */
tiers: Array<string>, 
/**
 * The tier route, when the path is one.
 */
route?: string | null, 
/**
 * Whether the adversary's weight counts on this decision type by its route (a snapshot
 * taken before the weight arrives shuts borrowed and flash-loaned weight out).
 */
weight_counts: boolean, 
/**
 * What stands in the way, for people (the snapshot, signers, veto holders, proposers).
 */
stopped_by: Array<string>, 
/**
 * Share of runs in which the power is captured at the budget.
 */
capture_probability: number, 
/**
 * Its 95% interval (Wilson score).
 */
interval: [number, number], 
/**
 * The smallest budget that captures the power in at least half of the runs (bisection on
 * the same random streams); `null` when no budget the route allows does.
 */
cheapest_budget: number | null, 
/**
 * What the power controls, in the treasury's currency (`null`: not a money figure, e.g.
 * appointments).
 */
controls: number | null, 
/**
 * Loss per attack: `controls` when captured, else 0, over runs (`null` without `controls`).
 */
expected_loss: MeanSe | null, };

export type AttackResult = { 
/**
 * The budget.
 */
budget: number, 
/**
 * The route.
 */
acquisition: Acquisition, 
/**
 * The step of the attack.
 */
at: number, 
/**
 * Price of one unit of weight used.
 */
price: number, 
/**
 * Where the price comes from: `attack` or `design`.
 */
price_source: string, 
/**
 * Share of all weight the route makes available at all.
 */
available_share: number, 
/**
 * Share of all weight (at step `at`) the budget acquires.
 */
acquired_share: number, 
/**
 * Runs.
 */
runs: number, 
/**
 * The target: index into `powers` (`null` when the design confers no power).
 */
target: number | null, 
/**
 * Every power path, in decision-type order.
 */
powers: Array<PowerAttackResult>, 
/**
 * What the report assumed because the design does not say it.
 */
assumed: Array<string>, };

export type SimReport = { 
/**
 * The model.
 */
model: string, 
/**
 * Runs.
 */
runs: number, 
/**
 * Seed.
 */
seed: number, 
/**
 * Steps per run.
 */
steps: number, 
/**
 * The shocks in force (presets expanded).
 */
shocks: Array<Shock>, 
/**
 * Per-run figures of the scenario over runs.
 */
figures: SimFigures, 
/**
 * Figures derived against the baseline.
 */
derived: SimDerived, 
/**
 * The scenario in detail: figures, per-type outcomes and per-step bands.
 */
scenario: SimSide, 
/**
 * The baseline (no shock) in detail.
 */
baseline: SimSide, 
/**
 * Whether some percentiles and bands were read from logarithmic bins (relative accuracy
 * [`stats::SKETCH_ACCURACY`]) rather than from every run's value: only beyond
 * [`stats::EXACT_VALUES`] runs, so that memory does not grow with the runs.
 */
sketched?: boolean, 
/**
 * The scenario's attack ([`attack::simulate_attack`]); absent without one.
 */
attack?: AttackResult | null, };

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
 * What it did.
 */
action: DeployAction, 
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

export type DeployAction = "deploy" | "rollback";

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

export type Purpose = "design" | "export" | "bundle" | "secret-key" | "public-key" | "key-home" | "deploy-target" | "interop" | "interop-export";

export type CommandError = { 
/**
 * A stable reason code (`GOV-X…` for inputs, `UI-…` for the shell's own failures).
 */
code: string, 
/**
 * What went wrong, with the file and place when there is one.
 */
message: string, };

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

export type Question = { 
/**
 * Stable id; answers files key answers by it.
 */
id: string, 
/**
 * The part of the design the question belongs to (shown as a heading when it changes).
 */
section: string, 
/**
 * The question itself.
 */
prompt: string, 
/**
 * Why it matters: one or two sentences a designer learns from.
 */
why: string, 
/**
 * The answer assumed when none is given.
 */
default: JsonValue, 
/**
 * Defaults that depend on earlier answers; the first that applies wins over `default`.
 */
defaults_when?: Array<ContextDefault>, 
/**
 * Ask only when every condition holds (conditions name earlier questions).
 */
when?: Array<QuestionCondition>, 
/**
 * Where to go next depending on the answer; the first matching branch wins, otherwise
 * the next question in order. Branches only go forward.
 */
next?: Array<QuestionBranch>, 
/**
 * Comments on particular answers, said after the answer is given.
 */
remarks?: Array<QuestionRemark>, 
/**
 * Where the answer lands in the GCO: paths whose array steps name items by id
 * (e.g. `/decision_types/general/quorum`).
 */
places: Array<string>, } & ({ "kind": "text" } & TextSpec | { "kind": "number" } & NumberSpec | { "kind": "integer" } & NumberSpec | { "kind": "choice" } & ChoiceSpec | { "kind": "yes_no" } | { "kind": "list" } & ListSpec);

export type QuestionKind = { "kind": "text" } & TextSpec | { "kind": "number" } & NumberSpec | { "kind": "integer" } & NumberSpec | { "kind": "choice" } & ChoiceSpec | { "kind": "yes_no" } | { "kind": "list" } & ListSpec;

export type TextSpec = { 
/**
 * Fewest characters (0: the answer may be empty).
 */
min_length: number, 
/**
 * Most characters.
 */
max_length: number, };

export type NumberSpec = { 
/**
 * Smallest allowed value.
 */
min?: number | null, 
/**
 * Largest allowed value.
 */
max?: number | null, 
/**
 * A further lower bound computed from an earlier answer.
 */
min_from?: DerivedBound | null, 
/**
 * A further upper bound computed from an earlier answer.
 */
max_from?: DerivedBound | null, 
/**
 * A default computed from an earlier answer (rounded down for integers).
 */
default_from?: DerivedBound | null, 
/**
 * What the number counts (days, seats, a share of the votes cast…).
 */
unit?: string | null, };

export type DerivedBound = { 
/**
 * The earlier numeric question.
 */
question: string, 
/**
 * Multiplier.
 */
factor: number, 
/**
 * Added after multiplying.
 */
offset: number, };

export type ChoiceSpec = { 
/**
 * The options, in the order they are shown.
 */
options: Array<QuestionOption>, };

export type QuestionOption = { 
/**
 * The value stored in the answers.
 */
value: string, 
/**
 * Short label.
 */
label: string, 
/**
 * What choosing it means.
 */
explain: string, };

export type ListSpec = { 
/**
 * Fewest items.
 */
min_items: number, 
/**
 * Most items.
 */
max_items: number, 
/**
 * Most characters per item.
 */
item_max_length: number, 
/**
 * What separates items when a person types them on one line (default `,`).
 */
separator?: string | null, };

export type QuestionCondition = { 
/**
 * The earlier question.
 */
question: string, 
/**
 * The answer equals this value.
 */
equals?: JsonValue | null, 
/**
 * The answer is one of these values.
 */
one_of?: Array<JsonValue> | null, 
/**
 * The answer (a text or a list) is empty (`false`) or not (`true`).
 */
not_empty?: boolean | null, 
/**
 * The numeric answer is at least this.
 */
at_least?: number | null, 
/**
 * The numeric answer is below this.
 */
below?: number | null, };

export type AnswerTest = { 
/**
 * The answer equals this value.
 */
equals?: JsonValue | null, 
/**
 * The answer is one of these values.
 */
one_of?: Array<JsonValue> | null, 
/**
 * The answer (a text or a list) is empty (`false`) or not (`true`).
 */
not_empty?: boolean | null, 
/**
 * The numeric answer is at least this.
 */
at_least?: number | null, 
/**
 * The numeric answer is below this.
 */
below?: number | null, };

export type ContextDefault = { 
/**
 * The default then.
 */
value: JsonValue, 
/**
 * The earlier question.
 */
question: string, 
/**
 * The answer equals this value.
 */
equals?: JsonValue | null, 
/**
 * The answer is one of these values.
 */
one_of?: Array<JsonValue> | null, 
/**
 * The answer (a text or a list) is empty (`false`) or not (`true`).
 */
not_empty?: boolean | null, 
/**
 * The numeric answer is at least this.
 */
at_least?: number | null, 
/**
 * The numeric answer is below this.
 */
below?: number | null, };

export type QuestionBranch = { 
/**
 * The question to continue with (a later one).
 */
goto: string, 
/**
 * The answer equals this value.
 */
equals?: JsonValue | null, 
/**
 * The answer is one of these values.
 */
one_of?: Array<JsonValue> | null, 
/**
 * The answer (a text or a list) is empty (`false`) or not (`true`).
 */
not_empty?: boolean | null, 
/**
 * The numeric answer is at least this.
 */
at_least?: number | null, 
/**
 * The numeric answer is below this.
 */
below?: number | null, };

export type QuestionRemark = { 
/**
 * What to say.
 */
say: string, 
/**
 * The answer equals this value.
 */
equals?: JsonValue | null, 
/**
 * The answer is one of these values.
 */
one_of?: Array<JsonValue> | null, 
/**
 * The answer (a text or a list) is empty (`false`) or not (`true`).
 */
not_empty?: boolean | null, 
/**
 * The numeric answer is at least this.
 */
at_least?: number | null, 
/**
 * The numeric answer is below this.
 */
below?: number | null, };

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

export type SweepSampling = { "method": "grid" } | { "method": "latin_hypercube", 
/**
 * Cells.
 */
samples: number, } | { "method": "sobol", 
/**
 * Base samples N.
 */
samples: number, } | { "method": "morris", 
/**
 * Trajectories r.
 */
trajectories: number, 
/**
 * Levels p (even).
 */
levels: number, };

export type SweepDirection = "minimize" | "maximize";

export type SweepObjective = { 
/**
 * The objective's name (`pass_rate`, `risk/…`).
 */
objective: string, 
/**
 * Whether lower or higher is better.
 */
direction: SweepDirection, };

export type SweepCellObjective = { 
/**
 * Mean over the cell's runs.
 */
mean: number | null, 
/**
 * Its standard error.
 */
se: number | null, };

export type SweepCellRow = { 
/**
 * The cell's number.
 */
cell: number, 
/**
 * Each knob's value in this cell, in the sweep's knob order.
 */
knobs: Record<string, number | null>, 
/**
 * Each objective's mean and error (every objective in `cells.json`, the chosen ones elsewhere).
 */
objectives: Record<string, SweepCellObjective>, 
/**
 * Whether the cell meets every constraint.
 */
feasible: boolean, };

export type SweepCells = { 
/**
 * The sweep's fingerprint (design, sweep file, scenario).
 */
fingerprint: string, 
/**
 * Runs per cell.
 */
runs: number, 
/**
 * The scenario's seed.
 */
seed: number, 
/**
 * Steps per run.
 */
steps: number, 
/**
 * How the cells were chosen.
 */
sampling: SweepSampling, 
/**
 * The knobs, in order.
 */
knobs: Array<string>, 
/**
 * Sampled designs: each cell's point in the unit cube (empty for a grid).
 */
unit: Array<Array<number>>, 
/**
 * Every objective the table has, with its direction.
 */
objectives: Array<SweepObjective>, 
/**
 * The cells.
 */
cells: Array<SweepCellRow>, };

export type SweepPareto = { 
/**
 * The chosen objectives.
 */
objectives: Array<SweepObjective>, 
/**
 * The front's cells.
 */
cells: Array<SweepCellRow>, };

export type SweepMorris = { 
/**
 * Elementary effects behind the measures.
 */
effects: number, 
/**
 * Mean effect.
 */
mu: number | null, 
/**
 * Mean absolute effect μ*.
 */
mu_star: number | null, 
/**
 * Half-width of μ*'s bootstrap confidence interval.
 */
mu_star_conf: number | null, 
/**
 * Standard deviation of the effects.
 */
sigma: number | null, };

export type SweepSobol = { 
/**
 * First-order index.
 */
s1: number | null, 
/**
 * Its half-width.
 */
s1_conf: number | null, 
/**
 * Total-order index.
 */
st: number | null, 
/**
 * Its half-width.
 */
st_conf: number | null, };

export type SweepSensitivityEntry = SweepMorris | SweepSobol;

export type SweepSensitivityMethod = "morris_grid" | "morris" | "sobol" | "none";

export type SweepSensitivity = { 
/**
 * The method.
 */
method: SweepSensitivityMethod, 
/**
 * The confidence level of every interval.
 */
confidence: number, 
/**
 * Bootstrap resamples behind every interval.
 */
resamples: number, 
/**
 * The knobs, in order.
 */
knobs: Array<string>, 
/**
 * Per objective, per knob (empty for a Latin hypercube).
 */
objectives: Record<string, Record<string, SweepSensitivityEntry>>, };

export type SweepRecommendation = { 
/**
 * The constraints, as written (`continuity_impact <= 0.2`).
 */
constraints: Array<string>, 
/**
 * The chosen objectives, in priority order.
 */
objectives: Array<SweepObjective>, 
/**
 * Cells that meet every constraint.
 */
feasible: number, 
/**
 * Cells in the sweep.
 */
cells: number, 
/**
 * The assumption knobs every recommended setting was checked under, each swept value (empty
 * when the sweep has none on a grid: then each cell is checked alone).
 */
assumptions: Array<string>, 
/**
 * Design settings in the sweep (cells with the same design values are one setting).
 */
settings: number, 
/**
 * Design settings that meet every constraint in every one of their cells and that the
 * design rules accept (no blocking finding): the candidates.
 */
robust_settings: number, 
/**
 * Settings that meet every constraint but that the design rules block.
 */
blocked_settings: number, 
/**
 * The explanation, one sentence a line.
 */
explanation: Array<string>, 
/**
 * The best ten settings that meet every constraint, best first, each as its worst cell.
 */
ranked: Array<SweepCellRow>, 
/**
 * The recommended setting's worst cell (its design values are the recommendation), if
 * any setting meets every constraint.
 */
recommended: number | null, 
/**
 * The structural diff from the design to the recommended one.
 */
change: Diff | null, };

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
  "GOV-X110": "The design has no decision type: a Snapshot space needs one voting configuration",
  "GOV-X130": "The Safe's owners and threshold cannot be read (owners not addresses, a threshold of 0 or above the owners, too many owners)",
  "GOV-X140": "The Aragon plugin settings cannot be read (unknown plugin or voting mode, a ratio above 10^6, a duration outside 1 hour to 365 days)",
  "GOV-A001": "The simulation or sweep was cancelled (by the user or a newer run): nothing was kept",
  "GOV-A002": "The simulator's worker threads could not be started",
  "GOV-X120": "A Governor or timelock parameter is missing, of the wrong type or outside what the contract accepts",
  "GOV-X121": "A GovernorBravo or Compound Timelock parameter is outside the contract's own bounds (MIN_/MAX_ constants)",
  "GOV-X122": "The design has no decision type, so there is no Governor to write",
  "GOV-X123": "A duration or amount of the design does not fit the Governor's integer type (uint48 delay, uint32 period)",
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
  "GOV-S033": "A stored record state or action is not one this CoGov knows (a newer CoGov wrote it?)",
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
  "GOV-P004": "The stage is not part of a build: it runs as its own command (simulate, bundle, deploy); recorded as skipped",
} as const;

/** An error code of the engine or the store. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Every validation rule: its severity, title and hint (crates/model/src/codes.rs). */
export const RULES = {
  "GOV-E001": { severity: "blocking", title: "A field the GCO schema does not define", hint: "Remove the field or fix its spelling; `cogov schema` lists the fields." },
  "GOV-E002": { severity: "blocking", title: "A value of the wrong JSON type", hint: "Use the type the schema gives for this field." },
  "GOV-E003": { severity: "blocking", title: "A required field is missing", hint: "Add the field; `cogov schema` shows which fields each object requires." },
  "GOV-E004": { severity: "blocking", title: "A number or length out of its allowed range", hint: "Bring the value inside the range the schema allows." },
  "GOV-E005": { severity: "blocking", title: "A value that is not one of the allowed choices", hint: "Use one of the values the schema lists." },
  "GOV-E006": { severity: "blocking", title: "A string that does not match its required format", hint: "Instance names are lowercase slugs; versions are semantic versions like 1.2.0." },
  "GOV-E007": { severity: "blocking", title: "An object has the same key twice: JSON readers disagree on which one counts", hint: "Keep one of the two entries; the finding names both places." },
  "GOV-E009": { severity: "blocking", title: "Another violation of the GCO schema", hint: "Compare the value with `cogov schema`." },
  "GOV-E010": { severity: "blocking", title: "No members: neither an explicit list nor a population", hint: "Add `members.explicit` or a `members.population` generator." },
  "GOV-E011": { severity: "blocking", title: "No roles are defined", hint: "Define at least one role with its permissions." },
  "GOV-E012": { severity: "blocking", title: "No decision types are defined", hint: "Define at least one decision type with its quorum and approval." },
  "GOV-W013": { severity: "warning", title: "No treasury domain: spending authority is undefined", hint: "Add a `treasury` with categories and authorisation tiers, even if the balance is 0." },
  "GOV-E014": { severity: "blocking", title: "A treasury without spending categories", hint: "Add at least one entry to `treasury.categories`." },
  "GOV-W015": { severity: "warning", title: "No constitution: nothing is entrenched and nothing says how rules change", hint: "Add a `constitution` with articles and amendment rules." },
  "GOV-W016": { severity: "warning", title: "No conflict escalation ladder", hint: "Add `escalation.levels` ending in a terminal level." },
  "GOV-E020": { severity: "blocking", title: "Two items of the same kind share an id", hint: "Give every member, role, decision type, tier, clause, level and node a unique id." },
  "GOV-I021": { severity: "info", title: "The version is a pre-release (0.x or with a pre-release tag)", hint: "Release 1.0.0 once the design is ratified." },
  "GOV-E030": { severity: "blocking", title: "A reference to a role that does not exist", hint: "Define the role under `roles` or fix the id." },
  "GOV-E031": { severity: "blocking", title: "A reference to a decision type that does not exist", hint: "Define the decision type under `decision_types` or fix the id." },
  "GOV-E032": { severity: "blocking", title: "A permission names a resource that does not exist", hint: "Use a resource of the design (e.g. `treasury/<category>`, `decision/<type>`, `role/<role>`) or declare it under `resources`." },
  "GOV-E033": { severity: "blocking", title: "A reference to a member that does not exist", hint: "Add the member under `members.explicit` or fix the id." },
  "GOV-E034": { severity: "blocking", title: "A reference to a clause or article that does not exist", hint: "Fix the id or add the clause to the constitution." },
  "GOV-E035": { severity: "blocking", title: "A reference to a treasury category that does not exist", hint: "Add the category under `treasury.categories` or fix the id." },
  "GOV-E036": { severity: "blocking", title: "A reference to an escalation level that does not exist", hint: "Point `next` at a level of the ladder." },
  "GOV-E037": { severity: "blocking", title: "A connection names a mesh node that does not exist", hint: "Add the node under `mesh.nodes` or fix the id." },
  "GOV-E038": { severity: "blocking", title: "A confluence spans a component the composition does not reference", hint: "Reference the citizen or organism under `composition` first." },
  "GOV-I039": { severity: "info", title: "A role lists the same permission twice", hint: "Remove the duplicate." },
  "GOV-E100": { severity: "blocking", title: "The members' total voting weight is zero", hint: "Give members voting weight; quorum is measured against the total." },
  "GOV-I101": { severity: "info", title: "A member with no weight and no role", hint: "Give the member weight or a role, or remove them." },
  "GOV-E102": { severity: "blocking", title: "A population distribution with impossible parameters", hint: "Uniform needs min <= max; lognormal sigma >= 0; beta alpha, beta > 0; pareto scale, shape > 0." },
  "GOV-W104": { severity: "warning", title: "One member holds more than half of the voting weight", hint: "Cap individual weight or add members; one holder can decide alone." },
  "GOV-I105": { severity: "info", title: "Members with propensity 0 never vote", hint: "Check the propensities; these members only raise the quorum bar." },
  "GOV-E200": { severity: "blocking", title: "More members hold a role than it has seats", hint: "Raise `seats` or remove the role from some members." },
  "GOV-I201": { severity: "info", title: "A role with seats but no holder among the explicit members", hint: "Elect or appoint holders before deployment." },
  "GOV-W202": { severity: "warning", title: "A role with no permissions", hint: "Give the role permissions or remove it." },
  "GOV-E203": { severity: "blocking", title: "A role's eligibility requires and excludes the same role, or requires itself", hint: "Make `requires_roles` and `incompatible_roles` disjoint and leave the role itself out." },
  "GOV-E204": { severity: "blocking", title: "A member holds two roles declared incompatible", hint: "Separate the roles or drop the incompatibility." },
  "GOV-W205": { severity: "warning", title: "A role holder has less weight than the role requires", hint: "Raise the member's weight or the role's `eligibility.min_weight`." },
  "GOV-E206": { severity: "blocking", title: "A role with zero seats", hint: "Give the role at least one seat, or omit `seats` for an open role." },
  "GOV-W207": { severity: "warning", title: "A role with seats and spending, veto or admin powers has no term", hint: "Add a `term` so that power returns to the members periodically." },
  "GOV-E300": { severity: "blocking", title: "An approval threshold of 0: nothing can be rejected", hint: "Set `approval` above 0 (0.5 for a simple majority)." },
  "GOV-E301": { severity: "blocking", title: "The quorum is above the expected turnout", hint: "Lower the quorum or raise participation: expected turnout is sum(weight x propensity) / total weight." },
  "GOV-W302": { severity: "warning", title: "Expected turnout is less than 25% above the quorum", hint: "Leave more margin: a small drop in participation stalls these decisions." },
  "GOV-W303": { severity: "warning", title: "The voting period is not longer than the voting delay", hint: "Make the voting period longer than the delay before it." },
  "GOV-W304": { severity: "warning", title: "A zero voting delay allows flash-loan capture", hint: "Add a voting delay so weight is snapshotted before anyone can borrow it." },
  "GOV-E305": { severity: "blocking", title: "A block-based clock without a block time", hint: "Set `clock.block_time` in seconds so durations can be read as time." },
  "GOV-E306": { severity: "blocking", title: "A voting period of zero", hint: "Give members time to vote." },
  "GOV-E307": { severity: "blocking", title: "More signers required than the role has seats", hint: "Lower `signers.required` or add seats to the role." },
  "GOV-E308": { severity: "blocking", title: "More signers required than the signer set holds (m > n)", hint: "Make `required` at most `of`." },
  "GOV-W309": { severity: "warning", title: "The signer set size differs from the role's seats", hint: "Make `signers.of` equal the role's seats, or drop it." },
  "GOV-W311": { severity: "warning", title: "A quorum of 0: a single vote can decide", hint: "Set a quorum that reflects the legitimacy the decision needs." },
  "GOV-E312": { severity: "blocking", title: "No member meets the proposal threshold", hint: "Lower `proposal_threshold.min_weight` or change the proposer roles." },
  "GOV-W313": { severity: "warning", title: "A decision type that authorises treasury spends has no timelock", hint: "Add a timelock so members can react before funds move." },
  "GOV-W314": { severity: "warning", title: "An approval threshold below one half: a minority of votes can pass", hint: "Use an approval of at least 0.5." },
  "GOV-E400": { severity: "blocking", title: "Two authorisation tiers cover the same amounts", hint: "Make each tier start where the previous one ends." },
  "GOV-E401": { severity: "blocking", title: "Authorisation tiers leave amounts with no decision path", hint: "Make the tiers contiguous from 0." },
  "GOV-W403": { severity: "warning", title: "The highest tier has a maximum: larger spends have no path", hint: "Leave the top tier's `max` out, or state that larger spends are prohibited." },
  "GOV-E404": { severity: "blocking", title: "A tier whose minimum is not below its maximum", hint: "Make `min` < `max`." },
  "GOV-E405": { severity: "blocking", title: "A higher tier is authorised by a weaker decision than a lower one", hint: "Authorise larger amounts by decision types at least as strict (quorum, approval, signers, timelock)." },
  "GOV-E406": { severity: "blocking", title: "Category budget shares add up to more than 1", hint: "Make the shares sum to at most 1." },
  "GOV-W407": { severity: "warning", title: "A spending limit exceeds the balance plus a year of inflows", hint: "Lower the limit; it does not constrain anything." },
  "GOV-W408": { severity: "warning", title: "A treasury with no authorisation tiers", hint: "Add tiers mapping amounts to decision types." },
  "GOV-I409": { severity: "info", title: "A treasury with no balance and no inflows", hint: "Record the expected balance or inflows so risk and simulation mean something." },
  "GOV-E500": { severity: "blocking", title: "The escalation ladder has a cycle", hint: "Make every `next` point up the ladder towards a terminal level." },
  "GOV-E501": { severity: "blocking", title: "The escalation ladder has no terminal level", hint: "Mark the final level `terminal: true`." },
  "GOV-E502": { severity: "blocking", title: "A terminal level escalates further", hint: "Remove `next` from the terminal level or make it non-terminal." },
  "GOV-W503": { severity: "warning", title: "A non-terminal level has no time limit: disputes can stall there", hint: "Set `time_limit_days`." },
  "GOV-E504": { severity: "blocking", title: "A non-terminal level with nowhere to escalate", hint: "Set `next` or mark the level terminal." },
  "GOV-W505": { severity: "warning", title: "A level no dispute can reach from the first level", hint: "Link the level into the ladder or remove it." },
  "GOV-W600": { severity: "warning", title: "Incentive weights do not add up to 1", hint: "Make the enabled mechanisms' weights sum to 1." },
  "GOV-W601": { severity: "warning", title: "Incentives are enabled but no mechanism is defined", hint: "Add mechanisms or disable incentives." },
  "GOV-E610": { severity: "blocking", title: "Delegations exist although delegation is not allowed", hint: "Allow delegation or remove the edges." },
  "GOV-E611": { severity: "blocking", title: "The delegation graph has a cycle", hint: "Break the cycle: weight must flow to a final delegate." },
  "GOV-E612": { severity: "blocking", title: "A delegation chain is deeper than allowed", hint: "Shorten the chain or raise `max_depth`." },
  "GOV-E613": { severity: "blocking", title: "A member delegates more than all of their weight", hint: "Make each member's delegated shares sum to at most 1." },
  "GOV-E700": { severity: "blocking", title: "An amendment rule is weaker than the rule of a clause it may change", hint: "Amend a clause only by a decision type at least as strict as the one the clause requires." },
  "GOV-E701": { severity: "blocking", title: "An entrenched clause is amendable by a simple majority", hint: "Amend entrenched clauses only by a supermajority (approval above 0.5)." },
  "GOV-W702": { severity: "warning", title: "An entrenched clause has no amendment path", hint: "Add an amendment rule for it, or state that it is eternal." },
  "GOV-W703": { severity: "warning", title: "A clause no amendment rule may change", hint: "Cover the clause with an amendment rule." },
  "GOV-I705": { severity: "info", title: "No clause is entrenched: the constitution protects no invariant", hint: "Entrench the clauses that must survive a hostile majority." },
  "GOV-W706": { severity: "warning", title: "A clause with no text", hint: "Write the clause's text." },
  "GOV-E800": { severity: "blocking", title: "A composition reference without a fingerprint", hint: "Pin every referenced component by the fingerprint of its published configuration." },
  "GOV-E801": { severity: "blocking", title: "A fingerprint that is not `sha256:` followed by 64 hex digits (or 64 hex digits)", hint: "Copy the fingerprint exactly as the component publishes it." },
  "GOV-E803": { severity: "blocking", title: "A basic service is listed twice", hint: "List each basic service at most once." },
  "GOV-W804": { severity: "warning", title: "A confluence spans fewer than two components", hint: "A confluence crosses citizens: span at least two, or model it as an organism." },
  "GOV-E811": { severity: "blocking", title: "A trust domain names a node missing from the topology", hint: "Add the node under `mesh.nodes` or remove it from the domain." },
  "GOV-W812": { severity: "warning", title: "A mesh node with no connection", hint: "Connect the node or remove it." },
  "GOV-W813": { severity: "warning", title: "A trust domain with no policy rules", hint: "Add the rules the domain enforces." },
  "GOV-I814": { severity: "info", title: "A mesh with no hub: nobody may propose policy changes", hint: "Make at least one node a hub." },
  "GOV-I815": { severity: "info", title: "A mesh node in no trust domain", hint: "Place the node in a trust domain." },
  "GOV-E900": { severity: "blocking", title: "An alert threshold that comes before its watch threshold", hint: "For participation density alert < watch; for every other score watch < alert." },
  "GOV-W956": { severity: "warning", title: "An alert threshold is looser than the default: alerts are silenced", hint: "Keep alert thresholds at most as loose as the defaults (`docs/risk-model.md`), or remove the override." },
  "GOV-E950": { severity: "blocking", title: "Minting or a transfer of control passes by a simple majority", hint: "Put mint and control transfer under a supermajority (approval above 0.5) with an absolute threshold, or remove the power." },
  "GOV-E951": { severity: "blocking", title: "Transferable voting weight is read live: borrowed or flash-loaned weight votes", hint: "Read weight at a snapshot (`voting_weight.weight_snapshot`: `proposal_created`), so only weight held before the proposal counts." },
  "GOV-E952": { severity: "blocking", title: "An upgrade executes before users can exit: the timelock is shorter than the exit window", hint: "Make the timelock of decision types with upgrade or arbitrary-execution powers at least the exit window." },
  "GOV-E953": { severity: "blocking", title: "The acquirable shares of voting weight add up to more than the supply", hint: "Make `circulating + locked` and `borrowable + locked` at most 1." },
  "GOV-W950": { severity: "warning", title: "Arbitrary execution or a contract upgrade with no veto holder and no signers", hint: "Give a guardian or a council a veto during the timelock (`veto`), or require signers from a fixed body, so a malicious proposal can be stopped." },
  "GOV-W951": { severity: "warning", title: "The top treasury tier is reachable by the ordinary decision type", hint: "Authorise the top tier by a decision type stricter than routine proposals (quorum, approval, signers or timelock)." },
  "GOV-W952": { severity: "warning", title: "A route to the top treasury tier has neither signers nor a veto holder", hint: "Require signers from a fixed body on every route to the top tier, or give a guardian or council a veto." },
  "GOV-W953": { severity: "warning", title: "Transferable voting weight with no snapshot rule", hint: "Declare `voting_weight.weight_snapshot` (`proposal_created` is safest)." },
  "GOV-W954": { severity: "warning", title: "A council with upgrade or emergency powers is below the bar (8 members, 75% threshold, outside members able to block)", hint: "Give the council at least 8 seats, a threshold of at least 75%, and enough independent or outside members to block it." },
  "GOV-W955": { severity: "warning", title: "A council's insiders alone meet its signing threshold", hint: "Raise the threshold or seat more independent or outside members, so insiders cannot act alone." },
  "GOV-W960": { severity: "warning", title: "Token-weighted decisions execute less than a day after adoption", hint: "Set a timelock of at least one day so holders can react to a malicious proposal." },
  "GOV-W961": { severity: "warning", title: "Token-weighted voting starts within two days of a proposal", hint: "Set a voting delay above two days so holders can see a proposal before weight is counted." },
  "GOV-W962": { severity: "warning", title: "A token-weighted vote lasts less than seven days", hint: "Give votes at least seven days so a quiet majority can answer." },
  "GOV-W963": { severity: "warning", title: "The proposal threshold is below 0.1% of the market supply", hint: "Raise `proposal_threshold.min_weight` against the circulating supply an outsider could buy." },
  "GOV-W964": { severity: "warning", title: "No veto held by the DAO or a council over token-weighted decisions", hint: "Add a `veto` by a council or by the token holders during the timelock." },
  "GOV-W965": { severity: "warning", title: "Votes cannot be changed once cast", hint: "Allow vote changes (`vote_change_allowed: true`) so voters misled early can correct their vote." },
  "GOV-W966": { severity: "warning", title: "A few of the heaviest voters can elect a majority of a multi-seat body", hint: "Elect the body by single transferable vote (seats in proportion to blocs), cap a voter's weight in elections, or stagger the seats." },
  "GOV-W967": { severity: "warning", title: "One delegate votes more than half of the weight expected to vote", hint: "Cap what one delegate may hold (a share of the expected turnout, not of all weight), or let delegations expire." },
  "GOV-W968": { severity: "warning", title: "Borrowable or custodial stake that counts where it is voted exceeds half of the weight expected to vote", hint: "Read weight at a snapshot before the proposal (`proposal_created`), so lent and custodial stake cannot be voted by whoever holds it on the day." },
  "GOV-I950": { severity: "info", title: "A capture analysis assumed a default the design does not state", hint: "Declare `voting_weight` (snapshot, transferability, acquirable shares) so the analysis reads the design, not a default." },
  "GOV-I951": { severity: "info", title: "A council member's affiliation is unknown: assumed insider", hint: "Declare each holder's affiliation under the role's `affiliation`." },
} as const;

/** A validation rule's code. */
export type RuleCode = keyof typeof RULES;
