// The phone-call channel: a documented webhook contract (schemas/phone-call-webhook.schema.json)
// that a telephony bridge implements — call each person in `people`, say `message`. Signed per
// Standard Webhooks like the generic webhook. Sent on open, escalate, raise and reopen: the
// moments someone must be woken. A 2xx answer means the bridge accepted the page.
import { fit } from "../medium.js";
import type { Delivery, SendContext } from "../delivery.js";
import type { Notification } from "../notification.js";
import { sendSigned } from "./signed.js";

export const PHONE_PAYLOAD_VERSION = 1;
export const SPOKEN_MAX = 500;

/** The bridge's body: who to call and what to say. */
export function phonePayload(n: Notification): Record<string, unknown> {
  // The title is cut, never the instructions after it.
  const spoken = `${n.test ? "This is a test. " : ""}${n.severity} incident on ${fit(n.service, 60)}: ${fit(n.title, 200)}. ${n.event === "escalate" ? "Escalated: nobody acknowledged in time. " : ""}Acknowledge it on the incident issue.`;
  return {
    type: "incident.page",
    version: PHONE_PAYLOAD_VERSION,
    timestamp: n.at,
    data: {
      incident_id: n.incidentId,
      event: n.event,
      severity: n.severity,
      service: n.service,
      title: n.title,
      message: fit(spoken, SPOKEN_MAX),
      text: n.internalText,
      people: n.recipients.map((r) => ({ login: r.login, name: r.name, phone: r.phone })),
      issue_url: n.links.issue,
      test: n.test,
      idempotency_key: n.idempotencyKey,
    },
  };
}

export async function sendPhone(n: Notification, ctx: SendContext): Promise<Delivery> {
  const delivery = await sendSigned(phonePayload(n), n.idempotencyKey, ctx);
  const unreachable = n.recipients.filter((r) => !r.phone).map((r) => r.login);
  if (delivery.outcome === "delivered" && unreachable.length) delivery.notes.push(`no phone number in teams.yaml people for ${unreachable.join(", ")}: the bridge got their logins only`);
  return delivery;
}
