// The post-mortem PR after it is opened: the review gate on every review and push (lint the file
// as the branch holds it, count the required approvals, report a status, one comment and the
// label), and publication on merge (record closed and patterns.yaml in one commit, action items
// opened as issues, the incident issue closed with a summary).
import type { GitHubEffect } from "../../github/effects.js";
import { executePostmortem, newPostmortemLog, type PostmortemTools } from "../../github/postmortem-executor.js";
import { recordPath, serializeRecord } from "../../incident/codec.js";
import type { IncidentRecord } from "../../incident/record.js";
import { parseActionItems } from "../../postmortem/action-items.js";
import { onMerged, postmortemBranch } from "../../postmortem/flow.js";
import { evaluateGate, type GateResult, type Review, type ReviewState } from "../../postmortem/gate.js";
import { lintPostmortem, type LintProblem } from "../../postmortem/lint.js";
import { patternsFile } from "../../postmortem/patterns.js";
import { fetchBranch, showFile } from "../../store/branch.js";
import { commitMessage } from "../../store/commit-message.js";
import { transact } from "../../store/transaction.js";
import type { RunContext } from "../context.js";
import { historyOf } from "./postmortem-tools.js";

const STATES: readonly ReviewState[] = ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"];
const DONE = new Set<IncidentRecord["status"]>(["postmortem-published", "closed"]);

async function reviewsOf(ctx: RunContext, pr: number): Promise<Review[]> {
  return (await ctx.pulls.listReviews(pr)).flatMap((r) =>
    (STATES as readonly string[]).includes(r.state) && r.submittedAt !== null && r.user !== "" ? [{ user: r.user, state: r.state as ReviewState, submittedAt: r.submittedAt }] : [],
  );
}

function lintOf(ctx: RunContext, path: string, text: string | null): { problems: LintProblem[] } {
  if (text === null) return { problems: [{ line: 1, message: `${path} is not on the branch any more: restore it (the gate reads that file)` }] };
  return lintPostmortem(text, ctx.policies);
}

export interface GateRun extends GateResult {
  headSha: string;
}

/**
 * Evaluates the gate on the branch's current tip and applies its status, comment and label (or
 * only the status: a comment is a notification GitHub paces 3 s apart). Null: the branch is gone.
 */
export async function runGate(ctx: RunContext, tools: PostmortemTools, record: IncidentRecord, pr: { number: number; labels: string[] }, opts: { statusOnly?: boolean } = {}): Promise<GateRun | null> {
  const sha = await fetchBranch(tools.git, postmortemBranch(record.id));
  if (sha === null) return null;
  const path = record.links.postmortemPath ?? "the post-mortem";
  const text = record.links.postmortemPath ? await showFile(tools.git, sha, record.links.postmortemPath) : null;
  const gate = evaluateGate({ record, policies: ctx.policies, reviews: await reviewsOf(ctx, pr.number), lint: lintOf(ctx, path, text), headSha: sha, pr });
  await executePostmortem(tools, opts.statusOnly ? gate.effects.filter((e) => e.kind === "status.set") : gate.effects);
  return { ...gate, headSha: sha };
}

export interface Published {
  record: IncidentRecord;
  gatePassed: boolean;
  actionItems: number[];
}

/**
 * Merge publishes. The file is read as merged (the records branch now holds it; the PR branch as
 * a fallback when the PR targeted another branch), and the gate is evaluated once more on it: a
 * merge that bypassed it still publishes, and says so. A re-run after a crash re-applies the
 * effects (each idempotent) without changing the record again.
 */
export async function publish(ctx: RunContext, tools: PostmortemTools, record: IncidentRecord, pr: { number: number; mergedBy: string }): Promise<Published | null> {
  const path = record.links.postmortemPath;
  if (path === null) return null;
  const text = await mergedText(ctx, tools, record.id, path);
  const lint = lintOf(ctx, path, text);
  const reviews = await reviewsOf(ctx, pr.number);
  const gatePassed = evaluateGate({ record, policies: ctx.policies, reviews, lint, headSha: "0".repeat(40), pr: { number: pr.number, labels: [] } }).passed;
  const actionItemsFromFile = text === null ? record.actionItems : parseActionItems(text);

  const { result } = await transact(
    ctx.store,
    async (records) => {
      const fresh = records.get(record.id);
      if (!fresh) return { changes: [], message: commitMessage({ id: record.id, action: "close" }), result: null };
      const now = ctx.now().toISOString();
      const opts = { now, gatePassed, mergedBy: pr.mergedBy, actionItemsFromFile };
      if (DONE.has(fresh.status)) {
        const again = onMerged({ ...fresh, status: "postmortem-review" }, ctx.policies, opts);
        return { changes: [], message: commitMessage({ id: record.id, action: "close" }), result: { record: fresh, effects: again.effects, resumed: true } };
      }
      const merged = onMerged(fresh, ctx.policies, opts);
      if (!merged.record) return { changes: [], message: commitMessage({ id: record.id, action: "close" }), result: null };
      const all = new Map(records).set(fresh.id, merged.record);
      const patterns = patternsFile(await historyOf(ctx, all), now, ctx.policies.postmortem.patterns);
      return {
        changes: [{ path: recordPath(fresh.id), content: serializeRecord(merged.record) }, patterns],
        message: commitMessage({ id: fresh.id, action: "close", severity: fresh.severity, service: fresh.service }),
        result: { record: merged.record, effects: merged.effects, resumed: false },
      };
    },
    ctx.transactOptions,
  );
  if (!result) return null;
  const effects = result.resumed ? await withoutDoneClose(ctx, result.effects) : result.effects;
  const log = await executePostmortem(tools, effects, newPostmortemLog());
  const linked = await linkActionItems(ctx, record.id, log.actionItems);
  return { record: linked ?? result.record, gatePassed, actionItems: [...log.actionItems.values()] };
}

/** On a re-run, closing an issue that is closed already would be a write for nothing. */
async function withoutDoneClose(ctx: RunContext, effects: GitHubEffect[]): Promise<GitHubEffect[]> {
  const out: GitHubEffect[] = [];
  for (const e of effects) {
    if (e.kind === "issue.update" && e.state === "closed" && (await ctx.github.getIssue(e.issue)).state === "closed") continue;
    out.push(e);
  }
  return out;
}

async function mergedText(ctx: RunContext, tools: PostmortemTools, id: string, path: string): Promise<string | null> {
  await ctx.store.sync();
  const onBase = (await ctx.store.readAll("postmortems/")).find((f) => f.path === path);
  if (onBase) return onBase.content;
  const sha = await fetchBranch(tools.git, postmortemBranch(id));
  return sha === null ? null : showFile(tools.git, sha, path);
}

/** The record learns the numbers of its action-item issues (keys are `action-item:<id>:<n>`, 1-based). */
async function linkActionItems(ctx: RunContext, id: string, numbers: ReadonlyMap<string, number>): Promise<IncidentRecord | null> {
  if (numbers.size === 0) return null;
  const { result } = await transact(
    ctx.store,
    (records) => {
      const fresh = records.get(id);
      const items = fresh?.actionItems.map((a, n) => ({ ...a, issue: a.issue ?? numbers.get(`action-item:${id}:${n + 1}`) ?? null }));
      const changed = fresh && items && items.some((a, n) => a.issue !== fresh.actionItems[n]?.issue) ? { ...fresh, actionItems: items } : null;
      return {
        changes: changed ? [{ path: recordPath(id), content: serializeRecord(changed) }] : [],
        message: commitMessage({ id, action: "update" }),
        result: changed ?? fresh ?? null,
      };
    },
    ctx.transactOptions,
  );
  return result;
}
