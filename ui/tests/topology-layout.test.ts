// The topology's layered layout on the graphs the real engine draws for two examples
// (fixtures written by the engine): same positions every time, no label over another label or
// node, trust domains apart with their titles inside on one line.
import { describe, expect, it } from "vitest";
import coop from "../src/lib/backend/fixtures/worker-coop.views.json";
import dao from "../src/lib/backend/fixtures/token-dao.views.json";
import { estimate, layout, overlapping, overlaps, wrapLabel, type Box, type Layout } from "../src/components/topology/layout";
import { recall, remember, rememberKey } from "../src/components/topology/readable";
import type { Graph } from "../src/lib/backend/types";

const coopGraph = coop.topology as unknown as Graph;
const daoGraph = dao.topology as unknown as Graph;

/** Every label box and every node's own box, each with an id. */
function boxes(l: Layout): { id: string; box: Box }[] {
  const out: { id: string; box: Box }[] = [];
  for (const n of l.nodes.values()) {
    out.push({ id: `label ${n.id}`, box: n.labelBox });
    out.push({ id: `node ${n.id}`, box: { x1: n.x - n.size / 2, x2: n.x + n.size / 2, y1: n.y - n.size / 2, y2: n.y + n.size / 2 } });
  }
  return out;
}

const plain = (l: Layout) => JSON.stringify([...l.nodes.values()].map((n) => [n.id, n.x, n.y]));

describe("topology layout", () => {
  it("gives the same positions on every visit, whatever else ran before", () => {
    const first = layout(coopGraph);
    layout(daoGraph);
    const again = layout(structuredClone(coopGraph));
    expect(plain(again)).toBe(plain(first));
    expect(first.nodes.size).toBe(coopGraph.nodes.length);
  });

  it("reads left to right: members, roles, decision types, then tiers and the treasury", () => {
    const l = layout(coopGraph);
    const x = (kind: string) => coopGraph.nodes.filter((n) => n.kind === kind).map((n) => l.nodes.get(n.id)!.x);
    expect(Math.max(...x("member"))).toBeLessThan(Math.min(...x("role")));
    expect(Math.max(...x("role"))).toBeLessThan(Math.min(...x("decision_type")));
    expect(Math.max(...x("decision_type"))).toBeLessThan(Math.min(...x("tier")));
    expect(Math.max(...x("tier"))).toBeLessThan(Math.min(...x("treasury")));
  });

  it("puts no label over another label or node on the cooperative (33 nodes)", () => {
    const l = layout(coopGraph);
    expect(l.nodes.size).toBe(33);
    expect(overlapping(boxes(l))).toEqual([]);
  });

  it("puts no label over another on token-dao, and keeps its trust domains apart", () => {
    const l = layout(daoGraph);
    expect(overlapping(boxes(l))).toEqual([]);
    const domains = [...l.domains.values()];
    expect(domains.map((d) => d.title)).toEqual(["Mainnet governance core", "L2 execution"]);
    expect(overlaps(domains[0].box, domains[1].box)).toBe(false);
    for (const d of domains) {
      // The title is inside its own box, on one line, and clear of the box's nodes and labels.
      expect(d.titleBox.x1).toBeGreaterThanOrEqual(d.box.x1);
      expect(d.titleBox.x2).toBeLessThanOrEqual(d.box.x2);
      expect(d.titleBox.y1).toBeGreaterThanOrEqual(d.box.y1);
      const inside = daoGraph.nodes.filter((n) => n.parent === d.id).map((n) => l.nodes.get(n.id)!);
      expect(inside.length).toBeGreaterThan(0);
      for (const n of inside) {
        expect(n.x - n.size / 2).toBeGreaterThan(d.box.x1);
        expect(n.labelBox.x2).toBeLessThan(d.box.x2);
        expect(n.y - n.size / 2).toBeGreaterThan(d.titleBox.y2);
        expect(n.labelBox.y2).toBeLessThan(d.box.y2);
      }
      // Nodes outside the domain are outside its box.
      for (const n of l.nodes.values()) if (!inside.includes(n)) expect(overlaps(n.labelBox, d.box)).toBe(false);
    }
  });

  it("wraps a long label to two lines and shortens what does not fit, saying so", () => {
    const short = wrapLabel("Board", estimate);
    expect(short).toEqual({ lines: ["Board"], shortened: false });
    const two = wrapLabel("Board review (members in the dispute recused)", estimate);
    expect(two.lines.length).toBe(2);
    expect(two.shortened).toBe(false);
    const long = wrapLabel("Cross-chain executor for Lumina on Arbitrum with a very long description that goes on", estimate);
    expect(long.lines.length).toBe(2);
    expect(long.shortened).toBe(true);
    expect(long.lines[1].endsWith("…")).toBe(true);
    for (const line of [...two.lines, ...long.lines]) expect(estimate(line, "label")).toBeLessThanOrEqual(150);
  });

  it("sizes member groups by their count and lays out an aggregated graph without overlaps", () => {
    const g: Graph = {
      nodes: [
        { id: "group:role:holder", label: "Token holder: 5,000 members", kind: "member_group", details: { members: 5000 } },
        { id: "group:role:council", label: "Council: 9 members", kind: "member_group", details: { members: 9 } },
        { id: "role:holder", label: "Token holder", kind: "role", details: {} },
        { id: "role:council", label: "Council", kind: "role", details: {} },
      ],
      edges: [
        { id: "a", source: "group:role:holder", target: "role:holder", kind: "holds", label: "5,000" },
        { id: "b", source: "group:role:council", target: "role:council", kind: "holds", label: "9" },
      ],
    };
    const l = layout(g);
    expect(l.nodes.get("group:role:holder")!.size).toBeGreaterThan(l.nodes.get("group:role:council")!.size);
    expect(overlapping(boxes(l))).toEqual([]);
  });
});

describe("topology choices", () => {
  const storage = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) } as unknown as Storage;
  };

  it("remembers the layout and members per design, keyed by the design's identity", () => {
    const store = storage();
    const coopKey = rememberKey({ identity: { name: "fernwood-bakery-coop" } });
    const daoKey = rememberKey({ identity: { name: "lumina-dao" } });
    expect(coopKey).toBe("cogov.topology.fernwood-bakery-coop");
    remember(coopKey, { layout: "elk", members: "by_weight" }, store);
    expect(recall(coopKey, store)).toEqual({ layout: "elk", members: "by_weight" });
    expect(recall(daoKey, store)).toBeNull();
    expect(rememberKey({})).toBeNull();
  });

  it("ignores a remembered value it cannot use", () => {
    const store = storage();
    store.setItem("cogov.topology.x", JSON.stringify({ layout: "spiral", members: "grouped" }));
    expect(recall("cogov.topology.x", store)).toBeNull();
    store.setItem("cogov.topology.x", "{not json");
    expect(recall("cogov.topology.x", store)).toBeNull();
  });
});
