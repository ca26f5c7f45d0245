// The mock backend's compiled tables, risk scores and lineage: shaped exactly like the engine's
// (crates/engine/src/compile/, risk/), computed more simply. The tables and the lineage follow
// the engine's rules; the scores are simplified formulas, good enough to exercise the views.
import type {
  Action,
  Blocked,
  CompiledView,
  Grant,
  Level,
  Lineage,
  LineageEdge,
  LineageKind,
  LineageNode,
  ResourceNode,
  Rung,
  Score,
  ScoreName,
  Scores,
  SignerRule,
  Thresholds,
  Tier,
} from "./types";

type O = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ACTIONS: Action[] = ["propose", "vote", "sign", "execute", "veto", "amend", "appoint", "remove", "spend", "escalate", "decide", "delegate", "view", "administer"];
const arr = (v: unknown): O[] => (Array.isArray(v) ? (v as O[]) : []);

function clauses(gco: O): O[] {
  return arr(gco.constitution?.articles).flatMap((a) => arr(a.clauses));
}

/** Every resource of a design with its containers (a port of `matrix::resources`). */
export function mockResources(gco: O): ResourceNode[] {
  const out: ResourceNode[] = [];
  const add = (id: string, kind: string, parents: string[] = []) => {
    if (out.some((r) => r.id === id)) return;
    out.push(parents.length ? { id, kind, parents } : { id, kind });
  };
  add("members", "members");
  for (const d of ["treasury", "constitution", "escalation", "delegation", "incentives", "composition", "mesh"]) if (gco[d]) add(d, d);
  for (const c of arr(gco.treasury?.categories)) add(`treasury/${c.id}`, "treasury", ["treasury"]);
  for (const d of arr(gco.decision_types)) add(`decision/${d.id}`, "decision");
  for (const r of arr(gco.roles)) add(`role/${r.id}`, "role");
  for (const a of arr(gco.constitution?.articles)) add(`constitution/${a.id}`, "constitution", ["constitution"]);
  for (const a of arr(gco.constitution?.articles)) for (const c of arr(a.clauses)) add(`constitution/${c.id}`, "constitution", [`constitution/${a.id}`]);
  for (const l of arr(gco.escalation?.levels)) add(`escalation/${l.id}`, "escalation", ["escalation"]);
  for (const n of arr(gco.mesh?.nodes)) add(`mesh/${n.id}`, "mesh", ["mesh"]);
  for (const r of arr(gco.resources)) add(`resource/${r.id}`, "resource");
  return out;
}

function signerRule(gco: O, s: O | undefined): SignerRule | null {
  if (!s) return null;
  const seats = arr(gco.roles).find((r) => r.id === s.role)?.seats;
  return { role: s.role, required: s.required, of: s.of ?? seats ?? null };
}

/** The compiled tables of a design without blocking findings; `blocking` lists the codes when it has some. */
export function mockCompiled(gco: O, blocking: string[]): CompiledView {
  if (blocking.length) {
    const codes = [...new Set(blocking)].sort();
    const blocked: Blocked = { code: "GOV-P001", message: `${blocking.length} blocking finding(s) (${codes.join(", ")}): not compiled`, blocking: codes };
    return { source: null, blocked, matrix: null, thresholds: [], tiers: [], ladder: [] };
  }
  const resources = mockResources(gco);
  const covered = (start: string): string[] => {
    const seen: string[] = [];
    const stack = [start];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.includes(id)) continue;
      seen.push(id);
      for (const r of resources) if (r.parents?.includes(id)) stack.push(r.id);
    }
    return seen;
  };
  const grants: Grant[] = [];
  for (const role of arr(gco.roles)) {
    const cells = new Map<string, Grant>();
    for (const p of arr(role.permissions)) {
      if (!resources.some((r) => r.id === p.resource)) continue;
      for (const id of covered(p.resource)) {
        const key = `${ACTIONS.indexOf(p.action)}:${resources.findIndex((r) => r.id === id)}`;
        if (!cells.has(key)) cells.set(key, { role: role.id, action: p.action, resource: id, via: p.resource });
      }
    }
    const sorted = [...cells.entries()].sort(([a], [b]) => {
      const [a1, a2] = a.split(":").map(Number), [b1, b2] = b.split(":").map(Number);
      return a1 - b1 || a2 - b2;
    });
    grants.push(...sorted.map(([, g]) => g));
  }
  const thresholds: Thresholds[] = arr(gco.decision_types).map((d) => ({
    decision_type: d.id,
    quorum: d.quorum,
    approval: d.approval,
    voting_delay: d.voting_delay ?? 0,
    voting_period: d.voting_period ?? 0,
    timelock: d.timelock ?? 0,
    signers: signerRule(gco, d.signers),
    clock: d.clock?.kind === "blocks" ? { kind: "blocks", seconds_per_unit: d.clock.block_time ?? 0 } : { kind: "time", seconds_per_unit: 1 },
  }));
  const tiers: Tier[] = arr(gco.treasury?.tiers)
    .map((t) => ({
      id: t.id,
      min: t.min,
      max: t.max ?? null,
      currency: gco.treasury.currency,
      decision_type: t.decision_type,
      decision_signers: signerRule(gco, arr(gco.decision_types).find((d) => d.id === t.decision_type)?.signers),
      tier_signers: signerRule(gco, t.signers),
    }))
    .sort((a, b) => a.min - b.min || a.id.localeCompare(b.id));
  const levels = arr(gco.escalation?.levels);
  const order: number[] = [];
  for (let at = levels.length ? 0 : -1; at >= 0 && !order.includes(at); ) {
    order.push(at);
    at = levels.findIndex((l) => l.id === levels[at].next);
  }
  levels.forEach((_, i) => order.includes(i) || order.push(i));
  const ladder: Rung[] = order.map((i, k) => {
    const l = levels[i];
    const by = l.decided_by ?? {};
    return {
      step: k + 1,
      level: l.id,
      decided_by: by.role ? `role:${by.role}` : by.decision_type ? `decision_type:${by.decision_type}` : `external:${by.body}`,
      time_limit_days: l.time_limit_days ?? null,
      next: l.next ?? null,
      terminal: !!l.terminal,
    };
  });
  return {
    source: { instance: gco.identity?.name ?? "", version: gco.identity?.version ?? "", fingerprint: "sha256:mock" },
    blocked: null,
    matrix: { roles: arr(gco.roles).map((r) => r.id), actions: ACTIONS, resources, grants },
    thresholds,
    tiers,
    ladder,
  };
}

/** The six scores, in presentation order, with the engine's units, ranges and default thresholds. */
export const SCORE_SPECS: { name: ScoreName; unit: string; range: [number, number]; watch: number; alert: number }[] = [
  { name: "authority_concentration", unit: "hhi", range: [0, 1], watch: 0.15, alert: 0.25 },
  { name: "governance_capture_risk", unit: "share", range: [0, 1], watch: 0.6, alert: 0.8 },
  { name: "treasury_centralisation", unit: "share_per_member", range: [0, 1], watch: 0.3, alert: 0.5 },
  { name: "participation_density", unit: "ratio", range: [0, 10], watch: 1.5, alert: 1.25 },
  { name: "delegation_cascade_risk", unit: "share", range: [0, 1], watch: 0.1, alert: 0.25 },
  { name: "constitutional_drift", unit: "distance", range: [0, 1], watch: 0.2, alert: 0.5 },
];

const round6 = (v: number) => (Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : 0);

/** Simplified scores: HHI of weight, the smallest weight share that meets the strictest
 *  quorum × approval, one over the smallest signer requirement, mean propensity over quorum, no
 *  delegation, and the share of changed top-level domains since `previous`. */
export function mockScores(gco: O, previous: O | null): Scores {
  const members = arr(gco.members?.explicit);
  const weights = members.map((m) => (typeof m.weight === "number" ? m.weight : 1));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const hhi = weights.reduce((a, w) => a + (w / total) ** 2, 0);
  const dts = arr(gco.decision_types);
  const capture = Math.min(1, 1 - Math.min(...dts.map((d) => d.quorum * d.approval), 1));
  const required = arr(gco.treasury?.tiers).map((t) => t.signers?.required ?? dts.find((d) => d.id === t.decision_type)?.signers?.required ?? 0).filter((n) => n > 0);
  const treasury = required.length ? 1 / Math.max(...required) : 0;
  const turnout = members.length ? members.reduce((a, m) => a + (m.propensity ?? 0.5), 0) / members.length : 0;
  const density = Math.min(10, turnout / Math.max(0.01, Math.max(...dts.map((d) => d.quorum), 0.01)));
  const keys = [...new Set([...Object.keys(gco), ...Object.keys(previous ?? {})])].filter((k) => k !== "identity");
  const drift = previous ? keys.filter((k) => JSON.stringify(gco[k]) !== JSON.stringify(previous[k])).length / Math.max(1, keys.length) : 0;
  const values = [hhi, capture, treasury, density, 0, drift];
  const explain = [
    `HHI of voting weight over ${members.length} members`,
    `the strictest decision type needs ${(100 * (1 - capture)).toFixed(0)}% of weight`,
    required.length ? `the top tier needs ${Math.max(...required)} signers` : "no signer rule on the treasury",
    `expected turnout ${(100 * turnout).toFixed(0)}% against the highest quorum`,
    "no delegation",
    previous ? `${(100 * drift).toFixed(0)}% of domains changed since ${previous.identity?.version}` : "no earlier version to compare",
  ];
  const scores: Score[] = SCORE_SPECS.map((s, i) => {
    const value = round6(values[i]);
    const worse = s.name !== "participation_density";
    const past = (bar: number) => (worse ? value >= bar : value <= bar);
    const level: Level = past(s.alert) ? "alert" : past(s.watch) ? "watch" : "ok";
    return { name: s.name, value, unit: s.unit, range: s.range, higher_is_worse: worse, threshold: { watch: s.watch, alert: s.alert }, level, explanation: explain[i], details: {} };
  });
  return {
    model_version: "cogov-risk/2",
    source: { instance: gco.identity?.name ?? "", version: gco.identity?.version ?? "", fingerprint: "sha256:mock" },
    ratified: previous?.identity?.version ?? null,
    scores,
  };
}

// The lineage tables, as in crates/engine/src/compile/lineage.rs.
const DOCUMENTS: [string, string][] = [
  ["constitution_draft", "Constitution draft"],
  ["role_registry", "Role registry"],
  ["decision_protocol", "Decision protocol"],
  ["treasury_policy", "Treasury policy"],
  ["accountability_specification", "Accountability specification"],
  ["network_graph_schema", "Network graph schema"],
  ["incentive_model", "Incentive model"],
  ["deployment_checklist", "Deployment checklist"],
];
const ARTIFACTS: [string, string[]][] = [
  ["permission_matrix.json", ["roles", "members", "decision_types", "treasury", "constitution", "escalation", "delegation", "incentives", "composition", "mesh", "resources"]],
  ["access_control.json", ["permission_matrix.json"]],
  ["proposal_types.json", ["decision_types", "treasury", "constitution", "roles", "escalation"]],
  ["decision_thresholds.json", ["decision_types", "roles"]],
  ["treasury_tiers.json", ["treasury", "decision_types", "roles"]],
  ["escalation_ladder.json", ["escalation"]],
  ["incentives.json", ["incentives"]],
  ["policy_objects.json", ["roles", "treasury", "constitution", "delegation", "mesh"]],
  ["execution_rules.json", ["decision_types", "roles", "treasury_tiers.json"]],
  ["policies.cedar", ["roles", "permission_matrix.json"]],
  ["cedar.schema.json", ["identity"]],
  ["cedar.entities.json", ["permission_matrix.json", "members", "roles"]],
];
const DOCUMENT_INPUTS: [string, string[]][] = [
  ["constitution_draft", ["identity", "constitution", "decision_types"]],
  ["role_registry", ["roles", "members", "access_control.json"]],
  ["decision_protocol", ["proposal_types.json", "decision_thresholds.json", "execution_rules.json"]],
  ["treasury_policy", ["treasury", "treasury_tiers.json", "policy_objects.json"]],
  ["accountability_specification", ["escalation_ladder.json", "alert_thresholds", "policy_objects.json"]],
  ["network_graph_schema", ["members", "roles", "composition", "mesh"]],
  ["incentive_model", ["incentives.json"]],
  ["deployment_checklist", ["manifest.json", "policies.cedar", "access_control.json"]],
];
const inputId = (n: string) => (n.includes(".") ? `artifact:${n}` : `domain:${n}`);

/** The lineage graph (a port of `compile::lineage::lineage`). */
export function mockLineage(gco: O): Lineage {
  const nodes: LineageNode[] = [];
  const edges: LineageEdge[] = [];
  const node = (id: string, label: string, kind: LineageKind) => nodes.push({ id, label, kind, layer: 0 });
  const present: [string, boolean][] = [
    ["identity", true],
    ["members", true],
    ["roles", arr(gco.roles).length > 0],
    ["decision_types", arr(gco.decision_types).length > 0],
    ["treasury", !!gco.treasury],
    ["escalation", !!gco.escalation],
    ["incentives", !!gco.incentives],
    ["delegation", !!gco.delegation],
    ["constitution", !!gco.constitution],
    ["composition", !!gco.composition],
    ["mesh", !!gco.mesh],
    ["resources", arr(gco.resources).length > 0],
    ["alert_thresholds", true],
  ];
  for (const [d, p] of present) if (p) node(`domain:${d}`, d, "domain");
  for (const c of clauses(gco)) node(`clause:${c.id}`, c.id, "clause");
  const artifacts = ARTIFACTS.filter(([f]) => f !== "incentives.json" || gco.incentives?.enabled);
  for (const [f] of artifacts) node(`artifact:${f}`, f, "artifact");
  node("artifact:manifest.json", "manifest.json", "artifact");
  for (const [id, title] of DOCUMENTS) node(`document:${id}`, title, "document");
  const ids = new Set(nodes.map((n) => n.id));
  const feed = (source: string, target: string) => {
    if (ids.has(source) && ids.has(target) && !edges.some((e) => e.source === source && e.target === target)) edges.push({ id: `${source}->${target}`, source, target });
  };
  const amended = arr(gco.constitution?.amendment_rules).flatMap((r) => (Array.isArray(r.clauses) ? (r.clauses as string[]) : []));
  const clauseEdges: [string, string][] = [];
  for (const c of clauses(gco)) {
    const id = `clause:${c.id}`;
    if (c.decision_type || amended.includes(c.id)) clauseEdges.push([id, "artifact:proposal_types.json"]);
    if (c.entrenched) clauseEdges.push([id, "artifact:policy_objects.json"]);
    clauseEdges.push([id, "document:constitution_draft"]);
  }
  const feedAll = (target: string, inputs: string[]) => {
    for (const i of inputs) feed(inputId(i), target);
    for (const [s, t] of clauseEdges) if (t === target) feed(s, t);
  };
  for (const [f, inputs] of artifacts) feedAll(`artifact:${f}`, inputs);
  for (const [f] of artifacts) feed(`artifact:${f}`, "artifact:manifest.json");
  for (const [d, inputs] of DOCUMENT_INPUTS) feedAll(`document:${d}`, inputs);
  const layer = new Map<string, number>();
  for (const n of nodes) {
    const ins = edges.filter((e) => e.target === n.id).map((e) => (layer.get(e.source) ?? 0) + 1);
    n.layer = Math.max(0, ...ins);
    layer.set(n.id, n.layer);
  }
  return { nodes, edges, depth: Math.max(0, ...nodes.map((n) => n.layer)) };
}
