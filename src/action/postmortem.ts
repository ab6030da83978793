// The shell of the post-mortem door. It reads what the pure handlers of src/postmortem need — the
// history of past incidents (recurring patterns), the post-mortem file at the branch's tip, the
// reviews — decides inside a transaction like every door, and executes the Plan with `execute`.
// Post-mortem branches start from the records branch and their PRs target it.
import { parseRecord } from "../incident/codec.js";
import type { IncidentRecord } from "../incident/record.js";
import { readFrontMatter, type FrontMatter } from "../postmortem/front-matter.js";
import { parseActionItems } from "../postmortem/action-items.js";
import { onMerged, onResolved, postmortemBranch } from "../postmortem/flow.js";
import { evaluateGate, type Review, type ReviewState } from "../postmortem/gate.js";
import { lintPostmortem, type LintProblem } from "../postmortem/lint.js";
import { patternsFile, type History } from "../postmortem/patterns.js";
import type { PullsTools } from "../github/pulls-executor.js";
import type { EventPayload } from "../incident/doors/webhook.js";
import { newLog, type ExecutionLog } from "../plan/log.js";
import type { Plan } from "../plan/plan.js";
import { fetchBranch, showFile } from "../store/branch.js";
import { recordSource } from "../store/records.js";
import { transact } from "../store/transaction.js";
import { commitMessageOf, fileChanges } from "./commit.js";
import type { RunContext } from "./context.js";
import { execute } from "./execute.js";

export function pullsTools(ctx: RunContext): PullsTools {
  return { pulls: ctx.pulls, git: { dir: ctx.store.dir, remote: ctx.store.remote }, base: ctx.store.branch };
}

/** Every record and the front matter of every published post-mortem: read only when a post-mortem is written or published. */
async function historyOf(ctx: RunContext, replaced?: IncidentRecord): Promise<History> {
  const files = await ctx.store.readAll("incidents/");
  const records = files.flatMap((f) => {
    if (!/\.ya?ml$/.test(f.path) || f.path.includes("/unprocessed/")) return [];
    const r = parseRecord(f.content, f.path);
    return "record" in r ? [r.record.id === replaced?.id ? replaced : r.record] : [];
  });
  const postmortems = (await ctx.store.readAll("postmortems/")).filter((f) => f.path.endsWith(".md")).flatMap((f): FrontMatter[] => {
    const fm = readFrontMatter(f.content, f.path).frontMatter;
    return fm ? [fm] : [];
  });
  return { records, postmortems };
}

/** `postmortem.start`: the draft PR of a resolved incident (or `/postmortem`), resumed when a run died before opening it. */
export async function runPostmortem(ctx: RunContext, incidentId: string, force: boolean, log: ExecutionLog): Promise<void> {
  if (ctx.dryRun) return;
  const { result: plan } = await transact(
    ctx.store,
    async (source) => {
      const fresh = await source.get(incidentId);
      const decided = fresh ? onResolved(fresh, ctx.policies, { now: ctx.now, history: await historyOf(ctx), force, resume: true }) : { record: null, effects: [] };
      const plan: Plan = { door: "postmortem", now: ctx.now, decision: decided.effects.length > 0 ? "postmortem-opened" : "not-handled", reason: `post-mortem of ${incidentId}`, incidentIds: [incidentId], effects: decided.effects };
      return { changes: fileChanges(plan.effects), message: commitMessageOf("postmortem", plan.effects), result: plan };
    },
    ctx.transactOptions,
  );
  if (plan.effects.length > 0) await execute(plan, ctx, log);
}

const STATES: readonly ReviewState[] = ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"];
const GATE_EVENTS: Record<string, readonly string[]> = {
  pull_request: ["opened", "reopened", "synchronize", "ready_for_review", "edited"],
  pull_request_review: ["submitted", "dismissed", "edited"],
};
const ID = /^postmortem\/(\d{4}-\d{2}-\d{2}-\d{3,})$/;

async function reviewsOf(ctx: RunContext, pr: number): Promise<Review[]> {
  return (await ctx.pulls.listReviews(pr)).flatMap((r) =>
    (STATES as readonly string[]).includes(r.state) && r.submittedAt !== null && r.user !== "" ? [{ user: r.user, state: r.state as ReviewState, submittedAt: r.submittedAt }] : [],
  );
}

function lintOf(ctx: RunContext, path: string, text: string | null): { problems: LintProblem[] } {
  if (text === null) return { problems: [{ line: 1, message: `${path} is not on the branch any more: restore it (the gate reads that file)` }] };
  return lintPostmortem(text, ctx.policies);
}

interface PullEvent {
  number: number;
  merged?: boolean;
  head?: { ref?: string; repo?: { full_name?: string } | null };
  merged_by?: { login?: string } | null;
}

/** pull_request(_review) events of a post-mortem PR: the review gate, and publication on merge. */
export async function postmortemEvent(ctx: RunContext, eventName: string, p: EventPayload): Promise<{ plan: Plan; log: ExecutionLog }> {
  const what = `${eventName}.${p.action ?? ""}`;
  const log = newLog();
  const done = (decision: Plan["decision"], reason: string, ids: string[] = [], effects: Plan["effects"] = []): Plan => ({ door: "postmortem", now: ctx.now, decision, reason, incidentIds: ids, effects });
  const pull: PullEvent | undefined = p.pull_request;
  const id = ID.exec(pull?.head?.ref ?? "")?.[1];
  if (!pull || !id) return { plan: done("not-handled", `the ${what} event is not about a post-mortem pull request (head branch postmortem/<incident id>)`), log };
  // A fork may name its branch postmortem/<id> too; only the repository's own branch is the post-mortem.
  const headRepo = pull.head?.repo?.full_name;
  if (headRepo && headRepo !== `${ctx.repo.owner}/${ctx.repo.repo}`) return { plan: done("not-handled", `#${pull.number} comes from ${headRepo}, not from this repository`), log };
  await ctx.store.sync();
  const record = await recordSource(ctx.store).get(id);
  if (!record) return { plan: done("not-handled", `no incident record ${id} for ${postmortemBranch(id)}`), log };
  if (record.links.postmortemPr !== null && record.links.postmortemPr !== pull.number) return { plan: done("not-handled", `#${pull.number} is not the post-mortem PR of ${id} (that is #${record.links.postmortemPr})`), log };
  const ids = [id];
  if (ctx.dryRun) return { plan: done("dry-run", `dry run: the ${what} event of post-mortem #${pull.number} was not acted on`, ids), log };
  const tools = pullsTools(ctx);

  if (eventName === "pull_request" && p.action === "closed") {
    if (pull.merged !== true) return { plan: done("not-handled", `post-mortem #${pull.number} was closed without merging; ${id} stays ${record.status}`, ids), log };
    const mergedBy = pull.merged_by?.login ?? p.sender?.login ?? "someone";
    const path = record.links.postmortemPath;
    if (path === null) return { plan: done("not-handled", `${id} has no post-mortem file to publish`, ids), log };
    // The file as merged (the records branch holds it now; the PR branch when the PR targeted another).
    const onBase = (await ctx.store.read([path])).get(path);
    const sha = onBase === undefined ? await fetchBranch(tools.git, postmortemBranch(id)) : null;
    const text = onBase ?? (sha === null ? null : await showFile(tools.git, sha, path));
    const gatePassed = evaluateGate({ record, policies: ctx.policies, reviews: await reviewsOf(ctx, pull.number), lint: lintOf(ctx, path, text), headSha: "", pr: { number: pull.number, labels: [] } }).passed;
    const actionItemsFromFile = text === null ? record.actionItems : parseActionItems(text);
    const { result: plan } = await transact(
      ctx.store,
      async (source) => {
        const fresh = (await source.get(id)) ?? record;
        const merged = onMerged(fresh, ctx.policies, { now: ctx.now, gatePassed, mergedBy, actionItemsFromFile });
        const patterns = merged.record ? [{ kind: "file.write" as const, ...patternsFile(await historyOf(ctx, merged.record), ctx.now, ctx.policies.postmortem.patterns), reason: "recurring patterns" }] : [];
        const gate = gatePassed ? "after the review gate passed" : "without passing the review gate (gate bypassed)";
        const items = (merged.record ?? fresh).actionItems.length;
        const plan = done("postmortem-published", `post-mortem #${pull.number} merged by ${mergedBy} ${gate}; ${items} action item issue(s); ${id} closed`, ids, [...patterns, ...merged.effects]);
        return { changes: fileChanges(plan.effects), message: commitMessageOf("postmortem", plan.effects), result: plan };
      },
      ctx.transactOptions,
    );
    await execute(plan, ctx, log);
    return { plan, log };
  }
  if (!(GATE_EVENTS[eventName] ?? []).includes(p.action ?? "")) return { plan: done("not-handled", `the ${what} event does not change the post-mortem gate`, ids), log };
  // Labels as they are now (the payload may be older than a label change by another run).
  const labels = (await ctx.pulls.get(pull.number)).labels;
  const sha = await fetchBranch(tools.git, postmortemBranch(id));
  if (sha === null) return { plan: done("not-handled", `${postmortemBranch(id)} no longer exists`, ids), log };
  const path = record.links.postmortemPath ?? "the post-mortem";
  const text = record.links.postmortemPath ? await showFile(tools.git, sha, record.links.postmortemPath) : null;
  const gate = evaluateGate({ record, policies: ctx.policies, reviews: await reviewsOf(ctx, pull.number), lint: lintOf(ctx, path, text), headSha: sha, pr: { number: pull.number, labels } });
  const plan = done(gate.passed ? "postmortem-gate-passed" : "postmortem-gate-failed", gate.passed ? `post-mortem #${pull.number} is complete and approved` : `post-mortem #${pull.number}: ${gate.missing.join("; ")}`, ids, gate.effects);
  await execute(plan, ctx, log);
  return { plan, log };
}
