// What each slash command does to an incident: a pure step from one draft to the next, or a reply
// saying why not (and nothing changes). Every command that changes the incident appends to the
// timeline with the comment's author as actor. Read-only commands (/help, /runbook without a
// name) post a comment and leave the record alone.
import type { Policies } from "../../config/types.js";
import type { OnCall } from "../../engine/oncall-port.js";
import { inline, login } from "../../render/index.js";
import { ms, iso, scheduleFor } from "../deadlines.js";
import { fireEscalation } from "../escalate.js";
import { changeSeverity, moveTo, reopen, resolve, type StepResult } from "../operations.js";
import { withEntry, type Draft } from "../outcome.js";
import { isResolved } from "../status.js";
import type { Command } from "./parse.js";
import { helpText, messageText, playbookList, playbookText } from "./texts.js";

export interface ExecContext {
  policies: Policies;
  onCall: OnCall;
  now: string;
  actor: string; // the comment's author
  commentId: number;
  /** Whether GitHub would accept this login as an assignee (the shell asks the API beforehand). */
  assignable: (login: string) => boolean;
}

export function execute(command: Command, draft: Draft, ctx: ExecContext): StepResult {
  const record = draft.record;
  const entry = (kind: Parameters<typeof withEntry>[1]["kind"], text: string, over: Partial<typeof record> = {}, reason = `/${command.name}`): StepResult => ({
    draft: { ...draft, record: withEntry({ ...record, ...over }, { at: ctx.now, actor: ctx.actor, kind, text }), reasons: [...draft.reasons, reason] },
  });
  switch (command.name) {
    case "ack":
      // Acknowledging never reopens: a resolved incident is reopened only by /reopen.
      if (isResolved(record.status)) return { reply: `The incident is ${record.status}; there is nothing to acknowledge (use \`/reopen\` if it is back).` };
      if (record.timestamps.acknowledged !== null && record.status !== "triggered") return { reply: `The incident was already acknowledged (${record.timestamps.acknowledged}).` };
      return moveTo(draft, "acknowledged", ctx);
    case "sev":
      return changeSeverity(draft, command.severity, command.reason, ctx);
    case "status":
      return command.status === "resolved" ? resolve(draft, null, ctx) : moveTo(draft, command.status, ctx);
    case "update":
      return postUpdate(draft, command.progress, command.actions, ctx);
    case "assign": {
      if (record.commander === command.login || record.responders.includes(command.login)) return { reply: `${login(command.login)} is already on this incident.` };
      if (!ctx.assignable(command.login)) return { reply: `I cannot assign ${login(command.login)}: GitHub does not accept them as an assignee on this repository.` };
      return entry("assign", `Assigned ${command.login}`, { responders: [...record.responders, command.login] });
    }
    case "commander": {
      if (record.commander === command.login) return { reply: `${login(command.login)} is already the incident commander.` };
      if (!ctx.assignable(command.login)) return { reply: `I cannot make ${login(command.login)} the commander: GitHub does not accept them as an assignee on this repository.` };
      // The previous commander stays on as a responder: a handover, not a dismissal.
      const responders = [...record.responders.filter((r) => r !== command.login), ...(record.commander && !record.responders.includes(record.commander) ? [record.commander] : [])];
      return entry("commander", `Commander ${record.commander ?? "unassigned"} → ${command.login}`, { commander: command.login, responders });
    }
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
      return reopen(draft, ctx);
    case "timeline":
      return entry("note", command.note);
    case "runbook": {
      if (command.playbook === null) return comment(draft, `runbook:${ctx.commentId}:list`, playbookList(record, ctx.policies), "/runbook: list playbooks");
      const id = command.playbook.toLowerCase();
      const p = Object.values(ctx.policies.playbooks).find((pb) => pb.id.toLowerCase() === id);
      if (!p) return { reply: `There is no playbook ${inline(command.playbook, 80)}. The playbooks are: ${Object.keys(ctx.policies.playbooks).map((k) => inline(k)).join(", ") || "none"}.` };
      const step = entry("note", `Posted playbook ${p.id}`);
      return "draft" in step ? comment(step.draft, `runbook:${ctx.commentId}:${p.id}`, playbookText(p, ctx.policies), `/runbook ${p.id}`) : step;
    }
    case "impact": {
      const { name: _name, ...values } = command;
      const text = Object.entries(values).map(([k, v]) => `${k}=${v}`).join("; ");
      return entry("impact", text, { impact: { ...record.impact, ...values } });
    }
    case "rootcause":
      return entry("rootcause", `${command.category}: ${command.text}`, { rootCause: { category: command.category, text: command.text } });
    case "postmortem":
      if (!isResolved(record.status)) return { reply: "The post-mortem starts from a resolved incident: resolve it first (`/resolve <summary>`)." };
      if (record.status !== "resolved") return { reply: `The post-mortem has already started (the incident is ${record.status}).` };
      return moveTo(draft, "postmortem-draft", ctx);
    case "help":
      return comment(draft, `help:${ctx.commentId}`, helpText(), "/help");
  }
}

function comment(draft: Draft, key: string, body: string, reason: string): StepResult {
  return { draft: { ...draft, comments: [...draft.comments, { key, body, reason }] } };
}

/** Renders the `update` template, posts it and records it; the reminder cadence restarts from it. */
function postUpdate(draft: Draft, progress: string, actions: string | null, ctx: ExecContext): StepResult {
  const record = draft.record;
  const every = ctx.policies.severities[record.severity].updateEvery;
  const index = record.timeline.length;
  const updated = withEntry(record, { at: ctx.now, actor: ctx.actor, kind: "update", text: actions ? `${progress} (next: ${actions})` : progress });
  const body = messageText("update", updated, ctx.policies, {
    now: ctx.now,
    progress,
    ...(actions ? { currentActions: actions } : {}),
    nextUpdate: every ? iso(ms(ctx.now) + every) : null,
  });
  return comment({ ...draft, record: updated, reasons: [...draft.reasons, "/update"] }, `update:${index}`, body, `status update for ${record.id}`);
}
