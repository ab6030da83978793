// The GitHub side of an incident record: the issue that mirrors it (title, rendered body, labels,
// assignees) and the comments its events deserve. Pure: effects out, the executor applies them.
import type { GitHubEffect } from "../../github/effects.js";
import { incidentMarker } from "../../github/executor.js";
import type { IncidentEvent } from "../../incident/apply-plan.js";
import { mergeLabels, recordLabels } from "../../incident/labels.js";
import type { IncidentRecord } from "../../incident/record.js";
import { incidentTitle, inline, mention, messageContext, messageTemplateId, renderIssueBody, renderMessage } from "../../render/index.js";
import type { RunContext } from "../context.js";

export const issueTitle = (r: IncidentRecord): string => incidentTitle(r);

export function issueBody(r: IncidentRecord, ctx: Pick<RunContext, "policies" | "now">, paging: readonly string[] = [], at: Date = ctx.now()): string {
  const body = renderIssueBody(r, ctx.policies, { now: at.toISOString() });
  // Mentions notify only when a body is first written; later renders carry none, so edits never re-page.
  const page = paging.length > 0 ? `Paging ${paging.map((l) => mention(l)).join(" ")}\n\n` : "";
  return body.includes(incidentMarker(r.id)) ? page + body : `${incidentMarker(r.id)}\n${page}${body}`;
}

export function issueCreate(r: IncidentRecord, events: readonly IncidentEvent[], ctx: RunContext): Extract<GitHubEffect, { kind: "issue.create" }> {
  const paging = events.flatMap((e) => (e.kind === "opened" ? e.mentions : []));
  return {
    kind: "issue.create",
    incidentId: r.id,
    title: issueTitle(r),
    body: issueBody(r, ctx, paging),
    labels: recordLabels(r),
    assignees: assigneesOf(r),
    reason: `open the issue for ${r.id} (${r.severity} ${r.service || "unknown service"})`,
  };
}

function assigneesOf(r: IncidentRecord): string[] {
  return [...new Set([r.commander, ...r.responders].filter((l): l is string => !!l))];
}

/** One PATCH for the body and labels (and state when resolution closes it), plus comments for events. */
export function incidentEffects(r: IncidentRecord, events: readonly IncidentEvent[], ctx: RunContext, currentLabels: readonly string[] = []): GitHubEffect[] {
  const issue = r.links.issue;
  if (issue === null || events.length === 0) return [];
  const closes = r.status === "resolved" && !ctx.policies.postmortem.requiredFor.includes(r.severity);
  const effects: GitHubEffect[] = [
    {
      kind: "issue.update",
      incidentId: r.id,
      issue,
      title: issueTitle(r),
      body: issueBody(r, ctx),
      labels: mergeLabels(currentLabels, r),
      ...(events.some((e) => e.kind === "opened") ? { assignees: assigneesOf(r) } : {}),
      ...(closes ? { state: "closed" as const, stateReason: "completed" as const } : {}),
      reason: `mirror ${r.id} on #${issue}`,
    },
  ];
  events.forEach((e, i) => {
    const key = `${e.kind}:${r.timeline.length}:${i}`;
    const comment = (body: string, reason: string) => effects.push({ kind: "issue.comment", incidentId: r.id, issue, body, key, reason });
    switch (e.kind) {
      case "raised":
        comment(`Severity raised ${e.from} → ${e.to}.${e.mentions.length ? ` Paging ${e.mentions.map((l) => mention(l)).join(" ")}` : ""}`, `severity of ${r.id} raised`);
        break;
      case "resolved":
        comment(resolutionMessage(r, ctx) ?? `Resolved: ${inline(e.reason)}`, `${r.id} resolved`);
        break;
      case "reopened":
        comment(`Reopened: ${inline(e.reason)}`, `${r.id} reopened`);
        break;
      case "note":
        comment(inline(e.text), `note on ${r.id}`);
        break;
      case "opened":
      case "alerts":
        break; // the body shows them
    }
  });
  return effects;
}

function resolutionMessage(r: IncidentRecord, ctx: Pick<RunContext, "policies" | "now">): string | null {
  const id = messageTemplateId(ctx.policies, "resolution", r.severity, "internal");
  if (!id) return null;
  return renderMessage(id, messageContext(r, ctx.policies, { now: ctx.now().toISOString() }), ctx.policies);
}
