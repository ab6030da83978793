// One run of the Action: read the event, build the context, route to the handler, report.
// Anything that cannot be processed fails the run loudly and keeps the raw payload.
import { readFile } from "node:fs/promises";
import * as core from "@actions/core";
import { fromDispatch } from "../alerts/registry.js";
import { ALERT_SOURCES } from "../alerts/types.js";
import { loadPolicyDir } from "../config/index.js";
import { createOctokit } from "../github/client.js";
import { octokitPort } from "../github/port.js";
import { open } from "../store/git.js";
import { keepUnprocessed } from "../store/unprocessed.js";
import { addRecordsWorktree } from "../store/worktree.js";
import type { RunContext, RunResult } from "./context.js";
import { readInputs } from "./contract.js";
import { declarationAlert, fromIssueForm, fromWorkflowDispatch } from "./handlers/declare.js";
import { handleAlerts } from "./handlers/alerts.js";
import { reportPolicyIssues } from "./report-policy.js";
import { report } from "./summary.js";

interface EventPayload {
  action?: string;
  client_payload?: unknown;
  repository?: { default_branch?: string };
  issue?: { number: number; title: string; body?: string | null; user?: { login?: string }; labels?: ({ name?: string } | string)[] };
  inputs?: Record<string, unknown>;
  sender?: { login?: string };
}

export class RunFailure extends Error {
  override readonly name = "RunFailure";
}

export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const inputs = readInputs((name) => core.getInput(name));
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const payload = env.GITHUB_EVENT_PATH ? (JSON.parse(await readFile(env.GITHUB_EVENT_PATH, "utf8")) as EventPayload) : {};
  const policyResult = await loadPolicyDir(workspace, inputs.policies);

  if (inputs.command === "validate") {
    await reportPolicyIssues(policyResult);
    core.setOutput("decision", policyResult.policies ? "policies-valid" : "policies-invalid");
    if (!policyResult.policies) throw new RunFailure("the policies have errors; see the annotations and the job summary");
    return;
  }

  const isAlert = eventName === "repository_dispatch" && (ALERT_SOURCES as readonly string[]).includes(payload.action ?? "");
  const isDeclaration = eventName === "workflow_dispatch" || (eventName === "issues" && payload.action === "opened" && labelsOf(payload).includes("incident:declared"));
  if (!isAlert && !isDeclaration) {
    await report({ decision: "not-handled", reason: `the ${eventName}${payload.action ? `.${payload.action}` : ""} event is not handled by this version`, incidentIds: [] });
    return;
  }

  const [owner = "", repo = ""] = (env.GITHUB_REPOSITORY ?? "").split("/");
  const github = octokitPort(createOctokit(inputs.githubToken, { ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}), log: (m) => core.info(m) }), { owner, repo });
  const worktree = await addRecordsWorktree(workspace, env.RUNNER_TEMP);
  try {
    const store = await open({ dir: worktree.dir, branch: inputs.recordsBranch ?? payload.repository?.default_branch ?? env.GITHUB_REF_NAME ?? "main" });
    const now = () => new Date();
    const raw = JSON.stringify(payload.client_payload ?? payload.inputs ?? payload.issue ?? null);
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
    const ctx: RunContext = { github, store, policies: policyResult.policies, repo: { owner, repo }, now, runId: env.GITHUB_RUN_ID ?? String(process.pid), dryRun: inputs.dryRun, claimTimeoutMs: 10 * 60_000, log: (m) => core.info(m) };

    let result: RunResult;
    const failures: string[] = [];
    try {
    if (isAlert) {
      const normalized = fromDispatch({ ...payload, event_type: payload.action }, { receivedAt: now().toISOString() });
      for (const w of normalized.warnings) core.warning(`${w.field}: ${w.message}`);
      if (normalized.errors.length > 0) failures.push(await keep(`alert payload problems: ${normalized.errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`));
      result = normalized.alerts.length > 0 ? await handleAlerts(ctx, normalized.alerts) : { decision: "failed", reason: failures[0] ?? "no alerts", incidentIds: [] };
    } else if (eventName === "workflow_dispatch") {
      result = await handleAlerts(ctx, [declarationAlert(fromWorkflowDispatch(payload, ctx.runId), now())]);
    } else {
      const issue = payload.issue ?? { number: 0, title: "" };
      result = await handleAlerts(ctx, [declarationAlert(fromIssueForm(issue), now())], { existingIssue: { number: issue.number, labels: labelsOf(payload) } });
    }
    } catch (e) {
      // The summary keeps the payload even when git and GitHub are both out of reach.
      await report({ decision: "failed", reason: e instanceof Error ? e.message : String(e), incidentIds: [] }, { raw, failures });
      throw e;
    }
    await report(result, { failures, ...(failures.length > 0 ? { raw } : {}) });
    if (failures.length > 0) throw new RunFailure(failures.join("; "));
  } finally {
    await worktree.remove();
  }
}

function labelsOf(payload: EventPayload): string[] {
  return (payload.issue?.labels ?? []).map((l) => (typeof l === "string" ? l : (l.name ?? "")));
}
