import { describe, expect, it } from "vitest";
import { MockBackend, engineViews } from "../src/lib/backend/mock";
import { MOCK_DESIGN } from "../src/lib/backend/mock-design";
import harbourViews from "../src/lib/backend/fixtures/harbour-commons.views.json";

// The mock's own rules are not tested here: what the engine answers is tested in Rust, and the
// mock serves the engine's answers (fixtures/*.views.json, generated and checked for staleness
// by src-tauri/tests/mock_fixtures.rs) for the fixture designs.
describe("mock backend", () => {
  it("answers the embedded design with the real engine's report, whatever its spacing", async () => {
    const b = new MockBackend();
    const v = await b.validate("d.json", JSON.stringify(MOCK_DESIGN, null, 4));
    expect(v).toEqual(harbourViews.validation);
    expect(v.report.findings.some((f) => f.severity === "blocking")).toBe(false);
    expect(await b.compiledView(JSON.stringify(MOCK_DESIGN))).toEqual(harbourViews.compiled);
    expect(await b.topology(JSON.stringify(MOCK_DESIGN))).toEqual(harbourViews.topology);
  });

  it("serves fixtures only for the very design they were made from", () => {
    const changed = structuredClone(MOCK_DESIGN);
    changed.decision_types[0].quorum = 0.55;
    expect(engineViews(changed)).toBeNull();
    expect(engineViews(structuredClone(MOCK_DESIGN))?.validation.report.fingerprint).toBe(harbourViews.validation.report.fingerprint);
  });
});
