import { invoke } from "@tauri-apps/api/core";
import { BackendError, type Backend } from "./backend";
import type { CommandName, Commands } from "../bindings/commands";
import type {
  BuildOutcome,
  BuildRecord,
  CommitOutcome,
  CommitPlan,
  ExampleInfo,
  Graph,
  InstanceSummary,
  Members,
  ProposalView,
  OnboardingView,
  StoreInfo,
  Validation,
  VersionDiff,
  VersionRecord,
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

type Args<K extends CommandName> = Commands[K]["args"];
type Returns<K extends CommandName> = Commands[K]["returns"];

/** Invokes one command. Its name, arguments and result type come from the generated table
 *  (../bindings/commands.ts, from the Rust declaration), so a typo or a changed parameter
 *  fails the type check instead of the call. */
async function call<K extends CommandName>(
  cmd: K,
  ...args: Record<string, never> extends Args<K> ? [Args<K>?] : [Args<K>]
): Promise<Returns<K>> {
  try {
    return await invoke<Returns<K>>(cmd, args[0]);
  } catch (e) {
    throw BackendError.from(e);
  }
}

/** A blob as base64, for the `write_export` command. */
async function toBase64(data: Blob): Promise<string> {
  const bytes = new Uint8Array(await data.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The backend inside the Tauri v2 shell: every method is one Rust command. */
export class TauriBackend implements Backend {
  readonly name = "tauri" as const;

  validate(name: string, text: string): Promise<Validation> {
    return call("validate_text", { name, text });
  }
  schema(): Promise<object> {
    return call("gco_schema");
  }
  examples(): Promise<ExampleInfo[]> {
    return call("examples");
  }
  exampleText(id: string): Promise<string> {
    return call("example_text", { id });
  }
  readFile(handle: string): Promise<string> {
    return call("read_design", { handle });
  }
  writeFile(handle: string, text: string): Promise<void> {
    return call("write_design", { handle, text });
  }
  recentFiles(): Promise<FileRef[]> {
    return call("recent_files");
  }
  pickOpenPath(): Promise<FileRef | null> {
    return call("pick_open_path");
  }
  pickSavePath(suggestedName: string): Promise<FileRef | null> {
    return call("pick_save_path", { suggested: suggestedName });
  }
  async exportFile(suggestedName: string, data: Blob): Promise<FileRef | null> {
    const file = await call("pick_export_path", { suggested: suggestedName });
    if (file === null) return null;
    await call("write_export", { handle: file.handle, base64: await toBase64(data) });
    return file;
  }
  onboardingStart(): Promise<OnboardingView> {
    return call("onboarding_start");
  }
  onboardingAnswer(state: unknown, value: unknown): Promise<OnboardingView> {
    return call("onboarding_answer", { state, value });
  }
  onboardingBack(state: unknown): Promise<OnboardingView> {
    return call("onboarding_back", { state });
  }
  topology(text: string, members: Members = "grouped"): Promise<Graph> {
    return call("topology", { text, members });
  }
  riskView(text: string): Promise<RiskView> {
    return call("risk_view", { text });
  }
  captureView(text: string): Promise<CaptureView> {
    return call("capture_view", { text });
  }
  compiledView(text: string): Promise<CompiledView> {
    return call("compiled_view", { text });
  }
  lineage(text: string): Promise<Lineage> {
    return call("lineage", { text });
  }
  storeInfo(): Promise<StoreInfo> {
    return call("store_info");
  }
  storeInstances(): Promise<InstanceSummary[]> {
    return call("store_instances");
  }
  storeLog(instance: string): Promise<VersionRecord[]> {
    return call("store_log", { instance });
  }
  storeCommit(text: string, message: string): Promise<CommitOutcome> {
    return call("store_commit", { text, message });
  }
  storeCommitPlan(text: string): Promise<CommitPlan> {
    return call("store_commit_plan", { text });
  }
  storeShow(instance: string, version: string): Promise<string> {
    return call("store_show", { instance, version });
  }
  storeDiff(instance: string, old: string, new_: string): Promise<VersionDiff> {
    return call("store_diff", { instance, old, new: new_ });
  }
  storeRollback(instance: string, version: string, message: string): Promise<VersionRecord> {
    return call("store_rollback", { instance, version, message });
  }
  storeBuild(instance: string, version: string): Promise<BuildOutcome> {
    return call("store_build", { instance, version });
  }
  storeBuilds(instance: string): Promise<BuildRecord[]> {
    return call("store_builds", { instance });
  }
  storeProposals(instance: string): Promise<ProposalView[]> {
    return call("store_proposals", { instance });
  }
  storeAdopt(id: number): Promise<VersionRecord> {
    return call("store_adopt", { id });
  }
  storeCases(instance: string | null): Promise<Case[]> {
    return call("store_cases", { instance });
  }
  storeCaseMove(id: number, to: "triaged" | "resolved", reason: string): Promise<Case> {
    return call("store_case_move", { id, to, reason });
  }
  storeMetrics(instance: string | null): Promise<Metrics> {
    return call("store_metrics", { instance });
  }
  storeReleases(instance: string): Promise<Releases> {
    return call("store_releases", { instance });
  }
  storePromote(build: number, channel: string, reason: string): Promise<ReleaseRecord> {
    return call("store_promote", { build, channel, reason });
  }
  storeEvents(after: number): Promise<Event[]> {
    return call("store_events", { after });
  }
  whatifSetup(text: string, steps: number): Promise<WhatifSetup> {
    return call("whatif_setup", { text, steps });
  }
  whatifRun(text: string, scenario: object, job: number): Promise<WhatifRun> {
    return call("whatif_run", { text, scenario, job });
  }
  whatifProgress(): Promise<WhatifProgress | null> {
    return call("whatif_progress");
  }
  whatifCancel(job: number): Promise<boolean> {
    return call("whatif_cancel", { job });
  }
  whatifSave(text: string, scenario: object): Promise<SimulationRecord> {
    return call("whatif_save", { text, scenario });
  }
  whatifSaved(instance: string): Promise<SimulationRecord[]> {
    return call("whatif_saved", { instance });
  }
  whatifOpen(id: number): Promise<SavedWhatif> {
    return call("whatif_open", { id });
  }
  sweepSetup(text: string): Promise<SweepSetup> {
    return call("sweep_setup", { text });
  }
  sweepRun(text: string, spec: object, job: number): Promise<SweepRun> {
    return call("sweep_run", { text, spec, job });
  }
  sweepProgress(): Promise<SweepProgress | null> {
    return call("sweep_progress");
  }
  sweepCancel(job: number): Promise<boolean> {
    return call("sweep_cancel", { job });
  }
  sweepCell(text: string, spec: object, cell: number): Promise<SweepCell> {
    return call("sweep_cell", { text, spec, cell });
  }
  sweepSave(text: string, spec: object): Promise<SweepRecord> {
    return call("sweep_save", { text, spec });
  }
  sweepSaved(instance: string): Promise<SweepRecord[]> {
    return call("sweep_saved", { instance });
  }
  sweepOpen(id: number): Promise<SweepRecord> {
    return call("sweep_open", { id });
  }
  exportDocuments(text: string, since: string | null): Promise<DocumentsView> {
    return call("export_documents", { text, since });
  }
  exportKeygen(password: string, dir: string | null): Promise<KeyInfo> {
    return call("export_keygen", { password, dir });
  }
  exportKeyInfo(secretKey: string): Promise<KeyInfo> {
    return call("export_key_info", { secretKey });
  }
  exportBundle(text: string, since: string | null, secretKey: string, password: string, out: string): Promise<BundleView> {
    return call("export_bundle", { text, since, secretKey, password, out });
  }
  exportProgress(): Promise<BuildStep | null> {
    return call("export_progress");
  }
  exportVerify(bundle: string, publicKey: string): Promise<VerifyView> {
    return call("export_verify", { bundle, publicKey });
  }
  pickBundlePath(suggestedName: string): Promise<FileRef | null> {
    return call("pick_bundle_path", { suggested: suggestedName });
  }
  pickBundleFile(): Promise<FileRef | null> {
    return call("pick_bundle_file");
  }
  pickKeyPath(): Promise<FileRef | null> {
    return call("pick_key_path");
  }
  pickPublicKey(): Promise<FileRef | null> {
    return call("pick_public_key");
  }
  pickDirectory(purpose: Purpose, suggestedName: string): Promise<FileRef | null> {
    return call("pick_directory", { purpose, suggested: suggestedName });
  }
  recoveryKeep(name: string, text: string): Promise<void> {
    return call("recovery_keep", { name, text });
  }
  recoveryDrop(): Promise<void> {
    return call("recovery_drop");
  }
  recoveryFind(): Promise<Recovery | null> {
    return call("recovery_find");
  }
  pickInteropFile(): Promise<FileRef | null> {
    return call("pick_interop_file");
  }
  interopKinds(): Promise<InteropKind[]> {
    return call("interop_kinds");
  }
  interopImport(kind: string, file: string, answers: Record<string, string>): Promise<ImportView> {
    return call("interop_import", { kind, file, answers });
  }
  interopExportPreview(kind: string, text: string): Promise<ExportPreview> {
    return call("interop_export_preview", { kind, text });
  }
  interopExportWrite(kind: string, text: string, folder: string, acceptInexact: boolean): Promise<ExportWritten> {
    return call("interop_export_write", { kind, text, folder, acceptInexact });
  }
  deployBundle(bundle: string, publicKey: string, target: string): Promise<TargetView> {
    return call("deploy_bundle", { bundle, publicKey, target });
  }
  deployRollback(target: string): Promise<TargetView> {
    return call("deploy_rollback", { target });
  }
  deployStatus(target: string, publicKey: string | null): Promise<TargetView> {
    return call("deploy_status", { target, publicKey });
  }
}
