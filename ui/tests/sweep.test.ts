import { describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { MockBackend } from "../src/lib/backend/mock";
import workerCoop from "@examples/worker-coop.json";
import { engineSweepRun, engineSweepSetup } from "../src/lib/backend/mock-fixtures";
import { Studio } from "../src/lib/app/state.svelte";
import {
  cellCount,
  defaultDraft,
  formatKnob,
  formatValue,
  fromSweepFile,
  heatColour,
  heatmap,
  inkOn,
  paretoPoints,
  rangeValues,
  ticks,
  toSweepFile,
  tornado,
} from "../src/lib/sweep/model";
import Sweep from "../src/views/Sweep.svelte";

// The sweeps run on the worker co-op: the engine's fixtures (fixtures/worker-coop.sweep.json)
// hold its setup and the default sweep's real results.
const text = JSON.stringify(workerCoop, null, 2) + "\n";
const QUORUM = "/decision_types/general-assembly/quorum";
const DELAY = "/decision_types/general-assembly/voting_delay";
const setup = () => engineSweepSetup(workerCoop);
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

describe("the Sweep view", () => {
  it("runs a sweep, draws the heatmap, Pareto front and tornado, opens a cell and applies the recommendation as a diff", async () => {
    const backend = new MockBackend();
    const studio = new Studio(backend);
    studio.load(text, "design.json", null);
    studio.view = "sweep";
    const { target, done } = render(studio);
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
