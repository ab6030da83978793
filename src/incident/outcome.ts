// What every incident handler (comment, human edit, timer) ends with: the changed record, and the
// GitHub effects that make the issue match it. All changes of one run become ONE `issue.update`
// (labels, body, assignees and state together): GitHub throttles every write by seconds, and a
// responder is waiting on each one.
import type { Policies } from "../config/types.js";
import type { GitHubEffect } from "../github/effects.js";
import { renderIssueBody } from "../render/index.js";
import { nextDeadline } from "./deadlines.js";
import { mergeLabels } from "./labels.js";
import type { IncidentRecord, TimelineEntry } from "./record.js";

export const ESCALATED_LABEL = "escalated";
export const SLA_BREACHED_LABEL = "sla:breached";
/** GitHub accepts at most 10 assignees on an issue. */
export const MAX_ASSIGNEES = 10;

/** The issue's labels for `record` (labels.ts: ours recomputed, everyone else's kept), plus `add`. */
export function labelsFor(record: IncidentRecord, current: readonly string[], add: readonly string[] = []): string[] {
  return unique([...mergeLabels(current, record), ...add]);
}

/** Commander first, then responders, then whoever else is assigned already (never unassign by hand-picked people). */
export function assigneesFor(record: IncidentRecord, current: readonly string[] = []): string[] {
  return unique([...(record.commander ? [record.commander] : []), ...record.responders, ...current]).slice(0, MAX_ASSIGNEES);
}

export function withEntry(record: IncidentRecord, entry: TimelineEntry): IncidentRecord {
  return { ...record, timeline: [...record.timeline, entry] };
}

export interface PendingComment {
  key: string;
  body: string;
  reason: string;
}

/** A handler's work in progress: the record as changed so far and the writes it implies. */
export interface Draft {
  record: IncidentRecord;
  comments: PendingComment[];
  addLabels: string[];
  state: { state: "open" | "closed"; stateReason: "completed" | "not_planned" | "reopened" } | null;
  reasons: string[];
}

export function draftOf(record: IncidentRecord): Draft {
  return { record, comments: [], addLabels: [], state: null, reasons: [] };
}

export interface IssueNow {
  labels: readonly string[];
  /** Current assignees, when the shell knows them; hand-added ones are then kept. */
  assignees?: readonly string[];
}

export interface Outcome {
  record: IncidentRecord | null; // null: unchanged, nothing to commit
  effects: GitHubEffect[];
}

/**
 * The effects for a finished draft: one issue.update if anything changed, then the comments, then
 * a timer for the next deadline. The body is re-rendered from the record (checklist state included).
 */
export function finish(before: IncidentRecord, draft: Draft, ctx: { policies: Policies; now: string; issue: IssueNow }): Outcome {
  const after = draft.record;
  const changed = JSON.stringify(after) !== JSON.stringify(before);
  const issue = after.links.issue;
  if (issue === null) throw new Error(`incident ${after.id} has no linked issue; the shell must link it before handling events`);
  const effects: GitHubEffect[] = [];
  const labels = labelsFor(after, ctx.issue.labels, draft.addLabels);
  // Label drift alone is not worth a throttled write; it is repaired with the next real change.
  const labelsChanged = draft.addLabels.length > 0 && !sameSet(labels, ctx.issue.labels);
  if (changed || labelsChanged || draft.state) {
    const peopleChanged = after.commander !== before.commander || !sameSet(after.responders, before.responders);
    effects.push({
      kind: "issue.update",
      incidentId: after.id,
      issue,
      ...(changed ? { body: renderIssueBody(after, ctx.policies, { now: ctx.now, checklistState: after.checklist ?? {} }) } : {}),
      labels,
      ...(peopleChanged ? { assignees: assigneesFor(after, ctx.issue.assignees ?? []) } : {}),
      ...(draft.state ? { state: draft.state.state, stateReason: draft.state.stateReason } : {}),
      reason: draft.reasons.length > 0 ? draft.reasons.join("; ") : "the issue follows the record",
    });
  }
  for (const c of draft.comments) effects.push({ kind: "issue.comment", incidentId: after.id, issue, body: c.body, key: c.key, reason: c.reason });
  if (changed) {
    const at = nextDeadline(after, ctx.policies);
    if (at !== null) effects.push({ kind: "timer.arm", incidentId: after.id, at, reason: `next deadline of ${after.id}` });
  }
  return { record: changed ? after : null, effects };
}

function unique(list: readonly string[]): string[] {
  const seen = new Set<string>();
  return list.filter((l) => l !== "" && !seen.has(l.toLowerCase()) && seen.add(l.toLowerCase()));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a.map((s) => s.toLowerCase()));
  const y = new Set(b.map((s) => s.toLowerCase()));
  return x.size === y.size && [...x].every((s) => y.has(s));
}
