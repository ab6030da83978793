// The executor of the notify port. What to send, to whom, and under which idempotency key is
// decided in the core (`notify.send`); a sender is a thin adapter per channel type (PagerDuty
// Events v2, Slack, Teams, a signed webhook, SMTP). No sender is configured yet for any type: the
// effect is then reported — in the job summary and the `plan` output — as "no sender configured",
// and the channel's GitHub-native fallback (the paging mentions and assignees) stands.
// Nothing is dropped silently; the outcome is written back to the record's notification log.
import type { Channel } from "../config/types.js";
import type { NotifySend } from "../plan/effects.js";
import { answer, note, type ExecutionLog } from "../plan/log.js";

/** Delivers one notification; throws when the receiver refused it (the backstop tries again later). */
export type Sender = (effect: NotifySend) => Promise<void>;

export type Senders = Partial<Record<Channel["type"], Sender>>;

export interface NotifyExecutor {
  execute(effect: NotifySend): Promise<void>;
}

export function notifyExecutor(senders: Senders, log: ExecutionLog): NotifyExecutor {
  return {
    async execute(effect) {
      const send = senders[effect.channelType];
      if (!send) {
        const secret = effect.secret ? ` (${effect.secret})` : "";
        note(log, effect.kind, effect.reason, "no-sender", `no sender configured for ${effect.channelType}${secret}; fallback: ${effect.fallback}`);
        answer(log, effect.incidentId, (a) => ({ ...a, notifications: { ...(a.notifications ?? {}), [effect.key]: "no-sender" } }));
        return;
      }
      try {
        await send(effect);
        note(log, effect.kind, effect.reason, "done", effect.key);
        answer(log, effect.incidentId, (a) => ({ ...a, notifications: { ...(a.notifications ?? {}), [effect.key]: "sent" } }));
      } catch (e) {
        note(log, effect.kind, effect.reason, "failed", `${effect.key}: ${e instanceof Error ? e.message : String(e)}`);
        answer(log, effect.incidentId, (a) => ({ ...a, notifications: { ...(a.notifications ?? {}), [effect.key]: "failed" } }));
      }
    },
  };
}
