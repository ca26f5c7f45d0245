// The lineage graph for Cytoscape: elements sized to their labels, colours by kind, and what a
// node feeds and is fed by (for the details panel).
import type { Lineage, LineageKind, LineageNode } from "../backend/types";

export const LINEAGE_COLOURS: Record<LineageKind, string> = {
  domain: "#2f6f73",
  clause: "#7a65b0",
  artifact: "#c0813a",
  document: "#3f6fb5",
};

export const LINEAGE_KIND_LABELS: Record<LineageKind, string> = {
  domain: "GCO domain",
  clause: "Constitution clause",
  artifact: "Compiled file",
  document: "Document",
};

/** Cytoscape elements: nodes with their width from the label, edges as they are. */
export function lineageElements(g: Lineage) {
  return {
    // Documents are drawn bold in a tag shape, so they need more room for the same label.
    nodes: g.nodes.map((n) => ({
      data: { id: n.id, label: n.label, kind: n.kind, layer: n.layer, w: Math.round(n.label.length * (n.kind === "document" ? 7.4 : 6.6) + (n.kind === "document" ? 34 : 18)) },
    })),
    edges: g.edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target } })),
  };
}

/** What a node is fed by and what it feeds, by label. */
export function neighbours(g: Lineage, id: string): { from: LineageNode[]; to: LineageNode[] } {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const pick = (ids: string[]) => ids.map((i) => byId.get(i)).filter((n): n is LineageNode => !!n);
  return {
    from: pick(g.edges.filter((e) => e.target === id).map((e) => e.source)),
    to: pick(g.edges.filter((e) => e.source === id).map((e) => e.target)),
  };
}

/** How many nodes of each kind, in kind order. */
export function countByKind(g: Lineage): [LineageKind, number][] {
  const kinds: LineageKind[] = ["domain", "clause", "artifact", "document"];
  return kinds.map((k) => [k, g.nodes.filter((n) => n.kind === k).length]);
}
