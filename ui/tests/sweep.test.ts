import { describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { MockBackend } from "../src/lib/backend/mock";
import workerCoop from "@examples/worker-coop.json";
import { engineSweepRun, engineSweepSetup } from "../src/lib/backend/mock-fixtures";
import { Studio } from "../src/lib/app/state.svelte";
import { overlaps, placeLabels, textWidth } from "../src/lib/charts/labels";
import {
  cellCount,
  cellFormula,
  defaultDraft,
  formatKnob,
  formatValue,
  fromSweepFile,
  heatColour,
  heatmap,
  inkOn,
  paretoPoints,
  rangeValues,
  runCount,
  samplingFor,
  scatter,
  shortenFigures,
  tickLabel,
  ticks,
  toSweepFile,
  tornado,
  type SweepDraft,
} from "../src/lib/sweep/model";
import Sweep from "../src/views/Sweep.svelte";

// The sweeps run on the worker co-op: the engine's fixtures (fixtures/worker-coop.sweep.json)
// hold its setup and the default sweep's real results.
const text = JSON.stringify(workerCoop, null, 2) + "\n";
const QUORUM = "/decision_types/general-assembly/quorum";
const DELAY = "/decision_types/general-assembly/voting_delay";
const CONTRACTION = "/participation/contraction";
const setup = () => engineSweepSetup(workerCoop);
/** The Sobol sweep of fixtures/sweep.requests.json: the default draft sampled with 6 base samples
 *  over the quorum and the participation contraction (as the view's selector writes it). */
function sobolDraft(): SweepDraft {
  const d = defaultDraft(setup());
  d.sampling = { method: "sobol", samples: 6 };
  d.knobs[1] = { knob: CONTRACTION, from: 0.44, to: 0.56, step: 0.03 };
  return d;
}
const defaultResults = () => engineSweepRun(workerCoop, toSweepFile(defaultDraft(setup()))).results!;

async function until(probe: () => boolean, what: string, tries = 400) {
  for (let i = 0; i < tries; i++) {
    flushSync();
    if (probe()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function render(studio: Studio) {
  const target = document.createElement("div");
  document.body.append(target);
  const app = mount(Sweep, { target, props: { studio } });
  return { target, done: () => (unmount(app), target.remove()) };
}

/** The worker co-op in the Sweep view on the mock, with a field finder and a setter that fires
 *  the field's event as a user's edit does. */
function openSweep() {
  const studio = new Studio(new MockBackend());
  studio.load(text, "design.json", null);
  studio.view = "sweep";
  const { target, done } = render(studio);
  const q = (id: string) => target.querySelector(`[data-testid=${id}]`) as HTMLInputElement & HTMLSelectElement;
  const set = (el: HTMLInputElement | HTMLSelectElement, v: string, ev: string) => {
    el.value = v;
    el.dispatchEvent(new Event(ev, { bubbles: true }));
    flushSync();
  };
  return { studio, target, q, set, done };
}

describe("the sweep model", () => {
  it("lists a range's values as the engine does and writes a sweep file the schema takes", () => {
    expect(rangeValues({ from: 0.04, to: 0.16, step: 0.03 })).toEqual([0.04, 0.07, 0.1, 0.13, 0.16]);
    expect(rangeValues({ from: 0, to: 172800, step: 43200 })).toHaveLength(5);
    expect(rangeValues({ from: 1, to: 0, step: 1 })).toEqual([]);
    const d = defaultDraft(setup());
    expect(d.knobs.map((k) => k.knob)).toEqual([QUORUM, DELAY]);
    // Around the design's own quorum (50%): 38% to 62% in five steps.
    expect(d.knobs[0]).toMatchObject({ from: 0.38, to: 0.62, step: 0.06 });
    expect(cellCount(d)).toBe(25);
    const f = toSweepFile(d) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(f.scenario).toEqual({ inline: { steps: 365, presets: ["participation_contraction"] } });
    expect(f.objectives[0]).toEqual({ objective: "continuity_impact" });
    expect(fromSweepFile(f, d)).toEqual(d);
  });

  it("is served only what the engine ran: another spec or cell is refused by name", () => {
    const spec = toSweepFile(defaultDraft(setup())) as Record<string, unknown>;
    expect(() => engineSweepRun(workerCoop, { ...spec, runs: 7 })).toThrow(/no sweep .*sweep\.requests\.json/);
    expect(engineSweepRun(workerCoop, spec).cells.map((c) => c.cell)).toEqual([7]);
  });

  it("formats knobs in the design's units and values with their error", () => {
    expect(formatKnob("/decision_types/general/quorum", 0.07)).toBe("7%");
    expect(formatKnob("/decision_types/general/voting_delay", 172800)).toBe("2 d");
    expect(formatKnob("/decision_types/general/voting_delay", 43200)).toBe("12 h");
    expect(formatValue(0.12345, 0.0042)).toBe("0.123 ± 0.004");
    expect(formatValue(null)).toBe("—");
    expect(ticks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(0, 1, 5).map(tickLabel)).toEqual(["0", "0.2", "0.4", "0.6", "0.8", "1"]);
    expect(tickLabel(1250000)).toBe("1.25e+6");
    expect(shortenFigures("`/q`: 0.024921875 to 0.14743036270141602 (swept 0.02 to 0.26), 86400 s")).toBe("`/q`: 0.02492 to 0.1474 (swept 0.02 to 0.26), 86400 s");
  });

  it("colours the better end bright whatever the direction, and picks legible ink", () => {
    expect(heatColour(0, 0, 1, "minimize")).toBe(heatColour(1, 0, 1, "maximize"));
    expect(inkOn(heatColour(0, 0, 1, "minimize"))).toBe("#111"); // bright yellow: dark ink
    expect(inkOn(heatColour(1, 0, 1, "minimize"))).toBe("#fff"); // dark purple: light ink
  });

  it("lays the cells of two knobs on a grid, and marks the engine's front and the tornado's order", () => {
    const r = defaultResults();
    const h = heatmap(r, QUORUM, DELAY, "continuity_impact");
    expect(h.xs).toHaveLength(5);
    expect(h.ys).toHaveLength(5);
    expect(h.cells).toHaveLength(25);
    const c7 = h.cells.find((c) => c.cell === 7)!;
    expect(r.cells.cells[7].knobs[QUORUM]).toBe(h.xs[c7.xi]);
    expect(r.cells.cells[7].knobs[DELAY]).toBe(h.ys[c7.yi]);
    const pts = paretoPoints(r, "continuity_impact", "pass_rate");
    expect(pts.filter((p) => p.front).map((p) => p.cell)).toEqual(r.pareto.cells.map((c) => c.cell));
    const t = tornado(r, "continuity_impact");
    expect(t.rows[0].knob).toBe(QUORUM); // the delay moves nothing
    expect(t.rows.every((x, i) => i === 0 || t.rows[i - 1].value >= x.value)).toBe(true);
  });
});

describe("sampled sweeps", () => {
  it("counts the cells each method makes, as the engine's sampler does", () => {
    const d = defaultDraft(setup());
    expect(cellCount(d)).toBe(25);
    expect(cellFormula(d)).toBe("5 × 5 = 25 cells");
    expect(runCount(d)).toBe(25 * 100 * 2); // and as many baseline runs
    // sample.rs's tests: latin_hypercube(10, 3) gives 10 points; saltelli(4, 2) gives 16 rows
    // (A, AB¹, AB², B per base sample); morris(5, 4, 3) gives trajectories of 4 points, 20 in all.
    const three = { ...d, knobs: [...d.knobs, { knob: CONTRACTION, from: 0.4, to: 0.6, step: 0.1 }] };
    expect(cellCount({ ...three, sampling: { method: "latin_hypercube", samples: 10 } })).toBe(10);
    expect(cellCount({ ...d, sampling: { method: "sobol", samples: 4 } })).toBe(16);
    expect(cellCount({ ...three, sampling: { method: "morris", trajectories: 5, levels: 4 } })).toBe(20);
    expect(cellFormula({ ...three, sampling: { method: "sobol", samples: 8 } })).toBe("8 × (3 knobs + 2) = 40 cells");
    expect(cellFormula({ ...three, sampling: { method: "morris", trajectories: 5, levels: 4 } })).toBe("5 × (3 knobs + 1) = 20 cells");
    // The step does not count for a sampled method: a finer grid leaves the count alone.
    const finer = { ...d, sampling: { method: "sobol" as const, samples: 4 }, knobs: d.knobs.map((k) => ({ ...k, step: k.step / 10 })) };
    expect(cellCount(finer)).toBe(16);
  });

  it("keeps the samples across methods and starts Morris on four levels", () => {
    expect(samplingFor("sobol", { method: "latin_hypercube", samples: 33 })).toEqual({ method: "sobol", samples: 33 });
    expect(samplingFor("morris", { method: "sobol", samples: 33 })).toEqual({ method: "morris", trajectories: 10, levels: 4 });
    expect(samplingFor("grid", { method: "sobol", samples: 33 })).toEqual({ method: "grid" });
  });

  it("writes bounds without a step for a sampled method, and reads its sampling back", () => {
    const d = sobolDraft();
    const f = toSweepFile(d) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(f.sampling).toEqual({ method: "sobol", samples: 6 });
    expect(f.knobs[1]).toEqual({ knob: CONTRACTION, range: { from: 0.44, to: 0.56 } });
    expect(fromSweepFile(f, defaultDraft(setup())).sampling).toEqual({ method: "sobol", samples: 6 });
  });

  it("makes as many cells as the engine returned, and scatters every one at its knobs' values", () => {
    const d = sobolDraft();
    const r = engineSweepRun(workerCoop, toSweepFile(d)).results!;
    expect(r.cells.sampling).toEqual({ method: "sobol", samples: 6 });
    expect(r.cells.cells).toHaveLength(cellCount(d)); // 6 × (2 + 2)
    const s = scatter(r, QUORUM, CONTRACTION, "continuity_impact");
    expect(s.points).toHaveLength(24);
    for (const p of s.points) {
      expect(p.x).toBe(r.cells.cells[p.cell].knobs[QUORUM]);
      expect(p.y).toBe(r.cells.cells[p.cell].knobs[CONTRACTION]);
      expect(p.x).toBeGreaterThanOrEqual(0.38);
      expect(p.x).toBeLessThanOrEqual(0.62);
    }
    expect(s.xr[0]).toBe(Math.min(...s.points.map((p) => p.x)));
    expect(s.max).toBeGreaterThan(s.min);
    // Sobol gives total- and first-order indices for the tornado.
    const t = tornado(r, "continuity_impact");
    expect(t.measure).toMatch(/Sobol total order/);
    expect(t.rows.length).toBeGreaterThan(0);
  });
});

describe("chart labels", () => {
  it("moves a label that would cover another, and skips one with no free spot", () => {
    // Two groups 6 px apart: the second count goes above instead of over the first ("×5×5").
    const w = textWidth("×5", 11.5);
    const placed = placeLabels([{ x: 100, y: 100, w, h: 13 }, { x: 106, y: 100, w, h: 13 }]);
    expect(placed[0]).toEqual({ x: 108, y: 104 });
    expect(placed[1]).not.toBeNull();
    const box = (p: { x: number; y: number }) => ({ x1: p.x, y1: p.y, x2: p.x + w, y2: p.y + 13 });
    expect(overlaps(box(placed[0]!), box(placed[1]!))).toBe(false);
    // Five labels on one spot: four spots around it, the fifth is left out.
    const same = placeLabels(Array.from({ length: 5 }, () => ({ x: 50, y: 50, w, h: 13 })));
    expect(same.filter((p) => p === null)).toHaveLength(1);
    // A spot outside the plot is not taken.
    const edge = placeLabels([{ x: 195, y: 100, w, h: 13 }], [], { x1: 0, y1: 0, x2: 200, y2: 200 });
    expect(edge[0]!.x + w).toBeLessThanOrEqual(200);
  });
});

describe("the Sweep view", () => {
  it("runs a sweep, draws the heatmap, Pareto front and tornado, opens a cell and applies the recommendation as a diff", async () => {
    const { studio, target, done } = openSweep();
    try {
      await until(() => !!target.querySelector("[data-testid=sweep-run]:not([disabled])"), "the setup");
      expect(target.querySelector("[data-testid=sweep-size]")?.textContent).toContain("25 cells");
      (target.querySelector("[data-testid=sweep-run]") as HTMLButtonElement).click();
      await until(() => target.querySelectorAll("[data-testid=sweep-heat-cell]").length === 25, "the heatmap");
      const cells = [...target.querySelectorAll("[data-testid=sweep-heat-cell]")];
      const spec = JSON.parse(target.querySelector("[data-testid=sweep-results]")!.getAttribute("data-spec")!);
      const expected = engineSweepRun(workerCoop, spec).results!;
      for (const el of cells) {
        const c = Number(el.getAttribute("data-cell"));
        expect(Number(el.getAttribute("data-mean"))).toBe(expected.cells.cells[c].objectives.continuity_impact.mean);
      }
      // Failing cells carry a glyph, not colour alone.
      const failing = cells.filter((el) => el.getAttribute("data-feasible") === "false");
      expect(failing.length).toBeGreaterThan(0);
      expect(failing.every((el) => el.textContent?.includes("✕"))).toBe(true);
      const front = [...target.querySelectorAll("[data-testid=sweep-pareto-point][data-front=true]")].map((e) => Number(e.getAttribute("data-cell")));
      expect(front.sort((a, b) => a - b)).toEqual(expected.pareto.cells.map((c) => c.cell));
      expect(target.querySelectorAll("[data-testid=sweep-tornado-bar]").length).toBeGreaterThan(0);

      // Apply: the diff first, the editor only after Keep.
      const before = studio.text;
      (target.querySelector("[data-testid=sweep-apply]") as HTMLButtonElement).click();
      await until(() => !!target.querySelector("[data-testid=sweep-apply-diff]"), "the diff");
      expect(studio.text).toBe(before);
      (target.querySelector("[data-testid=sweep-keep]") as HTMLButtonElement).click();
      flushSync();
      const best = expected.cells.cells[expected.recommendation.recommended!];
      const general = JSON.parse(studio.text).decision_types.find((d: { id: string }) => d.id === "general-assembly");
      expect(general.quorum).toBe(best.knobs[QUORUM]);
      expect(studio.dirty).toBe(true);

      // A cell opens in the What-if with its values, the editor's design untouched.
      const edited = studio.text;
      const seventh = cells.find((el) => el.getAttribute("data-cell") === "7")!;
      seventh.dispatchEvent(new MouseEvent("click", { bubbles: true }));
      await until(() => studio.view === "whatif", "the What-if");
      expect(studio.whatifCell?.cell).toBe(7);
      expect(JSON.parse(studio.whatifCell!.text).decision_types[0].quorum).toBe(expected.cells.cells[7].knobs[QUORUM]);
      expect(studio.text).toBe(edited);
    } finally {
      done();
    }
  });

  it("samples with Sobol from the selector, counts its cells, draws them as a scatter and opens a point", async () => {
    const { studio, target, q, set, done } = openSweep();
    try {
      // The draft kept from the view's last visit shows before the setup: wait for the settings.
      await until(() => !!target.querySelector("[data-testid=sweep-run]:not([disabled])") && !!q("sweep-sampling"), "the setup");
      expect(target.querySelectorAll("[data-testid=sweep-knob-step]")).toHaveLength(2);
      set(q("sweep-sampling"), "sobol", "change");
      // The default base samples (8) over two knobs: 8 × (2 + 2).
      expect(q("sweep-size").getAttribute("data-cells")).toBe("32");
      set(q("sweep-samples"), "6", "input");
      const second = target.querySelectorAll("[data-testid=sweep-knob-name]")[1] as HTMLSelectElement;
      set(second, CONTRACTION, "change");
      expect(q("sweep-cell-formula").textContent).toBe("6 × (2 knobs + 2) = 24 cells");
      expect(q("sweep-size").textContent).toContain("24 cells × 100 runs");
      expect(q("sweep-size").getAttribute("data-runs")).toBe(String(24 * 100 * 2));
      // A sampled method has no use for a step: the field is gone, the bounds are said instead.
      expect(target.querySelectorAll("[data-testid=sweep-knob-step]")).toHaveLength(0);
      expect(target.querySelector("[data-testid=sweep-knob-values]")?.textContent).toContain("any value from 38% to 62%");
      // Equal bounds leave nothing to sample: said on the knob, and Run waits.
      set(q("sweep-knob-to"), "0.38", "input");
      expect(q("sweep-knob-bounds")?.textContent).toBe("a sampled knob needs from < to");
      expect((q("sweep-run") as unknown as HTMLButtonElement).disabled).toBe(true);
      set(q("sweep-knob-to"), "0.62", "input");
      expect((q("sweep-run") as unknown as HTMLButtonElement).disabled).toBe(false);

      // Morris and a Latin hypercube count by their own rule before anything runs.
      set(q("sweep-sampling"), "morris", "change");
      expect([q("sweep-trajectories").value, q("sweep-levels").value]).toEqual(["10", "4"]);
      expect(q("sweep-cell-formula").textContent).toBe("10 × (2 knobs + 1) = 30 cells");
      set(q("sweep-trajectories"), "7", "input");
      expect(q("sweep-size").getAttribute("data-cells")).toBe("21");
      set(q("sweep-sampling"), "latin_hypercube", "change");
      expect(q("sweep-size").getAttribute("data-cells")).toBe("20");
      set(q("sweep-samples"), "13", "input");
      expect(q("sweep-size").getAttribute("data-cells")).toBe("13");
      set(q("sweep-sampling"), "sobol", "change");
      set(q("sweep-samples"), "6", "input");

      (target.querySelector("[data-testid=sweep-run]") as HTMLButtonElement).click();
      await until(() => target.querySelectorAll("[data-testid=sweep-scatter-point]").length > 0, "the scatter");
      const spec = JSON.parse(target.querySelector("[data-testid=sweep-results]")!.getAttribute("data-spec")!);
      expect(spec).toEqual(toSweepFile(sobolDraft()));
      const expected = engineSweepRun(workerCoop, spec).results!;
      expect(target.querySelector("[data-testid=sweep-heatmap]")).toBeNull();
      const points = [...target.querySelectorAll("[data-testid=sweep-scatter-point]")];
      expect(points.map((e) => Number(e.getAttribute("data-cell"))).sort((a, b) => a - b)).toEqual(expected.cells.cells.map((c) => c.cell));
      for (const el of points) {
        const c = expected.cells.cells[Number(el.getAttribute("data-cell"))];
        expect(Number(el.getAttribute("data-mean"))).toBe(c.objectives.continuity_impact.mean);
        expect(Number(el.getAttribute("data-x"))).toBe(c.knobs[QUORUM]);
        expect(Number(el.getAttribute("data-y"))).toBe(c.knobs[CONTRACTION]);
        // A failing cell carries a cross, not colour alone.
        expect(!!el.querySelector("path")).toBe(!c.feasible);
      }
      // The axes say their units.
      expect(q("sweep-scatter").textContent).toContain("general-assembly · quorum (%)");
      // The tornado shows Sobol's indices: total order bars, first order ticks.
      expect(target.querySelector("[data-testid=sweep-tornado]")?.getAttribute("aria-label")).toMatch(/Sobol total order/);
      expect(target.querySelectorAll("[data-testid=sweep-tornado-s1]").length).toBeGreaterThan(0);

      // A point opens its cell in the What-if, as a heatmap square does.
      points.find((el) => el.getAttribute("data-cell") === "5")!.dispatchEvent(new MouseEvent("click", { bubbles: true }));
      await until(() => studio.view === "whatif", "the What-if");
      expect(studio.whatifCell?.cell).toBe(5);
      expect(JSON.parse(studio.whatifCell!.text).decision_types[0].quorum).toBe(expected.cells.cells[5].knobs[QUORUM]);
    } finally {
      done();
    }
  });

  it("checks each quorum under every swept contraction before it recommends one", async () => {
    const { target, q, set, done } = openSweep();
    try {
      await until(
        () => !!q("sweep-sampling") && target.querySelectorAll("[data-testid=sweep-knob-name]").length === 2,
        "the setup",
      );
      // The default grid, the contraction (an assumption, not the design) as its second knob.
      set(q("sweep-sampling"), "grid", "change");
      set(target.querySelectorAll("[data-testid=sweep-knob-name]")[1] as HTMLSelectElement, CONTRACTION, "change");
      (target.querySelector("[data-testid=sweep-run]") as HTMLButtonElement).click();
      // The view shows the results kept from its last visit until this run's arrive.
      await until(
        () =>
          !!target.querySelector("[data-testid=sweep-recommendation-count]") &&
          JSON.parse(target.querySelector("[data-testid=sweep-results]")!.getAttribute("data-spec")!).sampling.method === "grid",
        "the grid's recommendation",
      );
      const spec = JSON.parse(target.querySelector("[data-testid=sweep-results]")!.getAttribute("data-spec")!);
      const rec = engineSweepRun(workerCoop, spec).results!.recommendation;
      expect(rec.assumptions).toEqual([CONTRACTION]);
      // Some cells pass under a mild contraction, yet no quorum passes under all of them.
      expect(rec.feasible).toBeGreaterThan(0);
      expect(rec.robust_settings).toBe(0);
      const count = q("sweep-recommendation-count").textContent!.replace(/\s+/g, " ");
      expect(count).toContain(`0 of ${rec.settings} design settings meet every constraint under every swept`);
      expect(count).toContain(`${rec.feasible} of ${rec.cells} cells meet every constraint`);
      expect(target.querySelector("[data-testid=sweep-recommendation]")!.getAttribute("data-recommended")).toBe("");
      expect(target.querySelector("[data-testid=sweep-recommendation]")!.textContent).toContain(
        "No design setting meets every constraint under every swept assumption",
      );
      expect(target.querySelector("[data-testid=sweep-apply]")).toBeNull();
    } finally {
      done();
    }
  });

  it("refuses to save a sweep of a design not committed, with the store's code", async () => {
    const backend = new MockBackend();
    const studio = new Studio(backend);
    studio.load(text, "design.json", null);
    const { target, done } = render(studio);
    try {
      await until(() => !!target.querySelector("[data-testid=sweep-run]:not([disabled])"), "the setup");
      (target.querySelector("[data-testid=sweep-run]") as HTMLButtonElement).click();
      await until(() => !!target.querySelector("[data-testid=sweep-save]:not([disabled])"), "a result");
      (target.querySelector("[data-testid=sweep-save]") as HTMLButtonElement).click();
      await until(() => !!target.querySelector("[data-testid=sweep-save-error]"), "the refusal");
      expect(target.querySelector("[data-testid=sweep-save-error]")?.getAttribute("data-code")).toBe("GOV-S013");
      expect(await studio.commit("first")).toBeNull();
      (target.querySelector("[data-testid=sweep-save]") as HTMLButtonElement).click();
      await until(() => !!target.querySelector("[data-testid=sweep-saved-item]"), "the saved sweep");
    } finally {
      done();
    }
  });
});
