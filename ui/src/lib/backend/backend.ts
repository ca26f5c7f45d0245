import type {
  BackendErrorPayload,
  ExampleInfo,
  Graph,
  OnboardingView,
  Validation,
} from "./types";

export const ERROR_TITLES: Record<string, string> = {
  "GOV-X001": "The file could not be read or written",
  "GOV-X002": "The input is larger than the 16 MiB limit",
  "GOV-X003": "The input nests deeper than 128 levels",
  "GOV-X004": "The input is not valid UTF-8",
  "GOV-X005": "The input is not well-formed JSON",
  "GOV-X006": "The JSON is well-formed but cannot be read as a GCO",
  "GOV-X007": "The constitution document does not follow the format",
  "GOV-X008": "The onboarding answers do not fit the question script",
  "GOV-X009": "The input is neither a GCO, a constitution document nor an answers file",
  "GOV-X010": "The onboarding question script is invalid",
  "UI-INTERNAL": "An internal error of the studio",
};

/** Every backend failure: an intake error code (`GOV-X…`) or `UI-INTERNAL`, and a message. */
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
  /** Reads a design file (`read_design`). */
  readFile(path: string): Promise<string>;
  /** Writes a design file (`write_design`). */
  writeFile(path: string, text: string): Promise<void>;
  /** Recently opened or saved files, newest first (`recent_files`). */
  recentFiles(): Promise<string[]>;
  /** Asks the designer for a file to open (JSON or Markdown); null when cancelled. */
  pickOpenPath(): Promise<string | null>;
  /** Asks the designer where to save; null when cancelled. */
  pickSavePath(suggestedName: string): Promise<string | null>;
  /** Saves an exported picture (asks where); resolves to the path, or null when cancelled. */
  exportFile(suggestedName: string, data: Blob): Promise<string | null>;
  /** Starts the onboarding dialogue (`onboarding_start`). */
  onboardingStart(): Promise<OnboardingView>;
  /** Answers the current question (`onboarding_answer`). */
  onboardingAnswer(state: unknown, value: unknown): Promise<OnboardingView>;
  /** Goes back one question (`onboarding_back`). */
  onboardingBack(state: unknown): Promise<OnboardingView>;
  /** The design's topology graph (`topology`). */
  topology(text: string): Promise<Graph>;
}
