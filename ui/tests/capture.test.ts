import { describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { MockBackend } from "../src/lib/backend/mock";
import { MOCK_DESIGN } from "../src/lib/backend/mock-design";
import { variantText } from "../src/lib/backend/mock-fixtures";
import { Studio } from "../src/lib/app/state.svelte";
import { attackOverlay, captureRows, costText, OUTSIDER, profitText, rowKey, stoppers } from "../src/lib/insight/capture";
import { attackFromJson, attackJson, attackProblems, attackResult, lossText, probabilityText, targetOptions, withAttack, type AttackSpec } from "../src/lib/whatif/attack";
import { buildFormModel, type FieldSpec } from "../src/lib/schema/form-model";
import schema from "@schemas/gco.schema.json";
import type { PowerCapture } from "../src/lib/backend/types";
import Risk from "../src/views/Risk.svelte";
import Whatif from "../src/views/Whatif.svelte";

type O = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const design = (edit: (d: O) => void = () => {}) => {
  const d = structuredClone(MOCK_DESIGN) as O;
  edit(d);
  return JSON.stringify(d, null, 2);
};

async function until(probe: () => boolean, what: string, tries = 200) {
  for (let i = 0; i < tries; i++) {
    flushSync();
    if (probe()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function render(component: typeof Risk | typeof Whatif, studio: Studio) {
  const target = document.createElement("div");
  document.body.append(target);
  const app = mount(component, { target, props: { studio } });
  return { target, done: () => (unmount(app), target.remove()) };
}

const power = (over: Partial<PowerCapture>): PowerCapture => ({
  decision_type: "general",
  power: "treasury",
  tiers: ["large"],
  route: null,
  inferred: true,
  need: 0.3,
  binding: "the quorum 30.0%",
  borrowed: 0,
  bought: 0.3,
  flash_loan: false,
  blocked_by: [],
  capturable: true,
  cost: 600,
  controls: 84000,
  profitability: 140,
  risk: 0.4,
  timelock_seconds: 0,
  veto: [],
  unguarded: true,
  ...over,
});

describe("capture analysis in words", () => {
  it("gives cost, profitability and what would stop the outsider, or 'nothing'", () => {
    const p = power({});
    expect(costText(p, "EUR")).toEqual({ share: "30.0 %", how: "bought ahead", money: "≈ 600 EUR" });
    expect(profitText(p)).toBe("140.0× its cost: profitable");
    expect(stoppers(p, undefined)).toEqual([]);
    const flash = power({ bought: 0, borrowed: 0.3, flash_loan: true, cost: 0, profitability: null });
    expect(costText(flash, "EUR").how).toBe("all flash-loaned within one block");
    expect(costText(flash, "EUR").money).toBe("no purchase cost");
    expect(profitText(flash)).toBe("unbounded (costs nothing to buy)");
    const guarded = power({ capturable: false, blocked_by: ["2 of 3 `steward` signers"], timelock_seconds: 172800, veto: ["council `council`"], unguarded: false });
    const s = stoppers(guarded, { decision: "decision:general", signers: [], vetoes: [], targets: [], exit_window_seconds: 604800 });
    expect(s).toEqual([
      { kind: "blocks", text: "2 of 3 `steward` signers" },
      { kind: "slows", text: "timelock 2 d" },
      { kind: "slows", text: "exit window 7 d" },
    ]);
    expect(costText(guarded, null).how).toContain("cannot be bought");
    expect(profitText(guarded)).toBe("—");
  });

  it("orders rows alerts first, then by risk", () => {
    const view = {
      blocking: [],
      report: { weight: {} as never, turnout: 0.5, powers: [power({ decision_type: "a", risk: 0.1 }), power({ decision_type: "b", risk: 0.9 }), power({ decision_type: "c", risk: 0.7 })] },
      levels: ["ok", "alert", "watch"] as const,
      paths: [0, 1, 2].map(() => ({ decision: "x", signers: [], vetoes: [], targets: [], exit_window_seconds: null })),
      threshold: { watch: 0.6, alert: 0.8 },
      currency: "EUR",
    };
    expect(captureRows(view as never).map((r) => r.power.decision_type)).toEqual(["b", "c", "a"]);
  });

  it("draws a path: outsider → decision → signers and vetoes → tier, skipping what the graph lacks", () => {
    const nodes = new Set(["decision:general", "role:steward", "role:council", "tier:large"]);
    const edges = new Set(["role:steward>tier:large", "decision:general>tier:large"]);
    const p = power({});
    const o = attackOverlay(
      p,
      { decision: "decision:general", signers: ["role:steward", "role:ghost"], vetoes: ["role:council"], targets: ["tier:large"], exit_window_seconds: null },
      (id) => nodes.has(id),
      (a, b) => edges.has(`${a}>${b}`),
    );
    expect(o.classes).toEqual({ "decision:general": "attack-on", "role:steward": "attack-signer", "role:council": "attack-veto", "tier:large": "attack-on" });
    expect(o.nodes.map((n) => n.id)).toEqual([OUTSIDER]);
    // The signer's edge and the authorising edge exist already; the outsider's vote and the veto are added.
    expect(o.edges.map((e) => e.kind)).toEqual(["attack", "attack_veto"]);
    // A power with no node of its own gets one.
    const mint = attackOverlay(power({ power: "mint", tiers: [] }), { decision: "decision:general", signers: [], vetoes: [], targets: [], exit_window_seconds: null }, (id) => nodes.has(id), () => false);
    expect(mint.nodes.map((n) => n.label)).toEqual(["Outsider (buys 30.0 %)", "Minting"]);
    // A decision the graph lacks draws nothing.
    expect(attackOverlay(p, { decision: "decision:nope", signers: [], vetoes: [], targets: [], exit_window_seconds: null }, () => false, () => false).nodes).toEqual([]);
  });
});

describe("risk view leads with capture", () => {
  it("names the capturable power with its cost, marks the unguarded, and lists the assumptions", async () => {
    const studio = new Studio(new MockBackend());
    studio.load(variantText("flash-loanable"), "design.json", null);
    const { target, done } = render(Risk, studio);
    await until(() => target.querySelectorAll('[data-testid="capture-row"]').length > 0 && !!target.querySelector('[data-testid="risk-score"]'), "the capture table and scores");
    const section = target.querySelector('[data-testid="capture"]')!;
    // The capture table comes before the six scores.
    expect(section.compareDocumentPosition(target.querySelector('[data-testid="risk-score"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const rows = [...target.querySelectorAll('[data-testid="capture-row"]')] as HTMLElement[];
    // `general` (tier small, quorum 50%, approval 50%) is reachable with borrowed weight: alert, first.
    const first = rows[0];
    expect(first.dataset.level).toBe("alert");
    expect(first.dataset.decisionType).toBe("general");
    expect(first.querySelector("td")?.textContent).toContain("Alert");
    expect(first.textContent).toContain("Spend from the treasury (tier small)");
    expect(first.querySelector('[data-testid="capture-cost"]')?.textContent).toContain("flash-loaned within one block");
    // No timelock, no veto: "Nothing: unguarded".
    expect(first.dataset.unguarded).toBe("true");
    expect(first.querySelector('[data-testid="capture-unguarded"]')?.textContent).toContain("Nothing: unguarded");
    // `budget` has signers: it is blocked, and says by whom.
    const budget = rows.find((r) => r.dataset.decisionType === "budget")!;
    expect(budget.dataset.capturable).toBe("false");
    expect(budget.querySelector('[data-testid="capture-stop"]')?.textContent).toContain("`steward` signers");
    expect(target.querySelector('[data-testid="capture-assumed"]')).toBeNull();

    // The row's Path button opens the topology with that power's path.
    (first.querySelector('[data-testid="capture-path"]') as HTMLButtonElement).click();
    expect(studio.view).toBe("topology");
    expect(studio.attackFocus).toBe(first.dataset.key);
    done();
  });

  it("lists the assumptions when the design does not say where weight comes from", async () => {
    const studio = new Studio(new MockBackend());
    studio.load(design(), "design.json", null);
    const { target, done } = render(Risk, studio);
    await until(() => !!target.querySelector('[data-testid="capture-assumed"]'), "the assumptions");
    expect(target.querySelector('[data-testid="capture-assumed"]')!.textContent).toContain("weight source unknown: assumed live");
    // A cooperative's membership does not trade: nothing is capturable.
    expect(target.querySelector('[data-testid="capture"]')!.getAttribute("data-capturable")).toBe("0");
    done();
  });
});

describe("what-if attack scenario", () => {
  const targets = targetOptions(MOCK_DESIGN);

  it("writes the simulator's attack shape exactly, leaving unset options out", () => {
    expect(targets.map((t) => t.id)).toEqual(["general", "budget", "amendment"]);
    expect(targets[0].label).toBe("General assembly vote (general)");
    const a: AttackSpec = { budget: 50000, acquisition: "flash_loan", at: 30 };
    expect(attackJson(a)).toEqual({ budget: 50000, acquisition: "flash_loan", at: 30 });
    const full: AttackSpec = { ...a, price: 2.5, target: "budget" };
    expect(withAttack({ name: "x", steps: 365 }, full)).toEqual({ name: "x", steps: 365, attack: { budget: 50000, acquisition: "flash_loan", at: 30, price: 2.5, target: "budget" } });
    expect(withAttack({ name: "x" }, null)).toEqual({ name: "x" });
    expect(attackFromJson(withAttack({}, full))).toEqual(full);
    expect(attackFromJson({ attack: { budget: "lots", acquisition: "buy", at: 1 } })).toBeNull();
    expect(probabilityText(0.42, [0.351, 0.49])).toBe("42 % (35–49 %)");
    expect(probabilityText(0.025, [0.01, 0.05])).toBe("2.5 % (1–5 %)");
    expect(lossText({ mean: 1500, se: 20 }, (x) => String(x))).toBe("1500 ± 20");
    expect(lossText(null, String)).toBe("—");
    expect(attackResult({ attack: { powers: [] } })).not.toBeNull();
    expect(attackResult({ figures: {} })).toBeNull();
  });

  it("says what is wrong with a half-typed attack", () => {
    expect(attackProblems({ budget: 1, acquisition: "buy", at: 0 }, 365, targets)).toEqual([]);
    expect(attackProblems({ budget: -1, acquisition: "buy", at: 400, price: 0, target: "nope" }, 365, targets)).toEqual([
      "The budget must be a number of at least 0.",
      "The start step must be a whole number from 0 to 364.",
      "The price must be above 0 (or left empty to use the design's).",
      'The design has no decision type "nope".',
    ]);
  });

  it("the form writes the attack into the scenario the What-if view runs", async () => {
    const backend = new MockBackend();
    const seen: O[] = [];
    const run = backend.whatifRun.bind(backend);
    backend.whatifRun = (t, s, j) => (seen.push(s as O), run(t, s, j));
    const studio = new Studio(backend);
    studio.load(design(), "design.json", null);
    const { target, done } = render(Whatif, studio);
    const q = (id: string) => target.querySelector(`[data-testid="${id}"]`) as HTMLInputElement & HTMLSelectElement;
    await until(() => !!q("whatif-figures"), "the first report");
    expect(seen.at(-1)!.attack).toBeUndefined();
    q("whatif-attack-on").click();
    await until(() => seen.at(-1)?.attack !== undefined, "a run with the attacker");
    expect(seen.at(-1)!.attack).toEqual({ budget: 1000000, acquisition: "buy", at: 36 });
    // The design gives no token price: the form says so.
    expect(q("whatif-attack-noprice")).not.toBeNull();
    // Targets come from the design's decision types.
    const options = [...q("whatif-attack-target").querySelectorAll("option")].map((o) => o.value);
    expect(options).toEqual(["", "general", "budget", "amendment"]);
    q("whatif-attack-target").value = "budget";
    q("whatif-attack-target").dispatchEvent(new Event("change", { bubbles: true }));
    q("whatif-attack-acquisition").value = "flash_loan";
    q("whatif-attack-acquisition").dispatchEvent(new Event("change", { bubbles: true }));
    q("whatif-attack-price").value = "3";
    q("whatif-attack-price").dispatchEvent(new Event("input", { bubbles: true }));
    await until(() => seen.at(-1)?.attack?.price === 3, "the edited attack run");
    expect(seen.at(-1)!.attack).toEqual({ budget: 1000000, acquisition: "flash_loan", at: 36, price: 3, target: "budget" });
    // The simulator refuses this attack on the cooperative (its weight is seats, not tokens):
    // the view shows the engine's refusal with its code.
    await until(() => !!q("whatif-error")?.textContent?.includes("GOV-X052"), "the simulator's refusal");
    expect(q("whatif-error").textContent).toContain("flash_loan");
    // A start beyond the run is not run; the form says why.
    const runs = seen.length;
    q("whatif-attack-at").value = "9999";
    q("whatif-attack-at").dispatchEvent(new Event("input", { bubbles: true }));
    await until(() => !!q("whatif-attack-problems"), "the problem listed");
    expect(q("whatif-attack-problems").textContent).toContain("whole number from 0 to 364");
    await new Promise((r) => setTimeout(r, 120));
    expect(seen.length).toBe(runs);
    done();
  });
});

describe("editor labels of the capture fields", () => {
  it("reads the new GCO fields in words with their units", () => {
    const model = buildFormModel(schema as object);
    const find = (spec: FieldSpec, key: string): FieldSpec | null => {
      if (spec.key === key) return spec;
      const kids: FieldSpec[] = spec.type === "object" ? spec.fields : spec.type === "array" ? [spec.item] : spec.type === "union" ? spec.variants.flatMap((v) => v.fields) : [];
      for (const k of kids) {
        const f = find(k, key);
        if (f) return f;
      }
      return null;
    };
    const label = (key: string) => model.sections.map((s) => find(s.spec, key)).find(Boolean)?.label;
    // Voting weight sits with the decisions it weighs.
    expect(model.sections.map((s) => s.key).indexOf("voting_weight")).toBe(4);
    expect(label("weight_snapshot")).toBe("When a voter's weight is read");
    expect(label("exit_window")).toContain("seconds");
    expect(label("veto")).toBe("Who may veto or cancel during the timelock");
    expect(label("affiliation")).toContain("insider, independent or outside");
    expect(label("election_method")).toBe("How the seats are elected");
    expect(label("routes")).toContain("emergency");
    expect(label("circulating")).toContain("share, 0 to 1");
    // Enum values keep their own words: the `veto` action is not relabelled.
    const actions = model.sections.map((s) => find(s.spec, "action")).find(Boolean);
    expect(actions?.type === "enum" && actions.options.find((o) => o.value === "veto")?.label).toBe("Veto");
  });
});

describe("editor map fields", () => {
  it("edits a role's affiliation: member id → insider, independent or outside", async () => {
    const { default: Field } = await import("../src/components/form/Field.svelte");
    const model = buildFormModel(schema as object);
    const roles = model.sections.find((s) => s.key === "roles")!.spec;
    const role = roles.type === "array" && roles.item.type === "object" ? roles.item : null;
    const spec = role!.fields.find((f) => f.key === "affiliation")!;
    expect(spec.type === "object" && spec.values?.type === "enum" && spec.values.options.map((o) => o.value)).toEqual(["insider", "independent", "outside"]);
    const value: Record<string, string> = { ada: "insider" };
    const changes: [string, unknown][] = [];
    const target = document.createElement("div");
    document.body.append(target);
    const app = mount(Field, { target, props: { spec, value, pointer: "/roles/0/affiliation", depth: 1, onchange: (p: string, v: unknown) => changes.push([p, v]) } });
    flushSync();
    expect([...target.querySelectorAll('[data-testid$="-entry"]')].map((e) => (e as HTMLElement).dataset.key)).toEqual(["ada"]);
    const input = target.querySelector('[data-testid$="-new-key"]') as HTMLInputElement;
    input.value = "bram";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    (target.querySelector('[data-testid$="-add"]') as HTMLButtonElement).click();
    expect(changes.at(-1)).toEqual(["/roles/0/affiliation", { ada: "insider", bram: "insider" }]);
    // A key already listed cannot be added twice.
    input.value = "ada";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    expect((target.querySelector('[data-testid$="-add"]') as HTMLButtonElement).disabled).toBe(true);
    (target.querySelector('[data-testid$="-remove"]') as HTMLButtonElement).click();
    expect(changes.at(-1)).toEqual(["/roles/0/affiliation", {}]);
    unmount(app);
    target.remove();
  });
});
