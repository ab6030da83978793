// The Action's side of a pull request that changes policies/ or incidents/ (`command: validate` on
// a `pull_request` event; on a `push`, the rotation-history check alone): read from git what the
// core needs — the base's policies (the first parent of the merge commit GitHub checks out), the
// incident records, the records the pull request changes — let src/review/pull-request.ts decide,
// then post its comment and check run.
// What it refuses (rotation changes that rewrite started shifts, timestamps moved without a
// correction) joins the policy problems, so the validate step fails and annotates the lines too.
import * as core from "@actions/core";
import { compilePolicies, type CompileResult, type PolicyIssue } from "../../config/index.js";
import { createOctokit, writeSpacingFromEnv } from "../../github/client.js";
import { GitHubError } from "../../github/port.js";
import { octokitReview } from "../../github/review.js";
import { executeReview } from "../../github/review-executor.js";
import { checkRotationHistory } from "../../cli/rotation-history.js";
import type { IncidentRecord } from "../../incident/record.js";
import { policyOnCall } from "../../oncall/port.js";
import { rewriteMessage } from "../../oncall/changes.js";
import { reviewPullRequest, type PolicyReview, type PullRequestRef } from "../../review/pull-request.js";
import { filesAt, GitRefError, resolveCommit } from "../../store/at-ref.js";
import { readRecords } from "../../store/transaction.js";
import { simpleGit } from "simple-git";
import type { ActionInputs } from "../contract.js";
import type { EventPayload } from "../event.js";

/** The pull_request actions that change what the review says (a push, a new or reopened pull request). */
const REVIEWED = ["opened", "synchronize", "reopened", "ready_for_review"];

interface PullEvent {
  number?: number;
  head?: { ref?: string; sha?: string };
  base?: { ref?: string; sha?: string };
}

export interface ReviewOptions {
  inputs: Pick<ActionInputs, "githubToken" | "policies" | "recordsBranch">;
  env: NodeJS.ProcessEnv;
  payload: EventPayload;
  workspace: string;
}

/**
 * What validate mode adds with git at hand: on a pull request, the review below; on a push, the
 * rotation-history check of the pushed commit against its parent, as of when it was committed
 * (`incident validate` without --against). Returns `head` with refusals added as errors.
 */
export async function reviewPolicyChange(eventName: string, head: CompileResult, o: ReviewOptions): Promise<CompileResult> {
  if (eventName === "pull_request") return reviewPolicyPullRequest(head, o);
  if (eventName !== "push" || !head.policies) return head;
  const now = Date.now() + (Number(o.env.INCIDENT_AS_CODE_CLOCK_OFFSET_MS ?? "0") || 0);
  const history = await checkRotationHistory({ dir: o.workspace, policiesDir: o.inputs.policies, now, fix: false }).catch((e: unknown) => {
    if (e instanceof GitRefError) return { issues: [], note: `rotation history not checked: ${e.message}` };
    throw e;
  });
  core.info(history.note);
  return history.issues.length === 0 ? head : { policies: null, issues: [...head.issues, ...history.issues] };
}

/**
 * Reviews the pull request of `payload` and returns `head` (the checkout's policies, as validated)
 * with the review's refusals added as errors; `policies` is null when the review failed. Reading
 * git or posting to GitHub failing is a warning: the validation result stands.
 */
async function reviewPolicyPullRequest(head: CompileResult, o: ReviewOptions): Promise<CompileResult> {
  const pull = o.payload.pull_request as PullEvent | undefined;
  if (!pull?.number || !pull.head?.sha || !REVIEWED.includes(o.payload.action ?? "")) return head;
  const now = Date.now() + (Number(o.env.INCIDENT_AS_CODE_CLOCK_OFFSET_MS ?? "0") || 0);
  const [owner = "", repo = ""] = (o.env.GITHUB_REPOSITORY ?? "").split("/");
  let read;
  try {
    read = await readSides(o, pull);
  } catch (e) {
    if (!(e instanceof GitRefError)) throw e;
    core.warning(`policy replay skipped: ${e.message}`);
    return head;
  }
  const pr: PullRequestRef = { number: pull.number, baseRef: pull.base?.ref ?? "base", baseSha: read.baseSha, headRef: pull.head.ref ?? "head", headSha: pull.head.sha };
  const review = reviewPullRequest({
    pr,
    repo: { owner, repo, ...(o.env.GITHUB_SERVER_URL ? { serverUrl: o.env.GITHUB_SERVER_URL } : {}) },
    base: read.base,
    head,
    records: read.records,
    recordChanges: read.changes,
    now,
    onCall: policyOnCall,
  });
  await core.summary.addRaw(review.comment.body, true).write();
  if (o.inputs.githubToken && owner && repo) {
    const spacing = writeSpacingFromEnv(o.env);
    const octokit = createOctokit(o.inputs.githubToken, { ...(o.env.GITHUB_API_URL ? { baseUrl: o.env.GITHUB_API_URL } : {}), ...(spacing !== undefined ? { writeSpacingMs: spacing } : {}), log: (m: string) => core.info(m) });
    try {
      for (const a of await executeReview({ github: octokitReview(octokit, { owner, repo }), git: null }, [review.comment, review.check])) core.info(`${a.kind}: ${a.result}${a.detail ? ` (${a.detail})` : ""} — ${a.reason}`);
    } catch (e) {
      if (!(e instanceof GitHubError) || e.retryable) throw e;
      // A pull request from a fork gets a read-only token; a job without the scopes gets 403 too.
      core.warning(`could not post the policy replay on #${pr.number}: ${e.message}. The job needs \`pull-requests: write\` and \`checks: write\`; the replay is in the job summary.`);
    }
  }
  const refusals = refusalIssues(review, head, o.inputs.policies);
  if (refusals.length === 0) return head;
  return { policies: null, issues: [...head.issues, ...refusals] };
}

function refusalIssues(review: PolicyReview, head: CompileResult, policiesDir: string): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  for (const r of review.report?.rewrites ?? []) {
    const rotation = head.policies?.rotations[r.rotation];
    const where = rotation?.source ?? { file: `${policiesDir}/oncall/rotations.yaml`, line: 1, column: 1 };
    out.push({ level: "error", file: where.file, line: where.line, column: where.column, message: rotation ? rewriteMessage(r, rotation, "the pull request's base") : `rotation ${r.rotation} would rewrite a started shift` });
  }
  for (const p of review.problems) out.push({ level: "error", file: `incidents/${p.id}.yaml`, line: 1, column: 1, message: p.message });
  return out;
}

/**
 * The base commit: the first parent of the merge commit GitHub checks out for a pull request
 * (`fetch-depth: 2`); when the workflow checked out the head commit itself, the event's base sha
 * (fetched if the checkout lacks it).
 */
async function baseCommit(workspace: string, pull: PullEvent): Promise<string> {
  const head = await resolveCommit(workspace, "HEAD");
  const parents = (await simpleGit(workspace).raw(["rev-list", "--parents", "-n", "1", head])).trim().split(" ").slice(1);
  if (head !== pull.head?.sha && parents.length === 2 && parents[0]) return parents[0];
  const sha = pull.base?.sha ?? "";
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new GitRefError("the event names no base commit and the checkout is not GitHub's merge commit");
  const have = await resolveCommit(workspace, sha).catch(() => null);
  if (have) return have;
  await simpleGit(workspace)
    .raw(["fetch", "--no-tags", "--depth=1", "origin", sha])
    .catch(() => "");
  return resolveCommit(workspace, sha).catch(() => Promise.reject(new GitRefError(`the checkout lacks the base commit ${sha.slice(0, 7)} and it could not be fetched: check out the pull request with actions/checkout's \`fetch-depth: 2\``)));
}

async function readSides(o: ReviewOptions, pull: PullEvent) {
  const dir = o.inputs.policies;
  const baseSha = await baseCommit(o.workspace, pull);
  const basePolicies = await filesAt(o.workspace, baseSha, [dir]);
  const base = compilePolicies(basePolicies.files, { root: dir, oversized: basePolicies.oversized });
  const recordsAt = await recordsCommit(o, pull, baseSha);
  const records = await recordsIn(o.workspace, recordsAt);
  const [before, after] = await Promise.all([recordsIn(o.workspace, baseSha), recordsIn(o.workspace, "HEAD")]);
  const changes: { before: IncidentRecord | null; after: IncidentRecord | null }[] = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(id) ?? null;
    const a = after.get(id) ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes.push({ before: b, after: a });
  }
  return { baseSha, base, records: [...records.values()], changes };
}

async function recordsIn(dir: string, commit: string): Promise<Map<string, IncidentRecord>> {
  const { files } = await filesAt(dir, commit, ["incidents"]);
  const { records, unreadable } = readRecords(Object.entries(files).map(([path, content]) => ({ path, content })));
  for (const u of unreadable) core.warning(`policy replay: ${u.error}`);
  return records;
}

/** Where the records are: the records branch when it is not the pull request's base (fetched), else the base commit. */
async function recordsCommit(o: ReviewOptions, pull: PullEvent, baseSha: string): Promise<string> {
  const branch = o.inputs.recordsBranch;
  if (!branch || branch === pull.base?.ref) return baseSha;
  const ref = "refs/incident-as-code/records";
  try {
    await simpleGit(o.workspace).raw(["fetch", "--no-tags", "--depth=1", "origin", `+refs/heads/${branch}:${ref}`]);
    return await resolveCommit(o.workspace, ref);
  } catch (e) {
    core.warning(`policy replay: could not fetch the records branch ${branch} (${e instanceof Error ? e.message.trim() : String(e)}); replaying the records on the base instead`);
    return baseSha;
  }
}
