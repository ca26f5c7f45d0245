import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MockBackend } from "../src/lib/backend/mock";
import { Studio, describeRemoval, pretty } from "../src/lib/app/state.svelte";
import { MOCK_DESIGN } from "../src/lib/backend/mock-design";

function studio(): Studio {
  const s = new Studio(new MockBackend());
  s.load(pretty(MOCK_DESIGN), "harbour.json", null);
  return s;
}

describe("undo and redo", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("is one history for the form and the text", () => {
    const s = studio();
    const t0 = s.text;
    expect(s.canUndo).toBe(false);
    s.setValue("/decision_types/0/quorum", 0.4);
    const t1 = s.text;
    vi.advanceTimersByTime(1000);
    s.setText(t1.replace('"name": "harbour-commons"', '"name": "harbour-two"'));
    const t2 = s.text;
    expect(new Set([t0, t1, t2]).size).toBe(3);

    expect(s.undo()).toBe(true);
    expect(s.text).toBe(t1);
    expect(s.undo()).toBe(true);
    expect(s.text).toBe(t0);
    expect((s.gco as { decision_types: { quorum: number }[] }).decision_types[0].quorum).toBe(MOCK_DESIGN.decision_types[0].quorum);
    expect(s.undo()).toBe(false);
    expect(s.canRedo).toBe(true);
    expect(s.redo()).toBe(true);
    expect(s.text).toBe(t1);
    expect(s.redo()).toBe(true);
    expect(s.text).toBe(t2);
    expect(s.redo()).toBe(false);
  });

  it("a form edit right after typing keeps what was typed", () => {
    // The text is parsed after a pause; a form edit (or a commit's version) inside that pause
    // once wrote the value from before the typing back over it.
    const s = studio();
    s.setText(s.text.replace('"name": "harbour-commons"', '"name": "harbour-typed"'));
    s.setValue("/identity/version", "9.9.9");
    const d = JSON.parse(s.text) as { identity: { name: string; version: string } };
    expect(d.identity).toMatchObject({ name: "harbour-typed", version: "9.9.9" });
  });

  it("counts a burst of typing as one step, and a new edit ends redo", () => {
    const s = studio();
    const t0 = s.text;
    for (const n of ["a", "ab", "abc"]) {
      s.setText(t0.replace('"harbour-commons"', `"${n}"`));
      vi.advanceTimersByTime(100);
    }
    expect(s.undo()).toBe(true);
    expect(s.text).toBe(t0);
    expect(s.canUndo).toBe(false);
    s.redo();
    s.undo();
    s.setValue("/decision_types/0/quorum", 0.3);
    expect(s.canRedo).toBe(false);
  });

  it("starts afresh when another design is loaded", () => {
    const s = studio();
    s.setValue("/decision_types/0/quorum", 0.3);
    s.load(pretty(MOCK_DESIGN), "other.json", null);
    expect(s.canUndo).toBe(false);
    expect(s.undo()).toBe(false);
  });
});

describe("removal", () => {
  it("is described only when something is removed", () => {
    expect(describeRemoval([1, 2, 3], [1, 2])).toBe("an entry");
    expect(describeRemoval({ a: 1, b: 2, c: 3 }, { a: 1 })).toBe("2 entries");
    expect(describeRemoval(0.5, undefined)).toBe("a field");
    expect(describeRemoval([1, 2], [1, 2, 3])).toBeNull();
    expect(describeRemoval(undefined, 3)).toBeNull();
    expect(describeRemoval(0.5, 0.6)).toBeNull();
  });

  it("offers Undo, which brings the entry back", () => {
    const s = studio();
    const before = s.text;
    const types = (s.gco as { decision_types: unknown[] }).decision_types;
    s.setValue("/decision_types", types.slice(1));
    const toast = s.toasts.at(-1);
    expect(toast?.text).toContain("Removed an entry at /decision_types");
    expect(toast?.action?.label).toBe("Undo");
    toast?.action?.run();
    expect(s.text).toBe(before);
  });
});

describe("the unsaved-changes guard", () => {
  it("asks before replacing a changed design, and Cancel keeps it", async () => {
    const s = studio();
    s.setValue("/decision_types/0/quorum", 0.3);
    const changed = s.text;
    const opening = s.openExample("harbour-commons");
    await vi.waitFor(() => expect(s.guard).not.toBeNull());
    expect(s.guard?.what).toBe("Open the example harbour-commons");
    s.guard?.answer("cancel");
    await opening;
    expect(s.text).toBe(changed);
    expect(s.dirty).toBe(true);
    expect(s.guard).toBeNull();
  });

  it("replaces the design after Discard", async () => {
    const s = studio();
    s.setValue("/decision_types/0/quorum", 0.3);
    const opening = s.openExample("harbour-commons");
    await vi.waitFor(() => expect(s.guard).not.toBeNull());
    s.guard?.answer("discard");
    await opening;
    expect(s.text).toBe(pretty(MOCK_DESIGN));
    expect(s.dirty).toBe(false);
  });

  it("does not ask when nothing is unsaved", async () => {
    const s = studio();
    await s.openExample("harbour-commons");
    expect(s.guard).toBeNull();
    expect(s.name).toBe("harbour-commons.json");
  });
});

describe("unsaved changes", () => {
  it("are gone when undo returns to the opened text", () => {
    const s = studio();
    expect(s.dirty).toBe(false);
    s.setValue("/decision_types/0/quorum", 0.3);
    expect(s.dirty).toBe(true);
    s.undo();
    expect(s.dirty).toBe(false);
    s.redo();
    expect(s.dirty).toBe(true);
  });
});

describe("the recovery copy", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("is kept after a pause while changes are unsaved, and dropped when they are undone", async () => {
    const backend = new MockBackend();
    const s = new Studio(backend);
    s.load(pretty(MOCK_DESIGN), "harbour.json", null);
    s.setValue("/decision_types/0/quorum", 0.3);
    expect(backend.recovery).toBeNull();
    await vi.advanceTimersByTimeAsync(1100);
    expect(backend.recovery?.name).toBe("harbour.json");
    expect(backend.recovery?.text).toBe(s.text);
    s.undo();
    await vi.advanceTimersByTimeAsync(50);
    expect(backend.recovery).toBeNull();
  });

  it("from an earlier session is offered, left alone until decided, and recovered unsaved", async () => {
    const backend = new MockBackend();
    backend.recovery = { name: "lost.json", text: pretty({ ...MOCK_DESIGN, note: "mine" }), kept_ms: 1 };
    const s = new Studio(backend);
    await s.init();
    expect(s.recovered?.name).toBe("lost.json");
    s.load(pretty(MOCK_DESIGN), "other.json", null);
    s.setValue("/decision_types/0/quorum", 0.3);
    await vi.advanceTimersByTimeAsync(1100);
    expect(backend.recovery?.name).toBe("lost.json");
    s.load(pretty(MOCK_DESIGN), "other.json", null);
    await s.recover();
    expect(s.name).toBe("lost.json");
    expect(s.text).toContain('"note": "mine"');
    expect(s.dirty).toBe(true);
    expect(s.recovered).toBeNull();
    await vi.advanceTimersByTimeAsync(1100);
    expect(backend.recovery?.text).toBe(s.text);
  });
});
