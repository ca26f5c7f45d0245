import { describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { MockBackend } from "../src/lib/backend/mock";
import { MOCK_DESIGN } from "../src/lib/backend/mock-design";
import { engineWhatifSetup } from "../src/lib/backend/mock-fixtures";
import { Studio } from "../src/lib/app/state.svelte";
import {
  figureRows,
  formatChange,
  formatFigure,
  fromScenarioJson,
  newShock,
  params,
  presetShocks,
  setParam,
  svgUrl,
  toScenarioJson,
  type SimReport,
} from "../src/lib/whatif/scenario";
import Whatif from "../src/views/Whatif.svelte";
import workerCoop from "@examples/worker-coop.json";

type O = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const text = JSON.stringify(MOCK_DESIGN, null, 2) + "\n";
// The worker co-op: the fixture design on which the shocks change something (the mock's
// cooperative puts no proposal to a vote, so every change there is within noise).
const coop = JSON.stringify(workerCoop, null, 2) + "\n";

async function until(probe: () => boolean, what: string, tries = 200) {
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
  const app = mount(Whatif, { target, props: { studio } });
  return { target, done: () => (unmount(app), target.remove()) };
}

const q = (t: Element, id: string) => t.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
const figure = (t: Element, id: string) => {
  const row = t.querySelector(`[data-testid="whatif-figure"][data-id="${id}"]`)!;
  const values = [...row.querySelectorAll('[data-testid="whatif-figure-value"]')].map((c) => Number((c as HTMLElement).dataset.value));
  return { baseline: Number((row.querySelector('[data-testid="whatif-figure-baseline"]') as HTMLElement).dataset.value), values };
};
function slide(input: HTMLInputElement, value: number) {
  input.value = String(value);
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

describe("what-if scenarios", () => {
  // The studio's setup for the mock's design, as the engine wrote it into the fixtures.
  const setup = engineWhatifSetup(MOCK_DESIGN as O, 365);

  it("expands presets (and the combined one) into explicit shocks with sliders bounded by the run and the membership", () => {
    expect(presetShocks(setup, "participation_contraction")).toEqual([{ kind: "participation_contraction", at: 121, factor: 0.5 }]);
    expect(presetShocks(setup, "combined_stress").map((s) => s.kind)).toEqual(["participation_contraction", "leadership_removal", "treasury_freeze"]);
    const ps = params(newShock("leadership_removal", 365, setup), 365, setup);
    expect(ps.map((p) => [p.key, p.max])).toEqual([["at", 364], ["count", setup.members]]);
    expect(params(newShock("treasury_freeze", 100, setup), 100, setup).map((p) => p.max)).toEqual([99, 100]);
    expect(setup.roles.length).toBeGreaterThan(0);
  });

  it("keeps windows in order when a slider crosses the other end", () => {
    const f = { kind: "treasury_freeze", from: 100, until: 130 } as const;
    expect(setParam(f, "from", 150)).toEqual({ kind: "treasury_freeze", from: 150, until: 150 });
    expect(setParam(f, "until", 50)).toEqual({ kind: "treasury_freeze", from: 50, until: 50 });
  });

  it("round-trips a scenario through the file format, expanding stored presets", () => {
    const s = { name: "x", steps: 365, runs: 100, seed: 4, shocks: presetShocks(setup, "leadership_removal") };
    expect(fromScenarioJson(toScenarioJson(s), setup)).toEqual(s);
    const cli = fromScenarioJson({ steps: 365, presets: ["emergency_treasury_freeze"], shocks: [{ kind: "participation_contraction", at: 3, factor: 0.1 }] }, setup);
    expect(cli.shocks.map((x) => x.kind)).toEqual(["treasury_freeze", "participation_contraction"]);
    expect([cli.runs, cli.seed]).toEqual([1000, 0]);
  });

  it("prints figures in their units and changes against the baseline", () => {
    expect(formatFigure(0.125, "share")).toBe("12.5 %");
    expect(formatFigure(null, "steps")).toBe("∞");
    expect(formatChange(0.3, 0.1, "share")).toBe("+20.0 pts");
    expect(formatChange(90, 100, "money")).toBe("−10");
    expect(formatChange(1, 1, "var")).toBe("±0");
    expect(formatChange(274.2, 274, "steps")).toBe("±0");
    expect(svgUrl("<svg><script>x</script></svg>")).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg%3E/);
  });

  it("derives the figures of one or two reports against the one baseline", async () => {
    const b = new MockBackend();
    // The simulator's reports (fixtures) of the view's first preset and its deeper cut.
    const run = async (factor: number) =>
      (await b.whatifRun(coop, { name: "participation_contraction", steps: 365, runs: 100, seed: 1, shocks: [{ kind: "participation_contraction", at: 121, factor }] }, 1)).report as SimReport;
    const mild = await run(0.5);
    const hard = await run(0.9);
    const rows = figureRows([mild, hard]);
    const ci = rows.find((r) => r.id === "continuity_impact")!;
    expect(ci.baseline).toBe(0);
    expect(ci.values[1]!).toBeGreaterThan(ci.values[0]!);
    // The engine's figures, one column per report, against the one baseline.
    const balance = rows.find((r) => r.id === "final_balance")!;
    expect(balance.baseline).toBe(mild.baseline.figures.final_balance.mean);
    expect(balance.values).toEqual([mild.figures.final_balance.mean, hard.figures.final_balance.mean]);
  });
});

describe("what-if view", () => {
  it("runs the preset, redraws against the baseline when a slider moves, and compares A and B", async () => {
    const backend = new MockBackend();
    const studio = new Studio(backend);
    studio.load(coop, "design.json", null);
    const { target, done } = render(studio);
    await until(() => !!q(target, "whatif-figures"), "the first report");
    expect(q(target, "whatif-preset-participation_contraction")!.classList.contains("on")).toBe(true);
    // The charts are drawn in the page from the report: the balance and passed bands.
    const bands = [...target.querySelectorAll('[data-testid="chart-band"]')].map((c) => (c as HTMLElement).dataset.id);
    expect(bands).toEqual(["treasury", "passed"]);
    const before = figure(target, "continuity_impact");
    expect(before.values[0]).toBeGreaterThan(0);
    // A real change is coloured by its direction (a larger continuity impact is worse); a
    // change within noise is neutral and says so (the engine's insolvency share does not move).
    const cell = (id: string) => target.querySelector(`[data-testid="whatif-figure"][data-id="${id}"] [data-testid="whatif-figure-value"]`) as HTMLElement;
    expect(cell("continuity_impact").dataset.noise).toBe("false");
    expect(cell("continuity_impact").dataset.verdict).toBe("worse");
    expect(cell("continuity_impact").querySelector(".chg.worse")).not.toBeNull();
    const noisy = [...target.querySelectorAll('[data-testid="whatif-figure-value"]')].filter((c) => (c as HTMLElement).dataset.noise === "true") as HTMLElement[];
    expect(noisy.length).toBeGreaterThan(0);
    for (const c of noisy) {
      expect(c.dataset.verdict).toBe("noise");
      expect(c.querySelector(".chg.better, .chg.worse")).toBeNull();
      expect(c.textContent).toContain("within noise");
    }

    const runs = backend.calls.whatifRun;
    slide(q(target, "whatif-param-factor") as HTMLInputElement, 0.9);
    await until(() => figure(target, "continuity_impact").values[0] > before.values[0], "a deeper cut");
    expect(backend.calls.whatifRun).toBeGreaterThan(runs);
    expect(q(target, "whatif-param-factor-value")!.textContent).toBe("0.90");
    expect(figure(target, "continuity_impact").baseline).toBe(0);

    q(target, "whatif-compare")!.click();
    await until(() => target.querySelectorAll('[data-testid="whatif-charts"]').length === 2 && figure(target, "continuity_impact").values.length === 2, "A and B side by side");
    q(target, "whatif-tab-B")!.click();
    flushSync();
    q(target, "whatif-preset-combined_stress")!.click();
    await until(() => target.querySelectorAll('[data-testid="whatif-shock"]').length === 3 && figure(target, "continuity_impact").values[1] > 0, "B is the combined stress");
    const heads = [...target.querySelectorAll('[data-testid="whatif-figures-head"]')].map((h) => h.textContent);
    expect(heads).toEqual(["A: Participation contraction", "B: Combined stress"]);
    expect(q(target, "whatif-error")).toBeNull();
    done();
  });

  it("shows the engine's verdict on the mock's cooperative: every change within noise, none coloured", async () => {
    const studio = new Studio(new MockBackend());
    studio.load(text, "design.json", null);
    const { target, done } = render(studio);
    await until(() => !!q(target, "whatif-figures"), "the first report");
    const cell = target.querySelector('[data-testid="whatif-figure"][data-id="final_balance"] [data-testid="whatif-figure-value"]') as HTMLElement;
    expect([cell.dataset.noise, cell.dataset.verdict]).toEqual(["true", "noise"]);
    expect(cell.textContent).toContain("within noise");
    expect(target.querySelector('[data-testid="whatif-figure"] .chg.better, [data-testid="whatif-figure"] .chg.worse')).toBeNull();
    // The engine's risk deltas are coloured by its own verdict (`worse`): fewer voters is worse.
    expect(target.querySelector('[data-testid="whatif-risk"] .chg.worse')?.textContent).toMatch(/^−0\.\d{3}$/);
    done();
  });

  it("refuses to save an unsaved design with the store's code, saves once committed, and reopens", async () => {
    const backend = new MockBackend();
    const studio = new Studio(backend);
    studio.load(text, "design.json", null);
    const { target, done } = render(studio);
    await until(() => !!q(target, "whatif-figures"), "the first report");
    q(target, "whatif-save")!.click();
    await until(() => !!q(target, "whatif-save-error"), "the refusal");
    expect(q(target, "whatif-save-error")!.dataset.code).toBe("GOV-S013");
    expect(q(target, "whatif-save-error")!.textContent).toContain("Commit this design first");

    expect(await studio.commit("first")).toBeNull();
    q(target, "whatif-save")!.click();
    await until(() => target.querySelectorAll('[data-testid="whatif-saved-item"]').length === 1, "one saved simulation");
    expect(q(target, "whatif-save-error")).toBeNull();

    // The design changed since its version was committed: refused with GOV-S015.
    const changedText = JSON.stringify({ ...(MOCK_DESIGN as O), description: "edited after the commit" }, null, 2) + "\n";
    await expect(backend.whatifSave(changedText, { steps: 30, runs: 10, seed: 1, shocks: [] })).rejects.toMatchObject({ code: "GOV-S015" });

    // Change the scenario, then reopen the saved one: its shocks and figures come back.
    q(target, "whatif-preset-leadership_removal")!.click();
    await until(() => target.querySelector('[data-testid="whatif-shock"]')?.getAttribute("data-kind") === "leadership_removal", "another scenario");
    (q(target, "whatif-saved-item") as HTMLButtonElement).click();
    await until(() => target.querySelector('[data-testid="whatif-shock"]')?.getAttribute("data-kind") === "participation_contraction", "the saved scenario");
    expect(q(target, "whatif-meta")!.textContent).toContain("saved as #1");
    done();
  });

  it("shows progress of a long run, and Cancel stops it with the runs it got through", async () => {
    const backend = new MockBackend({ simMsPerRun: 0.5 });
    const studio = new Studio(backend);
    studio.load(text, "design.json", null);
    const { target, done } = render(studio);
    await until(() => !!q(target, "whatif-figures"), "the first report", 400);
    slide(q(target, "whatif-runs-slider") as HTMLInputElement, 10); // 20,000 runs
    await until(() => !!q(target, "whatif-progress"), "the progress bar", 400);
    q(target, "whatif-cancel")!.click();
    await until(() => !!q(target, "whatif-cancelled"), "the cancellation", 400);
    expect(q(target, "whatif-cancelled")!.textContent).toMatch(/Cancelled after [\d,]+ of 40,000 runs/);
    expect(q(target, "whatif-running")).toBeNull();
    // The last finished figures stay on screen.
    expect(q(target, "whatif-figures")).not.toBeNull();
    done();
  });

  it("a newer change cancels the run in flight", async () => {
    const backend = new MockBackend({ simMsPerRun: 0.2 });
    const first = backend.whatifRun(text, { steps: 50, runs: 500, seed: 1, shocks: [] }, 1);
    await new Promise((r) => setTimeout(r, 10));
    const scenario = { name: "leadership_removal", steps: 365, runs: 100, seed: 1, shocks: [{ kind: "leadership_removal", at: 182, count: 3 }] };
    const second = backend.whatifRun(text, scenario, 2);
    expect((await first).cancelled).toBe(true);
    expect((await second).cancelled).toBe(false);
  });

  it("a scenario the engine never ran is refused by name, not guessed", async () => {
    const backend = new MockBackend();
    await expect(backend.whatifRun(text, { steps: 30, runs: 10, seed: 9, shocks: [] }, 1)).rejects.toThrow(/no simulation of the scenario .*whatif\.requests\.json/);
    await expect(backend.whatifSetup(text, 30)).rejects.toThrow(/no What-if setup over 30 steps/);
  });
});
