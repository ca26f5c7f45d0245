// What the risk dashboard derives from the engine's scores: labels, values with their units,
// the order (alerts first), and each score's trend across the stored versions.
import type { Level, Score, ScoreName, VersionScores } from "../backend/types";

/** The six scores' names as people read them (the snake_case name stays the id). */
export const SCORE_LABELS: Record<ScoreName, string> = {
  authority_concentration: "Authority concentration",
  governance_capture_risk: "Governance capture risk",
  treasury_centralisation: "Treasury centralisation",
  participation_density: "Participation density",
  delegation_cascade_risk: "Delegation cascade risk",
  constitutional_drift: "Constitutional drift",
};

/** Each level's label and the glyph shown beside its colour (never colour alone). */
export const LEVEL_LABELS: Record<Level, { label: string; glyph: string }> = {
  ok: { label: "OK", glyph: "✓" },
  watch: { label: "Watch", glyph: "!" },
  alert: { label: "Alert", glyph: "▲" },
};

const RANK: Record<Level, number> = { alert: 0, watch: 1, ok: 2 };

/** Alerts first, then watches, then the rest; the model's order within a level. */
export function orderScores(scores: Score[]): Score[] {
  return scores.map((s, i) => [s, i] as const).sort(([a, i], [b, j]) => RANK[a.level] - RANK[b.level] || i - j).map(([s]) => s);
}

/** The units printed as percentages (their deltas in points). */
export const PERCENT_UNITS = new Set(["share", "share_per_member", "score"]);

/** A value with its unit, as the dashboard prints it. */
export function formatValue(value: number, unit: string): string {
  switch (unit) {
    case "share":
      return `${(value * 100).toFixed(1)} %`;
    case "share_per_member":
      return `${(value * 100).toFixed(1)} % per member`;
    case "ratio":
      return `${value.toFixed(2)} ×`;
    case "hhi":
      return `${value.toFixed(3)} HHI`;
    case "score":
      // Drift is 1 − e^(−weight/4), on 0 to 1; its explanation gives the weight and this figure.
      return `${(value * 100).toFixed(1)} %`;
    default:
      return `${value.toFixed(3)} ${unit}`;
  }
}

/** A signed change, in the score's unit. */
export function formatDelta(delta: number, unit: string): string {
  if (delta === 0) return "±0";
  const sign = delta > 0 ? "+" : "−";
  const v = Math.abs(delta);
  if (PERCENT_UNITS.has(unit)) return `${sign}${(v * 100).toFixed(1)} pts`;
  return `${sign}${v.toFixed(3)}`;
}

/** One stored version's value of a score. */
export interface TrendPoint {
  version: string;
  value: number;
  level: Level | null;
  /** The change from the previous scored version (null for the first). */
  delta: number | null;
}

interface StoredScores {
  scores?: { name?: string; value?: number; level?: Level }[];
}

/** A score's values across the stored versions, oldest first; only versions scored by `model` (by
 * default the newest version's model) are drawn, since scores of different models do not compare. */
export function trend(history: VersionScores[], name: ScoreName, model = history.at(-1)?.model): TrendPoint[] {
  const out: TrendPoint[] = [];
  for (const v of history) {
    if (v.model !== model) continue;
    const s = (v.scores as StoredScores).scores?.find((x) => x.name === name);
    if (!s || typeof s.value !== "number") continue;
    const d = v.deltas[name];
    out.push({ version: v.version, value: s.value, level: s.level ?? null, delta: out.length && typeof d === "number" ? d : null });
  }
  return out;
}
