// Which handler an event goes to. Each handler gets the run context and the payload and returns
// the run's decision; failures that must fail the run (after the work that could be done) are
// returned too, so the summary is written first.
import * as core from "@actions/core";
import { fromDispatch } from "../alerts/registry.js";
import { ALERT_SOURCES } from "../alerts/types.js";
import type { RunContext, RunResult } from "./context.js";
import { labelNames, type EventPayload } from "./event.js";
import { handleAlerts } from "./handlers/alerts.js";
import { declarationAlert, fromIssueForm, fromWorkflowDispatch } from "./handlers/declare.js";
import { handleCommentEvent } from "./handlers/comments.js";
import { handleIssueEdit } from "./handlers/issue-edits.js";
import { handlePullRequestEvent } from "./handlers/postmortem.js";
import { handleSilenceExpiry } from "./handlers/silence-expiry.js";
import { handleBackstop, handleTimer } from "./handlers/timers.js";

export type Route = "alerts" | "declare-dispatch" | "declare-issue" | "comment" | "issue-edit" | "timer" | "backstop" | "pull-request";

export interface RouteOutcome {
  result: RunResult;
  failures: string[];
}

export interface RouteTools {
  eventName: string;
  /** Keeps a payload that could not be processed under incidents/unprocessed/; returns a sentence saying where. */
  keep(reason: string): Promise<string>;
}

export function routeOf(eventName: string, p: EventPayload): Route | null {
  switch (eventName) {
    case "repository_dispatch":
      if ((ALERT_SOURCES as readonly string[]).includes(p.action ?? "")) return "alerts";
      return p.action === "incident-timer" ? "timer" : null;
    case "workflow_dispatch":
      return "declare-dispatch";
    case "issues":
      if (p.action === "opened") return labelNames(p.issue?.labels).includes("incident:declared") ? "declare-issue" : null;
      return ["closed", "reopened", "labeled", "edited"].includes(p.action ?? "") ? "issue-edit" : null;
    case "issue_comment":
      return p.action === "created" && !p.issue?.pull_request ? "comment" : null;
    case "schedule":
      return "backstop";
    case "pull_request":
    case "pull_request_review":
      return "pull-request";
    default:
      return null;
  }
}

export async function route(r: Route, ctx: RunContext, p: EventPayload, tools: RouteTools): Promise<RouteOutcome> {
  const failures: string[] = [];
  const done = (result: RunResult): RouteOutcome => ({ result, failures });
  switch (r) {
    case "alerts": {
      const normalized = fromDispatch({ ...p, event_type: p.action }, { receivedAt: ctx.now().toISOString() });
      for (const w of normalized.warnings) core.warning(`${w.field}: ${w.message}`);
      if (normalized.errors.length > 0) failures.push(await tools.keep(`alert payload problems: ${normalized.errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`));
      if (normalized.alerts.length === 0) return done({ decision: "failed", reason: failures[0] ?? "the payload held no alerts", incidentIds: [] });
      return done(await handleAlerts(ctx, normalized.alerts));
    }
    case "declare-dispatch":
      return done(await handleAlerts(ctx, [declarationAlert(fromWorkflowDispatch(p, ctx.runId), ctx.now())]));
    case "declare-issue": {
      const issue = p.issue ?? { number: 0, title: "" };
      return done(await handleAlerts(ctx, [declarationAlert(fromIssueForm(issue), ctx.now())], { existingIssue: { number: issue.number, labels: labelNames(issue.labels) } }));
    }
    case "pull-request":
      return done(await handlePullRequestEvent(ctx, tools.eventName, p));
    case "comment":
      return done(await handleCommentEvent(ctx, p));
    case "issue-edit":
      return done(await handleIssueEdit(ctx, p));
    case "timer":
      return done(await handleTimer(ctx, p));
    case "backstop": {
      const backstop = await handleBackstop(ctx);
      const silences = await handleSilenceExpiry(ctx, p.repository?.default_branch ?? "main");
      if (!silences.reason) return done(backstop);
      return done({ decision: "backstop-acted", reason: `${backstop.reason}; ${silences.reason}`, incidentIds: [...new Set([...backstop.incidentIds, ...silences.incidentIds])] });
    }
  }
}
