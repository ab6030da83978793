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
import { deferTimer, timerStillDue } from "../incident/doors/timer.js";
import { TIMER_HORIZON_MS } from "../incident/deadlines.js";
import { readEvent } from "../incident/doors/event.js";
import type { EventPayload } from "../incident/doors/webhook.js";
import { policyOnCall } from "../oncall/port.js";
import { envNotifyPort } from "../notify/port.js";
import { newLog } from "../plan/log.js";
import type { Plan } from "../plan/plan.js";
import { open } from "../store/git.js";
import { recordSource } from "../store/records.js";
import { keepUnprocessed } from "../store/unprocessed.js";
import type { RunContext } from "./context.js";
import { readInputs, RunFailure } from "./contract.js";
import { decideEvent } from "./decide.js";
import { afterFailure, execute, ExecutionError } from "./execute.js";
import { postmortemEvent } from "./postmortem.js";
import { reportPolicyIssues } from "./report-policy.js";
import { validateMode } from "./validate.js";
import { report } from "./summary.js";

/** While it waits for its deadline, a timer run re-reads the record this often and stands down when the deadline is gone. */
export const RECHECK_MS = 5 * 60_000;
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
  // The time turns on time-dependent warnings (a silence that has ended).
  const policyResult = await loadPolicyDir(workspace, inputs.policies, { now: clock(env) });

  if (inputs.command === "validate") return validateMode(policyResult, inputs, env, { eventName, payload, workspace, now: clock(env) });

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
    // A runner waiting for a deadline is billed by the minute: a deadline beyond the horizon is left
    // to the backstop, and a waiting run stands down as soon as the incident moved on.
    if (Date.parse(event.at) - startedAt > TIMER_HORIZON_MS) {
      await report(deferTimer(event.incidentId, event.at, now));
      return;
    }
    const left = () => Date.parse(event.at) - clock(env);
    while (left() > RECHECK_MS) {
      await sleep(RECHECK_MS);
      await store.sync();
      if (!timerStillDue(await recordSource(store).get(event.incidentId), policies, event.at)) {
        await report({ door: "timer", now: new Date(clock(env)).toISOString(), decision: "timer-idle", reason: `timer for ${event.at}: stood down while waiting (the incident moved on)`, incidentIds: [event.incidentId], effects: [] });
        return;
      }
    }
    if (left() > 0) {
      await sleep(left());
      now = event.at; // the run acts at the deadline it slept until
    } else if (Date.parse(event.at) > startedAt) {
      now = new Date(clock(env)).toISOString(); // it waited (rechecks) past the deadline
    }
  }
  const ctx: RunContext = {
    github,
    pulls,
    store,
    policiesBranch: payload.repository?.default_branch ?? env.GITHUB_REF_NAME ?? store.branch,
    policies,
    onCall: policyOnCall(policies),
    repo: { owner, repo },
    now,
    runId,
    seed: env.INCIDENT_AS_CODE_SEED || randomBytes(16).toString("hex"),
    dryRun: inputs.dryRun,
    staleAfterMs: STALE_AFTER_MS,
    notify: envNotifyPort(policies, env, { repositoryUrl: owner && repo ? `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${owner}/${repo}` : null, mask: (v) => core.setSecret(v), log: (m) => core.info(m) }),
    log: (m) => core.info(m),
  };
  const failures: string[] = [];
  if (event.door === "alerts") for (const w of event.warnings) core.warning(`${w.field}: ${w.message}`);
  if (event.door === "alerts" && event.problems.length > 0) failures.push(await keep(`alert payload problems: ${event.problems.map((e) => `${e.field}: ${e.message}`).join("; ")}`));

  let log = newLog();
  let executing: Plan | null = null;
  try {
    if (event.door === "postmortem") {
      const done = await postmortemEvent(ctx, eventName, payload);
      await report(done.plan, { log: done.log });
      return;
    }
    const { plan, unreadable } = await decideEvent(ctx, event);
    for (const u of unreadable) core.warning(u.error, { file: u.path });
    if (ctx.dryRun) {
      await report({ ...plan, decision: "dry-run", reason: `dry run: ${plan.effects.length} effect(s) decided, nothing applied (${plan.decision}: ${plan.reason})` });
      return;
    }
    executing = plan;
    log = await execute(plan, ctx, log);
    await report(plan, { log, failures, ...(failures.length > 0 ? { raw } : {}) });
  } catch (e) {
    // The summary keeps the payload even when git and GitHub are both out of reach.
    const cause = e instanceof ExecutionError ? e.cause : e;
    if (e instanceof ExecutionError && executing) await afterFailure(executing, ctx, e.log, cause);
    await report({ door: event.door, now, decision: "failed", reason: cause instanceof Error ? cause.message : String(cause), incidentIds: [], effects: [] }, { raw, ...(e instanceof ExecutionError ? { log: e.log } : {}) });
    throw cause;
  }
  if (failures.length > 0) throw new RunFailure(failures.join("; "));
}
