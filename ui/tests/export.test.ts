import { describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { MockBackend } from "../src/lib/backend/mock";
import { MOCK_DESIGN } from "../src/lib/backend/mock-design";
import harbourViews from "../src/lib/backend/fixtures/harbour-commons.views.json";
import { variantText } from "../src/lib/backend/mock-fixtures";
import { Studio } from "../src/lib/app/state.svelte";
import { exportSession, identityOf, stepState } from "../src/lib/export/session.svelte";
import Export from "../src/views/Export.svelte";
import Deployments from "../src/views/Deployments.svelte";

const text = JSON.stringify(MOCK_DESIGN, null, 2) + "\n";

async function until(probe: () => boolean, what: string, tries = 200) {
  for (let i = 0; i < tries; i++) {
    flushSync();
    if (probe()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function render(component: typeof Export, studio: Studio) {
  const target = document.createElement("div");
  document.body.append(target);
  const app = mount(component, { target, props: { studio } });
  return { target, done: () => (unmount(app), target.remove()) };
}

const q = (t: HTMLElement, id: string) => t.querySelector<HTMLElement>(`[data-testid="${id}"]`);
function type(t: HTMLElement, id: string, value: string) {
  const el = q(t, id) as HTMLInputElement;
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  flushSync();
}

describe("build steps", () => {
  it("marks the steps before the one in flight done, and all done at the end", () => {
    expect(["compile", "documents", "sign", "write"].map((s) => stepState(s, "sign", false))).toEqual(["done", "done", "active", "pending"]);
    expect(stepState("write", null, false)).toBe("pending");
    expect(stepState("compile", null, true)).toBe("done");
  });
});

describe("export view", () => {
  it("lists eight documents, previews one sandboxed, creates a key, builds, verifies and names a tampered file", async () => {
    exportSession.bundle = null;
    exportSession.bundles = [];
    exportSession.key = null;
    const backend = new MockBackend();
    const studio = new Studio(backend);
    studio.load(text, "design.json", null);
    const { target, done } = render(Export, studio);
    await until(() => target.querySelectorAll('[data-testid="export-docs"] li').length === 8, "the eight documents");

    q(target, "doc-decision-protocol")!.click();
    flushSync();
    const frame = q(target, "export-preview") as HTMLIFrameElement;
    expect(frame.getAttribute("sandbox")).toBe("");
    // The engine's page for the design (served from fixtures/harbour-commons.views.json).
    const engine = harbourViews.documents.documents.find((d) => d.slug === "decision-protocol")!;
    expect(frame.getAttribute("srcdoc")).toBe(engine.html);
    expect(engine.html).toContain("General assembly vote");
    expect(frame.getAttribute("srcdoc")).not.toContain("<script");

    q(target, "key-create")!.click();
    flushSync();
    type(target, "key-password", "correct horse");
    type(target, "key-password2", "correct hors");
    expect((q(target, "key-create-ok") as HTMLButtonElement).disabled).toBe(true);
    expect(target.textContent).toContain("The two passwords differ.");
    type(target, "key-password2", "correct horse");
    q(target, "key-create-ok")!.click();
    await until(() => !!q(target, "export-key"), "the new key");
    expect(backend.calls.exportKeygen).toBe(1);

    q(target, "bundle-build")!.click();
    await until(() => !!q(target, "bundle-manifest"), "the manifest");
    const steps = [...target.querySelectorAll('[data-testid="bundle-steps"] li')].map((li) => li.getAttribute("data-state"));
    expect(steps).toEqual(["done", "done", "done", "done"]);
    const rows = target.querySelectorAll('[data-testid="bundle-manifest"] tbody tr');
    expect(rows.length).toBe(17); // gco.json and eight documents in two forms
    expect(q(target, "bundle-fingerprint")!.textContent).toMatch(/^sha256:[0-9a-f]{64}$/);

    q(target, "bundle-verify")!.click();
    await until(() => !!q(target, "verify-result"), "the verdict");
    expect(q(target, "verify-result")!.textContent).toContain("verified");

    const written = backend.exports.bundles.get(exportSession.bundle!.path)!;
    written.files["documents/treasury-policy.md"] += "x";
    q(target, "bundle-verify")!.click();
    await until(() => q(target, "verify-result")?.textContent?.includes("GOV-B012") ?? false, "the tampered file named");
    expect(q(target, "verify-result")!.textContent).toContain("documents/treasury-policy.md");
    done();
  });

  it("refuses a wrong password when building", async () => {
    exportSession.bundle = null;
    exportSession.bundles = [];
    exportSession.key = null;
    const backend = new MockBackend();
    const studio = new Studio(backend);
    studio.load(text, "design.json", null);
    const { target, done } = render(Export, studio);
    await until(() => !!q(target, "key-create"), "the view");
    q(target, "key-create")!.click();
    flushSync();
    type(target, "key-password", "pw");
    type(target, "key-password2", "pw");
    q(target, "key-create-ok")!.click();
    await until(() => !!q(target, "key-unlock"), "the unlock field");
    type(target, "key-unlock", "not it");
    q(target, "bundle-build")!.click();
    await until(() => !!q(target, "bundle-error"), "the refusal");
    expect(q(target, "bundle-error")!.textContent).toContain("GOV-B021");
    expect(exportSession.bundle).toBeNull();
    done();
  });
});

describe("deployments view", () => {
  it("deploys two bundles, shows the history newest first, and rolls back", async () => {
    const backend = new MockBackend();
    const studio = new Studio(backend);
    const key = await backend.exportKeygen("pw", null);
    const outA = (await backend.pickBundlePath("a.tar.gz"))!;
    const a = await backend.exportBundle(text, null, key.secret_handle, "pw", outA.handle);
    expect(identityOf(text, null)).toEqual({ name: MOCK_DESIGN.identity.name, version: MOCK_DESIGN.identity.version });
    expect(identityOf("{ not json", { identity: { name: "x", version: "1.0.0" } })).toEqual({ name: "x", version: "1.0.0" });
    // A second version (1.1.0, a variant the engine answered: fixtures/variants/ada-weight-6.json).
    const outB = (await backend.pickBundlePath("b.tar.gz"))!;
    const b = await backend.exportBundle(variantText("ada-weight-6"), null, key.secret_handle, "pw", outB.handle);
    // A path typed where a handle belongs is refused, whatever file it names.
    await expect(backend.exportBundle(text, null, key.secret_key, "pw", outA.handle)).rejects.toMatchObject({ code: "GOV-H003" });
    exportSession.bundles = [a, b];
    exportSession.bundle = b;
    const { target, done } = render(Deployments, studio);
    const select = q(target, "deploy-bundle") as HTMLSelectElement;
    expect(select.value).toBe(b.handle);
    expect([...select.options].map((o) => o.textContent)).toEqual(["/home/designer/a.tar.gz", "/home/designer/b.tar.gz"]);
    expect(q(target, "deploy-pubkey")!.dataset.path).toBe(key.public_key);

    q(target, "deploy-choose-target")!.click();
    await until(() => q(target, "deploy-target")!.dataset.path?.endsWith("deploy-target") ?? false, "the target");
    const choose = (handle: string) => {
      select.value = handle;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      flushSync();
    };
    choose(a.handle);
    q(target, "deploy-run")!.click();
    await until(() => q(target, "deploy-active")?.textContent === `${a.instance}@${a.version}`, "the first deploy");
    expect((q(target, "deploy-rollback") as HTMLButtonElement).disabled).toBe(true);
    choose(b.handle);
    q(target, "deploy-run")!.click();
    await until(() => q(target, "deploy-active")?.textContent?.endsWith("@1.1.0") ?? false, "the second deploy");
    q(target, "deploy-rollback")!.click();
    await until(() => q(target, "deploy-active")?.textContent === `${a.instance}@${a.version}`, "the rollback");
    const actions = [...target.querySelectorAll('[data-testid="deploy-history"] tbody tr')].map((r) => r.children[1].textContent);
    expect(actions).toEqual(["rollback", "deploy", "deploy"]);
    expect(q(target, "deploy-drift")!.textContent).toContain("No drift");
    done();
  });
});
