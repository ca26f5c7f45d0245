// Every type that crosses the IPC boundary between the UI and the Rust engine, in ONE file.
// The ones the Rust side already defines are generated with ts-rs into ../bindings/ipc.ts
// (a Rust test fails when that file is stale) and re-exported here.

import type { Edge, ErrorCode, Node, Validation as GeneratedValidation } from "../bindings/ipc";

export type { CommandError, ExampleInfo, Finding, Graph, Members, Report, Severity } from "../bindings/ipc";
export type {
  Artifact,
  BuildOutcome,
  BuildRecord,
  StageRecord,
  Bump,
  Change,
  ChangeKind,
  CommitOutcome,
  CommitPlan,
  Diff,
  InstanceSummary,
  Proposal,
  ProposalState,
  ProposalView,
  Verdict,
  StoreInfo,
  VersionDiff,
  VersionKind,
  VersionRecord,
  Case,
  TaskStep,
  Metrics,
  Summary,
  DayCount,
  StageDuration,
  CodeCount,
  Channel,
  ReleaseRecord,
  Releases,
  Event,
  Action,
  Blocked,
  ClockRule,
  CompiledView,
  Grant,
  Level,
  Lineage,
  LineageEdge,
  LineageKind,
  LineageNode,
  PermissionMatrix,
  ResourceNode,
  RiskView,
  WeightSnapshot,
  Acquirable,
  WeightModel,
  PowerCapture,
  CaptureReport,
  AttackPath,
  CaptureView,
  Rung,
  Score,
  ScoreName,
  Scores,
  SignerRule,
  Source,
  Threshold,
  Thresholds,
  Tier,
  VersionScores,
  Chart,
  PresetShocks,
  SavedWhatif,
  KnobInfo,
  ObjectiveInfo,
  SweepCell,
  SweepProgress,
  SweepRecord,
  SweepRun,
  SweepSetup,
  SimulationRecord,
  WhatifProgress,
  WhatifRun,
  WhatifSetup,
  DocumentView,
  DocumentsView,
  KeyInfo,
  BundleEntry,
  BundleView,
  BuildStep,
  VerifyView,
  ActivationView,
  TargetView,
  FileRef,
  Purpose,
  InteropKind,
  GapView,
  QuestionView,
  ImportView,
  PreviewFile,
  ExportPreview,
  ExportWritten,
  Recovery,
} from "../bindings/ipc";

/** What kind of input was validated. */
export type InputKind = GeneratedValidation["kind"];

/** Result of `validate_text`. */
export type Validation = GeneratedValidation;

/** A node of the topology graph. */
export type GraphNode = Node;
/** An edge of the topology graph. */
export type GraphEdge = Edge;
/** member | member_group | role | decision_type | tier | treasury | escalation_level | citizen |
 *  organism | confluence | service | mesh_node | trust_domain */
export type NodeKind = string;
/** holds | authorises | proposes | signs | escalates | spans | connects | delegates | funds | decides */
export type EdgeKind = string;

export type { OnboardingProgress, OnboardingView } from "../bindings/ipc";
export type { Question, QuestionKind, QuestionOption } from "../bindings/ipc";

/** Error codes of the engine and the store (generated from codes.rs) plus the UI's own. */
export type ErrorCodeString = ErrorCode | "UI-INTERNAL";

/** The error shape every backend command rejects with. */
export interface BackendErrorPayload {
  code: ErrorCodeString | string;
  message: string;
}
