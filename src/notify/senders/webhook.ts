// The generic webhook: every lifecycle event as a versioned JSON document
// (schemas/webhook-notification.schema.json), signed per Standard Webhooks (signed.ts). For status
// pages, chat bridges, ticketing (a Jira Automation "incoming webhook" rule) and anything else.
import type { Delivery, SendContext } from "../delivery.js";
import type { Notification } from "../notification.js";
import { sendSigned } from "./signed.js";

export const WEBHOOK_PAYLOAD_VERSION = 1;

/** The webhook body: `type` "incident.<event>", `version`, `timestamp` (ISO) and `data`. */
export function webhookPayload(n: Notification): Record<string, unknown> {
  return {
    type: `incident.${n.event}`,
    version: WEBHOOK_PAYLOAD_VERSION,
    timestamp: n.at,
    data: {
      incident_id: n.incidentId,
      event: n.event,
      severity: n.severity,
      previous_severity: n.previousSeverity,
      title: n.title,
      service: n.service,
      component: n.component,
      status: n.status,
      commander: n.commander,
      started_at: n.startedAt,
      links: { issue: n.links.issue, postmortem: n.links.postmortem, status_page: n.links.statusPage },
      headline: n.headline,
      text: { internal: n.internalText, external: n.externalText },
      recipients: n.recipients.map((r) => ({ login: r.login, name: r.name })),
      test: n.test,
      idempotency_key: n.idempotencyKey,
    },
  };
}

export async function sendWebhook(n: Notification, ctx: SendContext): Promise<Delivery> {
  return sendSigned(webhookPayload(n), n.idempotencyKey, ctx);
}
