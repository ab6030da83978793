// The one Octokit the Action uses: @actions/github's getOctokit with GitHub's recommended
// throttling and retries. Plugins go variadically — inside `options` they would be ignored.
import { getOctokit } from "@actions/github";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import Bottleneck from "bottleneck/light.js";

export type Octokit = ReturnType<typeof getOctokit>;

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
  return getOctokit(
    token,
    {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      throttle: { onRateLimit: onLimit("rate limit"), onSecondaryRateLimit: onLimit("secondary rate limit"), ...groups },
      retry: { retries, doNotRetry: [400, 401, 403, 404, 410, 422, 451] },
    },
    throttling,
    retry,
  );
}
