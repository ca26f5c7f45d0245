export type { Backend } from "./backend";
export { BackendError, ERROR_TITLES } from "./backend";
export type * from "./types";

import type { Backend } from "./backend";

/** True inside the Tauri shell. */
export function inTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

/** Picks the implementation at startup: Tauri inside the shell, the in-memory mock elsewhere. */
export async function createBackend(): Promise<Backend> {
  if (inTauri()) {
    const { TauriBackend } = await import("./tauri");
    return new TauriBackend();
  }
  const { MockBackend } = await import("./mock");
  return new MockBackend();
}
