import { describe, expect, it } from "vitest";
import { MockBackend, type MockScriptQuestion } from "../src/lib/backend/mock";
import { OnboardingModel, answerValue, initialDraft } from "../src/lib/onboarding/model";
import type { Question } from "../src/lib/backend/types";

/** Three questions on each path, with a branch on the second. */
const script: MockScriptQuestion[] = [
  {
    id: "kind",
    kind: "choice",
    prompt: "Kind?",
    why: "Sets defaults.",
    options: [
      { value: "dao", label: "DAO", explain: "Token-weighted." },
      { value: "cooperative", label: "Cooperative", explain: "One member, one vote." },
    ],
    apply: (g, v) => (g.identity.kind = v),
  },
  {
    id: "holders",
    kind: "integer",
    prompt: "Holders?",
    why: "Turnout.",
    min: 1,
    max: 1000,
    default: 100,
    when: (a) => a.kind === "dao",
    // The engine's refusal, as the dialogue sends it: the view model shows it and keeps the draft.
    refuse: (v) => (Number(v) > 1000 ? "The answer must be at most 1000." : null),
    apply: (g, v) => (g.members = { population: { count: v } }),
  },
  {
    id: "members",
    kind: "list",
    min_items: 1,
    max_items: 100,
    item_max_length: 200,
    prompt: "Members?",
    why: "Who.",
    when: (a) => a.kind !== "dao",
    apply: (g, v) => (g.members = { explicit: (v as string[]).map((id) => ({ id, weight: 1, propensity: 0.8 })) }),
  },
  { id: "treasury", kind: "yes_no", prompt: "Funds?", why: "Money.", default: true },
];

describe("onboarding view model", () => {
  it("starts, shows progress, and pre-fills defaults", async () => {
    const m = new OnboardingModel(new MockBackend({ script }));
    await m.start();
    expect(m.question?.id).toBe("kind");
    expect(m.state.view?.progress).toEqual({ answered: 0, total: 3 });
    expect(m.percent).toBe(0);
    expect(m.canGoBack).toBe(false);
    m.setDraft("dao");
    await m.next();
    expect(m.question?.id).toBe("holders");
    expect(m.state.draft).toBe("100"); // default pre-filled as the input's text
    expect(m.percent).toBe(33);
    expect(m.state.transcript).toEqual([{ questionId: "kind", prompt: "Kind?", answer: "DAO" }]);
    expect((m.state.view?.preview as { identity: { kind: string } }).identity.kind).toBe("dao");
  });

  it("shows the refusal reason and keeps the question and the draft", async () => {
    const m = new OnboardingModel(new MockBackend({ script }));
    await m.start();
    m.setDraft("dao");
    await m.next();
    m.setDraft("5000");
    await m.next();
    expect(m.question?.id).toBe("holders");
    expect(m.state.error).toBe("The answer must be at most 1000.");
    expect(m.state.draft).toBe("5000");
    m.setDraft("250");
    await m.next();
    expect(m.state.error).toBeNull();
    expect(m.question?.id).toBe("treasury");
    expect(m.state.view?.progress).toEqual({ answered: 2, total: 3 });
  });

  it("goes back, takes the other branch, and finishes", async () => {
    const m = new OnboardingModel(new MockBackend({ script }));
    await m.start();
    m.setDraft("dao");
    await m.next();
    await m.back();
    expect(m.question?.id).toBe("kind");
    expect(m.state.draft).toBe("dao"); // the previous answer is offered again
    expect(m.state.transcript).toEqual([]);
    m.setDraft("cooperative");
    await m.next();
    expect(m.question?.id).toBe("members");
    expect(m.question?.kind).toBe("list");
    m.setDraft(["ada", "  ", "bram "]);
    await m.next();
    expect(m.question?.id).toBe("treasury");
    expect(m.state.draft).toBe(true);
    await m.next();
    expect(m.finished).toBe(true);
    expect(m.question).toBeNull();
    expect(m.percent).toBe(100);
    const preview = m.state.view?.preview as { members: { explicit: { id: string }[] } };
    expect(preview.members.explicit.map((x) => x.id)).toEqual(["ada", "bram"]);
    expect(m.state.transcript.map((t) => t.answer)).toEqual(["Cooperative", "ada, bram", "Yes"]);
  });

  it("converts drafts into answers", () => {
    // A question as the engine sends it (the generated `Question`), with only what matters here.
    const q = (fields: Record<string, unknown>) => ({ id: "q", section: "", prompt: "", why: "", default: null, places: [], ...fields }) as unknown as Question;
    expect(answerValue(q({ kind: "number" }), " 0.25 ")).toBe(0.25);
    expect(answerValue(q({ kind: "integer" }), "")).toBeNull();
    expect(initialDraft(q({ kind: "list", min_items: 0, max_items: 9, item_max_length: 9 }))).toEqual([]);
    expect(initialDraft(q({ kind: "yes_no" }))).toBeNull();
  });
});
