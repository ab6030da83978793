// The executor of the pulls port: branches (git plumbing on the records clone: post-mortem branches,
// the expired-silences branch), pull requests, their comments, labels, commit statuses and check
// runs. A PR is created once: before creating, and before any retry after a transient failure, the
// branch's open PR is looked up. A 422 naming reviewers drops them (the PR is still useful) and asks
// the others; the job summary says so.
import type { PullEffect } from "../plan/effects.js";
import { answer, note, type ExecutionLog } from "../plan/log.js";
import { marker } from "../render/markers.js";
import { commitToBranch, createBranch, fetchBranch, type BranchRepo } from "../store/branch.js";
import { commitMessage } from "../store/commit-message.js";
import { createOnce, refusedValues, type CreateOnceOptions } from "./create-once.js";
import { GitHubError } from "./port.js";
import type { PullsPort } from "./pulls.js";

export interface PullsTools {
  pulls: PullsPort;
  /** Where post-mortem branches are created from: the store's repository and the branch PRs target. */
  git: BranchRepo;
  base: string;
}

export function prCommentMarker(pr: number, key: string): string {
  return marker("pr-comment", { pr, key });
}

export interface PullsExecutor {
  execute(effect: PullEffect): Promise<void>;
}

export function pullsExecutor(tools: PullsTools, log: ExecutionLog, opts: CreateOnceOptions = {}): PullsExecutor {
  const tips = new Map<string, string>(); // branch → the tip this run created or found

  const requestReviews = async (pr: number, reviewers: string[], teams: string[]): Promise<void> => {
    if (reviewers.length === 0 && teams.length === 0) return;
    try {
      await tools.pulls.requestReviewers(pr, reviewers, teams);
    } catch (e) {
      if (!(e instanceof GitHubError) || e.status !== 422) throw e;
      // GitHub refuses the whole request when one reviewer cannot review (not a collaborator, the
      // author): the ones it names are dropped; when it names none, each is asked alone.
      const named = refusedValues(e, ["reviewers", "team_reviewers"]);
      const left = named.length > 0 ? reviewers.filter((r) => !named.includes(r)) : [];
      let refused = named;
      if (named.length > 0) await tools.pulls.requestReviewers(pr, left, teams.filter((t) => !named.includes(t))).catch(() => (refused = [...reviewers, ...teams]));
      else {
        refused = [];
        for (const r of reviewers) await tools.pulls.requestReviewers(pr, [r], []).catch(() => refused.push(r));
      }
      if (refused.length > 0) note(log, "pr.create", `reviews on #${pr}`, "done", `could not request reviews from ${refused.join(", ")}: ${e.message}`);
    }
  };

  return {
    async execute(effect) {
      switch (effect.kind) {
        case "branch.create": {
          const made = await createBranch(tools.git, { branch: effect.branch, base: tools.base, files: effect.files, message: commitMessage({ id: effect.incidentId, action: "postmortem" }) });
          tips.set(effect.branch, made.sha);
          note(log, effect.kind, effect.reason, made.outcome === "created" ? "done" : "existed", effect.branch);
          return;
        }
        case "pr.create": {
          const lookup = () => tools.pulls.findOpen(effect.branch);
          const open = await lookup();
          const made = open
            ? { value: open, found: true }
            : await createOnce(() => tools.pulls.create({ head: effect.branch, base: tools.base, title: effect.title, body: `${effect.body}\n\n${marker("postmortem", { incident: effect.incidentId })}` }), lookup, opts);
          if (!made.found) await requestReviews(made.value.number, effect.reviewers, effect.teamReviewers);
          answer(log, effect.incidentId, (a) => ({ ...a, pr: made.value.number }));
          note(log, effect.kind, effect.reason, made.found ? "existed" : "done", `#${made.value.number}`);
          return;
        }
        case "pr.comment": {
          const tag = prCommentMarker(effect.pr, effect.key);
          const body = `${effect.body}\n\n${tag}`;
          const lookup = async () => (await tools.pulls.listComments(effect.pr)).find((c) => c.fromUs && c.body.includes(tag)) ?? null;
          const ours = await lookup();
          if (ours?.body === body) note(log, effect.kind, effect.reason, "existed");
          else if (ours) {
            await tools.pulls.updateComment(ours.id, body);
            note(log, effect.kind, effect.reason, "done");
          } else {
            const made = await createOnce(() => tools.pulls.createComment(effect.pr, body), lookup, opts);
            note(log, effect.kind, effect.reason, made.found ? "existed" : "done");
          }
          return;
        }
        case "pr.labels":
          await tools.pulls.setLabels(effect.pr, effect.labels);
          note(log, effect.kind, effect.reason, "done");
          return;
        case "status.set": {
          const sha = effect.sha || (effect.branch ? (tips.get(effect.branch) ?? (await fetchBranch(tools.git, effect.branch))) : null);
          if (!sha) {
            note(log, effect.kind, effect.reason, "skipped", `branch ${effect.branch ?? "?"} does not exist`);
            return;
          }
          await tools.pulls.setStatus(sha, { state: effect.state, context: effect.context, description: effect.description });
          note(log, effect.kind, effect.reason, "done");
          return;
        }
        case "check.run":
          await tools.pulls.createCheckRun({ name: effect.name, headSha: effect.headSha, conclusion: effect.conclusion, title: effect.title, summary: effect.summary });
          note(log, effect.kind, effect.reason, "done", effect.conclusion);
          return;
        case "branch.commit": {
          const made = await commitToBranch(tools.git, { branch: effect.branch, base: effect.base, deletions: effect.deletions, message: effect.message });
          note(log, effect.kind, effect.reason, made.outcome === "existed" ? "existed" : "done", made.note ?? `${made.outcome} ${made.sha.slice(0, 7)}`);
          return;
        }
        case "pr.upsert": {
          const lookup = () => tools.pulls.findOpen(effect.branch);
          const open = await lookup();
          if (open && open.body === effect.body) note(log, effect.kind, effect.reason, "existed", `#${open.number}`);
          else if (open) {
            await tools.pulls.update(open.number, { title: effect.title, body: effect.body });
            note(log, effect.kind, effect.reason, "done", `#${open.number} updated`);
          } else {
            const made = await createOnce(() => tools.pulls.create({ head: effect.branch, base: effect.base, title: effect.title, body: effect.body }), lookup, opts);
            note(log, effect.kind, effect.reason, made.found ? "existed" : "done", `#${made.value.number}${made.found ? "" : " opened"}`);
          }
          return;
        }
      }
    },
  };
}
