// The mock backend's sweep: a deterministic fake of `cogov_sim::sweep` shaped exactly like its
// results, whose objectives move with quorum in the obvious direction (a higher quorum decides
// less often under a contraction, and costs more to capture), so the Sweep view's logic can be
// exercised without the engine.

import type { SweepSetup } from "./types";
import type { SweepCellRow as CellRow, SweepObjective as ObjectiveDir } from "../bindings/ipc";
import type { SweepResults } from "../sweep/model";
import { rangeValues } from "../sweep/model";

type O = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OBJECTIVES: [string, "minimize" | "maximize"][] = [
  ["pass_rate", "maximize"],
  ["turnout", "maximize"],
  ["continuity_impact", "minimize"],
  ["risk/governance_capture_risk", "minimize"],
  ["risk/decision_paralysis_risk", "minimize"],
];

/** The knobs `cogov_sim::sweep::knobs::catalogue` lists for a design. */
export function mockSweepSetup(gco: O): SweepSetup {
  const knobs = [];
  for (const dt of (gco.decision_types ?? []) as O[]) {
    for (const f of ["quorum", "approval", "voting_delay", "voting_period", "timelock", "expected_rate"]) {
      const share = f === "quorum" || f === "approval";
      const integer = ["voting_delay", "voting_period", "timelock"].includes(f);
      knobs.push({ name: `/decision_types/${dt.id}/${f}`, design: true, integer, min: 0, max: share ? 1 : 1e15, current: typeof dt[f] === "number" ? dt[f] : null });
    }
  }
  knobs.push({ name: "/participation/scale", design: false, integer: false, min: 0, max: 1e15, current: null });
  knobs.push({ name: "/participation/contraction", design: false, integer: false, min: 0, max: 1, current: null });
  return {
    knobs,
    objectives: OBJECTIVES.map(([name, direction]) => ({ name, direction })),
    presets: ["participation_contraction", "emergency_treasury_freeze", "incentive_concentration_shock", "leadership_removal", "rapid_scaling_stress"],
    max_visits: 1.2e11,
  };
}

function figures(k: Record<string, number>, contraction: boolean): Record<string, number> {
  const q = Object.entries(k).find(([n]) => n.endsWith("/quorum"))?.[1] ?? 0.1;
  const c = contraction ? (k["/participation/contraction"] ?? 0.5) : 0;
  return {
    pass_rate: Math.max(0, 0.9 - q * 2 - c * 0.3),
    turnout: 0.3 * (1 - c),
    continuity_impact: Math.min(1, q * 1.5 * (0.2 + c)),
    "risk/governance_capture_risk": Math.max(0, 0.6 - q * 2),
    "risk/decision_paralysis_risk": Math.min(1, q * 2),
  };
}

const holds = (op: string, x: number, v: number) => (op === "<=" ? x <= v : op === ">=" ? x >= v : op === "<" ? x < v : x > v);

/** The sweep's results for the grid of `spec` (a sweep file with its scenario inline). */
export function mockSweep(spec: O): SweepResults {
  const knobs: { knob: string; values: number[] }[] = (spec.knobs ?? []).map((k: O) => ({ knob: k.knob, values: k.values ?? rangeValues(k.range) }));
  const presets: string[] = spec.scenario?.inline?.presets ?? [];
  const contraction = presets.includes("participation_contraction");
  const chosen: ObjectiveDir[] = (spec.objectives ?? []).map((o: O) => ({ objective: o.objective, direction: OBJECTIVES.find(([n]) => n === o.objective)?.[1] ?? "minimize" }));
  const constraints: O[] = spec.constraints ?? [];
  let grid: number[][] = [[]];
  for (const k of knobs) grid = grid.flatMap((g) => k.values.map((v) => [...g, v]));
  const cells: CellRow[] = grid.map((vals, cell) => {
    const kv = Object.fromEntries(knobs.map((k, i) => [k.knob, vals[i]]));
    const f = figures(kv, contraction);
    const objectives = Object.fromEntries(Object.entries(f).map(([n, m]) => [n, { mean: m, se: n.startsWith("risk/") ? 0 : 0.01 }]));
    const feasible = constraints.every((c) => holds(c.op, f[c.objective] ?? NaN, c.value));
    return { cell, knobs: kv, objectives, feasible };
  });
  const better = (a: CellRow, b: CellRow) => {
    let strictly = false;
    for (const { objective, direction } of chosen) {
      const [x, y] = [a.objectives[objective].mean as number, b.objectives[objective].mean as number];
      const [p, q] = direction === "minimize" ? [-x, -y] : [x, y];
      if (p < q) return false;
      strictly ||= p > q;
    }
    return strictly;
  };
  const front = cells.filter((c) => !cells.some((o) => o !== c && better(o, c)));
  const ranked = cells
    .filter((c) => c.feasible)
    .sort((a, b) => {
      for (const { objective, direction } of chosen) {
        const d = (a.objectives[objective].mean as number) - (b.objectives[objective].mean as number);
        if (d !== 0) return direction === "minimize" ? d : -d;
      }
      return a.cell - b.cell;
    });
  const sens: Record<string, Record<string, O>> = {};
  for (const [name] of OBJECTIVES) {
    sens[name] = {};
    knobs.forEach((k, i) => {
      const span = k.values.length > 1 ? 1 / (k.values.length - 1) : 1;
      const effects = cells.flatMap((c) => {
        const next = cells.find((o) => knobs.every((kk, j) => (j === i ? o.knobs[kk.knob] === k.values[k.values.indexOf(c.knobs[k.knob] as number) + 1] : o.knobs[kk.knob] === c.knobs[kk.knob])));
        return next ? [((next.objectives[name].mean as number) - (c.objectives[name].mean as number)) / span] : [];
      });
      const abs = effects.map(Math.abs);
      const mean = (x: number[]) => (x.length ? x.reduce((a, b) => a + b, 0) / x.length : null);
      sens[name][k.knob] = { effects: effects.length, mu: mean(effects), mu_star: mean(abs), mu_star_conf: (mean(abs) ?? 0) * 0.1, sigma: 0 };
    });
  }
  const best = ranked[0] ?? null;
  const explanation = knobs.map((k) => `\`${k.knob}\`: ${ranked.length ? ranked.map((c) => c.knobs[k.knob]).sort((a, b) => (a as number) - (b as number))[0] : "none"} among the cells that meet every constraint.`);
  return {
    cells: { fingerprint: "sha256:mock", runs: spec.runs ?? 100, seed: spec.seed ?? 0, steps: spec.scenario?.inline?.steps ?? 365, sampling: { method: "grid" }, unit: [], knobs: knobs.map((k) => k.knob), objectives: OBJECTIVES.map(([objective, direction]) => ({ objective, direction })), cells },
    pareto: { objectives: chosen, cells: front },
    sensitivity: { method: "morris_grid", confidence: 0.95, resamples: 1000, knobs: knobs.map((k) => k.knob), objectives: sens as SweepResults["sensitivity"]["objectives"] },
    recommendation: {
      constraints: constraints.map((c) => `${c.objective} ${c.op} ${c.value}`),
      objectives: chosen,
      feasible: ranked.length,
      cells: cells.length,
      explanation,
      ranked: ranked.slice(0, 10),
      recommended: best?.cell ?? null,
      change: best ? { changes: knobs.filter((k) => k.knob.startsWith("/decision_types/")).map((k) => ({ pointer: k.knob, label: k.knob, domain: "decision_types", kind: "changed" as const, old: null, new: best.knobs[k.knob], bump: "minor" as const, why: "" })), suggested: "minor" as const } : null,
    },
    recommendation_md: best ? `# Sweep recommendation\n\nRecommended: cell ${best.cell}\n` : "# Sweep recommendation\n\nNo cell meets every constraint.\n",
  };
}

/** The design with the cell's design knobs applied (as `Sweep::cell_design`). */
export function mockCellDesign(gco: O, knobs: Record<string, number | null>): O {
  const g = structuredClone(gco);
  for (const [name, v] of Object.entries(knobs)) {
    const p = name.split("/");
    if (p[1] !== "decision_types" || v === null) continue;
    const dt = (g.decision_types ?? []).find((d: O) => d.id === p[2]);
    if (dt) dt[p.slice(3).join("/")] = v;
  }
  return g;
}
