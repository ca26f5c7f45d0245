// The in-memory backend: unit tests, and `npm run dev` in a plain browser. It holds no rules:
// what the engine answers for a design (validation, scores, compiled tables, capture, topology,
// lineage, documents) is looked up in fixtures the real engine wrote (mock-fixtures.ts), and a
// design without one is refused, naming the fixture to add. Files, the store, keys and jobs are
// kept in memory.
import schemaJson from "@schemas/gco.schema.json";
import { BackendError, type Backend } from "./backend";
import { MOCK_DESIGN } from "./mock-design";
import { engineDiff, engineSweepCell, engineSweepRun, engineSweepSetup, engineWhatifRun, engineWhatifSetup, fixtureFor } from "./mock-fixtures";
import { MockStore } from "./mock-store";
import { MockExport } from "./mock-export";
import { MockHandles } from "./mock-handles";
import { jsonErrorOffset, lineColumn } from "../json/pointer";
import type {
  ExampleInfo,
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
  /** Why the engine would refuse `value` (the script says it; the mock checks nothing itself). */
  refuse?: (value: unknown) => string | null;
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
/** The mock's default script, for `npm run dev` in a plain browser: two questions. The engine's
 *  dialogue, its defaults and its answer checks are the real studio's (view tests script their own). */
export const DEFAULT_SCRIPT: MockScriptQuestion[] = [
  {
    id: "name",
    kind: "text",
    min_length: 1,
    max_length: 200,
    prompt: "What is the organisation called?",
    why: "The name becomes the design's identity; everything you export carries it.",
    apply: (g, v) => {
      g.identity.display_name = v;
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
];

function baseGco(): O {
  return {
    identity: { name: "my-governance", kind: "cooperative", version: "0.1.0" },
    members: { explicit: [] },
    roles: [{ id: "member", name: "Member", permissions: [{ action: "vote", resource: "decision/general" }] }],
    decision_types: [{ id: "general", name: "General vote", quorum: 0.3, approval: 0.5, voting_delay: 86400, voting_period: 604800 }],
  };
}

function syntaxError(text: string, e: unknown): BackendError {
  const msg = e instanceof Error ? e.message : String(e);
  const off = jsonErrorOffset(text) ?? text.length;
  const { line, column } = lineColumn(text, off);
  const near = text.slice(off, off + 12).split("\n")[0];
  const detail = /end of JSON input/i.test(msg) || off >= text.length ? "unexpected end of input" : near ? `unexpected \`${near}\`` : "unexpected input";
  return new BackendError("GOV-X005", `line ${line}, column ${column}: ${detail}`);
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
    return fixtureFor(value as O, "validation").validation;
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
      const { when: _w, apply: _a, refuse: _r, ...q } = next;
      void _w;
      void _a;
      void _r;
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
    const why = this.script.find((x) => x.id === q.id)?.refuse?.(value) ?? null;
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
    if (members !== "grouped") throw new BackendError("UI-INTERNAL", "the mock's fixtures hold the grouped topology only: draw every member in the real studio");
    return fixtureFor(v as O, "topology").topology;
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

  async riskView(text: string): Promise<RiskView> {
    await this.tick("riskView");
    const gco = this.design(text);
    const view = fixtureFor(gco, "risk").risk;
    // The store's history: each stored version's scores from its own fixture (scored alone, so
    // drift reads 0 here), each delta from the version before, as the store subtracts them.
    const history: VersionScores[] = [];
    const saved = this.store.texts(String(gco.identity?.name ?? ""));
    for (const s of saved) {
      const scores = fixtureFor(JSON.parse(s.text), `risk of the stored ${s.version}`).risk.current!;
      const before = history.at(-1);
      const deltas: Record<string, number> = {};
      if (before?.model === scores.model_version) {
        for (const x of scores.scores) {
          const b = (before.scores as RiskView["current"])!.scores.find((y) => y.name === x.name);
          if (b) deltas[x.name] = Math.round((x.value - b.value) * 1e6) / 1e6;
        }
      }
      history.push({ version: s.version, model: scores.model_version, scores, deltas });
    }
    return { ...view, stored: saved.length > 0, history };
  }

  async captureView(text: string): Promise<CaptureView> {
    await this.tick("captureView");
    return fixtureFor(this.design(text), "capture").capture;
  }

  async compiledView(text: string): Promise<CompiledView> {
    await this.tick("compiledView");
    return fixtureFor(this.design(text), "compiled tables").compiled;
  }

  async lineage(text: string): Promise<Lineage> {
    await this.tick("lineage");
    return fixtureFor(this.design(text), "lineage").lineage;
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
    // The gate is the engine's: the stored text's compiled view says whether it is blocked.
    return this.store.build(instance, version, (text) => {
      const views = fixtureFor(JSON.parse(text), "build");
      return { blocked: views.compiled.blocked, compliance: views.validation.report.compliance_score };
    });
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
    return engineWhatifSetup(this.design(text), steps);
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
    const { report, charts } = engineWhatifRun(gco, sc);
    return { job, cancelled: false, done: total, total, report, charts, elapsed_ms: performance.now() - t0, baseline_reused: false };
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
      results: engineWhatifRun(gco, sc).report,
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
    return { record, charts: engineWhatifRun(JSON.parse(this.store.show(record.instance, record.version)), record.scenario as object).charts };
  }

  async sweepSetup(text: string): Promise<SweepSetup> {
    await this.tick("sweepSetup");
    return engineSweepSetup(this.design(text));
  }
  async sweepRun(text: string, spec: object, job: number): Promise<SweepRun> {
    await this.tick("sweepRun");
    const answer = engineSweepRun(this.design(text), spec);
    const { results, total } = answer;
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
    const base = { job, done: me.done, total, fingerprint: answer.fingerprint, elapsed_ms: performance.now() - t0, compute_ms: performance.now() - t0 };
    if (me.cancelled) return { ...base, cancelled: true, results: null, proposed: null };
    return { ...base, done: total, cancelled: false, results, proposed: answer.proposed };
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
    return engineSweepCell(this.design(text), spec, cell);
  }
  async sweepSave(text: string, spec: object): Promise<SweepRecord> {
    await this.tick("sweepSave");
    const gco = this.design(text);
    const instance = String(gco.identity?.name ?? "");
    const version = String(gco.identity?.version ?? "");
    const stored = this.store.texts(instance).find((v) => v.version === version);
    if (!stored) throw new BackendError("GOV-S013", `no version ${version} of \`${instance}\` in the store: commit it first`);
    const sp = spec as O;
    const answer = engineSweepRun(gco, spec);
    const results = answer.results;
    const record: SweepRecord = {
      id: this.sweeps.length + 1,
      instance,
      version,
      name: typeof sp.name === "string" ? sp.name : null,
      fingerprint: answer.fingerprint,
      cells: results?.cells.cells.length ?? 0,
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
    return this.documents(this.design(text), since);
  }
  /** The engine's documents of a design; "Changes since" a version has no fixture. */
  private documents(gco: O, since: string | null): DocumentsView {
    if (since) throw new BackendError("UI-INTERNAL", `the mock has no engine answer (documents since ${since}): compare versions in the real studio`);
    return fixtureFor(gco, "documents").documents;
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
    const gco = this.design(text);
    return this.exports.build(gco, this.documents(gco, since), secretKey, password, out);
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
  // s23-studio: the commit dialog's plan (the version the engine's bump needs).
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
    // As `cogov_app::store::next_version`: the engine's bump (its diff, from the fixtures) over
    // the latest version, or the design's own version when that is already as high.
    const stored = this.store.show(instance, latest);
    if (stored === JSON.stringify(gco, null, 2) + "\n") return { instance, latest, next: own, author: "designer" };
    const bump = engineDiff(JSON.parse(stored), gco as O).suggested ?? "patch";
    const [a, b, c] = latest.split(".").map(Number);
    const min = bump === "major" ? [a + 1, 0, 0] : bump === "minor" ? [a, b + 1, 0] : [a, b, c + 1];
    const mine = own.split(".").map(Number);
    const enough = mine.reduce((d, x, i) => d || x - min[i], 0) >= 0;
    return { instance, latest, next: enough ? own : min.join("."), author: "designer" };
  }
}
