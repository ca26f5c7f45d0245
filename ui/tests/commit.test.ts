import { describe, expect, it } from "vitest";
import { MockBackend } from "../src/lib/backend/mock";
import { MOCK_DESIGN } from "../src/lib/backend/mock-design";
import { Studio } from "../src/lib/app/state.svelte";

type Design = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const text = (edit: (d: Design) => void = () => {}) => {
  const d = structuredClone(MOCK_DESIGN) as Design;
  edit(d);
  return JSON.stringify(d, null, 2);
};

describe("the commit dialog's version", () => {
  it("offers the next version after a refusal, and committing with it sets the design's version", async () => {
    const studio = new Studio(new MockBackend());
    studio.load(text(), "design.json", null);
    const own = (MOCK_DESIGN as { identity: { version: string } }).identity.version;
    expect(await studio.commitPlan()).toMatchObject({ latest: null, next: own });
    expect(await studio.commit("first")).toBeNull();

    studio.load(text((d) => (d.decision_types[0].quorum = 0.31)), "design.json", null);
    expect(await studio.commit("same version")).toMatch(/^GOV-S010: /);
    const plan = await studio.commitPlan();
    const [a, b, c] = own.split(".").map(Number);
    expect(plan).toMatchObject({ latest: own, next: `${a}.${b}.${c + 1}`, author: "designer" });

    expect(await studio.commit("raised", plan!.next)).toBeNull();
    expect((studio.gco as Design).identity.version).toBe(plan!.next);
    expect(studio.dirty).toBe(true);
    // Setting the version was an ordinary edit: undo takes it back.
    expect(studio.undo()).toBe(true);
    expect((studio.gco as Design).identity.version).toBe(own);
  });
});
