import { getContext, setContext } from "svelte";

// The whole design, for a control that needs more than its own value (a member's roles are
// chosen from the design's roles; a duration's unit follows its decision type's clock).

const KEY = Symbol("design");

/** Makes the design (read through `get`, so it stays current) available to the form below. */
export function provideDesign(get: () => unknown): void {
  setContext(KEY, get);
}

/** The design the form edits (null outside an editor). */
export function useDesign(): () => unknown {
  return getContext<() => unknown>(KEY) ?? (() => null);
}

/** The ids of the roles the design defines, in its order. */
export function roleIds(design: unknown): string[] {
  const roles = (design as { roles?: unknown } | null)?.roles;
  return Array.isArray(roles) ? roles.map((r) => (r as { id?: unknown })?.id).filter((id): id is string => typeof id === "string") : [];
}
