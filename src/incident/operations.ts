// Changes that more than one door leads to: a slash command and a human edit of the issue both
// change severity, resolve and reopen, and must do it identically (same record, same messages).
// Each returns the next draft, or a reply saying why nothing changed.
import type { Policies, Severity } from "../config/types.js";
import type { IncidentStatus } from "./record.js";
import { messageText } from "./commands/texts.js";
import { withEntry, type Draft } from "./outcome.js";
import { isResolved, reopenTarget, transition } from "./status.js";

export type StepResult = { draft: Draft } | { reply: string };

export interface OpContext {
  policies: Policies;
  now: string;
  actor: string;
}

export function moveTo(draft: Draft, to: IncidentStatus, ctx: OpContext): StepResult {
  const r = transition(draft.record, to, ctx.actor, ctx.now);
  if ("error" in r) return { reply: r.error };
  return { draft: { ...draft, record: r.ok, reasons: [...draft.reasons, `status ${draft.record.status} → ${to}`] } };
}

export function changeSeverity(draft: Draft, to: Severity, reason: string | null, ctx: OpContext): StepResult {
  const record = draft.record;
  if (record.severity === to) return { reply: `The incident is already ${to}.` };
  const byDefault = ctx.policies.escalation.bySeverity;
  // A severity's default escalation policy follows the severity; one a route named explicitly stays.
  const escalationPolicy = record.escalationPolicy === null || record.escalationPolicy === byDefault[record.severity] ? (byDefault[to] ?? record.escalationPolicy) : record.escalationPolicy;
  const updated = withEntry({ ...record, severity: to, escalationPolicy }, { at: ctx.now, actor: ctx.actor, kind: "severity", text: `${record.severity} → ${to}${reason ? `: ${reason}` : ""}` });
  return { draft: { ...draft, record: updated, reasons: [...draft.reasons, `severity ${record.severity} → ${to}`] } };
}

/** Resolve, post the resolution message, close the issue. `summary` goes into the timeline. */
export function resolve(draft: Draft, summary: string | null, ctx: OpContext): StepResult {
  const before = draft.record;
  if (isResolved(before.status)) return { reply: `The incident is already resolved${before.timestamps.resolved ? ` (since ${before.timestamps.resolved})` : ""}.` };
  const moved = moveTo(draft, "resolved", ctx);
  if ("reply" in moved) return moved;
  let record = moved.draft.record;
  const index = record.timeline.length - 1;
  if (summary) {
    const entry = record.timeline[index];
    if (entry) record = { ...record, timeline: [...record.timeline.slice(0, index), { ...entry, text: `${entry.text}: ${summary}` }] };
  }
  const body = messageText("resolution", record, ctx.policies, { now: ctx.now });
  return {
    draft: {
      ...moved.draft,
      record,
      // An incident that needs a post-mortem stays open until the post-mortem is published.
      state: ctx.policies.postmortem.requiredFor.includes(record.severity) ? moved.draft.state : { state: "closed", stateReason: "completed" },
      comments: [...moved.draft.comments, { key: `resolution:${index}`, body, reason: `resolution message for ${record.id}` }],
    },
  };
}

export function reopen(draft: Draft, ctx: OpContext): StepResult {
  const status = draft.record.status;
  if (status !== "resolved") {
    return { reply: isResolved(status) ? `The incident cannot be reopened: it is ${status} (its post-mortem has started). Open a new incident instead.` : `The incident is not resolved (it is ${status}), so there is nothing to reopen.` };
  }
  const moved = moveTo(draft, reopenTarget(draft.record), ctx);
  if ("reply" in moved) return moved;
  return { draft: { ...moved.draft, state: { state: "open", stateReason: "reopened" } } };
}
