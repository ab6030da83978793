// One trial of the fault campaign: the bundled Action (dist/index.js, run as a runner runs it)
// against the emulator with seeded random faults (5xx before and after writes, resets, 403/429
// secondary rate limits with retry-after, primary rate limits), fed parallel, duplicate and
// out-of-order deliveries that race each other on the records' git remote; then the schedule
// backstop runs without faults and the invariants are checked. Everything random comes from the
// seed, so a trial replays from it (the interleaving of parallel runs is the machine's).
import { prng, type RandomFaults } from "../emulator/faults.js";
import { dispatchEvent, example, world, type World } from "../e2e/harness.js";
import { commentEvent, scheduleEvent } from "../e2e/incident-events.js";
import { checkInvariants, records, type Violation } from "./invariants.js";

export interface TrialOptions {
  /** Probability that a request is faulted while the deliveries run. Default 0.12. */
  faultRate?: number;
}

export interface TrialResult {
  seed: number;
  violations: Violation[];
  /** Every fault the emulator injected: "POST /repos/acme/ops/issues: random 502 after the write". */
  faults: string[];
  /** Each Action run: what it was, its exit code and how long it took. */
  runs: { what: string; code: number; ms: number }[];
  requests: number;
  ms: number;
}

type AlertBody = { alerts: Record<string, unknown>[] } & Record<string, unknown>;

const GROUPS = { down: "service-down.json", errors: "high-error-rate.json" } as const;
type Group = keyof typeof GROUPS;

/** Alert `i` of a group as Alertmanager sends it, firing or resolved. */
function alertOf(group: Group, i: number, status: "firing" | "resolved", startsAt: string): Record<string, unknown> {
  const base = (example(GROUPS[group]) as AlertBody).alerts[0] ?? {};
  const labels = { ...(base.labels as Record<string, string>), instance: `${group}-${i}.internal:9090` };
  return { ...base, status, labels, startsAt, endsAt: status === "resolved" ? new Date(Date.parse(startsAt) + 60_000).toISOString() : "0001-01-01T00:00:00Z", fingerprint: fingerprint(group, i) };
}

const fingerprint = (group: Group, i: number) => `${group === "down" ? "d" : "e"}${String(i).padStart(15, "0")}`;

function payload(group: Group, alerts: Record<string, unknown>[]): unknown {
  const base = example(GROUPS[group]) as AlertBody;
  return dispatchEvent("alertmanager", { ...base, status: alerts.some((a) => a.status === "firing") ? "firing" : "resolved", alerts });
}

export async function runTrial(seed: number, options: TrialOptions = {}): Promise<TrialResult> {
  const started = Date.now();
  const random = prng(seed ^ 0x9e3779b9);
  const int = (n: number) => Math.floor(random() * n);
  const faults: RandomFaults = { seed, rate: options.faultRate ?? 0.12, retryAfterS: 1 };
  // GitHub's secondary limit is modelled, with a short retry-after so a trial does not sit out a minute.
  const w: World = await world({ randomFaults: faults, secondaryRetryAfterS: 1 });
  const runs: TrialResult["runs"] = [];
  const act = async (what: string, name: string, event: unknown, runId?: string) => {
    const r = await w.act(name, event, runId ? { runId } : {});
    runs.push({ what, code: r.code, ms: Date.now() - r.startedAt });
    return r;
  };
  const fingerprints: string[] = [];
  try {
    const startsAt = new Date(Date.now() - 120_000).toISOString();
    // 1. Firing alerts of two groups, in several deliveries at once, one of them delivered twice.
    const deliveries: { what: string; event: unknown }[] = [];
    for (const group of ["down", "errors"] as const) {
      const n = 2 + int(3);
      const alerts = Array.from({ length: n }, (_, i) => alertOf(group, i, "firing", startsAt));
      fingerprints.push(...alerts.map((a) => String(a.fingerprint)));
      const split = 1 + int(n);
      deliveries.push({ what: `${group} firing 0..${split - 1}`, event: payload(group, alerts.slice(0, split)) });
      if (split < n) deliveries.push({ what: `${group} firing ${split}..${n - 1}`, event: payload(group, alerts.slice(split)) });
    }
    const again = deliveries[int(deliveries.length)];
    if (again) deliveries.push({ what: `duplicate of ${again.what}`, event: again.event });
    await Promise.all(deliveries.map((d, i) => act(d.what, "repository_dispatch", d.event, `${seed}${i}`)));

    // 2. A responder acknowledges the P0 (the webhook delivered twice, as GitHub sometimes does).
    const down = records(w).find((r) => r.alerts.some((a) => a.fingerprint === fingerprint("down", 0)));
    if (down?.links.issue != null && w.gh.state.issue(down.links.issue)) {
      const { event } = commentEvent(w, down.links.issue, "/ack", "bob-example");
      await Promise.all([act("/ack", "issue_comment", event, `${seed}a`), ...(int(2) === 0 ? [act("/ack redelivered", "issue_comment", event, `${seed}a`)] : [])]);
    }

    // 3. The error-rate alerts resolve; an old firing delivery arrives late, out of order.
    const resolved = fingerprints.filter((f) => f.startsWith("e")).map((_, i) => alertOf("errors", i, "resolved", startsAt));
    await Promise.all([
      act("errors resolved", "repository_dispatch", payload("errors", resolved), `${seed}r`),
      act("errors firing, late", "repository_dispatch", payload("errors", [alertOf("errors", 0, "firing", startsAt)]), `${seed}l`),
    ]);

    // 4. GitHub recovers; the schedule backstop completes what was left half done.
    w.gh.randomize(undefined);
    await act("schedule backstop", "schedule", scheduleEvent());

    const violations = checkInvariants(w, fingerprints);
    const faultsSeen = w.gh.requests.filter((r) => r.fault).map((r) => `${r.method} ${r.path}: ${r.fault ?? ""}`);
    return { seed, violations, faults: faultsSeen, runs, requests: w.gh.requests.length, ms: Date.now() - started };
  } finally {
    await w.close();
  }
}

/** A one-paragraph account of a trial's violations: which invariant, which seed, what the emulator saw. */
export function describeTrial(t: TrialResult): string {
  const lines = [`seed ${t.seed}: ${t.violations.length} violation(s) in ${t.runs.length} runs (${t.runs.filter((r) => r.code !== 0).length} failed), ${t.requests} requests, ${t.faults.length} faults, ${(t.ms / 1000).toFixed(1)} s`];
  for (const v of t.violations) lines.push(`  ${v.invariant}: ${v.detail}`);
  if (t.violations.length > 0) {
    lines.push(`  runs: ${t.runs.map((r) => `${r.what} → ${r.code} (${(r.ms / 1000).toFixed(1)} s)`).join("; ")}`);
    lines.push(`  the emulator injected: ${t.faults.join("; ") || "nothing"}`);
  }
  return lines.join("\n");
}
