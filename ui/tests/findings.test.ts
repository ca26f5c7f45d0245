import { describe, expect, it } from "vitest";
import { comparePointers, countBySeverity, groupFindings, scoreBand } from "../src/lib/editor/findings";
import type { Finding } from "../src/lib/backend/types";

const f = (code: string, path: string): Finding => ({
  code,
  severity: code[4] === "E" ? "blocking" : code[4] === "W" ? "warning" : "info",
  path,
  message: code,
  hint: "",
});

describe("findings", () => {
  it("groups by severity, blocking first, and leaves out empty groups", () => {
    const groups = groupFindings([f("GOV-I021", "/identity/version"), f("GOV-W013", "/treasury"), f("GOV-E301", "/decision_types/0/quorum")]);
    expect(groups.map((g) => g.severity)).toEqual(["blocking", "warning", "info"]);
    expect(groupFindings([f("GOV-W013", "/treasury")]).map((g) => g.severity)).toEqual(["warning"]);
    expect(groupFindings([])).toEqual([]);
  });

  it("orders by code, then by path in document order with numeric indices", () => {
    const groups = groupFindings([
      f("GOV-E301", "/decision_types/10/quorum"),
      f("GOV-E004", "/members/explicit/3/weight"),
      f("GOV-E301", "/decision_types/2/quorum"),
      f("GOV-E004", "/members/explicit/12/weight"),
    ]);
    expect(groups[0].findings.map((x) => `${x.code} ${x.path}`)).toEqual([
      "GOV-E004 /members/explicit/3/weight",
      "GOV-E004 /members/explicit/12/weight",
      "GOV-E301 /decision_types/2/quorum",
      "GOV-E301 /decision_types/10/quorum",
    ]);
  });

  it("compares pointers and bands scores", () => {
    expect(comparePointers("/a/2", "/a/10")).toBeLessThan(0);
    expect(comparePointers("/a", "/a/0")).toBeLessThan(0);
    expect(comparePointers("/b", "/a/0")).toBeGreaterThan(0);
    expect(countBySeverity([f("GOV-E001", ""), f("GOV-E002", ""), f("GOV-I021", "")])).toEqual({ blocking: 2, warning: 0, info: 1 });
    expect(scoreBand(49)).toBe("bad");
    expect(scoreBand(50)).toBe("fair");
    expect(scoreBand(100)).toBe("good");
  });
});
