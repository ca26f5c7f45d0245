// What the Risk view's lead table and the topology's attack path derive from the engine's
// capture analysis (`capture_view`, crates/engine/src/risk/capture.rs): powers in words, cost
// and profitability with their units, what would stop an outsider, and the path to draw.
import type { AttackPath, CaptureView, Level, PowerCapture } from "../backend/types";

/** Each power's kind in words: what a passed proposal may do. */
export const POWER_LABELS: Record<string, string> = {
  arbitrary_execution: "Execute arbitrary code",
  contract_upgrade: "Upgrade the contracts",
  mint: "Mint tokens or voting weight",
  control_transfer: "Transfer control (ownership, admin keys)",
  treasury: "Spend from the treasury",
  amend_rules: "Amend the rules",
  appoint_remove: "Appoint and remove role holders",
};

/** A short name of a power's kind, for the graph's node labels. */
export const POWER_SHORT: Record<string, string> = {
  arbitrary_execution: "Arbitrary execution",
  contract_upgrade: "Contract upgrade",
  mint: "Minting",
  control_transfer: "Control transfer",
  treasury: "Treasury",
  amend_rules: "Rule amendment",
  appoint_remove: "Appointments",
};

/** When weight is read, in words. */
export const SNAPSHOT_WORDS: Record<string, string> = {
  proposal_created: "when the proposal is made",
  vote_start: "when voting opens",
  live: "at the moment of voting",
};

/** The stable key of one power path (a decision type may confer several, a tier have several routes). */
export function rowKey(p: PowerCapture): string {
  return [p.decision_type, p.power, p.route ?? "", p.tiers.join(",")].join("|");
}

/** A share of all weight, as the table prints it. */
export function pct(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return "unreachable";
  return `${(x * 100).toFixed(1)} %`;
}

/** An amount of money, compact (1.25M, 12.4k, 900). */
export function money(x: number, currency: string | null): string {
  const a = Math.abs(x);
  const v = a >= 1e9 ? `${(x / 1e9).toFixed(2)}B` : a >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : a >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(0);
  return currency ? `${v} ${currency}` : v;
}

/** A duration in seconds, in the largest whole unit that reads well. */
export function duration(seconds: number): string {
  if (seconds <= 0) return "none";
  if (seconds >= 86_400) return `${+(seconds / 86_400).toFixed(1)} d`;
  if (seconds >= 3_600) return `${+(seconds / 3_600).toFixed(1)} h`;
  if (seconds >= 60) return `${Math.round(seconds / 60)} min`;
  return `${seconds} s`;
}

/** The power in words, with its tiers and route. */
export function powerText(p: PowerCapture): string {
  let s = POWER_LABELS[p.power] ?? p.power.replace(/_/g, " ");
  if (p.tiers.length) s += ` (tier${p.tiers.length > 1 ? "s" : ""} ${p.tiers.join(", ")})`;
  if (p.route) s += `, by route ${p.route}`;
  return s;
}

/** What the power controls: tier capacity, or the whole system for mint, upgrade and execution. */
export function controlsText(p: PowerCapture, currency: string | null): string {
  const amount = p.controls === null ? null : money(p.controls, currency);
  switch (p.power) {
    case "treasury":
      return amount ? `up to ${amount} (tier capacity)` : "the tier's funds (no balance given)";
    case "mint":
      return `the supply: new tokens dilute every holder${amount ? `; treasury ${amount}` : ""}`;
    case "contract_upgrade":
      return `the contracts' code${amount ? `, and with it ${amount}` : ""}`;
    case "arbitrary_execution":
      return `any call the system can make${amount ? `, ${amount} within reach` : ""}`;
    case "control_transfer":
      return `ownership and admin keys${amount ? `, ${amount} within reach` : ""}`;
    case "amend_rules":
      return `the rules themselves${amount ? `, ${amount} within reach` : ""}`;
    case "appoint_remove":
      return "who holds the roles";
    default:
      return amount ?? "—";
  }
}

/** The cost of capture: share of the supply, how it is got, and money when the design gives a price. */
export function costText(p: PowerCapture, currency: string | null): { share: string; how: string; money: string | null } {
  if (!p.capturable) return { share: pct(p.need), how: "cannot be bought: see what stops it", money: null };
  let how: string;
  if (p.bought <= 0 && p.flash_loan) how = "all flash-loaned within one block";
  else if (p.bought <= 0) how = "all borrowed across the voting delay";
  else if (p.borrowed > 0) how = `${pct(p.borrowed)} borrowed, ${pct(p.bought)} bought ahead`;
  else how = `bought ahead`;
  const m = p.cost === null ? null : p.cost === 0 ? "no purchase cost" : `≈ ${money(p.cost, currency)}`;
  return { share: pct(p.need), how, money: m };
}

/** Attack profitability in words: what it controls against what it costs. */
export function profitText(p: PowerCapture): string {
  if (!p.capturable) return "—";
  if (p.cost === null || p.controls === null) return "no price given";
  if (p.cost === 0) return "unbounded (costs nothing to buy)";
  const x = p.profitability ?? p.controls / p.cost;
  return x >= 1 ? `${x.toFixed(1)}× its cost: profitable` : `${x.toFixed(2)}× its cost: not profitable`;
}

/** The binding constraint, in words. */
export function bindingText(p: PowerCapture): string {
  if (p.binding === "nothing") return "nothing: no quorum or threshold to meet";
  return p.binding;
}

/** One thing that would stop (or slow) the outsider. */
export interface Stopper {
  /** `blocks`: the outsider cannot pass it alone; `slows`: time or others' veto to react. */
  kind: "blocks" | "slows";
  text: string;
}

/** What would stop the outsider: fixed bodies to capture, vetoes, the timelock, the exit window. */
export function stoppers(p: PowerCapture, path: AttackPath | undefined): Stopper[] {
  const out: Stopper[] = p.blocked_by.map((text) => ({ kind: "blocks" as const, text }));
  if (p.capturable) for (const v of p.veto) out.push({ kind: "slows", text: `veto: ${v}` });
  if (p.timelock_seconds > 0) out.push({ kind: "slows", text: `timelock ${duration(p.timelock_seconds)}` });
  const exit = path?.exit_window_seconds ?? null;
  if (exit !== null && exit > 0) out.push({ kind: "slows", text: `exit window ${duration(exit)}` });
  return out;
}

/** One row of the lead table. */
export interface CaptureRow {
  key: string;
  power: PowerCapture;
  level: Level;
  path: AttackPath;
}

const RANK: Record<Level, number> = { alert: 0, watch: 1, ok: 2 };

/** The table's rows: alerts first, then by risk (highest first), then the engine's order. */
export function captureRows(view: CaptureView): CaptureRow[] {
  return view.report.powers
    .map((p, i) => ({ key: rowKey(p), power: p, level: view.levels[i] ?? "ok", path: view.paths[i], i }))
    .sort((a, b) => RANK[a.level] - RANK[b.level] || b.power.risk - a.power.risk || a.i - b.i)
    .map(({ key, power, level, path }) => ({ key, power, level, path }));
}

/** The id of the outsider's node, drawn only while an attack path is shown. */
export const OUTSIDER = "attack:outsider";

/** What the topology draws for one attack path: nodes and edges to add, and a class per node. */
export interface AttackOverlay {
  /** Virtual nodes (the outsider, and a power that has no node of its own). */
  nodes: { id: string; label: string; kind: string }[];
  /** Edges of the path not already in the graph. */
  edges: { id: string; source: string; target: string; kind: string; label: string }[];
  /** The graph's own nodes on the path, by role: `on` the path, signers that must be `captured`, vetoes that `block`. */
  classes: Record<string, "attack-on" | "attack-signer" | "attack-veto">;
}

/**
 * The overlay of a power's attack path on a graph with node ids `has`: acquired weight → the
 * decision type → the signers that must also be captured and the vetoes that can stop it → the
 * tiers or the power. Nodes the graph lacks are skipped, so the overlay always draws.
 */
export function attackOverlay(p: PowerCapture, path: AttackPath, has: (id: string) => boolean, hasEdge: (source: string, target: string) => boolean): AttackOverlay {
  const o: AttackOverlay = { nodes: [], edges: [], classes: {} };
  if (!has(path.decision)) return o;
  const how = !p.capturable ? "cannot buy enough" : p.bought <= 0 ? (p.flash_loan ? "flash loan" : "borrowed") : `buys ${pct(p.bought)}`;
  o.nodes.push({ id: OUTSIDER, label: `Outsider (${how})`, kind: "attacker" });
  o.edges.push({ id: `attack:${OUTSIDER}->${path.decision}`, source: OUTSIDER, target: path.decision, kind: "attack", label: `votes ${pct(p.need)}` });
  o.classes[path.decision] = "attack-on";
  for (const s of path.signers) {
    if (!has(s)) continue;
    o.classes[s] = "attack-signer";
    if (!hasEdge(s, path.decision) && !path.targets.some((t) => hasEdge(s, t))) {
      o.edges.push({ id: `attack:${s}->${path.decision}`, source: s, target: path.decision, kind: "attack_sign", label: "must sign" });
    }
  }
  for (const v of path.vetoes) {
    if (!has(v)) continue;
    o.classes[v] ??= "attack-veto";
    o.edges.push({ id: `attack:${v}-|${path.decision}`, source: v, target: path.decision, kind: "attack_veto", label: "may veto" });
  }
  const targets = path.targets.filter(has);
  for (const t of targets) {
    o.classes[t] = "attack-on";
    if (!hasEdge(path.decision, t)) o.edges.push({ id: `attack:${path.decision}->${t}`, source: path.decision, target: t, kind: "attack", label: p.route ? `route ${p.route}` : "" });
  }
  if (!targets.length) {
    const id = `attack:power:${p.power}`;
    o.nodes.push({ id, label: POWER_SHORT[p.power] ?? p.power, kind: "power" });
    o.edges.push({ id: `attack:${path.decision}->${id}`, source: path.decision, target: id, kind: "attack", label: "" });
  }
  return o;
}
