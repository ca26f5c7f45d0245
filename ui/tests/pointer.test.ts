import { describe, expect, it } from "vitest";
import {
  ancestry,
  domainOf,
  formatPointer,
  getAt,
  locatePointer,
  parsePointer,
  pointerToFieldId,
  setAt,
} from "../src/lib/json/pointer";

const doc = {
  identity: { name: "x", "a/b": 1, "m~n": { deep: [10, 20] } },
  members: { explicit: [{ id: "ada", roles: ["r1", "r2"] }, { id: "bram", roles: [] }] },
  decision_types: [{ id: "general", quorum: 1.5 }],
};
const pretty = JSON.stringify(doc, null, 2);
const lineOf = (needle: string) => pretty.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("JSON pointers", () => {
  it("parses and escapes ~0 and ~1", () => {
    expect(parsePointer("")).toEqual([]);
    expect(parsePointer("/a~1b/m~0n/0")).toEqual(["a/b", "m~n", "0"]);
    expect(parsePointer("/~01")).toEqual(["~1"]);
    expect(formatPointer(["a/b", "m~n", 0])).toBe("/a~1b/m~0n/0");
    expect(() => parsePointer("identity")).toThrow();
  });

  it("maps pointers to field ids with slashes as dashes", () => {
    expect(pointerToFieldId("/identity/name")).toBe("field-identity-name");
    expect(pointerToFieldId("/decision_types/0/quorum")).toBe("field-decision_types-0-quorum");
    expect(pointerToFieldId("/a~1b")).toBe("field-a~1b");
    expect(pointerToFieldId("")).toBe("field-root");
    expect(domainOf("/treasury/tiers/2/min")).toBe("treasury");
    expect(domainOf("")).toBeNull();
    expect(ancestry("/a/b/0")).toEqual(["/a/b/0", "/a/b", "/a", ""]);
  });

  it("gets and sets immutably, copying only the path", () => {
    expect(getAt(doc, "/identity/m~0n/deep/1")).toBe(20);
    expect(getAt(doc, "/identity/a~1b")).toBe(1);
    expect(getAt(doc, "/members/explicit/7")).toBeUndefined();
    const next = setAt(doc, "/decision_types/0/quorum", 0.4) as typeof doc;
    expect(next.decision_types[0].quorum).toBe(0.4);
    expect(doc.decision_types[0].quorum).toBe(1.5);
    expect(next.members).toBe(doc.members); // untouched branch shared
    const removed = setAt(doc, "/members/explicit/0", undefined) as typeof doc;
    expect(removed.members.explicit.map((m) => m.id)).toEqual(["bram"]);
    const created = setAt({}, "/treasury/currency", "EUR");
    expect(created).toEqual({ treasury: { currency: "EUR" } });
  });
});

describe("pointer → JSON line locator", () => {
  it("finds nested object members on their key's line", () => {
    const loc = locatePointer(pretty, "/decision_types/0/quorum")!;
    expect(loc.exact).toBe(true);
    expect(loc.line).toBe(lineOf('"quorum": 1.5'));
    expect(pretty.slice(loc.lineStart, loc.lineEnd).trim()).toBe('"quorum": 1.5');
  });

  it("finds array elements, scalars and objects", () => {
    expect(locatePointer(pretty, "/members/explicit/0/roles/1")!.line).toBe(lineOf('"r2"'));
    const second = locatePointer(pretty, "/members/explicit/1")!;
    // The element's `{` sits on the line before `"id": "bram"`.
    expect(second.line).toBe(lineOf('"id": "bram"') - 1);
    expect(locatePointer(pretty, "/identity/m~0n/deep/1")!.line).toBe(lineOf("20"));
  });

  it("decodes escaped tokens ~0 and ~1", () => {
    const loc = locatePointer(pretty, "/identity/a~1b")!;
    expect(loc.exact).toBe(true);
    expect(loc.line).toBe(lineOf('"a/b": 1'));
  });

  it("falls back to the deepest existing ancestor", () => {
    const loc = locatePointer(pretty, "/members/explicit/1/weight")!;
    expect(loc.exact).toBe(false);
    expect(loc.found).toBe("/members/explicit/1");
    expect(locatePointer(pretty, "/nothing")!.line).toBe(1);
    expect(locatePointer(pretty, "")!.exact).toBe(true);
  });

  it("does not match keys of the same name elsewhere", () => {
    const text = JSON.stringify({ a: { id: "wrong" }, b: [{ id: "right" }] }, null, 2);
    const loc = locatePointer(text, "/b/0/id")!;
    expect(text.slice(loc.lineStart, loc.lineEnd)).toContain("right");
  });

  it("handles strings with escapes and brackets", () => {
    const text = '{\n  "s": "a \\" } ] {",\n  "t": [\n    1,\n    {"u": "\\u00e9"}\n  ]\n}';
    expect(locatePointer(text, "/t/1/u")!.line).toBe(5);
    expect(locatePointer("{ nope", "/a")).toBeNull();
  });
});
