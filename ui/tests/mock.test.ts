import { describe, expect, it } from "vitest";
import { MockBackend } from "../src/lib/backend/mock";
import { MOCK_DESIGN } from "../src/lib/backend/mock-design";
import { variantDesign, variantText } from "../src/lib/backend/mock-fixtures";
import { RULES } from "../src/lib/bindings/ipc";
import harbourViews from "../src/lib/backend/fixtures/harbour-commons.views.json";
import quorumViews from "../src/lib/backend/fixtures/quorum-1.5.views.json";
import diffs from "../src/lib/backend/fixtures/diffs.json";

// The mock's answers are the engine's: fixtures/*.views.json, written and checked for staleness
// by src-tauri/tests/mock_fixtures.rs for the fixture designs and their variants.
describe("mock backend", () => {
  it("answers the embedded design and a variant with the real engine's reports, whatever their spacing", async () => {
    const b = new MockBackend();
    const v = await b.validate("d.json", JSON.stringify(MOCK_DESIGN, null, 4));
    expect(v).toEqual(harbourViews.validation);
    expect(await b.compiledView(JSON.stringify(MOCK_DESIGN))).toEqual(harbourViews.compiled);
    expect(await b.topology(JSON.stringify(MOCK_DESIGN))).toEqual(harbourViews.topology);
    expect(await b.validate("d.json", JSON.stringify(variantDesign("quorum-1.5")))).toEqual(quorumViews.validation);
    expect(variantText("quorum-1.5")).toContain('"quorum": 1.5');
  });

  it("refuses a design it has no fixture for, naming what was edited and how to add it", async () => {
    const changed = structuredClone(MOCK_DESIGN);
    changed.decision_types[0].quorum = 0.55;
    const refused = new MockBackend().validate("d.json", JSON.stringify(changed));
    await expect(refused).rejects.toMatchObject({ code: "UI-INTERNAL" });
    await expect(refused).rejects.toThrow(/harbour-commons@1\.0\.0 \(`harbour-commons` with \/decision_types\/0\/quorum set\).*fixtures\/variants\/.*COGOV_BLESS=1/);
  });
});

describe("mock store's diffs", () => {
  it("commits with the engine's diff and bump, and refuses a pair the engine never compared", async () => {
    const b = new MockBackend();
    const name = MOCK_DESIGN.identity.name;
    await b.storeCommit(JSON.stringify(MOCK_DESIGN), "first");
    // The variant's content under a version of the test's choosing: still that variant to the engine's diff.
    const raised = { ...variantDesign("quorum-0.31"), identity: { ...MOCK_DESIGN.identity, version: "1.5.0" } };
    const engine = diffs["harbour-commons -> quorum-0.31"];
    expect(await b.storeCommit(JSON.stringify(raised), "raise")).toMatchObject({ created: true, suggested: engine.suggested, changes: engine.changes.length });
    expect((await b.storeLog(name)).at(-1)!.bump).toBe(engine.suggested);
    expect((await b.storeDiff(name, "1.0.0", "1.5.0")).diff).toEqual(engine);

    // The commit dialog's offer follows the engine's bump: the flash-loanable edit calls for a minor one.
    expect(diffs["quorum-0.31 -> flash-loanable"].suggested).toBe("minor");
    expect(await b.storeCommitPlan(variantText("flash-loanable"))).toMatchObject({ latest: "1.5.0", next: "1.6.0" });

    const unknown = { ...raised, description: "no fixture has this", identity: { ...raised.identity, version: "2.0.0" } };
    await expect(b.storeCommit(JSON.stringify(unknown), "x")).rejects.toThrow(/no engine diff from quorum-0\.31 to an unlisted edit of harbour-commons.*COGOV_BLESS=1/);
  });
});

// The mock must not grow back into a second engine: no validation rule's code may appear in its
// sources (findings come only from the fixtures), and its files stay within a line budget.
describe("the mock holds no rule logic", () => {
  const sources = import.meta.glob("../src/lib/backend/mock*.ts", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
  /** mock*.ts were 2,550 lines with the rules, 1,746 without, and 1,592 without the What-if
   *  and diff fakes; a little room, not a second engine. */
  const BUDGET = 1500;

  it("names no rule of the catalogue and no compile gate, nor reads the rule table", () => {
    const codes = [...Object.keys(RULES), "GOV-P001"];
    expect(codes.length).toBeGreaterThan(50);
    const found = Object.entries(sources).flatMap(([file, text]) => codes.filter((c) => text.includes(c)).map((c) => `${file}: ${c}`));
    expect(found).toEqual([]);
    const tables = Object.entries(sources).filter(([, text]) => /\bRULES\b|\bERROR_CODES\b/.test(text)).map(([file]) => file);
    expect(tables).toEqual([]);
  });

  it(`stays under ${BUDGET} lines`, () => {
    expect(Object.keys(sources).length).toBeGreaterThan(5);
    const lines = Object.values(sources).reduce((n, text) => n + text.split("\n").length - 1, 0);
    expect(lines).toBeLessThanOrEqual(BUDGET);
  });
});
