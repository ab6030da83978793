// Events about an incident issue, built on GitHub's example payloads: a comment (seeded in the
// emulator first, as GitHub would have stored it), a hand edit of the issue, a timer, a schedule.
import { parse } from "yaml";
import type { IncidentRecord } from "../../src/incident/record.js";
import { dispatchEvent, example, type World } from "./harness.js";
import { webhookExample } from "./webhook-examples.js";

export function issueView(w: World, number: number): Record<string, unknown> {
  const issue = w.gh.state.issue(number);
  if (!issue) throw new Error(`no issue #${number}`);
  const example = webhookExample("issues", "opened").issue as Record<string, unknown>;
  return {
    ...example,
    number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    labels: issue.labels.map((name) => ({ name })),
    assignees: issue.assignees.map((login) => ({ login, type: "User" })),
  };
}

export function commentEvent(w: World, number: number, body: string, login: string, type = "User"): { event: Record<string, unknown>; commentId: number } {
  const seeded = w.gh.seed.comment({ issue: number, body, user: login });
  const example = webhookExample("issue_comment", "created");
  const comment = { ...(example.comment as object), id: seeded.id, body, user: { ...((example.comment as { user: object }).user), login, type } };
  return { event: { ...example, issue: issueView(w, number), comment, sender: { login, type } }, commentId: seeded.id };
}

export function issueEvent(w: World, number: number, action: string, login: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const example = webhookExample("issues", action === "closed" || action === "reopened" ? "reopened" : action === "labeled" ? "labeled" : "edited");
  return { ...example, action, issue: issueView(w, number), sender: { login, type: "User" }, ...extra };
}

export function timerEvent(incident: string, at: string): Record<string, unknown> {
  return { ...webhookExample("repository_dispatch"), action: "incident-timer", client_payload: { incident, at } };
}

export function scheduleEvent(): Record<string, unknown> {
  return { schedule: "*/5 * * * *", repository: webhookExample("repository_dispatch").repository };
}

export function records(w: World): IncidentRecord[] {
  return Object.entries(w.remoteFiles())
    .filter(([p]) => !p.startsWith("incidents/unprocessed/"))
    .map(([, text]) => parse(text) as IncidentRecord);
}

export function record(w: World, id?: string): IncidentRecord {
  const all = records(w);
  const r = id ? all.find((x) => x.id === id) : all[0];
  if (!r) throw new Error("no record");
  return r;
}

/** Opens a P0 incident from the ServiceDown example; returns its issue number and id. */
export async function openP0(w: World): Promise<{ issue: number; id: string }> {
  const run = await w.act("repository_dispatch", dispatchEvent("alertmanager", example("service-down.json")));
  if (run.code !== 0) throw new Error(`opening the incident failed: ${run.stdout}${run.stderr}`);
  const r = record(w);
  return { issue: r.links.issue ?? 0, id: r.id };
}

export function reactions(w: World, commentId: number): string[] {
  return w.gh.state.reactions.filter((r) => r.subject === "comment" && r.subjectId === commentId).map((r) => r.content);
}

/** What the Action posted on an issue (people's comments left out). */
export function commentsOn(w: World, issue: number): string[] {
  return w.gh.state.comments.filter((c) => c.issueNumber === issue && c.user.endsWith("[bot]")).map((c) => c.body);
}
