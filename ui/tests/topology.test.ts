import { describe, expect, it } from "vitest";
import { MockBackend } from "../src/lib/backend/mock";
import { MOCK_DESIGN } from "../src/lib/backend/mock-design";
import { initialLayout, searchNodes, toElements } from "../src/lib/topology/elements";
import type { Graph } from "../src/lib/backend/types";

const graph: Graph = {
  nodes: [
    { id: "domain:core", label: "Core", kind: "trust_domain", details: {} },
    { id: "node:hub", label: "Harbour hub", kind: "mesh_node", parent: "domain:core", details: { kind: "hub" } },
    { id: "node:bank", label: "Bank gateway", kind: "mesh_node", parent: "domain:missing", details: {} },
    { id: "role:council", label: "Council", kind: "role", details: {} },
    { id: "role:council-secretary", label: "Secretary", kind: "role", details: {} },
    { id: "member:ada", label: "ada", kind: "member", details: {} },
  ],
  edges: [
    { id: "connects:node:hub->node:bank", source: "node:hub", target: "node:bank", kind: "connects", label: "data" },
    { id: "holds:member:ada->role:council", source: "member:ada", target: "role:council", kind: "holds" },
    { id: "holds:member:zed->role:council", source: "member:zed", target: "role:council", kind: "holds" },
  ],
};

describe("topology elements", () => {
  it("converts nodes with compound parents and marks the parents", () => {
    const el = toElements(graph);
    const hub = el.nodes.find((n) => n.data.id === "node:hub")!;
    expect(hub.data.parent).toBe("domain:core");
    expect(el.nodes.find((n) => n.data.id === "domain:core")!.data.compound).toBe(true);
    // A parent that does not exist is dropped rather than breaking the graph.
    expect(el.nodes.find((n) => n.data.id === "node:bank")!.data.parent).toBeUndefined();
  });

  it("keeps only edges whose ends exist, with an empty label by default", () => {
    const el = toElements(graph);
    expect(el.edges.map((e) => e.data.id)).toEqual(["connects:node:hub->node:bank", "holds:member:ada->role:council"]);
    expect(el.edges[1].data.label).toBe("");
  });

  it("searches by id and label, best match first", () => {
    expect(searchNodes(graph, "council").map((n) => n.id)).toEqual(["role:council", "role:council-secretary"]);
    expect(searchNodes(graph, "HUB")[0].id).toBe("node:hub");
    expect(searchNodes(graph, "gateway")[0].id).toBe("node:bank");
    expect(searchNodes(graph, "secretary")[0].id).toBe("role:council-secretary");
    expect(searchNodes(graph, "  ")).toEqual([]);
    expect(searchNodes(graph, "zzz")).toEqual([]);
  });

  it("builds the mock design's graph, drawable as is", async () => {
    const g = await new MockBackend().topology(JSON.stringify(MOCK_DESIGN));
    const el = toElements(g);
    expect(el.nodes.length).toBe(g.nodes.length);
    expect(el.edges.length).toBe(g.edges.length);
    expect(g.nodes.find((n) => n.id === "node:hub")?.parent).toBe("domain:core");
    expect(g.edges.some((e) => e.kind === "authorises" && e.target === "tier:small")).toBe(true);
    expect(g.edges.some((e) => e.kind === "escalates" && e.source === "level:mediation")).toBe(true);
    expect(initialLayout(g.nodes.length)).toBe("fcose");
    expect(initialLayout(5000)).toBe("concentric");
  });
});
