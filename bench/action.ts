// How much each event costs on GitHub, and how fast the Action starts: runs dist/index.js as a
// runner does against the loopback emulator and a bare remote, counting API requests per event
// type (reads and writes: every write GitHub throttles costs seconds), and the time from process
// start to the first API request, beside a bare `node -e 0` in the same run.
import { execFileSync } from "node:child_process";
import { dispatchEvent, example, world, type World } from "../test/e2e/harness.js";
import { commentEvent } from "../test/e2e/incident-events.js";

const firstRequestAt: number[] = [];
const w: World = await world({ onRequest: () => void firstRequestAt.push(Date.now()) });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function measure(name: string, eventName: string, payload: () => unknown): Promise<void> {
  const before = w.gh.requests.length;
  firstRequestAt.length = 0;
  const run = await w.act(eventName, payload());
  const requests = w.gh.requests.slice(before);
  const writes = requests.filter((r) => r.method !== "GET").length;
  const toFirst = firstRequestAt.length > 0 ? `${(firstRequestAt[0]! - run.startedAt).toFixed(0)} ms` : "no request";
  console.log(`${name.padEnd(34)} exit ${run.code}  requests ${String(requests.length).padStart(2)} (${writes} writes)  start → first request ${toFirst}`);
}

try {
  const nodeStart: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = Date.now();
    execFileSync(process.execPath, ["-e", "0"]);
    nodeStart.push(Date.now() - t);
  }
  console.log(`node -e 0: ${median(nodeStart)} ms (median of 5)\n`);

  await measure("new incident (ServiceDown)", "repository_dispatch", () => dispatchEvent("alertmanager", example("service-down.json")));
  await measure("same dispatch again (idempotent)", "repository_dispatch", () => dispatchEvent("alertmanager", example("service-down.json")));
  await measure("new incident (HighErrorRate)", "repository_dispatch", () => dispatchEvent("alertmanager", example("high-error-rate.json")));
  await measure("update: alerts resolve", "repository_dispatch", () => dispatchEvent("alertmanager", example("resolved.json")));
  const base = example("disk-space-critical.json") as { alerts: Record<string, unknown>[] } & Record<string, unknown>;
  const storm = { ...base, alerts: Array.from({ length: 1000 }, (_, i) => ({ ...base.alerts[0], labels: { ...(base.alerts[0]?.labels as object), instance: `db-${i}` }, fingerprint: `bench${String(i).padStart(11, "0")}` })) };
  await measure("storm: 1,000 alerts, one group", "repository_dispatch", () => dispatchEvent("alertmanager", storm));
  const issue = w.gh.state.issues[0]?.number ?? 1;
  await measure("command: /ack", "issue_comment", () => commentEvent(w, issue, "/ack", "bob-example").event);
  console.log(`\ncontract violations: ${w.gh.violations.length}`);
} finally {
  await w.close();
}
