// Builds the editor's form model FROM the GCO's JSON Schema (draft 2020-12): one section per
// top-level domain, `$ref`s resolved, enums with their `x-enum-descriptions`, numbers with
// their ranges, and tagged unions (`allOf` of `if {kind: const}` / `then`) as kind switches.

import { duration, percent } from "../app/format";

type Schema = Record<string, unknown>;

export interface EnumOption {
  value: string;
  label: string;
  description: string;
}

interface FieldBase {
  /** Property name ("" for array items). */
  key: string;
  label: string;
  description: string;
  required: boolean;
  default?: unknown;
}

export interface ObjectField extends FieldBase {
  type: "object";
  fields: FieldSpec[];
  /** A map (no fixed properties; `additionalProperties` a schema): the shape of every value. */
  values?: FieldSpec;
}
export interface ArrayField extends FieldBase {
  type: "array";
  item: FieldSpec;
}
export interface StringField extends FieldBase {
  type: "string";
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  multiline: boolean;
}
export interface NumberField extends FieldBase {
  type: "number" | "integer";
  min?: number;
  max?: number;
  /** How a designer reads it: a share in [0, 1] shown as a percentage, or a duration in
   *  seconds (blocks on a block clock) shown with its unit. */
  unit?: "share" | "duration";
}
export interface BooleanField extends FieldBase {
  type: "boolean";
}
export interface EnumField extends FieldBase {
  type: "enum";
  options: EnumOption[];
}
export interface UnionVariant {
  value: string;
  description: string;
  fields: FieldSpec[];
}
export interface UnionField extends FieldBase {
  type: "union";
  /** The discriminating property (`kind`). */
  tag: string;
  variants: UnionVariant[];
}
export interface UnknownField extends FieldBase {
  type: "unknown";
}

export type FieldSpec =
  | ObjectField
  | ArrayField
  | StringField
  | NumberField
  | BooleanField
  | EnumField
  | UnionField
  | UnknownField;

export interface FormSection {
  /** The top-level property (`treasury`). */
  key: string;
  label: string;
  description: string;
  spec: FieldSpec;
}

export interface FormModel {
  title: string;
  description: string;
  sections: FormSection[];
}

/** The domains in the order the editor shows them; others follow in schema order. */
export const DOMAIN_ORDER = [
  "identity",
  "members",
  "roles",
  "decision_types",
  "voting_weight",
  "treasury",
  "escalation",
  "incentives",
  "delegation",
  "constitution",
  "composition",
  "mesh",
  "resources",
  "alert_thresholds",
];

/**
 * The order a designer reads a record's fields in (the schema lists them alphabetically): who
 * or what it is first, then its substance, then timing, then the rest. Fields not named here
 * follow in schema order. One list for every record type, so one key sits in one place.
 */
export const FIELD_ORDER = [
  // what it is
  "id", "name", "display_name", "title", "kind", "version", "jurisdiction", "description", "preamble", "text",
  // members and roles
  "explicit", "population", "count", "weight", "roles", "propensity", "seats", "term", "length_days", "max_consecutive", "staggered",
  "election_method", "eligibility", "affiliation", "permissions",
  // decisions: who may propose, what passes, then when
  "proposal_threshold", "quorum", "quorum_counting", "approval", "absolute_threshold", "super_quorum",
  "clock", "voting_delay", "voting_period", "timelock", "exit_window", "late_quorum_extension", "vote_change_allowed",
  "signers", "veto", "powers", "spend", "expected_rate",
  // money
  "currency", "balance", "categories", "budget_share", "tiers", "min", "max", "routes", "decision_type", "spending_limits", "amount", "period", "category", "role", "inflows",
  // escalation, delegation, incentives, constitution
  "levels", "decided_by", "time_limit_days", "next", "terminal", "allowed", "max_depth", "edges", "enabled", "mechanisms",
  "articles", "clauses", "entrenched", "amendment_rules",
];
const FIELD_RANK = new Map(FIELD_ORDER.map((k, i) => [k, i]));

/** Sorts fields into [FIELD_ORDER] (stable: unnamed fields keep their schema order, last). */
export function designerOrder<T extends { key: string }>(fields: T[]): T[] {
  const rank = (k: string) => FIELD_RANK.get(k) ?? FIELD_ORDER.length;
  return fields.map((f, i) => [f, i] as const).sort(([a, i], [b, j]) => rank(a.key) - rank(b.key) || i - j).map(([f]) => f);
}

const MULTILINE = new Set(["description", "text", "preamble", "rule"]);
const UINT32_MAX = 4294967295;

/**
 * Labels of the capture-analysis fields (issue 14) in words, with their units: the raw key
 * would not say what a "snapshot" or an "acquirable" is, nor that a window is in seconds.
 * Only property names are looked up here, never enum values (`veto` is also an action).
 */
export const FIELD_LABELS: Record<string, string> = {
  voting_weight: "Voting weight: where it comes from and when it is read",
  weight_snapshot: "When a voter's weight is read",
  weight_transferable: "Weight can change hands (bought, sold, lent)",
  acquirable: "Weight an outsider could acquire (shares of all weight)",
  circulating: "Circulating: can be bought ahead (share, 0 to 1)",
  borrowable: "Borrowable in lending markets (share, 0 to 1)",
  locked: "Locked or vesting: out of reach (share, 0 to 1)",
  token_price: "Price of one unit of weight (treasury currency)",
  powers: "Powers: what a passed proposal may do",
  quorum_counting: "Which votes count towards the quorum",
  absolute_threshold: "Absolute threshold: yes votes as a share of all weight (0 to 1)",
  vote_change_allowed: "Voters may change their vote",
  late_quorum_extension: "Late-quorum extension (seconds, or blocks on a block clock)",
  super_quorum: "Super-quorum: passes early at this share of all weight (0 to 1)",
  veto: "Who may veto or cancel during the timelock",
  exit_window: "Exit window before execution (seconds, or blocks on a block clock)",
  affiliation: "Holders' affiliation (member id → insider, independent or outside)",
  election_method: "How the seats are elected",
  routes: "Other routes to this tier (e.g. an emergency route)",
};

/** A property's label: the words above for the capture fields, else the key in words. */
export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? labelFor(key);
}

/** `decision_types` → `Decision types`. */
export function labelFor(key: string): string {
  if (!key) return "";
  const s = key.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Strips the "`value`: " prefix of an `x-enum-descriptions` entry. */
function enumDescription(raw: unknown, value: string): string {
  const s = typeof raw === "string" ? raw : "";
  const prefix = "`" + value + "`: ";
  return s.startsWith(prefix) ? s.slice(prefix.length) : s;
}

class Builder {
  constructor(private root: Schema) {}

  resolve(s: Schema, depth = 0): Schema {
    const ref = s["$ref"];
    if (typeof ref !== "string") return s;
    if (depth > 32) throw new Error(`$ref chain too deep at ${ref}`);
    if (!ref.startsWith("#/")) throw new Error(`unsupported $ref ${ref}`);
    let target: unknown = this.root;
    for (const t of ref.slice(2).split("/")) {
      target = (target as Schema | undefined)?.[t.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    if (!target || typeof target !== "object") throw new Error(`unresolved $ref ${ref}`);
    const { $ref: _drop, ...siblings } = s;
    void _drop;
    const resolved = this.resolve(target as Schema, depth + 1);
    // Siblings of $ref (description, default) refine the referenced schema.
    return { ...resolved, ...siblings };
  }

  field(key: string, raw: Schema, required: boolean, depth: number): FieldSpec {
    if (depth > 24) return { type: "unknown", key, label: fieldLabel(key), description: "", required };
    const s = this.resolve(raw);
    const base: FieldBase = {
      key,
      label: fieldLabel(key),
      description: typeof s.description === "string" ? s.description : "",
      required,
    };
    if ("default" in s) base.default = s.default;

    const union = this.union(s, depth);
    if (union) return { ...base, ...union };

    if (Array.isArray(s.enum) && s.enum.every((v) => typeof v === "string")) {
      const descs = Array.isArray(s["x-enum-descriptions"]) ? (s["x-enum-descriptions"] as unknown[]) : [];
      return {
        ...base,
        type: "enum",
        options: (s.enum as string[]).map((value, i) => ({
          value,
          label: labelFor(value),
          description: enumDescription(descs[i], value),
        })),
      };
    }

    let type = s.type;
    if (Array.isArray(type)) type = type.find((t) => t !== "null");
    switch (type) {
      case "object": {
        const props = (s.properties ?? {}) as Record<string, Schema>;
        const req = new Set((s.required as string[] | undefined) ?? []);
        const ap = s.additionalProperties;
        // A map keyed by ids (e.g. a role's `affiliation`: member id → insider, independent or outside).
        if (!Object.keys(props).length && ap && typeof ap === "object") {
          return { ...base, type: "object", fields: [], values: this.field("", ap as Schema, true, depth + 1) };
        }
        return {
          ...base,
          type: "object",
          fields: designerOrder(
            Object.entries(props)
              .filter(([k, p]) => !(p as Schema).writeOnly && !k.startsWith("$"))
              .map(([k, p]) => this.field(k, p, req.has(k), depth + 1)),
          ),
        };
      }
      case "array":
        return {
          ...base,
          type: "array",
          item: this.field("", (s.items ?? {}) as Schema, true, depth + 1),
        };
      case "string":
        return {
          ...base,
          type: "string",
          pattern: typeof s.pattern === "string" ? s.pattern : undefined,
          minLength: typeof s.minLength === "number" ? s.minLength : undefined,
          maxLength: typeof s.maxLength === "number" ? s.maxLength : undefined,
          multiline: MULTILINE.has(key),
        };
      case "number":
      case "integer": {
        let min = typeof s.minimum === "number" ? s.minimum : undefined;
        let max = typeof s.maximum === "number" ? s.maximum : undefined;
        if (typeof s.format === "string" && s.format.startsWith("uint")) {
          min = min ?? 0;
          if (s.format === "uint32") max = max ?? UINT32_MAX;
        }
        const desc = typeof s.description === "string" ? s.description : "";
        // Shares are the numbers bounded by [0, 1]; durations say "seconds" in their description.
        const unit = type === "number" && min === 0 && max === 1 ? "share" : type === "integer" && /\bseconds\b/.test(desc) ? "duration" : undefined;
        return { ...base, type, min, max, ...(unit ? { unit } : {}) };
      }
      case "boolean":
        return { ...base, type: "boolean" };
      default:
        return { ...base, type: "unknown" };
    }
  }

  /** An `allOf` of `if: {properties: {<tag>: {const}}}` / `then` pairs: a tagged union. */
  union(s: Schema, depth: number): Pick<UnionField, "type" | "tag" | "variants"> | null {
    const all = s.allOf;
    if (!Array.isArray(all) || all.length === 0) return null;
    let tag: string | null = null;
    const variants: UnionVariant[] = [];
    for (const branch of all as Schema[]) {
      const cond = branch.if as Schema | undefined;
      const then = branch.then as Schema | undefined;
      const props = cond?.properties as Record<string, Schema> | undefined;
      if (!props || !then) return null;
      const [t, c] = Object.entries(props)[0] ?? [];
      if (!t || !c || typeof c.const !== "string") return null;
      if (tag && tag !== t) return null;
      tag = t;
      const thenS = this.resolve(then);
      const req = new Set((thenS.required as string[] | undefined) ?? []);
      const fields = designerOrder(
        Object.entries((thenS.properties ?? {}) as Record<string, Schema>)
          .filter(([k]) => k !== t)
          .map(([k, p]) => this.field(k, p, req.has(k), depth + 1)),
      );
      variants.push({
        value: c.const,
        description: typeof thenS.description === "string" ? thenS.description : "",
        fields,
      });
    }
    return tag ? { type: "union", tag, variants } : null;
  }
}

/** The form model of a GCO schema: one section per top-level property (domain). */
export function buildFormModel(schema: object): FormModel {
  const root = schema as Schema;
  const b = new Builder(root);
  const props = (root.properties ?? {}) as Record<string, Schema>;
  const req = new Set((root.required as string[] | undefined) ?? []);
  const keys = Object.keys(props).filter((k) => !k.startsWith("$") && !props[k].writeOnly);
  keys.sort((a, b2) => rank(a) - rank(b2));
  return {
    title: typeof root.title === "string" ? root.title : "",
    description: typeof root.description === "string" ? root.description : "",
    sections: keys.map((k) => {
      const spec = b.field(k, props[k], req.has(k), 0);
      return { key: k, label: fieldLabel(k), description: spec.description, spec };
    }),
  };
}

function rank(k: string): number {
  const i = DOMAIN_ORDER.indexOf(k);
  return i < 0 ? DOMAIN_ORDER.length : i;
}

/** A fresh value for a field: required members filled, optional ones left out. */
export function defaultValue(spec: FieldSpec): unknown {
  if (spec.default !== undefined && spec.type !== "object" && spec.type !== "union") {
    return structuredClone(spec.default);
  }
  switch (spec.type) {
    case "object": {
      const o: Record<string, unknown> = {};
      for (const f of spec.fields) if (f.required) o[f.key] = defaultValue(f);
      return o;
    }
    case "array":
      return [];
    case "string":
      return "";
    case "number":
    case "integer":
      return spec.min !== undefined && spec.min > 0 ? spec.min : 0;
    case "boolean":
      return false;
    case "enum":
      return spec.options[0]?.value ?? "";
    case "union": {
      const v = spec.variants[0];
      return v ? variantValue(spec, v.value, {}) : {};
    }
    default:
      return null;
  }
}

/** The value of a union switched to `kind`: fields the variant shares are kept, required ones filled. */
export function variantValue(spec: UnionField, kind: string, previous: unknown): Record<string, unknown> {
  const v = spec.variants.find((x) => x.value === kind);
  const prev = (previous && typeof previous === "object" ? previous : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { [spec.tag]: kind };
  for (const f of v?.fields ?? []) {
    if (f.key in prev) out[f.key] = prev[f.key];
    else if (f.required) out[f.key] = defaultValue(f);
  }
  return out;
}

/** A short title for an array item (its id, name, role, …) for collapsed lists. */
export function itemTitle(value: unknown, index: number): string {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    for (const k of ["name", "id", "role", "service", "source", "title"]) {
      if (typeof o[k] === "string" && o[k]) {
        const id = typeof o.id === "string" && k !== "id" ? ` (${o.id})` : "";
        return String(o[k]) + id;
      }
    }
    if (typeof o.from === "string" && typeof o.to === "string") return `${o.from} → ${o.to}`;
    if (typeof o.action === "string") return `${o.action} ${o.resource ?? ""}`.trim();
  }
  if (typeof value === "string") return value;
  return `#${index + 1}`;
}

/** What a collapsed entry shows beside its title: a decision type's thresholds and voting
 *  period ("quorum 10% · approval 50% · 3 d"); nothing for other entries. */
export function itemDetail(value: unknown, arrayPointer: string): string {
  if (arrayPointer !== "/decision_types" || !value || typeof value !== "object") return "";
  const d = value as { quorum?: unknown; approval?: unknown; voting_period?: unknown; clock?: { kind?: string } };
  const period = typeof d.voting_period === "number" ? (d.clock?.kind === "block" ? `${d.voting_period} blocks` : duration(d.voting_period)) : null;
  return [`quorum ${percent(d.quorum)}`, `approval ${percent(d.approval)}`, period].filter(Boolean).join(" · ");
}

/** The field spec at a JSON pointer's tokens (array indices step into items), or null. */
export function specAt(model: FormModel, tokens: string[], value?: unknown): FieldSpec | null {
  if (!tokens.length) return null;
  let spec: FieldSpec | undefined = model.sections.find((s) => s.key === tokens[0])?.spec;
  let cur: unknown = value && typeof value === "object" ? (value as Record<string, unknown>)[tokens[0]] : undefined;
  for (const t of tokens.slice(1)) {
    if (!spec) return null;
    if (spec.type === "array") spec = spec.item;
    else if (spec.type === "object") spec = spec.fields.find((f) => f.key === t);
    else if (spec.type === "union") {
      const kind = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[spec.tag] : undefined;
      const variant = spec.variants.find((v) => v.value === kind) ?? spec.variants[0];
      spec = variant?.fields.find((f) => f.key === t);
    } else return null;
    cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[t] : undefined;
  }
  return spec ?? null;
}
