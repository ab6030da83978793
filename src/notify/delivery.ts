// The contract between the notification executor and each sender: what a sender is given (the
// channel's policy, its secret's value, a rendered Notification) and the typed outcome it returns.
// Senders never throw for a failed delivery; they say whether a later try could succeed.
import type { Channel } from "../config/types.js";
import type { Notification } from "./notification.js";

export type Delivery =
  /** The receiver accepted it. `answer`: what it said ("HTTP 202: {…}", "250 OK"), secrets redacted. */
  | { outcome: "delivered"; attempts: number; answer: string; notes: string[] }
  /** Worth trying again later (5xx, 429, timeouts, network): `retryAfterMs` when the receiver said when. */
  | { outcome: "retryable"; attempts: number; reason: string; retryAfterMs: number | null }
  /** Trying again will not help (4xx, a malformed secret, nobody to send to). */
  | { outcome: "permanent"; attempts: number; reason: string }
  /** Not sent: the channel's secret is not set, so its GitHub-native fallback applies. */
  | { outcome: "unconfigured"; reason: string; fallback: Channel["fallback"] }
  /** Not sent: this channel type does not act on this event (e.g. a phone call on an update). */
  | { outcome: "skipped"; reason: string };

export type DeliveryOutcome = Delivery["outcome"];

/**
 * Bounds on one send, all tries included, so a receiver that is down never holds the run for long:
 * with the defaults at most ~45 s. A Retry-After longer than `maxRetryAfterMs` is not waited for:
 * the send ends retryable and the schedule backstop tries again later.
 */
export interface RetryPolicy {
  attempts: number; // tries in all, ≥ 1
  timeoutMs: number; // for one try
  backoffMs: number; // before the 2nd try; doubles each time, with full jitter
  backoffLimitMs: number; // no backoff is longer
  maxRetryAfterMs: number;
  budgetMs: number; // the whole send
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, timeoutMs: 10_000, backoffMs: 500, backoffLimitMs: 5_000, maxRetryAfterMs: 30_000, budgetMs: 45_000 };

export interface SendContext {
  channel: Channel;
  /** The value of the channel's `secret`: a routing key, a webhook URL or an SMTP URL. */
  secret: string;
  /** The value of the channel's `signing_secret` (webhook, phone), when set. */
  signingKey: string | null;
  retry: RetryPolicy;
  /** Progress lines (retries); secrets are already redacted. */
  log: (line: string) => void;
  /** Every secret value and its parts, for redaction of anything the sender reports. */
  secrets: readonly string[];
}

/** One sender per channel type: a thin adapter from a Notification to the receiver's API. */
export type Sender = (notification: Notification, ctx: SendContext) => Promise<Delivery>;
