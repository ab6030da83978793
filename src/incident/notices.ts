// Lifecycle events → `notify.send` effects, one per channel of the incident. Channels and audiences
// come from the routing policy the engine already resolves (routing.yaml `by_severity`, plus the
// route's own channels the incident opened with), at the time of the event, through the on-call
// port. Each send is logged in the record as pending until the run that decided it settles it.
import type { Policies } from "../config/types.js";
import type { OnCall } from "../engine/oncall-port.js";
import { resolveNotifications } from "../engine/notify.js";
import type { NotifySend } from "../plan/effects.js";
import { clean, inline } from "../render/index.js";
import type { Notice } from "./draft.js";
import type { IncidentRecord, NotificationLog } from "./record.js";

/** The incident's channels: those it opened with, else its severity's. */
export function channelsOf(record: IncidentRecord, policies: Policies): string[] {
  return record.channels ?? policies.routing.bySeverity[record.severity]?.channels ?? [];
}

/** `<incident>/<event>@<timeline entry>/<channel>`: one event of one incident on one channel. */
export function notificationKey(incidentId: string, notice: Pick<Notice, "event" | "entry">, channel: string): string {
  return `${incidentId}/${notice.event}@${notice.entry}/${channel}`;
}

export function noticeEffects(record: IncidentRecord, notices: readonly Notice[], ctx: { policies: Policies; onCall: OnCall; now: string }): { effects: NotifySend[]; log: NotificationLog[] } {
  if (notices.length === 0) return { effects: [], log: [] };
  const route = ctx.policies.routing.bySeverity[record.severity];
  const resolved = resolveNotifications(channelsOf(record, ctx.policies), route?.notify ?? [], { policies: ctx.policies, onCall: ctx.onCall, at: new Date(ctx.now), rotation: record.rotation, commander: record.commander });
  const effects: NotifySend[] = [];
  const log: NotificationLog[] = [];
  const known = new Set((record.notifications ?? []).map((n) => n.key));
  for (const notice of notices) {
    const audience = [...new Set([...notice.audience, ...resolved.mentions])];
    const title = clean(`[${record.severity}] ${record.title}`).replace(/\s+/g, " ").slice(0, 256);
    const text = notice.text ?? `${title}: ${notice.event}${record.links.issue !== null ? ` (#${record.links.issue})` : ""} — ${inline(record.status)}`;
    for (const ch of resolved.channels) {
      const key = notificationKey(record.id, notice, ch.channel);
      if (known.has(key)) continue;
      known.add(key);
      effects.push({
        kind: "notify.send",
        key,
        incidentId: record.id,
        event: notice.event,
        channel: ch.channel,
        channelType: ch.type,
        secret: ch.secret,
        fallback: ch.fallback,
        audience,
        message: { title, text },
        issue: record.links.issue,
        reason: `${notice.event} of ${record.id} to ${ch.channel}`,
      });
      log.push({ key, event: notice.event, channel: ch.channel, status: "pending", at: ctx.now, attempts: 0 });
    }
  }
  return { effects, log };
}
