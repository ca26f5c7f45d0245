// The mock backend's file handles: the same rules as the Rust handle table
// (src-tauri/src/handles.rs), so that unit tests see the same refusals. Paths stay inside the
// mock; the views get only `FileRef`s.

import { BackendError } from "./backend";
import type { FileRef, Purpose } from "./types";

/** What kind of dialog chose a path. */
export type HandleKind = "open-file" | "save-file" | "directory";

/** What a command does with a handle's path. */
export type HandleUse =
  | "read-design"
  | "write-design"
  | "write-export"
  | "write-bundle"
  | "read-bundle"
  | "read-secret-key"
  | "read-public-key"
  | "key-home"
  | "deploy-target";

/** Which (kind, purpose) pairs each use takes, as `fits` in handles.rs. */
const FITS: Record<HandleUse, [HandleKind[], Purpose]> = {
  "read-design": [["open-file"], "design"],
  "write-design": [["open-file", "save-file"], "design"],
  "write-export": [["save-file"], "export"],
  "write-bundle": [["save-file"], "bundle"],
  "read-bundle": [["open-file", "save-file"], "bundle"],
  "read-secret-key": [["open-file"], "secret-key"],
  "read-public-key": [["open-file"], "public-key"],
  "key-home": [["directory"], "key-home"],
  "deploy-target": [["directory"], "deploy-target"],
};

const WELL_FORMED = /^h_[0-9a-f]{32}$/;

/** The mock's handle table. */
export class MockHandles {
  private table = new Map<string, { path: string; kind: HandleKind; purpose: Purpose }>();
  private next = 1;

  /** A handle for `path` chosen as `kind` for `purpose` (the same triple keeps its handle). */
  mint(path: string, kind: HandleKind, purpose: Purpose): FileRef {
    for (const [handle, e] of this.table) {
      if (e.path === path && e.kind === kind && e.purpose === purpose) return this.ref(handle, path);
    }
    // Fake but well-formed: a counter in hex (the real table draws 128 random bits).
    const handle = `h_${(this.next++).toString(16).padStart(32, "0")}`;
    this.table.set(handle, { path, kind, purpose });
    return this.ref(handle, path);
  }

  /** The path behind `handle` for `use`, or the refusal the Rust table gives (GOV-H001/2/3). */
  check(handle: string, use: HandleUse): string {
    if (!WELL_FORMED.test(handle)) throw new BackendError("GOV-H003", `${handle.slice(0, 80)}: choose the file in the studio's dialog`);
    const e = this.table.get(handle);
    if (!e) throw new BackendError("GOV-H001", `${handle}: no file was chosen with this handle`);
    const [kinds, purpose] = FITS[use];
    if (!kinds.includes(e.kind) || e.purpose !== purpose) throw new BackendError("GOV-H002", `${handle}: chosen as ${e.kind} ${e.purpose}, not for ${use}`);
    return e.path;
  }

  private ref(handle: string, path: string): FileRef {
    return { handle, name: path.split(/[\\/]/).pop() || path, path };
  }
}
