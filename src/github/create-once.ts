// Creates happen once. GitHub may apply a create and still answer 5xx, time out or reset the
// connection, so a create is never resent blindly (the Octokit retry plugin is told not to, see
// port.ts): after a transient failure we look again for what the first attempt may have made — our
// marker, the claim key, the branch's open PR — and create only if it is not there.
import { setTimeout as sleep } from "node:timers/promises";
import { GitHubError } from "./port.js";

export interface CreateOnceOptions {
  /** Attempts in all (default 3). */
  attempts?: number;
  /** Wait before looking again, ms, doubled per attempt (default 500). */
  backoffMs?: number;
}

/**
 * `create()`, or what `lookup()` finds after a transient failure of it. Throws the last error when
 * every attempt failed, and any non-transient error (a 4xx) at once.
 */
export async function createOnce<T>(create: () => Promise<T>, lookup: () => Promise<T | null>, opts: CreateOnceOptions = {}): Promise<{ value: T; found: boolean }> {
  const attempts = opts.attempts ?? 3;
  const backoff = opts.backoffMs ?? 500;
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    if (i > 0) {
      await sleep(backoff * 2 ** (i - 1));
      const found = await lookup();
      if (found !== null) return { value: found, found: true };
    }
    try {
      return { value: await create(), found: false };
    } catch (e) {
      if (!(e instanceof GitHubError && e.transient)) throw e;
      last = e;
    }
  }
  throw last;
}

/** The values a 422 names for `field` (e.g. the assignees GitHub refused). */
export function refusedValues(e: unknown, fields: readonly string[]): string[] {
  if (!(e instanceof GitHubError) || e.status !== 422) return [];
  return e.fields.filter((f) => f.field !== undefined && fields.includes(f.field) && typeof f.value === "string").map((f) => f.value as string);
}
