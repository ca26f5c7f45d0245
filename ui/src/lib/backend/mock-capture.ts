// The What-if's attack result in the mock: the simulator's `report.attack` shape, canned. The
// mock simulates no attack, so every power of the engine's capture view (from the fixtures) is
// reported as not captured, with what the engine says stands in its way. The view tests check
// how the page shows the result, not its figures; the figures are tested in Rust.
import type { CaptureView } from "./types";

type O = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A canned `report.attack` for `attack` over the powers of `capture`. */
export function mockAttackResult(capture: CaptureView, attack: O, runs: number) {
  const { weight, powers } = capture.report;
  const target = typeof attack.target === "string" ? powers.findIndex((p) => p.decision_type === attack.target) : powers.length ? 0 : -1;
  return {
    budget: attack.budget,
    acquisition: attack.acquisition,
    at: attack.at,
    price: typeof attack.price === "number" ? attack.price : weight.token_price,
    price_source: typeof attack.price === "number" ? "attack" : "design",
    available_share: 0,
    acquired_share: 0,
    runs,
    target: target >= 0 ? target : null,
    powers: powers.map((p) => ({
      decision_type: p.decision_type,
      power: p.power,
      tiers: p.tiers,
      route: p.route,
      weight_counts: weight.transferable,
      stopped_by: p.blocked_by,
      capture_probability: 0,
      interval: [0, 0.04] as [number, number],
      cheapest_budget: null,
      controls: p.controls,
      expected_loss: p.controls === null ? null : { mean: 0, se: 0 },
    })),
    assumed: weight.assumed,
  };
}
