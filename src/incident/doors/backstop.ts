// The backstop door (the `schedule:` run): one pass over the live records that finishes whatever a
// run left half done, once — an incident without its issue, a post-mortem that never opened, a
// deadline a timer missed, a timer that was never armed (or was farther than the timer horizon when
// decided, and is now within the hour), a notification that never went out — tells incidents that
// a silence covering them ended, proposes removing expired silence files, and moves records that
// are over to the archive. GitHub runs cron late or not at all, so nothing here
// is on time by design: the armed timer runs are; this only heals. Work a run may still be doing is
// left alone until its claim is `staleAfterMs` old.
import type { Policies } from "../../config/types.js";
import type { OnCall } from "../../engine/oncall-port.js";
import { resolveNotifications } from "../../engine/notify.js";
import type { Effect } from "../../plan/effects.js";
import { orderEffects } from "../../plan/order.js";
import type { Plan } from "../../plan/plan.js";
import { nextDeadline, withinHorizon } from "../deadlines.js";
import { mayOpenIssue } from "../claim.js";
import { finishedWrite } from "../finish.js";
import { issueState } from "../issue-state.js";
import { channelsOf, sendEffect } from "../notices.js";
import { pathFor, recordPath } from "../paths.js";
import type { IncidentRecord, NotificationLog } from "../record.js";
import { cleanupStep, silenceExpiryNotices, silenceNoticeOutcome, type CleanupState } from "../../review/silence-expiry.js";
import { timerCheck } from "./timer.js";

/** A failed notification is tried again by this many backstop runs, then left failed (and reported). */
export const MAX_SEND_ATTEMPTS = 3;

export interface BackstopInput {
  records: ReadonlyMap<string, IncidentRecord>; // the live records
  policies: Policies;
  onCall: OnCall;
  now: string; // ISO
  staleAfterMs: number;
  /** The expired-silences branch as the shell read it (only when a silence has expired). */
  silenceCleanup?: CleanupState;
}

export function backstopDoor(input: BackstopInput): Plan {
  const effects: Effect[] = [];
  const acted: string[] = [];
  const reasons: string[] = [];
  for (const record of input.records.values()) {
    const healed = heal(record, input);
    if (healed.effects.length === 0) continue;
    acted.push(record.id);
    reasons.push(`${record.id}: ${healed.why.join(", ")}`);
    effects.push(...healed.effects);
  }
  // Silence files that ended: one pull request removes them (silences/ lists what is silenced now).
  const cleanup = cleanupStep(input.policies, Date.parse(input.now), input.silenceCleanup);
  if (cleanup) {
    effects.push(...cleanup.effects);
    reasons.push(cleanup.reason);
  }
  return {
    door: "backstop",
    now: input.now,
    decision: effects.length > 0 ? "backstop-acted" : "backstop-idle",
    reason: reasons.length > 0 ? reasons.join("; ") : "nothing overdue or half done",
    incidentIds: acted,
    effects: orderEffects(effects),
  };
}

function heal(original: IncidentRecord, input: BackstopInput): { effects: Effect[]; why: string[] } {
  const { policies, now } = input;
  const nowMs = Date.parse(now);
  const stale = (iso: string | null | undefined): boolean => !iso || nowMs - Date.parse(iso) >= input.staleAfterMs;
  const lastChange = original.timeline.at(-1)?.at ?? original.timestamps.detected;
  const why: string[] = [];
  const effects: Effect[] = [];
  let record = original;
  let wrote = false;
  let settle = false;

  // An incident whose issue was never created: the claiming run failed (and released its claim) or
  // died (its claim is stale). The create is looked up first, by the record's claim key.
  if (mayOpenIssue(record, null, nowMs, input.staleAfterMs)) {
    effects.push(...missingIssue(record, input));
    settle = true;
    why.push("issue created");
  }
  if (record.links.issue === null) return { effects: settle ? [...effects, { kind: "record.settle", incidentId: record.id, reason: `link the issue of ${record.id}` }] : effects, why };

  // A silence (or maintenance window) that covered the incident's alerts ended: they page again; said once.
  const notices = silenceExpiryNotices(policies, [record], nowMs);
  if (notices.length > 0) {
    const told = silenceNoticeOutcome(record, notices, { policies, onCall: input.onCall, now });
    if (told.record) {
      record = told.record;
      wrote = true;
      settle ||= told.effects.some((e) => e.kind === "record.settle");
      effects.push(...told.effects.filter((e) => e.kind !== "record.write" && e.kind !== "record.settle"));
      why.push(`told that ${notices.length === 1 ? "a silence" : `${notices.length} silences`} covering it ended`);
    }
  }
  if (postmortemStuck(record, policies, stale)) {
    effects.push({ kind: "postmortem.start", incidentId: record.id, force: record.status === "postmortem-draft", reason: `finish the post-mortem of ${record.id}` });
    why.push("post-mortem resumed");
  }
  // Deadlines a timer missed.
  const due = nextDeadline(record, policies);
  if (due !== null && Date.parse(due) <= nowMs) {
    const checked = timerCheck({ record, policies, onCall: input.onCall, now });
    if (checked.record) {
      record = checked.record;
      wrote = true;
      why.push("overdue deadline acted on");
      effects.push(...checked.effects.filter((e) => e.kind !== "record.write" && e.kind !== "record.settle"));
      settle ||= checked.effects.some((e) => e.kind === "record.settle");
    }
  }
  // A timer due within the hour that nobody armed: its deadline was farther than the timer horizon
  // when it was decided (left to this run), or the run that decided it died after the commit.
  const next = nextDeadline(record, policies);
  const unarmed = next !== null && !(record.timer?.at === next && (record.timer.armed || !stale(lastChange)));
  if (next !== null && unarmed && Date.parse(next) > nowMs && withinHorizon(next, nowMs) && !effects.some((e) => e.kind === "timer.arm")) {
    record = { ...record, timer: { at: next, armed: false } };
    wrote = true;
    settle = true;
    effects.push({ kind: "timer.arm", incidentId: record.id, at: next, reason: `timer for ${record.id} at ${next} is due within the hour and not armed` });
    why.push("timer armed");
  }
  // Notifications that never went out.
  const resend = (record.notifications ?? []).filter((n) => (n.status === "pending" && stale(n.at)) || (n.status === "failed" && n.attempts < MAX_SEND_ATTEMPTS));
  if (resend.length > 0) {
    effects.push(...resend.flatMap((n) => resendEffect(record, n, input)));
    settle = true;
    why.push(`${resend.length} notification(s) sent again`);
  }
  // Over: to the archive.
  const owed = policies.postmortem.requiredFor.includes(record.severity) && record.status === "resolved";
  const moves = pathFor(record, nowMs, owed) !== recordPath(record.id);
  if (moves) why.push("archived");
  if (wrote || moves) effects.unshift(finishedWrite(record, now, policies, why.join(", ")));
  if (settle) effects.push({ kind: "record.settle", incidentId: record.id, reason: `record what the backstop did for ${record.id}` });
  return { effects, why };
}

/**
 * The issue of an incident whose claiming run died before creating it (or the claiming run's
 * re-run): created with everything it would have had, paging the severity's audience once. The
 * executor looks for it first, by the record's claim key, so a create that did land is reused.
 */
export function missingIssue(record: IncidentRecord, ctx: { policies: Policies; onCall: OnCall; now: string }): Effect[] {
  const { policies, now } = ctx;
  const paged = resolveNotifications([], policies.routing.bySeverity[record.severity]?.notify ?? [], { policies, onCall: ctx.onCall, at: new Date(now), rotation: record.rotation, commander: record.commander }).mentions;
  const state = issueState(record, policies, now, paged);
  return [{ kind: "issue.create", incidentId: record.id, claim: record.links.claim ?? "", title: state.title, body: state.body, labels: state.labels, assignees: state.assignees, reason: `open the missing issue of ${record.id}` }];
}

/**
 * A resolve whose run died before its post-mortem PR opened (the resolving run owns that while its
 * claim is fresh; then the backstop takes over, and the post-mortem door never opens a second PR).
 */
function postmortemStuck(r: IncidentRecord, policies: Policies, stale: (iso: string | null) => boolean): boolean {
  if (r.links.postmortemPr !== null || !stale(r.timestamps.resolved)) return false;
  if (r.status === "postmortem-draft") return true;
  return r.status === "resolved" && policies.postmortem.requiredFor.includes(r.severity) && r.links.postmortemPath === null;
}

/** A notification that never went out, sent again under its first key (receivers that deduplicate drop a repeat). */
function resendEffect(record: IncidentRecord, n: NotificationLog, input: BackstopInput): Effect[] {
  const channel = input.policies.routing.channels[n.channel];
  if (!channel || !channelsOf(record, input.policies).includes(n.channel)) return [];
  const seq = Number(/#(\d+):/.exec(n.key)?.[1] ?? record.timeline.length - 1);
  const entry = record.timeline[seq];
  const detail = n.event === "update" && entry ? { update: { progress: entry.text } } : {};
  const audience = [...new Set([record.commander, ...record.responders].filter((l): l is string => !!l))];
  const target = { channel: channel.id, type: channel.type, secret: channel.secret, fallback: channel.fallback };
  const effect = sendEffect(record, target, { event: n.event, seq, audience, detail, key: n.key }, input);
  return [{ ...effect, reason: `${n.event} of ${record.id} to ${n.channel} never went out` }];
}
