// The mock backend's export and deployments: the engine's documents (from the fixtures), keys,
// bundles and targets kept in memory. Bundles carry real SHA-256 hashes of their files, so
// tampering with a file in a test makes verify name it, as the engine's verify does.

import { BackendError } from "./backend";
import type { MockHandles } from "./mock-handles";
import type { ActivationView, BundleView, DocumentsView, KeyInfo, TargetView, VerifyView } from "./types";

type O = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function sha256(text: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return "sha256:" + [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A mock bundle as written: its files' text, its manifest and who signed it. */
export interface MockBundle {
  keyId: string;
  manifest: { path: string; sha256: string; size: number }[];
  files: Record<string, string>;
  instance: string;
  version: string;
  fingerprint: string;
}

/** Keys, bundles and targets of the mock; every file is named by a handle of `handles`. */
export class MockExport {
  private keys = new Map<string, { id: string; password: string }>();
  /** Written bundles by path (tests tamper with them). */
  readonly bundles = new Map<string, MockBundle>();
  private targets = new Map<string, { history: ActivationView[]; drift: string[] }>();
  private nextKey = 1;

  constructor(private handles: MockHandles) {}

  keygen(password: string, dir: string | null): KeyInfo {
    const home = dir ? this.handles.check(dir, "key-home") : "/home/designer/.local/share/cogov-studio/keys";
    if (!password) throw new BackendError("GOV-B021", "(new key): the password is empty");
    const id = (0xc0ffee00 + this.nextKey++).toString(16).toUpperCase().padStart(16, "0");
    const secret = `${home}/${id}/cogov.key`;
    this.keys.set(secret, { id, password });
    return this.describe(secret);
  }

  /** The key pair of a secret key's path, with the handles to use it by. */
  private describe(secret: string): KeyInfo {
    const k = this.keys.get(secret);
    if (!k) throw new BackendError("GOV-B020", `${secret}: not a minisign secret key`);
    const sk = this.handles.mint(secret, "open-file", "secret-key");
    const pk = this.handles.mint(secret.replace(/\.key$/, ".pub"), "open-file", "public-key");
    return { key_id: k.id, secret_key: sk.path, public_key: pk.path, secret_handle: sk.handle, public_handle: pk.handle };
  }

  keyInfo(secretKey: string): KeyInfo {
    return this.describe(this.handles.check(secretKey, "read-secret-key"));
  }

  async build(g: O, documents: DocumentsView, secretKey: string, password: string, out: string): Promise<BundleView> {
    const secret = this.handles.check(secretKey, "read-secret-key");
    const outPath = this.handles.check(out, "write-bundle");
    const key = this.describe(secret);
    if (this.keys.get(secret)!.password !== password) throw new BackendError("GOV-B021", `${secret}: wrong password for the secret key`);
    const files: Record<string, string> = { "gco.json": JSON.stringify(g) + "\n" };
    for (const d of documents.documents) {
      files[`documents/${d.slug}.md`] = d.markdown;
      files[`documents/${d.slug}.html`] = d.html;
    }
    const manifest = await Promise.all(
      Object.keys(files)
        .sort()
        .map(async (path) => ({ path, sha256: await sha256(files[path]), size: new TextEncoder().encode(files[path]).length })),
    );
    const b: MockBundle = {
      keyId: key.key_id,
      manifest,
      files,
      instance: String(g.identity?.name ?? ""),
      version: String(g.identity?.version ?? ""),
      fingerprint: await sha256(JSON.stringify(g)),
    };
    this.bundles.set(outPath, b);
    const size = manifest.reduce((n, f) => n + f.size, 0);
    return { path: outPath, handle: out, sha256: await sha256(JSON.stringify(b)), size, instance: b.instance, version: b.version, fingerprint: b.fingerprint, key, files: manifest };
  }

  async verify(bundle: string, publicKey: string): Promise<VerifyView> {
    const path = this.handles.check(bundle, "read-bundle");
    const pub = this.handles.check(publicKey, "read-public-key");
    const b = this.bundles.get(path);
    if (!b) throw new BackendError("GOV-X001", `${path}: no such file`);
    const keyId = this.describe(pub.replace(/\.pub$/, ".key")).key_id;
    const sha = await sha256(JSON.stringify(b));
    const fail = (code: string, file: string | null, message: string): VerifyView => ({ verified: false, sha256: sha, key_id: keyId, code, file, message });
    if (keyId !== b.keyId) return fail("GOV-B011", null, "the manifest's signature does not verify with this key");
    for (const f of b.manifest) {
      if (!(f.path in b.files)) return fail("GOV-B008", f.path, "listed in the manifest but missing");
      if ((await sha256(b.files[f.path])) !== f.sha256) return fail("GOV-B012", f.path, "its SHA-256 does not match the manifest");
    }
    return { verified: true, sha256: sha, key_id: keyId, code: null, file: null, message: null };
  }

  private view(target: string): TargetView {
    target = this.handles.check(target, "deploy-target");
    const t = this.targets.get(target) ?? { history: [], drift: [] };
    const now = t.history[0];
    return {
      target,
      release: now?.release ?? null,
      instance: now?.instance ?? null,
      version: now?.version ?? null,
      fingerprint: null,
      drift: t.drift.slice(),
      recorded: true,
      history: t.history.slice(),
    };
  }

  async deploy(bundle: string, publicKey: string, target: string): Promise<TargetView> {
    const dir = this.handles.check(target, "deploy-target");
    const v = await this.verify(bundle, publicKey);
    const path = this.handles.check(bundle, "read-bundle");
    if (!v.verified) throw new BackendError(v.code!, `${path}${v.file ? `#${v.file}` : ""}: ${v.message}`);
    const b = this.bundles.get(path)!;
    const t = this.targets.get(dir) ?? { history: [], drift: [] };
    this.targets.set(dir, t);
    const release = v.sha256.slice("sha256:".length);
    t.history.unshift({
      seq: t.history.length + 1,
      action: "deploy",
      release,
      bundle_sha256: v.sha256,
      previous: t.history[0]?.release ?? null,
      instance: b.instance,
      version: b.version,
      author: "designer",
      at: new Date(Date.UTC(2026, 0, 1, 12, t.history.length)).toISOString(),
    });
    return this.view(target);
  }

  rollback(target: string): TargetView {
    const dir = this.handles.check(target, "deploy-target");
    const t = this.targets.get(dir);
    const now = t?.history[0];
    const back = now && t.history.find((a) => a.release === now.previous);
    if (!t || !now) throw new BackendError("GOV-D004", `${dir}: nothing is deployed`);
    if (!back) throw new BackendError("GOV-D002", `${dir}: there is no earlier release to return to`);
    t.history.unshift({ ...back, seq: t.history.length + 1, action: "rollback", previous: now.release, at: new Date(Date.UTC(2026, 0, 1, 12, t.history.length)).toISOString() });
    return this.view(target);
  }

  status(target: string, publicKey: string | null): TargetView {
    if (publicKey) this.handles.check(publicKey, "read-public-key");
    return this.view(target);
  }
}
