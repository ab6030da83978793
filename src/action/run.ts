// One run of the Action: read the event and the policies, take the run's one clock reading, let the
// core decide (once per attempt), execute the Plan, report. Anything that cannot be processed
// fails the run loudly and keeps the raw payload.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import * as core from "@actions/core";
import { loadPolicyDir } from "../config/index.js";
import { createOctokit, writeSpacingFromEnv } from "../github/client.js";
import { octokitPort } from "../github/port.js";
import { octokitPulls } from "../github/pulls.js";
import { relayTimer } from "../incident/doors/timer.js";
import { readEvent } from "../incident/doors/event.js";
import type { EventPayload } from "../incident/doors/webhook.js";
import { policyOnCall } from "../oncall/port.js";
import { newLog } from "../plan/log.js";
import { open } from "../store/git.js";
import { keepUnprocessed } from "../store/unprocessed.js";
import type { RunContext } from "./context.js";
import { readInputs, RunFailure } from "./contract.js";
import { decideEvent } from "./decide.js";
import { execute, ExecutionError } from "./execute.js";
import { postmortemEvent } from "./postmortem.js";
import { reportPolicyIssues } from "./report-policy.js";
import { validateMode } from "./validate.js";
import { report } from "./summary.js";

/** A timer job sleeps at most this long, then hands over to a fresh timer run (job time limits). */
export const MAX_SLEEP_MS = 5.5 * 3600_000;
/** A claim or a pending delivery older than this is taken over by the backstop: its run died. */
export const STALE_AFTER_MS = 10 * 60_000;

/** The run's clock: now, shifted by INCIDENT_AS_CODE_CLOCK_OFFSET_MS for rehearsals and tests (sleeps still take real time). */
function clock(env: NodeJS.ProcessEnv): number {
  return Date.now() + (Number(env.INCIDENT_AS_CODE_CLOCK_OFFSET_MS ?? "0") || 0);
}

export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const inputs = readInputs((name) => core.getInput(name));
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const payload = env.GITHUB_EVENT_PATH ? (JSON.parse(await readFile(env.GITHUB_EVENT_PATH, "utf8")) as EventPayload) : {};
  const policyResult = await loadPolicyDir(workspace, inputs.policies);

  if (inputs.command === "validate") return validateMode(policyResult, inputs, env);

  const startedAt = clock(env);
  let now = new Date(startedAt).toISOString();
  const runId = env.GITHUB_RUN_ID ?? String(process.pid);
  const event = readEvent(eventName, payload, { now, runId });
  if (event.door === null && event.decision === "not-handled") {
    await report({ door: null, now, decision: "not-handled", reason: event.reason, incidentIds: [], effects: [] });
    return;
  }

  const [owner = "", repo = ""] = (env.GITHUB_REPOSITORY ?? "").split("/");
  const writeSpacingMs = writeSpacingFromEnv(env);
  const clientOptions = { ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}), ...(writeSpacingMs !== undefined ? { writeSpacingMs } : {}), log: (m: string) => core.info(m) };
  const octokit = createOctokit(inputs.githubToken, clientOptions);
  const github = octokitPort(octokit, { owner, repo });
  const pulls = octokitPulls(inputs.appToken ? createOctokit(inputs.appToken, clientOptions) : octokit, { owner, repo });
  // The records are read and written with git plumbing in the checkout's own repository: nothing is checked out.
  const store = await open({ dir: workspace, branch: inputs.recordsBranch ?? payload.repository?.default_branch ?? env.GITHUB_REF_NAME ?? "main" });
  const raw = JSON.stringify(payload.client_payload ?? payload.inputs ?? payload.comment ?? payload.issue ?? null);
  const keep = async (reason: string): Promise<string> => {
    const kept = await keepUnprocessed(store, { receivedAt: now, reason, eventType: payload.action ?? eventName, payload: payload.client_payload ?? payload });
    return `${reason} — the payload is kept in ${kept.path}`;
  };
  const policies = policyResult.policies;
  if (!policies) {
    await reportPolicyIssues(policyResult);
    const why = await keep(`the policies have ${policyResult.issues.filter((i) => i.level === "error").length} error(s); fix them and re-run this job`);
    await report({ door: null, now, decision: "failed", reason: why, incidentIds: [], effects: [] }, { raw });
    throw new RunFailure(why);
  }
  if (event.door === null) {
    const why = event.decision === "failed" ? await keep(event.reason) : event.reason;
    await report({ door: null, now, decision: event.decision, reason: why, incidentIds: [], effects: [] }, event.decision === "failed" ? { raw } : {});
    if (event.decision === "failed") throw new RunFailure(why);
    return;
  }

  if (event.door === "timer") {
    const wait = Date.parse(event.at) - startedAt;
    if (wait > MAX_SLEEP_MS) {
      await sleep(MAX_SLEEP_MS);
      now = new Date(startedAt + MAX_SLEEP_MS).toISOString();
    } else if (wait > 0) {
      await sleep(wait);
      now = event.at; // the run acts at the deadline it slept until
    }
  }
  const ctx: RunContext = {
    github,
    pulls,
    store,
    policies,
    onCall: policyOnCall(policies),
    repo: { owner, repo },
    now,
    runId,
    seed: env.INCIDENT_AS_CODE_SEED || randomBytes(16).toString("hex"),
    dryRun: inputs.dryRun,
    staleAfterMs: STALE_AFTER_MS,
    senders: {},
    log: (m) => core.info(m),
  };
  const failures: string[] = [];
  if (event.door === "alerts") for (const w of event.warnings) core.warning(`${w.field}: ${w.message}`);
  if (event.door === "alerts" && event.problems.length > 0) failures.push(await keep(`alert payload problems: ${event.problems.map((e) => `${e.field}: ${e.message}`).join("; ")}`));

  let log = newLog();
  try {
    if (event.door === "postmortem") {
      const done = await postmortemEvent(ctx, eventName, payload);
      await report(done.plan, { log: done.log });
      return;
    }
    const relay = event.door === "timer" && Date.parse(event.at) - startedAt > MAX_SLEEP_MS;
    const { plan, unreadable } = relay ? { plan: relayTimer(event.incidentId, event.at, now), unreadable: [] } : await decideEvent(ctx, event);
    for (const u of unreadable) core.warning(u.error, { file: u.path });
    if (ctx.dryRun) {
      await report({ ...plan, decision: "dry-run", reason: `dry run: ${plan.effects.length} effect(s) decided, nothing applied (${plan.decision}: ${plan.reason})` });
      return;
    }
    log = await execute(plan, ctx, log);
    await report(plan, { log, failures, ...(failures.length > 0 ? { raw } : {}) });
  } catch (e) {
    // The summary keeps the payload even when git and GitHub are both out of reach.
    const cause = e instanceof ExecutionError ? e.cause : e;
    await report({ door: event.door, now, decision: "failed", reason: cause instanceof Error ? cause.message : String(cause), incidentIds: [], effects: [] }, { raw, ...(e instanceof ExecutionError ? { log: e.log } : {}) });
    throw cause;
  }
  if (failures.length > 0) throw new RunFailure(failures.join("; "));
}
