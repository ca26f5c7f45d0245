// How the studio writes shares, durations and previews for people: one place, so the editor,
// its summaries and the views say the same thing the same way.

/** A share in [0, 1] as a percentage: 0.1 → "10%", 0.666… → "66.7%" (at most one decimal). */
export function percent(x: unknown): string {
  if (typeof x !== "number" || !Number.isFinite(x)) return "?";
  return `${Math.round(x * 1000) / 10}%`;
}

/** A share in [0, 1] as the number typed in a percentage field (no floating-point tails). */
export function toPercent(x: number): number {
  return Number((x * 100).toFixed(10));
}

/** A percentage typed by a designer back to the share the design holds. */
export function fromPercent(p: number): number {
  return Number((p / 100).toPrecision(12));
}

const UNITS: [number, string][] = [
  [86400, "d"],
  [3600, "h"],
  [60, "min"],
  [1, "s"],
];

/** Seconds in the two largest units that are not zero: 259200 → "3 d", 90061 → "1 d 1 h", 0 → "0 s". */
export function duration(seconds: unknown): string {
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) return "?";
  let rest = Math.round(seconds);
  const parts: string[] = [];
  for (const [size, unit] of UNITS) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    } else if (parts.length) {
      // Only adjacent units: "1 d 30 s" would read as a typo.
      break;
    }
  }
  return parts.length ? parts.join(" ") : "0 s";
}

/** A preview of `text` at most `max` characters long, cut at a word boundary with an ellipsis. */
export function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(" ");
  // A single long word is cut where it must be; otherwise at the last whole word.
  const head = space > max / 2 ? cut.slice(0, space) : cut.slice(0, max - 1);
  return `${head.replace(/[\s,;:.–-]+$/, "")}…`;
}
