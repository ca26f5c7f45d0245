// The in-memory backend: unit tests, and `npm run dev` in a plain browser. Its answers are
// shaped exactly like the engine's; `validate` really parses the JSON and runs a handful of
// the engine's rules so that the UI's logic can be exercised end to end.
import schemaJson from "@schemas/gco.schema.json";
import { BackendError, type Backend } from "./backend";
import { MOCK_DESIGN } from "./mock-design";
import harbourViews from "./fixtures/harbour-commons.views.json";
import tokenDaoViews from "./fixtures/token-dao.views.json";
import workerCoopViews from "./fixtures/worker-coop.views.json";
import tokenDao from "@examples/token-dao.json";
import workerCoop from "@examples/worker-coop.json";
import { buildTopology } from "./mock-topology";
import { MockStore } from "./mock-store";
import { mockCompiled, mockLineage, mockScores } from "./mock-insight";
import { mockAttackResult, mockCapture } from "./mock-capture";
import { mockCharts, mockReport, mockSetup } from "./mock-whatif";
import { mockCellDesign, mockSweep, mockSweepSetup } from "./mock-sweep";
import { MockExport, mockDocuments } from "./mock-export";
import { MockHandles } from "./mock-handles";
import { jsonErrorOffset, lineColumn } from "../json/pointer";
import { RULES, type RuleCode } from "../bindings/ipc";
import type {
  ExampleInfo,
  Finding,
  Graph,
  Members,
  BuildOutcome,
  BuildRecord,
  CommitOutcome,
  CommitPlan,
  InstanceSummary,
  ProposalView,
  StoreInfo,
  VersionDiff,
  VersionRecord,
  OnboardingView,
  Question,
  Report,
  Severity,
  Validation,
  Case,
  Event,
  Metrics,
  ReleaseRecord,
  Releases,
  RiskView,
  CaptureView,
  CompiledView,
  Lineage,
  VersionScores,
  SavedWhatif,
  SweepCell,
  SweepProgress,
  SweepRecord,
  SweepRun,
  SweepSetup,
  SimulationRecord,
  WhatifProgress,
  WhatifRun,
  WhatifSetup,
  DocumentsView,
  KeyInfo,
  BundleView,
  BuildStep,
  VerifyView,
  TargetView,
  FileRef,
  Purpose,
  InteropKind,
  ImportView,
  ExportPreview,
  ExportWritten,
  Recovery,
} from "./types";

type O = Record<string, any>;
type JsonValue = import("../bindings/ipc").JsonValue; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One question of a mock onboarding script. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** One question of a mock script: the engine's `Question` (generated), where the script-only
 *  fields are optional and `when` is a function of the answers so far. */
export type MockScriptQuestion = DistributiveOmit<Question, "when" | "section" | "places" | "default" | "defaults_when" | "next" | "remarks"> & {
  section?: string;
  places?: string[];
  default?: JsonValue;
  /** Asked only when this holds for the answers so far. */
  when?: (answers: Record<string, unknown>) => boolean;
  /** Writes the answer into the forming GCO. */
  apply?: (gco: O, value: unknown, answers: Record<string, unknown>) => void;
};

export interface MockOptions {
  script?: MockScriptQuestion[];
  /** Extra example designs, id → JSON text. */
  examples?: Record<string, string>;
  /** Simulated latency of every call, in ms (0: resolve on the next microtask). */
  latencyMs?: number;
  /** Load the workspace's examples/*.json (true by default outside tests). */
  workspaceExamples?: boolean;
  /** Simulated time per simulation run (scenario and baseline), in ms: progress and cancel. */
  simMsPerRun?: number;
}

interface MockOnboardingState {
  answers: [string, unknown][];
}

/** The systems of `interop_kinds`, as the engine lists them. */
const INTEROP_KINDS: InteropKind[] = [
  { kind: "snapshot", label: "Snapshot space", imports: true, exports: true },
  { kind: "governor", label: "OpenZeppelin Governor + timelock", imports: true, exports: true },
  { kind: "bravo", label: "GovernorBravo parameters", imports: true, exports: false },
  { kind: "safe", label: "Safe + Zodiac Roles", imports: true, exports: true },
  { kind: "aragon", label: "Aragon OSx plugins", imports: true, exports: true },
  { kind: "daoip2", label: "DAOIP-2 daoURI", imports: false, exports: true },
];
const ORG_KINDS = ["dao", "cooperative", "foundation", "federation", "network", "association", "company", "public_body", "other"];
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const TOP_LEVEL = new Set(Object.keys((schemaJson as O).properties));
/** Σ rule weights of the engine's catalogue (54 blocking × 10 + 27 warnings × 3 + 9 info × 1). */
const TOTAL_RULE_WEIGHT = 630;
const WEIGHT: Record<Severity, number> = { blocking: 10, warning: 3, info: 1 };

export function slugify(s: string): string {
  const slug = s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
  return slug || "my-governance";
}

/** The mock's default script: the shape of `cogov onboard`, shortened. */
export const DEFAULT_SCRIPT: MockScriptQuestion[] = [
  {
    id: "name",
    kind: "text",
    min_length: 1,
    max_length: 200,
    prompt: "What is the organisation called?",
    why: "The name becomes the design's identity and its stable slug; everything you export carries it.",
    apply: (g, v) => {
      g.identity.display_name = v;
      g.identity.name = slugify(String(v));
    },
  },
  {
    id: "kind",
    kind: "choice",
    prompt: "What kind of organisation is it?",
    why: "The kind sets sensible defaults: a cooperative votes one member, one vote; a DAO weighs votes by tokens.",
    default: "cooperative",
    options: [
      { value: "cooperative", label: "Cooperative", explain: "Owned by its members, one member one vote." },
      { value: "dao", label: "DAO", explain: "Token-weighted voting on chain." },
      { value: "foundation", label: "Foundation", explain: "A board stewards a mission and its funds." },
      { value: "federation", label: "Federation", explain: "Independent operators decide together." },
    ],
    apply: (g, v) => {
      g.identity.kind = v;
    },
  },
  {
    id: "holders",
    kind: "integer",
    prompt: "About how many token holders are there?",
    why: "Turnout in token votes is usually low: the number of holders tells how reachable a quorum is.",
    default: 1000,
    min: 1,
    max: 10000000,
    when: (a) => a.kind === "dao",
    apply: (g, v) => {
      g.members = {
        explicit: [],
        population: {
          count: v,
          seed: 1,
          weight: { kind: "lognormal", mu: 3, sigma: 1.5 },
          propensity: { kind: "beta", alpha: 1, beta: 4 },
          roles: ["holder"],
        },
      };
    },
  },
  {
    id: "members",
    kind: "integer",
    prompt: "How many members are there today?",
    why: "With one member, one vote, the quorum is a head count: it has to be reachable on an ordinary week.",
    default: 12,
    min: 1,
    max: 100000,
    when: (a) => a.kind !== "dao",
    apply: (g, v) => {
      g.members = {
        explicit: [],
        population: {
          count: v,
          seed: 1,
          weight: { kind: "constant", value: 1 },
          propensity: { kind: "uniform", min: 0.5, max: 0.95 },
          roles: ["member"],
        },
      };
    },
  },
  {
    id: "quorum",
    kind: "number",
    prompt: "What share of the votes must take part for a decision to count?",
    why: "Too high and decisions stall when people are busy; too low and a small group decides for everyone.",
    default: 0.3,
    min: 0,
    max: 1,
    apply: (g, v) => {
      g.decision_types[0].quorum = v;
    },
  },
  {
    id: "approval",
    kind: "choice",
    prompt: "How large a majority should pass an ordinary decision?",
    why: "Higher thresholds protect minorities but make change slower.",
    default: "simple_majority",
    // Option values are ids, as the script's schema requires; the assembler maps them to numbers.
    options: [
      { value: "simple_majority", label: "Simple majority (50%)", explain: "The usual rule for day-to-day matters." },
      { value: "two_thirds", label: "Two thirds", explain: "For decisions that should carry broad support." },
      { value: "three_quarters", label: "Three quarters", explain: "Close to consensus; slow but stable." },
    ],
    apply: (g, v) => {
      g.decision_types[0].approval = ({ simple_majority: 0.5, two_thirds: 0.6667, three_quarters: 0.75 } as Record<string, number>)[String(v)] ?? 0.5;
    },
  },
  {
    id: "treasury",
    kind: "yes_no",
    prompt: "Does the organisation hold shared funds?",
    why: "Money is where governance is tested first: who may spend how much, and with whose signature.",
    default: true,
    apply: (g, v) => {
      if (v) g.treasury = { currency: "EUR", balance: 0, categories: [{ id: "operations", name: "Operations" }], tiers: [{ id: "all", min: 0, decision_type: "general" }] };
    },
  },
  {
    id: "currency",
    kind: "text",
    min_length: 1,
    max_length: 200,
    prompt: "In which currency or token are the funds held?",
    why: "Limits and tiers are read in this unit.",
    default: "EUR",
    when: (a) => a.treasury === true,
    apply: (g, v) => {
      if (g.treasury) g.treasury.currency = v;
    },
  },
  {
    id: "principles",
    kind: "list",
    min_items: 1,
    max_items: 100,
    item_max_length: 200,
    prompt: "Which principles must survive even a hostile majority?",
    why: "These become entrenched clauses of the constitution: they change only by a supermajority.",
    default: ["Membership is open to all who share the purpose."],
    apply: (g, v) => {
      const list = (v as string[]) ?? [];
      g.constitution = {
        articles: [
          {
            id: "principles",
            title: "Principles",
            clauses: list.map((text, i) => ({ id: `principle-${i + 1}`, text, entrenched: true })),
          },
        ],
        amendment_rules: [],
      };
    },
  },
];

function baseGco(): O {
  return {
    identity: { name: "my-governance", kind: "cooperative", version: "0.1.0" },
    members: { explicit: [] },
    roles: [{ id: "member", name: "Member", permissions: [{ action: "vote", resource: "decision/general" }] }],
    decision_types: [{ id: "general", name: "General vote", quorum: 0.3, approval: 0.5, voting_delay: 86400, voting_period: 604800 }],
  };
}

/** Checks an answer against its question; returns why it is refused, or null. */
export function refuse(q: Question, v: unknown): string | null {
  switch (q.kind) {
    case "text":
      return typeof v === "string" && v.trim() ? null : "Please write an answer.";
    case "number":
    case "integer": {
      if (typeof v !== "number" || !Number.isFinite(v)) return "Please enter a number.";
      if (q.kind === "integer" && !Number.isInteger(v)) return "Please enter a whole number.";
      if (q.min != null && v < q.min) return `The answer must be at least ${q.min}.`;
      if (q.max != null && v > q.max) return `The answer must be at most ${q.max}.`;
      return null;
    }
    case "choice":
      return q.options?.some((o) => JSON.stringify(o.value) === JSON.stringify(v)) ? null : "Please choose one of the options.";
    case "yes_no":
      return typeof v === "boolean" ? null : "Please answer yes or no.";
    case "list":
      return Array.isArray(v) && v.every((x) => typeof x === "string") ? null : "Please give a list of lines.";
  }
  return null;
}

function syntaxError(text: string, e: unknown): BackendError {
  const msg = e instanceof Error ? e.message : String(e);
  const off = jsonErrorOffset(text) ?? text.length;
  const { line, column } = lineColumn(text, off);
  const near = text.slice(off, off + 12).split("\n")[0];
  const detail = /end of JSON input/i.test(msg) || off >= text.length ? "unexpected end of input" : near ? `unexpected \`${near}\`` : "unexpected input";
  return new BackendError("GOV-X005", `line ${line}, column ${column}: ${detail}`);
}

/** What the real engine answers for one design (generated by src-tauri/tests/mock_fixtures.rs). */
export interface EngineViews {
  validation: Validation;
  topology: Graph;
  compiled: CompiledView;
  lineage: Lineage;
  capture: CaptureView;
  risk: RiskView;
}

/** The fixture designs, by their canonical JSON; built on first use. */
let FIXTURES: Map<string, EngineViews> | null = null;

/** The real engine's answers for `design` when it is one of the fixture designs (as parsed:
 *  key order and spacing do not matter), else null and the mock answers on its own. */
export function engineViews(design: unknown): EngineViews | null {
  if (!FIXTURES) {
    FIXTURES = new Map<string, EngineViews>([
      [canonical(MOCK_DESIGN), harbourViews as unknown as EngineViews],
      [canonical(tokenDao), tokenDaoViews as unknown as EngineViews],
      [canonical(workerCoop), workerCoopViews as unknown as EngineViews],
    ]);
  }
  const found = FIXTURES.get(canonical(design));
  return found ? structuredClone(found) : null;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return "[" + v.map(canonical).join(",") + "]";
  if (v && typeof v === "object") {
    const o = v as O;
    return "{" + Object.keys(o).filter((k) => k !== "$schema").sort().map((k) => JSON.stringify(k) + ":" + canonical(o[k])).join(",") + "}";
  }
  return JSON.stringify(v);
}

async function fingerprint(v: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonical(v));
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const d = new Uint8Array(await subtle.digest("SHA-256", bytes));
    return "sha256:" + Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return "sha256:" + h.toString(16).padStart(8, "0").repeat(8);
}

/** A few of the engine's rules, enough to exercise the UI. */
export function mockFindings(g: O): Finding[] {
  const out: Finding[] = [];
  // Severity and hint come from the one catalogue (generated into ipc.ts), never spelled here.
  const add = (code: RuleCode, path: string, message: string) => {
    const rule = RULES[code];
    out.push({ code, severity: rule.severity, path, message, hint: rule.hint });
  };
  for (const k of Object.keys(g)) if (!TOP_LEVEL.has(k)) add("GOV-E001", `/${k}`, `unknown field \`${k}\``);
  const id = g.identity;
  if (!id || typeof id !== "object") add("GOV-E003", "/identity", "missing required field `identity`");
  else {
    if (typeof id.name !== "string") add("GOV-E003", "/identity/name", "missing required field `name`");
    else if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id.name)) add("GOV-E006", "/identity/name", `\`${id.name}\` is not a lowercase slug`);
    if (!ORG_KINDS.includes(id.kind)) add("GOV-E005", "/identity/kind", `\`${id.kind}\` is not one of the organisation kinds`);
    if (typeof id.version !== "string" || !SEMVER.test(id.version)) add("GOV-E006", "/identity/version", `\`${id.version}\` is not a semantic version`);
    else if (id.version.startsWith("0.") || id.version.includes("-")) add("GOV-I021", "/identity/version", `version ${id.version} is a pre-release`);
  }
  const explicit: O[] = Array.isArray(g.members?.explicit) ? g.members.explicit : [];
  if (!explicit.length && !g.members?.population) add("GOV-E010", "/members", "no members: neither an explicit list nor a population");
  const roles: O[] = Array.isArray(g.roles) ? g.roles : [];
  const roleIds = new Set(roles.map((r) => r.id));
  const seen = new Set<string>();
  let total = 0;
  let cast = 0;
  explicit.forEach((m, i) => {
    const p = `/members/explicit/${i}`;
    if (seen.has(m.id)) add("GOV-E020", `${p}/id`, `duplicate member id \`${m.id}\``);
    seen.add(m.id);
    if (typeof m.weight !== "number" || m.weight < 0) add("GOV-E004", `${p}/weight`, "weight must be a number ≥ 0");
    if (typeof m.propensity !== "number" || m.propensity < 0 || m.propensity > 1) add("GOV-E004", `${p}/propensity`, "propensity must be in [0, 1]");
    (m.roles ?? []).forEach((r: string, j: number) => {
      if (!roleIds.has(r)) add("GOV-E030", `${p}/roles/${j}`, `member \`${m.id}\` holds unknown role \`${r}\``);
    });
    const w = Number(m.weight) || 0;
    total += w;
    cast += w * (Number(m.propensity) || 0);
  });
  explicit.forEach((m, i) => {
    if (total > 0 && (Number(m.weight) || 0) > total / 2 && explicit.length > 1)
      add("GOV-W104", `/members/explicit/${i}/weight`, `\`${m.id}\` holds more than half of the voting weight`);
  });
  if (!roles.length) add("GOV-E011", "/roles", "no roles are defined");
  roles.forEach((r, i) => {
    if (!Array.isArray(r.permissions) || !r.permissions.length) add("GOV-W202", `/roles/${i}/permissions`, `role \`${r.id}\` has no permissions`);
    if (r.seats === 0) add("GOV-E206", `/roles/${i}/seats`, `role \`${r.id}\` has zero seats`);
  });
  const dts: O[] = Array.isArray(g.decision_types) ? g.decision_types : [];
  if (!dts.length) add("GOV-E012", "/decision_types", "no decision types are defined");
  const turnout = total > 0 && !g.members?.population ? cast / total : null;
  dts.forEach((d, i) => {
    const p = `/decision_types/${i}`;
    if (typeof d.quorum !== "number" || d.quorum < 0 || d.quorum > 1) add("GOV-E004", `${p}/quorum`, `quorum ${d.quorum} is outside [0, 1]`);
    else if (d.quorum === 0) add("GOV-W311", `${p}/quorum`, `decision type \`${d.id}\` has a quorum of 0`);
    else if (turnout !== null && d.quorum > turnout) add("GOV-E301", `${p}/quorum`, `quorum ${d.quorum} is above the expected turnout ${turnout.toFixed(3)}`);
    else if (turnout !== null && turnout < d.quorum * 1.25) add("GOV-W302", `${p}/quorum`, `expected turnout ${turnout.toFixed(3)} is less than 25% above the quorum ${d.quorum}`);
    if (typeof d.approval !== "number" || d.approval < 0 || d.approval > 1) add("GOV-E004", `${p}/approval`, `approval ${d.approval} is outside (0, 1]`);
    else if (d.approval === 0) add("GOV-E300", `${p}/approval`, `decision type \`${d.id}\` has an approval of 0`);
    else if (d.approval < 0.5) add("GOV-W314", `${p}/approval`, `approval ${d.approval} lets a minority pass decisions`);
    if (d.voting_period === 0) add("GOV-E306", `${p}/voting_period`, "a voting period of zero");
    if (d.voting_delay === 0) add("GOV-W304", `${p}/voting_delay`, "a zero voting delay allows flash-loan capture");
  });
  const t = g.treasury;
  if (!t) add("GOV-W013", "/treasury", "no treasury domain: spending authority is undefined");
  else {
    if (!Array.isArray(t.categories) || !t.categories.length) add("GOV-E014", "/treasury/categories", "a treasury without spending categories");
    else {
      const share = t.categories.reduce((s: number, c: O) => s + (Number(c.budget_share) || 0), 0);
      if (share > 1 + 1e-9) add("GOV-E406", "/treasury/categories", `category budget shares add up to ${share.toFixed(2)}`);
    }
    if (!Array.isArray(t.tiers) || !t.tiers.length) add("GOV-W408", "/treasury/tiers", "a treasury with no authorisation tiers");
  }
  const levels: O[] = g.escalation?.levels ?? [];
  if (!g.escalation) add("GOV-W016", "/escalation", "no conflict escalation ladder");
  else if (levels.length && !levels.some((l) => l.terminal)) add("GOV-E501", "/escalation/levels", "the escalation ladder has no terminal level");
  if (!g.constitution) add("GOV-W015", "/constitution", "no constitution: nothing is entrenched");
  if (g.incentives?.enabled && !(g.incentives.mechanisms ?? []).length) add("GOV-W601", "/incentives/mechanisms", "incentives are enabled but no mechanism is defined");
  return out;
}

/** The engine's score formula over the findings' distinct codes. */
export function complianceScore(findings: Finding[]): number {
  const failed = new Map<string, Severity>();
  for (const f of findings) failed.set(f.code, f.severity);
  let lost = 0;
  for (const s of failed.values()) lost += WEIGHT[s];
  const score = Math.floor((100 * (TOTAL_RULE_WEIGHT - lost)) / TOTAL_RULE_WEIGHT);
  return [...failed.values()].includes("blocking") ? Math.min(score, 49) : score;
}

function describe(id: string, text: string): ExampleInfo {
  try {
    const g = JSON.parse(text) as O;
    const d = String(g.identity?.description ?? "");
    return {
      id,
      title: String(g.identity?.display_name ?? g.identity?.name ?? id),
      kind: String(g.identity?.kind ?? "other"),
      description: d.length > 220 ? d.slice(0, d.lastIndexOf(" ", 217)) + "…" : d,
    };
  } catch {
    return { id, title: id, kind: "other", description: "" };
  }
}

export class MockBackend implements Backend {
  readonly name = "mock" as const;
  private files = new Map<string, string>();
  private recent: string[] = [];
  /** The file handles: the views see handles, paths stay here. */
  readonly handles = new MockHandles();
  private script: MockScriptQuestion[];
  private extraExamples: Record<string, string>;
  private latency: number;
  private workspace: boolean;
  /** The in-memory store. */
  readonly store = new MockStore();
  /** The in-memory keys, bundles and deploy targets. */
  readonly exports = new MockExport(this.handles);
  /** How many times each method was called (for tests). */
  calls: Record<string, number> = {};
  private simMsPerRun: number;
  private simJob: { id: number; done: number; total: number; cancelled: boolean } | null = null;
  private simulations: SimulationRecord[] = [];
  private sweepJob: { id: number; done: number; total: number; cancelled: boolean } | null = null;
  private sweeps: SweepRecord[] = [];

  constructor(opts: MockOptions = {}) {
    this.script = opts.script ?? DEFAULT_SCRIPT;
    this.extraExamples = opts.examples ?? {};
    this.latency = opts.latencyMs ?? 0;
    this.simMsPerRun = opts.simMsPerRun ?? 0;
    this.workspace = opts.workspaceExamples ?? !import.meta.env?.VITEST;
    const home = "/home/designer/harbour-commons.json";
    this.files.set(home, JSON.stringify(MOCK_DESIGN, null, 2) + "\n");
    this.recent = [home];
  }

  private async tick(method: string): Promise<void> {
    this.calls[method] = (this.calls[method] ?? 0) + 1;
    if (this.latency > 0) await new Promise((r) => setTimeout(r, this.latency));
    else await Promise.resolve();
  }

  async validate(name: string, text: string): Promise<Validation> {
    await this.tick("validate");
    if (text.length > 16 * 1024 * 1024) throw new BackendError("GOV-X002", `${name}: the input is larger than the 16 MiB limit`);
    if (name.toLowerCase().endsWith(".md")) throw new BackendError("GOV-X007", `${name}: the mock backend cannot read constitution documents; open it in the desktop app`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw syntaxError(text, e);
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) throw new BackendError("GOV-X006", `${name}: the JSON is not an object, so it cannot be read as a GCO`);
    const v = value as O;
    if (v.answers !== undefined && v.identity === undefined) {
      const report: Report = { fingerprint: await fingerprint(v), version: null, compliance_score: 100, findings: [] };
      return { kind: "answers", report, gco: null };
    }
    const fixture = engineViews(v);
    if (fixture) return fixture.validation;
    const findings = mockFindings(v);
    const report: Report = {
      fingerprint: await fingerprint(v),
      version: typeof v.identity?.version === "string" ? v.identity.version : null,
      compliance_score: complianceScore(findings),
      findings,
    };
    return { kind: "gco", report, gco: v };
  }

  async schema(): Promise<object> {
    await this.tick("schema");
    return structuredClone(schemaJson as object);
  }

  private async allExamples(): Promise<Record<string, string>> {
    const out: Record<string, string> = { "harbour-commons": JSON.stringify(MOCK_DESIGN, null, 2) + "\n" };
    if (this.workspace) {
      const mods = import.meta.glob("@examples/*.json", { query: "?raw", import: "default" });
      for (const [path, load] of Object.entries(mods)) {
        const id = path.split("/").pop()!.replace(/\.json$/, "");
        out[id] = (await load()) as string;
      }
    }
    return { ...out, ...this.extraExamples };
  }

  async examples(): Promise<ExampleInfo[]> {
    await this.tick("examples");
    const all = await this.allExamples();
    return Object.entries(all).map(([id, text]) => describe(id, text));
  }

  async exampleText(id: string): Promise<string> {
    await this.tick("exampleText");
    const all = await this.allExamples();
    if (!(id in all)) throw new BackendError("GOV-X001", `no example named \`${id}\``);
    return all[id];
  }

  async readFile(handle: string): Promise<string> {
    await this.tick("readFile");
    const path = this.handles.check(handle, "read-design");
    const t = this.files.get(path);
    if (t === undefined) throw new BackendError("GOV-X001", `${path}: no such file`);
    this.touch(path);
    return t;
  }

  async writeFile(handle: string, text: string): Promise<void> {
    await this.tick("writeFile");
    const path = this.handles.check(handle, "write-design");
    this.files.set(path, text);
    this.touch(path);
  }

  private touch(path: string) {
    this.recent = [path, ...this.recent.filter((p) => p !== path)].slice(0, 10);
  }

  async recentFiles(): Promise<FileRef[]> {
    await this.tick("recentFiles");
    return this.recent.map((p) => this.handles.mint(p, "open-file", "design"));
  }

  /** In a browser: a file input; the chosen file is copied into the in-memory file system. */
  async pickOpenPath(): Promise<FileRef | null> {
    await this.tick("pickOpenPath");
    if (typeof document === "undefined") return null;
    return new Promise((resolve) => {
      const input = document.createElement("input");
      input.type = "file";
      input.accept = ".json,.md,application/json,text/markdown";
      input.onchange = async () => {
        const f = input.files?.[0];
        if (!f) return resolve(null);
        const path = `/browser/${f.name}`;
        this.files.set(path, await f.text());
        resolve(this.handles.mint(path, "open-file", "design"));
      };
      input.oncancel = () => resolve(null);
      input.click();
    });
  }

  async exportFile(suggestedName: string, data: Blob): Promise<FileRef | null> {
    await this.tick("exportFile");
    // In a plain browser an export is a download.
    if (typeof document !== "undefined" && typeof URL.createObjectURL === "function") {
      const url = URL.createObjectURL(data);
      const a = document.createElement("a");
      a.href = url;
      a.download = suggestedName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }
    const file = this.handles.mint(`/home/designer/${suggestedName}`, "save-file", "export");
    this.handles.check(file.handle, "write-export");
    return file;
  }
  async pickSavePath(suggestedName: string): Promise<FileRef | null> {
    await this.tick("pickSavePath");
    return this.handles.mint(`/home/designer/${suggestedName}`, "save-file", "design");
  }

  // --- onboarding -----------------------------------------------------------------------

  private answersOf(state: unknown): [string, unknown][] {
    const s = state as MockOnboardingState | null;
    if (!s || !Array.isArray(s.answers)) throw new BackendError("GOV-X008", "the onboarding state is not one this backend issued");
    return s.answers;
  }

  private view(answers: [string, unknown][], error: string | null = null): OnboardingView {
    const map = Object.fromEntries(answers);
    const asked = new Set(answers.map(([id]) => id));
    const path = this.script.filter((q) => asked.has(q.id) || !q.when || q.when(map));
    const next = path.find((q) => !asked.has(q.id)) ?? null;
    const gco = baseGco();
    for (const [id, v] of answers) this.script.find((q) => q.id === id)?.apply?.(gco, v, map);
    let question: Question | null = null;
    if (next) {
      const { when: _w, apply: _a, ...q } = next;
      void _w;
      void _a;
      // What the engine sends for a question: every field of the script's, defaults filled.
      question = { section: "Organisation", places: [], default: null, ...q } as Question;
    }
    return {
      state: { answers: answers.map(([k, v]) => [k, v]) } satisfies MockOnboardingState,
      question,
      progress: { answered: answers.length, total: path.length },
      preview: gco,
      error,
      finished: next === null,
    };
  }

  async onboardingStart(): Promise<OnboardingView> {
    await this.tick("onboardingStart");
    return this.view([]);
  }

  async onboardingAnswer(state: unknown, value: unknown): Promise<OnboardingView> {
    await this.tick("onboardingAnswer");
    const answers = this.answersOf(state);
    const current = this.view(answers);
    const q = current.question;
    if (!q) return { ...current, error: "The dialogue is finished: there is no question to answer." };
    const why = refuse(q, value);
    if (why) return { ...current, error: why };
    return this.view([...answers, [q.id, value]]);
  }

  async onboardingBack(state: unknown): Promise<OnboardingView> {
    await this.tick("onboardingBack");
    const answers = this.answersOf(state);
    const v = this.view(answers.slice(0, -1));
    // Offer the previous answer again.
    if (v.question && answers.length) v.question = { ...v.question, default: answers[answers.length - 1][1] as JsonValue };
    return v;
  }

  async topology(text: string, members: Members = "grouped"): Promise<Graph> {
    await this.tick("topology");
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw syntaxError(text, e);
    }
    if (!v || typeof v !== "object") throw new BackendError("GOV-X006", "the JSON cannot be read as a GCO");
    const fixture = members === "grouped" ? engineViews(v) : null;
    if (fixture) return fixture.topology;
    return buildTopology(v as O, members);
  }

  /** Reads a design's text as the engine's intake would (syntax errors with their place). */
  private design(text: string): O {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw syntaxError(text, e);
    }
    if (!v || typeof v !== "object" || Array.isArray(v)) throw new BackendError("GOV-X006", "the JSON cannot be read as a GCO");
    return v as O;
  }

  private async blockingCodes(text: string): Promise<string[]> {
    const v = await this.validate("design.json", text);
    return v.report.findings.filter((f) => f.severity === "blocking").map((f) => f.code);
  }

  async riskView(text: string): Promise<RiskView> {
    await this.tick("riskView");
    const gco = this.design(text);
    const saved = this.store.texts(String(gco.identity?.name ?? ""));
    const fixture = saved.length === 0 ? engineViews(gco) : null;
    if (fixture) return fixture.risk;
    const history: VersionScores[] = [];
    let prev: O | null = null;
    for (const s of saved) {
      const g = JSON.parse(s.text) as O;
      const scores = mockScores(g, prev);
      const last = history.at(-1)?.scores as { scores: { name: string; value: number }[] } | undefined;
      const deltas: Record<string, number> = {};
      if (last) for (const x of scores.scores) deltas[x.name] = Math.round((x.value - (last.scores.find((y) => y.name === x.name)?.value ?? 0)) * 1e6) / 1e6;
      history.push({ version: s.version, model: scores.model_version, scores, deltas });
      prev = g;
    }
    const version = String(gco.identity?.version ?? "");
    const before = saved.findIndex((s) => s.version === version);
    const follows = before >= 0 ? saved[before - 1] : saved.at(-1);
    const blocking = await this.blockingCodes(text);
    const compiled = mockCompiled(gco, blocking);
    return {
      current: compiled.blocked ? null : mockScores(gco, follows ? (JSON.parse(follows.text) as O) : null),
      blocked: compiled.blocked,
      stored: saved.length > 0,
      history,
    };
  }

  async captureView(text: string): Promise<CaptureView> {
    await this.tick("captureView");
    const fixture = engineViews(this.design(text));
    if (fixture) return fixture.capture;
    return mockCapture(this.design(text), await this.blockingCodes(text));
  }

  async compiledView(text: string): Promise<CompiledView> {
    await this.tick("compiledView");
    const gco = this.design(text);
    const fixture = engineViews(gco);
    if (fixture) return fixture.compiled;
    return mockCompiled(gco, await this.blockingCodes(text));
  }

  async lineage(text: string): Promise<Lineage> {
    await this.tick("lineage");
    const fixture = engineViews(this.design(text));
    if (fixture) return fixture.lineage;
    return mockLineage(this.design(text));
  }

  async storeInfo(): Promise<StoreInfo> {
    await this.tick("storeInfo");
    return { path: "(in memory)", schema_version: 3 };
  }
  async storeInstances(): Promise<InstanceSummary[]> {
    await this.tick("storeInstances");
    return this.store.instances();
  }
  async storeLog(instance: string): Promise<VersionRecord[]> {
    await this.tick("storeLog");
    return this.store.log(instance);
  }
  async storeCommit(text: string, message: string): Promise<CommitOutcome> {
    await this.tick("storeCommit");
    return this.store.commit(text, message);
  }
  async storeShow(instance: string, version: string): Promise<string> {
    await this.tick("storeShow");
    return this.store.show(instance, version);
  }
  async storeDiff(instance: string, old: string, new_: string): Promise<VersionDiff> {
    await this.tick("storeDiff");
    return this.store.diff(instance, old, new_);
  }
  async storeRollback(instance: string, version: string, message: string): Promise<VersionRecord> {
    await this.tick("storeRollback");
    return this.store.rollback(instance, version, message);
  }
  async storeBuild(instance: string, version: string): Promise<BuildOutcome> {
    await this.tick("storeBuild");
    return this.store.build(instance, version, (name, text) => this.validate(name, text));
  }
  async storeBuilds(instance: string): Promise<BuildRecord[]> {
    await this.tick("storeBuilds");
    return this.store.builds(instance);
  }
  async storeProposals(instance: string): Promise<ProposalView[]> {
    await this.tick("storeProposals");
    this.store.log(instance); // an unknown design is an error, as in the store
    return [];
  }
  async storeAdopt(id: number): Promise<VersionRecord> {
    await this.tick("storeAdopt");
    throw new BackendError("GOV-S020", `no proposal ${id} (the mock store keeps no proposals; propose with \`cogov propose\`)`);
  }
  async storeCases(instance: string | null): Promise<Case[]> {
    await this.tick("storeCases");
    return this.store.cases(instance);
  }
  async storeCaseMove(id: number, to: "triaged" | "resolved", reason: string): Promise<Case> {
    await this.tick("storeCaseMove");
    return this.store.moveCase(id, to, reason);
  }
  async storeMetrics(instance: string | null): Promise<Metrics> {
    await this.tick("storeMetrics");
    return this.store.metrics(instance);
  }
  async storeReleases(instance: string): Promise<Releases> {
    await this.tick("storeReleases");
    return this.store.releases(instance);
  }
  async storePromote(build: number, channel: string, reason: string): Promise<ReleaseRecord> {
    await this.tick("storePromote");
    return this.store.promote(build, channel, reason);
  }
  async storeEvents(after: number): Promise<Event[]> {
    await this.tick("storeEvents");
    return this.store.events(after);
  }

  async whatifSetup(text: string, steps: number): Promise<WhatifSetup> {
    await this.tick("whatifSetup");
    return mockSetup(this.design(text), steps);
  }
  async whatifRun(text: string, scenario: object, job: number): Promise<WhatifRun> {
    await this.tick("whatifRun");
    const gco = this.design(text);
    const sc = scenario as O;
    for (const [i, x] of ((sc.shocks ?? []) as O[]).entries()) {
      for (const k of ["factor", "share", "propensity"]) {
        if (k in x && !(x[k] >= 0 && x[k] <= 1)) throw new BackendError("GOV-X020", `scenario:/shocks/${i}/${k}: ${x[k]} is not in [0, 1]`);
      }
    }
    const total = 2 * (sc.runs ?? 1000);
    if (this.simJob) this.simJob.cancelled = true;
    const me = { id: job, done: 0, total, cancelled: false };
    this.simJob = me;
    const t0 = performance.now();
    // Runs in slices, as the engine's workers do, so progress shows and cancel stops it.
    for (let done = 0; done < total && this.simMsPerRun > 0; ) {
      if (me.cancelled) break;
      const slice = Math.max(1, Math.ceil(total / 20));
      await new Promise((r) => setTimeout(r, this.simMsPerRun * slice));
      done = Math.min(total, done + slice);
      me.done = done;
    }
    if (this.simJob === me) this.simJob = null;
    if (me.cancelled) return { job, cancelled: true, done: me.done, total, report: null, charts: [], elapsed_ms: performance.now() - t0, baseline_reused: false };
    const report = mockReport(gco, sc);
    // The simulator's attack scenario (issue 14): the report gains `attack` when the scenario has one.
    if (sc.attack) (report as O).attack = mockAttackResult(gco, sc.attack as O, sc.runs ?? 1000);
    return { job, cancelled: false, done: total, total, report, charts: mockCharts(report), elapsed_ms: performance.now() - t0, baseline_reused: false };
  }
  async whatifProgress(): Promise<WhatifProgress | null> {
    await this.tick("whatifProgress");
    return this.simJob ? { job: this.simJob.id, done: this.simJob.done, total: this.simJob.total } : null;
  }
  async whatifCancel(job: number): Promise<boolean> {
    await this.tick("whatifCancel");
    if (this.simJob?.id !== job) return false;
    this.simJob.cancelled = true;
    return true;
  }
  async whatifSave(text: string, scenario: object): Promise<SimulationRecord> {
    await this.tick("whatifSave");
    const gco = this.design(text);
    const instance = String(gco.identity?.name ?? "");
    const version = String(gco.identity?.version ?? "");
    const stored = this.store.texts(instance).find((v) => v.version === version);
    if (!stored) throw new BackendError("GOV-S013", `no version ${version} of \`${instance}\` in the store: commit it first`);
    if (stored.text !== JSON.stringify(gco, null, 2) + "\n") {
      throw new BackendError("GOV-S015", `the design simulated is not the stored ${instance}@${version}: commit it under a new version first`);
    }
    const sc = scenario as O;
    const record: SimulationRecord = {
      id: this.simulations.length + 1,
      instance,
      version,
      name: typeof sc.name === "string" ? sc.name : null,
      seed: sc.seed ?? 0,
      runs: sc.runs ?? 1000,
      created_at: new Date(0).toISOString(),
      scenario: sc,
      results: mockReport(gco, sc),
    };
    this.simulations.push(record);
    return { ...record, results: null };
  }
  async whatifSaved(instance: string): Promise<SimulationRecord[]> {
    await this.tick("whatifSaved");
    return this.simulations.filter((r) => r.instance === instance).reverse().map((r) => ({ ...r, results: null }));
  }
  async whatifOpen(id: number): Promise<SavedWhatif> {
    await this.tick("whatifOpen");
    const record = this.simulations.find((r) => r.id === id);
    if (!record) throw new BackendError("GOV-S016", `no simulation ${id}`);
    return { record, charts: mockCharts(record.results as never) };
  }

  async sweepSetup(text: string): Promise<SweepSetup> {
    await this.tick("sweepSetup");
    return mockSweepSetup(this.design(text));
  }
  async sweepRun(text: string, spec: object, job: number): Promise<SweepRun> {
    await this.tick("sweepRun");
    this.design(text);
    const sp = spec as O;
    const setup = mockSweepSetup(this.design(text));
    for (const [i, k] of ((sp.knobs ?? []) as O[]).entries()) {
      if (!setup.knobs.some((x) => x.name === k.knob)) throw new BackendError("GOV-X041", `sweep:/knobs/${i}/knob: unknown knob \`${k.knob}\``);
    }
    const results = mockSweep(sp);
    const total = 2 * results.cells.cells.length * (sp.runs ?? 100);
    if (this.sweepJob) this.sweepJob.cancelled = true;
    const me = { id: job, done: 0, total, cancelled: false };
    this.sweepJob = me;
    const t0 = performance.now();
    for (let done = 0; done < total && this.simMsPerRun > 0; ) {
      if (me.cancelled) break;
      const slice = Math.max(1, Math.ceil(total / 20));
      await new Promise((r) => setTimeout(r, this.simMsPerRun * 20));
      done = Math.min(total, done + slice);
      me.done = done;
    }
    if (this.sweepJob === me) this.sweepJob = null;
    const base = { job, done: me.done, total, fingerprint: "sha256:mock", elapsed_ms: performance.now() - t0, compute_ms: performance.now() - t0 };
    if (me.cancelled) return { ...base, cancelled: true, results: null, proposed: null };
    const best = results.recommendation.recommended;
    const proposed = best === null ? null : JSON.stringify(mockCellDesign(this.design(text), results.cells.cells[best].knobs), null, 2) + "\n";
    return { ...base, done: total, cancelled: false, results, proposed };
  }
  async sweepProgress(): Promise<SweepProgress | null> {
    await this.tick("sweepProgress");
    return this.sweepJob ? { job: this.sweepJob.id, done: this.sweepJob.done, total: this.sweepJob.total } : null;
  }
  async sweepCancel(job: number): Promise<boolean> {
    await this.tick("sweepCancel");
    if (this.sweepJob?.id !== job) return false;
    this.sweepJob.cancelled = true;
    return true;
  }
  async sweepCell(text: string, spec: object, cell: number): Promise<SweepCell> {
    await this.tick("sweepCell");
    const results = mockSweep(spec as O);
    const row = results.cells.cells[cell];
    if (!row) throw new BackendError("GOV-X060", `sweep: cell ${cell}: the sweep has ${results.cells.cells.length} cells, numbered from 0`);
    const sc = (spec as O).scenario?.inline ?? {};
    return {
      cell,
      knobs: Object.entries(row.knobs).map(([k, v]) => [k, v ?? 0] as [string, number]),
      design: JSON.stringify(mockCellDesign(this.design(text), row.knobs), null, 2) + "\n",
      scenario: { ...sc, runs: (spec as O).runs, seed: (spec as O).seed },
      not_applied: [],
    };
  }
  async sweepSave(text: string, spec: object): Promise<SweepRecord> {
    await this.tick("sweepSave");
    const gco = this.design(text);
    const instance = String(gco.identity?.name ?? "");
    const version = String(gco.identity?.version ?? "");
    const stored = this.store.texts(instance).find((v) => v.version === version);
    if (!stored) throw new BackendError("GOV-S013", `no version ${version} of \`${instance}\` in the store: commit it first`);
    const sp = spec as O;
    const results = mockSweep(sp);
    const record: SweepRecord = {
      id: this.sweeps.length + 1,
      instance,
      version,
      name: typeof sp.name === "string" ? sp.name : null,
      fingerprint: "sha256:mock",
      cells: results.cells.cells.length,
      runs: sp.runs ?? 100,
      seed: sp.seed ?? 0,
      created_at: new Date(0).toISOString(),
      spec: sp,
      results,
    };
    this.sweeps.push(record);
    return record;
  }
  async sweepSaved(instance: string): Promise<SweepRecord[]> {
    await this.tick("sweepSaved");
    return this.sweeps.filter((r) => r.instance === instance).reverse().map((r) => ({ ...r, results: null }));
  }
  async sweepOpen(id: number): Promise<SweepRecord> {
    await this.tick("sweepOpen");
    const record = this.sweeps.find((r) => r.id === id);
    if (!record) throw new BackendError("GOV-S031", `no sweep ${id}`);
    return record;
  }

  async exportDocuments(text: string, since: string | null): Promise<DocumentsView> {
    await this.tick("exportDocuments");
    return mockDocuments(this.design(text), since);
  }
  async exportKeygen(password: string, dir: string | null): Promise<KeyInfo> {
    await this.tick("exportKeygen");
    return this.exports.keygen(password, dir);
  }
  async exportKeyInfo(secretKey: string): Promise<KeyInfo> {
    await this.tick("exportKeyInfo");
    return this.exports.keyInfo(secretKey);
  }
  async exportBundle(text: string, since: string | null, secretKey: string, password: string, out: string): Promise<BundleView> {
    await this.tick("exportBundle");
    return this.exports.build(this.design(text), since, secretKey, password, out);
  }
  async exportProgress(): Promise<BuildStep | null> {
    await this.tick("exportProgress");
    return null;
  }
  async exportVerify(bundle: string, publicKey: string): Promise<VerifyView> {
    await this.tick("exportVerify");
    return this.exports.verify(bundle, publicKey);
  }
  async pickBundlePath(suggestedName: string): Promise<FileRef | null> {
    await this.tick("pickBundlePath");
    return this.handles.mint(`/home/designer/${suggestedName}`, "save-file", "bundle");
  }
  async pickBundleFile(): Promise<FileRef | null> {
    await this.tick("pickBundleFile");
    return null;
  }
  async pickKeyPath(): Promise<FileRef | null> {
    await this.tick("pickKeyPath");
    return null;
  }
  async pickPublicKey(): Promise<FileRef | null> {
    await this.tick("pickPublicKey");
    return null;
  }
  async pickDirectory(purpose: Purpose, suggestedName: string): Promise<FileRef | null> {
    await this.tick("pickDirectory");
    if (purpose !== "key-home" && purpose !== "deploy-target" && purpose !== "interop-export") throw new BackendError("GOV-H002", `${purpose} is a file, not a folder`);
    return this.handles.mint(`/home/designer/${suggestedName}`, "directory", purpose);
  }
  /** The recovery copy, as the shell keeps it (in memory here). */
  recovery: Recovery | null = null;
  async recoveryKeep(name: string, text: string): Promise<void> {
    await this.tick("recoveryKeep");
    this.recovery = { name, text, kept_ms: Date.now() };
  }
  async recoveryDrop(): Promise<void> {
    await this.tick("recoveryDrop");
    this.recovery = null;
  }
  async recoveryFind(): Promise<Recovery | null> {
    await this.tick("recoveryFind");
    return this.recovery;
  }
  async pickInteropFile(): Promise<FileRef | null> {
    await this.tick("pickInteropFile");
    return null;
  }
  async interopKinds(): Promise<InteropKind[]> {
    await this.tick("interopKinds");
    return INTEROP_KINDS;
  }
  // Imports and exports are the engine's alone: view tests of them run the real studio (e2e_interop).
  async interopImport(): Promise<ImportView> {
    await this.tick("interopImport");
    throw new BackendError("UI-INTERNAL", "importing needs the real studio");
  }
  async interopExportPreview(): Promise<ExportPreview> {
    await this.tick("interopExportPreview");
    throw new BackendError("UI-INTERNAL", "exporting needs the real studio");
  }
  async interopExportWrite(): Promise<ExportWritten> {
    await this.tick("interopExportWrite");
    throw new BackendError("UI-INTERNAL", "exporting needs the real studio");
  }
  async deployBundle(bundle: string, publicKey: string, target: string): Promise<TargetView> {
    await this.tick("deployBundle");
    return this.exports.deploy(bundle, publicKey, target);
  }
  async deployRollback(target: string): Promise<TargetView> {
    await this.tick("deployRollback");
    return this.exports.rollback(target);
  }
  async deployStatus(target: string, publicKey: string | null): Promise<TargetView> {
    await this.tick("deployStatus");
    return this.exports.status(target, publicKey);
  }
  // s23-studio: the commit dialog's plan (the next patch above the latest stored version).
  async storeCommitPlan(text: string): Promise<CommitPlan> {
    await this.tick("storeCommitPlan");
    const gco = JSON.parse(text) as { identity?: { name?: string; version?: string } };
    const instance = gco.identity?.name ?? "";
    const own = gco.identity?.version ?? "0.1.0";
    let latest: string | null = null;
    try {
      latest = this.store.log(instance).at(-1)?.version ?? null;
    } catch {
      /* nothing stored under that name yet */
    }
    if (!latest) return { instance, latest, next: own, author: "designer" };
    const [a, b, c] = latest.split(".").map(Number);
    const next = `${a}.${b}.${c + 1}`;
    const above = own.split(".").map(Number).reduce((d, x, i) => d || x - [a, b, c][i], 0) > 0;
    return { instance, latest, next: above ? own : next, author: "designer" };
  }
}
