// The schedule job's part about silences that ended (src/review/silence-expiry.ts decides): a note
// and a comment on each open incident a silence or maintenance window covered, and the one pull
// request that deletes expired silence files — opened, updated, or left alone once people closed
// it. Reads what the core needs (records, the cleanup branch, its open pull request), executes.
import { executeReview } from "../../github/review-executor.js";
import { cleanupEffects, CLEANUP_BRANCH, silenceCleanup, silenceExpiryNotices, silenceNoticeOutcome } from "../../review/silence-expiry.js";
import { branchDeletes } from "../../store/branch.js";
import { GitStore } from "../../store/git.js";
import { readRecords } from "../../store/transaction.js";
import type { RunContext } from "../context.js";
import { changeIncident } from "./incident-tx.js";

export interface SilenceExpiryResult {
  reason: string;
  incidentIds: string[];
}

/** `base`: the branch the policies live on (the repository's default branch), which the cleanup pull request targets. */
export async function handleSilenceExpiry(ctx: RunContext, base: string): Promise<SilenceExpiryResult> {
  const now = ctx.now();
  const nowMs = now.getTime();
  const said: string[] = [];
  const noticed: string[] = [];

  await ctx.store.sync();
  const { records } = readRecords(await ctx.store.readAll());
  for (const candidate of silenceExpiryNotices(ctx.policies, records.values(), nowMs)) {
    if (ctx.dryRun || noticed.includes(candidate.incidentId)) continue;
    const changed = await changeIncident(
      ctx,
      (all) => all.get(candidate.incidentId),
      async (record) => {
        // Decided again on the fresh record: another run may have sent the notice meanwhile.
        const notices = silenceExpiryNotices(ctx.policies, [record], nowMs);
        if (notices.length === 0 || record.links.issue === null) return { record: null, effects: [] };
        const issue = await ctx.github.getIssue(record.links.issue);
        return silenceNoticeOutcome(record, notices, { policies: ctx.policies, now: now.toISOString(), issue: { labels: issue.labels, assignees: issue.assignees } });
      },
      "update",
    );
    if (changed?.after) noticed.push(candidate.incidentId);
  }
  if (noticed.length > 0) said.push(`told ${noticed.join(", ")} that a silence covering them ended`);

  const cleanup = silenceCleanup(ctx.policies, nowMs);
  if (cleanup) {
    if (ctx.dryRun) said.push(`dry run: ${cleanup.title.toLowerCase()} not proposed`);
    else if (!ctx.review || !(ctx.store instanceof GitStore)) said.push(`${cleanup.deletions.length} expired silence(s) not proposed for removal: this run has no pull-request access or git clone`);
    else {
      const git = { dir: ctx.store.dir, remote: ctx.store.remote };
      const open = await ctx.review.findOpen(CLEANUP_BRANCH);
      const declined = open ? [] : ((await branchDeletes(git, CLEANUP_BRANCH, base, cleanup.deletions)) ?? []);
      const decided = cleanupEffects(cleanup, base, { openPr: open?.number ?? null, declined });
      const applied = await executeReview({ github: ctx.review, git }, decided.effects);
      for (const a of applied) ctx.log(`${a.kind}: ${a.result}${a.detail ? ` (${a.detail})` : ""} — ${a.reason}`);
      const pr = applied.find((a) => a.kind === "pr.upsert");
      said.push(pr ? `${decided.reason}: ${pr.detail ?? pr.result}` : decided.reason);
    }
  }
  return { reason: said.join("; "), incidentIds: noticed };
}
