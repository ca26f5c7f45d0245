// What the real engine answered for each design the mock knows: the fixture designs and their
// edited variants (fixtures/variants/<id>.json: a base design and values set by JSON pointer).
// src-tauri/tests/mock_fixtures.rs writes fixtures/<id>.views.json with the studio's own
// commands and fails when they are stale. The mock looks answers up here; it computes none.
import { BackendError } from "./backend";
import { MOCK_DESIGN } from "./mock-design";
import tokenDao from "@examples/token-dao.json";
import workerCoop from "@examples/worker-coop.json";
import DIFFS from "./fixtures/diffs.json";
import type { CaptureView, Chart, CompiledView, Diff, DocumentsView, Graph, Lineage, RiskView, SweepCell, SweepSetup, Validation, WhatifSetup } from "./types";
import type { SimReport } from "../whatif/scenario";
import type { SweepResults } from "../sweep/model";

type O = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the real engine answers for one design (one `<id>.views.json`). */
export interface EngineViews {
  validation: Validation;
  topology: Graph;
  compiled: CompiledView;
  lineage: Lineage;
  capture: CaptureView;
  risk: RiskView;
  documents: DocumentsView;
}

/** A variant file: which design it edits, why the tests need it, and the values it sets. */
interface Variant {
  base: string;
  why: string;
  set: Record<string, unknown>;
}

const BASES: Record<string, unknown> = { "harbour-commons": MOCK_DESIGN, "token-dao": tokenDao, "worker-coop": workerCoop };
const stem = (path: string) => path.split("/").pop()!.replace(/\.((views|whatif|sweep)\.)?json$/, "");
const VIEWS = Object.fromEntries(
  Object.entries(import.meta.glob("./fixtures/*.views.json", { eager: true, import: "default" })).map(([p, v]) => [stem(p), v as EngineViews]),
);
/** What the studio's What-if answered for one design (one `<id>.whatif.json`). */
interface EngineWhatif {
  setups: { steps: number; setup: WhatifSetup }[];
  /** Each request's report, or the studio's refusal of it (the shell's SVG charts are left out:
   *  the view draws its own from the report). */
  runs: { scenario: object; report?: SimReport; error?: { code: string; message: string } }[];
}
const WHATIFS = Object.fromEntries(
  Object.entries(import.meta.glob("./fixtures/*.whatif.json", { eager: true, import: "default" })).map(([p, v]) => [stem(p), v as EngineWhatif]),
);
/** What the studio's Sweep answered for one design (one `<id>.sweep.json`): its setup, and for
 *  each spec the view's tests run, the results, the proposed design and the cells they open. */
export interface EngineSweepRun {
  spec: object;
  fingerprint: string;
  total: number;
  results: SweepResults | null;
  proposed: string | null;
  cells: SweepCell[];
}
interface EngineSweep {
  setup: SweepSetup;
  runs: EngineSweepRun[];
}
const SWEEPS = Object.fromEntries(
  Object.entries(import.meta.glob("./fixtures/*.sweep.json", { eager: true, import: "default" })).map(([p, v]) => [stem(p), v as EngineSweep]),
);
const VARIANTS = Object.fromEntries(
  Object.entries(import.meta.glob("./fixtures/variants/*.json", { eager: true, import: "default" })).map(([p, v]) => [stem(p), v as Variant]),
);

/** The design of variant `id`: its base with each value set at its pointer (as the Rust test does). */
export function variantDesign(id: string): O {
  const v = VARIANTS[id];
  if (!v) throw new Error(`no variant \`${id}\` in fixtures/variants/`);
  const d = structuredClone(BASES[v.base]) as O;
  for (const [pointer, value] of Object.entries(v.set)) {
    const keys = pointer.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = keys.pop()!;
    keys.reduce((o, k) => o[k], d)[last] = structuredClone(value);
  }
  return d;
}

/** Variant `id` as the editor holds it: pretty JSON with a final newline. */
export function variantText(id: string): string {
  return JSON.stringify(variantDesign(id), null, 2) + "\n";
}

/** A design's JSON with keys sorted and `$schema` left out: spacing and key order do not matter. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return "[" + v.map(canonical).join(",") + "]";
  if (v && typeof v === "object") {
    const o = v as O;
    return "{" + Object.keys(o).filter((k) => k !== "$schema").sort().map((k) => JSON.stringify(k) + ":" + canonical(o[k])).join(",") + "}";
  }
  return JSON.stringify(v);
}

let BY_DESIGN: Map<string, EngineViews> | null = null;

/** The real engine's answers for `design`, or null when no fixture was made from it. */
export function engineViews(design: unknown): EngineViews | null {
  BY_DESIGN ??= new Map([
    ...Object.entries(BASES).map(([id, d]) => [canonical(d), VIEWS[id]] as const),
    ...Object.keys(VARIANTS).map((id) => [canonical(variantDesign(id)), VIEWS[id]] as const),
  ]);
  const found = BY_DESIGN.get(canonical(design));
  return found ? structuredClone(found) : null;
}

const BLESS = "run `COGOV_BLESS=1 cargo test -p cogov-studio --test mock_fixtures`";
let IDS: Map<string, string> | null = null;

/** The id of the fixture design `design` is, or null. */
function fixtureId(design: unknown): string | null {
  IDS ??= new Map([...Object.keys(BASES), ...Object.keys(VARIANTS)].map((id) => [canonical(id in BASES ? BASES[id] : variantDesign(id)), id]));
  return IDS.get(canonical(design)) ?? null;
}

/** The engine's structural diff from `old` to `new_` (and so its bump suggestion), looked up
 *  by the two designs' fixture ids. The engine leaves `identity.version` out of a diff, so the
 *  lookup does too: a version raised over a fixture's content is still that fixture. */
export function engineDiff(old: O, new_: O): Diff {
  const unversioned = (d: O) => ({ ...d, identity: { ...d.identity, version: undefined } });
  const id = (d: O) => Object.keys({ ...BASES, ...VARIANTS }).find((k) => canonical(unversioned(k in BASES ? (BASES[k] as O) : variantDesign(k))) === canonical(unversioned(d)));
  const [a, b] = [id(old), id(new_)];
  const found = a && b ? (DIFFS as Record<string, Diff>)[`${a} -> ${b}`] : undefined;
  if (found) return structuredClone(found);
  const name = (d: O, i: string | undefined) => i ?? `an unlisted edit of ${d?.identity?.name ?? "?"}`;
  throw new BackendError(
    "UI-INTERNAL",
    `the mock has no engine diff from ${name(old, a)} to ${name(new_, b)}: make each a fixture design or variant (fixtures/variants/<id>.json) of the same base and ${BLESS}`,
  );
}

function whatifOf(design: O, what: string): EngineWhatif {
  const id = fixtureId(design);
  const found = id ? WHATIFS[id] : undefined;
  if (found) return found;
  throw new BackendError("UI-INTERNAL", `the mock has no What-if answers (${what}) for ${id ?? design?.identity?.name ?? "?"}: list its requests in fixtures/whatif.requests.json and ${BLESS}`);
}

/** The studio's What-if setup for `design` over `steps` steps, as the engine wrote it. */
export function engineWhatifSetup(design: O, steps: number): WhatifSetup {
  const found = whatifOf(design, "setup").setups.find((s) => s.steps === steps);
  if (found) return structuredClone(found.setup);
  throw new BackendError("UI-INTERNAL", `the mock has no What-if setup over ${steps} steps: add ${steps} to its \`setup_steps\` in fixtures/whatif.requests.json and ${BLESS}`);
}

/** The simulator's report for `scenario` on `design`, as the engine wrote it (no charts). */
export function engineWhatifRun(design: O, scenario: object): { report: SimReport; charts: Chart[] } {
  const found = whatifOf(design, "run").runs.find((r) => canonical(r.scenario) === canonical(scenario));
  if (found?.error) throw new BackendError(found.error.code, found.error.message);
  if (found) return { report: structuredClone(found.report!), charts: [] };
  throw new BackendError("UI-INTERNAL", `the mock has no simulation of the scenario ${JSON.stringify(scenario)}: add it to fixtures/whatif.requests.json and ${BLESS}`);
}

/** Pointers at which `a` and `b` differ (leaves only), for naming what a missing fixture edits. */
function differences(a: unknown, b: unknown, at = "", out: string[] = []): string[] {
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const k of new Set([...Object.keys(a as O), ...Object.keys(b as O)])) differences((a as O)[k], (b as O)[k], `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, out);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(at);
  return out;
}

/** The engine's answers for `design`, or a loud error saying which fixture is missing and how
 *  to add it, so that a view test needing an unknown design fails rather than sees a guess. */
export function fixtureFor(design: O, what: string): EngineViews {
  const found = engineViews(design);
  if (found) return found;
  const id = design?.identity;
  const base = Object.entries(BASES).find(([, d]) => (d as O).identity?.name === id?.name);
  const edits = base ? differences(base[1], design).slice(0, 6) : [];
  const edited = base ? ` (\`${base[0]}\` with ${edits.join(", ") || "no change"} set)` : "";
  throw new BackendError(
    "UI-INTERNAL",
    `the mock has no engine answer (${what}) for ${id?.name ?? "?"}@${id?.version ?? "?"}${edited}: ` +
      "add it as ui/src/lib/backend/fixtures/variants/<id>.json and run `COGOV_BLESS=1 cargo test -p cogov-studio --test mock_fixtures`",
  );
}

function sweepOf(design: O, what: string): EngineSweep {
  const id = fixtureId(design);
  const found = id ? SWEEPS[id] : undefined;
  if (found) return found;
  throw new BackendError("UI-INTERNAL", `the mock has no Sweep answers (${what}) for ${id ?? design?.identity?.name ?? "?"}: list its sweeps in fixtures/sweep.requests.json and ${BLESS}`);
}

/** The studio's Sweep setup (knobs, objectives, presets) for `design`, as the engine wrote it. */
export function engineSweepSetup(design: O): SweepSetup {
  return structuredClone(sweepOf(design, "setup").setup);
}

/** The studio's sweep of `design` with `spec`, as the engine ran it. */
export function engineSweepRun(design: O, spec: object): EngineSweepRun {
  const found = sweepOf(design, "run").runs.find((r) => canonical(r.spec) === canonical(spec));
  if (found) return structuredClone(found);
  throw new BackendError("UI-INTERNAL", `the mock has no sweep ${JSON.stringify(spec)}: add it to fixtures/sweep.requests.json and ${BLESS}`);
}

/** One cell of that sweep, ready for the What-if, as the studio answered it. */
export function engineSweepCell(design: O, spec: object, cell: number): SweepCell {
  const found = engineSweepRun(design, spec).cells.find((c) => c.cell === cell);
  if (found) return found;
  throw new BackendError("UI-INTERNAL", `the mock has no cell ${cell} of that sweep: add it to its \`cells\` in fixtures/sweep.requests.json and ${BLESS}`);
}
