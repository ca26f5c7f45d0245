// What makes the drawn topology match the layout's boxes: labels drawn as the layout wrapped
// them, at the font it measured, node sizes from the layout, trust-domain titles inside their box
// on one line; and the designer's choice of layout and members remembered per design.
import type { Core } from "cytoscape";
import type { Graph, Members } from "../../lib/backend/types";
import type { LayoutName } from "../../lib/topology/elements";
import {
  DOMAIN_PADDING,
  LABEL_FONT_SIZE,
  LABEL_GAP,
  LINE_HEIGHT,
  TITLE_FONT_SIZE,
  TITLE_HEIGHT,
  TITLE_INSET,
  type Layout,
  type Measure,
  estimate,
} from "./layout";

export const FONT_FAMILY = "Inter, Segoe UI, system-ui, sans-serif";

/** The layouts the view offers: its own stable layered one first, then Cytoscape's. */
export type TopoLayout = "layered" | LayoutName;

/** Measures text on a canvas at the fonts Cytoscape draws with (an estimate without a canvas). */
export function canvasMeasure(): Measure {
  const ctx = typeof document !== "undefined" ? document.createElement("canvas").getContext("2d") : null;
  if (!ctx) return estimate;
  const cache = new Map<string, number>();
  return (text, font) => {
    const key = `${font}\u0000${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      ctx.font = font === "title" ? `600 ${TITLE_FONT_SIZE}px ${FONT_FAMILY}` : `${LABEL_FONT_SIZE}px ${FONT_FAMILY}`;
      w = ctx.measureText(text).width;
      cache.set(key, w);
    }
    return w;
  };
}

/** Per-node data the readable style reads: the wrapped label, the full one, the size. */
export function readableData(graph: Graph, l: Layout): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const n of graph.nodes) {
    const p = l.nodes.get(n.id);
    if (p) out.set(n.id, { display: p.lines.join("\n"), full: n.label, shortened: p.shortened, size: p.size });
    const d = l.domains.get(n.id);
    // Cytoscape widens a compound node to min-width about its centre, as the layout did.
    if (d) out.set(n.id, { display: d.title, full: n.label, minWidth: Math.ceil(d.box.x2 - d.box.x1 - 2 * DOMAIN_PADDING) });
  }
  return out;
}

/** Style rules laid over the base style (they come later, so they win). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function readableStyle(): any[] {
  return [
    {
      selector: "node[display]",
      style: {
        label: "data(display)",
        "font-size": LABEL_FONT_SIZE,
        "font-family": FONT_FAMILY,
        "text-wrap": "wrap",
        "text-max-width": "1000px",
        "line-height": LINE_HEIGHT / LABEL_FONT_SIZE,
        "text-margin-y": LABEL_GAP,
      },
    },
    { selector: "node[size]", style: { width: "data(size)", height: "data(size)" } },
    { selector: "edge.label-hidden", style: { "text-opacity": 0 } },
    { selector: "edge.label-hidden:selected", style: { "text-opacity": 1 } },
    {
      selector: ":parent",
      style: {
        "font-size": TITLE_FONT_SIZE,
        "font-weight": 600,
        "text-wrap": "none",
        "text-valign": "top",
        // Down from above the box into its top padding: the title is inside its own box.
        "text-margin-y": TITLE_INSET + TITLE_HEIGHT,
        padding: `${DOMAIN_PADDING}px`,
        "min-width": "data(minWidth)",
        "min-width-bias-left": "50%",
        "min-width-bias-right": "50%",
      },
    },
  ];
}

/** A box in the drawing's coordinates. */
interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
const meets = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** Hides each edge label that would lie over a node, a node's label or an edge label kept before
 *  it (class `label-hidden`: the label shows again when the edge is selected); returns how many
 *  were hidden. The layout places nodes and their labels apart, but not the edges' labels. */
export function declutterEdgeLabels(cy: Core): number {
  const only = { includeEdges: false, includeOverlays: false, includeUnderlays: false };
  cy.edges(".label-hidden").removeClass("label-hidden");
  const taken: Box[] = [];
  cy.nodes()
    .not(":parent")
    .forEach((n) => {
      taken.push(n.boundingBox({ ...only, includeLabels: true }));
    });
  let hidden = 0;
  cy.edges().forEach((e) => {
    if (!e.data("label")) return;
    const b = e.boundingBox({ ...only, includeNodes: false, includeLabels: true });
    if (!(b.w > 0) || !Number.isFinite(b.x1)) return;
    if (taken.some((t) => meets(b, t))) {
      e.addClass("label-hidden");
      hidden++;
    } else taken.push(b);
  });
  return hidden;
}

/** Fits the whole drawing into the canvas less `pad` on each side and `bottom` more below (what a
 *  legend covers there), so nothing is drawn under the legend. */
export function fitAbove(cy: Core, pad: number, bottom: number): void {
  const bb = cy.elements().boundingBox();
  const w = cy.width() - 2 * pad;
  const h = cy.height() - 2 * pad - bottom;
  if (!(bb.w > 0) || !(bb.h > 0) || w <= 0 || h <= 0) return void cy.fit(undefined, pad);
  const z = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), w / bb.w, h / bb.h));
  cy.viewport({ zoom: z, pan: { x: pad + (w - bb.w * z) / 2 - bb.x1 * z, y: pad + (h - bb.h * z) / 2 - bb.y1 * z } });
}

/** What is remembered per design. */
export interface Remembered {
  layout: TopoLayout;
  members: Members;
}

const LAYOUTS: TopoLayout[] = ["layered", "fcose", "elk", "concentric", "breadthfirst", "grid"];
const MEMBERS: Members[] = ["grouped", "every", "by_role", "by_weight"];

/** The key a design's choice is kept under: its identity's name, so an edit keeps the choice. */
export function rememberKey(gco: unknown): string | null {
  const name = (gco as { identity?: { name?: unknown } } | null)?.identity?.name;
  return typeof name === "string" && name ? `cogov.topology.${name}` : null;
}

/** The remembered choice for a design, ignoring anything unreadable. */
export function recall(key: string | null, store: Storage | undefined = globalThis.localStorage): Remembered | null {
  if (!key || !store) return null;
  try {
    const v = JSON.parse(store.getItem(key) ?? "null") as Partial<Remembered> | null;
    if (!v || !LAYOUTS.includes(v.layout as TopoLayout) || !MEMBERS.includes(v.members as Members)) return null;
    return { layout: v.layout as TopoLayout, members: v.members as Members };
  } catch {
    return null;
  }
}

/** Keeps the choice for the design. */
export function remember(key: string | null, r: Remembered, store: Storage | undefined = globalThis.localStorage): void {
  if (!key || !store) return;
  try {
    store.setItem(key, JSON.stringify(r));
  } catch {
    /* storage full or denied: the choice is simply not kept */
  }
}
