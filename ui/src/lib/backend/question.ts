// A question of the onboarding script as the studio receives it (the script's JSON Schema is
// schemas/onboarding-script.schema.json; the engine flattens the kind's fields into the question).

/** Kinds of onboarding question. */
export type QuestionKind = "text" | "number" | "integer" | "choice" | "yes_no" | "list";

export interface QuestionOption {
  value: unknown;
  label: string;
  explain?: string;
}

/** One question of the onboarding script. */
export interface Question {
  id: string;
  prompt: string;
  /** Why the question matters, in the voice of a knowledgeable colleague. */
  why: string;
  kind: QuestionKind;
  options?: QuestionOption[];
  default?: unknown;
  min?: number;
  max?: number;
}
