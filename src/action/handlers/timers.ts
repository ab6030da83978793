// Timers that are on time. When an incident opens or changes, the Action dispatches an
// `incident-timer` event for its next deadline; that run sleeps until the deadline, re-reads the
// record and acts on what is due (escalation, update reminder, SLA breach). The record says what
// already fired, so duplicate timers, a timer racing a command, and the schedule backstop all act
// once in total. `schedule:` is only the backstop: GitHub runs cron late or drops it.
//
// A sleeping timer holds a hosted runner (billed by the minute), so waits are bounded: a run
// re-reads the record every RECHECK_MS and stands down as soon as its deadline is gone (the
// incident was acknowledged, updated or resolved: whoever changed it armed the next deadline), and
// a deadline more than TIMER_HORIZON_MS away is not slept for at all — the hourly backstop arms a
// timer for it once it comes within reach.
import { setTimeout as sleep } from "node:timers/promises";
import { nextDeadline, timerCheck } from "../../incident/index.js";
import type { IncidentRecord } from "../../incident/record.js";
import { isActive } from "../../incident/status.js";
import { policyOnCall } from "../../oncall/port.js";
import { readRecords } from "../../store/transaction.js";
import type { RunContext, RunResult } from "../context.js";
import type { EventPayload } from "../event.js";
import { changeIncident } from "./incident-tx.js";
import { startPostmortem } from "./postmortem.js";

/** A timer run sleeps for deadlines at most this far away; farther ones are armed later by the backstop. */
export const TIMER_HORIZON_MS = 60 * 60_000;
/** While it waits, a timer run re-reads the record this often (a git fetch) and stands down when its deadline is gone. */
export const RECHECK_MS = 5 * 60_000;

const byId =
  (id: string) =>
  (records: ReadonlyMap<string, IncidentRecord>): IncidentRecord | undefined =>
    records.get(id);

async function check(ctx: RunContext, id: string, armedAt: string | null): Promise<{ acted: boolean; effects: number }> {
  const onCall = policyOnCall(ctx.policies);
  const changed = await changeIncident(
    ctx,
    byId(id),
    async (record) => {
      const issue = record.links.issue === null ? null : await ctx.github.getIssue(record.links.issue);
      const outcome = timerCheck({ record, policies: ctx.policies, onCall, now: ctx.now().toISOString(), issueLabels: issue?.labels ?? [], issueAssignees: issue?.assignees ?? [] });
      // This run is the timer for `armedAt`; re-arming the same instant would only wake itself again.
      return { ...outcome, effects: outcome.effects.filter((e) => !(e.kind === "timer.arm" && e.at === armedAt)) };
    },
    "escalate",
  );
  return { acted: changed?.after != null, effects: changed?.outcome.effects.length ?? 0 };
}

export async function handleTimer(ctx: RunContext, p: EventPayload): Promise<RunResult> {
  const payload = (p.client_payload ?? {}) as { incident?: unknown; at?: unknown };
  const id = typeof payload.incident === "string" ? payload.incident : "";
  const at = typeof payload.at === "string" && !Number.isNaN(Date.parse(payload.at)) ? payload.at : null;
  if (!/^\d{4}-\d{2}-\d{2}-\d{3,}$/.test(id) || at === null) return { decision: "ignored", reason: "timer event without a valid incident id and time", incidentIds: [] };
  const left = () => Date.parse(at) - ctx.now().getTime();
  if (left() > TIMER_HORIZON_MS) {
    return { decision: "timer-deferred", reason: `deadline ${at} is more than ${TIMER_HORIZON_MS / 60_000} min away: the schedule backstop arms a timer when it comes within reach`, incidentIds: [id] };
  }
  while (left() > RECHECK_MS) {
    await sleep(RECHECK_MS);
    if (!(await stillDue(ctx, id, at))) return { decision: "timer-idle", reason: `timer for ${at}: stood down while waiting (the incident moved on)`, incidentIds: [id] };
  }
  if (left() > 0) await sleep(left());
  const { acted, effects } = await check(ctx, id, at);
  return { decision: acted ? "timer-acted" : "timer-idle", reason: acted ? `timer for ${at}: ${effects} effect(s)` : `timer for ${at}: nothing due (the incident moved on)`, incidentIds: [id] };
}

/** Whether `at` is still the incident's next deadline (else whoever moved it armed the new one). */
async function stillDue(ctx: RunContext, id: string, at: string): Promise<boolean> {
  await ctx.store.sync();
  const record = readRecords(await ctx.store.readAll()).records.get(id);
  return record !== undefined && nextDeadline(record, ctx.policies) === at;
}

/** When the record last changed: its latest timeline entry (detection when it has none). */
function lastChange(r: IncidentRecord): number {
  return Math.max(Date.parse(r.timestamps.detected), ...r.timeline.map((e) => Date.parse(e.at)).filter((t) => !Number.isNaN(t)));
}

/**
 * A resolve whose run died before its post-mortem PR opened (the resolving run owns that for the
 * claim timeout; after it the backstop takes over, and startPostmortem never opens a second PR).
 */
function postmortemStuck(ctx: RunContext, r: IncidentRecord, now: number): boolean {
  const since = Date.parse(r.timestamps.resolved ?? "");
  if (Number.isNaN(since) || now - since < ctx.claimTimeoutMs || r.links.postmortemPr !== null) return false;
  if (r.status === "postmortem-draft") return true;
  return r.status === "resolved" && ctx.policies.postmortem.requiredFor.includes(r.severity) && r.links.postmortemPath === null;
}

/** The schedule backstop: act on every overdue deadline a timer missed, and finish stuck post-mortems. */
export async function handleBackstop(ctx: RunContext): Promise<RunResult> {
  await ctx.store.sync();
  const { records } = readRecords(await ctx.store.readAll());
  const now = ctx.now().getTime();
  const acted: string[] = [];
  const armed: string[] = [];
  for (const record of records.values()) {
    if (postmortemStuck(ctx, record, now)) {
      await startPostmortem(ctx, record, { force: record.status === "postmortem-draft" });
      acted.push(record.id);
      continue;
    }
    if (!isActive(record.status) && record.status !== "resolved") continue;
    const due = nextDeadline(record, ctx.policies);
    if (due === null) continue;
    const dueAt = Date.parse(due);
    // A deadline the last change set beyond the timer horizon has no timer yet: arm one once the
    // deadline is within the next hour (this backstop's interval).
    if (dueAt > now) {
      if (dueAt - now <= TIMER_HORIZON_MS && dueAt - lastChange(record) > TIMER_HORIZON_MS && !ctx.dryRun) {
        await ctx.github.dispatch("incident-timer", { incident: record.id, at: due });
        armed.push(record.id);
      }
      continue;
    }
    if ((await check(ctx, record.id, null)).acted) acted.push(record.id);
  }
  const armedText = armed.length > 0 ? `; armed timers for ${armed.join(", ")}` : "";
  return { decision: acted.length > 0 ? "backstop-acted" : "backstop-idle", reason: `${acted.length > 0 ? `acted on ${acted.join(", ")} (overdue deadlines, stuck post-mortems)` : "no overdue deadlines"}${armedText}`, incidentIds: [...acted, ...armed] };
}
