// Scales and tick labels shared by the chart components: round tick values a reader can take in
// at a glance, and compact labels (12,000 → 12k) that fit beside an axis.

/** About `count` round tick values covering [lo, hi] (steps of 1, 2 or 5 × 10^k). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** The domain [lo, hi] widened to round ticks, so the data never touches the frame. */
export function niceDomain(lo: number, hi: number, count = 5): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi === lo) return lo === 0 ? [0, 1] : [Math.min(0, lo), Math.max(0, hi) * 1.1 || 1];
  const t = niceTicks(lo, hi, count);
  const step = t.length > 1 ? t[1] - t[0] : (hi - lo) / count;
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
}

/** A tick label: 1.2M, 340k, 12, 0.25. */
export function tickLabel(v: number): string {
  const a = Math.abs(v);
  const trim = (x: number, d: number) => String(Number(x.toFixed(d)));
  if (a >= 1e9) return `${trim(v / 1e9, 1)}G`;
  if (a >= 1e6) return `${trim(v / 1e6, 1)}M`;
  if (a >= 1e4) return `${trim(v / 1e3, 0)}k`;
  if (a >= 1e3) return `${trim(v / 1e3, 1)}k`;
  if (a >= 10 || a === 0) return trim(v, 0);
  return trim(v, 2);
}

/** A number for a tooltip: whole with separators when large, else two decimals. */
export function fullLabel(v: number): string {
  if (!Number.isFinite(v)) return "—";
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString("en-GB") : v.toFixed(2);
}

/** `text` cut to `max` characters with an ellipsis (the full text goes in a tooltip). */
export function abbreviate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
