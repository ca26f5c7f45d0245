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

  it("groups the holders of a mass role in a large design, and draws every member on request", async () => {
    const design = structuredClone(MOCK_DESIGN) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const seats = [0, 1, 2].map((i) => ({ id: `seat-${i}`, weight: 10, propensity: 0.9, roles: ["council", "holder"] }));
    const crowd = Array.from({ length: 600 }, (_, i) => ({ id: `m-${i}`, weight: 1, propensity: 0.5, roles: ["holder"] }));
    design.roles = [...design.roles, { id: "holder", permissions: [] }];
    design.members = { explicit: [...seats, ...crowd] };
    const backend = new MockBackend();
    const grouped = await backend.topology(JSON.stringify(design));
    const group = grouped.nodes.find((n) => n.id === "group:holder")!;
    expect(group.details.members).toBe(600);
    expect(group.label).toBe("600 × holder");
    expect(grouped.nodes.filter((n) => n.kind === "member").map((n) => n.id)).toEqual(["member:seat-0", "member:seat-1", "member:seat-2"]);
    expect(grouped.edges.some((e) => e.source === "group:holder" && e.target === "role:holder" && e.label === "600")).toBe(true);
    const every = await backend.topology(JSON.stringify(design), "every");
    expect(every.nodes.filter((n) => n.kind === "member").length).toBe(603);
    expect(every.nodes.some((n) => n.kind === "member_group")).toBe(false);
  });

  it("counts every member in groups by role or by weight band, as the engine does", async () => {
    const design = structuredClone(MOCK_DESIGN) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const seats = [0, 1, 2].map((i) => ({ id: `seat-${i}`, weight: 150, propensity: 0.9, roles: ["council", "holder"] }));
    const crowd = Array.from({ length: 600 }, (_, i) => ({ id: `m-${i}`, weight: 1 + (i % 20), propensity: 0.5, roles: ["holder"] }));
    design.roles = [...design.roles, { id: "holder", permissions: [] }];
    design.members = { explicit: [...seats, ...crowd] };
    const backend = new MockBackend();
    const byRole = await backend.topology(JSON.stringify(design), "by_role");
    const holders = byRole.nodes.find((n) => n.id === "group:role:holder")!;
    expect(holders.label).toBe("holder: 603 members");
    expect(holders.details.listed).toHaveLength(500);
    expect((holders.details.listed as string[]).slice(0, 3)).toEqual(["seat-0", "seat-1", "seat-2"]);
    expect(holders.details.unlisted).toBe(103);
    expect(byRole.nodes.find((n) => n.id === "group:role:council")!.details.members).toBe(3);
    expect(byRole.nodes.some((n) => n.kind === "member")).toBe(false);
    const byWeight = await backend.topology(JSON.stringify(design), "by_weight");
    const bands = byWeight.nodes.filter((n) => n.kind === "member_group");
    expect(bands.map((n) => n.id)).toEqual(["group:weight:0", "group:weight:1", "group:weight:2"]);
    expect(bands.reduce((s, n) => s + Number(n.details.members), 0)).toBe(603);
    expect(bands[2].label).toBe("weight 100 – 1,000: 3 members");
  });
});
