// People also drive incidents without slash commands: they close and reopen the issue, swap the
// severity label, tick checklist boxes in the body. Each is honoured as the matching command would
// be, so the record (and git history) stays the truth. Events the Action caused itself come back
// here too when it writes with an App token; each handler compares with the record first, so our
// own edits are no-ops rather than loops.
import type { Policies, Severity } from "../config/types.js";
import { SEVERITIES } from "../config/types.js";
import type { GitHubEffect } from "../github/effects.js";
import { authorize, isBot } from "./authz.js";
import { boxChanges } from "./checklist.js";
import { changeSeverity, reopen, resolve } from "./operations.js";
import { draftOf, finish, labelsFor, withEntry, type Outcome } from "./outcome.js";
import type { IncidentRecord } from "./record.js";
import { isResolved } from "./status.js";

export interface EditInput {
  record: IncidentRecord;
  policies: Policies;
  now: string; // ISO
  /** The user who made the edit (`sender` of the issues event). */
  sender: { login: string; type: string };
  issueLabels: readonly string[];
  issueAssignees?: readonly string[];
}

const NOTHING: Outcome = { record: null, effects: [] };

function issueNow(input: EditInput): { labels: readonly string[]; assignees?: readonly string[] } {
  return { labels: input.issueLabels, ...(input.issueAssignees ? { assignees: input.issueAssignees } : {}) };
}

/** `issues.closed` by a person: resolve (with a note), unless the incident is already resolved. */
export function issueClosed(input: EditInput & { stateReason?: string | null }): Outcome {
  if (isBot(input.sender.login, input.sender.type) || isResolved(input.record.status)) return NOTHING;
  const how = input.stateReason === "not_planned" ? " as not planned" : "";
  const step = resolve(draftOf(input.record), `closed the issue by hand${how}`, { policies: input.policies, now: input.now, actor: input.sender.login });
  if ("reply" in step) return NOTHING;
  // The issue is closed already: no state in the update.
  return finish(input.record, { ...step.draft, state: null }, { policies: input.policies, now: input.now, issue: issueNow(input) });
}

/** `issues.reopened` by a person: reopen a resolved incident; explain when it cannot be reopened. */
export function issueReopened(input: EditInput): Outcome {
  if (isBot(input.sender.login, input.sender.type) || !isResolved(input.record.status)) return NOTHING;
  const step = reopen(draftOf(input.record), { policies: input.policies, now: input.now, actor: input.sender.login });
  if ("reply" in step) return { record: null, effects: [note(input.record, `reopened:${input.record.timeline.length}`, step.reply)] };
  return finish(input.record, { ...step.draft, state: null }, { policies: input.policies, now: input.now, issue: issueNow(input) });
}

/**
 * `issues.labeled` with `severity:Px`: the same as `/sev Px`, with the same authorization (so a
 * label cannot get round an elevated `/sev P0`). A refused or stale label is taken off again.
 */
export function severityLabeled(input: EditInput & { label: string; role: string | null }): Outcome {
  const m = /^severity:(P\d)$/i.exec(input.label);
  const severity = m?.[1]?.toUpperCase();
  if (isBot(input.sender.login, input.sender.type) || !severity || !(SEVERITIES as readonly string[]).includes(severity)) return NOTHING;
  if (severity === input.record.severity) return NOTHING;
  const auth = authorize({ login: input.sender.login, userType: input.sender.type, role: input.role, command: "sev", args: [severity] }, input.policies);
  if (!auth.allowed) {
    const r = input.record;
    const issue = r.links.issue;
    if (issue === null) return NOTHING;
    const revert: GitHubEffect = { kind: "issue.update", incidentId: r.id, issue, labels: labelsFor(r, input.issueLabels), reason: `severity label ${severity} refused` };
    return { record: null, effects: [revert, ...(auth.reply ? [note(r, `label-refused:${r.timeline.length}:${severity}`, `The severity label was changed back to ${r.severity}: ${auth.reply}`)] : [])] };
  }
  const step = changeSeverity(draftOf(input.record), severity as Severity, "severity label changed by hand", { policies: input.policies, now: input.now, actor: input.sender.login });
  if ("reply" in step) return NOTHING;
  return finish(input.record, step.draft, { policies: input.policies, now: input.now, issue: issueNow(input) });
}

/** `issues.edited` with a body change: ticked or unticked checklist boxes go to the record and timeline. */
export function bodyEdited(input: EditInput & { oldBody: string; newBody: string }): Outcome {
  if (isBot(input.sender.login, input.sender.type)) return NOTHING;
  const changes = boxChanges(input.oldBody, input.newBody, input.record, input.policies);
  if (changes.length === 0) return NOTHING;
  let record: IncidentRecord = { ...input.record, checklist: { ...(input.record.checklist ?? {}) } };
  for (const c of changes) {
    record = { ...record, checklist: { ...record.checklist, [c.key]: c.ticked } };
    const item = c.checklist.items[c.index]?.text ?? c.key;
    record = withEntry(record, { at: input.now, actor: input.sender.login, kind: "checklist", text: `${c.ticked ? "Done" : "Not done"}: ${c.checklist.title}: ${item}` });
  }
  return finish(input.record, { ...draftOf(record), reasons: [`checklist: ${changes.length} box(es) changed`] }, { policies: input.policies, now: input.now, issue: issueNow(input) });
}

function note(record: IncidentRecord, key: string, body: string): GitHubEffect {
  if (record.links.issue === null) throw new Error(`incident ${record.id} has no linked issue`);
  return { kind: "issue.comment", incidentId: record.id, issue: record.links.issue, body, key, reason: "human edit not applied" };
}
