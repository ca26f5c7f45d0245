import { describe, expect, it } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import { MockBackend } from "../src/lib/backend/mock";
import { MOCK_DESIGN } from "../src/lib/backend/mock-design";
import { variantText } from "../src/lib/backend/mock-fixtures";
import { Studio } from "../src/lib/app/state.svelte";
import { formatDelta, formatValue, orderScores, trend } from "../src/lib/insight/risk";
import { formatRange, formatUnits, matrixRoles, matrixRows } from "../src/lib/insight/compiled";
import { countByKind, neighbours } from "../src/lib/insight/lineage";
import Risk from "../src/views/Risk.svelte";
import Compiled from "../src/views/Compiled.svelte";

type O = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const design = (edit: (d: O) => void = () => {}) => {
  const d = structuredClone(MOCK_DESIGN) as O;
  edit(d);
  return JSON.stringify(d, null, 2);
};

/** Waits until `probe` holds (the views load asynchronously from the mock). */
async function until(probe: () => boolean, what: string) {
  for (let i = 0; i < 50; i++) {
    flushSync();
    if (probe()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function render(component: typeof Risk | typeof Compiled, studio: Studio) {
  const target = document.createElement("div");
  document.body.append(target);
  const app = mount(component, { target, props: { studio } });
  return { target, done: () => (unmount(app), target.remove()) };
}

describe("risk dashboard", () => {
  it("orders alerts first and prints values with their units", () => {
    const s = (name: string, level: "ok" | "watch" | "alert") => ({ name, level }) as never;
    expect(orderScores([s("a", "ok"), s("b", "alert"), s("c", "watch"), s("d", "alert")]).map((x: O) => x.name)).toEqual(["b", "d", "c", "a"]);
    expect(formatValue(0.1667, "hhi")).toBe("0.167 HHI");
    expect(formatValue(0.5, "share")).toBe("50.0 %");
    expect(formatValue(1.234, "ratio")).toBe("1.23 ×");
    expect(formatDelta(-0.05, "share")).toBe("−5.0 pts");
    expect(formatDelta(0, "hhi")).toBe("±0");
  });

  it("shows the current scores and says trends come from saved versions when the design is not stored", async () => {
    const studio = new Studio(new MockBackend());
    studio.load(design(), "design.json", null);
    const { target, done } = render(Risk, studio);
    await until(() => target.querySelectorAll('[data-testid="risk-score"]').length === 6, "six scores");
    expect(target.querySelector('[data-testid="risk-no-history"]')?.textContent).toContain("Trends come from saved versions");
    expect(target.querySelectorAll('[data-testid="trend-chart"]').length).toBe(0);
    // Every score says its level in words, not by colour alone.
    for (const card of target.querySelectorAll('[data-testid="risk-score"]')) {
      const level = (card as HTMLElement).dataset.level!;
      expect(card.querySelector('[data-testid="risk-level"]')?.textContent?.toLowerCase()).toContain(level);
    }
    // The engine's figure for the mock's design (served from fixtures/harbour-commons.views.json):
    // an HHI of 0.208, under the default alert threshold (0.25), so watch.
    const ac = target.querySelector('[data-name="authority_concentration"]') as HTMLElement;
    expect(ac.dataset.level).toBe("watch");
    expect(ac.querySelector('[data-testid="risk-value"]')?.textContent).toBe("0.208 HHI");
    done();
  });

  it("draws only versions scored by the newest version's risk model: scores of two models do not compare", () => {
    const v = (version: string, model: string, value: number) => ({
      version,
      model,
      scores: { scores: [{ name: "governance_capture_risk", value, level: "ok" }] },
      deltas: {},
    });
    const history = [v("1.0.0", "cogov-risk/1", 0.999), v("1.1.0", "cogov-risk/2", 0.1), v("1.2.0", "cogov-risk/2", 0.2)];
    const points = trend(history as never, "governance_capture_risk");
    expect(points.map((p) => p.version)).toEqual(["1.1.0", "1.2.0"]);
    expect(trend(history as never, "governance_capture_risk", "cogov-risk/1").map((p) => p.value)).toEqual([0.999]);
  });

  it("draws each score's trend across saved versions, a point per version with the delta", async () => {
    const backend = new MockBackend();
    const studio = new Studio(backend);
    studio.load(design(), "design.json", null);
    expect(await studio.commit("first")).toBeNull();
    // One member gains weight: concentration rises.
    studio.load(variantText("ada-weight-6"), "design.json", null);
    expect(await studio.commit("ada's weight")).toBeNull();
    const view = await backend.riskView(studio.text);
    const points = trend(view.history, "authority_concentration");
    expect(points.map((p) => p.version)).toEqual(["1.0.0", "1.1.0"]);
    expect(points[0].delta).toBeNull();
    expect(points[1].delta).toBeCloseTo(points[1].value - points[0].value, 6);
    expect(points[1].delta!).toBeGreaterThan(0);

    const { target, done } = render(Risk, studio);
    await until(() => target.querySelectorAll('[data-testid="trend-chart"]').length === 6, "six trend charts");
    const chart = target.querySelector('[data-name="authority_concentration"] [data-testid="trend-chart"]') as HTMLElement;
    expect(chart.dataset.points).toBe("2");
    expect([...chart.querySelectorAll('[data-testid="trend-point"]')].map((c) => (c as HTMLElement).dataset.version)).toEqual(["1.0.0", "1.1.0"]);
    expect(chart.querySelector('[data-testid="trend-delta"]')?.textContent).toMatch(/^\+0\.\d{3} from 1\.0\.0 to 1\.1\.0$/);
    expect(chart.querySelector("text")?.textContent).toBeTruthy(); // axis labels
    // The alert sits on top: the first card is an alert.
    const first = target.querySelector('[data-testid="risk-score"]') as HTMLElement;
    expect(first.dataset.level).toBe("alert");
    expect(target.querySelector('[data-testid="risk-alerts"]')?.textContent).toContain("Authority concentration");
    expect(target.querySelector('[data-testid="risk-no-history"]')).toBeNull();
    done();
  });

  it("says a design with blocking findings is not scored, with the gate's code", async () => {
    const studio = new Studio(new MockBackend());
    studio.load(variantText("quorum-7"), "design.json", null);
    const { target, done } = render(Risk, studio);
    await until(() => !!target.querySelector('[data-testid="risk-blocked"]'), "the blocked banner");
    expect((target.querySelector('[data-testid="risk-blocked"]') as HTMLElement).dataset.code).toBe("GOV-P001");
    done();
  });
});

describe("compiled view", () => {
  it("turns the matrix into resource rows with the actions per role, filterable", async () => {
    const v = await new MockBackend().compiledView(design());
    const m = v.matrix!;
    const rows = matrixRows(m);
    // A permission on `treasury` covers its categories.
    const ops = rows.find((r) => r.resource === "treasury/operations")!;
    expect(ops.cells.steward).toEqual(["sign"]);
    expect(ops.via.steward).toBe("treasury");
    expect(ops.cells.treasurer).toEqual(["spend"]);
    expect(matrixRows(m, "spend").map((r) => r.resource)).toEqual(["treasury/operations"]);
    expect(matrixRoles(m, "treas")).toEqual(["treasurer"]);
    expect(matrixRoles(m, "zzz")).toEqual(m.roles);
    expect(rows.every((r) => Object.keys(r.cells).length > 0)).toBe(true);
    expect(matrixRows(m, "", false).length).toBe(m.resources.length);
    expect(formatUnits(604800, { kind: "time", seconds_per_unit: 1 })).toBe("7 d");
    expect(formatUnits(40, { kind: "blocks", seconds_per_unit: 12 })).toBe("40 blocks (≈ 8 min)");
    expect(formatRange({ id: "t", min: 0, max: 5000, currency: "EUR", decision_type: "x", decision_signers: null, tier_signers: null })).toBe("0 – 5,000 EUR");
  });

  it("shows the matrix, thresholds, tiers and ladder, or the blocking code instead", async () => {
    const studio = new Studio(new MockBackend());
    studio.load(design(), "design.json", null);
    const { target, done } = render(Compiled, studio);
    await until(() => !!target.querySelector('[data-testid="permission-matrix"]'), "the matrix");
    const cell = target.querySelector('[data-testid="matrix-cell"][data-role="steward"][data-resource="treasury"]') as HTMLElement;
    expect(cell.dataset.actions).toBe("sign");
    const budget = target.querySelector('[data-testid="threshold-row"][data-decision-type="budget"]')!;
    expect(budget.textContent).toContain("2 of 3 steward");
    expect(budget.querySelector('[data-col="quorum"]')?.textContent).toBe("50 %");
    expect(target.querySelectorAll('[data-testid="tier"]').length).toBe((MOCK_DESIGN as O).treasury.tiers.length);
    expect(target.querySelectorAll('[data-testid="rung"]').length).toBe((MOCK_DESIGN as O).escalation.levels.length);

    // The filter box narrows the rows.
    const filter = target.querySelector('[data-testid="matrix-filter"]') as HTMLInputElement;
    filter.value = "spend";
    filter.dispatchEvent(new Event("input"));
    flushSync();
    expect([...target.querySelectorAll('[data-testid="matrix-row"]')].map((r) => (r as HTMLElement).dataset.resource)).toEqual(["treasury/operations"]);

    studio.load(variantText("quorum-7"), "design.json", null);
    await tick();
    await until(() => !!target.querySelector('[data-testid="compiled-blocked"]'), "the blocked banner");
    expect(target.querySelector('[data-testid="compiled-blocked"]')?.textContent).toContain("GOV-P001");
    expect(target.querySelector('[data-testid="permission-matrix"]')).toBeNull();
    done();
  });
});

describe("lineage", () => {
  it("feeds domains and clauses into artifacts and documents, in layers", async () => {
    const g = await new MockBackend().lineage(design());
    expect(countByKind(g).find(([k]) => k === "document")![1]).toBe(8);
    const layer = new Map(g.nodes.map((n) => [n.id, n.layer]));
    for (const e of g.edges) expect(layer.get(e.source)!).toBeLessThan(layer.get(e.target)!);
    // roles → permission_matrix → access_control → manifest → deployment checklist
    expect(g.depth).toBe(4);
    const n = neighbours(g, "artifact:access_control.json");
    expect(n.from.map((x) => x.id)).toEqual(["artifact:permission_matrix.json"]);
    expect(n.to.map((x) => x.id).sort()).toEqual(["artifact:manifest.json", "document:deployment_checklist", "document:role_registry"]);
  });
});
