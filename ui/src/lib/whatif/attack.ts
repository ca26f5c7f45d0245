// The What-if attack scenario: an adversary with a budget acquires weight (buys, borrows,
// flash-loans within one block, or votes custodial stake) from a step on, optionally against
// one decision type. It is written into the scenario JSON as the simulator's `attack` field:
//   "attack": { "budget": number, "acquisition": "buy" | "borrow" | "flash_loan" | "custodial",
//               "at": step, "price": optional number, "target": optional decision type id }
// Pure functions; the form (components/whatif/AttackForm.svelte) holds the state.

/** How the adversary gets its weight. */
export type Acquisition = "buy" | "borrow" | "flash_loan" | "custodial";

/** The attack part of a scenario. */
export interface AttackSpec {
  /** What the adversary can spend, in the treasury's currency. */
  budget: number;
  acquisition: Acquisition;
  /** The step the adversary starts acquiring at. */
  at: number;
  /** Price of one unit of weight (absent: the design's `voting_weight.token_price`). */
  price?: number;
  /** The decision type to attack (absent: the simulator picks the one that profits it most). */
  target?: string;
}

/** The acquisition routes in the order the form offers them, with words people read. */
export const ACQUISITIONS: { id: Acquisition; label: string; hint: string }[] = [
  { id: "buy", label: "Buy weight ahead", hint: "buys tokens on the market before proposing; they count under any snapshot taken after the purchase" },
  { id: "borrow", label: "Borrow weight", hint: "borrows in lending markets across the voting delay; counts where weight is read live, or at vote start after a short delay" },
  { id: "flash_loan", label: "Flash loan (one block)", hint: "borrows and repays within one block; counts only where weight is read live, or at vote start with no delay" },
  { id: "custodial", label: "Custodial stake", hint: "votes stake it holds for others (an exchange's customers' tokens)" },
];

/** A decision type the attack may target. */
export interface TargetOption {
  id: string;
  label: string;
}

type O = Record<string, unknown>;

/** The design's decision types, as the target picker lists them (name and id when they differ). */
export function targetOptions(gco: unknown): TargetOption[] {
  const dts = gco && typeof gco === "object" ? (gco as O).decision_types : null;
  if (!Array.isArray(dts)) return [];
  return dts
    .filter((d): d is O => !!d && typeof d === "object" && typeof (d as O).id === "string")
    .map((d) => {
      const id = d.id as string;
      const name = typeof d.name === "string" && d.name !== id ? d.name : null;
      return { id, label: name ? `${name} (${id})` : id };
    });
}

/** The design's token price, when it gives one (what the attack pays without its own price). */
export function designPrice(gco: unknown): number | null {
  const vw = gco && typeof gco === "object" ? ((gco as O).voting_weight as O | undefined) : undefined;
  return vw && typeof vw.token_price === "number" ? vw.token_price : null;
}

/** A starting attack for a run of `steps` steps: a budget, bought ahead, a tenth of the way in. */
export function defaultAttack(steps: number): AttackSpec {
  return { budget: 1_000_000, acquisition: "buy", at: Math.max(0, Math.floor(steps / 10)) };
}

/** What is wrong with an attack, one line each (empty when it can run). */
export function attackProblems(a: AttackSpec, steps: number, targets: TargetOption[]): string[] {
  const out: string[] = [];
  if (!Number.isFinite(a.budget) || a.budget < 0) out.push("The budget must be a number of at least 0.");
  if (!ACQUISITIONS.some((x) => x.id === a.acquisition)) out.push("Choose how the attacker acquires weight.");
  if (!Number.isInteger(a.at) || a.at < 0 || a.at >= steps) out.push(`The start step must be a whole number from 0 to ${steps - 1}.`);
  if (a.price !== undefined && (!Number.isFinite(a.price) || a.price <= 0)) out.push("The price must be above 0 (or left empty to use the design's).");
  if (a.target !== undefined && !targets.some((t) => t.id === a.target)) out.push(`The design has no decision type "${a.target}".`);
  return out;
}

/** The scenario's `attack` field, exactly in the simulator's shape (optional keys left out when unset). */
export function attackJson(a: AttackSpec): Record<string, unknown> {
  const o: Record<string, unknown> = { budget: a.budget, acquisition: a.acquisition, at: a.at };
  if (a.price !== undefined) o.price = a.price;
  if (a.target !== undefined) o.target = a.target;
  return o;
}

/** A scenario JSON with the attack added (or left as it is without one). */
export function withAttack(scenario: Record<string, unknown>, a: AttackSpec | null): Record<string, unknown> {
  return a ? { ...scenario, attack: attackJson(a) } : scenario;
}

/** A stored scenario's `attack` back in the form's terms; null when absent or not of the shape. */
export function attackFromJson(v: unknown): AttackSpec | null {
  if (!v || typeof v !== "object") return null;
  const o = (v as O).attack as O | undefined;
  if (!o || typeof o !== "object") return null;
  if (typeof o.budget !== "number" || typeof o.at !== "number" || !ACQUISITIONS.some((x) => x.id === o.acquisition)) return null;
  const a: AttackSpec = { budget: o.budget, acquisition: o.acquisition as Acquisition, at: o.at };
  if (typeof o.price === "number") a.price = o.price;
  if (typeof o.target === "string") a.target = o.target;
  return a;
}

// The results' shapes (MeanSe, PowerAttackResult, AttackResult) are generated from the Rust
// types (cogov_sim::attack; ../bindings/ipc.ts).
export type { AttackResult, MeanSe, PowerAttackResult } from "../bindings/ipc";
import type { AttackResult, MeanSe } from "../bindings/ipc";

/** A report's attack part when it has one of this shape (reports without an attack have none). */
export function attackResult(report: unknown): AttackResult | null {
  const a = report && typeof report === "object" ? (report as O).attack : null;
  if (!a || typeof a !== "object" || !Array.isArray((a as O).powers)) return null;
  return a as AttackResult;
}

/** A probability with its interval, in percent: `42 % (35–49 %)`. */
export function probabilityText(p: number, interval: [number, number]): string {
  // Whole percent, but keep one decimal below 10 % where it matters (2.5 %, not 3 %).
  const f = (x: number) => {
    const v = x * 100;
    const r = Math.round(v * 10) / 10;
    return v >= 10 || Number.isInteger(r) ? v.toFixed(0) : r.toFixed(1);
  };
  return `${f(p)} % (${f(interval[0])}–${f(interval[1])} %)`;
}

/** The expected loss with its standard error, or a dash. */
export function lossText(l: MeanSe | null, fmt: (x: number) => string): string {
  return l ? `${fmt(l.mean)} ± ${fmt(l.se)}` : "—";
}
