// What the compiled view derives from the compiler's tables: the permission matrix as rows of
// a table (resource × role → actions) with a filter, and readable durations and amounts.
import type { Action, ClockRule, PermissionMatrix, SignerRule, Tier } from "../backend/types";

/** One row of the matrix table: a resource and, per role, the actions allowed on it. */
export interface MatrixRow {
  resource: string;
  kind: string;
  /** Role id → allowed actions, in catalogue order (roles without any are absent). */
  cells: Record<string, Action[]>;
  /** Role id → the permission that grants it (the resource itself or one containing it). */
  via: Record<string, string>;
}

/** The matrix as rows, filtered by `query` (a resource, kind, role or action, case-insensitive);
 *  with `grantedOnly`, resources no role may act on are left out. */
export function matrixRows(m: PermissionMatrix, query = "", grantedOnly = true): MatrixRow[] {
  const q = query.trim().toLowerCase();
  const rows = new Map<string, MatrixRow>(m.resources.map((r) => [r.id, { resource: r.id, kind: r.kind, cells: {}, via: {} }]));
  for (const g of m.grants) {
    const row = rows.get(g.resource);
    if (!row) continue;
    (row.cells[g.role] ??= []).push(g.action);
    row.via[g.role] ??= g.via;
  }
  return [...rows.values()].filter((r) => {
    if (grantedOnly && Object.keys(r.cells).length === 0) return false;
    if (!q) return true;
    if (r.resource.toLowerCase().includes(q) || r.kind.toLowerCase().includes(q)) return true;
    return Object.entries(r.cells).some(([role, acts]) => role.toLowerCase().includes(q) || acts.some((a) => a.includes(q)));
  });
}

/** The roles to show as columns: every role, or those matching the query when one does. */
export function matrixRoles(m: PermissionMatrix, query = ""): string[] {
  const q = query.trim().toLowerCase();
  const hit = m.roles.filter((r) => q && r.toLowerCase().includes(q));
  return hit.length ? hit : m.roles;
}

/** A duration in clock units, for people: `7 d`, `36 h`, `40 blocks (≈ 8 min)`. */
export function formatUnits(units: number, clock: ClockRule): string {
  const human = (s: number) => {
    if (s === 0) return "none";
    if (s % 86400 === 0) return `${s / 86400} d`;
    if (s % 3600 === 0) return `${s / 3600} h`;
    if (s >= 60) return `${Math.round(s / 60)} min`;
    return `${s} s`;
  };
  if (clock.kind === "blocks") {
    if (units === 0) return "none";
    const approx = clock.seconds_per_unit > 0 ? ` (≈ ${human(Math.round(units * clock.seconds_per_unit))})` : "";
    return `${units.toLocaleString("en")} blocks${approx}`;
  }
  return human(units);
}

/** `2 of 3 steward`, or `—`. */
export function formatSigners(s: SignerRule | null): string {
  return s ? `${s.required} of ${s.of ?? "?"} ${s.role}` : "—";
}

/** A tier's amount range: `0 – 5,000 EUR`, `50,000 EUR and more`. */
export function formatRange(t: Tier): string {
  const n = (v: number) => v.toLocaleString("en");
  return t.max === null ? `${n(t.min)} ${t.currency} and more` : `${n(t.min)} – ${n(t.max)} ${t.currency}`;
}

/** A share as a percentage. */
export const pct = (v: number) => `${(v * 100).toFixed(v * 100 === Math.round(v * 100) ? 0 : 1)} %`;
