// What the post-mortem handlers share: the executor's tools built from the run context, the
// history the patterns are computed from, and the post-mortem text as a branch holds it.
import type { IncidentRecord } from "../../incident/record.js";
import { readFrontMatter, type FrontMatter } from "../../postmortem/front-matter.js";
import type { History } from "../../postmortem/patterns.js";
import type { PostmortemTools } from "../../github/postmortem-executor.js";
import { GitStore } from "../../store/git.js";
import { StoreError } from "../../store/errors.js";
import type { RunContext } from "../context.js";

/**
 * Post-mortem branches start from the records branch and their PRs target it: with the default
 * set-up that is the default branch; with a dedicated `records-branch`, post-mortems are
 * published beside the records, where the patterns query reads them.
 */
export function postmortemTools(ctx: RunContext): PostmortemTools {
  if (!(ctx.store instanceof GitStore)) throw new StoreError("git", false, "post-mortem pull requests need the git records store");
  return { github: ctx.github, pulls: ctx.pulls, git: { dir: ctx.store.dir, remote: ctx.store.remote }, base: ctx.store.branch, log: ctx.log };
}

/** Call after a sync: the records given plus the front matter of every post-mortem on the records branch. */
export async function historyOf(ctx: RunContext, records: ReadonlyMap<string, IncidentRecord>): Promise<History> {
  const files = await ctx.store.readAll("postmortems/");
  const postmortems = files
    .filter((f) => f.path.endsWith(".md"))
    .map((f) => readFrontMatter(f.content, f.path).frontMatter)
    .filter((fm): fm is FrontMatter => fm !== null);
  return { records: [...records.values()], postmortems };
}
