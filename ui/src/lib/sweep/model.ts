// The Sweep view's model: the sweep file the view composes, the engine's results
// (`cogov_sim::sweep::results_value`, typed by the generated ipc.ts), and what the charts derive
// from them: the heatmap grid of two knobs, the Pareto scatter, the tornado rows, colour and
// axis scales. Pure functions, tested with Vitest; the view only draws them.

import type { SweepSetup } from "../backend/types";
import type { SweepCells, SweepMorris, SweepPareto, SweepRecommendation, SweepSampling, SweepSensitivity, SweepSobol } from "../bindings/ipc";

/** One knob of the sweep the view composes: a grid range. */
export interface KnobDraft {
  knob: string;
  from: number;
  to: number;
  step: number;
}

/** A constraint as the sweep file writes it. */
export interface ConstraintDraft {
  objective: string;
  op: "<=" | ">=" | "<" | ">";
  value: number;
}

/** What the view lets the designer choose. */
export interface SweepDraft {
  knobs: KnobDraft[];
  /** How cells are chosen from the knobs (the sweep file's `sampling`). */
  sampling: SweepSampling;
  presets: string[];
  steps: number;
  runs: number;
  seed: number;
  objectives: string[];
  constraints: ConstraintDraft[];
}

/** The results of a sweep as the shell returns and the store keeps them
 *  (`cogov_sim::sweep::results_value`): each result file under its stem, typed by the
 *  engine's own structs (generated into ipc.ts), and the text files. */
export interface SweepResults {
  cells: SweepCells;
  pareto: SweepPareto;
  sensitivity: SweepSensitivity;
  recommendation: SweepRecommendation;
  recommendation_md?: string;
  proposed_diff?: string;
  proposed?: unknown;
}

/** Values of a grid range, as the engine computes them (rounded to 12 decimals). */
export function rangeValues(k: Pick<KnobDraft, "from" | "to" | "step">): number[] {
  if (!(k.step > 0) || !(k.to >= k.from)) return [];
  const n = Math.floor((k.to - k.from) / k.step + 1e-9) + 1;
  return Array.from({ length: Math.min(n, 10000) }, (_, j) => Math.round((k.from + j * k.step) * 1e12) / 1e12);
}

/** The sampling methods, by the engine's names, with the label the view shows. */
export const SAMPLING_METHODS: { method: SweepSampling["method"]; label: string; about: string }[] = [
  { method: "grid", label: "Grid", about: "every combination of the knobs' values" },
  { method: "latin_hypercube", label: "Latin hypercube", about: "cells spread over the ranges, one per stratum of each knob; no sensitivity indices" },
  { method: "sobol", label: "Sobol", about: "Saltelli's scheme on a scrambled Sobol sequence: first- and total-order indices" },
  { method: "morris", label: "Morris", about: "one-at-a-time trajectories: elementary effects μ*, σ" },
];

/** The draft's sampling (grid when it has none). */
export function samplingOf(d: { sampling?: SweepSampling }): SweepSampling {
  return d.sampling ?? { method: "grid" };
}

/** Whether cells are sampled within the knobs' bounds (a range's `step` is then not used). */
export function isSampled(s: SweepSampling | undefined): boolean {
  return !!s && s.method !== "grid";
}

/** A method's starting parameters, keeping those of `prev` that it shares (the samples). */
export function samplingFor(method: SweepSampling["method"], prev?: SweepSampling): SweepSampling {
  const samples = prev && "samples" in prev ? prev.samples : undefined;
  switch (method) {
    case "latin_hypercube":
      return { method, samples: samples ?? 20 };
    case "sobol":
      return { method, samples: samples ?? 8 };
    case "morris":
      // Four levels: the engine's default and SALib's usual choice.
      return { method, trajectories: prev?.method === "morris" ? prev.trajectories : 10, levels: prev?.method === "morris" ? prev.levels : 4 };
    default:
      return { method: "grid" };
  }
}

/** Cells the engine makes of the draft (`cogov_sim::sweep::sample::sampled_cells`): a grid's
 *  product of each knob's values; a Latin hypercube's samples; Sobol's Saltelli scheme without
 *  second order, N × (knobs + 2); Morris, trajectories × (knobs + 1). */
export function cellCount(d: SweepDraft): number {
  const s = samplingOf(d);
  const k = d.knobs.length;
  switch (s.method) {
    case "latin_hypercube":
      return s.samples;
    case "sobol":
      return s.samples * (k + 2);
    case "morris":
      return s.trajectories * (k + 1);
    default:
      return d.knobs.reduce((a, kn) => a * rangeValues(kn).length, 1);
  }
}

/** How the cell count comes about, in words and figures: `5 × 5 = 25 cells`,
 *  `8 × (2 knobs + 2) = 32 cells` (Sobol), `10 × (2 knobs + 1) = 30 cells` (Morris). */
export function cellFormula(d: SweepDraft): string {
  const s = samplingOf(d);
  const k = d.knobs.length;
  const n = cellCount(d).toLocaleString("en-GB");
  const knobs = `${k} knob${k === 1 ? "" : "s"}`;
  switch (s.method) {
    case "latin_hypercube":
      return `${n} samples = ${n} cells`;
    case "sobol":
      return `${s.samples} × (${knobs} + 2) = ${n} cells`;
    case "morris":
      return `${s.trajectories} × (${knobs} + 1) = ${n} cells`;
    default:
      return `${d.knobs.map((kn) => rangeValues(kn).length).join(" × ") || "1"} = ${n} cells`;
  }
}

/** The runs a sweep of the draft simulates: each cell's runs under the scenario and as many
 *  baseline runs (before the engine shares identical ones). */
export function runCount(d: SweepDraft): number {
  return cellCount(d) * d.runs * 2;
}

/** The sweep file (`schemas/sweep.schema.json`) of a draft, its scenario inline. */
export function toSweepFile(d: SweepDraft, name?: string): Record<string, unknown> {
  return {
    ...(name ? { name } : {}),
    // A sampled method reads a range as its bounds only: no step is written.
    knobs: d.knobs.map((k) => ({ knob: k.knob, range: isSampled(d.sampling) ? { from: k.from, to: k.to } : { from: k.from, to: k.to, step: k.step } })),
    sampling: { ...samplingOf(d) },
    scenario: { inline: { steps: d.steps, presets: d.presets } },
    runs: d.runs,
    seed: d.seed,
    objectives: d.objectives.map((objective) => ({ objective })),
    constraints: d.constraints.map((c) => ({ ...c })),
  };
}

/** A draft from a stored sweep file (grid ranges and listed values; the scenario's presets). */
export function fromSweepFile(v: unknown, fallback: SweepDraft): SweepDraft {
  const f = (v ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const sc = f.scenario?.inline ?? {};
  const knobs: KnobDraft[] = (f.knobs ?? []).map((k: Record<string, any>) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    if (k.range) return { knob: k.knob, from: k.range.from, to: k.range.to, step: k.range.step ?? (k.range.to - k.range.from || 1) };
    const vals: number[] = [...(k.values ?? [0])].sort((a, b) => a - b);
    const step = vals.length > 1 ? vals[1] - vals[0] : 1;
    return { knob: k.knob, from: vals[0], to: vals[vals.length - 1], step };
  });
  return {
    knobs: knobs.length ? knobs : fallback.knobs,
    sampling: f.sampling ?? { method: "grid" },
    presets: sc.presets ?? fallback.presets,
    steps: sc.steps ?? fallback.steps,
    runs: f.runs ?? sc.runs ?? fallback.runs,
    seed: f.seed ?? sc.seed ?? fallback.seed,
    objectives: (f.objectives ?? []).map((o: { objective: string }) => o.objective),
    constraints: f.constraints ?? [],
  };
}

/** The starting sweep for a design: two knobs of its first decision type ("general" when it
 *  has one), quorum around its value and voting delay from none to two days, five values
 *  each; participation contraction; continuity, capture risk and pass rate. */
export function defaultDraft(setup: SweepSetup): SweepDraft {
  const names = setup.knobs.map((k) => k.name);
  const dt = names.find((n) => n === "/decision_types/general/quorum")?.split("/")[2] ?? names.find((n) => n.endsWith("/quorum"))?.split("/")[2];
  const knobs: KnobDraft[] = [];
  if (dt) {
    // Around the design's own quorum (five values, 24 points wide), so that the first sweep asks
    // about the neighbourhood the designer is in rather than a fixed 4-16%.
    const cur = setup.knobs.find((k) => k.name === `/decision_types/${dt}/quorum`)?.current;
    const r2 = (x: number) => Math.round(x * 100) / 100;
    const from = r2(Math.min(0.74, Math.max(0.02, (typeof cur === "number" ? cur : 0.1) - 0.12)));
    knobs.push({ knob: `/decision_types/${dt}/quorum`, from, to: r2(from + 0.24), step: 0.06 });
    knobs.push({ knob: `/decision_types/${dt}/voting_delay`, from: 0, to: 172800, step: 43200 });
  }
  return {
    knobs,
    sampling: { method: "grid" },
    presets: ["participation_contraction"],
    steps: 365,
    runs: 100,
    seed: 1,
    objectives: ["continuity_impact", "risk/governance_capture_risk", "pass_rate"],
    constraints: [
      { objective: "continuity_impact", op: "<=", value: 0.2 },
      { objective: "pass_rate", op: ">=", value: 0.5 },
    ],
  };
}

/** A knob's short label: `general · quorum`, `tier large · max`, `participation · scale`. */
export function knobLabel(name: string): string {
  const p = name.replace(/^\//, "").split("/");
  if (p[0] === "decision_types") return `${p[1]} · ${p.slice(2).join(" ").replace(/_/g, " ")}`;
  if (p[0] === "treasury") return `tier ${p[2]} · ${p.slice(3).join(" ").replace(/_/g, " ")}`;
  return p.join(" · ").replace(/_/g, " ");
}

const SECONDS = /\/(voting_delay|voting_period|timelock)$/;
const SHARES = /\/(quorum|approval)$|^\/participation\/contraction$/;

/** A knob's value as a designer reads it: shares in %, durations in days or hours. */
export function formatKnob(name: string, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return "—";
  if (SHARES.test(name)) return `${trim(v * 100, 2)}%`;
  if (SECONDS.test(name)) {
    if (v === 0) return "0";
    if (v % 86400 === 0) return `${v / 86400} d`;
    if (v % 3600 === 0) return `${v / 3600} h`;
    return `${trim(v / 86400, 2)} d`;
  }
  return trim(v, 4);
}

function trim(v: number, digits: number): string {
  return String(Number(v.toFixed(digits)));
}

/** An objective's label. */
export function objectiveLabel(name: string): string {
  return name.replace(/^risk\//, "risk: ").replace(/_/g, " ");
}

/** A figure with about three significant digits (and its error when given). */
export function formatValue(v: number | null | undefined, se?: number | null): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const a = Math.abs(v);
  const s = a !== 0 && (a < 0.001 || a >= 1e6) ? v.toExponential(2) : a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(3);
  if (se === undefined) return s;
  if (se === null || !Number.isFinite(se)) return `${s} ± —`;
  const e = se !== 0 && (se < 0.001 || se >= 1e6) ? se.toExponential(1) : se >= 100 ? se.toFixed(0) : se >= 10 ? se.toFixed(1) : se.toFixed(3);
  return `${s} ± ${e}`;
}

/** One square of the heatmap. */
export interface HeatCell {
  cell: number;
  xi: number;
  yi: number;
  mean: number | null;
  se: number | null;
  feasible: boolean;
}

/** The heatmap of `objective` over knobs `x` and `y`, the other knobs held at `fixed`. */
export interface Heatmap {
  xs: number[];
  ys: number[];
  cells: HeatCell[];
  min: number;
  max: number;
}

export function heatmap(r: SweepResults, x: string, y: string, objective: string, fixed: Record<string, number> = {}): Heatmap {
  const rows = r.cells.cells.filter((c) => Object.entries(fixed).every(([k, v]) => k === x || k === y || c.knobs[k] === v));
  const distinct = (k: string) => [...new Set(rows.map((c) => c.knobs[k]).filter((v): v is number => v !== null))].sort((a, b) => a - b);
  const xs = distinct(x);
  const ys = distinct(y);
  const cells: HeatCell[] = [];
  let min = Infinity;
  let max = -Infinity;
  for (const c of rows) {
    const xi = xs.indexOf(c.knobs[x] as number);
    const yi = ys.indexOf(c.knobs[y] as number);
    if (xi < 0 || yi < 0) continue;
    const o = c.objectives[objective] ?? { mean: null, se: null };
    if (o.mean !== null) {
      min = Math.min(min, o.mean);
      max = Math.max(max, o.mean);
    }
    cells.push({ cell: c.cell, xi, yi, mean: o.mean, se: o.se, feasible: c.feasible });
  }
  return { xs, ys, cells, min, max };
}

/** A colour-blind-safe sequential ramp (viridis stops), from worst (0) to best (1). */
const RAMP = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"];

/** The colour of `v` in [min, max]; `minimize` puts low values at the bright (best) end. */
export function heatColour(v: number | null, min: number, max: number, direction: "minimize" | "maximize"): string {
  if (v === null || !Number.isFinite(v)) return "#9aa0a6";
  let t = max > min ? (v - min) / (max - min) : 0.5;
  if (direction === "minimize") t = 1 - t;
  const s = Math.min(RAMP.length - 1.000001, Math.max(0, t * (RAMP.length - 1)));
  const i = Math.floor(s);
  const f = s - i;
  const [a, b] = [hex(RAMP[i]), hex(RAMP[i + 1])];
  const mix = a.map((c, k) => Math.round(c + (b[k] - c) * f));
  return `rgb(${mix[0]}, ${mix[1]}, ${mix[2]})`;
}

function hex(h: string): number[] {
  return [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
}

/** Dark or light text, whichever reads on the colour `rgb(r, g, b)`. */
export function inkOn(colour: string): string {
  const m = colour.match(/\d+/g)?.map(Number) ?? [0, 0, 0];
  const lum = (0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]) / 255;
  return lum > 0.5 ? "#111" : "#fff";
}

/** Round tick values covering [min, max] (about `n` of them). */
export function ticks(min: number, max: number, n = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max === min) return [min];
  const raw = (max - min) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  // Counted in whole steps and printed at the step's precision: 3 × 0.2 is 0.6, not 0.6000000000000001.
  const digits = Math.max(0, 2 - Math.floor(Math.log10(step)));
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) out.push(Number((k * step).toFixed(digits)));
  return out;
}

/** A tick's label: as `ticks` rounded it ("0.2", "3"), not padded to three decimals ("0.200");
 *  large or tiny values in the compact form of `formatValue`. */
export function tickLabel(t: number): string {
  const a = Math.abs(t);
  return a !== 0 && (a >= 1e5 || a < 0.001) ? formatValue(t) : String(t);
}

/** The engine's recommendation in words with its long figures shortened: a sampled sweep's
 *  values are drawn, not chosen, so they print as `0.14743036270141602`; four significant
 *  digits read (`0.1474`). Figures of up to six decimals are left as written. */
export function shortenFigures(text: string): string {
  return text.replace(/-?\d+\.\d{7,}/g, (m) => String(Number(Number(m).toPrecision(4))));
}

/** A linear scale from [d0, d1] to [r0, r1] (the middle of the range when d0 = d1). */
export function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** A point of the Pareto scatter. */
export interface ParetoPoint {
  cell: number;
  x: number;
  y: number;
  xse: number | null;
  yse: number | null;
  front: boolean;
  feasible: boolean;
}

/** Every cell with both objectives measured, marked when on the engine's Pareto front. */
export function paretoPoints(r: SweepResults, x: string, y: string): ParetoPoint[] {
  const front = new Set(r.pareto.cells.map((c) => c.cell));
  return r.cells.cells
    .filter((c) => c.objectives[x]?.mean != null && c.objectives[y]?.mean != null)
    .map((c) => ({
      cell: c.cell,
      x: c.objectives[x].mean as number,
      y: c.objectives[y].mean as number,
      xse: c.objectives[x].se,
      yse: c.objectives[y].se,
      front: front.has(c.cell),
      feasible: c.feasible,
    }));
}

/** One bar of the tornado chart: a knob's sensitivity with its 95% half-width. */
export interface TornadoRow {
  knob: string;
  value: number;
  conf: number | null;
  /** Sobol first order (drawn as a tick inside the total-order bar), or Morris σ. */
  second: number | null;
}

/** Morris μ* (grid or trajectories) or Sobol total order of each knob for `objective`, largest
 *  first; knobs without an index are left out. */
export function tornado(r: SweepResults, objective: string): { measure: string; rows: TornadoRow[] } {
  const per = r.sensitivity.objectives[objective] ?? {};
  const sobol = r.sensitivity.method === "sobol";
  const rows: TornadoRow[] = [];
  for (const knob of r.sensitivity.knobs) {
    const e = per[knob] as (SweepMorris & SweepSobol) | undefined;
    if (!e) continue;
    const value = sobol ? e.st : e.mu_star;
    if (value === null || value === undefined || !Number.isFinite(value)) continue;
    rows.push({ knob, value, conf: sobol ? e.st_conf : e.mu_star_conf, second: sobol ? e.s1 : e.sigma });
  }
  rows.sort((a, b) => b.value - a.value || a.knob.localeCompare(b.knob));
  const measure = sobol ? "Sobol total order (S_T)" : "Morris μ* (mean |elementary effect| per knob range)";
  return { measure, rows };
}

/** How a knob's axis reads: its values times `factor` in `unit` (shares in %, durations in
 *  days), so that a continuous axis gets round ticks in the designer's units. */
export function knobAxis(name: string): { unit: string; factor: number } {
  if (SHARES.test(name)) return { unit: "%", factor: 100 };
  if (SECONDS.test(name)) return { unit: "days", factor: 1 / 86400 };
  return { unit: "", factor: 1 };
}

/** A knob's axis title with its unit: `general · quorum (%)`. */
export function knobAxisLabel(name: string): string {
  const u = knobAxis(name).unit;
  return u ? `${knobLabel(name)} (${u})` : knobLabel(name);
}

/** One point of the scatter of a sampled sweep: a cell at its two knobs' values. */
export interface ScatterPoint {
  cell: number;
  x: number;
  y: number;
  mean: number | null;
  se: number | null;
  feasible: boolean;
}

/** The cells of a sampled sweep over knobs `x` and `y` (every cell: a sampled design has no
 *  "other knobs held fixed"), with the value range of `objective` for the colour and the knobs'
 *  extents for the axes. */
export interface Scatter {
  points: ScatterPoint[];
  min: number;
  max: number;
  xr: [number, number];
  yr: [number, number];
}

export function scatter(r: SweepResults, x: string, y: string, objective: string): Scatter {
  const points: ScatterPoint[] = [];
  let min = Infinity;
  let max = -Infinity;
  for (const c of r.cells.cells) {
    const vx = c.knobs[x];
    const vy = c.knobs[y];
    if (vx === null || vx === undefined || vy === null || vy === undefined) continue;
    const o = c.objectives[objective] ?? { mean: null, se: null };
    if (o.mean !== null) {
      min = Math.min(min, o.mean);
      max = Math.max(max, o.mean);
    }
    points.push({ cell: c.cell, x: vx, y: vy, mean: o.mean, se: o.se, feasible: c.feasible });
  }
  const extent = (v: number[]): [number, number] => (v.length ? [Math.min(...v), Math.max(...v)] : [0, 1]);
  return { points, min, max, xr: extent(points.map((p) => p.x)), yr: extent(points.map((p) => p.y)) };
}
