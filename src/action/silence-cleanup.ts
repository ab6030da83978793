// What the backstop needs read about the expired-silences pull request before it decides: whether
// one is open, and — when none is but the branch exists — which files a closed one proposed to
// delete (people declined those). Read only when a silence file has ended.
import { CLEANUP_BRANCH, silenceCleanup, type CleanupState } from "../review/silence-expiry.js";
import { branchDeletes } from "../store/branch.js";
import type { RunContext } from "./context.js";

/**
 * undefined when no silence has ended (nothing is read), or when reading failed: the backstop's
 * other work must not wait on it, and its Plan then says the expired silences were not proposed.
 */
export async function readCleanupState(ctx: RunContext): Promise<CleanupState | undefined> {
  const cleanup = silenceCleanup(ctx.policies, Date.parse(ctx.now));
  if (!cleanup) return undefined;
  const base = ctx.policiesBranch ?? ctx.store.branch;
  try {
    const open = await ctx.pulls.findOpen(CLEANUP_BRANCH);
    const declined = open ? [] : ((await branchDeletes({ dir: ctx.store.dir, remote: ctx.store.remote }, CLEANUP_BRANCH, base, cleanup.deletions)) ?? []);
    return { base, openPr: open?.number ?? null, declined };
  } catch (e) {
    ctx.log(`could not read ${CLEANUP_BRANCH} and its pull request: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}
