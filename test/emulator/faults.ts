// Scripted faults: "answer the next N matching requests with this status, headers and body",
// either instead of handling them (`after: false`, the default) or after the state change
// happened (`after: true`: the write succeeded but the client saw an error).
import { errorBody } from "./builders-misc.js";
import type { Reply } from "./handler.js";

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

  /** The reply for the first armed fault matching this request at this phase, consuming one use. */
  take(r: Target, phase: "before" | "after"): Reply | undefined {
    const a = this.armed.find((x) => x.remaining > 0 && (x.fault.after === true) === (phase === "after") && matchesFilter(x.fault, r));
    if (!a) return undefined;
    a.remaining -= 1;
    a.hits += 1;
    const { status, headers, body } = a.fault;
    return {
      status,
      body: body ?? (status === 204 ? undefined : errorBody(status, MESSAGES[status] ?? "Error")),
      ...(headers ? { headers } : {}),
    };
  }
}
