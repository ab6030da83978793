// JSON POSTs signed per the Standard Webhooks specification (standardwebhooks.com), shared by the
// generic webhook and the phone-call bridge. `webhook-id` is derived from the notification's
// idempotency key, so every retry of one notification carries the same id and a receiver can drop
// duplicates (the spec's idempotency rule); `webhook-timestamp` is the send time in seconds;
// `webhook-signature` is "v1,<base64 HMAC-SHA256 of id.timestamp.body>" computed by the
// `standardwebhooks` library with the channel's signing key (whsec_…).
import { createHash } from "node:crypto";
import { Webhook } from "standardwebhooks";
import type { Delivery, SendContext } from "../delivery.js";
import { postJson } from "../http.js";

/** A stable message id for an idempotency key: "msg_" and 32 hex digits. */
export function webhookId(idempotencyKey: string): string {
  return `msg_${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32)}`;
}

/** The Standard Webhooks headers for `body`; unsigned (no `webhook-signature`) when there is no key. Throws for a malformed key. */
export function standardWebhookHeaders(idempotencyKey: string, body: string, signingKey: string | null, at: Date): Record<string, string> {
  const id = webhookId(idempotencyKey);
  const headers: Record<string, string> = { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)) };
  if (signingKey) headers["webhook-signature"] = new Webhook(signingKey).sign(id, at, body);
  return headers;
}

/** POSTs a signed JSON payload to the URL in the channel's secret; `now` is the signing time. */
export async function sendSigned(payload: unknown, idempotencyKey: string, ctx: SendContext, now: Date = new Date()): Promise<Delivery> {
  const body = JSON.stringify(payload);
  let headers: Record<string, string>;
  try {
    headers = standardWebhookHeaders(idempotencyKey, body, ctx.signingKey, now);
  } catch {
    return { outcome: "permanent", attempts: 0, reason: `the signing secret ${ctx.channel.signingSecret ?? ""} is not a Standard Webhooks key (whsec_ and base64)` };
  }
  return postJson({ url: ctx.secret, body, headers, retry: ctx.retry, secrets: ctx.secrets, log: ctx.log });
}
