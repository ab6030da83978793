// Benchmark: a generated 10,000-alert Alertmanager payload (many groups, some resolved) through
// normalize → decide. Prints alerts/second, the ratio engine time ÷ JSON.parse time of the same
// bytes in the same run (target ≤ 3×) and peak memory (target < 200 MB), with the figures that say
// how much of that memory is the engine's.
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { normalize } from "../src/alerts/registry.js";
import { decide } from "../src/engine/decide.js";
import { shippedPolicies, testOnCall } from "../test/engine/fixtures.js";

const ALERTS = 10_000;
const RUNS = 7;
const NOW = new Date("2026-03-02T10:00:00.000Z");

function payload(): string {
  const services = ["api", "web", "database", "auth", "payments", "search"];
  const names = ["HighErrorRate", "HighLatency", "DiskSpaceCritical", "PodCrashLooping", "QueueBacklog", "CertificateExpiring", "ReplicaLag", "CacheMissRate"];
  const severities = ["critical", "warning", "info"];
  const alerts = Array.from({ length: ALERTS }, (_, i) => {
    const resolved = i % 10 === 0;
    const labels = {
      alertname: names[i % names.length] as string,
      service: services[(i >> 3) % services.length] as string,
      component: `component-${(i >> 5) % 24}`,
      severity: severities[i % severities.length] as string,
      instance: `host-${i % 500}.internal:9100`,
      job: "node",
      namespace: `ns-${i % 12}`,
    };
    return {
      status: resolved ? "resolved" : "firing",
      labels,
      annotations: { summary: `${labels.alertname} on ${labels.instance}`, description: `Instance ${labels.instance} of ${labels.service} has fired ${labels.alertname} for more than five minutes.` },
      startsAt: new Date(NOW.getTime() - 60_000 - (i % 3600) * 1000).toISOString(),
      endsAt: resolved ? NOW.toISOString() : "0001-01-01T00:00:00Z",
      generatorURL: `http://prometheus:9090/graph?g0.expr=${encodeURIComponent(`up{instance="${labels.instance}"}`)}`,
      fingerprint: i.toString(16).padStart(16, "0"),
    };
  });
  return JSON.stringify({ version: "4", groupKey: "{}:{}", truncatedAlerts: 0, status: "firing", receiver: "bench", groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: "http://am:9093", alerts });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined); // the runner passes --expose-gc
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
const text = payload();
const policies = shippedPolicies();
const onCall = testOnCall(policies);

// Memory: the Action handles one payload per process, so the figure that matters is the peak RSS of
// a process that reads one payload and decides on it. A child process does exactly that.
if (process.argv.includes("--once")) {
  const result = normalize("alertmanager", JSON.parse(text) as unknown, { maxAlerts: ALERTS });
  const verdict = decide(result.alerts, policies, [], NOW, onCall);
  process.stdout.write(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, effects: verdict.steps.length }));
  process.exit(0);
}

const rssBefore = process.memoryUsage().rss;
const parseTimes: number[] = [];
const engineTimes: number[] = [];
let groups = 0;
for (let run = 0; run < RUNS + 1; run++) {
  gc(); // each timed run starts from a clean heap, as each Action run does
  const t0 = performance.now();
  const parsed: unknown = JSON.parse(text);
  const t1 = performance.now();
  const result = normalize("alertmanager", parsed, { maxAlerts: ALERTS });
  const verdict = decide(result.alerts, policies, [], NOW, onCall);
  const t2 = performance.now();
  if (result.errors.length || result.alerts.length !== ALERTS) throw new Error(`unexpected normalize result: ${result.errors.map(String).join("; ")}`);
  groups = verdict.steps.length;
  if (run === 0) continue; // warm-up
  parseTimes.push(t1 - t0);
  engineTimes.push(t2 - t1);
}
const parseMs = median(parseTimes);
const engineMs = median(engineTimes);
const once = JSON.parse(execFileSync(process.execPath, [process.argv[1] ?? "", "--once"], { encoding: "utf8" })) as { maxRssKb: number };
const peakMb = once.maxRssKb / 1024;

// What of that memory the engine keeps: heap after a full GC with the parsed payload held, then
// with the alerts and the Plan held too.
gc();
const heapBefore = process.memoryUsage().heapUsed;
const kept: unknown = JSON.parse(text);
gc();
const heapParsed = process.memoryUsage().heapUsed;
const keptPlan = decide(normalize("alertmanager", kept, { maxAlerts: ALERTS }).alerts, policies, [], NOW, onCall);
gc();
const heapPlan = process.memoryUsage().heapUsed;

const ratio = engineMs / parseMs;
console.log(`payload: ${ALERTS} alerts, ${(text.length / 1024 / 1024).toFixed(1)} MB, ${groups} effects`);
console.log(`JSON.parse:         ${parseMs.toFixed(1)} ms (median of ${RUNS})`);
console.log(`normalize+decide:   ${engineMs.toFixed(1)} ms → ${Math.round(ALERTS / (engineMs / 1000)).toLocaleString("en")} alerts/s`);
console.log(`engine / JSON.parse: ${ratio.toFixed(2)}× (target ≤ 3×) ${ratio <= 3 ? "ok" : "OVER"}`);
console.log(`RSS before runs:    ${mb(rssBefore)} MB (Node, compiled policies, payload text)`);
console.log(`peak RSS, one payload in one process: ${peakMb.toFixed(0)} MB (target < 200 MB) ${peakMb < 200 ? "ok" : "OVER"}`);
console.log(`heap kept (one run): parsed payload ${mb(heapParsed - heapBefore)} MB, then alerts + Plan ${mb(heapPlan - heapParsed)} MB (${keptPlan.decisions.length} decisions)`);
