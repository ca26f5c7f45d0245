// The store for the mock backend: versions kept in memory, with the engine's rules that a
// designer notices (a saved version is never overwritten; a version must rise). Diffs and the
// bump they suggest are the engine's, looked up in the fixtures (`engineDiff`).
import { BackendError } from "./backend";
import { engineDiff } from "./mock-fixtures";
import type { Blocked, BuildOutcome, BuildRecord, Case, Channel, CommitOutcome, Event, InstanceSummary, Metrics, ReleaseRecord, Releases, StageRecord, VersionDiff, VersionRecord } from "./types";

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

const STAGES = ["ingest", "validate", "compile", "score", "simulate", "generate", "bundle", "deploy"];

export class MockStore {
  private versions: Saved[] = [];
  private buildRecords: BuildRecord[] = [];

  /** A build of a stored version: `gate` gives the engine's answer for its text (blocked with
   *  the gate's code, or not, and the compliance score); the later stages do not run here. */
  async build(instance: string, version: string, gate: (text: string) => { blocked: Blocked | null; compliance: number }): Promise<BuildOutcome> {
    const v = this.find(instance, version);
    const earlier = this.buildRecords.find((b) => b.input_fingerprint === v.record.fingerprint);
    if (earlier) return { record: earlier, created: false };
    const { blocked, compliance } = gate(v.text);
    const stage = (name: string, status: string, detail: string, reason: string | null = null): StageRecord => ({ stage: name, status, reason_code: reason, detail, duration_ms: 0, outputs: [] });
    const stages = STAGES.map((s, i) =>
      i === 0
        ? stage(s, "passed", `${instance}@${version}`)
        : i === 1
          ? blocked
            ? stage(s, "failed", blocked.message, blocked.code)
            : stage(s, "passed", `no blocking findings; compliance ${compliance}`)
          : blocked
            ? stage(s, "blocked", "not run: the validate gate failed")
            : stage(s, "skipped", `the ${s} stage does not run in the mock`),
    );
    const record: BuildRecord = {
      id: this.buildRecords.length + 1,
      instance,
      version,
      input_fingerprint: v.record.fingerprint,
      engine: "mock",
      status: blocked ? "failed" : "passed",
      reason_code: blocked?.code ?? null,
      author: "designer",
      started_at: new Date(0).toISOString(),
      finished_at: new Date(0).toISOString(),
      stages,
    };
    this.buildRecords.push(record);
    this.event("gate." + (blocked ? "failed" : "passed"), instance, `build:${record.id}`, record.reason_code);
    if (blocked) this.openCase(instance, "gate_failed", record.reason_code, `build:${record.id}`, `the build of ${instance}@${version} stopped at validate`, v.text);
    return { record, created: true };
  }

  private caseList: Case[] = [];
  private releaseRecords: ReleaseRecord[] = [];
  private eventList: Event[] = [];

  private event(kind: string, instance: string | null, subject: string, reason_code: string | null = null) {
    this.eventList.push({ id: this.eventList.length + 1, at: new Date(0).toISOString(), kind, instance, subject, reason_code, details: {} });
  }

  /** As the store: the task goes to the first level of the design's escalation ladder. */
  private openCase(instance: string, kind: Case["kind"], reason_code: string | null, subject: string, summary: string, text: string) {
    let assignee = "unrouted", level: string | null = null;
    try {
      const first = JSON.parse(text)?.escalation?.levels?.[0];
      if (first) {
        level = first.id;
        const d = first.decided_by ?? {};
        assignee = d.kind === "role" ? `role:${d.role}` : d.kind === "decision_type" ? `decision_type:${d.decision_type}` : `external:${d.body}`;
      }
    } catch {
      /* unreadable text: unrouted */
    }
    const at = new Date(0).toISOString();
    const c: Case = { id: this.caseList.length + 1, instance, kind, reason_code, subject, summary, opened_at: at, state: "open", assignee, level, due_at: null, history: [{ state: "open", author: "designer", reason: summary, at }] };
    this.caseList.push(c);
    this.event("case.opened", instance, `case:${c.id}`, reason_code);
  }

  cases(instance: string | null): Case[] {
    return this.caseList.filter((c) => instance === null || c.instance === instance).reverse();
  }

  moveCase(id: number, to: "triaged" | "resolved", reason: string): Case {
    const c = this.caseList.find((x) => x.id === id);
    if (!c) throw new BackendError("GOV-P020", `no case ${id}`);
    const ok = (c.state === "open" && (to === "triaged" || to === "resolved")) || (c.state === "triaged" && to === "resolved");
    if (!ok) throw new BackendError("GOV-P021", `case ${id} is ${c.state}: it cannot move to ${to}`);
    c.history.push({ state: to, author: "designer", reason, at: new Date(0).toISOString() });
    c.state = to;
    this.event(`task.${to}`, c.instance, `case:${id}`, c.reason_code);
    return c;
  }

  promote(build: number, channel: string, reason: string): ReleaseRecord {
    const b = this.buildRecords.find((x) => x.id === build);
    if (!b) throw new BackendError("GOV-P003", `no build ${build}`);
    const refused = b.status !== "passed";
    const r: ReleaseRecord = { id: this.releaseRecords.length + 1, instance: b.instance, channel, action: "promote", build, version: b.version, status: refused ? "refused" : "done", reason_code: refused ? "GOV-P010" : null, author: "designer", reason, at: new Date(0).toISOString() };
    this.releaseRecords.push(r);
    this.event(refused ? "release.refused" : "release.promote", b.instance, `release:${r.id}`, r.reason_code);
    if (refused) {
      const text = this.find(b.instance, b.version).text;
      this.openCase(b.instance, "release_refused", "GOV-P010", `release:${r.id}`, `promote to \`${channel}\` refused: build ${build} failed a gate`, text);
      throw new BackendError("GOV-P010", `build ${build} failed a gate (${b.reason_code})`);
    }
    return r;
  }

  releases(instance: string): Releases {
    const records = this.releaseRecords.filter((r) => r.instance === instance);
    const names = [...new Set(records.map((r) => r.channel))].sort();
    const channels: Channel[] = names.map((name) => {
      const done = records.filter((r) => r.channel === name && r.status === "done").map((r) => r.build as number);
      const build = done.length ? done[done.length - 1] : null;
      return { name, build, version: this.buildRecords.find((b) => b.id === build)?.version ?? null, pinned: false, previous: done.slice(0, -1).reverse() };
    });
    return { design: instance, channels, records };
  }

  events(after: number): Event[] {
    return this.eventList.filter((e) => e.id > after);
  }

  metrics(instance: string | null): Metrics {
    const builds = this.buildRecords.filter((b) => instance === null || b.instance === instance);
    const versions = this.versions.filter((v) => instance === null || v.record.instance === instance);
    const passed = builds.filter((b) => b.status === "passed").length;
    const releases = this.releaseRecords.filter((r) => instance === null || r.instance === instance);
    const refused = releases.filter((r) => r.status === "refused").length;
    const cases = this.cases(instance);
    const none = { count: 0, mean: 0, p50: 0, p95: 0, max: 0 };
    const failures = new Map<string, number>();
    for (const b of builds) if (b.reason_code) failures.set(b.reason_code, (failures.get(b.reason_code) ?? 0) + 1);
    return {
      instance,
      builds: builds.length,
      builds_passed: passed,
      builds_per_day: builds.length ? [{ day: "1970-01-01", passed, failed: builds.length - passed }] : [],
      build_ms: none,
      stage_ms: [],
      validations: versions.length,
      validation_pass_rate: versions.length ? versions.filter((v) => !v.record.blocking).length / versions.length : null,
      top_reason_codes: [],
      gate_failures: [...failures].map(([code, count]) => ({ code, count })),
      releases: releases.length,
      releases_refused: refused,
      release_success_rate: releases.length ? (releases.length - refused) / releases.length : null,
      versions: versions.length,
      version_rollbacks: versions.filter((v) => v.record.kind === "rollback").length,
      release_rollbacks: 0,
      rollback_rate: null,
      cases: cases.length,
      cases_open: cases.filter((c) => c.state !== "resolved").length,
      case_lead_time_hours: none,
    };
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
    const d = prev ? engineDiff(JSON.parse(prev.text), gco as O) : null;
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

  /** A design's saved versions and their texts, oldest first (empty when it is not stored). */
  texts(instance: string): { version: string; text: string }[] {
    return this.of(instance).map((v) => ({ version: v.record.version, text: v.text }));
  }

  show(instance: string, version: string): string {
    return this.find(instance, version).text;
  }

  diff(instance: string, old: string, new_: string): VersionDiff {
    const a = this.find(instance, old), b = this.find(instance, new_);
    return { diff: engineDiff(JSON.parse(a.text), JSON.parse(b.text)), left: a.text, right: b.text };
  }

  rollback(instance: string, version: string, message: string): VersionRecord {
    const target = this.find(instance, version);
    const head = this.of(instance).at(-1)!;
    const [maj, min, pat] = head.record.version.split(".").map(Number);
    // The bump the change from the head back to the target calls for, as the engine says (at least a patch).
    const bump = engineDiff(JSON.parse(head.text), JSON.parse(target.text)).suggested ?? "patch";
    const gco = JSON.parse(target.text) as { identity: { version: string } };
    gco.identity.version = bump === "major" ? `${maj + 1}.0.0` : bump === "minor" ? `${maj}.${min + 1}.0` : `${maj}.${min}.${pat + 1}`;
    const out = this.commit(JSON.stringify(gco), message || `Roll back to ${version}`);
    const saved = this.versions[this.versions.length - 1];
    saved.record = { ...out.record, kind: "rollback", rollback_of: version, bump };
    return saved.record;
  }
}
