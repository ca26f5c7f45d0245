import { describe, expect, it } from "vitest";
import { BackendError } from "../src/lib/backend/backend";
import { MockBackend, complianceScore } from "../src/lib/backend/mock";
import { MOCK_DESIGN } from "../src/lib/backend/mock-design";

describe("mock backend", () => {
  it("validates the embedded design as clean with a sha256 fingerprint", async () => {
    const v = await new MockBackend().validate("d.json", JSON.stringify(MOCK_DESIGN));
    expect(v.kind).toBe("gco");
    expect(v.report.findings).toEqual([]);
    expect(v.report.compliance_score).toBe(100);
    expect(v.report.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Same content, other spelling: same fingerprint.
    const again = await new MockBackend().validate("d.json", JSON.stringify(MOCK_DESIGN, null, 4));
    expect(again.report.fingerprint).toBe(v.report.fingerprint);
  });

  it("reports a JSON syntax error as GOV-X005 with line and column", async () => {
    const err = await new MockBackend().validate("d.json", '{\n  "identity": {\n    "name": "x",\n  }\n}').catch((e) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(err.code).toBe("GOV-X005");
    expect(err.message).toMatch(/^line 4, column \d+/);
  });

  it("flags a quorum above 1 as blocking at the quorum's pointer", async () => {
    const g = structuredClone(MOCK_DESIGN);
    g.decision_types[1].quorum = 1.2;
    const v = await new MockBackend().validate("d.json", JSON.stringify(g));
    const f = v.report.findings.find((x) => x.path === "/decision_types/1/quorum");
    expect(f).toMatchObject({ code: "GOV-E004", severity: "blocking" });
    expect(v.report.compliance_score).toBeLessThan(50);
  });

  it("scores by distinct rules", () => {
    const w = { code: "GOV-W013", severity: "warning" as const, path: "", message: "", hint: "" };
    expect(complianceScore([w])).toBe(99);
    expect(complianceScore([w, { ...w, path: "/x" }])).toBe(99);
  });

  it("runs the onboarding and the file system", async () => {
    const b = new MockBackend();
    const v = await b.onboardingStart();
    expect(v.question?.id).toBe("name");
    const refused = await b.onboardingAnswer(v.state, "  ");
    expect(refused.error).toBeTruthy();
    expect(refused.question?.id).toBe("name");
    const saved = (await b.pickSavePath("x.json"))!;
    expect(saved.handle).toMatch(/^h_[0-9a-f]{32}$/);
    await b.writeFile(saved.handle, "{}");
    const recent = (await b.recentFiles())[0];
    expect(recent.path).toBe("/home/designer/x.json");
    expect(await b.readFile(recent.handle)).toBe("{}");
  });

  it("takes files only by handle, each for its own use, as the Rust handle table does", async () => {
    const b = new MockBackend();
    await expect(b.readFile("/home/designer/harbour-commons.json")).rejects.toMatchObject({ code: "GOV-H003" });
    await expect(b.writeFile("/tmp/evil.json", "{}")).rejects.toMatchObject({ code: "GOV-H003" });
    await expect(b.readFile("h_" + "f".repeat(32))).rejects.toMatchObject({ code: "GOV-H001" });
    const out = (await b.pickBundlePath("b.tar.gz"))!;
    await expect(b.writeFile(out.handle, "{}")).rejects.toMatchObject({ code: "GOV-H002" });
    const dir = (await b.pickDirectory("deploy-target", "t"))!;
    await expect(b.readFile(dir.handle)).rejects.toMatchObject({ code: "GOV-H002" });
    await expect(b.exportKeygen("pw", dir.handle)).rejects.toMatchObject({ code: "GOV-H002" });
    await expect(b.pickDirectory("design", "x")).rejects.toMatchObject({ code: "GOV-H002" });
  });
});
