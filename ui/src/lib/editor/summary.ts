// A readable summary of a GCO per domain (the onboarding preview).

import { clip, percent } from "../app/format";

type O = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface SummarySection {
  domain: string;
  title: string;
  lines: string[];
}

const pct = percent;

export function summarize(gco: unknown): SummarySection[] {
  if (!gco || typeof gco !== "object") return [];
  const g = gco as O;
  const out: SummarySection[] = [];
  const push = (domain: string, title: string, lines: string[]) => {
    if (lines.length) out.push({ domain, title, lines });
  };
  const id = g.identity ?? {};
  push("identity", "Identity", [
    `${id.display_name ?? id.name ?? "Unnamed"}${id.name && id.display_name ? ` (${id.name})` : ""}`,
    [id.kind, id.version && `v${id.version}`].filter(Boolean).join(" · "),
    id.jurisdiction ?? "",
  ].filter(Boolean));
  const m = g.members ?? {};
  const explicit = Array.isArray(m.explicit) ? m.explicit.length : 0;
  const lines: string[] = [];
  if (explicit) lines.push(`${explicit} listed member${explicit === 1 ? "" : "s"}`);
  if (m.population) {
    const w = m.population.weight?.kind;
    lines.push(`${m.population.count} generated members${w ? `, ${w} weight` : ""}`);
  }
  push("members", "Members", lines.length ? lines : ["No members yet"]);
  const roles: O[] = Array.isArray(g.roles) ? g.roles : [];
  push("roles", "Roles", roles.map((r) => `${r.name ?? r.id}${r.seats ? ` · ${r.seats} seats` : ""}${r.term?.length_days ? ` · ${r.term.length_days}-day term` : ""}`));
  const dts: O[] = Array.isArray(g.decision_types) ? g.decision_types : [];
  push("decision_types", "Decisions", dts.map((d) => `${d.name ?? d.id}: quorum ${pct(d.quorum)}, approval ${pct(d.approval)}`));
  if (g.treasury) {
    const t = g.treasury;
    push("treasury", "Treasury", [
      `${t.balance ?? 0} ${t.currency ?? ""}`.trim(),
      `${(t.categories ?? []).length} categories, ${(t.tiers ?? []).length} tiers`,
    ]);
  }
  const levels: O[] = g.escalation?.levels ?? [];
  if (levels.length) push("escalation", "Escalation", [levels.map((l) => l.name ?? l.id).join(" → ")]);
  if (g.constitution) {
    const arts: O[] = g.constitution.articles ?? [];
    const clauses = arts.flatMap((a) => a.clauses ?? []);
    push("constitution", "Constitution", [
      `${arts.length} article${arts.length === 1 ? "" : "s"}, ${clauses.length} clause${clauses.length === 1 ? "" : "s"} (${clauses.filter((c) => c.entrenched).length} entrenched)`,
      ...clauses.slice(0, 3).map((c) => `“${clip(String(c.text ?? ""), 80)}”`),
    ]);
  }
  if (g.delegation) push("delegation", "Delegation", [g.delegation.allowed ? `allowed, up to ${g.delegation.max_depth ?? 1} hop(s)` : "not allowed"]);
  if (g.composition) {
    const c = g.composition;
    push("composition", "Composition", [`${(c.citizens ?? []).length} citizens, ${(c.organisms ?? []).length} organisms, ${(c.confluences ?? []).length} confluences, ${(c.services ?? []).length} services`]);
  }
  if (g.mesh) push("mesh", "Mesh", [`${(g.mesh.nodes ?? []).length} nodes, ${(g.mesh.trust_domains ?? []).length} trust domains`]);
  return out;
}
