// What each slash command does to an incident: the command mapped onto the operations every door
// uses (operations.ts), or a reply saying why not (and nothing changes). Read-only commands (/help,
// /runbook without a name) post a comment and leave the record alone.
import type { Policies } from "../../config/types.js";
import type { OnCall } from "../../engine/oncall-port.js";
import { inline, login } from "../../render/index.js";
import { scheduleFor } from "../deadlines.js";
import { addComment, type Draft, type StepResult } from "../draft.js";
import { fireEscalation } from "../escalate.js";
import { acknowledge, assign, changeCommander, changeSeverity, moveStatus, note, postUpdate, recordImpact, recordRootCause, reopen, resolve } from "../operations.js";
import { isResolved } from "../status.js";
import type { Command } from "./parse.js";
import { helpText, playbookList, playbookText } from "./texts.js";

export interface CommandContext {
  policies: Policies;
  onCall: OnCall;
  now: string;
  actor: string; // the comment's author
  commentId: number;
  /** Whether GitHub would accept this login as an assignee (the shell asks the API beforehand). */
  assignable: (login: string) => boolean;
}

export function applyCommand(command: Command, draft: Draft, ctx: CommandContext): StepResult {
  const record = draft.record;
  switch (command.name) {
    case "ack":
      return acknowledge(draft, ctx);
    case "sev":
      return changeSeverity(draft, command.severity, command.reason, ctx);
    case "status":
      return moveStatus(draft, command.status, ctx);
    case "update":
      return postUpdate(draft, command.progress, command.actions, ctx);
    case "assign":
      return assign(draft, command.login, ctx.assignable(command.login), ctx);
    case "commander":
      return changeCommander(draft, command.login, ctx.assignable(command.login), ctx);
    case "escalate": {
      if (isResolved(record.status)) return { reply: "The incident is resolved; there is nobody left to escalate to." };
      const schedule = scheduleFor(record, ctx.policies);
      const next = schedule[record.escalation.stepsFired];
      if (!next) return { reply: schedule.length === 0 ? "This incident has no escalation policy." : `Every step of the escalation policy has been used (${schedule.length}). Use /assign to pull someone in.` };
      return { draft: fireEscalation(draft, [next], { policies: ctx.policies, onCall: ctx.onCall, now: ctx.now, actor: ctx.actor, why: `Escalated by hand by ${login(ctx.actor)}.` }) };
    }
    case "resolve":
      return resolve(draft, command.summary, ctx);
    case "reopen":
      return reopen(draft, null, ctx);
    case "timeline":
      return note(draft, command.note, ctx);
    case "runbook": {
      if (command.playbook === null) return { draft: addComment(draft, { key: `runbook:${ctx.commentId}:list`, body: playbookList(record, ctx.policies), reason: "/runbook: list playbooks" }) };
      const id = command.playbook.toLowerCase();
      const p = Object.values(ctx.policies.playbooks).find((pb) => pb.id.toLowerCase() === id);
      if (!p) return { reply: `There is no playbook ${inline(command.playbook, 80)}. The playbooks are: ${Object.keys(ctx.policies.playbooks).map((k) => inline(k)).join(", ") || "none"}.` };
      const step = note(draft, `Posted playbook ${p.id}`, ctx);
      return "draft" in step ? { draft: addComment(step.draft, { key: `runbook:${ctx.commentId}:${p.id}`, body: playbookText(p, ctx.policies), reason: `/runbook ${p.id}` }) } : step;
    }
    case "impact": {
      const { name: _name, ...values } = command;
      return recordImpact(draft, values, ctx);
    }
    case "rootcause":
      return recordRootCause(draft, command.category, command.text, ctx);
    case "postmortem":
      if (!isResolved(record.status)) return { reply: "The post-mortem starts from a resolved incident: resolve it first (`/resolve <summary>`)." };
      if (record.status !== "resolved") return { reply: `The post-mortem has already started (the incident is ${record.status}).` };
      return moveStatus(draft, "postmortem-draft", ctx);
    case "help":
      return { draft: addComment(draft, { key: `help:${ctx.commentId}`, body: helpText(), reason: "/help" }) };
  }
}
