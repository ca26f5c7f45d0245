import { describe, expect, it } from "vitest";
import { MockBackend } from "../src/lib/backend/mock";
import { MOCK_DESIGN } from "../src/lib/backend/mock-design";
import { variantText } from "../src/lib/backend/mock-fixtures";
import { Studio } from "../src/lib/app/state.svelte";

const text = (edit: (d: Record<string, any>) => void = () => {}) => { // eslint-disable-line @typescript-eslint/no-explicit-any
  const d = structuredClone(MOCK_DESIGN) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  edit(d);
  return JSON.stringify(d, null, 2);
};

describe("history in the studio (mock store)", () => {
  it("commits, refuses changed content under a saved version, and rolls back as a new version", async () => {
    const backend = new MockBackend();
    const studio = new Studio(backend);
    studio.load(text(), "design.json", null);
    expect(await studio.commit("first")).toBeNull();
    const name = (MOCK_DESIGN as { identity: { name: string; version: string } }).identity.name;
    const v0 = (MOCK_DESIGN as { identity: { version: string } }).identity.version;

    studio.load(text((d) => (d.decision_types[0].quorum = 0.31)), "design.json", null);
    expect(await studio.commit("same version, other content")).toMatch(/^GOV-S010: /);

    studio.load(text((d) => ((d.decision_types[0].quorum = 0.31), (d.identity.version = "9.0.0"))), "design.json", null);
    expect(await studio.commit("raise")).toBeNull();
    expect(studio.historyRevision).toBe(2);

    // The engine's diff (fixtures/diffs.json, "harbour-commons -> quorum-0.31": the variant
    // whose quorum is 0.31), found whatever version the commit gave it.
    const diff = await backend.storeDiff(name, v0, "9.0.0");
    expect(diff.diff.changes.map((c) => c.pointer)).toEqual(["/decision_types/0/quorum"]);
    const rb = await backend.storeRollback(name, v0, "");
    expect(rb).toMatchObject({ version: "9.0.1", kind: "rollback", rollback_of: v0, message: `Roll back to ${v0}` });
    expect((await backend.storeLog(name)).map((v) => v.version)).toEqual([v0, "9.0.0", "9.0.1"]);
    expect((await backend.storeDiff(name, v0, "9.0.1")).diff.changes).toEqual([]);
  });
});

describe("the control plane in the studio (mock store)", () => {
  it("a failed gate opens a case, a failed build is not released, and the metrics count both", async () => {
    const backend = new MockBackend();
    const studio = new Studio(backend);
    const name = (MOCK_DESIGN as { identity: { name: string } }).identity.name;
    studio.load(variantText("quorum-7"), "design.json", null); // version 2.0.0
    expect(await studio.commit("broken quorum")).toBeNull();
    const out = await backend.storeBuild(name, "2.0.0");
    expect(out.record).toMatchObject({ status: "failed", reason_code: "GOV-P001" });

    const cases = await backend.storeCases(name);
    expect(cases.map((c) => [c.kind, c.state, c.reason_code])).toEqual([["gate_failed", "open", "GOV-P001"]]);
    await expect(backend.storePromote(out.record.id, "stable", "ship")).rejects.toMatchObject({ code: "GOV-P010" });
    const releases = await backend.storeReleases(name);
    expect(releases.records.map((r) => [r.status, r.reason_code])).toEqual([["refused", "GOV-P010"]]);
    expect(releases.channels[0]).toMatchObject({ name: "stable", build: null });

    const [refusedCase] = await backend.storeCases(name);
    expect(refusedCase.kind).toBe("release_refused");
    await backend.storeCaseMove(refusedCase.id, "resolved", "fixed the quorum");
    await expect(backend.storeCaseMove(refusedCase.id, "triaged", "late")).rejects.toMatchObject({ code: "GOV-P021" });

    const m = await backend.storeMetrics(name);
    expect([m.builds, m.builds_passed, m.releases, m.releases_refused, m.cases, m.cases_open]).toEqual([1, 0, 1, 1, 2, 1]);
    const kinds = (await backend.storeEvents(0)).map((e) => e.kind);
    expect(kinds).toEqual(["gate.failed", "case.opened", "release.refused", "case.opened", "task.resolved"]);
  });
});
