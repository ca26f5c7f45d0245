import type { Finding, Severity } from "../backend/types";
import { parsePointer } from "../json/pointer";

export const SEVERITIES: readonly Severity[] = ["blocking", "warning", "info"];

export const SEVERITY_LABEL: Record<Severity, string> = {
  blocking: "Blocking",
  warning: "Warnings",
  info: "Info",
};

export interface FindingGroup {
  severity: Severity;
  label: string;
  findings: Finding[];
}

/** Compares two JSON pointers in document order, numerically for array indices. */
export function comparePointers(a: string, b: string): number {
  const ta = safeTokens(a);
  const tb = safeTokens(b);
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const x = ta[i];
    const y = tb[i];
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return ta.length - tb.length;
}

function safeTokens(p: string): string[] {
  try {
    return parsePointer(p);
  } catch {
    return [p];
  }
}

/**
 * Groups findings by severity (blocking, then warnings, then info; empty groups left out);
 * inside a group by code, then by path in document order. With `edited` (the pointer the
 * designer last changed), the findings at or under it come first in their group: they are
 * the direct ones, the others follow from them.
 */
export function groupFindings(findings: readonly Finding[], edited: string | null = null): FindingGroup[] {
  const direct = (f: Finding) => (edited !== null && isAtOrUnder(f.path, edited) ? 0 : 1);
  return SEVERITIES.map((severity) => ({
    severity,
    label: SEVERITY_LABEL[severity],
    findings: findings
      .filter((f) => f.severity === severity)
      .slice()
      .sort((a, b) => direct(a) - direct(b) || (a.code === b.code ? comparePointers(a.path, b.path) : a.code < b.code ? -1 : 1)),
  })).filter((g) => g.findings.length > 0);
}

/** Whether `path` is `at` or inside it (`/a/1/b` is under `/a/1`, `/a/10` is not). */
export function isAtOrUnder(path: string, at: string): boolean {
  return path === at || path.startsWith(at + "/");
}

/** The blocking findings, the direct ones (at or under `edited`) first. */
export function blockingFirst(findings: readonly Finding[], edited: string | null = null): Finding[] {
  return groupFindings(findings, edited).find((g) => g.severity === "blocking")?.findings ?? [];
}

/** Counts per severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { blocking: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** The band a compliance score falls in: below 50 means a blocking finding. */
export function scoreBand(score: number): "bad" | "fair" | "good" {
  if (score < 50) return "bad";
  if (score < 90) return "fair";
  return "good";
}
