// The one set of operations every door changes an incident with: alerts, slash commands, hand
// edits of the issue, timers, declarations and post-mortem events all call these, so the same
// change through two doors leaves the same record and says the same things. Status changes only
// through the state machine (status.ts); each operation appends its own timeline entry, and returns
// the next draft or a reply saying why nothing changed.
import type { Severity } from "../config/types.js";
import { resolveNotifications } from "../engine/notify.js";
import { isHigher } from "../engine/severity.js";
import { BOT_ACTOR, inline, login } from "../render/index.js";
import { messageText } from "./commands/texts.js";
import { ms, iso } from "./deadlines.js";
import { addComment, addNotice, because, withEntry, type Draft, type NoticeDetail, type OpContext, type StepResult } from "./draft.js";
import { pageMention } from "./escalate.js";
import type { IncidentRecord, IncidentStatus, TimelineEntry } from "./record.js";
import { isActive, isResolved, reopenTarget, transition } from "./status.js";

/**
 * Move to `to` through the state machine. Resolving and reopening have their own operations
 * (messages, issue state), and moving there goes through them; `note` is their summary or reason.
 */
export function moveStatus(draft: Draft, to: IncidentStatus, ctx: OpContext, note: string | null = null): StepResult {
  if (to === "resolved" && isActive(draft.record.status)) return resolve(draft, note, ctx);
  if (draft.record.status === "resolved" && isActive(to)) return reopen(draft, note, ctx);
  const r = transition(draft.record, to, ctx.actor, ctx.now);
  if ("error" in r) return { reply: r.error };
  const moved = because({ ...draft, record: r.ok }, `status ${draft.record.status} → ${to}`);
  return { draft: to === "acknowledged" ? addNotice(moved, "acknowledge", actorOf(ctx)) : moved };
}

/** Acknowledge: stops the escalation. Never reopens — a resolved incident is reopened only by reopen. */
export function acknowledge(draft: Draft, ctx: OpContext): StepResult {
  const r = draft.record;
  if (isResolved(r.status)) return { reply: `The incident is ${r.status}; there is nothing to acknowledge (use \`/reopen\` if it is back).` };
  if (r.timestamps.acknowledged !== null && r.status !== "triggered") return { reply: `The incident was already acknowledged (${r.timestamps.acknowledged}).` };
  return moveStatus(draft, "acknowledged", ctx);
}

/**
 * Raise or lower the severity. A severity's default escalation policy follows it (one a route named
 * explicitly stays), and so do its notification channels. Raising pages the new severity's
 * audience: a notice, and a comment that mentions them (the GitHub-native page).
 */
export function changeSeverity(draft: Draft, to: Severity, reason: string | null, ctx: OpContext): StepResult {
  const record = draft.record;
  const from = record.severity;
  if (from === to) return { reply: `The incident is already ${to}.` };
  const byDefault = ctx.policies.escalation.bySeverity;
  const escalationPolicy = record.escalationPolicy === null || record.escalationPolicy === byDefault[from] ? (byDefault[to] ?? record.escalationPolicy) : record.escalationPolicy;
  const routes = ctx.policies.routing.bySeverity;
  const channels = record.channels ? unique([...(routes[to]?.channels ?? []), ...record.channels.filter((c) => !(routes[from]?.channels ?? []).includes(c))]) : undefined;
  const changed: IncidentRecord = { ...record, severity: to, escalationPolicy, ...(channels ? { channels } : {}) };
  const updated = withEntry(changed, entry(ctx, "severity", `${from} → ${to}${reason ? `: ${reason}` : ""}`));
  let next = because({ ...draft, record: updated }, `severity ${from} → ${to}`);
  if (!isHigher(to, from)) return { draft: next };
  const paged = resolveNotifications([], routes[to]?.notify ?? [], { policies: ctx.policies, onCall: ctx.onCall, at: new Date(ms(ctx.now)), rotation: updated.rotation, commander: updated.commander }).mentions;
  const text = [`**Severity raised** ${from} → ${to}${reason ? `: ${inline(reason, 500)}` : ""}`, ...(paged.length > 0 ? ["", `Paging ${paged.map(pageMention).join(" ")}`] : [])].join("\n");
  next = addNotice(next, "raise", { previousSeverity: from }, paged);
  return { draft: addComment(next, { key: `severity:${updated.timeline.length - 1}`, body: text, reason: `severity of ${record.id} raised to ${to}` }) };
}

/** Resolve through the state machine, post the resolution message; `summary` joins the timeline entry. */
export function resolve(draft: Draft, summary: string | null, ctx: OpContext): StepResult {
  const before = draft.record;
  if (isResolved(before.status)) return { reply: `The incident is already resolved${before.timestamps.resolved ? ` (since ${before.timestamps.resolved})` : ""}.` };
  const r = transition(before, "resolved", ctx.actor, ctx.now, summary);
  if ("error" in r) return { reply: r.error };
  const record = r.ok;
  const index = record.timeline.length - 1;
  const body = messageText("resolution", record, ctx.policies, { now: ctx.now });
  let next = because({ ...draft, record }, `status ${before.status} → resolved`);
  next = addNotice(next, "resolve", actorOf(ctx));
  return { draft: addComment(next, { key: `resolution:${index}`, body, reason: `resolution message for ${record.id}` }) };
}

/**
 * Reopen a resolved incident (not one whose post-mortem has started) to the state reopenTarget
 * picks. With a `reason` (an alert fired again), the issue is told why.
 */
export function reopen(draft: Draft, reason: string | null, ctx: OpContext): StepResult {
  const status = draft.record.status;
  if (status !== "resolved") {
    return { reply: isResolved(status) ? `The incident cannot be reopened: it is ${status} (its post-mortem has started). Open a new incident instead.` : `The incident is not resolved (it is ${status}), so there is nothing to reopen.` };
  }
  const to = reopenTarget(draft.record);
  const r = transition(draft.record, to, ctx.actor, ctx.now, reason);
  if ("error" in r) return { reply: r.error };
  const record = r.ok;
  const index = record.timeline.length - 1;
  let next = addNotice(because({ ...draft, record }, `status resolved → ${to}`), "reopen", actorOf(ctx));
  if (reason) next = addComment(next, { key: `reopen:${index}`, body: `**Reopened**: ${inline(reason, 1000)}`, reason: `${record.id} reopened` });
  return { draft: next };
}

/** A note in the timeline; `post` also says it on the issue (the Action's own notes). */
export function note(draft: Draft, text: string, ctx: OpContext, post = false): StepResult {
  const record = withEntry(draft.record, entry(ctx, "note", text));
  const next = because({ ...draft, record }, "note");
  return { draft: post ? addComment(next, { key: `note:${record.timeline.length - 1}`, body: inline(text), reason: `note on ${record.id}` }) : next };
}

/** Add a responder. `assignable`: whether GitHub accepts the login as an assignee (asked beforehand). */
export function assign(draft: Draft, who: string, assignable: boolean, ctx: OpContext): StepResult {
  const record = draft.record;
  if (record.commander === who || record.responders.includes(who)) return { reply: `${login(who)} is already on this incident.` };
  if (!assignable) return { reply: `I cannot assign ${login(who)}: GitHub does not accept them as an assignee on this repository.` };
  const updated = withEntry({ ...record, responders: [...record.responders, who] }, entry(ctx, "assign", `Assigned ${who}`));
  return { draft: because({ ...draft, record: updated }, "assign") };
}

/** Hand over command. The previous commander stays on as a responder: a handover, not a dismissal. */
export function changeCommander(draft: Draft, who: string, assignable: boolean, ctx: OpContext): StepResult {
  const record = draft.record;
  if (record.commander === who) return { reply: `${login(who)} is already the incident commander.` };
  if (!assignable) return { reply: `I cannot make ${login(who)} the commander: GitHub does not accept them as an assignee on this repository.` };
  const responders = [...record.responders.filter((r) => r !== who), ...(record.commander && !record.responders.includes(record.commander) ? [record.commander] : [])];
  const updated = withEntry({ ...record, commander: who, responders }, entry(ctx, "commander", `Commander ${record.commander ?? "unassigned"} → ${who}`));
  return { draft: because({ ...draft, record: updated }, "commander") };
}

/** Post a status update from the `update` template; the reminder cadence restarts from it. */
export function postUpdate(draft: Draft, progress: string, actions: string | null, ctx: OpContext): StepResult {
  const record = draft.record;
  const every = ctx.policies.severities[record.severity].updateEvery;
  const updated = withEntry(record, entry(ctx, "update", actions ? `${progress} (next: ${actions})` : progress));
  const update = { progress, ...(actions ? { currentActions: actions } : {}), nextUpdate: every ? iso(ms(ctx.now) + every) : null };
  const body = messageText("update", updated, ctx.policies, { now: ctx.now, ...update });
  const next = addNotice(because({ ...draft, record: updated }, "update"), "update", { update });
  return { draft: addComment(next, { key: `update:${updated.timeline.length - 1}`, body, reason: `status update for ${record.id}` }) };
}

export function recordImpact(draft: Draft, values: Partial<IncidentRecord["impact"]>, ctx: OpContext): StepResult {
  const text = Object.entries(values).map(([k, v]) => `${k}=${v}`).join("; ");
  const updated = withEntry({ ...draft.record, impact: { ...draft.record.impact, ...values } }, entry(ctx, "impact", text));
  return { draft: because({ ...draft, record: updated }, "impact") };
}

export function recordRootCause(draft: Draft, category: string, text: string, ctx: OpContext): StepResult {
  const updated = withEntry({ ...draft.record, rootCause: { category, text } }, entry(ctx, "rootcause", `${category}: ${text}`));
  return { draft: because({ ...draft, record: updated }, "rootcause") };
}

/** Ticked or unticked checklist boxes: the record keeps their state, the timeline says who. */
export function tickChecklist(draft: Draft, changes: readonly { key: string; title: string; item: string; ticked: boolean }[], ctx: OpContext): StepResult {
  if (changes.length === 0) return { reply: "No checklist box changed." };
  let record: IncidentRecord = { ...draft.record, checklist: { ...(draft.record.checklist ?? {}) } };
  for (const c of changes) {
    record = withEntry({ ...record, checklist: { ...record.checklist, [c.key]: c.ticked } }, entry(ctx, "checklist", `${c.ticked ? "Done" : "Not done"}: ${c.title}: ${c.item}`));
  }
  return { draft: because({ ...draft, record }, `checklist: ${changes.length} box(es) changed`) };
}

function entry(ctx: OpContext, kind: TimelineEntry["kind"], text: string): TimelineEntry {
  return { at: ctx.now, actor: ctx.actor, kind, text };
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

/** Who acted, for a notification: a person, never the Action itself. */
function actorOf(ctx: OpContext): NoticeDetail {
  return ctx.actor === BOT_ACTOR ? {} : { actor: ctx.actor };
}
