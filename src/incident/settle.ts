// `record.settle`: after a Plan's GitHub writes, the record learns what GitHub answered — the
// number of the issue that was opened (or found), the post-mortem PR, the action-item issues, which
// timer went out and what became of each notification — in one more commit. Pure: the shell
// re-reads the record (other runs may have changed it meanwhile) and executes what comes back.
import type { Policies } from "../config/types.js";
import type { OnCall } from "../engine/oncall-port.js";
import type { Effect } from "../plan/effects.js";
import { onPrOpened } from "../postmortem/flow.js";
import { BOT_ACTOR, login } from "../render/index.js";
import { serializeRecord } from "./codec.js";
import { withEntry } from "./draft.js";
import { finishedWrite } from "./finish.js";
import { issueState } from "./issue-state.js";
import type { IncidentRecord, NotificationStatus } from "./record.js";

/** What the executor learned about one incident while applying a Plan. */
export interface Answers {
  /** The issue `issue.create` opened or found, and the record as this run wrote it (rendered into that issue; null: not written by this run). */
  issue?: { number: number; written: IncidentRecord | null };
  /** The post-mortem PR `pr.create` opened or found. */
  pr?: number;
  /** The deadline a timer run was dispatched for. */
  timer?: string;
  /** Outcome of each `notify.send`, by key. */
  notifications?: Record<string, Exclude<NotificationStatus, "pending">>;
  /** Action-item issues by effect key (`action-item:<id>:<n>`, 1-based). */
  actionItems?: Record<string, number>;
  /** Logins GitHub refused as assignees (they were dropped and the issue says so). */
  refusedAssignees?: string[];
}

export interface Settled {
  record: IncidentRecord | null;
  effects: Effect[];
  /** Why nothing could be linked, when that is the case (another issue is linked already). */
  conflict: string | null;
}

export function settleRecord(fresh: IncidentRecord, answers: Answers, ctx: { policies: Policies; onCall: OnCall; now: string }): Settled {
  let record = fresh;
  const effects: Effect[] = [];
  let conflict: string | null = null;
  let linked: { number: number; written: IncidentRecord | null } | null = null;
  if (answers.issue) {
    const { number, written } = answers.issue;
    if (record.links.issue === null) {
      record = { ...record, links: { ...record.links, issue: number } };
      linked = { number, written };
    } else if (record.links.issue !== number) {
      conflict = `${record.id} is linked to #${record.links.issue} already; #${number} was not linked (one incident, one issue)`;
    }
  }
  if (answers.pr !== undefined) {
    const opened = onPrOpened(record, answers.pr, { now: ctx.now });
    if (opened.record) record = opened.record;
    effects.push(...opened.effects);
  }
  if (answers.timer !== undefined && record.timer?.at === answers.timer && !record.timer.armed) record = { ...record, timer: { at: answers.timer, armed: true } };
  const outcomes = answers.notifications ?? {};
  if (Object.keys(outcomes).length > 0 && record.notifications) {
    record = { ...record, notifications: record.notifications.map((n) => (outcomes[n.key] ? { ...n, status: outcomes[n.key] ?? n.status, at: ctx.now, attempts: n.attempts + 1 } : n)) };
  }
  const items = answers.actionItems ?? {};
  if (Object.keys(items).length > 0) {
    record = { ...record, actionItems: record.actionItems.map((a, n) => ({ ...a, issue: a.issue ?? items[`action-item:${record.id}:${n + 1}`] ?? null })) };
  }
  for (const who of answers.refusedAssignees ?? []) {
    record = withEntry(record, { at: ctx.now, actor: BOT_ACTOR, kind: "note", text: `${who} could not be assigned: not assignable in this repository` });
  }
  // The issue just linked was rendered from `written`: when other runs changed the record since, or
  // this settling did (a refused assignee's note), bring the issue up to date.
  if (linked && linked.written !== null && comparable(record) !== comparable({ ...linked.written, links: record.links })) {
    const state = issueState(record, ctx.policies, ctx.now);
    effects.unshift({ kind: "issue.update", incidentId: record.id, issue: linked.number, title: state.title, body: state.body, labels: state.labels, reason: `bring #${linked.number} up to date with ${record.id}` });
  }
  const changed = JSON.stringify(record) !== JSON.stringify(fresh);
  return { record: changed ? record : null, effects: changed ? [finishedWrite(record, ctx.now, ctx.policies, `settle ${record.id}`), ...effects] : effects, conflict };
}

/** The parts of a record its issue shows (delivery bookkeeping aside), as stored: a record read back has the stored key order. */
function comparable(r: IncidentRecord): string {
  const { timer: _t, notifications: _n, ...shown } = r;
  return serializeRecord(shown);
}

/** The sentence the issue gets when GitHub refused people as assignees (shown, never mentioned). */
export function refusedAssigneesNote(logins: readonly string[]): string {
  return logins.map((l) => `${login(l)} could not be assigned: not assignable in this repository.`).join("\n");
}
