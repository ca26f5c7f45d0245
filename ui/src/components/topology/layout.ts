// The topology's own layout: layered columns read left to right (members → roles → decision
// types → tiers and escalation → treasury → composition → mesh), trust domains as boxes
// stacked apart. Pure and deterministic: the same graph gives the same positions on every
// visit, and every label box is known here, so none overlaps another.
import type { Graph, GraphNode } from "../../lib/backend/types";

/** An axis-aligned box in model coordinates. */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A node where the layout put it, with its label as drawn (wrapped, maybe shortened). */
export interface PlacedNode {
  id: string;
  x: number;
  y: number;
  /** Diameter of the node's shape. */
  size: number;
  /** The label's lines as drawn. */
  lines: string[];
  /** Whether the label was shortened (the full text is in the tooltip). */
  shortened: boolean;
  labelBox: Box;
}

/** A trust domain's box, computed from its nodes with padding, and its one-line title. */
export interface PlacedDomain {
  id: string;
  box: Box;
  title: string;
  titleBox: Box;
}

/** The whole layout. */
export interface Layout {
  nodes: Map<string, PlacedNode>;
  domains: Map<string, PlacedDomain>;
}

/** Width in pixels of a text at the label font (a canvas in the page, an estimate in tests). */
export type Measure = (text: string, font: "label" | "title") => number;

export const LABEL_FONT_SIZE = 12;
export const LINE_HEIGHT = 15;
export const LABEL_MAX_WIDTH = 150;
export const LABEL_MAX_LINES = 2;
/** Gap between a node and its label (Cytoscape's text-margin-y). */
export const LABEL_GAP = 5;
export const TITLE_FONT_SIZE = 13;
export const TITLE_HEIGHT = 17;
/** Padding of a trust domain's box on every side; the title sits inside the top padding. */
export const DOMAIN_PADDING = 32;
/** Distance from the domain box's top edge to its title's top. */
export const TITLE_INSET = 8;
const ROW_GAP = 16;
const COLUMN_GAP = 80;
const DOMAIN_GAP = 40;

/** Which column each kind of node goes in, left to right. */
const COLUMN: Record<string, number> = {
  member: 0,
  member_group: 0,
  role: 1,
  decision_type: 2,
  tier: 3,
  escalation_level: 3,
  treasury: 4,
  confluence: 5,
  citizen: 6,
  organism: 6,
  service: 6,
  mesh_node: 7,
};
const DOMAIN_COLUMN = 8;

/**
 * An estimate of text width for when there is no canvas (tests): generous per-character widths
 * for a sans-serif font, so boxes computed from it are not smaller than the drawn text.
 */
export const estimate: Measure = (text, font) => {
  const size = font === "title" ? TITLE_FONT_SIZE : LABEL_FONT_SIZE;
  let em = 0;
  for (const c of text) {
    if (" .,:;'|!il()[]".includes(c)) em += 0.32;
    else if (/[A-Z]/.test(c) || "mwMW@%".includes(c)) em += 0.78;
    else if (/[0-9]/.test(c)) em += 0.6;
    else em += 0.58;
  }
  return em * size * (font === "title" ? 1.06 : 1); // a title is bold
};

/** The drawn diameter of a node: groups by their share of the largest group's count. */
export function nodeSize(n: GraphNode, largestGroup: number): number {
  switch (n.kind) {
    case "member":
      return 18;
    case "member_group": {
      const count = Number(n.details?.members) || 1;
      return Math.round(30 + 42 * Math.sqrt(count / Math.max(1, largestGroup)));
    }
    case "treasury":
      return 40;
    case "role":
    case "decision_type":
      return 32;
    default:
      return 26;
  }
}

/**
 * Wraps a label into at most `maxLines` lines of at most `maxWidth` pixels; what does not fit is
 * cut at a character and ends with "…".
 */
export function wrapLabel(text: string, measure: Measure, maxWidth = LABEL_MAX_WIDTH, maxLines = LABEL_MAX_LINES): { lines: string[]; shortened: boolean } {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  let shortened = false;
  for (let i = 0; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : words[i];
    if (measure(next, "label") <= maxWidth) {
      line = next;
      continue;
    }
    if (line) {
      lines.push(line);
      line = "";
      i--; // the word starts the next line
    } else {
      // One word wider than a line: cut it.
      line = fit(words[i], measure, maxWidth);
      shortened = true;
    }
    if (lines.length === maxLines) {
      shortened = true;
      break;
    }
  }
  if (line && lines.length < maxLines) lines.push(line);
  else if (line) shortened = true;
  if (shortened && lines.length) lines[lines.length - 1] = fit(`${lines[lines.length - 1].replace(/…$/, "")}…`, measure, maxWidth);
  return { lines: lines.length ? lines : [""], shortened };
}

/** The longest prefix of `text` that fits `maxWidth` with a trailing "…" (kept when present). */
function fit(text: string, measure: Measure, maxWidth: number): string {
  if (measure(text, "label") <= maxWidth) return text;
  let s = text.replace(/…$/, "");
  while (s.length > 1 && measure(`${s}…`, "label") > maxWidth) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}

interface Item {
  node: GraphNode;
  size: number;
  lines: string[];
  shortened: boolean;
  width: number;
  height: number;
}

/** Lays the graph out. Deterministic: it depends on the graph only, never on time or chance. */
export function layout(graph: Graph, measure: Measure = estimate): Layout {
  const largestGroup = Math.max(1, ...graph.nodes.filter((n) => n.kind === "member_group").map((n) => Number(n.details?.members) || 1));
  const domainIds = new Set(graph.nodes.filter((n) => n.kind === "trust_domain").map((n) => n.id));
  const items = new Map<string, Item>();
  for (const n of graph.nodes) {
    if (items.has(n.id) || n.kind === "trust_domain") continue;
    const size = nodeSize(n, largestGroup);
    const { lines, shortened } = wrapLabel(n.label || n.id, measure);
    const textWidth = Math.max(...lines.map((l) => measure(l, "label")));
    items.set(n.id, { node: n, size, lines, shortened, width: Math.max(size, textWidth), height: size + LABEL_GAP + lines.length * LINE_HEIGHT });
  }
  const neighbours = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (!items.has(e.source) || !items.has(e.target)) continue;
    (neighbours.get(e.source) ?? neighbours.set(e.source, []).get(e.source)!).push(e.target);
    (neighbours.get(e.target) ?? neighbours.set(e.target, []).get(e.target)!).push(e.source);
  }

  // Columns, in graph order first; nodes in a (valid) trust domain go in the domains' column.
  const columns = new Map<number, Item[]>();
  const inDomain = new Map<string, Item[]>();
  for (const it of items.values()) {
    const parent = it.node.parent;
    if (parent && domainIds.has(parent)) {
      (inDomain.get(parent) ?? inDomain.set(parent, []).get(parent)!).push(it);
      continue;
    }
    const c = COLUMN[it.node.kind] ?? COLUMN.mesh_node;
    (columns.get(c) ?? columns.set(c, []).get(c)!).push(it);
  }
  const order = [...columns.keys()].sort((a, b) => a - b);

  // Fewer crossings: order each column by the mean rank of its neighbours in the columns before
  // it (then the first column by the second); ties keep the graph's order.
  const rank = new Map<string, number>();
  const setRanks = (col: Item[]) => col.forEach((it, i) => rank.set(it.node.id, col.length > 1 ? i / (col.length - 1) : 0.5));
  order.forEach((c) => setRanks(columns.get(c)!));
  const sortBy = (col: Item[], placed: Set<string>) => {
    const keyed = col.map((it, i) => {
      const ns = (neighbours.get(it.node.id) ?? []).filter((n) => placed.has(n));
      const bary = ns.length ? ns.reduce((s, n) => s + rank.get(n)!, 0) / ns.length : rank.get(it.node.id)!;
      return { it, bary, i };
    });
    keyed.sort((a, b) => a.bary - b.bary || a.i - b.i);
    col.splice(0, col.length, ...keyed.map((k) => k.it));
    setRanks(col);
  };
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 1; k < order.length; k++) {
      const before = new Set(order.slice(0, k).flatMap((c) => columns.get(c)!.map((it) => it.node.id)));
      sortBy(columns.get(order[k])!, before);
    }
    if (order.length > 1) sortBy(columns.get(order[0])!, new Set(columns.get(order[1])!.map((it) => it.node.id)));
  }

  // A long column wraps into several, so a large body of members does not make one tall line.
  const laid: Item[][] = [];
  for (const c of order) {
    const col = columns.get(c)!;
    const maxRows = Math.max(16, Math.ceil(Math.sqrt(col.length * 3)));
    for (let i = 0; i < col.length; i += maxRows) laid.push(col.slice(i, i + maxRows));
  }

  const nodes = new Map<string, PlacedNode>();
  const place = (it: Item, x: number, top: number) => {
    const y = top + it.size / 2;
    const labelTop = y + it.size / 2 + LABEL_GAP;
    const w = Math.max(...it.lines.map((l) => measure(l, "label")));
    nodes.set(it.node.id, {
      id: it.node.id,
      x,
      y,
      size: it.size,
      lines: it.lines,
      shortened: it.shortened,
      labelBox: { x1: x - w / 2, y1: labelTop, x2: x + w / 2, y2: labelTop + it.lines.length * LINE_HEIGHT },
    });
  };
  let x = 0;
  let prevHalf = 0;
  for (const col of laid) {
    const half = Math.max(...col.map((it) => it.width)) / 2;
    x += laid[0] === col ? 0 : prevHalf + COLUMN_GAP + half;
    prevHalf = half;
    const height = col.reduce((s, it) => s + it.height, 0) + ROW_GAP * (col.length - 1);
    let top = -height / 2;
    for (const it of col) {
      place(it, x, top);
      top += it.height + ROW_GAP;
    }
  }

  // Trust domains: each a grid of its nodes in a box with the title inside, stacked apart.
  const domains = new Map<string, PlacedDomain>();
  const blocks = graph.nodes
    .filter((n) => n.kind === "trust_domain" && !domains.has(n.id))
    .map((d) => {
      const kids = inDomain.get(d.id) ?? [];
      const cols = Math.max(1, Math.ceil(Math.sqrt(kids.length)));
      const cellW = Math.max(60, ...kids.map((k) => k.width)) + 36;
      const rows: Item[][] = [];
      for (let i = 0; i < kids.length; i += cols) rows.push(kids.slice(i, i + cols));
      const rowH = rows.map((r) => Math.max(...r.map((k) => k.height)));
      const contentW = kids.length ? Math.min(cols, kids.length) * cellW - 36 : 60;
      const contentH = kids.length ? rowH.reduce((s, h) => s + h, 0) + ROW_GAP * (rows.length - 1) : 30;
      const title = d.label || d.id;
      const titleW = measure(title, "title");
      const width = Math.max(contentW + 2 * DOMAIN_PADDING, titleW + 2 * 16);
      return { d, kids: rows, rowH, cellW, contentW, contentH, title, titleW, width, height: contentH + 2 * DOMAIN_PADDING };
    });
  if (blocks.length) {
    const half = Math.max(...blocks.map((b) => b.width)) / 2;
    const cx = laid.length ? x + prevHalf + COLUMN_GAP + half : 0;
    const total = blocks.reduce((s, b) => s + b.height, 0) + DOMAIN_GAP * (blocks.length - 1);
    let top = -total / 2;
    for (const b of blocks) {
      let rowTop = top + DOMAIN_PADDING;
      b.kids.forEach((row, r) => {
        const rowW = (row.length - 1) * b.cellW;
        row.forEach((it, i) => place(it, cx - rowW / 2 + i * b.cellW, rowTop));
        rowTop += b.rowH[r] + ROW_GAP;
      });
      // The box Cytoscape draws: the children's extent (labels included) plus the padding,
      // widened to the title's width about its centre.
      const placed = b.kids.flat().map((it) => nodes.get(it.node.id)!);
      const ext = placed.length
        ? {
            x1: Math.min(...placed.map((p) => Math.min(p.x - p.size / 2, p.labelBox.x1))),
            x2: Math.max(...placed.map((p) => Math.max(p.x + p.size / 2, p.labelBox.x2))),
            y1: Math.min(...placed.map((p) => p.y - p.size / 2)),
            y2: Math.max(...placed.map((p) => p.labelBox.y2)),
          }
        : { x1: cx - 30, x2: cx + 30, y1: top + DOMAIN_PADDING, y2: top + DOMAIN_PADDING + 30 };
      const mid = (ext.x1 + ext.x2) / 2;
      const w = Math.max(ext.x2 - ext.x1 + 2 * DOMAIN_PADDING, b.titleW + 32);
      const box = { x1: mid - w / 2, x2: mid + w / 2, y1: ext.y1 - DOMAIN_PADDING, y2: ext.y2 + DOMAIN_PADDING };
      const t1 = box.y1 + TITLE_INSET;
      domains.set(b.d.id, { id: b.d.id, box, title: b.title, titleBox: { x1: mid - b.titleW / 2, x2: mid + b.titleW / 2, y1: t1, y2: t1 + TITLE_HEIGHT } });
      top = box.y2 + DOMAIN_GAP;
    }
  }
  return { nodes, domains };
}

/** Whether two boxes overlap (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/** Pairs of ids whose boxes overlap, for tests and checks. */
export function overlapping(boxes: { id: string; box: Box }[]): [string, string][] {
  const out: [string, string][] = [];
  const sorted = [...boxes].sort((a, b) => a.box.x1 - b.box.x1);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].box.x1 < sorted[i].box.x2; j++) {
      if (overlaps(sorted[i].box, sorted[j].box)) out.push([sorted[i].id, sorted[j].id]);
    }
  }
  return out;
}
