import { BackendError, type Backend } from "../backend/backend";
import type { CommitPlan, FileRef, Recovery, Validation } from "../backend/types";
import { DebouncedValidator } from "../editor/validator";
import { buildFormModel, type FormModel } from "../schema/form-model";
import { getAt, setAt } from "../json/pointer";
import { OnboardingModel } from "../onboarding/model";

/** Quiet time after a keystroke before the engine validates: short enough that findings follow
 *  typing within about 100 ms on the shipped examples, long enough to batch a burst of keys. */
const VALIDATE_DEBOUNCE_MS = 60;

/** Keystrokes closer together than this are one step of undo (a word, not a letter). */
const UNDO_GROUP_MS = 700;
/** The most steps of undo kept. */
const UNDO_LIMIT = 200;

/** Quiet time after a change before the recovery copy is refreshed. */
const KEEP_DEBOUNCE_MS = 1000;

/** What the designer answers when a replace or a close would lose unsaved changes. */
export type GuardAnswer = "save" | "discard" | "cancel";

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
  /** A button on the toast (Undo after a removal). */
  action?: { label: string; run: () => void };
}

/** What a form change removed, in words ("a field", "2 entries"), or null when it removed nothing. */
export function describeRemoval(before: unknown, after: unknown): string | null {
  if (before === undefined || before === null) return null;
  if (after === undefined) return "a field";
  const count = (v: unknown) => (Array.isArray(v) ? v.length : v && typeof v === "object" ? Object.keys(v).length : null);
  const [b, a] = [count(before), count(after)];
  if (b === null || a === null || a >= b || Array.isArray(before) !== Array.isArray(after)) return null;
  return b - a === 1 ? "an entry" : `${b - a} entries`;
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

  /** The pointer the form last changed (its findings are the direct ones); null after a text
   *  edit or a load. */
  lastEdited = $state<string | null>(null);
  /** Whether there is a step to undo or redo (the same history for the form and the text). */
  canUndo = $state(false);
  canRedo = $state(false);
  /** A replace of the design with unsaved changes, waiting for the designer's answer. */
  guard = $state.raw<{ what: string; answer: (a: GuardAnswer) => void } | null>(null);

  /** A recovery copy an earlier session left (crash, or closed without saving), until the
   *  designer recovers or discards it. */
  recovered = $state.raw<Recovery | null>(null);

  readonly validator: DebouncedValidator;
  private keepTimer: ReturnType<typeof setTimeout> | null = null;
  /** Earlier texts of the design, newest last, and the texts undone (for redo). */
  private past: string[] = [];
  private future: string[] = [];
  private lastTyped = 0;
  /** The text as last opened or saved: undoing back to it leaves nothing unsaved. */
  private cleanText = "";
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
      this.recovered = await this.backend.recoveryFind();
    } catch (e) {
      this.toast("error", `The recovery copy cannot be read: ${BackendError.from(e).message}`);
    }
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

  toast(kind: Toast["kind"], text: string, action?: Toast["action"]): void {
    const id = ++this.toastSeq;
    this.toasts = [...this.toasts, { id, kind, text, action }];
    // A toast with a button stays long enough to reach for it.
    setTimeout(() => this.dismiss(id), kind === "error" || action ? 8000 : 4000);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  /** Loads a design's text (from a file, an example or the dialogue). */
  load(text: string, name: string, file: FileRef | null): void {
    this.past = [];
    this.future = [];
    this.lastTyped = 0;
    this.syncHistory();
    this.cleanText = text;
    this.text = text;
    this.lastEdited = null;
    this.name = name;
    this.unsavedChanged(false);
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
    if (text === this.text) return;
    this.remember(true);
    this.lastEdited = null;
    this.text = text;
    this.dirty = text !== this.cleanText;
    this.unsavedChanged(this.dirty);
    if (this.parseTimer) clearTimeout(this.parseTimer);
    this.parseTimer = setTimeout(() => this.flushParse(), 150);
    this.validator.schedule(this.name, text);
  }

  /** Brings `gco` up to date with the text now. A form edit or a commit right after typing
   *  must act on the typed text, not on the value from before the pause (else the form would
   *  write the old value back over what was typed). */
  private flushParse(): void {
    if (!this.parseTimer) return;
    clearTimeout(this.parseTimer);
    this.parseTimer = null;
    try {
      this.gco = JSON.parse(this.text);
    } catch {
      /* keep the last good value for the form; the validator reports the syntax error */
    }
    this.revision++;
  }

  /** The form changed one value. */
  setValue(pointer: string, value: unknown): void {
    this.flushParse();
    this.remember(false);
    this.lastEdited = pointer;
    const removed = describeRemoval(getAt(this.gco ?? {}, pointer), value);
    this.gco = setAt(this.gco ?? {}, pointer, value);
    this.text = pretty(this.gco);
    this.dirty = this.text !== this.cleanText;
    this.unsavedChanged(this.dirty);
    this.revision++;
    this.validator.schedule(this.name, this.text);
    if (removed) this.toast("info", `Removed ${removed} at ${pointer}`, { label: "Undo", run: () => this.undo() });
  }

  /** Keeps a recovery copy of unsaved changes (after a pause), or drops it once nothing is
   *  unsaved. A copy from an earlier session is left alone until the designer decides. */
  private unsavedChanged(unsaved: boolean): void {
    if (this.keepTimer) clearTimeout(this.keepTimer);
    this.keepTimer = null;
    if (this.recovered) return;
    if (!unsaved) {
      this.backend.recoveryDrop().catch(() => {});
      return;
    }
    this.keepTimer = setTimeout(() => {
      this.keepTimer = null;
      this.backend.recoveryKeep(this.name, this.text).catch((e) => this.toast("error", `No recovery copy: ${BackendError.from(e).message}`));
    }, KEEP_DEBOUNCE_MS);
  }

  /** Marks a design that was never saved (a blank one, the dialogue's, an import): unsaved,
   *  whatever undo does. */
  markUnsaved(): void {
    this.cleanText = "";
    this.dirty = true;
    this.unsavedChanged(true);
  }

  /** Opens the recovery copy in the editor, unsaved. */
  async recover(): Promise<void> {
    const copy = this.recovered;
    if (!copy || !(await this.confirmReplace(`Recover ${copy.name}`))) return;
    // Loaded while the offer stands, so the copy on disk stays until the new one is kept.
    this.load(copy.text, copy.name, null);
    this.recovered = null;
    this.markUnsaved();
    this.view = "editor";
  }

  /** Discards the recovery copy. */
  discardRecovery(): void {
    this.recovered = null;
    // The design in the editor now owns the copy: kept if it has unsaved changes, else dropped.
    this.unsavedChanged(this.dirty);
  }

  /** Keeps the text before a change for undo; typing in a burst is one step. */
  private remember(typing: boolean): void {
    const now = Date.now();
    const sameBurst = typing && this.lastTyped > 0 && now - this.lastTyped < UNDO_GROUP_MS;
    if (!sameBurst) {
      this.past.push(this.text);
      if (this.past.length > UNDO_LIMIT) this.past.shift();
    }
    this.lastTyped = typing ? now : 0;
    this.future = [];
    this.syncHistory();
  }

  private syncHistory(): void {
    this.canUndo = this.past.length > 0;
    this.canRedo = this.future.length > 0;
  }

  /** Goes back one step (form and text alike); false when there is none. */
  undo(): boolean {
    const before = this.past.pop();
    if (before === undefined) return false;
    this.future.push(this.text);
    this.restore(before);
    return true;
  }

  /** Goes forward one undone step; false when there is none. */
  redo(): boolean {
    const after = this.future.pop();
    if (after === undefined) return false;
    this.past.push(this.text);
    this.restore(after);
    return true;
  }

  private restore(text: string): void {
    this.text = text;
    this.dirty = text !== this.cleanText;
    this.unsavedChanged(this.dirty);
    this.lastTyped = 0;
    try {
      this.gco = JSON.parse(text);
    } catch {
      /* the form keeps its last good value; the validator reports the syntax error */
    }
    this.revision++;
    this.syncHistory();
    this.validator.schedule(this.name, text);
  }

  /** Asks before `what` replaces a design with unsaved changes: true to go on (after saving,
   *  or discarding), false to stay. Without unsaved changes it goes on at once. */
  async confirmReplace(what: string): Promise<boolean> {
    if (!this.dirty || !this.hasDesign) return true;
    const answer = await new Promise<GuardAnswer>((resolve) => {
      this.guard?.answer("cancel");
      this.guard = { what, answer: resolve };
    });
    this.guard = null;
    if (answer === "cancel") return false;
    if (answer === "discard") return true;
    await this.save();
    return !this.dirty;
  }

  /** Where the design lives on disk, for display. */
  get path(): string | null {
    return this.file?.path ?? null;
  }

  /** Opens a file chosen in the open dialog or the recent list. */
  async openFile(file: FileRef): Promise<void> {
    if (!(await this.confirmReplace(`Open ${file.name}`))) return;
    await this.readInto(file);
  }

  private async readInto(file: FileRef): Promise<void> {
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
    if (!(await this.confirmReplace("Open a design"))) return;
    try {
      const file = await this.backend.pickOpenPath();
      if (file) await this.readInto(file);
    } catch (e) {
      this.toast("error", BackendError.from(e).message);
    }
  }

  async openExample(id: string): Promise<void> {
    if (!(await this.confirmReplace(`Open the example ${id}`))) return;
    try {
      const text = await this.backend.exampleText(id);
      this.load(text, `${id}.json`, null);
      this.view = "editor";
    } catch (e) {
      const err = BackendError.from(e);
      this.toast("error", `${err.code}: ${err.message}`);
    }
  }

  /** Starts a blank design (a name, a kind and a version), unsaved, in the editor. */
  async newBlank(): Promise<void> {
    if (!(await this.confirmReplace("A blank design"))) return;
    const gco = { identity: { name: "my-governance", kind: "cooperative", version: "0.1.0" } };
    this.load(pretty(gco), "my-governance.json", null);
    this.markUnsaved();
    this.view = "editor";
  }

  /** On start: reopens the design last opened or saved (the first recent file), unless a
   *  recovery copy is waiting (the designer chooses that on Home) or a design is open already.
   *  A file that has gone is left alone: Home lists the recent files. Returns whether it opened. */
  async reopenLast(): Promise<boolean> {
    const last = this.recent[0];
    if (!last || this.recovered || this.hasDesign) return false;
    try {
      const text = await this.backend.readFile(last.handle);
      this.load(text, last.name, last);
      this.view = "editor";
      this.toast("info", `Reopened ${last.name}, the design you last worked on`);
      return true;
    } catch {
      return false;
    }
  }

  /** Opens an imported design in the editor as an unsaved copy (it has no file yet). */
  async openImported(text: string, name: string, note: string): Promise<boolean> {
    if (!(await this.confirmReplace(`Open the imported ${name}`))) return false;
    this.load(text, name, null);
    this.markUnsaved();
    this.view = "editor";
    this.toast("success", note);
    return true;
  }

  /** Saves the design as a new version in the store; returns the error message on refusal. */
  /** The version and author a commit of the design would get (null when the store cannot say,
   *  e.g. the text does not parse: the commit itself then reports why). */
  async commitPlan(): Promise<CommitPlan | null> {
    if (!this.hasDesign) return null;
    try {
      return await this.backend.storeCommitPlan(this.text);
    } catch {
      return null;
    }
  }

  /** Commits the design as a new version; with `version`, the design's version is set first
   *  (an ordinary edit, so it can be undone). Returns the refusal as `CODE: message`. */
  async commit(message: string, version?: string): Promise<string | null> {
    if (!this.hasDesign) return "There is no design to commit.";
    this.flushParse();
    const own = (this.gco as { identity?: { version?: string } } | null)?.identity?.version;
    if (version && version !== own) this.setValue("/identity/version", version);
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
    if (!(await this.confirmReplace(`Open ${instance}@${version}`))) return;
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
      this.cleanText = this.text;
      this.unsavedChanged(false);
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
