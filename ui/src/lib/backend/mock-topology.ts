// A TypeScript port of crates/engine/src/topology.rs for the mock backend (explicit members
// only; the engine also expands population generators).
import type { Graph, GraphEdge, GraphNode, Members } from "./types";

type O = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const MAX_INDIVIDUAL_MEMBERS = 500;
export const MAX_HOLDERS_DRAWN = 25;

export function buildTopology(gco: O, how: Members = "grouped"): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const ids = new Set<string>();
  const node = (id: string, label: string, kind: string, details: O, parent?: string) => {
    if (ids.has(id)) return;
    ids.add(id);
    nodes.push(parent ? { id, label, kind, details, parent } : { id, label, kind, details });
  };
  const edge = (source: string, target: string, kind: string, label?: string) => {
    if (!ids.has(source) || !ids.has(target)) return;
    const e: GraphEdge = { id: `${kind}:${source}->${target}`, source, target, kind };
    if (label) e.label = label;
    edges.push(e);
  };
  const roles: O[] = Array.isArray(gco.roles) ? gco.roles : [];
  const dts: O[] = Array.isArray(gco.decision_types) ? gco.decision_types : [];
  const roleIds = new Set(roles.map((r) => r.id));
  const dtIds = new Set(dts.map((d) => d.id));

  // Roles and decision types first so member → role edges can be drawn right away.
  for (const r of roles) {
    node(`role:${r.id}`, r.name ?? r.id, "role", {
      id: r.id,
      name: r.name ?? null,
      seats: r.seats ?? null,
      term_days: r.term?.length_days ?? null,
      permissions: (r.permissions ?? []).map((p: O) => `${p.action} ${p.resource}`),
    });
  }
  const members: O[] = Array.isArray(gco.members?.explicit) ? gco.members.explicit : [];
  if (how === "by_role" || how === "by_weight") aggregate(members, roles, how, node, edge);
  const every = how === "every" || members.length <= MAX_INDIVIDUAL_MEMBERS;
  const aggregated = how === "by_role" || how === "by_weight";
  const rolesOf = (m: O): string[] => (Array.isArray(m.roles) ? m.roles : []);
  const holders = new Map<string, number>();
  for (const m of members) for (const r of rolesOf(m)) holders.set(r, (holders.get(r) ?? 0) + 1);
  const isSeat = (r: string) => (holders.get(r) ?? 0) <= MAX_HOLDERS_DRAWN;
  const groups = new Map<string, { roles: string[]; members: number; weight: number }>();
  for (const m of aggregated ? [] : members) {
    const mr = rolesOf(m);
    if (every || mr.some(isSeat)) {
      node(`member:${m.id}`, String(m.id), "member", {
        id: m.id,
        weight: m.weight,
        propensity: m.propensity,
        roles: mr,
        generated: false,
      });
      for (const r of mr) if (roleIds.has(r)) edge(`member:${m.id}`, `role:${r}`, "holds");
    } else {
      const key = [...new Set(mr)].sort();
      const g = groups.get(key.join("+")) ?? { roles: key, members: 0, weight: 0 };
      g.members++;
      g.weight += Number(m.weight) || 0;
      groups.set(key.join("+"), g);
    }
  }
  for (const [key, g] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const id = key ? `group:${key}` : "group:members";
    const label = key ? `${g.members} × ${g.roles.join(" + ")}` : `${g.members} members`;
    node(id, label, "member_group", { members: g.members, total_weight: g.weight, roles: g.roles });
    for (const r of g.roles) if (roleIds.has(r)) edge(id, `role:${r}`, "holds", String(g.members));
  }

  for (const d of dts) {
    node(`decision:${d.id}`, d.name ?? d.id, "decision_type", {
      id: d.id,
      quorum: d.quorum,
      approval: d.approval,
      voting_delay: d.voting_delay,
      voting_period: d.voting_period,
      timelock: d.timelock ?? 0,
      signers: d.signers ? `${d.signers.required} of ${d.signers.of ?? "?"} (${d.signers.role})` : null,
    });
  }
  for (const d of dts) {
    const proposers = new Set<string>(d.proposal_threshold?.roles ?? []);
    for (const r of roles)
      if ((r.permissions ?? []).some((p: O) => p.action === "propose" && p.resource === `decision/${d.id}`)) proposers.add(r.id);
    for (const r of proposers) edge(`role:${r}`, `decision:${d.id}`, "proposes");
    if (d.signers && roleIds.has(d.signers.role))
      edge(`role:${d.signers.role}`, `decision:${d.id}`, "signs", `${d.signers.required} of ${d.signers.of ?? "all"}`);
  }

  const t = gco.treasury;
  if (t && typeof t === "object") {
    node("treasury", `Treasury (${t.currency})`, "treasury", {
      currency: t.currency,
      balance: t.balance,
      categories: (t.categories ?? []).map((c: O) => c.id),
    });
    for (const tier of t.tiers ?? []) {
      const range = tier.max !== undefined ? `${tier.min} – ${tier.max}` : `≥ ${tier.min}`;
      const id = `tier:${tier.id}`;
      node(id, `${tier.id} (${range})`, "tier", { id: tier.id, min: tier.min, max: tier.max ?? null, decision_type: tier.decision_type });
      edge(id, "treasury", "funds");
      if (dtIds.has(tier.decision_type)) edge(`decision:${tier.decision_type}`, id, "authorises");
      if (tier.signers && roleIds.has(tier.signers.role)) edge(`role:${tier.signers.role}`, id, "signs", `${tier.signers.required} signers`);
    }
  }

  const levels: O[] = gco.escalation?.levels ?? [];
  for (const l of levels)
    node(`level:${l.id}`, l.name ?? l.id, "escalation_level", { id: l.id, time_limit_days: l.time_limit_days ?? null, terminal: !!l.terminal });
  for (const l of levels) {
    if (l.next) edge(`level:${l.id}`, `level:${l.next}`, "escalates", l.time_limit_days !== undefined ? `${l.time_limit_days} days` : undefined);
    const by = l.decided_by ?? {};
    if (by.kind === "role") edge(`role:${by.role}`, `level:${l.id}`, "decides");
    if (by.kind === "decision_type") edge(`decision:${by.decision_type}`, `level:${l.id}`, "decides");
  }

  for (const e of gco.delegation?.edges ?? [])
    edge(`member:${e.from}`, `member:${e.to}`, "delegates", e.share !== undefined && e.share < 1 ? `${Math.round(e.share * 100)}%` : undefined);

  const c = gco.composition;
  if (c) {
    for (const [kind, list] of [["citizen", c.citizens ?? []], ["organism", c.organisms ?? []]] as const)
      for (const r of list as O[]) node(`${kind}:${r.role}`, r.role, kind, { role: r.role, fingerprint: r.fingerprint ?? null, operator: r.operator ?? null });
    for (const r of c.confluences ?? []) {
      const id = `confluence:${r.role}`;
      node(id, r.role, "confluence", { role: r.role, fingerprint: r.fingerprint ?? null, operator: r.operator ?? null, spans: r.spans ?? [] });
      for (const s of r.spans ?? []) {
        const target = ids.has(`citizen:${s}`) ? `citizen:${s}` : `organism:${s}`;
        edge(id, target, "spans");
      }
    }
    for (const s of c.services ?? [])
      node(`service:${s.service}`, s.service, "service", { service: s.service, fingerprint: s.fingerprint ?? null, operator: s.operator ?? null });
  }

  const mesh = gco.mesh;
  if (mesh) {
    const domains: O[] = mesh.trust_domains ?? [];
    for (const d of domains)
      node(`domain:${d.id}`, d.name ?? d.id, "trust_domain", {
        id: d.id,
        policies: (d.policies ?? []).map((p: O) => `${p.rule} (${p.enforcement ?? "required"})`),
      });
    for (const n of mesh.nodes ?? []) {
      const inDomains = domains.filter((d) => (d.members ?? []).includes(n.id)).map((d) => d.id as string);
      node(
        `node:${n.id}`,
        n.name ?? n.id,
        "mesh_node",
        { id: n.id, kind: n.kind, operator: n.operator ?? null, trust_domains: inDomains },
        inDomains.length ? `domain:${inDomains[0]}` : undefined,
      );
    }
    for (const cn of mesh.connections ?? []) edge(`node:${cn.from}`, `node:${cn.to}`, "connects", cn.kind ?? "sync");
  }
  return { nodes, edges };
}

const thousands = (n: number) => n.toLocaleString("en-GB");

/** The engine's aggregated every-member view (`Members::ByRole` / `ByWeight`), explicit members only. */
function aggregate(
  members: O[],
  roles: O[],
  how: "by_role" | "by_weight",
  node: (id: string, label: string, kind: string, details: O) => void,
  edge: (source: string, target: string, kind: string, label?: string) => void,
) {
  const total = members.reduce((s, m) => s + Math.max(0, Number(m.weight) || 0), 0);
  const groups = new Map<string, { rank: number; name: string; members: O[] }>();
  const add = (key: string, rank: number, name: string, m: O) => {
    const g = groups.get(key) ?? groups.set(key, { rank, name, members: [] }).get(key)!;
    g.members.push(m);
  };
  for (const m of members) {
    const mr: string[] = Array.isArray(m.roles) ? [...new Set<string>(m.roles)] : [];
    if (how === "by_weight") {
      const w = Number(m.weight) || 0;
      const band = w > 0 ? Math.floor(Math.log10(w)) : null;
      const name = band === null ? "weight 0" : `weight ${thousands(10 ** band)} – ${thousands(10 ** (band + 1))}`;
      add(band === null ? "0" : String(band), band ?? -1e9, name, m);
    } else if (!mr.length) add("-", 1e9, "No role", m);
    else for (const r of mr) {
      const i = roles.findIndex((x) => x.id === r);
      add(r, i < 0 ? 1e9 - 1 : i, roles[i]?.name ?? r, m);
    }
  }
  for (const [key, g] of [...groups].sort(([ka, a], [kb, b]) => a.rank - b.rank || (ka < kb ? -1 : 1))) {
    const id = `group:${how === "by_role" ? "role" : "weight"}:${key}`;
    const count = g.members.length;
    const weight = g.members.reduce((s, m) => s + Math.max(0, Number(m.weight) || 0), 0);
    const held = new Map<string, number>();
    for (const m of g.members) for (const r of new Set<string>(m.roles ?? [])) held.set(r, (held.get(r) ?? 0) + 1);
    const sorted = [...g.members].sort((a, b) => (Number(b.weight) || 0) - (Number(a.weight) || 0) || (a.id < b.id ? -1 : 1));
    node(id, `${g.name}: ${thousands(count)} ${count === 1 ? "member" : "members"}`, "member_group", {
      grouped_by: how === "by_role" ? "role" : "weight",
      name: g.name,
      members: count,
      total_weight: weight,
      share_of_weight: total > 0 ? weight / total : 0,
      roles: [...held.keys()].sort(),
      listed: sorted.slice(0, 500).map((m) => m.id),
      unlisted: Math.max(0, count - 500),
    });
    for (const [r, n] of [...held].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (how === "by_role" && r !== key) continue;
      edge(id, `role:${r}`, "holds", thousands(n));
    }
  }
}
