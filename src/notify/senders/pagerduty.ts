// PagerDuty Events API v2 (developer.pagerduty.com, "Send an Alert Event"): one alert per incident,
// `dedup_key` = incident id, so a trigger, its acknowledge and its resolve act on the same alert
// and a repeated trigger only adds to its log. Open, raise and reopen trigger (a trigger after a
// resolve opens a new PagerDuty incident, as reopening should); /ack acknowledges; resolve resolves.
// Limits kept: summary ≤ 1,024 characters, dedup_key ≤ 255, the whole event ≤ 512 KB.
import type { Severity } from "../../config/types.js";
import type { Delivery, SendContext } from "../delivery.js";
import { postJson } from "../http.js";
import { fit } from "../medium.js";
import type { LifecycleEvent, Notification } from "../notification.js";

export const PAGERDUTY_ENDPOINT = "https://events.pagerduty.com/v2/enqueue";
export const SUMMARY_MAX = 1_024;
const DEDUP_MAX = 255;
const DETAILS_MAX = 64_000; // custom_details text: far under the 512 KB event limit

/** Our severities on PagerDuty's four (critical, error, warning, info). */
export const PAGERDUTY_SEVERITY: Record<Severity, "critical" | "error" | "warning" | "info"> = { P0: "critical", P1: "error", P2: "warning", P3: "info" };

const ACTION: Partial<Record<LifecycleEvent, "trigger" | "acknowledge" | "resolve">> = {
  open: "trigger",
  raise: "trigger",
  reopen: "trigger",
  acknowledge: "acknowledge",
  resolve: "resolve",
};

/** The Events API v2 body for a notification; null when the event has no PagerDuty action. */
export function pagerdutyEvent(n: Notification, routingKey: string): Record<string, unknown> | null {
  const action = ACTION[n.event];
  if (!action) return null;
  const base = { routing_key: routingKey, event_action: action, dedup_key: fit(n.incidentId, DEDUP_MAX) };
  if (action !== "trigger") return base;
  const links = [
    ...(n.links.issue ? [{ href: n.links.issue, text: `Incident ${n.incidentId} on GitHub` }] : []),
    ...(n.links.statusPage ? [{ href: n.links.statusPage, text: "Status page" }] : []),
  ];
  return {
    ...base,
    payload: {
      summary: fit(n.headline, SUMMARY_MAX),
      source: fit(n.service, 255),
      severity: PAGERDUTY_SEVERITY[n.severity],
      timestamp: n.startedAt,
      ...(n.component ? { component: n.component } : {}),
      group: n.service,
      class: n.event === "raise" ? `severity raised to ${n.severity}` : "incident",
      custom_details: {
        incident_id: n.incidentId,
        severity: n.severity,
        status: n.status,
        commander: n.commander ? `@${n.commander}` : "unassigned",
        paged: n.recipients.map((r) => r.login),
        message: fit(n.internalText, DETAILS_MAX),
        ...(n.test ? { test: true } : {}),
      },
    },
    client: "incident-as-code",
    ...(n.links.issue ? { client_url: n.links.issue } : {}),
    links,
  };
}

export async function sendPagerDuty(n: Notification, ctx: SendContext): Promise<Delivery> {
  const event = pagerdutyEvent(n, ctx.secret);
  if (!event) return { outcome: "skipped", reason: `PagerDuty has no action for ${n.event}` };
  return postJson({ url: ctx.channel.endpoint ?? PAGERDUTY_ENDPOINT, body: JSON.stringify(event), retry: ctx.retry, secrets: ctx.secrets, log: ctx.log });
}
