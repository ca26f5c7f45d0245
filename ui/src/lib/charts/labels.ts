// Placing small labels beside marks on an SVG chart without letting them overlap: the same idea
// as the topology's `declutterEdgeLabels` (keep a label only where it meets nothing kept before
// it), for plain boxes instead of Cytoscape elements, and trying a few spots before giving up.

/** A box in the drawing's coordinates (x1 < x2, y1 < y2). */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Whether two boxes share any area (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/** A label to place: its anchor (the mark it belongs to) and its size. */
export interface LabelRequest {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where a placed label's box starts (top left). */
export interface Placed {
  x: number;
  y: number;
}

/** The spots tried for a label of size `w` × `h`, as offsets of its top left from the anchor:
 *  below right, above right, below left, above left of the mark. */
export function spotsAround(w: number, h: number, gap = 8): [number, number][] {
  return [
    [gap, gap / 2],
    [gap, -h - gap / 2],
    [-gap - w, gap / 2],
    [-gap - w, -h - gap / 2],
  ];
}

/** Places each label, in order, at the first spot around its anchor that meets no label kept
 *  before it, stays `within` the plot, and (when possible) covers none of the `marks`; a label
 *  with no such spot is skipped (`null`). Earlier labels win, so list the important ones first. */
export function placeLabels(labels: LabelRequest[], marks: Box[] = [], within?: Box): (Placed | null)[] {
  const kept: Box[] = [];
  const inside = (b: Box) => !within || (b.x1 >= within.x1 && b.x2 <= within.x2 && b.y1 >= within.y1 && b.y2 <= within.y2);
  return labels.map((l) => {
    const boxes = spotsAround(l.w, l.h).map(([dx, dy]) => ({ x1: l.x + dx, y1: l.y + dy, x2: l.x + dx + l.w, y2: l.y + dy + l.h }));
    const free = boxes.filter((b) => inside(b) && !kept.some((k) => overlaps(b, k)));
    // Clear of the marks if a spot allows it; over a mark rather than not at all.
    const b = free.find((f) => !marks.some((m) => overlaps(f, m))) ?? free[0];
    if (!b) return null;
    kept.push(b);
    return { x: b.x1, y: b.y1 };
  });
}

/** A rough width of `text` in the charts' 11.5–12 px tabular figures (no DOM to measure in
 *  tests; generous so that estimates err towards skipping, not overlapping). */
export function textWidth(text: string, px = 12): number {
  return Math.ceil([...text].length * px * 0.62) + 2;
}
