// What one alert run costs as history grows: the Action (dist/index.js, run as a runner runs it,
// against the loopback emulator and a bare remote) opens an incident in a repository that already
// holds 100, 1,000 and 10,000 past incidents, closed and archived as the Action leaves them. The
// figure is the wall time of the Action's process, median of RUNS; the goal is flat within 20 %.
//   npm run bench -- history                   the figures
//   HISTORY_LEGACY=1 INCIDENT_AS_CODE_ACTION=… the same history written as one flat folder, for a build
//                                              that reads it that way (to compare with an older build)
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { serializeRecord } from "../src/incident/codec.js";
import { archivePath, recordPath } from "../src/incident/paths.js";
import { buildAlert, buildRecord } from "../src/incident/testing.js";
import { dispatchEvent, example, world } from "../test/e2e/harness.js";

const SIZES = [100, 1_000, 10_000];
const RUNS = 7;
const legacy = process.env.HISTORY_LEGACY === "1";

/** `n` closed incidents spread over the two years before now, archived by month. */
function seedHistory(dir: string, n: number): void {
  const start = Date.now() - 2 * 365 * 86_400_000;
  const perDay = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const at = new Date(start + Math.floor((i * 2 * 365 * 86_400_000) / n));
    const day = at.toISOString().slice(0, 10);
    const seq = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, seq);
    const id = `${day}-${String(seq).padStart(3, "0")}`;
    const iso = at.toISOString();
    const record = buildRecord({
      id,
      status: "closed",
      groupKey: `svc${i % 50}:http:5xx`,
      alerts: [buildAlert(`hist-${i}`, { startsAt: iso, receivedAt: iso, status: "resolved", endsAt: iso })],
      timestamps: { started: iso, detected: iso, acknowledged: iso, mitigated: iso, resolved: iso, closed: iso },
      links: { issue: i + 1, postmortemPr: null, postmortemPath: null, openedBy: null },
    });
    const path = join(dir, legacy ? recordPath(id) : archivePath(id));
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, serializeRecord(record));
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** A firing alert of a group of its own: every run opens a new incident. */
function alert(n: number): unknown {
  const base = example("high-error-rate.json") as { alerts: Record<string, unknown>[] } & Record<string, unknown>;
  const a = base.alerts[0] ?? {};
  const now = new Date().toISOString();
  return { ...base, alerts: [{ ...a, startsAt: now, labels: { ...(a.labels as object), alertname: `BenchAlert${n}`, error_type: `bench_${n}` }, fingerprint: `bench${String(n).padStart(12, "0")}` }] };
}

// Every size gets its world first; then the runs go round the sizes, so a busy machine slows them alike.
const worlds = await Promise.all(SIZES.map((size) => world({}, (seed) => seedHistory(seed, size))));
const times = SIZES.map(() => [] as number[]);
try {
  for (let r = 0; r < RUNS; r++) {
    for (const [i, w] of worlds.entries()) {
      const run = await w.act("repository_dispatch", dispatchEvent("alertmanager", alert(r)));
      if (run.code !== 0 || run.outputs.decision !== "opened") throw new Error(`run ${r} at ${SIZES[i]}: exit ${run.code}, ${run.outputs.decision ?? "?"}: ${run.stderr.slice(-500)}`);
      times[i]?.push(Date.now() - run.startedAt);
    }
  }
} finally {
  await Promise.all(worlds.map((w) => w.close()));
}
const medians = times.map(median);
const fastest = times.map((t) => Math.min(...t));
SIZES.forEach((size, i) => console.log(`${String(size).padStart(6)} past incidents: median ${medians[i]} ms, fastest ${fastest[i]} ms per alert run (${RUNS} runs: ${times[i]?.join(", ")} ms)`));
// The fastest run is the least disturbed by whatever else the machine does; both should be flat.
const growth = (xs: number[]): number => Math.max(...xs.map((x) => x / (xs[0] ?? NaN)));
const worst = Math.max(growth(medians), growth(fastest));
console.log(`\nlargest history / 100: median ×${growth(medians).toFixed(2)}, fastest ×${growth(fastest).toFixed(2)} (goal: flat within 20 %, ×1.20) — ${worst <= 1.2 ? "flat" : "NOT flat"}`);
