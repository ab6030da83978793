// The executor of the notify port. What to send, to whom, and under which idempotency key is
// decided in the core (`notify.send`, its `notification` built from the record and the templates);
// the port delivers it through the channel's sender (src/notify/send.ts: PagerDuty Events v2,
// Slack, Teams, the signed webhook, the phone-call webhook, SMTP). A channel whose secret is not
// set is not sent: its GitHub-native fallback (the issue's paging mentions and assignees) stands,
// and the job summary says so. Nothing is dropped silently: every outcome is written back to the
// record's notification log, and what failed is tried again by the schedule backstop.
import type { NotifySend } from "../plan/effects.js";
import { answer, note, type ExecutionLog, type Outcome } from "../plan/log.js";
import type { NotificationStatus } from "../incident/record.js";
import type { Delivery } from "./delivery.js";
import type { Notification } from "./notification.js";

export interface NotifyPort {
  /** Delivers one notification through the routing.yaml channel `channel`; never throws for a failed delivery. */
  deliver(notification: Notification, channel: string): Promise<Delivery>;
  /** "https://github.com/owner/repo", for the link to an issue the core could not know (one this Plan opened); null leaves it out. */
  repositoryUrl: string | null;
}

export interface NotifyExecutor {
  execute(effect: NotifySend): Promise<void>;
}

const OUTCOMES: Record<Delivery["outcome"], { status: Exclude<NotificationStatus, "pending">; outcome: Outcome }> = {
  delivered: { status: "sent", outcome: "done" },
  unconfigured: { status: "no-sender", outcome: "no-sender" },
  skipped: { status: "no-sender", outcome: "skipped" },
  retryable: { status: "failed", outcome: "failed" },
  permanent: { status: "refused", outcome: "failed" },
};

export function notifyExecutor(port: NotifyPort, log: ExecutionLog): NotifyExecutor {
  return {
    async execute(effect) {
      const delivery = await port.deliver(withLinks(effect, port.repositoryUrl, log), effect.channel);
      const { status, outcome } = OUTCOMES[delivery.outcome];
      note(log, effect.kind, effect.reason, outcome, `${effect.key}: ${describe(delivery)}`);
      answer(log, effect.incidentId, (a) => ({ ...a, notifications: { ...(a.notifications ?? {}), [effect.key]: status } }));
    },
  };
}

function withLinks(effect: NotifySend, repositoryUrl: string | null, log: ExecutionLog): Notification {
  const n = effect.notification;
  const issue = effect.issue ?? log.issues.get(effect.incidentId) ?? null;
  if (n.links.issue !== null || issue === null || repositoryUrl === null) return n;
  return { ...n, links: { ...n.links, issue: `${repositoryUrl.replace(/\/+$/, "")}/issues/${issue}` } };
}

function describe(d: Delivery): string {
  switch (d.outcome) {
    case "delivered":
      return `delivered (${d.answer})`;
    case "unconfigured":
      return `not sent: ${d.reason}; fallback: ${d.fallback}`;
    case "skipped":
      return `not sent: ${d.reason}`;
    case "retryable":
      return `failed after ${d.attempts} tries, to be tried again by the schedule backstop: ${d.reason}`;
    case "permanent":
      return `refused: ${d.reason}`;
  }
}
