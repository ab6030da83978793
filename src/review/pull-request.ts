// What a pull request that changes policies/ (or incidents/) gets: one comment, updated in place,
// with the replay of recent alerts through its base and head policies and the on-call differences
// ahead, and a check run whose conclusion says whether the change may merge — the head's policies
// load, no rotation change rewrites started shifts, no record loses a timestamp without a
// correction entry. Pure: compiled policies, records and the time come in; two effects come out for
// the shell to execute (the comment, found again by its key, and the check run on the head commit).
import type { CompileResult } from "../config/index.js";
import type { PolicyIssue } from "../config/kinds.js";
import type { OnCall } from "../engine/oncall-port.js";
import type { Policies } from "../config/types.js";
import type { IncidentRecord } from "../incident/record.js";
import { reviewRecordChange, type RecordChangeProblem } from "../incident/corrections.js";
import { GITHUB_LIMITS, measure } from "../github/limits.js";
import { cell, inline } from "../render/escape.js";
import { fitBody, GITHUB_BODY_MAX } from "../render/limit.js";
import { replayPolicies } from "../replay/replay.js";
import { replayHeadline, replayMarkdown } from "../replay/render.js";
import type { ReplayReport } from "../replay/types.js";
import type { CheckRun, PullComment } from "../plan/effects.js";

export const CHECK_NAME = "incident-as-code / policy review";
/** The key of the one replay comment per pull request. */
export const REPLAY_COMMENT_KEY = "policy-replay";
/** Room left in a comment for the hidden marker the executor appends. */
const MARKER_ROOM = 200;

export interface PullRequestRef {
  number: number;
  baseRef: string; // "main"
  baseSha: string;
  headRef: string;
  headSha: string;
}

export interface PolicyReviewInput {
  pr: PullRequestRef;
  repo: { owner: string; repo: string; serverUrl?: string };
  base: CompileResult;
  head: CompileResult;
  /** The incident records the replay reads (the records branch as it is now). */
  records: readonly IncidentRecord[];
  /** Records the pull request changes: the base's and the head's version of each (null: added or deleted). */
  recordChanges: readonly { before: IncidentRecord | null; after: IncidentRecord | null }[];
  now: number;
  onCall: (policies: Policies) => OnCall;
}

export interface PolicyReview {
  /** The comment, one per pull request (key `policy-replay`), edited in place on every push. */
  comment: PullComment;
  /** Fails when the head's policies do not load, a rotation change rewrites started shifts, or a record loses a timestamp without a correction. */
  check: CheckRun;
  report: ReplayReport | null;
  /** Record changes the check refuses (a timestamp moved without a correction, the timeline rewritten). */
  problems: RecordChangeProblem[];
}

/** The comment and the check run for one pull request event. */
export function reviewPullRequest(input: PolicyReviewInput): PolicyReview {
  const { pr } = input;
  const headErrors = input.head.issues.filter((i) => i.level === "error");
  const recordProblems = recordReview(input.recordChanges);
  const base = input.base.policies;
  const head = input.head.policies;
  const report = base && head ? replayPolicies({ base, head, records: input.records, now: input.now, onCall: input.onCall }) : null;
  const server = (input.repo.serverUrl ?? "https://github.com").replace(/\/+$/, "");
  const repoUrl = `${server}/${encodeURIComponent(input.repo.owner)}/${encodeURIComponent(input.repo.repo)}`;
  let body: string;
  if (report && head) {
    body = replayMarkdown(report, {
      base: `${pr.baseRef} (${pr.baseSha.slice(0, 7)})`,
      head: `this pull request (${pr.headSha.slice(0, 7)})`,
      rotations: head.rotations,
      incidentUrl: (id, issue) => (issue !== null ? `${repoUrl}/issues/${issue}` : `${repoUrl}/blob/${encodeURIComponent(pr.baseRef)}/incidents/${encodeURIComponent(id)}.yaml`),
    });
  } else {
    body = [`### Policy replay: ${inline(pr.baseRef)} → #${pr.number}`, "", loadFailure(input.base, input.head)].join("\n");
  }
  if (recordProblems.corrections.length > 0 || recordProblems.problems.length > 0) body = `${body.trimEnd()}\n\n${recordSection(recordProblems)}\n`;
  const failed = headErrors.length > 0 || (report?.rewrites.length ?? 0) > 0 || recordProblems.problems.length > 0;
  const title = failed ? failureTitle(headErrors, report, recordProblems.problems) : report ? replayHeadline(report) : "policies load; nothing to replay";
  const conclusion = failed ? "failure" : "success";
  return {
    comment: { kind: "pr.comment", pr: pr.number, key: REPLAY_COMMENT_KEY, body: fitBody(body, { max: GITHUB_BODY_MAX - MARKER_ROOM }), reason: `policy replay on #${pr.number}: ${title}` },
    check: { kind: "check.run", name: CHECK_NAME, headSha: pr.headSha, conclusion, title: title.slice(0, 200), summary: fitBytes(body, GITHUB_LIMITS.checkRunSummary.max), reason: `policy review of #${pr.number}: ${conclusion}` },
    report,
    problems: recordProblems.problems,
  };
}

function loadFailure(base: CompileResult, head: CompileResult): string {
  const lines: string[] = [];
  for (const [name, r] of [["base", base], ["head", head]] as const) {
    if (r.policies) continue;
    const errors = r.issues.filter((i) => i.level === "error");
    lines.push(`The ${name} policies do not load (${errors.length} error(s)), so nothing was replayed:`, "", ...errors.slice(0, 30).map((i) => `- \`${cell(`${i.file}:${i.line}:${i.column}`, 200)}\` ${inline(i.message, 500)}`), "");
  }
  return lines.join("\n");
}

function recordReview(changes: PolicyReviewInput["recordChanges"]): { corrections: string[]; problems: RecordChangeProblem[] } {
  const corrections: string[] = [];
  const problems: RecordChangeProblem[] = [];
  for (const { before, after } of changes) {
    if (!before || !after) continue; // records the Action opens or archives are not corrections
    const r = reviewRecordChange(before, after);
    corrections.push(...r.corrections.map((c) => `${after.id}: ${c}`));
    problems.push(...r.problems);
  }
  return { corrections, problems };
}

function recordSection(r: { corrections: string[]; problems: RecordChangeProblem[] }): string {
  return [
    "#### Incident records",
    "",
    ...r.corrections.map((c) => `- corrected: ${inline(c, 500)}`),
    ...r.problems.map((p) => `- **refused**: ${inline(p.message, 500)}`),
  ].join("\n");
}

function failureTitle(errors: readonly PolicyIssue[], report: ReplayReport | null, problems: readonly RecordChangeProblem[]): string {
  const parts: string[] = [];
  if (errors.length > 0) parts.push(`the policies have ${errors.length} error(s)`);
  if (report && report.rewrites.length > 0) parts.push(`${report.rewrites.length} rotation change(s) would rewrite started shifts`);
  if (problems.length > 0) parts.push(`${problems.length} record change(s) lack a correction entry`);
  return parts.join("; ");
}

/** `fitBody` until the UTF-8 size fits too (check-run output is limited in bytes). */
function fitBytes(markdown: string, maxBytes: number): string {
  let max = maxBytes;
  for (let i = 0; i < 8; i++) {
    const out = fitBody(markdown, { max });
    const bytes = measure(out, "utf8");
    if (bytes <= maxBytes) return out;
    max = Math.floor((max * maxBytes) / bytes) - 64;
  }
  return fitBody(markdown, { max: Math.floor(maxBytes / 4) });
}
