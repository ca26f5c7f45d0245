// Generated from the one command declaration (src-tauri/src/command_names.rs); do not edit.
// Regenerate with `COGOV_BLESS=1 cargo test -p cogov-studio --test bindings`.

import type {
  BuildOutcome,
  BuildRecord,
  BuildStep,
  BundleView,
  CaptureView,
  Case,
  CommitOutcome,
  CommitPlan,
  CompiledView,
  DocumentsView,
  Event,
  ExampleInfo,
  ExportPreview,
  ExportWritten,
  FileRef,
  Graph,
  ImportView,
  InstanceSummary,
  InteropKind,
  KeyInfo,
  Lineage,
  Members,
  Metrics,
  OnboardingView,
  ProposalView,
  Purpose,
  Recovery,
  ReleaseRecord,
  Releases,
  RiskView,
  SavedWhatif,
  SimulationRecord,
  StoreInfo,
  SweepCell,
  SweepProgress,
  SweepRecord,
  SweepRun,
  SweepSetup,
  TargetView,
  Validation,
  VerifyView,
  VersionDiff,
  VersionRecord,
  WhatifProgress,
  WhatifRun,
  WhatifSetup,
} from "./ipc";

/** Every studio command: the arguments the page sends (camelCase) and what it resolves to. */
export interface Commands {
  validate_text: { args: { name: string; text: string }; returns: Validation };
  gco_schema: { args: Record<string, never>; returns: object };
  examples: { args: Record<string, never>; returns: ExampleInfo[] };
  example_text: { args: { id: string }; returns: string };
  read_design: { args: { handle: string }; returns: string };
  write_design: { args: { handle: string; text: string }; returns: void };
  write_export: { args: { handle: string; base64: string }; returns: void };
  recent_files: { args: Record<string, never>; returns: FileRef[] };
  pick_open_path: { args: Record<string, never>; returns: FileRef | null };
  pick_save_path: { args: { suggested: string }; returns: FileRef | null };
  onboarding_start: { args: Record<string, never>; returns: OnboardingView };
  onboarding_answer: { args: { state: unknown; value: unknown }; returns: OnboardingView };
  onboarding_back: { args: { state: unknown }; returns: OnboardingView };
  topology: { args: { text: string; members: Members | null }; returns: Graph };
  risk_view: { args: { text: string }; returns: RiskView };
  capture_view: { args: { text: string }; returns: CaptureView };
  compiled_view: { args: { text: string }; returns: CompiledView };
  lineage: { args: { text: string }; returns: Lineage };
  store_info: { args: Record<string, never>; returns: StoreInfo };
  store_instances: { args: Record<string, never>; returns: InstanceSummary[] };
  store_log: { args: { instance: string }; returns: VersionRecord[] };
  store_commit: { args: { text: string; message: string }; returns: CommitOutcome };
  store_commit_plan: { args: { text: string }; returns: CommitPlan };
  store_show: { args: { instance: string; version: string }; returns: string };
  store_diff: { args: { instance: string; old: string; new: string }; returns: VersionDiff };
  store_rollback: { args: { instance: string; version: string; message: string }; returns: VersionRecord };
  store_build: { args: { instance: string; version: string }; returns: BuildOutcome };
  store_builds: { args: { instance: string }; returns: BuildRecord[] };
  store_proposals: { args: { instance: string }; returns: ProposalView[] };
  store_adopt: { args: { id: number }; returns: VersionRecord };
  store_cases: { args: { instance: string | null }; returns: Case[] };
  store_case_move: { args: { id: number; to: "triaged" | "resolved"; reason: string }; returns: Case };
  store_metrics: { args: { instance: string | null }; returns: Metrics };
  store_releases: { args: { instance: string }; returns: Releases };
  store_promote: { args: { build: number; channel: string; reason: string }; returns: ReleaseRecord };
  store_events: { args: { after: number }; returns: Event[] };
  whatif_setup: { args: { text: string; steps: number }; returns: WhatifSetup };
  whatif_run: { args: { text: string; scenario: object; job: number }; returns: WhatifRun };
  whatif_progress: { args: Record<string, never>; returns: WhatifProgress | null };
  whatif_cancel: { args: { job: number }; returns: boolean };
  whatif_save: { args: { text: string; scenario: object }; returns: SimulationRecord };
  whatif_saved: { args: { instance: string }; returns: SimulationRecord[] };
  whatif_open: { args: { id: number }; returns: SavedWhatif };
  sweep_setup: { args: { text: string }; returns: SweepSetup };
  sweep_run: { args: { text: string; spec: object; job: number }; returns: SweepRun };
  sweep_progress: { args: Record<string, never>; returns: SweepProgress | null };
  sweep_cancel: { args: { job: number }; returns: boolean };
  sweep_cell: { args: { text: string; spec: object; cell: number }; returns: SweepCell };
  sweep_save: { args: { text: string; spec: object }; returns: SweepRecord };
  sweep_saved: { args: { instance: string }; returns: SweepRecord[] };
  sweep_open: { args: { id: number }; returns: SweepRecord };
  pick_bundle_path: { args: { suggested: string }; returns: FileRef | null };
  pick_key_path: { args: Record<string, never>; returns: FileRef | null };
  pick_directory: { args: { purpose: Purpose; suggested: string }; returns: FileRef | null };
  pick_export_path: { args: { suggested: string }; returns: FileRef | null };
  pick_bundle_file: { args: Record<string, never>; returns: FileRef | null };
  pick_public_key: { args: Record<string, never>; returns: FileRef | null };
  pick_interop_file: { args: Record<string, never>; returns: FileRef | null };
  interop_kinds: { args: Record<string, never>; returns: InteropKind[] };
  interop_import: { args: { kind: string; file: string; answers: Record<string, string> }; returns: ImportView };
  interop_export_preview: { args: { kind: string; text: string }; returns: ExportPreview };
  interop_export_write: { args: { kind: string; text: string; folder: string; acceptInexact: boolean }; returns: ExportWritten };
  recovery_keep: { args: { name: string; text: string }; returns: void };
  recovery_drop: { args: Record<string, never>; returns: void };
  recovery_find: { args: Record<string, never>; returns: Recovery | null };
  export_documents: { args: { text: string; since: string | null }; returns: DocumentsView };
  export_keygen: { args: { password: string; dir: string | null }; returns: KeyInfo };
  export_key_info: { args: { secretKey: string }; returns: KeyInfo };
  export_bundle: { args: { text: string; since: string | null; secretKey: string; password: string; out: string }; returns: BundleView };
  export_progress: { args: Record<string, never>; returns: BuildStep | null };
  export_verify: { args: { bundle: string; publicKey: string }; returns: VerifyView };
  deploy_bundle: { args: { bundle: string; publicKey: string; target: string }; returns: TargetView };
  deploy_rollback: { args: { target: string }; returns: TargetView };
  deploy_status: { args: { target: string; publicKey: string | null }; returns: TargetView };
}

/** A command name. */
export type CommandName = keyof Commands;

/** The command names in declaration order; the window's capability allows exactly these. */
export const COMMAND_NAMES: readonly CommandName[] = [
  "validate_text",
  "gco_schema",
  "examples",
  "example_text",
  "read_design",
  "write_design",
  "write_export",
  "recent_files",
  "pick_open_path",
  "pick_save_path",
  "onboarding_start",
  "onboarding_answer",
  "onboarding_back",
  "topology",
  "risk_view",
  "capture_view",
  "compiled_view",
  "lineage",
  "store_info",
  "store_instances",
  "store_log",
  "store_commit",
  "store_commit_plan",
  "store_show",
  "store_diff",
  "store_rollback",
  "store_build",
  "store_builds",
  "store_proposals",
  "store_adopt",
  "store_cases",
  "store_case_move",
  "store_metrics",
  "store_releases",
  "store_promote",
  "store_events",
  "whatif_setup",
  "whatif_run",
  "whatif_progress",
  "whatif_cancel",
  "whatif_save",
  "whatif_saved",
  "whatif_open",
  "sweep_setup",
  "sweep_run",
  "sweep_progress",
  "sweep_cancel",
  "sweep_cell",
  "sweep_save",
  "sweep_saved",
  "sweep_open",
  "pick_bundle_path",
  "pick_key_path",
  "pick_directory",
  "pick_export_path",
  "pick_bundle_file",
  "pick_public_key",
  "pick_interop_file",
  "interop_kinds",
  "interop_import",
  "interop_export_preview",
  "interop_export_write",
  "recovery_keep",
  "recovery_drop",
  "recovery_find",
  "export_documents",
  "export_keygen",
  "export_key_info",
  "export_bundle",
  "export_progress",
  "export_verify",
  "deploy_bundle",
  "deploy_rollback",
  "deploy_status",
];
