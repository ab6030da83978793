// Post-mortem pull requests: opened when an incident that needs one is resolved (or on
// `/postmortem`), gated by review on every review and push, published on merge. The decisions are
// the pure handlers of src/postmortem; this file reads fresh records, pushes what they return,
// then applies the GitHub effects (git first, so a re-run finds what a crashed run recorded).
import { execute } from "../../github/executor.js";
import { executePostmortem } from "../../github/postmortem-executor.js";
import { recordPath, serializeRecord } from "../../incident/codec.js";
import type { IncidentRecord } from "../../incident/record.js";
import { onPrOpened, onResolved, postmortemBranch } from "../../postmortem/flow.js";
import { commitMessage } from "../../store/commit-message.js";
import { readRecords, transact } from "../../store/transaction.js";
import type { RunContext, RunResult } from "../context.js";
import type { EventPayload } from "../event.js";
import { publish, runGate } from "./postmortem-review.js";
import { historyOf, postmortemTools } from "./postmortem-tools.js";

/**
 * Opens the post-mortem pull request for a resolved incident when policy requires one (or `force`).
 * Idempotent: once the record names its post-mortem nothing new is opened; a draft recorded by a
 * run that died before opening its PR is opened now (the branch and any open PR are reused).
 */
export async function startPostmortem(ctx: RunContext, record: IncidentRecord, opts: { force: boolean }): Promise<void> {
  if (ctx.dryRun) return;
  const tools = postmortemTools(ctx);
  const { result: draft } = await transact(
    ctx.store,
    async (records) => {
      const fresh = records.get(record.id);
      const message = commitMessage({ id: record.id, action: "postmortem", severity: record.severity, service: record.service });
      if (!fresh) return { changes: [], message, result: null };
      const now = ctx.now().toISOString();
      const history = await historyOf(ctx, records);
      const decided = onResolved(fresh, ctx.policies, { now, history, force: opts.force });
      if (decided.record) return { changes: [{ path: recordPath(fresh.id), content: serializeRecord(decided.record) }], message, result: { record: decided.record, effects: decided.effects } };
      if (fresh.status !== "postmortem-draft" || fresh.links.postmortemPr !== null || fresh.links.postmortemPath === null) return { changes: [], message, result: null };
      const resumed = onResolved({ ...fresh, status: "resolved", links: { ...fresh.links, postmortemPath: null } }, ctx.policies, { now, history, force: true });
      return { changes: [], message, result: { record: fresh, effects: resumed.effects } };
    },
    ctx.transactOptions,
  );
  if (!draft) return;
  const log = await executePostmortem(tools, draft.effects);
  const pr = log.prs.get(record.id);
  if (!pr) return;
  ctx.log(`post-mortem of ${record.id}: #${pr.number}`);

  const { result: opened } = await transact(
    ctx.store,
    (records) => {
      const fresh = records.get(record.id);
      const decided = fresh ? onPrOpened(fresh, pr.number, { now: ctx.now().toISOString() }) : { record: null, effects: [] };
      return {
        changes: decided.record ? [{ path: recordPath(record.id), content: serializeRecord(decided.record) }] : [],
        message: commitMessage({ id: record.id, action: "postmortem" }),
        result: decided.record ? { record: decided.record, effects: decided.effects } : null,
      };
    },
    ctx.transactOptions,
  );
  if (opened) await execute(ctx.github, opened.effects);
  // PRs opened with GITHUB_TOKEN start no workflow: set the gate's status now so the PR shows it is
  // not ready; the comment listing what is missing comes with the first review or push.
  await runGate(ctx, tools, opened?.record ?? draft.record, { number: pr.number, labels: pr.labels }, { statusOnly: true });
}

const GATE_EVENTS: Record<string, readonly string[]> = {
  pull_request: ["opened", "reopened", "synchronize", "ready_for_review", "edited"],
  pull_request_review: ["submitted", "dismissed", "edited"],
};
const ID = /^postmortem\/(\d{4}-\d{2}-\d{2}-\d{3,})$/;

interface PullEvent {
  number: number;
  merged?: boolean;
  head?: { ref?: string; repo?: { full_name?: string } | null };
  base?: { repo?: { full_name?: string } | null };
  labels?: { name?: string }[];
  merged_by?: { login?: string } | null;
}

export async function handlePullRequestEvent(ctx: RunContext, eventName: string, p: EventPayload): Promise<RunResult> {
  const what = `${eventName}.${p.action ?? ""}`;
  const skip = (reason: string): RunResult => ({ decision: "not-handled", reason, incidentIds: [] });
  const pull: PullEvent | undefined = p.pull_request;
  const id = ID.exec(pull?.head?.ref ?? "")?.[1];
  if (!pull || !id) return skip(`the ${what} event is not about a post-mortem pull request (head branch postmortem/<incident id>)`);
  // A fork may name its branch postmortem/<id> too; only the repository's own branch is the post-mortem.
  const headRepo = pull.head?.repo?.full_name;
  if (headRepo && headRepo !== `${ctx.repo.owner}/${ctx.repo.repo}`) return skip(`#${pull.number} comes from ${headRepo}, not from this repository`);

  await ctx.store.sync();
  const record = readRecords(await ctx.store.readAll()).records.get(id);
  if (!record) return skip(`no incident record ${id} for ${postmortemBranch(id)}`);
  if (record.links.postmortemPr !== null && record.links.postmortemPr !== pull.number) return skip(`#${pull.number} is not the post-mortem PR of ${id} (that is #${record.links.postmortemPr})`);
  const ids = [id];
  if (ctx.dryRun) return { decision: "dry-run", reason: `dry run: the ${what} event of post-mortem #${pull.number} was not acted on`, incidentIds: ids };
  const tools = postmortemTools(ctx);

  if (eventName === "pull_request" && p.action === "closed") {
    if (pull.merged !== true) return { decision: "not-handled", reason: `post-mortem #${pull.number} was closed without merging; ${id} stays ${record.status}`, incidentIds: ids };
    const mergedBy = pull.merged_by?.login ?? p.sender?.login ?? "someone";
    const published = await publish(ctx, tools, record, { number: pull.number, mergedBy });
    if (!published) return { decision: "not-handled", reason: `${id} has no post-mortem file to publish`, incidentIds: ids };
    const gate = published.gatePassed ? "after the review gate passed" : "without passing the review gate (gate bypassed)";
    return {
      decision: "postmortem-published",
      reason: `post-mortem #${pull.number} merged by ${mergedBy} ${gate}; ${published.actionItems.length} action item issue(s); ${id} closed`,
      incidentIds: ids,
      ...(record.links.issue !== null ? { issues: { [id]: record.links.issue } } : {}),
    };
  }
  if (!(GATE_EVENTS[eventName] ?? []).includes(p.action ?? "")) return skip(`the ${what} event does not change the post-mortem gate`);
  // Labels as they are now (the payload may be older than a label change by another run).
  const labels = (await ctx.pulls.get(pull.number)).labels;
  const gate = await runGate(ctx, tools, record, { number: pull.number, labels });
  if (!gate) return skip(`${postmortemBranch(id)} no longer exists`);
  return {
    decision: gate.passed ? "postmortem-gate-passed" : "postmortem-gate-failed",
    reason: gate.passed ? `post-mortem #${pull.number} is complete and approved` : `post-mortem #${pull.number}: ${gate.missing.join("; ")}`,
    incidentIds: ids,
  };
}
