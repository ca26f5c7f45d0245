import type { Graph, GraphNode } from "../backend/types";

export interface CyNodeData {
  id: string;
  label: string;
  kind: string;
  parent?: string;
  /** True for nodes other nodes sit in (trust domains). */
  compound?: boolean;
  details: Record<string, unknown>;
}
export interface CyEdgeData {
  id: string;
  source: string;
  target: string;
  kind: string;
  label: string;
}
export interface CyElements {
  nodes: { group: "nodes"; data: CyNodeData }[];
  edges: { group: "edges"; data: CyEdgeData }[];
}

/**
 * Graph → Cytoscape elements. Parents that do not exist (or would make a cycle) are dropped,
 * so are edges whose ends are missing and duplicate ids: the result always draws.
 */
export function toElements(graph: Graph): CyElements {
  const byId = new Map<string, GraphNode>();
  for (const n of graph.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const parents = new Set<string>();
  const validParent = (n: GraphNode): string | undefined => {
    if (!n.parent || n.parent === n.id || !byId.has(n.parent)) return undefined;
    // Walk up: a cycle of parents is not drawable.
    const seen = new Set([n.id]);
    let p: string | undefined = n.parent;
    while (p) {
      if (seen.has(p)) return undefined;
      seen.add(p);
      p = byId.get(p)?.parent;
      if (p && !byId.has(p)) break;
    }
    return n.parent;
  };
  const nodes = [...byId.values()].map((n) => {
    const parent = validParent(n);
    if (parent) parents.add(parent);
    const data: CyNodeData = { id: n.id, label: n.label || n.id, kind: n.kind, details: n.details ?? {} };
    if (parent) data.parent = parent;
    return { group: "nodes" as const, data };
  });
  for (const n of nodes) if (parents.has(n.data.id)) n.data.compound = true;
  const seenEdges = new Set<string>();
  const edges = graph.edges
    .filter((e) => byId.has(e.source) && byId.has(e.target) && !seenEdges.has(e.id) && !!seenEdges.add(e.id))
    .map((e) => ({
      group: "edges" as const,
      data: { id: e.id, source: e.source, target: e.target, kind: e.kind, label: e.label ?? "" },
    }));
  return { nodes, edges };
}

/**
 * Nodes matching a search, best first: exact id or label, then id/label prefix (also the part
 * after the kind prefix, `role:council` for `council`), then substring. Case-insensitive.
 */
export function searchNodes(graph: Graph, query: string, limit = 20): GraphNode[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const scored: { n: GraphNode; s: number; i: number }[] = [];
  graph.nodes.forEach((n, i) => {
    const id = n.id.toLowerCase();
    const bare = id.includes(":") ? id.slice(id.indexOf(":") + 1) : id;
    const label = (n.label ?? "").toLowerCase();
    let s = -1;
    if (id === q || bare === q || label === q) s = 0;
    else if (bare.startsWith(q) || label.startsWith(q) || id.startsWith(q)) s = 1;
    else if (label.split(/[\s()–-]+/).some((w) => w.startsWith(q))) s = 2;
    else if (id.includes(q) || label.includes(q)) s = 3;
    if (s >= 0) scored.push({ n, s, i });
  });
  scored.sort((a, b) => a.s - b.s || a.i - b.i);
  return scored.slice(0, limit).map((x) => x.n);
}

export const NODE_KINDS = [
  "member",
  "member_group",
  "role",
  "decision_type",
  "tier",
  "treasury",
  "escalation_level",
  "citizen",
  "organism",
  "confluence",
  "service",
  "mesh_node",
  "trust_domain",
] as const;

export const EDGE_KINDS = ["holds", "proposes", "signs", "authorises", "funds", "decides", "escalates", "delegates", "spans", "connects"] as const;

/** How big a graph must be before the view switches to fast settings. */
export const LARGE_GRAPH = 1500;

export type LayoutName = "fcose" | "elk" | "concentric" | "breadthfirst" | "grid";

/** The layout to start with: fcose for ordinary designs, a fast one for big graphs. */
export function initialLayout(nodeCount: number): LayoutName {
  return nodeCount > LARGE_GRAPH ? "concentric" : "fcose";
}
