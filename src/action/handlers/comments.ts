// Slash commands in issue comments. The commenter is `comment.user` (never github.actor, which is
// whoever re-ran the job); their role is asked only when the comment holds a command. A comment we
// already handled (our 🚀 on it) is not handled again, so re-running the job is harmless.
import { commandsIn, handleComment, loginsToCheck, parseComment } from "../../incident/index.js";
import { policyOnCall } from "../../oncall/port.js";
import type { RunContext, RunResult } from "../context.js";
import type { EventPayload } from "../event.js";
import { labelNames } from "../event.js";
import { byIssue, changeIncident } from "./incident-tx.js";

export async function handleCommentEvent(ctx: RunContext, p: EventPayload): Promise<RunResult> {
  const comment = p.comment;
  const issue = p.issue;
  const ignored = (reason: string): RunResult => ({ decision: "ignored", reason, incidentIds: [] });
  if (!comment || !issue) return ignored("the event has no comment");
  const body = comment.body ?? "";
  const author = { login: comment.user?.login ?? "", type: comment.user?.type ?? "User" };
  if (author.type === "Bot" || author.login.endsWith("[bot]")) return ignored(`comment by bot ${author.login}`);
  if (!commandsIn(body)) return ignored("the comment holds no command");
  if ((await ctx.github.botReactions(comment.id)).includes("rocket")) return ignored(`comment ${comment.id} was already handled`);

  const role = await ctx.github.role(author.login);
  const checked = new Map<string, boolean>();
  for (const login of loginsToCheck(parseComment(body))) checked.set(login.toLowerCase(), await ctx.github.assignable(login));
  const onCall = policyOnCall(ctx.policies);
  const changed = await changeIncident(
    ctx,
    byIssue(issue.number),
    (record) =>
      handleComment({
        body,
        commentId: comment.id,
        author,
        role,
        record,
        policies: ctx.policies,
        onCall,
        now: ctx.now().toISOString(),
        issueLabels: labelNames(issue.labels),
        issueAssignees: (issue.assignees ?? []).map((a) => a.login ?? "").filter(Boolean),
        assignable: (login) => checked.get(login.replace(/^@/, "").toLowerCase()) ?? false,
      }),
    "update",
  );
  if (!changed) return ignored(`issue #${issue.number} is not an incident issue`);
  const id = changed.before.id;
  const status = changed.after ? `${changed.before.status} → ${changed.after.status}` : "record unchanged";
  return { decision: changed.after ? "updated" : "replied", reason: `${author.login} on ${id}: ${status}; ${changed.outcome.effects.length} GitHub effect(s)`, incidentIds: [id] };
}
