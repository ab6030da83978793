// The one Octokit the Action and the CLI use: the client @actions/github's getOctokit builds
// (@octokit/core with the REST endpoint methods and pagination), with GitHub's recommended
// throttling and retries. Built from the parts rather than through getOctokit because that one
// loads an HTTP stack (undici, a third of the bundle) on every run to support proxies: here
// Node's own fetch carries the requests, and the proxy-capable fetch (proxy-fetch.ts) is loaded
// only when HTTPS_PROXY / HTTP_PROXY apply to the API's host (NO_PROXY honoured), as
// @actions/http-client decides.
import { getProxyUrl } from "@actions/http-client/lib/proxy";
import { Octokit as Core } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import Bottleneck from "bottleneck/light.js";

const GitHubClient = Core.plugin(restEndpointMethods, paginateRest, throttling, retry);
export type Octokit = InstanceType<typeof GitHubClient>;

const DEFAULT_API_URL = "https://api.github.com";

export interface ClientOptions {
  /** GITHUB_API_URL: github.com, GitHub Enterprise Server, or the test emulator. */
  baseUrl?: string;
  /** Retries for 5xx and network errors (plugin-retry) and for rate limits (plugin-throttling). */
  retries?: number;
  /**
   * Spacing between writes, in ms. Default: plugin-throttling's, which follows GitHub's advice to
   * space content-creating requests (1 s between writes, 3 s between notification-creating ones).
   * 0 turns spacing off (rate-limit retries stay on): for the loopback emulator and rehearsals.
   */
  writeSpacingMs?: number;
  log?: (message: string) => void;
}

/** The rehearsal and test hook for `ClientOptions.writeSpacingMs`: an integer of ms, or absent. */
export function writeSpacingFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.INCIDENT_AS_CODE_WRITE_SPACING_MS;
  if (raw === undefined || raw === "") return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new RangeError(`INCIDENT_AS_CODE_WRITE_SPACING_MS must be a whole number of milliseconds, got ${JSON.stringify(raw)}`);
  return ms;
}

/**
 * The fetch for requests to `baseUrl`: Node's own, or, when a proxy applies to that host, one that
 * loads the proxy-capable fetch on its first request. Reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY
 * (and their lower-case forms) from the environment, as @actions/github does.
 */
export function fetchFor(baseUrl: string): typeof fetch {
  if (getProxyUrl(new URL(baseUrl)) === undefined) {
    warmFetch();
    return fetch;
  }
  let proxied: Promise<typeof fetch> | undefined;
  return async (input, init) => {
    proxied ??= import("./proxy-fetch.js").then((m) => m.proxyFetch(baseUrl));
    return (await proxied)(input, init);
  };
}

/**
 * Node loads its HTTP client (its bundled undici) on the first fetch, on the first request's
 * critical path. Loaded at the next idle moment instead — in a run, while it waits for its first
 * git command — it costs nothing there.
 */
function warmFetch(): void {
  setImmediate(() => void globalThis.Headers).unref();
}

/**
 * The user agent @actions/github sends: the workflow run's orchestration id, when the runner gives
 * one, lets GitHub tie API requests to the run.
 */
function userAgent(env: NodeJS.ProcessEnv): string | undefined {
  const id = env.ACTIONS_ORCHESTRATION_ID?.trim();
  return id ? `actions_orchestration_id/${id.replace(/[^a-z0-9_.-]/gi, "_")}` : undefined;
}

export function createOctokit(token: string, options: ClientOptions = {}): Octokit {
  const retries = options.retries ?? 3;
  const log = options.log ?? (() => undefined);
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    log(`${kind} on ${request.method} ${request.url}; ${retryCount < retries ? `retrying in ${retryAfter}s` : "giving up"}`);
    return retryCount < retries;
  };
  const spacing = options.writeSpacingMs;
  // plugin-throttling keeps its limiters in module-wide groups; custom spacing needs groups of our own.
  const groups =
    spacing === undefined
      ? {}
      : {
          write: new Bottleneck.Group({ id: `iac-write-${spacing}`, maxConcurrent: 1, minTime: spacing }),
          notifications: new Bottleneck.Group({ id: `iac-notifications-${spacing}`, maxConcurrent: 1, minTime: spacing }),
        };
  const baseUrl = options.baseUrl ?? DEFAULT_API_URL;
  const agent = userAgent(process.env);
  return new GitHubClient({
    auth: token,
    baseUrl,
    ...(agent ? { userAgent: agent } : {}),
    request: { fetch: fetchFor(baseUrl) },
    throttle: { onRateLimit: onLimit("rate limit"), onSecondaryRateLimit: onLimit("secondary rate limit"), ...groups },
    retry: { retries, doNotRetry: [400, 401, 403, 404, 410, 422, 451] },
  });
}
