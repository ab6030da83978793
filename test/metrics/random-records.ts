// Random but valid incident records, from a seed: the metrics scale benchmark writes 10,000 of them
// to disk, and the metrics tests compare the report with a straightforward computation over a few
// hundred. Same seed, same records. The mix is deliberately awkward for metrics: incidents that
// share a start instant, open incidents, unacknowledged ones, categories that differ only in case
// and punctuation, records outside the range, overlapping outages on one component.
import type { Severity } from "../../src/config/types.js";
import type { ActionItem, IncidentRecord, IncidentStatus, RecordedAlert, TimelineEntry } from "../../src/incident/record.js";

/** mulberry32: a small, fast, seedable PRNG (the sequence only has to be repeatable, not strong). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface RandomRecordsOptions {
  count: number;
  seed?: number;
  /** Detection times spread over this span (ms) ending at `end` (ISO). */
  spanMs: number;
  end: string;
}

const SEVERITIES: Severity[] = ["P0", "P1", "P2", "P3"];
const SERVICES = ["api", "web", "database", "auth", "payments", "search", "unlisted-service"];
// Spelled apart on purpose: normaliseCategory folds "Config Change" and "config-change" together.
const CATEGORIES = [null, null, "deployment", "Deployment", "config-change", "Config Change", "capacity", "dependency", "database", "network", "security", "human-error", "é-ünicode"];
const OPEN: IncidentStatus[] = ["triggered", "acknowledged", "investigating", "identified", "monitoring"];
const DONE: IncidentStatus[] = ["resolved", "postmortem-draft", "postmortem-review", "postmortem-published", "closed"];
const MIN = 60_000;

export function randomRecords(options: RandomRecordsOptions): IncidentRecord[] {
  const rnd = prng(options.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const end = Date.parse(options.end);
  const perDay = new Map<string, number>();
  const records: IncidentRecord[] = [];
  let previousStart = end - options.spanMs;
  for (let i = 0; i < options.count; i++) {
    // One in ten starts at the same instant as the one before (ties are where orderings go wrong).
    const started = rnd() < 0.1 ? previousStart : Math.floor(end - rnd() * options.spanMs * 1.05);
    previousStart = started;
    const detected = started + Math.floor(rnd() * 6 * MIN);
    const day = new Date(detected).toISOString().slice(0, 10);
    const n = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, n);
    const open = rnd() < 0.08;
    const status = open ? pick(OPEN) : pick(DONE);
    const acknowledged = rnd() < 0.15 ? null : detected + Math.floor(rnd() * 40 * MIN);
    const resolved = open ? null : Math.max(acknowledged ?? detected, detected) + Math.floor(rnd() * 8 * 60 * MIN);
    const severity = pick(SEVERITIES);
    const service = pick(SERVICES);
    const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
    const alerts: RecordedAlert[] = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, k) => ({
      fingerprint: `fp${i.toString(16)}x${k}`,
      source: pick(["alertmanager", "grafana", "alert"]),
      name: pick(["HighErrorRate", "ServiceDown", "DiskSpaceCritical", "LatencyHigh"]),
      status: resolved === null ? "firing" : "resolved",
      startsAt: new Date(started).toISOString(),
      endsAt: iso(resolved),
      receivedAt: new Date(detected).toISOString(),
      labels: { service: rnd() < 0.8 ? service : pick(SERVICES), instance: `host-${k}`, severity: "critical" },
      annotations: { summary: `summary of alert ${k} for incident ${i}` },
      generatorURL: rnd() < 0.5 ? null : `https://prometheus.example.com/graph?g0.expr=up%7Bjob%3D%22${service}%22%7D`,
    }));
    const actionItems: ActionItem[] = Array.from({ length: Math.floor(rnd() * 4) }, (_, k) => ({
      title: `Follow-up ${k} of incident ${i}`,
      owner: "alice-example",
      due: new Date(detected + Math.floor(rnd() * 60) * 86_400_000).toISOString().slice(0, 10),
      priority: pick(["High", "Medium", "Low"] as const),
      source: "manual",
      issue: rnd() < 0.6 ? 1000 + i * 4 + k : null,
    }));
    const timeline: TimelineEntry[] = [
      { at: new Date(detected).toISOString(), actor: "incident-as-code", kind: "opened", text: `opened from ${alerts[0]?.name ?? "an alert"}` },
      ...Array.from({ length: Math.floor(rnd() * 8) }, (_, k): TimelineEntry => ({
        at: new Date(detected + (k + 1) * 3 * MIN).toISOString(),
        actor: pick(["alice-example", "bob-example", "incident-as-code"]),
        kind: pick(["update", "note", "status", "assign"] as const),
        text: `step ${k}: ${"checked the dashboards and the recent deploys ".repeat(1 + Math.floor(rnd() * 3))}`.trim(),
      })),
    ];
    const published = status === "postmortem-published" || (status === "closed" && rnd() < 0.7);
    records.push({
      schema: 1,
      id: `${day}-${String(n).padStart(3, "0")}`,
      title: `${service}: ${alerts[0]?.name ?? "declared"}`,
      severity,
      status,
      groupKey: `${service}:http:5xx`,
      service,
      component: "http",
      errorType: "5xx",
      type: rnd() < 0.05 ? "security" : null,
      commander: rnd() < 0.9 ? "alice-example" : null,
      responders: ["alice-example"],
      team: "backend",
      rotation: "api-oncall",
      escalationPolicy: "default",
      alerts,
      timestamps: {
        started: new Date(started).toISOString(),
        detected: new Date(detected).toISOString(),
        acknowledged: iso(acknowledged),
        mitigated: resolved === null || rnd() < 0.5 ? null : iso(resolved - 5 * MIN),
        resolved: iso(resolved),
        closed: status === "closed" && resolved !== null ? iso(resolved + 86_400_000) : null,
      },
      impact: { users: rnd() < 0.3 ? "some users saw errors" : null, revenue: null, sla: null, summary: null },
      rootCause: { category: pick(CATEGORIES), text: rnd() < 0.5 ? "a bad deploy" : null },
      actionItems,
      links: {
        issue: 100 + i,
        postmortemPr: published ? 5000 + i : null,
        postmortemPath: published ? `postmortems/${day}-${String(n).padStart(3, "0")}.md` : null,
        openedBy: null,
      },
      escalation: { stepsFired: Math.floor(rnd() * 3), lastEscalatedAt: null },
      timeline,
    });
  }
  return records;
}
