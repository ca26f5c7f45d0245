// The mock backend's simulator: a deterministic fake report shaped exactly like the
// engine's (`cogov_sim::Report`), whose figures move with the shocks in the obvious
// direction, so the What-if view's logic can be exercised without the engine.

import type { Chart, ScoreName, WhatifSetup } from "./types";
import type { RiskDeltaEntry, Shock, SimBand, SimDelta, SimDeltas, SimReport, SimSide, SimSummary } from "../whatif/scenario";

type O = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The design's starting membership and mean weight, as the simulator would read them. */
export function mockMembers(gco: O): { members: number; meanWeight: number; roles: string[] } {
  const explicit: O[] = gco.members?.explicit ?? [];
  const pop = gco.members?.population;
  const members = explicit.length + (pop?.count ?? 0);
  const total = explicit.reduce((a, m) => a + (m.weight ?? 1), 0) + (pop?.count ?? 0);
  const roles = [...new Set(explicit.flatMap((m) => m.roles ?? []).concat(pop?.roles ?? []))].sort();
  return { members, meanWeight: members ? total / members : 1, roles };
}

/** The presets expanded as `cogov_sim::Preset::shocks` does. */
export function mockSetup(gco: O, steps: number): WhatifSetup {
  const { members, meanWeight, roles } = mockMembers(gco);
  const third = Math.floor(steps / 3);
  const half = Math.floor(steps / 2);
  const presets: [string, Shock[]][] = [
    ["participation_contraction", [{ kind: "participation_contraction", at: third, factor: 0.5 }]],
    ["emergency_treasury_freeze", [{ kind: "treasury_freeze", from: half, until: Math.min(steps, half + 30) }]],
    ["incentive_concentration_shock", [{ kind: "incentive_concentration", at: third, share: 1 / 3, top: 5 }]],
    ["leadership_removal", [{ kind: "leadership_removal", at: half, count: 3 }]],
    ["rapid_scaling_stress", [{ kind: "rapid_scaling", from: Math.floor(steps / 4), until: half, joiners_per_step: Math.max(1, Math.ceil(members / 100)), weight: meanWeight, propensity: 0.1 }]],
  ];
  return { members, mean_weight: meanWeight, roles, presets: presets.map(([id, shocks]) => ({ id, shocks })) };
}

const summary = (mean: number): SimSummary => ({ mean, std: 0, se: 0, p5: mean, p50: mean, p95: mean });
const band = (f: (t: number) => number, steps: number): SimBand => {
  const p50 = Array.from({ length: steps }, (_, t) => f(t));
  return { p5: p50.map((v) => v * 0.95), p50, p95: p50.map((v) => v * 1.05) };
};

/** How much each shock cuts the pass rate from its first step, and the freeze windows. */
function effects(shocks: Shock[], members: number) {
  let cut = 0;
  let first: number | null = null;
  const freezes: [number, number][] = [];
  const mark = (t: number) => (first = first === null ? t : Math.min(first, t));
  for (const s of shocks) {
    switch (s.kind) {
      case "participation_contraction":
        cut += s.factor * 0.4;
        mark(s.at);
        break;
      case "leadership_removal":
        cut += Math.min(1, s.count / Math.max(1, members)) * 0.5;
        mark(s.at);
        break;
      case "incentive_concentration":
        cut += s.share * 0.1;
        mark(s.at);
        break;
      case "treasury_freeze":
        if (s.until > s.from) (freezes.push([s.from, s.until]), mark(s.from));
        break;
      case "rapid_scaling":
        if (s.until > s.from) (mark(s.from), (cut += Math.min(0.5, (s.joiners_per_step * (s.until - s.from)) / Math.max(1, members)) * (1 - s.propensity) * 0.3));
        break;
    }
  }
  return { cut: Math.min(cut, 0.95), first: first as number | null, freezes };
}

function side(steps: number, runs: number, cut: number, from: number, freezes: [number, number][]): SimSide {
  const rate = 0.7;
  const passAt = (t: number) => (t >= from ? rate * (1 - cut) : rate);
  const frozen = (t: number) => freezes.some(([a, b]) => t >= a && t < b);
  const balanceAt = (t: number) => 100000 + 150 * (t + 1) - 400 * Array.from({ length: t + 1 }, (_, u) => (frozen(u) ? 0 : passAt(u))).reduce((a, b) => a + b, 0);
  const passed = Array.from({ length: steps }, (_, t) => passAt(t)).reduce((a, b) => a + b, 0);
  const final = balanceAt(steps - 1);
  const outflow = (100000 - final) / steps;
  return {
    figures: {
      turnout: summary(0.4 * (1 - cut / 2)),
      pass_rate: summary(passed / steps),
      passed: summary(passed),
      final_balance: summary(final),
      min_balance: summary(Math.min(100000, final)),
      throughput_mean: summary(passed / steps),
      throughput_variance: summary(0.2 + cut * 0.3 + (runs > 0 ? 0 : 0)),
      // Every figure the engine reports (SimFigures, generated), the ones the view does not chart at 0.
      no_quorum: summary(0),
      rejected: summary(0),
      no_signers: summary(0),
      executed: summary(passed),
      blocked: summary(0),
      insolvent: summary(0),
    },
    per_type: [],
    balance: band(balanceAt, steps),
    passed: band(passAt, steps),
    insolvent_share: 0,
    runway_steps: outflow > 0 ? final / outflow : null,
  };
}

/** A fake paired delta: the difference with a standard error of a fifth of it plus a floor of
 * `noise` (so a change smaller than about twice the floor is within noise, as the engine's). */
function delta(s: number | null, b: number | null, noise: number, runs: number): SimDelta | null {
  if (s === null || b === null) return null;
  const mean = s - b;
  const se = Math.abs(mean) * 0.2 + noise;
  const lo = mean - 1.96 * se;
  const hi = mean + 1.96 * se;
  return { mean, se, lo, hi, within_noise: lo <= 0 && 0 <= hi, pairs: runs };
}

function pairedDeltas(s: SimSide, b: SimSide, impact: number | null, runs: number): SimDeltas {
  const f = (k: keyof SimSide["figures"], noise: number) => delta(s.figures[k].mean, b.figures[k].mean, noise, runs);
  return {
    final_balance: f("final_balance", 500),
    passed: f("passed", 1),
    pass_rate: f("pass_rate", 0.005),
    turnout: f("turnout", 0.005),
    continuity_impact: impact === null ? null : delta(impact, 0, 0.01, runs),
    insolvent_share: delta(s.insolvent_share, b.insolvent_share, 0.01, runs),
    runway_steps: delta(s.runway_steps, b.runway_steps, 5, runs),
    throughput_variance: f("throughput_variance", 0.01),
    per_type: [],
  };
}

/** A fake report of `scenario` on the design: the same shape as the engine's. */
export function mockReport(gco: O, scenario: O): SimReport {
  const steps: number = scenario.steps ?? 365;
  const runs: number = scenario.runs ?? 1000;
  const seed: number = scenario.seed ?? 0;
  const shocks = (scenario.shocks ?? []) as Shock[];
  const { members } = mockMembers(gco);
  const { cut, first, freezes } = effects(shocks, members);
  const watch = first ?? steps;
  const s = side(steps, runs, cut, watch, freezes);
  const b = side(steps, runs, 0, watch, []);
  const concentration = shocks.reduce((a, x) => a + (x.kind === "incentive_concentration" ? x.share : 0), 0);
  const deltas: RiskDeltaEntry[] = [
    ["authority_concentration", 0.1, 0.1 + concentration * 0.3],
    ["governance_capture_risk", 0.3, 0.3 + concentration * 0.2],
    ["treasury_centralisation", 0.2, 0.2],
    ["participation_density", 0.5, 0.5 * (1 - cut)],
    ["delegation_cascade_risk", 0.2, 0.2],
    ["constitutional_drift", 0, 0],
  ].map(([name, old, now]) => ({
    name: name as ScoreName,
    old: old as number,
    new: now as number,
    delta: (now as number) - (old as number),
    old_level: "ok",
    new_level: "ok",
    worse: name === "participation_density" ? (now as number) < (old as number) : (now as number) > (old as number),
  }));
  const report: SimReport & { deltas: SimDeltas } = {
    model: "RSM v1",
    runs,
    seed,
    steps,
    shocks,
    figures: s.figures,
    derived: {
      first_shock_step: first,
      continuity_impact: first === null ? null : cut,
      solvency: { insolvent_share: s.insolvent_share, baseline_insolvent_share: b.insolvent_share, runway_steps: s.runway_steps, baseline_runway_steps: b.runway_steps },
      throughput_variance: { scenario: s.figures.throughput_variance, baseline: b.figures.throughput_variance },
      risk_delta: { deltas },
    },
    deltas: pairedDeltas(s, b, first === null ? null : cut, runs),
    scenario: s,
    baseline: b,
  };
  return report;
}

/** Small SVG charts with a title and the scenario's and baseline's median lines. */
export function mockCharts(r: SimReport): Chart[] {
  const line = (v: number[], max: number) => v.map((y, i) => `${i ? "L" : "M"}${((i / Math.max(1, v.length - 1)) * 300).toFixed(1)},${(100 - (y / (max || 1)) * 90).toFixed(1)}`).join(" ");
  const chart = (name: string, a: number[], b: number[]) => {
    const max = Math.max(...a, ...b);
    return {
      name,
      svg: `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><title>${name}</title><path d="${line(b, max)}" stroke="grey" fill="none"/><path d="${line(a, max)}" stroke="red" fill="none"/></svg>`,
    };
  };
  return [
    chart("treasury", r.scenario.balance.p50, r.baseline.balance.p50),
    chart("passed", r.scenario.passed.p50, r.baseline.passed.p50),
    chart("outcomes", [r.scenario.figures.passed.mean], [r.baseline.figures.passed.mean]),
    chart("risk", r.derived.risk_delta?.deltas.map((d) => d.new) ?? [], r.derived.risk_delta?.deltas.map((d) => d.old) ?? []),
  ];
}
