// The mock backend's capture analysis: shaped exactly like the engine's `capture_view`
// (src-tauri/src/capture.rs over crates/engine/src/risk/capture.rs), computed more simply:
// need = max(outvoting the turnout, quorum); capturable when weight trades and enough of it
// can be acquired and no signers or vetoes stand in the way. Good enough to exercise the views.
import type { AttackPath, CaptureView, Level, PowerCapture } from "./types";

type O = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const arr = (v: unknown): O[] => (Array.isArray(v) ? (v as O[]) : []);

export function mockCapture(gco: O, blocking: string[]): CaptureView {
  const vw: O = gco.voting_weight ?? {};
  const assumed: string[] = [];
  const snapshot = vw.weight_snapshot ?? (assumed.push("weight source unknown: assumed live (read at the moment of voting)"), "live");
  const dao = gco.identity?.kind === "dao";
  const transferable: boolean = vw.weight_transferable ?? (assumed.push(dao ? "weight transferability unknown: assumed transferable (a DAO's tokens)" : "weight transferability unknown: assumed not transferable (membership or seats)"), dao);
  const acquirable = vw.acquirable ?? (transferable ? { circulating: 1, borrowable: 0, locked: 0 } : { circulating: 0, borrowable: 0, locked: 0 });
  const members = arr(gco.members?.explicit);
  const total = members.reduce((a, m) => a + (typeof m.weight === "number" ? m.weight : 1), 0) || 1;
  const turnout = members.reduce((a, m) => a + (typeof m.weight === "number" ? m.weight : 1) * (m.propensity ?? 0.5), 0) / total;
  const tiers = arr(gco.treasury?.tiers);
  const funds: number | null = gco.treasury ? Number(gco.treasury.balance ?? 0) : null;
  const threshold = gco.alert_thresholds?.governance_capture_risk ?? { watch: 0.6, alert: 0.8 };
  const powers: PowerCapture[] = [];
  const paths: AttackPath[] = [];
  for (const dt of arr(gco.decision_types)) {
    const declared = arr(dt.powers);
    const inferred = !declared.length;
    const kinds = declared.length ? declared : tiers.some((t) => t.decision_type === dt.id) ? [{ kind: "treasury", tiers: tiers.filter((t) => t.decision_type === dt.id).map((t) => t.id) }] : [];
    for (const pw of kinds) {
      const a = Math.min(1, Math.max(0, dt.approval ?? 0.5));
      const outvote = a >= 1 ? Infinity : (a / (1 - a)) * turnout;
      const need = Math.max(outvote, dt.quorum ?? 0);
      const binding = need === outvote ? `outvoting the expected turnout ${(turnout * 100).toFixed(1)}% at approval ${(a * 100).toFixed(0)}%` : `the quorum ${((dt.quorum ?? 0) * 100).toFixed(1)}%`;
      const borrowed = transferable && snapshot !== "proposal_created" ? acquirable.borrowable : 0;
      const blocked_by: string[] = [];
      if (!transferable) blocked_by.push("weight is not transferable");
      else if (need > acquirable.circulating + borrowed) blocked_by.push(`${(need * 100).toFixed(1)}% needed but only ${((acquirable.circulating + borrowed) * 100).toFixed(1)}% acquirable`);
      if (dt.signers) blocked_by.push(`${dt.signers.required} of ${dt.signers.of ?? "?"} \`${dt.signers.role}\` signers`);
      const vetoRoles = arr(dt.veto).filter((v) => v.role).map((v) => v.role as string);
      const timelock = Number(dt.timelock ?? 0);
      if (timelock > 0) for (const r of vetoRoles) blocked_by.push(`a veto by \`${r}\` during the timelock`);
      const capturable = !blocked_by.length && Number.isFinite(need);
      const bought = Math.max(0, need - borrowed);
      const ts: string[] = pw.kind === "treasury" ? arr(pw.tiers).map(String) : [];
      const capacity = ts.length ? Math.max(...ts.map((id) => tiers.find((t) => t.id === id)?.max ?? funds ?? 0)) : funds;
      const cost = capturable && typeof vw.token_price === "number" ? bought * total * vw.token_price : null;
      powers.push({
        decision_type: dt.id,
        power: pw.kind,
        tiers: ts,
        route: null,
        inferred,
        need: Number.isFinite(need) ? need : null,
        binding,
        borrowed: capturable ? Math.min(borrowed, need) : borrowed,
        bought,
        flash_loan: transferable && acquirable.borrowable > 0 && snapshot === "live",
        blocked_by,
        capturable,
        cost,
        controls: pw.kind === "appoint_remove" ? null : capacity,
        profitability: cost !== null && capacity !== null && cost > 0 ? capacity / cost : null,
        risk: capturable ? 1 - Math.min(1, 2 * bought) : 0,
        timelock_seconds: timelock,
        veto: arr(dt.veto).map((v) => (v.role ? `${v.kind} \`${v.role}\`` : `token holders at ${(v.threshold * 100).toFixed(1)}%`)),
        unguarded: !arr(dt.veto).length && timelock <= 0,
      });
      paths.push({
        decision: `decision:${dt.id}`,
        signers: dt.signers ? [`role:${dt.signers.role}`] : [],
        vetoes: timelock > 0 ? vetoRoles.map((r) => `role:${r}`) : [],
        targets: ts.map((t) => `tier:${t}`),
        exit_window_seconds: typeof dt.exit_window === "number" ? dt.exit_window : null,
      });
    }
  }
  const level = (risk: number): Level => (risk >= threshold.alert ? "alert" : risk >= threshold.watch ? "watch" : "ok");
  return {
    blocking: [...new Set(blocking)].sort(),
    report: { weight: { snapshot, transferable, acquirable, token_price: vw.token_price ?? null, assumed }, turnout, powers },
    levels: powers.map((p) => level(p.risk)),
    paths,
    threshold,
    currency: gco.treasury?.currency ?? null,
  };
}

/** The simulator's `report.attack` for an attack scenario, simplified: the budget buys weight at
 *  the price; a power is captured in every run when the weight bought covers its need and
 *  nothing stops it, else in none. Shaped like the simulator's `AttackReport`. */
export function mockAttackResult(gco: O, attack: O, runs: number) {
  const view = mockCapture(gco, []);
  const members = arr(gco.members?.explicit);
  const total = members.reduce((a, m) => a + (typeof m.weight === "number" ? m.weight : 1), 0) || 1;
  const price = typeof attack.price === "number" ? attack.price : (view.report.weight.token_price ?? 1);
  const available = view.report.weight.transferable ? Math.min(1, view.report.weight.acquirable.circulating + view.report.weight.acquirable.borrowable) : 0;
  const acquired = Math.min(available, attack.budget / price / total);
  const powers = view.report.powers.map((p) => {
    const need = p.need ?? Infinity;
    const stopped = p.blocked_by.filter((b) => !b.includes("acquirable"));
    const captured = !stopped.length && view.report.weight.transferable && acquired >= need;
    const q = captured ? 1 : 0;
    return {
      decision_type: p.decision_type,
      power: p.power,
      tiers: p.tiers,
      route: p.route,
      weight_counts: view.report.weight.transferable,
      stopped_by: stopped,
      capture_probability: q,
      interval: (captured ? [0.96, 1] : [0, 0.04]) as [number, number],
      cheapest_budget: !stopped.length && view.report.weight.transferable && need <= available ? need * total * price : null,
      controls: p.controls,
      expected_loss: p.controls === null ? null : { mean: q * p.controls, se: 0 },
    };
  });
  const target = typeof attack.target === "string" ? powers.findIndex((p) => p.decision_type === attack.target) : powers.length ? 0 : -1;
  return {
    budget: attack.budget,
    acquisition: attack.acquisition,
    at: attack.at,
    price,
    price_source: typeof attack.price === "number" ? "attack" : "design",
    available_share: available,
    acquired_share: acquired,
    runs,
    target: target >= 0 ? target : null,
    powers,
    assumed: view.report.weight.assumed,
  };
}
