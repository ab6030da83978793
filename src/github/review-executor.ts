// Applies the review effects (src/review/effects.ts) in order, each idempotently: the pull-request
// comment is found again by its key's hidden marker and edited in place, the cleanup branch is
// committed to without forcing, and its pull request is opened only when none is open.
import { commitToBranch, type BranchRepo } from "../store/branch.js";
import type { ReviewEffect } from "../review/effects.js";
import { prCommentMarker } from "./postmortem-executor.js";
import type { ReviewPort } from "./review.js";

export interface ReviewTools {
  github: ReviewPort;
  /** A clone whose remote is the repository (for branch.commit); null when this run has none. */
  git: BranchRepo | null;
}

export interface Applied {
  kind: ReviewEffect["kind"];
  reason: string;
  result: "done" | "existed";
  detail: string | null;
}

/** Throws GitHubError or StoreError from the first effect that fails; what was applied before stays applied. */
export async function executeReview(tools: ReviewTools, effects: readonly ReviewEffect[]): Promise<Applied[]> {
  const applied: Applied[] = [];
  const done = (e: ReviewEffect, result: Applied["result"], detail: string | null = null) => applied.push({ kind: e.kind, reason: e.reason, result, detail });
  for (const effect of effects) {
    switch (effect.kind) {
      case "pr.comment": {
        const tag = prCommentMarker(effect.pr, effect.key);
        const body = `${effect.body}\n\n${tag}`;
        const ours = (await tools.github.listComments(effect.pr)).find((c) => c.fromUs && c.body.includes(tag));
        if (ours?.body === body) done(effect, "existed");
        else if (ours) {
          await tools.github.updateComment(ours.id, body);
          done(effect, "done", "edited");
        } else {
          await tools.github.createComment(effect.pr, body);
          done(effect, "done", "created");
        }
        break;
      }
      case "check.run":
        await tools.github.createCheckRun({ name: effect.name, headSha: effect.headSha, conclusion: effect.conclusion, title: effect.title, summary: effect.summary });
        done(effect, "done", effect.conclusion);
        break;
      case "branch.commit": {
        if (!tools.git) throw new Error(`${effect.kind} needs a git clone of the repository`);
        const made = await commitToBranch(tools.git, { branch: effect.branch, base: effect.base, deletions: effect.deletions, message: effect.message });
        done(effect, made.outcome === "existed" ? "existed" : "done", made.note ?? `${made.outcome} ${made.sha.slice(0, 7)}`);
        break;
      }
      case "pr.upsert": {
        const open = await tools.github.findOpen(effect.branch);
        if (open && open.body === effect.body) done(effect, "existed", `#${open.number}`);
        else if (open) {
          await tools.github.updatePull(open.number, { title: effect.title, body: effect.body });
          done(effect, "done", `#${open.number} updated`);
        } else {
          const pr = await tools.github.create({ head: effect.branch, base: effect.base, title: effect.title, body: effect.body });
          done(effect, "done", `#${pr.number} opened`);
        }
        break;
      }
    }
  }
  return applied;
}
