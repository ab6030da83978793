// Alerts → incidents. Git is the lock: the records are read, the engine decides, and the changed
// records are pushed; a rejected push re-reads and re-decides. Only then does GitHub hear about it,
// and only the run that claimed a new incident creates its issue (one request: title, body,
// labels and assignees together), so parallel runs for one group open exactly one issue.
import type { Alert } from "../../alerts/types.js";
import { decide } from "../../engine/decide.js";
import type { Plan } from "../../engine/plan.js";
import type { GitHubEffect } from "../../github/effects.js";
import { execute, type ExecutionLog } from "../../github/executor.js";
import { applyPlan, type Applied } from "../../incident/apply-plan.js";
import { recordPath, serializeRecord } from "../../incident/codec.js";
import type { IncidentRecord } from "../../incident/record.js";
import { openIncidents } from "../../incident/view.js";
import { nextDeadline } from "../../incident/timers.js";
import { policyOnCall } from "../../oncall/port.js";
import { commitMessage, type CommitSubject } from "../../store/commit-message.js";
import { readRecords, transact } from "../../store/transaction.js";
import type { RunContext, RunResult } from "../context.js";
import { incidentEffects, issueCreate } from "./incident-issue.js";
import { linkIssues } from "./link.js";
import { startPostmortem } from "./postmortem.js";

export interface AlertRun {
  plan: Plan;
  applied: Applied;
  records: Map<string, IncidentRecord>;
}

/** Decide on fresh records and push the result; re-run from scratch on every lost race. */
async function decideAndRecord(ctx: RunContext, alerts: readonly Alert[]): Promise<AlertRun> {
  const onCall = policyOnCall(ctx.policies);
  const { result } = await transact(
    ctx.store,
    (records) => {
      const now = ctx.now();
      const views = openIncidents(records.values());
      const plan = decide(alerts, ctx.policies, views, now, onCall);
      const applied = applyPlan(plan, records, { now: now.toISOString(), runId: ctx.runId, policies: ctx.policies });
      const all = new Map(records);
      for (const [id, r] of applied.changed) all.set(id, r);
      const subjects: CommitSubject[] = [...applied.changed.values()].map((r) => ({
        id: r.id,
        action: applied.created.includes(r.id) ? "open" : r.status === "resolved" ? "resolve" : "alert",
        severity: r.severity,
        service: r.service,
      }));
      return {
        changes: [...applied.changed.values()].map((r) => ({ path: recordPath(r.id), content: serializeRecord(r) })),
        // With no changes nothing is committed; the message only has to be well formed.
        message: commitMessage(subjects.length > 0 ? subjects : [{ id: "unprocessed", action: "alert" }]),
        result: { plan, applied, records: all },
      };
    },
    ctx.transactOptions,
  );
  return result;
}

export interface AlertOptions {
  /** A human opened the issue already (the incident form): the new incident adopts it. */
  existingIssue?: { number: number; labels: string[] };
}

export async function handleAlerts(ctx: RunContext, alerts: readonly Alert[], options: AlertOptions = {}): Promise<RunResult> {
  if (ctx.dryRun) {
    await ctx.store.sync();
    const { records } = readRecords(await ctx.store.readAll());
    const views = openIncidents(records.values());
    const plan = decide(alerts, ctx.policies, views, ctx.now(), policyOnCall(ctx.policies));
    return { decision: "dry-run", reason: `dry run: ${plan.effects.length} effect(s) decided, nothing applied`, incidentIds: [], plan };
  }
  const run = await decideAndRecord(ctx, alerts);
  const log: ExecutionLog = { issues: new Map(), applied: [] };
  const effects: GitHubEffect[] = [];
  for (const [id, record] of run.applied.changed) {
    const events = run.applied.events.get(id) ?? [];
    if (record.links.issue === null || events.length === 0) continue; // new incidents: created below by the claiming run
    // Labels people added by hand are kept, so the update starts from the issue's current labels.
    const current = await ctx.github.getIssue(record.links.issue);
    effects.push(...incidentEffects(record, events, ctx, current.labels));
  }
  await execute(ctx.github, effects, log);
  await createClaimedIssues(ctx, run, log, options);
  // Resolved by this run: open the post-mortem PR when the severity needs one (after the issue says resolved).
  for (const [id, record] of run.applied.changed) {
    if ((run.applied.events.get(id) ?? []).some((e) => e.kind === "resolved")) await startPostmortem(ctx, record, { force: false });
  }
  return summarise(run, log);
}

/** Issues for records this run claimed (or whose claim went stale), then their numbers pushed. */
async function createClaimedIssues(ctx: RunContext, run: AlertRun, log: ExecutionLog, options: AlertOptions): Promise<void> {
  const nowMs = ctx.now().getTime();
  const pending = [...run.records.values()].filter(
    (r) => r.links.issue === null && (r.links.openedBy === ctx.runId || nowMs - Date.parse(r.timestamps.detected) > ctx.claimTimeoutMs),
  );
  if (pending.length === 0) return;
  const adopt = options.existingIssue;
  const adopted = adopt ? pending.find((r) => run.applied.created.includes(r.id)) : undefined;
  if (adopt && adopted) {
    log.issues.set(adopted.id, adopt.number);
    await linkIssues(ctx, log.issues, [], new Map());
    const linked = { ...adopted, links: { ...adopted.links, issue: adopt.number } };
    await execute(ctx.github, incidentEffects(linked, run.applied.events.get(adopted.id) ?? [{ kind: "opened", mentions: [] }], ctx, adopt.labels), log);
    await armTimers(ctx, [linked], log);
    return;
  }
  const creates = pending.map((r) => issueCreate(r, run.applied.events.get(r.id) ?? [], ctx));
  await execute(ctx.github, creates, log);
  await linkIssues(ctx, log.issues, pending, new Map(creates.map((c) => [c.incidentId, c.labels])));
  await armTimers(ctx, pending, log);
}

/** Each new incident gets a timer run for its first deadline (acknowledgement). */
async function armTimers(ctx: RunContext, records: readonly IncidentRecord[], log: ExecutionLog): Promise<void> {
  const timers: GitHubEffect[] = [];
  for (const r of records) {
    const issue = log.issues.get(r.id);
    const at = issue === undefined ? null : nextDeadline({ ...r, links: { ...r.links, issue } }, ctx.policies);
    if (at) timers.push({ kind: "timer.arm", incidentId: r.id, at, reason: `first deadline of ${r.id}` });
  }
  await execute(ctx.github, timers, log);
}

function summarise(run: AlertRun, log: ExecutionLog): RunResult {
  const { applied } = run;
  const ids = [...applied.changed.keys()];
  const decision = applied.created.length > 0 ? "opened" : ids.length > 0 ? ([...applied.changed.values()].every((r) => r.status === "resolved") ? "resolved" : "updated") : "ignored";
  const reason =
    decision === "ignored"
      ? applied.ignored.map((e) => e.reason).join("; ") || "nothing to do"
      : run.plan.effects
          .filter((e) => e.kind !== "alerts.ignore")
          .map((e) => e.reason)
          .join("; ");
  return { decision, reason, incidentIds: ids, plan: run.plan, issues: Object.fromEntries(log.issues) };
}
