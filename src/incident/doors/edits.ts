// The hand-edit door: people also drive incidents without slash commands — they close and reopen
// the issue, swap the severity label, tick checklist boxes in the body. Each edit goes through the
// same authorization as the command it stands for (closing is /resolve, reopening /reopen, a
// severity label /sev, a ticked box /timeline) and the same operations. A refused edit is undone
// and answered, so the issue keeps showing the record. Bots are ignored: the Action's own edits
// come back here when it writes with an App token.
import type { Policies, Severity } from "../../config/types.js";
import { SEVERITIES } from "../../config/types.js";
import type { OnCall } from "../../engine/oncall-port.js";
import type { Effect } from "../../plan/effects.js";
import { login } from "../../render/index.js";
import { authorize, isBot } from "../authz.js";
import { boxChanges } from "../checklist.js";
import { draftOf, type OpContext, type StepResult } from "../draft.js";
import { finish, type Finished, type IssueFacts } from "../finish.js";
import { issueBody } from "../issue-state.js";
import { recordLabels } from "../labels.js";
import { changeSeverity, reopen, resolve, tickChecklist } from "../operations.js";
import type { IncidentRecord } from "../record.js";
import { isResolved } from "../status.js";

export type EditAction = { action: "closed"; stateReason: string | null } | { action: "reopened" } | { action: "labeled"; label: string } | { action: "edited"; oldBody: string; newBody: string };

export interface EditInput {
  record: IncidentRecord;
  policies: Policies;
  onCall: OnCall;
  now: string; // ISO
  /** The user who made the edit (`sender` of the issues event). */
  sender: { login: string; type: string };
  /** The sender's `role_name` on the repository, or null when they are not a collaborator. */
  role: string | null;
  /** The issue as the event showed it (after the edit). */
  issue: IssueFacts;
  edit: EditAction;
}

const NOTHING: Finished = { record: null, effects: [] };
const SEVERITY_LABEL = /^severity:(P\d)$/i;

/** The command an edit stands for, for authorization; null: the edit means nothing to the incident. */
export function commandOf(edit: EditAction): { command: string; args: string[] } | null {
  switch (edit.action) {
    case "closed":
      return { command: "resolve", args: [] };
    case "reopened":
      return { command: "reopen", args: [] };
    case "labeled": {
      const sev = SEVERITY_LABEL.exec(edit.label)?.[1]?.toUpperCase();
      return sev && (SEVERITIES as readonly string[]).includes(sev) ? { command: "sev", args: [sev] } : null;
    }
    case "edited":
      return { command: "timeline", args: [] };
  }
}

export function handleEdit(input: EditInput): Finished {
  const { record, sender, edit } = input;
  if (isBot(sender.login, sender.type)) return NOTHING;
  const command = commandOf(edit);
  if (command === null || !changesSomething(input)) return NOTHING;
  const auth = authorize({ login: sender.login, userType: sender.type, role: input.role, command: command.command, args: command.args }, input.policies);
  if (!auth.allowed) return undo(input, auth.reply);
  const ctx: OpContext = { policies: input.policies, onCall: input.onCall, now: input.now, actor: sender.login };
  const step = apply(input, ctx);
  if ("reply" in step) return answer(record, `edit:${edit.action}:${record.timeline.length}`, step.reply);
  return finish(record, step.draft, { policies: input.policies, onCall: input.onCall, now: input.now, issue: input.issue });
}

/** Whether the edit asks for a change the record does not already show (our own edits come back as no-ops). */
function changesSomething(input: EditInput): boolean {
  const { record, edit } = input;
  switch (edit.action) {
    case "closed":
      return !isResolved(record.status);
    case "reopened":
      return isResolved(record.status);
    case "labeled":
      return SEVERITY_LABEL.exec(edit.label)?.[1]?.toUpperCase() !== record.severity;
    case "edited":
      return boxChanges(edit.oldBody, edit.newBody, record, input.policies).length > 0;
  }
}

function apply(input: EditInput, ctx: OpContext): StepResult {
  const { record, edit } = input;
  const draft = draftOf(record);
  switch (edit.action) {
    case "closed":
      return resolve(draft, `closed the issue by hand${edit.stateReason === "not_planned" ? " as not planned" : ""}`, ctx);
    case "reopened":
      return reopen(draft, null, ctx);
    case "labeled":
      return changeSeverity(draft, (SEVERITY_LABEL.exec(edit.label)?.[1]?.toUpperCase() ?? record.severity) as Severity, "severity label changed by hand", ctx);
    case "edited": {
      const changes = boxChanges(edit.oldBody, edit.newBody, record, input.policies).map((c) => ({ key: c.key, title: c.checklist.title, item: c.checklist.items[c.index]?.text ?? c.key, ticked: c.ticked }));
      return tickChecklist(draft, changes, ctx);
    }
  }
}

/** A refused edit is put back as the record has it, and the sender is told why (without a mention). */
function undo(input: EditInput, why: string | null): Finished {
  const { record, edit, sender } = input;
  const issue = record.links.issue;
  if (issue === null) return NOTHING;
  const base = { kind: "issue.update" as const, incidentId: record.id, issue, reason: `${edit.action} by ${sender.login} refused` };
  const effects: Effect[] = [];
  switch (edit.action) {
    case "closed":
      effects.push({ ...base, state: "open", stateReason: "reopened" });
      break;
    case "reopened":
      effects.push({ ...base, state: "closed", stateReason: "completed" });
      break;
    case "labeled":
      effects.push({ ...base, labels: recordLabels(record), ...(input.issue.labels ? { currentLabels: [...input.issue.labels] } : {}) });
      break;
    case "edited":
      effects.push({ ...base, body: issueBody(record, input.policies, input.now) });
      break;
  }
  if (why === null) return { record: null, effects }; // bots: undone, never answered
  const what = { closed: "closed the issue", reopened: "reopened the issue", labeled: "changed the severity label", edited: "changed the checklist" }[edit.action];
  const text = `${login(sender.login)} ${what}, so I put it back: ${why}`;
  return { record: null, effects: [...effects, ...answer(record, `refused:${edit.action}:${sender.login}:${record.timeline.length}`, text).effects] };
}

function answer(record: IncidentRecord, key: string, body: string): Finished {
  const issue = record.links.issue;
  if (issue === null) return NOTHING;
  return { record: null, effects: [{ kind: "issue.comment", incidentId: record.id, issue, key, body, reason: "hand edit not applied" }] };
}
