// One JSON POST to a receiver with bounded retries, as a typed Delivery. Retries, backoff with
// jitter and Retry-After come from ky; we only choose the bounds (RetryPolicy) and classify what
// is left: a 4xx other than 408/425/429 is permanent (PagerDuty: 400 = "check that the JSON is
// valid", do not retry), a 429, a 5xx, a timeout or a network error is retryable (PagerDuty's
// Events API v2 retry table; Slack and Teams answer the same way). Nothing reported carries a
// secret: reasons are built from status codes and redacted bodies, never from ky's messages (they
// contain the URL). ky is loaded on the first POST: evaluating it touches Node's fetch classes,
// which costs a command that sends nothing (`incident validate`) more than the rest of its start-up.
import type { HTTPError as KyHTTPError, TimeoutError as KyTimeoutError } from "ky";
import { clip } from "../render/escape.js";
import type { Delivery, RetryPolicy } from "./delivery.js";
import { hideUrl, redact } from "./redact.js";

const RETRY_STATUS = [408, 425, 429, 500, 502, 503, 504];
const ANSWER_MAX = 500;

export interface PostOptions {
  url: string;
  /** Exactly the bytes sent: a signature is computed over them. */
  body: string;
  headers?: Record<string, string>;
  retry: RetryPolicy;
  secrets: readonly string[];
  log: (line: string) => void;
}

/** POSTs `body` as JSON; `now` reads the clock for HTTP-date Retry-After values (ms since epoch). */
export async function postJson(opts: PostOptions, now: () => number = Date.now): Promise<Delivery> {
  const where = hideUrl(opts.url);
  if (!URL.canParse(opts.url)) return { outcome: "permanent", attempts: 0, reason: "the secret is not a URL" };
  const url = new URL(opts.url);
  if (url.protocol !== "https:" && url.protocol !== "http:") return { outcome: "permanent", attempts: 0, reason: `the secret is not an http(s) URL (${url.protocol})` };
  const say = (s: string) => redact(s, opts.secrets);
  const { default: ky, HTTPError, TimeoutError } = await import("ky");
  const describe = (e: unknown) => failure(e, opts.retry, { HTTPError, TimeoutError });
  const budget = AbortSignal.timeout(opts.retry.budgetMs);
  let attempts = 0;
  let tooLong: number | null = null;
  let last = "";
  try {
    const res = await ky.post(url, {
      body: opts.body,
      headers: { "content-type": "application/json", "user-agent": "incident-as-code", ...opts.headers },
      timeout: opts.retry.timeoutMs,
      signal: budget,
      retry: {
        limit: opts.retry.attempts - 1,
        methods: ["post"],
        statusCodes: RETRY_STATUS,
        afterStatusCodes: [429, 503],
        maxRetryAfter: opts.retry.maxRetryAfterMs,
        backoffLimit: opts.retry.backoffLimitMs,
        delay: (n) => opts.retry.backoffMs * 2 ** (n - 1),
        jitter: true,
        retryOnTimeout: true,
        // A receiver that asks for longer than we may wait is left for the backstop, not slept on.
        shouldRetry: ({ error }) => {
          last = describe(error);
          if (!(error instanceof HTTPError)) return undefined;
          const after = retryAfterMs(error.response.headers.get("retry-after"), now());
          if (after !== null && after > opts.retry.maxRetryAfterMs) {
            tooLong = after;
            return false;
          }
          return undefined;
        },
      },
      hooks: {
        beforeRequest: [() => void attempts++],
        beforeRetry: [({ error, retryCount }) => opts.log(say(`${where}: ${describe(error)}; try ${retryCount + 1} of ${opts.retry.attempts}`))],
      },
    });
    const text = await res.text();
    return { outcome: "delivered", attempts, answer: say(`HTTP ${res.status}${text.trim() ? `: ${clip(text.trim(), ANSWER_MAX)}` : ""}`), notes: [] };
  } catch (e) {
    if (e instanceof HTTPError) {
      const status = e.response.status;
      const text = await e.response.text().catch(() => "");
      const reason = say(`${where} answered HTTP ${status}${text.trim() ? `: ${clip(text.trim(), ANSWER_MAX)}` : ""}`);
      if (!RETRY_STATUS.includes(status)) return { outcome: "permanent", attempts, reason };
      return { outcome: "retryable", attempts, reason, retryAfterMs: tooLong ?? retryAfterMs(e.response.headers.get("retry-after"), now()) };
    }
    if (budget.aborted) return { outcome: "retryable", attempts, reason: say(`${where}: ${last ? `${last}; ` : ""}gave up after ${opts.retry.budgetMs} ms (${attempts} tries)`), retryAfterMs: null };
    return { outcome: "retryable", attempts, reason: say(`${where}: ${describe(e)} (${attempts} tries)`), retryAfterMs: null };
  }
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP-date (RFC 9110 §10.2.3); null if absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** A failure in words, from its status or error code only (never the error's message, which names the URL). */
function failure(e: unknown, retry: RetryPolicy, { HTTPError, TimeoutError }: { HTTPError: typeof KyHTTPError; TimeoutError: typeof KyTimeoutError }): string {
  if (e instanceof HTTPError) return `HTTP ${e.response.status}`;
  if (e instanceof TimeoutError) return `no answer within ${retry.timeoutMs} ms`;
  const cause = e instanceof Error ? (e.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === "string" ? cause.code : null;
  return code ? `could not connect (${code})` : `request failed (${e instanceof Error ? e.name : "unknown error"})`;
}
