import { BackendError, type Backend } from "../backend/backend";
import type { FileRef, Validation } from "../backend/types";
import { DebouncedValidator } from "../editor/validator";
import { buildFormModel, type FormModel } from "../schema/form-model";
import { setAt } from "../json/pointer";
import { OnboardingModel } from "../onboarding/model";

/** Quiet time after a keystroke before the engine validates: short enough that findings follow
 *  typing within about 100 ms on the shipped examples, long enough to batch a burst of keys. */
const VALIDATE_DEBOUNCE_MS = 60;

export type ViewName = "home" | "onboarding" | "editor" | "topology" | "history" | "risk" | "compiled" | "lineage" | "whatif" | "sweep" | "export" | "deployments";
export const VIEWS: { id: ViewName; label: string; key: string }[] = [
  { id: "home", label: "Home", key: "1" },
  { id: "onboarding", label: "Dialogue", key: "2" },
  { id: "editor", label: "Editor", key: "3" },
  { id: "topology", label: "Topology", key: "4" },
  { id: "history", label: "History", key: "5" },
  { id: "risk", label: "Risk", key: "6" },
  { id: "compiled", label: "Compiled", key: "7" },
  { id: "lineage", label: "Lineage", key: "8" },
  { id: "whatif", label: "What-if", key: "9" },
  { id: "sweep", label: "Sweep", key: "" },
  { id: "export", label: "Export", key: "0" },
  { id: "deployments", label: "Deploy", key: "" },
];

/** A sweep cell the What-if simulates in place of the editor's design. */
export interface WhatifCell {
  /** The design with the cell's knob values (JSON text). */
  text: string;
  /** The sweep's scenario for that cell (scenario format). */
  scenario: Record<string, unknown>;
  /** The cell's number and its knob values, for the banner. */
  cell: number;
  knobs: [string, number][];
}

export interface Toast {
  id: number;
  kind: "info" | "error" | "success";
  text: string;
}

export function pretty(v: unknown): string {
  return JSON.stringify(v, null, 2) + "\n";
}

/** The studio's state: the open design, its validation, the current view. */
export class Studio {
  view = $state<ViewName>("home");
  /** Bumped whenever the store's history changes (a commit, a rollback). */
  historyRevision = $state(0);
  /** The design's JSON text, as shown in the JSON view. */
  text = $state("");
  /** The last parseable value of `text` (what the form edits). */
  gco = $state.raw<unknown>(null);
  /** The file the design was opened from or saved to, if any: a handle from a dialog or the
   *  recent list (its path is for display only). */
  file = $state.raw<FileRef | null>(null);
  name = $state("untitled.json");
  dirty = $state(false);
  /** Bumped whenever the design changes (views that derive heavy things watch it). */
  revision = $state(0);
  validation = $state.raw<Validation | null>(null);
  intakeError = $state.raw<BackendError | null>(null);
  validating = $state(false);
  formModel = $state.raw<FormModel | null>(null);
  toasts = $state<Toast[]>([]);
  recent = $state.raw<FileRef[]>([]);
  /** The power path whose attack path the topology shows (a key of lib/insight/capture `rowKey`). */
  attackFocus = $state<string | null>(null);
  /** A sweep's cell opened in the What-if: that design and scenario instead of the editor's
   *  (the editor's design is left as it is). */
  whatifCell = $state.raw<WhatifCell | null>(null);

  readonly validator: DebouncedValidator;
  /** The dialogue survives switching views. */
  readonly onboarding: OnboardingModel;
  private escapeHandlers: (() => boolean)[] = [];
  private parseTimer: ReturnType<typeof setTimeout> | null = null;
  private toastSeq = 0;

  constructor(readonly backend: Backend) {
    this.validator = new DebouncedValidator(backend, VALIDATE_DEBOUNCE_MS);
    this.onboarding = new OnboardingModel(backend);
    this.validator.subscribe((s) => {
      this.validation = s.validation;
      this.intakeError = s.error;
      this.validating = s.pending;
    });
  }

  get hasDesign(): boolean {
    return this.text.length > 0;
  }

  async init(): Promise<void> {
    try {
      this.formModel = buildFormModel(await this.backend.schema());
    } catch (e) {
      this.toast("error", `Could not load the GCO schema: ${BackendError.from(e).message}`);
    }
    await this.refreshRecent();
  }

  async refreshRecent(): Promise<void> {
    try {
      this.recent = await this.backend.recentFiles();
    } catch {
      this.recent = [];
    }
  }

  toast(kind: Toast["kind"], text: string): void {
    const id = ++this.toastSeq;
    this.toasts = [...this.toasts, { id, kind, text }];
    setTimeout(() => (this.toasts = this.toasts.filter((t) => t.id !== id)), kind === "error" ? 8000 : 4000);
  }

  /** Loads a design's text (from a file, an example or the dialogue). */
  load(text: string, name: string, file: FileRef | null): void {
    this.text = text;
    this.name = name;
    this.file = file;
    this.dirty = false;
    try {
      this.gco = JSON.parse(text);
    } catch {
      this.gco = null;
    }
    this.revision++;
    void this.validator.now(name, text);
  }

  /** The JSON view changed the text: parse and validate after a pause. */
  setText(text: string): void {
    this.text = text;
    this.dirty = true;
    if (this.parseTimer) clearTimeout(this.parseTimer);
    this.parseTimer = setTimeout(() => {
      try {
        this.gco = JSON.parse(text);
      } catch {
        /* keep the last good value for the form; the validator reports the syntax error */
      }
      this.revision++;
    }, 150);
    this.validator.schedule(this.name, text);
  }

  /** The form changed one value. */
  setValue(pointer: string, value: unknown): void {
    this.gco = setAt(this.gco ?? {}, pointer, value);
    this.text = pretty(this.gco);
    this.dirty = true;
    this.revision++;
    this.validator.schedule(this.name, this.text);
  }

  /** Where the design lives on disk, for display. */
  get path(): string | null {
    return this.file?.path ?? null;
  }

  /** Opens a file chosen in the open dialog or the recent list. */
  async openFile(file: FileRef): Promise<void> {
    try {
      const text = await this.backend.readFile(file.handle);
      this.load(text, file.name, file);
      this.view = "editor";
      await this.refreshRecent();
    } catch (e) {
      const err = BackendError.from(e);
      this.toast("error", `${err.code}: ${err.message}`);
    }
  }

  async open(): Promise<void> {
    try {
      const file = await this.backend.pickOpenPath();
      if (file) await this.openFile(file);
    } catch (e) {
      this.toast("error", BackendError.from(e).message);
    }
  }

  async openExample(id: string): Promise<void> {
    try {
      const text = await this.backend.exampleText(id);
      this.load(text, `${id}.json`, null);
      this.view = "editor";
    } catch (e) {
      const err = BackendError.from(e);
      this.toast("error", `${err.code}: ${err.message}`);
    }
  }

  /** Opens an imported design in the editor as an unsaved copy (it has no file yet). */
  openImported(text: string, name: string, note: string): void {
    this.load(text, name, null);
    this.dirty = true;
    this.view = "editor";
    this.toast("success", note);
  }

  /** Saves the design as a new version in the store; returns the error message on refusal. */
  async commit(message: string): Promise<string | null> {
    if (!this.hasDesign) return "There is no design to commit.";
    try {
      const out = await this.backend.storeCommit(this.text, message);
      const r = out.record;
      this.toast("success", out.created ? `Committed ${r.instance}@${r.version}` : `${r.instance}@${r.version} is already saved`);
      this.historyRevision++;
      return null;
    } catch (e) {
      const err = BackendError.from(e);
      return `${err.code}: ${err.message}`;
    }
  }

  /** Opens a stored version in the editor. */
  async openVersion(instance: string, version: string): Promise<void> {
    try {
      const text = await this.backend.storeShow(instance, version);
      this.load(text, `${instance}@${version}.json`, null);
      this.view = "editor";
    } catch (e) {
      const err = BackendError.from(e);
      this.toast("error", `${err.code}: ${err.message}`);
    }
  }

  async save(): Promise<void> {
    if (!this.hasDesign) return;
    if (!this.file) return this.saveAs();
    await this.writeTo(this.file);
  }

  async saveAs(): Promise<void> {
    if (!this.hasDesign) return;
    try {
      const file = await this.backend.pickSavePath(this.name);
      if (file) await this.writeTo(file);
    } catch (e) {
      this.toast("error", BackendError.from(e).message);
    }
  }

  private async writeTo(file: FileRef): Promise<void> {
    try {
      await this.backend.writeFile(file.handle, this.text);
      this.file = file;
      this.name = file.name;
      this.dirty = false;
      this.toast("success", `Saved ${this.name}`);
      await this.refreshRecent();
    } catch (e) {
      const err = BackendError.from(e);
      this.toast("error", `${err.code}: ${err.message}`);
    }
  }

  /** Registers an Esc handler (returns true when it closed something); returns its remover. */
  onEscape(h: () => boolean): () => void {
    this.escapeHandlers.push(h);
    return () => {
      this.escapeHandlers = this.escapeHandlers.filter((x) => x !== h);
    };
  }

  escape(): boolean {
    for (let i = this.escapeHandlers.length - 1; i >= 0; i--) if (this.escapeHandlers[i]()) return true;
    return false;
  }
}
