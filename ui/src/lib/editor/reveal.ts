import { getContext, setContext } from "svelte";
import { writable, type Writable } from "svelte/store";
import { parsePointer } from "../json/pointer";

/** A request to show the control at a pointer (set by clicking a finding). */
export interface RevealRequest {
  pointer: string;
  n: number;
}

const KEY = Symbol("reveal");

export function provideReveal(): Writable<RevealRequest | null> {
  const s = writable<RevealRequest | null>(null);
  setContext(KEY, s);
  return s;
}

export function useReveal(): Writable<RevealRequest | null> {
  return getContext<Writable<RevealRequest | null>>(KEY) ?? writable(null);
}

/** The array index a request targets under `arrayPointer`, or null. */
export function revealIndex(req: RevealRequest | null, arrayPointer: string): number | null {
  if (!req || !req.pointer.startsWith(arrayPointer + "/")) return null;
  const rest = parsePointer(req.pointer.slice(arrayPointer.length));
  const i = Number(rest[0]);
  return Number.isInteger(i) && i >= 0 ? i : null;
}
