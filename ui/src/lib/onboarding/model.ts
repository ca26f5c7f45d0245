import { BackendError, type Backend } from "../backend/backend";
import type { OnboardingView, Question } from "../backend/types";

export interface TranscriptEntry {
  questionId: string;
  prompt: string;
  answer: string;
}

export interface OnboardingUiState {
  view: OnboardingView | null;
  /** The answer being edited for the current question. */
  draft: unknown;
  busy: boolean;
  /** Why the last answer was refused (by the engine) or what failed (backend error). */
  error: string | null;
  /** Questions answered so far and the answers given, oldest first. */
  transcript: TranscriptEntry[];
}

/** The initial draft for a question: its default, or an empty answer of its kind. */
export function initialDraft(q: Question | null): unknown {
  if (!q) return null;
  if (q.default !== undefined && q.default !== null) {
    if (q.kind === "number" || q.kind === "integer") return String(q.default);
    if (q.kind === "list") return Array.isArray(q.default) ? q.default.map(String) : [];
    return q.default;
  }
  switch (q.kind) {
    case "list":
      return [];
    case "text":
    case "number":
    case "integer":
      return "";
    default:
      return null;
  }
}

/** Turns a draft into the value sent to the engine (numbers parsed, list lines trimmed). */
export function answerValue(q: Question, draft: unknown): unknown {
  switch (q.kind) {
    case "number":
    case "integer": {
      const s = String(draft ?? "").trim();
      if (s === "") return null;
      const n = Number(s);
      return Number.isFinite(n) ? n : s;
    }
    case "list":
      return (Array.isArray(draft) ? draft : [])
        .map((x) => String(x).trim())
        .filter((x) => x.length > 0);
    case "text":
      return typeof draft === "string" ? draft.trim() : draft;
    default:
      return draft;
  }
}

/** A readable rendering of an answer for the transcript. */
export function answerLabel(q: Question, value: unknown): string {
  if (q.kind === "yes_no") return value === true ? "Yes" : value === false ? "No" : "—";
  if (q.kind === "choice") {
    const o = q.options?.find((x) => JSON.stringify(x.value) === JSON.stringify(value));
    return o ? o.label : String(value);
  }
  if (Array.isArray(value)) return value.length ? value.join(", ") : "(none)";
  return value === null || value === undefined || value === "" ? "—" : String(value);
}

/**
 * The onboarding dialogue's view model: the engine owns the state machine; this keeps the
 * current view, the draft answer, the transcript and the busy/refused state for the UI.
 * Svelte-store compatible (`subscribe`).
 */
export class OnboardingModel {
  private listeners = new Set<(s: OnboardingUiState) => void>();
  state: OnboardingUiState = { view: null, draft: null, busy: false, error: null, transcript: [] };

  constructor(private backend: Backend) {}

  subscribe(fn: (s: OnboardingUiState) => void): () => void {
    this.listeners.add(fn);
    fn(this.state);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<OnboardingUiState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  get question(): Question | null {
    return this.state.view?.question ?? null;
  }

  /** 0..100. */
  get percent(): number {
    const p = this.state.view?.progress;
    if (!p || p.total <= 0) return 0;
    return Math.round((100 * Math.min(p.answered, p.total)) / p.total);
  }

  get canGoBack(): boolean {
    return !this.state.busy && (this.state.view?.progress.answered ?? 0) > 0;
  }

  get finished(): boolean {
    return this.state.view?.finished ?? false;
  }

  async start(): Promise<void> {
    await this.step(() => this.backend.onboardingStart(), "reset");
  }

  setDraft(value: unknown): void {
    this.set({ draft: value });
  }

  /** Sends the draft; on refusal the question stays and `error` says why. */
  async next(): Promise<void> {
    const q = this.question;
    const view = this.state.view;
    if (!q || !view || this.state.busy) return;
    const value = answerValue(q, this.state.draft);
    await this.step(() => this.backend.onboardingAnswer(view.state, value), {
      questionId: q.id,
      prompt: q.prompt,
      answer: answerLabel(q, value),
    });
  }

  async back(): Promise<void> {
    const view = this.state.view;
    if (!view || !this.canGoBack) return;
    await this.step(() => this.backend.onboardingBack(view.state), "pop");
  }

  private async step(call: () => Promise<OnboardingView>, entry: TranscriptEntry | "reset" | "pop"): Promise<void> {
    this.set({ busy: true });
    try {
      const view = await call();
      if (view.error) {
        // Refused: same question, keep what the designer typed.
        this.set({ view, busy: false, error: view.error });
        return;
      }
      let transcript = this.state.transcript;
      if (entry === "reset") transcript = [];
      else if (entry === "pop") transcript = transcript.slice(0, -1);
      else transcript = [...transcript, entry];
      this.set({ view, busy: false, error: null, draft: initialDraft(view.question), transcript });
    } catch (e) {
      this.set({ busy: false, error: BackendError.from(e).message });
    }
  }
}
