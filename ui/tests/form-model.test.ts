import { describe, expect, it } from "vitest";
import schema from "@schemas/gco.schema.json";
import {
  buildFormModel,
  defaultValue,
  itemTitle,
  specAt,
  variantValue,
  type FieldSpec,
  type ObjectField,
  type UnionField,
} from "../src/lib/schema/form-model";

const model = buildFormModel(schema);
const section = (k: string) => model.sections.find((s) => s.key === k)!.spec;
const field = (spec: FieldSpec, k: string): FieldSpec => {
  if (spec.type !== "object") throw new Error(`${spec.key} is ${spec.type}`);
  return spec.fields.find((f) => f.key === k)!;
};

describe("schema-driven form model", () => {
  it("has a section for every top-level domain, in the editor's order", () => {
    const domains = Object.keys((schema as { properties: object }).properties).filter((k) => !k.startsWith("$"));
    expect(model.sections.map((s) => s.key).sort()).toEqual(domains.sort());
    expect(model.sections.map((s) => s.key).slice(0, 4)).toEqual(["identity", "members", "roles", "decision_types"]);
    expect(model.sections.some((s) => s.key === "$schema")).toBe(false);
    expect(section("decision_types").label).toBe("Decision types");
  });

  it("resolves $ref and keeps the property's own description", () => {
    const identity = section("identity") as ObjectField;
    expect(identity.type).toBe("object");
    expect(identity.description).toBe("Who this governance instance is.");
    const name = field(identity, "name");
    expect(name).toMatchObject({ type: "string", required: true, pattern: "^[a-z0-9][a-z0-9-]{0,63}$" });
    const version = field(identity, "version");
    expect(version.type).toBe("string"); // SemVer $ref → string with pattern
    expect(field(identity, "jurisdiction").required).toBe(false);
  });

  it("turns enums into options with their x-enum-descriptions", () => {
    const kind = field(section("identity"), "kind");
    expect(kind.type).toBe("enum");
    if (kind.type !== "enum") return;
    expect(kind.options.map((o) => o.value)).toContain("cooperative");
    expect(kind.options.find((o) => o.value === "dao")!.description).toBe("A decentralised autonomous organisation.");
  });

  it("carries numeric ranges and integer formats", () => {
    const dt = section("decision_types");
    expect(dt.type).toBe("array");
    if (dt.type !== "array") return;
    const quorum = field(dt.item, "quorum");
    expect(quorum).toMatchObject({ type: "number", min: 0, max: 1, required: true });
    const period = field(dt.item, "voting_period");
    expect(period).toMatchObject({ type: "integer", min: 0 });
  });

  it("models if/then tagged unions as a kind switch with per-kind fields", () => {
    const levels = field(section("escalation"), "levels");
    if (levels.type !== "array") throw new Error("levels");
    const decider = field(levels.item, "decided_by") as UnionField;
    expect(decider.type).toBe("union");
    expect(decider.tag).toBe("kind");
    expect(decider.variants.map((v) => v.value)).toEqual(["role", "decision_type", "external"]);
    expect(decider.variants[2].fields.map((f) => f.key)).toEqual(["body"]);
    expect(variantValue(decider, "external", { kind: "role", role: "x" })).toEqual({ kind: "external", body: "" });

    const members = section("members");
    const population = field(members, "population");
    const weight = field(population, "weight") as UnionField;
    expect(weight.variants.map((v) => v.value)).toEqual(expect.arrayContaining(["constant", "uniform", "lognormal", "beta", "pareto"]));
    const uniform = weight.variants.find((v) => v.value === "uniform")!;
    expect(uniform.fields.map((f) => [f.key, f.required])).toEqual([["min", true], ["max", true]]);
  });

  it("builds default values with the required fields filled", () => {
    const dt = section("decision_types");
    if (dt.type !== "array") throw new Error();
    expect(defaultValue(dt.item)).toEqual({ id: "", quorum: 0, approval: 0, voting_delay: 0, voting_period: 0 });
    const treasury = defaultValue(section("treasury")) as Record<string, unknown>;
    expect(Object.keys(treasury).sort()).toEqual(["balance", "currency"]);
  });

  it("finds the spec at a pointer, through arrays and unions", () => {
    const value = { escalation: { levels: [{ id: "a", decided_by: { kind: "external", body: "court" } }] } };
    expect(specAt(model, ["decision_types", "3", "quorum"])?.type).toBe("number");
    expect(specAt(model, ["escalation", "levels", "0", "decided_by", "body"], value)?.type).toBe("string");
    expect(specAt(model, ["identity", "nope"])).toBeNull();
    expect(itemTitle({ id: "council", name: "Council" }, 0)).toBe("Council (council)");
    expect(itemTitle({ from: "a", to: "b" }, 0)).toBe("a → b");
  });
});
