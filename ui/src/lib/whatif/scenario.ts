// What the What-if view composes and reads: scenarios in the simulator's format (presets
// expanded into explicit shocks so each parameter has a slider), the report's shape, and the
// figures it shows against the baseline. Pure functions; the view holds the state.

import type { WhatifSetup } from "../backend/types";
import type { Shock, SimReport, SimScenario, SimSide } from "../bindings/ipc";

// The scenario's shocks and the simulator's report are generated from the Rust types
// (cogov_sim; ../bindings/ipc.ts), not mirrored here.
export type { AttackResult, PowerAttackResult, RiskDelta as RiskDeltaEntry, Shock, SimBand, SimReport, SimSide, SimSummary } from "../bindings/ipc";

// The report's paired deltas (`cogov_sim::Deltas`, `report.deltas`). A mirror until the
// bindings are regenerated with them (the Rust field is `ts(skip)` for now); keep it in step
// with crates/sim/src/lib.rs and stats.rs.
/** A change against the baseline: the mean paired difference, its standard error and 95% interval. */
export interface SimDelta {
  mean: number;
  se: number;
  lo: number;
  hi: number;
  /** The interval contains 0. */
  within_noise: boolean;
  pairs: number;
}
/** One proposal type's outcome changes per run. */
export interface SimTypeDeltas {
  id: string;
  passed: SimDelta | null;
  no_quorum: SimDelta | null;
  rejected: SimDelta | null;
  no_signers: SimDelta | null;
}
/** Every change the What-if shows, with its uncertainty. */
export interface SimDeltas {
  final_balance: SimDelta | null;
  passed: SimDelta | null;
  pass_rate: SimDelta | null;
  turnout: SimDelta | null;
  continuity_impact: SimDelta | null;
  insolvent_share: SimDelta | null;
  runway_steps: SimDelta | null;
  throughput_variance: SimDelta | null;
  per_type: SimTypeDeltas[];
}

/** A report's paired deltas (`null` in reports saved before they were computed). */
export function deltasOf(r: SimReport): SimDeltas | null {
  return (r as SimReport & { deltas?: SimDeltas }).deltas ?? null;
}

/** The shock kinds of RSM v1, as spelled in scenario files. */
export type ShockKind = Shock["kind"];

/** A scenario as the view edits it: explicit shocks and the settings (a part of `SimScenario`). */
export type WhatifScenario = Required<Pick<SimScenario, "steps" | "runs" | "seed" | "shocks">> & { name: string };

/** The five seed scenarios, then the combined one (examples/scenarios/combined-stress.json). */
export const PRESETS: { id: string; label: string; parts: string[] }[] = [
  { id: "participation_contraction", label: "Participation contraction", parts: ["participation_contraction"] },
  { id: "emergency_treasury_freeze", label: "Emergency treasury freeze", parts: ["emergency_treasury_freeze"] },
  { id: "incentive_concentration_shock", label: "Incentive concentration", parts: ["incentive_concentration_shock"] },
  { id: "leadership_removal", label: "Leadership removal", parts: ["leadership_removal"] },
  { id: "rapid_scaling_stress", label: "Rapid scaling stress", parts: ["rapid_scaling_stress"] },
  { id: "combined_stress", label: "Combined stress", parts: ["participation_contraction", "leadership_removal", "emergency_treasury_freeze"] },
];

/** A scenario's name for people: the preset's label, else the name with spaces. */
export function scenarioLabel(name: string): string {
  return PRESETS.find((p) => p.id === name)?.label ?? name.replaceAll("_", " ");
}

export const SHOCK_LABELS: Record<ShockKind, string> = {
  participation_contraction: "Participation contraction",
  leadership_removal: "Leadership removal",
  incentive_concentration: "Incentive concentration",
  treasury_freeze: "Treasury freeze",
  rapid_scaling: "Rapid scaling",
};

/** The run counts the runs slider steps through. */
export const RUN_STEPS = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000];

/** The default settings: a year of days, 100 runs (the slider budget), seed 1. */
export function emptyScenario(): WhatifScenario {
  return { name: "custom", steps: 365, runs: 100, seed: 1, shocks: [] };
}

/** The shocks of a preset (or the combined one), expanded for this design by the engine. */
export function presetShocks(setup: WhatifSetup, presetId: string): Shock[] {
  const preset = PRESETS.find((p) => p.id === presetId);
  if (!preset) return [];
  return preset.parts.flatMap((part) => (setup.presets.find((p) => p.id === part)?.shocks ?? []) as Shock[]).map((s) => ({ ...s }));
}

/** A new shock of `kind` with middling parameters for a run of `steps` steps. */
export function newShock(kind: ShockKind, steps: number, setup: WhatifSetup): Shock {
  const third = Math.floor(steps / 3);
  const half = Math.floor(steps / 2);
  switch (kind) {
    case "participation_contraction":
      return { kind, at: third, factor: 0.5 };
    case "leadership_removal":
      return { kind, at: half, count: Math.min(3, Math.max(1, setup.members)) };
    case "incentive_concentration":
      return { kind, at: third, share: 0.33, top: Math.min(5, Math.max(1, setup.members)) };
    case "treasury_freeze":
      return { kind, from: half, until: Math.min(steps, half + 30) };
    case "rapid_scaling":
      return { kind, from: Math.floor(steps / 4), until: half, joiners_per_step: Math.max(1, Math.ceil(setup.members / 100)), weight: round(setup.mean_weight || 1, 4), propensity: 0.1 };
  }
}

function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}

/** A slider of one shock parameter. */
export interface Param {
  key: string;
  label: string;
  min: number;
  max: number;
  step: number;
}

/** The sliders of a shock, bounded by the run length and the design's membership. */
export function params(shock: Shock, steps: number, setup: WhatifSetup): Param[] {
  const last = Math.max(0, steps - 1);
  const members = Math.max(1, setup.members);
  const step = (key: string, label: string, max = last): Param => ({ key, label, min: 0, max, step: 1 });
  switch (shock.kind) {
    case "participation_contraction":
      return [step("at", "at step"), { key: "factor", label: "participation lost", min: 0, max: 1, step: 0.01 }];
    case "leadership_removal":
      return [step("at", "at step"), { key: "count", label: "members leaving", min: 0, max: Math.min(members, 100), step: 1 }];
    case "incentive_concentration":
      return [step("at", "at step"), { key: "share", label: "weight moved", min: 0, max: 1, step: 0.01 }, { key: "top", label: "to the top", min: 1, max: Math.min(members, 100), step: 1 }];
    case "treasury_freeze":
      return [step("from", "from step"), step("until", "until step", steps)];
    case "rapid_scaling":
      return [
        step("from", "from step"),
        step("until", "until step", steps),
        { key: "joiners_per_step", label: "joiners per step", min: 0, max: Math.max(10, Math.ceil(members / 20)), step: 1 },
        { key: "propensity", label: "joiners' propensity", min: 0, max: 1, step: 0.01 },
      ];
  }
}

/** A shock with one parameter set, keeping windows in order (`until` never before `from`). */
export function setParam(shock: Shock, key: string, value: number): Shock {
  const next = { ...shock, [key]: value } as Shock;
  if (next.kind === "treasury_freeze" || next.kind === "rapid_scaling") {
    if (key === "from" && next.until < next.from) next.until = next.from;
    if (key === "until" && next.until < next.from) next.from = next.until;
  }
  return next;
}

/** The scenario file the simulator reads (`whatif_run`, `cogov simulate`). */
export function toScenarioJson(s: WhatifScenario): Record<string, unknown> {
  return { name: s.name, steps: s.steps, runs: s.runs, seed: s.seed, shocks: s.shocks.map((x) => ({ ...x })) };
}

/** A stored scenario back in the view's terms (presets expanded with `setup`). */
export function fromScenarioJson(v: unknown, setup: WhatifSetup): WhatifScenario {
  const o = (v ?? {}) as Record<string, unknown>;
  const base = emptyScenario();
  const presets = Array.isArray(o.presets) ? (o.presets as string[]) : [];
  const shocks = [...presets.flatMap((p) => presetShocks(setup, p)), ...((Array.isArray(o.shocks) ? o.shocks : []) as Shock[])];
  return {
    name: typeof o.name === "string" ? o.name : base.name,
    steps: typeof o.steps === "number" ? o.steps : base.steps,
    runs: typeof o.runs === "number" ? o.runs : 1000,
    seed: typeof o.seed === "number" ? o.seed : 0,
    shocks,
  };
}

/** One row of the figures table: a figure of the scenario(s) against the baseline. */
export interface FigureRow {
  id: string;
  label: string;
  /** The baseline's value (null: not defined for the baseline). */
  baseline: number | null;
  /** The standard error of the baseline's mean (null: none reported). */
  baselineSe: number | null;
  /** Each scenario's value, in the order given. */
  values: (number | null)[];
  /** Each scenario's standard error of its mean. */
  ses: (number | null)[];
  /** Each scenario's change against the baseline with its interval (the engine's paired delta). */
  deltas: (SimDelta | null)[];
  unit: "share" | "steps" | "count" | "money" | "var";
  /** True when a larger value is worse (for the colour of a real change). */
  higherIsWorse: boolean;
}

/** The figures the view compares against the baseline, derived figures first. */
export function figureRows(reports: SimReport[]): FigureRow[] {
  const first = reports[0];
  if (!first) return [];
  type Key = Exclude<keyof SimDeltas, "per_type">;
  const row = (id: Key, label: string, unit: FigureRow["unit"], higherIsWorse: boolean, base: number | null, baseSe: number | null, of: (r: SimReport) => number | null, se: (r: SimReport) => number | null = () => null): FigureRow => ({
    id,
    label,
    unit,
    higherIsWorse,
    baseline: base,
    baselineSe: baseSe,
    values: reports.map(of),
    ses: reports.map(se),
    deltas: reports.map((r) => deltasOf(r)?.[id] ?? null),
  });
  const mean = (side: SimSide, k: keyof SimSide["figures"]) => side.figures[k]?.mean ?? null;
  const se = (side: SimSide, k: keyof SimSide["figures"]) => side.figures[k]?.se ?? null;
  // A share's standard error over runs: sqrt(p (1 − p) / runs).
  const shareSe = (p: number, runs: number) => Math.sqrt((p * (1 - p)) / Math.max(1, runs));
  const b = first.baseline;
  return [
    row("continuity_impact", "Continuity impact", "share", true, 0, null, (r) => r.derived.continuity_impact, (r) => deltasOf(r)?.continuity_impact?.se ?? null),
    row("insolvent_share", "Runs ever insolvent", "share", true, first.derived.solvency.baseline_insolvent_share, shareSe(first.derived.solvency.baseline_insolvent_share, first.runs), (r) => r.derived.solvency.insolvent_share, (r) => shareSe(r.derived.solvency.insolvent_share, r.runs)),
    row("runway_steps", "Runway (steps)", "steps", false, first.derived.solvency.baseline_runway_steps, null, (r) => r.derived.solvency.runway_steps),
    row("throughput_variance", "Throughput variance", "var", true, first.derived.throughput_variance.baseline.mean, first.derived.throughput_variance.baseline.se, (r) => r.derived.throughput_variance.scenario.mean, (r) => r.derived.throughput_variance.scenario.se),
    row("pass_rate", "Pass rate", "share", false, mean(b, "pass_rate"), se(b, "pass_rate"), (r) => mean(r.scenario, "pass_rate"), (r) => se(r.scenario, "pass_rate")),
    row("turnout", "Turnout", "share", false, mean(b, "turnout"), se(b, "turnout"), (r) => mean(r.scenario, "turnout"), (r) => se(r.scenario, "turnout")),
    row("passed", "Passed per run", "count", false, mean(b, "passed"), se(b, "passed"), (r) => mean(r.scenario, "passed"), (r) => se(r.scenario, "passed")),
    row("final_balance", "Final balance", "money", false, mean(b, "final_balance"), se(b, "final_balance"), (r) => mean(r.scenario, "final_balance"), (r) => se(r.scenario, "final_balance")),
  ];
}

/** What a change means: `noise` when its 95% interval holds 0 (shown neutral), else `better`
 * or `worse` by the figure's direction; `null` without an interval (an older saved report:
 * no colour either, since nothing says the change is real). */
export function verdict(d: SimDelta | null | undefined, higherIsWorse: boolean): "noise" | "better" | "worse" | null {
  if (!d) return null;
  if (d.within_noise) return "noise";
  return d.mean > 0 === higherIsWorse ? "worse" : "better";
}

/** A standard error in the figure's unit: "± 1.2 %" (shares in points). */
export function formatSe(se: number | null, unit: FigureRow["unit"]): string {
  if (se === null || !Number.isFinite(se)) return "";
  const shown = unit === "share" ? `${(se * 100).toFixed(1)} pts` : unit === "money" || unit === "steps" ? Math.round(se).toLocaleString("en-GB") : unit === "count" ? se.toFixed(2) : se.toFixed(3);
  return `± ${shown}`;
}

/** The 95% interval of a change: "−3.1 to +5.2 pts". */
export function formatInterval(d: SimDelta, unit: FigureRow["unit"]): string {
  const one = (v: number) => formatDelta({ ...d, mean: v, lo: 0, hi: 0 }, unit).split(" ±")[0];
  return `${one(d.lo)} to ${one(d.hi)}${unit === "share" ? " pts" : ""}`;
}

/** A change with its 95% interval as a half-width: "+12.0 ± 3.1 pts", "−51,501 ± 40,196". */
export function formatDelta(d: SimDelta, unit: FigureRow["unit"]): string {
  const half = (d.hi - d.lo) / 2;
  const a = Math.abs(d.mean);
  const num = (v: number) => {
    switch (unit) {
      case "share":
        return (v * 100).toFixed(1);
      case "steps":
      case "money":
        return Math.round(v).toLocaleString("en-GB");
      case "count":
        return v.toFixed(2);
      case "var":
        return v.toFixed(3);
    }
  };
  const m = num(a);
  const sign = !/[1-9]/.test(m) ? "±" : d.mean > 0 ? "+" : "−";
  return `${sign === "±" ? "" : sign}${m} ± ${num(half)}${unit === "share" ? " pts" : ""}`;
}

/** A figure in its unit; runway `null` is infinite (the treasury does not shrink). */
export function formatFigure(v: number | null, unit: FigureRow["unit"]): string {
  if (v === null || Number.isNaN(v)) return unit === "steps" ? "∞" : "—";
  switch (unit) {
    case "share":
      return `${(v * 100).toFixed(1)} %`;
    case "steps":
      return v >= 100000 ? "> 100,000" : Math.round(v).toLocaleString("en-GB");
    case "count":
      return v.toFixed(1);
    case "money":
      return Math.round(v).toLocaleString("en-GB");
    case "var":
      return v.toFixed(3);
  }
}

/** The change from the baseline as words and sign: "+12.0 pts", "−3.1", "±0". */
export function formatChange(v: number | null, base: number | null, unit: FigureRow["unit"]): string {
  if (v === null || base === null || Number.isNaN(v) || Number.isNaN(base)) return "";
  const d = v - base;
  const a = Math.abs(d);
  const shown = (() => {
    switch (unit) {
      case "share":
        return `${(a * 100).toFixed(1)} pts`;
      case "steps":
      case "money":
        return Math.round(a).toLocaleString("en-GB");
      case "count":
        return a.toFixed(1);
      case "var":
        return a.toFixed(3);
    }
  })();
  // A change that rounds away is no change on screen: never "−0".
  if (!/[1-9]/.test(shown)) return "±0";
  return `${d > 0 ? "+" : "−"}${shown}`;
}

/** An SVG document the simulator drew, as an image URL: an <img> never runs what it holds. */
export function svgUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
