// What people do to an incident issue by hand is honoured: closing resolves, reopening reopens,
// a severity label is /sev, a ticked checklist box goes into the timeline. Our own edits come from
// bot accounts and are ignored, so the Action never reacts to itself.
import { bodyEdited, issueClosed, issueReopened, severityLabeled, type EditInput, type Outcome } from "../../incident/index.js";
import type { IncidentRecord } from "../../incident/record.js";
import type { RunContext, RunResult } from "../context.js";
import { labelNames, type EventPayload } from "../event.js";
import { byIssue, changeIncident } from "./incident-tx.js";

export async function handleIssueEdit(ctx: RunContext, p: EventPayload): Promise<RunResult> {
  const issue = p.issue;
  const sender = { login: p.sender?.login ?? "", type: p.sender?.type ?? "User" };
  const ignored = (reason: string): RunResult => ({ decision: "ignored", reason, incidentIds: [] });
  if (!issue) return ignored("the event has no issue");
  if (sender.type === "Bot" || sender.login.endsWith("[bot]")) return ignored(`edit by bot ${sender.login}`);
  const label = p.label?.name ?? "";
  if (p.action === "labeled" && !/^severity:P[0-3]$/.test(label)) return ignored(`label ${label} is not a severity`);
  if (p.action === "edited" && p.changes?.body?.from === undefined) return ignored("the edit did not change the body");
  const role = p.action === "labeled" ? await ctx.github.role(sender.login) : null;

  const decide = (record: IncidentRecord): Outcome => {
    const input: EditInput = {
      record,
      policies: ctx.policies,
      now: ctx.now().toISOString(),
      sender,
      issueLabels: labelNames(issue.labels),
      issueAssignees: (issue.assignees ?? []).map((a) => a.login ?? "").filter(Boolean),
    };
    if (p.action === "closed") return issueClosed({ ...input, stateReason: issue.state_reason ?? null });
    if (p.action === "reopened") return issueReopened(input);
    if (p.action === "labeled") return severityLabeled({ ...input, label, role });
    return bodyEdited({ ...input, oldBody: p.changes?.body?.from ?? "", newBody: issue.body ?? "" });
  };
  const changed = await changeIncident(ctx, byIssue(issue.number), decide, p.action === "closed" ? "resolve" : p.action === "reopened" ? "reopen" : "update");
  if (!changed) return ignored(`issue #${issue.number} is not an incident issue`);
  return { decision: changed.after ? "updated" : "ignored", reason: `issue ${p.action ?? "edited"} by ${sender.login}: ${changed.after ? `${changed.before.status} → ${changed.after.status}` : "nothing to record"}`, incidentIds: [changed.before.id] };
}
