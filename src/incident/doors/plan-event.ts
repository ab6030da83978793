// An event, what was read for it and the facts GitHub gave → the Plan. The one entry the Action
// calls once per attempt (re-deciding on a lost push race) and `incident simulate` calls to print
// exactly what the Action would execute. Pure.
import type { Policies } from "../../config/types.js";
import type { OnCall } from "../../engine/oncall-port.js";
import type { Decision, Door, Plan } from "../../plan/plan.js";
import type { CleanupState } from "../../review/silence-expiry.js";
import type { Finished } from "../finish.js";
import type { IncidentRecord } from "../record.js";
import { alertsDoor } from "./alerts.js";
import { backstopDoor } from "./backstop.js";
import { handleComment } from "./comment.js";
import { handleEdit } from "./edits.js";
import { incidentHint, type DoorEvent, type IssueView } from "./event.js";
import { timerDoor } from "./timer.js";

/** Records read for the event (see needsOf). */
export interface Reads {
  live?: ReadonlyMap<string, IncidentRecord>;
  /** By id; null: there is no such record. */
  byId?: ReadonlyMap<string, IncidentRecord | null>;
  usedIds?: readonly string[];
}

/** What only GitHub knows, asked before deciding (see needsOf). */
export interface Facts {
  role: string | null;
  assignable: Readonly<Record<string, boolean>>;
  /** The comment has our 🚀: a run handled it already. */
  handled: boolean;
  /** The backstop: the expired-silences branch and its pull request (read only when a silence has expired). */
  silenceCleanup?: CleanupState;
}

export const NO_FACTS: Facts = { role: null, assignable: {}, handled: false };

export interface DoorContext {
  policies: Policies;
  onCall: OnCall;
  now: string; // ISO: the run's one clock reading (a timer run: the deadline it slept until)
  runId: string;
  /** The run's random seed (claim keys). */
  seed: string;
  /** Work another run may still be doing is left alone this long (the backstop). */
  staleAfterMs: number;
}

export function planEvent(event: DoorEvent, reads: Reads, facts: Facts, ctx: DoorContext): Plan {
  const { policies, onCall, now } = ctx;
  const empty = (door: Door, decision: Decision, reason: string, ids: string[] = []): Plan => ({ door, now, decision, reason, incidentIds: ids, effects: [] });
  switch (event.door) {
    case "alerts":
    case "declaration": {
      if (event.alerts.length === 0) return empty(event.door, "failed", event.door === "alerts" && event.problems[0] ? event.problems.map((e) => `${e.field}: ${e.message}`).join("; ") : "the payload held no alerts");
      const adopt = event.door === "declaration" && event.existingIssue ? { number: event.existingIssue.number, facts: { labels: event.existingIssue.labels, assignees: event.existingIssue.assignees, state: event.existingIssue.state } } : undefined;
      return alertsDoor({ door: event.door, alerts: event.alerts, policies, onCall, now, records: reads.live ?? new Map(), usedIds: reads.usedIds ?? [], runId: ctx.runId, seed: ctx.seed, staleAfterMs: ctx.staleAfterMs, ...(adopt ? { existingIssue: adopt } : {}) });
    }
    case "backstop":
      return backstopDoor({ records: reads.live ?? new Map(), policies, onCall, now, staleAfterMs: ctx.staleAfterMs, ...(facts.silenceCleanup ? { silenceCleanup: facts.silenceCleanup } : {}) });
    case "timer": {
      const record = reads.byId?.get(event.incidentId) ?? null;
      if (!record) return empty("timer", "ignored", `no incident record ${event.incidentId}`);
      return timerDoor({ record, policies, onCall, now, armedAt: event.at });
    }
    case "command": {
      const { body, author, id } = event.comment;
      if (author.type === "Bot" || author.login.endsWith("[bot]")) return empty("command", "ignored", `comment by bot ${author.login}`);
      if (event.parsed.commands.length === 0) return empty("command", "ignored", "the comment holds no command");
      if (facts.handled) return empty("command", "ignored", `comment ${id} was already handled`);
      const record = recordOfIssue(event.issue, reads);
      if (!record) return empty("command", "ignored", `issue #${event.issue.number} is not an incident issue`);
      const done = handleComment({ body, parsed: event.parsed, commentId: id, author, role: facts.role, record, policies, onCall, now, issue: issueFacts(event.issue), assignable: (login) => facts.assignable[login.replace(/^@/, "").toLowerCase()] ?? false });
      if (done.effects.length === 0) return empty("command", "ignored", "the comment holds no command", [record.id]);
      return planOf("command", done, record, now, `${author.login} on ${record.id}`, done.record ? "updated" : "replied");
    }
    case "edit": {
      const { sender, edit } = event;
      if (sender.type === "Bot" || sender.login.endsWith("[bot]")) return empty("edit", "ignored", `edit by bot ${sender.login}`);
      const record = recordOfIssue(event.issue, reads);
      if (!record) return empty("edit", "ignored", `issue #${event.issue.number} is not an incident issue`);
      const done = handleEdit({ record, policies, onCall, now, sender, role: facts.role, issue: issueFacts(event.issue), edit });
      return planOf("edit", done, record, now, `issue ${edit.action} by ${sender.login}`, done.record ? "updated" : "ignored");
    }
    case "postmortem":
      return empty("postmortem", "not-handled", "post-mortem pull-request events are decided by the post-mortem door");
    case null:
      return { door: null, now, decision: event.decision, reason: event.reason, incidentIds: [], effects: [] };
  }
}

function planOf(door: Door, done: Finished, before: IncidentRecord, now: string, who: string, decision: Decision): Plan {
  const after = done.record;
  const what = after ? (after.status !== before.status ? `${before.status} → ${after.status}` : "record updated") : done.effects.length > 0 ? "answered, record unchanged" : "nothing to record";
  return { door, now, decision, reason: `${who}: ${what}`, incidentIds: [before.id], effects: done.effects };
}

function issueFacts(issue: IssueView): { labels: string[]; assignees: string[]; state: "open" | "closed" } {
  return { labels: issue.labels, assignees: issue.assignees, state: issue.state };
}

/**
 * The incident of an issue: the record its marker names, or (without a usable marker) the live
 * record that names the issue. Either way the record must name the issue itself: a marker someone
 * typed into another issue never makes it an incident issue, and one issue is one incident.
 */
export function recordOfIssue(issue: IssueView, reads: Reads): IncidentRecord | null {
  const hint = incidentHint(issue);
  const named = hint ? (reads.byId?.get(hint) ?? null) : null;
  if (named && named.links.issue === issue.number) return named;
  for (const r of reads.live?.values() ?? []) if (r.links.issue === issue.number) return r;
  return null;
}
