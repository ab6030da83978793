// One run of the Action: read the event, build the context, hand the event to its handler, and
// report. Anything that cannot be processed fails the run loudly and keeps the raw payload.
import { readFile } from "node:fs/promises";
import * as core from "@actions/core";
import { loadPolicyDir } from "../config/index.js";
import { createOctokit, writeSpacingFromEnv } from "../github/client.js";
import { octokitPort } from "../github/port.js";
import { octokitPulls } from "../github/pulls.js";
import { octokitReview } from "../github/review.js";
import { open } from "../store/git.js";
import { keepUnprocessed } from "../store/unprocessed.js";
import { addRecordsWorktree } from "../store/worktree.js";
import type { RunContext } from "./context.js";
import { readInputs } from "./contract.js";
import { reportDoctor } from "./doctor-report.js";
import { reviewPolicyChange } from "./handlers/policy-review.js";
import type { EventPayload } from "./event.js";
import { reportPolicyIssues } from "./report-policy.js";
import { route, routeOf } from "./route.js";
import { report } from "./summary.js";

export class RunFailure extends Error {
  override readonly name = "RunFailure";
}

export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const inputs = readInputs((name) => core.getInput(name));
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const payload = env.GITHUB_EVENT_PATH ? (JSON.parse(await readFile(env.GITHUB_EVENT_PATH, "utf8")) as EventPayload) : {};
  // The time turns on time-dependent warnings (a silence that has expired).
  const policyResult = await loadPolicyDir(workspace, inputs.policies, { now: Date.now() + (Number(env.INCIDENT_AS_CODE_CLOCK_OFFSET_MS ?? "0") || 0) });

  if (inputs.command === "validate") {
    // With git at hand: on a pull request the policy replay, its comment and check run
    // (src/review/pull-request.ts); on a push the rotation-history check.
    const checked = await reviewPolicyChange(eventName, policyResult, { inputs, env, payload, workspace });
    await reportPolicyIssues(checked);
    core.setOutput("decision", checked.policies ? "policies-valid" : "policies-invalid");
    if (!checked.policies || !policyResult.policies) throw new RunFailure("the policies have errors; see the annotations and the job summary");
    // The repository's set-up, checked with the workflow's token (findings are warnings).
    const [owner = "", repo = ""] = (env.GITHUB_REPOSITORY ?? "").split("/");
    if (inputs.githubToken && owner && repo) {
      const spacing = writeSpacingFromEnv(env);
      const octokit = createOctokit(inputs.githubToken, { ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}), ...(spacing !== undefined ? { writeSpacingMs: spacing } : {}), log: (m: string) => core.info(m) });
      await reportDoctor({ octokit, repo: { owner, repo }, policies: policyResult.policies, workspace, recordsBranch: inputs.recordsBranch });
    }
    return;
  }

  const handler = routeOf(eventName, payload);
  if (handler === null) {
    await report({ decision: "not-handled", reason: `the ${eventName}${payload.action ? `.${payload.action}` : ""} event is not one incident-as-code acts on`, incidentIds: [] });
    return;
  }

  const [owner = "", repo = ""] = (env.GITHUB_REPOSITORY ?? "").split("/");
  const writeSpacingMs = writeSpacingFromEnv(env);
  const clientOptions = { ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}), ...(writeSpacingMs !== undefined ? { writeSpacingMs } : {}), log: (m: string) => core.info(m) };
  const octokit = createOctokit(inputs.githubToken, clientOptions);
  const github = octokitPort(octokit, { owner, repo });
  const pullsOctokit = inputs.appToken ? createOctokit(inputs.appToken, clientOptions) : octokit;
  const pulls = octokitPulls(pullsOctokit, { owner, repo });
  const worktree = await addRecordsWorktree(workspace, env.RUNNER_TEMP);
  const raw = JSON.stringify(payload.client_payload ?? payload.inputs ?? payload.comment ?? payload.issue ?? null);
  try {
    const store = await open({ dir: worktree.dir, branch: inputs.recordsBranch ?? payload.repository?.default_branch ?? env.GITHUB_REF_NAME ?? "main" });
    // For rehearsals and tests: shift the Action's clock (sleeps still take real time).
    const offset = Number(env.INCIDENT_AS_CODE_CLOCK_OFFSET_MS ?? "0") || 0;
    const now = () => new Date(Date.now() + offset);
    const keep = async (reason: string) => {
      const kept = await keepUnprocessed(store, { receivedAt: now().toISOString(), reason, eventType: payload.action ?? eventName, payload: payload.client_payload ?? payload });
      return `${reason} — the payload is kept in ${kept.path}`;
    };
    if (!policyResult.policies) {
      await reportPolicyIssues(policyResult);
      const why = await keep(`the policies have ${policyResult.issues.filter((i) => i.level === "error").length} error(s); fix them and re-run this job`);
      await report({ decision: "failed", reason: why, incidentIds: [] }, { raw });
      throw new RunFailure(why);
    }
    const ctx: RunContext = {
      github,
      pulls,
      review: octokitReview(pullsOctokit, { owner, repo }),
      workspace,
      store,
      policies: policyResult.policies,
      repo: { owner, repo },
      now,
      runId: env.GITHUB_RUN_ID ?? String(process.pid),
      dryRun: inputs.dryRun,
      claimTimeoutMs: 10 * 60_000,
      log: (m) => core.info(m),
    };
    let outcome;
    try {
      outcome = await route(handler, ctx, payload, { keep, eventName });
    } catch (e) {
      // The summary keeps the payload even when git and GitHub are both out of reach.
      await report({ decision: "failed", reason: e instanceof Error ? e.message : String(e), incidentIds: [] }, { raw });
      throw e;
    }
    await report(outcome.result, { failures: outcome.failures, ...(outcome.failures.length > 0 ? { raw } : {}) });
    if (outcome.failures.length > 0) throw new RunFailure(outcome.failures.join("; "));
  } finally {
    await worktree.remove();
  }
}
