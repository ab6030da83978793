// Scripted faults: "answer the next N matching requests with this status, headers and body",
// either instead of handling them (`after: false`, the default) or after the state change
// happened (`after: true`: the write succeeded but the client saw an error, as with GitHub's 502s
// and 504s on writes that were applied, and connection resets mid-response). A fault may also hang
// up (`reset: true`): the connection is closed without an answer.
// Random faults: a seeded stream of GitHub's failures (5xx before or after the write, resets,
// secondary rate limits as 403 or 429 with `retry-after`, primary rate limits with
// `x-ratelimit-remaining: 0`), reproducible from the seed.
import { errorBody } from "./builders-misc.js";
import type { Reply } from "./handler.js";

/** GitHub's secondary-rate-limit answer (docs: "Rate limits for the REST API" → "About secondary rate limits"). */
export const SECONDARY_RATE_LIMIT_MESSAGE = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID";

/** A 403 (or 429) secondary rate limit with `retry-after` seconds, as GitHub sends it. */
export function secondaryRateLimit(retryAfterS: number, status: 403 | 429 = 403, requestId = "EMU"): Reply {
  return {
    status,
    headers: { "retry-after": String(retryAfterS) },
    body: { message: `${SECONDARY_RATE_LIMIT_MESSAGE} ${requestId}.`, documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits", status: String(status) },
  };
}

/** A primary rate limit refusal: 403 with `x-ratelimit-remaining: 0` and the reset instant (epoch seconds). */
export function primaryRateLimit(resetEpochS: number, limit = 5000): Reply {
  return {
    status: 403,
    headers: { "x-ratelimit-remaining": "0", "x-ratelimit-limit": String(limit), "x-ratelimit-used": String(limit), "x-ratelimit-reset": String(resetEpochS) },
    body: errorBody(403, "API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID."),
  };
}

/** Selects requests; every given field must match. */
export interface RequestFilter {
  method?: string;
  /** OpenAPI path template, e.g. "/repos/{owner}/{repo}/issues". */
  route?: string;
  /** Concrete request path, or a pattern for it. */
  path?: string | RegExp;
  operationId?: string;
}

export interface Fault extends RequestFilter {
  status: number;
  /** How many matching requests get the fault. Default 1; `Infinity` for all. */
  times?: number;
  headers?: Record<string, string>;
  /** Response body; default a GitHub-shaped error for the status. */
  body?: unknown;
  /** Apply the handler's state change first, then answer with the fault. */
  after?: boolean;
  /** Close the connection instead of answering (`status` is then only recorded). */
  reset?: boolean;
}

/** What the server does with a faulted request. */
export type FaultReply = Reply & { reset?: boolean; fault: string };

export type RandomFaultKind =
  | "5xx" // 500, 502, 503 or 504 before anything happened
  | "5xx-after" // 502 or 504 after the write was applied
  | "reset" // connection closed before anything happened
  | "reset-after" // connection closed after the write was applied
  | "secondary-403" // secondary rate limit, 403 + retry-after
  | "secondary-429" // secondary rate limit, 429 + retry-after
  | "primary"; // primary rate limit, 403 + x-ratelimit-remaining: 0

export const RANDOM_FAULT_KINDS: readonly RandomFaultKind[] = ["5xx", "5xx-after", "reset", "reset-after", "secondary-403", "secondary-429", "primary"];

export interface RandomFaults extends RequestFilter {
  seed: number;
  /** Probability (0..1) that a matching request is faulted. */
  rate: number;
  kinds?: readonly RandomFaultKind[];
  /** `retry-after` of rate limits, in seconds. Default 1 (GitHub's are longer; tests cannot wait). */
  retryAfterS?: number;
  /** At most this many faults in a row for one method and path, so that a client with retries can get through. Default 2. */
  maxConsecutive?: number;
}

/** mulberry32: a small, seedable PRNG (uniform in [0, 1)). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultHandle {
  /** Matching requests still to be faulted. */
  readonly remaining: number;
  /** How many requests this fault has answered. */
  readonly hits: number;
}

const MESSAGES: Record<number, string> = {
  401: "Bad credentials",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  422: "Validation Failed",
  429: "Too Many Requests",
  500: "Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

interface Armed { fault: Fault; remaining: number; hits: number }

interface Target { method: string; path: string; route: string | null; operationId: string | null }

export function matchesFilter(f: RequestFilter, r: Target): boolean {
  if (f.method && f.method.toUpperCase() !== r.method) return false;
  if (f.route && f.route !== r.route) return false;
  if (f.operationId && f.operationId !== r.operationId) return false;
  if (f.path instanceof RegExp) return f.path.test(r.path);
  return f.path === undefined || f.path === r.path;
}

export class FaultBook {
  private readonly armed: Armed[] = [];
  private random: { config: RandomFaults; next: () => number; streak: Map<string, number>; pending: Map<Target, RandomFaultKind> } | undefined;

  /** Turns seeded random faults on (or off with `undefined`). */
  randomize(config: RandomFaults | undefined): void {
    this.random = config ? { config, next: prng(config.seed), streak: new Map(), pending: new Map() } : undefined;
  }

  add(fault: Fault): FaultHandle {
    const a: Armed = { fault, remaining: fault.times ?? 1, hits: 0 };
    this.armed.push(a);
    return {
      get remaining() {
        return a.remaining;
      },
      get hits() {
        return a.hits;
      },
    };
  }

  /** The reply for the first armed fault matching this request at this phase, consuming one use; else a random one. */
  take(r: Target, phase: "before" | "after"): FaultReply | undefined {
    const a = this.armed.find((x) => x.remaining > 0 && (x.fault.after === true) === (phase === "after") && matchesFilter(x.fault, r));
    if (!a) return this.takeRandom(r, phase);
    a.remaining -= 1;
    a.hits += 1;
    const { status, headers, body, reset } = a.fault;
    return {
      status,
      body: body ?? (status === 204 ? undefined : errorBody(status, MESSAGES[status] ?? "Error")),
      ...(headers ? { headers } : {}),
      ...(reset ? { reset: true } : {}),
      fault: `scripted ${reset ? "reset" : status}${phase === "after" ? " after the write" : ""}`,
    };
  }

  private takeRandom(r: Target, phase: "before" | "after"): FaultReply | undefined {
    const random = this.random;
    if (!random || !matchesFilter(random.config, r)) return undefined;
    const key = `${r.method} ${r.path}`;
    let kind: RandomFaultKind | undefined;
    if (phase === "before") {
      const streak = random.streak.get(key) ?? 0;
      const roll = random.next();
      const kinds = (random.config.kinds ?? RANDOM_FAULT_KINDS).filter((k) => r.method !== "GET" || !k.endsWith("-after"));
      if (streak >= (random.config.maxConsecutive ?? 2) || roll >= random.config.rate || kinds.length === 0) {
        random.streak.set(key, 0);
        return undefined;
      }
      random.streak.set(key, streak + 1);
      kind = kinds[Math.floor(random.next() * kinds.length)];
      if (kind?.endsWith("-after")) {
        random.pending.set(r, kind);
        return undefined;
      }
    } else {
      kind = random.pending.get(r);
      random.pending.delete(r);
    }
    if (!kind) return undefined;
    const retryAfter = random.config.retryAfterS ?? 1;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random.next() * xs.length)] as T;
    switch (kind) {
      case "5xx": {
        const status = pick([500, 502, 503, 504]);
        return { status, body: errorBody(status, MESSAGES[status] ?? "Error"), fault: `random ${status}` };
      }
      case "5xx-after": {
        const status = pick([502, 504]);
        return { status, body: errorBody(status, MESSAGES[status] ?? "Error"), fault: `random ${status} after the write` };
      }
      case "reset":
        return { status: 0, reset: true, fault: "random reset" };
      case "reset-after":
        return { status: 0, reset: true, fault: "random reset after the write" };
      case "secondary-403":
      case "secondary-429":
        return { ...secondaryRateLimit(retryAfter, kind === "secondary-403" ? 403 : 429), fault: `random ${kind}` };
      case "primary":
        return { ...primaryRateLimit(Math.ceil(Date.now() / 1000) + retryAfter), fault: "random primary rate limit" };
    }
  }
}
