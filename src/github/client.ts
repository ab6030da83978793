// The one Octokit the Action uses: @actions/github's getOctokit with GitHub's recommended
// throttling and retries. Plugins go variadically — inside `options` they would be ignored.
import { getOctokit } from "@actions/github";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";

export type Octokit = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  /** GITHUB_API_URL: github.com, GitHub Enterprise Server, or the test emulator. */
  baseUrl?: string;
  /** Retries for 5xx and network errors (plugin-retry) and for rate limits (plugin-throttling). */
  retries?: number;
  log?: (message: string) => void;
}

export function createOctokit(token: string, options: ClientOptions = {}): Octokit {
  const retries = options.retries ?? 3;
  const log = options.log ?? (() => undefined);
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    log(`${kind} on ${request.method} ${request.url}; ${retryCount < retries ? `retrying in ${retryAfter}s` : "giving up"}`);
    return retryCount < retries;
  };
  return getOctokit(
    token,
    {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      throttle: { onRateLimit: onLimit("rate limit"), onSecondaryRateLimit: onLimit("secondary rate limit") },
      retry: { retries, doNotRetry: [400, 401, 403, 404, 410, 422, 451] },
    },
    throttling,
    retry,
  );
}
