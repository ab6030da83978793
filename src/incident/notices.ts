// Lifecycle events → `notify.send` effects, one per channel of the incident that acts on the event.
// Channels and audiences come from the routing policy the engine already resolves (routing.yaml
// `by_severity`, plus the route's own channels the incident opened with), at the time of the event,
// through the on-call port; what each says is built here too (src/notify/notification.ts, from the
// repository's templates). Each send is logged in the record as pending until the run that decided
// it settles it.
import type { Policies } from "../config/types.js";
import type { OnCall } from "../engine/oncall-port.js";
import { resolveNotifications } from "../engine/notify.js";
import type { ChannelTarget } from "../engine/verdict.js";
import { buildNotification, channelHears, type LifecycleEvent } from "../notify/notification.js";
import type { NotifySend } from "../plan/effects.js";
import type { Notice, NoticeDetail } from "./draft.js";
import type { IncidentRecord, NotificationLog } from "./record.js";

/** The incident's channels: those it opened with, else its severity's. */
export function channelsOf(record: IncidentRecord, policies: Policies): string[] {
  return record.channels ?? policies.routing.bySeverity[record.severity]?.channels ?? [];
}

export interface NoticeContext {
  policies: Policies;
  onCall: OnCall;
  now: string; // ISO
}

export function noticeEffects(record: IncidentRecord, notices: readonly Notice[], ctx: NoticeContext): { effects: NotifySend[]; log: NotificationLog[] } {
  if (notices.length === 0) return { effects: [], log: [] };
  const route = ctx.policies.routing.bySeverity[record.severity];
  const resolved = resolveNotifications(channelsOf(record, ctx.policies), route?.notify ?? [], { policies: ctx.policies, onCall: ctx.onCall, at: new Date(ctx.now), rotation: record.rotation, commander: record.commander });
  const effects: NotifySend[] = [];
  const log: NotificationLog[] = [];
  const known = new Set((record.notifications ?? []).map((n) => n.key));
  for (const notice of notices) {
    const audience = [...new Set([...notice.audience, ...resolved.mentions])];
    for (const target of resolved.channels) {
      // A channel type that does not act on the event (a phone call for an update) is not told.
      if (!channelHears(target.type, notice.event)) continue;
      const effect = sendEffect(record, target, { event: notice.event, seq: notice.entry, audience, detail: notice.detail }, ctx);
      if (known.has(effect.key)) continue;
      known.add(effect.key);
      effects.push(effect);
      log.push({ key: effect.key, event: notice.event, channel: target.channel, status: "pending", at: ctx.now, attempts: 0 });
    }
  }
  return { effects, log };
}

/** One `notify.send`: the notification for `record` as it is at `ctx.now`. `key` keeps an earlier send's key (the backstop's retries). */
export function sendEffect(
  record: IncidentRecord,
  target: ChannelTarget,
  what: { event: LifecycleEvent; seq: number; audience: readonly string[]; detail: NoticeDetail; key?: string },
  ctx: NoticeContext,
): NotifySend {
  const built = buildNotification({ record, event: what.event, channel: target.channel, audience: what.audience, policies: ctx.policies, now: ctx.now, repositoryUrl: null, seq: what.seq, ...what.detail });
  const notification = what.key ? { ...built, idempotencyKey: what.key } : built;
  return {
    kind: "notify.send",
    key: notification.idempotencyKey,
    incidentId: record.id,
    event: what.event,
    channel: target.channel,
    channelType: target.type,
    secret: target.secret,
    fallback: target.fallback,
    audience: [...what.audience],
    notification,
    issue: record.links.issue,
    reason: `${what.event} of ${record.id} to ${target.channel}`,
  };
}
