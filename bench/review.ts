// Benchmark: what reviewing a policy change costs, and how exact the on-call import is.
//  1. The policy replay one pull request runs: the default 500 most recent recorded alerts through
//     the base's and the head's policies (moving the database route to another team), each at its
//     own time, plus 14 days of on-call compared — milliseconds per replay (median of 5).
//  2. `incident import pagerduty` on the fixture written from PagerDuty's documented semantics:
//     agreement with PagerDuty's final schedule, hour by hour for 8 weeks across DST and at every
//     handoff (the import's own check).
// Run: npm run bench -- review
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { runImportPagerDuty } from "../src/cli/import-pagerduty.js";
import { compilePolicies, loadPolicyDir } from "../src/config/index.js";
import type { IncidentRecord } from "../src/incident/record.js";
import { policyOnCall } from "../src/oncall/port.js";
import { replayPolicies } from "../src/replay/replay.js";
import { policyFiles, repoRoot } from "../test/engine/fixtures.js";
import { moveDatabaseRoute, replayRecords } from "../test/replay/fixture.js";

const DAY = 86_400_000;
const ALERTS = 500;

/** A record moved `days` later, with its own id: the month of history repeated to reach 500 alerts. */
function shifted(r: IncidentRecord, days: number, n: number): IncidentRecord {
  const move = (iso: string | null): string | null => (iso === null ? null : new Date(Date.parse(iso) + days * DAY).toISOString());
  const at = (iso: string): string => move(iso) ?? iso;
  const timestamps = Object.fromEntries(Object.entries(r.timestamps).map(([k, v]) => [k, move(v)])) as IncidentRecord["timestamps"];
  return {
    ...r,
    id: `${at(r.timestamps.started).slice(0, 10)}-${String(n).padStart(3, "0")}`,
    timestamps,
    alerts: r.alerts.map((a) => ({ ...a, startsAt: at(a.startsAt), endsAt: move(a.endsAt), receivedAt: at(a.receivedAt) })),
    timeline: r.timeline.map((e) => ({ ...e, at: at(e.at) })),
  };
}

function history(): IncidentRecord[] {
  const month = replayRecords();
  const out: IncidentRecord[] = [];
  let alerts = 0;
  for (let k = 0; alerts < ALERTS; k++) {
    for (const r of month) {
      if (alerts >= ALERTS) break;
      out.push(shifted(r, k * 28, out.length + 1));
      alerts += r.alerts.length;
    }
  }
  return out;
}

function replayBench(): void {
  const files = policyFiles();
  const moved = moveDatabaseRoute({ routing: files["policies/routing.yaml"] ?? "", rotations: files["policies/oncall/rotations.yaml"] ?? "" });
  const base = compilePolicies(files).policies;
  const head = compilePolicies({ ...files, "policies/routing.yaml": moved.routing, "policies/oncall/rotations.yaml": moved.rotations }).policies;
  if (!base || !head) throw new Error("the benchmark's policies do not load");
  const records = history();
  const now = Date.parse(records.at(-1)?.timestamps.resolved ?? "") + DAY;
  const times: number[] = [];
  let report;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    report = replayPolicies({ base, head, records, now, onCall: policyOnCall });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`policy replay: ${report?.replayed ?? 0} alerts (${records.length} incidents) through base and head + ${report?.oncall.days ?? 0} days of on-call: ${(times[2] ?? 0).toFixed(0)} ms median of 5 (${report?.changedAlerts ?? 0} alerts would change)`);
}

async function pagerDutyBench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "iac-bench-pd-"));
  try {
    cpSync(join(repoRoot, "policies"), join(root, "policies"), { recursive: true });
    const fixtures = join(repoRoot, "test/pagerduty/fixtures");
    let out = "";
    const code = await runImportPagerDuty(join(fixtures, "schedule.json"), join(fixtures, "escalation_policy.json"), { out: join(root, "policies"), users: join(fixtures, "users.yaml") }, { loadPolicies: (r, d) => loadPolicyDir(r, d) }, { out: (t) => void (out += `${t}\n`), err: (t) => void (out += `${t}\n`) });
    const line = out.split("\n").find((l) => /PagerDuty's final schedule/.test(l)) ?? out;
    console.log(`pagerduty import (exit ${code}): ${line.trim()}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

replayBench();
await pagerDutyBench();
