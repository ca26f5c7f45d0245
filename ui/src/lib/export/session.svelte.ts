// What the Export view hands to the Deployments view: the last bundle written and its key.

import type { BundleView, KeyInfo } from "../backend/types";

/** The build steps in order, as the studio shows them. */
export const BUILD_STEPS = ["compile", "documents", "sign", "write"] as const;

/** A step's state given the step in flight (null: none yet) and whether the build finished. */
export function stepState(step: string, current: string | null, finished: boolean): "done" | "active" | "pending" {
  if (finished || current === "done") return "done";
  if (current === null) return "pending";
  const i = BUILD_STEPS.indexOf(step as never);
  const j = BUILD_STEPS.indexOf(current as never);
  return i < j ? "done" : i === j ? "active" : "pending";
}

/** The signing key chosen, the last bundle written and every bundle written, kept while the
 *  studio runs (shared by the Export and Deployments views, which deploys them by their
 *  handles); the key's password is never kept. */
export const exportSession = $state<{ key: KeyInfo | null; bundle: BundleView | null; bundles: BundleView[] }>({
  key: null,
  bundle: null,
  bundles: [],
});

/** The design's instance name and version: from the editor's JSON text, else the GCO a
 *  constitution or answers file became; empty when neither says. */
export function identityOf(text: string, gco: unknown): { name: string; version: string } {
  let id: { name?: unknown; version?: unknown } | undefined;
  try {
    id = (JSON.parse(text) as { identity?: typeof id })?.identity;
  } catch {
    id = (gco as { identity?: typeof id } | null)?.identity;
  }
  return { name: String(id?.name ?? ""), version: String(id?.version ?? "") };
}
