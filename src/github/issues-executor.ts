// The executor of the issues port: issue, comment, reaction and action-item effects, through the
// GitHubPort. Creates happen once (createOnce: look for our marker before any retry). Markers are
// read only from what a bot wrote, and an incident issue's marker must carry the record's claim
// key. A 422 naming assignees or labels drops the offenders, retries once, and says so on the
// issue and in the job summary.
import { refusedAssigneesNote } from "../incident/settle.js";
import { mergeLabels } from "../incident/labels.js";
import type { IssueComment, IssueEffect, IssueUpdate } from "../plan/effects.js";
import { answer, note, type ExecutionLog } from "../plan/log.js";
import { marker, readMarkers } from "../render/markers.js";
import { createOnce, refusedValues, type CreateOnceOptions } from "./create-once.js";
import type { GitHubPort, IssueCreate as IssueFields, IssueData, IssuePatch } from "./port.js";

/** How far back to look for an issue a crashed run already created: one page, newest first. */
const RECENT_ISSUES = 100;
const MAX_ASSIGNEES = 10;

export function commentMarker(incidentId: string, key: string): string {
  return marker("comment", { incident: incidentId, key });
}

export function actionItemMarker(incidentId: string, key: string): string {
  return marker("action-item", { incident: incidentId, key });
}

/** The incident's issue, if one exists: written by a bot, its marker naming the incident and its claim. */
export function findIncidentIssue(issues: readonly IssueData[], incidentId: string, claim: string): IssueData | null {
  if (claim === "") return null;
  return issues.find((i) => i.fromUs && readMarkers(i.body).some((m) => m.kind === "incident" && m.data.id === incidentId && m.data.claim === claim)) ?? null;
}

export interface IssuesExecutor {
  execute(effect: IssueEffect): Promise<void>;
}

export function issuesExecutor(github: GitHubPort, log: ExecutionLog, opts: CreateOnceOptions = {}): IssuesExecutor {
  const lists = new Map<string, Promise<IssueData[]>>();
  // One listing serves every create of a run; a retry lists again (the failed create may be there now).
  const recent = (label: string, fresh = false): Promise<IssueData[]> => {
    const cached = lists.get(label);
    if (cached && !fresh) return cached;
    const p = github.listIssues(label, RECENT_ISSUES);
    lists.set(label, p);
    return p;
  };

  /** Create once; a 422 naming assignees or labels drops them and tries once more. */
  const createIssue = async (fields: IssueFields, lookup: () => Promise<IssueData | null>): Promise<{ issue: IssueData; found: boolean; refused: string[]; droppedLabels: string[] }> => {
    try {
      const made = await createOnce(() => github.createIssue(fields), lookup, opts);
      return { issue: made.value, found: made.found, refused: [], droppedLabels: [] };
    } catch (e) {
      const refused = refusedValues(e, ["assignees", "assignee"]);
      const droppedLabels = refusedValues(e, ["labels"]);
      if (refused.length === 0 && droppedLabels.length === 0) throw e;
      const retry = { ...fields, assignees: fields.assignees.filter((a) => !refused.includes(a)), labels: fields.labels.filter((l) => !droppedLabels.includes(l)) };
      const made = await createOnce(() => github.createIssue(retry), lookup, opts);
      return { issue: made.value, found: made.found, refused, droppedLabels };
    }
  };

  const sayRefused = async (incidentId: string, issue: number, logins: string[]): Promise<void> => {
    answer(log, incidentId, (a) => ({ ...a, refusedAssignees: [...(a.refusedAssignees ?? []), ...logins] }));
    await comment({ kind: "issue.comment", incidentId, issue, key: `assignees-refused:${logins.join(",")}`, body: refusedAssigneesNote(logins), reason: `GitHub refused ${logins.join(", ")} as assignee(s)` });
  };

  const update = async (effect: IssueUpdate): Promise<void> => {
    const { kind: _k, incidentId, issue, reason, labels, currentLabels, assignees, currentAssignees, ...rest } = effect;
    const patch: IssuePatch = { ...rest };
    const stateOnly = Object.keys(patch).every((k) => k === "state" || k === "stateReason") && labels === undefined && assignees === undefined;
    const needsIssue = stateOnly || (labels !== undefined && currentLabels === undefined) || (assignees !== undefined && currentAssignees === undefined);
    const current = needsIssue ? await github.getIssue(issue) : null;
    // Opening or closing what is open or closed already (a re-delivered event) is a write for nothing.
    if (stateOnly && current?.state === patch.state) {
      note(log, effect.kind, reason, "existed", `#${issue} is ${patch.state} already`);
      return;
    }
    if (labels !== undefined) patch.labels = mergeLabels(currentLabels ?? current?.labels ?? [], labels);
    if (assignees !== undefined) patch.assignees = [...new Set([...assignees, ...(currentAssignees ?? current?.assignees ?? [])])].slice(0, MAX_ASSIGNEES);
    log.issues.set(incidentId, issue);
    try {
      await github.updateIssue(issue, patch);
    } catch (e) {
      const refused = refusedValues(e, ["assignees", "assignee"]);
      if (refused.length === 0 || !patch.assignees) throw e;
      await github.updateIssue(issue, { ...patch, assignees: patch.assignees.filter((a) => !refused.includes(a)) });
      note(log, effect.kind, reason, "done", `#${issue}; not assignable: ${refused.join(", ")}`);
      await sayRefused(incidentId, issue, refused);
      return;
    }
    note(log, effect.kind, reason, "done", `#${issue}`);
  };

  const comment = async (effect: IssueComment): Promise<void> => {
    const tag = commentMarker(effect.incidentId, effect.key);
    const lookup = async () => (await github.listComments(effect.issue)).find((c) => c.fromUs && c.body.includes(tag)) ?? null;
    if ((await lookup()) !== null) {
      note(log, effect.kind, effect.reason, "existed");
      return;
    }
    const made = await createOnce(() => github.createComment(effect.issue, `${effect.body}\n\n${tag}`), lookup, opts);
    note(log, effect.kind, effect.reason, made.found ? "existed" : "done");
  };

  return {
    async execute(effect) {
      switch (effect.kind) {
        case "issue.create": {
          const lookup = async () => findIncidentIssue(await recent("incident", true), effect.incidentId, effect.claim);
          const existing = findIncidentIssue(await recent("incident"), effect.incidentId, effect.claim);
          const made = existing ? { issue: existing, found: true, refused: [], droppedLabels: [] } : await createIssue({ title: effect.title, body: effect.body, labels: effect.labels, assignees: effect.assignees }, lookup);
          log.issues.set(effect.incidentId, made.issue.number);
          log.created.set(effect.incidentId, made.issue.number);
          const dropped = `${made.droppedLabels.length > 0 ? `; labels refused and dropped: ${made.droppedLabels.join(", ")}` : ""}${made.refused.length > 0 ? `; ${refusedAssigneesNote(made.refused)}` : ""}`;
          note(log, effect.kind, effect.reason, made.found ? "existed" : "done", `#${made.issue.number}${dropped}`);
          if (made.refused.length > 0) await sayRefused(effect.incidentId, made.issue.number, made.refused);
          return;
        }
        case "issue.update":
          return update(effect);
        case "issue.comment":
          return comment(effect);
        case "comment.react":
          await github.react(effect.commentId, effect.content);
          note(log, effect.kind, effect.reason, "done");
          return;
        case "action-item.create": {
          const tag = actionItemMarker(effect.incidentId, effect.key);
          const lookup = async () => (await recent("action-item", true)).find((i) => i.fromUs && i.body.includes(tag)) ?? null;
          const existing = (await recent("action-item")).find((i) => i.fromUs && i.body.includes(tag));
          const made = existing ? { issue: existing, found: true, refused: [] as string[] } : await createIssue({ title: effect.title, body: `${effect.body}\n\n${tag}`, labels: effect.labels, assignees: effect.assignees }, lookup);
          answer(log, effect.incidentId, (a) => ({ ...a, actionItems: { ...(a.actionItems ?? {}), [effect.key]: made.issue.number } }));
          note(log, effect.kind, effect.reason, made.found ? "existed" : "done", `#${made.issue.number}${made.refused.length > 0 ? `; not assignable: ${made.refused.join(", ")}` : ""}`);
          if (made.refused.length > 0) await comment({ kind: "issue.comment", incidentId: effect.incidentId, issue: made.issue.number, key: "assignees-refused", body: refusedAssigneesNote(made.refused), reason: "GitHub refused the owner as assignee" });
          return;
        }
      }
    },
  };
}
