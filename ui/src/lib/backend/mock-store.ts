// The store for the mock backend: versions kept in memory, with the engine's rules that a
// designer notices (a saved version is never overwritten; a version must rise). The real bump
// suggestion and the id-matched diff live in the engine; here changes are plain leaf pointers.
import { BackendError } from "./backend";
import type { BuildOutcome, BuildRecord, Change, CommitOutcome, Diff, InstanceSummary, StageRecord, Validation, VersionDiff, VersionRecord } from "./types";

type O = Record<string, unknown>;

interface Saved {
  record: VersionRecord;
  text: string;
}

const cmp = (a: string, b: string) => {
  const pa = a.split(".").map(Number), pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
};

function leaves(v: unknown, path: string, out: Map<string, unknown>) {
  if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v as O)) leaves(x, `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, out);
  } else out.set(path, v);
}

/** A leaf-by-leaf diff (the identity's version excluded). */
export function mockDiff(a: O, b: O): Diff {
  const la = new Map<string, unknown>(), lb = new Map<string, unknown>();
  leaves(a, "", la);
  leaves(b, "", lb);
  const changes: Change[] = [];
  for (const p of new Set([...la.keys(), ...lb.keys()])) {
    if (p === "/identity/version" || la.get(p) === lb.get(p)) continue;
    const kind = !la.has(p) ? "added" : !lb.has(p) ? "removed" : "changed";
    changes.push({
      pointer: p,
      label: p.slice(1).split("/").join(" › "),
      domain: p.split("/")[1] ?? "",
      kind,
      old: la.get(p) ?? null,
      new: lb.get(p) ?? null,
      bump: kind === "changed" ? "patch" : "minor",
      why: kind === "changed" ? "a value changed" : kind,
    });
  }
  return { changes, suggested: changes.length ? (changes.some((c) => c.bump === "minor") ? "minor" : "patch") : null };
}

const STAGES = ["ingest", "validate", "compile", "score", "simulate", "generate", "bundle", "deploy"];

export class MockStore {
  private versions: Saved[] = [];
  private buildRecords: BuildRecord[] = [];

  /** The engine's gates, with the mock's validator: blocking findings stop the run. */
  async build(instance: string, version: string, validate: (name: string, text: string) => Promise<Validation>): Promise<BuildOutcome> {
    const v = this.find(instance, version);
    const earlier = this.buildRecords.find((b) => b.input_fingerprint === v.record.fingerprint);
    if (earlier) return { record: earlier, created: false };
    const report = (await validate(`${instance}.json`, v.text)).report;
    const blocking = report.findings.filter((f) => f.severity === "blocking");
    const stage = (name: string, status: string, detail: string, reason: string | null = null): StageRecord => ({ stage: name, status, reason_code: reason, detail, duration_ms: 0, outputs: [] });
    const stages = STAGES.map((s, i) =>
      i === 0
        ? stage(s, "passed", `${instance}@${version}`)
        : i === 1
          ? blocking.length
            ? stage(s, "failed", `${blocking.length} blocking finding(s)`, "GOV-P001")
            : stage(s, "passed", `no blocking findings; compliance ${report.compliance_score}`)
          : blocking.length
            ? stage(s, "blocked", "not run: the validate gate failed")
            : stage(s, "skipped", `the ${s} stage is not available in this build of CoGov`, "GOV-P002"),
    );
    const record: BuildRecord = {
      id: this.buildRecords.length + 1,
      instance,
      version,
      input_fingerprint: v.record.fingerprint,
      engine: "mock",
      status: blocking.length ? "failed" : "passed",
      reason_code: blocking.length ? "GOV-P001" : null,
      author: "designer",
      started_at: new Date(0).toISOString(),
      finished_at: new Date(0).toISOString(),
      stages,
    };
    this.buildRecords.push(record);
    return { record, created: true };
  }

  builds(instance: string): BuildRecord[] {
    return this.buildRecords.filter((b) => b.instance === instance).reverse();
  }

  private of(instance: string): Saved[] {
    return this.versions.filter((v) => v.record.instance === instance);
  }

  private find(instance: string, version: string): Saved {
    const v = this.of(instance).find((x) => x.record.version === version);
    if (!v) throw new BackendError("GOV-S013", `no version ${version} of \`${instance}\``);
    return v;
  }

  commit(text: string, message: string, author = "designer"): CommitOutcome {
    const gco = JSON.parse(text) as { identity?: { name?: string; version?: string } };
    const instance = gco.identity?.name ?? "";
    const version = gco.identity?.version ?? "";
    const canonical = JSON.stringify(gco, null, 2) + "\n";
    const same = this.of(instance).find((v) => v.record.version === version);
    if (same) {
      if (same.text === canonical) return { record: same.record, created: false, suggested: null, changes: 0 };
      throw new BackendError("GOV-S010", `${instance}@${version} is already saved with other content; raise the version`);
    }
    const prev = this.of(instance).at(-1);
    if (prev && cmp(version, prev.record.version) <= 0) {
      throw new BackendError("GOV-S011", `${instance}: ${prev.record.version} → ${version} is not enough: raise the version`);
    }
    const d = prev ? mockDiff(JSON.parse(prev.text), gco as O) : null;
    const record: VersionRecord = {
      instance,
      version,
      fingerprint: `sha256:${(this.versions.length + 1).toString(16).padStart(64, "0")}`,
      parent: prev?.record.version ?? null,
      kind: "commit",
      rollback_of: null,
      bump: d?.suggested ?? null,
      message,
      author,
      created_at: new Date(0).toISOString(),
      compliance_score: 100,
      blocking: 0,
      proposal: null,
    };
    this.versions.push({ record, text: canonical });
    return { record, created: true, suggested: d?.suggested ?? null, changes: d?.changes.length ?? 0 };
  }

  instances(): InstanceSummary[] {
    const names = [...new Set(this.versions.map((v) => v.record.instance))].sort();
    return names.map((instance) => {
      const all = this.of(instance);
      return { instance, versions: all.length, latest: all[all.length - 1].record };
    });
  }

  log(instance: string): VersionRecord[] {
    const all = this.of(instance);
    if (!all.length) throw new BackendError("GOV-S012", `no design \`${instance}\` in the store`);
    return all.map((v) => v.record);
  }

  show(instance: string, version: string): string {
    return this.find(instance, version).text;
  }

  diff(instance: string, old: string, new_: string): VersionDiff {
    const a = this.find(instance, old), b = this.find(instance, new_);
    return { diff: mockDiff(JSON.parse(a.text), JSON.parse(b.text)), left: a.text, right: b.text };
  }

  rollback(instance: string, version: string, message: string): VersionRecord {
    const target = this.find(instance, version);
    const head = this.of(instance).at(-1)!;
    const [maj, min, pat] = head.record.version.split(".").map(Number);
    const gco = JSON.parse(target.text) as { identity: { version: string } };
    gco.identity.version = `${maj}.${min}.${pat + 1}`;
    const out = this.commit(JSON.stringify(gco), message || `Roll back to ${version}`);
    const saved = this.versions[this.versions.length - 1];
    saved.record = { ...out.record, kind: "rollback", rollback_of: version, bump: "patch" };
    return saved.record;
  }
}
