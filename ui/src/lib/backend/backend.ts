import type {
  BackendErrorPayload,
  ExampleInfo,
  Graph,
  Members,
  BuildOutcome,
  BuildRecord,
  CommitOutcome,
  CommitPlan,
  InstanceSummary,
  ProposalView,
  StoreInfo,
  VersionDiff,
  VersionRecord,
  OnboardingView,
  Validation,
  Case,
  Event,
  Metrics,
  ReleaseRecord,
  Releases,
  RiskView,
  CaptureView,
  CompiledView,
  Lineage,
  SavedWhatif,
  SweepCell,
  SweepProgress,
  SweepRecord,
  SweepRun,
  SweepSetup,
  SimulationRecord,
  WhatifProgress,
  WhatifRun,
  WhatifSetup,
  DocumentsView,
  KeyInfo,
  BundleView,
  BuildStep,
  VerifyView,
  TargetView,
  FileRef,
  Purpose,
  InteropKind,
  ImportView,
  ExportPreview,
  ExportWritten,
  Recovery,
} from "./types";
import { ERROR_CODES } from "../bindings/ipc";

/** The title of every error code: the engine's and the store's (generated), and the UI's own. */
export const ERROR_TITLES: Record<string, string> = {
  ...ERROR_CODES,
  "UI-INTERNAL": "An internal error of the studio",
};

/** Every backend failure: an error code (`GOV-X…`, `GOV-S…`, …, or `UI-INTERNAL`) and a message. */
export class BackendError extends Error implements BackendErrorPayload {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "BackendError";
    this.code = code;
  }

  /** Normalises anything thrown (a Tauri rejection payload, an Error, a string). */
  static from(e: unknown): BackendError {
    if (e instanceof BackendError) return e;
    if (e && typeof e === "object" && "code" in e && "message" in e) {
      const o = e as { code: unknown; message: unknown };
      return new BackendError(String(o.code), String(o.message));
    }
    if (e instanceof Error) return new BackendError("UI-INTERNAL", e.message);
    return new BackendError("UI-INTERNAL", String(e));
  }
}

/** A file filter for the open/save dialogs. */
export const DESIGN_FILTERS = [
  { name: "Governance design", extensions: ["json", "md"] },
  { name: "GCO (JSON)", extensions: ["json"] },
  { name: "Constitution (Markdown)", extensions: ["md"] },
];

/**
 * The one interface between the UI and the engine. `TauriBackend` calls the Rust commands;
 * `MockBackend` answers in memory (unit tests, and `npm run dev` in a plain browser).
 * Every method rejects with a `BackendError`.
 */
export interface Backend {
  /** Which implementation this is. */
  readonly name: "tauri" | "mock";
  /** Validates a GCO, a constitution document or an answers file (`validate_text`). */
  validate(name: string, text: string): Promise<Validation>;
  /** The GCO's JSON Schema (`gco_schema`). */
  schema(): Promise<object>;
  /** The example designs (`examples`). */
  examples(): Promise<ExampleInfo[]>;
  /** One example's text (`example_text`). */
  exampleText(id: string): Promise<string>;
  // Files: the page never names a path. A dialog answers a `FileRef` whose opaque `handle`
  // the commands take; its `name` and `path` are for display only.
  /** Reads a design file chosen in the open dialog or the recent list (`read_design`). */
  readFile(handle: string): Promise<string>;
  /** Writes a design file chosen in the save dialog, or the one opened (`write_design`). */
  writeFile(handle: string, text: string): Promise<void>;
  /** Recently opened or saved files, newest first, each with a handle (`recent_files`). */
  recentFiles(): Promise<FileRef[]>;
  /** Asks the designer for a file to open (JSON or Markdown); null when cancelled. */
  pickOpenPath(): Promise<FileRef | null>;
  /** Asks the designer where to save; null when cancelled. */
  pickSavePath(suggestedName: string): Promise<FileRef | null>;
  /** Saves an exported picture or document (asks where); resolves to the file, or null when cancelled. */
  exportFile(suggestedName: string, data: Blob): Promise<FileRef | null>;
  /** Starts the onboarding dialogue (`onboarding_start`). */
  onboardingStart(): Promise<OnboardingView>;
  /** Answers the current question (`onboarding_answer`). */
  onboardingAnswer(state: unknown, value: unknown): Promise<OnboardingView>;
  /** Goes back one question (`onboarding_back`). */
  onboardingBack(state: unknown): Promise<OnboardingView>;
  /** The design's topology graph (`topology`), members grouped (the default) or every one drawn. */
  topology(text: string, members?: Members): Promise<Graph>;
  /** The design's six risk scores now and the stored versions' scores (`risk_view`). */
  riskView(text: string): Promise<RiskView>;
  /** Who can take what, at what cost, and what would stop them; each power's attack path (`capture_view`). */
  captureView(text: string): Promise<CaptureView>;
  /** The design's compiled tables, or the blocking findings that stop them (`compiled_view`). */
  compiledView(text: string): Promise<CompiledView>;
  /** Which domains and clauses feed which compiled files and documents (`lineage`). */
  lineage(text: string): Promise<Lineage>;

  /** Which database the studio works on (`store_info`). */
  storeInfo(): Promise<StoreInfo>;
  /** Every design in the store with its latest version (`store_instances`). */
  storeInstances(): Promise<InstanceSummary[]>;
  /** A design's versions, oldest first (`store_log`). */
  storeLog(instance: string): Promise<VersionRecord[]>;
  /** Saves the editor's design as a new version (`store_commit`). */
  storeCommit(text: string, message: string): Promise<CommitOutcome>;
  /** The version and author a commit of the design would get (`store_commit_plan`). */
  storeCommitPlan(text: string): Promise<CommitPlan>;
  /** One version's content as pretty canonical JSON (`store_show`). */
  storeShow(instance: string, version: string): Promise<string>;
  /** Two versions compared (`store_diff`). */
  storeDiff(instance: string, old: string, new_: string): Promise<VersionDiff>;
  /** Restores an older version's content as a new version (`store_rollback`). */
  storeRollback(instance: string, version: string, message: string): Promise<VersionRecord>;
  /** Runs a stored version through the pipeline and records the build (`store_build`). */
  storeBuild(instance: string, version: string): Promise<BuildOutcome>;
  /** A design's builds, newest first (`store_builds`). */
  storeBuilds(instance: string): Promise<BuildRecord[]>;
  /** A design's amendment proposals with their verdicts (`store_proposals`). */
  storeProposals(instance: string): Promise<ProposalView[]>;
  /** Adopts a proposal (`store_adopt`). */
  storeAdopt(id: number): Promise<VersionRecord>;
  /** Cases of a design, newest first (`store_cases`). */
  storeCases(instance: string | null): Promise<Case[]>;
  /** Moves a case's task to triaged or resolved (`store_case_move`). */
  storeCaseMove(id: number, to: "triaged" | "resolved", reason: string): Promise<Case>;
  /** The pipeline's metrics (`store_metrics`). */
  storeMetrics(instance: string | null): Promise<Metrics>;
  /** A design's channels and release records (`store_releases`). */
  storeReleases(instance: string): Promise<Releases>;
  /** Promotes a build to a channel (`store_promote`). */
  storePromote(build: number, channel: string, reason: string): Promise<ReleaseRecord>;
  /** Control-plane events after an id (`store_events`). */
  storeEvents(after: number): Promise<Event[]>;

  /** The presets expanded for the design over `steps` steps, and its membership (`whatif_setup`). */
  whatifSetup(text: string, steps: number): Promise<WhatifSetup>;
  /** Simulates the design under a scenario as run `job`, cancelling the run in flight (`whatif_run`). */
  whatifRun(text: string, scenario: object, job: number): Promise<WhatifRun>;
  /** How far the run in flight is, or null (`whatif_progress`). */
  whatifProgress(): Promise<WhatifProgress | null>;
  /** Cancels run `job` if it is in flight (`whatif_cancel`). */
  whatifCancel(job: number): Promise<boolean>;
  /** Simulates and keeps the report with the stored version (`whatif_save`; GOV-S013/S015 when not saved). */
  whatifSave(text: string, scenario: object): Promise<SimulationRecord>;
  /** A design's saved simulations, newest first, without reports (`whatif_saved`). */
  whatifSaved(instance: string): Promise<SimulationRecord[]>;
  /** One saved simulation with its report and charts (`whatif_open`). */
  whatifOpen(id: number): Promise<SavedWhatif>;

  /** The design's knobs, the objectives and the scenario presets (`sweep_setup`). */
  sweepSetup(text: string): Promise<SweepSetup>;
  /** Sweeps the design with a sweep file (scenario inline) as run `job`, cancelling the one in flight (`sweep_run`). */
  sweepRun(text: string, spec: object, job: number): Promise<SweepRun>;
  /** How far the sweep in flight is, or null (`sweep_progress`). */
  sweepProgress(): Promise<SweepProgress | null>;
  /** Cancels sweep `job` if it is in flight (`sweep_cancel`). */
  sweepCancel(job: number): Promise<boolean>;
  /** One cell as the design and scenario the What-if opens (`sweep_cell`; GOV-X060 for no such cell). */
  sweepCell(text: string, spec: object, cell: number): Promise<SweepCell>;
  /** Keeps the sweep with the stored version (`sweep_save`; GOV-S013/S015 when not saved). */
  sweepSave(text: string, spec: object): Promise<SweepRecord>;
  /** A design's saved sweeps, newest first, without results (`sweep_saved`). */
  sweepSaved(instance: string): Promise<SweepRecord[]>;
  /** One saved sweep with its results (`sweep_open`; GOV-S031 when there is none). */
  sweepOpen(id: number): Promise<SweepRecord>;

  /** The eight documents of the design, with "Changes since" a stored version (`export_documents`). */
  exportDocuments(text: string, since: string | null): Promise<DocumentsView>;
  /** Creates a password-protected signing key in the folder handle `dir`, else the app's data directory (`export_keygen`). */
  exportKeygen(password: string, dir: string | null): Promise<KeyInfo>;
  /** A chosen secret key's id and the public key beside it (`export_key_info`; a secret key handle). */
  exportKeyInfo(secretKey: string): Promise<KeyInfo>;
  /** Builds the signed bundle with the secret key handle and writes it to the bundle handle `out` (`export_bundle`). */
  exportBundle(text: string, since: string | null, secretKey: string, password: string, out: string): Promise<BundleView>;
  /** The step the bundle build in flight is at, or null (`export_progress`). */
  exportProgress(): Promise<BuildStep | null>;
  /** Re-reads a bundle and checks it with a public key, both handles (`export_verify`). */
  exportVerify(bundle: string, publicKey: string): Promise<VerifyView>;
  /** Asks where to write a bundle; null when cancelled (`pick_bundle_path`). */
  pickBundlePath(suggestedName: string): Promise<FileRef | null>;
  /** Asks for a bundle to verify or deploy; null when cancelled (`pick_bundle_file`). */
  pickBundleFile(): Promise<FileRef | null>;
  /** Asks for a secret key file; null when cancelled (`pick_key_path`). */
  pickKeyPath(): Promise<FileRef | null>;
  /** Asks for a public key file; null when cancelled (`pick_public_key`). */
  pickPublicKey(): Promise<FileRef | null>;
  /** Asks for a folder for `purpose` (`key-home`, `deploy-target` or `interop-export`); null when cancelled (`pick_directory`). */
  pickDirectory(purpose: Purpose, suggestedName: string): Promise<FileRef | null>;
  /** Keeps a recovery copy of a design with unsaved changes (`recovery_keep`). */
  recoveryKeep(name: string, text: string): Promise<void>;
  /** Drops the recovery copy: saved, or replaced on purpose (`recovery_drop`). */
  recoveryDrop(): Promise<void>;
  /** The recovery copy an earlier session left, if any (`recovery_find`). */
  recoveryFind(): Promise<Recovery | null>;
  /** Asks for another system's configuration to import; null when cancelled (`pick_interop_file`). */
  pickInteropFile(): Promise<FileRef | null>;
  /** The systems the studio imports from and exports to (`interop_kinds`). */
  interopKinds(): Promise<InteropKind[]>;
  /** Imports the file handle `file` of system `kind`, with answers to its questions (`interop_import`). */
  interopImport(kind: string, file: string, answers: Record<string, string>): Promise<ImportView>;
  /** What exporting the design to `kind` would write, with its gaps (`interop_export_preview`). */
  interopExportPreview(kind: string, text: string): Promise<ExportPreview>;
  /** Writes the export into the folder handle `folder`; refused with GOV-X102 on unaccepted gaps (`interop_export_write`). */
  interopExportWrite(kind: string, text: string, folder: string, acceptInexact: boolean): Promise<ExportWritten>;
  /** Verifies and deploys a bundle on a target folder, all three handles (`deploy_bundle`). */
  deployBundle(bundle: string, publicKey: string, target: string): Promise<TargetView>;
  /** Returns a target (a folder handle) to its previous release (`deploy_rollback`). */
  deployRollback(target: string): Promise<TargetView>;
  /** A target's status with drift and its history; handles (`deploy_status`). */
  deployStatus(target: string, publicKey: string | null): Promise<TargetView>;
}
