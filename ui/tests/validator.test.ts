import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MockBackend } from "../src/lib/backend/mock";
import { DebouncedValidator } from "../src/lib/editor/validator";
import { MOCK_DESIGN } from "../src/lib/backend/mock-design";
import { variantText } from "../src/lib/backend/mock-fixtures";

describe("debounced validation", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("validates the first keystroke at once, then once after a burst, with the last text", async () => {
    const backend = new MockBackend();
    const spy = vi.spyOn(backend, "validate");
    const v = new DebouncedValidator(backend, 150);
    const base = JSON.stringify(MOCK_DESIGN, null, 2);
    // The last keystroke types a quorum of 1.5 (a variant the engine answered: fixtures/variants/).
    for (let i = 0; i < 12; i++) {
      v.schedule("d.json", i === 11 ? variantText("quorum-1.5") : base);
      await vi.advanceTimersByTimeAsync(40); // typing faster than the debounce
    }
    // Only the first keystroke (after a quiet period) was validated so far.
    expect(spy).toHaveBeenCalledTimes(1);
    expect(v.state.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(150);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy.mock.calls[1][1]).toContain('"quorum": 1.5');
    await vi.waitFor(() => expect(v.state.pending).toBe(false));
    expect(spy).toHaveBeenCalledTimes(2);
    expect(v.state.validation?.report.findings.some((f) => f.path === "/decision_types/0/quorum" && f.severity === "blocking")).toBe(true);
  });

  it("drops the result of a superseded call and reports syntax errors", async () => {
    const backend = new MockBackend({ latencyMs: 300 });
    const v = new DebouncedValidator(backend, 150);
    v.schedule("d.json", JSON.stringify(MOCK_DESIGN)); // after a quiet period: called at once
    await vi.advanceTimersByTimeAsync(50); // first call in flight (it takes 300 ms)
    v.schedule("d.json", '{\n  "identity": ,\n}'); // called at 200 ms, before the first returns
    await vi.advanceTimersByTimeAsync(800);
    await vi.waitFor(() => expect(v.state.pending).toBe(false));
    expect(v.state.error?.code).toBe("GOV-X005");
    expect(v.state.error?.message).toMatch(/line 2, column \d+/);
    // The first call finished after the second had started: its result was dropped.
    expect(v.state.validation).toBeNull();
    expect(v.state.pending).toBe(false);
  });
});
