// JSON pointers (RFC 6901): parsing, field ids, immutable get/set, and locating a pointer's
// line in JSON text (for selecting a finding's line in the JSON view).

/** Splits a JSON pointer into unescaped reference tokens ("" → []). */
export function parsePointer(pointer: string): string[] {
  if (pointer === "" || pointer === "#") return [];
  const p = pointer.startsWith("#") ? decodeURIComponent(pointer.slice(1)) : pointer;
  if (!p.startsWith("/")) throw new Error(`not a JSON pointer: ${pointer}`);
  return p
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Escapes one reference token (~ → ~0, / → ~1). */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Joins tokens into a JSON pointer. */
export function formatPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => "/" + escapeToken(t)).join("");
}

/** Appends one token to a pointer. */
export function childPointer(pointer: string, token: string | number): string {
  return pointer + "/" + escapeToken(token);
}

/** The parent pointer ("" has none: null). */
export function parentPointer(pointer: string): string | null {
  if (pointer === "") return null;
  return pointer.slice(0, pointer.lastIndexOf("/"));
}

/** The pointer and all its ancestors, deepest first, ending with "". */
export function ancestry(pointer: string): string[] {
  const out: string[] = [];
  let p: string | null = pointer;
  while (p !== null) {
    out.push(p);
    p = parentPointer(p);
  }
  return out;
}

/**
 * The DOM id and `data-testid` of the form control editing the value at `pointer`:
 * `field-` and the pointer with its slashes as dashes (`/identity/name` → `field-identity-name`).
 * Tokens stay escaped, so `/a~1b` → `field-a~1b`. The root is `field-root`.
 */
export function pointerToFieldId(pointer: string): string {
  if (pointer === "") return "field-root";
  return "field-" + pointer.slice(1).split("/").join("-");
}

/** The top-level GCO domain a pointer falls in (`/treasury/tiers/0` → `treasury`), or null. */
export function domainOf(pointer: string): string | null {
  const t = parsePointer(pointer);
  return t.length ? t[0] : null;
}

type Json = unknown;

/** The value at a pointer, or undefined. */
export function getAt(doc: Json, pointer: string | string[]): Json {
  const tokens = Array.isArray(pointer) ? pointer : parsePointer(pointer);
  let cur: Json = doc;
  for (const t of tokens) {
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9]\d*)$/.test(t)) return undefined;
      cur = cur[Number(t)];
    } else if (cur && typeof cur === "object") {
      if (!Object.prototype.hasOwnProperty.call(cur, t)) return undefined;
      cur = (cur as Record<string, Json>)[t];
    } else return undefined;
  }
  return cur;
}

/**
 * Returns a copy of `doc` with `value` at `pointer` (copy on write: only the objects and arrays
 * along the path are copied). `undefined` removes an object member (or an array element).
 * Missing intermediate objects are created.
 */
export function setAt(doc: Json, pointer: string | string[], value: Json): Json {
  const tokens = Array.isArray(pointer) ? pointer : parsePointer(pointer);
  if (tokens.length === 0) return value;
  const [head, ...rest] = tokens;
  if (Array.isArray(doc)) {
    const copy = doc.slice();
    const i = head === "-" ? copy.length : Number(head);
    if (rest.length === 0 && value === undefined) copy.splice(i, 1);
    else copy[i] = setAt(copy[i], rest, value);
    return copy;
  }
  const obj: Record<string, Json> =
    doc && typeof doc === "object" ? { ...(doc as Record<string, Json>) } : {};
  if (rest.length === 0 && value === undefined) delete obj[head];
  else obj[head] = setAt(obj[head], rest, value);
  return obj;
}

/** Where a pointer sits in a JSON text. */
export interface TextLocation {
  /** 1-based line of the member's key (objects) or the element's first character (arrays). */
  line: number;
  /** Offsets of that whole line (end excludes the newline): select it to highlight the line. */
  lineStart: number;
  lineEnd: number;
  /** Offset of the key or element itself. */
  offset: number;
  /** The pointer actually found: the pointer itself, or its deepest existing ancestor. */
  found: string;
  exact: boolean;
}

/**
 * Finds the line of the value at `pointer` in a JSON text (any formatting; written for the
 * pretty-printed text of the JSON view). When the pointer does not exist, the deepest existing
 * ancestor is located (`exact: false`). Returns null when the text is not JSON.
 */
export function locatePointer(text: string, pointer: string): TextLocation | null {
  const tokens = parsePointer(pointer);
  const r = scanJson(text, tokens);
  if (!r.ok) return null;
  const { bestDepth, bestOffset } = r;
  const n = text.length;
  const lineStart = text.lastIndexOf("\n", bestOffset - 1) + 1;
  let lineEnd = text.indexOf("\n", bestOffset);
  if (lineEnd < 0) lineEnd = n;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (text.charCodeAt(i) === 10) line++;
  return {
    line,
    lineStart,
    lineEnd,
    offset: bestOffset,
    found: formatPointer(tokens.slice(0, bestDepth)),
    exact: bestDepth === tokens.length,
  };
}

/** Offset of the first JSON syntax error in a text, or null when it is well-formed. */
export function jsonErrorOffset(text: string): number | null {
  const r = scanJson(text, []);
  return r.ok ? null : r.at;
}

type ScanResult = { ok: true; bestDepth: number; bestOffset: number } | { ok: false; at: number };

/** One pass over a JSON text, remembering where the deepest prefix of `tokens` sits. */
function scanJson(text: string, tokens: string[]): ScanResult {
  let pos = 0;
  let bestDepth = 0;
  let bestOffset = -1;
  const n = text.length;

  const ws = () => {
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
      else break;
    }
  };
  const fail = (): never => {
    throw new SyntaxError(`unexpected input at ${pos}`);
  };
  const str = (): string => {
    if (text[pos] !== '"') fail();
    const start = ++pos;
    let simple = true;
    while (pos < n && text[pos] !== '"') {
      const c = text.charCodeAt(pos);
      if (c < 0x20) fail();
      if (c === 92) {
        simple = false;
        pos += 2;
      } else pos++;
    }
    if (pos >= n) fail();
    const raw = text.slice(start, pos);
    if (simple) {
      pos++;
      return raw;
    }
    try {
      const s = JSON.parse('"' + raw + '"') as string;
      pos++;
      return s;
    } catch {
      return fail();
    }
  };
  // `depth`: how many tokens the path to this value has matched (-1: off the path).
  const value = (depth: number): void => {
    ws();
    const c = text[pos];
    if (c === "{") {
      pos++;
      ws();
      if (text[pos] === "}") {
        pos++;
        return;
      }
      for (;;) {
        ws();
        const keyAt = pos;
        const key = str();
        ws();
        if (text[pos] !== ":") fail();
        pos++;
        let d = -1;
        if (depth >= 0 && depth < tokens.length && key === tokens[depth]) {
          d = depth + 1;
          if (d > bestDepth) {
            bestDepth = d;
            bestOffset = keyAt;
          }
        }
        value(d);
        ws();
        if (text[pos] === ",") pos++;
        else if (text[pos] === "}") {
          pos++;
          return;
        } else fail();
      }
    } else if (c === "[") {
      pos++;
      ws();
      if (text[pos] === "]") {
        pos++;
        return;
      }
      for (let i = 0; ; i++) {
        ws();
        let d = -1;
        if (depth >= 0 && depth < tokens.length && String(i) === tokens[depth]) {
          d = depth + 1;
          if (d > bestDepth) {
            bestDepth = d;
            bestOffset = pos;
          }
        }
        value(d);
        ws();
        if (text[pos] === ",") pos++;
        else if (text[pos] === "]") {
          pos++;
          return;
        } else fail();
      }
    } else if (c === '"') {
      str();
    } else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(pos, pos + 64));
      if (!m) fail();
      pos += m![0].length;
    }
  };

  try {
    ws();
    const rootAt = pos;
    value(0);
    ws();
    if (pos < n) fail();
    if (bestOffset < 0) bestOffset = rootAt;
  } catch {
    return { ok: false, at: Math.min(pos, n) };
  }
  return { ok: true, bestDepth, bestOffset };
}

/** Line and column (1-based) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  return { line, column: offset - last };
}
