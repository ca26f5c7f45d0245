import { BackendError, type Backend } from "../backend/backend";
import type { Validation } from "../backend/types";

export interface ValidatorState {
  /** The latest result (kept while a newer validation runs). */
  validation: Validation | null;
  /** Why the text could not be read at all (a JSON syntax error: GOV-X005, …). */
  error: BackendError | null;
  /** A validation is scheduled or running. */
  pending: boolean;
}

/**
 * Validates as the designer types. The first keystroke after a quiet period is validated at
 * once (leading edge), so a single edit shows its findings without waiting; during a burst each
 * `schedule` restarts a timer, and when the text has been still for `delayMs` the backend is
 * called once with the last text (trailing edge). Results of superseded calls are dropped, so
 * a slow old answer never overwrites a newer one.
 */
export class DebouncedValidator {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private seq = 0;
  private running = 0;
  private lastActivity = -Infinity;
  private listeners = new Set<(s: ValidatorState) => void>();
  state: ValidatorState = { validation: null, error: null, pending: false };

  constructor(
    private backend: Backend,
    readonly delayMs = 150,
  ) {}

  subscribe(fn: (s: ValidatorState) => void): () => void {
    this.listeners.add(fn);
    fn(this.state);
    return () => this.listeners.delete(fn);
  }

  private set(patch: Partial<ValidatorState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  /** Schedules a validation of `text` after the quiet period. */
  schedule(name: string, text: string): void {
    const now = Date.now();
    const quiet = !this.timer && this.running === 0 && now - this.lastActivity >= this.delayMs;
    this.lastActivity = now;
    if (quiet) {
      void this.run(name, text);
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    if (!this.state.pending) this.set({ pending: true });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run(name, text);
    }, this.delayMs);
  }

  /** Validates now (cancelling any scheduled run). */
  async now(name: string, text: string): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.run(name, text);
  }

  private async run(name: string, text: string): Promise<void> {
    const my = ++this.seq;
    this.running++;
    this.set({ pending: true });
    try {
      const validation = await this.backend.validate(name, text);
      if (my !== this.seq) return;
      this.set({ validation, error: null, pending: this.timer !== null });
    } catch (e) {
      if (my !== this.seq) return;
      this.set({ error: BackendError.from(e), pending: this.timer !== null });
    } finally {
      this.running--;
      this.lastActivity = Date.now();
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }
}
