// Every type that crosses the IPC boundary between the UI and the Rust engine, in ONE file.
// The ones the Rust side already defines are generated with ts-rs into ../bindings/ipc.ts
// (a Rust test fails when that file is stale) and re-exported here.

import type { Edge, Node, Validation as GeneratedValidation } from "../bindings/ipc";

export type { CommandError, ExampleInfo, Finding, Graph, Report, Severity } from "../bindings/ipc";

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
export type { Question, QuestionKind, QuestionOption } from "./question";

/** Intake error codes (codes.rs `ErrorCode`) plus the UI's own. */
export type ErrorCodeString =
  | "GOV-X001" // The file could not be read or written
  | "GOV-X002" // The input is larger than the 16 MiB limit
  | "GOV-X003" // The input nests deeper than 128 levels
  | "GOV-X004" // The input is not valid UTF-8
  | "GOV-X005" // The input is not well-formed JSON
  | "GOV-X006" // The JSON is well-formed but cannot be read as a GCO
  | "GOV-X007" // The constitution document does not follow the format
  | "GOV-X008" // The onboarding answers do not fit the question script
  | "GOV-X009" // The input is neither a GCO, a constitution document nor an answers file
  | "GOV-X010" // The onboarding question script is invalid
  | "UI-INTERNAL";

/** The error shape every backend command rejects with. */
export interface BackendErrorPayload {
  code: ErrorCodeString | string;
  message: string;
}
