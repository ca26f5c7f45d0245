import { describe, expect, it } from "vitest";
import { clip, duration, fromPercent, percent, toPercent } from "../src/lib/app/format";
import { buildFormModel, designerOrder, itemDetail, type NumberField, type ObjectField } from "../src/lib/schema/form-model";
import schema from "@schemas/gco.schema.json";

describe("how the studio writes numbers and previews", () => {
  it("cuts a preview at a word boundary with an ellipsis", () => {
    const text = "Members may propose amendments to this constitution by simple majority of the assembly";
    const cut = clip(text, 40);
    expect(cut).toBe("Members may propose amendments to this…");
    expect(cut.length).toBeLessThanOrEqual(40);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    expect(clip("short text", 40)).toBe("short text");
    // One word longer than the room is cut where it must be.
    expect(clip("a".repeat(50), 10)).toBe(`${"a".repeat(9)}…`);
  });

  it("shows shares as percentages and durations with units", () => {
    expect([percent(0.1), percent(0.6667), percent(1)]).toEqual(["10%", "66.7%", "100%"]);
    expect(toPercent(0.07)).toBe(7);
    expect(fromPercent(7)).toBe(0.07);
    expect([duration(259200), duration(90061), duration(3600), duration(45), duration(0)]).toEqual(["3 d", "1 d 1 h", "1 h", "45 s", "0 s"]);
  });

  it("summarises a collapsed decision type by its thresholds and voting period", () => {
    expect(itemDetail({ id: "budget", quorum: 0.1, approval: 0.5, voting_period: 259200, clock: { kind: "time" } }, "/decision_types")).toBe(
      "quorum 10% · approval 50% · 3 d",
    );
    expect(itemDetail({ quorum: 0.04, approval: 0.5, voting_period: 50400, clock: { kind: "block" } }, "/decision_types")).toBe(
      "quorum 4% · approval 50% · 50400 blocks",
    );
    expect(itemDetail({ id: "steward" }, "/roles")).toBe("");
  });
});

describe("the editor follows the designer", () => {
  const model = buildFormModel(schema);
  const fields = (domain: string) => {
    const spec = model.sections.find((s) => s.key === domain)!.spec;
    const obj = (spec.type === "array" ? spec.item : spec) as ObjectField;
    return obj.fields;
  };

  it("orders a record's fields as a designer reads them, not alphabetically", () => {
    const keys = fields("decision_types").map((f) => f.key);
    expect(keys.slice(0, 4)).toEqual(["id", "name", "description", "proposal_threshold"]);
    expect(keys.indexOf("quorum")).toBeLessThan(keys.indexOf("approval"));
    expect(keys.indexOf("approval")).toBeLessThan(keys.indexOf("voting_delay"));
    expect(keys.indexOf("voting_delay")).toBeLessThan(keys.indexOf("voting_period"));
    expect(keys.indexOf("voting_period")).toBeLessThan(keys.indexOf("timelock"));
    expect(fields("identity").map((f) => f.key).slice(0, 2)).toEqual(["name", "display_name"]);
    // Unnamed keys keep their own order, after the named ones.
    expect(designerOrder([{ key: "zz" }, { key: "aa" }, { key: "id" }]).map((f) => f.key)).toEqual(["id", "zz", "aa"]);
  });

  it("marks shares and durations so the form shows them with units", () => {
    const byKey = Object.fromEntries(fields("decision_types").map((f) => [f.key, f]));
    expect((byKey.quorum as NumberField).unit).toBe("share");
    expect((byKey.approval as NumberField).unit).toBe("share");
    expect((byKey.voting_period as NumberField).unit).toBe("duration");
    expect((byKey.timelock as NumberField).unit).toBe("duration");
    expect((byKey.expected_rate as NumberField).unit).toBeUndefined();
  });
});
