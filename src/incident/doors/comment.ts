// The command door: a new comment on an incident issue → the changed record and the Plan's effects.
// Pure: the shell passes the commenter's role, which logins are assignable, what the event said
// about the issue and the time, and executes what comes back.
//
// Visible protocol: accepted commands get 👀 first, then the changes, then 🚀; anything refused
// (no access, bad argument, illegal transition) gets ONE polite reply for the whole comment and 😕.
// Bots get nothing at all — answering a bot is how loops start.
import type { Policies } from "../../config/types.js";
import type { OnCall } from "../../engine/oncall-port.js";
import type { Effect, IssueComment, Reaction } from "../../plan/effects.js";
import { orderEffects } from "../../plan/order.js";
import { inline } from "../../render/index.js";
import { authorize, isBot } from "../authz.js";
import { applyCommand } from "../commands/semantics.js";
import { MAX_COMMANDS, parseComment, type ParsedComment } from "../commands/parse.js";
import { draftOf, type Draft } from "../draft.js";
import { finish, type Finished, type IssueFacts } from "../finish.js";
import type { IncidentRecord } from "../record.js";

export interface CommentInput {
  body: string;
  commentId: number;
  /** `comment.user` — never `github.actor`, which is whoever re-ran the workflow. */
  author: { login: string; type: string };
  /** The author's `role_name` on the repository, or null when they are not a collaborator. */
  role: string | null;
  record: IncidentRecord;
  policies: Policies;
  onCall: OnCall;
  now: string; // ISO
  /** The issue as the event showed it; labels and assignees the Action does not manage are kept. */
  issue?: IssueFacts;
  /** Whether GitHub accepts the login as an assignee (answer `loginsToCheck(parseComment(body))` first). */
  assignable: (login: string) => boolean;
  /** The comment parsed already (by readEvent); parsed here when not given. */
  parsed?: ParsedComment;
}

export function handleComment(input: CommentInput): Finished {
  const { author, record, commentId } = input;
  if (isBot(author.login, author.type)) return { record: null, effects: [] };
  const parsed = input.parsed ?? parseComment(input.body);
  if (parsed.commands.length === 0) return { record: null, effects: [] };
  // Someone who may change nothing here gets one refusal, whatever they typed (only /help is open to all).
  const onlyHelp = parsed.commands.every((p) => "ok" in p && p.ok.name === "help") && parsed.excess === 0;
  const probe = authorize({ login: author.login, userType: author.type, role: input.role, command: "timeline", args: [] }, input.policies);
  if (!probe.allowed && !onlyHelp) return refusal(commentId, record, probe.reply ?? "");

  const problems: string[] = [];
  let draft: Draft = draftOf(record);
  let accepted = 0;
  for (const p of parsed.commands) {
    const shown = inline(p.source.text, 120);
    if ("error" in p) {
      problems.push(`- ${shown}: ${inline(p.error)}.${p.usage ? ` Usage: \`${p.usage}\`` : " See `/help` for the commands."}`);
      continue;
    }
    const auth = authorize({ login: author.login, userType: author.type, role: input.role, command: p.ok.name, args: p.source.args }, input.policies);
    if (!auth.allowed) {
      problems.push(`- ${shown}: ${auth.reply ?? "not allowed"}`);
      continue;
    }
    const step = applyCommand(p.ok, draft, { policies: input.policies, onCall: input.onCall, now: input.now, actor: author.login, commentId, assignable: input.assignable });
    if ("reply" in step) problems.push(`- ${shown}: ${step.reply}`);
    else {
      draft = step.draft;
      accepted++;
    }
  }
  if (parsed.excess > 0) problems.push(`- Too many commands: I read the first ${MAX_COMMANDS} and ignored ${parsed.excess} more. Please send them in another comment.`);

  const done = accepted > 0 ? finish(record, draft, { policies: input.policies, onCall: input.onCall, now: input.now, ...(input.issue ? { issue: input.issue } : {}) }) : { record: null, effects: [] };
  const effects: Effect[] = [...done.effects];
  if (accepted > 0) effects.unshift(react(commentId, "eyes", "command received"));
  if (problems.length > 0) effects.push(reply(commentId, record, `Sorry, I could not do everything in this comment:\n\n${problems.join("\n")}`), react(commentId, "confused", "some commands were refused"));
  if (accepted > 0) effects.push(react(commentId, "rocket", "commands applied"));
  return { record: done.record, effects: orderEffects(effects) };
}

function refusal(commentId: number, record: IncidentRecord, text: string): Finished {
  return { record: null, effects: [reply(commentId, record, text), react(commentId, "confused", "commenter may not change this incident")] };
}

function reply(commentId: number, record: IncidentRecord, body: string): IssueComment {
  const issue = record.links.issue;
  if (issue === null) throw new Error(`incident ${record.id} has no linked issue`);
  return { kind: "issue.comment", incidentId: record.id, issue, body, key: `reply:${commentId}`, reason: `reply to comment ${commentId}` };
}

function react(commentId: number, content: Reaction, reason: string): Effect {
  return { kind: "comment.react", commentId, content, reason };
}
